#!/bin/sh
# Record tshark's TCP analysis of every built-in scenario's export (seed 1,
# IPv4), so tests/test_timers.c can check the engine agrees with tshark
# without needing it.  Usage:
#   sh tools/ref-scn-tshark.sh > tests/data/scn-tshark.txt
# A line: SCENARIO FRAME FLAGS, FLAGS a comma list of retransmission,
# zero_window, zero_window_probe, keep_alive, or "-" for none.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "# $(tshark -v 2>/dev/null | head -1): tools/ref-scn-tshark.sh"
for s in $(./tcpstep scenarios | awk '{print $1}'); do
	./tcpstep export --scenario "$s" --seed 1 -o "$tmp/x.pcap"
	tshark -r "$tmp/x.pcap" -T fields -E separator=, -E occurrence=f \
	    -e frame.number \
	    -e tcp.analysis.retransmission -e tcp.analysis.zero_window \
	    -e tcp.analysis.zero_window_probe -e tcp.analysis.keep_alive \
	    2>/dev/null | awk -F, -v s="$s" '{
		f = ""
		if ($2 != "") f = f ",retransmission"
		if ($3 != "") f = f ",zero_window"
		if ($4 != "") f = f ",zero_window_probe"
		if ($5 != "") f = f ",keep_alive"
		print s, $1, (f == "" ? "-" : substr(f, 2))
	}'
done
