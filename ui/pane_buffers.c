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

#define BUF_TXT	80		/* one text of a row, numbers and labels */

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

/*
 * The first of n texts that fits in w columns, drawn at (bx, y); none if
 * none fits.  The texts go from complete to short, so a narrow pane drops
 * a label or a less needed value, and never shows a number cut short.
 */
static void
buf_fit(const struct pane_ctx *x, int bx, int y, int w, int fl,
    char (*texts)[BUF_TXT], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (canvas_text_width(texts[i]) <= w) {
			canvas_put(x->cv, bx, y, w, ROLE_LABEL, fl, texts[i]);
			return;
		}
}

/* SND.UNA and SND.NXT under the send buffer's bar. */
static void
buf_send_line(const struct pane_ctx *x, int side, const struct tcb *t,
    int bx, int y, int w)
{
	char v[5][BUF_TXT], a[24], b[24];
	int fl = pane_flag(x->sim, side, "tcb.snd_nxt") |
	    pane_flag(x->sim, side, "tcb.snd_una");

	if (t->state == TCPS_CLOSED || t->state == TCPS_LISTEN)
		snprintf(a, sizeof(a), "-"), snprintf(b, sizeof(b), "-");
	else {
		pane_seq(a, sizeof(a), t->snd_una, t->iss, x->ui->relative);
		pane_seq(b, sizeof(b), t->snd_nxt, t->iss, x->ui->relative);
	}
	snprintf(v[0], sizeof(v[0]), "SND.UNA %s  SND.NXT %s", a, b);
	snprintf(v[1], sizeof(v[1]), "UNA %s  NXT %s", a, b);
	snprintf(v[2], sizeof(v[2]), "UNA %s NXT %s", a, b);
	snprintf(v[3], sizeof(v[3]), "SND.NXT %s", b);
	snprintf(v[4], sizeof(v[4]), "NXT %s", b);
	buf_fit(x, bx, y, w, fl, v, 5);
}

/* RCV.NXT and RCV.WND under the receive buffer's bar. */
static void
buf_recv_line(const struct pane_ctx *x, int side, const struct tcb *t,
    int bx, int y, int w)
{
	char v[6][BUF_TXT], a[24];
	int fl = pane_flag(x->sim, side, "tcb.rcv_nxt") |
	    pane_flag(x->sim, side, "tcb.rcv_wnd");
	unsigned wnd = t->rcv_wnd;

	if (t->state == TCPS_SYN_SENT || t->state == TCPS_LISTEN ||
	    t->state == TCPS_CLOSED) {
		snprintf(v[0], sizeof(v[0]), "RCV.NXT -");
		snprintf(v[1], sizeof(v[1]), "NXT -");
		buf_fit(x, bx, y, w, fl, v, 2);
		return;
	}
	pane_seq(a, sizeof(a), t->rcv_nxt, t->irs, x->ui->relative);
	snprintf(v[0], sizeof(v[0]), "RCV.NXT %s  RCV.WND %u", a, wnd);
	snprintf(v[1], sizeof(v[1]), "RCV.NXT %s  WND %u", a, wnd);
	snprintf(v[2], sizeof(v[2]), "NXT %s  WND %u", a, wnd);
	snprintf(v[3], sizeof(v[3]), "NXT %s WND %u", a, wnd);
	snprintf(v[4], sizeof(v[4]), "RCV.NXT %s", a);
	snprintf(v[5], sizeof(v[5]), "NXT %s", a);
	buf_fit(x, bx, y, w, fl, v, 6);
}

/*
 * A buffer's row: its label, a bar as wide as the room left (at most 40
 * cells, none below 3), then "used/size", or only "used" when both do not
 * fit.  barw is shared by the two rows of a side so their bars line up.
 */
static void
buf_row(const struct pane_ctx *x, int cx, int y, int labw, int barw, int w,
    const struct sock_buf *b, uint32_t flight, int fl)
{
	char v[2][BUF_TXT];
	int vx = cx + 1 + labw + (barw > 0 ? barw + 1 : 0);

	if (barw > 0)
		buf_bar(x, cx + 1 + labw, y, barw, b->size, flight,
		    b->used - flight, fl);
	snprintf(v[0], sizeof(v[0]), "%u/%u", (unsigned)b->used,
	    (unsigned)b->size);
	snprintf(v[1], sizeof(v[1]), "%u", (unsigned)b->used);
	for (int i = 0; i < 2; i++)
		if (canvas_text_width(v[i]) <= cx + w - vx) {
			canvas_put(x->cv, vx, y, cx + w - vx, ROLE_VALUE, fl,
			    v[i]);
			break;
		}
}

static void
buf_side(const struct pane_ctx *x, int side, int cx, int y, int w)
{
	const struct sock *so = pane_sock(x->sim, side);
	const struct tcb *t;
	char sv[32], rv[32];
	int labw, barw, vw;
	uint32_t flight;

	canvas_put(x->cv, cx, y, w, pane_side_role(side), 0,
	    pane_side_name(side));
	labw = canvas_text_width(_("receive")) > canvas_text_width(_("send")) ?
	    canvas_text_width(_("receive")) : canvas_text_width(_("send"));
	labw += 1;
	canvas_put(x->cv, cx + 1, y + 1, labw, ROLE_LABEL, 0, _("send"));
	canvas_put(x->cv, cx + 1, y + 3, labw, ROLE_LABEL, 0, _("receive"));
	if (so == NULL || (so->snd.size == 0 && so->rcv.size == 0)) {
		const char *none = _("not yet allocated");

		/* a dash rather than words cut short */
		if (canvas_text_width(none) > w - labw - 1)
			none = "-";
		canvas_put(x->cv, cx + 1 + labw, y + 1, w - labw - 1, ROLE_DIM,
		    0, none);
		canvas_put(x->cv, cx + 1 + labw, y + 3, w - labw - 1, ROLE_DIM,
		    0, none);
		return;
	}
	t = &so->tcb;
	/* the bars get what the two "used/size" values leave */
	snprintf(sv, sizeof(sv), "%u/%u", (unsigned)so->snd.used,
	    (unsigned)so->snd.size);
	snprintf(rv, sizeof(rv), "%u/%u", (unsigned)so->rcv.used,
	    (unsigned)so->rcv.size);
	vw = canvas_text_width(sv) > canvas_text_width(rv) ?
	    canvas_text_width(sv) : canvas_text_width(rv);
	barw = w - 1 - labw - 1 - vw - 1;	/* a space before the border */
	if (barw > 40)
		barw = 40;
	if (barw < 3)
		barw = 0;
	/* send: [UNA, NXT) in flight, the rest of the bytes held unsent */
	flight = t->snd_nxt - t->snd_una;
	if (flight > so->snd.used)
		flight = so->snd.used;
	buf_row(x, cx, y + 1, labw, barw, w, &so->snd, flight,
	    pane_flag(x->sim, side, "sock.sndbuf_used") |
	    pane_flag(x->sim, side, "sock.sndbuf_size"));
	buf_send_line(x, side, t, cx + 2, y + 2, w - 2);
	buf_row(x, cx, y + 3, labw, barw, w, &so->rcv, 0,
	    pane_flag(x->sim, side, "sock.rcvbuf_used") |
	    pane_flag(x->sim, side, "sock.rcvbuf_size"));
	buf_recv_line(x, side, t, cx + 2, y + 4, w - 2);
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
