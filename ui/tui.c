#include "tui.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "i18n.h"

/* Placeholder screen until the teaching stack and the panes land. */
int
tui_run_demo(struct cli *c)
{
	const char *msg = _("tcpstep: the TUI is being built. Press q to quit.");
	int ch;

	(void)c;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error(EXIT_FAIL,
		    _("terminal: the TUI needs a terminal (try 'tcpstep render')"));
	if (initscr() == NULL)
		return cli_error(EXIT_FAIL, "terminal: cannot initialise curses");
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	do {
		erase();
		mvaddstr(LINES / 2, COLS > (int)strlen(msg) ?
		    (COLS - (int)strlen(msg)) / 2 : 0, msg);
		refresh();
		ch = getch();
	} while (ch != 'q' && ch != 'Q' && ch != ERR);
	endwin();
	return EXIT_OK;
}
