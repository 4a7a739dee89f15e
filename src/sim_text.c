/*
 * sim_text: one plain sentence per step, the narration the trace and the
 * TUI show.  Each kind has a template, translated as a whole; {name} in it
 * is filled from the step: {host} and {peer}, the packet's {flags}, {seq},
 * {ack}, {win} and {len}, and any "name=value" of the step's parameters.
 */
#include "sim.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "pkt.h"

struct text_tmpl {
	const char	*kind;
	const char	*text;
};

static const struct text_tmpl text_tmpls[] = {
	{ "sock.socket", N_("The {host} application calls socket(): the "
	    "protocol stack makes a socket holding only its protocol and "
	    "returns descriptor {fd}.") },
	{ "sock.bind", N_("The {host} application binds descriptor {fd} to "
	    "port {port}: the socket now has its own address and port.") },
	{ "sock.listen", N_("The {host} application calls listen(): the "
	    "socket waits for connections (LISTEN), with room for {backlog} "
	    "in its queue.") },
	{ "sock.accept", N_("The {host} application calls accept() on "
	    "descriptor {fd} and waits for a connection to arrive.") },
	{ "sock.connect", N_("The {host} application calls connect() to port "
	    "{port}: the socket records the {peer}'s address and port, takes "
	    "local port {local_port}, and gets its send and receive "
	    "buffers.") },
	{ "sock.send", N_("The {host} application writes {bytes} bytes: they "
	    "go into the send buffer, which now holds {buffered}.") },
	{ "sock.recv", N_("The {host} application calls recv() on descriptor "
	    "{fd}.") },
	{ "sock.shutdown", N_("The {host} application shuts down its sending "
	    "side: TCP will send a FIN after the data.") },
	{ "sock.close", N_("The {host} application closes descriptor {fd}: "
	    "TCP starts to disconnect.") },
	{ "app.reboot", N_("The {host} crashes and restarts: every socket it "
	    "had is gone, and its peer does not know.") },
	{ "app.accept_return", N_("accept() returns descriptor {fd} to the "
	    "{host} application: the connection is ready for data.") },
	{ "app.connect_return", N_("connect() returns to the {host} "
	    "application (result {result}{error}).") },
	{ "app.recv_return", N_("recv() returns {bytes} bytes to the {host} "
	    "application, taken from the receive buffer.") },
	{ "app.recv_error", N_("recv() fails for the {host} application "
	    "(result -1{error}): the connection is gone.") },
	{ "app.idle", N_("The {host} application has nothing to do.") },
	{ "tcp.header", N_("The {host}'s TCP module starts a TCP header: "
	    "source port {sport}, destination port {dport}.") },
	{ "tcp.syn_sent", N_("The {host}'s TCP sets the SYN bit, chooses the "
	    "initial sequence number {iss} and the window {win}: SYN-SENT.") },
	{ "tcp.send_data", N_("The {host}'s TCP takes {len} bytes from the "
	    "send buffer and makes a segment (sequence number {seq}).") },
	{ "tcp.send_fin", N_("The {host}'s TCP sends a FIN: it has no more "
	    "data to send.") },
	{ "tcp.send_ack", N_("The {host}'s TCP sends an ACK: ACK number "
	    "{ack}, window {win}.") },
	{ "tcp.nothing_to_send", N_("The {host}'s TCP finds nothing to "
	    "send.") },
	{ "tcp.demux", N_("The {host}'s TCP checks the checksum and finds "
	    "the socket by the destination port {dport}.") },
	{ "tcp.bad_segment", N_("The {host}'s TCP cannot read the segment and "
	    "drops it.") },
	{ "tcp.bad_checksum", N_("The {host}'s TCP finds a wrong checksum and "
	    "drops the segment silently.") },
	{ "tcp.no_socket", N_("The {host}'s TCP finds no socket for port "
	    "{dport} and answers with a reset (RST).") },
	{ "tcp.input", N_("The {host}'s TCP processes the segment.") },
	{ "tcp.ignore_rst", N_("The {host}'s TCP ignores the reset.") },
	{ "tcp.rst_sent", N_("The {host}'s TCP answers an unexpected ACK with "
	    "a reset.") },
	{ "tcp.drop", N_("The {host}'s TCP drops the segment.") },
	{ "tcp.listen_overflow", N_("The {host}'s listen queue is full: TCP "
	    "drops the SYN, and the other end will have to try again.") },
	{ "tcp.syn_received", N_("The {host}'s TCP records the client's "
	    "sequence number, makes a new socket in SYN-RECEIVED and answers "
	    "SYN+ACK with the ports swapped.") },
	{ "tcp.bad_ack", N_("The {host}'s TCP finds an ACK number it never "
	    "sent and drops the segment.") },
	{ "tcp.reset", N_("The {host}'s TCP accepts the reset: the connection "
	    "is gone (CLOSED).") },
	{ "tcp.established", N_("The {host}'s TCP checks the ACK number: its "
	    "SYN arrived.  The connection is ESTABLISHED.") },
	{ "tcp.simultaneous_open", N_("The {host}'s TCP gets a SYN while "
	    "waiting for its own answer: both ends opened at once "
	    "(SYN-RECEIVED).") },
	{ "tcp.synack_again", N_("The {host}'s TCP sees the SYN again and "
	    "sends its SYN+ACK again.") },
	{ "tcp.zero_window_ack", N_("The {host}'s receive window is zero: TCP "
	    "refuses the byte and sends an ACK with the window.") },
	{ "tcp.out_of_window", N_("The segment is outside the {host}'s "
	    "window: TCP drops it and sends an ACK saying what it expects.") },
	{ "tcp.challenge_ack", N_("The {host}'s TCP answers a suspicious "
	    "segment with a challenge ACK (RFC 5961).") },
	{ "tcp.accept_queue_full", N_("The {host}'s accept queue is full: TCP "
	    "ignores the ACK, and the connection stays half-open.") },
	{ "tcp.ack_too_new", N_("The ACK acknowledges data never sent: the "
	    "{host}'s TCP answers with an ACK.") },
	{ "tcp.dup_ack", N_("The {host}'s TCP gets a duplicate ACK: the same "
	    "ACK number again.") },
	{ "tcp.fin_wait_2", N_("The {host}'s FIN is acknowledged: FIN-WAIT-2, "
	    "waiting for the other side's FIN.") },
	{ "tcp.time_wait", N_("The {host}'s TCP gets the last FIN and "
	    "acknowledges it: TIME-WAIT, for 2 MSL.") },
	{ "tcp.closed", N_("The {host}'s FIN is acknowledged: the connection "
	    "is CLOSED and the socket is deleted.") },
	{ "tcp.ack", N_("The {host}'s TCP takes the ACK: sent data up to "
	    "{ack} has arrived.") },
	{ "tcp.data", N_("The {host}'s TCP puts {len} bytes in the receive "
	    "buffer and moves its ACK number on.") },
	{ "tcp.out_of_order", N_("The data is not the next expected: the "
	    "{host}'s TCP drops it and repeats its ACK.") },
	{ "tcp.close_wait", N_("The {host}'s TCP gets a FIN: the other side "
	    "has finished sending.  CLOSE-WAIT, until the application "
	    "closes.") },
	{ "tcp.closing", N_("The FINs crossed: the {host} is in CLOSING, "
	    "waiting for the ACK of its own FIN.") },
	{ "tcp.fin_again", N_("The {host}'s TCP gets the FIN again and "
	    "acknowledges it again.") },
	{ "tcp.give_up", N_("No answer after {retries} retransmissions: the "
	    "{host}'s TCP gives up.") },
	{ "tcp.rexmt_syn", N_("No SYN+ACK before the timeout: the {host}'s TCP "
	    "sends the SYN again (retry {retry}, next wait {rto} us).") },
	{ "tcp.rexmt_synack", N_("No ACK before the timeout: the {host}'s TCP "
	    "sends the SYN+ACK again (retry {retry}).") },
	{ "tcp.rexmt", N_("No ACK before the timeout: the {host}'s TCP "
	    "retransmits the oldest unacknowledged data (retry {retry}).") },
	{ "tcp.window_probe", N_("The other side's window is zero: the "
	    "{host}'s TCP probes it with one byte.") },
	{ "tcp.keepalive_give_up", N_("No answer to the keep-alive probes: "
	    "the {host}'s TCP resets the connection.") },
	{ "tcp.keepalive", N_("The connection has been idle: the {host}'s TCP "
	    "sends a keep-alive probe.") },
	{ "tcp.delayed_ack", N_("The delayed-ACK timer expires: the {host}'s "
	    "TCP sends the ACK it owed.") },
	{ "tcp.time_wait_end", N_("2 MSL have passed: the {host} leaves "
	    "TIME-WAIT and deletes the socket.") },
	{ "ip.output", N_("The TCP module asks the {host}'s IP module to send: "
	    "IP adds its header ({src} to {dst}, TTL {ttl}).") },
	{ "ip.error", N_("The {host}'s IP module cannot build the packet.") },
	{ "ip.input", N_("The {host}'s IP module receives the packet, checks "
	    "its header and passes it to TCP.") },
	{ "ip.drop", N_("The {host}'s IP module drops the packet.") },
	{ "wire.send", N_("The wire carries the packet ({flags}) from the "
	    "{host} to the {peer}.") },
	{ "wire.copy", N_("The wire delivers a second copy of the packet.") },
	{ "wire.drop", N_("The packet ({flags}) is lost on the wire.") },
	{ "wire.duplicate", N_("The wire duplicates the packet ({flags}).") },
	{ "wire.delay", N_("The wire delays the packet ({flags}) by "
	    "{delay}.") },
	{ "wire.reorder", N_("The wire holds the packet ({flags}) back: it "
	    "will arrive after the next one.") },
	{ "wire.corrupt", N_("A bit of the packet ({flags}) is flipped on the "
	    "wire.") },
};

#define NTMPL	(sizeof(text_tmpls) / sizeof(text_tmpls[0]))

/*
 * Where one kind covers cases a student must tell apart, the step's
 * parameters choose the sentence: the first variant whose "key=value"
 * is in the parameters (or, with unless, is not) replaces the kind's
 * template.
 */
struct text_variant {
	const char	*kind;
	const char	*param;		/* "key=value" */
	bool		 unless;
	const char	*text;
};

static const struct text_variant text_variants[] = {
	{ "tcp.demux", "socket=pending", false, N_("The {host}'s TCP checks "
	    "the checksum and finds the connection's socket by the 4-tuple "
	    "(both addresses and both ports): it has no descriptor yet, it is "
	    "the connection waiting in the listen queue for accept().") },
	{ "tcp.demux", "socket=closed", false, N_("The {host}'s TCP checks "
	    "the checksum and finds the connection's socket by the 4-tuple "
	    "(both addresses and both ports): the application has closed it, "
	    "TCP is still finishing the connection.") },
	{ "tcp.demux", "by=4-tuple", false, N_("The {host}'s TCP checks the "
	    "checksum and finds the connection's socket (descriptor {fd}) by "
	    "the 4-tuple: both addresses and both ports.") },
	{ "tcp.time_wait", "from=CLOSING", false, N_("The ACK of the {host}'s "
	    "FIN arrives: TIME-WAIT, for 2 MSL.") },
	{ "tcp.send_fin", "len=0", true, N_("The {host}'s TCP sends its last "
	    "{len} bytes with the FIN bit set: it has no more data to "
	    "send.") },
	{ "tcp.close_wait", "rcv_nxt=", false, N_("The {host}'s TCP puts {len} "
	    "bytes in the receive buffer and gets a FIN after them: the other "
	    "side has finished sending.  CLOSE-WAIT, until the application "
	    "closes.") },
	{ "tcp.rexmt", "fin=1", false, N_("No ACK before the timeout: the "
	    "{host}'s TCP sends again what is not yet acknowledged, its FIN "
	    "included (retry {retry}).") },
	{ "sock.accept", "blocks", true, N_("The {host} application calls "
	    "accept(): a connection is already waiting in the listen queue, "
	    "so it returns descriptor {fd} at once.") },
	{ "sock.recv", "end-of-stream", false, N_("The {host} application "
	    "calls recv() on descriptor {fd}: it returns 0 at once, the end of "
	    "the data, because the {peer} has sent its FIN.") },
	{ "sock.recv", "blocks", true, N_("The {host} application calls "
	    "recv() on descriptor {fd}: {bytes} bytes are already in the "
	    "receive buffer, and it returns them at once.") },
	{ "app.recv_return", "end-of-stream", false, N_("recv() returns 0 to "
	    "the {host} application: the end of the data, because the {peer} "
	    "has sent its FIN.") },
	{ "sock.close", "connection=none", false, N_("The {host} application "
	    "closes descriptor {fd}: the connection is already gone, so the "
	    "socket is simply deleted.") },
};

#define NVARIANT	(sizeof(text_variants) / sizeof(text_variants[0]))

/*
 * True if params holds the whole word "key=value" (or, for "key=", any
 * value of key).
 */
static bool
text_has_param(const char *params, const char *kv)
{
	size_t n = strlen(kv);
	const char *p = params;

	while ((p = strstr(p, kv)) != NULL) {
		if ((p == params || p[-1] == ' ') && (kv[n - 1] == '=' ||
		    p[n] == ' ' || p[n] == '\0'))
			return true;
		p += n;
	}
	return false;
}

/* The template for step st, or NULL if its kind has none. */
static const char *
text_template(const struct sim_step *st)
{
	for (size_t i = 0; i < NVARIANT; i++) {
		const struct text_variant *v = &text_variants[i];

		if (strcmp(v->kind, st->kind) == 0 &&
		    text_has_param(st->params, v->param) != v->unless)
			return _(v->text);
	}
	for (size_t i = 0; i < NTMPL; i++)
		if (strcmp(text_tmpls[i].kind, st->kind) == 0)
			return _(text_tmpls[i].text);
	return NULL;
}

static const char *
text_host(int h)
{
	return h == SIM_CLIENT ? _("client") : h == SIM_SERVER ? _("server") :
	    "-";
}

/* The value of "key=" in params, into buf. */
static bool
text_param(const char *params, const char *keyp, size_t klen, char *buf,
    size_t len)
{
	const char *p = params;
	char key[32];

	if (klen == 0 || klen >= sizeof(key))
		return false;
	memcpy(key, keyp, klen);
	key[klen] = '\0';
	while ((p = strstr(p, key)) != NULL) {
		if ((p == params || p[-1] == ' ') && p[klen] == '=') {
			size_t n = strcspn(p + klen + 1, " ");

			if (n >= len)
				n = len - 1;
			memcpy(buf, p + klen + 1, n);
			buf[n] = '\0';
			return true;
		}
		p += klen;
	}
	return false;
}

static void
text_field(const struct sim_step *st, const struct pkt *p, bool has_pkt,
    const char *key, size_t klen, char *v, size_t len)
{
	v[0] = '\0';
	if (klen == 4 && strncmp(key, "call", 4) == 0)
		snprintf(v, len, "%s", strchr(st->kind, '.') ?
		    strchr(st->kind, '.') + 1 : st->kind);
	else if (klen == 5 && strncmp(key, "errno", 5) == 0) {
		if (!text_param(st->params, "error", 5, v, len))
			snprintf(v, len, "?");
	} else if (klen == 4 && strncmp(key, "host", 4) == 0)
		snprintf(v, len, "%s", text_host(st->host));
	else if (klen == 4 && strncmp(key, "peer", 4) == 0)
		snprintf(v, len, "%s", text_host(!st->host));
	else if (klen == 5 && strncmp(key, "error", 5) == 0) {
		char e[32];

		if (text_param(st->params, "error", 5, e, sizeof(e)))
			snprintf(v, len, ", %s", e);
	} else if (klen == 6 && strncmp(key, "result", 6) == 0) {
		if (!text_param(st->params, "result", 6, v, len))
			snprintf(v, len, "-1");
	} else if (text_param(st->params, key, klen, v, len))
		return;
	else if (has_pkt && p->has_tcp) {
		if (klen == 5 && strncmp(key, "flags", 5) == 0)
			tcp_flags_names(p->tcp.flags, v, len);
		else if (klen == 3 && strncmp(key, "seq", 3) == 0)
			snprintf(v, len, "%u", p->tcp.seq);
		else if (klen == 3 && strncmp(key, "ack", 3) == 0)
			snprintf(v, len, "%u", p->tcp.ack);
		else if (klen == 3 && strncmp(key, "win", 3) == 0)
			snprintf(v, len, "%u", p->tcp.win);
		else if (klen == 3 && strncmp(key, "len", 3) == 0)
			snprintf(v, len, "%zu", p->tcp.payload_len);
		else if (klen == 5 && strncmp(key, "sport", 5) == 0)
			snprintf(v, len, "%u", p->tcp.sport);
		else if (klen == 5 && strncmp(key, "dport", 5) == 0)
			snprintf(v, len, "%u", p->tcp.dport);
		else
			snprintf(v, len, "?");
	} else
		snprintf(v, len, "?");
}

const char *
sim_step_text(const struct sim *s, size_t k, char *buf, size_t len)
{
	const struct sim_step *st = sim_step_at(s, k);
	const char *t;
	struct pkt p;
	bool has_pkt = false;
	size_t o = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (st == NULL)
		return buf;
	t = text_template(st);
	/* A Socket library call that failed says so, whichever it was. */
	if (strncmp(st->kind, "sock.", 5) == 0 &&
	    strstr(st->params, "error=") != NULL)
		t = _("The {host} application calls {call}(), which fails: "
		    "{errno}.");
	if (t == NULL) {
		snprintf(buf, len, "%s", st->kind);
		return buf;
	}
	if (st->pkt != NULL) {
		pkt_decode(&p, PKT_LINK_RAW, st->pkt, st->pkt_len, st->pkt_len);
		has_pkt = true;
	}
	while (*t != '\0' && o + 1 < len) {
		const char *end;
		char v[64];
		size_t n;

		if (*t != '{' || (end = strchr(t, '}')) == NULL) {
			buf[o++] = *t++;
			continue;
		}
		text_field(st, &p, has_pkt, t + 1, (size_t)(end - t - 1), v,
		    sizeof(v));
		n = strlen(v);
		if (o + n >= len)
			n = len - o - 1;
		memcpy(buf + o, v, n);
		o += n;
		t = end + 1;
	}
	buf[o] = '\0';
	return buf;
}

static const char *const text_glosses[TCPS_COUNT] = {
	N_("CLOSED: no connection"),
	N_("LISTEN: waiting for a connection"),
	N_("SYN-SENT: sent a SYN, waiting for the answer"),
	N_("SYN-RECEIVED: got a SYN and answered SYN+ACK, waiting for the "
	    "ACK"),
	N_("ESTABLISHED: the connection is made"),
	N_("FIN-WAIT-1: sent a FIN, waiting for its ACK"),
	N_("FIN-WAIT-2: our FIN is acknowledged, waiting for the other FIN"),
	N_("CLOSE-WAIT: got the other side's FIN, waiting for our "
	    "application to close"),
	N_("CLOSING: both closed at once, waiting for the ACK of our FIN"),
	N_("LAST-ACK: sent our FIN, waiting for the last ACK"),
	N_("TIME-WAIT: waiting 2 MSL before deleting the socket"),
};

const char *
sim_state_gloss(int state)
{
	if (state < 0 || state >= TCPS_COUNT)
		return "?";
	return _(text_glosses[state]);
}
