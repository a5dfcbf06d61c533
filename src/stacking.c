/*
 * Stapeling: how schemes pile up per household. Three views, each one
 * table: levels (households by number of schemes per group, with a
 * chi-square test), pairs (co-occurrence with phi) and combinations
 * (UpSet-style, observed against expected under independence).
 */
#include "analysis_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NLEVELS 5 /* 0 (eligible, none), 1, 2, 3, 4+ */

static const char *const level_names[NLEVELS] = { "0", "1", "2", "3", "4+" };

/* Level of a household, or -1 when it is not counted (no scheme and not
 * eligible for any). */
static int level_of(const struct iz_hh *h)
{
	int k = iz_hh_nschemes(h);

	if (k == 0)
		return h->eligible ? 0 : -1;
	return k > 4 ? 4 : k;
}

static long *level_counts(const struct iz_population *p, enum iz_group_by by,
			  size_t ng)
{
	long *c = iz_xcalloc(ng * NLEVELS, sizeof(*c));
	size_t i;
	int lv;

	for (i = 0; i < p->n; i++) {
		lv = level_of(&p->hh[i]);
		if (lv >= 0)
			c[an_group_of(&p->hh[i], by) * NLEVELS + (size_t)lv]++;
	}
	return c;
}

/* The test table: levels 1..4+ (or 0..4+), groups as rows. Computed on
 * the true counts; whether it may be published is decided after
 * disclosure control (levels_publish_test). */
struct levels_test {
	bool done;
	struct an_test x;
};

static int levels_test(struct levels_test *lt, double *stdres, const long *c,
		       size_t ng, const struct iz_analysis_opts *o,
		       struct iz_error *err)
{
	size_t first = o->include_zero ? 0 : 1, k = NLEVELS - first, g, j;
	double *m = iz_xcalloc(ng * k, sizeof(*m));
	double *r = iz_xcalloc(ng * k, sizeof(*r));
	int rc = 0;

	lt->done = false;
	for (g = 0; g < ng; g++)
		for (j = 0; j < k; j++)
			m[g * k + j] = (double)c[g * NLEVELS + first + j];
	for (j = 0; j < ng * NLEVELS; j++)
		stdres[j] = NAN;
	if (ng >= 2 && an_valid_chi2_shape(m, ng, k)) {
		rc = an_chi2(&lt->x, r, m, ng, k, o, err);
		lt->done = rc == 0;
		for (g = 0; lt->done && g < ng; g++)
			for (j = 0; j < k; j++)
				stdres[g * NLEVELS + first + j] = r[g * k + j];
	}
	free(r);
	free(m);
	return rc;
}

/*
 * The test's totals are published through its statistics (n, and each
 * group's total via the residuals): with level 0 left out of the test they
 * are not cells of the table, so they join the disclosure model as cells of
 * their own. tested[g] is the cell of group g's total over the tested
 * levels, tested[ng] the test's n.
 */
static int add_tested_totals(size_t *tested, struct iz_disclose *d,
			     const struct iz_disclose_table2d *tab,
			     const long *c, size_t ng, struct iz_error *err)
{
	size_t parts[NLEVELS], g, j;
	long sum, n = 0;
	size_t *rows = iz_xcalloc(ng + 1, sizeof(*rows));
	int rc = 0;

	for (g = 0; g < ng && rc == 0; g++) {
		for (sum = 0, j = 1; j < NLEVELS; j++) {
			parts[j - 1] = tab->first + g * NLEVELS + j;
			sum += c[g * NLEVELS + j];
		}
		n += sum;
		tested[g] = rows[g] = iz_disclose_add_cell(d, sum);
		rc = iz_disclose_add_sum(d, tested[g], parts, NLEVELS - 1,
					 err);
	}
	tested[ng] = iz_disclose_add_cell(d, n);
	if (rc == 0)
		rc = iz_disclose_add_sum(d, tested[ng], rows, ng, err);
	for (j = 1; j < NLEVELS && rc == 0; j++)
		parts[j - 1] = tab->col_total + j;
	if (rc == 0)
		rc = iz_disclose_add_sum(d, tested[ng], parts, NLEVELS - 1, err);
	free(rows);
	return rc;
}

static void publish_test(struct iz_table *t, const struct levels_test *lt,
			 double *stdres, const size_t *tested, size_t ng,
			 const struct iz_disclose *d,
			 const struct iz_analysis_opts *o)
{
	size_t g, j;

	if (!lt->done) {
		iz_table_add_note(t, "no chi-square test: fewer than two "
				     "groups or levels with households");
		return;
	}
	for (g = 0; g < ng; g++)
		if (iz_disclose_is_suppressed(d, tested[g]))
			for (j = 0; j < NLEVELS; j++)
				stdres[g * NLEVELS + j] = NAN;
	if (iz_disclose_is_suppressed(d, tested[ng])) {
		iz_table_add_note(t, "chi-square statistics withheld: they "
				     "would reveal a suppressed count");
		return;
	}
	an_chi2_stats(t, &lt->x, "");
	iz_table_add_note(t, "chi-square over households with %s; %s p-value%s",
			  o->include_zero ?
				  "levels 0 to 4+" :
				  "at least one scheme (level 0 shown, not "
				  "tested; --include-zero tests it)",
			  lt->x.method,
			  lt->x.c.asymptotic_ok ?
				  "" :
				  " (more than 20% of expected counts below "
				  "5: the asymptotic p-value is not valid)");
}

static void levels_columns(struct iz_table *t)
{
	iz_table_add_column(t, "group", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "schemes", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "households", IZ_COL_INT, -1);
	iz_table_add_column(t, "pct", IZ_COL_REAL, 1);
	iz_table_add_column(t, "adj_residual", IZ_COL_REAL, 2);
	iz_table_add_column(t, "flag", IZ_COL_TEXT, -1);
}

static void levels_row(struct iz_table *t, const char *group,
		       const char *level, const struct iz_disclose *d,
		       size_t cell, size_t total, double res,
		       const struct iz_analysis_opts *o)
{
	size_t row = iz_table_add_row(t);

	iz_table_set_text(t, row, 0, group);
	iz_table_set_text(t, row, 1, level);
	an_put_count(t, row, 2, d, cell);
	an_put_share(t, row, 3, d, cell, total, o);
	if (isnan(res) || iz_disclose_is_suppressed(d, cell))
		return;
	iz_table_set_real(t, row, 4, res);
	if (fabs(res) > 1.96)
		iz_table_set_text(t, row, 5, res > 0 ? "more" : "fewer");
}

static void levels_rows(struct iz_table *t, const struct iz_population *p,
			const struct iz_disclose *d,
			const struct iz_disclose_table2d *tab,
			const double *stdres,
			const struct iz_analysis_opts *o)
{
	size_t g, j, ng = tab->rows;

	for (g = 0; g < ng; g++) {
		for (j = 0; j < NLEVELS; j++)
			levels_row(t, an_group_name(p, o->by, g),
				   level_names[j], d,
				   tab->first + g * NLEVELS + j,
				   tab->row_total + g,
				   ng > 1 ? stdres[g * NLEVELS + j] : (double)NAN, o);
		levels_row(t, an_group_name(p, o->by, g), "totaal", d,
			   tab->row_total + g, tab->row_total + g, (double)NAN,
			   o);
	}
	if (ng == 1)
		return;
	for (j = 0; j < NLEVELS; j++)
		levels_row(t, "all", level_names[j], d, tab->col_total + j,
			   tab->grand, (double)NAN, o);
	levels_row(t, "all", "totaal", d, tab->grand, tab->grand, (double)NAN,
		   o);
}

int iz_stacking_levels(struct iz_table **out, const struct iz_population *p,
		       const struct iz_analysis_opts *o, struct iz_error *err)
{
	size_t ng = an_ngroups(p, o->by), g;
	long *c = level_counts(p, o->by, ng);
	double *stdres = iz_xcalloc(ng * NLEVELS, sizeof(*stdres));
	size_t *tested = iz_xcalloc(ng + 1, sizeof(*tested));
	struct iz_disclose *d = iz_disclose_new();
	struct iz_disclose_table2d tab;
	struct iz_table *t = iz_table_new();
	struct levels_test lt;
	int rc;

	*out = NULL;
	levels_columns(t);
	rc = levels_test(&lt, stdres, c, ng, o, err);
	if (rc == 0)
		rc = iz_disclose_add_table2d(&tab, d, c, ng, NLEVELS, err);
	for (g = 0; o->include_zero && rc == 0 && g < ng; g++)
		tested[g] = tab.row_total + g;
	if (rc == 0)
		tested[ng] = tab.grand;
	if (rc == 0 && !o->include_zero)
		rc = add_tested_totals(tested, d, &tab, c, ng, err);
	if (rc == 0)
		rc = an_protect(d, o, err);
	if (rc == 0) {
		publish_test(t, &lt, stdres, tested, ng, d, o);
		levels_rows(t, p, d, &tab, stdres, o);
		an_population_notes(t, p);
		iz_table_add_note(t, "schemes 0 = eligible for a scheme but "
				     "using none; households neither eligible "
				     "nor using a scheme are not counted");
		an_disclosure_note(t, d, o);
		*out = t;
		t = NULL;
	}
	iz_table_free(t);
	iz_disclose_free(d);
	free(tested);
	free(stdres);
	free(c);
	return rc;
}

/* ---- pairs -------------------------------------------------------------- */

/* phi of two 0/1 variables from the 2x2 counts. */
static double phi(double n11, double n1x, double nx1, double n)
{
	double n10 = n1x - n11, n01 = nx1 - n11, n00 = n - n1x - nx1 + n11;
	double den = n1x * (n - n1x) * nx1 * (n - nx1);

	return den > 0 ? (n11 * n00 - n10 * n01) / sqrt(den) : (double)NAN;
}

static void pair_counts(long *both, const struct iz_population *p)
{
	size_t k = p->schemes.n, i, a, b;
	uint64_t m;

	for (i = 0; i < p->n; i++) {
		m = p->hh[i].schemes;
		for (a = 0; m && a < k; a++) {
			if (!(m >> a & 1))
				continue;
			for (b = a; b < k; b++)
				if (m >> b & 1)
					both[a * k + b]++;
		}
	}
}

static void pairs_table(struct iz_table *t, const struct iz_population *p,
			const long *both, const struct iz_disclose *d)
{
	size_t k = p->schemes.n, a, b, row, cell = 0;

	for (a = 0; a < k; a++) {
		for (b = a; b < k; b++) {
			if (both[a * k + a] == 0 || both[b * k + b] == 0)
				continue;
			row = iz_table_add_row(t);
			iz_table_set_text(t, row, 0, p->schemes.items[a].code);
			iz_table_set_text(t, row, 1, p->schemes.items[b].code);
			an_put_count(t, row, 2, d, cell);
			if (a != b && !iz_disclose_is_suppressed(d, cell))
				iz_table_set_real(
					t, row, 3,
					phi((double)both[a * k + b],
					    (double)both[a * k + a],
					    (double)both[b * k + b],
					    (double)p->n));
			cell++;
		}
	}
}

int iz_stacking_pairs(struct iz_table **out, const struct iz_population *p,
		      const struct iz_analysis_opts *o, struct iz_error *err)
{
	size_t k = p->schemes.n, a, b;
	long *both = iz_xcalloc(k * k, sizeof(*both));
	struct iz_disclose *d = iz_disclose_new();
	struct iz_table *t = iz_table_new();
	int rc;

	pair_counts(both, p);
	for (a = 0; a < k; a++)
		for (b = a; b < k; b++)
			if (both[a * k + a] && both[b * k + b])
				iz_disclose_add_cell(d, both[a * k + b]);
	rc = an_protect(d, o, err);
	*out = NULL;
	if (rc == 0) {
		iz_table_add_column(t, "scheme_a", IZ_COL_TEXT, -1);
		iz_table_add_column(t, "scheme_b", IZ_COL_TEXT, -1);
		iz_table_add_column(t, "households", IZ_COL_INT, -1);
		iz_table_add_column(t, "phi", IZ_COL_REAL, 3);
		pairs_table(t, p, both, d);
		an_population_notes(t, p);
		iz_table_add_note(t, "scheme_a = scheme_b: households using the "
				     "scheme; phi over all households of the "
				     "period");
		an_disclosure_note(t, d, o);
		*out = t;
		t = NULL;
	}
	iz_table_free(t);
	iz_disclose_free(d);
	free(both);
	return rc;
}
