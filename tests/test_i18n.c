/*
 * Every UI string has its Chinese: each _("...") and N_("...") literal in
 * src/ and ui/ is read back from the sources and looked up in the
 * po/zh_CN*.po files (the catalogue `make test` builds from them is
 * checked to load).  A string added without a translation fails here,
 * with its file and line.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libintl.h>

#include <CUnit/CUnit.h>

#include "lang.h"

#define TEST_I18N_MAX	4096

/* The value of \xNN (p at the 'x'; left at the last digit). */
static unsigned
test_i18n_hex(const char **pp)
{
	const char *p = *pp;
	unsigned v = 0;

	for (int i = 0; i < 2; i++) {
		char c = p[1];

		if (c >= '0' && c <= '9')
			v = v * 16 + (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v = v * 16 + (unsigned)(c - 'A' + 10);
		else
			break;
		p++;
	}
	*pp = p;
	return v;
}

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
				case 'x':
					ch = (char)test_i18n_hex(&p);
					break;
				default:
					*ok = false;	/* not one we read */
					return p;
				}
			}
			if (n + 1 >= cap) {
				*ok = false;
				return p;
			}
			out[n++] = ch;
		}
		if (*p != '"') {
			*ok = false;
			return p;
		}
		p++;
		*ok = true;
	}
	out[n] = '\0';
	/* A marked literal ends the call: _("a" "b") but not _("a" x). */
	if (*p != ')')
		*ok = false;
	return p;
}

/*
 * The msgids the po files translate (msgstr not empty), un-escaped, one
 * after another, each NUL-terminated.  gettext alone cannot tell "TCP"
 * translated as "TCP" from "TCP" not translated at all.
 */
static char	*test_i18n_ids;
static size_t	 test_i18n_ids_len;

/* A po entry's strings after `msgid ` or `msgstr `, joined, into out. */
static const char *
test_i18n_po_string(const char *p, char *out, size_t cap)
{
	bool ok;

	return test_i18n_literal(p, out, cap, &ok);
}

static void
test_i18n_load_po(const char *path)
{
	static char id[TEST_I18N_MAX], str[TEST_I18N_MAX];
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	buf = malloc(1 << 20);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	for (const char *p = buf; (p = strstr(p, "msgid ")) != NULL;) {
		const char *q;

		if (p > buf && p[-1] != '\n') {
			p += 6;
			continue;
		}
		id[0] = str[0] = '\0';
		p = test_i18n_po_string(p + 6, id, sizeof(id));
		q = strstr(p, "msgstr ");
		if (q == NULL)
			break;
		p = test_i18n_po_string(q + 6, str, sizeof(str));
		if (id[0] == '\0' || str[0] == '\0')
			continue;
		test_i18n_ids = realloc(test_i18n_ids, test_i18n_ids_len +
		    strlen(id) + 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(test_i18n_ids);
		memcpy(test_i18n_ids + test_i18n_ids_len, id, strlen(id) + 1);
		test_i18n_ids_len += strlen(id) + 1;
	}
	free(buf);
}

static bool
test_i18n_translated(const char *msgid)
{
	for (size_t off = 0; off < test_i18n_ids_len;
	    off += strlen(test_i18n_ids + off) + 1)
		if (strcmp(test_i18n_ids + off, msgid) == 0)
			return true;
	return false;
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
			if (!test_i18n_translated(msgid)) {
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

	DIR *d = opendir("po");
	struct dirent *de;
	char path[512];

	lang_init("zh");
	/* The catalogue is built and found: a string we know is translated. */
	CU_ASSERT_STRING_NOT_EQUAL(gettext("Answers"), "Answers");
	lang_set("en");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "zh_CN", 5) == 0 &&
		    strstr(de->d_name, ".po") != NULL) {
			snprintf(path, sizeof(path), "po/%s", de->d_name);
			test_i18n_load_po(path);
		}
	closedir(d);
	test_i18n_dir("src", &checked);
	test_i18n_dir("ui", &checked);
	CU_ASSERT(checked > 20);
	free(test_i18n_ids);
	test_i18n_ids = NULL;
	test_i18n_ids_len = 0;
}

void test_i18n_register(void);

void
test_i18n_register(void)
{
	CU_pSuite s = CU_add_suite("i18n", NULL, NULL);

	CU_add_test(s, "every UI string has its Chinese",
	    test_i18n_every_ui_string_has_chinese);
}
