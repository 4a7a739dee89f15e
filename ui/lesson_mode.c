#include "lesson_mode.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "keys.h"
#include "layout.h"
#include "lesson_sim.h"
#include "screen.h"
#include "theme.h"
#include "xalloc.h"

#define LM_LADDER_STEPS	100000
#define LM_READ_W	100	/* widest line of narration */
#define LM_PANE_MAX	(LM_READ_W + 4)	/* the lesson pane, border included */

static const struct lesson_question *
lm_question(const struct lesson_mode *m)
{
	const struct lesson_stop *s;

	if (m->stop < 0 || m->stop >= m->l->nstops)
		return NULL;
	s = &m->l->stops[m->stop];
	return m->q < s->nq ? &s->q[m->q] : NULL;
}

/* Ask question q of the current stop, or finish the stop. */
static void
lm_ask(struct lesson_mode *m, int q)
{
	const struct lesson_stop *s = &m->l->stops[m->stop];
	struct ts_err err;

	m->q = q;
	m->tries = 0;
	m->input[0] = '\0';
	m->away = false;
	if (q >= s->nq) {
		m->phase = LM_READ;
		return;
	}
	/* lesson_mode_init resolved every answer, so this cannot fail. */
	if (lesson_answer(m->l, &m->eng, m->steps[m->stop], &s->q[q],
	    &m->want, &err) == -1)
		memset(&m->want, 0, sizeof(m->want));
	sim_goto(m->sim, m->steps[m->stop]);
	m->phase = LM_ASK;
}

/* Save where the student is (self-study only); a failure is shown. */
static void
lm_autosave(struct lesson_mode *m)
{
	struct ts_err err;

	if (m->present || m->name[0] == '\0')
		return;
	if (lesson_mode_save(m, m->name, &err) == -1)
		snprintf(m->note, sizeof(m->note), "%.150s", err.msg);
}

static void
lm_enter_stop(struct lesson_mode *m, int i)
{
	m->stop = i;
	sim_goto(m->sim, m->steps[i]);
	/* A stop seen before is not asked again (stepping back and forth). */
	if (i <= m->reached) {
		m->q = m->l->stops[i].nq;
		m->phase = LM_READ;
		return;
	}
	m->reached = i;
	lm_autosave(m);
	lm_ask(m, 0);
}

int
lesson_mode_init(struct lesson_mode *m, const struct lesson *l,
    struct sim *s, bool present, enum lesson_lang lang, struct ts_err *err)
{
	memset(m, 0, sizeof(*m));
	m->l = l;
	m->sim = s;
	m->present = present;
	m->lang = lang;
	m->stop = -1;
	m->reached = -1;
	m->phase = LM_INTRO;
	m->steps = xcalloc((size_t)(l->nstops > 0 ? l->nstops : 1),
	    sizeof(*m->steps));
	lesson_sim_bind(s, &m->eng);
	if (lesson_resolve(l, &m->eng, m->steps, err) == -1) {
		free(m->steps);
		m->steps = NULL;
		return -1;
	}
	m->ladder = ladder_build(s, LM_LADDER_STEPS);
	sim_goto(s, 0);
	return 0;
}

void
lesson_mode_done(struct lesson_mode *m)
{
	ladder_free(m->ladder);
	free(m->steps);
	m->ladder = NULL;
	m->steps = NULL;
}

void
lesson_mode_seek(struct lesson_mode *m, int stop)
{
	if (stop < 0 || stop >= m->l->nstops)
		return;
	m->reached = stop - 1;
	lm_enter_stop(m, stop);
}

/* One step on, entering the next stop when the run reaches it. */
static void
lm_forward(struct lesson_mode *m)
{
	size_t cur = sim_cur(m->sim);
	int next = m->stop + 1;

	if (next < m->l->nstops && m->steps[next] <= cur) {
		lm_enter_stop(m, next);
		return;
	}
	if (cur >= m->eng.last) {
		if (next >= m->l->nstops && m->phase != LM_DONE) {
			m->phase = LM_DONE;
			lm_autosave(m);
		}
		return;
	}
	sim_goto(m->sim, cur + 1);
	if (next < m->l->nstops && m->steps[next] == cur + 1)
		lm_enter_stop(m, next);
	else
		m->phase = LM_WATCH;
}

/* One step back; the stop shown follows the run back. */
static void
lm_back(struct lesson_mode *m)
{
	size_t cur = sim_cur(m->sim);

	if (cur == 0) {
		m->phase = LM_INTRO;
		m->stop = -1;
		return;
	}
	sim_goto(m->sim, cur - 1);
	while (m->stop >= 0 && m->steps[m->stop] > cur - 1)
		m->stop--;
	if (m->stop >= 0 && m->steps[m->stop] == cur - 1) {
		m->q = m->l->stops[m->stop].nq;
		m->phase = LM_READ;
	} else
		m->phase = cur - 1 == 0 && m->stop < 0 ? LM_INTRO : LM_WATCH;
}

static void
lm_check(struct lesson_mode *m)
{
	const struct lesson_question *q = lm_question(m);

	if (q == NULL || m->input[0] == '\0')
		return;
	if (lesson_check(q, &m->want, m->input)) {
		if (m->tries == 0)
			m->score++;
		m->asked++;
		m->phase = LM_RIGHT;
	} else if (++m->tries >= 2) {
		m->asked++;
		m->phase = LM_REVEAL;
	} else {
		m->phase = LM_WRONG;
		m->input[0] = '\0';
	}
}

/* Typing an answer: printable ASCII only (numbers, letters, state names). */
static bool
lm_type(struct lesson_mode *m, int key)
{
	size_t n = strlen(m->input);

	if (key == KEYC_BACKSPACE) {
		if (n > 0)
			m->input[n - 1] = '\0';
		return true;
	}
	if (key == KEYC_ESCAPE) {
		/* Out of the field, so q quits again; the answer stays. */
		m->away = true;
		return true;
	}
	if (key == KEYC_ENTER) {
		lm_check(m);
		return true;
	}
	if (key >= 0x20 && key < 0x7f) {
		if (n + 1 < sizeof(m->input)) {
			m->input[n] = (char)key;
			m->input[n + 1] = '\0';
		}
		return true;
	}
	return false;
}

static bool
lm_is_next(int key)
{
	return key == KEYC_RIGHT || key == ' ' || key == 'n' || key == 'l' ||
	    key == KEYC_ENTER || key == KEYC_PGDN;
}

static bool
lm_is_back(int key)
{
	return key == KEYC_LEFT || key == 'p' || key == 'h' ||
	    key == KEYC_BACKSPACE || key == KEYC_PGUP;
}

enum lesson_key_result
lesson_mode_key(struct lesson_mode *m, int key)
{
	bool typing = !m->present && (m->phase == LM_ASK ||
	    m->phase == LM_WRONG);

	if (key == KEYC_TAB) {
		m->show_sim = !m->show_sim;
		return LMK_REDRAW;
	}
	if (key == KEYC_RESIZE || key == KEYC_CTRL_L)
		return LMK_REDRAW;
	if (typing && !m->away)
		return lm_type(m, key) ? LMK_REDRAW : LMK_NONE;
	if (key == 'q' || key == 'Q')
		return LMK_QUIT;
	if (typing) {
		/* Left the field: Enter goes back to it; ← still steps back. */
		if (key == KEYC_ENTER) {
			m->away = false;
			return LMK_REDRAW;
		}
		if (lm_is_back(key)) {
			/* Unanswered: coming back to this stop asks again. */
			if (m->reached == m->stop)
				m->reached = m->stop - 1;
			lm_back(m);
			return LMK_REDRAW;
		}
		return LMK_NONE;
	}
	/* Classroom: Enter shows the answer; the next key goes on. */
	if (m->present && m->phase == LM_ASK && (key == KEYC_ENTER ||
	    key == 'a')) {
		m->asked++;
		m->phase = LM_REVEAL;
		return LMK_REDRAW;
	}
	if (lm_is_next(key)) {
		if (m->phase == LM_RIGHT || m->phase == LM_REVEAL ||
		    (m->present && m->phase == LM_ASK))
			lm_ask(m, m->q + 1);
		else if (m->phase != LM_DONE)
			lm_forward(m);
		return LMK_REDRAW;
	}
	if (lm_is_back(key)) {
		lm_back(m);
		return LMK_REDRAW;
	}
	return LMK_NONE;
}

/* --- drawing ------------------------------------------------------------- */

struct lm_pen {
	struct canvas	*cv;
	struct rect	 r;		/* the pane's inside */
	int		 y;		/* next row */
	bool		 plain;		/* line mode: no input line */
};

static void
lm_text(struct lm_pen *p, int role, int flags, const char *s)
{
	struct rect r = { p->r.x, p->y, p->r.w, p->r.y + p->r.h - p->y };
	int n;

	if (r.h <= 0 || s[0] == '\0')
		return;
	n = canvas_put_wrapped(p->cv, r, role, flags, s);
	p->y += n < r.h ? n : r.h;
}

static void
lm_gap(struct lm_pen *p)
{
	if (p->y < p->r.y + p->r.h)
		p->y++;
}

static void
lm_draw_question(const struct lesson_mode *m, struct lm_pen *p)
{
	const struct lesson_question *q = lm_question(m);
	char line[LESSON_TEXT_MAX + 64], val[EXPR_NAME_MAX];
	const char *t;
	int i;

	if (q == NULL)
		return;
	snprintf(line, sizeof(line), _("Question %d: %s"), m->q + 1,
	    lesson_text(&q->prompt, m->lang));
	lm_text(p, ROLE_HEAD, CF_BOLD, line);
	for (i = 0; i < q->nchoices; i++) {
		t = lesson_text(&q->choices[i].text, m->lang);
		snprintf(line, sizeof(line), "  %c) %s", 'a' + i, t[0] != '\0' ?
		    t : q->choices[i].key);
		lm_text(p, ROLE_NORMAL, 0, line);
	}
	if (!m->present && !p->plain && (m->phase == LM_ASK ||
	    m->phase == LM_WRONG)) {
		/* No cursor once Esc has left the field. */
		snprintf(line, sizeof(line), "> %s%s", m->input,
		    m->away ? "" : "_");
		lm_text(p, m->away ? ROLE_DIM : ROLE_VALUE, m->away ? 0 :
		    CF_CURRENT, line);
	}
	if (m->phase == LM_WRONG) {
		lm_text(p, ROLE_WARN, 0, _("Not quite. Try again."));
		if (q->hint.s[LESSON_EN] != NULL) {
			snprintf(line, sizeof(line), _("Hint: %s"),
			    lesson_text(&q->hint, m->lang));
			lm_text(p, ROLE_NORMAL, 0, line);
		}
	}
	if (m->phase != LM_RIGHT && m->phase != LM_REVEAL)
		return;
	i = lesson_choice_index(q, &m->want);
	if (q->kind == LESSON_Q_CHOICE && i >= 0)
		snprintf(val, sizeof(val), "%c", 'a' + i);
	else
		expr_val_format(&m->want, val, sizeof(val));
	snprintf(line, sizeof(line), m->phase == LM_RIGHT ? _("Right: %s.") :
	    _("The answer: %s."), val);
	lm_text(p, m->phase == LM_RIGHT ? ROLE_STATE : ROLE_VALUE, CF_BOLD,
	    line);
	if (q->explain.s[LESSON_EN] != NULL)
		lm_text(p, ROLE_NORMAL, 0, lesson_text(&q->explain, m->lang));
}

/* One key of the bar: the key, and what it does. */
struct lm_key {
	const char	*key;
	const char	*what;
};

#define LM_KEYS_MAX	6

/*
 * The lesson's keys now (the last one is how to quit, always shown);
 * single: one of the simulator and the lesson at a time, so Tab switches.
 */
static int
lm_keys(const struct lesson_mode *m, bool single, struct lm_key *k)
{
	bool asking = m->phase == LM_ASK || m->phase == LM_WRONG;
	int n = 0;

	if (!m->present && asking && !m->away) {
		k[n++] = (struct lm_key){ "Enter", _("check") };
		k[n++] = (struct lm_key){ "Esc", _("stop typing") };
	} else if (!m->present && asking) {
		k[n++] = (struct lm_key){ "Enter", _("answer") };
		k[n++] = (struct lm_key){ "\xe2\x86\x90", _("back") };
	} else if (m->present && m->phase == LM_ASK) {
		k[n++] = (struct lm_key){ "Enter", _("show the answer") };
		k[n++] = (struct lm_key){ "\xe2\x86\x92", _("next") };
		k[n++] = (struct lm_key){ "\xe2\x86\x90", _("back") };
	} else {
		if (m->phase != LM_DONE)
			k[n++] = (struct lm_key){ "\xe2\x86\x92", _("next") };
		k[n++] = (struct lm_key){ "\xe2\x86\x90", _("back") };
	}
	if (single)
		k[n++] = (struct lm_key){ "Tab", m->show_sim !=
		    (m->phase == LM_WATCH) ? _("lesson") : _("simulator") };
	/* Typing takes every letter: quitting is Esc, then q. */
	k[n++] = (struct lm_key){ !m->present && asking && !m->away ?
	    "Esc q" : "q", _("quit") };
	return n;
}

/* The bar on row y: the lesson's keys, or a note (a failure to save). */
static void
lm_draw_bar(const struct lesson_mode *m, struct canvas *cv, int y,
    bool single)
{
	struct lm_key k[LM_KEYS_MAX];
	int n = lm_keys(m, single, k), col = 1, end = cv->w, reserve, kw, need;

	canvas_fill(cv, (struct rect){ 0, y, cv->w, 1 }, ROLE_BAR, 0);
	if (m->note[0] != '\0') {
		canvas_put(cv, 1, y, cv->w - 1, ROLE_BAR, CF_BOLD, m->note);
		return;
	}
	/* The way out is kept; the others show while they fit. */
	reserve = canvas_text_width(k[n - 1].key) + 1 +
	    canvas_text_width(k[n - 1].what) + 2;
	for (int i = 0; i < n; i++) {
		kw = canvas_text_width(k[i].key);
		need = kw + 1 + canvas_text_width(k[i].what) + 2;
		if (col + need > end - (i == n - 1 ? 0 : reserve))
			continue;
		canvas_put(cv, col, y, kw, ROLE_KEY, 0, k[i].key);
		canvas_put(cv, col + kw + 1, y, end - col - kw - 1, ROLE_BAR, 0,
		    k[i].what);
		col += need;
	}
}

/* What the lesson says now: narration, question, feedback, or the score. */
static void
lm_draw_body(const struct lesson_mode *m, struct lm_pen *p)
{
	char line[512];

	switch (m->phase) {
	case LM_INTRO:
		lm_text(p, ROLE_NORMAL, 0, lesson_text(&m->l->intro, m->lang));
		break;
	case LM_WATCH:
		snprintf(line, sizeof(line), _("Step %zu of %u."),
		    sim_cur(m->sim), m->eng.last);
		lm_text(p, ROLE_DIM, 0, line);
		sim_step_text(m->sim, sim_cur(m->sim), line, sizeof(line));
		lm_text(p, ROLE_NORMAL, 0, line);
		break;
	case LM_DONE:
		lm_text(p, ROLE_HEAD, CF_BOLD, _("The end of the lesson."));
		if (!m->present && m->asked > 0) {
			snprintf(line, sizeof(line), _("You answered %d of %d "
			    "questions right at the first try."), m->score,
			    m->asked);
			lm_text(p, ROLE_NORMAL, 0, line);
		}
		break;
	default:
		/* After an answer, the narration was read already. */
		if (!p->plain || (m->phase == LM_ASK && m->q == 0) ||
		    m->phase == LM_READ) {
			lm_text(p, ROLE_NORMAL, 0,
			    lesson_text(&m->l->stops[m->stop].narration,
			    m->lang));
			lm_gap(p);
		}
		lm_draw_question(m, p);
		break;
	}
}

/* The lesson's title line: "Title (3/8)". */
static void
lm_title(const struct lesson_mode *m, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s (%d/%d)", lesson_text(&m->l->title, m->lang),
	    m->stop < 0 ? 0 : m->stop + 1, m->l->nstops);
}

/*
 * The box's title: the lesson's title cut to fit, then always its count
 * "(3/8)", which tells the student where they are.
 */
static void
lm_box_title(const struct lesson_mode *m, struct canvas *cv, struct rect r)
{
	char count[32];
	int cw, room, n;

	snprintf(count, sizeof(count), "(%d/%d)", m->stop < 0 ? 0 :
	    m->stop + 1, m->l->nstops);
	cw = canvas_text_width(count);
	room = r.w - 4 - cw - 1;	/* corners, spaces, the gap */
	if (room < 4)
		return;
	canvas_put(cv, r.x + 1, r.y, 1, ROLE_BORDER, 0, " ");
	n = canvas_put(cv, r.x + 2, r.y, room, ROLE_BORDER, CF_BOLD,
	    lesson_text(&m->l->title, m->lang));
	if (n >= room && canvas_text_width(lesson_text(&m->l->title,
	    m->lang)) > room) {
		/* cut: mark it, so a title is never silently short */
		canvas_put(cv, r.x + 2 + room - 1, r.y, 1, ROLE_BORDER, CF_BOLD,
		    cv->ascii ? "~" : "\xe2\x80\xa6");
	}
	canvas_put(cv, r.x + 2 + n, r.y, 1, ROLE_BORDER, 0, " ");
	canvas_put(cv, r.x + 3 + n, r.y, cw, ROLE_BORDER, CF_BOLD, count);
	canvas_put(cv, r.x + 3 + n + cw, r.y, 1, ROLE_BORDER, 0, " ");
}

/* The lesson pane in r: title, narration, the question. */
static void
lm_draw_pane(const struct lesson_mode *m, struct canvas *cv, struct rect r)
{
	struct lm_pen p;

	canvas_fill(cv, r, ROLE_NORMAL, 0);
	canvas_box(cv, r, ROLE_BORDER, NULL, 0);
	lm_box_title(m, cv, r);
	memset(&p, 0, sizeof(p));
	p.cv = cv;
	p.r = (struct rect){ r.x + 2, r.y + 1, r.w - 4, r.h - 2 };
	/* Lines a class can read from the back: at most 100 columns, centred. */
	if (p.r.w > LM_READ_W) {
		p.r.x += (p.r.w - LM_READ_W) / 2;
		p.r.w = LM_READ_W;
	}
	p.y = p.r.y;
	if (p.r.w < 10 || p.r.h < 3)
		return;
	lm_draw_body(m, &p);
}

int
lesson_mode_draw_text(const struct lesson_mode *m, struct canvas *cv,
    bool with_title)
{
	char title[256];
	struct lm_pen p;

	canvas_clear(cv);
	memset(&p, 0, sizeof(p));
	p.cv = cv;
	p.r = (struct rect){ 0, 0, cv->w, cv->h };
	p.plain = true;
	if (with_title) {
		lm_title(m, title, sizeof(title));
		lm_text(&p, ROLE_HEAD, CF_BOLD, title);
		lm_gap(&p);
	}
	lm_draw_body(m, &p);
	return p.y;
}

/* The pane a state name is shown in: buffers, header or control blocks. */
static int
lm_name_focus(const char *name)
{
	const char *f = strchr(name, '.');

	if (strncmp(name, "segment.", 8) == 0)
		return FOCUS_HEADER;
	if (f != NULL && strncmp(f + 1, "sock.", 5) == 0 &&
	    strstr(f + 6, "buf") != NULL)
		return FOCUS_BUFFERS;
	if (strncmp(name, "client.", 7) == 0 ||
	    strncmp(name, "server.", 7) == 0)
		return FOCUS_TCB;
	return -1;
}

/* The pane a highlight names, or -1 when it shows at every focus. */
static int
lm_highlight_focus(const struct lesson_highlight *h)
{
	if (h->kind == LESSON_HL_FIELD)
		return lm_name_focus(h->what);
	if (strcmp(h->what, "tcb") == 0)
		return FOCUS_TCB;
	if (strcmp(h->what, "header") == 0)
		return FOCUS_HEADER;
	if (strcmp(h->what, "buffers") == 0)
		return FOCUS_BUFFERS;
	return -1;	/* stack, ladder, narration, tools: always shown */
}

int
lesson_mode_focus(const struct lesson_mode *m, int w, int h)
{
	const struct lesson_question *q = lm_question(m);
	const struct lesson_stop *s;
	int f;

	if (w >= LAYOUT_WIDE_W && h >= LAYOUT_WIDE_H)
		return FOCUS_ALL;	/* every pane shows */
	if (m->stop < 0 || m->stop >= m->l->nstops || m->phase == LM_WATCH ||
	    m->phase == LM_DONE)
		return FOCUS_ALL;
	s = &m->l->stops[m->stop];
	/* What the question asks about first: its hint points there. */
	if (q != NULL && q->answer.nterms > 0 &&
	    q->answer.terms[0].kind == EXPR_T_NAME &&
	    (f = lm_name_focus(q->answer.terms[0].text)) >= 0)
		return f;
	for (int i = 0; i < s->nhl; i++)
		if ((f = lm_highlight_focus(&s->hl[i])) >= 0)
			return f;
	return FOCUS_ALL;
}

/* Whether the stop shown highlights the tcpdump lines ("tools"). */
static bool
lm_wants_dump(const struct lesson_mode *m)
{
	const struct lesson_stop *s;

	if (m->stop < 0 || m->stop >= m->l->nstops || m->phase == LM_WATCH)
		return false;
	s = &m->l->stops[m->stop];
	for (int i = 0; i < s->nhl; i++)
		if (s->hl[i].kind == LESSON_HL_PANE &&
		    strcmp(s->hl[i].what, "tools") == 0)
			return true;
	return false;
}

/*
 * The simulator's screen drawn into r of cv: screen_draw on a canvas one
 * row taller, whose last row (the demo's key bar, whose keys do nothing
 * here) is left out; the lesson draws its own bar.
 */
static void
lm_draw_sim(const struct lesson_mode *m, struct canvas *cv, struct rect r)
{
	struct canvas *sub = canvas_new(r.w, r.h + 1, cv->ascii);
	struct ui_state ui;

	screen_ui_init(&ui);
	ui.focus = (enum layout_focus)lesson_mode_focus(m, r.w, r.h + 1);
	ui.dump = lm_wants_dump(m);
	screen_draw(sub, m->sim, m->ladder, &ui);
	for (int y = 0; y < r.h; y++)
		memcpy(&cv->cells[(size_t)(r.y + y) * (size_t)cv->w +
		    (size_t)r.x], &sub->cells[(size_t)y * (size_t)r.w],
		    (size_t)r.w * sizeof(*cv->cells));
	canvas_free(sub);
}

/*
 * The simulator keeps at least 80 columns (its smallest layout); the
 * lesson pane gets the rest up to LM_PANE_MAX, wide enough at 120 columns
 * for its title and count and no wider than a line of narration needs.
 */
void
lesson_mode_draw(const struct lesson_mode *m, struct canvas *cv)
{
	int w = cv->w, h = cv->h - 1, lw, lh;
	bool single = false;

	canvas_clear(cv);
	if (w >= 120 && !(m->present && cv->h >= 40)) {
		/* Side by side. */
		lw = w - LAYOUT_MIN_W < LM_PANE_MAX ? w - LAYOUT_MIN_W :
		    LM_PANE_MAX;
		lm_draw_sim(m, cv, (struct rect){ 0, 0, w - lw, h });
		lm_draw_pane(m, cv, (struct rect){ w - lw, 0, lw, h });
	} else if (cv->h >= 36 && w >= 80) {
		/* Below: a projector's calm, wide narration. */
		lh = cv->h - 24 > 16 ? 16 : cv->h - 24;
		if (m->present && cv->h >= 40)
			lh = cv->h / 3;
		lm_draw_sim(m, cv, (struct rect){ 0, 0, w, h - lh });
		lm_draw_pane(m, cv, (struct rect){ 0, h - lh, w, lh });
	} else {
		/* One at a time: the run while stepping, the lesson at a stop. */
		single = true;
		if (m->show_sim != (m->phase == LM_WATCH))
			lm_draw_sim(m, cv, (struct rect){ 0, 0, w, h });
		else
			lm_draw_pane(m, cv, (struct rect){ 0, 0, w, h });
	}
	lm_draw_bar(m, cv, h, single);
}

/* --- progress ------------------------------------------------------------- */

/* The progress file's path; creates its directories.  -1 and err. */
static int
lm_progress_path(const char *name, char *buf, size_t cap, bool mkdirs,
    struct ts_err *err)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char dir[PATH_MAX];

	if (state != NULL && state[0] == '/')
		snprintf(dir, sizeof(dir), "%s/tcpstep", state);
	else if (home != NULL && home[0] == '/')
		snprintf(dir, sizeof(dir), "%s/.local/state/tcpstep", home);
	else
		return ts_err_set(err, "progress: neither XDG_STATE_HOME nor "
		    "HOME is set");
	if (mkdirs)
		for (char *p = dir + 1; ; p++) {
			bool end = *p == '\0';

			if (*p != '/' && !end)
				continue;
			*p = '\0';
			if (mkdir(dir, 0700) == -1 && errno != EEXIST)
				return ts_err_set(err, "%s: %s", dir,
				    strerror(errno));
			if (end)
				break;
			*p = '/';
		}
	if ((size_t)snprintf(buf, cap, "%s/%s.progress", dir, name) >= cap)
		return ts_err_set(err, "progress: path too long");
	return 0;
}

int
lesson_mode_save(const struct lesson_mode *m, const char *name,
    struct ts_err *err)
{
	char path[PATH_MAX + 64], tmp[PATH_MAX + 80];
	FILE *f;

	if (lm_progress_path(name, path, sizeof(path), true, err) == -1)
		return -1;
	if (m->phase == LM_DONE) {
		if (unlink(path) == -1 && errno != ENOENT)
			return ts_err_set(err, "%s: %s", path, strerror(errno));
		return 0;
	}
	/* Write then rename, so a crash never leaves half a file. */
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (f == NULL)
		return ts_err_set(err, "%s: %s", tmp, strerror(errno));
	fprintf(f, "stop %d\nscore %d\nasked %d\n", m->stop < 0 ? 0 : m->stop,
	    m->score, m->asked);
	if (fclose(f) == EOF || rename(tmp, path) == -1)
		return ts_err_set(err, "%s: %s", path, strerror(errno));
	return 0;
}

int
lesson_mode_load(struct lesson_mode *m, const char *name, struct ts_err *err)
{
	char path[PATH_MAX + 64], key[16];
	int stop = -1, score = 0, asked = 0, v;
	FILE *f;

	if (lm_progress_path(name, path, sizeof(path), false, err) == -1)
		return -1;
	f = fopen(path, "r");
	if (f == NULL)
		return errno == ENOENT ? 1 : ts_err_set(err, "%s: %s", path,
		    strerror(errno));
	/* Our own file, but read it as untrusted: bounded, checked values. */
	while (fscanf(f, "%15s %d", key, &v) == 2) {
		if (strcmp(key, "stop") == 0)
			stop = v;
		else if (strcmp(key, "score") == 0)
			score = v;
		else if (strcmp(key, "asked") == 0)
			asked = v;
	}
	fclose(f);
	if (stop < 0 || stop >= m->l->nstops || asked < 0 || score < 0 ||
	    score > asked || asked > LESSON_STOPS_MAX * LESSON_QUESTIONS_MAX)
		return 1;	/* stale or damaged: start again */
	m->score = score;
	m->asked = asked;
	lesson_mode_seek(m, stop);
	return 0;
}
