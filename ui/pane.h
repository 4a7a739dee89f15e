/*
 * pane: one part of the screen, as a const ops table (tmux's cmd_entry,
 * htop's Meter classes).  A pane draws the engine's state at the current
 * step into its rectangle of the canvas and never changes that state; it
 * reads the sim through a const pointer and keeps nothing across a step.
 *
 * What the current step changed is drawn with CF_CHANGED (reverse video in
 * every theme), so the eye finds it in each pane.
 */
#ifndef TS_PANE_H
#define TS_PANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "layout.h"
#include "sim.h"
#include "theme.h"

struct ladder;

/* The view's own state: everything on screen that is not the engine's. */
struct ui_state {
	enum theme_id		theme;
	bool			relative;	/* relative sequence numbers */
	bool			dump;		/* tcpdump and tshark lines */
	bool			help;		/* the ? overlay */
	enum layout_focus	focus;
	char			prompt[96];	/* a question on the bar, or "" */
	char			input[24];	/* what has been typed to it */
	char			message[640];	/* one-line notice, or "" */
	char			faults[96];	/* faults injected with f: "drop@7 " */
	int			menu;		/* enum ui_menu shown, or 0 */
	int			menu_sel;
};

enum ui_menu { MENU_NONE, MENU_SCENARIO, MENU_FAULT };

struct pane_ctx {
	struct canvas		*cv;
	const struct sim	*sim;		/* NULL: a capture's replay */
	const struct ui_state	*ui;
	const struct ladder	*ladder;
	struct rect		 r;
	size_t			 cur;		/* without a sim: the step */
};

struct pane_ops {
	const char	*name;
	void		(*draw)(const struct pane_ctx *);
};

extern const struct pane_ops pane_stack_ops;
extern const struct pane_ops pane_header_ops;
extern const struct pane_ops pane_tcb_ops;
extern const struct pane_ops pane_buffers_ops;
extern const struct pane_ops pane_ladder_ops;
extern const struct pane_ops pane_dump_ops;
extern const struct pane_ops pane_narration_ops;
extern const struct pane_ops pane_title_ops;
extern const struct pane_ops pane_bar_ops;

/*
 * A TCP header to draw in its bit layout, from the simulator or from a
 * capture: the packet, the bases of relative numbers, and which fields the
 * current step changed (NULL: none).
 */
struct header_view {
	const struct pkt	*p;
	uint32_t		 seq_base, ack_base;
	bool			 relative;
	bool			(*changed)(const void *arg, const char *key);
	const void		*arg;
};

/* The header pane's drawing, for any source of packets (pane_header.c). */
void	pane_header_show(const struct pane_ctx *x, const struct header_view *hv);

/*
 * Below a dump pane's heading row: tcpdump's line, then tshark's, each
 * after its tool's name, over the rows the pane has (pane_dump.c).
 */
void	pane_tool_pair(const struct pane_ctx *x, const char *tcpdump,
	    const char *tshark);
struct ta_result;
/* tshark's labels before its Info column: "[TCP Retransmission] ". */
void	pane_tshark_labels(char *buf, size_t len, const struct ta_result *r);

/* --- helpers shared by the panes (pane.c) ------------------------------ */

/* The connection socket a side's panes show (sim_host_conn), or NULL. */
const struct sock *pane_sock(const struct sim *s, int side);
/* True when the current step changed "<side>.<field>" (e.g. "tcb.iss"). */
bool	pane_changed(const struct sim *s, int side, const char *field);
/* CF_CHANGED if pane_changed, else 0. */
int	pane_flag(const struct sim *s, int side, const char *field);
/* The role of a side's name: ROLE_CLIENT or ROLE_SERVER. */
int	pane_side_role(int side);
/* The translated name of a side: "client" / "客户端". */
const char *pane_side_name(int side);
/* The translated name of a layer. */
const char *pane_layer_name(int layer);
/*
 * The newest step at or before the current one that carries a packet;
 * 0 if none.
 */
size_t	pane_packet_step(const struct sim *s);
/* A sequence number as shown: absolute, or relative to base. */
void	pane_seq(char *buf, size_t len, uint32_t v, uint32_t base,
	    bool relative);
/* "192.0.2.10:49152", or "[2001:db8::10]:49152". */
void	pane_endpoint(char *buf, size_t len, const struct pkt_addr *a,
	    uint16_t port);
/* Clear the pane and draw its box, with a title (or NULL) in the top edge. */
void	pane_frame(const struct pane_ctx *x, const char *title);
/* The inside of the pane's box. */
struct rect pane_inner(const struct pane_ctx *x);

#endif
