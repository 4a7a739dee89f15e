/*
 * tcp_seq: sequence number arithmetic (RFC 9293 §3.4).  Sequence numbers
 * live in a 32-bit space that wraps, so "less than" means "less than by
 * fewer than 2^31": unsigned subtraction, then the top bit (no signed
 * overflow, as lwIP's TCP_SEQ_LT does it).
 */
#ifndef TS_TCP_SEQ_H
#define TS_TCP_SEQ_H

#include <stdbool.h>
#include <stdint.h>

static inline bool
seq_lt(uint32_t a, uint32_t b)
{
	return ((a - b) & 0x80000000u) != 0;
}

static inline bool
seq_le(uint32_t a, uint32_t b)
{
	return a == b || seq_lt(a, b);
}

static inline bool
seq_gt(uint32_t a, uint32_t b)
{
	return seq_lt(b, a);
}

static inline bool
seq_ge(uint32_t a, uint32_t b)
{
	return seq_le(b, a);
}

#endif
