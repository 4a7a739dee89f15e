/*
 * i18n: gettext markers for the engine.  The engine never prints, but the
 * words it hands to a view (field meanings, explanations) are translatable:
 * N_() marks a string for xgettext, _() looks it up in the catalogue the UI
 * selected.  Text domain: "tcpstep".
 */
#ifndef TS_I18N_H
#define TS_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

#endif
