/* cmd_quiz: `tcpstep quiz`; see tcpstep.1. */
#include "cli.h"

int
cmd_quiz(struct cli *c)
{
	return cli_not_yet(c);
}
