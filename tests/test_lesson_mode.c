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
#include "lang.h"
#include "layout.h"
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

/* Row y of the screen at w x h, as text. */
static void
test_lm_row(const struct lesson_mode *m, int w, int h, int y, char *buf,
    size_t cap)
{
	char *text = test_lm_screen(m, w, h), *p = text, *nl;

	for (int i = 0; i < y && p != NULL; i++)
		p = (nl = strchr(p, '\n')) != NULL ? nl + 1 : NULL;
	buf[0] = '\0';
	if (p != NULL) {
		nl = strchr(p, '\n');
		snprintf(buf, cap, "%.*s", nl != NULL ? (int)(nl - p) :
		    (int)strlen(p), p);
	}
	free(text);
}

/* Step on (answering right) until a question is asked; false at the end. */
static bool
test_lm_next_question(struct lesson_mode *m)
{
	char in[64];

	for (int keys = 0; keys < 10000 && m->phase != LM_DONE; keys++) {
		if (m->phase == LM_ASK && m->input[0] == '\0' && m->tries == 0)
			return true;
		if (m->phase == LM_ASK || m->phase == LM_WRONG) {
			test_lm_right_input(m, in, sizeof(in));
			test_lm_type(m, in);
		} else
			lesson_mode_key(m, KEYC_RIGHT);
	}
	return false;
}

/* Answer the question asked now, right. */
static void
test_lm_answer(struct lesson_mode *m)
{
	char in[64];

	test_lm_right_input(m, in, sizeof(in));
	test_lm_type(m, in);
}

static const int test_lm_sizes[][2] = { { 80, 24 }, { 100, 30 },
    { 120, 30 }, { 120, 40 }, { 140, 40 }, { 159, 40 }, { 160, 48 } };
#define TEST_LM_NSIZES	(sizeof(test_lm_sizes) / sizeof(test_lm_sizes[0]))

/*
 * The bottom row is the lesson's own bar, never the demo's (whose keys do
 * nothing in a lesson), in both languages, at every size and moment.
 */
static void
test_lesson_mode_bar_lists_the_lessons_keys(void)
{
	static const char *const demo[] = { "go to", "scenario", "fault",
	    "tcpdump", "? help", "L ", "跳到", "场景", "故障" };
	char row[2048];

	lang_init("zh");
	for (int zh = 0; zh < 2; zh++) {
		struct test_lm t;
		const char *quit = zh ? "q 退出" : "q quit";

		lang_set(zh ? "zh" : "en");
		test_lm_open(&t, "01-connection", false);
		t.m.lang = zh ? LESSON_ZH : LESSON_EN;
		for (int phase = 0; phase < 4; phase++) {
			if (phase == 1)	/* watching the run */
				lesson_mode_key(&t.m, KEYC_RIGHT);
			if (phase == 2)	/* typing an answer */
				CU_ASSERT_FATAL(test_lm_next_question(&t.m));
			if (phase == 3)	/* out of the answer field */
				lesson_mode_key(&t.m, KEYC_ESCAPE);
			for (size_t i = 0; i < TEST_LM_NSIZES; i++) {
				int w = test_lm_sizes[i][0];
				int h = test_lm_sizes[i][1];

				test_lm_row(&t.m, w, h, h - 1, row,
				    sizeof(row));
				for (size_t d = 0; d < sizeof(demo) /
				    sizeof(demo[0]); d++)
					CU_ASSERT_PTR_NULL(strstr(row, demo[d]));
				/* typing: the way out is Esc, then q */
				CU_ASSERT_PTR_NOT_NULL(strstr(row, phase != 2 ?
				    quit : zh ? "Esc q 退出" : "Esc q quit"));
				if (phase == 2)
					CU_ASSERT_PTR_NOT_NULL(strstr(row,
					    zh ? "Enter 检查" : "Enter check"));
				if (phase == 3)
					CU_ASSERT_PTR_NOT_NULL(strstr(row,
					    zh ? "Enter 作答" : "Enter answer"));
				if (phase == 1)
					CU_ASSERT_PTR_NOT_NULL(strstr(row,
					    zh ? "下一步" : "next"));
				/* Tab only where it switches something */
				CU_ASSERT_EQUAL(strstr(row, "Tab ") != NULL,
				    w < 120 && h < 36);
			}
		}
		test_lm_close(&t);
	}
	lang_set("en");
}

/*
 * At every size from 80x24 up, in both languages and both modes, at every
 * question of every lesson: the title's count, the question, the input
 * line (self-study) and, after a wrong answer, the hint are all on screen.
 */
static void
test_lesson_mode_nothing_essential_is_cut(void)
{
	size_t n;
	char **names = lesson_files_list(&n);
	char count[32], *text;

	CU_ASSERT_PTR_NOT_NULL_FATAL(names);
	lang_init("zh");
	for (int zh = 0; zh < 2; zh++) {
		lang_set(zh ? "zh" : "en");
		for (size_t f = 0; f < n; f++)
			for (int present = 0; present < 2; present++) {
				struct test_lm t;

				test_lm_open(&t, names[f], present == 1);
				t.m.lang = zh ? LESSON_ZH : LESSON_EN;
				while (test_lm_next_question(&t.m)) {
					const struct lesson_question *q =
					    &t.l.stops[t.m.stop].q[0];

					snprintf(count, sizeof(count), "(%d/%d)",
					    t.m.stop + 1, t.l.nstops);
					if (!present && t.m.q == 0 &&
					    q->hint.s[LESSON_EN] != NULL)
						test_lm_type(&t.m, "zzz");
					for (size_t i = 0; i < TEST_LM_NSIZES;
					    i++) {
						int w = test_lm_sizes[i][0];
						int h = test_lm_sizes[i][1];

						text = test_lm_screen(&t.m, w, h);
						CU_ASSERT_PTR_NOT_NULL(strstr(
						    text, count));
						CU_ASSERT_PTR_NOT_NULL(strstr(
						    text, zh ? "题：" :
						    "Question "));
						if (!present)
							CU_ASSERT_PTR_NOT_NULL(
							    strstr(text, "> "));
						if (t.m.phase == LM_WRONG)
							CU_ASSERT_PTR_NOT_NULL(
							    strstr(text, zh ?
							    "提示：" : "Hint: "));
						if (strstr(text, count) == NULL ||
						    (!present && strstr(text,
						    "> ") == NULL))
							fprintf(stderr, "%s "
							    "stop %d %dx%d "
							    "%s: cut\n",
							    names[f], t.m.stop,
							    w, h, zh ? "zh" :
							    "en");
						free(text);
					}
					if (present)
						lesson_mode_key(&t.m,
						    KEYC_ENTER);
					else if (t.m.phase == LM_ASK)
						test_lm_answer(&t.m);
				}
				test_lm_close(&t);
			}
	}
	lang_set("en");
	lesson_files_free(names, n);
}

/* The title of the simulator's pane that shows a focus. */
static const char *
test_lm_focus_title(int focus)
{
	switch (focus) {
	case FOCUS_BUFFERS:
		return "Buffers";
	case FOCUS_HEADER:
		return "TCP header";
	default:
		return "TCB";
	}
}

/*
 * What a question asks about is on screen: lesson 1's last question (whose
 * hint says "the buffers pane") shows the buffers at 100x30; and at every
 * question of every lesson the pane that holds the answer is drawn, at
 * every size.
 */
static void
test_lesson_mode_question_shows_its_pane(void)
{
	struct test_lm t;
	size_t n;
	char **names = lesson_files_list(&n);
	int checked = 0;

	test_lm_open(&t, "01-connection", false);
	while (test_lm_next_question(&t.m) && t.m.stop < t.l.nstops - 1)
		test_lm_answer(&t.m);
	CU_ASSERT_EQUAL_FATAL(t.m.stop, t.l.nstops - 1);
	CU_ASSERT_EQUAL(lesson_mode_focus(&t.m, 100, 30), FOCUS_BUFFERS);
	/* side by side and stacked: the simulator is beside the question */
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 120, 30, "Buffers"));
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 100, 40, "Buffers"));
	/* 100x30: one at a time; Tab shows the simulator, with the buffers */
	CU_ASSERT_FALSE(test_lm_shows(&t.m, 100, 30, "Buffers"));
	lesson_mode_key(&t.m, KEYC_TAB);
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 100, 30, "Buffers"));
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 100, 30, "0/65535") ||
	    test_lm_shows(&t.m, 100, 30, "/131072"));
	test_lm_close(&t);

	CU_ASSERT_PTR_NOT_NULL_FATAL(names);
	for (size_t f = 0; f < n; f++) {
		test_lm_open(&t, names[f], false);
		t.m.show_sim = true;
		while (test_lm_next_question(&t.m)) {
			const struct lesson_question *q =
			    &t.l.stops[t.m.stop].q[t.m.q];

			if (q->answer.terms[0].kind != EXPR_T_NAME) {
				test_lm_answer(&t.m);
				continue;
			}
			for (size_t i = 0; i < TEST_LM_NSIZES; i++) {
				int w = test_lm_sizes[i][0];
				int h = test_lm_sizes[i][1];
				int sw = w >= 120 ? 80 : w;
				int focus = lesson_mode_focus(&t.m, sw, h);

				if (focus == FOCUS_ALL)
					continue;
				CU_ASSERT_TRUE(test_lm_shows(&t.m, w, h,
				    test_lm_focus_title(focus)));
				checked++;
			}
			test_lm_answer(&t.m);
		}
		test_lm_close(&t);
	}
	CU_ASSERT(checked > 20);
	lesson_files_free(names, n);
}

/*
 * Typing takes every letter (q too, so "ESTABLISHED" and anything else can
 * be typed); Esc leaves the field, then q quits; Enter goes back to it.
 */
static void
test_lesson_mode_esc_leaves_the_answer(void)
{
	struct test_lm t;
	int stop;

	test_lm_open(&t, "01-connection", false);
	CU_ASSERT_FATAL(test_lm_next_question(&t.m));
	stop = t.m.stop;
	for (const char *p = "qESTABLISHED"; *p != '\0'; p++)
		CU_ASSERT_EQUAL(lesson_mode_key(&t.m, (unsigned char)*p),
		    LMK_REDRAW);
	CU_ASSERT_STRING_EQUAL(t.m.input, "qESTABLISHED");
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 80, 24, "> qESTABLISHED_"));
	CU_ASSERT_EQUAL(lesson_mode_key(&t.m, KEYC_ESCAPE), LMK_REDRAW);
	CU_ASSERT_TRUE(t.m.away);
	/* the answer stays, without a cursor; letters no longer type */
	CU_ASSERT_TRUE(test_lm_shows(&t.m, 80, 24, "> qESTABLISHED "));
	CU_ASSERT_EQUAL(lesson_mode_key(&t.m, 'x'), LMK_NONE);
	CU_ASSERT_STRING_EQUAL(t.m.input, "qESTABLISHED");
	/* Enter goes back to the answer, and typing goes on */
	lesson_mode_key(&t.m, KEYC_ENTER);
	CU_ASSERT_FALSE(t.m.away);
	CU_ASSERT_EQUAL(t.m.phase, LM_ASK);
	lesson_mode_key(&t.m, 'x');
	CU_ASSERT_STRING_EQUAL(t.m.input, "qESTABLISHEDx");
	/* ← out of the field goes back, and the question is asked again */
	lesson_mode_key(&t.m, KEYC_ESCAPE);
	lesson_mode_key(&t.m, KEYC_LEFT);
	CU_ASSERT_NOT_EQUAL(t.m.phase, LM_ASK);
	while (t.m.stop < stop && sim_cur(t.s) < sim_nsteps(t.s))
		lesson_mode_key(&t.m, KEYC_RIGHT);
	CU_ASSERT_EQUAL(t.m.stop, stop);
	CU_ASSERT_EQUAL(t.m.phase, LM_ASK);
	CU_ASSERT_STRING_EQUAL(t.m.input, "");
	/* and then q quits */
	lesson_mode_key(&t.m, KEYC_ESCAPE);
	CU_ASSERT_EQUAL(lesson_mode_key(&t.m, 'q'), LMK_QUIT);
	test_lm_close(&t);
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
	CU_add_test(s, "the bar lists the lesson's keys",
	    test_lesson_mode_bar_lists_the_lessons_keys);
	CU_add_test(s, "nothing essential is cut",
	    test_lesson_mode_nothing_essential_is_cut);
	CU_add_test(s, "a question shows its pane",
	    test_lesson_mode_question_shows_its_pane);
	CU_add_test(s, "Esc leaves the answer, then q quits",
	    test_lesson_mode_esc_leaves_the_answer);
}
