/*
 * wijken: the wijken (or buurten) of one gemeente ranked on one or more
 * indicators, each beside the gemeente's and the national value, with
 * z-scores among the gemeente's wijken; with several indicators a combined
 * score (the mean of polarity-aligned z-scores) that finds the
 * neighbourhoods where poverty and ill health accumulate.
 */
#include "inzicht/compare.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/stats.h"

struct ind {
	struct iz_values v;
	double gm, nl; /* the gemeente's and the national value, or NAN */
	int badness;   /* iz_series_badness */
	bool scored;   /* enters the combined score */
};

/* A region of any of the indicators; codes and names lent from values. */
struct place {
	const char *code, *name;
	double key; /* ranking key, higher = worse; NAN = unranked */
	long rank;  /* 0 when unranked */
	size_t row; /* its row in the values before sorting */
};

struct grid {
	struct place *p;
	size_t n, nind;
	double *val; /* n * nind, NAN when missing */
	double *z;   /* n * nind, NAN when undefined */
};

static int check_opts(const struct iz_wijken_opts *o, const char *gemeente,
		      struct iz_error *err)
{
	size_t i, j;

	if (o->level == IZ_LEVEL_GEMEENTE)
		return iz_fail(err, IZ_EUSAGE, "wijken ranks wijken or "
					       "buurten, not gemeenten");
	if (!gemeente || strncmp(gemeente, "GM", 2) != 0 ||
	    o->n == 0 || o->n > IZ_WIJKEN_MAX)
		return iz_fail(err, IZ_EUSAGE,
			       "wijken needs a gemeente code (GM...) and 1 to "
			       "%d indicators",
			       IZ_WIJKEN_MAX);
	for (i = 0; i < o->n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(o->indicators[i], o->indicators[j]) == 0)
				return iz_fail(err, IZ_EUSAGE,
					       "indicator '%s' given twice",
					       o->indicators[i]);
	return 0;
}

static int load_all(struct ind *ind, struct iz_store *st,
		    const struct iz_wijken_opts *o, const char *gemeente,
		    struct iz_error *err)
{
	struct iz_select sel = IZ_SELECT_INIT;
	size_t i;

	sel.level = o->level;
	sel.within = gemeente;
	sel.period = o->period;
	for (i = 0; i < o->n; i++) {
		sel.category = o->categories[i];
		if (iz_indicators_load(&ind[i].v, st, o->indicators[i], &sel,
				       err) < 0 ||
		    iz_indicators_value(&ind[i].gm, st, &ind[i].v.series,
					ind[i].v.period, gemeente, err) < 0 ||
		    iz_indicators_national(&ind[i].nl, st, &ind[i].v.series,
					   ind[i].v.period, err) < 0)
			return -1;
		ind[i].badness = iz_series_badness(&ind[i].v.series);
	}
	return 0;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct place *)a)->code,
		      ((const struct place *)b)->code);
}

/* The union of the indicators' regions, by code, with their values. */
static void collect(struct grid *g, const struct ind *ind, size_t nind)
{
	size_t i, j, total = 0, k = 0;
	long at;

	for (i = 0; i < nind; i++)
		total += ind[i].v.n;
	g->p = iz_xcalloc(total + 1, sizeof(*g->p));
	for (i = 0; i < nind; i++)
		for (j = 0; j < ind[i].v.n; j++) {
			g->p[k].code = ind[i].v.code[j];
			g->p[k++].name = ind[i].v.name[j];
		}
	qsort(g->p, k, sizeof(*g->p), by_code);
	for (i = 0; i < k; i++)
		if (g->n == 0 || strcmp(g->p[i].code, g->p[g->n - 1].code)) {
			g->p[g->n] = g->p[i];
			g->p[g->n].row = g->n;
			g->n++;
		}
	g->nind = nind;
	g->val = iz_xcalloc(g->n * nind + 1, sizeof(*g->val));
	g->z = iz_xcalloc(g->n * nind + 1, sizeof(*g->z));
	for (i = 0; i < g->n; i++)
		for (j = 0; j < nind; j++) {
			at = iz_values_find(&ind[j].v, g->p[i].code);
			g->val[i * nind + j] = at < 0 ? (double)NAN :
						      ind[j].v.value[at];
		}
}

/* z-scores of indicator col among the regions that have a value; NAN
 * where undefined (fewer than two values, or no spread). */
static bool zscores(struct grid *g, size_t col)
{
	double *x = iz_xcalloc(g->n + 1, sizeof(*x));
	double *z = iz_xcalloc(g->n + 1, sizeof(*z));
	size_t *at = iz_xcalloc(g->n + 1, sizeof(*at));
	size_t i, m = 0;
	bool any = false;

	for (i = 0; i < g->n; i++) {
		g->z[i * g->nind + col] = NAN;
		if (!isnan(g->val[i * g->nind + col])) {
			at[m] = i;
			x[m++] = g->val[i * g->nind + col];
		}
	}
	if (m >= 2 && iz_stats_zscores(z, x, m, NULL) == 0)
		for (i = 0; i < m; i++) {
			g->z[at[i] * g->nind + col] = z[i];
			any = any || !isnan(z[i]);
		}
	free(x);
	free(z);
	free(at);
	return any;
}

/* The combined score of region i: NAN when a scored indicator is missing
 * or none is scored. */
static double score(const struct grid *g, const struct ind *ind, size_t i)
{
	double sum = 0, z;
	size_t j, k = 0;

	for (j = 0; j < g->nind; j++) {
		if (!ind[j].scored)
			continue;
		z = g->z[i * g->nind + j];
		if (isnan(z))
			return NAN;
		sum += ind[j].badness * z;
		k++;
	}
	return k ? sum / (double)k : (double)NAN;
}

static void keys(struct grid *g, const struct ind *ind)
{
	size_t i;
	double v;

	for (i = 0; i < g->n; i++) {
		v = g->val[i * g->nind];
		if (g->nind > 1)
			g->p[i].key = score(g, ind, i);
		else
			g->p[i].key = ind[0].badness ? ind[0].badness * v : v;
	}
}

/* Worst first; unranked last; then by code. */
static int by_key(const void *a, const void *b)
{
	const struct place *p = a, *q = b;

	if (isnan(p->key) != isnan(q->key))
		return isnan(p->key) ? 1 : -1;
	if (!isnan(p->key) && p->key != q->key)
		return p->key > q->key ? -1 : 1;
	return strcmp(p->code, q->code);
}

/* Sort g by key and give competition ranks (1, 2, 2, 4), keeping the
 * values with their rows. */
static void rank(struct grid *g)
{
	struct place *sorted = iz_xcalloc(g->n + 1, sizeof(*sorted));
	double *val = iz_xcalloc(g->n * g->nind + 1, sizeof(*val));
	double *z = iz_xcalloc(g->n * g->nind + 1, sizeof(*z));
	size_t i, j, k, nb = g->nind * sizeof(double);

	memcpy(sorted, g->p, g->n * sizeof(*sorted));
	qsort(sorted, g->n, sizeof(*sorted), by_key);
	for (i = 0; i < g->n; i++) {
		k = sorted[i].row;
		memcpy(val + i * g->nind, g->val + k * g->nind, nb);
		memcpy(z + i * g->nind, g->z + k * g->nind, nb);
		j = i;
		if (i > 0 && sorted[i].key == sorted[i - 1].key)
			j = (size_t)sorted[i - 1].rank - 1;
		sorted[i].rank = isnan(sorted[i].key) ? 0 : (long)j + 1;
	}
	free(g->p);
	free(g->val);
	free(g->z);
	g->p = sorted;
	g->val = val;
	g->z = z;
}

/* ---- the result table ------------------------------------------------- */

static struct iz_table *new_table(const struct ind *ind, size_t n)
{
	struct iz_table *t = iz_table_new();
	int d;
	size_t i;
	char name[160];

	iz_table_add_column(t, "rank", IZ_COL_INT, -1);
	iz_table_add_column(t, "region", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "name", IZ_COL_TEXT, -1);
	for (i = 0; i < n; i++) {
		d = ind[i].v.series.decimals;
		iz_table_add_column(t, ind[i].v.series.code, IZ_COL_REAL, d);
		snprintf(name, sizeof(name), "%s_z", ind[i].v.series.code);
		iz_table_add_column(t, name, IZ_COL_REAL, 2);
		snprintf(name, sizeof(name), "%s_gemeente",
			 ind[i].v.series.code);
		iz_table_add_column(t, name, IZ_COL_REAL, d);
		snprintf(name, sizeof(name), "%s_nl", ind[i].v.series.code);
		iz_table_add_column(t, name, IZ_COL_REAL, d);
	}
	if (n > 1)
		iz_table_add_column(t, "score", IZ_COL_REAL, 2);
	return t;
}

static void set_real(struct iz_table *t, size_t row, size_t col, double v)
{
	if (isfinite(v))
		iz_table_set_real(t, row, col, v);
}

static void add_rows(struct iz_table *t, const struct grid *g,
		     const struct ind *ind)
{
	size_t i, j, row, col;

	for (i = 0; i < g->n; i++) {
		row = iz_table_add_row(t);
		if (g->p[i].rank > 0)
			iz_table_set_int(t, row, 0, g->p[i].rank);
		iz_table_set_text(t, row, 1, g->p[i].code);
		iz_table_set_text(t, row, 2, g->p[i].name);
		for (j = 0, col = 3; j < g->nind; j++, col += 4) {
			set_real(t, row, col, g->val[i * g->nind + j]);
			set_real(t, row, col + 1, g->z[i * g->nind + j]);
			set_real(t, row, col + 2, ind[j].gm);
			set_real(t, row, col + 3, ind[j].nl);
		}
		if (g->nind > 1)
			set_real(t, row, col, g->p[i].key);
	}
}

static void note_indicator(struct iz_table *t, const struct ind *d,
			   const char *gemeente, const char *places)
{
	const struct iz_series *s = &d->v.series;
	size_t i;

	iz_table_add_note(t, "%s (%s%s%s; %s%s%s): period %s; %zu %s, %zu "
			     "without a value; %s = %.4g, Nederland = %.4g",
			  s->code, s->title, s->unit[0] ? ", " : "", s->unit,
			  s->dataset, s->dims[0] ? ", " : "", s->dims,
			  d->v.period, d->v.n, places, d->v.missing, gemeente,
			  d->gm, d->nl);
	for (i = 0; i < d->v.nnotes; i++)
		iz_table_add_note(t, "%s", d->v.notes[i]);
}

/* Which indicators make up the score, and which were left out. */
static void note_score(struct iz_table *t, const struct ind *ind, size_t n)
{
	char in[512] = "", out[512] = "";
	size_t i, li = 0, lo = 0;

	for (i = 0; i < n; i++) {
		if (ind[i].scored && li < sizeof(in))
			li += (size_t)snprintf(in + li, sizeof(in) - li,
					       "%s%s", li ? ", " : "",
					       ind[i].v.series.code);
		else if (!ind[i].scored && lo < sizeof(out))
			lo += (size_t)snprintf(out + lo, sizeof(out) - lo,
					       "%s%s", lo ? ", " : "",
					       ind[i].v.series.code);
	}
	iz_table_add_note(t, "score: the mean of the z-scores of %s, each "
			     "signed so that higher is worse (flipped where "
			     "higher is better); ranked worst first; a region "
			     "missing any of them gets no score",
			  li ? in : "(none)");
	if (lo)
		iz_table_add_note(t, "left out of the score (neutral polarity, "
				     "or fewer than two distinct values): %s",
				  out);
}

static void add_notes(struct iz_table *t, const struct ind *ind, size_t n,
		      const char *gemeente, const char *places)
{
	size_t i;

	for (i = 0; i < n; i++)
		note_indicator(t, &ind[i], gemeente, places);
	iz_table_add_note(t, "z-scores: (value - mean) / sd among the %s of %s "
			     "with a value (sd with n - 1, as R's scale)",
			  places, gemeente);
	if (n > 1)
		note_score(t, ind, n);
	else if (ind[0].badness == 0)
		iz_table_add_note(t, "%s has neutral polarity: ranked highest "
				     "first",
				  ind[0].v.series.code);
	else
		iz_table_add_note(t, "ranked worst first (%s)",
				  ind[0].v.series.polarity);
}

static const char *upper(char *buf, size_t n, const char *code)
{
	size_t i;

	for (i = 0; code[i] && i + 1 < n; i++)
		buf[i] = (char)toupper((unsigned char)code[i]);
	buf[i] = '\0';
	return buf;
}

static void grid_release(struct grid *g)
{
	free(g->p);
	free(g->val);
	free(g->z);
}

int iz_compare_wijken(struct iz_table **out, struct iz_store *st,
		      const struct iz_wijken_opts *o, struct iz_error *err)
{
	struct ind ind[IZ_WIJKEN_MAX];
	struct grid g = { 0 };
	const char *places = iz_indicators_level_plural(o->level);
	char gm[32];
	size_t i;
	int rc = -1;

	*out = NULL;
	memset(ind, 0, sizeof(ind));
	if (check_opts(o, o->within ? upper(gm, sizeof(gm), o->within) : NULL,
		       err) < 0 ||
	    load_all(ind, st, o, gm, err) < 0)
		goto out;
	collect(&g, ind, o->n);
	for (i = 0; i < o->n; i++)
		ind[i].scored = zscores(&g, i) && ind[i].badness != 0;
	keys(&g, ind);
	rank(&g);
	*out = new_table(ind, o->n);
	add_rows(*out, &g, ind);
	add_notes(*out, ind, o->n, gm, places);
	rc = 0;
out:
	grid_release(&g);
	for (i = 0; i < IZ_WIJKEN_MAX; i++)
		iz_values_release(&ind[i].v);
	return rc;
}
