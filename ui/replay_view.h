/*
 * replay_view: the replay's words and screens, shared by the text output,
 * the terminal view and `render --capture`.  Reads a const struct replay;
 * draws into a canvas (no curses here).
 */
#ifndef TS_REPLAY_VIEW_H
#define TS_REPLAY_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "cli.h"
#include "pkt.h"
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

#endif
