/*
 * inzicht export observations: the store's observations in long format, one
 * row per indicator, region and period, with region names and units.
 */
#include <string.h>

#include "cli.h"
#include "inzicht/store.h"

enum { OPT_DATASET = OPT_FIRST_LOCAL, OPT_REGION, OPT_INDICATOR };

struct export_opts {
	const char *dataset, *region, *indicator;
};

static int on_local(int id, const char *arg, void *ctx)
{
	struct export_opts *o = ctx;

	switch (id) {
	case OPT_DATASET:
		o->dataset = arg;
		return 0;
	case OPT_REGION:
		o->region = arg;
		return 0;
	case OPT_INDICATOR:
		o->indicator = arg;
		return 0;
	default:
		return 2;
	}
}

static const char *const export_sql =
	"SELECT d.id AS dataset, d.table_id AS \"table\", i.measure,"
	" i.code AS indicator, o.region, r.name AS region_name, o.period,"
	" o.value, o.status, i.unit, i.dims, o.ci_low, o.ci_high "
	"FROM observation o JOIN indicator i ON i.id = o.indicator"
	" JOIN dataset d ON d.id = i.dataset"
	" LEFT JOIN region r ON r.code = o.region "
	"WHERE (:dataset IS NULL OR d.id = :dataset)"
	" AND (:region IS NULL OR o.region = :region)"
	" AND (:indicator IS NULL OR i.code = :indicator) "
	"ORDER BY d.id, i.code, i.dims, o.region, o.period";

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		{ "dataset", required_argument, NULL, OPT_DATASET },
		{ "region", required_argument, NULL, OPT_REGION },
		{ "indicator", required_argument, NULL, OPT_INDICATOR },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const names[] = { "dataset", "region",
					     "indicator" };
	struct export_opts o = { 0 };
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_store *st = NULL;
	struct iz_table *t = NULL;
	int first, rc;

	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_export, longopts, g,
			  on_local, &o);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	if (first >= argc)
		return iz_cli_usage(&iz_cmd_export, "what to export? "
				    "('observations')");
	if (strcmp(argv[first], "observations") != 0)
		return iz_cli_usage(&iz_cmd_export,
				    "unknown export '%s' (expected "
				    "'observations')",
				    argv[first]);
	if (first + 1 < argc)
		return iz_cli_usage(&iz_cmd_export, "unexpected '%s'",
				    argv[first + 1]);
	{
		const char *values[] = { o.dataset, o.region, o.indicator };

		if (iz_store_open(&st, g->db_path, IZ_STORE_READONLY, &err) ==
			    0 &&
		    iz_store_query(&t, st, export_sql, names, values, 3,
				   &err) == 0)
			rc = iz_cli_print(&iz_cmd_export, t, g);
	}
	if (err.code != IZ_OK)
		rc = iz_cli_fail(&iz_cmd_export, &err);
	iz_table_free(t);
	iz_store_close(st);
	return rc;
}

const struct iz_command iz_cmd_export = {
	.name = "export",
	.summary = "export observations in long format",
	.usage = "inzicht export observations [--dataset <id>] "
		 "[--region <code>] [--indicator <id>]\n"
		 "  columns: dataset, table, measure, indicator, region, "
		 "region_name, period,\n"
		 "           value, status, unit, dims, ci_low, ci_high",
	.run = run,
};
