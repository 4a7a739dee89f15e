/* cmd_scenarios: `tcpstep scenarios`; see tcpstep.1. */
#include "cli.h"

int
cmd_scenarios(struct cli *c)
{
	return cli_not_yet(c);
}
