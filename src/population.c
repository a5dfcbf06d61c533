/*
 * Loading the households of one period for the analyses: households, the
 * schemes active on any day of the period and the arrears signals in it,
 * merged by pseudonym from three ordered scans of the store.
 */
#include "inzicht/population.h"
#include "inzicht/text.h"

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
	int64_t last_id; /* the last pseudonym of the range loaded */
	size_t cap, cursor;
	size_t orphans; /* participation rows without a household */
	int64_t last_signal_hh;
	struct iz_hh *signal_hh; /* the household of days */
	long *days;              /* its signal days, in the order read */
	size_t ndays, days_cap;
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

/* One candidate by its first letters, then one comparison (once per
 * household: a comparison with each code in turn cost 120 M instructions
 * at 1 M households). */
static uint8_t type_index(const char *t)
{
	uint8_t i = IZ_HH_OVERIG;

	if (!t)
		return IZ_HH_OVERIG;
	if (t[0] == 'e')
		i = strncmp(t, "eenp", 4) == 0 ? IZ_HH_EENPERSOONS :
						 IZ_HH_EENOUDER;
	else if (t[0] == 'p')
		i = strncmp(t, "paar_z", 6) == 0 ? IZ_HH_PAAR_ZONDER :
						   IZ_HH_PAAR_MET;
	return strcmp(iz_hhtype_codes[i], t) == 0 ? i : IZ_HH_OVERIG;
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
	int64_t id = iz_row_int(r, 0);
	int age;

	(void)err;
	if (id > l->last_id)
		return 1;
	if (!in_period(l, r))
		return 0;
	if (p->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4096;
		p->hh = iz_xrealloc(p->hh, l->cap * sizeof(*p->hh));
	}
	h = &p->hh[p->n++];
	memset(h, 0, sizeof(*h));
	h->id = id;
	h->wijk = wijk_of(l, iz_row_text(r, 1));
	/* No birth year: age 40. */
	age = p->period - (int)iz_row_int_or(r, 2, p->period - 40);
	h->stage = stage_index(age);
	h->type = type_index(iz_row_text(r, 3));
	h->children = (int8_t)iz_row_int_or(r, 4, 0);
	h->income = (float)iz_row_double_or(r, 5, -1.0);
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
	int64_t id = iz_row_int(r, 0);
	struct iz_hh *h;
	long bit;

	(void)err;
	if (id > l->last_id)
		return 1;
	h = find(l, id);
	bit = scheme_bit(l->p, iz_row_text(r, 1));
	if (!h)
		l->orphans++;
	else if (bit >= 0)
		h->schemes |= (uint64_t)1 << bit;
	return 0;
}

/* Days since 1970-01-01 of the period's first or last day (well formed:
 * the loader writes them). */
static long day_number(const char *d)
{
	int64_t day = 0;

	iz_text_day(&day, d);
	return (long)day;
}

static int partner_bit(const char *code)
{
	int i;

	for (i = 0; code && i < IZ_NPARTNERS; i++)
		if (strcmp(iz_partner_codes[i], code) == 0)
			return i;
	return IZ_NPARTNERS - 1;
}

static int by_day(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* The signals of one household read: a repeat is a signal within 183 days
 * of another one. */
static void flush_signals(struct loader *l)
{
	size_t i;

	if (l->signal_hh && l->ndays > 1) {
		qsort(l->days, l->ndays, sizeof(*l->days), by_day);
		for (i = 1; i < l->ndays; i++)
			if (l->days[i] - l->days[i - 1] <= 183)
				l->signal_hh->repeat = true;
	}
	l->signal_hh = NULL;
	l->ndays = 0;
}

static int signal_row(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	struct loader *l = ctx;
	int64_t id = iz_row_int(r, 0);
	struct iz_hh *h;

	(void)err;
	if (id > l->last_id)
		return 1;
	if (id != l->last_signal_hh)
		flush_signals(l);
	l->last_signal_hh = id;
	h = find(l, id);
	if (!h) {
		l->p->orphan_signals++;
		return 0;
	}
	if (h->signals < UINT16_MAX)
		h->signals++;
	h->partners |= (uint8_t)(1u << partner_bit(iz_row_text(r, 1)));
	if (l->ndays == l->days_cap) {
		l->days_cap = l->days_cap ? 2 * l->days_cap : 16;
		l->days = iz_xrealloc(l->days, l->days_cap * sizeof(*l->days));
	}
	l->days[l->ndays++] = (long)iz_row_int(r, 2);
	l->signal_hh = h;
	return 0;
}

/* The end date first: most rows are history that ended before the period,
 * and SQLite tests the terms in this order, so for them start_date is
 * never read (callgrind: the scan 2.5 -> 1.9 G instructions at 1 M
 * households). */
/* From the range's first id on; the loader stops after its last (a bound
 * in SQL compared every row's key with it: 250 M instructions at 1 M
 * households). */
#define FROM(col) col " >= CAST(:lo AS INTEGER)"
#define HOUSEHOLD_COLS \
	"SELECT id, region, head_birth_year, household_type, children, " \
	"income_pct_sm"

/* The latest period is found in the same scan that loads it (a separate
 * max(period) would read the whole table once more). */
static const char households_latest_sql[] =
	HOUSEHOLD_COLS ", period FROM household WHERE " FROM("id")
	" ORDER BY id";
static const char households_sql[] =
	HOUSEHOLD_COLS " FROM household WHERE " FROM("id")
	" AND period = CAST(:period AS INTEGER) ORDER BY id";
/* Dates are days since 1970-01-01 (store schema 4). */
#define DAY(param) "CAST(" param " AS INTEGER)"
static const char participation_sql[] =
	"SELECT household, scheme FROM participation WHERE " FROM("household")
	" AND (end_day IS NULL OR end_day >= " DAY(":start") ")"
	" AND start_day <= " DAY(":end") " ORDER BY household";
/* By household only: ordering by date as well made SQLite sort each
 * household's rows in a temporary b-tree; the loader sorts them itself. */
static const char signals_sql[] =
	"SELECT household, partner, signal_day FROM signal WHERE "
	FROM("household") " AND signal_day BETWEEN " DAY(":start") " AND "
	DAY(":end") " ORDER BY household";

/* One range of pseudonyms loaded on one connection: the whole range, or
 * for a store in a file one half of it, beside the other on a thread of
 * its own. */
struct part {
	struct iz_population p; /* the range's households; schemes lent */
	struct loader l;
	struct iz_store *st;
	bool own_store; /* opened for this part, closed with it */
	const char *path;
	char lo[24]; /* the range's first id (its last in l.last_id) */
	char first_day[24], last_day[24]; /* of the period, as in the store */
	char period[16];
	int rc;
	struct iz_error err;
};

static int scan_households(struct part *t)
{
	const char *n[] = { "lo", "period" };
	const char *v[] = { t->lo, t->period };

	if (!t->st) {
		if (iz_store_open(&t->st, t->path, IZ_STORE_READONLY,
				  &t->err) < 0)
			return -1;
		t->own_store = true;
	}
	snprintf(t->period, sizeof(t->period), "%d", t->p.period);
	return iz_store_each(t->st,
			     t->l.latest ? households_latest_sql :
					   households_sql,
			     n, v, 2, household_row, &t->l, &t->err);
}

/* Participation and signals of the part's households. */
static int scan_events(struct part *t)
{
	const char *n[] = { "lo", "start", "end" };
	const char *v[] = { t->lo, t->first_day, t->last_day };
	int rc;

	t->l.cursor = 0;
	if (iz_store_each(t->st, participation_sql, n, v, 3,
			  participation_row, &t->l, &t->err) < 0)
		return -1;
	t->l.cursor = 0;
	rc = iz_store_each(t->st, signals_sql, n, v, 3, signal_row, &t->l,
			   &t->err);
	flush_signals(&t->l);
	return rc;
}

static void *households_thread(void *arg)
{
	struct part *t = arg;

	t->rc = scan_households(t);
	return NULL;
}

static void *events_thread(void *arg)
{
	struct part *t = arg;

	t->rc = scan_events(t);
	return NULL;
}

/* Run fn on every part: the first on a thread of its own when there are
 * two (each part has its own connection), else one after the other. */
static int run_parts(struct part *parts, size_t n, void *(*fn)(void *),
		     struct iz_error *err)
{
	pthread_t thread;
	bool threaded = n == 2 &&
			pthread_create(&thread, NULL, fn, &parts[0]) == 0;
	size_t i;

	for (i = threaded ? 1 : 0; i < n; i++)
		fn(&parts[i]);
	if (threaded)
		pthread_join(thread, NULL);
	for (i = 0; i < n; i++)
		if (parts[i].rc < 0) {
			*err = parts[i].err;
			return -1;
		}
	return 0;
}

/* st NULL: the part opens path on its own connection. */
static void part_init(struct part *t, const struct iz_population *out,
		      struct iz_store *st, const char *path, bool latest,
		      int64_t lo, int64_t hi)
{
	memset(t, 0, sizeof(*t));
	t->p.schemes = out->schemes;
	t->p.threshold_override = out->threshold_override;
	t->p.period = out->period;
	t->l.p = &t->p;
	t->l.latest = latest;
	t->l.wijk_index = iz_strmap_new();
	t->l.region_index = iz_strmap_new();
	t->l.last_signal_hh = INT64_MIN;
	t->st = st;
	t->path = path;
	snprintf(t->lo, sizeof(t->lo), "%lld", (long long)lo);
	t->l.last_id = hi;
}

static void part_release(struct part *t)
{
	size_t i;

	for (i = 0; i < t->p.nwijken; i++)
		free(t->p.wijken[i]);
	free(t->p.wijken);
	free(t->p.hh);
	free(t->l.days);
	iz_strmap_free(t->l.wijk_index, NULL);
	iz_strmap_free(t->l.region_index, NULL);
	if (t->own_store)
		iz_store_close(t->st);
}

/* The period of all parts: the one asked for, or the latest any part saw;
 * a part that saw only earlier periods keeps nothing. */
static int settle_period(struct iz_population *out, struct part *parts,
			 size_t n, struct iz_error *err)
{
	size_t i, total = 0;

	for (i = 0; i < n; i++)
		if (parts[i].p.period > out->period)
			out->period = parts[i].p.period;
	for (i = 0; i < n; i++) {
		if (parts[i].p.period != out->period)
			restart(&parts[i].l, out->period);
		total += parts[i].p.n;
	}
	if (total == 0)
		return iz_fail(err, IZ_EINPUT, "no households in period %d",
			       out->period);
	snprintf(out->start, sizeof(out->start), "%04d-01-01", out->period);
	snprintf(out->end, sizeof(out->end), "%04d-12-31", out->period);
	for (i = 0; i < n; i++) {
		snprintf(parts[i].first_day, sizeof(parts[i].first_day), "%ld",
			 day_number(out->start));
		snprintf(parts[i].last_day, sizeof(parts[i].last_day), "%ld",
			 day_number(out->end));
	}
	return 0;
}

/* The wijk index in out of each of t's wijken: out's own when it has the
 * code, else appended (t's string taken over), in t's order -- the order a
 * single scan by id would have found them in. */
static void merge_wijken(struct iz_population *out, struct iz_strmap *idx,
			 struct part *t)
{
	uint32_t *map = iz_xcalloc(t->p.nwijken + 1, sizeof(*map));
	size_t i, k;

	for (i = 0; i < t->p.nwijken; i++) {
		k = (size_t)(uintptr_t)iz_strmap_get(idx, t->p.wijken[i]);
		if (k) {
			free(t->p.wijken[i]);
		} else {
			out->wijken = iz_xrealloc(out->wijken,
						  (out->nwijken + 1) *
							  sizeof(char *));
			out->wijken[out->nwijken] = t->p.wijken[i];
			k = ++out->nwijken;
			iz_strmap_put(idx, out->wijken[k - 1],
				      (void *)(uintptr_t)k);
		}
		map[i] = (uint32_t)(k - 1);
	}
	t->p.nwijken = 0;
	for (i = 0; i < t->p.n; i++)
		t->p.hh[i].wijk = map[t->p.hh[i].wijk];
	free(map);
}
/* The parts, in the order of their ranges, as one population: the first
 * part's households and wijken taken over, the others' appended. */
static void merge(struct iz_population *out, struct part *parts, size_t n)
{
	struct part *first = &parts[0];
	size_t i, total = 0;

	for (i = 0; i < n; i++)
		total += parts[i].p.n;
	out->hh = iz_xrealloc(first->p.hh, (total ? total : 1) *
						   sizeof(*out->hh));
	out->n = first->p.n;
	out->wijken = first->p.wijken;
	out->nwijken = first->p.nwijken;
	first->p.hh = NULL;
	first->p.wijken = NULL;
	first->p.nwijken = 0;
	for (i = 0; i < n; i++) {
		if (i > 0) {
			merge_wijken(out, first->l.wijk_index, &parts[i]);
			/* A half without households has no array (NULL):
			 * memcpy wants a pointer even for 0 bytes. */
			if (parts[i].p.n > 0)
				memcpy(out->hh + out->n, parts[i].p.hh,
				       parts[i].p.n * sizeof(*out->hh));
			out->n += parts[i].p.n;
		}
		out->income_unknown += parts[i].p.income_unknown;
		out->orphan_participations += parts[i].l.orphans;
		out->orphan_signals += parts[i].p.orphan_signals;
	}
}

/* Households, then (once the period is settled) their participation and
 * signals; a store in a file is read in two halves of the pseudonyms at
 * once, on two connections (WAL lets readers share the file). Pseudonyms
 * are keyed hashes, spread evenly over the 64-bit range: split at 0. */
static int load_parts(struct iz_population *out, struct iz_store *st,
		      bool latest, struct iz_error *err)
{
	const char *path = iz_store_path(st);
	struct part parts[2];
	size_t n = strcmp(path, ":memory:") != 0 ? 2 : 1, i;
	int rc;

	if (n == 2) {
		part_init(&parts[0], out, NULL, path, latest, INT64_MIN, -1);
		part_init(&parts[1], out, st, path, latest, 0, INT64_MAX);
	} else {
		part_init(&parts[0], out, st, path, latest, INT64_MIN,
			  INT64_MAX);
	}
	rc = run_parts(parts, n, households_thread, err);
	if (rc == 0)
		rc = settle_period(out, parts, n, err);
	if (rc == 0)
		rc = run_parts(parts, n, events_thread, err);
	if (rc == 0)
		merge(out, parts, n);
	for (i = 0; i < n; i++)
		part_release(&parts[i]);
	return rc;
}

int iz_population_load(struct iz_population *out, struct iz_store *st,
		       const struct iz_schemes *schemes, int period,
		       double threshold_override, struct iz_error *err)
{
	bool latest = period == 0;
	int rc;

	memset(out, 0, sizeof(*out));
	out->threshold_override = threshold_override;
	if (latest && any_household(st, err) < 0)
		return -1;
	out->period = period;
	rc = copy_schemes(out, st, schemes, err);
	if (rc == 0 && out->schemes.n == 0)
		rc = iz_fail(err, IZ_EINPUT,
			     "no schemes known (import participation first, "
			     "or give --schemes)");
	if (rc == 0)
		rc = load_parts(out, st, latest, err);
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
