/*
 * pane_narration: the current step in plain words (sim_step_text, in the
 * language in force), under a heading naming which of the chapter's seven
 * steps of connect() it is, so a teacher can talk from the screen alone.
 */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

/* The chapter's seven steps of connect(), as headings. */
static const char *const narr_chapter[8] = {
	NULL,
	N_("TCP makes a header with the port numbers"),
	N_("SYN bit, initial sequence number, window"),
	N_("TCP asks IP to send: the SYN goes on the wire"),
	N_("the server finds the socket by destination port"),
	N_("the server answers SYN+ACK, ports swapped"),
	N_("client checks the ACK, ESTABLISHED, sends ACK"),
	N_("the server gets the ACK: ESTABLISHED"),
};

static void
pane_narration_draw(const struct pane_ctx *x)
{
	size_t cur = sim_cur(x->sim), n = sim_nsteps(x->sim);
	const struct sim_step *st = sim_step_at(x->sim, cur);
	char title[160], text[1024], body[1200];
	struct rect in = { x->r.x + 1, x->r.y + 1, x->r.w - 2, x->r.h - 1 };
	int used;

	canvas_fill(x->cv, x->r, ROLE_NORMAL, 0);
	canvas_hline(x->cv, x->r.x, x->r.y, x->r.w, ROLE_BORDER);
	if (st == NULL) {
		snprintf(title, sizeof(title), " %s ", _("Before anything happened"));
		snprintf(body, sizeof(body), "%s", n == 0 ?
		    _("This scenario has no steps.") :
		    _("Step 0: two hosts, a client and a server, on one LAN. "
		    "Nothing has happened yet. Press \xe2\x86\x92 or space to "
		    "take the first step."));
	} else {
		if (st->chapter >= 1 && st->chapter <= 7)
			snprintf(title, sizeof(title), _(" connect() %d/7: %s "), st->chapter, _(narr_chapter[st->chapter]));
		else
			snprintf(title, sizeof(title), _(" Step %zu: %s, %s "),
			    cur, pane_side_name(st->host),
			    pane_layer_name(st->layer));
		sim_step_text(x->sim, cur, text, sizeof(text));
		snprintf(body, sizeof(body), "%s", text);
	}
	canvas_put(x->cv, x->r.x + 2, x->r.y, x->r.w - 4, ROLE_HEAD,
	    st != NULL && st->chapter ? CF_BOLD : 0, title);
	used = canvas_put_wrapped(x->cv, in, ROLE_NORMAL, 0, body) + 1;
	/* rows left: what each side's state means, in the chapter's words */
	for (int side = 0; side < SIM_NHOSTS && used < in.h; side++) {
		const struct sock *so = pane_sock(x->sim, side);
		char line[512];

		if (so == NULL)
			continue;
		snprintf(line, sizeof(line), "%s %s", pane_side_name(side),
		    sim_state_gloss(so->tcb.state));
		used += canvas_put_wrapped(x->cv, (struct rect){ in.x,
		    in.y + used, in.w, in.h - used }, ROLE_DIM,
		    pane_flag(x->sim, side, "state"), line);
	}
}

const struct pane_ops pane_narration_ops = { "narration", pane_narration_draw };
