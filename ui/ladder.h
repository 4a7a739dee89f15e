/*
 * ladder: the figure the book draws and no capture tool does.  Time runs
 * down; arrows go between client and server with their flags and
 * sequence/acknowledgment numbers; each side's state is written where it
 * changes (CLOSED → SYN-SENT → ESTABLISHED).
 *
 * ladder_build walks a finished run once, after sim_new or sim_inject, and
 * keeps its events (segments sent, dropped, state changes) with the step of
 * each; it moves the sim to read states and puts it back where it was.  The
 * pane then shows the events up to the current step, packed into rows for
 * the width it has, the newest at the bottom.
 */
#ifndef TS_LADDER_H
#define TS_LADDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pane.h"

enum ladder_ev_kind { LEV_STATE, LEV_SEG, LEV_DROP };

struct ladder_ev {
	size_t		step;
	uint64_t	time_us;	/* virtual time of the step */
	int		kind;		/* enum ladder_ev_kind */
	int		side;		/* the host; the sender for a segment */
	char		state[64];	/* LEV_STATE: the new state's name */
	uint8_t		flags;		/* LEV_SEG: TH_* */
	uint32_t	seq, ack, len, win;
	const char	*note;		/* LEV_SEG: what the analysis saw
					   ("retransmission"), or NULL */
};

struct ladder {
	size_t			 n, cap;
	struct ladder_ev	*ev;
	bool			 have_base[SIM_NHOSTS];
	uint32_t		 base[SIM_NHOSTS];	/* each side's ISS */
	const char		*name[SIM_NHOSTS];	/* NULL: client, server */
	bool			 us_times;	/* times to the microsecond
						   (a capture), not the ms */
};

/* Add one event (a capture's replay builds its ladder with this). */
void		 ladder_push(struct ladder *l, const struct ladder_ev *ev);

/* Walk the run; at most max_steps steps are read. Caller frees. */
struct ladder	*ladder_build(struct sim *s, size_t max_steps);
void		 ladder_free(struct ladder *l);		/* NULL is fine */
/*
 * The step a click at (x, y) inside the ladder pane r selects (the step of
 * the segment or state change on that row), or 0 if none.
 */
size_t		 ladder_hit(const struct pane_ctx *x, int cx, int cy);

#endif
