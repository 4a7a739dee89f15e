/*
 * tcp_mptcp: Multipath TCP's option (RFC 8684 §3, kind 30) in tcpdump's
 * words.  The first data byte's high nibble is the subtype; each subtype
 * has a few valid lengths, some only on a SYN or only without one, which is
 * why the segment's flags are needed.  A length tcpdump rejects makes it
 * print "[bad opt]" and stop: *ok says so.
 */
#include "pkt.h"

#include <stdbool.h>
#include <stdio.h>

#include "pkt_priv.h"

#define MP_CAPABLE_C	0x80		/* checksum required */
#define MP_JOIN_B	0x01		/* backup subflow */
#define MP_DSS_F	0x10		/* DATA_FIN */
#define MP_DSS_m	0x08		/* DSN is 8 bytes */
#define MP_DSS_M	0x04		/* DSN, SSN, length present */
#define MP_DSS_a	0x02		/* Data ACK is 8 bytes */
#define MP_DSS_A	0x01		/* Data ACK present */

static const char *const mptcp_names[] = {
	"capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail",
	"fast-close", "unknown"
};

/* A length tcpdump rejects: it prints "[bad opt]" and stops. */
static size_t
mp_bad(bool *ok, size_t at)
{
	*ok = false;
	return at;
}

/* Big-endian integers at o->data + off, where off counts from the kind. */
static uint64_t
mp_be(const struct tcp_opt *o, size_t off, size_t n)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v << 8 | o->data[off - 2 + i];
	return v;
}

static bool
mp_syn(int fl)
{
	return fl < 0 || (fl & TH_SYN);
}

static bool
mp_ack_only(int fl)
{
	return fl < 0 || (fl & (TH_SYN | TH_ACK)) == TH_ACK;
}

static size_t
mp_capable(char *b, size_t len, size_t at, const struct tcp_opt *o, int fl,
    bool *ok)
{
	unsigned ol = o->len, ver = o->data[0] & 0x0f;

	if (!((ol == 12 || ol == 4) && mp_syn(fl)) &&
	    !((ol == 20 || ol == 22) && mp_ack_only(fl)))
		return mp_bad(ok, at);
	if (ver > 1)
		return pkt_cat(b, len, at, " Unknown Version (%u)", ver);
	at = pkt_cat(b, len, at, " v%u", ver);
	if (o->data[1] & MP_CAPABLE_C)
		at = pkt_cat(b, len, at, " csum");
	if (ol == 12 || ol >= 20) {
		at = pkt_cat(b, len, at, " {0x%llx",
		    (unsigned long long)mp_be(o, 4, 8));
		if (ol >= 20)
			at = pkt_cat(b, len, at, ",0x%llx",
			    (unsigned long long)mp_be(o, 12, 8));
		at = pkt_cat(b, len, at, "}");
	}
	return at;
}

static size_t
mp_join(char *b, size_t len, size_t at, const struct tcp_opt *o, int fl,
    bool *ok)
{
	unsigned ol = o->len;

	if (!(ol == 12 && mp_syn(fl)) &&
	    !(ol == 16 && (fl < 0 || (fl & (TH_SYN | TH_ACK)) ==
	    (TH_SYN | TH_ACK))) && !(ol == 24 && (fl < 0 || (fl & TH_ACK))))
		return mp_bad(ok, at);
	if (ol != 24) {
		if (o->data[0] & MP_JOIN_B)
			at = pkt_cat(b, len, at, " backup");
		at = pkt_cat(b, len, at, " id %u", o->data[1]);
	}
	if (ol == 12)
		at = pkt_cat(b, len, at, " token 0x%x nonce 0x%x",
		    (unsigned)mp_be(o, 4, 4), (unsigned)mp_be(o, 8, 4));
	else if (ol == 16)
		at = pkt_cat(b, len, at, " hmac 0x%llx nonce 0x%x",
		    (unsigned long long)mp_be(o, 4, 8),
		    (unsigned)mp_be(o, 12, 4));
	else {
		at = pkt_cat(b, len, at, " hmac 0x");
		at = pkt_cat_hex(b, len, at, o->data + 2, 20);
	}
	return at;
}

/* A 4- or 8-byte number at *off if the option holds it. */
static bool
mp_num(char *b, size_t len, size_t *at, const struct tcp_opt *o,
    size_t *off, bool wide)
{
	size_t n = wide ? 8 : 4;

	if (*off + n > o->len)
		return false;
	*at = pkt_cat(b, len, *at, "%llu", (unsigned long long)mp_be(o, *off,
	    n));
	*off += n;
	return true;
}

/* Data Sequence Signal (RFC 8684 §3.3): each part there if its flag is. */
static size_t
mp_dss(char *b, size_t len, size_t at, const struct tcp_opt *o, int fl,
    bool *ok)
{
	size_t off = 4;
	uint8_t f;

	if (o->len < 4 || (fl >= 0 && (fl & TH_SYN)))
		return mp_bad(ok, at);
	f = o->data[1];
	if (f & MP_DSS_F)
		at = pkt_cat(b, len, at, " fin");
	if (f & MP_DSS_A) {
		at = pkt_cat(b, len, at, " ack ");
		if (!mp_num(b, len, &at, o, &off, f & MP_DSS_a))
			return mp_bad(ok, at);
	}
	if (f & MP_DSS_M) {
		at = pkt_cat(b, len, at, " seq ");
		if (!mp_num(b, len, &at, o, &off, f & MP_DSS_m) ||
		    off + 6 > o->len)
			return mp_bad(ok, at);
		at = pkt_cat(b, len, at, " subseq %u len %u",
		    (unsigned)mp_be(o, off, 4), (unsigned)mp_be(o, off + 4, 2));
		off += 6;
		if (off + 2 <= o->len) {
			at = pkt_cat(b, len, at, " csum 0x%x",
			    (unsigned)mp_be(o, off, 2));
			off += 2;
		}
	}
	if (off != o->len)
		*ok = false;
	return at;
}

static size_t
mp_add_addr(char *b, size_t len, size_t at, const struct tcp_opt *o,
    bool *ok)
{
	static const char *const echo[16] = {
		[0x0] = "v1", [0x1] = "v1-echo", [0x4] = "v0-ip4",
		[0x6] = "v0-ip6"
	};
	struct pkt_addr a = { 0, { 0 } };
	unsigned ol = o->len;
	const char *e = echo[o->data[0] & 0x0f];
	char s[64];
	size_t alen;

	if (ol != 8 && ol != 10 && ol != 16 && ol != 18 && ol != 20 &&
	    ol != 22 && ol != 28 && ol != 30)
		return mp_bad(ok, at);
	at = pkt_cat(b, len, at, " %s id %u", e != NULL ? e :
	    "[bad version/echo]", o->data[1]);
	a.family = ol == 8 || ol == 10 || ol == 16 || ol == 18 ? 4 : 6;
	alen = a.family == 4 ? 4 : 16;
	for (size_t i = 0; i < alen; i++)
		a.a[i] = o->data[2 + i];
	at = pkt_cat(b, len, at, " %s", pkt_addr_str(&a, s, sizeof(s)));
	/* Port when the length is 2 more than without; then the HMAC. */
	if (ol == 10 || ol == 18 || ol == 22 || ol == 30)
		at = pkt_cat(b, len, at, ":%u", (unsigned)mp_be(o, 4 + alen,
		    2));
	if (ol == 16 || ol == 28)
		at = pkt_cat(b, len, at, " hmac 0x%llx",
		    (unsigned long long)mp_be(o, 4 + alen, 8));
	if (ol == 18 || ol == 30)
		at = pkt_cat(b, len, at, " hmac 0x%llx",
		    (unsigned long long)mp_be(o, 6 + alen, 8));
	return at;
}

size_t
tcp_mptcp_str(char *b, size_t len, size_t at, const struct tcp_opt *o,
    int fl, bool *ok)
{
	unsigned st, i;

	*ok = true;
	if (o->len < 3 || o->data_len + 2u != o->len)
		return mp_bad(ok, at);
	st = o->data[0] >> 4;
	if (st > 8)
		st = 8;
	at = pkt_cat(b, len, at, " %s", mptcp_names[st]);
	switch (st) {
	case 0:
		return mp_capable(b, len, at, o, fl, ok);
	case 1:
		return mp_join(b, len, at, o, fl, ok);
	case 2:
		return mp_dss(b, len, at, o, fl, ok);
	case 3:
		return mp_add_addr(b, len, at, o, ok);
	case 4:					/* REMOVE_ADDR: ids */
		if (o->len < 4)
			return mp_bad(ok, at);
		at = pkt_cat(b, len, at, " id");
		for (i = 3; i < o->len; i++)
			at = pkt_cat(b, len, at, " %u", o->data[i - 2]);
		return at;
	case 5:					/* MP_PRIO */
		if (o->len != 3 && o->len != 4)
			return mp_bad(ok, at);
		at = pkt_cat(b, len, at, (o->data[0] & 1) ? " backup" :
		    " non-backup");
		if (o->len == 4)
			at = pkt_cat(b, len, at, " id %u", o->data[1]);
		return at;
	case 6:					/* MP_FAIL */
	case 7:					/* MP_FASTCLOSE */
		if (o->len != 12)
			return mp_bad(ok, at);
		return pkt_cat(b, len, at, st == 6 ? " seq %llu" :
		    " key 0x%llx", (unsigned long long)mp_be(o, 4, 8));
	default:
		return at;
	}
}
