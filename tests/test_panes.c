/*
 * Tests of what the panes show against the engine and the packets: the
 * TCB pane's windows (the host's number and the header's field, scaled),
 * the Buffers pane never showing a number cut short, the key bar at 80
 * columns, and the d pane's lines as tcpdump and tshark number them in
 * the exported capture (and, for the built-in scenarios, exactly as the
 * real tools printed them: tests/data/dump-lines.txt).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "canvas.h"
#include "lang.h"
#include "ladder.h"
#include "layout.h"
#include "pkt_print.h"
#include "screen.h"
#include "sim.h"
#include "tsim.h"

struct pr {
	struct sim	*s;
	struct ladder	*l;
};

static bool
pr_open(struct pr *r, const char *scenario, bool ipv6)
{
	r->l = NULL;
	if ((r->s = tsim_run(scenario, 1, ipv6)) == NULL)
		return false;
	r->l = ladder_build(r->s, 100000);
	return true;
}

static void
pr_close(struct pr *r)
{
	ladder_free(r->l);
	sim_free(r->s);
}

/* The screen at step k drawn with ui into a new canvas (caller frees). */
static struct canvas *
pr_draw(struct pr *r, size_t k, int w, int h, bool ascii,
    const struct ui_state *ui)
{
	struct canvas *cv = canvas_new(w, h, ascii);

	sim_goto(r->s, k);
	screen_draw(cv, r->s, r->l, ui);
	return cv;
}

/*
 * Row y of cv from x0 to x1 (excluded), one byte per cell: a non-ASCII
 * character as '#', '#' for each cell it covers, so offsets are columns.
 */
static void
pr_row(const struct canvas *cv, int y, int x0, int x1, char *buf, size_t len)
{
	size_t n = 0;

	for (int x = x0; x < x1 && n + 1 < len; x++) {
		const struct canvas_cell *c = canvas_at(cv, x, y);

		if (c != NULL)
			buf[n++] = c->width != 0 && c->cp < 0x80 ?
			    (char)c->cp : '#';
	}
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
}

/* --- TCB: the windows ---------------------------------------------------- */

/*
 * The TCB pane's row labelled label: each side's text.  The columns are
 * where the ISS row's two values start (its label is the same in both
 * languages): after the label, then after a gap of two spaces or more.
 */
static bool
pr_tcb_row(const struct canvas *cv, struct rect r, const char *label,
    char *side0, char *side1, size_t len)
{
	char line[1024];
	int x0 = -1, x1 = -1;

	for (int y = r.y + 1; y < r.y + r.h - 1 && x1 < 0; y++) {
		const char *p;

		pr_row(cv, y, r.x + 3, r.x + r.w - 1, line, sizeof(line));
		if (strncmp(line, "ISS", 3) != 0)
			continue;
		p = strstr(line, "  ");
		if (p == NULL)
			return false;
		while (*p == ' ')
			p++;
		x0 = r.x + 3 + (int)(p - line);
		if ((p = strstr(p, "  ")) == NULL)
			return false;
		while (*p == ' ')
			p++;
		x1 = r.x + 3 + (int)(p - line);
	}
	if (x1 < 0)
		return false;
	for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
		pr_row(cv, y, r.x + 3, x0, line, sizeof(line));
		if (strcmp(line, label) != 0)
			continue;
		pr_row(cv, y, x0, x1, side0, len);
		pr_row(cv, y, x1, r.x + r.w - 1, side1, len);
		return true;
	}
	return false;
}

struct win_shown {
	unsigned	value;		/* the host's SND.WND or RCV.WND */
	bool		wire;		/* a header's part follows */
	unsigned	field, shift, scaled;
};

/*
 * "64240 # sends 501<<7 = 64128", "65160 # got 65160", "64240 # 501<<7",
 * "0"; the word before the field depends on the language and the width.
 */
static bool
pr_parse_win(const char *s, struct win_shown *w)
{
	const char *p;
	char *end;

	memset(w, 0, sizeof(*w));
	w->value = (unsigned)strtoul(s, &end, 10);
	if (end == s)
		return false;
	if (*end == '\0')
		return true;
	if (strncmp(end, " # ", 3) != 0)
		return false;
	w->wire = true;
	/* the field: the first number after the mark */
	for (p = end + 3; *p != '\0' && (*p < '0' || *p > '9'); p++)
		;
	w->field = (unsigned)strtoul(p, &end, 10);
	if (end == p)
		return false;
	w->scaled = w->field;
	if (strncmp(end, "<<", 2) == 0) {
		w->shift = (unsigned)strtoul(end + 2, &end, 10);
		w->scaled = w->field << w->shift;
		while (*end == ' ' || *end == '=')
			end++;
		if (*end != '\0' && (unsigned)strtoul(end, NULL, 10) !=
		    w->scaled)
			return false;	/* "= V" must be the field shifted */
	}
	return true;
}

/* The TCP segment of step k, decoded; false if it has none. */
static bool
pr_step_pkt(const struct sim *s, size_t k, struct pkt *p)
{
	const struct sim_step *st = sim_step_at(s, k);

	return st != NULL && st->pkt != NULL && pkt_decode(p, PKT_LINK_RAW,
	    st->pkt, st->pkt_len, st->pkt_len) == 0 && p->has_tcp;
}

/*
 * At every step, at a size with one row per field and at the two common
 * ones: both windows show the engine's number; the header's part, once
 * there is one, is what the segments carry.  At the step a host puts a
 * segment on the wire, RCV.WND's field is that segment's Window; at the
 * step a segment updates the receiver's SND.WND, SND.WND's field is its
 * Window; and always SND.WND is its field shifted by the scale.
 */
static void
check_tcb_windows(const char *scenario, bool ipv6, int w, int h,
    int *n_sent, int *n_got)
{
	struct pr r;

	CU_ASSERT_FATAL(pr_open(&r, scenario, ipv6));
	for (size_t k = 0; k <= sim_nsteps(r.s); k++) {
		const struct sim_step *st = k ? sim_step_at(r.s, k) : NULL;
		struct ui_state ui;
		struct layout lay;
		struct canvas *cv;
		struct pkt p;
		bool have = k > 0 && pr_step_pkt(r.s, k, &p);

		screen_ui_init(&ui);
		layout_compute(&lay, w, h, ui.focus, ui.dump);
		cv = pr_draw(&r, k, w, h, false, &ui);
		for (int side = 0; side < SIM_NHOSTS; side++) {
			int i = sim_host_conn(r.s, side);
			const struct tcb *t;
			char a[2][512];
			struct win_shown snd, rcv;
			char name[64];

			if (i < 0)
				continue;
			t = &sim_host(r.s, side)->sock[i].tcb;
			CU_ASSERT_FATAL(pr_tcb_row(cv, lay.tcb, "SND.WND", a[0],
			    a[1], sizeof(a[0])));
			CU_ASSERT_FATAL(pr_parse_win(a[side], &snd));
			CU_ASSERT_FATAL(pr_tcb_row(cv, lay.tcb, "RCV.WND", a[0],
			    a[1], sizeof(a[0])));
			CU_ASSERT_FATAL(pr_parse_win(a[side], &rcv));
			CU_ASSERT_EQUAL(snd.value, t->snd_wnd);
			CU_ASSERT_EQUAL(rcv.value, t->rcv_wnd);
			if (snd.wire)
				CU_ASSERT_EQUAL(snd.scaled, t->snd_wnd);
			/* a host synchronized has sent and heard a window */
			if (t->state == TCPS_ESTABLISHED) {
				CU_ASSERT(snd.wire);
				CU_ASSERT(rcv.wire);
				if (t->wscale_ok && t->rcv_wscale > 0)
					CU_ASSERT_EQUAL(rcv.shift,
					    t->rcv_wscale);
			}
			if (!have)
				continue;
			if (st->captured && st->host == side &&
			    p.tcp.sport == sim_host(r.s, side)->sock[i].local_port &&
			    (p.tcp.flags & TH_RST) == 0) {
				CU_ASSERT(rcv.wire);
				CU_ASSERT_EQUAL(rcv.field, p.tcp.win);
				(*n_sent)++;
			}
			snprintf(name, sizeof(name), "%s.tcb.snd_wnd",
			    sim_host_name(side));
			if (st->host == side && st->layer == SIM_L_TCP &&
			    t->state > TCPS_SYN_SENT &&
			    sim_step_changed(r.s, k, name) &&
			    p.tcp.dport == sim_host(r.s, side)->sock[i].local_port) {
				CU_ASSERT(snd.wire);
				CU_ASSERT_EQUAL(snd.field, p.tcp.win);
				(*n_got)++;
			}
		}
		canvas_free(cv);
	}
	pr_close(&r);
}

static void
test_panes_tcb_windows_engine_and_header(void)
{
	static const char *const scn[] = { "handshake", "data",
		"zero-window", "mixed-stacks", "open-simultaneous", "close" };
	static const int sizes[][2] = { { 160, 48 }, { 120, 40 }, { 80, 24 } };
	int sent = 0, got = 0;

	for (size_t i = 0; i < sizeof(scn) / sizeof(scn[0]); i++)
		for (size_t j = 0; j < 3; j++)
			check_tcb_windows(scn[i], false, sizes[j][0],
			    sizes[j][1], &sent, &got);
	check_tcb_windows("handshake", true, 80, 24, &sent, &got);
	/* the field was compared with real segments, both ways */
	CU_ASSERT(sent > 50);
	CU_ASSERT(got > 20);
}

/* The handshake's ACK: RCV.WND 64240 goes out as 501, read as 64128. */
static void
test_panes_tcb_window_scaled_down_on_the_wire(void)
{
	struct pr r;
	struct ui_state ui;
	struct layout lay;
	size_t k;

	CU_ASSERT_FATAL(pr_open(&r, "handshake", false));
	screen_ui_init(&ui);
	layout_compute(&lay, 80, 24, ui.focus, ui.dump);
	for (k = sim_nsteps(r.s); k > 0; k--) {
		struct pkt p;

		if (sim_step_at(r.s, k)->captured && pr_step_pkt(r.s, k, &p) &&
		    p.tcp.flags == TH_ACK)
			break;
	}
	CU_ASSERT_FATAL(k > 0);
	for (int zh = 0; zh < 2; zh++) {
		struct canvas *cv;
		char a[2][512];
		struct win_shown w;
		const struct tcb *t;

		lang_set(zh ? "zh" : "en");
		cv = pr_draw(&r, k, 80, 24, false, &ui);
		t = &sim_host(r.s, SIM_CLIENT)->sock[sim_host_conn(r.s,
		    SIM_CLIENT)].tcb;
		CU_ASSERT_FATAL(pr_tcb_row(cv, lay.tcb, "RCV.WND", a[0], a[1],
		    sizeof(a[0])));
		CU_ASSERT(pr_parse_win(a[0], &w));
		CU_ASSERT_EQUAL(w.value, t->rcv_wnd);
		CU_ASSERT_EQUAL(w.field, t->rcv_wnd >> t->rcv_wscale);
		CU_ASSERT_EQUAL(w.shift, t->rcv_wscale);
		CU_ASSERT_EQUAL(w.scaled, (t->rcv_wnd >> t->rcv_wscale) <<
		    t->rcv_wscale);
		CU_ASSERT(t->rcv_wscale > 0 && w.scaled != w.value);
		canvas_free(cv);
	}
	lang_set("en");
	pr_close(&r);
}

/* --- Buffers: no number cut short ---------------------------------------- */

static bool
pr_in(const uint32_t *set, size_t n, unsigned long v)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == v)
			return true;
	return false;
}

/*
 * Every number in the Buffers pane is one of the engine's values it
 * shows (a cut one, "642" of 64240, is not); each synchronized side's
 * SND.NXT and RCV.NXT are there.
 */
static void
check_buffers(struct pr *r, size_t k, int w, int h, bool dump, bool rel,
    int *checked)
{
	struct ui_state ui;
	struct layout lay;
	struct canvas *cv;
	uint32_t set[32];
	size_t n = 0;
	char text[8192] = "";

	screen_ui_init(&ui);
	ui.dump = dump;
	ui.relative = rel;
	if (w < LAYOUT_WIDE_W || h < LAYOUT_WIDE_H)
		ui.focus = FOCUS_BUFFERS;
	layout_compute(&lay, w, h, ui.focus, ui.dump);
	CU_ASSERT_FATAL(lay.buffers.w > 0);
	cv = pr_draw(r, k, w, h, false, &ui);
	for (int side = 0; side < SIM_NHOSTS; side++) {
		int i = sim_host_conn(r->s, side);
		const struct sock *so;
		const struct tcb *t;

		if (i < 0)
			continue;
		so = &sim_host(r->s, side)->sock[i];
		t = &so->tcb;
		set[n++] = rel ? t->snd_una - t->iss : t->snd_una;
		set[n++] = rel ? t->snd_nxt - t->iss : t->snd_nxt;
		set[n++] = rel ? t->rcv_nxt - t->irs : t->rcv_nxt;
		set[n++] = t->rcv_wnd;
		set[n++] = so->snd.used;
		set[n++] = so->snd.size;
		set[n++] = so->rcv.used;
		set[n++] = so->rcv.size;
	}
	for (int y = lay.buffers.y + 1; y < lay.buffers.y + lay.buffers.h - 1;
	    y++) {
		char line[1024];

		pr_row(cv, y, lay.buffers.x + 1, lay.buffers.x +
		    lay.buffers.w - 1, line, sizeof(line));
		strncat(text, line, sizeof(text) - strlen(text) - 2);
		strcat(text, "\n");
		for (const char *p = line; *p != '\0'; ) {
			char *end;
			unsigned long v;

			if (*p < '0' || *p > '9') {
				p++;
				continue;
			}
			v = strtoul(p, &end, 10);
			if (!pr_in(set, n, v)) {
				fprintf(stderr, "buffers %dx%d%s step %zu: %lu "
				    "is no value shown:\n%s\n", w, h,
				    dump ? " d" : "", k, v, line);
				CU_FAIL("a number in the Buffers pane is cut");
			}
			(*checked)++;
			p = end;
		}
	}
	/* with room for both buffers' rows */
	for (int side = 0; side < SIM_NHOSTS && lay.buffers.h >= 7; side++) {
		int i = sim_host_conn(r->s, side);
		const struct tcb *t;
		char want[32];

		if (i < 0 || sim_host(r->s, side)->sock[i].snd.size == 0)
			continue;
		t = &sim_host(r->s, side)->sock[i].tcb;
		if (t->state != TCPS_ESTABLISHED)
			continue;
		snprintf(want, sizeof(want), "NXT %u", rel ?
		    (unsigned)(t->snd_nxt - t->iss) : (unsigned)t->snd_nxt);
		CU_ASSERT_PTR_NOT_NULL(strstr(text, want));
		snprintf(want, sizeof(want), "NXT %u", rel ?
		    (unsigned)(t->rcv_nxt - t->irs) : (unsigned)t->rcv_nxt);
		CU_ASSERT_PTR_NOT_NULL(strstr(text, want));
	}
	canvas_free(cv);
}

static void
test_panes_buffers_never_cut_a_number(void)
{
	static const char *const scn[] = { "handshake", "data",
		"zero-window" };
	static const struct { int w, h; bool dump; } sz[] = {
		{ 80, 24, false }, { 80, 24, true }, { 100, 30, true },
		{ 120, 40, false }, { 120, 40, true }, { 160, 48, true },
	};
	int checked = 0;

	for (size_t i = 0; i < sizeof(scn) / sizeof(scn[0]); i++) {
		struct pr r;

		CU_ASSERT_FATAL(pr_open(&r, scn[i], false));
		for (size_t k = 0; k <= sim_nsteps(r.s); k++)
			for (size_t j = 0; j < sizeof(sz) / sizeof(sz[0]); j++)
				for (int rel = 0; rel < 2; rel++) {
					lang_set(j % 2 ? "zh" : "en");
					check_buffers(&r, k, sz[j].w, sz[j].h,
					    sz[j].dump, rel, &checked);
				}
		pr_close(&r);
	}
	lang_set("en");
	CU_ASSERT(checked > 1000);
}

/* --- the key bar --------------------------------------------------------- */

static void
test_panes_key_bar_at_80_has_tab_and_d(void)
{
	static const char *const keys[] = { "Tab ", " d ", " s ", " f ",
		" L ", " ? ", " q " };
	struct pr r;
	struct ui_state ui;

	CU_ASSERT_FATAL(pr_open(&r, "handshake", false));
	screen_ui_init(&ui);
	for (int zh = 0; zh < 2; zh++) {
		struct canvas *cv;
		char bar[256];

		lang_set(zh ? "zh" : "en");
		cv = pr_draw(&r, 0, 80, 24, true, &ui);
		pr_row(cv, 23, 0, 80, bar, sizeof(bar));
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			CU_ASSERT_PTR_NOT_NULL(strstr(bar, keys[i]));
		canvas_free(cv);
	}
	lang_set("en");
	pr_close(&r);
}

/* --- the d pane ---------------------------------------------------------- */

struct frame_lines {
	const uint8_t	*pkt;		/* the frame's bytes in the sim */
	size_t		 len;
	size_t		 step;
	char		 td[2][600], ts[2][600];	/* [relative] */
};

/*
 * What the tools print for each frame of `tcpstep export`'s capture:
 * every captured step in order, through the codec's tracker.
 */
static struct frame_lines *
pr_capture_lines(const struct sim *s, size_t *nf)
{
	struct frame_lines *f = calloc(sim_nsteps(s) + 1, sizeof(*f));
	struct pkt_print_track tr;

	*nf = 0;
	pkt_print_track_init(&tr);
	for (size_t k = 1; k <= sim_nsteps(s); k++) {
		const struct sim_step *st = sim_step_at(s, k);
		struct pkt_print_ctx td, ws;
		struct frame_lines *o = &f[*nf];
		struct pkt p;

		if (!st->captured || st->pkt == NULL || pkt_decode(&p,
		    PKT_LINK_RAW, st->pkt, st->pkt_len, st->pkt_len) != 0 ||
		    !pkt_print_track(&tr, &p, &td, &ws))
			continue;
		o->pkt = st->pkt;
		o->len = st->pkt_len;
		o->step = k;
		pkt_print_tcpdump(&p, &td, o->td[1], sizeof(o->td[1]));
		pkt_print_tshark(&p, &ws, true, o->ts[1], sizeof(o->ts[1]));
		td.relative = ws.relative = false;
		pkt_print_tcpdump(&p, &td, o->td[0], sizeof(o->td[0]));
		pkt_print_tshark(&p, &ws, true, o->ts[0], sizeof(o->ts[0]));
		(*nf)++;
	}
	return f;
}

/* Row y of cv from x0 to x1 as UTF-8, trailing spaces dropped. */
static void
pr_row_utf8(const struct canvas *cv, int y, int x0, int x1, char *buf,
    size_t len)
{
	size_t n = 0;

	for (int x = x0; x < x1 && n + 4 < len; x++) {
		const struct canvas_cell *c = canvas_at(cv, x, y);
		uint32_t cp;

		if (c == NULL || c->width == 0)
			continue;
		cp = c->cp;
		if (cp < 0x80)
			buf[n++] = (char)cp;
		else if (cp < 0x800) {
			buf[n++] = (char)(0xc0 | (cp >> 6));
			buf[n++] = (char)(0x80 | (cp & 0x3f));
		} else {
			buf[n++] = (char)(0xe0 | (cp >> 12));
			buf[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
			buf[n++] = (char)(0x80 | (cp & 0x3f));
		}
	}
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
}

/* The d pane's two lines, each tool's rows joined. */
static void
pr_dump_lines(const struct canvas *cv, struct rect r, char *td, char *ts,
    size_t len)
{
	char *to = NULL;

	td[0] = ts[0] = '\0';
	for (int y = r.y + 1; y < r.y + r.h; y++) {
		char line[1200];

		pr_row_utf8(cv, y, r.x + 1, r.x + r.w - 1, line, sizeof(line));
		if (strncmp(line, "tcpdump ", 8) == 0)
			to = td;
		else if (strncmp(line, "tshark  ", 8) == 0)
			to = ts;
		if (to != NULL && strlen(line) > 8)
			strncat(to, line + 8, len - strlen(to) - 1);
	}
}

/*
 * The pane's lines against the tracker's: tcpdump's the same, but for the
 * ": HTTP..." it adds on port 80; tshark's the same after its analysis
 * labels ("[TCP Retransmission] "), where its HTTP dissector does not take
 * the bytes (tests/data/dump-lines.txt checks those against tshark).
 */
static void
pr_check_lines(const char *td, const char *ts, const char *wtd,
    const char *wts, const struct sim_step *st)
{
	struct pkt p;
	bool http = false;
	const char *rest = ts;

	if (pkt_decode(&p, PKT_LINK_RAW, st->pkt, st->pkt_len,
	    st->pkt_len) == 0 && p.tcp.payload_len > 0 &&
	    (p.tcp.sport == 80 || p.tcp.dport == 80))
		http = true;
	CU_ASSERT(strncmp(td, wtd, strlen(wtd)) == 0);
	CU_ASSERT(td[strlen(wtd)] == '\0' || (http &&
	    strncmp(td + strlen(wtd), ": HTTP", 6) == 0));
	if (http)
		return;
	while (strncmp(rest, "[TCP ", 5) == 0 && strstr(rest, "] ") != NULL)
		rest = strstr(rest, "] ") + 2;
	CU_ASSERT_STRING_EQUAL(rest, wts);
}

static void
check_dump(const char *scenario, bool ipv6, int *checked)
{
	struct pr r;
	struct frame_lines *f;
	size_t nf;

	CU_ASSERT_FATAL(pr_open(&r, scenario, ipv6));
	f = pr_capture_lines(r.s, &nf);
	for (size_t k = 1; k <= sim_nsteps(r.s); k++) {
		const struct sim_step *st = sim_step_at(r.s, k);
		const struct frame_lines *want = NULL;

		if (st->pkt == NULL)
			continue;
		/*
		 * The frame of the same bytes: the last one sent at or
		 * before k (k is where it arrives), else the first after (k
		 * is where IP builds it).
		 */
		for (size_t i = 0; i < nf; i++) {
			if (f[i].len != st->pkt_len || memcmp(f[i].pkt,
			    st->pkt, st->pkt_len) != 0)
				continue;
			if (f[i].step <= k || want == NULL)
				want = &f[i];
			if (f[i].step >= k)
				break;
		}
		CU_ASSERT_FATAL(want != NULL);
		for (int rel = 0; rel < 2; rel++) {
			struct ui_state ui;
			struct layout lay;
			struct canvas *cv;
			char td[1200], ts[1200], head[1200];

			screen_ui_init(&ui);
			ui.dump = true;
			ui.relative = rel;
			/* wide enough that no line wraps */
			layout_compute(&lay, 900, 40, ui.focus, true);
			cv = pr_draw(&r, k, 900, 40, true, &ui);
			pr_dump_lines(cv, lay.dump, td, ts, sizeof(td));
			pr_check_lines(td, ts, want->td[rel], want->ts[rel],
			    st);
			/* the heading says which numbering, as which command */
			pr_row(cv, lay.dump.y, 0, 900, head, sizeof(head));
			CU_ASSERT((strstr(head, "tcpdump -nn -S") != NULL) ==
			    !rel);
			CU_ASSERT_PTR_NOT_NULL(strstr(head, rel ? "relative" :
			    "absolute"));
			canvas_free(cv);
			(*checked)++;
		}
	}
	free(f);
	pr_close(&r);
}

static void
test_panes_dump_numbers_as_the_tools_do(void)
{
	int checked = 0;

	for (size_t i = 0; i < sim_builtin_count(); i++)
		check_dump(sim_builtin_name(i), false, &checked);
	check_dump("handshake", true, &checked);
	check_dump("lost-syn", true, &checked);
	CU_ASSERT(checked > 500);
}

/*
 * tests/data/dump-lines.txt holds what tcpdump 4.99 and tshark 4.0 print
 * for every frame of every built-in scenario's export (seed 1, IPv4;
 * tools/ref-dump-lines.sh records it): at the step that puts frame N on
 * the wire the d pane prints exactly those lines, both numberings.
 */
static void
test_panes_dump_as_the_real_tools(void)
{
	FILE *f = fopen("tests/data/dump-lines.txt", "r");
	char line[1500], cur[64] = "";
	struct pr r = { NULL, NULL };
	size_t frames[512], nf = 0;
	int checked = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char scn[64], mode[8], tool[16], td[1200], ts[1200];
		const char *want;
		unsigned long n;
		int off = 0;
		struct ui_state ui;
		struct layout lay;
		struct canvas *cv;
		size_t l;

		if (line[0] == '#')
			continue;
		l = strlen(line);
		while (l > 0 && (line[l - 1] == '\n' || line[l - 1] == ' '))
			line[--l] = '\0';
		if (sscanf(line, "%63s %lu %7s %15s %n", scn, &n, mode, tool,
		    &off) != 4 || off == 0) {
			CU_FAIL("bad line in dump-lines.txt");
			continue;
		}
		want = line + off;
		if (strcmp(scn, cur) != 0) {
			if (r.s != NULL)
				pr_close(&r);
			CU_ASSERT_FATAL(pr_open(&r, scn, false));
			snprintf(cur, sizeof(cur), "%s", scn);
			nf = 0;
			for (size_t k = 1; k <= sim_nsteps(r.s) && nf < 512; k++)
				if (sim_step_at(r.s, k)->captured &&
				    sim_step_at(r.s, k)->pkt != NULL)
					frames[nf++] = k;
		}
		if (n == 0 || n > nf) {
			/* the engine changed: sh tools/ref-dump-lines.sh */
			CU_FAIL("dump-lines.txt: no such frame in the run");
			continue;
		}
		screen_ui_init(&ui);
		ui.dump = true;
		ui.relative = strcmp(mode, "rel") == 0;
		layout_compute(&lay, 900, 40, ui.focus, true);
		cv = pr_draw(&r, frames[n - 1], 900, 40, false, &ui);
		pr_dump_lines(cv, lay.dump, td, ts, sizeof(td));
		if (strcmp(strcmp(tool, "tcpdump") == 0 ? td : ts, want) != 0) {
			fprintf(stderr, "%s frame %lu %s %s:\n want %s\n got  "
			    "%s\n", scn, n, mode, tool, want,
			    strcmp(tool, "tcpdump") == 0 ? td : ts);
			CU_FAIL("the d pane differs from the tool");
		}
		checked++;
		canvas_free(cv);
	}
	fclose(f);
	if (r.s != NULL)
		pr_close(&r);
	CU_ASSERT(checked > 400);
}

static int
panes_suite_init(void)
{
	lang_init("en");
	return 0;
}

void test_panes_register(void);

void
test_panes_register(void)
{
	CU_pSuite s = CU_add_suite("panes", panes_suite_init, NULL);

	CU_add_test(s, "panes: TCB windows, engine and header",
	    test_panes_tcb_windows_engine_and_header);
	CU_add_test(s, "panes: TCB window scaled down on the wire",
	    test_panes_tcb_window_scaled_down_on_the_wire);
	CU_add_test(s, "panes: buffers never cut a number",
	    test_panes_buffers_never_cut_a_number);
	CU_add_test(s, "panes: key bar at 80 has Tab and d",
	    test_panes_key_bar_at_80_has_tab_and_d);
	CU_add_test(s, "panes: dump numbers as the tools do",
	    test_panes_dump_numbers_as_the_tools_do);
	CU_add_test(s, "panes: dump as the real tools print it",
	    test_panes_dump_as_the_real_tools);
}
