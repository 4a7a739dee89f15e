/*
 * cksum: the Internet checksum (RFC 1071) and the TCP/UDP pseudo-headers
 * (RFC 9293 §3.1, RFC 8200 §8.1).  The declarations live in pkt.h, the
 * codec's contract; this header only names the module.
 */
#ifndef TS_CKSUM_H
#define TS_CKSUM_H

#include "pkt.h"

#endif
