/*
 * lang: where run-time data lives and which language the text is in.
 *
 * Data (lessons, scenario files, translations) is found in
 * $TCPSTEP_DATADIR, else beside the executable (a build runs from any
 * directory without installing), else in <exe>/../share/tcpstep; the
 * catalogue in <datadir>/locale, else <datadir>/../locale.  Never a path
 * fixed at build time.
 *
 * The language comes from --lang, else the locale.  Debian does not generate
 * zh_CN.UTF-8 by default: when the locale asked for is missing, C.UTF-8 is
 * used with LANGUAGE=zh_CN, so Chinese still shows, without a warning.
 */
#ifndef TS_LANG_H
#define TS_LANG_H

#include <stdbool.h>

/* Set the locale and the text domain; lang is "en", "zh" or NULL. */
void		 lang_init(const char *lang);
/* Switch the catalogue at once ("en" or "zh"). */
void		 lang_set(const char *lang);
/* "en" or "zh": the language in force. */
const char	*lang_current(void);
/* True when the locale's character set is UTF-8. */
bool		 lang_utf8(void);
/* The data directory (no trailing slash). */
const char	*lang_datadir(void);

#endif
