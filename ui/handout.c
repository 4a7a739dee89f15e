#include "handout.h"

#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "i18n.h"
#include "ladder.h"
#include "lesson_sim.h"
#include "screen.h"
#include "xalloc.h"

/* The ladder reads at most this many steps, as `tcpstep render` does. */
#define HANDOUT_LADDER_STEPS	100000

/* Paragraphs ("\n"-separated) as Markdown paragraphs. */
static void
handout_paras(FILE *f, const char *text)
{
	for (const char *p = text; *p != '\0';) {
		size_t n = strcspn(p, "\n");

		fprintf(f, "%.*s\n\n", (int)n, p);
		p += n;
		if (*p == '\n')
			p++;
	}
}

static const char *
handout_flags(uint8_t fl, char *buf, size_t cap)
{
	static const struct { uint8_t bit; const char *name; } names[] = {
		{ TH_SYN, "SYN" }, { TH_FIN, "FIN" }, { TH_RST, "RST" },
		{ TH_PSH, "PSH" }, { TH_ACK, "ACK" }, { TH_URG, "URG" },
		{ TH_ECE, "ECE" }, { TH_CWR, "CWR" },
	};
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && n < cap;
	    i++)
		if (fl & names[i].bit)
			n += (size_t)snprintf(buf + n, cap - n, "%s%s",
			    n > 0 ? "+" : "", names[i].name);
	return buf;
}

/*
 * The screen the TUI shows at the current step (the same drawing as
 * `tcpstep render`), then the segment in one line, as a code block.
 */
static void
handout_screen(FILE *f, struct sim *s, const struct ladder *lad,
    const struct handout_opts *o)
{
	struct canvas *cv = canvas_new(o->width, o->height, o->ascii);
	struct ui_state ui;
	struct sim_seg seg;
	char *text, fl[48];

	screen_ui_init(&ui);
	screen_draw(cv, s, lad, &ui);
	text = canvas_dump(cv);
	fprintf(f, "```text\n%s", text);
	free(text);
	canvas_free(cv);
	sim_segment(s, &seg);
	if (seg.valid)
		fprintf(f, "%s %u > %u  %s  seq=%u ack=%u win=%u len=%u\n",
		    _("segment:"), seg.sport, seg.dport,
		    handout_flags(seg.flags, fl, sizeof(fl)), seg.seq, seg.ack,
		    seg.win, seg.len);
	fprintf(f, "```\n\n");
}

static void
handout_question(FILE *f, const struct lesson_question *q, int num,
    enum lesson_lang lang)
{
	fprintf(f, _("**Question %d.** %s\n\n"), num,
	    lesson_text(&q->prompt, lang));
	if (q->kind == LESSON_Q_CHOICE) {
		for (int i = 0; i < q->nchoices; i++) {
			const char *t = lesson_text(&q->choices[i].text, lang);

			fprintf(f, "%c) %s  \n", 'a' + i, t[0] != '\0' ? t :
			    q->choices[i].key);
		}
		fprintf(f, "\n");
	} else
		fprintf(f, "%s ______________\n\n", _("Answer:"));
}

static int
handout_answer(FILE *f, const struct lesson *l, const struct lesson_engine *eng,
    uint32_t k, const struct lesson_question *q, int num,
    enum lesson_lang lang, struct ts_err *err)
{
	struct expr_val v;
	char val[EXPR_NAME_MAX], expr[256];
	const char *t;
	int i;

	if (lesson_answer(l, eng, k, q, &v, err) == -1)
		return -1;
	fprintf(f, _("**Question %d.** "), num);
	if (q->kind == LESSON_Q_CHOICE) {
		i = lesson_choice_index(q, &v);
		t = i < 0 ? "" : lesson_text(&q->choices[i].text, lang);
		fprintf(f, "%c) %s", i < 0 ? '?' : 'a' + i, t[0] != '\0' ? t :
		    expr_val_format(&v, val, sizeof(val)));
	} else
		fprintf(f, "**%s**", expr_val_format(&v, val, sizeof(val)));
	/* Say where it came from, so a teacher can check it on screen. */
	if (expr_has_name(&q->answer))
		fprintf(f, " (`%s`)", expr_format(&q->answer, expr,
		    sizeof(expr)));
	fprintf(f, "\n\n");
	if (q->explain.s[LESSON_EN] != NULL)
		handout_paras(f, lesson_text(&q->explain, lang));
	if (q->hint.s[LESSON_EN] != NULL)
		fprintf(f, "%s %s\n\n", _("*Hint:*"), lesson_text(&q->hint,
		    lang));
	return 0;
}

static void
handout_stop_head(FILE *f, struct sim *s, int i, uint32_t k, uint32_t last)
{
	const struct sim_step *st = sim_step_at(s, k);
	char text[512];

	fprintf(f, "## %d. ", i + 1);
	if (k == 0)
		fprintf(f, _("Before anything happened (step 0 of %u)"), last);
	else
		fprintf(f, _("Step %u of %u"), k, last);
	if (st != NULL && st->chapter > 0)
		fprintf(f, _(": the chapter's step %d"), st->chapter);
	fprintf(f, "\n\n");
	if (k > 0) {
		sim_step_text(s, k, text, sizeof(text));
		if (text[0] != '\0')
			fprintf(f, "*%s*\n\n", text);
	}
}

int
handout_write(FILE *f, const struct lesson *l, struct sim *s,
    const struct handout_opts *o, struct ts_err *err)
{
	enum lesson_lang lang = o->lang;
	struct lesson_engine eng;
	struct ladder *lad = NULL;
	uint32_t *steps = xcalloc((size_t)l->nstops, sizeof(*steps));
	int num = 0, rc = -1;

	lesson_sim_bind(s, &eng);
	if (lesson_resolve(l, &eng, steps, err) == -1)
		goto out;
	lad = ladder_build(s, HANDOUT_LADDER_STEPS);
	fprintf(f, "# %s\n\n", lesson_text(&l->title, lang));
	fprintf(f, _("*Scenario `%s`, seed %llu, client profile `%s`, server "
	    "profile `%s`. Every number below comes from this run of the "
	    "engine.*\n\n"), sim_scenario(s), (unsigned long long)l->seed,
	    sim_profile_of(s, SIM_CLIENT), sim_profile_of(s, SIM_SERVER));
	handout_paras(f, lesson_text(&l->intro, lang));
	for (int i = 0; i < l->nstops; i++) {
		const struct lesson_stop *st = &l->stops[i];

		handout_stop_head(f, s, i, steps[i], eng.last);
		handout_paras(f, lesson_text(&st->narration, lang));
		sim_goto(s, steps[i]);
		handout_screen(f, s, lad, o);
		for (int j = 0; j < st->nq; j++)
			handout_question(f, &st->q[j], ++num, lang);
	}
	if (num > 0) {
		fprintf(f, "---\n\n## %s\n\n", _("Answers"));
		num = 0;
		for (int i = 0; i < l->nstops; i++)
			for (int j = 0; j < l->stops[i].nq; j++)
				if (handout_answer(f, l, &eng, steps[i],
				    &l->stops[i].q[j], ++num, lang, err) == -1)
					goto out;
	}
	rc = 0;
out:
	ladder_free(lad);
	free(steps);
	return rc;
}
