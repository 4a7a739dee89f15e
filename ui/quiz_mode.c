#include "quiz_mode.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "pkt.h"
#include "safe.h"
#include "theme.h"

#define QM_BLANK	"____"
#define QM_CTRL_C	0x03	/* Ctrl-C read as a key (no SIGINT) */

/* Columns of the segment table, from the pane's left edge. */
enum {
	QM_COL_NO = 0, QM_COL_LADDER = 6, QM_LADDER_W = 15,
	QM_COL_SEQ = 22, QM_COL_ACK = 33, QM_COL_LEN = 44, QM_COL_WIN = 51
};

/* Rows kept below the table for the question, answer and feedback. */
#define QM_BELOW	11

static const struct quiz_q *
qm_question(const struct quiz_mode *m)
{
	return m->q < m->z->nq ? &m->z->q[m->q] : NULL;
}

static void
qm_ask(struct quiz_mode *m, int q)
{
	m->q = q;
	m->tries = 0;
	m->input[0] = '\0';
	m->cur = 0;
	for (int i = 0; i < QUIZ_ORDER_N; i++)
		m->arr[i] = i;
	m->phase = q < m->z->nq ? QM_ASK : QM_DONE;
}

void
quiz_mode_init(struct quiz_mode *m, const struct quiz *z, const char *name)
{
	memset(m, 0, sizeof(*m));
	m->z = z;
	/* A file name is untrusted text too. */
	safe_escape(m->name, sizeof(m->name), name, strlen(name), false);
	qm_ask(m, 0);
}

const char *
quiz_mode_hint(enum quiz_kind kind)
{
	switch (kind) {
	case QUIZ_ACK:
		return _("It acknowledges the SYN, which counts as one byte: "
		    "the SYN's sequence number plus one.");
	case QUIZ_NEXT:
		return _("Its sequence number plus its length (plus one for a "
		    "FIN).");
	case QUIZ_WIN:
		return _("Multiply the window field by 2 to the power of the "
		    "window scale its sender offered in its SYN.");
	case QUIZ_ORDER:
		return _("A connection starts with the SYN; the SYN+ACK answers "
		    "it.");
	}
	return "";
}

/* The order question's arrangement as quiz_check reads it: "3 1 4 2". */
static void
qm_order_text(const struct quiz_mode *m, const struct quiz_q *q, char *buf,
    size_t cap)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < q->norder && n < cap; i++)
		n += (size_t)snprintf(buf + n, cap - n, "%s%d", i > 0 ? " " :
		    "", m->arr[i] + 1);
}

/* The right arrangement, from the capture's order. */
static void
qm_order_solve(struct quiz_mode *m, const struct quiz_q *q)
{
	for (int i = 0; i < q->norder; i++)
		for (int k = 0; k < q->norder; k++)
			if (q->order[k] == i)
				m->arr[i] = k;
}

static void
qm_check(struct quiz_mode *m)
{
	const struct quiz_q *q = qm_question(m);
	char order[64];
	const char *in = m->input;

	if (q == NULL)
		return;
	if (q->kind == QUIZ_ORDER) {
		qm_order_text(m, q, order, sizeof(order));
		in = order;
	} else if (m->input[0] == '\0')
		return;
	if (quiz_check(m->z, q, in)) {
		m->score += m->tries == 0;
		m->phase = QM_RIGHT;
	} else if (++m->tries >= 2) {
		if (q->kind == QUIZ_ORDER)
			qm_order_solve(m, q);
		m->phase = QM_REVEAL;
	} else {
		m->phase = QM_WRONG;
		m->input[0] = '\0';
	}
}

/* Typing a number: printable ASCII only; quiz_check judges it. */
static enum quiz_key_result
qm_type(struct quiz_mode *m, int key)
{
	size_t n = strlen(m->input);

	if (key == KEYC_BACKSPACE || key == 0x7f) {
		if (n > 0)
			m->input[n - 1] = '\0';
		return QMK_REDRAW;
	}
	if (key == KEYC_ENTER) {
		qm_check(m);
		return QMK_REDRAW;
	}
	if (key >= 0x20 && key < 0x7f) {
		if (n + 1 < sizeof(m->input)) {
			m->input[n] = (char)key;
			m->input[n + 1] = '\0';
		}
		return QMK_REDRAW;
	}
	return QMK_NONE;
}

/* Putting segments in order: choose a row, move it, submit. */
static enum quiz_key_result
qm_arrange(struct quiz_mode *m, const struct quiz_q *q, int key)
{
	int to = m->cur, t;

	switch (key) {
	case KEYC_UP:
	case 'k':
		m->cur = m->cur > 0 ? m->cur - 1 : 0;
		return QMK_REDRAW;
	case KEYC_DOWN:
	case 'j':
		m->cur = m->cur + 1 < q->norder ? m->cur + 1 : m->cur;
		return QMK_REDRAW;
	case 'u':
	case KEYC_PGUP:
		to = m->cur - 1;
		break;
	case 'd':
	case KEYC_PGDN:
		to = m->cur + 1;
		break;
	case KEYC_ENTER:
		qm_check(m);
		return QMK_REDRAW;
	case 'q':
	case 'Q':
		return QMK_QUIT;
	default:
		return QMK_NONE;
	}
	if (to < 0 || to >= q->norder)
		return QMK_NONE;
	t = m->arr[to];
	m->arr[to] = m->arr[m->cur];
	m->arr[m->cur] = t;
	m->cur = to;
	return QMK_REDRAW;
}

enum quiz_key_result
quiz_mode_key(struct quiz_mode *m, int key)
{
	const struct quiz_q *q = qm_question(m);

	if (key == QM_CTRL_C)
		return QMK_QUIT;
	if (key == KEYC_RESIZE || key == KEYC_CTRL_L)
		return QMK_REDRAW;
	/* Esc asks; q then quits, any other key goes back to the quiz. */
	if (m->esc) {
		m->esc = false;
		return key == 'q' || key == 'Q' ? QMK_QUIT : QMK_REDRAW;
	}
	if (key == KEYC_ESCAPE) {
		m->esc = true;
		return QMK_REDRAW;
	}
	switch (m->phase) {
	case QM_ASK:
	case QM_WRONG:
		if (q->kind == QUIZ_ORDER)
			return qm_arrange(m, q, key);
		return qm_type(m, key);
	case QM_RIGHT:
	case QM_REVEAL:
		if (key == KEYC_ENTER || key == ' ' || key == KEYC_RIGHT ||
		    key == 'n') {
			qm_ask(m, m->q + 1);
			return QMK_REDRAW;
		}
		break;
	case QM_DONE:
		if (key == KEYC_ENTER)
			return QMK_QUIT;
		break;
	}
	return key == 'q' || key == 'Q' ? QMK_QUIT : QMK_NONE;
}

/* --- drawing ------------------------------------------------------------- */

struct qm_pen {
	struct canvas	*cv;
	int		 x, w;		/* the pane's inside */
	int		 y, end;	/* next row, first row not ours */
};

static void
qm_text(struct qm_pen *p, int role, int flags, const char *s)
{
	/* One column short of the pane: a full row then means a cut one. */
	struct rect r = { p->x, p->y, p->w - 1, p->end - p->y };
	int n;

	if (r.h <= 0 || s[0] == '\0')
		return;
	n = canvas_put_wrapped(p->cv, r, role, flags, s);
	p->y += n < r.h ? n : r.h;
}

/* Is the field blank (asked and not yet answered)? */
static bool
qm_blank(const struct quiz_mode *m)
{
	return m->phase == QM_ASK || m->phase == QM_WRONG;
}

/* The ladder cell: |---- S. --->| or |<--- S. ----|, in the sender's role. */
static void
qm_ladder(struct canvas *cv, int x, int y, const struct quiz_seg *s,
    int flags, bool ghost)
{
	char fl[16];
	int role = ghost ? ROLE_DIM : s->from_client ? ROLE_CLIENT :
	    ROLE_SERVER, lw, fw;

	canvas_put(cv, x, y, 1, ROLE_BORDER, flags, "│");
	canvas_hline(cv, x + 1, y, QM_LADDER_W - 2, role);
	canvas_mark(cv, (struct rect){ x + 1, y, QM_LADDER_W - 2, 1 }, role,
	    flags);
	canvas_put(cv, x + QM_LADDER_W - 1, y, 1, ROLE_BORDER, flags, "│");
	if (s->from_client)
		canvas_put(cv, x + QM_LADDER_W - 2, y, 1, role, flags, "▶");
	else
		canvas_put(cv, x + 1, y, 1, role, flags, "◀");
	quiz_flags(s->flags, fl, sizeof(fl));
	fw = (int)strlen(fl) + 2;
	lw = (QM_LADDER_W - fw) / 2;
	canvas_printf(cv, x + lw, y, fw, role, flags | CF_BOLD, " %s ", fl);
}

/* A number, or the blank, or the capture's value once answered. */
static void
qm_field(const struct quiz_mode *m, struct canvas *cv, int x, int y, int w,
    bool asked, uint32_t v, int flags)
{
	if (!asked)
		canvas_printf(cv, x, y, w, ROLE_VALUE, flags, "%u", v);
	else if (qm_blank(m))
		canvas_put(cv, x, y, w, ROLE_WARN, flags | CF_BOLD, QM_BLANK);
	else
		canvas_printf(cv, x, y, w, ROLE_STATE, flags | CF_BOLD |
		    CF_CHANGED, "%u", v);
}

/* One segment row; label is its frame number or, shuffled, its "(k)". */
static void
qm_row(const struct quiz_mode *m, struct qm_pen *p, int i, const char *label,
    enum quiz_kind asked, int flags)
{
	const struct quiz_seg *s = &m->z->seg[i];
	struct canvas *cv = p->cv;
	int x = p->x, wx = x + QM_COL_WIN, ww = p->w - QM_COL_WIN, n;

	if (flags & CF_CURRENT)
		canvas_fill(cv, (struct rect){ x, p->y, p->w, 1 }, ROLE_NORMAL,
		    CF_CURRENT);
	canvas_put(cv, x + QM_COL_NO, p->y, 5, ROLE_LABEL, flags, label);
	qm_ladder(cv, x + QM_COL_LADDER, p->y, s, flags, false);
	canvas_printf(cv, x + QM_COL_SEQ, p->y, 11, ROLE_VALUE, flags, "%u",
	    s->seq);
	if (s->flags & TH_ACK)
		qm_field(m, cv, x + QM_COL_ACK, p->y, 11, asked == QUIZ_ACK,
		    s->ack, flags);
	canvas_printf(cv, x + QM_COL_LEN, p->y, 6, ROLE_VALUE, flags, "%u",
	    s->len);
	n = canvas_printf(cv, wx, p->y, ww, ROLE_VALUE, flags, "%u", s->win);
	if (asked == QUIZ_WIN) {
		n += canvas_printf(cv, wx + n, p->y, ww - n, ROLE_LABEL, flags,
		    " (%s ", _("scaled:"));
		qm_field(m, cv, wx + n, p->y, ww - n, true, s->win_scaled,
		    flags);
		n += qm_blank(m) ? (int)strlen(QM_BLANK) : snprintf(NULL, 0,
		    "%u", s->win_scaled);
		canvas_put(cv, wx + n, p->y, ww - n, ROLE_LABEL, flags, ")");
	} else if (s->wscale >= 0)
		canvas_printf(cv, wx + n, p->y, ww - n, ROLE_DIM, flags,
		    " (wscale %d)", s->wscale);
	p->y++;
}

/*
 * The next-expected question: a ghost ACK from the receiver whose ACK
 * number, the sequence number it expects next, is the blank.
 */
static void
qm_ghost(const struct quiz_mode *m, struct qm_pen *p, const struct quiz_q *q)
{
	struct quiz_seg g = m->z->seg[q->seg];

	g.from_client = !g.from_client;
	g.flags = TH_ACK;
	canvas_put(p->cv, p->x + QM_COL_NO, p->y, 5, ROLE_DIM, 0, "?");
	qm_ladder(p->cv, p->x + QM_COL_LADDER, p->y, &g, 0, true);
	qm_field(m, p->cv, p->x + QM_COL_ACK, p->y, 11, true, q->answer, 0);
	canvas_put(p->cv, p->x + QM_COL_LEN, p->y, p->w - QM_COL_LEN,
	    ROLE_DIM, 0, _("(the receiver's next ACK)"));
	p->y++;
}

static void
qm_table_head(struct qm_pen *p)
{
	struct canvas *cv = p->cv;
	int y = p->y, x = p->x;

	canvas_put(cv, x + QM_COL_NO, y, 5, ROLE_HEAD, CF_BOLD, _("No."));
	canvas_put(cv, x + QM_COL_LADDER, y, 8, ROLE_CLIENT, CF_BOLD,
	    _("client"));
	canvas_put(cv, x + QM_COL_LADDER + 7, y, 8, ROLE_SERVER, CF_BOLD,
	    _("server"));
	canvas_put(cv, x + QM_COL_SEQ, y, 11, ROLE_HEAD, CF_BOLD, _("seq"));
	canvas_put(cv, x + QM_COL_ACK, y, 11, ROLE_HEAD, CF_BOLD,
	    _("ACK number"));
	canvas_put(cv, x + QM_COL_LEN, y, 6, ROLE_HEAD, CF_BOLD, _("length"));
	canvas_put(cv, x + QM_COL_WIN, y, p->w - QM_COL_WIN, ROLE_HEAD, CF_BOLD,
	    _("window"));
	p->y++;
}

/* The segments up to the one asked about, the last ones if too many. */
static void
qm_table(const struct quiz_mode *m, struct qm_pen *p, const struct quiz_q *q)
{
	char label[32];
	int rows = p->end - p->y - QM_BELOW, n, first = 0;

	qm_table_head(p);
	if (q->kind == QUIZ_ORDER) {
		for (int r = 0; r < q->norder; r++) {
			snprintf(label, sizeof(label), "%s(%d)", r == m->cur &&
			    qm_blank(m) ? "▶" : " ", m->arr[r] + 1);
			qm_row(m, p, q->order[m->arr[r]], label, QUIZ_ORDER,
			    r == m->cur && qm_blank(m) ? CF_CURRENT : 0);
		}
		return;
	}
	n = q->seg + 1 + (q->kind == QUIZ_NEXT);
	if (n > rows && rows > 1) {
		first = q->seg + 1 - (rows - 1 - (q->kind == QUIZ_NEXT));
		canvas_printf(p->cv, p->x, p->y++, p->w, ROLE_DIM, 0,
		    _("(%d earlier segments not shown)"), first);
	}
	for (int i = first; i <= q->seg; i++) {
		snprintf(label, sizeof(label), "%4llu",
		    (unsigned long long)m->z->seg[i].frame);
		qm_row(m, p, i, label, i == q->seg ? q->kind : QUIZ_ORDER, 0);
	}
	if (q->kind == QUIZ_NEXT)
		qm_ghost(m, p, q);
}

static const char *
qm_prompt(enum quiz_kind kind)
{
	switch (kind) {
	case QUIZ_ACK:
		return _("What ACK number does the SYN+ACK carry?");
	case QUIZ_NEXT:
		return _("After the last segment above, which sequence number "
		    "does its receiver expect next?");
	case QUIZ_WIN:
		return _("How many bytes does the window of the last segment "
		    "above allow, after window scaling?");
	case QUIZ_ORDER:
		return _("These segments are shuffled. Put them back in the "
		    "order they were sent, then press Enter.");
	}
	return "";
}

/* The question, the answer field and the feedback. */
static void
qm_below(const struct quiz_mode *m, struct qm_pen *p, const struct quiz_q *q)
{
	char line[512], val[64];

	p->y++;
	qm_text(p, ROLE_HEAD, CF_BOLD, qm_prompt(q->kind));
	if (q->kind != QUIZ_ORDER && qm_blank(m)) {
		snprintf(line, sizeof(line), "> %s_", m->input);
		qm_text(p, ROLE_VALUE, CF_CURRENT, line);
	}
	if (m->phase == QM_WRONG) {
		qm_text(p, ROLE_WARN, 0, _("Not quite. Try again."));
		snprintf(line, sizeof(line), _("Hint: %s"),
		    quiz_mode_hint(q->kind));
		qm_text(p, ROLE_NORMAL, 0, line);
	}
	if (m->phase != QM_RIGHT && m->phase != QM_REVEAL)
		return;
	if (q->kind == QUIZ_ORDER)
		qm_order_text(m, q, val, sizeof(val));
	else
		snprintf(val, sizeof(val), "%u", q->answer);
	snprintf(line, sizeof(line), m->phase == QM_RIGHT ? _("Right: %s.") :
	    _("The answer: %s."), val);
	qm_text(p, m->phase == QM_RIGHT ? ROLE_STATE : ROLE_VALUE, CF_BOLD,
	    line);
	if (m->phase == QM_REVEAL)
		qm_text(p, ROLE_NORMAL, 0, quiz_mode_hint(q->kind));
	qm_text(p, ROLE_DIM, 0, _("Checked against the capture itself."));
}

static const char *
qm_keys(const struct quiz_mode *m)
{
	const struct quiz_q *q = qm_question(m);

	if (m->esc)
		return _("q quit · any other key: back to the quiz");
	if (m->phase == QM_DONE)
		return _("Enter or q quit");
	if (m->phase == QM_RIGHT || m->phase == QM_REVEAL)
		return _("Enter next question · q quit");
	if (q->kind == QUIZ_ORDER)
		return _("↑↓ choose · u/d move it up/down · Enter check · "
		    "q quit");
	return _("type the number · Enter check · Backspace erase · "
	    "Esc q quit · Ctrl-C quit");
}

void
quiz_mode_draw(const struct quiz_mode *m, struct canvas *cv)
{
	const struct quiz_q *q = qm_question(m);
	char title[192], line[256];
	struct qm_pen p = { cv, 2, cv->w - 4, 1, cv->h - 2 };

	canvas_clear(cv);
	snprintf(title, sizeof(title), _("Quiz: %s"), m->name);
	canvas_box(cv, (struct rect){ 0, 0, cv->w, cv->h }, ROLE_BORDER, title,
	    CF_BOLD);
	canvas_put(cv, p.x, cv->h - 2, p.w, ROLE_KEY, 0, qm_keys(m));
	p.end = cv->h - 3;
	if (m->phase == QM_DONE) {
		p.y = 2;
		qm_text(&p, ROLE_HEAD, CF_BOLD, _("The end of the quiz."));
		snprintf(line, sizeof(line), _("You answered %d of %d "
		    "questions right at the first try."), m->score, m->z->nq);
		qm_text(&p, ROLE_NORMAL, 0, line);
		return;
	}
	snprintf(line, sizeof(line), _("Question %d of %d"), m->q + 1,
	    m->z->nq);
	canvas_put(cv, p.x, p.y, p.w, ROLE_HEAD, CF_BOLD, line);
	snprintf(line, sizeof(line), _("Score: %d"), m->score);
	canvas_put(cv, p.x + p.w - 1 - canvas_text_width(line), p.y, p.w,
	    ROLE_NORMAL, 0, line);
	p.y++;
	/* Labels and addresses apart: Chinese labels are wider per byte. */
	canvas_put(cv, p.x, p.y, 8, ROLE_CLIENT, CF_BOLD, _("client"));
	canvas_put(cv, p.x + 9, p.y++, p.w - 9, ROLE_CLIENT, 0, m->z->client);
	canvas_put(cv, p.x, p.y, 8, ROLE_SERVER, CF_BOLD, _("server"));
	canvas_put(cv, p.x + 9, p.y++, p.w - 9, ROLE_SERVER, 0, m->z->server);
	p.y++;
	qm_table(m, &p, q);
	qm_below(m, &p, q);
}
