/*
 * conn: the table of TCP connections seen in a capture, keyed by the
 * 4-tuple in either direction.
 *
 * Memory is bounded: the table holds at most `cap` connections, allocated
 * once.  When it is full, one is evicted: of CONN_EVICT_SAMPLE slots taken
 * in turn by a clock hand, a closed one seen least recently, else the one
 * seen least recently (keeping an exact LRU list costs more cache misses
 * per packet than the rest of the lookup).  The caller's eviction hook
 * hears of each one first (for its summary), and the counts are kept so the
 * UI can report them: forgetting is never silent.  A later packet of an
 * evicted connection starts a new one.
 *
 * Side 0 of a connection is the source of its first packet; `client` says
 * which side sent the first bare SYN, when one was seen.
 */
#ifndef TS_CONN_H
#define TS_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pkt.h"
#include "tcp_analysis.h"

/* How a connection ended, as far as the capture shows. */
enum conn_end {
	CONN_OPEN = 0,		/* still open when the capture ends */
	CONN_FIN,		/* FIN both ways */
	CONN_HALF,		/* FIN one way only */
	CONN_RST,		/* reset */
	CONN_REFUSED		/* SYN answered by RST */
};

/* What one side did, for the explanation and the summary. */
struct conn_side {
	uint64_t	bytes;		/* payload bytes sent, new or not */
	uint64_t	retrans_bytes;	/* of them, in segments flagged as
					   retransmissions (tshark's filter) */
	uint64_t	unique_bytes;	/* the sequence space data covered:
					   highest byte sent minus the ISN */
	uint64_t	pkts;
	uint64_t	retrans;	/* segments flagged as retransmissions */
	uint64_t	dupacks;
	uint64_t	syn_frame;	/* its SYN (or SYN+ACK); 0 if none */
	int64_t		syn_ts;
	int64_t		syn_last_ts;	/* its latest SYN, sent again or not:
					   the RTT runs from it, as tshark's
					   iRTT does (ts_mru_syn) */
	uint64_t	fin_frame;	/* its first FIN; 0 if none */
	int64_t		fin_ts;
	uint64_t	rst_frame;
	uint64_t	zero_frame;	/* zero window open since; 0 if none */
	uint64_t	ka_frame;	/* last keep-alive or probe */
	uint32_t	isn;
	uint32_t	data_hi;	/* seq after the highest data byte sent */
	uint16_t	mss;		/* offered; 0 if not */
	int8_t		wscale;		/* offered; -1 if not */
	bool		sack_ok;
	bool		data_hi_set;	/* by the SYN, else the first data */
	bool		active_close;	/* sent the first FIN */
	uint8_t		ep_len;
	uint8_t		addr_len;	/* of the address alone, in ep */
	char		ep[48];		/* "192.0.2.1.80", "2001:db8::1.443" */
};

struct conn {
	/* The lookup's fields first, with the key and the analysis. */
	uint32_t	hash;
	int32_t		hnext;		/* the bucket's chain; -1 ends it */
	uint64_t	seen;		/* the table's tick at the last lookup */
	uint16_t	port[2];
	struct pkt_addr	addr[2];
	struct ta_conn	ta;		/* next: every packet uses it */
	uint64_t	id;		/* 1-based, in order of first packet */
	int8_t		client;		/* side of the first bare SYN; -1 */
	bool		established;	/* handshake completed */
	uint8_t		end;		/* enum conn_end */
	uint64_t	first_frame, last_frame;
	int64_t		first_ts, last_ts;
	int64_t		hs_rtt;		/* SYN to the handshake's ACK; -1 */
	struct conn_side side[2];

};

typedef void (*conn_evict_fn)(void *ctx, const struct conn *c);

struct conn_table {
	struct conn	*slots;		/* cap entries */
	int32_t		*buckets;	/* nbuckets heads */
	uint32_t	 nbuckets;	/* a power of two */
	uint32_t	 cap, used;
	uint32_t	 hand;		/* where the next eviction looks */
	uint64_t	 tick;		/* lookups so far */
	uint64_t	 next_id;
	uint64_t	 evicted;	/* connections forgotten to make room */
	uint64_t	 evicted_open;	/* of which still open */
	uint32_t	 seed;		/* of the hash: see conn_table_seed */
	conn_evict_fn	 on_evict;
	void		*ctx;
};

#define CONN_DEFAULT_CAP	(1u << 16)
#define CONN_EVICT_SAMPLE	16

/* Allocate the table of cap connections (pages are touched when used). */
void	conn_table_init(struct conn_table *t, uint32_t cap,
	    conn_evict_fn on_evict, void *ctx);
void	conn_table_done(struct conn_table *t);
/*
 * Key the hash with a value the capture cannot know, so that a crafted
 * capture cannot pile its connections into one bucket and make every
 * lookup a walk of the table.  What is found never depends on it.
 */
void	conn_table_seed(struct conn_table *t, uint32_t seed);
/*
 * The connection of this packet, created (evicting if full) when new.
 * *dir gets the sender's side.  *created tells whether it is new.
 */
struct conn *conn_lookup(struct conn_table *t, const struct pkt_addr *src,
	    uint16_t sport, const struct pkt_addr *dst, uint16_t dport,
	    int *dir, bool *created);
/* Forget c's history and start it afresh (a reused 4-tuple). */
void	conn_restart(struct conn_table *t, struct conn *c,
	    const struct pkt_addr *src, uint16_t sport);
/* Call fn on each connection still in the table, in order of id. */
void	conn_table_each(const struct conn_table *t,
	    void (*fn)(void *, const struct conn *), void *ctx);

/* Fast formatting of an address (and a port) into buf; returns length. */
size_t	conn_fmt_addr(char *buf, const struct pkt_addr *a);
size_t	conn_fmt_endpoint(char *buf, const struct pkt_addr *a, uint16_t port);

#endif
