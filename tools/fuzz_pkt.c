/*
 * fuzz_pkt: a libFuzzer harness for the packet codec (make fuzz).
 *
 * The first input byte picks a link type, the rest is the record.  Every
 * consumer of a decoded packet runs on it (checksum check, option strings,
 * both one-line renderings), and a packet that decoded cleanly must come
 * back the same through pkt_build_ip and pkt_decode: the encoder and the
 * decoder check each other.  Any crash found becomes a regression test in
 * tests/test_decode.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pkt.h"
#include "pkt_print.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const int links[] = {
	PKT_LINK_ETHERNET, PKT_LINK_NULL, PKT_LINK_LOOP, PKT_LINK_RAW,
	PKT_LINK_RAW_ALT1, PKT_LINK_RAW_ALT2, PKT_LINK_SLL, PKT_LINK_SLL2,
	PKT_LINK_IPV4, PKT_LINK_IPV6, 147
};

/* Rebuild a cleanly decoded segment and check the fields survive. */
static void
round_trip(const struct pkt *p)
{
	static uint8_t buf[70000];
	static struct pkt q;
	struct pkt_build b;
	size_t n;
	int i;

	if (p->problem.status != PKT_OK || !p->has_tcp ||
	    p->tcp.payload_caplen != p->tcp.payload_len ||
	    p->l4_len > 65535 - 60)
		return;
	memset(&b, 0, sizeof(b));
	b.src = p->src;
	b.dst = p->dst;
	b.ttl = 64;
	b.tcp = p->tcp;
	b.payload = p->data + p->tcp.payload_off;
	b.payload_len = p->tcp.payload_len;
	n = pkt_build_ip(buf, sizeof(buf), &b);
	if (n == 0)
		abort();
	if (pkt_decode(&q, PKT_LINK_RAW, buf, n, n) != 0 ||
	    pkt_tcp_cksum_check(&q, NULL) != CKSUM_OK)
		abort();
	if (q.tcp.sport != p->tcp.sport || q.tcp.dport != p->tcp.dport ||
	    q.tcp.seq != p->tcp.seq || q.tcp.ack != p->tcp.ack ||
	    q.tcp.flags != p->tcp.flags || q.tcp.win != p->tcp.win ||
	    q.tcp.urp != p->tcp.urp || q.tcp.reserved != p->tcp.reserved ||
	    q.tcp.n_opts != p->tcp.n_opts ||
	    q.tcp.payload_len != p->tcp.payload_len)
		abort();
	for (i = 0; i < q.tcp.n_opts; i++)
		if (q.tcp.opts[i].kind != p->tcp.opts[i].kind ||
		    q.tcp.opts[i].len != p->tcp.opts[i].len ||
		    memcmp(q.tcp.opts[i].data, p->tcp.opts[i].data,
		    p->tcp.opts[i].data_len) != 0)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pkt p;
	static struct pkt_print_track tr;
	struct pkt_print_ctx ctx = { true, 1000, 2000, 7 }, cs;
	char s[512];
	uint8_t *rec;
	size_t n;
	int i;

	if (size < 1)
		return 0;
	n = size - 1;
	/* An exact-size copy, so ASan sees a read past the record. */
	rec = malloc(n > 0 ? n : 1);
	if (rec == NULL)
		return 0;
	memcpy(rec, data + 1, n);
	pkt_decode(&p, links[data[0] % (sizeof(links) / sizeof(links[0]))],
	    rec, n, n + (data[0] >> 7) * 8);
	(void)pkt_tcp_cksum_check(&p, NULL);
	for (i = 0; p.has_tcp && i < p.tcp.n_opts; i++)
		(void)tcp_opt_str(&p.tcp.opts[i], s, sizeof(s));
	(void)pkt_print_tcpdump(&p, &ctx, s, sizeof(s));
	(void)pkt_print_tshark(&p, &ctx, false, s, sizeof(s));
	/* The tracker lives across inputs, as across a capture's packets. */
	if (pkt_print_track(&tr, &p, &ctx, &cs)) {
		(void)pkt_print_tcpdump(&p, &ctx, s, sizeof(s));
		(void)pkt_print_tshark(&p, &cs, true, s, sizeof(s));
	}
	round_trip(&p);
	free(rec);
	return 0;
}
