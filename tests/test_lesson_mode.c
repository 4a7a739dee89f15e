/*
 * Tests of taking a lesson (lesson_mode), headless: every shipped lesson
 * is taken to the end by keys, as a student would, some answers wrong on
 * purpose; classroom mode keeps answers hidden until revealed; progress
 * is saved and resumed; and the screens say what they should.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "canvas.h"
#include "keys.h"
#include "lesson.h"
#include "lesson_files.h"
#include "lesson_line.h"
#include "lesson_mode.h"
#include "lesson_sim.h"

struct test_lm {
	struct lesson		 l;
	struct sim		*s;
	struct lesson_mode	 m;
};

static void
test_lm_open(struct test_lm *t, const char *name, bool present)
{
	char path[256];
	struct ts_err err;

	snprintf(path, sizeof(path), "lessons/%s.lesson", name);
	CU_ASSERT_EQUAL_FATAL(lesson_load(&t->l, path, &err), 0);
	t->s = lesson_sim_run(&t->l, NULL, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t->s);
	CU_ASSERT_EQUAL_FATAL(lesson_mode_init(&t->m, &t->l, t->s, present,
	    LESSON_EN, &err), 0);
}

static void
test_lm_close(struct test_lm *t)
{
	lesson_mode_done(&t->m);
	sim_free(t->s);
	lesson_done(&t->l);
}

/* The screen at w x h, as text (caller frees). */
static char *
test_lm_screen(const struct lesson_mode *m, int w, int h)
{
	struct canvas *cv = canvas_new(w, h, false);
	char *text;

	lesson_mode_draw(m, cv);
	text = canvas_dump(cv);
	canvas_free(cv);
	return text;
}

static bool
test_lm_shows(const struct lesson_mode *m, int w, int h, const char *what)
{
	char *text = test_lm_screen(m, w, h);
	bool found = strstr(text, what) != NULL;

	free(text);
	return found;
}

static void
test_lm_type(struct lesson_mode *m, const char *s)
{
	for (; *s != '\0'; s++)
		lesson_mode_key(m, (unsigned char)*s);
	lesson_mode_key(m, KEYC_ENTER);
}

/* What a student who knows types: the value, or the choice's letter. */
static void
test_lm_right_input(const struct lesson_mode *m, char *buf, size_t cap)
{
	const struct lesson_question *q = &m->l->stops[m->stop].q[m->q];
	int i = lesson_choice_index(q, &m->want);

	if (q->kind == LESSON_Q_CHOICE)
		snprintf(buf, cap, "%c", 'a' + i);
	else
		expr_val_format(&m->want, buf, cap);
}

static void
test_lesson_mode_every_lesson_to_the_end(void)
{
	size_t n;
	char **names = lesson_files_list(&n);

	CU_ASSERT_PTR_NOT_NULL_FATAL(names);
	for (size_t i = 0; i < n; i++) {
		struct test_lm t;
		int nq = 0, right = 0, keys = 0;
		char in[64];

		test_lm_open(&t, names[i], false);
		CU_ASSERT_EQUAL(t.m.phase, LM_INTRO);
		while (t.m.phase != LM_DONE && keys++ < 10000) {
			if (t.m.phase != LM_ASK) {
				lesson_mode_key(&t.m, KEYC_RIGHT);
				continue;
			}
			/* Every other question: one wrong answer first. */
			if (nq++ % 2 == 1) {
				test_lm_type(&t.m, "zzz");
				CU_ASSERT_EQUAL(t.m.phase, LM_WRONG);
				CU_ASSERT_TRUE(test_lm_shows(&t.m, 80, 24,
				    "Not quite"));
			} else
				right++;
			test_lm_right_input(&t.m, in, sizeof(in));
			test_lm_type(&t.m, in);
			CU_ASSERT_EQUAL(t.m.phase, LM_RIGHT);
			CU_ASSERT_TRUE(test_lm_shows(&t.m, 80, 24, "Right: "));
		}
		CU_ASSERT_EQUAL(t.m.phase, LM_DONE);
		CU_ASSERT_EQUAL(t.m.score, right);
		CU_ASSERT_EQUAL(t.m.asked, nq);
		CU_ASSERT_EQUAL(t.m.reached, t.l.nstops - 1);
		snprintf(in, sizeof(in), "You answered %d of %d", right, nq);
		if (nq > 0)
			CU_ASSERT_TRUE(test_lm_shows(&t.m, 80, 24, in));
		test_lm_close(&t);
	}
	lesson_files_free(names, n);
}

static void
test_lesson_mode_two_wrong_answers_reveal_it(void)
{
	struct test_lm t;
	int keys = 0;

	test_lm_open(&t, "03-handshake", false);
	while (t.m.phase != LM_ASK && keys++ < 1000)
		lesson_mode_key(&t.m, KEYC_RIGHT);
	CU_ASSERT_EQUAL_FATAL(t.m.phase, LM_ASK);
	/* typing: 'q' is a letter of the answer, not quit */
	CU_ASSERT_EQUAL(lesson_mode_key(&t.m, 'q'), LMK_REDRAW);
	lesson_mode_key(&t.m, KEYC_BACKSPACE);
	CU_ASSERT_STRING_EQUAL(t.m.input, "");
	test_lm_type(&t.m, "1");
	CU_ASSERT_EQUAL(t.m.phase, LM_WRONG);
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 80, 24, "Hint: "));
	test_lm_type(&t.m, "2");
	CU_ASSERT_EQUAL(t.m.phase, LM_REVEAL);
	CU_ASSERT_EQUAL(t.m.score, 0);
	CU_ASSERT_EQUAL(t.m.asked, 1);
	{
		char want[64], line[96];

		expr_val_format(&t.m.want, want, sizeof(want));
		snprintf(line, sizeof(line), "The answer: %s.", want);
		CU_ASSERT_TRUE(test_lm_shows(&t.m, 80, 24, line));
	}
	test_lm_close(&t);
}

static void
test_lesson_mode_present_hides_answer_until_revealed(void)
{
	struct test_lm t;
	char want[64], line[96];
	int keys = 0;

	test_lm_open(&t, "03-handshake", true);
	while (t.m.phase != LM_ASK && keys++ < 1000)
		lesson_mode_key(&t.m, KEYC_RIGHT);
	CU_ASSERT_EQUAL_FATAL(t.m.phase, LM_ASK);
	expr_val_format(&t.m.want, want, sizeof(want));
	snprintf(line, sizeof(line), "The answer: %s.", want);
	/* a projector: the lesson below the simulator, no input line */
	CU_ASSERT_FALSE(test_lm_shows(&t.m, 160, 48, line));
	CU_ASSERT_FALSE(test_lm_shows(&t.m, 160, 48, "> _"));
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 160, 48, "tcpstep"));
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 160, 48, "Question 1:"));
	/* no timers: drawing again changes nothing */
	CU_ASSERT_EQUAL(t.m.phase, LM_ASK);
	lesson_mode_key(&t.m, KEYC_ENTER);
	CU_ASSERT_EQUAL(t.m.phase, LM_REVEAL);
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 160, 48, line));
	/* 'q' quits in classroom mode */
	CU_ASSERT_EQUAL(lesson_mode_key(&t.m, 'q'), LMK_QUIT);
	test_lm_close(&t);
}

static void
test_lesson_mode_small_screen_tab_switches(void)
{
	struct test_lm t;

	test_lm_open(&t, "01-connection", false);
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 80, 24, "What a connection is"));
	lesson_mode_key(&t.m, KEYC_TAB);
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 80, 24, "Ladder"));
	CU_ASSERT_FALSE(test_lm_shows(&t.m, 80, 24, "What a connection is"));
	lesson_mode_key(&t.m, KEYC_TAB);
	/* side by side from 120 columns: both at once */
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 130, 40, "Ladder"));
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 130, 40, "What a connection is"));
	test_lm_close(&t);
}

static void
test_lesson_mode_progress_resumes(void)
{
	char dir[] = "/tmp/tcpstep-test-XXXXXX", path[256];
	struct test_lm t;
	struct ts_err err;
	int keys = 0, stop;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	setenv("XDG_STATE_HOME", dir, 1);
	test_lm_open(&t, "03-handshake", false);
	snprintf(t.m.name, sizeof(t.m.name), "03-handshake");
	CU_ASSERT_EQUAL(lesson_mode_load(&t.m, "03-handshake", &err), 1);
	while (t.m.stop < 2 && keys++ < 1000) {
		char in[64];

		if (t.m.phase == LM_ASK) {
			test_lm_right_input(&t.m, in, sizeof(in));
			test_lm_type(&t.m, in);
		} else
			lesson_mode_key(&t.m, KEYC_RIGHT);
	}
	stop = t.m.stop;
	CU_ASSERT_EQUAL(stop, 2);
	CU_ASSERT_STRING_EQUAL(t.m.note, "");
	test_lm_close(&t);

	test_lm_open(&t, "03-handshake", false);
	CU_ASSERT_EQUAL(lesson_mode_load(&t.m, "03-handshake", &err), 0);
	CU_ASSERT_EQUAL(t.m.stop, stop);
	CU_ASSERT_EQUAL(sim_cur(t.s), t.m.steps[stop]);
	CU_ASSERT_EQUAL(t.m.score, 3);	/* stops 1 and 2: three questions */
	test_lm_close(&t);

	/* a damaged file is ignored, never trusted */
	snprintf(path, sizeof(path), "%s/tcpstep/03-handshake.progress", dir);
	{
		FILE *f = fopen(path, "w");

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		fputs("stop 9999\nscore -5\n", f);
		fclose(f);
	}
	test_lm_open(&t, "03-handshake", false);
	CU_ASSERT_EQUAL(lesson_mode_load(&t.m, "03-handshake", &err), 1);
	CU_ASSERT_EQUAL(t.m.stop, -1);
	test_lm_close(&t);
	unlink(path);
	snprintf(path, sizeof(path), "%s/tcpstep", dir);
	rmdir(path);
	rmdir(dir);
	unsetenv("XDG_STATE_HOME");
}

/*
 * Line mode, as a script would drive it: every line "zzz" is "go on" when
 * nothing is asked and a wrong answer when something is, so every answer
 * ends up revealed and the score is 0 of all.
 */
static void
test_lesson_mode_line_mode_to_the_end(void)
{
	struct test_lm t;
	char in[400 * 4 + 1], *out = NULL, want[64];
	size_t len = 0, nq = 0;
	FILE *fi, *fo;

	for (int i = 0; i < 400; i++)
		memcpy(in + i * 4, "zzz\n", 4);
	in[sizeof(in) - 1] = '\0';
	test_lm_open(&t, "06-closed-port", false);
	for (int i = 0; i < t.l.nstops; i++)
		nq += (size_t)t.l.stops[i].nq;
	fi = fmemopen(in, strlen(in), "r");
	fo = open_memstream(&out, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fi);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fo);
	lesson_line_run(&t.m, fi, fo, 80);
	fclose(fi);
	fclose(fo);
	CU_ASSERT_EQUAL(t.m.phase, LM_DONE);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "A SYN to a closed port (2/2)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "Not quite. Try again."));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "The answer: 81."));
	snprintf(want, sizeof(want), "You answered 0 of %zu", nq);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, want));
	/* no control character reaches the output */
	for (size_t i = 0; i < len; i++)
		CU_ASSERT(out[i] == '\n' || (unsigned char)out[i] >= 0x20);
	free(out);
	test_lm_close(&t);

	/* the end of input stops the lesson cleanly */
	test_lm_open(&t, "06-closed-port", false);
	fi = fmemopen(in, 8, "r");	/* two lines: "zzz", "zzz" */
	fo = open_memstream(&out, &len);
	lesson_line_run(&t.m, fi, fo, 80);
	fclose(fi);
	fclose(fo);
	CU_ASSERT_NOT_EQUAL(t.m.phase, LM_DONE);
	free(out);
	test_lm_close(&t);
}

/* Random keys at random screen sizes: no crash, and the state stays sane. */
static void
test_lesson_mode_random_keys_keep_state_sane(void)
{
	static const int keys[] = { KEYC_RIGHT, KEYC_LEFT, KEYC_ENTER,
	    KEYC_BACKSPACE, KEYC_ESCAPE, KEYC_TAB, KEYC_RESIZE, 'a', '1', '7',
	    ' ', 'n', 'p', 'x', 0x4e2d, KEYC_PGDN, KEYC_PGUP, KEYC_HOME };
	static const int sizes[][2] = { { 80, 24 }, { 160, 48 }, { 120, 30 },
	    { 20, 6 }, { 1, 1 }, { 100, 40 } };
	uint32_t r = 2463534242u;

	for (int present = 0; present < 2; present++) {
		struct test_lm t;

		test_lm_open(&t, "05-closing", present == 1);
		for (int i = 0; i < 3000; i++) {
			int k;

			r ^= r << 13;
			r ^= r >> 17;
			r ^= r << 5;
			k = keys[r % (sizeof(keys) / sizeof(keys[0]))];
			if (lesson_mode_key(&t.m, k) == LMK_QUIT)
				break;
			CU_ASSERT(t.m.stop >= -1 && t.m.stop < t.l.nstops);
			CU_ASSERT(sim_cur(t.s) <= sim_nsteps(t.s));
			CU_ASSERT(strlen(t.m.input) < sizeof(t.m.input));
			CU_ASSERT(t.m.score <= t.m.asked);
			if (i % 97 == 0) {
				const int *sz = sizes[(r >> 8) % 6];

				free(test_lm_screen(&t.m, sz[0], sz[1]));
			}
		}
		test_lm_close(&t);
	}
}

void test_lesson_mode_register(void);

void
test_lesson_mode_register(void)
{
	CU_pSuite s = CU_add_suite("lesson_mode", NULL, NULL);

	CU_add_test(s, "every lesson taken to the end",
	    test_lesson_mode_every_lesson_to_the_end);
	CU_add_test(s, "two wrong answers reveal it",
	    test_lesson_mode_two_wrong_answers_reveal_it);
	CU_add_test(s, "present hides the answer until revealed",
	    test_lesson_mode_present_hides_answer_until_revealed);
	CU_add_test(s, "small screen: Tab switches",
	    test_lesson_mode_small_screen_tab_switches);
	CU_add_test(s, "progress resumes",
	    test_lesson_mode_progress_resumes);
	CU_add_test(s, "random keys keep the state sane",
	    test_lesson_mode_random_keys_keep_state_sane);
	CU_add_test(s, "line mode to the end",
	    test_lesson_mode_line_mode_to_the_end);
}
