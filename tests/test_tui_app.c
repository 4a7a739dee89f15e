/*
 * Tests of the TUI's app hook (tui.h) without a terminal: a fake app
 * records what it is given, so the dispatch rules are checked directly:
 * keys reach the app only at 80x24 or more, below that only q quits, and
 * below 80x24 the frame is the small-terminal message, not the app's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "canvas.h"
#include "keys.h"
#include "lang.h"
#include "tui.h"

struct test_fake {
	int	keys[8];
	int	nkeys;
	int	draws;
	int	draw_w, draw_h;
	int	answer;		/* what key() returns */
};

static void
test_fake_draw(void *ctx, struct canvas *cv)
{
	struct test_fake *f = ctx;

	f->draws++;
	f->draw_w = cv->w;
	f->draw_h = cv->h;
	canvas_clear(cv);
	canvas_put(cv, 0, 0, cv->w, 0, 0, "fake frame");
}

static int
test_fake_key(void *ctx, int key)
{
	struct test_fake *f = ctx;

	if (f->nkeys < 8)
		f->keys[f->nkeys++] = key;
	return f->answer;
}

static void
test_tui_app_keys(void)
{
	struct test_fake f;
	struct tui_app app = { &f, test_fake_draw, test_fake_key, NULL, NULL };

	memset(&f, 0, sizeof(f));
	/* at 80x24 every key goes to the app, whose answer is returned */
	f.answer = TUI_APP_REDRAW;
	CU_ASSERT_EQUAL(tui_app_key(&app, 'n', 80, 24), TUI_APP_REDRAW);
	f.answer = TUI_APP_NONE;
	CU_ASSERT_EQUAL(tui_app_key(&app, KEYC_RESIZE, 160, 48),
	    TUI_APP_NONE);
	/* q is the app's to decide (it may be typed into an answer) */
	CU_ASSERT_EQUAL(tui_app_key(&app, 'q', 120, 40), TUI_APP_NONE);
	f.answer = TUI_APP_QUIT;
	CU_ASSERT_EQUAL(tui_app_key(&app, 'q', 80, 24), TUI_APP_QUIT);
	CU_ASSERT_EQUAL(f.nkeys, 4);
	CU_ASSERT_EQUAL(f.keys[0], 'n');
	CU_ASSERT_EQUAL(f.keys[1], KEYC_RESIZE);
	CU_ASSERT_EQUAL(f.keys[2], 'q');

	/* below 80x24 the app hears nothing; only q quits */
	f.nkeys = 0;
	f.answer = TUI_APP_REDRAW;
	CU_ASSERT_EQUAL(tui_app_key(&app, 'n', 79, 24), TUI_APP_NONE);
	CU_ASSERT_EQUAL(tui_app_key(&app, KEYC_ENTER, 80, 23), TUI_APP_NONE);
	CU_ASSERT_EQUAL(tui_app_key(&app, 'q', 40, 10), TUI_APP_QUIT);
	CU_ASSERT_EQUAL(tui_app_key(&app, 'Q', 40, 10), TUI_APP_QUIT);
	CU_ASSERT_EQUAL(f.nkeys, 0);
}

static void
test_tui_app_frames(void)
{
	struct test_fake f;
	struct tui_app app = { &f, test_fake_draw, test_fake_key, NULL, NULL };
	struct canvas *cv;
	char *text;

	memset(&f, 0, sizeof(f));
	cv = canvas_new(80, 24, false);
	tui_app_draw(&app, cv);
	text = canvas_dump(cv);
	CU_ASSERT_EQUAL(f.draws, 1);
	CU_ASSERT_EQUAL(f.draw_w, 80);
	CU_ASSERT_EQUAL(f.draw_h, 24);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "fake frame"));
	free(text);
	canvas_free(cv);

	/* too small: the demo's message, the app not asked to draw */
	cv = canvas_new(60, 20, false);
	tui_app_draw(&app, cv);
	text = canvas_dump(cv);
	CU_ASSERT_EQUAL(f.draws, 1);
	CU_ASSERT_PTR_NULL(strstr(text, "fake frame"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "80x24"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "60x20"));
	free(text);
	canvas_free(cv);
}

/* The ASCII fallback, and Chinese following it back to English. */
static void
test_tui_app_ascii(void)
{
	const char *term = getenv("TERM");
	char saved[128];
	struct cli c;

	snprintf(saved, sizeof(saved), "%s", term != NULL ? term : "");
	memset(&c, 0, sizeof(c));
	setenv("TERM", "xterm-256color", 1);
	lang_set("zh");
	CU_ASSERT_EQUAL(tui_ascii(&c), !lang_utf8());
	CU_ASSERT_STRING_EQUAL(lang_current(), lang_utf8() ? "zh" : "en");

	lang_set("zh");
	c.ascii = true;		/* --ascii */
	CU_ASSERT_TRUE(tui_ascii(&c));
	CU_ASSERT_STRING_EQUAL(lang_current(), "en");

	lang_set("zh");
	c.ascii = false;
	setenv("TERM", "vt100", 1);	/* no line drawing */
	CU_ASSERT_TRUE(tui_ascii(&c));
	CU_ASSERT_STRING_EQUAL(lang_current(), "en");

	/* English stays English */
	CU_ASSERT_TRUE(tui_ascii(&c));
	CU_ASSERT_STRING_EQUAL(lang_current(), "en");

	if (term != NULL)
		setenv("TERM", saved, 1);
	else
		unsetenv("TERM");
	lang_set("en");
}

void	test_tui_app_register(void);

void
test_tui_app_register(void)
{
	CU_pSuite s = CU_add_suite("tui_app", NULL, NULL);

	CU_add_test(s, "key dispatch by size", test_tui_app_keys);
	CU_add_test(s, "frames and the small-terminal message",
	    test_tui_app_frames);
	CU_add_test(s, "ASCII fallback and the language", test_tui_app_ascii);
}
