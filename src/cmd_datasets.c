/*
 * inzicht datasets: the catalog joined with what the store holds.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "inzicht/catalog.h"
#include "inzicht/store.h"

static const char *const columns[] = { "id",	     "source",	 "table",
				       "title",	     "measures", "fetched_at",
				       "modified",   "rows",	 "last_result" };

#define NCOLS (sizeof(columns) / sizeof(columns[0]))

static void add_columns(struct iz_table *t)
{
	size_t i;

	for (i = 0; i < NCOLS; i++)
		iz_table_add_column(t, columns[i],
				    strcmp(columns[i], "rows") == 0 ?
					    IZ_COL_INT :
					    IZ_COL_TEXT,
				    -1);
}

/* Copy cell col of row 0 of src into (row, dst) of t. */
static void copy_cell(struct iz_table *t, size_t row, size_t dst,
		      const struct iz_table *src, size_t col)
{
	const struct iz_cell *c;

	if (!src || iz_table_nrows(src) == 0)
		return;
	c = iz_table_cell(src, 0, col);
	if (c->kind == IZ_CELL_TEXT)
		iz_table_set_text(t, row, dst, c->v.text);
	else if (c->kind == IZ_CELL_INT)
		iz_table_set_int(t, row, dst, c->v.i);
}

static int store_state(struct iz_table **out, struct iz_store *st,
		       const char *id, struct iz_error *err)
{
	static const char *const names[] = { "id" };
	const char *values[] = { id };

	*out = NULL;
	if (!st)
		return 0;
	return iz_store_query(out, st,
			      "SELECT d.fetched_at, d.modified, d.rows, "
			      "(SELECT result FROM fetch_log f WHERE "
			      "f.dataset = d.id ORDER BY f.id DESC LIMIT 1), "
			      "d.title "
			      "FROM dataset d WHERE d.id = :id",
			      names, values, 1, err);
}

static int add_dataset(struct iz_table *t, const struct iz_dataset *ds,
		       struct iz_store *st, struct iz_error *err)
{
	size_t row = iz_table_add_row(t), i;
	struct iz_table *state = NULL;
	char measures[32];

	iz_table_set_text(t, row, 0, ds->id);
	iz_table_set_text(t, row, 1, iz_source_name(ds->source));
	iz_table_set_text(t, row, 2, ds->table ? ds->table : ds->url);
	iz_table_set_text(t, row, 3, ds->title);
	snprintf(measures, sizeof(measures), "%zu", ds->nmeasures);
	iz_table_set_text(t, row, 4, ds->nmeasures ? measures : "all");
	if (store_state(&state, st, ds->id, err) < 0)
		return -1;
	for (i = 0; i < 4; i++)
		copy_cell(t, row, 5 + i, state, i);
	if (!ds->title)
		copy_cell(t, row, 3, state, 4);
	iz_table_free(state);
	return 0;
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = { IZ_GLOBAL_OPTIONS,
						   { NULL, 0, NULL, 0 } };
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_catalog *cat = NULL;
	struct iz_store *st = NULL;
	struct iz_table *t = NULL;
	int first, rc;
	size_t i;

	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_datasets, longopts, g,
			  NULL, NULL);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	if (first < argc)
		return iz_cli_usage(&iz_cmd_datasets, "unexpected '%s'",
				    argv[first]);
	if (iz_catalog_load(&cat, g->catalog_dir, &err) < 0)
		return iz_cli_fail(&iz_cmd_datasets, &err);
	/* A missing store is fine: the catalog alone is shown. */
	if (access(g->db_path, F_OK) == 0 &&
	    iz_store_open(&st, g->db_path, IZ_STORE_READONLY, &err) < 0) {
		iz_catalog_free(cat);
		return iz_cli_fail(&iz_cmd_datasets, &err);
	}
	t = iz_table_new();
	add_columns(t);
	for (i = 0; i < iz_catalog_count(cat) && err.code == IZ_OK; i++)
		add_dataset(t, iz_catalog_get(cat, i), st, &err);
	rc = err.code == IZ_OK ? iz_cli_print(&iz_cmd_datasets, t, g) :
				 iz_cli_fail(&iz_cmd_datasets, &err);
	iz_table_free(t);
	iz_store_close(st);
	iz_catalog_free(cat);
	return rc;
}

const struct iz_command iz_cmd_datasets = {
	.name = "datasets",
	.summary = "list the catalog's datasets and what the store holds",
	.usage = "inzicht datasets [--format (table|csv|json)]",
	.run = run,
};
