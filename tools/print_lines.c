/*
 * print_lines: each record of a capture as "N<TAB>line", the line in
 * tcpdump's style (d) or tshark's Info (s), from pkt_print with the
 * contexts pkt_print_track keeps.  Records without TCP print "-".  Used by
 * tools/cmp-print.sh; built by `make build/print_lines`.
 */
#include <stdio.h>

#include "pcap_rd.h"
#include "pkt.h"
#include "pkt_print.h"

int
main(int argc, char **argv)
{
	static struct pkt_print_track tr;
	struct pkt_print_ctx cd, cs;
	struct pcap_rec rec;
	struct pcap_rd *r;
	struct ts_err err;
	struct pkt p;
	char line[2048];
	int tshark;

	if (argc != 3 || (argv[2][0] != 'd' && argv[2][0] != 's')) {
		fprintf(stderr, "usage: print_lines FILE d|s\n");
		return 2;
	}
	tshark = argv[2][0] == 's';
	if ((r = pcap_rd_open(argv[1], NULL, &err)) == NULL) {
		fprintf(stderr, "print_lines: %s\n", err.msg);
		return 1;
	}
	pkt_print_track_init(&tr);
	while (pcap_rd_next(r, &rec, &err) == 1) {
		pkt_decode(&p, pcap_rd_linktype(r), rec.data, rec.caplen,
		    rec.len);
		if (!pkt_print_track(&tr, &p, &cd, &cs)) {
			printf("%llu\t-\n", (unsigned long long)rec.index);
			continue;
		}
		if (tshark)
			pkt_print_tshark(&p, &cs, false, line, sizeof(line));
		else
			pkt_print_tcpdump(&p, &cd, line, sizeof(line));
		printf("%llu\t%s\n", (unsigned long long)rec.index, line);
	}
	pcap_rd_close(r);
	return 0;
}
