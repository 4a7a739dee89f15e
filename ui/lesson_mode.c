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
#include "lesson_sim.h"
#include "screen.h"
#include "theme.h"
#include "xalloc.h"

#define LM_LADDER_STEPS	100000
#define LM_READ_W	100	/* widest line of narration */

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
		m->input[0] = '\0';
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
	if (typing)
		return lm_type(m, key) ? LMK_REDRAW : LMK_NONE;
	if (key == 'q' || key == 'Q')
		return LMK_QUIT;
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
		snprintf(line, sizeof(line), "> %s_", m->input);
		lm_text(p, ROLE_VALUE, CF_CURRENT, line);
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

static const char *
lm_hint(const struct lesson_mode *m)
{
	if (!m->present && (m->phase == LM_ASK || m->phase == LM_WRONG))
		return _("type the answer, Enter to check · Esc clear · Tab "
		    "simulator");
	if (m->present && m->phase == LM_ASK)
		return _("Enter show the answer · → next · ← back · q quit");
	if (m->phase == LM_DONE)
		return _("← back · q quit");
	return _("→ next · ← back · Tab simulator · q quit");
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

/* The lesson pane in r: title, narration, the question, key hints. */
static void
lm_draw_pane(const struct lesson_mode *m, struct canvas *cv, struct rect r)
{
	char title[256];
	struct lm_pen p;

	lm_title(m, title, sizeof(title));
	canvas_fill(cv, r, ROLE_NORMAL, 0);
	canvas_box(cv, r, ROLE_BORDER, title, CF_BOLD);
	memset(&p, 0, sizeof(p));
	p.cv = cv;
	p.r = (struct rect){ r.x + 2, r.y + 1, r.w - 4, r.h - 3 };
	/* Lines a class can read from the back: at most 100 columns, centred. */
	if (p.r.w > LM_READ_W) {
		p.r.x += (p.r.w - LM_READ_W) / 2;
		p.r.w = LM_READ_W;
	}
	p.y = p.r.y;
	if (p.r.w < 10 || p.r.h < 3)
		return;
	lm_draw_body(m, &p);
	canvas_put(cv, r.x + 2, r.y + r.h - 2, r.w - 4, ROLE_KEY, 0,
	    m->note[0] != '\0' ? m->note : lm_hint(m));
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

/* The simulator's screen drawn into r of cv (screen_draw on a canvas of its own). */
static void
lm_draw_sim(const struct lesson_mode *m, struct canvas *cv, struct rect r)
{
	struct canvas *sub = canvas_new(r.w, r.h, cv->ascii);
	struct ui_state ui;

	screen_ui_init(&ui);
	screen_draw(sub, m->sim, m->ladder, &ui);
	for (int y = 0; y < r.h; y++)
		memcpy(&cv->cells[(size_t)(r.y + y) * (size_t)cv->w +
		    (size_t)r.x], &sub->cells[(size_t)y * (size_t)r.w],
		    (size_t)r.w * sizeof(*cv->cells));
	canvas_free(sub);
}

void
lesson_mode_draw(const struct lesson_mode *m, struct canvas *cv)
{
	int w = cv->w, h = cv->h, lw, lh;

	canvas_clear(cv);
	if (w >= 120 && !(m->present && h >= 40)) {
		/* Side by side: the simulator keeps at least 80 columns. */
		lw = w - (w * 2 / 3 > 80 ? w * 2 / 3 : 80);
		lm_draw_sim(m, cv, (struct rect){ 0, 0, w - lw, h });
		lm_draw_pane(m, cv, (struct rect){ w - lw, 0, lw, h });
	} else if (h >= 36 && w >= 80) {
		/* Below: a projector's calm, wide narration. */
		lh = h - 24 > 16 ? 16 : h - 24;
		if (m->present && h >= 40)
			lh = h / 3;
		lm_draw_sim(m, cv, (struct rect){ 0, 0, w, h - lh });
		lm_draw_pane(m, cv, (struct rect){ 0, h - lh, w, lh });
	} else if (m->show_sim != (m->phase == LM_WATCH))
		/* One at a time: the run while stepping, the lesson at a stop. */
		lm_draw_sim(m, cv, (struct rect){ 0, 0, w, h });
	else
		lm_draw_pane(m, cv, (struct rect){ 0, 0, w, h });
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
