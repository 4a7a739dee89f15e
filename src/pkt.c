/*
 * pkt: decoding one captured record, link layer to TCP.
 *
 * Each layer reads its header through a cursor bounded by the captured
 * length and hands the next layer a cursor bounded by what its own header
 * says the payload is (cursor_sub), so a lying length can shorten what is
 * read but never lengthen it.  The first problem met is recorded with its
 * byte offset; truncated (the capture ended) is kept apart from invalid (the
 * bytes are wrong), as tcpdump's print-*.c do.
 */
#include "pkt.h"

#include <string.h>

#include "pkt_priv.h"

#define ETHERTYPE_IPV4	0x0800
#define ETHERTYPE_ARP	0x0806
#define ETHERTYPE_IPV6	0x86dd
#define ETHERTYPE_VLAN	0x8100
#define ETHERTYPE_QINQ	0x88a8
#define ETHERTYPE_QINQ_OLD 0x9100	/* pre-802.1ad stacked tags */
#define ETHERTYPE_MPLS	0x8847
#define ETHERTYPE_MPLS_MC 0x8848
#define ETHERTYPE_PPPOE	0x8864	/* PPPoE session stage */

#define IPPROTO_HOPOPTS_	0
#define IPPROTO_TCP_		6
#define IPPROTO_UDP_		17
#define IPPROTO_ROUTING_	43
#define IPPROTO_FRAGMENT_	44
#define IPPROTO_ESP_		50
#define IPPROTO_AH_		51
#define IPPROTO_NONE_		59
#define IPPROTO_DSTOPTS_	60
#define IPPROTO_MH_		135

#define ETH_MAX_TAGS	8	/* tags walked before giving up */
#define MPLS_MAX_LABELS	8	/* label stack entries likewise */

static int	pkt_net(struct pkt *, struct cursor *, uint16_t);
static int	pkt_mpls(struct pkt *, struct cursor *);
static int	pkt_pppoe(struct pkt *, struct cursor *);
static int	pkt_ipv4(struct pkt *, struct cursor *);
static int	pkt_ipv6(struct pkt *, struct cursor *);
static int	pkt_l4(struct pkt *, struct cursor *);
static int	pkt_link(struct pkt *, struct cursor *, int);

/* A header of need bytes does not fit in what is left: say why. */
static int
pkt_short(struct pkt *p, const struct cursor *c, const char *what,
    size_t need)
{
	return pkt_problem(&p->problem, PKT_TRUNC, c->off,
	    "truncated %s (%zu of %zu bytes)", what, c->left, need);
}

/*
 * Ethernet II (IEEE 802.3 clause 3) with any number of 802.1Q/802.1ad tags
 * in front of the type; a length (< 0x0600) means 802.2 LLC, whose SNAP
 * form still carries an ethertype.
 */
static int
pkt_eth(struct pkt *p, struct cursor *c)
{
	struct pkt_eth *e = &p->eth;
	size_t at;
	uint16_t type;

	if (c->left < 14)
		return pkt_short(p, c, "Ethernet header", 14);
	cursor_bytes(c, e->dst, 6);
	cursor_bytes(c, e->src, 6);
	p->has_eth = true;
	type = cursor_be16(c);
	while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ ||
	    type == ETHERTYPE_QINQ_OLD) {
		if (e->vlan_depth == ETH_MAX_TAGS)
			return pkt_problem(&p->problem, PKT_UNSUPPORTED, c->off,
			    "more than %d VLAN tags", ETH_MAX_TAGS);
		if (c->left < 4)
			return pkt_short(p, c, "VLAN tag", 4);
		if (e->n_vlan < PKT_MAX_VLAN) {
			e->vlan_tpid[e->n_vlan] = type;
			e->vlan_tci[e->n_vlan] = cursor_be16(c);
			e->n_vlan++;
		} else
			cursor_skip(c, 2);
		e->vlan_depth++;
		type = cursor_be16(c);
	}
	if (type < 0x0600) {
		/* 802.3 length: only LLC/SNAP (AA AA 03, OUI 0) has a type. */
		at = c->off;
		if (c->left < 8)
			return pkt_short(p, c, "LLC/SNAP header", 8);
		if (cursor_be16(c) != 0xaaaa || cursor_u8(c) != 0x03 ||
		    cursor_u8(c) != 0 || cursor_be16(c) != 0)
			return pkt_problem(&p->problem, PKT_UNSUPPORTED, at,
			    "unsupported 802.3 frame (LLC without SNAP)");
		type = cursor_be16(c);
	}
	e->ethertype = type;
	return pkt_net(p, c, type);
}

/* Linux cooked capture v1: 16 bytes, the protocol last. */
static int
pkt_sll(struct pkt *p, struct cursor *c)
{
	if (c->left < 16)
		return pkt_short(p, c, "Linux cooked header", 16);
	cursor_skip(c, 14);
	return pkt_net(p, c, cursor_be16(c));
}

/* Linux cooked capture v2: 20 bytes, the protocol first. */
static int
pkt_sll2(struct pkt *p, struct cursor *c)
{
	uint16_t proto;

	if (c->left < 20)
		return pkt_short(p, c, "Linux cooked v2 header", 20);
	proto = cursor_be16(c);
	cursor_skip(c, 18);
	return pkt_net(p, c, proto);
}

/*
 * BSD loopback: a 4-byte address family, in the capturing host's byte
 * order for DLT_NULL (so a value with its low half zero was written
 * big-endian), always big-endian for DLT_LOOP.  AF_INET is 2 everywhere;
 * AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS).
 */
static int
pkt_null(struct pkt *p, struct cursor *c, bool big_endian)
{
	size_t at = c->off;
	uint32_t fam;

	if (c->left < 4)
		return pkt_short(p, c, "loopback header", 4);
	fam = big_endian ? cursor_be32(c) : cursor_le32(c);
	if (!big_endian && (fam & 0xffff0000u) != 0)
		fam = (fam >> 24) | (fam >> 8 & 0xff00) |
		    (fam << 8 & 0xff0000) | (fam << 24);
	switch (fam) {
	case 2:
		return pkt_net(p, c, ETHERTYPE_IPV4);
	case 24:
	case 28:
	case 30:
		return pkt_net(p, c, ETHERTYPE_IPV6);
	default:
		return pkt_problem(&p->problem, PKT_UNSUPPORTED, at,
		    "unsupported loopback address family %u", fam);
	}
}

/* Raw IP: the version nibble says which. */
static int
pkt_raw(struct pkt *p, struct cursor *c)
{
	uint8_t v;

	if (c->left < 1)
		return pkt_short(p, c, "IP header", 20);
	v = c->p[0] >> 4;
	if (v == 4)
		return pkt_net(p, c, ETHERTYPE_IPV4);
	if (v == 6)
		return pkt_net(p, c, ETHERTYPE_IPV6);
	return pkt_problem(&p->problem, PKT_INVALID, c->off,
	    "invalid IP version %u in raw IP", v);
}

/*
 * An MPLS label stack (RFC 3032 §2.1): 4-byte entries down to the one with
 * the bottom-of-stack bit.  What follows has no type field; IP is told by
 * its version nibble (RFC 4385 §2 keeps pseudowire control words apart by
 * starting them with 0).
 */
static int
pkt_mpls(struct pkt *p, struct cursor *c)
{
	uint32_t entry = 0;
	uint8_t v;
	int n;

	for (n = 0; !(entry & 0x100); n++) {
		if (n == MPLS_MAX_LABELS)
			return pkt_problem(&p->problem, PKT_UNSUPPORTED, c->off,
			    "more than %d MPLS labels", MPLS_MAX_LABELS);
		if (c->left < 4)
			return pkt_short(p, c, "MPLS label", 4);
		entry = cursor_be32(c);
	}
	if (c->left < 1)
		return pkt_short(p, c, "IP header", 20);
	v = c->p[0] >> 4;
	if (v == 4 || v == 6)
		return pkt_net(p, c, v == 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6);
	return pkt_problem(&p->problem, PKT_UNSUPPORTED, c->off,
	    "unsupported MPLS payload (first nibble %u)", v);
}

/* PPPoE session (RFC 2516 §4), then PPP's protocol field (RFC 1661). */
static int
pkt_pppoe(struct pkt *p, struct cursor *c)
{
	size_t at = c->off;
	uint16_t proto;

	size_t plen;

	if (c->left < 8)
		return pkt_short(p, c, "PPPoE header", 8);
	cursor_skip(c, 4);
	plen = cursor_be16(c);		/* PPP protocol and payload */
	proto = cursor_be16(c);
	/* The length, not the frame, ends the packet (Ethernet pads). */
	if (plen >= 2 && at + 8 + (plen - 2) < p->link_end)
		p->link_end = at + 8 + (plen - 2);
	if (proto == 0x0021)
		return pkt_net(p, c, ETHERTYPE_IPV4);
	if (proto == 0x0057)
		return pkt_net(p, c, ETHERTYPE_IPV6);
	return pkt_problem(&p->problem, PKT_UNSUPPORTED, at + 6,
	    "unsupported PPP protocol 0x%04x", proto);
}

static int
pkt_net(struct pkt *p, struct cursor *c, uint16_t type)
{
	p->ethertype = type;
	switch (type) {
	case ETHERTYPE_MPLS:
	case ETHERTYPE_MPLS_MC:
		return pkt_mpls(p, c);
	case ETHERTYPE_PPPOE:
		return pkt_pppoe(p, c);
	case ETHERTYPE_IPV4:
		return pkt_ipv4(p, c);
	case ETHERTYPE_IPV6:
		return pkt_ipv6(p, c);
	case ETHERTYPE_ARP:
		return 0;	/* recognised; nothing in it for TCP */
	default:
		return pkt_problem(&p->problem, PKT_UNSUPPORTED, c->off,
		    "unsupported ethertype 0x%04x", type);
	}
}

/* IPv4 options (RFC 791 §3.1): walked only to check their lengths. */
static int
pkt_ipv4_opts(struct pkt *p, struct cursor *c)
{
	size_t at;
	uint8_t type, len;

	while (c->left > 0) {
		at = c->off;
		type = cursor_u8(c);
		if (type == 0)		/* End of Option List */
			break;
		if (type == 1)		/* No Operation */
			continue;
		if (c->left < 1)
			return pkt_problem(&p->problem, PKT_INVALID, at,
			    "invalid IPv4 option %u: no length", type);
		len = cursor_u8(c);
		if (len < 2 || (size_t)len - 2 > c->left)
			return pkt_problem(&p->problem, PKT_INVALID, at,
			    "invalid IPv4 option %u length %u (%zu bytes left)",
			    type, len, c->left + 2);
		cursor_skip(c, (size_t)len - 2);
	}
	return 0;
}

/*
 * The bytes on the wire after off: the IP length when a TSO/BIG TCP
 * capture leaves it 0, as tcpdump's ip_print guesses too.
 */
static size_t
pkt_wire_left(const struct pkt *p, size_t off)
{
	return p->link_end > off ? p->link_end - off : 0;
}

/* The fixed header's fields (RFC 791 §3.1), hl bytes known captured. */
static void
pkt_ipv4_fields(struct pkt *p, struct cursor *c, size_t hl)
{
	struct pkt_ipv4 *h = &p->ip4;
	uint16_t frag;

	h->cksum_ok = cksum_fold(cksum_add(0, c->p, hl)) == 0xffff;
	cursor_skip(c, 1);
	h->tos = cursor_u8(c);
	h->tot_len = cursor_be16(c);
	h->id = cursor_be16(c);
	frag = cursor_be16(c);
	h->df = (frag & 0x4000) != 0;
	h->mf = (frag & 0x2000) != 0;
	h->frag_offset = frag & 0x1fff;
	h->ttl = cursor_u8(c);
	h->proto = cursor_u8(c);
	h->cksum = cursor_be16(c);
	p->ipver = 4;
	p->src.family = p->dst.family = 4;
	cursor_bytes(c, p->src.a, 4);
	cursor_bytes(c, p->dst.a, 4);
	p->cksum_dst = p->dst;
	p->proto = h->proto;
	h->opt_len = hl - 20;
}

static int
pkt_ipv4(struct pkt *p, struct cursor *c)
{
	struct pkt_ipv4 *h = &p->ip4;
	struct cursor opt, body;
	size_t at = c->off, hl, tot, wire;
	uint8_t b0;

	p->ip_off = at;
	if (c->left < 20)
		return pkt_short(p, c, "IPv4 header", 20);
	b0 = c->p[0];
	if (b0 >> 4 != 4)
		return pkt_problem(&p->problem, PKT_INVALID, at,
		    "invalid IPv4 version %u (!= 4)", b0 >> 4);
	h->ihl = b0 & 0x0f;
	if (h->ihl < 5)
		return pkt_problem(&p->problem, PKT_INVALID, at,
		    "invalid IPv4 header length %u (< 5)", h->ihl);
	hl = (size_t)h->ihl * 4;
	if (c->left < hl)
		return pkt_short(p, c, "IPv4 header", hl);
	pkt_ipv4_fields(p, c, hl);
	opt = cursor_sub(c, h->opt_len);
	if (pkt_ipv4_opts(p, &opt) == -1)
		return -1;

	wire = pkt_wire_left(p, at);
	tot = h->tot_len != 0 ? h->tot_len : wire;
	if (tot < hl)
		return pkt_problem(&p->problem, PKT_INVALID, at + 2,
		    "invalid IPv4 total length %u (< header length %zu)",
		    h->tot_len, hl);
	/*
	 * Longer than the frame: tcpdump's "truncated-ip - N bytes missing!".
	 * Decoding goes on, as in tcpdump and tshark, bounded by caplen.
	 */
	if (tot > wire)
		(void)pkt_problem(&p->problem, PKT_TRUNC, at + 2,
		    "truncated IPv4 packet (%zu of %zu bytes on the wire)",
		    wire, tot);
	p->l4_off = c->off;
	p->l4_len = tot - hl;
	body = cursor_sub(c, p->l4_len);
	/* A later fragment carries the middle of a segment, no header. */
	if (h->frag_offset != 0)
		return 0;
	return pkt_l4(p, &body);
}

/*
 * A Routing header's final destination (RFC 8200 §8.1), for the
 * pseudo-header: the last address of type 0, the home address of type 2,
 * segment 0 of a Segment Routing header (type 4, RFC 8754).  Only while
 * segments are left; otherwise dst is already final.
 */
static void
pkt_ipv6_rthdr(struct pkt *p, struct cursor rh, size_t hlen)
{
	uint8_t type, left;
	size_t naddr;

	cursor_skip(&rh, 2);
	type = cursor_u8(&rh);
	left = cursor_u8(&rh);
	cursor_skip(&rh, 4);
	naddr = (hlen - 8) / 16;
	if (left == 0 || naddr == 0 || rh.trunc)
		return;
	if (type == 0)
		cursor_skip(&rh, (naddr - 1) * 16);
	else if (type != 2 && type != 4)
		return;
	if (rh.left < 16)
		return;
	p->cksum_dst.family = 6;
	cursor_bytes(&rh, p->cksum_dst.a, 16);
}

/* One extension header at c; *next gets its Next Header. */
static int
pkt_ipv6_ext(struct pkt *p, struct cursor *c, uint8_t type, uint8_t *next)
{
	struct pkt_ipv6 *h = &p->ip6;
	struct cursor ext;
	size_t at = c->off, hlen;
	uint16_t frag;

	if (c->left < 8)
		return pkt_short(p, c, "IPv6 extension header", 8);
	*next = c->p[0];
	if (type == IPPROTO_FRAGMENT_)
		hlen = 8;
	else if (type == IPPROTO_AH_)	/* RFC 4302 §2.2: in 4-byte units */
		hlen = ((size_t)c->p[1] + 2) * 4;
	else
		hlen = ((size_t)c->p[1] + 1) * 8;
	if (c->left < hlen) {
		if (c->trunc)
			return pkt_short(p, c, "IPv6 extension header", hlen);
		return pkt_problem(&p->problem, PKT_INVALID, at,
		    "invalid IPv6 extension header length %zu (%zu bytes "
		    "left in the payload)", hlen, c->left);
	}
	ext = cursor_sub(c, hlen);
	if (type == IPPROTO_FRAGMENT_) {
		cursor_skip(&ext, 2);
		frag = cursor_be16(&ext);
		h->fragment = true;
		h->frag_offset = frag >> 3;
		h->mf = (frag & 1) != 0;
	} else if (type == IPPROTO_ROUTING_)
		pkt_ipv6_rthdr(p, ext, hlen);
	return 0;
}

static bool
pkt_ipv6_is_ext(uint8_t t)
{
	return t == IPPROTO_HOPOPTS_ || t == IPPROTO_ROUTING_ ||
	    t == IPPROTO_FRAGMENT_ || t == IPPROTO_AH_ ||
	    t == IPPROTO_DSTOPTS_ || t == IPPROTO_MH_ || t == 139 ||
	    t == 140;
}

static int
pkt_ipv6(struct pkt *p, struct cursor *c)
{
	struct pkt_ipv6 *h = &p->ip6;
	struct cursor body;
	size_t at = c->off, plen, wire;
	uint32_t w;
	uint8_t next;

	p->ip_off = at;
	if (c->left < 40)
		return pkt_short(p, c, "IPv6 header", 40);
	w = cursor_be32(c);
	if (w >> 28 != 6)
		return pkt_problem(&p->problem, PKT_INVALID, at,
		    "invalid IPv6 version %u (!= 6)", w >> 28);
	h->tclass = (uint8_t)(w >> 20);
	h->flow = w & 0xfffff;
	h->plen = cursor_be16(c);
	h->next = cursor_u8(c);
	h->hlim = cursor_u8(c);
	p->ipver = 6;
	p->src.family = p->dst.family = 6;
	cursor_bytes(c, p->src.a, 16);
	cursor_bytes(c, p->dst.a, 16);
	p->cksum_dst = p->dst;

	/*
	 * Payload length 0: a jumbogram (RFC 2675) or a BIG TCP capture; the
	 * bytes on the wire are the payload then, as tcpdump assumes.
	 */
	wire = pkt_wire_left(p, c->off);
	plen = h->plen != 0 ? h->plen : wire;
	if (plen > wire)
		(void)pkt_problem(&p->problem, PKT_TRUNC, at + 4,
		    "truncated IPv6 payload (%zu of %zu bytes on the wire)",
		    wire, plen);
	body = cursor_sub(c, plen);
	next = h->next;
	while (pkt_ipv6_is_ext(next)) {
		if (h->n_ext == PKT_MAX_EXT)
			return pkt_problem(&p->problem, PKT_UNSUPPORTED,
			    body.off, "more than %d IPv6 extension headers",
			    PKT_MAX_EXT);
		h->ext_off[h->n_ext] = body.off;
		h->ext[h->n_ext++] = next;
		if (pkt_ipv6_ext(p, &body, next, &next) == -1)
			return -1;
	}
	p->proto = next;
	p->l4_off = body.off;
	p->l4_len = plen - (body.off - (at + 40));
	/* A later fragment carries the middle of a segment, no header. */
	if (h->fragment && h->frag_offset != 0)
		return 0;
	if (next == IPPROTO_NONE_)
		return 0;
	if (next == IPPROTO_ESP_)
		return pkt_problem(&p->problem, PKT_UNSUPPORTED, body.off,
		    "unsupported IPv6 ESP payload");
	return pkt_l4(p, &body);
}

static int
pkt_udp(struct pkt *p, struct cursor *c)
{
	if (c->left < 8) {
		if (c->trunc)
			return pkt_short(p, c, "UDP header", 8);
		return pkt_problem(&p->problem, PKT_INVALID, c->off,
		    "invalid UDP header: %zu bytes of datagram (< 8)",
		    c->left);
	}
	p->udp.sport = cursor_be16(c);
	p->udp.dport = cursor_be16(c);
	p->udp.len = cursor_be16(c);
	p->udp.cksum = cursor_be16(c);
	p->has_udp = true;
	return 0;
}

/* A first fragment: the rest of the segment comes in later ones. */
static bool
pkt_more_fragments(const struct pkt *p)
{
	return (p->ipver == 4 && p->ip4.mf) ||
	    (p->ipver == 6 && p->ip6.fragment && p->ip6.mf);
}

/*
 * TCP (RFC 9293 §3.1).  c covers the segment as the IP header gives it,
 * cut short where the capture ended.  The fixed header is the minimum for
 * has_tcp; a header cut inside its options still yields the options before
 * the cut.
 */
static int
pkt_tcp(struct pkt *p, struct cursor *c)
{
	struct pkt_tcp *t = &p->tcp;
	struct cursor opts;
	size_t at = c->off, hl, seglen = p->l4_len;
	uint8_t b12;
	int rc = 0;

	t->off = at;
	if (c->left < 20) {
		if (c->trunc)
			return pkt_short(p, c, "TCP header", 20);
		return pkt_problem(&p->problem, PKT_INVALID, at,
		    "invalid TCP segment length %zu (< 20)", c->left);
	}
	t->sport = cursor_be16(c);
	t->dport = cursor_be16(c);
	t->seq = cursor_be32(c);
	t->ack = cursor_be32(c);
	b12 = cursor_u8(c);
	t->doff = b12 >> 4;
	t->reserved = b12 & 0x0f;
	t->flags = cursor_u8(c);
	t->win = cursor_be16(c);
	t->cksum = cursor_be16(c);
	t->urp = cursor_be16(c);
	p->has_tcp = true;
	if (t->doff < 5)
		return pkt_problem(&p->problem, PKT_INVALID, at + 12,
		    "invalid TCP data offset %u (< 5)", t->doff);
	hl = (size_t)t->doff * 4;
	if (hl > seglen && pkt_more_fragments(p))
		return pkt_problem(&p->problem, PKT_UNSUPPORTED, at + 12,
		    "TCP header continues in the next fragment (%zu of %zu "
		    "bytes)", seglen, hl);
	if (hl > seglen)
		return pkt_problem(&p->problem, PKT_INVALID, at + 12,
		    "invalid TCP data offset %u (%zu bytes > segment length "
		    "%zu)", t->doff, hl, seglen);
	if (c->left < hl - 20)
		rc = pkt_problem(&p->problem, PKT_TRUNC, at,
		    "truncated TCP header (%zu of %zu bytes)", 20 + c->left,
		    hl);
	opts = cursor_sub(c, hl - 20);
	if (pkt_tcp_opts_decode(&opts, t, &p->problem) == -1)
		rc = -1;
	t->payload_off = at + hl;
	t->payload_len = seglen - hl;
	t->payload_caplen = c->left < t->payload_len ? c->left :
	    t->payload_len;
	return rc;
}

static int
pkt_l4(struct pkt *p, struct cursor *c)
{
	switch (p->proto) {
	case IPPROTO_TCP_:
		return pkt_tcp(p, c);
	case IPPROTO_UDP_:
		return pkt_udp(p, c);
	default:
		return pkt_problem(&p->problem, PKT_UNSUPPORTED, c->off,
		    "unsupported IP protocol %u", p->proto);
	}
}

int
pkt_decode(struct pkt *p, int linktype, const uint8_t *data, size_t caplen,
    size_t wirelen)
{
	struct cursor c;

	memset(p, 0, sizeof(*p));
	p->linktype = linktype;
	p->data = data;
	p->caplen = data == NULL ? 0 : caplen;
	p->wirelen = wirelen;
	p->link_end = wirelen > p->caplen ? wirelen : p->caplen;
	cursor_init(&c, data, p->caplen);
	(void)pkt_link(p, &c, linktype);
	/* A layer may note a problem and go on (an IP length past the frame). */
	return p->problem.status == PKT_OK ? 0 : -1;
}

static int
pkt_link(struct pkt *p, struct cursor *c, int linktype)
{
	switch (linktype) {
	case PKT_LINK_ETHERNET:
		return pkt_eth(p, c);
	case PKT_LINK_SLL:
		return pkt_sll(p, c);
	case PKT_LINK_SLL2:
		return pkt_sll2(p, c);
	case PKT_LINK_NULL:
		return pkt_null(p, c, false);
	case PKT_LINK_LOOP:
		return pkt_null(p, c, true);
	case PKT_LINK_RAW:
	case PKT_LINK_RAW_ALT1:
	case PKT_LINK_RAW_ALT2:
		return pkt_raw(p, c);
	case PKT_LINK_IPV4:
		return pkt_net(p, c, ETHERTYPE_IPV4);
	case PKT_LINK_IPV6:
		return pkt_net(p, c, ETHERTYPE_IPV6);
	default:
		return pkt_problem(&p->problem, PKT_UNSUPPORTED, 0,
		    "unsupported link type %d", linktype);
	}
}

/*
 * Whether the checksum field is right: the sum over pseudo-header, header
 * and payload folds to 0xffff (RFC 1071 §1, which accepts either zero).  A
 * field holding only the folded pseudo-header sum is what Linux leaves for
 * the NIC to finish (CHECKSUM_PARTIAL), as a loopback capture shows it.
 */
enum pkt_cksum
pkt_tcp_cksum_check(const struct pkt *p, uint16_t *expected)
{
	const uint8_t *seg;
	uint32_t sum;
	uint16_t pseudo, want;

	if (expected != NULL)
		*expected = 0;
	if (!p->has_tcp || p->ipver == 0 || p->data == NULL ||
	    p->l4_len < 20 || p->l4_off > p->caplen ||
	    p->l4_len > p->caplen - p->l4_off)
		return CKSUM_UNCHECKABLE;
	/* A fragment holds part of the segment only. */
	if ((p->ipver == 4 && (p->ip4.mf || p->ip4.frag_offset != 0)) ||
	    (p->ipver == 6 && p->ip6.fragment &&
	    (p->ip6.mf || p->ip6.frag_offset != 0)))
		return CKSUM_UNCHECKABLE;
	if (p->l4_len > UINT32_MAX)
		return CKSUM_UNCHECKABLE;
	seg = p->data + p->l4_off;
	pseudo = cksum_pseudo(&p->src, &p->cksum_dst, 6, (uint32_t)p->l4_len);
	sum = cksum_add(pseudo, seg, 16);
	sum = cksum_add(sum, seg + 18, p->l4_len - 18);
	want = (uint16_t)~cksum_fold(sum);
	if (expected != NULL)
		*expected = want;
	if (cksum_fold((uint32_t)cksum_fold(sum) + p->tcp.cksum) == 0xffff)
		return CKSUM_OK;
	if (p->tcp.cksum == pseudo)
		return CKSUM_OFFLOAD;
	return CKSUM_BAD;
}
