/* cmd_annotate: `tcpstep annotate`; see tcpstep.1. */
#include "cli.h"

int
cmd_annotate(struct cli *c)
{
	return cli_not_yet(c);
}
