#include "canvas.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safe.h"
#include "xalloc.h"

struct canvas *
canvas_new(int w, int h, bool ascii)
{
	struct canvas *cv = xcalloc(1, sizeof(*cv));

	cv->w = w > 0 ? w : 1;
	cv->h = h > 0 ? h : 1;
	cv->ascii = ascii;
	cv->cells = xcalloc((size_t)cv->w * (size_t)cv->h, sizeof(*cv->cells));
	canvas_clear(cv);
	return cv;
}

void
canvas_free(struct canvas *cv)
{
	if (cv == NULL)
		return;
	free(cv->cells);
	free(cv);
}

void
canvas_clear(struct canvas *cv)
{
	for (int i = 0; i < cv->w * cv->h; i++) {
		cv->cells[i].cp = ' ';
		cv->cells[i].width = 1;
		cv->cells[i].role = 0;
		cv->cells[i].flags = 0;
	}
}

const struct canvas_cell *
canvas_at(const struct canvas *cv, int x, int y)
{
	if (x < 0 || y < 0 || x >= cv->w || y >= cv->h)
		return NULL;
	return &cv->cells[y * cv->w + x];
}

/*
 * East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, the
 * blocks tcpstep's text can use), as glibc's wcwidth() reports them.  Our own
 * table so that a render does not depend on the locale: wcwidth() returns -1
 * for every non-ASCII character in the C locale.
 */
static const struct {
	uint32_t lo, hi;
} canvas_wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x2e80, 0x303e }, { 0x3041, 0x33ff }, { 0x3400, 0x4dbf },
	{ 0x4e00, 0x9fff }, { 0xa000, 0xa4cf }, { 0xa960, 0xa97f },
	{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe10, 0xfe19 },
	{ 0xfe30, 0xfe6f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 },
	{ 0x1f300, 0x1f64f }, { 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd },
	{ 0x30000, 0x3fffd },
};

int
canvas_wcwidth(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return -1;
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
	    cp == 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	for (size_t i = 0; i < sizeof(canvas_wide) / sizeof(canvas_wide[0]);
	    i++)
		if (cp >= canvas_wide[i].lo && cp <= canvas_wide[i].hi)
			return 2;
	return 1;
}

/* The next character of s: its code point and length; '?' when not UTF-8. */
static size_t
canvas_next(const char *s, uint32_t *cp)
{
	unsigned u;
	size_t n = safe_utf8_len((const unsigned char *)s, strnlen(s, 4), &u);

	if (n == 0) {
		*cp = '?';
		return 1;
	}
	*cp = u;
	return n;
}

/* The ASCII stand-in for a drawing character; '?' for any other. */
static uint32_t
canvas_to_ascii(uint32_t cp)
{
	static const struct {
		uint32_t	cp;
		char		a;
	} map[] = {
		{ 0x2500, '-' }, { 0x2501, '-' }, { 0x2550, '=' },
		{ 0x2502, '|' }, { 0x2503, '|' }, { 0x2551, '|' },
		{ 0x250c, '+' }, { 0x2510, '+' }, { 0x2514, '+' },
		{ 0x2518, '+' }, { 0x251c, '+' }, { 0x2524, '+' },
		{ 0x252c, '+' }, { 0x2534, '+' }, { 0x253c, '+' },
		{ 0x256d, '+' }, { 0x256e, '+' }, { 0x2570, '+' },
		{ 0x256f, '+' }, { 0x2192, '>' }, { 0x2190, '<' },
		{ 0x25b6, '>' }, { 0x25c0, '<' }, { 0x25ba, '>' },
		{ 0x25c4, '<' }, { 0x2191, '^' }, { 0x2193, 'v' },
		{ 0x25b2, '^' }, { 0x25bc, 'v' }, { 0x00b7, '.' },
		{ 0x2022, '*' }, { 0x2026, '.' }, { 0x2588, '#' },
		{ 0x2593, '#' }, { 0x2592, ':' }, { 0x2591, '.' },
		{ 0x2715, 'x' }, { 0x2717, 'x' }, { 0x00d7, 'x' },
		{ 0x2014, '-' }, { 0x2013, '-' }, { 0x21b5, '<' },
		{ 0x2195, '|' }, { 0x2302, '.' }, { 0x25c6, '*' }, { 0x21c4, '=' }, { 0x2261, '=' },
	};

	if (cp < 0x80)
		return cp;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].cp == cp)
			return (uint32_t)map[i].a;
	return '?';
}

int
canvas_text_width(const char *s)
{
	int w = 0, cw;
	uint32_t cp;

	while (*s != '\0') {
		s += canvas_next(s, &cp);
		cw = canvas_wcwidth(cp);
		w += cw < 0 ? 1 : cw;
	}
	return w;
}

size_t
canvas_fit(const char *s, int w)
{
	const char *p = s;
	int col = 0, cw;
	uint32_t cp;

	while (*p != '\0') {
		size_t n = canvas_next(p, &cp);

		cw = canvas_wcwidth(cp);
		cw = cw < 0 ? 1 : cw;
		if (col + cw > w)
			break;
		col += cw;
		p += n;
	}
	return (size_t)(p - s);
}

/* Blank the other half of a wide character that (x, y) is about to split. */
static void
canvas_unsplit(struct canvas *cv, int x, int y)
{
	struct canvas_cell *c = &cv->cells[y * cv->w + x];

	if (c->width == 0 && x > 0) {
		c[-1].cp = ' ';
		c[-1].width = 1;
	} else if (c->width == 2 && x + 1 < cv->w) {
		c[1].cp = ' ';
		c[1].width = 1;
	}
}

static void
canvas_set(struct canvas *cv, int x, int y, uint32_t cp, int width, int role,
    int flags)
{
	struct canvas_cell *c = &cv->cells[y * cv->w + x];

	canvas_unsplit(cv, x, y);
	if (width == 2)
		canvas_unsplit(cv, x + 1, y);
	c->cp = cp;
	c->width = (uint8_t)width;
	c->role = (uint8_t)role;
	c->flags = (uint8_t)flags;
	if (width == 2) {
		c[1].cp = 0;
		c[1].width = 0;
		c[1].role = (uint8_t)role;
		c[1].flags = (uint8_t)flags;
	}
}

int
canvas_put(struct canvas *cv, int x, int y, int maxw, int role, int flags,
    const char *s)
{
	int col = 0, cw;
	uint32_t cp;

	if (y < 0 || y >= cv->h || s == NULL)
		return 0;
	while (*s != '\0' && col < maxw) {
		s += canvas_next(s, &cp);
		cw = canvas_wcwidth(cp);
		if (cw < 0) {
			cp = '?';
			cw = 1;
		} else if (cw == 0)
			continue;	/* combining marks: not drawn */
		if (cv->ascii && cp >= 0x80) {
			cp = canvas_to_ascii(cp);
			cw = 1;	/* a wide character stays '?', one column */
		}
		if (col + cw > maxw || x + col + cw > cv->w)
			break;
		if (x + col >= 0)
			canvas_set(cv, x + col, y, cp, cw, role, flags);
		col += cw;
	}
	return col;
}

int
canvas_printf(struct canvas *cv, int x, int y, int maxw, int role, int flags,
    const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return canvas_put(cv, x, y, maxw, role, flags, buf);
}

void
canvas_center(struct canvas *cv, int x, int y, int w, int role, int flags,
    const char *s)
{
	int tw = canvas_text_width(s);

	canvas_put(cv, tw < w ? x + (w - tw) / 2 : x, y, w, role, flags, s);
}

void
canvas_fill(struct canvas *cv, struct rect r, int role, int flags)
{
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++)
			if (x >= 0 && y >= 0 && x < cv->w && y < cv->h)
				canvas_set(cv, x, y, ' ', 1, role, flags);
}

void
canvas_mark(struct canvas *cv, struct rect r, int role, int flags)
{
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++) {
			struct canvas_cell *c;

			if (x < 0 || y < 0 || x >= cv->w || y >= cv->h)
				continue;
			c = &cv->cells[y * cv->w + x];
			if (role >= 0)
				c->role = (uint8_t)role;
			c->flags |= (uint8_t)flags;
		}
}

void
canvas_hline(struct canvas *cv, int x, int y, int w, int role)
{
	for (int i = 0; i < w; i++)
		canvas_put(cv, x + i, y, 1, role, 0, "\xe2\x94\x80");
}

void
canvas_vline(struct canvas *cv, int x, int y, int h, int role)
{
	for (int i = 0; i < h; i++)
		canvas_put(cv, x, y + i, 1, role, 0, "\xe2\x94\x82");
}

void
canvas_box(struct canvas *cv, struct rect r, int role, const char *title,
    int title_flags)
{
	if (r.w < 2 || r.h < 2)
		return;
	canvas_hline(cv, r.x + 1, r.y, r.w - 2, role);
	canvas_hline(cv, r.x + 1, r.y + r.h - 1, r.w - 2, role);
	canvas_vline(cv, r.x, r.y + 1, r.h - 2, role);
	canvas_vline(cv, r.x + r.w - 1, r.y + 1, r.h - 2, role);
	canvas_put(cv, r.x, r.y, 1, role, 0, "\xe2\x94\x8c");
	canvas_put(cv, r.x + r.w - 1, r.y, 1, role, 0, "\xe2\x94\x90");
	canvas_put(cv, r.x, r.y + r.h - 1, 1, role, 0, "\xe2\x94\x94");
	canvas_put(cv, r.x + r.w - 1, r.y + r.h - 1, 1, role, 0,
	    "\xe2\x94\x98");
	if (title != NULL && title[0] != '\0' && r.w > 4) {
		int n;

		canvas_put(cv, r.x + 1, r.y, 1, role, 0, " ");
		n = canvas_put(cv, r.x + 2, r.y, r.w - 5, role, title_flags,
		    title);
		canvas_put(cv, r.x + 2 + n, r.y, 1, role, 0, " ");
	}
}

/* Chinese and English punctuation that must not start a line. */
static bool
canvas_no_break_before(uint32_t cp)
{
	static const uint32_t p[] = { 0xff0c, 0x3002, 0x3001, 0xff1b, 0xff1a,
		0xff01, 0xff1f, 0xff09, 0x300d, 0x300f, 0x3011, ',', '.', ';',
		':', ')', '!', '?' };

	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		if (p[i] == cp)
			return true;
	return false;
}

int
canvas_wrap(const char *s, int w,
    void (*fn)(void *arg, int line, const char *p, size_t n), void *arg)
{
	int lines = 0;

	if (w < 1)
		w = 1;
	while (*s != '\0') {
		const char *p = s, *brk = NULL, *after = NULL;
		int col = 0, cw;
		uint32_t cp, prev = 0;

		if (*s == '\n') {
			fn(arg, lines++, s, 0);
			s++;
			continue;
		}
		while (*p != '\0' && *p != '\n') {
			size_t n = canvas_next(p, &cp);

			cw = canvas_wcwidth(cp);
			cw = cw < 0 ? 1 : cw;
			if (cp == ' ') {
				brk = p;
				after = p + 1;
			} else if (p != s && (cw == 2 || canvas_wcwidth(prev) == 2) &&
			    !canvas_no_break_before(cp)) {
				brk = p;	/* may break before a wide char */
				after = p;
			}
			if (col + cw > w && p != s)
				break;
			col += cw;
			prev = cp;
			p += n;
		}
		if (*p == '\0' || *p == '\n' || brk == NULL || brk == s) {
			/* the rest fits, or one word longer than the line */
			fn(arg, lines++, s, (size_t)(p - s));
			s = *p == '\n' ? p + 1 : p;
			continue;
		}
		fn(arg, lines++, s, (size_t)(brk - s));
		s = after;
		while (*s == ' ')
			s++;
	}
	return lines;
}

struct canvas_wrap_ctx {
	struct canvas	*cv;
	struct rect	 r;
	int		 role, flags;
};

static void
canvas_wrap_put(void *arg, int line, const char *p, size_t n)
{
	struct canvas_wrap_ctx *x = arg;
	char buf[1024];

	if (line >= x->r.h)
		return;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	canvas_put(x->cv, x->r.x, x->r.y + line, x->r.w, x->role, x->flags,
	    buf);
}

int
canvas_put_wrapped(struct canvas *cv, struct rect r, int role, int flags,
    const char *s)
{
	struct canvas_wrap_ctx x = { cv, r, role, flags };

	return canvas_wrap(s, r.w, canvas_wrap_put, &x);
}

/* Append the UTF-8 encoding of cp. */
static size_t
canvas_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

char *
canvas_dump(const struct canvas *cv)
{
	char *out = xmalloc((size_t)cv->w * (size_t)cv->h * 4 + (size_t)cv->h + 1);
	size_t len = 0;

	for (int y = 0; y < cv->h; y++) {
		size_t end = len;

		for (int x = 0; x < cv->w; x++) {
			const struct canvas_cell *c = &cv->cells[y * cv->w + x];

			if (c->width == 0)
				continue;
			len += canvas_utf8(out + len, c->cp);
			if (c->cp != ' ')
				end = len;
		}
		len = end;
		out[len++] = '\n';
	}
	out[len] = '\0';
	return out;
}
