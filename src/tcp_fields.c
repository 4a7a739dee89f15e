/*
 * tcp_fields: the TCP header's layout (RFC 9293 §3.1, Figure 1), the one
 * table the views draw the header's bits from.  It covers the fixed 20
 * bytes; the options that follow vary (struct pkt_tcp holds them).  Keys are
 * the names of struct pkt_tcp's members, flags prefixed "flag_".
 */
#include "pkt.h"

#include "i18n.h"

const struct tcp_field tcp_fields[] = {
	{ "Source Port", "sport", 0, 16,
	    N_("the sending application's port number") },
	{ "Destination Port", "dport", 16, 16,
	    N_("the receiving application's port number") },
	{ "Sequence Number", "seq", 32, 32,
	    N_("number of the first data byte (the ISN on a SYN)") },
	{ "Acknowledgment Number", "ack", 64, 32,
	    N_("next byte the sender expects to receive (valid with ACK)") },
	{ "Data Offset", "doff", 96, 4,
	    N_("header length in 32-bit words (5 to 15)") },
	{ "Reserved", "reserved", 100, 4,
	    N_("reserved bits; the last one is AccECN's AE") },
	{ "CWR", "flag_cwr", 104, 1,
	    N_("congestion window reduced (ECN, RFC 3168)") },
	{ "ECE", "flag_ece", 105, 1,
	    N_("ECN echo: congestion was seen (RFC 3168)") },
	{ "URG", "flag_urg", 106, 1,
	    N_("the urgent pointer field is significant") },
	{ "ACK", "flag_ack", 107, 1,
	    N_("the acknowledgment number field is significant") },
	{ "PSH", "flag_psh", 108, 1,
	    N_("push: deliver the data to the application now") },
	{ "RST", "flag_rst", 109, 1,
	    N_("reset: abort the connection") },
	{ "SYN", "flag_syn", 110, 1,
	    N_("synchronize sequence numbers: opens a connection") },
	{ "FIN", "flag_fin", 111, 1,
	    N_("no more data from the sender: closes its direction") },
	{ "Window", "win", 112, 16,
	    N_("bytes the sender can receive now (scaled after the SYN)") },
	{ "Checksum", "cksum", 128, 16,
	    N_("one's-complement sum over pseudo-header, header and data") },
	{ "Urgent Pointer", "urp", 144, 16,
	    N_("offset of the end of urgent data (valid with URG)") },
};

const size_t tcp_field_count = sizeof(tcp_fields) / sizeof(tcp_fields[0]);
