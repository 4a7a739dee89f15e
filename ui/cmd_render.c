/*
 * cmd_render: `tcpstep render`: the screen the TUI would draw at one step,
 * as plain text on standard output (UTF-8, or only ASCII with --ascii; no
 * escape sequences, nothing on standard error when it works).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_sim.h"
#include "i18n.h"
#include "ladder.h"
#include "replay_view.h"
#include "scn.h"
#include "screen.h"

/* The ladder reads at most this many steps (a run can be much longer). */
#define RENDER_LADDER_STEPS	100000

/* The title names the --fault options as the TUI's does after f. */
static void
render_faults(const struct cli *c, struct ui_state *ui)
{
	size_t n;

	for (int i = 0; i < c->nfault; i++) {
		n = strlen(ui->faults);
		snprintf(ui->faults + n, sizeof(ui->faults) - n, "%s%s@%ld",
		    n ? " " : "", c->fault[i].kind == SIM_FAULT_DUP ? "dup" :
		    scn_fault_name(c->fault[i].kind), c->fault[i].step);
	}
}

int
cmd_render(struct cli *c)
{
	struct sim_config cfg;
	struct ui_state ui;
	struct sim *s;
	struct ladder *l;
	struct canvas *cv;
	bool ascii;
	size_t step;
	char *out;
	int rc;

	/* A capture's connection is drawn by the replay view. */
	if (c->capture != NULL && c->nfault > 0)
		return cli_usage_error(c->name, _("%s: --fault is for a "
		    "scenario, not --capture"), c->name);
	if (c->capture != NULL)
		return replay_render(c);
	if ((rc = screen_from_cli(c, &cfg, &ui, &ascii)) != EXIT_OK)
		return rc;
	render_faults(c, &ui);
	if ((s = cli_sim_open(c, &rc)) == NULL)
		return rc;
	step = c->step < 0 ? 0 : (size_t)c->step;
	if (step > sim_nsteps(s)) {
		rc = cli_usage_error(c->name, _("%s: no step %zu (this run has "
		    "steps 0 to %zu)"), c->name, step, sim_nsteps(s));
		sim_free(s);
		return rc;
	}
	l = ladder_build(s, RENDER_LADDER_STEPS);
	sim_goto(s, step);
	cv = canvas_new(c->width, c->height, ascii);
	screen_draw(cv, s, l, &ui);
	out = canvas_dump(cv);
	fputs(out, stdout);
	free(out);
	canvas_free(cv);
	ladder_free(l);
	sim_free(s);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(EXIT_FAIL, _("standard output: write error"));
	return EXIT_OK;
}
