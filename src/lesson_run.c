/*
 * lesson_run: a parsed lesson against the engine's run (see lesson.h):
 * finding each stop's step, computing answers, checking a student's.
 */
#include "lesson.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* expr_eval's lookup, at one step of the run. */
struct lesson_at_step {
	const struct lesson_engine *eng;
	uint32_t	 k;
};

static int
lesson_lookup(void *ctx, const char *name, struct expr_val *out,
    struct ts_err *err)
{
	const struct lesson_at_step *a = ctx;

	return a->eng->get(a->eng->ctx, a->k, name, out, err);
}

static int
lesson_eval_at(const struct lesson_engine *eng, uint32_t k,
    const struct expr *e, struct expr_val *out, struct ts_err *err)
{
	struct lesson_at_step a = { eng, k };

	return expr_eval(e, lesson_lookup, &a, out, err);
}

static int
lesson_rfail(const struct lesson *l, int line, struct ts_err *err,
    const char *what, const char *why)
{
	return ts_err_set(err, "%.100s:%d: %s%s%.300s", l->file, line, what,
	    why[0] != '\0' ? ": " : "", why);
}

/* The step a selector names, searching from `from` where that matters. */
static int
lesson_find_step(const struct lesson *l, const struct lesson_stop *s,
    const struct lesson_engine *eng, uint32_t from, uint32_t *out,
    struct ts_err *err)
{
	const struct lesson_sel *sel = &s->sel;
	struct lesson_stepinfo info;
	struct expr_val want, have;
	struct ts_err why;
	char msg[128];
	uint32_t seen = 0;

	switch (sel->at) {
	case LESSON_AT_START:
		*out = 0;
		return 0;
	case LESSON_AT_END:
		*out = eng->last;
		return 0;
	case LESSON_AT_STEP:
		if (sel->n > eng->last) {
			snprintf(msg, sizeof(msg), "step %u is past the "
			    "scenario's last step (%u)", sel->n, eng->last);
			return lesson_rfail(l, s->line, err, msg, "");
		}
		*out = sel->n;
		return 0;
	case LESSON_AT_WHEN:
		for (uint32_t k = from; k <= eng->last; k++) {
			struct lesson_at_step a = { eng, k };

			if (lesson_eval_at(eng, k, &sel->when_val, &want,
			    &why) == -1)
				return lesson_rfail(l, s->line, err, "bad value",
				    why.msg);
			if (lesson_lookup(&a, sel->when_name, &have, &why) == -1)
				return lesson_rfail(l, s->line, err,
				    sel->when_name, why.msg);
			if (expr_val_equal(&have, &want)) {
				*out = k;
				return 0;
			}
		}
		return lesson_rfail(l, s->line, err, "no step, from the "
		    "previous one on, where this holds", "");
	case LESSON_AT_CHAPTER:
	case LESSON_AT_KIND:
		break;
	}
	for (uint32_t k = 1; k <= eng->last; k++) {
		if (eng->info(eng->ctx, k, &info, &why) == -1)
			return lesson_rfail(l, s->line, err, "step", why.msg);
		if (sel->at == LESSON_AT_CHAPTER ? info.chapter == (int)sel->n :
		    strcmp(info.kind, sel->kind) == 0 &&
		    (sel->host == LESSON_HOST_ANY || sel->host == info.host)) {
			if (sel->at == LESSON_AT_CHAPTER || ++seen == sel->n) {
				*out = k;
				return 0;
			}
		}
	}
	if (sel->at == LESSON_AT_CHAPTER)
		snprintf(msg, sizeof(msg), "the scenario has no chapter step "
		    "%u", sel->n);
	else
		snprintf(msg, sizeof(msg), "the scenario has no step of kind "
		    "\"%s\"%s%s #%u", sel->kind, sel->host == LESSON_HOST_ANY ?
		    "" : " on the ", sel->host == LESSON_HOST_ANY ? "" :
		    sel->host == LESSON_HOST_CLIENT ? "client" : "server",
		    sel->n);
	return lesson_rfail(l, s->line, err, msg, "");
}

/* Every answer evaluates, to the type its question asks for. */
static int
lesson_check_answers(const struct lesson *l, const struct lesson_stop *s,
    const struct lesson_engine *eng, uint32_t k, struct ts_err *err)
{
	struct expr_val v;
	struct ts_err why;

	for (int j = 0; j < s->nq; j++) {
		const struct lesson_question *q = &s->q[j];

		if (lesson_eval_at(eng, k, &q->answer, &v, &why) == -1)
			return lesson_rfail(l, q->answer_line, err, "answer",
			    why.msg);
		if (q->kind == LESSON_Q_NUMBER && v.type != EXPR_NUM)
			return lesson_rfail(l, q->answer_line, err, "a number "
			    "question's answer is text", v.str);
		if (q->kind == LESSON_Q_STATE && v.type != EXPR_STR)
			return lesson_rfail(l, q->answer_line, err, "a state "
			    "question's answer is a number", "");
		if (q->kind == LESSON_Q_CHOICE &&
		    lesson_choice_index(q, &v) == -1) {
			char val[EXPR_NAME_MAX];

			return lesson_rfail(l, q->answer_line, err, "the answer "
			    "matches no choice", expr_val_format(&v, val,
			    sizeof(val)));
		}
	}
	return 0;
}

int
lesson_resolve(const struct lesson *l, const struct lesson_engine *eng,
    uint32_t *steps, struct ts_err *err)
{
	for (int i = 0; i < l->nstops; i++) {
		const struct lesson_stop *s = &l->stops[i];
		uint32_t from = i > 0 ? steps[i - 1] : 0;

		if (lesson_find_step(l, s, eng, from, &steps[i], err) == -1)
			return -1;
		if (steps[i] < from) {
			char msg[128];

			snprintf(msg, sizeof(msg), "this step (%u) comes before "
			    "the previous one (%u)", steps[i], from);
			return lesson_rfail(l, s->line, err, msg, "");
		}
		for (int h = 0; h < s->nhl; h++)
			if (s->hl[h].kind == LESSON_HL_FIELD &&
			    eng->known != NULL &&
			    !eng->known(eng->ctx, s->hl[h].what))
				return lesson_rfail(l, s->line, err,
				    "highlight of an unknown state name",
				    s->hl[h].what);
		if (lesson_check_answers(l, s, eng, steps[i], err) == -1)
			return -1;
	}
	return 0;
}

int
lesson_answer(const struct lesson *l, const struct lesson_engine *eng,
    uint32_t k, const struct lesson_question *q, struct expr_val *out,
    struct ts_err *err)
{
	struct ts_err why;

	if (lesson_eval_at(eng, k, &q->answer, out, &why) == -1)
		return lesson_rfail(l, q->answer_line, err, "answer", why.msg);
	return 0;
}

/*
 * A state name as people write it: upper case, '-' for '_' and space, and
 * the short forms ss and BSD netstat print mapped to RFC 9293's names.
 */
static void
lesson_norm_state(const char *in, char *out, size_t cap)
{
	static const char *const alias[][2] = {
		{ "ESTAB", "ESTABLISHED" }, { "SYN-RECV", "SYN-RECEIVED" },
		{ "SYN-RCVD", "SYN-RECEIVED" }, { "FIN-WAIT1", "FIN-WAIT-1" },
		{ "FIN-WAIT2", "FIN-WAIT-2" }, { "CLOSE-WAIT", "CLOSE-WAIT" },
		{ "LISTENING", "LISTEN" },
	};
	size_t n = 0;

	while (*in == ' ' || *in == '\t')
		in++;
	for (; *in != '\0' && n + 1 < cap; in++)
		out[n++] = *in == '_' || *in == ' ' ? '-' :
		    (char)toupper((unsigned char)*in);
	while (n > 0 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcmp(out, alias[i][0]) == 0) {
			snprintf(out, cap, "%s", alias[i][1]);
			break;
		}
}

static bool
lesson_same_word(const char *a, const char *b)
{
	char na[EXPR_NAME_MAX], nb[EXPR_NAME_MAX];

	lesson_norm_state(a, na, sizeof(na));
	lesson_norm_state(b, nb, sizeof(nb));
	return strcmp(na, nb) == 0;
}

/* A whole number (decimal or 0x) that fits 32 bits; -1 if s is not one. */
static int
lesson_read_num(const char *s, uint32_t *out)
{
	unsigned long long v;
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	/* Base 10 or 16 only: a leading 0 is not octal to a student. */
	v = strtoull(s, &end, s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ?
	    16 : 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (errno != 0 || *end != '\0' || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int
lesson_choice_index(const struct lesson_question *q,
    const struct expr_val *want)
{
	uint32_t n;

	for (int i = 0; i < q->nchoices; i++) {
		const char *key = q->choices[i].key;

		if (want->type == EXPR_STR && lesson_same_word(key, want->str))
			return i;
		if (want->type == EXPR_NUM && lesson_read_num(key, &n) == 0 &&
		    n == want->num)
			return i;
	}
	return -1;
}

bool
lesson_check(const struct lesson_question *q, const struct expr_val *want,
    const char *input)
{
	char letter[EXPR_NAME_MAX];
	uint32_t n;
	int i;

	switch (q->kind) {
	case LESSON_Q_NUMBER:
		return want->type == EXPR_NUM && lesson_read_num(input, &n) == 0
		    && n == want->num;
	case LESSON_Q_STATE:
		return want->type == EXPR_STR && lesson_same_word(input,
		    want->str);
	case LESSON_Q_CHOICE:
		i = lesson_choice_index(q, want);
		if (i == -1)
			return false;
		while (*input == ' ' || *input == '\t')
			input++;
		/* "b" is the second choice, unless some key is literally "b". */
		for (int j = 0; j < q->nchoices; j++)
			if (lesson_same_word(q->choices[j].key, input))
				return j == i;
		lesson_norm_state(input, letter, sizeof(letter));
		return strlen(letter) == 1 && letter[0] == 'A' + i;
	}
	return false;
}
