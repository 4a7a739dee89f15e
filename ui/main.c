/*
 * main: pick the subcommand, parse its options, run it.
 * `tcpstep` alone, or with options only, is `tcpstep demo`.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "lang.h"

static const cmd_fn main_cmds[CMD_COUNT] = {
	[CMD_DEMO] = cmd_demo,
	[CMD_TRACE] = cmd_trace,
	[CMD_EXPORT] = cmd_export,
	[CMD_SCENARIOS] = cmd_scenarios,
	[CMD_RENDER] = cmd_render,
	[CMD_ANNOTATE] = cmd_annotate,
	[CMD_REPLAY] = cmd_replay,
	[CMD_LESSONS] = cmd_lessons,
	[CMD_LESSON] = cmd_lesson,
	[CMD_QUIZ] = cmd_quiz,
};

/* The value of --lang in argv, if any, so that even --help is translated. */
static const char *
main_lang(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return argv[i + 1];
	}
	return NULL;
}

/* Does argv hold -h or --help (before any "--")? */
static bool
main_asks_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

int
main(int argc, char **argv)
{
	const char *lang = main_lang(argc, argv);
	struct cli c;
	int at, cmd, rc;

	lang_init(lang != NULL && strcmp(lang, "zh") == 0 ? "zh" :
	    lang != NULL && strcmp(lang, "en") == 0 ? "en" : NULL);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		cli_usage_global();
		return EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("tcpstep %s\n", TCPSTEP_VERSION);
		return EXIT_OK;
	}
	at = cli_locate(argc, argv);
	if (at == 0 && main_asks_help(argc, argv)) {
		/* `tcpstep --lang zh --help`: the global help, translated. */
		cli_usage_global();
		return EXIT_OK;
	}
	if (at == 0) {
		/* Options alone: they are the demo's. */
		static char demo[] = "demo";

		cmd = CMD_DEMO;
		argv[0] = demo;
	} else {
		cmd = cli_find(argv[at]);
		if (cmd < 0)
			return cli_usage_error(NULL, _("%s: unknown command"),
			    argv[at]);
		/* The command word becomes argv[0]; options before it stay. */
		char *word = argv[at];

		memmove(argv + 2, argv + 1, (size_t)(at - 1) * sizeof(*argv));
		argv[1] = word;
		argc--;
		argv++;
	}
	rc = cli_parse(&c, (enum cmd_id)cmd, argc, argv);
	if (rc == -1)
		return EXIT_OK;
	if (rc != EXIT_OK)
		return rc;
	rc = main_cmds[cmd](&c);
	cli_done(&c);
	return rc;
}
