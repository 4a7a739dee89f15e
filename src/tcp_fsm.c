/*
 * tcp_fsm: the TCP module, RFC 9293 §3.10.  One switch on the state for
 * segment arrival (§3.10.7, in the RFC's order: sequence number, RST, SYN,
 * ACK, URG, text, FIN), RFC 5961 challenge ACKs, RFC 6298 retransmission,
 * the other timers, and output.  Every handler here is one step.
 */
#include <errno.h>
#include <string.h>

#include "engine.h"
#include "tcp_seq.h"

#define TS_OPTLEN	12	/* NOP, NOP, timestamps */
#define CHALLENGE_PER_SEC 100	/* RFC 5961 §7: a limit on challenge ACKs */

/* The segment being processed, as TCP sees it. */
struct inseg {
	struct pkt	p;
	uint32_t	seq, ack;
	uint8_t		flags;
	uint32_t	wnd;		/* unscaled, as in the header */
	uint32_t	len;		/* SEG.LEN: payload + SYN + FIN */
	uint32_t	plen;		/* payload bytes */
	uint32_t	poff;		/* payload's offset in the byte store */
	bool		has_mss, has_ws, has_sack, has_ts;
	uint16_t	mss;
	uint8_t		ws;
	uint32_t	tsval, tsecr;
};

static struct sock *
tcp_so(struct sim *s, int h, int i)
{
	return &s->w.host[h].sock[i];
}

static bool
tcp_sync(int st)
{
	return st >= TCPS_ESTABLISHED;
}

/* --- timers ---------------------------------------------------------------- */

static void
tcp_timer_arm(struct sim *s, int h, int i, int t, uint64_t after)
{
	struct tcb *tp = &tcp_so(s, h, i)->tcb;
	struct event *e;

	ev_cancel(&s->w, EV_TIMER, h, i, t);
	tp->timer[t] = s->w.now + (after ? after : 1);
	e = ev_push(s, tp->timer[t], EV_TIMER, h, i);
	e->arg = (uint8_t)t;
}

static void
tcp_timer_stop(struct sim *s, int h, int i, int t)
{
	ev_cancel(&s->w, EV_TIMER, h, i, t);
	tcp_so(s, h, i)->tcb.timer[t] = 0;
}

/* The retransmission timeout with its backoff (RFC 6298 (5.5)). */
static uint64_t
tcp_rto(const struct sim *s, int h, const struct tcb *tp)
{
	const struct profile *p = host_profile(s, h);
	unsigned shift = tp->backoff;
	uint64_t rto;

	/*
	 * Recent Linux spaces its first SYN retries linearly
	 * (tcp_syn_linear_timeouts): the first syn_linear retransmissions
	 * wait one RTO each, then the waits double.
	 */
	if (tp->state == TCPS_SYN_SENT && p->syn_linear > 0)
		shift = shift >= p->syn_linear ? shift - p->syn_linear + 1 : 0;
	if (shift > 20)
		shift = 20;
	rto = (uint64_t)tp->rto_us << shift;
	return rto > p->rto_max_us ? p->rto_max_us : rto;
}

/* Keep-alive times: the scenario's, else the profile's if it is on. */
static bool
tcp_keep_times(const struct sim *s, int h, uint64_t *idle, uint64_t *intvl,
    uint8_t *probes)
{
	const struct scn_host *sh = &s->scn->host[h];
	const struct profile *p = host_profile(s, h);

	if (sh->keep_idle_us != 0) {
		*idle = sh->keep_idle_us;
		*intvl = sh->keep_intvl_us;
		*probes = sh->keep_probes;
		return true;
	}
	*idle = p->keep_idle_us;
	*intvl = p->keep_intvl_us;
	*probes = p->keep_probes;
	return sh->keep_on;
}

static void
tcp_keep_arm(struct sim *s, int h, int i)
{
	uint64_t idle, intvl;
	uint8_t probes;

	if (tcp_keep_times(s, h, &idle, &intvl, &probes))
		tcp_timer_arm(s, h, i, TCPT_KEEP, idle);
}

/* --- state ------------------------------------------------------------------- */

/* The connection is gone: CLOSED, and the socket too unless an fd holds it. */
static void
tcp_drop(struct sim *s, int h, int i, int err)
{
	struct sock *so = tcp_so(s, h, i);

	for (int t = 0; t < TCPT_COUNT; t++)
		tcp_timer_stop(s, h, i, t);
	ev_cancel(&s->w, EV_TCP_OUTPUT, h, i, -1);
	if (err != 0)
		so->error = err;
	if (so->fd < 0) {
		sock_free(s, h, i);
		return;
	}
	so->tcb.state = TCPS_CLOSED;
	app_wake(s, h);
}

static void
tcp_set_state(struct sim *s, int h, int i, int st)
{
	struct sock *so = tcp_so(s, h, i);

	so->tcb.state = (uint8_t)st;
	if (st == TCPS_ESTABLISHED) {
		tcp_keep_arm(s, h, i);
		if (so->listener >= 0 && !so->accepted) {
			struct sock *ls = tcp_so(s, h, so->listener);

			if (ls->qlen_syn > 0)
				ls->qlen_syn--;
			ls->qlen++;
		}
	}
	if (st == TCPS_TIME_WAIT) {
		for (int t = 0; t < TCPT_COUNT; t++)
			tcp_timer_stop(s, h, i, t);
		tcp_timer_arm(s, h, i, TCPT_2MSL,
		    host_profile(s, h)->time_wait_us);
	}
	app_wake(s, h);
}

/* --- numbers ----------------------------------------------------------------- */

uint32_t
tcp_rcv_space(const struct sock *so)
{
	return so->rcv.size > so->rcv.used ? so->rcv.size - so->rcv.used : 0;
}

static uint32_t
tcp_tsval(const struct sim *s, const struct tcb *tp)
{
	return (uint32_t)(s->w.now / 1000) + tp->ts_offset;
}

/* The MSS for our segments: the peer's, less the timestamp option. */
static uint32_t
tcp_eff_mss(const struct tcb *tp)
{
	uint32_t m = tp->mss ? tp->mss : 536;

	return tp->ts_ok && m > TS_OPTLEN ? m - TS_OPTLEN : m;
}

/* Data bytes sent and not yet acknowledged. */
static uint32_t
tcp_inflight(const struct sock *so)
{
	const struct tcb *tp = &so->tcb;
	uint32_t n = tp->snd_nxt - tp->snd_una;

	if (tp->fin_seq != 0 && tp->fin_queued &&
	    seq_gt(tp->snd_nxt, tp->fin_seq))
		n--;		/* our FIN is among them */
	return n > so->snd.used ? so->snd.used : n;
}

/* The window field of a segment after the SYNs (RFC 7323 §2.3). */
static uint16_t
tcp_win_field(const struct tcb *tp)
{
	uint32_t w = tp->rcv_wnd >> (tp->wscale_ok ? tp->rcv_wscale : 0);

	return (uint16_t)(w > 65535 ? 65535 : w);
}

/*
 * RCV.WND is what we offered: its right edge (RCV.NXT + RCV.WND) never
 * moves left (RFC 9293 §3.8.6.2.1).  Data that arrives uses it up; the
 * application's reads offer space again, in whole units of the window
 * scale, so what the header shows is never more than we mean.
 */
static void
tcp_rcv_wnd_update(struct sock *so)
{
	struct tcb *tp = &so->tcb;
	uint32_t space = tcp_rcv_space(so);
	uint32_t w = space < tp->win_clamp ? space : tp->win_clamp;

	if (tp->wscale_ok)
		w &= ~((1u << tp->rcv_wscale) - 1);
	if (w > tp->rcv_wnd)
		tp->rcv_wnd = w;
}

/* The window a SYN or SYN-ACK offers (never scaled, RFC 7323 §2.2). */
static uint16_t
tcp_syn_win(const struct sim *s, int h, const struct sock *so, bool synack)
{
	const struct profile *p = host_profile(s, h);
	uint32_t w, m = so->tcb.mss_offered;

	if (p->win_rule == PWIN_LINUX) {
		/* tcp_select_initial_window(): whole segments only. */
		if (synack && so->tcb.ts_ok)
			m -= TS_OPTLEN;
		w = 65535 / m * m;
	} else
		w = synack ? p->synack_win : p->syn_win;
	if (w > so->rcv.size)
		w = so->rcv.size;
	return (uint16_t)(w > 65535 ? 65535 : w);
}

/* --- options ----------------------------------------------------------------- */

static bool
prof_has(const struct profile *p, int tok)
{
	for (const uint8_t *k = p->syn_opts; *k != POPT_END; k++)
		if (*k == tok)
			return true;
	return false;
}

/* Does this SYN (or SYN-ACK) carry the option? */
static bool
tcp_opt_on(const struct tcb *tp, int tok, bool synack)
{
	switch (tok) {
	case POPT_MSS: return true;
	case POPT_SACKOK: return !synack || tp->sack_ok;
	case POPT_TS: return !synack || tp->ts_ok;
	case POPT_WSCALE: return !synack || tp->wscale_ok;
	default: return false;
	}
}

static void
put32(uint8_t *o, uint32_t v)
{
	o[0] = (uint8_t)(v >> 24);
	o[1] = (uint8_t)(v >> 16);
	o[2] = (uint8_t)(v >> 8);
	o[3] = (uint8_t)v;
}

/*
 * The options of a SYN or SYN-ACK, in the profile's order.  A SYN-ACK
 * carries only what the SYN offered; a NOP that pads an option left out
 * goes with it, and, as Linux does, SACK-permitted or timestamps alone
 * get two NOPs in front.
 */
static uint8_t
tcp_syn_opts(const struct sim *s, int h, const struct tcb *tp, bool synack,
    uint8_t *o)
{
	const struct profile *p = host_profile(s, h);
	const uint8_t *k;
	uint8_t n = 0;

	for (k = p->syn_opts; *k != POPT_END; k++) {
		const uint8_t *nx = k;

		if (*k == POPT_NOP) {
			while (*nx == POPT_NOP)
				nx++;
			if (*nx != POPT_END && tcp_opt_on(tp, *nx, synack))
				o[n++] = TCPOPT_NOP;
			continue;
		}
		if (!tcp_opt_on(tp, *k, synack))
			continue;
		switch (*k) {
		case POPT_MSS:
			o[n++] = TCPOPT_MSS;
			o[n++] = 4;
			o[n++] = (uint8_t)(tp->mss_offered >> 8);
			o[n++] = (uint8_t)tp->mss_offered;
			break;
		case POPT_SACKOK:
			if (k[1] == POPT_TS && !tcp_opt_on(tp, POPT_TS, synack)) {
				o[n++] = TCPOPT_NOP;
				o[n++] = TCPOPT_NOP;
			}
			o[n++] = TCPOPT_SACK_PERM;
			o[n++] = 2;
			break;
		case POPT_TS:
			if (k > p->syn_opts && k[-1] == POPT_SACKOK &&
			    !tcp_opt_on(tp, POPT_SACKOK, synack)) {
				o[n++] = TCPOPT_NOP;
				o[n++] = TCPOPT_NOP;
			}
			o[n++] = TCPOPT_TIMESTAMP;
			o[n++] = 10;
			put32(o + n, tcp_tsval(s, tp));
			put32(o + n + 4, synack ? tp->ts_recent : 0);
			n += 8;
			break;
		case POPT_WSCALE:
			o[n++] = TCPOPT_WSCALE;
			o[n++] = 3;
			o[n++] = p->wscale;
			break;
		}
	}
	return n;
}

/* --- segments out ---------------------------------------------------------- */

static void
tcp_seg_init(const struct sim *s, const struct sock *so, struct seg *g,
    uint8_t flags, uint32_t seq)
{
	const struct tcb *tp = &so->tcb;

	memset(g, 0, sizeof(*g));
	g->sport = so->local_port;
	g->dport = so->remote_port;
	g->seq = seq;
	g->flags = flags;
	if (flags & TH_ACK)
		g->ack = tp->rcv_nxt;
	g->win = tcp_win_field(tp);
	if (tp->ts_ok && !(flags & TH_SYN) && !(flags & TH_RST)) {
		g->opt[0] = TCPOPT_NOP;
		g->opt[1] = TCPOPT_NOP;
		g->opt[2] = TCPOPT_TIMESTAMP;
		g->opt[3] = 10;
		put32(g->opt + 4, tcp_tsval(s, tp));
		put32(g->opt + 8, tp->ts_recent);
		g->optlen = TS_OPTLEN;
	}
}

/* Hand a segment to IP (the next step), and do the sender's bookkeeping. */
static void
tcp_emit(struct sim *s, int h, int i, const struct seg *g, int chapter)
{
	struct event *e = ev_push(s, s->w.now, EV_IP_OUTPUT, h, i);

	e->origin = (uint32_t)(s->w.nsteps + 1);	/* this step */
	uint32_t len = g->data_len + !!(g->flags & TH_SYN) +
	    !!(g->flags & TH_FIN);

	e->seg = *g;
	e->arg = (uint8_t)chapter;
	seg_from_seg(s, g, h, SIM_L_TCP);
	if (i < 0)
		return;

	struct tcb *tp = &tcp_so(s, h, i)->tcb;

	if (g->flags & TH_ACK) {
		tp->ack_pending = false;
		tp->unacked_segs = 0;
		tcp_timer_stop(s, h, i, TCPT_DELACK);
	}
	if (len == 0 || (g->flags & TH_RST))
		return;
	if (seq_gt(g->seq + len, tp->snd_max))
		tp->snd_max = g->seq + len;
	/* RFC 6298 (5.1): start the timer if it is not running. */
	if (tp->timer[TCPT_REXMT] == 0)
		tcp_timer_arm(s, h, i, TCPT_REXMT, tcp_rto(s, h, tp));
	/* Karn: time only segments sent once. */
	if (!tp->rtt_timing && tp->backoff == 0) {
		tp->rtt_timing = true;
		tp->rtt_seq = g->seq + len;
		tp->rtt_start_us = s->w.now;
	}
}

/* A reply with no socket behind it (RFC 9293 §3.10.7.1). */
static void
tcp_rst_for(struct sim *s, int h, const struct inseg *in)
{
	struct seg g;

	memset(&g, 0, sizeof(g));
	g.sport = in->p.tcp.dport;
	g.dport = in->p.tcp.sport;
	if (in->flags & TH_ACK) {
		g.seq = in->ack;
		g.flags = TH_RST;
	} else {
		g.seq = 0;
		g.ack = in->seq + in->len;
		g.flags = TH_RST | TH_ACK;
	}
	tcp_emit(s, h, -1, &g, 0);
}

/* <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, now. */
static void
tcp_send_ack_now(struct sim *s, int h, int i)
{
	struct sock *so = tcp_so(s, h, i);
	struct seg g;

	tcp_seg_init(s, so, &g, TH_ACK, so->tcb.snd_nxt);
	tcp_emit(s, h, i, &g, 0);
}

static void
tcp_send_synack(struct sim *s, int h, int i, int chapter)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	struct seg g;

	memset(&g, 0, sizeof(g));
	g.sport = so->local_port;
	g.dport = so->remote_port;
	g.seq = tp->iss;
	g.ack = tp->rcv_nxt;
	g.flags = TH_SYN | TH_ACK;
	g.win = tcp_syn_win(s, h, so, true);
	g.optlen = tcp_syn_opts(s, h, tp, true, g.opt);
	tcp_emit(s, h, i, &g, chapter);
}

static void
tcp_send_syn(struct sim *s, int h, int i, int chapter)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	struct seg g;

	memset(&g, 0, sizeof(g));
	g.sport = so->local_port;
	g.dport = so->remote_port;
	g.seq = tp->iss;
	g.flags = TH_SYN;
	g.win = tcp_syn_win(s, h, so, false);
	g.optlen = tcp_syn_opts(s, h, tp, false, g.opt);
	tcp_emit(s, h, i, &g, chapter);
}

static bool
tcp_output_queued(const struct world *w, int h, int i)
{
	for (int k = 0; k < w->nev; k++)
		if (w->ev[k].kind == EV_TCP_OUTPUT && w->ev[k].host == h &&
		    w->ev[k].sock == i)
			return true;
	return false;
}

static bool tcp_output_due(const struct sock *so);
static void tcp_persist_maybe(struct sim *s, int h, int i);

/*
 * Queue a TCP output step if there is something it can send now (data
 * the window allows, a FIN, an ACK owed); with data held back by a zero
 * window, start the persist timer instead.
 */
void
tcp_send_wanted(struct sim *s, int h, int i)
{
	const struct sock *so = tcp_so(s, h, i);

	if (!tcp_output_due(so) && !so->tcb.ack_pending) {
		tcp_persist_maybe(s, h, i);
		return;
	}
	if (!tcp_output_queued(&s->w, h, i))
		ev_push(s, s->w.now, EV_TCP_OUTPUT, h, i);
}

/* Copy n bytes at offset off of the send buffer into buf. */
static void
tcp_snd_gather(const struct sim *s, const struct sock *so, uint32_t off,
    uint8_t *buf, uint32_t n)
{
	const struct sock_buf *b = &so->snd;
	uint32_t got = 0;

	for (int c = 0; c < b->nchunk && got < n; c++) {
		uint32_t len = b->chunk[c].len, k;

		if (off >= len) {
			off -= len;
			continue;
		}
		k = len - off < n - got ? len - off : n - got;
		memcpy(buf + got, sim_bytes(s, b->chunk[c].off + off), k);
		got += k;
		off = 0;
	}
}

static bool
tcp_fin_sent(const struct tcb *tp)
{
	return tp->state == TCPS_FIN_WAIT_1 || tp->state == TCPS_FIN_WAIT_2 ||
	    tp->state == TCPS_CLOSING || tp->state == TCPS_LAST_ACK ||
	    tp->state == TCPS_TIME_WAIT;
}

/* Data not yet sent, or a FIN not yet sent. */
static bool
tcp_has_output(const struct sock *so)
{
	return so->snd.used > tcp_inflight(so) ||
	    (so->tcb.fin_queued && !tcp_fin_sent(&so->tcb));
}

/* Can tcp_output send data or a FIN right now? */
static bool
tcp_output_due(const struct sock *so)
{
	const struct tcb *tp = &so->tcb;
	uint32_t unsent, wnd;

	if (!tcp_sync(tp->state))
		return false;
	unsent = so->snd.used - tcp_inflight(so);
	wnd = tp->snd_wnd < tp->cwnd ? tp->snd_wnd : tp->cwnd;
	if (unsent > 0 && seq_lt(tp->snd_nxt, tp->snd_una + wnd))
		return true;
	return tp->fin_queued && unsent == 0 &&
	    (!tcp_fin_sent(tp) || tp->snd_nxt == tp->fin_seq);
}

/* Data waits behind a zero window: probe it (RFC 9293 §3.8.6.1). */
static void
tcp_persist_maybe(struct sim *s, int h, int i)
{
	const struct sock *so = tcp_so(s, h, i);
	const struct tcb *tp = &so->tcb;

	if (tcp_sync(tp->state) && so->snd.used > tcp_inflight(so) &&
	    tp->snd_wnd == 0 && tp->timer[TCPT_REXMT] == 0 &&
	    tp->timer[TCPT_PERSIST] == 0)
		tcp_timer_arm(s, h, i, TCPT_PERSIST,
		    host_profile(s, h)->persist_min_us);
}

/*
 * Send the one segment that is due: data the window allows, a FIN once
 * the data is out, else an ACK that is owed.  Returns its step kind, or
 * NULL when nothing is due.
 */
static const char *
tcp_output(struct sim *s, int h, int i)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	uint32_t inflight, unsent, wnd, usable = 0, n;
	bool fin = false;
	uint8_t buf[1500];
	struct seg g;
	const char *kind;

	if (!tcp_sync(tp->state))
		return NULL;
	inflight = tcp_inflight(so);
	unsent = so->snd.used - inflight;
	wnd = tp->snd_wnd < tp->cwnd ? tp->snd_wnd : tp->cwnd;
	if (seq_lt(tp->snd_nxt, tp->snd_una + wnd))
		usable = tp->snd_una + wnd - tp->snd_nxt;
	n = unsent < usable ? unsent : usable;
	if (n > tcp_eff_mss(tp))
		n = tcp_eff_mss(tp);
	if (n > sizeof(buf))
		n = sizeof(buf);
	if (tp->fin_queued && unsent == n &&
	    (!tcp_fin_sent(tp) || tp->snd_nxt == tp->fin_seq))
		fin = true;
	if (n == 0 && !fin && !tp->ack_pending) {
		if (unsent > 0 && tp->snd_wnd == 0 &&
		    tp->timer[TCPT_REXMT] == 0 && tp->timer[TCPT_PERSIST] == 0)
			tcp_timer_arm(s, h, i, TCPT_PERSIST,
			    host_profile(s, h)->persist_min_us);
		return NULL;
	}
	tcp_seg_init(s, so, &g, TH_ACK, tp->snd_nxt);
	kind = "tcp.send_ack";
	if (n > 0) {
		tcp_snd_gather(s, so, tp->snd_nxt - tp->snd_una, buf, n);
		g.data_off = step_data(s, buf, n);
		g.data_len = n;
		if (n == unsent)
			g.flags |= TH_PSH;
		kind = "tcp.send_data";
	}
	if (fin) {
		g.flags |= TH_FIN;
		tp->fin_seq = tp->snd_nxt + n;
		if (tp->state == TCPS_ESTABLISHED)
			tcp_set_state(s, h, i, TCPS_FIN_WAIT_1);
		else if (tp->state == TCPS_CLOSE_WAIT)
			tcp_set_state(s, h, i, TCPS_LAST_ACK);
		kind = "tcp.send_fin";
	}
	tp->snd_nxt += n + fin;
	step_params(s, "seq=%u ack=%u len=%u win=%u", g.seq, g.ack, n, g.win);
	tcp_emit(s, h, i, &g, 0);
	if (unsent > n && usable > n)
		tcp_send_wanted(s, h, i);
	else if (unsent > n && tp->snd_wnd == 0 &&
	    tp->timer[TCPT_PERSIST] == 0 && tp->timer[TCPT_REXMT] == 0)
		tcp_timer_arm(s, h, i, TCPT_PERSIST,
		    host_profile(s, h)->persist_min_us);
	return kind;
}

void
tcp_output_event(struct sim *s, const struct event *e)
{
	const char *kind = NULL;
	struct sock *so = tcp_so(s, e->host, e->sock);

	if (so->used)
		kind = tcp_output(s, e->host, e->sock);
	step_set(s, e->host, SIM_L_TCP, kind ? kind : "tcp.nothing_to_send",
	    0);
}

/* --- the application's requests -------------------------------------------------- */

static void
tcp_tcb_init(struct sim *s, int h, int i)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	const struct profile *p = host_profile(s, h);

	memset(tp, 0, sizeof(*tp));
	tp->rto_us = p->rto_init_us;
	tp->mss_offered = (uint16_t)(s->w.host[h].mtu - (s->ipv6 ? 60 : 40));
	tp->mss_peer = s->ipv6 ? 1220 : 536;	/* RFC 9293 §3.7.1 defaults */
	tp->mss = tp->mss_peer;
	tp->cwnd = 10u * tp->mss_offered;	/* RFC 6928 */
	tp->ssthresh = 0xffffffffu;
}

void
tcp_open_active(struct sim *s, int h, int i)
{
	tcp_tcb_init(s, h, i);
	tcp_so(s, h, i)->tcb.active = true;
	ev_push(s, s->w.now, EV_TCP_HEADER, h, i);
}

/* [1] The header starts with the ports. */
void
tcp_header_event(struct sim *s, const struct event *e)
{
	struct sock *so = tcp_so(s, e->host, e->sock);
	struct event *n;
	struct seg g;

	step_set(s, e->host, SIM_L_TCP, "tcp.header", 1);
	memset(&g, 0, sizeof(g));
	g.sport = so->local_port;
	g.dport = so->remote_port;
	step_params(s, "sport=%u dport=%u", g.sport, g.dport);
	seg_from_seg(s, &g, e->host, SIM_L_TCP);
	n = ev_push(s, s->w.now, EV_TCP_SYN, e->host, e->sock);
	n->seg = g;
}

static uint32_t
tcp_iss(struct sim *s, int h, const struct sock *so)
{
	if (s->scn->host[h].iss >= 0)
		return (uint32_t)s->scn->host[h].iss;
	return isn_choose(s, &so->local_addr, so->local_port,
	    &so->remote_addr, so->remote_port);
}

static uint32_t
tcp_ts_offset(const struct sim *s, const struct sock *so)
{
	/* Like Linux, a per-connection offset: the ISN hash, rehashed. */
	return isn_choose(s, &so->remote_addr, so->remote_port,
	    &so->local_addr, so->local_port) * 2654435761u;
}

/* [2] SYN, the ISN and the window: SYN-SENT. */
void
tcp_syn_event(struct sim *s, const struct event *e)
{
	int h = e->host, i = e->sock;
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;

	step_set(s, h, SIM_L_TCP, "tcp.syn_sent", 2);
	if (!so->used || tp->state != TCPS_CLOSED) {
		step_set(s, h, SIM_L_TCP, "tcp.nothing_to_send", 0);
		return;
	}
	tp->iss = tcp_iss(s, h, so);
	tp->snd_una = tp->iss;
	tp->snd_nxt = tp->iss + 1;
	tp->snd_max = tp->snd_nxt;
	tp->ts_offset = tcp_ts_offset(s, so);
	tp->win_clamp = tcp_syn_win(s, h, so, false);
	tp->rcv_wnd = tp->win_clamp;
	tcp_set_state(s, h, i, TCPS_SYN_SENT);
	step_params(s, "iss=%u win=%u", tp->iss, tcp_syn_win(s, h, so, false));
	tcp_send_syn(s, h, i, 3);
}

void
tcp_close(struct sim *s, int h, int i)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;

	switch (tp->state) {
	case TCPS_CLOSED:
	case TCPS_LISTEN:
	case TCPS_SYN_SENT:
		/* Nothing sent that needs a FIN: delete the TCB. */
		tcp_drop(s, h, i, 0);
		if (so->used && so->fd < 0)
			sock_free(s, h, i);
		return;
	case TCPS_SYN_RECEIVED:
	case TCPS_ESTABLISHED:
	case TCPS_CLOSE_WAIT:
		tp->fin_queued = true;
		if (tp->state != TCPS_SYN_RECEIVED)
			tcp_send_wanted(s, h, i);
		return;
	default:
		return;		/* already closing */
	}
}

void
tcp_abort(struct sim *s, int h, int i)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	struct seg g;

	/* RFC 9293 §3.10.5: <SEQ=SND.NXT><CTL=RST> from these states. */
	if (tp->state == TCPS_SYN_RECEIVED || tcp_sync(tp->state)) {
		if (tp->state != TCPS_TIME_WAIT && tp->state != TCPS_LAST_ACK &&
		    tp->state != TCPS_CLOSING) {
			tcp_seg_init(s, so, &g, TH_RST | TH_ACK, tp->snd_nxt);
			g.win = 0;
			tcp_emit(s, h, -1, &g, 0);
		}
	}
	so->fd = -1;
	tcp_drop(s, h, i, ECONNRESET);
}

/* The application read: offer the space again if it is worth it. */
void
tcp_window_opened(struct sim *s, int h, int i)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	uint32_t old = tp->rcv_wnd, mss = tcp_eff_mss(tp);
	uint32_t half = so->rcv.size / 2;

	tcp_rcv_wnd_update(so);
	if (!tcp_sync(tp->state) || tp->fin_rcvd)
		return;
	/*
	 * Receiver SWS avoidance (RFC 9293 §3.8.6.2.2): announce a larger
	 * window only when it grew by an MSS or half the buffer.
	 */
	if (tp->rcv_wnd - old >= (mss < half ? mss : half) && old < mss) {
		tp->ack_pending = true;
		tcp_send_wanted(s, h, i);
	}
}

/* --- arrival ----------------------------------------------------------------------- */

static int
tcp_parse(struct sim *s, const struct event *e, struct inseg *in)
{
	const uint8_t *b = sim_bytes(s, e->pkt_off);

	memset(in, 0, sizeof(*in));
	if (pkt_decode(&in->p, PKT_LINK_RAW, b, e->pkt_len, e->pkt_len) == -1
	    || !in->p.has_tcp)
		return -1;
	in->seq = in->p.tcp.seq;
	in->ack = in->p.tcp.ack;
	in->flags = in->p.tcp.flags;
	in->wnd = in->p.tcp.win;
	in->plen = (uint32_t)in->p.tcp.payload_len;
	in->poff = e->pkt_off + (uint32_t)in->p.tcp.payload_off;
	in->len = in->plen + !!(in->flags & TH_SYN) + !!(in->flags & TH_FIN);
	for (int k = 0; k < in->p.tcp.n_opts; k++) {
		const struct tcp_opt *o = &in->p.tcp.opts[k];

		switch (o->kind) {
		case TCPOPT_MSS:
			in->has_mss = true;
			in->mss = o->u.mss;
			break;
		case TCPOPT_WSCALE:
			in->has_ws = true;
			in->ws = o->u.wscale > 14 ? 14 : o->u.wscale;
			break;
		case TCPOPT_SACK_PERM:
			in->has_sack = true;
			break;
		case TCPOPT_TIMESTAMP:
			in->has_ts = true;
			in->tsval = o->u.ts.val;
			in->tsecr = o->u.ts.ecr;
			break;
		}
	}
	return 0;
}

/* Demultiplex: the 4-tuple first, then a listener on the port. */
static int
tcp_demux(const struct host *ho, const struct inseg *in)
{
	const struct pkt_tcp *t = &in->p.tcp;

	for (int i = 0; i < HOST_MAX_SOCK; i++) {
		const struct sock *so = &ho->sock[i];

		if (so->used && !so->listening && so->local_set &&
		    so->remote_set && so->local_port == t->dport &&
		    so->remote_port == t->sport &&
		    memcmp(&so->remote_addr, &in->p.src,
		    sizeof(so->remote_addr)) == 0 &&
		    so->tcb.state != TCPS_CLOSED)
			return i;
	}
	for (int i = 0; i < HOST_MAX_SOCK; i++) {
		const struct sock *so = &ho->sock[i];

		if (so->used && so->listening && so->local_port == t->dport)
			return i;
	}
	return -1;
}

/*
 * What the demux found, for the trace: how (by=port for a listener,
 * by=4-tuple for a connection) and which socket -- its descriptor, or,
 * when it has none, why: socket=pending is a connection still in the
 * listen queue (accept() has not taken it), socket=closed one whose
 * application has closed it while TCP finishes.
 */
static void
tcp_demux_params(struct sim *s, const struct sock *so, uint16_t dport,
    const char *fl)
{
	const char *st = tcp_state_name(so->tcb.state);

	if (so->listening)
		step_params(s, "dport=%u flags=%s fd=%d state=%s by=port",
		    dport, fl, so->fd, st);
	else if (so->fd >= 0)
		step_params(s, "dport=%u flags=%s fd=%d state=%s by=4-tuple",
		    dport, fl, so->fd, st);
	else
		step_params(s, "dport=%u flags=%s socket=%s state=%s "
		    "by=4-tuple", dport, fl, so->closed ? "closed" : "pending",
		    st);
}

/* The TCP module takes the segment from IP and finds its socket. */
void
tcp_input_event(struct sim *s, const struct event *e)
{
	int h = e->host, i;
	struct inseg in;
	struct event *n;
	uint16_t want;
	char fl[32];

	step_set(s, h, SIM_L_TCP, "tcp.demux", e->arg);
	step_pkt_ref(s, e->pkt_off, e->pkt_len);
	seg_from_pkt(s, e->pkt_off, e->pkt_len, h, SIM_L_TCP);
	if (tcp_parse(s, e, &in) == -1) {
		step_set(s, h, SIM_L_TCP, "tcp.bad_segment", 0);
		return;
	}
	if (pkt_tcp_cksum_check(&in.p, &want) != CKSUM_OK) {
		step_set(s, h, SIM_L_TCP, "tcp.bad_checksum", 0);
		step_params(s, "checksum=0x%04x want=0x%04x", in.p.tcp.cksum,
		    want);
		return;
	}
	tcp_flags_names(in.flags, fl, sizeof(fl));
	i = tcp_demux(&s->w.host[h], &in);
	if (i < 0) {
		step_set(s, h, SIM_L_TCP, "tcp.no_socket", 0);
		step_params(s, "dport=%u flags=%s", in.p.tcp.dport, fl);
		if (!(in.flags & TH_RST))
			tcp_rst_for(s, h, &in);
		return;
	}
	tcp_demux_params(s, &s->w.host[h].sock[i], in.p.tcp.dport, fl);
	n = ev_push(s, s->w.now, EV_TCP_PROCESS, h, i);
	/*
	 * Processing follows its demux at once (it takes this event's place
	 * in the queue), as a kernel looks the socket up and processes the
	 * segment in one go: a second segment arriving at the same instant
	 * (a wire duplicate of a SYN) is demultiplexed only after this one
	 * has made its SYN-RECEIVED socket, and so finds it by the 4-tuple
	 * instead of making a second one.
	 */
	n->order = e->order;
	n->pkt_off = e->pkt_off;
	n->pkt_len = e->pkt_len;
	n->arg = e->arg;
}

/* Take the options of a SYN into the TCB (RFC 9293 §3.7.1, RFC 7323). */
static void
tcp_take_syn_opts(struct sim *s, int h, struct tcb *tp, const struct inseg *in,
    bool passive)
{
	const struct profile *p = host_profile(s, h);

	tp->mss_peer = in->has_mss ? in->mss : (s->ipv6 ? 1220 : 536);
	tp->mss = tp->mss_peer < tp->mss_offered ? tp->mss_peer :
	    tp->mss_offered;
	/* Passive: what both offered; active: what the SYN-ACK carries. */
	tp->wscale_ok = in->has_ws && (!passive || prof_has(p, POPT_WSCALE));
	tp->sack_ok = in->has_sack && (!passive || prof_has(p, POPT_SACKOK));
	tp->ts_ok = in->has_ts && (!passive || prof_has(p, POPT_TS));
	if (tp->wscale_ok) {
		tp->snd_wscale = in->ws;
		tp->rcv_wscale = p->wscale;
	}
	if (tp->ts_ok)
		tp->ts_recent = in->tsval;
}

static int
tcp_child(struct sim *s, int h, int li, const struct inseg *in)
{
	struct host *ho = &s->w.host[h];
	struct sock *ls = &ho->sock[li], *c;
	int i;

	for (i = 0; i < HOST_MAX_SOCK; i++)
		if (!ho->sock[i].used)
			break;
	if (i == HOST_MAX_SOCK)
		return -1;
	c = &ho->sock[i];
	memset(c, 0, sizeof(*c));
	c->used = true;
	c->fd = -1;
	c->listener = li;
	c->proto = 6;
	c->order = (uint32_t)s->w.order;
	c->local_set = c->remote_set = true;
	c->local_addr = ls->local_addr;
	c->local_port = ls->local_port;
	c->remote_addr = in->p.src;
	c->remote_port = in->p.tcp.sport;
	ls->qlen_syn++;
	sock_alloc_bufs(s, h, i);
	tcp_tcb_init(s, h, i);
	return i;
}

/* LISTEN (RFC 9293 §3.10.7.2). */
static const char *
tcp_in_listen(struct sim *s, int h, int li, const struct inseg *in, int tag,
    int *ch)
{
	struct sock *ls = tcp_so(s, h, li), *c;
	struct tcb *tp;
	int i;

	if (in->flags & TH_RST)
		return "tcp.ignore_rst";
	if (in->flags & TH_ACK) {
		tcp_rst_for(s, h, in);
		return "tcp.rst_sent";
	}
	if (!(in->flags & TH_SYN))
		return "tcp.drop";
	/* Linux's accept queue test: full when it holds more than backlog. */
	if (ls->qlen > ls->backlog) {
		step_params(s, "queue=%u backlog=%u", ls->qlen, ls->backlog);
		return "tcp.listen_overflow";
	}
	i = tcp_child(s, h, li, in);
	if (i < 0)
		return "tcp.listen_overflow";
	c = tcp_so(s, h, i);
	tp = &c->tcb;
	tp->irs = in->seq;
	tp->rcv_nxt = in->seq + 1;
	tcp_take_syn_opts(s, h, tp, in, true);
	tp->iss = tcp_iss(s, h, c);
	tp->snd_una = tp->iss;
	tp->snd_nxt = tp->iss + 1;
	tp->snd_max = tp->snd_nxt;
	tp->snd_wnd = in->wnd;		/* never scaled in a SYN */
	tp->max_snd_wnd = tp->snd_wnd;
	tp->snd_wl1 = in->seq;
	tp->ts_offset = tcp_ts_offset(s, c);
	tp->win_clamp = tcp_syn_win(s, h, c, true);
	tp->rcv_wnd = tp->win_clamp;
	tcp_set_state(s, h, i, TCPS_SYN_RECEIVED);
	step_params(s, "irs=%u iss=%u new_socket=%d", tp->irs, tp->iss, i);
	*ch = tag == 4 ? 5 : 0;
	tcp_send_synack(s, h, i, *ch);
	return "tcp.syn_received";
}

/* The ACK of a SYN-SENT socket is acceptable (RFC 9293 §3.10.7.3). */
static bool
tcp_ack_ok_synsent(const struct tcb *tp, const struct inseg *in)
{
	return seq_gt(in->ack, tp->iss) && seq_le(in->ack, tp->snd_nxt);
}

/* Drop acknowledged data from the send buffer. */
static void
tcp_snd_drop(struct sock *so, uint32_t n)
{
	struct sock_buf *b = &so->snd;

	if (n > b->used)
		n = b->used;
	b->used -= n;
	while (n > 0 && b->nchunk > 0) {
		struct sock_chunk *c = &b->chunk[0];
		uint32_t k = c->len < n ? c->len : n;

		c->off += k;
		c->len -= k;
		n -= k;
		if (c->len == 0) {
			memmove(&b->chunk[0], &b->chunk[1],
			    (size_t)(b->nchunk - 1) * sizeof(b->chunk[0]));
			b->nchunk--;
		}
	}
}

/* SYN-SENT (RFC 9293 §3.10.7.3). */
static const char *
tcp_in_synsent(struct sim *s, int h, int i, const struct inseg *in, int tag,
    int *ch)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;

	if ((in->flags & TH_ACK) && !tcp_ack_ok_synsent(tp, in)) {
		if (!(in->flags & TH_RST))
			tcp_rst_for(s, h, in);
		return "tcp.bad_ack";
	}
	if (in->flags & TH_RST) {
		if (!(in->flags & TH_ACK))
			return "tcp.ignore_rst";
		tcp_drop(s, h, i, ECONNREFUSED);
		return "tcp.reset";
	}
	if (!(in->flags & TH_SYN))
		return "tcp.drop";
	tp->irs = in->seq;
	tp->rcv_nxt = in->seq + 1;
	tcp_take_syn_opts(s, h, tp, in, false);
	tp->snd_wnd = in->wnd;
	tp->max_snd_wnd = tp->snd_wnd;
	tp->snd_wl1 = in->seq;
	tp->snd_wl2 = in->ack;
	if (in->flags & TH_ACK) {
		tp->snd_una = in->ack;
		tcp_timer_stop(s, h, i, TCPT_REXMT);
		tp->backoff = 0;
		tp->rtt_timing = false;
		if (tp->srtt_us == 0 && tp->rtt_start_us != 0) {
			uint32_t r = (uint32_t)(s->w.now - tp->rtt_start_us);

			tp->srtt_us = r;
			tp->rttvar_us = r / 2;
		}
	}
	/* RFC 6298 (2.2) once the handshake measured a round trip. */
	if (tp->srtt_us != 0) {
		const struct profile *p = host_profile(s, h);
		uint64_t rto = tp->srtt_us + 4ull * tp->rttvar_us;

		tp->rto_us = (uint32_t)(rto < p->rto_min_us ? p->rto_min_us :
		    rto > p->rto_max_us ? p->rto_max_us : rto);
	}
	if (seq_gt(tp->snd_una, tp->iss)) {
		tcp_set_state(s, h, i, TCPS_ESTABLISHED);
		*ch = tag == 6 ? 6 : 0;
		step_params(s, "irs=%u ack=%u", tp->irs, in->ack);
		{
			struct seg g;

			tcp_seg_init(s, so, &g, TH_ACK, tp->snd_nxt);
			tcp_emit(s, h, i, &g, *ch);
		}
		if (tcp_has_output(so))
			tcp_send_wanted(s, h, i);
		return "tcp.established";
	}
	/* Simultaneous open: both sent a SYN. */
	tcp_set_state(s, h, i, TCPS_SYN_RECEIVED);
	step_params(s, "irs=%u", tp->irs);
	tcp_send_synack(s, h, i, 0);
	return "tcp.simultaneous_open";
}

/* RFC 9293 §3.10.7.4, first: is the segment in the window? */
static bool
tcp_acceptable(const struct tcb *tp, const struct inseg *in)
{
	uint32_t wnd = tp->rcv_wnd;

	if (in->len == 0) {
		if (wnd == 0)
			return in->seq == tp->rcv_nxt;
		return seq_le(tp->rcv_nxt, in->seq) &&
		    seq_lt(in->seq, tp->rcv_nxt + wnd);
	}
	if (wnd == 0)
		return false;
	return (seq_le(tp->rcv_nxt, in->seq) &&
	    seq_lt(in->seq, tp->rcv_nxt + wnd)) ||
	    (seq_le(tp->rcv_nxt, in->seq + in->len - 1) &&
	    seq_lt(in->seq + in->len - 1, tp->rcv_nxt + wnd));
}

/* RFC 5961 §7: challenge ACKs, at most so many a second. */
static const char *
tcp_challenge(struct sim *s, int h, int i)
{
	struct tcb *tp = &tcp_so(s, h, i)->tcb;
	uint64_t sec = s->w.now / 1000000;

	if (tp->challenge_sec != sec) {
		tp->challenge_sec = sec;
		tp->challenge_acks = 0;
	}
	if (tp->challenge_acks >= CHALLENGE_PER_SEC)
		return "tcp.drop";
	tp->challenge_acks++;
	tcp_send_ack_now(s, h, i);
	return "tcp.challenge_ack";
}

static void
tcp_rtt_sample(struct sim *s, int h, struct tcb *tp, uint32_t ack)
{
	const struct profile *p = host_profile(s, h);
	uint32_t r, d;
	uint64_t rto;

	if (!tp->rtt_timing || seq_lt(ack, tp->rtt_seq))
		return;
	tp->rtt_timing = false;
	r = (uint32_t)(s->w.now - tp->rtt_start_us);
	if (tp->srtt_us == 0) {			/* RFC 6298 (2.2) */
		tp->srtt_us = r;
		tp->rttvar_us = r / 2;
	} else {				/* RFC 6298 (2.3) */
		d = tp->srtt_us > r ? tp->srtt_us - r : r - tp->srtt_us;
		tp->rttvar_us = (3 * tp->rttvar_us + d) / 4;
		tp->srtt_us = (7 * tp->srtt_us + r) / 8;
	}
	rto = tp->srtt_us + 4ull * tp->rttvar_us;
	tp->rto_us = (uint32_t)(rto < p->rto_min_us ? p->rto_min_us :
	    rto > p->rto_max_us ? p->rto_max_us : rto);
}

/* SND.UNA advances: the send buffer and the timers follow (§3.10.7.4). */
static void
tcp_ack_advance(struct sim *s, int h, int i, const struct inseg *in)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	uint32_t acked = in->ack - tp->snd_una;

	if (tp->snd_una == tp->iss)
		acked--;		/* our SYN */
	if (tcp_fin_sent(tp) && seq_gt(in->ack, tp->fin_seq))
		acked--;		/* our FIN */
	tcp_snd_drop(so, acked);
	tp->snd_una = in->ack;
	tcp_rtt_sample(s, h, tp, in->ack);
	tp->backoff = 0;
	/* RFC 5681: slow start, or a segment a round trip after it. */
	tp->cwnd += tp->cwnd < tp->ssthresh ? tcp_eff_mss(tp) :
	    tcp_eff_mss(tp) * tcp_eff_mss(tp) / tp->cwnd;
	if (tp->snd_una == tp->snd_max)		/* RFC 6298 (5.2) */
		tcp_timer_stop(s, h, i, TCPT_REXMT);
	else					/* RFC 6298 (5.3) */
		tcp_timer_arm(s, h, i, TCPT_REXMT, tcp_rto(s, h, tp));
	app_wake(s, h);
}

static void
tcp_window_update(struct sim *s, int h, int i, const struct inseg *in)
{
	struct tcb *tp = &tcp_so(s, h, i)->tcb;

	if (seq_lt(tp->snd_wl1, in->seq) || (tp->snd_wl1 == in->seq &&
	    seq_le(tp->snd_wl2, in->ack))) {
		uint32_t old = tp->snd_wnd;

		tp->snd_wnd = in->wnd << (tp->wscale_ok ? tp->snd_wscale : 0);
		tp->snd_wl1 = in->seq;
		tp->snd_wl2 = in->ack;
		if (tp->snd_wnd > tp->max_snd_wnd)
			tp->max_snd_wnd = tp->snd_wnd;
		if (old == 0 && tp->snd_wnd > 0) {
			/* The window opened: the probe's byte goes again. */
			if (tp->timer[TCPT_PERSIST] != 0) {
				tcp_timer_stop(s, h, i, TCPT_PERSIST);
				tp->snd_nxt = tp->snd_una;
				tp->persist_probes = 0;
			}
			tcp_send_wanted(s, h, i);
		}
	}
}

/* Received text goes into the receive buffer (§3.10.7.4, seventh). */
static uint32_t
tcp_take_text(struct sim *s, int h, int i, const struct inseg *in)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	uint32_t skip, n, off;
	struct sock_buf *b = &so->rcv;

	if (in->plen == 0 || seq_gt(in->seq, tp->rcv_nxt))
		return 0;
	skip = tp->rcv_nxt - in->seq;
	if (skip >= in->plen)
		return 0;
	n = in->plen - skip;
	if (n > tp->rcv_wnd)
		n = tp->rcv_wnd;
	if (n > tcp_rcv_space(so))
		n = tcp_rcv_space(so);
	if (n == 0)
		return 0;
	off = in->poff + skip;
	if (b->nchunk > 0 && b->chunk[b->nchunk - 1].off +
	    b->chunk[b->nchunk - 1].len == off)
		b->chunk[b->nchunk - 1].len += n;
	else if (b->nchunk < SOCK_MAX_CHUNK)
		b->chunk[b->nchunk++] = (struct sock_chunk){ off, n };
	else
		return 0;	/* no room to keep it: as if lost */
	b->used += n;
	tp->rcv_nxt += n;
	tp->rcv_wnd -= n;	/* the right edge stays */
	app_wake(s, h);
	return n;
}

/* Owe an ACK: at once, or after the profile's delayed-ACK time. */
static void
tcp_ack_owed(struct sim *s, int h, int i, bool now)
{
	struct tcb *tp = &tcp_so(s, h, i)->tcb;
	const struct profile *p = host_profile(s, h);

	tp->ack_pending = true;
	tp->unacked_segs++;
	/* RFC 9293 §3.8.6.3: ACK at least every second full segment. */
	if (now || p->delack_us == 0 || tp->unacked_segs >= 2) {
		tcp_timer_stop(s, h, i, TCPT_DELACK);
		return;
	}
	if (tp->timer[TCPT_DELACK] == 0)
		tcp_timer_arm(s, h, i, TCPT_DELACK, p->delack_us);
}

/* FIN (§3.10.7.4, eighth). */
static const char *
tcp_take_fin(struct sim *s, int h, int i)
{
	struct tcb *tp = &tcp_so(s, h, i)->tcb;

	tp->rcv_nxt++;
	tp->fin_rcvd = true;
	switch (tp->state) {
	case TCPS_SYN_RECEIVED:
	case TCPS_ESTABLISHED:
		tcp_set_state(s, h, i, TCPS_CLOSE_WAIT);
		return "tcp.close_wait";
	case TCPS_FIN_WAIT_1:
		if (seq_gt(tp->snd_una, tp->fin_seq)) {
			tcp_set_state(s, h, i, TCPS_TIME_WAIT);
			return "tcp.time_wait";
		}
		tcp_set_state(s, h, i, TCPS_CLOSING);
		return "tcp.closing";
	case TCPS_FIN_WAIT_2:
		tcp_set_state(s, h, i, TCPS_TIME_WAIT);
		return "tcp.time_wait";
	case TCPS_TIME_WAIT:
		tcp_timer_arm(s, h, i, TCPT_2MSL,
		    host_profile(s, h)->time_wait_us);
		return "tcp.fin_again";
	default:
		return "tcp.fin_again";
	}
}

/* Fifth, in SYN-RECEIVED: the ACK that completes the handshake. */
static const char *
tcp_in_ack_synrcvd(struct sim *s, int h, int i, const struct inseg *in,
    int tag, int *ch, bool *done)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	struct sock *ls = so->listener >= 0 ? tcp_so(s, h, so->listener) :
	    NULL;

	*done = true;
	if (!(seq_lt(tp->snd_una, in->ack) && seq_le(in->ack, tp->snd_nxt))) {
		tcp_rst_for(s, h, in);
		return "tcp.rst_sent";
	}
	/* Linux drops the ACK while the accept queue is full. */
	if (ls != NULL && ls->qlen > ls->backlog) {
		step_params(s, "queue=%u backlog=%u", ls->qlen, ls->backlog);
		return "tcp.accept_queue_full";
	}
	tp->snd_wnd = in->wnd << (tp->wscale_ok ? tp->snd_wscale : 0);
	tp->max_snd_wnd = tp->snd_wnd;
	tp->snd_wl1 = in->seq;
	tp->snd_wl2 = in->ack;
	tcp_ack_advance(s, h, i, in);
	tcp_set_state(s, h, i, TCPS_ESTABLISHED);
	*ch = tag == 7 ? 7 : 0;
	*done = false;
	return "tcp.established";
}

/* Fifth, synchronized: SND.UNA, the send window, our FIN's fate. */
static const char *
tcp_in_ack_sync(struct sim *s, int h, int i, const struct inseg *in,
    bool *done)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	const char *kind = "tcp.ack";
	bool fin_acked_before;

	*done = true;
	/* RFC 5961 §5.2: an ACK from too far back is a challenge. */
	if (seq_lt(in->ack, tp->snd_una - tp->max_snd_wnd))
		return tcp_challenge(s, h, i);
	if (seq_gt(in->ack, tp->snd_nxt)) {
		tcp_send_ack_now(s, h, i);
		return "tcp.ack_too_new";
	}
	fin_acked_before = tcp_fin_sent(tp) && seq_gt(tp->snd_una, tp->fin_seq);
	if (seq_lt(tp->snd_una, in->ack))
		tcp_ack_advance(s, h, i, in);
	else if (in->ack == tp->snd_una && in->plen == 0 &&
	    !(in->flags & TH_FIN) && so->snd.used > tcp_inflight(so))
		kind = "tcp.dup_ack";
	tcp_window_update(s, h, i, in);
	if (tcp_fin_sent(tp) && !fin_acked_before &&
	    seq_gt(tp->snd_una, tp->fin_seq)) {
		switch (tp->state) {
		case TCPS_FIN_WAIT_1:
			tcp_set_state(s, h, i, TCPS_FIN_WAIT_2);
			kind = "tcp.fin_wait_2";
			break;
		case TCPS_CLOSING:
			tcp_set_state(s, h, i, TCPS_TIME_WAIT);
			/* Only an ACK: no FIN to acknowledge (narration). */
			step_params(s, "from=CLOSING");
			return "tcp.time_wait";
		case TCPS_LAST_ACK:
			tcp_drop(s, h, i, 0);
			return "tcp.closed";
		default:
			break;
		}
	}
	*done = false;
	return kind;
}

/* Sixth to eighth: URG, text, FIN; then the ACK that is owed. */
static const char *
tcp_in_rest(struct sim *s, int h, int i, const struct inseg *in,
    const char *kind)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	bool ack_now = false;
	uint32_t took;

	/* Keep-alive counts idle time from the last segment. */
	if (tp->timer[TCPT_KEEP] != 0) {
		tp->keep_probes = 0;
		tcp_keep_arm(s, h, i);
	}
	/* sixth: URG -- the teaching stack sends no urgent data */
	if ((in->flags & TH_URG) && seq_gt(in->p.tcp.urp + in->seq,
	    tp->rcv_up))
		tp->rcv_up = in->seq + in->p.tcp.urp;
	/* seventh: text */
	if (in->plen > 0 && (tp->state == TCPS_ESTABLISHED ||
	    tp->state == TCPS_FIN_WAIT_1 || tp->state == TCPS_FIN_WAIT_2)) {
		bool in_order = in->seq == tp->rcv_nxt;

		took = tcp_take_text(s, h, i, in);
		kind = took > 0 ? "tcp.data" : "tcp.out_of_order";
		/* Out of order or trimmed: ACK at once (RFC 5681 §4.2). */
		ack_now = !in_order || took < in->plen;
		tcp_ack_owed(s, h, i, ack_now);
		step_params(s, "seq=%u len=%u rcv_nxt=%u", in->seq, took,
		    tp->rcv_nxt);
	}
	/* eighth: FIN, once everything before it is in */
	if ((in->flags & TH_FIN) && tp->state != TCPS_CLOSED &&
	    in->seq + in->plen == tp->rcv_nxt) {
		kind = tcp_take_fin(s, h, i);
		tcp_ack_owed(s, h, i, true);
		ack_now = true;
	}
	if (tp->ack_pending && (ack_now || tp->timer[TCPT_DELACK] == 0)) {
		char keep[sizeof(s->r->pub.params)];

		/*
		 * A step that took data is about what arrived ({len} in its
		 * narration), not about the ACK it sends back.
		 */
		memcpy(keep, s->r->pub.params, sizeof(keep));
		if (tcp_output(s, h, i) == NULL)
			tcp_send_ack_now(s, h, i);
		if (in->plen > 0)
			memcpy(s->r->pub.params, keep, sizeof(keep));
	} else if (tcp_has_output(so))
		tcp_send_wanted(s, h, i);
	return kind;
}

/* Synchronized states and SYN-RECEIVED (RFC 9293 §3.10.7.4). */
static const char *
tcp_in_sync(struct sim *s, int h, int i, struct inseg *in, int tag, int *ch)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	const char *kind;
	bool done = false;

	/* A repeated SYN on a half-open connection: send the SYN-ACK again. */
	if (tp->state == TCPS_SYN_RECEIVED && (in->flags & TH_SYN) &&
	    !(in->flags & TH_ACK) && in->seq == tp->irs) {
		if (!host_profile(s, h)->synack_on_dup_syn)
			return "tcp.drop";
		/* It counts as the retransmission: the timer starts over. */
		tcp_timer_stop(s, h, i, TCPT_REXMT);
		tcp_send_synack(s, h, i, 0);
		return "tcp.synack_again";
	}
	/* Simultaneous open: the peer's SYN-ACK repeats the SYN we took. */
	if (tp->state == TCPS_SYN_RECEIVED && (in->flags & TH_SYN) &&
	    in->seq == tp->irs) {
		in->flags &= (uint8_t)~TH_SYN;
		in->seq++;
		in->len--;
	}
	if (tp->ts_ok && in->has_ts && seq_le(in->seq, tp->rcv_nxt))
		tp->ts_recent = in->tsval;	/* RFC 7323 §4.3 */
	/*
	 * fourth, brought forward: RFC 5961 §4.2 answers any SYN on a
	 * synchronized connection with a challenge ACK, "irrespective of
	 * the sequence number" (a restarted peer learns it must reset).
	 */
	if ((in->flags & TH_SYN) && !(in->flags & TH_RST))
		return tcp_challenge(s, h, i);
	/* first: the sequence number */
	if (!tcp_acceptable(tp, in)) {
		if (in->flags & TH_RST)
			return "tcp.drop";
		tcp_send_ack_now(s, h, i);
		/*
		 * TIME-WAIT: "the only thing that can arrive in this state
		 * is a retransmission of the remote FIN.  Acknowledge it, and
		 * restart the 2 MSL timeout" (RFC 9293 §3.10.7.4; Linux too).
		 */
		if (tp->state == TCPS_TIME_WAIT && (in->flags & TH_FIN) &&
		    in->seq + in->len == tp->rcv_nxt) {
			tcp_timer_arm(s, h, i, TCPT_2MSL,
			    host_profile(s, h)->time_wait_us);
			return "tcp.fin_again";
		}
		return in->plen > 0 && tp->rcv_wnd == 0 ?
		    "tcp.zero_window_ack" : "tcp.out_of_window";
	}
	/* second: RST (RFC 5961 §3.2) */
	if (in->flags & TH_RST) {
		if (in->seq != tp->rcv_nxt)
			return tcp_challenge(s, h, i);
		if (tp->state == TCPS_SYN_RECEIVED && !tp->active) {
			sock_free(s, h, i);	/* back to LISTEN */
			return "tcp.reset";
		}
		tcp_drop(s, h, i, tp->state == TCPS_SYN_RECEIVED ?
		    ECONNREFUSED : ECONNRESET);
		return "tcp.reset";
	}
	/* fifth: ACK */
	if (!(in->flags & TH_ACK))
		return "tcp.drop";
	if (tp->state == TCPS_SYN_RECEIVED)
		kind = tcp_in_ack_synrcvd(s, h, i, in, tag, ch, &done);
	else
		kind = tcp_in_ack_sync(s, h, i, in, &done);
	if (done)
		return kind;
	return tcp_in_rest(s, h, i, in, kind);
}

/* Segment arrival processing for the socket the demux found. */
void
tcp_process_event(struct sim *s, const struct event *e)
{
	int h = e->host, i = e->sock, tag = e->arg, ch = 0;
	struct sock *so = tcp_so(s, h, i);
	const char *kind;
	struct inseg in;

	step_set(s, h, SIM_L_TCP, "tcp.input", 0);
	step_pkt_ref(s, e->pkt_off, e->pkt_len);
	seg_from_pkt(s, e->pkt_off, e->pkt_len, h, SIM_L_TCP);
	if (tcp_parse(s, e, &in) == -1)
		return;
	if (!so->used) {
		/* The socket went away since the demux: as to a closed port. */
		if (!(in.flags & TH_RST))
			tcp_rst_for(s, h, &in);
		step_set(s, h, SIM_L_TCP, "tcp.no_socket", 0);
		return;
	}
	switch (so->tcb.state) {
	case TCPS_LISTEN:
		kind = tcp_in_listen(s, h, i, &in, tag, &ch);
		break;
	case TCPS_SYN_SENT:
		kind = tcp_in_synsent(s, h, i, &in, tag, &ch);
		break;
	case TCPS_CLOSED:
		if (!(in.flags & TH_RST))
			tcp_rst_for(s, h, &in);
		kind = "tcp.no_socket";
		break;
	default:
		kind = tcp_in_sync(s, h, i, &in, tag, &ch);
		break;
	}
	step_set(s, h, SIM_L_TCP, kind, ch);
}

/* --- timers firing ------------------------------------------------------------------ */

static const char *
tcp_rexmt_timeout(struct sim *s, int h, int i)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	const struct profile *p = host_profile(s, h);
	const char *kind;
	unsigned limit = tp->state == TCPS_SYN_SENT ? p->syn_retries :
	    tp->state == TCPS_SYN_RECEIVED ? p->synack_retries :
	    p->data_retries;

	tp->timer[TCPT_REXMT] = 0;
	if (tp->backoff >= limit) {
		step_params(s, "retries=%u", tp->backoff);
		tcp_drop(s, h, i, ETIMEDOUT);
		return "tcp.give_up";
	}
	tp->backoff++;
	tp->rtt_timing = false;		/* Karn's algorithm */
	/* RFC 5681 (4): after a timeout, one segment, then slow start. */
	tp->ssthresh = tcp_inflight(so) / 2 > 2 * tcp_eff_mss(tp) ?
	    tcp_inflight(so) / 2 : 2 * tcp_eff_mss(tp);
	tp->cwnd = tcp_eff_mss(tp);
	step_params(s, "retry=%u rto=%llu", tp->backoff,
	    (unsigned long long)tcp_rto(s, h, tp));
	switch (tp->state) {
	case TCPS_SYN_SENT:
		tcp_send_syn(s, h, i, 0);
		return "tcp.rexmt_syn";
	case TCPS_SYN_RECEIVED:
		tcp_send_synack(s, h, i, 0);
		return "tcp.rexmt_synack";
	default:
		tp->snd_nxt = tp->snd_una;	/* go back to the oldest */
		kind = tcp_output(s, h, i);
		if (kind == NULL)
			return "tcp.nothing_to_send";
		/* The step is the retransmission: its retry, not the header. */
		step_params(s, "retry=%u rto=%llu%s", tp->backoff,
		    (unsigned long long)tcp_rto(s, h, tp),
		    strcmp(kind, "tcp.send_fin") == 0 ? " fin=1" : "");
		return "tcp.rexmt";
	}
}

/* Zero window: a probe of one byte beyond it (RFC 9293 §3.8.6.1). */
static const char *
tcp_persist_timeout(struct sim *s, int h, int i)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	const struct profile *p = host_profile(s, h);
	uint64_t next;
	uint8_t b;
	struct seg g;

	tp->timer[TCPT_PERSIST] = 0;
	if (so->snd.used == 0 || tp->snd_wnd != 0)
		return "tcp.nothing_to_send";
	tp->snd_nxt = tp->snd_una;
	tcp_seg_init(s, so, &g, TH_ACK, tp->snd_nxt);
	tcp_snd_gather(s, so, 0, &b, 1);
	g.data_off = step_data(s, &b, 1);
	g.data_len = 1;
	tp->snd_nxt++;
	if (seq_gt(tp->snd_nxt, tp->snd_max))
		tp->snd_max = tp->snd_nxt;
	tcp_emit(s, h, -1, &g, 0);
	seg_from_seg(s, &g, h, SIM_L_TCP);
	tp->persist_probes++;
	next = (uint64_t)p->persist_min_us << (tp->persist_probes > 10 ? 10 :
	    tp->persist_probes);
	tcp_timer_arm(s, h, i, TCPT_PERSIST,
	    next > p->persist_max_us ? p->persist_max_us : next);
	step_params(s, "seq=%u probe=%u", g.seq, tp->persist_probes);
	return "tcp.window_probe";
}

static const char *
tcp_keep_timeout(struct sim *s, int h, int i)
{
	struct sock *so = tcp_so(s, h, i);
	struct tcb *tp = &so->tcb;
	uint64_t idle, intvl;
	uint8_t probes;
	struct seg g;

	tp->timer[TCPT_KEEP] = 0;
	tcp_keep_times(s, h, &idle, &intvl, &probes);
	if (!tcp_sync(tp->state) || tp->state == TCPS_TIME_WAIT)
		return "tcp.nothing_to_send";
	if (tp->keep_probes >= probes) {
		step_params(s, "probes=%u", tp->keep_probes);
		tcp_abort(s, h, i);
		so->error = ETIMEDOUT;
		return "tcp.keepalive_give_up";
	}
	/* RFC 1122 4.2.3.6: <SEQ=SND.NXT-1>, no data, to draw an ACK. */
	tcp_seg_init(s, so, &g, TH_ACK, tp->snd_nxt - 1);
	tcp_emit(s, h, -1, &g, 0);
	tp->keep_probes++;
	tcp_timer_arm(s, h, i, TCPT_KEEP, intvl);
	step_params(s, "probe=%u", tp->keep_probes);
	return "tcp.keepalive";
}

void
tcp_timer_event(struct sim *s, const struct event *e)
{
	int h = e->host, i = e->sock;
	struct sock *so = tcp_so(s, h, i);
	const char *kind = "tcp.nothing_to_send";

	step_set(s, h, SIM_L_TCP, kind, 0);
	if (!so->used)
		return;
	switch (e->arg) {
	case TCPT_REXMT:
		kind = tcp_rexmt_timeout(s, h, i);
		break;
	case TCPT_DELACK:
		so->tcb.timer[TCPT_DELACK] = 0;
		kind = "tcp.delayed_ack";
		if (!so->tcb.ack_pending)
			kind = "tcp.nothing_to_send";
		else if (tcp_output(s, h, i) == NULL)
			tcp_send_ack_now(s, h, i);
		break;
	case TCPT_PERSIST:
		kind = tcp_persist_timeout(s, h, i);
		break;
	case TCPT_KEEP:
		kind = tcp_keep_timeout(s, h, i);
		break;
	case TCPT_2MSL:
		so->tcb.timer[TCPT_2MSL] = 0;
		so->fd = so->closed ? -1 : so->fd;
		tcp_drop(s, h, i, 0);
		kind = "tcp.time_wait_end";
		break;
	}
	step_set(s, h, SIM_L_TCP, kind, 0);
}
