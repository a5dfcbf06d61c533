/*
 * inzicht: the command table, global defaults and the exit-status policy.
 * Data goes to stdout, messages to stderr; 0 ok, 1 failed, 2 usage,
 * 3 partial, 75 locked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inzicht/http.h"
#include "inzicht/stats.h"

#ifndef IZ_VERSION
#define IZ_VERSION "dev"
#endif

/* Sorted by name. */
static const struct iz_command *const commands[] = {
	&iz_cmd_correlate, &iz_cmd_datasets, &iz_cmd_export,
	&iz_cmd_fetch,	   &iz_cmd_import,   &iz_cmd_peers,
	&iz_cmd_query,	   &iz_cmd_report,   &iz_cmd_risk,     &iz_cmd_signals,
	&iz_cmd_stacking,  &iz_cmd_status,   &iz_cmd_uptake,
	&iz_cmd_wijken,
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct iz_command *find(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static void overview(FILE *f)
{
	size_t i;

	fprintf(f, "usage: inzicht <command> [options]\n\n"
		   "Facts for joint poverty and health policy in Dutch "
		   "gemeenten.\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name,
			commands[i]->summary);
	fprintf(f, "\n'inzicht help <command>' or 'inzicht <command> --help' "
		   "for details.\n");
}

static int help(int argc, char **argv)
{
	const struct iz_command *cmd;

	if (argc < 3) {
		overview(stdout);
		return 0;
	}
	cmd = find(argv[2]);
	if (!cmd) {
		fprintf(stderr, "inzicht: unknown command '%s'\n", argv[2]);
		overview(stderr);
		return 2;
	}
	iz_cli_help(cmd);
	return 0;
}

static int dispatch(int argc, char **argv, struct iz_globals *g)
{
	const struct iz_command *cmd;

	if (argc < 2) {
		overview(stderr);
		return 2;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)
		return help(argc, argv);
	if (strcmp(argv[1], "--version") == 0) {
		printf("inzicht %s\n", IZ_VERSION);
		return 0;
	}
	cmd = find(argv[1]);
	if (!cmd) {
		fprintf(stderr, "inzicht: unknown command '%s'\n", argv[1]);
		overview(stderr);
		return 2;
	}
	return cmd->run(argc - 1, argv + 1, g);
}

int main(int argc, char **argv)
{
	struct iz_globals g = { .format = IZ_FORMAT_TABLE };
	const char *db = getenv("INZICHT_DB");
	const char *cat = getenv("INZICHT_CATALOG");
	int rc;

	iz_stats_init();
	if (iz_http_global_init() < 0) {
		fprintf(stderr, "inzicht: cannot initialise libcurl\n");
		return 1;
	}
	g.db_path = db && *db ? db : "inzicht.db";
	g.catalog_dir = cat && *cat ? cat : NULL;
	rc = dispatch(argc, argv, &g);
	free(g.datadir);
	iz_http_global_cleanup();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "inzicht: cannot write to standard output\n");
		return 1;
	}
	return rc;
}
