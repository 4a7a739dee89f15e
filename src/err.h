/*
 * err: how the engine reports failure.  Nothing under src/ prints or exits;
 * a function that can fail returns -1 and fills the caller's struct ts_err
 * with "what: why" in lower case, no final period (as redis's anet does).
 * ui/ prefixes "tcpstep: " and prints it.
 */
#ifndef TS_ERR_H
#define TS_ERR_H

#include <stddef.h>

struct ts_err {
	char	msg[512];
};

/* Fill err (which may be NULL) with a printf-style message; returns -1. */
int	ts_err_set(struct ts_err *err, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
