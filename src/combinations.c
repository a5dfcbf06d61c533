/*
 * Scheme combinations (the UpSet view of stapeling): which exact sets of
 * schemes households use (distinct) or at least use (inclusive), against
 * the count expected if schemes were used independently, with an exact
 * binomial test per combination and Benjamini-Hochberg adjustment.
 */
#include "analysis_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct combo {
	uint64_t mask;
	long count;
	double expected, p, padj;
	size_t cell; /* in the disclosure model */
};

/* Groups share no cells, so each is protected as its own model: the
 * suppression search grows much faster than linearly in the cells. */
struct group_combos {
	struct iz_disclose *d;
	struct combo *c;
	size_t n;
	size_t households; /* in the group */
	double share[IZ_MAX_SCHEMES];
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_combo(const void *a, const void *b)
{
	const struct combo *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->mask < y->mask ? -1 : x->mask > y->mask;
}

/* Distinct sets of the group's households, run-length counted. */
static void distinct_sets(struct group_combos *gc,
			  const struct iz_population *p, enum iz_group_by by,
			  size_t g)
{
	uint64_t *m = iz_xmalloc((p->n + 1) * sizeof(*m));
	size_t i, k = 0, use[IZ_MAX_SCHEMES] = { 0 }, s;

	for (i = 0; i < p->n; i++) {
		if (an_group_of(&p->hh[i], by) != g)
			continue;
		gc->households++;
		for (s = 0; s < p->schemes.n; s++)
			use[s] += p->hh[i].schemes >> s & 1;
		if (p->hh[i].schemes)
			m[k++] = p->hh[i].schemes;
	}
	for (s = 0; s < p->schemes.n; s++)
		gc->share[s] = gc->households ?
				       (double)use[s] / (double)gc->households :
				       0;
	qsort(m, k, sizeof(*m), cmp_u64);
	gc->c = iz_xcalloc(k + 1, sizeof(*gc->c));
	for (i = 0; i < k; i++) {
		if (gc->n == 0 || gc->c[gc->n - 1].mask != m[i])
			gc->c[gc->n++].mask = m[i];
		gc->c[gc->n - 1].count++;
	}
	free(m);
}

/* Inclusive: households using at least the set = sum over its supersets. */
static void make_inclusive(struct group_combos *gc)
{
	long *inc = iz_xcalloc(gc->n + 1, sizeof(*inc));
	size_t i, j;

	for (i = 0; i < gc->n; i++)
		for (j = 0; j < gc->n; j++)
			if ((gc->c[j].mask & gc->c[i].mask) == gc->c[i].mask)
				inc[i] += gc->c[j].count;
	for (i = 0; i < gc->n; i++)
		gc->c[i].count = inc[i];
	free(inc);
}

static double expected(const struct group_combos *gc, uint64_t mask,
		       size_t nschemes, enum iz_combination_mode mode)
{
	double e = (double)gc->households;
	size_t s;

	for (s = 0; s < nschemes; s++) {
		if (mask >> s & 1)
			e *= gc->share[s];
		else if (mode == IZ_COMBINATIONS_DISTINCT)
			e *= 1 - gc->share[s];
	}
	return e;
}

static int test_group(struct group_combos *gc, size_t nschemes,
		      enum iz_combination_mode mode, struct iz_error *err)
{
	double *p = iz_xcalloc(gc->n + 1, sizeof(*p));
	double *adj = iz_xcalloc(gc->n + 1, sizeof(*adj));
	size_t i;
	int rc = 0;

	for (i = 0; i < gc->n && rc == 0; i++) {
		struct combo *c = &gc->c[i];
		double n = (double)gc->households;

		c->expected = expected(gc, c->mask, nschemes, mode);
		rc = iz_stats_binom_test(&p[i], (double)c->count, n,
					 fmin(1.0, c->expected / n), err);
	}
	if (rc == 0 && gc->n > 0)
		rc = iz_stats_bh(adj, p, gc->n, err);
	for (i = 0; rc == 0 && i < gc->n; i++) {
		gc->c[i].p = p[i];
		gc->c[i].padj = adj[i];
	}
	free(p);
	free(adj);
	return rc;
}

/* Which combinations a published total adds up. */
static bool any_set(uint64_t mask, size_t arg)
{
	(void)arg;
	return mask != 0;
}

static bool has_scheme(uint64_t mask, size_t arg)
{
	return (mask >> arg & 1) != 0;
}

static bool of_degree(uint64_t mask, size_t arg)
{
	return (size_t)__builtin_popcountll(mask) == arg;
}

/* Add "total = sum of the combinations where in(mask, arg)". */
static int relation(struct iz_disclose *d, const struct group_combos *gc,
		    bool (*in)(uint64_t, size_t), size_t arg, size_t *parts,
		    struct iz_error *err)
{
	size_t i, np = 0;
	long sum = 0;

	for (i = 0; i < gc->n; i++)
		if (in(gc->c[i].mask, arg)) {
			parts[np++] = gc->c[i].cell;
			sum += gc->c[i].count;
		}
	if (np < 2)
		return 0;
	return iz_disclose_add_sum(d, iz_disclose_add_cell(d, sum), parts, np,
				   err);
}

/* Published totals that constrain distinct combinations: households with
 * at least one scheme, per scheme (pairs view), per number of schemes
 * (levels view). */
static int link_totals(struct iz_disclose *d, const struct group_combos *gc,
		       size_t nschemes, struct iz_error *err)
{
	size_t *parts = iz_xcalloc(gc->n + 1, sizeof(*parts));
	size_t s;
	int rc = relation(d, gc, any_set, 0, parts, err);

	for (s = 0; rc == 0 && s < nschemes; s++)
		rc = relation(d, gc, has_scheme, s, parts, err);
	for (s = 1; rc == 0 && s <= nschemes; s++)
		rc = relation(d, gc, of_degree, s, parts, err);
	free(parts);
	return rc;
}

static void combination_name(char *out, size_t n,
			     const struct iz_population *p, uint64_t mask)
{
	size_t s, len = 0;

	out[0] = '\0';
	for (s = 0; s < p->schemes.n && len < n; s++)
		if (mask >> s & 1)
			len += (size_t)snprintf(out + len, n - len, "%s%s",
						len ? "+" : "",
						p->schemes.items[s].code);
}

static void combo_row(struct iz_table *t, const struct iz_population *p,
		      const char *group, const struct combo *c,
		      const struct iz_disclose *d)
{
	char name[1024];
	size_t row = iz_table_add_row(t);

	combination_name(name, sizeof(name), p, c->mask);
	iz_table_set_text(t, row, 0, group);
	iz_table_set_text(t, row, 1, name);
	iz_table_set_int(t, row, 2, __builtin_popcountll(c->mask));
	an_put_count(t, row, 3, d, c->cell);
	iz_table_set_real(t, row, 4, c->expected);
	if (iz_disclose_is_suppressed(d, c->cell))
		return;
	if (c->expected > 0)
		iz_table_set_real(t, row, 5, (double)c->count / c->expected);
	iz_table_set_real(t, row, 6, c->p);
	iz_table_set_real(t, row, 7, c->padj);
}

static void columns(struct iz_table *t)
{
	iz_table_add_column(t, "group", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "combination", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "degree", IZ_COL_INT, -1);
	iz_table_add_column(t, "households", IZ_COL_INT, -1);
	iz_table_add_column(t, "expected", IZ_COL_REAL, 1);
	iz_table_add_column(t, "ratio", IZ_COL_REAL, 2);
	iz_table_add_column(t, "p_value", IZ_COL_REAL, -1);
	iz_table_add_column(t, "p_adjusted", IZ_COL_REAL, -1);
}

static int build_group(struct group_combos *gc, struct iz_disclose *d,
		       const struct iz_population *p,
		       const struct iz_analysis_opts *o, size_t g,
		       struct iz_error *err)
{
	size_t i;

	distinct_sets(gc, p, o->by, g);
	if (o->mode == IZ_COMBINATIONS_INCLUSIVE)
		make_inclusive(gc);
	if (test_group(gc, p->schemes.n, o->mode, err) < 0)
		return -1;
	qsort(gc->c, gc->n, sizeof(*gc->c), cmp_combo);
	for (i = 0; i < gc->n; i++)
		gc->c[i].cell = iz_disclose_add_cell(d, gc->c[i].count);
	if (o->mode == IZ_COMBINATIONS_INCLUSIVE)
		return 0;
	return link_totals(d, gc, p->schemes.n, err);
}

static void notes(struct iz_table *t, const struct iz_population *p,
		  const struct iz_analysis_opts *o,
		  const struct group_combos *gc, size_t ng)
{
	size_t g, prim = 0, sec = 0;

	for (g = 0; g < ng; g++) {
		prim += iz_disclose_count(gc[g].d, IZ_DISCLOSE_PRIMARY);
		sec += iz_disclose_count(gc[g].d, IZ_DISCLOSE_SECONDARY);
	}
	an_population_notes(t, p);
	iz_table_add_note(t,
			  "%s combinations; expected = households x product "
			  "of each scheme's share%s (independence); exact "
			  "binomial test, p_adjusted by Benjamini-Hochberg "
			  "within each group",
			  o->mode == IZ_COMBINATIONS_DISTINCT ? "distinct" :
								"inclusive",
			  o->mode == IZ_COMBINATIONS_DISTINCT ?
				  " (or of its complement for schemes not in "
				  "the set)" :
				  "");
	if (o->mode == IZ_COMBINATIONS_INCLUSIVE)
		iz_table_add_note(t, "inclusive counts overlap: small counts "
				     "are suppressed, complementary "
				     "suppression applies to the distinct "
				     "view");
	an_disclosure_counts(t, prim, sec, o);
}

int iz_stacking_combinations(struct iz_table **out,
			     const struct iz_population *p,
			     const struct iz_analysis_opts *o,
			     struct iz_error *err)
{
	size_t ng = an_ngroups(p, o->by), g, i;
	struct group_combos *gc = iz_xcalloc(ng, sizeof(*gc));
	struct iz_table *t = iz_table_new();
	int rc = 0;

	*out = NULL;
	columns(t);
	for (g = 0; g < ng && rc == 0; g++) {
		gc[g].d = iz_disclose_new();
		rc = build_group(&gc[g], gc[g].d, p, o, g, err);
		if (rc == 0)
			rc = an_protect(gc[g].d, o, err);
	}
	for (g = 0; g < ng && rc == 0; g++)
		for (i = 0; i < gc[g].n; i++)
			combo_row(t, p, an_group_name(p, o->by, g), &gc[g].c[i],
				  gc[g].d);
	if (rc == 0) {
		notes(t, p, o, gc, ng);
		*out = t;
		t = NULL;
	}
	for (g = 0; g < ng; g++) {
		free(gc[g].c);
		iz_disclose_free(gc[g].d);
	}
	free(gc);
	iz_table_free(t);
	return rc;
}
