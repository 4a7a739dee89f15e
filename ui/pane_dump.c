/*
 * pane_dump: the current segment as tcpdump and tshark print it, one line
 * each (the codec's pkt_print, in-process, no subprocess), so a student
 * learns to read those tools next to the picture.
 *
 * The lines are those the tools print for the same frame of `tcpstep
 * export`'s capture: the codec's tracker (pkt_print_track) is fed every
 * frame of that capture up to this segment's, in order, so it numbers
 * them as tcpdump and Wireshark do (tcpdump's relative numbers start at a
 * connection's first segment with ACK; tshark scales the window only once
 * both SYNs carried the option).  The r key picks the numbering, and the
 * heading names it: relative is both tools' default, absolute is what
 * tcpdump -S and tshark -o tcp.relative_sequence_numbers:FALSE print.
 */
#include "pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "pkt_print.h"
#include "tcp_analysis.h"
#include "xalloc.h"

#define DUMP_CONNS	8		/* connections the analysis follows */

/*
 * The step whose frame the capture holds for the segment of step k: k if
 * it is one, else the frame of the same bytes sent before it (k is where
 * it arrives), else the one after (k is where IP builds it); 0 if none.
 */
static size_t
dump_frame_step(const struct sim *s, size_t k)
{
	const struct sim_step *st = sim_step_at(s, k);
	size_t n = sim_nsteps(s);

	if (st->captured)
		return k;
	for (size_t j = k; j > 1; j--) {
		const struct sim_step *o = sim_step_at(s, j - 1);

		if (o->captured && o->pkt == st->pkt)
			return j - 1;
	}
	for (size_t j = k + 1; j <= n; j++) {
		const struct sim_step *o = sim_step_at(s, j);

		if (o->captured && o->pkt == st->pkt)
			return j;
	}
	return 0;
}

/* One connection as Wireshark's sequence analysis follows it. */
struct dump_conn {
	struct pkt_addr	a, b;		/* a: who sent its first frame */
	uint16_t	pa, pb;
	struct ta_conn	ta;
};

/* What the tools remember of the capture, frame after frame. */
struct dump_tools {
	struct pkt_print_track	tr;
	struct dump_conn	c[DUMP_CONNS];
	int			n, next;
	uint64_t		frame;		/* frames seen, 1-based */
};

static bool
dump_addr_eq(const struct pkt_addr *x, const struct pkt_addr *y)
{
	return x->family == y->family && memcmp(x->a, y->a, sizeof(x->a)) == 0;
}

/* The connection of p and its direction; a new one if none (or reused). */
static struct dump_conn *
dump_conn(struct dump_tools *dt, const struct pkt *p, int *dir,
    bool *created)
{
	struct dump_conn *c;

	*created = false;
	for (int i = 0; i < dt->n; i++) {
		c = &dt->c[i];
		if (c->pa == p->tcp.sport && c->pb == p->tcp.dport &&
		    dump_addr_eq(&c->a, &p->src) &&
		    dump_addr_eq(&c->b, &p->dst)) {
			*dir = 0;
			return c;
		}
		if (c->pb == p->tcp.sport && c->pa == p->tcp.dport &&
		    dump_addr_eq(&c->b, &p->src) &&
		    dump_addr_eq(&c->a, &p->dst)) {
			*dir = 1;
			return c;
		}
	}
	if (dt->n < DUMP_CONNS)
		c = &dt->c[dt->n++];
	else {
		c = &dt->c[dt->next];
		dt->next = (dt->next + 1) % DUMP_CONNS;
	}
	*created = true;
	*dir = 0;
	c->a = p->src;
	c->b = p->dst;
	c->pa = p->tcp.sport;
	c->pb = p->tcp.dport;
	ta_conn_init(&c->ta);
	return c;
}

/* tshark's analysis of the next frame (tcp_analysis, as Wireshark 4.0). */
static void
dump_analyze(struct dump_tools *dt, const struct pkt *p, uint64_t time_us,
    struct ta_result *res)
{
	const struct pkt_tcp *t = &p->tcp;
	struct ta_seg seg;
	struct dump_conn *c;
	uint32_t extra = 0;
	bool created;
	int dir;

	c = dump_conn(dt, p, &dir, &created);
	memset(&seg, 0, sizeof(seg));
	seg.frame = dt->frame;
	seg.ts = (int64_t)(time_us * 1000);
	seg.seq = t->seq;
	seg.ack = t->ack;
	seg.seglen = (uint32_t)t->payload_len;
	seg.flags = t->flags;
	seg.win = t->win;
	seg.wscale = -1;
	for (int i = 0; (t->flags & TH_SYN) && i < t->n_opts; i++)
		if (t->opts[i].kind == TCPOPT_WSCALE && t->opts[i].len == 3)
			seg.wscale = t->opts[i].u.wscale;
	if (!created && ta_syn_reuses_ports(&c->ta, dir, &seg)) {
		/* a new connection on the same ports: its sender is a */
		c->a = p->src;
		c->b = p->dst;
		c->pa = t->sport;
		c->pb = t->dport;
		ta_conn_init(&c->ta);
		dir = 0;
		extra = TA_REUSED_PORTS;
	}
	ta_analyze(&c->ta, dir, &seg, extra, res);
}

/*
 * What the tools know when they reach the segment of step k, p decoded:
 * every frame before it fed in capture order, then p.  res gets tshark's
 * analysis of p.
 */
static void
dump_track(const struct sim *s, size_t k, const struct pkt *p,
    struct pkt_print_ctx *td, struct pkt_print_ctx *ws, struct ta_result *res)
{
	struct dump_tools *dt = xcalloc(1, sizeof(*dt));
	size_t f = dump_frame_step(s, k), end = f != 0 ? f : k;
	const struct sim_step *st = sim_step_at(s, end);

	pkt_print_track_init(&dt->tr);
	for (size_t j = 1; j < end; j++) {
		const struct sim_step *o = sim_step_at(s, j);
		struct ta_result r;
		struct pkt q;

		if (!o->captured || o->pkt == NULL)
			continue;
		dt->frame++;	/* a frame, even one the decoder refuses */
		if (pkt_decode(&q, PKT_LINK_RAW, o->pkt, o->pkt_len,
		    o->pkt_len) == 0 && pkt_print_track(&dt->tr, &q, NULL, NULL))
			dump_analyze(dt, &q, o->time_us, &r);
	}
	dt->frame++;
	memset(res, 0, sizeof(*res));
	if (!pkt_print_track(&dt->tr, p, td, ws)) {
		memset(td, 0, sizeof(*td));
		memset(ws, 0, sizeof(*ws));
		td->wscale = ws->wscale = -1;
	} else
		dump_analyze(dt, p, st->time_us, res);
	free(dt);
}

/*
 * tshark's analysis labels before its Info text.  Wireshark prepends each
 * in turn, so they read in the reverse of the order it tests them in.
 */
void
pane_tshark_labels(char *buf, size_t len, const struct ta_result *r)
{
	static const struct {
		uint32_t	 flag;
		const char	*text;
	} labels[] = {
		{ TA_REUSED_PORTS, "[TCP Port numbers reused] " },
		{ TA_ZERO_WINDOW_PROBE_ACK, "[TCP ZeroWindowProbeAck] " },
		{ TA_ZERO_WINDOW, "[TCP ZeroWindow] " },
		{ TA_ZERO_WINDOW_PROBE, "[TCP ZeroWindowProbe] " },
		{ TA_DUPLICATE_ACK, NULL },
		{ TA_KEEP_ALIVE_ACK, "[TCP Keep-Alive ACK] " },
		{ TA_WINDOW_FULL, "[TCP Window Full] " },
		{ TA_WINDOW_UPDATE, "[TCP Window Update] " },
		{ TA_KEEP_ALIVE, "[TCP Keep-Alive] " },
		{ TA_ACK_LOST_SEGMENT, "[TCP ACKed unseen segment] " },
		{ TA_LOST_SEGMENT, "[TCP Previous segment not captured] " },
		{ TA_OUT_OF_ORDER, "[TCP Out-Of-Order] " },
		{ TA_FAST_RETRANSMISSION, "[TCP Fast Retransmission] " },
		{ TA_SPURIOUS_RETRANSMISSION, "[TCP Spurious Retransmission] " },
		{ TA_RETRANSMISSION, "[TCP Retransmission] " },
	};
	size_t at = 0;
	bool rexmt = false;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		uint32_t f = labels[i].flag;
		int n;

		if (!(r->flags & f))
			continue;
		/* one word for a resend: fast, else spurious, else plain */
		if (f & (TA_FAST_RETRANSMISSION | TA_SPURIOUS_RETRANSMISSION |
		    TA_RETRANSMISSION)) {
			if (rexmt)
				continue;
			rexmt = true;
		}
		if (f == TA_DUPLICATE_ACK)
			n = snprintf(buf + at, len - at, "[TCP Dup ACK %llu#%u] ",
			    (unsigned long long)r->dupack_frame,
			    (unsigned)r->dupack_num);
		else
			n = snprintf(buf + at, len - at, "%s", labels[i].text);
		if (n < 0 || (size_t)n >= len - at)
			break;
		at += (size_t)n;
	}
}

/* Append n bytes of s at *at in buf, cut at len - 1; always terminated. */
static void
dump_cat(char *buf, size_t len, size_t *at, const char *s, size_t n)
{
	if (*at + 1 >= len)
		return;
	if (n > len - 1 - *at)
		n = len - 1 - *at;
	memcpy(buf + *at, s, n);
	*at += n;
	buf[*at] = '\0';
}

/* HTTP request methods tcpdump knows (print-http.c). */
static const char *const dump_http_cmds[] = {
	"OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT",
	"PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK",
	"ORDERPATCH", "PATCH", NULL
};

/* The first line of the payload: is it an HTTP request or status line? */
static bool
dump_http_line(const uint8_t *d, size_t n, size_t *linelen)
{
	char tok[2][16];
	size_t i = 0, l;

	for (l = 0; l < n && d[l] != '\r' && d[l] != '\n'; l++)
		;
	*linelen = l;
	for (int t = 0; t < 2; t++) {
		size_t m = 0;

		while (i < l && d[i] != ' ' && m + 1 < sizeof(tok[t]))
			tok[t][m++] = (char)d[i++];
		tok[t][m] = '\0';
		if (i < l && d[i] != ' ')
			return false;
		while (i < l && d[i] == ' ')
			i++;
	}
	for (int c = 0; dump_http_cmds[c] != NULL; c++)
		if (strcmp(tok[0], dump_http_cmds[c]) == 0)
			return true;
	/* a response: the second token a three-digit code */
	return strlen(tok[1]) == 3 && tok[1][0] >= '0' && tok[1][0] <= '9' &&
	    tok[1][1] >= '0' && tok[1][1] <= '9' && tok[1][2] >= '0' &&
	    tok[1][2] <= '9';
}

/* tcpdump -nn, after "length N" on port 80: ": HTTP", and the first line. */
static void
dump_tcpdump_http(char *line, size_t len, const struct pkt *p,
    const uint8_t *d, size_t n)
{
	size_t l, at = strlen(line);

	if (n == 0 || (p->tcp.sport != 80 && p->tcp.dport != 80))
		return;
	if (!dump_http_line(d, n, &l))
		snprintf(line + at, len - at, ": HTTP");
	else
		snprintf(line + at, len - at, ": HTTP: %.*s", (int)l,
		    (const char *)d);
}

/* The value of header name in an HTTP head of n bytes, or NULL. */
static const uint8_t *
dump_http_header(const uint8_t *d, size_t n, const char *name, size_t *vlen)
{
	size_t nl = strlen(name);

	for (size_t i = 0; i + 2 < n; i++) {
		if (d[i] != '\n' || i + 1 + nl >= n ||
		    strncasecmp((const char *)d + i + 1, name, nl) != 0 ||
		    d[i + 1 + nl] != ':')
			continue;
		i += 2 + nl;
		while (i < n && d[i] == ' ')
			i++;
		for (*vlen = 0; i + *vlen < n && d[i + *vlen] != '\r' &&
		    d[i + *vlen] != '\n' && d[i + *vlen] != ';'; (*vlen)++)
			;
		return d + i;
	}
	return NULL;
}

/*
 * tshark on port 80, where its HTTP dissector takes the payload: a whole
 * message in the segment becomes the Info ("GET / HTTP/1.1 ", with
 * " (type)" after a body of a Content-Type); anything else waits for more
 * and the TCP line ends in "[TCP segment of a reassembled PDU]".  Only a
 * message that starts in its segment is told apart (the scenarios send no
 * other kind); one spread over several segments is not followed.
 */
static void
dump_tshark_http(char *line, size_t len, const char *prefix,
    const struct pkt *p, const uint8_t *d, size_t n)
{
	static const char pdu[] = " [TCP segment of a reassembled PDU]";
	const uint8_t *v;
	size_t at = 0, l = 0, head = 0, body = 0, vl;
	bool msg = false;
	char tcp[700];

	if (n == 0 || (p->tcp.sport != 80 && p->tcp.dport != 80))
		return;
	for (size_t i = 0; i + 3 < n && head == 0; i++)
		if (memcmp(d + i, "\r\n\r\n", 4) == 0)
			head = i + 4;
	if (head > 0 && dump_http_line(d, n, &l)) {
		msg = true;
		if ((v = dump_http_header(d, head, "Content-Length", &vl)) !=
		    NULL)
			body = (size_t)strtoul((const char *)v, NULL, 10);
		else if (strncmp((const char *)d, "HTTP/", 5) == 0)
			msg = false;	/* a response's body runs to the close */
	}
	dump_cat(tcp, sizeof(tcp), &at, line, strlen(line));
	at = 0;
	dump_cat(line, len, &at, prefix, strlen(prefix));
	if (!msg || head + body > n) {
		dump_cat(line, len, &at, tcp, strlen(tcp));
		dump_cat(line, len, &at, pdu, strlen(pdu));
		return;
	}
	dump_cat(line, len, &at, (const char *)d, l);
	dump_cat(line, len, &at, " ", 1);
	if (body > 0 && (v = dump_http_header(d, head, "Content-Type", &vl)) !=
	    NULL) {
		dump_cat(line, len, &at, " (", 2);
		dump_cat(line, len, &at, (const char *)v, vl);
		dump_cat(line, len, &at, ")", 1);
	}
}

/* The heading: which numbering, as which command prints it. */
static void
dump_heading(const struct pane_ctx *x)
{
	const char *h[2];

	if (x->ui->relative) {
		h[0] = _(" The segment as tcpdump -nn and tshark print it: "
		    "relative seq/ack, both tools' default (r: absolute) ");
		h[1] = _(" tcpdump -nn and tshark: relative seq/ack, their "
		    "default (r: absolute) ");
	} else {
		h[0] = _(" The segment as tcpdump -nn -S and tshark -o "
		    "tcp.relative_sequence_numbers:FALSE print it: absolute "
		    "seq/ack (r: relative) ");
		h[1] = _(" tcpdump -nn -S and tshark with relative numbers "
		    "off: absolute seq/ack ");
	}
	canvas_put(x->cv, x->r.x + 2, x->r.y, x->r.w - 4, ROLE_HEAD, 0,
	    canvas_text_width(h[0]) <= x->r.w - 4 ? h[0] : h[1]);
}

/*
 * A tool's line over the rows of r, its exact text (a reader compares it
 * with the tool's own output): each row ends after a space when what is
 * left still fits the rows left, so a number is not split in two; else
 * it is cut at the width.
 */
static void
dump_lines(struct canvas *cv, struct rect r, const char *s)
{
	for (int i = 0; i < r.h && *s != '\0'; i++) {
		char part[256];
		size_t n = canvas_fit(s, r.w), b;

		if (n == 0)
			break;
		if (s[n] != '\0') {
			for (b = n; b > 0 && s[b - 1] != ' '; b--)
				;
			if (b > n / 2 && canvas_text_width(s + b) <=
			    (r.h - i - 1) * r.w)
				n = b;
		}
		if (n >= sizeof(part))
			n = sizeof(part) - 1;
		memcpy(part, s, n);
		part[n] = '\0';
		canvas_put(cv, r.x, r.y + i, r.w, ROLE_VALUE, 0, part);
		s += n;
	}
}

static void
pane_dump_draw(const struct pane_ctx *x)
{
	size_t k = pane_packet_step(x->sim);
	const struct sim_step *st = k ? sim_step_at(x->sim, k) : NULL;
	struct pkt_print_ctx td, ws;
	struct ta_result ta;
	struct pkt p;
	const uint8_t *pay;
	size_t npay;
	char line[700], out[700], pre[200], tdl[700];

	canvas_fill(x->cv, x->r, ROLE_NORMAL, 0);
	canvas_hline(x->cv, x->r.x, x->r.y, x->r.w, ROLE_BORDER);
	dump_heading(x);
	if (st == NULL || pkt_decode(&p, PKT_LINK_RAW, st->pkt, st->pkt_len,
	    st->pkt_len) != 0) {
		canvas_put(x->cv, x->r.x + 1, x->r.y + 1, x->r.w - 2, ROLE_DIM,
		    0, _("no segment yet"));
		return;
	}
	dump_track(x->sim, k, &p, &td, &ws, &ta);
	/* -S, and tshark's preference off: the numbers as sent */
	if (!x->ui->relative)
		td.relative = ws.relative = false;
	pay = p.tcp.payload_off < st->pkt_len ? st->pkt + p.tcp.payload_off :
	    NULL;
	npay = pay != NULL ? p.tcp.payload_caplen : 0;
	/* tcpdump's line, then tshark's Info column: its labels first */
	pkt_print_tcpdump(&p, &td, tdl, sizeof(tdl));
	dump_tcpdump_http(tdl, sizeof(tdl), &p, pay, npay);
	pkt_print_tshark(&p, &ws, x->cv->ascii, out, sizeof(out));
	pane_tshark_labels(pre, sizeof(pre), &ta);
	/* Wireshark hands a resent segment's bytes to no dissector */
	if (npay > 0 && (p.tcp.sport == 80 || p.tcp.dport == 80) &&
	    !(ta.flags & (TA_RETRANSMISSION | TA_FAST_RETRANSMISSION |
	    TA_SPURIOUS_RETRANSMISSION))) {
		snprintf(line, sizeof(line), "%s", out);
		dump_tshark_http(line, sizeof(line), pre, &p, pay, npay);
	} else {
		size_t at = 0;

		dump_cat(line, sizeof(line), &at, pre, strlen(pre));
		dump_cat(line, sizeof(line), &at, out, strlen(out));
	}
	pane_tool_pair(x, tdl, line);
}

void
pane_tool_pair(const struct pane_ctx *x, const char *tcpdump,
    const char *tshark)
{
	int h = x->r.h - 1, half, lw;

	lw = canvas_text_width("tcpdump ") > canvas_text_width("tshark ") ?
	    canvas_text_width("tcpdump ") : canvas_text_width("tshark ");
	/* tcpdump's line is the longer: it gets the rows it needs first */
	half = (canvas_text_width(tcpdump) + x->r.w - 3 - lw) /
	    (x->r.w - 2 - lw);
	if (half > h - 1)
		half = h - 1;
	if (half < 1)
		half = 1;
	canvas_put(x->cv, x->r.x + 1, x->r.y + 1, lw, ROLE_KEY, 0, "tcpdump");
	dump_lines(x->cv, (struct rect){ x->r.x + 1 + lw, x->r.y + 1,
	    x->r.w - 2 - lw, half }, tcpdump);
	canvas_put(x->cv, x->r.x + 1, x->r.y + 1 + half, lw, ROLE_KEY, 0,
	    "tshark");
	dump_lines(x->cv, (struct rect){ x->r.x + 1 + lw, x->r.y + 1 + half,
	    x->r.w - 2 - lw, h - half }, tshark);
}

const struct pane_ops pane_dump_ops = { "dump", pane_dump_draw };
