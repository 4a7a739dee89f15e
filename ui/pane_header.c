/*
 * pane_header: the current segment's TCP header in RFC 9293's bit layout
 * (§3.1, Figure 1): 32-bit rows, each field in its box with its name and
 * value, drawn from the codec's field table tcp_fields[] so that the
 * picture and the decoder cannot disagree.  The 8 control bits show as
 * letters in their own 1-bit boxes (C E U A P R S F, '.' when clear) and by
 * name beside the diagram; options are decoded below it.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

struct hdr_name {
	const char	*key;
	const char	*name;		/* translated at use */
	const char	*shortname;
};

static const struct hdr_name hdr_names[] = {
	{ "sport", N_("Source Port"), N_("Src Port") },
	{ "dport", N_("Destination Port"), N_("Dst Port") },
	{ "seq", N_("Sequence Number"), N_("Seq") },
	{ "ack", N_("Acknowledgment Number"), N_("Ack") },
	{ "doff", N_("Data Offset"), N_("Off") },
	{ "reserved", N_("Reserved"), N_("Rsv") },
	{ "win", N_("Window"), N_("Win") },
	{ "cksum", N_("Checksum"), N_("Sum") },
	{ "urp", N_("Urgent Pointer"), N_("Urg") },
};

static const struct hdr_name *
hdr_name(const char *key)
{
	for (size_t i = 0; i < sizeof(hdr_names) / sizeof(hdr_names[0]); i++)
		if (strcmp(hdr_names[i].key, key) == 0)
			return &hdr_names[i];
	return NULL;
}

/*
 * A header being built (the chapter's steps 1 and 2: TCP writes the ports,
 * then SYN, the ISN and the window) has no bytes yet: draw it from the
 * engine's segment.  Such a pkt has no data (caplen 0): its checksum and
 * option values are filled in when IP sends it.
 */
static bool
hdr_from_seg(struct pkt *p, const struct sim *s, const struct pkt *last)
{
	static const uint8_t optlen[] = { [TCPOPT_EOL] = 1, [TCPOPT_NOP] = 1,
		[TCPOPT_MSS] = 4, [TCPOPT_WSCALE] = 3, [TCPOPT_SACK_PERM] = 2,
		[TCPOPT_TIMESTAMP] = 10 };
	struct sim_seg g;
	unsigned len = 0;

	sim_segment(s, &g);
	if (!g.valid || g.layer != SIM_L_TCP)
		return false;
	/* the newest packet is this segment: draw its real bytes */
	if (last != NULL && last->has_tcp && last->tcp.sport == g.sport &&
	    last->tcp.dport == g.dport && last->tcp.seq == g.seq &&
	    last->tcp.flags == g.flags)
		return false;
	memset(p, 0, sizeof(*p));
	p->has_tcp = true;
	p->tcp.sport = g.sport;
	p->tcp.dport = g.dport;
	p->tcp.seq = g.seq;
	p->tcp.ack = g.ack;
	p->tcp.flags = g.flags;
	p->tcp.win = g.win;
	p->tcp.payload_len = g.len;
	for (int i = 0; i < g.nopt && i < TCP_MAX_OPTS; i++) {
		p->tcp.opts[i].kind = g.opt[i];
		p->tcp.opts[i].len = g.opt[i] < sizeof(optlen) ?
		    optlen[g.opt[i]] : 2;
		len += p->tcp.opts[i].len;
		p->tcp.n_opts++;
	}
	p->tcp.doff = (uint8_t)(5 + (len + 3) / 4);
	return true;
}

/* An option's name alone, as tcpdump names it, for a header being built. */
static const char *
hdr_opt_name(uint8_t kind)
{
	switch (kind) {
	case TCPOPT_EOL: return "eol";
	case TCPOPT_NOP: return "nop";
	case TCPOPT_MSS: return "mss";
	case TCPOPT_WSCALE: return "wscale";
	case TCPOPT_SACK_PERM: return "sackOK";
	case TCPOPT_TIMESTAMP: return "TS";
	default: return "?";
	}
}

/* The sequence numbers' bases for relative display: each side's ISS. */
static void
hdr_bases(const struct sim *s, const struct pkt *p, uint32_t *seq_base,
    uint32_t *ack_base)
{
	*seq_base = *ack_base = 0;
	for (int side = 0; side < SIM_NHOSTS; side++) {
		const struct host *h = sim_host(s, side);

		for (int i = 0; i < HOST_MAX_SOCK; i++) {
			const struct sock *so = &h->sock[i];

			if (!so->used || so->listening || !so->local_set ||
			    so->tcb.state == TCPS_CLOSED)
				continue;
			if (so->local_port == p->tcp.sport)
				*seq_base = so->tcb.iss;
			if (so->local_port == p->tcp.dport)
				*ack_base = so->tcb.iss;
		}
	}
}

static void
hdr_value(char *buf, size_t len, const char *key, const struct header_view *hv)
{
	const struct pkt_tcp *t = &hv->p->tcp;

	if (strcmp(key, "sport") == 0)
		snprintf(buf, len, "%u", (unsigned)t->sport);
	else if (strcmp(key, "dport") == 0)
		snprintf(buf, len, "%u", (unsigned)t->dport);
	else if (strcmp(key, "seq") == 0)
		pane_seq(buf, len, t->seq, hv->seq_base, hv->relative);
	else if (strcmp(key, "ack") == 0)
		pane_seq(buf, len, t->ack, hv->ack_base,
		    hv->relative && (t->flags & TH_ACK));
	else if (strcmp(key, "doff") == 0)
		snprintf(buf, len, "%u", (unsigned)t->doff);
	else if (strcmp(key, "reserved") == 0)
		snprintf(buf, len, "%u", (unsigned)t->reserved);
	else if (strcmp(key, "win") == 0)
		snprintf(buf, len, "%u", (unsigned)t->win);
	else if (strcmp(key, "cksum") == 0 && hv->p->caplen == 0)
		snprintf(buf, len, "%s", _("not yet"));	/* being built */
	else if (strcmp(key, "cksum") == 0)
		snprintf(buf, len, "0x%04x", (unsigned)t->cksum);
	else if (strcmp(key, "urp") == 0)
		snprintf(buf, len, "%u", (unsigned)t->urp);
	else
		buf[0] = '\0';
}

/* The letter of a control bit's box: its initial, '.' when clear. */
static const char *
hdr_flag_letter(const struct tcp_field *f, const struct pkt *p, bool *set)
{
	static const char *const letters[8] = {
		"C", "E", "U", "A", "P", "R", "S", "F"
	};
	unsigned bit = f->bit_off - 104;	/* CWR is bit 104 */

	*set = bit < 8 && (p->tcp.flags & (0x80u >> bit));
	return *set ? letters[bit < 8 ? bit : 0] : ".";
}

/* The engine names the control bits together: segment.flags. */
static bool
hdr_sim_changed(const void *arg, const char *key)
{
	const struct sim *s = arg;
	char name[48];

	snprintf(name, sizeof(name), "segment.%s",
	    strncmp(key, "flag_", 5) == 0 ? "flags" : key);
	return sim_cur(s) > 0 && sim_step_changed(s, sim_cur(s), name);
}

static int
hdr_flag(const struct header_view *hv, const char *key)
{
	return hv->changed != NULL && hv->changed(hv->arg, key) ?
	    CF_CHANGED : 0;
}

/* One field in its box: "Name value", "Short value" or "value". */
static void
hdr_field(const struct pane_ctx *x, const struct header_view *hv,
    const struct tcp_field *f, int x0, int y, int bpc)
{
	int w = (int)f->bits * bpc - 1, fl = hdr_flag(hv, f->key), cx = x0 + 1;
	char v[48], txt[128];
	const struct hdr_name *n = hdr_name(f->key);

	canvas_put(x->cv, x0, y, 1, ROLE_BORDER, 0, "\xe2\x94\x82");
	if (f->bits == 1) {
		bool set;
		const char *l = hdr_flag_letter(f, hv->p, &set);

		canvas_center(x->cv, cx, y, w, set ? ROLE_SEGMENT : ROLE_DIM,
		    fl | (set ? CF_BOLD : 0), l);
		return;
	}
	hdr_value(v, sizeof(v), f->key, hv);
	if (n != NULL) {
		snprintf(txt, sizeof(txt), "%s %s", _(n->name), v);
		if (canvas_text_width(txt) > w)
			snprintf(txt, sizeof(txt), "%s %s", _(n->shortname), v);
	} else
		snprintf(txt, sizeof(txt), "%s %s", f->name, v);
	if (canvas_text_width(txt) > w)
		snprintf(txt, sizeof(txt), "%s", v);
	if (fl)
		canvas_fill(x->cv, (struct rect){ cx, y, w, 1 }, ROLE_VALUE, fl);
	canvas_center(x->cv, cx, y, w, ROLE_VALUE, fl, txt);
}

/* "+-+-+-+" across the diagram, with a tick at every bit. */
static void
hdr_rule(const struct pane_ctx *x, int x0, int y, int bpc)
{
	for (int b = 0; b < 32; b++) {
		canvas_put(x->cv, x0 + b * bpc, y, 1, ROLE_BORDER, 0, "+");
		for (int i = 1; i < bpc; i++)
			canvas_put(x->cv, x0 + b * bpc + i, y, 1, ROLE_BORDER, 0,
			    "-");
	}
	canvas_put(x->cv, x0 + 32 * bpc, y, 1, ROLE_BORDER, 0, "+");
}

/* Bit numbers above the diagram: 0 at the left, every 4th bit marked. */
static void
hdr_ruler(const struct pane_ctx *x, int x0, int y, int bpc)
{
	for (int b = 0; b < 32; b += (bpc >= 3 ? 2 : 4))
		canvas_printf(x->cv, x0 + b * bpc + 1, y, 2, ROLE_LABEL, 0, "%d",
		    b);
}

/* The options, decoded, wrapped inside the diagram's width. */
static int
hdr_options(const struct pane_ctx *x, const struct header_view *hv, int x0,
    int y, int w, int maxh)
{
	const struct pkt *p = hv->p;
	char buf[512], o[96];
	size_t at;
	int fl = hdr_flag(hv, "options");

	at = (size_t)snprintf(buf, sizeof(buf), _("Options (%u bytes):"),
	    (unsigned)(p->tcp.doff > 5 ? (p->tcp.doff - 5) * 4 : 0));
	if (p->tcp.n_opts == 0)
		snprintf(buf + at, sizeof(buf) - at, " %s", _("none"));
	for (int i = 0; i < p->tcp.n_opts && at < sizeof(buf); i++) {
		if (p->caplen == 0)	/* being built: names, values to come */
			snprintf(o, sizeof(o), "%s",
			    hdr_opt_name(p->tcp.opts[i].kind));
		else
			tcp_opt_str(&p->tcp.opts[i], o, sizeof(o));
		at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%s %s",
		    i ? "," : "", o);
	}
	return canvas_put_wrapped(x->cv, (struct rect){ x0 + 2, y, w - 3, maxh },
	    ROLE_VALUE, fl, buf);
}

/* Beside the diagram: the flags by name, the IP packet around it. */
static void
hdr_notes(const struct pane_ctx *x, const struct header_view *hv, int nx,
    int y, int w, int h)
{
	const struct pkt *p = hv->p;
	char f[48], a[64], b[64], line[128];
	int fl = hdr_flag(hv, "flags");

	if (w < 20)	/* too narrow: the flags go below the diagram */
		return;
	canvas_put(x->cv, nx, y, w, ROLE_LABEL, 0, _("flags:"));
	canvas_put(x->cv, nx, y + 1, w, ROLE_SEGMENT, fl | CF_BOLD,
	    tcp_flags_names(p->tcp.flags, f, sizeof(f)));
	if (h < 6 || p->caplen == 0)	/* not yet inside an IP packet */
		return;
	pkt_addr_str(&p->src, a, sizeof(a));
	pkt_addr_str(&p->dst, b, sizeof(b));
	canvas_put(x->cv, nx, y + 3, w, ROLE_LABEL, 0, _("inside IP packet:"));
	snprintf(line, sizeof(line), "%s \xe2\x86\x92", a);	/* → */
	canvas_put(x->cv, nx, y + 4, w, ROLE_VALUE, 0, line);
	canvas_put(x->cv, nx, y + 5, w, ROLE_VALUE, 0, b);
	if (h >= 8) {
		snprintf(line, sizeof(line), _("data: %zu bytes"),
		    p->tcp.payload_len);
		canvas_put(x->cv, nx, y + 7, w, ROLE_VALUE, 0, line);
	}
}

/*
 * The rows the diagram wants: the bit ruler, five 32-bit rows, their
 * rules, the options.  A short pane drops the rules between rows, then the
 * ruler, and if the rows still do not fit it says so on its last line
 * rather than lose the checksum silently.
 */
struct hdr_fit {
	bool	ruler, seps, rule_end;
	int	rows;		/* 32-bit rows drawn */
};

static struct hdr_fit
hdr_fit(int h)
{
	struct hdr_fit f = { true, false, true, 5 };

	if (h >= 1 + 5 * 2 + 1 + 2)
		f.seps = true;
	else if (h < 1 + 5 + 1 + 1) {
		f.ruler = false;
		if (h < 5 + 1 + 1)
			f.rule_end = false;
		if (h < 5 + 1)
			f.rows = h - 1;	/* the last line says what is missing */
	}
	return f;
}

void
pane_header_show(const struct pane_ctx *x, const struct header_view *hv)
{
	struct rect in = pane_inner(x);
	const struct pkt *p = hv->p;
	struct hdr_fit fit = hdr_fit(in.h);
	int bpc, x0, y, dw, end = in.y + in.h;

	bpc = in.w >= 32 * 3 + 1 ? 3 : 2;
	dw = 32 * bpc + 1;
	x0 = in.x;
	y = in.y;
	if (fit.ruler)
		hdr_ruler(x, x0, y++, bpc);
	if (fit.seps)
		hdr_rule(x, x0, y++, bpc);
	for (int r = 0; r < fit.rows && y < end; r++) {
		for (size_t i = 0; i < tcp_field_count; i++)
			if (tcp_fields[i].bit_off / 32 == (unsigned)r)
				hdr_field(x, hv, &tcp_fields[i],
				    x0 + (int)(tcp_fields[i].bit_off % 32) * bpc,
				    y, bpc);
		canvas_put(x->cv, x0 + 32 * bpc, y, 1, ROLE_BORDER, 0,
		    "\xe2\x94\x82");
		y++;
		if ((fit.seps || (r == 4 && fit.rule_end)) && y < end)
			hdr_rule(x, x0, y++, bpc);
	}
	if (fit.rows < 5 && y < end) {
		canvas_put(x->cv, x0 + 1, y++, dw - 2, ROLE_DIM, 0,
		    x->ui->focus == FOCUS_HEADER ?
		    _("\xe2\x80\xa6 more rows: a taller window shows them") :
		    _("\xe2\x80\xa6 more rows: Tab shows the whole header"));
		return;
	}
	if (in.x + in.w - (x0 + dw + 2) < 20 && y < end) {
		/* no room beside the diagram: the flags by name below it */
		char f[48], line[160], data[64];

		snprintf(data, sizeof(data), _("data: %zu bytes"),
		    p->tcp.payload_len);
		snprintf(line, sizeof(line), "%s %s   %s", _("flags:"),
		    tcp_flags_names(p->tcp.flags, f, sizeof(f)), data);
		canvas_put(x->cv, x0 + 2, y++, dw - 3, ROLE_SEGMENT,
		    hdr_flag(hv, "flags") | CF_BOLD, line);
	}
	if (y < end)
		hdr_options(x, hv, x0, y, dw, end - y);
	hdr_notes(x, hv, x0 + dw + 2, in.y + 1, in.x + in.w - (x0 + dw + 2),
	    in.h - 1);
}

static void
pane_header_draw(const struct pane_ctx *x)
{
	struct rect in = pane_inner(x);
	size_t k = pane_packet_step(x->sim);
	const struct sim_step *st = k ? sim_step_at(x->sim, k) : NULL;
	struct header_view hv = { .relative = x->ui->relative,
	    .changed = hdr_sim_changed, .arg = x->sim };
	struct pkt p, last;
	bool have;

	pane_frame(x, _("TCP header (RFC 9293)"));
	have = st != NULL && pkt_decode(&last, PKT_LINK_RAW, st->pkt,
	    st->pkt_len, st->pkt_len) == 0 && last.has_tcp;
	if (hdr_from_seg(&p, x->sim, have ? &last : NULL))
		have = true;
	else if (have)
		p = last;
	if (!have) {
		canvas_center(x->cv, in.x, in.y + in.h / 2, in.w, ROLE_DIM, 0,
		    _("no segment yet"));
		return;
	}
	hv.p = &p;
	hdr_bases(x->sim, &p, &hv.seq_base, &hv.ack_base);
	pane_header_show(x, &hv);
}

const struct pane_ops pane_header_ops = { "header", pane_header_draw };
