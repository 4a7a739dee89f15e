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

static void
test_print_corpus_matches_tcpdump_and_tshark(void)
{
	FILE *fp = fopen("tests/data/ref-print.txt", "r");
	static char line[2048];
	char file[128] = "", *td, *ts, *nl, out[512];
	static struct pkt_print_track tr;
	struct pkt_print_ctx cd, cs;
	struct tpcap cap = { 0 };
	struct pkt p;
	unsigned fr, next = 1, i;
	int lines = 0;

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
			pkt_print_track_init(&tr);
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
			(void)pkt_print_track(&tr, &p, &cd, &cs);
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

/* Decode a built segment of port sport with the given flags, seq, ack. */
static void
seg(struct pkt *p, uint8_t *buf, uint16_t sport, uint8_t flags,
    uint32_t seq, uint32_t ack)
{
	struct pkt_build b;
	size_t n;

	memset(&b, 0, sizeof(b));
	b.src = (struct pkt_addr){ 4, { 192, 0, 2, 10 } };
	b.dst = (struct pkt_addr){ 4, { 192, 0, 2, 20 } };
	b.tcp.sport = sport;
	b.tcp.dport = 80;
	b.tcp.flags = flags;
	b.tcp.seq = seq;
	b.tcp.ack = ack;
	n = pkt_build_ip(buf, 128, &b);
	CU_ASSERT_EQUAL_FATAL(pkt_decode(p, PKT_LINK_RAW, buf, n, n), 0);
}

/*
 * The tracker: tcpdump's numbers turn relative after a connection's first
 * ACK, Wireshark's from its SYN; past PKT_PRINT_FLOWS connections the
 * oldest is forgotten.
 */
static void
test_print_track_bases_and_eviction(void)
{
	static struct pkt_print_track tr;
	struct pkt_print_ctx d, s;
	uint8_t buf[128];
	struct pkt p;
	char out[256];
	int i;

	pkt_print_track_init(&tr);
	seg(&p, buf, 1000, TH_SYN, 5000, 0);
	CU_ASSERT_TRUE(pkt_print_track(&tr, &p, &d, &s));
	CU_ASSERT_FALSE(d.relative);
	CU_ASSERT_TRUE(s.relative);
	CU_ASSERT_EQUAL(s.isn_src, 5000);
	seg(&p, buf, 1000, TH_ACK, 5001, 9001);
	pkt_print_track(&tr, &p, &d, &s);
	CU_ASSERT_FALSE(d.relative);		/* the first ACK sets the base */
	seg(&p, buf, 1000, TH_ACK | TH_PSH, 5001, 9001);
	pkt_print_track(&tr, &p, &d, &s);
	CU_ASSERT_TRUE(d.relative);
	CU_ASSERT_EQUAL(d.isn_src, 5001);
	CU_ASSERT_EQUAL(d.isn_dst, 9000);
	CU_ASSERT_EQUAL(s.isn_dst, 9000);	/* Wireshark: from the ACK */
	CU_ASSERT_STRING_EQUAL(pkt_print_tshark(&p, &s, true, out,
	    sizeof(out)), "1000 -> 80 [PSH, ACK] Seq=1 Ack=1 Win=0 Len=0");
	for (i = 0; i < PKT_PRINT_FLOWS; i++) {
		seg(&p, buf, (uint16_t)(2000 + i), TH_SYN, 1, 0);
		pkt_print_track(&tr, &p, NULL, NULL);
	}
	seg(&p, buf, 1000, TH_ACK | TH_PSH, 5001, 9001);
	pkt_print_track(&tr, &p, &d, &s);
	CU_ASSERT_FALSE(d.relative);		/* forgotten: a new base */
	CU_ASSERT_EQUAL(s.isn_src, 5000);
	/* No TCP header, nothing tracked. */
	p.has_tcp = false;
	CU_ASSERT_FALSE(pkt_print_track(&tr, &p, &d, &s));
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
	CU_add_test(s, "track: bases and eviction",
	    test_print_track_bases_and_eviction);
}
