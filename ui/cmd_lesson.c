/* cmd_lesson: `tcpstep lesson`; see tcpstep.1. */
#include "cli.h"

int
cmd_lesson(struct cli *c)
{
	return cli_not_yet(c);
}
