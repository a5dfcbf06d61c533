/*
 * Unit tests for cbs: whole dataset loads replayed from temporary recordings
 * of the real CBS payloads in ../shared/realdata/cbs ($IZ_REALDATA) and the
 * constructed fixtures in tests/data/unit: v3 TypedDataSet (80137ned), v3
 * untyped paging over odata.nextLink (83599NED), v4 Observations
 * (80072ned); catalog checks against the table, malformed responses, and
 * the catalog listings.
 */
#include "inzicht/cbs.h"

#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inzicht/catalog.h"
#include "inzicht/error.h"
#include "inzicht/http.h"
#include "inzicht/store.h"
#include "inzicht/table.h"
#include "iztest.h"

/* The page decoder is internal to cbs: tested through its private header. */
#include "../../src/cbs_priv.h"

#define FIXTURES "tests/data/unit"
#define ENTRY_NAME "datasets/test.json"
#define JSON_TYPE "application/json;odata=minimalmetadata;streaming=true;" \
		  "charset=utf-8"

#define V3_BANEN "https://opendata.cbs.nl/ODataFeed/odata/80137ned/"
#define V3_VAC "https://opendata.cbs.nl/ODataFeed/odata/83599NED/"
#define V4_VERZUIM "https://datasets.cbs.nl/odata/v1/CBS/80072ned/"
#define V3_LISTING                                                           \
	"https://opendata.cbs.nl/ODataCatalog/Tables?$format=json&$select="  \
	"Identifier,Title,ShortTitle,Modified,MetaDataModified,"             \
	"ReasonDelivery,Frequency,OutputStatus,Catalog"

#define BANEN_ENTRY                                                          \
	"{\"id\":\"banen\",\"source\":\"cbs-v3\",\"table\":\"80137ned\""
#define VAC_ENTRY                                                            \
	"{\"id\":\"vacatures\",\"source\":\"cbs-v3\",\"table\":\"83599NED\"}"
#define VERZUIM_ENTRY                                                        \
	"{\"id\":\"verzuim\",\"source\":\"cbs-v4\",\"table\":\"80072ned\""

/* ---- recordings ------------------------------------------------------ */

struct rec {
	char dir[64];
	FILE *manifest;
	int n;
};

static const char *realdata(void)
{
	const char *e = getenv("IZ_REALDATA");

	return e && *e ? e : IZ_REALDATA_DEFAULT;
}

static void rec_init(struct rec *r)
{
	char path[128];

	memset(r, 0, sizeof(*r));
	snprintf(r->dir, sizeof(r->dir), "/tmp/iz-cbs-XXXXXX");
	assert_non_null(mkdtemp(r->dir));
	snprintf(path, sizeof(path), "%s/manifest.tsv", r->dir);
	r->manifest = fopen(path, "w");
	assert_non_null(r->manifest);
	fputs("# inzicht recording 1\n", r->manifest);
}

static void rec_line(struct rec *r, const char *url, const char *file,
		     const char *ctype, long status)
{
	fprintf(r->manifest, "%ld\t%s\t%s\t%s\n", status, ctype ? ctype : "-",
		file, url);
}

/* Answer url with the file at path (symlinked into the recording, since
 * manifest paths must stay inside it). */
static void rec_link(struct rec *r, const char *url, const char *path,
		     const char *ctype, long status)
{
	char abs[PATH_MAX], link[128], file[32];

	if (!realpath(path, abs))
		fail_msg("missing payload '%s' (set IZ_REALDATA?)", path);
	snprintf(file, sizeof(file), "%03d.json", ++r->n);
	snprintf(link, sizeof(link), "%s/%s", r->dir, file);
	assert_int_equal(symlink(abs, link), 0);
	rec_line(r, url, file, ctype, status);
}

/* A real payload of ../shared/realdata/cbs. */
static void rec_real(struct rec *r, const char *url, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", realdata(), name);
	rec_link(r, url, path, JSON_TYPE, 200);
}

/* A constructed fixture of tests/data/unit. */
static void rec_fixture(struct rec *r, const char *url, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), FIXTURES "/%s", name);
	rec_link(r, url, path, JSON_TYPE, 200);
}

/* An inline body. */
static void rec_text(struct rec *r, const char *url, const char *body,
		     const char *ctype, long status)
{
	char path[128], file[32];
	FILE *f;

	snprintf(file, sizeof(file), "%03d.json", ++r->n);
	snprintf(path, sizeof(path), "%s/%s", r->dir, file);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(body, f);
	assert_int_equal(fclose(f), 0);
	rec_line(r, url, file, ctype, status);
}

/* The metadata of 80137ned (everything but the data pages). */
static void rec_banen_meta(struct rec *r)
{
	rec_real(r, V3_BANEN "TableInfos?$format=json",
		 "v3-feed-80137ned-TableInfos.json");
	rec_real(r, V3_BANEN "DataProperties?$format=json",
		 "v3-feed-80137ned-DataProperties.json");
	rec_real(r, V3_BANEN "Persoonskenmerken?$format=json",
		 "v3-feed-80137ned-Persoonskenmerken.json");
	rec_real(r, V3_BANEN "BedrijfstakkenSBI93?$format=json",
		 "v3-feed-80137ned-BedrijfstakkenSBI93.json");
	rec_real(r, V3_BANEN "Perioden?$format=json",
		 "v3-feed-80137ned-Perioden.json");
}

static void rec_banen(struct rec *r)
{
	rec_banen_meta(r);
	rec_real(r, V3_BANEN "TypedDataSet?$format=json",
		 "v3-feed-80137ned-TypedDataSet.json");
}

/* The metadata of 83599NED (constructed, tests/data/unit). */
static void rec_vac_meta(struct rec *r)
{
	rec_fixture(r, V3_VAC "TableInfos?$format=json",
		    "v3-83599NED-TableInfos.json");
	rec_fixture(r, V3_VAC "DataProperties?$format=json",
		    "v3-83599NED-DataProperties.json");
	rec_fixture(r, V3_VAC "BedrijfstakkenBranchesSBI2008?$format=json",
		    "v3-83599NED-BedrijfstakkenBranchesSBI2008.json");
	rec_fixture(r, V3_VAC "RegioS?$format=json", "v3-83599NED-RegioS.json");
	rec_fixture(r, V3_VAC "Perioden?$format=json",
		    "v3-83599NED-Perioden.json");
}

static void rec_vac(struct rec *r)
{
	rec_vac_meta(r);
	rec_real(r, V3_VAC "TypedDataSet?$format=json",
		 "v3-feed-83599NED-UntypedDataSet-page1.json");
	/* the nextLink exactly as page 1 gives it */
	rec_real(r,
		 "https://opendata.cbs.nl/ODataFeed/OData/83599NED/"
		 "UntypedDataSet/?$format=json&$skip=10000",
		 "v3-feed-83599NED-UntypedDataSet-page2.json");
}

static void rec_verzuim_meta(struct rec *r)
{
	rec_real(r, V4_VERZUIM "Properties", "v4beta-80072ned-Properties.json");
	rec_real(r, V4_VERZUIM "Dimensions", "v4beta-80072ned-Dimensions.json");
	rec_real(r, V4_VERZUIM "MeasureCodes",
		 "v4beta-80072ned-MeasureCodes.json");
	rec_real(r, V4_VERZUIM "PeriodenCodes",
		 "v4beta-80072ned-PeriodenCodes.json");
	rec_real(r, V4_VERZUIM "BedrijfskenmerkenSBI2008Codes",
		 "v4beta-80072ned-BedrijfskenmerkenSBI2008Codes.json");
}

static void rec_verzuim(struct rec *r)
{
	rec_verzuim_meta(r);
	rec_real(r, V4_VERZUIM "Observations",
		 "v4beta-80072ned-Observations.json");
}

/* ---- one load --------------------------------------------------------- */

struct progress_log {
	int calls;
	int max_pages; /* > 0: a load still paging past this fails the test */
	int64_t pages[8], observations[8];
};

struct run {
	struct rec rec;
	struct iz_http *h;
	struct iz_store *st;
	struct iz_dataset *ds;
	struct iz_cbs_result res;
	struct iz_error err;
	struct progress_log progress;
	int rc;
};

static void on_progress(void *ctx, int64_t pages, int64_t observations)
{
	struct progress_log *p = ctx;

	if (p->calls < 8) {
		p->pages[p->calls] = pages;
		p->observations[p->calls] = observations;
	}
	p->calls++;
	/* Leaves the load by longjmp (leaking it): only when paging never
	 * ends, which is the bug such a test exists to show. */
	if (p->max_pages > 0 && pages > p->max_pages)
		fail_msg("still paging after %lld pages: a repeated nextLink "
			 "is followed forever",
			 (long long)pages);
}

/* Fetch entry from the recording r->rec (already filled) into a fresh
 * store, committing on success and rolling back on failure. */
static int run_fetch(struct run *r, const char *entry,
		     const struct iz_cbs_table_row *listed)
{
	struct iz_http_options o;
	char db[128];

	fclose(r->rec.manifest);
	r->rec.manifest = NULL;
	iz_error_clear(&r->err);
	if (iz_catalog_parse(&r->ds, entry, ENTRY_NAME, &r->err) != 0)
		fail_msg("catalog entry: %s", r->err.msg);
	iz_http_options_init(&o);
	o.replay_dir = r->rec.dir;
	if (iz_http_new(&r->h, &o, &r->err) != 0)
		fail_msg("iz_http_new: %s", r->err.msg);
	snprintf(db, sizeof(db), "%s/store.db", r->rec.dir);
	if (iz_store_open(&r->st, db, IZ_STORE_READWRITE, &r->err) != 0)
		fail_msg("iz_store_open: %s", r->err.msg);
	if (iz_store_begin(r->st, &r->err) != 0)
		fail_msg("iz_store_begin: %s", r->err.msg);
	r->rc = iz_cbs_fetch(&r->res, r->h, r->st, r->ds, listed, on_progress,
			     &r->progress, &r->err);
	if (r->rc == 0) {
		if (iz_store_commit(r->st, &r->err) != 0)
			fail_msg("commit: %s", r->err.msg);
	} else {
		iz_store_rollback(r->st);
	}
	return r->rc;
}

static void run_release(struct run *r)
{
	if (r->rec.manifest)
		fclose(r->rec.manifest);
	iz_store_close(r->st);
	iz_http_free(r->h);
	iz_dataset_free(r->ds);
	free(r->res.modified);
	iz_test_remove_dir(r->rec.dir);
	memset(r, 0, sizeof(*r));
}

static int run_setup(void **state)
{
	struct run *r = calloc(1, sizeof(*r));

	if (!r)
		return -1;
	rec_init(&r->rec);
	*state = r;
	return 0;
}

static int run_teardown(void **state)
{
	struct run *r = *state;

	run_release(r);
	free(r);
	return 0;
}

static void expect_ok(struct run *r, const char *entry,
		      const struct iz_cbs_table_row *listed)
{
	if (run_fetch(r, entry, listed) != 0)
		fail_msg("iz_cbs_fetch: %s", r->err.msg);
	assert_int_equal(r->err.code, IZ_OK);
}

/* The fetch fails with code and a message holding every needle; the
 * rollback leaves no dataset behind. */
static void expect_fail(struct run *r, const char *entry, enum iz_err code,
			...)
{
	const char *needle;
	va_list ap;

	if (run_fetch(r, entry, NULL) != -1)
		fail_msg("fetch of %s succeeded", entry);
	if (r->err.code != code)
		fail_msg("code %d, want %d: %s", r->err.code, code, r->err.msg);
	va_start(ap, code);
	while ((needle = va_arg(ap, const char *)) != NULL)
		if (!strstr(r->err.msg, needle)) {
			va_end(ap);
			fail_msg("'%s' not in message: %s", needle, r->err.msg);
		}
	va_end(ap);
}

/* ---- queries --------------------------------------------------------- */

static struct iz_table *query(struct iz_store *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static struct iz_table *query(struct iz_store *st, const char *fmt, ...)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	char sql[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	if (iz_store_query(&t, st, sql, NULL, NULL, 0, &err) != 0)
		fail_msg("%s: %s", sql, err.msg);
	if (iz_table_nrows(t) < 1)
		fail_msg("no rows: %s", sql);
	return t;
}

/* The first cell of a one-row answer, of the expected kind. */
static const struct iz_cell *only_cell(struct iz_table *t,
				       enum iz_cellkind kind)
{
	const struct iz_cell *c;

	if (iz_table_nrows(t) != 1)
		fail_msg("%zu rows, want 1", iz_table_nrows(t));
	c = iz_table_cell(t, 0, 0);
	if (c->kind != kind)
		fail_msg("cell kind %d, want %d", c->kind, kind);
	return c;
}

static int64_t q_int(struct iz_store *st, const char *sql)
{
	struct iz_table *t = query(st, "%s", sql);
	int64_t v = only_cell(t, IZ_CELL_INT)->v.i;

	iz_table_free(t);
	return v;
}

static double q_real(struct iz_store *st, const char *sql)
{
	struct iz_table *t = query(st, "%s", sql);
	double v = only_cell(t, IZ_CELL_REAL)->v.r;

	iz_table_free(t);
	return v;
}

static void q_text(struct iz_store *st, const char *sql, const char *want)
{
	struct iz_table *t = query(st, "%s", sql);

	if (!want) {
		only_cell(t, IZ_CELL_NULL);
	} else {
		const struct iz_cell *c = only_cell(t, IZ_CELL_TEXT);

		if (strcmp(c->v.text, want) != 0)
			fail_msg("%s: got '%s', want '%s'", sql, c->v.text,
				 want);
	}
	iz_table_free(t);
}

/* ---- shared loads (each replayed once, checked by several tests) -------- */

static struct run *banen, *vacatures, *verzuim;

static struct run *load_once(struct run **slot, void (*fill)(struct rec *),
			     const char *entry)
{
	if (!*slot) {
		*slot = calloc(1, sizeof(**slot));
		assert_non_null(*slot);
		/* a failure inside fill or run_fetch jumps out: stay failed */
		(*slot)->rc = -1;
		snprintf((*slot)->err.msg, sizeof((*slot)->err.msg),
			 "setting up the recording failed");
		rec_init(&(*slot)->rec);
		fill(&(*slot)->rec);
		run_fetch(*slot, entry, NULL);
	}
	if ((*slot)->rc != 0)
		fail_msg("load of %s failed: %s", entry, (*slot)->err.msg);
	return *slot;
}

static struct run *get_banen(void)
{
	return load_once(&banen, rec_banen, BANEN_ENTRY "}");
}

static struct run *get_vacatures(void)
{
	return load_once(&vacatures, rec_vac, VAC_ENTRY);
}

static struct run *get_verzuim(void)
{
	return load_once(&verzuim, rec_verzuim, VERZUIM_ENTRY "}");
}

static int group_teardown(void **state)
{
	struct run **all[] = { &banen, &vacatures, &verzuim };
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++)
		if (*all[i]) {
			run_release(*all[i]);
			free(*all[i]);
			*all[i] = NULL;
		}
	return 0;
}

/* ---- v3 typed: 80137ned ------------------------------------------------ */

static void test_v3_typed_observation_count(void **state)
{
	struct run *r = get_banen();

	(void)state;
	/* 675 rows x 12 topics */
	assert_int_equal(r->res.observations, 8100);
	assert_int_equal(r->res.pages, 1);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM observation"),
			 8100);
	/* 9 Persoonskenmerken x 15 bedrijfstakken series, 12 topics each */
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM indicator"), 1620);
	assert_int_equal(
		q_int(r->st, "SELECT count(DISTINCT measure) FROM indicator"),
		12);
	assert_int_equal(r->progress.calls, 1);
	assert_int_equal(r->progress.observations[0], 8100);
}

static void test_v3_typed_titles_and_units_from_data_properties(void **state)
{
	struct run *r = get_banen();

	(void)state;
	q_text(r->st,
	       "SELECT DISTINCT title FROM indicator WHERE measure = 'Totaal_1'",
	       "Totaal");
	q_text(r->st,
	       "SELECT DISTINCT unit FROM indicator WHERE measure = 'Totaal_1'",
	       "1 000 banen");
	assert_int_equal(q_int(r->st, "SELECT DISTINCT decimals FROM indicator "
				      "WHERE measure = 'Totaal_1'"),
			 0);
	q_text(r->st,
	       "SELECT DISTINCT unit FROM indicator WHERE measure = 'Totaal_4'",
	       "1 000 arbeidsjaren");
	assert_int_equal(q_int(r->st, "SELECT DISTINCT decimals FROM indicator "
				      "WHERE measure = 'Totaal_4'"),
			 1);
	q_text(r->st,
	       "SELECT DISTINCT title FROM indicator WHERE measure = "
	       "'PerGewerktUur_12'",
	       "Per gewerkt uur");
	/* unmapped: the indicator code is the measure key */
	q_text(r->st,
	       "SELECT DISTINCT code FROM indicator WHERE measure = 'Totaal_1'",
	       "Totaal_1");
	/* TopicGroups (Key "") are not topics */
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM indicator WHERE "
				      "measure = ''"),
			 0);
}

static void test_v3_typed_value_with_trimmed_dims(void **state)
{
	struct run *r = get_banen();
	struct iz_table *t;

	(void)state;
	t = query(r->st,
		  "SELECT o.value, o.region, o.status FROM observation o "
		  "JOIN indicator i ON i.id = o.indicator WHERE i.measure = "
		  "'Totaal_1' AND i.dims = "
		  "'Persoonskenmerken=1;BedrijfstakkenSBI93=99' "
		  "AND o.period = '2001JJ00'");
	assert_int_equal(iz_table_nrows(t), 1);
	assert_int_equal(iz_table_cell(t, 0, 0)->kind, IZ_CELL_REAL);
	assert_near(iz_table_cell(t, 0, 0)->v.r, 8811, 0);
	/* no geographic dimension: the country */
	assert_string_equal(iz_table_cell(t, 0, 1)->v.text, "NL01");
	assert_int_equal(iz_table_cell(t, 0, 2)->kind, IZ_CELL_NULL);
	iz_table_free(t);
	/* another cell: Zelfstandigen_6 of the same row is 778 */
	assert_near(q_real(r->st,
			   "SELECT o.value FROM observation o JOIN indicator "
			   "i ON i.id = o.indicator WHERE i.measure = "
			   "'Zelfstandigen_6' AND i.dims = "
			   "'Persoonskenmerken=1;BedrijfstakkenSBI93=99' AND "
			   "o.period = '2001JJ00'"),
		    778, 1e-9);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM indicator WHERE "
				      "dims LIKE '% %' OR dims LIKE '%= %'"),
			 0);
}

static void test_v3_typed_periods_definitief(void **state)
{
	struct run *r = get_banen();

	(void)state;
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM period WHERE "
				      "dataset = 'banen'"),
			 5);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM period WHERE "
				      "status = 'Definitief'"),
			 5);
	q_text(r->st, "SELECT title FROM period WHERE code = '2003JJ00'",
	       "2003");
}

static void test_v3_typed_dataset_row(void **state)
{
	struct run *r = get_banen();

	(void)state;
	assert_non_null(r->res.modified);
	assert_string_equal(r->res.modified, "2009-07-10T02:00:00");
	q_text(r->st, "SELECT title FROM dataset WHERE id = 'banen'",
	       "Arbeidsrekeningen; leeftijd en opleidingsniveau");
	q_text(r->st, "SELECT modified FROM dataset", "2009-07-10T02:00:00");
	q_text(r->st, "SELECT source FROM dataset", "cbs-v3");
	q_text(r->st, "SELECT catalog FROM dataset", "CBS");
	q_text(r->st, "SELECT table_id FROM dataset", "80137ned");
}

static void test_v3_listed_row_flags_stored(void **state)
{
	struct run *r = *state;
	struct iz_cbs_table_row listed = {
		.identifier = (char *)"80137ned",
		.modified = (char *)"2009-07-10T02:00:00",
		.reason_delivery = (char *)"Stopgezet",
		.frequency = (char *)"Stopgezet",
		.output_status = (char *)"Gediscontinueerd",
	};

	rec_banen(&r->rec);
	expect_ok(r, BANEN_ENTRY ",\"title\":\"Banen\"}", &listed);
	q_text(r->st, "SELECT reason_delivery FROM dataset", "Stopgezet");
	q_text(r->st, "SELECT frequency FROM dataset", "Stopgezet");
	q_text(r->st, "SELECT output_status FROM dataset", "Gediscontinueerd");
	/* the catalog's title wins over the table's */
	q_text(r->st, "SELECT title FROM dataset", "Banen");
}

static void test_v3_measure_wrong_title_fails(void **state)
{
	struct run *r = *state;

	rec_banen(&r->rec);
	expect_fail(r,
		    BANEN_ENTRY ",\"measures\":{\"Totaal_1\":{\"indicator\":"
				"\"banen\",\"title\":\"Aantal banen\"}}}",
		    IZ_EINPUT,
		    V3_BANEN "DataProperties?$format=json: measure "
			     "'Totaal_1': title is 'Totaal', catalog expects "
			     "'Aantal banen'",
		    NULL);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM dataset"), 0);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM observation"), 0);
}

static void test_v3_measure_wrong_unit_fails(void **state)
{
	struct run *r = *state;

	rec_banen(&r->rec);
	expect_fail(r,
		    BANEN_ENTRY ",\"measures\":{\"Totaal_1\":{\"indicator\":"
				"\"banen\",\"unit\":\"1000 banen\"}}}",
		    IZ_EINPUT, V3_BANEN "DataProperties?$format=json",
		    "measure 'Totaal_1': unit is '1 000 banen', catalog "
		    "expects '1000 banen'",
		    NULL);
}

static void test_v3_mapped_measures_only_loaded(void **state)
{
	struct run *r = *state;

	rec_banen(&r->rec);
	/* titles compare case-insensitively with runs of white space
	 * collapsed; units compare exactly */
	expect_ok(r,
		  BANEN_ENTRY ",\"measures\":{\"Totaal_1\":{\"indicator\":"
			      "\"banen_totaal\",\"title\":\"TOTAAL\",\"unit\":"
			      "\"1 000 banen\",\"spearhead\":\"context\","
			      "\"polarity\":\"higher_is_better\"},"
			      "\"PerGewerktUur_12\":{\"indicator\":\"uurloon\","
			      "\"title\":\"per  gewerkt\\tuur\"}}}",
		  NULL);
	assert_int_equal(r->res.observations, 2 * 675);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM indicator"),
			 2 * 135);
	q_text(r->st,
	       "SELECT DISTINCT code FROM indicator WHERE measure = 'Totaal_1'",
	       "banen_totaal");
	q_text(r->st,
	       "SELECT DISTINCT code FROM indicator WHERE measure = "
	       "'PerGewerktUur_12'",
	       "uurloon");
	q_text(r->st,
	       "SELECT DISTINCT spearhead FROM indicator WHERE code = "
	       "'banen_totaal'",
	       "context");
	q_text(r->st,
	       "SELECT DISTINCT polarity FROM indicator WHERE code = "
	       "'banen_totaal'",
	       "higher_is_better");
	q_text(r->st,
	       "SELECT DISTINCT spearhead FROM indicator WHERE code = "
	       "'uurloon'",
	       NULL);
	/* the stored title is the table's, not the catalog's spelling */
	q_text(r->st,
	       "SELECT DISTINCT title FROM indicator WHERE code = 'uurloon'",
	       "Per gewerkt uur");
}

static void test_v3_mapped_measure_missing_fails(void **state)
{
	struct run *r = *state;

	rec_banen(&r->rec);
	expect_fail(r,
		    BANEN_ENTRY ",\"measures\":{\"Totaal_1\":{\"indicator\":"
				"\"a\"},\"Banen_99\":{\"indicator\":\"b\"}}}",
		    IZ_EINPUT,
		    V3_BANEN "DataProperties?$format=json: measure 'Banen_99' "
			     "of catalog entry 'banen' is not in the table",
		    NULL);
}

static void test_v3_catalog_dimension_not_in_table_fails(void **state)
{
	struct run *r = *state;

	rec_banen(&r->rec);
	expect_fail(r,
		    BANEN_ENTRY ",\"dimensions\":{\"Leeftijd\":{\"1\":"
				"{\"life_stage\":\"kind\"}}}}",
		    IZ_EINPUT,
		    "dimension 'Leeftijd' of catalog entry 'banen' is not in "
		    "the table",
		    NULL);
}

static void test_v3_filter_dimension_not_in_table_fails(void **state)
{
	struct run *r = *state;

	rec_banen(&r->rec);
	expect_fail(r,
		    BANEN_ENTRY ",\"filters\":{\"RegioS\":{\"level\":"
				"[\"gemeente\"]}}}",
		    IZ_EINPUT,
		    "filter dimension 'RegioS' of catalog entry 'banen' is "
		    "not in the table",
		    NULL);
}

static void test_v3_filter_code_not_in_dimension_fails(void **state)
{
	struct run *r = *state;

	rec_banen(&r->rec);
	expect_fail(r,
		    BANEN_ENTRY ",\"filters\":{\"Persoonskenmerken\":[\"1\","
				"\"77\"]}}",
		    IZ_EINPUT,
		    ENTRY_NAME ": key 'filters.Persoonskenmerken': code '77' "
			       "is not in the table's dimension",
		    NULL);
}

static void test_v3_filter_requests_padded_key(void **state)
{
	struct run *r = *state;

	rec_banen_meta(&r->rec);
	/* only this URL is recorded: the trimmed code "1" must be sent as
	 * the padded key "1 " that the dimension endpoint listed */
	rec_real(&r->rec,
		 V3_BANEN "TypedDataSet?$format=json&$filter="
			  "(Persoonskenmerken eq '1 ')",
		 "v3-feed-80137ned-TypedDataSet.json");
	expect_ok(r,
		  BANEN_ENTRY ",\"filters\":{\"Persoonskenmerken\":[\"1\"]}}",
		  NULL);
	assert_int_equal(r->res.observations, 8100);
}

static void test_v3_prefix_filter_request(void **state)
{
	struct run *r = *state;

	rec_banen_meta(&r->rec);
	rec_real(&r->rec,
		 V3_BANEN "TypedDataSet?$format=json&$filter="
			  "(startswith(BedrijfstakkenSBI93,'0') or "
			  "startswith(BedrijfstakkenSBI93,'1'))",
		 "v3-feed-80137ned-TypedDataSet.json");
	expect_ok(r,
		  BANEN_ENTRY ",\"filters\":{\"BedrijfstakkenSBI93\":"
			      "{\"prefix\":[\"0\",\"1\"]}}}",
		  NULL);
}

static void test_v3_dimension_code_life_stage(void **state)
{
	struct run *r = *state;

	rec_banen(&r->rec);
	expect_ok(r,
		  BANEN_ENTRY ",\"dimensions\":{\"Persoonskenmerken\":{\"4\":"
			      "{\"life_stage\":\"jongvolwassen\","
			      "\"approximate\":true}}}}",
		  NULL);
	q_text(r->st,
	       "SELECT DISTINCT life_stage FROM indicator WHERE dims = "
	       "'Persoonskenmerken=4;BedrijfstakkenSBI93=99'",
	       "jongvolwassen");
	assert_int_equal(q_int(r->st, "SELECT DISTINCT approximate FROM "
				      "indicator WHERE dims = "
				      "'Persoonskenmerken=4;"
				      "BedrijfstakkenSBI93=99'"),
			 1);
	q_text(r->st,
	       "SELECT DISTINCT life_stage FROM indicator WHERE dims = "
	       "'Persoonskenmerken=1;BedrijfstakkenSBI93=99'",
	       NULL);
	assert_int_equal(q_int(r->st, "SELECT DISTINCT approximate FROM "
				      "indicator WHERE dims = "
				      "'Persoonskenmerken=1;"
				      "BedrijfstakkenSBI93=99'"),
			 0);
}

/* ---- v3 untyped, two pages: 83599NED ---------------------------------- */

static void test_v3_paged_observation_count(void **state)
{
	struct run *r = get_vacatures();

	(void)state;
	assert_int_equal(r->res.observations, 15504);
	assert_int_equal(r->res.pages, 2);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM observation"),
			 15504);
	/* progress after each page with running totals */
	assert_int_equal(r->progress.calls, 2);
	assert_int_equal(r->progress.pages[0], 1);
	assert_int_equal(r->progress.observations[0], 10000);
	assert_int_equal(r->progress.pages[1], 2);
	assert_int_equal(r->progress.observations[1], 15504);
	assert_string_equal(r->res.modified, "2020-08-14T02:00:00");
}

static void test_v3_paged_untyped_string_parsed(void **state)
{
	struct run *r = get_vacatures();

	(void)state;
	/* ID 0: "   135.5" */
	assert_near(q_real(r->st,
			   "SELECT o.value FROM observation o JOIN indicator "
			   "i ON i.id = o.indicator WHERE i.dims = "
			   "'BedrijfstakkenBranchesSBI2008=T001081' AND "
			   "o.region = 'NL01' AND o.period = '2011KW01'"),
		    135.5, 1e-12);
	/* the sum over the NL01 total series (python: 6369.9) */
	assert_near(q_real(r->st,
			   "SELECT sum(o.value) FROM observation o JOIN "
			   "indicator i ON i.id = o.indicator WHERE i.dims = "
			   "'BedrijfstakkenBranchesSBI2008=T001081' AND "
			   "o.region = 'NL01'"),
		    6369.9, 1e-9);
}

static void test_v3_paged_empty_cell_null_with_status(void **state)
{
	struct run *r = get_vacatures();
	struct iz_table *t;

	(void)state;
	/* ID 12250: "OpenstaandeVacatures_1": "" */
	t = query(r->st,
		  "SELECT o.value, o.status FROM observation o JOIN indicator "
		  "i ON i.id = o.indicator WHERE i.dims = "
		  "'BedrijfstakkenBranchesSBI2008=300013' AND o.region = "
		  "'PV31' AND o.period = '2014KW03'");
	assert_int_equal(iz_table_nrows(t), 1);
	assert_int_equal(iz_table_cell(t, 0, 0)->kind, IZ_CELL_NULL);
	assert_int_equal(iz_table_cell(t, 0, 1)->kind, IZ_CELL_TEXT);
	assert_string_equal(iz_table_cell(t, 0, 1)->v.text, "empty");
	iz_table_free(t);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM observation WHERE "
				      "value IS NULL"),
			 1);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM observation WHERE "
				      "status IS NOT NULL"),
			 1);
}

static void test_v3_paged_regions_trimmed_with_levels(void **state)
{
	struct run *r = get_vacatures();

	(void)state;
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM region"), 17);
	assert_int_equal(
		q_int(r->st, "SELECT count(DISTINCT region) FROM observation"),
		17);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM observation WHERE "
				      "region LIKE '% %'"),
			 0);
	q_text(r->st, "SELECT level FROM region WHERE code = 'NL01'", "land");
	q_text(r->st, "SELECT name FROM region WHERE code = 'NL01'",
	       "Nederland");
	q_text(r->st, "SELECT level FROM region WHERE code = 'LD03'",
	       "landsdeel");
	q_text(r->st, "SELECT level FROM region WHERE code = 'PV21'",
	       "provincie");
	q_text(r->st, "SELECT name FROM region WHERE code = 'PV21'",
	       "Frysl\xc3\xa2n (PV)");
	q_text(r->st, "SELECT parent FROM region WHERE code = 'PV21'", NULL);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM region WHERE "
				      "level = 'provincie'"),
			 12);
}

static void test_v3_paged_series_continues_across_pages(void **state)
{
	struct run *r = get_vacatures();

	(void)state;
	/* (300010, PV23): 6 rows on page 1 and 32 on page 2, one series */
	assert_int_equal(
		q_int(r->st,
		      "SELECT count(*) FROM indicator WHERE dims = "
		      "'BedrijfstakkenBranchesSBI2008=300010'"),
		1);
	assert_int_equal(
		q_int(r->st,
		      "SELECT count(*) FROM observation o JOIN indicator i ON "
		      "i.id = o.indicator WHERE i.dims = "
		      "'BedrijfstakkenBranchesSBI2008=300010' AND o.region = "
		      "'PV23'"),
		38);
	/* ID 9999 (last of page 1) and ID 10000 (first of page 2) */
	assert_near(q_real(r->st,
			   "SELECT o.value FROM observation o JOIN indicator "
			   "i ON i.id = o.indicator WHERE i.dims = "
			   "'BedrijfstakkenBranchesSBI2008=300010' AND "
			   "o.region = 'PV23' AND o.period = '2012KW02'"),
		    1.0, 0);
	assert_near(q_real(r->st,
			   "SELECT o.value FROM observation o JOIN indicator "
			   "i ON i.id = o.indicator WHERE i.dims = "
			   "'BedrijfstakkenBranchesSBI2008=300010' AND "
			   "o.region = 'PV23' AND o.period = '2012KW03'"),
		    1.0, 0);
	/* 24 SBI series; region is not part of the series key */
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM indicator"), 24);
	/* every series has 17 regions x 38 quarters */
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM (SELECT indicator "
				      "FROM observation GROUP BY indicator "
				      "HAVING count(*) = 646)"),
			 24);
}

static void test_v3_paged_periods_with_status(void **state)
{
	struct run *r = get_vacatures();

	(void)state;
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM period"), 38);
	q_text(r->st, "SELECT status FROM period WHERE code = '2017KW04'",
	       "Definitief");
	q_text(r->st, "SELECT status FROM period WHERE code = '2020KW02'",
	       "Voorlopig");
	q_text(r->st, "SELECT title FROM indicator LIMIT 1",
	       "Openstaande vacatures");
	q_text(r->st, "SELECT unit FROM indicator LIMIT 1", "x 1 000");
}

/* ---- v3 malformed responses --------------------------------------------- */

static const char one_row_page[] =
	"{\"value\":[{\"ID\":0,\"Perioden\":\"2011KW01\","
	"\"BedrijfstakkenBranchesSBI2008\":\"T001081\",\"RegioS\":\"NL01  \","
	"\"OpenstaandeVacatures_1\":\"   135.5\"}]}";

static void test_v3_not_json_fails_with_url(void **state)
{
	struct run *r = *state;

	rec_text(&r->rec, V3_VAC "TableInfos?$format=json",
		 "<html><body>Service Unavailable</body></html>", NULL, 200);
	expect_fail(r, VAC_ENTRY, IZ_EHTTP,
		    V3_VAC "TableInfos?$format=json: malformed JSON at line 1",
		    NULL);
}

static void test_v3_truncated_page_fails(void **state)
{
	struct run *r = *state;

	rec_vac_meta(&r->rec);
	rec_text(&r->rec, V3_VAC "TypedDataSet?$format=json",
		 "{\"value\":[{\"ID\":0,\"Perioden\":\"2011K", JSON_TYPE, 200);
	expect_fail(r, VAC_ENTRY, IZ_EHTTP,
		    V3_VAC "TypedDataSet?$format=json: malformed JSON", NULL);
}

static void test_v3_top_level_array_fails(void **state)
{
	struct run *r = *state;

	rec_text(&r->rec, V3_VAC "TableInfos?$format=json", "[]", JSON_TYPE,
		 200);
	expect_fail(r, VAC_ENTRY, IZ_EHTTP,
		    V3_VAC "TableInfos?$format=json: expected a JSON object",
		    NULL);
}

static void test_v3_response_without_value_fails(void **state)
{
	struct run *r = *state;

	rec_fixture(&r->rec, V3_VAC "TableInfos?$format=json",
		    "v3-83599NED-TableInfos.json");
	rec_text(&r->rec, V3_VAC "DataProperties?$format=json",
		 "{\"odata.metadata\":\"x\",\"values\":[]}", JSON_TYPE, 200);
	expect_fail(r, VAC_ENTRY, IZ_EHTTP,
		    V3_VAC "DataProperties?$format=json: key 'value': "
			   "expected a list",
		    NULL);
}

static void test_v3_html_content_type_fails(void **state)
{
	struct run *r = *state;

	rec_fixture(&r->rec, V3_VAC "TableInfos?$format=json",
		    "v3-83599NED-TableInfos.json");
	rec_text(&r->rec, V3_VAC "DataProperties?$format=json",
		 "{\"value\":[]}",
		 "text/html; charset=utf-8", 200);
	expect_fail(r, VAC_ENTRY, IZ_EHTTP,
		    V3_VAC "DataProperties?$format=json: expected JSON, got "
			   "content type 'text/html; charset=utf-8'",
		    NULL);
}

static void test_v3_recorded_http_error_fails(void **state)
{
	struct run *r = *state;

	rec_text(&r->rec, V3_VAC "TableInfos?$format=json", "busy", NULL, 503);
	expect_fail(r, VAC_ENTRY, IZ_EHTTP,
		    V3_VAC "TableInfos?$format=json: HTTP 503 (recorded)",
		    NULL);
}

static void test_v3_unrecorded_url_fails(void **state)
{
	struct run *r = *state;

	rec_vac_meta(&r->rec);
	expect_fail(r, VAC_ENTRY, IZ_EHTTP,
		    V3_VAC "TypedDataSet?$format=json: no response recorded",
		    NULL);
}

static void test_v3_next_link_to_other_host_fails(void **state)
{
	struct run *r = *state;
	char page[1024];

	rec_vac_meta(&r->rec);
	snprintf(page, sizeof(page), "%.*s,\"odata.nextLink\":"
		 "\"https://opendata.cbs.nl.example.org/ODataFeed/OData/"
		 "83599NED/UntypedDataSet/?$format=json&$skip=1\"}",
		 (int)strlen(one_row_page) - 1, one_row_page);
	rec_text(&r->rec, V3_VAC "TypedDataSet?$format=json", page, JSON_TYPE,
		 200);
	expect_fail(r, VAC_ENTRY, IZ_EHTTP,
		    V3_VAC "TypedDataSet?$format=json: key 'odata.nextLink': "
			   "points to another host",
		    NULL);
}

static void test_v3_untyped_not_a_number_fails(void **state)
{
	struct run *r = *state;

	rec_vac_meta(&r->rec);
	rec_text(&r->rec, V3_VAC "TypedDataSet?$format=json",
		 "{\"value\":[{\"ID\":0,\"Perioden\":\"2011KW01\","
		 "\"BedrijfstakkenBranchesSBI2008\":\"T001081\",\"RegioS\":"
		 "\"NL01  \",\"OpenstaandeVacatures_1\":\"  12,5\"}]}",
		 JSON_TYPE, 200);
	expect_fail(r, VAC_ENTRY, IZ_EHTTP,
		    V3_VAC "TypedDataSet?$format=json: row 0: key "
			   "'OpenstaandeVacatures_1': not a number",
		    NULL);
}

static void test_v3_row_missing_topic_fails(void **state)
{
	struct run *r = *state;

	rec_vac_meta(&r->rec);
	rec_text(&r->rec, V3_VAC "TypedDataSet?$format=json",
		 "{\"value\":[{\"ID\":0,\"Perioden\":\"2011KW01\","
		 "\"BedrijfstakkenBranchesSBI2008\":\"T001081\",\"RegioS\":"
		 "\"NL01  \"}]}",
		 JSON_TYPE, 200);
	expect_fail(r, VAC_ENTRY, IZ_EHTTP,
		    V3_VAC "TypedDataSet?$format=json: row 0: key "
			   "'OpenstaandeVacatures_1': missing",
		    NULL);
}

static void test_v3_row_dimension_not_string_fails(void **state)
{
	struct run *r = *state;

	rec_vac_meta(&r->rec);
	rec_text(&r->rec, V3_VAC "TypedDataSet?$format=json",
		 "{\"value\":[{\"ID\":0,\"Perioden\":\"2011KW01\","
		 "\"BedrijfstakkenBranchesSBI2008\":\"T001081\",\"RegioS\":1,"
		 "\"OpenstaandeVacatures_1\":1.5}]}",
		 JSON_TYPE, 200);
	expect_fail(r, VAC_ENTRY, IZ_EHTTP,
		    V3_VAC "TypedDataSet?$format=json: row 0: key 'RegioS': "
			   "expected a string",
		    NULL);
}

static void test_v3_symbols_and_nulls_keep_status(void **state)
{
	struct run *r = *state;

	rec_vac_meta(&r->rec);
	rec_text(&r->rec, V3_VAC "TypedDataSet?$format=json",
		 "{\"value\":["
		 "{\"Perioden\":\"2011KW01\",\"BedrijfstakkenBranchesSBI2008\":"
		 "\"T001081\",\"RegioS\":\"PV20  \",\"OpenstaandeVacatures_1\":"
		 "\"       .\"},"
		 "{\"Perioden\":\"2011KW02\",\"BedrijfstakkenBranchesSBI2008\":"
		 "\"T001081\",\"RegioS\":\"PV20  \",\"OpenstaandeVacatures_1\":"
		 "\"       x\"},"
		 "{\"Perioden\":\"2011KW03\",\"BedrijfstakkenBranchesSBI2008\":"
		 "\"T001081\",\"RegioS\":\"PV20  \",\"OpenstaandeVacatures_1\":"
		 "\"       -\"},"
		 "{\"Perioden\":\"2011KW04\",\"BedrijfstakkenBranchesSBI2008\":"
		 "\"T001081\",\"RegioS\":\"PV20  \",\"OpenstaandeVacatures_1\":"
		 "null},"
		 "{\"Perioden\":\"2012KW01\",\"BedrijfstakkenBranchesSBI2008\":"
		 "\"T001081\",\"RegioS\":\"PV20  \",\"OpenstaandeVacatures_1\":"
		 "-2.5e1}]}",
		 JSON_TYPE, 200);
	expect_ok(r, VAC_ENTRY, NULL);
	assert_int_equal(r->res.observations, 5);
	q_text(r->st, "SELECT status FROM observation WHERE period = "
		      "'2011KW01' AND value IS NULL",
	       ".");
	q_text(r->st, "SELECT status FROM observation WHERE period = "
		      "'2011KW02' AND value IS NULL",
	       "x");
	q_text(r->st, "SELECT status FROM observation WHERE period = "
		      "'2011KW03' AND value IS NULL",
	       "-");
	q_text(r->st, "SELECT status FROM observation WHERE period = "
		      "'2011KW04' AND value IS NULL",
	       "null");
	assert_near(q_real(r->st, "SELECT value FROM observation WHERE "
				  "period = '2012KW01'"),
		    -25, 0);
}

/* Persoonskenmerken used as a margin dimension: codes 1, 2, 3 become the
 * value, lower and upper part of one observation; other codes are skipped. */
static void test_v3_margin_dimension_parts_in_one_row(void **state)
{
	struct run *r = *state;
	struct iz_table *t;

	rec_banen(&r->rec);
	expect_ok(r,
		  BANEN_ENTRY ",\"dimensions\":{\"Persoonskenmerken\":{"
			      "\"1\":{\"margin\":\"value\"},"
			      "\"2\":{\"margin\":\"lower\"},"
			      "\"3\":{\"margin\":\"upper\"}}}}",
		  NULL);
	/* parts: 3 codes x 15 bedrijfstakken x 5 years x 12 topics */
	assert_int_equal(r->res.observations, 2700);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM observation"),
			 900);
	/* the margin dimension is not part of the series key */
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM indicator"),
			 15 * 12);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM indicator WHERE "
				      "dims LIKE '%Persoonskenmerken%'"),
			 0);
	t = query(r->st,
		  "SELECT o.value, o.ci_low, o.ci_high, o.status FROM "
		  "observation o JOIN indicator i ON i.id = o.indicator WHERE "
		  "i.measure = 'Totaal_1' AND i.dims = "
		  "'BedrijfstakkenSBI93=99' AND o.period = '2001JJ00'");
	assert_int_equal(iz_table_nrows(t), 1);
	assert_near(iz_table_cell(t, 0, 0)->v.r, 8811, 0);
	assert_near(iz_table_cell(t, 0, 1)->v.r, 4926, 0);
	assert_near(iz_table_cell(t, 0, 2)->v.r, 3885, 0);
	assert_int_equal(iz_table_cell(t, 0, 3)->kind, IZ_CELL_NULL);
	iz_table_free(t);
}

#define SYNTH_BASE "https://opendata.cbs.nl/ODataFeed/odata/SYNTH1/"
#define SYNTH_ENTRY                                                          \
	"{\"id\":\"synth\",\"source\":\"cbs-v3\",\"table\":\"SYNTH1\"}"

/* A constructed v3 table SYNTH1: TableInfos (Title, Period as given, NULL
 * to leave out), ndims plain Dimensions D1.. whose one code is code_len
 * times 'a', 'b', ..., a Topic T_1, and one data row with T_1 = 1.5.
 * *series_key receives the full dims string the row should get. */
static void rec_synth(struct rec *r, const char *title, const char *period,
		      int ndims, int code_len, char **series_key)
{
	char *props = iz_xstrdup("{\"value\":["), *row, *want = iz_xstrdup("");
	char *code, *tmp, url[128];
	int i;

	tmp = iz_xasprintf("{\"value\":[{\"Title\":\"%s\",\"Modified\":"
			   "\"2024-01-01T00:00:00\"%s%s%s}]}",
			   title, period ? ",\"Period\":\"" : "",
			   period ? period : "", period ? "\"" : "");
	rec_text(r, SYNTH_BASE "TableInfos?$format=json", tmp, JSON_TYPE, 200);
	free(tmp);
	row = iz_xstrdup("{\"value\":[{\"T_1\":1.5");
	code = calloc(1, (size_t)code_len + 1);
	assert_non_null(code);
	for (i = 0; i < ndims; i++) {
		memset(code, 'a' + i, (size_t)code_len);
		tmp = iz_xasprintf("%s{\"Type\":\"Dimension\",\"Key\":"
				   "\"D%d\",\"Title\":\"D\"},",
				   props, i + 1);
		free(props);
		props = tmp;
		tmp = iz_xasprintf("%s,\"D%d\":\"%s\"", row, i + 1, code);
		free(row);
		row = tmp;
		tmp = iz_xasprintf("%s%sD%d=%s", want, i ? ";" : "", i + 1,
				   code);
		free(want);
		want = tmp;
		snprintf(url, sizeof(url), SYNTH_BASE "D%d?$format=json",
			 i + 1);
		tmp = iz_xasprintf("{\"value\":[{\"Key\":\"%s\",\"Title\":"
				   "\"x\"}]}",
				   code);
		rec_text(r, url, tmp, JSON_TYPE, 200);
		free(tmp);
	}
	free(code);
	tmp = iz_xasprintf("%s{\"Type\":\"Topic\",\"Key\":\"T_1\",\"Title\":"
			   "\"T\",\"Unit\":\"aantal\",\"Decimals\":1,"
			   "\"Datatype\":\"Double\"}]}",
			   props);
	rec_text(r, SYNTH_BASE "DataProperties?$format=json", tmp, JSON_TYPE,
		 200);
	free(tmp);
	free(props);
	tmp = iz_xasprintf("%s}]}", row);
	rec_text(r, SYNTH_BASE "TypedDataSet?$format=json", tmp, JSON_TYPE,
		 200);
	free(tmp);
	free(row);
	*series_key = want;
}

/* Five dimensions with 250-character codes: the series key is longer than
 * row_keys' 1024-byte buffer. Correct is either the full key or an error
 * naming the URL; today it is silently cut (and a sixth dimension would
 * write past the buffer, see the report). */
static void test_v3_long_dimension_codes_not_truncated(void **state)
{
	struct run *r = *state;
	char *want;

	rec_synth(&r->rec, "Lang", "2024", 5, 250, &want);
	if (run_fetch(r, SYNTH_ENTRY, NULL) == 0) {
		struct iz_table *t = query(r->st, "SELECT dims FROM indicator");
		const char *got = only_cell(t, IZ_CELL_TEXT)->v.text;
		int same = strcmp(got, want) == 0;
		size_t glen = strlen(got);

		iz_table_free(t);
		if (!same) {
			size_t wlen = strlen(want);

			free(want);
			fail_msg("series key cut to %zu of %zu bytes", glen,
				 wlen);
		}
	} else if (!strstr(r->err.msg, SYNTH_BASE "TypedDataSet")) {
		free(want);
		fail_msg("error does not name the URL: %s", r->err.msg);
	}
	free(want);
}

/* A table without a time dimension (one edition per year) takes its
 * period from TableInfos' Period. */
static void test_v3_no_time_dimension_period_from_table_infos(void **state)
{
	struct run *r = *state;
	char *want;

	rec_synth(&r->rec, "Kerncijfers 2022", "2023", 1, 4, &want);
	free(want);
	expect_ok(r, SYNTH_ENTRY, NULL);
	assert_int_equal(r->res.observations, 1);
	q_text(r->st, "SELECT period FROM observation", "2023JJ00");
	q_text(r->st, "SELECT region FROM observation", "NL01");
	q_text(r->st, "SELECT code FROM period", "2023JJ00");
	q_text(r->st, "SELECT dims FROM indicator", "D1=aaaa");
}

static void test_v3_no_time_dimension_period_from_title(void **state)
{
	struct run *r = *state;
	char *want;

	rec_synth(&r->rec, "Gebieden in Nederland 2025", NULL, 1, 4, &want);
	free(want);
	expect_ok(r, SYNTH_ENTRY, NULL);
	q_text(r->st, "SELECT period FROM observation", "2025JJ00");
	q_text(r->st, "SELECT code FROM period", "2025JJ00");
}

static void test_v3_no_time_dimension_no_year_fails(void **state)
{
	struct run *r = *state;
	char *want;

	rec_synth(&r->rec, "Gebieden in Nederland", "onbekend", 1, 4, &want);
	free(want);
	expect_fail(r, SYNTH_ENTRY, IZ_EHTTP,
		    SYNTH_BASE "DataProperties?$format=json: table has no "
			       "period dimension and no year in its Period or "
			       "Title",
		    NULL);
}

/* A page whose nextLink is its own URL must end the load with an error, not
 * page forever. */
static void test_v3_next_link_repeating_page_fails(void **state)
{
	struct run *r = *state;
	char page[1024];

	rec_vac_meta(&r->rec);
	snprintf(page, sizeof(page), "%.*s,\"odata.nextLink\":\"%s\"}",
		 (int)strlen(one_row_page) - 1, one_row_page,
		 V3_VAC "TypedDataSet?$format=json");
	rec_text(&r->rec, V3_VAC "TypedDataSet?$format=json", page, JSON_TYPE,
		 200);
	r->progress.max_pages = 20;
	expect_fail(r, VAC_ENTRY, IZ_EHTTP, V3_VAC "TypedDataSet?$format=json",
		    "nextLink", NULL);
}

/* ---- v4: 80072ned ----------------------------------------------------- */

static void test_v4_observation_count(void **state)
{
	struct run *r = get_verzuim();

	(void)state;
	assert_int_equal(r->res.observations, 4409);
	assert_int_equal(r->res.pages, 1);
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM observation"),
			 4409);
	/* 39 SBI codes, one measure */
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM indicator"), 39);
}

static void test_v4_first_observation_value(void **state)
{
	struct run *r = get_verzuim();

	(void)state;
	assert_near(q_real(r->st,
			   "SELECT o.value FROM observation o JOIN indicator "
			   "i ON i.id = o.indicator WHERE i.measure = "
			   "'M001924' AND i.dims = "
			   "'BedrijfskenmerkenSBI2008=T001081' AND o.period = "
			   "'1996KW01' AND o.region = 'NL01'"),
		    5.5, 1e-12);
	q_text(r->st, "SELECT DISTINCT title FROM indicator",
	       "Ziekteverzuimpercentage");
	q_text(r->st, "SELECT DISTINCT unit FROM indicator", "%");
	assert_int_equal(q_int(r->st,
			       "SELECT DISTINCT decimals FROM indicator"),
			 1);
}

static void test_v4_period_status_voorlopig(void **state)
{
	struct run *r = get_verzuim();

	(void)state;
	assert_int_equal(q_int(r->st, "SELECT count(*) FROM period"), 121);
	q_text(r->st, "SELECT status FROM period WHERE code = '2020KW01'",
	       "Voorlopig");
	q_text(r->st, "SELECT status FROM period WHERE code = '1996KW01'",
	       "Definitief");
	q_text(r->st, "SELECT title FROM period WHERE code = '2020KW01'",
	       "2020 1e kwartaal");
}

static void test_v4_dataset_row(void **state)
{
	struct run *r = get_verzuim();

	(void)state;
	assert_string_equal(r->res.modified, "2020-06-19T02:00:00+02:00");
	q_text(r->st, "SELECT modified FROM dataset",
	       "2020-06-19T02:00:00+02:00");
	q_text(r->st, "SELECT source FROM dataset", "cbs-v4");
	q_text(r->st, "SELECT output_status FROM dataset", "Regulier");
	q_text(r->st, "SELECT reason_delivery FROM dataset", "Actualisering");
	q_text(r->st, "SELECT title FROM dataset",
	       "Ziekteverzuimpercentage; bedrijfstakken (SBI 2008) en "
	       "bedrijfsgrootte");
}

static void test_v4_value_attribute_kept_as_status(void **state)
{
	struct run *r = *state;

	rec_verzuim_meta(&r->rec);
	rec_fixture(&r->rec, V4_VERZUIM "Observations",
		    "v4-80072ned-Observations-impossible.json");
	expect_ok(r, VERZUIM_ENTRY "}", NULL);
	assert_int_equal(r->res.observations, 3);
	q_text(r->st,
	       "SELECT status FROM observation WHERE period = '1996KW01'",
	       "Impossible");
	q_text(r->st,
	       "SELECT typeof(value) FROM observation WHERE period = "
	       "'1996KW01'",
	       "null");
	assert_near(q_real(r->st, "SELECT value FROM observation WHERE period "
				  "= '1996KW02'"),
		    4.6, 1e-12);
	/* Value null with "None": missing without a reason of its own */
	q_text(r->st,
	       "SELECT typeof(value) || ',' || status FROM observation WHERE "
	       "period = '1996KW03'",
	       "null,null");
}

static void test_v4_next_link_followed(void **state)
{
	struct run *r = *state;

	rec_verzuim_meta(&r->rec);
	rec_fixture(&r->rec, V4_VERZUIM "Observations",
		    "v4-80072ned-Observations-page1.json");
	rec_fixture(&r->rec, V4_VERZUIM "Observations?$skip=2",
		    "v4-80072ned-Observations-page2.json");
	expect_ok(r, VERZUIM_ENTRY "}", NULL);
	assert_int_equal(r->res.observations, 3);
	assert_int_equal(r->res.pages, 2);
	assert_near(q_real(r->st, "SELECT value FROM observation WHERE period "
				  "= '1996KW03'"),
		    4.0, 0);
}

static void test_v4_next_link_to_other_host_fails(void **state)
{
	struct run *r = *state;

	rec_verzuim_meta(&r->rec);
	rec_text(&r->rec, V4_VERZUIM "Observations",
		 "{\"value\":[],\"@odata.nextLink\":"
		 "\"http://datasets.cbs.nl/odata/v1/CBS/80072ned/"
		 "Observations?$skip=2\"}",
		 JSON_TYPE, 200);
	expect_fail(r, VERZUIM_ENTRY "}", IZ_EHTTP,
		    V4_VERZUIM "Observations: key '@odata.nextLink': points "
			       "to another host",
		    NULL);
}

static void test_v4_next_link_repeating_page_fails(void **state)
{
	struct run *r = *state;

	rec_verzuim_meta(&r->rec);
	rec_text(&r->rec, V4_VERZUIM "Observations",
		 "{\"value\":[],\"@odata.nextLink\":\"" V4_VERZUIM
		 "Observations?$skip=0\"}",
		 JSON_TYPE, 200);
	rec_text(&r->rec, V4_VERZUIM "Observations?$skip=0",
		 "{\"value\":[],\"@odata.nextLink\":\"" V4_VERZUIM
		 "Observations?$skip=0\"}",
		 JSON_TYPE, 200);
	r->progress.max_pages = 20;
	expect_fail(r, VERZUIM_ENTRY "}", IZ_EHTTP,
		    V4_VERZUIM "Observations?$skip=0", "nextLink", NULL);
}

static void test_v4_mapped_measure_missing_fails(void **state)
{
	struct run *r = *state;

	rec_verzuim(&r->rec);
	expect_fail(r,
		    VERZUIM_ENTRY ",\"measures\":{\"M000352\":{\"indicator\":"
				  "\"verzuim\"}}}",
		    IZ_EINPUT,
		    V4_VERZUIM "MeasureCodes: measure 'M000352' of catalog "
			       "entry 'verzuim' is not in the table",
		    NULL);
}

static void test_v4_filter_code_not_in_dimension_fails(void **state)
{
	struct run *r = *state;

	rec_verzuim(&r->rec);
	expect_fail(r,
		    VERZUIM_ENTRY ",\"filters\":{\"BedrijfskenmerkenSBI2008\":"
				  "[\"T009999\"]}}",
		    IZ_EINPUT,
		    ENTRY_NAME ": key 'filters.BedrijfskenmerkenSBI2008': code "
			       "'T009999' is not in the table's dimension",
		    NULL);
}

static void test_v4_filter_request(void **state)
{
	struct run *r = *state;

	rec_verzuim_meta(&r->rec);
	rec_fixture(&r->rec,
		    V4_VERZUIM "Observations?$filter=(BedrijfskenmerkenSBI2008 "
			       "eq 'T001081')",
		    "v4-80072ned-Observations-impossible.json");
	expect_ok(r,
		  VERZUIM_ENTRY ",\"measures\":{\"M001924\":{\"indicator\":"
				"\"verzuim\",\"title\":"
				"\"Ziekteverzuimpercentage\",\"unit\":\"%\"}},"
				"\"filters\":{\"BedrijfskenmerkenSBI2008\":"
				"[\"T001081\"]}}",
		  NULL);
	assert_int_equal(r->res.observations, 3);
	q_text(r->st, "SELECT DISTINCT code FROM indicator", "verzuim");
}

/* ---- listings ----------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		fail_msg("cannot read '%s'", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void parse_real_listing(struct iz_cbs_listing *l, const char *name,
			       enum iz_source src)
{
	struct iz_error err = IZ_ERROR_INIT;
	char path[PATH_MAX];
	size_t len;
	char *body;

	snprintf(path, sizeof(path), "%s/%s", realdata(), name);
	body = slurp(path, &len);
	memset(l, 0, sizeof(*l));
	if (iz_cbs_listing_parse(l, body, len, "https://listing", src, &err) !=
	    0)
		fail_msg("listing: %s", err.msg);
	free(body);
}

static void test_listing_v3_rows(void **state)
{
	struct iz_cbs_listing l;
	const struct iz_cbs_table_row *row;

	(void)state;
	parse_real_listing(&l, "v3-catalog-Tables-20rows.json",
			   IZ_SOURCE_CBS_V3);
	assert_int_equal(l.n, 20);
	assert_string_equal(l.rows[0].identifier, "84669NED");
	assert_string_equal(l.rows[0].modified, "2019-12-18T02:00:00");
	assert_string_equal(l.rows[0].reason_delivery, "Verbetering");
	assert_string_equal(l.rows[0].frequency, "Perjaar");
	assert_string_equal(l.rows[0].output_status, "Regulier");
	assert_string_equal(l.rows[0].title, "Banen van werknemers; "
					     "internationaliseringskenmerken "
					     "van bedrijven");
	/* lookups ignore case */
	row = iz_cbs_listing_find(&l, "83599ned");
	assert_non_null(row);
	assert_string_equal(row->identifier, "83599NED");
	assert_string_equal(row->modified, "2020-08-14T02:00:00");
	assert_null(iz_cbs_listing_find(&l, "85618NED"));
	iz_cbs_listing_release(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.rows);
}

static void test_listing_v3_stopped_rows(void **state)
{
	struct iz_cbs_listing l;
	size_t i, stopped = 0;

	(void)state;
	parse_real_listing(&l, "v3-catalog-Tables-20rows.json",
			   IZ_SOURCE_CBS_V3);
	assert_true(iz_cbs_row_stopped(iz_cbs_listing_find(&l, "83257NED")));
	assert_false(iz_cbs_row_stopped(iz_cbs_listing_find(&l, "83599NED")));
	assert_false(iz_cbs_row_stopped(iz_cbs_listing_find(&l, "80137ned")));
	for (i = 0; i < l.n; i++)
		stopped += iz_cbs_row_stopped(&l.rows[i]);
	assert_int_equal(stopped, 3); /* 83255NED, 83256NED, 83257NED */
	iz_cbs_listing_release(&l);
}

static void test_listing_v4_uses_observations_modified(void **state)
{
	struct iz_cbs_listing l;
	const struct iz_cbs_table_row *row;
	size_t i, stopped = 0;

	(void)state;
	parse_real_listing(&l, "v4beta-Datasets.json", IZ_SOURCE_CBS_V4);
	assert_int_equal(l.n, 53);
	/* Modified 2020-01-23, ObservationsModified 2019-11-14 */
	row = iz_cbs_listing_find(&l, "81075ned");
	assert_non_null(row);
	assert_string_equal(row->modified, "2019-11-14T02:00:00+01:00");
	row = iz_cbs_listing_find(&l, "80072NED");
	assert_non_null(row);
	assert_string_equal(row->modified, "2020-06-19T02:00:00+02:00");
	assert_string_equal(row->reason_delivery, "Actualisering");
	assert_string_equal(row->output_status, "Regulier");
	for (i = 0; i < l.n; i++)
		stopped += iz_cbs_row_stopped(&l.rows[i]);
	assert_int_equal(stopped, 3); /* Status "Gediscontinueerd" */
	iz_cbs_listing_release(&l);
}

static const char editions[] =
	"{\"value\":["
	"{\"Identifier\":\"86059NED\","
	"\"Title\":\"Gebieden in Nederland 2025\"},"
	"{\"Identifier\":\"86247NED\","
	"\"Title\":\"Gebieden in Nederland 2026\"},"
	"{\"Identifier\":\"85755NED\","
	"\"Title\":\"Gebieden in Nederland 2024\"},"
	"{\"Identifier\":\"85984NED\",\"Title\":\"Kerncijfers wijken en "
	"buurten 2027\"},"
	"{\"Identifier\":\"80000NED\"}]}";

static void test_listing_newer_edition(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_cbs_listing l = { 0 };
	const char *newer;

	(void)state;
	assert_int_equal(iz_cbs_listing_parse(&l, editions, strlen(editions),
					      "https://listing",
					      IZ_SOURCE_CBS_V3, &err),
			 0);
	assert_int_equal(l.n, 5);
	newer = iz_cbs_newer_edition(&l, "86059NED");
	assert_non_null(newer);
	assert_string_equal(newer, "86247NED");
	/* two newer ones: the newest */
	newer = iz_cbs_newer_edition(&l, "85755ned");
	assert_non_null(newer);
	assert_string_equal(newer, "86247NED");
	assert_null(iz_cbs_newer_edition(&l, "86247NED"));
	/* a different title is no edition, however new */
	assert_null(iz_cbs_newer_edition(&l, "85984NED"));
	assert_null(iz_cbs_newer_edition(&l, "80000NED")); /* no title */
	assert_null(iz_cbs_newer_edition(&l, "99999NED"));
	iz_cbs_listing_release(&l);
}

static void expect_listing_fail(const char *body, const char *want)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_cbs_listing l = { 0 };

	assert_int_equal(iz_cbs_listing_parse(&l, body, strlen(body),
					      "https://listing/Tables",
					      IZ_SOURCE_CBS_V3, &err),
			 -1);
	assert_int_equal(err.code, IZ_EHTTP);
	if (!strstr(err.msg, want))
		fail_msg("'%s' not in: %s", want, err.msg);
	iz_cbs_listing_release(&l);
}

static void test_listing_malformed(void **state)
{
	(void)state;
	expect_listing_fail("<html>",
			    "https://listing/Tables: malformed JSON");
	expect_listing_fail("{\"value\":5}",
			    "https://listing/Tables: key 'value': expected a "
			    "list");
	expect_listing_fail("{\"value\":[{\"Identifier\":\"A\"},{\"Title\":"
			    "\"x\"}]}",
			    "https://listing/Tables: row 1: key 'Identifier': "
			    "expected a string");
}

static void test_listing_urls_and_hosts(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_dataset *ds = NULL;
	char *s;

	(void)state;
	assert_int_equal(iz_catalog_parse(&ds, BANEN_ENTRY "}", ENTRY_NAME,
					  &err),
			 0);
	s = iz_cbs_host(ds);
	assert_string_equal(s, "https://opendata.cbs.nl");
	free(s);
	s = iz_cbs_listing_url(ds);
	assert_string_equal(s, V3_LISTING);
	free(s);
	iz_dataset_free(ds);

	assert_int_equal(
		iz_catalog_parse(&ds, BANEN_ENTRY ",\"catalog\":\"Politie\"}",
				 ENTRY_NAME, &err),
		0);
	s = iz_cbs_host(ds);
	assert_string_equal(s, "https://dataderden.cbs.nl");
	free(s);
	iz_dataset_free(ds);

	assert_int_equal(
		iz_catalog_parse(&ds,
				 VERZUIM_ENTRY
				 ",\"base_url\":\"http://127.0.0.1:8080//\"}",
				 ENTRY_NAME, &err),
		0);
	s = iz_cbs_host(ds);
	assert_string_equal(s, "http://127.0.0.1:8080");
	free(s);
	s = iz_cbs_listing_url(ds);
	assert_string_equal(s, "http://127.0.0.1:8080/odata/v1/Datasets?"
			       "$select=Identifier,Title,Catalog,Status,"
			       "Modified,ObservationsModified,VersionReason,"
			       "Frequency");
	free(s);
	iz_dataset_free(ds);
}

/* iz_cbs_listing_fetch through a recording, following a nextLink. */
static void test_listing_fetch_follows_next_link(void **state)
{
	struct run *r = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_http_options o;
	struct iz_cbs_listing l;
	struct iz_dataset *ds = NULL;

	rec_text(&r->rec, V3_LISTING,
		 "{\"value\":[{\"Identifier\":\"00001NED\",\"Title\":\"A\"}],"
		 "\"odata.nextLink\":\"https://OPENDATA.cbs.nl/ODataCatalog/"
		 "Tables?$format=json&$skip=1\"}",
		 JSON_TYPE, 200);
	rec_real(&r->rec,
		 "https://OPENDATA.cbs.nl/ODataCatalog/Tables?$format=json&"
		 "$skip=1",
		 "v3-catalog-Tables-20rows.json");
	fclose(r->rec.manifest);
	r->rec.manifest = NULL;
	iz_http_options_init(&o);
	o.replay_dir = r->rec.dir;
	assert_int_equal(iz_http_new(&r->h, &o, &err), 0);
	assert_int_equal(iz_catalog_parse(&ds, BANEN_ENTRY "}", ENTRY_NAME,
					  &err),
			 0);
	if (iz_cbs_listing_fetch(&l, r->h, ds, &err) != 0)
		fail_msg("listing fetch: %s", err.msg);
	assert_int_equal(l.n, 21);
	assert_string_equal(l.rows[0].identifier, "00001NED");
	assert_string_equal(l.rows[20].identifier, "84166NED");
	iz_cbs_listing_release(&l);
	iz_dataset_free(ds);
}

static void test_listing_fetch_next_link_other_host_fails(void **state)
{
	struct run *r = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_http_options o;
	struct iz_cbs_listing l;
	struct iz_dataset *ds = NULL;

	rec_text(&r->rec, V3_LISTING,
		 "{\"value\":[],\"odata.nextLink\":\"https://evil.example.org/"
		 "ODataCatalog/Tables?$skip=1\"}",
		 JSON_TYPE, 200);
	fclose(r->rec.manifest);
	r->rec.manifest = NULL;
	iz_http_options_init(&o);
	o.replay_dir = r->rec.dir;
	assert_int_equal(iz_http_new(&r->h, &o, &err), 0);
	assert_int_equal(iz_catalog_parse(&ds, BANEN_ENTRY "}", ENTRY_NAME,
					  &err),
			 0);
	assert_int_equal(iz_cbs_listing_fetch(&l, r->h, ds, &err), -1);
	assert_int_equal(err.code, IZ_EHTTP);
	assert_string_equal(err.msg, V3_LISTING ": key 'odata.nextLink': "
						"points to another host");
	assert_int_equal(l.n, 0);
	iz_dataset_free(ds);
}

/* ---- the page decoder (cbs_page.c) against jansson ------------------------ */

static char dim_key[] = "Regio", topic_a[] = "A", topic_b[] = "B";

/* Decode body for dimension "Regio" and topics "A", "B". */
static struct cbs_page *decode(const char *body, bool *scanned)
{
	struct dim dims[1] = { { .key = dim_key } };
	struct topic topics[2] = { { .key = topic_a }, { .key = topic_b } };
	struct load l = { .dims = dims,
			  .ndims = 1,
			  .topics = topics,
			  .ntopics = 2 };
	struct cbs_keys *k = cbs_keys_new(&l);
	struct iz_response r = { .body = (char *)(uintptr_t)body,
				 .len = strlen(body) };
	struct iz_error err = IZ_ERROR_INIT;
	struct cbs_page *pg = NULL;

	if (cbs_page_decode(&pg, &r, "u", k, "odata.nextLink", &err) != 0)
		fail_msg("decode '%s': %s", body, err.msg);
	cbs_keys_free(k);
	*scanned = pg->root == NULL;
	return pg;
}

static void assert_same_cell(const struct cbs_cell *c, json_t *v)
{
	struct cbs_cell want = cbs_cell_of(v);

	assert_int_equal(c->kind, want.kind);
	if (c->kind == CBS_NUMBER) /* bit for bit, signed zeros too */
		assert_memory_equal(&c->number, &want.number, sizeof(double));
	if (c->kind == CBS_STRING)
		assert_string_equal(c->str, want.str);
}

/* What the page says agrees with jansson's tree of the same body. */
static void assert_page_as_jansson(const char *body, bool want_scanned)
{
	bool scanned;
	struct cbs_page *pg = decode(body, &scanned);
	json_t *root = json_loads(body, 0, NULL), *row;
	const char *keys[] = { topic_a, topic_b };
	size_t i, t;

	assert_non_null(root);
	assert_int_equal(scanned, want_scanned);
	assert_int_equal(pg->nrows,
			 json_array_size(json_object_get(root, "value")));
	json_array_foreach(json_object_get(root, "value"), i, row)
	{
		json_t *code = json_object_get(row, dim_key);

		assert_int_equal(pg->object[i], json_is_object(row));
		if (!json_is_object(row))
			continue;
		if (json_is_string(code))
			assert_string_equal(pg->codes[i],
					    json_string_value(code));
		else
			assert_null(pg->codes[i]);
		for (t = 0; t < 2; t++)
			assert_same_cell(&pg->cells[i * 2 + t],
					 json_object_get(row, keys[t]));
	}
	json_decref(root);
	cbs_page_free(pg);
}

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static unsigned next_rand(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* A random JSON number: sign, 1-17 digits, fraction, exponent. */
static void random_number(char *buf, size_t cap)
{
	size_t n = 0, i, digits = 1 + next_rand(17);

	if (next_rand(4) == 0)
		buf[n++] = '-';
	buf[n++] = (char)('0' + (digits > 1 ? 1 + next_rand(9) : next_rand(10)));
	for (i = 1; i < digits; i++)
		buf[n++] = (char)('0' + next_rand(10));
	if (next_rand(3) > 0) {
		buf[n++] = '.';
		for (i = next_rand(12) + 1; i > 0; i--)
			buf[n++] = (char)('0' + next_rand(10));
	}
	if (next_rand(4) == 0)
		n += (size_t)snprintf(buf + n, cap - n, "e%s%u",
				      next_rand(2) ? "-" : "", next_rand(30));
	buf[n] = '\0';
}

static void test_page_numbers_bit_for_bit_as_jansson(void **state)
{
	char num[64], body[256];
	size_t i, scanned = 0;
	bool s;
	struct cbs_page *pg;
	json_t *root;

	(void)state;
	for (i = 0; i < 20000; i++) {
		random_number(num, sizeof(num));
		snprintf(body, sizeof(body),
			 "{\"value\": [{\"Regio\": \"GM0363\", \"A\": %s}]}",
			 num);
		pg = decode(body, &s);
		root = json_loads(body, 0, NULL);
		assert_non_null(root);
		assert_same_cell(&pg->cells[0],
				 json_object_get(json_array_get(
							 json_object_get(root,
									 "value"),
							 0),
						 "A"));
		scanned += s;
		json_decref(root);
		cbs_page_free(pg);
	}
	/* most take the scanner's exact path, the rest jansson's */
	assert_true(scanned > 10000);
}

static void test_page_plain_json_scanned(void **state)
{
	(void)state;
	assert_page_as_jansson(
		"{\"odata.metadata\": \"x\", \"value\": [{\"ID\": 0, "
		"\"Regio\": \"GM0363    \", \"A\": 1.5, \"B\": null}, "
		"{\"Regio\": 7, \"B\": \"  .  \", \"Other\": \"y\"}, {}, "
		"{\"A\": -0, \"B\": -0.0}, {\"A\": 0.1, \"B\": 1e22}],"
		" \"odata.nextLink\": \"https://h/p2\"}",
		true);
	assert_page_as_jansson("{\"value\": []}", true);
}

static void test_page_unusual_json_parsed_by_jansson(void **state)
{
	static const char *const bodies[] = {
		"{\"value\": [{\"Regio\": \"a\\\"b\", \"A\": 1}]}",
		"{\"value\": [{\"Regio\": \"GM\\u0030363\", \"A\": 1}]}",
		"{\"value\": [{\"Regio\": \"s\xc3\xa9\", \"A\": 2}]}",
		"{\"value\": [{\"A\": 1, \"A\": 2}]}",
		"{\"value\": [{\"A\": true, \"B\": [1]}]}",
		"{\"value\": [[1], 2, {\"A\": 3}]}",
		"{\"value\": [{\"A\": 12345678901234567, \"B\": 1e300}]}",
		"{\"value\": [{\"A\": 1.2345678901234567, \"B\": 1e-30}]}",
		"{\"value\": [{\"X\": {\"n\": 1}, \"A\": 1}]}",
		"{\"value\": [{\"A\": 1}], \"odata.nextLink\": 5}",
		"{\"value\": [{\"A\": 1}], \"value\": []}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++)
		assert_page_as_jansson(bodies[i], false);
}

static void test_page_link_scanned(void **state)
{
	bool scanned;
	struct cbs_page *pg = decode("{\"odata.nextLink\": \"https://h/p2\","
				     " \"value\": [{\"A\": 1}]}",
				     &scanned);

	(void)state;
	assert_true(scanned);
	assert_string_equal(pg->link, "https://h/p2");
	cbs_page_free(pg);
}

static void test_page_malformed_fails_as_jansson(void **state)
{
	struct cbs_keys *k;
	struct dim dims[1] = { { .key = dim_key } };
	struct load l = { .dims = dims, .ndims = 1 };
	struct iz_response r = { .body = (char *)(uintptr_t) "{\"value\": [1.5.3]}",
				 .len = 18 };
	struct iz_error err = IZ_ERROR_INIT;
	struct cbs_page *pg = NULL;

	(void)state;
	k = cbs_keys_new(&l);
	assert_int_equal(cbs_page_decode(&pg, &r, "u", k, "odata.nextLink",
					 &err),
			 -1);
	assert_null(pg);
	assert_true(strncmp(err.msg, "u: malformed JSON at line 1", 27) == 0);
	cbs_keys_free(k);
}

int main(void)
{
#define T(f) cmocka_unit_test(f)
#define R(f) cmocka_unit_test_setup_teardown(f, run_setup, run_teardown)
	const struct CMUnitTest tests[] = {
		T(test_page_numbers_bit_for_bit_as_jansson),
		T(test_page_plain_json_scanned),
		T(test_page_unusual_json_parsed_by_jansson),
		T(test_page_link_scanned),
		T(test_page_malformed_fails_as_jansson),
		T(test_v3_typed_observation_count),
		T(test_v3_typed_titles_and_units_from_data_properties),
		T(test_v3_typed_value_with_trimmed_dims),
		T(test_v3_typed_periods_definitief),
		T(test_v3_typed_dataset_row),
		R(test_v3_listed_row_flags_stored),
		R(test_v3_measure_wrong_title_fails),
		R(test_v3_measure_wrong_unit_fails),
		R(test_v3_mapped_measures_only_loaded),
		R(test_v3_mapped_measure_missing_fails),
		R(test_v3_catalog_dimension_not_in_table_fails),
		R(test_v3_filter_dimension_not_in_table_fails),
		R(test_v3_filter_code_not_in_dimension_fails),
		R(test_v3_filter_requests_padded_key),
		R(test_v3_prefix_filter_request),
		R(test_v3_dimension_code_life_stage),
		T(test_v3_paged_observation_count),
		T(test_v3_paged_untyped_string_parsed),
		T(test_v3_paged_empty_cell_null_with_status),
		T(test_v3_paged_regions_trimmed_with_levels),
		T(test_v3_paged_series_continues_across_pages),
		T(test_v3_paged_periods_with_status),
		R(test_v3_not_json_fails_with_url),
		R(test_v3_truncated_page_fails),
		R(test_v3_top_level_array_fails),
		R(test_v3_response_without_value_fails),
		R(test_v3_html_content_type_fails),
		R(test_v3_recorded_http_error_fails),
		R(test_v3_unrecorded_url_fails),
		R(test_v3_next_link_to_other_host_fails),
		R(test_v3_untyped_not_a_number_fails),
		R(test_v3_row_missing_topic_fails),
		R(test_v3_row_dimension_not_string_fails),
		R(test_v3_symbols_and_nulls_keep_status),
		R(test_v3_margin_dimension_parts_in_one_row),
		R(test_v3_long_dimension_codes_not_truncated),
		R(test_v3_no_time_dimension_period_from_table_infos),
		R(test_v3_no_time_dimension_period_from_title),
		R(test_v3_no_time_dimension_no_year_fails),
		R(test_v3_next_link_repeating_page_fails),
		T(test_v4_observation_count),
		T(test_v4_first_observation_value),
		T(test_v4_period_status_voorlopig),
		T(test_v4_dataset_row),
		R(test_v4_value_attribute_kept_as_status),
		R(test_v4_next_link_followed),
		R(test_v4_next_link_to_other_host_fails),
		R(test_v4_next_link_repeating_page_fails),
		R(test_v4_mapped_measure_missing_fails),
		R(test_v4_filter_code_not_in_dimension_fails),
		R(test_v4_filter_request),
		T(test_listing_v3_rows),
		T(test_listing_v3_stopped_rows),
		T(test_listing_v4_uses_observations_modified),
		T(test_listing_newer_edition),
		T(test_listing_malformed),
		T(test_listing_urls_and_hosts),
		R(test_listing_fetch_follows_next_link),
		R(test_listing_fetch_next_link_other_host_fails),
	};
	int failed;
#undef T
#undef R

	if (iz_http_global_init() != 0) {
		fprintf(stderr, "iz_http_global_init failed\n");
		return 1;
	}
	failed = cmocka_run_group_tests(tests, NULL, group_teardown);
	iz_http_global_cleanup();
	return failed;
}
