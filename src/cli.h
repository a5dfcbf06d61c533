/*
 * What main.c and the cmd_*.c files share: the command spec, global options,
 * option parsing, and the one place that turns errors into exit statuses.
 */
#ifndef INZICHT_CLI_H
#define INZICHT_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "inzicht/error.h"
#include "inzicht/output.h"
#include "inzicht/table.h"

struct iz_globals {
	const char *db_path;     /* --db, else $INZICHT_DB, else ./inzicht.db */
	const char *catalog_dir; /* --catalog, else $INZICHT_CATALOG, else the
				  * datasets/ beside the program */
	enum iz_format format;
	bool quiet;
	char *datadir; /* where datasets/ and queries/ live */
};

struct iz_command {
	const char *name;
	const char *summary;
	const char *usage; /* synopsis, then option lines */
	int (*run)(int argc, char **argv, struct iz_globals *g);
};

/* Exit statuses besides those of struct iz_error codes. */
#define IZ_EXIT_PARTIAL 3

/* Option ids of the global options, shared by every command. */
enum {
	OPT_DB = 1000,
	OPT_FORMAT,
	OPT_CATALOG,
	OPT_QUIET,
	OPT_HELP,
	OPT_FIRST_LOCAL = 1100,
};

#define IZ_GLOBAL_OPTIONS                                                    \
	{ "db", required_argument, NULL, OPT_DB },                           \
		{ "format", required_argument, NULL, OPT_FORMAT },           \
		{ "catalog", required_argument, NULL, OPT_CATALOG },         \
		{ "quiet", no_argument, NULL, OPT_QUIET },                   \
		{ "help", no_argument, NULL, OPT_HELP }

/*
 * getopt_long over argv with longopts (which include IZ_GLOBAL_OPTIONS).
 * Global options are applied to g; local ones go to on_local(id, optarg,
 * ctx), which returns 0 or a usage-error exit status. Returns
 * IZ_CLI_CONTINUE and sets *first_arg to the index of the first operand, or
 * returns the exit status to leave with (0 after --help).
 */
#define IZ_CLI_CONTINUE (-1)
int iz_cli_parse(int *first_arg, int argc, char **argv,
		 const struct iz_command *cmd, const struct option *longopts,
		 struct iz_globals *g,
		 int (*on_local)(int id, const char *arg, void *ctx),
		 void *ctx);

/* Print "inzicht: <cmd>: <problem>", the usage and a hint; returns 2. */
int iz_cli_usage(const struct iz_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print "inzicht: <cmd>: <err->msg>"; returns the exit status of err. */
int iz_cli_fail(const struct iz_command *cmd, const struct iz_error *err);
/* Print the help text of cmd on stdout. */
void iz_cli_help(const struct iz_command *cmd);

/* Render t to stdout in g->format; notes go to stderr unless quiet (and
 * into the JSON). Returns 0 or the exit status. */
int iz_cli_print(const struct iz_command *cmd, const struct iz_table *t,
		 const struct iz_globals *g);

struct iz_store;

/* Builds a result table from the store; opts is the command's own. */
typedef int (*iz_cli_table_fn)(struct iz_table **out, struct iz_store *st,
			       const void *opts, struct iz_error *err);

/* Open the store read-only, build the table with fn and print it; the exit
 * status. */
int iz_cli_store_table(const struct iz_command *cmd,
		       const struct iz_globals *g, iz_cli_table_fn fn,
		       const void *opts);

/* Messages on stderr, suppressed by --quiet. */
void iz_cli_say(const struct iz_globals *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Resolve the defaults of g (datadir, catalog) after parsing. */
void iz_cli_finish_globals(struct iz_globals *g);

/* Parse a count from 1 to 1000 for option opt of cmd (cmd_peers.c):
 * 0, or the usage-error exit status. */
int iz_cmd_parse_count(size_t *out, const char *arg,
		       const struct iz_command *cmd, const char *opt);

extern const struct iz_command iz_cmd_correlate;
extern const struct iz_command iz_cmd_datasets;
extern const struct iz_command iz_cmd_export;
extern const struct iz_command iz_cmd_fetch;
extern const struct iz_command iz_cmd_import;
extern const struct iz_command iz_cmd_peers;
extern const struct iz_command iz_cmd_query;
extern const struct iz_command iz_cmd_report;
extern const struct iz_command iz_cmd_risk;
extern const struct iz_command iz_cmd_signals;
extern const struct iz_command iz_cmd_stacking;
extern const struct iz_command iz_cmd_status;
extern const struct iz_command iz_cmd_uptake;
extern const struct iz_command iz_cmd_wijken;

#endif
