/*
 * pkt_print: tcpdump's and tshark's one-line views of a TCP packet, after
 * tcpdump 4.99's print-tcp.c (tcp_print) and Wireshark 4.0's packet-tcp.c
 * (the COL_INFO appends of dissect_tcp and its option dissectors).
 */
#include "pkt_print.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pkt_priv.h"

/* An append-only string in a caller's buffer: cut, never overrun. */
struct pp_buf {
	char	*p;
	size_t	 cap, len;
};

static void
pp_cat(struct pp_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
pp_cat(struct pp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->len + 1 >= b->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b->len = (size_t)n >= b->cap - b->len ? b->cap - 1 : b->len + (size_t)n;
}

static bool
pp_init(struct pp_buf *b, char *buf, size_t len)
{
	b->p = buf;
	b->cap = len;
	b->len = 0;
	if (buf == NULL || len == 0)
		return false;
	buf[0] = '\0';
	return true;
}

/* "IP 192.0.2.10.49152 > 192.0.2.20.80: " or without ports. */
static void
pp_addrs(struct pp_buf *b, const struct pkt *p, bool ports, uint16_t sport,
    uint16_t dport)
{
	char s[64], d[64];

	pkt_addr_str(&p->src, s, sizeof(s));
	pkt_addr_str(&p->dst, d, sizeof(d));
	if (ports)
		pp_cat(b, "%s.%u > %s.%u: ", s, sport, d, dport);
	else
		pp_cat(b, "%s > %s: ", s, d);
}

/* Big-endian 16 bits of the record at off (checked by the decoder). */
static unsigned
pp_be16(const struct pkt *p, size_t off)
{
	return (unsigned)(p->data[off] << 8 | p->data[off + 1]);
}

/*
 * tcpdump names each IPv6 extension header between the addresses and the
 * ports (ip6_print): "HBH ", "DSTOPT ", "RT6 (...) ", "frag (off|len) ".
 * False after a later fragment, which ends the line.
 */
static bool
pp_ip6_exts(struct pp_buf *b, const struct pkt *p)
{
	const struct pkt_ipv6 *h = &p->ip6;
	struct pkt_addr a = { 6, { 0 } };
	size_t off, end, n, i;
	char s[64];
	int k;

	end = p->ip_off + 40 + h->plen;
	for (k = 0; k < h->n_ext; k++) {
		off = h->ext_off[k];
		/* Decoded whole, but the view never trusts that blindly. */
		if (off > p->caplen || p->caplen - off < 8 ||
		    (h->ext[k] == 43 && (size_t)(p->data[off + 1] + 1) * 8 >
		    p->caplen - off))
			return false;
		switch (h->ext[k]) {
		case 0:
			pp_cat(b, "HBH ");
			break;
		case 60:
			pp_cat(b, "DSTOPT ");
			break;
		case 43:
			n = p->data[off + 1];
			pp_cat(b, "RT6 (len=%zu, type=%u%s, segleft=%u", n,
			    p->data[off + 2], p->data[off + 2] == 0 ?
			    " [Deprecated]" : "", p->data[off + 3]);
			if (p->data[off + 2] == 0 || p->data[off + 2] == 2)
				for (i = 0; i < n / 2; i++) {
					memcpy(a.a, p->data + off + 8 + 16 * i,
					    16);
					pp_cat(b, ", [%zu]%s", i,
					    pkt_addr_str(&a, s, sizeof(s)));
				}
			pp_cat(b, ") ");
			break;
		case 44:
			pp_cat(b, "frag (%u|%zu)", pp_be16(p, off + 2) & 0xfff8,
			    end > off + 8 ? end - off - 8 : 0);
			if (h->frag_offset != 0)
				return false;
			pp_cat(b, " ");
			break;
		default:
			break;
		}
	}
	return true;
}

/*
 * What tcpdump prints before the TCP header: "IP ", its complaint about a
 * length past the frame, the addresses, and for IPv6 the extension headers.
 * False when tcpdump goes no further.
 */
static bool
pp_ip_prefix(struct pp_buf *b, const struct pkt *p, uint16_t sp,
    uint16_t dp)
{
	size_t wire = p->link_end > p->ip_off ? p->link_end - p->ip_off : 0;
	size_t tot;

	if (p->ipver == 4) {
		pp_cat(b, "IP ");
		/* tcpdump 4.99 does not guess a TSO length for 0 */
		if (p->ip4.tot_len < (size_t)p->ip4.ihl * 4) {
			pp_cat(b, "bad-len %u", p->ip4.tot_len);
			return false;
		}
		if (p->ip4.tot_len > wire)
			pp_cat(b, "truncated-ip - %zu bytes missing! ",
			    p->ip4.tot_len - wire);
		pp_addrs(b, p, true, sp, dp);
		return true;
	}
	pp_cat(b, "IP6 ");
	tot = 40 + (size_t)p->ip6.plen;
	if (p->ip6.plen != 0 && tot > wire)
		pp_cat(b, "truncated-ip6 - %zu bytes missing!", tot - wire);
	if (p->ip6.n_ext == 0) {
		pp_addrs(b, p, true, sp, dp);
		return true;
	}
	pp_addrs(b, p, false, 0, 0);
	if (!pp_ip6_exts(b, p))
		return false;
	pp_cat(b, "%u > %u: ", sp, dp);
	return true;
}

static void
pp_not_tcp(struct pp_buf *b, const struct pkt *p)
{
	if (p->ipver == 0) {
		pp_cat(b, "%s", p->problem.status != PKT_OK ? p->problem.what :
		    p->ethertype == 0x0806 ? "ARP" : "not IP");
		return;
	}
	if (p->has_udp) {
		pp_cat(b, "%s ", p->ipver == 6 ? "IP6" : "IP");
		pp_addrs(b, p, true, p->udp.sport, p->udp.dport);
		pp_cat(b, "UDP, length %u", p->udp.len >= 8 ?
		    p->udp.len - 8 : 0);
		return;
	}
	pp_cat(b, "%s ", p->ipver == 6 ? "IP6" : "IP");
	pp_addrs(b, p, false, 0, 0);
	/* A later fragment: tcpdump names the protocol and stops. */
	if (p->ipver == 4 && p->ip4.frag_offset != 0) {
		pp_cat(b, "ip-proto-%u", p->proto);
		return;
	}
	if (p->ipver == 6 && !pp_ip6_exts(b, p))
		return;
	if (p->problem.status != PKT_OK)
		pp_cat(b, "%s", p->problem.what);
	else
		pp_cat(b, "ip-proto-%u %zu", p->proto, p->l4_len);
}

/*
 * A TCP header cut by the capture before its fixed 20 bytes: tcpdump gets
 * as far as the ports, if they are there.
 */
static bool
pp_tcp_cut(struct pp_buf *b, const struct pkt *p)
{
	const uint8_t *d;
	char s[64], d2[64];

	if (p->ipver == 0 || p->proto != 6 || p->problem.status != PKT_TRUNC ||
	    p->l4_off > p->caplen)
		return false;
	d = p->data + p->l4_off;
	if (p->caplen - p->l4_off >= 4) {
		if (pp_ip_prefix(b, p, (uint16_t)(d[0] << 8 | d[1]),
		    (uint16_t)(d[2] << 8 | d[3])))
			pp_cat(b, " [|tcp]");
		return true;
	}
	pp_cat(b, "%s %s > %s: [|tcp]", p->ipver == 6 ? "IP6" : "IP",
	    pkt_addr_str(&p->src, s, sizeof(s)),
	    pkt_addr_str(&p->dst, d2, sizeof(d2)));
	return true;
}

/* ", options [...]"; false when the line ends inside (bad or cut). */
static bool
pp_opts(struct pp_buf *b, const struct pkt *p, uint32_t sack_base)
{
	const struct pkt_tcp *t = &p->tcp;
	size_t start = t->off + 20, cap;
	enum tcp_opts_end e;

	cap = p->caplen > start ? p->caplen - start : 0;
	pp_cat(b, ", options [");
	if (b->len + 1 < b->cap)
		e = tcp_opts_tcpdump(b->p, b->cap, &b->len, p->data + start,
		    cap, (size_t)t->doff * 4 - 20, t->flags, sack_base);
	else
		e = TCP_OPTS_OK;
	if (e != TCP_OPTS_OK)
		return false;
	pp_cat(b, "]");
	return true;
}

const char *
pkt_print_tcpdump(const struct pkt *p, const struct pkt_print_ctx *ctx,
    char *buf, size_t len)
{
	const struct pkt_tcp *t = &p->tcp;
	struct pp_buf b;
	char s[128];
	uint32_t seq = t->seq, ack = t->ack, sack_base = 0;
	size_t hl, cap;
	bool rel;

	if (!pp_init(&b, buf, len))
		return "";
	if (!p->has_tcp) {
		if (!pp_tcp_cut(&b, p))
			pp_not_tcp(&b, p);
		return buf;
	}
	/* print-tcp.c tracks a connection from its first ACK, SYN aside. */
	rel = ctx != NULL && ctx->relative && (t->flags & TH_ACK) &&
	    !(t->flags & TH_SYN);
	if (rel) {
		seq -= ctx->isn_src;
		ack -= ctx->isn_dst;
		sack_base = ctx->isn_dst;
	}
	if (!pp_ip_prefix(&b, p, t->sport, t->dport))
		return buf;
	/* tcp_print's checks of the data offset, before and after Flags. */
	hl = (size_t)t->doff * 4;
	if (hl < 20) {
		pp_cat(&b, " tcp %u [bad hdr length %zu - too short, < 20]",
		    (unsigned)(p->l4_len - hl), hl);
		return buf;
	}
	pp_cat(&b, "Flags %s", tcp_flags_tcpdump(t->flags, s, sizeof(s)));
	if (hl > p->l4_len) {
		pp_cat(&b, " [bad hdr length %zu - too long, > %zu]", hl,
		    p->l4_len);
		return buf;
	}
	if (t->payload_len > 0 || (t->flags & (TH_SYN | TH_FIN | TH_RST))) {
		pp_cat(&b, ", seq %u", seq);
		if (t->payload_len > 0)
			pp_cat(&b, ":%u", (uint32_t)(seq + t->payload_len));
	}
	if (t->flags & TH_ACK)
		pp_cat(&b, ", ack %u", ack);
	pp_cat(&b, ", win %u", t->win);
	if (t->flags & TH_URG)
		pp_cat(&b, ", urg %u", t->urp);
	if (hl > 20 && !pp_opts(&b, p, sack_base))
		return buf;
	pp_cat(&b, ", length %zu", t->payload_len);
	/* tcp_print's check before it decodes the payload. */
	cap = p->caplen > t->off ? p->caplen - t->off : 0;
	if (t->payload_len > 0 && cap < hl)
		pp_cat(&b, " [remaining caplen(%zu) < header length(%zu)] "
		    "[|tcp]", cap, hl);
	return buf;
}

/* Wireshark's tcp_flags_to_str: names low bit first, then AE. */
static void
pp_tshark_flags(struct pp_buf *b, const struct pkt_tcp *t)
{
	static const char *const names[8] = {
		"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"
	};
	bool any = false;
	int i;

	pp_cat(b, "[");
	for (i = 0; i < 8; i++)
		if (t->flags & (1u << i)) {
			pp_cat(b, "%s%s", any ? ", " : "", names[i]);
			any = true;
		}
	if (t->reserved & 0x01) {	/* AE, RFC 9768 */
		pp_cat(b, "%sAE", any ? ", " : "");
		any = true;
	}
	if (t->reserved & 0x0e) {	/* the three bits still reserved */
		pp_cat(b, "%sReserved", any ? ", " : "");
		any = true;
	}
	pp_cat(b, "%s]", any ? "" : "<None>");
}

/* TFO=R for a cookie request, TFO=C for a cookie (kind 34 or 254/F989). */
static void
pp_tshark_tfo(struct pp_buf *b, size_t cookie_len)
{
	pp_cat(b, " TFO=%c", cookie_len == 0 ? 'R' : 'C');
}

static void
pp_tshark_opts(struct pp_buf *b, const struct pkt_tcp *t, uint32_t sack_base)
{
	int i, k;
	const struct tcp_opt *o;

	for (i = 0; i < t->n_opts; i++) {
		o = &t->opts[i];
		/* A malformed option ends what Wireshark lists. */
		if (!tcp_opt_valid(o))
			break;
		switch (o->kind) {
		case TCPOPT_MSS:
			pp_cat(b, " MSS=%u", o->u.mss);
			break;
		case TCPOPT_WSCALE:
			pp_cat(b, " WS=%u", 1u << (o->u.wscale > 14 ? 14 :
			    o->u.wscale));
			break;
		case TCPOPT_SACK_PERM:
			pp_cat(b, " SACK_PERM");
			break;
		case TCPOPT_TIMESTAMP:
			pp_cat(b, " TSval=%u TSecr=%u", o->u.ts.val,
			    o->u.ts.ecr);
			break;
		case TCPOPT_SACK:
			for (k = 0; k < o->u.sack.n && k < TCP_MAX_SACK; k++)
				pp_cat(b, " SLE=%u SRE=%u",
				    o->u.sack.left[k] - sack_base,
				    o->u.sack.right[k] - sack_base);
			break;
		case TCPOPT_TFO:
			pp_tshark_tfo(b, o->data_len);
			break;
		case 254:
			if (o->data_len >= 2 && o->data[0] == 0xf9 &&
			    o->data[1] == 0x89)
				pp_tshark_tfo(b, o->data_len - 2u);
			break;
		default:
			break;
		}
	}
}

const char *
pkt_print_tshark(const struct pkt *p, const struct pkt_print_ctx *ctx,
    bool ascii, char *buf, size_t len)
{
	const struct pkt_tcp *t = &p->tcp;
	struct pp_buf b;
	uint32_t seq = t->seq, ack = t->ack, base = 0;
	uint64_t win = t->win;
	size_t wleft;
	int ws;

	if (!pp_init(&b, buf, len) || !p->has_tcp)
		return buf == NULL || len == 0 ? "" : buf;
	if (ctx != NULL && ctx->relative) {
		seq -= ctx->isn_src;
		ack -= ctx->isn_dst;
		base = ctx->isn_dst;
	}
	if (ctx != NULL && ctx->wscale >= 0 && !(t->flags & TH_SYN)) {
		ws = ctx->wscale > 14 ? 14 : ctx->wscale;
		win <<= ws;
	}
	pp_cat(&b, "%u %s %u ", t->sport, ascii ? "->" : "\xe2\x86\x92", t->dport);
	pp_tshark_flags(&b, t);
	pp_cat(&b, " Seq=%u", seq);
	if (t->flags & TH_ACK)
		pp_cat(&b, " Ack=%u", ack);
	pp_cat(&b, " Win=%llu", (unsigned long long)win);
	if (t->flags & TH_URG)
		pp_cat(&b, " Urg=%u", t->urp);
	/* Wireshark counts only what the frame holds (reported length). */
	wleft = p->link_end > t->payload_off ?
	    p->link_end - t->payload_off : 0;
	pp_cat(&b, " Len=%zu", t->payload_len < wleft ? t->payload_len :
	    wleft);
	pp_tshark_opts(&b, t, base);
	/*
	 * Wireshark's note when its TCP dissector ran into the end of the
	 * capture (a payload cut short is no news to it).
	 */
	if (p->problem.status == PKT_TRUNC && p->problem.offset >= t->off)
		pp_cat(&b, "[Packet size limited during capture]");
	return buf;
}

void
pkt_print_track_init(struct pkt_print_track *tr)
{
	memset(tr, 0, sizeof(*tr));
}

static bool
pp_addr_eq(const struct pkt_addr *x, const struct pkt_addr *y)
{
	return x->family == y->family && memcmp(x->a, y->a, sizeof(x->a)) == 0;
}

/* The connection p belongs to, and its side (0: a sent it); new if none. */
static struct pkt_print_flow *
pp_flow(struct pkt_print_track *tr, const struct pkt *p, int *dir)
{
	struct pkt_print_flow *f;
	int i;

	for (i = 0; i < tr->n; i++) {
		f = &tr->flow[i];
		if (pp_addr_eq(&f->a, &p->src) && pp_addr_eq(&f->b, &p->dst) &&
		    f->pa == p->tcp.sport && f->pb == p->tcp.dport) {
			*dir = 0;
			return f;
		}
		if (pp_addr_eq(&f->b, &p->src) && pp_addr_eq(&f->a, &p->dst) &&
		    f->pb == p->tcp.sport && f->pa == p->tcp.dport) {
			*dir = 1;
			return f;
		}
	}
	if (tr->n < PKT_PRINT_FLOWS)
		f = &tr->flow[tr->n++];
	else {
		f = &tr->flow[tr->next];
		tr->next = (tr->next + 1) % PKT_PRINT_FLOWS;
	}
	memset(f, 0, sizeof(*f));
	f->a = p->src;
	f->b = p->dst;
	f->pa = p->tcp.sport;
	f->pb = p->tcp.dport;
	f->ws[0] = f->ws[1] = -1;
	*dir = 0;
	return f;
}

/* print-tcp.c: the hash entry is made (or remade) by a segment with ACK. */
static void
pp_track_tcpdump(struct pkt_print_flow *f, int dir, const struct pkt_tcp *t,
    struct pkt_print_ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->wscale = -1;
	if (!(t->flags & TH_ACK))
		return;
	if (!f->td_known || (t->flags & TH_SYN)) {
		f->td_known = true;
		f->td_base[dir] = t->seq;
		f->td_base[!dir] = t->ack - 1;
		return;			/* this one prints absolute */
	}
	c->relative = true;
	c->isn_src = f->td_base[dir];
	c->isn_dst = f->td_base[!dir];
}

/* packet-tcp.c: base_seq per side; window scaling once both SYNs had WS. */
static void
pp_track_tshark(struct pkt_print_flow *f, int dir, const struct pkt_tcp *t,
    struct pkt_print_ctx *c)
{
	int i;

	if (t->flags & TH_SYN) {
		f->syn[dir] = true;
		f->ts_base[dir] = t->seq;
		f->ts_have[dir] = true;
		for (i = 0; i < t->n_opts; i++)
			if (t->opts[i].kind == TCPOPT_WSCALE &&
			    tcp_opt_valid(&t->opts[i]))
				f->ws[dir] = t->opts[i].u.wscale;
	}
	if (!f->ts_have[dir]) {
		f->ts_base[dir] = t->seq - 1;
		f->ts_have[dir] = true;
	}
	if (!f->ts_have[!dir] && (t->flags & TH_ACK)) {
		f->ts_base[!dir] = t->ack - 1;
		f->ts_have[!dir] = true;
	}
	c->relative = true;
	c->isn_src = f->ts_base[dir];
	c->isn_dst = f->ts_base[!dir];
	c->wscale = f->syn[0] && f->syn[1] && f->ws[0] >= 0 &&
	    f->ws[1] >= 0 ? f->ws[dir] : -1;
}

bool
pkt_print_track(struct pkt_print_track *tr, const struct pkt *p,
    struct pkt_print_ctx *tcpdump, struct pkt_print_ctx *tshark)
{
	struct pkt_print_ctx scratch;
	struct pkt_print_flow *f;
	int dir;

	if (!p->has_tcp || p->ipver == 0)
		return false;
	f = pp_flow(tr, p, &dir);
	pp_track_tcpdump(f, dir, &p->tcp, tcpdump != NULL ? tcpdump : &scratch);
	pp_track_tshark(f, dir, &p->tcp, tshark != NULL ? tshark : &scratch);
	return true;
}
