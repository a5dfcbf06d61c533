/*
 * inzicht import: load a municipal export (households, participation or
 * signals) into the store, pseudonymising identifiers on the way in.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inzicht/records.h"
#include "inzicht/schemes.h"
#include "inzicht/store.h"

enum {
	OPT_MAP = OPT_FIRST_LOCAL,
	OPT_MAP_FILE,
	OPT_ID_KIND,
	OPT_KEY,
	OPT_REJECT,
	OPT_PERIOD,
	OPT_SCHEMES,
};

#define MAX_MAP 64

struct import_opts {
	char *map[MAX_MAP];
	size_t nmap;
	const char *map_file, *key, *reject, *schemes;
	bool bsn;
	int period;
};

static int add_map(struct import_opts *o, const char *m)
{
	if (!strchr(m, '=') || *m == '=')
		return iz_cli_usage(&iz_cmd_import,
				    "--map expects field=Column");
	if (o->nmap == MAX_MAP)
		return iz_cli_usage(&iz_cmd_import, "too many --map");
	o->map[o->nmap++] = iz_xstrdup(m);
	return 0;
}

static int parse_period(struct import_opts *o, const char *arg)
{
	char *end;
	long y;

	errno = 0;
	y = strtol(arg, &end, 10);
	if (errno || *end || y < 1900 || y > 2200)
		return iz_cli_usage(&iz_cmd_import,
				    "--period expects a year, e.g. 2025");
	o->period = (int)y;
	return 0;
}

static int on_local(int id, const char *arg, void *ctx)
{
	struct import_opts *o = ctx;

	switch (id) {
	case OPT_MAP:
		return add_map(o, arg);
	case OPT_MAP_FILE:
		o->map_file = arg;
		return 0;
	case OPT_ID_KIND:
		if (strcmp(arg, "bsn") != 0 && strcmp(arg, "client") != 0)
			return iz_cli_usage(&iz_cmd_import,
					    "--id-kind expects bsn or client");
		o->bsn = strcmp(arg, "bsn") == 0;
		return 0;
	case OPT_KEY:
		o->key = arg;
		return 0;
	case OPT_REJECT:
		o->reject = arg;
		return 0;
	case OPT_PERIOD:
		return parse_period(o, arg);
	case OPT_SCHEMES:
		o->schemes = arg;
		return 0;
	default:
		return 2;
	}
}

/* Lines "field=Column" or "kind.field=Column"; '#' starts a comment. */
static int read_map_file(struct import_opts *o, struct iz_error *err)
{
	FILE *f = fopen(o->map_file, "r");
	char *line = NULL;
	size_t cap = 0, n = 0;
	ssize_t len;
	int rc = 0;

	if (!f)
		return iz_fail(err, IZ_EINPUT, "cannot read '%s': %s",
			       o->map_file, strerror(errno));
	while (rc == 0 && (len = getline(&line, &cap, f)) > 0) {
		n++;
		while (len > 0 && (line[len - 1] == '\n' ||
				   line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!strchr(line, '=') || o->nmap == MAX_MAP)
			rc = iz_fail(err, IZ_EINPUT,
				     "%s:%zu: expected field=Column",
				     o->map_file, n);
		else
			o->map[o->nmap++] = iz_xstrdup(line);
	}
	free(line);
	fclose(f);
	return rc;
}

/* Every mapped field must be a field of this kind (or of another kind,
 * when prefixed with it, as in a shared map file). */
static int check_map(const struct import_opts *o, enum iz_record_kind kind,
		     struct iz_error *err)
{
	const char *const *fields = iz_records_fields(kind, NULL);
	enum iz_record_kind other;
	size_t i, j, len;
	const char *m, *dot;

	for (i = 0; i < o->nmap; i++) {
		m = o->map[i];
		dot = strchr(m, '.');
		len = strcspn(m, "=");
		if (dot && (size_t)(dot - m) < len) {
			char k[32];

			snprintf(k, sizeof(k), "%.*s", (int)(dot - m), m);
			if (iz_records_kind_parse(&other, k) < 0)
				return iz_fail(err, IZ_EUSAGE,
					       "map '%.*s': unknown kind '%s'",
					       (int)len, m, k);
			if (other != kind)
				continue;
			len -= (size_t)(dot - m) + 1;
			m = dot + 1;
		}
		for (j = 0; fields[j]; j++)
			if (strlen(fields[j]) == len &&
			    strncmp(fields[j], m, len) == 0)
				break;
		if (!fields[j])
			return iz_fail(err, IZ_EUSAGE,
				       "map '%.*s': '%s' has no such field",
				       (int)len, m, iz_records_kind_name(kind));
	}
	return 0;
}

static char *default_key(const char *db)
{
	return iz_xasprintf("%s.key", db);
}

struct ctx {
	struct iz_store *st;
	struct iz_schemes schemes;
	struct iz_records_key key;
};

static int prepare(struct ctx *c, struct import_opts *o,
		   enum iz_record_kind kind, const struct iz_globals *g,
		   struct iz_error *err)
{
	char *key = o->key ? iz_xstrdup(o->key) : default_key(g->db_path);
	char *schemes = o->schemes ? iz_xstrdup(o->schemes) :
				     iz_xasprintf("%s/datasets/schemes.json",
						  g->datadir);
	int rc = 0;

	if ((o->map_file && read_map_file(o, err) < 0) ||
	    check_map(o, kind, err) < 0 ||
	    iz_schemes_load(&c->schemes, schemes, err) < 0 ||
	    iz_store_open(&c->st, g->db_path, IZ_STORE_READWRITE, err) < 0 ||
	    iz_records_key_load(&c->key, key, true, err) < 0)
		rc = -1;
	free(key);
	free(schemes);
	return rc;
}

static void summary(const struct iz_globals *g, const char *path,
		    const struct iz_import_result *r)
{
	iz_cli_say(g,
		   "%s: %lld rows imported, %lld rejected (delimiter '%s'%s)"
		   "\n",
		   path, (long long)r->rows, (long long)r->rejected,
		   r->delimiter == '\t' ? "tab" :
		   r->delimiter == ';'	? ";" :
					  ",",
		   r->cp1252 ? ", Windows-1252 converted to UTF-8" : "");
}

static int do_import(struct import_opts *o, enum iz_record_kind kind,
		     const char *path, const struct iz_globals *g)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct ctx c = { 0 };
	struct iz_import_options io = { 0 };
	struct iz_import_result res;
	int rc = 0;

	if (prepare(&c, o, kind, g, &err) == 0) {
		io.kind = kind;
		io.path = path;
		io.map = (const char *const *)o->map;
		io.nmap = o->nmap;
		io.id_is_bsn = o->bsn;
		io.reject_path = o->reject;
		io.period = o->period;
		io.schemes = &c.schemes;
		io.key = &c.key;
		if (iz_records_import(&res, c.st, &io, &err) == 0) {
			summary(g, path, &res);
			rc = res.rejected ? IZ_EXIT_PARTIAL : 0;
		}
	}
	if (err.code != IZ_OK)
		rc = iz_cli_fail(&iz_cmd_import, &err);
	iz_records_key_wipe(&c.key);
	iz_schemes_release(&c.schemes);
	iz_store_close(c.st);
	return rc;
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		{ "map", required_argument, NULL, OPT_MAP },
		{ "map-file", required_argument, NULL, OPT_MAP_FILE },
		{ "id-kind", required_argument, NULL, OPT_ID_KIND },
		{ "key", required_argument, NULL, OPT_KEY },
		{ "reject", required_argument, NULL, OPT_REJECT },
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "schemes", required_argument, NULL, OPT_SCHEMES },
		{ NULL, 0, NULL, 0 }
	};
	struct import_opts o = { .nmap = 0 };
	enum iz_record_kind kind;
	int first, rc;
	size_t i;

	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_import, longopts, g,
			  on_local, &o);
	if (rc == IZ_CLI_CONTINUE) {
		if (argc - first != 2)
			rc = iz_cli_usage(&iz_cmd_import,
					  "expected a kind and a file");
		else if (iz_records_kind_parse(&kind, argv[first]) < 0)
			rc = iz_cli_usage(&iz_cmd_import,
					  "unknown kind '%s' (expected "
					  "households, participation or "
					  "signals)",
					  argv[first]);
		else
			rc = do_import(&o, kind, argv[first + 1], g);
	}
	for (i = 0; i < o.nmap; i++)
		free(o.map[i]);
	return rc;
}

const struct iz_command iz_cmd_import = {
	.name = "import",
	.summary = "import municipal records (households, participation, "
		   "signals)",
	.usage = "inzicht import (households|participation|signals) <file> "
		 "[--map <field>=<column>]...\n"
		 "         [--map-file <file>] [--id-kind (bsn|client)] "
		 "[--key <file>] [--reject <file>]\n"
		 "         [--period <year>] [--schemes <file>]\n"
		 "  --map field=Column  read a canonical field from this column "
		 "(repeatable)\n"
		 "  --map-file <file>   lines field=Column or kind.field=Column\n"
		 "  --id-kind bsn       the id column holds BSNs: elfproef "
		 "checked\n"
		 "  --key <file>        pseudonymisation key (default "
		 "<store>.key, made on first use)\n"
		 "  --reject <file>     import the good rows, write the bad "
		 "ones here with a reason\n"
		 "  --period <year>     households: the period when the file "
		 "has no period column\n"
		 "  --schemes <file>    scheme definitions (default "
		 "datasets/schemes.json)\n"
		 "exit status: 0 imported, 1 nothing imported (store "
		 "unchanged), 2 usage,\n"
		 "             3 imported with rejected rows",
	.run = run,
};
