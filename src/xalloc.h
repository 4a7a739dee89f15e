/*
 * xalloc: allocation that cannot fail.  Out of memory is not an input error
 * a caller could handle, so these abort; a zero-size request is a bug.
 * Whoever receives the pointer frees it with free().
 */
#ifndef TS_XALLOC_H
#define TS_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t n);
void	*xcalloc(size_t nmemb, size_t size);
void	*xrealloc(void *p, size_t nmemb, size_t size);
char	*xstrdup(const char *s);

#endif
