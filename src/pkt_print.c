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

/*
 * tcpdump's option loop (print-tcp.c) over the raw bytes, so that odd
 * options print as tcpdump prints them: its length checks against the
 * header (LENCHECK: "[bad opt]"), against the capture (" [|tcp]"), and
 * "[len N]" where an option's length is not its kind's, after which
 * tcpdump reads on from where it thinks the option ended.
 */
enum pp_end { PP_OK, PP_BAD, PP_TRUNC };

struct pp_opts {
	struct pp_buf	*b;
	const uint8_t	*cp;		/* the next byte */
	size_t		 cap;		/* bytes captured from cp on */
	size_t		 hlen;		/* header bytes left, as tcpdump counts */
};

static enum pp_end
pp_lencheck(const struct pp_opts *w, size_t l)
{
	if (l > w->hlen)
		return PP_BAD;
	return l > w->cap ? PP_TRUNC : PP_OK;
}

static uint32_t
pp_get32(const uint8_t *d)
{
	return (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 |
	    (uint32_t)d[2] << 8 | d[3];
}

/* print_tcp_fastopen_option */
static void
pp_tfo(struct pp_buf *b, const uint8_t *d, size_t n)
{
	size_t i;

	if (n == 0) {
		pp_cat(b, " cookiereq");
		return;
	}
	if (n % 2 != 0 || n < 4 || n > 16) {
		pp_cat(b, " (invalid)");
		return;
	}
	pp_cat(b, " cookie ");
	for (i = 0; i < n; i++)
		pp_cat(b, "%02x", d[i]);
}

/* Print one option's data; *datalen gets what tcpdump thinks it used. */
static enum pp_end
pp_opt(struct pp_opts *w, uint8_t opt, unsigned len, uint8_t th_flags,
    uint32_t sack_base, size_t *datalen)
{
	const uint8_t *d = w->cp;
	struct tcp_opt o;
	enum pp_end e = PP_OK;
	char s[256];
	size_t i, n = len >= 2 ? len - 2u : 0;
	unsigned v;
	bool ok;

	*datalen = 0;
	switch (opt) {
	case TCPOPT_EOL:
	case TCPOPT_NOP:
	case TCPOPT_SACK_PERM:
		return PP_OK;
	case TCPOPT_MSS:
	case TCPOPT_WSCALE:
	case 20:				/* SCPS */
	case 28:				/* UTO */
		*datalen = opt == TCPOPT_WSCALE ? 1 : 2;
		if ((e = pp_lencheck(w, *datalen)) != PP_OK)
			return e;
		if (opt == TCPOPT_MSS)
			pp_cat(w->b, " %u", (unsigned)(d[0] << 8 | d[1]));
		else if (opt == TCPOPT_WSCALE)
			pp_cat(w->b, " %u", d[0]);
		else if (opt == 20)
			pp_cat(w->b, " cap %02x id %u", d[0], d[1]);
		else {
			v = (unsigned)(d[0] << 8 | d[1]);
			pp_cat(w->b, " 0x%x %u", v, v & 1 ? (v >> 1) * 60 :
			    v >> 1);
		}
		return PP_OK;
	case 6: case 7: case 11: case 12: case 13:	/* echo, cc, ... */
	case TCPOPT_TIMESTAMP:
		*datalen = opt == TCPOPT_TIMESTAMP ? 8 : 4;
		if ((e = pp_lencheck(w, *datalen)) != PP_OK)
			return e;
		if (opt == TCPOPT_TIMESTAMP)
			pp_cat(w->b, " val %u ecr %u", pp_get32(d),
			    pp_get32(d + 4));
		else
			pp_cat(w->b, " %u", pp_get32(d));
		return PP_OK;
	case TCPOPT_SACK:
		*datalen = n;
		if (n % 8 != 0) {
			pp_cat(w->b, " invalid sack");
			return PP_OK;
		}
		pp_cat(w->b, " %zu ", n / 8);
		for (i = 0; i < n; i += 8) {
			if ((e = pp_lencheck(w, i + 8)) != PP_OK)
				return e;
			pp_cat(w->b, "{%u:%u}", pp_get32(d + i) - sack_base,
			    pp_get32(d + i + 4) - sack_base);
		}
		return PP_OK;
	case 19:				/* TCP MD5 signature */
		*datalen = 16;
		if ((e = pp_lencheck(w, 16)) != PP_OK)
			return e;
		/* What tcpdump 4.99 with libcrypto says without -M. */
		pp_cat(w->b, " shared secret not supplied with -M, can't "
		    "check - ");
		for (i = 0; i < 16; i++)
			pp_cat(w->b, "%02x", d[i]);
		return PP_OK;
	case 29:				/* TCP-AO, RFC 5925 */
		*datalen = n;
		if (n < 2) {
			pp_cat(w->b, " (invalid)");
			return PP_OK;
		}
		if ((e = pp_lencheck(w, 1)) != PP_OK)
			return e;
		pp_cat(w->b, " keyid %u", d[0]);
		if ((e = pp_lencheck(w, 2)) != PP_OK)
			return e;
		pp_cat(w->b, " rnextkeyid %u", d[1]);
		if (n > 2)
			pp_cat(w->b, " mac 0x");
		for (i = 2; i < n; i++) {
			if ((e = pp_lencheck(w, i + 1)) != PP_OK)
				return e;
			pp_cat(w->b, "%02x", d[i]);
		}
		return PP_OK;
	case TCPOPT_MPTCP:
		*datalen = n;
		if ((e = pp_lencheck(w, n)) != PP_OK)
			return e;
		memset(&o, 0, sizeof(o));
		o.kind = opt;
		o.len = (uint8_t)len;
		o.data_len = (uint8_t)n;
		memcpy(o.data, d, n);
		o.u.mptcp_subtype = n > 0 ? (uint8_t)(d[0] >> 4) : 0;
		s[0] = '\0';
		(void)pkt_cat(s, sizeof(s), 0, " %u", len);
		(void)tcp_mptcp_str(s, sizeof(s), strlen(s), &o, th_flags, &ok);
		pp_cat(w->b, "%s", s);
		return ok ? PP_OK : PP_BAD;
	case TCPOPT_TFO:
	case 254:
		*datalen = n;
		if ((e = pp_lencheck(w, n)) != PP_OK)
			return e;
		if (opt == TCPOPT_TFO) {
			pp_cat(w->b, " ");
			pp_tfo(w->b, d, n);
			return PP_OK;
		}
		if (n < 2)
			return PP_BAD;
		pp_cat(w->b, "-");
		if ((d[0] << 8 | d[1]) == 0xf989) {
			pp_cat(w->b, "tfo");
			pp_tfo(w->b, d + 2, n - 2);
		} else
			pp_cat(w->b, "%02x%02x", d[0], d[1]);
		return PP_OK;
	default:
		*datalen = n;
		if (n > 0)
			pp_cat(w->b, " 0x");
		for (i = 0; i < n; i++) {
			if ((e = pp_lencheck(w, i + 1)) != PP_OK)
				return e;
			pp_cat(w->b, "%02x", d[i]);
		}
		return PP_OK;
	}
}

static void
pp_adv(struct pp_opts *w, size_t n)
{
	w->cp += n;
	w->cap = n > w->cap ? 0 : w->cap - n;
}

/* ", options [...]"; false when the line ends inside (bad or cut). */
static bool
pp_opts(struct pp_buf *b, const struct pkt *p, uint32_t sack_base)
{
	const struct pkt_tcp *t = &p->tcp;
	struct pp_opts w;
	enum pp_end e = PP_OK;
	size_t start = t->off + 20, datalen;
	const char *name;
	unsigned len;
	uint8_t opt;
	bool ch = false;

	w.b = b;
	w.cp = p->data + start;
	w.cap = p->caplen > start ? p->caplen - start : 0;
	w.hlen = (size_t)t->doff * 4 - 20;
	pp_cat(b, ", options [");
	while (w.hlen > 0) {
		if (ch)
			pp_cat(b, ",");
		if (w.cap < 1 && (e = PP_TRUNC))
			break;
		opt = w.cp[0];
		pp_adv(&w, 1);
		len = 1;
		if (opt != TCPOPT_EOL && opt != TCPOPT_NOP) {
			if (w.cap < 1 && (e = PP_TRUNC))
				break;
			len = w.cp[0];
			pp_adv(&w, 1);
			if ((len < 2 || len > w.hlen) && (e = PP_BAD))
				break;
			w.hlen--;
		}
		w.hlen--;
		name = tcp_opt_name(opt);
		if (name != NULL)
			pp_cat(b, "%s", name);
		else
			pp_cat(b, "unknown-%u", opt);
		if ((e = pp_opt(&w, opt, len, t->flags, sack_base, &datalen)) !=
		    PP_OK)
			break;
		pp_adv(&w, datalen);
		w.hlen -= datalen;
		if (datalen + 1 + (opt != TCPOPT_EOL && opt != TCPOPT_NOP) !=
		    len)
			pp_cat(b, "[len %u]", len);
		ch = true;
		if (opt == TCPOPT_EOL)
			break;
	}
	if (e == PP_BAD) {
		pp_cat(b, "[bad opt]%s", ch ? "]" : "");
		return false;
	}
	if (e == PP_TRUNC) {
		pp_cat(b, " [|tcp]%s", ch ? ">" : "");
		return false;
	}
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
	return buf;
}
