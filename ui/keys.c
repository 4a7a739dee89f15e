/* keys: the key table; see keys.h. */
#include "keys.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "lang.h"

static const struct key_binding keys_table[] = {
	{ KEYC_RIGHT, KA_NEXT }, { ' ', KA_NEXT }, { 'n', KA_NEXT },
	{ 'l', KA_NEXT }, { KEYC_DOWN, KA_NEXT }, { KEYC_ENTER, KA_NEXT },
	{ KEYC_LEFT, KA_PREV }, { KEYC_BACKSPACE, KA_PREV }, { 'p', KA_PREV },
	{ 'h', KA_PREV }, { KEYC_UP, KA_PREV }, { 127, KA_PREV },
	{ KEYC_HOME, KA_FIRST }, { KEYC_PGUP, KA_FIRST },
	{ KEYC_END, KA_LAST }, { KEYC_PGDN, KA_LAST },
	{ 'g', KA_GOTO }, { 's', KA_SCENARIO }, { 'f', KA_FAULT },
	{ 'r', KA_RELATIVE }, { 'L', KA_LANG }, { KEYC_TAB, KA_FOCUS },
	{ 'd', KA_DUMP }, { '?', KA_HELP }, { 'q', KA_QUIT }, { 'Q', KA_QUIT },
	{ KEYC_CTRL_L, KA_REDRAW },
};

/* Per action: the keys as the overlay names them, and what it does. */
static const struct {
	enum key_action	 action;
	const char	*keys;
	const char	*what;
} keys_help[] = {
	{ KA_NEXT, N_("\xe2\x86\x92 space n l"), N_("next step") },
	{ KA_PREV, N_("\xe2\x86\x90 backspace p h"), N_("previous step") },
	{ KA_FIRST, N_("Home"), N_("first step (before anything happened)") },
	{ KA_LAST, N_("End"), N_("last step") },
	{ KA_GOTO, "g", N_("go to a step by number") },
	{ KA_SCENARIO, "s", N_("choose a scenario") },
	{ KA_FAULT, "f", N_("fault on the next segment: drop, duplicate, delay") },
	{ KA_RELATIVE, "r", N_("relative or absolute sequence numbers") },
	{ KA_DUMP, "d", N_("the segment as tcpdump and tshark print it") },
	{ KA_FOCUS, "Tab", N_("which pane is large") },
	{ KA_LANG, "L", N_("English / Chinese") },
	{ KA_HELP, "?", N_("this help") },
	{ KA_QUIT, "q", N_("quit") },
	{ KA_NONE, N_("mouse"), N_("click a row of the ladder to go to its step") },
};

/*
 * The bar: the keys a first-time user needs, in order of need; the bar
 * shows them while they fit, ? and q always.  At 80 columns the first six
 * fit in both languages (r and g are in the ? help).
 */
static const struct {
	const char	*keys;
	const char	*what;
} keys_hints[] = {
	{ "\xe2\x86\x90\xe2\x86\x92", N_("step") },	/* ←→ */
	{ "s", N_("scenario") },
	{ "f", N_("fault") },
	{ "Tab", N_("pane") },
	{ "d", N_("tcpdump") },
	{ "L", NULL },		/* the other language, named in itself */
	{ "r", N_("seq") },
	{ "g", N_("go to") },
	{ "?", N_("help") },
	{ "q", N_("quit") },
};

enum key_action
keys_action(int key)
{
	for (size_t i = 0; i < sizeof(keys_table) / sizeof(keys_table[0]); i++)
		if (keys_table[i].key == key)
			return keys_table[i].action;
	return KA_NONE;
}

int
keys_help_line(size_t i, char *keys, size_t klen, const char **what)
{
	if (i >= sizeof(keys_help) / sizeof(keys_help[0]))
		return 0;
	snprintf(keys, klen, "%s", _(keys_help[i].keys));
	*what = _(keys_help[i].what);
	return 1;
}

int
keys_hint(size_t i, const char **keys, const char **what)
{
	if (i >= sizeof(keys_hints) / sizeof(keys_hints[0]))
		return 0;
	*keys = keys_hints[i].keys;
	*what = keys_hints[i].what != NULL ? _(keys_hints[i].what) : NULL;
	return 1;
}

const char *
keys_other_lang(bool ascii)
{
	if (strcmp(lang_current(), "zh") == 0)
		return "English";
	return ascii ? "zh" : "\xe4\xb8\xad\xe6\x96\x87";	/* 中文 */
}
