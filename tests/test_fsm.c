/*
 * Tests of the TCP state machine (RFC 9293 §3.10), named by state, event
 * and result.  Each runs with the ISS at 1000 and just below 2^32, so
 * every comparison has to survive the wrap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "pkt.h"
#include "sim.h"
#include "tsim.h"

static const uint32_t fsm_iss[] = { 1000, 4294967295u, 4294967290u };

#define NISS	(sizeof(fsm_iss) / sizeof(fsm_iss[0]))

#define FSM_SERVER \
	"server socket\nserver bind 80\nserver listen 5\nserver accept\n"

static struct sim *
fsm_run(const char *body, uint32_t ciss, uint32_t siss)
{
	char text[2048];

	snprintf(text, sizeof(text), "iss client %u\niss server %u\n%s", ciss,
	    siss, body);
	return tsim_text(text, 1);
}

static const char *
fsm_state(struct sim *s, size_t k, const char *who)
{
	static char buf[64];
	char name[64];

	snprintf(name, sizeof(name), "%s.state", who);
	return tsim_str(s, k, name, buf, sizeof(buf));
}

static void
test_fsm_listen_syn_to_syn_received(void)
{
	for (size_t i = 0; i < NISS; i++) {
		uint32_t c = fsm_iss[i], sv = fsm_iss[NISS - 1 - i];
		struct sim *s = fsm_run(FSM_SERVER "client at 1ms socket\n"
		    "client connect 80\n", c, sv);
		size_t k = tsim_find(s, SIM_SERVER, "tcp.syn_received", 1);

		CU_ASSERT_FATAL(k > 0);
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k - 1, "server"),
		    "LISTEN");
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k, "server"),
		    "SYN-RECEIVED");
		CU_ASSERT_EQUAL(tsim_num(s, k, "server.tcb.irs"), c);
		CU_ASSERT_EQUAL(tsim_num(s, k, "server.tcb.rcv_nxt"),
		    (uint32_t)(c + 1));
		CU_ASSERT_EQUAL(tsim_num(s, k, "server.tcb.iss"), sv);
		CU_ASSERT_EQUAL(tsim_num(s, k, "server.tcb.snd_una"), sv);
		CU_ASSERT_EQUAL(tsim_num(s, k, "server.tcb.snd_nxt"),
		    (uint32_t)(sv + 1));
		/* The listener stays, with its half-open child. */
		CU_ASSERT_EQUAL(tsim_num(s, k, "server.nsock"), 2);
		sim_free(s);
	}
}

static void
test_fsm_syn_sent_synack_to_established(void)
{
	for (size_t i = 0; i < NISS; i++) {
		uint32_t c = fsm_iss[i], sv = fsm_iss[(i + 1) % NISS];
		struct sim *s = fsm_run(FSM_SERVER "client at 1ms socket\n"
		    "client connect 80\n", c, sv);
		size_t k = tsim_find(s, SIM_CLIENT, "tcp.established", 1);

		CU_ASSERT_FATAL(k > 0);
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k - 1, "client"),
		    "SYN-SENT");
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k, "client"),
		    "ESTABLISHED");
		CU_ASSERT_EQUAL(tsim_num(s, k, "client.tcb.snd_una"),
		    (uint32_t)(c + 1));
		CU_ASSERT_EQUAL(tsim_num(s, k, "client.tcb.snd_nxt"),
		    (uint32_t)(c + 1));
		CU_ASSERT_EQUAL(tsim_num(s, k, "client.tcb.irs"), sv);
		CU_ASSERT_EQUAL(tsim_num(s, k, "client.tcb.rcv_nxt"),
		    (uint32_t)(sv + 1));
		CU_ASSERT_EQUAL(tsim_num(s, k, "client.tcb.snd_wl1"), sv);
		/* The ACK it sends carries exactly that. */
		CU_ASSERT_EQUAL(tsim_num(s, k, "segment.ack"),
		    (uint32_t)(sv + 1));
		CU_ASSERT_EQUAL(tsim_num(s, k, "segment.seq"),
		    (uint32_t)(c + 1));
		k = tsim_find(s, SIM_SERVER, "tcp.established", 1);
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k - 1, "server"),
		    "SYN-RECEIVED");
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k, "server"),
		    "ESTABLISHED");
		sim_free(s);
	}
}

/* The whole active close: ESTABLISHED to FIN-WAIT-1 ... TIME-WAIT. */
static void
test_fsm_active_close_through_time_wait(void)
{
	for (size_t i = 0; i < NISS; i++) {
		struct sim *s = fsm_run(FSM_SERVER "server recv 100\n"
		    "server close\nclient at 1ms socket\nclient connect 80\n"
		    "client at 10ms close\n", fsm_iss[i], fsm_iss[i]);
		size_t k;

		k = tsim_find(s, SIM_CLIENT, "tcp.send_fin", 1);
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k - 1, "client"),
		    "ESTABLISHED");
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k, "client"),
		    "FIN-WAIT-1");
		k = tsim_find(s, SIM_SERVER, "tcp.close_wait", 1);
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k, "server"),
		    "CLOSE-WAIT");
		CU_ASSERT_EQUAL(tsim_num(s, k, "server.tcb.rcv_nxt"),
		    (uint32_t)(fsm_iss[i] + 2));	/* SYN and FIN */
		k = tsim_find(s, SIM_CLIENT, "tcp.fin_wait_2", 1);
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k, "client"),
		    "FIN-WAIT-2");
		k = tsim_find(s, SIM_SERVER, "tcp.send_fin", 1);
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k, "server"), "LAST-ACK");
		k = tsim_find(s, SIM_CLIENT, "tcp.time_wait", 1);
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k, "client"), "TIME-WAIT");
		CU_ASSERT_EQUAL(tsim_num(s, k, "client.timer.time_wait"),
		    60000000);			/* Linux: 60 s */
		k = tsim_find(s, SIM_SERVER, "tcp.closed", 1);
		CU_ASSERT(k > 0);
		CU_ASSERT_EQUAL(tsim_num(s, k, "server.nsock"), 1);
		k = tsim_find(s, SIM_CLIENT, "tcp.time_wait_end", 1);
		CU_ASSERT_EQUAL(sim_step_at(s, k)->time_us - sim_step_at(s,
		    tsim_find(s, SIM_CLIENT, "tcp.time_wait", 1))->time_us,
		    60000000u);
		CU_ASSERT_EQUAL(tsim_num(s, k, "client.nsock"), 0);
		CU_ASSERT_EQUAL(k, sim_nsteps(s));
		sim_free(s);
	}
}

static void
test_fsm_fin_wait_1_fin_to_closing_to_time_wait(void)
{
	for (size_t i = 0; i < NISS; i++) {
		struct sim *s = fsm_run(FSM_SERVER "server at 10ms close\n"
		    "client at 1ms socket\nclient connect 80\n"
		    "client at 10ms close\n", fsm_iss[i], fsm_iss[i]);

		for (int h = 0; h < 2; h++) {
			const char *who = sim_host_name(h);
			size_t k = tsim_find(s, h, "tcp.closing", 1);

			CU_ASSERT_FATAL(k > 0);
			CU_ASSERT_STRING_EQUAL(fsm_state(s, k - 1, who),
			    "FIN-WAIT-1");
			CU_ASSERT_STRING_EQUAL(fsm_state(s, k, who),
			    "CLOSING");
			k = tsim_find(s, h, "tcp.time_wait", 1);
			CU_ASSERT_STRING_EQUAL(fsm_state(s, k, who),
			    "TIME-WAIT");
		}
		sim_free(s);
	}
}

/* RFC 9293 §3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. */
static void
test_fsm_closed_port_syn_to_rst(void)
{
	for (size_t i = 0; i < NISS; i++) {
		struct sim *s = fsm_run("server socket\nserver bind 80\n"
		    "client at 1ms socket\nclient connect 80\n", fsm_iss[i],
		    1000);
		size_t k = tsim_find(s, SIM_SERVER, "tcp.no_socket", 1);
		char buf[32];

		CU_ASSERT_FATAL(k > 0);
		CU_ASSERT_STRING_EQUAL(tsim_str(s, k, "segment.flags", buf,
		    sizeof(buf)), "RST,ACK");
		CU_ASSERT_EQUAL(tsim_num(s, k, "segment.seq"), 0);
		CU_ASSERT_EQUAL(tsim_num(s, k, "segment.ack"),
		    (uint32_t)(fsm_iss[i] + 1));
		k = tsim_find(s, SIM_CLIENT, "tcp.reset", 1);
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k - 1, "client"),
		    "SYN-SENT");
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k, "client"), "CLOSED");
		k = tsim_find(s, SIM_CLIENT, "app.connect_return", 1);
		CU_ASSERT_PTR_NOT_NULL(strstr(sim_step_at(s, k)->params,
		    "ECONNREFUSED"));
		sim_free(s);
	}
}

/* A listener answers an ACK that matches no connection with a RST. */
static void
test_fsm_listen_ack_to_rst(void)
{
	/* The server reboots, listens again; the client's data is an ACK. */
	struct sim *s = fsm_run(FSM_SERVER "server at 5ms reboot\n"
	    "server socket\nserver bind 80\nserver listen 5\n"
	    "client at 1ms socket\nclient connect 80\n"
	    "client at 10ms send \"hello\"\nclient recv 10\n", 1000,
	    4294967295u);
	size_t k = tsim_find(s, SIM_SERVER, "tcp.rst_sent", 1);
	char buf[32];

	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT_STRING_EQUAL(tsim_str(s, k, "segment.flags", buf,
	    sizeof(buf)), "RST");
	CU_ASSERT_EQUAL(tsim_num(s, k, "segment.seq"), 0);	/* SEG.ACK */
	k = tsim_find(s, SIM_CLIENT, "tcp.reset", 1);
	CU_ASSERT(k > 0);
	CU_ASSERT_STRING_EQUAL(fsm_state(s, k, "client"), "CLOSED");
	k = tsim_find(s, SIM_CLIENT, "app.recv_error", 1);
	CU_ASSERT_FATAL(k > 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(sim_step_at(s, k)->params,
	    "ECONNRESET"));
	sim_free(s);
}

/*
 * RFC 5961 §4.2: a SYN on an established connection gets a challenge
 * ACK; the restarted client answers it with a RST that resets the old
 * connection, and its next SYN gets through.
 */
static void
test_fsm_established_syn_to_challenge_ack(void)
{
	for (size_t i = 0; i < NISS; i++) {
		char text[1024];
		struct sim *s;
		size_t k;

		/* RFC 6528's clock gives the second connection a new ISN. */
		snprintf(text, sizeof(text), "iss server %u\n" FSM_SERVER
		    "server accept\nclient at 1ms socket\nclient bind 5000\n"
		    "client connect 80\nclient at 10ms reboot\n"
		    "client socket\nclient bind 5000\nclient connect 80\n",
		    fsm_iss[i]);
		s = tsim_text(text, 1 + i);
		k = tsim_find(s, SIM_SERVER, "tcp.challenge_ack", 1);
		CU_ASSERT_FATAL(k > 0);
		CU_ASSERT_STRING_EQUAL(fsm_state(s, k, "server"),
		    "ESTABLISHED");
		/* The ACK repeats what the server expects, not the SYN. */
		CU_ASSERT_EQUAL(tsim_num(s, k, "segment.ack"),
		    tsim_num(s, k, "server.tcb.rcv_nxt"));
		CU_ASSERT(tsim_find(s, SIM_CLIENT, "tcp.bad_ack", 1) > k);
		CU_ASSERT(tsim_find(s, SIM_SERVER, "tcp.reset", 1) > k);
		CU_ASSERT(tsim_find(s, SIM_CLIENT, "tcp.established", 2) > k);
		CU_ASSERT(tsim_find(s, SIM_SERVER, "app.accept_return", 2) > k);
		sim_free(s);
	}
}

static void
test_fsm_syn_sent_syn_to_syn_received(void)
{
	for (size_t i = 0; i < NISS; i++) {
		struct sim *s = fsm_run("client socket\nclient bind 5000\n"
		    "client at 1ms connect 6000\nserver socket\n"
		    "server bind 6000\nserver at 1ms connect 5000\n",
		    fsm_iss[i], fsm_iss[(i + 2) % NISS]);

		for (int h = 0; h < 2; h++) {
			const char *who = sim_host_name(h);
			size_t k = tsim_find(s, h, "tcp.simultaneous_open", 1);

			CU_ASSERT_FATAL(k > 0);
			CU_ASSERT_STRING_EQUAL(fsm_state(s, k - 1, who),
			    "SYN-SENT");
			CU_ASSERT_STRING_EQUAL(fsm_state(s, k, who),
			    "SYN-RECEIVED");
			k = tsim_find(s, h, "tcp.established", 1);
			CU_ASSERT_STRING_EQUAL(fsm_state(s, k, who),
			    "ESTABLISHED");
		}
		/* RFC 9293 Figure 8: four segments, no fifth. */
		{
			size_t n = 0;

			for (size_t k = 1; k <= sim_nsteps(s); k++)
				n += sim_step_at(s, k)->captured;
			CU_ASSERT_EQUAL(n, 4);
		}
		sim_free(s);
	}
}

/* Data moves RCV.NXT and SND.UNA by its length, across the wrap. */
static void
test_fsm_established_data_advances_rcv_nxt(void)
{
	for (size_t i = 0; i < NISS; i++) {
		struct sim *s = fsm_run(FSM_SERVER "server recv 100\n"
		    "client at 1ms socket\nclient connect 80\n"
		    "client send \"0123456789\"\n", fsm_iss[i], 1000);
		size_t k = tsim_find(s, SIM_SERVER, "tcp.data", 1);

		CU_ASSERT_FATAL(k > 0);
		CU_ASSERT_EQUAL(tsim_num(s, k, "server.tcb.rcv_nxt"),
		    (uint32_t)(fsm_iss[i] + 11));
		CU_ASSERT_EQUAL(tsim_num(s, k, "server.sock.rcvbuf_used"), 10);
		k = tsim_find(s, SIM_SERVER, "sock.recv", 1);
		k = tsim_find(s, SIM_SERVER, "app.recv_return", 1) ?
		    tsim_find(s, SIM_SERVER, "app.recv_return", 1) : k;
		CU_ASSERT_EQUAL(tsim_num(s, k, "server.sock.rcvbuf_used"), 0);
		CU_ASSERT_EQUAL(sim_step_at(s, k)->data_len, 10);
		CU_ASSERT(memcmp(sim_step_at(s, k)->data, "0123456789", 10)
		    == 0);
		k = tsim_find(s, SIM_CLIENT, "tcp.ack", 1);
		CU_ASSERT_FATAL(k > 0);
		CU_ASSERT_EQUAL(tsim_num(s, k, "client.tcb.snd_una"),
		    (uint32_t)(fsm_iss[i] + 11));
		CU_ASSERT_EQUAL(tsim_num(s, k, "client.sock.sndbuf_used"), 0);
		sim_free(s);
	}
}

void test_fsm_register(void);

void
test_fsm_register(void)
{
	CU_pSuite s = CU_add_suite("fsm", NULL, NULL);

	CU_add_test(s, "LISTEN + SYN -> SYN-RECEIVED",
	    test_fsm_listen_syn_to_syn_received);
	CU_add_test(s, "SYN-SENT + SYN,ACK -> ESTABLISHED",
	    test_fsm_syn_sent_synack_to_established);
	CU_add_test(s, "active close through TIME-WAIT",
	    test_fsm_active_close_through_time_wait);
	CU_add_test(s, "FIN-WAIT-1 + FIN -> CLOSING -> TIME-WAIT",
	    test_fsm_fin_wait_1_fin_to_closing_to_time_wait);
	CU_add_test(s, "closed port + SYN -> RST,ACK",
	    test_fsm_closed_port_syn_to_rst);
	CU_add_test(s, "LISTEN + ACK -> RST",
	    test_fsm_listen_ack_to_rst);
	CU_add_test(s, "ESTABLISHED + SYN -> challenge ACK (RFC 5961)",
	    test_fsm_established_syn_to_challenge_ack);
	CU_add_test(s, "SYN-SENT + SYN -> SYN-RECEIVED (simultaneous open)",
	    test_fsm_syn_sent_syn_to_syn_received);
	CU_add_test(s, "ESTABLISHED + data advances RCV.NXT and SND.UNA",
	    test_fsm_established_data_advances_rcv_nxt);
}
