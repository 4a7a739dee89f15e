/*
 * lesson_files: where lessons are found.  A built-in lesson NAME is
 * <datadir>/lessons/NAME.lesson (see lang.h for the data directory); an
 * operand with a '/' or an extension is a file of the user's own.
 */
#ifndef TS_LESSON_FILES_H
#define TS_LESSON_FILES_H

#include <stddef.h>

#include "lesson.h"

/*
 * The built-in lessons' names, sorted (the number in front sets the order);
 * *n gets their count.  The caller frees with lesson_files_free.  NULL with
 * *n = 0 when the directory cannot be read.
 */
char	**lesson_files_list(size_t *n);
void	  lesson_files_free(char **names, size_t n);
/* The path of NAME|FILE into buf; -1 if NAME is not a lesson name. */
int	  lesson_files_path(const char *op, char *buf, size_t cap);
/*
 * Load NAME|FILE, printing "tcpstep: what: why" on failure; returns an
 * exit code (EXIT_OK, EXIT_FAIL, or EXIT_USAGE for an unknown name).
 */
int	  lesson_files_load(const char *op, struct lesson *l);

#endif
