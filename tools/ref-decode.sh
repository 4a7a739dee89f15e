#!/bin/sh
# Write tests/data/ref-decode.txt: what tshark decodes from the TCP headers of
# a set of corpus captures covering every link type, VLAN stacking, LLC/SNAP,
# IPv6 extension headers, odd flags and options.  test_decode.c decodes the
# same records and must agree field for field, and must find no TCP where
# tshark finds none, so `make test` needs no tshark.  Run from the root:
#   sh tools/ref-decode.sh > tests/data/ref-decode.txt
# Format: FILE FRAME SPORT DPORT SEQ ACK HDRLEN FLAGS WIN LEN (flags in hex,
# 12 bits: the 4 reserved bits above the 8 control bits).
set -eu

CORPUS=${CORPUS:-../shared/corpus}
FILES="linux-lo-handshake-v4.pcap linux-lo-handshake-v6.pcap linux-lo-ecn.pcap
linux-lo-tfo.pcap linux-lo-bulk-100k.pcap linux-lo-rst-closed-port.pcap
accecn_handshake.pcap fin_retransmission.pcap fragmented-syn.pcap
http-qinq-0.pcap http-vlan-0.pcap vlan-qinqinq.pcap q-in-q.pcap snap-tcp.pcap
ipv6-http-atomic-frag.pcap zeek-communityid-ipv6.pcap ipv6-routing-header.pcap
irc-starttls.pcap mptcp-v1.pcap openjdk-25.0.2-zeek.org.pcap
linux_dlt_sll2.pcap pop3-starttls.pcap test_loopback.pcap payload-syn.pcap
mptcp-tcprst.pcap timeout-with-pings.pcap LINKTYPE_IPV6.pcap options.pcap
option-sack.pcap print-flags.pcap tcp_eight_lowest_weight_flags_set.pcap
window-scale-range.pcap tfo-5c1fa7f9ae91.pcap bigtcp-ipv4.pcap
bigtcp-ipv6-hbh.pcap gso-ipv4.pcap gso-ipv6.pcap ipv4_tcp_http_xml_tso.pcap
ip6-tcp-good-chksum.pcap tcp_rst_data.pcap single-rst.pcap syn.pcap
retransmit-fast009.pcap ssh.pcap icmp_dot1q.pcap 802.1ad_QinQ.pcap
reassembly.pcap mixed-vlan-mpls.pcap pppoe-over-qinq.pcap"

echo "# made by tools/ref-decode.sh with $(tshark --version 2>/dev/null | head -1)"
for f in $FILES; do
	echo "file $f"
	tshark -r "$CORPUS/$f" -o ip.defragment:FALSE -o ipv6.defragment:FALSE \
	    -o tcp.analyze_sequence_numbers:FALSE -Y 'tcp && !icmp && !icmpv6' \
	    -T fields -E separator=' ' -e frame.number -e tcp.srcport \
	    -e tcp.dstport -e tcp.seq_raw -e tcp.ack_raw -e tcp.hdr_len \
	    -e tcp.flags -e tcp.window_size_value -e tcp.len 2>/dev/null
done
