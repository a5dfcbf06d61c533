/*
 * Unit tests for recfields: the cell rules of municipal records, one at a
 * time -- real calendar dates in the Dutch and ISO forms (leap years
 * included), years of birth, household-type, partner and outcome
 * vocabularies, region codes, and the household row's checks with the field
 * index they blame.
 */
#include "inzicht/recfields.h"

#include <stdlib.h>
#include <string.h>

#include "iztest.h"

/* The date a cell reads as, or fails the test. */
static void assert_date(const char *cell, const char *want)
{
	char out[11] = "";

	if (iz_recfield_date(out, cell) != 0)
		fail_msg("'%s' was not read as a date (want %s)", cell, want);
	assert_string_equal(out, want);
}

static void assert_not_date(const char *cell)
{
	char out[11] = "";

	if (iz_recfield_date(out, cell) == 0)
		fail_msg("'%s' was read as the date %s", cell, out);
}

/* ---- blank -------------------------------------------------------------- */

static void test_blank_only_white_space(void **state)
{
	(void)state;
	assert_true(iz_recfield_blank(""));
	assert_true(iz_recfield_blank("   "));
	assert_true(iz_recfield_blank(" \t\r\n"));
	assert_false(iz_recfield_blank(" x "));
	assert_false(iz_recfield_blank("0"));
}

/* ---- dates --------------------------------------------------------------- */

static void test_date_dutch_forms(void **state)
{
	(void)state;
	assert_date("31-12-2025", "2025-12-31");
	assert_date("01-02-2025", "2025-02-01");
	assert_date("1-2-2025", "2025-02-01");
	assert_date("01/02/2025", "2025-02-01");
	assert_date("01.02.2025", "2025-02-01");
	assert_date("9-11-1989", "1989-11-09");
}

static void test_date_iso_forms(void **state)
{
	(void)state;
	assert_date("2025-12-31", "2025-12-31");
	assert_date("2025-1-2", "2025-01-02");
	/* Exports from databases often carry a time. */
	assert_date("2025-03-04T10:11:12", "2025-03-04");
	assert_date("2025-03-04 00:00:00", "2025-03-04");
	assert_date("04-03-2025 00:00", "2025-03-04");
}

static void test_date_white_space_around(void **state)
{
	(void)state;
	assert_date("  04-03-2025", "2025-03-04");
	assert_date("04-03-2025 ", "2025-03-04");
}

static void test_date_leap_years(void **state)
{
	(void)state;
	assert_date("29-02-2024", "2024-02-29"); /* divisible by 4 */
	assert_date("29-02-2000", "2000-02-29"); /* divisible by 400 */
	assert_date("2024-02-29", "2024-02-29");
	assert_not_date("29-02-2025");           /* not a leap year */
	assert_not_date("29-02-1900");           /* by 100, not by 400 */
	assert_not_date("2100-02-29");
	assert_not_date("2023-02-29");
	assert_not_date("30-02-2024");
}

static void test_date_month_lengths(void **state)
{
	(void)state;
	assert_date("31-01-2025", "2025-01-31");
	assert_date("30-04-2025", "2025-04-30");
	assert_not_date("31-04-2025");
	assert_not_date("31-06-2025");
	assert_not_date("31-09-2025");
	assert_not_date("31-11-2025");
	assert_date("31-12-2025", "2025-12-31");
	assert_not_date("32-12-2025");
}

static void test_date_impossible_parts_rejected(void **state)
{
	(void)state;
	assert_not_date("00-01-2025");
	assert_not_date("01-00-2025");
	assert_not_date("01-13-2025");
	assert_not_date("2025-13-01");
	assert_not_date("2025-00-10");
	assert_not_date("2025-01-00");
	assert_not_date("01-01-1899"); /* before 1900 */
	assert_not_date("01-01-2201"); /* after 2200 */
}

static void test_date_malformed_rejected(void **state)
{
	(void)state;
	assert_not_date("");
	assert_not_date("   ");
	assert_not_date("datum");
	assert_not_date("01-02-25");      /* two-digit year */
	assert_not_date("01-02/2025");    /* mixed separators */
	assert_not_date("2025/02/01");    /* ISO takes '-' only */
	assert_not_date("01-02-2025x");   /* trailing text */
	assert_not_date("01022025");      /* no separators */
	assert_not_date("2025-02");       /* no day */
	assert_not_date("12345-01-01");   /* five-digit year */
	assert_not_date("001-02-2025");   /* three-digit day */
	assert_not_date("2025-02-0112");  /* four-digit day */
}

/* ---- years ---------------------------------------------------------------- */

static void test_year_plain(void **state)
{
	(void)state;
	assert_int_equal(iz_recfield_year("1975"), 1975);
	assert_int_equal(iz_recfield_year(" 1975 "), 1975);
	assert_int_equal(iz_recfield_year("1900"), 1900);
	assert_int_equal(iz_recfield_year("2200"), 2200);
}

static void test_year_from_date(void **state)
{
	(void)state;
	assert_int_equal(iz_recfield_year("12-04-1967"), 1967);
	assert_int_equal(iz_recfield_year("1967-04-12"), 1967);
	assert_int_equal(iz_recfield_year("29-02-2000"), 2000);
}

static void test_year_rejected(void **state)
{
	(void)state;
	assert_int_equal(iz_recfield_year(""), 0);
	assert_int_equal(iz_recfield_year("75"), 0);
	assert_int_equal(iz_recfield_year("1899"), 0);
	assert_int_equal(iz_recfield_year("2201"), 0);
	assert_int_equal(iz_recfield_year("19750"), 0);
	assert_int_equal(iz_recfield_year("1975.0"), 0);
	assert_int_equal(iz_recfield_year("1975a"), 0);
	assert_int_equal(iz_recfield_year("29-02-2025"), 0); /* no such day */
	assert_int_equal(iz_recfield_year("onbekend"), 0);
}

/* A cell is judged whole: white space in the middle followed by more text
 * is not a year, however long the white space is. */
static void test_year_long_cell_with_trailing_text_rejected(void **state)
{
	(void)state;
	assert_int_equal(iz_recfield_year("1975 x"), 0);
	assert_int_equal(iz_recfield_year("1975                    x"), 0);
}

/* ---- household types ----------------------------------------------------- */

static void test_household_type_codes(void **state)
{
	(void)state;
	assert_string_equal(iz_recfield_household_type("eenpersoons"),
			    "eenpersoons");
	assert_string_equal(iz_recfield_household_type("paar_zonder_kinderen"),
			    "paar_zonder_kinderen");
	assert_string_equal(iz_recfield_household_type("paar_met_kinderen"),
			    "paar_met_kinderen");
	assert_string_equal(iz_recfield_household_type("eenouder"), "eenouder");
	assert_string_equal(iz_recfield_household_type("overig"), "overig");
}

static void test_household_type_dutch_labels(void **state)
{
	(void)state;
	assert_string_equal(iz_recfield_household_type("Eenpersoonshuishouden"),
			    "eenpersoons");
	assert_string_equal(iz_recfield_household_type("Alleenstaande"),
			    "eenpersoons");
	assert_string_equal(iz_recfield_household_type("Paar zonder kinderen"),
			    "paar_zonder_kinderen");
	assert_string_equal(iz_recfield_household_type("Echtpaar zonder "
						       "kinderen"),
			    "paar_zonder_kinderen");
	assert_string_equal(iz_recfield_household_type("Paar met kinderen"),
			    "paar_met_kinderen");
	assert_string_equal(iz_recfield_household_type("Gezin"),
			    "paar_met_kinderen");
	assert_string_equal(iz_recfield_household_type("Eenoudergezin"),
			    "eenouder");
	assert_string_equal(iz_recfield_household_type("Alleenstaande ouder"),
			    "eenouder");
	assert_string_equal(iz_recfield_household_type("Overig huishouden"),
			    "overig");
}

static void test_household_type_normalised_spelling(void **state)
{
	(void)state;
	assert_string_equal(iz_recfield_household_type("PAAR-MET-KINDEREN"),
			    "paar_met_kinderen");
	assert_string_equal(iz_recfield_household_type("  paar  met / kinderen "),
			    "paar_met_kinderen");
	assert_string_equal(iz_recfield_household_type("EENOUDER"), "eenouder");
}

static void test_household_type_unknown(void **state)
{
	(void)state;
	assert_null(iz_recfield_household_type(""));
	assert_null(iz_recfield_household_type("   "));
	assert_null(iz_recfield_household_type("onbekend"));
	assert_null(iz_recfield_household_type("paar"));
	assert_null(iz_recfield_household_type("eenpersoons x"));
}

/* ---- partners and outcomes ----------------------------------------------- */

static void test_partner_codes_and_labels(void **state)
{
	(void)state;
	assert_string_equal(iz_recfield_partner("energie"), "energie");
	assert_string_equal(iz_recfield_partner("Energie"), "energie");
	assert_string_equal(iz_recfield_partner("Energieleverancier"),
			    "energie");
	assert_string_equal(iz_recfield_partner("huur"), "huur");
	assert_string_equal(iz_recfield_partner("Woningcorporatie"), "huur");
	assert_string_equal(iz_recfield_partner("Verhuurder"), "huur");
	assert_string_equal(iz_recfield_partner("water"), "water");
	assert_string_equal(iz_recfield_partner("Drinkwater"), "water");
	assert_string_equal(iz_recfield_partner("Drinkwaterbedrijf"), "water");
	assert_string_equal(iz_recfield_partner("Zorgverzekeraar"),
			    "zorgverzekeraar");
	assert_string_equal(iz_recfield_partner("other"), "other");
	assert_string_equal(iz_recfield_partner("Overig"), "other");
	assert_string_equal(iz_recfield_partner(" ANDERS "), "other");
}

static void test_partner_unknown(void **state)
{
	(void)state;
	assert_null(iz_recfield_partner(""));
	assert_null(iz_recfield_partner("Gasbedrijf"));
	assert_null(iz_recfield_partner("belastingdienst"));
}

static void test_outcome_categories(void **state)
{
	(void)state;
	assert_string_equal(iz_recfield_outcome("contact gelegd"),
			    "contact_gelegd");
	assert_string_equal(iz_recfield_outcome("Contact gelegd met cliënt"),
			    "contact_gelegd");
	assert_string_equal(iz_recfield_outcome("geen contact"),
			    "geen_contact");
	assert_string_equal(iz_recfield_outcome("Geen contact"),
			    "geen_contact");
	assert_string_equal(iz_recfield_outcome("niet bereikt"),
			    "geen_contact");
	assert_string_equal(iz_recfield_outcome("doorverwezen schuldhulp"),
			    "doorverwezen");
	assert_string_equal(iz_recfield_outcome("Doorverwijzing"),
			    "doorverwezen");
}

static void test_outcome_free_text_is_anders(void **state)
{
	(void)state;
	/* Free text is never stored: whatever it says becomes "anders". */
	assert_string_equal(iz_recfield_outcome("mevrouw belt terug"),
			    "anders");
	assert_string_equal(iz_recfield_outcome("x"), "anders");
}

static void test_outcome_blank_is_null(void **state)
{
	(void)state;
	assert_null(iz_recfield_outcome(""));
	assert_null(iz_recfield_outcome("   "));
}

/* ---- regions --------------------------------------------------------------- */

static void assert_region(const char *cell, const char *want)
{
	char out[16] = "";

	if (iz_recfield_region(out, cell) != 0)
		fail_msg("'%s' was not read as a region (want %s)", cell, want);
	assert_string_equal(out, want);
}

static void assert_not_region(const char *cell)
{
	char out[16] = "";

	if (iz_recfield_region(out, cell) == 0)
		fail_msg("'%s' was read as the region %s", cell, out);
}

static void test_region_codes(void **state)
{
	(void)state;
	assert_region("GM0599", "GM0599");
	assert_region("WK059901", "WK059901");
	assert_region("BU05991502", "BU05991502");
}

static void test_region_upper_cased_and_trimmed(void **state)
{
	(void)state;
	assert_region("wk059901", "WK059901");
	assert_region("  gm0363 ", "GM0363");
	assert_region("Bu05991502", "BU05991502");
}

static void test_region_rejected(void **state)
{
	(void)state;
	assert_not_region("");
	assert_not_region("0599");
	assert_not_region("GM599");       /* too short */
	assert_not_region("GM05990");     /* gemeente with 5 digits */
	assert_not_region("WK0599");      /* wijk without its number */
	assert_not_region("WK05990101");  /* wijk with a buurt's length */
	assert_not_region("BU059915");    /* buurt with a wijk's length */
	assert_not_region("XX059901");    /* unknown prefix */
	assert_not_region("WKAB5901");    /* gemeente part not digits */
	assert_not_region("WK0599-1");
	assert_not_region("Rotterdam");
}

static void test_region_long_cell_with_trailing_text_rejected(void **state)
{
	(void)state;
	assert_not_region("WK059901 x");
	assert_not_region("WK059901                              x");
}

/* ---- household rows ------------------------------------------------------- */

struct hh_case {
	struct iz_household h;
	char region[16];
	size_t bad;
	const char *why;
};

static int household(struct hh_case *c, const char *region, const char *birth,
		     const char *type, const char *children, const char *income,
		     const char *period, int default_period)
{
	memset(c, 0, sizeof(*c));
	return iz_recfield_household(&c->h, c->region, region, birth, type,
				     children, income, period, default_period,
				     &c->bad, &c->why);
}

static void assert_bad_field(const char *region, const char *birth,
			     const char *type, const char *children,
			     const char *income, const char *period,
			     size_t field)
{
	struct hh_case c;

	assert_int_equal(household(&c, region, birth, type, children, income,
				   period, 0),
			 -1);
	assert_int_equal(c.bad, field);
	assert_non_null(c.why);
	assert_true(strlen(c.why) > 0);
}

static void test_household_row_good(void **state)
{
	struct hh_case c;

	(void)state;
	assert_int_equal(household(&c, "wk059901", "12-04-1967",
				   "Paar met kinderen", "2", "104,5", "2025",
				   0),
			 0);
	assert_string_equal(c.h.region, "WK059901");
	assert_ptr_equal(c.h.region, c.region);
	assert_int_equal(c.h.head_birth_year, 1967);
	assert_string_equal(c.h.household_type, "paar_met_kinderen");
	assert_int_equal(c.h.children, 2);
	assert_near(c.h.income_pct_sm, 104.5, 1e-12);
	assert_int_equal(c.h.period, 2025);
}

static void test_household_row_income_forms(void **state)
{
	struct hh_case c;

	(void)state;
	assert_int_equal(household(&c, "GM0599", "1980", "eenpersoons", "0",
				   "98.25", "2025", 0),
			 0);
	assert_near(c.h.income_pct_sm, 98.25, 1e-12);
	/* An empty (or a missing-value symbol) income is unknown: -1. */
	assert_int_equal(household(&c, "GM0599", "1980", "eenpersoons", "0", "",
				   "2025", 0),
			 0);
	assert_true(c.h.income_pct_sm < 0);
	assert_int_equal(household(&c, "GM0599", "1980", "eenpersoons", "0",
				   ".", "2025", 0),
			 0);
	assert_true(c.h.income_pct_sm < 0);
	assert_int_equal(household(&c, "GM0599", "1980", "eenpersoons", "0",
				   "0", "2025", 0),
			 0);
	assert_near(c.h.income_pct_sm, 0, 0);
}

static void test_household_row_default_period(void **state)
{
	struct hh_case c;

	(void)state;
	/* No period column (NULL) or an empty cell: the default. */
	assert_int_equal(household(&c, "GM0599", "1980", "overig", "0", "",
				   NULL, 2024),
			 0);
	assert_int_equal(c.h.period, 2024);
	assert_int_equal(household(&c, "GM0599", "1980", "overig", "0", "",
				   " ", 2024),
			 0);
	assert_int_equal(c.h.period, 2024);
	/* A cell wins over the default. */
	assert_int_equal(household(&c, "GM0599", "1980", "overig", "0", "",
				   "2023", 2024),
			 0);
	assert_int_equal(c.h.period, 2023);
	/* Neither: not a period. */
	assert_int_equal(household(&c, "GM0599", "1980", "overig", "0", "",
				   NULL, 0),
			 -1);
	assert_int_equal(c.bad, 6);
}

static void test_household_row_bad_region(void **state)
{
	(void)state;
	assert_bad_field("Noord", "1980", "eenpersoons", "0", "", "2025", 1);
	assert_bad_field("", "1980", "eenpersoons", "0", "", "2025", 1);
}

static void test_household_row_bad_birth(void **state)
{
	(void)state;
	assert_bad_field("GM0599", "", "eenpersoons", "0", "", "2025", 2);
	assert_bad_field("GM0599", "31-02-1980", "eenpersoons", "0", "", "2025",
			 2);
	assert_bad_field("GM0599", "80", "eenpersoons", "0", "", "2025", 2);
	/* Born after the period. */
	assert_bad_field("GM0599", "2026", "eenpersoons", "0", "", "2025", 2);
}

static void test_household_row_birth_in_period_ok(void **state)
{
	struct hh_case c;

	(void)state;
	assert_int_equal(household(&c, "GM0599", "01-01-2025", "eenpersoons",
				   "0", "", "2025", 0),
			 0);
	assert_int_equal(c.h.head_birth_year, 2025);
}

static void test_household_row_bad_type(void **state)
{
	struct hh_case c;

	(void)state;
	assert_bad_field("GM0599", "1980", "onbekend", "0", "", "2025", 3);
	assert_int_equal(household(&c, "GM0599", "1980", "", "0", "", "2025",
				   0),
			 -1);
	assert_int_equal(c.bad, 3);
	/* The message names the codes but never the cell. */
	assert_non_null(strstr(c.why, "eenpersoons"));
	assert_null(strstr(c.why, "onbekend"));
}

static void test_household_row_bad_children(void **state)
{
	(void)state;
	assert_bad_field("GM0599", "1980", "overig", "", "", "2025", 4);
	assert_bad_field("GM0599", "1980", "overig", "-1", "", "2025", 4);
	assert_bad_field("GM0599", "1980", "overig", "31", "", "2025", 4);
	assert_bad_field("GM0599", "1980", "overig", "1,5", "", "2025", 4);
	assert_bad_field("GM0599", "1980", "overig", "twee", "", "2025", 4);
}

/* Plain digits are read at once, signs and the like as strtol reads them:
 * both give the same numbers. */
static void test_household_row_children_forms(void **state)
{
	static const struct {
		const char *cell;
		int want;
	} ok[] = {
		{ "0", 0 },	 { "3", 3 },	 { " 3\t", 3 },
		{ "007", 7 },	 { "30", 30 },	 { "+3", 3 },
		{ "-0", 0 },	 { " +03 ", 3 }, { "000000000030", 30 },
	};
	static const char *const bad[] = { "31",	 "-3",	"3.0", "1e1",
					   "0x3",	 "3+",	"+",   "-",
					   "9999999999", "030 x" };
	struct hh_case c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		if (household(&c, "GM0599", "1980", "overig", ok[i].cell, "",
			      "2025", 0) != 0)
			fail_msg("'%s' was not read as children", ok[i].cell);
		assert_int_equal(c.h.children, ok[i].want);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_bad_field("GM0599", "1980", "overig", bad[i], "",
				 "2025", 4);
}

static void test_household_row_children_long_cell_rejected(void **state)
{
	(void)state;
	assert_bad_field("GM0599", "1980", "overig", "0 5", "", "2025", 4);
	assert_bad_field("GM0599", "1980", "overig", "0                     5",
			 "", "2025", 4);
}

static void test_household_row_children_fit_type(void **state)
{
	struct hh_case c;

	(void)state;
	/* With children: at least one. */
	assert_bad_field("GM0599", "1980", "paar_met_kinderen", "0", "", "2025",
			 4);
	assert_bad_field("GM0599", "1980", "Eenoudergezin", "0", "", "2025", 4);
	/* Without children: none. */
	assert_bad_field("GM0599", "1980", "eenpersoons", "1", "", "2025", 4);
	assert_bad_field("GM0599", "1980", "paar_zonder_kinderen", "2", "",
			 "2025", 4);
	/* overig: any number. */
	assert_int_equal(household(&c, "GM0599", "1980", "overig", "0", "",
				   "2025", 0),
			 0);
	assert_int_equal(household(&c, "GM0599", "1980", "overig", "2", "",
				   "2025", 0),
			 0);
	assert_int_equal(household(&c, "GM0599", "1980", "eenouder", "30", "",
				   "2025", 0),
			 0);
}

static void test_household_row_bad_income(void **state)
{
	(void)state;
	assert_bad_field("GM0599", "1980", "eenpersoons", "0", "laag", "2025",
			 5);
	assert_bad_field("GM0599", "1980", "eenpersoons", "0", "-5", "2025", 5);
	assert_bad_field("GM0599", "1980", "eenpersoons", "0", "100001", "2025",
			 5);
	assert_bad_field("GM0599", "1980", "eenpersoons", "0", "104,5%", "2025",
			 5);
}

static void test_household_row_bad_period(void **state)
{
	(void)state;
	assert_bad_field("GM0599", "1980", "eenpersoons", "0", "", "vorig jaar",
			 6);
	assert_bad_field("GM0599", "1980", "eenpersoons", "0", "", "2025KW01",
			 6);
	assert_bad_field("GM0599", "1980", "eenpersoons", "0", "", "25", 6);
}

/* Checks run region, period, birth, type, children, income: the first bad
 * field is blamed. */
static void test_household_row_first_bad_field_blamed(void **state)
{
	(void)state;
	assert_bad_field("x", "x", "x", "x", "x", "x", 1);
	assert_bad_field("GM0599", "x", "x", "x", "x", "x", 6);
	assert_bad_field("GM0599", "x", "x", "x", "x", "2025", 2);
	assert_bad_field("GM0599", "1980", "x", "x", "x", "2025", 3);
	assert_bad_field("GM0599", "1980", "overig", "x", "x", "2025", 4);
	/* "x" is a missing-value symbol (unknown income), not an error. */
	assert_bad_field("GM0599", "1980", "overig", "1", "laag", "2025", 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank_only_white_space),
		cmocka_unit_test(test_date_dutch_forms),
		cmocka_unit_test(test_date_iso_forms),
		cmocka_unit_test(test_date_white_space_around),
		cmocka_unit_test(test_date_leap_years),
		cmocka_unit_test(test_date_month_lengths),
		cmocka_unit_test(test_date_impossible_parts_rejected),
		cmocka_unit_test(test_date_malformed_rejected),
		cmocka_unit_test(test_year_plain),
		cmocka_unit_test(test_year_from_date),
		cmocka_unit_test(test_year_rejected),
		cmocka_unit_test(test_year_long_cell_with_trailing_text_rejected),
		cmocka_unit_test(test_household_type_codes),
		cmocka_unit_test(test_household_type_dutch_labels),
		cmocka_unit_test(test_household_type_normalised_spelling),
		cmocka_unit_test(test_household_type_unknown),
		cmocka_unit_test(test_partner_codes_and_labels),
		cmocka_unit_test(test_partner_unknown),
		cmocka_unit_test(test_outcome_categories),
		cmocka_unit_test(test_outcome_free_text_is_anders),
		cmocka_unit_test(test_outcome_blank_is_null),
		cmocka_unit_test(test_region_codes),
		cmocka_unit_test(test_region_upper_cased_and_trimmed),
		cmocka_unit_test(test_region_rejected),
		cmocka_unit_test(test_region_long_cell_with_trailing_text_rejected),
		cmocka_unit_test(test_household_row_good),
		cmocka_unit_test(test_household_row_income_forms),
		cmocka_unit_test(test_household_row_default_period),
		cmocka_unit_test(test_household_row_bad_region),
		cmocka_unit_test(test_household_row_bad_birth),
		cmocka_unit_test(test_household_row_birth_in_period_ok),
		cmocka_unit_test(test_household_row_bad_type),
		cmocka_unit_test(test_household_row_bad_children),
		cmocka_unit_test(test_household_row_children_forms),
		cmocka_unit_test(test_household_row_children_long_cell_rejected),
		cmocka_unit_test(test_household_row_children_fit_type),
		cmocka_unit_test(test_household_row_bad_income),
		cmocka_unit_test(test_household_row_bad_period),
		cmocka_unit_test(test_household_row_first_bad_field_blamed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
