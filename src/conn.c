#include "conn.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void
conn_table_init(struct conn_table *t, uint32_t cap, conn_evict_fn on_evict,
    void *ctx)
{
	memset(t, 0, sizeof(*t));
	if (cap < 2)
		cap = 2;
	t->cap = cap;
	t->nbuckets = 1;
	while (t->nbuckets < cap * 2)
		t->nbuckets <<= 1;
	/* calloc: the kernel hands out zero pages as they are touched, so a
	 * small capture stays small. */
	t->slots = xcalloc(cap, sizeof(*t->slots));
	t->buckets = xmalloc((size_t)t->nbuckets * sizeof(*t->buckets));
	for (uint32_t i = 0; i < t->nbuckets; i++)
		t->buckets[i] = -1;
	t->next_id = 1;
	t->on_evict = on_evict;
	t->ctx = ctx;
}

void
conn_table_done(struct conn_table *t)
{
	free(t->slots);
	free(t->buckets);
	memset(t, 0, sizeof(*t));
}

void
conn_table_seed(struct conn_table *t, uint32_t seed)
{
	/* Only while empty: a new seed would lose the chains. */
	if (t->used == 0)
		t->seed = seed;
}

static uint32_t
conn_hash_side(uint32_t seed, const struct pkt_addr *a, uint16_t port)
{
	uint32_t h = 2166136261u ^ seed;
	size_t n = a->family == 6 ? 16 : 4;

	for (size_t i = 0; i < n; i++)
		h = (h ^ a->a[i]) * 16777619u;
	h = (h ^ port) * 16777619u;
	return h;
}

/* Symmetric: both directions of a connection hash alike. */
static uint32_t
conn_hash(uint32_t seed, const struct pkt_addr *s, uint16_t sp,
    const struct pkt_addr *d, uint16_t dp)
{
	uint32_t a = conn_hash_side(seed, s, sp);
	uint32_t b = conn_hash_side(seed, d, dp);
	uint32_t h = (a ^ b) * 0x9e3779b1u + (a + b);

	/* Mix the high bits down: the bucket takes the low ones. */
	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	return h;
}

static bool
conn_addr_eq(const struct pkt_addr *x, const struct pkt_addr *y)
{
	if (x->family != y->family)
		return false;
	return memcmp(x->a, y->a, x->family == 6 ? 16 : 4) == 0;
}

static void
conn_bucket_unlink(struct conn_table *t, int32_t i)
{
	int32_t *pp = &t->buckets[t->slots[i].hash & (t->nbuckets - 1)];

	while (*pp >= 0 && *pp != i)
		pp = &t->slots[*pp].hnext;
	if (*pp == i)
		*pp = t->slots[i].hnext;
}

static bool
conn_closed(const struct conn *c)
{
	return c->end == CONN_FIN || c->end == CONN_RST ||
	    c->end == CONN_REFUSED;
}

/* A free slot: never used, or that of a connection chosen to go. */
static int32_t
conn_take_slot(struct conn_table *t)
{
	int32_t i, best = -1;
	uint32_t n = t->cap < CONN_EVICT_SAMPLE ? t->cap : CONN_EVICT_SAMPLE;

	if (t->used < t->cap)
		return (int32_t)t->used++;
	for (uint32_t k = 0; k < n; k++) {
		i = (int32_t)((t->hand + k) % t->cap);
		if (best < 0 || (conn_closed(&t->slots[i]) &&
		    !conn_closed(&t->slots[best])) ||
		    (conn_closed(&t->slots[i]) == conn_closed(&t->slots[best]) &&
		    t->slots[i].seen < t->slots[best].seen))
			best = i;
	}
	t->hand = (t->hand + n) % t->cap;
	if (t->on_evict != NULL)
		t->on_evict(t->ctx, &t->slots[best]);
	t->evicted++;
	if (!conn_closed(&t->slots[best]))
		t->evicted_open++;
	conn_bucket_unlink(t, best);
	return best;
}

static void
conn_fill(struct conn_table *t, struct conn *c, const struct pkt_addr *src,
    uint16_t sport, const struct pkt_addr *dst, uint16_t dport)
{
	int32_t hn = c->hnext;
	uint32_t h = c->hash;
	uint64_t seen = c->seen;

	memset(c, 0, sizeof(*c));
	c->hnext = hn;
	c->hash = h;
	c->seen = seen;
	c->id = t->next_id++;
	c->addr[0] = *src;
	c->addr[1] = *dst;
	c->port[0] = sport;
	c->port[1] = dport;
	c->client = -1;
	c->hs_rtt = -1;
	for (int i = 0; i < 2; i++) {
		c->side[i].wscale = -1;
		c->side[i].ep_len = (uint8_t)conn_fmt_endpoint(c->side[i].ep,
		    &c->addr[i], c->port[i]);
		c->side[i].addr_len = (uint8_t)(strrchr(c->side[i].ep, '.') -
		    c->side[i].ep);
	}
	ta_conn_init(&c->ta);
}

struct conn *
conn_lookup(struct conn_table *t, const struct pkt_addr *src, uint16_t sport,
    const struct pkt_addr *dst, uint16_t dport, int *dir, bool *created)
{
	uint32_t h = conn_hash(t->seed, src, sport, dst, dport);
	int32_t i, *head = &t->buckets[h & (t->nbuckets - 1)];
	struct conn *c;

	for (i = *head; i >= 0; i = t->slots[i].hnext) {
		c = &t->slots[i];
		if (c->hash != h)
			continue;
		if (c->port[0] == sport && c->port[1] == dport &&
		    conn_addr_eq(&c->addr[0], src) &&
		    conn_addr_eq(&c->addr[1], dst))
			*dir = 0;
		else if (c->port[1] == sport && c->port[0] == dport &&
		    conn_addr_eq(&c->addr[1], src) &&
		    conn_addr_eq(&c->addr[0], dst))
			*dir = 1;
		else
			continue;
		c->seen = ++t->tick;
		*created = false;
		return c;
	}
	i = conn_take_slot(t);
	c = &t->slots[i];
	c->hash = h;
	conn_fill(t, c, src, sport, dst, dport);
	c->hnext = *head;
	*head = i;
	c->seen = ++t->tick;
	*dir = 0;
	*created = true;
	return c;
}

void
conn_restart(struct conn_table *t, struct conn *c, const struct pkt_addr *src,
    uint16_t sport)
{
	struct pkt_addr a0 = c->addr[0], a1 = c->addr[1];
	uint16_t p0 = c->port[0], p1 = c->port[1];

	/* The new connection's side 0 is the sender of its SYN. */
	if (conn_addr_eq(&a0, src) && p0 == sport)
		conn_fill(t, c, &a0, p0, &a1, p1);
	else
		conn_fill(t, c, &a1, p1, &a0, p0);
}

static int
conn_cmp_id(const void *a, const void *b)
{
	const struct conn *x = *(const struct conn *const *)a;
	const struct conn *y = *(const struct conn *const *)b;

	return x->id < y->id ? -1 : x->id > y->id;
}

void
conn_table_each(const struct conn_table *t,
    void (*fn)(void *, const struct conn *), void *ctx)
{
	const struct conn **v;

	if (t->used == 0)
		return;
	v = xmalloc(t->used * sizeof(*v));
	for (uint32_t i = 0; i < t->used; i++)
		v[i] = &t->slots[i];
	qsort(v, t->used, sizeof(*v), conn_cmp_id);
	for (uint32_t i = 0; i < t->used; i++)
		fn(ctx, v[i]);
	free(v);
}

static size_t
conn_fmt_u8(char *b, unsigned v)
{
	size_t n = 0;

	if (v >= 100)
		b[n++] = (char)('0' + v / 100);
	if (v >= 10)
		b[n++] = (char)('0' + v / 10 % 10);
	b[n++] = (char)('0' + v % 10);
	return n;
}

/* RFC 5952: lower case, leading zeros dropped, the longest run of two or
 * more zero groups (the first if tied) as "::". */
static size_t
conn_fmt_ipv6(char *b, const uint8_t *a)
{
	static const char hex[] = "0123456789abcdef";
	unsigned g[8];
	int best = -1, bestlen = 1, run = 0;
	size_t n = 0;

	for (int i = 0; i < 8; i++)
		g[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	for (int i = 0; i < 8; i++) {
		run = g[i] == 0 ? run + 1 : 0;
		if (run > bestlen) {
			bestlen = run;
			best = i - run + 1;
		}
	}
	/* IPv4-mapped (::ffff:a.b.c.d), as inet_ntop writes it. */
	if (best == 0 && bestlen == 5 && g[5] == 0xffff) {
		memcpy(b, "::ffff:", 7);
		n = 7;
		for (int i = 12; i < 16; i++) {
			n += conn_fmt_u8(b + n, a[i]);
			if (i < 15)
				b[n++] = '.';
		}
		return n;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			b[n++] = ':';
			if (i == 0)
				b[n++] = ':';
			i += bestlen - 1;
			continue;
		}
		{
			unsigned v = g[i];
			bool lead = true;

			for (int s = 12; s >= 0; s -= 4) {
				unsigned d = (v >> s) & 0xf;

				if (d == 0 && lead && s > 0)
					continue;
				lead = false;
				b[n++] = hex[d];
			}
		}
		if (i < 7)
			b[n++] = ':';
	}
	return n;
}

size_t
conn_fmt_addr(char *b, const struct pkt_addr *a)
{
	size_t n = 0;

	if (a->family == 6)
		return conn_fmt_ipv6(b, a->a);
	for (int i = 0; i < 4; i++) {
		n += conn_fmt_u8(b + n, a->a[i]);
		if (i < 3)
			b[n++] = '.';
	}
	return n;
}

size_t
conn_fmt_endpoint(char *b, const struct pkt_addr *a, uint16_t port)
{
	size_t n = conn_fmt_addr(b, a);
	char tmp[6];
	size_t k = 0;
	unsigned v = port;

	b[n++] = '.';
	do {
		tmp[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (k > 0)
		b[n++] = tmp[--k];
	b[n] = '\0';
	return n;
}
