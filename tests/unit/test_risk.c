/*
 * Unit tests for risk (peers, risk profiles) on the hand-made store of
 * fixture_indicators.h. Orders and verdicts are checked by hand; the
 * statistics composed from stats.c against R 4.x literals (relative 1e-9):
 *   x <- c(5.0, 7.5, 3.2, 6.1, 4.4, 8.3, 5.0)   # armoede 2024, gemeenten
 *   scale(x)[2]; (x[2] - median(x)) / mad(x)
 *   p <- c(5, 3.2, 4.4); median(p); IQR(p)      # peers GM0001, 3, 5
 *   a <- c(5.0, 7.5, 3.2, 6.1, 4.4); o <- c(2, 3, 1, 5, 4)
 *   as.matrix(dist(cbind(scale(a), scale(o))))[1, ]
 *   t <- 2020:2024; y <- c(10, 11, 12.1, 12.9, 14)
 *   coef(summary(lm(y ~ t)))[2, ]
 *   x <- scale(log(1:5)); k <- scale(c(0, 2, 1, 4, 3))  # default peers
 *   as.matrix(dist(cbind(x, k)))[1, ]
 */
#include "inzicht/risk.h"

#include "fixture_indicators.h"
#include "inzicht/table.h"

#define REL 1e-9

static struct iz_store *store(void **state)
{
	return ((struct fx *)*state)->st;
}

static bool has_note(const struct iz_table *t, const char *part)
{
	size_t i;

	for (i = 0; i < iz_table_nnotes(t); i++)
		if (strstr(iz_table_note(t, i), part))
			return true;
	return false;
}

static const struct iz_cell *cell(const struct iz_table *t, size_t row,
				  const char *column)
{
	long c = iz_table_find_column(t, column);

	if (c < 0)
		fail_msg("no column %s", column);
	return iz_table_cell(t, row, (size_t)c);
}

static const char *text(const struct iz_table *t, size_t row,
			const char *column)
{
	const struct iz_cell *c = cell(t, row, column);

	return c->kind == IZ_CELL_TEXT ? c->v.text : "";
}

static double real(const struct iz_table *t, size_t row, const char *column)
{
	const struct iz_cell *c = cell(t, row, column);

	return c->kind == IZ_CELL_REAL ? c->v.r : (double)NAN;
}

/* The row of indicator code with category dims. */
static size_t row_of(const struct iz_table *t, const char *code,
		     const char *dims)
{
	size_t i;

	for (i = 0; i < iz_table_nrows(t); i++)
		if (strcmp(text(t, i, "indicator"), code) == 0 &&
		    strcmp(text(t, i, "category"), dims) == 0)
			return i;
	fail_msg("no row %s %s", code, dims);
	return 0;
}

/* ---- peers ------------------------------------------------------------ */

static void test_peers_one_feature_by_hand(void **state)
{
	struct iz_peers_opts o = IZ_PEERS_OPTS_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	static const char *const order[] = { "GM0007", "GM0005", "GM0004",
					     "GM0003" };
	size_t i;

	o.region = "gm0001";
	o.k = 4;
	o.features[0] = "armoede";
	o.nfeatures = 1;
	if (iz_risk_peers(&t, store(state), &o, &err) < 0)
		fail_msg("%s", err.msg);
	/* |x - 5.0| / sd(x): GM0007 ties at 0, then 0.6, 1.1, 1.8 */
	assert_int_equal(iz_table_nrows(t), 4);
	for (i = 0; i < 4; i++) {
		assert_string_equal(text(t, i, "region"), order[i]);
		assert_int_equal(cell(t, i, "rank")->v.i, (int64_t)i + 1);
	}
	assert_near(real(t, 0, "distance"), 0, 0);
	assert_rel(real(t, 1, "distance"), 0.6 / 1.7821869924871734, 1e-12);
	assert_near(real(t, 3, "armoede"), 3.2, 1e-12);
	assert_true(has_note(t, "ties by region code"));
	iz_table_free(t);
}

static void test_peers_two_features_match_r(void **state)
{
	struct iz_peers_opts o = IZ_PEERS_OPTS_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	const char *k, *txt;
	double v;

	o.region = "GM0001";
	o.features[0] = "armoede";
	o.features[1] = "oud";
	o.nfeatures = 2;
	if (iz_risk_peers(&t, store(state), &o, &err) < 0)
		fail_msg("%s", err.msg);
	/* complete cases GM0001-5; k = 10 shrinks to 4 */
	assert_int_equal(iz_table_nrows(t), 4);
	assert_string_equal(text(t, 0, "region"), "GM0003");
	assert_rel(real(t, 0, "distance"), 1.2661434349711467, REL);
	assert_string_equal(text(t, 1, "region"), "GM0005");
	assert_rel(real(t, 1, "distance"), 1.3166927929019963, REL);
	assert_string_equal(text(t, 2, "region"), "GM0002");
	assert_rel(real(t, 2, "distance"), 1.6494944031769683, REL);
	assert_string_equal(text(t, 3, "region"), "GM0004");
	assert_rel(real(t, 3, "distance"), 2.0122904943847719, REL);
	iz_table_stat(t, 0, &k, &v, &txt);
	assert_string_equal(k, "k");
	assert_near(v, 4, 0);
	iz_table_stat(t, 2, &k, &v, &txt);
	assert_string_equal(k, "features");
	assert_string_equal(txt, "armoede,oud");
	assert_true(has_note(t, "only 4 other gemeenten have every feature"));
	iz_table_free(t);
}

static void test_peers_rejects(void **state)
{
	struct iz_peers_opts o = IZ_PEERS_OPTS_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	o.region = "WK000101";
	assert_int_equal(iz_risk_peers(&t, store(state), &o, &err), -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	o.region = "GM0001";
	o.features[0] = "maand";
	o.features[1] = "vlak";
	o.nfeatures = 2;
	/* maand (2024MM06, GM0001-5) and vlak (5 everywhere, GM0001-6) */
	assert_int_equal(iz_risk_peers(&t, store(state), &o, &err), 0);
	assert_true(has_note(t, "feature vlak: vlak (kwb-a), period "
				"2024JJ00; GM0001 = 5; left out: the same "
				"value everywhere"));
	iz_table_free(t);
	t = NULL;
	o.features[0] = "vlak";
	o.nfeatures = 1;
	assert_int_equal(iz_risk_peers(&t, store(state), &o, &err), -1);
	assert_string_equal(err.msg, "no feature varies across the 6 "
				     "gemeenten");
	o.region = "GM0008";
	o.features[0] = "armoede";
	o.nfeatures = 1;
	assert_int_equal(iz_risk_peers(&t, store(state), &o, &err), -1);
	assert_string_equal(err.msg, "'GM0008' has no value for feature "
				     "'armoede'");
	o.region = "GM0009";
	assert_int_equal(iz_risk_peers(&t, store(state), &o, &err), -1);
	assert_string_equal(err.msg, "unknown region 'GM0009'");
	assert_null(t);
}

/* The default features on the fixture: log_inwoners (inwoners kwb-a,
 * 100 .. 500 in GM0001-5) and urbanity. The address densities are
 * 1000 * 2^k with k = 0, 2, 1, 4, 3: ln makes them ln 1000 + k ln 2, whose
 * z-scores are those of k; stedelijkheid is 5 - k, whose z-scores are
 * those of k with the sign turned, so the distances are the same. */
static int urban_add(struct fx *f, bool density, bool stedelijk)
{
	static const double oad[] = { 1000, 4000, 2000, 16000, 8000 };
	static const double sted[] = { 5, 3, 4, 1, 2 };

	return (density && fx_flat(f->st, "kwb-a", "omgevingsadressendichtheid",
				   "", "2024JJ00", oad, 5)) ||
	       (stedelijk && fx_flat(f->st, "kwb-a", "stedelijkheid", "",
				     "2024JJ00", sted, 5));
}

static int urban_setup(void **state)
{
	return fx_setup(state) < 0 ? -1 : urban_add(*state, true, true);
}

static int stedelijk_setup(void **state)
{
	return fx_setup(state) < 0 ? -1 : urban_add(*state, false, true);
}

/* The distances of GM0001's peers by default features, nearest first. */
static void assert_default_peers(const struct iz_table *t)
{
	static const char *const order[] = { "GM0002", "GM0003", "GM0005",
					     "GM0004" };
	static const double dist[] = { 1.6702144518186344, 1.8407722389975709,
				       3.1644332846188914, 3.3404289036372687 };
	size_t i;

	assert_int_equal(iz_table_nrows(t), 4);
	for (i = 0; i < 4; i++) {
		assert_string_equal(text(t, i, "region"), order[i]);
		assert_rel(real(t, i, "distance"), dist[i], REL);
	}
}

static void test_peers_address_density_by_hand(void **state)
{
	struct iz_peers_opts o = IZ_PEERS_OPTS_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	const char *k, *txt;
	double v;

	o.region = "GM0001";
	if (iz_risk_peers(&t, store(state), &o, &err) < 0)
		fail_msg("%s", err.msg);
	assert_default_peers(t);
	/* the density, not its class: ln 4000 for GM0002 */
	assert_rel(real(t, 0, "log_adresdichtheid"), log(4000), REL);
	assert_int_equal(iz_table_find_column(t, "stedelijkheid"), -1);
	iz_table_stat(t, 2, &k, &v, &txt);
	assert_string_equal(txt, "log_inwoners,log_adresdichtheid");
	assert_true(has_note(t, "feature log_adresdichtheid: "
				"omgevingsadressendichtheid (kwb-a), period "
				"2024JJ00; GM0001 = 6.908"));
	iz_table_free(t);
}

static void test_peers_stedelijkheid_when_no_density(void **state)
{
	struct iz_peers_opts o = IZ_PEERS_OPTS_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	o.region = "GM0001";
	if (iz_risk_peers(&t, store(state), &o, &err) < 0)
		fail_msg("%s", err.msg);
	assert_default_peers(t);
	assert_near(real(t, 0, "stedelijkheid"), 3, 0);
	assert_int_equal(iz_table_find_column(t, "log_adresdichtheid"), -1);
	assert_true(has_note(t, "feature stedelijkheid: stedelijkheid (kwb-a), "
				"period 2024JJ00; GM0001 = 5"));
	iz_table_free(t);
}

/* ---- risk ------------------------------------------------------------- */

static struct iz_table *profile(void **state, const char *region,
				const char *peers)
{
	struct iz_risk_opts o = IZ_RISK_OPTS_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	char buf[64], *p, *comma;

	o.region = region;
	if (peers) {
		snprintf(buf, sizeof(buf), "%s", peers);
		for (p = buf; p; p = comma ? comma + 1 : NULL) {
			comma = strchr(p, ',');
			if (comma)
				*comma = '\0';
			o.peers[o.npeers++] = p;
		}
	}
	if (iz_risk_profile(&t, store(state), &o, &err) < 0)
		fail_msg("%s", err.msg);
	return t;
}

static void test_risk_statistics_match_r(void **state)
{
	struct iz_table *t = profile(state, "GM0002", "GM0001,GM0003,GM0005");
	size_t r = row_of(t, "armoede", "");

	assert_near(real(t, r, "value"), 7.5, 0);
	assert_near(real(t, r, "nl"), 4.6, 1e-12);
	assert_rel(real(t, r, "peer_median"), 4.4000000000000004, REL);
	assert_rel(real(t, r, "peer_iqr"), 0.89999999999999991, REL);
	/* R: quantile(c(5.0, 3.2, 4.4), c(0.25, 0.75)) = 3.8 4.7 */
	assert_rel(real(t, r, "peer_p25"), 3.8, REL);
	assert_rel(real(t, r, "peer_p75"), 4.7, REL);
	assert_rel(real(t, r, "z"), 1.042058361424284, REL);
	assert_rel(real(t, r, "robust_z"), 1.5329335442649896, REL);
	assert_rel(real(t, r, "percentile"), 78.571428571428569, REL);
	/* no interval: z 1.04 > 1 on the bad side (lower_is_better) */
	assert_string_equal(text(t, r, "verdict"), "worse");
	assert_int_equal(cell(t, r, "risk_rank")->v.i, 1);
	assert_true(has_note(t, "at risk 1: armoede"));
	assert_true(has_note(t, "peers (given): GM0001, GM0003, GM0005"));
	/* gezond 68.3, higher is better: scale(y)[2] = -0.4388: similar */
	r = row_of(t, "gezond", "Leeftijd=20300");
	assert_rel(real(t, r, "z"), -0.43875668897926229, REL);
	assert_string_equal(text(t, r, "verdict"), "similar");
	iz_table_free(t);
}

static void test_risk_verdict_by_interval(void **state)
{
	struct iz_table *t = profile(state, "GM0001", "GM0002");
	size_t r = row_of(t, "gezond", "Leeftijd=20300");

	/* 69.0-71.2 lies below NL 72.0 and higher is better: worse,
	 * although z = 0.15 alone would say similar */
	assert_near(real(t, r, "ci_low"), 69.0, 1e-12);
	assert_near(real(t, r, "ci_high"), 71.2, 1e-12);
	assert_string_equal(text(t, r, "verdict"), "worse");
	assert_true(has_note(t, "its 95% interval 69-71.2 lies below "
				"Nederland's 72"));
	/* armoede 5.0: z = -0.36, similar */
	assert_string_equal(text(t, row_of(t, "armoede", ""), "verdict"),
			    "similar");
	iz_table_free(t);
}

static void test_risk_life_stages_grouped(void **state)
{
	struct iz_table *t = profile(state, "GM0001", NULL);
	size_t tot = row_of(t, "gezond", "Leeftijd=20300");
	size_t kind = row_of(t, "gezond", "Leeftijd=10000");
	size_t volw = row_of(t, "gezond", "Leeftijd=53115");

	/* totaal first, then kind, volwassen; the approximate one marked */
	assert_true(tot < kind && kind < volw);
	assert_string_equal(text(t, kind, "life_stage"), "kind");
	assert_string_equal(text(t, kind, "approximate"), "");
	assert_string_equal(text(t, volw, "approximate"), "approximate");
	/* eenzaam Leeftijd=53115 maps to no life stage: not listed */
	assert_string_equal(text(t, row_of(t, "eenzaam", ""), "indicator"),
			    "eenzaam");
	assert_int_equal(iz_table_find_column(t, "gemeente"), 10);
	assert_true(isnan(real(t, tot, "gemeente")));
	iz_table_free(t);
}

static void test_risk_wijk_against_gemeente(void **state)
{
	struct iz_table *t = profile(state, "WK000101", NULL);
	size_t r = row_of(t, "armoede", "");

	/* WK000101 = 4; GM0001 = 5; peers WK000102-104: 6, missing, 7 */
	assert_near(real(t, r, "value"), 4, 0);
	assert_near(real(t, r, "gemeente"), 5.0, 1e-12);
	assert_near(real(t, r, "peer_median"), 6.5, 1e-12);
	assert_true(has_note(t, "peers (the other wijken of the gemeente): "
				"WK000102, WK000103, WK000104"));
	iz_table_free(t);
}

/* A series that rises every year for GM0001: schuld 2020-2024. */
static int trend_setup(void **state)
{
	static const struct fx_obs o[] = {
		{ "GM0001", "2020JJ00", 10 },	{ "GM0001", "2021JJ00", 11 },
		{ "GM0001", "2022JJ00", 12.1 }, { "GM0001", "2023JJ00", 12.9 },
		{ "GM0001", "2024JJ00", 14 },	{ "GM0002", "2024JJ00", 9 },
		{ "GM0003", "2024JJ00", 15 },
	};
	struct fx *f;

	if (fx_setup(state) < 0)
		return -1;
	f = *state;
	return fx_values(f->st,
			 fx_series(f->st, "rivm", "schuld", "",
				   "lower_is_better", NULL, false),
			 o, sizeof(o) / sizeof(o[0]));
}

static void test_risk_trend_flagged(void **state)
{
	struct iz_table *t = profile(state, "GM0001", "GM0002");
	size_t r = row_of(t, "schuld", "");

	assert_rel(real(t, r, "trend_slope"), 0.99000000000001565, 1e-9);
	assert_rel(real(t, r, "trend_se"), 0.025166114784238258, 1e-9);
	assert_rel(real(t, r, "trend_p"), 3.6141344716670382e-05, 1e-6);
	assert_string_equal(text(t, r, "trend_flag"), "worsening");
	/* z = 0.09: similar now, but at risk for its trend */
	assert_string_equal(text(t, r, "verdict"), "similar");
	/* bad_z 0.5 beats gezond's -0.15 (worse by interval only) */
	assert_int_equal(cell(t, r, "risk_rank")->v.i, 1);
	assert_int_equal(cell(t, row_of(t, "gezond", "Leeftijd=20300"),
			      "risk_rank")->v.i, 2);
	assert_true(has_note(t, "at risk 1: schuld (life stage -, household -): 14 in "
				"2024JJ00; similar to the country now; and "
				"rising by 0.99 per year"));
	iz_table_free(t);
}

static void test_risk_rejects(void **state)
{
	struct iz_risk_opts o = IZ_RISK_OPTS_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;

	o.region = "BU00010101";
	assert_int_equal(iz_risk_profile(&t, store(state), &o, &err), -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	o.region = "GM0042";
	assert_int_equal(iz_risk_profile(&t, store(state), &o, &err), -1);
	assert_string_equal(err.msg, "unknown region 'GM0042'");
	o.region = "GM0001";
	o.peers[0] = "GM0002";
	o.npeers = 1;
	o.period = "2030JJ00";
	assert_int_equal(iz_risk_profile(&t, store(state), &o, &err), -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg, "no indicator has a value for 'GM0001' "
				     "in period 2030JJ00");
	/* default peers: of the default features only inwoners is here */
	o.npeers = 0;
	o.period = NULL;
	o.k = 2;
	assert_int_equal(iz_risk_profile(&t, store(state), &o, &err), 0);
	assert_true(has_note(t, "feature log_adresdichtheid skipped: the "
				"store has no 'omgevingsadressendichtheid' "
				"nor stedelijkheid"));
	assert_true(has_note(t, "feature pct_65_plus skipped: the store has "
				"no 'inwoners_65_plus'"));
	assert_true(has_note(t, "feature pct_laag_inkomen skipped: the store "
				"has no 'personen_in_armoede_pct' nor "
				"huishoudens_laagste_40pct_inkomen_pct"));
	assert_true(has_note(t, "peers (k nearest gemeenten, see 'inzicht "
				"peers'): GM0002, GM0003"));
	iz_table_free(t);
	t = NULL;
	assert_null(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_peers_one_feature_by_hand),
		cmocka_unit_test(test_peers_two_features_match_r),
		cmocka_unit_test(test_peers_rejects),
		cmocka_unit_test_setup_teardown(
			test_peers_address_density_by_hand, urban_setup,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			test_peers_stedelijkheid_when_no_density,
			stedelijk_setup, fx_teardown),
		cmocka_unit_test(test_risk_statistics_match_r),
		cmocka_unit_test(test_risk_verdict_by_interval),
		cmocka_unit_test(test_risk_life_stages_grouped),
		cmocka_unit_test(test_risk_wijk_against_gemeente),
		cmocka_unit_test_setup_teardown(test_risk_trend_flagged,
						trend_setup, fx_teardown),
		cmocka_unit_test(test_risk_rejects),
	};

	return cmocka_run_group_tests(tests, fx_setup, fx_teardown);
}
