/*
 * pcap_rd: reading captures, the only user of libpcap.  Classic pcap and
 * pcapng, a file or "-" for standard input, an optional tcpdump-style filter
 * compiled by libpcap.  Records are handed out one at a time and are valid
 * until the next call: the capture is streamed, never held.
 *
 * pcap_wr writes classic pcap files itself (no libpcap): export needs
 * nothing more than the 24-byte file header and a 16-byte record header.
 */
#ifndef TS_PCAP_RD_H
#define TS_PCAP_RD_H

#include <stdint.h>
#include <stdio.h>

#include "err.h"

struct pcap_rd;

struct pcap_rec {
	uint64_t	 index;		/* 1-based record number, as tshark's frame */
	int64_t		 sec;
	uint32_t	 nsec;
	uint32_t	 caplen;	/* bytes captured */
	uint32_t	 len;		/* bytes on the wire */
	const uint8_t	*data;		/* caplen bytes, valid until the next read */
	int64_t		 off;		/* its byte offset (classic pcap), or -1 */
};

/* Open path ("-" is stdin) with an optional filter (NULL or "" for none). */
struct pcap_rd	*pcap_rd_open(const char *path, const char *filter,
		    struct ts_err *err);
/* Why pcap_rd_open_why failed: the file, or the filter (a usage error). */
enum { PCAP_RD_EFILE = 1, PCAP_RD_EFILTER = 2 };
/* The same, telling in *why which of the two was bad. */
struct pcap_rd	*pcap_rd_open_why(const char *path, const char *filter,
		    int *why, struct ts_err *err);
/* 1 with a record, 0 at the end, -1 on a read error (err says which record). */
int		 pcap_rd_next(struct pcap_rd *r, struct pcap_rec *rec,
		    struct ts_err *err);
int		 pcap_rd_linktype(const struct pcap_rd *r);
/* Bytes of the file read so far (progress), or -1 (stdin). */
int64_t		 pcap_rd_tell(const struct pcap_rd *r);
/*
 * Go back to the record at byte offset off (a rec.off seen before), whose
 * number is index: classic pcap files only (rec.off >= 0).
 */
int		 pcap_rd_seek(struct pcap_rd *r, int64_t off, uint64_t index,
		    struct ts_err *err);
/* "EN10MB", or "LINKTYPE_N" for one libpcap does not name. */
const char	*pcap_rd_linktype_name(int linktype, char *buf, size_t len);
/* As tcpdump says it: "EN10MB (Ethernet)". */
const char	*pcap_rd_linktype_desc(int linktype, char *buf, size_t len);
void		 pcap_rd_close(struct pcap_rd *r);

/* Classic pcap writer: microsecond timestamps, snaplen 262144. */
struct pcap_wr {
	FILE	*f;
};

int	pcap_wr_open(struct pcap_wr *w, FILE *f, int linktype, struct ts_err *err);
int	pcap_wr_record(struct pcap_wr *w, int64_t sec, uint32_t usec,
	    const uint8_t *data, uint32_t len, struct ts_err *err);

#endif
