/*
 * Tests of the RFC 1071 checksum and the pseudo-headers, against the RFC's
 * own example and against what tcpdump -v says of real captures
 * (tests/data/ref-cksum.txt, made by tools/ref-cksum.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "pkt.h"
#include "tpcap.h"

/* RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to 2ddf0, folds to ddf2. */
static void
test_cksum_rfc1071_example_folds_to_ddf2(void)
{
	const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

	CU_ASSERT_EQUAL(cksum_add(0, b, sizeof(b)), 0x2ddf0);
	CU_ASSERT_EQUAL(cksum_fold(cksum_add(0, b, sizeof(b))), 0xddf2);
	/* Order does not matter: the sum of the halves is the same. */
	CU_ASSERT_EQUAL(cksum_fold(cksum_add(cksum_add(0, b, 4), b + 4, 4)),
	    0xddf2);
}

static void
test_cksum_odd_length_pads_with_zero(void)
{
	const uint8_t odd[] = { 0x12, 0x34, 0x56 };
	const uint8_t padded[] = { 0x12, 0x34, 0x56, 0x00 };

	CU_ASSERT_EQUAL(cksum_add(0, odd, 3), 0x1234 + 0x5600);
	CU_ASSERT_EQUAL(cksum_add(0, odd, 3), cksum_add(0, padded, 4));
}

/* A long run of 0xffff words must not overflow the 32-bit accumulator. */
static void
test_cksum_large_input_does_not_overflow(void)
{
	size_t n = 300000;
	uint8_t *b = malloc(n);

	CU_ASSERT_FATAL(b != NULL);
	memset(b, 0xff, n);
	CU_ASSERT_EQUAL(cksum_fold(cksum_add(0, b, n)), 0xffff);
	b[0] = 0xfe;	/* one less in the sum */
	CU_ASSERT_EQUAL(cksum_fold(cksum_add(0, b, n)), 0xfeff);
	free(b);
}

static void
test_cksum_pseudo_ipv4_and_ipv6_by_hand(void)
{
	struct pkt_addr s4 = { 4, { 192, 0, 2, 10 } };
	struct pkt_addr d4 = { 4, { 192, 0, 2, 20 } };
	struct pkt_addr s6 = { 6, { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 } };
	struct pkt_addr d6 = { 6, { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x20 } };
	uint32_t want;

	want = 0xc000 + 0x020a + 0xc000 + 0x0214 + 6 + 40;
	CU_ASSERT_EQUAL(cksum_pseudo(&s4, &d4, 6, 40), cksum_fold(want));
	want = 2 * (0x2001 + 0x0db8) + 0x10 + 0x20 + 6 + 0x1 + 0x0004;
	CU_ASSERT_EQUAL(cksum_pseudo(&s6, &d6, 6, 0x10004), cksum_fold(want));
}

/* One line of tests/data/ref-cksum.txt. */
struct ref {
	char		file[64];
	unsigned	rec, field, want;
};

static int
load_refs(struct ref *refs, int max)
{
	FILE *f = fopen("tests/data/ref-cksum.txt", "r");
	char line[256];
	int n = 0;

	if (f == NULL)
		return -1;
	while (n < max && fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%63s %u %x %x", refs[n].file, &refs[n].rec,
		    &refs[n].field, &refs[n].want) == 4)
			n++;
	}
	fclose(f);
	return n;
}

/*
 * Every TCP packet of the loopback captures: the IPv4 header checksum is
 * right, the TCP field holds the folded pseudo-header sum (the kernel left
 * it for checksum offload) or, where tcpdump calls it correct, the right
 * sum, and the checksum we compute is the one tcpdump says the field should
 * hold.  The ip6-*-chksum samples: one right, two wrong (one behind a
 * type 0 Routing header, whose final address the pseudo-header uses).
 */
static void
test_cksum_corpus_matches_tcpdump(void)
{
	static struct ref refs[200];
	struct tpcap cap;
	struct pkt p;
	uint16_t want;
	enum pkt_cksum st;
	int n, i, j, seen, offload = 0;

	n = load_refs(refs, 200);
	CU_ASSERT_FATAL(n >= 50);
	for (i = 0; i < n; i = j) {
		CU_ASSERT_FATAL(tpcap_load(refs[i].file, &cap) == 0);
		seen = 0;
		for (j = i; j < n && strcmp(refs[j].file, refs[i].file) == 0;
		    j++) {
			CU_ASSERT_FATAL(refs[j].rec >= 1 &&
			    refs[j].rec <= cap.n);
			const struct tpcap_rec *r = &cap.rec[refs[j].rec - 1];

			CU_ASSERT_EQUAL(pkt_decode(&p, cap.linktype, r->data,
			    r->caplen, r->len), 0);
			CU_ASSERT_TRUE(p.has_tcp);
			if (p.ipver == 4) {
				CU_ASSERT_TRUE(p.ip4.cksum_ok);
			}
			CU_ASSERT_EQUAL(p.tcp.cksum, refs[j].field);
			st = pkt_tcp_cksum_check(&p, &want);
			CU_ASSERT_EQUAL(want, refs[j].want);
			if (refs[j].field == refs[j].want) {
				/*
				 * The kernel's own RST (tcp_v4_send_reset) is
				 * summed in software even on loopback.
				 */
				CU_ASSERT_EQUAL(st, CKSUM_OK);
			} else if (strncmp(refs[j].file, "linux-lo-", 9) == 0) {
				CU_ASSERT_EQUAL(st, CKSUM_OFFLOAD);
				CU_ASSERT_EQUAL(p.tcp.cksum, cksum_pseudo(&p.src,
				    &p.dst, 6, (uint32_t)p.l4_len));
				offload++;
			} else {
				CU_ASSERT_EQUAL(st, CKSUM_BAD);
			}
			seen++;
		}
		/* Every record of the file has its line. */
		CU_ASSERT_EQUAL((size_t)seen, cap.n);
		tpcap_free(&cap);
	}
	CU_ASSERT(offload >= 49);	/* all but the RST and the ip6 pair */
}

/* A record cut inside the payload cannot be checked. */
static void
test_cksum_partial_capture_is_uncheckable(void)
{
	struct tpcap cap;
	struct pkt p;
	uint16_t want = 1;

	CU_ASSERT_FATAL(tpcap_load("linux-lo-handshake-v4.pcap", &cap) == 0);
	CU_ASSERT_FATAL(cap.n >= 4);
	/* Record 4 carries "hello": drop its last byte. */
	pkt_decode(&p, cap.linktype, cap.rec[3].data, cap.rec[3].caplen - 1,
	    cap.rec[3].len);
	CU_ASSERT_TRUE(p.has_tcp);
	CU_ASSERT_EQUAL(pkt_tcp_cksum_check(&p, &want), CKSUM_UNCHECKABLE);
	CU_ASSERT_EQUAL(want, 0);
	tpcap_free(&cap);
}

void test_cksum_register(void);

void
test_cksum_register(void)
{
	CU_pSuite s = CU_add_suite("cksum", NULL, NULL);

	CU_add_test(s, "rfc1071 example folds to ddf2",
	    test_cksum_rfc1071_example_folds_to_ddf2);
	CU_add_test(s, "odd length pads with zero",
	    test_cksum_odd_length_pads_with_zero);
	CU_add_test(s, "large input does not overflow",
	    test_cksum_large_input_does_not_overflow);
	CU_add_test(s, "pseudo-header ipv4 and ipv6 by hand",
	    test_cksum_pseudo_ipv4_and_ipv6_by_hand);
	CU_add_test(s, "corpus matches tcpdump -v",
	    test_cksum_corpus_matches_tcpdump);
	CU_add_test(s, "partial capture is uncheckable",
	    test_cksum_partial_capture_is_uncheckable);
}
