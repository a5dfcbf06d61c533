/*
 * inzicht fetch: refresh the open-data indicators of the catalog. One catalog
 * listing request per host and run decides what changed; each dataset is
 * replaced in one transaction, so a failure leaves it exactly as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "inzicht/catalog.h"
#include "inzicht/cbs.h"
#include "inzicht/http.h"
#include "inzicht/lock.h"
#include "inzicht/sources.h"
#include "inzicht/store.h"
#include "inzicht/strmap.h"

enum { OPT_FORCE = OPT_FIRST_LOCAL, OPT_MIRROR, OPT_RECORD, OPT_REPLAY };

struct fetch_opts {
	bool force;
	struct iz_http_options http;
};

struct run {
	const struct iz_globals *g;
	struct iz_store *st;
	struct iz_http *h;
	struct iz_strmap *listings; /* listing URL -> struct listing */
	struct fetch_opts *o;
	bool progress;
	const char *current;
};

struct listing {
	bool ok;
	struct iz_cbs_listing l;
	char msg[512];
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int on_local(int id, const char *arg, void *ctx)
{
	struct fetch_opts *o = ctx;

	switch (id) {
	case OPT_FORCE:
		o->force = true;
		break;
	case OPT_MIRROR:
		o->http.mirror = arg;
		break;
	case OPT_RECORD:
		o->http.record_dir = arg;
		break;
	case OPT_REPLAY:
		o->http.replay_dir = arg;
		break;
	default:
		return 2;
	}
	return 0;
}

static void free_listing(void *p)
{
	struct listing *li = p;

	iz_cbs_listing_release(&li->l);
	free(li);
}

static bool is_cbs(const struct iz_dataset *ds)
{
	return ds->source == IZ_SOURCE_CBS_V3 ||
	       ds->source == IZ_SOURCE_CBS_V4;
}

/* The catalog listing for ds's host, fetched once per run. */
static struct listing *listing_for(struct run *r, const struct iz_dataset *ds)
{
	char *url = iz_cbs_listing_url(ds);
	struct listing *li = iz_strmap_get(r->listings, url);
	struct iz_error err = IZ_ERROR_INIT;

	if (!li) {
		li = iz_xcalloc(1, sizeof(*li));
		li->ok = iz_cbs_listing_fetch(&li->l, r->h, ds, &err) == 0;
		if (!li->ok) {
			snprintf(li->msg, sizeof(li->msg), "%s", err.msg);
			iz_cli_say(r->g,
				   "inzicht: fetch: catalog listing failed, "
				   "no change check: %s\n",
				   err.msg);
		}
		iz_strmap_put(r->listings, url, li);
	}
	free(url);
	return li;
}

static void progress(void *ctx, int64_t pages, int64_t obs)
{
	struct run *r = ctx;

	if (r->progress)
		fprintf(stderr, "\r%s: page %lld, %lld observations ",
			r->current, (long long)pages, (long long)obs);
}

static void meta_from(struct iz_dataset_meta *m, const struct iz_dataset *ds,
		      const struct listing *li)
{
	const struct iz_cbs_table_row *row =
		li && li->ok ? iz_cbs_listing_find(&li->l, ds->table) : NULL;

	memset(m, 0, sizeof(*m));
	m->id = ds->id;
	m->source = iz_source_name(ds->source);
	m->catalog = ds->catalog;
	m->table_id = ds->table;
	if (!row)
		return;
	m->title = ds->title ? ds->title : row->title;
	m->reason_delivery = row->reason_delivery;
	m->frequency = row->frequency;
	m->output_status = row->output_status;
	m->newer_edition = iz_cbs_newer_edition(&li->l, ds->table);
}

/* The dataset is unchanged at the source: only refresh its flags. */
static int unchanged(struct run *r, const struct iz_dataset *ds,
		     const struct listing *li, struct iz_error *err)
{
	struct iz_dataset_meta m;

	meta_from(&m, ds, li);
	if (iz_store_begin(r->st, err) < 0)
		return -1;
	if (iz_store_dataset_flags(r->st, &m, err) < 0) {
		iz_store_rollback(r->st);
		return -1;
	}
	return iz_store_commit(r->st, err);
}

static bool is_unchanged(struct run *r, const struct iz_dataset *ds,
			 const struct listing *li)
{
	const struct iz_cbs_table_row *row;
	struct iz_error err = IZ_ERROR_INIT;
	char *stored = NULL;
	bool same;

	if (r->o->force || !li || !li->ok)
		return false;
	row = iz_cbs_listing_find(&li->l, ds->table);
	if (!row || !row->modified ||
	    iz_store_dataset_modified(&stored, r->st, ds->id, &err) < 0)
		return false;
	same = stored && strcmp(stored, row->modified) == 0;
	free(stored);
	return same;
}

/* Load one dataset inside one transaction. */
static int load(int64_t *rows, struct run *r, const struct iz_dataset *ds,
		const struct listing *li, struct iz_error *err)
{
	struct iz_dataset_meta m;
	struct iz_cbs_result res = { 0 };
	int rc;

	meta_from(&m, ds, li);
	if (iz_store_begin(r->st, err) < 0)
		return -1;
	if (is_cbs(ds))
		rc = iz_cbs_fetch(&res, r->h, r->st, ds,
				  li && li->ok ?
					  iz_cbs_listing_find(&li->l,
							      ds->table) :
					  NULL,
				  progress, r, err);
	else
		rc = iz_source_fetch(&res, r->h, r->st, ds, progress, r, err);
	if (rc == 0 && m.title)
		rc = iz_store_dataset_flags(r->st, &m, err);
	if (rc == 0)
		rc = iz_store_dataset_done(r->st, ds->id, res.observations,
					   err);
	if (rc == 0)
		rc = iz_store_commit(r->st, err);
	else
		iz_store_rollback(r->st);
	*rows = res.observations;
	free(res.modified);
	return rc;
}

/* Fetch one dataset and print its summary line; 0 ok, -1 failed. */
static int fetch_one(struct run *r, const struct iz_dataset *ds)
{
	struct iz_error err = IZ_ERROR_INIT, lerr = IZ_ERROR_INIT;
	struct listing *li = is_cbs(ds) ? listing_for(r, ds) : NULL;
	double t0 = now_s(), secs;
	int64_t rows = 0;
	int rc;
	const char *result;

	r->current = ds->id;
	if (is_unchanged(r, ds, li)) {
		rc = unchanged(r, ds, li, &err);
		result = rc == 0 ? "unchanged" : "failed";
	} else {
		rc = load(&rows, r, ds, li, &err);
		result = rc == 0 ? "fetched" : "failed";
	}
	secs = now_s() - t0;
	if (r->progress)
		fprintf(stderr, "\r\033[K");
	iz_store_log_fetch(r->st, ds->id, result, rows, secs,
			   rc == 0 ? NULL : err.msg, &lerr);
	if (rc == 0)
		iz_cli_say(r->g, "%s: %lld rows, %.2f s, %s\n", ds->id,
			   (long long)rows, secs, result);
	else
		fprintf(stderr, "%s: %lld rows, %.2f s, failed: %s\n", ds->id,
			(long long)rows, secs, err.msg);
	return rc;
}

static int select_datasets(const struct iz_dataset ***out, size_t *n,
			   const struct iz_catalog *cat, int argc, char **argv,
			   int first)
{
	size_t i;
	int a;

	*n = 0;
	*out = iz_xcalloc(iz_catalog_count(cat) + (size_t)argc + 1,
			  sizeof(**out));
	if (first >= argc) {
		for (i = 0; i < iz_catalog_count(cat); i++)
			(*out)[(*n)++] = iz_catalog_get(cat, i);
		return 0;
	}
	for (a = first; a < argc; a++) {
		const struct iz_dataset *ds = iz_catalog_find(cat, argv[a]);

		if (!ds)
			return iz_cli_usage(&iz_cmd_fetch,
					    "unknown dataset '%s' (see "
					    "'inzicht datasets')",
					    argv[a]);
		(*out)[(*n)++] = ds;
	}
	return 0;
}

static int fetch_all(struct run *r, const struct iz_dataset **list, size_t n)
{
	size_t i, failed = 0;

	for (i = 0; i < n; i++)
		if (fetch_one(r, list[i]) < 0)
			failed++;
	if (failed == 0)
		return 0;
	return failed == n ? 1 : IZ_EXIT_PARTIAL;
}

static int open_all(struct run *r, struct fetch_opts *o, int *lock_fd,
		    struct iz_error *err)
{
	if (iz_store_open(&r->st, r->g->db_path, IZ_STORE_READWRITE, err) < 0 ||
	    iz_lock_store(lock_fd, r->g->db_path, err) < 0)
		return -1;
	return iz_http_new(&r->h, &o->http, err);
}

static int run(int argc, char **argv, struct iz_globals *g)
{
	static const struct option longopts[] = {
		IZ_GLOBAL_OPTIONS,
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "mirror", required_argument, NULL, OPT_MIRROR },
		{ "record", required_argument, NULL, OPT_RECORD },
		{ "replay", required_argument, NULL, OPT_REPLAY },
		{ NULL, 0, NULL, 0 }
	};
	struct fetch_opts o = { 0 };
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_catalog *cat = NULL;
	const struct iz_dataset **list = NULL;
	struct run r = { .g = g, .o = &o };
	size_t n = 0;
	int first, rc, lock_fd = -1;
	const char *mirror = getenv("INZICHT_MIRROR");

	iz_http_options_init(&o.http);
	o.http.mirror = mirror && *mirror ? mirror : NULL;
	rc = iz_cli_parse(&first, argc, argv, &iz_cmd_fetch, longopts, g,
			  on_local, &o);
	if (rc != IZ_CLI_CONTINUE)
		return rc;
	if (o.http.record_dir && o.http.replay_dir)
		return iz_cli_usage(&iz_cmd_fetch,
				    "--record and --replay exclude each other");
	if (iz_catalog_load(&cat, g->catalog_dir, &err) < 0)
		return iz_cli_fail(&iz_cmd_fetch, &err);
	rc = select_datasets(&list, &n, cat, argc, argv, first);
	r.progress = !g->quiet && isatty(2);
	r.listings = iz_strmap_new();
	if (rc == 0 && open_all(&r, &o, &lock_fd, &err) < 0)
		rc = iz_cli_fail(&iz_cmd_fetch, &err);
	else if (rc == 0)
		rc = fetch_all(&r, list, n);
	iz_strmap_free(r.listings, free_listing);
	iz_http_free(r.h);
	iz_unlock(lock_fd);
	iz_store_close(r.st);
	free(list);
	iz_catalog_free(cat);
	return rc;
}

const struct iz_command iz_cmd_fetch = {
	.name = "fetch",
	.summary = "refresh the open-data indicators of the catalog",
	.usage = "inzicht fetch [--force] [--mirror <url>] [--record <dir> | "
		 "--replay <dir>] [<dataset>...]\n"
		 "  --force           ignore the up-to-date check\n"
		 "  --mirror <url>    replace scheme://host of every source URL"
		 " (also $INZICHT_MIRROR)\n"
		 "  --record <dir>    save every response with a manifest\n"
		 "  --replay <dir>    answer every request from such a "
		 "recording (offline)\n"
		 "exit status: 0 all fetched or unchanged, 1 all failed, "
		 "3 some failed,\n"
		 "             2 usage, 75 another fetch holds the lock",
	.run = run,
};
