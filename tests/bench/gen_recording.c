/*
 * gen_recording: write a synthetic CBS OData v3 recording for `make bench`.
 * Table BENCH01 at https://opendata.cbs.nl has a GeoDimension
 * WijkenEnBuurten (NL00, then gemeenten, then their wijken and buurten), a
 * TimeDimension Perioden (2024JJ00 downwards) and M Double topics; its
 * TypedDataSet holds one row per region and period, split into pages that
 * link on with odata.nextLink exactly as the ODataFeed service does.
 *
 * Output is deterministic (a fixed-seed xorshift generator) and written
 * row by row, so a recording of any size takes no more memory than one row.
 *
 * usage: gen_recording --dir <dir> --regions <n> --measures <m>
 *                      --rows-per-page <p> [--periods <k>]
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define HOST "https://opendata.cbs.nl"
#define TABLE "BENCH01"
#define FEED HOST "/ODataFeed/odata/" TABLE "/"
#define META HOST "/ODataFeed/OData/" TABLE "/$metadata#Cbs.OData.WebAPI."
#define MODIFIED "2025-01-01T02:00:00"
#define CTYPE "application/json"
#define MAX_GEMEENTEN 350
#define WIJK_SIZE 5 /* one wijk followed by four of its buurten */
#define MAX_WIJKEN 100 /* two digits in the code */
#define FIRST_YEAR 2024

struct params {
	const char *dir;
	long regions;
	long measures;
	long rows_per_page;
	long periods;
};

/* The region layout derived from the number of regions. */
struct layout {
	long gemeenten;
	long wijken_per_gemeente;
};

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

/* xorshift64*: small, fast and the same on every platform. */
static uint64_t rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1du;
}

static void usage(void)
{
	fputs("usage: gen_recording --dir <dir> --regions <n> --measures <m> "
	      "--rows-per-page <p> [--periods <k>]\n",
	      stderr);
	exit(2);
}

static long number(const char *opt, const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 100000000) {
		fprintf(stderr, "gen_recording: %s: bad number '%s'\n", opt,
			s);
		exit(2);
	}
	return v;
}

static long *option(struct params *p, const char *name)
{
	if (strcmp(name, "--regions") == 0)
		return &p->regions;
	if (strcmp(name, "--measures") == 0)
		return &p->measures;
	if (strcmp(name, "--rows-per-page") == 0)
		return &p->rows_per_page;
	if (strcmp(name, "--periods") == 0)
		return &p->periods;
	return NULL;
}

static void parse_args(struct params *p, int argc, char **argv)
{
	long *slot;
	int i;

	p->periods = 1;
	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--dir") == 0)
			p->dir = argv[i + 1];
		else if ((slot = option(p, argv[i])) != NULL)
			*slot = number(argv[i], argv[i + 1]);
		else
			usage();
	}
	if (i != argc || !p->dir || !p->regions || !p->measures ||
	    !p->rows_per_page)
		usage();
}

static int plan_layout(struct layout *lay, long regions)
{
	long rest;

	lay->gemeenten = regions - 1 < MAX_GEMEENTEN ? regions - 1 :
						       MAX_GEMEENTEN;
	rest = regions - 1 - lay->gemeenten;
	lay->wijken_per_gemeente = 0;
	if (rest > 0)
		lay->wijken_per_gemeente =
			(rest + WIJK_SIZE * lay->gemeenten - 1) /
			(WIJK_SIZE * lay->gemeenten);
	if (lay->wijken_per_gemeente > MAX_WIJKEN) {
		fprintf(stderr, "gen_recording: at most %ld regions\n",
			1 + MAX_GEMEENTEN +
				(long)MAX_GEMEENTEN * MAX_WIJKEN * WIJK_SIZE);
		return -1;
	}
	return 0;
}

/* A gemeente number between 0003 and 1999, spread like the real ones. */
static long gemeente_number(long g)
{
	return 3 + g * 5 + g % 3;
}

/*
 * Region i as its key, space-padded to 10 characters as CBS serves it, and
 * its title. The order is NL00, every gemeente, then per gemeente its wijken
 * each followed by its buurten.
 */
static void region(char key[11], char *title, size_t n,
		   const struct layout *lay, long i)
{
	long j, w, gm, wk, r;

	if (i == 0) {
		snprintf(key, 11, "%-10s", "NL00");
		snprintf(title, n, "Nederland");
		return;
	}
	if (i <= lay->gemeenten) {
		gm = gemeente_number(i - 1);
		snprintf(key, 11, "GM%04ld    ", gm);
		snprintf(title, n, "Gemeente %ld", gm);
		return;
	}
	j = i - 1 - lay->gemeenten;
	w = j / WIJK_SIZE;
	r = j % WIJK_SIZE;
	gm = gemeente_number(w / lay->wijken_per_gemeente);
	wk = w % lay->wijken_per_gemeente;
	if (r == 0) {
		snprintf(key, 11, "WK%04ld%02ld  ", gm, wk);
		snprintf(title, n, "Wijk %02ld %ld", wk, gm);
	} else {
		snprintf(key, 11, "BU%04ld%02ld%02ld", gm, wk, r - 1);
		snprintf(title, n, "Buurt %02ld-%02ld \\\"Centrum\\\"", wk,
			 r - 1);
	}
}

static FILE *open_body(const struct params *p, const char *file)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", p->dir, file);
	f = fopen(path, "w");
	if (!f)
		fprintf(stderr, "gen_recording: cannot write '%s': %s\n",
			path, strerror(errno));
	return f;
}

static int close_body(FILE *f, const char *file)
{
	bool bad = ferror(f) != 0;

	if (fclose(f) != 0 || bad) {
		fprintf(stderr, "gen_recording: cannot write '%s'\n", file);
		return -1;
	}
	return 0;
}

static void manifest_line(FILE *m, const char *file, const char *url)
{
	fprintf(m, "200\t" CTYPE "\t%s\t%s\n", file, url);
}

static int write_listing(FILE *m, const struct params *p)
{
	static const char file[] = "catalog-Tables.json";
	FILE *f = open_body(p, file);

	if (!f)
		return -1;
	fputs("{\"odata.metadata\":\"" HOST "/ODataCatalog/$metadata#Tables\","
	      "\"value\":[{\"Identifier\":\"" TABLE "\",\"Title\":\"Bench\","
	      "\"ShortTitle\":\"Bench\",\"Modified\":\"" MODIFIED "\","
	      "\"MetaDataModified\":\"" MODIFIED "\","
	      "\"ReasonDelivery\":\"Actualisering\",\"Frequency\":\"Perjaar\","
	      "\"OutputStatus\":\"Regulier\",\"Catalog\":\"CBS\"}]}",
	      f);
	manifest_line(m, file,
		      HOST "/ODataCatalog/Tables?$format=json&$select="
			   "Identifier,Title,ShortTitle,Modified,"
			   "MetaDataModified,ReasonDelivery,Frequency,"
			   "OutputStatus,Catalog");
	return close_body(f, file);
}

static int write_table_infos(FILE *m, const struct params *p)
{
	static const char file[] = "TableInfos.json";
	FILE *f = open_body(p, file);

	if (!f)
		return -1;
	fputs("{\"odata.metadata\":\"" META "TableInfos\",\"value\":[{"
	      "\"ID\":0,\"Identifier\":\"" TABLE "\",\"Title\":\"Bench\","
	      "\"ShortTitle\":\"Bench\",\"Modified\":\"" MODIFIED "\","
	      "\"MetaDataModified\":\"" MODIFIED "\","
	      "\"ReasonDelivery\":\"Actualisering\",\"OutputStatus\":"
	      "\"Regulier\",\"Catalog\":\"CBS\",\"Frequency\":\"Perjaar\"}]}",
	      f);
	manifest_line(m, file, FEED "TableInfos?$format=json");
	return close_body(f, file);
}

static void write_topics(FILE *f, const struct params *p)
{
	long t;

	for (t = 1; t <= p->measures; t++)
		fprintf(f,
			",{\"odata.type\":\"Cbs.OData.Topic\",\"ID\":%ld,"
			"\"Position\":%ld,\"ParentID\":null,"
			"\"Type\":\"Topic\",\"Key\":\"Meting%ld_%ld\","
			"\"Title\":\"Meting %ld\",\"Description\":null,"
			"\"Datatype\":\"Double\",\"Unit\":\"%%\","
			"\"Decimals\":1,\"Default\":\"Missing\"}",
			t + 1, t + 1, t, t, t);
}

static int write_data_properties(FILE *m, const struct params *p)
{
	static const char file[] = "DataProperties.json";
	FILE *f = open_body(p, file);

	if (!f)
		return -1;
	fputs("{\"odata.metadata\":\"" META "DataProperties\",\"value\":["
	      "{\"odata.type\":\"Cbs.OData.GeoDimension\",\"ID\":0,"
	      "\"Position\":0,\"ParentID\":null,\"Type\":\"GeoDimension\","
	      "\"Key\":\"WijkenEnBuurten\",\"Title\":\"Wijken en buurten\","
	      "\"Description\":null},"
	      "{\"odata.type\":\"Cbs.OData.TimeDimension\",\"ID\":1,"
	      "\"Position\":1,\"ParentID\":null,\"Type\":\"TimeDimension\","
	      "\"Key\":\"Perioden\",\"Title\":\"Perioden\","
	      "\"Description\":null,\"ReleasePolicy\":false}",
	      f);
	write_topics(f, p);
	fputs("]}", f);
	manifest_line(m, file, FEED "DataProperties?$format=json");
	return close_body(f, file);
}

static int write_regions(FILE *m, const struct params *p,
			 const struct layout *lay)
{
	static const char file[] = "WijkenEnBuurten.json";
	FILE *f = open_body(p, file);
	char key[11], title[64];
	long i;

	if (!f)
		return -1;
	fputs("{\"odata.metadata\":\"" META "WijkenEnBuurten\",\"value\":[",
	      f);
	for (i = 0; i < p->regions; i++) {
		region(key, title, sizeof(title), lay, i);
		fprintf(f,
			"%s{\"Key\":\"%s\",\"Title\":\"%s\","
			"\"Description\":null,\"CategoryGroupID\":null}",
			i ? "," : "", key, title);
	}
	fputs("]}", f);
	manifest_line(m, file, FEED "WijkenEnBuurten?$format=json");
	return close_body(f, file);
}

static int write_periods(FILE *m, const struct params *p)
{
	static const char file[] = "Perioden.json";
	FILE *f = open_body(p, file);
	long k;

	if (!f)
		return -1;
	fputs("{\"odata.metadata\":\"" META "Perioden\",\"value\":[", f);
	for (k = 0; k < p->periods; k++)
		fprintf(f,
			"%s{\"Key\":\"%04ldJJ00\",\"Title\":\"%04ld\","
			"\"Description\":null,\"Status\":\"Definitief\"}",
			k ? "," : "", FIRST_YEAR - k, FIRST_YEAR - k);
	fputs("]}", f);
	manifest_line(m, file, FEED "Perioden?$format=json");
	return close_body(f, file);
}

/* One cell: about 2% null, else a value with one decimal. */
static void write_cell(FILE *f, long t)
{
	uint64_t x = rng_next();

	if (x % 50 == 0)
		fprintf(f, ",\"Meting%ld_%ld\":null", t, t);
	else
		fprintf(f, ",\"Meting%ld_%ld\":%" PRIu64 ".%" PRIu64, t, t,
			(x >> 8) % 1000, (x >> 20) % 10);
}

static void write_row(FILE *f, const struct params *p,
		      const struct layout *lay, long id)
{
	char key[11], title[64];
	long t, year = FIRST_YEAR - id % p->periods;

	region(key, title, sizeof(title), lay, id / p->periods);
	fprintf(f,
		"{\"ID\":%ld,\"WijkenEnBuurten\":\"%s\","
		"\"Perioden\":\"%04ldJJ00\"",
		id, key, year);
	for (t = 1; t <= p->measures; t++)
		write_cell(f, t);
	fputc('}', f);
}

static void page_url(char *buf, size_t n, long skip)
{
	if (skip == 0)
		snprintf(buf, n, FEED "TypedDataSet?$format=json");
	else
		snprintf(buf, n, FEED "TypedDataSet?$format=json&$skip=%ld",
			 skip);
}

/* Page k holds rows [k * P, (k + 1) * P) and links to page k + 1. */
static int write_page(FILE *m, const struct params *p,
		      const struct layout *lay, long k, long rows)
{
	char file[64], url[256], next[256];
	long first = k * p->rows_per_page, id;
	FILE *f;

	snprintf(file, sizeof(file), "TypedDataSet-%06ld.json", k + 1);
	if (!(f = open_body(p, file)))
		return -1;
	fputs("{\"odata.metadata\":\"" META "TypedDataSet\",\"value\":[", f);
	for (id = first; id < rows && id < first + p->rows_per_page; id++) {
		if (id > first)
			fputc(',', f);
		write_row(f, p, lay, id);
	}
	fputc(']', f);
	if (id < rows) {
		page_url(next, sizeof(next), id);
		fprintf(f, ",\"odata.nextLink\":\"%s\"", next);
	}
	fputs("}", f);
	page_url(url, sizeof(url), first);
	manifest_line(m, file, url);
	return close_body(f, file);
}

static int write_pages(FILE *m, const struct params *p,
		       const struct layout *lay)
{
	long rows = p->regions * p->periods, k;

	for (k = 0; k * p->rows_per_page < rows; k++)
		if (write_page(m, p, lay, k, rows) < 0)
			return -1;
	return 0;
}

static int write_all(FILE *m, const struct params *p,
		     const struct layout *lay)
{
	fputs("# inzicht recording 1\n", m);
	if (write_listing(m, p) < 0 || write_table_infos(m, p) < 0 ||
	    write_data_properties(m, p) < 0 || write_regions(m, p, lay) < 0 ||
	    write_periods(m, p) < 0 || write_pages(m, p, lay) < 0)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	struct params p = { 0 };
	struct layout lay;
	FILE *m;
	int rc;

	parse_args(&p, argc, argv);
	if (plan_layout(&lay, p.regions) < 0)
		return 1;
	if (mkdir(p.dir, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "gen_recording: cannot create '%s': %s\n",
			p.dir, strerror(errno));
		return 1;
	}
	if (!(m = open_body(&p, "manifest.tsv")))
		return 1;
	rc = write_all(m, &p, &lay);
	if (close_body(m, "manifest.tsv") < 0)
		rc = -1;
	return rc < 0 ? 1 : 0;
}
