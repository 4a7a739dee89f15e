/*
 * pane_tcb: the two control blocks side by side, one row per field, named
 * as RFC 9293 names them.  Each row is marked as the chapter distinguishes
 * control information: ⇄ on the wire, seen by both (it travels in a
 * header), or ⌂ kept inside this host (only its own stack knows it).
 *
 * The windows are both: SND.WND and RCV.WND are the host's own numbers,
 * but a header carries each as a 16-bit field that the receiver shifts
 * left by the negotiated window scale (RFC 7323 §2.2-2.3).  Their rows are
 * marked ⌂ and end with the header's part after ⇄: "64240 ⇄ sends 501<<7 =
 * 64128" (RCV.WND is 64240, the field says 501, the peer reads 64128).
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

#define TCB_WIRE	"\xe2\x87\x84"	/* ⇄ */
#define TCB_HOST	"\xe2\x8c\x82"	/* ⌂ */

enum tcb_row_id {
	TR_STATE, TR_LOCAL, TR_REMOTE, TR_ISS, TR_IRS, TR_SND_UNA, TR_SND_NXT,
	TR_SND_WND, TR_RCV_NXT, TR_RCV_WND, TR_OPTIONS, TR_TIMERS,
	/* compact rows, two fields in one */
	TR_ISS_IRS, TR_UNA_NXT
};

struct tcb_row {
	int		 id;
	bool		 wire;
	const char	*label;
	const char	*field;		/* for the change mark */
	const char	*field2;
};

static const struct tcb_row tcb_rows_full[] = {
	{ TR_STATE, false, N_("state"), "state", NULL },
	{ TR_LOCAL, true, N_("local IP:port"), "sock.local_port", NULL },
	{ TR_REMOTE, true, N_("remote IP:port"), "sock.remote_port", NULL },
	{ TR_ISS, true, "ISS", "tcb.iss", NULL },
	{ TR_IRS, true, "IRS", "tcb.irs", NULL },
	{ TR_SND_UNA, false, "SND.UNA", "tcb.snd_una", NULL },
	{ TR_SND_NXT, false, "SND.NXT", "tcb.snd_nxt", NULL },
	{ TR_SND_WND, false, "SND.WND", "tcb.snd_wnd", NULL },
	{ TR_RCV_NXT, false, "RCV.NXT", "tcb.rcv_nxt", NULL },
	{ TR_RCV_WND, false, "RCV.WND", "tcb.rcv_wnd", NULL },
	{ TR_OPTIONS, true, N_("options"), "tcb.mss", NULL },
	{ TR_TIMERS, false, N_("timers"), "tcb.rto", "timer.retransmission" },
};

/*
 * Fewer rows: the state moves up into each column's heading (the stack
 * pane shows it too), ISS and IRS share a row, SND.UNA and SND.NXT one.
 */
static const struct tcb_row tcb_rows_compact[] = {
	{ TR_LOCAL, true, N_("local IP:port"), "sock.local_port", NULL },
	{ TR_REMOTE, true, N_("remote IP:port"), "sock.remote_port", NULL },
	{ TR_ISS_IRS, true, "ISS / IRS", "tcb.iss", "tcb.irs" },
	{ TR_UNA_NXT, false, "SND.UNA / NXT", "tcb.snd_una", "tcb.snd_nxt" },
	{ TR_SND_WND, false, "SND.WND", "tcb.snd_wnd", NULL },
	{ TR_RCV_NXT, false, "RCV.NXT", "tcb.rcv_nxt", NULL },
	{ TR_RCV_WND, false, "RCV.WND", "tcb.rcv_wnd", NULL },
	{ TR_OPTIONS, true, N_("options"), "tcb.mss", NULL },
	{ TR_TIMERS, false, N_("timers"), "tcb.rto", "timer.retransmission" },
};

/* A SYN has gone out: ISS and the send variables mean something. */
static bool
tcb_sent_syn(const struct tcb *t)
{
	return t->state != TCPS_CLOSED && t->state != TCPS_LISTEN;
}

/* A SYN has come in: IRS and RCV.NXT mean something. */
static bool
tcb_got_syn(const struct tcb *t)
{
	return t->state != TCPS_CLOSED && t->state != TCPS_LISTEN &&
	    t->state != TCPS_SYN_SENT;
}

static void
tcb_options(char *buf, size_t len, const struct tcb *t)
{
	if (!tcb_sent_syn(t)) {
		snprintf(buf, len, "-");
		return;
	}
	if (!tcb_got_syn(t)) {
		/* not negotiated yet: what this end offers */
		snprintf(buf, len, _("offers MSS %u"), (unsigned)t->mss_offered);
		return;
	}
	if (t->wscale_ok)	/* "WS 7/7": shift of the peer's windows / ours */
		snprintf(buf, len, "MSS %u WS %u/%u%s%s", (unsigned)t->mss,
		    (unsigned)t->snd_wscale, (unsigned)t->rcv_wscale,
		    t->sack_ok ? " SACK" : "", t->ts_ok ? " TS" : "");
	else
		snprintf(buf, len, "MSS %u%s%s", (unsigned)t->mss,
		    t->sack_ok ? " SACK" : "", t->ts_ok ? " TS" : "");
}

/* The timers' names, translated (tcp_timer_name is the stable key). */
static const char *
tcb_timer_name(int i)
{
	static const char *const names[TCPT_COUNT] = {
		[TCPT_REXMT] = N_("retransmission"),
		[TCPT_DELACK] = N_("delayed ACK"),
		[TCPT_PERSIST] = N_("persist"),
		[TCPT_KEEP] = N_("keep-alive"),
		[TCPT_2MSL] = N_("TIME-WAIT"),
	};

	return i >= 0 && i < TCPT_COUNT && names[i] ? _(names[i]) :
	    tcp_timer_name(i);
}

static void
tcb_timers(char *buf, size_t len, const struct tcb *t, uint64_t now)
{
	size_t at = 0;

	buf[0] = '\0';
	for (int i = 0; i < TCPT_COUNT && at + 1 < len; i++) {
		uint64_t left;

		if (t->timer[i] == 0)
			continue;
		left = t->timer[i] > now ? t->timer[i] - now : 0;
		if (at > 0)
			at += (size_t)snprintf(buf + at, len - at, ", ");
		if (at >= len)
			break;
		at += (size_t)snprintf(buf + at, len - at, _("%s in %llu.%03llus"),
		    tcb_timer_name(i), (unsigned long long)(left / 1000000),
		    (unsigned long long)(left / 1000 % 1000));
		if (at >= len)
			at = len - 1;
	}
	if (at == 0)
		snprintf(buf, len, "%s", _("none running"));
}

/* The text of one row for one side, and whether it is a "nothing" text. */
static bool
tcb_value(char *buf, size_t len, int id, const struct sim *s, int side,
    bool rel)
{
	const struct sock *so = pane_sock(s, side);
	const struct tcb *t;
	char a[32], b[32];

	if (so == NULL) {
		snprintf(buf, len, "%s", id == TR_STATE ? _("no socket yet") : "-");
		return true;
	}
	t = &so->tcb;
	switch (id) {
	case TR_STATE:
		snprintf(buf, len, "%s", tcp_state_name(t->state));
		return false;
	case TR_LOCAL:
		if (!so->local_set) {
			snprintf(buf, len, "%s", _("not yet assigned"));
			return true;
		}
		pane_endpoint(buf, len, &so->local_addr, so->local_port);
		return false;
	case TR_REMOTE:
		if (!so->remote_set) {
			snprintf(buf, len, "%s", so->listening ?
			    _("any (listening)") : _("not yet known"));
			return true;
		}
		pane_endpoint(buf, len, &so->remote_addr, so->remote_port);
		return false;
	case TR_ISS:
	case TR_SND_UNA:
	case TR_SND_NXT:
		if (!tcb_sent_syn(t)) {
			snprintf(buf, len, "-");
			return true;
		}
		pane_seq(buf, len, id == TR_ISS ? t->iss : id == TR_SND_UNA ?
		    t->snd_una : t->snd_nxt, t->iss, rel);
		return false;
	case TR_IRS:
	case TR_RCV_NXT:
		if (!tcb_got_syn(t)) {
			snprintf(buf, len, "-");
			return true;
		}
		pane_seq(buf, len, id == TR_IRS ? t->irs : t->rcv_nxt, t->irs,
		    rel);
		return false;
	case TR_ISS_IRS:
		tcb_value(a, sizeof(a), TR_ISS, s, side, rel);
		tcb_value(b, sizeof(b), TR_IRS, s, side, rel);
		snprintf(buf, len, "%s / %s", a, b);
		return !tcb_sent_syn(t);
	case TR_UNA_NXT:
		tcb_value(a, sizeof(a), TR_SND_UNA, s, side, rel);
		tcb_value(b, sizeof(b), TR_SND_NXT, s, side, rel);
		snprintf(buf, len, "%s / %s", a, b);
		return !tcb_sent_syn(t);
	case TR_SND_WND:
		snprintf(buf, len, "%u", (unsigned)t->snd_wnd);
		return !tcb_got_syn(t) && t->snd_wnd == 0;
	case TR_RCV_WND:
		snprintf(buf, len, "%u", (unsigned)t->rcv_wnd);
		return false;
	case TR_OPTIONS:
		tcb_options(buf, len, t);
		return !tcb_sent_syn(t);
	case TR_TIMERS:
		tcb_timers(buf, len, t, sim_now(s));
		return false;
	}
	buf[0] = '\0';
	return true;
}

/*
 * The Window field of the last SYN so put on the wire from this socket, or
 * -1: in SYN-SENT and SYN-RECEIVED that is what its segments carry (a
 * SYN's window is never scaled, RFC 7323 §2.2, and not always RCV.WND: an
 * end that answers a crossing SYN offers its SYN+ACK's window).
 */
static long
tcb_syn_win(const struct sim *s, int side, const struct sock *so)
{
	for (size_t k = sim_cur(s); k > 0; k--) {
		const struct sim_step *st = sim_step_at(s, k);
		struct pkt p;

		if (!st->captured || st->host != side || st->pkt == NULL ||
		    pkt_decode(&p, PKT_LINK_RAW, st->pkt, st->pkt_len,
		    st->pkt_len) != 0 || !p.has_tcp)
			continue;
		if ((p.tcp.flags & TH_SYN) && p.tcp.sport == so->local_port &&
		    (!so->remote_set || p.tcp.dport == so->remote_port))
			return p.tcp.win;
	}
	return -1;
}

/*
 * The header's part of a window row, after "⇄ ", the longest form that
 * fits in w columns ("" if none does, or nothing was sent or received):
 * what this host's segments carry for RCV.WND, what the peer's last window
 * update carried for SND.WND.  After the SYNs the field is RCV.WND shifted
 * right by the scale this end announced, at most 65535 (RFC 7323 §2.3);
 * the peer shifts it back left, so it reads a little less than RCV.WND.
 */
static void
tcb_wire_part(char *buf, size_t len, int id, const struct pane_ctx *x,
    int side, const struct sock *so, int w)
{
	const struct tcb *t = &so->tcb;
	char form[3][40];
	unsigned field, shift = 0, wnd;
	bool rcv = id == TR_RCV_WND;
	size_t n = 0;

	buf[0] = '\0';
	if (rcv) {
		if (!tcb_sent_syn(t))
			return;
		wnd = t->rcv_wnd;
		if (t->state == TCPS_SYN_SENT ||
		    t->state == TCPS_SYN_RECEIVED) {
			long sw = tcb_syn_win(x->sim, side, so);

			field = sw >= 0 ? (unsigned)sw : wnd > 65535 ? 65535 :
			    wnd;
		} else {
			if (t->wscale_ok)
				shift = t->rcv_wscale;
			field = wnd >> shift > 65535 ? 65535 : wnd >> shift;
		}
	} else {
		if (!tcb_got_syn(t))
			return;
		wnd = t->snd_wnd;
		/* SND.WL1 is IRS while the window is still the SYN's */
		if (t->snd_wl1 != t->irs && t->wscale_ok)
			shift = t->snd_wscale;
		field = wnd >> shift;
	}
	if (shift == 0) {
		char f[16];

		snprintf(f, sizeof(f), "%u", field);
		snprintf(form[n++], sizeof(form[0]), rcv ? _("sends %s") :
		    _("got %s"), f);
		snprintf(form[n++], sizeof(form[0]), "%s", f);
	} else {
		char f[32];

		if (rcv)
			snprintf(f, sizeof(f), "%u<<%u = %u", field, shift,
			    field << shift);
		else
			snprintf(f, sizeof(f), "%u<<%u", field, shift);
		snprintf(form[n++], sizeof(form[0]), rcv ? _("sends %s") :
		    _("got %s"), f);
		if (rcv)
			snprintf(form[n++], sizeof(form[0]), "%u<<%u=%u", field,
			    shift, field << shift);
		snprintf(form[n++], sizeof(form[0]), "%u<<%u", field, shift);
	}
	/* a shorter form rather than a number cut short */
	for (size_t i = 0; i < n; i++)
		if (canvas_text_width(form[i]) + 2 <= w) {
			snprintf(buf, len, TCB_WIRE " %s", form[i]);
			return;
		}
}

/*
 * The host names on the top border, above their columns; with the compact
 * rows, each side's state too ("client 192.0.2.10 · SYN-SENT", without the
 * address when that does not fit).
 */
static void
tcb_heading(const struct pane_ctx *x, int col0, int colw, bool state)
{
	for (int side = 0; side < SIM_NHOSTS; side++) {
		const struct sock *so = pane_sock(x->sim, side);
		char addr[64], head[96], st[64];
		int at = col0 + side * colw, end = at + colw - 1, hw;

		pkt_addr_str(&sim_host(x->sim, side)->addr, addr, sizeof(addr));
		snprintf(head, sizeof(head), " %s %s ", pane_side_name(side),
		    addr);
		if (!state) {
			canvas_put(x->cv, at, x->r.y, colw - 1,
			    pane_side_role(side), 0, head);
			continue;
		}
		snprintf(st, sizeof(st), "%s ", so != NULL ?
		    tcp_state_name(so->tcb.state) : _("no socket yet"));
		snprintf(head, sizeof(head), " %s %s \xc2\xb7 ",
		    pane_side_name(side), addr);
		if (canvas_text_width(head) + canvas_text_width(st) > colw - 1)
			snprintf(head, sizeof(head), " %s \xc2\xb7 ",
			    pane_side_name(side));
		hw = canvas_put(x->cv, at, x->r.y, end - at,
		    pane_side_role(side), 0, head);
		canvas_put(x->cv, at + hw, x->r.y, end - at - hw, so != NULL ?
		    ROLE_STATE : ROLE_DIM, pane_flag(x->sim, side, "state"), st);
	}
}

static void
tcb_legend(const struct pane_ctx *x)
{
	char buf[160];

	snprintf(buf, sizeof(buf), " " TCB_WIRE " %s  " TCB_HOST " %s ",
	    _("on the wire, seen by both"), _("kept inside this host"));
	canvas_put(x->cv, x->r.x + 2, x->r.y + x->r.h - 1, x->r.w - 4,
	    ROLE_LABEL, 0, buf);
}

static void
pane_tcb_draw(const struct pane_ctx *x)
{
	struct rect in = pane_inner(x);
	const struct tcb_row *rows = tcb_rows_full;
	size_t nrows = sizeof(tcb_rows_full) / sizeof(tcb_rows_full[0]);
	int labw = 0, colw, col0;

	pane_frame(x, _("TCB"));
	if (in.h < (int)nrows) {
		rows = tcb_rows_compact;
		nrows = sizeof(tcb_rows_compact) / sizeof(tcb_rows_compact[0]);
	}
	for (size_t i = 0; i < nrows; i++) {
		int w = canvas_text_width(_(rows[i].label));

		if (w > labw)
			labw = w;
	}
	labw += 3;		/* the marker and a space before, one after */
	colw = (in.w - labw) / 2;
	col0 = in.x + labw;
	tcb_heading(x, col0, colw, rows == tcb_rows_compact);
	for (size_t i = 0; i < nrows && (int)i < in.h; i++) {
		const struct tcb_row *row = &rows[i];
		int y = in.y + (int)i;

		canvas_put(x->cv, in.x, y, 1, row->wire ? ROLE_WIRE : ROLE_LABEL,
		    0, row->wire ? TCB_WIRE : TCB_HOST);
		canvas_put(x->cv, in.x + 2, y, labw - 3, ROLE_LABEL, 0,
		    _(row->label));
		for (int side = 0; side < SIM_NHOSTS; side++) {
			char v[128];
			bool none = tcb_value(v, sizeof(v), row->id, x->sim,
			    side, x->ui->relative);
			int fl = pane_flag(x->sim, side, row->field) |
			    (row->field2 ? pane_flag(x->sim, side,
			    row->field2) : 0);
			int role = none ? ROLE_DIM : row->id == TR_STATE ?
			    ROLE_STATE : ROLE_VALUE;

			int vw = canvas_put(x->cv, col0 + side * colw, y,
			    colw - 1, role, fl, v);
			const struct sock *so = pane_sock(x->sim, side);

			if ((row->id == TR_SND_WND || row->id == TR_RCV_WND) &&
			    so != NULL) {
				tcb_wire_part(v, sizeof(v), row->id, x, side,
				    so, colw - 1 - vw);
				canvas_put(x->cv, col0 + side * colw + vw + 1, y,
				    colw - 2 - vw, ROLE_WIRE, fl, v);
			}
		}
	}
	tcb_legend(x);
}

const struct pane_ops pane_tcb_ops = { "tcb", pane_tcb_draw };
