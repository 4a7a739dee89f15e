/*
 * Tests of timers, faults and profiles (the second issue): RFC 6298
 * retransmission with each profile's backoff, the persist and keep-alive
 * timers, TIME-WAIT per profile, the fault plan, the profiles' SYNs; and
 * tshark's analysis of every built-in export (recorded by
 * tools/ref-scn-tshark.sh in tests/data/scn-tshark.txt) against what the
 * engine says each frame is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "pcap_rd.h"
#include "pkt.h"
#include "sim.h"
#include "tsim.h"

static struct sim *
tm_run(const char *scenario, const char *cprof, const char *sprof, bool v6)
{
	struct sim_config cfg = { scenario, 1, v6, cprof, sprof };
	struct ts_err err = { "" };
	struct sim *s = sim_new(&cfg, &err);

	if (s == NULL)
		fprintf(stderr, "tm_run: %s\n", err.msg);
	return s;
}

/* The nth captured frame (1-based) and its decoding. */
static const struct sim_step *
tm_frame(const struct sim *s, size_t nth, struct pkt *p)
{
	for (size_t k = 1; k <= sim_nsteps(s); k++) {
		const struct sim_step *st = sim_step_at(s, k);

		if (st->captured && --nth == 0) {
			pkt_decode(p, PKT_LINK_RAW, st->pkt, st->pkt_len,
			    st->pkt_len);
			return st;
		}
	}
	return NULL;
}

static size_t
tm_count(const struct sim *s, int host, const char *kind)
{
	size_t n = 0;

	while (tsim_find(s, host, kind, (int)n + 1) > 0)
		n++;
	return n;
}

static void
tm_opt_kinds(const struct pkt *p, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < p->tcp.n_opts && o + 4 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%u", i ? "," : "",
		    p->tcp.opts[i].kind);
}

static void
test_timers_profile_syn_options_in_order(void)
{
	static const struct { const char *prof, *kinds; unsigned win; } w[] = {
		{ "linux", "2,4,8,1,3", 64240 },
		{ "windows", "2,1,3,1,1,4", 64240 },
		{ "minimal", "2", 65535 },
		{ "rfc", "2,1,3,1,1,4,1,1,8", 65535 },
	};
	char kinds[64];
	struct pkt p;

	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		struct sim *s = tm_run("handshake", w[i].prof, w[i].prof, false);

		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		CU_ASSERT_PTR_NOT_NULL_FATAL(tm_frame(s, 1, &p));
		CU_ASSERT_EQUAL(p.tcp.flags, TH_SYN);
		tm_opt_kinds(&p, kinds, sizeof(kinds));
		CU_ASSERT_STRING_EQUAL(kinds, w[i].kinds);
		CU_ASSERT_EQUAL(p.tcp.win, w[i].win);
		sim_free(s);
	}
}

/* The option kinds of a real Linux SYN, from the shared corpus. */
static void
test_timers_linux_syn_matches_a_real_linux_syn(void)
{
	struct ts_err err;
	struct pcap_rd *r = pcap_rd_open(
	    "../shared/corpus/linux-lo-handshake-v4.pcap", NULL, &err);
	struct pcap_rec rec;
	struct sim *s = tm_run("handshake", NULL, NULL, false);
	char real[64] = "", ours[64];
	struct pkt p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	while (pcap_rd_next(r, &rec, &err) == 1) {
		if (pkt_decode(&p, pcap_rd_linktype(r), rec.data, rec.caplen,
		    rec.len) == 0 && p.has_tcp && p.tcp.flags == TH_SYN) {
			tm_opt_kinds(&p, real, sizeof(real));
			break;
		}
	}
	pcap_rd_close(r);
	tm_frame(s, 1, &p);
	tm_opt_kinds(&p, ours, sizeof(ours));
	CU_ASSERT_STRING_NOT_EQUAL(real, "");
	CU_ASSERT_STRING_EQUAL(ours, real);
	sim_free(s);
}

static void
test_timers_linux_windows_and_mss(void)
{
	struct sim *s = tm_run("handshake", NULL, NULL, false);
	struct pkt p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	tm_frame(s, 2, &p);
	CU_ASSERT_EQUAL(p.tcp.flags, TH_SYN | TH_ACK);
	CU_ASSERT_EQUAL(p.tcp.win, 65160);	/* 45 x (1460 - 12) */
	CU_ASSERT_EQUAL(p.tcp.opts[0].u.mss, 1460);
	sim_free(s);
	s = tm_run("handshake", NULL, NULL, true);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	tm_frame(s, 1, &p);
	CU_ASSERT_EQUAL(p.ipver, 6);
	CU_ASSERT_EQUAL(p.tcp.opts[0].u.mss, 1440);
	sim_free(s);
}

/* What both offered: SACK and scaling, no timestamps. */
static void
test_timers_mixed_stacks_negotiate_what_both_offered(void)
{
	struct sim *s = tm_run("mixed-stacks", NULL, NULL, false);
	size_t k;
	struct pkt p;
	char kinds[64];

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	k = tsim_find(s, SIM_CLIENT, "tcp.established", 1);
	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT_EQUAL(tsim_num(s, k, "client.tcb.ts_ok"), 0);
	CU_ASSERT_EQUAL(tsim_num(s, k, "client.tcb.sack_ok"), 1);
	CU_ASSERT_EQUAL(tsim_num(s, k, "client.tcb.snd_wscale"), 8);
	CU_ASSERT_EQUAL(tsim_num(s, k, "client.tcb.rcv_wscale"), 7);
	k = tsim_find(s, SIM_SERVER, "tcp.established", 1);
	CU_ASSERT_EQUAL(tsim_num(s, k, "server.tcb.ts_ok"), 0);
	CU_ASSERT_EQUAL(tsim_num(s, k, "server.tcb.sack_ok"), 1);
	tm_frame(s, 2, &p);
	tm_opt_kinds(&p, kinds, sizeof(kinds));
	CU_ASSERT_STRING_EQUAL(kinds, "2,1,3,1,1,4");
	CU_ASSERT_EQUAL(p.ip4.ttl, 128);
	tm_frame(s, 3, &p);
	CU_ASSERT_EQUAL(p.tcp.n_opts, 0);	/* no timestamps after all */
	sim_free(s);
}

/* Linux: the first four retries one RTO apart, then doubling. */
static void
test_timers_lost_syn_linux_backoff(void)
{
	static const uint64_t want[] = { 1, 2, 3, 4, 6, 10 };
	struct sim *s = tm_run("lost-syn", NULL, NULL, false);
	uint64_t t0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(tm_count(s, SIM_CLIENT, "tcp.rexmt_syn"), 6);
	t0 = sim_step_at(s, tsim_find(s, SIM_CLIENT, "tcp.syn_sent", 1))
	    ->time_us;
	for (size_t i = 0; i < 6; i++) {
		size_t k = tsim_find(s, SIM_CLIENT, "tcp.rexmt_syn",
		    (int)i + 1);

		CU_ASSERT_EQUAL(sim_step_at(s, k)->time_us - t0,
		    want[i] * 1000000);
		/* The same ISN every time. */
		CU_ASSERT_EQUAL(tsim_num(s, k, "segment.seq"),
		    tsim_num(s, k, "client.tcb.iss"));
	}
	CU_ASSERT(tsim_find(s, SIM_CLIENT, "tcp.established", 1) > 0);
	sim_free(s);
}

/* Windows gives up after two retries: connect() fails. */
static void
test_timers_lost_syn_windows_gives_up(void)
{
	struct sim *s = tm_run("lost-syn", "windows", NULL, false);
	size_t k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(tm_count(s, SIM_CLIENT, "tcp.rexmt_syn"), 2);
	k = tsim_find(s, SIM_CLIENT, "tcp.give_up", 1);
	CU_ASSERT_FATAL(k > 0);
	/* 1 s, then 2 s, then 4 s without an answer. */
	CU_ASSERT_EQUAL(sim_step_at(s, k)->time_us, 1000u + 7000000u);
	k = tsim_find(s, SIM_CLIENT, "app.connect_return", 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(sim_step_at(s, k)->params, "ETIMEDOUT"));
	sim_free(s);
}

static void
test_timers_lost_ack_server_repeats_synack(void)
{
	struct sim *s = tm_run("lost-ack", NULL, NULL, false);
	size_t k;
	char buf[32];

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	k = tsim_find(s, SIM_SERVER, "tcp.rexmt_synack", 1);
	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT_STRING_EQUAL(tsim_str(s, k, "server.state", buf,
	    sizeof(buf)), "SYN-RECEIVED");
	CU_ASSERT_STRING_EQUAL(tsim_str(s, k, "client.state", buf,
	    sizeof(buf)), "ESTABLISHED");
	CU_ASSERT(tsim_find(s, SIM_CLIENT, "tcp.challenge_ack", 1) > k);
	k = tsim_find(s, SIM_SERVER, "tcp.established", 1);
	CU_ASSERT(k > 0);
	CU_ASSERT(sim_step_at(s, k)->time_us > 1000000);
	sim_free(s);
}

static void
test_timers_zero_window_persist_and_update(void)
{
	struct sim *s = tm_run("zero-window", NULL, NULL, false);
	size_t zero = 0, probes, k;
	struct pkt p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	for (size_t f = 1; tm_frame(s, f, &p) != NULL; f++)
		if (p.src.a[3] == 20 && p.tcp.win == 0)
			zero++;
	CU_ASSERT(zero >= 2);
	probes = tm_count(s, SIM_CLIENT, "tcp.window_probe");
	CU_ASSERT(probes >= 2);
	/* The persist timer backs off: 200 ms, then 400 ms. */
	k = tsim_find(s, SIM_CLIENT, "tcp.window_probe", 2);
	CU_ASSERT_EQUAL(sim_step_at(s, k)->time_us - sim_step_at(s,
	    tsim_find(s, SIM_CLIENT, "tcp.window_probe", 1))->time_us, 400000);
	/* All 8000 bytes arrive in the end, and the FIN. */
	k = tsim_find(s, SIM_SERVER, "tcp.close_wait", 1);
	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT_EQUAL((uint32_t)(tsim_num(s, k, "server.tcb.rcv_nxt") -
	    tsim_num(s, k, "server.tcb.irs")), 8002);
	sim_free(s);
}

static void
test_timers_keepalive_probes_then_reset(void)
{
	struct sim *s = tm_run("keepalive", NULL, NULL, false);
	size_t k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(tm_count(s, SIM_CLIENT, "tcp.keepalive"), 5);
	k = tsim_find(s, SIM_CLIENT, "tcp.keepalive", 1);
	CU_ASSERT_EQUAL(sim_step_at(s, k)->time_us, 1200u + 10000000u);
	k = tsim_find(s, SIM_CLIENT, "tcp.keepalive_give_up", 1);
	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT_EQUAL(tsim_num(s, k, "client.nsock"), 0);
	sim_free(s);
}

/* "keepalive client on": the profile's 2 hours, not an overflowed one. */
static void
test_timers_keepalive_on_uses_the_profile(void)
{
	struct sim *s = tsim_text("keepalive client on\nend 150min\n"
	    "server socket\nserver bind 80\nserver listen 5\n"
	    "server accept\nclient socket\nclient connect 80\n", 1);
	size_t k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	k = tsim_find(s, SIM_CLIENT, "tcp.keepalive", 1);
	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT_EQUAL(sim_step_at(s, k)->time_us, 200u + 7200000000ull);
	CU_ASSERT(tsim_find(s, SIM_CLIENT, "tcp.keepalive", 2) == 0);
	sim_free(s);
}

static void
test_timers_time_wait_per_profile(void)
{
	static const struct { const char *p; uint64_t us; } w[] = {
		{ "linux", 60000000 }, { "rfc", 240000000 },
		{ "windows", 240000000 },
	};

	for (size_t i = 0; i < 3; i++) {
		struct sim *s = tm_run("close", w[i].p, NULL, false);
		size_t a, b;

		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		a = tsim_find(s, SIM_CLIENT, "tcp.time_wait", 1);
		b = tsim_find(s, SIM_CLIENT, "tcp.time_wait_end", 1);
		CU_ASSERT_FATAL(a > 0 && b > 0);
		CU_ASSERT_EQUAL(sim_step_at(s, b)->time_us -
		    sim_step_at(s, a)->time_us, w[i].us);
		sim_free(s);
	}
}

#define TM_DATA \
	"server socket\nserver bind 80\nserver listen 5\nserver accept\n" \
	"server recv 100\nserver recv 100\nclient at 1ms socket\n" \
	"client connect 80\nclient send \"one\"\nclient at 2ms send \"two\"\n"

static void
test_timers_faults_delay_duplicate_reorder_corrupt(void)
{
	struct sim *s;
	size_t k;

	s = tsim_text(TM_DATA "fault delay client syn 1 300ms\n", 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	k = tsim_find(s, SIM_SERVER, "ip.input", 1);
	CU_ASSERT_EQUAL(sim_step_at(s, k)->time_us, 1000u + 100u + 300000u);
	CU_ASSERT_EQUAL(tm_count(s, SIM_CLIENT, "tcp.rexmt_syn"), 0);
	sim_free(s);

	s = tsim_text(TM_DATA "fault duplicate client data 1\n", 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(tm_count(s, SIM_CLIENT, "wire.copy"), 1);
	k = tsim_find(s, SIM_CLIENT, "wire.copy", 1);
	CU_ASSERT_TRUE(sim_step_at(s, k)->captured);
	CU_ASSERT(tsim_find(s, SIM_SERVER, "tcp.out_of_window", 1) > k);
	sim_free(s);

	s = tsim_text(TM_DATA "fault reorder client data 1\n", 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT(tsim_find(s, SIM_SERVER, "tcp.out_of_order", 1) > 0);
	sim_free(s);

	s = tsim_text(TM_DATA "fault corrupt client data 1\n", 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	k = tsim_find(s, SIM_SERVER, "tcp.bad_checksum", 1);
	CU_ASSERT(k > 0);
	CU_ASSERT(tsim_find(s, SIM_CLIENT, "tcp.rexmt", 1) > k);
	/* The server gets "onetwo" in the end all the same. */
	CU_ASSERT(tsim_find(s, SIM_SERVER, "app.recv_return", 1) > 0);
	sim_free(s);
}

static void
test_timers_random_faults_follow_the_seed(void)
{
	const char *text = TM_DATA "fault drop random 30%\n";
	struct sim *a = tsim_text(text, 5), *b = tsim_text(text, 5);
	size_t drops = 0, n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(sim_nsteps(a), sim_nsteps(b));
	for (uint64_t seed = 1; seed <= 20; seed++) {
		struct sim *s = tsim_text(text, seed);

		drops += tm_count(s, -1, "wire.drop");
		n += tm_count(s, -1, "wire.send") + tm_count(s, -1,
		    "wire.drop");
		sim_free(s);
	}
	/* Roughly 30 %, and neither none nor all. */
	CU_ASSERT(drops > n / 10 && drops < n / 2);
	sim_free(a);
	sim_free(b);
}

/* --- agreement with tshark ------------------------------------------------ */

static bool
tm_is_rexmt(const char *kind)
{
	return strcmp(kind, "tcp.rexmt_syn") == 0 ||
	    strcmp(kind, "tcp.rexmt_synack") == 0 ||
	    strcmp(kind, "tcp.rexmt") == 0 ||
	    strcmp(kind, "tcp.synack_again") == 0 ||
	    /* A simultaneous open's SYN-ACK repeats the SYN's number. */
	    strcmp(kind, "tcp.simultaneous_open") == 0;
}

/* Our own words for frame f, in the reference's vocabulary. */
static void
tm_flags(const struct sim *s, size_t f, char *buf, size_t len)
{
	struct pkt p;
	const struct sim_step *st = tm_frame(s, f, &p);
	const char *kind = st->origin ? sim_step_at(s, st->origin)->kind : "";

	buf[0] = '\0';
	if (tm_is_rexmt(kind))
		snprintf(buf + strlen(buf), len - strlen(buf),
		    ",retransmission");
	if (p.tcp.win == 0 && !(p.tcp.flags & (TH_RST | TH_SYN | TH_FIN)))
		snprintf(buf + strlen(buf), len - strlen(buf), ",zero_window");
	if (strcmp(kind, "tcp.window_probe") == 0)
		snprintf(buf + strlen(buf), len - strlen(buf),
		    ",zero_window_probe");
	if (strcmp(kind, "tcp.keepalive") == 0)
		snprintf(buf + strlen(buf), len - strlen(buf), ",keep_alive");
	if (buf[0] == '\0')
		snprintf(buf, len, ",-");
	memmove(buf, buf + 1, strlen(buf));
}

static void
test_timers_tshark_agrees_with_every_builtin(void)
{
	FILE *f = fopen("tests/data/scn-tshark.txt", "r");
	char line[256], name[64] = "", flags[128], ours[128];
	struct sim *s = NULL;
	size_t frame, lines = 0, flagged = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		char sc[64];

		if (line[0] == '#')
			continue;
		if (sscanf(line, "%63s %zu %127s", sc, &frame, flags) != 3) {
			CU_FAIL("bad line in scn-tshark.txt");
			continue;
		}
		if (strcmp(sc, name) != 0) {
			sim_free(s);
			s = tm_run(sc, NULL, NULL, false);
			CU_ASSERT_PTR_NOT_NULL_FATAL(s);
			snprintf(name, sizeof(name), "%s", sc);
		}
		lines++;
		flagged += strcmp(flags, "-") != 0;
		tm_flags(s, frame, ours, sizeof(ours));
		if (strcmp(ours, flags) != 0)
			fprintf(stderr, "\n  %s frame %zu: tshark %s, we %s\n",
			    sc, frame, flags, ours);
		CU_ASSERT_STRING_EQUAL(ours, flags);
	}
	fclose(f);
	sim_free(s);
	CU_ASSERT(lines > 100);
	CU_ASSERT(flagged > 20);
}

void test_timers_register(void);

void
test_timers_register(void)
{
	CU_pSuite s = CU_add_suite("timers", NULL, NULL);

	CU_add_test(s, "each profile's SYN options, in order",
	    test_timers_profile_syn_options_in_order);
	CU_add_test(s, "linux SYN has a real Linux SYN's option kinds",
	    test_timers_linux_syn_matches_a_real_linux_syn);
	CU_add_test(s, "linux windows 64240/65160, MSS 1440 over IPv6",
	    test_timers_linux_windows_and_mss);
	CU_add_test(s, "linux client, windows server: what both offered",
	    test_timers_mixed_stacks_negotiate_what_both_offered);
	CU_add_test(s, "lost SYNs: linux retries 1,2,3,4,6,10 s",
	    test_timers_lost_syn_linux_backoff);
	CU_add_test(s, "lost SYNs: windows gives up, ETIMEDOUT",
	    test_timers_lost_syn_windows_gives_up);
	CU_add_test(s, "lost ACK: the server repeats its SYN-ACK",
	    test_timers_lost_ack_server_repeats_synack);
	CU_add_test(s, "zero window: probes back off, update, all arrives",
	    test_timers_zero_window_persist_and_update);
	CU_add_test(s, "keep-alive: probes, then a reset",
	    test_timers_keepalive_probes_then_reset);
	CU_add_test(s, "keep-alive on: the profile's two hours",
	    test_timers_keepalive_on_uses_the_profile);
	CU_add_test(s, "TIME-WAIT lasts the profile's 2 MSL",
	    test_timers_time_wait_per_profile);
	CU_add_test(s, "faults: delay, duplicate, reorder, corrupt",
	    test_timers_faults_delay_duplicate_reorder_corrupt);
	CU_add_test(s, "random faults follow the seed",
	    test_timers_random_faults_follow_the_seed);
	CU_add_test(s, "tshark's analysis agrees, every built-in",
	    test_timers_tshark_agrees_with_every_builtin);
}
