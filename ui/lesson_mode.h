/*
 * lesson_mode: taking a lesson in the TUI, without curses.  It holds where
 * the student (or the class) is: which stop, which question, what has been
 * typed, the score; it answers keys (our KEYC_* codes, keys.h) and draws
 * the whole screen into a canvas: the simulator's screen (screen_draw) and
 * the lesson pane beside or below it, or, at 80x24, one of the two with Tab
 * to switch.  tui.c only has to feed it keys and copy its canvas, so every
 * screen of a lesson is testable as text.
 *
 * Self-study: the simulator advances one step per key; at a stop the
 * lesson's narration is shown and its questions must be answered (feedback,
 * a hint after a wrong answer, the answer after two); a score at the end.
 * Progress is saved after each stop (see lesson_mode_save).
 *
 * Classroom (present): no typing and no score; a question's answer stays
 * hidden until the teacher presses Enter; nothing moves on its own.
 */
#ifndef TS_LESSON_MODE_H
#define TS_LESSON_MODE_H

#include <stdbool.h>
#include <stdint.h>

#include "canvas.h"
#include "ladder.h"
#include "lesson.h"
#include "sim.h"

enum lesson_phase {
	LM_INTRO,	/* the title and introduction, before step 1 */
	LM_WATCH,	/* stepping between stops */
	LM_READ,	/* at a stop, its questions done (or none) */
	LM_ASK,		/* waiting for an answer */
	LM_WRONG,	/* a wrong answer: the hint, then ask again */
	LM_RIGHT,	/* a right answer */
	LM_REVEAL,	/* the answer shown (two wrong tries, or the teacher) */
	LM_DONE		/* the end: the score */
};

enum lesson_key_result { LMK_NONE, LMK_REDRAW, LMK_QUIT };

#define LESSON_INPUT_MAX	32

struct lesson_mode {
	const struct lesson	*l;
	struct sim		*sim;
	struct ladder		*ladder;	/* owned */
	struct lesson_engine	 eng;
	uint32_t		*steps;		/* each stop's step (owned) */
	bool			 present;
	enum lesson_lang	 lang;
	char			 name[LESSON_WORD_MAX];	/* for progress; "" =
						   not saved */
	char			 note[160];	/* a failure to save, shown */
	int			 stop;		/* the stop shown, -1 before one */
	int			 reached;	/* the furthest stop entered */
	int			 q;		/* its question being asked */
	enum lesson_phase	 phase;
	char			 input[LESSON_INPUT_MAX];
	int			 tries;		/* wrong answers to this one */
	int			 score;		/* right at the first try */
	int			 asked;		/* questions answered or shown */
	bool			 show_sim;	/* 80x24: the simulator, not the
						   lesson (Tab) */
	bool			 away;		/* Esc left the answer field:
						   keys are commands again */
	struct expr_val		 want;		/* the answer to the question */
};

/*
 * Set m up for l run as s (both borrowed; s moves).  -1 and err
 * ("FILE:LINE: what") when a stop or an answer does not resolve.
 */
int	lesson_mode_init(struct lesson_mode *m, const struct lesson *l,
	    struct sim *s, bool present, enum lesson_lang lang,
	    struct ts_err *err);
void	lesson_mode_done(struct lesson_mode *m);
/* Answer one key (KEYC_* or a Unicode code point). */
enum lesson_key_result lesson_mode_key(struct lesson_mode *m, int key);
/* Draw the whole screen. */
void	lesson_mode_draw(const struct lesson_mode *m, struct canvas *cv);
/*
 * Draw only what the lesson says now (no box, no input line), from the
 * top of cv, optionally after the title; returns the rows used.  For the
 * line mode and screen readers.
 */
int	lesson_mode_draw_text(const struct lesson_mode *m, struct canvas *cv,
	    bool with_title);
/*
 * The simulator's large pane (enum layout_focus) for a simulator screen of
 * w x h: in the compact layout, the pane that shows what the current
 * question asks about, else the first pane the stop highlights, so what
 * the lesson points at is on screen; FOCUS_ALL when every pane shows.
 */
int	lesson_mode_focus(const struct lesson_mode *m, int w, int h);
/* Go to stop i (resuming); its questions are asked again. */
void	lesson_mode_seek(struct lesson_mode *m, int stop);

/*
 * Progress: ${XDG_STATE_HOME:-~/.local/state}/tcpstep/NAME.progress, a few
 * "key value" lines.  save writes the stop reached and the score (and
 * removes the file once the lesson is done); load puts m back there.  Both
 * return -1 and err on failure; load returns 1 when there is nothing saved.
 */
int	lesson_mode_save(const struct lesson_mode *m, const char *name,
	    struct ts_err *err);
int	lesson_mode_load(struct lesson_mode *m, const char *name,
	    struct ts_err *err);

#endif
