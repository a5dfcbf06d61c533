/*
 * Unit tests for store, on a file in a temporary directory: file mode,
 * schema version, pragmas, read-only behaviour, the generic query (named
 * parameters, one statement), dataset bookkeeping, the hot inserts and
 * transactions.
 */
#include "inzicht/store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inzicht/error.h"
#include "inzicht/table.h"
#include "iztest.h"

struct fx {
	char dir[64];
	char path[128];
	struct iz_store *st;
};

/* A fresh directory; the store is not opened yet. */
static int setup_dir(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/iz-store-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/inzicht.db", f->dir);
	*state = f;
	return 0;
}

/* A fresh directory with a read-write store open. */
static int setup_store(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct fx *f;

	if (setup_dir(state) < 0)
		return -1;
	f = *state;
	if (iz_store_open(&f->st, f->path, IZ_STORE_READWRITE, &err) < 0) {
		fprintf(stderr, "iz_store_open: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	iz_store_close(f->st);
	iz_test_remove_dir(f->dir);
	free(f);
	return 0;
}

/* ---- query helpers ------------------------------------------------------ */

static struct iz_table *query(struct iz_store *st, const char *sql)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	if (iz_store_query(&t, st, sql, NULL, NULL, 0, &err) != 0)
		fail_msg("%s: %s", sql, err.msg);
	return t;
}

/* The single integer a query returns. */
static int64_t query_int(struct iz_store *st, const char *sql)
{
	struct iz_table *t = query(st, sql);
	const struct iz_cell *c;
	int64_t v;

	assert_int_equal(iz_table_nrows(t), 1);
	c = iz_table_cell(t, 0, 0);
	if (c->kind != IZ_CELL_INT)
		fail_msg("%s: cell kind %d, not an integer", sql, c->kind);
	v = c->v.i;
	iz_table_free(t);
	return v;
}

static void assert_query_text(struct iz_store *st, const char *sql,
			      const char *want)
{
	struct iz_table *t = query(st, sql);
	const struct iz_cell *c;

	assert_int_equal(iz_table_nrows(t), 1);
	c = iz_table_cell(t, 0, 0);
	if (!want) {
		if (c->kind != IZ_CELL_NULL)
			fail_msg("%s: expected NULL, got kind %d", sql,
				 c->kind);
	} else {
		if (c->kind != IZ_CELL_TEXT)
			fail_msg("%s: cell kind %d, not text", sql, c->kind);
		assert_string_equal(c->v.text, want);
	}
	iz_table_free(t);
}

static double query_real(struct iz_store *st, const char *sql)
{
	struct iz_table *t = query(st, sql);
	const struct iz_cell *c;
	double v;

	assert_int_equal(iz_table_nrows(t), 1);
	c = iz_table_cell(t, 0, 0);
	if (c->kind != IZ_CELL_REAL)
		fail_msg("%s: cell kind %d, not a real", sql, c->kind);
	v = c->v.r;
	iz_table_free(t);
	return v;
}

static void assert_query_null(struct iz_store *st, const char *sql)
{
	assert_query_text(st, sql, NULL);
}

/* ---- data helpers ------------------------------------------------------- */

static const struct iz_dataset_meta kwb_meta = {
	.id = "kwb",
	.source = "cbs-v3",
	.catalog = "CBS",
	.table_id = "85618NED",
	.title = "Kerncijfers wijken en buurten 2023",
	.modified = "2024-03-01T02:00:00",
	.reason_delivery = "Actualisering",
	.frequency = "Perjaar",
	.output_status = "Regulier",
	.newer_edition = NULL,
};

static int64_t put_indicator(struct iz_store *st, const char *dataset,
			     const char *code, const char *dims)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_indicator_def def = {
		.dataset = dataset,
		.code = code,
		.measure = "AantalInwoners_5",
		.dims = dims,
		.title = "Aantal inwoners",
		.unit = "aantal",
		.decimals = 0,
		.spearhead = "context",
		.polarity = "neutral",
		.life_stage = "totaal",
		.household_type = NULL,
		.approximate = true,
	};
	int64_t id = -1;

	if (iz_store_put_indicator(&id, st, &def, &err) != 0)
		fail_msg("put_indicator: %s", err.msg);
	assert_true(id > 0);
	return id;
}

static void reset(struct iz_store *st, const struct iz_dataset_meta *m)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (iz_store_dataset_reset(st, m, &err) != 0)
		fail_msg("dataset_reset: %s", err.msg);
}

static void begin(struct iz_store *st)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (iz_store_begin(st, &err) != 0)
		fail_msg("begin: %s", err.msg);
}

static void commit(struct iz_store *st)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (iz_store_commit(st, &err) != 0)
		fail_msg("commit: %s", err.msg);
}

static void put_obs(struct iz_store *st, int64_t ind, const char *region,
		    const char *period, enum iz_obs_part part, bool has,
		    double v, const char *status)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (iz_store_put_observation(st, ind, region, period, part, has, v,
				     status, &err) != 0)
		fail_msg("put_observation: %s", err.msg);
}

/* ---- opening ------------------------------------------------------------ */

static void test_open_creates_file_mode_0600(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct stat sb;
	mode_t old = umask(0);

	/* even with a permissive umask the store is private */
	assert_int_equal(iz_store_open(&f->st, f->path, IZ_STORE_READWRITE,
				       &err),
			 0);
	umask(old);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_string_equal(iz_store_path(f->st), f->path);
}

static void test_open_sets_schema_version(void **state)
{
	struct fx *f = *state;

	assert_int_equal(query_int(f->st, "PRAGMA user_version"),
			 IZ_STORE_SCHEMA_VERSION);
}

static void test_open_journal_mode_wal(void **state)
{
	struct fx *f = *state;

	assert_query_text(f->st, "PRAGMA journal_mode", "wal");
	assert_int_equal(query_int(f->st, "PRAGMA foreign_keys"), 1);
}

static void test_open_creates_tables(void **state)
{
	struct fx *f = *state;

	assert_int_equal(
		query_int(f->st,
			  "SELECT count(*) FROM sqlite_master WHERE type = "
			  "'table' AND name IN ('dataset', 'fetch_log', "
			  "'region', 'indicator', 'period', 'obs')"),
		6);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM sqlite_master "
					  "WHERE type = 'view' AND name = "
					  "'observation'"),
			 1);
}

static void test_open_twice_keeps_data(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	begin(f->st);
	reset(f->st, &kwb_meta);
	commit(f->st);
	iz_store_close(f->st);
	f->st = NULL;
	assert_int_equal(iz_store_open(&f->st, f->path, IZ_STORE_READWRITE,
				       &err),
			 0);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM dataset"), 1);
	assert_int_equal(query_int(f->st, "PRAGMA user_version"),
			 IZ_STORE_SCHEMA_VERSION);
}

static void test_open_readonly_missing_file_names_path(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_store *st = (struct iz_store *)&err;
	char want[256];

	assert_int_equal(iz_store_open(&st, f->path, IZ_STORE_READONLY, &err),
			 -1);
	assert_null(st);
	assert_int_equal(err.code, IZ_ESTORE);
	snprintf(want, sizeof(want),
		 "no store at '%s' (run 'inzicht fetch' first, or give --db)",
		 f->path);
	assert_string_equal(err.msg, want);
	/* and nothing was created */
	assert_int_equal(access(f->path, F_OK), -1);
}

static void test_open_readwrite_in_missing_dir_fails(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_store *st = NULL;
	char path[200], want[256];

	snprintf(path, sizeof(path), "%s/no/such/dir.db", f->dir);
	assert_int_equal(iz_store_open(&st, path, IZ_STORE_READWRITE, &err),
			 -1);
	assert_null(st);
	assert_int_equal(err.code, IZ_ESTORE);
	snprintf(want, sizeof(want),
		 "cannot create store '%s': No such file or directory", path);
	assert_string_equal(err.msg, want);
}

static void test_open_readonly_rejects_writes(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_store *ro = NULL;
	struct iz_table *t = NULL;

	iz_store_close(f->st);
	f->st = NULL;
	if (iz_store_open(&ro, f->path, IZ_STORE_READONLY, &err) != 0)
		fail_msg("read-only open: %s", err.msg);
	assert_int_equal(iz_store_query(&t, ro,
					"INSERT INTO region(code, level) "
					"VALUES('GM0363', 'gemeente')",
					NULL, NULL, 0, &err),
			 -1);
	assert_null(t);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_non_null(strstr(err.msg, "SQL error"));
	assert_non_null(strstr(err.msg, "readonly"));
	assert_int_equal(query_int(ro, "SELECT count(*) FROM region"), 0);
	/* the write helpers fail too (at BEGIN IMMEDIATE or at the write) */
	if (iz_store_begin(ro, &err) == 0) {
		assert_int_equal(iz_store_dataset_reset(ro, &kwb_meta, &err),
				 -1);
		iz_store_rollback(ro);
	}
	assert_int_equal(err.code, IZ_ESTORE);
	assert_non_null(strstr(err.msg, f->path));
	iz_store_close(ro);
}

static void test_open_readonly_old_schema_refused(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_store *st = NULL;
	int fd = open(f->path, O_CREAT | O_WRONLY, 0600);
	char want[300];

	/* an empty file is an SQLite database at user_version 0 */
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(iz_store_open(&st, f->path, IZ_STORE_READONLY, &err),
			 -1);
	assert_null(st);
	snprintf(want, sizeof(want),
		 "%s: store schema 0 is older than this inzicht (%d): run "
		 "'inzicht fetch' or 'inzicht import' once to migrate it",
		 f->path, IZ_STORE_SCHEMA_VERSION);
	assert_string_equal(err.msg, want);
}

static void test_open_newer_schema_refused(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	struct iz_store *st = NULL;
	char want[300];

	assert_int_equal(iz_store_query(&t, f->st, "PRAGMA user_version = 99",
					NULL, NULL, 0, &err),
			 0);
	iz_table_free(t);
	iz_store_close(f->st);
	f->st = NULL;
	snprintf(want, sizeof(want),
		 "%s: store schema 99 is newer than this inzicht (%d): "
		 "upgrade inzicht",
		 f->path, IZ_STORE_SCHEMA_VERSION);
	assert_int_equal(iz_store_open(&st, f->path, IZ_STORE_READWRITE, &err),
			 -1);
	assert_null(st);
	assert_int_equal(err.code, IZ_ESTORE);
	assert_string_equal(err.msg, want);
	assert_int_equal(iz_store_open(&st, f->path, IZ_STORE_READONLY, &err),
			 -1);
	assert_string_equal(err.msg, want);
}

/* ":memory:" is SQLite's in-memory database (STYLE.md: store tests use it);
 * opening it must not leave a file called ":memory:" in the working
 * directory. */
static void test_open_memory_creates_no_file(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	int cwd = open(".", O_RDONLY | O_DIRECTORY);

	assert_true(cwd >= 0);
	assert_int_equal(chdir(f->dir), 0);
	if (iz_store_open(&f->st, ":memory:", IZ_STORE_READWRITE, &err) != 0) {
		assert_int_equal(fchdir(cwd), 0);
		close(cwd);
		fail_msg("open :memory:: %s", err.msg);
	}
	assert_int_equal(query_int(f->st, "PRAGMA user_version"),
			 IZ_STORE_SCHEMA_VERSION);
	if (access(":memory:", F_OK) == 0) {
		unlink(":memory:");
		assert_int_equal(fchdir(cwd), 0);
		close(cwd);
		fail_msg("a file named ':memory:' was created");
	}
	assert_int_equal(fchdir(cwd), 0);
	close(cwd);
}

/* ---- iz_store_query ----------------------------------------------------- */

static void test_query_named_parameters_bound(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	const char *names[] = { "gemeente", "jaar", "leeg" };
	const char *values[] = { "GM0363", "2023", NULL };

	assert_int_equal(iz_store_query(&t, f->st,
					"SELECT :gemeente AS g, :jaar AS j, "
					":leeg AS l, :gemeente || '!' AS g2",
					names, values, 3, &err),
			 0);
	assert_int_equal(iz_table_ncols(t), 4);
	assert_string_equal(iz_table_column(t, 0)->name, "g");
	assert_int_equal(iz_table_nrows(t), 1);
	assert_int_equal(iz_table_cell(t, 0, 0)->kind, IZ_CELL_TEXT);
	assert_string_equal(iz_table_cell(t, 0, 0)->v.text, "GM0363");
	/* values bind as text */
	assert_int_equal(iz_table_cell(t, 0, 1)->kind, IZ_CELL_TEXT);
	assert_string_equal(iz_table_cell(t, 0, 1)->v.text, "2023");
	/* a NULL value binds NULL */
	assert_int_equal(iz_table_cell(t, 0, 2)->kind, IZ_CELL_NULL);
	assert_string_equal(iz_table_cell(t, 0, 3)->v.text, "GM0363!");
	iz_table_free(t);
}

static void test_query_unused_names_allowed(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	const char *names[] = { "x", "y" };
	const char *values[] = { "1", "2" };

	assert_int_equal(iz_store_query(&t, f->st, "SELECT :y AS y", names,
					values, 2, &err),
			 0);
	assert_string_equal(iz_table_cell(t, 0, 0)->v.text, "2");
	iz_table_free(t);
}

/* ---- iz_store_each ------------------------------------------------------- */

struct seen {
	int64_t ids[8];
	size_t n;
	int64_t stop_after; /* return 1 after this id */
	bool fail;          /* return -1 at the second row */
};

static int seen_row(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	struct seen *s = ctx;
	int64_t id = iz_row_int(r, 0);

	s->ids[s->n++] = id;
	if (s->fail && s->n == 2)
		return iz_fail(err, IZ_EINPUT, "stop at '%lld'", (long long)id);
	return id == s->stop_after ? 1 : 0;
}

static void put_households(struct iz_store *st, int n)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_household h = { .period = 2025, .children = -1,
				  .income_pct_sm = -1 };
	int i;

	for (i = 1; i <= n; i++) {
		h.id = i;
		if (iz_store_put_household(st, &h, &err) < 0)
			fail_msg("put household: %s", err.msg);
	}
}

/* A callback's 1 ends the scan early without an error; the statement is
 * reset, so the same query runs again from its first row. */
static void test_each_stops_early(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct seen s = { .stop_after = 2 };
	const char *sql = "SELECT id FROM household ORDER BY id";

	put_households(f->st, 4);
	assert_int_equal(iz_store_each(f->st, sql, NULL, NULL, 0, seen_row, &s,
				       &err),
			 0);
	assert_int_equal(err.code, IZ_OK);
	assert_int_equal(s.n, 2);
	s = (struct seen){ .stop_after = 0 };
	assert_int_equal(iz_store_each(f->st, sql, NULL, NULL, 0, seen_row, &s,
				       &err),
			 0);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.ids[0], 1);
	assert_int_equal(s.ids[3], 4);
}

static void test_each_callback_error_returned(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct seen s = { .fail = true };

	put_households(f->st, 3);
	assert_int_equal(iz_store_each(f->st,
				       "SELECT id FROM household ORDER BY id",
				       NULL, NULL, 0, seen_row, &s, &err),
			 -1);
	assert_int_equal(s.n, 2);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg, "stop at '2'");
}

static int or_row(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	double *v = ctx;

	(void)err;
	v[0] = (double)iz_row_int_or(r, 0, -7);
	v[1] = iz_row_double_or(r, 1, -0.5);
	v[2] = (double)iz_row_int_or(r, 2, -7);
	v[3] = iz_row_double_or(r, 3, -0.5);
	return 0;
}

/* NULL gives the default; a value, the value. */
static void test_row_or_default(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	double v[4] = { 0 };

	assert_int_equal(iz_store_each(f->st,
				       "SELECT NULL, NULL, 42, 2.25", NULL,
				       NULL, 0, or_row, v, &err),
			 0);
	assert_true(v[0] == -7 && v[1] == -0.5);
	assert_true(v[2] == 42 && v[3] == 2.25);
}

/* ---- schema 4: the records' dates as day numbers ---------------------- */

/* Run SQL on a store without opening it as a store (no migration). */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* A store as schema 3 left it: the records' dates as text. */
static const char *const schema3_records[] = {
	"INSERT INTO participation VALUES"
	" (-5, 'kindpakket', '2024-02-29', NULL),"
	" (7, 'meedoen', '1969-12-31', '2025-12-31'),"
	" (7, 'meedoen', '2025-03-01', '2025-06-30')",
	"INSERT INTO signal VALUES (7, 'huur', '2025-03-01', 420.5,"
	" 'contact_gelegd'), (7, 'water', '2000-01-01', NULL, NULL)",
};

static void make_schema3(const char *path)
{
	struct iz_error err = IZ_ERROR_INIT;
	size_t i;

	if (iz_store_create_at_version(path, 3, &err) < 0)
		fail_msg("create: %s", err.msg);
	for (i = 0; i < sizeof(schema3_records) / sizeof(*schema3_records);
	     i++)
		raw_exec(path, schema3_records[i]);
}

/* A schema-3 store: refused read-only (as every older schema), migrated
 * read-write, every date converted and every other value kept. */
static void test_schema3_records_migrate_to_day_numbers(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_store *ro = NULL;

	make_schema3(f->path);
	assert_int_equal(iz_store_open(&ro, f->path, IZ_STORE_READONLY, &err),
			 -1);
	assert_non_null(strstr(err.msg, "store schema 3 is older"));
	assert_int_equal(iz_store_open(&f->st, f->path, IZ_STORE_READWRITE,
				       &err),
			 0);
	assert_int_equal(query_int(f->st, "PRAGMA user_version"),
			 IZ_STORE_SCHEMA_VERSION);
	/* python3: (date(2024, 2, 29) - date(1970, 1, 1)).days */
	assert_query_text(f->st,
			  "SELECT group_concat(household || ':' || scheme || "
			  "':' || start_day || ':' || ifnull(end_day, '-'), ' ')"
			  " FROM participation",
			  "-5:kindpakket:19782:- 7:meedoen:-1:20453 "
			  "7:meedoen:20148:20269");
	assert_query_text(f->st,
			  "SELECT group_concat(partner || ':' || signal_day || "
			  "':' || ifnull(arrears_eur, '-') || ':' || "
			  "ifnull(outcome, '-'), ' ') FROM signal",
			  "huur:20148:420.5:contact_gelegd water:10957:-:-");
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM sqlite_schema "
					  "WHERE name LIKE '%4'"),
			 0);
	assert_int_equal(iz_store_open(&ro, f->path, IZ_STORE_READONLY, &err),
			 0);
	iz_store_close(ro);
}

/* Dates go in as YYYY-MM-DD and are kept as day numbers; anything else is
 * refused, the row not written. */
/* Schema 5: a schema-4 store gets the covering index of the regions, and
 * a series across gemeenten walks it. */
static void test_schema4_gets_region_index(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t;

	if (iz_store_create_at_version(f->path, 4, &err) < 0)
		fail_msg("create: %s", err.msg);
	assert_int_equal(iz_store_open(&f->st, f->path, IZ_STORE_READWRITE,
				       &err),
			 0);
	assert_int_equal(query_int(f->st, "PRAGMA user_version"),
			 IZ_STORE_SCHEMA_VERSION);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM sqlite_schema "
					  "WHERE name = 'region_cover'"),
			 1);
	t = query(f->st, "EXPLAIN QUERY PLAN SELECT r.code, r.name, o.value "
			 "FROM region r CROSS JOIN observation o WHERE "
			 "o.region = r.code AND o.indicator = 1 AND "
			 "o.period = '2024JJ00' AND r.code >= 'GM' AND "
			 "r.code < 'GN'");
	assert_non_null(strstr(iz_table_cell(t, 0, 3)->v.text,
			       "COVERING INDEX region_cover"));
	iz_table_free(t);
}

/* Schema 6: a schema-5 store's observations move to obs keyed by region
 * id; the view shows every row as it was, a region no dimension listed
 * gets its row, and the ids follow the regions' order of arrival. */
static void test_schema5_observations_keep_through_region_ids(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	if (iz_store_create_at_version(f->path, 5, &err) < 0)
		fail_msg("create: %s", err.msg);
	raw_exec(f->path,
		 "INSERT INTO dataset(id, source) VALUES('kwb', 'cbs-v3');"
		 "INSERT INTO indicator(id, dataset, code, measure)"
		 " VALUES(3, 'kwb', 'inwoners', 'A_1');"
		 "INSERT INTO region(code, name, level) VALUES"
		 " ('NL01', 'Nederland', 'land'),"
		 " ('GM0363', 'Amsterdam', 'gemeente'),"
		 " ('BU03630000', 'Kop Zeedijk', 'buurt');"
		 "INSERT INTO observation VALUES"
		 " ('GM0363', 3, '2023JJ00', 931298, NULL, NULL, NULL),"
		 " ('NL01', 3, '2023JJ00', NULL, '.', 1.5, 2.5),"
		 " ('BU03630000', 3, '2022JJ00', 1000, NULL, NULL, NULL),"
		 " ('WK036301', 3, '2023JJ00', 7, NULL, NULL, NULL)");
	assert_int_equal(iz_store_open(&f->st, f->path, IZ_STORE_READWRITE,
				       &err),
			 0);
	assert_query_text(
		f->st,
		"SELECT group_concat(region || ':' || indicator || ':' || "
		"period || ':' || ifnull(value, '-') || ':' || "
		"ifnull(status, '-') || ':' || ifnull(ci_low, '-') || ':' || "
		"ifnull(ci_high, '-'), ' ') FROM (SELECT * FROM observation "
		"ORDER BY region)",
		"BU03630000:3:2022JJ00:1000.0:-:-:- "
		"GM0363:3:2023JJ00:931298.0:-:-:- "
		"NL01:3:2023JJ00:-:.:1.5:2.5 WK036301:3:2023JJ00:7.0:-:-:-");
	assert_query_text(f->st,
			  "SELECT group_concat(id || ':' || code || ':' || "
			  "level || ':' || ifnull(parent, '-'), ' ') FROM "
			  "(SELECT * FROM region ORDER BY id)",
			  "1:NL01:land:- 2:GM0363:gemeente:- "
			  "3:BU03630000:buurt:- 4:WK036301:wijk:GM0363");
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM obs"), 4);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM sqlite_schema "
					  "WHERE name LIKE 'region6'"),
			 0);
}

/* Hand edits through the view reach obs; an unknown region is refused. */
static void test_observation_view_takes_edits(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	begin(f->st);
	reset(f->st, &kwb_meta);
	(void)put_indicator(f->st, "kwb", "inwoners", "");
	assert_int_equal(iz_store_put_region(f->st, "GM0363", "Amsterdam",
					     "gemeente", NULL, &err),
			 0);
	commit(f->st);
	iz_table_free(query(f->st, "INSERT INTO observation(region, indicator,"
				   " period, value) VALUES('GM0363', 1, "
				   "'2023JJ00', 5)"));
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM obs"), 1);
	iz_table_free(query(f->st, "UPDATE observation SET value = 6, "
				   "period = '2024JJ00' WHERE region = "
				   "'GM0363'"));
	assert_query_text(f->st,
			  "SELECT period || ':' || value FROM observation",
			  "2024JJ00:6.0");
	assert_int_equal(iz_store_query(&t, f->st,
					"INSERT INTO observation(region, "
					"indicator, period, value) VALUES("
					"'GM9999', 1, '2023JJ00', 5)",
					NULL, NULL, 0, &err),
			 -1);
	assert_non_null(strstr(err.msg, "region not in table region"));
	iz_table_free(query(f->st, "DELETE FROM observation WHERE region = "
				   "'GM0363'"));
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM obs"), 0);
}

/* A rolled-back transaction takes its region ids back, and SQLite gives
 * them out again: a later observation must not land on another region. */
static void test_region_ids_forgotten_on_rollback(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_obs o = { 0, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 2,
			    NULL };
	int64_t ind;

	begin(f->st);
	reset(f->st, &kwb_meta);
	ind = put_indicator(f->st, "kwb", "inwoners", "");
	commit(f->st);
	begin(f->st);
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 1, NULL);
	iz_store_rollback(f->st);
	begin(f->st);
	assert_int_equal(iz_store_put_region(f->st, "GM0014", "Groningen",
					     "gemeente", NULL, &err),
			 0);
	o.indicator = ind;
	assert_int_equal(iz_store_put_observations(f->st, &o, 1, &err), 0);
	put_obs(f->st, ind, "GM0363", "2022JJ00", IZ_OBS_VALUE, true, 3, NULL);
	commit(f->st);
	assert_query_text(f->st,
			  "SELECT group_concat(region || ':' || period || ':' "
			  "|| value, ' ') FROM (SELECT * FROM observation "
			  "ORDER BY period)",
			  "GM0363:2022JJ00:3.0 GM0363:2023JJ00:2.0");
	/* the region no dimension listed got its level from its code */
	assert_query_text(f->st, "SELECT level FROM region WHERE code = "
				 "'GM0363'",
			  "gemeente");
}

static void test_records_dates_as_day_numbers(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_participation p = { .household = 1,
				      .scheme = "meedoen",
				      .start_date = "1970-01-01",
				      .end_date = "2025-12-31" };
	struct iz_signal g = { .household = 1,
			       .partner = "huur",
			       .signal_date = "2025-13-01",
			       .arrears_eur = -1 };

	assert_int_equal(iz_store_put_participation(f->st, &p, &err), 0);
	assert_query_text(f->st,
			  "SELECT start_day || '/' || end_day FROM "
			  "participation",
			  "0/20453");
	assert_int_equal(iz_store_put_signal(f->st, &g, &err), -1);
	assert_int_equal(err.code, IZ_ESTORE);
	assert_string_equal(err.msg,
			    "not a date (YYYY-MM-DD): '2025-13-01'");
	p.end_date = "31-12-2025";
	assert_int_equal(iz_store_put_participation(f->st, &p, &err), -1);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM signal"), 0);
}

static void test_query_missing_parameter_named(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	const char *names[] = { "gemeente" };
	const char *values[] = { "GM0363" };

	assert_int_equal(iz_store_query(&t, f->st,
					"SELECT * FROM region WHERE code = "
					":gemeente AND level = :niveau",
					names, values, 1, &err),
			 -1);
	assert_null(t);
	assert_int_equal(err.code, IZ_EUSAGE);
	assert_string_equal(err.msg, "missing parameter 'niveau' (give --param "
				     "niveau=<value>)");
}

static void test_query_positional_parameter_rejected(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	const char *names[] = { "a" };
	const char *values[] = { "1" };

	assert_int_equal(iz_store_query(&t, f->st,
					"SELECT * FROM region WHERE code = ?",
					names, values, 1, &err),
			 -1);
	assert_null(t);
	assert_int_equal(err.code, IZ_EUSAGE);
	assert_string_equal(err.msg,
			    "query uses a positional parameter; use :name");
}

static void test_query_two_statements_rejected(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	assert_int_equal(iz_store_query(&t, f->st,
					"SELECT 1; DELETE FROM region", NULL,
					NULL, 0, &err),
			 -1);
	assert_null(t);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg, "more than one SQL statement (a query is "
				     "one SELECT)");
	assert_int_equal(iz_store_query(&t, f->st, "SELECT 1;SELECT 2", NULL,
					NULL, 0, &err),
			 -1);
}

static void test_query_trailing_semicolon_and_comments_ok(void **state)
{
	struct fx *f = *state;

	assert_int_equal(query_int(f->st, "SELECT 1;"), 1);
	assert_int_equal(query_int(f->st, "SELECT 2; -- the answer\n  ;"), 2);
	assert_int_equal(query_int(f->st, "SELECT 3 /* x */; /* y */\n"), 3);
	assert_int_equal(query_int(f->st, "SELECT 4; -- no newline"), 4);
}

static void test_query_empty_and_bad_sql(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	assert_int_equal(iz_store_query(&t, f->st, "  -- nothing\n", NULL,
					NULL, 0, &err),
			 -1);
	assert_string_equal(err.msg, "empty query");
	assert_int_equal(iz_store_query(&t, f->st, "SELEC 1", NULL, NULL, 0,
					&err),
			 -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_non_null(strstr(err.msg, "SQL error: "));
	assert_non_null(strstr(err.msg, "syntax error"));
	assert_int_equal(iz_store_query(&t, f->st, "SELECT * FROM nowhere",
					NULL, NULL, 0, &err),
			 -1);
	assert_non_null(strstr(err.msg, "no such table: nowhere"));
}

static void test_query_column_types_from_declarations(void **state)
{
	struct fx *f = *state;
	struct iz_table *t;
	int64_t ind;

	begin(f->st);
	reset(f->st, &kwb_meta);
	ind = put_indicator(f->st, "kwb", "inwoners", "");
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 931298,
		NULL);
	commit(f->st);
	t = query(f->st, "SELECT region, value, decimals FROM observation "
			 "JOIN indicator ON indicator.id = indicator");
	assert_int_equal(iz_table_column(t, 0)->type, IZ_COL_TEXT);
	assert_int_equal(iz_table_column(t, 1)->type, IZ_COL_REAL);
	assert_int_equal(iz_table_column(t, 2)->type, IZ_COL_INT);
	assert_int_equal(iz_table_cell(t, 0, 2)->kind, IZ_CELL_INT);
	assert_int_equal(iz_table_cell(t, 0, 2)->v.i, 0);
	iz_table_free(t);
}

/* store.h: "Column types follow the first non-NULL value of each column";
 * an expression column (no declared type) holding integers is an INT
 * column. Fails today: add_columns uses only the declared type (reported). */
static void test_query_expression_column_type_from_value(void **state)
{
	struct fx *f = *state;
	struct iz_table *t = query(f->st, "SELECT count(*) AS n, 1.5 AS r, "
					  "NULL AS z, 'x' AS s");

	assert_int_equal(iz_table_cell(t, 0, 0)->kind, IZ_CELL_INT);
	assert_int_equal(iz_table_cell(t, 0, 1)->kind, IZ_CELL_REAL);
	assert_int_equal(iz_table_cell(t, 0, 2)->kind, IZ_CELL_NULL);
	assert_int_equal(iz_table_column(t, 3)->type, IZ_COL_TEXT);
	assert_int_equal(iz_table_column(t, 0)->type, IZ_COL_INT);
	assert_int_equal(iz_table_column(t, 1)->type, IZ_COL_REAL);
	iz_table_free(t);
}

/* ---- datasets ----------------------------------------------------------- */

static void test_dataset_reset_done_modified(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	char *mod = (char *)"sentinel";
	struct iz_table *t;
	const struct iz_cell *c;

	begin(f->st);
	reset(f->st, &kwb_meta);
	/* not loaded yet: no modified to compare with */
	assert_int_equal(iz_store_dataset_modified(&mod, f->st, "kwb", &err),
			 0);
	assert_null(mod);
	assert_int_equal(iz_store_dataset_done(f->st, "kwb", 4242, &err), 0);
	commit(f->st);
	assert_int_equal(iz_store_dataset_modified(&mod, f->st, "kwb", &err),
			 0);
	assert_non_null(mod);
	assert_string_equal(mod, "2024-03-01T02:00:00");
	free(mod);
	assert_int_equal(iz_store_dataset_modified(&mod, f->st, "other", &err),
			 0);
	assert_null(mod);

	t = query(f->st, "SELECT id, source, catalog, table_id, title, rows, "
			 "reason_delivery, frequency, output_status, "
			 "newer_edition, fetched_at FROM dataset");
	assert_int_equal(iz_table_nrows(t), 1);
	assert_string_equal(iz_table_cell(t, 0, 0)->v.text, "kwb");
	assert_string_equal(iz_table_cell(t, 0, 1)->v.text, "cbs-v3");
	assert_string_equal(iz_table_cell(t, 0, 2)->v.text, "CBS");
	assert_string_equal(iz_table_cell(t, 0, 3)->v.text, "85618NED");
	assert_string_equal(iz_table_cell(t, 0, 4)->v.text,
			    "Kerncijfers wijken en buurten 2023");
	assert_int_equal(iz_table_cell(t, 0, 5)->kind, IZ_CELL_INT);
	assert_int_equal(iz_table_cell(t, 0, 5)->v.i, 4242);
	assert_string_equal(iz_table_cell(t, 0, 6)->v.text, "Actualisering");
	assert_string_equal(iz_table_cell(t, 0, 7)->v.text, "Perjaar");
	assert_string_equal(iz_table_cell(t, 0, 8)->v.text, "Regulier");
	assert_int_equal(iz_table_cell(t, 0, 9)->kind, IZ_CELL_NULL);
	c = iz_table_cell(t, 0, 10);
	assert_int_equal(c->kind, IZ_CELL_TEXT);
	/* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	assert_int_equal(strlen(c->v.text), 20);
	assert_int_equal(c->v.text[4], '-');
	assert_int_equal(c->v.text[10], 'T');
	assert_int_equal(c->v.text[19], 'Z');
	iz_table_free(t);
}

static void test_dataset_reset_keeps_title_when_null(void **state)
{
	struct fx *f = *state;
	struct iz_dataset_meta m = kwb_meta;

	begin(f->st);
	reset(f->st, &kwb_meta);
	m.title = NULL;
	m.modified = NULL;
	m.newer_edition = "85984NED";
	reset(f->st, &m);
	commit(f->st);
	assert_query_text(f->st, "SELECT title FROM dataset",
			  "Kerncijfers wijken en buurten 2023");
	assert_query_text(f->st, "SELECT modified FROM dataset",
			  "2024-03-01T02:00:00");
	assert_query_text(f->st, "SELECT newer_edition FROM dataset",
			  "85984NED");
}

static void test_dataset_flags_update_without_data_loss(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_dataset_meta m = kwb_meta;
	int64_t ind;

	begin(f->st);
	reset(f->st, &kwb_meta);
	ind = put_indicator(f->st, "kwb", "inwoners", "");
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 1, NULL);
	m.reason_delivery = "Stopgezet";
	m.output_status = "Gediscontinueerd";
	assert_int_equal(iz_store_dataset_flags(f->st, &m, &err), 0);
	commit(f->st);
	assert_query_text(f->st, "SELECT reason_delivery FROM dataset",
			  "Stopgezet");
	assert_query_text(f->st, "SELECT output_status FROM dataset",
			  "Gediscontinueerd");
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM observation"),
			 1);
}

static void test_dataset_reset_clears_only_that_dataset(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_dataset_meta other = kwb_meta;
	int64_t a, b;

	other.id = "banen";
	begin(f->st);
	reset(f->st, &kwb_meta);
	reset(f->st, &other);
	a = put_indicator(f->st, "kwb", "inwoners", "");
	b = put_indicator(f->st, "banen", "inwoners", "");
	put_obs(f->st, a, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 1, NULL);
	put_obs(f->st, b, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 2, NULL);
	assert_int_equal(iz_store_put_period(f->st, "kwb", "2023JJ00", "2023",
					     "Definitief", &err),
			 0);
	assert_int_equal(iz_store_put_period(f->st, "banen", "2023JJ00",
					     "2023", "Voorlopig", &err),
			 0);
	assert_int_equal(iz_store_put_region(f->st, "GM0363", "Amsterdam",
					     "gemeente", NULL, &err),
			 0);
	reset(f->st, &kwb_meta);
	commit(f->st);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM indicator"), 1);
	assert_query_text(f->st, "SELECT dataset FROM indicator", "banen");
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM observation"),
			 1);
	assert_near(query_real(f->st, "SELECT value FROM observation"), 2, 0);
	assert_query_text(f->st, "SELECT dataset FROM period", "banen");
	/* regions are shared and stay */
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM region"), 1);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM dataset"), 2);
}

/* ---- inserts ------------------------------------------------------------ */

static void test_put_indicator_stores_definition(void **state)
{
	struct fx *f = *state;
	struct iz_table *t;
	int64_t a, b;

	begin(f->st);
	reset(f->st, &kwb_meta);
	a = put_indicator(f->st, "kwb", "inwoners", "Geslacht=T001038");
	b = put_indicator(f->st, "kwb", "inwoners", "Geslacht=3000");
	commit(f->st);
	assert_true(b != a);
	t = query(f->st, "SELECT dataset, code, measure, dims, title, unit, "
			 "decimals, spearhead, polarity, life_stage, "
			 "household_type, approximate FROM indicator "
			 "ORDER BY id");
	assert_int_equal(iz_table_nrows(t), 2);
	assert_string_equal(iz_table_cell(t, 0, 0)->v.text, "kwb");
	assert_string_equal(iz_table_cell(t, 0, 1)->v.text, "inwoners");
	assert_string_equal(iz_table_cell(t, 0, 2)->v.text,
			    "AantalInwoners_5");
	assert_string_equal(iz_table_cell(t, 0, 3)->v.text,
			    "Geslacht=T001038");
	assert_string_equal(iz_table_cell(t, 0, 4)->v.text, "Aantal inwoners");
	assert_string_equal(iz_table_cell(t, 0, 5)->v.text, "aantal");
	assert_int_equal(iz_table_cell(t, 0, 6)->v.i, 0);
	assert_string_equal(iz_table_cell(t, 0, 7)->v.text, "context");
	assert_string_equal(iz_table_cell(t, 0, 8)->v.text, "neutral");
	assert_string_equal(iz_table_cell(t, 0, 9)->v.text, "totaal");
	assert_int_equal(iz_table_cell(t, 0, 10)->kind, IZ_CELL_NULL);
	assert_int_equal(iz_table_cell(t, 0, 11)->v.i, 1);
	assert_string_equal(iz_table_cell(t, 1, 3)->v.text, "Geslacht=3000");
	iz_table_free(t);
}

static void test_put_indicator_null_dims_stored_empty(void **state)
{
	struct fx *f = *state;

	begin(f->st);
	reset(f->st, &kwb_meta);
	put_indicator(f->st, "kwb", "inwoners", NULL);
	commit(f->st);
	assert_query_text(f->st, "SELECT dims FROM indicator", "");
}

static void test_put_indicator_duplicate_fails_naming_code(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_indicator_def def = { .dataset = "kwb",
					.code = "inwoners",
					.measure = "A",
					.dims = "" };
	int64_t id;

	begin(f->st);
	reset(f->st, &kwb_meta);
	put_indicator(f->st, "kwb", "inwoners", "");
	assert_int_equal(iz_store_put_indicator(&id, f->st, &def, &err), -1);
	assert_int_equal(err.code, IZ_ESTORE);
	assert_non_null(strstr(err.msg, "indicator 'inwoners': "));
	assert_non_null(strstr(err.msg, "UNIQUE"));
	iz_store_rollback(f->st);
}

static void test_put_indicator_unknown_dataset_fails(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_indicator_def def = { .dataset = "nope",
					.code = "x",
					.measure = "A" };
	int64_t id;

	begin(f->st);
	assert_int_equal(iz_store_put_indicator(&id, f->st, &def, &err), -1);
	assert_non_null(strstr(err.msg, "FOREIGN KEY"));
	iz_store_rollback(f->st);
}

static void test_put_region_upsert_keeps_name_when_null(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	begin(f->st);
	assert_int_equal(iz_store_put_region(f->st, "WK036300", "Burgwallen",
					     "wijk", "GM0363", &err),
			 0);
	assert_int_equal(iz_store_put_region(f->st, "WK036300", NULL, "wijk",
					     NULL, &err),
			 0);
	commit(f->st);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM region"), 1);
	assert_query_text(f->st, "SELECT name FROM region", "Burgwallen");
	assert_query_text(f->st, "SELECT parent FROM region", "GM0363");
	assert_query_text(f->st, "SELECT level FROM region", "wijk");
	begin(f->st);
	assert_int_equal(iz_store_put_region(f->st, "WK036300",
					     "Burgwallen-Oude Zijde", "wijk",
					     NULL, &err),
			 0);
	commit(f->st);
	assert_query_text(f->st, "SELECT name FROM region",
			  "Burgwallen-Oude Zijde");
	assert_query_text(f->st, "SELECT parent FROM region", "GM0363");
}

static void test_put_region_without_name(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	begin(f->st);
	assert_int_equal(iz_store_put_region(f->st, "NL01", NULL, "land", NULL,
					     &err),
			 0);
	commit(f->st);
	assert_query_null(f->st, "SELECT name FROM region");
	assert_query_null(f->st, "SELECT parent FROM region");
}

static void test_put_period_replaces(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	begin(f->st);
	reset(f->st, &kwb_meta);
	assert_int_equal(iz_store_put_period(f->st, "kwb", "2023JJ00", "2023",
					     "Voorlopig", &err),
			 0);
	assert_int_equal(iz_store_put_period(f->st, "kwb", "2023JJ00", "2023",
					     "Definitief", &err),
			 0);
	commit(f->st);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM period"), 1);
	assert_query_text(f->st, "SELECT status FROM period", "Definitief");
	assert_query_text(f->st, "SELECT title FROM period", "2023");
}

static void test_put_observation_parts_in_one_row(void **state)
{
	struct fx *f = *state;
	struct iz_table *t;
	int64_t ind;

	begin(f->st);
	reset(f->st, &kwb_meta);
	ind = put_indicator(f->st, "kwb", "inwoners", "");
	/* bounds before and after the value: all land in one row */
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_LOWER, true, 10.25,
		NULL);
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 12.5,
		NULL);
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_UPPER, true, 15.75,
		NULL);
	commit(f->st);
	t = query(f->st, "SELECT indicator, region, period, value, status, "
			 "ci_low, ci_high FROM observation");
	assert_int_equal(iz_table_nrows(t), 1);
	assert_int_equal(iz_table_cell(t, 0, 0)->v.i, ind);
	assert_string_equal(iz_table_cell(t, 0, 1)->v.text, "GM0363");
	assert_string_equal(iz_table_cell(t, 0, 2)->v.text, "2023JJ00");
	assert_near(iz_table_cell(t, 0, 3)->v.r, 12.5, 0);
	assert_int_equal(iz_table_cell(t, 0, 4)->kind, IZ_CELL_NULL);
	assert_near(iz_table_cell(t, 0, 5)->v.r, 10.25, 0);
	assert_near(iz_table_cell(t, 0, 6)->v.r, 15.75, 0);
	iz_table_free(t);
}

static void test_put_observation_bounds_without_value(void **state)
{
	struct fx *f = *state;
	int64_t ind;

	begin(f->st);
	reset(f->st, &kwb_meta);
	ind = put_indicator(f->st, "kwb", "inwoners", "");
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_UPPER, true, 3, NULL);
	commit(f->st);
	assert_query_null(f->st, "SELECT value FROM observation");
	assert_query_text(f->st, "SELECT status FROM observation", "no value");
	assert_near(query_real(f->st, "SELECT ci_high FROM observation"), 3, 0);
	assert_query_null(f->st, "SELECT ci_low FROM observation");
}

static void test_put_observation_missing_value_keeps_status(void **state)
{
	struct fx *f = *state;
	int64_t ind;

	begin(f->st);
	reset(f->st, &kwb_meta);
	ind = put_indicator(f->st, "kwb", "inwoners", "");
	/* the value 99 is ignored: has_value is false */
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_VALUE, false, 99,
		".");
	put_obs(f->st, ind, "GM0344", "2023JJ00", IZ_OBS_VALUE, true, 0, "x");
	commit(f->st);
	assert_query_null(f->st,
			  "SELECT value FROM observation WHERE region = "
			  "'GM0363'");
	assert_query_text(f->st,
			  "SELECT status FROM observation WHERE region = "
			  "'GM0363'",
			  ".");
	/* a value present stores no status, whatever was passed */
	assert_near(query_real(f->st, "SELECT value FROM observation WHERE "
				      "region = 'GM0344'"),
		    0, 0);
	assert_query_null(f->st, "SELECT status FROM observation WHERE region "
				 "= 'GM0344'");
}

static void test_put_observation_value_replaced(void **state)
{
	struct fx *f = *state;
	int64_t ind;

	begin(f->st);
	reset(f->st, &kwb_meta);
	ind = put_indicator(f->st, "kwb", "inwoners", "");
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_VALUE, false, 0, ".");
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 7, NULL);
	commit(f->st);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM observation"),
			 1);
	assert_near(query_real(f->st, "SELECT value FROM observation"), 7, 0);
	assert_query_null(f->st, "SELECT status FROM observation");
}

/* The batch path gives what the same parts stored one by one give: bounds
 * before and after values, a missing value replaced, a value replaced by a
 * missing one, runs of every part. */
static void test_put_observations_same_as_one_by_one(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_obs obs[] = {
		{ 0, "GM0363", "2023JJ00", IZ_OBS_LOWER, true, 1.5, NULL },
		{ 0, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 2.5, NULL },
		{ 0, "GM0344", "2023JJ00", IZ_OBS_VALUE, false, 9, "." },
		{ 0, "GM0344", "2023JJ00", IZ_OBS_VALUE, true, 4, NULL },
		{ 0, "GM0014", "2023JJ00", IZ_OBS_VALUE, true, 5, NULL },
		{ 0, "GM0014", "2023JJ00", IZ_OBS_VALUE, false, 0, "x" },
		{ 0, "GM0363", "2023JJ00", IZ_OBS_UPPER, true, 3.5, NULL },
		{ 0, "GM0014", "2023JJ00", IZ_OBS_UPPER, false, 0, NULL },
		{ 0, "GM0014", "2022JJ00", IZ_OBS_UPPER, true, 7, NULL },
		{ 0, "GM0014", "2022JJ00", IZ_OBS_LOWER, true, 6, NULL },
	};
	size_t i, n = sizeof(obs) / sizeof(obs[0]);
	int64_t one, batch;

	begin(f->st);
	reset(f->st, &kwb_meta);
	one = put_indicator(f->st, "kwb", "inwoners", "");
	batch = put_indicator(f->st, "kwb", "huishoudens", "");
	for (i = 0; i < n; i++) {
		put_obs(f->st, one, obs[i].region, obs[i].period, obs[i].part,
			obs[i].has_value, obs[i].value, obs[i].status);
		obs[i].indicator = batch;
	}
	assert_int_equal(iz_store_put_observations(f->st, obs, n, &err), 0);
	commit(f->st);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM observation"),
			 8);
	assert_int_equal(
		query_int(f->st,
			  "SELECT count(*) FROM (SELECT region, period, value, "
			  "status, ci_low, ci_high FROM observation GROUP BY "
			  "region, period, value, status, ci_low, ci_high "
			  "HAVING count(*) = 2)"),
		4);
}

/* Rows of several periods of one region, as a multi-period table sends
 * them: the batch is written in key order, and of two parts with the same
 * key the later one wins, as if written one by one. */
static void test_put_observations_periods_interleaved(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	int64_t a, b;

	begin(f->st);
	reset(f->st, &kwb_meta);
	a = put_indicator(f->st, "kwb", "inwoners", "");
	b = put_indicator(f->st, "kwb", "huishoudens", "");
	{
		struct iz_obs obs[] = {
			{ a, "GM0363", "2024JJ00", IZ_OBS_VALUE, true, 1, NULL },
			{ b, "GM0363", "2024JJ00", IZ_OBS_VALUE, true, 2, NULL },
			{ a, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 3, NULL },
			{ b, "GM0363", "2023JJ00", IZ_OBS_VALUE, false, 0, "." },
			{ a, "GM0363", "2022JJ00", IZ_OBS_VALUE, true, 5, NULL },
			{ a, "GM0363", "2024JJ00", IZ_OBS_VALUE, true, 6, NULL },
			{ b, "GM0363", "2022JJ00", IZ_OBS_VALUE, true, 7, NULL },
			{ a, "GM0014", "2024JJ00", IZ_OBS_VALUE, true, 8, NULL },
			{ a, "GM0014", "2023JJ00", IZ_OBS_VALUE, true, 9, NULL },
			{ a, "GM0363", "2023JJ00", IZ_OBS_LOWER, true, 2, NULL },
			{ a, "GM0363", "2021JJ00", IZ_OBS_LOWER, true, 4, NULL },
			{ a, "GM0363", "2023JJ00", IZ_OBS_LOWER, true, 2.5, NULL },
		};
		assert_int_equal(iz_store_put_observations(
					 f->st, obs, sizeof(obs) / sizeof(*obs),
					 &err),
				 0);
	}
	commit(f->st);
	assert_query_text(
		f->st,
		"SELECT group_concat(region || ':' || indicator || ':' || "
		"period || ':' || ifnull(value, status) || ':' || "
		"ifnull(ci_low, '-'), ' ') FROM (SELECT * FROM observation "
		"ORDER BY region, indicator, period)",
		"GM0014:1:2023JJ00:9.0:- GM0014:1:2024JJ00:8.0:- "
		"GM0363:1:2021JJ00:no value:4.0 GM0363:1:2022JJ00:5.0:- "
		"GM0363:1:2023JJ00:3.0:2.5 GM0363:1:2024JJ00:6.0:- "
		"GM0363:2:2022JJ00:7.0:- GM0363:2:2023JJ00:.:- "
		"GM0363:2:2024JJ00:2.0:-");
}

static void test_rollback_leaves_nothing(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	int64_t ind;

	begin(f->st);
	reset(f->st, &kwb_meta);
	ind = put_indicator(f->st, "kwb", "inwoners", "");
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 1, NULL);
	assert_int_equal(iz_store_put_region(f->st, "GM0363", "Amsterdam",
					     "gemeente", NULL, &err),
			 0);
	iz_store_rollback(f->st);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM dataset"), 0);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM indicator"), 0);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM observation"),
			 0);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM region"), 0);
	/* rollback without a transaction is harmless */
	iz_store_rollback(f->st);
}

static void test_rollback_restores_previous_load(void **state)
{
	struct fx *f = *state;
	int64_t ind;

	begin(f->st);
	reset(f->st, &kwb_meta);
	ind = put_indicator(f->st, "kwb", "inwoners", "");
	put_obs(f->st, ind, "GM0363", "2023JJ00", IZ_OBS_VALUE, true, 5, NULL);
	commit(f->st);
	/* a failed reload: reset wipes, rollback brings it back */
	begin(f->st);
	reset(f->st, &kwb_meta);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM observation"),
			 0);
	iz_store_rollback(f->st);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM observation"),
			 1);
	assert_near(query_real(f->st, "SELECT value FROM observation"), 5, 0);
}

static void test_close_with_open_transaction_rolls_back(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	begin(f->st);
	reset(f->st, &kwb_meta);
	iz_store_close(f->st);
	f->st = NULL;
	assert_int_equal(iz_store_open(&f->st, f->path, IZ_STORE_READWRITE,
				       &err),
			 0);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM dataset"), 0);
}

static void test_commit_without_begin_fails(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	assert_int_equal(iz_store_commit(f->st, &err), -1);
	assert_int_equal(err.code, IZ_ESTORE);
	assert_non_null(strstr(err.msg, f->path));
	assert_non_null(strstr(err.msg, "no transaction is active"));
}

static void test_begin_twice_fails(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	begin(f->st);
	assert_int_equal(iz_store_begin(f->st, &err), -1);
	assert_non_null(strstr(err.msg, "within a transaction"));
	iz_store_rollback(f->st);
}

static void test_log_fetch_rows(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t;

	assert_int_equal(iz_store_log_fetch(f->st, "kwb", "fetched", 8100,
					    1.25, NULL, &err),
			 0);
	assert_int_equal(iz_store_log_fetch(f->st, "kwb", "failed", 0, 0.5,
					    "https://x: HTTP 503 after 5 "
					    "attempts",
					    &err),
			 0);
	t = query(f->st, "SELECT dataset, result, rows, seconds, message, at "
			 "FROM fetch_log ORDER BY id");
	assert_int_equal(iz_table_nrows(t), 2);
	assert_string_equal(iz_table_cell(t, 0, 0)->v.text, "kwb");
	assert_string_equal(iz_table_cell(t, 0, 1)->v.text, "fetched");
	assert_int_equal(iz_table_cell(t, 0, 2)->kind, IZ_CELL_INT);
	assert_int_equal(iz_table_cell(t, 0, 2)->v.i, 8100);
	assert_int_equal(iz_table_cell(t, 0, 3)->kind, IZ_CELL_REAL);
	assert_near(iz_table_cell(t, 0, 3)->v.r, 1.25, 1e-9);
	assert_int_equal(iz_table_cell(t, 0, 4)->kind, IZ_CELL_NULL);
	assert_string_equal(iz_table_cell(t, 1, 1)->v.text, "failed");
	assert_string_equal(iz_table_cell(t, 1, 4)->v.text,
			    "https://x: HTTP 503 after 5 attempts");
	assert_int_equal(strlen(iz_table_cell(t, 0, 5)->v.text), 20);
	iz_table_free(t);
}

static void test_log_fetch_bad_result_rejected(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	assert_int_equal(iz_store_log_fetch(f->st, "kwb", "maybe", 0, 0, NULL,
					    &err),
			 -1);
	assert_int_equal(err.code, IZ_ESTORE);
	assert_non_null(strstr(err.msg, "CHECK constraint failed"));
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM fetch_log"), 0);
}

int main(void)
{
#define D(f) cmocka_unit_test_setup_teardown(f, setup_dir, teardown)
#define S(f) cmocka_unit_test_setup_teardown(f, setup_store, teardown)
	const struct CMUnitTest tests[] = {
		D(test_open_creates_file_mode_0600),
		S(test_open_sets_schema_version),
		S(test_open_journal_mode_wal),
		S(test_open_creates_tables),
		S(test_open_twice_keeps_data),
		D(test_open_readonly_missing_file_names_path),
		D(test_open_readwrite_in_missing_dir_fails),
		S(test_open_readonly_rejects_writes),
		D(test_open_readonly_old_schema_refused),
		S(test_open_newer_schema_refused),
		D(test_open_memory_creates_no_file),
		S(test_query_named_parameters_bound),
		S(test_query_unused_names_allowed),
		S(test_query_missing_parameter_named),
		S(test_each_stops_early),
		S(test_each_callback_error_returned),
		S(test_row_or_default),
		D(test_schema3_records_migrate_to_day_numbers),
		D(test_schema4_gets_region_index),
		D(test_schema5_observations_keep_through_region_ids),
		S(test_observation_view_takes_edits),
		S(test_region_ids_forgotten_on_rollback),
		S(test_records_dates_as_day_numbers),
		S(test_query_positional_parameter_rejected),
		S(test_query_two_statements_rejected),
		S(test_query_trailing_semicolon_and_comments_ok),
		S(test_query_empty_and_bad_sql),
		S(test_query_column_types_from_declarations),
		S(test_query_expression_column_type_from_value),
		S(test_dataset_reset_done_modified),
		S(test_dataset_reset_keeps_title_when_null),
		S(test_dataset_flags_update_without_data_loss),
		S(test_dataset_reset_clears_only_that_dataset),
		S(test_put_indicator_stores_definition),
		S(test_put_indicator_null_dims_stored_empty),
		S(test_put_indicator_duplicate_fails_naming_code),
		S(test_put_indicator_unknown_dataset_fails),
		S(test_put_region_upsert_keeps_name_when_null),
		S(test_put_region_without_name),
		S(test_put_period_replaces),
		S(test_put_observation_parts_in_one_row),
		S(test_put_observation_bounds_without_value),
		S(test_put_observation_missing_value_keeps_status),
		S(test_put_observation_value_replaced),
		S(test_put_observations_same_as_one_by_one),
		S(test_put_observations_periods_interleaved),
		S(test_rollback_leaves_nothing),
		S(test_rollback_restores_previous_load),
		S(test_close_with_open_transaction_rolls_back),
		S(test_commit_without_begin_fails),
		S(test_begin_twice_fails),
		S(test_log_fetch_rows),
		S(test_log_fetch_bad_result_rejected),
	};
#undef D
#undef S

	return cmocka_run_group_tests(tests, NULL, NULL);
}
