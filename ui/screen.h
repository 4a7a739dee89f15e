/*
 * screen: the whole screen at one step, drawn into a canvas: the layout's
 * panes, then any overlay (help, a menu), or below 80x24 only a message
 * asking for a larger window.  The TUI and `tcpstep render` both draw
 * through here, so a render is exactly what the TUI shows.
 */
#ifndef TS_SCREEN_H
#define TS_SCREEN_H

#include "ladder.h"
#include "pane.h"

void	screen_draw(struct canvas *cv, const struct sim *s,
	    const struct ladder *l, const struct ui_state *ui);
/* A centred box listing keys and what they do (rows[i] = key, words). */
void	screen_keys_overlay(struct canvas *cv, const char *const (*rows)[2],
	    int n);
/* The same for rows marked N_(): translated here (at most 32). */
void	screen_keys_overlay_tr(struct canvas *cv,
	    const char *const (*rows)[2], int n);
/* Below 80x24: only a message asking for a larger window. */
void	screen_draw_too_small(struct canvas *cv);
/* The defaults of a fresh screen. */
void	screen_ui_init(struct ui_state *ui);
/* The pane context of the ladder as laid out for cv's size, for clicks. */
bool	screen_ladder_ctx(struct pane_ctx *x, struct canvas *cv,
	    const struct sim *s, const struct ladder *l,
	    const struct ui_state *ui);
/* How many entries a menu (enum ui_menu) offers. */
size_t	screen_menu_count(int menu);



struct cli;
/*
 * The engine's configuration and the screen's from the command line:
 * scenario, seed, -6, profiles, --theme, --ascii, --lang.  Returns EXIT_OK
 * or reports a usage error and returns its code.
 */
int	screen_from_cli(const struct cli *c, struct sim_config *cfg,
	    struct ui_state *ui, bool *ascii);

#endif
