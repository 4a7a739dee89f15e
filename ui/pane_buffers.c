/*
 * pane_buffers: each socket's send and receive buffer, as the book says a
 * connection allocates them: the allocated size, the bytes held, and where
 * the TCB's pointers fall.  In the send buffer the bytes from SND.UNA to
 * SND.NXT are sent but not yet acknowledged (▓), those after SND.NXT not
 * yet sent (█); in the receive buffer, bytes received up to RCV.NXT wait for
 * the application's recv().  Before the connection exists: not yet
 * allocated.
 */
#include "pane.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

#define BUF_SENT	"\xe2\x96\x93"	/* ▓ */
#define BUF_HELD	"\xe2\x96\x88"	/* █ */
#define BUF_FREE	"\xe2\x96\x91"	/* ░ */

/* A bar of w cells: a cells of one kind, b of another, the rest free. */
static void
buf_bar(const struct pane_ctx *x, int bx, int y, int w, uint32_t size,
    uint32_t a, uint32_t b, int fl)
{
	int na = 0, nb = 0;

	if (w < 3)
		return;
	canvas_put(x->cv, bx, y, 1, ROLE_BORDER, 0, "[");
	canvas_put(x->cv, bx + w - 1, y, 1, ROLE_BORDER, 0, "]");
	w -= 2;
	if (size > 0) {
		/* any byte held shows as at least one cell */
		na = (int)((uint64_t)a * (uint64_t)w / size);
		nb = (int)((uint64_t)b * (uint64_t)w / size);
		if (a > 0 && na == 0)
			na = 1;
		if (b > 0 && nb == 0)
			nb = 1;
		if (na + nb > w)
			nb = w - na;
	}
	for (int i = 0; i < w; i++)
		canvas_put(x->cv, bx + 1 + i, y, 1,
		    i < na + nb ? ROLE_SEGMENT : ROLE_DIM, i < na + nb ? fl : 0,
		    i < na ? BUF_SENT : i < na + nb ? BUF_HELD : BUF_FREE);
}

static void
buf_side(const struct pane_ctx *x, int side, int cx, int y, int w)
{
	const struct sock *so = pane_sock(x->sim, side);
	char line[160], a[24], b[24];
	int labw, barw, fl;

	canvas_put(x->cv, cx, y, w, pane_side_role(side), 0,
	    pane_side_name(side));
	labw = canvas_text_width(_("receive")) > canvas_text_width(_("send")) ?
	    canvas_text_width(_("receive")) : canvas_text_width(_("send"));
	labw += 1;
	barw = w - labw - 16;
	if (barw > 40)
		barw = 40;
	canvas_put(x->cv, cx + 1, y + 1, labw, ROLE_LABEL, 0, _("send"));
	canvas_put(x->cv, cx + 1, y + 3, labw, ROLE_LABEL, 0, _("receive"));
	if (so == NULL || (so->snd.size == 0 && so->rcv.size == 0)) {
		canvas_put(x->cv, cx + 1 + labw, y + 1, w - labw - 1, ROLE_DIM,
		    0, _("not yet allocated"));
		canvas_put(x->cv, cx + 1 + labw, y + 3, w - labw - 1, ROLE_DIM,
		    0, _("not yet allocated"));
		return;
	}
	/* send: [UNA, NXT) in flight, the rest of the bytes held unsent */
	{
		const struct tcb *t = &so->tcb;
		uint32_t flight = t->snd_nxt - t->snd_una;

		if (flight > so->snd.used)
			flight = so->snd.used;
		fl = pane_flag(x->sim, side, "sock.sndbuf_used") |
		    pane_flag(x->sim, side, "sock.sndbuf_size");
		buf_bar(x, cx + 1 + labw, y + 1, barw, so->snd.size, flight,
		    so->snd.used - flight, fl);
		snprintf(line, sizeof(line), "%u/%u", (unsigned)so->snd.used,
		    (unsigned)so->snd.size);
		canvas_put(x->cv, cx + 2 + labw + barw, y + 1,
		    w - labw - barw - 2, ROLE_VALUE, fl, line);
		pane_seq(a, sizeof(a), t->snd_una, t->iss, x->ui->relative);
		pane_seq(b, sizeof(b), t->snd_nxt, t->iss, x->ui->relative);
		if (t->state == TCPS_CLOSED || t->state == TCPS_LISTEN)
			snprintf(line, sizeof(line), "SND.UNA -  SND.NXT -");
		else
			snprintf(line, sizeof(line), "SND.UNA %s  SND.NXT %s",
			    a, b);
		canvas_put(x->cv, cx + 2, y + 2, w - 2,
		    ROLE_LABEL, pane_flag(x->sim, side, "tcb.snd_nxt") |
		    pane_flag(x->sim, side, "tcb.snd_una"), line);
		fl = pane_flag(x->sim, side, "sock.rcvbuf_used") |
		    pane_flag(x->sim, side, "sock.rcvbuf_size");
		buf_bar(x, cx + 1 + labw, y + 3, barw, so->rcv.size,
		    so->rcv.used, 0, fl);
		snprintf(line, sizeof(line), "%u/%u", (unsigned)so->rcv.used,
		    (unsigned)so->rcv.size);
		canvas_put(x->cv, cx + 2 + labw + barw, y + 3,
		    w - labw - barw - 2, ROLE_VALUE, fl, line);
		if (t->state != TCPS_SYN_SENT && t->state != TCPS_LISTEN &&
		    t->state != TCPS_CLOSED) {
			pane_seq(a, sizeof(a), t->rcv_nxt, t->irs,
			    x->ui->relative);
			snprintf(line, sizeof(line), "RCV.NXT %s  RCV.WND %u", a,
			    (unsigned)t->rcv_wnd);
		} else
			snprintf(line, sizeof(line), "RCV.NXT -");
		canvas_put(x->cv, cx + 2, y + 4, w - 2,
		    ROLE_LABEL, pane_flag(x->sim, side, "tcb.rcv_nxt"), line);
	}
}

static void
pane_buffers_draw(const struct pane_ctx *x)
{
	struct rect in = pane_inner(x);
	int colw = in.w / 2, note_y = 6;
	bool stacked = colw < 40 && in.h >= 10;

	pane_frame(x, _("Buffers"));
	if (in.h < 5)
		return;
	if (stacked) {
		/* too narrow side by side: one above the other */
		buf_side(x, SIM_CLIENT, in.x, in.y, in.w);
		buf_side(x, SIM_SERVER, in.x, in.y + 5, in.w);
		note_y = 11;
	} else
		for (int side = 0; side < SIM_NHOSTS; side++)
			buf_side(x, side, in.x + side * colw, in.y, colw - 1);
	if (in.h >= note_y + 1) {
		char note[256];

		snprintf(note, sizeof(note), "%s  %s",
		    BUF_SENT " " BUF_HELD " " BUF_FREE,
		    _("sent, not yet acknowledged / held, not yet sent / free. "
		    "As in the book, buffers are allocated when the connection "
		    "is set up; Linux allocates them lazily, as data comes."));
		canvas_put_wrapped(x->cv, (struct rect){ in.x, in.y + note_y,
		    in.w, in.h - note_y }, ROLE_DIM, 0, note);
	}
}

const struct pane_ops pane_buffers_ops = { "buffers", pane_buffers_draw };
