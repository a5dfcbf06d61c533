/*
 * What every records analysis shares: grouping households, putting counts
 * and percentages into result tables through disclosure control, and the
 * note that says which rule was applied.
 */
#include "analysis_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int iz_analysis_parse_by(enum iz_group_by *out, const char *name)
{
	static const char *const names[] = { "none", "life_stage",
					     "household_type", "wijk",
					     "partner" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], name) == 0) {
			*out = (enum iz_group_by)i;
			return 0;
		}
	return -1;
}

size_t an_ngroups(const struct iz_population *p, enum iz_group_by by)
{
	switch (by) {
	case IZ_BY_NONE:
		return 1;
	case IZ_BY_LIFE_STAGE:
		return IZ_NSTAGES;
	case IZ_BY_HOUSEHOLD_TYPE:
		return IZ_NHHTYPES;
	case IZ_BY_WIJK:
		return p->nwijken;
	case IZ_BY_PARTNER:
		return IZ_NPARTNERS;
	}
	return 1;
}

size_t an_group_of(const struct iz_hh *h, enum iz_group_by by)
{
	switch (by) {
	case IZ_BY_NONE:
	case IZ_BY_PARTNER:
		return 0;
	case IZ_BY_LIFE_STAGE:
		return h->stage;
	case IZ_BY_HOUSEHOLD_TYPE:
		return h->type;
	case IZ_BY_WIJK:
		return h->wijk;
	}
	return 0;
}

const char *an_group_name(const struct iz_population *p, enum iz_group_by by,
			  size_t g)
{
	switch (by) {
	case IZ_BY_NONE:
		return "all";
	case IZ_BY_LIFE_STAGE:
		return iz_stage_codes[g];
	case IZ_BY_HOUSEHOLD_TYPE:
		return iz_hhtype_codes[g];
	case IZ_BY_WIJK:
		return p->wijken[g];
	case IZ_BY_PARTNER:
		return iz_partner_codes[g];
	}
	return "all";
}

void an_put_count(struct iz_table *t, size_t row, size_t col,
		  const struct iz_disclose *d, size_t cell)
{
	enum iz_disclose_reason r = iz_disclose_reason(d, cell);

	if (r == IZ_DISCLOSE_PUBLISHED)
		iz_table_set_int(t, row, col, iz_disclose_value(d, cell));
	else
		iz_table_suppress(t, row, col,
				  r == IZ_DISCLOSE_PRIMARY ?
					  "count below the threshold" :
					  "hidden to protect another cell");
}

void an_put_share(struct iz_table *t, size_t row, size_t col,
		  const struct iz_disclose *d, size_t num, size_t den,
		  const struct iz_analysis_opts *o)
{
	long n = iz_disclose_value(d, num), m = iz_disclose_value(d, den);

	if (iz_disclose_is_suppressed(d, num) ||
	    iz_disclose_is_suppressed(d, den))
		iz_table_suppress(t, row, col, "its count is suppressed");
	else if (o->min_cell > 0 && m < o->min_denominator)
		iz_table_suppress(t, row, col, "fewer households than the "
					       "denominator threshold");
	else if (m > 0)
		iz_table_set_real(t, row, col, 100.0 * (double)n / (double)m);
}

void an_disclosure_note(struct iz_table *t, const struct iz_disclose *d,
			const struct iz_analysis_opts *o)
{
	an_disclosure_counts(t, iz_disclose_count(d, IZ_DISCLOSE_PRIMARY),
			     iz_disclose_count(d, IZ_DISCLOSE_SECONDARY), o);
}

void an_disclosure_counts(struct iz_table *t, size_t prim, size_t sec,
			  const struct iz_analysis_opts *o)
{
	char rule[256];

	if (o->min_cell <= 1) {
		iz_table_set_disclosure(t, "none: disclosure control disabled "
					   "(--min-cell below 2)",
					o->min_cell);
		iz_table_add_note(t, "warning: disclosure control is disabled "
				     "(--min-cell %ld); small counts are shown "
				     "and may identify households: do not "
				     "publish this output",
				  o->min_cell);
		return;
	}
	snprintf(rule, sizeof(rule),
		 "counts of 1 to %ld households suppressed, and percentages "
		 "of fewer than %ld households; complementary cells "
		 "suppressed so that no suppressed count can be derived from "
		 "published totals",
		 o->min_cell - 1, o->min_denominator);
	iz_table_set_disclosure(t, rule, o->min_cell);
	iz_table_add_note(t,
			  "disclosure control: %s; %zu cells suppressed (%zu "
			  "below the threshold, %zu complementary), shown as "
			  "'.'",
			  rule, prim + sec, prim, sec);
}

int an_protect(struct iz_disclose *d, const struct iz_analysis_opts *o,
	       struct iz_error *err)
{
	return iz_disclose_protect(d, o->min_cell > 1 ? o->min_cell : 0, err);
}

void an_population_notes(struct iz_table *t, const struct iz_population *p)
{
	iz_table_add_note(t, "period %d (%s to %s): %zu households", p->period,
			  p->start, p->end, p->n);
	if (p->orphan_participations)
		iz_table_add_note(t,
				  "%zu participation rows of households without "
				  "a household record in %d are not counted",
				  p->orphan_participations, p->period);
	if (p->income_unknown)
		iz_table_add_note(t,
				  "%zu households without income: not eligible "
				  "for income-tested schemes",
				  p->income_unknown);
}

/* Chi-square over a table of true counts, with the validity rule applied:
 * asymptotic when Cochran's rule holds, else Monte Carlo. */
int an_chi2(struct an_test *out, double *stdres, const double *counts,
	    size_t r, size_t c, const struct iz_analysis_opts *o,
	    struct iz_error *err)
{
	memset(out, 0, sizeof(*out));
	if (iz_stats_chi2(&out->c, stdres, counts, r, c, err) < 0)
		return -1;
	out->p = out->c.p;
	out->method = "asymptotic";
	if (out->c.asymptotic_ok)
		return 0;
	if (iz_stats_chi2_monte_carlo(&out->p, counts, r, c, o->mc_reps,
				      o->seed, err) < 0)
		return -1;
	out->method = "monte_carlo";
	return 0;
}

void an_chi2_stats(struct iz_table *t, const struct an_test *x,
		   const char *suffix)
{
	char key[96];

#define STAT(name, v)                                                        \
	do {                                                                 \
		snprintf(key, sizeof(key), "%s%s", name, suffix);           \
		iz_table_set_stat(t, key, v);                                \
	} while (0)
	STAT("n", (double)x->c.n);
	STAT("chi2", x->c.chi2);
	STAT("df", x->c.df);
	STAT("p_value", x->p);
	STAT("cramers_v", x->c.cramers_v);
	STAT("cramers_v_corrected", x->c.cramers_v_corrected);
#undef STAT
	snprintf(key, sizeof(key), "p_method%s", suffix);
	iz_table_set_stat_text(t, key, x->method);
}

bool an_valid_chi2_shape(const double *counts, size_t r, size_t c)
{
	size_t i, j, rows = 0, cols = 0;
	double s;

	for (i = 0; i < r; i++) {
		for (s = 0, j = 0; j < c; j++)
			s += counts[i * c + j];
		rows += s > 0;
	}
	for (j = 0; j < c; j++) {
		for (s = 0, i = 0; i < r; i++)
			s += counts[i * c + j];
		cols += s > 0;
	}
	return rows >= 2 && cols >= 2;
}
