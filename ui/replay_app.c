/*
 * replay_app: the interactive replay as plain state and a canvas; see
 * replay_view.h.  The terminal is someone else's (tui.c or replay_tui.c).
 */
#include "replay_view.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "annotate.h"
#include "i18n.h"
#include "keys.h"
#include "ladder.h"
#include "lang.h"
#include "screen.h"
#include "tcb.h"
#include "theme.h"
#include "tui.h"
#include "xalloc.h"

static const char ra_sortkeys[] = "ipbxd";

/* Which connections the search keeps: endpoints containing the text. */
static void
ra_keep(struct replay_app *a)
{
	a->nshown = 0;
	for (uint32_t i = 0; i < a->r->nconns; i++) {
		const struct replay_conn *c = &a->r->conns[a->order[i]];

		if (a->search[0] == '\0' || strstr(c->ep[0], a->search) ||
		    strstr(c->ep[1], a->search))
			a->shown[a->nshown++] = a->order[i];
	}
}

/* The search again, from the first row. */
static void
ra_refilter(struct replay_app *a)
{
	ra_keep(a);
	a->sel = a->top = 0;
}

/* Room in order and shown for every connection of the index. */
static void
ra_alloc(struct replay_app *a)
{
	if (a->r->nconns + 1 <= a->alloc)
		return;
	a->alloc = a->r->nconns + 1;
	a->order = xrealloc(a->order, a->alloc, sizeof(*a->order));
	a->shown = xrealloc(a->shown, a->alloc, sizeof(*a->shown));
}

static int64_t
ra_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool
replay_app_index(struct replay_app *a, int ms)
{
	struct replay *r = a->r;
	int64_t end = ra_now_ms() + ms;
	uint64_t sel_id = 0;
	struct ts_err err;
	uint32_t i;

	if (!replay_indexing(r))
		return false;
	/* Small slices, the clock read between them: a bounded pause. */
	do {
		if (replay_index_more(r, 2048, &err) < 0) {
			snprintf(a->message, sizeof(a->message), "%s",
			    err.msg);
			break;
		}
	} while (replay_indexing(r) && ra_now_ms() < end);
	/* The list grew and its counts moved: sort again, keep the row. */
	if (a->nshown > 0)
		sel_id = r->conns[a->shown[a->sel]].id;
	ra_alloc(a);
	replay_order(r, a->sortkey, a->order);
	ra_keep(a);
	for (i = 0; i < a->nshown && sel_id != 0; i++)
		if (r->conns[a->shown[i]].id == sel_id)
			break;
	a->sel = i < a->nshown ? i : 0;
	if (a->top > a->sel)
		a->top = a->sel;
	return true;
}

void
replay_app_init(struct replay_app *a, struct replay *r)
{
	memset(a, 0, sizeof(*a));
	a->r = r;
	a->sortkey = 'i';
	screen_ui_init(&a->ui);
	ra_alloc(a);
	replay_order(r, a->sortkey, a->order);
	ra_refilter(a);
	replay_lines_init(&a->rl);
}

void
replay_app_done(struct replay_app *a)
{
	free(a->order);
	free(a->shown);
	ladder_free(a->ladder);
	a->ladder = NULL;
	a->order = a->shown = NULL;
	a->alloc = 0;
}

/*
 * Open the selected connection: its packets are read in slices (the tick
 * goes on with it), so a connection spread over a big capture opens at
 * once and fills in while the keys keep answering.
 */
static void
ra_open(struct replay_app *a)
{
	struct ts_err err;
	const struct replay_conn *c;

	if (a->nshown == 0)
		return;
	c = &a->r->conns[a->shown[a->sel]];
	if (replay_load_start(a->r, c->id, 0, &err) != 0) {
		snprintf(a->message, sizeof(a->message), "%s", err.msg);
		return;
	}
	a->mode = RA_CONN;
	a->step = 0;
	a->message[0] = '\0';
	replay_lines_init(&a->rl);
	ladder_free(a->ladder);		/* the next draw builds this one's */
	a->ladder = NULL;
	(void)replay_app_load(a, 50);
}

bool
replay_app_load(struct replay_app *a, int ms)
{
	int64_t end = ra_now_ms() + ms;
	struct ts_err err;
	uint32_t before = a->r->nsteps;
	int rc = 0;

	if (!replay_loading(a->r))
		return false;
	while (rc == 0 && ra_now_ms() < end)
		rc = replay_load_more(a->r, 512, &err);
	if (rc < 0) {
		snprintf(a->message, sizeof(a->message), "%s", err.msg);
		a->mode = RA_LIST;
		return true;
	}
	if (a->step == 0 && a->r->nsteps > 0)
		a->step = 1;
	if (rc == 1 && a->r->damage[0] != '\0')
		snprintf(a->message, sizeof(a->message), "%s", a->r->damage);
	if (rc == 1 && a->r->nsteps == 0) {
		if (a->r->damage[0] == '\0')
			snprintf(a->message, sizeof(a->message), "%s",
			    _("no packets in this connection"));
		a->mode = RA_LIST;
	}
	return rc == 1 || a->r->nsteps != before;
}

/* The / and g prompts: digits or text, Enter applies, Esc forgets. */
static void
ra_prompt_key(struct replay_app *a, int key)
{
	size_t n = strlen(a->input);

	if (key == KEYC_ESCAPE) {
		a->typing = false;
		return;
	}
	if (key == KEYC_BACKSPACE) {
		if (n > 0)
			a->input[n - 1] = '\0';
		return;
	}
	if (key == KEYC_ENTER) {
		a->typing = false;
		if (a->prompt == '/') {
			snprintf(a->search, sizeof(a->search), "%s", a->input);
			ra_refilter(a);
		} else if (a->input[0] != '\0') {
			unsigned long k = strtoul(a->input, NULL, 10);

			if (k >= 1 && k <= a->r->nsteps)
				a->step = (uint32_t)k;
			else
				snprintf(a->message, sizeof(a->message),
				    _("no step %s (steps 1 to %u)"), a->input,
				    a->r->nsteps);
		}
		return;
	}
	/* Printable ASCII only: the endpoints are ASCII. */
	if (key >= 0x20 && key < 0x7f && n + 1 < sizeof(a->input) &&
	    (a->prompt == '/' || (key >= '0' && key <= '9'))) {
		a->input[n] = (char)key;
		a->input[n + 1] = '\0';
	}
}

/* L: the other language; Chinese cannot be drawn in ASCII. */
static void
ra_switch_lang(struct replay_app *a)
{
	if (a->ascii && strcmp(lang_current(), "zh") != 0) {
		snprintf(a->message, sizeof(a->message), "%s",
		    "Chinese needs a UTF-8 terminal (this one draws in ASCII)");
		return;
	}
	lang_set(strcmp(lang_current(), "zh") == 0 ? "en" : "zh");
}

static bool
ra_list_key(struct replay_app *a, int key)
{
	const char *k;

	switch (key) {
	case 'q':
	case KEYC_ESCAPE:
		return true;
	case KEYC_UP:
	case 'k':
		if (a->sel > 0)
			a->sel--;
		return false;
	case KEYC_DOWN:
	case 'j':
		if (a->sel + 1 < a->nshown)
			a->sel++;
		return false;
	case KEYC_PGUP:
		a->sel = a->sel > 10 ? a->sel - 10 : 0;
		return false;
	case KEYC_PGDN:
		a->sel = a->sel + 10 < a->nshown ? a->sel + 10 :
		    (a->nshown ? a->nshown - 1 : 0);
		return false;
	case KEYC_HOME:
		a->sel = 0;
		return false;
	case KEYC_END:
		a->sel = a->nshown ? a->nshown - 1 : 0;
		return false;
	case KEYC_ENTER:
		ra_open(a);
		return false;
	case '/':
		a->typing = true;
		a->prompt = '/';
		a->input[0] = '\0';
		return false;
	case '?':
		a->ui.help = true;
		return false;
	case 's':
		/* Cycle the sort key. */
		k = strchr(ra_sortkeys, a->sortkey);
		a->sortkey = k != NULL && k[1] != '\0' ? k[1] : ra_sortkeys[0];
		replay_order(a->r, a->sortkey, a->order);
		ra_refilter(a);
		return false;
	case 'L':
		ra_switch_lang(a);
		return false;
	default:
		return false;
	}
}

static void
ra_conn_key(struct replay_app *a, int key)
{
	switch (key == 'q' ? KA_QUIT : keys_action(key)) {
	case KA_NEXT:
		if (a->step < a->r->nsteps)
			a->step++;
		break;
	case KA_PREV:
		if (a->step > 1)
			a->step--;
		break;
	case KA_FIRST:
		a->step = 1;
		break;
	case KA_LAST:
		a->step = a->r->nsteps;
		break;
	case KA_GOTO:
		a->typing = true;
		a->prompt = 'g';
		a->input[0] = '\0';
		break;
	case KA_LANG:
		ra_switch_lang(a);
		break;
	case KA_FOCUS:
		a->ui.focus = layout_next_focus(a->ui.focus, a->width,
		    a->height);
		break;
	case KA_DUMP:
		a->ui.dump = !a->ui.dump;
		break;
	case KA_RELATIVE:
		a->ui.relative = !a->ui.relative;
		if (a->ui.relative && a->r->nsteps > 0 &&
		    (a->r->steps[0].tcb[0].iss.tag == RV_UNKNOWN ||
		    a->r->steps[a->r->nsteps - 1].tcb[1].iss.tag ==
		    RV_UNKNOWN))
			snprintf(a->message, sizeof(a->message), "%s",
			    _("relative numbers count from a side's ISS: where "
			    "no SYN was captured, they stay absolute"));
		break;
	case KA_HELP:
		a->ui.help = true;
		break;
	case KA_QUIT:
		a->mode = RA_LIST;	/* back to the list */
		break;
	default:
		if (key == KEYC_ESCAPE)
			a->mode = RA_LIST;
		break;
	}
}

bool
replay_app_key(struct replay_app *a, int key)
{
	if (a->typing) {
		ra_prompt_key(a, key);
		return false;
	}
	a->message[0] = '\0';
	if (a->ui.help) {		/* any key closes the help */
		a->ui.help = false;
		return false;
	}
	if (a->mode == RA_LIST)
		return ra_list_key(a, key);
	ra_conn_key(a, key);
	return false;
}

/* --- drawing ------------------------------------------------------------ */

static void
ra_bar(struct replay_app *a, struct canvas *cv, const char *keys)
{
	int y = cv->h - 1;

	canvas_fill(cv, (struct rect){ 0, y, cv->w, 1 }, ROLE_BAR, 0);
	if (a->typing)
		canvas_printf(cv, 0, y, cv->w, ROLE_BAR, 0, "%s %s_",
		    a->prompt == '/' ? _("search:") : _("go to step:"),
		    a->input);
	else if (a->message[0] != '\0')
		canvas_put(cv, 0, y, cv->w, ROLE_WARN, 0, a->message);
	else
		canvas_put(cv, 0, y, cv->w, ROLE_BAR, 0, keys);
}

static const char *
ra_sort_name(int key)
{
	switch (key) {
	case 'p':
		return _("packets");
	case 'b':
		return _("bytes");
	case 'x':
		return _("problems");
	case 'd':
		return _("duration");
	default:
		return _("order seen");
	}
}

/*
 * The list's columns: where each starts for this width.  The endpoints get
 * what the rest leaves (up to their longest, an IPv6 one); below 100
 * columns the duration gives way to them.
 */
struct ra_cols {
	int	x[8], w[8];
	int	n;
};

static void
ra_columns(struct ra_cols *k, int width)
{
	int epw = (width - 47) / 2;

	k->n = 8;
	if (width < 100) {
		k->n = 7;
		epw = (width - 38) / 2;
	}
	if (epw > 47)
		epw = 47;
	if (epw < 12)
		epw = 12;
	k->x[0] = 0;		k->w[0] = 5;	/* # */
	k->x[1] = 6;		k->w[1] = epw;	/* side A */
	k->x[2] = 7 + epw;	k->w[2] = epw;	/* side B */
	k->x[3] = 8 + 2 * epw;	k->w[3] = 7;	/* packets */
	k->x[4] = 16 + 2 * epw;	k->w[4] = 7;	/* start */
	k->x[5] = 24 + 2 * epw;	k->w[5] = 8;	/* end */
	k->x[6] = 33 + 2 * epw;	k->w[6] = 4;	/* problems */
	k->x[7] = 38 + 2 * epw;	k->w[7] = 9;	/* duration */
}

/* Cells placed by column: printf would pad bytes, not columns. */
static void
ra_cells(struct canvas *cv, const struct ra_cols *k, int y, int role, int fl,
    const char *const *cell, const bool *right)
{
	canvas_fill(cv, (struct rect){ 0, y, cv->w, 1 }, role, fl);
	for (int i = 0; i < k->n; i++) {
		int tw = canvas_text_width(cell[i]), x = k->x[i];

		if (right[i] && tw < k->w[i])
			x += k->w[i] - tw;
		if (x < cv->w)
			canvas_put(cv, x, y, k->x[i] + k->w[i] - x, role, fl,
			    cell[i]);
	}
}

/* ?: the list's keys. */
static void
ra_list_help(struct canvas *cv)
{
	static const char *const rows[][2] = {
		{ N_("Enter"), N_("open the connection") },
		{ N_("\xe2\x86\x91 \xe2\x86\x93 PgUp PgDn Home End"),
		    N_("move") },
		{ "s", N_("sort by: order seen, packets, bytes, problems, "
		    "duration") },
		{ "/", N_("search the endpoints (Enter applies, Esc cancels)") },
		{ "L", N_("English / Chinese") },
		{ "?", N_("this help") },
		{ "q Esc", N_("quit") },
	};

	screen_keys_overlay_tr(cv, rows,
	    (int)(sizeof(rows) / sizeof(rows[0])));
}

static void
ra_draw_list(struct replay_app *a, struct canvas *cv)
{
	static const bool right[8] = { true, false, false, true, false, false,
	    true, false };
	const struct replay *r = a->r;
	int rows = cv->h - 4;
	struct ra_cols k;
	char dur[32], id[24], pk[24], pr[24];

	ra_columns(&k, cv->w);
	if (replay_indexing(r) && r->fsize > 0)
		canvas_printf(cv, 0, 0, cv->w, ROLE_TITLE, CF_BOLD,
		    _("tcpstep replay \xc2\xb7 connections: %u \xc2\xb7 "
		    "indexing… packets: %llu, %d%%"), r->nconns,
		    (unsigned long long)r->packets,
		    (int)(r->fpos * 100 / r->fsize));
	else if (replay_indexing(r))
		canvas_printf(cv, 0, 0, cv->w, ROLE_TITLE, CF_BOLD,
		    _("tcpstep replay \xc2\xb7 connections: %u \xc2\xb7 "
		    "indexing… packets: %llu"), r->nconns,
		    (unsigned long long)r->packets);
	else
		canvas_printf(cv, 0, 0, cv->w, ROLE_TITLE, CF_BOLD,
		    _("tcpstep replay \xc2\xb7 connections: %u \xc2\xb7 "
		    "packets: %llu \xc2\xb7 sorted by %s%s%s"), r->nconns,
		    (unsigned long long)r->packets, ra_sort_name(a->sortkey),
		    a->search[0] ? "; /" : "", a->search);
	{
		const char *hs[] = { "#", _("side A"), _("side B"),
		    _("packets"), _("start"), _("end"), "!", _("duration") };

		ra_cells(cv, &k, 1, ROLE_HEAD, 0, hs, right);
	}
	if (a->sel < a->top)
		a->top = a->sel;
	if (rows > 0 && a->sel >= a->top + (uint32_t)rows)
		a->top = a->sel - (uint32_t)rows + 1;
	for (int i = 0; i < rows && a->top + (uint32_t)i < a->nshown; i++) {
		uint32_t n = a->top + (uint32_t)i;
		const struct replay_conn *c = &r->conns[a->shown[n]];
		const char *cell[8];

		snprintf(id, sizeof(id), "%llu", (unsigned long long)c->id);
		snprintf(pk, sizeof(pk), "%llu",
		    (unsigned long long)(c->pkts[0] + c->pkts[1]));
		snprintf(pr, sizeof(pr), "%llu",
		    (unsigned long long)c->problems);
		annot_fmt_dur(dur, c->last_ts - c->first_ts);
		cell[0] = id;
		cell[1] = c->ep[0];
		cell[2] = c->ep[1];
		cell[3] = pk;
		cell[4] = replay_view_start(c->start);
		cell[5] = replay_view_end(c->end);
		cell[6] = pr;
		cell[7] = dur;
		ra_cells(cv, &k, 2 + i, c->problems ? ROLE_WARN : ROLE_NORMAL,
		    n == a->sel ? CF_CURRENT : 0, cell, right);
	}
	if (a->nshown == 0)
		canvas_put(cv, 2, 3, cv->w - 2, ROLE_DIM, 0,
		    _("no TCP connection matches"));
	if (r->damage[0] != '\0')
		canvas_put(cv, 0, cv->h - 2, cv->w, ROLE_WARN, CF_BOLD,
		    r->damage);
	else if (r->dropped == 0)
		canvas_put(cv, 0, cv->h - 2, cv->w, ROLE_DIM, 0,
		    _("! packets the analysis flags (retransmissions, "
		    "duplicate ACKs, zero windows\xe2\x80\xa6), as tshark -Y "
		    "tcp.analysis.flags counts them"));
	else
		canvas_printf(cv, 0, cv->h - 2, cv->w, ROLE_WARN, 0,
		    _("%llu more connections not indexed (the index holds %u)"),
		    (unsigned long long)r->dropped, r->cap);
	ra_bar(a, cv, _("Enter open  Up/Down move  s sort  / search  "
	    "L language  ? help  q quit"));
	if (a->ui.help)
		ra_list_help(cv);
}

/* A connection opened whose first packet is still ahead in the capture. */
static void
ra_draw_loading(struct replay_app *a, struct canvas *cv)
{
	canvas_printf(cv, 0, 0, cv->w, ROLE_TITLE, CF_BOLD,
	    _("connection %llu: reading the capture up to its first packet, "
	    "frame %llu\xe2\x80\xa6"), (unsigned long long)a->r->loaded,
	    (unsigned long long)a->r->load_frame);
	ra_bar(a, cv, _("q list"));
}

void
replay_app_draw(struct replay_app *a, struct canvas *cv)
{
	a->width = cv->w;	/* Tab's choices depend on the size */
	a->height = cv->h;
	a->ascii = cv->ascii;
	canvas_clear(cv);
	if (a->mode == RA_CONN && a->r->nsteps > 0 &&
	    a->r->loaded != 0)
		replay_screen_draw(a, cv);
	else if (a->mode == RA_CONN)
		ra_draw_loading(a, cv);
	else
		ra_draw_list(a, cv);
}

/* --- the terminal, through tui.c's hook --------------------------------- */

static void
ra_tui_draw(void *ctx, struct canvas *cv)
{
	replay_app_draw(ctx, cv);
}

/* Keys only: the reading goes on in the ticks between them. */
static int
ra_tui_key(void *ctx, int key)
{
	if (key == KEYC_RESIZE)
		return TUI_APP_REDRAW;
	if (replay_app_key(ctx, key))
		return TUI_APP_QUIT;
	return TUI_APP_REDRAW;
}

/* A click on a ladder row goes to its packet, as in the simulator. */
static int
ra_tui_click(void *ctx, int x, int y)
{
	struct replay_app *a = ctx;
	size_t k = replay_ladder_hit(a, x, y);

	if (k == 0)
		return TUI_APP_NONE;
	a->step = (uint32_t)k;
	return TUI_APP_REDRAW;
}

/* No key for a while: a longer slice, still short enough to feel none. */
static int
ra_tui_tick(void *ctx)
{
	bool loaded = replay_app_load(ctx, 50);

	return replay_app_index(ctx, 50) || loaded ? TUI_APP_REDRAW :
	    TUI_APP_NONE;
}

int
replay_tui(struct cli *c, struct replay *r)
{
	struct replay_app a;
	struct tui_app app = {
		.ctx = &a, .draw = ra_tui_draw, .key = ra_tui_key,
		.click = ra_tui_click, .tick = ra_tui_tick
	};
	int rc;

	(void)tui_ascii(c);	/* before any text: may switch to English */
	replay_app_init(&a, r);
	/* The first screen after at most ~50 ms of indexing. */
	(void)replay_app_index(&a, 50);
	rc = tui_run_app(c, &app);
	replay_app_done(&a);
	return rc;
}

/*
 * `tcpstep render --capture FILE --conn N --step K`: the replay's screen
 * at one step as plain text (cmd_render.c calls this for --capture).
 */
int
replay_render(struct cli *c)
{
	struct replay_app a;
	struct replay *r;
	struct canvas *cv;
	struct ts_err err;
	uint64_t id = c->conn > 0 ? (uint64_t)c->conn : 1;
	char *out;
	int why, rc = EXIT_OK;

	if ((r = replay_open(c->capture, NULL, 0, &why, &err)) == NULL)
		return cli_error(EXIT_FAIL, "%s", err.msg);
	if (replay_load(r, id, 0, &err) != 0) {
		replay_free(r);
		return cli_error(EXIT_FAIL, "%s", err.msg);
	}
	if (c->step > (long)r->nsteps || r->nsteps == 0) {
		rc = cli_usage_error(c->name, _("connection %llu: no step %ld "
		    "(it has steps 0 to %u)"), (unsigned long long)id, c->step,
		    r->nsteps);
		replay_free(r);
		return rc;
	}
	replay_app_init(&a, r);
	a.mode = RA_CONN;
	a.step = c->step >= 1 ? (uint32_t)c->step : 1;
	cv = canvas_new(c->width, c->height, c->ascii);
	replay_app_draw(&a, cv);
	out = canvas_dump(cv);
	fputs(out, stdout);
	free(out);
	canvas_free(cv);
	replay_app_done(&a);
	replay_free(r);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(EXIT_FAIL, _("standard output: write error"));
	return rc;
}
