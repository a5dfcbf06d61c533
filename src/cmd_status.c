/*
 * inzicht status: how fresh each dataset is, for people and for monitoring.
 * Exits 1 when a dataset's last fetch failed or it is older than --max-age.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "inzicht/catalog.h"
#include "inzicht/store.h"

enum { OPT_MAX_AGE = OPT_FIRST_LOCAL };

struct status_opts {
	double max_age; /* days, < 0 when not given */
};

static int on_local(int id, const char *arg, void *ctx)
{
	struct status_opts *o = ctx;
	char *end;

	if (id != OPT_MAX_AGE)
		return 2;
	errno = 0;
	o->max_age = strtod(arg, &end);
	if (errno || *end || o->max_age < 0 || !isfinite(o->max_age))
		return iz_cli_usage(&iz_cmd_status,
				    "--max-age expects a number of days, not "
				    "'%s'",
				    arg);
	return 0;
}

static const char *const state_sql =
	"SELECT d.table_id, d.fetched_at, d.modified, d.rows,"
	" (SELECT result FROM fetch_log f WHERE f.dataset = d.id"
	"  ORDER BY f.id DESC LIMIT 1),"
	" (SELECT message FROM fetch_log f WHERE f.dataset = d.id"
	"  ORDER BY f.id DESC LIMIT 1),"
	" julianday('now') - julianday(d.fetched_at),"
	" d.reason_delivery, d.frequency, d.output_status, d.newer_edition "
	"FROM dataset d WHERE d.id = :id";

static const char *text_at(const struct iz_table *s, size_t col)
{
	const struct iz_cell *c;

	if (!s || iz_table_nrows(s) == 0)
		return NULL;
	c = iz_table_cell(s, 0, col);
	return c->kind == IZ_CELL_TEXT ? c->v.text : NULL;
}

static bool stopped(const struct iz_table *s)
{
	size_t i;
	const char *v;

	for (i = 7; i <= 9; i++) {
		v = text_at(s, i);
		if (v && (strcmp(v, "Stopgezet") == 0 ||
			  strcmp(v, "Gediscontinueerd") == 0))
			return true;
	}
	return false;
}

/* Warnings in words; returns true when the dataset counts as unhealthy. */
static bool warnings(char *buf, size_t n, const struct iz_table *s,
		     double age, bool fetched, const struct status_opts *o)
{
	const char *last = text_at(s, 4), *newer = text_at(s, 10);
	size_t len = 0;
	bool bad = false;

	buf[0] = '\0';
	if (!fetched) {
		len += (size_t)snprintf(buf + len, n - len, "never fetched; ");
		bad = o->max_age >= 0;
	}
	if (last && strcmp(last, "failed") == 0) {
		len += (size_t)snprintf(buf + len, n - len,
					"last fetch failed; ");
		bad = true;
	}
	if (fetched && o->max_age >= 0 && age > o->max_age) {
		len += (size_t)snprintf(buf + len, n - len,
					"older than %g days; ", o->max_age);
		bad = true;
	}
	if (stopped(s))
		len += (size_t)snprintf(buf + len, n - len,
					"table stopped or discontinued at the "
					"source; ");
	if (newer && len < n)
		len += (size_t)snprintf(buf + len, n - len,
					"newer edition %s exists; ", newer);
	if (len >= 2 && len < n)
		buf[len - 2] = '\0';
	return bad;
}

static void copy(struct iz_table *t, size_t row, size_t col,
		 const struct iz_table *s, size_t scol)
{
	const struct iz_cell *c;

	if (!s || iz_table_nrows(s) == 0)
		return;
	c = iz_table_cell(s, 0, scol);
	if (c->kind == IZ_CELL_TEXT)
		iz_table_set_text(t, row, col, c->v.text);
	else if (c->kind == IZ_CELL_INT)
		iz_table_set_int(t, row, col, c->v.i);
	else if (c->kind == IZ_CELL_REAL)
		iz_table_set_real(t, row, col, c->v.r);
}

static int add_row(bool *bad, struct iz_table *t, struct iz_store *st,
		   const struct iz_dataset *ds, const struct status_opts *o,
		   struct iz_error *err)
{
	static const char *const names[] = { "id" };
	const char *values[] = { ds->id };
	struct iz_table *s = NULL;
	size_t row, i;
	char warn[512];
	bool fetched;
	const struct iz_cell *age;

	if (st && iz_store_query(&s, st, state_sql, names, values, 1, err) < 0)
		return -1;
	row = iz_table_add_row(t);
	iz_table_set_text(t, row, 0, ds->id);
	for (i = 0; i < 6; i++)
		copy(t, row, i + 1, s, i);
	fetched = text_at(s, 1) != NULL;
	age = fetched ? iz_table_cell(s, 0, 6) : NULL;
	if (age && age->kind == IZ_CELL_REAL)
		iz_table_set_real(t, row, 7, age->v.r);
	*bad = warnings(warn, sizeof(warn), s,
			age && age->kind == IZ_CELL_REAL ? age->v.r : 0,
			fetched, o) ||
	       *bad;
	iz_table_set_text(t, row, 8, warn[0] ? warn : NULL);
	iz_table_free(s);
	return 0;
}

static struct iz_table *new_table(void)
{
	struct iz_table *t = iz_table_new();

	iz_table_add_column(t, "id", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "table", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "fetched_at", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "source_modified", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "rows", IZ_COL_INT, -1);
	iz_table_add_column(t, "last_result", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "last_message", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "age_days", IZ_COL_REAL, 1);
	iz_table_add_column(t, "warning", IZ_COL_TEXT, -1);
	return t;
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		{ "max-age", required_argument, NULL, OPT_MAX_AGE },
		{ NULL, 0, NULL, 0 }
	};
	struct status_opts o = { .max_age = -1 };
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_catalog *cat = NULL;
	struct iz_store *st = NULL;
	struct iz_table *t;
	bool bad = false;
	int first, rc;
	size_t i;

	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_status, longopts, g,
			  on_local, &o);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	if (first < argc)
		return iz_cli_usage(&iz_cmd_status, "unexpected '%s'",
				    argv[first]);
	if (iz_catalog_load(&cat, g->catalog_dir, &err) < 0)
		return iz_cli_fail(&iz_cmd_status, &err);
	if (access(g->db_path, F_OK) == 0 &&
	    iz_store_open(&st, g->db_path, IZ_STORE_READONLY, &err) < 0) {
		iz_catalog_free(cat);
		return iz_cli_fail(&iz_cmd_status, &err);
	}
	t = new_table();
	for (i = 0; i < iz_catalog_count(cat) && err.code == IZ_OK; i++)
		add_row(&bad, t, st, iz_catalog_get(cat, i), &o, &err);
	rc = err.code != IZ_OK ? iz_cli_fail(&iz_cmd_status, &err) :
				 iz_cli_print(&iz_cmd_status, t, g);
	iz_table_free(t);
	iz_store_close(st);
	iz_catalog_free(cat);
	return rc ? rc : bad ? 1 : 0;
}

const struct iz_command iz_cmd_status = {
	.name = "status",
	.summary = "show how fresh each dataset is (exit 1 when stale or "
		   "failed)",
	.usage = "inzicht status [--max-age <days>] [--format "
		 "(table|csv|json)]\n"
		 "  --max-age <days>  exit 1 when a dataset is older (or was "
		 "never fetched)\n"
		 "exit status: 0 healthy, 1 a dataset's last fetch failed or "
		 "it is too old",
	.run = run,
};
