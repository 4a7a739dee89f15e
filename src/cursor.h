/*
 * cursor: the one bounded reader for untrusted bytes, and wbuf, its writer.
 *
 * Every decoder reads through a cursor.  The bound is the captured length,
 * never the length a header claims.  A read past the end yields 0 and sets
 * the sticky `trunc` flag, so a decoder reads a whole header and checks the
 * flag once (tcpdump's GET_ macros, without longjmp).  Lengths are compared
 * as `n > c->left`, never as pointer sums, which a compiler may fold away.
 */
#ifndef TS_CURSOR_H
#define TS_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cursor {
	const uint8_t	*p;
	size_t		 left;
	size_t		 off;	/* bytes consumed since the packet's start */
	bool		 trunc;
};

void	 cursor_init(struct cursor *c, const uint8_t *p, size_t len);
uint8_t	 cursor_u8(struct cursor *c);
uint16_t cursor_be16(struct cursor *c);
uint32_t cursor_be32(struct cursor *c);
uint16_t cursor_le16(struct cursor *c);
uint32_t cursor_le32(struct cursor *c);
/* Copy n bytes to dst (zeros and trunc if fewer are left). */
void	 cursor_bytes(struct cursor *c, void *dst, size_t n);
void	 cursor_skip(struct cursor *c, size_t n);
/*
 * Split off the next n bytes as a cursor of their own (its `off` continues
 * the parent's) and advance past them.  If fewer are left, the child gets
 * what there is, and both are marked truncated.
 */
struct cursor cursor_sub(struct cursor *c, size_t n);

/* A bounded writer: a write that does not fit sets `overflow` and is dropped. */
struct wbuf {
	uint8_t	*p;
	size_t	 cap;
	size_t	 len;
	bool	 overflow;
};

void	wbuf_init(struct wbuf *w, uint8_t *p, size_t cap);
void	wbuf_u8(struct wbuf *w, uint8_t v);
void	wbuf_be16(struct wbuf *w, uint16_t v);
void	wbuf_be32(struct wbuf *w, uint32_t v);
void	wbuf_bytes(struct wbuf *w, const void *src, size_t n);
/* Overwrite a big-endian 16-bit value already written at offset off. */
void	wbuf_put_be16(struct wbuf *w, size_t off, uint16_t v);

#endif
