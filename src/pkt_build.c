/*
 * pkt_build: real packets from a struct pkt_build.  Every byte is what a
 * kernel would send: IPv4 (RFC 791) or IPv6 (RFC 8200) header, the TCP
 * header (RFC 9293 §3.1) with its options padded to a 32-bit boundary, the
 * payload, and both checksums computed (RFC 1071), so tshark and tcpdump
 * agree with what tcpstep says about them.
 */
#include "pkt.h"

#include <string.h>

#define IPV4_HDR_LEN	20
#define IPV6_HDR_LEN	40
#define TCP_HDR_LEN	20
#define TCP_MAX_OPT_LEN	40
#define DEFAULT_TTL	64	/* Linux's default, used when ttl is 0 */

/* Options into opt[], padded with EOL; their length, or -1 if over 40. */
static int
pkt_build_opts(const struct pkt_tcp *t, uint8_t opt[TCP_MAX_OPT_LEN])
{
	uint8_t tmp[TCP_MAX_OPT_LEN + 40];	/* room to detect an overrun */
	struct wbuf w;
	int i;

	if (t->n_opts < 0 || t->n_opts > TCP_MAX_OPTS)
		return -1;
	wbuf_init(&w, tmp, sizeof(tmp));
	for (i = 0; i < t->n_opts && !w.overflow; i++)
		pkt_tcp_opt_encode(&w, &t->opts[i]);
	if (w.overflow || w.len > TCP_MAX_OPT_LEN)
		return -1;
	while (w.len % 4 != 0)
		wbuf_u8(&w, TCPOPT_EOL);
	memcpy(opt, tmp, w.len);
	return (int)w.len;
}

static void
pkt_build_ip4_hdr(struct wbuf *w, const struct pkt_build *b, size_t total)
{
	size_t start = w->len;
	uint16_t ck;

	wbuf_u8(w, 0x45);		/* version 4, IHL 5: no options */
	wbuf_u8(w, 0);			/* DSCP/ECN */
	wbuf_be16(w, (uint16_t)total);
	wbuf_be16(w, b->ip_id);
	wbuf_be16(w, b->df ? 0x4000 : 0);
	wbuf_u8(w, b->ttl != 0 ? b->ttl : DEFAULT_TTL);
	wbuf_u8(w, 6);			/* TCP */
	wbuf_be16(w, 0);		/* checksum, filled below */
	wbuf_bytes(w, b->src.a, 4);
	wbuf_bytes(w, b->dst.a, 4);
	if (w->overflow)
		return;
	ck = (uint16_t)~cksum_fold(cksum_add(0, w->p + start, IPV4_HDR_LEN));
	wbuf_put_be16(w, start + 10, ck);
}

static void
pkt_build_ip6_hdr(struct wbuf *w, const struct pkt_build *b, size_t plen)
{
	wbuf_be32(w, 6u << 28);		/* version 6, class 0, flow 0 */
	wbuf_be16(w, (uint16_t)plen);
	wbuf_u8(w, 6);			/* next header: TCP */
	wbuf_u8(w, b->ttl != 0 ? b->ttl : DEFAULT_TTL);
	wbuf_bytes(w, b->src.a, 16);
	wbuf_bytes(w, b->dst.a, 16);
}

size_t
pkt_build_ip(uint8_t *buf, size_t cap, const struct pkt_build *b)
{
	uint8_t opt[TCP_MAX_OPT_LEN];
	const struct pkt_tcp *t = &b->tcp;
	size_t iphl, tcplen, tcp_off;
	struct wbuf w;
	uint32_t sum;
	uint16_t ck;
	int olen;

	if (buf == NULL || b->src.family != b->dst.family ||
	    (b->src.family != 4 && b->src.family != 6))
		return 0;
	if ((olen = pkt_build_opts(t, opt)) < 0)
		return 0;
	if (b->payload_len > 0 && b->payload == NULL)
		return 0;
	iphl = b->src.family == 4 ? IPV4_HDR_LEN : IPV6_HDR_LEN;
	tcplen = TCP_HDR_LEN + (size_t)olen;
	/* The IP length fields are 16 bits (no jumbograms here). */
	if (b->payload_len > 65535 - iphl - tcplen)
		return 0;
	tcplen += b->payload_len;

	wbuf_init(&w, buf, cap);
	if (b->src.family == 4)
		pkt_build_ip4_hdr(&w, b, iphl + tcplen);
	else
		pkt_build_ip6_hdr(&w, b, tcplen);
	tcp_off = w.len;
	wbuf_be16(&w, t->sport);
	wbuf_be16(&w, t->dport);
	wbuf_be32(&w, t->seq);
	wbuf_be32(&w, t->ack);
	wbuf_u8(&w, (uint8_t)(((TCP_HDR_LEN + (size_t)olen) / 4) << 4 |
	    (t->reserved & 0x0f)));
	wbuf_u8(&w, t->flags);
	wbuf_be16(&w, t->win);
	wbuf_be16(&w, 0);		/* checksum, filled below */
	wbuf_be16(&w, t->urp);
	wbuf_bytes(&w, opt, (size_t)olen);
	wbuf_bytes(&w, b->payload, b->payload_len);
	if (w.overflow)
		return 0;

	sum = cksum_pseudo(&b->src, &b->dst, 6, (uint32_t)tcplen);
	sum = cksum_add(sum, buf + tcp_off, tcplen);
	ck = (uint16_t)~cksum_fold(sum);
	wbuf_put_be16(&w, tcp_off + 16, ck);
	return w.len;
}

/*
 * The IP packet may already sit at buf + 14 (built there to save a copy);
 * memmove handles that and any other overlap.
 */
size_t
pkt_build_eth(uint8_t *buf, size_t cap, const uint8_t dst[6],
    const uint8_t src[6], const uint8_t *ip, size_t iplen)
{
	uint16_t type;

	if (buf == NULL || ip == NULL || iplen == 0 || cap < 14 ||
	    iplen > cap - 14)
		return 0;
	/* The version nibble says which ethertype the packet needs. */
	type = (ip[0] >> 4) == 6 ? 0x86dd : 0x0800;
	memmove(buf + 14, ip, iplen);
	memmove(buf, dst, 6);
	memmove(buf + 6, src, 6);
	buf[12] = (uint8_t)(type >> 8);
	buf[13] = (uint8_t)type;
	return 14 + iplen;
}
