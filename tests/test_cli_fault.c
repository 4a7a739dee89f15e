/*
 * Tests of --fault KIND@STEP (render, export, trace): its grammar, and
 * that the run it gives is the run the TUI's f key gives at that step.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "cli.h"
#include "cli_sim.h"
#include "lang.h"
#include "tsim.h"

/* Run fn with standard error sent to /dev/null: usage errors are meant. */
static int
quietly(int (*fn)(void *), void *arg)
{
	int rc, saved, null;

	fflush(stderr);
	saved = dup(STDERR_FILENO);
	null = open("/dev/null", O_WRONLY);
	dup2(null, STDERR_FILENO);
	rc = fn(arg);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(null);
	return rc;
}

struct parse_args {
	struct cli	*c;
	enum cmd_id	 cmd;
	const char	*const *words;
	int		 n;
};

static int
parse_fn(void *p)
{
	static char buf[16][64];
	static char *argv[17];
	struct parse_args *a = p;

	for (int i = 0; i < a->n; i++) {
		snprintf(buf[i], sizeof(buf[i]), "%s", a->words[i]);
		argv[i] = buf[i];
	}
	argv[a->n] = NULL;
	return cli_parse(a->c, a->cmd, a->n, argv);
}

static int
parse(struct cli *c, enum cmd_id cmd, const char *const *words, int n)
{
	struct parse_args a = { c, cmd, words, n };

	return quietly(parse_fn, &a);
}

static void
test_fault_option_grammar(void)
{
	const char *ok[] = { "render", "--fault", "drop@3", "--fault=dup@7",
	    "--fault", "corrupt@0", "--fault", "duplicate@12" };
	const char *bad[] = { "drop", "drop@", "lose@3", "drop@3x", "drop@-1",
	    "@3", "Drop@3", "drop@99999999999999999999" };
	const char *foreign[] = { "annotate", "x.pcap", "--fault", "drop@1" };
	struct cli c;

	CU_ASSERT_EQUAL_FATAL(parse(&c, CMD_RENDER, ok, 8), EXIT_OK);
	CU_ASSERT_EQUAL_FATAL(c.nfault, 4);
	CU_ASSERT_EQUAL(c.fault[0].kind, SIM_FAULT_DROP);
	CU_ASSERT_EQUAL(c.fault[0].step, 3);
	CU_ASSERT_EQUAL(c.fault[1].kind, SIM_FAULT_DUP);
	CU_ASSERT_EQUAL(c.fault[1].step, 7);
	CU_ASSERT_EQUAL(c.fault[2].kind, SIM_FAULT_CORRUPT);
	CU_ASSERT_EQUAL(c.fault[2].step, 0);
	CU_ASSERT_EQUAL(c.fault[3].kind, SIM_FAULT_DUP);
	CU_ASSERT_STRING_EQUAL(c.fault[3].arg, "duplicate@12");
	cli_done(&c);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *w[] = { "export", "-o", "x.pcap", "--fault", bad[i] };

		CU_ASSERT_EQUAL(parse(&c, CMD_EXPORT, w, 5), EXIT_USAGE);
	}
	CU_ASSERT_EQUAL(parse(&c, CMD_ANNOTATE, foreign, 4), EXIT_USAGE);
}

/* The steps' kinds, one a line, for comparing two runs. */
static char *
kinds(const struct sim *s)
{
	size_t len = 0, n = sim_nsteps(s);
	char *b;

	for (size_t k = 1; k <= n; k++)
		len += strlen(sim_step_at(s, k)->kind) + 1;
	b = calloc(1, len + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	for (size_t k = 1; k <= n; k++) {
		strcat(b, sim_step_at(s, k)->kind);
		strcat(b, "\n");
	}
	return b;
}

struct open_args {
	struct cli	*c;
	struct sim	*s;
};

static int
open_fn(void *p)
{
	struct open_args *a = p;
	int code;

	a->s = cli_sim_open(a->c, &code);
	return code;
}

/*
 * --fault drop@K loses the client's request, which is then sent again:
 * the same run, step for step, as sim_inject (the TUI's f) at K.
 */
static void
test_fault_option_is_the_tui_f_key(void)
{
	struct sim *plain = tsim_run("data", 1, false), *tui;
	struct open_args a;
	struct ts_err err;
	struct cli c;
	char arg[32], *ka, *kb, *text;
	size_t k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(plain);
	k = tsim_find(plain, SIM_CLIENT, "sock.send", 1);
	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT_EQUAL(tsim_find(plain, -1, "wire.drop", 1), 0);
	snprintf(arg, sizeof(arg), "drop@%zu", k);
	{
		const char *w[] = { "trace", "--scenario", "data", "--fault",
		    arg };

		CU_ASSERT_EQUAL_FATAL(parse(&c, CMD_TRACE, w, 5), EXIT_OK);
	}
	a.c = &c;
	CU_ASSERT_EQUAL_FATAL(quietly(open_fn, &a), EXIT_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a.s);
	CU_ASSERT_EQUAL(sim_cur(a.s), 0);
	CU_ASSERT(tsim_find(a.s, SIM_CLIENT, "wire.drop", 1) > k);
	text = sim_scenario_text(a.s);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "fault drop"));
	free(text);

	tui = tsim_run("data", 1, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tui);
	CU_ASSERT_EQUAL(sim_inject(tui, k, SIM_FAULT_DROP, 0, &err), 0);
	CU_ASSERT_EQUAL(sim_nsteps(a.s), sim_nsteps(tui));
	ka = kinds(a.s);
	kb = kinds(tui);
	CU_ASSERT_STRING_EQUAL(ka, kb);
	free(ka);
	free(kb);
	sim_free(a.s);
	sim_free(tui);
	sim_free(plain);
	cli_done(&c);
}

static int
render_fn(void *p)
{
	return cmd_render(p);
}

/* cmd_render's standard output, through a temporary file. */
static char *
render_out(struct cli *c, int *rc)
{
	FILE *f = tmpfile();
	char *b = calloc(1, 65536);
	size_t n;
	int saved;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fileno(f), STDOUT_FILENO);
	*rc = cmd_render(c);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	rewind(f);
	n = fread(b, 1, 65535, f);
	b[n] = '\0';
	fclose(f);
	return b;
}

/* render draws the lost segment, and its title names the fault as f does. */
static void
test_fault_option_render_shows_it(void)
{
	const char *w[] = { "render", "--scenario", "data", "--step", "25",
	    "--fault", "drop@22" };
	const char *title = " tcpstep \xc2\xb7 scenario data \xc2\xb7 "
	    "f: drop@22 ";
	struct cli c;
	char *out;
	int rc;

	lang_set("en");
	CU_ASSERT_EQUAL_FATAL(parse(&c, CMD_RENDER, w, 7), EXIT_OK);
	out = render_out(&c, &rc);
	CU_ASSERT_EQUAL(rc, EXIT_OK);
	CU_ASSERT(strncmp(out, title, strlen(title)) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "is lost on the wire"));
	free(out);
	cli_done(&c);
}

/* A step past the run's end and --capture are usage errors (exit 2). */
static void
test_fault_option_errors(void)
{
	const char *far[] = { "trace", "--fault", "delay@100000" };
	const char *cap[] = { "render", "--capture", "x.pcap", "--fault",
	    "drop@1" };
	struct open_args a;
	struct cli c;

	CU_ASSERT_EQUAL_FATAL(parse(&c, CMD_TRACE, far, 3), EXIT_OK);
	a.c = &c;
	CU_ASSERT_EQUAL(quietly(open_fn, &a), EXIT_USAGE);
	CU_ASSERT_PTR_NULL(a.s);
	cli_done(&c);
	CU_ASSERT_EQUAL_FATAL(parse(&c, CMD_RENDER, cap, 5), EXIT_OK);
	CU_ASSERT_EQUAL(quietly(render_fn, &c), EXIT_USAGE);
	cli_done(&c);
}

void test_cli_fault_register(void);

void
test_cli_fault_register(void)
{
	CU_pSuite s = CU_add_suite("cli --fault", NULL, NULL);

	CU_add_test(s, "grammar", test_fault_option_grammar);
	CU_add_test(s, "the same run as the TUI's f key",
	    test_fault_option_is_the_tui_f_key);
	CU_add_test(s, "render shows it", test_fault_option_render_shows_it);
	CU_add_test(s, "errors", test_fault_option_errors);
}
