/* cmd_lessons: `tcpstep lessons`, one line per lesson; see tcpstep.1. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "lesson.h"
#include "lesson_files.h"

int
cmd_lessons(struct cli *c)
{
	enum lesson_lang lang = strcmp(lang_current(), "zh") == 0 ?
	    LESSON_ZH : LESSON_EN;
	size_t n, width = 0;
	char **names;
	int rc = EXIT_OK;

	(void)c;
	errno = 0;
	names = lesson_files_list(&n);
	if (names == NULL && n == 0 && errno != 0)
		return cli_error(EXIT_FAIL, "%s/lessons: %s", lang_datadir(),
		    strerror(errno));
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) > width)
			width = strlen(names[i]);
	for (size_t i = 0; i < n; i++) {
		struct lesson l;

		/* A broken lesson is reported, and the others still listed. */
		if (lesson_files_load(names[i], &l) != EXIT_OK) {
			rc = EXIT_FAIL;
			continue;
		}
		printf("%-*s  %s\n", (int)width, names[i],
		    lesson_text(&l.title, lang));
		lesson_done(&l);
	}
	lesson_files_free(names, n);
	return rc;
}
