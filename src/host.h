/*
 * host: one simulated computer, as plain data.  A host has the layers the
 * book names: the application (a script of Socket library calls), the
 * socket layer (a descriptor table of sockets), TCP (a TCB in each socket)
 * and IP (its address, TTL and the IPv4 ID counter).  Views read these
 * structures through sim_host(); only the engine writes them.
 *
 * No pointers anywhere: sockets refer to each other by index and to bytes
 * by offsets into the run's byte store, so copying a host is a snapshot.
 */
#ifndef TS_HOST_H
#define TS_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "pkt.h"
#include "tcb.h"

#define HOST_MAX_SOCK	8	/* sockets per host, listeners included */
#define SOCK_MAX_CHUNK	32	/* pieces of data a buffer refers to */
#define SOCK_FIRST_FD	3	/* 0, 1, 2 are the standard streams */

enum { SIM_CLIENT = 0, SIM_SERVER = 1, SIM_NHOSTS = 2 };

/*
 * Bytes held in a buffer: a run of bytes in the run's byte store (the
 * recorded application write, or the received packet).
 */
struct sock_chunk {
	uint32_t	off;		/* in the byte store */
	uint32_t	len;
};

struct sock_buf {
	uint32_t	size;		/* allocated bytes; 0 = not yet allocated */
	uint32_t	used;		/* bytes held */
	uint8_t		nchunk;
	struct sock_chunk chunk[SOCK_MAX_CHUNK];
};

struct sock {
	bool		used;
	int		fd;		/* descriptor, or -1 (not yet accepted) */
	int		listener;	/* index of the listening socket that
					   made this one, or -1 */
	uint8_t		proto;		/* 6, all a new socket knows */
	bool		local_set;	/* false: "not yet assigned" */
	struct pkt_addr	local_addr;
	uint16_t	local_port;
	bool		remote_set;
	struct pkt_addr	remote_addr;
	uint16_t	remote_port;
	bool		listening;
	uint16_t	backlog;	/* listen()'s argument */
	uint16_t	qlen;		/* connections waiting for accept() */
	uint16_t	qlen_syn;	/* half-open (SYN-RECEIVED) children */
	bool		accepted;	/* handed to the application */
	bool		shut_wr;	/* shutdown(SHUT_WR) or close() */
	bool		closed;		/* close(): the application let go */
	int		error;		/* pending error (ECONNREFUSED, ...) */
	uint32_t	order;		/* creation order, for the queue */
	struct sock_buf	snd;		/* send buffer */
	struct sock_buf	rcv;		/* receive buffer */
	struct tcb	tcb;
};

/* What the application is doing (its script and the call it waits in). */
enum app_wait {
	APP_RUNNING = 0,	/* between calls, or about to call */
	APP_WAIT_ACCEPT,
	APP_WAIT_CONNECT,
	APP_WAIT_RECV,
	APP_WAIT_SEND,
	APP_WAIT_CLOSE,
	APP_DONE		/* the script has ended */
};

struct app {
	uint32_t	pc;		/* next call in the host's script */
	uint8_t		wait;		/* enum app_wait */
	int		fd;		/* the descriptor the calls act on */
	int		listen_fd;
	uint32_t	recv_want;	/* bytes a blocked recv() wants */
	uint32_t	send_off;	/* a blocked send(): what is left of */
	uint32_t	send_left;	/* its data, in the byte store */
	uint32_t	sent, received;	/* application bytes so far */
	bool		wake_pending;	/* a return is already queued */
	int		result;		/* the last call's return value */
};

struct host {
	int		side;		/* SIM_CLIENT or SIM_SERVER */
	struct pkt_addr	addr;		/* this run's address (v4 or v6) */
	uint8_t		mac[6];		/* documentation MAC (RFC 7042) */
	int		profile;	/* index into the profile table */
	uint8_t		ttl;
	uint16_t	ip_id;		/* next IPv4 Identification */
	uint16_t	next_port;	/* next ephemeral port */
	uint16_t	mtu;
	bool		up;		/* false while rebooting */
	struct app	app;
	struct sock	sock[HOST_MAX_SOCK];
};

#endif
