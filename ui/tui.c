/*
 * tui: the terminal front end, and the only file that includes curses
 * (tmux's tty.c, htop's CRT.c).  Panes draw into a canvas; this file copies
 * to curses only the cells that changed since the last frame, so nothing
 * flickers, and answers every key with one redraw.
 *
 * It owns the terminal: restored on q, Ctrl-C and SIGTERM; resized at any
 * moment (ncurses turns SIGWINCH into KEY_RESIZE); messages for stderr wait
 * until curses has ended.
 */
#include "tui.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "cli_sim.h"
#include "i18n.h"
#include "keys.h"
#include "lang.h"
#include "ladder.h"
#include "screen.h"

#define TUI_LADDER_STEPS	100000

static volatile sig_atomic_t tui_quit_signal;

struct tui {
	struct sim		*sim;
	struct ladder		*ladder;
	struct sim_config	 cfg;
	char			 scenario[64];
	struct ui_state		 ui;
	bool			 ascii;
	bool			 color;
	struct canvas		*cv, *prev;	/* this frame, the last one */
	short			 pairs[17][17];	/* (fg+1, bg+1) -> pair, 0 none */
	short			 npairs;
	bool			 quit;
	const struct tui_app	*app;		/* NULL: the demo */
	FILE			*in;		/* the keys: stdin or /dev/tty */
};

/*
 * Where the keys come from: standard input when it is the terminal, else
 * the controlling terminal itself (as less does), so that a capture can
 * come in on standard input.  NULL when there is none.
 */
static FILE *
tui_keys_input(void)
{
	if (isatty(STDIN_FILENO))
		return stdin;
	return fopen("/dev/tty", "r");
}

bool
tui_available(void)
{
	FILE *in;

	if (!isatty(STDOUT_FILENO))
		return false;
	if (isatty(STDIN_FILENO))
		return true;
	if ((in = fopen("/dev/tty", "r")) == NULL)
		return false;
	fclose(in);
	return true;
}

static void
tui_on_signal(int sig)
{
	tui_quit_signal = sig;
}

static void
tui_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: getch returns so the loop sees the flag */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* A terminal that cannot draw lines (vt100-ish, dumb) gets ASCII. */
static bool
tui_term_ascii(void)
{
	const char *t = getenv("TERM");

	return t == NULL || strncmp(t, "vt", 2) == 0 ||
	    strcmp(t, "dumb") == 0 || strcmp(t, "ansi") == 0;
}

static short
tui_pair(struct tui *t, int fg, int bg)
{
	short *p;

	if (fg < -1 || fg > 15 || bg < -1 || bg > 15)
		return 0;
	/* bright colours only where the terminal has them */
	if (COLORS < 16) {
		fg = fg > 7 ? fg - 8 : fg;
		bg = bg > 7 ? bg - 8 : bg;
	}
	p = &t->pairs[fg + 1][bg + 1];
	if (*p == 0 && t->npairs + 1 < COLOR_PAIRS) {
		*p = ++t->npairs;
		init_pair(*p, (short)fg, (short)bg);
	}
	return *p;
}

static attr_t
tui_attr(struct tui *t, int role, int flags, short *pair)
{
	struct theme_attr a = theme_resolve(t->ui.theme, role, flags, t->color);
	attr_t at = A_NORMAL;

	if (a.attr & TA_BOLD)
		at |= A_BOLD;
	if (a.attr & TA_REVERSE)
		at |= A_REVERSE;
	if (a.attr & TA_UNDERLINE)
		at |= A_UNDERLINE;
	*pair = t->color ? tui_pair(t, a.fg, a.bg) : 0;
	return at;
}

/* Copy the cells that changed since the last frame to curses. */
static void
tui_flush(struct tui *t, bool all)
{
	for (int y = 0; y < t->cv->h; y++)
		for (int x = 0; x < t->cv->w; x++) {
			const struct canvas_cell *c = canvas_at(t->cv, x, y);
			const struct canvas_cell *o = all ? NULL :
			    canvas_at(t->prev, x, y);
			wchar_t wc[2] = { 0, 0 };
			cchar_t cc;
			attr_t at;
			short pair;

			if (c->width == 0)
				continue;
			if (o != NULL && memcmp(c, o, sizeof(*c)) == 0 &&
			    (x + 1 >= t->cv->w || memcmp(c + 1, o + 1,
			    sizeof(*c)) == 0))
				continue;
			at = tui_attr(t, c->role, c->flags, &pair);
			wc[0] = (wchar_t)c->cp;
			setcchar(&cc, wc, at, pair, NULL);
			mvadd_wch(y, x, &cc);
		}
	/* the bottom right cell scrolls some terminals: curses handles it */
	refresh();
}

static void
tui_draw(struct tui *t, bool all)
{
	struct canvas *tmp;

	if (t->cv == NULL || t->cv->w != COLS || t->cv->h != LINES) {
		canvas_free(t->cv);
		canvas_free(t->prev);
		t->cv = canvas_new(COLS, LINES, t->ascii);
		t->prev = canvas_new(COLS, LINES, t->ascii);
		all = true;
	}
	if (t->app != NULL)
		tui_app_draw(t->app, t->cv);
	else
		screen_draw(t->cv, t->sim, t->ladder, &t->ui);
	if (all) {
		struct theme_attr a = theme_resolve(t->ui.theme, ROLE_NORMAL, 0,
		    t->color);
		short pair = t->color ? tui_pair(t, a.fg, a.bg) : 0;

		bkgdset((chtype)COLOR_PAIR(pair));
		clearok(stdscr, TRUE);
	}
	tui_flush(t, all);
	tmp = t->prev;
	t->prev = t->cv;
	t->cv = tmp;
	if (t->cv->w != t->prev->w || t->cv->h != t->prev->h) {
		canvas_free(t->cv);
		t->cv = canvas_new(COLS, LINES, t->ascii);
	}
}

/* Run a scenario from the start; false with a message if it cannot. */
static bool
tui_load(struct tui *t, const char *scenario)
{
	struct sim_config cfg = t->cfg;
	struct ts_err err;
	struct sim *s;

	cfg.scenario = scenario;
	if ((s = sim_new(&cfg, &err)) == NULL) {
		snprintf(t->ui.message, sizeof(t->ui.message), "%s", err.msg);
		return false;
	}
	ladder_free(t->ladder);
	sim_free(t->sim);
	t->sim = s;
	t->ui.faults[0] = '\0';
	t->ladder = ladder_build(s, TUI_LADDER_STEPS);
	sim_goto(s, 0);
	return true;
}

static void
tui_goto(struct tui *t, size_t k)
{
	if (k <= sim_nsteps(t->sim))
		sim_goto(t->sim, k);
}

static void
tui_fault(struct tui *t, int which)
{
	static const int faults[] = { SIM_FAULT_DROP, SIM_FAULT_DUP,
		SIM_FAULT_DELAY };
	static const char *const names[] = { "drop", "dup", "delay" };
	struct ts_err err;
	size_t n;
	size_t k = sim_cur(t->sim);

	if (sim_inject(t->sim, k, faults[which], 500000, &err) != 0) {
		snprintf(t->ui.message, sizeof(t->ui.message), "%s: %s",
		    _("fault"), err.msg);
		return;
	}
	ladder_free(t->ladder);
	t->ladder = ladder_build(t->sim, TUI_LADDER_STEPS);
	sim_goto(t->sim, k);
	n = strlen(t->ui.faults);
	snprintf(t->ui.faults + n, sizeof(t->ui.faults) - n, "%s%s@%zu",
	    n ? " " : "", names[which], k);
	snprintf(t->ui.message, sizeof(t->ui.message),
	    _("Fault added to the run's plan after step %zu. Step forward to "
	    "see it."), k);
}

/* A key while a menu is open. */
static void
tui_menu_key(struct tui *t, int key)
{
	int n = (int)screen_menu_count(t->ui.menu), sel = t->ui.menu_sel;

	if (key == KEYC_UP || key == 'k')
		t->ui.menu_sel = sel > 0 ? sel - 1 : n - 1;
	else if (key == KEYC_DOWN || key == 'j' || key == KEYC_TAB)
		t->ui.menu_sel = sel + 1 < n ? sel + 1 : 0;
	else if (key >= '1' && key <= '9' && key - '1' < n) {
		t->ui.menu_sel = key - '1';
		key = KEYC_ENTER;
	}
	if (key == KEYC_ESCAPE || key == 'q') {
		t->ui.menu = MENU_NONE;
		return;
	}
	if (key != KEYC_ENTER)
		return;
	if (t->ui.menu == MENU_SCENARIO) {
		snprintf(t->scenario, sizeof(t->scenario), "%s",
		    sim_builtin_name((size_t)t->ui.menu_sel));
		tui_load(t, t->scenario);
	} else
		tui_fault(t, t->ui.menu_sel);
	t->ui.menu = MENU_NONE;
}

/* A key while the goto prompt is open. */
static void
tui_prompt_key(struct tui *t, int key)
{
	size_t len = strlen(t->ui.input);

	if (key >= '0' && key <= '9' && len + 1 < sizeof(t->ui.input) &&
	    len < 9) {
		t->ui.input[len] = (char)key;
		t->ui.input[len + 1] = '\0';
	} else if ((key == KEYC_BACKSPACE || key == 127 || key == 8) && len > 0)
		t->ui.input[len - 1] = '\0';
	else if (key == KEYC_ENTER) {
		if (len > 0) {
			size_t k = (size_t)strtoul(t->ui.input, NULL, 10);

			if (k > sim_nsteps(t->sim))
				snprintf(t->ui.message, sizeof(t->ui.message),
				    _("No step %zu: this run has steps 0 to "
				    "%zu."), k, sim_nsteps(t->sim));
			else
				tui_goto(t, k);
		}
		t->ui.prompt[0] = '\0';
	} else if (key == KEYC_ESCAPE || key == 'q')
		t->ui.prompt[0] = '\0';
}

static void
tui_click(struct tui *t, int mx, int my)
{
	struct pane_ctx x;
	size_t k;

	if (!screen_ladder_ctx(&x, t->cv, t->sim, t->ladder, &t->ui))
		return;
	if (!layout_in(x.r, mx, my))
		return;
	if ((k = ladder_hit(&x, mx, my)) != 0)
		tui_goto(t, k);
}

static void
tui_action(struct tui *t, enum key_action a)
{
	size_t cur = sim_cur(t->sim), n = sim_nsteps(t->sim);

	switch (a) {
	case KA_NEXT:
		if (cur < n)
			tui_goto(t, cur + 1);
		break;
	case KA_PREV:
		if (cur > 0)
			tui_goto(t, cur - 1);
		break;
	case KA_FIRST:
		tui_goto(t, 0);
		break;
	case KA_LAST:
		tui_goto(t, n);
		break;
	case KA_GOTO:
		snprintf(t->ui.prompt, sizeof(t->ui.prompt),
		    _("Go to step (0-%zu), Enter:"), n);
		t->ui.input[0] = '\0';
		break;
	case KA_SCENARIO:
		t->ui.menu = MENU_SCENARIO;
		t->ui.menu_sel = 0;
		for (size_t i = 0; i < sim_builtin_count(); i++)
			if (strcmp(sim_builtin_name(i), sim_scenario(t->sim))
			    == 0)
				t->ui.menu_sel = (int)i;
		break;
	case KA_FAULT:
		t->ui.menu = MENU_FAULT;
		t->ui.menu_sel = 0;
		break;
	case KA_RELATIVE:
		t->ui.relative = !t->ui.relative;
		snprintf(t->ui.message, sizeof(t->ui.message), "%s",
		    t->ui.relative ? _("Sequence numbers: relative to each "
		    "side's ISS.") : _("Sequence numbers: absolute."));
		break;
	case KA_LANG:
		if (t->ascii) {
			snprintf(t->ui.message, sizeof(t->ui.message), "%s",
			    _("Chinese needs a UTF-8 terminal."));
			break;
		}
		lang_set(strcmp(lang_current(), "zh") == 0 ? "en" : "zh");
		break;
	case KA_FOCUS:
		t->ui.focus = layout_next_focus(t->ui.focus, COLS, LINES);
		break;
	case KA_DUMP:
		t->ui.dump = !t->ui.dump;
		break;
	case KA_HELP:
		t->ui.help = true;
		break;
	case KA_QUIT:
		t->quit = true;
		break;
	case KA_REDRAW:
	case KA_NONE:
	case KA_COUNT:
		break;
	}
}

/* curses's key codes to ours. */
static int
tui_key(int ch, bool fn)
{
	if (!fn) {
		if (ch == '\n' || ch == '\r')
			return KEYC_ENTER;
		if (ch == '\t')
			return KEYC_TAB;
		if (ch == 27)
			return KEYC_ESCAPE;
		if (ch == 12)
			return KEYC_CTRL_L;
		if (ch == 8)
			return KEYC_BACKSPACE;
		return ch;
	}
	switch (ch) {
	case KEY_LEFT: return KEYC_LEFT;
	case KEY_RIGHT: return KEYC_RIGHT;
	case KEY_UP: return KEYC_UP;
	case KEY_DOWN: return KEYC_DOWN;
	case KEY_HOME: return KEYC_HOME;
	case KEY_END: return KEYC_END;
	case KEY_PPAGE: return KEYC_PGUP;
	case KEY_NPAGE: return KEYC_PGDN;
	case KEY_BACKSPACE: return KEYC_BACKSPACE;
	case KEY_ENTER: return KEYC_ENTER;
	case KEY_RESIZE: return KEYC_RESIZE;
	case KEY_MOUSE: return KEYC_MOUSE;
	default: return 0;
	}
}

static void
tui_handle(struct tui *t, int key)
{
	MEVENT ev;

	if (key == KEYC_RESIZE || key == KEYC_CTRL_L) {
		tui_draw(t, true);
		return;
	}
	t->ui.message[0] = '\0';
	if (key == KEYC_MOUSE) {
		if (getmouse(&ev) == OK && (ev.bstate & (BUTTON1_CLICKED |
		    BUTTON1_PRESSED | BUTTON1_RELEASED)))
			tui_click(t, ev.x, ev.y);
		return;
	}
	if (t->ui.help) {
		/* any key closes the help; q also quits */
		t->ui.help = false;
		if (keys_action(key) != KA_QUIT)
			return;
	}
	if (t->ui.menu != MENU_NONE) {
		tui_menu_key(t, key);
		return;
	}
	if (t->ui.prompt[0] != '\0') {
		tui_prompt_key(t, key);
		return;
	}
	/* below 80x24 only q means something */
	if (LINES < LAYOUT_MIN_H || COLS < LAYOUT_MIN_W) {
		if (keys_action(key) == KA_QUIT)
			t->quit = true;
		return;
	}
	tui_action(t, keys_action(key));
}

int
tui_app_key(const struct tui_app *app, int key, int w, int h)
{
	/* below 80x24 only q means something, as in the demo */
	if (w < LAYOUT_MIN_W || h < LAYOUT_MIN_H)
		return keys_action(key) == KA_QUIT ? TUI_APP_QUIT :
		    TUI_APP_NONE;
	return app->key(app->ctx, key);
}

void
tui_app_draw(const struct tui_app *app, struct canvas *cv)
{
	struct ui_state ui;

	if (cv->w < LAYOUT_MIN_W || cv->h < LAYOUT_MIN_H) {
		/* screen_draw draws only the message then, and never
		 * touches the run, so none is needed */
		screen_ui_init(&ui);
		screen_draw(cv, NULL, NULL, &ui);
		return;
	}
	app->draw(app->ctx, cv);
}

/* A key (or a click) for the app; returns whether to draw again. */
static bool
tui_app_handle(struct tui *t, int key)
{
	const struct tui_app *app = t->app;
	MEVENT ev;
	int r = TUI_APP_NONE;

	if (key == KEYC_MOUSE) {
		if (app->click != NULL && COLS >= LAYOUT_MIN_W &&
		    LINES >= LAYOUT_MIN_H && getmouse(&ev) == OK &&
		    (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED |
		    BUTTON1_RELEASED)))
			r = app->click(app->ctx, ev.x, ev.y);
	} else
		r = tui_app_key(app, key, COLS, LINES);
	if (r == TUI_APP_QUIT)
		t->quit = true;
	if (key == KEYC_RESIZE || key == KEYC_CTRL_L) {
		tui_draw(t, true);
		return false;
	}
	return r == TUI_APP_REDRAW;
}

static int
tui_loop(struct tui *t)
{
	const struct tui_app *app = t->app;
	wint_t wch;
	int r;

	tui_draw(t, true);
	while (!t->quit && !tui_quit_signal) {
		r = get_wch(&wch);
		if (r == ERR) {
			/* a signal, or the timeout: the app's clock */
			if (app != NULL && app->tick != NULL &&
			    !tui_quit_signal && (r = app->tick(app->ctx)) !=
			    TUI_APP_NONE) {
				t->quit = r == TUI_APP_QUIT;
				if (!t->quit)
					tui_draw(t, false);
				/* The app has work under way (replay's
				   indexing): come back at once unless a key
				   is waiting, instead of idling 250 ms. */
				timeout(r == TUI_APP_REDRAW ? 0 : 250);
			} else
				timeout(250);
			continue;
		}
		if (app != NULL) {
			if (tui_app_handle(t, tui_key((int)wch,
			    r == KEY_CODE_YES)) && !t->quit)
				tui_draw(t, false);
			continue;
		}
		tui_handle(t, tui_key((int)wch, r == KEY_CODE_YES));
		if (!t->quit)
			tui_draw(t, false);
	}
	return EXIT_OK;
}

static bool
tui_start(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");

	/* newterm, not initscr, which exits on an unknown TERM */
	if ((t->in = tui_keys_input()) == NULL)
		return false;
	if (newterm(NULL, stdout, t->in) == NULL) {
		if (t->in != stdin)
			fclose(t->in);
		return false;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	timeout(250);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	mouseinterval(0);
	t->color = has_colors() && (nc == NULL || nc[0] == '\0');
	if (t->color) {
		start_color();
		use_default_colors();
	}
	return true;
}

bool
tui_ascii(const struct cli *c)
{
	bool ascii = c->ascii || !lang_utf8() || tui_term_ascii();

	/* Chinese cannot be drawn in ASCII: fall back to English */
	if (ascii && strcmp(lang_current(), "zh") == 0)
		lang_set("en");
	return ascii;
}

/* The loop on a started terminal, then the terminal back as it was. */
static int
tui_session(struct tui *t)
{
	int rc;

	tui_signals();
	rc = tui_loop(t);
	endwin();
	if (t->in != stdin)
		fclose(t->in);
	canvas_free(t->cv);
	canvas_free(t->prev);
	t->cv = t->prev = NULL;
	return rc;
}

int
tui_run_demo(struct cli *c)
{
	struct tui t;
	int rc;

	memset(&t, 0, sizeof(t));
	if ((rc = screen_from_cli(c, &t.cfg, &t.ui, &t.ascii)) != EXIT_OK)
		return rc;
	if (c->capture != NULL)
		return cli_not_yet(c);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error(EXIT_FAIL,
		    _("terminal: the TUI needs a terminal (try 'tcpstep render')"));
	t.ascii = tui_ascii(c);
	snprintf(t.scenario, sizeof(t.scenario), "%s", c->scenario != NULL ?
	    c->scenario : "handshake");
	/* the command line's errors first, as every command reports them */
	if ((t.sim = cli_sim_open(c, &rc)) == NULL)
		return rc;
	t.ladder = ladder_build(t.sim, TUI_LADDER_STEPS);
	sim_goto(t.sim, 0);
	if (!tui_start(&t)) {
		ladder_free(t.ladder);
		sim_free(t.sim);
		return cli_error(EXIT_FAIL, "terminal: cannot initialise curses "
		    "(TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
	}
	rc = tui_session(&t);
	ladder_free(t.ladder);
	sim_free(t.sim);
	return rc;
}

int
tui_run_app(struct cli *c, const struct tui_app *app)
{
	struct sim_config cfg;
	struct tui t;
	int rc;

	memset(&t, 0, sizeof(t));
	t.app = app;
	/* the theme and --ascii, as the demo reads them */
	if ((rc = screen_from_cli(c, &cfg, &t.ui, &t.ascii)) != EXIT_OK)
		return rc;
	if (!tui_available())
		return cli_error(EXIT_FAIL,
		    _("terminal: the TUI needs a terminal"));
	t.ascii = tui_ascii(c);
	if (!tui_start(&t))
		return cli_error(EXIT_FAIL, "terminal: cannot initialise curses "
		    "(TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
	return tui_session(&t);
}
