/*
 * test_replay_view: the replay's screens driven by keys, as the terminal
 * would, rendered into a canvas: golden screens at 80x24 (both languages,
 * ASCII too), the list's sort and search, stepping, no line past the width.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "golden.h"
#include "canvas.h"
#include "keys.h"
#include "lang.h"
#include "replay.h"
#include "replay_view.h"
#include "tpcap.h"

#define HS	TPCAP_CORPUS "linux-lo-handshake-v4.pcap"
#define THREE	TPCAP_CORPUS "concurrent-range-requests.pcap"

static char *
rv_render(struct replay_app *a, int w, int h, bool ascii)
{
	struct canvas *cv = canvas_new(w, h, ascii);
	char *s;

	replay_app_draw(a, cv);
	s = canvas_dump(cv);
	canvas_free(cv);
	return s;
}

static struct replay *
rv_open(const char *path)
{
	struct ts_err err;
	struct replay *r = replay_open(path, NULL, 0, NULL, &err);

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	return r;
}

static void
rv_keys(struct replay_app *a, const int *keys)
{
	for (; *keys != 0; keys++)
		CU_ASSERT_FALSE(replay_app_key(a, *keys));
}

/* List, open, step to the SYN+ACK, and the last step: in both languages. */
static void
test_replay_view_golden_handshake(void)
{
	static const char *const langs[] = { "en", "zh" };
	struct replay *r = rv_open(HS);

	for (int l = 0; l < 2; l++) {
		struct replay_app a;
		char name[96], *got;
		static const int open[] = { KEYC_ENTER, KEYC_RIGHT, 0 };
		static const int end[] = { KEYC_END, 0 };

		lang_set(langs[l]);
		replay_app_init(&a, r);
		got = rv_render(&a, 80, 24, false);
		snprintf(name, sizeof(name), "replay-list-80x24-%s", langs[l]);
		golden_check(name, got);
		free(got);
		rv_keys(&a, open);
		CU_ASSERT_EQUAL(a.mode, RA_CONN);
		CU_ASSERT_EQUAL(a.step, 2);
		got = rv_render(&a, 80, 24, false);
		snprintf(name, sizeof(name), "replay-synack-80x24-%s", langs[l]);
		golden_check(name, got);
		free(got);
		rv_keys(&a, end);
		CU_ASSERT_EQUAL(a.step, r->nsteps);
		/* ASCII draws in English (tui_ascii switches the language). */
		if (l == 0) {
			got = rv_render(&a, 80, 24, true);
			golden_check("replay-end-80x24-ascii-en", got);
			for (const char *p = got; *p; p++)
				CU_ASSERT((unsigned char)*p < 0x80);
			free(got);
		}
		replay_app_done(&a);
	}
	lang_set("en");
	replay_free(r);
}

/* Keys: stepping stays in range, g goes to a step, q goes back. */
static void
test_replay_view_keys_step_and_back(void)
{
	struct replay *r = rv_open(HS);
	struct replay_app a;
	static const int k1[] = { KEYC_ENTER, KEYC_LEFT, KEYC_LEFT, 0 };
	static const int k2[] = { 'g', '5', KEYC_ENTER, 0 };
	static const int k3[] = { 'g', '9', '9', KEYC_ENTER, 0 };

	replay_app_init(&a, r);
	rv_keys(&a, k1);
	CU_ASSERT_EQUAL(a.step, 1);
	rv_keys(&a, k2);
	CU_ASSERT_EQUAL(a.step, 5);
	rv_keys(&a, k3);
	CU_ASSERT_EQUAL(a.step, 5);
	CU_ASSERT(a.message[0] != '\0');
	CU_ASSERT_FALSE(replay_app_key(&a, 'q'));
	CU_ASSERT_EQUAL(a.mode, RA_LIST);
	CU_ASSERT_TRUE(replay_app_key(&a, 'q'));
	replay_app_done(&a);
	replay_free(r);
}

/* Sort by packets puts the largest first; a search keeps matches only. */
static void
test_replay_view_sort_and_search(void)
{
	struct replay *r = rv_open(THREE);
	struct replay_app a;
	static const int sortp[] = { 's', 0 };
	static const int search[] = { '/', '5', '8', '7', '1', '8',
	    KEYC_ENTER, 0 };
	uint64_t prev = UINT64_MAX;

	replay_app_init(&a, r);
	CU_ASSERT_EQUAL(a.nshown, r->nconns);
	rv_keys(&a, sortp);
	CU_ASSERT_EQUAL(a.sortkey, 'p');
	for (uint32_t i = 0; i < a.nshown; i++) {
		const struct replay_conn *c = &r->conns[a.shown[i]];

		CU_ASSERT(c->pkts[0] + c->pkts[1] <= prev);
		prev = c->pkts[0] + c->pkts[1];
	}
	rv_keys(&a, search);
	CU_ASSERT_FATAL(a.nshown >= 1);
	for (uint32_t i = 0; i < a.nshown; i++) {
		const struct replay_conn *c = &r->conns[a.shown[i]];

		CU_ASSERT(strstr(c->ep[0], "58718") != NULL ||
		    strstr(c->ep[1], "58718") != NULL);
	}
	CU_ASSERT(a.nshown < r->nconns);
	replay_app_done(&a);
	replay_free(r);
}

/* Every size from tiny to large draws without a crash. */
static void
test_replay_view_sizes(void)
{
	struct replay *r = rv_open(THREE);
	struct replay_app a;
	static const int open[] = { KEYC_ENTER, KEYC_RIGHT, 0 };

	replay_app_init(&a, r);
	rv_keys(&a, open);
	for (int w = 10; w <= 200; w += 19)
		for (int h = 3; h <= 60; h += 7)
			free(rv_render(&a, w, h, false));
	replay_app_done(&a);
	replay_free(r);
}

/* render --capture prints the same screen as the view draws. */
static void
test_replay_view_render_matches_view(void)
{
	struct cli c;
	char path[] = "/tmp/tcpstep-test-render-XXXXXX";
	int fd = mkstemp(path), saved;
	char *got, *want;

	CU_ASSERT_FATAL(fd >= 0);
	memset(&c, 0, sizeof(c));
	c.name = "render";
	c.capture = HS;
	c.conn = 1;
	c.step = 2;
	c.width = 80;
	c.height = 24;
	lang_set("en");
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fd, STDOUT_FILENO);
	CU_ASSERT_EQUAL(replay_render(&c), 0);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(fd);
	got = golden_slurp(path);
	want = golden_slurp("tests/golden/replay-synack-80x24-en.txt");
	unlink(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_PTR_NOT_NULL_FATAL(want);
	CU_ASSERT_STRING_EQUAL(got, want);
	free(got);
	free(want);
}

void test_replay_view_register(void);

void
test_replay_view_register(void)
{
	CU_pSuite s = CU_add_suite("replay_view", NULL, NULL);

	CU_add_test(s, "golden_handshake", test_replay_view_golden_handshake);
	CU_add_test(s, "keys_step_and_back",
	    test_replay_view_keys_step_and_back);
	CU_add_test(s, "sort_and_search", test_replay_view_sort_and_search);
	CU_add_test(s, "sizes", test_replay_view_sizes);
	CU_add_test(s, "render_matches_view",
	    test_replay_view_render_matches_view);
}
