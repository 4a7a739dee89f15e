#include "tcp_analysis.h"

#include <string.h>

#include "pkt.h"

const char *const ta_flag_names[TA_NFLAGS] = {
	"retransmission", "fast_retransmission", "spurious_retransmission",
	"duplicate_ack", "zero_window", "zero_window_probe",
	"zero_window_probe_ack", "window_update", "window_full",
	"out_of_order", "lost_segment", "ack_lost_segment", "keep_alive",
	"keep_alive_ack", "reused_ports"
};

/* Sequence comparisons modulo 2^32 (Wireshark's GT_SEQ and friends). */
static bool
ta_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

static bool
ta_le(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) <= 0;
}

static bool
ta_gt(uint32_t a, uint32_t b)
{
	return (int32_t)(b - a) < 0;
}

uint32_t
ta_filter_flags(uint32_t f)
{
	if (f & (TA_FAST_RETRANSMISSION | TA_SPURIOUS_RETRANSMISSION))
		f |= TA_RETRANSMISSION;
	return f;
}

void
ta_conn_init(struct ta_conn *c)
{
	memset(c, 0, sizeof(*c));
	for (int i = 0; i < 2; i++) {
		c->flow[i].win_scale = TA_WS_UNKNOWN;
		c->flow[i].is_first_ack = true;
	}
}

bool
ta_syn_reuses_ports(const struct ta_conn *c, int dir, const struct ta_seg *s)
{
	const struct ta_flow *f = &c->flow[dir];

	/* A SYN+ACK counts too: packet-tcp.c checks both (RST-closed
	 * attempts retried on the same ports show it). */
	return (s->flags & TH_SYN) && !(s->flags & TH_RST) && f->base_set &&
	    s->seq != f->base_seq;
}

uint32_t
ta_scaled_window(const struct ta_conn *c, int dir, const struct ta_seg *s)
{
	const struct ta_flow *f = &c->flow[dir], *r = &c->flow[!dir];

	/* Scaled only once both SYNs agreed on it (RFC 7323 §2.2). */
	if ((s->flags & TH_SYN) || f->win_scale < 0 || r->win_scale < 0)
		return s->win;
	return (uint32_t)s->win << f->win_scale;
}

/* Elapsed ns from then to now as Wireshark's guint64: negative is huge. */
static uint64_t
ta_since(int64_t now, int64_t then)
{
	return (uint64_t)now - (uint64_t)then;
}

/* What packet-tcp.c does around the analysis: ISNs, first RTT. */
static void
ta_before(struct ta_conn *c, int dir, const struct ta_seg *s)
{
	struct ta_flow *f = &c->flow[dir], *r = &c->flow[!dir];

	if (!f->base_set) {
		f->base_seq = (s->flags & TH_SYN) ? s->seq : s->seq - 1;
		f->saw_syn = (s->flags & TH_SYN) != 0;
		f->base_set = true;
	}
	/* The ACK field of a SYN need not be zero: take the peer's ISN from
	 * the first segment with ACK set. */
	if (!r->base_set && (s->flags & TH_ACK)) {
		r->base_seq = s->ack - 1;
		r->base_set = true;
	}
	if ((s->flags & (TH_SYN | TH_ACK)) == TH_SYN)
		c->mru_syn = s->ts;
	else if ((s->flags & (TH_SYN | TH_ACK)) == TH_ACK &&
	    c->first_rtt == 0 && c->mru_syn != 0)
		c->first_rtt = s->ts - c->mru_syn;
}

/* After the analysis: the window scale option of a SYN. */
static void
ta_after(struct ta_conn *c, int dir, const struct ta_seg *s)
{
	struct ta_flow *f = &c->flow[dir], *r = &c->flow[!dir];

	if (!(s->flags & TH_SYN)) {
		f->is_first_ack = false;
		return;
	}
	if (s->wscale >= 0)
		f->win_scale = (int8_t)(s->wscale > 14 ? 14 : s->wscale);
	if (f->win_scale == TA_WS_UNKNOWN) {
		/* No option: neither side scales (RFC 7323 §2.2). */
		f->win_scale = TA_WS_NONE;
		r->win_scale = TA_WS_NONE;
	} else if ((s->flags & TH_ACK) && r->win_scale == TA_WS_NONE)
		f->win_scale = TA_WS_NONE;
}

/* Flags that only look at this direction's previous segment. */
static bool
ta_fwd_checks(struct ta_conn *c, int dir, const struct ta_seg *s,
    struct ta_result *res)
{
	struct ta_flow *f = &c->flow[dir], *r = &c->flow[!dir];
	const uint8_t sfr = s->flags & (TH_SYN | TH_FIN | TH_RST);
	uint32_t shift;

	if (s->seglen == 1 && s->seq == f->nextseq && r->window == 0) {
		res->flags |= TA_ZERO_WINDOW_PROBE;
		return true;
	}
	if (s->win == 0 && sfr == 0)
		res->flags |= TA_ZERO_WINDOW;
	if (f->nextseq != 0 && ta_gt(s->seq, f->nextseq) &&
	    !(s->flags & TH_RST))
		res->flags |= TA_LOST_SEGMENT;
	if (s->seglen <= 1 && s->seq == f->nextseq - 1 && sfr == 0)
		res->flags |= TA_KEEP_ALIVE;
	if (s->seglen == 0 && s->win != 0 && s->win != f->window &&
	    s->seq == f->nextseq && s->ack == f->lastack && sfr == 0)
		res->flags |= TA_WINDOW_UPDATE;
	shift = r->is_first_ack || r->win_scale == TA_WS_NONE ? 0 :
	    (uint32_t)r->win_scale;
	if (s->seglen > 0 && r->win_scale != TA_WS_UNKNOWN &&
	    s->seq + s->seglen == r->lastack + (r->window << shift) &&
	    sfr == 0)
		res->flags |= TA_WINDOW_FULL;
	if (s->seglen == 0 && s->win != 0 && s->win == f->window &&
	    s->seq == f->nextseq && s->ack == f->lastack &&
	    (r->lastsegmentflags & TA_KEEP_ALIVE) && sfr == 0) {
		res->flags |= TA_KEEP_ALIVE_ACK;
		return true;
	}
	if (s->seglen == 0 && s->win == 0 && f->window == 0 &&
	    s->seq == f->nextseq && s->ack == f->lastack &&
	    (r->lastsegmentflags & TA_ZERO_WINDOW_PROBE) && sfr == 0) {
		res->flags |= TA_ZERO_WINDOW_PROBE_ACK;
		return true;
	}
	if (s->seglen == 0 && s->win != 0 && s->win == f->window &&
	    s->seq == f->nextseq && s->ack == f->lastack && sfr == 0) {
		/* After an "ACKed unseen segment" the count is -1 (see
		 * ta_ack_lost): the first duplicate then counts as 1. */
		f->dupacknum = f->dupacknum == TA_DUPACK_UNSEEN ? 1 :
		    f->dupacknum + 1;
		res->flags |= TA_DUPLICATE_ACK;
		res->dupack_num = f->dupacknum;
		res->dupack_frame = f->lastnondupack;
	}
	return true;
}

static void
ta_ack_lost(struct ta_conn *c, int dir, const struct ta_seg *s,
    struct ta_result *res)
{
	struct ta_flow *r = &c->flow[!dir];

	if (r->maxseqtobeacked == 0 || !ta_gt(s->ack, r->maxseqtobeacked) ||
	    !(s->flags & TH_ACK))
		return;
	if (ta_lt(r->maxseqtobeacked, r->nextseq)) {
		r->maxseqtobeacked = r->nextseq;
		res->flags |= TA_ACK_LOST_SEGMENT;
		return;
	}
	/*
	 * The other side only sends bare ACKs: flag once, and mark its
	 * duplicate-ACK count -1.  Wireshark keeps the count unsigned, so
	 * until that side's ACK moves, ">= 2 duplicate ACKs" holds and its
	 * peer's next resend is a "fast retransmission": a mislabel we
	 * keep, for the counts to agree.
	 */
	if (r->dupacknum == 0)
		res->flags |= TA_ACK_LOST_SEGMENT;
	r->dupacknum = TA_DUPACK_UNSEEN;
}

static void
ta_retrans(struct ta_conn *c, int dir, const struct ta_seg *s,
    struct ta_result *res)
{
	struct ta_flow *f = &c->flow[dir], *r = &c->flow[!dir];
	uint32_t syn_fin = (s->flags & (TH_SYN | TH_FIN)) ? 1 : 0;
	bool not_adv;
	uint64_t thres;

	if (s->seglen == 0 && !syn_fin)
		return;
	if (res->flags & TA_KEEP_ALIVE)
		return;
	not_adv = f->nextseq != 0 && ta_lt(s->seq, f->nextseq);
	/* Data starting one below nextseq follows a zero-window probe. */
	if (s->seglen > 1 && f->nextseq - 1 == s->seq)
		not_adv = false;
	if (s->seglen > 0 && r->lastack != 0 &&
	    ta_le(s->seq + s->seglen, r->lastack)) {
		res->flags |= TA_SPURIOUS_RETRANSMISSION;
		return;
	}
	/* Fast retransmission takes precedence over out-of-order (the
	 * default of tcp.fastrt_supersedes_ooo). */
	if (not_adv && r->dupacknum >= 2 && r->lastack == s->seq &&
	    ta_since(s->ts, r->lastacktime) < 20000000u) {
		res->flags |= TA_FAST_RETRANSMISSION;
		return;
	}
	thres = c->first_rtt != 0 ? (uint64_t)c->first_rtt : 3000000u;
	if (not_adv && ta_since(s->ts, f->nextseqtime) < thres &&
	    f->nextseq != s->seq + s->seglen + syn_fin) {
		res->flags |= TA_OUT_OF_ORDER;
		return;
	}
	if (not_adv) {
		res->flags |= TA_RETRANSMISSION;
		res->rto_ns = s->ts - f->nextseqtime;
		res->rto_frame = f->nextseqframe;
	}
}

void
ta_analyze(struct ta_conn *c, int dir, const struct ta_seg *s, uint32_t extra,
    struct ta_result *res)
{
	struct ta_flow *f = &c->flow[dir];
	uint32_t nextseq;

	memset(res, 0, sizeof(*res));
	res->flags = extra;
	ta_before(c, dir, s);

	ta_fwd_checks(c, dir, s, res);
	/* Wireshark resets its duplicate-ACK count when the ACK moves. */
	if (s->ack != f->lastack) {
		f->lastnondupack = s->frame;
		f->dupacknum = 0;
	}
	ta_ack_lost(c, dir, s, res);
	ta_retrans(c, dir, s, res);

	nextseq = s->seq + s->seglen;
	if (s->flags & (TH_SYN | TH_FIN))
		nextseq++;
	/* A zero-window probe does not move nextseq. */
	if ((ta_gt(nextseq, f->nextseq) || f->nextseq == 0) &&
	    !(res->flags & TA_ZERO_WINDOW_PROBE)) {
		f->nextseq = nextseq;
		f->nextseqframe = s->frame;
		f->nextseqtime = s->ts;
	}
	if ((s->seq == f->maxseqtobeacked || f->maxseqtobeacked == 0) &&
	    !(res->flags & TA_ZERO_WINDOW_PROBE))
		f->maxseqtobeacked = f->nextseq;
	f->window = s->win;
	f->lastack = s->ack;
	f->lastacktime = s->ts;
	f->lastsegmentflags = res->flags;
	ta_after(c, dir, s);
}
