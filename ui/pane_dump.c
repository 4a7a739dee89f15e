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
#include <string.h>

#include "i18n.h"
#include "pkt_print.h"

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

/*
 * What the tools know when they reach the segment of step k, p decoded:
 * the tracker fed, in capture order, every frame before it and then p.
 */
static void
dump_track(const struct sim *s, size_t k, const struct pkt *p,
    struct pkt_print_ctx *td, struct pkt_print_ctx *ws)
{
	struct pkt_print_track tr;
	size_t f = dump_frame_step(s, k), end = f != 0 ? f : k;

	pkt_print_track_init(&tr);
	for (size_t j = 1; j < end; j++) {
		const struct sim_step *o = sim_step_at(s, j);
		struct pkt q;

		if (o->captured && o->pkt != NULL && pkt_decode(&q,
		    PKT_LINK_RAW, o->pkt, o->pkt_len, o->pkt_len) == 0)
			(void)pkt_print_track(&tr, &q, NULL, NULL);
	}
	if (!pkt_print_track(&tr, p, td, ws)) {
		memset(td, 0, sizeof(*td));
		memset(ws, 0, sizeof(*ws));
		td->wscale = ws->wscale = -1;
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
 * A tool's line cut at the width, not at spaces: its exact text matters
 * more than tidy breaks (a reader compares it with the tool's own output).
 */
static void
dump_lines(const struct pane_ctx *x, struct rect r, const char *s)
{
	for (int i = 0; i < r.h && *s != '\0'; i++) {
		char part[256];
		size_t n = canvas_fit(s, r.w);

		if (n == 0)
			break;
		if (n >= sizeof(part))
			n = sizeof(part) - 1;
		memcpy(part, s, n);
		part[n] = '\0';
		canvas_put(x->cv, r.x, r.y + i, r.w, ROLE_VALUE, 0, part);
		s += n;
	}
}

static void
pane_dump_draw(const struct pane_ctx *x)
{
	size_t k = pane_packet_step(x->sim);
	const struct sim_step *st = k ? sim_step_at(x->sim, k) : NULL;
	struct pkt_print_ctx td, ws;
	struct pkt p;
	char line[600], out[700];
	int lw, h = x->r.h - 1, half;

	canvas_fill(x->cv, x->r, ROLE_NORMAL, 0);
	canvas_hline(x->cv, x->r.x, x->r.y, x->r.w, ROLE_BORDER);
	dump_heading(x);
	if (st == NULL || pkt_decode(&p, PKT_LINK_RAW, st->pkt, st->pkt_len,
	    st->pkt_len) != 0) {
		canvas_put(x->cv, x->r.x + 1, x->r.y + 1, x->r.w - 2, ROLE_DIM,
		    0, _("no segment yet"));
		return;
	}
	dump_track(x->sim, k, &p, &td, &ws);
	/* -S, and tshark's preference off: the numbers as sent */
	if (!x->ui->relative)
		td.relative = ws.relative = false;
	lw = canvas_text_width("tcpdump ") > canvas_text_width("tshark ") ?
	    canvas_text_width("tcpdump ") : canvas_text_width("tshark ");
	/* tcpdump's line is the longer: it gets the rows it needs first */
	pkt_print_tcpdump(&p, &td, line, sizeof(line));
	half = (canvas_text_width(line) + x->r.w - 3 - lw) / (x->r.w - 2 - lw);
	if (half > h - 1)
		half = h - 1;
	if (half < 1)
		half = 1;
	snprintf(out, sizeof(out), "%s", line);
	canvas_put(x->cv, x->r.x + 1, x->r.y + 1, lw, ROLE_KEY, 0, "tcpdump");
	dump_lines(x, (struct rect){ x->r.x + 1 + lw, x->r.y + 1,
	    x->r.w - 2 - lw, half }, out);
	pkt_print_tshark(&p, &ws, x->cv->ascii, line, sizeof(line));
	canvas_put(x->cv, x->r.x + 1, x->r.y + 1 + half, lw, ROLE_KEY, 0,
	    "tshark");
	dump_lines(x, (struct rect){ x->r.x + 1 + lw, x->r.y + 1 + half,
	    x->r.w - 2 - lw, h - half }, line);
}

const struct pane_ops pane_dump_ops = { "dump", pane_dump_draw };
