#include "cli_sim.h"

#include <stdio.h>

#include "i18n.h"

static bool
cli_sim_profile(const struct cli *c, const char *name)
{
	if (name == NULL || sim_profile_known(name))
		return true;
	cli_usage_error(c->name, _("%s: unknown profile '%s' (use linux, "
	    "windows, minimal or rfc)"), c->name, name);
	return false;
}

/*
 * Inject the --fault options in the order given, as pressing f at each
 * step would: each STEP counts in the run the earlier faults made.
 */
static int
cli_sim_faults(const struct cli *c, struct sim *s)
{
	struct ts_err err = { "" };

	for (int i = 0; i < c->nfault; i++) {
		const struct cli_fault *f = &c->fault[i];

		if ((size_t)f->step > sim_nsteps(s))
			return cli_usage_error(c->name, _("%s: --fault %s: no "
			    "step %ld (this run has steps 0 to %zu)"), c->name,
			    f->arg, f->step, sim_nsteps(s));
		if (sim_inject(s, (size_t)f->step, f->kind, 0, &err) != 0)
			return cli_error(EXIT_FAIL, "%s: --fault %s: %s",
			    c->name, f->arg, err.msg);
	}
	if (c->nfault > 0)
		sim_goto(s, 0);
	return EXIT_OK;
}

struct sim *
cli_sim_open(const struct cli *c, int *code)
{
	struct sim_config cfg = { 0 };
	struct ts_err err = { "" };
	struct sim *s;

	cfg.scenario = c->scenario ? c->scenario : "handshake";
	cfg.seed = c->seed;
	cfg.ipv6 = c->ipv6;
	cfg.client_profile = c->client_profile ? c->client_profile :
	    c->profile;
	cfg.server_profile = c->server_profile ? c->server_profile :
	    c->profile;
	if (!cli_sim_profile(c, cfg.client_profile) ||
	    !cli_sim_profile(c, cfg.server_profile)) {
		*code = EXIT_USAGE;
		return NULL;
	}
	if (!cli_is_file(cfg.scenario) && !sim_builtin_known(cfg.scenario)) {
		*code = cli_usage_error(c->name, _("%s: unknown scenario '%s' "
		    "(see 'tcpstep scenarios')"), c->name, cfg.scenario);
		return NULL;
	}
	s = sim_new(&cfg, &err);
	if (s == NULL) {
		*code = cli_error(EXIT_FAIL, "%s", err.msg);
		return NULL;
	}
	if ((*code = cli_sim_faults(c, s)) != EXIT_OK) {
		sim_free(s);
		return NULL;
	}
	return s;
}
