/*
 * cmd_annotate: `tcpstep annotate FILE [FILTER]`; see tcpstep.1.
 *
 * One line per packet (text or JSON) on stdout, written into a large
 * buffer with our own number formatting and flushed in big blocks: the
 * per-packet cost is all that counts on a big capture, so no printf and no
 * gettext lookup on that path.  The engine (src/annotate.c) does the
 * analysis; this file only formats.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "annotate.h"
#include "cmd_annotate.h"
#include "i18n.h"
#include "pcap_rd.h"
#include "safe.h"
#include "xalloc.h"

#define OB_CAP		(1u << 20)
#define OB_LINE_MAX	(16u << 10)	/* more than any one line needs */

struct ob {
	char	*buf;
	size_t	 len;
	FILE	*f;
	bool	 err;
};

struct ann_ctx {
	struct ob	 out;
	struct annot	 a;
	bool		 json, summary;
	FILE		*evicted;	/* summaries of forgotten connections */
	bool		 warned;
	const char	*file;
	FILE		*out_f, *err;
};

/* "tcpstep: what: why" on x->err, every byte from outside escaped. */
static int
ann_error(FILE *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
ann_error(FILE *err, int code, const char *fmt, ...)
{
	char raw[1024], safe[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	safe_escape(safe, sizeof(safe), raw, strlen(raw), false);
	fprintf(err, "tcpstep: %s\n", safe);
	return code;
}

static void
ob_flush(struct ob *o)
{
	if (o->len > 0 && fwrite(o->buf, 1, o->len, o->f) != o->len)
		o->err = true;
	o->len = 0;
}

/* Make room for n bytes. */
static void
ob_need(struct ob *o, size_t n)
{
	if (o->len + n > OB_CAP)
		ob_flush(o);
}

static void
ob_mem(struct ob *o, const char *s, size_t n)
{
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

#define OB_LIT(o, s)	ob_mem((o), (s), sizeof(s) - 1)

static void
ob_str(struct ob *o, const char *s)
{
	ob_mem(o, s, strlen(s));
}

static void
ob_u64(struct ob *o, uint64_t v)
{
	o->len += annot_fmt_u64(o->buf + o->len, v);
}

static void
ob_c(struct ob *o, char c)
{
	o->buf[o->len++] = c;
}

/* A JSON string: quotes, backslashes and control bytes escaped. */
static void
ob_json_str(struct ob *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	ob_c(o, '"');
	/* Most of it needs no escape: copy runs in one go. */
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch >= 0x20 && ch != '"' && ch != '\\' && ch != 0x7f)
			continue;
		ob_mem(o, s + run, i - run);
		run = i + 1;
		if (ch == '"' || ch == '\\') {
			ob_c(o, '\\');
			ob_c(o, (char)ch);
		} else if (ch < 0x20 || ch == 0x7f) {
			OB_LIT(o, "\\u00");
			ob_c(o, hex[ch >> 4]);
			ob_c(o, hex[ch & 0xf]);
		}
	}
	ob_mem(o, s + run, n - run);
	ob_c(o, '"');
}

/* --- pieces of a line ------------------------------------------------- */

static void
ob_tcpdump_flags(struct ob *o, uint8_t f)
{
	static const struct { uint8_t bit; char c; } tab[] = {
		{ TH_FIN, 'F' }, { TH_SYN, 'S' }, { TH_RST, 'R' },
		{ TH_PSH, 'P' }, { TH_ACK, '.' }, { TH_URG, 'U' },
		{ TH_ECE, 'E' }, { TH_CWR, 'W' }
	};

	if (f == 0) {
		OB_LIT(o, "none");
		return;
	}
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (f & tab[i].bit)
			ob_c(o, tab[i].c);
}

/* A JSON array of the names of the bits set in mask (bit i: names[i]). */
static void
ob_json_bit_names(struct ob *o, const char *const *names, int n,
    uint32_t mask)
{
	bool first = true;

	ob_c(o, '[');
	for (int i = 0; i < n; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (!first)
			ob_c(o, ',');
		first = false;
		ob_c(o, '"');
		ob_str(o, names[i]);
		ob_c(o, '"');
	}
	ob_c(o, ']');
}

static void
ob_json_flags(struct ob *o, uint8_t f)
{
	static const char *const names[] = {
		"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"
	};

	ob_json_bit_names(o, names, 8, f);
}

static void
ob_hex(struct ob *o, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		ob_c(o, hex[p[i] >> 4]);
		ob_c(o, hex[p[i] & 0xf]);
	}
}

/* One option as tcpdump writes it; SACK edges relative to base. */
static void
ob_opt(struct ob *o, const struct tcp_opt *t, uint32_t base)
{
	switch (t->kind) {
	case TCPOPT_EOL: OB_LIT(o, "eol"); return;
	case TCPOPT_NOP: OB_LIT(o, "nop"); return;
	case TCPOPT_MSS:
		OB_LIT(o, "mss ");
		ob_u64(o, t->u.mss);
		return;
	case TCPOPT_WSCALE:
		OB_LIT(o, "wscale ");
		ob_u64(o, t->u.wscale);
		return;
	case TCPOPT_SACK_PERM: OB_LIT(o, "sackOK"); return;
	case TCPOPT_TIMESTAMP:
		OB_LIT(o, "TS val ");
		ob_u64(o, t->u.ts.val);
		OB_LIT(o, " ecr ");
		ob_u64(o, t->u.ts.ecr);
		return;
	case TCPOPT_SACK:
		OB_LIT(o, "sack ");
		ob_u64(o, (uint64_t)t->u.sack.n);
		for (int i = 0; i < t->u.sack.n && i < TCP_MAX_SACK; i++) {
			OB_LIT(o, " {");
			ob_u64(o, t->u.sack.left[i] - base);
			ob_c(o, ':');
			ob_u64(o, t->u.sack.right[i] - base);
			ob_c(o, '}');
		}
		return;
	case TCPOPT_TFO:
		if (t->data_len == 0) {
			OB_LIT(o, "tfo cookiereq");
			return;
		}
		OB_LIT(o, "tfo cookie ");
		ob_hex(o, t->data, t->data_len);
		return;
	case TCPOPT_MPTCP:
		OB_LIT(o, "mptcp");
		return;
	default:
		OB_LIT(o, "unknown-");
		ob_u64(o, t->kind);
		if (t->data_len > 0) {
			ob_c(o, ' ');
			ob_hex(o, t->data, t->data_len);
		}
	}
}

static uint32_t
ann_peer_base(const struct annot *a)
{
	const struct ta_flow *f = &a->conn->ta.flow[!a->dir];

	return f->base_set ? f->base_seq : 0;
}

/* tshark's markers, as its Info column shows them. */
static void
ob_markers(struct ob *o, const struct annot *a)
{
	uint32_t f = a->ta.flags;

	if (f == 0 || a->cut)
		return;
	if (f & TA_REUSED_PORTS) OB_LIT(o, " [TCP Port numbers reused]");
	if (f & TA_LOST_SEGMENT)
		OB_LIT(o, " [TCP Previous segment not captured]");
	if (f & TA_ACK_LOST_SEGMENT) OB_LIT(o, " [TCP ACKed unseen segment]");
	if (f & TA_FAST_RETRANSMISSION)
		OB_LIT(o, " [TCP Fast Retransmission]");
	else if (f & TA_SPURIOUS_RETRANSMISSION)
		OB_LIT(o, " [TCP Spurious Retransmission]");
	else if (f & TA_RETRANSMISSION) OB_LIT(o, " [TCP Retransmission]");
	if (f & TA_OUT_OF_ORDER) OB_LIT(o, " [TCP Out-Of-Order]");
	if (f & TA_DUPLICATE_ACK) {
		OB_LIT(o, " [TCP Dup ACK ");
		ob_u64(o, a->ta.dupack_frame);
		ob_c(o, '#');
		ob_u64(o, a->ta.dupack_num);
		ob_c(o, ']');
	}
	if (f & TA_ZERO_WINDOW_PROBE) OB_LIT(o, " [TCP ZeroWindowProbe]");
	if (f & TA_ZERO_WINDOW_PROBE_ACK)
		OB_LIT(o, " [TCP ZeroWindowProbeAck]");
	if (f & TA_ZERO_WINDOW) OB_LIT(o, " [TCP ZeroWindow]");
	if (f & TA_WINDOW_UPDATE) OB_LIT(o, " [TCP Window Update]");
	if (f & TA_WINDOW_FULL) OB_LIT(o, " [TCP Window Full]");
	if (f & TA_KEEP_ALIVE) OB_LIT(o, " [TCP Keep-Alive]");
	if (f & TA_KEEP_ALIVE_ACK) OB_LIT(o, " [TCP Keep-Alive ACK]");
}

/* "192.0.2.1" and "192.0.2.1.80" of a packet that is not TCP. */
static void
ob_ip_endpoints(struct ob *o, const struct pkt *p, bool ports)
{
	char b[64];

	b[conn_fmt_addr(b, &p->src)] = '\0';
	ob_str(o, b);
	if (ports) {
		ob_c(o, '.');
		ob_u64(o, p->udp.sport);
	}
	OB_LIT(o, " > ");
	b[conn_fmt_addr(b, &p->dst)] = '\0';
	ob_str(o, b);
	if (ports) {
		ob_c(o, '.');
		ob_u64(o, p->udp.dport);
	}
}

/* --- text ---------------------------------------------------------------- */

static void
ann_text_tcp(struct ob *o, const struct annot *a)
{
	const struct pkt_tcp *t = &a->pkt.tcp;
	const struct conn_side *s = &a->conn->side[a->dir];
	const struct conn_side *d = &a->conn->side[!a->dir];
	uint32_t base = ann_peer_base(a);

	ob_str(o, a->pkt.ipver == 6 ? "IP6 " : "IP ");
	ob_mem(o, s->ep, s->ep_len);
	OB_LIT(o, " > ");
	ob_mem(o, d->ep, d->ep_len);
	OB_LIT(o, ": Flags [");
	ob_tcpdump_flags(o, t->flags);
	OB_LIT(o, "], seq ");
	ob_u64(o, a->rel_seq);
	if (a->seglen > 0) {
		ob_c(o, ':');
		ob_u64(o, (uint32_t)(a->rel_seq + a->seglen));
	}
	if (t->flags & TH_ACK) {
		OB_LIT(o, ", ack ");
		ob_u64(o, a->rel_ack);
	}
	OB_LIT(o, ", win ");
	ob_u64(o, a->win_scaled);
	if (t->n_opts > 0) {
		OB_LIT(o, ", options [");
		for (int i = 0; i < t->n_opts; i++) {
			if (i > 0)
				ob_c(o, ',');
			ob_opt(o, &t->opts[i], base);
		}
		ob_c(o, ']');
	}
	OB_LIT(o, ", length ");
	ob_u64(o, a->seglen);
	ob_markers(o, a);
}

static void
ann_text_other(struct ob *o, const struct annot *a)
{
	const struct pkt *p = &a->pkt;

	switch (a->kind) {

	case ANNOT_UDP:
		OB_LIT(o, "UDP ");
		ob_ip_endpoints(o, p, p->has_udp);
		return;
	case ANNOT_ICMP:
		ob_str(o, p->proto == 58 ? "ICMP6 " : "ICMP ");
		ob_ip_endpoints(o, p, false);
		return;
	case ANNOT_IP_OTHER:
		ob_str(o, p->ipver == 6 ? "IP6 " : "IP ");
		ob_ip_endpoints(o, p, false);
		return;
	case ANNOT_ARP:
		OB_LIT(o, "ARP");
		return;
	case ANNOT_TCP:
		/* A TCP header too short to analyse is shown as broken. */
		/* FALLTHROUGH */
	case ANNOT_BROKEN:
		if (p->ipver != 0) {
			ob_str(o, p->ipver == 6 ? "IP6 " : "IP ");
			ob_ip_endpoints(o, p, false);
		} else
			ob_str(o, a->linkname);
		return;
	case ANNOT_LINK_OTHER:
		ob_str(o, a->linkname);
		return;
	case ANNOT_LINK_UNKNOWN:
		return;
	}
}

static void
ann_text(struct ann_ctx *x)
{
	struct ob *o = &x->out;
	const struct annot *a = &x->a;

	ob_need(o, OB_LINE_MAX);
	ob_u64(o, a->frame);
	ob_c(o, ' ');
	o->len += annot_fmt_time(o->buf + o->len, a->rel_ns, 6);
	ob_c(o, ' ');
	if (a->kind == ANNOT_TCP)
		ann_text_tcp(o, a);
	else if (a->kind == ANNOT_LINK_UNKNOWN) {
		/* The explanation says it all: "link type X not decoded". */
		ob_mem(o, a->explain, a->explain_len);
		ob_c(o, '\n');
		return;
	} else
		ann_text_other(o, a);
	OB_LIT(o, " -- ");
	ob_mem(o, a->explain, a->explain_len);
	/* A broken packet's explanation already quotes its problem. */
	for (int i = a->kind == ANNOT_BROKEN ? 1 : 0; i < a->nproblems; i++) {
		OB_LIT(o, " [!");
		ob_str(o, a->problems[i]);
		ob_c(o, ']');
	}
	ob_c(o, '\n');
}

/* --- JSON ---------------------------------------------------------------- */

static void
ob_json_addr(struct ob *o, const char *key, const struct pkt_addr *ad)
{
	char b[64];
	size_t n = conn_fmt_addr(b, ad);

	ob_c(o, ',');
	ob_c(o, '"');
	ob_str(o, key);
	OB_LIT(o, "\":\"");
	ob_mem(o, b, n);
	ob_c(o, '"');
}

static void
ann_json_tcp(struct ob *o, const struct annot *a)
{
	const struct pkt_tcp *t = &a->pkt.tcp;
	uint32_t base = ann_peer_base(a);
	char b[256];
	struct ob tmp;

	OB_LIT(o, ",\"conn\":");
	ob_u64(o, a->conn->id);
	OB_LIT(o, ",\"sport\":");
	ob_u64(o, t->sport);
	OB_LIT(o, ",\"dport\":");
	ob_u64(o, t->dport);
	OB_LIT(o, ",\"flags\":");
	ob_json_flags(o, t->flags);
	OB_LIT(o, ",\"seq\":");
	ob_u64(o, a->rel_seq);
	if (t->flags & TH_ACK) {
		OB_LIT(o, ",\"ack\":");
		ob_u64(o, a->rel_ack);
	} else
		OB_LIT(o, ",\"ack\":null");
	OB_LIT(o, ",\"seq_raw\":");
	ob_u64(o, t->seq);
	OB_LIT(o, ",\"ack_raw\":");
	ob_u64(o, t->ack);
	OB_LIT(o, ",\"len\":");
	ob_u64(o, a->seglen);
	OB_LIT(o, ",\"win\":");
	ob_u64(o, t->win);
	OB_LIT(o, ",\"win_scaled\":");
	ob_u64(o, a->win_scaled);
	OB_LIT(o, ",\"options\":[");
	for (int i = 0; i < t->n_opts; i++) {
		tmp.buf = b;
		tmp.len = 0;
		ob_opt(&tmp, &t->opts[i], base);
		if (i > 0)
			ob_c(o, ',');
		ob_json_str(o, b, tmp.len);
	}
	OB_LIT(o, "],\"analysis\":");
	ob_json_bit_names(o, ta_flag_names, TA_NFLAGS, a->flags);
	if (a->flags & TA_DUPLICATE_ACK) {
		OB_LIT(o, ",\"dupack_num\":");
		ob_u64(o, a->ta.dupack_num);
		OB_LIT(o, ",\"dupack_frame\":");
		ob_u64(o, a->ta.dupack_frame);
	}
	OB_LIT(o, ",\"checksum\":\"");
	switch (a->cksum) {
	case CKSUM_OK: OB_LIT(o, "good"); break;
	case CKSUM_BAD: OB_LIT(o, "bad"); break;
	case CKSUM_OFFLOAD: OB_LIT(o, "offload"); break;
	default: OB_LIT(o, "unchecked"); break;
	}
	ob_c(o, '"');
}

static const char *
ann_kind_name(const struct annot *a)
{
	switch (a->kind) {
	case ANNOT_TCP: return "TCP";
	case ANNOT_UDP: return "UDP";
	case ANNOT_ICMP: return a->pkt.proto == 58 ? "ICMPv6" : "ICMP";
	case ANNOT_IP_OTHER: return a->pkt.ipver == 6 ? "IPv6" : "IPv4";
	case ANNOT_ARP: return "ARP";
	case ANNOT_LINK_OTHER: return "other";
	case ANNOT_LINK_UNKNOWN: return "undecoded";
	default: return "broken";
	}
}

static void
ann_json(struct ann_ctx *x)
{
	struct ob *o = &x->out;
	const struct annot *a = &x->a;
	const struct pkt *p = &a->pkt;

	ob_need(o, 2 * OB_LINE_MAX);
	OB_LIT(o, "{\"frame\":");
	ob_u64(o, a->frame);
	OB_LIT(o, ",\"time_rel\":");
	o->len += annot_fmt_time(o->buf + o->len, a->rel_ns, 9);
	OB_LIT(o, ",\"proto\":\"");
	ob_str(o, ann_kind_name(a));
	ob_c(o, '"');
	OB_LIT(o, ",\"caplen\":");
	ob_u64(o, a->caplen);
	OB_LIT(o, ",\"wirelen\":");
	ob_u64(o, a->wirelen);
	if (a->kind == ANNOT_TCP) {
		const struct conn_side *s = &a->conn->side[a->dir];
		const struct conn_side *d = &a->conn->side[!a->dir];

		OB_LIT(o, ",\"src\":\"");
		ob_mem(o, s->ep, s->addr_len);
		OB_LIT(o, "\",\"dst\":\"");
		ob_mem(o, d->ep, d->addr_len);
		ob_c(o, '"');
	} else if (p->ipver != 0) {
		ob_json_addr(o, "src", &p->src);
		ob_json_addr(o, "dst", &p->dst);
	}
	if (a->kind == ANNOT_TCP)
		ann_json_tcp(o, a);
	else if (a->kind == ANNOT_UDP && p->has_udp) {
		OB_LIT(o, ",\"sport\":");
		ob_u64(o, p->udp.sport);
		OB_LIT(o, ",\"dport\":");
		ob_u64(o, p->udp.dport);
	}
	OB_LIT(o, ",\"explain\":");
	ob_json_str(o, a->explain, a->explain_len);
	OB_LIT(o, ",\"problems\":[");
	for (int i = 0; i < a->nproblems; i++) {
		if (i > 0)
			ob_c(o, ',');
		ob_json_str(o, a->problems[i], strlen(a->problems[i]));
	}
	OB_LIT(o, "]}\n");
}

/* --- summaries ----------------------------------------------------------- */

static const char *
ann_end_key(const struct conn *c)
{
	static const char *const keys[] = {
		"open", "fin", "half_closed", "rst", "refused"
	};

	return keys[c->end <= CONN_REFUSED ? c->end : 0];
}

static void
ann_summary_json(struct ann_ctx *x, FILE *f, const struct conn *c)
{
	char dur[32];
	char b[2048];
	struct ob o = { .buf = b, .len = 0 };

	OB_LIT(&o, "{\"summary\":true,\"conn\":");
	ob_u64(&o, c->id);
	OB_LIT(&o, ",\"first_frame\":");
	ob_u64(&o, c->first_frame);
	OB_LIT(&o, ",\"last_frame\":");
	ob_u64(&o, c->last_frame);
	for (int i = 0; i < 2; i++) {
		const struct conn_side *s = &c->side[i];

		ob_str(&o, i == 0 ? ",\"a\":{" : ",\"b\":{");
		OB_LIT(&o, "\"endpoint\":");
		ob_json_str(&o, s->ep, s->ep_len);
		OB_LIT(&o, ",\"role\":\"");
		ob_str(&o, c->client < 0 ? "unknown" :
		    c->client == i ? "client" : "server");
		OB_LIT(&o, "\",\"packets\":");
		ob_u64(&o, s->pkts);
		OB_LIT(&o, ",\"bytes\":");
		ob_u64(&o, s->bytes);
		OB_LIT(&o, ",\"unique_bytes\":");
		ob_u64(&o, s->unique_bytes);
		OB_LIT(&o, ",\"retransmissions\":");
		ob_u64(&o, s->retrans);
		OB_LIT(&o, ",\"retransmitted_bytes\":");
		ob_u64(&o, s->retrans_bytes);
		OB_LIT(&o, ",\"dup_acks\":");
		ob_u64(&o, s->dupacks);
		ob_c(&o, '}');
	}
	OB_LIT(&o, ",\"handshake_rtt\":");
	if (c->hs_rtt >= 0) {
		annot_fmt_time(dur, c->hs_rtt, 9);
		ob_str(&o, dur);
	} else
		OB_LIT(&o, "null");
	OB_LIT(&o, ",\"end\":\"");
	ob_str(&o, ann_end_key(c));
	OB_LIT(&o, "\",\"end_words\":");
	ob_json_str(&o, annot_end_words(&x->a, c),
	    strlen(annot_end_words(&x->a, c)));
	OB_LIT(&o, "}\n");
	fwrite(b, 1, o.len, f);
}

static void
ann_summary_text(struct ann_ctx *x, FILE *f, const struct conn *c)
{
	char dur[32];

	fprintf(f, _("connection %llu: %s <> %s, packets %llu to %llu\n"),
	    (unsigned long long)c->id, c->side[0].ep, c->side[1].ep,
	    (unsigned long long)c->first_frame,
	    (unsigned long long)c->last_frame);
	for (int i = 0; i < 2; i++) {
		const struct conn_side *s = &c->side[i];

		/* Bytes sent count every resend, as tshark's conversation
		 * and I/O statistics do: say so, and what was new. */
		fprintf(f, _("  %s %s: %llu packets, %llu bytes of data sent "
		    "(retransmissions included), %llu unique, "
		    "%llu retransmissions (%llu bytes), "
		    "%llu duplicate ACKs\n"),
		    c->client < 0 ? _("side") : annot_role(&x->a, c, i), s->ep,
		    (unsigned long long)s->pkts, (unsigned long long)s->bytes,
		    (unsigned long long)s->unique_bytes,
		    (unsigned long long)s->retrans,
		    (unsigned long long)s->retrans_bytes,
		    (unsigned long long)s->dupacks);
	}
	if (c->hs_rtt >= 0) {
		annot_fmt_dur(dur, c->hs_rtt);
		fprintf(f, _("  handshake RTT %s\n"), dur);
	} else
		fprintf(f, _("  handshake not seen\n"));
	fprintf(f, _("  how it ended: %s\n"), annot_end_words(&x->a, c));
}

static void
ann_summary(struct ann_ctx *x, FILE *f, const struct conn *c)
{
	if (x->json)
		ann_summary_json(x, f, c);
	else
		ann_summary_text(x, f, c);
}

static void
ann_on_evict(void *ctx, const struct conn *c)
{
	struct ann_ctx *x = ctx;

	if (!x->warned) {
		/* Said once, and counted at the end: never silent. */
		ann_error(x->err, 0, _("%s: more than %u connections: "
		    "forgetting those not seen for longest, closed ones first"), x->file,
		    x->a.conns.cap);
		x->warned = true;
	}
	if (!x->summary)
		return;
	if (x->evicted == NULL)
		x->evicted = tmpfile();
	if (x->evicted != NULL)
		ann_summary(x, x->evicted, c);
}

static void
ann_summary_each(void *ctx, const struct conn *c)
{
	struct ann_ctx *x = ctx;

	ann_summary(x, x->out_f, c);
}

static void
ann_summaries(struct ann_ctx *x)
{
	char buf[8192];
	size_t n;

	if (x->evicted != NULL) {
		rewind(x->evicted);
		while ((n = fread(buf, 1, sizeof(buf), x->evicted)) > 0)
			fwrite(buf, 1, n, x->out_f);
		fclose(x->evicted);
		x->evicted = NULL;
	}
	conn_table_each(&x->a.conns, ann_summary_each, x);
}

/* --- progress ------------------------------------------------------------ */

struct ann_progress {
	bool		on;
	double		start, last;
	uint64_t	bytes;
};

static double
ann_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
ann_progress(struct ann_progress *pr, FILE *err, uint64_t packets)
{
	double now = ann_now();

	if (now - pr->start < 1.0 || now - pr->last < 0.5)
		return;
	pr->last = now;
	fputc('\r', err);
	fprintf(err, _("tcpstep: %llu packets, %llu MB read"),
	    (unsigned long long)packets,
	    (unsigned long long)(pr->bytes / 1000000));
	fflush(err);
}

/* --- the command ---------------------------------------------------------- */

/* The connection table's hash key: unknown to whoever made the capture. */
static uint32_t
ann_seed(void)
{
	uint32_t seed;
	struct timespec ts;

	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) == (ssize_t)sizeof(seed))
		return seed;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint32_t)ts.tv_nsec ^ (uint32_t)getpid() << 16;
}

static int
ann_run(struct ann_ctx *x, struct pcap_rd *r, long count, bool progress)
{
	struct ann_progress pr = { .on = progress };
	struct pcap_rec rec;
	struct ts_err err;
	uint64_t n = 0;
	int rc;

	if (pr.on)
		pr.start = pr.last = ann_now();
	while (count < 0 || n < (uint64_t)count) {
		rc = pcap_rd_next(r, &rec, &err);
		if (rc == 0)
			break;
		if (rc < 0) {
			ob_flush(&x->out);
			fflush(x->out.f);
			if (pr.on && pr.last > pr.start)
				fputc('\n', x->err);
			return ann_error(x->err, EXIT_FAIL, "%s: %s", x->file,
			    err.msg);
		}
		n++;
		annot_packet(&x->a, rec.index, rec.sec, rec.nsec, rec.data,
		    rec.caplen, rec.len);
		if (x->json)
			ann_json(x);
		else
			ann_text(x);
		if (pr.on) {
			pr.bytes += rec.caplen + 16;
			if ((n & 0xffff) == 0)
				ann_progress(&pr, x->err, n);
		}
	}
	if (pr.on && pr.last > pr.start)
		fputs("\r\033[K", x->err);
	return EXIT_OK;
}

int
annotate_run(const struct annotate_opts *o, FILE *out, FILE *errf)
{
	struct ann_ctx *x;
	struct pcap_rd *r;
	struct ts_err err;
	char lname[64];
	int why, rc;

	r = pcap_rd_open_why(o->file, o->filter, &why, &err);
	if (r == NULL) {
		if (why != PCAP_RD_EFILTER)
			return ann_error(errf, EXIT_FAIL, "%s", err.msg);
		/* A bad filter is a usage error, in libpcap's words. */
		ann_error(errf, EXIT_USAGE, "annotate: %s", err.msg);
		fprintf(errf, _("Try 'tcpstep %s --help'.\n"), "annotate");
		return EXIT_USAGE;
	}
	x = xcalloc(1, sizeof(*x));
	x->json = o->json;
	x->summary = o->summary;
	x->file = o->file;
	x->out.buf = xmalloc(OB_CAP);
	x->out.f = out;
	x->out_f = out;
	x->err = errf;
	annot_init(&x->a, pcap_rd_linktype(r),
	    pcap_rd_linktype_name(pcap_rd_linktype(r), lname, sizeof(lname)),
	    o->conn_cap != 0 ? o->conn_cap : CONN_DEFAULT_CAP, ann_on_evict, x);
	conn_table_seed(&x->a.conns, ann_seed());
	rc = ann_run(x, r, o->count, o->progress);
	ob_flush(&x->out);
	if (rc == EXIT_OK && x->summary) {
		fflush(out);
		ann_summaries(x);
	}
	if (x->a.conns.evicted > 0)
		ann_error(errf, 0, _("%s: %llu connections forgotten to stay "
		    "within %u (%llu of them still open)"), x->file,
		    (unsigned long long)x->a.conns.evicted, x->a.conns.cap,
		    (unsigned long long)x->a.conns.evicted_open);
	if (x->evicted != NULL)
		fclose(x->evicted);
	if (fflush(out) != 0 || x->out.err || ferror(out)) {
		if (rc == EXIT_OK && errno != EPIPE)
			rc = ann_error(errf, EXIT_FAIL, _("standard output: %s"),
			    strerror(errno));
		else if (rc == EXIT_OK)
			rc = EXIT_FAIL;
	}
	annot_done(&x->a);
	pcap_rd_close(r);
	free(x->out.buf);
	free(x);
	return rc;
}

int
cmd_annotate(struct cli *c)
{
	struct annotate_opts o = {
		.file = c->ops[0], .filter = c->filter, .json = c->json,
		.summary = c->summary, .count = c->count,
		.progress = isatty(STDERR_FILENO) == 1
	};

	return annotate_run(&o, stdout, stderr);
}
