/*
 * The Internet checksum, RFC 1071: the one's-complement sum of 16-bit
 * big-endian words, an odd final byte padded with a zero byte.
 */
#include "cksum.h"

#include <stdint.h>

/*
 * The words are summed in 64 bits and folded back to 32 on return, so no
 * length a pcap record can have (up to 4 GiB) overflows the accumulator.
 * Only the last chunk given to a run of cksum_add calls may be odd: the pad
 * byte goes where the RFC puts it, after the final byte of all the data.
 */
uint32_t
cksum_add(uint32_t sum, const uint8_t *p, size_t n)
{
	uint64_t acc = sum;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		acc += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		acc += (uint32_t)p[n - 1] << 8;
	while (acc >> 32)
		acc = (acc & 0xffffffffu) + (acc >> 32);
	return (uint32_t)acc;
}

uint16_t
cksum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/*
 * IPv4 (RFC 9293 §3.1): source, destination, zero, protocol, 16-bit TCP
 * length.  IPv6 (RFC 8200 §8.1): source, destination, 32-bit upper-layer
 * length, three zero bytes, next header.  Summed as words both come to the
 * same thing: the addresses, the length's two halves and the protocol.
 */
uint16_t
cksum_pseudo(const struct pkt_addr *src, const struct pkt_addr *dst,
    uint8_t proto, uint32_t len)
{
	size_t alen = src->family == 6 ? 16 : 4;
	uint32_t sum = 0;

	sum = cksum_add(sum, src->a, alen);
	sum = cksum_add(sum, dst->a, alen);
	sum = cksum_fold(sum);		/* room for the additions below */
	sum += proto;
	sum += len >> 16;
	sum += len & 0xffff;
	return cksum_fold(sum);
}
