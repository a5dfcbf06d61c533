/*
 * inzicht correlate: how two indicators move together across the regions of
 * one level (e.g. poverty and perceived health across gemeenten), and where
 * one region stands against the fitted line.
 */
#include <string.h>

#include "cli.h"
#include "inzicht/compare.h"
#include "inzicht/store.h"

enum {
	OPT_LEVEL = OPT_FIRST_LOCAL,
	OPT_WITHIN,
	OPT_HIGHLIGHT,
	OPT_PERIOD,
	OPT_CATEGORY_X,
	OPT_CATEGORY_Y,
};

static int on_local(int id, const char *arg, void *ctx)
{
	struct iz_correlate_opts *o = ctx;
	struct iz_error err = IZ_ERROR_INIT;

	switch (id) {
	case OPT_LEVEL:
		if (iz_indicators_level_parse(&o->level, arg, &err) < 0)
			return iz_cli_usage(&iz_cmd_correlate, "%s", err.msg);
		return 0;
	case OPT_WITHIN:
		o->within = arg;
		return 0;
	case OPT_HIGHLIGHT:
		o->highlight = arg;
		return 0;
	case OPT_PERIOD:
		o->period = arg;
		return 0;
	case OPT_CATEGORY_X:
		o->x_category = arg;
		return 0;
	case OPT_CATEGORY_Y:
		o->y_category = arg;
		return 0;
	default:
		return 2;
	}
}

static int operands(struct iz_correlate_opts *o, int first, int argc,
		    char **argv)
{
	if (argc - first < 2)
		return iz_cli_usage(&iz_cmd_correlate,
				    "expected two indicator ids (see 'inzicht "
				    "query indicators')");
	if (argc - first > 2)
		return iz_cli_usage(&iz_cmd_correlate, "unexpected '%s'",
				    argv[first + 2]);
	o->x = argv[first];
	o->y = argv[first + 1];
	return 0;
}

static int correlate_table(struct iz_table **out, struct iz_store *st,
			   const void *o, struct iz_error *err)
{
	return iz_compare_correlate(out, st, o, err);
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		{ "level", required_argument, NULL, OPT_LEVEL },
		{ "within", required_argument, NULL, OPT_WITHIN },
		{ "highlight", required_argument, NULL, OPT_HIGHLIGHT },
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "category-x", required_argument, NULL, OPT_CATEGORY_X },
		{ "category-y", required_argument, NULL, OPT_CATEGORY_Y },
		{ NULL, 0, NULL, 0 }
	};
	struct iz_correlate_opts o = IZ_CORRELATE_OPTS_INIT;
	int first, rc;

	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_correlate, longopts, g,
			  on_local, &o);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	rc = operands(&o, first, argc, argv);
	if (rc != 0)
		return rc;
	return iz_cli_store_table(&iz_cmd_correlate, g, correlate_table, &o);
}

const struct iz_command iz_cmd_correlate = {
	.name = "correlate",
	.summary = "correlate two indicators across regions (Pearson, "
		   "Spearman, OLS)",
	.usage = "inzicht correlate <x> <y> [--level (gemeente|wijk|buurt)] "
		 "[--within <code>]\n"
		 "                [--highlight <code>] [--period <period>]\n"
		 "                [--category-x <dims>] [--category-y <dims>]\n"
		 "  <x>, <y>             indicator ids ('inzicht query "
		 "indicators')\n"
		 "  --level <level>      regions compared (default gemeente)\n"
		 "  --within <code>      only the wijken or buurten of this "
		 "gemeente (or wijk)\n"
		 "  --highlight <code>   fitted value and studentized residual "
		 "of one region\n"
		 "  --period <period>    e.g. 2024JJ00 (default: the latest "
		 "period both have)\n"
		 "  --category-x <dims>  series of x, e.g. Leeftijd=53115 "
		 "(default: main series)\n"
		 "  --category-y <dims>  series of y\n"
		 "  columns: region, name, x, y, fitted, residual, "
		 "studentized_residual\n"
		 "  statistics (json): n, dropped, pearson_r, pearson_ci_low, "
		 "pearson_ci_high,\n"
		 "    pearson_p, spearman_rho, spearman_p, slope, intercept, "
		 "r2; with --highlight\n"
		 "    also fitted, residual, studentized_residual",
	.run = run,
};
