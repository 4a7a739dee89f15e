/*
 * lesson_sim: a lesson's scenario run on the teaching stack, and the
 * lesson_engine callbacks (lesson.h) that read it.  The only place lessons
 * meet struct sim, so lesson.c stays testable without the engine.
 */
#ifndef TS_LESSON_SIM_H
#define TS_LESSON_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "lesson.h"
#include "sim.h"

/* What may override the lesson's own settings (tests, the command line). */
struct lesson_sim_opts {
	bool		 seed_set;
	uint64_t	 seed;
	const char	*client_profile;	/* NULL: the lesson's */
	const char	*server_profile;
};

/*
 * Run l's scenario (a scenario file is found beside the lesson file).
 * NULL and err ("FILE: why") on failure; the caller frees with sim_free.
 */
struct sim	*lesson_sim_run(const struct lesson *l,
		    const struct lesson_sim_opts *o, struct ts_err *err);
/* Fill eng to read s; it moves s's current step (sim_goto). */
void		 lesson_sim_bind(struct sim *s, struct lesson_engine *eng);

#endif
