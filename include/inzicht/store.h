/*
 * The local store: one SQLite file holding the open-data indicators (and,
 * from schema 2 on, the municipal records). Opening applies the pragmas and
 * the schema migrations; every write happens inside an explicit transaction.
 * sqlite3.h is included here only: no other module talks SQL directly.
 */
#ifndef INZICHT_STORE_H
#define INZICHT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inzicht/error.h"
#include "inzicht/table.h"

struct iz_store;

enum iz_store_mode {
	IZ_STORE_READWRITE, /* create when missing (mode 0600), migrate */
	IZ_STORE_READONLY,  /* must exist; no writes, no migration */
};

/* The schema version this build writes (PRAGMA user_version). */
#define IZ_STORE_SCHEMA_VERSION 6

/*
 * Open the store at path. Read-write creates the file with mode 0600 when
 * missing and migrates it to IZ_STORE_SCHEMA_VERSION; read-only refuses a
 * missing file and a store newer than this build. *out is owned by the
 * caller (iz_store_close). Returns 0, or -1 with IZ_ESTORE.
 */
int iz_store_open(struct iz_store **out, const char *path,
		  enum iz_store_mode mode, struct iz_error *err);
void iz_store_close(struct iz_store *st);

/*
 * Create a new store at an older schema version (1 up to
 * IZ_STORE_SCHEMA_VERSION), as the release that introduced that version
 * left it: the start of every migration test. Returns 0, or -1 with
 * IZ_ESTORE (the file exists, or a bad version).
 */
int iz_store_create_at_version(const char *path, int version,
			       struct iz_error *err);

/* The path given to iz_store_open; lent. */
const char *iz_store_path(const struct iz_store *st);

int iz_store_begin(struct iz_store *st, struct iz_error *err);
int iz_store_commit(struct iz_store *st, struct iz_error *err);
/* Roll back the open transaction, if any; never fails visibly. */
void iz_store_rollback(struct iz_store *st);

/*
 * Run one SQL statement with named parameters (":name" bound from names[i]
 * -> values[i]; a parameter without a value is an error) and collect the
 * rows into a new table (*out, caller frees). Column types follow the first
 * non-NULL value of each column. Used by `query` on a read-only store and
 * by the listing commands.
 */
int iz_store_query(struct iz_table **out, struct iz_store *st, const char *sql,
		   const char *const *names, const char *const *values,
		   size_t nparams, struct iz_error *err);

/* One row of a streamed query: lent to the callback only. */
struct iz_row;
int64_t iz_row_int(const struct iz_row *r, int col);
double iz_row_double(const struct iz_row *r, int col);
/* NULL for SQL NULL; lent until the callback returns. */
const char *iz_row_text(const struct iz_row *r, int col);
bool iz_row_is_null(const struct iz_row *r, int col);
/* The value in col, or dflt when it is NULL: one column lookup, where
 * iz_row_is_null and iz_row_int take two (large scans). */
int64_t iz_row_int_or(const struct iz_row *r, int col, int64_t dflt);
double iz_row_double_or(const struct iz_row *r, int col, double dflt);

/* Called for every row; return 0 to go on, 1 to stop early (not an error:
 * the rest is not needed), -1 to stop with err set. */
typedef int (*iz_row_fn)(void *ctx, const struct iz_row *row,
			 struct iz_error *err);

/*
 * Run one statement with named parameters (as iz_store_query) and call fn
 * for every row without building a table: for large scans.
 */
int iz_store_each(struct iz_store *st, const char *sql,
		  const char *const *names, const char *const *values,
		  size_t nparams, iz_row_fn fn, void *ctx,
		  struct iz_error *err);

/* What a source reports about a dataset's table (catalog and TableInfos). */
struct iz_dataset_meta {
	const char *id;
	const char *source;
	const char *catalog;
	const char *table_id;
	const char *title;
	const char *modified;        /* source's Modified, verbatim */
	const char *reason_delivery; /* e.g. Actualisering, Stopgezet */
	const char *frequency;
	const char *output_status;   /* Regulier, Gediscontinueerd */
	const char *newer_edition;   /* id of a newer table, or NULL */
};

/*
 * Start replacing a dataset inside the open transaction: upsert its row and
 * delete its indicators, observations and periods.
 */
int iz_store_dataset_reset(struct iz_store *st,
			   const struct iz_dataset_meta *meta,
			   struct iz_error *err);
/* Record the completed load: row count and fetched_at = now (UTC). */
int iz_store_dataset_done(struct iz_store *st, const char *dataset,
			  int64_t rows, struct iz_error *err);
/*
 * The stored source Modified of dataset: *out is a new string (caller frees)
 * or NULL when the dataset was never loaded.
 */
int iz_store_dataset_modified(char **out, struct iz_store *st,
			      const char *dataset, struct iz_error *err);
/* Update catalog flags (stopped, newer edition) without touching data. */
int iz_store_dataset_flags(struct iz_store *st,
			   const struct iz_dataset_meta *meta,
			   struct iz_error *err);

/* One fetch attempt's outcome, written outside the data transaction. */
int iz_store_log_fetch(struct iz_store *st, const char *dataset,
		       const char *result, int64_t rows, double seconds,
		       const char *message, struct iz_error *err);

struct iz_indicator_def {
	const char *dataset;
	const char *code;    /* catalog indicator id */
	const char *measure; /* the source's measure key */
	const char *dims;    /* other dimension codes, "Dim=code;...", or "" */
	const char *title;
	const char *unit;
	int decimals;
	const char *spearhead;
	const char *polarity;
	const char *life_stage;
	const char *household_type;
	bool approximate;
};

/* Insert an indicator (series); *id_out receives its row id. */
int iz_store_put_indicator(int64_t *id_out, struct iz_store *st,
			   const struct iz_indicator_def *def,
			   struct iz_error *err);

/* Upsert a region: name and parent only overwrite when non-NULL. */
int iz_store_put_region(struct iz_store *st, const char *code,
			const char *name, const char *level,
			const char *parent, struct iz_error *err);

int iz_store_put_period(struct iz_store *st, const char *dataset,
			const char *code, const char *title,
			const char *status, struct iz_error *err);

enum iz_obs_part {
	IZ_OBS_VALUE, /* the value (and its status) */
	IZ_OBS_LOWER, /* lower bound of the published 95% interval */
	IZ_OBS_UPPER, /* upper bound */
};

/*
 * Store one observation part. has_value false means missing: value is
 * stored as NULL and status (never NULL then) keeps the reason.
 */
int iz_store_put_observation(struct iz_store *st, int64_t indicator,
			     const char *region, const char *period,
			     enum iz_obs_part part, bool has_value,
			     double value, const char *status,
			     struct iz_error *err);

/* One observation part, as the arguments of iz_store_put_observation. */
struct iz_obs {
	int64_t indicator;
	const char *region;
	const char *period;
	enum iz_obs_part part;
	bool has_value;
	double value;
	const char *status; /* the reason when !has_value, else unused */
};

/*
 * Store n observation parts with the same effect as n calls of
 * iz_store_put_observation in that order, through one statement per run of
 * equal parts (per-row statements cost about a third of an insert). The
 * strings are lent for the call only. Returns 0, or -1 with IZ_ESTORE.
 */
int iz_store_put_observations(struct iz_store *st, const struct iz_obs *obs,
			      size_t n, struct iz_error *err);

/* ---- municipal records (schema 2; dates as day numbers since 4) ------- */

/* A household in one period. id is the keyed pseudonym, never a clear
 * identifier. Unknown values: head_birth_year 0, children -1,
 * income_pct_sm < 0, household_type/region NULL. */
struct iz_household {
	int64_t id;
	int period; /* year */
	const char *region;
	int head_birth_year;
	const char *household_type;
	int children;
	double income_pct_sm;
};

struct iz_participation {
	int64_t household;
	const char *scheme;
	const char *start_date; /* YYYY-MM-DD */
	const char *end_date;   /* YYYY-MM-DD, or NULL: ongoing */
};

struct iz_signal {
	int64_t household;
	const char *partner;
	const char *signal_date; /* YYYY-MM-DD */
	double arrears_eur;      /* < 0: unknown */
	const char *outcome;     /* normalised category or NULL */
};

/* Upserts on the natural keys (household+period; household+scheme+start;
 * household+partner+date), so importing a file twice changes nothing.
 * Dates are stored as days since 1970-01-01 (columns start_day, end_day,
 * signal_day); one that is not YYYY-MM-DD fails with IZ_ESTORE. */
int iz_store_put_household(struct iz_store *st, const struct iz_household *h,
			   struct iz_error *err);
int iz_store_put_participation(struct iz_store *st,
			       const struct iz_participation *p,
			       struct iz_error *err);
int iz_store_put_signal(struct iz_store *st, const struct iz_signal *g,
			struct iz_error *err);

/* The same for n rows in this order (a later row replaces an earlier one
 * with the same key); IZ_STORE_PUT_ROWS rows go in one statement, cheaper
 * than as many single-row ones. Rows are borrowed. */
#define IZ_STORE_PUT_ROWS 32
int iz_store_put_households(struct iz_store *st,
			    const struct iz_household *const *h, size_t n,
			    struct iz_error *err);
int iz_store_put_participations(struct iz_store *st,
				const struct iz_participation *const *p,
				size_t n, struct iz_error *err);
int iz_store_put_signals(struct iz_store *st, const struct iz_signal *const *g,
			 size_t n, struct iz_error *err);
int iz_store_put_scheme(struct iz_store *st, const char *code,
			const char *name, const char *spearhead,
			double threshold, const char *target,
			struct iz_error *err);
int iz_store_log_import(struct iz_store *st, const char *kind,
			const char *file, const char *sha256, int64_t rows,
			int64_t rejected, struct iz_error *err);

#endif
