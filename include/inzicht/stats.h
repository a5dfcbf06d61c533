/*
 * Statistics for inzicht: contingency tables (Pearson's chi-square, Cramér's
 * V, adjusted residuals, a Monte-Carlo p-value), confidence intervals for
 * proportions, multiple-testing adjustment, the exact binomial test,
 * correlation, simple linear regression and scores. Every function computes
 * the same quantity as the R function named beside it; the unit tests hold
 * the R calls and their values.
 *
 * Conventions: inputs are borrowed and never changed; results go into
 * caller-owned structs or arrays; nothing here allocates memory the caller
 * must free. A function returns 0, or -1 with err (may be NULL) set to
 * IZ_EINPUT for bad input: n too small, a negative or non-finite value, a
 * probability outside its range, zero variance where it is divided by.
 * On failure the out-parameters are left unspecified.
 */
#ifndef INZICHT_STATS_H
#define INZICHT_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "inzicht/error.h"

/*
 * Turn off GSL's abort-on-error handler, so that every GSL failure reaches
 * the status checks in stats. main() calls it once before anything else.
 */
void iz_stats_init(void);

/* ---- contingency tables ---------------------------------------------- */

/*
 * Pearson's chi-square test of independence on an r x c table.
 * Rows and columns whose margin is zero carry no information: they are
 * left out of the expected counts, of df = (rows - 1)(cols - 1), of
 * Cramér's V and of the small-expected-count checks, which is what R's
 * chisq.test() computes on the table with those rows and columns deleted.
 */
struct iz_chi2 {
	size_t n;    /* grand total, rounded to a whole number */
	size_t rows; /* rows with a non-zero margin */
	size_t cols; /* columns with a non-zero margin */
	double chi2; /* sum (O - E)^2 / E, no continuity correction */
	double df;
	double p; /* upper tail of chi-square with df degrees of freedom */
	double cramers_v; /* sqrt(chi2 / (n (min(rows, cols) - 1))) */
	/* Bergsma (2013), J. Korean Stat. Soc. 42, 323-328; NAN when n is
	 * too small for the corrected table dimensions to exceed 1 */
	double cramers_v_corrected;
	double min_expected;
	double frac_expected_below_5; /* of the cells used, 0..1 */
	/* false when more than 20% of expected counts are below 5 or any
	 * is below 1 (Cochran's rule): use the Monte-Carlo p-value then */
	bool asymptotic_ok;
};

/*
 * Chi-square statistics of counts, r x c in row-major order (counts[i * c +
 * j] is row i, column j). Counts must be finite and >= 0 (they need not be
 * whole numbers); at least two rows and two columns must be non-empty.
 * stdres_out, when not NULL, receives r * c adjusted standardized residuals
 * (Haberman): (O - E) / sqrt(E (1 - row_i / n) (1 - col_j / n)), as R's
 * chisq.test(x)$stdres, and NAN in rows or columns with a zero margin.
 */
int iz_stats_chi2(struct iz_chi2 *out, double *stdres_out, const double *counts,
		  size_t r, size_t c, struct iz_error *err);

/*
 * Monte-Carlo p-value of Pearson's chi-square given both margins, as R's
 * chisq.test(x, simulate.p.value = TRUE, B = reps): reps tables are drawn
 * with Patefield's algorithm (AS 159, R's r2dtable) from GSL's MT19937
 * seeded with seed, and p = (1 + #{sim >= obs (1 - 64 DBL_EPSILON)}) /
 * (reps + 1). The same seed gives the same p. Counts must be whole numbers
 * >= 0 with a total below 2^31; zero rows and columns are dropped as in
 * iz_stats_chi2(); reps >= 1.
 */
int iz_stats_chi2_monte_carlo(double *p_out, const double *counts, size_t r,
			      size_t c, size_t reps, unsigned long seed,
			      struct iz_error *err);

/* ---- proportions ------------------------------------------------------ */

/*
 * Wilson score interval for x successes out of n at confidence conf, in
 * (0, 1): centre (x + z^2/2) / (n + z^2), half-width z / (n + z^2) *
 * sqrt(x (n - x) / n + z^2 / 4), without continuity correction (R's
 * prop.test(correct = FALSE)$conf.int). Needs 0 <= x <= n, n > 0.
 */
int iz_stats_wilson(double *lo, double *hi, double x, double n, double conf,
		    struct iz_error *err);

/*
 * Clopper-Pearson exact interval from beta quantiles, as R's binom.test(x,
 * n, conf.level = conf)$conf.int; lo is 0 when x = 0 and hi is 1 when x = n.
 */
int iz_stats_clopper_pearson(double *lo, double *hi, double x, double n,
			     double conf, struct iz_error *err);

/*
 * The interval inzicht reports: Clopper-Pearson when n < 30, x = 0 or x = n,
 * Wilson otherwise. *method_out is set to the static string "wilson" or
 * "clopper-pearson".
 */
int iz_stats_proportion_ci(double *lo, double *hi, const char **method_out,
			   double x, double n, double conf,
			   struct iz_error *err);

/* ---- multiple testing ------------------------------------------------- */

/*
 * Holm's step-down adjustment of n p-values (each in [0, 1]), as R's
 * p.adjust(p, "holm"). adj receives n values and may be the array p.
 */
int iz_stats_holm(double *adj, const double *p, size_t n, struct iz_error *err);

/* Benjamini-Hochberg, as R's p.adjust(p, "BH"); adj may be p. */
int iz_stats_bh(double *adj, const double *p, size_t n, struct iz_error *err);

/* ---- binomial test ---------------------------------------------------- */

/*
 * Exact two-sided binomial test of x successes in n trials against
 * probability p, as R's binom.test(x, n, p)$p.value: the sum of the
 * probabilities of all outcomes no more likely than x (with relative
 * tolerance 1e-7). x and n are whole numbers, 0 <= x <= n < 2^32, n > 0,
 * 0 <= p <= 1.
 */
int iz_stats_binom_test(double *p_out, double x, double n, double p,
			struct iz_error *err);

/* ---- correlation and regression --------------------------------------- */

struct iz_corr {
	size_t n;
	double r;      /* Pearson's r, or Spearman's rho */
	double lo, hi; /* 95% interval; NAN where none is defined */
	double p;      /* two-sided, t with n - 2 df */
};

/*
 * Pearson correlation, as R's cor.test(x, y): r, the Fisher-z 95% interval
 * tanh(atanh(r) +- z_0.975 / sqrt(n - 3)) (NAN when n = 3) and the p-value
 * of t = r sqrt((n - 2) / (1 - r^2)). Needs n >= 3; an x or y with zero
 * variance is an error (R returns NA).
 */
int iz_stats_pearson(struct iz_corr *out, const double *x, const double *y,
		     size_t n, struct iz_error *err);

/*
 * Spearman's rho: Pearson's r of the ranks, ties given their average rank,
 * and the p-value of the same t approximation, as R's cor.test(x, y,
 * method = "spearman", exact = FALSE) and scipy.stats.spearmanr. lo and hi
 * are NAN. Needs n >= 3 and ranks that vary.
 */
int iz_stats_spearman(struct iz_corr *out, const double *x, const double *y,
		      size_t n, struct iz_error *err);

/* Least squares line y = intercept + slope x, as R's summary(lm(y ~ x)). */
struct iz_ols {
	size_t n;
	double slope, intercept;
	double slope_se, intercept_se;
	double r2;    /* NAN when y has zero variance */
	double sigma; /* residual standard error, n - 2 df */
};

/* Fit y on x (gsl_fit_linear). Needs n >= 3 and x that varies. */
int iz_stats_ols(struct iz_ols *out, const double *x, const double *y, size_t n,
		 struct iz_error *err);

/*
 * Studentized residuals of the fit of y on x, each array of n values and
 * either may be NULL. internal_out: e_i / (s sqrt(1 - h_ii)), R's
 * rstandard(lm(y ~ x)). external_out: the same with s estimated without
 * point i, R's rstudent(lm(y ~ x)); it needs n >= 4. A point with leverage
 * 1, or a fit without residual variance, gets NAN.
 */
int iz_stats_studentized(double *internal_out, double *external_out,
			 const double *x, const double *y, size_t n,
			 struct iz_error *err);

/* Linear trend of y over time t: the slope row of summary(lm(y ~ t)). */
struct iz_trend {
	size_t n;
	double slope, se;
	double p; /* two-sided, t with n - 2 df; NAN when y is constant */
};

/* Needs n >= 3 and t that varies. */
int iz_stats_trend(struct iz_trend *out, const double *t, const double *y,
		   size_t n, struct iz_error *err);

/* ---- scores and summaries --------------------------------------------- */

/*
 * (x - mean) / sd with the n - 1 standard deviation, as R's scale(x); needs
 * n >= 2; every score is NAN when sd = 0.
 */
int iz_stats_zscores(double *out, const double *x, size_t n,
		     struct iz_error *err);

/*
 * (x - median) / mad, mad = 1.4826 median |x - median| as R's mad(x); every
 * score is NAN when mad = 0. Needs n >= 1.
 */
int iz_stats_robust_z(double *out, const double *x, size_t n,
		      struct iz_error *err);

/*
 * Percentile rank of each x[i] within x, 0..100: the percentage of values
 * strictly below it plus half the percentage equal to it (itself included),
 * as scipy.stats.percentileofscore(x, x[i], kind = "mean").
 */
int iz_stats_percentile_rank(double *out, const double *x, size_t n,
			     struct iz_error *err);

/* Where one value stands among its sample (iz_stats_standing). */
struct iz_standing {
	double z;          /* NAN when n < 2 or sd = 0 */
	double robust_z;   /* NAN when mad = 0 */
	double percentile; /* 0..100 */
};

/*
 * The z-score, robust z-score and percentile rank of x[at] within x, each
 * the number iz_stats_zscores, iz_stats_robust_z and
 * iz_stats_percentile_rank give for it, without scoring the others and
 * with one sort for the two that need one. Needs n >= 1, at < n.
 */
int iz_stats_standing(struct iz_standing *out, const double *x, size_t n,
		      size_t at, struct iz_error *err);

/*
 * The prob quantile of x, prob in [0, 1], by linear interpolation between
 * order statistics: R's quantile(x, prob, type = 7), its default.
 */
int iz_stats_quantile(double *out, const double *x, size_t n, double prob,
		      struct iz_error *err);

/* median(x) and IQR(x) (type 7) as in R; need n >= 1. */
int iz_stats_median(double *out, const double *x, size_t n,
		    struct iz_error *err);
int iz_stats_iqr(double *out, const double *x, size_t n, struct iz_error *err);

#endif
