#include "lesson_sim.h"

#include <stdio.h>
#include <string.h>

static int
lesson_sim_info(void *ctx, uint32_t k, struct lesson_stepinfo *out,
    struct ts_err *err)
{
	const struct sim_step *st = sim_step_at(ctx, k);

	if (st == NULL)
		return ts_err_set(err, "no step %u", k);
	snprintf(out->kind, sizeof(out->kind), "%s", st->kind != NULL ?
	    st->kind : "");
	out->host = st->host == SIM_SERVER ? LESSON_HOST_SERVER :
	    LESSON_HOST_CLIENT;
	out->chapter = st->chapter;
	return 0;
}

static int
lesson_sim_get(void *ctx, uint32_t k, const char *name, struct expr_val *out,
    struct ts_err *err)
{
	struct sim *s = ctx;
	struct sim_value v;
	struct ts_err why;

	memset(out, 0, sizeof(*out));
	if (sim_goto(s, k) == -1)
		return ts_err_set(err, "no step %u", k);
	if (sim_get(s, name, &v, &why) == -1)
		return ts_err_set(err, "unknown state name");
	if (v.type == SV_STR) {
		out->type = EXPR_STR;
		snprintf(out->str, sizeof(out->str), "%s", v.str);
		return 0;
	}
	/* Answers are 32-bit (sequence space); wider values are not guessed at. */
	if (v.num > UINT32_MAX)
		return ts_err_set(err, "value %llu does not fit 32 bits",
		    (unsigned long long)v.num);
	out->type = EXPR_NUM;
	out->num = (uint32_t)v.num;
	return 0;
}

static bool
lesson_sim_known(void *ctx, const char *name)
{
	(void)ctx;
	return sim_name_index(name) >= 0;
}

void
lesson_sim_bind(struct sim *s, struct lesson_engine *eng)
{
	size_t n = sim_nsteps(s);

	eng->ctx = s;
	eng->last = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
	eng->info = lesson_sim_info;
	eng->get = lesson_sim_get;
	eng->known = lesson_sim_known;
}

/* A scenario operand naming a file: a '/' or an extension (as the CLI says). */
static bool
lesson_sim_is_file(const char *s)
{
	const char *dot = strrchr(s, '.');

	return strchr(s, '/') != NULL || (dot != NULL && dot != s &&
	    dot[1] != '\0');
}

struct sim *
lesson_sim_run(const struct lesson *l, const struct lesson_sim_opts *o,
    struct ts_err *err)
{
	struct sim_config cfg;
	char path[LESSON_PATH_MAX * 2];
	const char *slash = strrchr(l->file, '/');
	struct ts_err why;
	struct sim *s;

	memset(&cfg, 0, sizeof(cfg));
	cfg.scenario = l->scenario;
	if (lesson_sim_is_file(l->scenario) && l->scenario[0] != '/' &&
	    slash != NULL) {
		/* Relative to the lesson file, so lessons travel with theirs. */
		snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - l->file),
		    l->file, l->scenario);
		cfg.scenario = path;
	}
	cfg.seed = o != NULL && o->seed_set ? o->seed : l->seed;
	cfg.ipv6 = l->ipv6;
	cfg.client_profile = o != NULL && o->client_profile != NULL ?
	    o->client_profile : l->client_profile[0] != '\0' ?
	    l->client_profile : NULL;
	cfg.server_profile = o != NULL && o->server_profile != NULL ?
	    o->server_profile : l->server_profile[0] != '\0' ?
	    l->server_profile : NULL;
	s = sim_new(&cfg, &why);
	if (s == NULL)
		ts_err_set(err, "%.200s: %s", l->file, why.msg);
	return s;
}
