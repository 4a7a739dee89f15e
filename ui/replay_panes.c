/*
 * replay_panes: a capture's connection on the simulator's screen.  The
 * same layout (layout.c), the same header and ladder panes (fed from the
 * capture instead of the engine), and in the places where the simulator
 * shows what only a host knows, what the wire reveals of it:
 *
 *   stack   -> where the capture was taken (the wire is seen from one
 *              place; its timing says which side is near);
 *   TCB     -> both control blocks, each value observed (=), inferred (~)
 *              or unknown (?);
 *   buffers -> the data in flight each way: the buffers themselves are
 *              inside the hosts and never on the wire.
 */
#include "replay_view.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "i18n.h"
#include "lang.h"
#include "keys.h"
#include "ladder.h"
#include "pcap_rd.h"
#include "screen.h"
#include "tcb.h"
#include "tcp_analysis.h"

/*
 * The client's side: the sender of the first bare SYN, or, when the
 * capture starts at the SYN+ACK, the side it went to; -1 when the capture
 * starts mid-way and cannot tell.
 */
static int
rp_client(const struct replay_app *a)
{
	const struct replay_conn *c = replay_conn_by_id(a->r, a->r->loaded);

	if (c == NULL)
		return -1;
	if (c->client >= 0)
		return c->client;
	return c->start == REPLAY_START_SYNACK ? 1 : -1;
}

/* The replay side drawn on the left (the client's place), or the right. */
static int
rp_side(const struct replay_app *a, int view_side)
{
	int left = rp_client(a) == 1 ? 1 : 0;

	return view_side == 0 ? left : 1 - left;
}

/* Whether the capture showed who opened the connection. */
static bool
rp_client_known(const struct replay_app *a)
{
	return rp_client(a) >= 0;
}

/* A side's name: client and server when the SYN showed it, else A and B. */
static const char *
rp_side_name(const struct replay_app *a, int view_side)
{
	if (rp_client_known(a))
		return pane_side_name(view_side);
	return view_side == 0 ? _("side A") : _("side B");
}

static const struct replay_step *
rp_step(const struct replay_app *a)
{
	return &a->r->steps[a->step - 1];
}

/* The view side of the packet's sender. */
static int
rp_sender(const struct replay_app *a, const struct replay_step *st)
{
	return rp_side(a, 0) == st->dir ? 0 : 1;
}

/* --- the ladder, built from the steps ------------------------------------ */

/* The analysis's first word for a packet, short enough for an arrow. */
static const char *
rp_note(uint32_t taflags)
{
	static const struct {
		uint32_t	 flag;
		const char	*word;
	} notes[] = {
		{ TA_RETRANSMISSION, N_("retransmission") },
		{ TA_FAST_RETRANSMISSION, N_("fast retransmission") },
		{ TA_SPURIOUS_RETRANSMISSION, N_("spurious retransmission") },
		{ TA_OUT_OF_ORDER, N_("out of order") },
		{ TA_LOST_SEGMENT, N_("after a gap") },
		{ TA_DUPLICATE_ACK, N_("duplicate ACK") },
		{ TA_ZERO_WINDOW, N_("zero window") },
		{ TA_ZERO_WINDOW_PROBE, N_("window probe") },
		{ TA_WINDOW_FULL, N_("window full") },
		{ TA_WINDOW_UPDATE, N_("window update") },
		{ TA_KEEP_ALIVE, N_("keep-alive") },
		{ TA_ACK_LOST_SEGMENT, N_("ACKs unseen data") },
		{ TA_REUSED_PORTS, N_("ports reused") },
	};

	for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		if (taflags & notes[i].flag)
			return _(notes[i].word);
	return NULL;
}

/*
 * A state in at most 12 columns, as the ladder's labels and narrow cells
 * need: RFC 9293's names as the simulator's ladder writes them, "LISTEN?"
 * for "LISTEN or CLOSED", "?" for unknown.
 */
static const char *
rp_state_short(int state)
{
	if (state == RS_LISTEN_OR_CLOSED)
		return "LISTEN?";
	if (state < 0)
		return "?";
	return replay_state_name(state);
}

static void
rp_ladder_state(struct ladder *l, const struct replay_step *st, uint32_t k,
    int view_side, int state)
{
	struct ladder_ev ev;

	memset(&ev, 0, sizeof(ev));
	ev.step = k;
	ev.time_us = (uint64_t)(st->rel_ns > 0 ? st->rel_ns : 0) / 1000;
	ev.kind = LEV_STATE;
	ev.side = view_side;
	snprintf(ev.state, sizeof(ev.state), "%s", rp_state_short(state));
	ladder_push(l, &ev);
}

/*
 * One event per packet, and one per change of a side's state: the
 * sender's before its segment (it changed by sending), the receiver's
 * after (it changed on receipt), as the simulator's ladder orders them.
 */
void
replay_ladder_build(struct replay_app *a)
{
	struct ladder *l;
	int prev[2] = { -2, -2 };

	ladder_free(a->ladder);
	a->ladder = l = calloc(1, sizeof(*l));
	if (l == NULL)
		return;
	l->us_times = true;
	if (!rp_client_known(a)) {
		l->name[0] = _("side A");
		l->name[1] = _("side B");
	}
	for (uint32_t k = 1; k <= a->r->nsteps; k++) {
		const struct replay_step *st = &a->r->steps[k - 1];
		int snd = rp_sender(a, st);
		struct ladder_ev ev;
		int s[2];

		for (int v = 0; v < 2; v++)
			s[v] = st->tcb[rp_side(a, v)].state;
		if (s[snd] != prev[snd])
			rp_ladder_state(l, st, k, snd, s[snd]);
		memset(&ev, 0, sizeof(ev));
		ev.step = k;
		ev.time_us = (uint64_t)(st->rel_ns > 0 ? st->rel_ns : 0) / 1000;
		ev.kind = LEV_SEG;
		ev.side = snd;
		ev.flags = st->tcpflags;
		ev.seq = st->seq;
		ev.ack = st->ack;
		ev.len = st->seglen;
		ev.note = rp_note(st->taflags);
		ladder_push(l, &ev);
		if (s[1 - snd] != prev[1 - snd])
			rp_ladder_state(l, st, k, 1 - snd, s[1 - snd]);
		prev[0] = s[0];
		prev[1] = s[1];
	}
	/* relative numbers count from each side's ISS, when a SYN showed it */
	for (int v = 0; v < 2; v++) {
		const struct replay_tcb *t =
		    &a->r->steps[a->r->nsteps - 1].tcb[rp_side(a, v)];

		l->have_base[v] = t->iss.tag != RV_UNKNOWN;
		l->base[v] = t->iss.v;
	}
	snprintf(a->ladder_lang, sizeof(a->ladder_lang), "%s", lang_current());
	a->ladder_steps = a->r->nsteps;
}

/* The capture's name as the user gave it: its file name, or stdin's. */
static const char *
rp_file_name(const struct replay *r)
{
	const char *base = strrchr(r->path, '/');

	if (r->tmp != NULL)
		return _("standard input");
	return base != NULL ? base + 1 : r->path;
}

/* --- the capture point, where the simulator draws the stack -------------- */

static const char *
rp_near_short(int near)
{
	switch (near) {
	case REPLAY_NEAR_CLIENT:
		return _("probably near the client: the SYN+ACK came long "
		    "after the SYN, the ACK at once");
	case REPLAY_NEAR_SERVER:
		return _("probably near the server: the SYN+ACK came at once, "
		    "the ACK long after");
	case REPLAY_NEAR_MIDDLE:
		return _("between the two, or too close to tell from the "
		    "handshake's timing");
	default:
		return _("unknown: no complete handshake to time");
	}
}

static void
rp_capture_pane(const struct pane_ctx *x, const struct replay_app *a)
{
	struct rect in = pane_inner(x);
	const struct replay *r = a->r;
	const struct replay_step *st = rp_step(a);
	char t[32], line[256], link[128];
	int y = in.y, mx, wl, wr;

	pane_frame(x, _("Capture: the wire seen from one place"));
	if (in.w < 20 || in.h < 3)
		return;
	annot_fmt_time(t, st->rel_ns, 6);
	snprintf(line, sizeof(line), _("frame %llu, +%s s, %s"),
	    (unsigned long long)st->frame, t,
	    pcap_rd_linktype_desc(r->linktype, link, sizeof(link)));
	if (canvas_text_width(line) > in.w - 2)	/* the name alone */
		snprintf(line, sizeof(line), _("frame %llu, +%s s, %s"),
		    (unsigned long long)st->frame, t, r->linkname);
	canvas_put(x->cv, in.x + 1, y++, in.w - 2, ROLE_DIM, 0, line);
	if (in.h >= 6)
		canvas_put(x->cv, in.x + 1, y++, in.w - 2, ROLE_DIM, 0,
		    rp_file_name(r));
	/* client ●────────● server, the capture point under it */
	wl = canvas_text_width(rp_side_name(a, 0));
	wr = canvas_text_width(rp_side_name(a, 1));
	canvas_put(x->cv, in.x + 1, y, wl, ROLE_CLIENT, CF_BOLD,
	    rp_side_name(a, 0));
	canvas_put(x->cv, in.x + in.w - 1 - wr, y, wr, ROLE_SERVER, CF_BOLD,
	    rp_side_name(a, 1));
	for (int cx = in.x + 2 + wl; cx < in.x + in.w - 2 - wr; cx++)
		canvas_put(x->cv, cx, y, 1, ROLE_WIRE, 0, "\xe2\x94\x80");
	switch (r->near) {
	case REPLAY_NEAR_CLIENT:
		mx = in.x + 4 + wl;
		break;
	case REPLAY_NEAR_SERVER:
		mx = in.x + in.w - 5 - wr;
		break;
	default:
		mx = in.x + in.w / 2;
		break;
	}
	y++;
	canvas_put(x->cv, mx, y, 1, ROLE_SEGMENT, CF_BOLD,
	    r->near == REPLAY_NEAR_UNKNOWN ? "?" : "\xe2\x96\xb2");	/* ▲ */
	snprintf(line, sizeof(line), " %s", _("capture point"));
	if (mx + canvas_text_width(line) + 1 <= in.x + in.w)
		canvas_put(x->cv, mx + 1, y, in.x + in.w - mx - 1, ROLE_LABEL,
		    0, line);
	else
		canvas_put(x->cv, mx - canvas_text_width(line), y,
		    canvas_text_width(line), ROLE_LABEL, 0, line);
	y++;
	canvas_put_wrapped(x->cv, (struct rect){ in.x + 1, y, in.w - 2,
	    in.y + in.h - y }, ROLE_NORMAL, 0, replay_loading(r) ?
	    _("guessed when the whole connection is read") :
	    rp_near_short(r->near));
}

/* --- the control blocks --------------------------------------------------- */

enum rp_row { RR_STATE, RR_ISS, RR_IRS, RR_UNA, RR_NXT, RR_SWND, RR_RNXT,
	RR_RWND, RR_WS, RR_COUNT };

static const char *const rp_row_names[RR_COUNT] = {
	N_("state"), "ISS", "IRS", "SND.UNA", "SND.NXT", "SND.WND", "RCV.NXT",
	"RCV.WND", N_("options")
};

static const struct replay_val *
rp_val(const struct replay_tcb *t, int row, struct replay_val *tmp)
{
	switch (row) {
	case RR_ISS: return &t->iss;
	case RR_IRS: return &t->irs;
	case RR_UNA: return &t->snd_una;
	case RR_NXT: return &t->snd_nxt;
	case RR_SWND: return &t->snd_wnd;
	case RR_RNXT: return &t->rcv_nxt;
	case RR_RWND: return &t->rcv_wnd;
	default:
		/* the shift both SYNs agreed (RFC 7323): from both sides */
		tmp->v = t->wscale < 0 ? 0 : (uint32_t)t->wscale;
		tmp->tag = t->wscale < 0 ? RV_UNKNOWN : RV_INFERRED;
		return tmp;
	}
}

static char
rp_mark(int tag)
{
	return tag == RV_OBSERVED ? '=' : tag == RV_INFERRED ? '~' : '?';
}

/*
 * A value as shown: its mark, then the number (relative to a side's ISS
 * when asked and known).  Sequence rows count from the sender's own ISS
 * (ISS, SND.*) or the peer's (IRS, RCV.NXT).
 */
static int
rp_fmt_val(char *buf, size_t len, const struct replay_app *a,
    const struct replay_tcb *t, int row, bool words)
{
	struct replay_val tmp;
	const struct replay_val *v = rp_val(t, row, &tmp);
	const struct replay_val *base = NULL;
	char num[24];

	if (v->tag == RV_UNKNOWN) {
		snprintf(buf, len, "? %s", words ? _("unknown") : "");
		return RV_UNKNOWN;
	}
	if (row == RR_ISS || row == RR_UNA || row == RR_NXT)
		base = &t->iss;
	else if (row == RR_IRS || row == RR_RNXT)
		base = &t->irs;
	if (a->ui.relative && base != NULL && base->tag != RV_UNKNOWN)
		snprintf(num, sizeof(num), "%" PRIu32, v->v - base->v);
	else
		snprintf(num, sizeof(num), "%" PRIu32, v->v);
	if (words)
		snprintf(buf, len, "%c %-10s %s", rp_mark(v->tag), num,
		    v->tag == RV_OBSERVED ? _("observed") : _("inferred"));
	else
		snprintf(buf, len, "%c %s", rp_mark(v->tag), num);
	return v->tag;
}

static bool
rp_val_changed(const struct replay_app *a, int side, int row)
{
	struct replay_val t1, t2;
	const struct replay_val *now, *was;

	if (a->step < 2)
		return false;
	if (row == RR_STATE)
		return a->r->steps[a->step - 1].tcb[side].state !=
		    a->r->steps[a->step - 2].tcb[side].state;
	now = rp_val(&a->r->steps[a->step - 1].tcb[side], row, &t1);
	was = rp_val(&a->r->steps[a->step - 2].tcb[side], row, &t2);
	return now->tag != was->tag || now->v != was->v;
}

/*
 * The options a side offered in its SYN, as seen by step k: "MSS 1460
 * SACK TS WS 7", then the window scale both agreed ("x128", inferred from
 * both SYNs).  False when no SYN of that side came by then.
 */
static bool
rp_syn_options(const struct replay_app *a, int side, bool agreed, char *buf,
    size_t len)
{
	const struct replay_tcb *t = &rp_step(a)->tcb[side];
	struct pkt p;
	size_t at = 0;

	buf[0] = '\0';
	for (uint32_t k = 1; k <= a->step; k++) {
		const struct replay_step *st = &a->r->steps[k - 1];

		if (st->dir != side || !(st->tcpflags & TH_SYN))
			continue;
		if (pkt_decode(&p, a->r->linktype, st->data, st->snaplen,
		    st->wirelen) != 0 || !p.has_tcp)
			return false;
		for (int i = 0; i < p.tcp.n_opts && at < len; i++) {
			const struct tcp_opt *o = &p.tcp.opts[i];
			int n = 0;

			if (o->kind == TCPOPT_MSS)
				n = snprintf(buf + at, len - at, "MSS %u ",
				    (unsigned)o->u.mss);
			else if (o->kind == TCPOPT_SACK_PERM)
				n = snprintf(buf + at, len - at, "SACK ");
			else if (o->kind == TCPOPT_TIMESTAMP)
				n = snprintf(buf + at, len - at, "TS ");
			else if (o->kind == TCPOPT_WSCALE)
				n = snprintf(buf + at, len - at, "WS %u ",
				    (unsigned)o->u.wscale);
			at += n > 0 ? (size_t)n : 0;
		}
		if (at == 0)
			at = (size_t)snprintf(buf, len, "%s ", _("none"));
		if (agreed && t->wscale >= 0 && at < len)
			snprintf(buf + at, len - at, "~%s%u", a->ascii ? "x" :
			    "\xc3\x97", 1u << t->wscale);	/* ×N */
		return true;
	}
	return false;
}

static void
rp_tcb_cell(const struct pane_ctx *x, const struct replay_app *a, int side,
    int row, int cx, int y, int w, bool words)
{
	const struct replay_tcb *t = &rp_step(a)->tcb[side];
	int fl = rp_val_changed(a, side, row) ? CF_CHANGED : 0;
	char buf[96];

	if (row == RR_STATE) {
		snprintf(buf, sizeof(buf), "%c %s", t->state < 0 ? '?' : '~',
		    replay_view_state(t->state));
		if (canvas_text_width(buf) > w)	/* a long translation */
			snprintf(buf, sizeof(buf), "%c %s", t->state < 0 ?
			    '?' : '~', rp_state_short(t->state));
		canvas_put(x->cv, cx, y, w, ROLE_STATE, fl | CF_BOLD, buf);
		return;
	}
	if (row == RR_WS) {
		char o[80];

		if (rp_syn_options(a, side, true, o, sizeof(o))) {
			snprintf(buf, sizeof(buf), "= %s", o);
			/* a column apart from the next: the agreement goes */
			if (canvas_text_width(buf) > w - 1 &&
			    rp_syn_options(a, side, false, o, sizeof(o)))
				snprintf(buf, sizeof(buf), "= %s", o);
			canvas_put(x->cv, cx, y, w, ROLE_VALUE, fl, buf);
		} else
			canvas_put(x->cv, cx, y, w, ROLE_DIM, fl, words ?
			    _("? no SYN of its own captured") : "?");
		return;
	}
	if (rp_fmt_val(buf, sizeof(buf), a, t, row, words) == RV_UNKNOWN)
		canvas_put(x->cv, cx, y, w, ROLE_DIM, fl, buf);
	else
		canvas_put(x->cv, cx, y, w, ROLE_VALUE, fl, buf);
}

static void
rp_tcb_pane(const struct pane_ctx *x, const struct replay_app *a)
{
	struct rect in = pane_inner(x);
	const struct replay_conn *c = replay_conn_by_id(a->r, a->r->loaded);
	int lw = 14, colw = (in.w - lw) / 2, rows = RR_COUNT;
	bool words = colw >= 34;
	char head[128];

	pane_frame(x, _("TCB"));
	if (in.w < 40 || in.h < 2)
		return;
	for (int v = 0; v < 2; v++) {
		int side = rp_side(a, v);

		snprintf(head, sizeof(head), " %s %s ", rp_side_name(a, v),
		    c != NULL ? c->ep[side] : "");
		if (c != NULL && canvas_text_width(head) > colw - 1)
			snprintf(head, sizeof(head), " %s \xe2\x80\xa6%s ",
			    rp_side_name(a, v), strrchr(c->ep[side], '.') ?
			    strrchr(c->ep[side], '.') : "");
		canvas_put(x->cv, in.x + lw + v * colw, x->r.y, colw - 1,
		    v == 0 ? ROLE_CLIENT : ROLE_SERVER, CF_BOLD, head);
	}
	if (rows > in.h)
		rows = in.h - 1;	/* the last row says what is missing */
	for (int row = 0; row < rows; row++) {
		canvas_put(x->cv, in.x + 1, in.y + row, lw - 1, ROLE_LABEL, 0,
		    row == RR_STATE || row == RR_WS ? _(rp_row_names[row]) :
		    rp_row_names[row]);
		for (int v = 0; v < 2; v++)
			rp_tcb_cell(x, a, rp_side(a, v), row,
			    in.x + lw + v * colw, in.y + row, colw - 1, words);
	}
	if (rows < RR_COUNT)
		canvas_put(x->cv, in.x + 1, in.y + in.h - 1, in.w - 2, ROLE_DIM,
		    0, a->ui.focus == FOCUS_TCB ?
		    _("\xe2\x80\xa6 more rows: a taller window shows them") :
		    _("\xe2\x80\xa6 more rows: Tab shows the whole TCB"));
	snprintf(head, sizeof(head), " %s ", _("= observed on the wire  "
	    "~ inferred  ? the wire cannot tell"));
	canvas_put(x->cv, x->r.x + 2, x->r.y + x->r.h - 1, x->r.w - 4,
	    ROLE_DIM, 0, head);
}

/* --- data in flight, where the simulator draws the buffers -------------- */

/*
 * Sequence numbers from a to b hold data, less the SYN (at ISS) and a FIN
 * sent (at fin_seq) when they lie in [a, b): both take a number, no byte.
 */
static uint32_t
rp_data_between(const struct replay_tcb *t, uint32_t a, uint32_t b)
{
	uint32_t d = b - a;

	if (t->iss.tag != RV_UNKNOWN && t->iss.v - a < d && d > 0)
		d--;
	if (t->fin_sent && t->fin_seq - a < b - a && d > 0)
		d--;
	return d;
}

/* Bytes of data sent: from ISS to SND.NXT. */
static bool
rp_sent(const struct replay_tcb *t, uint32_t *n)
{
	if (t->iss.tag == RV_UNKNOWN || t->snd_nxt.tag == RV_UNKNOWN)
		return false;
	*n = rp_data_between(t, t->iss.v, t->snd_nxt.v);
	return true;
}

/* Bytes of data sent and not yet acknowledged: SND.UNA to SND.NXT. */
static bool
rp_in_flight(const struct replay_tcb *t, uint32_t *n)
{
	if (t->snd_una.tag == RV_UNKNOWN || t->snd_nxt.tag == RV_UNKNOWN)
		return false;
	*n = rp_data_between(t, t->snd_una.v, t->snd_nxt.v);
	return true;
}

static void
rp_flight_side(const struct pane_ctx *x, const struct replay_app *a, int v,
    int y, int h)
{
	struct rect in = pane_inner(x);
	const struct replay_tcb *t = &rp_step(a)->tcb[rp_side(a, v)];
	char line[200], sent[24], fl[24], wnd[24];
	uint32_t n;

	snprintf(line, sizeof(line), "%s \xe2\x86\x92 %s", rp_side_name(a, v),
	    rp_side_name(a, 1 - v));
	canvas_put(x->cv, in.x + 1, y, in.w - 2, v == 0 ? ROLE_CLIENT :
	    ROLE_SERVER, CF_BOLD, line);
	if (h < 2)
		return;
	if (rp_sent(t, &n))
		snprintf(sent, sizeof(sent), "%" PRIu32, n);
	else
		snprintf(sent, sizeof(sent), "?");
	if (rp_in_flight(t, &n))
		snprintf(fl, sizeof(fl), "%" PRIu32, n);
	else
		snprintf(fl, sizeof(fl), "?");
	if (t->snd_wnd.tag != RV_UNKNOWN)
		snprintf(wnd, sizeof(wnd), "%" PRIu32, t->snd_wnd.v);
	else
		snprintf(wnd, sizeof(wnd), "?");
	if (h >= 4) {
		/* a row each, the numbers in one column */
		const char *lab[3] = { _("data sent"), _("in flight"),
		    _("window") };
		const char *val[3] = { sent, fl, wnd };
		int lw = 0;

		for (int i = 0; i < 3; i++)
			if (canvas_text_width(lab[i]) > lw)
				lw = canvas_text_width(lab[i]);
		for (int i = 0; i < 3; i++) {
			canvas_put(x->cv, in.x + 2, y + 1 + i, lw, ROLE_LABEL, 0,
			    lab[i]);
			canvas_printf(x->cv, in.x + 3 + lw, y + 1 + i,
			    in.w - 4 - lw, ROLE_VALUE, 0, "%s B", val[i]);
		}
		return;
	}
	snprintf(line, sizeof(line), _("sent %s B \xc2\xb7 in flight %s B "
	    "\xc2\xb7 window %s B"), sent, fl, wnd);
	canvas_put_wrapped(x->cv, (struct rect){ in.x + 2, y + 1, in.w - 3,
	    h - 1 }, ROLE_VALUE, 0, line);
}

static void
rp_flight_pane(const struct pane_ctx *x, const struct replay_app *a)
{
	struct rect in = pane_inner(x);
	int each;

	pane_frame(x, _("Data in flight"));
	if (in.w < 20 || in.h < 2)
		return;
	each = in.h >= 10 ? 4 : in.h >= 8 ? 3 : in.h / 2;
	rp_flight_side(x, a, 0, in.y, each);
	rp_flight_side(x, a, 1, in.y + each, each);
	if (in.h - 2 * each >= 2)
		canvas_put_wrapped(x->cv, (struct rect){ in.x + 1,
		    in.y + 2 * each + 1, in.w - 2, in.h - 2 * each - 1 },
		    ROLE_DIM, 0, _("The buffers themselves are inside each "
		    "host: the wire shows only what was sent, acknowledged "
		    "and offered."));
}

/* --- the tools' lines, the narration, the title and the bar -------------- */

static void
rp_dump_pane(const struct pane_ctx *x, struct replay_app *a)
{
	canvas_fill(x->cv, x->r, ROLE_NORMAL, 0);
	canvas_hline(x->cv, x->r.x, x->r.y, x->r.w, ROLE_BORDER);
	canvas_put(x->cv, x->r.x + 2, x->r.y, x->r.w - 4, ROLE_HEAD, 0,
	    _(" The packet as tcpdump -nn and tshark print it "));
	if (a->rl.ascii != x->cv->ascii) {	/* the canvas's own arrow */
		a->rl.ascii = x->cv->ascii;
		a->rl.have = false;
	}
	replay_lines_at(&a->rl, a->r, a->step);
	pane_tool_pair(x, a->rl.tcpdump, a->rl.tshark);
}

static void
rp_narration_pane(const struct pane_ctx *x, const struct replay_app *a)
{
	const struct replay_step *st = rp_step(a);
	struct rect in = { x->r.x + 1, x->r.y + 1, x->r.w - 2, x->r.h - 1 };
	char title[200], f[48];
	int snd = rp_sender(a, st), used;

	canvas_fill(x->cv, x->r, ROLE_NORMAL, 0);
	canvas_hline(x->cv, x->r.x, x->r.y, x->r.w, ROLE_BORDER);
	snprintf(title, sizeof(title), _(" Step %u, frame %llu: %s "
	    "\xe2\x86\x92 %s, %s "), a->step, (unsigned long long)st->frame,
	    rp_side_name(a, snd), rp_side_name(a, 1 - snd),
	    tcp_flags_names(st->tcpflags, f, sizeof(f)));
	canvas_put(x->cv, x->r.x + 2, x->r.y, x->r.w - 4, ROLE_HEAD, CF_BOLD,
	    title);
	used = canvas_put_wrapped(x->cv, in, ROLE_NORMAL, 0, st->explain);
	if (st->problems != NULL && used < in.h)
		used += canvas_put_wrapped(x->cv, (struct rect){ in.x,
		    in.y + used, in.w, in.h - used }, ROLE_WARN, CF_BOLD,
		    st->problems);
	/* rows left: what a state entered at this step means */
	for (int v = 0; v < 2 && used < in.h; v++) {
		int state = st->tcb[rp_side(a, v)].state;
		char line[512];

		if (state < 0 || state >= TCPS_COUNT ||
		    (a->step > 1 && !rp_val_changed(a, rp_side(a, v),
		    RR_STATE)))
			continue;
		snprintf(line, sizeof(line), "%s %s", rp_side_name(a, v),
		    sim_state_gloss(state));
		used += canvas_put_wrapped(x->cv, (struct rect){ in.x,
		    in.y + used, in.w, in.h - used }, ROLE_DIM, 0, line);
	}
}

static void
rp_title(struct canvas *cv, struct rect r, const struct replay_app *a)
{
	char left[256], right[160];
	int rw;

	canvas_fill(cv, r, ROLE_TITLE, 0);
	snprintf(left, sizeof(left), _(" tcpstep \xc2\xb7 replay %s \xc2\xb7 "
	    "connection %llu of %u%s"), rp_file_name(a->r),
	    (unsigned long long)a->r->loaded, a->r->nconns,
	    a->r->steps_cut ? _(" (cut: more packets not loaded)") : "");
	if (replay_loading(a->r))
		snprintf(right, sizeof(right), _("step %u of %u so far, "
		    "reading\xe2\x80\xa6 "), a->step, a->r->nsteps);
	else
		snprintf(right, sizeof(right), _("step %u of %u \xc2\xb7 "
		    "frame %llu "), a->step, a->r->nsteps,
		    (unsigned long long)rp_step(a)->frame);
	/* where we are matters more than the file's name */
	rw = canvas_text_width(right);
	if (rw > r.w)
		rw = r.w;
	if (canvas_text_width(left) > r.w - rw - 1)
		snprintf(left, sizeof(left), _(" tcpstep \xc2\xb7 connection "
		    "%llu of %u%s"), (unsigned long long)a->r->loaded,
		    a->r->nconns, a->r->steps_cut ?
		    _(" (cut: more packets not loaded)") : "");
	canvas_put(cv, r.x, r.y, r.w - rw - 1, ROLE_TITLE, 0, left);
	canvas_put(cv, r.x + r.w - rw, r.y, rw, ROLE_TITLE, 0, right);
}

/*
 * The keys, the most needed first, as many as fit; q (back to the list)
 * always shows.  L names the language it switches to, as in the simulator.
 */
static void
rp_bar(struct canvas *cv, struct rect r, const struct replay_app *a)
{
	static const char *const keys[][2] = {
		{ "\xe2\x86\x90\xe2\x86\x92", N_("step") },
		{ "L", NULL },
		{ "Tab", N_("pane") },
		{ "d", N_("tcpdump") },
		{ "r", N_("seq") },
		{ "g", N_("go to") },
		{ "Home/End", N_("first/last") },
		{ "?", N_("help") },
		{ "q", N_("list") },
	};
	const int n = (int)(sizeof(keys) / sizeof(keys[0]));
	int col = r.x + 1, end = r.x + r.w;

	canvas_fill(cv, r, ROLE_BAR, 0);
	if (a->typing) {
		canvas_printf(cv, r.x, r.y, r.w, ROLE_BAR, CF_BOLD, " %s %s_",
		    _("go to step:"), a->input);
		return;
	}
	if (a->message[0] != '\0') {
		canvas_put(cv, r.x + 1, r.y, r.w - 1, ROLE_BAR, CF_BOLD,
		    a->message);
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *k = keys[i][0], *what = keys[i][1] != NULL ?
		    _(keys[i][1]) : keys_other_lang(cv->ascii);
		int w = canvas_text_width(k) + 1 + canvas_text_width(what) + 2;
		int room = end - (i < n - 1 ? canvas_text_width(_("list")) + 4 :
		    0);

		if (col + w > room)
			continue;
		col += canvas_put(cv, col, r.y, end - col, ROLE_KEY, CF_BOLD, k);
		col += 1;
		col += canvas_put(cv, col, r.y, end - col, ROLE_BAR, 0, what);
		col += 2;
	}
}

/* --- the header, through the simulator's pane ---------------------------- */

/* This packet and its sender's previous one (NULL if none). */
struct rp_pair {
	const struct replay_step *st, *pr;
};

/* A field changed since this sender's previous packet. */
static bool
rp_hdr_changed(const void *arg, const char *key)
{
	const struct rp_pair *p = arg;
	const struct replay_step *st = p->st, *pr = p->pr;

	if (pr == NULL)
		return false;
	if (strncmp(key, "flag_", 5) == 0 || strcmp(key, "flags") == 0)
		return pr->tcpflags != st->tcpflags;
	if (strcmp(key, "seq") == 0)
		return pr->seq != st->seq;
	if (strcmp(key, "ack") == 0)
		return pr->ack != st->ack;
	return false;
}

static void
rp_header_pane(const struct pane_ctx *x, struct replay_app *a)
{
	const struct replay_step *st = rp_step(a);
	const struct replay_tcb *t = &st->tcb[st->dir];
	struct rp_pair pair = { st, NULL };
	struct header_view hv = { .p = &a->rl.pkt, .relative = a->ui.relative,
	    .changed = rp_hdr_changed, .arg = &pair };

	for (uint32_t k = a->step - 1; k >= 1 && pair.pr == NULL; k--)
		if (a->r->steps[k - 1].dir == st->dir)
			pair.pr = &a->r->steps[k - 1];

	pane_frame(x, _("TCP header (RFC 9293)"));
	if (pkt_decode(&a->rl.pkt, a->r->linktype, st->data, st->snaplen,
	    st->wirelen) != 0 || !a->rl.pkt.has_tcp) {
		canvas_center(x->cv, x->r.x, x->r.y + x->r.h / 2, x->r.w,
		    ROLE_DIM, 0, _("no TCP header in this packet"));
		return;
	}
	hv.seq_base = t->iss.v;
	hv.ack_base = t->irs.v;
	hv.relative = hv.relative && t->iss.tag != RV_UNKNOWN &&
	    t->irs.tag != RV_UNKNOWN;
	pane_header_show(x, &hv);
}

/*
 * The simulator's layout, but the TCB here has fewer rows than the
 * simulator's: what it does not need goes to the ladder (and the capture
 * pane beside it), a capture's longest story.
 */
void
replay_layout(struct layout *lay, const struct replay_app *a, int w, int h)
{
	layout_compute(lay, w, h, a->ui.focus, a->ui.dump);
	if (!lay->compact && lay->tcb.h > RR_COUNT + 2 && lay->ladder.w > 0 &&
	    lay->ladder.y + lay->ladder.h == lay->tcb.y) {
		int spare = lay->tcb.h - (RR_COUNT + 2);

		lay->ladder.h += spare;
		lay->stack.h += spare;
		lay->tcb.y += spare;
		lay->tcb.h -= spare;
	}
}

size_t
replay_ladder_hit(struct replay_app *a, int cx, int cy)
{
	struct layout lay;
	struct pane_ctx x = { NULL, NULL, &a->ui, a->ladder, { 0, 0, 0, 0 },
	    a->step };

	if (a->mode != RA_CONN || a->ladder == NULL || a->width == 0)
		return 0;
	replay_layout(&lay, a, a->width, a->height);
	if (lay.too_small || !layout_in(lay.ladder, cx, cy))
		return 0;
	x.r = lay.ladder;
	return ladder_hit(&x, cx, cy);
}

/* ?: the keys of a connection's screen (the simulator's, less s and f). */
static void
rp_help(struct canvas *cv)
{
	static const char *const rows[][2] = {
		{ N_("\xe2\x86\x92 space n l"), N_("next step") },
		{ N_("\xe2\x86\x90 backspace p h"), N_("previous step") },
		{ N_("Home"), N_("first step: the connection's first packet") },
		{ N_("End"), N_("last step") },
		{ "g", N_("go to a step by number") },
		{ "r", N_("relative or absolute sequence numbers") },
		{ "d", N_("the segment as tcpdump and tshark print it") },
		{ "Tab", N_("which pane is large") },
		{ "L", N_("English / Chinese") },
		{ "?", N_("this help") },
		{ "q Esc", N_("back to the list of connections") },
	};

	screen_keys_overlay_tr(cv, rows,
	    (int)(sizeof(rows) / sizeof(rows[0])));
}

void
replay_screen_draw(struct replay_app *a, struct canvas *cv)
{
	struct layout lay;
	struct pane_ctx x = { cv, NULL, &a->ui, a->ladder, { 0, 0, 0, 0 },
	    a->step };

	canvas_clear(cv);
	replay_layout(&lay, a, cv->w, cv->h);
	if (lay.too_small) {
		screen_draw_too_small(cv);
		return;
	}
	if (a->ladder == NULL || a->ladder_steps != a->r->nsteps ||
	    strcmp(a->ladder_lang, lang_current()) != 0)
		replay_ladder_build(a);
	x.ladder = a->ladder;
	rp_title(cv, lay.title, a);
#define RP_PANE(rect, call) do {					\
		x.r = (rect);						\
		if (x.r.w > 0 && x.r.h > 0)				\
			call;						\
	} while (0)
	RP_PANE(lay.stack, rp_capture_pane(&x, a));
	RP_PANE(lay.ladder, pane_ladder_ops.draw(&x));
	RP_PANE(lay.header, rp_header_pane(&x, a));
	RP_PANE(lay.tcb, rp_tcb_pane(&x, a));
	RP_PANE(lay.buffers, rp_flight_pane(&x, a));
	RP_PANE(lay.dump, rp_dump_pane(&x, a));
	RP_PANE(lay.narration, rp_narration_pane(&x, a));
#undef RP_PANE
	rp_bar(cv, lay.bar, a);
	if (a->ui.help)
		rp_help(cv);
}
