/*
 * indicators: one indicator's values across regions, with the choice of
 * series, dataset and period made explicit (the rules are in indicators.h).
 * Every read walks the region table by code range and looks observations up
 * in obs by their primary key (region id, indicator, period): a level of
 * 14 000 buurten costs 14 000 index lookups, never a scan of all
 * observations.
 */
#include "inzicht/indicators.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- levels ----------------------------------------------------------- */

static const struct {
	const char *name, *plural, *prefix, *next;
} levels[] = {
	[IZ_LEVEL_GEMEENTE] = { "gemeente", "gemeenten", "GM", "GN" },
	[IZ_LEVEL_WIJK] = { "wijk", "wijken", "WK", "WL" },
	[IZ_LEVEL_BUURT] = { "buurt", "buurten", "BU", "BV" },
};

#define NLEVELS (sizeof(levels) / sizeof(levels[0]))

int iz_indicators_level_parse(enum iz_level *out, const char *name,
			      struct iz_error *err)
{
	size_t i;

	for (i = 0; i < NLEVELS; i++) {
		if (strcmp(name, levels[i].name) == 0) {
			*out = (enum iz_level)i;
			return 0;
		}
	}
	return iz_fail(err, IZ_EUSAGE,
		       "unknown level '%s' (expected gemeente, wijk or buurt)",
		       name);
}

const char *iz_indicators_level_name(enum iz_level level)
{
	return levels[level].name;
}

const char *iz_indicators_level_plural(enum iz_level level)
{
	return levels[level].plural;
}

const char *iz_indicators_level_prefix(enum iz_level level)
{
	return levels[level].prefix;
}

/* ---- series ----------------------------------------------------------- */

int iz_series_badness(const struct iz_series *s)
{
	if (strcmp(s->polarity, "lower_is_better") == 0)
		return 1;
	if (strcmp(s->polarity, "higher_is_better") == 0)
		return -1;
	return 0;
}

static const char *const series_sql =
	"SELECT id, code, dataset, dims, coalesce(title, ''),"
	" coalesce(unit, ''), coalesce(spearhead, ''), coalesce(polarity, ''),"
	" coalesce(life_stage, ''), coalesce(household_type, ''),"
	" coalesce(decimals, -1), approximate "
	"FROM indicator WHERE code = :code ORDER BY dataset, dims";

struct series_list {
	struct iz_series *s;
	size_t n, cap;
};

static char *column_dup(const struct iz_row *r, int col)
{
	const char *t = iz_row_text(r, col);

	return iz_xstrdup(t ? t : "");
}

static int add_series(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	struct series_list *l = ctx;
	struct iz_series *s;

	(void)err;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4;
		l->s = iz_xrealloc(l->s, l->cap * sizeof(*l->s));
	}
	s = &l->s[l->n++];
	s->id = iz_row_int(r, 0);
	s->code = column_dup(r, 1);
	s->dataset = column_dup(r, 2);
	s->dims = column_dup(r, 3);
	s->title = column_dup(r, 4);
	s->unit = column_dup(r, 5);
	s->spearhead = column_dup(r, 6);
	s->polarity = column_dup(r, 7);
	s->life_stage = column_dup(r, 8);
	s->household_type = column_dup(r, 9);
	s->decimals = (int)iz_row_int(r, 10);
	s->approximate = iz_row_int(r, 11) != 0;
	return 0;
}

static void series_release(struct iz_series *s)
{
	free(s->code);
	free(s->dataset);
	free(s->dims);
	free(s->title);
	free(s->unit);
	free(s->spearhead);
	free(s->polarity);
	free(s->life_stage);
	free(s->household_type);
	memset(s, 0, sizeof(*s));
}

static void series_copy(struct iz_series *dst, const struct iz_series *src)
{
	*dst = *src;
	dst->code = iz_xstrdup(src->code);
	dst->dataset = iz_xstrdup(src->dataset);
	dst->dims = iz_xstrdup(src->dims);
	dst->title = iz_xstrdup(src->title);
	dst->unit = iz_xstrdup(src->unit);
	dst->spearhead = iz_xstrdup(src->spearhead);
	dst->polarity = iz_xstrdup(src->polarity);
	dst->life_stage = iz_xstrdup(src->life_stage);
	dst->household_type = iz_xstrdup(src->household_type);
}

void iz_series_free(struct iz_series *s, size_t n)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < n; i++)
		series_release(&s[i]);
	free(s);
}

int iz_indicators_series(struct iz_series **out, size_t *n,
			 struct iz_store *st, const char *code,
			 struct iz_error *err)
{
	static const char *const names[] = { "code" };
	const char *values[] = { code };
	struct series_list l = { NULL, 0, 0 };

	*out = NULL;
	*n = 0;
	if (iz_store_each(st, series_sql, names, values, 1, add_series, &l,
			  err) < 0) {
		iz_series_free(l.s, l.n);
		return -1;
	}
	if (l.n == 0)
		return iz_fail(err, IZ_EUSAGE,
			       "unknown indicator '%s' (see 'inzicht query "
			       "indicators')",
			       code);
	*out = l.s;
	*n = l.n;
	return 0;
}

/* ---- the selection of regions ------------------------------------------ */

/* The condition every region query shares: level by code range, and the
 * within rule of indicators.h. */
#define REGION_WHERE                                                         \
	" r.code >= :lo AND r.code < :hi AND (:within IS NULL"               \
	" OR r.parent = :within"                                             \
	" OR r.parent IN (SELECT c.code FROM region c"                       \
	"  WHERE c.parent = :within)"                                        \
	" OR substr(r.code, 1, length(:wprefix)) = :wprefix)"

enum { P_ID, P_LO, P_HI, P_WITHIN, P_WPREFIX, P_PERIOD, NPARAMS };

static const char *const param_names[NPARAMS] = { "id",	    "lo",
						  "hi",	    "within",
						  "wprefix", "period" };

struct params {
	const char *values[NPARAMS];
	char id[24];
	char wprefix[48];
};

/* Codes under within at the level continue within's digits: GM0363 ->
 * WK0363, BU0363; WK0363AD -> BU0363AD. NULL when no such rule applies. */
static const char *within_prefix(char *buf, size_t n, const char *within,
				 enum iz_level level)
{
	bool gm = strncmp(within, "GM", 2) == 0 && level != IZ_LEVEL_GEMEENTE;
	bool wk = strncmp(within, "WK", 2) == 0 && level == IZ_LEVEL_BUURT;

	if (!gm && !wk)
		return NULL;
	snprintf(buf, n, "%s%s", iz_indicators_level_prefix(level),
		 within + 2);
	return buf;
}

static void params_init(struct params *p, const struct iz_select *sel,
			int64_t id, const char *period)
{
	snprintf(p->id, sizeof(p->id), "%lld", (long long)id);
	p->values[P_ID] = p->id;
	p->values[P_LO] = levels[sel->level].prefix;
	p->values[P_HI] = levels[sel->level].next;
	p->values[P_WITHIN] = sel->within;
	p->values[P_WPREFIX] =
		sel->within ? within_prefix(p->wprefix, sizeof(p->wprefix),
					    sel->within, sel->level) :
			      NULL;
	p->values[P_PERIOD] = period;
}

/* "gemeenten" or "wijken within GM0363", for messages. */
static const char *where_text(char *buf, size_t n, const struct iz_select *sel)
{
	if (sel->within)
		snprintf(buf, n, "%s within %s",
			 iz_indicators_level_plural(sel->level), sel->within);
	else
		snprintf(buf, n, "%s", iz_indicators_level_plural(sel->level));
	return buf;
}

static int found_row(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	(void)r;
	(void)err;
	*(bool *)ctx = true;
	return 0;
}

/* Copy sel with within upper-cased into wbuf; an unknown region fails. */
static int select_normalise(struct iz_select *out, char *wbuf, size_t n,
			    const struct iz_select *sel, struct iz_store *st,
			    struct iz_error *err)
{
	static const char *const names[] = { "code" };
	const char *values[] = { wbuf };
	bool found = false;
	size_t i;

	*out = *sel;
	if (out->period && strcmp(out->period, "latest") == 0)
		out->period = NULL;
	if (!sel->within)
		return 0;
	for (i = 0; sel->within[i] && i + 1 < n; i++)
		wbuf[i] = (char)toupper((unsigned char)sel->within[i]);
	wbuf[i] = '\0';
	out->within = wbuf;
	if (iz_store_each(st, "SELECT 1 FROM region WHERE code = :code",
			  names, values, 1, found_row, &found, err) < 0)
		return -1;
	if (!found)
		return iz_fail(err, IZ_EUSAGE, "unknown region '%s'",
			       sel->within);
	return 0;
}

/* ---- periods of the candidate series ---------------------------------- */

/*
 * A period of a candidate series and what is known of it in the selection:
 * whether any region has a value (a probe that stops at the first value)
 * and how many (counted only to break a tie between datasets). Asking
 * lazily keeps a read of 14 000 buurten close to one pass per series.
 */
struct period_info {
	char *period;
	int has;     /* 1: a value in the selection, 0: none, -1: not asked */
	long values; /* values in the selection, -1: not counted */
};

/* The series of one dataset that answers for the id, and its periods,
 * newest first. */
struct cand {
	const struct iz_series *s;
	struct period_info *p;
	size_t np, cap;
};

struct resolved {
	struct iz_store *st;
	const struct iz_select *sel;
	const char *code;
	const char *category;
	struct iz_series *all;
	size_t nall;
	struct cand *c;
	size_t nc;
};

static const char *const dataset_periods_sql =
	"SELECT code, -1 FROM period WHERE dataset = :dataset "
	"ORDER BY code DESC";

/* For a store whose period table does not list the dataset's periods. */
static const char *const periods_sql =
	"SELECT o.period, count(o.value) "
	"FROM region r CROSS JOIN obs o "
	"WHERE o.region_id = r.id AND o.indicator = CAST(:id AS INTEGER) AND"
	REGION_WHERE " GROUP BY o.period ORDER BY o.period DESC";

static const char *const probe_sql =
	"SELECT count(*) FROM (SELECT 1 FROM region r CROSS JOIN obs o "
	"WHERE o.region_id = r.id AND o.indicator = CAST(:id AS INTEGER)"
	" AND o.period = :period AND o.value IS NOT NULL AND" REGION_WHERE
	" LIMIT 1)";

static const char *const count_sql =
	"SELECT count(o.value) FROM region r CROSS JOIN obs o "
	"WHERE o.region_id = r.id AND o.indicator = CAST(:id AS INTEGER)"
	" AND o.period = :period AND" REGION_WHERE;

static int add_period(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	struct cand *c = ctx;
	struct period_info *p;

	(void)err;
	if (c->np == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 8;
		c->p = iz_xrealloc(c->p, c->cap * sizeof(*c->p));
	}
	p = &c->p[c->np++];
	p->period = column_dup(r, 0);
	p->values = (long)iz_row_int(r, 1);
	p->has = p->values < 0 ? -1 : p->values > 0;
	return 0;
}

static int take_long(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	(void)err;
	*(long *)ctx = (long)iz_row_int(r, 0);
	return 0;
}

/* One number (probe_sql, count_sql) about period i of c. */
static int ask(long *out, const struct resolved *r, const struct cand *c,
	       size_t i, const char *sql, struct iz_error *err)
{
	struct params p = { 0 };

	*out = 0;
	params_init(&p, r->sel, c->s->id, c->p[i].period);
	return iz_store_each(r->st, sql, param_names, p.values, NPARAMS,
			     take_long, out, err);
}

/* The dataset's periods from the period table, else from a scan. */
static int load_periods(const struct resolved *r, struct cand *c,
			struct iz_error *err)
{
	static const char *const names[] = { "dataset" };
	const char *values[] = { c->s->dataset };
	struct params p = { 0 };

	if (iz_store_each(r->st, dataset_periods_sql, names, values, 1,
			  add_period, c, err) < 0)
		return -1;
	if (c->np > 0)
		return 0;
	params_init(&p, r->sel, c->s->id, NULL);
	return iz_store_each(r->st, periods_sql, param_names, p.values,
			     NPARAMS, add_period, c, err);
}

/* The main series among all[from, to) (one dataset), or the category. */
static long pick_series(const struct iz_series *all, size_t from, size_t to,
			const char *category)
{
	size_t i;

	for (i = from; category && i < to; i++)
		if (strcmp(all[i].dims, category) == 0)
			return (long)i;
	if (category)
		return -1;
	for (i = from; i < to; i++)
		if (all[i].dims[0] == '\0')
			return (long)i;
	for (i = from; i < to; i++)
		if (strcmp(all[i].life_stage, "totaal") == 0)
			return (long)i;
	return (long)from;
}

/* Join the distinct dims of all (sorted by dataset, dims) into buf. */
static void categories_text(char *buf, size_t n, const struct iz_series *all,
			    size_t nall)
{
	size_t i, j, len = 0;
	bool seen;

	buf[0] = '\0';
	for (i = 0; i < nall && len < n; i++) {
		for (seen = false, j = 0; j < i && !seen; j++)
			seen = strcmp(all[j].dims, all[i].dims) == 0;
		if (!seen)
			len += (size_t)snprintf(buf + len, n - len, "%s%s",
						len ? ", " : "",
						all[i].dims[0] ? all[i].dims :
								 "(none)");
	}
}

static int find_candidates(struct resolved *r, struct iz_error *err)
{
	size_t from, to;
	long k;
	char cats[256];

	r->c = iz_xcalloc(r->nall, sizeof(*r->c));
	for (from = 0; from < r->nall; from = to) {
		for (to = from + 1; to < r->nall &&
				    strcmp(r->all[to].dataset,
					   r->all[from].dataset) == 0;
		     to++)
			;
		k = pick_series(r->all, from, to, r->category);
		if (k >= 0)
			r->c[r->nc++].s = &r->all[k];
	}
	if (r->nc > 0)
		return 0;
	categories_text(cats, sizeof(cats), r->all, r->nall);
	return iz_fail(err, IZ_EUSAGE,
		       "indicator '%s' has no category '%s' (categories: %s)",
		       r->code, r->category, cats);
}

static void resolve_release(struct resolved *r)
{
	size_t i, j;

	for (i = 0; i < r->nc; i++) {
		for (j = 0; j < r->c[i].np; j++)
			free(r->c[i].p[j].period);
		free(r->c[i].p);
	}
	free(r->c);
	iz_series_free(r->all, r->nall);
	memset(r, 0, sizeof(*r));
}

/* The series of code for the selection, one per dataset, with periods. */
static int resolve(struct resolved *r, struct iz_store *st, const char *code,
		   const char *category, const struct iz_select *sel,
		   struct iz_error *err)
{
	size_t i;

	r->st = st;
	r->sel = sel;
	r->code = code;
	r->category = category;
	if (iz_indicators_series(&r->all, &r->nall, st, code, err) < 0 ||
	    find_candidates(r, err) < 0)
		return -1;
	for (i = 0; i < r->nc; i++)
		if (load_periods(r, &r->c[i], err) < 0)
			return -1;
	return 0;
}

static long period_index(const struct cand *c, const char *period)
{
	size_t i;

	for (i = 0; i < c->np; i++)
		if (strcmp(c->p[i].period, period) == 0)
			return (long)i;
	return -1;
}

/* *out: whether c has a value in period among the selected regions. */
static int cand_has(bool *out, const struct resolved *r, struct cand *c,
		    const char *period, struct iz_error *err)
{
	long i = period_index(c, period), n;

	*out = false;
	if (i < 0)
		return 0;
	if (c->p[i].has < 0) {
		if (ask(&n, r, c, (size_t)i, probe_sql, err) < 0)
			return -1;
		c->p[i].has = n > 0;
	}
	*out = c->p[i].has == 1;
	return 0;
}

static int has_values(bool *out, struct resolved *r, const char *period,
		      struct iz_error *err)
{
	size_t i;

	*out = false;
	for (i = 0; i < r->nc && !*out; i++)
		if (cand_has(out, r, &r->c[i], period, err) < 0)
			return -1;
	return 0;
}

static int period_desc(const void *a, const void *b)
{
	return strcmp(*(const char *const *)b, *(const char *const *)a);
}

/* The distinct periods of r's candidates, newest first, in a new array of
 * strings lent from r. */
static const char **all_periods(size_t *n, const struct resolved *r)
{
	const char **all;
	size_t i, j, k = 0, total = 0;

	for (i = 0; i < r->nc; i++)
		total += r->c[i].np;
	all = iz_xcalloc(total + 1, sizeof(*all));
	for (i = 0; i < r->nc; i++)
		for (j = 0; j < r->c[i].np; j++)
			all[k++] = r->c[i].p[j].period;
	qsort(all, k, sizeof(*all), period_desc);
	for (i = 0, *n = 0; i < k; i++)
		if (*n == 0 || strcmp(all[i], all[*n - 1]) != 0)
			all[(*n)++] = all[i];
	return all;
}

/* *out: the latest period in which r (and other, when not NULL) has values
 * among the selected regions, or NULL; lent from r. */
static int latest_with_values(const char **out, struct resolved *r,
			      struct resolved *other, struct iz_error *err)
{
	size_t n, i;
	const char **all = all_periods(&n, r);
	bool yes = false;
	int rc = 0;

	*out = NULL;
	for (i = 0; i < n && !*out && rc == 0; i++) {
		rc = has_values(&yes, r, all[i], err);
		if (rc == 0 && yes && other)
			rc = has_values(&yes, other, all[i], err);
		if (rc == 0 && yes)
			*out = all[i];
	}
	free(all);
	return rc;
}

static int values_of(long *out, const struct resolved *r, struct cand *c,
		     const char *period, struct iz_error *err)
{
	size_t i = (size_t)period_index(c, period);

	if (c->p[i].values < 0 &&
	    ask(&c->p[i].values, r, c, i, count_sql, err) < 0)
		return -1;
	*out = c->p[i].values;
	return 0;
}

/* *out: the candidate for period, -1 when none has values there; when
 * several do, the most values, then the later dataset id. */
static int pick_candidate(long *out, struct resolved *r, const char *period,
			  struct iz_error *err)
{
	bool *ok = iz_xcalloc(r->nc + 1, sizeof(*ok));
	size_t i, k = 0;
	long v = 0, best = -1;
	int rc = 0;

	*out = -1;
	for (i = 0; i < r->nc && rc == 0; i++) {
		rc = cand_has(&ok[i], r, &r->c[i], period, err);
		k += ok[i];
	}
	/* Candidates are sorted by dataset id: on a tie the later wins. */
	for (i = 0; i < r->nc && rc == 0; i++) {
		if (!ok[i])
			continue;
		if (k > 1)
			rc = values_of(&v, r, &r->c[i], period, err);
		if (rc == 0 && v >= best) {
			*out = (long)i;
			best = v;
		}
	}
	free(ok);
	return rc;
}

/* The periods with values, newest first, joined into buf (error
 * messages only: a failing probe just leaves its period out). */
static const char *periods_text(char *buf, size_t n, struct resolved *r)
{
	struct iz_error ignored = IZ_ERROR_INIT;
	size_t i, k, len = 0;
	const char **all = all_periods(&k, r);
	bool yes;

	snprintf(buf, n, "none");
	for (i = 0; i < k && len < n; i++)
		if (has_values(&yes, r, all[i], &ignored) == 0 && yes)
			len += (size_t)snprintf(buf + len, n - len, "%s%s",
						len ? ", " : "", all[i]);
	free(all);
	return buf;
}

/* ---- notes ------------------------------------------------------------ */

__attribute__((format(printf, 2, 3))) static void
add_note(struct iz_values *v, const char *fmt, ...)
{
	va_list ap;
	int len;
	char *s;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = iz_xmalloc((size_t)(len > 0 ? len : 0) + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	v->notes = iz_xrealloc(v->notes, (v->nnotes + 1) * sizeof(*v->notes));
	v->notes[v->nnotes++] = s;
}

/* When the id lives in several datasets: which one answers and why. */
static void note_dataset(struct iz_values *v, const struct resolved *r,
			 const struct cand *chosen)
{
	char others[256];
	size_t i, len = 0;

	if (r->nc < 2)
		return;
	others[0] = '\0';
	for (i = 0; i < r->nc && len < sizeof(others); i++)
		if (&r->c[i] != chosen)
			len += (size_t)snprintf(others + len,
						sizeof(others) - len, "%s%s",
						len ? ", " : "",
						r->c[i].s->dataset);
	add_note(v, "%s: dataset %s, which has period %s (the id is also in "
		    "%s)",
		 r->code, chosen->s->dataset, v->period, others);
}

/* Which category answers when the dataset holds several. */
static void note_category(struct iz_values *v, const struct resolved *r,
			  const struct cand *chosen)
{
	size_t i, n = 0;

	for (i = 0; i < r->nall; i++)
		n += strcmp(r->all[i].dataset, chosen->s->dataset) == 0;
	if (n > 1 && !r->category)
		add_note(v, "%s: main series %s (life stage %s) of %zu "
			    "categories in %s",
			 r->code, chosen->s->dims[0] ? chosen->s->dims : "''",
			 chosen->s->life_stage[0] ? chosen->s->life_stage : "-",
			 n, chosen->s->dataset);
	if (chosen->s->approximate)
		add_note(v, "%s %s: life stage %s is approximate (the source's "
			    "category does not nest in it)",
			 r->code, chosen->s->dims, chosen->s->life_stage);
}

/* A newer period than the one used: with values elsewhere (pairs), or
 * listed for the dataset but without values in the selection yet. */
static void note_newer(struct iz_values *v, struct resolved *r,
		       const char *where)
{
	struct iz_error ignored = IZ_ERROR_INIT;
	const char *latest = NULL, *newest = NULL, *dataset = NULL;
	size_t i, j;

	if (latest_with_values(&latest, r, NULL, &ignored) < 0)
		return;
	for (i = 0; i < r->nc; i++) {
		for (j = 0; j < r->c[i].np; j++) {
			if (newest && strcmp(r->c[i].p[j].period, newest) <= 0)
				continue;
			newest = r->c[i].p[j].period;
			dataset = r->c[i].s->dataset;
		}
	}
	if (latest && strcmp(latest, v->period) > 0)
		add_note(v, "%s: the latest period with values is %s; %s is "
			    "the latest both indicators have",
			 r->code, latest, v->period);
	if (newest && strcmp(newest, latest ? latest : v->period) > 0)
		add_note(v, "%s: period %s (%s) has no values among %s",
			 r->code, newest, dataset, where);
}

/* ---- values ----------------------------------------------------------- */

static const char *const values_sql =
	"SELECT r.code, r.name, o.value, o.status, o.ci_low, o.ci_high "
	"FROM region r CROSS JOIN obs o "
	"WHERE o.region_id = r.id AND o.indicator = CAST(:id AS INTEGER)"
	" AND o.period = :period AND" REGION_WHERE " ORDER BY r.code";

struct value_sink {
	struct iz_values *v;
	size_t cap;
};

static double column_real(const struct iz_row *r, int col)
{
	return iz_row_is_null(r, col) ? (double)NAN : iz_row_double(r, col);
}

static void values_grow(struct value_sink *k)
{
	struct iz_values *v = k->v;

	k->cap = k->cap ? 2 * k->cap : 64;
	v->code = iz_xrealloc(v->code, k->cap * sizeof(*v->code));
	v->name = iz_xrealloc(v->name, k->cap * sizeof(*v->name));
	v->status = iz_xrealloc(v->status, k->cap * sizeof(*v->status));
	v->value = iz_xrealloc(v->value, k->cap * sizeof(*v->value));
	v->ci_low = iz_xrealloc(v->ci_low, k->cap * sizeof(*v->ci_low));
	v->ci_high = iz_xrealloc(v->ci_high, k->cap * sizeof(*v->ci_high));
}

/* Region i's code and name in one allocation: code[i] owns both. */
static void code_and_name(struct iz_values *v, size_t i, const char *code,
			  const char *name)
{
	size_t nc = strlen(code ? code : "") + 1;
	size_t nn = strlen(name ? name : "") + 1;

	v->code[i] = iz_xmalloc(nc + nn);
	memcpy(v->code[i], code ? code : "", nc);
	v->name[i] = v->code[i] + nc;
	memcpy(v->name[i], name ? name : "", nn);
}

static int add_value(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	struct value_sink *k = ctx;
	struct iz_values *v = k->v;
	const char *status = iz_row_text(r, 3);
	size_t i = v->n;

	(void)err;
	if (i == k->cap)
		values_grow(k);
	code_and_name(v, i, iz_row_text(r, 0), iz_row_text(r, 1));
	v->status[i] = status ? iz_xstrdup(status) : NULL;
	v->value[i] = column_real(r, 2);
	v->ci_low[i] = column_real(r, 4);
	v->ci_high[i] = column_real(r, 5);
	v->missing += isnan(v->value[i]);
	v->n++;
	return 0;
}

/* Fill out from the candidate that answers for period. */
static int load_resolved(struct iz_values *out, struct resolved *r,
			 const char *period, struct iz_error *err)
{
	struct value_sink sink = { out, 0 };
	struct params p = { 0 };
	char where[128], periods[256];
	long k;

	where_text(where, sizeof(where), r->sel);
	if (pick_candidate(&k, r, period, err) < 0)
		return -1;
	if (k < 0)
		return iz_fail(err, IZ_EINPUT,
			       "no values for '%s' in period '%s' among %s "
			       "(periods with values: %s)",
			       r->code, period, where,
			       periods_text(periods, sizeof(periods), r));
	series_copy(&out->series, r->c[k].s);
	out->period = iz_xstrdup(period);
	note_dataset(out, r, &r->c[k]);
	note_category(out, r, &r->c[k]);
	if (!r->sel->period)
		note_newer(out, r, where);
	params_init(&p, r->sel, out->series.id, period);
	return iz_store_each(r->st, values_sql, param_names, p.values, NPARAMS,
			     add_value, &sink, err);
}

int iz_indicators_load(struct iz_values *out, struct iz_store *st,
		       const char *code, const struct iz_select *sel,
		       struct iz_error *err)
{
	struct resolved r = { 0 };
	struct iz_select s;
	char wbuf[32], where[128];
	const char *period;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (select_normalise(&s, wbuf, sizeof(wbuf), sel, st, err) < 0 ||
	    resolve(&r, st, code, s.category, &s, err) < 0)
		goto out;
	period = s.period;
	if (!period && latest_with_values(&period, &r, NULL, err) < 0)
		goto out;
	if (!period)
		iz_fail(err, IZ_EINPUT, "no values for '%s' among %s", code,
			where_text(where, sizeof(where), &s));
	else
		rc = load_resolved(out, &r, period, err);
out:
	resolve_release(&r);
	return rc;
}

static int no_common_period(struct resolved *x, struct resolved *y,
			    struct iz_error *err)
{
	char where[128], px[200], py[200];

	return iz_fail(err, IZ_EINPUT,
		       "no period in which both '%s' and '%s' have values "
		       "among %s (%s: %s; %s: %s)",
		       x->code, y->code,
		       where_text(where, sizeof(where), x->sel), x->code,
		       periods_text(px, sizeof(px), x), y->code,
		       periods_text(py, sizeof(py), y));
}

int iz_indicators_load_pair(struct iz_values *x_out, struct iz_values *y_out,
			    struct iz_store *st, const char *x,
			    const char *x_category, const char *y,
			    const char *y_category,
			    const struct iz_select *sel,
			    struct iz_error *err)
{
	struct resolved rx = { 0 }, ry = { 0 };
	struct iz_select s;
	char wbuf[32];
	const char *period;
	int rc = -1;

	memset(x_out, 0, sizeof(*x_out));
	memset(y_out, 0, sizeof(*y_out));
	if (select_normalise(&s, wbuf, sizeof(wbuf), sel, st, err) < 0 ||
	    resolve(&rx, st, x, x_category, &s, err) < 0 ||
	    resolve(&ry, st, y, y_category, &s, err) < 0)
		goto out;
	period = s.period;
	if (!period && latest_with_values(&period, &rx, &ry, err) < 0)
		goto out;
	if (!period)
		no_common_period(&rx, &ry, err);
	else if (load_resolved(x_out, &rx, period, err) == 0 &&
		 load_resolved(y_out, &ry, period, err) == 0)
		rc = 0;
out:
	resolve_release(&rx);
	resolve_release(&ry);
	return rc;
}

void iz_values_release(struct iz_values *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		free(v->code[i]); /* and name[i] (code_and_name) */
		free(v->status[i]);
	}
	for (i = 0; i < v->nnotes; i++)
		free(v->notes[i]);
	free(v->code);
	free(v->name);
	free(v->status);
	free(v->value);
	free(v->ci_low);
	free(v->ci_high);
	free(v->notes);
	free(v->period);
	series_release(&v->series);
	memset(v, 0, sizeof(*v));
}

long iz_values_find(const struct iz_values *v, const char *code)
{
	size_t lo = 0, hi = v->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(v->code[mid], code);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* ---- single values ---------------------------------------------------- */

static int take_value(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	(void)err;
	*(double *)ctx = column_real(r, 0);
	return 0;
}

int iz_indicators_value(double *out, struct iz_store *st,
			const struct iz_series *s, const char *period,
			const char *region, struct iz_error *err)
{
	static const char *const names[] = { "region", "id", "period" };
	char id[24];
	const char *values[] = { region, id, period };

	*out = NAN;
	snprintf(id, sizeof(id), "%lld", (long long)s->id);
	if (iz_store_each(st,
			  "SELECT value FROM observation WHERE region = "
			  ":region AND indicator = CAST(:id AS INTEGER) AND "
			  "period = :period",
			  names, values, 3, take_value, out, err) < 0)
		return -1;
	return isnan(*out) ? 0 : 1;
}

int iz_indicators_national(double *out, struct iz_store *st,
			   const struct iz_series *s, const char *period,
			   struct iz_error *err)
{
	int rc = iz_indicators_value(out, st, s, period, "NL01", err);

	if (rc != 0)
		return rc;
	return iz_indicators_value(out, st, s, period, "NL00", err);
}
