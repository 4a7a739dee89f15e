#include "expr.h"

#include <stdio.h>
#include <string.h>

static bool
expr_is_name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
}

bool
expr_valid_name(const char *s, size_t len)
{
	if (len == 0 || len >= EXPR_NAME_MAX)
		return false;
	/* A word begins with a letter or '_'; no empty word between dots. */
	if (s[0] == '.' || s[len - 1] == '.' || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!expr_is_name_char(s[i]))
			return false;
		if (s[i] == '.' && i + 1 < len && s[i + 1] == '.')
			return false;
	}
	return true;
}

static const char *
expr_skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A decimal or 0x number that fits 32 bits; returns the end or NULL. */
static const char *
expr_parse_num(const char *p, uint32_t *out)
{
	uint64_t v = 0;
	unsigned base = 10, d;
	const char *start;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	start = p;
	for (;; p++) {
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			break;
		v = v * base + d;
		if (v > UINT32_MAX)
			return NULL;
	}
	if (p == start || expr_is_name_char(*p))
		return NULL;
	*out = (uint32_t)v;
	return p;
}

/* One term at p into t; returns the end, or NULL with err filled. */
static const char *
expr_parse_term(const char *p, struct expr_term *t, struct ts_err *err)
{
	const char *q;
	size_t len;

	if (*p >= '0' && *p <= '9') {
		t->kind = EXPR_T_NUM;
		q = expr_parse_num(p, &t->num);
		if (q == NULL)
			ts_err_set(err, "bad number (at most 4294967295 or "
			    "0xffffffff)");
		return q;
	}
	if (*p == '"') {
		q = strchr(p + 1, '"');
		if (q == NULL)
			return ts_err_set(err, "string without its closing \""),
			    NULL;
		len = (size_t)(q - (p + 1));
		if (len == 0 || len >= EXPR_NAME_MAX)
			return ts_err_set(err, "string must be 1 to %d bytes",
			    EXPR_NAME_MAX - 1), NULL;
		t->kind = EXPR_T_STR;
		memcpy(t->text, p + 1, len);
		t->text[len] = '\0';
		return q + 1;
	}
	for (q = p; expr_is_name_char(*q); q++)
		;
	len = (size_t)(q - p);
	if (!expr_valid_name(p, len)) {
		if (len == 0)
			ts_err_set(err, "expected a name, a number or a "
			    "\"string\"");
		else
			ts_err_set(err, "bad name \"%.*s\"", (int)(len > 40 ?
			    40 : len), p);
		return NULL;
	}
	t->kind = EXPR_T_NAME;
	memcpy(t->text, p, len);
	t->text[len] = '\0';
	return q;
}

int
expr_parse(struct expr *e, const char *src, struct ts_err *err)
{
	const char *p = expr_skip_space(src);
	bool neg = false;

	memset(e, 0, sizeof(*e));
	if (*p == '\0')
		return ts_err_set(err, "empty expression");
	for (;;) {
		struct expr_term *t;

		if (e->nterms == EXPR_TERMS_MAX)
			return ts_err_set(err, "more than %d terms",
			    EXPR_TERMS_MAX);
		t = &e->terms[e->nterms++];
		t->neg = neg;
		p = expr_parse_term(p, t, err);
		if (p == NULL)
			return -1;
		p = expr_skip_space(p);
		if (*p == '\0')
			break;
		if (*p != '+' && *p != '-')
			return ts_err_set(err, "expected + or - before \"%.20s\"",
			    p);
		neg = *p == '-';
		p = expr_skip_space(p + 1);
	}
	/* Text does not add up: a string is a whole expression or nothing. */
	if (e->nterms > 1)
		for (int i = 0; i < e->nterms; i++)
			if (e->terms[i].kind == EXPR_T_STR)
				return ts_err_set(err, "a \"string\" cannot be "
				    "added to or subtracted from");
	return 0;
}

int
expr_eval(const struct expr *e, expr_lookup_fn lookup, void *ctx,
    struct expr_val *out, struct ts_err *err)
{
	struct expr_val v;
	uint32_t sum = 0;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < e->nterms; i++) {
		const struct expr_term *t = &e->terms[i];

		if (t->kind == EXPR_T_STR) {
			out->type = EXPR_STR;
			snprintf(out->str, sizeof(out->str), "%s", t->text);
			return 0;
		}
		if (t->kind == EXPR_T_NUM)
			v.num = t->num;
		else {
			struct ts_err why;

			memset(&v, 0, sizeof(v));
			if (lookup(ctx, t->text, &v, &why) == -1)
				return ts_err_set(err, "%s: %s", t->text,
				    why.msg);
			if (v.type == EXPR_STR) {
				if (e->nterms > 1)
					return ts_err_set(err, "%s is text "
					    "(\"%s\"), not a number", t->text,
					    v.str);
				*out = v;
				return 0;
			}
		}
		/* Unsigned: wraps modulo 2^32 by definition, never overflows. */
		sum = t->neg ? sum - v.num : sum + v.num;
	}
	out->type = EXPR_NUM;
	out->num = sum;
	return 0;
}

bool
expr_has_name(const struct expr *e)
{
	for (int i = 0; i < e->nterms; i++)
		if (e->terms[i].kind == EXPR_T_NAME)
			return true;
	return false;
}

char *
expr_format(const struct expr *e, char *dst, size_t cap)
{
	size_t n = 0;

	if (cap == 0)
		return dst;
	dst[0] = '\0';
	for (int i = 0; i < e->nterms && n < cap; i++) {
		const struct expr_term *t = &e->terms[i];
		const char *op = i == 0 ? (t->neg ? "-" : "") :
		    (t->neg ? " - " : " + ");
		int w;

		if (t->kind == EXPR_T_NUM)
			w = snprintf(dst + n, cap - n, "%s%u", op, t->num);
		else if (t->kind == EXPR_T_STR)
			w = snprintf(dst + n, cap - n, "%s\"%s\"", op, t->text);
		else
			w = snprintf(dst + n, cap - n, "%s%s", op, t->text);
		if (w < 0)
			break;
		n += (size_t)w;
	}
	return dst;
}

char *
expr_val_format(const struct expr_val *v, char *dst, size_t cap)
{
	if (v->type == EXPR_NUM)
		snprintf(dst, cap, "%u", v->num);
	else
		snprintf(dst, cap, "%s", v->str);
	return dst;
}

bool
expr_val_equal(const struct expr_val *a, const struct expr_val *b)
{
	if (a->type != b->type)
		return false;
	if (a->type == EXPR_NUM)
		return a->num == b->num;
	return strcmp(a->str, b->str) == 0;
}
