/*
 * Unit tests for url: escaping of OData query values, unescaping for
 * recording lookups, origins for the same-host rule on nextLinks, and the
 * mirror rewrite.
 */
#include "inzicht/url.h"

#include <stdlib.h>
#include <string.h>

#include "iztest.h"

static void assert_escape(const char *in, const char *want)
{
	char *got = iz_url_escape(in);

	assert_string_equal(got, want);
	free(got);
}

static void assert_unescape(const char *in, const char *want)
{
	char *got = iz_url_unescape(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_escape_space_and_reserved(void **state)
{
	(void)state;
	assert_escape("a b", "a%20b");
	assert_escape("a&b=c/d?e#f", "a%26b%3Dc%2Fd%3Fe%23f");
	assert_escape("100%", "100%25");
	assert_escape("x+y", "x%2By");
	assert_escape("\"q\"", "%22q%22");
}

static void test_escape_keeps_unreserved_and_cbs_literals(void **state)
{
	(void)state;
	assert_escape("AZaz09-._~", "AZaz09-._~");
	/* $ , ( ) ' : stay literal as CBS writes them */
	assert_escape("$format", "$format");
	assert_escape("startswith(RegioS,'GM')", "startswith(RegioS,'GM')");
	assert_escape("a:b", "a:b");
}

static void test_escape_odata_filter_expression(void **state)
{
	(void)state;
	assert_escape("(Persoonskenmerken eq '1 ')",
		      "(Persoonskenmerken%20eq%20'1%20')");
}

static void test_escape_utf8_bytes_percent_encoded(void **state)
{
	(void)state;
	/* "Fryslân": â is C3 A2 in UTF-8 */
	assert_escape("Frysl\xc3\xa2n", "Frysl%C3%A2n");
	assert_escape("\xe2\x82\xac", "%E2%82%AC"); /* euro sign */
	assert_escape("\x01\x7f", "%01%7F");
}

static void test_escape_empty_string(void **state)
{
	(void)state;
	assert_escape("", "");
}

static void test_unescape_common_escapes(void **state)
{
	(void)state;
	assert_unescape("a%20b", "a b");
	assert_unescape("%27GM%27", "'GM'");
	assert_unescape("%24format=json", "$format=json");
	assert_unescape("%4a%4A", "JJ"); /* either case of hex digits */
	assert_unescape("Frysl%C3%A2n", "Frysl\xc3\xa2n");
}

static void test_unescape_bad_escapes_kept(void **state)
{
	(void)state;
	assert_unescape("100%", "100%");
	assert_unescape("%2", "%2");
	assert_unescape("a%2", "a%2");
	assert_unescape("%zz", "%zz");
	assert_unescape("%g1", "%g1");
	assert_unescape("%%41", "%A");
}

static void test_unescape_nul_escape_kept_as_text(void **state)
{
	char *got = iz_url_unescape("a%00b");

	(void)state;
	assert_int_equal(strlen(got), 5);
	assert_string_equal(got, "a%00b");
	free(got);
}

static void test_unescape_round_trips_escape(void **state)
{
	const char *in = "(RegioS eq 'GM0363    ') and Perioden eq '2023JJ00'";
	char *esc = iz_url_escape(in);
	char *back = iz_url_unescape(esc);

	(void)state;
	assert_string_equal(back, in);
	free(back);
	free(esc);
}

static void test_origin_len_of_urls(void **state)
{
	(void)state;
	assert_int_equal(
		iz_url_origin_len("https://opendata.cbs.nl/ODataFeed/odata/x"),
		strlen("https://opendata.cbs.nl"));
	assert_int_equal(iz_url_origin_len("http://127.0.0.1:8080?x=1"),
			 strlen("http://127.0.0.1:8080"));
	assert_int_equal(iz_url_origin_len("https://h#frag"),
			 strlen("https://h"));
	assert_int_equal(iz_url_origin_len("https://h"), strlen("https://h"));
	assert_int_equal(iz_url_origin_len("file:///tmp/x.csv"),
			 strlen("file://"));
}

static void test_origin_len_without_origin_zero(void **state)
{
	(void)state;
	assert_int_equal(iz_url_origin_len(""), 0);
	assert_int_equal(iz_url_origin_len("/ODataFeed/odata/x"), 0);
	assert_int_equal(iz_url_origin_len("://host/x"), 0);
	assert_int_equal(iz_url_origin_len("TypedDataSet?next=https://x/"), 0);
	assert_int_equal(iz_url_origin_len("a/b://c"), 0);
}

static void test_same_origin_host_case_insensitive(void **state)
{
	(void)state;
	assert_true(iz_url_same_origin(
		"https://OpenData.CBS.nl/ODataFeed/OData/83599NED/"
		"UntypedDataSet/?$format=json&$skip=10000",
		"https://opendata.cbs.nl/ODataFeed/odata/83599NED/"
		"TypedDataSet?$format=json"));
	assert_true(iz_url_same_origin("HTTPS://h/a", "https://h/b"));
	assert_true(iz_url_same_origin("https://h", "https://h/"));
}

static void test_same_origin_different_port_or_scheme_false(void **state)
{
	(void)state;
	assert_false(iz_url_same_origin("https://h:8443/a", "https://h/a"));
	assert_false(iz_url_same_origin("http://h:80/a", "http://h:81/a"));
	assert_false(iz_url_same_origin("http://h/a", "https://h/a"));
}

static void test_same_origin_lookalike_hosts_false(void **state)
{
	const char *base = "https://opendata.cbs.nl/ODataFeed/odata/x";

	(void)state;
	assert_false(iz_url_same_origin("https://opendata.cbs.nl.evil.org/x",
					base));
	assert_false(
		iz_url_same_origin("https://opendata.cbs.nl@evil.org/x", base));
	assert_false(iz_url_same_origin("https://evil.org/x", base));
	assert_false(iz_url_same_origin("https://evil.org/opendata.cbs.nl",
					base));
}

static void test_same_origin_file_urls(void **state)
{
	(void)state;
	assert_true(iz_url_same_origin("file:///a/x.json", "file:///b/y"));
	assert_false(iz_url_same_origin("file:///a/x.json", "https://h/"));
}

static void test_same_origin_without_origin_false(void **state)
{
	(void)state;
	assert_false(iz_url_same_origin("/x", "/x"));
	assert_false(iz_url_same_origin("", ""));
	assert_false(iz_url_same_origin("/x", "https://h/x"));
}

static void assert_with_origin(const char *url, const char *mirror,
			       const char *want)
{
	char *got = iz_url_with_origin(url, mirror);

	assert_string_equal(got, want);
	free(got);
}

static void test_with_origin_mirror_host(void **state)
{
	(void)state;
	assert_with_origin(
		"https://opendata.cbs.nl/ODataFeed/odata/x/TableInfos?"
		"$format=json",
		"http://127.0.0.1:8080",
		"http://127.0.0.1:8080/ODataFeed/odata/x/TableInfos?"
		"$format=json");
	assert_with_origin("https://h/a", "http://127.0.0.1:8080/",
			   "http://127.0.0.1:8080/a");
}

static void test_with_origin_mirror_path_prefix(void **state)
{
	(void)state;
	assert_with_origin("https://opendata.cbs.nl/ODataFeed/odata/x",
			   "http://m.example/cbs",
			   "http://m.example/cbs/ODataFeed/odata/x");
	assert_with_origin("https://opendata.cbs.nl/ODataFeed/odata/x",
			   "http://m.example/cbs/",
			   "http://m.example/cbs/ODataFeed/odata/x");
	assert_with_origin("https://opendata.cbs.nl/ODataFeed",
			   "http://m.example/cbs//",
			   "http://m.example/cbs/ODataFeed");
	assert_with_origin("https://h?x=1", "http://m.example/p/",
			   "http://m.example/p?x=1");
}

static void test_with_origin_no_mirror_or_origin_copies(void **state)
{
	(void)state;
	assert_with_origin("https://h/a?b", NULL, "https://h/a?b");
	assert_with_origin("https://h/a?b", "", "https://h/a?b");
	assert_with_origin("/relative/path", "http://m", "/relative/path");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_space_and_reserved),
		cmocka_unit_test(test_escape_keeps_unreserved_and_cbs_literals),
		cmocka_unit_test(test_escape_odata_filter_expression),
		cmocka_unit_test(test_escape_utf8_bytes_percent_encoded),
		cmocka_unit_test(test_escape_empty_string),
		cmocka_unit_test(test_unescape_common_escapes),
		cmocka_unit_test(test_unescape_bad_escapes_kept),
		cmocka_unit_test(test_unescape_nul_escape_kept_as_text),
		cmocka_unit_test(test_unescape_round_trips_escape),
		cmocka_unit_test(test_origin_len_of_urls),
		cmocka_unit_test(test_origin_len_without_origin_zero),
		cmocka_unit_test(test_same_origin_host_case_insensitive),
		cmocka_unit_test(test_same_origin_different_port_or_scheme_false),
		cmocka_unit_test(test_same_origin_lookalike_hosts_false),
		cmocka_unit_test(test_same_origin_file_urls),
		cmocka_unit_test(test_same_origin_without_origin_false),
		cmocka_unit_test(test_with_origin_mirror_host),
		cmocka_unit_test(test_with_origin_mirror_path_prefix),
		cmocka_unit_test(test_with_origin_no_mirror_or_origin_copies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
