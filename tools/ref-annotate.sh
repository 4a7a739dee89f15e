#!/bin/sh
# Build tests/data/annotate-ref.tsv: for every good capture of the shared
# corpus (MANIFEST.tsv categories good-tcp, good-other and pcapng) that
# libpcap reads to the end, the packet count of `tcpdump --count -r` and
# the number of packets tshark flags with each tcp.analysis.NAME.
# tests/test_annotate.c compares `tcpstep annotate` with this table, so
# `make test` needs neither tool.  Run from the project root:
#
#   sh tools/ref-annotate.sh [CORPUS_DIR]      (default ../shared/corpus)
#
# Needs tcpdump and tshark (4.x).
set -eu
export LC_ALL=C TZ=UTC

corpus=${1:-../shared/corpus}
out=tests/data/annotate-ref.tsv
names="retransmission fast_retransmission spurious_retransmission
duplicate_ack zero_window zero_window_probe zero_window_probe_ack
window_update window_full out_of_order lost_segment ack_lost_segment
keep_alive keep_alive_ack reused_ports"

for t in tcpdump tshark; do
	command -v "$t" >/dev/null || { echo "ref-annotate: $t missing" >&2; exit 2; }
done
[ -f "$corpus/MANIFEST.tsv" ] || { echo "ref-annotate: no $corpus/MANIFEST.tsv" >&2; exit 2; }

fields=""
for n in $names; do
	fields="$fields -e tcp.analysis.$n"
done

tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.err"' EXIT
{
	printf '# made by tools/ref-annotate.sh with %s and %s\n' \
	    "$(tcpdump --version 2>&1 | head -1)" \
	    "$(tshark --version 2>/dev/null | head -1)"
	printf 'file\tpackets'
	for n in $names; do printf '\t%s' "$n"; done
	printf '\n'
	awk -F'\t' 'NR > 1 && ($7 == "good-tcp" || $7 == "good-other" ||
	    $7 == "pcapng") { print $1 }' "$corpus/MANIFEST.tsv" | sort |
	while read -r f; do
		p="$corpus/$f"
		# Only files libpcap reads to the end without complaint.
		if ! tcpdump --count -r "$p" >"$tmp" 2>"$tmp.err"; then
			continue
		fi
		if grep -qv -e '^reading from' -e 'packets\{0,1\}$' "$tmp.err"; then
			continue
		fi
		pk=$(cat "$tmp" "$tmp.err" | sed -n 's/^\([0-9][0-9]*\) packets\{0,1\}$/\1/p' | head -1)
		[ -n "$pk" ] || continue
		# shellcheck disable=SC2086
		tshark -n -r "$p" -T fields $fields -E occurrence=f \
		    -E separator=/t 2>/dev/null >"$tmp" || true
		printf '%s\t%s' "$f" "$pk"
		awk -F'\t' -v n=15 '{ for (i = 1; i <= n; i++) if ($i != "") c[i]++ }
		    END { for (i = 1; i <= n; i++) printf "\t%d", c[i] + 0; printf "\n" }' "$tmp"
	done
} >"$out.new"
mv "$out.new" "$out"
echo "ref-annotate: wrote $out ($(grep -vc '^#' "$out") lines)" >&2
