#!/bin/sh
# Install the Debian packages tcpstep needs to build and test, when they are
# missing.  Run by `make run` and `make test` before the Makefile evaluates any
# pkg-config, so a fresh Debian machine with only git and make gets there.
# As root: apt-get update, then apt-get install.  Otherwise: print the exact
# command to run and exit 2.
set -eu

PACKAGES="gcc make pkg-config libc6-dev libncurses-dev libpcap-dev libcunit1-dev gettext"
if [ "${1:-}" = "--extra" ]; then
	shift
	PACKAGES="$PACKAGES $*"
fi

missing=""
for p in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "tcpstep: missing packages:$missing" >&2
	echo "run as root: apt-get install -y$missing" >&2
	exit 2
fi

echo "tcpstep: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >&2
