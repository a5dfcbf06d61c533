/*
 * Loading the households of one period for the analyses: households, the
 * schemes active on any day of the period and the arrears signals in it,
 * merged by pseudonym from three ordered scans of the store.
 */
#include "inzicht/population.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/lifestage.h"
#include "inzicht/strmap.h"

const char *const iz_stage_codes[IZ_NSTAGES] = { "kind", "jongvolwassen",
						 "volwassen", "oudere" };
const char *const iz_hhtype_codes[IZ_NHHTYPES] = {
	"eenpersoons", "paar_zonder_kinderen", "paar_met_kinderen",
	"eenouder", "overig"
};
const char *const iz_partner_codes[IZ_NPARTNERS] = {
	"energie", "huur", "water", "zorgverzekeraar", "other"
};

int iz_hh_nschemes(const struct iz_hh *h)
{
	return __builtin_popcountll(h->schemes);
}

struct loader {
	struct iz_population *p;
	struct iz_strmap *wijk_index;   /* code -> index + 1 */
	struct iz_strmap *region_index; /* region as stored -> index + 1 */
	bool latest; /* loading the latest period, not known beforehand */
	size_t cap, cursor;
	int64_t last_signal_hh;
	long last_signal_day;
	size_t orphans; /* participation rows without a household */
};

/* Whether the store holds any household: one row read, not a scan. */
static int any_household(struct iz_store *st, struct iz_error *err)
{
	struct iz_table *t = NULL;
	const struct iz_cell *c;
	bool any;

	if (iz_store_query(&t, st,
			   "SELECT count(*) FROM (SELECT 1 FROM household "
			   "LIMIT 1)",
			   NULL, NULL, 0, err) < 0)
		return -1;
	c = iz_table_cell(t, 0, 0);
	any = c->kind == IZ_CELL_INT && c->v.i > 0;
	iz_table_free(t);
	if (!any)
		return iz_fail(err, IZ_EINPUT,
			       "no households in the store (run 'inzicht import "
			       "households <file>' first)");
	return 0;
}

static int scheme_row(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	struct iz_schemes *s = ctx;
	struct iz_scheme *sc;
	const char *target = iz_row_text(r, 4);
	static const char *const targets[] = { "all", "met_kinderen",
					       "aow_leeftijd",
					       "werkende_leeftijd" };
	size_t i;

	if (s->n == IZ_MAX_SCHEMES)
		return iz_fail(err, IZ_EINPUT, "more than %d schemes",
			       IZ_MAX_SCHEMES);
	s->items = iz_xrealloc(s->items, (s->n + 1) * sizeof(*s->items));
	sc = &s->items[s->n++];
	memset(sc, 0, sizeof(*sc));
	sc->code = iz_xstrdup(iz_row_text(r, 0));
	sc->name = iz_xstrdup(iz_row_text(r, 1) ? iz_row_text(r, 1) : "");
	sc->spearhead = NULL;
	sc->income_threshold = iz_row_double(r, 3);
	for (i = 0; i < 4; i++)
		if (target && strcmp(target, targets[i]) == 0)
			sc->target = (enum iz_target)i;
	return 0;
}

static int copy_schemes(struct iz_population *p, struct iz_store *st,
			const struct iz_schemes *given, struct iz_error *err)
{
	size_t i;

	if (!given)
		return iz_store_each(st,
				     "SELECT code, name, spearhead, "
				     "income_threshold, target FROM scheme "
				     "ORDER BY code",
				     NULL, NULL, 0, scheme_row, &p->schemes,
				     err);
	if (given->n > IZ_MAX_SCHEMES)
		return iz_fail(err, IZ_EINPUT, "more than %d schemes",
			       IZ_MAX_SCHEMES);
	p->schemes.items = iz_xcalloc(given->n + 1, sizeof(*p->schemes.items));
	for (i = 0; i < given->n; i++) {
		p->schemes.items[i] = given->items[i];
		p->schemes.items[i].code = iz_xstrdup(given->items[i].code);
		p->schemes.items[i].name = iz_xstrdup(given->items[i].name);
	}
	p->schemes.n = given->n;
	return 0;
}

/* A buurt counts in its wijk: "BU05990001" -> "WK059900". */
static void wijk_code(char out[16], const char *region)
{
	size_t n = strlen(region);

	if (strncmp(region, "BU", 2) == 0 && n == 10) {
		memcpy(out, "WK", 2);
		memcpy(out + 2, region + 2, 6);
		out[8] = '\0';
	} else {
		n = n < 15 ? n : 15;
		memcpy(out, region, n);
		out[n] = '\0';
	}
}

static uint32_t wijk_of(struct loader *l, const char *region)
{
	char code[16];
	size_t idx;

	if (!region)
		region = "onbekend";
	/* Households come sorted by pseudonym, not by region: look the
	 * region up as stored, and derive its wijk once per region. */
	idx = (size_t)(uintptr_t)iz_strmap_get(l->region_index, region);
	if (idx)
		return (uint32_t)(idx - 1);
	wijk_code(code, region);
	idx = (size_t)(uintptr_t)iz_strmap_get(l->wijk_index, code);
	if (!idx) {
		l->p->wijken = iz_xrealloc(l->p->wijken, (l->p->nwijken + 1) *
								 sizeof(char *));
		l->p->wijken[l->p->nwijken] = iz_xstrdup(code);
		idx = ++l->p->nwijken;
		iz_strmap_put(l->wijk_index, code, (void *)(uintptr_t)idx);
	}
	iz_strmap_put(l->region_index, region, (void *)(uintptr_t)idx);
	return (uint32_t)(idx - 1);
}

static uint8_t type_index(const char *t)
{
	uint8_t i;

	for (i = 0; t && i < IZ_NHHTYPES; i++)
		if (strcmp(iz_hhtype_codes[i], t) == 0)
			return i;
	return IZ_HH_OVERIG;
}

/* The same boundaries as iz_life_stage_of_age, without the strings. */
static uint8_t stage_index(int age)
{
	if (age < 18)
		return IZ_STAGE_KIND;
	if (age <= 26)
		return IZ_STAGE_JONG;
	return age < IZ_PENSION_AGE ? IZ_STAGE_VOLWASSEN : IZ_STAGE_OUDERE;
}

static uint64_t eligibility(const struct iz_population *p,
			    const struct iz_hh *h, int age)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; i < p->schemes.n; i++)
		if (iz_scheme_eligible(&p->schemes.items[i], h->income, age,
				       h->children, p->threshold_override))
			m |= (uint64_t)1 << i;
	return m;
}

/* A later period than the rows kept so far: start over with it. Rows come
 * by pseudonym, so none of this period has been seen yet. */
static void restart(struct loader *l, int period)
{
	struct iz_population *p = l->p;
	size_t i;

	for (i = 0; i < p->nwijken; i++)
		free(p->wijken[i]);
	p->nwijken = 0;
	p->n = 0;
	p->income_unknown = 0;
	p->period = period;
	iz_strmap_free(l->wijk_index, NULL);
	iz_strmap_free(l->region_index, NULL);
	l->wijk_index = iz_strmap_new();
	l->region_index = iz_strmap_new();
}

/* Loading the latest period, every period's rows pass by: keep those of
 * the latest period seen so far. */
static bool in_period(struct loader *l, const struct iz_row *r)
{
	int period;

	if (!l->latest)
		return true;
	period = (int)iz_row_int(r, 6);
	if (period > l->p->period)
		restart(l, period);
	return period == l->p->period;
}

static int household_row(void *ctx, const struct iz_row *r,
			 struct iz_error *err)
{
	struct loader *l = ctx;
	struct iz_population *p = l->p;
	struct iz_hh *h;
	int age;

	(void)err;
	if (!in_period(l, r))
		return 0;
	if (p->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4096;
		p->hh = iz_xrealloc(p->hh, l->cap * sizeof(*p->hh));
	}
	h = &p->hh[p->n++];
	memset(h, 0, sizeof(*h));
	h->id = iz_row_int(r, 0);
	h->wijk = wijk_of(l, iz_row_text(r, 1));
	age = iz_row_is_null(r, 2) ? 40 : p->period - (int)iz_row_int(r, 2);
	h->stage = stage_index(age);
	h->type = type_index(iz_row_text(r, 3));
	h->children = (int8_t)(iz_row_is_null(r, 4) ? 0 : iz_row_int(r, 4));
	h->income = iz_row_is_null(r, 5) ? -1.0f : (float)iz_row_double(r, 5);
	if (h->income < 0)
		p->income_unknown++;
	h->eligible = eligibility(p, h, age);
	return 0;
}

/* Advance the merge cursor to household id; NULL when it has no record. */
static struct iz_hh *find(struct loader *l, int64_t id)
{
	struct iz_population *p = l->p;

	while (l->cursor < p->n && p->hh[l->cursor].id < id)
		l->cursor++;
	if (l->cursor < p->n && p->hh[l->cursor].id == id)
		return &p->hh[l->cursor];
	return NULL;
}

static long scheme_bit(const struct iz_population *p, const char *code)
{
	size_t i;

	for (i = 0; code && i < p->schemes.n; i++)
		if (strcmp(p->schemes.items[i].code, code) == 0)
			return (long)i;
	return -1;
}

static int participation_row(void *ctx, const struct iz_row *r,
			     struct iz_error *err)
{
	struct loader *l = ctx;
	struct iz_hh *h = find(l, iz_row_int(r, 0));
	long bit = scheme_bit(l->p, iz_row_text(r, 1));

	(void)err;
	if (!h)
		l->orphans++;
	else if (bit >= 0)
		h->schemes |= (uint64_t)1 << bit;
	return 0;
}

/* Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian). */
static long day_number(const char *d)
{
	long y = strtol(d, NULL, 10), m = strtol(d + 5, NULL, 10),
	     day = strtol(d + 8, NULL, 10);
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int partner_bit(const char *code)
{
	int i;

	for (i = 0; code && i < IZ_NPARTNERS; i++)
		if (strcmp(iz_partner_codes[i], code) == 0)
			return i;
	return IZ_NPARTNERS - 1;
}

static int signal_row(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	struct loader *l = ctx;
	int64_t id = iz_row_int(r, 0);
	struct iz_hh *h = find(l, id);
	long day = day_number(iz_row_text(r, 2));

	(void)err;
	if (!h) {
		l->p->orphan_signals++;
		return 0;
	}
	if (h->signals < UINT16_MAX)
		h->signals++;
	h->partners |= (uint8_t)(1u << partner_bit(iz_row_text(r, 1)));
	if (l->last_signal_hh == id && day - l->last_signal_day <= 183)
		h->repeat = true;
	l->last_signal_hh = id;
	l->last_signal_day = day;
	return 0;
}

/* The end date first: most rows are history that ended before the period,
 * and SQLite tests the terms in this order, so for them start_date is
 * never read (callgrind: the scan 2.5 -> 1.9 G instructions at 1 M
 * households). */
#define PART_SQL(cond)                                                      \
	"SELECT household, scheme FROM participation WHERE " cond            \
	" AND (end_date IS NULL OR end_date >= :start) AND start_date <= :end" \
	" ORDER BY household"

/* Participation of households below (lower) or from (upper) a split id. */
struct half {
	struct loader l;
	struct iz_store *st;
	bool upper;
	char split[32];
	int rc;
	struct iz_error err;
};

static int scan_half(struct half *h)
{
	struct iz_population *p = h->l.p;
	const char *n[] = { "start", "end", "split" };
	const char *v[] = { p->start, p->end, h->split };

	return iz_store_each(h->st,
			     h->upper ? PART_SQL("household >= CAST(:split AS "
						 "INTEGER)") :
					PART_SQL("household < CAST(:split AS "
						 "INTEGER)"),
			     n, v, 3, participation_row, &h->l, &h->err);
}

static void *half_thread(void *arg)
{
	struct half *h = arg;

	h->rc = iz_store_open(&h->st, h->st ? iz_store_path(h->st) : "",
			      IZ_STORE_READONLY, &h->err);
	if (h->rc == 0)
		h->rc = scan_half(h);
	iz_store_close(h->st);
	return NULL;
}

/* Most of a period's load is this scan: for a large population the two
 * halves of the key range are scanned at once on two connections (WAL lets
 * readers share the file); each half touches only its own households. */
static int scan_participation(struct loader *l, struct iz_store *st,
			      struct iz_error *err)
{
	struct half lo = { .l = *l, .st = st }, hi = { .l = *l, .st = st };
	pthread_t t;
	bool two = l->p->n >= 200000 &&
		   strcmp(iz_store_path(st), ":memory:") != 0;

	lo.l.orphans = hi.l.orphans = 0;
	lo.l.cursor = 0;
	snprintf(lo.split, sizeof(lo.split), "%lld",
		 (long long)(two ? l->p->hh[l->p->n / 2].id : INT64_MIN));
	memcpy(hi.split, lo.split, sizeof(hi.split));
	hi.upper = true;
	hi.l.cursor = two ? l->p->n / 2 : 0;
	if (!two || pthread_create(&t, NULL, half_thread, &lo) != 0) {
		lo.rc = 0;
		two = false;
	}
	hi.rc = scan_half(&hi);
	if (two)
		pthread_join(t, NULL);
	l->p->orphan_participations += lo.l.orphans + hi.l.orphans;
	if (lo.rc < 0 || hi.rc < 0)
		*err = lo.rc < 0 ? lo.err : hi.err;
	return lo.rc < 0 || hi.rc < 0 ? -1 : 0;
}

static int scan(struct loader *l, struct iz_store *st, struct iz_error *err)
{
	struct iz_population *p = l->p;
	char period[16];
	const char *n1[] = { "period" }, *v1[] = { period };
	const char *n2[] = { "start", "end" }, *v2[] = { p->start, p->end };

	snprintf(period, sizeof(period), "%d", p->period);
	/* The latest period is found in the same scan that loads it (a
	 * separate max(period) would read the whole table once more). */
	if (iz_store_each(st,
			  l->latest ?
				  "SELECT id, region, head_birth_year, "
				  "household_type, children, income_pct_sm, "
				  "period FROM household ORDER BY id" :
				  "SELECT id, region, head_birth_year, "
				  "household_type, children, income_pct_sm "
				  "FROM household WHERE period = "
				  "CAST(:period AS INTEGER) ORDER BY id",
			  n1, v1, l->latest ? 0 : 1, household_row, l, err) < 0)
		return -1;
	if (p->n == 0)
		return iz_fail(err, IZ_EINPUT, "no households in period %d",
			       p->period);
	snprintf(p->start, sizeof(p->start), "%04d-01-01", p->period);
	snprintf(p->end, sizeof(p->end), "%04d-12-31", p->period);
	if (scan_participation(l, st, err) < 0)
		return -1;
	l->cursor = 0;
	return iz_store_each(st,
			     "SELECT household, partner, signal_date FROM "
			     "signal WHERE signal_date BETWEEN :start AND :end "
			     "ORDER BY household, signal_date",
			     n2, v2, 2, signal_row, l, err);
}

int iz_population_load(struct iz_population *out, struct iz_store *st,
		       const struct iz_schemes *schemes, int period,
		       double threshold_override, struct iz_error *err)
{
	struct loader l = { .p = out, .last_signal_hh = 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	out->threshold_override = threshold_override;
	l.latest = period == 0;
	if (l.latest && any_household(st, err) < 0)
		return -1;
	out->period = period;
	l.wijk_index = iz_strmap_new();
	l.region_index = iz_strmap_new();
	l.last_signal_day = -100000;
	rc = copy_schemes(out, st, schemes, err);
	if (rc == 0 && out->schemes.n == 0)
		rc = iz_fail(err, IZ_EINPUT,
			     "no schemes known (import participation first, "
			     "or give --schemes)");
	if (rc == 0)
		rc = scan(&l, st, err);
	iz_strmap_free(l.wijk_index, NULL);
	iz_strmap_free(l.region_index, NULL);
	if (rc < 0)
		iz_population_release(out);
	return rc;
}

void iz_population_release(struct iz_population *p)
{
	size_t i;

	for (i = 0; i < p->nwijken; i++)
		free(p->wijken[i]);
	free(p->wijken);
	free(p->hh);
	iz_schemes_release(&p->schemes);
	memset(p, 0, sizeof(*p));
}
