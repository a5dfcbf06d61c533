/*
 * Options and loading shared by the records analysis commands.
 */
#include "cli_records.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/schemes.h"
#include "inzicht/store.h"

static int number(double *out, const char *arg, double lo, double hi)
{
	char *end;

	errno = 0;
	*out = strtod(arg, &end);
	return errno || end == arg || *end || !isfinite(*out) || *out < lo ||
			       *out > hi ?
		       -1 :
		       0;
}

int iz_cli_records_option(struct records_args *r, int id, const char *arg)
{
	double v;

	switch (id) {
	case OPT_PERIOD:
		if (number(&v, arg, 1900, 2200) < 0 || v != floor(v))
			return iz_cli_usage(r->cmd, "--period expects a year");
		r->period = (int)v;
		return 0;
	case OPT_BY:
		r->by_given = true;
		if (iz_analysis_parse_by(&r->a.by, arg) < 0)
			return iz_cli_usage(r->cmd, "unknown --by '%s'", arg);
		return 0;
	case OPT_MIN_CELL:
	case OPT_MIN_DENOMINATOR:
		if (number(&v, arg, 0, 1e6) < 0 || v != floor(v))
			return iz_cli_usage(r->cmd,
					    "expected a whole number, not '%s'",
					    arg);
		*(id == OPT_MIN_CELL ? &r->a.min_cell :
				       &r->a.min_denominator) = (long)v;
		return 0;
	case OPT_SCHEMES_FILE:
		r->schemes = arg;
		return 0;
	case OPT_THRESHOLD:
		if (number(&r->threshold, arg, 1, 1000) < 0)
			return iz_cli_usage(r->cmd,
					    "--threshold expects a percentage "
					    "of the social minimum");
		return 0;
	default:
		return -1;
	}
}

int iz_cli_records_load(struct iz_population *pop, const struct records_args *r,
			const struct iz_globals *g)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_store *st = NULL;
	struct iz_schemes s = { 0 };
	int rc = IZ_CLI_CONTINUE;

	if ((r->schemes && iz_schemes_load(&s, r->schemes, &err) < 0) ||
	    iz_store_open(&st, g->db_path, IZ_STORE_READONLY, &err) < 0 ||
	    iz_population_load(pop, st, r->schemes ? &s : NULL, r->period,
			       r->threshold, &err) < 0)
		rc = iz_cli_fail(r->cmd, &err);
	iz_schemes_release(&s);
	iz_store_close(st);
	return rc;
}

int iz_cli_records_print(const struct records_args *r, struct iz_table *t,
			 const struct iz_globals *g, int rc,
			 const struct iz_error *err)
{
	if (rc < 0)
		rc = iz_cli_fail(r->cmd, err);
	else
		rc = iz_cli_print(r->cmd, t, g);
	iz_table_free(t);
	return rc;
}
