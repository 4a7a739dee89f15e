/*
 * Tests of the annotator: Wireshark's sequence analysis on crafted
 * segments, the connection table's bound, the formatting, the words, and
 * the whole program over the shared corpus: its counts against the
 * reference table tools/ref-annotate.sh made from tcpdump and tshark, and
 * every file (hostile ones included) in text and JSON under ASan/UBSan.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "annotate.h"
#include "cmd_annotate.h"
#include "conn.h"
#include "pcap_rd.h"
#include "safe.h"
#include "tcp_analysis.h"
#include "xalloc.h"

#define CORPUS	"../shared/corpus/"
#define REF	"tests/data/annotate-ref.tsv"
#define EXC	"tests/data/annotate-exceptions.tsv"

/* --- the analysis on crafted segments ------------------------------------ */

struct tseq {
	struct ta_conn	c;
	uint64_t	frame;
	int64_t		ts;
};

static uint32_t
tseq_send(struct tseq *t, int dir, uint32_t seq, uint32_t ack, uint32_t len,
    uint8_t flags, uint16_t win, int64_t dt_us)
{
	struct ta_seg s = {
		.seq = seq, .ack = ack, .seglen = len, .flags = flags,
		.win = win, .wscale = -1
	};
	struct ta_result r;

	t->ts += dt_us * 1000;
	s.ts = t->ts;
	s.frame = ++t->frame;
	ta_analyze(&t->c, dir, &s, 0, &r);
	return r.flags;
}

/* Client ISS i, server ISS j: SYN, SYN+ACK, ACK, 1 ms apart. */
static void
tseq_handshake(struct tseq *t, uint32_t i, uint32_t j)
{
	memset(t, 0, sizeof(*t));
	ta_conn_init(&t->c);
	t->ts = 1000000000;
	tseq_send(t, 0, i, 0, 0, TH_SYN, 1000, 0);
	tseq_send(t, 1, j, i + 1, 0, TH_SYN | TH_ACK, 2000, 1000);
	tseq_send(t, 0, i + 1, j + 1, 0, TH_ACK, 1000, 1000);
}

static void
test_ta_dup_acks_then_fast_retransmission(void)
{
	struct tseq t;
	uint32_t i = 1000, j = 5000, f;

	tseq_handshake(&t, i, j);
	/*
	 * Bytes 1-100 are lost; 101-300 arrive, each answered by ACK 1.
	 * Wireshark counts the first such ACK as a duplicate of the
	 * SYN+ACK already: same ACK, same window, no data.
	 */
	tseq_send(&t, 0, i + 101, j + 1, 100, TH_ACK, 1000, 100);
	f = tseq_send(&t, 1, j + 1, i + 1, 0, TH_ACK, 2000, 10);
	CU_ASSERT(f & TA_DUPLICATE_ACK);
	CU_ASSERT_EQUAL(t.c.flow[1].dupacknum, 1);
	tseq_send(&t, 0, i + 201, j + 1, 100, TH_ACK, 1000, 10);
	f = tseq_send(&t, 1, j + 1, i + 1, 0, TH_ACK, 2000, 10);
	CU_ASSERT(f & TA_DUPLICATE_ACK);
	CU_ASSERT_EQUAL(t.c.flow[1].dupacknum, 2);
	/* A new window with the same ACK is an update, not a duplicate. */
	f = tseq_send(&t, 1, j + 1, i + 1, 0, TH_ACK, 3000, 10);
	CU_ASSERT_EQUAL(f, TA_WINDOW_UPDATE);
	f = tseq_send(&t, 1, j + 1, i + 1, 0, TH_ACK, 3000, 10);
	CU_ASSERT(f & TA_DUPLICATE_ACK);
	CU_ASSERT_EQUAL(t.c.flow[1].dupacknum, 3);
	/* Within 20 ms of the second duplicate: fast. */
	f = tseq_send(&t, 0, i + 1, j + 1, 100, TH_ACK, 1000, 5000);
	CU_ASSERT(f & TA_FAST_RETRANSMISSION);
	CU_ASSERT(ta_filter_flags(f) & TA_RETRANSMISSION);
}

static void
test_ta_late_resend_is_retransmission_early_is_out_of_order(void)
{
	struct tseq t;
	struct ta_seg s;
	struct ta_result r;
	uint32_t i = 1000, j = 5000, f;

	tseq_handshake(&t, i, j);
	tseq_send(&t, 0, i + 1, j + 1, 100, TH_ACK, 1000, 100);
	tseq_send(&t, 0, i + 101, j + 1, 100, TH_ACK, 1000, 100);
	/* 0.5 ms later, under the first RTT (2 ms): out of order. */
	f = tseq_send(&t, 0, i + 1, j + 1, 50, TH_ACK, 1000, 500);
	CU_ASSERT(f & TA_OUT_OF_ORDER);
	CU_ASSERT(!(f & TA_RETRANSMISSION));
	/* 300 ms later: a retransmission, timed from the highest segment. */
	memset(&s, 0, sizeof(s));
	s.seq = i + 1;
	s.ack = j + 1;
	s.seglen = 100;
	s.flags = TH_ACK;
	s.win = 1000;
	s.wscale = -1;
	s.frame = 99;
	s.ts = t.ts + 300000000;
	ta_analyze(&t.c, 0, &s, 0, &r);
	CU_ASSERT(r.flags & TA_RETRANSMISSION);
	CU_ASSERT_EQUAL(r.rto_frame, 5);
	CU_ASSERT(r.rto_ns >= 300000000);
}

static void
test_ta_zero_window_probe_and_update(void)
{
	struct tseq t;
	uint32_t i = 1000, j = 5000, f;

	tseq_handshake(&t, i, j);
	tseq_send(&t, 0, i + 1, j + 1, 100, TH_ACK, 1000, 100);
	f = tseq_send(&t, 1, j + 1, i + 101, 0, TH_ACK, 0, 100);
	CU_ASSERT(f & TA_ZERO_WINDOW);
	f = tseq_send(&t, 0, i + 101, j + 1, 1, TH_ACK, 1000, 200000);
	CU_ASSERT(f & TA_ZERO_WINDOW_PROBE);
	f = tseq_send(&t, 1, j + 1, i + 101, 0, TH_ACK, 0, 100);
	CU_ASSERT(f & TA_ZERO_WINDOW_PROBE_ACK);
	CU_ASSERT(f & TA_ZERO_WINDOW);
	f = tseq_send(&t, 1, j + 1, i + 101, 0, TH_ACK, 800, 100000);
	CU_ASSERT(f & TA_WINDOW_UPDATE);
}

static void
test_ta_keep_alive_and_its_ack(void)
{
	struct tseq t;
	uint32_t i = 1000, j = 5000, f;

	tseq_handshake(&t, i, j);
	f = tseq_send(&t, 0, i, j + 1, 0, TH_ACK, 1000, 7200000);
	CU_ASSERT(f & TA_KEEP_ALIVE);
	CU_ASSERT(!(f & TA_RETRANSMISSION));
	f = tseq_send(&t, 1, j + 1, i + 1, 0, TH_ACK, 2000, 100);
	CU_ASSERT(f & TA_KEEP_ALIVE_ACK);
}

static void
test_ta_sequence_wrap_is_not_a_lost_segment(void)
{
	struct tseq t;
	uint32_t i = 0xffffff00u, j = 0xfffffff0u, f;

	tseq_handshake(&t, i, j);
	f = tseq_send(&t, 0, i + 1, j + 1, 0x80, TH_ACK, 1000, 100);
	CU_ASSERT_EQUAL(f, 0);
	f = tseq_send(&t, 0, i + 0x81, j + 1, 0x100, TH_ACK, 1000, 100);
	CU_ASSERT_EQUAL(f, 0);		/* crosses 2^32 */
	f = tseq_send(&t, 0, i + 0x181, j + 1, 0x10, TH_ACK, 1000, 100);
	CU_ASSERT_EQUAL(f, 0);
	f = tseq_send(&t, 0, i + 0x291, j + 1, 0x10, TH_ACK, 1000, 100);
	CU_ASSERT(f & TA_LOST_SEGMENT);
	CU_ASSERT_EQUAL(ta_filter_flags(0), 0);
}

static void
test_ta_new_syn_on_same_ports_reuses_them(void)
{
	struct tseq t;
	struct ta_seg s = { .seq = 777, .flags = TH_SYN, .wscale = -1 };

	tseq_handshake(&t, 1000, 5000);
	CU_ASSERT_TRUE(ta_syn_reuses_ports(&t.c, 0, &s));
	s.seq = 1000;		/* the same SYN again: a retransmission */
	CU_ASSERT_FALSE(ta_syn_reuses_ports(&t.c, 0, &s));
}

/* --- the connection table ------------------------------------------------ */

struct evict_log {
	int		n;
	uint64_t	ids[8];
};

static void
evict_hook(void *ctx, const struct conn *c)
{
	struct evict_log *l = ctx;

	if (l->n < 8)
		l->ids[l->n] = c->id;
	l->n++;
}

static void
test_conn_table_full_evicts_least_recent_and_says_so(void)
{
	struct conn_table t;
	struct evict_log log = { 0 };
	struct pkt_addr a = { .family = 4, .a = { 192, 0, 2, 1 } };
	struct pkt_addr b = { .family = 4, .a = { 192, 0, 2, 2 } };
	struct conn *c1, *c;
	bool created;
	int dir;

	conn_table_init(&t, 2, evict_hook, &log);
	c1 = conn_lookup(&t, &a, 1000, &b, 80, &dir, &created);
	CU_ASSERT_TRUE(created);
	CU_ASSERT_EQUAL(dir, 0);
	c = conn_lookup(&t, &b, 80, &a, 1000, &dir, &created);
	CU_ASSERT_PTR_EQUAL(c, c1);
	CU_ASSERT_FALSE(created);
	CU_ASSERT_EQUAL(dir, 1);
	conn_lookup(&t, &a, 1001, &b, 80, &dir, &created);
	conn_lookup(&t, &a, 1000, &b, 80, &dir, &created); /* 1 is recent */
	conn_lookup(&t, &a, 1002, &b, 80, &dir, &created); /* evicts 2 */
	CU_ASSERT_EQUAL(t.evicted, 1);
	CU_ASSERT_EQUAL(log.n, 1);
	CU_ASSERT_EQUAL(log.ids[0], 2);
	c = conn_lookup(&t, &a, 1000, &b, 80, &dir, &created);
	CU_ASSERT_FALSE(created);
	CU_ASSERT_EQUAL(c->id, 1);
	c = conn_lookup(&t, &a, 1001, &b, 80, &dir, &created);
	CU_ASSERT_TRUE(created);	/* forgotten, so new */
	CU_ASSERT_EQUAL(t.evicted, 2);
	conn_table_done(&t);
}

/* --- formatting ---------------------------------------------------------- */

static void
test_annot_fmt_matches_inet_ntop_and_times(void)
{
	static const char *const v6[] = {
		"2001:db8::1", "::1", "::", "fe80::1:0:0:0:2", "1:0:0:2::",
		"2001:db8:0:1:1:1:1:1", "::ffff:192.0.2.1", "1::2:0:0:3",
		"2001:0:0:1::1"
	};
	struct pkt_addr a = { .family = 6 };
	char mine[64], ref[64];
	size_t n;

	for (size_t i = 0; i < sizeof(v6) / sizeof(v6[0]); i++) {
		CU_ASSERT_EQUAL(inet_pton(AF_INET6, v6[i], a.a), 1);
		n = conn_fmt_addr(mine, &a);
		mine[n] = '\0';
		inet_ntop(AF_INET6, a.a, ref, sizeof(ref));
		CU_ASSERT_STRING_EQUAL(mine, ref);
	}
	n = conn_fmt_endpoint(mine, &(struct pkt_addr){ .family = 4,
	    .a = { 10, 0, 255, 7 } }, 65535);
	CU_ASSERT_STRING_EQUAL(mine, "10.0.255.7.65535");
	CU_ASSERT_EQUAL(n, strlen(mine));
	annot_fmt_time(mine, 1500000, 6);
	CU_ASSERT_STRING_EQUAL(mine, "0.001500");
	annot_fmt_time(mine, -100000, 6);
	CU_ASSERT_STRING_EQUAL(mine, "-0.000100");
	annot_fmt_time(mine, 12000000001, 9);
	CU_ASSERT_STRING_EQUAL(mine, "12.000000001");
	annot_fmt_dur(mine, 36000);
	CU_ASSERT_STRING_EQUAL(mine, "36.0 us");
	annot_fmt_dur(mine, 6050000);
	CU_ASSERT_STRING_EQUAL(mine, "6.05 ms");
	annot_fmt_dur(mine, 250000000);
	CU_ASSERT_STRING_EQUAL(mine, "250 ms");
	annot_fmt_dur(mine, 0);		/* a one-packet connection */
	CU_ASSERT_STRING_EQUAL(mine, "0 s");
	annot_fmt_u64(mine, 18446744073709551615u);
	CU_ASSERT_STRING_EQUAL(mine, "18446744073709551615");
	{
		uint64_t v = 1;

		/* Every power of ten, its neighbours, and a pseudo-random walk. */
		for (int i = 0; i < 400; i++) {
			uint64_t t[3] = { v - 1, v, v + 1 };

			for (int j = 0; j < 3; j++) {
				n = annot_fmt_u64(mine, t[j]);
				snprintf(ref, sizeof(ref), "%llu",
				    (unsigned long long)t[j]);
				CU_ASSERT_STRING_EQUAL(mine, ref);
				CU_ASSERT_EQUAL(n, strlen(ref));
			}
			v = i % 20 == 19 ? 1 : (i % 2 ? v * 10 :
			    v * 6364136223846793005u + 1442695040888963407u);
		}
	}
}

static void
test_annot_fast_cksum_equals_cksum_add(void)
{
	uint8_t b[1601];
	uint32_t x = 12345;

	for (size_t i = 0; i < sizeof(b); i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (uint8_t)(x >> 16);
	}
	b[7] = b[8] = 0xff;	/* carries */
	for (size_t n = 0; n <= sizeof(b); n += (n < 40 ? 1 : 37))
		for (uint32_t s0 = 0; s0 < 3; s0++)
			CU_ASSERT_EQUAL(cksum_fold(annot_cksum_add(s0 * 0xffffu,
			    b, n)), cksum_fold(cksum_add(s0 * 0xffffu, b, n)));
	memset(b, 0xff, sizeof(b));
	CU_ASSERT_EQUAL(cksum_fold(annot_cksum_add(0xffff, b, 1600)),
	    cksum_fold(cksum_add(0xffff, b, 1600)));
}

/* --- whole captures, in-process ------------------------------------------ */

/* Annotate path; fn sees every packet.  Returns packets, or -1. */
static long
ann_file(const char *path, void (*fn)(void *, const struct annot *),
    void *ctx, uint64_t counts[TA_NFLAGS])
{
	struct ts_err err;
	struct pcap_rd *r = pcap_rd_open(path, NULL, &err);
	struct pcap_rec rec;
	struct annot *a;
	char name[64];
	long n = 0;

	if (r == NULL)
		return -1;
	a = xmalloc(sizeof(*a));
	annot_init(a, pcap_rd_linktype(r), pcap_rd_linktype_name(
	    pcap_rd_linktype(r), name, sizeof(name)), CONN_DEFAULT_CAP,
	    NULL, NULL);
	while (pcap_rd_next(r, &rec, &err) == 1) {
		annot_packet(a, rec.index, rec.sec, rec.nsec, rec.data,
		    rec.caplen, rec.len);
		if (fn != NULL)
			fn(ctx, a);
		n++;
	}
	if (counts != NULL)
		memcpy(counts, a->counts, sizeof(a->counts));
	annot_done(a);
	free(a);
	pcap_rd_close(r);
	return n;
}

struct explain_of {
	uint64_t	frame;
	char		text[700];
	int		kind;
	uint32_t	flags;
	int		nproblems;
};

static void
keep_frame(void *ctx, const struct annot *a)
{
	struct explain_of *e = ctx;

	if (a->frame != e->frame)
		return;
	snprintf(e->text, sizeof(e->text), "%s", a->explain);
	e->kind = (int)a->kind;
	e->flags = a->flags;
	e->nproblems = a->nproblems;
}

static struct explain_of
explain(const char *file, uint64_t frame)
{
	struct explain_of e = { .frame = frame, .kind = -1 };

	ann_file(file, keep_frame, &e, NULL);
	return e;
}

static void
test_annot_explains_the_story(void)
{
	struct explain_of e;

	e = explain(CORPUS "linux-lo-bulk-100k.pcap", 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "opens a connection"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "MSS 65495"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "window scale 10 (x1024)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "checksum offload"));
	e = explain(CORPUS "linux-lo-bulk-100k.pcap", 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "handshake is complete (RTT"));
	e = explain(CORPUS "linux-lo-bulk-100k.pcap", 8);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "client closes its side (active"));
	e = explain(CORPUS "linux-lo-bulk-100k.pcap", 9);
	CU_ASSERT(e.flags & TA_RETRANSMISSION);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "FIN again, 6.05 ms"));
	e = explain(CORPUS "linux-lo-bulk-100k.pcap", 11);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "passive close"));
	e = explain(CORPUS "linux-lo-rst-closed-port.pcap", 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "refuses the connection"));
	e = explain(CORPUS "dns_tcp.pcap", 4);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "sends 58 bytes (bytes 1-58)"));
	e = explain(CORPUS "arcnet-rfc1051-arp-icmp-http.pcap", 1);
	CU_ASSERT_EQUAL(e.kind, ANNOT_LINK_UNKNOWN);
	CU_ASSERT_STRING_EQUAL(e.text,
	    "link type ARCNET_LINUX not decoded (23 bytes)");
}

static void
test_annot_duplicate_acks_are_counted(void)
{
	struct explain_of e = explain(CORPUS "reassembly.pcap", 19);

	CU_ASSERT(e.flags & TA_DUPLICATE_ACK);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text,
	    "duplicate ACK #2 of packet 15"));
}

/* One line of a TSV file split on tabs into at most n fields. */
static int
tsv_split(char *line, char **f, int n)
{
	int k = 0;

	line[strcspn(line, "\r\n")] = '\0';
	while (k < n) {
		f[k++] = line;
		line = strchr(line, '\t');
		if (line == NULL)
			break;
		*line++ = '\0';
	}
	return k;
}

static bool
is_exception(const char *file, const char *name, int *used, int nexc,
    char exc[][2][80])
{
	for (int i = 0; i < nexc; i++)
		if (strcmp(exc[i][0], file) == 0 &&
		    strcmp(exc[i][1], name) == 0) {
			used[i]++;
			return true;
		}
	return false;
}

static void
test_annot_counts_agree_with_tcpdump_and_tshark(void)
{
	char line[2048], *f[32], names[32][40], exc[32][2][80];
	int nnames = 0, nexc = 0, used[32] = { 0 }, files = 0, nf;
	FILE *fp = fopen(EXC, "r");

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	while (fgets(line, sizeof(line), fp) != NULL && nexc < 32) {
		if (line[0] == '#' || strncmp(line, "file\t", 5) == 0)
			continue;
		if (tsv_split(line, f, 3) < 3)
			continue;
		snprintf(exc[nexc][0], sizeof(exc[0][0]), "%s", f[0]);
		snprintf(exc[nexc][1], sizeof(exc[0][1]), "%s", f[1]);
		nexc++;
	}
	fclose(fp);
	fp = fopen(REF, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		uint64_t counts[TA_NFLAGS];
		char path[600];
		long packets;

		if (line[0] == '#')
			continue;
		nf = tsv_split(line, f, 32);
		if (strcmp(f[0], "file") == 0) {
			for (int i = 2; i < nf; i++)
				snprintf(names[nnames++], sizeof(names[0]), "%s",
				    f[i]);
			continue;
		}
		snprintf(path, sizeof(path), CORPUS "%s", f[0]);
		packets = ann_file(path, NULL, NULL, counts);
		files++;
		/* Packet counts: no exception. */
		if (packets != atol(f[1]))
			fprintf(stderr, "\n%s: %ld packets, tcpdump %s\n",
			    f[0], packets, f[1]);
		CU_ASSERT_EQUAL(packets, atol(f[1]));
		for (int i = 2; i < nf && i - 2 < nnames; i++) {
			const char *nm = names[i - 2];
			int bit = -1;
			uint64_t mine;

			for (int b = 0; b < TA_NFLAGS; b++)
				if (strcmp(ta_flag_names[b], nm) == 0)
					bit = b;
			CU_ASSERT_FATAL(bit >= 0);
			mine = counts[bit];
			if (is_exception(f[0], nm, used, nexc, exc)) {
				/* A listed difference must still be one. */
				CU_ASSERT(mine != (uint64_t)atoll(f[i]));
				continue;
			}
			if (mine != (uint64_t)atoll(f[i]))
				fprintf(stderr, "\n%s: %s %llu, tshark %s\n",
				    f[0], nm, (unsigned long long)mine, f[i]);
			CU_ASSERT_EQUAL(mine, (uint64_t)atoll(f[i]));
		}
	}
	fclose(fp);
	CU_ASSERT(files >= 100);
	for (int i = 0; i < nexc; i++)
		CU_ASSERT_EQUAL(used[i], 1);	/* no stale exception */
}

/* No raw control character, C1 or bidi control, and valid UTF-8. */
static bool
clean_output(const char *s, size_t n)
{
	size_t i = 0, l;
	unsigned cp;

	while (i < n) {
		l = safe_utf8_len((const unsigned char *)s + i, n - i, &cp);
		if (l == 0)
			return false;
		if ((cp < 0x20 && cp != '\n') || cp == 0x7f ||
		    (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
		    cp == 0x200e || cp == 0x200f ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return false;
		i += l;
	}
	return true;
}

static char *
slurp(FILE *f, size_t *n)
{
	long len;
	char *b;

	fflush(f);
	len = ftell(f);
	rewind(f);
	b = xmalloc((size_t)len + 1);
	*n = fread(b, 1, (size_t)len, f);
	b[*n] = '\0';
	return b;
}

static bool
json_lines_ok(const char *s)
{
	const char *nl;

	while (*s != '\0') {
		nl = strchr(s, '\n');
		if (nl == NULL)
			return false;
		if (strncmp(s, "{\"frame\":", 9) != 0 &&
		    strncmp(s, "{\"summary\":", 11) != 0)
			return false;
		if (nl[-1] != '}')
			return false;
		s = nl + 1;
	}
	return true;
}

static void
run_one(const char *name, bool json)
{
	struct annotate_opts o = {
		.json = json, .summary = true, .count = -1, .conn_cap = 64
	};
	char path[600], *out, *err;
	FILE *fo = tmpfile(), *fe = tmpfile();
	size_t no, ne;
	struct timespec t0, t1;
	double secs;
	int rc;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fo);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fe);
	snprintf(path, sizeof(path), CORPUS "%s", name);
	o.file = path;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = annotate_run(&o, fo, fe);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	out = slurp(fo, &no);
	err = slurp(fe, &ne);
	CU_ASSERT(secs < 30.0);		/* no hang, even under ASan */
	CU_ASSERT(rc == 0 || rc == 1);
	CU_ASSERT_TRUE(clean_output(out, no));
	CU_ASSERT_TRUE(clean_output(err, ne));
	if (json)
		CU_ASSERT_TRUE(json_lines_ok(out));
	if (rc == 1) {
		/* One line, naming the file; mid-file, the record too. */
		CU_ASSERT(strncmp(err, "tcpstep: ", 9) == 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, name));
		CU_ASSERT_PTR_NOT_NULL(strchr(err, '\n'));
		CU_ASSERT(strchr(err, '\n') == err + ne - 1 ||
		    strstr(err, "forgotten") != NULL);
		if (no > 0)
			CU_ASSERT_PTR_NOT_NULL(strstr(err, "record "));
	}
	if (!clean_output(out, no) || secs >= 30.0 || (rc != 0 && rc != 1))
		fprintf(stderr, "\n%s: rc %d, %.1f s\n", name, rc, secs);
	free(out);
	free(err);
	fclose(fo);
	fclose(fe);
}

static void
test_annot_every_corpus_file_text_and_json(void)
{
	DIR *d = opendir(CORPUS);
	struct dirent *de;
	int n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "MANIFEST.tsv")
		    == 0 || strcmp(de->d_name, "README.md") == 0)
			continue;
		run_one(de->d_name, false);
		run_one(de->d_name, true);
		n++;
	}
	closedir(d);
	CU_ASSERT(n >= 200);
}

static void
test_annot_errors_and_count(void)
{
	struct annotate_opts o = { .count = -1 };
	FILE *fo = tmpfile(), *fe = tmpfile();
	char *out, *err;
	size_t no, ne;
	int lines = 0;

	o.file = CORPUS "no-such-file.pcap";
	CU_ASSERT_EQUAL(annotate_run(&o, fo, fe), 1);
	err = slurp(fe, &ne);
	CU_ASSERT_STRING_EQUAL(err, "tcpstep: " CORPUS "no-such-file.pcap: "
	    "No such file or directory\n");
	free(err);
	fclose(fe);
	fe = tmpfile();
	o.file = CORPUS "dns_tcp.pcap";
	o.filter = "tcp prot 53";
	CU_ASSERT_EQUAL(annotate_run(&o, fo, fe), 2);
	err = slurp(fe, &ne);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "syntax error"));
	free(err);
	o.filter = "tcp port 53";
	o.count = 3;
	CU_ASSERT_EQUAL(annotate_run(&o, fo, fe), 0);
	out = slurp(fo, &no);
	for (size_t i = 0; i < no; i++)
		lines += out[i] == '\n';
	CU_ASSERT_EQUAL(lines, 3);
	CU_ASSERT(strncmp(out, "1 0.000000 IP 192.168.1.11.33779 > "
	    "209.87.249.18.53: Flags [S], seq 0, win 64240", 64) == 0);
	free(out);
	fclose(fo);
	fclose(fe);
}

/* --- a crafted capture: zero window, persist probe, update, abort ------ */

struct craft {
	struct pcap_wr	w;
	int64_t		usec;
};

static void
craft_seg(struct craft *k, int from_client, uint32_t seq, uint32_t ack,
    uint8_t flags, uint16_t win, const char *data)
{
	static const uint8_t mac_a[6] = { 2, 0, 0, 0, 0, 1 };
	static const uint8_t mac_b[6] = { 2, 0, 0, 0, 0, 2 };
	struct pkt_addr c = { .family = 4, .a = { 10, 0, 0, 1 } };
	struct pkt_addr s = { .family = 4, .a = { 10, 0, 0, 2 } };
	struct pkt_build b;
	uint8_t frame[256];
	size_t iplen, flen;
	struct ts_err err;

	memset(&b, 0, sizeof(b));
	b.src = from_client ? c : s;
	b.dst = from_client ? s : c;
	b.ttl = 64;
	b.tcp.sport = from_client ? 40000 : 80;
	b.tcp.dport = from_client ? 80 : 40000;
	b.tcp.seq = seq;
	b.tcp.ack = ack;
	b.tcp.flags = flags;
	b.tcp.win = win;
	b.payload = (const uint8_t *)data;
	b.payload_len = data != NULL ? strlen(data) : 0;
	iplen = pkt_build_ip(frame + 14, sizeof(frame) - 14, &b);
	CU_ASSERT_FATAL(iplen > 0);
	flen = pkt_build_eth(frame, sizeof(frame), from_client ? mac_b : mac_a,
	    from_client ? mac_a : mac_b, frame + 14, iplen);
	CU_ASSERT_FATAL(flen > 0);
	k->usec += 10000;	/* 10 ms apart */
	CU_ASSERT_EQUAL(pcap_wr_record(&k->w, k->usec / 1000000,
	    (uint32_t)(k->usec % 1000000), frame, (uint32_t)flen, &err), 0);
}

/* Start a crafted capture in a new temporary file named in path. */
static FILE *
craft_start(char *path, struct craft *k)
{
	struct ts_err err;
	int fd = mkstemp(path);
	FILE *f;

	CU_ASSERT_FATAL(fd >= 0);
	f = fdopen(fd, "wb");
	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT_EQUAL_FATAL(pcap_wr_open(&k->w, f, PKT_LINK_ETHERNET, &err),
	    0);
	return f;
}

static void
test_annot_zero_window_persist_probe_and_abort_words(void)
{
	char path[] = "/tmp/tcpstep-test-XXXXXX";
	struct craft k = { .usec = 1000000 };
	struct explain_of e;
	uint32_t c = 1000, s = 90000;
	FILE *f = craft_start(path, &k);

	craft_seg(&k, 1, c, 0, TH_SYN, 64000, NULL);			/* 1 */
	craft_seg(&k, 0, s, c + 1, TH_SYN | TH_ACK, 64000, NULL);	/* 2 */
	craft_seg(&k, 1, c + 1, s + 1, TH_ACK, 64000, NULL);		/* 3 */
	craft_seg(&k, 1, c + 1, s + 1, TH_ACK | TH_PSH, 64000, "hello");/* 4 */
	craft_seg(&k, 0, s + 1, c + 6, TH_ACK, 0, NULL);		/* 5 */
	/* Linux's persist probe: a bare ACK one byte below SND.NXT. */
	craft_seg(&k, 1, c + 5, s + 1, TH_ACK, 64000, NULL);		/* 6 */
	craft_seg(&k, 0, s + 1, c + 6, TH_ACK, 8000, NULL);		/* 7 */
	craft_seg(&k, 1, c + 6, s + 1, TH_ACK | TH_PSH, 64000, "world");/* 8 */
	craft_seg(&k, 1, c + 11, s + 1, TH_RST | TH_ACK, 0, NULL);	/* 9 */
	fclose(f);

	e = explain(path, 4);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "sends 5 bytes (bytes 1-5)"));
	e = explain(path, 5);
	CU_ASSERT(e.flags & TA_ZERO_WINDOW);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "receive buffer is full"));
	e = explain(path, 6);
	CU_ASSERT(e.flags & TA_KEEP_ALIVE);		/* tshark's label */
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "zero window (persist timer)"));
	e = explain(path, 7);
	CU_ASSERT(e.flags & TA_WINDOW_UPDATE);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text,
	    "window opens again (8000 bytes): the zero window since packet 5"));
	e = explain(path, 9);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "client aborts the connection"));
	unlink(path);
}

/*
 * A SYN sent twice: the handshake's RTT runs from the SYN that was
 * answered (tshark's iRTT), not from the first one, whose wait for a
 * retransmission timeout says nothing about the path.
 */
static void
test_annot_rtt_from_the_answered_syn(void)
{
	char path[] = "/tmp/tcpstep-test-XXXXXX";
	struct craft k = { .usec = 1000000 };
	struct explain_of e;
	FILE *f = craft_start(path, &k);

	craft_seg(&k, 1, 1000, 0, TH_SYN, 64000, NULL);			/* 1 */
	craft_seg(&k, 1, 1000, 0, TH_SYN, 64000, NULL);			/* 2 */
	craft_seg(&k, 0, 9000, 1001, TH_SYN | TH_ACK, 64000, NULL);	/* 3 */
	craft_seg(&k, 1, 1001, 9001, TH_ACK, 64000, NULL);		/* 4 */
	fclose(f);

	e = explain(path, 4);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "(RTT 20.0 ms)"));
	unlink(path);
}

/* One byte is "1 byte (byte N)", in a segment and beside a handshake ACK. */
static void
test_annot_one_byte_singular(void)
{
	char path[] = "/tmp/tcpstep-test-XXXXXX";
	struct craft k = { .usec = 1000000 };
	struct explain_of e;
	FILE *f = craft_start(path, &k);

	craft_seg(&k, 1, 1000, 0, TH_SYN, 64000, NULL);			/* 1 */
	craft_seg(&k, 0, 9000, 1001, TH_SYN | TH_ACK, 64000, NULL);	/* 2 */
	craft_seg(&k, 1, 1001, 9001, TH_ACK | TH_PSH, 64000, "x");	/* 3 */
	craft_seg(&k, 1, 1002, 9001, TH_ACK | TH_PSH, 64000, "y");	/* 4 */
	fclose(f);

	e = explain(path, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "it carries 1 byte (byte 1)"));
	e = explain(path, 4);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "sends 1 byte (byte 2)"));
	CU_ASSERT_PTR_NULL(strstr(e.text, "1 bytes"));
	unlink(path);
}

/* A segment seen twice at the same instant is a copy, not a timeout. */
static void
test_annot_same_instant_resend_is_a_copy(void)
{
	char path[] = "/tmp/tcpstep-test-XXXXXX";
	struct craft k = { .usec = 1000000 };
	struct explain_of e;
	FILE *f = craft_start(path, &k);

	craft_seg(&k, 1, 1000, 0, TH_SYN, 64000, NULL);			/* 1 */
	craft_seg(&k, 0, 9000, 1001, TH_SYN | TH_ACK, 64000, NULL);	/* 2 */
	craft_seg(&k, 1, 1001, 9001, TH_ACK, 64000, NULL);		/* 3 */
	craft_seg(&k, 1, 1001, 9001, TH_ACK | TH_PSH, 64000, "hello");	/* 4 */
	k.usec -= 10000;		/* the next frame at the same instant */
	craft_seg(&k, 1, 1001, 9001, TH_ACK | TH_PSH, 64000, "hello");	/* 5 */
	fclose(f);

	e = explain(path, 5);
	CU_ASSERT(e.flags & TA_RETRANSMISSION);		/* tshark's label */
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "a copy of the segment"));
	CU_ASSERT_PTR_NULL(strstr(e.text, "after a timeout"));
	unlink(path);
}

/* annotate_run's standard output on file, with --summary. */
static char *
summary_of(const char *file, bool json)
{
	struct annotate_opts o = {
		.file = file, .count = -1, .summary = true, .json = json
	};
	FILE *fo = tmpfile(), *fe = tmpfile();
	char *out;
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fo);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fe);
	CU_ASSERT_EQUAL(annotate_run(&o, fo, fe), 0);
	out = slurp(fo, &n);
	fclose(fo);
	fclose(fe);
	return out;
}

/*
 * The summary's bytes of data count every resend (as tshark's conv,tcp
 * and io,stat count every frame), and say so; beside them, the bytes
 * new to the receiver and those retransmitted.  The client's ISN sits
 * just below 2^32, so its data wraps the sequence space.
 */
static void
test_annot_summary_separates_unique_and_retransmitted_bytes(void)
{
	char path[] = "/tmp/tcpstep-test-XXXXXX";
	struct craft k = { .usec = 1000000 };
	FILE *f = craft_start(path, &k);
	uint32_t i = 0xfffffff0u;
	char *out;

	craft_seg(&k, 1, i, 0, TH_SYN, 64000, NULL);			/* 1 */
	craft_seg(&k, 0, 9000, i + 1, TH_SYN | TH_ACK, 64000, NULL);	/* 2 */
	craft_seg(&k, 1, i + 1, 9001, TH_ACK, 64000, NULL);		/* 3 */
	craft_seg(&k, 1, i + 1, 9001, TH_ACK | TH_PSH, 64000,
	    "twenty bytes of data");					/* 4 */
	craft_seg(&k, 1, i + 21, 9001, TH_ACK | TH_PSH, 64000,
	    "ten more..");						/* 5 */
	k.usec += 1000000;		/* no ACK for a second: a timeout */
	craft_seg(&k, 1, i + 1, 9001, TH_ACK | TH_PSH, 64000,
	    "twenty bytes of data");					/* 6 */
	craft_seg(&k, 0, 9001, i + 31, TH_ACK, 64000, NULL);		/* 7 */
	fclose(f);

	CU_ASSERT_EQUAL(explain(path, 6).flags & TA_RETRANSMISSION,
	    TA_RETRANSMISSION);
	out = summary_of(path, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "client 10.0.0.1.40000: 5 packets, "
	    "50 bytes of data sent (retransmissions included), 30 unique, "
	    "1 retransmissions (20 bytes), 0 duplicate ACKs\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "server 10.0.0.2.80: 2 packets, "
	    "0 bytes of data sent (retransmissions included), 0 unique, "
	    "0 retransmissions (0 bytes)"));
	free(out);
	out = summary_of(path, true);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"role\":\"client\",\"packets\":5,"
	    "\"bytes\":50,\"unique_bytes\":30,\"retransmissions\":1,"
	    "\"retransmitted_bytes\":20,"));
	free(out);
	unlink(path);
}

/*
 * A real fast retransmission and two timeouts: the figures tshark gives,
 * SUM(tcp.len) of the server's segments (28073), of those it marks
 * tcp.analysis.retransmission (4290), and its highest relative
 * tcp.seq + tcp.len minus one (23783).
 */
static void
test_annot_summary_bytes_agree_with_tshark(void)
{
	char *out = summary_of(CORPUS "retransmit-fast009.pcap", true);

	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"role\":\"server\",\"packets\":22,"
	    "\"bytes\":28073,\"unique_bytes\":23783,\"retransmissions\":3,"
	    "\"retransmitted_bytes\":4290,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"role\":\"client\",\"packets\":17,"
	    "\"bytes\":474,\"unique_bytes\":474,\"retransmissions\":0,"
	    "\"retransmitted_bytes\":0,"));
	free(out);
}

/* Timestamps from a hostile pcapng: no overflow (UBSan would stop us). */
static void
test_annot_extreme_timestamps_do_not_overflow(void)
{
	static const uint8_t raw[] = {	/* IPv4 + TCP SYN, LINKTYPE_RAW */
		0x45, 0, 0, 40, 0, 0, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1,
		10, 0, 0, 2, 0x9c, 0x40, 0, 80, 0, 0, 3, 0xe8, 0, 0, 0, 0,
		0x50, 0x02, 0xfa, 0, 0, 0, 0, 0
	};
	struct annot *a = xmalloc(sizeof(*a));

	annot_init(a, PKT_LINK_RAW, "RAW", 16, NULL, NULL);
	annot_packet(a, 1, INT64_MAX, 999999999, raw, sizeof(raw),
	    sizeof(raw));
	annot_packet(a, 2, INT64_MIN, 4000000000u, raw, sizeof(raw),
	    sizeof(raw));
	CU_ASSERT(a->rel_ns < 0);
	CU_ASSERT_EQUAL(a->kind, ANNOT_TCP);
	annot_packet(a, 3, 0, 0, raw, sizeof(raw), sizeof(raw));
	CU_ASSERT_PTR_NOT_NULL(strstr(a->explain, "SYN again"));
	annot_done(a);
	free(a);
}

static int
count_prefix(const char *s, const char *prefix)
{
	int n = 0;
	size_t l = strlen(prefix);

	for (const char *p = s; p != NULL && *p != '\0';) {
		if (strncmp(p, prefix, l) == 0)
			n++;
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return n;
}

static void
test_annot_eviction_is_reported_and_summaries_kept(void)
{
	struct annotate_opts o = {
		.file = CORPUS "ipv6-http-atomic-frag.pcap", .count = -1,
		.summary = true
	};
	FILE *fo = tmpfile(), *fe = tmpfile();
	char *out, *err;
	size_t no, ne;
	int all;

	CU_ASSERT_EQUAL(annotate_run(&o, fo, fe), 0);
	out = slurp(fo, &no);
	err = slurp(fe, &ne);
	all = count_prefix(out, "connection ");
	CU_ASSERT(all >= 4);
	CU_ASSERT_EQUAL(ne, 0);
	free(out);
	free(err);
	fclose(fo);
	fclose(fe);
	/* The same with room for 2: every block still there, and said. */
	fo = tmpfile();
	fe = tmpfile();
	o.conn_cap = 2;
	CU_ASSERT_EQUAL(annotate_run(&o, fo, fe), 0);
	out = slurp(fo, &no);
	err = slurp(fe, &ne);
	CU_ASSERT_EQUAL(count_prefix(out, "connection "), all);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "forgetting"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "connections forgotten"));
	free(out);
	free(err);
	fclose(fo);
	fclose(fe);
}

void test_annotate_register(void);

void
test_annotate_register(void)
{
	CU_pSuite s = CU_add_suite("annotate", NULL, NULL);

	CU_add_test(s, "dup ACKs then fast retransmission",
	    test_ta_dup_acks_then_fast_retransmission);
	CU_add_test(s, "late resend retransmission, early out of order",
	    test_ta_late_resend_is_retransmission_early_is_out_of_order);
	CU_add_test(s, "zero window, probe, update",
	    test_ta_zero_window_probe_and_update);
	CU_add_test(s, "keep-alive and its ACK",
	    test_ta_keep_alive_and_its_ack);
	CU_add_test(s, "sequence wrap", test_ta_sequence_wrap_is_not_a_lost_segment);
	CU_add_test(s, "new SYN reuses ports",
	    test_ta_new_syn_on_same_ports_reuses_them);
	CU_add_test(s, "conn table evicts and says so",
	    test_conn_table_full_evicts_least_recent_and_says_so);
	CU_add_test(s, "formatting", test_annot_fmt_matches_inet_ntop_and_times);
	CU_add_test(s, "fast checksum", test_annot_fast_cksum_equals_cksum_add);
	CU_add_test(s, "explanations", test_annot_explains_the_story);
	CU_add_test(s, "dup ACKs counted", test_annot_duplicate_acks_are_counted);
	CU_add_test(s, "counts agree with tcpdump and tshark",
	    test_annot_counts_agree_with_tcpdump_and_tshark);
	CU_add_test(s, "every corpus file, text and JSON",
	    test_annot_every_corpus_file_text_and_json);
	CU_add_test(s, "errors and -c", test_annot_errors_and_count);
	CU_add_test(s, "zero window, persist probe, abort: words",
	    test_annot_zero_window_persist_probe_and_abort_words);
	CU_add_test(s, "extreme timestamps",
	    test_annot_extreme_timestamps_do_not_overflow);
	CU_add_test(s, "eviction reported, summaries kept",
	    test_annot_eviction_is_reported_and_summaries_kept);
	CU_add_test(s, "RTT from the answered SYN",
	    test_annot_rtt_from_the_answered_syn);
	CU_add_test(s, "one byte, singular", test_annot_one_byte_singular);
	CU_add_test(s, "a resend at the same instant is a copy",
	    test_annot_same_instant_resend_is_a_copy);
	CU_add_test(s, "summary: unique and retransmitted bytes",
	    test_annot_summary_separates_unique_and_retransmitted_bytes);
	CU_add_test(s, "summary: bytes agree with tshark",
	    test_annot_summary_bytes_agree_with_tshark);
}
