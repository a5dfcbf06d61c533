/*
 * Unit tests for svg: every chart's output is parsed with libxml2 (it must
 * be well-formed XML with the svg root, its title and desc ids, and the
 * expected number of bars, points, rows and dots), scanned for "nan",
 * "inf" and external references, and checked never to hold a suppressed
 * value in any form. Numbers in both notations, escaping and write
 * failures as well.
 */
#include "inzicht/svg.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "iztest.h"

#define SVG_NS "http://www.w3.org/2000/svg"

/* ---- helpers -------------------------------------------------------- */

struct sink {
	FILE *f;
	char *buf;
	size_t len;
};

static FILE *sink_open(struct sink *s)
{
	s->buf = NULL;
	s->len = 0;
	s->f = open_memstream(&s->buf, &s->len);
	assert_non_null(s->f);
	return s->f;
}

/* The text written, after the writer returned rc (which must be 0). */
static char *sink_close(struct sink *s, int rc)
{
	assert_int_equal(fclose(s->f), 0);
	if (rc != 0)
		fail_msg("writer returned %d", rc);
	return s->buf;
}

static struct iz_svg_frame frame(const char *id, enum iz_lang lang,
				 const char *unit)
{
	return (struct iz_svg_frame){
		.id = id,
		.title = "Titel & <kop>",
		.desc = "Wat de grafiek \"laat\" zien, in 'woorden'.",
		.unit = unit,
		.lang = lang,
	};
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *copy = v ? strdup((const char *)v) : NULL;

	xmlFree(v);
	return copy;
}

static void assert_attr(xmlNodePtr n, const char *name, const char *want)
{
	char *got = attr(n, name);

	if (!got)
		fail_msg("<%s> has no %s", n->name, name);
	assert_string_equal(got, want);
	free(got);
}

static bool is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static void assert_content(xmlNodePtr n, const char *want)
{
	xmlChar *got = xmlNodeGetContent(n);

	assert_non_null(got);
	assert_string_equal((const char *)got, want);
	xmlFree(got);
}

/* The first child element of root called name with the given id. */
static xmlNodePtr child_with_id(xmlNodePtr root, const char *name,
				const char *id)
{
	xmlNodePtr n;
	char *got;
	bool same;

	for (n = root->children; n; n = n->next) {
		if (!is_element(n, name))
			continue;
		got = attr(n, "id");
		same = got && strcmp(got, id) == 0;
		free(got);
		if (same)
			return n;
	}
	fail_msg("no <%s id=\"%s\">", name, id);
	return NULL;
}

static bool contains_nocase(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return true;
	return false;
}

static size_t occurrences(const char *s, const char *word)
{
	size_t n = 0;

	for (; (s = strstr(s, word)) != NULL; s++)
		n++;
	return n;
}

/* What no chart may ever hold: printf's words for non-finite numbers,
 * scripts, styles, external references, an XML declaration. */
static void assert_clean(const char *svg)
{
	static const char *const banned[] = { "nan", "inf", "<script",
					      "<style", "href", "url(",
					      "<?xml", "<image", "@import" };
	size_t i;

	assert_true(strncmp(svg, "<svg xmlns=\"" SVG_NS "\"", 39) == 0);
	for (i = 0; i < sizeof(banned) / sizeof(banned[0]); i++)
		if (contains_nocase(svg, banned[i]))
			fail_msg("output holds '%s':\n%s", banned[i], svg);
	assert_int_equal(occurrences(svg, "http"), 1);
}

/*
 * Parse svg and check what every chart has: the svg root in its
 * namespace, role, aria-labelledby, the title and desc with their ids and
 * text, a viewBox and the width of the page; and that it is clean.
 */
static xmlDocPtr parse_svg(const char *svg, const struct iz_svg_frame *fr)
{
	xmlDocPtr doc = xmlReadMemory(svg, (int)strlen(svg), "chart.svg", NULL,
				      XML_PARSE_NONET);
	xmlNodePtr root;
	char want[128];

	if (!doc)
		fail_msg("not well-formed XML:\n%s", svg);
	assert_clean(svg);
	root = xmlDocGetRootElement(doc);
	assert_true(is_element(root, "svg"));
	assert_non_null(root->ns);
	assert_string_equal((const char *)root->ns->href, SVG_NS);
	assert_attr(root, "role", "img");
	assert_attr(root, "width", "680");
	assert_non_null(xmlHasProp(root, (const xmlChar *)"viewBox"));
	snprintf(want, sizeof(want), "%s-title %s-desc", fr->id, fr->id);
	assert_attr(root, "aria-labelledby", want);
	snprintf(want, sizeof(want), "%s-title", fr->id);
	assert_content(child_with_id(root, "title", want), fr->title);
	snprintf(want, sizeof(want), "%s-desc", fr->id);
	assert_content(child_with_id(root, "desc", want), fr->desc);
	return doc;
}

static void release(xmlDocPtr doc, char *svg)
{
	xmlFreeDoc(doc);
	free(svg);
}

static bool has_class(xmlNodePtr n, const char *token)
{
	char *cls = attr(n, "class"), *p, *save = NULL;
	bool found = false;

	for (p = cls ? strtok_r(cls, " ", &save) : NULL; p && !found;
	     p = strtok_r(NULL, " ", &save))
		found = strcmp(p, token) == 0;
	free(cls);
	return found;
}

/* The elements of class token in document order, outside the legend
 * (whose sample marks have the classes of the marks they explain). */
static size_t find_class(xmlNodePtr n, const char *token, xmlNodePtr *out,
			 size_t max, size_t found)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || has_class(n, "iz-legend"))
			continue;
		if (has_class(n, token)) {
			if (found < max)
				out[found] = n;
			found++;
		}
		found = find_class(n->children, token, out, max, found);
	}
	return found;
}

static size_t count_class(xmlDocPtr doc, const char *token)
{
	return find_class(xmlDocGetRootElement(doc), token, NULL, 0, 0);
}

/* The i-th element of class token (outside the legend). */
static xmlNodePtr nth_class(xmlDocPtr doc, const char *token, size_t i)
{
	xmlNodePtr found[64];

	assert_true(i < 64);
	if (find_class(xmlDocGetRootElement(doc), token, found, 64, 0) <= i)
		fail_msg("fewer than %zu elements of class %s", i + 1, token);
	return found[i];
}

/* Some <text> element's whole content is want. */
static bool text_in(xmlNodePtr n, const char *want)
{
	xmlChar *c;
	bool same;

	for (; n; n = n->next) {
		if (is_element(n, "text")) {
			c = xmlNodeGetContent(n);
			same = c && strcmp((const char *)c, want) == 0;
			xmlFree(c);
			if (same)
				return true;
		}
		if (n->type == XML_ELEMENT_NODE && text_in(n->children, want))
			return true;
	}
	return false;
}

static bool has_text(xmlDocPtr doc, const char *want)
{
	return text_in(xmlDocGetRootElement(doc), want);
}

/* ---- numbers, languages, escaping ----------------------------------- */

static void assert_number(double v, int decimals, enum iz_lang lang,
			  const char *want)
{
	char buf[64];

	assert_ptr_equal(iz_svg_number(buf, sizeof(buf), v, decimals, lang),
			 buf);
	assert_string_equal(buf, want);
}

static void test_number_dutch(void **state)
{
	(void)state;
	assert_number(12345.6, 1, IZ_LANG_NL, "12.345,6");
	assert_number(1234.5, 1, IZ_LANG_NL, "1234,5");
	assert_number(9999, 0, IZ_LANG_NL, "9999");
	assert_number(10000, 0, IZ_LANG_NL, "10.000");
	assert_number(1234567.891, 2, IZ_LANG_NL, "1.234.567,89");
	assert_number(-12345.678, 2, IZ_LANG_NL, "-12.345,68");
	assert_number(-3.25, 1, IZ_LANG_NL, "-3,2"); /* exact half: even */
	assert_number(0.05, 1, IZ_LANG_NL, "0,1");
	assert_number(0.5, 0, IZ_LANG_NL, "0");
	assert_number(12.3, 0, IZ_LANG_NL, "12");
	assert_number(7, 2, IZ_LANG_NL, "7,00");
}

static void test_number_english(void **state)
{
	(void)state;
	assert_number(12345.6, 1, IZ_LANG_EN, "12,345.6");
	assert_number(1234.5, 1, IZ_LANG_EN, "1234.5");
	assert_number(-1234567, 0, IZ_LANG_EN, "-1,234,567");
	assert_number(0.05, 1, IZ_LANG_EN, "0.1");
	assert_number(99999.96, 1, IZ_LANG_EN, "100,000.0");
}

static void test_number_zero_has_no_sign(void **state)
{
	(void)state;
	assert_number(-0.04, 1, IZ_LANG_NL, "0,0");
	assert_number(-0.0, 0, IZ_LANG_EN, "0");
	assert_number(-0.4, 0, IZ_LANG_EN, "0");
}

static void test_number_not_finite_is_dot(void **state)
{
	(void)state;
	assert_number(NAN, 1, IZ_LANG_NL, ".");
	assert_number(INFINITY, 0, IZ_LANG_EN, ".");
	assert_number(-INFINITY, 2, IZ_LANG_NL, ".");
}

static void test_number_small_buffer(void **state)
{
	char buf[5] = "xxxx";

	(void)state;
	assert_ptr_equal(iz_svg_number(buf, 0, 1.5, 1, IZ_LANG_NL), buf);
	assert_string_equal(buf, "xxxx");
	iz_svg_number(buf, sizeof(buf), 12345.6, 1, IZ_LANG_NL);
	assert_string_equal(buf, "12.3");
	/* Decimals out of range are clamped, not trusted. */
	iz_svg_number(buf, sizeof(buf), 2.5, -3, IZ_LANG_NL);
	assert_string_equal(buf, "2");
}

static void test_lang_parse(void **state)
{
	enum iz_lang lang = IZ_LANG_EN;

	(void)state;
	assert_int_equal(iz_lang_parse(&lang, "nl"), 0);
	assert_int_equal(lang, IZ_LANG_NL);
	assert_int_equal(iz_lang_parse(&lang, "en"), 0);
	assert_int_equal(lang, IZ_LANG_EN);
	assert_int_equal(iz_lang_parse(&lang, "de"), -1);
	assert_int_equal(iz_lang_parse(&lang, "NL"), -1);
	assert_int_equal(iz_lang_parse(&lang, ""), -1);
	assert_int_equal(iz_lang_parse(&lang, "nld"), -1);
	assert_int_equal(iz_lang_parse(&lang, NULL), -1);
	assert_int_equal(lang, IZ_LANG_EN); /* untouched on failure */
}

static char *escaped(const char *s)
{
	struct sink k;

	iz_svg_escape(sink_open(&k), s);
	return sink_close(&k, 0);
}

static void assert_escapes(const char *s, const char *want)
{
	char *got = escaped(s);

	assert_string_equal(got, want);
	free(got);
}

static void test_escape(void **state)
{
	(void)state;
	assert_escapes("a & b <c> \"d\" 'e'",
		       "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;");
	assert_escapes("S\xc3\xba" "dwest-Frysl\xc3\xa2n",
		       "S\xc3\xba" "dwest-Frysl\xc3\xa2n");
	assert_escapes(NULL, "");
	/* Control characters are not allowed in XML 1.0. */
	assert_escapes("a\x01" "b\tc\x1f", "ab\tc");
	/* Not UTF-8: read as Windows-1252. */
	assert_escapes("caf\xe9", "caf\xc3\xa9");
}

/* ---- dot plot ------------------------------------------------------- */

static const struct iz_svg_dot_legend dot_legend = {
	"Amsterdam", "Nederland", "vergelijkbare gemeenten",
};

static const struct iz_svg_dot_row dot_rows[] = {
	{ "Werkloosheid", 5.2, 4.8, 5.6, 4.1, 3.5, 4.6, IZ_SVG_WORSE },
	{ "Armoede & schulden <18>", 7.0, 6.0, 8.0, 7.5, 6.5, 8.5,
	  IZ_SVG_SIMILAR },
	{ "Gezondheid \"goed\"", 80.1, 78.0, 82.0, 76.0, 74.0, 79.0,
	  IZ_SVG_BETTER },
	{ "Zonder 'oordeel'", 12.0, NAN, NAN, NAN, NAN, NAN, IZ_SVG_NEUTRAL },
};

static char *dotplot(const struct iz_svg_frame *fr,
		     const struct iz_svg_dot_legend *lg,
		     const struct iz_svg_dot_row *rows, size_t n)
{
	struct sink k;

	return sink_close(&k, iz_svg_dotplot(sink_open(&k), fr, lg, rows, n));
}

/* The element name of the first mark of class cls: the shape. */
static void assert_shape(xmlDocPtr doc, const char *cls, const char *name,
			 const char *fill)
{
	xmlNodePtr n = nth_class(doc, cls, 0);

	assert_true(is_element(n, name));
	assert_attr(n, "fill", fill);
}

static void test_dotplot_rows_and_shapes(void **state)
{
	struct iz_svg_frame fr = frame("dot-1", IZ_LANG_NL, "%");
	char *svg = dotplot(&fr, &dot_legend, dot_rows, 4);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_int_equal(count_class(doc, "iz-row"), 4);
	assert_int_equal(count_class(doc, "iz-mark"), 4);
	assert_int_equal(count_class(doc, "iz-ref"), 3);
	assert_int_equal(count_class(doc, "iz-band"), 3);
	assert_int_equal(count_class(doc, "iz-interval"), 3);
	/* Verdicts differ in shape, not in colour alone. */
	assert_shape(doc, "iz-worse", "path", "#D55E00");
	assert_shape(doc, "iz-similar", "path", "#0072B2");
	assert_shape(doc, "iz-better", "circle", "#009E73");
	assert_shape(doc, "iz-neutral", "circle", "#ffffff");
	assert_true(has_text(doc, "Armoede & schulden <18>"));
	assert_true(has_text(doc, "Gezondheid \"goed\""));
	assert_true(has_text(doc, "Amsterdam"));
	assert_true(has_text(doc, "Nederland"));
	assert_true(has_text(doc, "slechter"));
	/* 0 to 82 with 0 included for percentages: ticks 0, 20, ... 100. */
	assert_true(has_text(doc, "5,2%"));
	assert_true(has_text(doc, "0%"));
	assert_true(has_text(doc, "100%"));
	release(doc, svg);
}

static void test_dotplot_english(void **state)
{
	struct iz_svg_frame fr = frame("dot-en", IZ_LANG_EN, NULL);
	char *svg = dotplot(&fr, &dot_legend, dot_rows, 4);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_true(has_text(doc, "5.2"));
	assert_true(has_text(doc, "80.1"));
	assert_true(has_text(doc, "worse"));
	assert_false(has_text(doc, "5,2"));
	release(doc, svg);
}

static void test_dotplot_nan_everywhere(void **state)
{
	static const struct iz_svg_dot_row rows[] = {
		{ "Leeg", NAN, NAN, NAN, NAN, NAN, NAN, IZ_SVG_WORSE },
		{ NULL, NAN, 1.0, NAN, NAN, 2.0, NAN, (enum iz_svg_verdict)9 },
	};
	struct iz_svg_frame fr = frame("dot-missing", IZ_LANG_NL, "%");
	char *svg = dotplot(&fr, NULL, rows, 2);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_int_equal(count_class(doc, "iz-row"), 2);
	assert_int_equal(count_class(doc, "iz-mark"), 0);
	assert_int_equal(count_class(doc, "iz-band"), 0);
	assert_true(has_text(doc, "."));
	release(doc, svg);
}

static void test_dotplot_all_equal(void **state)
{
	static const struct iz_svg_dot_row rows[] = {
		{ "a", 5, 5, 5, 5, 5, 5, IZ_SVG_SIMILAR },
		{ "b", 5, 5, 5, 5, 5, 5, IZ_SVG_BETTER },
	};
	static const struct iz_svg_dot_row zeros[] = {
		{ "a", 0, 0, 0, 0, 0, 0, IZ_SVG_SIMILAR },
	};
	struct iz_svg_frame fr = frame("dot-eq", IZ_LANG_NL, NULL);
	char *svg = dotplot(&fr, &dot_legend, rows, 2);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_int_equal(count_class(doc, "iz-mark"), 2);
	release(doc, svg);
	svg = dotplot(&fr, &dot_legend, zeros, 1);
	doc = parse_svg(svg, &fr);
	release(doc, svg);
}

static void test_dotplot_long_label_cut(void **state)
{
	static const char *long_label =
		"Aandeel huishoudens met een laag inkomen en langdurige "
		"betalingsachterstanden";
	struct iz_svg_dot_row row = dot_rows[0];
	struct iz_svg_frame fr = frame("dot-long", IZ_LANG_NL, NULL);
	char *svg;
	xmlDocPtr doc;

	(void)state;
	row.label = long_label;
	svg = dotplot(&fr, &dot_legend, &row, 1);
	doc = parse_svg(svg, &fr);
	/* Cut with an ellipsis; the whole label stays in a <title>. */
	assert_non_null(strstr(svg, "\xe2\x80\xa6"));
	assert_non_null(strstr(svg, "<title>Aandeel huishoudens"));
	assert_non_null(strstr(svg, "betalingsachterstanden</title>"));
	release(doc, svg);
}

/* n == 0: a valid svg with the words for "no data" in the language. */
static void test_dotplot_empty(void **state)
{
	struct iz_svg_frame fr = frame("dot-0", IZ_LANG_NL, NULL);
	char *svg = dotplot(&fr, &dot_legend, NULL, 0);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_true(has_text(doc, "geen gegevens"));
	assert_int_equal(count_class(doc, "iz-row"), 0);
	release(doc, svg);
	fr.lang = IZ_LANG_EN;
	svg = dotplot(&fr, &dot_legend, NULL, 0);
	doc = parse_svg(svg, &fr);
	assert_true(has_text(doc, "no data"));
	release(doc, svg);
}

/* ---- bars ----------------------------------------------------------- */

static char *bars(const struct iz_svg_frame *fr, const struct iz_svg_bar *b,
		  size_t n, double max, const char *words)
{
	struct sink k;

	return sink_close(&k, iz_svg_bars(sink_open(&k), fr, b, n, max, words));
}

static void test_bars_counts(void **state)
{
	static const struct iz_svg_bar b[] = {
		{ "Toeslagen & bijstand", 45.0, 40.1, 50.9, false },
		{ "Kwijtschelding", 30.0, NAN, NAN, false },
		{ "Schuldhulp", 0, 0, 0, true },
		{ "Energietoeslag", 62.0, 58.0, 66.0, false },
	};
	struct iz_svg_frame fr = frame("bars-1", IZ_LANG_NL, "%");
	char *svg = bars(&fr, b, 4, 100, "geheim (n < 10)");
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_int_equal(count_class(doc, "iz-row"), 4);
	assert_int_equal(count_class(doc, "iz-bar"), 3);
	assert_int_equal(count_class(doc, "iz-interval"), 2);
	assert_int_equal(count_class(doc, "iz-suppressed"), 1);
	assert_true(has_text(doc, "geheim (n < 10)"));
	assert_true(has_text(doc, "Toeslagen & bijstand"));
	assert_true(has_text(doc, "45,0%"));
	assert_true(has_text(doc, "100%"));
	/* A bar of 45 on 0..100 over 300 pixels: 135 wide. */
	assert_attr(nth_class(doc, "iz-bar", 0), "width", "135");
	release(doc, svg);
}

/* The three bars of the suppression tests; the middle one is under test. */
static char *three_bars(const struct iz_svg_frame *fr, double value, double lo,
			double hi, bool suppressed)
{
	struct iz_svg_bar b[] = {
		{ "A", 12.5, 10.0, 15.0, false },
		{ "B", value, lo, hi, suppressed },
		{ "C", 40.0, 35.0, 45.0, false },
	};

	return bars(fr, b, 3, 0, NULL);
}

static void assert_lacks(const char *svg, const char *s)
{
	if (strstr(svg, s))
		fail_msg("'%s' written:\n%s", s, svg);
}

/*
 * A suppressed bar with a distinctive value: the output is the same byte
 * for byte as with any other value, and holds neither the number in
 * either notation nor the bar's width or whisker; the same bar shown does
 * hold them, so the checks can fail.
 */
static void test_bars_suppressed_never_written(void **state)
{
	struct iz_svg_frame fr = frame("bars-s", IZ_LANG_NL, "%");
	char *shown = three_bars(&fr, 77.77, 70.7, 84.4, false);
	char *hidden = three_bars(&fr, 77.77, 70.7, 84.4, true);
	char *other = three_bars(&fr, 3.0, NAN, NAN, true);
	xmlDocPtr doc = parse_svg(shown, &fr);
	char width[64], *w, *d;

	(void)state;
	assert_true(has_text(doc, "77,8%"));
	w = attr(nth_class(doc, "iz-bar", 1), "width");
	d = attr(nth_class(doc, "iz-interval", 1), "d");
	snprintf(width, sizeof(width), "width=\"%s\"", w);
	assert_non_null(strstr(shown, width));
	assert_non_null(strstr(shown, d));
	assert_string_equal(hidden, other);
	assert_lacks(hidden, width);
	assert_lacks(hidden, d);
	assert_lacks(hidden, "77,8");
	assert_lacks(hidden, "77.8");
	assert_lacks(hidden, "77,77");
	assert_lacks(hidden, "77.77");
	assert_lacks(hidden, "84,4");
	assert_lacks(hidden, "70,7");
	assert_true(strstr(hidden, "geheim") != NULL);
	free(w);
	free(d);
	xmlFreeDoc(doc);
	doc = parse_svg(hidden, &fr);
	assert_int_equal(count_class(doc, "iz-bar"), 2);
	assert_int_equal(count_class(doc, "iz-suppressed"), 1);
	xmlFreeDoc(doc);
	free(shown);
	free(hidden);
	free(other);
}

static void test_bars_nan_and_zero(void **state)
{
	static const struct iz_svg_bar b[] = {
		{ "leeg", NAN, NAN, 3.0, false },
		{ "nul", 0, 0, 0, false },
	};
	struct iz_svg_frame fr = frame("bars-missing", IZ_LANG_EN, NULL);
	char *svg = bars(&fr, b, 2, NAN, NULL);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	/* The bar and the whisker of 0 are there, only 0 wide. */
	assert_int_equal(count_class(doc, "iz-bar"), 1);
	assert_int_equal(count_class(doc, "iz-interval"), 1);
	assert_int_equal(count_class(doc, "iz-suppressed"), 0);
	assert_true(has_text(doc, "."));
	release(doc, svg);
}

/* A value beyond the given end of the axis stays inside the plot. */
static void test_bars_fixed_max_clips(void **state)
{
	static const struct iz_svg_bar b[] = {
		{ "over", 130.0, 120.0, 140.0, false },
	};
	struct iz_svg_frame fr = frame("bars-max", IZ_LANG_NL, "%");
	char *svg = bars(&fr, b, 1, 100, NULL);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_attr(nth_class(doc, "iz-bar", 0), "width", "300");
	assert_true(has_text(doc, "130,0%"));
	release(doc, svg);
}

static void test_bars_empty(void **state)
{
	struct iz_svg_frame fr = frame("bars-0", IZ_LANG_EN, NULL);
	char *svg = bars(&fr, NULL, 0, 0, NULL);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_true(has_text(doc, "no data"));
	release(doc, svg);
}

/* ---- scatter -------------------------------------------------------- */

static const struct iz_svg_point scatter_pts[] = {
	{ "a", 1.0, 2.5, false },	   { "b", 2.0, 3.1, false },
	{ "c", 3.0, 3.4, false },	   { "d", 4.0, 4.2, false },
	{ "e", NAN, 1.0, false },	   { "f", 5.0, NAN, false },
	{ "Den Haag & 'Rijswijk'", 4.5, 5.9, true },
};

static char *scatter(const struct iz_svg_frame *fr,
		     const struct iz_svg_point *p, size_t n, double slope,
		     double intercept)
{
	struct sink k;

	return sink_close(&k, iz_svg_scatter(sink_open(&k), fr,
					     "Inkomen <laag>", "Schulden & zo",
					     p, n, slope, intercept));
}

static void test_scatter_points_line_highlight(void **state)
{
	struct iz_svg_frame fr = frame("sc-1", IZ_LANG_NL, NULL);
	char *svg = scatter(&fr, scatter_pts, 7, 0.5, 2.0);
	xmlDocPtr doc = parse_svg(svg, &fr);
	xmlNodePtr hl;

	(void)state;
	assert_int_equal(count_class(doc, "iz-point"), 5);
	assert_int_equal(count_class(doc, "iz-highlight"), 1);
	assert_int_equal(count_class(doc, "iz-fit"), 1);
	/* The highlighted point: another shape and colour, and its label. */
	hl = nth_class(doc, "iz-highlight", 0);
	assert_true(is_element(hl, "path"));
	assert_attr(hl, "fill", "#D55E00");
	assert_true(is_element(nth_class(doc, "iz-point", 0), "circle"));
	assert_true(has_text(doc, "Den Haag & 'Rijswijk'"));
	assert_false(has_text(doc, "a"));
	assert_true(has_text(doc, "Inkomen <laag>"));
	assert_true(has_text(doc, "Schulden & zo"));
	release(doc, svg);
}

static void test_scatter_no_line_when_slope_nan(void **state)
{
	struct iz_svg_frame fr = frame("sc-2", IZ_LANG_EN, NULL);
	char *svg = scatter(&fr, scatter_pts, 7, NAN, 2.0);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_int_equal(count_class(doc, "iz-fit"), 0);
	assert_int_equal(count_class(doc, "iz-point"), 5);
	release(doc, svg);
}

static void test_scatter_all_equal(void **state)
{
	static const struct iz_svg_point p[] = {
		{ "a", 3.0, 3.0, false },
		{ "b", 3.0, 3.0, true },
	};
	struct iz_svg_frame fr = frame("sc-eq", IZ_LANG_NL, "%");
	char *svg = scatter(&fr, p, 2, 1.0, 0.0);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_int_equal(count_class(doc, "iz-point"), 2);
	/* No range of x to draw the line over. */
	assert_int_equal(count_class(doc, "iz-fit"), 0);
	release(doc, svg);
}

static void test_scatter_nothing_to_show(void **state)
{
	struct iz_svg_frame fr = frame("sc-0", IZ_LANG_NL, NULL);
	char *svg = scatter(&fr, scatter_pts + 4, 2, 1.0, 0.0);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_true(has_text(doc, "geen gegevens"));
	assert_int_equal(count_class(doc, "iz-point"), 0);
	release(doc, svg);
	svg = scatter(&fr, NULL, 0, NAN, NAN);
	doc = parse_svg(svg, &fr);
	assert_true(has_text(doc, "geen gegevens"));
	release(doc, svg);
}

/* ---- UpSet ---------------------------------------------------------- */

static const struct iz_svg_upset_labels upset_labels = {
	"huishoudens", "verwacht bij onafhankelijkheid", "geheim",
};

static char *upset(const struct iz_svg_frame *fr,
		   const struct iz_svg_upset_set *s, size_t ns,
		   const struct iz_svg_upset_combo *c, size_t nc)
{
	struct sink k;

	return sink_close(&k, iz_svg_upset(sink_open(&k), fr, &upset_labels,
					   s, ns, c, nc));
}

/* Three sets; the fourth combination is under test. */
static char *four_combos(const struct iz_svg_frame *fr, long observed,
			 double expected, bool suppressed, long set_size,
			 bool set_suppressed)
{
	struct iz_svg_upset_set s[] = {
		{ "Toeslagen", 1200, false },
		{ "Bijstand", 800, false },
		{ "Schuldhulp & <x>", set_size, set_suppressed },
	};
	struct iz_svg_upset_combo c[] = {
		{ 0x1, 700, 650.0, false },
		{ 0x3, 300, 250.5, false },
		{ 0x7, 80, NAN, false },
		{ 0x6, observed, expected, suppressed },
	};

	return upset(fr, s, 3, c, 4);
}

static void test_upset_counts(void **state)
{
	struct iz_svg_frame fr = frame("up-1", IZ_LANG_NL, NULL);
	char *svg = four_combos(&fr, 120, 90.0, false, 300, false);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_int_equal(count_class(doc, "iz-set"), 3);
	assert_int_equal(count_class(doc, "iz-set-bar"), 3);
	assert_int_equal(count_class(doc, "iz-combo"), 4);
	assert_int_equal(count_class(doc, "iz-combo-bar"), 4);
	assert_int_equal(count_class(doc, "iz-expected"), 3);
	assert_int_equal(count_class(doc, "iz-dot"), 12);
	assert_int_equal(count_class(doc, "iz-member"), 1 + 2 + 3 + 2);
	assert_int_equal(count_class(doc, "iz-link"), 3);
	assert_int_equal(count_class(doc, "iz-suppressed"), 0);
	assert_true(has_text(doc, "Schuldhulp & <x>"));
	assert_true(has_text(doc, "huishoudens"));
	assert_true(has_text(doc, "verwacht bij onafhankelijkheid"));
	assert_true(has_text(doc, "1200"));
	assert_true(has_text(doc, "700"));
	release(doc, svg);
}

/* As for bars: same bytes whatever the suppressed count, which is never
 * written; shown, it is. */
static void test_upset_suppressed_combo_never_written(void **state)
{
	struct iz_svg_frame fr = frame("up-s", IZ_LANG_NL, NULL);
	char *shown = four_combos(&fr, 7777, 7000.5, false, 300, false);
	char *hidden = four_combos(&fr, 7777, 7000.5, true, 300, false);
	char *other = four_combos(&fr, 1, NAN, true, 300, false);
	xmlDocPtr doc = parse_svg(shown, &fr);
	char height[64], *h;

	(void)state;
	assert_true(has_text(doc, "7777"));
	h = attr(nth_class(doc, "iz-combo-bar", 3), "height");
	snprintf(height, sizeof(height), "height=\"%s\"", h);
	assert_non_null(strstr(shown, height));
	assert_string_equal(hidden, other);
	assert_lacks(hidden, height);
	assert_lacks(hidden, "7777");
	assert_lacks(hidden, "7.777");
	assert_lacks(hidden, "7,777");
	assert_lacks(hidden, "7000");
	assert_lacks(hidden, "7.000");
	assert_lacks(hidden, "8000"); /* the axis end of the shown chart */
	assert_lacks(hidden, "8.000");
	free(h);
	xmlFreeDoc(doc);
	doc = parse_svg(hidden, &fr);
	assert_int_equal(count_class(doc, "iz-combo-bar"), 3);
	assert_int_equal(count_class(doc, "iz-expected"), 2);
	assert_int_equal(count_class(doc, "iz-suppressed"), 1);
	assert_int_equal(count_class(doc, "iz-dot"), 12);
	assert_true(has_text(doc, "geheim"));
	xmlFreeDoc(doc);
	free(shown);
	free(hidden);
	free(other);
}

static void test_upset_suppressed_set_never_written(void **state)
{
	struct iz_svg_frame fr = frame("up-set", IZ_LANG_EN, NULL);
	char *shown = four_combos(&fr, 120, 90.0, false, 7777, false);
	char *hidden = four_combos(&fr, 120, 90.0, false, 7777, true);
	char *other = four_combos(&fr, 120, 90.0, false, 5, true);
	xmlDocPtr doc = parse_svg(hidden, &fr);

	(void)state;
	assert_non_null(strstr(shown, "7777"));
	assert_string_equal(hidden, other);
	assert_lacks(hidden, "7777");
	assert_lacks(hidden, "7,777");
	assert_lacks(hidden, "7.777");
	assert_int_equal(count_class(doc, "iz-set-bar"), 2);
	assert_int_equal(count_class(doc, "iz-suppressed"), 1);
	xmlFreeDoc(doc);
	free(shown);
	free(hidden);
	free(other);
}

/* Bits beyond the sets are no members; no sets or no combinations is no
 * data; too many sets is refused with nothing written. */
static void test_upset_edges(void **state)
{
	static const struct iz_svg_upset_set s[IZ_SVG_UPSET_MAX_SETS + 1] = {
		{ "a", 0, false },
		{ "b", 0, false },
	};
	static const struct iz_svg_upset_combo c[] = {
		{ ~0UL, 0, NAN, false },
	};
	struct iz_svg_frame fr = frame("up-e", IZ_LANG_NL, NULL);
	struct sink k;
	char *svg = upset(&fr, s, 2, c, 1);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_int_equal(count_class(doc, "iz-member"), 2);
	release(doc, svg);
	svg = upset(&fr, s, 0, c, 1);
	doc = parse_svg(svg, &fr);
	assert_true(has_text(doc, "geen gegevens"));
	release(doc, svg);
	svg = upset(&fr, s, 2, c, 0);
	doc = parse_svg(svg, &fr);
	assert_true(has_text(doc, "geen gegevens"));
	release(doc, svg);
	assert_int_equal(iz_svg_upset(sink_open(&k), &fr, NULL, s,
				      IZ_SVG_UPSET_MAX_SETS + 1, c, 1),
			 -1);
	svg = sink_close(&k, 0);
	assert_int_equal(k.len, 0);
	free(svg);
}

/* ---- small multiples ------------------------------------------------ */

static const double years[] = { 2019, 2020, 2021, 2022, 2023 };
static const double rising[] = { 10.5, 11.0, 12.0, 11.5, 12.25 };
static const double gap[] = { 3.0, NAN, 4.0, 4.5, 5.0 };
static const double flat[] = { 7.0, 7.0, 7.0, 7.0, 7.0 };
static const double none[] = { NAN, NAN, NAN, NAN, NAN };

static char *multiples(const struct iz_svg_frame *fr,
		       const struct iz_svg_series *s, size_t n, size_t cols)
{
	struct sink k;

	return sink_close(&k, iz_svg_small_multiples(sink_open(&k), fr, s, n,
						     cols));
}

static void test_multiples_panels(void **state)
{
	const struct iz_svg_series s[] = {
		{ "Stijgend & <hoog>", years, rising, 5, false },
		{ "Met gat", years, gap, 5, true },
		{ "Vlak", years, flat, 5, false },
		{ "Leeg", years, none, 5, false },
	};
	struct iz_svg_frame fr = frame("sm-1", IZ_LANG_NL, "%");
	char *svg = multiples(&fr, s, 4, 0);
	xmlDocPtr doc = parse_svg(svg, &fr);
	char *d;

	(void)state;
	assert_int_equal(count_class(doc, "iz-panel"), 4);
	assert_int_equal(count_class(doc, "iz-flagged"), 1);
	assert_int_equal(count_class(doc, "iz-flag"), 1);
	assert_int_equal(count_class(doc, "iz-line"), 3);
	assert_int_equal(count_class(doc, "iz-point"), 5 + 4 + 5);
	/* Two rows of three panels of 120 below a margin of 4. */
	assert_attr(xmlDocGetRootElement(doc), "height", "244");
	/* The line breaks where a value is missing. */
	d = attr(nth_class(doc, "iz-line", 1), "d");
	assert_int_equal(occurrences(d, "M"), 2);
	free(d);
	assert_true(has_text(doc, "Stijgend & <hoog>"));
	assert_true(has_text(doc, "10,50%"));
	assert_true(has_text(doc, "12,25%"));
	assert_true(has_text(doc, "2019"));
	assert_true(has_text(doc, "2023"));
	assert_true(has_text(doc, "\xe2\x96\xb2"));
	assert_true(has_text(doc, "geen gegevens"));
	release(doc, svg);
}

/* One column: as many rows as series; no x: the index. */
static void test_multiples_one_column_without_x(void **state)
{
	const struct iz_svg_series s[] = {
		{ "a", NULL, rising, 5, false },
		{ "b", years, NULL, 5, false },
		{ "c", years, rising, 1, false },
	};
	struct iz_svg_frame fr = frame("sm-2", IZ_LANG_EN, NULL);
	char *svg = multiples(&fr, s, 3, 1);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_int_equal(count_class(doc, "iz-panel"), 3);
	assert_attr(xmlDocGetRootElement(doc), "height", "364");
	assert_true(has_text(doc, "0"));
	assert_true(has_text(doc, "4"));
	assert_true(has_text(doc, "no data"));
	release(doc, svg);
}

static void test_multiples_empty(void **state)
{
	struct iz_svg_frame fr = frame("sm-0", IZ_LANG_NL, NULL);
	char *svg = multiples(&fr, NULL, 0, 3);
	xmlDocPtr doc = parse_svg(svg, &fr);

	(void)state;
	assert_true(has_text(doc, "geen gegevens"));
	release(doc, svg);
}

/* ---- extremes ------------------------------------------------------- */

/* Numbers far beyond any municipality's: still valid, clean output. */
static void test_extreme_values(void **state)
{
	static const struct iz_svg_dot_row rows[] = {
		{ "groot", 1e300, -1e300, DBL_MAX, -DBL_MAX, 1e-300, 2e-300,
		  IZ_SVG_WORSE },
		{ "klein", -1e-300, 5e-324, NAN, 0, 0, 0, IZ_SVG_BETTER },
	};
	static const struct iz_svg_bar b[] = {
		{ "groot", 1e20, -1e20, DBL_MAX, false },
		{ "negatief", -5.0, -7.0, -3.0, false },
	};
	static const struct iz_svg_point p[] = {
		{ "a", -DBL_MAX, 1e300, true },
		{ "b", DBL_MAX, -1e300, false },
	};
	struct iz_svg_frame fr = frame("extreme", IZ_LANG_NL, "%");
	struct sink k;
	char *svg, buf[8];
	xmlDocPtr doc;

	(void)state;
	svg = dotplot(&fr, &dot_legend, rows, 2);
	release(parse_svg(svg, &fr), svg);
	svg = bars(&fr, b, 2, 0, NULL);
	release(parse_svg(svg, &fr), svg);
	svg = scatter(&fr, p, 2, DBL_MAX, -DBL_MAX);
	release(parse_svg(svg, &fr), svg);
	svg = sink_close(&k, iz_svg_scatter(sink_open(&k), &fr, NULL, NULL, p,
					    2, 1e-300, 1e300));
	doc = parse_svg(svg, &fr);
	assert_int_equal(count_class(doc, "iz-point"), 2);
	release(doc, svg);
	iz_svg_number(buf, sizeof(buf), -DBL_MAX, 2, IZ_LANG_EN);
	assert_string_equal(buf, "-179,76");
}

/* ---- write failures ------------------------------------------------- */

/* Every writer, with data, to f; the results summed (0 or -1 each). */
static int write_all(FILE *f)
{
	static const struct iz_svg_bar b[] = { { "a", 1, 0, 2, false } };
	static const struct iz_svg_upset_set s[] = { { "a", 3, false } };
	static const struct iz_svg_upset_combo c[] = { { 1, 3, 2, false } };
	const struct iz_svg_series ser[] = { { "a", years, rising, 5, false } };
	struct iz_svg_frame fr = frame("fail", IZ_LANG_NL, NULL);

	return iz_svg_dotplot(f, &fr, &dot_legend, dot_rows, 4) +
	       iz_svg_dotplot(f, &fr, &dot_legend, NULL, 0) +
	       iz_svg_bars(f, &fr, b, 1, 0, NULL) +
	       iz_svg_scatter(f, &fr, "x", "y", scatter_pts, 7, 1, 0) +
	       iz_svg_upset(f, &fr, &upset_labels, s, 1, c, 1) +
	       iz_svg_small_multiples(f, &fr, ser, 1, 0);
}

static void test_write_to_full_device_fails(void **state)
{
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (!f)
		skip();
	assert_int_equal(write_all(f), -6);
	fclose(f);
}

static void test_write_to_small_buffer_fails(void **state)
{
	char buf[32];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	(void)state;
	assert_non_null(f);
	assert_int_equal(write_all(f), -6);
	fclose(f);
}

static void test_write_succeeds(void **state)
{
	struct sink k;
	char *all;

	(void)state;
	assert_int_equal(write_all(sink_open(&k)), 0);
	all = sink_close(&k, 0);
	assert_int_equal(occurrences(all, "<svg "), 6);
	free(all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_dutch),
		cmocka_unit_test(test_number_english),
		cmocka_unit_test(test_number_zero_has_no_sign),
		cmocka_unit_test(test_number_not_finite_is_dot),
		cmocka_unit_test(test_number_small_buffer),
		cmocka_unit_test(test_lang_parse),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_dotplot_rows_and_shapes),
		cmocka_unit_test(test_dotplot_english),
		cmocka_unit_test(test_dotplot_nan_everywhere),
		cmocka_unit_test(test_dotplot_all_equal),
		cmocka_unit_test(test_dotplot_long_label_cut),
		cmocka_unit_test(test_dotplot_empty),
		cmocka_unit_test(test_bars_counts),
		cmocka_unit_test(test_bars_suppressed_never_written),
		cmocka_unit_test(test_bars_nan_and_zero),
		cmocka_unit_test(test_bars_fixed_max_clips),
		cmocka_unit_test(test_bars_empty),
		cmocka_unit_test(test_scatter_points_line_highlight),
		cmocka_unit_test(test_scatter_no_line_when_slope_nan),
		cmocka_unit_test(test_scatter_all_equal),
		cmocka_unit_test(test_scatter_nothing_to_show),
		cmocka_unit_test(test_upset_counts),
		cmocka_unit_test(test_upset_suppressed_combo_never_written),
		cmocka_unit_test(test_upset_suppressed_set_never_written),
		cmocka_unit_test(test_upset_edges),
		cmocka_unit_test(test_multiples_panels),
		cmocka_unit_test(test_multiples_one_column_without_x),
		cmocka_unit_test(test_multiples_empty),
		cmocka_unit_test(test_extreme_values),
		cmocka_unit_test(test_write_to_full_device_fails),
		cmocka_unit_test(test_write_to_small_buffer_fails),
		cmocka_unit_test(test_write_succeeds),
	};
	int failed;

	xmlInitParser();
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return failed;
}
