/*
 * The statistics behind inzicht's reports, on top of GSL: distribution
 * functions from gsl_cdf, moments and quantiles from gsl_statistics, the
 * least-squares line from gsl_fit, random tables from gsl_rng. Each result
 * matches the R function named in stats.h. GSL's error handler is off (see
 * iz_stats_init), so every GSL status and every returned double is checked
 * here and turned into an IZ_EINPUT error.
 */
#include "inzicht/stats.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* NAN is a float; this keeps -Wdouble-promotion quiet in conditionals. */
#define NOT_A_NUMBER ((double)NAN)

void iz_stats_init(void)
{
	gsl_set_error_handler_off();
}

/* ---- input checks ----------------------------------------------------- */

static int check_finite(const double *x, size_t n, const char *name,
			struct iz_error *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isfinite(x[i]))
			return iz_fail(err, IZ_EINPUT,
				       "non-finite value in '%s' at index %zu",
				       name, i);
	}
	return 0;
}

static int need_points(size_t n, size_t min, const char *what,
		       struct iz_error *err)
{
	if (n >= min)
		return 0;
	return iz_fail(err, IZ_EINPUT,
		       "too few points for %s: n = %zu, need at least %zu",
		       what, n, min);
}

static int check_sample(const double *x, size_t n, size_t min, const char *what,
			struct iz_error *err)
{
	if (need_points(n, min, what, err) < 0)
		return -1;
	return check_finite(x, n, "x", err);
}

static int check_pair(const double *x, const double *y, size_t n, size_t min,
		      const char *what, struct iz_error *err)
{
	if (need_points(n, min, what, err) < 0 ||
	    check_finite(x, n, "x", err) < 0 ||
	    check_finite(y, n, "y", err) < 0)
		return -1;
	return 0;
}

/* A double from a GSL function that reports failure as NaN or Inf. */
static int gsl_value(double v, const char *what, struct iz_error *err)
{
	if (isfinite(v))
		return 0;
	return iz_fail(err, IZ_EINPUT, "cannot compute %s: GSL returned %g",
		       what, v);
}

static double *sorted_copy(const double *x, size_t n)
{
	double *s = iz_xmalloc(n * sizeof(*s));

	memcpy(s, x, n * sizeof(*s));
	gsl_sort(s, 1, n);
	return s;
}

/* ---- contingency tables ----------------------------------------------- */

/* The margins of a table and how many rows and columns are non-empty. */
struct margins {
	double *row, *col;
	double total;
	size_t rows, cols;
};

static int check_table(const double *counts, size_t r, size_t c,
		       struct iz_error *err)
{
	size_t i;

	if (r == 0 || c == 0)
		return iz_fail(err, IZ_EINPUT, "empty table: %zu x %zu", r, c);
	for (i = 0; i < r * c; i++) {
		if (!isfinite(counts[i]) || counts[i] < 0)
			return iz_fail(err, IZ_EINPUT,
				       "bad count %g at row %zu, column %zu",
				       counts[i], i / c + 1, i % c + 1);
	}
	return 0;
}

static void margins_release(struct margins *mg)
{
	free(mg->row);
	free(mg->col);
}

/* Sum the margins; fails unless two rows and two columns are non-empty. */
static int margins_init(struct margins *mg, const double *counts, size_t r,
			size_t c, struct iz_error *err)
{
	size_t i, j;

	mg->row = iz_xcalloc(r, sizeof(double));
	mg->col = iz_xcalloc(c, sizeof(double));
	mg->total = 0;
	mg->rows = mg->cols = 0;
	for (i = 0; i < r; i++) {
		for (j = 0; j < c; j++) {
			mg->row[i] += counts[i * c + j];
			mg->col[j] += counts[i * c + j];
		}
		mg->total += mg->row[i];
		mg->rows += mg->row[i] > 0;
	}
	for (j = 0; j < c; j++)
		mg->cols += mg->col[j] > 0;
	if (mg->rows >= 2 && mg->cols >= 2)
		return 0;
	margins_release(mg);
	return iz_fail(err, IZ_EINPUT,
		       "too few non-empty rows or columns in table: %zu x %zu, "
		       "need 2 x 2",
		       mg->rows, mg->cols);
}

/* Cramér's V and Bergsma's bias-corrected V from chi2, n and the shape. */
static void cramers_v(struct iz_chi2 *out, double n)
{
	double k = (double)out->rows, m = (double)out->cols;
	double phi2 = out->chi2 / n, phi2c, kc, mc, d;

	out->cramers_v = sqrt(phi2 / (fmin(k, m) - 1));
	out->cramers_v_corrected = NOT_A_NUMBER;
	if (n <= 1)
		return;
	phi2c = fmax(0, phi2 - (k - 1) * (m - 1) / (n - 1));
	kc = k - (k - 1) * (k - 1) / (n - 1);
	mc = m - (m - 1) * (m - 1) / (n - 1);
	d = fmin(kc, mc) - 1;
	if (d > 0)
		out->cramers_v_corrected = sqrt(phi2c / d);
}

/* chi2 and the expected-count checks over the cells of non-empty margins. */
static void chi2_sum(struct iz_chi2 *out, const struct margins *mg,
		     const double *counts, size_t r, size_t c)
{
	size_t i, j, below5 = 0;
	double e, d;

	out->chi2 = 0;
	out->min_expected = INFINITY;
	for (i = 0; i < r; i++) {
		for (j = 0; j < c; j++) {
			if (mg->row[i] == 0 || mg->col[j] == 0)
				continue;
			e = mg->row[i] * mg->col[j] / mg->total;
			d = counts[i * c + j] - e;
			out->chi2 += d * d / e;
			out->min_expected = fmin(out->min_expected, e);
			below5 += e < 5;
		}
	}
	out->frac_expected_below_5 =
	    (double)below5 / (double)(mg->rows * mg->cols);
	out->asymptotic_ok =
	    out->frac_expected_below_5 <= 0.2 && out->min_expected >= 1;
}

static void adjusted_residuals(double *res, const struct margins *mg,
			       const double *counts, size_t r, size_t c)
{
	size_t i, j;
	double e, v;

	for (i = 0; i < r; i++) {
		for (j = 0; j < c; j++) {
			if (mg->row[i] == 0 || mg->col[j] == 0) {
				res[i * c + j] = NOT_A_NUMBER;
				continue;
			}
			e = mg->row[i] * mg->col[j] / mg->total;
			v = e * (1 - mg->row[i] / mg->total) *
			    (1 - mg->col[j] / mg->total);
			res[i * c + j] = (counts[i * c + j] - e) / sqrt(v);
		}
	}
}

int iz_stats_chi2(struct iz_chi2 *out, double *stdres_out, const double *counts,
		  size_t r, size_t c, struct iz_error *err)
{
	struct margins mg;
	int rc;

	if (check_table(counts, r, c, err) < 0 ||
	    margins_init(&mg, counts, r, c, err) < 0)
		return -1;
	out->n = (size_t)llround(mg.total);
	out->rows = mg.rows;
	out->cols = mg.cols;
	out->df = (double)((mg.rows - 1) * (mg.cols - 1));
	chi2_sum(out, &mg, counts, r, c);
	out->p = gsl_cdf_chisq_Q(out->chi2, out->df);
	rc = gsl_value(out->p, "chi-square p-value", err);
	cramers_v(out, mg.total);
	if (rc == 0 && stdres_out)
		adjusted_residuals(stdres_out, &mg, counts, r, c);
	margins_release(&mg);
	return rc;
}

/* ---- Monte-Carlo chi-square ------------------------------------------- */

/* The table with its empty rows and columns removed, in whole numbers. */
struct table {
	size_t r, c;
	unsigned *cell, *row, *col;
	unsigned total;
	double *expected;
};

static void table_release(struct table *t)
{
	free(t->cell);
	free(t->row);
	free(t->col);
	free(t->expected);
}

static int check_whole(const double *counts, size_t r, size_t c,
		       struct iz_error *err)
{
	double total = 0;
	size_t i;

	for (i = 0; i < r * c; i++) {
		if (counts[i] != floor(counts[i]))
			return iz_fail(err, IZ_EINPUT,
				       "count %g at row %zu, column %zu is not "
				       "a whole number",
				       counts[i], i / c + 1, i % c + 1);
		total += counts[i];
	}
	if (total >= 2147483648.0)
		return iz_fail(err, IZ_EINPUT,
			       "table total %g too large for simulation",
			       total);
	return 0;
}

/* Copy the non-empty rows and columns of counts into t. */
static void table_init(struct table *t, const double *counts, size_t r,
		       size_t c, const struct margins *mg)
{
	size_t i, j, k = 0;

	t->r = mg->rows;
	t->c = mg->cols;
	t->total = (unsigned)mg->total;
	t->cell = iz_xmalloc(t->r * t->c * sizeof(unsigned));
	t->row = iz_xcalloc(t->r, sizeof(unsigned));
	t->col = iz_xcalloc(t->c, sizeof(unsigned));
	t->expected = iz_xmalloc(t->r * t->c * sizeof(double));
	for (i = 0; i < r; i++) {
		for (j = 0; j < c; j++) {
			if (mg->row[i] > 0 && mg->col[j] > 0)
				t->cell[k++] = (unsigned)counts[i * c + j];
		}
	}
	for (i = 0; i < t->r; i++) {
		for (j = 0; j < t->c; j++) {
			t->row[i] += t->cell[i * t->c + j];
			t->col[j] += t->cell[i * t->c + j];
		}
	}
	for (k = 0; k < t->r * t->c; k++)
		t->expected[k] =
		    (double)t->row[k / t->c] * t->col[k % t->c] / t->total;
}

static double chi2_term(unsigned o, double e)
{
	double d = o - e;

	return d * d / e;
}

/*
 * One cell of Patefield's algorithm: with ia still to place in this row, id
 * still open in this column and ie left in the rows and columns not yet
 * filled, the cell is hypergeometric on [lo, hi].
 */
struct cell {
	unsigned ia, id, ie, lo, hi, mode;
	double p0; /* probability of mode */
};

/* P(k + 1) / P(k) and P(k - 1) / P(k) of the cell's distribution. */
static double ratio_up(const struct cell *cl, unsigned k)
{
	return (double)(cl->id - k) * (cl->ia - k) /
	       ((double)(k + 1) * (cl->ie - cl->ia - cl->id + k + 1));
}

static double ratio_down(const struct cell *cl, unsigned k)
{
	return (double)k * (cl->ie - cl->ia - cl->id + k) /
	       ((double)(cl->id - k + 1) * (cl->ia - k + 1));
}

/*
 * Like AS 159, invert the distribution starting from the rounded mean and
 * walking outwards, one step up, one step down. Returns the outcome where
 * the summed probability reaches u, or UINT_MAX with *sum the whole sum
 * when rounding leaves it short of u.
 */
static unsigned invert_from_mode(const struct cell *cl, double u, double *sum)
{
	unsigned up, down;
	double pu, pd;

	up = down = cl->mode;
	pu = pd = *sum = cl->p0;
	if (*sum >= u)
		return cl->mode;
	while (up < cl->hi || down > cl->lo) {
		if (up < cl->hi) {
			pu *= ratio_up(cl, up++);
			*sum += pu;
			if (*sum >= u)
				return up;
		}
		if (down > cl->lo) {
			pd *= ratio_down(cl, down--);
			*sum += pd;
			if (*sum >= u)
				return down;
		}
	}
	return UINT_MAX;
}

static unsigned draw_cell(gsl_rng *rng, unsigned ia, unsigned id, unsigned ie)
{
	struct cell cl = { .ia = ia, .id = id, .ie = ie };
	double sum, u = gsl_rng_uniform(rng);
	unsigned k;

	cl.lo = ia + id > ie ? ia + id - ie : 0;
	cl.hi = ia < id ? ia : id;
	cl.mode = (unsigned)((double)ia * ((double)id / ie) + 0.5);
	cl.p0 = gsl_ran_hypergeometric_pdf(cl.mode, id, ie - id, ia);
	/* When short, draw again within what was summed, as AS 159 does. */
	while ((k = invert_from_mode(&cl, u, &sum)) == UINT_MAX)
		u = sum * gsl_rng_uniform(rng);
	return k;
}

/*
 * Draw a table with t's margins, row by row, and return its chi2; colrem
 * (t->c values) is scratch space.
 */
static double simulated_chi2(const struct table *t, gsl_rng *rng,
			     unsigned *colrem)
{
	unsigned left = t->total, ia, ie, v;
	size_t l, m, c = t->c, last = t->r - 1;
	double chi2 = 0;

	memcpy(colrem, t->col, c * sizeof(*colrem));
	for (l = 0; l < last; l++) {
		ia = t->row[l];
		ie = left;
		left -= ia;
		for (m = 0; m + 1 < c; m++) {
			v = ia ? draw_cell(rng, ia, colrem[m], ie) : 0;
			ie -= colrem[m];
			ia -= v;
			colrem[m] -= v;
			chi2 += chi2_term(v, t->expected[l * c + m]);
		}
		colrem[c - 1] -= ia;
		chi2 += chi2_term(ia, t->expected[l * c + c - 1]);
	}
	for (m = 0; m < c; m++)
		chi2 += chi2_term(colrem[m], t->expected[last * c + m]);
	return chi2;
}

/* The fraction of reps simulated tables at least as extreme, as R does. */
static int simulate(double *p_out, const struct table *t, size_t reps,
		    unsigned long seed, struct iz_error *err)
{
	const double almost1 = 1 - 64 * DBL_EPSILON;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	unsigned *colrem;
	double obs = 0;
	size_t k, hits = 0;

	if (!rng)
		return iz_fail(err, IZ_EINPUT,
			       "cannot allocate the random number generator");
	gsl_rng_set(rng, seed);
	for (k = 0; k < t->r * t->c; k++)
		obs += chi2_term(t->cell[k], t->expected[k]);
	colrem = iz_xmalloc(t->c * sizeof(*colrem));
	for (k = 0; k < reps; k++)
		hits += simulated_chi2(t, rng, colrem) >= almost1 * obs;
	free(colrem);
	gsl_rng_free(rng);
	*p_out = (double)(hits + 1) / ((double)reps + 1);
	return 0;
}

int iz_stats_chi2_monte_carlo(double *p_out, const double *counts, size_t r,
			      size_t c, size_t reps, unsigned long seed,
			      struct iz_error *err)
{
	struct margins mg;
	struct table t;
	int rc;

	if (reps == 0)
		return iz_fail(err, IZ_EINPUT, "no Monte-Carlo replicates");
	if (check_table(counts, r, c, err) < 0 ||
	    check_whole(counts, r, c, err) < 0 ||
	    margins_init(&mg, counts, r, c, err) < 0)
		return -1;
	table_init(&t, counts, r, c, &mg);
	margins_release(&mg);
	rc = simulate(p_out, &t, reps, seed, err);
	table_release(&t);
	return rc;
}

/* ---- proportions ------------------------------------------------------ */

static int check_proportion(double x, double n, double conf,
			    struct iz_error *err)
{
	if (!isfinite(x) || !isfinite(n) || !(n > 0) || x < 0 || x > n)
		return iz_fail(err, IZ_EINPUT,
			       "bad proportion %g out of %g: need 0 <= x <= n, "
			       "n > 0",
			       x, n);
	if (!(conf > 0 && conf < 1))
		return iz_fail(err, IZ_EINPUT,
			       "confidence level %g not between 0 and 1", conf);
	return 0;
}

int iz_stats_wilson(double *lo, double *hi, double x, double n, double conf,
		    struct iz_error *err)
{
	double z, z2, centre, half;

	if (check_proportion(x, n, conf, err) < 0)
		return -1;
	z = gsl_cdf_ugaussian_Pinv(1 - (1 - conf) / 2);
	if (gsl_value(z, "normal quantile", err) < 0)
		return -1;
	z2 = z * z;
	centre = (x + z2 / 2) / (n + z2);
	half = z / (n + z2) * sqrt(x * (n - x) / n + z2 / 4);
	*lo = fmax(0, centre - half);
	*hi = fmin(1, centre + half);
	return 0;
}

int iz_stats_clopper_pearson(double *lo, double *hi, double x, double n,
			     double conf, struct iz_error *err)
{
	double alpha = 1 - conf;

	if (check_proportion(x, n, conf, err) < 0)
		return -1;
	*lo = x == 0 ? 0 : gsl_cdf_beta_Pinv(alpha / 2, x, n - x + 1);
	*hi = x == n ? 1 : gsl_cdf_beta_Pinv(1 - alpha / 2, x + 1, n - x);
	if (gsl_value(*lo, "beta quantile", err) < 0 ||
	    gsl_value(*hi, "beta quantile", err) < 0)
		return -1;
	return 0;
}

int iz_stats_proportion_ci(double *lo, double *hi, const char **method_out,
			   double x, double n, double conf,
			   struct iz_error *err)
{
	if (n < 30 || x == 0 || x == n) {
		*method_out = "clopper-pearson";
		return iz_stats_clopper_pearson(lo, hi, x, n, conf, err);
	}
	*method_out = "wilson";
	return iz_stats_wilson(lo, hi, x, n, conf, err);
}

/* ---- multiple testing ------------------------------------------------- */

/* Check p-values and return their order, smallest first (caller frees). */
static size_t *p_order(const double *p, size_t n, struct iz_error *err)
{
	size_t i, *o;

	if (need_points(n, 1, "p-value adjustment", err) < 0)
		return NULL;
	for (i = 0; i < n; i++) {
		if (!(p[i] >= 0 && p[i] <= 1)) {
			iz_fail(err, IZ_EINPUT,
				"p-value %g at index %zu not in [0, 1]", p[i],
				i);
			return NULL;
		}
	}
	o = iz_xmalloc(n * sizeof(*o));
	gsl_sort_index(o, p, 1, n);
	return o;
}

int iz_stats_holm(double *adj, const double *p, size_t n, struct iz_error *err)
{
	size_t i, *o = p_order(p, n, err);
	double run = 0;

	if (!o)
		return -1;
	for (i = 0; i < n; i++) {
		run = fmax(run, (double)(n - i) * p[o[i]]);
		adj[o[i]] = fmin(1, run);
	}
	free(o);
	return 0;
}

int iz_stats_bh(double *adj, const double *p, size_t n, struct iz_error *err)
{
	size_t i, *o = p_order(p, n, err);
	double run = 1;

	if (!o)
		return -1;
	for (i = n; i-- > 0;) {
		run = fmin(run, (double)n / (double)(i + 1) * p[o[i]]);
		adj[o[i]] = run;
	}
	free(o);
	return 0;
}

/* ---- binomial test ---------------------------------------------------- */

static double dbinom(unsigned k, double p, unsigned n)
{
	return gsl_ran_binomial_pdf(k, p, n);
}

/*
 * Tail opposite x when x is below the mean: outcomes in [from, n] with
 * probability <= d. The density falls on that range, so bisect for the
 * first such outcome and return P(X >= it).
 */
static double upper_tail(unsigned from, unsigned n, double p, double d)
{
	unsigned lo = from, hi = n + 1, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (dbinom(mid, p, n) <= d)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo > n ? 0 : (lo == 0 ? 1 : gsl_cdf_binomial_Q(lo - 1, p, n));
}

/* The mirror image for x above the mean: outcomes in [0, to]. */
static double lower_tail(unsigned to, unsigned n, double p, double d)
{
	unsigned lo = 0, hi = to + 1, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (dbinom(mid, p, n) <= d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? 0 : gsl_cdf_binomial_P(lo - 1, p, n);
}

static int check_binom(double x, double n, double p, struct iz_error *err)
{
	if (!(n >= 1 && n < 4294967296.0 && n == floor(n)) ||
	    !(x >= 0 && x <= n && x == floor(x)))
		return iz_fail(err, IZ_EINPUT,
			       "bad binomial count %g out of %g: need whole "
			       "numbers 0 <= x <= n, n > 0",
			       x, n);
	if (!(p >= 0 && p <= 1))
		return iz_fail(err, IZ_EINPUT,
			       "binomial probability %g not in [0, 1]", p);
	return 0;
}

int iz_stats_binom_test(double *p_out, double x, double n, double p,
			struct iz_error *err)
{
	unsigned k = (unsigned)x, size = (unsigned)n;
	double m = n * p, d, pv;

	if (check_binom(x, n, p, err) < 0)
		return -1;
	/* Degenerate p: only one outcome is possible. */
	if (p == 0 || p == 1) {
		*p_out = k == (p == 0 ? 0 : size) ? 1 : 0;
		return 0;
	}
	if (x == m) {
		*p_out = 1;
		return 0;
	}
	d = dbinom(k, p, size) * (1 + 1e-7);
	if (x < m)
		pv = gsl_cdf_binomial_P(k, p, size) +
		     upper_tail((unsigned)ceil(m), size, p, d);
	else
		pv = lower_tail((unsigned)floor(m), size, p, d) +
		     (k == 0 ? 1 : gsl_cdf_binomial_Q(k - 1, p, size));
	if (gsl_value(pv, "binomial p-value", err) < 0)
		return -1;
	*p_out = fmin(1, pv);
	return 0;
}

/* ---- correlation and regression --------------------------------------- */

/* Two-sided p-value of Student's t with df degrees of freedom. */
static double t_two_sided(double t, double df)
{
	if (isinf(t))
		return 0;
	return 2 * gsl_cdf_tdist_Q(fabs(t), df);
}

static int check_varies(const double *x, size_t n, const char *name,
			struct iz_error *err)
{
	size_t i;

	for (i = 1; i < n; i++) {
		if (x[i] != x[0])
			return 0;
	}
	return iz_fail(err, IZ_EINPUT, "zero variance in '%s'", name);
}

/* r of x and y, then its t-test p-value; lo and hi are left to callers. */
static int correlate(struct iz_corr *out, const double *x, const double *y,
		     size_t n, struct iz_error *err)
{
	double df = (double)n - 2, t;

	if (check_varies(x, n, "x", err) < 0 ||
	    check_varies(y, n, "y", err) < 0)
		return -1;
	out->n = n;
	out->r = fmax(-1, fmin(1, gsl_stats_correlation(x, 1, y, 1, n)));
	if (gsl_value(out->r, "correlation", err) < 0)
		return -1;
	t = out->r * sqrt(df / (1 - out->r * out->r));
	out->p = t_two_sided(t, df);
	out->lo = out->hi = NOT_A_NUMBER;
	return gsl_value(out->p, "t p-value", err);
}

int iz_stats_pearson(struct iz_corr *out, const double *x, const double *y,
		     size_t n, struct iz_error *err)
{
	double z, half;

	if (check_pair(x, y, n, 3, "correlation", err) < 0 ||
	    correlate(out, x, y, n, err) < 0)
		return -1;
	if (n < 4)
		return 0;
	half = gsl_cdf_ugaussian_Pinv(0.975) / sqrt((double)n - 3);
	if (gsl_value(half, "normal quantile", err) < 0)
		return -1;
	z = atanh(out->r);
	out->lo = tanh(z - half);
	out->hi = tanh(z + half);
	return 0;
}

/* Ranks 1..n of x, ties given the mean of the ranks they span. */
static void average_ranks(double *rank, const double *x, size_t n)
{
	size_t *o = iz_xmalloc(n * sizeof(*o));
	size_t i, j, k;

	gsl_sort_index(o, x, 1, n);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && x[o[j]] == x[o[i]]; j++)
			;
		for (k = i; k < j; k++)
			rank[o[k]] = (double)(i + j + 1) / 2;
	}
	free(o);
}

int iz_stats_spearman(struct iz_corr *out, const double *x, const double *y,
		      size_t n, struct iz_error *err)
{
	double *rx, *ry;
	int rc;

	if (check_pair(x, y, n, 3, "correlation", err) < 0)
		return -1;
	rx = iz_xmalloc(n * sizeof(*rx));
	ry = iz_xmalloc(n * sizeof(*ry));
	average_ranks(rx, x, n);
	average_ranks(ry, y, n);
	rc = correlate(out, rx, ry, n, err);
	free(ry);
	free(rx);
	return rc;
}

int iz_stats_ols(struct iz_ols *out, const double *x, const double *y, size_t n,
		 struct iz_error *err)
{
	double c0, c1, cov00, cov01, cov11, sumsq, tss;

	if (check_pair(x, y, n, 3, "regression", err) < 0 ||
	    check_varies(x, n, "x", err) < 0)
		return -1;
	if (gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11,
			   &sumsq) != GSL_SUCCESS)
		return iz_fail(err, IZ_EINPUT, "linear fit failed");
	tss = gsl_stats_tss(y, 1, n);
	out->n = n;
	out->intercept = c0;
	out->slope = c1;
	out->intercept_se = sqrt(cov00);
	out->slope_se = sqrt(cov11);
	out->sigma = sqrt(sumsq / ((double)n - 2));
	out->r2 = tss > 0 ? 1 - sumsq / tss : NOT_A_NUMBER;
	return 0;
}

/* Leverage of point i in a simple regression on x. */
static double leverage(double xi, double mean, double sxx, size_t n)
{
	return 1 / (double)n + (xi - mean) * (xi - mean) / sxx;
}

/* Residual i over its standard error, both studentizations. */
static void studentize(double *in, double *ex, double e, double h,
		       const struct iz_ols *fit)
{
	double n = (double)fit->n, s2 = fit->sigma * fit->sigma, s2i;
	bool ok = 1 - h > 1e-12 && s2 > 0;

	if (in)
		*in = ok ? e / (fit->sigma * sqrt(1 - h)) : NOT_A_NUMBER;
	if (!ex)
		return;
	/* s^2 without point i: drop its squared deleted residual. */
	s2i = ok ? ((n - 2) * s2 - e * e / (1 - h)) / (n - 3) : NOT_A_NUMBER;
	*ex = ok && s2i > 0 ? e / sqrt(s2i * (1 - h)) : NOT_A_NUMBER;
}

int iz_stats_studentized(double *internal_out, double *external_out,
			 const double *x, const double *y, size_t n,
			 struct iz_error *err)
{
	struct iz_ols fit;
	double mean, sxx, e;
	size_t i;

	if (external_out && need_points(n, 4, "rstudent", err) < 0)
		return -1;
	if (iz_stats_ols(&fit, x, y, n, err) < 0)
		return -1;
	mean = gsl_stats_mean(x, 1, n);
	sxx = gsl_stats_tss_m(x, 1, n, mean);
	for (i = 0; i < n; i++) {
		e = y[i] - (fit.intercept + fit.slope * x[i]);
		studentize(internal_out ? internal_out + i : NULL,
			   external_out ? external_out + i : NULL, e,
			   leverage(x[i], mean, sxx, n), &fit);
	}
	return 0;
}

int iz_stats_trend(struct iz_trend *out, const double *t, const double *y,
		   size_t n, struct iz_error *err)
{
	struct iz_ols fit;

	if (iz_stats_ols(&fit, t, y, n, err) < 0)
		return -1;
	out->n = n;
	out->slope = fit.slope;
	out->se = fit.slope_se;
	if (!(out->se > 0)) {
		/* A perfect fit: significant unless y is constant. */
		out->p = fit.slope != 0 ? 0 : NOT_A_NUMBER;
		return 0;
	}
	out->p = t_two_sided(fit.slope / fit.slope_se, (double)n - 2);
	return gsl_value(out->p, "t p-value", err);
}

/* ---- scores and summaries --------------------------------------------- */

int iz_stats_zscores(double *out, const double *x, size_t n,
		     struct iz_error *err)
{
	double mean, sd;
	size_t i;

	if (check_sample(x, n, 2, "z-scores", err) < 0)
		return -1;
	mean = gsl_stats_mean(x, 1, n);
	sd = gsl_stats_sd_m(x, 1, n, mean);
	for (i = 0; i < n; i++)
		out[i] = sd > 0 ? (x[i] - mean) / sd : NOT_A_NUMBER;
	return 0;
}

int iz_stats_robust_z(double *out, const double *x, size_t n,
		      struct iz_error *err)
{
	double *s, *work, med, mad;
	size_t i;

	if (check_sample(x, n, 1, "robust z-scores", err) < 0)
		return -1;
	s = sorted_copy(x, n);
	work = iz_xmalloc(n * sizeof(*work));
	med = gsl_stats_median_from_sorted_data(s, 1, n);
	mad = 1.4826 * gsl_stats_mad0(s, 1, n, work);
	for (i = 0; i < n; i++)
		out[i] = mad > 0 ? (x[i] - med) / mad : NOT_A_NUMBER;
	free(work);
	free(s);
	return 0;
}

/* How many of the n sorted values are below v (or <= v when or_equal). */
static size_t count_below(const double *s, size_t n, double v, bool or_equal)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s[mid] < v || (or_equal && s[mid] == v))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int iz_stats_percentile_rank(double *out, const double *x, size_t n,
			     struct iz_error *err)
{
	double *s;
	size_t i, below, upto;

	if (check_sample(x, n, 1, "percentile ranks", err) < 0)
		return -1;
	s = sorted_copy(x, n);
	for (i = 0; i < n; i++) {
		below = count_below(s, n, x[i], false);
		upto = count_below(s, n, x[i], true);
		out[i] = 50.0 * (double)(below + upto) / (double)n;
	}
	free(s);
	return 0;
}

int iz_stats_standing(struct iz_standing *out, const double *x, size_t n,
		      size_t at, struct iz_error *err)
{
	double *s, *work, mean, sd, med, mad;
	size_t below, upto;

	out->z = out->robust_z = out->percentile = NOT_A_NUMBER;
	if (check_sample(x, n, 1, "standing", err) < 0)
		return -1;
	if (at >= n)
		return iz_fail(err, IZ_EINPUT, "standing of value %zu of %zu",
			       at + 1, n);
	if (n >= 2) {
		mean = gsl_stats_mean(x, 1, n);
		sd = gsl_stats_sd_m(x, 1, n, mean);
		out->z = sd > 0 ? (x[at] - mean) / sd : NOT_A_NUMBER;
	}
	s = sorted_copy(x, n);
	work = iz_xmalloc(n * sizeof(*work));
	med = gsl_stats_median_from_sorted_data(s, 1, n);
	mad = 1.4826 * gsl_stats_mad0(s, 1, n, work);
	out->robust_z = mad > 0 ? (x[at] - med) / mad : NOT_A_NUMBER;
	below = count_below(s, n, x[at], false);
	upto = count_below(s, n, x[at], true);
	out->percentile = 50.0 * (double)(below + upto) / (double)n;
	free(work);
	free(s);
	return 0;
}

int iz_stats_quantile(double *out, const double *x, size_t n, double prob,
		      struct iz_error *err)
{
	double *s;

	if (!(prob >= 0 && prob <= 1))
		return iz_fail(err, IZ_EINPUT,
			       "quantile probability %g not in [0, 1]", prob);
	if (check_sample(x, n, 1, "quantile", err) < 0)
		return -1;
	s = sorted_copy(x, n);
	*out = gsl_stats_quantile_from_sorted_data(s, 1, n, prob);
	free(s);
	return 0;
}

int iz_stats_median(double *out, const double *x, size_t n,
		    struct iz_error *err)
{
	return iz_stats_quantile(out, x, n, 0.5, err);
}

int iz_stats_iqr(double *out, const double *x, size_t n, struct iz_error *err)
{
	double q1, q3;

	if (iz_stats_quantile(&q1, x, n, 0.25, err) < 0 ||
	    iz_stats_quantile(&q3, x, n, 0.75, err) < 0)
		return -1;
	*out = q3 - q1;
	return 0;
}
