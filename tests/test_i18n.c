/*
 * Every UI string has its Chinese: each _("...") and N_("...") literal in
 * src/ and ui/ is read back from the sources and looked up in the built
 * catalogue (locale/, made by `make test` from po/zh_CN*.po).  A string
 * added without a translation fails here, with its file and line.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libintl.h>

#include <CUnit/CUnit.h>

#include "lang.h"

#define TEST_I18N_MAX	4096

/* Read the C string literal(s) at p (adjacent ones joined); returns the end. */
static const char *
test_i18n_literal(const char *p, char *out, size_t cap, bool *ok)
{
	size_t n = 0;

	*ok = false;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p != '"')
			break;
		for (p++; *p != '"' && *p != '\0'; p++) {
			char ch = *p;

			if (ch == '\\') {
				p++;
				switch (*p) {
				case 'n': ch = '\n'; break;
				case 't': ch = '\t'; break;
				case '"': ch = '"'; break;
				case '\\': ch = '\\'; break;
				case '\'': ch = '\''; break;
				default: return p;	/* not one we read */
				}
			}
			if (n + 1 >= cap)
				return p;
			out[n++] = ch;
		}
		if (*p != '"')
			return p;
		p++;
		*ok = true;
	}
	out[n] = '\0';
	/* A marked literal ends the call: _("a" "b") but not _("a" x). */
	if (*p != ')')
		*ok = false;
	return p;
}

static int
test_i18n_line(const char *start, const char *at)
{
	int line = 1;

	for (const char *p = start; p < at; p++)
		line += *p == '\n';
	return line;
}

static void
test_i18n_file(const char *path, int *checked)
{
	static char msgid[TEST_I18N_MAX];
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	buf = malloc(1 << 20);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	for (const char *p = buf; (p = strstr(p, "_(\"")) != NULL;) {
		bool ok;
		const char *end;

		/* _( alone, or N_( ; not a longer name such as foo_(. */
		if (p > buf && p[-1] != 'N' && (p[-1] == '_' ||
		    (p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' &&
		    p[-1] <= 'Z') || (p[-1] >= '0' && p[-1] <= '9'))) {
			p += 3;
			continue;
		}
		end = test_i18n_literal(p + 2, msgid, sizeof(msgid), &ok);
		if (ok && msgid[0] != '\0') {
			(*checked)++;
			if (strcmp(gettext(msgid), msgid) == 0) {
				fprintf(stderr, "\n%s:%d: no Chinese for \"%s\"",
				    path, test_i18n_line(buf, p), msgid);
				CU_FAIL("a UI string lacks its Chinese");
			}
		}
		p = end > p ? end : p + 3;
	}
	free(buf);
}

static void
test_i18n_dir(const char *dir, int *checked)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[512];

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 3 || strcmp(de->d_name + len - 2, ".c") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		test_i18n_file(path, checked);
	}
	closedir(d);
}

static void
test_i18n_every_ui_string_has_chinese(void)
{
	int checked = 0;

	lang_init("zh");
	/* The catalogue is there at all: a string we know is translated. */
	CU_ASSERT_STRING_NOT_EQUAL(gettext("Answers"), "Answers");
	test_i18n_dir("src", &checked);
	test_i18n_dir("ui", &checked);
	CU_ASSERT(checked > 20);
	lang_set("en");
}

void test_i18n_register(void);

void
test_i18n_register(void)
{
	CU_pSuite s = CU_add_suite("i18n", NULL, NULL);

	CU_add_test(s, "every UI string has its Chinese",
	    test_i18n_every_ui_string_has_chinese);
}
