#!/bin/sh
# Compare pkt_print with the real tools on every classic-pcap capture of the
# corpus in the given MANIFEST categories (default: good-tcp malformed
# truncated): per file, the TCP records compared and how many differ, then
# the total.  -v shows the first difference of each file.  Needs tcpdump,
# tshark and `make build/print_lines`.  Not part of `make test` (that uses
# the reference lines in tests/data/ref-print.txt).
#   sh tools/cmp-print.sh [-v] d|s [CATEGORY...]
set -eu

CORPUS=${CORPUS:-../shared/corpus}
V=0
[ "${1:-}" = -v ] && { V=1; shift; }
MODE=${1:?usage: cmp-print.sh [-v] d|s [CATEGORY...]}
shift
CATS=${*:-good-tcp malformed truncated}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

for f in $(awk -F '\t' -v cats=" $CATS " \
    'index(cats, " " $7 " ") && $1 !~ /pcapng|\.gz$/ { print $1 }' \
    "$CORPUS/MANIFEST.tsv"); do
	./build/print_lines "$CORPUS/$f" "$MODE" > "$T/ours" 2>/dev/null ||
	    continue
	if [ "$MODE" = d ]; then
		tcpdump -nn -t -r "$CORPUS/$f" 2>/dev/null |
		    sed 's/\(, length [0-9]*\): .*/\1/' |
		    awk '{ print NR "\t" $0 }' > "$T/theirs"
	else
		tshark -r "$CORPUS/$f" -o tcp.desegment_tcp_streams:FALSE \
		    -Y tcp -T fields -E separator=/t -e frame.number \
		    -e _ws.col.Protocol -e _ws.col.Info 2>/dev/null |
		    awk -F '\t' '$2 == "TCP" || $2 == "MPTCP" { print $1 "\t" $3 }' |
		    sed 's/\t\(\[TCP [^]]*\] \)*/\t/;
		    s/ \[TCP segment of a reassembled PDU\]//;
		    s/\[BoundError.*//' > "$T/theirs"
	fi
	awk -F '\t' -v f="$f" -v v="$V" '
	NR == FNR { o[$1] = $2; next }
	($1 in o) && o[$1] != "-" {
		n++
		if (o[$1] != $2) {
			d++
			if (v && d == 1)
				print "  tool: " $2 "\n  ours: " o[$1]
		}
	}
	END { print f, n + 0, d + 0 }' "$T/ours" "$T/theirs"
done | awk '{ print } $2 ~ /^[0-9]+$/ { n += $2; d += $3 }
    END { print "total", n + 0, d + 0 }'
