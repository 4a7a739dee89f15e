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
	N_("the client's TCP makes a header with the port numbers"),
	N_("it sets the SYN bit, the initial sequence number and the window"),
	N_("TCP asks IP to send it; the segment goes on the wire"),
	N_("the server's IP passes it to TCP, which finds the socket by the "
	    "destination port"),
	N_("the server answers with SYN+ACK, the ports swapped"),
	N_("the client checks the ACK, records the server, is ESTABLISHED "
	    "and sends ACK"),
	N_("the server receives the ACK: the connection is ESTABLISHED"),
};

static void
pane_narration_draw(const struct pane_ctx *x)
{
	size_t cur = sim_cur(x->sim), n = sim_nsteps(x->sim);
	const struct sim_step *st = sim_step_at(x->sim, cur);
	char title[160], text[1024], body[1200];
	struct rect in = { x->r.x + 1, x->r.y + 1, x->r.w - 2, x->r.h - 1 };

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
			snprintf(title, sizeof(title), _(" connect(), step %d of "
			    "7: %s "), st->chapter, _(narr_chapter[st->chapter]));
		else
			snprintf(title, sizeof(title), _(" Step %zu: %s, %s "),
			    cur, pane_side_name(st->host),
			    pane_layer_name(st->layer));
		sim_step_text(x->sim, cur, text, sizeof(text));
		snprintf(body, sizeof(body), "%s", text);
	}
	canvas_put(x->cv, x->r.x + 2, x->r.y, x->r.w - 4, ROLE_HEAD,
	    st != NULL && st->chapter ? CF_BOLD : 0, title);
	canvas_put_wrapped(x->cv, in, ROLE_NORMAL, 0, body);
}

const struct pane_ops pane_narration_ops = { "narration", pane_narration_draw };
