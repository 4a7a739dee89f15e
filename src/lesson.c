#include "lesson.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safe.h"
#include "xalloc.h"

const char *const lesson_panes[] = {
	"stack", "header", "tcb", "buffers", "ladder", "narration", "tools",
	NULL
};

enum lesson_scope { LS_LESSON, LS_STOP, LS_QUESTION };

struct lesson_parser {
	struct lesson	*l;
	int		 line;
	char		**cont;		/* the text continuation lines extend */
	int		 stop_cap;
	struct ts_err	*err;
};

struct lesson_key {
	const char	*name;
	enum lesson_scope scope;
	bool		 text;		/* has a ".zh" twin, takes continuations */
	int		(*fn)(struct lesson_parser *, const char *, int);
};

/* "FILE:LINE: what", the form every lesson error takes. */
static int
lesson_fail(struct lesson_parser *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
lesson_fail(struct lesson_parser *p, int line, const char *fmt, ...)
{
	char what[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return ts_err_set(p->err, "%.100s:%d: %s", p->l->file, line, what);
}

static struct lesson_stop *
lesson_cur_stop(struct lesson_parser *p)
{
	return p->l->nstops > 0 ? &p->l->stops[p->l->nstops - 1] : NULL;
}

static struct lesson_question *
lesson_cur_q(struct lesson_parser *p)
{
	struct lesson_stop *s = lesson_cur_stop(p);

	return s != NULL && s->nq > 0 ? &s->q[s->nq - 1] : NULL;
}

/*
 * Text handling.  Continuation lines are joined as a reader expects: with
 * a space between words, with nothing between two Chinese characters or
 * after full-width punctuation, and a line holding only "." starts a new
 * paragraph ("\n").
 */
static unsigned
lesson_last_cp(const char *s, size_t n)
{
	size_t i = n, len;
	unsigned cp = 0;

	while (i > 0 && n - i < 4) {
		i--;
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			break;
	}
	len = safe_utf8_len((const unsigned char *)s + i, n - i, &cp);
	return len == 0 ? 0 : cp;
}

static unsigned
lesson_first_cp(const char *s)
{
	unsigned cp = 0;

	return safe_utf8_len((const unsigned char *)s, strlen(s), &cp) == 0 ?
	    0 : cp;
}

static bool
lesson_is_wide(unsigned cp)
{
	return cp >= 0x2e80;
}

static bool
lesson_is_cjk_punct(unsigned cp)
{
	return (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xffef);
}

/* Curly quotes, dashes and the ellipsis, which Chinese text shares. */
static bool
lesson_is_shared_punct(unsigned cp)
{
	return (cp >= 0x2013 && cp <= 0x201f) || cp == 0x2026;
}

static int
lesson_append(struct lesson_parser *p, const char *piece)
{
	char *cur = *p->cont;
	size_t n = strlen(cur), m = strlen(piece);
	const char *sep = "";
	unsigned a, b;

	if (strcmp(piece, ".") == 0) {
		if (n == 0 || cur[n - 1] == '\n')
			return 0;
		sep = "\n";
		piece = "";
		m = 0;
	} else if (n > 0 && cur[n - 1] != '\n') {
		a = lesson_last_cp(cur, n);
		b = lesson_first_cp(piece);
		/* Next to Chinese, curly quotes take no space either. */
		if (lesson_is_shared_punct(a) && lesson_is_wide(b))
			a = b;
		if (lesson_is_shared_punct(b) && lesson_is_wide(a))
			b = a;
		if (!(lesson_is_wide(a) && lesson_is_wide(b)) &&
		    !lesson_is_cjk_punct(a) && !lesson_is_cjk_punct(b))
			sep = " ";
	}
	if (n + strlen(sep) + m >= LESSON_TEXT_MAX)
		return lesson_fail(p, p->line, "text longer than %d bytes",
		    LESSON_TEXT_MAX - 1);
	cur = xrealloc(cur, n + strlen(sep) + m + 1, 1);
	strcpy(cur + n, sep);
	strcat(cur, piece);
	*p->cont = cur;
	return 0;
}

/* Start a text value: the first line of a title, narration, prompt... */
static int
lesson_set_text(struct lesson_parser *p, struct lesson_text *t, int lang,
    const char *key, const char *val)
{
	if (t->s[lang] != NULL)
		return lesson_fail(p, p->line, "\"%s%s\" given twice (first at "
		    "line %d)", key, lang == LESSON_ZH ? ".zh" : "",
		    t->line[lang]);
	if (strlen(val) >= LESSON_TEXT_MAX)
		return lesson_fail(p, p->line, "text longer than %d bytes",
		    LESSON_TEXT_MAX - 1);
	t->s[lang] = xstrdup(val);
	t->line[lang] = p->line;
	p->cont = &t->s[lang];
	return 0;
}

/* Copy a one-word value into dst, refusing what does not fit. */
static int
lesson_set_word(struct lesson_parser *p, char *dst, size_t cap,
    const char *key, const char *val)
{
	if (val[0] == '\0')
		return lesson_fail(p, p->line, "\"%s\" needs a value", key);
	if (strlen(val) >= cap)
		return lesson_fail(p, p->line, "\"%s\" value longer than %zu "
		    "bytes", key, cap - 1);
	if (strpbrk(val, " \t") != NULL)
		return lesson_fail(p, p->line, "\"%s\" takes one word, not "
		    "\"%s\"", key, val);
	if (dst[0] != '\0')
		return lesson_fail(p, p->line, "\"%s\" given twice", key);
	strcpy(dst, val);
	return 0;
}

static int
lesson_k_title(struct lesson_parser *p, const char *v, int lang)
{
	return lesson_set_text(p, &p->l->title, lang, "title", v);
}

static int
lesson_k_intro(struct lesson_parser *p, const char *v, int lang)
{
	return lesson_set_text(p, &p->l->intro, lang, "intro", v);
}

static int
lesson_k_scenario(struct lesson_parser *p, const char *v, int lang)
{
	(void)lang;
	return lesson_set_word(p, p->l->scenario, sizeof(p->l->scenario),
	    "scenario", v);
}

static int
lesson_k_seed(struct lesson_parser *p, const char *v, int lang)
{
	unsigned long long n;
	char *end;

	(void)lang;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || errno != 0 || *end != '\0')
		return lesson_fail(p, p->line, "seed \"%s\" is not a number "
		    "from 0 to 18446744073709551615", v);
	p->l->seed = n;
	return 0;
}

static int
lesson_k_profile(struct lesson_parser *p, const char *v, int lang)
{
	struct lesson *l = p->l;

	(void)lang;
	if (lesson_set_word(p, l->client_profile, sizeof(l->client_profile),
	    "profile", v) == -1)
		return -1;
	return lesson_set_word(p, l->server_profile, sizeof(l->server_profile),
	    "profile", v);
}

static int
lesson_k_cprofile(struct lesson_parser *p, const char *v, int lang)
{
	(void)lang;
	return lesson_set_word(p, p->l->client_profile,
	    sizeof(p->l->client_profile), "client-profile", v);
}

static int
lesson_k_sprofile(struct lesson_parser *p, const char *v, int lang)
{
	(void)lang;
	return lesson_set_word(p, p->l->server_profile,
	    sizeof(p->l->server_profile), "server-profile", v);
}

static int
lesson_k_ipv6(struct lesson_parser *p, const char *v, int lang)
{
	(void)lang;
	if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
		return lesson_fail(p, p->line, "ipv6 is \"yes\" or \"no\", "
		    "not \"%s\"", v);
	p->l->ipv6 = strcmp(v, "yes") == 0;
	return 0;
}

static int
lesson_parse_uint(const char *s, uint32_t max, uint32_t *out)
{
	unsigned long n;
	char *end;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || n > max)
		return -1;
	*out = (uint32_t)n;
	return 0;
}

/* "kind NAME [client|server] [#N]" */
static int
lesson_sel_kind(struct lesson_parser *p, struct lesson_sel *s, char *rest)
{
	char *save = NULL, *w;

	s->at = LESSON_AT_KIND;
	s->n = 1;
	w = strtok_r(rest, " \t", &save);
	if (w == NULL || strlen(w) >= sizeof(s->kind) ||
	    !expr_valid_name(w, strlen(w)))
		return lesson_fail(p, p->line, "\"step: kind\" needs a step "
		    "kind, e.g. \"step: kind tcp_send client\"");
	strcpy(s->kind, w);
	while ((w = strtok_r(NULL, " \t", &save)) != NULL) {
		if (strcmp(w, "client") == 0)
			s->host = LESSON_HOST_CLIENT;
		else if (strcmp(w, "server") == 0)
			s->host = LESSON_HOST_SERVER;
		else if (w[0] == '#' && lesson_parse_uint(w + 1, 9999, &s->n)
		    == 0 && s->n > 0)
			;
		else
			return lesson_fail(p, p->line, "after the kind, expected "
			    "client, server or #N, not \"%s\"", w);
	}
	return 0;
}

/* "when NAME = EXPR" */
static int
lesson_sel_when(struct lesson_parser *p, struct lesson_sel *s, char *rest)
{
	char *eq = strchr(rest, '='), *name = rest, *end;
	struct ts_err why;

	s->at = LESSON_AT_WHEN;
	if (eq == NULL)
		return lesson_fail(p, p->line, "expected \"step: when NAME = "
		    "VALUE\"");
	*eq = '\0';
	while (*name == ' ' || *name == '\t')
		name++;
	end = name + strlen(name);
	while (end > name && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	if (!expr_valid_name(name, strlen(name)))
		return lesson_fail(p, p->line, "bad state name \"%s\"", name);
	strcpy(s->when_name, name);
	if (expr_parse(&s->when_val, eq + 1, &why) == -1)
		return lesson_fail(p, p->line, "bad value after \"=\": %s",
		    why.msg);
	return 0;
}

static int
lesson_parse_sel(struct lesson_parser *p, struct lesson_sel *s, const char *v)
{
	char buf[LESSON_LINE_MAX + 1], *rest;

	memset(s, 0, sizeof(*s));
	s->host = LESSON_HOST_ANY;
	snprintf(buf, sizeof(buf), "%s", v);
	rest = strpbrk(buf, " \t");
	if (rest != NULL) {
		*rest++ = '\0';
		while (*rest == ' ' || *rest == '\t')
			rest++;
	}
	if (strcmp(buf, "start") == 0 && rest == NULL)
		s->at = LESSON_AT_START;
	else if (strcmp(buf, "end") == 0 && rest == NULL)
		s->at = LESSON_AT_END;
	else if (strcmp(buf, "chapter") == 0 && rest != NULL) {
		s->at = LESSON_AT_CHAPTER;
		if (lesson_parse_uint(rest, 7, &s->n) == -1 || s->n == 0)
			return lesson_fail(p, p->line, "the chapter's steps are "
			    "1 to 7, not \"%s\"", rest);
	} else if (strcmp(buf, "kind") == 0 && rest != NULL)
		return lesson_sel_kind(p, s, rest);
	else if (strcmp(buf, "when") == 0 && rest != NULL)
		return lesson_sel_when(p, s, rest);
	else if (rest == NULL && lesson_parse_uint(buf, 1000000, &s->n) == 0)
		s->at = LESSON_AT_STEP;
	else
		return lesson_fail(p, p->line, "bad step \"%s\" (expected N, "
		    "start, end, chapter N, kind K, or when NAME = VALUE)", v);
	return 0;
}

static int
lesson_k_step(struct lesson_parser *p, const char *v, int lang)
{
	struct lesson *l = p->l;
	struct lesson_stop *s;

	(void)lang;
	if (l->nstops == LESSON_STOPS_MAX)
		return lesson_fail(p, p->line, "more than %d steps",
		    LESSON_STOPS_MAX);
	if (l->nstops == p->stop_cap) {
		p->stop_cap = p->stop_cap == 0 ? 8 : p->stop_cap * 2;
		l->stops = xrealloc(l->stops, (size_t)p->stop_cap,
		    sizeof(*l->stops));
	}
	s = &l->stops[l->nstops++];
	memset(s, 0, sizeof(*s));
	s->line = p->line;
	return lesson_parse_sel(p, &s->sel, v);
}

static int
lesson_k_narration(struct lesson_parser *p, const char *v, int lang)
{
	return lesson_set_text(p, &lesson_cur_stop(p)->narration, lang,
	    "narration", v);
}

static int
lesson_k_highlight(struct lesson_parser *p, const char *v, int lang)
{
	struct lesson_stop *s = lesson_cur_stop(p);
	struct lesson_highlight *h;
	size_t i;

	(void)lang;
	if (s->nhl == LESSON_HIGHLIGHTS_MAX)
		return lesson_fail(p, p->line, "more than %d highlights in a "
		    "step", LESSON_HIGHLIGHTS_MAX);
	h = &s->hl[s->nhl];
	if (strchr(v, '.') != NULL) {
		if (!expr_valid_name(v, strlen(v)))
			return lesson_fail(p, p->line, "bad state name \"%s\"",
			    v);
		h->kind = LESSON_HL_FIELD;
	} else {
		for (i = 0; lesson_panes[i] != NULL; i++)
			if (strcmp(lesson_panes[i], v) == 0)
				break;
		if (lesson_panes[i] == NULL)
			return lesson_fail(p, p->line, "unknown pane \"%s\" "
			    "(panes: stack, header, tcb, buffers, ladder, "
			    "narration, tools; or a state name such as "
			    "client.tcb.iss)", v);
		h->kind = LESSON_HL_PANE;
	}
	snprintf(h->what, sizeof(h->what), "%s", v);
	s->nhl++;
	return 0;
}

static int
lesson_k_question(struct lesson_parser *p, const char *v, int lang)
{
	struct lesson_stop *s = lesson_cur_stop(p);
	struct lesson_question *q;

	(void)lang;
	if (s->nq == LESSON_QUESTIONS_MAX)
		return lesson_fail(p, p->line, "more than %d questions in a "
		    "step", LESSON_QUESTIONS_MAX);
	if (s->q == NULL)
		s->q = xcalloc(LESSON_QUESTIONS_MAX, sizeof(*s->q));
	q = &s->q[s->nq++];
	memset(q, 0, sizeof(*q));
	q->line = p->line;
	if (strcmp(v, "number") == 0)
		q->kind = LESSON_Q_NUMBER;
	else if (strcmp(v, "choice") == 0)
		q->kind = LESSON_Q_CHOICE;
	else if (strcmp(v, "state") == 0)
		q->kind = LESSON_Q_STATE;
	else
		return lesson_fail(p, p->line, "a question is \"number\", "
		    "\"choice\" or \"state\", not \"%s\"", v);
	return 0;
}

static int
lesson_k_prompt(struct lesson_parser *p, const char *v, int lang)
{
	return lesson_set_text(p, &lesson_cur_q(p)->prompt, lang, "prompt", v);
}

static int
lesson_k_hint(struct lesson_parser *p, const char *v, int lang)
{
	return lesson_set_text(p, &lesson_cur_q(p)->hint, lang, "hint", v);
}

static int
lesson_k_explain(struct lesson_parser *p, const char *v, int lang)
{
	return lesson_set_text(p, &lesson_cur_q(p)->explain, lang, "explain",
	    v);
}

/* "choice: KEY [text]" or "choice.zh: KEY text" for a key given before. */
static int
lesson_k_choice(struct lesson_parser *p, const char *v, int lang)
{
	struct lesson_question *q = lesson_cur_q(p);
	struct lesson_choice *c = NULL;
	size_t klen = strcspn(v, " \t");
	const char *text = v + klen;
	int i;

	if (q->kind != LESSON_Q_CHOICE)
		return lesson_fail(p, p->line, "\"choice\" in a %s question",
		    lesson_qkind_name(q->kind));
	if (klen == 0 || klen >= LESSON_WORD_MAX)
		return lesson_fail(p, p->line, "a choice starts with its key, "
		    "a word of 1 to %d bytes", LESSON_WORD_MAX - 1);
	while (*text == ' ' || *text == '\t')
		text++;
	for (i = 0; i < q->nchoices; i++)
		if (strlen(q->choices[i].key) == klen &&
		    strncmp(q->choices[i].key, v, klen) == 0)
			c = &q->choices[i];
	if (lang == LESSON_EN) {
		if (c != NULL)
			return lesson_fail(p, p->line, "choice \"%.*s\" given "
			    "twice", (int)klen, v);
		if (q->nchoices == LESSON_CHOICES_MAX)
			return lesson_fail(p, p->line, "more than %d choices",
			    LESSON_CHOICES_MAX);
		c = &q->choices[q->nchoices++];
		memcpy(c->key, v, klen);
		c->key[klen] = '\0';
	} else if (c == NULL)
		return lesson_fail(p, p->line, "\"choice.zh\" for \"%.*s\", "
		    "which no \"choice\" line gave", (int)klen, v);
	if (*text == '\0') {
		if (lang == LESSON_ZH)
			return lesson_fail(p, p->line, "\"choice.zh\" needs the "
			    "Chinese text after the key");
		return 0;
	}
	return lesson_set_text(p, &c->text, lang, "choice", text);
}

static int
lesson_k_answer(struct lesson_parser *p, const char *v, int lang)
{
	struct lesson_question *q = lesson_cur_q(p);
	struct ts_err why;

	(void)lang;
	if (q->answer_line != 0)
		return lesson_fail(p, p->line, "\"answer\" given twice (first at "
		    "line %d)", q->answer_line);
	if (expr_parse(&q->answer, v, &why) == -1)
		return lesson_fail(p, p->line, "bad answer: %s", why.msg);
	/* The point of the format: answers come from the engine. */
	if (q->kind != LESSON_Q_CHOICE && !expr_has_name(&q->answer))
		return lesson_fail(p, p->line, "the answer must be computed from "
		    "the engine's state (e.g. server.tcb.irs + 1), not a "
		    "constant");
	if (q->kind == LESSON_Q_STATE && q->answer.nterms != 1)
		return lesson_fail(p, p->line, "a state answer is one name, "
		    "e.g. client.state");
	q->answer_line = p->line;
	return 0;
}

static const struct lesson_key lesson_keys[] = {
	{ "title", LS_LESSON, true, lesson_k_title },
	{ "intro", LS_LESSON, true, lesson_k_intro },
	{ "scenario", LS_LESSON, false, lesson_k_scenario },
	{ "seed", LS_LESSON, false, lesson_k_seed },
	{ "profile", LS_LESSON, false, lesson_k_profile },
	{ "client-profile", LS_LESSON, false, lesson_k_cprofile },
	{ "server-profile", LS_LESSON, false, lesson_k_sprofile },
	{ "ipv6", LS_LESSON, false, lesson_k_ipv6 },
	{ "step", LS_STOP, false, lesson_k_step },
	{ "narration", LS_STOP, true, lesson_k_narration },
	{ "highlight", LS_STOP, false, lesson_k_highlight },
	{ "question", LS_STOP, false, lesson_k_question },
	{ "prompt", LS_QUESTION, true, lesson_k_prompt },
	{ "choice", LS_QUESTION, true, lesson_k_choice },
	{ "answer", LS_QUESTION, false, lesson_k_answer },
	{ "hint", LS_QUESTION, true, lesson_k_hint },
	{ "explain", LS_QUESTION, true, lesson_k_explain },
};

const char *
lesson_qkind_name(enum lesson_qkind k)
{
	switch (k) {
	case LESSON_Q_NUMBER: return "number";
	case LESSON_Q_CHOICE: return "choice";
	case LESSON_Q_STATE: return "state";
	}
	return "?";
}

/* The line holds only printable UTF-8 and tabs (safe_escape changes nothing). */
static int
lesson_check_bytes(struct lesson_parser *p, const char *s, size_t n)
{
	char out[LESSON_LINE_MAX * 10 + 16];
	size_t i;

	if (memchr(s, '\0', n) != NULL)
		return lesson_fail(p, p->line, "NUL byte");
	if (safe_escape(out, sizeof(out), s, n, true) == n &&
	    memcmp(out, s, n) == 0)
		return 0;
	for (i = 0; i < n && out[i] == s[i]; i++)
		;
	return lesson_fail(p, p->line, "control character or invalid UTF-8 "
	    "at byte %zu", i + 1);
}

static const struct lesson_key *
lesson_find_key(const char *key, int *lang)
{
	char base[LESSON_WORD_MAX];
	size_t n = strlen(key);

	*lang = LESSON_EN;
	if (n > 3 && strcmp(key + n - 3, ".zh") == 0) {
		*lang = LESSON_ZH;
		n -= 3;
	}
	if (n >= sizeof(base))
		return NULL;
	memcpy(base, key, n);
	base[n] = '\0';
	for (size_t i = 0; i < sizeof(lesson_keys) / sizeof(lesson_keys[0]); i++)
		if (strcmp(lesson_keys[i].name, base) == 0)
			return *lang == LESSON_ZH && !lesson_keys[i].text ?
			    NULL : &lesson_keys[i];
	return NULL;
}

/* A "key: value" line (s is NUL-terminated, not indented). */
static int
lesson_key_line(struct lesson_parser *p, char *s)
{
	const struct lesson_key *k;
	char *colon, *v, *end;
	int lang;

	p->cont = NULL;
	colon = strchr(s, ':');
	if (colon == NULL || colon == s || (size_t)(colon - s) >=
	    LESSON_WORD_MAX || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789.-") !=
	    (size_t)(colon - s))
		return lesson_fail(p, p->line, "expected \"key: value\", a "
		    "comment (#) or an indented continuation line");
	*colon = '\0';
	v = colon + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	end = v + strlen(v);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	k = lesson_find_key(s, &lang);
	if (k == NULL)
		return lesson_fail(p, p->line, "unknown key \"%s\"", s);
	if (k->scope == LS_LESSON && p->l->nstops > 0)
		return lesson_fail(p, p->line, "\"%s\" belongs before the first "
		    "\"step\"", s);
	if (k->scope == LS_STOP && k->fn != lesson_k_step &&
	    lesson_cur_stop(p) == NULL)
		return lesson_fail(p, p->line, "\"%s\" before any \"step\"", s);
	if (k->scope == LS_QUESTION && lesson_cur_q(p) == NULL)
		return lesson_fail(p, p->line, "\"%s\" outside a question (put "
		    "\"question: number|choice|state\" first)", s);
	if (!k->text && v[0] == '\0')
		return lesson_fail(p, p->line, "\"%s\" needs a value", s);
	return k->fn(p, v, lang);
}

static int
lesson_line(struct lesson_parser *p, char *s, bool *blank_before)
{
	size_t ind = strspn(s, " \t");
	char *end;

	if (s[ind] == '\0') {
		p->cont = NULL;
		*blank_before = true;
		return 0;
	}
	if (s[0] == '#') {
		p->cont = NULL;
		return 0;
	}
	if (ind == 0) {
		*blank_before = false;
		return lesson_key_line(p, s);
	}
	if (p->cont == NULL)
		return lesson_fail(p, p->line, *blank_before ?
		    "indented line after a blank line (continuation lines "
		    "follow their key directly)" :
		    "indented line, but the line above is not a text to "
		    "continue");
	s += ind;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return lesson_append(p, s);
}

/* Both languages, or neither when optional. */
static int
lesson_need_both(struct lesson_parser *p, const struct lesson_text *t,
    const char *key, bool required, int line)
{
	for (int lang = 0; lang < LESSON_NLANG; lang++) {
		int other = 1 - lang;

		if (t->s[lang] != NULL && t->s[lang][0] == '\0')
			return lesson_fail(p, t->line[lang], "\"%s%s\" is empty",
			    key, lang == LESSON_ZH ? ".zh" : "");
		if (t->s[lang] == NULL && (required || t->s[other] != NULL))
			return lesson_fail(p, t->s[other] != NULL ?
			    t->line[other] : line, "no \"%s%s\" %s", key,
			    lang == LESSON_ZH ? ".zh" : "", t->s[other] != NULL ?
			    (lang == LESSON_ZH ? "to go with the English" :
			    "to go with the Chinese") : "");
	}
	return 0;
}

static int
lesson_check_question(struct lesson_parser *p, const struct lesson_question *q)
{
	if (lesson_need_both(p, &q->prompt, "prompt", true, q->line) == -1 ||
	    lesson_need_both(p, &q->hint, "hint", false, q->line) == -1 ||
	    lesson_need_both(p, &q->explain, "explain", false, q->line) == -1)
		return -1;
	if (q->answer_line == 0)
		return lesson_fail(p, q->line, "question has no \"answer\"");
	if (q->kind != LESSON_Q_CHOICE)
		return 0;
	if (q->nchoices < 2)
		return lesson_fail(p, q->line, "a choice question needs at "
		    "least two \"choice\" lines");
	for (int i = 0; i < q->nchoices; i++)
		if (lesson_need_both(p, &q->choices[i].text, "choice", false,
		    q->line) == -1)
			return -1;
	return 0;
}

/* What only the whole file can tell: required keys, both languages. */
static int
lesson_check_all(struct lesson_parser *p)
{
	struct lesson *l = p->l;

	if (lesson_need_both(p, &l->title, "title", true, 1) == -1 ||
	    lesson_need_both(p, &l->intro, "intro", false, 1) == -1)
		return -1;
	if (l->scenario[0] == '\0')
		return lesson_fail(p, 1, "no \"scenario\"");
	if (l->nstops == 0)
		return lesson_fail(p, p->line, "no \"step\": a lesson needs at "
		    "least one");
	for (int i = 0; i < l->nstops; i++) {
		const struct lesson_stop *s = &l->stops[i];

		if (lesson_need_both(p, &s->narration, "narration", true,
		    s->line) == -1)
			return -1;
		for (int j = 0; j < s->nq; j++)
			if (lesson_check_question(p, &s->q[j]) == -1)
				return -1;
	}
	return 0;
}

int
lesson_parse(struct lesson *l, const char *file, const char *buf, size_t len,
    struct ts_err *err)
{
	struct lesson_parser p = { .l = l, .err = err };
	char line[LESSON_LINE_MAX + 1];
	size_t off = 0;
	bool blank = false;

	memset(l, 0, sizeof(*l));
	snprintf(l->file, sizeof(l->file), "%s", file);
	l->seed = 1;		/* as the command line's --seed */
	if (len > LESSON_FILE_MAX) {
		ts_err_set(err, "%.100s: longer than %d bytes", file,
		    LESSON_FILE_MAX);
		goto fail;
	}
	/* A byte-order mark, as some editors write, is not part of line 1. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		off = 3;
	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t n = nl != NULL ? (size_t)(nl - (buf + off)) : len - off;
		size_t next = off + n + (nl != NULL);

		p.line++;
		if (n > 0 && buf[off + n - 1] == '\r')
			n--;
		if (n > LESSON_LINE_MAX) {
			lesson_fail(&p, p.line, "line longer than %d bytes",
			    LESSON_LINE_MAX);
			goto fail;
		}
		if (lesson_check_bytes(&p, buf + off, n) == -1)
			goto fail;
		memcpy(line, buf + off, n);
		line[n] = '\0';
		if (lesson_line(&p, line, &blank) == -1)
			goto fail;
		off = next;
	}
	if (lesson_check_all(&p) == -1)
		goto fail;
	return 0;
fail:
	lesson_done(l);
	snprintf(l->file, sizeof(l->file), "%s", file);
	return -1;
}

int
lesson_load(struct lesson *l, const char *path, struct ts_err *err)
{
	FILE *f;
	char *buf;
	size_t n;
	int rc;

	memset(l, 0, sizeof(*l));
	f = fopen(path, "rb");
	if (f == NULL)
		return ts_err_set(err, "%.200s: %s", path, strerror(errno));
	buf = xmalloc(LESSON_FILE_MAX + 1);
	n = fread(buf, 1, LESSON_FILE_MAX + 1, f);
	if (ferror(f)) {
		rc = ts_err_set(err, "%.200s: %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return rc;
	}
	fclose(f);
	rc = lesson_parse(l, path, buf, n, err);
	free(buf);
	return rc;
}

static void
lesson_text_free(struct lesson_text *t)
{
	for (int i = 0; i < LESSON_NLANG; i++) {
		free(t->s[i]);
		t->s[i] = NULL;
	}
}

void
lesson_done(struct lesson *l)
{
	for (int i = 0; i < l->nstops; i++) {
		struct lesson_stop *s = &l->stops[i];

		lesson_text_free(&s->narration);
		for (int j = 0; j < s->nq; j++) {
			struct lesson_question *q = &s->q[j];

			lesson_text_free(&q->prompt);
			lesson_text_free(&q->hint);
			lesson_text_free(&q->explain);
			for (int k = 0; k < q->nchoices; k++)
				lesson_text_free(&q->choices[k].text);
		}
		free(s->q);
	}
	free(l->stops);
	lesson_text_free(&l->title);
	lesson_text_free(&l->intro);
	memset(l, 0, sizeof(*l));
}

const char *
lesson_text(const struct lesson_text *t, enum lesson_lang lang)
{
	if (t->s[lang] != NULL)
		return t->s[lang];
	return t->s[LESSON_EN] != NULL ? t->s[LESSON_EN] : "";
}
