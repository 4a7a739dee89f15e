/*
 * replay_view: the replay's words and screens, shared by the text output,
 * the terminal view and `render --capture`.  Reads a const struct replay;
 * draws into a canvas (no curses here).
 */
#ifndef TS_REPLAY_VIEW_H
#define TS_REPLAY_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "cli.h"
#include "pkt.h"
#include "pane.h"
#include "pkt_print.h"
#include "replay.h"

/*
 * The tcpdump and tshark one-liners of step k: each tool numbers a packet
 * from what came before, so the tracker is fed the steps in order (forward
 * from the last one asked, or again from the start when going back).
 */
struct replay_lines {
	struct pkt_print_track	tr;
	struct pkt		pkt;
	uint32_t		fed;		/* steps fed to tr */
	bool			have;		/* the lines are step fed's */
	bool			ascii;		/* tshark's arrow as "->" */
	char			tcpdump[512];
	char			tshark[512];
};

void	replay_lines_init(struct replay_lines *rl);
void	replay_lines_at(struct replay_lines *rl, const struct replay *r,
	    uint32_t k);

/* "state ESTABLISHED~ ISS=1 IRS=? ..." with the legend's marks. */
void	replay_view_tcb(char *buf, size_t len, const struct replay_tcb *t);
/* Words for a state, how a connection started, how it ended. */
const char *replay_view_state(int state);
const char *replay_view_start(int start);
const char *replay_view_end(int end);
/* Where the capture point likely is, as a sentence (translated). */
const char *replay_view_near(const struct replay *r);

/*
 * The interactive view as plain state, no curses: a list of connections
 * (sorted by a key, filtered by a search), then one connection stepped
 * through.  The terminal front end feeds it keys (KEYC_* or characters,
 * keys.h) and has it draw into a canvas; tests do the same.
 */
enum replay_mode { RA_LIST, RA_CONN };

struct replay_app {
	struct replay	*r;
	enum replay_mode mode;
	int		 sortkey;	/* 'i', 'p', 'b', 'x', 'd' */
	uint32_t	*order;		/* r->nconns indices, sorted */
	uint32_t	*shown;		/* those matching the search */
	uint32_t	 nshown;
	uint32_t	 alloc;		/* entries of order and shown */
	uint32_t	 sel, top;	/* in shown[] */
	char		 search[64];
	bool		 typing;	/* the / or g prompt is open */
	int		 prompt;	/* '/' or 'g' */
	char		 input[64];
	uint32_t	 step;		/* 1..nsteps when in a connection */
	struct replay_lines rl;
	char		 message[640];
	struct ui_state	 ui;		/* the panes' options: Tab, d, r */
	int		 width, height;	/* of the last screen drawn */
	bool		 ascii;		/* it was drawn in ASCII */
	struct ladder	*ladder;	/* the loaded connection's, or NULL */
	char		 ladder_lang[8];	/* the language it was built in */
	uint32_t	 ladder_steps;	/* and the steps it holds */
};

void	replay_app_init(struct replay_app *a, struct replay *r);
void	replay_app_done(struct replay_app *a);
/*
 * While the index is built (replay_start), index for about ms
 * milliseconds and take in what was found, the selection kept.  Returns
 * true when something changed (redraw).
 */
bool	replay_app_index(struct replay_app *a, int ms);
/*
 * A connection's screen at a->step, with the simulator's layout and panes
 * (replay_panes.c); the ladder is (re)built from the steps when missing.
 */
void	replay_screen_draw(struct replay_app *a, struct canvas *cv);
void	replay_ladder_build(struct replay_app *a);
/* Where the panes go on a w x h screen (layout.c's, fitted to replay). */
void	replay_layout(struct layout *lay, const struct replay_app *a, int w,
	    int h);
/* The step of the ladder row at (x, y) of the last screen drawn, or 0. */
size_t	replay_ladder_hit(struct replay_app *a, int x, int y);

/*
 * While a connection opened is still being read, read for about ms
 * milliseconds more.  Returns true when something changed (redraw).
 */
bool	replay_app_load(struct replay_app *a, int ms);
/* Handle a key; returns true when the view should end. */
bool	replay_app_key(struct replay_app *a, int key);
void	replay_app_draw(struct replay_app *a, struct canvas *cv);

/*
 * `render --capture FILE [--conn N] [--step K]`: one step's screen as text
 * (c->width x c->height, c->ascii); step 0 shows the first packet.
 */
int	replay_render(struct cli *c);

/* The terminal view: the list, then a connection. */
int	replay_tui(struct cli *c, struct replay *r);

#endif
