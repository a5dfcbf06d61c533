/*
 * The csv source: GET an indicator file, turn it into UTF-8 (dropping a BOM,
 * reading Windows-1252 when the bytes are not UTF-8), split it with libcsv
 * and store one observation per row and catalog measure. The file is fed to
 * libcsv one physical line at a time so that every message can name the
 * line a record starts on, even after quoted fields that hold newlines.
 */
#include "inzicht/csvsource.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/region.h"
#include "inzicht/text.h"
#include "inzicht/strmap.h"

#define NO_COLUMN SIZE_MAX

/* The state of one file load; the libcsv callbacks only see this. */
struct csvload {
	struct iz_store *st;
	const struct iz_dataset *ds;
	const char *url;
	struct iz_error *err;
	struct csv_parser p;
	char **fields; /* the record being read */
	size_t nfields, cap;
	size_t nheader; /* fields in the header row; 0 before it */
	size_t region_col, period_col;
	/* Per catalog measure: its column and its indicator id. */
	size_t *measure_col;
	int64_t *indicator;
	/* Region and period codes already stored by this load. */
	struct iz_strmap *regions, *periods;
	char fixed_period[16];
	size_t line, record_line;
	bool pending, failed;
	int64_t observations;
};

/* ---- records ------------------------------------------------------- */

static void clear_fields(struct csvload *l)
{
	size_t i;

	for (i = 0; i < l->nfields; i++)
		free(l->fields[i]);
	l->nfields = 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct csvload *l = data;

	if (l->failed)
		return;
	if (l->nfields == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->fields = iz_xrealloc(l->fields, l->cap * sizeof(char *));
	}
	l->fields[l->nfields++] = s ? iz_xstrndup(s, len) : iz_xstrdup("");
}

/* Index of header column name; -1 with an error when absent or twice. */
static int find_column(size_t *out, struct csvload *l, const char *name)
{
	size_t i;

	*out = NO_COLUMN;
	for (i = 0; i < l->nfields; i++) {
		if (strcmp(l->fields[i], name) != 0)
			continue;
		if (*out != NO_COLUMN)
			return iz_fail(l->err, IZ_EINPUT,
				       "%s: column '%s' appears twice", l->url,
				       name);
		*out = i;
	}
	if (*out == NO_COLUMN)
		return iz_fail(l->err, IZ_EINPUT,
			       "%s: column '%s' of catalog entry '%s' is not "
			       "in the file",
			       l->url, name, l->ds->id);
	return 0;
}

static int header(struct csvload *l)
{
	const struct iz_dataset *ds = l->ds;
	size_t i;

	for (i = 0; i < l->nfields; i++)
		iz_trim(l->fields[i]);
	if (find_column(&l->region_col, l, ds->region_column) < 0 ||
	    (ds->period_column &&
	     find_column(&l->period_col, l, ds->period_column) < 0))
		return -1;
	for (i = 0; i < ds->nmeasures; i++)
		if (find_column(&l->measure_col[i], l, ds->measures[i].key) < 0)
			return -1;
	l->nheader = l->nfields;
	return 0;
}

/* The row's region code (trimmed in place), stored once per load. */
static const char *row_region(struct csvload *l)
{
	char *code = iz_trim(l->fields[l->region_col]);
	char *parent;
	int rc;

	if (!iz_region_code_valid(code)) {
		iz_fail(l->err, IZ_EINPUT,
			"%s:%zu: column '%s': bad region code", l->url,
			l->record_line, l->ds->region_column);
		return NULL;
	}
	if (iz_strmap_get(l->regions, code))
		return code;
	parent = iz_region_parent(code);
	rc = iz_store_put_region(l->st, code, NULL, iz_region_level(code),
				 parent, l->err);
	free(parent);
	if (rc < 0)
		return NULL;
	iz_strmap_put(l->regions, code, l);
	return code;
}

/* Store period code once per load; title is the cell as written. */
static int put_period(struct csvload *l, const char *code, const char *title)
{
	if (iz_strmap_get(l->periods, code))
		return 0;
	if (iz_store_put_period(l->st, l->ds->id, code, title, NULL, l->err) <
	    0)
		return -1;
	iz_strmap_put(l->periods, code, l);
	return 0;
}

static int row_period(char *out, size_t n, struct csvload *l)
{
	const char *cell;

	if (l->period_col == NO_COLUMN) {
		snprintf(out, n, "%s", l->fixed_period);
		return put_period(l, out, l->ds->period);
	}
	cell = iz_trim(l->fields[l->period_col]);
	if (iz_text_period(out, n, cell) < 0)
		return iz_fail(l->err, IZ_EINPUT,
			       "%s:%zu: column '%s': bad period (expected a "
			       "year or a CBS period code such as 2023JJ00)",
			       l->url, l->record_line, l->ds->period_column);
	return put_period(l, out, cell);
}

static int row_value(struct csvload *l, size_t m, const char *region,
		     const char *period)
{
	const char *status = NULL;
	double v = 0;
	int has =
		iz_text_number(&v, &status, l->fields[l->measure_col[m]]);

	if (has < 0)
		return iz_fail(l->err, IZ_EINPUT,
			       "%s:%zu: column '%s': not a number", l->url,
			       l->record_line, l->ds->measures[m].key);
	if (iz_store_put_observation(l->st, l->indicator[m], region, period,
				     IZ_OBS_VALUE, has == 1, v, status,
				     l->err) < 0)
		return -1;
	l->observations++;
	return 0;
}

static int data_row(struct csvload *l)
{
	char period[16];
	const char *region;
	size_t m;

	if (l->nfields != l->nheader)
		return iz_fail(l->err, IZ_EINPUT,
			       "%s:%zu: expected %zu fields, got %zu", l->url,
			       l->record_line, l->nheader, l->nfields);
	if (!(region = row_region(l)) ||
	    row_period(period, sizeof(period), l) < 0)
		return -1;
	for (m = 0; m < l->ds->nmeasures; m++)
		if (row_value(l, m, region, period) < 0)
			return -1;
	return 0;
}

static void on_row(int c, void *data)
{
	struct csvload *l = data;
	int rc;

	(void)c;
	l->pending = false;
	if (l->failed) {
		clear_fields(l);
		return;
	}
	rc = l->nheader == 0 ? header(l) : data_row(l);
	clear_fields(l);
	if (rc < 0)
		l->failed = true;
}

/* ---- the file ------------------------------------------------------ */

static bool blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strchr(" \t\r\n", s[i]))
			return false;
	return true;
}

static int parse_error(struct csvload *l)
{
	if (l->failed)
		return -1;
	return iz_fail(l->err, IZ_EINPUT, "%s:%zu: %s", l->url, l->line,
		       csv_error(&l->p) == CSV_EPARSE ?
			       "malformed quoted field" :
			       csv_strerror(csv_error(&l->p)));
}

/* Excel's "sep=;" first line names the delimiter; the catalog does that. */
static bool excel_sep_line(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n == 5 && strncmp(s, "sep=", 4) == 0;
}

/* Feed text to libcsv line by line, noting where each record starts. */
static int feed(struct csvload *l, const char *text, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;

		if (++l->line == 1 && excel_sep_line(text, n)) {
			pos += n;
			continue;
		}
		if (!l->pending && !blank_line(text + pos, n)) {
			l->record_line = l->line;
			l->pending = true;
		}
		if (csv_parse(&l->p, text + pos, n, on_field, on_row, l) != n ||
		    l->failed)
			return parse_error(l);
		pos += n;
	}
	if (csv_fini(&l->p, on_field, on_row, l) != 0 || l->failed) {
		if (l->failed)
			return -1;
		return iz_fail(l->err, IZ_EINPUT,
			       "%s:%zu: quoted field not closed", l->url,
			       l->record_line);
	}
	if (l->nheader == 0)
		return iz_fail(l->err, IZ_EINPUT, "%s: no header row", l->url);
	return 0;
}

static int start_dataset(struct csvload *l)
{
	const struct iz_dataset *ds = l->ds;
	struct iz_dataset_meta meta = { 0 };
	struct iz_indicator_def def;
	size_t i;

	meta.id = ds->id;
	meta.source = iz_source_name(ds->source);
	meta.title = ds->title;
	if (iz_store_dataset_reset(l->st, &meta, l->err) < 0)
		return -1;
	for (i = 0; i < ds->nmeasures; i++) {
		const struct iz_measure_map *m = &ds->measures[i];

		memset(&def, 0, sizeof(def));
		def.dataset = ds->id;
		def.code = m->indicator;
		def.measure = m->key;
		def.dims = "";
		def.title = m->label ? m->label : m->title ? m->title : m->key;
		def.unit = m->unit;
		def.decimals = -1;
		def.spearhead = m->spearhead;
		def.polarity = m->polarity;
		def.life_stage = m->life_stage;
		def.household_type = m->household_type;
		def.approximate = m->approximate;
		if (iz_store_put_indicator(&l->indicator[i], l->st, &def,
					   l->err) < 0)
			return -1;
	}
	return 0;
}

/* Body to UTF-8 text without its BOM; NULL with an error on NUL bytes. */
static char *body_text(size_t *len, struct csvload *l,
		       const struct iz_response *r)
{
	const char *b = r->body;
	size_t n = r->len;
	bool converted;

	if (n >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0) {
		b += 3;
		n -= 3;
	}
	if (memchr(b, '\0', n)) {
		iz_fail(l->err, IZ_EINPUT,
			"%s: not a text file (NUL byte at offset %zu)", l->url,
			(size_t)((const char *)memchr(b, '\0', n) - r->body));
		return NULL;
	}
	return iz_text_utf8(b, n, len, &converted);
}

static int fixed_period(struct csvload *l)
{
	if (!l->ds->period)
		return 0;
	if (iz_text_period(l->fixed_period, sizeof(l->fixed_period),
				l->ds->period) < 0)
		return iz_fail(l->err, IZ_EINPUT,
			       "%s: key 'period': bad period '%s' (expected a "
			       "year or a CBS period code such as 2023JJ00)",
			       l->ds->file, l->ds->period);
	return 0;
}

static int load_text(struct csvload *l, const char *text, size_t len)
{
	int rc;

	if (csv_init(&l->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return iz_fail(l->err, IZ_EINPUT, "%s: cannot set up libcsv",
			       l->url);
	csv_set_delim(
		&l->p,
		(unsigned char)(l->ds->delimiter ? l->ds->delimiter : ';'));
	csv_set_realloc_func(&l->p, iz_xrealloc);
	csv_set_free_func(&l->p, free);
	rc = start_dataset(l);
	if (rc == 0)
		rc = feed(l, text, len);
	csv_free(&l->p);
	clear_fields(l);
	return rc;
}

int iz_csvsource_fetch(struct iz_cbs_result *res, struct iz_http *h,
		       struct iz_store *st, const struct iz_dataset *ds,
		       iz_progress_fn progress, void *progress_ctx,
		       struct iz_error *err)
{
	struct csvload l = { .st = st, .ds = ds, .url = ds->url, .err = err };
	struct iz_response r;
	char *text = NULL;
	size_t len = 0;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	l.region_col = l.period_col = NO_COLUMN;
	l.measure_col = iz_xcalloc(ds->nmeasures + 1, sizeof(size_t));
	l.indicator = iz_xcalloc(ds->nmeasures + 1, sizeof(int64_t));
	l.regions = iz_strmap_new();
	l.periods = iz_strmap_new();
	if (fixed_period(&l) == 0 &&
	    iz_http_get(&r, h, ds->url, NULL, err) == 0) {
		text = body_text(&len, &l, &r);
		iz_response_release(&r);
		if (text)
			rc = load_text(&l, text, len);
	}
	res->observations = l.observations;
	res->pages = rc == 0 ? 1 : 0;
	if (rc == 0 && progress)
		progress(progress_ctx, res->pages, res->observations);
	free(text);
	free(l.fields);
	free(l.measure_col);
	free(l.indicator);
	iz_strmap_free(l.regions, NULL);
	iz_strmap_free(l.periods, NULL);
	return rc;
}
