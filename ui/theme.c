#include "theme.h"

#include <string.h>

#include "canvas.h"

#define A(f, b, a)	{ (int8_t)(f), (int8_t)(b), (uint8_t)(a) }

static const char *const theme_names[THEME_COUNT] = {
	"dark", "light", "projector"
};

/*
 * Dark: the terminal's own background, bright hues.  Light: no yellow or
 * cyan text, which wash out on white.  Projector: black on bright white,
 * only strong hues (blue, red) and those in bold, since a projector thins
 * lines and colours; what changed is reversed, white on black.
 */
static const struct theme_attr theme_table[THEME_COUNT][ROLE_COUNT] = {
	[THEME_DARK] = {
		[ROLE_NORMAL] = A(TC_DEFAULT, TC_DEFAULT, 0),
		[ROLE_TITLE] = A(TC_DEFAULT, TC_DEFAULT, TA_BOLD | TA_REVERSE),
		[ROLE_BORDER] = A(TC_BLUE, TC_DEFAULT, 0),
		[ROLE_HEAD] = A(TC_DEFAULT, TC_DEFAULT, TA_BOLD),
		[ROLE_LABEL] = A(TC_DEFAULT, TC_DEFAULT, 0),
		[ROLE_VALUE] = A(TC_DEFAULT, TC_DEFAULT, TA_BOLD),
		[ROLE_CLIENT] = A(TC_CYAN, TC_DEFAULT, TA_BOLD),
		[ROLE_SERVER] = A(TC_YELLOW, TC_DEFAULT, TA_BOLD),
		[ROLE_WIRE] = A(TC_GREEN, TC_DEFAULT, 0),
		[ROLE_STATE] = A(TC_GREEN, TC_DEFAULT, TA_BOLD),
		[ROLE_SEGMENT] = A(TC_MAGENTA, TC_DEFAULT, TA_BOLD),
		[ROLE_DIM] = A(TC_DEFAULT, TC_DEFAULT, 0),
		[ROLE_WARN] = A(TC_RED, TC_DEFAULT, TA_BOLD),
		[ROLE_BAR] = A(TC_DEFAULT, TC_DEFAULT, TA_REVERSE),
		[ROLE_KEY] = A(TC_DEFAULT, TC_DEFAULT, TA_REVERSE | TA_BOLD),
	},
	[THEME_LIGHT] = {
		[ROLE_NORMAL] = A(TC_DEFAULT, TC_DEFAULT, 0),
		[ROLE_TITLE] = A(TC_DEFAULT, TC_DEFAULT, TA_BOLD | TA_REVERSE),
		[ROLE_BORDER] = A(TC_BLUE, TC_DEFAULT, 0),
		[ROLE_HEAD] = A(TC_DEFAULT, TC_DEFAULT, TA_BOLD),
		[ROLE_LABEL] = A(TC_DEFAULT, TC_DEFAULT, 0),
		[ROLE_VALUE] = A(TC_DEFAULT, TC_DEFAULT, TA_BOLD),
		[ROLE_CLIENT] = A(TC_BLUE, TC_DEFAULT, TA_BOLD),
		[ROLE_SERVER] = A(TC_MAGENTA, TC_DEFAULT, TA_BOLD),
		[ROLE_WIRE] = A(TC_GREEN, TC_DEFAULT, 0),
		[ROLE_STATE] = A(TC_GREEN, TC_DEFAULT, TA_BOLD),
		[ROLE_SEGMENT] = A(TC_RED, TC_DEFAULT, TA_BOLD),
		[ROLE_DIM] = A(TC_DEFAULT, TC_DEFAULT, 0),
		[ROLE_WARN] = A(TC_RED, TC_DEFAULT, TA_BOLD),
		[ROLE_BAR] = A(TC_DEFAULT, TC_DEFAULT, TA_REVERSE),
		[ROLE_KEY] = A(TC_DEFAULT, TC_DEFAULT, TA_REVERSE | TA_BOLD),
	},
	[THEME_PROJECTOR] = {
		/* black text is not bold: many terminals draw bold black grey */
		[ROLE_NORMAL] = A(TC_BLACK, TC_BRIGHT_WHITE, 0),
		[ROLE_TITLE] = A(TC_BRIGHT_WHITE, TC_BLUE, TA_BOLD),
		[ROLE_BORDER] = A(TC_BLACK, TC_BRIGHT_WHITE, 0),
		[ROLE_HEAD] = A(TC_BLUE, TC_BRIGHT_WHITE, TA_BOLD),
		[ROLE_LABEL] = A(TC_BLACK, TC_BRIGHT_WHITE, 0),
		[ROLE_VALUE] = A(TC_BLACK, TC_BRIGHT_WHITE, 0),
		[ROLE_CLIENT] = A(TC_BLUE, TC_BRIGHT_WHITE, TA_BOLD),
		[ROLE_SERVER] = A(TC_RED, TC_BRIGHT_WHITE, TA_BOLD),
		[ROLE_WIRE] = A(TC_BLACK, TC_BRIGHT_WHITE, 0),
		[ROLE_STATE] = A(TC_BLUE, TC_BRIGHT_WHITE, TA_BOLD),
		[ROLE_SEGMENT] = A(TC_RED, TC_BRIGHT_WHITE, TA_BOLD),
		[ROLE_DIM] = A(TC_BLACK, TC_BRIGHT_WHITE, 0),
		[ROLE_WARN] = A(TC_RED, TC_BRIGHT_WHITE, TA_BOLD | TA_UNDERLINE),
		[ROLE_BAR] = A(TC_BRIGHT_WHITE, TC_BLACK, TA_BOLD),
		[ROLE_KEY] = A(TC_BLACK, TC_BRIGHT_WHITE, TA_REVERSE),
	},
};

int
theme_find(const char *name)
{
	for (int i = 0; i < THEME_COUNT; i++)
		if (strcmp(theme_names[i], name) == 0)
			return i;
	return -1;
}

const char *
theme_name(enum theme_id id)
{
	return theme_names[id];
}

int
theme_background(enum theme_id id)
{
	return theme_table[id][ROLE_NORMAL].bg;
}

struct theme_attr
theme_resolve(enum theme_id id, int role, int flags, bool color)
{
	struct theme_attr a;

	if ((unsigned)id >= THEME_COUNT)
		id = THEME_DARK;
	if (role < 0 || role >= ROLE_COUNT)
		role = ROLE_NORMAL;
	a = theme_table[id][role];
	if (!color) {
		a.fg = a.bg = TC_DEFAULT;
		/* what colour said alone must still show */
		if (role == ROLE_CLIENT || role == ROLE_SERVER ||
		    role == ROLE_STATE || role == ROLE_SEGMENT)
			a.attr |= TA_BOLD;
		if (role == ROLE_WARN)
			a.attr |= TA_UNDERLINE;
	}
	if (flags & CF_BOLD)
		a.attr |= TA_BOLD;
	if (flags & CF_CURRENT)
		a.attr |= TA_BOLD | TA_UNDERLINE;
	if (flags & CF_CHANGED) {
		/* reverse, or for an already reversed role, underline */
		if (a.attr & TA_REVERSE)
			a.attr |= TA_UNDERLINE | TA_BOLD;
		else
			a.attr |= TA_REVERSE;
	}
	return a;
}
