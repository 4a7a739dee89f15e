/*
 * sim: the teaching stack's public face.  A run of a scenario is a list of
 * steps; a step is one action at one layer of one host (an application
 * call, the socket layer, TCP, IP, or the wire), recorded with what it
 * changed.  sim_new runs the scenario to its end (bounded in steps and in
 * virtual time) and records every step; sim_goto then moves to the exact
 * state after any step, forward or back.
 *
 * Views get `const struct sim *` and read: the step list (sim_step_at),
 * each host's sockets and TCBs as plain structs (sim_host), the segment
 * being carried (sim_segment), and every state field by a stable name
 * (sim_get, sim_names).  Pointers returned stay valid until the next
 * sim_goto, sim_inject or sim_free on the same sim; a view keeps none
 * across a step.
 *
 * Nothing here prints, exits or reads a clock: the run is a function of
 * the scenario, the seed and the profiles.
 */
#ifndef TS_SIM_H
#define TS_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "host.h"
#include "tcb.h"

struct sim;

struct sim_config {
	const char	*scenario;	/* built-in name or file path; NULL =
					   "handshake" */
	uint64_t	 seed;
	bool		 ipv6;		/* run over IPv6 even if the scenario
					   does not say so */
	const char	*client_profile; /* NULL = the scenario's, else linux */
	const char	*server_profile;
};

/* The layers of a host, bottom-up order reversed as the book draws them. */
enum sim_layer {
	SIM_L_APP = 0,		/* the application */
	SIM_L_SOCK,		/* the Socket library / socket layer */
	SIM_L_TCP,
	SIM_L_IP,
	SIM_L_WIRE,
	SIM_L_COUNT
};

#define SIM_MAX_CHANGED	24

struct sim_step {
	size_t		 index;		/* 1..N */
	int		 host;		/* SIM_CLIENT or SIM_SERVER; for the
					   wire, the sending host */
	int		 layer;		/* enum sim_layer */
	const char	*kind;		/* stable: "tcp.syn_sent", "ip.output" */
	int		 chapter;	/* the chapter's step 1..7, or 0 */
	uint64_t	 time_us;	/* virtual time */
	char		 params[96];	/* "fd=3 port=80", never translated */
	const uint8_t	*pkt;		/* the segment's IP packet, or NULL */
	size_t		 pkt_len;
	const uint8_t	*data;		/* application bytes sent/received */
	size_t		 data_len;
	bool		 captured;	/* a frame a capture beside the sender
					   sees (export writes these) */
	size_t		 origin;	/* ip.* and wire.* steps: the TCP step
					   that made the segment; else 0 */
	uint8_t		 nchanged;	/* names it changed: indices for */
	uint16_t	 changed[SIM_MAX_CHANGED];	/* sim_name() */
};

/* Create and run; NULL with err set on failure (bad file, unknown name). */
struct sim	*sim_new(const struct sim_config *cfg, struct ts_err *err);
/* The same, from scenario text in memory; origin names it in errors. */
struct sim	*sim_new_text(const struct sim_config *cfg, const char *text,
		    const char *origin, struct ts_err *err);
/* Frees everything; NULL is fine. */
void		 sim_free(struct sim *s);

size_t		 sim_nsteps(const struct sim *s);
size_t		 sim_cur(const struct sim *s);
/* Move to the exact state after k steps (0: before anything); -1 if k > N. */
int		 sim_goto(struct sim *s, size_t k);
/* Step k, 1..N; NULL otherwise. */
const struct sim_step *sim_step_at(const struct sim *s, size_t k);
/* True if step k changed the named field. */
bool		 sim_step_changed(const struct sim *s, size_t k,
		    const char *name);
/* Scenario name and description, as run. */
const char	*sim_scenario(const struct sim *s);
const char	*sim_description(const struct sim *s);
bool		 sim_ipv6(const struct sim *s);
uint64_t	 sim_now(const struct sim *s);	/* virtual µs at sim_cur */

/* --- state, at sim_cur ------------------------------------------------ */

/* side is SIM_CLIENT or SIM_SERVER. */
const struct host *sim_host(const struct sim *s, int side);
const char	*sim_host_name(int side);		/* "client", "server" */
/*
 * The socket the names "client.sock.*" and "client.tcb.*" describe: the
 * host's connection (the newest socket that is not listening), else its
 * listening socket; -1 if the host has none.
 */
int		 sim_host_conn(const struct sim *s, int side);
/* The host's listening socket, or -1. */
int		 sim_host_listener(const struct sim *s, int side);
const char	*sim_profile_of(const struct sim *s, int side);	/* "linux" */

/* The segment the last step made or handled, and where it is now. */
struct sim_seg {
	bool		valid;
	int		host;		/* the host it is at (or left) */
	int		layer;		/* SIM_L_WIRE when on the wire */
	uint16_t	sport, dport;
	uint32_t	seq, ack;
	uint8_t		flags;		/* TH_* of pkt.h */
	uint16_t	win;		/* as in the header (unscaled) */
	uint32_t	len;		/* payload bytes */
	uint8_t		nopt;		/* option kinds, in order */
	uint8_t		opt[20];
};

void		 sim_segment(const struct sim *s, struct sim_seg *out);

/* --- state by name ---------------------------------------------------- */

enum { SV_NUM = 0, SV_STR = 1 };

struct sim_value {
	int		type;		/* SV_NUM or SV_STR */
	uint64_t	num;
	char		str[64];	/* for SV_STR; for SV_NUM its decimal */
};

/*
 * Read a field by name at sim_cur: "client.state", "client.tcb.rcv_nxt",
 * "server.sock.backlog", "segment.ack", "step.chapter", ...  A field with
 * nothing to describe (no socket yet, no segment) reads as the number 0 or
 * the string "-".  -1 with err set if the name is unknown.
 */
int		 sim_get(const struct sim *s, const char *name,
		    struct sim_value *out, struct ts_err *err);
/* All valid names, in a stable order; *n gets their number. */
const char *const *sim_names(size_t *n);
/* Index of a name in sim_names(), or -1. */
int		 sim_name_index(const char *name);
const char	*sim_name(size_t i);
int		 sim_get_index(const struct sim *s, size_t i,
		    struct sim_value *out);

/* --- narration ---------------------------------------------------------- */

/*
 * One plain-language sentence about step k, in the language in force
 * (gettext), into buf.  Returns buf.
 */
const char	*sim_step_text(const struct sim *s, size_t k, char *buf,
		    size_t len);
/* "SYN-SENT: sent a SYN, waiting for the answer" style gloss, translated. */
const char	*sim_state_gloss(int state);
const char	*sim_layer_name(int layer);	/* "app", "socket", "tcp", ... */

/* --- faults (the TUI's f key) ------------------------------------------- */

enum sim_fault {
	SIM_FAULT_NONE = 0,
	SIM_FAULT_DROP,
	SIM_FAULT_DUP,
	SIM_FAULT_DELAY,
	SIM_FAULT_REORDER,
	SIM_FAULT_CORRUPT
};

/*
 * Inject a fault into the next segment put on the wire after step k: the
 * steps after k are dropped, the fault joins the run's fault plan (and so
 * sim_scenario_text), and the run is recorded again from k to its end.
 * delay_us is for SIM_FAULT_DELAY (0: SIM_DEFAULT_DELAY_US).  Afterwards
 * sim_cur is k.  -1 with err set if there is no such step or the plan is
 * full; the sim is unchanged.  Injecting at the same step again replaces
 * that segment's fault.
 */
#define SIM_DEFAULT_DELAY_US	500000
int		 sim_inject(struct sim *s, size_t k, int fault,
		    uint32_t delay_us, struct ts_err *err);
/* The scenario as a scenario file, faults included (caller frees). */
char		*sim_scenario_text(const struct sim *s);

/* --- catalogues ---------------------------------------------------------- */

size_t		 sim_builtin_count(void);
const char	*sim_builtin_name(size_t i);
const char	*sim_builtin_desc(size_t i);	/* translated */
bool		 sim_builtin_known(const char *name);
size_t		 sim_profile_count(void);
const char	*sim_profile_name(size_t i);
bool		 sim_profile_known(const char *name);

#endif
