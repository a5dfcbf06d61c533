/*
 * inzicht query: run a named SQL analysis (queries/NAME.sql) or a file on a
 * read-only store, with values bound as named parameters and never pasted
 * into the SQL. Each query file opens with a header comment:
 *
 *   -- <name>: <one-line summary>
 *   -- <more description lines>
 *   -- param <name>: <what it is>
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inzicht/store.h"

enum { OPT_PARAM = OPT_FIRST_LOCAL, OPT_LIST };

#define MAX_PARAMS 32

struct query_opts {
	const char *names[MAX_PARAMS];
	const char *values[MAX_PARAMS];
	char *buf[MAX_PARAMS];
	size_t n;
	bool list;
};

static int on_local(int id, const char *arg, void *ctx)
{
	struct query_opts *o = ctx;
	char *eq;

	if (id == OPT_LIST) {
		o->list = true;
		return 0;
	}
	if (id != OPT_PARAM)
		return 2;
	if (o->n == MAX_PARAMS)
		return iz_cli_usage(&iz_cmd_query, "too many --param");
	eq = strchr(arg, '=');
	if (!eq || eq == arg)
		return iz_cli_usage(&iz_cmd_query,
				    "--param expects name=value, not '%s'",
				    arg);
	o->buf[o->n] = iz_xstrndup(arg, (size_t)(eq - arg));
	o->names[o->n] = o->buf[o->n];
	o->values[o->n] = eq + 1;
	o->n++;
	return 0;
}

static char *read_text(const char *path, struct iz_error *err)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0, len = 0, n;

	if (!f) {
		iz_fail(err, IZ_EINPUT, "cannot read query '%s': %s", path,
			strerror(errno));
		return NULL;
	}
	do {
		if (cap - len < 4096)
			buf = iz_xrealloc(buf, cap = cap ? 2 * cap : 8192);
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0 && len < (1u << 20));
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '_' && *s != '-')
			return false;
	return true;
}

static char *query_path(const struct iz_globals *g, const char *arg)
{
	size_t n = strlen(arg);

	if (strchr(arg, '/') || (n > 4 && strcmp(arg + n - 4, ".sql") == 0))
		return iz_xstrdup(arg);
	if (!valid_name(arg))
		return NULL;
	return iz_xasprintf("%s/queries/%s.sql", g->datadir, arg);
}

/* The summary: the first header line's text after "-- <name>:". */
static void header_summary(char *out, size_t n, const char *sql)
{
	const char *p = sql, *colon, *nl;

	out[0] = '\0';
	if (strncmp(p, "-- ", 3) != 0)
		return;
	nl = strchr(p, '\n');
	colon = strchr(p, ':');
	if (!colon || (nl && colon > nl))
		return;
	colon++;
	while (*colon == ' ')
		colon++;
	snprintf(out, n, "%.*s", (int)(nl ? nl - colon : (long)strlen(colon)),
		 colon);
}

/* The "-- param" lines of the header, joined with "; ". */
static void header_params(char *out, size_t n, const char *sql)
{
	const char *p = sql, *nl;
	size_t len = 0;

	out[0] = '\0';
	while (p && strncmp(p, "--", 2) == 0) {
		nl = strchr(p, '\n');
		if (strncmp(p, "-- param ", 9) == 0 && len < n)
			len += (size_t)snprintf(
				out + len, n - len, "%s%.*s", len ? "; " : "",
				(int)(nl ? nl - p - 9 : (long)strlen(p + 9)),
				p + 9);
		p = nl ? nl + 1 : NULL;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_row(struct iz_table *t, const char *dir, const char *file)
{
	char *path = iz_xasprintf("%s/%s", dir, file);
	char *sql = read_text(path, NULL);
	char summary[512], params[1024];
	size_t row = iz_table_add_row(t);

	char *name = iz_xstrndup(file, strlen(file) - 4);

	iz_table_set_text(t, row, 0, name);
	free(name);
	header_summary(summary, sizeof(summary), sql ? sql : "");
	header_params(params, sizeof(params), sql ? sql : "");
	iz_table_set_text(t, row, 1, summary);
	iz_table_set_text(t, row, 2, params);
	free(sql);
	free(path);
}

static int list(const struct iz_globals *g)
{
	char *dir = iz_xasprintf("%s/queries", g->datadir);
	DIR *d = opendir(dir);
	struct dirent *e;
	char **files = NULL;
	size_t n = 0, i, len;
	struct iz_table *t;
	int rc;

	if (!d) {
		fprintf(stderr, "inzicht: query: cannot open '%s': %s\n", dir,
			strerror(errno));
		free(dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".sql") == 0) {
			files = iz_xrealloc(files, (n + 1) * sizeof(*files));
			files[n++] = iz_xstrdup(e->d_name);
		}
	}
	closedir(d);
	qsort(files, n, sizeof(*files), cmp_str);
	t = iz_table_new();
	iz_table_add_column(t, "name", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "summary", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "params", IZ_COL_TEXT, -1);
	for (i = 0; i < n; i++) {
		list_row(t, dir, files[i]);
		free(files[i]);
	}
	rc = iz_cli_print(&iz_cmd_query, t, g);
	iz_table_free(t);
	free(files);
	free(dir);
	return rc;
}

static int run_query(const struct iz_globals *g, const char *arg,
		     struct query_opts *o)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_store *st = NULL;
	struct iz_table *t = NULL;
	char *path = query_path(g, arg), *sql = NULL;
	int rc = 0;

	if (!path)
		return iz_cli_usage(&iz_cmd_query,
				    "bad query name '%s' (see 'inzicht query "
				    "--list')",
				    arg);
	sql = read_text(path, &err);
	if (sql && iz_store_open(&st, g->db_path, IZ_STORE_READONLY, &err) == 0 &&
	    iz_store_query(&t, st, sql, o->names, o->values, o->n, &err) == 0)
		rc = iz_cli_print(&iz_cmd_query, t, g);
	if (err.code != IZ_OK) {
		iz_error_prefix(&err, "%s", path);
		rc = iz_cli_fail(&iz_cmd_query, &err);
	}
	iz_table_free(t);
	iz_store_close(st);
	free(sql);
	free(path);
	return rc;
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		{ "param", required_argument, NULL, OPT_PARAM },
		{ "list", no_argument, NULL, OPT_LIST },
		{ NULL, 0, NULL, 0 }
	};
	struct query_opts o = { .n = 0 };
	int first, rc;
	size_t i;

	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_query, longopts, g,
			  on_local, &o);
	if (rc == IZ_CLI_CONTINUE) {
		if (o.list)
			rc = first < argc ? iz_cli_usage(&iz_cmd_query,
							 "--list takes no "
							 "query") :
					    list(g);
		else if (first + 1 != argc)
			rc = iz_cli_usage(&iz_cmd_query,
					  first < argc ? "one query at a time" :
							 "which query?");
		else
			rc = run_query(g, argv[first], &o);
	}
	for (i = 0; i < o.n; i++)
		free(o.buf[i]);
	return rc;
}

const struct iz_command iz_cmd_query = {
	.name = "query",
	.summary = "run a named SQL analysis on the store (read-only)",
	.usage = "inzicht query (<name>|<file.sql>) [--param <name>=<value>]..."
		 "\n       inzicht query --list\n"
		 "  --param name=value  bind :name in the query (repeatable)\n"
		 "  --list              show the shipped queries and their "
		 "parameters",
	.run = run,
};
