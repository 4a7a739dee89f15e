/*
 * keys: the const table from keys to actions (tmux's key tables), the
 * hints on the bottom bar and the lines of the ? overlay.  Key codes are
 * our own (KEYC_*), so this file needs no curses; tui.c maps curses's
 * codes to them.
 */
#ifndef TS_KEYS_H
#define TS_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum {
	KEYC_BASE = 0x110000,	/* above every Unicode code point */
	KEYC_LEFT, KEYC_RIGHT, KEYC_UP, KEYC_DOWN, KEYC_HOME, KEYC_END,
	KEYC_BACKSPACE, KEYC_ENTER, KEYC_ESCAPE, KEYC_TAB, KEYC_PGUP,
	KEYC_PGDN, KEYC_RESIZE, KEYC_MOUSE, KEYC_CTRL_L
};

enum key_action {
	KA_NONE, KA_NEXT, KA_PREV, KA_FIRST, KA_LAST, KA_GOTO, KA_SCENARIO,
	KA_FAULT, KA_RELATIVE, KA_LANG, KA_FOCUS, KA_DUMP, KA_HELP, KA_QUIT,
	KA_REDRAW, KA_COUNT
};

struct key_binding {
	int		 key;
	enum key_action	 action;
};

/* The action of a key; KA_NONE when unbound. */
enum key_action	 keys_action(int key);
/*
 * The lines of the help overlay, one per action: "→ space n l" and what it
 * does (translated).  Returns false past the last.
 */
int		 keys_help_line(size_t i, char *keys, size_t klen,
		    const char **what);
/* The bar's hints in order, most important first: "→" "next". */
int		 keys_hint(size_t i, const char **keys, const char **what);
/*
 * What L switches to, named in itself: "English", or 中文 ("zh" on an
 * ASCII screen), for the bars that show L.
 */
const char	*keys_other_lang(bool ascii);

#endif
