/*
 * pane_dump: the current segment as tcpdump and tshark print it, one line
 * each (the codec's pkt_print, in-process, no subprocess), so a student
 * learns to read those tools next to the picture.  Relative numbers follow
 * the r key, as -S does for tcpdump and the preference for tshark.
 */
#include "ladder.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "pkt_print.h"

/* The sender's own window scale shift, once both SYNs carried one. */
static int
dump_wscale(const struct sim *s, int side)
{
	const struct sock *so;

	if (side < 0 || side >= SIM_NHOSTS || (so = pane_sock(s, side)) == NULL)
		return -1;
	return so->tcb.wscale_ok ? so->tcb.rcv_wscale : -1;
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
	struct pkt_print_ctx ctx;
	struct pkt p;
	char line[600], out[700];
	int lw, h = x->r.h - 1, half;

	canvas_fill(x->cv, x->r, ROLE_NORMAL, 0);
	canvas_hline(x->cv, x->r.x, x->r.y, x->r.w, ROLE_BORDER);
	canvas_put(x->cv, x->r.x + 2, x->r.y, x->r.w - 4, ROLE_HEAD, 0,
	    _(" The segment as tcpdump -nn and tshark print it "));
	if (st == NULL || pkt_decode(&p, PKT_LINK_RAW, st->pkt, st->pkt_len,
	    st->pkt_len) != 0) {
		canvas_put(x->cv, x->r.x + 1, x->r.y + 1, x->r.w - 2, ROLE_DIM,
		    0, _("no segment yet"));
		return;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.relative = x->ui->relative && x->ladder != NULL;
	if (x->ladder != NULL && st->host >= 0 && st->host < SIM_NHOSTS) {
		ctx.isn_src = x->ladder->base[st->host];
		ctx.isn_dst = x->ladder->base[1 - st->host];
		ctx.relative = ctx.relative && x->ladder->have_base[st->host] &&
		    x->ladder->have_base[1 - st->host];
	}
	ctx.wscale = dump_wscale(x->sim, st->host);
	lw = canvas_text_width("tcpdump ") > canvas_text_width("tshark ") ?
	    canvas_text_width("tcpdump ") : canvas_text_width("tshark ");
	/* tcpdump's line is the longer: it gets the rows it needs first */
	pkt_print_tcpdump(&p, &ctx, line, sizeof(line));
	half = (canvas_text_width(line) + x->r.w - 3 - lw) / (x->r.w - 2 - lw);
	if (half > h - 1)
		half = h - 1;
	if (half < 1)
		half = 1;
	snprintf(out, sizeof(out), "%s", line);
	canvas_put(x->cv, x->r.x + 1, x->r.y + 1, lw, ROLE_KEY, 0, "tcpdump");
	dump_lines(x, (struct rect){ x->r.x + 1 + lw, x->r.y + 1,
	    x->r.w - 2 - lw, half }, out);
	pkt_print_tshark(&p, &ctx, x->cv->ascii, line, sizeof(line));
	canvas_put(x->cv, x->r.x + 1, x->r.y + 1 + half, lw, ROLE_KEY, 0,
	    "tshark");
	dump_lines(x, (struct rect){ x->r.x + 1 + lw, x->r.y + 1 + half,
	    x->r.w - 2 - lw, h - half }, line);
}

const struct pane_ops pane_dump_ops = { "dump", pane_dump_draw };
