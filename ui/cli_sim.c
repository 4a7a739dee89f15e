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
	*code = EXIT_OK;
	return s;
}
