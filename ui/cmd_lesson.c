/* cmd_lesson: `tcpstep lesson NAME|FILE`; see tcpstep.1. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "handout.h"
#include "i18n.h"
#include "lang.h"
#include "lesson.h"
#include "lesson_files.h"
#include "lesson_sim.h"

/* The lesson's run, with the command line's seed and profiles on top. */
static struct sim *
cmd_lesson_run(struct cli *c, struct lesson *l)
{
	struct lesson_sim_opts o = { 0 };
	struct ts_err err;
	struct sim *s;

	if (c->seed_set)
		l->seed = c->seed;
	if (c->ipv6)
		l->ipv6 = true;
	o.client_profile = c->client_profile != NULL ? c->client_profile :
	    c->profile;
	o.server_profile = c->server_profile != NULL ? c->server_profile :
	    c->profile;
	s = lesson_sim_run(l, &o, &err);
	if (s == NULL)
		cli_error(EXIT_FAIL, "%s", err.msg);
	return s;
}

int
cmd_lesson(struct cli *c)
{
	struct handout_opts ho = { .width = 80, .height = 24 };
	struct lesson l;
	struct ts_err err;
	struct sim *s;
	int rc;

	if (c->scenario != NULL)
		return cli_usage_error(c->name, _("%s: --scenario does not apply "
		    "(a lesson names its own scenario)"), c->name);
	if (c->present && c->handout)
		return cli_usage_error(c->name, _("%s: --present and --handout "
		    "exclude each other"), c->name);
	if (!c->handout)
		return cli_not_yet(c);
	rc = lesson_files_load(c->ops[0], &l);
	if (rc != EXIT_OK)
		return rc;
	s = cmd_lesson_run(c, &l);
	if (s == NULL) {
		lesson_done(&l);
		return EXIT_FAIL;
	}
	rc = EXIT_OK;
	ho.lang = strcmp(lang_current(), "zh") == 0 ? LESSON_ZH : LESSON_EN;
	ho.ascii = c->ascii;
	if (handout_write(stdout, &l, s, &ho, &err) == -1)
		rc = cli_error(EXIT_FAIL, "%s", err.msg);
	else if (fflush(stdout) == EOF || ferror(stdout))
		rc = cli_error(EXIT_FAIL, _("standard output: write error"));
	sim_free(s);
	lesson_done(&l);
	return rc;
}
