/*
 * inzicht uptake: uptake of each scheme among eligible households, or with
 * --segments the outreach list of eligible households using nothing.
 */
#include "cli_records.h"

#include <string.h>

#include "inzicht/store.h"

enum {
	OPT_SEGMENTS = OPT_FIRST_LOCAL,
	OPT_DENOMINATOR,
	OPT_ELIGIBLE_INDICATOR,
};

enum denominator { DEN_AUTO, DEN_RECORDS, DEN_OPEN_DATA };

struct uptake_args {
	struct records_args r;
	bool segments;
	enum denominator den;
	const char *share; /* --eligible-indicator */
};

static int on_local(int id, const char *arg, void *ctx)
{
	struct uptake_args *u = ctx;
	int rc = iz_cli_records_option(&u->r, id, arg);

	if (rc >= 0)
		return rc;
	switch (id) {
	case OPT_SEGMENTS:
		u->segments = true;
		return 0;
	case OPT_ELIGIBLE_INDICATOR:
		u->share = arg;
		u->den = DEN_OPEN_DATA;
		return 0;
	case OPT_DENOMINATOR:
		if (strcmp(arg, "auto") == 0)
			u->den = DEN_AUTO;
		else if (strcmp(arg, "records") == 0)
			u->den = DEN_RECORDS;
		else if (strcmp(arg, "open-data") == 0)
			u->den = DEN_OPEN_DATA;
		else
			return iz_cli_usage(&iz_cmd_uptake,
					    "--denominator expects auto, "
					    "records or open-data, not '%s'",
					    arg);
		return 0;
	default:
		return 2;
	}
}

/* Uptake against the open data: the table, or -1 with err (and *tried
 * false when the store could not be opened). */
static int open_data(struct iz_table **t, const struct uptake_args *u,
		     const struct iz_population *pop,
		     const struct iz_globals *g, struct iz_error *err)
{
	struct iz_store *st = NULL;
	int rc = iz_store_open(&st, g->db_path, IZ_STORE_READONLY, err);

	if (rc == 0)
		rc = iz_uptake_open_data(t, pop, st, &u->r.a, u->share, err);
	iz_store_close(st);
	return rc;
}

/* auto: the open data when at least half the households lack an income
 * and the store has the figures; else the records, saying why. */
static int uptake_table(struct iz_table **t, const struct uptake_args *u,
			const struct iz_population *pop,
			const struct iz_globals *g, struct iz_error *err)
{
	struct iz_error why = IZ_ERROR_INIT;
	bool lacking = 2 * pop->income_unknown >= pop->n;
	int rc;

	if (u->den == DEN_OPEN_DATA)
		return open_data(t, u, pop, g, err);
	if (u->den == DEN_AUTO && lacking && u->r.a.by == IZ_BY_NONE &&
	    open_data(t, u, pop, g, &why) == 0)
		return 0;
	rc = iz_uptake(t, pop, &u->r.a, err);
	if (rc == 0 && u->den == DEN_AUTO && lacking)
		iz_table_add_note(*t, "%zu of %zu households have no income: "
				      "the records' eligible households "
				      "leave them out; no open-data "
				      "denominator%s%s",
				  pop->income_unknown, pop->n,
				  why.msg[0] ? ": " : " with --by",
				  why.msg[0] ? why.msg : "");
	return rc;
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		IZ_RECORDS_OPTIONS,
		{ "threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "segments", no_argument, NULL, OPT_SEGMENTS },
		{ "denominator", required_argument, NULL, OPT_DENOMINATOR },
		{ "eligible-indicator", required_argument, NULL,
		  OPT_ELIGIBLE_INDICATOR },
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
	if (u.den == DEN_OPEN_DATA && (u.segments || u.r.a.by != IZ_BY_NONE))
		return iz_cli_usage(&iz_cmd_uptake,
				    "the open-data denominator is per "
				    "gemeente: no --by and no --segments");
	rc = iz_cli_records_load(&pop, &u.r, g);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	rc = u.segments ? iz_uptake_segments(&t, &pop, &u.r.a, &err) :
			  uptake_table(&t, &u, &pop, g, &err);
	iz_population_release(&pop);
	return iz_cli_records_print(&u.r, t, g, rc, &err);
}

const struct iz_command iz_cmd_uptake = {
	.name = "uptake",
	.summary = "uptake of schemes among eligible households",
	.usage = "inzicht uptake [--by (life_stage|household_type|wijk)] "
		 "[--threshold <pct>] [--segments]\n"
		 "         [--denominator (auto|records|open-data)] "
		 "[--eligible-indicator <id>]\n"
		 "         [--period <year>] [--min-cell <n>]\n"
		 "  --threshold <pct>     income threshold (% of the social "
		 "minimum) for every scheme\n"
		 "  --segments            eligible households using no scheme "
		 "by wijk x life stage x\n"
		 "                        household type, largest first (an "
		 "outreach work list)\n"
		 "  --denominator <d>     auto (default), records or open-data: "
		 "the eligible households\n"
		 "                        of income-tested schemes from the open "
		 "data (share up to\n"
		 "                        110% or 120% of the social minimum x "
		 "households) when the\n"
		 "                        records lack incomes; auto does so when "
		 "half of them do\n"
		 "  --eligible-indicator <id> the open-data share to use for "
		 "every income-tested scheme\n" IZ_RECORDS_USAGE,
	.run = run,
};
