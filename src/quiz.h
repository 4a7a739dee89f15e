/*
 * quiz: practice on a real capture.  quiz_load takes the first connection
 * whose handshake the capture shows (through the annotator, so connections
 * are found and windows scaled as `tcpstep annotate` does) and keeps its
 * first segments; quiz_make turns them into questions whose answers are
 * the capture's own fields: the SYN+ACK's ACK number, the next sequence
 * number a receiver expects, a window after scaling, and the order of
 * shuffled segments.  Nothing is invented: a question the capture cannot
 * answer is not asked.  Nothing here prints.
 */
#ifndef TS_QUIZ_H
#define TS_QUIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define QUIZ_MAX_SEGS	24
#define QUIZ_MAX_QS	4
#define QUIZ_ORDER_N	4	/* segments to put back in order */

struct quiz_seg {
	uint64_t	 frame;		/* 1-based, as tshark numbers it */
	bool		 from_client;
	uint8_t		 flags;		/* TH_* */
	uint32_t	 seq, ack;	/* raw, as on the wire */
	uint32_t	 len;		/* payload bytes */
	uint16_t	 win;		/* the field */
	uint32_t	 win_scaled;	/* after the handshake's window scale */
	bool		 scaled;	/* win_scaled differs from the field */
	int		 wscale;	/* the window scale option, or -1 */
};

enum quiz_kind { QUIZ_ACK, QUIZ_NEXT, QUIZ_WIN, QUIZ_ORDER };

struct quiz_q {
	enum quiz_kind	 kind;
	int		 seg;		/* the segment asked about */
	uint32_t	 answer;	/* QUIZ_ORDER: unused */
	int		 order[QUIZ_ORDER_N];	/* shown position -> segment */
	int		 norder;
};

struct quiz {
	char		 client[64], server[64];	/* "addr.port" */
	int		 nseg;
	struct quiz_seg	 seg[QUIZ_MAX_SEGS];
	int		 nq;
	struct quiz_q	 q[QUIZ_MAX_QS];
};

/* Read path (a pcap or pcapng, "-" for stdin) with an optional filter. */
int	quiz_load(struct quiz *z, const char *path, const char *filter,
	    struct ts_err *err);
/* Make the questions; seed shuffles the order question. */
void	quiz_make(struct quiz *z, uint64_t seed);
/*
 * Is input the answer to q?  Numbers: decimal or 0x.  Order: the shown
 * segments' numbers in the right order, e.g. "3 1 4 2".
 */
bool	quiz_check(const struct quiz *z, const struct quiz_q *q,
	    const char *input);
/* "S", "S.", "P.", "F.", "R" ... as tcpdump writes the flags. */
const char *quiz_flags(uint8_t flags, char *buf, size_t cap);

#endif
