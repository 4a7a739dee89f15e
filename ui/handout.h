/*
 * handout: a lesson printed as Markdown a teacher can hand out: the
 * narration of each stop, what the screen shows there (from the engine's
 * run, as text), the questions, and at the end the answers, computed from
 * the engine so they are right for the seed and profiles in use.
 */
#ifndef TS_HANDOUT_H
#define TS_HANDOUT_H

#include <stdbool.h>
#include <stdio.h>

#include "err.h"
#include "lesson.h"
#include "sim.h"

struct handout_opts {
	enum lesson_lang lang;
	int		 width, height;	/* of the screens shown */
	bool		 ascii;		/* screens in ASCII only */
};

/* Write l, run as s, to f; -1 and err ("FILE:LINE: what") on failure. */
int	handout_write(FILE *f, const struct lesson *l, struct sim *s,
	    const struct handout_opts *o, struct ts_err *err);

#endif
