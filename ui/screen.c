/* screen: the panes, overlays and small-terminal message; see screen.h. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "cli.h"
#include "keys.h"
#include "lang.h"

void
screen_ui_init(struct ui_state *ui)
{
	memset(ui, 0, sizeof(*ui));
	ui->theme = THEME_DARK;
	ui->focus = FOCUS_ALL;
}

void
screen_draw_too_small(struct canvas *cv)
{
	char need[96], have[96];
	const char *lines[4];
	int y;

	canvas_clear(cv);
	snprintf(need, sizeof(need), _("tcpstep needs at least %dx%d."),
	    LAYOUT_MIN_W, LAYOUT_MIN_H);
	snprintf(have, sizeof(have), _("This window is %dx%d."), cv->w, cv->h);
	lines[0] = _("Please enlarge the window.");
	lines[1] = need;
	lines[2] = have;
	lines[3] = _("q quits.");
	y = cv->h / 2 - 3;
	if (y < 0)
		y = 0;
	for (int i = 0; i < 4 && y < cv->h; i++) {
		y += canvas_put_wrapped(cv, (struct rect){ 1, y, cv->w - 2,
		    cv->h - y }, i == 0 ? ROLE_WARN : i == 3 ? ROLE_DIM :
		    ROLE_NORMAL, i == 0 ? CF_BOLD : 0, lines[i]);
		if (i < 3 && cv->h >= 12)
			y++;	/* a blank line between, when there is room */
	}
}

/* A centred box of w x h for an overlay; returns its inside. */
static struct rect
screen_overlay(struct canvas *cv, int w, int h, const char *title)
{
	struct rect r;

	if (w > cv->w - 4)
		w = cv->w - 4;
	if (h > cv->h - 2)
		h = cv->h - 2;
	r = (struct rect){ (cv->w - w) / 2, (cv->h - h) / 2, w, h };
	canvas_fill(cv, r, ROLE_NORMAL, 0);
	canvas_box(cv, r, ROLE_BORDER, title, CF_BOLD);
	return (struct rect){ r.x + 2, r.y + 1, r.w - 4, r.h - 2 };
}

void
screen_keys_overlay(struct canvas *cv, const char *const (*rows)[2], int n)
{
	struct rect in;
	int kw = 0;

	for (int i = 0; i < n; i++)
		if (canvas_text_width(rows[i][0]) > kw)
			kw = canvas_text_width(rows[i][0]);
	in = screen_overlay(cv, 72, n + 4, _("Keys"));
	for (int i = 0; i < n && i < in.h; i++) {
		canvas_put(cv, in.x, in.y + i, kw, ROLE_KEY, 0, rows[i][0]);
		canvas_put(cv, in.x + kw + 2, in.y + i, in.w - kw - 2,
		    ROLE_NORMAL, 0, rows[i][1]);
	}
	canvas_put(cv, in.x, in.y + in.h - 1, in.w, ROLE_DIM, 0,
	    _("Press any key to close this help."));
}

void
screen_keys_overlay_tr(struct canvas *cv, const char *const (*rows)[2],
    int n)
{
	const char *tr[32][2];

	if (n > 32)
		n = 32;
	for (int i = 0; i < n; i++) {
		tr[i][0] = _(rows[i][0]);
		tr[i][1] = _(rows[i][1]);
	}
	screen_keys_overlay(cv, (const char *const (*)[2])tr, n);
}

static void
screen_help(struct canvas *cv)
{
	char keys[32][64];
	const char *rows[32][2];
	int n = 0;

	while (n < 32 && keys_help_line((size_t)n, keys[n], sizeof(keys[n]),
	    &rows[n][1])) {
		rows[n][0] = keys[n];
		n++;
	}
	screen_keys_overlay(cv, (const char *const (*)[2])rows, n);
}

static const char *const screen_faults[] = {
	N_("drop it"), N_("duplicate it"), N_("delay it by 500 ms"),
};

size_t
screen_menu_count(int menu)
{
	if (menu == MENU_SCENARIO)
		return sim_builtin_count();
	if (menu == MENU_FAULT)
		return sizeof(screen_faults) / sizeof(screen_faults[0]);
	return 0;
}

static void
screen_menu(struct canvas *cv, const struct ui_state *ui)
{
	size_t n = screen_menu_count(ui->menu);
	struct rect in;
	const char *title = ui->menu == MENU_SCENARIO ?
	    _("Choose a scenario") : _("Fault on the next segment");

	in = screen_overlay(cv, 74, (int)n + 4, title);
	for (size_t i = 0; i < n && (int)i < in.h - 1; i++) {
		char line[200];
		int fl = (int)i == ui->menu_sel ? CF_CHANGED : 0;

		if (ui->menu == MENU_SCENARIO)
			snprintf(line, sizeof(line), "%c %-18s %s",
			    (int)i == ui->menu_sel ? '>' : ' ',
			    sim_builtin_name(i), sim_builtin_desc(i));
		else
			snprintf(line, sizeof(line), "%c %zu  %s",
			    (int)i == ui->menu_sel ? '>' : ' ', i + 1,
			    _(screen_faults[i]));
		canvas_fill(cv, (struct rect){ in.x, in.y + (int)i, in.w, 1 },
		    ROLE_NORMAL, fl);
		canvas_put(cv, in.x, in.y + (int)i, in.w, ROLE_NORMAL, fl, line);
	}
	canvas_put(cv, in.x, in.y + in.h - 1, in.w, ROLE_DIM, 0,
	    _("\xe2\x86\x91\xe2\x86\x93 choose, Enter confirms, Esc cancels"));
}

static void
screen_pane(const struct pane_ops *ops, struct canvas *cv, struct rect r,
    const struct sim *s, const struct ladder *l, const struct ui_state *ui)
{
	struct pane_ctx x = { cv, s, ui, l, r, 0 };

	if (r.w > 0 && r.h > 0)
		ops->draw(&x);
}

void
screen_draw(struct canvas *cv, const struct sim *s, const struct ladder *l,
    const struct ui_state *ui)
{
	struct layout lay;

	canvas_clear(cv);
	layout_compute(&lay, cv->w, cv->h, ui->focus, ui->dump);
	if (lay.too_small) {
		screen_draw_too_small(cv);
		return;
	}
	screen_pane(&pane_title_ops, cv, lay.title, s, l, ui);
	screen_pane(&pane_stack_ops, cv, lay.stack, s, l, ui);
	screen_pane(&pane_ladder_ops, cv, lay.ladder, s, l, ui);
	screen_pane(&pane_header_ops, cv, lay.header, s, l, ui);
	screen_pane(&pane_tcb_ops, cv, lay.tcb, s, l, ui);
	screen_pane(&pane_buffers_ops, cv, lay.buffers, s, l, ui);
	screen_pane(&pane_dump_ops, cv, lay.dump, s, l, ui);
	screen_pane(&pane_narration_ops, cv, lay.narration, s, l, ui);
	screen_pane(&pane_bar_ops, cv, lay.bar, s, l, ui);
	if (ui->help)
		screen_help(cv);
	else if (ui->menu != MENU_NONE)
		screen_menu(cv, ui);
}

bool
screen_ladder_ctx(struct pane_ctx *x, struct canvas *cv, const struct sim *s,
    const struct ladder *l, const struct ui_state *ui)
{
	struct layout lay;

	layout_compute(&lay, cv->w, cv->h, ui->focus, ui->dump);
	if (lay.too_small || lay.ladder.w == 0)
		return false;
	*x = (struct pane_ctx){ cv, s, ui, l, lay.ladder, 0 };
	return true;
}

int
screen_from_cli(const struct cli *c, struct sim_config *cfg,
    struct ui_state *ui, bool *ascii)
{
	screen_ui_init(ui);
	memset(cfg, 0, sizeof(*cfg));
	cfg->scenario = c->scenario;
	cfg->seed = c->seed;
	cfg->ipv6 = c->ipv6;
	cfg->client_profile = c->client_profile ? c->client_profile :
	    c->profile;
	cfg->server_profile = c->server_profile ? c->server_profile :
	    c->profile;
	if (c->theme != NULL) {
		int t = theme_find(c->theme);

		if (t < 0)
			return cli_usage_error(c->name,
			    _("%s: unknown theme '%s' (use dark, light or "
			    "projector)"), c->name, c->theme);
		ui->theme = (enum theme_id)t;
	}
	*ascii = c->ascii;
	/* Chinese cannot be drawn in ASCII: --ascii speaks English */
	if (*ascii && strcmp(lang_current(), "zh") == 0)
		lang_set("en");
	return EXIT_OK;
}
