/*
 * Rendering result tables for people (aligned text), for spreadsheets (CSV,
 * RFC 4180) and for programs (one JSON document). Numbers never depend on the
 * C locale: the decimal point is always '.'. Notes are not written here for
 * table and CSV output; the caller prints them to stderr.
 */
#include "inzicht/output.h"

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* Enough for "%.*f" of -DBL_MAX (309 digits) with MAX_DECIMALS decimals. */
#define MAX_DECIMALS 100
#define NUMBUF 512
#define COLUMN_GAP 2
#define JSON_FLAGS                                                             \
	(JSON_PRESERVE_ORDER | JSON_COMPACT | JSON_REAL_PRECISION(15))

int iz_output_parse_format(enum iz_format *out, const char *name,
			   struct iz_error *err)
{
	static const struct {
		const char *name;
		enum iz_format fmt;
	} formats[] = {
		{ "table", IZ_FORMAT_TABLE },
		{ "csv", IZ_FORMAT_CSV },
		{ "json", IZ_FORMAT_JSON },
	};
	size_t i;

	for (i = 0; name && i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*out = formats[i].fmt;
			return 0;
		}
	}
	return iz_fail(err, IZ_EUSAGE,
		       "unknown format '%s' (expected table, csv or json)",
		       name ? name : "");
}

/*
 * printf honours LC_NUMERIC; replace whatever decimal point the locale uses
 * (possibly several bytes long) by '.'.
 */
static void use_dot_decimal(char *buf)
{
	const char *dp = localeconv()->decimal_point;
	size_t n = dp ? strlen(dp) : 0;
	char *p;

	if (n == 0 || strcmp(dp, ".") == 0)
		return;
	p = strstr(buf, dp);
	if (!p)
		return;
	*p = '.';
	memmove(p + 1, p + n, strlen(p + n) + 1);
}

/* "-0", "-0.00": a sign on a number that prints as zero says nothing. */
static void drop_negative_zero(char *buf)
{
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
}

/*
 * The shortest %.<n>g that reads back as v. For a normal number, a form with
 * fewer than DBL_DIG digits that round-trips is also what %.15g prints once
 * %g has dropped the trailing zeros, so the search can start there; subnormal
 * numbers carry fewer digits (5e-324) and are searched from one.
 */
static void format_shortest(char *buf, size_t size, double v)
{
	int prec = v != 0 && fabs(v) < DBL_MIN ? 1 : DBL_DIG;

	for (; prec <= DBL_DECIMAL_DIG; prec++) {
		snprintf(buf, size, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

/*
 * "%.*f" of v for up to 9 decimals without printf, whose exact binary to
 * decimal conversion dominated the printing of large tables. v * 10^d is
 * rounded to an integer; that is the rounding printf makes of the exact
 * value unless the product lies near a half, where its rounding error
 * (under 2^-13 below 2^40) could tip the balance: then, or for a value out
 * of range, false, and printf decides. A value that rounds to zero gets no
 * sign, as drop_negative_zero would leave it.
 */
static bool format_fixed(char *buf, size_t size, double v, int decimals)
{
	static const double scale[] = { 1e0, 1e1, 1e2, 1e3, 1e4,
					1e5, 1e6, 1e7, 1e8, 1e9 };
	char digits[48];
	char *p = digits + sizeof(digits);
	double s = fabs(v) * scale[decimals < 10 ? decimals : 0];
	uint64_t r;
	int i;

	if (decimals > 9 || !(s < 0x1p40) || fabs(s - floor(s) - 0.5) < 1e-3)
		return false;
	r = (uint64_t)(s + 0.5);
	*--p = '\0';
	for (i = 0; i < decimals; i++, r /= 10)
		*--p = (char)('0' + r % 10);
	if (decimals > 0)
		*--p = '.';
	do {
		*--p = (char)('0' + r % 10);
		r /= 10;
	} while (r > 0);
	if (signbit(v) && strspn(p, "0.") != strlen(p))
		*--p = '-';
	if ((size_t)(digits + sizeof(digits) - p) > size)
		return false;
	memcpy(buf, p, (size_t)(digits + sizeof(digits) - p));
	return true;
}

static void format_real(char *buf, size_t size, double v, int decimals)
{
	if (isnan(v)) {
		snprintf(buf, size, "nan");
		return;
	}
	if (isinf(v)) {
		snprintf(buf, size, "%s", v < 0 ? "-inf" : "inf");
		return;
	}
	if (decimals >= 0 && format_fixed(buf, size, v, decimals))
		return;
	if (decimals < 0)
		format_shortest(buf, size, v);
	else
		snprintf(buf, size, "%.*f",
			 decimals > MAX_DECIMALS ? MAX_DECIMALS : decimals, v);
	use_dot_decimal(buf);
	drop_negative_zero(buf);
}

/*
 * The text of a cell in table and CSV output: a literal, the cell's own text,
 * or a number formatted into buf (NUMBUF bytes). Lent until the next call.
 */
static const char *cell_str(const struct iz_cell *c,
			    const struct iz_column *col, char *buf)
{
	switch (c->kind) {
	case IZ_CELL_NULL:
		return "";
	case IZ_CELL_SUPPRESSED:
		return ".";
	case IZ_CELL_TEXT:
		return c->v.text;
	case IZ_CELL_INT:
		snprintf(buf, NUMBUF, "%" PRId64, c->v.i);
		return buf;
	case IZ_CELL_REAL:
		format_real(buf, NUMBUF, c->v.r, col->decimals);
		return buf;
	}
	return "";
}

/* errno is cleared on entry to iz_output_write so that a failed write
 * earlier in the run is still what errno holds here. */
static int check_written(FILE *f, struct iz_error *err)
{
	int e;

	if (fflush(f) == 0 && !ferror(f))
		return 0;
	e = errno ? errno : EIO;
	return iz_fail(err, IZ_EINPUT, "cannot write output: %s", strerror(e));
}

/* ---- table ---- */

/*
 * One output line under construction, gathered in buf and written a buffer
 * at a time. Spaces are held back in pending and added only before visible
 * text, so that no line ends in spaces.
 */
struct line {
	FILE *f;
	size_t pending;
	size_t len;
	char buf[1024];
};

/* Width on screen, taken as the number of UTF-8 code points. */
static size_t display_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static bool is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7F;
}

static void line_write(struct line *l)
{
	fwrite(l->buf, 1, l->len, l->f);
	l->len = 0;
}

/* Add n bytes of s, or n copies of s[0] when fill. */
static void line_add(struct line *l, const char *s, size_t n, bool fill)
{
	size_t k;

	while (n > 0) {
		if (l->len == sizeof(l->buf))
			line_write(l);
		k = sizeof(l->buf) - l->len < n ? sizeof(l->buf) - l->len : n;
		if (fill)
			memset(l->buf + l->len, s[0], k);
		else
			memcpy(l->buf + l->len, s, k);
		l->len += k;
		s += fill ? 0 : k;
		n -= k;
	}
}

/* Add the spaces held back: visible text follows. */
static void line_flush(struct line *l)
{
	line_add(l, " ", l->pending, true);
	l->pending = 0;
}

/* Add s, each control character (tab, newline, ...) as one '?' so that it
 * cannot break the layout; its trailing spaces become pending. */
static void line_put(struct line *l, const char *s)
{
	size_t len = strlen(s), n = len, i, run;

	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0) {
		l->pending += len;
		return;
	}
	line_flush(l);
	for (i = 0; i < n; i += run) {
		for (run = 0; i + run < n &&
			      !is_control((unsigned char)s[i + run]);
		     run++)
			;
		line_add(l, s + i, run, false);
		if (i + run < n) {
			line_add(l, "?", 1, false);
			run++;
		}
	}
	l->pending = len - n;
}

static void line_end(struct line *l)
{
	line_add(l, "\n", 1, false);
	line_write(l);
	l->pending = 0;
}

static bool is_numeric(const struct iz_column *col)
{
	return col->type == IZ_COL_INT || col->type == IZ_COL_REAL;
}

/* Put s in a field of width w, numbers to the right, then the gap. */
static void line_field(struct line *l, const char *s, size_t w, bool right,
		       bool last)
{
	size_t pad = w - display_width(s);

	if (right)
		l->pending += pad;
	line_put(l, s);
	if (!right)
		l->pending += pad;
	if (!last)
		l->pending += COLUMN_GAP;
}

static size_t max_size(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* Every cell's text, formatted once for both the width pass and the
 * printing pass (numbers are the costly part), one after the other in
 * one buffer: s[i] points into s[nrows * ncols]. Caller frees with
 * free_cells. */
static char **format_cells(const struct iz_table *t)
{
	size_t ncols = iz_table_ncols(t), nrows = iz_table_nrows(t), r, c;
	size_t n = nrows * ncols, i, len, used = 0, cap = 4096;
	size_t *at = iz_xcalloc(n + 1, sizeof(*at));
	char **s = iz_xcalloc(n + 1, sizeof(*s));
	char *text = iz_xmalloc(cap), buf[NUMBUF];
	const char *cell;

	for (i = 0, r = 0; r < nrows; r++) {
		for (c = 0; c < ncols; c++, i++) {
			cell = cell_str(iz_table_cell(t, r, c),
					iz_table_column(t, c), buf);
			len = strlen(cell) + 1;
			for (; used + len > cap; cap *= 2)
				text = iz_xrealloc(text, 2 * cap);
			memcpy(text + used, cell, len);
			at[i] = used;
			used += len;
		}
	}
	for (i = 0; i < n; i++)
		s[i] = text + at[i];
	s[n] = text;
	free(at);
	return s;
}

static void free_cells(char **s, size_t n)
{
	free(s[n]);
	free(s);
}

/* Column widths over the header and every cell; caller frees. */
static size_t *column_widths(const struct iz_table *t, char **cells)
{
	size_t ncols = iz_table_ncols(t), nrows = iz_table_nrows(t);
	size_t *w = iz_xcalloc(ncols, sizeof(*w));
	size_t r, c;

	for (c = 0; c < ncols; c++)
		w[c] = display_width(iz_table_column(t, c)->name);
	for (r = 0; r < nrows; r++)
		for (c = 0; c < ncols; c++)
			w[c] = max_size(w[c],
					display_width(cells[r * ncols + c]));
	return w;
}

static void table_header(FILE *f, const struct iz_table *t, const size_t *w)
{
	struct line l = { .f = f, .pending = 0, .len = 0 };
	size_t ncols = iz_table_ncols(t), c;

	for (c = 0; c < ncols; c++) {
		const struct iz_column *col = iz_table_column(t, c);

		line_field(&l, col->name, w[c], is_numeric(col),
			   c + 1 == ncols);
	}
	line_end(&l);
	for (c = 0; c < ncols; c++) {
		if (c > 0)
			l.pending += COLUMN_GAP;
		if (w[c] == 0)
			continue;
		line_flush(&l);
		line_add(&l, "-", w[c], true);
	}
	line_end(&l);
}

static void table_row(FILE *f, const struct iz_table *t, size_t r,
		      const size_t *w, char **cells)
{
	struct line l = { .f = f, .pending = 0, .len = 0 };
	size_t ncols = iz_table_ncols(t), c;

	for (c = 0; c < ncols; c++)
		line_field(&l, cells[r * ncols + c], w[c],
			   is_numeric(iz_table_column(t, c)), c + 1 == ncols);
	line_end(&l);
}

static void write_table(FILE *f, const struct iz_table *t)
{
	size_t nrows = iz_table_nrows(t), r;
	char **cells = format_cells(t);
	size_t *w = column_widths(t, cells);

	table_header(f, t, w);
	for (r = 0; r < nrows && !ferror(f); r++)
		table_row(f, t, r, w, cells);
	free(w);
	free_cells(cells, nrows * iz_table_ncols(t));
}

/* ---- CSV ---- */

static void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void write_csv(FILE *f, const struct iz_table *t)
{
	size_t ncols = iz_table_ncols(t), nrows = iz_table_nrows(t), r, c;
	char buf[NUMBUF];

	for (c = 0; c < ncols; c++) {
		if (c > 0)
			fputc(',', f);
		csv_field(f, iz_table_column(t, c)->name);
	}
	fputc('\n', f);
	for (r = 0; r < nrows && !ferror(f); r++) {
		for (c = 0; c < ncols; c++) {
			if (c > 0)
				fputc(',', f);
			csv_field(f, cell_str(iz_table_cell(t, r, c),
					      iz_table_column(t, c), buf));
		}
		fputc('\n', f);
	}
}

/* ---- JSON ---- */

/*
 * Whether b may follow lead byte c (0xC2 to 0xF4): the narrower ranges rule
 * out overlong forms, UTF-16 surrogates and code points above U+10FFFF.
 */
static bool utf8_second_ok(unsigned char c, unsigned char b)
{
	unsigned char lo = 0x80, hi = 0xBF;

	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	return b >= lo && b <= hi;
}

/*
 * Length of the well-formed UTF-8 sequence at s, or 0. Stops at the first
 * bad byte, so it never reads past the terminating NUL.
 */
static size_t utf8_seq_len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xC2 || s[0] > 0xF4 || !utf8_second_ok(s[0], s[1]))
		return 0;
	n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	for (i = 2; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return n;
}

/* A copy of s with each invalid byte replaced by U+FFFD; caller frees. */
static char *utf8_repair(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = iz_xmalloc(3 * strlen(s) + 1);
	size_t len = 0;

	while (*p) {
		size_t n = utf8_seq_len(p);

		if (n == 0) {
			memcpy(out + len, "\xEF\xBF\xBD", 3);
			len += 3;
			p++;
			continue;
		}
		memcpy(out + len, p, n);
		len += n;
		p += n;
	}
	out[len] = '\0';
	return out;
}

/* A JSON string for s (null for NULL); JSON must be UTF-8, so bytes that
 * are not become U+FFFD rather than failing the whole document. */
static json_t *json_text(const char *s)
{
	json_t *j;
	char *fixed;

	if (!s)
		return json_null();
	j = json_string(s);
	if (j)
		return j;
	fixed = utf8_repair(s);
	j = json_string(fixed);
	free(fixed);
	return j;
}

/* For the error paths of the builders below: drop j, return NULL. */
static json_t *discard(json_t *j)
{
	json_decref(j);
	return NULL;
}

/* Non-finite numbers have no JSON form; they become null. */
static json_t *json_number(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *cell_json(const struct iz_cell *c)
{
	switch (c->kind) {
	case IZ_CELL_NULL:
	case IZ_CELL_SUPPRESSED:
		return json_null();
	case IZ_CELL_TEXT:
		return json_text(c->v.text);
	case IZ_CELL_INT:
		return json_integer((json_int_t)c->v.i);
	case IZ_CELL_REAL:
		return json_number(c->v.r);
	}
	return json_null();
}

static json_t *columns_json(const struct iz_table *t)
{
	json_t *a = json_array();
	size_t ncols = iz_table_ncols(t), c;

	for (c = 0; c < ncols; c++) {
		json_t *name = json_text(iz_table_column(t, c)->name);

		if (json_array_append_new(a, name) < 0)
			return discard(a);
	}
	return a;
}

static json_t *rows_json(const struct iz_table *t)
{
	json_t *rows = json_array();
	size_t ncols = iz_table_ncols(t), nrows = iz_table_nrows(t), r, c;

	for (r = 0; r < nrows; r++) {
		json_t *row = json_array();

		for (c = 0; c < ncols; c++) {
			json_t *v = cell_json(iz_table_cell(t, r, c));

			if (json_array_append_new(row, v) < 0) {
				json_decref(row);
				return discard(rows);
			}
		}
		if (json_array_append_new(rows, row) < 0)
			return discard(rows);
	}
	return rows;
}

/* Set v under key, made valid UTF-8 first; v is taken even on failure. */
static int json_put(json_t *obj, const char *key, json_t *v)
{
	char *fixed = utf8_repair(key);
	int rc = json_object_set_new(obj, fixed, v);

	free(fixed);
	return rc;
}

static json_t *statistics_json(const struct iz_table *t)
{
	json_t *obj = json_object();
	size_t n = iz_table_nstats(t), i;
	const char *key, *text;
	double value;

	for (i = 0; i < n; i++) {
		json_t *v;

		iz_table_stat(t, i, &key, &value, &text);
		v = text ? json_text(text) : json_number(value);
		if (json_put(obj, key, v) < 0)
			return discard(obj);
	}
	return obj;
}

static json_t *suppressed_json(const struct iz_table *t, size_t r, size_t c)
{
	json_t *obj = json_object();

	if (json_object_set_new(obj, "row", json_integer((json_int_t)r)) < 0 ||
	    json_object_set_new(obj, "column",
				json_text(iz_table_column(t, c)->name)) < 0 ||
	    json_object_set_new(obj, "reason",
				json_text(iz_table_cell(t, r, c)->reason)) < 0)
		return discard(obj);
	return obj;
}

/* {"cells": [{"row", "column", "reason"}, ...], "count": n}, row-major. */
static json_t *suppression_json(const struct iz_table *t)
{
	json_t *cells = json_array(), *obj;
	size_t ncols = iz_table_ncols(t), nrows = iz_table_nrows(t), r, c;
	json_int_t count;

	for (r = 0; r < nrows; r++) {
		for (c = 0; c < ncols; c++) {
			if (iz_table_cell(t, r, c)->kind != IZ_CELL_SUPPRESSED)
				continue;
			if (json_array_append_new(cells,
						  suppressed_json(t, r, c)) < 0)
				return discard(cells);
		}
	}
	count = (json_int_t)json_array_size(cells);
	obj = json_object();
	if (iz_table_disclosure_rule(t) &&
	    (json_object_set_new(obj, "rule",
				 json_string(iz_table_disclosure_rule(t))) < 0 ||
	     json_object_set_new(obj, "min_cell",
				 json_integer(iz_table_min_cell(t))) < 0))
		return discard(obj);
	if (json_object_set_new(obj, "cells", cells) < 0 ||
	    json_object_set_new(obj, "count", json_integer(count)) < 0)
		return discard(obj);
	return obj;
}

static json_t *notes_json(const struct iz_table *t)
{
	json_t *a = json_array();
	size_t n = iz_table_nnotes(t), i;

	for (i = 0; i < n; i++) {
		json_t *note = json_text(iz_table_note(t, i));

		if (json_array_append_new(a, note) < 0)
			return discard(a);
	}
	return a;
}

/* The whole document, keys in a fixed order; NULL if jansson fails. */
static json_t *document_json(const struct iz_table *t)
{
	json_t *doc = json_object();

	if (json_object_set_new(doc, "columns", columns_json(t)) < 0 ||
	    json_object_set_new(doc, "rows", rows_json(t)) < 0 ||
	    json_object_set_new(doc, "statistics", statistics_json(t)) < 0 ||
	    json_object_set_new(doc, "suppression", suppression_json(t)) < 0 ||
	    json_object_set_new(doc, "notes", notes_json(t)) < 0)
		return discard(doc);
	return doc;
}

static int write_json(FILE *f, const struct iz_table *t, struct iz_error *err)
{
	json_t *doc = document_json(t);
	int rc;

	if (!doc)
		return iz_fail(err, IZ_EINPUT,
			       "cannot build JSON output: out of memory");
	rc = json_dumpf(doc, f, JSON_FLAGS);
	json_decref(doc);
	if (rc < 0 && !ferror(f))
		return iz_fail(err, IZ_EINPUT,
			       "cannot write output: cannot encode JSON");
	fputc('\n', f);
	return 0;
}

int iz_output_write(FILE *f, const struct iz_table *t, enum iz_format fmt,
		    struct iz_error *err)
{
	/* See check_written. */
	errno = 0;
	switch (fmt) {
	case IZ_FORMAT_TABLE:
		write_table(f, t);
		return check_written(f, err);
	case IZ_FORMAT_CSV:
		write_csv(f, t);
		return check_written(f, err);
	case IZ_FORMAT_JSON:
		if (write_json(f, t, err) < 0)
			return -1;
		return check_written(f, err);
	}
	return iz_fail(err, IZ_EUSAGE, "unknown format %d", (int)fmt);
}
