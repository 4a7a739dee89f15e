/*
 * golden: compare a rendered screen with tests/golden/NAME.txt, or rewrite
 * the file when TCPSTEP_UPDATE_GOLDEN=1 (`make golden`, for review).
 * Header-only, like tpcap.h, so any suite can include it.
 */
#ifndef TS_GOLDEN_H
#define TS_GOLDEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

/* The whole file as a NUL-terminated string (free it), or NULL. */
static inline char *
golden_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = n < 0 ? NULL : malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static inline void
golden_check(const char *name, const char *got)
{
	char path[256];
	const char *upd = getenv("TCPSTEP_UPDATE_GOLDEN");
	char *want;

	snprintf(path, sizeof(path), "tests/golden/%s.txt", name);
	if (upd != NULL && strcmp(upd, "1") == 0) {
		FILE *f = fopen(path, "wb");

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		fputs(got, f);
		fclose(f);
		return;
	}
	want = golden_slurp(path);
	CU_ASSERT_PTR_NOT_NULL(want);
	if (want == NULL)
		return;
	if (strcmp(want, got) != 0) {
		fprintf(stderr, "\n%s differs; got:\n%s", path, got);
		CU_FAIL("golden screen differs (make golden to review)");
	}
	free(want);
}

#endif
