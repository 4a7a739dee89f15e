/*
 * safe: making untrusted text safe to print.  Nothing from inside a packet,
 * a file name or a lesson reaches a terminal raw: C0 controls (but tab and
 * newline, when allowed), DEL, C1 controls, bidirectional controls and bytes
 * that are not UTF-8 are written as \xNN or \u{NNNN}; printable UTF-8,
 * Chinese included, passes untouched.
 */
#ifndef TS_SAFE_H
#define TS_SAFE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Escape n bytes of src into dst (capacity cap, always NUL-terminated when
 * cap > 0; output cut at a character boundary if it does not fit).  With
 * keep_ws, tab and newline pass.  Returns the length written.
 */
size_t	safe_escape(char *dst, size_t cap, const char *src, size_t n,
	    bool keep_ws);

/* Decode one UTF-8 sequence at s (n bytes left): its length, or 0 if invalid. */
size_t	safe_utf8_len(const unsigned char *s, size_t n, unsigned *cp);

#endif
