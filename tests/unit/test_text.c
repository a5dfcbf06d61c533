/*
 * Unit tests for text: numbers the Dutch and the English way (the one-pass
 * reading of plain decimals must give the very double strtod gives, and
 * everything else must still go the general way), missing-value symbols
 * and period cells.
 */
#include "inzicht/text.h"

#include <stdlib.h>
#include <string.h>

#include "iztest.h"

/* The same bits: -0.0 differs from 0.0, as strtod keeps it. */
static bool same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

/* The number a cell reads as, bit for bit, or fails the test. */
static void assert_number(const char *cell, double want)
{
	const char *status = NULL;
	double v = 0;
	int rc = iz_text_number(&v, &status, cell);

	if (rc != 1)
		fail_msg("'%s' was not read as a number (rc %d)", cell, rc);
	if (!same_double(v, want))
		fail_msg("'%s' read as %.17g, want %.17g", cell, v, want);
}

static void assert_not_number(const char *cell)
{
	const char *status = NULL;
	double v = 0;
	int rc = iz_text_number(&v, &status, cell);

	if (rc != -1)
		fail_msg("'%s' gave rc %d (%.17g), want -1", cell, rc, v);
}

static void assert_missing(const char *cell, const char *want)
{
	const char *status = NULL;
	double v = 0;

	assert_int_equal(iz_text_number(&v, &status, cell), 0);
	assert_non_null(status);
	assert_string_equal(status, want);
}

/* strtod of the cell with its decimal comma made a point. */
static double reference(const char *cell)
{
	char buf[64], *end, *c;

	snprintf(buf, sizeof(buf), "%s", cell);
	if ((c = strchr(buf, ',')) != NULL)
		*c = '.';
	return strtod(buf, &end);
}

/* ---- numbers ------------------------------------------------------------ */

static void test_number_plain_forms(void **state)
{
	(void)state;
	assert_number("0", 0.0);
	assert_number("42", 42.0);
	assert_number("121,3", 121.3);
	assert_number("121.3", 121.3);
	assert_number("2442,56", 2442.56);
	assert_number("0,1", 0.1);
	assert_number("007,50", 7.5);
	assert_number("5.", 5.0);
	assert_number("5,", 5.0);
	assert_number(",5", 0.5);
	assert_number(".5", 0.5);
	/* No comma follows: the dot is a decimal point, not a group. */
	assert_number("1.234", 1.234);
}

static void test_number_signs(void **state)
{
	(void)state;
	assert_number("-12,5", -12.5);
	assert_number("+12,5", 12.5);
	assert_number("-,5", -0.5);
	assert_number("-0", -0.0);
	assert_number("-0,0", -0.0);
	assert_number("+0", 0.0);
	assert_not_number("+");
	assert_not_number("--1");
	assert_not_number("+-1");
	assert_not_number("1-");
}

static void test_number_white_space_around(void **state)
{
	(void)state;
	assert_number("  12,5", 12.5);
	assert_number("12,5  ", 12.5);
	assert_number("\t12,5\t", 12.5);
	assert_number("12,5\r", 12.5);
	assert_number(" \t\r\n12,5 \v\f", 12.5);
	assert_not_number("12 ,5");
	assert_not_number("12, 5");
	assert_not_number("- 12");
}

/* Cells of 64 bytes or more (after leading blanks) are not numbers, even
 * when the rest is white space. */
static void test_number_long_cell_rejected(void **state)
{
	char cell[80];

	(void)state;
	memset(cell, ' ', sizeof(cell));
	memcpy(cell, "12,5", 4);
	cell[63] = '\0';
	assert_number(cell, 12.5);
	cell[63] = ' ';
	cell[64] = '\0';
	assert_not_number(cell);
	memmove(cell + 10, cell, 54); /* leading blanks do not count */
	memset(cell, ' ', 10);
	assert_number(cell, 12.5);
}

static void test_number_thousands_groups(void **state)
{
	(void)state;
	assert_number("1.234,5", 1234.5);
	assert_number("1.234.567,89", 1234567.89);
	assert_number("-1.234,5", -1234.5);
	assert_not_number("12.34,5");
	assert_not_number("1.2345,6");
	assert_not_number("1.234.567");
	assert_not_number("1,234,5");
	assert_not_number("1,2.3");
}

static void test_number_exponents(void **state)
{
	(void)state;
	assert_number("1e3", 1000.0);
	assert_number("1,5e3", 1500.0);
	assert_number("2.5E-2", 0.025);
	assert_not_number("1e-400"); /* strtod says ERANGE */
	assert_not_number("1e400");
	assert_not_number("e3");
	assert_not_number("1e");
}

/* Too many digits for one exact division: strtod rounds them. */
static void test_number_many_digits(void **state)
{
	(void)state;
	assert_number("9007199254740992", 9007199254740992.0);
	assert_number("9007199254740993", 9007199254740992.0);
	assert_number("9007199254740995", 9007199254740996.0);
	assert_number("12345678901234567890123", 12345678901234567890123.0);
	assert_number("0,1000000000000000055511151231257827",
		      0.1000000000000000055511151231257827);
	assert_number("0,30000000000000004", 0.30000000000000004);
	assert_number("0,0000000000000000000001", 1e-22);
	assert_number("123456789,0123456789", 123456789.0123456789);
	assert_number("1234567890123456789012345678901234567890",
		      1234567890123456789012345678901234567890.0);
	assert_number("1,7976931348623157e308", 1.7976931348623157e308);
}

static void test_number_missing_symbols(void **state)
{
	(void)state;
	assert_missing("", "empty");
	assert_missing("   ", "empty");
	assert_missing(".", ".");
	assert_missing(" - ", "-");
	assert_missing("x", "x");
	assert_missing("X", "x");
	assert_missing("?", "?");
}

static void test_number_rejected(void **state)
{
	(void)state;
	assert_not_number(",");
	assert_not_number("abc");
	assert_not_number("12a");
	assert_not_number("0x10");
	assert_not_number("inf");
	assert_not_number("nan");
	assert_not_number("12 500");
	assert_not_number("€ 12");
	assert_not_number("12%");
}

/* A few thousand generated cells of every length and form the one-pass
 * reading takes, and some it must leave alone: each the double strtod
 * gives, bit for bit. */
static void test_number_same_as_strtod(void **state)
{
	static const char *const signs[] = { "", "-", "+" };
	char cell[64];
	unsigned long long m;
	int i, nint, nfrac, k;

	(void)state;
	srand(20261126);
	for (i = 0; i < 20000; i++) {
		nint = rand() % 18;
		nfrac = rand() % 12;
		k = snprintf(cell, sizeof(cell), "%s", signs[rand() % 3]);
		for (m = 0; m < (unsigned long long)nint; m++)
			cell[k++] = (char)('0' + rand() % 10);
		if (nfrac || rand() % 2)
			cell[k++] = rand() % 2 ? ',' : '.';
		for (m = 0; m < (unsigned long long)nfrac; m++)
			cell[k++] = (char)('0' + rand() % 10);
		cell[k] = '\0';
		if (nint + nfrac == 0)
			continue;
		assert_number(cell, reference(cell));
	}
	/* Around 2^53, where the exact division stops. */
	for (m = (1ull << 53) - 1000; m < (1ull << 53) + 1000; m++) {
		snprintf(cell, sizeof(cell), "%llu", m);
		assert_number(cell, reference(cell));
		snprintf(cell, sizeof(cell), "-%llu,%d", m, (int)(m % 10));
		assert_number(cell, reference(cell));
	}
}

/* ---- periods ------------------------------------------------------------ */

static void assert_period(const char *cell, const char *want)
{
	char out[16] = "";

	if (iz_text_period(out, sizeof(out), cell) != 0)
		fail_msg("'%s' was not read as a period (want %s)", cell, want);
	assert_string_equal(out, want);
}

static void test_period_year_and_codes(void **state)
{
	(void)state;
	assert_period("2025", "2025JJ00");
	assert_period("  2025\t", "2025JJ00");
	assert_period("2023KW02", "2023KW02");
	assert_period(" 2023MM12 ", "2023MM12");
	assert_period("2023JJ00", "2023JJ00");
}

static void test_period_rejected(void **state)
{
	char out[16] = "";

	(void)state;
	assert_int_equal(iz_text_period(out, sizeof(out), "202"), -1);
	assert_int_equal(iz_text_period(out, sizeof(out), "20255"), -1);
	assert_int_equal(iz_text_period(out, sizeof(out), "2023KW05"), -1);
	assert_int_equal(iz_text_period(out, sizeof(out), "twintig"), -1);
	assert_int_equal(iz_text_period(out, sizeof(out), ""), -1);
	assert_int_equal(iz_text_period(out, sizeof(out), "2025          x"),
			 -1);
	/* Out of room: at least 9 bytes. */
	assert_int_equal(iz_text_period(out, 8, "2025"), -1);
}

/* Exactly the 9 bytes a code needs. */
static void test_period_fits_nine_bytes(void **state)
{
	char out[9];

	(void)state;
	assert_int_equal(iz_text_period(out, sizeof(out), "2025"), 0);
	assert_string_equal(out, "2025JJ00");
	assert_int_equal(iz_text_period(out, sizeof(out), "2024KW04"), 0);
	assert_string_equal(out, "2024KW04");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_plain_forms),
		cmocka_unit_test(test_number_signs),
		cmocka_unit_test(test_number_white_space_around),
		cmocka_unit_test(test_number_long_cell_rejected),
		cmocka_unit_test(test_number_thousands_groups),
		cmocka_unit_test(test_number_exponents),
		cmocka_unit_test(test_number_many_digits),
		cmocka_unit_test(test_number_missing_symbols),
		cmocka_unit_test(test_number_rejected),
		cmocka_unit_test(test_number_same_as_strtod),
		cmocka_unit_test(test_period_year_and_codes),
		cmocka_unit_test(test_period_rejected),
		cmocka_unit_test(test_period_fits_nine_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
