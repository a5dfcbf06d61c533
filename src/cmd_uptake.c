/*
 * inzicht uptake: uptake of each scheme among eligible households, or with
 * --segments the outreach list of eligible households using nothing.
 */
#include "cli_records.h"

enum { OPT_SEGMENTS = OPT_FIRST_LOCAL };

struct uptake_args {
	struct records_args r;
	bool segments;
};

static int on_local(int id, const char *arg, void *ctx)
{
	struct uptake_args *u = ctx;
	int rc = iz_cli_records_option(&u->r, id, arg);

	if (rc >= 0)
		return rc;
	if (id != OPT_SEGMENTS)
		return 2;
	u->segments = true;
	return 0;
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		IZ_RECORDS_OPTIONS,
		{ "threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "segments", no_argument, NULL, OPT_SEGMENTS },
		{ NULL, 0, NULL, 0 }
	};
	struct uptake_args u = { .r = { .cmd = &iz_cmd_uptake,
					.a = IZ_ANALYSIS_OPTS_INIT } };
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_population pop;
	struct iz_table *t = NULL;
	int first, rc;

	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_uptake, longopts, g,
			  on_local, &u);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	if (first < argc)
		return iz_cli_usage(&iz_cmd_uptake, "unexpected '%s'",
				    argv[first]);
	if (u.r.a.by == IZ_BY_PARTNER)
		return iz_cli_usage(&iz_cmd_uptake,
				    "--by partner is for 'inzicht signals'");
	rc = iz_cli_records_load(&pop, &u.r, g);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	rc = u.segments ? iz_uptake_segments(&t, &pop, &u.r.a, &err) :
			  iz_uptake(&t, &pop, &u.r.a, &err);
	iz_population_release(&pop);
	return iz_cli_records_print(&u.r, t, g, rc, &err);
}

const struct iz_command iz_cmd_uptake = {
	.name = "uptake",
	.summary = "uptake of schemes among eligible households",
	.usage = "inzicht uptake [--by (life_stage|household_type|wijk)] "
		 "[--threshold <pct>] [--segments]\n"
		 "         [--period <year>] [--min-cell <n>]\n"
		 "  --threshold <pct>     income threshold (%% of the social "
		 "minimum) for every scheme\n"
		 "  --segments            eligible households using no scheme "
		 "by wijk x life stage x\n"
		 "                        household type, largest first (an "
		 "outreach work list)\n" IZ_RECORDS_USAGE,
	.run = run,
};
