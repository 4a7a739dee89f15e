/*
 * lesson: a lesson file, parsed, and its stops tied to the engine's steps.
 *
 * A lesson (lessons/NAME.lesson, format in lessons/README.md) names a
 * scenario with its seed and host profiles, and a list of stops: a step of
 * the run, chosen by number or, better, by what happens there (the
 * chapter's step 3, the first step of kind K, the first step at which
 * client.state is "ESTABLISHED"), with narration in English and Chinese,
 * highlights and questions.  A question's answer is an expression over the
 * engine's named state at that step (see expr.h), never a literal.
 *
 * Lesson files are untrusted: the parser bounds every line and value,
 * rejects control bytes and bad UTF-8, and reports the first problem as
 * "FILE:LINE: what" in err.  It never prints.
 *
 * The engine is reached through struct lesson_engine, a small table of
 * callbacks, so this module builds and is tested without the simulator;
 * lesson_sim.c binds it to struct sim.
 */
#ifndef TS_LESSON_H
#define TS_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "expr.h"

#define LESSON_FILE_MAX		(256 * 1024)	/* bytes of a lesson file */
#define LESSON_LINE_MAX		1024	/* bytes of one line, newline excluded */
#define LESSON_TEXT_MAX		4096	/* bytes of one text, all lines joined */
#define LESSON_STOPS_MAX	64
#define LESSON_QUESTIONS_MAX	8	/* per stop */
#define LESSON_CHOICES_MAX	8
#define LESSON_HIGHLIGHTS_MAX	8
#define LESSON_WORD_MAX		64	/* a key, kind, profile, choice key */
#define LESSON_PATH_MAX		256	/* the scenario's name or file */

enum lesson_lang { LESSON_EN, LESSON_ZH, LESSON_NLANG };

/* One text in both languages; s[lang] is NULL when absent (owned). */
struct lesson_text {
	char	*s[LESSON_NLANG];
	int	 line[LESSON_NLANG];
};

enum lesson_qkind { LESSON_Q_NUMBER, LESSON_Q_CHOICE, LESSON_Q_STATE };

struct lesson_choice {
	char		 key[LESSON_WORD_MAX];
	struct lesson_text text;	/* both NULL: the key is the text */
};

struct lesson_question {
	enum lesson_qkind kind;
	int		 line;
	struct lesson_text prompt, hint, explain;
	struct lesson_choice choices[LESSON_CHOICES_MAX];
	int		 nchoices;
	struct expr	 answer;
	int		 answer_line;	/* 0: no answer given */
};

enum lesson_at {
	LESSON_AT_STEP,		/* step N */
	LESSON_AT_START,	/* step 0, before anything happened */
	LESSON_AT_END,		/* the last step */
	LESSON_AT_CHAPTER,	/* the chapter's step N (1..7) */
	LESSON_AT_KIND,		/* the n-th step of a kind, on a host */
	LESSON_AT_WHEN		/* the first step, from the previous stop on,
				   at which NAME equals EXPR */
};

enum lesson_host { LESSON_HOST_ANY = -1, LESSON_HOST_CLIENT, LESSON_HOST_SERVER };

struct lesson_sel {
	enum lesson_at	 at;
	uint32_t	 n;		/* step, chapter step, or occurrence */
	char		 kind[LESSON_WORD_MAX];
	int		 host;		/* enum lesson_host */
	char		 when_name[EXPR_NAME_MAX];
	struct expr	 when_val;
};

enum lesson_hl { LESSON_HL_PANE, LESSON_HL_FIELD };

struct lesson_highlight {
	enum lesson_hl	 kind;
	char		 what[EXPR_NAME_MAX];	/* pane name or state name */
};

struct lesson_stop {
	struct lesson_sel sel;
	int		 line;
	struct lesson_text narration;
	struct lesson_highlight hl[LESSON_HIGHLIGHTS_MAX];
	int		 nhl;
	struct lesson_question *q;	/* owned */
	int		 nq;
};

struct lesson {
	char		 file[LESSON_PATH_MAX];	/* for messages */
	struct lesson_text title, intro;
	char		 scenario[LESSON_PATH_MAX];
	uint64_t	 seed;
	char		 client_profile[LESSON_WORD_MAX];	/* "" default */
	char		 server_profile[LESSON_WORD_MAX];
	bool		 ipv6;
	struct lesson_stop *stops;	/* owned */
	int		 nstops;
};

/*
 * Parse len bytes of buf, a lesson file called file (used in messages).
 * On failure l is left empty (lesson_done is still safe) and err holds
 * "FILE:LINE: what".
 */
int	lesson_parse(struct lesson *l, const char *file, const char *buf,
	    size_t len, struct ts_err *err);
/* Read and parse a file, at most LESSON_FILE_MAX bytes. */
int	lesson_load(struct lesson *l, const char *path, struct ts_err *err);
/* Free what l holds; l may be zeroed or already done. */
void	lesson_done(struct lesson *l);
/* t in lang, or the English when that is missing; "" when both are. */
const char *lesson_text(const struct lesson_text *t, enum lesson_lang lang);
/* "number", "choice", "state". */
const char *lesson_qkind_name(enum lesson_qkind k);
/* The panes a highlight may name, NULL-terminated. */
extern const char *const lesson_panes[];

/* What the engine says about one step, for choosing stops. */
struct lesson_stepinfo {
	char		 kind[LESSON_WORD_MAX];	/* the stable step kind */
	int		 host;		/* enum lesson_host */
	int		 chapter;	/* the chapter's step 1..7, or 0 */
};

struct lesson_engine {
	void		*ctx;
	uint32_t	 last;		/* the last step (step 0 is the start) */
	/* Describe step k (1..last); -1 and err on failure. */
	int		(*info)(void *ctx, uint32_t k, struct lesson_stepinfo *out,
			    struct ts_err *err);
	/* The value of a named state field after step k. */
	int		(*get)(void *ctx, uint32_t k, const char *name,
			    struct expr_val *out, struct ts_err *err);
	/* True when name is one the engine knows (for early errors). */
	bool		(*known)(void *ctx, const char *name);
};

/*
 * Find each stop's step in the engine's run: steps[i] for stops[i].  Checks
 * that every name the lesson uses is known, that stops come in order, and
 * that every answer evaluates.  Errors are "FILE:LINE: what".
 */
int	lesson_resolve(const struct lesson *l, const struct lesson_engine *eng,
	    uint32_t *steps, struct ts_err *err);
/* The expected answer of q at step k. */
int	lesson_answer(const struct lesson *l, const struct lesson_engine *eng,
	    uint32_t k, const struct lesson_question *q, struct expr_val *out,
	    struct ts_err *err);
/*
 * Does a student's input match the expected answer?  Numbers: decimal or
 * 0x.  States: case, '_' and '-' do not matter ("syn_sent").  Choices: the
 * choice's letter (a, b, ...) or its key.
 */
bool	lesson_check(const struct lesson_question *q, const struct expr_val *want,
	    const char *input);
/* The choice index (0-based) that want names, or -1. */
int	lesson_choice_index(const struct lesson_question *q,
	    const struct expr_val *want);

#endif
