/*
 * cmd_export: `tcpstep export -o FILE.pcap`: what a capture beside each
 * sender would see -- every segment a host puts on the wire, at its
 * transmit time (a segment the wire later drops is still there, a wire
 * duplicate is a second frame), in Ethernet frames with documentation MAC
 * addresses (RFC 7042).  "-o -" writes to standard output.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_sim.h"
#include "i18n.h"
#include "pcap_rd.h"
#include "pkt.h"
#include "sim.h"

static int
export_write(const struct sim *s, FILE *f, struct ts_err *err)
{
	struct pcap_wr w;
	uint8_t frame[2048];

	if (pcap_wr_open(&w, f, PKT_LINK_ETHERNET, err) == -1)
		return -1;
	for (size_t k = 1; k <= sim_nsteps(s); k++) {
		const struct sim_step *st = sim_step_at(s, k);
		const struct host *src, *dst;
		size_t n;

		if (!st->captured || st->pkt == NULL)
			continue;
		src = sim_host(s, st->host);
		dst = sim_host(s, !st->host);
		n = pkt_build_eth(frame, sizeof(frame), dst->mac, src->mac,
		    st->pkt, st->pkt_len);
		if (n == 0)
			continue;
		/* Virtual time from the epoch: the capture starts in 1970. */
		if (pcap_wr_record(&w, (int64_t)(st->time_us / 1000000),
		    (uint32_t)(st->time_us % 1000000), frame, (uint32_t)n,
		    err) == -1)
			return -1;
	}
	return 0;
}

int
cmd_export(struct cli *c)
{
	struct ts_err err = { "" };
	struct sim *s;
	FILE *f;
	int code, rc;

	if (c->output == NULL)
		return cli_usage_error(c->name, _("%s: missing -o FILE"),
		    c->name);
	if (strcmp(c->output, "-") == 0 && isatty(STDOUT_FILENO))
		return cli_usage_error(c->name, _("%s: refusing to write a "
		    "capture to a terminal"), c->name);
	s = cli_sim_open(c, &code);
	if (s == NULL)
		return code;
	f = strcmp(c->output, "-") == 0 ? stdout : fopen(c->output, "wb");
	if (f == NULL) {
		sim_free(s);
		return cli_error(EXIT_FAIL, "%s: %s", c->output,
		    strerror(errno));
	}
	rc = export_write(s, f, &err);
	if (f != stdout) {
		if (fclose(f) != 0 && rc == 0)
			rc = ts_err_set(&err, "%s", strerror(errno));
	} else if (fflush(f) != 0 && rc == 0)
		rc = ts_err_set(&err, "%s", strerror(errno));
	sim_free(s);
	if (rc == -1)
		return cli_error(EXIT_FAIL, "%s: %s", c->output, err.msg);
	return EXIT_OK;
}
