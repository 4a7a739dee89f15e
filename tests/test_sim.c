/*
 * Tests of the run as a whole: the handshake's tagged steps, exact step
 * back, determinism, the exported bytes, fault injection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "pkt.h"
#include "sim.h"
#include "tsim.h"
#include "xalloc.h"

static const char *const sim_builtins[] = {
	"handshake", "handshake-v6", "data", "close", "close-simultaneous",
	"open-simultaneous", "rst-closed-port",
};

#define NBUILTINS	(sizeof(sim_builtins) / sizeof(sim_builtins[0]))

/* The handshake, step by step: the book's model on a real stack. */
struct want_step {
	int		 host;
	const char	*kind;
	int		 chapter;
};

static const struct want_step handshake_steps[] = {
	{ SIM_SERVER, "sock.socket", 0 },
	{ SIM_SERVER, "sock.bind", 0 },
	{ SIM_SERVER, "sock.listen", 0 },
	{ SIM_SERVER, "sock.accept", 0 },
	{ SIM_CLIENT, "sock.socket", 0 },
	{ SIM_CLIENT, "sock.connect", 0 },
	{ SIM_CLIENT, "tcp.header", 1 },
	{ SIM_CLIENT, "tcp.syn_sent", 2 },
	{ SIM_CLIENT, "ip.output", 3 },
	{ SIM_CLIENT, "wire.send", 3 },
	{ SIM_SERVER, "ip.input", 4 },
	{ SIM_SERVER, "tcp.demux", 4 },
	{ SIM_SERVER, "tcp.syn_received", 5 },
	{ SIM_SERVER, "ip.output", 5 },
	{ SIM_SERVER, "wire.send", 5 },
	{ SIM_CLIENT, "ip.input", 6 },
	{ SIM_CLIENT, "tcp.demux", 6 },
	{ SIM_CLIENT, "tcp.established", 6 },
	{ SIM_CLIENT, "ip.output", 6 },
	{ SIM_CLIENT, "wire.send", 6 },
	{ SIM_CLIENT, "app.connect_return", 0 },
	{ SIM_SERVER, "ip.input", 7 },
	{ SIM_SERVER, "tcp.demux", 7 },
	{ SIM_SERVER, "tcp.established", 7 },
	{ SIM_SERVER, "app.accept_return", 7 },
};

#define NHS	(sizeof(handshake_steps) / sizeof(handshake_steps[0]))

static void
check_handshake(const char *scenario, uint64_t seed, bool ipv6)
{
	struct sim *s = tsim_run(scenario, seed, ipv6);
	char buf[64];
	size_t k;
	uint64_t ciss, siss;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(sim_nsteps(s), NHS);
	for (k = 1; k <= sim_nsteps(s) && k <= NHS; k++) {
		const struct sim_step *st = sim_step_at(s, k);

		CU_ASSERT_EQUAL(st->host, handshake_steps[k - 1].host);
		CU_ASSERT_STRING_EQUAL(st->kind, handshake_steps[k - 1].kind);
		CU_ASSERT_EQUAL(st->chapter, handshake_steps[k - 1].chapter);
	}
	/* The states the chapter names, after its steps. */
	CU_ASSERT_STRING_EQUAL(tsim_str(s, 3, "server.state", buf,
	    sizeof(buf)), "LISTEN");
	CU_ASSERT_STRING_EQUAL(tsim_str(s, 6, "client.sock.local_addr", buf,
	    sizeof(buf)), ipv6 ? "2001:db8::10" : "192.0.2.10");
	CU_ASSERT_STRING_EQUAL(tsim_str(s, 5, "client.sock.local_addr", buf,
	    sizeof(buf)), "-");		/* not yet assigned */
	CU_ASSERT_EQUAL(tsim_num(s, 5, "client.sock.rcvbuf_size"), 0);
	CU_ASSERT(tsim_num(s, 6, "client.sock.rcvbuf_size") > 0);
	CU_ASSERT_STRING_EQUAL(tsim_str(s, 8, "client.state", buf,
	    sizeof(buf)), "SYN-SENT");
	ciss = tsim_num(s, 8, "client.tcb.iss");
	CU_ASSERT_EQUAL(tsim_num(s, 8, "segment.seq"), ciss);
	CU_ASSERT_STRING_EQUAL(tsim_str(s, 8, "segment.flags", buf,
	    sizeof(buf)), "SYN");
	CU_ASSERT_STRING_EQUAL(tsim_str(s, 13, "server.state", buf,
	    sizeof(buf)), "SYN-RECEIVED");
	siss = tsim_num(s, 13, "server.tcb.iss");
	CU_ASSERT_EQUAL(tsim_num(s, 13, "server.tcb.irs"), ciss);
	CU_ASSERT_EQUAL(tsim_num(s, 13, "segment.ack"), (ciss + 1) & 0xffffffff);
	CU_ASSERT_EQUAL(tsim_num(s, 13, "segment.sport"),
	    tsim_num(s, 8, "segment.dport"));	/* the ports swapped */
	CU_ASSERT_STRING_EQUAL(tsim_str(s, 15, "segment.where", buf,
	    sizeof(buf)), "wire");
	CU_ASSERT_STRING_EQUAL(tsim_str(s, 18, "client.state", buf,
	    sizeof(buf)), "ESTABLISHED");
	CU_ASSERT_EQUAL(tsim_num(s, 18, "client.tcb.irs"), siss);
	CU_ASSERT_EQUAL(tsim_num(s, 18, "client.tcb.rcv_nxt"),
	    (siss + 1) & 0xffffffff);
	CU_ASSERT_STRING_EQUAL(tsim_str(s, 23, "server.state", buf,
	    sizeof(buf)), "SYN-RECEIVED");
	CU_ASSERT_STRING_EQUAL(tsim_str(s, 24, "server.state", buf,
	    sizeof(buf)), "ESTABLISHED");
	CU_ASSERT_EQUAL(tsim_num(s, 25, "server.sock.fd"), 4);
	CU_ASSERT_EQUAL(tsim_num(s, 24, "step.chapter"), 7);
	CU_ASSERT_TRUE(sim_step_changed(s, 8, "client.state"));
	CU_ASSERT_TRUE(sim_step_changed(s, 8, "client.tcb.iss"));
	CU_ASSERT_FALSE(sim_step_changed(s, 8, "server.state"));
	/* MSS from the MTU: 1500 less 40 (IPv4+TCP) or 60 (IPv6+TCP). */
	CU_ASSERT_EQUAL(tsim_num(s, 25, "client.tcb.mss"), ipv6 ? 1440 : 1460);
	sim_free(s);
}

static void
test_sim_handshake_tagged_sequence(void)
{
	check_handshake("handshake", 1, false);
}

static void
test_sim_handshake_tagged_sequence_other_seed(void)
{
	check_handshake("handshake", 99, false);
}

static void
test_sim_handshake_tagged_sequence_ipv6(void)
{
	check_handshake("handshake-v6", 1, true);
	check_handshake("handshake", 7, true);	/* -6 on the IPv4 one */
}

/* Everything a view can see at the current step. */
struct dump {
	struct host		 host[SIM_NHOSTS];
	struct sim_seg		 seg;
	struct sim_value	*v;
	uint64_t		 now;
};

static void
dump_take(struct sim *s, struct dump *d)
{
	size_t n;

	sim_names(&n);
	for (int h = 0; h < SIM_NHOSTS; h++)
		d->host[h] = *sim_host(s, h);
	sim_segment(s, &d->seg);
	d->v = xcalloc(n, sizeof(*d->v));
	for (size_t i = 0; i < n; i++)
		sim_get_index(s, i, &d->v[i]);
	d->now = sim_now(s);
}

static bool
dump_equal(struct sim *s, const struct dump *d)
{
	struct dump now;
	bool eq = true;
	size_t n;

	sim_names(&n);
	dump_take(s, &now);
	eq = memcmp(now.host, d->host, sizeof(now.host)) == 0 &&
	    memcmp(&now.seg, &d->seg, sizeof(now.seg)) == 0 &&
	    now.now == d->now;
	for (size_t i = 0; i < n; i++)
		if (now.v[i].num != d->v[i].num ||
		    strcmp(now.v[i].str, d->v[i].str) != 0)
			eq = false;
	free(now.v);
	return eq;
}

static void
check_back_and_forth(struct sim *s)
{
	struct dump *d;
	size_t n, bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	n = sim_nsteps(s);
	CU_ASSERT(n > 0);
	d = xcalloc(n + 1, sizeof(*d));
	for (size_t k = 0; k <= n; k++) {
		CU_ASSERT_EQUAL(sim_goto(s, k), 0);
		CU_ASSERT_EQUAL(sim_cur(s), k);
		dump_take(s, &d[k]);
	}
	/* Back one at a time, then jumps all over. */
	for (size_t k = n + 1; k-- > 0; ) {
		sim_goto(s, k);
		bad += !dump_equal(s, &d[k]);
	}
	for (size_t i = 0; i < 3 * (n + 1); i++) {
		size_t k = (i * 7919 + 13) % (n + 1);

		sim_goto(s, k);
		bad += !dump_equal(s, &d[k]);
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(sim_goto(s, n + 1), -1);
	for (size_t k = 0; k <= n; k++)
		free(d[k].v);
	free(d);
	sim_free(s);
}

static void
test_sim_every_builtin_steps_back_exactly(void)
{
	for (size_t i = 0; i < sim_builtin_count(); i++)
		check_back_and_forth(tsim_run(sim_builtin_name(i), 3, false));
}

/* Longer than a snapshot interval, so snapshots and replay both count. */
static void
test_sim_long_run_steps_back_exactly(void)
{
	struct sim *s = tsim_text("server socket\nserver bind 80\n"
	    "server listen 1\nserver accept\nserver recv 65536\n"
	    "server recv 65536\nserver recv 65536\nserver recv 65536\n"
	    "server recv 65536\nserver recv 65536\nserver recv 65536\n"
	    "server recv 65536\nserver close\nclient socket\n"
	    "client connect 80\nclient send 30000\nclient close\n", 11);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT(sim_nsteps(s) > 128 + 64);	/* past a snapshot */
	check_back_and_forth(s);
}

/* All packets a run puts on the wire, concatenated. */
static uint8_t *
sim_wire_bytes(const struct sim *s, size_t *len)
{
	uint8_t *b = NULL;

	*len = 0;
	for (size_t k = 1; k <= sim_nsteps(s); k++) {
		const struct sim_step *st = sim_step_at(s, k);

		if (!st->captured)
			continue;
		b = xrealloc(b, *len + st->pkt_len + 1, 1);
		memcpy(b + *len, st->pkt, st->pkt_len);
		*len += st->pkt_len;
	}
	return b;
}

static void
test_sim_same_seed_same_bytes_other_seed_other_isn(void)
{
	for (size_t i = 0; i < NBUILTINS; i++) {
		struct sim *a = tsim_run(sim_builtins[i], 42, false);
		struct sim *b = tsim_run(sim_builtins[i], 42, false);
		struct sim *c = tsim_run(sim_builtins[i], 43, false);
		size_t la, lb, lc;
		uint8_t *ba, *bb, *bc;

		CU_ASSERT_PTR_NOT_NULL_FATAL(a);
		CU_ASSERT_PTR_NOT_NULL_FATAL(b);
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		ba = sim_wire_bytes(a, &la);
		bb = sim_wire_bytes(b, &lb);
		bc = sim_wire_bytes(c, &lc);
		CU_ASSERT(la > 0);
		CU_ASSERT_EQUAL(la, lb);
		CU_ASSERT(la == lb && memcmp(ba, bb, la) == 0);
		CU_ASSERT(la != lc || memcmp(ba, bc, la) != 0);
		sim_goto(a, sim_nsteps(a));
		sim_goto(c, sim_nsteps(c));
		/* The client's ISN is in its first SYN: seeds differ there. */
		{
			size_t ka = tsim_find(a, SIM_CLIENT, "tcp.syn_sent", 1);
			size_t kc = tsim_find(c, SIM_CLIENT, "tcp.syn_sent", 1);

			CU_ASSERT(ka > 0 && kc > 0);
			CU_ASSERT_NOT_EQUAL(tsim_num(a, ka, "client.tcb.iss"),
			    tsim_num(c, kc, "client.tcb.iss"));
		}
		free(ba);
		free(bb);
		free(bc);
		sim_free(a);
		sim_free(b);
		sim_free(c);
	}
}

static void
check_exported_decode(struct sim *s, size_t *frames)
{
	for (size_t k = 1; k <= sim_nsteps(s); k++) {
		const struct sim_step *st = sim_step_at(s, k);
		uint16_t want;
		struct pkt p;

		if (!st->captured)
			continue;
		(*frames)++;
		CU_ASSERT_EQUAL(pkt_decode(&p, PKT_LINK_RAW, st->pkt,
		    st->pkt_len, st->pkt_len), 0);
		CU_ASSERT_TRUE(p.has_tcp);
		CU_ASSERT_EQUAL(pkt_tcp_cksum_check(&p, &want), CKSUM_OK);
		if (p.ipver == 4)
			CU_ASSERT_TRUE(p.ip4.cksum_ok);
		CU_ASSERT_EQUAL(p.problem.status, PKT_OK);
	}
}

static void
test_sim_every_exported_segment_decodes_with_good_checksums(void)
{
	for (size_t i = 0; i < sim_builtin_count(); i++)
		for (int v6 = 0; v6 < 2; v6++) {
			struct sim *s = tsim_run(sim_builtin_name(i), 5, v6);
			size_t frames = 0;

			CU_ASSERT_PTR_NOT_NULL_FATAL(s);
			check_exported_decode(s, &frames);
			CU_ASSERT(frames >= 2);
			sim_free(s);
		}
}

static void
test_sim_inject_drop_retransmits_and_keeps_the_past(void)
{
	struct sim *s = tsim_run("handshake", 1, false);
	size_t k, n0;
	char *text;
	const struct sim_step *st;
	char before[96];

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	k = tsim_find(s, SIM_CLIENT, "ip.output", 1);	/* the SYN, in IP */
	CU_ASSERT_FATAL(k > 0);
	n0 = sim_nsteps(s);
	snprintf(before, sizeof(before), "%s", sim_step_at(s, k)->params);
	CU_ASSERT_EQUAL(sim_inject(s, k, SIM_FAULT_DROP, 0, NULL), 0);
	CU_ASSERT_EQUAL(sim_cur(s), k);
	CU_ASSERT_STRING_EQUAL(sim_step_at(s, k)->params, before);
	st = sim_step_at(s, k + 1);
	CU_ASSERT_STRING_EQUAL(st->kind, "wire.drop");
	CU_ASSERT_TRUE(st->captured);	/* a capture beside the sender sees it */
	CU_ASSERT(tsim_find(s, SIM_CLIENT, "tcp.rexmt_syn", 1) > k);
	CU_ASSERT(sim_nsteps(s) > n0);
	/* The retransmitted SYN goes a second (the initial RTO) later. */
	st = sim_step_at(s, tsim_find(s, SIM_CLIENT, "tcp.rexmt_syn", 1));
	CU_ASSERT_EQUAL(st->time_us, 1000u + 1000000u);
	text = sim_scenario_text(s);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "fault drop segment 1\n"));
	free(text);
	/* Again at the same step: the delay replaces the drop. */
	CU_ASSERT_EQUAL(sim_inject(s, k, SIM_FAULT_DELAY, 0, NULL), 0);
	CU_ASSERT_STRING_EQUAL(sim_step_at(s, k + 1)->kind, "wire.delay");
	CU_ASSERT_EQUAL(tsim_find(s, SIM_CLIENT, "tcp.rexmt_syn", 1), 0);
	text = sim_scenario_text(s);
	CU_ASSERT_PTR_NULL(strstr(text, "fault drop"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "fault delay segment 1 500ms\n"));
	free(text);
	CU_ASSERT_EQUAL(sim_inject(s, sim_nsteps(s) + 1, SIM_FAULT_DROP, 0,
	    NULL), -1);
	sim_free(s);
}

static void
test_sim_names_all_readable(void)
{
	struct sim *s = tsim_run("data", 1, false);
	const char *const *names;
	struct sim_value v;
	struct ts_err err;
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	names = sim_names(&n);
	CU_ASSERT(n > 50);
	sim_goto(s, sim_nsteps(s) / 2);
	for (size_t i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(sim_get(s, names[i], &v, &err), 0);
		CU_ASSERT_EQUAL(sim_name_index(names[i]), (int)i);
	}
	CU_ASSERT_EQUAL(sim_get(s, "client.tcb.nope", &v, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "unknown name"));
	sim_free(s);
}

static void
test_sim_narration_fills_every_field(void)
{
	for (size_t i = 0; i < sim_builtin_count(); i++) {
		struct sim *s = tsim_run(sim_builtin_name(i), 1, false);
		char buf[512];

		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		for (size_t k = 1; k <= sim_nsteps(s); k++) {
			sim_step_text(s, k, buf, sizeof(buf));
			CU_ASSERT(strlen(buf) > 10);
			CU_ASSERT_PTR_NULL(strchr(buf, '{'));
			CU_ASSERT_PTR_NULL(strstr(buf, " ? "));
		}
		sim_free(s);
	}
}

/* 1 if the string field reads want after step k. */
static int
tsim_str_is(struct sim *s, size_t k, const char *name, const char *want)
{
	char buf[64];

	tsim_str(s, k, name, buf, sizeof(buf));
	if (strcmp(buf, want) != 0)
		fprintf(stderr, "step %zu: %s is %s, not %s\n", k, name, buf,
		    want);
	return strcmp(buf, want) == 0;
}

/* Steps of a kind whose name starts with prefix. */
static size_t
count_kind(const struct sim *s, int host, const char *prefix)
{
	size_t n = 0;

	for (size_t k = 1; k <= sim_nsteps(s); k++) {
		const struct sim_step *st = sim_step_at(s, k);

		if ((host < 0 || st->host == host) &&
		    strncmp(st->kind, prefix, strlen(prefix)) == 0)
			n++;
	}
	return n;
}

static const char dup_syn_scn[] =
	"latency 100us\n"
	"fault duplicate client syn 1\n"
	"server socket\nserver bind 80\nserver listen 5\nserver accept\n"
	"client at 1ms socket\nclient connect 80\n";

/*
 * Both copies of a duplicated SYN arrive at the same instant: the second
 * must find the SYN-RECEIVED socket the first made (by the 4-tuple) and
 * at most bring the SYN+ACK again, not make a second half-open socket
 * that then retransmits its SYN+ACK for half a minute.
 */
static void
test_sim_duplicate_syn_finds_the_pending_connection(void)
{
	struct sim *s = tsim_text(dup_syn_scn, 1);
	size_t k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT(tsim_find(s, SIM_CLIENT, "wire.duplicate", 1) > 0);
	CU_ASSERT_EQUAL(count_kind(s, SIM_SERVER, "tcp.syn_received"), 1);
	k = tsim_find(s, SIM_SERVER, "tcp.synack_again", 1);
	CU_ASSERT_FATAL(k > 0);
	/* The demux just before it found the pending socket, by 4-tuple. */
	CU_ASSERT_STRING_EQUAL(sim_step_at(s, k - 1)->kind, "tcp.demux");
	CU_ASSERT_PTR_NOT_NULL(strstr(sim_step_at(s, k - 1)->params,
	    "socket=pending state=SYN-RECEIVED by=4-tuple"));
	CU_ASSERT_EQUAL(count_kind(s, SIM_SERVER, "tcp.rexmt"), 0);
	for (k = 1; k <= sim_nsteps(s); k++)
		CU_ASSERT(tsim_num(s, k, "server.nsock") <= 2);
	k = sim_nsteps(s);
	CU_ASSERT(sim_step_at(s, k)->time_us < 10000);
	CU_ASSERT_EQUAL(tsim_str_is(s, k, "client.state", "ESTABLISHED"), 1);
	CU_ASSERT_EQUAL(tsim_str_is(s, k, "server.state", "ESTABLISHED"), 1);
	sim_free(s);
}

/* The k-th captured frame (a segment put on the wire), or 0. */
static size_t
nth_frame(const struct sim *s, size_t nth)
{
	for (size_t k = 1; k <= sim_nsteps(s); k++)
		if (sim_step_at(s, k)->captured && --nth == 0)
			return k;
	return 0;
}

struct fault_case {
	const char	*scenario;
	const char	*end_client;	/* the state at the end */
	const char	*end_server;
};

/*
 * The TUI's f key on every segment of a scenario: drop, duplicate or
 * delay it.  Whatever the fault, TCP recovers: no socket beyond the
 * listener and the one connection, at most a couple of retransmissions,
 * windows never wrap below zero, both ends in the state the scenario
 * reaches without faults, and every frame is a real packet.
 */
static void
test_sim_faults_on_every_segment_end_sane(void)
{
	static const struct fault_case cases[] = {
		{ "handshake", "ESTABLISHED", "ESTABLISHED" },
		{ "data", "ESTABLISHED", "ESTABLISHED" },
		/* the server's connection is gone: its listener is left */
		{ "close", "CLOSED", "LISTEN" },
	};
	static const int faults[] = { SIM_FAULT_DROP, SIM_FAULT_DUP,
	    SIM_FAULT_DELAY };

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct sim *base = tsim_run(cases[c].scenario, 3, false);
		size_t nseg = 0;

		CU_ASSERT_PTR_NOT_NULL_FATAL(base);
		while (nth_frame(base, nseg + 1) != 0)
			nseg++;
		CU_ASSERT(nseg >= 3);
		for (size_t j = 1; j <= nseg; j++)
			for (size_t f = 0; f < 3; f++) {
				struct sim *s = tsim_run(cases[c].scenario, 3,
				    false);
				size_t k = nth_frame(s, j), frames = 0, end;

				CU_ASSERT_FATAL(k > 1);
				CU_ASSERT_EQUAL_FATAL(sim_inject(s, k - 1,
				    faults[f], 0, NULL), 0);
				CU_ASSERT(sim_step_at(s, k)->captured);
				CU_ASSERT(count_kind(s, -1, "tcp.rexmt") <= 2);
				for (k = 1; k <= sim_nsteps(s); k++) {
					CU_ASSERT(tsim_num(s, k,
					    "server.nsock") <= 2);
					CU_ASSERT(tsim_num(s, k,
					    "client.tcb.rcv_wnd") < 1u << 30);
					CU_ASSERT(tsim_num(s, k,
					    "server.tcb.snd_wnd") < 1u << 30);
				}
				end = sim_nsteps(s);
				CU_ASSERT_EQUAL(tsim_str_is(s, end,
				    "client.state", cases[c].end_client), 1);
				CU_ASSERT_EQUAL(tsim_str_is(s, end,
				    "server.state", cases[c].end_server), 1);
				check_exported_decode(s, &frames);
				CU_ASSERT(frames >= nseg);
				sim_free(s);
			}
		sim_free(base);
	}
}

static void
test_sim_demux_says_how_it_found_the_socket(void)
{
	struct sim *s = tsim_run("handshake", 1, false);
	char buf[512];
	size_t k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	/* [4]: the listener, by the destination port. */
	k = tsim_find(s, SIM_SERVER, "tcp.demux", 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(sim_step_at(s, k)->params,
	    "fd=3 state=LISTEN by=port"));
	CU_ASSERT_PTR_NOT_NULL(strstr(sim_step_text(s, k, buf, sizeof(buf)),
	    "by the destination port 80"));
	/* [6]: the client's own connection, by the 4-tuple. */
	k = tsim_find(s, SIM_CLIENT, "tcp.demux", 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(sim_step_at(s, k)->params,
	    "fd=3 state=SYN-SENT by=4-tuple"));
	sim_step_text(s, k, buf, sizeof(buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "4-tuple"));
	CU_ASSERT_PTR_NULL(strstr(buf, "destination port"));
	/* [7]: the connection in the listen queue: no descriptor yet. */
	k = tsim_find(s, SIM_SERVER, "tcp.demux", 2);
	CU_ASSERT_PTR_NULL(strstr(sim_step_at(s, k)->params, "fd=-1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(sim_step_at(s, k)->params,
	    "socket=pending state=SYN-RECEIVED by=4-tuple"));
	sim_step_text(s, k, buf, sizeof(buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "listen queue"));
	CU_ASSERT_PTR_NULL(strstr(buf, "destination port"));
	sim_free(s);
}

/* Steps whose one kind covers cases a student must tell apart. */
static void
test_sim_narration_tells_the_cases_apart(void)
{
	struct sim *s;
	char buf[512];
	size_t k;

	s = tsim_run("close-simultaneous", 1, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	/* CLOSING to TIME-WAIT takes an ACK: there is no FIN to answer. */
	k = tsim_find(s, SIM_CLIENT, "tcp.time_wait", 1);
	CU_ASSERT_FATAL(k > 0);
	sim_step_text(s, k, buf, sizeof(buf));
	CU_ASSERT_PTR_NULL(strstr(buf, "FIN and acknowledges"));
	CU_ASSERT_EQUAL(tsim_num(s, k - 1, "client.tcb.rcv_nxt"),
	    tsim_num(s, k, "client.tcb.rcv_nxt"));
	sim_free(s);

	s = tsim_run("zero-window", 1, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	/* Every data step narrates the bytes it took, never "0 bytes". */
	for (k = 1; k <= sim_nsteps(s); k++)
		if (strcmp(sim_step_at(s, k)->kind, "tcp.data") == 0) {
			sim_step_text(s, k, buf, sizeof(buf));
			CU_ASSERT_PTR_NULL(strstr(buf, "puts 0 bytes"));
		}
	k = tsim_find(s, SIM_CLIENT, "tcp.send_fin", 1);
	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT(tsim_num(s, k, "segment.len") > 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(sim_step_text(s, k, buf, sizeof(buf)),
	    "last"));
	sim_free(s);

	s = tsim_run("close", 1, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	k = tsim_find(s, SIM_SERVER, "app.recv_return", 1);
	CU_ASSERT_FATAL(k > 0);
	sim_step_text(s, k, buf, sizeof(buf));
	CU_ASSERT_PTR_NULL(strstr(buf, "taken from the receive buffer"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "FIN"));
	sim_free(s);

	s = tsim_run("backlog-full", 1, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	k = tsim_find(s, SIM_SERVER, "sock.accept", 1);
	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(sim_step_at(s, k)->params, "fd=4"));
	CU_ASSERT_PTR_NULL(strstr(sim_step_at(s, k)->params, "blocks"));
	CU_ASSERT_PTR_NULL(strstr(sim_step_text(s, k, buf, sizeof(buf)),
	    "waits"));
	sim_free(s);

	s = tsim_run("rst-closed-port", 1, false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	k = tsim_find(s, SIM_CLIENT, "sock.close", 1);
	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT_PTR_NULL(strstr(sim_step_text(s, k, buf, sizeof(buf)),
	    "starts to disconnect"));
	sim_free(s);
}

/*
 * The client's last ACK is lost: the server sends its FIN again, and the
 * client in TIME-WAIT acknowledges it and starts its 2 MSL over (RFC 9293
 * §3.10.7.4), rather than treating it as any out-of-window segment.
 */
static void
test_sim_time_wait_answers_the_fin_again(void)
{
	static const char scn[] =
	    "latency 100us\n"
	    "fault drop client ack 2\n"
	    "server socket\nserver bind 80\nserver listen 5\nserver accept\n"
	    "server recv 1000\nserver close\n"
	    "client at 1ms socket\nclient connect 80\nclient at 10ms close\n";
	struct sim *s = tsim_text(scn, 1);
	const struct sim_step *rx, *again, *end;
	char buf[512];
	size_t k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	k = tsim_find(s, SIM_SERVER, "tcp.rexmt", 1);
	CU_ASSERT_FATAL(k > 0);
	rx = sim_step_at(s, k);
	CU_ASSERT_PTR_NOT_NULL(strstr(rx->params, "retry=1"));
	sim_step_text(s, k, buf, sizeof(buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "FIN"));
	CU_ASSERT_PTR_NULL(strstr(buf, "?"));
	k = tsim_find(s, SIM_CLIENT, "tcp.fin_again", 1);
	CU_ASSERT_FATAL(k > 0);
	again = sim_step_at(s, k);
	CU_ASSERT_EQUAL(tsim_find(s, SIM_CLIENT, "tcp.out_of_window", 1), 0);
	k = tsim_find(s, SIM_CLIENT, "tcp.time_wait_end", 1);
	CU_ASSERT_FATAL(k > 0);
	end = sim_step_at(s, k);
	CU_ASSERT_EQUAL(end->time_us, again->time_us + 60000000u);
	sim_free(s);
}

void test_sim_register(void);

void
test_sim_register(void)
{
	CU_pSuite s = CU_add_suite("sim", NULL, NULL);

	CU_add_test(s, "handshake: the tagged sequence",
	    test_sim_handshake_tagged_sequence);
	CU_add_test(s, "handshake: the tagged sequence, another seed",
	    test_sim_handshake_tagged_sequence_other_seed);
	CU_add_test(s, "handshake: the tagged sequence over IPv6",
	    test_sim_handshake_tagged_sequence_ipv6);
	CU_add_test(s, "every built-in: state after back-and-forth = forward",
	    test_sim_every_builtin_steps_back_exactly);
	CU_add_test(s, "a scenario file steps back exactly",
	    test_sim_long_run_steps_back_exactly);
	CU_add_test(s, "same seed same bytes, other seed other ISN",
	    test_sim_same_seed_same_bytes_other_seed_other_isn);
	CU_add_test(s, "every exported segment decodes, checksums good",
	    test_sim_every_exported_segment_decodes_with_good_checksums);
	CU_add_test(s, "inject drop: the SYN is retransmitted, past kept",
	    test_sim_inject_drop_retransmits_and_keeps_the_past);
	CU_add_test(s, "a duplicated SYN finds the pending connection",
	    test_sim_duplicate_syn_finds_the_pending_connection);
	CU_add_test(s, "drop, duplicate, delay on every segment: sane end",
	    test_sim_faults_on_every_segment_end_sane);
	CU_add_test(s, "demux: by port or by 4-tuple, pending socket",
	    test_sim_demux_says_how_it_found_the_socket);
	CU_add_test(s, "narration tells one kind's cases apart",
	    test_sim_narration_tells_the_cases_apart);
	CU_add_test(s, "TIME-WAIT acknowledges the FIN again, 2 MSL anew",
	    test_sim_time_wait_answers_the_fin_again);
	CU_add_test(s, "every name is readable",
	    test_sim_names_all_readable);
	CU_add_test(s, "narration fills every field",
	    test_sim_narration_fills_every_field);
}
