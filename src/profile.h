/*
 * profile: how one host's stack behaves where implementations differ.
 * Two stacks keep different control information inside, yet interoperate
 * because both follow the rules on the wire (the chapter's point).  Every
 * value carries its source in profile.c.
 */
#ifndef TS_PROFILE_H
#define TS_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* SYN option layout tokens, in the order a SYN carries them. */
enum {
	POPT_END = 0, POPT_MSS, POPT_SACKOK, POPT_TS, POPT_NOP, POPT_WSCALE
};

/* How the window in a SYN or SYN-ACK is chosen. */
enum {
	PWIN_FIXED = 0,		/* the profile's number */
	PWIN_LINUX		/* largest multiple of the MSS (less the
				   timestamp option) under 65536 */
};

struct profile {
	const char	*name;
	const char	*desc;
	uint8_t		 syn_opts[12];	/* POPT_*, POPT_END-terminated */
	uint8_t		 wscale;	/* shift offered */
	uint8_t		 win_rule;	/* PWIN_* */
	uint16_t	 syn_win;	/* PWIN_FIXED: window in the SYN */
	uint16_t	 synack_win;	/* ... and in the SYN-ACK */
	uint32_t	 sndbuf, rcvbuf;	/* socket buffer sizes */
	uint8_t		 ttl;
	uint16_t	 port_lo, port_hi;	/* ephemeral ports */
	uint32_t	 rto_init_us, rto_min_us, rto_max_us;
	uint8_t		 syn_retries, synack_retries, data_retries;
	uint8_t		 syn_linear;	/* SYN retries before backing off */
	uint32_t	 delack_us;	/* 0: ACK at once */
	uint32_t	 persist_min_us, persist_max_us;
	uint64_t	 keep_idle_us, keep_intvl_us;
	uint8_t		 keep_probes;
	uint64_t	 time_wait_us;	/* 2 x MSL */
	bool		 rst_on_unread;	/* close() with unread data sends RST */
	bool		 synack_on_dup_syn;	/* resend SYN-ACK on a dup SYN */
};

size_t			 profile_count(void);
const struct profile	*profile_at(size_t i);
/* Index of the named profile, or -1. */
int			 profile_find(const char *name);

#endif
