/*
 * Tests of the shipped lessons: each parses, each is complete in both
 * languages, its Chinese uses the book's terms (../shared/GLOSSARY.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "lesson.h"
#include "lesson_files.h"

/* Every lesson file under lessons/, loaded; the caller frees. */
static struct lesson *
test_lessons_load_all(size_t *n)
{
	char **names = lesson_files_list(n);
	struct lesson *ls;

	CU_ASSERT_PTR_NOT_NULL_FATAL(names);
	ls = calloc(*n, sizeof(*ls));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ls);
	for (size_t i = 0; i < *n; i++) {
		char path[512];
		struct ts_err err;

		snprintf(path, sizeof(path), "lessons/%s.lesson", names[i]);
		err.msg[0] = '\0';
		if (lesson_load(&ls[i], path, &err) == -1)
			fprintf(stderr, "\n%s\n", err.msg);
		CU_ASSERT_STRING_EQUAL(err.msg, "");
	}
	lesson_files_free(names, *n);
	return ls;
}

static void
test_lessons_free(struct lesson *ls, size_t n)
{
	for (size_t i = 0; i < n; i++)
		lesson_done(&ls[i]);
	free(ls);
}

/* Both languages present and non-empty (the parser's rule, checked again). */
static void
test_lessons_text_both(const struct lesson_text *t, bool required)
{
	if (!required && t->s[LESSON_EN] == NULL && t->s[LESSON_ZH] == NULL)
		return;
	CU_ASSERT_PTR_NOT_NULL(t->s[LESSON_EN]);
	CU_ASSERT_PTR_NOT_NULL(t->s[LESSON_ZH]);
	if (t->s[LESSON_EN] != NULL && t->s[LESSON_ZH] != NULL) {
		CU_ASSERT(strlen(t->s[LESSON_EN]) > 0);
		CU_ASSERT(strlen(t->s[LESSON_ZH]) > 0);
		/* A Chinese text with no Chinese in it is an untranslated one. */
		CU_ASSERT_PTR_NOT_NULL(strpbrk(t->s[LESSON_ZH],
		    "\xe4\xe5\xe6\xe7\xe8\xe9"));
	}
}

static void
test_lessons_every_lesson_parses_in_both_languages(void)
{
	size_t n, questions = 0;
	struct lesson *ls = test_lessons_load_all(&n);

	/* The chapter's points need at least these many lessons (issue 9). */
	CU_ASSERT(n >= 7);
	for (size_t i = 0; i < n; i++) {
		const struct lesson *l = &ls[i];

		test_lessons_text_both(&l->title, true);
		test_lessons_text_both(&l->intro, false);
		CU_ASSERT(l->nstops > 0);
		for (int j = 0; j < l->nstops; j++) {
			const struct lesson_stop *s = &l->stops[j];

			test_lessons_text_both(&s->narration, true);
			for (int k = 0; k < s->nq; k++) {
				const struct lesson_question *q = &s->q[k];

				test_lessons_text_both(&q->prompt, true);
				test_lessons_text_both(&q->hint, false);
				test_lessons_text_both(&q->explain, false);
				questions++;
			}
		}
	}
	CU_ASSERT(questions >= n);
	test_lessons_free(ls, n);
}

/*
 * Words the glossary replaces with the book's: a lesson's Chinese must
 * read like the Chinese edition its readers know.
 */
static const char *const test_lessons_avoid[][2] = {
	{ "首部", "头部" }, { "包头", "头部" }, { "确认号", "ACK 号" },
	{ "源端口", "发送方端口号" }, { "目的端口", "接收方端口号" },
	{ "缓存", "缓冲区" }, { "握手协议", "三次握手" }, { "插座", "套接字" },
	{ "序列号", "序号" },
};

static void
test_lessons_check_terms(const char *file, const char *zh)
{
	if (zh == NULL)
		return;
	for (size_t i = 0; i < sizeof(test_lessons_avoid) /
	    sizeof(test_lessons_avoid[0]); i++)
		if (strstr(zh, test_lessons_avoid[i][0]) != NULL) {
			fprintf(stderr, "\n%s: \"%s\": the glossary says \"%s\"\n",
			    file, test_lessons_avoid[i][0],
			    test_lessons_avoid[i][1]);
			CU_FAIL("a lesson uses a term the glossary replaces");
		}
}

static void
test_lessons_chinese_uses_glossary_terms(void)
{
	size_t n;
	struct lesson *ls = test_lessons_load_all(&n);

	for (size_t i = 0; i < n; i++) {
		const struct lesson *l = &ls[i];

		test_lessons_check_terms(l->file, l->title.s[LESSON_ZH]);
		test_lessons_check_terms(l->file, l->intro.s[LESSON_ZH]);
		for (int j = 0; j < l->nstops; j++) {
			const struct lesson_stop *s = &l->stops[j];

			test_lessons_check_terms(l->file,
			    s->narration.s[LESSON_ZH]);
			for (int k = 0; k < s->nq; k++) {
				test_lessons_check_terms(l->file,
				    s->q[k].prompt.s[LESSON_ZH]);
				test_lessons_check_terms(l->file,
				    s->q[k].hint.s[LESSON_ZH]);
				test_lessons_check_terms(l->file,
				    s->q[k].explain.s[LESSON_ZH]);
			}
		}
	}
	test_lessons_free(ls, n);
}

void test_lessons_register(void);

void
test_lessons_register(void)
{
	CU_pSuite s = CU_add_suite("lessons", NULL, NULL);

	CU_add_test(s, "every lesson parses, in both languages",
	    test_lessons_every_lesson_parses_in_both_languages);
	CU_add_test(s, "Chinese uses the glossary's terms",
	    test_lessons_chinese_uses_glossary_terms);
}
