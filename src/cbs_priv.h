/*
 * Internals shared by the CBS v3 (cbs.c) and v4 (cbs4.c) loaders: the state
 * of one dataset load and the steps both protocols have in common.
 */
#ifndef INZICHT_CBS_PRIV_H
#define INZICHT_CBS_PRIV_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "inzicht/cbs.h"
#include "inzicht/http.h"
#include "inzicht/strmap.h"

struct topic {
	char *key;
	char *title;
	char *unit;
	int decimals;
	const struct iz_measure_map *map; /* NULL when unmapped */
};

enum dim_kind { DIM_GEO, DIM_TIME, DIM_OTHER };

struct dim {
	char *key;
	enum dim_kind kind;
	struct iz_strmap *padded; /* trimmed code -> padded key (char *) */
	const struct iz_dim_map *map;
};

struct load {
	struct iz_http *h;
	struct iz_store *st;
	const struct iz_dataset *ds;
	struct iz_error *err;
	char *base; /* canonical base URL of the table, ends in '/' */
	struct topic *topics;
	size_t ntopics;
	struct dim *dims;
	size_t ndims;
	int geo, time, margin; /* dimension indexes, -1 when absent */
	struct iz_strmap *series; /* dims string -> int64_t[ntopics] */
	struct iz_obs *batch; /* parts waiting for cbs_flush */
	size_t nbatch, capbatch;
	int64_t observations, pages;
	char *modified;
	iz_progress_fn progress;
	void *progress_ctx;
	char period[16]; /* for tables without a time dimension */
};

/* GET url and parse it as a JSON object; *root owned by the caller. */
int cbs_get_json(json_t **root, struct load *l, const char *url);
/* The "value" array of root, or NULL with an error naming url. */
json_t *cbs_value_array(struct load *l, json_t *root, const char *url);
/* String member (may be NULL when allow_null); error naming url, key. */
int cbs_str(const char **out, struct load *l, json_t *obj, const char *key,
	    const char *url, bool allow_null);

/* Check the catalog's measures, dimensions and filters against what the
 * table offers. */
int cbs_check_catalog(struct load *l, const char *url);
/* Add a topic (selected when the catalog maps it or maps none). */
void cbs_add_topic(struct load *l, const char *key, const char *title,
		   const char *unit, int decimals);
void cbs_add_dim(struct load *l, const char *key, enum dim_kind kind);
/* Store a dimension item: region, period or code. */
int cbs_dim_item(struct load *l, struct dim *d, const char *padded,
		 const char *title, const char *status);
/* The indicator ids (one per topic) for a dims string. */
int64_t *cbs_series(struct load *l, const char *dims);
/* A value as the loader tells values apart. */
enum cbs_kind { CBS_MISSING, CBS_NUMBER, CBS_NULL, CBS_STRING, CBS_OTHER };

struct cbs_cell {
	enum cbs_kind kind;
	double number;   /* CBS_NUMBER */
	const char *str; /* CBS_STRING; lent by the page or the JSON tree */
};

/* The cell of a JSON value (NULL: missing); strings lent by v. */
struct cbs_cell cbs_cell_of(json_t *v);

/* Queue one value of topic t for a row: region and period must live until
 * the next cbs_flush. */
int cbs_put(struct load *l, int64_t indicator, const char *region,
	    const char *period, enum iz_obs_part part,
	    const struct cbs_cell *v, const char *url, const char *what);

/* Store the queued values. */
int cbs_flush(struct load *l);

void cbs_load_release(struct load *l);
/* Append ";key=code" to the series key in buf (cap bytes, *len used);
 * -1 with an error naming url and row when it does not fit. */
int cbs_dims_append(struct load *l, char *buf, size_t cap, size_t *len,
		    const char *key, const char *code, const char *url,
		    size_t row);
/* Copy a dimension code, trimmed, into buf; -1 when it does not fit. */
int cbs_code_copy(struct load *l, char *buf, size_t cap, const char *code,
		  const char *url, size_t row);

/* A table without a region dimension holds national figures: NL01. */
int cbs_national_region(struct load *l);
/* A table without a time dimension (one edition per year) takes its period
 * from the table's Period ("2025") or else the year in its title; remember
 * the candidates here, before the dimensions are known. */
void cbs_note_period(struct load *l, const char *period, const char *title);
/* Store that period when the table turned out to have no time dimension;
 * an error when no year could be found. */
int cbs_default_period(struct load *l, const char *url);
/* Count a finished page and report progress. */
void cbs_page_done(struct load *l);

/* Parse a response body as a JSON object (content type checked), errors
 * naming url into err; *root owned by the caller. */
int cbs_parse_body(json_t **root, const struct iz_response *r,
		   const char *url, struct iz_error *err);
/* A content type that may hold JSON (a missing one may). */
bool cbs_json_type(const char *content_type);

/* A TypedDataSet page as the v3 loader reads it (cbs_page.c), built on the
 * fetching thread: for each row whether it is an object, its dimension
 * codes as sent (NULL when not a string) and one cell per topic. */
struct cbs_page {
	size_t nrows, cap, ndims, ntopics;
	bool *object;           /* [nrows] */
	const char **codes;     /* [nrows * ndims] */
	struct cbs_cell *cells; /* [nrows * ntopics] */
	const char *link;       /* next page (scanned pages), or NULL */
	json_t *root;           /* a page parsed by jansson, or NULL */
	char *text;             /* the strings of a scanned page */
};

/* The keys of a load's dimensions and topics, looked up by the scanner;
 * names lent by l, which must outlive them. */
struct cbs_keys;
struct cbs_keys *cbs_keys_new(const struct load *l);
void cbs_keys_free(struct cbs_keys *k);

/* Decode a page (*out owned by the caller, cbs_page_free); -1 with an
 * error naming url, as parsing the body with jansson would give. */
int cbs_page_decode(struct cbs_page **out, const struct iz_response *r,
		    const char *url, const struct cbs_keys *k,
		    const char *link_key, struct iz_error *err);
void cbs_page_free(struct cbs_page *pg);

/* GET url and parse it as a JSON object, errors into err (any thread). */
int cbs_fetch_json(json_t **root, struct iz_http *h, const char *url,
		   struct iz_error *err);

/* Pages of a collection, fetched one ahead on a second thread
 * (cbs_pages.c). link_key: "odata.nextLink" or "@odata.nextLink". Every
 * page handed out has a "value" list. typed: hand out cbs_page's decoded
 * for l's dimensions and topics (fixed from now on) instead of JSON. */
struct cbs_pages;
int cbs_pages_start(struct cbs_pages **out, struct load *l, const char *first,
		    const char *link_key, bool typed);
/* 1 with the next page (*root or, when typed, *page, and *url owned by the
 * caller), 0 at the end, -1 with l->err set. */
int cbs_pages_next(struct cbs_pages *p, json_t **root, struct cbs_page **page,
		   char **url);
/* Stop fetching, wait for the thread and free everything (NULL is ok). */
void cbs_pages_stop(struct cbs_pages *p);

/* v4 entry point (cbs4.c). */
int cbs4_fetch(struct load *l, const struct iz_cbs_table_row *listed);

#endif
