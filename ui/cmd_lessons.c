/* cmd_lessons: `tcpstep lessons`; see tcpstep.1. */
#include "cli.h"

int
cmd_lessons(struct cli *c)
{
	return cli_not_yet(c);
}
