#include "xalloc.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *
xalloc_check(void *p)
{
	if (p == NULL)
		abort();
	return p;
}

void *
xmalloc(size_t n)
{
	assert(n != 0);
	return xalloc_check(malloc(n));
}

void *
xcalloc(size_t nmemb, size_t size)
{
	assert(nmemb != 0 && size != 0);
	return xalloc_check(calloc(nmemb, size));
}

void *
xrealloc(void *p, size_t nmemb, size_t size)
{
	assert(nmemb != 0 && size != 0);
	if (nmemb > SIZE_MAX / size)
		abort();
	return xalloc_check(realloc(p, nmemb * size));
}

char *
xstrdup(const char *s)
{
	return xalloc_check(strdup(s));
}
