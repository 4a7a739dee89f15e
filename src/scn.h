/*
 * scn: scenarios, and the small text format they are written in (the
 * built-in ones too; see scenarios/README.md).  A scenario names the hosts'
 * profiles and settings, each host's script of Socket library calls (at
 * times, or as soon as the previous call returns), and a fault plan for
 * the wire.  Files are untrusted: every error is "file:line: what".
 */
#ifndef TS_SCN_H
#define TS_SCN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define SCN_MAX_CALLS	100000
#define SCN_MAX_FAULTS	64
#define SCN_MAX_NTH	16
#define SCN_MAX_TEXT	(1u << 20)	/* bytes of a scenario file */

enum scn_op {
	SCN_SOCKET = 0, SCN_BIND, SCN_LISTEN, SCN_ACCEPT, SCN_CONNECT,
	SCN_SEND, SCN_RECV, SCN_SHUTDOWN, SCN_CLOSE, SCN_REBOOT,
	SCN_OP_COUNT
};

/* Which segments a fault picks. */
enum scn_segkind {
	SK_ANY = 0, SK_SYN, SK_SYNACK, SK_ACK, SK_DATA, SK_FIN, SK_RST,
	SK_COUNT
};

struct scn_call {
	uint8_t		host;
	uint8_t		op;		/* enum scn_op */
	bool		has_at;
	uint64_t	at_us;
	uint32_t	arg;		/* port, backlog, byte count */
	uint32_t	data_off;	/* send TEXT: in scn.data */
	uint32_t	data_len;
	bool		text;		/* send TEXT rather than send N */
	int		line;
};

struct scn_fault {
	uint8_t		action;		/* enum sim_fault */
	int8_t		host;		/* -1: either */
	uint8_t		kind;		/* enum scn_segkind */
	uint8_t		nnth;		/* 0: random */
	uint32_t	nth[SCN_MAX_NTH];
	uint8_t		percent;	/* random: chance per segment */
	uint32_t	delay_us;
};

struct scn_host {
	int		profile;	/* -1: not set */
	int64_t		iss;		/* -1: RFC 6528 */
	uint32_t	sndbuf, rcvbuf;	/* 0: the profile's */
	bool		keep_on;	/* keep-alive with the profile's times */
	uint32_t	keep_idle_us;	/* 0: no keep-alive, or the profile's */
	uint32_t	keep_intvl_us;
	uint8_t		keep_probes;
};

struct scn {
	char		name[64];
	char		desc[160];
	bool		ipv6;
	uint32_t	latency_us;
	uint64_t	end_us;		/* stop the run here; 0 = default */
	struct scn_host	host[2];
	size_t		ncall, capcall;
	struct scn_call	*call;		/* owned */
	size_t		nfault;
	struct scn_fault fault[SCN_MAX_FAULTS];
	char		*data;		/* texts sent (owned) */
	size_t		ndata;
};

/*
 * Parse text (len bytes) into sc; origin names it in errors ("x.scn").
 * 0, or -1 with "origin:line: what" in err.  scn_done frees what a
 * successful parse holds.
 */
int		 scn_parse(struct scn *sc, const char *text, size_t len,
		    const char *origin, struct ts_err *err);
void		 scn_done(struct scn *sc);
/* Read a file (bounded) and parse it. */
int		 scn_load(struct scn *sc, const char *path, struct ts_err *err);
/* Write sc back in the format (caller frees). */
char		*scn_format(const struct scn *sc);

/* The built-in scenarios, as text in the format. */
size_t		 scn_builtin_count(void);
const char	*scn_builtin_name(size_t i);
const char	*scn_builtin_text(size_t i);
int		 scn_builtin_find(const char *name);

const char	*scn_op_name(int op);
const char	*scn_segkind_name(int kind);
const char	*scn_fault_name(int action);

#endif
