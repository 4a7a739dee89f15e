#!/bin/sh
# Write tests/data/ref-print.txt: for every TCP record of a few captures, the
# line `tcpdump -nn -t` prints and the Info column `tshark` prints, which
# test_print.c must reproduce from our decoding (so `make test` needs
# neither tool).  Run from the project root:
#   sh tools/ref-print.sh > tests/data/ref-print.txt
# Format: FILE<TAB>FRAME<TAB>TCPDUMP<TAB>TSHARK, where TSHARK is "-" when the
# line depends on flow analysis we do not do (AccECN's ACE counter), on
# where Wireshark's dissector gave up (mptcp-dss-oobr: "[Malformed Packet]"),
# or for tests/data/crafted-print.pcap (tools/craft-print.py), whose odd
# packets share one 4-tuple and so confuse Wireshark's flow analysis; its
# non-TCP records (later fragments) are kept for tcpdump's line.
# Left out on purpose, as pkt_print.h says: the application text tcpdump
# appends after "length N" (": HTTP ..."), and tshark's analysis labels
# ("[TCP Retransmission] ") and application rows (HTTP is disabled), and
# what a payload dissector appends ("[BoundErrorUnreassembled Packet]").
set -eu

CORPUS=${CORPUS:-../shared/corpus}
FILES="linux-lo-handshake-v4.pcap linux-lo-handshake-v6.pcap linux-lo-ecn.pcap
linux-lo-tfo.pcap linux-lo-bulk-100k.pcap linux-lo-rst-closed-port.pcap
print-flags.pcap window-scale-range.pcap option-sack.pcap
tfo-5c1fa7f9ae91.pcap options.pcap tcp_eight_lowest_weight_flags_set.pcap
accecn_handshake.pcap mptcp-v1.pcap mptcp-fclose.pcap mptcp-tcprst.pcap
mptcp-dss-oobr.pcap rst-inject-rae.pcap truncated-header.pcap"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

echo "# made by tools/ref-print.sh with $(tcpdump --version 2>&1 | head -1)" \
    "and $(tshark --version 2>/dev/null | head -1)"
for f in $FILES crafted-print.pcap; do
	p="$CORPUS/$f"
	[ "$f" = crafted-print.pcap ] && p=tests/data/$f	# tools/craft-print.py
	tcpdump -nn -t -r "$p" 2>/dev/null |
	    sed 's/\(, length [0-9]*\): .*/\1/' | awk '{ print NR "\t" $0 }' \
	    > "$T/d"
	tshark -r "$p" -o tcp.desegment_tcp_streams:FALSE \
	    --disable-protocol http -Y tcp -T fields -E separator=/t \
	    -e frame.number -e _ws.col.Info 2>/dev/null |
	    sed 's/\t\(\[TCP [^]]*\] \)*/\t/; s/\[BoundError.*//' > "$T/s"
	case "$f" in
	accecn_*|mptcp-dss-oobr*) sed -i 's/\t.*/\t-/' "$T/s" ;;
	crafted-*) sed 's/\t.*/\t-/' "$T/d" > "$T/s" ;;	# all, even non-TCP
	esac
	awk -F '\t' -v f="$f" 'NR == FNR { s[$1] = $2; next }
	    ($1 in s) { print f "\t" $1 "\t" $2 "\t" s[$1] }' "$T/s" "$T/d"
done
