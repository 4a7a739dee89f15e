/* cmd_trace: `tcpstep trace`; see tcpstep.1. */
#include "cli.h"

int
cmd_trace(struct cli *c)
{
	return cli_not_yet(c);
}
