/*
 * Unit tests for region: trimming CBS's space-padded keys, region levels and
 * parents from code prefixes, code plausibility, and CBS period codes.
 */
#include "inzicht/region.h"

#include <stdlib.h>
#include <string.h>

#include "iztest.h"

static void assert_trim_dup(const char *in, const char *want)
{
	char *got = iz_trim_dup(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_trim_dup_padded_cbs_keys(void **state)
{
	(void)state;
	assert_trim_dup("GM0363    ", "GM0363");
	assert_trim_dup("NL01  ", "NL01");
	assert_trim_dup("1 ", "1");
	assert_trim_dup("300010 ", "300010");
	assert_trim_dup("T001081", "T001081");
}

static void test_trim_dup_leading_and_other_white_space(void **state)
{
	(void)state;
	assert_trim_dup("  WK036300 ", "WK036300");
	assert_trim_dup("\t2023JJ00\r\n", "2023JJ00");
	assert_trim_dup("a b", "a b"); /* inner space kept */
}

static void test_trim_dup_blank_and_empty_give_empty(void **state)
{
	(void)state;
	assert_trim_dup("", "");
	assert_trim_dup("      ", "");
}

static void test_trim_in_place_returns_same_buffer(void **state)
{
	char buf[] = "   PV20  ";

	(void)state;
	assert_ptr_equal(iz_trim(buf), buf);
	assert_string_equal(buf, "PV20");
}

static void test_region_level_each_prefix(void **state)
{
	(void)state;
	assert_string_equal(iz_region_level("NL01"), "land");
	assert_string_equal(iz_region_level("LD01"), "landsdeel");
	assert_string_equal(iz_region_level("PV20"), "provincie");
	assert_string_equal(iz_region_level("CR01"), "corop");
	assert_string_equal(iz_region_level("GG3003"), "ggd");
	assert_string_equal(iz_region_level("GM0363"), "gemeente");
	assert_string_equal(iz_region_level("WK036300"), "wijk");
	assert_string_equal(iz_region_level("BU03630000"), "buurt");
}

static void test_region_level_other_codes_overig(void **state)
{
	(void)state;
	assert_string_equal(iz_region_level("XX01"), "overig");
	assert_string_equal(iz_region_level("gm0363"), "overig");
	assert_string_equal(iz_region_level("N"), "overig");
	assert_string_equal(iz_region_level(""), "overig");
	assert_string_equal(iz_region_level("T001081"), "overig");
}

static void test_region_parent_of_wijk_is_gemeente(void **state)
{
	char *p = iz_region_parent("WK0363AD");

	(void)state;
	assert_non_null(p);
	assert_string_equal(p, "GM0363");
	free(p);
}

static void test_region_parent_of_buurt_is_wijk(void **state)
{
	char *p = iz_region_parent("BU0363AD03");

	(void)state;
	assert_non_null(p);
	assert_string_equal(p, "WK0363AD");
	free(p);
}

static void test_region_parent_other_levels_null(void **state)
{
	(void)state;
	assert_null(iz_region_parent("GM0363"));
	assert_null(iz_region_parent("PV27"));
	assert_null(iz_region_parent("NL01"));
	/* wrong lengths for a wijk or buurt code */
	assert_null(iz_region_parent("WK0363"));
	assert_null(iz_region_parent("BU0363AD"));
	assert_null(iz_region_parent(""));
}

static void test_region_code_valid_plausible_codes(void **state)
{
	(void)state;
	assert_true(iz_region_code_valid("NL"));
	assert_true(iz_region_code_valid("NL01"));
	assert_true(iz_region_code_valid("GM0363"));
	assert_true(iz_region_code_valid("WK0363AD"));
	assert_true(iz_region_code_valid("BU0363AD03"));
}

/* Note: the header promises "2-10 chars [A-Z0-9]" while the code accepts up
 * to 16 characters, lower case and '_' (reported); only cases both agree on
 * are tested here. */
static void test_region_code_valid_rejects_junk(void **state)
{
	(void)state;
	assert_false(iz_region_code_valid(""));
	assert_false(iz_region_code_valid("G"));
	assert_false(iz_region_code_valid("GM 0363"));
	assert_false(iz_region_code_valid("GM0363 "));
	assert_false(iz_region_code_valid("GM-0363"));
	assert_false(iz_region_code_valid("GM0363'"));
	assert_false(iz_region_code_valid("GM03;DROP"));
	assert_false(iz_region_code_valid("ABCDEFGHIJKLMNOPQ")); /* 17 */
}

static void assert_period(const char *code, int year,
			  enum iz_period_kind kind, int number)
{
	struct iz_period p = { 0, IZ_PERIOD_OTHER, -1 };

	if (iz_period_parse(&p, code) != 0)
		fail_msg("'%s' was rejected", code);
	assert_int_equal(p.year, year);
	assert_int_equal(p.kind, kind);
	assert_int_equal(p.number, number);
}

static void test_period_parse_each_kind(void **state)
{
	(void)state;
	assert_period("2023JJ00", 2023, IZ_PERIOD_YEAR, 0);
	assert_period("2023KW04", 2023, IZ_PERIOD_QUARTER, 4);
	assert_period("2023KW01", 2023, IZ_PERIOD_QUARTER, 1);
	assert_period("2023MM12", 2023, IZ_PERIOD_MONTH, 12);
	assert_period("1996MM01", 1996, IZ_PERIOD_MONTH, 1);
	assert_period("2023HJ02", 2023, IZ_PERIOD_HALF, 2);
	assert_period("2023W101", 2023, IZ_PERIOD_WEEK, 1);
	assert_period("2020W153", 2020, IZ_PERIOD_WEEK, 53);
	assert_period("2023X001", 2023, IZ_PERIOD_WEEK, 1);
	assert_period("2023X000", 2023, IZ_PERIOD_WEEK, 0);
}

static void test_period_parse_unknown_tag_is_other(void **state)
{
	(void)state;
	/* A well-formed code with a tag inzicht does not know. */
	assert_period("2023AB12", 2023, IZ_PERIOD_OTHER, 12);
	/* Lower-case tags are not CBS's, but the code accepts them as OTHER
	 * (letters or digits in the tag); see the report. */
	assert_period("2023jj00", 2023, IZ_PERIOD_OTHER, 0);
}

static void assert_period_rejected(const char *code)
{
	struct iz_period p;

	if (iz_period_parse(&p, code) != -1)
		fail_msg("'%s' was accepted", code);
}

static void test_period_parse_out_of_range_rejected(void **state)
{
	(void)state;
	assert_period_rejected("2023KW05");
	assert_period_rejected("2023KW00");
	assert_period_rejected("2023JJ01");
	assert_period_rejected("2023MM13");
	assert_period_rejected("2023MM00");
	assert_period_rejected("2023HJ03");
	assert_period_rejected("2023HJ00");
	assert_period_rejected("2023W154");
}

static void test_period_parse_bad_shape_rejected(void **state)
{
	(void)state;
	assert_period_rejected("");
	assert_period_rejected("202JJ00");
	assert_period_rejected("2023JJ000");
	assert_period_rejected("2023JJ0 ");
	assert_period_rejected("2023KWx1");
	assert_period_rejected("Y023JJ00");
	assert_period_rejected("2023-J00");
	assert_period_rejected("2023 JJ00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trim_dup_padded_cbs_keys),
		cmocka_unit_test(test_trim_dup_leading_and_other_white_space),
		cmocka_unit_test(test_trim_dup_blank_and_empty_give_empty),
		cmocka_unit_test(test_trim_in_place_returns_same_buffer),
		cmocka_unit_test(test_region_level_each_prefix),
		cmocka_unit_test(test_region_level_other_codes_overig),
		cmocka_unit_test(test_region_parent_of_wijk_is_gemeente),
		cmocka_unit_test(test_region_parent_of_buurt_is_wijk),
		cmocka_unit_test(test_region_parent_other_levels_null),
		cmocka_unit_test(test_region_code_valid_plausible_codes),
		cmocka_unit_test(test_region_code_valid_rejects_junk),
		cmocka_unit_test(test_period_parse_each_kind),
		cmocka_unit_test(test_period_parse_unknown_tag_is_other),
		cmocka_unit_test(test_period_parse_out_of_range_rejected),
		cmocka_unit_test(test_period_parse_bad_shape_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
