#include "layout.h"

#include <string.h>

static struct rect
layout_rect(int x, int y, int w, int h)
{
	struct rect r = { x, y, w, h };

	if (w <= 0 || h <= 0)
		r.w = r.h = 0;
	return r;
}

bool
layout_in(struct rect r, int x, int y)
{
	return r.w > 0 && x >= r.x && x < r.x + r.w && y >= r.y &&
	    y < r.y + r.h;
}

static bool
layout_is_compact(int w, int h)
{
	return w < LAYOUT_WIDE_W || h < LAYOUT_WIDE_H;
}

enum layout_focus
layout_next_focus(enum layout_focus f, int w, int h)
{
	if (f == FOCUS_ALL && layout_is_compact(w, h))
		f = FOCUS_TCB;		/* what the screen shows now */
	f = (enum layout_focus)((f + 1) % FOCUS_COUNT);
	if (f == FOCUS_ALL && layout_is_compact(w, h))
		f = FOCUS_TCB;
	return f;
}

/*
 * Compact: the stack (44 columns: client | layer | server) and the ladder
 * share the top; the focus pane takes what is left above the narration.
 */
static void
layout_compact(struct layout *l, int w, int h, enum layout_focus focus,
    int top, int bottom)
{
	int stack_h = 7, mid = top + stack_h;
	struct rect big = layout_rect(0, mid, w, bottom - mid);
	int stack_w = w >= 100 ? 52 : 44;

	/* A taller screen gives the stack and ladder a little more history. */
	if (h >= 30) {
		stack_h = 8;
		mid = top + stack_h;
		big = layout_rect(0, mid, w, bottom - mid);
	}
	l->stack = layout_rect(0, top, stack_w, stack_h);
	l->ladder = layout_rect(stack_w, top, w - stack_w, stack_h);
	switch (focus) {
	case FOCUS_HEADER:
		l->header = big;
		break;
	case FOCUS_BUFFERS:
		l->buffers = big;
		break;
	case FOCUS_LADDER:
		/* the ladder takes the big area; the top right stays empty */
		l->ladder = big;
		l->stack = layout_rect(0, top, w, stack_h);
		break;
	default:
		l->tcb = big;
		break;
	}
}

/*
 * Wide: three bands.  The stack and the ladder on top (the ladder gets
 * what the stack does not need, for long arrows); the two control blocks
 * across the whole width; the header (3 columns per bit when there is room,
 * so the flags show by name) beside the buffers at the bottom.
 */
static void
layout_wide(struct layout *l, int w, int h, enum layout_focus focus, int top,
    int bottom)
{
	int rows = bottom - top, stack_w = w >= 150 ? 64 : 56;
	int top_h = rows >= 40 ? 11 : 10, tcb_h = rows >= 40 ? 14 : 11;
	int hdr_w = w >= 150 ? 32 * 3 + 3 : 32 * 2 + 3;
	int low = top + top_h + tcb_h;
	struct rect mid;

	(void)h;
	if (focus != FOCUS_ALL) {
		l->stack = layout_rect(0, top, w, 8);
		mid = layout_rect(0, top + 8, w, rows - 8);
		if (focus == FOCUS_TCB)
			l->tcb = mid;
		else if (focus == FOCUS_HEADER)
			l->header = mid;
		else if (focus == FOCUS_BUFFERS)
			l->buffers = mid;
		else
			l->ladder = mid;
		return;
	}
	l->stack = layout_rect(0, top, stack_w, top_h);
	l->ladder = layout_rect(stack_w, top, w - stack_w, top_h);
	l->tcb = layout_rect(0, top + top_h, w, tcb_h);
	l->header = layout_rect(0, low, hdr_w, bottom - low);
	l->buffers = layout_rect(hdr_w, low, w - hdr_w, bottom - low);
}

void
layout_compute(struct layout *l, int w, int h, enum layout_focus focus,
    bool dump)
{
	int narr_h, bottom;

	memset(l, 0, sizeof(*l));
	if (w < LAYOUT_MIN_W || h < LAYOUT_MIN_H) {
		l->too_small = true;
		return;
	}
	l->compact = layout_is_compact(w, h);
	narr_h = l->compact ? 4 : 5;
	l->title = layout_rect(0, 0, w, 1);
	l->bar = layout_rect(0, h - 1, w, 1);
	l->narration = layout_rect(0, h - 1 - narr_h, w, narr_h);
	bottom = h - 1 - narr_h;
	if (dump) {
		/* a rule and two lines per tool: tcpdump's lines are long */
		int dh = w >= 200 ? 3 : w >= 150 ? 4 : w >= 120 ? 5 : 6;

		l->dump = layout_rect(0, bottom - dh, w, dh);
		bottom -= dh;
	}
	if (l->compact)
		layout_compact(l, w, h, focus, 1, bottom);
	else
		layout_wide(l, w, h, focus, 1, bottom);
}
