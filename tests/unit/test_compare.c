/*
 * Unit tests for compare (correlate, wijken) on the hand-made store of
 * fixture_indicators.h. Statistics against R 4.x literals (relative 1e-9);
 * the data, in 2024JJ00 over the 6 gemeenten with both values:
 *   x <- c(5.0, 7.5, 3.2, 4.4, 8.3, 5.0)
 *   y <- c(70.1, 68.3, 74.8, 69.0, 63.9, 71.2)
 *   ct <- cor.test(x, y)                 # Pearson, Fisher-z interval
 *   sp <- cor.test(x, y, method = "spearman", exact = FALSE)
 *   m <- lm(y ~ x); summary(m)$r.squared; rstudent(m)
 * Rankings of the wijken of GM0001 are checked by hand and against scale().
 */
#include "inzicht/compare.h"

#include "fixture_indicators.h"
#include "inzicht/table.h"

#define REL 1e-9

static struct iz_store *store(void **state)
{
	return ((struct fx *)*state)->st;
}

static double stat(const struct iz_table *t, const char *key)
{
	const char *k, *text;
	double v;
	size_t i;

	for (i = 0; i < iz_table_nstats(t); i++) {
		iz_table_stat(t, i, &k, &v, &text);
		if (strcmp(k, key) == 0)
			return v;
	}
	fail_msg("no statistic %s", key);
	return NAN;
}

static bool has_note(const struct iz_table *t, const char *part)
{
	size_t i;

	for (i = 0; i < iz_table_nnotes(t); i++)
		if (strstr(iz_table_note(t, i), part))
			return true;
	return false;
}

static const struct iz_cell *cell(const struct iz_table *t, size_t row,
				  const char *column)
{
	long c = iz_table_find_column(t, column);

	if (c < 0)
		fail_msg("no column %s", column);
	return iz_table_cell(t, row, (size_t)c);
}

static struct iz_table *correlate(void **state, const char *highlight)
{
	struct iz_correlate_opts o = IZ_CORRELATE_OPTS_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	o.x = "armoede";
	o.y = "gezond";
	o.highlight = highlight;
	if (iz_compare_correlate(&t, store(state), &o, &err) < 0)
		fail_msg("%s", err.msg);
	return t;
}

static void test_correlate_matches_r(void **state)
{
	struct iz_table *t = correlate(state, NULL);

	assert_near(stat(t, "n"), 6, 0);
	assert_near(stat(t, "dropped"), 2, 0);
	/* unname(ct$estimate), ct$conf.int, ct$p.value */
	assert_rel(stat(t, "pearson_r"), -0.88761863642630501, REL);
	assert_rel(stat(t, "pearson_ci_low"), -0.98769034478743223, REL);
	assert_rel(stat(t, "pearson_ci_high"), -0.27198011360691049, REL);
	assert_rel(stat(t, "pearson_p"), 0.018234692119676012, REL);
	/* unname(sp$estimate), sp$p.value */
	assert_rel(stat(t, "spearman_rho"), -0.81167944991342778, REL);
	assert_rel(stat(t, "spearman_p"), 0.049857585101340501, REL);
	/* coef(m), summary(m)$r.squared */
	assert_rel(stat(t, "intercept"), 78.6900248051027802, REL);
	assert_rel(stat(t, "slope"), -1.6419206236711557, REL);
	assert_rel(stat(t, "r2"), 0.78786684373129301, REL);
	assert_int_equal(iz_table_nstats(t), 11);
	assert_true(has_note(t, "n = 6 gemeenten with both values; 2 dropped "
				"for a missing value"));
	iz_table_free(t);
}

/* The statistics keys, in order, as the README lists them. */
static void test_correlate_statistics_keys(void **state)
{
	static const char *const keys[] = {
		"n",	     "dropped",	     "pearson_r",    "pearson_ci_low",
		"pearson_ci_high", "pearson_p", "spearman_rho", "spearman_p",
		"slope",     "intercept",    "r2",	     "fitted",
		"residual",  "studentized_residual"
	};
	struct iz_table *t = correlate(state, "GM0005");
	const char *k, *text;
	double v;
	size_t i;

	assert_int_equal(iz_table_nstats(t), 14);
	for (i = 0; i < 14; i++) {
		iz_table_stat(t, i, &k, &v, &text);
		assert_string_equal(k, keys[i]);
		assert_null(text);
	}
	iz_table_free(t);
}

/* Rows: every region of either series; dropped ones without a fit. */
static void test_correlate_rows(void **state)
{
	struct iz_table *t = correlate(state, NULL);

	assert_int_equal(iz_table_nrows(t), 8);
	assert_int_equal(iz_table_ncols(t), 7);
	assert_string_equal(cell(t, 1, "region")->v.text, "GM0002");
	assert_string_equal(cell(t, 1, "name")->v.text, "Beta");
	/* unname(fitted(m)[2]), unname(resid(m)[2]), rstudent(m)[2] */
	assert_rel(cell(t, 1, "fitted")->v.r, 66.375620127569107, REL);
	assert_rel(cell(t, 1, "residual")->v.r, 1.9243798724308967, REL);
	assert_rel(cell(t, 1, "studentized_residual")->v.r,
		   1.49606277214037875, REL);
	/* GM0004: y missing; GM0008: no x row */
	assert_int_equal(cell(t, 3, "y")->kind, IZ_CELL_NULL);
	assert_near(cell(t, 3, "x")->v.r, 6.1, 0);
	assert_int_equal(cell(t, 3, "fitted")->kind, IZ_CELL_NULL);
	assert_string_equal(cell(t, 7, "region")->v.text, "GM0008");
	assert_int_equal(cell(t, 7, "x")->kind, IZ_CELL_NULL);
	assert_int_equal(cell(t, 7, "studentized_residual")->kind,
			 IZ_CELL_NULL);
	/* rstudent(m)[1], [6] */
	assert_rel(cell(t, 0, "studentized_residual")->v.r,
		   -0.19864839764316633, REL);
	assert_rel(cell(t, 6, "studentized_residual")->v.r,
		   0.38228634298979997, REL);
	iz_table_free(t);
}

/* GM0005 lies below the line and health is higher_is_better: worse. */
static void test_correlate_highlight_worse(void **state)
{
	struct iz_table *t = correlate(state, "gm0005");

	/* unname(fitted(m)[4]), unname(resid(m)[4]), rstudent(m)[4] */
	assert_rel(stat(t, "fitted"), 71.465574060949677, REL);
	assert_rel(stat(t, "residual"), -2.4655740609496846, REL);
	assert_rel(stat(t, "studentized_residual"), -2.05630884740535791, REL);
	assert_true(has_note(t, "Epsilon (GM0005): gezond = 69 where the line "
				"predicts 71.47 from armoede = 4.4"));
	assert_true(has_note(t, "worse than its level of armoede predicts, a "
				"marked deviation (|t| >= 2)"));
	iz_table_free(t);
}

static void test_correlate_highlight_better(void **state)
{
	struct iz_table *t = correlate(state, "GM0002");

	assert_rel(stat(t, "studentized_residual"), 1.49606277214037875, REL);
	assert_true(has_note(t, "better than its level of armoede predicts, "
				"within the usual spread (|t| < 2)"));
	iz_table_free(t);
}

static void expect_correlate_error(void **state, struct iz_correlate_opts *o,
				   enum iz_err code, const char *msg)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	assert_int_equal(iz_compare_correlate(&t, store(state), o, &err), -1);
	assert_null(t);
	assert_int_equal(err.code, code);
	assert_string_equal(err.msg, msg);
}

static void test_correlate_highlight_not_compared(void **state)
{
	struct iz_correlate_opts o = IZ_CORRELATE_OPTS_INIT;

	o.x = "armoede";
	o.y = "gezond";
	o.highlight = "GM0004";
	expect_correlate_error(state, &o, IZ_EINPUT,
			       "highlighted region 'GM0004' has no value for "
			       "'gezond' in 2024JJ00");
	o.highlight = "WK000101";
	expect_correlate_error(state, &o, IZ_EINPUT,
			       "highlighted region 'WK000101' is not among "
			       "the gemeenten compared");
}

static void test_correlate_too_few_and_constant(void **state)
{
	struct iz_correlate_opts o = IZ_CORRELATE_OPTS_INIT;

	o.x = "armoede";
	o.y = "gezond";
	o.level = IZ_LEVEL_WIJK;
	o.within = "GM0001";
	/* wijken of GM0001 with both: WK000101, 102, 104, 999901 = 4 */
	o.period = "2024JJ00";
	o.within = "GM0002";
	expect_correlate_error(state, &o, IZ_EINPUT,
			       "no values for 'gezond' in period '2024JJ00' "
			       "among wijken within GM0002 (periods with "
			       "values: none)");
	o.level = IZ_LEVEL_GEMEENTE;
	o.within = NULL;
	o.y = "oud";
	o.period = NULL;
	expect_correlate_error(state, &o, IZ_EINPUT,
			       "too few gemeenten with both 'armoede' and "
			       "'oud': 3 (need at least 4)");
	o.x = "vlak";
	o.y = "gezond";
	expect_correlate_error(state, &o, IZ_EINPUT,
			       "'vlak' has the same value in all 5 gemeenten: "
			       "nothing to correlate");
}

/* The four wijken of GM0001 with both values are enough. */
static void test_correlate_within(void **state)
{
	struct iz_correlate_opts o = IZ_CORRELATE_OPTS_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	o.x = "armoede";
	o.y = "gezond";
	o.level = IZ_LEVEL_WIJK;
	o.within = "GM0001";
	assert_int_equal(iz_compare_correlate(&t, store(state), &o, &err), 0);
	assert_near(stat(t, "n"), 4, 0);
	assert_near(stat(t, "dropped"), 1, 0);
	/* cor(c(4, 6, 7, 5), c(72, 68, 66, 71)) */
	assert_rel(stat(t, "pearson_r"), -0.98449518497084032, REL);
	iz_table_free(t);
}

static struct iz_table *wijken(void **state, const char *a, const char *b)
{
	struct iz_wijken_opts o = IZ_WIJKEN_OPTS_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	o.within = "GM0001";
	o.indicators[o.n++] = a;
	if (b)
		o.indicators[o.n++] = b;
	if (iz_compare_wijken(&t, store(state), &o, &err) < 0)
		fail_msg("%s", err.msg);
	return t;
}

/* armoede is lower_is_better: 7 (WK000104) first; the missing one last. */
static void test_wijken_one_indicator(void **state)
{
	static const char *const order[] = { "WK000104", "WK000102",
					     "WK999901", "WK000101",
					     "WK000103" };
	struct iz_table *t = wijken(state, "armoede", NULL);
	size_t i;

	assert_int_equal(iz_table_nrows(t), 5);
	assert_int_equal(iz_table_ncols(t), 7);
	for (i = 0; i < 5; i++)
		assert_string_equal(cell(t, i, "region")->v.text, order[i]);
	assert_int_equal(cell(t, 0, "rank")->v.i, 1);
	assert_int_equal(cell(t, 3, "rank")->v.i, 4);
	assert_int_equal(cell(t, 4, "rank")->kind, IZ_CELL_NULL);
	assert_int_equal(cell(t, 4, "armoede")->kind, IZ_CELL_NULL);
	/* a <- c(4, 6, 7, 5); ((a - mean(a)) / sd(a))[3] */
	assert_rel(cell(t, 0, "armoede_z")->v.r, 1.1618950038622251, REL);
	assert_near(cell(t, 0, "armoede_gemeente")->v.r, 5.0, 0);
	assert_near(cell(t, 4, "armoede_nl")->v.r, 4.6, 0);
	assert_int_equal(iz_table_find_column(t, "score"), -1);
	assert_true(has_note(t, "ranked worst first (lower_is_better)"));
	iz_table_free(t);
}

/*
 * a <- c(4, 6, NA, 7, 5); g <- c(72, 68, 70, 66, 71)
 * za <- (a - mean(a, na.rm = TRUE)) / sd(a, na.rm = TRUE)
 * zg <- as.vector(scale(g)); (za - zg) / 2
 * gezond is higher_is_better, so its z counts against.
 */
static void test_wijken_combined_score(void **state)
{
	static const char *const order[] = { "WK000104", "WK000102",
					     "WK999901", "WK000101",
					     "WK000103" };
	static const double score[] = { 1.28683408068790328,
					0.48430834679846191,
					-0.52583108672532952,
					-1.12074312098042128 };
	struct iz_table *t = wijken(state, "armoede", "gezond");
	size_t i;

	assert_int_equal(iz_table_ncols(t), 12);
	for (i = 0; i < 5; i++)
		assert_string_equal(cell(t, i, "region")->v.text, order[i]);
	for (i = 0; i < 4; i++)
		assert_rel(cell(t, i, "score")->v.r, score[i], REL);
	assert_int_equal(cell(t, 4, "score")->kind, IZ_CELL_NULL);
	assert_int_equal(cell(t, 4, "rank")->kind, IZ_CELL_NULL);
	/* WK000103 has gezond, so it has a z for it: zg[3] */
	assert_rel(cell(t, 4, "gezond_z")->v.r, 0.24913643956121753, REL);
	assert_near(cell(t, 0, "gezond_nl")->v.r, 72.0, 0);
	assert_near(cell(t, 0, "gezond_gemeente")->v.r, 70.1, 0);
	assert_true(has_note(t, "score: the mean of the z-scores of armoede, "
				"gezond"));
	iz_table_free(t);
}

static void test_wijken_rejects(void **state)
{
	struct iz_wijken_opts o = IZ_WIJKEN_OPTS_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	o.within = "GM0001";
	o.indicators[o.n++] = "armoede";
	o.indicators[o.n++] = "armoede";
	assert_int_equal(iz_compare_wijken(&t, store(state), &o, &err), -1);
	assert_string_equal(err.msg, "indicator 'armoede' given twice");
	o.n = 1;
	o.level = IZ_LEVEL_GEMEENTE;
	assert_int_equal(iz_compare_wijken(&t, store(state), &o, &err), -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	o.level = IZ_LEVEL_BUURT;
	o.within = "GM0003";
	assert_int_equal(iz_compare_wijken(&t, store(state), &o, &err), -1);
	assert_string_equal(err.msg, "no values for 'armoede' among buurten "
				     "within GM0003");
	assert_null(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_correlate_matches_r),
		cmocka_unit_test(test_correlate_statistics_keys),
		cmocka_unit_test(test_correlate_rows),
		cmocka_unit_test(test_correlate_highlight_worse),
		cmocka_unit_test(test_correlate_highlight_better),
		cmocka_unit_test(test_correlate_highlight_not_compared),
		cmocka_unit_test(test_correlate_too_few_and_constant),
		cmocka_unit_test(test_correlate_within),
		cmocka_unit_test(test_wijken_one_indicator),
		cmocka_unit_test(test_wijken_combined_score),
		cmocka_unit_test(test_wijken_rejects),
	};

	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
