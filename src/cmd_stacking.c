/*
 * inzicht stacking: how municipal schemes stack per household (levels,
 * pairs, combinations), by life stage, household type or wijk.
 */
#include <string.h>

#include "cli_records.h"

enum { OPT_VIEW = OPT_FIRST_LOCAL, OPT_MODE, OPT_INCLUDE_ZERO };

struct stacking_args {
	struct records_args r;
	const char *view;
};

static int on_local(int id, const char *arg, void *ctx)
{
	struct stacking_args *s = ctx;
	int rc = iz_cli_records_option(&s->r, id, arg);

	if (rc >= 0)
		return rc;
	switch (id) {
	case OPT_VIEW:
		s->view = arg;
		return 0;
	case OPT_MODE:
		if (strcmp(arg, "distinct") != 0 && strcmp(arg, "inclusive"))
			return iz_cli_usage(&iz_cmd_stacking,
					    "--mode expects distinct or "
					    "inclusive");
		s->r.a.mode = strcmp(arg, "distinct") == 0 ?
				      IZ_COMBINATIONS_DISTINCT :
				      IZ_COMBINATIONS_INCLUSIVE;
		return 0;
	case OPT_INCLUDE_ZERO:
		s->r.a.include_zero = true;
		return 0;
	default:
		return 2;
	}
}

static int analyse(struct iz_table **t, const struct stacking_args *s,
		   const struct iz_population *pop, struct iz_error *err)
{
	if (strcmp(s->view, "levels") == 0)
		return iz_stacking_levels(t, pop, &s->r.a, err);
	if (strcmp(s->view, "pairs") == 0)
		return iz_stacking_pairs(t, pop, &s->r.a, err);
	return iz_stacking_combinations(t, pop, &s->r.a, err);
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		IZ_RECORDS_OPTIONS,
		{ "view", required_argument, NULL, OPT_VIEW },
		{ "mode", required_argument, NULL, OPT_MODE },
		{ "include-zero", no_argument, NULL, OPT_INCLUDE_ZERO },
		{ NULL, 0, NULL, 0 }
	};
	struct stacking_args s = { .r = { .cmd = &iz_cmd_stacking,
					  .a = IZ_ANALYSIS_OPTS_INIT },
				   .view = "levels" };
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_population pop;
	struct iz_table *t = NULL;
	int first, rc;

	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_stacking, longopts, g,
			  on_local, &s);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	if (first < argc)
		return iz_cli_usage(&iz_cmd_stacking, "unexpected '%s'",
				    argv[first]);
	if (strcmp(s.view, "levels") && strcmp(s.view, "pairs") &&
	    strcmp(s.view, "combinations"))
		return iz_cli_usage(&iz_cmd_stacking,
				    "--view expects levels, pairs or "
				    "combinations");
	if (s.r.a.by == IZ_BY_PARTNER)
		return iz_cli_usage(&iz_cmd_stacking,
				    "--by partner is for 'inzicht signals'");
	rc = iz_cli_records_load(&pop, &s.r, g);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	rc = analyse(&t, &s, &pop, &err);
	iz_population_release(&pop);
	return iz_cli_records_print(&s.r, t, g, rc, &err);
}

const struct iz_command iz_cmd_stacking = {
	.name = "stacking",
	.summary = "how schemes stack per household (stapeling)",
	.usage = "inzicht stacking [--view (levels|pairs|combinations)] "
		 "[--by (life_stage|household_type|wijk)]\n"
		 "         [--mode (distinct|inclusive)] [--include-zero] "
		 "[--period <year>] [--min-cell <n>]\n"
		 "  --view levels        households by number of schemes "
		 "(0 = eligible, none;\n"
		 "                       1, 2, 3, 4+) with chi-square, "
		 "Cramér's V, residuals\n"
		 "  --view pairs         co-occurrence of two schemes, with "
		 "phi\n"
		 "  --view combinations  exact combinations, observed vs "
		 "expected (UpSet)\n"
		 "  --mode               combinations: exactly the set "
		 "(distinct) or at least it\n"
		 "  --include-zero       levels: level 0 enters the "
		 "chi-square test\n" IZ_RECORDS_USAGE,
	.run = run,
};
