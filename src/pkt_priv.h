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

#endif
