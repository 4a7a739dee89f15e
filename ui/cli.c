#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "safe.h"
#include "scn.h"
#include "sim.h"
#include "xalloc.h"

#define M(cmd)	(1u << (cmd))
#define M_SIM	(M(CMD_DEMO) | M(CMD_TRACE) | M(CMD_EXPORT) | M(CMD_RENDER) | \
		 M(CMD_LESSON))
#define M_TUI	(M(CMD_DEMO) | M(CMD_RENDER) | M(CMD_REPLAY) | M(CMD_LESSON) | \
		 M(CMD_QUIZ))
#define M_LANG	(M_TUI | M(CMD_ANNOTATE) | M(CMD_LESSONS) | M(CMD_TRACE) | \
		 M(CMD_SCENARIOS))

enum {
	OPT_HELP = 'h', OPT_SCENARIO = 1000, OPT_SEED, OPT_JSON, OPT_LANG,
	OPT_THEME, OPT_ASCII, OPT_PROFILE, OPT_CLIENT_PROFILE,
	OPT_SERVER_PROFILE, OPT_STEP, OPT_SIZE, OPT_CAPTURE, OPT_CONN,
	OPT_SUMMARY, OPT_PRESENT, OPT_HANDOUT, OPT_FAULT
};

/* Every option, which subcommands take it, and its help line. */
struct cli_opt {
	struct option	 lo;
	int		 shortopt;	/* 0 if none */
	unsigned	 cmds;
	const char	*arg;		/* for the help: "N", or NULL */
	const char	*help;
};

static const struct cli_opt cli_opts[] = {
	{ { "scenario", required_argument, NULL, OPT_SCENARIO }, 0, M_SIM,
	    "NAME|FILE", N_("the scenario to run (default: handshake)") },
	{ { "seed", required_argument, NULL, OPT_SEED }, 0, M_SIM,
	    "N", N_("seed for ISNs and every random choice (default: 1)") },
	{ { "ipv6", no_argument, NULL, '6' }, '6', M_SIM,
	    NULL, N_("run the scenario over IPv6") },
	{ { "profile", required_argument, NULL, OPT_PROFILE }, 0, M_SIM,
	    "NAME", N_("host profile of both hosts: linux, windows, minimal, rfc") },
	{ { "client-profile", required_argument, NULL, OPT_CLIENT_PROFILE }, 0,
	    M_SIM, "NAME", N_("host profile of the client") },
	{ { "server-profile", required_argument, NULL, OPT_SERVER_PROFILE }, 0,
	    M_SIM, "NAME", N_("host profile of the server") },
	{ { "json", no_argument, NULL, OPT_JSON }, 0,
	    M(CMD_TRACE) | M(CMD_ANNOTATE), NULL,
	    N_("one JSON object per line instead of text") },
	{ { "output", required_argument, NULL, 'o' }, 'o', M(CMD_EXPORT),
	    "FILE", N_("write to FILE (\"-\" is standard output)") },
	{ { "count", required_argument, NULL, 'c' }, 'c', M(CMD_ANNOTATE),
	    "N", N_("stop after N packets") },
	{ { "summary", no_argument, NULL, OPT_SUMMARY }, 0, M(CMD_ANNOTATE),
	    NULL, N_("end with one block per connection") },
	{ { "fault", required_argument, NULL, OPT_FAULT }, 0,
	    M(CMD_TRACE) | M(CMD_EXPORT) | M(CMD_RENDER), "KIND@STEP",
	    N_("drop, duplicate, delay, reorder or corrupt the next segment") },
	{ { "step", required_argument, NULL, OPT_STEP }, 0,
	    M(CMD_RENDER) | M(CMD_REPLAY),
	    "K", N_("the step to render (0 is before anything happened)") },
	{ { "size", required_argument, NULL, OPT_SIZE }, 0, M(CMD_RENDER),
	    "WxH", N_("screen size to render (default: 80x24)") },
	{ { "capture", required_argument, NULL, OPT_CAPTURE }, 0, M(CMD_RENDER),
	    "FILE", N_("render a capture's connection instead of a scenario") },
	{ { "conn", required_argument, NULL, OPT_CONN }, 0,
	    M(CMD_RENDER) | M(CMD_REPLAY),
	    "N", N_("with --capture: which connection (1 is the first)") },
	{ { "present", no_argument, NULL, OPT_PRESENT }, 0, M(CMD_LESSON),
	    NULL, N_("classroom mode, for a projector") },
	{ { "handout", no_argument, NULL, OPT_HANDOUT }, 0, M(CMD_LESSON),
	    NULL, N_("print the lesson as Markdown") },
	{ { "lang", required_argument, NULL, OPT_LANG }, 0, M_LANG,
	    "en|zh", N_("language (default: from the locale)") },
	{ { "theme", required_argument, NULL, OPT_THEME }, 0, M_TUI,
	    "NAME", N_("colours: dark, light, projector") },
	{ { "ascii", no_argument, NULL, OPT_ASCII }, 0, M_TUI,
	    NULL, N_("draw with ASCII only") },
	{ { "help", no_argument, NULL, 'h' }, 'h', ~0u,
	    NULL, N_("show this help and exit") },
};

#define N_OPTS	(sizeof(cli_opts) / sizeof(cli_opts[0]))

struct cli_cmd {
	const char	*name;
	const char	*usage;		/* after "tcpstep NAME " */
	const char	*summary;
	int		 min_ops, max_ops;	/* -1: any number (a filter) */
};

static const struct cli_cmd cli_cmds[CMD_COUNT] = {
	[CMD_DEMO] = { "demo", "[OPTIONS]",
	    N_("step through a scenario in the terminal (the default)"), 0, 0 },
	[CMD_TRACE] = { "trace", "[OPTIONS]",
	    N_("print a scenario's steps, one line each"), 0, 0 },
	[CMD_EXPORT] = { "export", "-o FILE [OPTIONS]",
	    N_("write a scenario's packets to a pcap file"), 0, 0 },
	[CMD_SCENARIOS] = { "scenarios", "",
	    N_("list the built-in scenarios"), 0, 0 },
	[CMD_RENDER] = { "render", "[OPTIONS]",
	    N_("print the screen of one step as plain text"), 0, 0 },
	[CMD_ANNOTATE] = { "annotate", "FILE [FILTER] [OPTIONS]",
	    N_("explain every packet of a capture"), 1, -1 },
	[CMD_REPLAY] = { "replay", "FILE [FILTER] [OPTIONS]",
	    N_("step through a capture's connections in the terminal"), 1, -1 },
	[CMD_LESSONS] = { "lessons", "",
	    N_("list the lessons"), 0, 0 },
	[CMD_LESSON] = { "lesson", "NAME|FILE [OPTIONS]",
	    N_("take a lesson (or present it, or print its handout)"), 1, 1 },
	[CMD_QUIZ] = { "quiz", "FILE [FILTER] [OPTIONS]",
	    N_("practise on a connection from a real capture"), 1, -1 },
};

int
cli_find(const char *name)
{
	for (int i = 0; i < CMD_COUNT; i++)
		if (strcmp(cli_cmds[i].name, name) == 0)
			return i;
	return -1;
}

/* Does this word name an option that takes an argument in its next word? */
static bool
cli_takes_arg(const char *word)
{
	for (size_t i = 0; i < N_OPTS; i++) {
		const struct cli_opt *o = &cli_opts[i];

		if (o->lo.has_arg != required_argument)
			continue;
		if (word[1] == '-' && strcmp(word + 2, o->lo.name) == 0)
			return true;
		if (word[1] != '-' && o->shortopt && word[1] == o->shortopt &&
		    word[2] == '\0')
			return true;
	}
	return false;
}

int
cli_locate(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1 < argc ? i + 1 : 0;
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			return i;
		if (strchr(argv[i], '=') == NULL && cli_takes_arg(argv[i]))
			i++;
	}
	return 0;
}

bool
cli_is_file(const char *op)
{
	const char *dot;

	if (strcmp(op, "-") == 0 || strchr(op, '/') != NULL)
		return true;
	dot = strrchr(op, '.');
	return dot != NULL && dot != op && dot[1] != '\0';
}

static void
cli_vprint(const char *fmt, va_list ap)
{
	char raw[1024], safe[2048];

	vsnprintf(raw, sizeof(raw), fmt, ap);
	safe_escape(safe, sizeof(safe), raw, strlen(raw), false);
	fprintf(stderr, "tcpstep: %s\n", safe);
}

int
cli_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vprint(fmt, ap);
	va_end(ap);
	return code;
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vprint(fmt, ap);
	va_end(ap);
	if (cmd != NULL)
		fprintf(stderr, _("Try 'tcpstep %s --help'.\n"), cmd);
	else
		fprintf(stderr, _("Try 'tcpstep --help'.\n"));
	return EXIT_USAGE;
}

int
cli_not_yet(const struct cli *c)
{
	return cli_error(EXIT_FAIL, _("%s: not yet implemented"), c->name);
}

void
cli_usage_global(void)
{
	printf(_("Usage: tcpstep [COMMAND] [OPTIONS] [ARGS]\n"
	    "See how a TCP connection is made, one step at a time.\n\n"
	    "Commands:\n"));
	for (int i = 0; i < CMD_COUNT; i++)
		printf("  %-10s %s\n", cli_cmds[i].name, _(cli_cmds[i].summary));
	printf(_("\nWith no command, tcpstep runs 'demo': the TUI on the handshake.\n"
	    "  -h, --help     show this help and exit\n"
	    "      --version  show the version and exit\n\n"
	    "'tcpstep COMMAND --help' describes each command. Exit status: 0 on\n"
	    "success, 1 when a file or its data is bad, 2 for a usage error.\n"));
}

void
cli_usage(enum cmd_id cmd)
{
	const struct cli_cmd *cc = &cli_cmds[cmd];
	char lhs[64];

	printf(_("Usage: tcpstep %s %s\n%s.\n\nOptions:\n"), cc->name, cc->usage,
	    _(cc->summary));
	for (size_t i = 0; i < N_OPTS; i++) {
		const struct cli_opt *o = &cli_opts[i];

		const char *help = o->help;

		if (!(o->cmds & M(cmd)))
			continue;
		/* replay shares render's --conn and --step, as text */
		if (cmd == CMD_REPLAY && o->lo.val == OPT_CONN)
			help = N_("print this connection as text (1 is the "
			    "first in the list)");
		else if (cmd == CMD_REPLAY && o->lo.val == OPT_STEP)
			help = N_("with --conn: only this step (1 is its first "
			    "packet)");
		if (o->shortopt)
			snprintf(lhs, sizeof(lhs), "-%c, --%s%s%s", o->shortopt,
			    o->lo.name, o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(lhs, sizeof(lhs), "    --%s%s%s", o->lo.name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
		printf("  %-28s %s\n", lhs, _(help));
	}
	if (cmd == CMD_ANNOTATE || cmd == CMD_REPLAY || cmd == CMD_QUIZ)
		printf(_("\nFILE is a pcap or pcapng file, or - for standard input.\n"
		    "FILTER is a tcpdump-style filter expression (pcap-filter(7)).\n"));
}

static int
cli_parse_long(const char *cmd, const char *opt, const char *s, long min,
    long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return cli_usage_error(cmd, _("%s: invalid value '%s' for --%s"),
		    cmd, s, opt);
	*out = v;
	return EXIT_OK;
}

static int
cli_parse_seed(struct cli *c, const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-')
		return cli_usage_error(c->name,
		    _("%s: invalid value '%s' for --seed"), c->name, s);
	c->seed = v;
	c->seed_set = true;
	return EXIT_OK;
}

static int
cli_parse_size(struct cli *c, const char *s)
{
	int w, h;
	char x, extra;

	if (sscanf(s, "%d%c%d%c", &w, &x, &h, &extra) != 3 ||
	    (x != 'x' && x != 'X') || w < 1 || h < 1 || w > 1000 || h > 1000)
		return cli_usage_error(c->name,
		    _("%s: invalid size '%s' (expected WxH, e.g. 80x24)"),
		    c->name, s);
	c->width = w;
	c->height = h;
	return EXIT_OK;
}

/*
 * --fault KIND@STEP, KIND in the scenario files' words (and "dup", as the
 * TUI's status line writes it).  The step is checked against the run
 * later, by cli_sim_open.
 */
static int
cli_parse_fault(struct cli *c, const char *s)
{
	const char *at = strchr(s, '@');
	struct cli_fault *f = &c->fault[c->nfault];
	size_t n;
	char *end;
	int k;

	if (c->nfault == CLI_MAX_FAULTS)
		return cli_usage_error(c->name, _("%s: at most %d --fault "
		    "options"), c->name, CLI_MAX_FAULTS);
	if (at == NULL)
		goto bad;
	n = (size_t)(at - s);
	for (k = SIM_FAULT_DROP; k <= SIM_FAULT_CORRUPT; k++)
		if (strlen(scn_fault_name(k)) == n &&
		    strncmp(s, scn_fault_name(k), n) == 0)
			break;
	if (n == 3 && strncmp(s, "dup", 3) == 0)
		k = SIM_FAULT_DUP;
	if (k > SIM_FAULT_CORRUPT || at[1] < '0' || at[1] > '9')
		goto bad;
	errno = 0;
	f->step = strtol(at + 1, &end, 10);
	if (errno != 0 || *end != '\0')
		goto bad;
	f->arg = s;
	f->kind = k;
	c->nfault++;
	return EXIT_OK;
bad:
	return cli_usage_error(c->name, _("%s: invalid fault '%s' (expected "
	    "KIND@STEP, KIND one of drop, duplicate, delay, reorder, corrupt)"),
	    c->name, s);
}

/* Apply one parsed option; returns EXIT_OK or an exit code. */
static int
cli_apply(struct cli *c, int ch, const char *arg)
{
	switch (ch) {
	case OPT_SCENARIO: c->scenario = arg; break;
	case OPT_SEED: return cli_parse_seed(c, arg);
	case '6': c->ipv6 = true; break;
	case OPT_PROFILE: c->profile = arg; break;
	case OPT_CLIENT_PROFILE: c->client_profile = arg; break;
	case OPT_SERVER_PROFILE: c->server_profile = arg; break;
	case OPT_JSON: c->json = true; break;
	case 'o': c->output = arg; break;
	case 'c':
		return cli_parse_long(c->name, "count", arg, 0, LONG_MAX,
		    &c->count);
	case OPT_SUMMARY: c->summary = true; break;
	case OPT_STEP:
		return cli_parse_long(c->name, "step", arg, 0, LONG_MAX,
		    &c->step);
	case OPT_SIZE: return cli_parse_size(c, arg);
	case OPT_CAPTURE: c->capture = arg; break;
	case OPT_CONN:
		return cli_parse_long(c->name, "conn", arg, 1, LONG_MAX,
		    &c->conn);
	case OPT_FAULT: return cli_parse_fault(c, arg);
	case OPT_PRESENT: c->present = true; break;
	case OPT_HANDOUT: c->handout = true; break;
	case OPT_LANG:
		if (strcmp(arg, "en") != 0 && strcmp(arg, "zh") != 0)
			return cli_usage_error(c->name,
			    _("%s: unknown language '%s' (use en or zh)"),
			    c->name, arg);
		c->lang = arg;
		break;
	case OPT_THEME: c->theme = arg; break;
	case OPT_ASCII: c->ascii = true; break;
	case 'h':
		cli_usage(c->cmd);
		return -1;	/* stop, successfully */
	default:
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* Build this subcommand's getopt tables from cli_opts. */
static void
cli_tables(enum cmd_id cmd, struct option *lo, char *so, size_t so_cap)
{
	size_t n = 0, s = 0;

	so[s++] = ':';		/* report a missing argument as ':' */
	for (size_t i = 0; i < N_OPTS; i++) {
		if (!(cli_opts[i].cmds & M(cmd)))
			continue;
		lo[n++] = cli_opts[i].lo;
		if (cli_opts[i].shortopt && s + 3 < so_cap) {
			so[s++] = (char)cli_opts[i].shortopt;
			if (cli_opts[i].lo.has_arg == required_argument)
				so[s++] = ':';
		}
	}
	memset(&lo[n], 0, sizeof(lo[n]));
	so[s] = '\0';
}

static int
cli_check_operands(struct cli *c)
{
	const struct cli_cmd *cc = &cli_cmds[c->cmd];
	size_t len = 0;

	if (c->nops < cc->min_ops)
		return cli_usage_error(c->name, _("%s: missing operand"),
		    c->name);
	if (cc->max_ops >= 0 && c->nops > cc->max_ops)
		return cli_usage_error(c->name, _("%s: unexpected operand '%s'"),
		    c->name, c->ops[cc->max_ops]);
	if (cc->max_ops >= 0 || c->nops < 2)
		return EXIT_OK;
	/* The words after a capture FILE join into one filter expression. */
	for (int i = 1; i < c->nops; i++)
		len += strlen(c->ops[i]) + 1;
	c->filter = xmalloc(len);
	c->filter[0] = '\0';
	for (int i = 1; i < c->nops; i++) {
		if (i > 1)
			strcat(c->filter, " ");
		strcat(c->filter, c->ops[i]);
	}
	return EXIT_OK;
}

int
cli_parse(struct cli *c, enum cmd_id cmd, int argc, char **argv)
{
	struct option lo[N_OPTS + 1];
	char so[64], bad[8];
	int ch, rc;

	memset(c, 0, sizeof(*c));
	c->cmd = cmd;
	c->name = cli_cmds[cmd].name;
	c->seed = 1;
	c->count = c->step = c->conn = -1;
	c->width = 80;
	c->height = 24;
	cli_tables(cmd, lo, so, sizeof(so));
	opterr = 0;
	optind = 0;	/* glibc: 0 re-initialises getopt fully */
	while ((ch = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		if (ch == '?' || ch == ':') {
			const char *opt = argv[optind - 1];

			if (optopt != 0 && optopt < 256) {
				snprintf(bad, sizeof(bad), "-%c", optopt);
				opt = bad;
			}
			if (ch == ':')
				return cli_usage_error(c->name,
				    _("%s: option '%s' requires an argument"),
				    c->name, opt);
			return cli_usage_error(c->name,
			    _("%s: unrecognized option '%s'"), c->name, opt);
		}
		rc = cli_apply(c, ch, optarg);
		if (rc == -1)
			return -1;
		if (rc != EXIT_OK)
			return rc;
	}
	c->ops = argv + optind;
	c->nops = argc - optind;
	return cli_check_operands(c);
}

void
cli_done(struct cli *c)
{
	free(c->filter);
	c->filter = NULL;
}
