/* Tests of the bounded reader and writer, and of safe_escape. */
#include <string.h>

#include <CUnit/CUnit.h>

#include "cursor.h"
#include "safe.h"

static void
test_cursor_reads_big_endian_within_bounds(void)
{
	const uint8_t b[] = { 0x12, 0x34, 0x56, 0x78, 0x9a };
	struct cursor c;

	cursor_init(&c, b, sizeof(b));
	CU_ASSERT_EQUAL(cursor_be16(&c), 0x1234);
	CU_ASSERT_EQUAL(cursor_u8(&c), 0x56);
	CU_ASSERT_FALSE(c.trunc);
	CU_ASSERT_EQUAL(c.off, 3);
	CU_ASSERT_EQUAL(cursor_be32(&c), 0);	/* only 2 bytes left */
	CU_ASSERT_TRUE(c.trunc);
	CU_ASSERT_EQUAL(c.left, 0);
	CU_ASSERT_EQUAL(cursor_u8(&c), 0);	/* stays truncated */
}

static void
test_cursor_sub_short_marks_both_truncated(void)
{
	const uint8_t b[] = { 1, 2, 3 };
	struct cursor c, s;

	cursor_init(&c, b, sizeof(b));
	cursor_skip(&c, 1);
	s = cursor_sub(&c, 4);
	CU_ASSERT_TRUE(s.trunc);
	CU_ASSERT_EQUAL(s.left, 2);
	CU_ASSERT_EQUAL(s.off, 1);
	CU_ASSERT_TRUE(c.trunc);
	CU_ASSERT_EQUAL(cursor_le16(&s), 0x0302);
}

static void
test_wbuf_overflow_is_sticky_and_drops_write(void)
{
	uint8_t b[3];
	struct wbuf w;

	wbuf_init(&w, b, sizeof(b));
	wbuf_be16(&w, 0xabcd);
	CU_ASSERT_FALSE(w.overflow);
	wbuf_be16(&w, 0x1111);
	CU_ASSERT_TRUE(w.overflow);
	CU_ASSERT_EQUAL(w.len, 2);
	CU_ASSERT_EQUAL(b[0], 0xab);
	wbuf_put_be16(&w, 1, 0x2233);
	CU_ASSERT_TRUE(w.overflow);
}

static void
test_safe_escape_controls_bidi_and_bad_utf8(void)
{
	char out[128];
	const char in[] = "a\x1b[31m\t\xe4\xb8\xad\xe2\x80\xae\xff\x7f";

	safe_escape(out, sizeof(out), in, sizeof(in) - 1, false);
	CU_ASSERT_STRING_EQUAL(out,
	    "a\\x1b[31m\\x09\xe4\xb8\xad\\u{202e}\\xff\\x7f");
	safe_escape(out, sizeof(out), "x\ty\n", 4, true);
	CU_ASSERT_STRING_EQUAL(out, "x\ty\n");
	/* C1 control U+0085 encoded in UTF-8 */
	safe_escape(out, sizeof(out), "\xc2\x85", 2, true);
	CU_ASSERT_STRING_EQUAL(out, "\\x85");
	/* cut at a character boundary when the output is short */
	safe_escape(out, 5, "\xe4\xb8\xad\xe4\xb8\xad", 6, true);
	CU_ASSERT_STRING_EQUAL(out, "\xe4\xb8\xad");
}

void test_cursor_register(void);

void
test_cursor_register(void)
{
	CU_pSuite s = CU_add_suite("cursor", NULL, NULL);

	CU_add_test(s, "cursor reads big-endian within bounds",
	    test_cursor_reads_big_endian_within_bounds);
	CU_add_test(s, "cursor_sub short marks both truncated",
	    test_cursor_sub_short_marks_both_truncated);
	CU_add_test(s, "wbuf overflow is sticky and drops write",
	    test_wbuf_overflow_is_sticky_and_drops_write);
	CU_add_test(s, "safe_escape: controls, bidi, bad UTF-8",
	    test_safe_escape_controls_bidi_and_bad_utf8);
}
