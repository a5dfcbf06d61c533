/*
 * The analyses of municipal records: stacking of schemes per household,
 * uptake among the eligible, and arrears signals against scheme use. Each
 * reads an in-memory population (population.h) and returns a result table
 * whose record-derived counts have passed disclosure control (disclose.h):
 * suppressed cells are marked, and the table says which rule applied.
 */
#ifndef INZICHT_ANALYSIS_H
#define INZICHT_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "inzicht/error.h"
#include "inzicht/population.h"
#include "inzicht/table.h"

enum iz_group_by {
	IZ_BY_NONE,
	IZ_BY_LIFE_STAGE,
	IZ_BY_HOUSEHOLD_TYPE,
	IZ_BY_WIJK,
	IZ_BY_PARTNER, /* signals only */
};

enum iz_combination_mode {
	IZ_COMBINATIONS_DISTINCT,  /* exactly this set of schemes */
	IZ_COMBINATIONS_INCLUSIVE, /* at least this set */
};

struct iz_analysis_opts {
	enum iz_group_by by;
	long min_cell;        /* counts 1..min_cell-1 suppressed; 0 disables */
	long min_denominator; /* percentages of fewer households suppressed */
	bool include_zero;    /* stacking: level 0 enters the chi-square test */
	enum iz_combination_mode mode;
	double conf;          /* confidence level of intervals, 0.95 */
	size_t mc_reps;       /* Monte-Carlo tables when chi-square is invalid */
	unsigned long seed;
};

#define IZ_ANALYSIS_OPTS_INIT                                                \
	{ .by = IZ_BY_NONE, .min_cell = 10, .min_denominator = 50,           \
	  .include_zero = false, .mode = IZ_COMBINATIONS_DISTINCT,           \
	  .conf = 0.95, .mc_reps = 10000, .seed = 20240101 }

/* "none"|"life_stage"|"household_type"|"wijk"|"partner"; -1 if unknown. */
int iz_analysis_parse_by(enum iz_group_by *out, const char *name);

/* Households by number of schemes (0 = eligible without any, 1, 2, 3, 4+)
 * per group, with chi-square, Cramér's V and adjusted residuals. Columns:
 * group, schemes, households, pct, adj_residual, flag. */
int iz_stacking_levels(struct iz_table **out, const struct iz_population *p,
		       const struct iz_analysis_opts *o, struct iz_error *err);

/* Co-occurrence of schemes: households using both, and phi. Columns:
 * scheme_a, scheme_b, households, phi. */
int iz_stacking_pairs(struct iz_table **out, const struct iz_population *p,
		      const struct iz_analysis_opts *o, struct iz_error *err);

/* Scheme combinations (UpSet-style), observed vs expected under
 * independence, exact binomial test with Benjamini-Hochberg adjustment.
 * Columns: group, combination, degree, households, expected, ratio,
 * p_value, p_adjusted. */
int iz_stacking_combinations(struct iz_table **out,
			     const struct iz_population *p,
			     const struct iz_analysis_opts *o,
			     struct iz_error *err);

/* Uptake per scheme (and "any") among eligible households, with Wilson or
 * Clopper-Pearson intervals and a chi-square test of difference between
 * groups. Columns: scheme, group, eligible, participants, uptake_pct,
 * ci_low, ci_high, ci_method, outside_eligible. */
int iz_uptake(struct iz_table **out, const struct iz_population *p,
	      const struct iz_analysis_opts *o, struct iz_error *err);

/*
 * Uptake when the records lack incomes: for each income-tested scheme open
 * to all households, the eligible households are estimated from the open
 * data of the records' gemeenten (wijk codes WK0599.. -> GM0599): the share
 * of households up to the scheme's income threshold (share_indicator, or
 * by threshold IZ_UPTAKE_OD_SHARE_110 up to 110%, IZ_UPTAKE_OD_SHARE_120 up
 * to 120%) times IZ_UPTAKE_OD_HOUSEHOLDS, each in its latest period.
 * Participants are all households of the records using the scheme. One
 * row per scheme and "any", group "all"; columns as iz_uptake without
 * outside_eligible, plus denominator (what the eligible count is: "open
 * data: <id> (<dataset>, <period>) x huishoudens (...)", "records" for a
 * scheme without an income test, "none" for a target-group scheme, whose
 * eligible and uptake stay empty). Errors: an indicator the store lacks
 * (IZ_EUSAGE), a gemeente without a value (IZ_EINPUT).
 */
#define IZ_UPTAKE_OD_SHARE_110 "huishoudens_tot_110_sm_pct"
#define IZ_UPTAKE_OD_SHARE_120 "huishoudens_tot_120_sm_pct"
#define IZ_UPTAKE_OD_HOUSEHOLDS "huishoudens"
int iz_uptake_open_data(struct iz_table **out, const struct iz_population *p,
			struct iz_store *st, const struct iz_analysis_opts *o,
			const char *share_indicator, struct iz_error *err);
/* The share indicator for an income threshold (% of the social minimum),
 * or NULL above 120%. */
const char *iz_uptake_od_share_id(double threshold);

/* Eligible households using no scheme, by wijk x life stage x household
 * type, largest first: an outreach work list. Columns: wijk, life_stage,
 * household_type, eligible, not_reached, pct_not_reached. */
int iz_uptake_segments(struct iz_table **out, const struct iz_population *p,
		       const struct iz_analysis_opts *o, struct iz_error *err);

/* Households with arrears signals in the period, by partner (default),
 * life stage or wijk: how many already use a scheme, schuldhulpverlening,
 * repeat signals, and who is not yet reached. Columns: group,
 * households, any_scheme, pct_any_scheme, schuldhulp, pct_schuldhulp,
 * repeat_signal, not_reached. */
int iz_signals(struct iz_table **out, const struct iz_population *p,
	       const struct iz_analysis_opts *o, struct iz_error *err);

#endif
