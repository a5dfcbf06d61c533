/*
 * inzicht signals: arrears signals (vroegsignalering) set against scheme
 * use: who is in trouble but not yet reached.
 */
#include "cli_records.h"

static int on_local(int id, const char *arg, void *ctx)
{
	int rc = iz_cli_records_option(ctx, id, arg);

	return rc >= 0 ? rc : 2;
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = { IZ_GLOBAL_OPTIONS,
						   IZ_RECORDS_OPTIONS,
						   { NULL, 0, NULL, 0 } };
	struct records_args r = { .cmd = &iz_cmd_signals,
				  .a = IZ_ANALYSIS_OPTS_INIT };
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_population pop;
	struct iz_table *t = NULL;
	int first, rc;

	r.a.by = IZ_BY_PARTNER;
	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_signals, longopts, g,
			  on_local, &r);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	if (first < argc)
		return iz_cli_usage(&iz_cmd_signals, "unexpected '%s'",
				    argv[first]);
	rc = iz_cli_records_load(&pop, &r, g);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	rc = iz_signals(&t, &pop, &r.a, &err);
	iz_population_release(&pop);
	return iz_cli_records_print(&r, t, g, rc, &err);
}

const struct iz_command iz_cmd_signals = {
	.name = "signals",
	.summary = "arrears signals against scheme use (vroegsignalering)",
	.usage = "inzicht signals [--by (partner|life_stage|household_type|"
		 "wijk|none)] [--period <year>]\n"
		 "         [--min-cell <n>]\n"
		 "  --by   default partner (energie, huur, water, "
		 "zorgverzekeraar, other)\n" IZ_RECORDS_USAGE,
	.run = run,
};
