/* replay_view: the replay's words and screens; see replay_view.h. */
#include "replay_view.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "lang.h"
#include "tcb.h"
#include "tcp_analysis.h"

void
replay_lines_init(struct replay_lines *rl)
{
	rl->ascii = !lang_utf8();
	pkt_print_track_init(&rl->tr);
	rl->fed = 0;
	rl->have = false;
	rl->tcpdump[0] = rl->tshark[0] = '\0';
}

/* tshark's Info column: its analysis labels, then the packet's line. */
static void
replay_lines_tshark(struct replay_lines *rl, const struct replay_step *st,
    const struct pkt_print_ctx *ws)
{
	struct ta_result ta = { .flags = st->taflags,
	    .dupack_num = st->dupack_num, .dupack_frame = st->dupack_frame };
	size_t at;

	pane_tshark_labels(rl->tshark, sizeof(rl->tshark), &ta);
	at = strlen(rl->tshark);
	pkt_print_tshark(&rl->pkt, ws, rl->ascii, rl->tshark + at,
	    sizeof(rl->tshark) - at);
}

void
replay_lines_at(struct replay_lines *rl, const struct replay *r, uint32_t k)
{
	struct pkt_print_ctx td, ws;

	if (k == 0 || k > r->nsteps) {
		rl->tcpdump[0] = rl->tshark[0] = '\0';
		return;
	}
	if (k == rl->fed && rl->have)
		return;		/* a redraw of the same step */
	if (k <= rl->fed) {
		bool ascii = rl->ascii;

		replay_lines_init(rl);
		rl->ascii = ascii;
	}
	while (rl->fed < k) {
		const struct replay_step *st = &r->steps[rl->fed++];

		(void)pkt_decode(&rl->pkt, r->linktype, st->data,
		    st->snaplen, st->wirelen);
		if (!pkt_print_track(&rl->tr, &rl->pkt, &td, &ws)) {
			rl->tcpdump[0] = rl->tshark[0] = '\0';
			rl->have = rl->fed == k;
			continue;
		}
		if (rl->fed == k) {
			rl->have = true;
			pkt_print_tcpdump(&rl->pkt, &td, rl->tcpdump,
			    sizeof(rl->tcpdump));
			replay_lines_tshark(rl, st, &ws);
		}
	}
}

const char *
replay_view_state(int state)
{
	switch (state) {
	case RS_LISTEN_OR_CLOSED:
		return _("LISTEN or CLOSED");
	case RS_SYNCHRONIZED:
		return _("synchronized");
	case -1:
		return _("unknown");
	default:
		return replay_state_name(state);	/* the RFC's names */
	}
}

const char *
replay_view_start(int start)
{
	switch (start) {
	case REPLAY_START_SYN:
		return "SYN";
	case REPLAY_START_SYNACK:
		return "SYN+ACK";
	default:
		return _("mid-way");
	}
}

const char *
replay_view_end(int end)
{
	switch (end) {
	case REPLAY_END_FIN:
		return "FIN";
	case REPLAY_END_HALF:
		return _("half FIN");
	case REPLAY_END_RST:
		return "RST";
	case REPLAY_END_REFUSED:
		return _("refused");
	default:
		return _("cut");
	}
}

static char
replay_mark(int tag)
{
	return tag == RV_OBSERVED ? '=' : tag == RV_INFERRED ? '~' : '?';
}

static size_t
replay_put_val(char *buf, size_t len, size_t at, const char *name,
    const struct replay_val *v)
{
	int n;

	if (at >= len)
		return at;
	if (v->tag == RV_UNKNOWN)
		n = snprintf(buf + at, len - at, " %s?", name);
	else
		n = snprintf(buf + at, len - at, " %s%c%" PRIu32, name,
		    replay_mark(v->tag), v->v);
	return n < 0 ? at : at + (size_t)n;
}

void
replay_view_tcb(char *buf, size_t len, const struct replay_tcb *t)
{
	size_t at;
	int n;

	n = snprintf(buf, len, "%s%c", replay_view_state(t->state),
	    replay_mark(t->state < 0 ? RV_UNKNOWN : t->state_tag));
	at = n < 0 ? 0 : (size_t)n;
	at = replay_put_val(buf, len, at, "ISS", &t->iss);
	at = replay_put_val(buf, len, at, "IRS", &t->irs);
	at = replay_put_val(buf, len, at, "SND.UNA", &t->snd_una);
	at = replay_put_val(buf, len, at, "SND.NXT", &t->snd_nxt);
	at = replay_put_val(buf, len, at, "RCV.NXT", &t->rcv_nxt);
	at = replay_put_val(buf, len, at, "SND.WND", &t->snd_wnd);
	at = replay_put_val(buf, len, at, "RCV.WND", &t->rcv_wnd);
	(void)at;
}

const char *
replay_view_near(const struct replay *r)
{
	switch (r->near) {
	case REPLAY_NEAR_CLIENT:
		return _("capture point: probably near the client (a guess: "
		    "the SYN+ACK came long after the SYN, the ACK at once)");
	case REPLAY_NEAR_SERVER:
		return _("capture point: probably near the server (a guess: "
		    "the SYN+ACK came at once, the ACK long after)");
	case REPLAY_NEAR_MIDDLE:
		return _("capture point: between the two, or too close to "
		    "tell (a guess from the handshake's timing)");
	default:
		return _("capture point: unknown (no complete handshake to "
		    "time)");
	}
}
