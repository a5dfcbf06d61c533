/*
 * Unit tests for indicators on the hand-made store of fixture_indicators.h:
 * which series answers for an id (main series, category), which period
 * (latest with values, given, common to two ids) and dataset (most values,
 * then later id), which regions (level, within by parent, grandparent or
 * code), missing counts, bounds, single and national values.
 */
#include "inzicht/indicators.h"

#include "fixture_indicators.h"

static struct iz_store *store(void **state)
{
	return ((struct fx *)*state)->st;
}

/* Load code with the selection; the test fails on an error. */
static void load(struct iz_values *v, void **state, const char *code,
		 const struct iz_select *sel)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (iz_indicators_load(v, store(state), code, sel, &err) < 0)
		fail_msg("%s", err.msg);
}

static bool has_note(const struct iz_values *v, const char *part)
{
	size_t i;

	for (i = 0; i < v->nnotes; i++)
		if (strstr(v->notes[i], part))
			return true;
	return false;
}

static double value_of(const struct iz_values *v, const char *code)
{
	long i = iz_values_find(v, code);

	if (i < 0)
		fail_msg("no region %s", code);
	return v->value[i];
}

static void test_level_parse_known_and_unknown(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	enum iz_level l;

	(void)state;
	assert_int_equal(iz_indicators_level_parse(&l, "buurt", &err), 0);
	assert_int_equal(l, IZ_LEVEL_BUURT);
	assert_string_equal(iz_indicators_level_prefix(l), "BU");
	assert_string_equal(iz_indicators_level_plural(IZ_LEVEL_WIJK),
			    "wijken");
	assert_int_equal(iz_indicators_level_parse(&l, "stad", &err), -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	assert_string_equal(err.msg, "unknown level 'stad' (expected "
				     "gemeente, wijk or buurt)");
}

static void test_series_unknown_id_points_at_query(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_values v;

	assert_int_equal(iz_indicators_load(&v, store(state), "nosuch",
					    &(struct iz_select)IZ_SELECT_INIT,
					    &err),
			 -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	assert_string_equal(err.msg, "unknown indicator 'nosuch' (see "
				     "'inzicht query indicators')");
	iz_values_release(&v);
}

static void test_series_lists_datasets_and_categories(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_series *s;
	size_t n;

	assert_int_equal(iz_indicators_series(&s, &n, store(state), "gezond",
					      &err),
			 0);
	assert_int_equal(n, 3);
	assert_string_equal(s[0].dims, "Leeftijd=10000");
	assert_string_equal(s[2].dims, "Leeftijd=53115");
	assert_true(s[2].approximate);
	assert_int_equal(iz_series_badness(&s[0]), -1);
	iz_series_free(s, n);
	assert_int_equal(iz_indicators_series(&s, &n, store(state), "armoede",
					      &err),
			 0);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].dataset, "kwb-a");
	assert_string_equal(s[1].dataset, "kwb-b");
	assert_int_equal(iz_series_badness(&s[1]), 1);
	iz_series_free(s, n);
}

static void test_series_main_prefers_empty_dims(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;

	load(&v, state, "eenzaam", &sel);
	assert_string_equal(v.series.dims, "");
	assert_near(value_of(&v, "GM0001"), 10, 0);
	assert_true(has_note(&v, "main series '' (life stage -) of 2"));
	iz_values_release(&v);
}

static void test_series_main_prefers_totaal(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;

	load(&v, state, "gezond", &sel);
	assert_string_equal(v.series.dims, "Leeftijd=20300");
	assert_near(value_of(&v, "GM0001"), 70.1, 0);
	assert_true(has_note(&v, "main series Leeftijd=20300 (life stage "
				 "totaal) of 3 categories in rivm"));
	iz_values_release(&v);
}

static void test_series_main_falls_back_to_first_dims(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;

	load(&v, state, "vreemd", &sel);
	assert_string_equal(v.series.dims, "A=1");
	assert_near(value_of(&v, "GM0001"), 1, 0);
	iz_values_release(&v);
}

static void test_series_category_given(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;

	sel.category = "Leeftijd=53115";
	load(&v, state, "gezond", &sel);
	assert_string_equal(v.series.life_stage, "volwassen");
	assert_near(value_of(&v, "GM0001"), 60, 0);
	assert_true(has_note(&v, "life stage volwassen is approximate"));
	iz_values_release(&v);
}

static void test_series_category_unknown_lists_them(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_values v;

	sel.category = "Leeftijd=1";
	assert_int_equal(iz_indicators_load(&v, store(state), "gezond", &sel,
					    &err),
			 -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	assert_string_equal(err.msg,
			    "indicator 'gezond' has no category 'Leeftijd=1' "
			    "(categories: Leeftijd=10000, Leeftijd=20300, "
			    "Leeftijd=53115)");
	iz_values_release(&v);
}

/* kwb-b's 2025JJ00 has rows but no values: 2024JJ00 from kwb-a answers. */
static void test_period_latest_with_values(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;

	load(&v, state, "armoede", &sel);
	assert_string_equal(v.period, "2024JJ00");
	assert_string_equal(v.series.dataset, "kwb-a");
	assert_true(has_note(&v, "armoede: dataset kwb-a, which has period "
				 "2024JJ00 (the id is also in kwb-b)"));
	assert_true(has_note(&v, "armoede: period 2025JJ00 (kwb-b) has no "
				 "values among gemeenten"));
	iz_values_release(&v);
	sel.period = "latest";
	load(&v, state, "armoede", &sel);
	assert_string_equal(v.period, "2024JJ00");
	iz_values_release(&v);
}

static void test_period_given(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;

	sel.period = "2023JJ00";
	load(&v, state, "armoede", &sel);
	assert_int_equal(v.n, 3);
	assert_int_equal(v.missing, 0);
	assert_near(value_of(&v, "GM0002"), 7.0, 0);
	assert_false(has_note(&v, "has no values"));
	iz_values_release(&v);
}

static void test_period_without_values_names_the_others(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_values v;

	sel.period = "2025JJ00";
	assert_int_equal(iz_indicators_load(&v, store(state), "armoede", &sel,
					    &err),
			 -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg, "no values for 'armoede' in period "
				     "'2025JJ00' among gemeenten (periods "
				     "with values: 2024JJ00, 2023JJ00)");
	iz_values_release(&v);
}

static void test_dataset_most_values_wins(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;

	load(&v, state, "inwoners", &sel);
	assert_string_equal(v.series.dataset, "kwb-a");
	assert_int_equal(v.n, 5);
	iz_values_release(&v);
}

static void test_dataset_tie_takes_later_id(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;

	load(&v, state, "gelijk", &sel);
	assert_string_equal(v.series.dataset, "kwb-b");
	assert_near(value_of(&v, "GM0001"), 2, 0);
	assert_true(has_note(&v, "(the id is also in kwb-a)"));
	iz_values_release(&v);
}

/* Gemeenten only: no NL01, wijken or buurten; sorted by code. */
static void test_level_gemeente_takes_gm_codes(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;
	size_t i;

	load(&v, state, "armoede", &sel);
	assert_int_equal(v.n, 7);
	assert_int_equal(v.missing, 0);
	for (i = 0; i < v.n; i++)
		assert_int_equal(strncmp(v.code[i], "GM", 2), 0);
	assert_string_equal(v.code[0], "GM0001");
	assert_string_equal(v.code[6], "GM0007");
	assert_string_equal(v.name[1], "Beta");
	iz_values_release(&v);
}

/* WK999901 by its parent, WK000104 by its code, WK000201 not. */
static void test_within_parent_and_code_prefix(void **state)
{
	static const char *const want[] = { "WK000101", "WK000102",
					    "WK000103", "WK000104",
					    "WK999901" };
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;
	size_t i;

	sel.level = IZ_LEVEL_WIJK;
	sel.within = "GM0001";
	load(&v, state, "armoede", &sel);
	assert_int_equal(v.n, 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(v.code[i], want[i]);
	assert_int_equal(v.missing, 1);
	assert_true(isnan(v.value[2]));
	assert_string_equal(v.status[2], "null");
	assert_null(v.status[0]);
	iz_values_release(&v);
}

static void test_within_buurten_by_grandparent(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;

	sel.level = IZ_LEVEL_BUURT;
	sel.within = "GM0001";
	load(&v, state, "armoede", &sel);
	assert_int_equal(v.n, 2);
	assert_string_equal(v.code[0], "BU00010101");
	assert_string_equal(v.code[1], "BU99990101");
	iz_values_release(&v);
	sel.within = "WK000101";
	load(&v, state, "armoede", &sel);
	assert_int_equal(v.n, 1);
	assert_string_equal(v.code[0], "BU00010101");
	iz_values_release(&v);
}

static void test_within_lower_case_and_unknown(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_values v;

	sel.level = IZ_LEVEL_WIJK;
	sel.within = "gm0002";
	load(&v, state, "armoede", &sel);
	assert_int_equal(v.n, 1);
	assert_string_equal(v.code[0], "WK000201");
	iz_values_release(&v);
	sel.within = "GM9999";
	assert_int_equal(iz_indicators_load(&v, store(state), "armoede", &sel,
					    &err),
			 -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	assert_string_equal(err.msg, "unknown region 'GM9999'");
	iz_values_release(&v);
}

static void test_within_without_values(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_values v;

	sel.level = IZ_LEVEL_WIJK;
	sel.within = "GM0003";
	assert_int_equal(iz_indicators_load(&v, store(state), "armoede", &sel,
					    &err),
			 -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg, "no values for 'armoede' among wijken "
				     "within GM0003");
	iz_values_release(&v);
}

static void test_values_bounds_and_missing_bounds(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v;

	load(&v, state, "gezond", &sel);
	assert_int_equal(v.n, 8);
	assert_int_equal(v.missing, 1);
	assert_near(v.ci_low[0], 69.0, 0);
	assert_near(v.ci_high[0], 71.2, 0);
	assert_true(isnan(v.ci_low[1]));
	assert_true(isnan(value_of(&v, "GM0004")));
	assert_int_equal(iz_values_find(&v, "GM0009"), -1);
	assert_int_equal(iz_values_find(&v, "GM0008"), 7);
	iz_values_release(&v);
}

static void test_pair_latest_common_period(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_values x, y;

	assert_int_equal(iz_indicators_load_pair(&x, &y, store(state),
						 "armoede", NULL, "oud", NULL,
						 &sel, &err),
			 0);
	assert_string_equal(x.period, "2023JJ00");
	assert_string_equal(y.period, "2023JJ00");
	assert_int_equal(x.n, 3);
	assert_int_equal(y.n, 5);
	assert_true(has_note(&x, "armoede: the latest period with values is "
				 "2024JJ00; 2023JJ00 is the latest both "
				 "indicators have"));
	iz_values_release(&x);
	iz_values_release(&y);
}

static void test_pair_categories_and_missing(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_values x, y;

	assert_int_equal(iz_indicators_load_pair(&x, &y, store(state),
						 "armoede", NULL, "gezond",
						 "Leeftijd=20300", &sel, &err),
			 0);
	assert_string_equal(x.period, "2024JJ00");
	assert_int_equal(x.n, 7);
	assert_int_equal(x.missing, 0);
	assert_int_equal(y.n, 8);
	assert_int_equal(y.missing, 1);
	iz_values_release(&x);
	iz_values_release(&y);
}

static void test_pair_without_common_period(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_values x, y;

	assert_int_equal(iz_indicators_load_pair(&x, &y, store(state),
						 "armoede", NULL, "maand",
						 NULL, &sel, &err),
			 -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg,
			    "no period in which both 'armoede' and 'maand' "
			    "have values among gemeenten (armoede: 2024JJ00, "
			    "2023JJ00; maand: 2024MM06)");
	iz_values_release(&x);
	iz_values_release(&y);
}

static void test_single_and_national_value(void **state)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_values v;
	double d;

	load(&v, state, "armoede", &sel);
	assert_int_equal(iz_indicators_value(&d, store(state), &v.series,
					     v.period, "GM0006", &err),
			 1);
	assert_near(d, 8.3, 0);
	assert_int_equal(iz_indicators_national(&d, store(state), &v.series,
						v.period, &err),
			 1);
	assert_near(d, 4.6, 0);
	assert_int_equal(iz_indicators_value(&d, store(state), &v.series,
					     v.period, "GM0008", &err),
			 0);
	assert_true(isnan(d));
	iz_values_release(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_level_parse_known_and_unknown),
		cmocka_unit_test(test_series_unknown_id_points_at_query),
		cmocka_unit_test(test_series_lists_datasets_and_categories),
		cmocka_unit_test(test_series_main_prefers_empty_dims),
		cmocka_unit_test(test_series_main_prefers_totaal),
		cmocka_unit_test(test_series_main_falls_back_to_first_dims),
		cmocka_unit_test(test_series_category_given),
		cmocka_unit_test(test_series_category_unknown_lists_them),
		cmocka_unit_test(test_period_latest_with_values),
		cmocka_unit_test(test_period_given),
		cmocka_unit_test(test_period_without_values_names_the_others),
		cmocka_unit_test(test_dataset_most_values_wins),
		cmocka_unit_test(test_dataset_tie_takes_later_id),
		cmocka_unit_test(test_level_gemeente_takes_gm_codes),
		cmocka_unit_test(test_within_parent_and_code_prefix),
		cmocka_unit_test(test_within_buurten_by_grandparent),
		cmocka_unit_test(test_within_lower_case_and_unknown),
		cmocka_unit_test(test_within_without_values),
		cmocka_unit_test(test_values_bounds_and_missing_bounds),
		cmocka_unit_test(test_pair_latest_common_period),
		cmocka_unit_test(test_pair_categories_and_missing),
		cmocka_unit_test(test_pair_without_common_period),
		cmocka_unit_test(test_single_and_national_value),
	};

	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
