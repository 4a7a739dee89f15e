/*
 * theme: what each part of the screen means (a role), and how a theme shows
 * it (an attribute).  Panes draw roles into the canvas; only tui.c turns
 * attributes into curses calls (htop's CRT.c semantic colours).
 *
 * Meaning never rests on colour alone: every theme, and the monochrome one
 * used for NO_COLOR and terminals without colours, shows what the current
 * step changed in reverse video and the current item in bold, and panes add
 * a marker character (▶, *) where it matters.
 */
#ifndef TS_THEME_H
#define TS_THEME_H

#include <stdbool.h>
#include <stdint.h>

enum theme_role {
	ROLE_NORMAL,
	ROLE_TITLE,	/* the top line */
	ROLE_BORDER,	/* pane boxes */
	ROLE_HEAD,	/* pane titles and column headings */
	ROLE_LABEL,	/* a field's name */
	ROLE_VALUE,	/* a field's value */
	ROLE_CLIENT,	/* the client's name and arrows */
	ROLE_SERVER,	/* the server's */
	ROLE_WIRE,	/* the wire between them */
	ROLE_STATE,	/* an RFC 9293 state name */
	ROLE_SEGMENT,	/* the segment where it is now */
	ROLE_DIM,	/* not yet allocated, not yet happened */
	ROLE_WARN,	/* a dropped segment, a fault, an error */
	ROLE_BAR,	/* the key bar */
	ROLE_KEY,	/* a key's name on the bar */
	ROLE_COUNT
};

enum theme_color {
	TC_DEFAULT = -1, TC_BLACK, TC_RED, TC_GREEN, TC_YELLOW, TC_BLUE,
	TC_MAGENTA, TC_CYAN, TC_WHITE,
	TC_BRIGHT_WHITE = 15	/* white, where a terminal has only 8 colours */
};

enum {
	TA_BOLD = 0x01, TA_REVERSE = 0x02, TA_UNDERLINE = 0x04
};

struct theme_attr {
	int8_t	fg, bg;		/* enum theme_color */
	uint8_t	attr;		/* TA_* */
};

enum theme_id { THEME_DARK, THEME_LIGHT, THEME_PROJECTOR, THEME_COUNT };

/* The theme called name; -1 if there is none. */
int		 theme_find(const char *name);
const char	*theme_name(enum theme_id id);
/*
 * How to show a cell of a role with canvas flags (CF_*) in a theme; with
 * color false, the monochrome rendition (colours dropped, attributes kept).
 */
struct theme_attr theme_resolve(enum theme_id id, int role, int flags,
		    bool color);
/* The background of the whole screen in a theme (TC_DEFAULT: the terminal's). */
int		 theme_background(enum theme_id id);

#endif
