/*
 * ip: the IP module and the wire.  IP output builds the real IPv4 or IPv6
 * header (TTL, Identification, checksum) around TCP's segment through the
 * codec; the wire carries the packet to the other host after its latency,
 * applying the scenario's fault plan; IP input checks the header and hands
 * the packet to TCP.  Also the RFC 6528 ISN and the keyed hash under it.
 */
#include <string.h>

#include "engine.h"

/* --- the current segment ----------------------------------------------------- */

static void
seg_opts_list(struct sim_seg *v, const uint8_t *o, size_t n)
{
	size_t k = 0;

	v->nopt = 0;
	while (k < n && v->nopt < sizeof(v->opt)) {
		v->opt[v->nopt++] = o[k];
		if (o[k] == TCPOPT_EOL)
			break;
		if (o[k] == TCPOPT_NOP) {
			k++;
			continue;
		}
		if (k + 1 >= n || o[k + 1] < 2)
			break;
		k += o[k + 1];
	}
}

void
seg_from_seg(struct sim *s, const struct seg *g, int host, int layer)
{
	struct sim_seg *v = &s->w.seg;

	memset(v, 0, sizeof(*v));
	v->valid = true;
	v->host = host;
	v->layer = layer;
	v->sport = g->sport;
	v->dport = g->dport;
	v->seq = g->seq;
	v->ack = g->ack;
	v->flags = g->flags;
	v->win = g->win;
	v->len = g->data_len;
	seg_opts_list(v, g->opt, g->optlen);
}

void
seg_from_pkt(struct sim *s, uint32_t off, uint32_t len, int host, int layer)
{
	struct sim_seg *v = &s->w.seg;
	struct pkt p;

	memset(v, 0, sizeof(*v));
	if (pkt_decode(&p, PKT_LINK_RAW, sim_bytes(s, off), len, len) == -1 &&
	    !p.has_tcp)
		return;
	if (!p.has_tcp)
		return;
	v->valid = true;
	v->host = host;
	v->layer = layer;
	v->sport = p.tcp.sport;
	v->dport = p.tcp.dport;
	v->seq = p.tcp.seq;
	v->ack = p.tcp.ack;
	v->flags = p.tcp.flags;
	v->win = p.tcp.win;
	v->len = (uint32_t)p.tcp.payload_len;
	for (int k = 0; k < p.tcp.n_opts && v->nopt < sizeof(v->opt); k++)
		v->opt[v->nopt++] = p.tcp.opts[k].kind;
}

void
seg_where(struct sim *s, int host, int layer)
{
	s->w.seg.host = host;
	s->w.seg.layer = layer;
}

/* --- IP ----------------------------------------------------------------------- */

static const char *
ip_addr(const struct pkt_addr *a, char *buf, size_t len)
{
	return pkt_addr_str(a, buf, len);
}

/* The tag the receiving side's steps carry: the chapter's next step. */
static uint8_t
ip_rx_tag(uint8_t tx)
{
	switch (tx) {
	case 3: return 4;
	case 5: return 6;
	case 6: return 7;
	default: return 0;
	}
}

void
ip_output_event(struct sim *s, const struct event *e)
{
	int h = e->host;
	struct host *ho = &s->w.host[h];
	const struct seg *g = &e->seg;
	struct pkt_build b;
	struct pkt_problem prob;
	struct cursor c;
	struct event *n;
	uint8_t buf[2048];
	char sa[64], da[64];
	size_t len;
	uint32_t off;

	step_set(s, h, SIM_L_IP, "ip.output", e->arg);
	s->r->pub.origin = e->origin;
	memset(&b, 0, sizeof(b));
	b.src = ho->addr;
	b.dst = s->w.host[!h].addr;
	b.ttl = ho->ttl;
	b.ip_id = ho->addr.family == 4 ? ho->ip_id++ : 0;
	b.df = true;			/* path MTU discovery, RFC 1191 */
	b.tcp.sport = g->sport;
	b.tcp.dport = g->dport;
	b.tcp.seq = g->seq;
	b.tcp.ack = g->ack;
	b.tcp.flags = g->flags;
	b.tcp.win = g->win;
	b.tcp.urp = g->urp;
	cursor_init(&c, g->opt, g->optlen);
	pkt_tcp_opts_decode(&c, &b.tcp, &prob);
	b.payload = g->data_len ? sim_bytes(s, g->data_off) : NULL;
	b.payload_len = g->data_len;
	len = pkt_build_ip(buf, sizeof(buf), &b);
	if (len == 0) {
		step_set(s, h, SIM_L_IP, "ip.error", 0);
		return;
	}
	off = step_pkt(s, buf, len);
	step_params(s, "src=%s dst=%s ttl=%u id=%u len=%zu",
	    ip_addr(&b.src, sa, sizeof(sa)), ip_addr(&b.dst, da, sizeof(da)),
	    b.ttl, b.ip_id, len);
	seg_from_pkt(s, off, (uint32_t)len, h, SIM_L_IP);
	n = ev_push(s, s->w.now, EV_WIRE, h, e->sock);
	n->pkt_off = off;
	n->pkt_len = (uint32_t)len;
	n->arg = e->arg;
	n->origin = e->origin;
}

void
ip_input_event(struct sim *s, const struct event *e)
{
	int h = e->host;
	const struct host *ho = &s->w.host[h];
	struct pkt p;
	struct event *n;
	char sa[64], da[64];

	step_set(s, h, SIM_L_IP, "ip.input", e->arg);
	step_pkt_ref(s, e->pkt_off, e->pkt_len);
	seg_from_pkt(s, e->pkt_off, e->pkt_len, h, SIM_L_IP);
	if (pkt_decode(&p, PKT_LINK_RAW, sim_bytes(s, e->pkt_off), e->pkt_len,
	    e->pkt_len) == -1 && p.ipver == 0) {
		step_set(s, h, SIM_L_IP, "ip.drop", 0);
		step_params(s, "%s", p.problem.what);
		return;
	}
	step_params(s, "src=%s dst=%s proto=%u len=%u",
	    ip_addr(&p.src, sa, sizeof(sa)), ip_addr(&p.dst, da, sizeof(da)),
	    p.proto, e->pkt_len);
	if ((p.ipver == 4 && !p.ip4.cksum_ok) ||
	    memcmp(&p.dst, &ho->addr, sizeof(p.dst)) != 0 || p.proto != 6) {
		step_set(s, h, SIM_L_IP, "ip.drop", 0);
		return;
	}
	n = ev_push(s, s->w.now, EV_TCP_INPUT, h, -1);
	n->pkt_off = e->pkt_off;
	n->pkt_len = e->pkt_len;
	n->arg = e->arg;
}

/* --- the wire ------------------------------------------------------------------ */

/* The kinds a segment counts as, for the fault plan. */
static unsigned
wire_kinds(const struct sim *s, const struct event *e)
{
	struct pkt p;
	unsigned m = 1u << SK_ANY;
	uint8_t f;

	if (pkt_decode(&p, PKT_LINK_RAW, sim_bytes(s, e->pkt_off), e->pkt_len,
	    e->pkt_len) == -1 || !p.has_tcp)
		return m;
	f = p.tcp.flags;
	if ((f & TH_SYN) && !(f & TH_ACK))
		m |= 1u << SK_SYN;
	if ((f & TH_SYN) && (f & TH_ACK))
		m |= 1u << SK_SYNACK;
	if (f & TH_RST)
		m |= 1u << SK_RST;
	if (f & TH_FIN)
		m |= 1u << SK_FIN;
	if (p.tcp.payload_len > 0)
		m |= 1u << SK_DATA;
	if ((f & (TH_SYN | TH_FIN | TH_RST)) == 0 && (f & TH_ACK) &&
	    p.tcp.payload_len == 0)
		m |= 1u << SK_ACK;
	return m;
}

/* The fault the plan has for this segment, or NULL. */
static const struct scn_fault *
wire_fault(struct sim *s, int h, unsigned kinds)
{
	struct world *w = &s->w;

	w->ntx++;
	for (int k = 0; k < SK_COUNT; k++)
		if (kinds & (1u << k))
			w->ntx_kind[h][k]++;
	for (size_t i = 0; i < s->scn->nfault; i++) {
		const struct scn_fault *f = &s->scn->fault[i];
		uint32_t count;

		if ((f->host >= 0 && f->host != h) ||
		    !(kinds & (1u << f->kind)))
			continue;
		if (f->nnth == 0) {
			if (sim_rand(s) % 100 < f->percent)
				return f;
			continue;
		}
		count = f->host >= 0 ? w->ntx_kind[h][f->kind] :
		    w->ntx_kind[0][f->kind] + w->ntx_kind[1][f->kind];
		for (int n = 0; n < f->nnth; n++)
			if (f->nth[n] == count)
				return f;
	}
	return NULL;
}

static struct event *
wire_deliver(struct sim *s, int h, uint64_t at, uint32_t off, uint32_t len,
    uint8_t tag)
{
	struct event *n = ev_push(s, at, EV_IP_INPUT, !h, -1);

	n->pkt_off = off;
	n->pkt_len = len;
	n->arg = ip_rx_tag(tag);
	return n;
}

/* A packet held back for reordering goes right after this one. */
static void
wire_release(struct sim *s, int h, uint64_t at)
{
	struct world *w = &s->w;
	struct event held;

	if (!w->held[h])
		return;
	held = w->held_ev[h];
	w->held[h] = false;
	wire_deliver(s, h, at, held.pkt_off, held.pkt_len, 0);
}

void
wire_event(struct sim *s, const struct event *e)
{
	int h = e->host;
	uint64_t at = s->w.now + s->scn->latency_us;
	const struct scn_fault *f;
	uint8_t buf[2048];
	uint32_t off;
	size_t pos;

	step_set(s, h, SIM_L_WIRE, "wire.send", e->arg);
	s->r->pub.origin = e->origin;
	step_pkt_ref(s, e->pkt_off, e->pkt_len);
	step_captured(s);
	seg_from_pkt(s, e->pkt_off, e->pkt_len, h, SIM_L_WIRE);
	step_params(s, "latency=%uus", s->scn->latency_us);
	if (e->sock == -2) {		/* the second copy of a duplicate */
		step_set(s, h, SIM_L_WIRE, "wire.copy", 0);
		wire_deliver(s, h, at, e->pkt_off, e->pkt_len, 0);
		return;
	}
	f = wire_fault(s, h, wire_kinds(s, e));
	switch (f ? f->action : SIM_FAULT_NONE) {
	case SIM_FAULT_DROP:
		step_set(s, h, SIM_L_WIRE, "wire.drop", 0);
		return;
	case SIM_FAULT_DUP: {
		struct event *n = ev_push(s, s->w.now, EV_WIRE, h, -2);

		n->pkt_off = e->pkt_off;
		n->pkt_len = e->pkt_len;
		n->origin = e->origin;
		step_set(s, h, SIM_L_WIRE, "wire.duplicate", e->arg);
		break;
	}
	case SIM_FAULT_DELAY:
		at += f->delay_us;
		step_set(s, h, SIM_L_WIRE, "wire.delay", e->arg);
		step_params(s, "latency=%uus delay=%uus", s->scn->latency_us,
		    f->delay_us);
		break;
	case SIM_FAULT_REORDER:
		wire_release(s, h, at);
		s->w.held[h] = true;
		s->w.held_ev[h] = *e;
		step_set(s, h, SIM_L_WIRE, "wire.reorder", 0);
		return;
	case SIM_FAULT_CORRUPT:
		/* One bit flipped past the IP header: TCP's checksum fails. */
		memcpy(buf, sim_bytes(s, e->pkt_off), e->pkt_len);
		pos = (s->ipv6 ? 40 : 20) + sim_rand(s) %
		    (e->pkt_len - (s->ipv6 ? 40u : 20u));
		buf[pos] ^= (uint8_t)(1u << (sim_rand(s) % 8));
		off = step_data(s, buf, e->pkt_len);
		step_set(s, h, SIM_L_WIRE, "wire.corrupt", 0);
		step_params(s, "byte=%zu", pos);
		wire_deliver(s, h, at, off, e->pkt_len, 0);
		wire_release(s, h, at);
		return;
	default:
		break;
	}
	wire_deliver(s, h, at, e->pkt_off, e->pkt_len, e->arg);
	wire_release(s, h, at);
}

/* --- RFC 6528 ------------------------------------------------------------------- */

#define ROTL(x, b)	(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND do { \
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32); \
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2; \
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0; \
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32); \
} while (0)

/* SipHash-2-4 (Aumasson and Bernstein), as Linux keys its ISNs. */
uint64_t
siphash24(const uint64_t key[2], const uint8_t *p, size_t n)
{
	uint64_t v0 = 0x736f6d6570736575ull ^ key[0];
	uint64_t v1 = 0x646f72616e646f6dull ^ key[1];
	uint64_t v2 = 0x6c7967656e657261ull ^ key[0];
	uint64_t v3 = 0x7465646279746573ull ^ key[1];
	uint64_t m, b = (uint64_t)n << 56;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		m = 0;
		for (int k = 0; k < 8; k++)
			m |= (uint64_t)p[i + (size_t)k] << (8 * k);
		v3 ^= m;
		SIPROUND;
		SIPROUND;
		v0 ^= m;
	}
	for (int k = 0; i + (size_t)k < n; k++)
		b |= (uint64_t)p[i + (size_t)k] << (8 * k);
	v3 ^= b;
	SIPROUND;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

/*
 * RFC 6528: ISN = M + F(localip, localport, remoteip, remoteport,
 * secretkey), M a timer ticking every 4 microseconds, F a keyed hash; the
 * key comes from the seed, the clock is the virtual one.
 */
uint32_t
isn_choose(const struct sim *s, const struct pkt_addr *la, uint16_t lp,
    const struct pkt_addr *ra, uint16_t rp)
{
	uint8_t b[36];

	memcpy(b, la->a, 16);
	b[16] = (uint8_t)(lp >> 8);
	b[17] = (uint8_t)lp;
	memcpy(b + 18, ra->a, 16);
	b[34] = (uint8_t)(rp >> 8);
	b[35] = (uint8_t)rp;
	return (uint32_t)(s->w.now / 4) + (uint32_t)siphash24(s->key, b,
	    sizeof(b));
}
