/*
 * sim: the run, its steps, and exact step back.
 *
 * sim_new parses the scenario and records the whole run: each executed
 * event is one step, and every SIM_CKPT_EVERY steps a copy of the world is
 * kept.  sim_goto(k) restores the nearest snapshot at or before k and
 * re-executes the steps after it; the engine is a function of the world,
 * so the replayed steps are the recorded ones (the bytes they need are
 * already in the store, and are not stored again).
 */
#include "sim.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "i18n.h"
#include "xalloc.h"

static const char *const sim_host_names[SIM_NHOSTS] = { "client", "server" };

/* --- events --------------------------------------------------------------- */

struct event *
ev_push(struct sim *s, uint64_t at, int kind, int host, int sock)
{
	struct world *w = &s->w;
	struct event *e;

	/*
	 * The queue is bounded: with at most HOST_MAX_SOCK sockets a host,
	 * each with a few events at once, it never fills.  Should it, the
	 * new event is dropped (written to a slot outside the world), which
	 * keeps the run deterministic and the memory safe.
	 */
	if (w->nev == EVQ_MAX)
		e = &s->overflow;
	else
		e = &w->ev[w->nev++];
	memset(e, 0, sizeof(*e));
	e->time = at < w->now ? w->now : at;
	e->order = w->order++;
	e->kind = (uint8_t)kind;
	e->host = (uint8_t)host;
	e->sock = (int8_t)sock;
	return e;
}

/*
 * The application runs after the stack: at one instant, everything the
 * kernel has to do (even work it queues meanwhile) comes before a woken
 * process gets to run, as softirq processing finishes before a wakeup.
 */
static int
ev_prio(const struct event *e)
{
	return e->kind == EV_APP || e->kind == EV_APP_RETURN;
}

/* Index of the next event: earliest time, the stack first, then FIFO. */
static int
ev_next(const struct world *w)
{
	int best = -1;

	for (int i = 0; i < w->nev; i++) {
		const struct event *e = &w->ev[i], *b;

		if (best < 0) {
			best = i;
			continue;
		}
		b = &w->ev[best];
		if (e->time != b->time) {
			if (e->time < b->time)
				best = i;
		} else if (ev_prio(e) != ev_prio(b)) {
			if (ev_prio(e) < ev_prio(b))
				best = i;
		} else if (e->order < b->order)
			best = i;
	}
	return best;
}

static void
ev_remove(struct world *w, int i)
{
	w->ev[i] = w->ev[w->nev - 1];
	w->nev--;
}

void
ev_cancel(struct world *w, int kind, int host, int sock, int arg)
{
	for (int i = 0; i < w->nev; ) {
		const struct event *e = &w->ev[i];

		if ((kind < 0 || e->kind == kind) && e->host == host &&
		    e->sock == sock && (arg < 0 || e->arg == arg))
			ev_remove(w, i);
		else
			i++;
	}
}

/* splitmix64: tiny, seedable, and good enough for choosing faults. */
uint64_t
sim_rand(struct sim *s)
{
	uint64_t z = (s->w.rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* --- the step being executed ------------------------------------------------ */

void
step_set(struct sim *s, int host, int layer, const char *kind, int chapter)
{
	s->r->pub.host = host;
	s->r->pub.layer = layer;
	s->r->pub.kind = kind;
	s->r->pub.chapter = chapter;
}

void
step_params(struct sim *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->r->pub.params, sizeof(s->r->pub.params), fmt, ap);
	va_end(ap);
}

static uint32_t
sim_store(struct sim *s, const uint8_t *p, size_t n)
{
	uint32_t off;

	if (s->nstore + n > s->capstore) {
		size_t cap = s->capstore ? s->capstore : 65536;

		while (cap < s->nstore + n)
			cap *= 2;
		s->store = xrealloc(s->store, cap, 1);
		s->capstore = cap;
	}
	off = (uint32_t)s->nstore;
	if (n > 0)
		memcpy(s->store + s->nstore, p, n);
	s->nstore += n;
	return off;
}

/* In a replay the bytes are already stored: hand back where. */
uint32_t
step_pkt(struct sim *s, const uint8_t *p, size_t n)
{
	if (!s->replay) {
		s->r->pkt_off = sim_store(s, p, n);
		s->r->pkt_len = (uint32_t)n;
		s->r->has_pkt = true;
	}
	return s->r->pkt_off;
}

void
step_pkt_ref(struct sim *s, uint32_t off, uint32_t len)
{
	if (!s->replay) {
		s->r->pkt_off = off;
		s->r->pkt_len = len;
		s->r->has_pkt = true;
	}
}

uint32_t
step_data(struct sim *s, const uint8_t *p, size_t n)
{
	if (!s->replay) {
		s->r->data_off = sim_store(s, p, n);
		s->r->data_len = (uint32_t)n;
		s->r->has_data = true;
	}
	return s->r->data_off;
}

void
step_captured(struct sim *s)
{
	s->r->pub.captured = true;
}

const uint8_t *
sim_bytes(const struct sim *s, uint32_t off)
{
	return s->store + off;
}

const struct profile *
host_profile(const struct sim *s, int h)
{
	return profile_at((size_t)s->prof[h]);
}

/* --- running ---------------------------------------------------------------- */

typedef void (*ev_fn)(struct sim *, const struct event *);

static const ev_fn ev_fns[EV_COUNT] = {
	[EV_APP] = app_event,
	[EV_APP_RETURN] = app_return_event,
	[EV_TCP_HEADER] = tcp_header_event,
	[EV_TCP_SYN] = tcp_syn_event,
	[EV_TCP_OUTPUT] = tcp_output_event,
	[EV_IP_OUTPUT] = ip_output_event,
	[EV_WIRE] = wire_event,
	[EV_IP_INPUT] = ip_input_event,
	[EV_TCP_INPUT] = tcp_input_event,
	[EV_TCP_PROCESS] = tcp_process_event,
	[EV_TIMER] = tcp_timer_event,
};

static size_t sim_nfields(void);
static void sim_eval_all(const struct sim *s, struct sim_value *v);
static bool sim_field_is_state(size_t i);

/* The world's bytes that matter: all but the unused queue slots. */
static size_t
sim_world_size(const struct world *w)
{
	return offsetof(struct world, ev) + w->nev * sizeof(w->ev[0]);
}

static void
sim_ckpt_push(struct sim *s)
{
	size_t n = sim_world_size(&s->w);

	if (s->nckpt == s->capckpt) {
		s->capckpt = s->capckpt ? s->capckpt * 2 : 64;
		s->ckpt_off = xrealloc(s->ckpt_off, s->capckpt,
		    sizeof(*s->ckpt_off));
	}
	if (s->ckpt_len + n > s->ckpt_cap) {
		s->ckpt_cap = s->ckpt_cap ? s->ckpt_cap * 2 : 1 << 20;
		while (s->ckpt_cap < s->ckpt_len + n)
			s->ckpt_cap *= 2;
		s->ckpt = xrealloc(s->ckpt, s->ckpt_cap, 1);
	}
	s->ckpt_off[s->nckpt++] = s->ckpt_len;
	memcpy(s->ckpt + s->ckpt_len, &s->w, n);
	s->ckpt_len += n;
}

static void
sim_ckpt_restore(struct sim *s, size_t i)
{
	const struct world *w = (const void *)(s->ckpt + s->ckpt_off[i]);
	size_t n;

	/* The header first: it says how many queue slots follow. */
	memcpy(&s->w, w, offsetof(struct world, ev));
	n = sim_world_size(&s->w) - offsetof(struct world, ev);
	memcpy(s->w.ev, s->ckpt + s->ckpt_off[i] + offsetof(struct world, ev),
	    n);
}

static void
sim_diff(struct sim *s)
{
	struct sim_step *p = &s->r->pub;
	size_t n = sim_nfields();

	sim_eval_all(s, s->vals2);
	p->nchanged = 0;
	for (size_t i = 0; i < n; i++) {
		if (!sim_field_is_state(i))
			continue;
		if (s->vals[i].num == s->vals2[i].num &&
		    strcmp(s->vals[i].str, s->vals2[i].str) == 0)
			continue;
		if (p->nchanged < SIM_MAX_CHANGED)
			p->changed[p->nchanged++] = (uint16_t)i;
	}
	/* The values after this step are the next one's "before". */
	memcpy(s->vals, s->vals2, n * sizeof(*s->vals));
}

/* Execute the next event: one step. */
static void
sim_exec(struct sim *s)
{
	struct world *w = &s->w;
	int i = ev_next(w);
	struct event e;
	size_t k = w->nsteps + 1;

	e = w->ev[i];
	ev_remove(w, i);
	w->now = e.time;
	if (s->replay) {
		s->scratch = s->rec[k - 1];
		s->r = &s->scratch;
	} else {
		if (s->nrec == s->caprec) {
			s->caprec = s->caprec ? s->caprec * 2 : 1024;
			s->rec = xrealloc(s->rec, s->caprec, sizeof(*s->rec));
		}
		s->r = &s->rec[s->nrec++];
		memset(s->r, 0, sizeof(*s->r));
	}
	s->r->pub.index = k;
	s->r->pub.time_us = w->now;
	ev_fns[e.kind](s, &e);
	w->nsteps = k;
	if (!s->replay) {
		sim_diff(s);
		if (k % SIM_CKPT_EVERY == 0)
			sim_ckpt_push(s);
	}
	s->r = NULL;
}

static bool
sim_more(const struct sim *s)
{
	int i = ev_next(&s->w);

	return i >= 0 && s->w.ev[i].time <= s->end_us &&
	    s->w.nsteps < SIM_MAX_STEPS;
}

/* Give the recorded steps their byte pointers (the store is final now). */
static void
sim_fix_pointers(struct sim *s)
{
	for (size_t i = 0; i < s->nrec; i++) {
		struct step_rec *r = &s->rec[i];

		r->pub.pkt = r->has_pkt ? s->store + r->pkt_off : NULL;
		r->pub.pkt_len = r->has_pkt ? r->pkt_len : 0;
		r->pub.data = r->has_data ? s->store + r->data_off : NULL;
		r->pub.data_len = r->has_data ? r->data_len : 0;
	}
}

/* Record from the current state (the last recorded step) to the end. */
static void
sim_record(struct sim *s)
{
	s->replay = false;
	sim_eval_all(s, s->vals);
	while (sim_more(s))
		sim_exec(s);
	sim_fix_pointers(s);
}

/* --- setting up --------------------------------------------------------------- */

static void
sim_host_init(struct sim *s, int h)
{
	struct host *ho = &s->w.host[h];
	const struct profile *p = host_profile(s, h);
	/* 02-00-5E-10-00-00-00-xx: the documentation MACs of RFC 7042. */
	static const uint8_t mac[6] = { 0x00, 0x00, 0x5e, 0x00, 0x53, 0x00 };

	memset(ho, 0, sizeof(*ho));
	ho->side = h;
	ho->addr.family = s->ipv6 ? 6 : 4;
	if (s->ipv6) {
		/* 2001:db8::10 and 2001:db8::20 (RFC 3849) */
		ho->addr.a[0] = 0x20;
		ho->addr.a[1] = 0x01;
		ho->addr.a[2] = 0x0d;
		ho->addr.a[3] = 0xb8;
		ho->addr.a[15] = h == SIM_CLIENT ? 0x10 : 0x20;
	} else {
		/* 192.0.2.10 and 192.0.2.20 (RFC 5737) */
		ho->addr.a[0] = 192;
		ho->addr.a[1] = 0;
		ho->addr.a[2] = 2;
		ho->addr.a[3] = h == SIM_CLIENT ? 10 : 20;
	}
	memcpy(ho->mac, mac, sizeof(mac));
	ho->mac[5] = h == SIM_CLIENT ? 0x10 : 0x20;
	ho->profile = s->prof[h];
	ho->ttl = p->ttl;
	ho->mtu = 1500;
	ho->up = true;
	/* The first ephemeral port and IPv4 ID come from the seed too. */
	ho->next_port = (uint16_t)(p->port_lo +
	    sim_rand(s) % (uint32_t)(p->port_hi - p->port_lo + 1));
	ho->ip_id = (uint16_t)sim_rand(s);
	ho->app.fd = -1;
	ho->app.listen_fd = -1;
	for (int i = 0; i < HOST_MAX_SOCK; i++)
		ho->sock[i].fd = -1;
}

static int
sim_pick_profile(const struct sim_config *cfg, const struct scn *sc, int h,
    int *out, struct ts_err *err)
{
	const char *name = h == SIM_CLIENT ? cfg->client_profile :
	    cfg->server_profile;

	if (name != NULL) {
		*out = profile_find(name);
		if (*out < 0)
			return ts_err_set(err, "%s: unknown profile", name);
		return 0;
	}
	*out = sc->host[h].profile >= 0 ? sc->host[h].profile : 0;
	return 0;
}

static int
sim_load_scn(struct scn *sc, const char *name, struct ts_err *err)
{
	int i;

	if (name == NULL)
		name = "handshake";
	i = scn_builtin_find(name);
	if (i >= 0) {
		const char *t = scn_builtin_text((size_t)i);

		return scn_parse(sc, t, strlen(t), name, err);
	}
	if (strchr(name, '/') == NULL && strchr(name, '.') == NULL)
		return ts_err_set(err, "%s: unknown scenario", name);
	return scn_load(sc, name, err);
}

static struct sim *
sim_start(const struct sim_config *cfg, struct scn *sc, struct ts_err *err)
{
	struct sim *s = xcalloc(1, sizeof(*s));
	uint8_t seedb[8];

	s->scn = sc;
	s->seed = cfg->seed;
	for (int i = 0; i < SIM_NHOSTS; i++)
		if (sim_pick_profile(cfg, sc, i, &s->prof[i], err) == -1) {
			sim_free(s);
			return NULL;
		}
	s->ipv6 = cfg->ipv6 || sc->ipv6;
	s->end_us = sc->end_us ? sc->end_us : SIM_END_US;
	/* The RFC 6528 secret key is derived from the seed alone. */
	for (int i = 0; i < 8; i++)
		seedb[i] = (uint8_t)(cfg->seed >> (8 * i));
	{
		const uint64_t k0[2] = { 0x736f6d6570736575ull,
		    0x646f72616e646f6dull };

		s->key[0] = siphash24(k0, seedb, sizeof(seedb));
		s->key[1] = siphash24(s->key, seedb, sizeof(seedb));
	}
	s->w.rng = cfg->seed ^ 0x5851f42d4c957f2dull;
	for (int h = 0; h < SIM_NHOSTS; h++)
		sim_host_init(s, h);
	/* Each host's script starts with its first call. */
	for (int h = 0; h < SIM_NHOSTS; h++)
		for (size_t i = 0; i < sc->ncall; i++)
			if (sc->call[i].host == h) {
				s->w.host[h].app.pc = (uint32_t)i;
				ev_push(s, sc->call[i].at_us, EV_APP, h, -1);
				break;
			}
	s->vals = xcalloc(sim_nfields(), sizeof(*s->vals));
	s->vals2 = xcalloc(sim_nfields(), sizeof(*s->vals2));
	sim_ckpt_push(s);
	sim_record(s);
	s->cur = s->w.nsteps;
	sim_goto(s, 0);
	return s;
}

struct sim *
sim_new(const struct sim_config *cfg, struct ts_err *err)
{
	struct scn *sc = xcalloc(1, sizeof(*sc));

	if (sim_load_scn(sc, cfg->scenario, err) == -1) {
		free(sc);
		return NULL;
	}
	return sim_start(cfg, sc, err);
}

struct sim *
sim_new_text(const struct sim_config *cfg, const char *text,
    const char *origin, struct ts_err *err)
{
	struct scn *sc = xcalloc(1, sizeof(*sc));

	if (scn_parse(sc, text, strlen(text), origin, err) == -1) {
		free(sc);
		return NULL;
	}
	return sim_start(cfg, sc, err);
}

void
sim_free(struct sim *s)
{
	if (s == NULL)
		return;
	if (s->scn != NULL) {
		scn_done(s->scn);
		free(s->scn);
	}
	free(s->rec);
	free(s->store);
	free(s->ckpt);
	free(s->ckpt_off);
	free(s->vals);
	free(s->vals2);
	free(s);
}

/* --- moving ------------------------------------------------------------------- */

size_t
sim_nsteps(const struct sim *s)
{
	return s->nrec;
}

size_t
sim_cur(const struct sim *s)
{
	return s->w.nsteps;
}

int
sim_goto(struct sim *s, size_t k)
{
	if (k > s->nrec)
		return -1;
	/* Replay from here when that is no longer than from a snapshot. */
	if (k < s->w.nsteps || k - s->w.nsteps > k % SIM_CKPT_EVERY)
		sim_ckpt_restore(s, k / SIM_CKPT_EVERY);
	s->replay = true;
	while (s->w.nsteps < k)
		sim_exec(s);
	s->replay = false;
	s->cur = k;
	return 0;
}

const struct sim_step *
sim_step_at(const struct sim *s, size_t k)
{
	if (k < 1 || k > s->nrec)
		return NULL;
	return &s->rec[k - 1].pub;
}

bool
sim_step_changed(const struct sim *s, size_t k, const char *name)
{
	const struct sim_step *p = sim_step_at(s, k);
	int idx = sim_name_index(name);

	if (p == NULL || idx < 0)
		return false;
	for (int i = 0; i < p->nchanged; i++)
		if (p->changed[i] == idx)
			return true;
	return false;
}

const char *
sim_scenario(const struct sim *s)
{
	return s->scn->name;
}

const char *
sim_description(const struct sim *s)
{
	return s->scn->desc;
}

bool
sim_ipv6(const struct sim *s)
{
	return s->ipv6;
}

uint64_t
sim_now(const struct sim *s)
{
	return s->w.now;
}

const struct host *
sim_host(const struct sim *s, int side)
{
	if (side < 0 || side >= SIM_NHOSTS)
		return NULL;
	return &s->w.host[side];
}

const char *
sim_host_name(int side)
{
	if (side < 0 || side >= SIM_NHOSTS)
		return "-";
	return sim_host_names[side];
}

int
sim_host_listener(const struct sim *s, int side)
{
	const struct host *ho = sim_host(s, side);

	if (ho == NULL)
		return -1;
	for (int i = 0; i < HOST_MAX_SOCK; i++)
		if (ho->sock[i].used && ho->sock[i].listening)
			return i;
	return -1;
}

int
sim_host_conn(const struct sim *s, int side)
{
	const struct host *ho = sim_host(s, side);
	int best = -1;

	if (ho == NULL)
		return -1;
	for (int i = 0; i < HOST_MAX_SOCK; i++) {
		const struct sock *so = &ho->sock[i];

		if (!so->used || so->listening)
			continue;
		if (best < 0 || so->order > ho->sock[best].order)
			best = i;
	}
	return best >= 0 ? best : sim_host_listener(s, side);
}

const char *
sim_profile_of(const struct sim *s, int side)
{
	if (side < 0 || side >= SIM_NHOSTS)
		return "-";
	return host_profile(s, side)->name;
}

void
sim_segment(const struct sim *s, struct sim_seg *out)
{
	*out = s->w.seg;
}

/* --- faults --------------------------------------------------------------------- */

int
sim_inject(struct sim *s, size_t k, int fault, uint32_t delay_us,
    struct ts_err *err)
{
	struct scn_fault *f;
	size_t keep;

	if (k > s->nrec)
		return ts_err_set(err, "step %zu: no such step", k);
	if (fault <= SIM_FAULT_NONE || fault > SIM_FAULT_CORRUPT)
		return ts_err_set(err, "fault %d: unknown fault", fault);
	if (s->scn->nfault == SCN_MAX_FAULTS)
		return ts_err_set(err, "fault plan: full (%d faults)",
		    SCN_MAX_FAULTS);
	sim_goto(s, k);
	/* Forget everything recorded after step k. */
	keep = 0;
	for (size_t i = 0; i < k; i++) {
		const struct step_rec *r = &s->rec[i];

		if (r->has_pkt && r->pkt_off + r->pkt_len > keep)
			keep = r->pkt_off + r->pkt_len;
		if (r->has_data && r->data_off + r->data_len > keep)
			keep = r->data_off + r->data_len;
	}
	s->nrec = k;
	s->nstore = keep;
	s->nckpt = k / SIM_CKPT_EVERY + 1;
	s->ckpt_len = s->ckpt_off[s->nckpt - 1] + sim_world_size(
	    (const void *)(s->ckpt + s->ckpt_off[s->nckpt - 1]));
	/* A second fault for the same segment replaces the first. */
	f = NULL;
	for (size_t i = 0; i < s->scn->nfault; i++) {
		struct scn_fault *o = &s->scn->fault[i];

		if (o->host == -1 && o->kind == SK_ANY && o->nnth == 1 &&
		    o->nth[0] == s->w.ntx + 1)
			f = o;
	}
	if (f == NULL)
		f = &s->scn->fault[s->scn->nfault++];
	memset(f, 0, sizeof(*f));
	f->action = (uint8_t)fault;
	f->host = -1;
	f->kind = SK_ANY;
	f->nnth = 1;
	f->nth[0] = s->w.ntx + 1;
	if (fault == SIM_FAULT_DELAY)
		f->delay_us = delay_us ? delay_us : SIM_DEFAULT_DELAY_US;
	sim_record(s);
	return sim_goto(s, k);
}

char *
sim_scenario_text(const struct sim *s)
{
	return scn_format(s->scn);
}

/* --- catalogues ----------------------------------------------------------------- */

size_t
sim_builtin_count(void)
{
	return scn_builtin_count();
}

const char *
sim_builtin_name(size_t i)
{
	return scn_builtin_name(i);
}

bool
sim_builtin_known(const char *name)
{
	return scn_builtin_find(name) >= 0;
}

size_t
sim_profile_count(void)
{
	return profile_count();
}

const char *
sim_profile_name(size_t i)
{
	const struct profile *p = profile_at(i);

	return p != NULL ? p->name : NULL;
}

bool
sim_profile_known(const char *name)
{
	return profile_find(name) >= 0;
}

/* --- state by name --------------------------------------------------------------- */

#define HOST_FIELDS(X, h) \
	X(h, STATE, "state") X(h, PROFILE, "profile") X(h, ADDR, "addr") \
	X(h, APP_WAIT, "app.wait") X(h, APP_FD, "app.fd") \
	X(h, NSOCK, "nsock") \
	X(h, SOCK_FD, "sock.fd") X(h, SOCK_LADDR, "sock.local_addr") \
	X(h, SOCK_LPORT, "sock.local_port") \
	X(h, SOCK_RADDR, "sock.remote_addr") \
	X(h, SOCK_RPORT, "sock.remote_port") \
	X(h, SOCK_BACKLOG, "sock.backlog") X(h, SOCK_QUEUE, "sock.queue") \
	X(h, SOCK_SNDSZ, "sock.sndbuf_size") \
	X(h, SOCK_SNDUSED, "sock.sndbuf_used") \
	X(h, SOCK_RCVSZ, "sock.rcvbuf_size") \
	X(h, SOCK_RCVUSED, "sock.rcvbuf_used") \
	X(h, SOCK_ERROR, "sock.error") \
	X(h, SND_UNA, "tcb.snd_una") X(h, SND_NXT, "tcb.snd_nxt") \
	X(h, SND_WND, "tcb.snd_wnd") X(h, SND_UP, "tcb.snd_up") \
	X(h, SND_WL1, "tcb.snd_wl1") X(h, SND_WL2, "tcb.snd_wl2") \
	X(h, ISS, "tcb.iss") X(h, RCV_NXT, "tcb.rcv_nxt") \
	X(h, RCV_WND, "tcb.rcv_wnd") X(h, RCV_UP, "tcb.rcv_up") \
	X(h, IRS, "tcb.irs") X(h, MSS, "tcb.mss") \
	X(h, MSS_PEER, "tcb.mss_peer") X(h, SND_WSCALE, "tcb.snd_wscale") \
	X(h, RCV_WSCALE, "tcb.rcv_wscale") X(h, SACK, "tcb.sack_ok") \
	X(h, TS, "tcb.ts_ok") X(h, RTO, "tcb.rto") X(h, SRTT, "tcb.srtt") \
	X(h, BACKOFF, "tcb.backoff") \
	X(h, T_REXMT, "timer.retransmission") \
	X(h, T_DELACK, "timer.delayed_ack") X(h, T_PERSIST, "timer.persist") \
	X(h, T_KEEP, "timer.keepalive") X(h, T_2MSL, "timer.time_wait") \
	X(h, IP_ID, "ip.id") X(h, IP_TTL, "ip.ttl")

#define X_ENUM(h, e, s)	HF_##e,
#define X_NAME(h, e, s)	h "." s,

enum { HOST_FIELDS(X_ENUM, "") HF_COUNT };

enum {
	GF_SEG_WHERE = 0, GF_SEG_SPORT, GF_SEG_DPORT, GF_SEG_SEQ, GF_SEG_ACK,
	GF_SEG_FLAGS, GF_SEG_WIN, GF_SEG_LEN, GF_SEG_OPTS,
	GF_STEP_INDEX, GF_STEP_CHAPTER, GF_STEP_KIND, GF_STEP_LAYER,
	GF_STEP_HOST, GF_STEP_TIME, GF_TIME_NOW, GF_COUNT
};

static const char *const sim_name_tab[] = {
	HOST_FIELDS(X_NAME, "client")
	HOST_FIELDS(X_NAME, "server")
	"segment.where", "segment.sport", "segment.dport", "segment.seq",
	"segment.ack", "segment.flags", "segment.win", "segment.len",
	"segment.options",
	"step.index", "step.chapter", "step.kind", "step.layer", "step.host",
	"step.time", "time.now",
};

#define NNAMES	(sizeof(sim_name_tab) / sizeof(sim_name_tab[0]))

static size_t
sim_nfields(void)
{
	return NNAMES;
}

/* step.* and time.now change with every step; they are not state. */
static bool
sim_field_is_state(size_t i)
{
	return i < 2 * HF_COUNT + GF_STEP_INDEX;
}

const char *const *
sim_names(size_t *n)
{
	*n = NNAMES;
	return sim_name_tab;
}

int
sim_name_index(const char *name)
{
	for (size_t i = 0; i < NNAMES; i++)
		if (strcmp(sim_name_tab[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
sim_name(size_t i)
{
	return i < NNAMES ? sim_name_tab[i] : NULL;
}

static void
sv_num(struct sim_value *v, uint64_t n)
{
	v->type = SV_NUM;
	v->num = n;
	snprintf(v->str, sizeof(v->str), "%llu", (unsigned long long)n);
}

static void
sv_str(struct sim_value *v, const char *str, uint64_t n)
{
	v->type = SV_STR;
	v->num = n;
	snprintf(v->str, sizeof(v->str), "%s", str);
}

static void
sv_addr(struct sim_value *v, bool set, const struct pkt_addr *a)
{
	char buf[64];

	if (!set || a->family == 0) {
		sv_str(v, "-", 0);
		return;
	}
	if (a->family == 4)
		snprintf(buf, sizeof(buf), "%u.%u.%u.%u", a->a[0], a->a[1],
		    a->a[2], a->a[3]);
	else	/* our addresses only: 2001:db8::NN */
		snprintf(buf, sizeof(buf), "%x:%x::%x",
		    (a->a[0] << 8) | a->a[1], (a->a[2] << 8) | a->a[3],
		    (a->a[14] << 8) | a->a[15]);
	sv_str(v, buf, 0);
}

static const char *const sim_wait_names[] = {
	"running", "accept", "connect", "recv", "send", "close", "done"
};

static uint64_t
sim_timer_left(const struct sim *s, const struct tcb *t, int timer)
{
	return t->timer[timer] ? t->timer[timer] - s->w.now : 0;
}

static void
sim_eval_host(const struct sim *s, int h, int f, struct sim_value *v)
{
	const struct host *ho = &s->w.host[h];
	int ci = sim_host_conn(s, h), li = sim_host_listener(s, h);
	const struct sock *so = ci >= 0 ? &ho->sock[ci] : NULL;
	const struct sock *ls = li >= 0 ? &ho->sock[li] : NULL;
	static const struct sock none;
	const struct tcb *t;
	int n = 0;

	if (so == NULL)
		so = &none;
	t = &so->tcb;
	switch (f) {
	case HF_STATE:
		sv_str(v, ci >= 0 ? tcp_state_name(t->state) : "CLOSED",
		    t->state);
		break;
	case HF_PROFILE: sv_str(v, sim_profile_of(s, h), 0); break;
	case HF_ADDR: sv_addr(v, true, &ho->addr); break;
	case HF_APP_WAIT:
		sv_str(v, sim_wait_names[ho->app.wait % 7], ho->app.wait);
		break;
	case HF_APP_FD: sv_num(v, (uint64_t)(int64_t)ho->app.fd); break;
	case HF_NSOCK:
		for (int i = 0; i < HOST_MAX_SOCK; i++)
			n += ho->sock[i].used;
		sv_num(v, (uint64_t)n);
		break;
	case HF_SOCK_FD:
		sv_num(v, ci >= 0 && so->fd >= 0 ? (uint64_t)so->fd : 0);
		break;
	case HF_SOCK_LADDR: sv_addr(v, so->local_set, &so->local_addr); break;
	case HF_SOCK_LPORT: sv_num(v, so->local_set ? so->local_port : 0); break;
	case HF_SOCK_RADDR: sv_addr(v, so->remote_set, &so->remote_addr); break;
	case HF_SOCK_RPORT:
		sv_num(v, so->remote_set ? so->remote_port : 0);
		break;
	case HF_SOCK_BACKLOG: sv_num(v, ls ? ls->backlog : 0); break;
	case HF_SOCK_QUEUE: sv_num(v, ls ? ls->qlen : 0); break;
	case HF_SOCK_SNDSZ: sv_num(v, so->snd.size); break;
	case HF_SOCK_SNDUSED: sv_num(v, so->snd.used); break;
	case HF_SOCK_RCVSZ: sv_num(v, so->rcv.size); break;
	case HF_SOCK_RCVUSED: sv_num(v, so->rcv.used); break;
	case HF_SOCK_ERROR: sv_num(v, (uint64_t)(int64_t)so->error); break;
	case HF_SND_UNA: sv_num(v, t->snd_una); break;
	case HF_SND_NXT: sv_num(v, t->snd_nxt); break;
	case HF_SND_WND: sv_num(v, t->snd_wnd); break;
	case HF_SND_UP: sv_num(v, t->snd_up); break;
	case HF_SND_WL1: sv_num(v, t->snd_wl1); break;
	case HF_SND_WL2: sv_num(v, t->snd_wl2); break;
	case HF_ISS: sv_num(v, t->iss); break;
	case HF_RCV_NXT: sv_num(v, t->rcv_nxt); break;
	case HF_RCV_WND: sv_num(v, t->rcv_wnd); break;
	case HF_RCV_UP: sv_num(v, t->rcv_up); break;
	case HF_IRS: sv_num(v, t->irs); break;
	case HF_MSS: sv_num(v, t->mss); break;
	case HF_MSS_PEER: sv_num(v, t->mss_peer); break;
	case HF_SND_WSCALE: sv_num(v, t->snd_wscale); break;
	case HF_RCV_WSCALE: sv_num(v, t->rcv_wscale); break;
	case HF_SACK: sv_num(v, t->sack_ok); break;
	case HF_TS: sv_num(v, t->ts_ok); break;
	case HF_RTO: sv_num(v, t->rto_us); break;
	case HF_SRTT: sv_num(v, t->srtt_us); break;
	case HF_BACKOFF: sv_num(v, t->backoff); break;
	case HF_T_REXMT: sv_num(v, sim_timer_left(s, t, TCPT_REXMT)); break;
	case HF_T_DELACK: sv_num(v, sim_timer_left(s, t, TCPT_DELACK)); break;
	case HF_T_PERSIST: sv_num(v, sim_timer_left(s, t, TCPT_PERSIST)); break;
	case HF_T_KEEP: sv_num(v, sim_timer_left(s, t, TCPT_KEEP)); break;
	case HF_T_2MSL: sv_num(v, sim_timer_left(s, t, TCPT_2MSL)); break;
	case HF_IP_ID: sv_num(v, ho->ip_id); break;
	case HF_IP_TTL: sv_num(v, ho->ttl); break;
	default: sv_num(v, 0); break;
	}
}

static const char *const sim_layer_names[SIM_L_COUNT] = {
	"app", "socket", "tcp", "ip", "wire"
};

const char *
sim_layer_name(int layer)
{
	if (layer < 0 || layer >= SIM_L_COUNT)
		return "-";
	return sim_layer_names[layer];
}

static void
sim_eval_global(const struct sim *s, int f, struct sim_value *v)
{
	const struct sim_seg *g = &s->w.seg;
	const struct sim_step *p = sim_step_at(s, s->w.nsteps);
	char buf[64];
	size_t n = 0;

	if (p == NULL && s->r != NULL && s->r->pub.index == s->w.nsteps)
		p = &s->r->pub;
	switch (f) {
	case GF_SEG_WHERE:
		if (!g->valid)
			sv_str(v, "-", 0);
		else if (g->layer == SIM_L_WIRE)
			sv_str(v, "wire", SIM_L_WIRE);
		else {
			snprintf(buf, sizeof(buf), "%s.%s",
			    sim_host_name(g->host), sim_layer_name(g->layer));
			sv_str(v, buf, (uint64_t)g->layer);
		}
		break;
	case GF_SEG_SPORT: sv_num(v, g->valid ? g->sport : 0); break;
	case GF_SEG_DPORT: sv_num(v, g->valid ? g->dport : 0); break;
	case GF_SEG_SEQ: sv_num(v, g->valid ? g->seq : 0); break;
	case GF_SEG_ACK: sv_num(v, g->valid ? g->ack : 0); break;
	case GF_SEG_FLAGS:
		if (!g->valid)
			sv_str(v, "-", 0);
		else
			sv_str(v, tcp_flags_names(g->flags, buf, sizeof(buf)),
			    g->flags);
		break;
	case GF_SEG_WIN: sv_num(v, g->valid ? g->win : 0); break;
	case GF_SEG_LEN: sv_num(v, g->valid ? g->len : 0); break;
	case GF_SEG_OPTS:
		buf[0] = '\0';
		for (int i = 0; g->valid && i < g->nopt; i++) {
			static const char *const on[] = { "eol", "nop", "mss",
			    "wscale", "sackOK", "sack", "?", "?", "TS" };
			const char *nm = g->opt[i] < 9 ? on[g->opt[i]] : "?";

			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
			    i ? "," : "", nm);
			if (n >= sizeof(buf))
				break;
		}
		sv_str(v, g->valid && g->nopt ? buf : "-", g->nopt);
		break;
	case GF_STEP_INDEX: sv_num(v, s->w.nsteps); break;
	case GF_STEP_CHAPTER: sv_num(v, p ? (uint64_t)p->chapter : 0); break;
	case GF_STEP_KIND: sv_str(v, p && p->kind ? p->kind : "-", 0); break;
	case GF_STEP_LAYER:
		sv_str(v, p ? sim_layer_name(p->layer) : "-",
		    p ? (uint64_t)p->layer : 0);
		break;
	case GF_STEP_HOST:
		sv_str(v, p ? sim_host_name(p->host) : "-",
		    p ? (uint64_t)p->host : 0);
		break;
	case GF_STEP_TIME: sv_num(v, p ? p->time_us : 0); break;
	case GF_TIME_NOW: sv_num(v, s->w.now); break;
	default: sv_num(v, 0); break;
	}
}

int
sim_get_index(const struct sim *s, size_t i, struct sim_value *out)
{
	memset(out, 0, sizeof(*out));
	if (i >= NNAMES)
		return -1;
	if (i < 2 * HF_COUNT)
		sim_eval_host(s, (int)(i / HF_COUNT), (int)(i % HF_COUNT), out);
	else
		sim_eval_global(s, (int)(i - 2 * HF_COUNT), out);
	return 0;
}

static void
sim_eval_all(const struct sim *s, struct sim_value *v)
{
	for (size_t i = 0; i < 2 * HF_COUNT + GF_STEP_INDEX; i++)
		sim_get_index(s, i, &v[i]);
}

int
sim_get(const struct sim *s, const char *name, struct sim_value *out,
    struct ts_err *err)
{
	int i = sim_name_index(name);

	if (i < 0)
		return ts_err_set(err, "%s: unknown name", name);
	return sim_get_index(s, (size_t)i, out);
}
