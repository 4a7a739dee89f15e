/*
 * lesson_line: a lesson in plain lines of text.  What the lesson says is
 * printed as it changes; answers and commands are read a line at a time
 * (Enter goes on, b goes back, q stops).  For a pipe, a script, a screen
 * reader, or a terminal where the TUI is not wanted.  Everything the
 * student sees comes from lesson_mode, so both modes teach the same.
 */
#ifndef TS_LESSON_LINE_H
#define TS_LESSON_LINE_H

#include <stdio.h>

#include "lesson_mode.h"

/* Run m reading in and writing out, lines of at most width columns. */
void	lesson_line_run(struct lesson_mode *m, FILE *in, FILE *out, int width);

#endif
