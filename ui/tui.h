/*
 * tui: the terminal front end, and the only file that includes curses.
 * It owns the terminal: restores it on q, Ctrl-C and SIGTERM, and holds
 * messages for stderr until curses has ended.
 */
#ifndef TS_TUI_H
#define TS_TUI_H

#include <stdbool.h>

#include "canvas.h"
#include "cli.h"

/* Run the interactive TUI for the demo; returns an exit code. */
int	tui_run_demo(struct cli *c);

/*
 * Another screen in the same terminal handling (a lesson, a replay): the
 * app draws whole frames into a canvas and answers keys; tui.c does the
 * rest (resize, the small-terminal message, flushing only changed cells,
 * restoring the terminal on q, Ctrl-C and signals, themes, NO_COLOR, the
 * ASCII fallback).  Keys are our KEYC_* codes or Unicode code points
 * (keys.h).  key, click and tick return a TUI_APP_* code; the values
 * match lesson_mode's LMK_*.
 */
enum { TUI_APP_NONE, TUI_APP_REDRAW, TUI_APP_QUIT };

struct tui_app {
	void	*ctx;
	/* The whole screen, into cv (cleared by the app; cv->ascii set). */
	void	(*draw)(void *ctx, struct canvas *cv);
	/* A key, KEYC_RESIZE included; never called below 80x24. */
	int	(*key)(void *ctx, int key);
	/* Optional (NULL): a left click at column x, row y. */
	int	(*click)(void *ctx, int x, int y);
	/* Optional (NULL): called about every 250 ms without a key. */
	int	(*tick)(void *ctx);
};

/*
 * Run app until it returns TUI_APP_QUIT (or a signal); theme and --ascii
 * come from c.  Returns an exit code; fails when stdin or stdout is not a
 * terminal or curses cannot start.
 */
int	tui_run_app(struct cli *c, const struct tui_app *app);
/*
 * Whether an app can run: standard output is a terminal, and keys can be
 * read from standard input or, when that brings data, from /dev/tty.
 */
bool	tui_available(void);

/*
 * Whether the TUI will draw in ASCII (--ascii, a locale that is not UTF-8,
 * a terminal without line drawing).  When it will, Chinese falls back to
 * English (lang_set), so call this before choosing the language of text
 * the app draws.
 */
bool	tui_ascii(const struct cli *c);

/*
 * The app's side of the loop, without curses (tui.c calls these; tests
 * call them with a fake app).  tui_app_key: below 80x24 (w x h) only a
 * quit key means something; otherwise the app answers.  tui_app_draw:
 * the small-terminal message below 80x24, else the app's frame.
 */
int	tui_app_key(const struct tui_app *app, int key, int w, int h);
void	tui_app_draw(const struct tui_app *app, struct canvas *cv);

#endif
