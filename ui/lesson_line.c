#include "lesson_line.h"

#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "i18n.h"
#include "keys.h"

#define LL_ROWS		200	/* the most a stop's text can take */
#define LL_INPUT	256	/* a line read; longer lines are cut */

/* What the lesson says now, as lines of text. */
static void
ll_print(const struct lesson_mode *m, FILE *out, int width, bool title)
{
	struct canvas *cv = canvas_new(width, LL_ROWS, false);
	int rows = lesson_mode_draw_text(m, cv, title);
	char *text = canvas_dump(cv), *p = text;

	for (int i = 0; i < rows && *p != '\0'; i++) {
		size_t n = strcspn(p, "\n");

		fprintf(out, "%.*s\n", (int)n, p);
		p += n + (p[n] == '\n');
	}
	free(text);
	canvas_free(cv);
	fflush(out);
}

static bool
ll_typing(const struct lesson_mode *m)
{
	return !m->present && (m->phase == LM_ASK || m->phase == LM_WRONG);
}

static void
ll_prompt(const struct lesson_mode *m, FILE *out)
{
	if (ll_typing(m))
		fputs("> ", out);
	else if (m->present && m->phase == LM_ASK)
		fprintf(out, "%s ", _("[Enter: show the answer, n: next, b: back, "
		    "q: quit]"));
	else
		fprintf(out, "%s ", _("[Enter: next, b: back, q: quit]"));
	fflush(out);
}

/* One line from in, without its newline; false at the end of input. */
static bool
ll_read(FILE *in, char *buf, size_t cap)
{
	size_t n;
	int ch;

	if (fgets(buf, (int)cap, in) == NULL)
		return false;
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else	/* too long: drop the rest of the line */
		while ((ch = fgetc(in)) != EOF && ch != '\n')
			;
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\r' ||
	    buf[n - 1] == '\t'))
		buf[--n] = '\0';
	return true;
}

/* Turn a line into keys; false to stop. */
static bool
ll_apply(struct lesson_mode *m, const char *line)
{
	const char *p = line;

	while (*p == ' ' || *p == '\t')
		p++;
	if (ll_typing(m)) {
		for (; *p != '\0'; p++)
			lesson_mode_key(m, (unsigned char)*p);
		lesson_mode_key(m, KEYC_ENTER);
		return true;
	}
	if (strcmp(p, "q") == 0 || strcmp(p, "quit") == 0)
		return false;
	if (strcmp(p, "b") == 0 || strcmp(p, "back") == 0)
		lesson_mode_key(m, KEYC_LEFT);
	else if (strcmp(p, "n") == 0 || strcmp(p, "next") == 0)
		lesson_mode_key(m, KEYC_RIGHT);
	else
		lesson_mode_key(m, KEYC_ENTER);
	return true;
}

void
lesson_line_run(struct lesson_mode *m, FILE *in, FILE *out, int width)
{
	char line[LL_INPUT];
	enum lesson_phase phase;
	int stop;

	ll_print(m, out, width, true);
	while (m->phase != LM_DONE) {
		ll_prompt(m, out);
		if (!ll_read(in, line, sizeof(line))) {
			fputc('\n', out);
			break;
		}
		stop = m->stop;
		phase = m->phase;
		if (ll_typing(m) && line[strspn(line, " \t")] == '\0')
			continue;	/* nothing typed: ask again */
		if (!ll_apply(m, line))
			break;
		/* After the stop's last answer, go on rather than repeat it. */
		if (m->phase == LM_READ && (phase == LM_RIGHT ||
		    phase == LM_REVEAL))
			lesson_mode_key(m, KEYC_RIGHT);
		/* A new stop gets its title, as a heading. */
		if (m->stop != stop)
			fputc('\n', out);
		ll_print(m, out, width, m->stop != stop && m->stop >= 0);
	}
	fflush(out);
}
