/*
 * The shipped lessons on the real engine: each is run with two seeds and
 * two pairs of host profiles; every stop must be found, and every answer
 * must equal the engine's state read again here, term by term, straight
 * from sim_get (and, for the handout, from the host structures).  Answers
 * that name one sequence-space field must change with the seed: a lesson
 * cannot pass by stating constants.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "handout.h"
#include "lesson.h"
#include "lesson_files.h"
#include "lesson_sim.h"
#include "sim.h"

static const uint64_t test_ls_seeds[2] = { 1, 0x9e3779b97f4a7c15ull };
static const char *const test_ls_profiles[2][2] = {
	{ "linux", "windows" },
	{ "windows", "linux" },
};

/* e at step k, computed again without expr.c or lesson_run.c. */
static bool
test_ls_direct(struct sim *s, uint32_t k, const struct expr *e,
    struct expr_val *out)
{
	uint64_t sum = 0;

	memset(out, 0, sizeof(*out));
	CU_ASSERT_EQUAL_FATAL(sim_goto(s, k), 0);
	for (int i = 0; i < e->nterms; i++) {
		const struct expr_term *t = &e->terms[i];
		struct sim_value v;
		struct ts_err err;
		uint64_t n;

		if (t->kind == EXPR_T_STR) {
			out->type = EXPR_STR;
			snprintf(out->str, sizeof(out->str), "%s", t->text);
			return true;
		}
		if (t->kind == EXPR_T_NUM)
			n = t->num;
		else {
			if (sim_get(s, t->text, &v, &err) == -1)
				return false;
			if (v.type == SV_STR) {
				out->type = EXPR_STR;
				snprintf(out->str, sizeof(out->str), "%s", v.str);
				return e->nterms == 1;
			}
			n = v.num;
		}
		sum = t->neg ? sum - n : sum + n;
	}
	out->type = EXPR_NUM;
	out->num = (uint32_t)(sum & 0xffffffffu);
	return true;
}

/* One name that lives in sequence space, so it must follow the seed. */
static bool
test_ls_seq_single(const struct expr *e)
{
	static const char *const seqish[] = { ".iss", ".irs", ".snd_nxt",
	    ".snd_una", ".rcv_nxt", "segment.seq", "segment.ack" };
	int names = 0;
	bool seq = false;

	for (int i = 0; i < e->nterms; i++) {
		if (e->terms[i].kind != EXPR_T_NAME)
			continue;
		names++;
		for (size_t j = 0; j < sizeof(seqish) / sizeof(seqish[0]); j++)
			if (strstr(e->terms[i].text, seqish[j]) != NULL)
				seq = true;
	}
	return names == 1 && seq;
}

#define TEST_LS_MAXQ	256

/* Run l once; fill vals[] with its answers in order; returns their count. */
static int
test_ls_run(struct lesson *l, uint64_t seed, const char *cp, const char *sp,
    struct expr_val *vals)
{
	struct lesson_sim_opts o = { true, seed, cp, sp };
	struct lesson_engine eng;
	struct ts_err err;
	uint32_t steps[LESSON_STOPS_MAX];
	struct sim *s;
	int nv = 0;

	s = lesson_sim_run(l, &o, &err);
	if (s == NULL)
		fprintf(stderr, "\n%s\n", err.msg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	lesson_sim_bind(s, &eng);
	err.msg[0] = '\0';
	if (lesson_resolve(l, &eng, steps, &err) == -1)
		fprintf(stderr, "\nseed %llu, %s/%s: %s\n",
		    (unsigned long long)seed, cp, sp, err.msg);
	CU_ASSERT_STRING_EQUAL(err.msg, "");
	for (int i = 0; err.msg[0] == '\0' && i < l->nstops; i++)
		for (int j = 0; j < l->stops[i].nq && nv < TEST_LS_MAXQ; j++) {
			const struct lesson_question *q = &l->stops[i].q[j];
			struct expr_val got, want;
			char text[EXPR_NAME_MAX];

			CU_ASSERT_EQUAL_FATAL(lesson_answer(l, &eng, steps[i], q,
			    &got, &err), 0);
			CU_ASSERT_TRUE(test_ls_direct(s, steps[i], &q->answer,
			    &want));
			CU_ASSERT_TRUE(expr_val_equal(&got, &want));
			/* What the student would type is taken; one off is not. */
			expr_val_format(&got, text, sizeof(text));
			if (q->kind != LESSON_Q_CHOICE) {
				CU_ASSERT_TRUE(lesson_check(q, &got, text));
			}
			if (q->kind == LESSON_Q_NUMBER) {
				snprintf(text, sizeof(text), "%u", got.num + 1);
				CU_ASSERT_FALSE(lesson_check(q, &got, text));
			}
			vals[nv++] = got;
		}
	sim_free(s);
	return nv;
}

static void
test_lesson_sim_answers_follow_engine(void)
{
	size_t n;
	char **names = lesson_files_list(&n);
	static struct expr_val vals[2][TEST_LS_MAXQ];

	CU_ASSERT_PTR_NOT_NULL_FATAL(names);
	for (size_t i = 0; i < n; i++) {
		char path[512];
		struct lesson l;
		struct ts_err err;

		snprintf(path, sizeof(path), "lessons/%s.lesson", names[i]);
		CU_ASSERT_EQUAL_FATAL(lesson_load(&l, path, &err), 0);
		for (int p = 0; p < 2; p++) {
			int nv[2];

			for (int sd = 0; sd < 2; sd++)
				nv[sd] = test_ls_run(&l, test_ls_seeds[sd],
				    test_ls_profiles[p][0],
				    test_ls_profiles[p][1], vals[sd]);
			CU_ASSERT_EQUAL(nv[0], nv[1]);
			for (int q = 0, k = 0; q < l.nstops; q++)
				for (int j = 0; j < l.stops[q].nq && k < nv[0];
				    j++, k++)
					if (test_ls_seq_single(
					    &l.stops[q].q[j].answer) &&
					    vals[0][k].num == vals[1][k].num) {
						fprintf(stderr, "\n%s:%d: the "
						    "answer is the same for "
						    "both seeds\n", path,
						    l.stops[q].q[j].answer_line);
						CU_FAIL("answer ignores the seed");
					}
		}
		lesson_done(&l);
	}
	lesson_files_free(names, n);
}

/*
 * The handout of the handshake lesson states, as the answer to "the
 * SYN+ACK's ACK number", the client's ISS + 1 as the host structure
 * holds it: an answer read without sim_get or the lesson code.
 */
static void
test_lesson_sim_handout_answers_from_engine(void)
{
	struct lesson l;
	struct ts_err err;
	struct lesson_sim_opts o = { true, 4242, NULL, NULL };
	struct handout_opts ho = { LESSON_EN, 80, 24, false };
	struct sim *s;
	char *buf = NULL, want[96];
	size_t len = 0;
	FILE *f;
	int ci;

	CU_ASSERT_EQUAL_FATAL(lesson_load(&l, "lessons/03-handshake.lesson",
	    &err), 0);
	s = lesson_sim_run(&l, &o, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	f = open_memstream(&buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(handout_write(f, &l, s, &ho, &err), 0);
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(sim_goto(s, sim_nsteps(s)), 0);
	ci = sim_host_conn(s, SIM_CLIENT);
	CU_ASSERT_FATAL(ci >= 0);
	/* Question 5 is the SYN+ACK's ACK number (chapter step 5). */
	snprintf(want, sizeof(want), "**Question 5.** **%u**",
	    sim_host(s, SIM_CLIENT)->sock[ci].tcb.iss + 1u);
	if (strstr(buf, want) == NULL)
		fprintf(stderr, "\nno \"%s\" in the handout\n", want);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, want));
	/* the screen is there, and the answers come after the questions */
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "```text\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "## Answers"));
	free(buf);
	sim_free(s);
	lesson_done(&l);
}

void test_lesson_sim_register(void);

void
test_lesson_sim_register(void)
{
	CU_pSuite s = CU_add_suite("lesson_sim", NULL, NULL);

	CU_add_test(s, "answers follow the engine (2 seeds, 2 profile pairs)",
	    test_lesson_sim_answers_follow_engine);
	CU_add_test(s, "handout answers come from the engine",
	    test_lesson_sim_handout_answers_from_engine);
}
