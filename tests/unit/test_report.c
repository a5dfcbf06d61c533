/*
 * Unit tests of the report: the sentence templates, the document's shape
 * (well-formed XML parsed by libxml2, sections, charts), the manifest, the
 * errors, and the disclosure promise: no value that disclosure control
 * withheld appears anywhere in the HTML text, its alt texts or the
 * manifest. The store is built in memory from a deterministic synthetic
 * population with many small cells.
 */
#include "iztest.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/report_priv.h"
#include "inzicht/population.h"
#include "inzicht/report.h"
#include "inzicht/stats.h"
#include "inzicht/store.h"

#define HOUSEHOLDS 900

struct fx {
	struct iz_store *st;
	char *html, *manifest;
	size_t html_len, manifest_len;
};

/* ---- the synthetic store ------------------------------------------------ */

static unsigned long long rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

static void must(int rc, const struct iz_error *err, const char *what)
{
	if (rc < 0)
		fail_msg("%s: %s", what, err->msg);
}

static const char *const schemes[] = { "bijzondere_bijstand", "kwijtschelding",
				       "meedoen", "kindpakket", "schuldhulp" };
static const char *const types[] = { "eenpersoons", "paar_zonder_kinderen",
				     "paar_met_kinderen", "eenouder" };
static const char *const partners[] = { "energie", "huur", "water",
					"zorgverzekeraar" };

static void put_population(struct iz_store *st)
{
	struct iz_error err = IZ_ERROR_INIT;
	char wijk[16];
	size_t i, s;

	rng_state = 20261126;
	must(iz_store_put_region(st, "GM0001", "Testdorp", "gemeente", NULL,
				 &err), &err, "region");
	for (i = 1; i <= 6; i++) {
		snprintf(wijk, sizeof(wijk), "WK00010%zu", i);
		must(iz_store_put_region(st, wijk, "Wijk", "wijk", "GM0001",
					 &err), &err, "wijk");
	}
	for (s = 0; s < 5; s++)
		must(iz_store_put_scheme(st, schemes[s], schemes[s],
					 s == 2 ? "sociale_inclusie" :
						  "financiele_stabiliteit",
					 s == 3 ? 130 : 120,
					 s == 3 ? "met_kinderen" : "all", &err),
		     &err, "scheme");
	for (i = 0; i < HOUSEHOLDS; i++) {
		int64_t id = (int64_t)(1000 + i);
		const char *type = types[rnd(4)];
		int kids = strstr(type, "met") || strcmp(type, "eenouder") == 0 ?
				   1 + (int)rnd(3) : 0;
		double income = 70 + rnd(100);
		struct iz_household h = {
			.id = id, .period = 2025, .region = wijk,
			.head_birth_year = 1940 + (int)rnd(65),
			.household_type = type, .children = kids,
			.income_pct_sm = income
		};

		snprintf(wijk, sizeof(wijk), "WK00010%u", 1 + rnd(6));
		must(iz_store_put_household(st, &h, &err), &err, "household");
		for (s = 0; s < 5; s++) {
			/* lower incomes use more, scheme s with odds ~1/(s+2) */
			unsigned odds = income < 120 ? (unsigned)s + 2 :
						       (unsigned)s + 8;
			struct iz_participation p = {
				.household = id, .scheme = schemes[s],
				.start_date = "2025-02-01", .end_date = NULL
			};

			if (rnd(odds) == 0)
				must(iz_store_put_participation(st, &p, &err),
				     &err, "participation");
		}
		if (rnd(6) == 0) {
			struct iz_signal g = { .household = id,
					       .partner = partners[rnd(4)],
					       .signal_date = "2025-05-10",
					       .arrears_eur = 250,
					       .outcome = NULL };

			must(iz_store_put_signal(st, &g, &err), &err, "signal");
		}
	}
}

static int setup(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct fx *f = calloc(1, sizeof(*f));

	if (!f || iz_store_open(&f->st, ":memory:", IZ_STORE_READWRITE,
				&err) < 0) {
		fprintf(stderr, "store: %s\n", err.msg);
		free(f);
		return -1;
	}
	put_population(f->st);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	iz_store_close(f->st);
	free(f->html);
	free(f->manifest);
	free(f);
	return 0;
}

/* Write the report of o into f->html and f->manifest; the return code. */
static int report(struct fx *f, const struct iz_report_opts *o,
		  struct iz_error *err)
{
	FILE *h, *m;
	int rc;

	free(f->html);
	free(f->manifest);
	f->html = f->manifest = NULL;
	h = open_memstream(&f->html, &f->html_len);
	m = open_memstream(&f->manifest, &f->manifest_len);
	assert_non_null(h);
	assert_non_null(m);
	rc = iz_report_write(h, m, f->st, o, err);
	fclose(h);
	fclose(m);
	return rc;
}

static void report_ok(struct fx *f, const struct iz_report_opts *o)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (report(f, o, &err) < 0)
		fail_msg("report: %s", err.msg);
}

static struct iz_report_opts opts(void)
{
	struct iz_report_opts o = IZ_REPORT_OPTS_INIT;

	o.region = "GM0001";
	o.generated_at = 1736035200; /* 2025-01-05T00:00:00Z: no two-digit number */
	return o;
}

/* ---- templates ------------------------------------------------------------ */

static void test_template_fills_arguments(void **state)
{
	char *s = RP_FMT("{2} en {1}, {2}", "a", "b");

	(void)state;
	assert_string_equal(s, "b en a, b");
	free(s);
	s = RP_FMT("{1} {3} {x} {0} }{", "a", "b");
	assert_string_equal(s, "a  {x} {0} }{");
	free(s);
}

static void test_template_escapes_in_html(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	rp_say(f, "<b>{1}</b>", (const char *const[]){ "a & <i>" }, 1);
	fclose(f);
	assert_string_equal(buf, "&lt;b&gt;a &amp; &lt;i&gt;&lt;/b&gt;");
	free(buf);
}

static void test_every_language_has_every_string(void **state)
{
	enum iz_lang langs[] = { IZ_LANG_NL, IZ_LANG_EN };
	size_t l, i;

	(void)state;
	for (l = 0; l < 2; l++) {
		const struct iz_report_text *tx = iz_report_text_get(langs[l]);

		for (i = 0; i < IZ_SP_CONTEXT; i++) {
			assert_non_null(tx->sp_name[i]);
			assert_non_null(tx->q_partners[i]);
		}
		for (i = 0; i < 5; i++)
			assert_non_null(tx->q_common[i]);
		assert_non_null(tx->sc_disclosure);
		assert_non_null(tx->ph_residual);
	}
	assert_string_equal(iz_report_text_get(IZ_LANG_EN)->lang, "en");
	assert_string_equal(iz_report_text_get(IZ_LANG_NL)->lang, "nl");
}

/* ---- the document ---------------------------------------------------------- */

static xmlDocPtr parse(const struct fx *f)
{
	xmlDocPtr doc = xmlReadMemory(f->html, (int)f->html_len, "report.html",
				      NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);

	if (!doc)
		fail_msg("the report is not well-formed XML");
	return doc;
}

static size_t count_named(xmlNodePtr n, const char *name)
{
	size_t c = 0;

	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			c++;
		c += count_named(n->children, name);
	}
	return c;
}

static void test_records_only_report(void **state)
{
	struct fx *f = *state;
	struct iz_report_opts o = opts();
	xmlDocPtr doc;

	report_ok(f, &o);
	doc = parse(f);
	/* samenvatting, regelingen, gespreksvragen, bronnen: the sections
	 * of open data are not there without it */
	assert_int_equal(count_named(xmlDocGetRootElement(doc), "section"),
			 4);
	/* uptake, uptake by life stage, stacking, upset */
	assert_int_equal(count_named(xmlDocGetRootElement(doc), "svg"), 4);
	assert_int_equal(count_named(xmlDocGetRootElement(doc), "figcaption"),
			 4);
	xmlFreeDoc(doc);
	assert_non_null(strstr(f->html, "Armoede en gezondheid in Testdorp"));
	assert_non_null(strstr(f->html, "registraties van 900 huishoudens"));
	assert_non_null(strstr(f->html, "Er zijn nog te weinig cijfers over "
					"armoede en gezondheid"));
	assert_non_null(strstr(f->html, "Over gezondheid staan nog geen "
					"cijfers in de database."));
	assert_null(strstr(f->html, "<section id=\"gezondheid\">"));
	assert_null(strstr(f->html, ">nan"));
	assert_null(strstr(f->html, "\"nan"));
	assert_null(strstr(f->html, "inf<"));
}

static void test_manifest_describes_the_figures(void **state)
{
	struct fx *f = *state;
	struct iz_report_opts o = opts();
	json_error_t jerr;
	json_t *m, *fig;
	size_t i, records = 0;

	report_ok(f, &o);
	m = json_loadb(f->manifest, f->manifest_len, 0, &jerr);
	assert_non_null(m);
	assert_string_equal(json_string_value(json_object_get(m, "region")),
			    "GM0001");
	assert_string_equal(
		json_string_value(json_object_get(m, "generated_at")),
		"2025-01-05T00:00:00Z");
	assert_int_equal(json_integer_value(json_object_get(
				 json_object_get(m, "disclosure"), "min_cell")),
			 10);
	json_array_foreach(json_object_get(m, "figures"), i, fig)
	{
		if (strcmp(json_string_value(json_object_get(fig, "section")),
			   "regelingen") != 0)
			continue;
		records++;
		assert_string_equal(json_string_value(json_array_get(
					    json_object_get(fig, "datasets"), 0)),
				    "records");
		assert_non_null(strstr(json_string_value(json_object_get(
					       fig, "disclosure")),
				       "counts of 1 to 9 households"));
	}
	assert_true(records >= 7);
	json_decref(m);
}

static void test_english(void **state)
{
	struct fx *f = *state;
	struct iz_report_opts o = opts();

	o.lang = IZ_LANG_EN;
	report_ok(f, &o);
	assert_non_null(strstr(f->html, "lang=\"en\""));
	assert_non_null(strstr(f->html, "Poverty and health in Testdorp"));
	assert_null(strstr(f->html, "Gespreksvragen"));
}

static void test_errors(void **state)
{
	struct fx *f = *state;
	struct iz_report_opts o = opts();
	struct iz_error err = IZ_ERROR_INIT;

	o.region = "WK000101";
	assert_int_equal(report(f, &o, &err), -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	assert_non_null(strstr(err.msg, "not a gemeente code"));
	o.region = "GM0002";
	assert_int_equal(report(f, &o, &err), -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	assert_non_null(strstr(err.msg, "the store knows no region GM0002"));
	o.region = "GM0001";
	o.period = 2019;
	assert_int_equal(report(f, &o, &err), -1);
	assert_int_equal(err.code, IZ_EINPUT);
}

static void test_nothing_to_report(void **state)
{
	struct iz_store *st;
	struct iz_error err = IZ_ERROR_INIT;
	struct fx g = { 0 };
	struct iz_report_opts o = opts();

	(void)state;
	assert_int_equal(iz_store_open(&st, ":memory:", IZ_STORE_READWRITE,
				       &err), 0);
	assert_int_equal(iz_store_put_region(st, "GM0001", "Leeg", "gemeente",
					     NULL, &err), 0);
	g.st = st;
	assert_int_equal(report(&g, &o, &err), -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_non_null(strstr(err.msg, "nothing to report for GM0001"));
	iz_store_close(st);
	free(g.html);
	free(g.manifest);
}

/* ---- the disclosure promise ------------------------------------------------ */

struct strset {
	char **s;
	size_t n;
};

static bool has(const struct strset *x, const char *s)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (strcmp(x->s[i], s) == 0)
			return true;
	return false;
}

static void add(struct strset *x, const char *s)
{
	if (has(x, s))
		return;
	x->s = realloc(x->s, (x->n + 1) * sizeof(*x->s));
	x->s[x->n++] = strdup(s);
}

static void drop_all(struct strset *x)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		free(x->s[i]);
	free(x->s);
	x->s = NULL;
	x->n = 0;
}

/* A cell as the report prints it (Dutch notation). */
static bool cell_text(char *buf, size_t n, const struct iz_table *t,
		      size_t row, size_t col)
{
	const struct iz_cell *c = iz_table_cell(t, row, col);
	int dec = iz_table_column(t, col)->decimals;

	if (c->kind == IZ_CELL_INT)
		iz_svg_number(buf, n, (double)c->v.i, 0, IZ_LANG_NL);
	else if (c->kind == IZ_CELL_REAL)
		iz_svg_number(buf, n, c->v.r, dec < 0 ? 3 : dec, IZ_LANG_NL);
	else
		return false;
	return true;
}

/* The identity of a row across the two runs: its key columns. */
static void row_key(char *buf, size_t n, const struct iz_table *t,
		    size_t row)
{
	static const char *const keys[] = { "group",	   "scheme",
					    "schemes",	   "combination",
					    "wijk",	   "life_stage",
					    "household_type" };
	size_t k, len = 0;

	buf[0] = '\0';
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]) && len < n; k++) {
		long c = iz_table_find_column(t, keys[k]);
		const struct iz_cell *cell;

		if (c < 0)
			continue;
		cell = iz_table_cell(t, row, (size_t)c);
		len += (size_t)snprintf(buf + len, n - len, "%s|",
					cell->kind == IZ_CELL_TEXT ?
						cell->v.text :
						"");
	}
}

/* Values published (pub) and withheld (secret, their true values). */
static void collect(struct strset *pub, struct strset *secret,
		    const struct iz_table *prot, const struct iz_table *truth)
{
	char k1[512], k2[512], v[64];
	size_t r, r2, c;

	for (r = 0; r < iz_table_nrows(prot); r++) {
		row_key(k1, sizeof(k1), prot, r);
		for (r2 = 0; r2 < iz_table_nrows(truth); r2++) {
			row_key(k2, sizeof(k2), truth, r2);
			if (strcmp(k1, k2) == 0)
				break;
		}
		assert_true(r2 < iz_table_nrows(truth));
		for (c = 0; c < iz_table_ncols(prot); c++) {
			if (iz_table_cell(prot, r, c)->kind ==
			    IZ_CELL_SUPPRESSED) {
				if (cell_text(v, sizeof(v), truth, r2, c))
					add(secret, v);
			} else if (cell_text(v, sizeof(v), prot, r, c)) {
				add(pub, v);
			}
		}
	}
}

/* Every word of text, trailing '.' and ',' dropped, into out. */
static void words(struct strset *out, char *text)
{
	static const char sep[] = " \t\n()%:;/=<>\"'[]{}T-";
	char *save = NULL, *tok;

	for (tok = strtok_r(text, sep, &save); tok;
	     tok = strtok_r(NULL, sep, &save)) {
		size_t len = strlen(tok);

		while (len && (tok[len - 1] == '.' || tok[len - 1] == ','))
			tok[--len] = '\0';
		if (len)
			add(out, tok);
	}
}

/* Text a reader can see or a screen reader reads: text nodes and the
 * title, alt and aria-label attributes. */
static void tokens(struct strset *out, xmlNodePtr n)
{
	static const char *const attrs[] = { "title", "alt", "aria-label" };
	size_t a;

	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE) {
			xmlChar *txt = xmlNodeGetContent(n);

			words(out, (char *)txt);
			xmlFree(txt);
		}
		if (n->type == XML_ELEMENT_NODE)
			for (a = 0; a < 3; a++) {
				xmlChar *v = xmlGetProp(n,
							(const xmlChar *)attrs[a]);

				if (v) {
					words(out, (char *)v);
					xmlFree(v);
				}
			}
		tokens(out, n->children);
	}
}

/* Values too common to test for: small counts, round numbers (axis
 * ticks), and those also published elsewhere. */
static bool testable(const char *v, const struct strset *pub)
{
	double x = atof(v);
	size_t len = strlen(v);

	if (has(pub, v) || x < 10)
		return false;
	if (!strchr(v, ','))
		return fmod(x, 5) != 0;
	return !(len > 2 && strcmp(v + len - 2, ",0") == 0);
}

static void test_no_suppressed_value_anywhere(void **state)
{
	struct fx *f = *state;
	struct iz_report_opts o = opts();
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_analysis_opts a = IZ_ANALYSIS_OPTS_INIT, a0;
	struct iz_report_records prot, truth;
	struct iz_population pop;
	struct strset pub = { 0 }, secret = { 0 }, seen = { 0 }, man = { 0 };
	size_t i, tested = 0, published_seen = 0;
	xmlDocPtr doc;

	/* a high threshold: many withheld cells between 10 and 49 */
	o.min_cell = a.min_cell = 50;
	o.min_denominator = a.min_denominator = 100;
	report_ok(f, &o);
	assert_int_equal(iz_population_load(&pop, f->st, NULL, 0, 0, &err), 0);
	a0 = a;
	a0.min_cell = 0;
	a0.min_denominator = 0;
	assert_int_equal(iz_report_records(&prot, &pop, &a, &err), 0);
	assert_int_equal(iz_report_records(&truth, &pop, &a0, &err), 0);
	for (i = 0; i < IZ_NREC; i++)
		collect(&pub, &secret, prot.t[i], truth.t[i]);
	/* the rule itself: "counts of 1 to 49", "fewer than 100" */
	add(&pub, "49");
	add(&pub, "50");
	add(&pub, "100");
	/* set sizes of the UpSet chart at or over the threshold are shown */
	for (i = 0; i < pop.schemes.n; i++) {
		long n = 0;
		size_t h;
		char v[64];

		for (h = 0; h < pop.n; h++)
			n += (long)(pop.hh[h].schemes >> i & 1);
		iz_svg_number(v, sizeof(v), (double)n, 0, IZ_LANG_NL);
		add(&pub, v);
	}

	doc = parse(f);
	tokens(&seen, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	words(&man, f->manifest);
	for (i = 0; i < secret.n; i++) {
		if (!testable(secret.s[i], &pub))
			continue;
		tested++;
		if (has(&seen, secret.s[i]) && getenv("IZ_TEST_DUMP")) {
			FILE *d = fopen(getenv("IZ_TEST_DUMP"), "w");

			fwrite(f->html, 1, f->html_len, d);
			fclose(d);
		}
		if (has(&seen, secret.s[i]))
			fail_msg("withheld value %s appears in the report",
				 secret.s[i]);
		if (has(&man, secret.s[i]))
			fail_msg("withheld value %s appears in the manifest",
				 secret.s[i]);
	}
	/* the test must have teeth: enough withheld values were checked,
	 * and the same search finds published values */
	assert_true(tested >= 5);
	for (i = 0; i < pub.n; i++)
		published_seen += testable(pub.s[i], &secret) &&
				  has(&seen, pub.s[i]);
	assert_true(published_seen >= 5);
	print_message("%zu withheld values absent, %zu published present\n",
		      tested, published_seen);

	iz_report_records_release(&prot);
	iz_report_records_release(&truth);
	iz_population_release(&pop);
	drop_all(&pub);
	drop_all(&secret);
	drop_all(&seen);
	drop_all(&man);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_template_fills_arguments),
		cmocka_unit_test(test_template_escapes_in_html),
		cmocka_unit_test(test_every_language_has_every_string),
		cmocka_unit_test_setup_teardown(test_records_only_report, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_manifest_describes_the_figures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_english, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test(test_nothing_to_report),
		cmocka_unit_test_setup_teardown(
			test_no_suppressed_value_anywhere, setup, teardown),
	};

	iz_stats_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
