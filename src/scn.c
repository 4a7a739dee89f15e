/*
 * scn: the scenario format (scenarios/README.md).  Line-oriented: '#'
 * starts a comment, words are split on blanks, a "quoted string" takes the
 * escapes \n \r \t \\ \" and \xNN.  The parser is the only reader of
 * scenario files, which are untrusted: every number is range-checked,
 * every table bounded, and each error is "origin:line: what".
 */
#include "scn.h"

#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "safe.h"
#include "sim.h"
#include "xalloc.h"

#define SCN_MAX_WORDS	16
#define SCN_MAX_WORD	1024
#define SCN_MAX_US	(24ull * 3600 * 1000000)	/* a day */

static const char *const scn_ops[SCN_OP_COUNT] = {
	"socket", "bind", "listen", "accept", "connect", "send", "recv",
	"shutdown", "close", "reboot"
};

static const char *const scn_kinds[SK_COUNT] = {
	"segment", "syn", "synack", "ack", "data", "fin", "rst"
};

static const char *const scn_faults[] = {
	"none", "drop", "duplicate", "delay", "reorder", "corrupt"
};

const char *
scn_op_name(int op)
{
	return op >= 0 && op < SCN_OP_COUNT ? scn_ops[op] : "?";
}

const char *
scn_segkind_name(int kind)
{
	return kind >= 0 && kind < SK_COUNT ? scn_kinds[kind] : "?";
}

const char *
scn_fault_name(int action)
{
	return action >= 0 && action <= SIM_FAULT_CORRUPT ?
	    scn_faults[action] : "?";
}

/* One line, split into words. */
struct scn_line {
	const char	*origin;
	int		 no;
	int		 n;
	char		 w[SCN_MAX_WORDS][SCN_MAX_WORD];
	size_t		 wlen[SCN_MAX_WORDS];
	bool		 quoted[SCN_MAX_WORDS];
	const char	*rest[SCN_MAX_WORDS];	/* the line from word i on */
	size_t		 restlen[SCN_MAX_WORDS];
};

static int
scn_err(struct ts_err *err, const struct scn_line *l, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
scn_err(struct ts_err *err, const struct scn_line *l, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return ts_err_set(err, "%s:%d: %s", l->origin, l->no, what);
}

/* A word as it may appear in a message: escaped, cut short. */
static const char *
scn_show(const struct scn_line *l, int i, char *buf, size_t len)
{
	size_t n = l->wlen[i] > 40 ? 40 : l->wlen[i];

	safe_escape(buf, len, l->w[i], n, false);
	return buf;
}

static int
scn_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Split p[0..n) into words; -1 with err on a bad quote or a long line. */
static int
scn_split(struct scn_line *l, const char *p, size_t n, struct ts_err *err)
{
	size_t i = 0;

	l->n = 0;
	for (;;) {
		size_t k = 0;
		char *w;

		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i >= n || p[i] == '#')
			return 0;
		if (l->n == SCN_MAX_WORDS)
			return scn_err(err, l, "too many words (at most %d)",
			    SCN_MAX_WORDS);
		w = l->w[l->n];
		l->rest[l->n] = p + i;
		l->restlen[l->n] = n - i;
		l->quoted[l->n] = p[i] == '"';
		if (p[i] != '"') {
			while (i < n && p[i] != ' ' && p[i] != '\t') {
				if (k + 1 >= SCN_MAX_WORD)
					return scn_err(err, l, "word too long");
				w[k++] = p[i++];
			}
		} else {
			i++;
			for (;;) {
				int c, h1, h2;

				if (i >= n)
					return scn_err(err, l,
					    "unterminated string");
				c = (unsigned char)p[i++];
				if (c == '"')
					break;
				if (c == '\\') {
					if (i >= n)
						return scn_err(err, l,
						    "unterminated string");
					c = (unsigned char)p[i++];
					switch (c) {
					case 'n': c = '\n'; break;
					case 'r': c = '\r'; break;
					case 't': c = '\t'; break;
					case '\\': case '"': break;
					case 'x':
						h1 = i < n ? scn_hex(p[i]) : -1;
						h2 = i + 1 < n ?
						    scn_hex(p[i + 1]) : -1;
						if (h1 < 0 || h2 < 0)
							return scn_err(err, l,
							    "bad \\x escape");
						c = h1 * 16 + h2;
						i += 2;
						break;
					default:
						return scn_err(err, l,
						    "unknown escape \\%c",
						    c >= 32 && c < 127 ? c : '?');
					}
				}
				if (k + 1 >= SCN_MAX_WORD)
					return scn_err(err, l,
					    "string too long (at most %d bytes)",
					    SCN_MAX_WORD - 1);
				w[k++] = (char)c;
			}
			if (i < n && p[i] != ' ' && p[i] != '\t' && p[i] != '#')
				return scn_err(err, l,
				    "text after a closing quote");
		}
		w[k] = '\0';
		l->wlen[l->n] = k;
		l->n++;
	}
}

static bool
scn_is(const struct scn_line *l, int i, const char *s)
{
	return i < l->n && !l->quoted[i] && strcmp(l->w[i], s) == 0;
}

/* A decimal number in [lo, hi]. */
static int
scn_num(const struct scn_line *l, int i, uint64_t lo, uint64_t hi,
    const char *what, uint64_t *out, struct ts_err *err)
{
	char show[200];
	unsigned long long v;
	char *end;

	if (i >= l->n)
		return scn_err(err, l, "missing %s", what);
	errno = 0;
	v = strtoull(l->w[i], &end, 10);
	if (l->quoted[i] || l->w[i][0] < '0' || l->w[i][0] > '9' ||
	    errno != 0 || *end != '\0' || v < lo || v > hi)
		return scn_err(err, l, "invalid %s \"%s\" (%llu to %llu)",
		    what, scn_show(l, i, show, sizeof(show)),
		    (unsigned long long)lo, (unsigned long long)hi);
	*out = v;
	return 0;
}

/* A duration: a whole number and a unit, "100us", "40ms", "2s". */
static int
scn_dur(const struct scn_line *l, int i, const char *what, uint64_t *out,
    struct ts_err *err)
{
	static const struct { const char *u; uint64_t mul; } units[] = {
		{ "us", 1 }, { "ms", 1000 }, { "s", 1000000 },
		{ "min", 60000000 }, { "h", 3600000000ull },
	};
	char show[200];
	unsigned long long v;
	char *end;

	if (i >= l->n)
		return scn_err(err, l, "missing %s", what);
	errno = 0;
	v = strtoull(l->w[i], &end, 10);
	if (!l->quoted[i] && l->w[i][0] >= '0' && l->w[i][0] <= '9' &&
	    errno == 0 && end != l->w[i])
		for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++)
			if (strcmp(end, units[k].u) == 0 &&
			    v <= SCN_MAX_US / units[k].mul) {
				*out = v * units[k].mul;
				return 0;
			}
	return scn_err(err, l, "invalid %s \"%s\" (a number and us, ms, s, "
	    "min or h, at most a day)", what, scn_show(l, i, show, sizeof(show)));
}

static int
scn_host(const struct scn_line *l, int i, struct ts_err *err)
{
	char show[200];

	if (scn_is(l, i, "client"))
		return SIM_CLIENT;
	if (scn_is(l, i, "server"))
		return SIM_SERVER;
	if (i >= l->n)
		scn_err(err, l, "missing host (client or server)");
	else
		scn_err(err, l, "unknown host \"%s\" (client or server)",
		    scn_show(l, i, show, sizeof(show)));
	return -1;
}

static int
scn_words(const struct scn_line *l, int want, const char *usage,
    struct ts_err *err)
{
	if (l->n != want)
		return scn_err(err, l, "%s: expected \"%s\"", l->w[0], usage);
	return 0;
}

static int
scn_call(struct scn *sc, const struct scn_line *l, int host,
    struct ts_err *err)
{
	struct scn_call c;
	char show[200];
	uint64_t v;
	int i = 1, op = -1;

	memset(&c, 0, sizeof(c));
	c.host = (uint8_t)host;
	c.line = l->no;
	if (scn_is(l, 1, "at")) {
		if (scn_dur(l, 2, "time", &c.at_us, err) == -1)
			return -1;
		c.has_at = true;
		i = 3;
	}
	if (i >= l->n)
		return scn_err(err, l, "missing call after \"%s\"", l->w[0]);
	for (int k = 0; k < SCN_OP_COUNT; k++)
		if (scn_is(l, i, scn_ops[k]))
			op = k;
	if (op < 0)
		return scn_err(err, l, "unknown call \"%s\"",
		    scn_show(l, i, show, sizeof(show)));
	c.op = (uint8_t)op;
	switch (op) {
	case SCN_BIND:
	case SCN_CONNECT:
		if (scn_num(l, i + 1, 1, 65535, "port", &v, err) == -1)
			return -1;
		c.arg = (uint32_t)v;
		break;
	case SCN_LISTEN:
		if (scn_num(l, i + 1, 0, 4096, "backlog", &v, err) == -1)
			return -1;
		c.arg = (uint32_t)v;
		break;
	case SCN_RECV:
		if (scn_num(l, i + 1, 1, 65536, "byte count", &v, err) == -1)
			return -1;
		c.arg = (uint32_t)v;
		break;
	case SCN_SEND:
		if (i + 1 < l->n && l->quoted[i + 1]) {
			if (l->wlen[i + 1] == 0)
				return scn_err(err, l, "send: empty text");
			if (sc->ndata + l->wlen[i + 1] > SCN_MAX_TEXT)
				return scn_err(err, l, "too much text");
			sc->data = xrealloc(sc->data, sc->ndata +
			    l->wlen[i + 1], 1);
			memcpy(sc->data + sc->ndata, l->w[i + 1],
			    l->wlen[i + 1]);
			c.text = true;
			c.data_off = (uint32_t)sc->ndata;
			c.data_len = (uint32_t)l->wlen[i + 1];
			sc->ndata += l->wlen[i + 1];
		} else {
			if (scn_num(l, i + 1, 1, 16u << 20, "byte count", &v,
			    err) == -1)
				return -1;
			c.arg = (uint32_t)v;
		}
		break;
	default:
		if (l->n != i + 1)
			return scn_err(err, l, "%s takes no argument",
			    scn_ops[op]);
		break;
	}
	if (op != SCN_SOCKET && op != SCN_ACCEPT && op != SCN_SHUTDOWN &&
	    op != SCN_CLOSE && op != SCN_REBOOT && l->n != i + 2)
		return scn_err(err, l, "%s takes one argument", scn_ops[op]);
	if (sc->ncall == SCN_MAX_CALLS)
		return scn_err(err, l, "too many calls (at most %d)",
		    SCN_MAX_CALLS);
	if (sc->ncall == sc->capcall) {
		sc->capcall = sc->capcall ? sc->capcall * 2 : 32;
		sc->call = xrealloc(sc->call, sc->capcall, sizeof(*sc->call));
	}
	sc->call[sc->ncall++] = c;
	return 0;
}

/* "1,2,5" */
static int
scn_nths(const struct scn_line *l, int i, struct scn_fault *f,
    struct ts_err *err)
{
	const char *p = l->w[i];
	char show[200];

	f->nnth = 0;
	for (;;) {
		unsigned long v = 0;
		int digits = 0;

		while (*p >= '0' && *p <= '9' && digits < 10) {
			v = v * 10 + (unsigned long)(*p++ - '0');
			digits++;
		}
		if (digits == 0 || v == 0 || v > 1000000 ||
		    (*p != ',' && *p != '\0'))
			return scn_err(err, l, "invalid segment number list "
			    "\"%s\" (e.g. 1 or 1,2)",
			    scn_show(l, i, show, sizeof(show)));
		if (f->nnth == SCN_MAX_NTH)
			return scn_err(err, l, "too many segment numbers "
			    "(at most %d)", SCN_MAX_NTH);
		f->nth[f->nnth++] = (uint32_t)v;
		if (*p == '\0')
			return 0;
		p++;
	}
}

/* fault ACTION [HOST] [KIND] (N[,N...] | random PERCENT) [DURATION] */
static int
scn_fault(struct scn *sc, const struct scn_line *l, struct ts_err *err)
{
	struct scn_fault f;
	char show[200];
	uint64_t v;
	int i = 2;

	memset(&f, 0, sizeof(f));
	f.host = -1;
	for (int k = 1; k <= SIM_FAULT_CORRUPT; k++)
		if (scn_is(l, 1, scn_faults[k]))
			f.action = (uint8_t)k;
	if (f.action == 0)
		return scn_err(err, l, l->n < 2 ? "fault: missing action" :
		    "fault: unknown action \"%s\" (drop, duplicate, delay, "
		    "reorder, corrupt)", l->n < 2 ? "" :
		    scn_show(l, 1, show, sizeof(show)));
	if (scn_is(l, i, "client") || scn_is(l, i, "server"))
		f.host = (int8_t)scn_host(l, i++, err);
	for (int k = 0; k < SK_COUNT; k++)
		if (scn_is(l, i, scn_kinds[k])) {
			f.kind = (uint8_t)k;
			i++;
			break;
		}
	if (scn_is(l, i, "random")) {
		const char *w;
		size_t n;
		char num[16];

		if (++i >= l->n)
			return scn_err(err, l, "fault: missing percentage");
		w = l->w[i];
		n = l->wlen[i];
		if (n < 2 || n > 4 || w[n - 1] != '%')
			return scn_err(err, l, "fault: invalid percentage "
			    "\"%s\" (e.g. 10%%)",
			    scn_show(l, i, show, sizeof(show)));
		memcpy(num, w, n - 1);
		num[n - 1] = '\0';
		v = strtoull(num, NULL, 10);
		if (num[0] < '0' || num[0] > '9' || v < 1 || v > 100 ||
		    strspn(num, "0123456789") != n - 1)
			return scn_err(err, l, "fault: invalid percentage "
			    "\"%s\" (1%% to 100%%)",
			    scn_show(l, i, show, sizeof(show)));
		f.percent = (uint8_t)v;
		i++;
	} else {
		if (i >= l->n)
			return scn_err(err, l, "fault: missing segment number");
		if (scn_nths(l, i++, &f, err) == -1)
			return -1;
	}
	if (f.action == SIM_FAULT_DELAY) {
		if (scn_dur(l, i++, "delay", &v, err) == -1)
			return -1;
		if (v > UINT32_MAX)
			return scn_err(err, l, "fault: delay too long");
		f.delay_us = (uint32_t)v;
	}
	if (i < l->n)
		return scn_err(err, l, "fault: unexpected \"%s\"",
		    scn_show(l, i, show, sizeof(show)));
	if (sc->nfault == SCN_MAX_FAULTS)
		return scn_err(err, l, "too many faults (at most %d)",
		    SCN_MAX_FAULTS);
	sc->fault[sc->nfault++] = f;
	return 0;
}

static int
scn_name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 63)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

static int
scn_setting(struct scn *sc, const struct scn_line *l, struct ts_err *err)
{
	char show[200];
	uint64_t v, v2, v3;
	int h;

	if (scn_is(l, 0, "profile")) {
		int p;

		if (scn_words(l, 3, "profile HOST|both NAME", err) == -1)
			return -1;
		p = profile_find(l->w[2]);
		if (p < 0)
			return scn_err(err, l, "unknown profile \"%s\"",
			    scn_show(l, 2, show, sizeof(show)));
		if (scn_is(l, 1, "both")) {
			sc->host[0].profile = sc->host[1].profile = p;
			return 0;
		}
		if ((h = scn_host(l, 1, err)) < 0)
			return -1;
		sc->host[h].profile = p;
		return 0;
	}
	if (scn_is(l, 0, "iss")) {
		if (scn_words(l, 3, "iss HOST N", err) == -1 ||
		    (h = scn_host(l, 1, err)) < 0 ||
		    scn_num(l, 2, 0, UINT32_MAX, "ISS", &v, err) == -1)
			return -1;
		sc->host[h].iss = (int64_t)v;
		return 0;
	}
	if (scn_is(l, 0, "buffer")) {
		if (scn_words(l, 4, "buffer HOST snd|rcv BYTES", err) == -1 ||
		    (h = scn_host(l, 1, err)) < 0 ||
		    scn_num(l, 3, 1, 16u << 20, "buffer size", &v, err) == -1)
			return -1;
		if (scn_is(l, 2, "snd"))
			sc->host[h].sndbuf = (uint32_t)v;
		else if (scn_is(l, 2, "rcv"))
			sc->host[h].rcvbuf = (uint32_t)v;
		else
			return scn_err(err, l, "buffer: \"%s\" is not snd or "
			    "rcv", scn_show(l, 2, show, sizeof(show)));
		return 0;
	}
	if (scn_is(l, 0, "keepalive") && l->n == 3 && scn_is(l, 2, "on")) {
		if ((h = scn_host(l, 1, err)) < 0)
			return -1;
		sc->host[h].keep_on = true;
		return 0;
	}
	if (scn_is(l, 0, "keepalive")) {
		if (scn_words(l, 5, "keepalive HOST on|IDLE INTERVAL PROBES",
		    err) == -1 || (h = scn_host(l, 1, err)) < 0 ||
		    scn_dur(l, 2, "idle time", &v, err) == -1 ||
		    scn_dur(l, 3, "interval", &v2, err) == -1 ||
		    scn_num(l, 4, 1, 100, "probe count", &v3, err) == -1)
			return -1;
		if (v == 0 || v2 == 0 || v > UINT32_MAX || v2 > UINT32_MAX)
			return scn_err(err, l, "keepalive: times from 1us to "
			    "about 71 minutes");
		sc->host[h].keep_idle_us = (uint32_t)v;
		sc->host[h].keep_intvl_us = (uint32_t)v2;
		sc->host[h].keep_probes = (uint8_t)v3;
		return 0;
	}
	return 1;	/* not a setting */
}

static int
scn_directive(struct scn *sc, struct scn_line *l, struct ts_err *err)
{
	char show[200];
	uint64_t v;
	int h, rc;

	if (scn_is(l, 0, "client") || scn_is(l, 0, "server")) {
		h = scn_host(l, 0, err);
		return scn_call(sc, l, h, err);
	}
	if (scn_is(l, 0, "scenario")) {
		if (scn_words(l, 2, "scenario NAME", err) == -1)
			return -1;
		if (!scn_name_ok(l->w[1]))
			return scn_err(err, l, "invalid scenario name \"%s\" "
			    "(a-z, 0-9, - and _, at most 63)",
			    scn_show(l, 1, show, sizeof(show)));
		memcpy(sc->name, l->w[1], l->wlen[1] + 1);	/* checked: < 64 */
		return 0;
	}
	if (scn_is(l, 0, "description")) {
		size_t n = l->n > 1 ? l->restlen[1] : 0;
		const char *p = l->n > 1 ? l->rest[1] : "";

		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == 0)
			return scn_err(err, l, "description: missing text");
		if (n >= sizeof(sc->desc))
			return scn_err(err, l, "description: too long (at "
			    "most %zu bytes)", sizeof(sc->desc) - 1);
		memcpy(sc->desc, p, n);
		sc->desc[n] = '\0';
		return 0;
	}
	if (scn_is(l, 0, "ipv6")) {
		if (scn_words(l, 1, "ipv6", err) == -1)
			return -1;
		sc->ipv6 = true;
		return 0;
	}
	if (scn_is(l, 0, "latency")) {
		if (scn_words(l, 2, "latency DURATION", err) == -1 ||
		    scn_dur(l, 1, "latency", &v, err) == -1)
			return -1;
		if (v == 0 || v > 10000000)
			return scn_err(err, l, "latency: 1us to 10s");
		sc->latency_us = (uint32_t)v;
		return 0;
	}
	if (scn_is(l, 0, "end")) {
		if (scn_words(l, 2, "end DURATION", err) == -1 ||
		    scn_dur(l, 1, "end time", &v, err) == -1)
			return -1;
		/* 0 means "no end given" inside; a run that ends before it
		   starts has nothing to show, so say so. */
		if (v == 0)
			return scn_err(err, l, "end time must be after 0");
		sc->end_us = v;
		return 0;
	}
	if (scn_is(l, 0, "fault"))
		return scn_fault(sc, l, err);
	rc = scn_setting(sc, l, err);
	if (rc <= 0)
		return rc;
	return scn_err(err, l, "unknown directive \"%s\"",
	    scn_show(l, 0, show, sizeof(show)));
}

/* Control bytes and broken UTF-8 have no place in a scenario file. */
static int
scn_check_bytes(const struct scn_line *l, const char *p, size_t n,
    struct ts_err *err)
{
	for (size_t i = 0; i < n; ) {
		unsigned char c = (unsigned char)p[i];
		unsigned cp;
		size_t k;

		if (c == '\t' || (c >= 32 && c < 127)) {
			i++;
			continue;
		}
		if (c < 32 || c == 127)
			return scn_err(err, l, "control byte 0x%02x (write it "
			    "as \\x%02x in a string)", c, c);
		k = safe_utf8_len((const unsigned char *)p + i, n - i, &cp);
		if (k == 0)
			return scn_err(err, l, "invalid UTF-8");
		i += k;
	}
	return 0;
}

static void
scn_defaults(struct scn *sc, const char *origin)
{
	const char *base = strrchr(origin, '/');
	size_t n;

	memset(sc, 0, sizeof(*sc));
	base = base ? base + 1 : origin;
	n = strcspn(base, ".");
	if (n > sizeof(sc->name) - 1)
		n = sizeof(sc->name) - 1;
	memcpy(sc->name, base, n);
	sc->latency_us = 100;		/* one way, on a LAN */
	for (int h = 0; h < 2; h++) {
		sc->host[h].profile = -1;
		sc->host[h].iss = -1;
	}
}

int
scn_parse(struct scn *sc, const char *text, size_t len, const char *origin,
    struct ts_err *err)
{
	struct scn_line *l = xmalloc(sizeof(*l));
	size_t pos = 0;
	int rc = 0;

	scn_defaults(sc, origin);
	l->origin = origin;
	l->no = 0;
	if (len > SCN_MAX_TEXT) {
		l->no = 1;
		free(l);
		return ts_err_set(err, "%s: too big (at most %u bytes)", origin,
		    SCN_MAX_TEXT);
	}
	while (pos < len && rc == 0) {
		const char *p = text + pos, *nl = memchr(p, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - p) : len - pos;

		pos += n + (nl != NULL);
		l->no++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (memchr(p, '\0', n) != NULL) {
			rc = scn_err(err, l, "NUL byte");
			break;
		}
		if (scn_check_bytes(l, p, n, err) == -1 ||
		    scn_split(l, p, n, err) == -1) {
			rc = -1;
			break;
		}
		if (l->n > 0)
			rc = scn_directive(sc, l, err);
	}
	free(l);
	if (rc != 0) {
		scn_done(sc);
		return -1;
	}
	return 0;
}

void
scn_done(struct scn *sc)
{
	free(sc->data);
	sc->data = NULL;
	sc->ndata = 0;
	free(sc->call);
	sc->call = NULL;
	sc->ncall = sc->capcall = 0;
}

int
scn_load(struct scn *sc, const char *path, struct ts_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	int rc;

	if (f == NULL)
		return ts_err_set(err, "%s: %s", path, strerror(errno));
	buf = xmalloc(SCN_MAX_TEXT + 1);
	n = fread(buf, 1, SCN_MAX_TEXT + 1, f);
	if (ferror(f)) {
		rc = ts_err_set(err, "%s: %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return rc;
	}
	fclose(f);
	rc = scn_parse(sc, buf, n, path, err);
	free(buf);
	return rc;
}

/* --- writing ------------------------------------------------------------------- */

struct sbuf {
	char	*p;
	size_t	 len, cap;
};

static void
sb_add(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < b->cap - b->len) {
			b->len += (size_t)n;
			return;
		}
		b->cap = b->cap * 2 + (size_t)(n > 0 ? n : 0);
		b->p = xrealloc(b->p, b->cap, 1);
	}
}

static const char *
scn_dur_str(uint64_t us, char *buf, size_t len)
{
	if (us != 0 && us % 1000000 == 0)
		snprintf(buf, len, "%llus", (unsigned long long)(us / 1000000));
	else if (us != 0 && us % 1000 == 0)
		snprintf(buf, len, "%llums", (unsigned long long)(us / 1000));
	else
		snprintf(buf, len, "%lluus", (unsigned long long)us);
	return buf;
}

static void
sb_quoted(struct sbuf *b, const char *p, size_t n)
{
	sb_add(b, "\"");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '\n')
			sb_add(b, "\\n");
		else if (c == '\r')
			sb_add(b, "\\r");
		else if (c == '\t')
			sb_add(b, "\\t");
		else if (c == '"' || c == '\\')
			sb_add(b, "\\%c", c);
		else if (c < 32 || c >= 127)
			sb_add(b, "\\x%02x", c);
		else
			sb_add(b, "%c", c);
	}
	sb_add(b, "\"");
}

char *
scn_format(const struct scn *sc)
{
	static const char *const hn[2] = { "client", "server" };
	struct sbuf b = { xmalloc(1024), 0, 1024 };
	char d1[32], d2[32];

	sb_add(&b, "scenario %s\n", sc->name);
	if (sc->desc[0] != '\0')
		sb_add(&b, "description %s\n", sc->desc);
	if (sc->ipv6)
		sb_add(&b, "ipv6\n");
	sb_add(&b, "latency %s\n", scn_dur_str(sc->latency_us, d1, sizeof(d1)));
	if (sc->end_us != 0)
		sb_add(&b, "end %s\n", scn_dur_str(sc->end_us, d1, sizeof(d1)));
	for (int h = 0; h < 2; h++) {
		const struct scn_host *sh = &sc->host[h];

		if (sh->profile >= 0)
			sb_add(&b, "profile %s %s\n", hn[h],
			    profile_at((size_t)sh->profile)->name);
		if (sh->iss >= 0)
			sb_add(&b, "iss %s %lld\n", hn[h], (long long)sh->iss);
		if (sh->sndbuf)
			sb_add(&b, "buffer %s snd %u\n", hn[h], sh->sndbuf);
		if (sh->rcvbuf)
			sb_add(&b, "buffer %s rcv %u\n", hn[h], sh->rcvbuf);
		if (sh->keep_on)
			sb_add(&b, "keepalive %s on\n", hn[h]);
		if (sh->keep_idle_us)
			sb_add(&b, "keepalive %s %s %s %u\n", hn[h],
			    scn_dur_str(sh->keep_idle_us, d1, sizeof(d1)),
			    scn_dur_str(sh->keep_intvl_us, d2, sizeof(d2)),
			    sh->keep_probes);
	}
	for (size_t i = 0; i < sc->ncall; i++) {
		const struct scn_call *c = &sc->call[i];

		sb_add(&b, "%s ", hn[c->host]);
		if (c->has_at)
			sb_add(&b, "at %s ", scn_dur_str(c->at_us, d1,
			    sizeof(d1)));
		sb_add(&b, "%s", scn_ops[c->op]);
		if (c->op == SCN_SEND && c->text) {
			sb_add(&b, " ");
			sb_quoted(&b, sc->data + c->data_off, c->data_len);
		} else if (c->op == SCN_BIND || c->op == SCN_CONNECT ||
		    c->op == SCN_LISTEN || c->op == SCN_RECV ||
		    c->op == SCN_SEND)
			sb_add(&b, " %u", c->arg);
		sb_add(&b, "\n");
	}
	for (size_t i = 0; i < sc->nfault; i++) {
		const struct scn_fault *f = &sc->fault[i];

		sb_add(&b, "fault %s", scn_faults[f->action]);
		if (f->host >= 0)
			sb_add(&b, " %s", hn[f->host]);
		sb_add(&b, " %s", scn_kinds[f->kind]);
		if (f->nnth == 0)
			sb_add(&b, " random %u%%", f->percent);
		for (int k = 0; k < f->nnth; k++)
			sb_add(&b, "%s%u", k ? "," : " ", f->nth[k]);
		if (f->action == SIM_FAULT_DELAY)
			sb_add(&b, " %s", scn_dur_str(f->delay_us, d1,
			    sizeof(d1)));
		sb_add(&b, "\n");
	}
	return b.p;
}
