/*
 * Shared command-line plumbing: option parsing with the global options,
 * usage and failure messages, output of result tables.
 */
#include "cli.h"

#include "inzicht/store.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void iz_cli_help(const struct iz_command *cmd)
{
	printf("inzicht %s: %s\n\nusage: %s\n", cmd->name, cmd->summary,
	       cmd->usage);
	printf("\nglobal options:\n"
	       "  --db <path>         the store (default $INZICHT_DB, else "
	       "./inzicht.db)\n"
	       "  --catalog <dir>     dataset catalog (default "
	       "$INZICHT_CATALOG, else the\n"
	       "                      datasets/ installed with inzicht)\n"
	       "  --format (table|csv|json)  how rows are printed "
	       "(default table)\n"
	       "  --quiet             only errors on stderr\n"
	       "  --help              this text\n");
}

int iz_cli_usage(const struct iz_command *cmd, const char *fmt, ...)
{
	va_list ap;
	const char *nl = strchr(cmd->usage, '\n');

	fprintf(stderr, "inzicht: %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %.*s\ntry 'inzicht %s --help'\n",
		nl ? (int)(nl - cmd->usage) : (int)strlen(cmd->usage),
		cmd->usage, cmd->name);
	return 2;
}

int iz_cli_fail(const struct iz_command *cmd, const struct iz_error *err)
{
	fprintf(stderr, "inzicht: %s: %s\n", cmd->name, err->msg);
	return iz_error_status(err->code);
}

void iz_cli_say(const struct iz_globals *g, const char *fmt, ...)
{
	va_list ap;

	if (g->quiet)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static int global_option(int c, const char *arg, struct iz_globals *g,
			 const struct iz_command *cmd)
{
	struct iz_error err = IZ_ERROR_INIT;

	switch (c) {
	case OPT_DB:
		g->db_path = arg;
		return 0;
	case OPT_CATALOG:
		g->catalog_dir = arg;
		return 0;
	case OPT_QUIET:
		g->quiet = true;
		return 0;
	case OPT_FORMAT:
		if (iz_output_parse_format(&g->format, arg, &err) < 0)
			return iz_cli_usage(cmd, "%s", err.msg);
		return 0;
	default:
		return -1;
	}
}

int iz_cli_parse(int *first_arg, int argc, char **argv,
		 const struct iz_command *cmd, const struct option *longopts,
		 struct iz_globals *g,
		 int (*on_local)(int id, const char *arg, void *ctx),
		 void *ctx)
{
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == OPT_HELP) {
			iz_cli_help(cmd);
			return 0;
		}
		if (c == '?' || c == ':')
			return iz_cli_usage(cmd, "unknown or incomplete option "
					    "'%s'",
					    argv[optind - 1]);
		rc = global_option(c, optarg, g, cmd);
		if (rc < 0)
			rc = on_local ? on_local(c, optarg, ctx) : 2;
		if (rc != 0)
			return rc;
	}
	*first_arg = optind;
	iz_cli_finish_globals(g);
	return IZ_CLI_CONTINUE;
}

int iz_cli_print(const struct iz_command *cmd, const struct iz_table *t,
		 const struct iz_globals *g)
{
	struct iz_error err = IZ_ERROR_INIT;
	size_t i;

	if (iz_output_write(stdout, t, g->format, &err) < 0)
		return iz_cli_fail(cmd, &err);
	/* Notes go to stderr; a warning even with --quiet. */
	for (i = 0; g->format != IZ_FORMAT_JSON && i < iz_table_nnotes(t); i++) {
		const char *note = iz_table_note(t, i);

		if (strncmp(note, "warning:", 8) == 0)
			fprintf(stderr, "%s\n", note);
		else
			iz_cli_say(g, "%s\n", note);
	}
	return 0;
}

int iz_cli_store_table(const struct iz_command *cmd,
		       const struct iz_globals *g, iz_cli_table_fn fn,
		       const void *opts)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_store *st = NULL;
	struct iz_table *t = NULL;
	int rc = 0;

	if (iz_store_open(&st, g->db_path, IZ_STORE_READONLY, &err) == 0 &&
	    fn(&t, st, opts, &err) == 0)
		rc = iz_cli_print(cmd, t, g);
	if (err.code != IZ_OK)
		rc = iz_cli_fail(cmd, &err);
	iz_table_free(t);
	iz_store_close(st);
	return rc;
}

static bool is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* A directory with both datasets/ and queries/ in it. */
static bool is_datadir(const char *dir)
{
	char *a = iz_xasprintf("%s/datasets", dir);
	char *b = iz_xasprintf("%s/queries", dir);
	bool yes = is_dir(a) && is_dir(b);

	free(a);
	free(b);
	return yes;
}

/* The directory holding datasets/ and queries/: $INZICHT_HOME, the source
 * tree the program was built in (bin/.., build/san/bin/../..), the installed
 * share/inzicht beside bin/, or the compiled-in one. */
static char *find_datadir(void)
{
	static const char *const ups[] = { "/..", "/../..", "/../../..",
					   "/../share/inzicht" };
	char exe[4096], *slash, *cand;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *env = getenv("INZICHT_HOME");
	size_t i;

	if (env && *env)
		return iz_xstrdup(env);
	if (n <= 0)
		return iz_xstrdup(IZ_DATADIR);
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	for (i = 0; i < sizeof(ups) / sizeof(ups[0]); i++) {
		cand = iz_xasprintf("%s%s", exe, ups[i]);
		if (is_datadir(cand))
			return cand;
		free(cand);
	}
	return iz_xstrdup(IZ_DATADIR);
}

void iz_cli_finish_globals(struct iz_globals *g)
{
	static char catalog[4096];

	if (!g->datadir)
		g->datadir = find_datadir();
	if (!g->catalog_dir) {
		snprintf(catalog, sizeof(catalog), "%s/datasets", g->datadir);
		g->catalog_dir = catalog;
	}
}
