/*
 * Unit tests for population: loading one period's households from a store
 * built here (on :memory:) -- period selection, participation active on any
 * day of the period, orphan participation and signals, repeat signals
 * within 183 days, life stage, household type, wijk, income and
 * eligibility per household, and the errors of an empty store.
 */
#include "inzicht/population.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inzicht/lifestage.h"
#include "inzicht/schemes.h"
#include "inzicht/store.h"
#include "iztest.h"

struct fx {
	struct iz_store *st;
	struct iz_population p;
	struct iz_schemes given;
};

static int setup(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	if (iz_store_open(&f->st, ":memory:", IZ_STORE_READWRITE, &err) < 0) {
		fprintf(stderr, "iz_store_open: %s\n", err.msg);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	iz_population_release(&f->p);
	iz_schemes_release(&f->given);
	iz_store_close(f->st);
	free(f);
	return 0;
}

/* ---- building the store ----------------------------------------------------- */

static void put_hh(struct fx *f, int64_t id, int period, const char *region,
		   int birth, const char *type, int children, double income)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_household h = { .id = id,
				  .period = period,
				  .region = region,
				  .head_birth_year = birth,
				  .household_type = type,
				  .children = children,
				  .income_pct_sm = income };

	if (iz_store_put_household(f->st, &h, &err) < 0)
		fail_msg("put household: %s", err.msg);
}

/* An ordinary household of period 2025. */
static void put_plain(struct fx *f, int64_t id)
{
	put_hh(f, id, 2025, "WK059901", 1980, "eenpersoons", 0, 90);
}

static void put_part(struct fx *f, int64_t id, const char *scheme,
		     const char *start, const char *end)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_participation p = { .household = id,
				      .scheme = scheme,
				      .start_date = start,
				      .end_date = end };

	if (iz_store_put_participation(f->st, &p, &err) < 0)
		fail_msg("put participation: %s", err.msg);
}

static void put_sig(struct fx *f, int64_t id, const char *partner,
		    const char *date)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_signal g = { .household = id,
			       .partner = partner,
			       .signal_date = date,
			       .arrears_eur = 100,
			       .outcome = NULL };

	if (iz_store_put_signal(f->st, &g, &err) < 0)
		fail_msg("put signal: %s", err.msg);
}

static void put_scheme(struct fx *f, const char *code, double thr,
		       const char *target)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (iz_store_put_scheme(f->st, code, code, "financiele_stabiliteit", thr,
				target, &err) < 0)
		fail_msg("put scheme: %s", err.msg);
}

static void add_given(struct fx *f, const char *code, double thr,
		      enum iz_target target)
{
	struct iz_scheme *sc;

	f->given.items = iz_xrealloc(f->given.items,
				     (f->given.n + 1) * sizeof(*f->given.items));
	sc = &f->given.items[f->given.n++];
	sc->code = iz_xstrdup(code);
	sc->name = iz_xstrdup(code);
	sc->spearhead = "context";
	sc->income_threshold = thr;
	sc->target = target;
}

static void load(struct fx *f, const struct iz_schemes *schemes, int period,
		 double threshold)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (iz_population_load(&f->p, f->st, schemes, period, threshold, &err) <
	    0)
		fail_msg("iz_population_load: %s", err.msg);
}

static void load_fails(struct fx *f, const struct iz_schemes *schemes,
		       int period, const char *want)
{
	struct iz_error err = IZ_ERROR_INIT;

	assert_int_equal(iz_population_load(&f->p, f->st, schemes, period, 0,
					    &err),
			 -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg, want);
	assert_int_equal(f->p.n, 0);
	assert_null(f->p.hh);
}

static const struct iz_hh *hh(const struct fx *f, int64_t id)
{
	static const struct iz_hh none;
	size_t i;

	for (i = 0; i < f->p.n; i++)
		if (f->p.hh[i].id == id)
			return &f->p.hh[i];
	fail_msg("household %lld not loaded", (long long)id);
	return &none; /* not reached: fail_msg jumps out */
}

static long bit_of(const struct fx *f, const char *code)
{
	size_t i;

	for (i = 0; i < f->p.schemes.n; i++)
		if (strcmp(f->p.schemes.items[i].code, code) == 0)
			return (long)i;
	fail_msg("scheme %s not loaded", code);
	return -1;
}

static uint64_t mask(const struct fx *f, const char *a, const char *b,
		     const char *c)
{
	uint64_t m = 0;

	if (a)
		m |= (uint64_t)1 << bit_of(f, a);
	if (b)
		m |= (uint64_t)1 << bit_of(f, b);
	if (c)
		m |= (uint64_t)1 << bit_of(f, c);
	return m;
}

/* ---- errors of an empty store ------------------------------------------------ */

static void test_empty_store_refused(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 120, "all");
	load_fails(f, NULL, 0,
		   "no households in the store (run 'inzicht import households "
		   "<file>' first)");
}

static void test_period_without_households_refused(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 120, "all");
	put_plain(f, 1);
	load_fails(f, NULL, 2023, "no households in period 2023");
}

static void test_no_schemes_refused(void **state)
{
	struct fx *f = *state;

	put_plain(f, 1);
	load_fails(f, NULL, 0,
		   "no schemes known (import participation first, or give "
		   "--schemes)");
}

/* ---- periods ------------------------------------------------------------------ */

static void test_latest_period_by_default(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 120, "all");
	put_hh(f, 1, 2024, "WK059901", 1980, "eenpersoons", 0, 90);
	put_hh(f, 2, 2024, "WK059901", 1980, "eenpersoons", 0, 90);
	put_hh(f, 1, 2025, "WK059901", 1980, "eenpersoons", 0, 90);
	put_hh(f, 3, 2025, "WK059901", 1980, "eenpersoons", 0, 90);
	put_hh(f, 4, 2025, "WK059901", 1980, "eenpersoons", 0, 90);
	load(f, NULL, 0, 0);
	assert_int_equal(f->p.period, 2025);
	assert_string_equal(f->p.start, "2025-01-01");
	assert_string_equal(f->p.end, "2025-12-31");
	assert_int_equal(f->p.n, 3);
}

/* The latest period is found while loading: rows of earlier periods that
 * came first leave nothing behind (wijken, households without income). */
static void test_latest_period_keeps_nothing_of_earlier(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 120, "all");
	put_hh(f, 1, 2023, "WK059977", 1980, "eenpersoons", 0, -1);
	put_hh(f, 1, 2024, "WK059988", 1980, "eenpersoons", 0, -1);
	put_hh(f, 2, 2025, "WK059902", 1980, "eenpersoons", 0, 90);
	put_hh(f, 3, 2024, "WK059999", 1980, "eenpersoons", 0, -1);
	put_hh(f, 3, 2025, "WK059901", 1980, "eenpersoons", 0, 90);
	load(f, NULL, 0, 0);
	assert_int_equal(f->p.period, 2025);
	assert_int_equal(f->p.n, 2);
	assert_int_equal(f->p.income_unknown, 0);
	assert_int_equal(f->p.nwijken, 2);
	assert_string_equal(f->p.wijken[0], "WK059902");
	assert_string_equal(f->p.wijken[1], "WK059901");
}

static void test_period_selected(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 120, "all");
	put_hh(f, 1, 2024, "WK059901", 1980, "eenpersoons", 0, 90);
	put_hh(f, 2, 2024, "WK059901", 1980, "eenpersoons", 0, 90);
	put_hh(f, 1, 2025, "WK059901", 1980, "eenpersoons", 0, 90);
	/* The same household in two periods, one participation that ended
	 * in 2024: it counts in 2024 only. */
	put_part(f, 1, "a", "2024-03-01", "2024-10-31");
	load(f, NULL, 2024, 0);
	assert_int_equal(f->p.period, 2024);
	assert_string_equal(f->p.start, "2024-01-01");
	assert_string_equal(f->p.end, "2024-12-31");
	assert_int_equal(f->p.n, 2);
	assert_int_equal(hh(f, 1)->schemes, 1);
	iz_population_release(&f->p);
	load(f, NULL, 2025, 0);
	assert_int_equal(f->p.n, 1);
	assert_int_equal(hh(f, 1)->schemes, 0);
}

static void test_households_sorted_by_id(void **state)
{
	struct fx *f = *state;
	size_t i;

	put_scheme(f, "a", 120, "all");
	put_plain(f, 5);
	put_plain(f, INT64_C(-9000000000000000000));
	put_plain(f, 0);
	put_plain(f, INT64_C(9000000000000000000));
	put_plain(f, -1);
	load(f, NULL, 0, 0);
	assert_int_equal(f->p.n, 5);
	for (i = 1; i < f->p.n; i++)
		assert_true(f->p.hh[i - 1].id < f->p.hh[i].id);
}

/* ---- participation ------------------------------------------------------------- */

static void test_participation_active_on_any_day(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a_ended_before", 0, "all");
	put_scheme(f, "b_starts_after", 0, "all");
	put_scheme(f, "c_ends_first_day", 0, "all");
	put_scheme(f, "d_starts_last_day", 0, "all");
	put_scheme(f, "e_ongoing", 0, "all");
	put_scheme(f, "f_inside", 0, "all");
	put_plain(f, 1);
	put_part(f, 1, "a_ended_before", "2020-01-01", "2024-12-31");
	put_part(f, 1, "b_starts_after", "2026-01-01", NULL);
	put_part(f, 1, "c_ends_first_day", "2024-06-01", "2025-01-01");
	put_part(f, 1, "d_starts_last_day", "2025-12-31", NULL);
	put_part(f, 1, "e_ongoing", "2017-01-01", NULL);
	put_part(f, 1, "f_inside", "2025-03-01", "2025-03-31");
	load(f, NULL, 0, 0);
	/* From the store, bits follow the codes in order. */
	assert_string_equal(f->p.schemes.items[0].code, "a_ended_before");
	assert_int_equal(hh(f, 1)->schemes,
			 mask(f, "c_ends_first_day", "d_starts_last_day",
			      "e_ongoing") |
				 mask(f, "f_inside", NULL, NULL));
	assert_int_equal(iz_hh_nschemes(hh(f, 1)), 4);
	assert_int_equal(f->p.orphan_participations, 0);
}

static void test_participation_periods_of_one_scheme_one_bit(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 0, "all");
	put_plain(f, 1);
	put_part(f, 1, "a", "2025-01-01", "2025-03-31");
	put_part(f, 1, "a", "2025-06-01", NULL);
	load(f, NULL, 0, 0);
	assert_int_equal(iz_hh_nschemes(hh(f, 1)), 1);
}

static void test_participation_orphans_counted(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 0, "all");
	put_plain(f, 10);
	put_plain(f, 30);
	put_hh(f, 40, 2024, "WK059901", 1980, "eenpersoons", 0, 90);
	put_part(f, 5, "a", "2025-01-01", NULL);  /* before the first */
	put_part(f, 20, "a", "2025-01-01", NULL); /* between */
	put_part(f, 40, "a", "2025-01-01", NULL); /* a 2024 household */
	put_part(f, 50, "a", "2025-01-01", NULL); /* after the last */
	put_part(f, 60, "a", "2023-01-01", "2023-12-31"); /* not active */
	put_part(f, 10, "a", "2025-01-01", NULL);
	put_part(f, 30, "a", "2025-05-01", NULL);
	load(f, NULL, 2025, 0);
	assert_int_equal(f->p.orphan_participations, 4);
	assert_int_equal(hh(f, 10)->schemes, 1);
	assert_int_equal(hh(f, 30)->schemes, 1);
}

static void test_participation_unknown_scheme_ignored(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 0, "all");
	put_plain(f, 1);
	put_part(f, 1, "stadspas", "2025-01-01", NULL);
	load(f, NULL, 0, 0);
	assert_int_equal(hh(f, 1)->schemes, 0);
	assert_int_equal(f->p.orphan_participations, 0);
}

/* ---- signals --------------------------------------------------------------------- */

static void test_signals_in_period_and_partners(void **state)
{
	struct fx *f = *state;
	const struct iz_hh *h;

	put_scheme(f, "a", 0, "all");
	put_plain(f, 1);
	put_plain(f, 2);
	put_sig(f, 1, "energie", "2025-02-01");
	put_sig(f, 1, "water", "2025-03-01");
	put_sig(f, 1, "other", "2025-04-01");
	put_sig(f, 1, "energie", "2024-12-31"); /* before the period */
	put_sig(f, 1, "huur", "2026-01-01");    /* after it */
	load(f, NULL, 0, 0);
	h = hh(f, 1);
	assert_int_equal(h->signals, 3);
	assert_string_equal(iz_partner_codes[0], "energie");
	assert_string_equal(iz_partner_codes[2], "water");
	assert_string_equal(iz_partner_codes[4], "other");
	assert_int_equal(h->partners, (1u << 0) | (1u << 2) | (1u << 4));
	assert_int_equal(hh(f, 2)->signals, 0);
	assert_int_equal(hh(f, 2)->partners, 0);
	assert_false(hh(f, 2)->repeat);
	assert_int_equal(f->p.orphan_signals, 0);
}

static void test_signals_repeat_within_183_days(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 0, "all");
	put_plain(f, 1);
	put_plain(f, 2);
	put_plain(f, 3);
	put_plain(f, 4);
	/* 2025-01-10 + 183 days = 2025-07-12 */
	put_sig(f, 1, "energie", "2025-01-10");
	put_sig(f, 1, "huur", "2025-07-12");
	/* 184 days: not a repeat */
	put_sig(f, 2, "energie", "2025-01-10");
	put_sig(f, 2, "energie", "2025-07-13");
	/* Only one signal in the period: the earlier one is in 2024. */
	put_sig(f, 3, "water", "2024-12-20");
	put_sig(f, 3, "water", "2025-01-05");
	/* Three signals, the repeat between the last two. */
	put_sig(f, 4, "huur", "2025-01-01");
	put_sig(f, 4, "huur", "2025-08-01");
	put_sig(f, 4, "zorgverzekeraar", "2025-12-31");
	load(f, NULL, 0, 0);
	assert_true(hh(f, 1)->repeat);
	assert_false(hh(f, 2)->repeat);
	assert_int_equal(hh(f, 2)->signals, 2);
	assert_false(hh(f, 3)->repeat);
	assert_int_equal(hh(f, 3)->signals, 1);
	assert_true(hh(f, 4)->repeat);
	assert_int_equal(hh(f, 4)->signals, 3);
}

/* One household's last signal and the next household's first are never
 * a repeat. */
static void test_signals_repeat_not_across_households(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 0, "all");
	put_plain(f, 1);
	put_plain(f, 2);
	put_sig(f, 1, "energie", "2025-03-01");
	put_sig(f, 2, "energie", "2025-03-02");
	load(f, NULL, 0, 0);
	assert_false(hh(f, 1)->repeat);
	assert_false(hh(f, 2)->repeat);
}

static void test_signals_orphans_counted(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 0, "all");
	put_plain(f, 10);
	put_sig(f, 5, "energie", "2025-03-01");
	put_sig(f, 10, "energie", "2025-03-01");
	put_sig(f, 20, "huur", "2025-03-01");
	put_sig(f, 20, "huur", "2025-04-01");
	put_sig(f, 30, "huur", "2024-04-01"); /* outside the period */
	load(f, NULL, 0, 0);
	assert_int_equal(f->p.orphan_signals, 3);
	assert_int_equal(hh(f, 10)->signals, 1);
	/* An orphan's signals never make a household a repeat. */
	assert_false(hh(f, 10)->repeat);
}

/* ---- household attributes ----------------------------------------------------------- */

static void test_life_stage_from_age_in_period(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 0, "all");
	put_hh(f, 1, 2025, "WK059901", 2010, "overig", 0, 90); /* 15 */
	put_hh(f, 2, 2025, "WK059901", 2008, "overig", 0, 90); /* 17 */
	put_hh(f, 3, 2025, "WK059901", 2007, "overig", 0, 90); /* 18 */
	put_hh(f, 4, 2025, "WK059901", 1999, "overig", 0, 90); /* 26 */
	put_hh(f, 5, 2025, "WK059901", 1998, "overig", 0, 90); /* 27 */
	put_hh(f, 6, 2025, "WK059901", 1959, "overig", 0, 90); /* 66 */
	put_hh(f, 7, 2025, "WK059901", 1958, "overig", 0, 90); /* 67 */
	put_hh(f, 8, 2025, "WK059901", 1920, "overig", 0, 90); /* 105 */
	load(f, NULL, 0, 0);
	assert_int_equal(hh(f, 1)->stage, IZ_STAGE_KIND);
	assert_int_equal(hh(f, 2)->stage, IZ_STAGE_KIND);
	assert_int_equal(hh(f, 3)->stage, IZ_STAGE_JONG);
	assert_int_equal(hh(f, 4)->stage, IZ_STAGE_JONG);
	assert_int_equal(hh(f, 5)->stage, IZ_STAGE_VOLWASSEN);
	assert_int_equal(hh(f, 6)->stage, IZ_STAGE_VOLWASSEN);
	assert_int_equal(hh(f, 7)->stage, IZ_STAGE_OUDERE);
	assert_int_equal(hh(f, 8)->stage, IZ_STAGE_OUDERE);
	assert_string_equal(iz_stage_codes[IZ_STAGE_JONG], "jongvolwassen");
	assert_string_equal(iz_stage_codes[IZ_STAGE_OUDERE], "oudere");
}

static void test_household_type_children_income(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 0, "all");
	put_hh(f, 1, 2025, "WK059901", 1980, "eenpersoons", 0, 90);
	put_hh(f, 2, 2025, "WK059901", 1980, "paar_zonder_kinderen", 0, 90);
	put_hh(f, 3, 2025, "WK059901", 1980, "paar_met_kinderen", 3, 90);
	put_hh(f, 4, 2025, "WK059901", 1980, "eenouder", 1, -1);
	put_hh(f, 5, 2025, "WK059901", 1980, "overig", 2, -1);
	load(f, NULL, 0, 0);
	assert_int_equal(hh(f, 1)->type, IZ_HH_EENPERSOONS);
	assert_int_equal(hh(f, 2)->type, IZ_HH_PAAR_ZONDER);
	assert_int_equal(hh(f, 3)->type, IZ_HH_PAAR_MET);
	assert_int_equal(hh(f, 4)->type, IZ_HH_EENOUDER);
	assert_int_equal(hh(f, 5)->type, IZ_HH_OVERIG);
	assert_int_equal(hh(f, 3)->children, 3);
	assert_near(hh(f, 1)->income, 90, 1e-6);
	assert_true(hh(f, 4)->income < 0);
	assert_int_equal(f->p.income_unknown, 2);
}

static void test_wijk_of_buurt_and_codes(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 0, "all");
	put_hh(f, 1, 2025, "WK059915", 1980, "overig", 0, 90);
	put_hh(f, 2, 2025, "BU05991502", 1980, "overig", 0, 90);
	put_hh(f, 3, 2025, "WK059901", 1980, "overig", 0, 90);
	put_hh(f, 4, 2025, "BU05990107", 1980, "overig", 0, 90);
	put_hh(f, 5, 2025, "GM0599", 1980, "overig", 0, 90);
	load(f, NULL, 0, 0);
	assert_int_equal(f->p.nwijken, 3);
	assert_string_equal(f->p.wijken[hh(f, 1)->wijk], "WK059915");
	assert_int_equal(hh(f, 2)->wijk, hh(f, 1)->wijk);
	assert_string_equal(f->p.wijken[hh(f, 3)->wijk], "WK059901");
	assert_int_equal(hh(f, 4)->wijk, hh(f, 3)->wijk);
	assert_string_equal(f->p.wijken[hh(f, 5)->wijk], "GM0599");
}

/* ---- eligibility ---------------------------------------------------------------------- */

static void test_eligibility_with_given_schemes(void **state)
{
	struct fx *f = *state;

	add_given(f, "all120", 120, IZ_TARGET_ALL);
	add_given(f, "kids120", 120, IZ_TARGET_MET_KINDEREN);
	add_given(f, "aow120", 120, IZ_TARGET_AOW_LEEFTIJD);
	add_given(f, "work105", 105, IZ_TARGET_WERKENDE_LEEFTIJD);
	add_given(f, "open", 0, IZ_TARGET_ALL);
	/* The store's schemes differ: the given ones are used. */
	put_scheme(f, "other", 120, "all");
	put_hh(f, 1, 2025, "WK059901", 1980, "eenpersoons", 0, 100);
	put_hh(f, 2, 2025, "WK059901", 1980, "eenouder", 2, 110);
	put_hh(f, 3, 2025, "WK059901", 1950, "eenpersoons", 0, 120);
	put_hh(f, 4, 2025, "WK059901", 1950, "eenpersoons", 0, 121);
	put_hh(f, 5, 2025, "WK059901", 1980, "eenpersoons", 0, -1);
	put_part(f, 1, "open", "2025-01-01", NULL);
	put_part(f, 1, "other", "2025-01-01", NULL);
	load(f, &f->given, 0, 0);
	assert_int_equal(f->p.schemes.n, 5);
	assert_string_equal(f->p.schemes.items[0].code, "all120");
	assert_string_equal(f->p.schemes.items[4].code, "open");
	/* bits: all120 1, kids120 2, aow120 4, work105 8, open 16 */
	assert_int_equal(hh(f, 1)->eligible, 1 | 8 | 16);
	assert_int_equal(hh(f, 2)->eligible, 1 | 2 | 16);
	assert_int_equal(hh(f, 3)->eligible, 1 | 4 | 16);
	assert_int_equal(hh(f, 4)->eligible, 16);
	assert_int_equal(hh(f, 5)->eligible, 16);
	/* Participation in a scheme not given is not counted. */
	assert_int_equal(hh(f, 1)->schemes, 16);
}

static void test_eligibility_from_store_schemes(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "kindpakket", 120, "met_kinderen");
	put_scheme(f, "kwijtschelding", 100, "all");
	put_hh(f, 1, 2025, "WK059901", 1980, "eenouder", 1, 100);
	put_hh(f, 2, 2025, "WK059901", 1980, "eenpersoons", 0, 110);
	load(f, NULL, 0, 0);
	assert_int_equal(f->p.schemes.n, 2);
	assert_int_equal(f->p.schemes.items[0].target, IZ_TARGET_MET_KINDEREN);
	assert_near(f->p.schemes.items[1].income_threshold, 100, 0);
	assert_int_equal(hh(f, 1)->eligible, 3);
	assert_int_equal(hh(f, 2)->eligible, 0);
}

static void test_eligibility_threshold_override(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 120, "all");
	put_scheme(f, "b", 100, "all");
	put_hh(f, 1, 2025, "WK059901", 1980, "eenpersoons", 0, 110);
	put_hh(f, 2, 2025, "WK059901", 1980, "eenpersoons", 0, 150);
	load(f, NULL, 0, 140);
	assert_near(f->p.threshold_override, 140, 0);
	assert_int_equal(hh(f, 1)->eligible, 3);
	assert_int_equal(hh(f, 2)->eligible, 0);
	iz_population_release(&f->p);
	load(f, NULL, 0, 105);
	assert_int_equal(hh(f, 1)->eligible, 0);
}

/* ---- a store in a file: two halves on two connections ---------------------------- */

/* Rows on both sides of pseudonym 0 (where a file's load splits): the
 * latest period in one half only or in both, participation, signals and
 * orphans in each half, wijken first seen in either. */
static void fill_halves(struct fx *f, bool lower_latest)
{
	put_scheme(f, "a", 120, "all");
	put_scheme(f, "b", 150, "met_kinderen");
	put_hh(f, -7, 2024, "WK059977", 1950, "eenpersoons", 0, -1);
	put_hh(f, -5, lower_latest ? 2025 : 2024, "BU05990301", 1990,
	       "eenouder", 2, 100);
	put_hh(f, -3, 2024, "WK059903", 1980, "paar_met_kinderen", 1, -1);
	put_hh(f, 0, 2025, "WK059902", 2010, "overig", 0, 130);
	put_hh(f, 2, 2025, "BU05990301", 1940, "eenpersoons", 0, -1);
	put_hh(f, 4, 2025, "WK059901", 1985, "paar_zonder_kinderen", 0, 95);
	put_hh(f, 4, 2024, "WK059999", 1985, "paar_zonder_kinderen", 0, 95);
	put_part(f, -9, "a", "2025-01-01", NULL);
	put_part(f, -5, "a", "2024-03-01", "2025-01-01");
	put_part(f, -5, "b", "2025-06-01", NULL);
	put_part(f, -3, "a", "2024-01-01", "2024-12-31");
	put_part(f, 0, "b", "2025-12-31", NULL);
	put_part(f, 4, "a", "2023-01-01", NULL);
	put_part(f, 6, "a", "2025-01-01", NULL);
	put_sig(f, -8, "huur", "2025-01-01");
	put_sig(f, -5, "water", "2025-11-30");
	put_sig(f, -5, "energie", "2025-06-01");
	put_sig(f, 0, "huur", "2025-02-01");
	put_sig(f, 2, "huur", "2025-01-01");
	put_sig(f, 2, "energie", "2025-12-31");
	put_sig(f, 9, "other", "2025-05-05");
}

static void assert_same_hh(const struct iz_hh *a, const struct iz_hh *b)
{
	assert_int_equal(a->id, b->id);
	assert_int_equal(a->schemes, b->schemes);
	assert_int_equal(a->eligible, b->eligible);
	assert_true(a->income == b->income);
	assert_int_equal(a->wijk, b->wijk);
	assert_int_equal(a->signals, b->signals);
	assert_int_equal(a->partners, b->partners);
	assert_int_equal(a->stage, b->stage);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->children, b->children);
	assert_int_equal(a->repeat, b->repeat);
}

static void assert_same_population(const struct iz_population *a,
				   const struct iz_population *b)
{
	size_t i;

	assert_int_equal(a->period, b->period);
	assert_string_equal(a->start, b->start);
	assert_string_equal(a->end, b->end);
	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++)
		assert_same_hh(&a->hh[i], &b->hh[i]);
	assert_int_equal(a->nwijken, b->nwijken);
	for (i = 0; i < a->nwijken; i++)
		assert_string_equal(a->wijken[i], b->wijken[i]);
	assert_int_equal(a->income_unknown, b->income_unknown);
	assert_int_equal(a->orphan_participations, b->orphan_participations);
	assert_int_equal(a->orphan_signals, b->orphan_signals);
}

/* The same rows in :memory: (one scan) and in a file (two halves, read
 * and written or read-only): the same population, period by period. */
static void check_halves(struct fx *f, bool lower_latest)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_store *mem = f->st, *file = NULL, *ro = NULL;
	struct iz_population p = { 0 };
	char dir[] = "/tmp/iz-population-XXXXXX", path[64];
	static const int periods[] = { 0, 2024, 2025 };
	size_t i;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/s.db", dir);
	fill_halves(f, lower_latest);
	assert_int_equal(iz_store_open(&file, path, IZ_STORE_READWRITE, &err),
			 0);
	f->st = file;
	fill_halves(f, lower_latest);
	assert_int_equal(iz_store_open(&ro, path, IZ_STORE_READONLY, &err), 0);
	for (i = 0; i < 3; i++) {
		f->st = mem;
		load(f, NULL, periods[i], 0);
		f->st = i == 1 ? file : ro;
		assert_int_equal(iz_population_load(&p, f->st, NULL,
						    periods[i], 0, &err),
				 0);
		assert_same_population(&p, &f->p);
		/* Whether the lower half kept households of the period. */
		assert_int_equal(p.hh[0].id < 0,
				 lower_latest || periods[i] == 2024);
		iz_population_release(&p);
		iz_population_release(&f->p);
	}
	f->st = mem;
	iz_store_close(ro);
	iz_store_close(file);
	unlink(path);
	rmdir(dir);
}

static void test_file_halves_as_one_scan(void **state)
{
	check_halves(*state, true);
}

/* The lower half holds only earlier periods: it keeps nothing. */
static void test_file_halves_latest_in_one(void **state)
{
	check_halves(*state, false);
}

static void test_release_twice_safe(void **state)
{
	struct fx *f = *state;

	put_scheme(f, "a", 120, "all");
	put_plain(f, 1);
	load(f, NULL, 0, 0);
	iz_population_release(&f->p);
	assert_int_equal(f->p.n, 0);
	assert_null(f->p.hh);
	iz_population_release(&f->p);
}

int main(void)
{
#define F(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
	const struct CMUnitTest tests[] = {
		F(test_empty_store_refused),
		F(test_period_without_households_refused),
		F(test_no_schemes_refused),
		F(test_latest_period_by_default),
		F(test_latest_period_keeps_nothing_of_earlier),
		F(test_period_selected),
		F(test_households_sorted_by_id),
		F(test_participation_active_on_any_day),
		F(test_participation_periods_of_one_scheme_one_bit),
		F(test_participation_orphans_counted),
		F(test_participation_unknown_scheme_ignored),
		F(test_signals_in_period_and_partners),
		F(test_signals_repeat_within_183_days),
		F(test_signals_repeat_not_across_households),
		F(test_signals_orphans_counted),
		F(test_life_stage_from_age_in_period),
		F(test_household_type_children_income),
		F(test_wijk_of_buurt_and_codes),
		F(test_eligibility_with_given_schemes),
		F(test_eligibility_from_store_schemes),
		F(test_eligibility_threshold_override),
		F(test_file_halves_as_one_scan),
		F(test_file_halves_latest_in_one),
		F(test_release_twice_safe),
	};
#undef F

	return cmocka_run_group_tests(tests, NULL, NULL);
}
