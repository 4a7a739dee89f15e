/*
 * cmd_replay: `tcpstep replay FILE [FILTER]`; see tcpstep.1.
 *
 * On a terminal: the interactive view (replay_app.c, through tui.c).
 * As text (standard output not a terminal, or --conn given): the list of
 * connections, or with --conn N every packet of connection N (only step K
 * with --step K) with its one-liners, the annotator's words and both
 * control blocks, each value marked observed, inferred or unknown.
 */
#include "cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annotate.h"
#include "i18n.h"
#include "pcap_rd.h"
#include "pkt_print.h"
#include "replay.h"
#include "replay_view.h"
#include "tui.h"
#include "tcb.h"

static struct replay *
replay_cli_open(struct cli *c, bool lazy, int *rc)
{
	struct replay *r;
	struct ts_err err;
	int why;

	/* The terminal view indexes as it goes (replay_app_index). */
	r = replay_start(c->ops[0], c->filter, 0, lazy ? 0 : UINT64_MAX,
	    &why, &err);
	if (r != NULL)
		return r;
	if (why == PCAP_RD_EFILTER)
		*rc = cli_usage_error(c->name, "%s: %s", c->name, err.msg);
	else
		*rc = cli_error(EXIT_FAIL, "%s", err.msg);
	return NULL;
}

static void
replay_text_list(FILE *f, const struct replay *r, const char *file)
{
	char dur[32];

	fprintf(f, _("%s: %u TCP connections in %llu packets (%llu TCP)\n"),
	    file, r->nconns, (unsigned long long)r->packets,
	    (unsigned long long)r->tcp_packets);
	fprintf(f, "%5s  %-47s %-47s %9s %11s %-7s %-7s %8s %s\n",
	    "#", _("side A (sent first)"), _("side B"), _("packets"),
	    _("bytes A>B"), _("start"), _("end"), _("problems"),
	    _("duration"));
	for (uint32_t i = 0; i < r->nconns; i++) {
		const struct replay_conn *rc = &r->conns[i];

		annot_fmt_dur(dur, rc->last_ts - rc->first_ts);
		fprintf(f, "%5" PRIu64 "  %-47s %-47s %9" PRIu64 " %11" PRIu64
		    " %-7s %-7s %8" PRIu64 " %s\n", rc->id, rc->ep[0],
		    rc->ep[1], rc->pkts[0] + rc->pkts[1], rc->bytes[0],
		    replay_view_start(rc->start),
		    replay_view_end(rc->end), rc->problems, dur);
	}
	if (r->dropped > 0)
		fprintf(f, _("(%llu more connections not listed: the index "
		    "holds %u)\n"), (unsigned long long)r->dropped, r->cap);
	if (r->evicted > 0)
		fprintf(f, _("(%llu connections were forgotten while open "
		    "and listed again when seen later)\n"),
		    (unsigned long long)r->evicted);
}

static void
replay_text_step(FILE *f, const struct replay *r, const struct replay_conn *rc,
    struct replay_lines *rl, uint32_t k)
{
	const struct replay_step *st = &r->steps[k - 1];
	char tcb[2][512], t[32];

	replay_lines_at(rl, r, k);
	annot_fmt_time(t, st->rel_ns, 6);
	fprintf(f, _("step %u  frame %llu  %s  %s > %s\n"), k,
	    (unsigned long long)st->frame, t, rc->ep[st->dir], rc->ep[1 - st->dir]);
	fprintf(f, "  tcpdump: %s\n", rl->tcpdump);
	fprintf(f, "  tshark:  %s\n", rl->tshark);
	fprintf(f, "  %s\n", st->explain);
	if (st->problems != NULL)
		fprintf(f, "  %s %s\n", _("problems:"), st->problems);
	for (int s = 0; s < 2; s++) {
		replay_view_tcb(tcb[s], sizeof(tcb[s]), &st->tcb[s]);
		fprintf(f, "  %c %-47s %s\n", "AB"[s], rc->ep[s], tcb[s]);
	}
}

static int
replay_text_conn(FILE *f, struct replay *r, uint64_t id, long step)
{
	const struct replay_conn *rc;
	struct replay_lines rl;
	struct ts_err err;

	if (replay_conn_by_id(r, id) == NULL)
		return cli_error(EXIT_FAIL, _("connection %llu: no such "
		    "connection (the capture has %u)"), (unsigned long long)id,
		    r->nconns);
	if (replay_load(r, id, 0, &err) != 0)
		return cli_error(EXIT_FAIL, "%s", err.msg);
	rc = replay_conn_by_id(r, id);
	if (step == 0 || step > (long)r->nsteps)
		return cli_error(EXIT_USAGE, _("connection %llu: no step %ld "
		    "(it has steps 1 to %u)"), (unsigned long long)id, step,
		    r->nsteps);
	fprintf(f, _("connection %llu: %s > %s, %u packets\n"),
	    (unsigned long long)id, rc->ep[0], rc->ep[1], r->nsteps);
	fprintf(f, "%s\n", replay_view_near(r));
	fprintf(f, "%s\n", _("values: =observed ~inferred ?unknown "
	    "(as the wire shows them)"));
	replay_lines_init(&rl);
	if (step >= 1)
		replay_text_step(f, r, rc, &rl, (uint32_t)step);
	else
		for (uint32_t k = 1; k <= r->nsteps; k++)
			replay_text_step(f, r, rc, &rl, k);
	if (r->steps_cut)
		fprintf(f, _("(only the first %u packets were loaded)\n"),
		    r->nsteps);
	return EXIT_OK;
}

int
cmd_replay(struct cli *c)
{
	struct replay *r;
	int rc = EXIT_OK;
	bool tty = tui_available();	/* keys from /dev/tty for "-" */

	if ((r = replay_cli_open(c, tty && c->conn <= 0 && c->step < 0,
	    &rc)) == NULL)
		return rc;
	if (c->conn > 0)
		rc = replay_text_conn(stdout, r, (uint64_t)c->conn, c->step);
	else if (c->step >= 0)
		rc = cli_usage_error(c->name, _("%s: --step needs --conn"),
		    c->name);
	else if (!tty)
		replay_text_list(stdout, r, c->ops[0]);
	else
		rc = replay_tui(c, r);
	/* A damaged file: what came before it was shown; then the error,
	 * and a failure, as tcpdump does. */
	if (rc == EXIT_OK && r->damage[0] != '\0') {
		fflush(stdout);
		rc = cli_error(EXIT_FAIL, "%s", r->damage);
	}
	replay_free(r);
	if (rc == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout)))
		return cli_error(EXIT_FAIL, _("standard output: write error"));
	return rc;
}
