/*
 * annotate: every packet of a capture explained in plain words, in the
 * context of its connection.
 *
 * annot_packet() decodes one record (pkt_decode), finds its connection
 * (conn), runs Wireshark's sequence analysis (tcp_analysis) and writes the
 * explanation.  It keeps no per-packet memory: the result lives in struct
 * annot until the next call, so a capture of any length streams through.
 * Nothing here prints; the views (ui/cmd_annotate.c) format the result.
 *
 * The explanation's sentences are translated once, in annot_init (gettext
 * is too slow to ask per packet), and filled in with a tiny template
 * language: "{1}" .. "{9}" stand for the arguments, so a translation may
 * reorder them.
 */
#ifndef TS_ANNOTATE_H
#define TS_ANNOTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conn.h"
#include "pkt.h"
#include "tcp_analysis.h"

enum annot_kind {
	ANNOT_TCP,		/* a TCP header was decoded */
	ANNOT_UDP,
	ANNOT_ICMP,		/* ICMP or ICMPv6 */
	ANNOT_IP_OTHER,		/* IP, another protocol, or a fragment */
	ANNOT_ARP,
	ANNOT_LINK_OTHER,	/* a link we decode, another ethertype */
	ANNOT_LINK_UNKNOWN,	/* a link type we do not decode */
	ANNOT_BROKEN		/* decoding stopped before any IP header */
};

#define ANNOT_MAX_PROBLEMS	3

struct annot_msgs;

struct annot {
	struct conn_table conns;
	int		 linktype;
	char		 linkname[64];	/* "EN10MB", safe to print */
	bool		 have_t0;
	int64_t		 t0;		/* first packet's time, ns */
	uint64_t	 packets;
	uint64_t	 counts[TA_NFLAGS];	/* as tshark's display filter */
	struct annot_msgs *msgs;	/* the sentences, translated */

	/* The result of the last annot_packet(). */
	struct pkt	 pkt;
	enum annot_kind	 kind;
	uint64_t	 frame;
	int64_t		 rel_ns;	/* time since the first packet */
	uint32_t	 caplen, wirelen;
	struct conn	*conn;		/* TCP only; valid until the next call */
	int		 dir;		/* sender's side of conn */
	struct ta_result ta;
	uint32_t	 flags;		/* ta.flags as the display filter sees;
					   none when cut */
	bool		 cut;		/* the TCP header was captured in part */
	uint32_t	 rel_seq, rel_ack;
	uint32_t	 seglen;
	uint32_t	 prev_next;	/* the sender's nextseq before this one */
	uint32_t	 win_scaled;
	bool		 scaled;	/* win_scaled differs from the field */
	enum pkt_cksum	 cksum;
	uint16_t	 cksum_expected;
	size_t		 explain_len;
	char		 explain[640];	/* plain words; no control bytes */
	int		 nproblems;
	char		 problems[ANNOT_MAX_PROBLEMS][160];
};

/*
 * Prepare for a capture of this link type with a table of at most
 * conn_cap connections; on_evict hears of each forgotten one.  The
 * language must be chosen (lang_init) before: the sentences are
 * translated here, once.
 */
void	annot_init(struct annot *a, int linktype, const char *linkname,
	    uint32_t conn_cap, conn_evict_fn on_evict, void *ctx);
void	annot_done(struct annot *a);
/* Explain one record; the result is in a until the next call. */
void	annot_packet(struct annot *a, uint64_t frame, int64_t sec, uint32_t nsec,
	    const uint8_t *data, uint32_t caplen, uint32_t wirelen);

/* Words for a summary, translated once: "client", "server". */
const char *annot_role(const struct annot *a, const struct conn *c, int side);
/* How a connection ended, in words. */
const char *annot_end_words(const struct annot *a, const struct conn *c);

/* cksum_add's result, computed eight bytes at a time. */
uint32_t annot_cksum_add(uint32_t sum, const uint8_t *p, size_t n);

/* Fast formatting, shared with the views.  Each returns the length. */
size_t	annot_fmt_u64(char *b, uint64_t v);
size_t	annot_fmt_i64(char *b, int64_t v);
/* Seconds with 6 or 9 decimals: "-0.000100". */
size_t	annot_fmt_time(char *b, int64_t ns, int decimals);
/* A duration for people: "850 us", "12.3 ms", "1.25 s". */
size_t	annot_fmt_dur(char *b, int64_t ns);

#endif
