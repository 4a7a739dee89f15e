/* pane: helpers the panes share; see pane.h. */
#include "pane.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

const struct sock *
pane_sock(const struct sim *s, int side)
{
	int i = sim_host_conn(s, side);

	if (i < 0 || i >= HOST_MAX_SOCK)
		return NULL;
	return &sim_host(s, side)->sock[i];
}

bool
pane_changed(const struct sim *s, int side, const char *field)
{
	char name[64];
	size_t cur = sim_cur(s);

	if (cur == 0)
		return false;
	snprintf(name, sizeof(name), "%s.%s", sim_host_name(side), field);
	return sim_step_changed(s, cur, name);
}

int
pane_flag(const struct sim *s, int side, const char *field)
{
	return pane_changed(s, side, field) ? CF_CHANGED : 0;
}

int
pane_side_role(int side)
{
	return side == SIM_CLIENT ? ROLE_CLIENT : ROLE_SERVER;
}

const char *
pane_side_name(int side)
{
	return side == SIM_CLIENT ? _("client") : _("server");
}

const char *
pane_layer_name(int layer)
{
	static const char *const names[SIM_L_COUNT] = {
		[SIM_L_APP] = N_("application"),
		[SIM_L_SOCK] = N_("socket"),
		[SIM_L_TCP] = N_("TCP"),
		[SIM_L_IP] = N_("IP"),
		[SIM_L_WIRE] = N_("wire"),
	};

	if (layer < 0 || layer >= SIM_L_COUNT)
		return "?";
	return _(names[layer]);
}

size_t
pane_packet_step(const struct sim *s)
{
	for (size_t k = sim_cur(s); k > 0; k--) {
		const struct sim_step *st = sim_step_at(s, k);

		if (st != NULL && st->pkt != NULL && st->pkt_len > 0)
			return k;
	}
	return 0;
}

void
pane_seq(char *buf, size_t len, uint32_t v, uint32_t base, bool relative)
{
	if (relative)
		snprintf(buf, len, "%u", (unsigned)(v - base));
	else
		snprintf(buf, len, "%u", (unsigned)v);
}

void
pane_endpoint(char *buf, size_t len, const struct pkt_addr *a, uint16_t port)
{
	char ab[64];

	pkt_addr_str(a, ab, sizeof(ab));
	if (a->family == 6)
		snprintf(buf, len, "[%s]:%u", ab, (unsigned)port);
	else
		snprintf(buf, len, "%s:%u", ab, (unsigned)port);
}

void
pane_frame(const struct pane_ctx *x, const char *title)
{
	canvas_fill(x->cv, x->r, ROLE_NORMAL, 0);
	canvas_box(x->cv, x->r, ROLE_BORDER, title, 0);
	/* the title reads as a heading, not as part of the border */
	if (title != NULL && x->r.w > 4)
		canvas_mark(x->cv, (struct rect){ x->r.x + 2, x->r.y,
		    canvas_text_width(title) < x->r.w - 5 ?
		    canvas_text_width(title) : x->r.w - 5, 1 }, ROLE_HEAD, 0);
}

struct rect
pane_inner(const struct pane_ctx *x)
{
	struct rect r = { x->r.x + 1, x->r.y + 1, x->r.w - 2, x->r.h - 2 };

	if (r.w < 0)
		r.w = 0;
	if (r.h < 0)
		r.h = 0;
	return r;
}
