/* cmd_export: `tcpstep export`; see tcpstep.1. */
#include "cli.h"

int
cmd_export(struct cli *c)
{
	return cli_not_yet(c);
}
