#!/bin/sh
# Write tests/data/ref-cksum.txt: for every TCP record of the Linux loopback
# captures (and the three IPv6 checksum samples), the checksum field and the
# value tcpdump -v says it should hold.  test_cksum.c checks our computation
# against it, so `make test` needs no tcpdump.  Run from the project root:
#   sh tools/ref-cksum.sh > tests/data/ref-cksum.txt
# Format: FILE RECORD FIELD CORRECT (hex, RECORD 1-based as tshark's frame).
set -eu

CORPUS=${CORPUS:-../shared/corpus}
echo "# made by tools/ref-cksum.sh with $(tcpdump --version 2>&1 | head -1)"
for f in "$CORPUS"/linux-lo-*.pcap "$CORPUS"/ip6-tcp-good-chksum.pcap \
    "$CORPUS"/ip6-tcp-bad-chksum.pcap \
    "$CORPUS"/ip6-route0-tcp-bad-chksum.pcap; do
	tcpdump -v -nn -r "$f" 2>/dev/null | awk -v file="$(basename "$f")" '
	/^[0-9]/ { n++ }
	match($0, /cksum 0x[0-9a-f]+ \((correct|incorrect -> 0x[0-9a-f]+)\)/) {
		s = substr($0, RSTART, RLENGTH)
		split(s, w, " ")
		field = w[2]
		want = (w[3] == "(correct)") ? field : w[5]
		sub(/\)$/, "", want)
		print file, n, field, want
	}'
done
