/*
 * pkt: the packet codec.  Every byte tcpstep shows, explains or exports
 * passes through here.
 *
 * Decoding reads untrusted bytes through a struct cursor only, bounded by the
 * captured length.  It fills a struct pkt as far as it gets: a packet whose
 * TCP header is cut short still has its link and IP layers.  What went wrong
 * is in pkt.problem: truncated (the capture ended) is kept apart from invalid
 * (the bytes are wrong), with the byte offset from the start of the record.
 *
 * Encoding builds real IPv4/IPv6 + TCP packets with correct checksums, and
 * the Ethernet frame around them, into a caller's buffer.
 */
#ifndef TS_PKT_H
#define TS_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cursor.h"

/* Link types, by their LINKTYPE_ numbers as pcap files store them. */
enum {
	PKT_LINK_NULL = 0,	/* BSD loopback; family in host byte order */
	PKT_LINK_ETHERNET = 1,
	PKT_LINK_RAW = 101,	/* raw IPv4 or IPv6 */
	PKT_LINK_LOOP = 108,	/* OpenBSD loopback; family big-endian */
	PKT_LINK_SLL = 113,	/* Linux cooked capture v1 */
	PKT_LINK_IPV4 = 228,
	PKT_LINK_IPV6 = 229,
	PKT_LINK_SLL2 = 276	/* Linux cooked capture v2 */
};

/* DLT_RAW as some platforms number it in pcap files (12 or 14). */
#define PKT_LINK_RAW_ALT1	12
#define PKT_LINK_RAW_ALT2	14

enum pkt_status {
	PKT_OK = 0,
	PKT_TRUNC,		/* the capture ended inside a header */
	PKT_INVALID,		/* a header's bytes are wrong */
	PKT_UNSUPPORTED		/* a link type or protocol we do not decode */
};

struct pkt_problem {
	enum pkt_status	status;
	size_t		offset;		/* bytes from the record's start */
	char		what[120];	/* "truncated TCP header (14 of 20 bytes)" */
};

struct pkt_addr {
	uint8_t		family;		/* 4 or 6; 0 when unset */
	uint8_t		a[16];		/* IPv4 uses a[0..3] */
};

#define PKT_MAX_VLAN	2

struct pkt_eth {
	uint8_t		dst[6];
	uint8_t		src[6];
	int		n_vlan;
	uint16_t	vlan_tpid[PKT_MAX_VLAN];	/* 0x8100 or 0x88a8 */
	uint16_t	vlan_tci[PKT_MAX_VLAN];
	uint16_t	ethertype;	/* after the tags */
	int		vlan_depth;	/* tags walked; the first n_vlan kept */
};

struct pkt_ipv4 {
	uint8_t		ihl;		/* in 32-bit words */
	uint8_t		tos;
	uint16_t	tot_len;
	uint16_t	id;
	bool		df, mf;
	uint16_t	frag_offset;	/* in 8-byte units */
	uint8_t		ttl;
	uint8_t		proto;
	uint16_t	cksum;
	bool		cksum_ok;	/* valid header checksum */
	size_t		opt_len;	/* bytes of options */
};

#define PKT_MAX_EXT	8	/* IPv6 extension headers walked at most */

struct pkt_ipv6 {
	uint8_t		tclass;
	uint32_t	flow;
	uint16_t	plen;
	uint8_t		next;		/* the first Next Header */
	uint8_t		hlim;
	int		n_ext;
	uint8_t		ext[PKT_MAX_EXT]; /* extension header types, in order */
	size_t		ext_off[PKT_MAX_EXT]; /* and their offsets in the record */
	bool		fragment;	/* a Fragment header was seen */
	uint16_t	frag_offset;
	bool		mf;
};

enum {
	TCPOPT_EOL = 0, TCPOPT_NOP = 1, TCPOPT_MSS = 2, TCPOPT_WSCALE = 3,
	TCPOPT_SACK_PERM = 4, TCPOPT_SACK = 5, TCPOPT_TIMESTAMP = 8,
	TCPOPT_MPTCP = 30, TCPOPT_TFO = 34
};

#define TCP_MAX_OPTS	40
#define TCP_MAX_SACK	4

struct tcp_opt {
	uint8_t		kind;
	uint8_t		len;		/* total length; 1 for EOL and NOP */
	uint8_t		data_len;	/* bytes in data[] (len - 2) */
	uint8_t		data[38];	/* the option's bytes after kind and length */
	union {
		uint16_t	mss;
		uint8_t		wscale;
		struct {
			uint32_t	val, ecr;
		} ts;
		struct {
			int		n;
			uint32_t	left[TCP_MAX_SACK], right[TCP_MAX_SACK];
		} sack;
		uint8_t		mptcp_subtype;
	} u;
};

/* Control bits in the header's 13th byte (RFC 9293 §3.1, RFC 3168). */
enum {
	TH_FIN = 0x01, TH_SYN = 0x02, TH_RST = 0x04, TH_PSH = 0x08,
	TH_ACK = 0x10, TH_URG = 0x20, TH_ECE = 0x40, TH_CWR = 0x80
};

struct pkt_tcp {
	uint16_t	sport, dport;
	uint32_t	seq, ack;
	uint8_t		doff;		/* data offset, in 32-bit words */
	uint8_t		reserved;	/* the 4 reserved bits (AE is the lowest) */
	uint8_t		flags;		/* TH_* */
	uint16_t	win;
	uint16_t	cksum;
	uint16_t	urp;
	int		n_opts;
	struct tcp_opt	opts[TCP_MAX_OPTS];
	size_t		off;		/* offset of the TCP header in the record */
	size_t		payload_off;	/* offset of the payload in the record */
	size_t		payload_len;	/* payload length per the IP header */
	size_t		payload_caplen;	/* of which captured */
};

struct pkt_udp {
	uint16_t	sport, dport, len, cksum;
};

struct pkt {
	int		linktype;
	const uint8_t	*data;		/* the record's bytes; not owned */
	size_t		caplen, wirelen;
	size_t		link_end;	/* where the link layer says the IP
					   packet ends: the wire length, or
					   sooner by a PPPoE length field */

	bool		has_eth;
	struct pkt_eth	eth;
	uint16_t	ethertype;	/* of the network layer, whatever the link
					   (0x0800, 0x86dd, 0x0806 ARP, ...) */

	int		ipver;		/* 4, 6, or 0 if no IP header decoded */
	size_t		ip_off;
	struct pkt_ipv4	ip4;
	struct pkt_ipv6	ip6;
	struct pkt_addr	src, dst;
	struct pkt_addr	cksum_dst;	/* the pseudo-header's destination: the
					   final one of an IPv6 Routing header
					   (RFC 8200 §8.1), else dst */
	uint8_t		proto;		/* transport protocol (after IPv6 exts) */
	size_t		l4_off;
	size_t		l4_len;		/* transport bytes per the IP header */

	bool		has_tcp;	/* the fixed TCP header was decoded */
	struct pkt_tcp	tcp;
	bool		has_udp;
	struct pkt_udp	udp;

	struct pkt_problem problem;	/* status PKT_OK when all went well */
};

/*
 * Decode one record of the given link type.  Returns 0 when every header
 * present was decoded, -1 with p->problem set otherwise; either way p holds
 * everything decoded before the problem.  data must stay valid while p is
 * used.  Never reads past caplen.
 *
 * Edge cases: ARP returns 0 with ipver 0 (recognised, nothing to decode);
 * other ethertypes, IP protocols and link types are PKT_UNSUPPORTED.  A
 * later IPv4/IPv6 fragment returns 0 with proto set and has_tcp false.  An
 * IP length past the frame is noted PKT_TRUNC and decoding goes on (as
 * tcpdump's "truncated-ip"); an IPv4 total length or IPv6 payload length
 * of 0 (TSO, BIG TCP) takes the frame's length.  has_tcp is true once the
 * fixed 20 bytes are read, even if the data offset then proves invalid.
 */
int	pkt_decode(struct pkt *p, int linktype, const uint8_t *data,
	    size_t caplen, size_t wirelen);

/*
 * Decode TCP options from a cursor over exactly the options' bytes (mark it
 * trunc when the capture cut them, as cursor_sub does, so a short option is
 * PKT_TRUNC rather than PKT_INVALID).  Stops after EOL.  An option whose
 * length is wrong for its kind is kept raw (union zero) and ends decoding
 * with PKT_INVALID.  Returns 0, or -1 with *prob set (first problem only).
 */
int	pkt_tcp_opts_decode(struct cursor *c, struct pkt_tcp *t,
	    struct pkt_problem *prob);

/* --- checksums (RFC 1071) ---------------------------------------------- */

/*
 * Add bytes to a 32-bit one's-complement accumulator (odd lengths padded,
 * so only the last of several chunks may be odd).
 */
uint32_t cksum_add(uint32_t sum, const uint8_t *p, size_t n);
/* Fold the accumulator to 16 bits (not complemented). */
uint16_t cksum_fold(uint32_t sum);
/* The pseudo-header sum (folded, not complemented) for src, dst, proto, len. */
uint16_t cksum_pseudo(const struct pkt_addr *src, const struct pkt_addr *dst,
	    uint8_t proto, uint32_t len);

enum pkt_cksum {
	CKSUM_OK,
	CKSUM_BAD,
	CKSUM_OFFLOAD,		/* field holds the folded pseudo-header sum */
	CKSUM_UNCHECKABLE	/* not all of the segment was captured */
};

/*
 * Check a decoded TCP segment's checksum; *expected (may be NULL) gets the
 * right value, or 0 when uncheckable.  CKSUM_OK also accepts the other
 * one's-complement zero.  A fragment, or a segment not wholly captured, is
 * CKSUM_UNCHECKABLE.  IPv6 uses cksum_dst (a Routing header's final
 * address).
 */
enum pkt_cksum pkt_tcp_cksum_check(const struct pkt *p, uint16_t *expected);

/* --- encoding ---------------------------------------------------------- */

struct pkt_build {
	struct pkt_addr	src, dst;	/* same family: 4 or 6 */
	uint8_t		ttl;		/* hop limit for IPv6; 0 means 64 */
	uint16_t	ip_id;		/* IPv4 only */
	bool		df;		/* IPv4 only */
	struct pkt_tcp	tcp;		/* doff, cksum and offsets are computed;
					   options encoded in order, padded
					   with EOL to a multiple of 4 */
	const uint8_t	*payload;
	size_t		payload_len;
};

/*
 * Write the IP packet (IPv4 or IPv6 header, TCP header with options,
 * payload) with correct checksums.  Returns its length, or 0 if it does not
 * fit in cap or the options exceed 40 bytes.
 */
size_t	pkt_build_ip(uint8_t *buf, size_t cap, const struct pkt_build *b);

/*
 * Wrap an IP packet in an Ethernet II header (ethertype from the version
 * nibble); returns the frame's length, or 0 if it does not fit.  ip may
 * already sit at buf + 14.
 */
size_t	pkt_build_eth(uint8_t *buf, size_t cap, const uint8_t dst[6],
	    const uint8_t src[6], const uint8_t *ip, size_t iplen);

/* Encode one option into w (EOL and NOP as one byte). */
void	pkt_tcp_opt_encode(struct wbuf *w, const struct tcp_opt *o);

/* --- the TCP header's layout, for the views ---------------------------- */

struct tcp_field {
	const char	*name;		/* "Source Port" (RFC 9293 Figure 1) */
	const char	*key;		/* "sport", the stable name */
	unsigned	 bit_off;	/* from the header's first bit */
	unsigned	 bits;
	const char	*meaning;	/* N_() marked, one line */
};

extern const struct tcp_field tcp_fields[];
extern const size_t tcp_field_count;

/* --- names ------------------------------------------------------------- */

/* "SYN,ACK" style (names joined by ','; "none" when 0) into buf. */
const char *tcp_flags_names(uint8_t flags, char *buf, size_t len);
/* tcpdump's "[S.]" style into buf. */
const char *tcp_flags_tcpdump(uint8_t flags, char *buf, size_t len);
/* "192.0.2.10" or "2001:db8::10" into buf (at least 46 bytes). */
const char *pkt_addr_str(const struct pkt_addr *a, char *buf, size_t len);
/* "mss 1460", "sackOK", "TS val 1 ecr 0", "nop", "wscale 7", ... */
const char *tcp_opt_str(const struct tcp_opt *o, char *buf, size_t len);

#endif
