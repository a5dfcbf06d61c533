/*
 * Unit tests for stats: every result against a literal computed
 * independently with R 4.2.2 (the call that produced it in the comment
 * beside it), to 1e-9 relative where the method is deterministic; the
 * Monte-Carlo p-value within three standard errors of an exact or
 * simulated reference; and the input errors.
 */
#include "inzicht/stats.h"

#include <stdbool.h>
#include <string.h>

#include "iztest.h"

#define REL 1e-9
#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* R: m <- matrix(c(12,5,7,9),2), i.e. rows (12 7) and (5 9). */
static const double t2x2[] = { 12, 7, 5, 9 };

/*
 * A 3 x 4 table whose second row is empty. R gives NaN on it, so the
 * references come from the table without that row:
 * R: m2 <- matrix(c(10,20,30,15, 25,12,8,20), 2, byrow=TRUE)
 */
static const double t3x4[] = { 10, 20, 30, 15, 0, 0, 0, 0, 25, 12, 8, 20 };

/*
 * Small expected counts, with an empty third column that R would not take:
 * R: m3 <- matrix(c(3,1,0, 1,4,2, 0,2,6), 3, byrow=TRUE)
 */
static const double tsmall[] = { 3, 1, 0, 0, 1, 4, 0, 2, 0, 2, 0, 6 };

/* x and y of the correlation and regression tests. */
static const double cx[] = { 2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 6.1, 2.8, 4.9, 3.9 };
static const double cy[] = { 10.2, 13.1, 9.8,  17.5, 15.0,
			     12.2, 19.9, 11.0, 14.1, 14.8 };
/* R: yw <- c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3), with ties */
static const double cw[] = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3 };

/* R: z <- c(4, 8, 15, 16, 23, 42, 8, 11) */
static const double sz[] = { 4, 8, 15, 16, 23, 42, 8, 11 };

static void assert_all_rel(const double *got, const double *want, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		assert_rel(got[i], want[i], REL);
}

static void assert_fails(int rc, const struct iz_error *err)
{
	assert_int_equal(rc, -1);
	assert_int_equal(err->code, IZ_EINPUT);
	assert_true(err->msg[0] != '\0');
}

/* ---- chi-square ------------------------------------------------------- */

static void test_chi2_2x2_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_chi2 c;
	double res[4];
	/* R: chisq.test(m, correct=FALSE)$stdres, in row-major order */
	const double stdres[] = { 1.5590303139071924, -1.5590303139071924,
				  -1.5590303139071917, 1.5590303139071917 };

	(void)state;
	assert_int_equal(iz_stats_chi2(&c, res, t2x2, 2, 2, &err), 0);
	assert_int_equal(c.n, 33);
	assert_int_equal(c.rows, 2);
	assert_int_equal(c.cols, 2);
	/* R: chisq.test(m, correct=FALSE)$statistic */
	assert_rel(c.chi2, 2.4305755196815575, REL);
	assert_rel(c.df, 1, REL);
	/* R: chisq.test(m, correct=FALSE)$p.value */
	assert_rel(c.p, 0.1189892055321448, REL);
	/* R: min(chisq.test(m)$expected) */
	assert_rel(c.min_expected, 6.7878787878787881, REL);
	assert_near(c.frac_expected_below_5, 0, 0);
	assert_true(c.asymptotic_ok);
	assert_all_rel(res, stdres, 4);
}

/*
 * R: n <- sum(m); sqrt(chisq.test(m, correct=FALSE)$statistic /
 *    (n * (min(dim(m)) - 1))) for V and, for Bergsma's corrected V,
 *    bv <- function(m) { n <- sum(m); k <- ncol(m); r <- nrow(m);
 *      chi <- chisq.test(m, correct=FALSE)$statistic; phi2 <- chi/n;
 *      phi2c <- max(0, phi2 - (k-1)*(r-1)/(n-1));
 *      kc <- k - (k-1)^2/(n-1); rc <- r - (r-1)^2/(n-1);
 *      sqrt(phi2c/min(kc-1, rc-1)) }
 */
static void test_chi2_2x2_cramers_v_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_chi2 c;

	(void)state;
	assert_int_equal(iz_stats_chi2(&c, NULL, t2x2, 2, 2, &err), 0);
	assert_rel(c.cramers_v, 0.27139234260883977, REL);
	/* R: bv(m) */
	assert_rel(c.cramers_v_corrected, 0.20921679726980258, REL);
}

static void test_chi2_zero_row_is_left_out(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_chi2 c;
	double res[12];
	/* R: t(chisq.test(m2)$stdres), NaN put in for the empty row */
	const double row1[] = { -3.4243971332915994, 1.1530544925839354,
				3.6746721011816366, -1.4675987714106855 };
	const double row3[] = { 3.4243971332915994, -1.1530544925839354,
				-3.6746721011816366, 1.4675987714106855 };
	size_t j;

	(void)state;
	assert_int_equal(iz_stats_chi2(&c, res, t3x4, 3, 4, &err), 0);
	assert_int_equal(c.rows, 2);
	assert_int_equal(c.cols, 4);
	assert_int_equal(c.n, 140);
	/* R: chisq.test(m2)$statistic, $parameter, $p.value */
	assert_rel(c.chi2, 21.273954116059379, REL);
	assert_rel(c.df, 3, REL);
	assert_rel(c.p, 9.2346742952473739e-05, REL);
	/* R: sqrt(chisq.test(m2)$statistic / (sum(m2) * 1)); bv(m2) */
	assert_rel(c.cramers_v, 0.38981638641123062, REL);
	assert_rel(c.cramers_v_corrected, 0.36237938824019522, REL);
	/* R: min(chisq.test(m2)$expected) */
	assert_rel(c.min_expected, 14.857142857142858, REL);
	assert_true(c.asymptotic_ok);
	assert_all_rel(res, row1, 4);
	assert_all_rel(res + 8, row3, 4);
	for (j = 4; j < 8; j++)
		assert_true(isnan(res[j]));
}

static void test_chi2_small_expected_not_asymptotic(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_chi2 c;
	double res[12];
	/* R: t(chisq.test(m3)$stdres), the empty column left out */
	const double want[] = { 2.9785809447527938,  -0.55259129820975528,
				-1.9195959170743422, -0.55259129820975528,
				1.401074660423788,   -0.91257449437961358,
				-1.9195959170743422, -0.91257449437961358,
				2.4766471270117467 };
	size_t i;

	(void)state;
	assert_int_equal(iz_stats_chi2(&c, res, tsmall, 3, 4, &err), 0);
	assert_int_equal(c.cols, 3);
	/* R: chisq.test(m3)$statistic and $p.value (it warns) */
	assert_rel(c.chi2, 12.650510204081634, REL);
	assert_rel(c.df, 4, REL);
	assert_rel(c.p, 0.013115938334914302, REL);
	/* R: min(chisq.test(m3)$expected); mean(chisq.test(m3)$expected < 5) */
	assert_rel(c.min_expected, 0.84210526315789469, REL);
	assert_rel(c.frac_expected_below_5, 1, REL);
	assert_false(c.asymptotic_ok);
	/* R: sqrt(chisq.test(m3)$statistic / (sum(m3) * 2)); bv(m3) */
	assert_rel(c.cramers_v, 0.57698194362155397, REL);
	assert_rel(c.cramers_v_corrected, 0.49952145466783449, REL);
	for (i = 0; i < 3; i++) {
		assert_true(isnan(res[i * 4 + 2]));
		assert_rel(res[i * 4], want[i * 3], REL);
		assert_rel(res[i * 4 + 1], want[i * 3 + 1], REL);
		assert_rel(res[i * 4 + 3], want[i * 3 + 2], REL);
	}
}

static void test_chi2_equal_proportions_gives_zero(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double same[] = { 10, 20, 30, 20, 40, 60 };
	struct iz_chi2 c;
	double res[6];
	size_t i;

	(void)state;
	assert_int_equal(iz_stats_chi2(&c, res, same, 2, 3, &err), 0);
	/* R: chisq.test(matrix(c(10,20,30, 20,40,60), 2, byrow=TRUE)):
	 *    $statistic 0, $p.value 1, $stdres all 0 */
	assert_near(c.chi2, 0, 1e-12);
	assert_rel(c.p, 1, REL);
	assert_near(c.cramers_v, 0, 1e-6);
	assert_near(c.cramers_v_corrected, 0, 0);
	for (i = 0; i < 6; i++)
		assert_near(res[i], 0, 1e-12);
}

static void test_chi2_bad_input_fails(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_chi2 c;
	const double negative[] = { 3, -1, 2, 4 };
	const double one_row[] = { 3, 1, 0, 0 };
	const double nan_cell[] = { 3, NAN, 2, 4 };
	const double zeros[] = { 0, 0, 0, 0 };

	(void)state;
	assert_fails(iz_stats_chi2(&c, NULL, negative, 2, 2, &err), &err);
	assert_fails(iz_stats_chi2(&c, NULL, one_row, 2, 2, &err), &err);
	assert_fails(iz_stats_chi2(&c, NULL, nan_cell, 2, 2, &err), &err);
	assert_fails(iz_stats_chi2(&c, NULL, zeros, 2, 2, &err), &err);
	assert_fails(iz_stats_chi2(&c, NULL, t2x2, 0, 2, &err), &err);
	assert_fails(iz_stats_chi2(&c, NULL, t2x2, 1, 4, &err), &err);
	assert_int_equal(iz_stats_chi2(&c, NULL, negative, 2, 2, NULL), -1);
}

/* ---- Monte-Carlo chi-square ------------------------------------------- */

/* |got - want| within three standard errors of the two estimates. */
static void assert_within_3se(double got, size_t reps, double want,
			      double want_reps)
{
	double v = want * (1 - want);
	double se =
	    sqrt(v / (double)reps + (want_reps > 0 ? v / want_reps : 0));

	assert_near(got, want, 3 * se + 1 / ((double)reps + 1));
}

static void test_chi2_monte_carlo_same_seed_same_p(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double p1, p2, p3;

	(void)state;
	assert_int_equal(
	    iz_stats_chi2_monte_carlo(&p1, tsmall, 3, 4, 2000, 42, &err), 0);
	assert_int_equal(
	    iz_stats_chi2_monte_carlo(&p2, tsmall, 3, 4, 2000, 42, &err), 0);
	assert_int_equal(
	    iz_stats_chi2_monte_carlo(&p3, tsmall, 3, 4, 2000, 7, &err), 0);
	assert_true(p1 == p2);
	assert_true(p1 > 0 && p1 <= 1);
	assert_true(p3 > 0 && p3 <= 1);
}

/*
 * The exact permutation p-value of Pearson's chi2 for rows (7 2), (3 8):
 * R: a <- matrix(c(7,3,2,8),2); obs <- chisq.test(a, correct=FALSE)$statistic
 *    k <- 0:10; chis <- sapply(k, function(x) { tb <- matrix(c(x, 10-x,
 *      9-x, 1+x), 2); if (any(tb<0)) NA else chisq.test(tb,
 *      correct=FALSE)$statistic }); pr <- dhyper(k, 9, 11, 10)
 *    sum(pr[!is.na(chis) & chis >= obs*(1-64*.Machine$double.eps)])
 */
static void test_chi2_monte_carlo_2x2_near_exact(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double a[] = { 7, 2, 3, 8 };
	double p;

	(void)state;
	assert_int_equal(iz_stats_chi2_monte_carlo(&p, a, 2, 2, 20000, 1, &err),
			 0);
	assert_within_3se(p, 20000, 0.069778518694927349, 0);
}

static void test_chi2_monte_carlo_small_near_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double p;

	(void)state;
	assert_int_equal(
	    iz_stats_chi2_monte_carlo(&p, tsmall, 3, 4, 20000, 2024, &err), 0);
	/* R: set.seed(1); chisq.test(m3, simulate.p.value=TRUE, B=1e6) */
	assert_within_3se(p, 20000, 0.0076589923410076586, 1e6);
}

static void test_chi2_monte_carlo_large_near_asymptotic(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double big[] = { 120, 135, 150, 110, 140, 162, 95, 150, 170 };
	double p;

	(void)state;
	assert_int_equal(
	    iz_stats_chi2_monte_carlo(&p, big, 3, 3, 5000, 99, &err), 0);
	/* R: chisq.test(matrix(c(120,135,150, 110,140,162, 95,150,170), 3,
	 *    byrow=TRUE))$p.value */
	assert_within_3se(p, 5000, 0.29952000385421546, 0);
}

static void test_chi2_monte_carlo_bad_input_fails(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double fractional[] = { 3, 1.5, 2, 4 };
	double p;

	(void)state;
	assert_fails(
	    iz_stats_chi2_monte_carlo(&p, fractional, 2, 2, 100, 1, &err),
	    &err);
	assert_fails(iz_stats_chi2_monte_carlo(&p, t2x2, 2, 2, 0, 1, &err),
		     &err);
	assert_fails(iz_stats_chi2_monte_carlo(&p, t2x2, 1, 4, 100, 1, &err),
		     &err);
}

/* ---- proportions ------------------------------------------------------ */

/*
 * The Wilson formula in R, no packages:
 * wil <- function(x, n, conf=0.95) { z <- qnorm(1-(1-conf)/2);
 *   c0 <- (x+z^2/2)/(n+z^2); h <- z/(n+z^2)*sqrt(x*(n-x)/n+z^2/4);
 *   c(c0-h, c0+h) }
 */
static void test_wilson_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double lo, hi;

	(void)state;
	assert_int_equal(iz_stats_wilson(&lo, &hi, 37, 120, 0.95, &err), 0);
	/* R: prop.test(37, 120, correct=FALSE)$conf.int (= wil(37, 120)) */
	assert_rel(lo, 0.23272736988916301, REL);
	assert_rel(hi, 0.39582997723800678, REL);
	assert_int_equal(iz_stats_wilson(&lo, &hi, 4, 50, 0.9, &err), 0);
	/* R: wil(4, 50, 0.9) */
	assert_rel(lo, 0.036421981340320417, REL);
	assert_rel(hi, 0.16669789472014646, REL);
	assert_int_equal(iz_stats_wilson(&lo, &hi, 0, 15, 0.95, &err), 0);
	/* R: wil(0, 15) */
	assert_near(lo, 0, 1e-15);
	assert_rel(hi, 0.20388330103584854, REL);
}

static void test_clopper_pearson_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double lo, hi;

	(void)state;
	assert_int_equal(
	    iz_stats_clopper_pearson(&lo, &hi, 37, 120, 0.95, &err), 0);
	/* R: binom.test(37, 120)$conf.int */
	assert_rel(lo, 0.22725511963383171, REL);
	assert_rel(hi, 0.39913676453195202, REL);
	assert_int_equal(iz_stats_clopper_pearson(&lo, &hi, 3, 20, 0.99, &err),
			 0);
	/* R: binom.test(3, 20, conf.level=0.99)$conf.int */
	assert_rel(lo, 0.017642637954194705, REL);
	assert_rel(hi, 0.44946540673948598, REL);
}

static void test_clopper_pearson_all_or_none_hits_bounds(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double lo, hi;

	(void)state;
	assert_int_equal(iz_stats_clopper_pearson(&lo, &hi, 0, 15, 0.95, &err),
			 0);
	/* R: binom.test(0, 15)$conf.int */
	assert_true(lo == 0);
	assert_rel(hi, 0.21801936091053398, REL);
	assert_int_equal(iz_stats_clopper_pearson(&lo, &hi, 15, 15, 0.95, &err),
			 0);
	/* R: binom.test(15, 15)$conf.int */
	assert_rel(lo, 0.78198063908946602, REL);
	assert_true(hi == 1);
}

static void test_proportion_ci_picks_method(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const char *method = NULL;
	double lo, hi;

	(void)state;
	assert_int_equal(
	    iz_stats_proportion_ci(&lo, &hi, &method, 37, 120, 0.95, &err), 0);
	assert_string_equal(method, "wilson");
	assert_rel(lo, 0.23272736988916301, REL); /* as above */
	assert_int_equal(
	    iz_stats_proportion_ci(&lo, &hi, &method, 3, 20, 0.99, &err), 0);
	assert_string_equal(method, "clopper-pearson");
	assert_rel(hi, 0.44946540673948598, REL);
	assert_int_equal(
	    iz_stats_proportion_ci(&lo, &hi, &method, 45, 45, 0.95, &err), 0);
	assert_string_equal(method, "clopper-pearson");
	/* R: binom.test(45, 45)$conf.int */
	assert_rel(lo, 0.92129489959315691, REL);
	assert_true(hi == 1);
}

static void test_proportion_bad_input_fails(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const char *method;
	double lo, hi;

	(void)state;
	assert_fails(iz_stats_wilson(&lo, &hi, 5, 0, 0.95, &err), &err);
	assert_fails(iz_stats_wilson(&lo, &hi, 6, 5, 0.95, &err), &err);
	assert_fails(iz_stats_wilson(&lo, &hi, -1, 5, 0.95, &err), &err);
	assert_fails(iz_stats_clopper_pearson(&lo, &hi, 2, 5, 1, &err), &err);
	assert_fails(iz_stats_clopper_pearson(&lo, &hi, 2, 5, 0, &err), &err);
	assert_fails(iz_stats_proportion_ci(&lo, &hi, &method, 2, 5, NAN, &err),
		     &err);
}

/* ---- multiple testing ------------------------------------------------- */

/* R: p <- c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.7) */
static const double pv[] = { 0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.7 };

static void test_holm_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double adj[LEN(pv)];
	/* R: p.adjust(p, "holm") */
	const double want[] = { 0.059999999999999998, 0.16,
				0.14999999999999999,  0.035000000000000003,
				0.40000000000000002,  0.16,
				0.69999999999999996 };

	(void)state;
	assert_int_equal(iz_stats_holm(adj, pv, LEN(pv), &err), 0);
	assert_all_rel(adj, want, LEN(pv));
}

static void test_bh_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double adj[LEN(pv)];
	/* R: p.adjust(p, "BH") */
	const double want[] = { 0.035000000000000003, 0.055999999999999994,
				0.055999999999999994, 0.035000000000000003,
				0.23333333333333336,  0.055999999999999994,
				0.69999999999999996 };

	(void)state;
	assert_int_equal(iz_stats_bh(adj, pv, LEN(pv), &err), 0);
	assert_all_rel(adj, want, LEN(pv));
}

static void test_adjust_caps_at_one_in_place(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double p[] = { 0.5, 0.6, 0.9 };
	/* R: p.adjust(c(0.5, 0.6, 0.9), "BH") */
	const double bh[] = { 0.89999999999999991, 0.89999999999999991,
			      0.90000000000000002 };
	double h[3];

	(void)state;
	assert_int_equal(iz_stats_holm(h, p, 3, &err), 0);
	/* R: p.adjust(c(0.5, 0.6, 0.9), "holm") */
	assert_true(h[0] == 1 && h[1] == 1 && h[2] == 1);
	assert_int_equal(iz_stats_bh(p, p, 3, &err), 0);
	assert_all_rel(p, bh, 3);
}

static void test_adjust_bad_input_fails(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double bad[] = { 0.1, 1.5 };
	const double nan_p[] = { NAN, 0.1 };
	double adj[2];

	(void)state;
	assert_fails(iz_stats_holm(adj, bad, 2, &err), &err);
	assert_fails(iz_stats_bh(adj, nan_p, 2, &err), &err);
	assert_fails(iz_stats_holm(adj, bad, 0, &err), &err);
}

/* ---- binomial test ---------------------------------------------------- */

static double binom_p(double x, double n, double p)
{
	struct iz_error err = IZ_ERROR_INIT;
	double out = NAN;

	assert_int_equal(iz_stats_binom_test(&out, x, n, p, &err), 0);
	return out;
}

static void test_binom_test_matches_r(void **state)
{
	(void)state;
	/* R: binom.test(3, 20, 0.4)$p.value */
	assert_rel(binom_p(3, 20, 0.4), 0.022427038142043266, REL);
	/* R: binom.test(14, 20, 0.4)$p.value */
	assert_rel(binom_p(14, 20, 0.4), 0.010077347411163872, REL);
	/* R: binom.test(520, 1000, 0.5)$p.value */
	assert_rel(binom_p(520, 1000, 0.5), 0.21744829320414144, REL);
	/* R: binom.test(7, 12, 0.5)$p.value */
	assert_rel(binom_p(7, 12, 0.5), 0.77441406250000022, REL);
	/* R: binom.test(37, 120, 0.25)$p.value */
	assert_rel(binom_p(37, 120, 0.25), 0.14082610147932934, REL);
}

static void test_binom_test_edges_match_r(void **state)
{
	(void)state;
	/* R: binom.test(8, 20, 0.4)$p.value, x at the mean */
	assert_rel(binom_p(8, 20, 0.4), 1, REL);
	/* R: binom.test(0, 10, 0.1)$p.value */
	assert_rel(binom_p(0, 10, 0.1), 0.61257951100000052, REL);
	/* R: binom.test(10, 10, 0.1)$p.value */
	assert_rel(binom_p(10, 10, 0.1), 1.0000000000000042e-10, REL);
	/* R: binom.test(0, 10, 0)$p.value; binom.test(3, 10, 0)$p.value */
	assert_rel(binom_p(0, 10, 0), 1, REL);
	assert_near(binom_p(3, 10, 0), 0, 0);
	/* R: binom.test(10, 10, 1)$p.value */
	assert_rel(binom_p(10, 10, 1), 1, REL);
}

static void test_binom_test_bad_input_fails(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double p;

	(void)state;
	assert_fails(iz_stats_binom_test(&p, 11, 10, 0.5, &err), &err);
	assert_fails(iz_stats_binom_test(&p, 2.5, 10, 0.5, &err), &err);
	assert_fails(iz_stats_binom_test(&p, 0, 0, 0.5, &err), &err);
	assert_fails(iz_stats_binom_test(&p, 2, 10, 1.5, &err), &err);
}

/* ---- correlation ------------------------------------------------------ */

/*
 * R: x <- c(2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 6.1, 2.8, 4.9, 3.9)
 *    y <- c(10.2, 13.1, 9.8, 17.5, 15.0, 12.2, 19.9, 11.0, 14.1, 14.8)
 *    ct <- cor.test(x, y)
 */
static void test_pearson_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_corr c;

	(void)state;
	assert_int_equal(iz_stats_pearson(&c, cx, cy, LEN(cx), &err), 0);
	assert_int_equal(c.n, 10);
	/* R: ct$estimate; ct$conf.int; ct$p.value */
	assert_rel(c.r, 0.96287859819742028, REL);
	assert_rel(c.lo, 0.84636297262343407, REL);
	assert_rel(c.hi, 0.99144046111133288, REL);
	assert_rel(c.p, 7.9432249808174469e-06, REL);
}

static void test_pearson_negative_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_corr c;

	(void)state;
	assert_int_equal(iz_stats_pearson(&c, cx, cw, LEN(cx), &err), 0);
	/* R: ct2 <- cor.test(x, yw); ct2$estimate, $conf.int, $p.value */
	assert_rel(c.r, -0.31680254665939889, REL);
	assert_rel(c.lo, -0.78904102995993863, REL);
	assert_rel(c.hi, 0.39076944723491769, REL);
	assert_rel(c.p, 0.37245887742260952, REL);
}

static void test_pearson_three_points_no_interval(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double x[] = { 1, 2, 3 }, y[] = { 2, 1, 4 };
	struct iz_corr c;

	(void)state;
	assert_int_equal(iz_stats_pearson(&c, x, y, 3, &err), 0);
	/* R: cor.test(c(1,2,3), c(2,1,4)): $estimate, $p.value, no conf.int */
	assert_rel(c.r, 0.65465367070797709, REL);
	assert_rel(c.p, 0.54562894834299014, REL);
	assert_true(isnan(c.lo) && isnan(c.hi));
}

static void test_pearson_perfect_line_p_zero(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double x[] = { 1, 2, 3, 4, 5 }, y[] = { 3, 5, 7, 9, 11 };
	struct iz_corr c;

	(void)state;
	assert_int_equal(iz_stats_pearson(&c, x, y, 5, &err), 0);
	assert_rel(c.r, 1, 1e-15);
	assert_near(c.p, 0, 1e-12);
	assert_rel(c.hi, 1, 1e-12);
}

static void test_pearson_bad_input_fails(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double flat[] = { 4, 4, 4, 4 }, y[] = { 1, 2, 3, 5 };
	const double nan_x[] = { 1, NAN, 3, 4 };
	struct iz_corr c;

	(void)state;
	assert_fails(iz_stats_pearson(&c, flat, y, 4, &err), &err);
	assert_non_null(strstr(err.msg, "zero variance"));
	assert_fails(iz_stats_pearson(&c, y, flat, 4, &err), &err);
	assert_fails(iz_stats_pearson(&c, y, y, 2, &err), &err);
	assert_fails(iz_stats_pearson(&c, nan_x, y, 4, &err), &err);
	assert_fails(iz_stats_spearman(&c, flat, y, 4, &err), &err);
	assert_fails(iz_stats_spearman(&c, y, y, 2, &err), &err);
}

static void test_spearman_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_corr c;

	(void)state;
	assert_int_equal(iz_stats_spearman(&c, cx, cy, LEN(cx), &err), 0);
	/* R: sp <- cor.test(x, y, method="spearman", exact=FALSE);
	 *    sp$estimate; sp$p.value */
	assert_rel(c.r, 0.96363636363636362, REL);
	assert_rel(c.p, 7.320974809529816e-06, REL);
	assert_true(isnan(c.lo) && isnan(c.hi));
}

static void test_spearman_ties_match_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_corr c;

	(void)state;
	assert_int_equal(iz_stats_spearman(&c, cx, cw, LEN(cx), &err), 0);
	/* R: sp <- cor.test(x, yw, method="spearman", exact=FALSE);
	 *    sp$estimate; sp$p.value */
	assert_rel(c.r, -0.36698792170878691, REL);
	assert_rel(c.p, 0.29687650638576324, REL);
}

/* ---- regression ------------------------------------------------------- */

static void test_ols_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_ols o;

	(void)state;
	assert_int_equal(iz_stats_ols(&o, cx, cy, LEN(cx), &err), 0);
	assert_int_equal(o.n, 10);
	/* R: fit <- lm(y ~ x); s <- summary(fit); coef(fit) */
	assert_rel(o.intercept, 5.3445900910908684, REL);
	assert_rel(o.slope, 2.1915129971117526, REL);
	/* R: s$coefficients[, 2] */
	assert_rel(o.intercept_se, 0.88355367427909881, REL);
	assert_rel(o.slope_se, 0.21721330680567605, REL);
	/* R: s$r.squared; s$sigma */
	assert_rel(o.r2, 0.92713519486662921, REL);
	assert_rel(o.sigma, 0.92166040288429185, REL);
}

static void test_studentized_match_rstandard_rstudent(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double in[LEN(cx)], ex[LEN(cx)];
	/* R: rstandard(lm(y ~ x)) */
	const double want_in[] = { 0.32117476821266355,  0.35008292621680814,
				   0.38053482085224327,  -0.14886673952758769,
				   0.014728363821279471, -0.434622171460745,
				   1.640767894729984,    -0.56924252402870346,
				   -2.3509123820405273,  1.0391671386004744 };
	/* R: rstudent(lm(y ~ x)) */
	const double want_ex[] = { 0.30238732552827885, 0.33001018597021092,
				   0.35922370361110711, -0.13944536105321767,
				   0.01377730961293524, -0.41143828325726511,
				   1.8842372808003081,  -0.54360059168937147,
				   -3.9550764361505619, 1.0451466818660371 };

	(void)state;
	assert_int_equal(iz_stats_studentized(in, ex, cx, cy, LEN(cx), &err),
			 0);
	assert_all_rel(in, want_in, LEN(cx));
	assert_all_rel(ex, want_ex, LEN(cx));
	assert_int_equal(iz_stats_studentized(NULL, ex, cx, cy, LEN(cx), &err),
			 0);
	assert_all_rel(ex, want_ex, LEN(cx));
}

static void test_studentized_too_few_fails(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double x[] = { 1, 2, 3 }, y[] = { 2, 1, 4 };
	double in[3], ex[3];

	(void)state;
	assert_fails(iz_stats_studentized(in, ex, x, y, 3, &err), &err);
	assert_int_equal(iz_stats_studentized(in, NULL, x, y, 3, &err), 0);
	assert_fails(iz_stats_studentized(in, NULL, x, y, 2, &err), &err);
}

static void test_ols_bad_input_fails(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double flat[] = { 2, 2, 2, 2 }, y[] = { 1, 2, 3, 5 };
	struct iz_ols o;

	(void)state;
	assert_fails(iz_stats_ols(&o, flat, y, 4, &err), &err);
	assert_fails(iz_stats_ols(&o, y, y, 2, &err), &err);
	assert_int_equal(iz_stats_ols(&o, y, flat, 4, &err), 0);
	assert_true(isnan(o.r2));
	assert_near(o.slope, 0, 1e-15);
}

/* R: tt <- 2015:2022 */
static const double years[] = {
	2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022
};

static void test_trend_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	/* R: yt <- c(8.1, 8.4, 8.2, 8.9, 9.3, 9.1, 9.8, 10.2) */
	const double y[] = { 8.1, 8.4, 8.2, 8.9, 9.3, 9.1, 9.8, 10.2 };
	struct iz_trend t;

	(void)state;
	assert_int_equal(iz_stats_trend(&t, years, y, 8, &err), 0);
	assert_int_equal(t.n, 8);
	/* R: summary(lm(yt ~ tt))$coefficients[2, c(1, 2, 4)]; lm's QR on
	 * raw years carries about 2e-13 relative error in these */
	assert_rel(t.slope, 0.29523809523804123, REL);
	assert_rel(t.se, 0.036680063518387554, REL);
	assert_rel(t.p, 0.00019668183706322568, REL);
}

static void test_trend_flat_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	/* R: yt2 <- c(5.0, 4.1, 5.3, 4.8, 4.6, 5.1, 4.4, 5.0) */
	const double y[] = { 5.0, 4.1, 5.3, 4.8, 4.6, 5.1, 4.4, 5.0 };
	const double flat[] = { 3, 3, 3, 3, 3, 3, 3, 3 };
	struct iz_trend t;

	(void)state;
	assert_int_equal(iz_stats_trend(&t, years, y, 8, &err), 0);
	/* R: summary(lm(yt2 ~ tt))$coefficients[2, c(1, 2, 4)]; the slope
	 * is 1/120 and R's is off by 1.5e-12 relative, so 1e-8 here */
	assert_rel(t.slope, 0.0083333333333208293, 1e-8);
	assert_rel(t.se, 0.066243697913281593, REL);
	assert_rel(t.p, 0.90400112260233345, REL);
	assert_int_equal(iz_stats_trend(&t, years, flat, 8, &err), 0);
	assert_true(isnan(t.p));
	assert_fails(iz_stats_trend(&t, years, y, 2, &err), &err);
}

/* ---- scores and summaries --------------------------------------------- */

static void test_zscores_match_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double z[LEN(sz)];
	/* R: as.vector(scale(z)) */
	const double want[] = { -0.98236155120186086,  -0.65146081816544454,
				-0.072384535351716059, 0.01034064790738801,
				0.58941693072111656,   2.1611954126440938,
				-0.65146081816544454,  -0.40328526838813233 };

	(void)state;
	assert_int_equal(iz_stats_zscores(z, sz, LEN(sz), &err), 0);
	assert_all_rel(z, want, LEN(sz));
}

static void test_zscores_constant_gives_nan(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double flat[] = { 0.3, 0.3, 0.3 };
	double z[3];

	(void)state;
	assert_int_equal(iz_stats_zscores(z, flat, 3, &err), 0);
	assert_true(isnan(z[0]) && isnan(z[1]) && isnan(z[2]));
	assert_int_equal(iz_stats_robust_z(z, flat, 3, &err), 0);
	assert_true(isnan(z[0]) && isnan(z[2]));
	assert_fails(iz_stats_zscores(z, flat, 1, &err), &err);
	assert_fails(iz_stats_robust_z(z, flat, 0, &err), &err);
}

static void test_robust_z_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double z[LEN(sz)];
	/* R: (z - median(z)) / mad(z) */
	const double want[] = { -1.2140833670578715, -0.6744907594765952,
				0.26979630379063807, 0.40469445568595713,
				1.3489815189531904,  3.9120464049642525,
				-0.6744907594765952, -0.26979630379063807 };

	(void)state;
	assert_int_equal(iz_stats_robust_z(z, sz, LEN(sz), &err), 0);
	assert_all_rel(z, want, LEN(sz));
}

/* One value's standing is exactly what the three vector functions give
 * it, bit for bit (risk prints them); flat and one-value samples too. */
static void test_standing_equals_vector_scores(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_standing st;
	double z[LEN(sz)], rz[LEN(sz)], pr[LEN(sz)];
	const double flat[] = { 0.3, 0.3, 0.3 }, one[] = { 4.2 };
	size_t i;

	(void)state;
	assert_int_equal(iz_stats_zscores(z, sz, LEN(sz), &err), 0);
	assert_int_equal(iz_stats_robust_z(rz, sz, LEN(sz), &err), 0);
	assert_int_equal(iz_stats_percentile_rank(pr, sz, LEN(sz), &err), 0);
	for (i = 0; i < LEN(sz); i++) {
		assert_int_equal(iz_stats_standing(&st, sz, LEN(sz), i, &err),
				 0);
		assert_memory_equal(&st.z, &z[i], sizeof(double));
		assert_memory_equal(&st.robust_z, &rz[i], sizeof(double));
		assert_memory_equal(&st.percentile, &pr[i], sizeof(double));
	}
	assert_int_equal(iz_stats_standing(&st, flat, 3, 1, &err), 0);
	assert_true(isnan(st.z) && isnan(st.robust_z));
	assert_rel(st.percentile, 50, REL);
	assert_int_equal(iz_stats_standing(&st, one, 1, 0, &err), 0);
	assert_true(isnan(st.z) && isnan(st.robust_z));
	assert_rel(st.percentile, 50, REL);
	assert_fails(iz_stats_standing(&st, one, 1, 1, &err), &err);
	assert_fails(iz_stats_standing(&st, one, 0, 0, &err), &err);
}

static void test_percentile_rank_counts_half_ties(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	double pr[LEN(sz)];
	/* R: sapply(z, function(v) 100 * (sum(z < v) + 0.5 * sum(z == v)) /
	 *    length(z)), = scipy.stats.percentileofscore(z, v, kind='mean') */
	const double want[] = {
		6.25, 25, 56.25, 68.75, 81.25, 93.75, 25, 43.75
	};
	const double same[] = { 7, 7, 7, 7 };

	(void)state;
	assert_int_equal(iz_stats_percentile_rank(pr, sz, LEN(sz), &err), 0);
	assert_all_rel(pr, want, LEN(sz));
	assert_int_equal(iz_stats_percentile_rank(pr, same, 4, &err), 0);
	assert_rel(pr[0], 50, REL);
	assert_rel(pr[3], 50, REL);
}

static void test_quantile_type7_matches_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	/* R: quantile(z, c(.1, .25, .5, .9, 0, 1), type=7) */
	const double prob[] = { 0.1, 0.25, 0.5, 0.9, 0, 1 };
	const double want[] = { 6.8000000000000007, 8, 13,
				28.699999999999996, 4, 42 };
	double q;
	size_t i;

	(void)state;
	for (i = 0; i < LEN(prob); i++) {
		assert_int_equal(
		    iz_stats_quantile(&q, sz, LEN(sz), prob[i], &err), 0);
		assert_rel(q, want[i], REL);
	}
	assert_fails(iz_stats_quantile(&q, sz, LEN(sz), 1.5, &err), &err);
	assert_fails(iz_stats_quantile(&q, sz, 0, 0.5, &err), &err);
}

static void test_median_iqr_match_r(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	const double odd[] = { 3, 1, 2, 9, 7 };
	double v;

	(void)state;
	assert_int_equal(iz_stats_median(&v, sz, LEN(sz), &err), 0);
	assert_rel(v, 13, REL); /* R: median(z) */
	assert_int_equal(iz_stats_iqr(&v, sz, LEN(sz), &err), 0);
	assert_rel(v, 9.75, REL); /* R: IQR(z) */
	assert_int_equal(iz_stats_median(&v, odd, 5, &err), 0);
	assert_rel(v, 3, REL); /* R: median(c(3, 1, 2, 9, 7)) */
	assert_fails(iz_stats_iqr(&v, odd, 0, &err), &err);
}

static int setup(void **state)
{
	(void)state;
	iz_stats_init();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chi2_2x2_matches_r),
		cmocka_unit_test(test_chi2_2x2_cramers_v_matches_r),
		cmocka_unit_test(test_chi2_zero_row_is_left_out),
		cmocka_unit_test(test_chi2_small_expected_not_asymptotic),
		cmocka_unit_test(test_chi2_equal_proportions_gives_zero),
		cmocka_unit_test(test_chi2_bad_input_fails),
		cmocka_unit_test(test_chi2_monte_carlo_same_seed_same_p),
		cmocka_unit_test(test_chi2_monte_carlo_2x2_near_exact),
		cmocka_unit_test(test_chi2_monte_carlo_small_near_r),
		cmocka_unit_test(test_chi2_monte_carlo_large_near_asymptotic),
		cmocka_unit_test(test_chi2_monte_carlo_bad_input_fails),
		cmocka_unit_test(test_wilson_matches_r),
		cmocka_unit_test(test_clopper_pearson_matches_r),
		cmocka_unit_test(test_clopper_pearson_all_or_none_hits_bounds),
		cmocka_unit_test(test_proportion_ci_picks_method),
		cmocka_unit_test(test_proportion_bad_input_fails),
		cmocka_unit_test(test_holm_matches_r),
		cmocka_unit_test(test_bh_matches_r),
		cmocka_unit_test(test_adjust_caps_at_one_in_place),
		cmocka_unit_test(test_adjust_bad_input_fails),
		cmocka_unit_test(test_binom_test_matches_r),
		cmocka_unit_test(test_binom_test_edges_match_r),
		cmocka_unit_test(test_binom_test_bad_input_fails),
		cmocka_unit_test(test_pearson_matches_r),
		cmocka_unit_test(test_pearson_negative_matches_r),
		cmocka_unit_test(test_pearson_three_points_no_interval),
		cmocka_unit_test(test_pearson_perfect_line_p_zero),
		cmocka_unit_test(test_pearson_bad_input_fails),
		cmocka_unit_test(test_spearman_matches_r),
		cmocka_unit_test(test_spearman_ties_match_r),
		cmocka_unit_test(test_ols_matches_r),
		cmocka_unit_test(test_studentized_match_rstandard_rstudent),
		cmocka_unit_test(test_studentized_too_few_fails),
		cmocka_unit_test(test_ols_bad_input_fails),
		cmocka_unit_test(test_trend_matches_r),
		cmocka_unit_test(test_trend_flat_matches_r),
		cmocka_unit_test(test_zscores_match_r),
		cmocka_unit_test(test_zscores_constant_gives_nan),
		cmocka_unit_test(test_robust_z_matches_r),
		cmocka_unit_test(test_standing_equals_vector_scores),
		cmocka_unit_test(test_percentile_rank_counts_half_ties),
		cmocka_unit_test(test_quantile_type7_matches_r),
		cmocka_unit_test(test_median_iqr_match_r),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
