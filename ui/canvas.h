/*
 * canvas: the screen model.  Every pane draws into a canvas, a grid of cells
 * in memory; only ui/tui.c copies a canvas to the terminal, and `tcpstep
 * render` dumps one as text (tmux's screen-write.c and tty.c split).
 *
 * A cell holds one Unicode character, its display width (2 for Chinese, 0 for
 * the right half of a wide character), a theme role and highlight flags.
 * Text is measured by display width with canvas_wcwidth(), our own wcwidth
 * that does not depend on the locale, so a render is the same in any locale
 * and Chinese columns line up.  Control characters and bytes that are not
 * UTF-8 become '?': nothing raw ever reaches a terminal.  An ASCII canvas
 * stores only ASCII: box drawing and arrows map to + - | > <, anything else
 * wider becomes '?'.
 */
#ifndef TS_CANVAS_H
#define TS_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Highlight flags of a cell, on top of its role's attributes. */
enum {
	CF_CHANGED = 0x01,	/* changed by the current step */
	CF_CURRENT = 0x02,	/* the current row or item (a cursor) */
	CF_BOLD = 0x04
};

struct canvas_cell {
	uint32_t	cp;	/* the character; 0 for a wide one's right half */
	uint8_t		width;	/* 1 or 2; 0 for a right half */
	uint8_t		role;	/* enum theme_role */
	uint8_t		flags;	/* CF_* */
};

struct canvas {
	int			 w, h;
	bool			 ascii;
	struct canvas_cell	*cells;		/* w * h, row by row */
};

struct rect {
	int	x, y, w, h;
};

struct canvas	*canvas_new(int w, int h, bool ascii);
void		 canvas_free(struct canvas *cv);		/* NULL is fine */
void		 canvas_clear(struct canvas *cv);
const struct canvas_cell *canvas_at(const struct canvas *cv, int x, int y);

/* Display width of a code point: 0, 1 or 2; -1 for a control character. */
int		 canvas_wcwidth(uint32_t cp);
/* Display width of a UTF-8 string. */
int		 canvas_text_width(const char *s);

/*
 * Write UTF-8 text at (x, y), at most maxw columns (clipped to the canvas);
 * a wide character that does not fit whole is not written.  Returns the
 * columns written.
 */
int		 canvas_put(struct canvas *cv, int x, int y, int maxw, int role,
		    int flags, const char *s);
/* printf into canvas_put. */
int		 canvas_printf(struct canvas *cv, int x, int y, int maxw,
		    int role, int flags, const char *fmt, ...)
		    __attribute__((format(printf, 7, 8)));
/* Write text centred in [x, x + w). */
void		 canvas_center(struct canvas *cv, int x, int y, int w, int role,
		    int flags, const char *s);
/* Fill a rectangle with spaces of a role. */
void		 canvas_fill(struct canvas *cv, struct rect r, int role,
		    int flags);
/* Change the role/flags of cells already written. */
void		 canvas_mark(struct canvas *cv, struct rect r, int role,
		    int flags);
void		 canvas_hline(struct canvas *cv, int x, int y, int w, int role);
void		 canvas_vline(struct canvas *cv, int x, int y, int h, int role);
/* A box around r with an optional title in its top edge. */
void		 canvas_box(struct canvas *cv, struct rect r, int role,
		    const char *title, int title_flags);

/*
 * Break UTF-8 text into lines of at most w columns: English at spaces,
 * Chinese between any two characters (but not before closing punctuation).
 * Calls fn for each line with its start and byte length; returns the number
 * of lines.
 */
int		 canvas_wrap(const char *s, int w,
		    void (*fn)(void *arg, int line, const char *p, size_t n),
		    void *arg);
/* The bytes of s that fit in w columns (whole characters). */
size_t		 canvas_fit(const char *s, int w);
/* Wrap text into r, lines beyond r.h dropped; returns the lines needed. */
int		 canvas_put_wrapped(struct canvas *cv, struct rect r, int role,
		    int flags, const char *s);

/*
 * The canvas as text: UTF-8, one line per row, trailing spaces removed.
 * The caller frees the result.
 */
char		*canvas_dump(const struct canvas *cv);

#endif
