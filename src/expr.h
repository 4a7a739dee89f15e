/*
 * expr: the expressions a lesson's answers are written in.
 *
 * A lesson never states an answer as a literal number: it says where the
 * answer lives in the engine ("server.tcb.irs + 1", "client.state"), so the
 * answer follows the engine when the seed or a host profile changes.  An
 * expression is a sum of terms: state names, decimal or 0x numbers, joined
 * by + and -; or a single state name or "quoted string" whose value is text.
 * Numbers are 32-bit and arithmetic wraps modulo 2^32, as sequence-number
 * arithmetic does (RFC 9293 section 3.4): "client.tcb.iss - 1" is right
 * even when the ISS is 0.
 *
 * A parsed expression is plain data (no pointers), so a lesson can be copied.
 * Names are looked up through a callback, which keeps this module free of
 * the engine and testable alone.
 */
#ifndef TS_EXPR_H
#define TS_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define EXPR_NAME_MAX	64	/* bytes of a name or string, NUL included */
#define EXPR_TERMS_MAX	8

enum expr_type { EXPR_NUM, EXPR_STR };

struct expr_val {
	enum expr_type	 type;
	uint32_t	 num;
	char		 str[EXPR_NAME_MAX];
};

enum expr_term_kind { EXPR_T_NAME, EXPR_T_NUM, EXPR_T_STR };

struct expr_term {
	enum expr_term_kind kind;
	bool		 neg;		/* preceded by '-' */
	uint32_t	 num;
	char		 text[EXPR_NAME_MAX];	/* name or string */
};

struct expr {
	int		 nterms;
	struct expr_term terms[EXPR_TERMS_MAX];
};

/*
 * Look name up; fill out and return 0, or fill err ("why" only, the caller
 * adds the name) and return -1.
 */
typedef int (*expr_lookup_fn)(void *ctx, const char *name,
    struct expr_val *out, struct ts_err *err);

/* Parse src (NUL-terminated); -1 and err on a syntax error. */
int	expr_parse(struct expr *e, const char *src, struct ts_err *err);
/* Evaluate e; -1 and err when a name is unknown or types do not mix. */
int	expr_eval(const struct expr *e, expr_lookup_fn lookup, void *ctx,
	    struct expr_val *out, struct ts_err *err);
/* True when e refers to at least one state name. */
bool	expr_has_name(const struct expr *e);
/* Print e back in canonical form ("a + 1"); returns dst. */
char	*expr_format(const struct expr *e, char *dst, size_t cap);
/* Print a value: decimal number or the string; returns dst. */
char	*expr_val_format(const struct expr_val *v, char *dst, size_t cap);
/* Two values are equal: same type, same number or same string. */
bool	expr_val_equal(const struct expr_val *a, const struct expr_val *b);
/* A name's syntax: [A-Za-z0-9_] words joined by dots, shorter than the max. */
bool	expr_valid_name(const char *s, size_t len);

#endif
