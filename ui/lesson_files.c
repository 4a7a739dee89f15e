#include "lesson_files.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "i18n.h"
#include "lang.h"
#include "xalloc.h"

#define LESSON_EXT	".lesson"

/* A lesson name: letters, digits, '-' and '_' (never a path). */
static bool
lesson_files_valid_name(const char *s, size_t len)
{
	if (len == 0 || len >= LESSON_WORD_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

static int
lesson_files_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
lesson_files_list(size_t *n)
{
	char dir[4096], **names = NULL;
	size_t cap = 0;
	struct dirent *de;
	DIR *d;

	*n = 0;
	snprintf(dir, sizeof(dir), "%s/lessons", lang_datadir());
	d = opendir(dir);
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name), el = strlen(LESSON_EXT);

		if (len <= el || strcmp(de->d_name + len - el, LESSON_EXT) != 0 ||
		    !lesson_files_valid_name(de->d_name, len - el))
			continue;
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			names = xrealloc(names, cap, sizeof(*names));
		}
		names[*n] = xstrdup(de->d_name);
		names[*n][len - el] = '\0';
		(*n)++;
	}
	closedir(d);
	if (*n > 0)
		qsort(names, *n, sizeof(*names), lesson_files_cmp);
	return names;
}

void
lesson_files_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
lesson_files_path(const char *op, char *buf, size_t cap)
{
	if (cli_is_file(op)) {
		snprintf(buf, cap, "%s", op);
		return 0;
	}
	if (!lesson_files_valid_name(op, strlen(op)))
		return -1;
	snprintf(buf, cap, "%s/lessons/%s%s", lang_datadir(), op, LESSON_EXT);
	return 0;
}

int
lesson_files_load(const char *op, struct lesson *l)
{
	char path[4096];
	struct ts_err err;
	struct stat st;

	memset(l, 0, sizeof(*l));
	if (strcmp(op, "-") == 0)
		return cli_error(EXIT_USAGE, _("lesson: a lesson is read from a "
		    "file, not standard input"));
	if (lesson_files_path(op, path, sizeof(path)) == -1 ||
	    (!cli_is_file(op) && stat(path, &st) == -1))
		return cli_usage_error("lesson", _("%s: no such lesson (see "
		    "'tcpstep lessons')"), op);
	if (lesson_load(l, path, &err) == -1)
		return cli_error(EXIT_FAIL, "%s", err.msg);
	return EXIT_OK;
}
