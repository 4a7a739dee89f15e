/*
 * tpcap: a whole capture in memory, for tests (through src/pcap_rd, as the
 * program reads them).  tpcap_free releases what tpcap_load allocated.
 */
#ifndef TS_TPCAP_H
#define TS_TPCAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcap_rd.h"
#include "xalloc.h"

#define TPCAP_CORPUS	"../shared/corpus/"

struct tpcap_rec {
	uint8_t	*data;
	size_t	 caplen, len;
};

struct tpcap {
	int			 linktype;
	size_t			 n;
	struct tpcap_rec	*rec;
};

/* 0 on success; -1 if the file cannot be opened or yields no record. */
static inline int
tpcap_load(const char *name, struct tpcap *t)
{
	char path[512];
	struct ts_err err;
	struct pcap_rd *r;
	struct pcap_rec rec;
	size_t cap = 0;
	int rc;

	memset(t, 0, sizeof(*t));
	/* A bare name is in the shared corpus; a path is taken as it is. */
	snprintf(path, sizeof(path), "%s%s", strchr(name, '/') != NULL ? "" :
	    TPCAP_CORPUS, name);
	if ((r = pcap_rd_open(path, NULL, &err)) == NULL)
		return -1;
	t->linktype = pcap_rd_linktype(r);
	while ((rc = pcap_rd_next(r, &rec, &err)) == 1) {
		if (t->n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			t->rec = xrealloc(t->rec, cap, sizeof(*t->rec));
		}
		t->rec[t->n].caplen = rec.caplen;
		t->rec[t->n].len = rec.len;
		t->rec[t->n].data = xmalloc(rec.caplen > 0 ? rec.caplen : 1);
		memcpy(t->rec[t->n].data, rec.data, rec.caplen);
		t->n++;
	}
	pcap_rd_close(r);
	return rc == 0 || t->n > 0 ? 0 : -1;
}

static inline void
tpcap_free(struct tpcap *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->rec[i].data);
	free(t->rec);
	memset(t, 0, sizeof(*t));
}

#endif
