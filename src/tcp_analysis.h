/*
 * tcp_analysis: Wireshark's TCP sequence analysis (tshark 4.0's
 * tcp_analyze_sequence_number() in epan/dissectors/packet-tcp.c),
 * re-derived so that the counts of each tcp.analysis flag agree with
 * `tshark -Y tcp.analysis.X` on the same capture.
 *
 * Its heuristics are reproduced in their order, mislabels included: a Linux
 * zero-window probe (a bare ACK one byte below SND.NXT) is a "keep-alive"
 * to it, a segment resent sooner than the first RTT is "out of order", and
 * after an "ACKed unseen segment" its unsigned duplicate-ACK count of -1
 * turns the next resend into a "fast retransmission".  The plain-words explanation (annotate.c) says what is
 * really happening; the flags stay comparable.
 *
 * State is plain data, one struct ta_conn per connection, no allocation.
 * Times are nanoseconds since the epoch.
 */
#ifndef TS_TCP_ANALYSIS_H
#define TS_TCP_ANALYSIS_H

#include <stdbool.h>
#include <stdint.h>

/* Wireshark's names, in tcp.analysis.NAME, in the order we list them. */
enum ta_flag {
	TA_RETRANSMISSION	= 1u << 0,
	TA_FAST_RETRANSMISSION	= 1u << 1,
	TA_SPURIOUS_RETRANSMISSION = 1u << 2,
	TA_DUPLICATE_ACK	= 1u << 3,
	TA_ZERO_WINDOW		= 1u << 4,
	TA_ZERO_WINDOW_PROBE	= 1u << 5,
	TA_ZERO_WINDOW_PROBE_ACK = 1u << 6,
	TA_WINDOW_UPDATE	= 1u << 7,
	TA_WINDOW_FULL		= 1u << 8,
	TA_OUT_OF_ORDER		= 1u << 9,
	TA_LOST_SEGMENT		= 1u << 10,
	TA_ACK_LOST_SEGMENT	= 1u << 11,
	TA_KEEP_ALIVE		= 1u << 12,
	TA_KEEP_ALIVE_ACK	= 1u << 13,
	TA_REUSED_PORTS		= 1u << 14
};
#define TA_NFLAGS	15

/* "retransmission", ... by bit number (0 .. TA_NFLAGS-1). */
extern const char *const ta_flag_names[TA_NFLAGS];

/*
 * Wireshark files a fast or spurious retransmission under
 * tcp.analysis.retransmission as well; this gives the flags as its
 * display filter sees them.
 */
uint32_t	ta_filter_flags(uint32_t flags);

#define TA_DUPACK_UNSEEN	UINT32_MAX

/* The window scale of a direction, as Wireshark tracks it. */
enum { TA_WS_UNKNOWN = -1, TA_WS_NONE = -2 };

struct ta_flow {
	uint32_t	base_seq;	/* ISN (or seq-1 when no SYN seen) */
	bool		base_set;
	bool		saw_syn;
	int8_t		win_scale;	/* shift, or TA_WS_* */
	bool		is_first_ack;	/* no segment after the SYN yet */
	uint32_t	nextseq;	/* highest seq+len seen; 0 = none */
	uint32_t	maxseqtobeacked;
	uint32_t	lastack;
	uint32_t	window;		/* last window field, unscaled */
	uint32_t	dupacknum;	/* TA_DUPACK_UNSEEN after an ACK of
					   unseen data (Wireshark's -1) */
	uint32_t	lastsegmentflags;
	uint64_t	nextseqframe;
	uint64_t	lastnondupack;
	int64_t		nextseqtime;
	int64_t		lastacktime;
};

struct ta_conn {
	struct ta_flow	flow[2];
	int64_t		first_rtt;	/* SYN to first bare ACK; 0 unknown */
	int64_t		mru_syn;	/* time of the latest SYN; 0 none */
};

/* One TCP segment as the analysis sees it. */
struct ta_seg {
	uint64_t	frame;
	int64_t		ts;		/* ns */
	uint32_t	seq, ack;
	uint32_t	seglen;		/* payload bytes per the IP header */
	uint8_t		flags;		/* TH_* */
	uint16_t	win;		/* the header's field */
	int		wscale;		/* window scale option; -1 if absent */
};

struct ta_result {
	uint32_t	flags;		/* TA_* */
	uint32_t	dupack_num;	/* with TA_DUPLICATE_ACK: the "#N" */
	uint64_t	dupack_frame;	/* the ACK it repeats */
	uint64_t	rto_frame;	/* with TA_RETRANSMISSION: the original */
	int64_t		rto_ns;		/* and how long after it */
};

void	ta_conn_init(struct ta_conn *c);
/*
 * True when a SYN (or SYN+ACK) from dir starts a new connection on the same ports
 * (its seq differs from the ISN seen before): the caller then resets the
 * connection and passes TA_REUSED_PORTS in ta_analyze's `extra`.
 */
bool	ta_syn_reuses_ports(const struct ta_conn *c, int dir,
	    const struct ta_seg *s);
/* Analyse one segment sent by side dir (0 or 1) of c. */
void	ta_analyze(struct ta_conn *c, int dir, const struct ta_seg *s,
	    uint32_t extra, struct ta_result *r);
/* The window the sender advertises, scaled as Wireshark scales it. */
uint32_t ta_scaled_window(const struct ta_conn *c, int dir,
	    const struct ta_seg *s);

#endif
