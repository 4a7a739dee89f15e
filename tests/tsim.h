/*
 * tsim: helpers for the engine's tests -- run a scenario (built-in or
 * text), find a step by host and kind, read a named field at a step.
 */
#ifndef TS_TSIM_H
#define TS_TSIM_H

#include <string.h>

#include <CUnit/CUnit.h>

#include "sim.h"

static inline struct sim *
tsim_run(const char *scenario, uint64_t seed, bool ipv6)
{
	struct sim_config cfg = { scenario, seed, ipv6, NULL, NULL };
	struct ts_err err = { "" };
	struct sim *s = sim_new(&cfg, &err);

	if (s == NULL)
		fprintf(stderr, "tsim: %s\n", err.msg);
	return s;
}

static inline struct sim *
tsim_text(const char *text, uint64_t seed)
{
	struct sim_config cfg = { NULL, seed, false, NULL, NULL };
	struct ts_err err = { "" };
	struct sim *s = sim_new_text(&cfg, text, "test.scn", &err);

	if (s == NULL)
		fprintf(stderr, "tsim: %s\n", err.msg);
	return s;
}

/* The nth (1-based) step of this host and kind; 0 if there is none. */
static inline size_t
tsim_find(const struct sim *s, int host, const char *kind, int nth)
{
	for (size_t k = 1; k <= sim_nsteps(s); k++) {
		const struct sim_step *st = sim_step_at(s, k);

		if ((host < 0 || st->host == host) &&
		    strcmp(st->kind, kind) == 0 && --nth == 0)
			return k;
	}
	return 0;
}

/* A numeric field after step k. */
static inline uint64_t
tsim_num(struct sim *s, size_t k, const char *name)
{
	struct sim_value v;
	struct ts_err err;

	sim_goto(s, k);
	if (sim_get(s, name, &v, &err) == -1) {
		CU_FAIL(err.msg);
		return 0;
	}
	return v.num;
}

/* A string field after step k, into buf. */
static inline const char *
tsim_str(struct sim *s, size_t k, const char *name, char *buf, size_t len)
{
	struct sim_value v;
	struct ts_err err;

	sim_goto(s, k);
	if (sim_get(s, name, &v, &err) == -1) {
		CU_FAIL(err.msg);
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, len, "%s", v.str);
	return buf;
}

#endif
