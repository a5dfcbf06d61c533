/*
 * inzicht risk: the risk profile of one gemeente or wijk on every open
 * indicator, against the country, its peers and all regions of its level.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inzicht/risk.h"
#include "inzicht/store.h"

enum {
	OPT_REGION = OPT_FIRST_LOCAL,
	OPT_PERIOD,
	OPT_PEERS,
};

struct risk_args {
	struct iz_risk_opts o;
	char *peers; /* the copy --peers was split in */
};

/* --peers K or --peers GM..,GM.. */
static int parse_peers(struct risk_args *a, const char *arg)
{
	char *p, *comma;

	if (isdigit((unsigned char)arg[0]))
		return iz_cmd_parse_count(&a->o.k, arg, &iz_cmd_risk,
					  "--peers");
	free(a->peers);
	a->peers = iz_xstrdup(arg);
	a->o.npeers = 0;
	for (p = a->peers; p; p = comma ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (!*p || a->o.npeers == IZ_RISK_MAX_PEERS)
			return iz_cli_usage(&iz_cmd_risk,
					    "--peers expects a number or 1 to "
					    "%d region codes separated by "
					    "commas, not '%s'",
					    IZ_RISK_MAX_PEERS, arg);
		a->o.peers[a->o.npeers++] = p;
	}
	return 0;
}

static int on_local(int id, const char *arg, void *ctx)
{
	struct risk_args *a = ctx;

	switch (id) {
	case OPT_REGION:
		a->o.region = arg;
		return 0;
	case OPT_PERIOD:
		a->o.period = arg;
		return 0;
	case OPT_PEERS:
		return parse_peers(a, arg);
	default:
		return 2;
	}
}

static int profile_table(struct iz_table **out, struct iz_store *st,
			const void *o, struct iz_error *err)
{
	return iz_risk_profile(out, st, o, err);
}

static int profile(struct iz_globals *g, const struct iz_risk_opts *o)
{
	return iz_cli_store_table(&iz_cmd_risk, g, profile_table, o);
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		{ "region", required_argument, NULL, OPT_REGION },
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "peers", required_argument, NULL, OPT_PEERS },
		{ NULL, 0, NULL, 0 }
	};
	struct risk_args a = { .o = IZ_RISK_OPTS_INIT };
	int first, rc;

	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_risk, longopts, g,
			  on_local, &a);
	if (rc == IZ_CLI_CONTINUE) {
		if (first < argc)
			rc = iz_cli_usage(&iz_cmd_risk, "unexpected '%s'",
					  argv[first]);
		else if (!a.o.region)
			rc = iz_cli_usage(&iz_cmd_risk,
					  "which region? (--region GM... or "
					  "WK...)");
		else
			rc = profile(g, &a.o);
	}
	free(a.peers);
	return rc;
}

const struct iz_command iz_cmd_risk = {
	.name = "risk",
	.summary = "risk profile of a gemeente or wijk on every indicator",
	.usage = "inzicht risk --region <code> [--period (latest|<period>)] "
		 "[--peers (<k>|<code>,...)]\n"
		 "  --region <code>         a gemeente (GM0363) or a wijk "
		 "(WK036305)\n"
		 "  --period <period>       default latest: each series' "
		 "latest period\n"
		 "  --peers <k>             the k nearest gemeenten ('inzicht "
		 "peers'; default 10)\n"
		 "  --peers <code>,...      these regions; a wijk's default: "
		 "the other wijken\n"
		 "                          of its gemeente\n"
		 "  columns: spearhead, life_stage, household_type, "
		 "indicator, category, period,\n"
		 "    value, ci_low, ci_high, nl, gemeente, peer_median, "
		 "peer_iqr, peer_p25, peer_p75, z, robust_z,\n"
		 "    percentile, verdict (worse|similar|better|neutral), "
		 "approximate,\n"
		 "    trend_slope, trend_se, trend_p, trend_flag "
		 "(worsening), risk_rank",
	.run = run,
};
