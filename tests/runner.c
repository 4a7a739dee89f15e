/*
 * The test runner: registers every suite (build/suites.inc lists one
 * test_NAME_register per tests/test_NAME.c) and runs them with CUnit's
 * basic interface, whose summary ends the output.  Exits 1 on any failure.
 * `tests/run-tests SUITE` runs one suite only (while working on it).
 */
#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

#define SUITE(fn) void fn(void);
#include "suites.inc"
#undef SUITE

int
main(int argc, char **argv)
{
	unsigned failed;
	CU_pSuite one = NULL;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
#define SUITE(fn) fn();
#include "suites.inc"
#undef SUITE
	CU_basic_set_mode(CU_BRM_NORMAL);
	if (argc > 1 && (one = CU_get_suite(argv[1])) == NULL) {
		fprintf(stderr, "run-tests: no suite '%s'\n", argv[1]);
		CU_cleanup_registry();
		return 2;
	}
	if (one != NULL)
		CU_basic_run_suite(one);
	else
		CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	if (CU_get_error() != CUE_SUCCESS)
		failed++;
	CU_cleanup_registry();
	return failed == 0 ? 0 : 1;
}
