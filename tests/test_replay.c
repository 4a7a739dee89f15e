/*
 * test_replay: the index of a capture's connections and the control
 * blocks as the wire reveals them, checked against the capture's own bytes
 * (decoded here independently), and hostile files opened cleanly.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "pcap_rd.h"
#include "pkt.h"
#include "replay.h"
#include "sim.h"
#include "tcb.h"
#include "tcp_seq.h"
#include "tpcap.h"
#include "xalloc.h"

#define HS	TPCAP_CORPUS "linux-lo-handshake-v4.pcap"
#define BULK	TPCAP_CORPUS "linux-lo-bulk-100k.pcap"
#define NOSYN	TPCAP_CORPUS "missing-syn.pcap"
#define REFUSED	TPCAP_CORPUS "linux-lo-rst-closed-port.pcap"
#define THREE	TPCAP_CORPUS "concurrent-range-requests.pcap"

/* The i-th record (0-based) of a capture, decoded here. */
static void
rp_decode(const struct tpcap *t, size_t i, struct pkt *p)
{
	CU_ASSERT_FATAL(i < t->n);
	pkt_decode(p, t->linktype, t->rec[i].data, t->rec[i].caplen,
	    t->rec[i].len);
	CU_ASSERT_FATAL(p->has_tcp);
}

static struct replay *
rp_open(const char *path, const char *filter)
{
	struct ts_err err;
	struct replay *r;
	int why;

	r = replay_open(path, filter, 0, &why, &err);
	if (r == NULL)
		fprintf(stderr, "%s\n", err.msg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	return r;
}

static void
rp_load(struct replay *r, uint64_t id)
{
	struct ts_err err;

	CU_ASSERT_EQUAL_FATAL(replay_load(r, id, 0, &err), 0);
}

static void
test_replay_handshake_iss_irs_from_syns(void)
{
	struct replay *r = rp_open(HS, NULL);
	struct tpcap t;
	struct pkt *syn = xmalloc(sizeof(*syn)), *sa = xmalloc(sizeof(*sa));
	const struct replay_tcb *c, *s;
	int cl;

	CU_ASSERT_EQUAL_FATAL(tpcap_load(HS, &t), 0);
	rp_decode(&t, 0, syn);
	rp_decode(&t, 1, sa);
	CU_ASSERT_EQUAL(syn->tcp.flags & (TH_SYN | TH_ACK), TH_SYN);
	CU_ASSERT_EQUAL(r->nconns, 1);
	CU_ASSERT_EQUAL(r->conns[0].start, REPLAY_START_SYN);
	CU_ASSERT_EQUAL(r->conns[0].end, REPLAY_END_FIN);
	CU_ASSERT_EQUAL(r->conns[0].pkts[0] + r->conns[0].pkts[1], t.n);
	rp_load(r, 1);
	CU_ASSERT_EQUAL_FATAL(r->nsteps, t.n);
	cl = r->conns[0].client;
	CU_ASSERT_EQUAL_FATAL(cl, 0);

	/* After the SYN: the client's ISS is on the wire, the rest not. */
	c = &r->steps[0].tcb[cl];
	s = &r->steps[0].tcb[1 - cl];
	CU_ASSERT_EQUAL(c->state, TCPS_SYN_SENT);
	CU_ASSERT_EQUAL(c->iss.tag, RV_OBSERVED);
	CU_ASSERT_EQUAL(c->iss.v, syn->tcp.seq);
	CU_ASSERT_EQUAL(c->irs.tag, RV_UNKNOWN);
	CU_ASSERT_EQUAL(s->state, RS_LISTEN_OR_CLOSED);
	CU_ASSERT_EQUAL(s->iss.tag, RV_UNKNOWN);
	CU_ASSERT_EQUAL(s->irs.tag, RV_INFERRED);
	CU_ASSERT_EQUAL(s->irs.v, syn->tcp.seq);

	/* After the SYN+ACK: the server's ISS, and its IRS from its ACK. */
	c = &r->steps[1].tcb[cl];
	s = &r->steps[1].tcb[1 - cl];
	CU_ASSERT_EQUAL(s->state, TCPS_SYN_RECEIVED);
	CU_ASSERT_EQUAL(s->iss.tag, RV_OBSERVED);
	CU_ASSERT_EQUAL(s->iss.v, sa->tcp.seq);
	CU_ASSERT_EQUAL(s->irs.tag, RV_OBSERVED);
	CU_ASSERT_EQUAL(s->irs.v, syn->tcp.seq);
	CU_ASSERT_EQUAL(c->state, TCPS_ESTABLISHED);
	CU_ASSERT_EQUAL(c->irs.v, sa->tcp.seq);
	CU_ASSERT_EQUAL(c->snd_una.v, syn->tcp.seq + 1);

	/* After the ACK: both established, the client's IRS now observed. */
	c = &r->steps[2].tcb[cl];
	s = &r->steps[2].tcb[1 - cl];
	CU_ASSERT_EQUAL(c->state, TCPS_ESTABLISHED);
	CU_ASSERT_EQUAL(s->state, TCPS_ESTABLISHED);
	CU_ASSERT_EQUAL(c->irs.tag, RV_OBSERVED);

	/* Active close by the client: it waits, the server is closed. */
	c = &r->steps[r->nsteps - 1].tcb[cl];
	s = &r->steps[r->nsteps - 1].tcb[1 - cl];
	CU_ASSERT_EQUAL(c->state, TCPS_TIME_WAIT);
	CU_ASSERT_EQUAL(s->state, TCPS_CLOSED);
	CU_ASSERT_EQUAL(c->state_tag, RV_INFERRED);
	free(syn);
	free(sa);
	tpcap_free(&t);
	replay_free(r);
}

/* Windows scale once both SYNs agreed (RFC 7323 §2.2), never in a SYN. */
static void
test_replay_handshake_windows_scaled(void)
{
	struct replay *r = rp_open(HS, NULL);
	struct tpcap t;
	struct pkt *p = xmalloc(sizeof(*p));
	int shift = -1;

	CU_ASSERT_EQUAL_FATAL(tpcap_load(HS, &t), 0);
	rp_load(r, 1);
	rp_decode(&t, 0, p);
	CU_ASSERT_EQUAL(r->steps[0].tcb[0].rcv_wnd.v, p->tcp.win);
	CU_ASSERT_EQUAL(r->steps[0].tcb[0].rcv_wnd.tag, RV_OBSERVED);
	for (int i = 0; i < p->tcp.n_opts; i++)
		if (p->tcp.opts[i].kind == TCPOPT_WSCALE)
			shift = p->tcp.opts[i].u.wscale;
	CU_ASSERT_FATAL(shift > 0);
	rp_decode(&t, 2, p);	/* the client's ACK */
	CU_ASSERT_EQUAL(r->steps[2].tcb[0].rcv_wnd.v,
	    (uint32_t)p->tcp.win << shift);
	CU_ASSERT_EQUAL(r->steps[2].tcb[1].snd_wnd.v,
	    (uint32_t)p->tcp.win << shift);
	CU_ASSERT_EQUAL(r->steps[2].tcb[1].snd_wnd.tag, RV_INFERRED);
	free(p);
	tpcap_free(&t);
	replay_free(r);
}

/* A filter that hides the SYNs makes a mid-connection capture. */
static void
test_replay_mid_connection_unknown(void)
{
	struct replay *r = rp_open(HS, "tcp[tcpflags] & tcp-syn == 0");

	CU_ASSERT_EQUAL_FATAL(r->nconns, 1);
	CU_ASSERT_EQUAL(r->conns[0].start, REPLAY_START_MID);
	CU_ASSERT_EQUAL(r->conns[0].client, -1);
	rp_load(r, 1);
	CU_ASSERT_FATAL(r->nsteps > 2);
	for (int s = 0; s < 2; s++) {
		const struct replay_tcb *b = &r->steps[0].tcb[s];

		CU_ASSERT_EQUAL(b->iss.tag, RV_UNKNOWN);
		CU_ASSERT_EQUAL(b->irs.tag, RV_UNKNOWN);
		CU_ASSERT_EQUAL(b->state, RS_SYNCHRONIZED);
		/* No SYN, no window scale: the windows cannot be told. */
		CU_ASSERT_EQUAL(r->steps[1].tcb[s].rcv_wnd.tag, RV_UNKNOWN);
	}
	CU_ASSERT_EQUAL(r->steps[0].tcb[r->steps[0].dir].snd_nxt.tag,
	    RV_OBSERVED);
	CU_ASSERT_EQUAL(r->near, REPLAY_NEAR_UNKNOWN);
	replay_free(r);
}

/* A capture that starts at the SYN+ACK: the client's ISS only inferred. */
static void
test_replay_synack_start_infers_client(void)
{
	struct replay *r = rp_open(NOSYN, NULL);
	struct tpcap t;
	struct pkt *p = xmalloc(sizeof(*p));
	const struct replay_tcb *cl;

	CU_ASSERT_EQUAL_FATAL(tpcap_load(NOSYN, &t), 0);
	rp_decode(&t, 0, p);
	CU_ASSERT_EQUAL_FATAL(p->tcp.flags & (TH_SYN | TH_ACK),
	    TH_SYN | TH_ACK);
	CU_ASSERT_EQUAL_FATAL(r->nconns, 1);
	CU_ASSERT_EQUAL(r->conns[0].start, REPLAY_START_SYNACK);
	rp_load(r, 1);
	cl = &r->steps[0].tcb[1];
	CU_ASSERT_EQUAL(cl->iss.tag, RV_INFERRED);
	CU_ASSERT_EQUAL(cl->iss.v, p->tcp.ack - 1);
	CU_ASSERT_EQUAL(cl->state, TCPS_ESTABLISHED);
	CU_ASSERT_EQUAL(r->steps[0].tcb[0].state, TCPS_SYN_RECEIVED);
	/* The client's window scale was in the SYN we did not see. */
	for (uint32_t k = 0; k < r->nsteps; k++)
		CU_ASSERT_EQUAL(r->steps[k].tcb[1].rcv_wnd.tag, RV_UNKNOWN);
	free(p);
	tpcap_free(&t);
	replay_free(r);
}

static void
test_replay_refused_both_closed(void)
{
	struct replay *r = rp_open(REFUSED, NULL);

	CU_ASSERT_EQUAL_FATAL(r->nconns, 1);
	CU_ASSERT_EQUAL(r->conns[0].end, REPLAY_END_REFUSED);
	rp_load(r, 1);
	CU_ASSERT_EQUAL_FATAL(r->nsteps, 2);
	CU_ASSERT_EQUAL(r->steps[1].tcb[0].state, TCPS_CLOSED);
	CU_ASSERT_EQUAL(r->steps[1].tcb[1].state, TCPS_CLOSED);
	/* The closed port kept no TCB: its reset's fields state nothing
	   (its seq 0 is no SND.NXT), every value unknown. */
	{
		const struct replay_tcb *t = &r->steps[1].tcb[1];

		CU_ASSERT_EQUAL(t->iss.tag, RV_UNKNOWN);
		CU_ASSERT_EQUAL(t->irs.tag, RV_UNKNOWN);
		CU_ASSERT_EQUAL(t->snd_nxt.tag, RV_UNKNOWN);
		CU_ASSERT_EQUAL(t->rcv_nxt.tag, RV_UNKNOWN);
		CU_ASSERT_EQUAL(t->rcv_wnd.tag, RV_UNKNOWN);
	}
	replay_free(r);
}

/* Bytes counted and SND.NXT at the end agree with the payload on the wire. */
static void
test_replay_bulk_counts_and_cut(void)
{
	struct replay *r = rp_open(BULK, NULL);
	struct ts_err err;
	struct tpcap t;
	struct pkt *p = xmalloc(sizeof(*p));
	uint64_t bytes[2] = { 0, 0 };
	uint32_t iss = 0, nxt;
	struct pkt_addr a0;

	CU_ASSERT_EQUAL_FATAL(tpcap_load(BULK, &t), 0);
	for (size_t i = 0; i < t.n; i++) {
		rp_decode(&t, i, p);
		if (i == 0) {
			a0 = p->src;
			iss = p->tcp.seq;
		}
		bytes[memcmp(&p->src, &a0, sizeof(a0)) == 0 &&
		    p->tcp.sport == r->conns[0].port[0] ? 0 : 1] +=
		    p->tcp.payload_len;
	}
	CU_ASSERT_EQUAL_FATAL(r->nconns, 1);
	CU_ASSERT_EQUAL(r->conns[0].bytes[0], bytes[0]);
	CU_ASSERT_EQUAL(r->conns[0].bytes[1], bytes[1]);
	rp_load(r, 1);
	CU_ASSERT_EQUAL(r->nsteps, t.n);
	CU_ASSERT_FALSE(r->steps_cut);
	/* ISS + SYN + the data + FIN, if nothing was resent. */
	nxt = r->steps[r->nsteps - 1].tcb[0].snd_nxt.v;
	CU_ASSERT_EQUAL(nxt, iss + 1 + (uint32_t)bytes[0] + 1);
	/* A load bounded by max_steps says it was cut. */
	CU_ASSERT_EQUAL(replay_load(r, 1, 3, &err), 0);
	CU_ASSERT_EQUAL(r->nsteps, 3);
	CU_ASSERT_TRUE(r->steps_cut);
	free(p);
	tpcap_free(&t);
	replay_free(r);
}

/* The index's cap: the rest is counted, not silently lost. */
static void
test_replay_index_cap_counts_dropped(void)
{
	struct ts_err err;
	struct replay *r = replay_open(THREE, NULL, 2, NULL, &err);
	uint32_t idx[2];

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->nconns, 2);
	CU_ASSERT_EQUAL(r->dropped, 1);
	CU_ASSERT_PTR_NULL(replay_conn_by_id(r, 99));
	CU_ASSERT_NOT_EQUAL(replay_load(r, 99, 0, &err), 0);
	replay_order(r, 'p', idx);
	CU_ASSERT(r->conns[idx[0]].pkts[0] + r->conns[idx[0]].pkts[1] >=
	    r->conns[idx[1]].pkts[0] + r->conns[idx[1]].pkts[1]);
	replay_free(r);
}

/* The capture point guess follows the handshake's own timestamps. */
static void
test_replay_near_from_handshake_gaps(void)
{
	struct replay *r = rp_open(THREE, NULL);
	int want = REPLAY_NEAR_MIDDLE;

	rp_load(r, 1);
	CU_ASSERT_EQUAL_FATAL(r->steps[0].tcpflags & TH_SYN, TH_SYN);
	CU_ASSERT_EQUAL(r->gap_syn, r->steps[1].ts - r->steps[0].ts);
	CU_ASSERT_EQUAL(r->gap_ack, r->steps[2].ts - r->steps[1].ts);
	if (r->gap_syn > 4 * r->gap_ack)
		want = REPLAY_NEAR_CLIENT;
	else if (r->gap_ack > 4 * r->gap_syn)
		want = REPLAY_NEAR_SERVER;
	CU_ASSERT_EQUAL(r->near, want);
	replay_free(r);
}

static void
test_replay_errors_clean(void)
{
	struct ts_err err;
	int why;

	struct replay *r;

	/* Damaged after two good records: those are kept, as tcpdump prints
	   them, and the damage is said (the views then fail, exit 1). */
	r = replay_open(TPCAP_CORPUS "derived-caplen-huge.pcap", NULL, 0, &why,
	    &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->packets, 2);
	CU_ASSERT_EQUAL(r->nconns, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->damage,
	    "derived-caplen-huge.pcap: record 3: "));
	CU_ASSERT_EQUAL(replay_load(r, 1, 0, &err), 0);
	CU_ASSERT_EQUAL(r->nsteps, 2);
	replay_free(r);
	r = replay_open(TPCAP_CORPUS "derived-trunc-in-packet-data.pcap", NULL,
	    0, &why, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->packets, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->damage, "record 4: truncated"));
	replay_free(r);
	CU_ASSERT_PTR_NULL(replay_open(TPCAP_CORPUS "no-such-file.pcap",
	    NULL, 0, &why, &err));
	CU_ASSERT_EQUAL(why, PCAP_RD_EFILE);
	CU_ASSERT_PTR_NULL(replay_open(HS, "tcp and and", 0, &why, &err));
	CU_ASSERT_EQUAL(why, PCAP_RD_EFILTER);
}

/* Every corpus file opens or fails with a message; never a crash. */
static void
test_replay_corpus_survives(void)
{
	DIR *d = opendir(TPCAP_CORPUS);
	struct dirent *e;
	char path[512];
	int opened = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL) {
		struct ts_err err;
		struct replay *r;

		if (e->d_name[0] == '.' || strstr(e->d_name, ".pcap") == NULL ||
		    strstr(e->d_name, ".gz") != NULL)
			continue;
		snprintf(path, sizeof(path), "%s%s", TPCAP_CORPUS, e->d_name);
		err.msg[0] = '\0';
		if ((r = replay_open(path, NULL, 0, NULL, &err)) == NULL) {
			CU_ASSERT(err.msg[0] != '\0');
			continue;
		}
		opened++;
		for (uint32_t i = 0; i < r->nconns && i < 3; i++)
			if (replay_load(r, r->conns[i].id, 500, &err) != 0)
				CU_ASSERT(err.msg[0] != '\0');
		replay_free(r);
	}
	closedir(d);
	CU_ASSERT(opened > 10);
}

/* Two index entries agree in everything the list and load use. */
static void
rp_conn_same(const struct replay_conn *x, const struct replay_conn *y)
{
	CU_ASSERT_EQUAL(x->id, y->id);
	CU_ASSERT_STRING_EQUAL(x->ep[0], y->ep[0]);
	CU_ASSERT_STRING_EQUAL(x->ep[1], y->ep[1]);
	CU_ASSERT_EQUAL(x->client, y->client);
	CU_ASSERT_EQUAL(x->start, y->start);
	CU_ASSERT_EQUAL(x->end, y->end);
	CU_ASSERT_EQUAL(x->first_frame, y->first_frame);
	CU_ASSERT_EQUAL(x->last_frame, y->last_frame);
	CU_ASSERT_EQUAL(x->first_off, y->first_off);
	CU_ASSERT_EQUAL(x->first_ts, y->first_ts);
	CU_ASSERT_EQUAL(x->last_ts, y->last_ts);
	for (int s = 0; s < 2; s++) {
		CU_ASSERT_EQUAL(x->pkts[s], y->pkts[s]);
		CU_ASSERT_EQUAL(x->bytes[s], y->bytes[s]);
	}
	CU_ASSERT_EQUAL(memcmp(x->counts, y->counts, sizeof(x->counts)), 0);
	CU_ASSERT_EQUAL(x->problems, y->problems);
}

/*
 * Index path in slices of `slice` packets; compare with one pass.  Returns
 * how many slices it took (0 when both fail alike).
 */
static int
rp_slices_same(const char *path, uint32_t cap, uint64_t slice)
{
	struct ts_err err;
	struct replay *one, *inc;
	uint32_t seen = 0;
	int n = 1, rc;

	err.msg[0] = '\0';
	one = replay_open(path, NULL, cap, NULL, &err);
	inc = replay_start(path, NULL, cap, slice, NULL, &err);
	if (inc == NULL) {
		CU_ASSERT_PTR_NULL(one);
		return 0;
	}
	while ((rc = replay_index_more(inc, slice, &err)) == 0) {
		/* The list only grows, and stays in id order. */
		CU_ASSERT(inc->nconns >= seen);
		seen = inc->nconns;
		CU_ASSERT(replay_indexing(inc));
		CU_ASSERT(inc->fpos <= inc->fsize);
		n++;
	}
	CU_ASSERT_FALSE(replay_indexing(inc));
	if (rc < 0) {
		/* A bad record: one pass fails on it too. */
		CU_ASSERT_PTR_NULL(one);
		CU_ASSERT(err.msg[0] != '\0');
		replay_free(inc);
		return 0;
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(one);
	CU_ASSERT_EQUAL(inc->packets, one->packets);
	CU_ASSERT_EQUAL(inc->tcp_packets, one->tcp_packets);
	CU_ASSERT_EQUAL(inc->evicted, one->evicted);
	CU_ASSERT_EQUAL(inc->dropped, one->dropped);
	CU_ASSERT_EQUAL_FATAL(inc->nconns, one->nconns);
	for (uint32_t i = 0; i < one->nconns; i++)
		rp_conn_same(&inc->conns[i], &one->conns[i]);
	replay_free(one);
	replay_free(inc);
	return n;
}

/* Indexing a slice at a time gives exactly the index of one pass. */
static void
test_replay_incremental_same_index(void)
{
	static const uint64_t slices[] = { 1, 7, 1000 };
	DIR *d = opendir(TPCAP_CORPUS);
	struct dirent *e;
	char path[512];
	int multi = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strstr(e->d_name, ".pcap") == NULL ||
		    strstr(e->d_name, ".gz") != NULL)
			continue;
		snprintf(path, sizeof(path), "%s%s", TPCAP_CORPUS, e->d_name);
		for (size_t i = 0; i < sizeof(slices) / sizeof(slices[0]); i++)
			if (rp_slices_same(path, 0, slices[i]) > 2)
				multi++;
	}
	closedir(d);
	/* Many files really took several slices. */
	CU_ASSERT(multi > 10);
	/* The index's cap applies the same way. */
	CU_ASSERT(rp_slices_same(THREE, 2, 3) > 2);
	CU_ASSERT(rp_slices_same(BULK, 0, 2) > 2);
}

/* Two loads of a connection gave the same steps. */
static void
rp_steps_same(const struct replay_step *x, const struct replay_step *y)
{
	CU_ASSERT_EQUAL(x->frame, y->frame);
	CU_ASSERT_EQUAL(x->ts, y->ts);
	CU_ASSERT_EQUAL(x->rel_ns, y->rel_ns);
	CU_ASSERT_EQUAL(x->caplen, y->caplen);
	CU_ASSERT_EQUAL(x->dir, y->dir);
	CU_ASSERT_EQUAL(x->tcpflags, y->tcpflags);
	CU_ASSERT_EQUAL(x->seq, y->seq);
	CU_ASSERT_EQUAL(x->ack, y->ack);
	CU_ASSERT_EQUAL(x->taflags, y->taflags);
	CU_ASSERT_STRING_EQUAL(x->explain, y->explain);
	CU_ASSERT_EQUAL(x->problems == NULL, y->problems == NULL);
	if (x->problems != NULL && y->problems != NULL)
		CU_ASSERT_STRING_EQUAL(x->problems, y->problems);
	CU_ASSERT_EQUAL_FATAL(x->snaplen, y->snaplen);
	CU_ASSERT_EQUAL(memcmp(x->data, y->data, x->snaplen), 0);
	for (int s = 0; s < 2; s++) {
		const struct replay_tcb *a = &x->tcb[s], *b = &y->tcb[s];

		CU_ASSERT_EQUAL(a->state, b->state);
		CU_ASSERT_EQUAL(a->iss.v, b->iss.v);
		CU_ASSERT_EQUAL(a->irs.tag, b->irs.tag);
		CU_ASSERT_EQUAL(a->snd_una.v, b->snd_una.v);
		CU_ASSERT_EQUAL(a->snd_nxt.v, b->snd_nxt.v);
		CU_ASSERT_EQUAL(a->rcv_nxt.v, b->rcv_nxt.v);
		CU_ASSERT_EQUAL(a->rcv_wnd.tag, b->rcv_wnd.tag);
		CU_ASSERT_EQUAL(a->wscale, b->wscale);
	}
}

/*
 * Load every connection of path (with filter) by its offset, then by
 * reading from the start; the steps must agree.  Returns how many loads
 * really sought past the first record.
 */
static int
rp_offset_same(const char *path, const char *filter)
{
	struct replay *r = rp_open(path, filter);
	struct replay_step *keep;
	struct ts_err err;
	int sought = 0;

	for (uint32_t i = 0; i < r->nconns; i++) {
		struct replay_conn *c = &r->conns[i];
		uint32_t n;

		if (c->first_off > 24 && c->first_frame > 1)
			sought++;
		CU_ASSERT_EQUAL_FATAL(replay_load(r, c->id, 0, &err), 0);
		n = r->nsteps;
		keep = r->steps;
		r->steps = NULL;
		r->nsteps = 0;
		c->first_off = -1;	/* the re-read path */
		CU_ASSERT_EQUAL_FATAL(replay_load(r, c->id, 0, &err), 0);
		CU_ASSERT_EQUAL_FATAL(r->nsteps, n);
		CU_ASSERT(n > 0);
		for (uint32_t k = 0; k < n; k++) {
			rp_steps_same(&keep[k], &r->steps[k]);
			free(keep[k].explain);
			free(keep[k].problems);
			free(keep[k].data);
		}
		free(keep);
	}
	replay_free(r);
	return sought;
}

/* Opening a connection at its offset gives what re-reading gives. */
static void
test_replay_offset_load_same(void)
{
	struct replay *r;

	CU_ASSERT(rp_offset_same(THREE, NULL) >= 2);
	CU_ASSERT(rp_offset_same(THREE, "tcp port 58718") == 1);
	CU_ASSERT(rp_offset_same(REFUSED, NULL) >= 0);
	/* pcapng: no offsets, the re-read path. */
	r = rp_open(TPCAP_CORPUS "bgp-enhanced-route-refresh-subtype.pcapng",
	    NULL);
	CU_ASSERT(r->nconns > 0);
	for (uint32_t i = 0; i < r->nconns; i++)
		CU_ASSERT_EQUAL(r->conns[i].first_off, -1);
	replay_free(r);
}

/*
 * Real captures of this machine's Linux kernel under loss, made by
 * tools/ref-replay.sh (client and server in network namespaces, a relay
 * between them losing, delaying, duplicating), and tshark's view of every
 * packet (tests/data/replay-ref.tsv).
 */
#define REAL		"tests/data/"
#define REAL_REF	REAL "replay-ref.tsv"

struct rp_ref {
	char		file[64];
	uint64_t	frame;
	int		stream;
	uint32_t	win;
	int		scale;		/* -1 unknown, -2 none, -3 absent */
	char		an[256];	/* flag names, comma-separated, "-" */
};

static struct rp_ref *
rp_ref_load(size_t *n)
{
	FILE *f = fopen(REAL_REF, "r");
	struct rp_ref *v = NULL;
	size_t cap = 0;
	char line[512];

	*n = 0;
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		struct rp_ref x;
		unsigned long long fr;

		if (line[0] == '#' || strncmp(line, "file\t", 5) == 0)
			continue;
		if (sscanf(line, "%63[^\t]\t%llu\t%d\t%u\t%d\t%255s", x.file,
		    &fr, &x.stream, &x.win, &x.scale, x.an) != 6)
			continue;
		x.frame = fr;
		if (*n == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			v = xrealloc(v, cap, sizeof(*v));
		}
		v[(*n)++] = x;
	}
	fclose(f);
	CU_ASSERT_FATAL(*n > 1000);
	return v;
}

/*
 * The list's problems column counts packets as tshark -Y tcp.analysis.flags
 * does: for every real capture, the sum over its connections equals the
 * reference's flagged frames.
 */
static void
test_replay_problems_count_flagged_packets(void)
{
	size_t n, files = 0;
	struct rp_ref *ref = rp_ref_load(&n);

	for (size_t i = 0; i < n; ) {
		char path[128];
		uint64_t want = 0, got = 0;
		size_t j = i;
		struct replay *r;

		for (; j < n && strcmp(ref[j].file, ref[i].file) == 0; j++)
			want += strcmp(ref[j].an, "-") != 0;
		snprintf(path, sizeof(path), REAL "%s", ref[i].file);
		r = rp_open(path, NULL);
		for (uint32_t c = 0; c < r->nconns; c++)
			got += r->conns[c].problems;
		CU_ASSERT_EQUAL(got, want);
		replay_free(r);
		files++;
		i = j;
	}
	CU_ASSERT(files >= 10);
	free(ref);
}

/* The display filter's flag names of a step, as the reference writes them. */
static void
rp_flag_names(uint32_t fl, char *buf, size_t len)
{
	buf[0] = '\0';
	for (int i = 0; i < TA_NFLAGS; i++) {
		if (!(fl & (1u << i)))
			continue;
		if (buf[0] != '\0')
			strncat(buf, ",", len - strlen(buf) - 1);
		strncat(buf, ta_flag_names[i], len - strlen(buf) - 1);
	}
	if (buf[0] == '\0')
		snprintf(buf, len, "-");
}

/* Whether a packet side d sent up to step k states value v of field fld. */
static bool
rp_stated(const struct replay *r, uint32_t k, int d, int fld, uint32_t v)
{
	for (uint32_t i = 0; i <= k; i++) {
		const struct replay_step *st = &r->steps[i];
		uint8_t f = st->tcpflags;
		uint32_t end = st->seq + st->seglen + !!(f & TH_SYN) +
		    !!(f & TH_FIN);

		if (st->dir != d)
			continue;
		if ((fld == 0 && (f & TH_SYN) && st->seq == v) ||
		    (fld == 1 && (f & TH_ACK) && st->ack - 1 == v) ||
		    (fld == 2 && end == v) ||
		    (fld == 3 && (f & TH_ACK) && st->ack == v))
			return true;
	}
	return false;
}

/* Nothing marked observed that the side's own packets did not state. */
static int
rp_check_observed(const struct replay *r, uint32_t k)
{
	int bad = 0;

	for (int d = 0; d < 2; d++) {
		const struct replay_tcb *t = &r->steps[k].tcb[d];
		const struct replay_val *v[] = {
			&t->iss, &t->irs, &t->snd_nxt, &t->rcv_nxt
		};

		for (int i = 0; i < 4; i++)
			if (v[i]->tag == RV_OBSERVED &&
			    !rp_stated(r, k, d, i, v[i]->v))
				bad++;
		/* RFC 9293 §3.3.1: SND.UNA =< SND.NXT. */
		if (t->snd_una.tag != RV_UNKNOWN &&
		    t->snd_nxt.tag != RV_UNKNOWN &&
		    seq_gt(t->snd_una.v, t->snd_nxt.v))
			bad++;
	}
	return bad;
}

/*
 * One capture against tshark: as many connections as tcp.streams, each
 * with the packets of one stream, each packet with the same analysis
 * flags and its sender's window as tcp.window_size (unknown where tshark's
 * scale factor is), and nothing observed that the wire did not state.
 */
static int
rp_real_vs_tshark(const char *file, const struct rp_ref *ref, size_t nref)
{
	char path[256], names[512];
	struct replay *r;
	int streams = -1, bad = 0;

	snprintf(path, sizeof(path), "%s%s", REAL, file);
	r = rp_open(path, NULL);
	for (size_t i = 0; i < nref; i++)
		if (strcmp(ref[i].file, file) == 0 && ref[i].stream > streams)
			streams = ref[i].stream;
	CU_ASSERT_EQUAL(r->nconns, (uint32_t)(streams + 1));
	for (uint32_t c = 0; c < r->nconns; c++) {
		const struct rp_ref *x;
		size_t in_stream = 0, at = 0;
		int stream = -1;

		rp_load(r, r->conns[c].id);
		for (uint32_t k = 0; k < r->nsteps; k++) {
			const struct replay_step *st = &r->steps[k];
			const struct replay_tcb *s = &st->tcb[st->dir];

			while (at < nref && (strcmp(ref[at].file, file) != 0 ||
			    ref[at].frame != st->frame))
				at++;
			CU_ASSERT_FATAL(at < nref);
			x = &ref[at];
			if (stream < 0)
				stream = x->stream;
			bad += x->stream != stream;
			rp_flag_names(st->taflags, names, sizeof(names));
			if (strcmp(names, x->an) != 0) {
				fprintf(stderr, "%s frame %llu: %s, tshark %s\n",
				    file, (unsigned long long)st->frame, names,
				    x->an);
				bad++;
			}
			if (st->tcpflags & TH_RST)
				;	/* a reset's window means nothing */
			else if (x->scale == -1 && !(st->tcpflags & TH_SYN))
				bad += s->rcv_wnd.tag == RV_OBSERVED;
			else
				bad += s->rcv_wnd.tag != RV_OBSERVED ||
				    s->rcv_wnd.v != x->win;
			bad += rp_check_observed(r, k);
		}
		for (size_t i = 0; i < nref; i++)
			in_stream += strcmp(ref[i].file, file) == 0 &&
			    ref[i].stream == stream;
		CU_ASSERT_EQUAL(r->nsteps, in_stream);
		CU_ASSERT_EQUAL(r->nsteps, r->conns[c].pkts[0] +
		    r->conns[c].pkts[1]);
	}
	replay_free(r);
	return bad;
}

static void
test_replay_real_captures_as_tshark(void)
{
	static const char *const files[] = {
		"replay-http-loss-client.pcap", "replay-http-loss-server.pcap",
		"replay-http6-loss-client.pcap", "replay-keepalive-client.pcap",
		"replay-mid-client.pcap", "replay-nowscale-client.pcap",
		"replay-refused-client.pcap", "replay-reuse-client.pcap",
		"replay-rst-client.pcap", "replay-rst-server.pcap",
		"replay-simclose-client.pcap", "replay-simclose-server.pcap",
		"replay-synack-client.pcap", "replay-synloss-client.pcap",
		"replay-zerowin-client.pcap", "replay-zerowin-server.pcap"
	};
	size_t nref;
	struct rp_ref *ref = rp_ref_load(&nref);

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		int bad = rp_real_vs_tshark(files[i], ref, nref);

		if (bad != 0)
			fprintf(stderr, "%s: %d differences\n", files[i], bad);
		CU_ASSERT_EQUAL(bad, 0);
	}
	free(ref);
}

/* The first step at or after k sent by side d with all of flags set. */
static uint32_t
rp_find(const struct replay *r, uint32_t k, int d, uint8_t flags)
{
	for (; k < r->nsteps; k++)
		if ((d < 0 || r->steps[k].dir == d) &&
		    (r->steps[k].tcpflags & flags) == flags)
			return k;
	CU_FAIL_FATAL("no such step");
	return 0;
}

/*
 * Both ends called shutdown() at once: the FINs crossed, each ACKs the
 * other's FIN only after sending its own.  RFC 9293 §3.6: both go through
 * CLOSING to TIME-WAIT, neither passes CLOSE-WAIT or LAST-ACK.
 */
static void
test_replay_simultaneous_close(void)
{
	static const char *const files[] = {
		REAL "replay-simclose-client.pcap",
		REAL "replay-simclose-server.pcap"
	};

	for (int i = 0; i < 2; i++) {
		struct replay *r = rp_open(files[i], NULL);
		uint32_t f1, f2;
		int d;

		rp_load(r, 1);
		f1 = rp_find(r, 0, -1, TH_FIN);
		d = r->steps[f1].dir;
		f2 = rp_find(r, f1 + 1, 1 - d, TH_FIN);
		/* It crossed: the second FIN does not acknowledge the first. */
		CU_ASSERT_FATAL(seq_lt(r->steps[f2].ack, r->steps[f1].seq + 1));
		/* The second FIN's sender had not taken the first in: it is
		   in FIN-WAIT-1, the first's sender (the FIN in) CLOSING. */
		CU_ASSERT_EQUAL(r->steps[f2].tcb[1 - d].state, TCPS_FIN_WAIT_1);
		CU_ASSERT_EQUAL(r->steps[f2].tcb[d].state, TCPS_CLOSING);
		int closing_sides = 0;

		for (int s = 0; s < 2; s++) {
			bool closing = false;

			for (uint32_t k = f1; k < r->nsteps; k++) {
				int st = r->steps[k].tcb[s].state;

				CU_ASSERT(st != TCPS_LAST_ACK &&
				    st != TCPS_CLOSE_WAIT && st != TCPS_CLOSED);
				closing |= st == TCPS_CLOSING;
			}
			closing_sides += closing;
		}
		/* The first FIN's sender shows CLOSING; the other may pass
		   it between two captured packets (its FIN and the ACK of
		   it taken in together: FIN-WAIT-1 to TIME-WAIT). */
		CU_ASSERT(closing_sides >= 1);
		CU_ASSERT_EQUAL(r->steps[r->nsteps - 1].tcb[0].state,
		    TCPS_TIME_WAIT);
		CU_ASSERT_EQUAL(r->steps[r->nsteps - 1].tcb[1].state,
		    TCPS_TIME_WAIT);
		replay_free(r);
	}
}

/*
 * Where each capture was taken, though SYNs and SYN+ACKs were lost and
 * sent again: a gap that spans a retransmission timeout is not the path.
 */
static void
test_replay_near_despite_handshake_loss(void)
{
	static const struct {
		const char	*file;
		int		 near;
	} cases[] = {
		{ "replay-http-loss-client.pcap", REPLAY_NEAR_CLIENT },
		{ "replay-http-loss-server.pcap", REPLAY_NEAR_SERVER },
		{ "replay-synloss-client.pcap", REPLAY_NEAR_CLIENT },
		{ "replay-rst-server.pcap", REPLAY_NEAR_SERVER },
		{ "replay-simclose-server.pcap", REPLAY_NEAR_SERVER },
		{ "replay-zerowin-client.pcap", REPLAY_NEAR_CLIENT },
		{ "replay-zerowin-server.pcap", REPLAY_NEAR_SERVER },
		{ "replay-mid-client.pcap", REPLAY_NEAR_UNKNOWN },
		{ "replay-synack-client.pcap", REPLAY_NEAR_UNKNOWN }
	};
	char path[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct replay *r;

		snprintf(path, sizeof(path), "%s%s", REAL, cases[i].file);
		r = rp_open(path, NULL);
		rp_load(r, 1);
		if (r->near != cases[i].near)
			fprintf(stderr, "%s: near %s\n", cases[i].file,
			    replay_near_name(r->near));
		CU_ASSERT_EQUAL(r->near, cases[i].near);
		replay_free(r);
	}
}

/*
 * The server aborts (SO_LINGER 0), captured at the server: the client's
 * data already in flight arrives after the RST, and each gets a bare RST
 * with window 0.  A side that sends is not CLOSED yet; a reset's window
 * changes no window.
 */
static void
test_replay_rst_in_flight(void)
{
	struct replay *r = rp_open(REAL "replay-rst-server.pcap", NULL);
	uint32_t k, rst;
	int cl, sv, resets = 0, after = 0;

	rp_load(r, 1);
	cl = r->conns[0].client;
	CU_ASSERT_EQUAL_FATAL(cl, 0);
	sv = 1 - cl;
	rst = rp_find(r, 0, sv, TH_RST);
	for (k = rst; k < r->nsteps; k++) {
		const struct replay_step *st = &r->steps[k];
		const struct replay_tcb *b = &r->steps[k - 1].tcb[0];

		if (st->tcpflags & TH_RST) {
			resets++;
			CU_ASSERT_EQUAL(st->tcb[0].state, TCPS_CLOSED);
			CU_ASSERT_EQUAL(st->tcb[1].state, TCPS_CLOSED);
			for (int s = 0; s < 2; s++) {
				b = &r->steps[k - 1].tcb[s];
				CU_ASSERT_EQUAL(st->tcb[s].rcv_wnd.v,
				    b->rcv_wnd.v);
				CU_ASSERT_EQUAL(st->tcb[s].snd_wnd.v,
				    b->snd_wnd.v);
			}
			CU_ASSERT(st->tcb[cl].snd_wnd.v > 0);
		} else if (st->dir == cl && st->seglen > 0) {
			after++;
			CU_ASSERT_EQUAL(st->tcb[cl].state, TCPS_ESTABLISHED);
		}
	}
	CU_ASSERT(resets >= 2);
	CU_ASSERT(after >= 1);
	CU_ASSERT_EQUAL(r->steps[r->nsteps - 1].tcb[cl].state, TCPS_CLOSED);
	replay_free(r);
}

/*
 * tcpdump started mid-transfer: no ISS or IRS anywhere, and an ACK of
 * data sent before the capture began moves the sender's SND.NXT with it
 * (inferred), never leaving SND.UNA beyond SND.NXT.
 */
static void
test_replay_real_mid_ack_unseen(void)
{
	struct replay *r = rp_open(REAL "replay-mid-client.pcap", NULL);
	int moved = 0;

	CU_ASSERT_EQUAL_FATAL(r->nconns, 1);
	CU_ASSERT_EQUAL(r->conns[0].start, REPLAY_START_MID);
	rp_load(r, 1);
	for (uint32_t k = 0; k < r->nsteps; k++)
		for (int s = 0; s < 2; s++) {
			const struct replay_tcb *t = &r->steps[k].tcb[s];

			CU_ASSERT_EQUAL(t->iss.tag, RV_UNKNOWN);
			CU_ASSERT_EQUAL(t->irs.tag, RV_UNKNOWN);
			if (t->snd_nxt.tag == RV_INFERRED &&
			    t->snd_nxt.v == t->snd_una.v)
				moved++;
			if (t->snd_una.tag != RV_UNKNOWN &&
			    t->snd_nxt.tag != RV_UNKNOWN)
				CU_ASSERT(seq_le(t->snd_una.v, t->snd_nxt.v));
		}
	CU_ASSERT(moved > 0);
	replay_free(r);
}

/*
 * A duplicate ACK tells of a hole only when the peer sent beyond it.  Go-
 * back-N after a timeout without SACK (replay-nowscale-client.pcap) and a
 * SYN+ACK sent again (replay-http-loss-server.pcap) draw duplicate ACKs
 * for segments already received: nothing is missing.
 */
static void
test_replay_dupack_hole_or_copy(void)
{
	static const char *const files[] = {
		REAL "replay-nowscale-client.pcap",
		REAL "replay-http-loss-server.pcap",
		REAL "replay-http-loss-client.pcap"
	};
	int copy = 0, hole = 0;

	for (int i = 0; i < 3; i++) {
		struct replay *r = rp_open(files[i], NULL);
		uint32_t sent[2] = { 0, 0 };
		bool any[2] = { false, false };

		rp_load(r, 1);
		for (uint32_t k = 0; k < r->nsteps; k++) {
			const struct replay_step *st = &r->steps[k];
			uint32_t end = st->seq + st->seglen +
			    !!(st->tcpflags & TH_SYN) + !!(st->tcpflags & TH_FIN);
			int d = st->dir;

			if (st->taflags & TA_DUPLICATE_ACK) {
				bool beyond = any[1 - d] &&
				    seq_gt(sent[1 - d], st->ack);

				CU_ASSERT_PTR_NOT_NULL(strstr(st->explain,
				    beyond ? "is still missing" :
				    "nothing is missing"));
				beyond ? hole++ : copy++;
			}
			if (!any[d] || seq_gt(end, sent[d]))
				sent[d] = end;
			any[d] = true;
		}
		replay_free(r);
	}
	CU_ASSERT(copy >= 10);
	CU_ASSERT(hole >= 10);
}

/*
 * Under loss a FIN often comes before the data it follows is complete:
 * the receiver takes it in only when the gap is filled.  On every real
 * capture, a side whose ACK stops short of the peer's FIN is not past it
 * (CLOSE-WAIT, CLOSING, TIME-WAIT, LAST-ACK), one whose ACK covers it is;
 * a side that sends its FIN again has had no ACK of it.
 */
static void
test_replay_fin_taken_when_acked(void)
{
	static const char *const files[] = {
		"replay-http-loss-client.pcap", "replay-http-loss-server.pcap",
		"replay-http6-loss-client.pcap", "replay-mid-client.pcap",
		"replay-nowscale-client.pcap", "replay-reuse-client.pcap",
		"replay-simclose-client.pcap", "replay-simclose-server.pcap",
		"replay-synack-client.pcap", "replay-synloss-client.pcap",
		"replay-zerowin-client.pcap", "replay-zerowin-server.pcap"
	};
	char path[256];
	int shy = 0, took = 0, again = 0;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct replay *r;

		snprintf(path, sizeof(path), "%s%s", REAL, files[i]);
		r = rp_open(path, NULL);
		for (uint32_t c = 0; c < r->nconns; c++) {
			bool fin[2] = { false, false };
			uint32_t fseq[2] = { 0, 0 };

			rp_load(r, r->conns[c].id);
			for (uint32_t k = 0; k < r->nsteps; k++) {
				const struct replay_step *st = &r->steps[k];
				int d = st->dir, state = st->tcb[d].state;
				bool past = state == TCPS_CLOSE_WAIT ||
				    state == TCPS_CLOSING ||
				    state == TCPS_TIME_WAIT ||
				    state == TCPS_LAST_ACK;

				if ((st->tcpflags & TH_FIN) && fin[d]) {
					again++;
					CU_ASSERT(state == TCPS_FIN_WAIT_1 ||
					    state == TCPS_CLOSING ||
					    state == TCPS_LAST_ACK);
				}
				if ((st->tcpflags & TH_ACK) && fin[1 - d] &&
				    !((st->tcpflags & TH_FIN) && !fin[d])) {
					if (seq_gt(fseq[1 - d] + 1, st->ack)) {
						shy++;
						CU_ASSERT(!past);
					} else {
						took++;
						CU_ASSERT(past ||
						    state == TCPS_CLOSED);
					}
				}
				if ((st->tcpflags & TH_FIN) && !fin[d]) {
					fin[d] = true;
					fseq[d] = st->seq + st->seglen;
				}
			}
		}
		replay_free(r);
	}
	CU_ASSERT(shy >= 20);
	CU_ASSERT(took >= 10);
	CU_ASSERT(again >= 1);
}

/*
 * A SYN without the window scale option says neither side scales (RFC
 * 7323 §2.2), even when the SYN+ACK was not captured: every window after
 * it is the header's field, as tshark shows it (mixed-vlan-mpls.pcap).
 */
static void
test_replay_syn_without_wscale(void)
{
	struct replay *r = rp_open(TPCAP_CORPUS "mixed-vlan-mpls.pcap", NULL);
	struct tpcap t;
	struct pkt *p = xmalloc(sizeof(*p));

	CU_ASSERT_EQUAL_FATAL(tpcap_load("mixed-vlan-mpls.pcap", &t), 0);
	rp_load(r, 1);
	CU_ASSERT_EQUAL_FATAL(r->steps[0].tcpflags & (TH_SYN | TH_ACK),
	    TH_SYN);
	CU_ASSERT_FATAL(r->nsteps > 3);
	CU_ASSERT_EQUAL(r->steps[1].tcpflags & TH_SYN, 0);
	for (uint32_t k = 1; k < r->nsteps; k++) {
		const struct replay_step *st = &r->steps[k];

		rp_decode(&t, (size_t)(st->frame - 1), p);
		CU_ASSERT_EQUAL(st->tcb[st->dir].wscale, 0);
		CU_ASSERT_EQUAL(st->tcb[st->dir].rcv_wnd.tag, RV_OBSERVED);
		CU_ASSERT_EQUAL(st->tcb[st->dir].rcv_wnd.v, p->tcp.win);
	}
	free(p);
	tpcap_free(&t);
	replay_free(r);
}

/*
 * The states RFC 9293 lets a side move to from each (Figure 5), with the
 * wire's own two: "LISTEN or CLOSED" and "synchronized".  A move not in
 * this table is one no kernel makes.
 */
static bool
rp_legal_move(int from, int to)
{
	if (from == to || from < 0 || from == TCPS_CLOSED)
		return true;		/* unknown before; after a reset */
	if (to == TCPS_CLOSED)
		return true;		/* a reset, or the last ACK */
	switch (from) {
	case RS_LISTEN_OR_CLOSED:
		return to == TCPS_SYN_RECEIVED || to == TCPS_SYN_SENT;
	case TCPS_SYN_SENT:
		return to == TCPS_SYN_RECEIVED || to == TCPS_ESTABLISHED;
	case TCPS_SYN_RECEIVED:
		return to == TCPS_ESTABLISHED || to == TCPS_FIN_WAIT_1 ||
		    to == TCPS_CLOSE_WAIT;
	case TCPS_ESTABLISHED:
	case RS_SYNCHRONIZED:
		return to == TCPS_FIN_WAIT_1 || to == TCPS_CLOSE_WAIT;
	case TCPS_FIN_WAIT_1:
		return to == TCPS_FIN_WAIT_2 || to == TCPS_CLOSING ||
		    to == TCPS_TIME_WAIT;
	case TCPS_FIN_WAIT_2:
	case TCPS_CLOSING:
		return to == TCPS_TIME_WAIT;
	case TCPS_CLOSE_WAIT:
		return to == TCPS_LAST_ACK;
	default:
		return false;
	}
}

/* Every connection of a capture: no side makes a move RFC 9293 lacks. */
static int
rp_check_moves(const char *path)
{
	struct replay *r = rp_open(path, NULL);
	int moves = 0;

	for (uint64_t id = 1; id <= r->nconns; id++) {
		rp_load(r, id);
		for (uint32_t k = 1; k < r->nsteps; k++)
			for (int side = 0; side < 2; side++) {
				int a = r->steps[k - 1].tcb[side].state;
				int b = r->steps[k].tcb[side].state;

				if (!rp_legal_move(a, b))
					fprintf(stderr, "%s: connection %llu "
					    "step %u: side %d: %s -> %s\n",
					    path, (unsigned long long)id, k + 1,
					    side, replay_state_name(a),
					    replay_state_name(b));
				CU_ASSERT(rp_legal_move(a, b));
				moves++;
			}
	}
	replay_free(r);
	return moves;
}

/*
 * A packet that moved a side on but never reached it (a lost SYN+ACK, a
 * lost ACK, FINs that crossed) is undone by that side's next packets: on
 * every scenario's export and every real capture under loss, each side's
 * states follow RFC 9293's diagram.
 */
static void
test_replay_states_follow_rfc(void)
{
	char path[] = "/tmp/tcpstep-test-moves-XXXXXX";
	int fd = mkstemp(path), moves = 0;
	DIR *d;
	struct dirent *de;

	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	for (size_t i = 0; i < sim_builtin_count(); i++) {
		struct sim_config cfg = { sim_builtin_name(i), 1, false, NULL,
		    NULL };
		struct ts_err err;
		struct sim *s = sim_new(&cfg, &err);
		struct pcap_wr w;
		FILE *f = fopen(path, "wb");

		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_EQUAL_FATAL(pcap_wr_open(&w, f, PKT_LINK_RAW, &err), 0);
		for (size_t k = 1; k <= sim_nsteps(s); k++) {
			const struct sim_step *st = sim_step_at(s, k);

			if (st->captured && st->pkt != NULL)
				CU_ASSERT_EQUAL(pcap_wr_record(&w,
				    (int64_t)(st->time_us / 1000000),
				    (uint32_t)(st->time_us % 1000000), st->pkt,
				    (uint32_t)st->pkt_len, &err), 0);
		}
		fclose(f);
		sim_free(s);
		moves += rp_check_moves(path);
	}
	unlink(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d = opendir("tests/data"));
	while ((de = readdir(d)) != NULL) {
		char p[512];

		if (strncmp(de->d_name, "replay-", 7) != 0 ||
		    strstr(de->d_name, ".pcap") == NULL)
			continue;
		snprintf(p, sizeof(p), "tests/data/%s", de->d_name);
		moves += rp_check_moves(p);
	}
	closedir(d);
	CU_ASSERT(moves > 1000);
}

void test_replay_register(void);

void
test_replay_register(void)
{
	CU_pSuite s = CU_add_suite("replay", NULL, NULL);

	CU_add_test(s, "handshake_iss_irs_from_syns",
	    test_replay_handshake_iss_irs_from_syns);
	CU_add_test(s, "handshake_windows_scaled",
	    test_replay_handshake_windows_scaled);
	CU_add_test(s, "mid_connection_unknown",
	    test_replay_mid_connection_unknown);
	CU_add_test(s, "synack_start_infers_client",
	    test_replay_synack_start_infers_client);
	CU_add_test(s, "refused_both_closed", test_replay_refused_both_closed);
	CU_add_test(s, "bulk_counts_and_cut", test_replay_bulk_counts_and_cut);
	CU_add_test(s, "index_cap_counts_dropped",
	    test_replay_index_cap_counts_dropped);
	CU_add_test(s, "near_from_handshake_gaps",
	    test_replay_near_from_handshake_gaps);
	CU_add_test(s, "errors_clean", test_replay_errors_clean);
	CU_add_test(s, "corpus_survives", test_replay_corpus_survives);
	CU_add_test(s, "incremental_same_index",
	    test_replay_incremental_same_index);
	CU_add_test(s, "offset_load_same", test_replay_offset_load_same);
	CU_add_test(s, "real_captures_as_tshark",
	    test_replay_real_captures_as_tshark);
	CU_add_test(s, "simultaneous_close", test_replay_simultaneous_close);
	CU_add_test(s, "near_despite_handshake_loss",
	    test_replay_near_despite_handshake_loss);
	CU_add_test(s, "rst_in_flight", test_replay_rst_in_flight);
	CU_add_test(s, "real_mid_ack_unseen", test_replay_real_mid_ack_unseen);
	CU_add_test(s, "dupack_hole_or_copy", test_replay_dupack_hole_or_copy);
	CU_add_test(s, "fin_taken_when_acked",
	    test_replay_fin_taken_when_acked);
	CU_add_test(s, "syn_without_wscale", test_replay_syn_without_wscale);
	CU_add_test(s, "states_follow_rfc", test_replay_states_follow_rfc);
	CU_add_test(s, "problems_count_flagged_packets",
	    test_replay_problems_count_flagged_packets);
}
