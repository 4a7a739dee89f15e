#include "annotate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "safe.h"
#include "tcp_seq.h"
#include "xalloc.h"

/* Every sentence, in English; translated once into struct annot_msgs. */
enum annot_msg {
	M_CLIENT, M_SERVER, M_SYN, M_OPT_MSS, M_OPT_WS, M_OPT_SACK, M_OPT_TS,
	M_SYN_AGAIN, M_SYNACK, M_SYNACK_AGAIN, M_HS_DONE, M_DATA, M_RETRANS,
	M_RETRANS_COPY,
	M_FAST, M_SPURIOUS, M_OOO, M_ZWP, M_PERSIST, M_KEEPALIVE, M_ACK,
	M_DUPACK, M_SACK, M_ZERO, M_ZWP_ACK, M_WIN_OPEN, M_WIN_UPDATE,
	M_KA_ACK, M_FIN_ACTIVE, M_FIN_PASSIVE, M_FIN_AGAIN, M_LAST_ACK,
	M_REFUSED, M_RST_ABORT, M_RST_AFTER_CLOSE, M_RST, M_X_DATA,
	M_X_LOST, M_X_ACK_LOST, M_X_REUSED, M_X_WFULL, M_X_OFFLOAD,
	M_X_BADCK, M_X_SNAP, M_X_UNDECODED, M_UDP, M_ICMP, M_ARP,
	M_IP_OTHER, M_FRAG, M_LINK_OTHER, M_LINK_UNKNOWN, M_BROKEN,
	M_END_OPEN, M_END_FIN, M_END_HALF, M_END_RST, M_END_REFUSED,
	M_TCP_CUT, M_FAST_UNSEEN, M_OPT_TFO_REQ, M_OPT_TFO, M_SYNACK_DATA,
	M_OPT_ECN, M_OPT_ECN_OK, M_TCP_BROKEN, M_ARP_WHO, M_ARP_IS,
	M_DUPACK_COPY, M_DATA_1, M_X_DATA_1,
	M_COUNT
};

static const char *const annot_en[M_COUNT] = {
	[M_CLIENT] = N_("client"),
	[M_SERVER] = N_("server"),
	[M_SYN] = N_("{1} opens a connection to {2}: initial sequence number (ISN) {3}"),
	[M_OPT_MSS] = N_(", offers MSS {1}"),
	[M_OPT_WS] = N_(", window scale {1} (x{2})"),
	[M_OPT_SACK] = N_(", SACK permitted"),
	[M_OPT_TS] = N_(", timestamps"),
	[M_SYN_AGAIN] = N_("{1} sends its SYN again, {2} after the first: no answer yet"),
	[M_SYNACK] = N_("{1} accepts: its ISN is {2}, and ACK {3} (the client's ISN+1) acknowledges the client's SYN"),
	[M_SYNACK_AGAIN] = N_("{1} sends its SYN+ACK again, {2} after the first"),
	[M_HS_DONE] = N_("{1} acknowledges the SYN+ACK: the three-way handshake is complete (RTT {2})"),
	[M_DATA] = N_("{1} sends {2} bytes (bytes {3}-{4})"),
	[M_DATA_1] = N_("{1} sends 1 byte (byte {3})"),
	[M_RETRANS] = N_("{1} sends bytes {2}-{3} again, {4} after its last new data (packet {5}): a retransmission: its timer fired, or the peer's duplicate ACKs or SACK told it what was lost"),
	[M_RETRANS_COPY] = N_("{1}'s bytes {2}-{3} appear again at the same instant as packet {5}: a copy of the segment, made on the way or by the capture, not a retransmission by the sender"),
	[M_FAST] = N_("{1} resends bytes {2}-{3} after {4} duplicate ACKs: a fast retransmission"),
	[M_SPURIOUS] = N_("{1} resends bytes {2}-{3}, which the peer had already acknowledged: a spurious retransmission"),
	[M_OOO] = N_("bytes {2}-{3} from {1} arrive out of order: bytes up to {4} were already seen"),
	[M_ZWP] = N_("{1} probes the peer's zero window with 1 byte: is there room yet?"),
	[M_PERSIST] = N_("{1} probes the peer's zero window (persist timer); tshark calls this a keep-alive, but the peer's window is 0"),
	[M_KEEPALIVE] = N_("{1} sends a keep-alive: one byte below its next sequence number, to check that the peer is still there"),
	[M_ACK] = N_("{1} acknowledges everything before byte {2}"),
	[M_DUPACK] = N_("{1} repeats ACK {2} (duplicate ACK #{3} of packet {4}): byte {2} is still missing"),
	[M_SACK] = N_("; SACK: it already holds bytes {1}-{2}"),
	[M_ZERO] = N_("{1}'s receive buffer is full: window 0, the peer must stop sending"),
	[M_ZWP_ACK] = N_("{1} answers the probe: its window is still 0"),
	[M_WIN_OPEN] = N_("{1}'s window opens again ({2} bytes): the zero window since packet {3} is over"),
	[M_WIN_UPDATE] = N_("{1} updates its window to {2} bytes (window update)"),
	[M_KA_ACK] = N_("{1} answers the keep-alive: it is still there"),
	[M_FIN_ACTIVE] = N_("{1} closes its side (active close): FIN, it has no more data to send"),
	[M_FIN_PASSIVE] = N_("{1} closes too (passive close): FIN after the peer's"),
	[M_FIN_AGAIN] = N_("{1} sends its FIN again, {2} after the first"),
	[M_LAST_ACK] = N_("{1} acknowledges the last FIN: the connection is closed"),
	[M_REFUSED] = N_("{1} refuses the connection (RST): nothing listens on port {2}, or a firewall rejects it"),
	[M_RST_ABORT] = N_("{1} aborts the connection (RST): its application closed with data unread, or gave up; data in flight is lost"),
	[M_RST_AFTER_CLOSE] = N_("{1} resets the connection after the close began (RST)"),
	[M_RST] = N_("{1} resets the connection (RST)"),
	[M_X_DATA] = N_("; it carries {1} bytes (bytes {2}-{3})"),
	[M_X_DATA_1] = N_("; it carries 1 byte (byte {2})"),
	[M_X_LOST] = N_("; the capture misses bytes {1}-{2} before this segment (previous segment not captured)"),
	[M_X_ACK_LOST] = N_("; it acknowledges data the capture never showed (ACKed unseen segment)"),
	[M_X_REUSED] = N_("; the same ports served an earlier connection: this SYN starts a new one"),
	[M_X_WFULL] = N_("; this fills the peer's receive window"),
	[M_X_OFFLOAD] = N_("; checksum not checkable (checksum offload on the capturing host)"),
	[M_X_BADCK] = N_("; bad TCP checksum {1} (should be {2})"),
	[M_X_SNAP] = N_("; captured {1} of {2} bytes"),
	[M_X_UNDECODED] = N_("; not fully decoded: {1}"),
	[M_UDP] = N_("UDP datagram, {1} bytes of data: not TCP"),
	[M_ICMP] = N_("ICMP message: not TCP"),
	[M_ARP] = N_("ARP: finding the Ethernet address of an IP address"),
	[M_IP_OTHER] = N_("IP protocol {1}: not TCP"),
	[M_FRAG] = N_("IP fragment (offset {1} bytes): not reassembled"),
	[M_LINK_OTHER] = N_("ethertype 0x{1}: not IP"),
	[M_LINK_UNKNOWN] = N_("link type {1} not decoded ({2} bytes)"),
	[M_BROKEN] = N_("could not decode: {1}"),
	[M_END_OPEN] = N_("still open when the capture ends"),
	[M_END_FIN] = N_("closed with FIN both ways"),
	[M_END_HALF] = N_("half-closed: FIN from one side only"),
	[M_END_RST] = N_("reset (RST)"),
	[M_END_REFUSED] = N_("refused (RST in answer to the SYN)"),
	[M_FAST_UNSEEN] = N_("{1} resends bytes {2}-{3}; tshark calls this a fast retransmission because the peer acknowledged data the capture never showed, but no duplicate ACKs were seen"),
	[M_OPT_TFO_REQ] = N_(", asks for a Fast Open cookie (RFC 7413)"),
	[M_OPT_TFO] = N_(", presents a Fast Open cookie (RFC 7413)"),
	[M_SYNACK_DATA] = N_("{1} accepts: its ISN is {2}, and ACK {3} acknowledges the client's SYN and the {4} bytes of data it carried"),
	[M_OPT_ECN] = N_(", asks to use ECN (RFC 3168)"),
	[M_OPT_ECN_OK] = N_(", agrees to use ECN"),
	[M_TCP_BROKEN] = N_("TCP segment that could not be decoded: {1}"),
	[M_ARP_WHO] = N_("ARP request: who has {1}? tell {2}"),
	[M_ARP_IS] = N_("ARP reply: {1} is at {2}"),
	[M_TCP_CUT] = N_("; TCP header captured only in part ({1} of {2} bytes), so tshark shows no analysis flags for it"),
	[M_DUPACK_COPY] = N_("{1} repeats ACK {2} (duplicate ACK #{3} of packet {4}): nothing is missing, it answers a segment it already had, sent again or copied"),
};

struct annot_msgs {
	const char	*m[M_COUNT];
};

/* --- fast formatting --------------------------------------------------- */

static const char annot_digits2[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Digits in v, by comparison: no division. */
static size_t
annot_ndigits(uint64_t v)
{
	static const uint64_t pow10[] = {
		10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u,
		100000000u, 1000000000u, 10000000000u, 100000000000u,
		1000000000000u, 10000000000000u, 100000000000000u,
		1000000000000000u, 10000000000000000u, 100000000000000000u,
		1000000000000000000u, 10000000000000000000u
	};
	size_t n = 1;

	while (n < 20 && v >= pow10[n - 1])
		n++;
	return n;
}

/*
 * Written from the end, two digits a division, 32-bit when it fits: this
 * runs a dozen times per packet.
 */
size_t
annot_fmt_u64(char *b, uint64_t v)
{
	size_t n = annot_ndigits(v), k = n;
	uint32_t w;

	b[n] = '\0';
	while (v > UINT32_MAX) {
		unsigned d = (unsigned)(v % 100) * 2;

		v /= 100;
		b[--k] = annot_digits2[d + 1];
		b[--k] = annot_digits2[d];
	}
	w = (uint32_t)v;
	while (w >= 100) {
		unsigned d = (w % 100) * 2;

		w /= 100;
		b[--k] = annot_digits2[d + 1];
		b[--k] = annot_digits2[d];
	}
	if (w >= 10) {
		b[--k] = annot_digits2[w * 2 + 1];
		b[--k] = annot_digits2[w * 2];
	} else
		b[--k] = (char)('0' + w);
	return n;
}

size_t
annot_fmt_i64(char *b, int64_t v)
{
	if (v < 0) {
		b[0] = '-';
		return 1 + annot_fmt_u64(b + 1, (uint64_t)0 - (uint64_t)v);
	}
	return annot_fmt_u64(b, (uint64_t)v);
}

size_t
annot_fmt_time(char *b, int64_t ns, int decimals)
{
	uint64_t u, sec, frac;
	size_t n = 0;

	if (ns < 0) {
		b[n++] = '-';
		u = (uint64_t)0 - (uint64_t)ns;
	} else
		u = (uint64_t)ns;
	sec = u / 1000000000u;
	frac = u % 1000000000u;
	if (decimals == 6)
		frac /= 1000;
	n += annot_fmt_u64(b + n, sec);
	b[n++] = '.';
	for (int i = decimals - 1; i >= 0; i--) {
		b[n + (size_t)i] = (char)('0' + frac % 10);
		frac /= 10;
	}
	n += (size_t)decimals;
	b[n] = '\0';
	return n;
}

/* v in thousandths, as "12.345" trimmed to three significant places. */
static size_t
annot_fmt_milli(char *b, uint64_t v, const char *unit)
{
	size_t n;

	if (v >= 100000)
		n = annot_fmt_u64(b, (v + 500) / 1000);
	else if (v >= 10000) {
		n = annot_fmt_u64(b, v / 1000);
		b[n++] = '.';
		b[n++] = (char)('0' + (v / 100) % 10);
	} else {
		n = annot_fmt_u64(b, v / 1000);
		b[n++] = '.';
		b[n++] = (char)('0' + (v / 100) % 10);
		b[n++] = (char)('0' + (v / 10) % 10);
	}
	b[n++] = ' ';
	memcpy(b + n, unit, strlen(unit) + 1);
	return n + strlen(unit);
}

size_t
annot_fmt_dur(char *b, int64_t ns)
{
	uint64_t u;
	size_t n = 0;

	if (ns < 0) {
		b[n++] = '-';
		u = (uint64_t)0 - (uint64_t)ns;
	} else
		u = (uint64_t)ns;
	if (u == 0)			/* nothing to measure: no "0.00 us" */
		return (size_t)snprintf(b, 8, "0 s");
	if (u < 1000000)		/* under 1 ms: microseconds */
		return n + annot_fmt_milli(b + n, u, "us");
	if (u < 1000000000)
		return n + annot_fmt_milli(b + n, u / 1000, "ms");
	return n + annot_fmt_milli(b + n, u / 1000000, "s");
}

/* --- checksums, fast ------------------------------------------------------ */

/*
 * cksum_add's sum, eight bytes at a time: the one's-complement sum does
 * not care about byte order (RFC 1071 §2(B)), so native words are added
 * and the folded result swapped back.  On whole-packet captures the
 * checksum is a sixth of the run; this makes it a small part.
 */
uint32_t
annot_cksum_add(uint32_t sum, const uint8_t *p, size_t n)
{
	uint64_t acc = 0, v;
	uint32_t w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&v, p + i, 8);
		acc += v;
		acc += acc < v;		/* end-around carry */
	}
	acc = (acc & 0xffffffffu) + (acc >> 32);
	acc = (acc & 0xffffffffu) + (acc >> 32);
	w = (uint32_t)acc;
	w = (w & 0xffff) + (w >> 16);
	w = (w & 0xffff) + (w >> 16);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	w = (uint32_t)((w & 0xff) << 8 | w >> 8);
#endif
	return cksum_add(cksum_fold(sum) + w, p + i, n - i);
}

/* pkt_tcp_cksum_check, with the fast sum. */
static enum pkt_cksum
annot_cksum_check(const struct pkt *p, uint16_t *expected)
{
	const uint8_t *seg;
	uint32_t sum;
	uint16_t pseudo, want;

	*expected = 0;
	if (!p->has_tcp || p->ipver == 0 || p->data == NULL ||
	    p->l4_len < 20 || p->l4_off > p->caplen ||
	    p->l4_len > p->caplen - p->l4_off || p->l4_len > UINT32_MAX)
		return CKSUM_UNCHECKABLE;
	if ((p->ipver == 4 && (p->ip4.mf || p->ip4.frag_offset != 0)) ||
	    (p->ipver == 6 && p->ip6.fragment &&
	    (p->ip6.mf || p->ip6.frag_offset != 0)))
		return CKSUM_UNCHECKABLE;
	seg = p->data + p->l4_off;
	pseudo = cksum_pseudo(&p->src, &p->cksum_dst, 6, (uint32_t)p->l4_len);
	sum = annot_cksum_add(pseudo, seg, 16);
	sum = annot_cksum_add(cksum_fold(sum), seg + 18, p->l4_len - 18);
	want = (uint16_t)~cksum_fold(sum);
	*expected = want;
	if (cksum_fold((uint32_t)cksum_fold(sum) + p->tcp.cksum) == 0xffff)
		return CKSUM_OK;
	if (p->tcp.cksum == pseudo)
		return CKSUM_OFFLOAD;
	return CKSUM_BAD;
}

/* --- the explanation ---------------------------------------------------- */

struct annot_args {
	const char	*v[9];
	char		 buf[9][48];
	int		 n;
};

static const char *
annot_arg_u(struct annot_args *g, uint64_t v)
{
	char *b = g->buf[g->n];

	annot_fmt_u64(b, v);
	g->v[g->n] = b;
	return g->v[g->n++];
}

static const char *
annot_arg_s(struct annot_args *g, const char *s)
{
	g->v[g->n] = s;
	return g->v[g->n++];
}

static const char *
annot_arg_dur(struct annot_args *g, int64_t ns)
{
	char *b = g->buf[g->n];

	annot_fmt_dur(b, ns);
	g->v[g->n] = b;
	return g->v[g->n++];
}

/* Append msg to a's explanation with "{k}" replaced by args->v[k-1]. */
static void
annot_say(struct annot *a, enum annot_msg id, const struct annot_args *g)
{
	const char *t = a->msgs->m[id];
	size_t cap = sizeof(a->explain) - 1, n = a->explain_len;

	while (*t != '\0' && n < cap) {
		if (t[0] == '{' && t[1] >= '1' && t[1] <= '9' && t[2] == '}') {
			int k = t[1] - '1';
			const char *v = g != NULL && k < g->n ? g->v[k] : "?";
			size_t l = strlen(v);

			if (l > cap - n)
				l = cap - n;
			memcpy(a->explain + n, v, l);
			n += l;
			t += 3;
			continue;
		}
		a->explain[n++] = *t++;
	}
	a->explain[n] = '\0';
	a->explain_len = n;
}

static void
annot_say0(struct annot *a, enum annot_msg id)
{
	annot_say(a, id, NULL);
}

static void
annot_problem(struct annot *a, const char *what)
{
	if (a->nproblems >= ANNOT_MAX_PROBLEMS)
		return;
	/* The codec's words may quote bytes from the file. */
	safe_escape(a->problems[a->nproblems++], sizeof(a->problems[0]),
	    what, strlen(what), false);
}

/* "client", "server", or the endpoint when nobody was seen opening. */
const char *
annot_role(const struct annot *a, const struct conn *c, int side)
{
	if (c->client < 0)
		return c->side[side].ep;
	return a->msgs->m[side == c->client ? M_CLIENT : M_SERVER];
}

const char *
annot_end_words(const struct annot *a, const struct conn *c)
{
	static const enum annot_msg ends[] = {
		[CONN_OPEN] = M_END_OPEN, [CONN_FIN] = M_END_FIN,
		[CONN_HALF] = M_END_HALF, [CONN_RST] = M_END_RST,
		[CONN_REFUSED] = M_END_REFUSED
	};

	return a->msgs->m[ends[c->end <= CONN_REFUSED ? c->end : 0]];
}

void
annot_init(struct annot *a, int linktype, const char *linkname,
    uint32_t conn_cap, conn_evict_fn on_evict, void *ctx)
{
	struct annot_msgs *m;

	memset(a, 0, sizeof(*a));
	a->linktype = linktype;
	safe_escape(a->linkname, sizeof(a->linkname), linkname,
	    strlen(linkname), false);
	conn_table_init(&a->conns, conn_cap, on_evict, ctx);
	m = xmalloc(sizeof(*m));
	for (int i = 0; i < M_COUNT; i++)
		m->m[i] = _(annot_en[i]);
	a->msgs = m;
}

void
annot_done(struct annot *a)
{
	conn_table_done(&a->conns);
	free(a->msgs);
	a->msgs = NULL;
}

/* --- TCP ------------------------------------------------------------------ */

static void
annot_syn_options(struct annot *a, const struct conn_side *s)
{
	struct annot_args g = { .n = 0 };

	if (s->mss != 0) {
		annot_arg_u(&g, s->mss);
		annot_say(a, M_OPT_MSS, &g);
	}
	if (s->wscale >= 0) {
		g.n = 0;
		annot_arg_u(&g, (uint64_t)s->wscale);
		annot_arg_u(&g, 1u << (s->wscale > 14 ? 14 : s->wscale));
		annot_say(a, M_OPT_WS, &g);
	}
	if (s->sack_ok)
		annot_say0(a, M_OPT_SACK);
}

static void
annot_note_options(struct conn_side *s, const struct pkt_tcp *t, bool *ts,
    int *tfo)
{
	s->mss = 0;
	s->wscale = -1;
	s->sack_ok = false;
	*ts = false;
	*tfo = 0;
	for (int i = 0; i < t->n_opts; i++) {
		const struct tcp_opt *o = &t->opts[i];

		if (o->kind == TCPOPT_MSS && o->len == 4)
			s->mss = o->u.mss;
		else if (o->kind == TCPOPT_WSCALE && o->len == 3)
			s->wscale = (int8_t)(o->u.wscale > 14 ? 14 : o->u.wscale);
		else if (o->kind == TCPOPT_SACK_PERM)
			s->sack_ok = true;
		else if (o->kind == TCPOPT_TIMESTAMP)
			*ts = true;
		else if (o->kind == TCPOPT_TFO)
			*tfo = o->data_len == 0 ? 1 : 2;
	}
}

static int
annot_wscale_opt(const struct pkt_tcp *t)
{
	for (int i = 0; i < t->n_opts; i++)
		if (t->opts[i].kind == TCPOPT_WSCALE && t->opts[i].len == 3)
			return t->opts[i].u.wscale;
	return -1;
}

/* The SYN and SYN+ACK: who opens, with what, or a second try. */
static void
annot_syn(struct annot *a, struct conn *c, int dir, const struct pkt_tcp *t,
    int64_t ts)
{
	struct conn_side *s = &c->side[dir];
	struct annot_args g = { .n = 0 };
	bool again = s->syn_frame != 0 && s->isn == t->seq, has_ts;
	int tfo;

	if (!(t->flags & TH_ACK) && c->client < 0)
		c->client = (int8_t)dir;
	s->syn_last_ts = ts;
	if (again) {
		annot_arg_s(&g, annot_role(a, c, dir));
		annot_arg_dur(&g, ts - s->syn_ts);
		annot_say(a, (t->flags & TH_ACK) ? M_SYNACK_AGAIN : M_SYN_AGAIN,
		    &g);
		return;
	}
	s->syn_frame = a->frame;
	s->syn_ts = ts;
	s->isn = t->seq;
	annot_note_options(s, t, &has_ts, &tfo);
	annot_arg_s(&g, annot_role(a, c, dir));
	if ((t->flags & TH_ACK) && a->rel_ack > 1 &&
	    c->side[!dir].syn_frame != 0) {
		/* Fast Open: the SYN carried data, acknowledged here. */
		annot_arg_u(&g, t->seq);
		annot_arg_u(&g, a->rel_ack);
		annot_arg_u(&g, a->rel_ack - 1);
		annot_say(a, M_SYNACK_DATA, &g);
	} else if (t->flags & TH_ACK) {
		annot_arg_u(&g, t->seq);
		annot_arg_u(&g, a->rel_ack);
		annot_say(a, M_SYNACK, &g);
	} else {
		annot_arg_s(&g, c->side[!dir].ep);
		annot_arg_u(&g, t->seq);
		annot_say(a, M_SYN, &g);
	}
	annot_syn_options(a, s);
	if (has_ts)
		annot_say0(a, M_OPT_TS);
	if (tfo != 0)
		annot_say0(a, tfo == 1 ? M_OPT_TFO_REQ : M_OPT_TFO);
	/* ECN setup (RFC 3168 §6.1.1): ECE and CWR on the SYN, ECE alone
	 * on the SYN+ACK. */
	if (!(t->flags & TH_ACK) &&
	    (t->flags & (TH_ECE | TH_CWR)) == (TH_ECE | TH_CWR))
		annot_say0(a, M_OPT_ECN);
	else if ((t->flags & TH_ACK) &&
	    (t->flags & (TH_ECE | TH_CWR)) == TH_ECE)
		annot_say0(a, M_OPT_ECN_OK);
	if (a->seglen > 0) {
		g.n = 0;
		annot_arg_u(&g, a->seglen);
		annot_arg_u(&g, 1);
		annot_arg_u(&g, a->seglen);
		annot_say(a, a->seglen == 1 ? M_X_DATA_1 : M_X_DATA, &g);
	}
}

static void
annot_rst(struct annot *a, struct conn *c, int dir)
{
	struct conn_side *s = &c->side[dir], *p = &c->side[!dir];
	struct annot_args g = { .n = 0 };

	if (s->rst_frame == 0)
		s->rst_frame = a->frame;
	annot_arg_s(&g, annot_role(a, c, dir));
	if (p->syn_frame != 0 && s->syn_frame == 0 && !c->established) {
		annot_arg_u(&g, c->port[dir]);
		annot_say(a, M_REFUSED, &g);
		c->end = CONN_REFUSED;
		return;
	}
	c->end = CONN_RST;
	if (s->fin_frame != 0 || p->fin_frame != 0)
		annot_say(a, M_RST_AFTER_CLOSE, &g);
	else if (c->established || s->bytes > 0 || p->bytes > 0)
		annot_say(a, M_RST_ABORT, &g);
	else
		annot_say(a, M_RST, &g);
}

static void
annot_fin(struct annot *a, struct conn *c, int dir, int64_t ts)
{
	struct conn_side *s = &c->side[dir], *p = &c->side[!dir];
	struct annot_args g = { .n = 0 };

	annot_arg_s(&g, annot_role(a, c, dir));
	if (s->fin_frame != 0 && (a->flags & TA_RETRANSMISSION)) {
		annot_arg_dur(&g, ts - s->fin_ts);
		annot_say(a, M_FIN_AGAIN, &g);
		return;
	}
	if (s->fin_frame == 0) {
		s->fin_frame = a->frame;
		s->fin_ts = ts;
	}
	if (p->fin_frame == 0) {
		s->active_close = true;
		annot_say(a, M_FIN_ACTIVE, &g);
	} else
		annot_say(a, M_FIN_PASSIVE, &g);
	if (c->end != CONN_RST && c->end != CONN_REFUSED)
		c->end = p->fin_frame != 0 ? CONN_FIN : CONN_HALF;
}

/* Data: new bytes, or one of tshark's retransmission kinds. */
static void
annot_data(struct annot *a, struct conn *c, int dir)
{
	struct annot_args g = { .n = 0 };
	uint32_t first = a->rel_seq, last = a->rel_seq + a->seglen - 1;
	const struct conn_side *p = &c->side[!dir];
	uint32_t f = a->ta.flags;

	annot_arg_s(&g, annot_role(a, c, dir));
	if (f & TA_ZERO_WINDOW_PROBE) {
		annot_say(a, M_ZWP, &g);
		return;
	}
	if (f & TA_KEEP_ALIVE) {
		annot_say(a, c->ta.flow[!dir].window == 0 || p->zero_frame != 0 ?
		    M_PERSIST : M_KEEPALIVE, &g);
		return;
	}
	annot_arg_u(&g, first);
	annot_arg_u(&g, last);
	if ((f & TA_FAST_RETRANSMISSION) &&
	    c->ta.flow[!dir].dupacknum == TA_DUPACK_UNSEEN)
		annot_say(a, M_FAST_UNSEEN, &g);
	else if (f & TA_FAST_RETRANSMISSION) {
		annot_arg_u(&g, c->ta.flow[!dir].dupacknum);
		annot_say(a, M_FAST, &g);
	} else if (f & TA_SPURIOUS_RETRANSMISSION)
		annot_say(a, M_SPURIOUS, &g);
	else if (f & TA_OUT_OF_ORDER) {
		annot_arg_u(&g, a->prev_next - c->ta.flow[dir].base_seq - 1);
		annot_say(a, M_OOO, &g);
	} else if (f & TA_RETRANSMISSION) {
		annot_arg_dur(&g, a->ta.rto_ns);
		annot_arg_u(&g, a->ta.rto_frame);
		/* Within a microsecond no sender's timer has fired: the
		   segment was copied on the way or by the capture. */
		if (a->ta.rto_ns < 1000)
			annot_say(a, M_RETRANS_COPY, &g);
		else
			annot_say(a, M_RETRANS, &g);
	} else {
		g.n = 1;
		annot_arg_u(&g, a->seglen);
		annot_arg_u(&g, first);
		annot_arg_u(&g, last);
		annot_say(a, a->seglen == 1 ? M_DATA_1 : M_DATA, &g);
	}
}

static void
annot_sack(struct annot *a, const struct pkt_tcp *t, uint32_t base)
{
	struct annot_args g = { .n = 0 };

	for (int i = 0; i < t->n_opts; i++) {
		const struct tcp_opt *o = &t->opts[i];

		if (o->kind != TCPOPT_SACK || o->u.sack.n == 0)
			continue;
		annot_arg_u(&g, o->u.sack.left[0] - base);
		annot_arg_u(&g, o->u.sack.right[0] - base - 1);
		annot_say(a, M_SACK, &g);
		return;
	}
}

/* A segment without data, SYN, FIN or RST. */
static void
annot_bare_ack(struct annot *a, struct conn *c, int dir,
    const struct pkt_tcp *t)
{
	struct conn_side *s = &c->side[dir], *p = &c->side[!dir];
	struct annot_args g = { .n = 0 };
	uint32_t f = a->ta.flags;

	annot_arg_s(&g, annot_role(a, c, dir));
	if (f & TA_KEEP_ALIVE) {
		annot_say(a, c->ta.flow[!dir].window == 0 || p->zero_frame != 0 ?
		    M_PERSIST : M_KEEPALIVE, &g);
	} else if (f & TA_ZERO_WINDOW_PROBE_ACK)
		annot_say(a, M_ZWP_ACK, &g);
	else if (f & TA_ZERO_WINDOW)
		annot_say(a, M_ZERO, &g);
	else if (f & TA_KEEP_ALIVE_ACK)
		annot_say(a, M_KA_ACK, &g);
	else if (f & TA_DUPLICATE_ACK) {
		annot_arg_u(&g, a->rel_ack);
		annot_arg_u(&g, a->ta.dupack_num);
		annot_arg_u(&g, a->ta.dupack_frame);
		/* A hole only if the peer sent beyond the ACK: else this
		 * answers a copy (a SYN+ACK sent again, a segment
		 * duplicated on the way). */
		annot_say(a, t->ack == c->ta.flow[!dir].nextseq ?
		    M_DUPACK_COPY : M_DUPACK, &g);
		annot_sack(a, t, c->ta.flow[!dir].base_seq);
	} else if (s->zero_frame != 0 && t->win != 0) {
		annot_arg_u(&g, a->win_scaled);
		annot_arg_u(&g, s->zero_frame);
		annot_say(a, M_WIN_OPEN, &g);
	} else if (f & TA_WINDOW_UPDATE) {
		annot_arg_u(&g, a->win_scaled);
		annot_say(a, M_WIN_UPDATE, &g);
	} else if (p->fin_frame > s->fin_frame && s->fin_frame != 0 &&
	    (t->flags & TH_ACK) && t->ack == c->ta.flow[!dir].nextseq)
		/* Both FINs seen, the peer's last: this ACK ends it all. */
		annot_say(a, M_LAST_ACK, &g);
	else if (t->flags & TH_ACK) {
		annot_arg_u(&g, a->rel_ack);
		annot_say(a, M_ACK, &g);
	} else
		annot_say(a, M_RST, &g);
}

static void
annot_extras(struct annot *a, struct conn *c, int dir)
{
	struct annot_args g = { .n = 0 };
	const struct pkt *p = &a->pkt;
	char b1[8], b2[8];
	static const char hex[] = "0123456789abcdef";

	if (a->flags & TA_REUSED_PORTS)
		annot_say0(a, M_X_REUSED);
	if (a->flags & TA_LOST_SEGMENT) {
		annot_arg_u(&g, a->prev_next - c->ta.flow[dir].base_seq);
		annot_arg_u(&g, a->rel_seq - 1);
		annot_say(a, M_X_LOST, &g);
		g.n = 0;
	}
	if (a->flags & TA_ACK_LOST_SEGMENT)
		annot_say0(a, M_X_ACK_LOST);
	if (a->flags & TA_WINDOW_FULL)
		annot_say0(a, M_X_WFULL);
	if (a->cksum == CKSUM_OFFLOAD)
		annot_say0(a, M_X_OFFLOAD);
	else if (a->cksum == CKSUM_BAD) {
		b1[0] = b2[0] = '0';
		b1[1] = b2[1] = 'x';
		for (int i = 0; i < 4; i++) {
			b1[2 + i] = hex[(p->tcp.cksum >> (12 - 4 * i)) & 0xf];
			b2[2 + i] = hex[(a->cksum_expected >> (12 - 4 * i)) & 0xf];
		}
		b1[6] = b2[6] = '\0';
		annot_arg_s(&g, b1);
		annot_arg_s(&g, b2);
		annot_say(a, M_X_BADCK, &g);
	}
}

/*
 * Count the bytes of data beyond the highest sent so far: what the
 * application handed over, however often resent (tcptrace's "unique bytes
 * sent").  Counted step by step, so a transfer past 4 GiB, whose sequence
 * numbers wrap, is still counted whole.  Without a SYN the count starts at
 * the first data seen.
 */
static void
annot_unique(struct conn_side *s, const struct pkt_tcp *t, uint32_t len)
{
	uint32_t start = t->seq + ((t->flags & TH_SYN) ? 1 : 0), end;

	if ((t->flags & TH_SYN) && !s->data_hi_set) {
		s->data_hi = start;
		s->data_hi_set = true;
	}
	if (len == 0 || (t->flags & TH_RST))
		return;
	if (!s->data_hi_set) {
		s->data_hi = start;
		s->data_hi_set = true;
	}
	end = start + len;
	if (seq_gt(end, s->data_hi)) {
		s->unique_bytes += end - s->data_hi;
		s->data_hi = end;
	}
}

static void
annot_tcp(struct annot *a, int64_t ts)
{
	struct pkt *p = &a->pkt;
	const struct pkt_tcp *t = &p->tcp;
	struct ta_seg seg;
	struct conn *c;
	struct conn_side *s;
	uint32_t extra = 0;
	bool created;
	int dir;

	c = conn_lookup(&a->conns, &p->src, t->sport, &p->dst, t->dport, &dir,
	    &created);
	seg.frame = a->frame;
	seg.ts = ts;
	seg.seq = t->seq;
	seg.ack = t->ack;
	/* An IP length beyond the frame counts only what the frame holds,
	 * as Wireshark does (its reported length). */
	seg.seglen = (uint32_t)t->payload_len;
	if (a->wirelen < t->payload_off)
		seg.seglen = 0;
	else if (seg.seglen > a->wirelen - t->payload_off)
		seg.seglen = (uint32_t)(a->wirelen - t->payload_off);
	seg.flags = t->flags;
	seg.win = t->win;
	seg.wscale = (t->flags & TH_SYN) ? annot_wscale_opt(t) : -1;
	if (!created && ta_syn_reuses_ports(&c->ta, dir, &seg)) {
		conn_restart(&a->conns, c, &p->src, t->sport);
		dir = 0;
		if (t->flags & TH_ACK)
			c->client = 1;	/* side 0 answers a SYN not seen */
		created = true;
		extra = TA_REUSED_PORTS;
	}
	if (created) {
		c->first_frame = a->frame;
		c->first_ts = ts;
	}
	c->last_frame = a->frame;
	c->last_ts = ts;
	a->prev_next = c->ta.flow[dir].nextseq;
	ta_analyze(&c->ta, dir, &seg, extra, &a->ta);
	a->conn = c;
	a->dir = dir;
	a->flags = ta_filter_flags(a->ta.flags);
	a->seglen = seg.seglen;
	a->rel_seq = t->seq - c->ta.flow[dir].base_seq;
	a->rel_ack = c->ta.flow[!dir].base_set ?
	    t->ack - c->ta.flow[!dir].base_seq : t->ack;
	a->win_scaled = ta_scaled_window(&c->ta, dir, &seg);
	a->scaled = a->win_scaled != t->win;
	a->cksum = annot_cksum_check(p, &a->cksum_expected);

	s = &c->side[dir];
	s->pkts++;
	s->bytes += seg.seglen;
	annot_unique(s, t, seg.seglen);
	if (a->flags & TA_RETRANSMISSION) {
		s->retrans++;
		s->retrans_bytes += seg.seglen;
	}
	if (a->flags & TA_DUPLICATE_ACK)
		s->dupacks++;

	if (t->flags & TH_RST)
		annot_rst(a, c, dir);
	else if (t->flags & TH_SYN)
		annot_syn(a, c, dir, t, ts);
	else if (t->flags & TH_FIN) {
		if (seg.seglen > 0 && !(a->flags & TA_RETRANSMISSION)) {
			annot_data(a, c, dir);
			a->explain[a->explain_len++] = ';';
			a->explain[a->explain_len++] = ' ';
			a->explain[a->explain_len] = '\0';
		}
		annot_fin(a, c, dir, ts);
	} else if (!c->established && c->client == dir &&
	    c->side[!dir].syn_frame != 0 && (t->flags & TH_ACK) &&
	    t->ack == c->side[!dir].isn + 1) {
		struct annot_args g = { .n = 0 };

		c->established = true;
		c->hs_rtt = ts - s->syn_last_ts;
		annot_arg_s(&g, annot_role(a, c, dir));
		annot_arg_dur(&g, c->hs_rtt);
		annot_say(a, M_HS_DONE, &g);
		if (seg.seglen > 0) {
			g.n = 0;
			annot_arg_u(&g, seg.seglen);
			annot_arg_u(&g, a->rel_seq);
			annot_arg_u(&g, a->rel_seq + seg.seglen - 1);
			annot_say(a, seg.seglen == 1 ? M_X_DATA_1 : M_X_DATA,
			    &g);
		}
	} else if (seg.seglen > 0)
		annot_data(a, c, dir);
	else
		annot_bare_ack(a, c, dir, t);

	/* The window's story, whatever else the segment did. */
	if ((a->ta.flags & TA_ZERO_WINDOW) && s->zero_frame == 0)
		s->zero_frame = a->frame;
	else if (t->win != 0 && !(t->flags & (TH_SYN | TH_RST)))
		s->zero_frame = 0;
	if (seg.seglen > 0 && (a->ta.flags & (TA_KEEP_ALIVE |
	    TA_ZERO_WINDOW_PROBE)))
		s->ka_frame = a->frame;
	annot_extras(a, c, dir);
}

/* --- every packet ----------------------------------------------------------- */

/* ARP for IPv4 over Ethernet (RFC 826): who asks for whom, or the answer. */
static void
annot_arp(struct annot *a)
{
	const struct pkt *p = &a->pkt;
	struct annot_args g = { .n = 0 };
	struct pkt_addr spa = { .family = 4 }, tpa = { .family = 4 };
	uint8_t sha[6];
	char b1[48], b2[48];
	struct cursor c;
	size_t off, n;
	uint16_t htype, ptype, op;

	if (p->linktype == PKT_LINK_ETHERNET)
		off = 14 + 4 * (size_t)p->eth.vlan_depth;
	else if (p->linktype == PKT_LINK_SLL)
		off = 16;
	else if (p->linktype == PKT_LINK_SLL2)
		off = 20;
	else
		off = p->caplen;
	cursor_init(&c, p->data, p->caplen);
	cursor_skip(&c, off);
	htype = cursor_be16(&c);
	ptype = cursor_be16(&c);
	if (cursor_u8(&c) != 6 || cursor_u8(&c) != 4 || htype != 1 ||
	    ptype != 0x0800) {
		annot_say0(a, M_ARP);
		return;
	}
	op = cursor_be16(&c);
	cursor_bytes(&c, sha, 6);
	cursor_bytes(&c, spa.a, 4);
	cursor_skip(&c, 6);
	cursor_bytes(&c, tpa.a, 4);
	if (c.trunc || (op != 1 && op != 2)) {
		annot_say0(a, M_ARP);
		return;
	}
	if (op == 1) {
		b1[conn_fmt_addr(b1, &tpa)] = '\0';
		b2[conn_fmt_addr(b2, &spa)] = '\0';
	} else {
		static const char hex[] = "0123456789abcdef";

		b1[conn_fmt_addr(b1, &spa)] = '\0';
		for (n = 0; n < 6; n++) {
			b2[3 * n] = hex[sha[n] >> 4];
			b2[3 * n + 1] = hex[sha[n] & 0xf];
			b2[3 * n + 2] = n < 5 ? ':' : '\0';
		}
	}
	annot_arg_s(&g, b1);
	annot_arg_s(&g, b2);
	annot_say(a, op == 1 ? M_ARP_WHO : M_ARP_IS, &g);
}

static void
annot_not_tcp(struct annot *a)
{
	const struct pkt *p = &a->pkt;
	struct annot_args g = { .n = 0 };
	char hx[8];
	static const char hex[] = "0123456789abcdef";

	if (p->ipver != 0) {
		bool frag = (p->ipver == 4 && p->ip4.frag_offset != 0) ||
		    (p->ipver == 6 && p->ip6.fragment &&
		    p->ip6.frag_offset != 0);

		if (frag) {
			a->kind = ANNOT_IP_OTHER;
			annot_arg_u(&g, (uint64_t)(p->ipver == 4 ?
			    p->ip4.frag_offset : p->ip6.frag_offset) * 8);
			annot_say(a, M_FRAG, &g);
		} else if (p->proto == 6 || (p->l4_off == 0 &&
		    (p->problem.status == PKT_TRUNC ||
		    p->problem.status == PKT_INVALID))) {
			/* The transport header is missing or wrong, or the IP
			 * header chain: say why, rather than "not TCP". */
			a->kind = ANNOT_BROKEN;
			if (a->nproblems == 0)
				annot_problem(a, p->problem.what[0] != '\0' ?
				    p->problem.what : "?");
			annot_arg_s(&g, a->problems[0]);
			annot_say(a, p->proto == 6 ? M_TCP_BROKEN : M_BROKEN, &g);
		} else if (p->proto == 17) {
			a->kind = ANNOT_UDP;
			annot_arg_u(&g, p->l4_len >= 8 ? p->l4_len - 8 : 0);
			annot_say(a, M_UDP, &g);
		} else if (p->proto == 1 || p->proto == 58) {
			a->kind = ANNOT_ICMP;
			annot_say0(a, M_ICMP);
		} else {
			a->kind = ANNOT_IP_OTHER;
			annot_arg_u(&g, p->proto);
			annot_say(a, M_IP_OTHER, &g);
		}
		return;
	}
	if (p->problem.status == PKT_UNSUPPORTED && p->ethertype == 0) {
		a->kind = ANNOT_LINK_UNKNOWN;
		annot_arg_s(&g, a->linkname);
		annot_arg_u(&g, a->caplen);
		annot_say(a, M_LINK_UNKNOWN, &g);
		return;
	}
	if (p->ethertype == 0x0806) {
		a->kind = ANNOT_ARP;
		annot_arp(a);
		return;
	}
	if (p->problem.status == PKT_TRUNC || p->problem.status == PKT_INVALID) {
		a->kind = ANNOT_BROKEN;
		annot_arg_s(&g, a->problems[0]);
		annot_say(a, M_BROKEN, &g);
		return;
	}
	a->kind = ANNOT_LINK_OTHER;
	for (int i = 0; i < 4; i++)
		hx[i] = hex[(p->ethertype >> (12 - 4 * i)) & 0xf];
	hx[4] = '\0';
	annot_arg_s(&g, hx);
	annot_say(a, M_LINK_OTHER, &g);
}

void
annot_packet(struct annot *a, uint64_t frame, int64_t sec, uint32_t nsec,
    const uint8_t *data, uint32_t caplen, uint32_t wirelen)
{
	struct pkt *p = &a->pkt;
	int64_t ts;
	int rc;

	/*
	 * A pcapng timestamp can be anything: keep it within 2^32 s of
	 * the epoch (136 years), so that every difference of two fits in
	 * int64 nanoseconds.
	 */
	if (sec > INT64_C(4294967295))
		sec = INT64_C(4294967295);
	else if (sec < -INT64_C(4294967295))
		sec = -INT64_C(4294967295);
	ts = sec * 1000000000 + (int64_t)(nsec % 1000000000u);
	a->packets++;
	a->frame = frame;
	if (!a->have_t0) {
		a->t0 = ts;
		a->have_t0 = true;
	}
	a->rel_ns = ts - a->t0;
	a->caplen = caplen;
	a->wirelen = wirelen;
	a->conn = NULL;
	a->flags = 0;
	a->cut = false;
	a->explain_len = 0;
	a->explain[0] = '\0';
	a->nproblems = 0;
	a->cksum = CKSUM_UNCHECKABLE;
	rc = pkt_decode(p, a->linktype, data, caplen, wirelen);
	if (rc != 0 && p->problem.status != PKT_UNSUPPORTED)
		annot_problem(a, p->problem.what);
	if (p->has_tcp && p->tcp.doff >= 5 &&
	    (size_t)p->tcp.doff * 4 <= p->l4_len) {
		a->kind = ANNOT_TCP;
		annot_tcp(a, ts);
		a->cut = p->tcp.off + (size_t)p->tcp.doff * 4 > caplen;
		if (a->cut) {
			/*
			 * tshark analyses such a packet (its state moves on)
			 * but stops at the options, before it shows the
			 * flags: they are not reported, only explained.
			 */
			struct annot_args g = { .n = 0 };

			a->flags = 0;
			annot_arg_u(&g, caplen > p->tcp.off ?
			    caplen - p->tcp.off : 0);
			annot_arg_u(&g, (uint64_t)p->tcp.doff * 4);
			annot_say(a, M_TCP_CUT, &g);
		}
		for (uint32_t f = a->flags; f != 0; f &= f - 1)
			a->counts[__builtin_ctz(f)]++;
		if (rc != 0 && p->problem.status == PKT_INVALID) {
			struct annot_args g = { .n = 0 };

			annot_arg_s(&g, a->problems[0]);
			annot_say(a, M_X_UNDECODED, &g);
		}
	} else
		annot_not_tcp(a);
	if (caplen < wirelen && a->kind != ANNOT_LINK_UNKNOWN) {
		struct annot_args g = { .n = 0 };

		annot_arg_u(&g, caplen);
		annot_arg_u(&g, wirelen);
		annot_say(a, M_X_SNAP, &g);
	}
}
