/*
 * inzicht wijken: the wijken (or buurten) of a gemeente ranked on one or
 * more indicators beside the gemeente and the country, with z-scores and,
 * for several indicators, a combined score.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inzicht/compare.h"
#include "inzicht/store.h"

enum {
	OPT_WITHIN = OPT_FIRST_LOCAL,
	OPT_INDICATOR,
	OPT_LEVEL,
	OPT_PERIOD,
};

struct wijken_args {
	struct iz_wijken_opts o;
	char *buf[IZ_WIJKEN_MAX]; /* ids split from "id:category" */
};

/* --indicator id or id:category (e.g. eenzaam_pct:Leeftijd=80200). */
static int add_indicator(struct wijken_args *a, const char *arg)
{
	struct iz_wijken_opts *o = &a->o;
	const char *colon = strchr(arg, ':');

	if (o->n == IZ_WIJKEN_MAX)
		return iz_cli_usage(&iz_cmd_wijken,
				    "at most %d --indicator options",
				    IZ_WIJKEN_MAX);
	if (!*arg || colon == arg || (colon && !colon[1]))
		return iz_cli_usage(&iz_cmd_wijken,
				    "--indicator expects <id> or "
				    "<id>:<category>, not '%s'",
				    arg);
	a->buf[o->n] = colon ? iz_xstrndup(arg, (size_t)(colon - arg)) : NULL;
	o->indicators[o->n] = colon ? a->buf[o->n] : arg;
	o->categories[o->n] = colon ? colon + 1 : NULL;
	o->n++;
	return 0;
}

static int on_local(int id, const char *arg, void *ctx)
{
	struct wijken_args *a = ctx;
	struct iz_error err = IZ_ERROR_INIT;

	switch (id) {
	case OPT_WITHIN:
		a->o.within = arg;
		return 0;
	case OPT_INDICATOR:
		return add_indicator(a, arg);
	case OPT_LEVEL:
		if (iz_indicators_level_parse(&a->o.level, arg, &err) < 0)
			return iz_cli_usage(&iz_cmd_wijken, "%s", err.msg);
		if (a->o.level == IZ_LEVEL_GEMEENTE)
			return iz_cli_usage(&iz_cmd_wijken,
					    "--level must be wijk or buurt");
		return 0;
	case OPT_PERIOD:
		a->o.period = arg;
		return 0;
	default:
		return 2;
	}
}

static int check(const struct wijken_args *a, int first, int argc,
		 char **argv)
{
	if (first < argc)
		return iz_cli_usage(&iz_cmd_wijken, "unexpected '%s'",
				    argv[first]);
	if (!a->o.within)
		return iz_cli_usage(&iz_cmd_wijken,
				    "which gemeente? (--within GM...)");
	if (strncmp(a->o.within, "GM", 2) != 0 &&
	    strncmp(a->o.within, "gm", 2) != 0)
		return iz_cli_usage(&iz_cmd_wijken,
				    "--within expects a gemeente code (GM...), "
				    "not '%s'",
				    a->o.within);
	if (a->o.n == 0)
		return iz_cli_usage(&iz_cmd_wijken,
				    "which indicator? (--indicator <id>; see "
				    "'inzicht query indicators')");
	return 0;
}

static int rank_table(struct iz_table **out, struct iz_store *st,
			const void *o, struct iz_error *err)
{
	return iz_compare_wijken(out, st, o, err);
}

static int rank(struct iz_globals *g, const struct iz_wijken_opts *o)
{
	return iz_cli_store_table(&iz_cmd_wijken, g, rank_table, o);
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		{ "within", required_argument, NULL, OPT_WITHIN },
		{ "indicator", required_argument, NULL, OPT_INDICATOR },
		{ "level", required_argument, NULL, OPT_LEVEL },
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ NULL, 0, NULL, 0 }
	};
	struct wijken_args a = { .o = IZ_WIJKEN_OPTS_INIT };
	int first, rc;
	size_t i;

	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_wijken, longopts, g,
			  on_local, &a);
	if (rc == IZ_CLI_CONTINUE) {
		rc = check(&a, first, argc, argv);
		if (rc == 0)
			rc = rank(g, &a.o);
	}
	for (i = 0; i < IZ_WIJKEN_MAX; i++)
		free(a.buf[i]);
	return rc;
}

const struct iz_command iz_cmd_wijken = {
	.name = "wijken",
	.summary = "rank the wijken of a gemeente on one or more indicators",
	.usage = "inzicht wijken --within <gemeente> --indicator <id>[:<dims>] "
		 "[--indicator ...]\n"
		 "              [--level (wijk|buurt)] [--period <period>]\n"
		 "  --within <gemeente>     e.g. GM0363\n"
		 "  --indicator <id>        indicator id ('inzicht query "
		 "indicators'); repeat to combine;\n"
		 "                          <id>:<dims> picks a category, "
		 "e.g. eenzaam_pct:Leeftijd=80200\n"
		 "  --level (wijk|buurt)    default wijk\n"
		 "  --period <period>       e.g. 2024JJ00 (default: each "
		 "indicator's latest)\n"
		 "  columns: rank, region, name, per indicator <id>, <id>_z, "
		 "<id>_gemeente, <id>_nl;\n"
		 "    with two or more indicators score (mean of "
		 "polarity-aligned z-scores,\n"
		 "    higher = worse), ranked worst first",
	.run = run,
};
