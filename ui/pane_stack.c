/*
 * pane_stack: the two protocol stacks as the book draws them, the client's
 * layers on the left, the server's on the right, the layer names between
 * them and the wire along the bottom.  The cell where the current step
 * happens is reversed and marked ▶; the segment the step made or handled
 * is drawn as [FLAGS] where it is now: in a host's layer, or on the wire
 * with its direction.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

#define STK_MARK	"\xe2\x96\xb6"	/* ▶ */

static const char *
stack_app_text(const struct host *h)
{
	switch (h->app.wait) {
	case APP_WAIT_ACCEPT:
		return _("in accept()");
	case APP_WAIT_CONNECT:
		return _("in connect()");
	case APP_WAIT_RECV:
		return _("in recv()");
	case APP_WAIT_SEND:
		return _("in send()");
	case APP_WAIT_CLOSE:
		return _("in close()");
	case APP_DONE:
		return _("finished");
	default:
		return h->app.pc == 0 ? _("not started") : _("running");
	}
}

/* The descriptors of a host: "fd 3, 4" (the TCP row shows their state). */
static void
stack_sock_text(char *buf, size_t len, const struct host *h)
{
	size_t at = 0;

	buf[0] = '\0';
	for (int i = 0; i < HOST_MAX_SOCK && at + 1 < len; i++) {
		const struct sock *so = &h->sock[i];
		int n;

		if (!so->used || so->fd < 0)
			continue;
		n = snprintf(buf + at, len - at, at ? ", %d" : "fd %d", so->fd);
		if (n < 0)
			break;
		at += (size_t)n;
		if (at >= len)
			at = len - 1;
	}
	if (at == 0)
		snprintf(buf, len, "%s", _("no socket"));
}

static void
stack_cell_text(char *buf, size_t len, const struct sim *s, int side,
    int layer)
{
	const struct host *h = sim_host(s, side);
	const struct sock *so;

	switch (layer) {
	case SIM_L_APP:
		snprintf(buf, len, "%s", stack_app_text(h));
		break;
	case SIM_L_SOCK:
		stack_sock_text(buf, len, h);
		break;
	case SIM_L_TCP:
		so = pane_sock(s, side);
		snprintf(buf, len, "%s", so != NULL ?
		    tcp_state_name(so->tcb.state) : "-");
		break;
	case SIM_L_IP:
		pkt_addr_str(&h->addr, buf, len);
		break;
	default:
		buf[0] = '\0';
	}
}

/* The segment's flags as a token: "[SYN,ACK]" or "[ACK 5 bytes]". */
static void
stack_token(char *buf, size_t len, const struct sim_seg *seg)
{
	char f[40];

	tcp_flags_names(seg->flags, f, sizeof(f));
	if (seg->len > 0)
		snprintf(buf, len, "[%s +%u]", f, (unsigned)seg->len);
	else
		snprintf(buf, len, "[%s]", f);
}

static int
stack_token_width(const struct sim_seg *seg)
{
	char tok[64];

	stack_token(tok, sizeof(tok), seg);
	return canvas_text_width(tok);
}

static void
stack_wire(const struct pane_ctx *x, int y, struct rect in,
    const struct sim_seg *seg, int flags, bool lost)
{
	char tok[64], lab[96];
	int mid = in.x + in.w / 2, tw;

	for (int i = 0; i < in.w; i++)
		canvas_put(x->cv, in.x + i, y, 1, ROLE_WIRE, flags,
		    "\xe2\x95\x90");	/* ═ */
	snprintf(lab, sizeof(lab), " %s ", pane_layer_name(SIM_L_WIRE));
	if (!seg->valid || seg->layer != SIM_L_WIRE) {
		canvas_center(x->cv, in.x, y, in.w, ROLE_WIRE, flags, lab);
		return;
	}
	stack_token(tok, sizeof(tok), seg);
	if (lost) {
		snprintf(lab, sizeof(lab), " %s \xe2\x9c\x97 %s ", tok,
		    _("lost"));		/* ✗ */
		canvas_center(x->cv, in.x, y, in.w, ROLE_WARN, flags | CF_BOLD,
		    lab);
		return;
	}
	if (seg->host == SIM_CLIENT)
		snprintf(lab, sizeof(lab), " %s \xe2\x96\xb6 ", tok);  /* ▶ */
	else
		snprintf(lab, sizeof(lab), " \xe2\x97\x80 %s ", tok);  /* ◀ */
	tw = canvas_text_width(lab);
	canvas_put(x->cv, mid - tw / 2, y, tw, ROLE_SEGMENT,
	    flags | CF_BOLD, lab);
}

static void
pane_stack_draw(const struct pane_ctx *x)
{
	struct rect in = pane_inner(x);
	const struct sim_step *st = sim_step_at(x->sim, sim_cur(x->sim));
	struct sim_seg seg;
	int labw = 0, cw, y0;
	bool words;

	sim_segment(x->sim, &seg);
	pane_frame(x, NULL);
	/* a spare row below the wire says in words where the segment is;
	   then a cell that cannot hold both keeps its text */
	words = seg.valid && in.h >= SIM_L_COUNT + 2;	/* the layer names say what it is */
	for (int l = 0; l < SIM_L_WIRE; l++) {
		int w = canvas_text_width(pane_layer_name(l));

		if (w > labw)
			labw = w;
	}
	labw += 2;
	cw = (in.w - labw) / 2;
	y0 = in.y + (in.h > SIM_L_COUNT ? (in.h - SIM_L_COUNT) / 2 : 0);
	for (int side = 0; side < SIM_NHOSTS; side++) {
		char head[64];

		snprintf(head, sizeof(head), " %s ", pane_side_name(side));
		canvas_center(x->cv, in.x + (side ? cw + labw : 0), x->r.y, cw,
		    pane_side_role(side), 0, head);
	}
	for (int l = 0; l < SIM_L_WIRE && y0 + l < in.y + in.h; l++) {
		int y = y0 + l;

		canvas_center(x->cv, in.x + cw, y, labw, ROLE_HEAD, 0,
		    pane_layer_name(l));
		for (int side = 0; side < SIM_NHOSTS; side++) {
			bool here = st != NULL && st->host == side &&
			    st->layer == l;
			int cx = in.x + (side ? cw + labw : 0);
			char txt[96], cell[128], tok[64];
			int fl = here ? CF_CHANGED : 0, tw;

			stack_cell_text(txt, sizeof(txt), x->sim, side, l);
			snprintf(cell, sizeof(cell), "%s %s", here ? STK_MARK :
			    " ", txt);
			if (here)
				canvas_fill(x->cv, (struct rect){ cx, y, cw, 1 },
				    ROLE_NORMAL, CF_CHANGED);
			tw = 0;
			if (seg.valid && seg.host == side && seg.layer == l &&
			    (!words || canvas_text_width(cell) + 1 +
			    stack_token_width(&seg) <= cw)) {
				/* the segment, at the inner edge of the cell */
				stack_token(tok, sizeof(tok), &seg);
				tw = canvas_text_width(tok);
				canvas_put(x->cv, cx + cw - tw - 1, y, tw,
				    ROLE_SEGMENT, fl | CF_BOLD, tok);
				tw++;
			}
			/* a cut word misleads: the text whole, or only the mark */
			if (tw > 0 && canvas_text_width(cell) > cw - tw)
				snprintf(cell, sizeof(cell), "%s", here ?
				    STK_MARK : " ");
			canvas_put(x->cv, cx, y, cw - tw, l == SIM_L_TCP ?
			    ROLE_STATE : ROLE_VALUE, fl, cell);
		}
	}
	if (y0 + SIM_L_WIRE < in.y + in.h)
		stack_wire(x, y0 + SIM_L_WIRE, in, &seg, st != NULL &&
		    st->layer == SIM_L_WIRE ? CF_CHANGED : 0, st != NULL &&
		    st->layer == SIM_L_WIRE && strstr(st->kind, "drop") != NULL);
	/* a spare row: where the segment is, in words */
	if (words && y0 + SIM_L_COUNT + 1 < in.y + in.h) {
		char tok[64], line[200];

		stack_token(tok, sizeof(tok), &seg);
		if (seg.layer == SIM_L_WIRE)
			snprintf(line, sizeof(line), _("%s is on the wire, from "
			    "the %s to the %s"), tok, pane_side_name(seg.host),
			    pane_side_name(1 - seg.host));
		else
			snprintf(line, sizeof(line), _("%s is in the %s's %s"),
			    tok, pane_side_name(seg.host),
			    pane_layer_name(seg.layer));
		canvas_center(x->cv, in.x, y0 + SIM_L_COUNT + 1, in.w,
		    ROLE_SEGMENT, 0, line);
	}
}

const struct pane_ops pane_stack_ops = { "stack", pane_stack_draw };
