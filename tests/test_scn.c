/*
 * Tests of the scenario format: mistakes give "file:line: what" and never
 * a crash; the built-in scenarios are the files in scenarios/; writing a
 * scenario back and reading it again gives the same run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "scn.h"
#include "sim.h"
#include "tsim.h"
#include "xalloc.h"

struct bad_case {
	const char	*text;
	const char	*msg;		/* the whole message */
};

static const struct bad_case bad_cases[] = {
	{ "server socket\nserver sendd 3\n",
	    "t.scn:2: unknown call \"sendd\"" },
	{ "# fine\nfrobnicate 3\n", "t.scn:2: unknown directive \"frobnicate\"" },
	{ "end 0s\n", "t.scn:1: end time must be after 0" },
	{ "router socket\n", "t.scn:1: unknown directive \"router\"" },
	{ "server bind 70000\n",
	    "t.scn:1: invalid port \"70000\" (1 to 65535)" },
	{ "server bind\n", "t.scn:1: missing port" },
	{ "server bind 80 81\n", "t.scn:1: bind takes one argument" },
	{ "server accept now\n", "t.scn:1: accept takes no argument" },
	{ "server listen -1\n",
	    "t.scn:1: invalid backlog \"-1\" (0 to 4096)" },
	{ "client at soon connect 80\n",
	    "t.scn:1: invalid time \"soon\" (a number and us, ms, s, min or h, "
	    "at most a day)" },
	{ "client at 5 connect 80\n",
	    "t.scn:1: invalid time \"5\" (a number and us, ms, s, min or h, "
	    "at most a day)" },
	{ "client at 99999999999999999999s connect 80\n",
	    "t.scn:1: invalid time \"99999999999999999999s\" (a number and "
	    "us, ms, s, min or h, at most a day)" },
	{ "client send \"abc\n", "t.scn:1: unterminated string" },
	{ "client send \"a\\qb\"\n", "t.scn:1: unknown escape \\q" },
	{ "client send \"a\\x4\"\n", "t.scn:1: bad \\x escape" },
	{ "client send \"\"\n", "t.scn:1: send: empty text" },
	{ "client send \"ab\"cd\n", "t.scn:1: text after a closing quote" },
	{ "profile client bsd\n", "t.scn:1: unknown profile \"bsd\"" },
	{ "profile laptop linux\n",
	    "t.scn:1: unknown host \"laptop\" (client or server)" },
	{ "iss client 4294967296\n",
	    "t.scn:1: invalid ISS \"4294967296\" (0 to 4294967295)" },
	{ "buffer server both 100\n",
	    "t.scn:1: buffer: \"both\" is not snd or rcv" },
	{ "latency 0us\n", "t.scn:1: latency: 1us to 10s" },
	{ "fault explode syn 1\n", "t.scn:1: fault: unknown action "
	    "\"explode\" (drop, duplicate, delay, reorder, corrupt)" },
	{ "fault drop syn\n", "t.scn:1: fault: missing segment number" },
	{ "fault drop syn 0\n", "t.scn:1: invalid segment number list \"0\" "
	    "(e.g. 1 or 1,2)" },
	{ "fault drop syn 1,,2\n", "t.scn:1: invalid segment number list "
	    "\"1,,2\" (e.g. 1 or 1,2)" },
	{ "fault delay syn 1\n", "t.scn:1: missing delay" },
	{ "fault drop random 200%\n",
	    "t.scn:1: fault: invalid percentage \"200%\" (1% to 100%)" },
	{ "fault drop syn 1 2\n", "t.scn:1: fault: unexpected \"2\"" },
	{ "scenario Bad/Name\n", "t.scn:1: invalid scenario name "
	    "\"Bad/Name\" (a-z, 0-9, - and _, at most 63)" },
	{ "description\n", "t.scn:1: description: missing text" },
	{ "server socket\nserver \x01 socket\n",
	    "t.scn:2: control byte 0x01 (write it as \\x01 in a string)" },
	{ "server socket\n\xff\xfe\n", "t.scn:2: invalid UTF-8" },
	{ "keepalive client 10s 1s 0\n",
	    "t.scn:1: invalid probe count \"0\" (1 to 100)" },
	{ "a b c d e f g h i j k l m n o p q\n",
	    "t.scn:1: too many words (at most 16)" },
};

#define NBAD	(sizeof(bad_cases) / sizeof(bad_cases[0]))

static void
test_scn_mistakes_name_file_line_and_what(void)
{
	for (size_t i = 0; i < NBAD; i++) {
		struct scn *sc = xcalloc(1, sizeof(*sc));
		struct ts_err err = { "" };
		int rc = scn_parse(sc, bad_cases[i].text,
		    strlen(bad_cases[i].text), "t.scn", &err);

		CU_ASSERT_EQUAL(rc, -1);
		if (strcmp(err.msg, bad_cases[i].msg) != 0)
			fprintf(stderr, "\n  got  %s\n  want %s\n", err.msg,
			    bad_cases[i].msg);
		CU_ASSERT_STRING_EQUAL(err.msg, bad_cases[i].msg);
		free(sc);
	}
}

static void
test_scn_nul_byte_and_huge_word(void)
{
	static const char nul[] = "server socket\nserver bi\0nd 80\n";
	struct scn *sc = xcalloc(1, sizeof(*sc));
	struct ts_err err = { "" };
	char *big = xmalloc(5000);

	CU_ASSERT_EQUAL(scn_parse(sc, nul, sizeof(nul) - 1, "n.scn", &err),
	    -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "n.scn:2: NUL byte");
	memcpy(big, "client send ", 12);
	memset(big + 12, 'x', 4000);
	big[4012] = '\0';
	CU_ASSERT_EQUAL(scn_parse(sc, big, strlen(big), "b.scn", &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "b.scn:1: word too long");
	free(big);
	free(sc);
}

static void
test_scn_file_errors(void)
{
	struct sim_config cfg = { "/nonexistent/x.scn", 1, false, NULL, NULL };
	struct ts_err err = { "" };
	FILE *f;

	CU_ASSERT_PTR_NULL(sim_new(&cfg, &err));
	CU_ASSERT_STRING_EQUAL(err.msg,
	    "/nonexistent/x.scn: No such file or directory");
	f = fopen("build/test-bad.scn", "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("# a scenario with a typo\nserver socket\nserver lisen 5\n", f);
	fclose(f);
	cfg.scenario = "build/test-bad.scn";
	CU_ASSERT_PTR_NULL(sim_new(&cfg, &err));
	CU_ASSERT_STRING_EQUAL(err.msg,
	    "build/test-bad.scn:3: unknown call \"lisen\"");
	cfg.scenario = "handshake";
	cfg.client_profile = "beos";
	CU_ASSERT_PTR_NULL(sim_new(&cfg, &err));
	CU_ASSERT_STRING_EQUAL(err.msg, "beos: unknown profile");
	remove("build/test-bad.scn");
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = xmalloc((size_t)n + 1);
	b[fread(b, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return b;
}

static void
test_scn_builtins_are_the_installed_files(void)
{
	CU_ASSERT(scn_builtin_count() >= 7);
	for (size_t i = 0; i < scn_builtin_count(); i++) {
		char path[256];
		char *text;

		snprintf(path, sizeof(path), "scenarios/%s.scn",
		    scn_builtin_name(i));
		text = slurp(path);
		CU_ASSERT_PTR_NOT_NULL_FATAL(text);
		CU_ASSERT_STRING_EQUAL(text, scn_builtin_text(i));
		free(text);
	}
}

/* Written back and read again, a scenario runs the same. */
static void
test_scn_format_round_trip(void)
{
	for (size_t i = 0; i < scn_builtin_count(); i++) {
		struct sim *a = tsim_run(scn_builtin_name(i), 9, false), *b;
		char *text;

		CU_ASSERT_PTR_NOT_NULL_FATAL(a);
		text = sim_scenario_text(a);
		b = tsim_text(text, 9);
		CU_ASSERT_PTR_NOT_NULL_FATAL(b);
		CU_ASSERT_EQUAL(sim_nsteps(a), sim_nsteps(b));
		for (size_t k = 1; k <= sim_nsteps(a) && k <= sim_nsteps(b);
		    k++) {
			const struct sim_step *x = sim_step_at(a, k);
			const struct sim_step *y = sim_step_at(b, k);

			CU_ASSERT_STRING_EQUAL(x->kind, y->kind);
			CU_ASSERT_EQUAL(x->pkt_len, y->pkt_len);
			CU_ASSERT(x->pkt_len == y->pkt_len && (x->pkt_len == 0
			    || memcmp(x->pkt, y->pkt, x->pkt_len) == 0));
		}
		free(text);
		sim_free(a);
		sim_free(b);
	}
}

static void
test_scn_text_escapes_reach_the_wire(void)
{
	struct sim *s = tsim_text("server socket\nserver bind 80\n"
	    "server listen 1\nserver accept\nserver recv 100\n"
	    "client socket\nclient connect 80\n"
	    "client send \"a\\tb\\x00\\\"c\\r\\n\"\n", 1);
	size_t k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	k = tsim_find(s, SIM_CLIENT, "sock.send", 1);
	CU_ASSERT_EQUAL(sim_step_at(s, k)->data_len, 8);
	CU_ASSERT(memcmp(sim_step_at(s, k)->data, "a\tb\0\"c\r\n", 8) == 0);
	sim_free(s);
}

/*
 * Untrusted input: every prefix and every one-bit flip of every built-in
 * scenario either parses or fails with "origin:line: what"; the prefixes
 * of a few that parse are also run and stepped back through.
 */
static void
test_scn_every_prefix_and_bit_flip(void)
{
	size_t parsed = 0, failed = 0;

	for (size_t i = 0; i < scn_builtin_count(); i++) {
		const char *t = scn_builtin_text(i);
		size_t n = strlen(t);
		char *buf = xmalloc(n + 1);

		for (size_t len = 0; len <= n; len++) {
			struct scn *sc = xcalloc(1, sizeof(*sc));
			struct ts_err err = { "" };

			if (scn_parse(sc, t, len, "p.scn", &err) == 0) {
				parsed++;
				scn_done(sc);
			} else {
				failed++;
				CU_ASSERT(strncmp(err.msg, "p.scn:", 6) == 0);
			}
			free(sc);
			if (i < 3 && len % 16 == 0) {
				struct sim *s;

				memcpy(buf, t, len);
				buf[len] = '\0';
				s = tsim_text(buf, len);
				if (s != NULL) {
					sim_goto(s, sim_nsteps(s));
					sim_goto(s, sim_nsteps(s) / 2);
					sim_free(s);
				}
			}
		}
		for (size_t k = 0; k < n * 8; k++) {
			struct scn *sc = xcalloc(1, sizeof(*sc));
			struct ts_err err = { "" };

			memcpy(buf, t, n);
			buf[k / 8] ^= (char)(1 << (k % 8));
			if (scn_parse(sc, buf, n, "f.scn", &err) == 0)
				scn_done(sc);
			else
				CU_ASSERT(strncmp(err.msg, "f.scn:", 6) == 0);
			free(sc);
		}
		free(buf);
	}
	CU_ASSERT(parsed > 100);
	CU_ASSERT(failed > 100);
}

void test_scn_register(void);

void
test_scn_register(void)
{
	CU_pSuite s = CU_add_suite("scn", NULL, NULL);

	CU_add_test(s, "mistakes name file, line and what",
	    test_scn_mistakes_name_file_line_and_what);
	CU_add_test(s, "a NUL byte, a huge word",
	    test_scn_nul_byte_and_huge_word);
	CU_add_test(s, "file errors", test_scn_file_errors);
	CU_add_test(s, "built-ins are the installed files",
	    test_scn_builtins_are_the_installed_files);
	CU_add_test(s, "written back, a scenario runs the same",
	    test_scn_format_round_trip);
	CU_add_test(s, "string escapes reach the wire",
	    test_scn_text_escapes_reach_the_wire);
	CU_add_test(s, "every prefix and bit flip of every built-in",
	    test_scn_every_prefix_and_bit_flip);
}
