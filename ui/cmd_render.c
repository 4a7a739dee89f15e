/* cmd_render: `tcpstep render`; see tcpstep.1. */
#include "cli.h"

int
cmd_render(struct cli *c)
{
	return cli_not_yet(c);
}
