/*
 * Internals shared by the records analyses (analysis.c, stacking.c,
 * uptake.c).
 */
#ifndef INZICHT_ANALYSIS_PRIV_H
#define INZICHT_ANALYSIS_PRIV_H

#include "inzicht/analysis.h"
#include "inzicht/disclose.h"
#include "inzicht/stats.h"

size_t an_ngroups(const struct iz_population *p, enum iz_group_by by);
size_t an_group_of(const struct iz_hh *h, enum iz_group_by by);
const char *an_group_name(const struct iz_population *p, enum iz_group_by by,
			  size_t g);

/* The columns of an uptake table: scheme, group, eligible, participants,
 * uptake_pct, ci_low, ci_high, ci_method, then last. */
void an_uptake_columns(struct iz_table *t, const char *last,
		       enum iz_coltype last_type);
/* A count cell of d into (row, col): its value, or suppressed. */
void an_put_count(struct iz_table *t, size_t row, size_t col,
		  const struct iz_disclose *d, size_t cell);
/* 100 * num / den, suppressed with either count or under the denominator
 * threshold. */
void an_put_share(struct iz_table *t, size_t row, size_t col,
		  const struct iz_disclose *d, size_t num, size_t den,
		  const struct iz_analysis_opts *o);
/* Primary and complementary suppression with o's threshold. */
int an_protect(struct iz_disclose *d, const struct iz_analysis_opts *o,
	       struct iz_error *err);
/* The rule and the count of suppressed cells, on the table. */
void an_disclosure_note(struct iz_table *t, const struct iz_disclose *d,
			const struct iz_analysis_opts *o);
/* The same from counts (for outputs protected as several models). */
void an_disclosure_counts(struct iz_table *t, size_t prim, size_t sec,
			  const struct iz_analysis_opts *o);
void an_population_notes(struct iz_table *t, const struct iz_population *p);

struct an_test {
	struct iz_chi2 c;
	double p;
	const char *method; /* "asymptotic" or "monte_carlo" */
};

int an_chi2(struct an_test *out, double *stdres, const double *counts,
	    size_t r, size_t c, const struct iz_analysis_opts *o,
	    struct iz_error *err);
/* n, chi2, df, p_value, cramers_v, cramers_v_corrected, p_method, each key
 * followed by suffix (e.g. "" or ".kindpakket"). */
void an_chi2_stats(struct iz_table *t, const struct an_test *x,
		   const char *suffix);
/* At least two non-empty rows and columns. */
bool an_valid_chi2_shape(const double *counts, size_t r, size_t c);

#endif
