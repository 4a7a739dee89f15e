/*
 * Tests of the screens: golden renders of the handshake's key steps (and a
 * retransmission) at 80x24 and 120x40 in both languages; the values the
 * TCB pane shows against the engine's state at every step; the ASCII-only
 * guarantee; the small-terminal message; Chinese lining up.
 *
 * Key steps are found in the run by what happens in them (the first SYN on
 * the wire, ...), not by number, so the goldens follow the engine.
 * TCPSTEP_UPDATE_GOLDEN=1 (make golden) rewrites tests/golden/ for review.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "golden.h"
#include "canvas.h"
#include "keys.h"
#include "lang.h"
#include "ladder.h"
#include "screen.h"
#include "sim.h"
#include "tsim.h"

struct run {
	struct sim	*s;
	struct ladder	*l;
};

static bool
run_open(struct run *r, const char *scenario, bool ipv6)
{
	if ((r->s = tsim_run(scenario, 1, ipv6)) == NULL)
		return false;
	r->l = ladder_build(r->s, 100000);
	return true;
}

static void
run_close(struct run *r)
{
	ladder_free(r->l);
	sim_free(r->s);
}

/* The screen at step k as text (caller frees), and its canvas if wanted. */
static char *
run_render(struct run *r, size_t k, int w, int h, const char *lang,
    bool ascii, struct canvas **keep)
{
	struct ui_state ui;
	struct canvas *cv = canvas_new(w, h, ascii);
	char *out;

	lang_set(lang);
	screen_ui_init(&ui);
	sim_goto(r->s, k);
	screen_draw(cv, r->s, r->l, &ui);
	out = canvas_dump(cv);
	if (keep != NULL)
		*keep = cv;
	else
		canvas_free(cv);
	lang_set("en");
	return out;
}

/* The first step that puts a segment with exactly these flags on the wire. */
static size_t
run_find_seg(struct run *r, uint8_t flags, int nth)
{
	for (size_t k = 1; k <= sim_nsteps(r->s); k++) {
		const struct sim_step *st = sim_step_at(r->s, k);
		struct pkt p;

		if (st == NULL || !st->captured || st->pkt == NULL ||
		    pkt_decode(&p, PKT_LINK_RAW, st->pkt, st->pkt_len,
		    st->pkt_len) != 0 || !p.has_tcp)
			continue;
		if ((p.tcp.flags & (TH_SYN | TH_ACK | TH_RST | TH_FIN)) == flags &&
		    --nth == 0)
			return k;
	}
	return 0;
}

static size_t
run_find_chapter(struct run *r, int chapter)
{
	for (size_t k = 1; k <= sim_nsteps(r->s); k++) {
		const struct sim_step *st = sim_step_at(r->s, k);

		if (st != NULL && st->chapter == chapter)
			return k;
	}
	return 0;
}

/* Render the key step at both sizes and in both languages. */
static void
golden_step(struct run *r, const char *what, size_t k)
{
	static const int sizes[][2] = { { 80, 24 }, { 120, 40 } };
	static const char *const langs[] = { "en", "zh" };

	for (size_t i = 0; i < 2; i++)
		for (size_t j = 0; j < 2; j++) {
			char name[128], *got;

			snprintf(name, sizeof(name), "%s-%dx%d-%s", what,
			    sizes[i][0], sizes[i][1], langs[j]);
			got = run_render(r, k, sizes[i][0], sizes[i][1],
			    langs[j], false, NULL);
			golden_check(name, got);
			free(got);
		}
}

static void
test_render_golden_handshake_key_steps(void)
{
	struct run r;
	size_t syn, synack, est;

	CU_ASSERT_FATAL(run_open(&r, "handshake", false));
	syn = run_find_seg(&r, TH_SYN, 1);
	synack = run_find_seg(&r, TH_SYN | TH_ACK, 1);
	est = run_find_chapter(&r, 7);
	CU_ASSERT(syn > 0 && synack > syn && est > synack);
	golden_step(&r, "handshake-0-before-connect", 0);
	golden_step(&r, "handshake-syn-sent", syn);
	golden_step(&r, "handshake-synack", synack);
	golden_step(&r, "handshake-established", est);
	run_close(&r);
}

static void
test_render_golden_lost_syn_retransmission(void)
{
	struct run r;
	size_t rexmt;

	if (!sim_builtin_known("lost-syn"))
		return;		/* the engine has no lost-syn yet */
	CU_ASSERT_FATAL(run_open(&r, "lost-syn", false));
	rexmt = run_find_seg(&r, TH_SYN, 2);
	CU_ASSERT(rexmt > 0);
	golden_step(&r, "lost-syn-retransmission", rexmt);
	run_close(&r);
}

/* Split "a  b  c" at runs of two spaces or more; values may hold one. */
static bool
split3(const char *line, char *a, char *b, char *c, size_t len)
{
	char *out[3] = { a, b, c };
	int f = 0;
	size_t n = 0;

	a[0] = b[0] = c[0] = '\0';
	while (*line == ' ')
		line++;
	for (; *line != '\0' && f < 3; line++) {
		if (line[0] == ' ' && line[1] == ' ') {
			out[f][n] = '\0';
			while (*line == ' ')
				line++;
			line--;
			f++;
			n = 0;
			continue;
		}
		if (n + 1 < len)
			out[f][n++] = *line;
	}
	if (f < 3)
		out[f][n] = '\0';
	while (f < 3 && n > 0 && out[f][n - 1] == ' ')
		out[f][--n] = '\0';
	return a[0] != '\0' && b[0] != '\0' && c[0] != '\0';
}

/* The text of the TCB pane's row labelled label, from the canvas. */
static bool
tcb_row(const struct canvas *cv, const char *label, char *client,
    char *server, size_t len)
{
	struct layout lay;
	struct ui_state ui;

	screen_ui_init(&ui);
	layout_compute(&lay, cv->w, cv->h, ui.focus, ui.dump);
	for (int y = lay.tcb.y + 1; y < lay.tcb.y + lay.tcb.h - 1; y++) {
		char line[512], lab[128], a[128], b[128];
		size_t n = 0;

		for (int x = lay.tcb.x + 3; x < lay.tcb.x + lay.tcb.w - 1 &&
		    n + 1 < sizeof(line); x++) {
			const struct canvas_cell *c = canvas_at(cv, x, y);

			if (c->width != 0)
				line[n++] = c->cp < 0x80 ? (char)c->cp : '#';
		}
		line[n] = '\0';
		/* label, client's value, server's: apart by two spaces or more */
		if (!split3(line, lab, a, b, sizeof(a)) || strcmp(lab, label) != 0)
			continue;
		snprintf(client, len, "%s", a);
		snprintf(server, len, "%s", b);
		return true;
	}
	return false;
}

static void
tcb_expect(const char *shown, bool valid, uint32_t v)
{
	char want[16];

	snprintf(want, sizeof(want), "%u", (unsigned)v);
	CU_ASSERT_STRING_EQUAL(shown, valid ? want : "-");
}

/*
 * A window row starts with the host's own number; what the header carries
 * follows it (test_panes.c checks that part).
 */
static void
tcb_expect_lead(const char *shown, uint32_t v)
{
	char want[16];

	snprintf(want, sizeof(want), "%u", (unsigned)v);
	CU_ASSERT(strncmp(shown, want, strlen(want)) == 0 &&
	    (shown[strlen(want)] == '\0' || shown[strlen(want)] == ' '));
}

/* At every step, the TCB pane shows exactly the engine's TCB values. */
static void
check_tcb_matches_engine(const char *scenario, bool ipv6)
{
	static const char *const labels[] = { "state", "ISS", "IRS", "SND.UNA",
		"SND.NXT", "SND.WND", "RCV.NXT", "RCV.WND" };
	struct run r;
	int checked = 0;

	CU_ASSERT_FATAL(run_open(&r, scenario, ipv6));
	for (size_t k = 0; k <= sim_nsteps(r.s); k++) {
		struct canvas *cv;
		/* 160x48: a row per field */
		char *txt = run_render(&r, k, 160, 48, "en", false, &cv);

		for (int side = 0; side < SIM_NHOSTS; side++) {
			int i = sim_host_conn(r.s, side);
			const struct tcb *t;
			bool sent, got;

			if (i < 0)
				continue;
			t = &sim_host(r.s, side)->sock[i].tcb;
			sent = t->state != TCPS_CLOSED && t->state != TCPS_LISTEN;
			got = sent && t->state != TCPS_SYN_SENT;
			for (size_t j = 0; j < sizeof(labels) / sizeof(labels[0]);
			    j++) {
				char c[128], s[128];
				const char *v;

				if (!tcb_row(cv, labels[j], c, s, sizeof(c))) {
					CU_FAIL("TCB row not found");
					continue;
				}
				v = side == SIM_CLIENT ? c : s;
				if (strcmp(v, "-") != 0 && j > 0 && j < 8)
					checked++;
				switch (j) {
				case 0:
					CU_ASSERT_STRING_EQUAL(v,
					    tcp_state_name(t->state));
					break;
				case 1: tcb_expect(v, sent, t->iss); break;
				case 2: tcb_expect(v, got, t->irs); break;
				case 3: tcb_expect(v, sent, t->snd_una); break;
				case 4: tcb_expect(v, sent, t->snd_nxt); break;
				case 5: tcb_expect_lead(v, t->snd_wnd); break;
				case 6: tcb_expect(v, got, t->rcv_nxt); break;
				case 7: tcb_expect_lead(v, t->rcv_wnd); break;
				}
			}
		}
		canvas_free(cv);
		free(txt);
	}
	/* the handshake ends ESTABLISHED on both sides, with values shown */
	CU_ASSERT(checked > 16);
	run_close(&r);
}

static void
test_render_tcb_values_match_engine_every_step(void)
{
	check_tcb_matches_engine("handshake", false);
	check_tcb_matches_engine("handshake", true);
}

static void
test_render_ascii_only_bytes_in_both_languages(void)
{
	struct run r;

	CU_ASSERT_FATAL(run_open(&r, "handshake", false));
	for (size_t k = 0; k <= sim_nsteps(r.s); k++)
		for (int zh = 0; zh < 2; zh++) {
			char *txt = run_render(&r, k, zh ? 120 : 80, zh ? 40 : 24,
			    zh ? "zh" : "en", true, NULL);

			for (const char *p = txt; *p != '\0'; p++)
				if ((unsigned char)*p >= 0x80 ||
				    ((unsigned char)*p < 0x20 && *p != '\n')) {
					CU_FAIL("a byte that is not printable ASCII");
					break;
				}
			free(txt);
		}
	run_close(&r);
}

static void
test_render_small_terminal_asks_to_enlarge(void)
{
	struct run r;
	char *en, *zh;

	CU_ASSERT_FATAL(run_open(&r, "handshake", false));
	en = run_render(&r, 0, 60, 20, "en", false, NULL);
	zh = run_render(&r, 0, 79, 24, "zh", false, NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(en, "Please enlarge the window."));
	CU_ASSERT_PTR_NOT_NULL(strstr(en, "60x20"));
	CU_ASSERT_PTR_NULL(strstr(en, "\xe2\x94\x8c"));	/* no pane boxes */
	CU_ASSERT_PTR_NOT_NULL(strstr(zh, "\xe8\xaf\xb7"));	/* 请 */
	CU_ASSERT_PTR_NOT_NULL(strstr(zh, "79x24"));
	free(en);
	free(zh);
	run_close(&r);
}

/* Chinese screens line up: no line wider than the screen, borders aligned. */
static void
test_render_chinese_lines_up(void)
{
	struct run r;

	CU_ASSERT_FATAL(run_open(&r, "handshake", false));
	for (size_t k = 0; k <= sim_nsteps(r.s); k++) {
		struct canvas *cv;
		char *txt = run_render(&r, k, 80, 24, "zh", false, &cv), *line;
		int y = 0;

		for (line = strtok(txt, "\n"); line != NULL;
		    line = strtok(NULL, "\n"), y++) {
			const struct canvas_cell *right = canvas_at(cv, 79, y);

			CU_ASSERT(canvas_text_width(line) <= 80);
			/* a line that reaches the right edge ends there */
			if (right != NULL && right->cp != ' ' && right->width == 1)
				CU_ASSERT_EQUAL(canvas_text_width(line), 80);
		}
		canvas_free(cv);
		free(txt);
	}
	run_close(&r);
}

/* Going forward to k, or past it and back, draws the same screen. */
static void
test_render_same_screen_forward_and_back(void)
{
	struct run r;
	size_t n;

	CU_ASSERT_FATAL(run_open(&r, "handshake", false));
	n = sim_nsteps(r.s);
	for (size_t k = 0; k <= n; k++) {
		char *a = run_render(&r, k, 120, 40, "en", false, NULL), *b;

		sim_goto(r.s, n);
		sim_goto(r.s, 0);
		b = run_render(&r, k, 120, 40, "en", false, NULL);
		CU_ASSERT_STRING_EQUAL(a, b);
		free(a);
		free(b);
	}
	run_close(&r);
}

/*
 * Every step of every built-in scenario renders at the smallest and a
 * projector size in both languages: each line fits the screen, and the
 * narration and title are there.
 */
static void
test_render_every_step_of_every_scenario(void)
{
	for (size_t i = 0; i < sim_builtin_count(); i++) {
		struct run r;

		CU_ASSERT_FATAL(run_open(&r, sim_builtin_name(i), false));
		for (size_t k = 0; k <= sim_nsteps(r.s); k++)
			for (int v = 0; v < 4; v++) {
				int w = v & 1 ? 160 : 80, h = v & 1 ? 48 : 24;
				char *txt = run_render(&r, k, w, h,
				    v & 2 ? "zh" : "en", false, NULL), *line;
				int lines = 0;

				CU_ASSERT_PTR_NOT_NULL(strstr(txt, "tcpstep"));
				for (line = strtok(txt, "\n"); line != NULL;
				    line = strtok(NULL, "\n"), lines++)
					CU_ASSERT(canvas_text_width(line) <= w);
				CU_ASSERT(lines <= h);
				free(txt);
			}
		run_close(&r);
	}
}

/* At every step that carries a packet, the header pane shows its fields. */
static void
test_render_header_shows_the_packet(void)
{
	struct run r;
	int checked = 0;

	CU_ASSERT_FATAL(run_open(&r, "handshake", false));
	for (size_t k = 1; k <= sim_nsteps(r.s); k++) {
		const struct sim_step *st = sim_step_at(r.s, k);
		char *txt, want[96];
		struct pkt p;

		struct sim_seg g;

		if (st->pkt == NULL || pkt_decode(&p, PKT_LINK_RAW, st->pkt,
		    st->pkt_len, st->pkt_len) != 0)
			continue;
		txt = run_render(&r, k, 120, 40, "en", false, NULL);
		sim_segment(r.s, &g);
		if (g.valid && g.layer == SIM_L_TCP && (g.seq != p.tcp.seq ||
		    g.flags != p.tcp.flags)) {
			/* TCP builds its answer: that header, not yet sent */
			snprintf(want, sizeof(want), "Sequence Number %u",
			    (unsigned)g.seq);
			CU_ASSERT_PTR_NOT_NULL(strstr(txt, want));
			CU_ASSERT_PTR_NOT_NULL(strstr(txt, "Checksum not yet"));
			free(txt);
			continue;
		}
		snprintf(want, sizeof(want), "Sequence Number %u",
		    (unsigned)p.tcp.seq);
		CU_ASSERT_PTR_NOT_NULL(strstr(txt, want));
		snprintf(want, sizeof(want), "Acknowledgment Number %u",
		    (unsigned)p.tcp.ack);
		CU_ASSERT_PTR_NOT_NULL(strstr(txt, want));
		snprintf(want, sizeof(want), "Window %u", (unsigned)p.tcp.win);
		CU_ASSERT_PTR_NOT_NULL(strstr(txt, want));
		snprintf(want, sizeof(want), "Source Port %u",
		    (unsigned)p.tcp.sport);
		CU_ASSERT_PTR_NOT_NULL(strstr(txt, want));
		snprintf(want, sizeof(want), "Checksum 0x%04x",
		    (unsigned)p.tcp.cksum);
		CU_ASSERT_PTR_NOT_NULL(strstr(txt, want));
		free(txt);
		checked++;
	}
	CU_ASSERT(checked >= 6);	/* SYN, SYN+ACK, ACK: out and in */
	run_close(&r);
}

/* The buffers pane shows each socket's bytes held and size. */
static void
test_render_buffers_show_bytes_held(void)
{
	struct run r;
	int with_data = 0;

	CU_ASSERT_FATAL(run_open(&r, "data", false));
	for (size_t k = 0; k <= sim_nsteps(r.s); k++) {
		char *txt = run_render(&r, k, 120, 40, "en", false, NULL);

		for (int side = 0; side < SIM_NHOSTS; side++) {
			int i = sim_host_conn(r.s, side);
			const struct sock *so;
			char want[64];

			if (i < 0)
				continue;
			so = &sim_host(r.s, side)->sock[i];
			if (so->snd.size == 0 && so->rcv.size == 0)
				continue;
			snprintf(want, sizeof(want), "%u/%u",
			    (unsigned)so->snd.used, (unsigned)so->snd.size);
			CU_ASSERT_PTR_NOT_NULL(strstr(txt, want));
			snprintf(want, sizeof(want), "%u/%u",
			    (unsigned)so->rcv.used, (unsigned)so->rcv.size);
			CU_ASSERT_PTR_NOT_NULL(strstr(txt, want));
			with_data += so->snd.used > 0 || so->rcv.used > 0;
		}
		free(txt);
	}
	CU_ASSERT(with_data > 0);	/* the request and reply were held */
	run_close(&r);
}

/* Every key the issue names does what it says. */
static void
test_keys_table_binds_every_documented_key(void)
{
	static const struct {
		int			key;
		enum key_action		action;
	} want[] = {
		{ KEYC_RIGHT, KA_NEXT }, { ' ', KA_NEXT }, { 'n', KA_NEXT },
		{ 'l', KA_NEXT }, { KEYC_LEFT, KA_PREV },
		{ KEYC_BACKSPACE, KA_PREV }, { 'p', KA_PREV }, { 'h', KA_PREV },
		{ KEYC_HOME, KA_FIRST }, { KEYC_END, KA_LAST }, { 'g', KA_GOTO },
		{ 's', KA_SCENARIO }, { 'f', KA_FAULT }, { 'r', KA_RELATIVE },
		{ 'L', KA_LANG }, { KEYC_TAB, KA_FOCUS }, { 'd', KA_DUMP },
		{ '?', KA_HELP }, { 'q', KA_QUIT },
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CU_ASSERT_EQUAL(keys_action(want[i].key), want[i].action);
	CU_ASSERT_EQUAL(keys_action('z'), KA_NONE);
}

/* The ? overlay lists every key, in both languages, and fits 80x24. */
static void
test_render_help_overlay_lists_keys(void)
{
	static const char *const keys[] = { "Home", "End", "g", "s", "f", "r",
		"d", "Tab", "L", "?", "q" };
	struct run r;
	struct ui_state ui;

	CU_ASSERT_FATAL(run_open(&r, "handshake", false));
	for (int zh = 0; zh < 2; zh++) {
		struct canvas *cv = canvas_new(80, 24, false);
		char *txt;

		lang_set(zh ? "zh" : "en");
		screen_ui_init(&ui);
		ui.help = true;
		screen_draw(cv, r.s, r.l, &ui);
		txt = canvas_dump(cv);
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			char k[16];

			snprintf(k, sizeof(k), "\xe2\x94\x82 %s ", keys[i]);
			CU_ASSERT_PTR_NOT_NULL(strstr(txt, k));
		}
		free(txt);
		canvas_free(cv);
	}
	lang_set("en");
	run_close(&r);
}

/* A click on the ladder's row of the first SYN goes to the step that sent it. */
static void
test_render_ladder_click_selects_step(void)
{
	struct run r;
	struct ui_state ui;
	struct pane_ctx x;
	struct canvas *cv;
	size_t syn, last, hit = 0;

	CU_ASSERT_FATAL(run_open(&r, "handshake", false));
	syn = run_find_seg(&r, TH_SYN, 1);
	last = sim_nsteps(r.s);
	sim_goto(r.s, last);
	screen_ui_init(&ui);
	cv = canvas_new(120, 40, false);
	screen_draw(cv, r.s, r.l, &ui);
	CU_ASSERT_FATAL(screen_ladder_ctx(&x, cv, r.s, r.l, &ui));
	for (int y = x.r.y; y < x.r.y + x.r.h && hit == 0; y++) {
		char line[512];
		size_t n = 0;

		for (int cx = x.r.x; cx < x.r.x + x.r.w && n + 1 < sizeof(line);
		    cx++) {
			const struct canvas_cell *c = canvas_at(cv, cx, y);

			if (c->width != 0)
				line[n++] = c->cp < 0x80 ? (char)c->cp : '#';
		}
		line[n] = '\0';
		if (strstr(line, "SYN seq") != NULL)
			hit = ladder_hit(&x, x.r.x + x.r.w / 2, y);
	}
	CU_ASSERT(syn > 0);
	CU_ASSERT_EQUAL(hit, syn);
	/* outside any row: nothing */
	CU_ASSERT_EQUAL(ladder_hit(&x, x.r.x + 2, x.r.y), 0);
	canvas_free(cv);
	run_close(&r);
}

static int
render_suite_init(void)
{
	lang_init("en");
	return 0;
}

void test_render_register(void);

void
test_render_register(void)
{
	CU_pSuite s = CU_add_suite("render", render_suite_init, NULL);

	CU_add_test(s, "render: golden handshake key steps",
	    test_render_golden_handshake_key_steps);
	CU_add_test(s, "render: golden lost-syn retransmission",
	    test_render_golden_lost_syn_retransmission);
	CU_add_test(s, "render: TCB values match engine every step",
	    test_render_tcb_values_match_engine_every_step);
	CU_add_test(s, "render: ASCII-only bytes in both languages",
	    test_render_ascii_only_bytes_in_both_languages);
	CU_add_test(s, "render: small terminal asks to enlarge",
	    test_render_small_terminal_asks_to_enlarge);
	CU_add_test(s, "render: Chinese lines up",
	    test_render_chinese_lines_up);
	CU_add_test(s, "render: header shows the packet",
	    test_render_header_shows_the_packet);
	CU_add_test(s, "render: buffers show bytes held",
	    test_render_buffers_show_bytes_held);
	CU_add_test(s, "keys: table binds every documented key",
	    test_keys_table_binds_every_documented_key);
	CU_add_test(s, "render: help overlay lists keys",
	    test_render_help_overlay_lists_keys);
	CU_add_test(s, "render: ladder click selects step",
	    test_render_ladder_click_selects_step);
	CU_add_test(s, "render: every step of every scenario",
	    test_render_every_step_of_every_scenario);
	CU_add_test(s, "render: same screen forward and back",
	    test_render_same_screen_forward_and_back);
}
