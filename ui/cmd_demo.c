/* cmd_demo: `tcpstep` and `tcpstep demo`: the TUI on a scenario. */
#include "cli.h"
#include "tui.h"

int
cmd_demo(struct cli *c)
{
	return tui_run_demo(c);
}
