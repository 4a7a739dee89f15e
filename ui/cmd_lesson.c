/* cmd_lesson: `tcpstep lesson NAME|FILE`; see tcpstep.1. */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "handout.h"
#include "i18n.h"
#include "lang.h"
#include "lesson.h"
#include "lesson_files.h"
#include "lesson_line.h"
#include "lesson_mode.h"
#include "lesson_sim.h"
#include "tui.h"

/* The lesson's key answers are the TUI's: its quit ends the loop. */
_Static_assert((int)LMK_NONE == TUI_APP_NONE &&
    (int)LMK_REDRAW == TUI_APP_REDRAW && (int)LMK_QUIT == TUI_APP_QUIT,
    "lesson_mode's key results must match tui.h's");

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

/* The name progress is saved under: NAME, or a file's name without its
 * directory and extension ("" when that is not a plain word). */
static void
cmd_lesson_progress_name(const char *op, char *buf, size_t cap)
{
	const char *base = strrchr(op, '/');
	size_t n;

	base = base != NULL ? base + 1 : op;
	n = strcspn(base, ".");
	if (n == 0 || n >= cap || strspn(base, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") < n) {
		buf[0] = '\0';
		return;
	}
	memcpy(buf, base, n);
	buf[n] = '\0';
}

static int
cmd_lesson_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 40)
		return ws.ws_col > 100 ? 100 : ws.ws_col;
	return 80;
}

/* The lesson as a TUI app. */
struct cmd_lesson_app {
	struct lesson_mode	*m;
	bool			 finished;	/* reached the end (and so
						   removed the progress) */
};

static void
cmd_lesson_draw(void *ctx, struct canvas *cv)
{
	struct cmd_lesson_app *a = ctx;

	lesson_mode_draw(a->m, cv);
}

static int
cmd_lesson_key(void *ctx, int key)
{
	struct cmd_lesson_app *a = ctx;
	int r = (int)lesson_mode_key(a->m, key);

	if (a->m->phase == LM_DONE)
		a->finished = true;
	return r;
}

/* The lesson in the TUI; afterwards, where it will resume. */
static int
cmd_lesson_tui(struct cli *c, struct lesson_mode *m)
{
	struct cmd_lesson_app a = { m, false };
	struct tui_app app = { &a, cmd_lesson_draw, cmd_lesson_key, NULL,
		NULL };
	int rc;

	/* A projector wants the calm, high-contrast theme unless told. */
	if (c->present && c->theme == NULL)
		c->theme = "projector";
	if ((rc = tui_run_app(c, &app)) != EXIT_OK)
		return rc;
	if (m->note[0] != '\0')
		cli_error(EXIT_OK, "%s", m->note);
	else if (m->name[0] != '\0' && m->reached >= 0 && !a.finished)
		printf(_("Progress saved: 'tcpstep lesson %s' resumes at stop "
		    "%d of %d.\n"), m->name, m->reached + 1, m->l->nstops);
	return EXIT_OK;
}

/*
 * Self-study or classroom: in the TUI on a terminal, else (a pipe, a
 * script, a screen reader) in lines of text.
 */
static int
cmd_lesson_take(struct cli *c, struct lesson *l, struct sim *s,
    enum lesson_lang lang, bool tui)
{
	struct lesson_mode m;
	struct ts_err err;
	int rc = EXIT_OK;

	if (lesson_mode_init(&m, l, s, c->present, lang, &err) == -1)
		return cli_error(EXIT_FAIL, "%s", err.msg);
	if (!c->present) {
		cmd_lesson_progress_name(c->ops[0], m.name, sizeof(m.name));
		if (m.name[0] != '\0' && lesson_mode_load(&m, m.name,
		    &err) == -1)
			cli_error(EXIT_OK, "%s", err.msg);
	}
	if (tui)
		rc = cmd_lesson_tui(c, &m);
	else
		lesson_line_run(&m, stdin, stdout, cmd_lesson_width());
	lesson_mode_done(&m);
	return rc;
}

int
cmd_lesson(struct cli *c)
{
	struct handout_opts ho = { .width = 80, .height = 24 };
	struct lesson l;
	struct ts_err err;
	struct sim *s;
	bool tui;
	int rc;

	if (c->scenario != NULL)
		return cli_usage_error(c->name, _("%s: --scenario does not apply "
		    "(a lesson names its own scenario)"), c->name);
	if (c->present && c->handout)
		return cli_usage_error(c->name, _("%s: --present and --handout "
		    "exclude each other"), c->name);
	rc = lesson_files_load(c->ops[0], &l);
	if (rc != EXIT_OK)
		return rc;
	s = cmd_lesson_run(c, &l);
	if (s == NULL) {
		lesson_done(&l);
		return EXIT_FAIL;
	}
	tui = !c->handout && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	/* The TUI speaks English where it must draw ASCII: so does the
	 * lesson. */
	if (tui)
		(void)tui_ascii(c);
	ho.lang = strcmp(lang_current(), "zh") == 0 ? LESSON_ZH : LESSON_EN;
	ho.ascii = c->ascii;
	if (!c->handout)
		rc = cmd_lesson_take(c, &l, s, ho.lang, tui);
	else if (handout_write(stdout, &l, s, &ho, &err) == -1)
		rc = cli_error(EXIT_FAIL, "%s", err.msg);
	else if (fflush(stdout) == EOF || ferror(stdout))
		rc = cli_error(EXIT_FAIL, _("standard output: write error"));
	sim_free(s);
	lesson_done(&l);
	return rc;
}
