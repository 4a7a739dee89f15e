/* Tests of the screen model: display width, clipping, ASCII, wrapping. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <locale.h>

#include <CUnit/CUnit.h>

#include "canvas.h"
#include "layout.h"

static void
test_canvas_chinese_is_two_columns_wide(void)
{
	struct canvas *cv = canvas_new(10, 1, false);
	char *d;

	CU_ASSERT_EQUAL(canvas_text_width("\xe5\xba\x8f\xe5\x8f\xb7"), 4); /* 序号 */
	CU_ASSERT_EQUAL(canvas_text_width("ACK \xe5\x8f\xb7"), 6);
	CU_ASSERT_EQUAL(canvas_text_width("\xef\xbc\x9a"), 2);	/* ： */
	CU_ASSERT_EQUAL(canvas_put(cv, 0, 0, 10, 0, 0, "a\xe5\xba\x8f" "b"), 4);
	CU_ASSERT_EQUAL(canvas_at(cv, 1, 0)->width, 2);
	CU_ASSERT_EQUAL(canvas_at(cv, 2, 0)->width, 0);
	CU_ASSERT_EQUAL(canvas_at(cv, 3, 0)->cp, 'b');
	d = canvas_dump(cv);
	CU_ASSERT_STRING_EQUAL(d, "a\xe5\xba\x8f" "b\n");
	free(d);
	canvas_free(cv);
}

static void
test_canvas_wide_char_not_split_at_edge(void)
{
	struct canvas *cv = canvas_new(3, 1, false);
	char *d;

	/* two columns left: 序 fits, 号 would need columns 2 and 3 */
	CU_ASSERT_EQUAL(canvas_put(cv, 0, 0, 3, 0, 0, "x\xe5\xba\x8f\xe5\x8f\xb7"),
	    3);
	CU_ASSERT_EQUAL(canvas_put(cv, 2, 0, 5, 0, 0, "\xe5\x8f\xb7"), 0);
	/* overwriting half of a wide character blanks its other half */
	canvas_put(cv, 2, 0, 1, 0, 0, "z");
	CU_ASSERT_EQUAL(canvas_at(cv, 1, 0)->cp, ' ');
	d = canvas_dump(cv);
	CU_ASSERT_STRING_EQUAL(d, "x z\n");
	free(d);
	canvas_free(cv);
}

static void
test_canvas_controls_and_bad_utf8_become_question_marks(void)
{
	struct canvas *cv = canvas_new(8, 1, false);
	char *d;

	canvas_put(cv, 0, 0, 8, 0, 0, "a\x1b[2J\xff\x7f");
	d = canvas_dump(cv);
	CU_ASSERT_STRING_EQUAL(d, "a?[2J??\n");
	free(d);
	canvas_free(cv);
}

static void
test_canvas_ascii_maps_drawing_and_hides_the_rest(void)
{
	struct canvas *cv = canvas_new(12, 3, true);
	char *d;

	canvas_box(cv, (struct rect){ 0, 0, 12, 3 }, 0, NULL, 0);
	canvas_put(cv, 1, 1, 10, 0, 0, "\xe2\x96\xb6\xe5\xba\x8f\xe2\x94\x80\xc3\xa9");
	d = canvas_dump(cv);
	CU_ASSERT_STRING_EQUAL(d, "+----------+\n|>?-?      |\n+----------+\n");
	for (const char *p = d; *p; p++)
		CU_ASSERT_TRUE((unsigned char)*p < 0x80);
	free(d);
	canvas_free(cv);
}

/* Our width table agrees with the C library's where a UTF-8 locale exists. */
static void
test_canvas_wcwidth_agrees_with_libc(void)
{
	static const uint32_t cps[] = { 'A', 0x4e2d, 0x6587, 0x3002, 0xff0c,
		0x2500, 0x2502, 0x25b6, 0x2192, 0x2191, 0x00b7, 0x2588, 0x2591,
		0x2593, 0x21c4, 0x2302, 0x2717, 0x300c, 0xff1a, 0xac00 };
	char *old = setlocale(LC_CTYPE, NULL);
	char saved[64];

	snprintf(saved, sizeof(saved), "%s", old ? old : "C");
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		return;		/* nothing to compare with */
	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++)
		CU_ASSERT_EQUAL(canvas_wcwidth(cps[i]), wcwidth((wchar_t)cps[i]));
	setlocale(LC_CTYPE, saved);
}

struct wrap_rec {
	int	n;
	char	line[8][64];
};

static void
wrap_rec(void *arg, int line, const char *p, size_t n)
{
	struct wrap_rec *r = arg;

	if (line < 8 && n < 64) {
		memcpy(r->line[line], p, n);
		r->line[line][n] = '\0';
	}
	r->n = line + 1;
}

static void
test_canvas_wrap_english_at_spaces_chinese_anywhere(void)
{
	struct wrap_rec r;

	memset(&r, 0, sizeof(r));
	CU_ASSERT_EQUAL(canvas_wrap("the SYN goes on the wire", 10, wrap_rec,
	    &r), 3);
	CU_ASSERT_STRING_EQUAL(r.line[0], "the SYN");
	CU_ASSERT_STRING_EQUAL(r.line[1], "goes on");
	CU_ASSERT_STRING_EQUAL(r.line[2], "the wire");
	memset(&r, 0, sizeof(r));
	/* 客户端发送SYN。 in 6 columns: 。 may not start a line */
	canvas_wrap("\xe5\xae\xa2\xe6\x88\xb7\xe7\xab\xaf\xe5\x8f\x91\xe9\x80"
	    "\x81\xe3\x80\x82", 6, wrap_rec, &r);
	CU_ASSERT_EQUAL(r.n, 2);
	CU_ASSERT_STRING_EQUAL(r.line[0], "\xe5\xae\xa2\xe6\x88\xb7\xe7\xab\xaf");
	CU_ASSERT_STRING_EQUAL(r.line[1], "\xe5\x8f\x91\xe9\x80\x81\xe3\x80\x82");
	for (int i = 0; i < r.n; i++)
		CU_ASSERT_TRUE(canvas_text_width(r.line[i]) <= 6);
}

static void
test_layout_below_minimum_is_too_small(void)
{
	struct layout l;

	layout_compute(&l, 79, 24, FOCUS_ALL, false);
	CU_ASSERT_TRUE(l.too_small);
	layout_compute(&l, 80, 23, FOCUS_ALL, false);
	CU_ASSERT_TRUE(l.too_small);
	layout_compute(&l, 80, 24, FOCUS_ALL, false);
	CU_ASSERT_FALSE(l.too_small);
	CU_ASSERT_TRUE(l.compact);
	CU_ASSERT_TRUE(l.tcb.w > 0);
}

/* Every pane stays inside the screen and no two overlap, at every size. */
static void
test_layout_panes_inside_and_apart(void)
{
	static const int sizes[][2] = { { 80, 24 }, { 100, 30 }, { 120, 40 },
		{ 160, 48 }, { 200, 60 }, { 119, 50 } };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (int f = 0; f < FOCUS_COUNT; f++)
			for (int dump = 0; dump < 2; dump++) {
				struct layout l;
				struct rect r[9];
				int w = sizes[i][0], h = sizes[i][1];

				layout_compute(&l, w, h, (enum layout_focus)f,
				    dump);
				r[0] = l.title; r[1] = l.stack; r[2] = l.ladder;
				r[3] = l.header; r[4] = l.tcb; r[5] = l.buffers;
				r[6] = l.dump; r[7] = l.narration; r[8] = l.bar;
				for (int a = 0; a < 9; a++) {
					if (r[a].w == 0)
						continue;
					CU_ASSERT_TRUE(r[a].x >= 0 && r[a].y >= 0 &&
					    r[a].x + r[a].w <= w &&
					    r[a].y + r[a].h <= h);
					for (int b = a + 1; b < 9; b++)
						if (r[b].w > 0)
							CU_ASSERT_FALSE(
							    r[a].x < r[b].x + r[b].w &&
							    r[b].x < r[a].x + r[a].w &&
							    r[a].y < r[b].y + r[b].h &&
							    r[b].y < r[a].y + r[a].h);
				}
			}
}

void test_canvas_register(void);

void
test_canvas_register(void)
{
	CU_pSuite s = CU_add_suite("canvas", NULL, NULL);

	CU_add_test(s, "canvas: Chinese is two columns wide",
	    test_canvas_chinese_is_two_columns_wide);
	CU_add_test(s, "canvas: wide char not split at edge",
	    test_canvas_wide_char_not_split_at_edge);
	CU_add_test(s, "canvas: controls and bad UTF-8 become ?",
	    test_canvas_controls_and_bad_utf8_become_question_marks);
	CU_add_test(s, "canvas: ASCII maps drawing, hides the rest",
	    test_canvas_ascii_maps_drawing_and_hides_the_rest);
	CU_add_test(s, "canvas: wcwidth agrees with libc",
	    test_canvas_wcwidth_agrees_with_libc);
	CU_add_test(s, "canvas: wrap English at spaces, Chinese anywhere",
	    test_canvas_wrap_english_at_spaces_chinese_anywhere);
	CU_add_test(s, "layout: below minimum is too small",
	    test_layout_below_minimum_is_too_small);
	CU_add_test(s, "layout: panes inside and apart",
	    test_layout_panes_inside_and_apart);
}
