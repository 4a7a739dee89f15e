#include "pcap_rd.h"

#include <sys/types.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "xalloc.h"

/* stdio's default buffer makes a read(2) every 4 KiB: a big capture
 * then spends more time in the kernel than in parsing. */
#define PCAP_RD_BUF	(1u << 20)

struct pcap_rd {
	pcap_t		*p;
	char		*buf;		/* the stream's buffer; freed after */
	bool		 filtered;
	struct bpf_program prog;
	uint64_t	 index;		/* records read, matching or not */
	bool		 seekable;	/* classic pcap in a file: ftell works */
};

struct pcap_rd *
pcap_rd_open(const char *path, const char *filter, struct ts_err *err)
{
	int why;

	return pcap_rd_open_why(path, filter, &why, err);
}

struct pcap_rd *
pcap_rd_open_why(const char *path, const char *filter, int *why,
    struct ts_err *err)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct pcap_rd *r;
	char *buf;
	FILE *f;
	pcap_t *p;

	*why = PCAP_RD_EFILE;
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL) {
		ts_err_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	/* Not for stdin: its buffer would outlive a failed open. */
	buf = NULL;
	if (f != stdin) {
		buf = xmalloc(PCAP_RD_BUF);
		setvbuf(f, buf, _IOFBF, PCAP_RD_BUF);
	}
	/* On success libpcap owns f and closes it in pcap_close. */
	p = pcap_fopen_offline_with_tstamp_precision(f,
	    PCAP_TSTAMP_PRECISION_NANO, errbuf);
	if (p == NULL) {
		if (f != stdin)
			fclose(f);
		free(buf);
		/* libpcap says "No such file or directory" and the like,
		 * sometimes after the path itself. */
		size_t pl = strlen(path);
		const char *cause = errbuf;

		if (strncmp(errbuf, path, pl) == 0 && errbuf[pl] == ':' &&
		    errbuf[pl + 1] == ' ')
			cause = errbuf + pl + 2;
		ts_err_set(err, "%s: %s", path, cause);
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->p = p;
	r->buf = buf;
	/* pcapng reads blocks it may not hand out: no record offsets. */
	r->seekable = f != stdin && pcap_major_version(p) == 2;
	if (filter != NULL && filter[0] != '\0') {
		if (pcap_compile(p, &r->prog, filter, 1,
		    PCAP_NETMASK_UNKNOWN) == -1) {
			ts_err_set(err, "filter \"%s\": %s", filter,
			    pcap_geterr(p));
			*why = PCAP_RD_EFILTER;
			pcap_close(p);
			free(buf);
			free(r);
			return NULL;
		}
		r->filtered = true;
	}
	return r;
}

int
pcap_rd_next(struct pcap_rd *r, struct pcap_rec *rec, struct ts_err *err)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc;

	for (;;) {
		off_t off = r->seekable ? ftello(pcap_file(r->p)) : -1;

		rc = pcap_next_ex(r->p, &h, &data);
		if (rc == PCAP_ERROR_BREAK)
			return 0;
		if (rc != 1) {
			ts_err_set(err, "record %llu: %s",
			    (unsigned long long)r->index + 1, pcap_geterr(r->p));
			return -1;
		}
		r->index++;
		/* pcap_offline_filter checks against caplen, as tcpdump does. */
		if (r->filtered && pcap_offline_filter(&r->prog, h, data) == 0)
			continue;
		rec->index = r->index;
		rec->sec = (int64_t)h->ts.tv_sec;
		rec->nsec = (uint32_t)h->ts.tv_usec;	/* nanoseconds: see open */
		rec->caplen = h->caplen;
		rec->len = h->len;
		rec->data = data;
		rec->off = off;
		return 1;
	}
}

int64_t
pcap_rd_tell(const struct pcap_rd *r)
{
	FILE *f = pcap_file(r->p);

	return f == NULL || f == stdin ? -1 : (int64_t)ftello(f);
}

int
pcap_rd_seek(struct pcap_rd *r, int64_t off, uint64_t index,
    struct ts_err *err)
{
	if (!r->seekable || off < 0 || index == 0)
		return ts_err_set(err, "cannot seek in this capture");
	if (fseeko(pcap_file(r->p), (off_t)off, SEEK_SET) != 0)
		return ts_err_set(err, "seek: %s", strerror(errno));
	r->index = index - 1;
	return 0;
}

int
pcap_rd_linktype(const struct pcap_rd *r)
{
	return pcap_datalink(r->p);
}

const char *
pcap_rd_linktype_name(int linktype, char *buf, size_t len)
{
	const char *name = pcap_datalink_val_to_name(linktype);

	if (name != NULL)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "LINKTYPE_%d", linktype);
	return buf;
}

const char *
pcap_rd_linktype_desc(int linktype, char *buf, size_t len)
{
	const char *d = pcap_datalink_val_to_description(linktype);
	char name[64];

	pcap_rd_linktype_name(linktype, name, sizeof(name));
	if (d != NULL)
		snprintf(buf, len, "%s (%s)", name, d);
	else
		snprintf(buf, len, "%s", name);
	return buf;
}

void
pcap_rd_close(struct pcap_rd *r)
{
	if (r == NULL)
		return;
	if (r->filtered)
		pcap_freecode(&r->prog);
	pcap_close(r->p);	/* closes the stream, so its buffer can go */
	free(r->buf);
	free(r);
}

static void
le32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16);
	b[3] = (uint8_t)(v >> 24);
}

static int
pcap_wr_bytes(struct pcap_wr *w, const void *p, size_t n, struct ts_err *err)
{
	if (fwrite(p, 1, n, w->f) != n)
		return ts_err_set(err, "write: %s", strerror(errno));
	return 0;
}

int
pcap_wr_open(struct pcap_wr *w, FILE *f, int linktype, struct ts_err *err)
{
	uint8_t h[24];

	w->f = f;
	/* Written little-endian field by field, whatever the host's order. */
	le32(h, 0xa1b2c3d4);
	h[4] = 2; h[5] = 0;		/* version 2.4 */
	h[6] = 4; h[7] = 0;
	le32(h + 8, 0);			/* thiszone */
	le32(h + 12, 0);		/* sigfigs */
	le32(h + 16, 262144);		/* snaplen */
	le32(h + 20, (uint32_t)linktype);
	return pcap_wr_bytes(w, h, sizeof(h), err);
}

int
pcap_wr_record(struct pcap_wr *w, int64_t sec, uint32_t usec,
    const uint8_t *data, uint32_t len, struct ts_err *err)
{
	uint8_t h[16];

	le32(h, (uint32_t)sec);
	le32(h + 4, usec);
	le32(h + 8, len);
	le32(h + 12, len);
	if (pcap_wr_bytes(w, h, sizeof(h), err) == -1)
		return -1;
	return pcap_wr_bytes(w, data, len, err);
}
