/*
 * profile: the host profiles.  Sources for each value are in the comments;
 * "rfc" takes the RFCs' own numbers where the others follow an
 * implementation.
 */
#include "profile.h"

#include <stddef.h>
#include <string.h>

#include "i18n.h"

#define MS	1000u
#define SEC	1000000u

static const struct profile profiles[] = {
	{
		.name = "linux",
		.desc = N_("Linux 6.x defaults"),
		/* tcp_syn_options(): MSS, SACK-permitted, TS, NOP, WS --
		 * as in ../shared/corpus/linux-lo-*.pcap */
		.syn_opts = { POPT_MSS, POPT_SACKOK, POPT_TS, POPT_NOP,
		    POPT_WSCALE, POPT_END },
		.wscale = 7,		/* tcp_rmem[2] 6 MB needs shift 7 */
		/* tcp_select_initial_window(): 64240 = 44 x 1460 in the SYN,
		 * 65160 = 45 x 1448 in the SYN-ACK (MSS less the 12-byte TS
		 * option) */
		.win_rule = PWIN_LINUX,
		.sndbuf = 16384,	/* net.ipv4.tcp_wmem[1] */
		.rcvbuf = 131072,	/* net.ipv4.tcp_rmem[1] */
		.ttl = 64,		/* net.ipv4.ip_default_ttl */
		.port_lo = 32768, .port_hi = 60999, /* ip_local_port_range */
		.rto_init_us = 1 * SEC,	/* TCP_TIMEOUT_INIT (RFC 6298) */
		.rto_min_us = 200 * MS,	/* TCP_RTO_MIN */
		.rto_max_us = 120 * SEC, /* TCP_RTO_MAX */
		.syn_retries = 6,	/* net.ipv4.tcp_syn_retries */
		.synack_retries = 5,	/* net.ipv4.tcp_synack_retries */
		.data_retries = 15,	/* net.ipv4.tcp_retries2 */
		.syn_linear = 4,	/* net.ipv4.tcp_syn_linear_timeouts */
		.delack_us = 40 * MS,	/* TCP_DELACK_MIN */
		.persist_min_us = 200 * MS,	/* TCP_RTO_MIN */
		.persist_max_us = 120 * SEC,	/* TCP_RTO_MAX */
		.keep_idle_us = 7200ull * SEC,	/* tcp_keepalive_time */
		.keep_intvl_us = 75 * SEC,	/* tcp_keepalive_intvl */
		.keep_probes = 9,		/* tcp_keepalive_probes */
		.time_wait_us = 60ull * SEC,	/* TCP_TIMEWAIT_LEN */
		.rst_on_unread = true,	/* tcp_close(): RFC 2525 §2.17 */
		.synack_on_dup_syn = true,	/* tcp_check_req() */
	},
	{
		.name = "windows",
		.desc = N_("Windows 10/11 defaults"),
		/* A Windows 10 SYN: mss, nop, wscale 8, nop, nop, sackOK */
		.syn_opts = { POPT_MSS, POPT_NOP, POPT_WSCALE, POPT_NOP,
		    POPT_NOP, POPT_SACKOK, POPT_END },
		.wscale = 8,
		.win_rule = PWIN_FIXED,
		.syn_win = 64240, .synack_win = 65535,
		.sndbuf = 65536, .rcvbuf = 65536,
		.ttl = 128,		/* DefaultTTL */
		.port_lo = 49152, .port_hi = 65535, /* netsh dynamicport */
		.rto_init_us = 1 * SEC,	/* Get-NetTCPSetting InitialRtoMs 1000 */
		.rto_min_us = 300 * MS,	/* Get-NetTCPSetting MinRtoMs 300 */
		.rto_max_us = 60 * SEC,
		.syn_retries = 2,	/* MaxSynRetransmissions 2 */
		.synack_retries = 2,	/* TcpMaxConnectResponseRetransmissions */
		.data_retries = 5,	/* TcpMaxDataRetransmissions */
		.syn_linear = 0,
		.delack_us = 200 * MS,	/* DelayedAckTimeoutMs 200 (TcpDelAckTicks 2) */
		.persist_min_us = 500 * MS,
		.persist_max_us = 60 * SEC,
		.keep_idle_us = 7200ull * SEC,	/* KeepAliveTime */
		.keep_intvl_us = 1 * SEC,	/* KeepAliveInterval */
		.keep_probes = 10,		/* fixed since Vista */
		.time_wait_us = 240ull * SEC,	/* TcpTimedWaitDelay 0xF0 */
		.rst_on_unread = true,
		.synack_on_dup_syn = true,
	},
	{
		.name = "minimal",
		.desc = N_("MSS option only, no scaling: the simplest first lesson"),
		.syn_opts = { POPT_MSS, POPT_END },
		.wscale = 0,
		.win_rule = PWIN_FIXED,
		.syn_win = 65535, .synack_win = 65535,
		.sndbuf = 65535, .rcvbuf = 65535,
		.ttl = 64,
		.port_lo = 49152, .port_hi = 65535,	/* RFC 6335 §6 */
		.rto_init_us = 1 * SEC,	/* RFC 6298 (2.1) */
		.rto_min_us = 1 * SEC,	/* RFC 6298 (2.4) */
		.rto_max_us = 60 * SEC,	/* RFC 6298 (2.5) */
		.syn_retries = 3,
		.synack_retries = 3,
		.data_retries = 5,
		.delack_us = 0,		/* ACK every segment at once */
		.persist_min_us = 1 * SEC,
		.persist_max_us = 60 * SEC,
		.keep_idle_us = 7200ull * SEC,
		.keep_intvl_us = 75 * SEC,
		.keep_probes = 9,
		.time_wait_us = 240ull * SEC,
		.rst_on_unread = false,
		.synack_on_dup_syn = true,
	},
	{
		.name = "rfc",
		.desc = N_("the RFCs' own values"),
		/* RFC 7323 Appendix A: options aligned with NOPs */
		.syn_opts = { POPT_MSS, POPT_NOP, POPT_WSCALE, POPT_NOP,
		    POPT_NOP, POPT_SACKOK, POPT_NOP, POPT_NOP, POPT_TS,
		    POPT_END },
		.wscale = 7,
		.win_rule = PWIN_FIXED,
		.syn_win = 65535, .synack_win = 65535,	/* RFC 7323 §2.2:
		    the window in a SYN is never scaled */
		.sndbuf = 65536, .rcvbuf = 131072,
		.ttl = 64,		/* RFC 1700's recommended TTL */
		.port_lo = 49152, .port_hi = 65535,	/* RFC 6335 §6 */
		.rto_init_us = 1 * SEC,	/* RFC 6298 (2.1) */
		.rto_min_us = 1 * SEC,	/* RFC 6298 (2.4) */
		.rto_max_us = 60 * SEC,	/* RFC 6298 (2.5) */
		.syn_retries = 6,	/* RFC 1122 4.2.3.5: R2 >= 3 minutes */
		.synack_retries = 5,
		.data_retries = 8,	/* RFC 1122 4.2.3.5: R2 >= 100 s */
		.delack_us = 200 * MS,	/* RFC 9293 §3.8.6.3: < 0.5 s */
		.persist_min_us = 1 * SEC,
		.persist_max_us = 60 * SEC,
		.keep_idle_us = 7200ull * SEC,	/* RFC 1122 4.2.3.6: >= 2 h */
		.keep_intvl_us = 75 * SEC,
		.keep_probes = 9,
		.time_wait_us = 240ull * SEC,	/* 2 x MSL, MSL = 2 min
						   (RFC 9293 §3.4.2) */
		.rst_on_unread = false,
		.synack_on_dup_syn = true,
	},
};

#define NPROFILES	(sizeof(profiles) / sizeof(profiles[0]))

size_t
profile_count(void)
{
	return NPROFILES;
}

const struct profile *
profile_at(size_t i)
{
	return i < NPROFILES ? &profiles[i] : NULL;
}

int
profile_find(const char *name)
{
	for (size_t i = 0; i < NPROFILES; i++)
		if (strcmp(profiles[i].name, name) == 0)
			return (int)i;
	return -1;
}
