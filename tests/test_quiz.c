/*
 * Tests of the capture quiz: on real captures the answers agree with the
 * capture's other fields (the SYN+ACK's ACK is the SYN's sequence number
 * plus one; the next expected number is what the receiver's ACK later
 * says; the scaled window is the field shifted by the sender's SYN
 * option); the order question takes only the right order; every file of
 * the corpus loads or is refused cleanly.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "pkt.h"
#include "quiz.h"
#include "quiz_line.h"

#define TEST_QUIZ_CORPUS	"../shared/corpus/"

static const struct quiz_q *
test_quiz_q(const struct quiz *z, enum quiz_kind k)
{
	for (int i = 0; i < z->nq; i++)
		if (z->q[i].kind == k)
			return &z->q[i];
	return NULL;
}

static void
test_quiz_answers_agree_with_capture(void)
{
	static const char *const files[] = { "linux-lo-handshake-v4.pcap",
	    "linux-lo-handshake-v6.pcap", "tcp-handshake-nano.pcap",
	    "tcp.pcap", "smtp.pcap" };
	int checked_next = 0;

	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		struct quiz *z = calloc(1, sizeof(*z));
		const struct quiz_q *q;
		struct ts_err err;
		char path[256], in[32];
		int syn = -1;

		CU_ASSERT_PTR_NOT_NULL_FATAL(z);
		snprintf(path, sizeof(path), TEST_QUIZ_CORPUS "%s", files[f]);
		if (quiz_load(z, path, NULL, &err) == -1) {
			fprintf(stderr, "\n%s\n", err.msg);
			CU_FAIL("a capture with a handshake did not load");
			free(z);
			continue;
		}
		quiz_make(z, 1);
		for (int i = 0; i < z->nseg && syn < 0; i++)
			if ((z->seg[i].flags & (TH_SYN | TH_ACK)) == TH_SYN)
				syn = i;
		CU_ASSERT_FATAL(syn >= 0);
		q = test_quiz_q(z, QUIZ_ACK);
		CU_ASSERT_PTR_NOT_NULL_FATAL(q);
		CU_ASSERT_EQUAL(q->answer, z->seg[syn].seq + 1);
		snprintf(in, sizeof(in), "%u", z->seg[syn].seq + 1);
		CU_ASSERT_TRUE(quiz_check(z, q, in));
		snprintf(in, sizeof(in), "%u", z->seg[syn].seq);
		CU_ASSERT_FALSE(quiz_check(z, q, in));
		if ((q = test_quiz_q(z, QUIZ_NEXT)) != NULL) {
			/* the receiver's next ACK, if it acknowledges it all */
			const struct quiz_seg *d = &z->seg[q->seg];

			for (int i = q->seg + 1; i < z->nseg; i++)
				if (z->seg[i].from_client != d->from_client &&
				    (z->seg[i].flags & TH_ACK) &&
				    z->seg[i].ack - d->seq >= d->len) {
					CU_ASSERT_EQUAL(z->seg[i].ack, q->answer);
					checked_next++;
					break;
				}
		}
		if ((q = test_quiz_q(z, QUIZ_WIN)) != NULL) {
			const struct quiz_seg *w = &z->seg[q->seg];
			int ws = -1;

			for (int i = 0; i < z->nseg; i++)
				if ((z->seg[i].flags & TH_SYN) &&
				    z->seg[i].from_client == w->from_client)
					ws = z->seg[i].wscale;
			CU_ASSERT_FATAL(ws >= 0);
			CU_ASSERT_EQUAL(q->answer, (uint32_t)w->win << ws);
		}
		free(z);
	}
	CU_ASSERT(checked_next > 0);
}

static void
test_quiz_order_takes_only_the_right_order(void)
{
	struct quiz *z = calloc(1, sizeof(*z));
	const struct quiz_q *q;
	struct ts_err err;
	char right[32] = "", in[48];
	int n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(z);
	CU_ASSERT_EQUAL_FATAL(quiz_load(z, TEST_QUIZ_CORPUS
	    "linux-lo-handshake-v4.pcap", NULL, &err), 0);
	for (uint64_t seed = 1; seed < 40; seed++) {
		quiz_make(z, seed);
		q = test_quiz_q(z, QUIZ_ORDER);
		CU_ASSERT_PTR_NOT_NULL_FATAL(q);
		/* never shown already in order */
		CU_ASSERT_NOT_EQUAL(q->order[0], 0);
		for (int i = 0, len = 0; i < q->norder; i++)
			for (int k = 0; k < q->norder; k++)
				if (q->order[k] == i)
					len += snprintf(right + len,
					    sizeof(right) - (size_t)len, "%d ",
					    k + 1);
		CU_ASSERT_TRUE(quiz_check(z, q, right));
		CU_ASSERT_FALSE(quiz_check(z, q, "1 2 3 4"));
		CU_ASSERT_FALSE(quiz_check(z, q, "1 1 1 1"));
		CU_ASSERT_FALSE(quiz_check(z, q, "9 9 9 9"));
		snprintf(in, sizeof(in), "%s 1", right);
		CU_ASSERT_FALSE(quiz_check(z, q, in));
		n++;
	}
	CU_ASSERT_EQUAL(n, 39);
	free(z);
}

static void
test_quiz_line_mode_scores(void)
{
	struct quiz *z = calloc(1, sizeof(*z));
	struct ts_err err;
	char in[256] = "", *out = NULL;
	size_t len = 0, n = 0;
	FILE *fi, *fo;

	CU_ASSERT_PTR_NOT_NULL_FATAL(z);
	CU_ASSERT_EQUAL_FATAL(quiz_load(z, TEST_QUIZ_CORPUS
	    "linux-lo-handshake-v4.pcap", NULL, &err), 0);
	quiz_make(z, 1);
	/* the first answered right, every other one wrong twice */
	n += (size_t)snprintf(in + n, sizeof(in) - n, "%u\n", z->q[0].answer);
	for (int i = 1; i < z->nq; i++)
		n += (size_t)snprintf(in + n, sizeof(in) - n, "0\n0\n");
	fi = fmemopen(in, n, "r");
	fo = open_memstream(&out, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fi);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fo);
	CU_ASSERT_EQUAL(quiz_line_run(z, fi, fo), 1);
	fclose(fi);
	fclose(fo);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "ack ?"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "The answer:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "You answered 1 of"));
	free(out);
	free(z);
}

/* Every corpus file: loaded or refused with a message, never a crash. */
static void
test_quiz_corpus_loads_or_refuses(void)
{
	DIR *d = opendir(TEST_QUIZ_CORPUS);
	struct dirent *de;
	int loaded = 0, refused = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((de = readdir(d)) != NULL) {
		struct quiz *z;
		struct ts_err err;
		char path[512];

		if (strstr(de->d_name, ".pcap") == NULL)
			continue;
		z = calloc(1, sizeof(*z));
		CU_ASSERT_PTR_NOT_NULL_FATAL(z);
		snprintf(path, sizeof(path), TEST_QUIZ_CORPUS "%s", de->d_name);
		err.msg[0] = '\0';
		if (quiz_load(z, path, NULL, &err) == 0) {
			quiz_make(z, 7);
			CU_ASSERT(z->nq >= 1 && z->nq <= QUIZ_MAX_QS);
			loaded++;
		} else {
			CU_ASSERT_NOT_EQUAL(err.msg[0], '\0');
			refused++;
		}
		free(z);
	}
	closedir(d);
	CU_ASSERT(loaded > 10);
	CU_ASSERT(refused > 10);
}

void test_quiz_register(void);

void
test_quiz_register(void)
{
	CU_pSuite s = CU_add_suite("quiz", NULL, NULL);

	CU_add_test(s, "answers agree with the capture",
	    test_quiz_answers_agree_with_capture);
	CU_add_test(s, "order takes only the right order",
	    test_quiz_order_takes_only_the_right_order);
	CU_add_test(s, "line mode scores", test_quiz_line_mode_scores);
	CU_add_test(s, "corpus loads or refuses",
	    test_quiz_corpus_loads_or_refuses);
}
