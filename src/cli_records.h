/*
 * The options every records analysis command shares (stacking, uptake,
 * signals): period, grouping, disclosure thresholds, schemes file.
 */
#ifndef INZICHT_CLI_RECORDS_H
#define INZICHT_CLI_RECORDS_H

#include "cli.h"
#include "inzicht/analysis.h"
#include "inzicht/population.h"

enum {
	OPT_PERIOD = OPT_FIRST_LOCAL + 50,
	OPT_BY,
	OPT_MIN_CELL,
	OPT_MIN_DENOMINATOR,
	OPT_SCHEMES_FILE,
	OPT_THRESHOLD,
};

#define IZ_RECORDS_OPTIONS                                                   \
	{ "period", required_argument, NULL, OPT_PERIOD },                   \
		{ "by", required_argument, NULL, OPT_BY },                   \
		{ "min-cell", required_argument, NULL, OPT_MIN_CELL },       \
		{ "min-denominator", required_argument, NULL,                \
		  OPT_MIN_DENOMINATOR },                                     \
		{ "schemes", required_argument, NULL, OPT_SCHEMES_FILE }

#define IZ_RECORDS_USAGE                                                     \
	"  --period <year>       the period (default: the latest imported)\n" \
	"  --min-cell <n>        suppress counts below n (default 10; 0 "     \
	"disables: do not publish)\n"                                       \
	"  --min-denominator <n> suppress percentages of fewer households "   \
	"(default 50)\n"                                                    \
	"  --schemes <file>      scheme definitions (default: those of the "  \
	"last import)"

struct records_args {
	const struct iz_command *cmd;
	struct iz_analysis_opts a;
	int period;
	double threshold;
	const char *schemes;
	bool by_given;
};

/* Handle a shared option; 0, or a usage exit status, or -1 when id is not
 * one of them. */
int iz_cli_records_option(struct records_args *r, int id, const char *arg);

/* Open the store read-only and load the population; the exit status on
 * failure, else IZ_CLI_CONTINUE. */
int iz_cli_records_load(struct iz_population *pop, const struct records_args *r,
			const struct iz_globals *g);

/* Print the table (with its notes) or the error; frees the table. */
int iz_cli_records_print(const struct records_args *r, struct iz_table *t,
			 const struct iz_globals *g, int rc,
			 const struct iz_error *err);

#endif
