#include "quiz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "pcap_rd.h"
#include "pkt.h"

#define QUIZ_CONN_CAP	4096

static void
quiz_endpoint(char *buf, size_t cap, const struct pkt_addr *a, uint16_t port)
{
	char addr[48];

	snprintf(buf, cap, "%s.%u", pkt_addr_str(a, addr, sizeof(addr)), port);
}

/* Keep the segment just annotated if it belongs to the chosen connection. */
static void
quiz_take(struct quiz *z, const struct annot *a, uint64_t *id)
{
	const struct conn *c = a->conn;
	const struct pkt_tcp *t = &a->pkt.tcp;
	struct quiz_seg *s;

	if (a->kind != ANNOT_TCP || c == NULL || a->cut)
		return;
	if (*id == 0) {
		/* The first connection seen opening: a bare SYN. */
		if ((t->flags & (TH_SYN | TH_ACK)) != TH_SYN)
			return;
		*id = c->id;
		quiz_endpoint(z->client, sizeof(z->client), &a->pkt.src,
		    t->sport);
		quiz_endpoint(z->server, sizeof(z->server), &a->pkt.dst,
		    t->dport);
	}
	if (c->id != *id || z->nseg == QUIZ_MAX_SEGS)
		return;
	s = &z->seg[z->nseg++];
	s->frame = a->frame;
	s->from_client = a->dir == c->client;
	s->flags = t->flags;
	s->seq = t->seq;
	s->ack = t->ack;
	s->len = a->seglen;
	s->win = t->win;
	s->win_scaled = a->win_scaled;
	s->scaled = a->scaled;
	s->wscale = -1;
	for (int i = 0; i < t->n_opts; i++)
		if (t->opts[i].kind == TCPOPT_WSCALE)
			s->wscale = t->opts[i].u.wscale;
}

static int
quiz_find(const struct quiz *z, uint8_t mask, uint8_t want, bool from_client)
{
	for (int i = 0; i < z->nseg; i++)
		if ((z->seg[i].flags & mask) == want &&
		    z->seg[i].from_client == from_client)
			return i;
	return -1;
}

int
quiz_load(struct quiz *z, const char *path, const char *filter,
    struct ts_err *err)
{
	struct pcap_rd *r;
	struct pcap_rec rec;
	struct annot a;
	char lname[64];
	uint64_t id = 0;
	int rc = 0;

	memset(z, 0, sizeof(*z));
	if ((r = pcap_rd_open(path, filter, err)) == NULL)
		return -1;
	annot_init(&a, pcap_rd_linktype(r), pcap_rd_linktype_name(
	    pcap_rd_linktype(r), lname, sizeof(lname)), QUIZ_CONN_CAP, NULL,
	    NULL);
	while (z->nseg < QUIZ_MAX_SEGS && (rc = pcap_rd_next(r, &rec, err)) == 1) {
		annot_packet(&a, rec.index, rec.sec, rec.nsec, rec.data,
		    rec.caplen, rec.len);
		quiz_take(z, &a, &id);
	}
	annot_done(&a);
	pcap_rd_close(r);
	if (z->nseg < QUIZ_MAX_SEGS && rc == -1)
		return -1;
	if (id == 0 || quiz_find(z, TH_SYN | TH_ACK, TH_SYN | TH_ACK, false)
	    == -1)
		return ts_err_set(err, "%.200s: no connection whose handshake "
		    "(SYN, then SYN+ACK) the capture shows", path);
	return 0;
}

/* A permutation of n from the seed, never the identity (it is a puzzle). */
static void
quiz_shuffle(int *order, int n, uint64_t seed)
{
	uint64_t x = seed * 0x9e3779b97f4a7c15ull + 1;

	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j, t;

		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		j = (int)(((x * 0x2545f4914f6cdd1dull) >> 33) % ((uint64_t)i + 1u));
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	if (order[0] == 0 && n > 1) {
		int t = order[0];

		order[0] = order[1];
		order[1] = t;
	}
}

void
quiz_make(struct quiz *z, uint64_t seed)
{
	struct quiz_q *q;
	int i;

	z->nq = 0;
	/* The SYN+ACK acknowledges the SYN: its ACK number, from the capture. */
	i = quiz_find(z, TH_SYN | TH_ACK, TH_SYN | TH_ACK, false);
	if (i >= 0) {
		q = &z->q[z->nq++];
		q->kind = QUIZ_ACK;
		q->seg = i;
		q->answer = z->seg[i].ack;
	}
	/* The first segment with data: the next number its receiver expects. */
	for (i = 0; i < z->nseg; i++)
		if (z->seg[i].len > 0 && !(z->seg[i].flags & (TH_SYN | TH_RST)))
			break;
	if (i < z->nseg) {
		q = &z->q[z->nq++];
		q->kind = QUIZ_NEXT;
		q->seg = i;
		q->answer = z->seg[i].seq + z->seg[i].len +
		    ((z->seg[i].flags & TH_FIN) ? 1u : 0u);
	}
	/* A window the handshake's scale multiplies. */
	for (i = 0; i < z->nseg; i++)
		if (z->seg[i].scaled && !(z->seg[i].flags & TH_SYN))
			break;
	if (i < z->nseg) {
		q = &z->q[z->nq++];
		q->kind = QUIZ_WIN;
		q->seg = i;
		q->answer = z->seg[i].win_scaled;
	}
	if (z->nseg >= 3) {
		q = &z->q[z->nq++];
		q->kind = QUIZ_ORDER;
		q->norder = z->nseg < QUIZ_ORDER_N ? z->nseg : QUIZ_ORDER_N;
		quiz_shuffle(q->order, q->norder, seed);
	}
}

static int
quiz_read_num(const char **sp, uint32_t *out)
{
	const char *s = *sp;
	unsigned long long v;
	char *end;

	while (*s == ' ' || *s == '\t' || *s == ',')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ?
	    16 : 10);
	if (errno != 0 || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	*sp = end;
	return 0;
}

bool
quiz_check(const struct quiz *z, const struct quiz_q *q, const char *input)
{
	const char *p = input;
	uint32_t v;

	(void)z;
	if (q->kind != QUIZ_ORDER) {
		if (quiz_read_num(&p, &v) == -1)
			return false;
		while (*p == ' ' || *p == '\t')
			p++;
		return *p == '\0' && v == q->answer;
	}
	/* The i-th number typed names the shown segment that came i-th. */
	for (int i = 0; i < q->norder; i++) {
		if (quiz_read_num(&p, &v) == -1 || v < 1 ||
		    v > (uint32_t)q->norder || q->order[v - 1] != i)
			return false;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '\0';
}

const char *
quiz_flags(uint8_t fl, char *buf, size_t cap)
{
	static const struct { uint8_t bit; char c; } f[] = {
		{ TH_SYN, 'S' }, { TH_FIN, 'F' }, { TH_RST, 'R' },
		{ TH_PSH, 'P' }, { TH_URG, 'U' }, { TH_ECE, 'E' },
		{ TH_CWR, 'W' }, { TH_ACK, '.' },
	};
	size_t n = 0;

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]) && n + 1 < cap; i++)
		if (fl & f[i].bit)
			buf[n++] = f[i].c;
	if (n == 0 && cap > 1)
		buf[n++] = 'n';	/* tcpdump's "none" */
	if (cap > 0)
		buf[n < cap ? n : cap - 1] = '\0';
	return buf;
}
