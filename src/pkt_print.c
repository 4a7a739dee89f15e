/*
 * pkt_print: tcpdump's and tshark's one-line views of a TCP packet, after
 * tcpdump 4.99's print-tcp.c (tcp_print) and Wireshark 4.0's packet-tcp.c
 * (the COL_INFO appends of dissect_tcp and its option dissectors).
 */
#include "pkt_print.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
		pp_cat(b, "%s %s.%u > %s.%u: ", p->ipver == 6 ? "IP6" : "IP",
		    s, sport, d, dport);
	else
		pp_cat(b, "%s %s > %s: ", p->ipver == 6 ? "IP6" : "IP", s, d);
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
		pp_addrs(b, p, true, p->udp.sport, p->udp.dport);
		pp_cat(b, "UDP, length %u", p->udp.len >= 8 ?
		    p->udp.len - 8 : 0);
		return;
	}
	pp_addrs(b, p, false, 0, 0);
	if (p->problem.status != PKT_OK)
		pp_cat(b, "%s", p->problem.what);
	else
		pp_cat(b, "ip-proto-%u %zu", p->proto, p->l4_len);
}

const char *
pkt_print_tcpdump(const struct pkt *p, const struct pkt_print_ctx *ctx,
    char *buf, size_t len)
{
	const struct pkt_tcp *t = &p->tcp;
	struct pp_buf b;
	struct tcp_opt o;
	char s[128];
	uint32_t seq = t->seq, ack = t->ack, sack_base = 0;
	bool rel;
	int i, k;

	if (!pp_init(&b, buf, len))
		return "";
	if (!p->has_tcp) {
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
	pp_addrs(&b, p, true, t->sport, t->dport);
	pp_cat(&b, "Flags %s", tcp_flags_tcpdump(t->flags, s, sizeof(s)));
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
	if (t->n_opts > 0) {
		pp_cat(&b, ", options [");
		for (i = 0; i < t->n_opts; i++) {
			o = t->opts[i];
			if (o.kind == TCPOPT_SACK)
				for (k = 0; k < o.u.sack.n && k < TCP_MAX_SACK;
				    k++) {
					o.u.sack.left[k] -= sack_base;
					o.u.sack.right[k] -= sack_base;
				}
			pp_cat(&b, "%s%s", i > 0 ? "," : "",
			    tcp_opt_str(&o, s, sizeof(s)));
		}
		pp_cat(&b, "]");
	}
	pp_cat(&b, ", length %zu", t->payload_len);
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
	const struct tcp_opt *o;
	int i, k;

	for (i = 0; i < t->n_opts; i++) {
		o = &t->opts[i];
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

static size_t
pkt_wire_end(const struct pkt *p)
{
	return p->wirelen > p->caplen ? p->wirelen : p->caplen;
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
	wleft = pkt_wire_end(p) > t->payload_off ?
	    pkt_wire_end(p) - t->payload_off : 0;
	pp_cat(&b, " Len=%zu", t->payload_len < wleft ? t->payload_len :
	    wleft);
	pp_tshark_opts(&b, t, base);
	return buf;
}
