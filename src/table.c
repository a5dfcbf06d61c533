/*
 * In-memory result tables: the one shape every analysis returns and every
 * renderer reads.
 */
#include "inzicht/table.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/error.h"

struct stat_entry {
	char *key;
	char *text;
	double value;
};

struct iz_table {
	struct iz_column *cols;
	size_t ncols;
	struct iz_cell *cells; /* nrows * ncols */
	size_t nrows, cap;
	struct stat_entry *stats;
	size_t nstats;
	char **notes;
	size_t nnotes;
	char *rule;
	long min_cell;
};

struct iz_table *iz_table_new(void)
{
	return iz_xcalloc(1, sizeof(struct iz_table));
}

static void cell_release(struct iz_cell *c)
{
	if (c->kind == IZ_CELL_TEXT)
		free(c->v.text);
	free(c->reason);
	memset(c, 0, sizeof(*c));
}

void iz_table_free(struct iz_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		cell_release(&t->cells[i]);
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i].name);
	for (i = 0; i < t->nstats; i++) {
		free(t->stats[i].key);
		free(t->stats[i].text);
	}
	for (i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
	free(t->notes);
	free(t->rule);
	free(t->stats);
	free(t->cells);
	free(t->cols);
	free(t);
}

void iz_table_add_column(struct iz_table *t, const char *name,
			 enum iz_coltype type, int decimals)
{
	struct iz_column *c;

	assert(t->nrows == 0);
	t->cols = iz_xrealloc(t->cols, (t->ncols + 1) * sizeof(*t->cols));
	c = &t->cols[t->ncols++];
	c->name = iz_xstrdup(name);
	c->type = type;
	c->decimals = decimals;
}

void iz_table_set_column_type(struct iz_table *t, size_t col,
			      enum iz_coltype type)
{
	t->cols[col].type = type;
}

size_t iz_table_add_row(struct iz_table *t)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->cells = iz_xrealloc(t->cells,
				       t->cap * t->ncols * sizeof(*t->cells));
	}
	memset(&t->cells[t->nrows * t->ncols], 0,
	       t->ncols * sizeof(*t->cells));
	return t->nrows++;
}

static struct iz_cell *cell_at(struct iz_table *t, size_t row, size_t col)
{
	struct iz_cell *c = &t->cells[row * t->ncols + col];

	cell_release(c);
	return c;
}

void iz_table_set_text(struct iz_table *t, size_t row, size_t col,
		       const char *text)
{
	struct iz_cell *c = cell_at(t, row, col);

	if (!text)
		return;
	c->kind = IZ_CELL_TEXT;
	c->v.text = iz_xstrdup(text);
}

void iz_table_set_int(struct iz_table *t, size_t row, size_t col, int64_t v)
{
	struct iz_cell *c = cell_at(t, row, col);

	c->kind = IZ_CELL_INT;
	c->v.i = v;
}

void iz_table_set_real(struct iz_table *t, size_t row, size_t col, double v)
{
	struct iz_cell *c = cell_at(t, row, col);

	c->kind = IZ_CELL_REAL;
	c->v.r = v;
}

void iz_table_set_null(struct iz_table *t, size_t row, size_t col)
{
	cell_at(t, row, col);
}

void iz_table_suppress(struct iz_table *t, size_t row, size_t col,
		       const char *reason)
{
	struct iz_cell *c = cell_at(t, row, col);

	c->kind = IZ_CELL_SUPPRESSED;
	c->reason = reason ? iz_xstrdup(reason) : NULL;
}

size_t iz_table_ncols(const struct iz_table *t)
{
	return t->ncols;
}

size_t iz_table_nrows(const struct iz_table *t)
{
	return t->nrows;
}

const struct iz_column *iz_table_column(const struct iz_table *t, size_t col)
{
	return &t->cols[col];
}

const struct iz_cell *iz_table_cell(const struct iz_table *t, size_t row,
				    size_t col)
{
	return &t->cells[row * t->ncols + col];
}

long iz_table_find_column(const struct iz_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return (long)i;
	return -1;
}

static struct stat_entry *stat_slot(struct iz_table *t, const char *key)
{
	struct stat_entry *s;
	size_t i;

	for (i = 0; i < t->nstats; i++) {
		if (strcmp(t->stats[i].key, key) == 0) {
			free(t->stats[i].text);
			t->stats[i].text = NULL;
			return &t->stats[i];
		}
	}
	t->stats = iz_xrealloc(t->stats, (t->nstats + 1) * sizeof(*t->stats));
	s = &t->stats[t->nstats++];
	s->key = iz_xstrdup(key);
	s->text = NULL;
	s->value = 0;
	return s;
}

void iz_table_set_stat(struct iz_table *t, const char *key, double value)
{
	stat_slot(t, key)->value = value;
}

void iz_table_set_stat_text(struct iz_table *t, const char *key,
			    const char *value)
{
	stat_slot(t, key)->text = iz_xstrdup(value);
}

size_t iz_table_nstats(const struct iz_table *t)
{
	return t->nstats;
}

void iz_table_stat(const struct iz_table *t, size_t i, const char **key,
		   double *value, const char **text)
{
	*key = t->stats[i].key;
	*value = t->stats[i].value;
	*text = t->stats[i].text;
}

void iz_table_add_note(struct iz_table *t, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	t->notes = iz_xrealloc(t->notes, (t->nnotes + 1) * sizeof(*t->notes));
	t->notes[t->nnotes++] = iz_xstrdup(buf);
}

size_t iz_table_nnotes(const struct iz_table *t)
{
	return t->nnotes;
}

const char *iz_table_note(const struct iz_table *t, size_t i)
{
	return t->notes[i];
}

void iz_table_set_disclosure(struct iz_table *t, const char *rule,
			     long min_cell)
{
	free(t->rule);
	t->rule = iz_xstrdup(rule);
	t->min_cell = min_cell;
}

const char *iz_table_disclosure_rule(const struct iz_table *t)
{
	return t->rule;
}

long iz_table_min_cell(const struct iz_table *t)
{
	return t->min_cell;
}
