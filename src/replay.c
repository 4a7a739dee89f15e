/* replay: index a capture's connections, step through one; see replay.h. */
#include "replay.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "annotate.h"
#include "pcap_rd.h"
#include "tcb.h"
#include "tcp_seq.h"
#include "xalloc.h"

/* The annotator's table while indexing: bounded, evictions reported. */
#define REPLAY_TABLE_CAP	(1u << 16)

/*
 * The index being built.  Each slot of the annotator's table knows which
 * entry of r->conns it fills: entries are added at a connection's first
 * packet, so the index is in id order and complete so far at any moment.
 */
struct replay_slot {
	uint64_t	id;		/* 0: free */
	uint32_t	at;		/* in r->conns; UINT32_MAX: dropped */
};

struct replay_build {
	struct replay	*r;
	struct annot	*a;
	struct replay_slot *aux;	/* a.conns.cap entries */
};

/* Add rc to the index; its place, or UINT32_MAX past the cap. */
static uint32_t
replay_index_add(struct replay *r, const struct replay_conn *rc)
{
	uint32_t at = r->nconns;

	if (r->nconns == r->cap) {
		r->dropped++;
		return UINT32_MAX;
	}
	if (r->nconns == r->alloc) {
		/* Grown as found: a small capture costs little. */
		r->alloc = r->alloc == 0 ? 64 : r->alloc * 2;
		if (r->alloc > r->cap)
			r->alloc = r->cap;
		r->conns = xrealloc(r->conns, r->alloc, sizeof(*r->conns));
	}
	/* Ids come in order; should one not, keep the order anyway. */
	while (at > 0 && r->conns[at - 1].id > rc->id)
		at--;
	memmove(&r->conns[at + 1], &r->conns[at],
	    (r->nconns - at) * sizeof(*r->conns));
	r->conns[at] = *rc;
	r->nconns++;
	return at;
}

/* Copy what the annotator knows of c into its summary. */
static void
replay_sync(struct replay_conn *rc, const struct conn *c)
{
	rc->client = c->client;
	rc->end = c->end;	/* enum conn_end and replay_end agree */
	rc->last_frame = c->last_frame;
	rc->last_ts = c->last_ts;
	for (int s = 0; s < 2; s++) {
		rc->pkts[s] = c->side[s].pkts;
		rc->bytes[s] = c->side[s].bytes;
	}
}

static struct replay_conn *
replay_slot_conn(struct replay_build *b, const struct replay_slot *sl)
{
	return sl->at == UINT32_MAX ? NULL : &b->r->conns[sl->at];
}

static void
replay_on_evict(void *ctx, const struct conn *c)
{
	struct replay_build *b = ctx;
	struct replay_slot *sl = &b->aux[c - b->a->conns.slots];
	struct replay_conn *rc;

	if (sl->id != c->id)
		return;
	if ((rc = replay_slot_conn(b, sl)) != NULL)
		replay_sync(rc, c);
	sl->id = 0;
}

/* A new connection in the annotator's slot: start its summary. */
static void
replay_begin(struct replay_conn *rc, const struct annot *a, int64_t off)
{
	const struct conn *c = a->conn;
	uint8_t f = a->pkt.tcp.flags;

	memset(rc, 0, sizeof(*rc));
	rc->id = c->id;
	for (int s = 0; s < 2; s++) {
		rc->addr[s] = c->addr[s];
		rc->port[s] = c->port[s];
		conn_fmt_endpoint(rc->ep[s], &c->addr[s], c->port[s]);
	}
	if ((f & (TH_SYN | TH_ACK)) == TH_SYN)
		rc->start = REPLAY_START_SYN;
	else if (f & TH_SYN)
		rc->start = REPLAY_START_SYNACK;
	else
		rc->start = REPLAY_START_MID;
	rc->first_frame = c->first_frame;
	rc->first_ts = c->first_ts;
	rc->first_off = off;
}

static void
replay_index_packet(struct replay_build *b, int64_t off)
{
	struct annot *a = b->a;
	struct replay_slot *sl;
	struct replay_conn *rc, fresh;

	if (a->kind != ANNOT_TCP || a->conn == NULL)
		return;
	b->r->tcp_packets++;
	sl = &b->aux[a->conn - a->conns.slots];
	if (sl->id != a->conn->id) {
		/* New, or the slot was restarted (a reused 4-tuple). */
		replay_begin(&fresh, a, off);
		sl->id = a->conn->id;
		sl->at = replay_index_add(b->r, &fresh);
	}
	if ((rc = replay_slot_conn(b, sl)) == NULL)
		return;
	replay_sync(rc, a->conn);
	for (uint32_t f = a->flags; f != 0; f &= f - 1)
		rc->counts[__builtin_ctz(f)]++;
	/* packets flagged, as tshark -Y tcp.analysis.flags counts them */
	rc->problems += a->flags != 0;
}

/*
 * Standard input can be read only once, and a connection is loaded by a
 * second pass: keep a bounded copy in a temporary file.
 */
static char *
replay_spool_stdin(struct ts_err *err)
{
	const char *dir = getenv("TMPDIR");
	char *path, buf[65536];
	uint64_t total = 0;
	size_t n, len;
	FILE *f;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	len = strlen(dir) + sizeof("/tcpstep-replay-XXXXXX");
	path = xmalloc(len);
	snprintf(path, len, "%s/tcpstep-replay-XXXXXX", dir);
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "wb")) == NULL) {
		ts_err_set(err, "%s: %s", path, strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(path);
		}
		free(path);
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
		total += n;
		if (total > REPLAY_STDIN_MAX) {
			ts_err_set(err, "-: capture larger than %llu MiB; "
			    "save it to a file", (unsigned long long)
			    (REPLAY_STDIN_MAX >> 20));
			goto fail;
		}
		if (fwrite(buf, 1, n, f) != n) {
			ts_err_set(err, "%s: %s", path, strerror(errno));
			goto fail;
		}
	}
	if (ferror(stdin)) {
		ts_err_set(err, "-: %s", strerror(errno));
		goto fail;
	}
	if (fclose(f) != 0) {
		f = NULL;
		ts_err_set(err, "%s: %s", path, strerror(errno));
		goto fail;
	}
	return path;
fail:
	if (f != NULL)
		fclose(f);
	unlink(path);
	free(path);
	return NULL;
}

/* libpcap names the spooled copy of stdin: say "-", as the user did. */
static void
replay_name_stdin(const struct replay *r, struct ts_err *err)
{
	char why[sizeof(err->msg)];
	size_t n;

	if (err == NULL || r->tmp == NULL)
		return;
	n = strlen(r->tmp);
	if (strncmp(err->msg, r->tmp, n) != 0)
		return;
	memcpy(why, err->msg + n, sizeof(why) - n);
	ts_err_set(err, "-%s", why);
}

/* "record 7: why" becomes "FILE: record 7: why". */
static int
replay_err_file(const struct replay *r, struct ts_err *err)
{
	char why[sizeof(err->msg)];

	if (err == NULL)
		return -1;
	memcpy(why, err->msg, sizeof(why));
	return ts_err_set(err, "%s: %s", r->tmp != NULL ? "-" : r->path, why);
}

static void
replay_index_end(struct replay *r)
{
	struct replay_build *b = r->build;

	if (b != NULL) {
		r->evicted = b->a->conns.evicted;
		free(b->aux);
		annot_done(b->a);
		free(b->a);
		free(b);
		r->build = NULL;
	}
	if (r->rd != NULL) {
		pcap_rd_close(r->rd);
		r->rd = NULL;
	}
	r->fpos = r->fsize;
}

int
replay_index_more(struct replay *r, uint64_t n, struct ts_err *err)
{
	struct replay_build *b = r->build;
	struct pcap_rec rec;
	int rc = 1;

	if (r->rd == NULL)
		return 1;
	for (uint64_t i = 0; i < n &&
	    (rc = pcap_rd_next(r->rd, &rec, err)) == 1; i++) {
		r->packets++;
		annot_packet(b->a, rec.index, rec.sec, rec.nsec, rec.data,
		    rec.caplen, rec.len);
		replay_index_packet(b, rec.off);
	}
	if (rc == 1) {
		int64_t pos = pcap_rd_tell(r->rd);

		r->evicted = b->a->conns.evicted;
		if (pos >= 0 && (uint64_t)pos < r->fsize)
			r->fpos = (uint64_t)pos;
		return 0;
	}
	replay_index_end(r);
	if (rc < 0) {
		replay_err_file(r, err);
		if (r->packets == 0 || err == NULL)
			return -1;	/* nothing before it: the file's error */
		snprintf(r->damage, sizeof(r->damage), "%s", err->msg);
	}
	return 1;
}

bool
replay_indexing(const struct replay *r)
{
	return r->rd != NULL;
}

struct replay *
replay_start(const char *path, const char *filter, uint32_t max_conns,
    uint64_t first, int *why, struct ts_err *err)
{
	struct replay_build *b;
	struct replay *r;
	struct stat sb;
	int dummy;

	if (why == NULL)
		why = &dummy;
	*why = PCAP_RD_EFILE;
	r = xcalloc(1, sizeof(*r));
	if (strcmp(path, "-") == 0) {
		if ((r->tmp = replay_spool_stdin(err)) == NULL) {
			replay_free(r);
			return NULL;
		}
		r->path = xstrdup(r->tmp);
	} else
		r->path = xstrdup(path);
	if (filter != NULL && *filter != '\0')
		r->filter = xstrdup(filter);
	if ((r->rd = pcap_rd_open_why(r->path, r->filter, why, err)) == NULL) {
		replay_name_stdin(r, err);
		replay_free(r);
		return NULL;
	}
	if (stat(r->path, &sb) == 0 && S_ISREG(sb.st_mode))
		r->fsize = (uint64_t)sb.st_size;
	r->linktype = pcap_rd_linktype(r->rd);
	pcap_rd_linktype_name(r->linktype, r->linkname, sizeof(r->linkname));
	r->cap = max_conns == 0 ? REPLAY_MAX_CONNS : max_conns;
	b = r->build = xcalloc(1, sizeof(*b));
	b->r = r;
	b->a = xcalloc(1, sizeof(*b->a));
	annot_init(b->a, r->linktype, r->linkname, REPLAY_TABLE_CAP,
	    replay_on_evict, b);
	b->aux = xcalloc(b->a->conns.cap, sizeof(*b->aux));
	if (replay_index_more(r, first, err) < 0) {
		replay_free(r);
		return NULL;
	}
	return r;
}

struct replay *
replay_open(const char *path, const char *filter, uint32_t max_conns,
    int *why, struct ts_err *err)
{
	return replay_start(path, filter, max_conns, UINT64_MAX, why, err);
}

static void replay_load_end(struct replay *);

static void
replay_unload(struct replay *r)
{
	replay_load_end(r);
	for (uint32_t i = 0; i < r->nsteps; i++) {
		free(r->steps[i].explain);
		free(r->steps[i].problems);
		free(r->steps[i].data);
	}
	free(r->steps);
	r->steps = NULL;
	r->nsteps = 0;
	r->loaded = 0;
	r->steps_cut = false;
	r->near = REPLAY_NEAR_UNKNOWN;
	r->gap_syn = r->gap_ack = -1;
}

void
replay_free(struct replay *r)
{
	if (r == NULL)
		return;
	replay_unload(r);
	replay_index_end(r);
	if (r->tmp != NULL) {
		unlink(r->tmp);
		free(r->tmp);
	}
	free(r->path);
	free(r->filter);
	free(r->conns);
	free(r);
}

const struct replay_conn *
replay_conn_by_id(const struct replay *r, uint64_t id)
{
	uint32_t lo = 0, hi = r->nconns;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (r->conns[mid].id == id)
			return &r->conns[mid];
		if (r->conns[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The control blocks, moved on by one segment as the wire shows it.
 */

static void
replay_set(struct replay_val *v, uint32_t x, int tag)
{
	v->v = x;
	v->tag = (uint8_t)tag;
}

/* Move a sequence value forward only (retransmissions do not undo it). */
static void
replay_advance(struct replay_val *v, uint32_t x, int tag)
{
	if (v->tag == RV_UNKNOWN || seq_gt(x, v->v) ||
	    (x == v->v && tag == RV_OBSERVED))
		replay_set(v, x, tag);
}

static void
replay_state(struct replay_tcb *t, int state)
{
	t->state = state;
	t->state_tag = RV_INFERRED;
}

/* What the wire told so far beyond the control blocks. */
struct replay_ws {
	bool	syn_seen[2];
	int	offer[2];	/* shift offered in its SYN; -1 none */
	bool	rst_closed[2];	/* closed by the peer's RST, */
	int	before_rst[2];	/* from this state */
};

/*
 * RFC 7323 §2.2: windows are scaled only if both SYNs carried the option;
 * a SYN+ACK may carry it only if the SYN did.  So both SYNs tell both
 * shifts; a SYN or SYN+ACK without it tells "no scaling" for both; a
 * SYN+ACK with it tells its sender's.  Otherwise a side's shift (and so
 * its windows) stays unknown.
 */
static void
replay_scale(struct replay_tcb t[2], const struct replay_ws *ws, int dir,
    bool synack, int shift)
{
	if (ws->syn_seen[1 - dir]) {
		bool both = ws->offer[0] >= 0 && ws->offer[1] >= 0;

		for (int i = 0; i < 2; i++)
			t[i].wscale = (int8_t)(both ? ws->offer[i] : 0);
	} else if (shift < 0)
		t[0].wscale = t[1].wscale = 0;
	else if (synack)
		t[dir].wscale = (int8_t)shift;
}

static void
replay_window(struct replay_tcb *s, struct replay_tcb *o, uint8_t f,
    uint16_t win)
{
	uint32_t w = win;
	int tag = RV_OBSERVED;

	/* RFC 7323 §2.2: a SYN's window is never scaled. */
	if (!(f & TH_SYN)) {
		if (s->wscale < 0)
			tag = RV_UNKNOWN;	/* v keeps the field, unscaled */
		else
			w <<= s->wscale;
	}
	replay_set(&s->rcv_wnd, w, tag);
	replay_set(&o->snd_wnd, w, tag == RV_OBSERVED ? RV_INFERRED : tag);
}

/* RFC 9293 §3.10.7.4, the ACK bit, as seen by o receiving ack. */
static void
replay_recv_ack(struct replay_tcb *o, uint32_t ack)
{
	if (o->state == TCPS_SYN_RECEIVED && o->iss.tag != RV_UNKNOWN &&
	    seq_gt(ack, o->iss.v))
		replay_state(o, TCPS_ESTABLISHED);
	if (!o->fin_sent || !seq_ge(ack, o->fin_seq + 1))
		return;
	/* Our FIN is acknowledged. */
	switch (o->state) {
	case TCPS_FIN_WAIT_1:
		replay_state(o, TCPS_FIN_WAIT_2);
		break;
	case TCPS_CLOSING:
		replay_state(o, TCPS_TIME_WAIT);
		break;
	case TCPS_LAST_ACK:
		replay_state(o, TCPS_CLOSED);
		break;
	default:
		break;
	}
}

/* RFC 9293 §3.10.7.4, the FIN bit: o receives s's FIN. */
static void
replay_recv_fin(struct replay_tcb *o)
{
	switch (o->state) {
	case TCPS_SYN_RECEIVED:
	case TCPS_ESTABLISHED:
	case RS_SYNCHRONIZED:
		replay_state(o, TCPS_CLOSE_WAIT);
		break;
	case TCPS_FIN_WAIT_1:
		replay_state(o, TCPS_CLOSING);
		break;
	case TCPS_FIN_WAIT_2:
		replay_state(o, TCPS_TIME_WAIT);
		break;
	default:
		break;
	}
}

/*
 * s sends its FIN (with ack, if TH_ACK is in f).  s is in CLOSE-WAIT only if
 * o's FIN reached it; a FIN whose ACK does not cover o's crossed it on the
 * wire: a simultaneous close (RFC 9293 §3.6, figure 13).  s sent it from
 * ESTABLISHED, so FIN-WAIT-1, and o's FIN, already on its way, makes it
 * CLOSING.
 */
static void
replay_send_fin(struct replay_tcb *s, const struct replay_tcb *o, uint8_t f,
    uint32_t ack)
{
	switch (s->state) {
	case TCPS_SYN_RECEIVED:
	case TCPS_ESTABLISHED:
	case RS_SYNCHRONIZED:
		replay_state(s, TCPS_FIN_WAIT_1);
		break;
	case TCPS_CLOSE_WAIT:
		/* Its FIN does not acknowledge the peer's: the FINs crossed,
		   the peer's not taken in yet (replay_unwind_states puts it
		   back in ESTABLISHED before); CLOSING when it is. */
		if (o->fin_sent && (!(f & TH_ACK) ||
		    seq_lt(ack, o->fin_seq + 1)))
			replay_state(s, TCPS_FIN_WAIT_1);
		else
			replay_state(s, TCPS_LAST_ACK);
		break;
	default:
		break;
	}
}

/*
 * o's FIN was seen; s's ACK tells whether s has taken it in.  One short of
 * it means a gap before the FIN (loss) or the FIN still on its way: s is
 * where it was before it, until an ACK past it proves it arrived.  s's
 * first FIN stopping short is replay_send_fin's (a simultaneous close).
 */
static void
replay_peer_fin(struct replay_tcb *s, bool took, bool fin)
{
	if (took) {
		switch (s->state) {
		case TCPS_ESTABLISHED:
		case RS_SYNCHRONIZED:
		case TCPS_FIN_WAIT_1:
		case TCPS_FIN_WAIT_2:
			replay_recv_fin(s);
			break;
		default:
			break;
		}
		return;
	}
	if (fin)
		return;
	switch (s->state) {
	case TCPS_CLOSE_WAIT:
		replay_state(s, TCPS_ESTABLISHED);
		break;
	case TCPS_CLOSING:
		replay_state(s, TCPS_FIN_WAIT_1);
		break;
	case TCPS_TIME_WAIT:
		replay_state(s, TCPS_FIN_WAIT_2);
		break;
	default:
		break;
	}
}

static void
replay_states(struct replay_tcb *s, struct replay_tcb *o, struct replay_ws *ws,
    int dir, uint8_t f, uint32_t ack, bool first_fin)
{
	if (f & TH_RST) {
		/* Closed, and so is the receiver if it accepts it. */
		if (o->state != TCPS_CLOSED) {
			ws->rst_closed[1 - dir] = true;
			ws->before_rst[1 - dir] = o->state;
		}
		replay_state(s, TCPS_CLOSED);
		replay_state(o, TCPS_CLOSED);
		return;
	}
	if (ws->rst_closed[dir] && s->state == TCPS_CLOSED)
		/* It sent this before the peer's RST reached it (data in
		 * flight, seen by a capture near the RST's sender). */
		replay_state(s, ws->before_rst[dir]);
	ws->rst_closed[dir] = false;
	if ((f & (TH_SYN | TH_ACK)) == TH_SYN) {
		replay_state(s, TCPS_SYN_SENT);
		if (o->state == TCPS_SYN_SENT)	/* simultaneous open */
			replay_state(o, TCPS_SYN_RECEIVED);
		else if (o->state == -1 || o->state == TCPS_CLOSED ||
		    o->state == RS_LISTEN_OR_CLOSED)
			/* Nothing proves it listens until it answers. */
			replay_state(o, RS_LISTEN_OR_CLOSED);
		return;
	}
	if (f & TH_SYN) {
		replay_state(s, TCPS_SYN_RECEIVED);
		/* It answers a SYN, so the peer sent one (SYN-SENT). */
		if (o->state == TCPS_SYN_SENT || o->state == -1)
			replay_state(o, TCPS_ESTABLISHED);
		else
			replay_recv_ack(o, ack);
		return;
	}
	/* No SYN: a capture that started later knows only this much. */
	if (s->state == -1)
		replay_state(s, RS_SYNCHRONIZED);
	if (o->state == -1)
		replay_state(o, RS_SYNCHRONIZED);
	if ((f & TH_ACK) && o->fin_sent)
		replay_peer_fin(s, seq_ge(ack, o->fin_seq + 1), first_fin);
	/* Its FIN sent again: no ACK of it had arrived. */
	if ((f & TH_FIN) && !first_fin) {
		if (s->state == TCPS_FIN_WAIT_2)
			replay_state(s, TCPS_FIN_WAIT_1);
		else if (s->state == TCPS_TIME_WAIT)
			replay_state(s, TCPS_CLOSING);
	}
	/* FINs that crossed: this ACK of o's FIN left after s's own FIN,
	 * which therefore reached o first (in order): o was CLOSING. */
	if ((f & TH_ACK) && s->fin_sent && !first_fin && o->fin_sent &&
	    seq_ge(ack, o->fin_seq + 1) && o->state == TCPS_FIN_WAIT_1)
		replay_recv_fin(o);
	if (f & TH_ACK)
		replay_recv_ack(o, ack);
	if ((f & TH_FIN) && first_fin) {
		replay_send_fin(s, o, f, ack);
		replay_recv_fin(o);
	}
}

static void replay_tcb_init(struct replay_tcb *);

/* Move both control blocks on by one segment sent by side dir. */
static void
replay_tcb_step(struct replay_tcb t[2], struct replay_ws *ws, int dir,
    const struct pkt *p, uint32_t seglen)
{
	struct replay_tcb *s = &t[dir], *o = &t[1 - dir];
	const struct pkt_tcp *h = &p->tcp;
	uint8_t f = h->flags;
	uint32_t end = h->seq + seglen + !!(f & TH_SYN) + !!(f & TH_FIN);
	bool first_fin = false;

	/* A reset from a side that only had a SYN come in: a port with no
	 * listener answers (RFC 9293 §3.10.7.1) and keeps no TCB, so its
	 * fields state nothing about one. */
	if ((f & TH_RST) && s->state == RS_LISTEN_OR_CLOSED) {
		replay_tcb_init(s);
		replay_state(s, TCPS_CLOSED);
		replay_state(o, TCPS_CLOSED);
		return;
	}

	if (f & TH_SYN) {
		int shift = -1;

		for (int i = 0; i < h->n_opts; i++)
			if (h->opts[i].kind == TCPOPT_WSCALE &&
			    h->opts[i].len == 3)
				shift = h->opts[i].u.wscale > 14 ? 14 :
				    h->opts[i].u.wscale;
		replay_set(&s->iss, h->seq, RV_OBSERVED);
		if (o->irs.tag != RV_OBSERVED)
			replay_set(&o->irs, h->seq, RV_INFERRED);
		if (o->rcv_nxt.tag == RV_UNKNOWN)
			replay_set(&o->rcv_nxt, h->seq + 1, RV_INFERRED);
		/* RFC 9293 §3.10.1: SND.UNA = ISS when the SYN goes out. */
		if (s->snd_una.tag == RV_UNKNOWN)
			replay_set(&s->snd_una, h->seq, RV_INFERRED);
		ws->syn_seen[dir] = true;
		ws->offer[dir] = shift;
		replay_scale(t, ws, dir, (f & TH_ACK) != 0, shift);
		/* A SYN+ACK's ACK field states the peer's ISS + 1. */
		if ((f & TH_ACK) && o->iss.tag == RV_UNKNOWN)
			replay_set(&o->iss, h->ack - 1, RV_INFERRED);
	}
	replay_advance(&s->snd_nxt, end, RV_OBSERVED);
	if (f & TH_ACK) {
		replay_advance(&s->rcv_nxt, h->ack, RV_OBSERVED);
		replay_advance(&o->snd_una, h->ack, RV_INFERRED);
		/* What it acknowledges was sent, seen or not (a capture
		 * that started late or missed it): SND.UNA <= SND.NXT. */
		replay_advance(&o->snd_nxt, h->ack, RV_INFERRED);
		/* Its ACK of the peer's SYN states its IRS, unless the SYN
		 * carried data (TCP Fast Open): then the SYN's own sequence
		 * number, seen, is what it took in. */
		if ((f & TH_SYN) && o->iss.tag == RV_OBSERVED &&
		    h->ack != o->iss.v + 1)
			replay_set(&s->irs, o->iss.v, RV_INFERRED);
		else if ((f & TH_SYN) || (s->irs.tag == RV_INFERRED &&
		    h->ack == s->irs.v + 1))
			replay_set(&s->irs, h->ack - 1, RV_OBSERVED);
	}
	if ((f & TH_FIN) && !s->fin_sent) {
		s->fin_sent = true;
		s->fin_seq = end - 1;
		first_fin = true;
	}
	/* RFC 9293 §3.10.7.4: a reset's window is not processed (Linux sends
	 * 0 in a bare RST); the windows stay as they were. */
	if (!(f & TH_RST))
		replay_window(s, o, f, h->win);
	replay_states(s, o, ws, dir, f, h->ack, first_fin);
}

static void
replay_tcb_init(struct replay_tcb *t)
{
	memset(t, 0, sizeof(*t));
	t->state = -1;
	t->wscale = -1;
}

/* Does p belong to c (either direction)? */
static bool
replay_match(const struct pkt *p, const struct replay_conn *c)
{
	if (!p->has_tcp)
		return false;
	for (int s = 0; s < 2; s++)
		if (p->tcp.sport == c->port[s] &&
		    p->tcp.dport == c->port[1 - s] &&
		    memcmp(&p->src, &c->addr[s], sizeof(p->src)) == 0 &&
		    memcmp(&p->dst, &c->addr[1 - s], sizeof(p->dst)) == 0)
			return true;
	return false;
}

static char *
replay_join_problems(const struct annot *a)
{
	size_t len = 0;
	char *s;

	if (a->nproblems == 0)
		return NULL;
	for (int i = 0; i < a->nproblems; i++)
		len += strlen(a->problems[i]) + 2;
	s = xmalloc(len + 1);
	s[0] = '\0';
	for (int i = 0; i < a->nproblems; i++) {
		if (i > 0)
			strcat(s, "; ");
		strcat(s, a->problems[i]);
	}
	return s;
}

/* Keep the smaller of two gaps (-1: none yet). */
static void
replay_gap_min(int64_t *g, int64_t gap)
{
	if (*g < 0 || gap < *g)
		*g = gap;
}

/*
 * Where the capture was taken, from the handshake's timing: the side whose
 * answer follows at once is near.  SYN to SYN+ACK holds the round trip to
 * the server when we sit by the client, SYN+ACK to ACK the round trip to
 * the client when we sit by the server.  A guess, and said to be one.
 *
 * Under loss the handshake repeats: a SYN+ACK answers the latest SYN only
 * when it is the server's next packet after it, and an ACK the SYN+ACK just
 * before it, so a gap never spans a retransmission timeout; of several
 * such pairs the shortest is the path's delay, as in tshark's iRTT.
 */
static void
replay_guess_near(struct replay *r, const struct replay_conn *c)
{
	int64_t t_syn = -1, t_synack = -1;

	if (c->client < 0)
		return;
	for (uint32_t i = 0; i < r->nsteps; i++) {
		const struct replay_step *st = &r->steps[i];
		uint8_t f = st->tcpflags & (TH_SYN | TH_ACK | TH_RST);

		if (st->dir == c->client) {
			if (f == TH_ACK && t_synack >= 0)
				replay_gap_min(&r->gap_ack, st->ts - t_synack);
			t_syn = f == TH_SYN ? st->ts : -1;
			t_synack = -1;
		} else {
			if (f == (TH_SYN | TH_ACK) && t_syn >= 0)
				replay_gap_min(&r->gap_syn, st->ts - t_syn);
			t_synack = f == (TH_SYN | TH_ACK) ? st->ts : -1;
			t_syn = -1;
		}
	}
	if (r->gap_syn < 0 || r->gap_ack < 0) {
		r->gap_syn = r->gap_ack = -1;
		return;
	}
	if (r->gap_syn > 4 * r->gap_ack)
		r->near = REPLAY_NEAR_CLIENT;
	else if (r->gap_ack > 4 * r->gap_syn)
		r->near = REPLAY_NEAR_SERVER;
	else
		r->near = REPLAY_NEAR_MIDDLE;
}

/*
 * How far along a connection a state is, for the states a side passes
 * through once it has sent or taken in a SYN; 0 for the others (CLOSED and
 * LISTEN come before and after, so they have no place in this order).
 */
static int
replay_state_rank(int state)
{
	switch (state) {
	case TCPS_SYN_SENT:
		return 1;
	case TCPS_SYN_RECEIVED:
		return 2;
	case TCPS_ESTABLISHED:
	case RS_SYNCHRONIZED:
		return 3;
	case TCPS_FIN_WAIT_1:
	case TCPS_CLOSE_WAIT:
		return 4;
	case TCPS_FIN_WAIT_2:
	case TCPS_CLOSING:
	case TCPS_LAST_ACK:
		return 5;
	case TCPS_TIME_WAIT:
		return 6;
	default:
		return 0;
	}
}

/*
 * A side's state goes back (ESTABLISHED, then SYN-RECEIVED when it sends
 * its SYN+ACK again): the packet that moved it on never reached it, so it
 * was never there.  The earlier steps' inferred states are set to the one
 * the side's own packets now prove, so that no step shows a transition
 * RFC 9293 does not have.
 */
static void
replay_unwind_states(struct replay *r)
{
	uint32_t k = r->nsteps - 1;

	for (int side = 0; side < 2 && k > 0; side++) {
		int now = r->steps[k].tcb[side].state, rank;

		/* FINs that crossed: it sent its FIN before the peer's came,
		   so it was never in CLOSE-WAIT but still ESTABLISHED */
		if (now == TCPS_FIN_WAIT_1 || now == TCPS_CLOSING)
			for (uint32_t j = k; j-- > 0; ) {
				struct replay_tcb *t = &r->steps[j].tcb[side];

				if (t->state != TCPS_CLOSE_WAIT ||
				    t->state_tag != RV_INFERRED)
					break;
				t->state = TCPS_ESTABLISHED;
			}

		rank = replay_state_rank(now);
		if (rank == 0 || replay_state_rank(r->steps[k - 1].tcb[side].state)
		    <= rank)
			continue;
		for (uint32_t j = k; j-- > 0; ) {
			struct replay_tcb *t = &r->steps[j].tcb[side];

			if (replay_state_rank(t->state) <= rank ||
			    t->state_tag != RV_INFERRED)
				break;
			t->state = now;
		}
	}
}

static void
replay_add_step(struct replay *r, const struct annot *a,
    const struct pcap_rec *rec, struct replay_tcb t[2], struct replay_ws *ws,
    uint32_t *alloc)
{
	const struct pkt *p = &a->pkt;
	struct replay_step *st;
	int64_t ts = rec->sec * 1000000000 + (int64_t)rec->nsec;
	size_t snap;

	if (r->nsteps == *alloc) {
		*alloc = *alloc == 0 ? 256 : *alloc * 2;
		r->steps = xrealloc(r->steps, *alloc, sizeof(*r->steps));
	}
	st = &r->steps[r->nsteps++];
	memset(st, 0, sizeof(*st));
	st->frame = rec->index;
	st->ts = ts;
	st->rel_ns = r->nsteps == 1 ? 0 : ts - r->steps[0].ts;
	st->caplen = rec->caplen;
	st->wirelen = rec->len;
	st->dir = (uint8_t)a->dir;
	st->tcpflags = p->tcp.flags;
	st->seq = p->tcp.seq;
	st->ack = p->tcp.ack;
	st->seglen = a->seglen;
	st->taflags = a->flags;
	st->dupack_num = a->ta.dupack_num;
	st->dupack_frame = a->ta.dupack_frame;
	st->explain = xstrdup(a->explain);
	st->problems = replay_join_problems(a);
	/* The headers only: the payload is never shown, only counted. */
	snap = p->tcp.payload_off > 0 && p->tcp.payload_off < rec->caplen ?
	    p->tcp.payload_off : rec->caplen;
	st->snaplen = (uint16_t)(snap < REPLAY_SNAP ? snap : REPLAY_SNAP);
	st->data = xmalloc(st->snaplen > 0 ? st->snaplen : 1);
	memcpy(st->data, rec->data, st->snaplen);
	replay_tcb_step(t, ws, a->dir, p, a->seglen);
	st->tcb[0] = t[0];
	st->tcb[1] = t[1];
	replay_unwind_states(r);
}

/* Same 4-tuple, either way round. */
static bool
replay_same_ports(const struct replay_conn *x, const struct replay_conn *y)
{
	for (int s = 0; s < 2; s++)
		if (x->port[0] == y->port[s] && x->port[1] == y->port[1 - s] &&
		    memcmp(&x->addr[0], &y->addr[s], sizeof(x->addr[0])) == 0 &&
		    memcmp(&x->addr[1], &y->addr[1 - s],
		    sizeof(x->addr[1])) == 0)
			return true;
	return false;
}

/*
 * The connection c took the ports of, when the index saw it start on
 * reused ports: its annotator must see that one too, to say so again.
 */
static const struct replay_conn *
replay_reused_from(const struct replay *r, const struct replay_conn *c)
{
	if (c->counts[__builtin_ctz(TA_REUSED_PORTS)] == 0)
		return NULL;
	for (const struct replay_conn *p = c; p > r->conns; ) {
		p--;
		if (replay_same_ports(p, c))
			return p;
	}
	return NULL;
}

/*
 * A connection being loaded: the reader at its records, the annotator and
 * both control blocks carried from packet to packet.
 */
struct replay_loader {
	struct pcap_rd	*rd;
	struct annot	*a;
	struct pkt	*p;
	struct replay_tcb t[2];
	struct replay_ws ws;
	uint32_t	 alloc, max_steps;
	uint64_t	 first_frame, last_frame;	/* the records to read */
	uint64_t	 conn_first;	/* this connection's first record: the
					   ones before (an earlier connection
					   on the same ports) feed only the
					   annotator */
};

static void
replay_load_end(struct replay *r)
{
	struct replay_loader *ld = r->ld;

	if (ld == NULL)
		return;
	annot_done(ld->a);
	free(ld->a);
	free(ld->p);
	pcap_rd_close(ld->rd);
	free(ld);
	r->ld = NULL;
}

int
replay_load_start(struct replay *r, uint64_t id, uint32_t max_steps,
    struct ts_err *err)
{
	const struct replay_conn *c = replay_conn_by_id(r, id), *from;
	struct replay_loader *ld;
	struct pcap_rd *rd;

	replay_unload(r);
	if (c == NULL)
		return ts_err_set(err, "connection %llu: no such connection "
		    "(%u found)", (unsigned long long)id, r->nconns);
	if ((rd = pcap_rd_open(r->path, r->filter, err)) == NULL)
		return -1;
	if ((from = replay_reused_from(r, c)) == NULL)
		from = c;
	/* Straight to its first record when the format allows. */
	if (from->first_off >= 0 &&
	    pcap_rd_seek(rd, from->first_off, from->first_frame, err) != 0) {
		pcap_rd_close(rd);
		return -1;
	}
	r->ld = ld = xcalloc(1, sizeof(*ld));
	ld->rd = rd;
	ld->max_steps = max_steps != 0 ? max_steps : REPLAY_MAX_STEPS;
	ld->first_frame = from->first_frame;
	ld->conn_first = c->first_frame;
	ld->last_frame = c->last_frame;
	ld->ws.offer[0] = ld->ws.offer[1] = -1;
	replay_tcb_init(&ld->t[0]);
	replay_tcb_init(&ld->t[1]);
	ld->a = xcalloc(1, sizeof(*ld->a));
	ld->p = xmalloc(sizeof(*ld->p));
	/* One connection only: a tiny table, nothing evicted. */
	annot_init(ld->a, r->linktype, r->linkname, 4, NULL, NULL);
	r->loaded = id;
	r->load_frame = c->first_frame;
	return 0;
}

int
replay_load_more(struct replay *r, uint64_t n, struct ts_err *err)
{
	struct replay_loader *ld = r->ld;
	const struct replay_conn *c = replay_conn_by_id(r, r->loaded);
	struct pcap_rec rec;
	int rc = 0;

	if (ld == NULL || c == NULL)
		return 1;
	if (n == 0)
		return 0;
	while (n-- > 0 && (rc = pcap_rd_next(ld->rd, &rec, err)) == 1) {
		r->load_frame = rec.index;
		if (rec.index < ld->first_frame)
			continue;
		if (rec.index > ld->last_frame) {
			rc = 0;
			break;
		}
		/* A cheap look at the 4-tuple before the annotator's work. */
		(void)pkt_decode(ld->p, r->linktype, rec.data, rec.caplen,
		    rec.len);
		if (!replay_match(ld->p, c))
			continue;
		annot_packet(ld->a, rec.index, rec.sec, rec.nsec, rec.data,
		    rec.caplen, rec.len);
		if (rec.index < ld->conn_first)
			continue;
		if (ld->a->kind != ANNOT_TCP || ld->a->conn == NULL)
			continue;
		if (r->nsteps == ld->max_steps) {
			r->steps_cut = true;
			rc = 0;
			break;
		}
		replay_add_step(r, ld->a, &rec, ld->t, &ld->ws, &ld->alloc);
	}
	if (rc < 0) {
		/* the packets before the damage are kept, as in the index */
		replay_err_file(r, err);
		if (err != NULL)
			snprintf(r->damage, sizeof(r->damage), "%s", err->msg);
	} else if (rc == 1)
		return 0;		/* more to read */
	replay_load_end(r);
	replay_guess_near(r, c);
	return 1;
}

bool
replay_loading(const struct replay *r)
{
	return r->ld != NULL;
}

int
replay_load(struct replay *r, uint64_t id, uint32_t max_steps,
    struct ts_err *err)
{
	int rc;

	if (replay_load_start(r, id, max_steps, err) != 0)
		return -1;
	while ((rc = replay_load_more(r, UINT64_MAX, err)) == 0)
		;
	return rc < 0 ? -1 : 0;
}

const char *
replay_tag_name(int tag)
{
	switch (tag) {
	case RV_OBSERVED:
		return "observed";
	case RV_INFERRED:
		return "inferred";
	default:
		return "unknown";
	}
}

const char *
replay_state_name(int state)
{
	if (state == RS_LISTEN_OR_CLOSED)
		return "LISTEN or CLOSED";
	if (state == RS_SYNCHRONIZED)
		return "synchronized";
	if (state < 0 || state >= TCPS_COUNT)
		return "unknown";
	return tcp_state_name(state);
}

const char *
replay_start_name(int start)
{
	static const char *const names[] = { "SYN", "SYN+ACK", "mid" };

	return start >= 0 && start < 3 ? names[start] : "?";
}

const char *
replay_end_name(int end)
{
	static const char *const names[] = {
		"open", "FIN", "half", "RST", "refused"
	};

	return end >= 0 && end < 5 ? names[end] : "?";
}

const char *
replay_near_name(int near)
{
	static const char *const names[] = {
		"unknown", "client", "server", "between"
	};

	return near >= 0 && near < 4 ? names[near] : "?";
}

static uint64_t
replay_key(const struct replay_conn *c, int key)
{
	switch (key) {
	case 'p':
		return c->pkts[0] + c->pkts[1];
	case 'b':
		return c->bytes[0] + c->bytes[1];
	case 'x':
		return c->problems;
	case 'd':
		return (uint64_t)(c->last_ts - c->first_ts);
	default:
		return UINT64_MAX - c->id;
	}
}

/* A merge sort: qsort has no context argument and is not stable. */
void
replay_order(const struct replay *r, int key, uint32_t *idx)
{
	uint32_t n = r->nconns, *tmp;

	for (uint32_t i = 0; i < n; i++)
		idx[i] = i;
	/* The index is kept in id order: nothing to sort (re-sorted often
	 * while indexing). */
	if (n < 2 || key == 'i')
		return;
	tmp = xcalloc(n, sizeof(*tmp));
	for (uint32_t w = 1; w < n; w *= 2) {
		for (uint32_t lo = 0; lo < n; lo += 2 * w) {
			uint32_t mid = lo + w < n ? lo + w : n;
			uint32_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			uint32_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi)
				tmp[k++] = replay_key(&r->conns[idx[j]], key) >
				    replay_key(&r->conns[idx[i]], key) ?
				    idx[j++] : idx[i++];
			while (i < mid)
				tmp[k++] = idx[i++];
			while (j < hi)
				tmp[k++] = idx[j++];
		}
		memcpy(idx, tmp, n * sizeof(*idx));
		if (w > n / 2)
			break;
	}
	free(tmp);
}
