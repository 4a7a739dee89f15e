/*
 * sock: the application's script and the socket layer.
 *
 * Each host runs its scenario script one call at a time; a call either
 * completes in its own step or blocks (accept, connect, recv, a send that
 * does not fit), and a later step returns it when TCP makes it ready.
 * A new socket holds only its protocol; connect() (or bind()) picks the
 * local address and port, and the buffers are allocated when the
 * connection is set up (the book's model: Linux allocates them lazily).
 */
#include <errno.h>
#include <string.h>

#include "engine.h"

static const char *const sock_errnames[] = {
	[0] = "0", [ECONNREFUSED] = "ECONNREFUSED", [ETIMEDOUT] = "ETIMEDOUT",
	[ECONNRESET] = "ECONNRESET", [EPIPE] = "EPIPE", [EMFILE] = "EMFILE",
	[EADDRINUSE] = "EADDRINUSE", [EBADF] = "EBADF",
	[ENOTCONN] = "ENOTCONN", [EINVAL] = "EINVAL",
};

static const char *
sock_errname(int e)
{
	if (e < 0 || (size_t)e >= sizeof(sock_errnames) / sizeof(*sock_errnames)
	    || sock_errnames[e] == NULL)
		return "EIO";
	return sock_errnames[e];
}

static int
sock_by_fd(const struct host *ho, int fd)
{
	if (fd < 0)
		return -1;
	for (int i = 0; i < HOST_MAX_SOCK; i++)
		if (ho->sock[i].used && ho->sock[i].fd == fd)
			return i;
	return -1;
}

/* POSIX: the lowest descriptor not in use. */
static int
sock_lowest_fd(const struct host *ho)
{
	for (int fd = SOCK_FIRST_FD; ; fd++)
		if (sock_by_fd(ho, fd) < 0)
			return fd;
}

static int
sock_slot(struct sim *s, int h)
{
	struct host *ho = &s->w.host[h];

	for (int i = 0; i < HOST_MAX_SOCK; i++)
		if (!ho->sock[i].used) {
			struct sock *so = &ho->sock[i];

			memset(so, 0, sizeof(*so));
			so->used = true;
			so->fd = -1;
			so->listener = -1;
			so->proto = 6;
			so->order = (uint32_t)s->w.order;
			so->tcb.state = TCPS_CLOSED;
			return i;
		}
	return -1;
}

void
sock_free(struct sim *s, int h, int i)
{
	struct host *ho = &s->w.host[h];
	struct sock *so = &ho->sock[i];

	for (int t = 0; t < TCPT_COUNT; t++)
		ev_cancel(&s->w, EV_TIMER, h, i, t);
	ev_cancel(&s->w, EV_TCP_OUTPUT, h, i, -1);
	if (so->listener >= 0 && !so->accepted) {
		struct sock *ls = &ho->sock[so->listener];

		if (so->tcb.state == TCPS_SYN_RECEIVED && ls->qlen_syn > 0)
			ls->qlen_syn--;
		else if (so->tcb.state != TCPS_SYN_RECEIVED && ls->qlen > 0)
			ls->qlen--;
	}
	memset(so, 0, sizeof(*so));
	so->fd = -1;
	so->listener = -1;
}

void
sock_alloc_bufs(struct sim *s, int h, int i)
{
	struct sock *so = &s->w.host[h].sock[i];
	const struct profile *p = host_profile(s, h);
	const struct scn_host *sh = &s->scn->host[h];

	so->snd.size = sh->sndbuf ? sh->sndbuf : p->sndbuf;
	so->rcv.size = sh->rcvbuf ? sh->rcvbuf : p->rcvbuf;
}

/* --- the script ---------------------------------------------------------- */

/* Queue the host's next call, or end its script. */
static void
app_next(struct sim *s, int h)
{
	struct app *a = &s->w.host[h].app;
	const struct scn *sc = s->scn;
	size_t j = (size_t)a->pc + 1;

	while (j < sc->ncall && sc->call[j].host != h)
		j++;
	a->pc = (uint32_t)j;
	a->wait = APP_RUNNING;
	if (j >= sc->ncall) {
		a->wait = APP_DONE;
		return;
	}
	ev_push(s, sc->call[j].has_at ? sc->call[j].at_us : s->w.now, EV_APP,
	    h, -1);
}

static void
app_block(struct sim *s, int h, int wait)
{
	s->w.host[h].app.wait = (uint8_t)wait;
	app_wake(s, h);		/* it may be ready already */
}

static bool
app_ready(const struct sim *s, int h)
{
	const struct host *ho = &s->w.host[h];
	const struct app *a = &ho->app;
	int i;

	switch (a->wait) {
	case APP_WAIT_ACCEPT:
		i = sock_by_fd(ho, a->listen_fd);
		return i < 0 || ho->sock[i].qlen > 0;
	case APP_WAIT_CONNECT:
		i = sock_by_fd(ho, a->fd);
		return i < 0 || ho->sock[i].error != 0 ||
		    ho->sock[i].tcb.state >= TCPS_ESTABLISHED;
	case APP_WAIT_RECV:
		i = sock_by_fd(ho, a->fd);
		return i < 0 || ho->sock[i].rcv.used > 0 ||
		    ho->sock[i].tcb.fin_rcvd || ho->sock[i].error != 0 ||
		    ho->sock[i].tcb.state == TCPS_CLOSED;
	case APP_WAIT_SEND:
		i = sock_by_fd(ho, a->fd);
		return i < 0 || ho->sock[i].error != 0 ||
		    ho->sock[i].snd.used < ho->sock[i].snd.size;
	default:
		return false;
	}
}

void
app_wake(struct sim *s, int h)
{
	struct app *a = &s->w.host[h].app;

	if (a->wake_pending || !app_ready(s, h))
		return;
	a->wake_pending = true;
	ev_push(s, s->w.now, EV_APP_RETURN, h, -1);
}

/* Application bytes for send: the text, or n bytes of a visible pattern. */
static uint32_t
app_data(struct sim *s, int h, const struct scn_call *c, uint32_t *len)
{
	uint8_t buf[4096];
	uint32_t n = c->text ? c->data_len : c->arg;
	uint32_t off = 0, first = 0;
	const struct app *a = &s->w.host[h].app;

	*len = n;
	if (c->text)
		return step_data(s, (const uint8_t *)s->scn->data + c->data_off,
		    n);
	if (s->replay)
		return step_data(s, NULL, 0);
	/* Pattern bytes, stored in pieces; the first piece's offset is it. */
	while (off < n) {
		uint32_t k = n - off < sizeof(buf) ? n - off :
		    (uint32_t)sizeof(buf);
		uint32_t o;

		for (uint32_t i = 0; i < k; i++)
			buf[i] = (uint8_t)('a' + (a->sent + off + i) % 26);
		o = step_data(s, buf, k);
		if (off == 0)
			first = o;
		off += k;
	}
	s->r->data_off = first;
	s->r->data_len = n;
	return first;
}

/* Append what fits of [off, off+len) to the send buffer; returns that. */
static uint32_t
sock_snd_append(struct sock *so, uint32_t off, uint32_t len)
{
	struct sock_buf *b = &so->snd;
	uint32_t room = b->size > b->used ? b->size - b->used : 0;
	uint32_t n = len < room ? len : room;

	if (n == 0)
		return 0;
	if (b->nchunk > 0 && b->chunk[b->nchunk - 1].off +
	    b->chunk[b->nchunk - 1].len == off)
		b->chunk[b->nchunk - 1].len += n;
	else if (b->nchunk < SOCK_MAX_CHUNK)
		b->chunk[b->nchunk++] = (struct sock_chunk){ off, n };
	else
		return 0;
	b->used += n;
	return n;
}

/* Take up to n bytes from the receive buffer into the step's data. */
static uint32_t
sock_rcv_take(struct sim *s, struct sock *so, uint32_t n)
{
	struct sock_buf *b = &so->rcv;
	uint8_t buf[65536];
	uint32_t got = 0;

	if (n > sizeof(buf))
		n = sizeof(buf);
	while (got < n && b->nchunk > 0) {
		struct sock_chunk *c = &b->chunk[0];
		uint32_t k = c->len < n - got ? c->len : n - got;

		memcpy(buf + got, sim_bytes(s, c->off), k);
		got += k;
		c->off += k;
		c->len -= k;
		if (c->len == 0) {
			memmove(&b->chunk[0], &b->chunk[1],
			    (size_t)(b->nchunk - 1) * sizeof(b->chunk[0]));
			b->nchunk--;
		}
	}
	b->used -= got;
	step_data(s, buf, got);
	return got;
}

static void
app_socket(struct sim *s, int h)
{
	struct host *ho = &s->w.host[h];
	int i = sock_slot(s, h);

	if (i < 0) {
		ho->app.result = -1;
		step_params(s, "error=%s", sock_errname(EMFILE));
		return;
	}
	ho->sock[i].fd = sock_lowest_fd(ho);
	ho->app.fd = ho->sock[i].fd;
	ho->app.result = ho->app.fd;
	step_params(s, "fd=%d", ho->app.fd);
}

static bool
sock_port_busy(const struct host *ho, uint16_t port)
{
	for (int i = 0; i < HOST_MAX_SOCK; i++)
		if (ho->sock[i].used && ho->sock[i].local_set &&
		    ho->sock[i].listener < 0 &&
		    ho->sock[i].local_port == port)
			return true;
	return false;
}

static void
app_bind(struct sim *s, int h, uint16_t port)
{
	struct host *ho = &s->w.host[h];
	int i = sock_by_fd(ho, ho->app.fd);

	if (i < 0 || ho->sock[i].local_set || sock_port_busy(ho, port)) {
		ho->app.result = -1;
		step_params(s, "fd=%d port=%u error=%s", ho->app.fd, port,
		    sock_errname(i < 0 ? EBADF : ho->sock[i].local_set ?
		    EINVAL : EADDRINUSE));
		return;
	}
	ho->sock[i].local_set = true;
	ho->sock[i].local_addr = ho->addr;
	ho->sock[i].local_port = port;
	ho->app.result = 0;
	step_params(s, "fd=%d port=%u", ho->app.fd, port);
}

static void
app_listen(struct sim *s, int h, uint32_t backlog)
{
	struct host *ho = &s->w.host[h];
	int i = sock_by_fd(ho, ho->app.fd);

	if (i < 0 || !ho->sock[i].local_set ||
	    ho->sock[i].tcb.state != TCPS_CLOSED) {
		ho->app.result = -1;
		step_params(s, "fd=%d backlog=%u error=%s", ho->app.fd,
		    backlog, sock_errname(i < 0 ? EBADF : EINVAL));
		return;
	}
	ho->sock[i].listening = true;
	ho->sock[i].backlog = (uint16_t)(backlog > 4096 ? 4096 : backlog);
	ho->sock[i].tcb.state = TCPS_LISTEN;
	ho->app.listen_fd = ho->app.fd;
	ho->app.result = 0;
	step_params(s, "fd=%d backlog=%u", ho->app.fd, backlog);
}

/* The oldest established connection waiting on the listener, or -1. */
static int
sock_queued(const struct host *ho, int li)
{
	int best = -1;

	for (int i = 0; i < HOST_MAX_SOCK; i++) {
		const struct sock *so = &ho->sock[i];

		if (!so->used || so->listener != li || so->accepted ||
		    so->tcb.state == TCPS_SYN_RECEIVED)
			continue;
		if (best < 0 || so->order < ho->sock[best].order)
			best = i;
	}
	return best;
}

/* Hand the oldest queued connection to the application. */
static bool
sock_accept_one(struct sim *s, int h)
{
	struct host *ho = &s->w.host[h];
	int li = sock_by_fd(ho, ho->app.listen_fd);
	int ci = li >= 0 ? sock_queued(ho, li) : -1;

	if (ci < 0)
		return false;
	ho->sock[ci].fd = sock_lowest_fd(ho);
	ho->sock[ci].accepted = true;
	ho->sock[li].qlen--;
	ho->app.fd = ho->sock[ci].fd;
	ho->app.result = ho->app.fd;
	step_params(s, "fd=%d peer_port=%u", ho->app.fd,
	    ho->sock[ci].remote_port);
	return true;
}

static void
app_accept(struct sim *s, int h)
{
	struct host *ho = &s->w.host[h];

	if (sock_by_fd(ho, ho->app.listen_fd) < 0) {
		ho->app.result = -1;
		step_params(s, "error=%s", sock_errname(EINVAL));
		return;
	}
	if (sock_accept_one(s, h))
		return;
	step_params(s, "fd=%d blocks", ho->app.listen_fd);
	app_block(s, h, APP_WAIT_ACCEPT);
}

static void
app_connect(struct sim *s, int h, uint16_t port)
{
	struct host *ho = &s->w.host[h];
	const struct profile *p = host_profile(s, h);
	int i = sock_by_fd(ho, ho->app.fd);
	struct sock *so;

	if (i < 0 || ho->sock[i].tcb.state != TCPS_CLOSED ||
	    ho->sock[i].listening || ho->sock[i].remote_set) {
		ho->app.result = -1;
		step_params(s, "fd=%d error=%s", ho->app.fd,
		    sock_errname(i < 0 ? EBADF : EINVAL));
		return;
	}
	so = &ho->sock[i];
	if (!so->local_set) {
		/* The ephemeral port: the next free one in the range. */
		do {
			so->local_port = ho->next_port;
			ho->next_port = ho->next_port >= p->port_hi ?
			    p->port_lo : (uint16_t)(ho->next_port + 1);
		} while (sock_port_busy(ho, so->local_port));
		so->local_set = true;
		so->local_addr = ho->addr;
	}
	so->remote_set = true;
	so->remote_addr = s->w.host[!h].addr;
	so->remote_port = port;
	sock_alloc_bufs(s, h, i);
	step_params(s, "fd=%d port=%u local_port=%u", so->fd, port,
	    so->local_port);
	tcp_open_active(s, h, i);
	app_block(s, h, APP_WAIT_CONNECT);
}

/* Put send data in the buffer; block if it does not all fit. */
static void
app_send_more(struct sim *s, int h)
{
	struct host *ho = &s->w.host[h];
	struct app *a = &ho->app;
	int i = sock_by_fd(ho, a->fd);
	uint32_t n;

	if (i < 0 || ho->sock[i].error != 0 || ho->sock[i].shut_wr) {
		a->result = -1;
		a->send_left = 0;
		step_params(s, "fd=%d error=%s", a->fd, sock_errname(i < 0 ?
		    EBADF : ho->sock[i].error ? ho->sock[i].error : EPIPE));
		return;
	}
	n = sock_snd_append(&ho->sock[i], a->send_off, a->send_left);
	a->send_off += n;
	a->send_left -= n;
	a->sent += n;
	a->result += (int)n;
	if (n > 0)
		tcp_send_wanted(s, h, i);
	step_params(s, "fd=%d bytes=%u buffered=%u%s", a->fd, n,
	    ho->sock[i].snd.used, a->send_left ? " blocks" : "");
	if (a->send_left > 0)
		app_block(s, h, APP_WAIT_SEND);
}

static bool
sock_can_send(const struct sock *so)
{
	return so->tcb.state == TCPS_ESTABLISHED ||
	    so->tcb.state == TCPS_CLOSE_WAIT;
}

static void
app_send(struct sim *s, int h, const struct scn_call *c)
{
	struct host *ho = &s->w.host[h];
	int i = sock_by_fd(ho, ho->app.fd);
	uint32_t len;

	ho->app.send_off = app_data(s, h, c, &len);
	ho->app.send_left = len;
	ho->app.result = 0;
	if (i < 0 || !sock_can_send(&ho->sock[i]) || ho->sock[i].shut_wr) {
		ho->app.send_left = 0;
		ho->app.result = -1;
		step_params(s, "fd=%d error=%s", ho->app.fd, sock_errname(
		    i < 0 ? EBADF : ho->sock[i].error ? ho->sock[i].error :
		    ho->sock[i].tcb.state < TCPS_ESTABLISHED ? ENOTCONN :
		    EPIPE));
		return;
	}
	app_send_more(s, h);
}

/* recv(): what is there, up to want; 0 at end of stream. */
static bool
app_recv_now(struct sim *s, int h)
{
	struct host *ho = &s->w.host[h];
	struct app *a = &ho->app;
	int i = sock_by_fd(ho, a->fd);
	struct sock *so;
	uint32_t got;

	if (i < 0) {
		a->result = -1;
		step_params(s, "fd=%d error=%s", a->fd, sock_errname(EBADF));
		return true;
	}
	so = &ho->sock[i];
	if (so->rcv.used > 0) {
		got = sock_rcv_take(s, so, a->recv_want);
		a->received += got;
		a->result = (int)got;
		step_params(s, "fd=%d bytes=%u", a->fd, got);
		tcp_window_opened(s, h, i);
		return true;
	}
	if (so->error != 0) {
		a->result = -1;
		if (a->wait == APP_WAIT_RECV)
			step_set(s, h, SIM_L_APP, "app.recv_error", 0);
		step_params(s, "fd=%d error=%s", a->fd,
		    sock_errname(so->error));
		return true;
	}
	if (so->tcb.fin_rcvd || so->tcb.state == TCPS_CLOSED) {
		a->result = 0;
		step_params(s, "fd=%d bytes=0 end-of-stream", a->fd);
		return true;
	}
	return false;
}

static void
app_recv(struct sim *s, int h, uint32_t want)
{
	struct app *a = &s->w.host[h].app;

	a->recv_want = want ? want : 1;
	if (app_recv_now(s, h))
		return;
	step_params(s, "fd=%d want=%u blocks", a->fd, want);
	app_block(s, h, APP_WAIT_RECV);
}

static void
app_shutdown(struct sim *s, int h)
{
	struct host *ho = &s->w.host[h];
	int i = sock_by_fd(ho, ho->app.fd);

	if (i < 0 || ho->sock[i].shut_wr) {
		ho->app.result = -1;
		step_params(s, "fd=%d error=%s", ho->app.fd,
		    sock_errname(i < 0 ? EBADF : ENOTCONN));
		return;
	}
	ho->sock[i].shut_wr = true;
	ho->app.result = 0;
	step_params(s, "fd=%d how=SHUT_WR", ho->app.fd);
	tcp_close(s, h, i);
}

static void
app_close_listener(struct sim *s, int h, int li)
{
	struct host *ho = &s->w.host[h];

	/* Connections never accepted go with it (RST if established). */
	for (int i = 0; i < HOST_MAX_SOCK; i++)
		if (ho->sock[i].used && ho->sock[i].listener == li &&
		    !ho->sock[i].accepted)
			tcp_abort(s, h, i);
	sock_free(s, h, li);
	if (ho->app.listen_fd >= 0 && sock_by_fd(ho, ho->app.listen_fd) < 0)
		ho->app.listen_fd = -1;
}

static void
app_close(struct sim *s, int h)
{
	struct host *ho = &s->w.host[h];
	const struct profile *p = host_profile(s, h);
	int fd = ho->app.fd, i = sock_by_fd(ho, fd);
	struct sock *so;

	if (i < 0) {
		ho->app.result = -1;
		step_params(s, "fd=%d error=%s", fd, sock_errname(EBADF));
		return;
	}
	so = &ho->sock[i];
	ho->app.result = 0;
	/* A reset or refused connection has nothing left to disconnect. */
	step_params(s, so->listening || so->tcb.state != TCPS_CLOSED ?
	    "fd=%d" : "fd=%d connection=none", fd);
	if (fd == ho->app.listen_fd)
		ho->app.listen_fd = -1;
	ho->app.fd = -1;
	if (so->listening) {
		app_close_listener(s, h, i);
		return;
	}
	so->closed = true;
	so->fd = -1;
	/* RFC 2525 §2.17: data the application never read means a reset. */
	if (so->rcv.used > 0 && p->rst_on_unread) {
		tcp_abort(s, h, i);
		return;
	}
	so->shut_wr = true;
	tcp_close(s, h, i);
}

/* A crash and restart: every socket and timer is gone, silently. */
static void
app_reboot(struct sim *s, int h)
{
	struct host *ho = &s->w.host[h];

	for (int i = 0; i < HOST_MAX_SOCK; i++)
		if (ho->sock[i].used)
			sock_free(s, h, i);
	for (int i = 0; i < s->w.nev; ) {
		const struct event *e = &s->w.ev[i];

		/* Packets on their way out never reach the wire. */
		if (e->host == h && e->kind != EV_APP &&
		    e->kind != EV_IP_INPUT && e->kind != EV_WIRE) {
			s->w.ev[i] = s->w.ev[--s->w.nev];
			continue;
		}
		i++;
	}
	ho->app.fd = ho->app.listen_fd = -1;
	ho->app.wake_pending = false;
	ho->ip_id = (uint16_t)sim_rand(s);
	step_params(s, "all sockets lost");
}

static const char *const app_kinds[SCN_OP_COUNT] = {
	[SCN_SOCKET] = "sock.socket", [SCN_BIND] = "sock.bind",
	[SCN_LISTEN] = "sock.listen", [SCN_ACCEPT] = "sock.accept",
	[SCN_CONNECT] = "sock.connect", [SCN_SEND] = "sock.send",
	[SCN_RECV] = "sock.recv", [SCN_SHUTDOWN] = "sock.shutdown",
	[SCN_CLOSE] = "sock.close", [SCN_REBOOT] = "app.reboot",
};

void
app_event(struct sim *s, const struct event *e)
{
	int h = e->host;
	struct app *a = &s->w.host[h].app;
	const struct scn_call *c;

	c = &s->scn->call[a->pc];
	step_set(s, h, c->op == SCN_REBOOT ? SIM_L_APP : SIM_L_SOCK,
	    app_kinds[c->op], 0);
	switch (c->op) {
	case SCN_SOCKET: app_socket(s, h); break;
	case SCN_BIND: app_bind(s, h, (uint16_t)c->arg); break;
	case SCN_LISTEN: app_listen(s, h, c->arg); break;
	case SCN_ACCEPT: app_accept(s, h); break;
	case SCN_CONNECT: app_connect(s, h, (uint16_t)c->arg); break;
	case SCN_SEND: app_send(s, h, c); break;
	case SCN_RECV: app_recv(s, h, c->arg); break;
	case SCN_SHUTDOWN: app_shutdown(s, h); break;
	case SCN_CLOSE: app_close(s, h); break;
	case SCN_REBOOT: app_reboot(s, h); break;
	default: break;
	}
	if (a->wait == APP_RUNNING)
		app_next(s, h);
}

void
app_return_event(struct sim *s, const struct event *e)
{
	int h = e->host;
	struct host *ho = &s->w.host[h];
	struct app *a = &ho->app;
	int i = sock_by_fd(ho, a->fd);

	a->wake_pending = false;
	switch (a->wait) {
	case APP_WAIT_ACCEPT:
		step_set(s, h, SIM_L_APP, "app.accept_return", 7);
		if (!sock_accept_one(s, h)) {
			a->result = -1;
			step_params(s, "error=%s", sock_errname(EINVAL));
		}
		break;
	case APP_WAIT_CONNECT:
		step_set(s, h, SIM_L_APP, "app.connect_return", 0);
		if (i >= 0 && ho->sock[i].tcb.state >= TCPS_ESTABLISHED &&
		    ho->sock[i].error == 0) {
			a->result = 0;
			step_params(s, "fd=%d result=0", a->fd);
		} else {
			a->result = -1;
			step_params(s, "fd=%d error=%s", a->fd, sock_errname(
			    i >= 0 ? ho->sock[i].error : EBADF));
		}
		break;
	case APP_WAIT_RECV:
		step_set(s, h, SIM_L_APP, "app.recv_return", 0);
		app_recv_now(s, h);
		break;
	case APP_WAIT_SEND:
		step_set(s, h, SIM_L_SOCK, "sock.send", 0);
		app_send_more(s, h);
		if (a->send_left > 0)
			return;		/* still blocked */
		break;
	default:
		step_set(s, h, SIM_L_APP, "app.idle", 0);
		return;
	}
	app_next(s, h);
}
