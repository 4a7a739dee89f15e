/* Tests of the answer expressions: parsing, wrapping arithmetic, text. */
#include <string.h>

#include <CUnit/CUnit.h>

#include "expr.h"

/* A lookup over a tiny table, standing in for the engine. */
static int
test_expr_lookup(void *ctx, const char *name, struct expr_val *out,
    struct ts_err *err)
{
	const uint32_t *iss = ctx;

	memset(out, 0, sizeof(*out));
	if (strcmp(name, "client.tcb.iss") == 0) {
		out->type = EXPR_NUM;
		out->num = *iss;
		return 0;
	}
	if (strcmp(name, "client.state") == 0) {
		out->type = EXPR_STR;
		strcpy(out->str, "SYN-SENT");
		return 0;
	}
	return ts_err_set(err, "unknown name");
}

static uint32_t
test_expr_num(const char *src, uint32_t iss)
{
	struct expr e;
	struct expr_val v;
	struct ts_err err;

	CU_ASSERT_EQUAL_FATAL(expr_parse(&e, src, &err), 0);
	CU_ASSERT_EQUAL_FATAL(expr_eval(&e, test_expr_lookup, &iss, &v, &err),
	    0);
	CU_ASSERT_EQUAL(v.type, EXPR_NUM);
	return v.num;
}

static void
test_expr_sum_wraps_modulo_2_32(void)
{
	CU_ASSERT_EQUAL(test_expr_num("client.tcb.iss + 1", 1000), 1001);
	CU_ASSERT_EQUAL(test_expr_num("client.tcb.iss + 1", 0xffffffffu), 0);
	CU_ASSERT_EQUAL(test_expr_num("client.tcb.iss - 1", 0), 0xffffffffu);
	CU_ASSERT_EQUAL(test_expr_num("client.tcb.iss-client.tcb.iss+0x10",
	    0xfffffff0u), 16);
	CU_ASSERT_EQUAL(test_expr_num("  4294967295 + 2 ", 7), 1);
}

static void
test_expr_name_yields_text(void)
{
	struct expr e;
	struct expr_val v;
	struct ts_err err;
	uint32_t iss = 5;
	char buf[64];

	CU_ASSERT_EQUAL(expr_parse(&e, "client.state", &err), 0);
	CU_ASSERT_TRUE(expr_has_name(&e));
	CU_ASSERT_EQUAL(expr_eval(&e, test_expr_lookup, &iss, &v, &err), 0);
	CU_ASSERT_EQUAL(v.type, EXPR_STR);
	CU_ASSERT_STRING_EQUAL(v.str, "SYN-SENT");
	/* text cannot be added to */
	CU_ASSERT_EQUAL(expr_parse(&e, "client.state + 1", &err), 0);
	CU_ASSERT_EQUAL(expr_eval(&e, test_expr_lookup, &iss, &v, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not a number"));
	CU_ASSERT_EQUAL(expr_parse(&e, "\"ESTABLISHED\"", &err), 0);
	CU_ASSERT_FALSE(expr_has_name(&e));
	CU_ASSERT_STRING_EQUAL(expr_format(&e, buf, sizeof(buf)),
	    "\"ESTABLISHED\"");
}

static void
test_expr_unknown_name_is_named_in_error(void)
{
	struct expr e;
	struct expr_val v;
	struct ts_err err;
	uint32_t iss = 5;

	CU_ASSERT_EQUAL(expr_parse(&e, "server.tcb.irs + 1", &err), 0);
	CU_ASSERT_EQUAL(expr_eval(&e, test_expr_lookup, &iss, &v, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "server.tcb.irs: unknown name");
}

static void
test_expr_rejects_bad_syntax(void)
{
	static const char *const bad[] = {
		"", "   ", "a +", "+ a", "a * 2", "4294967296", "0x1ffffffff",
		"1a", "a..b", ".a", "a.", "9lives", "\"open", "\"\"",
		"\"a\" + 1", "a b", "a + + b", "0x",
		"a+a+a+a+a+a+a+a+a",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	struct expr e;
	struct ts_err err;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err.msg[0] = '\0';
		CU_ASSERT_EQUAL(expr_parse(&e, bad[i], &err), -1);
		CU_ASSERT_NOT_EQUAL(err.msg[0], '\0');
	}
}

static void
test_expr_format_round_trips(void)
{
	struct expr e, e2;
	struct ts_err err;
	char buf[128], buf2[128];

	CU_ASSERT_EQUAL(expr_parse(&e, "server.tcb.irs+1 -  client.tcb.iss",
	    &err), 0);
	expr_format(&e, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "server.tcb.irs + 1 - client.tcb.iss");
	CU_ASSERT_EQUAL(expr_parse(&e2, buf, &err), 0);
	CU_ASSERT_STRING_EQUAL(expr_format(&e2, buf2, sizeof(buf2)), buf);
}

void test_expr_register(void);

void
test_expr_register(void)
{
	CU_pSuite s = CU_add_suite("expr", NULL, NULL);

	CU_add_test(s, "sum wraps modulo 2^32", test_expr_sum_wraps_modulo_2_32);
	CU_add_test(s, "name yields text", test_expr_name_yields_text);
	CU_add_test(s, "unknown name is named in the error",
	    test_expr_unknown_name_is_named_in_error);
	CU_add_test(s, "bad syntax is rejected", test_expr_rejects_bad_syntax);
	CU_add_test(s, "format round-trips", test_expr_format_round_trips);
}
