/*
 * Unit tests for schemes: the shipped datasets/schemes.json, finding a
 * scheme by a hand-typed name, the list for messages, eligibility per
 * target group and income threshold, and every rejection of a bad schemes
 * file (with the file and the key in the message).
 */
#include "inzicht/schemes.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inzicht/lifestage.h"
#include "iztest.h"

struct fx {
	char dir[64];
	char path[128];
	struct iz_schemes s;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/iz-schemes-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/schemes.json", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	iz_schemes_release(&f->s);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* The shipped file, from the repository root or $IZ_ROOT. */
static const char *shipped_path(char *buf, size_t n)
{
	const char *root = getenv("IZ_ROOT");

	snprintf(buf, n, "%s/datasets/schemes.json", root ? root : ".");
	return buf;
}

static void load_shipped(struct iz_schemes *s)
{
	struct iz_error err = IZ_ERROR_INIT;
	char path[4096];

	if (iz_schemes_load(s, shipped_path(path, sizeof(path)), &err) != 0)
		fail_msg("%s: %s", path, err.msg);
}

/* ---- the shipped file ----------------------------------------------------- */

static void test_load_shipped_eight_schemes(void **state)
{
	struct fx *f = *state;
	static const char *const codes[] = {
		"bijzondere_bijstand", "inkomenstoeslag", "kwijtschelding",
		"gemeentepolis",       "schuldhulp",      "meedoen",
		"kindpakket",          "energietoeslag"
	};
	size_t i;

	load_shipped(&f->s);
	assert_int_equal(f->s.n, 8);
	for (i = 0; i < 8; i++)
		assert_string_equal(f->s.items[i].code, codes[i]);
}

static void test_load_shipped_definitions(void **state)
{
	struct fx *f = *state;
	const struct iz_scheme *sc;

	load_shipped(&f->s);
	sc = &f->s.items[iz_schemes_find(&f->s, "bijzondere_bijstand")];
	assert_string_equal(sc->name, "Bijzondere bijstand");
	assert_string_equal(sc->spearhead, "financiele_stabiliteit");
	assert_near(sc->income_threshold, 120, 0);
	assert_int_equal(sc->target, IZ_TARGET_ALL);
	sc = &f->s.items[iz_schemes_find(&f->s, "inkomenstoeslag")];
	assert_near(sc->income_threshold, 105, 0);
	assert_int_equal(sc->target, IZ_TARGET_WERKENDE_LEEFTIJD);
	sc = &f->s.items[iz_schemes_find(&f->s, "kindpakket")];
	assert_string_equal(sc->spearhead, "sociale_inclusie");
	assert_int_equal(sc->target, IZ_TARGET_MET_KINDEREN);
	sc = &f->s.items[iz_schemes_find(&f->s, "gemeentepolis")];
	assert_string_equal(sc->spearhead, "gezondheid");
	assert_near(sc->income_threshold, 130, 0);
}

/* ---- find and list -------------------------------------------------------- */

static void test_find_exact_code(void **state)
{
	struct fx *f = *state;

	load_shipped(&f->s);
	assert_int_equal(iz_schemes_find(&f->s, "bijzondere_bijstand"), 0);
	assert_int_equal(iz_schemes_find(&f->s, "energietoeslag"), 7);
}

static void test_find_normalises_hand_typed_names(void **state)
{
	struct fx *f = *state;

	load_shipped(&f->s);
	assert_int_equal(iz_schemes_find(&f->s, "Bijzondere bijstand"), 0);
	assert_int_equal(iz_schemes_find(&f->s, " Schuldhulp"), 4);
	assert_int_equal(iz_schemes_find(&f->s, "gemeentepolis "), 3);
	assert_int_equal(iz_schemes_find(&f->s, "Kwijtschelding"), 2);
	assert_int_equal(iz_schemes_find(&f->s, "BIJZONDERE-BIJSTAND"), 0);
	assert_int_equal(iz_schemes_find(&f->s, "bijzondere  bijstand"), 0);
	assert_int_equal(iz_schemes_find(&f->s, "\tmeedoen\r"), 5);
}

static void test_find_unknown(void **state)
{
	struct fx *f = *state;

	load_shipped(&f->s);
	assert_int_equal(iz_schemes_find(&f->s, ""), -1);
	assert_int_equal(iz_schemes_find(&f->s, "   "), -1);
	assert_int_equal(iz_schemes_find(&f->s, "bijstand"), -1);
	assert_int_equal(iz_schemes_find(&f->s, "Schuldhulpverlening"), -1);
	assert_int_equal(iz_schemes_find(&f->s, "bijzonderebijstand"), -1);
}

static void test_list_known_codes(void **state)
{
	struct fx *f = *state;
	char *list;

	load_shipped(&f->s);
	list = iz_schemes_list(&f->s);
	assert_string_equal(list, "bijzondere_bijstand, inkomenstoeslag, "
				  "kwijtschelding, gemeentepolis, schuldhulp, "
				  "meedoen, kindpakket, energietoeslag");
	free(list);
}

/* ---- eligibility ------------------------------------------------------------ */

static struct iz_scheme scheme(double threshold, enum iz_target target)
{
	struct iz_scheme sc = { .code = NULL,
				.name = NULL,
				.spearhead = "context",
				.income_threshold = threshold,
				.target = target };

	return sc;
}

static void test_eligible_income_threshold_inclusive(void **state)
{
	struct iz_scheme sc = scheme(120, IZ_TARGET_ALL);

	(void)state;
	assert_true(iz_scheme_eligible(&sc, 0, 40, 0, 0));
	assert_true(iz_scheme_eligible(&sc, 119.9, 40, 0, 0));
	assert_true(iz_scheme_eligible(&sc, 120, 40, 0, 0));
	assert_false(iz_scheme_eligible(&sc, 120.1, 40, 0, 0));
	assert_false(iz_scheme_eligible(&sc, 300, 40, 0, 0));
}

static void test_eligible_unknown_income_not_eligible(void **state)
{
	struct iz_scheme sc = scheme(120, IZ_TARGET_ALL);

	(void)state;
	assert_false(iz_scheme_eligible(&sc, -1, 40, 0, 0));
	assert_false(iz_scheme_eligible(&sc, -1, 40, 0, 200));
}

static void test_eligible_without_threshold(void **state)
{
	struct iz_scheme sc = scheme(0, IZ_TARGET_ALL);

	(void)state;
	/* No income test: every household, income known or not. */
	assert_true(iz_scheme_eligible(&sc, 500, 40, 0, 0));
	assert_true(iz_scheme_eligible(&sc, -1, 40, 0, 0));
}

static void test_eligible_threshold_override(void **state)
{
	struct iz_scheme sc = scheme(120, IZ_TARGET_ALL);
	struct iz_scheme none = scheme(0, IZ_TARGET_ALL);

	(void)state;
	assert_false(iz_scheme_eligible(&sc, 110, 40, 0, 100));
	assert_true(iz_scheme_eligible(&sc, 100, 40, 0, 100));
	assert_true(iz_scheme_eligible(&sc, 140, 40, 0, 150));
	assert_false(iz_scheme_eligible(&sc, 151, 40, 0, 150));
	/* The override replaces every threshold, also "none". */
	assert_false(iz_scheme_eligible(&none, 151, 40, 0, 150));
}

static void test_eligible_target_met_kinderen(void **state)
{
	struct iz_scheme sc = scheme(120, IZ_TARGET_MET_KINDEREN);

	(void)state;
	assert_true(iz_scheme_eligible(&sc, 100, 40, 1, 0));
	assert_true(iz_scheme_eligible(&sc, 100, 70, 3, 0));
	assert_false(iz_scheme_eligible(&sc, 100, 40, 0, 0));
	assert_false(iz_scheme_eligible(&sc, 130, 40, 2, 0));
}

static void test_eligible_target_aow_leeftijd(void **state)
{
	struct iz_scheme sc = scheme(120, IZ_TARGET_AOW_LEEFTIJD);

	(void)state;
	assert_int_equal(IZ_PENSION_AGE, 67);
	assert_false(iz_scheme_eligible(&sc, 100, 66, 0, 0));
	assert_true(iz_scheme_eligible(&sc, 100, 67, 0, 0));
	assert_true(iz_scheme_eligible(&sc, 100, 90, 0, 0));
	assert_false(iz_scheme_eligible(&sc, 121, 90, 0, 0));
}

static void test_eligible_target_werkende_leeftijd(void **state)
{
	struct iz_scheme sc = scheme(105, IZ_TARGET_WERKENDE_LEEFTIJD);

	(void)state;
	assert_false(iz_scheme_eligible(&sc, 100, 17, 0, 0));
	assert_true(iz_scheme_eligible(&sc, 100, 18, 0, 0));
	assert_true(iz_scheme_eligible(&sc, 100, 66, 0, 0));
	assert_false(iz_scheme_eligible(&sc, 100, 67, 0, 0));
	assert_false(iz_scheme_eligible(&sc, 106, 40, 0, 0));
}

static void test_eligible_target_all_any_age(void **state)
{
	struct iz_scheme sc = scheme(120, IZ_TARGET_ALL);

	(void)state;
	assert_true(iz_scheme_eligible(&sc, 100, 16, 0, 0));
	assert_true(iz_scheme_eligible(&sc, 100, 95, 2, 0));
}

static void test_target_names(void **state)
{
	(void)state;
	assert_string_equal(iz_target_name(IZ_TARGET_ALL), "all");
	assert_string_equal(iz_target_name(IZ_TARGET_MET_KINDEREN),
			    "met_kinderen");
	assert_string_equal(iz_target_name(IZ_TARGET_AOW_LEEFTIJD),
			    "aow_leeftijd");
	assert_string_equal(iz_target_name(IZ_TARGET_WERKENDE_LEEFTIJD),
			    "werkende_leeftijd");
}

/* ---- good files -------------------------------------------------------------- */

static void test_load_minimal_file(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	write_file(f->path, "{\"schemes\": [{\"code\": \"a_1\", \"name\": "
			    "\"A\", \"spearhead\": \"context\", \"target\": "
			    "\"all\"}]}");
	if (iz_schemes_load(&f->s, f->path, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(f->s.n, 1);
	assert_string_equal(f->s.items[0].code, "a_1");
	assert_string_equal(f->s.items[0].name, "A");
	/* No threshold: none (0). */
	assert_near(f->s.items[0].income_threshold, 0, 0);
}

static void test_load_top_level_comment_allowed(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	write_file(f->path, "{\"comment\": \"x\", \"schemes\": [{\"code\": "
			    "\"a\", \"name\": \"A\", \"spearhead\": "
			    "\"leefstijl\", \"income_threshold\": 1000, "
			    "\"target\": \"aow_leeftijd\"}]}");
	if (iz_schemes_load(&f->s, f->path, &err) != 0)
		fail_msg("%s", err.msg);
	assert_near(f->s.items[0].income_threshold, 1000, 0);
	assert_int_equal(f->s.items[0].target, IZ_TARGET_AOW_LEEFTIJD);
}

/* ---- bad files ------------------------------------------------------------------ */

#define ITEM_REST                                                            \
	"\"name\": \"A\", \"spearhead\": \"context\", \"target\": \"all\""

/* Loading text fails with exactly "<path><want>" and leaves s empty. */
static void assert_rejected(struct fx *f, const char *text, const char *want)
{
	struct iz_error err = IZ_ERROR_INIT;
	char full[512];

	write_file(f->path, text);
	f->s.n = 99; /* must be reset */
	assert_int_equal(iz_schemes_load(&f->s, f->path, &err), -1);
	assert_int_equal(err.code, IZ_EINPUT);
	snprintf(full, sizeof(full), "%s%s", f->path, want);
	assert_string_equal(err.msg, full);
	assert_int_equal(f->s.n, 0);
	assert_null(f->s.items);
}

static void test_reject_missing_file(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;

	assert_int_equal(iz_schemes_load(&f->s, f->path, &err), -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_non_null(strstr(err.msg, f->path));
	assert_non_null(strstr(err.msg, "No such file or directory"));
	/* No made-up position for a file that could not be opened. */
	assert_null(strstr(err.msg, ":-1"));
}

static void test_reject_bad_json(void **state)
{
	assert_rejected(*state, "{\"schemes\": [}\n",
			":1:14: unexpected token near '}'");
}

static void test_reject_duplicate_json_key(void **state)
{
	assert_rejected(*state,
			"{\"schemes\": [{\"code\": \"a\", \"code\": \"b\", " ITEM_REST
			"}]}",
			":1:33: duplicate object key near '\"code\"'");
}

static void test_reject_not_an_object(void **state)
{
	assert_rejected(*state, "[1, 2]", ": expected a JSON object");
}

static void test_reject_no_schemes_key(void **state)
{
	assert_rejected(*state, "{\"regelingen\": []}",
			": key 'schemes': expected a non-empty list");
}

static void test_reject_empty_list(void **state)
{
	assert_rejected(*state, "{\"schemes\": []}",
			": key 'schemes': expected a non-empty list");
}

static void test_reject_schemes_not_a_list(void **state)
{
	assert_rejected(*state, "{\"schemes\": {\"code\": \"a\"}}",
			": key 'schemes': expected a non-empty list");
}

static void test_reject_item_not_an_object(void **state)
{
	assert_rejected(*state,
			"{\"schemes\": [{\"code\": \"a\", " ITEM_REST "}, 7]}",
			": key 'schemes[1]': expected an object");
}

static void test_reject_unknown_key(void **state)
{
	assert_rejected(*state,
			"{\"schemes\": [{\"code\": \"a\", \"colour\": \"red\", "
			ITEM_REST "}]}",
			": key 'schemes[0].colour': unknown key");
}

static void test_reject_bad_codes(void **state)
{
	struct fx *f = *state;
	static const char *const codes[] = { "\"Kindpakket\"", "\"\"",
					     "\"kind pakket\"", "\"kind-pakket\"",
					     "7", "null" };
	char text[256];
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		snprintf(text, sizeof(text),
			 "{\"schemes\": [{\"code\": %s, " ITEM_REST "}]}",
			 codes[i]);
		assert_rejected(f, text,
				": key 'schemes[0].code': expected lower-case "
				"letters, digits and _");
	}
}

static void test_reject_missing_code(void **state)
{
	assert_rejected(*state, "{\"schemes\": [{" ITEM_REST "}]}",
			": key 'schemes[0].code': expected lower-case letters, "
			"digits and _");
}

static void test_reject_bad_name(void **state)
{
	assert_rejected(*state,
			"{\"schemes\": [{\"code\": \"a\", \"name\": 3, "
			"\"spearhead\": \"context\", \"target\": \"all\"}]}",
			": key 'schemes[0].name': expected a string");
	assert_rejected(*state,
			"{\"schemes\": [{\"code\": \"a\", \"spearhead\": "
			"\"context\", \"target\": \"all\"}]}",
			": key 'schemes[0].name': expected a string");
}

static void test_reject_bad_spearhead(void **state)
{
	assert_rejected(*state,
			"{\"schemes\": [{\"code\": \"a\", \"name\": \"A\", "
			"\"spearhead\": \"armoede\", \"target\": \"all\"}]}",
			": key 'schemes[0].spearhead': expected "
			"financiele_stabiliteit, sociale_inclusie, leefstijl, "
			"gezondheid or context");
	assert_rejected(*state,
			"{\"schemes\": [{\"code\": \"a\", \"name\": \"A\", "
			"\"target\": \"all\"}]}",
			": key 'schemes[0].spearhead': expected "
			"financiele_stabiliteit, sociale_inclusie, leefstijl, "
			"gezondheid or context");
}

static void test_reject_bad_target(void **state)
{
	assert_rejected(*state,
			"{\"schemes\": [{\"code\": \"a\", \"name\": \"A\", "
			"\"spearhead\": \"context\", \"target\": \"kinderen\"}]}",
			": key 'schemes[0].target': expected all, met_kinderen, "
			"aow_leeftijd or werkende_leeftijd");
	assert_rejected(*state,
			"{\"schemes\": [{\"code\": \"a\", \"name\": \"A\", "
			"\"spearhead\": \"context\"}]}",
			": key 'schemes[0].target': expected all, met_kinderen, "
			"aow_leeftijd or werkende_leeftijd");
}

static void test_reject_bad_thresholds(void **state)
{
	struct fx *f = *state;
	static const char *const thr[] = { "0", "-10", "1000.5", "\"120\"",
					   "null", "true" };
	char text[256];
	size_t i;

	for (i = 0; i < sizeof(thr) / sizeof(thr[0]); i++) {
		snprintf(text, sizeof(text),
			 "{\"schemes\": [{\"code\": \"a\", \"income_threshold\": "
			 "%s, " ITEM_REST "}]}",
			 thr[i]);
		assert_rejected(f, text,
				": key 'schemes[0].income_threshold': expected "
				"a percentage of the social minimum");
	}
}

static void test_reject_code_used_twice(void **state)
{
	assert_rejected(*state,
			"{\"schemes\": [{\"code\": \"a\", " ITEM_REST
			"}, {\"code\": \"b\", " ITEM_REST "}, {\"code\": \"a\", "
			ITEM_REST "}]}",
			": key 'schemes[2].code': used twice");
}

/* An error in a later item frees what the earlier ones allocated (the
 * leak check of ASan/valgrind watches this). */
static void test_reject_later_item_frees_earlier(void **state)
{
	assert_rejected(*state,
			"{\"schemes\": [{\"code\": \"a\", " ITEM_REST
			"}, {\"code\": \"b\", " ITEM_REST "}, {\"code\": \"C\", "
			ITEM_REST "}]}",
			": key 'schemes[2].code': expected lower-case letters, "
			"digits and _");
}

int main(void)
{
#define F(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
		F(test_load_shipped_eight_schemes),
		F(test_load_shipped_definitions),
		F(test_find_exact_code),
		F(test_find_normalises_hand_typed_names),
		F(test_find_unknown),
		F(test_list_known_codes),
		cmocka_unit_test(test_eligible_income_threshold_inclusive),
		cmocka_unit_test(test_eligible_unknown_income_not_eligible),
		cmocka_unit_test(test_eligible_without_threshold),
		cmocka_unit_test(test_eligible_threshold_override),
		cmocka_unit_test(test_eligible_target_met_kinderen),
		cmocka_unit_test(test_eligible_target_aow_leeftijd),
		cmocka_unit_test(test_eligible_target_werkende_leeftijd),
		cmocka_unit_test(test_eligible_target_all_any_age),
		cmocka_unit_test(test_target_names),
		F(test_load_minimal_file),
		F(test_load_top_level_comment_allowed),
		F(test_reject_missing_file),
		F(test_reject_bad_json),
		F(test_reject_duplicate_json_key),
		F(test_reject_not_an_object),
		F(test_reject_no_schemes_key),
		F(test_reject_empty_list),
		F(test_reject_schemes_not_a_list),
		F(test_reject_item_not_an_object),
		F(test_reject_unknown_key),
		F(test_reject_bad_codes),
		F(test_reject_missing_code),
		F(test_reject_bad_name),
		F(test_reject_bad_spearhead),
		F(test_reject_bad_target),
		F(test_reject_bad_thresholds),
		F(test_reject_code_used_twice),
		F(test_reject_later_item_frees_earlier),
	};
#undef F

	return cmocka_run_group_tests(tests, NULL, NULL);
}
