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
#include "ladder.h"
#include "layout.h"
#include "tcb.h"
#include "tcp_analysis.h"
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
rv_open_filter(const char *path, const char *filter)
{
	struct ts_err err;
	struct replay *r = replay_open(path, filter, 0, NULL, &err);

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	return r;
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
	/* ? in the list: its keys; any key closes them, doing nothing else */
	CU_ASSERT_FALSE(replay_app_key(&a, '?'));
	{
		char *got = rv_render(&a, 80, 24, false);

		CU_ASSERT_PTR_NOT_NULL(strstr(got, "search the endpoints"));
		free(got);
	}
	CU_ASSERT_FALSE(replay_app_key(&a, 'q'));
	CU_ASSERT_EQUAL(a.mode, RA_LIST);
	CU_ASSERT_FALSE(a.ui.help);
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


/* The text of row y of the canvas between columns x0 and x1, ASCII only. */
static void
rv_row(const struct canvas *cv, int y, int x0, int x1, char *buf, size_t len)
{
	size_t n = 0;

	for (int x = x0; x < x1 && n + 1 < len; x++) {
		const struct canvas_cell *c = canvas_at(cv, x, y);

		if (c->width != 0)
			buf[n++] = c->cp < 0x80 ? (char)c->cp : '#';
	}
	buf[n] = '\0';
}

/*
 * The value shown for one side: "= 123" "~ 123" "? " (with or without the
 * word after it), as the mark and the number.
 */
static bool
rv_parse_val(const char *s, char *mark, unsigned long *v)
{
	while (*s == ' ')
		s++;
	if (*s != '=' && *s != '~' && *s != '?')
		return false;
	*mark = *s;
	*v = *s == '?' ? 0 : strtoul(s + 1, NULL, 10);
	return true;
}

static char
rv_want_mark(const struct replay_val *v)
{
	return v->tag == RV_OBSERVED ? '=' : v->tag == RV_INFERRED ? '~' : '?';
}

/*
 * Every step of a connection: each row of the TCB pane holds, for both
 * sides, the engine's value with its mark, never "=" for what the wire did
 * not state.  Left is the client when known.
 */
static int
rv_check_tcb(struct replay *r, int w, int h)
{
	static const char *const labels[] = { "ISS", "IRS", "SND.UNA",
	    "SND.NXT", "SND.WND", "RCV.NXT", "RCV.WND" };
	struct replay_app a;
	struct layout lay;
	int checked = 0;

	lang_set("en");
	replay_app_init(&a, r);
	CU_ASSERT_FALSE(replay_app_key(&a, KEYC_ENTER));
	replay_layout(&lay, &a, w, h);
	for (uint32_t k = 1; k <= r->nsteps; k++) {
		const struct replay_conn *c = replay_conn_by_id(r, r->loaded);
		int left = c->client == 1 ? 1 : 0;
		struct canvas *cv = canvas_new(w, h, false);

		a.step = k;
		replay_app_draw(&a, cv);
		for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
			const struct replay_tcb *t;
			const struct replay_val *want;
			char line[256], mark;
			unsigned long v;
			int y, colw = (lay.tcb.w - 2 - 14) / 2;

			y = lay.tcb.y + 2 + (int)i;	/* after the state row */
			rv_row(cv, y, lay.tcb.x + 2, lay.tcb.x + 15, line,
			    sizeof(line));
			CU_ASSERT_PTR_NOT_NULL(strstr(line, labels[i]));
			for (int v2 = 0; v2 < 2; v2++) {
				int x = lay.tcb.x + 1 + 14 + v2 * colw;

				t = &r->steps[k - 1].tcb[v2 == 0 ? left :
				    1 - left];
				switch (i) {
				case 0: want = &t->iss; break;
				case 1: want = &t->irs; break;
				case 2: want = &t->snd_una; break;
				case 3: want = &t->snd_nxt; break;
				case 4: want = &t->snd_wnd; break;
				case 5: want = &t->rcv_nxt; break;
				default: want = &t->rcv_wnd; break;
				}
				rv_row(cv, y, x, x + colw - 1, line,
				    sizeof(line));
				CU_ASSERT_FATAL(rv_parse_val(line, &mark, &v));
				CU_ASSERT_EQUAL(mark, rv_want_mark(want));
				if (want->tag != RV_UNKNOWN)
					CU_ASSERT_EQUAL(v, want->v);
				checked++;
			}
		}
		canvas_free(cv);
	}
	replay_app_done(&a);
	return checked;
}

static void
test_replay_view_tcb_pane_matches_engine(void)
{
	struct replay *r = rv_open(HS);
	/* a capture that starts mid-way: ISS and IRS must show as unknown */
	struct replay *mid = rv_open_filter(HS,
	    "tcp[tcpflags] & tcp-syn == 0");

	CU_ASSERT(rv_check_tcb(r, 80, 24) >= 8 * 7 * 2);
	CU_ASSERT(rv_check_tcb(r, 160, 48) >= 8 * 7 * 2);
	CU_ASSERT(rv_check_tcb(mid, 120, 40) >= 5 * 7 * 2);
	CU_ASSERT_EQUAL(mid->steps[0].tcb[0].iss.tag, RV_UNKNOWN);
	/* the options row: what each side's own SYN offered, or "?" */
	{
		struct replay_app a;
		char *got;

		replay_app_init(&a, r);
		CU_ASSERT_FALSE(replay_app_key(&a, KEYC_ENTER));
		a.step = 3;
		got = rv_render(&a, 120, 40, false);
		CU_ASSERT_PTR_NOT_NULL(strstr(got,
		    "= MSS 65495 SACK TS WS 10 ~\xc3\x97" "1024"));
		free(got);
		replay_app_done(&a);
		replay_app_init(&a, mid);
		CU_ASSERT_FALSE(replay_app_key(&a, KEYC_ENTER));
		got = rv_render(&a, 120, 40, false);
		CU_ASSERT_PTR_NOT_NULL(strstr(got,
		    "? no SYN of its own captured"));
		CU_ASSERT_PTR_NULL(strstr(got, "= MSS"));
		free(got);
		replay_app_done(&a);
	}
	replay_free(mid);
	replay_free(r);
}

/* The header pane draws the packet's own fields, in every layout. */
static void
test_replay_view_header_shows_the_packet(void)
{
	struct replay *r = rv_open(HS);
	struct replay_app a;
	static const int sizes[][2] = { { 120, 40 }, { 160, 48 } };

	lang_set("en");
	replay_app_init(&a, r);
	CU_ASSERT_FALSE(replay_app_key(&a, KEYC_ENTER));
	for (uint32_t k = 1; k <= r->nsteps; k++)
		for (int z = 0; z < 2; z++) {
			struct pkt p;
			char want[96], *got;
			const struct replay_step *st = &r->steps[k - 1];

			a.step = k;
			got = rv_render(&a, sizes[z][0], sizes[z][1], false);
			CU_ASSERT_EQUAL_FATAL(pkt_decode(&p, r->linktype,
			    st->data, st->snaplen, st->wirelen), 0);
			snprintf(want, sizeof(want), "Sequence Number %u",
			    (unsigned)p.tcp.seq);
			CU_ASSERT_PTR_NOT_NULL(strstr(got, want));
			snprintf(want, sizeof(want), "Source Port %u",
			    (unsigned)p.tcp.sport);
			CU_ASSERT_PTR_NOT_NULL(strstr(got, want));
			snprintf(want, sizeof(want), "Checksum 0x%04x",
			    (unsigned)p.tcp.cksum);
			CU_ASSERT_PTR_NOT_NULL(strstr(got, want));
			free(got);
		}
	replay_app_done(&a);
	replay_free(r);
}

/*
 * The keys of the simulator's panes: Tab gives the header the large pane
 * at 80x24, d shows the tools' lines (those replay_lines_at computes), r
 * counts from each side's ISS.
 */
static void
test_replay_view_tab_dump_relative(void)
{
	struct replay *r = rv_open(HS);
	struct replay_app a;
	static const int open[] = { KEYC_ENTER, KEYC_RIGHT, 0 };
	char *got, want[64];

	lang_set("en");
	replay_app_init(&a, r);
	rv_keys(&a, open);
	got = rv_render(&a, 80, 24, false);
	CU_ASSERT_PTR_NULL(strstr(got, "Checksum"));	/* the TCB first */
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "SND.UNA"));
	free(got);
	CU_ASSERT_FALSE(replay_app_key(&a, KEYC_TAB));
	got = rv_render(&a, 80, 24, false);
	snprintf(want, sizeof(want), "Checksum 0x%04x",
	    (unsigned)a.rl.pkt.tcp.cksum);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, want));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "Options (20 bytes)"));
	free(got);
	CU_ASSERT_FALSE(replay_app_key(&a, 'd'));
	got = rv_render(&a, 200, 50, false);
	replay_lines_at(&a.rl, r, a.step);
	CU_ASSERT_FATAL(strlen(a.rl.tcpdump) > 20);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, a.rl.tcpdump));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "SYN, ACK] Seq=0 Ack=1"));
	free(got);
	/* ?: the keys of this screen; any key closes it, moving nothing */
	CU_ASSERT_FALSE(replay_app_key(&a, '?'));
	got = rv_render(&a, 80, 24, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "back to the list of connections"));
	free(got);
	CU_ASSERT_FALSE(replay_app_key(&a, KEYC_RIGHT));
	CU_ASSERT_EQUAL(a.step, 2);
	got = rv_render(&a, 80, 24, false);
	CU_ASSERT_PTR_NULL(strstr(got, "back to the list of connections"));
	free(got);
	/* r: the SYN+ACK's own ISS counts 0, its ACK 1 */
	CU_ASSERT_FALSE(replay_app_key(&a, 'r'));
	got = rv_render(&a, 160, 48, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "Sequence Number 0 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "Acknowledgment Number 1 "));
	free(got);
	replay_app_done(&a);
	replay_free(r);
}

/* The ladder ends with both sides' last states, client on the left. */
static void
test_replay_view_ladder_states(void)
{
	struct replay *r = rv_open(HS);
	struct replay_app a;
	static const int end[] = { KEYC_ENTER, KEYC_END, 0 };
	const struct replay_tcb *t;
	char *got;

	lang_set("en");
	replay_app_init(&a, r);
	rv_keys(&a, end);
	got = rv_render(&a, 160, 48, false);
	t = r->steps[r->nsteps - 1].tcb;
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "TIME-WAIT"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "LAST-ACK"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "FIN-WAIT-1"));
	CU_ASSERT_EQUAL(t[r->conns[0].client].state, TCPS_TIME_WAIT);
	CU_ASSERT_PTR_NOT_NULL(a.ladder);
	/* 8 packets and every change of state: at least 8 + 2 */
	CU_ASSERT(a.ladder->n >= 10);
	/* a click on the ladder's first row goes to the SYN, packet 1 */
	{
		struct layout lay;

		replay_layout(&lay, &a, 160, 48);
		CU_ASSERT_EQUAL(replay_ladder_hit(&a, lay.ladder.x + 30,
		    lay.ladder.y + 2), 1);
		CU_ASSERT_EQUAL(replay_ladder_hit(&a, lay.ladder.x + 30,
		    lay.ladder.y + 3), 2);
		CU_ASSERT_EQUAL(replay_ladder_hit(&a, 1, 1), 0);
	}
	free(got);
	replay_app_done(&a);
	replay_free(r);
}

/* Larger screens: goldens at 120x40 and 160x48 (the dump lines on). */
static void
test_replay_view_golden_large(void)
{
	struct replay *r = rv_open(HS);
	struct replay_app a;
	static const int open[] = { KEYC_ENTER, KEYC_RIGHT, KEYC_RIGHT,
	    KEYC_RIGHT, 0 };
	char *got;

	for (int l = 0; l < 2; l++) {
		lang_set(l == 0 ? "en" : "zh");
		replay_app_init(&a, r);
		rv_keys(&a, open);
		got = rv_render(&a, 120, 40, false);
		golden_check(l == 0 ? "replay-data-120x40-en" :
		    "replay-data-120x40-zh", got);
		free(got);
		replay_app_done(&a);
	}
	lang_set("en");
	replay_app_init(&a, r);
	rv_keys(&a, open);
	CU_ASSERT_FALSE(replay_app_key(&a, 'd'));
	got = rv_render(&a, 160, 48, false);
	golden_check("replay-data-dump-160x48-en", got);
	free(got);
	replay_app_done(&a);
	replay_free(r);
}

/*
 * Loading in slices of one record gives the same steps, control blocks
 * and capture-point guess as loading at once, for interleaved connections.
 */
static void
test_replay_view_load_in_slices(void)
{
	struct replay *whole = rv_open(THREE), *sliced = rv_open(THREE);
	struct ts_err err;

	for (uint64_t id = 1; id <= whole->nconns; id++) {
		int rc, slices = 0;

		CU_ASSERT_EQUAL_FATAL(replay_load(whole, id, 0, &err), 0);
		CU_ASSERT_EQUAL_FATAL(replay_load_start(sliced, id, 0, &err), 0);
		CU_ASSERT_TRUE(replay_loading(sliced));
		while ((rc = replay_load_more(sliced, 1, &err)) == 0)
			slices++;
		CU_ASSERT_EQUAL(rc, 1);
		CU_ASSERT_FALSE(replay_loading(sliced));
		CU_ASSERT(slices >= (int)whole->nsteps);
		CU_ASSERT_EQUAL_FATAL(sliced->nsteps, whole->nsteps);
		for (uint32_t k = 0; k < whole->nsteps; k++) {
			CU_ASSERT_EQUAL(sliced->steps[k].frame,
			    whole->steps[k].frame);
			CU_ASSERT_EQUAL(memcmp(sliced->steps[k].tcb,
			    whole->steps[k].tcb, sizeof(whole->steps[k].tcb)),
			    0);
			CU_ASSERT_STRING_EQUAL(sliced->steps[k].explain,
			    whole->steps[k].explain);
		}
		CU_ASSERT_EQUAL(sliced->near, whole->near);
	}
	/* leaving half-way frees what was being read (ASan sees leaks) */
	CU_ASSERT_EQUAL(replay_load_start(sliced, 2, 0, &err), 0);
	CU_ASSERT_EQUAL(replay_load_more(sliced, 3, &err), 0);
	replay_free(sliced);
	replay_free(whole);
}

/*
 * A real Linux capture under loss: every packet the analysis flagged as a
 * retransmission carries the word on its ladder arrow, and no other does.
 */
static void
test_replay_view_ladder_notes(void)
{
	struct replay *r = rv_open("tests/data/replay-http-loss-client.pcap");
	struct replay_app a;
	size_t retrans = 0;

	lang_set("en");
	replay_app_init(&a, r);
	CU_ASSERT_FALSE(replay_app_key(&a, KEYC_ENTER));
	while (replay_loading(r))
		(void)replay_app_load(&a, 50);
	free(rv_render(&a, 160, 48, false));	/* builds the ladder */
	CU_ASSERT_PTR_NOT_NULL_FATAL(a.ladder);
	for (size_t i = 0; i < a.ladder->n; i++) {
		const struct ladder_ev *e = &a.ladder->ev[i];
		const struct replay_step *st;

		if (e->kind != LEV_SEG)
			continue;
		st = &r->steps[e->step - 1];
		if (st->taflags & TA_RETRANSMISSION) {
			CU_ASSERT_PTR_NOT_NULL_FATAL(e->note);
			CU_ASSERT_STRING_EQUAL(e->note, "retransmission");
			retrans++;
		} else if (e->note != NULL)
			CU_ASSERT_STRING_NOT_EQUAL(e->note, "retransmission");
		if (st->taflags == 0)
			CU_ASSERT_PTR_NULL(e->note);
	}
	CU_ASSERT(retrans >= 1);
	/* d: tshark's line starts with its labels, as its Info column does */
	CU_ASSERT_FALSE(replay_app_key(&a, 'd'));
	for (uint32_t k = 1; k <= r->nsteps; k++) {
		char *got, want[96];

		if (!(r->steps[k - 1].taflags & TA_DUPLICATE_ACK))
			continue;
		a.step = k;
		got = rv_render(&a, 200, 50, false);
		snprintf(want, sizeof(want), "tshark  [TCP Dup ACK %llu#%u] ",
		    (unsigned long long)r->steps[k - 1].dupack_frame,
		    (unsigned)r->steps[k - 1].dupack_num);
		CU_ASSERT_PTR_NOT_NULL(strstr(got, want));
		free(got);
		break;
	}
	replay_app_done(&a);
	replay_free(r);
}

static int
replay_view_suite_init(void)
{
	lang_init("en");
	return 0;
}

void test_replay_view_register(void);

void
test_replay_view_register(void)
{
	CU_pSuite s = CU_add_suite("replay_view",
	    replay_view_suite_init, NULL);

	CU_add_test(s, "golden_handshake", test_replay_view_golden_handshake);
	CU_add_test(s, "keys_step_and_back",
	    test_replay_view_keys_step_and_back);
	CU_add_test(s, "sort_and_search", test_replay_view_sort_and_search);
	CU_add_test(s, "sizes", test_replay_view_sizes);
	CU_add_test(s, "render_matches_view",
	    test_replay_view_render_matches_view);
	CU_add_test(s, "tcb_pane_matches_engine",
	    test_replay_view_tcb_pane_matches_engine);
	CU_add_test(s, "header_shows_the_packet",
	    test_replay_view_header_shows_the_packet);
	CU_add_test(s, "tab_dump_relative", test_replay_view_tab_dump_relative);
	CU_add_test(s, "ladder_states", test_replay_view_ladder_states);
	CU_add_test(s, "golden_large", test_replay_view_golden_large);
	CU_add_test(s, "load_in_slices", test_replay_view_load_in_slices);
	CU_add_test(s, "ladder_notes", test_replay_view_ladder_notes);
}
