/*
 * tcb: the transmission control block, the part of a socket only its own
 * stack sees (the book: the control information kept in the socket).
 * Field names are RFC 9293 §3.3.1's, in lower case, so code and RFC read
 * side by side.  Plain data: no pointers, no floats, so a copy is a
 * snapshot.
 */
#ifndef TS_TCB_H
#define TS_TCB_H

#include <stdbool.h>
#include <stdint.h>

/* The eleven states of RFC 9293 §3.3.2. */
enum tcp_state {
	TCPS_CLOSED = 0,
	TCPS_LISTEN,
	TCPS_SYN_SENT,
	TCPS_SYN_RECEIVED,
	TCPS_ESTABLISHED,
	TCPS_FIN_WAIT_1,
	TCPS_FIN_WAIT_2,
	TCPS_CLOSE_WAIT,
	TCPS_CLOSING,
	TCPS_LAST_ACK,
	TCPS_TIME_WAIT,
	TCPS_COUNT
};

/* The RFC's spelling: "SYN-RECEIVED", "TIME-WAIT". */
const char	*tcp_state_name(int state);

/* The timers of one connection (RFC 6298, RFC 9293 §3.8, RFC 1122). */
enum tcp_timer {
	TCPT_REXMT = 0,		/* retransmission (also SYN retries) */
	TCPT_DELACK,		/* delayed ACK */
	TCPT_PERSIST,		/* zero-window probe */
	TCPT_KEEP,		/* keep-alive */
	TCPT_2MSL,		/* TIME-WAIT */
	TCPT_COUNT
};

const char	*tcp_timer_name(int timer);	/* "retransmission", ... */

struct tcb {
	uint8_t		state;		/* enum tcp_state */

	/* Send sequence variables (RFC 9293 §3.3.1). */
	uint32_t	snd_una;	/* oldest unacknowledged */
	uint32_t	snd_nxt;	/* next to send */
	uint32_t	snd_wnd;	/* peer's window, scaled */
	uint32_t	snd_up;		/* urgent pointer */
	uint32_t	snd_wl1;	/* SEG.SEQ of the last window update */
	uint32_t	snd_wl2;	/* SEG.ACK of the last window update */
	uint32_t	iss;		/* initial send sequence number */
	uint32_t	snd_max;	/* highest sequence sent (+1) */

	/* Receive sequence variables. */
	uint32_t	rcv_nxt;
	uint32_t	rcv_wnd;
	uint32_t	rcv_up;
	uint32_t	irs;		/* initial receive sequence number */

	/* Negotiated in the SYNs (RFC 9293 §3.7.1, RFC 7323, RFC 2018). */
	uint16_t	mss_offered;	/* what this end put in its SYN */
	uint16_t	mss_peer;	/* what the peer offered (536 if none) */
	uint16_t	mss;		/* effective send MSS */
	uint8_t		snd_wscale;	/* shift applied to the peer's windows */
	uint8_t		rcv_wscale;	/* shift the peer applies to ours */
	bool		wscale_ok;
	bool		sack_ok;
	bool		ts_ok;
	uint32_t	ts_recent;	/* TS.Recent (RFC 7323 §4.3) */
	uint32_t	ts_offset;	/* added to our clock in TSval */

	/* Retransmission (RFC 6298), in microseconds. */
	uint32_t	srtt_us;	/* 0 until the first measurement */
	uint32_t	rttvar_us;
	uint32_t	rto_us;
	uint8_t		backoff;	/* retransmissions of the oldest segment */
	bool		rtt_timing;	/* a segment is being timed */
	uint32_t	rtt_seq;	/* ... this one */
	uint64_t	rtt_start_us;
	uint32_t	cwnd;		/* congestion window (RFC 5681) */
	uint32_t	ssthresh;
	uint8_t		keep_probes;	/* unanswered keep-alive probes */
	uint8_t		persist_probes;

	/* Timers: expiry in virtual microseconds, 0 when not armed. */
	uint64_t	timer[TCPT_COUNT];

	bool		fin_queued;	/* the application closed its side */
	bool		fin_rcvd;
	bool		active;		/* opened by connect(), not listen() */
	uint32_t	max_snd_wnd;	/* largest window the peer offered */
	uint32_t	win_clamp;	/* largest window we advertise */
	uint32_t	fin_seq;	/* our FIN's sequence number, once sent */
	bool		ack_pending;	/* an ACK is owed (delayed or not) */
	uint8_t		unacked_segs;	/* full segments since our last ACK */
	uint8_t		challenge_acks;	/* RFC 5961 §7 count this second */
	uint64_t	challenge_sec;
};

#endif
