/*
 * replay: a real capture stepped through like the simulator, showing what
 * the wire proves and what can only be inferred.
 *
 * replay_open() reads the capture once, streaming, and keeps for each TCP
 * connection a compact summary (endpoints, counts, how it started and
 * ended, the analysis flags it raised): no packet bytes, so memory is
 * bounded by the number of connections indexed, itself capped (the rest is
 * counted, never silently dropped).  replay_load() reads the capture again
 * and keeps one connection's packets, each with the annotator's narration
 * and both endpoints' control blocks as far as the wire reveals them.
 *
 * A capture sees the wire from one place.  Every value of the control
 * blocks is therefore tagged: OBSERVED when a field sent by that side
 * states it (its own SYN's seq is its ISS, its ACK field is its RCV.NXT),
 * INFERRED when it follows from the other side's packets or from RFC 9293
 * if they arrived (SND.UNA is the last ACK it received), UNKNOWN when the
 * wire cannot tell (no SYN captured: ISS unknown; no window scale seen:
 * windows unknown).  Nothing is invented.  The far side's buffers are never
 * on the wire and are not modelled.
 *
 * Standard input ("-") is read once: it is copied to a temporary file of at
 * most REPLAY_STDIN_MAX bytes so that a connection can be loaded later.
 *
 * Nothing here prints; errors fill a struct ts_err.
 */
#ifndef TS_REPLAY_H
#define TS_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conn.h"
#include "err.h"
#include "pkt.h"
#include "tcp_analysis.h"

#define REPLAY_MAX_CONNS	(1u << 20)	/* index entries kept at most */
#define REPLAY_MAX_STEPS	(1u << 18)	/* packets of one connection:
						   ~100 MiB at most */
#define REPLAY_SNAP		256	/* header bytes kept per packet, at most */
#define REPLAY_STDIN_MAX	((uint64_t)1 << 30)

/* How sure the wire is of a value. */
enum replay_tag {
	RV_UNKNOWN = 0,
	RV_OBSERVED,
	RV_INFERRED
};

struct replay_val {
	uint32_t	v;
	uint8_t		tag;		/* enum replay_tag */
};

/*
 * States: RFC 9293's (enum tcp_state, tcb.h), plus two the wire forces on
 * us: "LISTEN or CLOSED" (a SYN arrived, no answer yet) and "synchronized"
 * (a capture that starts mid-connection: ESTABLISHED or later).
 */
enum {
	RS_LISTEN_OR_CLOSED = 100,
	RS_SYNCHRONIZED
};

/* One endpoint's control block as far as the wire reveals it. */
struct replay_tcb {
	int		state;		/* enum tcp_state or RS_*; -1 unknown */
	uint8_t		state_tag;
	struct replay_val iss, irs;
	struct replay_val snd_una, snd_nxt, snd_wnd;
	struct replay_val rcv_nxt, rcv_wnd;
	int8_t		wscale;		/* its shift once agreed; -1 unknown */
	bool		fin_sent;
	uint32_t	fin_seq;	/* the sequence number of its FIN */
};

enum replay_start {
	REPLAY_START_SYN = 0,		/* the first SYN was captured */
	REPLAY_START_SYNACK,		/* only the SYN+ACK */
	REPLAY_START_MID		/* no SYN: mid-connection */
};

enum replay_end {
	REPLAY_END_OPEN = 0,		/* no close seen: the capture cut it */
	REPLAY_END_FIN,			/* FIN both ways */
	REPLAY_END_HALF,		/* FIN one way */
	REPLAY_END_RST,
	REPLAY_END_REFUSED		/* SYN answered by RST */
};

/* One connection of the index: compact, no packet bytes. */
struct replay_conn {
	uint64_t	id;		/* 1-based, order of first packet */
	struct pkt_addr	addr[2];	/* side 0 sent the first packet */
	uint16_t	port[2];
	char		ep[2][48];	/* "192.0.2.1.80", safe to print */
	int8_t		client;		/* side of the first bare SYN; -1 */
	uint8_t		start;		/* enum replay_start */
	uint8_t		end;		/* enum replay_end */
	uint64_t	first_frame, last_frame;
	int64_t		first_off;	/* byte offset of its first record; -1 */
	int64_t		first_ts, last_ts;	/* ns */
	uint64_t	pkts[2], bytes[2];	/* sent by each side */
	uint32_t	counts[TA_NFLAGS];	/* analysis flags raised */
	uint64_t	problems;	/* packets with any of them */
};

/* One packet of a loaded connection. */
struct replay_step {
	uint64_t	frame;
	int64_t		ts;		/* ns since the epoch */
	int64_t		rel_ns;		/* since the connection's first */
	uint32_t	caplen, wirelen;
	uint16_t	snaplen;	/* bytes kept in data */
	uint8_t		dir;		/* sender's side */
	uint8_t		tcpflags;	/* TH_* */
	uint32_t	seq, ack, seglen;
	uint32_t	taflags;	/* TA_*, as the display filter sees */
	uint32_t	dupack_num;	/* with TA_DUPLICATE_ACK: tshark's "#N" */
	uint64_t	dupack_frame;	/* and the frame of the ACK repeated */
	char		*explain;	/* the annotator's words (owned) */
	char		*problems;	/* "; "-joined, or NULL (owned) */
	struct replay_tcb tcb[2];	/* after this packet */
	uint8_t		*data;		/* its headers, snaplen bytes (owned) */
};

enum replay_near {
	REPLAY_NEAR_UNKNOWN = 0,
	REPLAY_NEAR_CLIENT,
	REPLAY_NEAR_SERVER,
	REPLAY_NEAR_MIDDLE
};

struct replay_build;
struct replay_loader;
struct pcap_rd;

struct replay {
	char		*path;		/* the file read (owned) */
	char		*tmp;		/* a copy of stdin, unlinked on free */
	char		*filter;	/* owned, may be NULL */
	int		 linktype;
	char		 linkname[64];
	uint64_t	 packets;	/* records read */
	uint64_t	 tcp_packets;
	uint64_t	 evicted;	/* connections the annotator forgot */
	struct replay_conn *conns;	/* nconns, in order of id */
	uint32_t	 nconns, cap, alloc;
	uint64_t	 dropped;	/* connections past the index's cap */

	/* The index still being built (replay_start), or done (rd NULL). */
	struct pcap_rd	*rd;
	struct replay_build *build;
	uint64_t	 fsize, fpos;	/* bytes, for progress; fsize 0: unknown */
	/* A read error after some records (a truncated or damaged file):
	 * the index and a connection keep what came before it, as tcpdump
	 * prints the packets before it; "" when none. */
	char		 damage[512];

	/* The connection loaded, or none (loaded == 0). */
	uint64_t	 loaded;	/* its id */
	struct replay_loader *ld;	/* still being loaded, or NULL */
	uint64_t	 load_frame;	/* the last record read, for progress */
	struct replay_step *steps;
	uint32_t	 nsteps;
	bool		 steps_cut;	/* more packets than max_steps */
	uint8_t		 near;		/* enum replay_near: a guess */
	int64_t		 gap_syn, gap_ack;	/* SYN->SYN+ACK, SYN+ACK->ACK */
};

/*
 * Read path ("-": stdin) once, with an optional tcpdump-style filter, and
 * index its TCP connections, at most max_conns (0: REPLAY_MAX_CONNS).
 * Returns NULL with err filled; *why gets PCAP_RD_EFILTER for a bad
 * filter (a usage error), PCAP_RD_EFILE otherwise.  lang_init must have
 * run: the narration is translated once.  Free with replay_free.
 */
struct replay *replay_open(const char *path, const char *filter,
	    uint32_t max_conns, int *why, struct ts_err *err);
void	replay_free(struct replay *r);

/*
 * The same, but index only the first `first` packets: the rest comes by
 * replay_index_more, so a big capture opens at once.  While it runs, the
 * index holds every connection seen so far (in id order), their counts
 * growing; a connection loaded meanwhile has the packets indexed so far.
 */
struct replay *replay_start(const char *path, const char *filter,
	    uint32_t max_conns, uint64_t first, int *why, struct ts_err *err);
/* Index n more packets: 1 when the index is complete, 0 if not, -1. */
int	replay_index_more(struct replay *r, uint64_t n, struct ts_err *err);
/* Whether replay_index_more has more to do. */
bool	replay_indexing(const struct replay *r);

/* The index entry with this id, or NULL. */
const struct replay_conn *replay_conn_by_id(const struct replay *r,
	    uint64_t id);
/*
 * Load the packets of connection id (at most max_steps, 0: the default)
 * and compute the control blocks after each.  Replaces any loaded one.
 */
int	replay_load(struct replay *r, uint64_t id, uint32_t max_steps,
	    struct ts_err *err);
/*
 * The same in slices, so that a connection spread over a big capture
 * opens at once: replay_load_start, then replay_load_more reads n more
 * records (1 when the connection is complete, 0 if not, -1 on an error,
 * the connection then unloaded).  Meanwhile r->loaded is set, the steps
 * grow, and the capture-point guess waits for the end.
 */
int	replay_load_start(struct replay *r, uint64_t id, uint32_t max_steps,
	    struct ts_err *err);
int	replay_load_more(struct replay *r, uint64_t n, struct ts_err *err);
bool	replay_loading(const struct replay *r);

/* Words, in English (the views translate them with _()). */
const char *replay_tag_name(int tag);	/* "observed", ... */
const char *replay_state_name(int state);
const char *replay_start_name(int start);
const char *replay_end_name(int end);
const char *replay_near_name(int near);

/*
 * The index's order by a key, into idx (nconns entries): 'i' id, 'p'
 * packets, 'b' bytes, 'x' problems, 'd' duration (largest first but for
 * id).  A stable sort: ties keep the order of id.
 */
void	replay_order(const struct replay *r, int key, uint32_t *idx);

#endif
