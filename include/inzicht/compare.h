/*
 * Analyses that compare regions on the open indicators (issue 4): how two
 * indicators move together across regions (correlate), and the wijken or
 * buurten of a gemeente ranked on one or more indicators (wijken). Each
 * reads the store through indicators.h and returns a result table with its
 * statistics and notes (how series and periods were chosen, what the
 * numbers say); nothing is printed here.
 */
#ifndef INZICHT_COMPARE_H
#define INZICHT_COMPARE_H

#include <stddef.h>

#include "inzicht/error.h"
#include "inzicht/indicators.h"
#include "inzicht/store.h"
#include "inzicht/table.h"

/* Borrowed strings; NULL for the defaults. */
struct iz_correlate_opts {
	const char *x, *y;                   /* indicator ids, required */
	const char *x_category, *y_category; /* NULL: the main series */
	enum iz_level level;
	const char *within;    /* NULL: all regions of the level */
	const char *period;    /* NULL: the latest period both have */
	const char *highlight; /* region to place against the fit, or NULL */
};

#define IZ_CORRELATE_OPTS_INIT                                               \
	{ .x = NULL, .y = NULL, .x_category = NULL, .y_category = NULL,      \
	  .level = IZ_LEVEL_GEMEENTE, .within = NULL, .period = NULL,        \
	  .highlight = NULL }

/* At least this many regions with both values: the Fisher interval needs
 * n > 3 and so does the externally studentized residual. */
#define IZ_CORRELATE_MIN_N 4

/*
 * x against y across the regions of the level, in one period. Rows, one
 * per region in either series (by code): region, name, x, y, fitted,
 * residual, studentized_residual (R's rstudent: externally studentized);
 * regions missing x or y show them empty and are not fitted. Statistics:
 * n, dropped, pearson_r, pearson_ci_low, pearson_ci_high (Fisher z, 95%),
 * pearson_p, spearman_rho, spearman_p, slope, intercept, r2, and for the
 * highlighted region fitted, residual, studentized_residual. *out is new
 * (caller frees). Errors: those of iz_indicators_load_pair; fewer than
 * IZ_CORRELATE_MIN_N regions with both values, an indicator without
 * variation, a highlighted region that is not among them (IZ_EINPUT).
 */
int iz_compare_correlate(struct iz_table **out, struct iz_store *st,
			 const struct iz_correlate_opts *o,
			 struct iz_error *err);

/* At most this many indicators in one ranking. */
#define IZ_WIJKEN_MAX 16

struct iz_wijken_opts {
	const char *indicators[IZ_WIJKEN_MAX]; /* ids */
	const char *categories[IZ_WIJKEN_MAX]; /* NULL: the main series */
	size_t n;
	enum iz_level level; /* wijk or buurt */
	const char *within;  /* gemeente code, required */
	const char *period;  /* NULL: each indicator's latest */
};

#define IZ_WIJKEN_OPTS_INIT                                                  \
	{ .n = 0, .level = IZ_LEVEL_WIJK, .within = NULL, .period = NULL }

/*
 * The wijken (or buurten) of a gemeente ranked worst first. Columns: rank,
 * region, name, then per indicator I: I (the value), I_z (z-score among the
 * gemeente's wijken, as R's scale()), I_gemeente and I_nl (the gemeente's
 * and the national value of the same series and period); with two or more
 * indicators a final column score: the mean of the polarity-aligned
 * z-scores (sign flipped where higher is better, so that higher = worse on
 * each; neutral indicators are left out). One indicator ranks on its value
 * (worst first by polarity; highest first when neutral), several on the
 * score. Regions without a value (or a score) come last, unranked. *out is
 * new (caller frees). Errors as iz_indicators_load.
 */
int iz_compare_wijken(struct iz_table **out, struct iz_store *st,
		      const struct iz_wijken_opts *o, struct iz_error *err);

#endif
