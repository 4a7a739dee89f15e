/*
 * fuzz_seeds: write each record of the given captures as a libFuzzer seed
 * (one link-type byte, as tools/fuzz_pkt.c reads it, then the record) into
 * the directory named first.  Used by `make fuzz`.
 */
#include <stdio.h>

#include "pcap_rd.h"
#include "pkt.h"

static int
link_byte(int lt)
{
	static const int links[] = {
		PKT_LINK_ETHERNET, PKT_LINK_NULL, PKT_LINK_LOOP, PKT_LINK_RAW,
		PKT_LINK_RAW_ALT1, PKT_LINK_RAW_ALT2, PKT_LINK_SLL,
		PKT_LINK_SLL2, PKT_LINK_IPV4, PKT_LINK_IPV6
	};
	int i;

	for (i = 0; i < (int)(sizeof(links) / sizeof(links[0])); i++)
		if (links[i] == lt)
			return i;
	return -1;
}

int
main(int argc, char **argv)
{
	struct pcap_rec rec;
	struct pcap_rd *r;
	struct ts_err err;
	char path[1024];
	FILE *f;
	int i, lb, n = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: fuzz_seeds DIR FILE...\n");
		return 2;
	}
	for (i = 2; i < argc; i++) {
		if ((r = pcap_rd_open(argv[i], NULL, &err)) == NULL)
			continue;
		lb = link_byte(pcap_rd_linktype(r));
		while (lb >= 0 && pcap_rd_next(r, &rec, &err) == 1 &&
		    rec.caplen <= 4096) {
			snprintf(path, sizeof(path), "%s/seed-%d", argv[1], n++);
			if ((f = fopen(path, "wb")) == NULL)
				break;
			fputc(lb, f);
			fwrite(rec.data, 1, rec.caplen, f);
			fclose(f);
		}
		pcap_rd_close(r);
	}
	printf("%d seeds\n", n);
	return 0;
}
