/*
 * Tests of pkt_print: our one-line renderings against the lines tcpdump
 * 4.99 and tshark 4.0 print for the same captures (tests/data/ref-print.txt,
 * made by tools/ref-print.sh), every record, compared whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "pkt.h"
#include "pkt_print.h"
#include "tpcap.h"

/*
 * What each tool remembers of a connection, kept the way each keeps it:
 * tcpdump (print-tcp.c) from the first segment with ACK, re-based on every
 * SYN with ACK; Wireshark (packet-tcp.c) from each side's SYN, or from the
 * ACK field when a side's SYN was not seen; window scaling once both SYNs
 * are in.
 */
struct flow {
	struct pkt_addr	a, b;
	uint16_t	pa, pb;
	bool		td_known;
	uint32_t	td_base[2];
	bool		ts_have[2];
	uint32_t	ts_base[2];
	bool		syn[2];
	int		ws[2];
};

#define MAX_FLOWS 8

static struct flow *
flow_find(struct flow *f, int *n, const struct pkt *p, int *dir)
{
	int i;

	for (i = 0; i < *n; i++) {
		if (memcmp(&f[i].a, &p->src, sizeof(p->src)) == 0 &&
		    memcmp(&f[i].b, &p->dst, sizeof(p->dst)) == 0 &&
		    f[i].pa == p->tcp.sport && f[i].pb == p->tcp.dport) {
			*dir = 0;
			return &f[i];
		}
		if (memcmp(&f[i].b, &p->src, sizeof(p->src)) == 0 &&
		    memcmp(&f[i].a, &p->dst, sizeof(p->dst)) == 0 &&
		    f[i].pb == p->tcp.sport && f[i].pa == p->tcp.dport) {
			*dir = 1;
			return &f[i];
		}
	}
	CU_ASSERT_FATAL(*n < MAX_FLOWS);
	memset(&f[*n], 0, sizeof(f[*n]));
	f[*n].a = p->src;
	f[*n].b = p->dst;
	f[*n].pa = p->tcp.sport;
	f[*n].pb = p->tcp.dport;
	f[*n].ws[0] = f[*n].ws[1] = -1;
	*dir = 0;
	return &f[(*n)++];
}

static void
flow_tcpdump_ctx(struct flow *f, int dir, const struct pkt_tcp *t,
    struct pkt_print_ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->wscale = -1;
	if (!(t->flags & TH_ACK))
		return;
	if (!f->td_known || (t->flags & TH_SYN)) {
		f->td_known = true;
		f->td_base[dir] = t->seq;
		f->td_base[!dir] = t->ack - 1;
		return;			/* printed absolute */
	}
	c->relative = true;
	c->isn_src = f->td_base[dir];
	c->isn_dst = f->td_base[!dir];
}

static void
flow_tshark_ctx(struct flow *f, int dir, const struct pkt_tcp *t,
    struct pkt_print_ctx *c)
{
	int i;

	if (t->flags & TH_SYN) {
		f->syn[dir] = true;
		f->ts_base[dir] = t->seq;
		f->ts_have[dir] = true;
		for (i = 0; i < t->n_opts; i++)
			if (t->opts[i].kind == TCPOPT_WSCALE)
				f->ws[dir] = t->opts[i].u.wscale;
	}
	if (!f->ts_have[dir]) {
		f->ts_base[dir] = t->seq - 1;
		f->ts_have[dir] = true;
	}
	if (!f->ts_have[!dir] && (t->flags & TH_ACK)) {
		f->ts_base[!dir] = t->ack - 1;
		f->ts_have[!dir] = true;
	}
	c->relative = true;
	c->isn_src = f->ts_base[dir];
	c->isn_dst = f->ts_base[!dir];
	c->wscale = f->syn[0] && f->syn[1] && f->ws[0] >= 0 &&
	    f->ws[1] >= 0 ? f->ws[dir] : -1;
}

static void
test_print_corpus_matches_tcpdump_and_tshark(void)
{
	FILE *fp = fopen("tests/data/ref-print.txt", "r");
	static char line[2048];
	char file[128] = "", *td, *ts, *nl, out[512];
	struct flow flows[MAX_FLOWS];
	struct pkt_print_ctx cd, cs;
	struct tpcap cap = { 0 };
	struct pkt p;
	unsigned fr, next = 1, i;
	int nflows = 0, dir, lines = 0;
	struct flow *f;

	CU_ASSERT_FATAL(fp != NULL);
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#')
			continue;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		td = strchr(line, '\t');
		CU_ASSERT_FATAL(td != NULL);
		*td++ = '\0';
		if (strcmp(line, file) != 0) {
			tpcap_free(&cap);
			snprintf(file, sizeof(file), "%.127s", line);
			CU_ASSERT_FATAL(tpcap_load(strncmp(file, "crafted", 7)
			    == 0 ? "tests/data/crafted-print.pcap"
			    : file, &cap) == 0);
			nflows = 0;
			next = 1;
		}
		fr = (unsigned)strtoul(td, &td, 10);
		CU_ASSERT_FATAL(*td == '\t' && fr >= 1 && fr <= cap.n);
		td++;
		ts = strchr(td, '\t');
		CU_ASSERT_FATAL(ts != NULL);
		*ts++ = '\0';
		/* The tools' memory comes from every packet, in order. */
		for (i = next; i <= fr; i++) {
			/* mptcp-dss-oobr is cut inside its options. */
			(void)pkt_decode(&p, cap.linktype,
			    cap.rec[i - 1].data, cap.rec[i - 1].caplen,
			    cap.rec[i - 1].len);
			if (!p.has_tcp)
				continue;
			f = flow_find(flows, &nflows, &p, &dir);
			flow_tcpdump_ctx(f, dir, &p.tcp, &cd);
			flow_tshark_ctx(f, dir, &p.tcp, &cs);
		}
		next = fr + 1;
		pkt_print_tcpdump(&p, &cd, out, sizeof(out));
		if (strcmp(out, td) != 0)
			fprintf(stderr, "\n%s %u tcpdump:\n want %s\n got  %s\n",
			    file, fr, td, out);
		CU_ASSERT_STRING_EQUAL(out, td);
		if (strcmp(ts, "-") != 0 && p.has_tcp) {
			pkt_print_tshark(&p, &cs, false, out, sizeof(out));
			if (strcmp(out, ts) != 0)
				fprintf(stderr, "\n%s %u tshark:\n want %s\n "
				    "got  %s\n", file, fr, ts, out);
			CU_ASSERT_STRING_EQUAL(out, ts);
		}
		lines++;
	}
	tpcap_free(&cap);
	fclose(fp);
	CU_ASSERT_EQUAL(lines, 224);
}

/* The examples of the brief, built here: the tools' forms exactly. */
static void
test_print_built_syn_both_styles(void)
{
	struct pkt_build b;
	struct pkt_print_ctx c = { true, 123, 0, -1 };
	uint8_t buf[128];
	char out[256];
	struct pkt p;
	size_t n;

	memset(&b, 0, sizeof(b));
	b.src = (struct pkt_addr){ 4, { 192, 0, 2, 10 } };
	b.dst = (struct pkt_addr){ 4, { 192, 0, 2, 20 } };
	b.tcp.sport = 49152;
	b.tcp.dport = 80;
	b.tcp.seq = 123;
	b.tcp.flags = TH_SYN;
	b.tcp.win = 64240;
	b.tcp.opts[0].kind = TCPOPT_MSS;
	b.tcp.opts[0].u.mss = 1460;
	b.tcp.opts[1].kind = TCPOPT_SACK_PERM;
	b.tcp.opts[2].kind = TCPOPT_TIMESTAMP;
	b.tcp.opts[2].u.ts.val = 1;
	b.tcp.opts[3].kind = TCPOPT_NOP;
	b.tcp.opts[4].kind = TCPOPT_WSCALE;
	b.tcp.opts[4].u.wscale = 7;
	b.tcp.n_opts = 5;
	n = pkt_build_ip(buf, sizeof(buf), &b);
	CU_ASSERT_EQUAL_FATAL(pkt_decode(&p, PKT_LINK_RAW, buf, n, n), 0);
	CU_ASSERT_STRING_EQUAL(pkt_print_tcpdump(&p, &c, out, sizeof(out)),
	    "IP 192.0.2.10.49152 > 192.0.2.20.80: Flags [S], seq 123, "
	    "win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,"
	    "wscale 7], length 0");
	CU_ASSERT_STRING_EQUAL(pkt_print_tshark(&p, &c, false, out,
	    sizeof(out)), "49152 \xe2\x86\x92 80 [SYN] Seq=0 Win=64240 Len=0 "
	    "MSS=1460 SACK_PERM TSval=1 TSecr=0 WS=128");
	CU_ASSERT_STRING_EQUAL(pkt_print_tshark(&p, NULL, true, out,
	    sizeof(out)), "49152 -> 80 [SYN] Seq=123 Win=64240 Len=0 "
	    "MSS=1460 SACK_PERM TSval=1 TSecr=0 WS=128");
	/* A short buffer is cut, and still a string. */
	CU_ASSERT_EQUAL(strlen(pkt_print_tcpdump(&p, &c, out, 20)), 19);
	CU_ASSERT_STRING_EQUAL(out, "IP 192.0.2.10.49152");
}

void test_print_register(void);

void
test_print_register(void)
{
	CU_pSuite s = CU_add_suite("print", NULL, NULL);

	CU_add_test(s, "corpus matches tcpdump and tshark",
	    test_print_corpus_matches_tcpdump_and_tshark);
	CU_add_test(s, "built syn in both styles",
	    test_print_built_syn_both_styles);
}
