/*
 * cmd_annotate: the annotator's front end, callable in-process (the tests
 * run it over the whole corpus under the sanitizers).
 */
#ifndef TS_CMD_ANNOTATE_H
#define TS_CMD_ANNOTATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct annotate_opts {
	const char	*file;		/* "-" is standard input */
	const char	*filter;	/* NULL for none */
	bool		 json;
	bool		 summary;
	long		 count;		/* -1: all */
	uint32_t	 conn_cap;	/* 0: the default */
	bool		 progress;	/* progress lines on err */
};

/*
 * Annotate o->file onto out; errors ("tcpstep: FILE: why") go to err.
 * Returns the exit code: 0, 1 (unreadable file or record), 2 (bad filter).
 */
int	annotate_run(const struct annotate_opts *o, FILE *out, FILE *err);

#endif
