/*
 * Unit tests for output: the exact bytes of table, CSV and JSON renderings,
 * number formatting, quoting, UTF-8 handling and write failures.
 */
#include "inzicht/output.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "inzicht/error.h"
#include "inzicht/table.h"
#include "iztest.h"

/* Render t in fmt into a fresh string; the caller frees it. */
static char *render(const struct iz_table *t, enum iz_format fmt)
{
	struct iz_error err = IZ_ERROR_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc;

	assert_non_null(f);
	rc = iz_output_write(f, t, fmt, &err);
	assert_int_equal(fclose(f), 0);
	if (rc != 0)
		fail_msg("iz_output_write: %s", err.msg);
	assert_int_equal(err.code, IZ_OK);
	return buf;
}

static void assert_renders(const struct iz_table *t, enum iz_format fmt,
			   const char *want)
{
	char *got = render(t, fmt);

	assert_string_equal(got, want);
	free(got);
}

/* gemeente | n | aandeel (1 decimal), with a missing and a withheld cell. */
static struct iz_table *sample_table(void)
{
	struct iz_table *t = iz_table_new();
	size_t r;

	iz_table_add_column(t, "gemeente", IZ_COL_TEXT, 0);
	iz_table_add_column(t, "n", IZ_COL_INT, 0);
	iz_table_add_column(t, "aandeel", IZ_COL_REAL, 1);
	r = iz_table_add_row(t);
	iz_table_set_text(t, r, 0, "Fryslân");
	iz_table_set_int(t, r, 1, 12);
	iz_table_set_real(t, r, 2, 0.26);
	r = iz_table_add_row(t);
	iz_table_set_text(t, r, 0, "Utrecht");
	iz_table_set_int(t, r, 1, 1234);
	iz_table_set_real(t, r, 2, 12.34);
	r = iz_table_add_row(t);
	iz_table_set_text(t, r, 0, "Den Haag");
	iz_table_suppress(t, r, 2, "n < 10");
	return t;
}

/* One REAL column per decimals setting: 0, 1, 2 and -1 (shortest). */
static struct iz_table *decimals_table(void)
{
	static const double v[][4] = {
		{ 2.7, 3.14159, 3.14159, 0.1 },
		{ 1234567.8, -0.04, -0.004, 0.1 + 0.2 },
		{ -2.5, 0.05, 1.005, 1e21 },
		{ 0.0, 100.0, 7.0, 1.0 / 3.0 },
		{ -0.0, -0.0, -1.0, -0.0 },
	};
	struct iz_table *t = iz_table_new();
	size_t r, c;

	iz_table_add_column(t, "d0", IZ_COL_REAL, 0);
	iz_table_add_column(t, "d1", IZ_COL_REAL, 1);
	iz_table_add_column(t, "d2", IZ_COL_REAL, 2);
	iz_table_add_column(t, "dm", IZ_COL_REAL, -1);
	for (r = 0; r < sizeof(v) / sizeof(v[0]); r++) {
		iz_table_add_row(t);
		for (c = 0; c < 4; c++)
			iz_table_set_real(t, r, c, v[r][c]);
	}
	return t;
}

/* One REAL column (shortest form) holding v in its single cell. */
static struct iz_table *one_real(double v)
{
	struct iz_table *t = iz_table_new();

	iz_table_add_column(t, "x", IZ_COL_REAL, -1);
	iz_table_add_row(t);
	iz_table_set_real(t, 0, 0, v);
	return t;
}

/* ---- parse_format ---- */

static void test_parse_format_known_names(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	enum iz_format fmt = IZ_FORMAT_JSON;

	(void)state;
	assert_int_equal(iz_output_parse_format(&fmt, "table", &err), 0);
	assert_int_equal(fmt, IZ_FORMAT_TABLE);
	assert_int_equal(iz_output_parse_format(&fmt, "csv", &err), 0);
	assert_int_equal(fmt, IZ_FORMAT_CSV);
	assert_int_equal(iz_output_parse_format(&fmt, "json", &err), 0);
	assert_int_equal(fmt, IZ_FORMAT_JSON);
	assert_int_equal(err.code, IZ_OK);
}

static void test_parse_format_unknown_name(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	enum iz_format fmt = IZ_FORMAT_CSV;

	(void)state;
	assert_int_equal(iz_output_parse_format(&fmt, "xml", &err), -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	assert_string_equal(err.msg, "unknown format 'xml' (expected table, "
				     "csv or json)");
	assert_int_equal(fmt, IZ_FORMAT_CSV);
}

static void test_parse_format_wrong_case_or_empty(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	enum iz_format fmt;

	(void)state;
	assert_int_equal(iz_output_parse_format(&fmt, "JSON", &err), -1);
	assert_string_equal(err.msg, "unknown format 'JSON' (expected table, "
				     "csv or json)");
	assert_int_equal(iz_output_parse_format(&fmt, "", &err), -1);
	assert_string_equal(err.msg, "unknown format '' (expected table, "
				     "csv or json)");
	assert_int_equal(iz_output_parse_format(&fmt, "table ", &err), -1);
	assert_int_equal(err.code, IZ_EUSAGE);
}

/* ---- table ---- */

static void test_table_mixed_types_aligned(void **state)
{
	struct iz_table *t = sample_table();

	(void)state;
	/* "Fryslân" is 8 bytes but 7 code points wide. */
	assert_renders(t, IZ_FORMAT_TABLE,
		       "gemeente     n  aandeel\n"
		       "--------  ----  -------\n"
		       "Fryslân     12      0.3\n"
		       "Utrecht   1234     12.3\n"
		       "Den Haag              .\n");
	iz_table_free(t);
}

static void test_table_utf8_widest_cell_sets_width(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	iz_table_add_column(t, "naam", IZ_COL_TEXT, 0);
	iz_table_add_column(t, "n", IZ_COL_INT, 0);
	iz_table_add_row(t);
	iz_table_set_text(t, 0, 0, "Súdwest-Fryslân");
	iz_table_set_int(t, 0, 1, 5);
	iz_table_add_row(t);
	iz_table_set_text(t, 1, 0, "Zaanstad");
	iz_table_set_int(t, 1, 1, 77);
	assert_renders(t, IZ_FORMAT_TABLE,
		       "naam              n\n"
		       "---------------  --\n"
		       "Súdwest-Fryslân   5\n"
		       "Zaanstad         77\n");
	iz_table_free(t);
}

static void test_table_real_decimals_each_setting(void **state)
{
	struct iz_table *t = decimals_table();

	(void)state;
	assert_renders(t, IZ_FORMAT_TABLE,
		       "     d0     d1     d2                   dm\n"
		       "-------  -----  -----  -------------------\n"
		       "      3    3.1   3.14                  0.1\n"
		       "1234568    0.0   0.00  0.30000000000000004\n"
		       "     -2    0.1   1.00                1e+21\n"
		       "      0  100.0   7.00   0.3333333333333333\n"
		       "      0    0.0  -1.00                    0\n");
	iz_table_free(t);
}

static void test_table_last_column_no_trailing_spaces(void **state)
{
	struct iz_table *t = iz_table_new();
	char *out, *p;

	(void)state;
	iz_table_add_column(t, "a", IZ_COL_INT, 0);
	iz_table_add_column(t, "b", IZ_COL_TEXT, 0);
	iz_table_add_row(t);
	iz_table_set_int(t, 0, 0, 1);
	iz_table_set_text(t, 0, 1, "x");
	iz_table_add_row(t);
	iz_table_set_int(t, 1, 0, 22);
	iz_table_add_row(t);
	iz_table_set_int(t, 2, 0, 3);
	iz_table_set_text(t, 2, 1, "long text ");
	out = render(t, IZ_FORMAT_TABLE);
	assert_string_equal(out, " a  b\n"
				 "--  ----------\n"
				 " 1  x\n"
				 "22\n"
				 " 3  long text\n");
	for (p = strchr(out, '\n'); p; p = strchr(p + 1, '\n'))
		assert_true(p == out || p[-1] != ' ');
	free(out);
	iz_table_free(t);
}

static void test_table_null_first_column_keeps_alignment(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	iz_table_add_column(t, "naam", IZ_COL_TEXT, 0);
	iz_table_add_column(t, "n", IZ_COL_INT, 0);
	iz_table_add_row(t);
	iz_table_set_int(t, 0, 1, 9);
	iz_table_add_row(t);
	iz_table_set_text(t, 1, 0, "Ede");
	iz_table_suppress(t, 1, 1, "small");
	assert_renders(t, IZ_FORMAT_TABLE,
		       "naam  n\n"
		       "----  -\n"
		       "      9\n"
		       "Ede   .\n");
	iz_table_free(t);
}

static void test_table_control_chars_replaced(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	iz_table_add_column(t, "t", IZ_COL_TEXT, 0);
	iz_table_add_column(t, "u", IZ_COL_TEXT, 0);
	iz_table_add_row(t);
	iz_table_set_text(t, 0, 0, "a\tb\nc");
	iz_table_set_text(t, 0, 1, "z");
	assert_renders(t, IZ_FORMAT_TABLE,
		       "t      u\n"
		       "-----  -\n"
		       "a?b?c  z\n");
	iz_table_free(t);
}

static void test_table_nonfinite_reals(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	iz_table_add_column(t, "x", IZ_COL_REAL, 2);
	iz_table_add_column(t, "y", IZ_COL_REAL, -1);
	iz_table_add_row(t);
	iz_table_set_real(t, 0, 0, NAN);
	iz_table_set_real(t, 0, 1, INFINITY);
	iz_table_add_row(t);
	iz_table_set_real(t, 1, 0, -INFINITY);
	iz_table_set_real(t, 1, 1, -NAN);
	assert_renders(t, IZ_FORMAT_TABLE,
		       "   x    y\n"
		       "----  ---\n"
		       " nan  inf\n"
		       "-inf  nan\n");
	iz_table_free(t);
}

static void test_table_empty_prints_header_and_rule(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	iz_table_add_column(t, "regio", IZ_COL_TEXT, 0);
	iz_table_add_column(t, "n", IZ_COL_INT, 0);
	assert_renders(t, IZ_FORMAT_TABLE, "regio  n\n-----  -\n");
	iz_table_free(t);
}

static void test_table_no_columns_prints_two_empty_lines(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	assert_renders(t, IZ_FORMAT_TABLE, "\n\n");
	iz_table_free(t);
}

static void test_table_notes_not_written(void **state)
{
	struct iz_table *t = iz_table_new();
	char *out;

	(void)state;
	iz_table_add_column(t, "n", IZ_COL_INT, 0);
	iz_table_add_note(t, "cells under %d suppressed", 10);
	iz_table_set_stat(t, "chi2", 1.5);
	out = render(t, IZ_FORMAT_TABLE);
	assert_string_equal(out, "n\n-\n");
	free(out);
	out = render(t, IZ_FORMAT_CSV);
	assert_string_equal(out, "n\n");
	free(out);
	iz_table_free(t);
}

/* ---- CSV ---- */

static void test_csv_mixed_types(void **state)
{
	struct iz_table *t = sample_table();

	(void)state;
	assert_renders(t, IZ_FORMAT_CSV,
		       "gemeente,n,aandeel\n"
		       "Fryslân,12,0.3\n"
		       "Utrecht,1234,12.3\n"
		       "Den Haag,,.\n");
	iz_table_free(t);
}

static void test_csv_quotes_comma_quote_newline(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	iz_table_add_column(t, "name", IZ_COL_TEXT, 0);
	iz_table_add_column(t, "note, more", IZ_COL_TEXT, 0);
	iz_table_add_row(t);
	iz_table_set_text(t, 0, 0, "a,b");
	iz_table_set_text(t, 0, 1, "say \"hi\"");
	iz_table_add_row(t);
	iz_table_set_text(t, 1, 0, "line1\nline2");
	iz_table_set_text(t, 1, 1, "cr\rhere");
	iz_table_add_row(t);
	iz_table_set_text(t, 2, 0, " plain 'x' ");
	iz_table_set_text(t, 2, 1, "");
	assert_renders(t, IZ_FORMAT_CSV,
		       "name,\"note, more\"\n"
		       "\"a,b\",\"say \"\"hi\"\"\"\n"
		       "\"line1\nline2\",\"cr\rhere\"\n"
		       " plain 'x' ,\n");
	iz_table_free(t);
}

static void test_csv_real_decimals_each_setting(void **state)
{
	struct iz_table *t = decimals_table();

	(void)state;
	assert_renders(t, IZ_FORMAT_CSV,
		       "d0,d1,d2,dm\n"
		       "3,3.1,3.14,0.1\n"
		       "1234568,0.0,0.00,0.30000000000000004\n"
		       "-2,0.1,1.00,1e+21\n"
		       "0,100.0,7.00,0.3333333333333333\n"
		       "0,0.0,-1.00,0\n");
	iz_table_free(t);
}

static void test_csv_null_and_suppressed(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	iz_table_add_column(t, "k", IZ_COL_TEXT, 0);
	iz_table_add_column(t, "v", IZ_COL_INT, 0);
	iz_table_add_column(t, "w", IZ_COL_REAL, 2);
	iz_table_add_row(t);
	iz_table_set_text(t, 0, 0, "a");
	iz_table_set_real(t, 0, 2, 1.5);
	iz_table_add_row(t);
	iz_table_suppress(t, 1, 1, "n < 5");
	iz_table_suppress(t, 1, 2, NULL);
	assert_renders(t, IZ_FORMAT_CSV, "k,v,w\na,,1.50\n,.,.\n");
	iz_table_free(t);
}

static void test_csv_int64_extremes(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	iz_table_add_column(t, "i", IZ_COL_INT, 0);
	iz_table_add_row(t);
	iz_table_set_int(t, 0, 0, INT64_MAX);
	iz_table_add_row(t);
	iz_table_set_int(t, 1, 0, INT64_MIN);
	assert_renders(t, IZ_FORMAT_CSV,
		       "i\n9223372036854775807\n-9223372036854775808\n");
	iz_table_free(t);
}

static void test_csv_empty_prints_header(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	iz_table_add_column(t, "a", IZ_COL_TEXT, 0);
	iz_table_add_column(t, "b\"c", IZ_COL_REAL, 1);
	assert_renders(t, IZ_FORMAT_CSV, "a,\"b\"\"c\"\n");
	iz_table_free(t);
}

/* Each value in shortest form must read back as exactly itself. */
static void test_real_shortest_round_trips(void **state)
{
	static const double v[] = { 0.1,
				    0.1 + 0.2,
				    1.0 / 3.0,
				    2.0 / 3.0,
				    1e21,
				    1e-7,
				    123456789012345678.0,
				    5e-324,
				    2.2250738585072014e-308,
				    1.7976931348623157e308,
				    -4.35,
				    0.000123,
				    1e15 + 0.3 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct iz_table *t = one_real(v[i]);
		char *out = render(t, IZ_FORMAT_CSV), *end;
		double back;

		assert_memory_equal(out, "x\n", 2);
		back = strtod(out + 2, &end);
		assert_string_equal(end, "\n");
		if (back != v[i])
			fail_msg("%s does not read back as %.17g", out + 2,
				 v[i]);
		free(out);
		iz_table_free(t);
	}
}

static void test_real_shortest_picks_fewest_digits(void **state)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{ 0.1, "x\n0.1\n" },
		{ 5e-324, "x\n5e-324\n" },
		{ 1e100, "x\n1e+100\n" },
		{ 2.5, "x\n2.5\n" },
		{ 1e15 + 0.3, "x\n1000000000000000.2\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct iz_table *t = one_real(cases[i].v);

		assert_renders(t, IZ_FORMAT_CSV, cases[i].want);
		iz_table_free(t);
	}
}

/* What printf makes of v with d decimals, without the sign of a zero. */
static void printf_fixed(char *buf, size_t n, double v, int d)
{
	snprintf(buf, n, "%.*f", d, v);
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
}

/* Fixed decimals are formatted without printf where that is safe: the
 * text must still be printf's, ties and near-ties included. */
static void test_real_fixed_decimals_match_printf(void **state)
{
	static const double edge[] = { 0.5, 1.5, 2.5, -2.5, 0.125, 0.375,
				       2.675, 1.005, 0.045, 1e12 + 0.5,
				       1099511627775.5, 4503599627370497.0,
				       -0.0004, 999.9999999999, 0.05, 1e-12 };
	struct iz_table *t = iz_table_new();
	char *out, *line, want[512];
	size_t r, n = 4000;
	int d;

	(void)state;
	srand(4);
	for (d = 0; d <= 10; d++)
		iz_table_add_column(t, "d", IZ_COL_REAL, d);
	for (r = 0; r < n; r++) {
		double v = r < sizeof(edge) / sizeof(edge[0]) ?
				   edge[r] :
				   ((double)rand() / RAND_MAX - 0.5) *
					   pow(10, rand() % 14 - 4);

		if (r % 7 == 0)
			v = round(v * 1000) / 1000 + 0.0005;
		iz_table_add_row(t);
		for (d = 0; d <= 10; d++)
			iz_table_set_real(t, r, (size_t)d, v);
	}
	out = render(t, IZ_FORMAT_CSV);
	line = strchr(out, '\n') + 1;
	for (r = 0; r < n; r++) {
		const struct iz_cell *c = iz_table_cell(t, r, 0);

		for (d = 0; d <= 10; d++) {
			size_t len;

			printf_fixed(want, sizeof(want), c->v.r, d);
			len = strlen(want);
			if (strncmp(line, want, len) != 0 ||
			    line[len] != (d == 10 ? '\n' : ','))
				fail_msg("%.17g with %d decimals: want %s, got "
					 "%.40s",
					 c->v.r, d, want, line);
			line += len + 1;
		}
	}
	free(out);
	iz_table_free(t);
}

/* Under a comma-decimal locale printf writes "0,5"; output must not. */
static void test_csv_decimal_point_ignores_locale(void **state)
{
	static const char *const names[] = { "nl_NL.UTF-8", "nl_NL.utf8",
					     "de_DE.UTF-8", "fr_FR.UTF-8" };
	struct iz_table *t = decimals_table();
	size_t i;
	char *out;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (setlocale(LC_NUMERIC, names[i]))
			break;
	if (i == sizeof(names) / sizeof(names[0])) {
		iz_table_free(t);
		skip();
	}
	out = render(t, IZ_FORMAT_CSV);
	setlocale(LC_NUMERIC, "C");
	assert_string_equal(out, "d0,d1,d2,dm\n"
				 "3,3.1,3.14,0.1\n"
				 "1234568,0.0,0.00,0.30000000000000004\n"
				 "-2,0.1,1.00,1e+21\n"
				 "0,100.0,7.00,0.3333333333333333\n"
				 "0,0.0,-1.00,0\n");
	free(out);
	iz_table_free(t);
}

/* ---- JSON ---- */

/* sample_table plus statistics and a note. */
static struct iz_table *json_table(void)
{
	struct iz_table *t = sample_table();

	iz_table_set_stat(t, "chi2", 3.5);
	iz_table_set_stat_text(t, "method", "fisher");
	iz_table_set_stat(t, "df", 2);
	iz_table_add_note(t, "1 cell suppressed");
	return t;
}

static json_t *render_json(const struct iz_table *t)
{
	char *out = render(t, IZ_FORMAT_JSON);
	json_error_t jerr;
	json_t *doc;
	size_t len = strlen(out);

	/* One line, ending in a newline. */
	assert_true(len > 0 && out[len - 1] == '\n');
	assert_ptr_equal(strchr(out, '\n'), out + len - 1);
	doc = json_loads(out, 0, &jerr);
	if (!doc)
		fail_msg("bad JSON at %d: %s\n%s", jerr.position, jerr.text,
			 out);
	free(out);
	return doc;
}

/* Lent: element c of element r of the JSON array rows. */
static json_t *cell_at(json_t *rows, size_t r, size_t c)
{
	return json_array_get(json_array_get(rows, r), c);
}

static void test_json_exact_document(void **state)
{
	struct iz_table *t = json_table();

	(void)state;
	assert_renders(
	    t, IZ_FORMAT_JSON,
	    "{\"columns\":[\"gemeente\",\"n\",\"aandeel\"],"
	    "\"rows\":[[\"Fryslân\",12,0.26],[\"Utrecht\",1234,12.34],"
	    "[\"Den Haag\",null,null]],"
	    "\"statistics\":{\"chi2\":3.5,\"method\":\"fisher\","
	    "\"df\":2.0},"
	    "\"suppression\":{\"cells\":[{\"row\":2,\"column\":"
	    "\"aandeel\",\"reason\":\"n < 10\"}],\"count\":1},"
	    "\"notes\":[\"1 cell suppressed\"]}\n");
	iz_table_free(t);
}

static void test_json_keys_in_stable_order(void **state)
{
	static const char *const keys[] = { "columns", "rows", "statistics",
					    "suppression", "notes" };
	struct iz_table *t = json_table();
	json_t *doc = render_json(t);
	void *it = json_object_iter(doc);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		assert_non_null(it);
		assert_string_equal(json_object_iter_key(it), keys[i]);
		it = json_object_iter_next(doc, it);
	}
	assert_null(it);
	json_decref(doc);
	iz_table_free(t);
}

static void test_json_cell_types(void **state)
{
	struct iz_table *t = json_table();
	json_t *doc = render_json(t);
	json_t *rows = json_object_get(doc, "rows");
	json_t *r0 = json_array_get(rows, 0), *r2 = json_array_get(rows, 2);

	(void)state;
	assert_int_equal(json_array_size(rows), 3);
	assert_true(json_is_string(json_array_get(r0, 0)));
	assert_string_equal(json_string_value(json_array_get(r0, 0)),
			    "Fryslân");
	assert_true(json_is_integer(json_array_get(r0, 1)));
	assert_int_equal(json_integer_value(json_array_get(r0, 1)), 12);
	assert_true(json_is_real(json_array_get(r0, 2)));
	/* JSON carries the value, not the 1-decimal display form. */
	assert_near(json_real_value(json_array_get(r0, 2)), 0.26, 1e-15);
	assert_true(json_is_null(json_array_get(r2, 1)));
	assert_true(json_is_null(json_array_get(r2, 2)));
	json_decref(doc);
	iz_table_free(t);
}

static void test_json_columns_listed(void **state)
{
	struct iz_table *t = json_table();
	json_t *doc = render_json(t);
	json_t *cols = json_object_get(doc, "columns");

	(void)state;
	assert_int_equal(json_array_size(cols), 3);
	assert_string_equal(json_string_value(json_array_get(cols, 0)),
			    "gemeente");
	assert_string_equal(json_string_value(json_array_get(cols, 2)),
			    "aandeel");
	json_decref(doc);
	iz_table_free(t);
}

static void test_json_suppression_lists_cells(void **state)
{
	struct iz_table *t = iz_table_new();
	json_t *doc, *sup, *cells, *c;

	(void)state;
	iz_table_add_column(t, "a", IZ_COL_INT, 0);
	iz_table_add_column(t, "b", IZ_COL_INT, 0);
	iz_table_add_row(t);
	iz_table_suppress(t, 0, 1, "n < 5");
	iz_table_add_row(t);
	iz_table_suppress(t, 1, 0, NULL);
	iz_table_set_int(t, 1, 1, 8);
	doc = render_json(t);
	sup = json_object_get(doc, "suppression");
	cells = json_object_get(sup, "cells");
	assert_int_equal(json_integer_value(json_object_get(sup, "count")), 2);
	assert_int_equal(json_array_size(cells), 2);
	c = json_array_get(cells, 0);
	assert_int_equal(json_integer_value(json_object_get(c, "row")), 0);
	assert_string_equal(json_string_value(json_object_get(c, "column")),
			    "b");
	assert_string_equal(json_string_value(json_object_get(c, "reason")),
			    "n < 5");
	c = json_array_get(cells, 1);
	assert_int_equal(json_integer_value(json_object_get(c, "row")), 1);
	assert_string_equal(json_string_value(json_object_get(c, "column")),
			    "a");
	assert_true(json_is_null(json_object_get(c, "reason")));
	assert_true(json_is_null(cell_at(json_object_get(doc, "rows"), 1, 0)));
	json_decref(doc);
	iz_table_free(t);
}

static void test_json_statistics_numbers_and_text(void **state)
{
	struct iz_table *t = iz_table_new();
	json_t *doc, *st;

	(void)state;
	iz_table_set_stat(t, "p", 0.0123);
	iz_table_set_stat_text(t, "test", "chi-squared");
	iz_table_set_stat(t, "bad", NAN);
	iz_table_set_stat(t, "big", INFINITY);
	iz_table_set_stat(t, "test2", 1.0);
	iz_table_set_stat_text(t, "test2", "replaced");
	doc = render_json(t);
	st = json_object_get(doc, "statistics");
	assert_int_equal(json_object_size(st), 5);
	assert_true(json_is_real(json_object_get(st, "p")));
	assert_near(json_real_value(json_object_get(st, "p")), 0.0123, 1e-17);
	assert_string_equal(json_string_value(json_object_get(st, "test")),
			    "chi-squared");
	assert_true(json_is_null(json_object_get(st, "bad")));
	assert_true(json_is_null(json_object_get(st, "big")));
	assert_string_equal(json_string_value(json_object_get(st, "test2")),
			    "replaced");
	json_decref(doc);
	iz_table_free(t);
}

static void test_json_nonfinite_reals_null(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	iz_table_add_column(t, "x", IZ_COL_REAL, 1);
	iz_table_add_row(t);
	iz_table_set_real(t, 0, 0, NAN);
	iz_table_add_row(t);
	iz_table_set_real(t, 1, 0, -INFINITY);
	iz_table_add_row(t);
	iz_table_set_real(t, 2, 0, 1.0);
	assert_renders(t, IZ_FORMAT_JSON,
		       "{\"columns\":[\"x\"],\"rows\":[[null],[null],[1.0]],"
		       "\"statistics\":{},\"suppression\":{\"cells\":[],"
		       "\"count\":0},\"notes\":[]}\n");
	iz_table_free(t);
}

static void test_json_int64_extremes(void **state)
{
	struct iz_table *t = iz_table_new();
	json_t *doc, *rows;

	(void)state;
	iz_table_add_column(t, "i", IZ_COL_INT, 0);
	iz_table_add_row(t);
	iz_table_set_int(t, 0, 0, INT64_MAX);
	iz_table_add_row(t);
	iz_table_set_int(t, 1, 0, INT64_MIN);
	doc = render_json(t);
	rows = json_object_get(doc, "rows");
	assert_true(json_integer_value(cell_at(rows, 0, 0)) == INT64_MAX);
	assert_true(json_integer_value(cell_at(rows, 1, 0)) == INT64_MIN);
	json_decref(doc);
	iz_table_free(t);
}

static void test_json_escapes_text(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	iz_table_add_column(t, "s\"", IZ_COL_TEXT, 0);
	iz_table_add_row(t);
	iz_table_set_text(t, 0, 0, "a\\b\n\"c\"\t");
	assert_renders(t, IZ_FORMAT_JSON,
		       "{\"columns\":[\"s\\\"\"],"
		       "\"rows\":[[\"a\\\\b\\n\\\"c\\\"\\t\"]],"
		       "\"statistics\":{},\"suppression\":{\"cells\":[],"
		       "\"count\":0},\"notes\":[]}\n");
	iz_table_free(t);
}

static void test_json_invalid_utf8_replaced(void **state)
{
	struct iz_table *t = iz_table_new();
	json_t *doc, *row, *name, *note;

	(void)state;
	iz_table_add_column(t, "caf\xE9", IZ_COL_TEXT, 0);
	iz_table_add_column(t, "s", IZ_COL_TEXT, 0);
	iz_table_add_row(t);
	/* Latin-1 é, then a surrogate, then an overlong '/'. */
	iz_table_set_text(t, 0, 0, "caf\xE9!");
	iz_table_set_text(t, 0, 1, "a\xED\xA0\x80z\xC0\xAF");
	iz_table_set_stat(t, "k\xFF", 1.0);
	iz_table_add_note(t, "ok \xF0\x9F\x98\x80 \xF0\x9F");
	doc = render_json(t);
	row = json_array_get(json_object_get(doc, "rows"), 0);
	assert_string_equal(json_string_value(json_array_get(row, 0)),
			    "caf\xEF\xBF\xBD!");
	assert_string_equal(json_string_value(json_array_get(row, 1)),
			    "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz"
			    "\xEF\xBF\xBD\xEF\xBF\xBD");
	name = json_array_get(json_object_get(doc, "columns"), 0);
	assert_string_equal(json_string_value(name), "caf\xEF\xBF\xBD");
	assert_non_null(json_object_get(json_object_get(doc, "statistics"),
					"k\xEF\xBF\xBD"));
	note = json_array_get(json_object_get(doc, "notes"), 0);
	assert_string_equal(json_string_value(note),
			    "ok \xF0\x9F\x98\x80 \xEF\xBF\xBD\xEF\xBF\xBD");
	json_decref(doc);
	iz_table_free(t);
}

static void test_json_empty_table(void **state)
{
	struct iz_table *t = iz_table_new();

	(void)state;
	assert_renders(t, IZ_FORMAT_JSON,
		       "{\"columns\":[],\"rows\":[],\"statistics\":{},"
		       "\"suppression\":{\"cells\":[],\"count\":0},"
		       "\"notes\":[]}\n");
	iz_table_add_column(t, "a", IZ_COL_TEXT, 0);
	assert_renders(t, IZ_FORMAT_JSON,
		       "{\"columns\":[\"a\"],\"rows\":[],\"statistics\":{},"
		       "\"suppression\":{\"cells\":[],\"count\":0},"
		       "\"notes\":[]}\n");
	iz_table_free(t);
}

static void test_json_notes_in_order(void **state)
{
	struct iz_table *t = iz_table_new();
	json_t *doc, *notes;

	(void)state;
	iz_table_add_note(t, "first");
	iz_table_add_note(t, "second %d", 2);
	doc = render_json(t);
	notes = json_object_get(doc, "notes");
	assert_int_equal(json_array_size(notes), 2);
	assert_string_equal(json_string_value(json_array_get(notes, 0)),
			    "first");
	assert_string_equal(json_string_value(json_array_get(notes, 1)),
			    "second 2");
	json_decref(doc);
	iz_table_free(t);
}

/* ---- write failures ---- */

static void assert_write_fails(const struct iz_table *t, enum iz_format fmt)
{
	struct iz_error err = IZ_ERROR_INIT;
	FILE *f = fopen("/dev/full", "w");

	if (!f)
		skip();
	assert_int_equal(iz_output_write(f, t, fmt, &err), -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg,
			    "cannot write output: No space left on device");
	fclose(f);
}

static void test_write_full_device_fails(void **state)
{
	struct iz_table *t = json_table();

	(void)state;
	assert_write_fails(t, IZ_FORMAT_TABLE);
	assert_write_fails(t, IZ_FORMAT_CSV);
	assert_write_fails(t, IZ_FORMAT_JSON);
	iz_table_free(t);
}

/* More than one stdio buffer, so the failure comes mid-way, not at flush. */
static void test_write_full_device_large_table_fails(void **state)
{
	struct iz_table *t = iz_table_new();
	size_t r;

	(void)state;
	iz_table_add_column(t, "name", IZ_COL_TEXT, 0);
	iz_table_add_column(t, "v", IZ_COL_REAL, -1);
	for (r = 0; r < 20000; r++) {
		iz_table_add_row(t);
		iz_table_set_text(t, r, 0, "a fairly long piece of text");
		iz_table_set_real(t, r, 1, (double)r / 7.0);
	}
	assert_write_fails(t, IZ_FORMAT_TABLE);
	assert_write_fails(t, IZ_FORMAT_CSV);
	assert_write_fails(t, IZ_FORMAT_JSON);
	iz_table_free(t);
}

static void test_write_unknown_format_fails(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = sample_table();
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	assert_int_equal(iz_output_write(f, t, (enum iz_format)42, &err), -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	fclose(f);
	assert_int_equal(len, 0);
	free(buf);
	iz_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_format_known_names),
		cmocka_unit_test(test_parse_format_unknown_name),
		cmocka_unit_test(test_parse_format_wrong_case_or_empty),
		cmocka_unit_test(test_table_mixed_types_aligned),
		cmocka_unit_test(test_table_utf8_widest_cell_sets_width),
		cmocka_unit_test(test_table_real_decimals_each_setting),
		cmocka_unit_test(test_table_last_column_no_trailing_spaces),
		cmocka_unit_test(test_table_null_first_column_keeps_alignment),
		cmocka_unit_test(test_table_control_chars_replaced),
		cmocka_unit_test(test_table_nonfinite_reals),
		cmocka_unit_test(test_table_empty_prints_header_and_rule),
		cmocka_unit_test(test_table_no_columns_prints_two_empty_lines),
		cmocka_unit_test(test_table_notes_not_written),
		cmocka_unit_test(test_csv_mixed_types),
		cmocka_unit_test(test_csv_quotes_comma_quote_newline),
		cmocka_unit_test(test_csv_real_decimals_each_setting),
		cmocka_unit_test(test_real_fixed_decimals_match_printf),
		cmocka_unit_test(test_csv_null_and_suppressed),
		cmocka_unit_test(test_csv_int64_extremes),
		cmocka_unit_test(test_csv_empty_prints_header),
		cmocka_unit_test(test_real_shortest_round_trips),
		cmocka_unit_test(test_real_shortest_picks_fewest_digits),
		cmocka_unit_test(test_csv_decimal_point_ignores_locale),
		cmocka_unit_test(test_json_exact_document),
		cmocka_unit_test(test_json_keys_in_stable_order),
		cmocka_unit_test(test_json_cell_types),
		cmocka_unit_test(test_json_columns_listed),
		cmocka_unit_test(test_json_suppression_lists_cells),
		cmocka_unit_test(test_json_statistics_numbers_and_text),
		cmocka_unit_test(test_json_nonfinite_reals_null),
		cmocka_unit_test(test_json_int64_extremes),
		cmocka_unit_test(test_json_escapes_text),
		cmocka_unit_test(test_json_invalid_utf8_replaced),
		cmocka_unit_test(test_json_empty_table),
		cmocka_unit_test(test_json_notes_in_order),
		cmocka_unit_test(test_write_full_device_fails),
		cmocka_unit_test(test_write_full_device_large_table_fails),
		cmocka_unit_test(test_write_unknown_format_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
