/*
 * inzicht report: the Dutch (or English) HTML report for one gemeente and
 * its provenance manifest. Both files are written to a temporary file
 * beside the target and renamed into place, so a failed run never leaves
 * half a report where the last good one was.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_records.h"
#include "inzicht/report.h"
#include "inzicht/store.h"

enum {
	OPT_REGION = OPT_FIRST_LOCAL,
	OPT_OUTPUT,
	OPT_MANIFEST,
	OPT_LANG,
	OPT_PEERS,
};

struct report_args {
	struct records_args r;
	struct iz_report_opts o;
	const char *output;
	const char *manifest;
};

static int on_local(int id, const char *arg, void *ctx)
{
	struct report_args *a = ctx;
	int rc = iz_cli_records_option(&a->r, id, arg);

	if (rc >= 0)
		return rc;
	switch (id) {
	case OPT_REGION:
		a->o.region = arg;
		return 0;
	case OPT_OUTPUT:
		a->output = arg;
		return 0;
	case OPT_MANIFEST:
		a->manifest = arg;
		return 0;
	case OPT_LANG:
		if (iz_lang_parse(&a->o.lang, arg) < 0)
			return iz_cli_usage(&iz_cmd_report,
					    "--lang expects nl or en, not '%s'",
					    arg);
		return 0;
	case OPT_PEERS:
		return iz_cmd_parse_count(&a->o.peers, arg, &iz_cmd_report,
					  "--peers");
	default:
		return 2;
	}
}

/* rapport.html -> rapport.manifest.json (new string). */
static char *manifest_beside(const char *html)
{
	size_t n = strlen(html);

	if (n > 5 && strcmp(html + n - 5, ".html") == 0)
		n -= 5;
	return iz_xasprintf("%.*s.manifest.json", (int)n, html);
}

/* A temporary file beside path, for writing and renaming into place. */
static FILE *open_temp(char **tmp, const char *path, struct iz_error *err)
{
	int fd;
	FILE *f;

	/* mkstemp's template: the path, a dot and six X it replaces */
	*tmp = iz_xasprintf("%s.......", path);
	memset(*tmp + strlen(*tmp) - 6, 'X', 6);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		iz_fail(err, IZ_EINPUT, "cannot write %s: %s", path,
			strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	fchmod(fd, 0644);
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(*tmp);
	}
	return f;
}

static int finish(FILE *f, char *tmp, const char *path, bool keep,
		  struct iz_error *err)
{
	int rc = 0;

	if (!f)
		return 0;
	if (fclose(f) != 0 && keep)
		rc = iz_fail(err, IZ_EINPUT, "writing %s failed: %s",
			     path, strerror(errno));
	if (keep && rc == 0 && rename(tmp, path) != 0)
		rc = iz_fail(err, IZ_EINPUT, "cannot rename to %s: %s",
			     path, strerror(errno));
	if (!keep || rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

static long long source_date(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno || *end || v < 0 ? -1 : v;
}

static int write_report(struct report_args *a, const struct iz_globals *g)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_store *st = NULL;
	char *mpath = a->manifest ? iz_xstrdup(a->manifest) :
				    manifest_beside(a->output);
	char *htmp = NULL, *mtmp = NULL;
	FILE *html = NULL, *man = NULL;
	int rc = -1;

	a->o.store_label = g->db_path;
	if (iz_store_open(&st, g->db_path, IZ_STORE_READONLY, &err) == 0 &&
	    (html = open_temp(&htmp, a->output, &err)) != NULL &&
	    (man = open_temp(&mtmp, mpath, &err)) != NULL)
		rc = iz_report_write(html, man, st, &a->o, &err);
	if (finish(html, htmp, a->output, rc == 0, &err) < 0 ||
	    finish(man, mtmp, mpath, rc == 0, &err) < 0)
		rc = -1;
	iz_store_close(st);
	if (rc == 0) {
		struct stat sb;

		stat(a->output, &sb);
		printf("%s (%lld kB)\n%s\n", a->output,
		       (long long)(sb.st_size + 1023) / 1024, mpath);
	}
	free(mpath);
	return rc == 0 ? 0 : iz_cli_fail(&iz_cmd_report, &err);
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		{ "region", required_argument, NULL, OPT_REGION },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "manifest", required_argument, NULL, OPT_MANIFEST },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "peers", required_argument, NULL, OPT_PEERS },
		{ "period", required_argument, NULL, OPT_PERIOD },
		{ "min-cell", required_argument, NULL, OPT_MIN_CELL },
		{ "min-denominator", required_argument, NULL,
		  OPT_MIN_DENOMINATOR },
		{ NULL, 0, NULL, 0 }
	};
	struct report_args a = { .r = { .cmd = &iz_cmd_report,
					.a = IZ_ANALYSIS_OPTS_INIT },
				 .o = IZ_REPORT_OPTS_INIT,
				 .output = "rapport.html" };
	static char long_output[] = "--output";
	int first, rc, i;

	/* the one short option of inzicht, as the issue spells it */
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "-o") == 0)
			argv[i] = long_output;
	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_report, longopts, g,
			  on_local, &a);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	if (first < argc)
		return iz_cli_usage(&iz_cmd_report, "unexpected '%s'",
				    argv[first]);
	if (!a.o.region)
		return iz_cli_usage(&iz_cmd_report,
				    "which gemeente? (--region GM0363)");
	a.o.period = a.r.period;
	a.o.min_cell = a.r.a.min_cell;
	a.o.min_denominator = a.r.a.min_denominator;
	a.o.generated_at = source_date();
	if (a.o.min_cell == 0)
		iz_cli_say(g, "inzicht: report: --min-cell 0 disables "
			      "disclosure control: do not publish this "
			      "report\n");
	return write_report(&a, g);
}

const struct iz_command iz_cmd_report = {
	.name = "report",
	.summary = "the HTML report for the policy conversation",
	.usage = "inzicht report --region <gemeente> [-o <file>] "
		 "[--lang (nl|en)] [--manifest <file>]\n"
		 "         [--peers <k>] [--period <year>] [--min-cell <n>] "
		 "[--min-denominator <n>]\n"
		 "  --region <code>       the gemeente (GM0363)\n"
		 "  --output, -o <file>   the HTML file (default rapport.html)\n"
		 "  --lang (nl|en)        language (default nl)\n"
		 "  --manifest <file>     provenance manifest (default beside "
		 "the HTML: <name>.manifest.json)\n"
		 "  --peers <k>           k comparable gemeenten (default 10)\n"
		 "  --period <year>       records period (default: the latest "
		 "imported)\n"
		 "  --min-cell <n>        suppress record counts below n "
		 "(default 10)\n"
		 "  --min-denominator <n> suppress percentages of fewer "
		 "households (default 50)\n"
		 "  $SOURCE_DATE_EPOCH    fixes the report's date "
		 "(reproducible output)",
	.run = run,
};
