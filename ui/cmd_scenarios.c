/* cmd_scenarios: `tcpstep scenarios`: "NAME  description", one a line. */
#include <stdio.h>

#include "cli.h"
#include "sim.h"

int
cmd_scenarios(struct cli *c)
{
	(void)c;
	for (size_t i = 0; i < sim_builtin_count(); i++)
		printf("%s  %s\n", sim_builtin_name(i), sim_builtin_desc(i));
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}
