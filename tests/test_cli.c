/*
 * Tests of the command line's grammar (ui/cli.c) in-process, and of the
 * conventions a user meets first, by running ./tcpstep (built by make test).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "cli.h"

/* Parse a command line given as words; argv[0] is the subcommand name. */
static int
parse(struct cli *c, enum cmd_id cmd, const char *const *words, int n)
{
	static char buf[16][64];
	static char *argv[17];
	int rc, saved, null;

	for (int i = 0; i < n; i++) {
		snprintf(buf[i], sizeof(buf[i]), "%s", words[i]);
		argv[i] = buf[i];
	}
	argv[n] = NULL;
	/* cli reports usage errors on stderr; keep the test output clean. */
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	null = open("/dev/null", O_WRONLY);
	dup2(null, STDERR_FILENO);
	rc = cli_parse(c, cmd, n, argv);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(null);
	return rc;
}

static void
test_cli_options_after_operands_and_filter_joined(void)
{
	const char *w[] = { "annotate", "x.pcap", "tcp", "--json", "port",
	    "80", "-c", "5" };
	struct cli c;

	CU_ASSERT_EQUAL(parse(&c, CMD_ANNOTATE, w, 8), EXIT_OK);
	CU_ASSERT_TRUE(c.json);
	CU_ASSERT_EQUAL(c.count, 5);
	CU_ASSERT_EQUAL(c.nops, 4);
	CU_ASSERT_STRING_EQUAL(c.ops[0], "x.pcap");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c.filter);
	CU_ASSERT_STRING_EQUAL(c.filter, "tcp port 80");
	cli_done(&c);
}

static void
test_cli_double_dash_ends_options(void)
{
	const char *w[] = { "annotate", "--", "-weird.pcap" };
	struct cli c;

	CU_ASSERT_EQUAL(parse(&c, CMD_ANNOTATE, w, 3), EXIT_OK);
	CU_ASSERT_EQUAL(c.nops, 1);
	CU_ASSERT_STRING_EQUAL(c.ops[0], "-weird.pcap");
	CU_ASSERT_PTR_NULL(c.filter);
	cli_done(&c);
}

static void
test_cli_usage_errors_exit_2(void)
{
	const char *unknown[] = { "trace", "--bogus" };
	const char *foreign[] = { "scenarios", "--json" };
	const char *missing[] = { "annotate" };
	const char *badseed[] = { "trace", "--seed", "12x" };
	const char *badsize[] = { "render", "--size", "80by24" };
	const char *noarg[] = { "export", "-o" };
	const char *extra[] = { "trace", "stray" };
	struct cli c;

	CU_ASSERT_EQUAL(parse(&c, CMD_TRACE, unknown, 2), EXIT_USAGE);
	CU_ASSERT_EQUAL(parse(&c, CMD_SCENARIOS, foreign, 2), EXIT_USAGE);
	CU_ASSERT_EQUAL(parse(&c, CMD_ANNOTATE, missing, 1), EXIT_USAGE);
	CU_ASSERT_EQUAL(parse(&c, CMD_TRACE, badseed, 3), EXIT_USAGE);
	CU_ASSERT_EQUAL(parse(&c, CMD_RENDER, badsize, 3), EXIT_USAGE);
	CU_ASSERT_EQUAL(parse(&c, CMD_EXPORT, noarg, 2), EXIT_USAGE);
	CU_ASSERT_EQUAL(parse(&c, CMD_TRACE, extra, 2), EXIT_USAGE);
}

static void
test_cli_scenario_options_parsed(void)
{
	const char *w[] = { "export", "-6", "--seed=0x10", "--scenario", "close",
	    "-o", "-", "--client-profile", "linux" };
	struct cli c;

	CU_ASSERT_EQUAL(parse(&c, CMD_EXPORT, w, 9), EXIT_OK);
	CU_ASSERT_TRUE(c.ipv6);
	CU_ASSERT_TRUE(c.seed_set);
	CU_ASSERT_EQUAL(c.seed, 16);
	CU_ASSERT_STRING_EQUAL(c.scenario, "close");
	CU_ASSERT_STRING_EQUAL(c.output, "-");
	CU_ASSERT_STRING_EQUAL(c.client_profile, "linux");
	cli_done(&c);
}

static void
test_cli_file_or_builtin_name(void)
{
	CU_ASSERT_TRUE(cli_is_file("-"));
	CU_ASSERT_TRUE(cli_is_file("dir/name"));
	CU_ASSERT_TRUE(cli_is_file("syn.lesson"));
	CU_ASSERT_FALSE(cli_is_file("handshake"));
	CU_ASSERT_FALSE(cli_is_file(".hidden"));
	CU_ASSERT_FALSE(cli_is_file("trailing."));
}

/* Run ./tcpstep with arguments; its exit status, stderr's first line. */
static int
run(const char *args, char *err_line, size_t len)
{
	char cmd[512];
	FILE *f;
	int st;

	snprintf(cmd, sizeof(cmd),
	    "./tcpstep %s 2>&1 >/dev/null </dev/null | head -n 1", args);
	/* The status of the pipeline is head's; run it twice to get both. */
	f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	if (fgets(err_line, (int)len, f) == NULL)
		err_line[0] = '\0';
	pclose(f);
	snprintf(cmd, sizeof(cmd), "./tcpstep %s >/dev/null 2>&1 </dev/null",
	    args);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
test_cli_binary_conventions(void)
{
	char line[256];

	CU_ASSERT_EQUAL(run("--version", line, sizeof(line)), 0);
	CU_ASSERT_EQUAL(run("--help", line, sizeof(line)), 0);
	CU_ASSERT_EQUAL(run("annotate --help", line, sizeof(line)), 0);
	CU_ASSERT_EQUAL(run("--lang en --help", line, sizeof(line)), 0);
	CU_ASSERT_EQUAL(run("bogus", line, sizeof(line)), 2);
	CU_ASSERT_STRING_EQUAL(line, "tcpstep: bogus: unknown command\n");
	CU_ASSERT_EQUAL(run("--lang en bogus", line, sizeof(line)), 2);
	CU_ASSERT_STRING_EQUAL(line, "tcpstep: bogus: unknown command\n");
	CU_ASSERT_EQUAL(run("--lang en demo x", line, sizeof(line)), 2);
	CU_ASSERT_EQUAL(run("trace --nope", line, sizeof(line)), 2);
	CU_ASSERT_EQUAL(strncmp(line, "tcpstep: trace: ", 16), 0);
	/* A hostile name never reaches the terminal raw. */
	CU_ASSERT_EQUAL(run("$(printf 'x\\033[2J')", line, sizeof(line)), 2);
	CU_ASSERT_PTR_NULL(strchr(line, '\033'));
}

void test_cli_register(void);

void
test_cli_register(void)
{
	CU_pSuite s = CU_add_suite("cli", NULL, NULL);

	CU_add_test(s, "options after operands; filter words joined",
	    test_cli_options_after_operands_and_filter_joined);
	CU_add_test(s, "-- ends options", test_cli_double_dash_ends_options);
	CU_add_test(s, "usage errors exit 2", test_cli_usage_errors_exit_2);
	CU_add_test(s, "scenario options parsed",
	    test_cli_scenario_options_parsed);
	CU_add_test(s, "file operand or built-in name",
	    test_cli_file_or_builtin_name);
	CU_add_test(s, "binary: --help, --version, bogus, errors",
	    test_cli_binary_conventions);
}
