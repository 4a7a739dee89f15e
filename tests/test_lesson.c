/*
 * Tests of the lesson format: a good file parses as written, every kind of
 * mistake gives "FILE:LINE: what", random damage never crashes, and stops
 * resolve against an engine (here a small fake one; test_lessons.c runs
 * the real lessons on the real simulator).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "lesson.h"

static const char test_lesson_good[] =
    "# a comment\n"
    "title: The handshake\n"
    "title.zh: 三次握手\n"
    "scenario: handshake\n"
    "seed: 7\n"
    "client-profile: linux\n"
    "server-profile: windows\n"
    "\n"
    "step: chapter 2\n"
    "narration: The client sets the SYN\n"
    "  bit and picks its ISN.\n"
    "  .\n"
    "  A new paragraph.\n"
    "narration.zh: 客户端设置 SYN\n"
    "  比特，\n"
    "  并选定初始序号，即所谓的\n"
    "  “ISN”。\n"
    "highlight: header\n"
    "highlight: client.tcb.iss\n"
    "question: number\n"
    "prompt: What will the server's ACK number be?\n"
    "prompt.zh: 服务器的 ACK 号会是多少？\n"
    "answer: client.tcb.iss + 1\n"
    "hint: One more than the ISN.\n"
    "hint.zh: 初始序号加 1。\n"
    "question: choice\n"
    "prompt: Where is the ISS kept?\n"
    "prompt.zh: ISS 保存在哪里？\n"
    "choice: inside In the socket\n"
    "choice.zh: inside 在套接字里\n"
    "choice: wire Only on the wire\n"
    "choice.zh: wire 只在网络上\n"
    "answer: \"inside\"\n"
    "\r\n"
    "step: when client.state = \"ESTABLISHED\"\n"
    "narration: Done.\n"
    "narration.zh: 完成。\n"
    "question: state\n"
    "prompt: State?\n"
    "prompt.zh: 状态？\n"
    "answer: client.state\n";

static void
test_lesson_good_file_parses_as_written(void)
{
	struct lesson l;
	struct ts_err err;
	const struct lesson_stop *s;

	err.msg[0] = '\0';
	CU_ASSERT_EQUAL_FATAL(lesson_parse(&l, "t.lesson", test_lesson_good,
	    strlen(test_lesson_good), &err), 0);
	CU_ASSERT_STRING_EQUAL(lesson_text(&l.title, LESSON_ZH), "三次握手");
	CU_ASSERT_STRING_EQUAL(l.scenario, "handshake");
	CU_ASSERT_EQUAL(l.seed, 7);
	CU_ASSERT_STRING_EQUAL(l.server_profile, "windows");
	CU_ASSERT_EQUAL_FATAL(l.nstops, 2);
	s = &l.stops[0];
	CU_ASSERT_EQUAL(s->sel.at, LESSON_AT_CHAPTER);
	CU_ASSERT_EQUAL(s->sel.n, 2);
	CU_ASSERT_EQUAL(s->line, 9);
	/* words joined by a space, Chinese by nothing, "." a paragraph */
	CU_ASSERT_STRING_EQUAL(lesson_text(&s->narration, LESSON_EN),
	    "The client sets the SYN bit and picks its ISN.\nA new paragraph.");
	CU_ASSERT_STRING_EQUAL(lesson_text(&s->narration, LESSON_ZH),
	    "客户端设置 SYN 比特，并选定初始序号，即所谓的“ISN”。");
	CU_ASSERT_EQUAL(s->nhl, 2);
	CU_ASSERT_EQUAL(s->hl[0].kind, LESSON_HL_PANE);
	CU_ASSERT_EQUAL(s->hl[1].kind, LESSON_HL_FIELD);
	CU_ASSERT_EQUAL_FATAL(s->nq, 2);
	CU_ASSERT_EQUAL(s->q[0].kind, LESSON_Q_NUMBER);
	CU_ASSERT_EQUAL(s->q[0].answer_line, 23);
	CU_ASSERT_EQUAL(s->q[1].nchoices, 2);
	CU_ASSERT_STRING_EQUAL(lesson_text(&s->q[1].choices[1].text, LESSON_ZH),
	    "只在网络上");
	CU_ASSERT_EQUAL(l.stops[1].sel.at, LESSON_AT_WHEN);
	CU_ASSERT_STRING_EQUAL(l.stops[1].sel.when_name, "client.state");
	lesson_done(&l);
	lesson_done(&l);	/* done twice is harmless */
}

/* The header every bad input below starts from (5 lines). */
#define HEAD "title: T\ntitle.zh: 题\nscenario: handshake\n" \
	"step: 1\nnarration: N\n"
#define HEADZH HEAD "narration.zh: 讲\n"
#define Q "question: number\nprompt: P\nprompt.zh: 问\n"

static const struct {
	const char	*text;
	const char	*want;		/* the whole message */
} test_lesson_bad[] = {
	{ "title: T\n", "b.lesson:1: no \"title.zh\" to go with the English" },
	{ "title.zh: 题\ntitle: T\n",
	    "b.lesson:1: no \"scenario\"" },
	{ "title: T\ntitle.zh: 题\nscenario: x\n",
	    "b.lesson:3: no \"step\": a lesson needs at least one" },
	{ HEAD, "b.lesson:5: no \"narration.zh\" to go with the English" },
	{ HEADZH "sendd: x\n", "b.lesson:7: unknown key \"sendd\"" },
	{ HEADZH "just words\n", "b.lesson:7: expected \"key: value\", a "
	    "comment (#) or an indented continuation line" },
	{ HEADZH "Narration: x\n", "b.lesson:7: expected \"key: value\", a "
	    "comment (#) or an indented continuation line" },
	{ HEADZH "seed: 3\n", "b.lesson:7: \"seed\" belongs before the first "
	    "\"step\"" },
	{ "title: T\ntitle.zh: 题\nnarration: x\n",
	    "b.lesson:3: \"narration\" before any \"step\"" },
	{ HEADZH "prompt: x\n", "b.lesson:7: \"prompt\" outside a question "
	    "(put \"question: number|choice|state\" first)" },
	{ HEADZH "highlight: tcb\n  more\n", "b.lesson:8: indented line, but the line above "
	    "is not a text to continue" },
	{ HEAD "\n  more\nnarration.zh: 讲\n", "b.lesson:7: indented line "
	    "after a blank line (continuation lines follow their key directly)" },
	{ HEADZH "narration: again\n", "b.lesson:7: \"narration\" given twice "
	    "(first at line 5)" },
	{ HEADZH "step: sometime\n", "b.lesson:7: bad step \"sometime\" "
	    "(expected N, start, end, chapter N, kind K, or when NAME = VALUE)" },
	{ HEADZH "step: chapter 8\n", "b.lesson:7: the chapter's steps are 1 to "
	    "7, not \"8\"" },
	{ HEADZH "step: kind tcp_send nowhere\n", "b.lesson:7: after the kind, "
	    "expected client, server or #N, not \"nowhere\"" },
	{ HEADZH "step: when client.state ESTABLISHED\n", "b.lesson:7: "
	    "expected \"step: when NAME = VALUE\"" },
	{ HEADZH "highlight: everything\n", "b.lesson:7: unknown pane "
	    "\"everything\" (panes: stack, header, tcb, buffers, ladder, "
	    "narration, tools; or a state name such as client.tcb.iss)" },
	{ HEADZH "question: essay\n", "b.lesson:7: a question is \"number\", "
	    "\"choice\" or \"state\", not \"essay\"" },
	{ HEADZH Q "answer: 1001\n", "b.lesson:10: the answer must be computed "
	    "from the engine's state (e.g. server.tcb.irs + 1), not a constant" },
	{ HEADZH Q "answer: server.tcb.irs +\n", "b.lesson:10: bad answer: "
	    "expected a name, a number or a \"string\"" },
	{ HEADZH Q, "b.lesson:7: question has no \"answer\"" },
	{ HEADZH "question: number\nprompt: P\nanswer: a.b\n",
	    "b.lesson:8: no \"prompt.zh\" to go with the English" },
	{ HEADZH Q "answer: a.b\nhint.zh: 提示\n",
	    "b.lesson:11: no \"hint\" to go with the Chinese" },
	{ HEADZH Q "choice: a A\n", "b.lesson:10: \"choice\" in a number "
	    "question" },
	{ HEADZH "question: choice\nprompt: P\nprompt.zh: 问\nchoice: x X\n"
	    "choice.zh: x 叉\nanswer: \"x\"\n",
	    "b.lesson:7: a choice question needs at least two \"choice\" lines" },
	{ HEADZH "question: choice\nprompt: P\nprompt.zh: 问\nchoice: x X\n"
	    "choice.zh: y 叉\n",
	    "b.lesson:11: \"choice.zh\" for \"y\", which no \"choice\" line gave" },
	{ HEADZH "question: state\nprompt: P\nprompt.zh: 问\n"
	    "answer: a.b + 1\n", "b.lesson:10: a state answer is one name, e.g. "
	    "client.state" },
	{ "title: T\ntitle.zh: 题\nseed: -1\n", "b.lesson:3: seed \"-1\" is not "
	    "a number from 0 to 18446744073709551615" },
	{ "title: T\ntitle.zh: 题\nscenario: two words\n", "b.lesson:3: "
	    "\"scenario\" takes one word, not \"two words\"" },
	{ "title: T\ntitle.zh: 题\nipv6: maybe\n", "b.lesson:3: ipv6 is "
	    "\"yes\" or \"no\", not \"maybe\"" },
	{ "title: T\x1b[31m\n", "b.lesson:1: control character or invalid "
	    "UTF-8 at byte 9" },
	{ "title: \xff\n", "b.lesson:1: control character or invalid UTF-8 at "
	    "byte 8" },
	{ "title: \xe2\x80\xae evil\n", "b.lesson:1: control character or "
	    "invalid UTF-8 at byte 8" },
	{ "scenario:\n", "b.lesson:1: \"scenario\" needs a value" },
	{ "title.en: T\n", "b.lesson:1: unknown key \"title.en\"" },
	{ "seed.zh: 3\n", "b.lesson:1: unknown key \"seed.zh\"" },
};

static void
test_lesson_bad_inputs_name_file_and_line(void)
{
	for (size_t i = 0; i < sizeof(test_lesson_bad) /
	    sizeof(test_lesson_bad[0]); i++) {
		struct lesson l;
		struct ts_err err;
		const char *t = test_lesson_bad[i].text;

		err.msg[0] = '\0';
		CU_ASSERT_EQUAL(lesson_parse(&l, "b.lesson", t, strlen(t), &err),
		    -1);
		if (strcmp(err.msg, test_lesson_bad[i].want) != 0)
			fprintf(stderr, "\ncase %zu: got  \"%s\"\n         want "
			    "\"%s\"\n", i, err.msg, test_lesson_bad[i].want);
		CU_ASSERT_STRING_EQUAL(err.msg, test_lesson_bad[i].want);
		CU_ASSERT_EQUAL(l.nstops, 0);
		lesson_done(&l);
	}
}

static void
test_lesson_limits_bound_lines_and_sizes(void)
{
	struct lesson l;
	struct ts_err err;
	size_t n = LESSON_FILE_MAX + 1;
	char *big = malloc(n);

	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memset(big, '#', n);
	CU_ASSERT_EQUAL(lesson_parse(&l, "b.lesson", big, n, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "b.lesson: longer than 262144 bytes");
	/* one line one byte too long */
	memset(big, 'x', LESSON_LINE_MAX + 1);
	CU_ASSERT_EQUAL(lesson_parse(&l, "b.lesson", big, LESSON_LINE_MAX + 1,
	    &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "b.lesson:1: line longer than 1024 "
	    "bytes");
	/* a text grown past its bound by continuation lines */
	{
		size_t off = 0;

		off += (size_t)sprintf(big, "title: T\n");
		for (int i = 0; i < 6; i++) {
			big[off++] = ' ';
			memset(big + off, 'y', 1000);
			off += 1000;
			big[off++] = '\n';
		}
		CU_ASSERT_EQUAL(lesson_parse(&l, "b.lesson", big, off, &err),
		    -1);
		CU_ASSERT_STRING_EQUAL(err.msg, "b.lesson:6: text longer than "
		    "4095 bytes");
	}
	/* NUL inside a line */
	CU_ASSERT_EQUAL(lesson_parse(&l, "b.lesson", "title: a\0b\n", 11, &err),
	    -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "b.lesson:1: NUL byte");
	free(big);
}

/* A tiny PRNG so the fuzz is the same on every run. */
static uint32_t
test_lesson_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void
test_lesson_fuzz_never_crashes(void)
{
	size_t n = sizeof(test_lesson_good) - 1;
	char *buf = malloc(n + 64);
	uint32_t seed = 12345;
	int ok = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	for (int round = 0; round < 3000; round++) {
		struct lesson l;
		struct ts_err err;
		size_t len = n;
		int flips = 1 + (int)(test_lesson_rand(&seed) % 4);

		memcpy(buf, test_lesson_good, n);
		for (int f = 0; f < flips; f++) {
			uint32_t r = test_lesson_rand(&seed);
			size_t at;

			if (len == 0)
				break;
			at = r % len;

			switch ((r >> 16) % 4) {
			case 0: buf[at] = (char)(r >> 8); break;
			case 1: buf[at] ^= (char)(1 << ((r >> 8) % 8)); break;
			case 2: len = at; break;	/* truncate */
			case 3: buf[at] = "\n :.#\"+-"[(r >> 8) % 8]; break;
			}
		}
		err.msg[0] = '\0';
		if (lesson_parse(&l, "f.lesson", buf, len, &err) == 0)
			ok++;
		else
			CU_ASSERT_EQUAL(strncmp(err.msg, "f.lesson:", 9), 0);
		lesson_done(&l);
	}
	/* Some damage is harmless (inside a text); most is caught. */
	CU_ASSERT(ok > 0 && ok < 3000);
	free(buf);
}

/*
 * A fake engine: a handshake of 6 steps whose ISNs come from a seed, so a
 * test can check that answers move with it.
 */
struct test_fake {
	uint32_t	 iss, irs;
};

static const struct { const char *kind; int host, chapter; } test_fake_steps[] = {
	{ NULL, 0, 0 },
	{ "app_connect", LESSON_HOST_CLIENT, 0 },
	{ "tcp_build", LESSON_HOST_CLIENT, 1 },
	{ "tcp_send", LESSON_HOST_CLIENT, 2 },
	{ "tcp_send", LESSON_HOST_SERVER, 5 },
	{ "tcp_send", LESSON_HOST_CLIENT, 6 },
	{ "app_return", LESSON_HOST_CLIENT, 0 },
};

static int
test_fake_info(void *ctx, uint32_t k, struct lesson_stepinfo *out,
    struct ts_err *err)
{
	(void)ctx;
	if (k == 0 || k > 6)
		return ts_err_set(err, "no step %u", k);
	snprintf(out->kind, sizeof(out->kind), "%s", test_fake_steps[k].kind);
	out->host = test_fake_steps[k].host;
	out->chapter = test_fake_steps[k].chapter;
	return 0;
}

static int
test_fake_get(void *ctx, uint32_t k, const char *name, struct expr_val *out,
    struct ts_err *err)
{
	const struct test_fake *f = ctx;

	memset(out, 0, sizeof(*out));
	if (strcmp(name, "client.tcb.iss") == 0) {
		out->num = k >= 3 ? f->iss : 0;
		return 0;
	}
	if (strcmp(name, "server.tcb.irs") == 0) {
		out->num = k >= 4 ? f->iss : 0;
		return 0;
	}
	if (strcmp(name, "segment.ack") == 0) {
		out->num = k == 4 ? f->iss + 1 : k == 5 ? f->irs + 1 : 0;
		return 0;
	}
	if (strcmp(name, "client.state") == 0) {
		out->type = EXPR_STR;
		strcpy(out->str, k < 1 ? "CLOSED" : k < 5 ? "SYN-SENT" :
		    "ESTABLISHED");
		return 0;
	}
	return ts_err_set(err, "unknown state name");
}

static bool
test_fake_known(void *ctx, const char *name)
{
	struct expr_val v;
	struct ts_err err;

	return test_fake_get(ctx, 0, name, &v, &err) == 0;
}

static const char test_lesson_fake[] =
    "title: T\ntitle.zh: 题\nscenario: handshake\n"
    "step: chapter 5\nnarration: N\nnarration.zh: 讲\n"
    "highlight: segment.ack\n"
    "question: number\nprompt: P\nprompt.zh: 问\n"
    "answer: server.tcb.irs + 1\n"
    "step: kind tcp_send client #2\nnarration: N\nnarration.zh: 讲\n"
    "question: state\nprompt: P\nprompt.zh: 问\nanswer: client.state\n"
    "question: choice\nprompt: P\nprompt.zh: 问\n"
    "choice: SYN-SENT\nchoice: ESTABLISHED\nanswer: client.state\n"
    "step: when client.state = \"ESTABLISHED\"\nnarration: N\n"
    "narration.zh: 讲\n"
    "step: end\nnarration: N\nnarration.zh: 讲\n";

static void
test_lesson_resolve_follows_engine(void)
{
	static const uint32_t isns[] = { 1000, 0xffffffffu };
	struct lesson l;
	struct ts_err err;
	uint32_t steps[4];
	struct expr_val v;

	CU_ASSERT_EQUAL_FATAL(lesson_parse(&l, "f.lesson", test_lesson_fake,
	    strlen(test_lesson_fake), &err), 0);
	for (size_t i = 0; i < 2; i++) {
		struct test_fake f = { isns[i], 77 };
		struct lesson_engine eng = { &f, 6, test_fake_info,
		    test_fake_get, test_fake_known };

		CU_ASSERT_EQUAL_FATAL(lesson_resolve(&l, &eng, steps, &err), 0);
		CU_ASSERT_EQUAL(steps[0], 4);
		CU_ASSERT_EQUAL(steps[1], 5);
		CU_ASSERT_EQUAL(steps[2], 5);
		CU_ASSERT_EQUAL(steps[3], 6);
		CU_ASSERT_EQUAL(lesson_answer(&l, &eng, steps[0],
		    &l.stops[0].q[0], &v, &err), 0);
		CU_ASSERT_EQUAL(v.num, isns[i] + 1);	/* wraps to 0 */
		CU_ASSERT_TRUE(lesson_check(&l.stops[0].q[0], &v,
		    i == 0 ? " 1001 " : "0x0"));
		CU_ASSERT_FALSE(lesson_check(&l.stops[0].q[0], &v, "1000"));
		CU_ASSERT_FALSE(lesson_check(&l.stops[0].q[0], &v, "10o1"));
		CU_ASSERT_EQUAL(lesson_answer(&l, &eng, steps[1],
		    &l.stops[1].q[0], &v, &err), 0);
		CU_ASSERT_TRUE(lesson_check(&l.stops[1].q[0], &v, "established"));
		CU_ASSERT_TRUE(lesson_check(&l.stops[1].q[0], &v, "ESTAB"));
		CU_ASSERT_FALSE(lesson_check(&l.stops[1].q[0], &v, "syn_sent"));
		CU_ASSERT_TRUE(lesson_check(&l.stops[1].q[1], &v, "b"));
		CU_ASSERT_TRUE(lesson_check(&l.stops[1].q[1], &v, "Established"));
		CU_ASSERT_FALSE(lesson_check(&l.stops[1].q[1], &v, "a"));
		CU_ASSERT_FALSE(lesson_check(&l.stops[1].q[1], &v, "c"));
	}
	lesson_done(&l);
}

static void
test_lesson_resolve_errors_name_the_line(void)
{
	static const struct { const char *stop, *want; } cases[] = {
		{ "step: chapter 7\n", "f.lesson:4: the scenario has no chapter "
		    "step 7" },
		{ "step: 9\n", "f.lesson:4: step 9 is past the scenario's last "
		    "step (6)" },
		{ "step: kind tcp_send server #2\n", "f.lesson:4: the scenario "
		    "has no step of kind \"tcp_send\" on the server #2" },
		{ "step: when client.state = \"LISTEN\"\n", "f.lesson:4: no step, "
		    "from the previous one on, where this holds" },
		{ "step: when client.mood = \"happy\"\n", "f.lesson:4: "
		    "client.mood: unknown state name" },
	};
	struct test_fake f = { 1000, 77 };
	struct lesson_engine eng = { &f, 6, test_fake_info, test_fake_get,
	    test_fake_known };
	char text[512];
	struct lesson l;
	struct ts_err err;
	uint32_t steps[2];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), "title: T\ntitle.zh: 题\nscenario: "
		    "h\n%snarration: N\nnarration.zh: 讲\n", cases[i].stop);
		CU_ASSERT_EQUAL_FATAL(lesson_parse(&l, "f.lesson", text,
		    strlen(text), &err), 0);
		CU_ASSERT_EQUAL(lesson_resolve(&l, &eng, steps, &err), -1);
		CU_ASSERT_STRING_EQUAL(err.msg, cases[i].want);
		lesson_done(&l);
	}
	/* out of order, unknown highlight, answer of the wrong type */
	snprintf(text, sizeof(text), "title: T\ntitle.zh: 题\nscenario: h\n"
	    "step: 5\nnarration: N\nnarration.zh: 讲\n"
	    "step: chapter 1\nnarration: N\nnarration.zh: 讲\n");
	CU_ASSERT_EQUAL_FATAL(lesson_parse(&l, "f.lesson", text, strlen(text),
	    &err), 0);
	CU_ASSERT_EQUAL(lesson_resolve(&l, &eng, steps, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "f.lesson:7: this step (2) comes before "
	    "the previous one (5)");
	lesson_done(&l);
	snprintf(text, sizeof(text), "title: T\ntitle.zh: 题\nscenario: h\n"
	    "step: 5\nnarration: N\nnarration.zh: 讲\nhighlight: client.mood\n");
	CU_ASSERT_EQUAL_FATAL(lesson_parse(&l, "f.lesson", text, strlen(text),
	    &err), 0);
	CU_ASSERT_EQUAL(lesson_resolve(&l, &eng, steps, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "f.lesson:4: highlight of an unknown "
	    "state name: client.mood");
	lesson_done(&l);
	snprintf(text, sizeof(text), "title: T\ntitle.zh: 题\nscenario: h\n"
	    "step: 5\nnarration: N\nnarration.zh: 讲\n" Q
	    "answer: client.state\n");
	CU_ASSERT_EQUAL_FATAL(lesson_parse(&l, "f.lesson", text, strlen(text),
	    &err), 0);
	CU_ASSERT_EQUAL(lesson_resolve(&l, &eng, steps, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "f.lesson:10: a number question's "
	    "answer is text: ESTABLISHED");
	lesson_done(&l);
}

void test_lesson_register(void);

void
test_lesson_register(void)
{
	CU_pSuite s = CU_add_suite("lesson", NULL, NULL);

	CU_add_test(s, "good file parses as written",
	    test_lesson_good_file_parses_as_written);
	CU_add_test(s, "bad inputs name file and line",
	    test_lesson_bad_inputs_name_file_and_line);
	CU_add_test(s, "limits bound lines and sizes",
	    test_lesson_limits_bound_lines_and_sizes);
	CU_add_test(s, "fuzz never crashes", test_lesson_fuzz_never_crashes);
	CU_add_test(s, "resolve follows the engine",
	    test_lesson_resolve_follows_engine);
	CU_add_test(s, "resolve errors name the line",
	    test_lesson_resolve_errors_name_the_line);
}
