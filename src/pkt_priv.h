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

/* tcpdump's name of an option kind: "mss", "TS", ... or NULL if unknown. */
const char *tcp_opt_name(uint8_t kind);

/*
 * tcp_opt_str knowing the segment's TCP flags (-1: unknown, no check), as
 * MPTCP's printer needs them.  False when tcpdump would stop at this
 * option with "[bad opt]" (appended to buf then).
 */
bool	tcp_opt_format(const struct tcp_opt *o, int th_flags, char *buf,
	    size_t len);

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
