/*
 * correlate: two indicators across the regions of one level in one period.
 * Pearson's r with its Fisher-z interval, Spearman's rho, the least-squares
 * line, and where one region stands against that line (its externally
 * studentized residual, R's rstudent). It measures the seed's claim that
 * poverty and health go together across areas: an association between
 * areas, not a causal effect and not a statement about individuals.
 */
#include "inzicht/compare.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/stats.h"

/* One region of either series; k indexes the fitted pairs, -1 when the
 * region lacks x or y and is dropped. */
struct joined {
	const char *code, *name;
	double x, y;
	long k;
};

struct pairs {
	struct joined *rows;
	size_t nrows;
	double *x, *y; /* the n regions with both values, in code order */
	size_t n;
};

struct fit {
	struct iz_corr pearson, spearman;
	struct iz_ols ols;
	double *rstudent; /* n */
};

/* Merge the two series (both sorted by code) into p. */
static void join(struct pairs *p, const struct iz_values *x,
		 const struct iz_values *y)
{
	size_t i = 0, j = 0;
	struct joined *r;
	int c;

	p->rows = iz_xcalloc(x->n + y->n + 1, sizeof(*p->rows));
	p->x = iz_xcalloc(x->n + 1, sizeof(*p->x));
	p->y = iz_xcalloc(x->n + 1, sizeof(*p->y));
	while (i < x->n || j < y->n) {
		c = i == x->n ? 1 : j == y->n ? -1 :
						strcmp(x->code[i], y->code[j]);
		r = &p->rows[p->nrows++];
		r->code = c <= 0 ? x->code[i] : y->code[j];
		r->name = c <= 0 ? x->name[i] : y->name[j];
		r->x = c <= 0 ? x->value[i++] : (double)NAN;
		r->y = c >= 0 ? y->value[j++] : (double)NAN;
		r->k = -1;
		if (isnan(r->x) || isnan(r->y))
			continue;
		r->k = (long)p->n;
		p->x[p->n] = r->x;
		p->y[p->n++] = r->y;
	}
}

static void pairs_release(struct pairs *p)
{
	free(p->rows);
	free(p->x);
	free(p->y);
}

static bool constant(const double *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (v[i] != v[0])
			return false;
	return true;
}

static int compute(struct fit *f, const struct pairs *p, const char *x,
		   const char *y, const char *where, struct iz_error *err)
{
	if (p->n < IZ_CORRELATE_MIN_N)
		return iz_fail(err, IZ_EINPUT,
			       "too few %s with both '%s' and '%s': %zu (need "
			       "at least %d)",
			       where, x, y, p->n, IZ_CORRELATE_MIN_N);
	if (constant(p->x, p->n) || constant(p->y, p->n))
		return iz_fail(err, IZ_EINPUT,
			       "'%s' has the same value in all %zu %s: "
			       "nothing to correlate",
			       constant(p->x, p->n) ? x : y, p->n, where);
	f->rstudent = iz_xcalloc(p->n, sizeof(*f->rstudent));
	if (iz_stats_pearson(&f->pearson, p->x, p->y, p->n, err) < 0 ||
	    iz_stats_spearman(&f->spearman, p->x, p->y, p->n, err) < 0 ||
	    iz_stats_ols(&f->ols, p->x, p->y, p->n, err) < 0 ||
	    iz_stats_studentized(NULL, f->rstudent, p->x, p->y, p->n, err) < 0)
		return -1;
	return 0;
}

/* Decimals for table and CSV output: the series', two more for fits. */
static int more_decimals(int decimals, int more)
{
	return decimals < 0 ? -1 : decimals + more;
}

static struct iz_table *new_table(const struct iz_values *x,
				  const struct iz_values *y)
{
	struct iz_table *t = iz_table_new();
	int yd = more_decimals(y->series.decimals, 2);

	iz_table_add_column(t, "region", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "name", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "x", IZ_COL_REAL, x->series.decimals);
	iz_table_add_column(t, "y", IZ_COL_REAL, y->series.decimals);
	iz_table_add_column(t, "fitted", IZ_COL_REAL, yd);
	iz_table_add_column(t, "residual", IZ_COL_REAL, yd);
	iz_table_add_column(t, "studentized_residual", IZ_COL_REAL, 3);
	return t;
}

static void set_real(struct iz_table *t, size_t row, size_t col, double v)
{
	if (isfinite(v))
		iz_table_set_real(t, row, col, v);
}

static void add_rows(struct iz_table *t, const struct pairs *p,
		     const struct fit *f)
{
	const struct joined *j;
	size_t i, row;
	double fitted;

	for (i = 0; i < p->nrows; i++) {
		j = &p->rows[i];
		row = iz_table_add_row(t);
		iz_table_set_text(t, row, 0, j->code);
		iz_table_set_text(t, row, 1, j->name);
		set_real(t, row, 2, j->x);
		set_real(t, row, 3, j->y);
		if (j->k < 0)
			continue;
		fitted = f->ols.intercept + f->ols.slope * j->x;
		set_real(t, row, 4, fitted);
		set_real(t, row, 5, j->y - fitted);
		set_real(t, row, 6, f->rstudent[j->k]);
	}
}

static void set_stats(struct iz_table *t, const struct pairs *p,
		      const struct fit *f)
{
	iz_table_set_stat(t, "n", (double)p->n);
	iz_table_set_stat(t, "dropped", (double)(p->nrows - p->n));
	iz_table_set_stat(t, "pearson_r", f->pearson.r);
	iz_table_set_stat(t, "pearson_ci_low", f->pearson.lo);
	iz_table_set_stat(t, "pearson_ci_high", f->pearson.hi);
	iz_table_set_stat(t, "pearson_p", f->pearson.p);
	iz_table_set_stat(t, "spearman_rho", f->spearman.r);
	iz_table_set_stat(t, "spearman_p", f->spearman.p);
	iz_table_set_stat(t, "slope", f->ols.slope);
	iz_table_set_stat(t, "intercept", f->ols.intercept);
	iz_table_set_stat(t, "r2", f->ols.r2);
}

/* "x = id (title, unit; dataset, category)" for the first note. */
static void describe(char *buf, size_t n, const struct iz_values *v)
{
	const struct iz_series *s = &v->series;

	snprintf(buf, n, "%s (%s%s%s; %s%s%s)", s->code, s->title,
		 s->unit[0] ? ", " : "", s->unit, s->dataset,
		 s->dims[0] ? ", " : "", s->dims);
}

static void add_notes(struct iz_table *t, const struct iz_values *x,
		      const struct iz_values *y, const struct pairs *p,
		      const struct fit *f, const char *where)
{
	char dx[256], dy[256];
	size_t i;

	describe(dx, sizeof(dx), x);
	describe(dy, sizeof(dy), y);
	iz_table_add_note(t, "x = %s, y = %s; period %s", dx, dy, x->period);
	for (i = 0; i < x->nnotes; i++)
		iz_table_add_note(t, "%s", x->notes[i]);
	for (i = 0; i < y->nnotes; i++)
		iz_table_add_note(t, "%s", y->notes[i]);
	iz_table_add_note(t, "n = %zu %s with both values; %zu dropped for a "
			     "missing value",
			  p->n, where, p->nrows - p->n);
	iz_table_add_note(t, "Pearson r = %.3f, 95%% CI %.3f to %.3f (Fisher "
			     "z), p = %.2g; Spearman rho = %.3f, p = %.2g",
			  f->pearson.r, f->pearson.lo, f->pearson.hi,
			  f->pearson.p, f->spearman.r, f->spearman.p);
	iz_table_add_note(t, "least squares: y = %.4g %+.4g x, R-squared = "
			     "%.3f",
			  f->ols.intercept, f->ols.slope, f->ols.r2);
	iz_table_add_note(t, "an association between areas, not a causal "
			     "effect and not a statement about individuals");
}

/* Region codes as the store keeps them: upper case. */
static const char *upper(char *buf, size_t n, const char *code)
{
	size_t i;

	for (i = 0; code[i] && i + 1 < n; i++)
		buf[i] = (char)toupper((unsigned char)code[i]);
	buf[i] = '\0';
	return buf;
}

/* "worse", "better", or for a neutral y "higher", "lower". */
static const char *direction(double residual, int badness)
{
	if (residual == 0)
		return "exactly as";
	if (badness == 0)
		return residual > 0 ? "higher than" : "lower than";
	return residual * badness > 0 ? "worse than" : "better than";
}

static void note_highlight(struct iz_table *t, const struct joined *j,
			   const struct iz_values *x,
			   const struct iz_values *y, const struct fit *f)
{
	double fitted = f->ols.intercept + f->ols.slope * j->x;
	double res = j->y - fitted, ts = f->rstudent[j->k];

	iz_table_set_stat(t, "fitted", fitted);
	iz_table_set_stat(t, "residual", res);
	iz_table_set_stat(t, "studentized_residual", ts);
	iz_table_add_note(
		t,
		"%s (%s): %s = %.4g where the line predicts %.4g from %s = "
		"%.4g; residual %+.3g, studentized residual %+.2f (externally "
		"studentized, as R's rstudent): %s its level of %s predicts, "
		"%s",
		j->name, j->code, y->series.code, j->y, fitted, x->series.code,
		j->x, res, ts, direction(res, iz_series_badness(&y->series)),
		x->series.code,
		fabs(ts) >= 2 ? "a marked deviation (|t| >= 2)" :
				"within the usual spread (|t| < 2)");
}

static int highlight(struct iz_table *t, const char *code, const char *where,
		     const struct pairs *p, const struct iz_values *x,
		     const struct iz_values *y, const struct fit *f,
		     struct iz_error *err)
{
	char up[32];
	size_t i;

	upper(up, sizeof(up), code);
	for (i = 0; i < p->nrows; i++)
		if (strcmp(p->rows[i].code, up) == 0)
			break;
	if (i == p->nrows)
		return iz_fail(err, IZ_EINPUT,
			       "highlighted region '%s' is not among the %s "
			       "compared",
			       up, where);
	if (p->rows[i].k < 0)
		return iz_fail(err, IZ_EINPUT,
			       "highlighted region '%s' has no value for '%s' "
			       "in %s",
			       up,
			       isnan(p->rows[i].x) ? x->series.code :
						     y->series.code,
			       x->period);
	note_highlight(t, &p->rows[i], x, y, f);
	return 0;
}

static void where_text(char *buf, size_t n, const struct iz_correlate_opts *o)
{
	char up[32];

	if (o->within)
		snprintf(buf, n, "%s within %s",
			 iz_indicators_level_plural(o->level),
			 upper(up, sizeof(up), o->within));
	else
		snprintf(buf, n, "%s", iz_indicators_level_plural(o->level));
}

int iz_compare_correlate(struct iz_table **out, struct iz_store *st,
			 const struct iz_correlate_opts *o,
			 struct iz_error *err)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values x, y;
	struct pairs p = { 0 };
	struct fit f = { 0 };
	struct iz_table *t = NULL;
	char where[128];
	int rc = -1;

	*out = NULL;
	sel.level = o->level;
	sel.within = o->within;
	sel.period = o->period;
	where_text(where, sizeof(where), o);
	if (iz_indicators_load_pair(&x, &y, st, o->x, o->x_category, o->y,
				    o->y_category, &sel, err) < 0)
		goto out;
	join(&p, &x, &y);
	if (compute(&f, &p, o->x, o->y, where, err) < 0)
		goto out;
	t = new_table(&x, &y);
	add_rows(t, &p, &f);
	set_stats(t, &p, &f);
	add_notes(t, &x, &y, &p, &f, where);
	if (o->highlight &&
	    highlight(t, o->highlight, where, &p, &x, &y, &f, err) < 0)
		goto out;
	*out = t;
	t = NULL;
	rc = 0;
out:
	iz_table_free(t);
	free(f.rstudent);
	pairs_release(&p);
	iz_values_release(&x);
	iz_values_release(&y);
	return rc;
}
