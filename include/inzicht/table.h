/*
 * A result table: typed columns, rows of cells, and per cell an optional
 * suppression mark. Every analysis returns one; output and report only render
 * them. No I/O here.
 */
#ifndef INZICHT_TABLE_H
#define INZICHT_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum iz_coltype {
	IZ_COL_TEXT,
	IZ_COL_INT,
	IZ_COL_REAL,
};

struct iz_column {
	char *name;
	enum iz_coltype type;
	int decimals; /* for IZ_COL_REAL in table/csv output; -1 = shortest */
};

enum iz_cellkind {
	IZ_CELL_NULL,       /* no value (missing) */
	IZ_CELL_TEXT,
	IZ_CELL_INT,
	IZ_CELL_REAL,
	IZ_CELL_SUPPRESSED, /* value withheld by disclosure control */
};

struct iz_cell {
	enum iz_cellkind kind;
	union {
		char *text;
		int64_t i;
		double r;
	} v;
	char *reason; /* for SUPPRESSED (and optionally NULL): why; owned */
};

/* An opaque table; cells are row-major. */
struct iz_table;

/* New empty table with no columns; never NULL. Free with iz_table_free. */
struct iz_table *iz_table_new(void);
void iz_table_free(struct iz_table *t);

/* Append a column; only before the first row. decimals as in iz_column. */
void iz_table_add_column(struct iz_table *t, const char *name,
			 enum iz_coltype type, int decimals);

/* Change how column col renders (allowed at any time). */
void iz_table_set_column_type(struct iz_table *t, size_t col,
			      enum iz_coltype type);

/* Start a new row (all cells NULL); returns its index. */
size_t iz_table_add_row(struct iz_table *t);

/* Setters on cell (row, col) of an existing row; text is copied. */
void iz_table_set_text(struct iz_table *t, size_t row, size_t col,
		       const char *text);
void iz_table_set_int(struct iz_table *t, size_t row, size_t col, int64_t v);
void iz_table_set_real(struct iz_table *t, size_t row, size_t col, double v);
void iz_table_set_null(struct iz_table *t, size_t row, size_t col);
/* Mark a cell suppressed, keeping nothing of its value; reason is copied. */
void iz_table_suppress(struct iz_table *t, size_t row, size_t col,
		       const char *reason);

size_t iz_table_ncols(const struct iz_table *t);
size_t iz_table_nrows(const struct iz_table *t);
/* Lent while the table lives and is not changed. */
const struct iz_column *iz_table_column(const struct iz_table *t, size_t col);
const struct iz_cell *iz_table_cell(const struct iz_table *t, size_t row,
				    size_t col);
/* Index of column name, or -1. */
long iz_table_find_column(const struct iz_table *t, const char *name);

/*
 * Metadata that travels with the table into JSON output: statistics (name ->
 * number) and the disclosure note. Keys are copied; order is kept.
 */
void iz_table_set_stat(struct iz_table *t, const char *key, double value);
void iz_table_set_stat_text(struct iz_table *t, const char *key,
			    const char *value);
size_t iz_table_nstats(const struct iz_table *t);
/* Lend stat i: its key, and either *text (non-NULL) or *value. */
void iz_table_stat(const struct iz_table *t, size_t i, const char **key,
		   double *value, const char **text);

/* The disclosure rule the table passed (one line, words) and its
 * threshold; JSON output carries them under "suppression". */
void iz_table_set_disclosure(struct iz_table *t, const char *rule,
			     long min_cell);
/* NULL when the table did not pass disclosure control. */
const char *iz_table_disclosure_rule(const struct iz_table *t);
long iz_table_min_cell(const struct iz_table *t);

/* Free-text notes (one line each) printed to stderr for table/csv, and
 * carried as "notes" in JSON. */
void iz_table_add_note(struct iz_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
size_t iz_table_nnotes(const struct iz_table *t);
const char *iz_table_note(const struct iz_table *t, size_t i);

#endif
