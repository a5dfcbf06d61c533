/*
 * The SQLite store: pragmas, migrations by PRAGMA user_version, transactions,
 * cached prepared statements for the hot inserts, and a generic query that
 * turns any SELECT into a result table.
 */
#include "inzicht/store.h"
#include "inzicht/region.h"
#include "inzicht/strmap.h"
#include "inzicht/text.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum stmt_id {
	ST_PUT_INDICATOR,
	ST_PUT_REGION,
	ST_REGION_ID,
	ST_PUT_PERIOD,
	ST_OBS_VALUE,
	ST_OBS_LOWER,
	ST_OBS_UPPER,
	ST_BATCH_VALUE,
	ST_BATCH_LOWER,
	ST_BATCH_UPPER,
	ST_HOUSEHOLD,
	ST_PARTICIPATION,
	ST_SIGNAL,
	ST_HOUSEHOLDS, /* IZ_STORE_PUT_ROWS rows at once */
	ST_PARTICIPATIONS,
	ST_SIGNALS,
	ST_COUNT
};

#define HOUSEHOLD_SQL                                                  \
	"INSERT OR REPLACE INTO household(id, period, region, "        \
	"head_birth_year, household_type, children, income_pct_sm) VALUES"
#define PARTICIPATION_SQL                                              \
	"INSERT OR REPLACE INTO participation(household, scheme, "     \
	"start_day, end_day) VALUES"
#define SIGNAL_SQL                                                     \
	"INSERT OR REPLACE INTO signal(household, partner, signal_day, " \
	"arrears_eur, outcome) VALUES"

static const char *const stmt_sql[ST_COUNT] = {
	[ST_PUT_INDICATOR] =
		"INSERT INTO indicator(dataset, code, measure, dims, title, "
		"unit, decimals, spearhead, polarity, life_stage, "
		"household_type, approximate) "
		"VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
	[ST_PUT_REGION] =
		"INSERT INTO region(code, name, level, parent) VALUES(?,?,?,?) "
		"ON CONFLICT(code) DO UPDATE SET "
		"name = coalesce(excluded.name, name), "
		"parent = coalesce(excluded.parent, parent)",
	[ST_REGION_ID] = "SELECT id FROM region WHERE code = ?",
	[ST_PUT_PERIOD] = "INSERT OR REPLACE INTO period(dataset, code, "
			  "title, status) VALUES(?,?,?,?)",
	[ST_OBS_VALUE] =
		"INSERT INTO obs(indicator, region_id, period, value, "
		"status) VALUES(?,?,?,?,?) ON CONFLICT DO UPDATE SET "
		"value = excluded.value, status = excluded.status",
	[ST_OBS_LOWER] =
		"INSERT INTO obs(indicator, region_id, period, status, "
		"ci_low) VALUES(?,?,?,'no value',?) ON CONFLICT DO UPDATE SET "
		"ci_low = excluded.ci_low",
	[ST_OBS_UPPER] =
		"INSERT INTO obs(indicator, region_id, period, status, "
		"ci_high) VALUES(?,?,?,'no value',?) ON CONFLICT DO UPDATE SET "
		"ci_high = excluded.ci_high",
	/* The same three upserts fed from an array of rows (the virtual
	 * table below); "WHERE true" keeps ON CONFLICT from parsing as a
	 * join constraint. */
	[ST_BATCH_VALUE] =
		"INSERT INTO obs(indicator, region_id, period, value, "
		"status) SELECT indicator, region_id, period, value, status "
		"FROM iz_obs_batch(?1) WHERE true ON CONFLICT DO UPDATE SET "
		"value = excluded.value, status = excluded.status",
	[ST_BATCH_LOWER] =
		"INSERT INTO obs(indicator, region_id, period, status, "
		"ci_low) SELECT indicator, region_id, period, 'no value', value "
		"FROM iz_obs_batch(?1) WHERE true ON CONFLICT DO UPDATE SET "
		"ci_low = excluded.ci_low",
	[ST_BATCH_UPPER] =
		"INSERT INTO obs(indicator, region_id, period, status, "
		"ci_high) SELECT indicator, region_id, period, 'no value', value "
		"FROM iz_obs_batch(?1) WHERE true ON CONFLICT DO UPDATE SET "
		"ci_high = excluded.ci_high",
	[ST_HOUSEHOLD] = HOUSEHOLD_SQL "(?,?,?,?,?,?,?)",
	[ST_PARTICIPATION] = PARTICIPATION_SQL "(?,?,?,?)",
	[ST_SIGNAL] = SIGNAL_SQL "(?,?,?,?,?)",
};

/* The records' inserts for IZ_STORE_PUT_ROWS rows: the statement text
 * above with its VALUES tuple repeated. */
static const struct {
	enum stmt_id one;
	int params;
} many_of[ST_COUNT] = {
	[ST_HOUSEHOLDS] = { ST_HOUSEHOLD, 7 },
	[ST_PARTICIPATIONS] = { ST_PARTICIPATION, 4 },
	[ST_SIGNALS] = { ST_SIGNAL, 5 },
};

/* Statements of iz_store_each, kept by SQL text: analyses run the same
 * few queries hundreds of times. */
#define EACH_CACHE 16

struct each_stmt {
	char *sql;
	sqlite3_stmt *s;
	bool busy; /* stepping now: a nested call prepares its own */
};

struct iz_store {
	sqlite3 *db;
	char *path;
	bool readonly;
	bool in_tx;
	/* Region code -> id, valid while no transaction that gave out an
	 * id is rolled back; the last one looked up, for rows of one
	 * region in a row. */
	struct iz_strmap *region_ids;
	char last_region[32];
	int64_t last_region_id;
	struct obs_ref *refs, *scratch; /* a batch in the order written */
	size_t cap_refs;
	sqlite3_stmt *stmts[ST_COUNT];
	struct each_stmt each[EACH_CACHE];
	size_t neach, next_each;
};

/* Schema migrations: migrations[i] takes user_version i to i + 1. */
static const char *const migrations[] = {
	"CREATE TABLE dataset("
	" id TEXT PRIMARY KEY, source TEXT NOT NULL, catalog TEXT,"
	" table_id TEXT, title TEXT, modified TEXT, fetched_at TEXT,"
	" rows INTEGER NOT NULL DEFAULT 0, reason_delivery TEXT,"
	" frequency TEXT, output_status TEXT, newer_edition TEXT);"
	"CREATE TABLE fetch_log("
	" id INTEGER PRIMARY KEY, dataset TEXT NOT NULL, at TEXT NOT NULL,"
	" result TEXT NOT NULL"
	"  CHECK (result IN ('fetched', 'unchanged', 'failed')),"
	" rows INTEGER, seconds REAL, message TEXT);"
	"CREATE INDEX fetch_log_dataset ON fetch_log(dataset, id);"
	"CREATE TABLE region("
	" code TEXT PRIMARY KEY, name TEXT, level TEXT NOT NULL,"
	" parent TEXT);"
	"CREATE TABLE indicator("
	" id INTEGER PRIMARY KEY,"
	" dataset TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
	" code TEXT NOT NULL, measure TEXT NOT NULL,"
	" dims TEXT NOT NULL DEFAULT '', title TEXT, unit TEXT,"
	" decimals INTEGER, spearhead TEXT, polarity TEXT, life_stage TEXT,"
	" household_type TEXT, approximate INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE (dataset, code, dims));"
	"CREATE TABLE period("
	" dataset TEXT NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
	" code TEXT NOT NULL, title TEXT, status TEXT,"
	" PRIMARY KEY (dataset, code)) WITHOUT ROWID;"
	/* Keyed by region first: pages arrive region by region, so inserts
	 * land at the end of the tree, and a region's profile is one range.
	 * No foreign key on indicator: the loader deletes a dataset's
	 * observations itself, and a per-row parent check would cost more
	 * than the insert. */
	"CREATE TABLE observation("
	" region TEXT NOT NULL, indicator INTEGER NOT NULL,"
	" period TEXT NOT NULL, value REAL,"
	" status TEXT, ci_low REAL, ci_high REAL,"
	" PRIMARY KEY (region, indicator, period)) WITHOUT ROWID;",

	/* 2: municipal records. Identifiers are keyed hashes (records.h);
	 * natural keys make a second import of the same file a no-op. */
	"CREATE TABLE scheme("
	" code TEXT PRIMARY KEY, name TEXT NOT NULL, spearhead TEXT,"
	" income_threshold REAL, target TEXT NOT NULL);"
	"CREATE TABLE household("
	" id INTEGER NOT NULL, period INTEGER NOT NULL, region TEXT,"
	" head_birth_year INTEGER, household_type TEXT, children INTEGER,"
	" income_pct_sm REAL, PRIMARY KEY (id, period)) WITHOUT ROWID;"
	"CREATE TABLE participation("
	" household INTEGER NOT NULL, scheme TEXT NOT NULL,"
	" start_date TEXT NOT NULL, end_date TEXT,"
	" PRIMARY KEY (household, scheme, start_date)) WITHOUT ROWID;"
	"CREATE TABLE signal("
	" household INTEGER NOT NULL, partner TEXT NOT NULL,"
	" signal_date TEXT NOT NULL, arrears_eur REAL, outcome TEXT,"
	" PRIMARY KEY (household, partner, signal_date)) WITHOUT ROWID;"
	"CREATE TABLE import_log("
	" id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file TEXT NOT NULL,"
	" sha256 TEXT NOT NULL, at TEXT NOT NULL, rows INTEGER NOT NULL,"
	" rejected INTEGER NOT NULL);",

	/* 3: indicators are looked up by catalog id across datasets
	 * (editions of one table share ids). */
	"CREATE INDEX indicator_code ON indicator(code, dims);",

	/* 4: the records' dates as days since 1970-01-01, so that the
	 * analyses' period filter compares integers, not text (callgrind:
	 * the participation scan 1.83 -> 1.44 G instructions at 1 M
	 * households, the table 131 -> 81 MB). A YYYY-MM-DD date is a whole
	 * Julian day + 0.5. */
	"CREATE TABLE participation4("
	" household INTEGER NOT NULL, scheme TEXT NOT NULL,"
	" start_day INTEGER NOT NULL, end_day INTEGER,"
	" PRIMARY KEY (household, scheme, start_day)) WITHOUT ROWID;"
	"INSERT INTO participation4 SELECT household, scheme,"
	" CAST(julianday(start_date) - 2440587.5 AS INTEGER),"
	" CAST(julianday(end_date) - 2440587.5 AS INTEGER)"
	" FROM participation ORDER BY household, scheme, start_date;"
	"DROP TABLE participation;"
	"ALTER TABLE participation4 RENAME TO participation;"
	"CREATE TABLE signal4("
	" household INTEGER NOT NULL, partner TEXT NOT NULL,"
	" signal_day INTEGER NOT NULL, arrears_eur REAL, outcome TEXT,"
	" PRIMARY KEY (household, partner, signal_day)) WITHOUT ROWID;"
	"INSERT INTO signal4 SELECT household, partner,"
	" CAST(julianday(signal_date) - 2440587.5 AS INTEGER), arrears_eur,"
	" outcome FROM signal ORDER BY household, partner, signal_date;"
	"DROP TABLE signal;"
	"ALTER TABLE signal4 RENAME TO signal;",

	/* 5: the regions of a level with their names and parents in one
	 * index, so that reading a series across regions walks it instead
	 * of fetching each region's row (risk on 342 gemeenten x 200
	 * indicators: 0.18-0.22 -> 0.13-0.14 s). */
	"CREATE INDEX IF NOT EXISTS region_cover ON region(code, name, parent);",

	/* 6: observations keyed by an integer region id, given out in the
	 * order regions arrive. A source lists its rows in the order of its
	 * region dimension, so a first load appends at the end of the tree
	 * and compares integers, where text codes (NL, GM, WK, BU
	 * interleaved) sent each row to the middle of it: callgrind on the
	 * bench, 6 650 -> 4 300 instructions per observation written.
	 * "observation" stays what queries read, now a view, with triggers
	 * so that hand edits in SQL keep working. The view reads region
	 * before obs (CROSS JOIN): without statistics the planner would
	 * otherwise scan all of obs to serve "one indicator, every
	 * gemeente". */
	"CREATE TABLE region6("
	" id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT,"
	" level TEXT NOT NULL, parent TEXT);"
	"INSERT INTO region6(code, name, level, parent)"
	" SELECT code, name, level, parent FROM region ORDER BY rowid;"
	/* Before schema 6 a row could name a region no dimension listed. */
	"INSERT INTO region6(code, level, parent)"
	" SELECT DISTINCT region, iz_region_level(region),"
	" iz_region_parent(region) FROM observation"
	" WHERE region NOT IN (SELECT code FROM region);"
	"DROP TABLE region;"
	"ALTER TABLE region6 RENAME TO region;"
	"CREATE INDEX region_cover ON region(code, name, parent);"
	"CREATE TABLE obs("
	" region_id INTEGER NOT NULL, indicator INTEGER NOT NULL,"
	" period TEXT NOT NULL, value REAL,"
	" status TEXT, ci_low REAL, ci_high REAL,"
	" PRIMARY KEY (region_id, indicator, period)) WITHOUT ROWID;"
	"INSERT INTO obs SELECT r.id, o.indicator, o.period, o.value,"
	" o.status, o.ci_low, o.ci_high FROM observation o"
	" JOIN region r ON r.code = o.region ORDER BY 1, 2, 3;"
	"DROP TABLE observation;"
	"CREATE VIEW observation(region, indicator, period, value, status,"
	" ci_low, ci_high) AS SELECT r.code, o.indicator, o.period, o.value,"
	" o.status, o.ci_low, o.ci_high FROM region r"
	" CROSS JOIN obs o ON o.region_id = r.id;"
	"CREATE TRIGGER observation_insert INSTEAD OF INSERT ON observation"
	" BEGIN"
	"  SELECT RAISE(ABORT, 'observation: region not in table region')"
	"  WHERE NOT EXISTS (SELECT 1 FROM region WHERE code = NEW.region);"
	"  INSERT INTO obs VALUES((SELECT id FROM region"
	"  WHERE code = NEW.region), NEW.indicator, NEW.period, NEW.value,"
	"  NEW.status, NEW.ci_low, NEW.ci_high);"
	" END;"
	"CREATE TRIGGER observation_update INSTEAD OF UPDATE ON observation"
	" BEGIN"
	"  SELECT RAISE(ABORT, 'observation: region not in table region')"
	"  WHERE NOT EXISTS (SELECT 1 FROM region WHERE code = NEW.region);"
	"  UPDATE obs SET region_id = (SELECT id FROM region"
	"  WHERE code = NEW.region), indicator = NEW.indicator,"
	"  period = NEW.period, value = NEW.value, status = NEW.status,"
	"  ci_low = NEW.ci_low, ci_high = NEW.ci_high"
	"  WHERE region_id = (SELECT id FROM region WHERE code = OLD.region)"
	"  AND indicator = OLD.indicator AND period = OLD.period;"
	" END;"
	"CREATE TRIGGER observation_delete INSTEAD OF DELETE ON observation"
	" BEGIN"
	"  DELETE FROM obs WHERE region_id = (SELECT id FROM region"
	"  WHERE code = OLD.region) AND indicator = OLD.indicator"
	"  AND period = OLD.period;"
	" END;",
};

#define NMIGRATIONS (sizeof(migrations) / sizeof(migrations[0]))

_Static_assert(NMIGRATIONS == IZ_STORE_SCHEMA_VERSION,
	       "one migration per schema version");

static int db_fail(struct iz_store *st, struct iz_error *err,
		   const char *what)
{
	return iz_fail(err, IZ_ESTORE, "%s: %s: %s", st->path, what,
		       sqlite3_errmsg(st->db));
}

static int exec(struct iz_store *st, const char *sql, struct iz_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		iz_fail(err, IZ_ESTORE, "%s: %s", st->path,
			msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int user_version(int *out, struct iz_store *st, struct iz_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK)
		return db_fail(st, err, "cannot read schema version");
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : db_fail(st, err, "schema version");
}

/* Migrate up to schema `target`. */
static int migrate_to(struct iz_store *st, int target, struct iz_error *err)
{
	int version;
	char sql[64];

	if (user_version(&version, st, err) < 0)
		return -1;
	if (version > (int)NMIGRATIONS)
		return iz_fail(err, IZ_ESTORE,
			       "%s: store schema %d is newer than this "
			       "inzicht (%d): upgrade inzicht",
			       st->path, version, (int)NMIGRATIONS);
	while (version < target) {
		if (exec(st, "BEGIN IMMEDIATE", err) < 0)
			return -1;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
			 version + 1);
		if (exec(st, migrations[version], err) < 0 ||
		    exec(st, sql, err) < 0) {
			exec(st, "ROLLBACK", NULL);
			return iz_error_prefix(err, "migration to schema %d",
					       version + 1);
		}
		if (exec(st, "COMMIT", err) < 0)
			return -1;
		version++;
	}
	return 0;
}

/* Create the file with mode 0600 before SQLite does (it would use 0644). */
static int create_private(const char *path, struct iz_error *err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0)
		return iz_fail(err, IZ_ESTORE, "cannot create store '%s': %s",
			       path, strerror(errno));
	close(fd);
	return 0;
}

static int check_version_readonly(struct iz_store *st, struct iz_error *err)
{
	int version;

	if (user_version(&version, st, err) < 0)
		return -1;
	if (version > (int)NMIGRATIONS)
		return iz_fail(err, IZ_ESTORE,
			       "%s: store schema %d is newer than this "
			       "inzicht (%d): upgrade inzicht",
			       st->path, version, (int)NMIGRATIONS);
	if (version < (int)NMIGRATIONS)
		return iz_fail(err, IZ_ESTORE,
			       "%s: store schema %d is older than this "
			       "inzicht (%d): run 'inzicht fetch' or "
			       "'inzicht import' once to migrate it",
			       st->path, version, (int)NMIGRATIONS);
	return 0;
}

/* ---- iz_obs_batch: an array of struct iz_obs as a table ------------------
 * An eponymous virtual table, "SELECT ... FROM iz_obs_batch(?1)" with ?1
 * bound by sqlite3_bind_pointer: a whole page of observations goes in
 * through one INSERT ... SELECT instead of one statement per row. (The
 * carray extension does the same for plain arrays; Debian's SQLite lacks
 * it.) */

#define BATCH_PTR "iz_obs_batch"

/* An observation of a batch with its region's id. */
struct obs_ref {
	const struct iz_obs *o;
	int64_t region_id;
};

struct obs_run {
	const struct obs_ref *refs;
	size_t n;
};

struct batch_cursor {
	sqlite3_vtab_cursor base;
	const struct obs_run *run;
	size_t i;
};

enum { BC_INDICATOR, BC_REGION, BC_PERIOD, BC_VALUE, BC_STATUS, BC_RUN };

static int batch_connect(sqlite3 *db, void *aux, int argc,
			 const char *const *argv, sqlite3_vtab **out,
			 char **msg)
{
	int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(indicator, "
					  "region_id, "
					  "period, value, status, run HIDDEN)");

	(void)aux;
	(void)argc;
	(void)argv;
	(void)msg;
	*out = NULL;
	if (rc != SQLITE_OK)
		return rc;
	*out = sqlite3_malloc(sizeof(**out));
	if (!*out)
		return SQLITE_NOMEM;
	memset(*out, 0, sizeof(**out));
	return SQLITE_OK;
}

static int batch_disconnect(sqlite3_vtab *vt)
{
	sqlite3_free(vt);
	return SQLITE_OK;
}

/* Only "run = ?" is a plan: the table is nothing without its array. */
static int batch_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
	int i;

	(void)vt;
	for (i = 0; i < info->nConstraint; i++) {
		if (info->aConstraint[i].iColumn != BC_RUN ||
		    info->aConstraint[i].op != SQLITE_INDEX_CONSTRAINT_EQ ||
		    !info->aConstraint[i].usable)
			continue;
		info->aConstraintUsage[i].argvIndex = 1;
		info->aConstraintUsage[i].omit = 1;
		info->estimatedCost = 1;
		info->idxNum = 1;
		return SQLITE_OK;
	}
	return SQLITE_CONSTRAINT;
}

static int batch_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
	struct batch_cursor *c = sqlite3_malloc(sizeof(*c));

	(void)vt;
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	*out = &c->base;
	return SQLITE_OK;
}

static int batch_close(sqlite3_vtab_cursor *cur)
{
	sqlite3_free(cur);
	return SQLITE_OK;
}

static int batch_filter(sqlite3_vtab_cursor *cur, int idx, const char *str,
			int argc, sqlite3_value **argv)
{
	struct batch_cursor *c = (struct batch_cursor *)cur;

	(void)str;
	c->run = idx == 1 && argc == 1 ?
			 sqlite3_value_pointer(argv[0], BATCH_PTR) :
			 NULL;
	c->i = 0;
	return SQLITE_OK;
}

static int batch_next(sqlite3_vtab_cursor *cur)
{
	((struct batch_cursor *)cur)->i++;
	return SQLITE_OK;
}

static int batch_eof(sqlite3_vtab_cursor *cur)
{
	const struct batch_cursor *c = (const struct batch_cursor *)cur;

	return !c->run || c->i >= c->run->n;
}

static int batch_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx,
			int col)
{
	const struct batch_cursor *c = (const struct batch_cursor *)cur;
	const struct obs_ref *r = &c->run->refs[c->i];
	const struct iz_obs *o = r->o;

	if (col == BC_INDICATOR)
		sqlite3_result_int64(ctx, o->indicator);
	else if (col == BC_REGION)
		sqlite3_result_int64(ctx, r->region_id);
	else if (col == BC_PERIOD)
		sqlite3_result_text(ctx, o->period, -1, SQLITE_STATIC);
	else if (col == BC_VALUE && o->has_value)
		sqlite3_result_double(ctx, o->value);
	else if (col == BC_STATUS && !o->has_value && o->status)
		sqlite3_result_text(ctx, o->status, -1, SQLITE_STATIC);
	else
		sqlite3_result_null(ctx);
	return SQLITE_OK;
}

static int batch_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *out)
{
	*out = (sqlite3_int64)((const struct batch_cursor *)cur)->i;
	return SQLITE_OK;
}

static const sqlite3_module batch_module = {
	.xConnect = batch_connect,
	.xBestIndex = batch_best_index,
	.xDisconnect = batch_disconnect,
	.xOpen = batch_open,
	.xClose = batch_close,
	.xFilter = batch_filter,
	.xNext = batch_next,
	.xEof = batch_eof,
	.xColumn = batch_column,
	.xRowid = batch_rowid,
};

/* iz_region_level(code) and iz_region_parent(code) in SQL, for the
 * migration to schema 6. */
static void sql_region_level(sqlite3_context *ctx, int argc,
			     sqlite3_value **argv)
{
	const char *code = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (code)
		sqlite3_result_text(ctx, iz_region_level(code), -1,
				    SQLITE_STATIC);
	else
		sqlite3_result_null(ctx);
}

static void sql_region_parent(sqlite3_context *ctx, int argc,
			      sqlite3_value **argv)
{
	const char *code = (const char *)sqlite3_value_text(argv[0]);
	char *parent = code ? iz_region_parent(code) : NULL;

	(void)argc;
	if (parent)
		sqlite3_result_text(ctx, parent, -1, free);
	else
		sqlite3_result_null(ctx);
}

static int open_db(struct iz_store *st, enum iz_store_mode mode,
		   struct iz_error *err)
{
	const int fn = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
	int flags = SQLITE_OPEN_NOMUTEX;

	if (mode == IZ_STORE_READONLY) {
		if (access(st->path, F_OK) != 0)
			return iz_fail(err, IZ_ESTORE,
				       "no store at '%s' (run 'inzicht fetch' "
				       "first, or give --db)",
				       st->path);
		flags |= SQLITE_OPEN_READONLY;
	} else {
		/* ":memory:" is SQLite's private in-memory database. */
		if (strcmp(st->path, ":memory:") != 0 &&
		    create_private(st->path, err) < 0)
			return -1;
		flags |= SQLITE_OPEN_READWRITE;
	}
	if (sqlite3_open_v2(st->path, &st->db, flags, NULL) != SQLITE_OK)
		return db_fail(st, err, "cannot open store");
	sqlite3_busy_timeout(st->db, 10000);
	sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_create_module(st->db, "iz_obs_batch", &batch_module,
				  NULL) != SQLITE_OK ||
	    sqlite3_create_function(st->db, "iz_region_level", 1, fn, NULL,
				    sql_region_level, NULL,
				    NULL) != SQLITE_OK ||
	    sqlite3_create_function(st->db, "iz_region_parent", 1, fn, NULL,
				    sql_region_parent, NULL,
				    NULL) != SQLITE_OK)
		return db_fail(st, err, "cannot register the SQL extensions");
	return 0;
}

static int apply_pragmas(struct iz_store *st, enum iz_store_mode mode,
			 struct iz_error *err)
{
	if (exec(st, "PRAGMA foreign_keys = ON", err) < 0)
		return -1;
	if (mode == IZ_STORE_READONLY)
		/* The same 16 MiB page cache as a writer: the analyses read
		 * a level's observations once per indicator, and with the
		 * default 2 MiB each pass re-read most pages from the file
		 * (risk on 343 000 observations: 71 698 preads, half its
		 * wall time in the kernel). */
		return exec(st,
			    "PRAGMA query_only = ON;"
			    " PRAGMA cache_size = -16384",
			    err);
	return exec(st,
		    "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; "
		    "PRAGMA synchronous = NORMAL;"
		    "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY",
		    err);
}

int iz_store_open(struct iz_store **out, const char *path,
		  enum iz_store_mode mode, struct iz_error *err)
{
	/* No allocation statistics: they take a mutex twice per allocation.
	 * Only allowed before SQLite initialises; later calls are no-ops. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	struct iz_store *st = iz_xcalloc(1, sizeof(*st));

	*out = NULL;
	st->path = iz_xstrdup(path);
	st->readonly = mode == IZ_STORE_READONLY;
	if (open_db(st, mode, err) < 0 || apply_pragmas(st, mode, err) < 0)
		goto fail;
	if (mode == IZ_STORE_READONLY ? check_version_readonly(st, err) < 0
				      : migrate_to(st, (int)NMIGRATIONS, err) < 0)
		goto fail;
	*out = st;
	return 0;
fail:
	iz_store_close(st);
	return -1;
}

int iz_store_create_at_version(const char *path, int version,
			       struct iz_error *err)
{
	struct iz_store *st;
	int rc;

	if (version < 1 || version > (int)NMIGRATIONS)
		return iz_fail(err, IZ_ESTORE, "no schema version %d", version);
	if (access(path, F_OK) == 0)
		return iz_fail(err, IZ_ESTORE, "'%s' exists already", path);
	st = iz_xcalloc(1, sizeof(*st));
	st->path = iz_xstrdup(path);
	rc = 0;
	if (open_db(st, IZ_STORE_READWRITE, err) < 0 ||
	    apply_pragmas(st, IZ_STORE_READWRITE, err) < 0 ||
	    migrate_to(st, version, err) < 0)
		rc = -1;
	iz_store_close(st);
	return rc;
}

void iz_store_close(struct iz_store *st)
{
	size_t i;

	if (!st)
		return;
	if (st->in_tx)
		iz_store_rollback(st);
	iz_strmap_free(st->region_ids, NULL);
	free(st->refs);
	free(st->scratch);
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(st->stmts[i]);
	for (i = 0; i < st->neach; i++) {
		sqlite3_finalize(st->each[i].s);
		free(st->each[i].sql);
	}
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

const char *iz_store_path(const struct iz_store *st)
{
	return st->path;
}

int iz_store_begin(struct iz_store *st, struct iz_error *err)
{
	if (exec(st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	st->in_tx = true;
	return 0;
}

int iz_store_commit(struct iz_store *st, struct iz_error *err)
{
	if (exec(st, "COMMIT", err) < 0) {
		iz_store_rollback(st);
		return -1;
	}
	st->in_tx = false;
	return 0;
}

/* Forget every region id: a rollback may have taken back some, and
 * SQLite may give them to other codes. */
static void forget_region_ids(struct iz_store *st)
{
	iz_strmap_free(st->region_ids, NULL);
	st->region_ids = NULL;
	st->last_region[0] = '\0';
}

void iz_store_rollback(struct iz_store *st)
{
	if (sqlite3_get_autocommit(st->db) == 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = false;
	forget_region_ids(st);
}

/* The SQL of a many-rows insert: the one-row statement with its tuple
 * repeated. Owned by the caller. */
static char *many_sql(enum stmt_id id)
{
	const char *one = stmt_sql[many_of[id].one];
	const char *tuple = strrchr(one, '(');
	size_t head = (size_t)(tuple - one), tl = strlen(tuple), i;
	char *sql = iz_xmalloc(head + IZ_STORE_PUT_ROWS * (tl + 1) + 1);
	char *p = sql + head;

	memcpy(sql, one, head);
	for (i = 0; i < IZ_STORE_PUT_ROWS; i++) {
		if (i)
			*p++ = ',';
		memcpy(p, tuple, tl);
		p += tl;
	}
	*p = '\0';
	return sql;
}

static sqlite3_stmt *cached(struct iz_store *st, enum stmt_id id,
			    struct iz_error *err)
{
	sqlite3_stmt *s = st->stmts[id];
	char *sql;
	int rc;

	if (!s) {
		sql = stmt_sql[id] ? NULL : many_sql(id);
		rc = sqlite3_prepare_v3(st->db, sql ? sql : stmt_sql[id], -1,
					SQLITE_PREPARE_PERSISTENT, &s, NULL);
		free(sql);
		if (rc != SQLITE_OK) {
			db_fail(st, err, "prepare");
			return NULL;
		}
		st->stmts[id] = s;
	}
	sqlite3_reset(s);
	return s;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static int step_done(struct iz_store *st, sqlite3_stmt *s,
		     struct iz_error *err, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_fail(st, err, what);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

/* Prepare, bind a NULL-terminated list of text values, and step once. */
static int run_text(struct iz_store *st, const char *sql,
		    const char *const *vals, size_t n, struct iz_error *err)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return db_fail(st, err, "prepare");
	for (i = 0; i < n; i++)
		bind_text(s, (int)i + 1, vals[i]);
	rc = step_done(st, s, err, "write");
	sqlite3_finalize(s);
	return rc;
}

static void utc_now(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int iz_store_dataset_reset(struct iz_store *st,
			   const struct iz_dataset_meta *m,
			   struct iz_error *err)
{
	const char *ins[] = { m->id, m->source, m->catalog, m->table_id };
	const char *del[] = { m->id };

	if (run_text(st,
		     "INSERT INTO dataset(id, source, catalog, table_id) "
		     "VALUES(?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
		     "source = excluded.source, catalog = excluded.catalog, "
		     "table_id = excluded.table_id",
		     ins, 4, err) < 0 ||
	    iz_store_dataset_flags(st, m, err) < 0)
		return -1;
	if (run_text(st,
		     "DELETE FROM obs WHERE indicator IN "
		     "(SELECT id FROM indicator WHERE dataset = ?)",
		     del, 1, err) < 0 ||
	    run_text(st, "DELETE FROM indicator WHERE dataset = ?", del, 1,
		     err) < 0 ||
	    run_text(st, "DELETE FROM period WHERE dataset = ?", del, 1,
		     err) < 0)
		return -1;
	return 0;
}

int iz_store_dataset_flags(struct iz_store *st,
			   const struct iz_dataset_meta *m,
			   struct iz_error *err)
{
	const char *v[] = { m->title,	      m->modified,
			    m->reason_delivery, m->frequency,
			    m->output_status,   m->newer_edition,
			    m->id };

	return run_text(st,
			"UPDATE dataset SET title = coalesce(?1, title), "
			"modified = coalesce(?2, modified), "
			"reason_delivery = ?3, frequency = ?4, "
			"output_status = ?5, newer_edition = ?6 WHERE id = ?7",
			v, 7, err);
}

int iz_store_dataset_done(struct iz_store *st, const char *dataset,
			  int64_t rows, struct iz_error *err)
{
	char now[32], nrows[32];
	const char *v[] = { now, nrows, dataset };

	utc_now(now, sizeof(now));
	snprintf(nrows, sizeof(nrows), "%lld", (long long)rows);
	return run_text(st,
			"UPDATE dataset SET fetched_at = ?, "
			"rows = CAST(? AS INTEGER) WHERE id = ?",
			v, 3, err);
}

int iz_store_dataset_modified(char **out, struct iz_store *st,
			      const char *dataset, struct iz_error *err)
{
	sqlite3_stmt *s = NULL;
	const unsigned char *m;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT modified FROM dataset WHERE id = ? "
			       "AND fetched_at IS NOT NULL",
			       -1, &s, NULL) != SQLITE_OK)
		return db_fail(st, err, "prepare");
	bind_text(s, 1, dataset);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && (m = sqlite3_column_text(s, 0)) != NULL)
		*out = iz_xstrdup((const char *)m);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(st, err, "read dataset");
	return 0;
}

int iz_store_log_fetch(struct iz_store *st, const char *dataset,
		       const char *result, int64_t rows, double seconds,
		       const char *message, struct iz_error *err)
{
	char now[32], nrows[32], secs[32];
	const char *v[] = { dataset, now, result, nrows, secs, message };

	utc_now(now, sizeof(now));
	snprintf(nrows, sizeof(nrows), "%lld", (long long)rows);
	snprintf(secs, sizeof(secs), "%.3f", seconds);
	return run_text(st,
			"INSERT INTO fetch_log(dataset, at, result, rows, "
			"seconds, message) VALUES(?, ?, ?, CAST(? AS INTEGER),"
			" CAST(? AS REAL), ?)",
			v, 6, err);
}

int iz_store_put_indicator(int64_t *id_out, struct iz_store *st,
			   const struct iz_indicator_def *d,
			   struct iz_error *err)
{
	sqlite3_stmt *s = cached(st, ST_PUT_INDICATOR, err);

	if (!s)
		return -1;
	bind_text(s, 1, d->dataset);
	bind_text(s, 2, d->code);
	bind_text(s, 3, d->measure);
	bind_text(s, 4, d->dims ? d->dims : "");
	bind_text(s, 5, d->title);
	bind_text(s, 6, d->unit);
	sqlite3_bind_int(s, 7, d->decimals);
	bind_text(s, 8, d->spearhead);
	bind_text(s, 9, d->polarity);
	bind_text(s, 10, d->life_stage);
	bind_text(s, 11, d->household_type);
	sqlite3_bind_int(s, 12, d->approximate ? 1 : 0);
	if (step_done(st, s, err, "indicator") < 0)
		return iz_error_prefix(err, "indicator '%s'", d->code);
	*id_out = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static void remember_region(struct iz_store *st, const char *code,
			    int64_t id)
{
	if (!st->region_ids)
		st->region_ids = iz_strmap_new();
	iz_strmap_put(st->region_ids, code, (void *)(intptr_t)id);
}

/* The id the region table has for code, remembered; 0 when none. */
static int lookup_region(int64_t *id, struct iz_store *st, const char *code,
			 struct iz_error *err)
{
	sqlite3_stmt *s = cached(st, ST_REGION_ID, err);
	int rc;

	if (!s)
		return -1;
	bind_text(s, 1, code);
	rc = sqlite3_step(s);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(st, err, "region");
	if (*id > 0)
		remember_region(st, code, *id);
	return 0;
}

static int put_region(int64_t *id, struct iz_store *st, const char *code,
		      const char *name, const char *level,
		      const char *parent, struct iz_error *err)
{
	sqlite3_stmt *s = cached(st, ST_PUT_REGION, err);

	if (!s)
		return -1;
	bind_text(s, 1, code);
	bind_text(s, 2, name);
	bind_text(s, 3, level);
	bind_text(s, 4, parent);
	/* Not RETURNING: it costs 68 000 instructions a row (callgrind),
	 * the lookup 3 000. */
	if (step_done(st, s, err, "region") < 0 ||
	    lookup_region(id, st, code, err) < 0)
		return -1;
	if (*id <= 0)
		return iz_fail(err, IZ_ESTORE, "%s: region '%s' got no id",
			       st->path, code);
	return 0;
}

int iz_store_put_region(struct iz_store *st, const char *code,
			const char *name, const char *level,
			const char *parent, struct iz_error *err)
{
	int64_t id;

	return put_region(&id, st, code, name, level, parent, err);
}

/* The id of a region code; a code no dimension listed gets a region row
 * with the level and parent its code implies. */
static int region_id(int64_t *id, struct iz_store *st, const char *code,
		     struct iz_error *err)
{
	char *parent;
	void *v;
	int rc;

	if (st->last_region[0] && strcmp(code, st->last_region) == 0) {
		*id = st->last_region_id;
		return 0;
	}
	v = st->region_ids ? iz_strmap_get(st->region_ids, code) : NULL;
	if (v) {
		*id = (int64_t)(intptr_t)v;
	} else {
		if (lookup_region(id, st, code, err) < 0)
			return -1;
		if (*id <= 0) {
			parent = iz_region_parent(code);
			rc = put_region(id, st, code, NULL,
					iz_region_level(code), parent, err);
			free(parent);
			if (rc < 0)
				return -1;
		}
	}
	if (strlen(code) < sizeof(st->last_region)) {
		memcpy(st->last_region, code, strlen(code) + 1);
		st->last_region_id = *id;
	}
	return 0;
}

int iz_store_put_period(struct iz_store *st, const char *dataset,
			const char *code, const char *title,
			const char *status, struct iz_error *err)
{
	sqlite3_stmt *s = cached(st, ST_PUT_PERIOD, err);

	if (!s)
		return -1;
	bind_text(s, 1, dataset);
	bind_text(s, 2, code);
	bind_text(s, 3, title);
	bind_text(s, 4, status);
	return step_done(st, s, err, "period");
}

int iz_store_put_observation(struct iz_store *st, int64_t indicator,
			     const char *region, const char *period,
			     enum iz_obs_part part, bool has_value,
			     double value, const char *status,
			     struct iz_error *err)
{
	static const enum stmt_id ids[] = { ST_OBS_VALUE, ST_OBS_LOWER,
					    ST_OBS_UPPER };
	sqlite3_stmt *s;
	int64_t rid;

	if (region_id(&rid, st, region, err) < 0)
		return -1;
	s = cached(st, ids[part], err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, indicator);
	sqlite3_bind_int64(s, 2, rid);
	sqlite3_bind_text(s, 3, period, -1, SQLITE_STATIC);
	if (has_value)
		sqlite3_bind_double(s, 4, value);
	else
		sqlite3_bind_null(s, 4);
	if (part == IZ_OBS_VALUE)
		bind_text(s, 5, has_value ? NULL : status);
	return step_done(st, s, err, "observation");
}

/* One INSERT ... SELECT for a run of observations of one part. */
static int put_run(struct iz_store *st, const struct obs_ref *refs, size_t n,
		   struct iz_error *err)
{
	static const enum stmt_id ids[] = { ST_BATCH_VALUE, ST_BATCH_LOWER,
					    ST_BATCH_UPPER };
	sqlite3_stmt *s = cached(st, ids[refs[0].o->part], err);
	struct obs_run run = { refs, n };
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_pointer(s, 1, &run, BATCH_PTR, NULL);
	rc = step_done(st, s, err, "observation");
	/* The array is the caller's: no binding may outlive the call. */
	sqlite3_bind_null(s, 1);
	return rc;
}

/* Key order within one region: indicator, then period. */
static bool ref_after(const struct obs_ref *a, const struct obs_ref *b)
{
	if (a->o->indicator != b->o->indicator)
		return a->o->indicator > b->o->indicator;
	return strcmp(a->o->period, b->o->period) > 0;
}

/* The end of the ascending run that starts at a[i]. */
static size_t run_end(const struct obs_ref *a, size_t i, size_t n)
{
	for (i++; i < n && !ref_after(&a[i - 1], &a[i]); i++)
		;
	return i;
}

/* Stable natural merge sort of a[0..n) by ref_after, tmp as scratch: the k
 * periods of a region arrive as k ascending runs, merged in log2(k)
 * passes. */
static void sort_refs(struct obs_ref *a, struct obs_ref *tmp, size_t n)
{
	size_t i, mid, end, l, r, k;
	bool merged = true;

	while (merged) {
		merged = false;
		for (i = 0; i < n; i = end) {
			mid = run_end(a, i, n);
			end = mid < n ? run_end(a, mid, n) : n;
			if (mid == end)
				continue;
			merged = true;
			for (l = i, r = mid, k = i; k < end; k++)
				tmp[k] = r == end || (l < mid &&
						      !ref_after(&a[l], &a[r])) ?
						 a[l++] :
						 a[r++];
			memcpy(a + i, tmp + i, (end - i) * sizeof(*a));
		}
	}
}

/*
 * The batch as refs with region ids, each region's run of one part in key
 * order. Rows of several periods of one region come period by period, each
 * ascending in indicator: written as they come, every other row would go
 * into the middle of the key instead of at its end (a 2-period bench: 0.90
 * M observations/s unsorted). Equal keys keep their order, so the result is
 * that of writing them as given.
 */
static int order_batch(struct iz_store *st, const struct iz_obs *obs,
		       size_t n, struct iz_error *err)
{
	size_t i, j;

	if (n > st->cap_refs) {
		st->cap_refs = n;
		free(st->refs);
		free(st->scratch);
		st->refs = iz_xmalloc(n * sizeof(*st->refs));
		st->scratch = iz_xmalloc(n * sizeof(*st->scratch));
	}
	for (i = 0; i < n; i++) {
		st->refs[i].o = &obs[i];
		if (region_id(&st->refs[i].region_id, st, obs[i].region, err) <
		    0)
			return -1;
	}
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n &&
				st->refs[j].region_id == st->refs[i].region_id &&
				obs[j].part == obs[i].part;
		     j++)
			;
		if (run_end(st->refs, i, j) < j)
			sort_refs(st->refs + i, st->scratch + i, j - i);
	}
	return 0;
}

int iz_store_put_observations(struct iz_store *st, const struct iz_obs *obs,
			      size_t n, struct iz_error *err)
{
	const struct obs_ref *refs;
	size_t i, j;

	if (order_batch(st, obs, n, err) < 0)
		return -1;
	refs = st->refs;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && refs[j].o->part == refs[i].o->part;
		     j++)
			;
		if (put_run(st, refs + i, j - i, err) < 0)
			return -1;
	}
	return 0;
}

static void add_columns(struct iz_table *t, sqlite3_stmt *s)
{
	int i, n = sqlite3_column_count(s);

	for (i = 0; i < n; i++) {
		const char *decl = sqlite3_column_decltype(s, i);
		enum iz_coltype type = IZ_COL_TEXT;

		if (decl && strcmp(decl, "INTEGER") == 0)
			type = IZ_COL_INT;
		else if (decl && strcmp(decl, "REAL") == 0)
			type = IZ_COL_REAL;
		iz_table_add_column(t, sqlite3_column_name(s, i), type, -1);
	}
}

/* Columns without a declared type take the type of their first non-NULL
 * value. */
static void type_from_values(struct iz_table *t, sqlite3_stmt *s)
{
	size_t col, row;
	const struct iz_cell *c;

	for (col = 0; col < iz_table_ncols(t); col++) {
		if (sqlite3_column_decltype(s, (int)col))
			continue;
		for (row = 0; row < iz_table_nrows(t); row++) {
			c = iz_table_cell(t, row, col);
			if (c->kind == IZ_CELL_NULL)
				continue;
			iz_table_set_column_type(
				t, col,
				c->kind == IZ_CELL_INT	? IZ_COL_INT :
				c->kind == IZ_CELL_REAL ? IZ_COL_REAL :
							  IZ_COL_TEXT);
			break;
		}
	}
}

static void add_row(struct iz_table *t, sqlite3_stmt *s)
{
	size_t row = iz_table_add_row(t);
	int i, n = sqlite3_column_count(s);

	for (i = 0; i < n; i++) {
		switch (sqlite3_column_type(s, i)) {
		case SQLITE_INTEGER:
			iz_table_set_int(t, row, (size_t)i,
					 sqlite3_column_int64(s, i));
			break;
		case SQLITE_FLOAT:
			iz_table_set_real(t, row, (size_t)i,
					  sqlite3_column_double(s, i));
			break;
		case SQLITE_NULL:
			break;
		default:
			iz_table_set_text(
				t, row, (size_t)i,
				(const char *)sqlite3_column_text(s, i));
			break;
		}
	}
}

static int bind_named(struct iz_store *st, sqlite3_stmt *s,
		      const char *const *names, const char *const *values,
		      size_t n, struct iz_error *err)
{
	int i, count = sqlite3_bind_parameter_count(s);
	size_t j;

	for (i = 1; i <= count; i++) {
		const char *p = sqlite3_bind_parameter_name(s, i);

		if (!p)
			return iz_fail(err, IZ_EUSAGE,
				       "query uses a positional parameter; "
				       "use :name");
		for (j = 0; j < n; j++)
			if (strcmp(p + 1, names[j]) == 0)
				break;
		if (j == n)
			return iz_fail(err, IZ_EUSAGE,
				       "missing parameter '%s' (give --param "
				       "%s=<value>)",
				       p + 1, p + 1);
		if (values[j])
			sqlite3_bind_text(s, i, values[j], -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, i);
	}
	(void)st;
	return 0;
}

/* Only white space and comments left after a statement. */
static bool only_blank(const char *p)
{
	while (p && *p) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    *p == ';') {
			p++;
		} else if (p[0] == '-' && p[1] == '-') {
			p = strchr(p, '\n');
		} else if (p[0] == '/' && p[1] == '*') {
			p = strstr(p + 2, "*/");
			p = p ? p + 2 : NULL;
		} else {
			return false;
		}
	}
	return true;
}

int iz_store_query(struct iz_table **out, struct iz_store *st, const char *sql,
		   const char *const *names, const char *const *values,
		   size_t nparams, struct iz_error *err)
{
	sqlite3_stmt *s = NULL;
	const char *tail = NULL;
	struct iz_table *t = NULL;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, &tail) != SQLITE_OK)
		return iz_fail(err, IZ_EINPUT, "SQL error: %s",
			       sqlite3_errmsg(st->db));
	if (!s)
		return iz_fail(err, IZ_EINPUT, "empty query");
	if (!only_blank(tail)) {
		sqlite3_finalize(s);
		return iz_fail(err, IZ_EINPUT,
			       "more than one SQL statement (a query is one "
			       "SELECT)");
	}
	if (bind_named(st, s, names, values, nparams, err) < 0)
		goto fail;
	t = iz_table_new();
	add_columns(t, s);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		add_row(t, s);
	type_from_values(t, s);
	if (rc != SQLITE_DONE) {
		iz_fail(err, IZ_EINPUT, "SQL error: %s",
			sqlite3_errmsg(st->db));
		goto fail;
	}
	sqlite3_finalize(s);
	*out = t;
	return 0;
fail:
	iz_table_free(t);
	sqlite3_finalize(s);
	return -1;
}

/* Cached statements keep their bindings: bind every parameter. */
static int bind_household(sqlite3_stmt *s, int i,
			  const struct iz_household *h, struct iz_error *err)
{
	(void)err;
	sqlite3_bind_int64(s, i + 1, h->id);
	sqlite3_bind_int(s, i + 2, h->period);
	bind_text(s, i + 3, h->region);
	if (h->head_birth_year > 0)
		sqlite3_bind_int(s, i + 4, h->head_birth_year);
	else
		sqlite3_bind_null(s, i + 4);
	bind_text(s, i + 5, h->household_type);
	if (h->children >= 0)
		sqlite3_bind_int(s, i + 6, h->children);
	else
		sqlite3_bind_null(s, i + 6);
	if (h->income_pct_sm >= 0)
		sqlite3_bind_double(s, i + 7, h->income_pct_sm);
	else
		sqlite3_bind_null(s, i + 7);
	return 0;
}

/* A date as its day number, or NULL; not YYYY-MM-DD: an error (bound only
 * once every row of a statement is, so a batch is all or nothing). */
static int bind_day(sqlite3_stmt *s, int i, const char *date,
		    struct iz_error *err)
{
	int64_t day;

	if (!date)
		sqlite3_bind_null(s, i);
	else if (iz_text_day(&day, date))
		sqlite3_bind_int64(s, i, day);
	else
		return iz_fail(err, IZ_ESTORE, "not a date (YYYY-MM-DD): '%s'",
			       date);
	return 0;
}

static int bind_participation(sqlite3_stmt *s, int i,
			      const struct iz_participation *p,
			      struct iz_error *err)
{
	sqlite3_bind_int64(s, i + 1, p->household);
	bind_text(s, i + 2, p->scheme);
	if (bind_day(s, i + 3, p->start_date, err) < 0)
		return -1;
	return bind_day(s, i + 4, p->end_date, err);
}

static int bind_signal(sqlite3_stmt *s, int i, const struct iz_signal *g,
		       struct iz_error *err)
{
	sqlite3_bind_int64(s, i + 1, g->household);
	bind_text(s, i + 2, g->partner);
	if (bind_day(s, i + 3, g->signal_date, err) < 0)
		return -1;
	if (g->arrears_eur >= 0)
		sqlite3_bind_double(s, i + 4, g->arrears_eur);
	else
		sqlite3_bind_null(s, i + 4);
	bind_text(s, i + 5, g->outcome);
	return 0;
}

int iz_store_put_household(struct iz_store *st, const struct iz_household *h,
			   struct iz_error *err)
{
	sqlite3_stmt *s = cached(st, ST_HOUSEHOLD, err);

	if (!s)
		return -1;
	bind_household(s, 0, h, err);
	return step_done(st, s, err, "household");
}

int iz_store_put_participation(struct iz_store *st,
			       const struct iz_participation *p,
			       struct iz_error *err)
{
	sqlite3_stmt *s = cached(st, ST_PARTICIPATION, err);

	if (!s || bind_participation(s, 0, p, err) < 0)
		return -1;
	return step_done(st, s, err, "participation");
}

int iz_store_put_signal(struct iz_store *st, const struct iz_signal *g,
			struct iz_error *err)
{
	sqlite3_stmt *s = cached(st, ST_SIGNAL, err);

	if (!s || bind_signal(s, 0, g, err) < 0)
		return -1;
	return step_done(st, s, err, "signal");
}

/* n rows through the many-rows statement when there are exactly
 * IZ_STORE_PUT_ROWS, else one at a time. One statement per row is mostly
 * overhead (reset, cursor open, halt): a batch of rows shares it. A row
 * that cannot be bound fails the batch before it is stepped. */
#define PUT_MANY(st, id, bind, what, rows, n, err)                           \
	do {                                                                 \
		sqlite3_stmt *s_;                                            \
		size_t i_;                                                   \
		int p_ = many_of[id].params;                                 \
		if ((n) != IZ_STORE_PUT_ROWS)                                \
			break;                                               \
		if (!(s_ = cached(st, id, err)))                             \
			return -1;                                           \
		for (i_ = 0; i_ < (n); i_++)                                 \
			if (bind(s_, (int)i_ * p_, (rows)[i_], err) < 0)     \
				return -1;                                   \
		return step_done(st, s_, err, what);                         \
	} while (0)

int iz_store_put_households(struct iz_store *st,
			    const struct iz_household *const *h, size_t n,
			    struct iz_error *err)
{
	size_t i;

	PUT_MANY(st, ST_HOUSEHOLDS, bind_household, "household", h, n, err);
	for (i = 0; i < n; i++)
		if (iz_store_put_household(st, h[i], err) < 0)
			return -1;
	return 0;
}

int iz_store_put_participations(struct iz_store *st,
				const struct iz_participation *const *p,
				size_t n, struct iz_error *err)
{
	size_t i;

	PUT_MANY(st, ST_PARTICIPATIONS, bind_participation, "participation",
		 p, n, err);
	for (i = 0; i < n; i++)
		if (iz_store_put_participation(st, p[i], err) < 0)
			return -1;
	return 0;
}

int iz_store_put_signals(struct iz_store *st, const struct iz_signal *const *g,
			 size_t n, struct iz_error *err)
{
	size_t i;

	PUT_MANY(st, ST_SIGNALS, bind_signal, "signal", g, n, err);
	for (i = 0; i < n; i++)
		if (iz_store_put_signal(st, g[i], err) < 0)
			return -1;
	return 0;
}

int iz_store_put_scheme(struct iz_store *st, const char *code,
			const char *name, const char *spearhead,
			double threshold, const char *target,
			struct iz_error *err)
{
	char thr[32];
	const char *v[] = { code, name, spearhead, thr, target };

	snprintf(thr, sizeof(thr), "%.17g", threshold);
	return run_text(st,
			"INSERT OR REPLACE INTO scheme(code, name, spearhead, "
			"income_threshold, target) VALUES(?, ?, ?, "
			"CAST(? AS REAL), ?)",
			v, 5, err);
}

int iz_store_log_import(struct iz_store *st, const char *kind,
			const char *file, const char *sha256, int64_t rows,
			int64_t rejected, struct iz_error *err)
{
	char now[32], r[32], j[32];
	const char *v[] = { kind, file, sha256, now, r, j };

	utc_now(now, sizeof(now));
	snprintf(r, sizeof(r), "%lld", (long long)rows);
	snprintf(j, sizeof(j), "%lld", (long long)rejected);
	return run_text(st,
			"INSERT INTO import_log(kind, file, sha256, at, rows, "
			"rejected) VALUES(?, ?, ?, ?, CAST(? AS INTEGER), "
			"CAST(? AS INTEGER))",
			v, 6, err);
}

struct iz_row {
	sqlite3_stmt *s;
};

int64_t iz_row_int(const struct iz_row *r, int col)
{
	return sqlite3_column_int64(r->s, col);
}

double iz_row_double(const struct iz_row *r, int col)
{
	return sqlite3_column_double(r->s, col);
}

const char *iz_row_text(const struct iz_row *r, int col)
{
	return (const char *)sqlite3_column_text(r->s, col);
}

bool iz_row_is_null(const struct iz_row *r, int col)
{
	return sqlite3_column_type(r->s, col) == SQLITE_NULL;
}

int64_t iz_row_int_or(const struct iz_row *r, int col, int64_t dflt)
{
	sqlite3_value *v = sqlite3_column_value(r->s, col);

	return sqlite3_value_type(v) == SQLITE_NULL ? dflt :
						      sqlite3_value_int64(v);
}

double iz_row_double_or(const struct iz_row *r, int col, double dflt)
{
	sqlite3_value *v = sqlite3_column_value(r->s, col);

	return sqlite3_value_type(v) == SQLITE_NULL ? dflt :
						      sqlite3_value_double(v);
}

/* A prepared statement for sql from the cache (round-robin eviction). */
static struct each_stmt *each_stmt(struct iz_store *st, const char *sql,
				   struct iz_error *err)
{
	struct each_stmt *e;
	size_t i;

	for (i = 0; i < st->neach; i++)
		if (st->each[i].s && !st->each[i].busy &&
		    strcmp(st->each[i].sql, sql) == 0)
			return &st->each[i];
	if (st->neach < EACH_CACHE) {
		e = &st->each[st->neach++];
	} else {
		for (i = 0; i < EACH_CACHE && st->each[st->next_each].busy; i++)
			st->next_each = (st->next_each + 1) % EACH_CACHE;
		if (i == EACH_CACHE) {
			iz_fail(err, IZ_ESTORE, "too many nested queries");
			return NULL;
		}
		e = &st->each[st->next_each];
		st->next_each = (st->next_each + 1) % EACH_CACHE;
		sqlite3_finalize(e->s);
		free(e->sql);
	}
	e->busy = false;
	e->sql = iz_xstrdup(sql);
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &e->s, NULL) != SQLITE_OK) {
		iz_fail(err, IZ_ESTORE, "SQL error: %s",
			sqlite3_errmsg(st->db));
		/* Keep the slot (a nested caller may hold a pointer into the
		 * cache) but make it match nothing. */
		sqlite3_finalize(e->s);
		e->s = NULL;
		e->sql[0] = '\0';
		return NULL;
	}
	return e;
}

int iz_store_each(struct iz_store *st, const char *sql,
		  const char *const *names, const char *const *values,
		  size_t nparams, iz_row_fn fn, void *ctx,
		  struct iz_error *err)
{
	struct each_stmt *e = each_stmt(st, sql, err);
	struct iz_row row = { e ? e->s : NULL };
	int rc = SQLITE_ERROR, stop = 0;

	if (!e)
		return -1;
	e->busy = true;
	if (bind_named(st, row.s, names, values, nparams, err) == 0) {
		while ((rc = sqlite3_step(row.s)) == SQLITE_ROW)
			if ((stop = fn(ctx, &row, err)) != 0)
				break;
		if (stop > 0)
			rc = SQLITE_DONE;
		else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			iz_fail(err, IZ_ESTORE, "SQL error: %s",
				sqlite3_errmsg(st->db));
	}
	sqlite3_reset(row.s);
	sqlite3_clear_bindings(row.s);
	e->busy = false;
	return rc == SQLITE_DONE ? 0 : -1;
}
