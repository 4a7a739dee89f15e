/*
 * quiz_line: `tcpstep quiz` in lines of text: the connection's segments as
 * tcpdump prints them, one field blanked ("?"), the student types it; two
 * tries, a hint after the first; the order question shows segments
 * shuffled.  The answers are the capture's own values (quiz.h).
 */
#ifndef TS_QUIZ_LINE_H
#define TS_QUIZ_LINE_H

#include <stdio.h>

#include "quiz.h"

/* Ask every question of z; returns the number answered right at once. */
int	quiz_line_run(const struct quiz *z, FILE *in, FILE *out);

#endif
