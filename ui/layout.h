/*
 * layout: where each pane goes for a screen size.  From 80x24 up, panes keep
 * their natural size and a larger screen shows more of them side by side
 * (the ladder's history, the header with room for flag names, the TCB with a
 * row per field) rather than stretching.  Below 80x24 nothing but a message
 * asking for a larger window is drawn.
 *
 * Compact (under 120x36): the stack and the ladder on top, one large pane
 * below (Tab chooses: control blocks, header, buffers or ladder), the
 * narration and the key bar.  Wide: every pane at once, in three bands
 * (stack and ladder; the control blocks; header and buffers); Tab gives one
 * of them the whole middle of the screen, or none.
 */
#ifndef TS_LAYOUT_H
#define TS_LAYOUT_H

#include <stdbool.h>

#include "canvas.h"

#define LAYOUT_MIN_W	80
#define LAYOUT_MIN_H	24
#define LAYOUT_WIDE_W	120
#define LAYOUT_WIDE_H	36

enum layout_focus {
	FOCUS_ALL,		/* wide: every pane; compact: as FOCUS_TCB */
	FOCUS_TCB,
	FOCUS_HEADER,
	FOCUS_BUFFERS,
	FOCUS_LADDER,
	FOCUS_COUNT
};

struct layout {
	bool		too_small;
	bool		compact;
	struct rect	title, stack, ladder, header, tcb, buffers, dump,
			narration, bar;		/* w == 0: not shown */
};

/* Compute the rectangles of a w x h screen; dump: show the tcpdump lines. */
void	layout_compute(struct layout *l, int w, int h, enum layout_focus focus,
	    bool dump);
/* The focus after Tab, for a screen of this size. */
enum layout_focus layout_next_focus(enum layout_focus f, int w, int h);
/* True when a point is inside r. */
bool	layout_in(struct rect r, int x, int y);

#endif
