/* cmd_quiz: `tcpstep quiz FILE [FILTER]`; see tcpstep.1. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "pkt.h"
#include "quiz.h"
#include "quiz_line.h"
#include "quiz_mode.h"
#include "safe.h"
#include "tui.h"

/* The quiz's key answers are the TUI's: its quit ends the loop. */
_Static_assert((int)QMK_NONE == TUI_APP_NONE &&
    (int)QMK_REDRAW == TUI_APP_REDRAW && (int)QMK_QUIT == TUI_APP_QUIT,
    "quiz_mode's key results must match tui.h's");

enum { QL_INPUT = 128 };

/* One segment, tcpdump's way; blank names a field shown as "?". */
static void
ql_seg(const struct quiz *z, int i, FILE *out, const char *label,
    enum quiz_kind blank)
{
	const struct quiz_seg *s = &z->seg[i];
	char fl[16], seq[32], ack[32], win[48];

	snprintf(seq, sizeof(seq), "%u", s->seq);
	snprintf(ack, sizeof(ack), "%u", s->ack);
	snprintf(win, sizeof(win), "%u", s->win);
	if (blank == QUIZ_ACK)
		snprintf(ack, sizeof(ack), "?");
	if (blank == QUIZ_WIN)
		snprintf(win, sizeof(win), "%u (%s ?)", s->win,
		    _("scaled:"));
	fprintf(out, "%s %s > %s: Flags [%s], seq %s", label,
	    s->from_client ? z->client : z->server,
	    s->from_client ? z->server : z->client,
	    quiz_flags(s->flags, fl, sizeof(fl)), seq);
	if (s->flags & TH_ACK)
		fprintf(out, ", ack %s", ack);
	fprintf(out, ", win %s", win);
	if (s->wscale >= 0)
		fprintf(out, ", options [wscale %d]", s->wscale);
	fprintf(out, ", length %u\n", s->len);
}

static void
ql_context(const struct quiz *z, const struct quiz_q *q, FILE *out)
{
	char label[32];

	if (q->kind == QUIZ_ORDER) {
		fprintf(out, "%s\n", _("These segments are shuffled. Type their "
		    "numbers in the order they were sent (e.g. 2 1 3 4)."));
		for (int k = 0; k < q->norder; k++) {
			snprintf(label, sizeof(label), "(%d)", k + 1);
			ql_seg(z, q->order[k], out, label, QUIZ_ORDER);
		}
		return;
	}
	for (int i = 0; i <= q->seg; i++) {
		snprintf(label, sizeof(label), "%3llu",
		    (unsigned long long)z->seg[i].frame);
		ql_seg(z, i, out, label, i == q->seg ? q->kind : QUIZ_ORDER);
	}
	switch (q->kind) {
	case QUIZ_ACK:
		fprintf(out, "%s\n", _("What ACK number does the SYN+ACK "
		    "carry?"));
		break;
	case QUIZ_NEXT:
		fprintf(out, "%s\n", _("After the last segment above, which "
		    "sequence number does its receiver expect next?"));
		break;
	case QUIZ_WIN:
		fprintf(out, "%s\n", _("How many bytes does the window of the "
		    "last segment above allow, after window scaling?"));
		break;
	case QUIZ_ORDER:
		break;
	}
}

static bool
ql_read(FILE *in, char *buf, size_t cap)
{
	size_t n;
	int ch;

	if (fgets(buf, (int)cap, in) == NULL)
		return false;
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else
		while ((ch = fgetc(in)) != EOF && ch != '\n')
			;
	while (n > 0 && (buf[n - 1] == '\r' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return true;
}

static void
ql_answer(const struct quiz *z, const struct quiz_q *q, FILE *out)
{
	if (q->kind != QUIZ_ORDER) {
		fprintf(out, _("The answer: %u.\n"), q->answer);
		return;
	}
	fprintf(out, "%s", _("The answer:"));
	for (int i = 0; i < q->norder; i++)
		for (int k = 0; k < q->norder; k++)
			if (q->order[k] == i)
				fprintf(out, " %d", k + 1);
	fprintf(out, "\n");
	(void)z;
}

int
quiz_line_run(const struct quiz *z, FILE *in, FILE *out)
{
	char line[QL_INPUT];
	int score = 0;

	for (int i = 0; i < z->nq; i++) {
		const struct quiz_q *q = &z->q[i];
		int tries = 0;

		fprintf(out, _("\nQuestion %d of %d\n"), i + 1, z->nq);
		ql_context(z, q, out);
		for (;;) {
			fputs("> ", out);
			fflush(out);
			if (!ql_read(in, line, sizeof(line))) {
				fputc('\n', out);
				return score;
			}
			if (line[0] == '\0')
				continue;
			if (quiz_check(z, q, line)) {
				fprintf(out, "%s\n", _("Right."));
				score += tries == 0;
				break;
			}
			if (++tries == 2) {
				ql_answer(z, q, out);
				break;
			}
			fprintf(out, "%s %s\n", _("Not quite. Try again."),
			    quiz_mode_hint(q->kind));
		}
	}
	fprintf(out, _("\nYou answered %d of %d questions right at the first "
	    "try.\n"), score, z->nq);
	fflush(out);
	return score;
}

static void
cmd_quiz_draw(void *ctx, struct canvas *cv)
{
	quiz_mode_draw(ctx, cv);
}

static int
cmd_quiz_key(void *ctx, int key)
{
	return (int)quiz_mode_key(ctx, key);
}

/* The quiz in the TUI; the score stays on the terminal afterwards. */
static int
cmd_quiz_tui(struct cli *c, const struct quiz *z)
{
	struct quiz_mode m;
	struct tui_app app = { &m, cmd_quiz_draw, cmd_quiz_key, NULL, NULL };
	int rc;

	quiz_mode_init(&m, z, c->ops[0]);
	if ((rc = tui_run_app(c, &app)) != EXIT_OK)
		return rc;
	if (m.phase == QM_DONE)
		printf(_("\nYou answered %d of %d questions right at the first "
		    "try.\n"), m.score, z->nq);
	return EXIT_OK;
}

int
cmd_quiz(struct cli *c)
{
	struct quiz *z = calloc(1, sizeof(*z));
	struct ts_err err;
	char name[1024];
	int rc = EXIT_OK;

	if (z == NULL)
		return cli_error(EXIT_FAIL, "quiz: out of memory");
	if (quiz_load(z, c->ops[0], c->filter, &err) == -1) {
		free(z);
		return cli_error(EXIT_FAIL, "%s", err.msg);
	}
	quiz_make(z, c->seed);
	/* On a terminal, the TUI; piped or scripted, lines of text. */
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		rc = cmd_quiz_tui(c, z);
		free(z);
		return rc;
	}
	/* A file name is untrusted text too. */
	safe_escape(name, sizeof(name), c->ops[0], strlen(c->ops[0]), false);
	printf(_("A connection from %s: %s to %s, %d segments.\n"), name,
	    z->client, z->server, z->nseg);
	quiz_line_run(z, stdin, stdout);
	free(z);
	return EXIT_OK;
}
