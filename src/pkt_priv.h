/*
 * pkt_priv: what the codec's files share and nobody else needs.
 */
#ifndef TS_PKT_PRIV_H
#define TS_PKT_PRIV_H

#include "pkt.h"

/*
 * Record the first problem met (a later one is a consequence of it) and
 * return -1, so a decoder can `return pkt_problem(...)`.
 */
int	pkt_problem(struct pkt_problem *prob, enum pkt_status status,
	    size_t offset, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

/* Whether o's length suits its kind (decoding keeps faulty ones raw). */
bool	tcp_opt_valid(const struct tcp_opt *o);

/* tcpdump's name of an option kind: "mss", "TS", ... or NULL if unknown. */
const char *tcp_opt_name(uint8_t kind);

enum tcp_opts_end {
	TCP_OPTS_OK,			/* the caller closes the list */
	TCP_OPTS_BAD,			/* "[bad opt]" printed: tcpdump stops */
	TCP_OPTS_TRUNC			/* " [|tcp]" printed: likewise */
};

/*
 * tcpdump's text for the options in p[0..hlen) of which cap bytes were
 * captured, appended to buf at *at (comma-separated, without "options [").
 * th_flags -1: unknown (MPTCP's checks that need them pass).  sack_base is
 * subtracted from SACK edges.
 */
enum tcp_opts_end tcp_opts_tcpdump(char *buf, size_t len, size_t *at,
	    const uint8_t *p, size_t cap, size_t hlen, int th_flags,
	    uint32_t sack_base);

/* MPTCP's suboptions after "mptcp LEN" (tcpdump's print-mptcp.c). */
size_t	tcp_mptcp_str(char *buf, size_t len, size_t at,
	    const struct tcp_opt *o, int th_flags, bool *ok);

/* Append to buf at at like snprintf, never past len; the new end. */
size_t	pkt_cat(char *buf, size_t len, size_t at, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* Append n bytes as lower-case hex. */
size_t	pkt_cat_hex(char *buf, size_t len, size_t at, const uint8_t *d,
	    size_t n);

#endif
