#!/bin/sh
# Record what tcpdump -nn (-S) and tshark print for every frame of every
# built-in scenario's export (seed 1, IPv4), so tests/test_panes.c can check
# the d pane against the real tools without needing them.  Usage:
#   sh tools/ref-dump-lines.sh > tests/data/dump-lines.txt
# A line: SCENARIO FRAME rel|abs tcpdump|tshark TEXT; tcpdump's without its
# timestamp, tshark's Info column (absolute: relative_sequence_numbers off).
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "# $(tcpdump --version 2>&1 | head -1); $(tshark -v 2>/dev/null | head -1): tools/ref-dump-lines.sh"
for s in $(./tcpstep scenarios | awk '{print $1}'); do
	./tcpstep export --scenario "$s" --seed 1 -o "$tmp/x.pcap"
	tcpdump -nn -r "$tmp/x.pcap" 2>/dev/null | sed 's/^[0-9:.]* //' |
	    awk -v s="$s" '{ print s, NR, "rel tcpdump", $0 }'
	tcpdump -nn -S -r "$tmp/x.pcap" 2>/dev/null | sed 's/^[0-9:.]* //' |
	    awk -v s="$s" '{ print s, NR, "abs tcpdump", $0 }'
	tshark -r "$tmp/x.pcap" -T fields -e frame.number -e _ws.col.Info \
	    2>/dev/null | awk -F'\t' -v s="$s" '{ print s, $1, "rel tshark", $2 }'
	tshark -o tcp.relative_sequence_numbers:FALSE -r "$tmp/x.pcap" \
	    -T fields -e frame.number -e _ws.col.Info 2>/dev/null |
	    awk -F'\t' -v s="$s" '{ print s, $1, "abs tshark", $2 }'
done
