/*
 * Unit tests for the non-CBS sources: csv files read through file:// URLs
 * (BOM, decimal comma, Windows-1252, quoted fields, missing cells and the
 * errors with their lines) and the Swing ODS replayed from a recording
 * (two pages, '?' values, region names, a response without "value", a
 * nextLink to another host, the API key kept out of messages).
 */
#include "inzicht/sources.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inzicht/catalog.h"
#include "inzicht/csvsource.h"
#include "inzicht/text.h"
#include "inzicht/error.h"
#include "inzicht/http.h"
#include "inzicht/store.h"
#include "inzicht/swingods.h"
#include "inzicht/table.h"
#include "iztest.h"

#define DATA "tests/data/sources"
#define SWING "https://accept-wsjg.databank.nl/ods/odata"

struct fixture {
	char dir[64];
	char *db;
	char *cwd;
	struct iz_store *st;
	struct iz_http *h;
	struct iz_cbs_result res;
};

static int open_fixture(void **state, const char *replay)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct iz_http_options o;
	struct iz_error err = IZ_ERROR_INIT;

	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/iz-sources-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->db = iz_xasprintf("%s/store.db", f->dir);
	f->cwd = getcwd(NULL, 0);
	assert_non_null(f->cwd);
	if (iz_store_open(&f->st, f->db, IZ_STORE_READWRITE, &err) < 0)
		fail_msg("iz_store_open: %s", err.msg);
	iz_http_options_init(&o);
	o.max_attempts = 1;
	o.replay_dir = replay;
	if (iz_http_new(&f->h, &o, &err) < 0)
		fail_msg("iz_http_new: %s", err.msg);
	unsetenv(IZ_SWINGODS_APIKEY_ENV);
	*state = f;
	return 0;
}

static int setup_csv(void **state)
{
	return open_fixture(state, NULL);
}

static int setup_swing(void **state)
{
	return open_fixture(state, DATA "/swing-rec");
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *wal;

	iz_http_free(f->h);
	iz_store_close(f->st);
	unlink(f->db);
	wal = iz_xasprintf("%s-wal", f->db);
	unlink(wal);
	free(wal);
	wal = iz_xasprintf("%s-shm", f->db);
	unlink(wal);
	free(wal);
	rmdir(f->dir);
	free(f->db);
	free(f->cwd);
	free(f);
	unsetenv(IZ_SWINGODS_APIKEY_ENV);
	return 0;
}

/* Parse a catalog entry and load it in one transaction. */
static int fetch(struct fixture *f, const char *json, struct iz_error *err)
{
	struct iz_error perr = IZ_ERROR_INIT;
	struct iz_dataset *ds = NULL;
	int rc;

	if (iz_catalog_parse(&ds, json, "test.json", &perr) < 0)
		fail_msg("iz_catalog_parse: %s", perr.msg);
	if (iz_store_begin(f->st, err) < 0)
		fail_msg("iz_store_begin: %s", err->msg);
	rc = iz_source_fetch(&f->res, f->h, f->st, ds, NULL, NULL, err);
	if (rc == 0 && iz_store_commit(f->st, err) < 0)
		fail_msg("iz_store_commit: %s", err->msg);
	if (rc < 0)
		iz_store_rollback(f->st);
	free(f->res.modified);
	iz_dataset_free(ds);
	return rc;
}

/* The file:// URL of a fixture. New string. */
static char *data_url(struct fixture *f, const char *name)
{
	return iz_xasprintf("file://%s/" DATA "/%s", f->cwd, name);
}

/* A csv catalog entry for fixture name with the given measures. */
static char *csv_entry(struct fixture *f, const char *name, const char *extra,
		       const char *measures)
{
	char *url = data_url(f, name);
	char *json = iz_xasprintf(
		"{\"id\": \"csvtest\", \"source\": \"csv\", \"url\": \"%s\", "
		"\"region_column\": \"gemeente\", %s, \"measures\": {%s}}",
		url, extra, measures);

	free(url);
	return json;
}

static void assert_loads(struct fixture *f, const char *json)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (fetch(f, json, &err) < 0)
		fail_msg("fetch: %s", err.msg);
	assert_int_equal(err.code, IZ_OK);
}

/* The message of a failing load; the caller frees it. */
static char *load_error(struct fixture *f, const char *json, enum iz_err code)
{
	struct iz_error err = IZ_ERROR_INIT;

	assert_int_equal(fetch(f, json, &err), -1);
	assert_int_equal(err.code, code);
	return iz_xstrdup(err.msg);
}

/* The first cell of a query as text ("NULL" for NULL, "none" when the
 * query yields no row). New string. */
static char *q(struct fixture *f, const char *sql, const char *const *names,
	       const char *const *values, size_t n)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	const struct iz_cell *c;
	char *out;

	if (iz_store_query(&t, f->st, sql, names, values, n, &err) < 0)
		fail_msg("query: %s", err.msg);
	if (iz_table_nrows(t) == 0) {
		iz_table_free(t);
		return iz_xstrdup("none");
	}
	c = iz_table_cell(t, 0, 0);
	if (c->kind == IZ_CELL_TEXT)
		out = iz_xstrdup(c->v.text);
	else if (c->kind == IZ_CELL_INT)
		out = iz_xasprintf("%lld", (long long)c->v.i);
	else if (c->kind == IZ_CELL_REAL)
		out = iz_xasprintf("%.17g", c->v.r);
	else
		out = iz_xstrdup("NULL");
	iz_table_free(t);
	return out;
}

static void assert_q(struct fixture *f, const char *sql, const char *want)
{
	char *got = q(f, sql, NULL, NULL, 0);

	assert_string_equal(got, want);
	free(got);
}

/* One observation as "12.5" or "missing <status>". */
static void assert_obs(struct fixture *f, const char *indicator,
		       const char *region, const char *period, const char *want)
{
	static const char *const names[] = { "i", "r", "p" };
	const char *values[] = { indicator, region, period };
	char *got = q(f,
		      "SELECT CASE WHEN o.value IS NULL THEN 'missing ' || "
		      "o.status ELSE printf('%.10g', o.value) END "
		      "FROM observation o JOIN indicator i "
		      "ON i.id = o.indicator WHERE i.code = :i "
		      "AND o.region = :r AND o.period = :p",
		      names, values, 3);

	if (strcmp(got, want) != 0)
		fail_msg("%s %s %s: got '%s', want '%s'", indicator, region,
			 period, got, want);
	free(got);
}

static void assert_msg(char *msg, const char *want)
{
	assert_string_equal(msg, want);
	free(msg);
}

/* ---- numbers, periods, encoding ------------------------------------ */

/* Cells and what iz_text_number makes of them. */
static const struct number_case {
	const char *in;
	int rc;
	double v;
	const char *status;
} number_cases[] = {
	{ "12,5", 1, 12.5, NULL },
	{ "12.5", 1, 12.5, NULL },
	{ " -3,25 ", 1, -3.25, NULL },
	{ "1.234,5", 1, 1234.5, NULL },
	{ "1.234.567,0", 1, 1234567, NULL },
	{ "7", 1, 7, NULL },
	{ ",5", 1, 0.5, NULL },
	{ "1,5e3", 1, 1500, NULL },
	{ "", 0, 0, "empty" },
	{ "  ", 0, 0, "empty" },
	{ ".", 0, 0, "." },
	{ "-", 0, 0, "-" },
	{ "x", 0, 0, "x" },
	{ "X", 0, 0, "x" },
	{ "?", 0, 0, "?" },
	{ "12,34,5", -1, 0, NULL },
	{ "12.34,5", -1, 0, NULL },
	{ "1,234.5", -1, 0, NULL },
	{ "12%", -1, 0, NULL },
	{ "abc", -1, 0, NULL },
	{ "inf", -1, 0, NULL },
	{ "nan", -1, 0, NULL },
	{ "0x1A", -1, 0, NULL },
	{ "1e999", -1, 0, NULL },
	{ "1-2", -1, 0, NULL },
	{ "e5", -1, 0, NULL },
};

static void test_number_dutch_and_english(void **state)
{
	const struct number_case *c;
	size_t i;
	double v;
	const char *status;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(number_cases) / sizeof(number_cases[0]); i++) {
		c = &number_cases[i];
		v = -1;
		status = NULL;
		rc = iz_text_number(&v, &status, c->in);
		if (rc != c->rc)
			fail_msg("'%s': rc %d, want %d", c->in, rc, c->rc);
		if (rc == 1)
			assert_near(v, c->v, 1e-12);
		if (rc == 0)
			assert_string_equal(status, c->status);
	}
}

/* Day numbers against Python's datetime: (date(y, m, d) - date(1970, 1,
 * 1)).days */
static void test_day_numbers(void **state)
{
	static const struct {
		const char *date;
		int64_t day;
	} cases[] = {
		{ "1970-01-01", 0 },	 { "2000-02-29", 11016 },
		{ "2000-03-01", 11017 }, { "2025-01-01", 20089 },
		{ "1969-12-31", -1 },	 { "1900-03-01", -25508 },
	};
	static const char *const bad[] = { "2025-13-01", "2025-00-10",
					   "2025-01-32", "25-01-01",
					   "2025/01/01", "", "2025-1-01" };
	int64_t day = 42;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(iz_text_day(&day, cases[i].date));
		assert_int_equal(day, cases[i].day);
	}
	day = 42;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(iz_text_day(&day, bad[i]));
	assert_false(iz_text_day(&day, NULL));
	assert_int_equal(day, 42);
}

static void test_period_forms(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(iz_text_period(out, sizeof(out), "2023"), 0);
	assert_string_equal(out, "2023JJ00");
	assert_int_equal(iz_text_period(out, sizeof(out), " 2021 "), 0);
	assert_string_equal(out, "2021JJ00");
	assert_int_equal(iz_text_period(out, sizeof(out), "2023KW02"), 0);
	assert_string_equal(out, "2023KW02");
	assert_int_equal(iz_text_period(out, sizeof(out), "2023JJ00"), 0);
	assert_string_equal(out, "2023JJ00");
	assert_int_equal(iz_text_period(out, sizeof(out), "2023-Q1"), -1);
	assert_int_equal(iz_text_period(out, sizeof(out), "23"), -1);
	assert_int_equal(iz_text_period(out, sizeof(out), "20231"), -1);
	assert_int_equal(iz_text_period(out, sizeof(out), ""), -1);
	assert_int_equal(iz_text_period(out, sizeof(out), "2023KW05"), -1);
}

static void test_utf8_kept_and_cp1252_converted(void **state)
{
	size_t n;
	bool conv;
	char *s;

	(void)state;
	s = iz_text_utf8("Frysl\xc3\xa2n", 8, &n, &conv);
	assert_false(conv);
	assert_string_equal(s, "Frysl\xc3\xa2n");
	assert_int_equal(n, 8);
	free(s);
	s = iz_text_utf8("Frysl\xe2n \x80 \x96", 11, &n, &conv);
	assert_true(conv);
	assert_string_equal(s, "Frysl\xc3\xa2n \xe2\x82\xac \xe2\x80\x93");
	assert_int_equal(n, strlen(s));
	free(s);
	/* An overlong encoding and a lone surrogate are not UTF-8. */
	s = iz_text_utf8("\xc0\xaf", 2, &n, &conv);
	assert_true(conv);
	free(s);
	s = iz_text_utf8("\xed\xa0\x80", 3, &n, &conv);
	assert_true(conv);
	free(s);
}

/* ---- csv ----------------------------------------------------------- */

static const char basic_measures[] =
	"\"aandeel_laag_inkomen\": {\"indicator\": \"laag_inkomen\", "
	"\"title\": \"Huishoudens met een laag inkomen\", \"unit\": \"%\", "
	"\"spearhead\": \"financiele_stabiliteit\"}, \"huishoudens\": {}";

static void test_csv_bom_decimal_comma_missing(void **state)
{
	struct fixture *f = *state;
	char *json = csv_entry(f, "basic.csv", "\"period_column\": \"jaar\"",
			       basic_measures);

	assert_loads(f, json);
	free(json);
	assert_int_equal(f->res.observations, 8);
	assert_int_equal(f->res.pages, 1);
	assert_obs(f, "laag_inkomen", "GM0363", "2023JJ00", "12.5");
	assert_obs(f, "huishoudens", "GM0363", "2023JJ00", "1234.5");
	assert_obs(f, "laag_inkomen", "GM0014", "2023JJ00", "8.25");
	assert_obs(f, "huishoudens", "GM0014", "2023JJ00", "missing .");
	assert_obs(f, "laag_inkomen", "WK036300", "2022JJ00", "missing empty");
	assert_obs(f, "huishoudens", "WK036300", "2022JJ00", "missing x");
	assert_obs(f, "laag_inkomen", "GM0599", "2023JJ00", "missing -");
	assert_obs(f, "huishoudens", "GM0599", "2023JJ00", "missing ?");
	assert_q(f, "SELECT count(*) FROM observation", "8");
	assert_q(f,
		 "SELECT level || ' ' || parent FROM region "
		 "WHERE code = 'WK036300'",
		 "wijk GM0363");
	assert_q(f, "SELECT level FROM region WHERE code = 'GM0014'",
		 "gemeente");
	assert_q(f, "SELECT name FROM region WHERE code = 'GM0363'", "NULL");
	assert_q(f,
		 "SELECT group_concat(code, ',') FROM "
		 "(SELECT code FROM period WHERE dataset = 'csvtest' "
		 "ORDER BY code)",
		 "2022JJ00,2023JJ00");
	assert_q(f,
		 "SELECT title || '|' || unit || '|' || spearhead || '|' "
		 "|| measure FROM indicator WHERE code = 'laag_inkomen'",
		 "Huishoudens met een laag inkomen|%|financiele_stabiliteit|"
		 "aandeel_laag_inkomen");
	assert_q(f, "SELECT title FROM indicator WHERE code = 'huishoudens'",
		 "huishoudens");
	assert_q(f, "SELECT source FROM dataset WHERE id = 'csvtest'", "csv");
}

static void test_csv_reload_replaces(void **state)
{
	struct fixture *f = *state;
	char *json = csv_entry(f, "basic.csv", "\"period_column\": \"jaar\"",
			       basic_measures);

	assert_loads(f, json);
	assert_loads(f, json);
	free(json);
	assert_q(f, "SELECT count(*) FROM observation", "8");
	assert_q(f, "SELECT count(*) FROM indicator", "2");
}

static void test_csv_windows1252(void **state)
{
	struct fixture *f = *state;
	char *json = csv_entry(f, "cp1252.csv", "\"period_column\": \"jaar\"",
			       "\"aandeel_\xc3\xa9\xc3\xa9n\": "
			       "{\"indicator\": \"aandeel_een\"}, "
			       "\"inkomen_\xe2\x82\xac\": "
			       "{\"indicator\": \"inkomen_eur\"}");

	assert_loads(f, json);
	free(json);
	assert_obs(f, "aandeel_een", "GM1900", "2023JJ00", "4.5");
	assert_obs(f, "inkomen_eur", "GM1900", "2023JJ00", "31.2");
	assert_q(f, "SELECT measure FROM indicator WHERE code = 'aandeel_een'",
		 "aandeel_\xc3\xa9\xc3\xa9n");
}

static void test_csv_quoted_fields(void **state)
{
	struct fixture *f = *state;
	char *json = csv_entry(f, "quoted.csv", "\"period\": \"2023\"",
			       "\"waarde\": {}");

	assert_loads(f, json);
	free(json);
	assert_int_equal(f->res.observations, 3);
	assert_obs(f, "waarde", "GM0363", "2023JJ00", "1.5");
	assert_obs(f, "waarde", "GM0014", "2023JJ00", "2.5");
	assert_obs(f, "waarde", "GM0599", "2023JJ00", "3.5");
	assert_q(f, "SELECT title FROM period WHERE code = '2023JJ00'", "2023");
}

static void test_csv_comma_delimiter(void **state)
{
	struct fixture *f = *state;
	char *json = csv_entry(f, "comma.csv",
			       "\"period_column\": \"jaar\", "
			       "\"delimiter\": \",\"",
			       "\"waarde\": {}");

	assert_loads(f, json);
	free(json);
	assert_obs(f, "waarde", "GM0363", "2023JJ00", "12.5");
	assert_obs(f, "waarde", "GM0014", "2023JJ00", "7");
}

static void test_csv_excel_sep_line(void **state)
{
	struct fixture *f = *state;
	char *json = csv_entry(f, "sep.csv", "\"period_column\": \"jaar\"",
			       "\"waarde\": {}");

	assert_loads(f, json);
	free(json);
	assert_obs(f, "waarde", "GM0363", "2023JJ00", "4.25");
}

static void test_csv_header_only(void **state)
{
	struct fixture *f = *state;
	char *json = csv_entry(f, "header-only.csv",
			       "\"period_column\": \"jaar\"", "\"waarde\": {}");

	assert_loads(f, json);
	free(json);
	assert_int_equal(f->res.observations, 0);
	assert_q(f, "SELECT count(*) FROM indicator", "1");
}

/* The error of loading fixture name with column waarde; caller frees. */
static char *csv_error(struct fixture *f, const char *name, const char *extra,
		       char **url)
{
	char *json = csv_entry(f, name, extra, "\"waarde\": {}");
	char *msg = load_error(f, json, IZ_EINPUT);

	free(json);
	*url = data_url(f, name);
	return msg;
}

static void assert_csv_error(struct fixture *f, const char *name,
			     const char *extra, const char *want_tail)
{
	char *url;
	char *msg = csv_error(f, name, extra, &url);
	char *want = iz_xasprintf("%s%s", url, want_tail);

	assert_string_equal(msg, want);
	free(want);
	free(msg);
	free(url);
	assert_q(f, "SELECT count(*) FROM observation", "0");
	assert_q(f, "SELECT count(*) FROM dataset", "0");
}

static void test_csv_bad_region_code(void **state)
{
	assert_csv_error(*state, "bad-region.csv",
			 "\"period_column\": \"jaar\"",
			 ":3: column 'gemeente': bad region code");
}

static void test_csv_line_after_multiline_record(void **state)
{
	assert_csv_error(*state, "quoted-bad.csv", "\"period\": \"2023\"",
			 ":5: column 'gemeente': bad region code");
}

static void test_csv_missing_catalog_column(void **state)
{
	struct fixture *f = *state;
	char *json = csv_entry(f, "basic.csv", "\"period_column\": \"jaar\"",
			       "\"huishoudens\": {}, \"bestaat_niet\": {}");
	char *url = data_url(f, "basic.csv");
	char *want = iz_xasprintf("%s: column 'bestaat_niet' of catalog entry "
				  "'csvtest' is not in the file",
				  url);

	assert_msg(load_error(f, json, IZ_EINPUT), want);
	free(want);
	free(url);
	free(json);
}

static void test_csv_missing_period_column(void **state)
{
	assert_csv_error(*state, "quoted.csv", "\"period_column\": \"jaar\"",
			 ": column 'jaar' of catalog entry 'csvtest' is not "
			 "in the file");
}

static void test_csv_wrong_field_count(void **state)
{
	assert_csv_error(*state, "field-count.csv",
			 "\"period_column\": \"jaar\"",
			 ":4: expected 3 fields, got 2");
}

static void test_csv_bad_period(void **state)
{
	assert_csv_error(*state, "bad-period.csv",
			 "\"period_column\": \"jaar\"",
			 ":2: column 'jaar': bad period (expected a year or "
			 "a CBS period code such as 2023JJ00)");
}

static void test_csv_not_a_number(void **state)
{
	assert_csv_error(*state, "not-a-number.csv",
			 "\"period_column\": \"jaar\"",
			 ":2: column 'waarde': not a number");
}

static void test_csv_malformed_quote(void **state)
{
	assert_csv_error(*state, "malformed.csv", "\"period_column\": \"jaar\"",
			 ":2: malformed quoted field");
}

static void test_csv_unclosed_quote(void **state)
{
	assert_csv_error(*state, "unclosed.csv", "\"period_column\": \"jaar\"",
			 ":3: quoted field not closed");
}

static void test_csv_empty_file(void **state)
{
	assert_csv_error(*state, "empty.csv", "\"period_column\": \"jaar\"",
			 ": no header row");
}

static void test_csv_column_twice(void **state)
{
	assert_csv_error(*state, "twice.csv", "\"period\": \"2023\"",
			 ": column 'waarde' appears twice");
}

static void test_csv_bad_fixed_period(void **state)
{
	struct fixture *f = *state;
	char *json = csv_entry(f, "quoted.csv", "\"period\": \"vorig jaar\"",
			       "\"waarde\": {}");

	assert_msg(load_error(f, json, IZ_EINPUT),
		   "test.json: key 'period': bad period 'vorig jaar' "
		   "(expected a year or a CBS period code such as 2023JJ00)");
	free(json);
}

static void test_csv_missing_file(void **state)
{
	struct fixture *f = *state;
	char *json = csv_entry(f, "no-such-file.csv", "\"period\": \"2023\"",
			       "\"waarde\": {}");
	char *msg = load_error(f, json, IZ_EHTTP);
	char *url = data_url(f, "no-such-file.csv");

	assert_non_null(strstr(msg, url));
	free(url);
	free(msg);
	free(json);
}

/* ---- swing-ods ----------------------------------------------------- */

static const char swing_entry[] =
	"{\"id\": \"wsjg\", \"source\": \"swing-ods\", \"url\": \"" SWING
	"/\", \"title\": \"Waar staat je gemeente\", \"measures\": {"
	"\"wbbevtot\": {\"indicator\": \"bevolking\", "
	"\"title\": \"bevolking totaal\"}, "
	"\"aandeel_laag\": {\"title\": \"Aandeel laag inkomen\", "
	"\"unit\": \"%\", \"spearhead\": \"financiele_stabiliteit\"}}}";

static void test_swing_two_pages_and_names(void **state)
{
	struct fixture *f = *state;

	assert_loads(f, swing_entry);
	assert_int_equal(f->res.observations, 6);
	assert_int_equal(f->res.pages, 3);
	assert_obs(f, "bevolking", "GM0363", "2022JJ00", "918117");
	assert_obs(f, "bevolking", "GM0014", "2022JJ00", "12.5");
	assert_obs(f, "bevolking", "GM0599", "2022JJ00", "missing ?");
	assert_obs(f, "bevolking", "GM0363", "2023JJ00", "1234.5");
	assert_obs(f, "bevolking", "GM0014", "2023JJ00", "missing null");
	assert_obs(f, "aandeel_laag", "GM0363", "2023JJ00", "8.5");
	assert_q(f, "SELECT name FROM region WHERE code = 'GM0363'",
		 "Amsterdam");
	assert_q(f, "SELECT name FROM region WHERE code = 'GM0599'",
		 "Rotterdam");
	assert_q(f, "SELECT count(*) FROM region WHERE code = 'GM0344'", "0");
	assert_q(f,
		 "SELECT title || '|' || unit FROM indicator "
		 "WHERE code = 'bevolking'",
		 "Bevolking  totaal|aantal");
	assert_q(f,
		 "SELECT title || '|' || unit || '|' || spearhead "
		 "FROM indicator WHERE code = 'aandeel_laag'",
		 "Aandeel laag inkomen|%|financiele_stabiliteit");
	assert_q(f, "SELECT source || '|' || title FROM dataset",
		 "swing-ods|Waar staat je gemeente");
	assert_q(f, "SELECT count(*) FROM period WHERE dataset = 'wsjg'", "2");
}

static char *swing_one(const char *code, const char *extra)
{
	return iz_xasprintf("{\"id\": \"wsjg\", \"source\": \"swing-ods\", "
			    "\"url\": \"" SWING "\", \"measures\": "
			    "{\"%s\": {%s}}}",
			    code, extra);
}

static const char lie_url[] = SWING
	"/Variables('leugen')/GeoLevels('gemeente')/"
	"PeriodLevels('year')/Periods('all')/Values";

static void test_swing_response_without_value(void **state)
{
	struct fixture *f = *state;
	char *json = swing_one("leugen", "");
	char *want = iz_xasprintf("%s: key 'value': expected a list", lie_url);

	assert_msg(load_error(f, json, IZ_EHTTP), want);
	free(want);
	free(json);
	assert_q(f, "SELECT count(*) FROM dataset", "0");
}

static void test_swing_apikey_not_in_messages(void **state)
{
	static const char key[] = "s3cret-KEY-0123456789";
	struct fixture *f = *state;
	char *json = swing_one("leugen", "");
	char *msg;

	setenv(IZ_SWINGODS_APIKEY_ENV, key, 1);
	msg = load_error(f, json, IZ_EHTTP);
	assert_null(strstr(msg, key));
	assert_null(strstr(msg, "s3cret"));
	free(msg);
	free(json);
	json = swing_one("bestaat_niet", "");
	msg = load_error(f, json, IZ_EHTTP);
	assert_null(strstr(msg, "s3cret"));
	assert_non_null(strstr(msg, "Variables('bestaat_niet')"));
	free(msg);
	free(json);
}

static void test_swing_apikey_with_newline(void **state)
{
	struct fixture *f = *state;
	char *json = swing_one("wbbevtot", "");
	char *msg;

	setenv(IZ_SWINGODS_APIKEY_ENV, "abc\r\nX-Evil: 1", 1);
	msg = load_error(f, json, IZ_EINPUT);
	assert_null(strstr(msg, "abc"));
	assert_msg(msg, "environment variable 'INZICHT_WSJG_APIKEY': the API "
			"key holds a line break");
	free(json);
}

static void test_swing_foreign_next_link(void **state)
{
	struct fixture *f = *state;
	char *json = swing_one("vreemd", "");

	assert_msg(load_error(f, json, IZ_EHTTP),
		   SWING "/Variables('vreemd')/GeoLevels('gemeente')/"
			 "PeriodLevels('year')/Periods('all')/Values: key "
			 "'@odata.nextLink': points to another host");
	free(json);
}

static void test_swing_bad_period(void **state)
{
	struct fixture *f = *state;
	char *json = swing_one("kwartaal", "");

	assert_msg(load_error(f, json, IZ_EHTTP),
		   SWING "/Variables('kwartaal')/GeoLevels('gemeente')/"
			 "PeriodLevels('year')/Periods('all')/Values: row 0: "
			 "key 'Period': bad period (expected a year or a CBS "
			 "period code such as 2023JJ00)");
	free(json);
}

static void test_swing_title_mismatch(void **state)
{
	struct fixture *f = *state;
	char *json = swing_one("wbbevtot", "\"title\": \"Iets anders\"");

	assert_msg(load_error(f, json, IZ_EINPUT),
		   SWING "/Variables('wbbevtot'): variable 'wbbevtot': title "
			 "is 'Bevolking  totaal', catalog expects 'Iets "
			 "anders'");
	free(json);
}

static void test_swing_values_url(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_dataset *ds = NULL;
	char *url;

	(void)state;
	if (iz_catalog_parse(&ds,
			     "{\"id\": \"w\", \"source\": \"swing-ods\", "
			     "\"url\": \"https://h.example/ods/odata//\", "
			     "\"geo_level\": \"wijk\", \"period_level\": "
			     "\"quarter\", \"measures\": {\"a'b c\": "
			     "{\"indicator\": \"ab\"}}}",
			     "w.json", &err) < 0)
		fail_msg("%s", err.msg);
	url = iz_swingods_values_url(ds, "a'b c");
	assert_string_equal(url, "https://h.example/ods/odata/Variables("
				 "'a''b%20c')/GeoLevels('wijk')/PeriodLevels("
				 "'quarter')/Periods('all')/Values");
	free(url);
	iz_dataset_free(ds);
}

static void test_source_rejects_cbs(void **state)
{
	struct fixture *f = *state;

	assert_msg(load_error(f,
			      "{\"id\": \"k\", \"source\": \"cbs-v3\", "
			      "\"table\": \"85984NED\"}",
			      IZ_EINPUT),
		   "test.json: source 'cbs-v3' of dataset 'k' is loaded by "
		   "the CBS fetcher, not here");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_dutch_and_english),
		cmocka_unit_test(test_period_forms),
		cmocka_unit_test(test_day_numbers),
		cmocka_unit_test(test_utf8_kept_and_cp1252_converted),
#define CSV(t) cmocka_unit_test_setup_teardown(t, setup_csv, teardown)
		CSV(test_csv_bom_decimal_comma_missing),
		CSV(test_csv_reload_replaces),
		CSV(test_csv_windows1252),
		CSV(test_csv_quoted_fields),
		CSV(test_csv_comma_delimiter),
		CSV(test_csv_excel_sep_line),
		CSV(test_csv_header_only),
		CSV(test_csv_bad_region_code),
		CSV(test_csv_line_after_multiline_record),
		CSV(test_csv_missing_catalog_column),
		CSV(test_csv_missing_period_column),
		CSV(test_csv_wrong_field_count),
		CSV(test_csv_bad_period),
		CSV(test_csv_not_a_number),
		CSV(test_csv_malformed_quote),
		CSV(test_csv_unclosed_quote),
		CSV(test_csv_empty_file),
		CSV(test_csv_column_twice),
		CSV(test_csv_bad_fixed_period),
		CSV(test_csv_missing_file),
		CSV(test_source_rejects_cbs),
#undef CSV
#define SW(t) cmocka_unit_test_setup_teardown(t, setup_swing, teardown)
		SW(test_swing_two_pages_and_names),
		SW(test_swing_response_without_value),
		SW(test_swing_apikey_not_in_messages),
		SW(test_swing_apikey_with_newline),
		SW(test_swing_foreign_next_link),
		SW(test_swing_bad_period),
		SW(test_swing_title_mismatch),
#undef SW
		cmocka_unit_test(test_swing_values_url),
	};
	int rc;

	if (iz_http_global_init() < 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	iz_http_global_cleanup();
	return rc;
}
