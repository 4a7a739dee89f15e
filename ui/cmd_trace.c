/*
 * cmd_trace: `tcpstep trace`: exactly one line per step, 1..N, and
 * nothing else.  A line: step, virtual time, host, layer, the chapter's
 * step in brackets, the stable kind, its parameters, then the narration.
 * With --json, one object per line with the changed fields by name.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_sim.h"
#include "safe.h"
#include "sim.h"

static void
trace_line(const struct sim *s, size_t k)
{
	const struct sim_step *st = sim_step_at(s, k);
	char text[1024], safe[2048], ch[16] = "   ";

	if (st->chapter > 0)
		snprintf(ch, sizeof(ch), "[%d]", st->chapter);
	sim_step_text(s, k, text, sizeof(text));
	safe_escape(safe, sizeof(safe), text, strlen(text), false);
	printf("%5zu %4llu.%06llus %-6s %-6s %s %-22s %s  %s\n", k,
	    (unsigned long long)(st->time_us / 1000000),
	    (unsigned long long)(st->time_us % 1000000),
	    sim_host_name(st->host), sim_layer_name(st->layer), ch, st->kind,
	    st->params, safe);
}

/* A JSON string: quotes, backslashes and control bytes escaped. */
static void
json_str(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void
trace_json(struct sim *s, size_t k)
{
	const struct sim_step *st = sim_step_at(s, k);
	char text[1024], safe[2048];
	struct sim_value v;

	sim_goto(s, k);
	sim_step_text(s, k, text, sizeof(text));
	safe_escape(safe, sizeof(safe), text, strlen(text), false);
	printf("{\"step\":%zu,\"time_us\":%llu,\"host\":", k,
	    (unsigned long long)st->time_us);
	json_str(sim_host_name(st->host));
	printf(",\"layer\":");
	json_str(sim_layer_name(st->layer));
	printf(",\"kind\":");
	json_str(st->kind);
	printf(",\"chapter\":%d,\"params\":", st->chapter);
	json_str(st->params);
	printf(",\"text\":");
	json_str(safe);
	printf(",\"changed\":{");
	for (int i = 0; i < st->nchanged; i++) {
		sim_get_index(s, st->changed[i], &v);
		printf("%s", i ? "," : "");
		json_str(sim_name(st->changed[i]));
		putchar(':');
		if (v.type == SV_NUM)
			printf("%llu", (unsigned long long)v.num);
		else
			json_str(v.str);
	}
	printf("}");
	if (st->pkt != NULL) {
		printf(",\"packet\":\"");
		for (size_t i = 0; i < st->pkt_len; i++)
			printf("%02x", st->pkt[i]);
		putchar('"');
	}
	printf("}\n");
}

int
cmd_trace(struct cli *c)
{
	int code;
	struct sim *s = cli_sim_open(c, &code);

	if (s == NULL)
		return code;
	for (size_t k = 1; k <= sim_nsteps(s); k++) {
		if (c->json)
			trace_json(s, k);
		else
			trace_line(s, k);
	}
	sim_free(s);
	if (fflush(stdout) != 0)
		return cli_error(EXIT_FAIL, "trace: write error");
	return EXIT_OK;
}
