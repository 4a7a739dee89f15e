/* pane_ladder: the ladder diagram; see ladder.h. */
#include "ladder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xalloc.h"

#define LAD_MAX_ROWS	4096
#define LAD_LABEL_W	14		/* "SYN-RECEIVED" and room */

void
ladder_push(struct ladder *l, const struct ladder_ev *ev)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->ev = xrealloc(l->ev, l->cap, sizeof(*l->ev));
	}
	l->ev[l->n++] = *ev;
}

static void
ladder_seg(struct ladder *l, const struct sim_step *st)
{
	struct ladder_ev ev;
	struct pkt p;

	if (pkt_decode(&p, PKT_LINK_RAW, st->pkt, st->pkt_len, st->pkt_len)
	    != 0 || !p.has_tcp)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.step = st->index;
	ev.time_us = st->time_us;
	ev.kind = LEV_SEG;
	ev.side = st->host;
	ev.flags = p.tcp.flags;
	ev.seq = p.tcp.seq;
	ev.ack = p.tcp.ack;
	ev.win = p.tcp.win;
	ev.len = (uint32_t)p.tcp.payload_len;
	if ((p.tcp.flags & TH_SYN) && st->host >= 0 && st->host < SIM_NHOSTS &&
	    !l->have_base[st->host]) {
		l->have_base[st->host] = true;
		l->base[st->host] = p.tcp.seq;
	}
	ladder_push(l, &ev);
}

struct ladder *
ladder_build(struct sim *s, size_t max_steps)
{
	struct ladder *l = xcalloc(1, sizeof(*l));
	size_t n = sim_nsteps(s), cur = sim_cur(s);

	if (n > max_steps)
		n = max_steps;
	for (size_t k = 1; k <= n; k++) {
		const struct sim_step *st = sim_step_at(s, k);

		if (st == NULL)
			continue;
		/* a segment sent (a lost one too: it left its host) */
		if (st->captured && st->pkt != NULL)
			ladder_seg(l, st);
		if (st->layer == SIM_L_WIRE && strstr(st->kind, "drop") != NULL) {
			struct ladder_ev ev = { .step = k, .kind = LEV_DROP,
			    .side = st->host };

			ladder_push(l, &ev);
		}
		for (int side = 0; side < SIM_NHOSTS; side++) {
			char name[32];
			struct sim_value v;
			struct ladder_ev ev;

			snprintf(name, sizeof(name), "%s.state",
			    sim_host_name(side));
			if (!sim_step_changed(s, k, name))
				continue;
			if (sim_goto(s, k) != 0 ||
			    sim_get(s, name, &v, NULL) != 0)
				continue;
			memset(&ev, 0, sizeof(ev));
			ev.step = k;
			ev.time_us = st->time_us;
			ev.kind = LEV_STATE;
			ev.side = side;
			snprintf(ev.state, sizeof(ev.state), "%s", v.str);
			ladder_push(l, &ev);
		}
	}
	sim_goto(s, cur);
	return l;
}

void
ladder_free(struct ladder *l)
{
	if (l == NULL)
		return;
	free(l->ev);
	free(l);
}

/* --- packing events into rows ------------------------------------------ */

struct lad_row {
	int	label[SIM_NHOSTS];	/* event index, or -1 */
	int	seg;			/* event index, or -1 */
	int	drop;			/* event index, or -1 */
	bool	sealed[SIM_NHOSTS];	/* no more labels for this side */
};

static void
lad_row_init(struct lad_row *r)
{
	r->label[0] = r->label[1] = r->seg = r->drop = -1;
	r->sealed[0] = r->sealed[1] = false;
}

/*
 * Rows for the events up to step cur.  With room for labels beside the
 * arrows (wide), a sender's new state shares the row of the segment it
 * sends, and the receiver's the row of the segment that changed it;
 * otherwise every event has its own row.  Returns the number of rows.
 */
static int
lad_pack(const struct ladder *l, size_t cur, bool wide, struct lad_row *rows,
    int max)
{
	int n = 0;

	for (size_t i = 0; i < l->n && l->ev[i].step <= cur; i++) {
		const struct ladder_ev *e = &l->ev[i];
		struct lad_row *last = n > 0 ? &rows[n - 1] : NULL;

		if (e->kind == LEV_DROP) {
			/* marks the newest segment of that sender */
			for (int r = n - 1; r >= 0; r--)
				if (rows[r].seg >= 0 &&
				    l->ev[rows[r].seg].side == e->side) {
					rows[r].drop = (int)i;
					break;
				}
			continue;
		}
		if (wide && last != NULL && e->kind == LEV_STATE &&
		    last->label[e->side] < 0 && !last->sealed[e->side]) {
			last->label[e->side] = (int)i;
			continue;
		}
		if (wide && last != NULL && e->kind == LEV_SEG &&
		    last->seg < 0 && last->label[1 - e->side] < 0) {
			last->seg = (int)i;
			last->sealed[e->side] = true;
			continue;
		}
		if (n == max) {
			/* keep the newest rows */
			memmove(rows, rows + 1, (size_t)(max - 1) * sizeof(*rows));
			n--;
		}
		lad_row_init(&rows[n]);
		if (e->kind == LEV_STATE)
			rows[n].label[e->side] = (int)i;
		else {
			rows[n].seg = (int)i;
			rows[n].sealed[e->side] = true;
		}
		n++;
	}
	return n;
}

/*
 * The text on an arrow, as much as fits in w columns: "SYN,ACK seq 1 ack
 * 2 len 5", then without the words, then tcpdump's short flags, then the
 * flags alone.  A note from the analysis ("retransmission") is kept to
 * the end: it is why a reader looks at that arrow.
 */
static void
lad_seg_text(char *buf, size_t len, const struct ladder *l,
    const struct ladder_ev *e, bool rel, int w)
{
	char f[40], sf[16], seq[16], ack[16], dl[24], note[64];
	int to = 1 - e->side, nw;

	tcp_flags_names(e->flags, f, sizeof(f));
	tcp_flags_tcpdump(e->flags, sf, sizeof(sf));
	pane_seq(seq, sizeof(seq), e->seq, l->base[e->side],
	    rel && l->have_base[e->side]);
	pane_seq(ack, sizeof(ack), e->ack, l->base[to], rel && l->have_base[to]);
	dl[0] = note[0] = '\0';
	if (e->len > 0)
		snprintf(dl, sizeof(dl), " len %u", (unsigned)e->len);
	if (e->note != NULL)
		snprintf(note, sizeof(note), " \xc2\xb7 %s", e->note);
	nw = canvas_text_width(note);
	if (e->flags & TH_ACK)
		snprintf(buf, len, "%s seq %s ack %s%s%s", f, seq, ack, dl, note);
	else
		snprintf(buf, len, "%s seq %s%s%s", f, seq, dl, note);
	if (canvas_text_width(buf) <= w)
		return;
	if (e->flags & TH_ACK)
		snprintf(buf, len, "%s %s ack %s%s%s", f, seq, ack, dl, note);
	else
		snprintf(buf, len, "%s %s%s%s", f, seq, dl, note);
	if (canvas_text_width(buf) <= w)
		return;
	if (e->flags & TH_ACK)
		snprintf(buf, len, "%s %s/%s%s", sf, seq, ack, note);
	else
		snprintf(buf, len, "%s %s%s", sf, seq, note);
	if (canvas_text_width(buf) <= w)
		return;
	if (nw > 0 && canvas_text_width(f) + nw <= w)
		snprintf(buf, len, "%s%s", f, note);
	else
		snprintf(buf, len, "%s", f);
}

/* An arrow across w columns, text inside it, from left or right. */
static void
lad_arrow(const struct pane_ctx *x, int ax, int y, int w,
    const struct ladder *l, const struct ladder_ev *e, bool dropped, int fl)
{
	char txt[256];
	int role = pane_side_role(e->side), tw, tx, end = w;

	if (dropped)
		end = w * 2 / 3;	/* lost on the way */
	lad_seg_text(txt, sizeof(txt), l, e, x->ui->relative, end - 4);
	for (int i = 0; i < end; i++) {
		int cx = e->side == SIM_CLIENT ? ax + i : ax + w - 1 - i;

		canvas_put(x->cv, cx, y, 1, role, fl, "\xe2\x94\x80");
	}
	if (dropped)
		canvas_put(x->cv, e->side == SIM_CLIENT ? ax + end :
		    ax + w - 1 - end, y, 1, ROLE_WARN, fl, "\xe2\x9c\x97");
	else if (e->side == SIM_CLIENT)
		canvas_put(x->cv, ax + w - 1, y, 1, role, fl, "\xe2\x96\xb6");
	else
		canvas_put(x->cv, ax, y, 1, role, fl, "\xe2\x97\x80");
	tw = canvas_text_width(txt);
	if (tw > end - 4)
		tw = end - 4;
	tx = e->side == SIM_CLIENT ? ax + 2 : ax + w - 2 - tw;
	if (dropped && e->side != SIM_CLIENT)
		tx = ax + w - end + 1;
	canvas_put(x->cv, tx, y, tw, e->note != NULL ? ROLE_WARN : role,
	    fl | CF_BOLD, txt);
}

/*
 * Where things go: the current mark, a left label, the client's timeline,
 * the arrows (ax, aw), the server's timeline, a right label.  Wide, the
 * host names head the timelines on a row of their own; narrow, they sit in
 * the top edge so that one more row of history shows.  Returns the number
 * of rows; *top is the first.
 */
static int
lad_geom(const struct pane_ctx *x, struct rect *in, bool *wide, int *ax,
    int *aw, int *top)
{
	*in = pane_inner(x);
	*wide = in->w >= 2 * LAD_LABEL_W + 24;
	*ax = in->x + 2 + (*wide ? LAD_LABEL_W : 0);
	*aw = in->w - 4 - (*wide ? 2 * LAD_LABEL_W - 1 : 0);
	*top = in->y + (*wide ? 1 : 0);
	return in->h - (*wide ? 1 : 0);
}

/* The step shown: the sim's, or a replay's (no sim). */
static size_t
lad_cur(const struct pane_ctx *x)
{
	return x->sim != NULL ? sim_cur(x->sim) : x->cur;
}

/* A timeline's heading: the ladder's own name for the side, or its role. */
static const char *
lad_name(const struct ladder *l, int side)
{
	return l->name[side] != NULL ? l->name[side] : pane_side_name(side);
}

static void
pane_ladder_draw(const struct pane_ctx *x)
{
	const struct ladder *l = x->ladder;
	struct lad_row rows[64];
	struct rect in;
	bool wide;
	int ax, aw, maxr, n, last_seg = -1, top, hy, sw;
	size_t cur = lad_cur(x);
	char name[64];

	maxr = lad_geom(x, &in, &wide, &ax, &aw, &top);
	pane_frame(x, wide ? _("Ladder (time runs down)") : _("Ladder"));
	if (l == NULL || maxr < 1)
		return;
	if (maxr > 64)
		maxr = 64;
	/* the host names above their timelines */
	hy = wide ? in.y : x->r.y;
	snprintf(name, sizeof(name), " %s ", lad_name(l, SIM_SERVER));
	sw = canvas_text_width(name);
	canvas_put(x->cv, ax + aw + 1 - sw, hy, sw, ROLE_SERVER, 0, name);
	snprintf(name, sizeof(name), " %s ", lad_name(l, SIM_CLIENT));
	if (!wide) {	/* in the top edge, after the title */
		int tx = x->r.x + 4 + canvas_text_width(_("Ladder"));

		canvas_put(x->cv, ax - 2 > tx ? ax - 2 : tx, hy, aw / 2,
		    ROLE_CLIENT, 0, name);
	} else
		canvas_put(x->cv, ax - 2, hy, aw / 2, ROLE_CLIENT, 0, name);
	n = lad_pack(l, cur, wide, rows, maxr);
	for (int r = 0; r < n; r++)
		if (rows[r].seg >= 0)
			last_seg = r;
	for (int r = 0; r < n; r++) {
		int y = top + r;
		const struct lad_row *row = &rows[r];

		canvas_put(x->cv, ax - 1, y, 1, ROLE_BORDER, 0,
		    "\xe2\x94\x82");
		canvas_put(x->cv, ax + aw, y, 1, ROLE_BORDER, 0,
		    "\xe2\x94\x82");
		if (r == last_seg)
			canvas_put(x->cv, in.x, y, 1, ROLE_SEGMENT,
			    CF_CURRENT, "\xe2\x96\xb6");
		if (row->seg >= 0) {
			const struct ladder_ev *e = &l->ev[row->seg];
			bool now = e->step == cur ||
			    (row->drop >= 0 && l->ev[row->drop].step == cur);

			lad_arrow(x, ax, y, aw, l, e, row->drop >= 0,
			    (now ? CF_CHANGED : 0) |
			    (r == last_seg ? CF_CURRENT : 0));
		}
		if (wide && row->seg >= 0 && row->label[SIM_CLIENT] < 0) {
			/* the time a segment left, where no state is written:
			   retransmissions show their backoff */
			uint64_t t = l->ev[row->seg].time_us;

			if (l->us_times)
				canvas_printf(x->cv, in.x + 1, y,
				    LAD_LABEL_W - 2, ROLE_DIM, 0, "%llu.%06llus",
				    (unsigned long long)(t / 1000000),
				    (unsigned long long)(t % 1000000));
			else
				canvas_printf(x->cv, in.x + 1, y,
				    LAD_LABEL_W - 2, ROLE_DIM, 0, "%llu.%03llus",
				    (unsigned long long)(t / 1000000),
				    (unsigned long long)(t / 1000 % 1000));
		}
		for (int side = 0; side < SIM_NHOSTS; side++) {
			const struct ladder_ev *e;
			int lx, w;

			if (row->label[side] < 0)
				continue;
			e = &l->ev[row->label[side]];
			w = canvas_text_width(e->state);
			if (wide)
				lx = side == SIM_CLIENT ? in.x + 1 :
				    ax + aw + 2;
			else
				lx = side == SIM_CLIENT ? ax + 1 :
				    ax + aw - 1 - w;
			canvas_put(x->cv, lx, y, LAD_LABEL_W - 2, ROLE_STATE,
			    e->step == cur ? CF_CHANGED : 0, e->state);
		}
	}
}

size_t
ladder_hit(const struct pane_ctx *x, int cx, int cy)
{
	struct lad_row rows[64];
	struct rect in;
	bool wide;
	int ax, aw, maxr, n, r, top;
	const struct ladder_ev *e = NULL;

	(void)cx;
	maxr = lad_geom(x, &in, &wide, &ax, &aw, &top);
	if (x->ladder == NULL || maxr < 1)
		return 0;
	if (maxr > 64)
		maxr = 64;
	/* the rows as drawn: a click picks a step already shown */
	n = lad_pack(x->ladder, lad_cur(x), wide, rows, maxr);
	r = cy - top;
	if (r < 0 || r >= n)
		return 0;
	if (rows[r].seg >= 0)
		e = &x->ladder->ev[rows[r].seg];
	else if (rows[r].label[0] >= 0)
		e = &x->ladder->ev[rows[r].label[0]];
	else if (rows[r].label[1] >= 0)
		e = &x->ladder->ev[rows[r].label[1]];
	return e != NULL ? e->step : 0;
}

const struct pane_ops pane_ladder_ops = { "ladder", pane_ladder_draw };
