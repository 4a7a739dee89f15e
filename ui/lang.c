#include "lang.h"

#include <langinfo.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char	lang_dir[PATH_MAX];
static char	lang_cur[3] = "en";

/* glibc's counter: bumping it makes gettext drop its cached lookups. */
extern int _nl_msg_cat_cntr;

static bool
lang_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory holding the running executable, into buf. */
static bool
lang_exe_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	if (n <= 0)
		return false;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	return true;
}

static void
lang_find_datadir(void)
{
	const char *env = getenv("TCPSTEP_DATADIR");
	char exe[PATH_MAX - 32], try[PATH_MAX];

	if (env != NULL && env[0] != '\0') {
		snprintf(lang_dir, sizeof(lang_dir), "%s", env);
		return;
	}
	if (!lang_exe_dir(exe, sizeof(exe))) {
		snprintf(lang_dir, sizeof(lang_dir), ".");
		return;
	}
	/* a build tree: lessons or the catalogue beside the executable */
	snprintf(try, sizeof(try), "%s/lessons", exe);
	if (!lang_is_dir(try))
		snprintf(try, sizeof(try), "%s/locale", exe);
	if (lang_is_dir(try)) {
		snprintf(lang_dir, sizeof(lang_dir), "%s", exe);
		return;
	}
	snprintf(lang_dir, sizeof(lang_dir), "%s/../share/tcpstep", exe);
}

const char *
lang_datadir(void)
{
	if (lang_dir[0] == '\0')
		lang_find_datadir();
	return lang_dir;
}

static void
lang_bind(void)
{
	char loc[PATH_MAX + 32];

	snprintf(loc, sizeof(loc), "%.*s/locale", PATH_MAX, lang_datadir());
	if (!lang_is_dir(loc))
		snprintf(loc, sizeof(loc), "%.*s/../locale", PATH_MAX,
		    lang_datadir());
	bindtextdomain("tcpstep", loc);
	bind_textdomain_codeset("tcpstep", "UTF-8");
	textdomain("tcpstep");
}

void
lang_set(const char *lang)
{
	bool zh = lang != NULL && strcmp(lang, "zh") == 0;

	/* LANGUAGE wins over LC_MESSAGES in GNU gettext, unless the locale is "C". */
	setenv("LANGUAGE", zh ? "zh_CN" : "en", 1);
	snprintf(lang_cur, sizeof(lang_cur), "%s", zh ? "zh" : "en");
	++_nl_msg_cat_cntr;
}

/* The language the environment asks for: "zh" for zh_*, else "en". */
static const char *
lang_from_env(void)
{
	static const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v == NULL || v[0] == '\0')
			continue;
		return strncmp(v, "zh", 2) == 0 ? "zh" : "en";
	}
	return "en";
}

void
lang_init(const char *lang)
{
	if (setlocale(LC_ALL, "") == NULL) {
		/* The locale asked for is not generated here: keep UTF-8. */
		if (setlocale(LC_ALL, "C.UTF-8") == NULL)
			setlocale(LC_ALL, "C");
	} else if (strcmp(setlocale(LC_CTYPE, NULL), "C") == 0 ||
	    strcmp(setlocale(LC_CTYPE, NULL), "POSIX") == 0) {
		/* gettext ignores LANGUAGE in the "C" locale. */
		if (lang != NULL && strcmp(lang, "zh") == 0)
			setlocale(LC_ALL, "C.UTF-8");
	}
	/* With the C locale, messages need a non-C LC_MESSAGES for LANGUAGE. */
	if (strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	lang_bind();
	lang_set(lang != NULL ? lang : lang_from_env());
}

const char *
lang_current(void)
{
	return lang_cur;
}

bool
lang_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}
