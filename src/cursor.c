#include "cursor.h"

#include <string.h>

void
cursor_init(struct cursor *c, const uint8_t *p, size_t len)
{
	c->p = p;
	c->left = p == NULL ? 0 : len;
	c->off = 0;
	c->trunc = false;
}

/* Take n bytes if they are there; else mark truncated and return NULL. */
static const uint8_t *
cursor_take(struct cursor *c, size_t n)
{
	const uint8_t *p;

	if (n > c->left) {
		c->trunc = true;
		c->off += c->left;
		c->p += c->left;
		c->left = 0;
		return NULL;
	}
	p = c->p;
	c->p += n;
	c->left -= n;
	c->off += n;
	return p;
}

uint8_t
cursor_u8(struct cursor *c)
{
	const uint8_t *p = cursor_take(c, 1);

	return p == NULL ? 0 : p[0];
}

uint16_t
cursor_be16(struct cursor *c)
{
	const uint8_t *p = cursor_take(c, 2);

	if (p == NULL)
		return 0;
	return (uint16_t)(p[0] << 8 | p[1]);
}

uint32_t
cursor_be32(struct cursor *c)
{
	const uint8_t *p = cursor_take(c, 4);

	if (p == NULL)
		return 0;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

uint16_t
cursor_le16(struct cursor *c)
{
	const uint8_t *p = cursor_take(c, 2);

	if (p == NULL)
		return 0;
	return (uint16_t)(p[1] << 8 | p[0]);
}

uint32_t
cursor_le32(struct cursor *c)
{
	const uint8_t *p = cursor_take(c, 4);

	if (p == NULL)
		return 0;
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

void
cursor_bytes(struct cursor *c, void *dst, size_t n)
{
	const uint8_t *p = cursor_take(c, n);

	if (p == NULL)
		memset(dst, 0, n);
	else
		memcpy(dst, p, n);
}

void
cursor_skip(struct cursor *c, size_t n)
{
	(void)cursor_take(c, n);
}

struct cursor
cursor_sub(struct cursor *c, size_t n)
{
	struct cursor sub;

	sub.p = c->p;
	sub.off = c->off;
	sub.trunc = false;
	if (n > c->left) {
		sub.left = c->left;
		sub.trunc = true;
	} else
		sub.left = n;
	cursor_skip(c, n);
	return sub;
}

void
wbuf_init(struct wbuf *w, uint8_t *p, size_t cap)
{
	w->p = p;
	w->cap = cap;
	w->len = 0;
	w->overflow = false;
}

void
wbuf_bytes(struct wbuf *w, const void *src, size_t n)
{
	if (w->overflow || n > w->cap - w->len) {
		w->overflow = true;
		return;
	}
	if (n > 0)
		memcpy(w->p + w->len, src, n);
	w->len += n;
}

void
wbuf_u8(struct wbuf *w, uint8_t v)
{
	wbuf_bytes(w, &v, 1);
}

void
wbuf_be16(struct wbuf *w, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	wbuf_bytes(w, b, 2);
}

void
wbuf_be32(struct wbuf *w, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 8), (uint8_t)v };

	wbuf_bytes(w, b, 4);
}

void
wbuf_put_be16(struct wbuf *w, size_t off, uint16_t v)
{
	if (off > w->len || 2 > w->len - off) {
		w->overflow = true;
		return;
	}
	w->p[off] = (uint8_t)(v >> 8);
	w->p[off + 1] = (uint8_t)v;
}
