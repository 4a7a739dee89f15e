/*
 * Tests of the quiz in the TUI (quiz_mode), headless: a student answers by
 * keys on real captures, some right, some wrong on purpose; the score
 * follows, the answers shown are the capture's own fields (cross-checked
 * against other segments of the same capture), quitting never steals a
 * letter from the answer field, and every screen fits 80x24 and 120x40,
 * in ASCII only under --ascii, in English and Chinese.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "canvas.h"
#include "keys.h"
#include "lang.h"
#include "pkt.h"
#include "quiz.h"
#include "quiz_mode.h"

#define TEST_QM_CORPUS	"../shared/corpus/"

static struct quiz *
test_qm_load(const char *file)
{
	struct quiz *z = calloc(1, sizeof(*z));
	struct ts_err err;
	char path[256];

	CU_ASSERT_PTR_NOT_NULL_FATAL(z);
	snprintf(path, sizeof(path), TEST_QM_CORPUS "%s", file);
	CU_ASSERT_EQUAL_FATAL(quiz_load(z, path, NULL, &err), 0);
	quiz_make(z, 1);
	return z;
}

static int
test_qm_keys(struct quiz_mode *m, const char *s)
{
	int r = QMK_NONE;

	for (; *s != '\0'; s++)
		r = (int)quiz_mode_key(m, *s == '\n' ? KEYC_ENTER :
		    (unsigned char)*s);
	return r;
}

static void
test_qm_type(struct quiz_mode *m, uint32_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%u\n", v);
	test_qm_keys(m, buf);
}

/* The screen at w x h, as text (caller frees). */
static char *
test_qm_screen(const struct quiz_mode *m, int w, int h, bool ascii)
{
	struct canvas *cv = canvas_new(w, h, ascii);
	char *text;

	quiz_mode_draw(m, cv);
	text = canvas_dump(cv);
	canvas_free(cv);
	return text;
}

static bool
test_qm_shows(const struct quiz_mode *m, const char *want)
{
	char *s = test_qm_screen(m, 80, 24, false);
	bool found = strstr(s, want) != NULL;

	if (!found)
		fprintf(stderr, "\nmissing \"%s\" in:\n%s\n", want, s);
	free(s);
	return found;
}

/* Arrange the order question right by keys only (↓ and u), then Enter. */
static void
test_qm_sort_by_keys(struct quiz_mode *m, const struct quiz_q *q)
{
	for (int i = 0; i < q->norder; i++) {
		int at = i;

		/* the row holding the segment sent i-th */
		while (at < q->norder && q->order[m->arr[at]] != i)
			at++;
		CU_ASSERT_FATAL(at < q->norder);
		while (m->cur < at)
			quiz_mode_key(m, KEYC_DOWN);
		while (m->cur > at)
			quiz_mode_key(m, KEYC_UP);
		for (; at > i; at--)
			quiz_mode_key(m, 'u');
	}
	quiz_mode_key(m, KEYC_ENTER);
}

static int
test_qm_find(const struct quiz *z, enum quiz_kind k)
{
	for (int i = 0; i < z->nq; i++)
		if (z->q[i].kind == k)
			return i;
	return -1;
}

/*
 * linux-lo-handshake-v4: the ACK right at once, the next number wrong
 * twice, the window wrong then right, the order put right by keys.
 */
static void
test_qm_handshake_by_keys(void)
{
	struct quiz *z = test_qm_load("linux-lo-handshake-v4.pcap");
	const struct quiz_q *q;
	struct quiz_mode m;
	char want[64];
	int right = 0;

	CU_ASSERT_EQUAL_FATAL(z->nq, 4);
	CU_ASSERT_EQUAL(z->q[0].kind, QUIZ_ACK);
	CU_ASSERT_EQUAL(z->q[1].kind, QUIZ_NEXT);
	CU_ASSERT_EQUAL(z->q[2].kind, QUIZ_WIN);
	CU_ASSERT_EQUAL(z->q[3].kind, QUIZ_ORDER);
	quiz_mode_init(&m, z, TEST_QM_CORPUS "linux-lo-handshake-v4.pcap");
	CU_ASSERT(test_qm_shows(&m, "____"));
	CU_ASSERT(test_qm_shows(&m, "127.0.0.1."));

	/* 1: the SYN+ACK's ACK number is the SYN's sequence number plus 1 */
	q = &z->q[0];
	CU_ASSERT_EQUAL(q->answer, z->seg[0].seq + 1);
	CU_ASSERT_EQUAL(q->answer, z->seg[q->seg].ack);
	test_qm_type(&m, q->answer);
	CU_ASSERT_EQUAL(m.phase, QM_RIGHT);
	right++;
	snprintf(want, sizeof(want), "Right: %u.", q->answer);
	CU_ASSERT(test_qm_shows(&m, want));
	CU_ASSERT(test_qm_shows(&m, "Score: 1"));
	quiz_mode_key(&m, KEYC_ENTER);

	/* 2: wrong twice (0, then the segment's sequence number alone) */
	q = &z->q[1];
	CU_ASSERT_EQUAL(m.q, 1);
	test_qm_type(&m, 0);
	CU_ASSERT_EQUAL(m.phase, QM_WRONG);
	CU_ASSERT(test_qm_shows(&m, "Hint: Its sequence number plus"));
	test_qm_type(&m, z->seg[q->seg].seq);
	CU_ASSERT_EQUAL(m.phase, QM_REVEAL);
	/* the receiver's next segment acknowledges exactly this number */
	CU_ASSERT(q->seg + 1 < z->nseg);
	CU_ASSERT_EQUAL(q->answer, z->seg[q->seg + 1].ack);
	snprintf(want, sizeof(want), "The answer: %u.", q->answer);
	CU_ASSERT(test_qm_shows(&m, want));
	quiz_mode_key(&m, ' ');

	/* 3: wrong, then right: not counted (first try only) */
	q = &z->q[2];
	CU_ASSERT(test_qm_shows(&m, "(scaled: ____)"));
	CU_ASSERT_EQUAL(q->answer, (uint32_t)z->seg[q->seg].win <<
	    z->seg[0].wscale);
	test_qm_type(&m, z->seg[q->seg].win);
	CU_ASSERT_EQUAL(m.phase, QM_WRONG);
	test_qm_type(&m, q->answer);
	CU_ASSERT_EQUAL(m.phase, QM_RIGHT);
	snprintf(want, sizeof(want), "(scaled: %u)", q->answer);
	CU_ASSERT(test_qm_shows(&m, want));
	quiz_mode_key(&m, KEYC_ENTER);

	/* 4: the shuffled segments, put in order by keys */
	q = &z->q[3];
	CU_ASSERT_EQUAL(m.phase, QM_ASK);
	test_qm_sort_by_keys(&m, q);
	CU_ASSERT_EQUAL(m.phase, QM_RIGHT);
	right++;
	/* in order, the rows' sequence numbers follow the capture's frames */
	for (int r = 0; r < q->norder; r++)
		CU_ASSERT_EQUAL(q->order[m.arr[r]], r);
	quiz_mode_key(&m, KEYC_ENTER);

	CU_ASSERT_EQUAL(m.phase, QM_DONE);
	CU_ASSERT_EQUAL(m.score, right);
	CU_ASSERT(test_qm_shows(&m, "You answered 2 of 4 questions right"));
	CU_ASSERT_EQUAL(quiz_mode_key(&m, KEYC_ENTER), QMK_QUIT);
	free(z);
}

/* linux-lo-bulk-100k: everything wrong; the order is shown solved. */
static void
test_qm_bulk_all_wrong(void)
{
	struct quiz *z = test_qm_load("linux-lo-bulk-100k.pcap");
	struct quiz_mode m;
	int oi = test_qm_find(z, QUIZ_ORDER), ni = test_qm_find(z, QUIZ_NEXT);

	CU_ASSERT_FATAL(oi >= 0 && ni >= 0);
	/* a data segment: the answer is its sequence number plus its length */
	CU_ASSERT(z->seg[z->q[ni].seg].len > 0);
	CU_ASSERT_EQUAL(z->q[ni].answer, z->seg[z->q[ni].seg].seq +
	    z->seg[z->q[ni].seg].len);
	quiz_mode_init(&m, z, "bulk");
	for (int i = 0; i < z->nq; i++) {
		CU_ASSERT_EQUAL(m.q, i);
		if (z->q[i].kind == QUIZ_ORDER) {
			/* as shuffled (never the identity): wrong twice */
			quiz_mode_key(&m, KEYC_ENTER);
			CU_ASSERT_EQUAL(m.phase, QM_WRONG);
			quiz_mode_key(&m, KEYC_ENTER);
			CU_ASSERT_EQUAL(m.phase, QM_REVEAL);
			for (int r = 0; r < z->q[i].norder; r++)
				CU_ASSERT_EQUAL(z->q[i].order[m.arr[r]], r);
		} else {
			test_qm_type(&m, z->q[i].answer + 1);
			test_qm_type(&m, z->q[i].answer - 1);
			CU_ASSERT_EQUAL(m.phase, QM_REVEAL);
		}
		quiz_mode_key(&m, KEYC_ENTER);
	}
	CU_ASSERT_EQUAL(m.phase, QM_DONE);
	CU_ASSERT_EQUAL(m.score, 0);
	free(z);
}

/* q types into the field; Esc then q quits; Esc then x does not. */
static void
test_qm_quit_keys(void)
{
	struct quiz *z = test_qm_load("linux-lo-handshake-v4.pcap");
	struct quiz_mode m;

	quiz_mode_init(&m, z, "x");
	CU_ASSERT_EQUAL(test_qm_keys(&m, "12q"), QMK_REDRAW);
	CU_ASSERT_STRING_EQUAL(m.input, "12q");
	CU_ASSERT_EQUAL(quiz_mode_key(&m, KEYC_ESCAPE), QMK_REDRAW);
	CU_ASSERT(test_qm_shows(&m, "q quit · any other key"));
	CU_ASSERT_EQUAL(quiz_mode_key(&m, 'x'), QMK_REDRAW);
	CU_ASSERT_STRING_EQUAL(m.input, "12q");
	quiz_mode_key(&m, KEYC_BACKSPACE);
	CU_ASSERT_STRING_EQUAL(m.input, "12");
	CU_ASSERT_EQUAL(quiz_mode_key(&m, 0x03), QMK_QUIT);
	CU_ASSERT_EQUAL(quiz_mode_key(&m, KEYC_ESCAPE), QMK_REDRAW);
	CU_ASSERT_EQUAL(quiz_mode_key(&m, 'q'), QMK_QUIT);
	/* "12q" is not a number: wrong, never a crash */
	quiz_mode_init(&m, z, "x");
	test_qm_keys(&m, "12q\n");
	CU_ASSERT_EQUAL(m.phase, QM_WRONG);
	free(z);
}

/*
 * Every row's display width is w, the border intact on every row, and
 * nothing reaches the last column inside the border: text that would
 * overflow is wrapped or kept short, never cut there.
 */
static void
test_qm_fits(const struct quiz_mode *m, int w, int h, bool ascii)
{
	struct canvas *cv = canvas_new(w, h, ascii);
	char *s, *line, *save = NULL;
	int rows = 0;

	quiz_mode_draw(m, cv);
	for (int y = 1; y < h - 1; y++) {
		const struct canvas_cell *c = canvas_at(cv, w - 3, y);

		CU_ASSERT(c->cp == ' ');
		if (c->cp != ' ')
			fprintf(stderr, "\nrow %d reaches column %d at %dx%d\n",
			    y, w - 3, w, h);
	}
	s = canvas_dump(cv);
	canvas_free(cv);
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save), rows++) {
		CU_ASSERT(canvas_text_width(line) == w);
		if (ascii)
			for (const char *p = line; *p != '\0'; p++)
				CU_ASSERT((unsigned char)*p < 0x80);
	}
	CU_ASSERT_EQUAL(rows, h);
	free(s);
}

static void
test_qm_render_sizes(void)
{
	static const char *const files[] = { "linux-lo-handshake-v4.pcap",
	    "linux-lo-bulk-100k.pcap", "linux-lo-handshake-v6.pcap" };
	static const int sz[][2] = { { 80, 24 }, { 120, 40 } };

	for (int zh = 0; zh < 2; zh++) {
		lang_set(zh ? "zh" : "en");
		for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
			struct quiz *z = test_qm_load(files[f]);
			struct quiz_mode m;

			quiz_mode_init(&m, z, files[f]);
			/* each question asked, wrong once, revealed; the end */
			while (m.phase != QM_DONE) {
				for (size_t k = 0; k < 2; k++) {
					test_qm_fits(&m, sz[k][0], sz[k][1],
					    false);
					test_qm_fits(&m, sz[k][0], sz[k][1],
					    !zh);
				}
				if (m.phase == QM_REVEAL)
					quiz_mode_key(&m, KEYC_ENTER);
				else if (z->q[m.q].kind == QUIZ_ORDER)
					quiz_mode_key(&m, KEYC_ENTER);
				else
					test_qm_keys(&m, "0\n");
			}
			test_qm_fits(&m, 80, 24, !zh);
			free(z);
		}
	}
	lang_set("en");
}

/* A question late in a connection: the earliest rows give way, counted. */
static void
test_qm_long_connection(void)
{
	struct quiz *z = test_qm_load("linux-lo-bulk-100k.pcap");
	struct quiz_mode m;
	char want[64];
	int i = z->nseg - 1;

	/* more segments than 80x24 has rows for */
	CU_ASSERT(z->nseg > 6);
	if (z->nseg <= 6) {
		free(z);
		return;
	}
	z->nq = 1;
	z->q[0].kind = QUIZ_NEXT;
	z->q[0].seg = i;
	z->q[0].answer = z->seg[i].seq + z->seg[i].len;
	quiz_mode_init(&m, z, "bulk");
	CU_ASSERT(test_qm_shows(&m, "earlier segments not shown)"));
	/* the asked segment is still on screen, its frame number first */
	snprintf(want, sizeof(want), " %4llu  ",
	    (unsigned long long)z->seg[i].frame);
	CU_ASSERT(test_qm_shows(&m, want));
	test_qm_fits(&m, 80, 24, true);
	test_qm_fits(&m, 120, 40, false);
	free(z);
}

void test_quiz_mode_register(void);

void
test_quiz_mode_register(void)
{
	CU_pSuite s = CU_add_suite("quiz_mode", NULL, NULL);

	CU_add_test(s, "handshake answered by keys",
	    test_qm_handshake_by_keys);
	CU_add_test(s, "bulk answered all wrong", test_qm_bulk_all_wrong);
	CU_add_test(s, "quit keys", test_qm_quit_keys);
	CU_add_test(s, "renders at 80x24 and 120x40", test_qm_render_sizes);
	CU_add_test(s, "long connection", test_qm_long_connection);
}
