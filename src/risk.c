/*
 * risk: where one gemeente or wijk stands on every open indicator, against
 * the country, its peers and all regions of its level; which series are
 * worse, by the published interval when there is one, else by the
 * polarity-aligned z-score; which are trending the wrong way; and a ranked
 * list of where it deviates most in the bad direction.
 */
#include "inzicht/risk.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/indicators.h"
#include "inzicht/lifestage.h"
#include "inzicht/stats.h"

/* One row of the profile: a series and what is computed for the region. */
struct line {
	struct iz_values v;
	long at; /* the region in v */
	double nl, gm;
	double peer_median, peer_iqr, peer_p25, peer_p75;
	size_t npeers, n; /* peers with a value; regions compared */
	double z, robust_z, percentile;
	const char *verdict; /* static; NULL when undecided */
	bool by_interval;
	struct iz_trend trend; /* trend.n == 0: none */
	bool trend_bad;
	double bad_z; /* polarity-aligned z, NAN when neutral */
	long risk_rank;
	int64_t *ids; /* the series of this code and dims, by dataset */
	size_t nids;
};

/* The region's observations with a value, by indicator and period: what
 * the trends are fitted on, read in one pass. */
struct history {
	int64_t *ind;
	char **period;
	double *value;
	size_t n, cap;
};

struct profile {
	struct iz_store *st;
	enum iz_level level;
	char region[32];
	char gemeente[32]; /* wijk level: its gemeente */
	const char *period;
	char **peers;
	size_t npeers;
	struct line *l;
	size_t n, cap;
	struct history h;
};

/* ---- what to read ------------------------------------------------------ */

static int add_code(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	struct iz_table *t = ctx;
	size_t row = iz_table_add_row(t);

	(void)err;
	iz_table_set_text(t, row, 0, iz_row_text(r, 0));
	return 0;
}

/* The distinct indicator ids of the store, in a one-column table. */
static int indicator_ids(struct iz_table **out, struct iz_store *st,
			 struct iz_error *err)
{
	*out = iz_table_new();
	iz_table_add_column(*out, "code", IZ_COL_TEXT, -1);
	return iz_store_each(st,
			     "SELECT DISTINCT code FROM indicator ORDER BY code",
			     NULL, NULL, 0, add_code, *out, err);
}

static bool maps_to_group(const struct iz_series *s)
{
	bool stage = s->life_stage[0] && strcmp(s->life_stage, "totaal");
	bool house = s->household_type[0] &&
		     strcmp(s->household_type, "totaal");

	return stage || house;
}

static struct line *new_line(struct profile *p)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->l = iz_xrealloc(p->l, p->cap * sizeof(*p->l));
	}
	memset(&p->l[p->n], 0, sizeof(p->l[p->n]));
	return &p->l[p->n++];
}

/* The ids of the series in s[0, n) (one code, by dataset) whose dims are
 * l's: the trend follows them across datasets. */
static void same_series(struct line *l, const struct iz_series *s, size_t n)
{
	size_t i;

	l->ids = iz_xcalloc(n + 1, sizeof(*l->ids));
	for (i = 0; i < n; i++)
		if (strcmp(s[i].dims, l->v.series.dims) == 0)
			l->ids[l->nids++] = s[i].id;
}

/* Load one series; keep it when the region has a value. A selection
 * without values is not an error here: the series just has no row. */
static int load_line(struct profile *p, const char *code, const char *dims,
		     const struct iz_series *s, size_t ns, struct iz_error *err)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct line *l = new_line(p);

	sel.level = p->level;
	sel.period = p->period;
	sel.category = dims;
	if (iz_indicators_load(&l->v, p->st, code, &sel, err) < 0) {
		iz_values_release(&l->v);
		p->n--;
		if (err->code == IZ_EINPUT) {
			*err = (struct iz_error)IZ_ERROR_INIT;
			return 0;
		}
		return -1;
	}
	l->at = iz_values_find(&l->v, p->region);
	if (l->at < 0 || isnan(l->v.value[l->at])) {
		iz_values_release(&l->v);
		p->n--;
		return 0;
	}
	same_series(l, s, ns);
	return 0;
}

/* The main series of code, then its life-stage and household categories. */
static int load_indicator(struct profile *p, const char *code,
			  struct iz_error *err)
{
	struct iz_series *s = NULL;
	size_t n = 0, i, j;
	const char *main_dims = NULL;
	int rc = -1;

	if (iz_indicators_series(&s, &n, p->st, code, err) < 0 ||
	    load_line(p, code, NULL, s, n, err) < 0)
		goto out;
	if (p->n > 0 && strcmp(p->l[p->n - 1].v.series.code, code) == 0)
		main_dims = p->l[p->n - 1].v.series.dims;
	for (i = 0; i < n; i++) {
		if (!maps_to_group(&s[i]) ||
		    (main_dims && strcmp(s[i].dims, main_dims) == 0))
			continue;
		for (j = 0; j < i && strcmp(s[j].dims, s[i].dims); j++)
			;
		if (j == i && load_line(p, code, s[i].dims, s, n, err) < 0)
			goto out;
		/* load_line may move p->l: look main_dims up again */
		main_dims = NULL;
		for (j = p->n; j > 0; j--)
			if (strcmp(p->l[j - 1].v.series.code, code) == 0)
				main_dims = p->l[j - 1].v.series.dims;
	}
	rc = 0;
out:
	iz_series_free(s, n);
	return rc;
}

/* ---- statistics per line ---------------------------------------------- */

/* The values of l among the regions whose code starts with prefix (NULL:
 * all), without missing ones; *at: the region's index there, or -1. */
static double *present(size_t *m, long *at, const struct line *l,
		       const char *region)
{
	double *x = iz_xcalloc(l->v.n + 1, sizeof(*x));
	size_t i;

	*m = 0;
	*at = -1;
	for (i = 0; i < l->v.n; i++) {
		if (isnan(l->v.value[i]))
			continue;
		if (strcmp(l->v.code[i], region) == 0)
			*at = (long)*m;
		x[(*m)++] = l->v.value[i];
	}
	return x;
}

static void scores(struct line *l, const char *region)
{
	size_t m;
	long at;
	double *x = present(&m, &at, l, region);
	struct iz_standing st;

	l->n = m;
	l->z = l->robust_z = l->percentile = NAN;
	if (at >= 0 && iz_stats_standing(&st, x, m, (size_t)at, NULL) == 0) {
		l->z = st.z;
		l->robust_z = st.robust_z;
		l->percentile = st.percentile;
	}
	free(x);
}

static void peer_stats(struct line *l, char *const *peers, size_t npeers)
{
	double *x = iz_xcalloc(npeers + 1, sizeof(*x));
	size_t i, m = 0;
	long at;

	for (i = 0; i < npeers; i++) {
		at = iz_values_find(&l->v, peers[i]);
		if (at >= 0 && !isnan(l->v.value[at]))
			x[m++] = l->v.value[at];
	}
	l->npeers = m;
	l->peer_median = l->peer_iqr = l->peer_p25 = l->peer_p75 = NAN;
	if (m > 0) {
		iz_stats_median(&l->peer_median, x, m, NULL);
		iz_stats_iqr(&l->peer_iqr, x, m, NULL);
		iz_stats_quantile(&l->peer_p25, x, m, 0.25, NULL);
		iz_stats_quantile(&l->peer_p75, x, m, 0.75, NULL);
	}
	free(x);
}

/* The verdict of an interval lo-hi against the national value nl for an
 * indicator of badness b. */
static const char *interval_verdict(int b, double lo, double hi, double nl)
{
	double bad_lo = b > 0 ? lo : -hi, bad_hi = b > 0 ? hi : -lo;
	double ref = b > 0 ? nl : -nl;

	if (bad_lo > ref)
		return "worse";
	if (bad_hi < ref)
		return "better";
	return "similar";
}

/* worse / similar / better: the interval against the NL value when the
 * source publishes one, else the polarity-aligned z against +-1. */
static void judge(struct line *l)
{
	int b = iz_series_badness(&l->v.series);
	double lo = l->v.ci_low[l->at], hi = l->v.ci_high[l->at];

	l->bad_z = b ? b * l->z : (double)NAN;
	l->verdict = b ? NULL : "neutral";
	if (!b)
		return;
	if (!isnan(lo) && !isnan(hi) && !isnan(l->nl)) {
		l->by_interval = true;
		l->verdict = interval_verdict(b, lo, hi, l->nl);
	} else if (!isnan(l->bad_z)) {
		l->verdict = l->bad_z > IZ_RISK_Z_LIMIT	   ? "worse" :
			     l->bad_z < -IZ_RISK_Z_LIMIT ? "better" :
							   "similar";
	}
}

/* ---- trend ------------------------------------------------------------ */

struct points {
	double t[64], y[64];
	char last[16];
	size_t n;
};

/* A period code as a point in time: 2024JJ00 -> 2024, 2024MM07 -> 2024.5,
 * 2024KW03 -> 2024.5; NAN when unknown. */
static double period_time(const char *p)
{
	char *end;
	long year, k;

	if (strlen(p) != 8)
		return NAN;
	year = strtol(p, &end, 10);
	if (end != p + 4)
		return NAN;
	k = strtol(p + 6, &end, 10);
	if (*end)
		return NAN;
	if (strncmp(p + 4, "JJ", 2) == 0)
		return (double)year;
	if (strncmp(p + 4, "MM", 2) == 0 && k >= 1 && k <= 12)
		return (double)year + (double)(k - 1) / 12.0;
	if (strncmp(p + 4, "KW", 2) == 0 && k >= 1 && k <= 4)
		return (double)year + (double)(k - 1) / 4.0;
	return NAN;
}

/* Add the value y of period to pt; periods come in order, and the same
 * period twice (two datasets) keeps the later one. */
static void add_point(struct points *pt, const char *period, double y)
{
	double t = period_time(period);

	if (isnan(t) || pt->n == 64)
		return;
	if (pt->n > 0 && strcmp(pt->last, period) == 0)
		pt->n--;
	snprintf(pt->last, sizeof(pt->last), "%s", period);
	pt->t[pt->n] = t;
	pt->y[pt->n++] = y;
}

static int add_history(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	struct history *h = ctx;
	const char *period = iz_row_text(r, 1);

	(void)err;
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 256;
		h->ind = iz_xrealloc(h->ind, h->cap * sizeof(*h->ind));
		h->period = iz_xrealloc(h->period, h->cap * sizeof(*h->period));
		h->value = iz_xrealloc(h->value, h->cap * sizeof(*h->value));
	}
	h->ind[h->n] = iz_row_int(r, 0);
	h->period[h->n] = iz_xstrdup(period ? period : "");
	h->value[h->n++] = iz_row_double(r, 2);
	return 0;
}

/* Every observation of the region with a value, in key order (indicator,
 * then period): one range of the primary key. */
static int load_history(struct profile *p, struct iz_error *err)
{
	static const char *const names[] = { "region" };
	const char *values[] = { p->region };

	return iz_store_each(p->st,
			     "SELECT indicator, period, value FROM observation"
			     " WHERE region = :region AND value IS NOT NULL"
			     " ORDER BY indicator, period",
			     names, values, 1, add_history, &p->h, err);
}

static void history_release(struct history *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->period[i]);
	free(h->ind);
	free(h->period);
	free(h->value);
}

/* The first row of indicator id in h, or h->n. */
static size_t history_find(const struct history *h, int64_t id)
{
	size_t lo = 0, hi = h->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (h->ind[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A value of the trend: its period, and k orders the datasets. */
struct dated {
	const char *period;
	size_t k;
	double y;
};

static int by_period(const void *a, const void *b)
{
	const struct dated *x = a, *y = b;
	int c = strcmp(x->period, y->period);

	if (c)
		return c;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* The values of l's series (in every dataset) for the region, by period
 * and then dataset, into pt. */
static void trend_points(struct points *pt, const struct line *l,
			 const struct history *h)
{
	struct dated *d = NULL;
	size_t k, i, n = 0, cap = 0;

	for (k = 0; k < l->nids; k++) {
		for (i = history_find(h, l->ids[k]);
		     i < h->n && h->ind[i] == l->ids[k]; i++) {
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				d = iz_xrealloc(d, cap * sizeof(*d));
			}
			d[n++] = (struct dated){ h->period[i], k, h->value[i] };
		}
	}
	if (n > 1)
		qsort(d, n, sizeof(*d), by_period);
	for (i = 0; i < n; i++)
		add_point(pt, d[i].period, d[i].y);
	free(d);
}

static void trend(struct line *l, const struct history *h)
{
	struct points pt = { .n = 0 };
	int b = iz_series_badness(&l->v.series);

	trend_points(&pt, l, h);
	if (pt.n < 3 || iz_stats_trend(&l->trend, pt.t, pt.y, pt.n, NULL) < 0)
		l->trend.n = 0;
	else
		l->trend_bad = b && b * l->trend.slope > 0 &&
			       l->trend.p < IZ_RISK_TREND_P;
}

/* ---- the whole profile ------------------------------------------------ */

static int compute(struct profile *p, struct iz_error *err)
{
	struct line *l;
	size_t i;

	if (load_history(p, err) < 0)
		return -1;
	for (i = 0; i < p->n; i++) {
		l = &p->l[i];
		if (iz_indicators_national(&l->nl, p->st, &l->v.series,
					   l->v.period, err) < 0)
			return -1;
		l->gm = NAN;
		if (p->gemeente[0] &&
		    iz_indicators_value(&l->gm, p->st, &l->v.series,
					l->v.period, p->gemeente, err) < 0)
			return -1;
		scores(l, p->region);
		peer_stats(l, p->peers, p->npeers);
		judge(l);
		trend(l, &p->h);
	}
	return 0;
}

static int stage_order(const char *stage)
{
	int i;

	for (i = 0; iz_life_stage_codes[i]; i++)
		if (strcmp(iz_life_stage_codes[i], stage) == 0)
			return strcmp(stage, "totaal") == 0 ? -1 : i;
	return stage[0] ? 90 : -2;
}

/* Spearhead, life stage (totaal first, then kind .. oudere), household
 * type, indicator id, category. */
static int by_group(const void *a, const void *b)
{
	const struct iz_series *s = &((const struct line *)a)->v.series;
	const struct iz_series *t = &((const struct line *)b)->v.series;
	int c = strcmp(s->spearhead, t->spearhead);

	if (c)
		return c;
	c = stage_order(s->life_stage) - stage_order(t->life_stage);
	if (c)
		return c;
	if ((c = strcmp(s->household_type, t->household_type)) != 0 ||
	    (c = strcmp(s->code, t->code)) != 0)
		return c;
	return strcmp(s->dims, t->dims);
}

static bool at_risk(const struct line *l)
{
	return (l->verdict && strcmp(l->verdict, "worse") == 0) || l->trend_bad;
}

static const struct line *rank_lines;

/* Furthest in the bad direction first; then the listing order. Scores
 * within 1e-9 of each other count as equal, so that the last bits of
 * floating point (which differ between builds and under valgrind) never
 * reorder the list. */
static int by_badness(const void *a, const void *b)
{
	const struct line *l = &rank_lines[*(const size_t *)a];
	const struct line *m = &rank_lines[*(const size_t *)b];
	double x = isnan(l->bad_z) ? -(double)INFINITY : l->bad_z;
	double y = isnan(m->bad_z) ? -(double)INFINITY : m->bad_z;
	double tol = 1e-9 * fmax(1.0, fmax(fabs(x), fabs(y)));

	if (isinf(x) != isinf(y) || (!isinf(x) && fabs(x - y) > tol))
		return x > y ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Rank the at-risk lines; returns their indices, best first, in a new
 * array of *n. */
static size_t *rank_risks(size_t *n, struct profile *p)
{
	size_t *idx = iz_xcalloc(p->n + 1, sizeof(*idx));
	size_t i;

	*n = 0;
	for (i = 0; i < p->n; i++)
		if (at_risk(&p->l[i]))
			idx[(*n)++] = i;
	rank_lines = p->l;
	qsort(idx, *n, sizeof(*idx), by_badness);
	rank_lines = NULL;
	if (*n > IZ_RISK_TOP)
		*n = IZ_RISK_TOP;
	for (i = 0; i < *n; i++)
		p->l[idx[i]].risk_rank = (long)i + 1;
	return idx;
}

/* ---- the table -------------------------------------------------------- */

static const char *const columns[] = {
	"spearhead",   "life_stage",   "household_type", "indicator",
	"category",    "period",       "value",          "ci_low",
	"ci_high",     "nl",           "gemeente",       "peer_median",
	"peer_iqr",    "peer_p25",     "peer_p75",       "z",
	"robust_z",    "percentile",
	"verdict",     "approximate",  "trend_slope",    "trend_se",
	"trend_p",     "trend_flag",   "risk_rank",
};

enum {
	C_SPEAR,
	C_STAGE,
	C_HOUSE,
	C_IND,
	C_CAT,
	C_PERIOD,
	C_VALUE,
	C_LO,
	C_HI,
	C_NL,
	C_GM,
	C_PMED,
	C_PIQR,
	C_P25,
	C_P75,
	C_Z,
	C_RZ,
	C_PCT,
	C_VERDICT,
	C_APPROX,
	C_SLOPE,
	C_SE,
	C_P,
	C_FLAG,
	C_RANK,
	NCOLS
};

static struct iz_table *new_table(void)
{
	struct iz_table *t = iz_table_new();
	size_t i;

	for (i = 0; i < NCOLS; i++) {
		if (i == C_RANK)
			iz_table_add_column(t, columns[i], IZ_COL_INT, -1);
		else if (i >= C_VALUE && i <= C_PCT && i != C_PCT)
			iz_table_add_column(t, columns[i], IZ_COL_REAL,
					    i >= C_Z ? 2 : 1);
		else if (i == C_PCT)
			iz_table_add_column(t, columns[i], IZ_COL_REAL, 1);
		else if (i >= C_SLOPE && i <= C_P)
			iz_table_add_column(t, columns[i], IZ_COL_REAL,
					    i == C_P ? 4 : 3);
		else
			iz_table_add_column(t, columns[i], IZ_COL_TEXT, -1);
	}
	return t;
}

static void set_real(struct iz_table *t, size_t row, size_t col, double v)
{
	if (isfinite(v))
		iz_table_set_real(t, row, col, v);
}

static void set_text(struct iz_table *t, size_t row, size_t col,
		     const char *s)
{
	if (s && *s)
		iz_table_set_text(t, row, col, s);
}

static void add_values(struct iz_table *t, size_t row, const struct line *l)
{
	set_real(t, row, C_VALUE, l->v.value[l->at]);
	set_real(t, row, C_LO, l->v.ci_low[l->at]);
	set_real(t, row, C_HI, l->v.ci_high[l->at]);
	set_real(t, row, C_NL, l->nl);
	set_real(t, row, C_GM, l->gm);
	set_real(t, row, C_PMED, l->peer_median);
	set_real(t, row, C_PIQR, l->peer_iqr);
	set_real(t, row, C_P25, l->peer_p25);
	set_real(t, row, C_P75, l->peer_p75);
	set_real(t, row, C_Z, l->z);
	set_real(t, row, C_RZ, l->robust_z);
	set_real(t, row, C_PCT, l->percentile);
	if (l->trend.n > 0) {
		set_real(t, row, C_SLOPE, l->trend.slope);
		set_real(t, row, C_SE, l->trend.se);
		set_real(t, row, C_P, l->trend.p);
		iz_table_set_text(t, row, C_FLAG,
				  l->trend_bad ? "worsening" : "");
	}
	if (l->risk_rank > 0)
		iz_table_set_int(t, row, C_RANK, l->risk_rank);
}

static void add_row(struct iz_table *t, const struct line *l)
{
	const struct iz_series *s = &l->v.series;
	size_t row = iz_table_add_row(t);

	set_text(t, row, C_SPEAR, s->spearhead);
	set_text(t, row, C_STAGE, s->life_stage);
	set_text(t, row, C_HOUSE, s->household_type);
	set_text(t, row, C_IND, s->code);
	set_text(t, row, C_CAT, s->dims);
	set_text(t, row, C_PERIOD, l->v.period);
	set_text(t, row, C_VERDICT, l->verdict);
	set_text(t, row, C_APPROX, s->approximate ? "approximate" : "");
	add_values(t, row, l);
}

/* The reason in words for an at-risk line. */
static void risk_note(struct iz_table *t, const struct line *l,
		      const char *places)
{
	const struct iz_series *s = &l->v.series;
	const char *side = iz_series_badness(s) > 0 ? "above" : "below";
	char why[256], tr[160] = "";

	if (l->verdict && strcmp(l->verdict, "worse") == 0 && l->by_interval)
		snprintf(why, sizeof(why), "its 95%% interval %.4g-%.4g lies "
					   "%s Nederland's %.4g",
			 l->v.ci_low[l->at], l->v.ci_high[l->at], side, l->nl);
	else if (l->verdict && strcmp(l->verdict, "worse") == 0)
		snprintf(why, sizeof(why), "%.2f sd %s the mean of the %zu "
					   "%s with a value",
			 fabs(l->z), side, l->n, places);
	else
		snprintf(why, sizeof(why), "similar to the country now");
	if (l->trend_bad)
		snprintf(tr, sizeof(tr), "; and %s by %.3g per year (se %.3g, "
					 "p = %.3g)",
			 l->trend.slope > 0 ? "rising" : "falling",
			 fabs(l->trend.slope), l->trend.se, l->trend.p);
	iz_table_add_note(t, "at risk %ld: %s%s%s (life stage %s, household "
			     "%s%s): %.4g in %s; %s%s",
			  l->risk_rank, s->code, s->dims[0] ? " " : "", s->dims,
			  s->life_stage[0] ? s->life_stage : "-",
			  s->household_type[0] ? s->household_type : "-",
			  s->approximate ? ", approximate" : "",
			  l->v.value[l->at], l->v.period, why, tr);
}

static void add_notes(struct iz_table *t, const struct profile *p,
		      const size_t *risks, size_t nrisks)
{
	size_t i;

	iz_table_add_note(t, "%s: %zu series; z, robust_z and percentile among "
			     "all %s with a value; verdict by the 95%% interval "
			     "against Nederland where published, else by "
			     "|z| > %.0f on the bad side",
			  p->region, p->n, iz_indicators_level_plural(p->level),
			  IZ_RISK_Z_LIMIT);
	if (p->npeers == 0)
		iz_table_add_note(t, "no peers: peer_median and peer_iqr are "
				     "empty");
	for (i = 0; i < nrisks; i++)
		risk_note(t, &p->l[risks[i]],
			  iz_indicators_level_plural(p->level));
	if (nrisks == 0)
		iz_table_add_note(t, "at risk: none (no series worse than the "
				     "country or worsening)");
}

static void peer_note(struct iz_table *t, const struct profile *p,
		      const char *how)
{
	char list[1024];
	size_t i, len = 0;

	list[0] = '\0';
	for (i = 0; i < p->npeers && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
					len ? ", " : "", p->peers[i]);
	if (p->npeers)
		iz_table_add_note(t, "peers (%s): %s", how, list);
	iz_table_set_stat(t, "peers", (double)p->npeers);
}

/* ---- setting up -------------------------------------------------------- */

static int region_level(struct profile *p, const char *region,
			struct iz_error *err)
{
	size_t i;

	for (i = 0; region && region[i] && i + 1 < sizeof(p->region); i++)
		p->region[i] = (char)toupper((unsigned char)region[i]);
	p->region[i] = '\0';
	if (strncmp(p->region, "GM", 2) == 0)
		p->level = IZ_LEVEL_GEMEENTE;
	else if (strncmp(p->region, "WK", 2) == 0 && strlen(p->region) >= 6)
		p->level = IZ_LEVEL_WIJK;
	else
		return iz_fail(err, IZ_EUSAGE,
			       "risk works on a gemeente (GM...) or a wijk "
			       "(WK...), not '%s'",
			       region ? region : "");
	if (p->level == IZ_LEVEL_WIJK)
		snprintf(p->gemeente, sizeof(p->gemeente), "GM%.4s",
			 p->region + 2);
	return 0;
}

static int add_peer_code(void *ctx, const struct iz_row *r,
			 struct iz_error *err)
{
	struct profile *p = ctx;

	(void)err;
	p->peers = iz_xrealloc(p->peers, (p->npeers + 1) * sizeof(*p->peers));
	p->peers[p->npeers++] = iz_xstrdup(iz_row_text(r, 0));
	return 0;
}

/* A wijk's default peers: the other wijken of its gemeente. */
static int sibling_wijken(struct profile *p, struct iz_error *err)
{
	static const char *const names[] = { "prefix", "self" };
	char prefix[16];
	const char *values[] = { prefix, p->region };

	snprintf(prefix, sizeof(prefix), "WK%.4s", p->region + 2);
	return iz_store_each(p->st,
			     "SELECT code FROM region WHERE substr(code, 1, 6)"
			     " = :prefix AND code <> :self ORDER BY code",
			     names, values, 2, add_peer_code, p, err);
}

static int choose_peers(struct profile *p, struct iz_table *t,
			const struct iz_risk_opts *o, struct iz_error *err)
{
	struct iz_peers_opts po = IZ_PEERS_OPTS_INIT;
	size_t i;

	if (o->npeers > 0) {
		p->peers = iz_xcalloc(o->npeers, sizeof(*p->peers));
		for (i = 0; i < o->npeers; i++)
			p->peers[p->npeers++] = iz_xstrdup(o->peers[i]);
		for (i = 0; i < p->npeers; i++)
			for (char *c = p->peers[i]; *c; c++)
				*c = (char)toupper((unsigned char)*c);
		peer_note(t, p, "given");
		return 0;
	}
	if (p->level == IZ_LEVEL_WIJK && o->k > 0)
		return iz_fail(err, IZ_EUSAGE,
			       "peers by k nearest neighbours are gemeenten; "
			       "give a wijk's peers as codes");
	if (p->level == IZ_LEVEL_WIJK) {
		if (sibling_wijken(p, err) < 0)
			return -1;
		peer_note(t, p, "the other wijken of the gemeente");
		return 0;
	}
	po.region = p->region;
	po.k = o->k ? o->k : IZ_PEERS_DEFAULT_K;
	if (iz_risk_peer_codes(&p->peers, &p->npeers, t, p->st, &po, err) < 0)
		return -1;
	peer_note(t, p, "k nearest gemeenten, see 'inzicht peers'");
	return 0;
}

static int region_exists(struct profile *p, struct iz_error *err)
{
	static const char *const names[] = { "code" };
	const char *values[] = { p->region };
	size_t before = p->npeers;
	char **saved = p->peers;
	bool found;

	p->peers = NULL;
	p->npeers = 0;
	if (iz_store_each(p->st, "SELECT code FROM region WHERE code = :code",
			  names, values, 1, add_peer_code, p, err) < 0)
		return -1;
	found = p->npeers == 1;
	iz_risk_codes_free(p->peers, p->npeers);
	p->peers = saved;
	p->npeers = before;
	return found ? 0 : iz_fail(err, IZ_EUSAGE, "unknown region '%s'",
				   p->region);
}

static int load_all(struct profile *p, struct iz_error *err)
{
	struct iz_table *ids = NULL;
	size_t i;
	int rc = indicator_ids(&ids, p->st, err);

	for (i = 0; rc == 0 && i < iz_table_nrows(ids); i++)
		rc = load_indicator(p, iz_table_cell(ids, i, 0)->v.text,
				    err);
	iz_table_free(ids);
	if (rc == 0 && p->n == 0)
		rc = iz_fail(err, IZ_EINPUT,
			     "no indicator has a value for '%s'%s%s", p->region,
			     p->period ? " in period " : "",
			     p->period ? p->period : "");
	return rc;
}

static void profile_release(struct profile *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		iz_values_release(&p->l[i].v);
		free(p->l[i].ids);
	}
	free(p->l);
	history_release(&p->h);
	iz_risk_codes_free(p->peers, p->npeers);
}

static void fill(struct iz_table *t, struct profile *p)
{
	size_t i, nrisks, *risks;

	qsort(p->l, p->n, sizeof(*p->l), by_group);
	risks = rank_risks(&nrisks, p);
	for (i = 0; i < p->n; i++)
		add_row(t, &p->l[i]);
	iz_table_set_stat(t, "series", (double)p->n);
	iz_table_set_stat(t, "at_risk", (double)nrisks);
	add_notes(t, p, risks, nrisks);
	free(risks);
}

int iz_risk_profile(struct iz_table **out, struct iz_store *st,
		    const struct iz_risk_opts *o, struct iz_error *err)
{
	struct profile p = { .st = st };
	struct iz_table *t = new_table();

	*out = NULL;
	p.period = o->period && strcmp(o->period, "latest") ? o->period : NULL;
	if (region_level(&p, o->region, err) < 0 ||
	    region_exists(&p, err) < 0 ||
	    choose_peers(&p, t, o, err) < 0 || load_all(&p, err) < 0 ||
	    compute(&p, err) < 0) {
		profile_release(&p);
		iz_table_free(t);
		return -1;
	}
	fill(t, &p);
	profile_release(&p);
	*out = t;
	return 0;
}
