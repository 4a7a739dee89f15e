/*
 * engine: the stack's inside, shared by its modules (sock, tcp_fsm, ip,
 * wire, sim) and never by views.
 *
 * The whole mutable state is struct world: plain data, no pointers, no
 * floats, so `struct world copy = s->w` is a snapshot.  Bytes (packets,
 * application data) live in the run's append-only byte store and the
 * world refers to them by offset; a recorded step's bytes never change.
 *
 * Everything that happens is an event in one queue, ordered by virtual
 * time and, at equal times, by the order of queueing.  Executing one event
 * is exactly one step.
 */
#ifndef TS_ENGINE_H
#define TS_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "host.h"
#include "profile.h"
#include "scn.h"
#include "sim.h"

#define EVQ_MAX		256
#define SIM_CKPT_EVERY	128	/* steps between snapshots */
#define SIM_MAX_STEPS	300000	/* bounds a hostile file's memory */
#define SIM_END_US	(3600ull * 1000000)	/* a run ends by one hour */

enum ev_kind {
	EV_APP = 0,		/* the application makes its next call */
	EV_APP_RETURN,		/* a blocked call returns */
	EV_TCP_HEADER,		/* [1] active open: a header with the ports */
	EV_TCP_SYN,		/* [2] SYN, ISN, window: SYN-SENT */
	EV_TCP_OUTPUT,		/* TCP sends what is due */
	EV_IP_OUTPUT,		/* IP adds its header */
	EV_WIRE,		/* the wire carries the packet */
	EV_IP_INPUT,		/* the packet reaches a host's IP */
	EV_TCP_INPUT,		/* TCP checks it and finds the socket */
	EV_TCP_PROCESS,		/* segment arrival processing */
	EV_TIMER,		/* a TCP timer expires */
	EV_COUNT
};

/* A TCP segment being made: header fields, options, payload by offset. */
struct seg {
	uint16_t	sport, dport;
	uint32_t	seq, ack;
	uint8_t		flags;
	uint16_t	win;
	uint16_t	urp;
	uint8_t		optlen;
	uint8_t		opt[40];	/* encoded options */
	uint32_t	data_off;	/* in the byte store */
	uint32_t	data_len;
};

struct event {
	uint64_t	time;
	uint64_t	order;		/* queueing order: ties fire FIFO */
	uint8_t		kind;		/* enum ev_kind */
	uint8_t		host;
	int8_t		sock;		/* socket index, or -1 */
	uint8_t		arg;		/* timer; chapter tag of a packet */
	uint32_t	pkt_off;	/* the IP packet, in the byte store */
	uint32_t	pkt_len;
	uint32_t	origin;		/* the TCP step that made the segment */
	struct seg	seg;		/* EV_TCP_SYN, EV_IP_OUTPUT */
};

struct world {
	uint64_t	now;		/* virtual µs */
	uint64_t	order;		/* next event's queueing order */
	uint64_t	rng;		/* PRNG state (splitmix64) */
	size_t		nsteps;		/* steps executed */
	struct host	host[SIM_NHOSTS];
	struct sim_seg	seg;		/* the current segment */
	uint32_t	ntx;		/* segments put on the wire */
	uint32_t	ntx_kind[SIM_NHOSTS][SK_COUNT];
	bool		held[SIM_NHOSTS];	/* reorder: a packet waits */
	struct event	held_ev[SIM_NHOSTS];
	uint16_t	nev;
	struct event	ev[EVQ_MAX];
};

/* A recorded step: what views see, and where its bytes are. */
struct step_rec {
	struct sim_step	pub;
	uint32_t	pkt_off, pkt_len;
	uint32_t	data_off, data_len;
	bool		has_pkt, has_data;
};

struct sim {
	struct world	 w;
	struct scn	*scn;
	uint64_t	 seed;
	uint64_t	 key[2];	/* RFC 6528 secret, from the seed */
	bool		 ipv6;
	int		 prof[SIM_NHOSTS];	/* profile indices */
	uint64_t	 end_us;

	struct step_rec	*rec;		/* rec[0] is step 1 */
	size_t		 nrec, caprec;
	uint8_t		*store;
	size_t		 nstore, capstore;
	/*
	 * Snapshot i (the world after i * SIM_CKPT_EVERY steps) is kept
	 * compact, without the unused end of the event queue, at
	 * ckpt_off[i] in ckpt.
	 */
	uint8_t		*ckpt;
	size_t		 ckpt_len, ckpt_cap;
	size_t		*ckpt_off;
	size_t		 nckpt, capckpt;
	size_t		 cur;

	bool		 replay;	/* re-executing a recorded step */
	struct step_rec	*r;		/* the step being executed */
	struct step_rec	 scratch;
	struct event	 overflow;	/* where a full queue's events go */
	struct sim_value *vals;		/* named values before a step */
	struct sim_value *vals2;
};

/* --- events (sim.c) ----------------------------------------------------- */

struct event	*ev_push(struct sim *s, uint64_t at, int kind, int host,
		    int sock);
/* Drop the queued events of one socket's timer (or all of its events). */
void		 ev_cancel(struct world *w, int kind, int host, int sock,
		    int arg);
uint64_t	 sim_rand(struct sim *s);

/* --- the step being executed (sim.c) ------------------------------------ */

void		 step_set(struct sim *s, int host, int layer, const char *kind,
		    int chapter);
void		 step_params(struct sim *s, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Keep bytes with the step; returns their offset in the byte store. */
uint32_t	 step_pkt(struct sim *s, const uint8_t *p, size_t n);
uint32_t	 step_data(struct sim *s, const uint8_t *p, size_t n);
/* The step's packet is one already stored (no copy). */
void		 step_pkt_ref(struct sim *s, uint32_t off, uint32_t len);
void		 step_captured(struct sim *s);
const uint8_t	*sim_bytes(const struct sim *s, uint32_t off);
/* Set the current segment from packet bytes and say where it is. */
void		 seg_where(struct sim *s, int host, int layer);
void		 seg_from_pkt(struct sim *s, uint32_t off, uint32_t len,
		    int host, int layer);
void		 seg_from_seg(struct sim *s, const struct seg *g, int host,
		    int layer);

const struct profile *host_profile(const struct sim *s, int h);

/* --- modules ------------------------------------------------------------ */

void	app_event(struct sim *s, const struct event *e);
void	app_return_event(struct sim *s, const struct event *e);
void	app_wake(struct sim *s, int h);

void	tcp_header_event(struct sim *s, const struct event *e);
void	tcp_syn_event(struct sim *s, const struct event *e);
void	tcp_output_event(struct sim *s, const struct event *e);
void	tcp_input_event(struct sim *s, const struct event *e);
void	tcp_process_event(struct sim *s, const struct event *e);
void	tcp_timer_event(struct sim *s, const struct event *e);

/* TCP services for the socket layer. */
void	tcp_open_active(struct sim *s, int h, int i);
void	tcp_send_wanted(struct sim *s, int h, int i);
void	tcp_close(struct sim *s, int h, int i);
void	tcp_abort(struct sim *s, int h, int i);
void	tcp_window_opened(struct sim *s, int h, int i);
uint32_t tcp_rcv_space(const struct sock *so);
void	sock_free(struct sim *s, int h, int i);
void	sock_alloc_bufs(struct sim *s, int h, int i);

void	ip_output_event(struct sim *s, const struct event *e);
void	ip_input_event(struct sim *s, const struct event *e);
void	wire_event(struct sim *s, const struct event *e);

/* RFC 6528 ISN for a 4-tuple at the current time. */
uint32_t isn_choose(const struct sim *s, const struct pkt_addr *la,
	    uint16_t lp, const struct pkt_addr *ra, uint16_t rp);
/* Keyed 64-bit hash (SipHash-2-4). */
uint64_t siphash24(const uint64_t key[2], const uint8_t *p, size_t n);

#endif
