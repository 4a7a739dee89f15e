/*
 * pane_status: the top line (scenario, step, where it happens) and the
 * bottom bar (the keys, or a prompt being answered, or a notice).
 */
#include "pane.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "lang.h"

static void
pane_title_draw(const struct pane_ctx *x)
{
	size_t cur = sim_cur(x->sim), n = sim_nsteps(x->sim);
	const struct sim_step *st = sim_step_at(x->sim, cur);
	char left[160], right[200], count[64];
	int rw;

	canvas_fill(x->cv, x->r, ROLE_TITLE, 0);
	snprintf(left, sizeof(left), " tcpstep \xc2\xb7 %s %s%s%s%s",
	    _("scenario"), sim_scenario(x->sim), sim_ipv6(x->sim) ? " (IPv6)" :
	    "", x->ui->faults[0] ? " \xc2\xb7 f: " : "", x->ui->faults);
	snprintf(count, sizeof(count), _("step %zu of %zu"), cur, n);
	if (st != NULL)
		snprintf(right, sizeof(right), "%s \xc2\xb7 %s \xc2\xb7 %s ",
		    pane_side_name(st->host), pane_layer_name(st->layer), count);
	else
		snprintf(right, sizeof(right), "%s ", count);
	canvas_put(x->cv, x->r.x, x->r.y, x->r.w, ROLE_TITLE, 0, left);
	rw = canvas_text_width(right);
	if (rw < x->r.w - canvas_text_width(left))
		canvas_put(x->cv, x->r.x + x->r.w - rw, x->r.y, rw, ROLE_TITLE,
		    0, right);
}

static void
pane_bar_draw(const struct pane_ctx *x)
{
	const char *k, *what;
	int col = x->r.x + 1, end = x->r.x + x->r.w;
	char buf[700];

	canvas_fill(x->cv, x->r, ROLE_BAR, 0);
	if (x->ui->prompt[0] != '\0') {
		snprintf(buf, sizeof(buf), " %s %s_", x->ui->prompt,
		    x->ui->input);
		canvas_put(x->cv, x->r.x, x->r.y, x->r.w, ROLE_BAR, CF_BOLD,
		    buf);
		return;
	}
	if (x->ui->message[0] != '\0') {
		snprintf(buf, sizeof(buf), " %s", x->ui->message);
		canvas_put(x->cv, x->r.x, x->r.y, x->r.w, ROLE_BAR, CF_BOLD,
		    buf);
		return;
	}
	/* ? and q always show, at the end; the others while they fit */
	for (int pass = 0; pass < 2; pass++) {
		int reserve = 0;

		for (size_t i = 0; pass == 0 && keys_hint(i, &k, &what); i++)
			if (strcmp(k, "?") == 0 || strcmp(k, "q") == 0)
				reserve += canvas_text_width(k) + 3 +
				    canvas_text_width(what);
		for (size_t i = 0; keys_hint(i, &k, &what); i++) {
			bool last = strcmp(k, "?") == 0 || strcmp(k, "q") == 0;
			int need, kw;

			if (last != (pass == 1))
				continue;
			if (what == NULL)	/* L: the other language */
				what = keys_other_lang(x->cv->ascii);
			kw = canvas_text_width(k);
			need = kw + 1 + canvas_text_width(what) + 2;
			if (col + need > end - reserve)
				continue;
			canvas_put(x->cv, col, x->r.y, kw, ROLE_KEY, 0, k);
			canvas_put(x->cv, col + kw + 1, x->r.y,
			    end - col - kw - 1, ROLE_BAR, 0, what);
			col += need;
		}
	}
}

const struct pane_ops pane_title_ops = { "title", pane_title_draw };
const struct pane_ops pane_bar_ops = { "bar", pane_bar_draw };
