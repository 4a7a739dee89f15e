/* cmd_replay: `tcpstep replay`; see tcpstep.1. */
#include "cli.h"

int
cmd_replay(struct cli *c)
{
	return cli_not_yet(c);
}
