/*
 * Tests of pkt_decode: agreement with tshark on real captures of every
 * link type, hand-made frames for the link types the corpus lacks, and
 * hostile input (truncation at every byte, invalid fields, fragments,
 * extension header chains, every prefix and one-bit flip).  Each record is
 * decoded from a heap copy of exactly caplen bytes, so ASan sees any read
 * past the captured length.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "pkt.h"
#include "tpcap.h"

/* Decode from an exact-size heap copy; the copy is freed before return. */
static int
decode_copy(struct pkt *p, int lt, const uint8_t *d, size_t n, size_t wire)
{
	uint8_t *c = malloc(n > 0 ? n : 1);
	char s[128];
	int rc, i;

	CU_ASSERT_FATAL(c != NULL);
	if (n > 0)
		memcpy(c, d, n);
	rc = pkt_decode(p, lt, c, n, wire);
	/* Exercise the consumers of a decoded packet too. */
	(void)pkt_tcp_cksum_check(p, NULL);
	for (i = 0; p->has_tcp && i < p->tcp.n_opts; i++)
		(void)tcp_opt_str(&p->tcp.opts[i], s, sizeof(s));
	CU_ASSERT(rc == 0 ? p->problem.status == PKT_OK :
	    p->problem.status != PKT_OK && p->problem.what[0] != '\0');
	CU_ASSERT(p->problem.offset <= n);
	free(c);
	p->data = NULL;
	return rc;
}

/*
 * tests/data/ref-decode.txt (tools/ref-decode.sh): every TCP header tshark
 * decodes in 49 captures, Ethernet (VLAN, QinQ, 3 tags, SNAP), SLL, SLL2,
 * NULL, RAW, IPV4, IPV6 link types.  We must decode the same fields, and no
 * TCP in the records where tshark finds none.
 */
static void
test_decode_corpus_agrees_with_tshark(void)
{
	FILE *f = fopen("tests/data/ref-decode.txt", "r");
	struct tpcap cap = { 0 };
	char line[256], file[128];
	unsigned fr, sp, dp, hl, fl, win, len;
	unsigned long seq, ack;
	bool *seen = NULL;
	struct pkt p;
	size_t i, files = 0, tcp = 0, wleft;
	int nf;

	CU_ASSERT_FATAL(f != NULL);
	for (;;) {
		bool more = fgets(line, sizeof(line), f) != NULL;

		if (!more || strncmp(line, "file ", 5) == 0) {
			/* Records tshark had no TCP in: neither have we. */
			for (i = 0; seen != NULL && i < cap.n; i++) {
				if (seen[i])
					continue;
				decode_copy(&p, cap.linktype, cap.rec[i].data,
				    cap.rec[i].caplen, cap.rec[i].len);
				if (p.has_tcp)
					fprintf(stderr, "%s %zu: TCP tshark "
					    "lacks\n", file, i + 1);
				CU_ASSERT_FALSE(p.has_tcp);
			}
			free(seen);
			seen = NULL;
			tpcap_free(&cap);
			if (!more)
				break;
			CU_ASSERT_FATAL(sscanf(line, "file %127s", file) == 1);
			CU_ASSERT_FATAL(tpcap_load(file, &cap) == 0);
			seen = calloc(cap.n + 1, sizeof(*seen));
			files++;
			continue;
		}
		if (line[0] == '#')
			continue;
		len = ~0u;
		nf = sscanf(line, "%u %u %u %lu %lu %u %x %u %u", &fr, &sp,
		    &dp, &seq, &ack, &hl, &fl, &win, &len);
		CU_ASSERT_FATAL(nf >= 8 && fr >= 1 && fr <= cap.n);
		seen[fr - 1] = true;
		decode_copy(&p, cap.linktype, cap.rec[fr - 1].data,
		    cap.rec[fr - 1].caplen, cap.rec[fr - 1].len);
		if (!p.has_tcp || p.tcp.sport != sp || p.tcp.seq != seq ||
		    p.tcp.flags != (fl & 0xff))
			fprintf(stderr, "%s %u: differs from tshark (%s)\n",
			    file, fr, p.problem.what);
		CU_ASSERT_TRUE_FATAL(p.has_tcp);
		CU_ASSERT_EQUAL(p.tcp.sport, sp);
		CU_ASSERT_EQUAL(p.tcp.dport, dp);
		CU_ASSERT_EQUAL(p.tcp.seq, seq);
		CU_ASSERT_EQUAL(p.tcp.ack, ack);
		CU_ASSERT_EQUAL(p.tcp.doff * 4u, hl);
		CU_ASSERT_EQUAL((unsigned)(p.tcp.reserved << 8 | p.tcp.flags),
		    fl);
		CU_ASSERT_EQUAL(p.tcp.win, win);
		/*
		 * tshark gives no length for a first fragment, and cuts one
		 * at the frame's end (or the PPPoE length's) where the IP
		 * header claims more (we keep the header's, as tcpdump).
		 */
		wleft = p.link_end > p.tcp.payload_off ?
		    p.link_end - p.tcp.payload_off : 0;
		if (len != ~0u) {
			CU_ASSERT_EQUAL(p.tcp.payload_len < wleft ?
			    p.tcp.payload_len : wleft, len);
		}
		tcp++;
	}
	fclose(f);
	CU_ASSERT_EQUAL(files, 49);
	CU_ASSERT(tcp > 400);
}

/* The first SYN of linux-lo-handshake-v4.pcap, 74 bytes, Ethernet. */
static struct tpcap lo4;

static int
decode_suite_init(void)
{
	return tpcap_load("linux-lo-handshake-v4.pcap", &lo4) == 0 &&
	    lo4.n == 8 && lo4.rec[0].caplen == 74 ? 0 : -1;
}

static int
decode_suite_clean(void)
{
	tpcap_free(&lo4);
	return 0;
}

/*
 * The same SYN behind every link header we decode: BSD NULL in either byte
 * order (AF_INET 2), LOOP (big-endian), raw IP as DLT 12, 14 and 101,
 * LINKTYPE_IPV4, and Linux cooked v1 and v2.
 */
static void
test_decode_link_types_find_the_same_syn(void)
{
	static const struct {
		int	lt;
		uint8_t	hdr[20];
		size_t	n;
	} t[] = {
		{ PKT_LINK_NULL, { 2, 0, 0, 0 }, 4 },
		{ PKT_LINK_NULL, { 0, 0, 0, 2 }, 4 },
		{ PKT_LINK_LOOP, { 0, 0, 0, 2 }, 4 },
		{ PKT_LINK_RAW, { 0 }, 0 },
		{ PKT_LINK_RAW_ALT1, { 0 }, 0 },
		{ PKT_LINK_RAW_ALT2, { 0 }, 0 },
		{ PKT_LINK_IPV4, { 0 }, 0 },
		{ PKT_LINK_SLL, { 0, 0, 0x03, 0x04, 0, 6, [14] = 0x08, 0x00 }, 16 },
		{ PKT_LINK_SLL2, { 0x08, 0x00, [8] = 0, 1, 0, 6 }, 20 },
	};
	const uint8_t *ip = lo4.rec[0].data + 14;
	size_t iplen = lo4.rec[0].caplen - 14, i;
	uint8_t buf[128];
	struct pkt p;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memcpy(buf, t[i].hdr, t[i].n);
		memcpy(buf + t[i].n, ip, iplen);
		CU_ASSERT_EQUAL(decode_copy(&p, t[i].lt, buf, t[i].n + iplen,
		    t[i].n + iplen), 0);
		CU_ASSERT_EQUAL(p.ipver, 4);
		CU_ASSERT_EQUAL(p.ethertype, 0x0800);
		CU_ASSERT_EQUAL(p.ip_off, t[i].n);
		CU_ASSERT_TRUE(p.has_tcp);
		CU_ASSERT_EQUAL(p.tcp.sport, 41962);
		CU_ASSERT_EQUAL(p.tcp.off, t[i].n + 20);
	}
}

/* AF_INET6 is 24, 28 or 30 in a NULL header, by the capturing OS. */
static void
test_decode_null_ipv6_families_24_28_30(void)
{
	struct tpcap cap;
	uint8_t buf[128];
	const uint8_t fams[] = { 24, 28, 30 };
	struct pkt p;
	size_t i, iplen;

	CU_ASSERT_FATAL(tpcap_load("linux-lo-handshake-v6.pcap", &cap) == 0);
	iplen = cap.rec[0].caplen - 14;
	memcpy(buf + 4, cap.rec[0].data + 14, iplen);
	for (i = 0; i < 3; i++) {
		memset(buf, 0, 4);
		buf[0] = fams[i];		/* little-endian host */
		CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_NULL, buf, 4 + iplen,
		    4 + iplen), 0);
		CU_ASSERT_EQUAL(p.ipver, 6);
		CU_ASSERT_TRUE(p.has_tcp);
		memset(buf, 0, 4);
		buf[3] = fams[i];		/* big-endian host, and LOOP */
		CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_NULL, buf, 4 + iplen,
		    4 + iplen), 0);
		CU_ASSERT_EQUAL(p.ipver, 6);
		CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_LOOP, buf, 4 + iplen,
		    4 + iplen), 0);
		CU_ASSERT_EQUAL(p.ipver, 6);
	}
	buf[3] = 7;
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_LOOP, buf, 4 + iplen,
	    4 + iplen), -1);
	CU_ASSERT_EQUAL(p.problem.status, PKT_UNSUPPORTED);
	CU_ASSERT_STRING_EQUAL(p.problem.what,
	    "unsupported loopback address family 7");
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_IPV6, buf + 4, iplen, iplen),
	    0);
	CU_ASSERT_EQUAL(decode_copy(&p, 147, buf, iplen, iplen), -1);
	CU_ASSERT_EQUAL(p.problem.status, PKT_UNSUPPORTED);
	CU_ASSERT_STRING_EQUAL(p.problem.what, "unsupported link type 147");
	tpcap_free(&cap);
}

static void
test_decode_vlan_tags_and_arp(void)
{
	uint8_t buf[160];
	struct pkt p;
	size_t iplen = lo4.rec[0].caplen - 14;
	const uint8_t arp[42] = { [12] = 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1 };

	/* 802.1ad outer tag, 802.1Q inner and a third (0x9100) beyond. */
	memcpy(buf, lo4.rec[0].data, 12);
	memcpy(buf + 12, (const uint8_t []){ 0x88, 0xa8, 0x00, 0x64, 0x81,
	    0x00, 0x20, 0xc8, 0x91, 0x00, 0x00, 0x05, 0x08, 0x00 }, 14);
	memcpy(buf + 26, lo4.rec[0].data + 14, iplen);
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_ETHERNET, buf, 26 + iplen,
	    26 + iplen), 0);
	CU_ASSERT_EQUAL(p.eth.n_vlan, 2);
	CU_ASSERT_EQUAL(p.eth.vlan_depth, 3);
	CU_ASSERT_EQUAL(p.eth.vlan_tpid[0], 0x88a8);
	CU_ASSERT_EQUAL(p.eth.vlan_tci[0] & 0xfff, 100);
	CU_ASSERT_EQUAL(p.eth.vlan_tci[1], 0x20c8);
	CU_ASSERT_EQUAL(p.eth.ethertype, 0x0800);
	CU_ASSERT_TRUE(p.has_tcp);
	CU_ASSERT_EQUAL(p.ip_off, 26);
	/* A tag cut short. */
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_ETHERNET, buf, 17, 17), -1);
	CU_ASSERT_EQUAL(p.problem.status, PKT_TRUNC);
	CU_ASSERT_STRING_EQUAL(p.problem.what,
	    "truncated VLAN tag (3 of 4 bytes)");
	/* ARP is recognised, and that is all. */
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_ETHERNET, arp, sizeof(arp),
	    60), 0);
	CU_ASSERT_EQUAL(p.ethertype, 0x0806);
	CU_ASSERT_EQUAL(p.ipver, 0);
	CU_ASSERT_FALSE(p.has_tcp);
}

/*
 * The SYN cut at every length from 0 to 73 bytes: always -1, PKT_TRUNC,
 * and a message naming the layer and how much of it there was.
 */
static void
test_decode_syn_truncated_at_every_byte(void)
{
	const struct tpcap_rec *r = &lo4.rec[0];
	char want[120];
	struct pkt p;
	size_t n;

	for (n = 0; n < r->caplen; n++) {
		CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_ETHERNET, r->data, n,
		    r->len), -1);
		CU_ASSERT_EQUAL(p.problem.status, PKT_TRUNC);
		if (n < 14) {
			snprintf(want, sizeof(want),
			    "truncated Ethernet header (%zu of 14 bytes)", n);
			CU_ASSERT_EQUAL(p.problem.offset, 0);
		} else if (n < 34) {
			snprintf(want, sizeof(want),
			    "truncated IPv4 header (%zu of 20 bytes)", n - 14);
			CU_ASSERT_EQUAL(p.problem.offset, 14);
		} else if (n < 54) {
			snprintf(want, sizeof(want),
			    "truncated TCP header (%zu of 20 bytes)", n - 34);
			CU_ASSERT_EQUAL(p.problem.offset, 34);
			CU_ASSERT_FALSE(p.has_tcp);
		} else {
			snprintf(want, sizeof(want),
			    "truncated TCP header (%zu of 40 bytes)", n - 34);
			CU_ASSERT_EQUAL(p.problem.offset, 34);
			CU_ASSERT_TRUE(p.has_tcp);
			CU_ASSERT_EQUAL(p.tcp.sport, 41962);
		}
		CU_ASSERT_STRING_EQUAL(p.problem.what, want);
		if (n >= 34) {
			CU_ASSERT_EQUAL(p.ipver, 4);
		}
	}
	/* Cut inside the timestamps: the options before the cut are kept. */
	decode_copy(&p, PKT_LINK_ETHERNET, r->data, 64, r->len);
	CU_ASSERT_EQUAL(p.tcp.n_opts, 2);	/* mss, sackOK */
	CU_ASSERT_EQUAL(p.tcp.opts[0].u.mss, 65495);
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_ETHERNET, r->data, r->caplen,
	    r->len), 0);
}

/* Copy the SYN, let f damage it, decode, and compare the problem. */
static void
check_invalid(void (*f)(uint8_t *), size_t off, const char *what)
{
	uint8_t b[74];
	struct pkt p;

	memcpy(b, lo4.rec[0].data, sizeof(b));
	f(b);
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_ETHERNET, b, sizeof(b),
	    sizeof(b)), -1);
	CU_ASSERT_EQUAL(p.problem.status, PKT_INVALID);
	CU_ASSERT_EQUAL(p.problem.offset, off);
	CU_ASSERT_STRING_EQUAL(p.problem.what, what);
}

static void doff3(uint8_t *b) { b[46] = 0x30 | (b[46] & 0x0f); }
static void doff15(uint8_t *b) { b[46] = 0xf0 | (b[46] & 0x0f); }
static void ihl4(uint8_t *b) { b[14] = 0x44; }
static void ver5(uint8_t *b) { b[14] = 0x55; }
static void totlen_small(uint8_t *b) { b[16] = 0; b[17] = 19; }
static void totlen_big(uint8_t *b) { b[16] = 0; b[17] = 61; }
static void optlen_zero(uint8_t *b) { b[55] = 0; }
static void ws_len4(uint8_t *b) { b[73 - 1] = 4; }

static void
test_decode_invalid_fields_say_what_and_where(void)
{
	check_invalid(doff3, 46, "invalid TCP data offset 3 (< 5)");
	check_invalid(doff15, 46,
	    "invalid TCP data offset 15 (60 bytes > segment length 40)");
	check_invalid(ihl4, 14, "invalid IPv4 header length 4 (< 5)");
	check_invalid(ver5, 14, "invalid IPv4 version 5 (!= 4)");
	check_invalid(totlen_small, 16,
	    "invalid IPv4 total length 19 (< header length 20)");

	check_invalid(optlen_zero, 54,
	    "invalid TCP option mss length 0 (< 2)");
	check_invalid(ws_len4, 71,
	    "invalid TCP option wscale: length 4 overruns the header "
	    "(3 bytes left)");
}

/*
 * An IPv4 total length past the frame is tcpdump's "truncated-ip": the
 * problem is noted and TCP still decoded (reassembly.pcap has 5 of them).
 */
static void
test_decode_ip_length_past_frame_goes_on(void)
{
	uint8_t b[74];
	struct pkt p;

	memcpy(b, lo4.rec[0].data, sizeof(b));
	totlen_big(b);
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_ETHERNET, b, 74, 74), -1);
	CU_ASSERT_EQUAL(p.problem.status, PKT_TRUNC);
	CU_ASSERT_EQUAL(p.problem.offset, 16);
	CU_ASSERT_STRING_EQUAL(p.problem.what,
	    "truncated IPv4 packet (60 of 61 bytes on the wire)");
	CU_ASSERT_TRUE(p.has_tcp);
	CU_ASSERT_EQUAL(p.tcp.n_opts, 5);
	pkt_decode(&p, PKT_LINK_ETHERNET, b, 74, 74);
	CU_ASSERT_EQUAL(pkt_tcp_cksum_check(&p, NULL), CKSUM_UNCHECKABLE);
}

/*
 * Fragments (RFC 791 §3.2): the first carries the TCP header, a later one
 * only data; neither can have its checksum checked alone.
 */
static void
test_decode_ipv4_fragments(void)
{
	uint8_t b[74];
	struct pkt p;

	memcpy(b, lo4.rec[0].data, sizeof(b));
	b[20] = 0x20;			/* MF, offset 0: the first fragment */
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_ETHERNET, b, 74, 74), 0);
	CU_ASSERT_TRUE(p.ip4.mf);
	CU_ASSERT_TRUE(p.has_tcp);
	b[20] = 0x00;
	b[21] = 0x05;			/* offset 40 bytes: a later fragment */
	p.data = b;
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_ETHERNET, b, 74, 74), 0);
	CU_ASSERT_EQUAL(p.ip4.frag_offset, 5);
	CU_ASSERT_EQUAL(p.proto, 6);
	CU_ASSERT_FALSE(p.has_tcp);
	CU_ASSERT_EQUAL(p.l4_off, 34);
	CU_ASSERT_EQUAL(p.l4_len, 40);
	pkt_decode(&p, PKT_LINK_ETHERNET, b, 74, 74);
	CU_ASSERT_EQUAL(pkt_tcp_cksum_check(&p, NULL), CKSUM_UNCHECKABLE);
}

/* fragmented-syn.pcap: a SYN whose 40-byte header spans two fragments. */
static void
test_decode_tcp_header_split_by_fragmentation(void)
{
	struct tpcap cap;
	struct pkt p;

	CU_ASSERT_FATAL(tpcap_load("fragmented-syn.pcap", &cap) == 0);
	CU_ASSERT_EQUAL(decode_copy(&p, cap.linktype, cap.rec[0].data,
	    cap.rec[0].caplen, cap.rec[0].len), -1);
	CU_ASSERT_EQUAL(p.problem.status, PKT_UNSUPPORTED);
	CU_ASSERT_STRING_EQUAL(p.problem.what,
	    "TCP header continues in the next fragment (24 of 40 bytes)");
	CU_ASSERT_TRUE(p.has_tcp);
	CU_ASSERT_EQUAL(p.tcp.sport, 12345);
	tpcap_free(&cap);
}

/* IPv4 options are walked: a good NOP/EOL set passes, a bad length not. */
static void
test_decode_ipv4_options_bounds_checked(void)
{
	uint8_t b[80];
	struct pkt p;

	memcpy(b, lo4.rec[0].data, 34);
	memcpy(b + 38, lo4.rec[0].data + 34, 40);
	b[14] = 0x46;
	b[17] = 64;
	b[34] = 1; b[35] = 1; b[36] = 1; b[37] = 0;	/* NOP NOP NOP EOL */
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_ETHERNET, b, 78, 78), 0);
	CU_ASSERT_EQUAL(p.ip4.opt_len, 4);
	CU_ASSERT_FALSE(p.ip4.cksum_ok);	/* we changed it */
	CU_ASSERT_EQUAL(p.tcp.off, 38);
	b[34] = 7; b[35] = 9;		/* record route, 9 > 4 left */
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_ETHERNET, b, 78, 78), -1);
	CU_ASSERT_EQUAL(p.problem.offset, 34);
	CU_ASSERT_STRING_EQUAL(p.problem.what,
	    "invalid IPv4 option 7 length 9 (4 bytes left)");
}

/*
 * An IPv6 SYN behind Hop-by-Hop, Destination Options, a type 0 Routing
 * header with one address left and a Fragment header (offset 0, atomic),
 * built here with the checksum over the Routing header's final address.
 */
static size_t
ip6_chain(uint8_t *b, size_t cap, int n_dstopts, struct pkt_addr *final)
{
	struct pkt_build pb;
	uint8_t tcp[128];
	size_t n, off = 40, tl, i;

	memset(&pb, 0, sizeof(pb));
	pb.src.family = pb.dst.family = 6;
	pb.src.a[0] = pb.dst.a[0] = 0x20;
	pb.src.a[15] = 1;
	final->family = 6;
	final->a[0] = 0x20;
	final->a[15] = 9;
	pb.dst = *final;	/* the TCP checksum covers the final address */
	pb.tcp.sport = 1;
	pb.tcp.dport = 2;
	pb.tcp.flags = TH_SYN;
	n = pkt_build_ip(tcp, sizeof(tcp), &pb);
	tl = n - 40;
	memcpy(b, tcp, 40);
	b[6] = 0;				/* Hop-by-Hop */
	b[24 + 15] = 5;				/* dst: the first hop */
	memset(b + off, 0, 8);
	b[off] = 60;				/* HBH -> DstOpts */
	b[off + 2] = 1; b[off + 3] = 4;		/* PadN */
	off += 8;
	for (i = 0; i < (size_t)n_dstopts; i++) {
		memset(b + off, 0, 8);
		b[off] = 60;
		b[off + 2] = 1; b[off + 3] = 4;
		off += 8;
	}
	b[off - 8] = 43;			/* last DstOpts -> Routing */
	memset(b + off, 0, 24);
	b[off] = 44;				/* Routing -> Fragment */
	b[off + 1] = 2;				/* (2 + 1) * 8 bytes */
	b[off + 2] = 0;				/* type 0 */
	b[off + 3] = 1;				/* one segment left */
	memcpy(b + off + 8, final->a, 16);
	off += 24;
	memset(b + off, 0, 8);
	b[off] = 6;				/* Fragment -> TCP, atomic */
	off += 8;
	CU_ASSERT_FATAL(off + tl <= cap);
	memcpy(b + off, tcp + 40, tl);
	b[4] = (uint8_t)((off - 40 + tl) >> 8);
	b[5] = (uint8_t)(off - 40 + tl);
	return off + tl;
}

static void
test_decode_ipv6_extension_chain(void)
{
	uint8_t b[400];
	struct pkt_addr final;
	struct pkt p;
	size_t n;

	n = ip6_chain(b, sizeof(b), 1, &final);
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_IPV6, b, n, n), 0);
	CU_ASSERT_EQUAL(p.ip6.n_ext, 4);
	CU_ASSERT_EQUAL(p.ip6.ext[0], 0);
	CU_ASSERT_EQUAL(p.ip6.ext[1], 60);
	CU_ASSERT_EQUAL(p.ip6.ext[2], 43);
	CU_ASSERT_EQUAL(p.ip6.ext[3], 44);
	CU_ASSERT_TRUE(p.ip6.fragment);
	CU_ASSERT_FALSE(p.ip6.mf);
	CU_ASSERT_EQUAL(p.proto, 6);
	CU_ASSERT_TRUE(p.has_tcp);
	CU_ASSERT_EQUAL(p.l4_len, 20);
	CU_ASSERT_EQUAL(memcmp(p.cksum_dst.a, final.a, 16), 0);
	CU_ASSERT_EQUAL(p.dst.a[15], 5);
	pkt_decode(&p, PKT_LINK_IPV6, b, n, n);
	CU_ASSERT_EQUAL(pkt_tcp_cksum_check(&p, NULL), CKSUM_OK);
	/* Every cut of the chain is a truncation, never a crash. */
	for (size_t k = 0; k < n; k++) {
		CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_IPV6, b, k, n), -1);
		CU_ASSERT_EQUAL(p.problem.status, PKT_TRUNC);
	}
	/* 5 Destination Options headers make 8 in all; 6 make 9. */
	n = ip6_chain(b, sizeof(b), 5, &final);
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_IPV6, b, n, n), 0);
	CU_ASSERT_EQUAL(p.ip6.n_ext, PKT_MAX_EXT);
	CU_ASSERT_TRUE(p.has_tcp);
	n = ip6_chain(b, sizeof(b), 6, &final);
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_IPV6, b, n, n), -1);
	CU_ASSERT_EQUAL(p.problem.status, PKT_UNSUPPORTED);
	CU_ASSERT_STRING_EQUAL(p.problem.what,
	    "more than 8 IPv6 extension headers");
	/* A header longer than the payload is invalid, not truncated. */
	n = ip6_chain(b, sizeof(b), 0, &final);
	b[41] = 200;
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_IPV6, b, n, n), -1);
	CU_ASSERT_EQUAL(p.problem.status, PKT_INVALID);
	CU_ASSERT_EQUAL(p.problem.offset, 40);
	/* A later fragment: no TCP header to decode. */
	n = ip6_chain(b, sizeof(b), 0, &final);
	b[n - 20 - 8 + 3] = 0x08;		/* offset 1 (8 bytes) */
	CU_ASSERT_EQUAL(decode_copy(&p, PKT_LINK_IPV6, b, n, n), 0);
	CU_ASSERT_EQUAL(p.ip6.frag_offset, 1);
	CU_ASSERT_FALSE(p.has_tcp);
}

/*
 * Every prefix and every one-bit flip of every record of a few captures,
 * and one decode of every record of the whole corpus (hundreds of broken
 * files among them), under ASan/UBSan.  The assertions are in decode_copy:
 * a result and its problem always agree, and no offset lies past caplen.
 */
static void
mutate_file(const char *name, size_t max_flip)
{
	struct tpcap cap;
	struct pkt p;
	uint8_t *b;
	size_t i, k, n;
	int bit;

	CU_ASSERT_FATAL(tpcap_load(name, &cap) == 0);
	for (i = 0; i < cap.n; i++) {
		n = cap.rec[i].caplen;
		for (k = 0; k < n && k < max_flip; k++)
			decode_copy(&p, cap.linktype, cap.rec[i].data, k,
			    cap.rec[i].len);
		b = malloc(n);
		CU_ASSERT_FATAL(b != NULL);
		memcpy(b, cap.rec[i].data, n);
		for (k = 0; k < n && k < max_flip; k++)
			for (bit = 0; bit < 8; bit++) {
				b[k] ^= (uint8_t)(1u << bit);
				decode_copy(&p, cap.linktype, b, n,
				    cap.rec[i].len);
				b[k] ^= (uint8_t)(1u << bit);
			}
		free(b);
	}
	tpcap_free(&cap);
}

static void
test_decode_every_prefix_and_bit_flip(void)
{
	mutate_file("linux-lo-handshake-v4.pcap", 200);
	mutate_file("linux-lo-handshake-v6.pcap", 200);
	mutate_file("linux-lo-tfo.pcap", 200);
	mutate_file("mptcp-v1.pcap", 160);
	mutate_file("option-sack.pcap", 200);
	mutate_file("vlan-qinqinq.pcap", 120);
	mutate_file("tfo-5c1fa7f9ae91.pcap", 200);
	mutate_file("ipv6-routing-header.pcap", 200);
	mutate_file("test_loopback.pcap", 100);
}

static void
test_decode_whole_corpus_never_crashes(void)
{
	FILE *f = fopen(TPCAP_CORPUS "MANIFEST.tsv", "r");
	char line[1024], *tab;
	struct tpcap cap;
	struct pkt p;
	size_t i, files = 0, recs = 0;

	CU_ASSERT_FATAL(f != NULL);
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((tab = strchr(line, '\t')) == NULL ||
		    strncmp(line, "file\t", 5) == 0)
			continue;
		*tab = '\0';
		if (strstr(line, ".gz") != NULL)
			continue;
		/* Broken files may fail to open; records read are decoded. */
		if (tpcap_load(line, &cap) == -1)
			continue;
		for (i = 0; i < cap.n; i++)
			decode_copy(&p, cap.linktype, cap.rec[i].data,
			    cap.rec[i].caplen, cap.rec[i].len);
		recs += cap.n;
		files++;
		tpcap_free(&cap);
	}
	fclose(f);
	CU_ASSERT(files > 200);
	CU_ASSERT(recs > 3000);
}

void test_decode_register(void);

void
test_decode_register(void)
{
	CU_pSuite s = CU_add_suite("decode", decode_suite_init,
	    decode_suite_clean);

	CU_add_test(s, "corpus agrees with tshark",
	    test_decode_corpus_agrees_with_tshark);
	CU_add_test(s, "link types find the same syn",
	    test_decode_link_types_find_the_same_syn);
	CU_add_test(s, "null ipv6 families 24 28 30",
	    test_decode_null_ipv6_families_24_28_30);
	CU_add_test(s, "vlan tags and arp", test_decode_vlan_tags_and_arp);
	CU_add_test(s, "syn truncated at every byte",
	    test_decode_syn_truncated_at_every_byte);
	CU_add_test(s, "invalid fields say what and where",
	    test_decode_invalid_fields_say_what_and_where);
	CU_add_test(s, "ip length past frame goes on",
	    test_decode_ip_length_past_frame_goes_on);
	CU_add_test(s, "ipv4 fragments", test_decode_ipv4_fragments);
	CU_add_test(s, "tcp header split by fragmentation",
	    test_decode_tcp_header_split_by_fragmentation);
	CU_add_test(s, "ipv4 options bounds checked",
	    test_decode_ipv4_options_bounds_checked);
	CU_add_test(s, "ipv6 extension chain",
	    test_decode_ipv6_extension_chain);
	CU_add_test(s, "every prefix and bit flip",
	    test_decode_every_prefix_and_bit_flip);
	CU_add_test(s, "whole corpus never crashes",
	    test_decode_whole_corpus_never_crashes);
}
