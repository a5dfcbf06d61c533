/*
 * The dataset catalog: one JSON file per dataset in a directory (default
 * datasets/). Says what to fetch and how each source measure maps onto an
 * indicator (spearhead, polarity, life stage, household type). Parsing is
 * strict: unknown keys and bad values are rejected with file and key.
 */
#ifndef INZICHT_CATALOG_H
#define INZICHT_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "inzicht/error.h"

enum iz_source {
	IZ_SOURCE_CBS_V3,
	IZ_SOURCE_CBS_V4,
	IZ_SOURCE_SWING_ODS,
	IZ_SOURCE_CSV,
};

enum iz_margin {
	IZ_MARGIN_NONE,
	IZ_MARGIN_VALUE,
	IZ_MARGIN_LOWER,
	IZ_MARGIN_UPPER,
};

/* How one source measure (or CSV column, or Swing variable) is loaded. */
struct iz_measure_map {
	char *key;            /* measure key / column name / variable code */
	char *indicator;      /* indicator id; defaults to key */
	char *title;          /* expected title, or NULL (no check) */
	char *label;          /* title shown (store, report); NULL: the
			       * source's title */
	char *unit;           /* expected unit, or NULL (no check) */
	const char *spearhead; /* static vocabulary string, or NULL */
	const char *polarity;  /* static vocabulary string, or NULL */
	const char *life_stage;
	const char *household_type;
	bool approximate;
};

/* How one code of a non-region dimension maps onto the vocabulary. */
struct iz_code_map {
	char *code; /* trimmed */
	const char *life_stage;
	const char *household_type;
	bool approximate;
	enum iz_margin margin;
};

struct iz_dim_map {
	char *dim;
	struct iz_code_map *codes;
	size_t ncodes;
	bool is_margin; /* some code carries a margin role */
};

enum iz_filter_kind {
	IZ_FILTER_CODES,  /* dimension eq one of values (trimmed codes) */
	IZ_FILTER_PREFIX, /* dimension starts with one of values */
};

struct iz_filter {
	char *dim;
	enum iz_filter_kind kind;
	char **values;
	size_t nvalues;
};

struct iz_dataset {
	char *id;
	char *file; /* the catalog file it came from */
	enum iz_source source;
	char *catalog; /* CBS catalog name; "CBS" by default */
	char *table;   /* CBS table id (cbs-v3/v4) */
	char *title;
	char *url;     /* csv: file URL; swing-ods: service base URL */
	char *base_url; /* optional override of the CBS host base */
	struct iz_measure_map *measures;
	size_t nmeasures;
	struct iz_filter *filters;
	size_t nfilters;
	struct iz_dim_map *dims;
	size_t ndims;
	/* csv */
	char *region_column;
	char *period_column;
	char *period; /* fixed period code when the file has no column */
	char delimiter;
	/* swing-ods */
	char *geo_level;
	char *period_level;
};

struct iz_catalog;

/*
 * Load every *.json in dir (sorted by file name). Returns 0, or -1 with
 * IZ_EINPUT naming the file and key. *out: caller frees (iz_catalog_free).
 */
int iz_catalog_load(struct iz_catalog **out, const char *dir,
		    struct iz_error *err);
void iz_catalog_free(struct iz_catalog *cat);

/* Parse one entry from JSON text; name is used in messages. */
int iz_catalog_parse(struct iz_dataset **out, const char *text,
		     const char *name, struct iz_error *err);
void iz_dataset_free(struct iz_dataset *ds);

size_t iz_catalog_count(const struct iz_catalog *cat);
/* Lent while the catalog lives. */
const struct iz_dataset *iz_catalog_get(const struct iz_catalog *cat,
					size_t i);
const struct iz_dataset *iz_catalog_find(const struct iz_catalog *cat,
					 const char *id);
/* The directory the catalog was loaded from; lent. */
const char *iz_catalog_dir(const struct iz_catalog *cat);

/* Lookups within a dataset; NULL when absent. */
const struct iz_measure_map *iz_dataset_measure(const struct iz_dataset *ds,
						const char *key);
const struct iz_dim_map *iz_dataset_dim(const struct iz_dataset *ds,
					const char *dim);
const struct iz_code_map *iz_dim_code(const struct iz_dim_map *dm,
				      const char *code);
const struct iz_filter *iz_dataset_filter(const struct iz_dataset *ds,
					  const char *dim);

/* "cbs-v3" etc. */
const char *iz_source_name(enum iz_source src);

/* Region level name -> code prefix ("gemeente" -> "GM"), or NULL. */
const char *iz_level_prefix(const char *level);

#endif
