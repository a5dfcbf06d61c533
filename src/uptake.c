/*
 * Uptake: of the households eligible for a scheme (by its income threshold
 * and target group), how many use it; the outreach work list of eligible
 * households using nothing; and arrears signals set against scheme use.
 */
#include "analysis_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ANY ((size_t)-1) /* "at least one scheme" */

static bool eligible(const struct iz_hh *h, size_t s)
{
	return s == ANY ? h->eligible != 0 : (h->eligible >> s & 1) != 0;
}

static bool uses(const struct iz_hh *h, size_t s)
{
	return s == ANY ? h->schemes != 0 : (h->schemes >> s & 1) != 0;
}

/* Per group: [participants, eligible non-participants]; outside[g]:
 * participants who are not eligible. */
static void uptake_counts(long *c, long *outside,
			  const struct iz_population *p, enum iz_group_by by,
			  size_t s)
{
	size_t i, g;

	for (i = 0; i < p->n; i++) {
		const struct iz_hh *h = &p->hh[i];

		g = an_group_of(h, by);
		if (eligible(h, s))
			c[2 * g + (uses(h, s) ? 0 : 1)]++;
		else if (uses(h, s))
			outside[g]++;
	}
}

struct scheme_block {
	size_t s;
	long *c, *outside;
	struct iz_disclose_table2d tab;
	size_t outside_first, outside_total;
};

static int uptake_row(struct iz_table *t, const struct scheme_block *b,
		      const char *scheme, const char *group, size_t g,
		      const struct iz_disclose *d,
		      const struct iz_analysis_opts *o, struct iz_error *err)
{
	bool all = g == b->tab.rows;
	size_t part = all ? b->tab.col_total : b->tab.first + 2 * g;
	size_t elig = all ? b->tab.grand : b->tab.row_total + g;
	size_t out = all ? b->outside_total : b->outside_first + g;
	size_t row = iz_table_add_row(t);
	double lo, hi;
	const char *method;
	long x = iz_disclose_value(d, part), n = iz_disclose_value(d, elig);

	iz_table_set_text(t, row, 0, scheme);
	iz_table_set_text(t, row, 1, group);
	an_put_count(t, row, 2, d, elig);
	an_put_count(t, row, 3, d, part);
	an_put_share(t, row, 4, d, part, elig, o);
	an_put_count(t, row, 8, d, out);
	if (iz_table_cell(t, row, 4)->kind != IZ_CELL_REAL)
		return 0;
	if (iz_stats_proportion_ci(&lo, &hi, &method, (double)x, (double)n,
				   o->conf, err) < 0)
		return -1;
	iz_table_set_real(t, row, 5, 100 * lo);
	iz_table_set_real(t, row, 6, 100 * hi);
	iz_table_set_text(t, row, 7, method);
	return 0;
}

static int block_test(struct iz_table *t, const struct scheme_block *b,
		      const char *scheme, const struct iz_analysis_opts *o,
		      struct iz_error *err)
{
	size_t ng = b->tab.rows, i;
	double *m = iz_xcalloc(2 * ng, sizeof(*m));
	struct an_test x;
	char suffix[80];
	int rc = 0;

	for (i = 0; i < 2 * ng; i++)
		m[i] = (double)b->c[i];
	if (ng > 1 && an_valid_chi2_shape(m, ng, 2)) {
		snprintf(suffix, sizeof(suffix), ".%s", scheme);
		rc = an_chi2(&x, NULL, m, ng, 2, o, err);
		if (rc == 0)
			an_chi2_stats(t, &x, suffix);
	}
	free(m);
	return rc;
}

static int add_block(struct scheme_block *b, struct iz_disclose *d,
		     const struct iz_population *p, enum iz_group_by by,
		     size_t ng, struct iz_error *err)
{
	struct iz_disclose_list lst;

	b->c = iz_xcalloc(2 * ng, sizeof(*b->c));
	b->outside = iz_xcalloc(ng, sizeof(*b->outside));
	uptake_counts(b->c, b->outside, p, by, b->s);
	if (iz_disclose_add_table2d(&b->tab, d, b->c, ng, 2, err) < 0 ||
	    iz_disclose_add_list(&lst, d, b->outside, ng, err) < 0)
		return -1;
	b->outside_first = lst.first;
	b->outside_total = ng > 1 ? lst.total : lst.first;
	return 0;
}

void an_uptake_columns(struct iz_table *t, const char *last,
		       enum iz_coltype last_type)
{
	iz_table_add_column(t, "scheme", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "group", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "eligible", IZ_COL_INT, -1);
	iz_table_add_column(t, "participants", IZ_COL_INT, -1);
	iz_table_add_column(t, "uptake_pct", IZ_COL_REAL, 1);
	iz_table_add_column(t, "ci_low", IZ_COL_REAL, 1);
	iz_table_add_column(t, "ci_high", IZ_COL_REAL, 1);
	iz_table_add_column(t, "ci_method", IZ_COL_TEXT, -1);
	iz_table_add_column(t, last, last_type, -1);
}

static int block_rows(struct iz_table *t, const struct scheme_block *b,
		      const struct iz_population *p, const struct iz_disclose *d,
		      const struct iz_analysis_opts *o, struct iz_error *err)
{
	const char *scheme = b->s == ANY ? "any" : p->schemes.items[b->s].code;
	size_t ng = b->tab.rows, g;

	for (g = 0; g < ng; g++)
		if (uptake_row(t, b, scheme, an_group_name(p, o->by, g), g, d,
			       o, err) < 0)
			return -1;
	if (ng > 1 && uptake_row(t, b, scheme, "all", ng, d, o, err) < 0)
		return -1;
	return block_test(t, b, scheme, o, err);
}

static void uptake_notes(struct iz_table *t, const struct iz_population *p,
			 const struct iz_analysis_opts *o,
			 const struct iz_disclose *d)
{
	an_population_notes(t, p);
	if (p->threshold_override > 0)
		iz_table_add_note(t, "eligibility: income up to %g%% of the "
				     "social minimum for every scheme "
				     "(--threshold)",
				  p->threshold_override);
	else
		iz_table_add_note(t, "eligibility: each scheme's income "
				     "threshold and target group (schemes "
				     "file); denominator = eligible households "
				     "in the records");
	iz_table_add_note(t, "%g%% intervals: Wilson, or Clopper-Pearson when "
			     "fewer than 30 eligible or uptake 0%% or 100%%; "
			     "chi-square statistics per scheme test the "
			     "difference between groups",
			  100 * o->conf);
	an_disclosure_note(t, d, o);
}

int iz_uptake(struct iz_table **out, const struct iz_population *p,
	      const struct iz_analysis_opts *o, struct iz_error *err)
{
	size_t ng = an_ngroups(p, o->by), nb = p->schemes.n + 1, i;
	struct scheme_block *b = iz_xcalloc(nb, sizeof(*b));
	struct iz_disclose *d = iz_disclose_new();
	struct iz_table *t = iz_table_new();
	int rc = 0;

	*out = NULL;
	an_uptake_columns(t, "outside_eligible", IZ_COL_INT);
	for (i = 0; i < nb && rc == 0; i++) {
		b[i].s = i < p->schemes.n ? i : ANY;
		rc = add_block(&b[i], d, p, o->by, ng, err);
	}
	if (rc == 0)
		rc = an_protect(d, o, err);
	for (i = 0; i < nb && rc == 0; i++)
		rc = block_rows(t, &b[i], p, d, o, err);
	if (rc == 0) {
		uptake_notes(t, p, o, d);
		*out = t;
		t = NULL;
	}
	for (i = 0; i < nb; i++) {
		free(b[i].c);
		free(b[i].outside);
	}
	free(b);
	iz_table_free(t);
	iz_disclose_free(d);
	return rc;
}

/* ---- segments ------------------------------------------------------------ */

struct segment {
	size_t wijk, stage, type;
	long eligible, not_reached;
	size_t cell_reached, cell_not, cell_total;
};

static int cmp_segment(const void *a, const void *b)
{
	const struct segment *x = a, *y = b;

	if (x->not_reached != y->not_reached)
		return x->not_reached > y->not_reached ? -1 : 1;
	if (x->wijk != y->wijk)
		return x->wijk < y->wijk ? -1 : 1;
	if (x->stage != y->stage)
		return x->stage < y->stage ? -1 : 1;
	return x->type < y->type ? -1 : x->type > y->type;
}

static struct segment *segment_counts(size_t *n, const struct iz_population *p)
{
	size_t cells = p->nwijken * IZ_NSTAGES * IZ_NHHTYPES, i, k;
	struct segment *s = iz_xcalloc(cells + 1, sizeof(*s));

	for (i = 0; i < p->n; i++) {
		const struct iz_hh *h = &p->hh[i];

		if (!h->eligible)
			continue;
		k = (h->wijk * IZ_NSTAGES + h->stage) * IZ_NHHTYPES + h->type;
		s[k].wijk = h->wijk;
		s[k].stage = h->stage;
		s[k].type = h->type;
		s[k].eligible++;
		s[k].not_reached += h->schemes == 0;
	}
	for (i = 0, *n = 0; i < cells; i++)
		if (s[i].eligible)
			s[(*n)++] = s[i];
	qsort(s, *n, sizeof(*s), cmp_segment);
	return s;
}

static int segment_model(struct iz_disclose *d, struct segment *s, size_t n,
			 struct iz_error *err)
{
	size_t i, parts[2];

	for (i = 0; i < n; i++) {
		s[i].cell_reached =
			iz_disclose_add_cell(d, s[i].eligible - s[i].not_reached);
		s[i].cell_not = iz_disclose_add_cell(d, s[i].not_reached);
		s[i].cell_total = iz_disclose_add_cell(d, s[i].eligible);
		parts[0] = s[i].cell_reached;
		parts[1] = s[i].cell_not;
		if (iz_disclose_add_sum(d, s[i].cell_total, parts, 2, err) < 0)
			return -1;
	}
	return 0;
}

static void segment_rows(struct iz_table *t, const struct iz_population *p,
			 const struct segment *s, size_t n,
			 const struct iz_disclose *d,
			 const struct iz_analysis_opts *o)
{
	size_t i, row;

	for (i = 0; i < n; i++) {
		row = iz_table_add_row(t);
		iz_table_set_text(t, row, 0, p->wijken[s[i].wijk]);
		iz_table_set_text(t, row, 1, iz_stage_codes[s[i].stage]);
		iz_table_set_text(t, row, 2, iz_hhtype_codes[s[i].type]);
		an_put_count(t, row, 3, d, s[i].cell_total);
		an_put_count(t, row, 4, d, s[i].cell_not);
		an_put_share(t, row, 5, d, s[i].cell_not, s[i].cell_total, o);
	}
}

int iz_uptake_segments(struct iz_table **out, const struct iz_population *p,
		       const struct iz_analysis_opts *o, struct iz_error *err)
{
	size_t n;
	struct segment *s = segment_counts(&n, p);
	struct iz_disclose *d = iz_disclose_new();
	struct iz_table *t = iz_table_new();
	int rc = segment_model(d, s, n, err);

	*out = NULL;
	if (rc == 0)
		rc = an_protect(d, o, err);
	if (rc == 0) {
		iz_table_add_column(t, "wijk", IZ_COL_TEXT, -1);
		iz_table_add_column(t, "life_stage", IZ_COL_TEXT, -1);
		iz_table_add_column(t, "household_type", IZ_COL_TEXT, -1);
		iz_table_add_column(t, "eligible", IZ_COL_INT, -1);
		iz_table_add_column(t, "not_reached", IZ_COL_INT, -1);
		iz_table_add_column(t, "pct_not_reached", IZ_COL_REAL, 1);
		segment_rows(t, p, s, n, d, o);
		an_population_notes(t, p);
		iz_table_add_note(t, "not reached: eligible for at least one "
				     "scheme, using none; largest segments "
				     "first");
		an_disclosure_note(t, d, o);
		*out = t;
		t = NULL;
	}
	free(s);
	iz_table_free(t);
	iz_disclose_free(d);
	return rc;
}
