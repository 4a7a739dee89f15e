/*
 * tcp_opt_print: TCP options as tcpdump 4.99 prints them, from their raw
 * bytes.  It follows print-tcp.c's loop: the length checks against the
 * header (LENCHECK: "[bad opt]") and the capture (" [|tcp]"), "[len N]"
 * after an option whose length is not its kind's, after which tcpdump reads
 * on from where it thinks the option ended; the kinds it names with their
 * own format (echo, cc, md5, scps, uto, tcp-ao, tfo, exp, mptcp).  Both the
 * per-option tcp_opt_str and pkt_print's whole line use it, so the two
 * never disagree.
 */
#include "pkt.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "pkt_priv.h"

struct to_walk;
static void	to_cat(struct to_walk *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * tcpdump's option loop (print-tcp.c) over the raw bytes, so that odd
 * options print as tcpdump prints them: its length checks against the
 * header (LENCHECK: "[bad opt]"), against the capture (" [|tcp]"), and
 * "[len N]" where an option's length is not its kind's, after which
 * tcpdump reads on from where it thinks the option ended.
 */
struct to_walk {
	char		*buf;
	size_t		 len, at;
	const uint8_t	*cp;		/* the next byte */
	size_t		 cap;		/* bytes captured from cp on */
	size_t		 hlen;		/* header bytes left, as tcpdump counts */
};

static enum tcp_opts_end
to_lencheck(const struct to_walk *w, size_t l)
{
	if (l > w->hlen)
		return TCP_OPTS_BAD;
	return l > w->cap ? TCP_OPTS_TRUNC : TCP_OPTS_OK;
}

static uint32_t
to_get32(const uint8_t *d)
{
	return (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 |
	    (uint32_t)d[2] << 8 | d[3];
}

/* print_tcp_fastopen_option */
static void
to_tfo(struct to_walk *w, const uint8_t *d, size_t n)
{
	size_t i;

	if (n == 0) {
		to_cat(w, " cookiereq");
		return;
	}
	if (n % 2 != 0 || n < 4 || n > 16) {
		to_cat(w, " (invalid)");
		return;
	}
	to_cat(w, " cookie ");
	for (i = 0; i < n; i++)
		to_cat(w, "%02x", d[i]);
}

/* Print one option's data; *datalen gets what tcpdump thinks it used. */
static enum tcp_opts_end
to_opt(struct to_walk *w, uint8_t opt, unsigned len, int th_flags,
    uint32_t sack_base, size_t *datalen)
{
	const uint8_t *d = w->cp;
	struct tcp_opt o;
	enum tcp_opts_end e = TCP_OPTS_OK;
	size_t i, n = len >= 2 ? len - 2u : 0;
	unsigned v;
	bool ok;

	*datalen = 0;
	switch (opt) {
	case TCPOPT_EOL:
	case TCPOPT_NOP:
	case TCPOPT_SACK_PERM:
		return TCP_OPTS_OK;
	case TCPOPT_MSS:
	case TCPOPT_WSCALE:
	case 20:				/* SCPS */
	case 28:				/* UTO */
		*datalen = opt == TCPOPT_WSCALE ? 1 : 2;
		if ((e = to_lencheck(w, *datalen)) != TCP_OPTS_OK)
			return e;
		if (opt == TCPOPT_MSS)
			to_cat(w, " %u", (unsigned)(d[0] << 8 | d[1]));
		else if (opt == TCPOPT_WSCALE)
			to_cat(w, " %u", d[0]);
		else if (opt == 20)
			to_cat(w, " cap %02x id %u", d[0], d[1]);
		else {
			v = (unsigned)(d[0] << 8 | d[1]);
			to_cat(w, " 0x%x %u", v, v & 1 ? (v >> 1) * 60 :
			    v >> 1);
		}
		return TCP_OPTS_OK;
	case 6: case 7: case 11: case 12: case 13:	/* echo, cc, ... */
	case TCPOPT_TIMESTAMP:
		*datalen = opt == TCPOPT_TIMESTAMP ? 8 : 4;
		if ((e = to_lencheck(w, *datalen)) != TCP_OPTS_OK)
			return e;
		if (opt == TCPOPT_TIMESTAMP)
			to_cat(w, " val %u ecr %u", to_get32(d),
			    to_get32(d + 4));
		else
			to_cat(w, " %u", to_get32(d));
		return TCP_OPTS_OK;
	case TCPOPT_SACK:
		*datalen = n;
		if (n % 8 != 0) {
			to_cat(w, " invalid sack");
			return TCP_OPTS_OK;
		}
		to_cat(w, " %zu ", n / 8);
		for (i = 0; i < n; i += 8) {
			if ((e = to_lencheck(w, i + 8)) != TCP_OPTS_OK)
				return e;
			to_cat(w, "{%u:%u}", to_get32(d + i) - sack_base,
			    to_get32(d + i + 4) - sack_base);
		}
		return TCP_OPTS_OK;
	case 19:				/* TCP MD5 signature */
		*datalen = 16;
		if ((e = to_lencheck(w, 16)) != TCP_OPTS_OK)
			return e;
		/* What tcpdump 4.99 with libcrypto says without -M. */
		to_cat(w, " shared secret not supplied with -M, can't "
		    "check - ");
		for (i = 0; i < 16; i++)
			to_cat(w, "%02x", d[i]);
		return TCP_OPTS_OK;
	case 29:				/* TCP-AO, RFC 5925 */
		*datalen = n;
		if (n < 2) {
			to_cat(w, " (invalid)");
			return TCP_OPTS_OK;
		}
		if ((e = to_lencheck(w, 1)) != TCP_OPTS_OK)
			return e;
		to_cat(w, " keyid %u", d[0]);
		if ((e = to_lencheck(w, 2)) != TCP_OPTS_OK)
			return e;
		to_cat(w, " rnextkeyid %u", d[1]);
		if (n > 2)
			to_cat(w, " mac 0x");
		for (i = 2; i < n; i++) {
			if ((e = to_lencheck(w, i + 1)) != TCP_OPTS_OK)
				return e;
			to_cat(w, "%02x", d[i]);
		}
		return TCP_OPTS_OK;
	case TCPOPT_MPTCP:
		*datalen = n;
		if ((e = to_lencheck(w, n)) != TCP_OPTS_OK)
			return e;
		memset(&o, 0, sizeof(o));
		o.kind = opt;
		o.len = (uint8_t)len;
		o.data_len = (uint8_t)n;
		memcpy(o.data, d, n);
		o.u.mptcp_subtype = n > 0 ? (uint8_t)(d[0] >> 4) : 0;
		to_cat(w, " %u", len);
		w->at = tcp_mptcp_str(w->buf, w->len, w->at, &o, th_flags, &ok);
		return ok ? TCP_OPTS_OK : TCP_OPTS_BAD;
	case TCPOPT_TFO:
	case 254:
		*datalen = n;
		if ((e = to_lencheck(w, n)) != TCP_OPTS_OK)
			return e;
		if (opt == TCPOPT_TFO) {
			to_cat(w, " ");
			to_tfo(w, d, n);
			return TCP_OPTS_OK;
		}
		if (n < 2)
			return TCP_OPTS_BAD;
		to_cat(w, "-");
		if ((d[0] << 8 | d[1]) == 0xf989) {
			to_cat(w, "tfo");
			to_tfo(w, d + 2, n - 2);
		} else
			to_cat(w, "%02x%02x", d[0], d[1]);
		return TCP_OPTS_OK;
	default:
		*datalen = n;
		if (n > 0)
			to_cat(w, " 0x");
		for (i = 0; i < n; i++) {
			if ((e = to_lencheck(w, i + 1)) != TCP_OPTS_OK)
				return e;
			to_cat(w, "%02x", d[i]);
		}
		return TCP_OPTS_OK;
	}
}

static void
to_adv(struct to_walk *w, size_t n)
{
	w->cp += n;
	w->cap = n > w->cap ? 0 : w->cap - n;
}

static void
to_cat(struct to_walk *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (w->len == 0 || w->at + 1 >= w->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(w->buf + w->at, w->len - w->at, fmt, ap);
	va_end(ap);
	if (n >= 0)
		w->at = (size_t)n >= w->len - w->at ? w->len - 1 :
		    w->at + (size_t)n;
}

enum tcp_opts_end
tcp_opts_tcpdump(char *buf, size_t len_, size_t *at, const uint8_t *p,
    size_t cap, size_t hlen, int th_flags, uint32_t sack_base)
{
	struct to_walk w;
	enum tcp_opts_end e = TCP_OPTS_OK;
	size_t datalen;
	const char *name;
	unsigned len;
	uint8_t opt;
	bool ch = false;

	w.buf = buf;
	w.len = len_;
	w.at = *at;
	w.cp = p;
	w.cap = p == NULL ? 0 : cap;
	w.hlen = hlen;
	while (w.hlen > 0) {
		if (ch)
			to_cat(&w, ",");
		if (w.cap < 1 && (e = TCP_OPTS_TRUNC))
			break;
		opt = w.cp[0];
		to_adv(&w, 1);
		len = 1;
		if (opt != TCPOPT_EOL && opt != TCPOPT_NOP) {
			if (w.cap < 1 && (e = TCP_OPTS_TRUNC))
				break;
			len = w.cp[0];
			to_adv(&w, 1);
			if ((len < 2 || len > w.hlen) && (e = TCP_OPTS_BAD))
				break;
			w.hlen--;
		}
		w.hlen--;
		name = tcp_opt_name(opt);
		if (name != NULL)
			to_cat(&w, "%s", name);
		else
			to_cat(&w, "unknown-%u", opt);
		if ((e = to_opt(&w, opt, len, th_flags, sack_base, &datalen)) !=
		    TCP_OPTS_OK)
			break;
		to_adv(&w, datalen);
		w.hlen -= datalen;
		if (datalen + 1 + (opt != TCPOPT_EOL && opt != TCPOPT_NOP) !=
		    len)
			to_cat(&w, "[len %u]", len);
		ch = true;
		if (opt == TCPOPT_EOL)
			break;
	}
	if (e == TCP_OPTS_BAD)
		to_cat(&w, "[bad opt]%s", ch ? "]" : "");
	else if (e == TCP_OPTS_TRUNC)
		to_cat(&w, " [|tcp]%s", ch ? ">" : "");
	*at = w.at;
	return e;
}

