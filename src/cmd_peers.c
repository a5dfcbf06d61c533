/*
 * inzicht peers: the gemeenten most like one gemeente, by k nearest
 * neighbours on standardised structural features.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inzicht/risk.h"
#include "inzicht/store.h"

enum {
	OPT_K = OPT_FIRST_LOCAL,
	OPT_FEATURES,
};

struct peers_args {
	struct iz_peers_opts o;
	char *features; /* the copy --features was split in */
};

static int parse_k(size_t *out, const char *arg,
		   const struct iz_command *cmd, const char *opt)
{
	char *end;
	long k;

	errno = 0;
	k = strtol(arg, &end, 10);
	if (errno || end == arg || *end || k < 1 || k > 1000)
		return iz_cli_usage(cmd, "%s expects a number from 1 to 1000, "
					 "not '%s'",
				    opt, arg);
	*out = (size_t)k;
	return 0;
}

static int split_features(struct peers_args *a, const char *arg)
{
	char *p, *comma;

	free(a->features);
	a->features = iz_xstrdup(arg);
	a->o.nfeatures = 0;
	for (p = a->features; p; p = comma ? comma + 1 : NULL) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (!*p || a->o.nfeatures == IZ_PEERS_MAX_FEATURES)
			return iz_cli_usage(&iz_cmd_peers,
					    "--features expects 1 to %d "
					    "indicator ids separated by "
					    "commas, not '%s'",
					    IZ_PEERS_MAX_FEATURES, arg);
		a->o.features[a->o.nfeatures++] = p;
	}
	return 0;
}

static int on_local(int id, const char *arg, void *ctx)
{
	struct peers_args *a = ctx;

	switch (id) {
	case OPT_K:
		return parse_k(&a->o.k, arg, &iz_cmd_peers, "--k");
	case OPT_FEATURES:
		return split_features(a, arg);
	default:
		return 2;
	}
}

static int list_table(struct iz_table **out, struct iz_store *st,
			const void *o, struct iz_error *err)
{
	return iz_risk_peers(out, st, o, err);
}

static int list(struct iz_globals *g, const struct iz_peers_opts *o)
{
	return iz_cli_store_table(&iz_cmd_peers, g, list_table, o);
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		{ "k", required_argument, NULL, OPT_K },
		{ "features", required_argument, NULL, OPT_FEATURES },
		{ NULL, 0, NULL, 0 }
	};
	struct peers_args a = { .o = IZ_PEERS_OPTS_INIT };
	int first, rc;

	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_peers, longopts, g,
			  on_local, &a);
	if (rc == IZ_CLI_CONTINUE) {
		if (first >= argc)
			rc = iz_cli_usage(&iz_cmd_peers,
					  "which gemeente? (e.g. GM0363)");
		else if (first + 1 < argc)
			rc = iz_cli_usage(&iz_cmd_peers, "unexpected '%s'",
					  argv[first + 1]);
		else {
			a.o.region = argv[first];
			rc = list(g, &a.o);
		}
	}
	free(a.features);
	return rc;
}

const struct iz_command iz_cmd_peers = {
	.name = "peers",
	.summary = "list the gemeenten most like one gemeente (k nearest)",
	.usage = "inzicht peers <gemeente> [--k <n>] [--features <id>,...]\n"
		 "  <gemeente>              e.g. GM0363\n"
		 "  --k <n>                 number of peers (default 10)\n"
		 "  --features <id>,...     indicator ids to compare on, "
		 "used as they are; default:\n"
		 "    log_inwoners          ln(inwoners), else "
		 "ln(inwonertal)\n"
		 "    log_adresdichtheid    ln(omgevingsadressendichtheid); "
		 "without it\n"
		 "      (or stedelijkheid)  stedelijkheid, 1 (zeer sterk "
		 "stedelijk) to 5\n"
		 "    pct_65_plus           100 inwoners_65_plus / inwoners\n"
		 "    pct_met_kinderen      100 huishoudens_met_kinderen / "
		 "huishoudens\n"
		 "    pct_laag_inkomen      personen_in_armoede_pct, else\n"
		 "                          "
		 "huishoudens_laagste_40pct_inkomen_pct\n"
		 "    (a feature the store lacks is skipped with a note)\n"
		 "  each feature in its latest period, as z-scores across "
		 "the gemeenten that\n"
		 "  have every feature; distance: Euclidean; ties by region "
		 "code\n"
		 "  columns: rank, region, name, distance, one per feature "
		 "(its value)",
	.run = run,
};

/* --k for risk shares the parsing of peers. */
int iz_cmd_parse_count(size_t *out, const char *arg,
		       const struct iz_command *cmd, const char *opt)
{
	return parse_k(out, arg, cmd, opt);
}
