/*
 * tui: the terminal front end, and the only file that includes curses.
 * It owns the terminal: restores it on q, Ctrl-C and SIGTERM, and holds
 * messages for stderr until curses has ended.
 */
#ifndef TS_TUI_H
#define TS_TUI_H

#include "cli.h"

/* Run the interactive TUI for the demo; returns an exit code. */
int	tui_run_demo(struct cli *c);

#endif
