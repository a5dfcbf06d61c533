/*
 * The open indicators across regions, as the analyses that compare regions
 * read them (correlate, wijken; risk and peers): which series of a catalog
 * indicator id to use (dataset and source category), which period, which
 * regions (a level, optionally within a gemeente or wijk), and their values
 * as parallel arrays. Reads the store only; what was chosen and why comes
 * back as notes, never printed here.
 *
 * Choices, in this order:
 *  - series: within a dataset, the category given (dims, e.g.
 *    "Leeftijd=53115"), else the main series: dims "" when it exists, else
 *    the series whose life stage is "totaal", else the first by dims;
 *  - period: the one given, else the latest period in which the series has
 *    at least one value among the selected regions;
 *  - dataset: when the id lives in several datasets (kwb-2024, kwb-2025),
 *    the one with values in that period (the most values; on a tie the
 *    later dataset id).
 * Regions: level gemeente = codes GM*, wijk = WK*, buurt = BU*; within a
 * code = regions whose parent (or parent's parent) is that code, or whose
 * code continues it (GM0363 -> WK0363*, BU0363*; WK0363AD -> BU0363AD*).
 * Only regions with an observation row for the series and period count;
 * a row without a value is "missing" (status says why).
 */
#ifndef INZICHT_INDICATORS_H
#define INZICHT_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inzicht/error.h"
#include "inzicht/store.h"

enum iz_level {
	IZ_LEVEL_GEMEENTE,
	IZ_LEVEL_WIJK,
	IZ_LEVEL_BUURT,
};

/* "gemeente", "wijk" or "buurt"; else -1 with IZ_EUSAGE. */
int iz_indicators_level_parse(enum iz_level *out, const char *name,
			      struct iz_error *err);
/* Static strings: "wijk"; "wijken"; the code prefix "WK". */
const char *iz_indicators_level_name(enum iz_level level);
const char *iz_indicators_level_plural(enum iz_level level);
const char *iz_indicators_level_prefix(enum iz_level level);

/* One series: a row of the store's indicator table. Owns its strings. */
struct iz_series {
	int64_t id;
	char *code;    /* catalog indicator id */
	char *dataset; /* catalog dataset id */
	char *dims;    /* source category ("Leeftijd=20300"), "" for none */
	char *title;
	char *unit;
	char *spearhead; /* the vocabularies of the catalog; "" when unset */
	char *polarity;
	char *life_stage;
	char *household_type;
	int decimals; /* -1 when unknown */
	bool approximate;
};

/* +1 when a higher value is worse (lower_is_better), -1 when a higher
 * value is better, 0 for neutral or unknown polarity. */
int iz_series_badness(const struct iz_series *s);

/*
 * Every series of indicator id code, ordered by dataset and dims, into a
 * new array *out of *n (free with iz_series_free). An id the store does not
 * hold is an IZ_EUSAGE error that points at 'inzicht query indicators'.
 */
int iz_indicators_series(struct iz_series **out, size_t *n,
			 struct iz_store *st, const char *code,
			 struct iz_error *err);
/* Free an array from iz_indicators_series; accepts NULL. */
void iz_series_free(struct iz_series *s, size_t n);

/* What to read: borrowed strings, NULL for the defaults. */
struct iz_select {
	enum iz_level level;
	const char *within;   /* gemeente or wijk code; NULL: all regions */
	const char *period;   /* CBS period code; NULL or "latest": latest */
	const char *category; /* dims of the series; NULL: the main series */
};

#define IZ_SELECT_INIT                                                       \
	{ .level = IZ_LEVEL_GEMEENTE, .within = NULL, .period = NULL,        \
	  .category = NULL }

/*
 * Values of one series in one period, one entry per region (sorted by
 * code) in parallel arrays of n. Owns everything; iz_values_release.
 */
struct iz_values {
	struct iz_series series;
	char *period;
	size_t n;       /* regions with an observation row */
	size_t missing; /* of which without a value */
	char **code;
	char **name;   /* "" when the store has none; freed with code */
	char **status; /* NULL when the source gave none */
	double *value; /* NAN when missing */
	double *ci_low, *ci_high; /* published 95% bounds, NAN when none */
	char **notes;  /* one line each: how series, dataset, period were
			* chosen */
	size_t nnotes;
};

/*
 * Read indicator code for the selection into *out (caller releases, also
 * after a failure). Errors: unknown indicator, category or within region
 * (IZ_EUSAGE); no value in the selection or the period (IZ_EINPUT, with
 * the periods that do have values).
 */
int iz_indicators_load(struct iz_values *out, struct iz_store *st,
		       const char *code, const struct iz_select *sel,
		       struct iz_error *err);

/*
 * Read two indicators for the same regions and period: without a period
 * in sel, the latest period in which both have values (an IZ_EINPUT error
 * names the periods of each when there is none). sel->category is ignored;
 * x_category and y_category choose the series (NULL: main series).
 */
int iz_indicators_load_pair(struct iz_values *x_out, struct iz_values *y_out,
			    struct iz_store *st, const char *x,
			    const char *x_category, const char *y,
			    const char *y_category,
			    const struct iz_select *sel,
			    struct iz_error *err);

/* Free what v holds and zero it; accepts a zeroed struct. */
void iz_values_release(struct iz_values *v);

/* Index of region code in v, or -1. */
long iz_values_find(const struct iz_values *v, const char *code);

/*
 * The value of series s for one region in period: 1 and *out set, 0 when
 * the region has no row or no value (*out NAN), -1 on a store error.
 * iz_indicators_national tries NL01, then NL00 (KWB's code).
 */
int iz_indicators_value(double *out, struct iz_store *st,
			const struct iz_series *s, const char *period,
			const char *region, struct iz_error *err);
int iz_indicators_national(double *out, struct iz_store *st,
			   const struct iz_series *s, const char *period,
			   struct iz_error *err);

#endif
