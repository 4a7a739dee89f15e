/*
 * quiz_mode: `tcpstep quiz` in the TUI, without curses.  It holds which
 * question is asked, what has been typed (or how the shuffled segments
 * are arranged), the tries and the score; it answers keys (KEYC_* codes or
 * code points, keys.h) and draws the whole screen into a canvas: the
 * connection's endpoints, its segments as a small ladder with their TCP
 * header fields, the field asked about shown as ____, the answer field,
 * feedback (a hint after a wrong answer, the answer after two) and the
 * score at the end.  tui.c feeds it keys (tui_run_app), so every screen is
 * testable as text.  Answers are checked by quiz_check against the
 * capture's own values.
 *
 * Quitting must not steal letters from the answer field: while typing, Esc
 * then q quits (Ctrl-C always does); elsewhere q quits at once.
 */
#ifndef TS_QUIZ_MODE_H
#define TS_QUIZ_MODE_H

#include <stdbool.h>

#include "canvas.h"
#include "quiz.h"

enum quiz_phase {
	QM_ASK,		/* waiting for an answer */
	QM_WRONG,	/* a wrong answer: the hint, then ask again */
	QM_RIGHT,	/* a right answer */
	QM_REVEAL,	/* the answer shown after two wrong tries */
	QM_DONE		/* the end: the score */
};

/* The values match tui.h's TUI_APP_* (cmd_quiz.c asserts it). */
enum quiz_key_result { QMK_NONE, QMK_REDRAW, QMK_QUIT };

#define QUIZ_MODE_INPUT	24

struct quiz_mode {
	const struct quiz	*z;		/* borrowed */
	char			 name[128];	/* the capture, escaped */
	int			 q;		/* the question asked */
	enum quiz_phase		 phase;
	char			 input[QUIZ_MODE_INPUT];
	int			 tries;		/* wrong answers to this one */
	int			 score;		/* right at the first try */
	int			 arr[QUIZ_ORDER_N];	/* order question: row ->
						   shown segment (0-based) */
	int			 cur;		/* its selected row */
	bool			 esc;		/* Esc pressed: q quits now */
};

/* Set m up for z (made by quiz_make, at least one question). */
void	quiz_mode_init(struct quiz_mode *m, const struct quiz *z,
	    const char *name);
/* Answer one key (KEYC_* or a Unicode code point). */
enum quiz_key_result quiz_mode_key(struct quiz_mode *m, int key);
/* Draw the whole screen (cv at least 80x24). */
void	quiz_mode_draw(const struct quiz_mode *m, struct canvas *cv);
/* The hint for a kind of question (translated); shared with line mode. */
const char *quiz_mode_hint(enum quiz_kind kind);

#endif
