/*
 * pkt_print: a decoded TCP packet as one line, the way the two tools a
 * student will meet print it: `tcpdump -nn` (without the timestamp) and the
 * Info column of `tshark`'s summary line.  Seeing both next to the bytes
 * teaches how to read them.
 *
 * Left out: what needs the tools' flow analysis (tshark's "[TCP
 * Retransmission]" labels and reassembly notes, AccECN's ACE counter), the
 * application-layer text tcpdump appends after "length N" (": HTTP ..."),
 * and the link-layer prefixes it prints for PPPoE, MPLS and SLL2 ("PPPoE
 * [ses 0xf07] ", "MPLS (label 29, ...) ", "ifb0  Out ").  Checked against
 * tcpdump 4.99.3 and tshark 4.0.17 on the corpus: tests/data/ref-print.txt.
 */
#ifndef TS_PKT_PRINT_H
#define TS_PKT_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pkt.h"

/*
 * What the tools know from the rest of the connection.  NULL means none:
 * absolute numbers and the window as sent.
 */
struct pkt_print_ctx {
	bool		relative;	/* seq/ack relative to the ISNs below */
	uint32_t	isn_src;	/* ISN of this segment's sender */
	uint32_t	isn_dst;	/* ISN of its receiver */
	int		wscale;		/* the sender's window scale shift (its
					   SYN's option, when both SYNs had
					   one), or -1: tshark's Win= as sent */
};

/*
 * What each tool remembers of the connections in a capture, to fill the
 * contexts above as it would: tcpdump (print-tcp.c) from a connection's
 * first segment with ACK, re-based on every SYN with ACK; Wireshark
 * (packet-tcp.c) from each side's SYN, or its first segment, or the ACK
 * field when a side has not spoken yet; window scaling once both SYNs
 * carried the option.  A fixed table: past PKT_PRINT_FLOWS connections the
 * oldest is forgotten (numbers for it then restart, as after a new SYN).
 */
#define PKT_PRINT_FLOWS	32

struct pkt_print_flow {
	struct pkt_addr	a, b;		/* a: who sent its first packet */
	uint16_t	pa, pb;
	bool		td_known;
	uint32_t	td_base[2];	/* tcpdump's, index 0 for a's side */
	bool		ts_have[2];
	uint32_t	ts_base[2];	/* Wireshark's */
	bool		syn[2];
	int		ws[2];		/* shift from the side's SYN, or -1 */
};

struct pkt_print_track {
	struct pkt_print_flow	flow[PKT_PRINT_FLOWS];
	int			n;
	int			next;	/* the one to forget when full */
};

void	pkt_print_track_init(struct pkt_print_track *tr);
/*
 * Feed every decoded packet in capture order; for one with a TCP header
 * this fills what tcpdump and tshark would know (either may be NULL).
 * Returns false, filling nothing, for a packet without one.
 */
bool	pkt_print_track(struct pkt_print_track *tr, const struct pkt *p,
	    struct pkt_print_ctx *tcpdump, struct pkt_print_ctx *tshark);

/*
 * "IP 192.0.2.10.49152 > 192.0.2.20.80: Flags [S], seq 123, win 64240,
 * options [mss 1460,...], length 0" ("IP6 ..." for IPv6).  As tcpdump,
 * relative numbers apply only to a segment with ACK and without SYN, and
 * SACK edges are relative to isn_dst.  A packet without a TCP header gives
 * what tcpdump says first of it ("IP a > b: ip-proto-17 12", "UDP, length
 * 4"), or the decoding problem.  Returns buf, always NUL-terminated.
 */
const char	*pkt_print_tcpdump(const struct pkt *p,
		    const struct pkt_print_ctx *ctx, char *buf, size_t len);

/*
 * "49152 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=1
 * TSecr=0 WS=128" (UTF-8 arrow, as tshark prints it; ascii gives "->").
 * SYN segments are never window-scaled; shifts above 14 count as 14 (RFC
 * 7323 §2.3), as Wireshark does.  A header cut by the capture ends in
 * "[Packet size limited during capture]", options at a malformed one.  Empty when p has no TCP header.
 */
const char	*pkt_print_tshark(const struct pkt *p,
		    const struct pkt_print_ctx *ctx, bool ascii, char *buf,
		    size_t len);

#endif
