/*
 * cli_sim: the scenario options (--scenario, --seed, -6, --profile,
 * --client-profile, --server-profile) turned into a running sim, with the
 * command line's errors: an unknown scenario or profile name is a usage
 * error (exit 2), a bad scenario file a failure (exit 1).
 */
#ifndef TS_CLI_SIM_H
#define TS_CLI_SIM_H

#include "cli.h"
#include "sim.h"

/* The sim, or NULL after printing the error; *code gets the exit code. */
struct sim	*cli_sim_open(const struct cli *c, int *code);

#endif
