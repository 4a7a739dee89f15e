/*
 * tcp_opt: TCP options (RFC 9293 §3.2), decoded, encoded and named.
 *
 * An option is kind, length, data, except EOL and NOP which are one byte.
 * Decoding keeps every option's raw bytes in data[] and, for the kinds the
 * views explain, the parsed values in the union.  Names follow tcpdump's
 * print-tcp.c, so what tcpstep shows is what tcpdump prints.
 */
#include "pkt.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "pkt_priv.h"

int
pkt_problem(struct pkt_problem *prob, enum pkt_status status, size_t offset,
    const char *fmt, ...)
{
	va_list ap;

	if (prob == NULL || prob->status != PKT_OK)
		return -1;
	prob->status = status;
	prob->offset = offset;
	va_start(ap, fmt);
	vsnprintf(prob->what, sizeof(prob->what), fmt, ap);
	va_end(ap);
	return -1;
}

/* Append to buf like snprintf, never past len; returns the new end. */
size_t
pkt_cat(char *buf, size_t len, size_t at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (at >= len)
		return at;
	va_start(ap, fmt);
	n = vsnprintf(buf + at, len - at, fmt, ap);
	va_end(ap);
	if (n < 0)
		return at;
	return (size_t)n >= len - at ? len - 1 : at + (size_t)n;
}

size_t
pkt_cat_hex(char *buf, size_t len, size_t at, const uint8_t *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		at = pkt_cat(buf, len, at, "%02x", d[i]);
	return at;
}

/* tcpdump's tcp_option_values table (print-tcp.c). */
static const struct {
	uint8_t		 kind;
	const char	*name;
} tcp_opt_names[] = {
	{ 0, "eol" }, { 1, "nop" }, { 2, "mss" }, { 3, "wscale" },
	{ 4, "sackOK" }, { 5, "sack" }, { 6, "echo" }, { 7, "echoreply" },
	{ 8, "TS" }, { 11, "cc" }, { 12, "ccnew" }, { 13, "ccecho" },
	{ 19, "md5" }, { 20, "scps" }, { 28, "uto" }, { 29, "tcp-ao" },
	{ 30, "mptcp" }, { 34, "tfo" }, { 254, "exp" }
};

const char *
tcp_opt_name(uint8_t kind)
{
	size_t i;

	for (i = 0; i < sizeof(tcp_opt_names) / sizeof(tcp_opt_names[0]); i++)
		if (tcp_opt_names[i].kind == kind)
			return tcp_opt_names[i].name;
	return NULL;
}

/* The one length a fixed-size option may have; 0 when the kind has none. */
static unsigned
tcp_opt_fixed_len(uint8_t kind)
{
	switch (kind) {
	case TCPOPT_MSS:
		return 4;
	case TCPOPT_WSCALE:
		return 3;
	case TCPOPT_SACK_PERM:
		return 2;
	case TCPOPT_TIMESTAMP:
		return 10;
	default:
		return 0;
	}
}

/*
 * Whether an option's length is one its kind allows (decoding keeps a
 * faulty option raw, its union zero).  A built option (len 0) is valid.
 */
bool
tcp_opt_valid(const struct tcp_opt *o)
{
	unsigned fixed = tcp_opt_fixed_len(o->kind);

	if (o->len == 0 || o->kind == TCPOPT_EOL || o->kind == TCPOPT_NOP)
		return true;
	if (fixed != 0)
		return o->len == fixed;
	if (o->kind == TCPOPT_SACK)
		return o->len >= 10 && (o->len - 2) % 8 == 0 &&
		    (o->len - 2) / 8 <= TCP_MAX_SACK;
	return o->len >= 2;
}

/* Fill the union from data[], once the length is known to be right. */
static void
tcp_opt_parse(struct tcp_opt *o)
{
	const uint8_t *d = o->data;
	int i;

	memset(&o->u, 0, sizeof(o->u));
	switch (o->kind) {
	case TCPOPT_MSS:
		o->u.mss = (uint16_t)(d[0] << 8 | d[1]);
		break;
	case TCPOPT_WSCALE:
		o->u.wscale = d[0];
		break;
	case TCPOPT_TIMESTAMP:
		o->u.ts.val = (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 |
		    (uint32_t)d[2] << 8 | d[3];
		o->u.ts.ecr = (uint32_t)d[4] << 24 | (uint32_t)d[5] << 16 |
		    (uint32_t)d[6] << 8 | d[7];
		break;
	case TCPOPT_SACK:
		o->u.sack.n = o->data_len / 8;
		for (i = 0; i < o->u.sack.n; i++, d += 8) {
			o->u.sack.left[i] = (uint32_t)d[0] << 24 |
			    (uint32_t)d[1] << 16 | (uint32_t)d[2] << 8 | d[3];
			o->u.sack.right[i] = (uint32_t)d[4] << 24 |
			    (uint32_t)d[5] << 16 | (uint32_t)d[6] << 8 | d[7];
		}
		break;
	case TCPOPT_MPTCP:
		/* RFC 8684 §3: the subtype is the high nibble of byte 3. */
		if (o->data_len > 0)
			o->u.mptcp_subtype = (uint8_t)(d[0] >> 4);
		break;
	default:
		break;
	}
}

/* Truncated when the capture ended inside the options, else invalid. */
static int
tcp_opt_short(const struct cursor *c, struct pkt_problem *prob, size_t at,
    const char *name, size_t have, size_t need)
{
	if (c->trunc)
		return pkt_problem(prob, PKT_TRUNC, at,
		    "truncated TCP option %s (%zu of %zu bytes)", name, have,
		    need);
	return pkt_problem(prob, PKT_INVALID, at,
	    "invalid TCP option %s: length %zu overruns the header "
	    "(%zu bytes left)", name, need, have);
}

/*
 * One option at the cursor into o.  The checks are RFC 9293 §3.1's: a
 * length below 2 or past the header is invalid; the fixed-size kinds must
 * have their size (a wrong one is how broken stacks and crafted packets
 * look), SACK a whole number of blocks (RFC 2018 §3).
 */
static int
tcp_opt_decode_one(struct cursor *c, struct tcp_opt *o,
    struct pkt_problem *prob)
{
	size_t at = c->off, fixed;
	char nbuf[16];
	const char *name;
	uint8_t len;

	memset(o, 0, sizeof(*o));
	o->kind = cursor_u8(c);
	o->len = 1;
	if (o->kind == TCPOPT_EOL || o->kind == TCPOPT_NOP)
		return 0;
	name = tcp_opt_name(o->kind);
	if (name == NULL) {
		snprintf(nbuf, sizeof(nbuf), "kind %u", o->kind);
		name = nbuf;
	}
	if (c->left < 1)
		return tcp_opt_short(c, prob, at, name, 1, 2);
	len = cursor_u8(c);
	if (len < 2)
		return pkt_problem(prob, PKT_INVALID, at,
		    "invalid TCP option %s length %u (< 2)", name, len);
	if ((size_t)len - 2 > c->left)
		return tcp_opt_short(c, prob, at, name, c->left + 2, len);
	if ((size_t)len - 2 > sizeof(o->data))
		return pkt_problem(prob, PKT_INVALID, at,
		    "invalid TCP option %s length %u (> 40)", name, len);
	o->len = len;
	o->data_len = (uint8_t)(len - 2);
	cursor_bytes(c, o->data, o->data_len);
	fixed = tcp_opt_fixed_len(o->kind);
	if (fixed != 0 && len != fixed)
		return pkt_problem(prob, PKT_INVALID, at,
		    "invalid TCP option %s length %u (!= %zu)", name, len,
		    fixed);
	if (o->kind == TCPOPT_SACK && (o->data_len == 0 ||
	    o->data_len % 8 != 0 || o->data_len / 8 > TCP_MAX_SACK))
		return pkt_problem(prob, PKT_INVALID, at,
		    "invalid TCP option sack length %u (not 2 + 8n)", len);
	tcp_opt_parse(o);
	return 0;
}

/*
 * Decode options until the cursor is used up or an EOL ends the list (the
 * bytes after EOL are padding, RFC 9293 §3.2).  Options decoded before a
 * problem stay in t->opts; the faulty one is kept too, as raw bytes, when
 * its length could be read.
 */
int
pkt_tcp_opts_decode(struct cursor *c, struct pkt_tcp *t,
    struct pkt_problem *prob)
{
	struct tcp_opt *o;

	t->n_opts = 0;
	while (c->left > 0 && t->n_opts < TCP_MAX_OPTS) {
		o = &t->opts[t->n_opts];
		if (tcp_opt_decode_one(c, o, prob) == -1) {
			if (o->len > 1)
				t->n_opts++;
			return -1;
		}
		t->n_opts++;
		if (o->kind == TCPOPT_EOL)
			break;
	}
	if (c->trunc && c->left == 0 && t->n_opts < TCP_MAX_OPTS)
		return pkt_problem(prob, PKT_TRUNC, c->off,
		    "truncated TCP options");
	return 0;
}

/* The length an option encodes to: the canonical one for parsed kinds. */
static size_t
tcp_opt_enc_len(const struct tcp_opt *o)
{
	switch (o->kind) {
	case TCPOPT_EOL:
	case TCPOPT_NOP:
		return 1;
	case TCPOPT_MSS:
	case TCPOPT_WSCALE:
	case TCPOPT_SACK_PERM:
	case TCPOPT_TIMESTAMP:
		return tcp_opt_fixed_len(o->kind);
	case TCPOPT_SACK:
		return 2 + 8 * (size_t)(o->u.sack.n < 0 ? 0 :
		    o->u.sack.n > TCP_MAX_SACK ? TCP_MAX_SACK : o->u.sack.n);
	default:
		return 2 + (size_t)(o->data_len > sizeof(o->data) ?
		    sizeof(o->data) : o->data_len);
	}
}

/*
 * The parsed kinds (MSS, window scale, SACK-permitted, timestamps, SACK)
 * are written from the union, so a caller sets only kind and value; every
 * other kind (TFO, MPTCP, unknown) is written from data[0..data_len).
 * o->len is ignored: the length written is always the right one.
 */
void
pkt_tcp_opt_encode(struct wbuf *w, const struct tcp_opt *o)
{
	size_t len = tcp_opt_enc_len(o);
	int i;

	wbuf_u8(w, o->kind);
	if (len == 1)
		return;
	wbuf_u8(w, (uint8_t)len);
	switch (o->kind) {
	case TCPOPT_MSS:
		wbuf_be16(w, o->u.mss);
		break;
	case TCPOPT_WSCALE:
		wbuf_u8(w, o->u.wscale);
		break;
	case TCPOPT_SACK_PERM:
		break;
	case TCPOPT_TIMESTAMP:
		wbuf_be32(w, o->u.ts.val);
		wbuf_be32(w, o->u.ts.ecr);
		break;
	case TCPOPT_SACK:
		for (i = 0; (size_t)i < (len - 2) / 8; i++) {
			wbuf_be32(w, o->u.sack.left[i]);
			wbuf_be32(w, o->u.sack.right[i]);
		}
		break;
	default:
		wbuf_bytes(w, o->data, len - 2);
		break;
	}
}

/*
 * One option as tcpdump -nn prints it inside "options [...]".  A decoded
 * option is printed from its own bytes (so a wrong length shows as tcpdump
 * shows it), one built by a caller from what it encodes to.  SACK edges
 * are absolute here (tcpdump -S); pkt_print makes them relative.
 */
const char *
tcp_opt_str(const struct tcp_opt *o, char *buf, size_t len)
{
	uint8_t raw[2 + sizeof(o->data)];
	struct wbuf w;
	size_t at = 0;

	if (buf == NULL || len == 0)
		return "";
	buf[0] = '\0';
	wbuf_init(&w, raw, sizeof(raw));
	if (o->len >= 2 && (size_t)o->data_len + 2 == o->len) {
		wbuf_u8(&w, o->kind);
		wbuf_u8(&w, o->len);
		wbuf_bytes(&w, o->data, o->data_len);
	} else
		pkt_tcp_opt_encode(&w, o);
	if (w.overflow)
		return buf;
	(void)tcp_opts_tcpdump(buf, len, &at, raw, w.len, w.len, -1, 0);
	/* A lone option: tcpdump would stop after EOL, not print a "," */
	return buf;
}
