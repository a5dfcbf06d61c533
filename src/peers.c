/*
 * peers: the gemeenten most like one gemeente, so that a profile can be
 * set against comparable places rather than the whole country. Structural
 * features are read through indicators.h, standardised across gemeenten
 * and compared by Euclidean distance; the choice of features is explicit
 * and every skipped feature is noted.
 */
#include "inzicht/risk.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/indicators.h"
#include "inzicht/stats.h"

enum transform { RAW, LOG, RATIO };

/* Where a feature comes from: an indicator id, its transform and the
 * feature's name when it is the one used. */
struct source {
	const char *id;
	enum transform how;
	const char *name;
};

/* A feature: the first of its sources the store holds; a ratio divides by
 * den (x 100). */
struct feature_spec {
	struct source src[2]; /* src[1].id NULL: no fallback */
	const char *den;
};

static const struct feature_spec defaults[] = {
	{ { { "inwoners", LOG, "log_inwoners" },
	    { "inwonertal", LOG, "log_inwoners" } },
	  NULL },
	/* Urbanity: addresses per km2 around each address, else CBS's class
	 * of it (1 = zeer sterk stedelijk .. 5 = niet stedelijk) as it is;
	 * a distance does not depend on the direction of a feature. */
	{ { { "omgevingsadressendichtheid", LOG, "log_adresdichtheid" },
	    { "stedelijkheid", RAW, "stedelijkheid" } },
	  NULL },
	{ { { "inwoners_65_plus", RATIO, "pct_65_plus" }, { NULL, RAW, NULL } },
	  "inwoners" },
	{ { { "huishoudens_met_kinderen", RATIO, "pct_met_kinderen" },
	    { NULL, RAW, NULL } },
	  "huishoudens" },
	{ { { "personen_in_armoede_pct", RAW, "pct_laag_inkomen" },
	    { "huishoudens_laagste_40pct_inkomen_pct", RAW,
	      "pct_laag_inkomen" } },
	  NULL },
};

#define NDEFAULTS (sizeof(defaults) / sizeof(defaults[0]))

/* A feature as read: its values over the gemeenten of v (by code). */
struct feature {
	char name[64];
	struct iz_values v, den;
	double *x; /* v.n values after the transform, NAN when missing */
	bool used;
};

struct space {
	struct feature f[IZ_PEERS_MAX_FEATURES];
	size_t nf;
	const char **code, **name; /* complete cases, lent from f[0].v */
	double *x, *z;             /* n * nf */
	double *dist;
	size_t n, *order;
	long target;
};

static bool store_has(struct iz_store *st, const char *id)
{
	struct iz_error ignored = IZ_ERROR_INIT;
	struct iz_series *s = NULL;
	size_t n = 0;
	bool yes = iz_indicators_series(&s, &n, st, id, &ignored) == 0;

	iz_series_free(s, n);
	return yes;
}

static void transform(struct feature *f, enum transform how)
{
	size_t i;
	long d;
	double v;

	f->x = iz_xcalloc(f->v.n + 1, sizeof(*f->x));
	for (i = 0; i < f->v.n; i++) {
		v = f->v.value[i];
		if (how == LOG)
			v = v > 0 ? log(v) : (double)NAN;
		if (how == RATIO) {
			d = iz_values_find(&f->den, f->v.code[i]);
			v = d >= 0 && f->den.value[d] > 0 ?
				    100.0 * v / f->den.value[d] :
				    (double)NAN;
		}
		f->x[i] = v;
	}
}

static int load_feature(struct feature *f, struct iz_store *st,
			const char *id, const char *den, enum transform how,
			struct iz_error *err)
{
	struct iz_select sel = IZ_SELECT_INIT;
	int rc;

	if (how == RATIO)
		rc = iz_indicators_load_pair(&f->v, &f->den, st, id, NULL, den,
					     NULL, &sel, err);
	else
		rc = iz_indicators_load(&f->v, st, id, &sel, err);
	if (rc == 0)
		transform(f, how);
	return rc;
}

/* The default features the store can answer; notes name the rest. */
static int load_defaults(struct space *s, struct iz_table *notes,
			 struct iz_store *st, struct iz_error *err)
{
	const struct feature_spec *d;
	const struct source *src;
	size_t i;

	for (i = 0; i < NDEFAULTS; i++) {
		d = &defaults[i];
		src = store_has(st, d->src[0].id) ? &d->src[0] :
		      d->src[1].id && store_has(st, d->src[1].id) ? &d->src[1] :
								     NULL;
		if (!src || (d->den && !store_has(st, d->den))) {
			if (notes)
				iz_table_add_note(
					notes,
					"feature %s skipped: the store has no "
					"'%s'%s%s",
					d->src[0].name,
					src ? d->den : d->src[0].id,
					!src && d->src[1].id ? " nor " : "",
					!src && d->src[1].id ? d->src[1].id :
							       "");
			continue;
		}
		snprintf(s->f[s->nf].name, sizeof(s->f[s->nf].name), "%s",
			 src->name);
		if (load_feature(&s->f[s->nf++], st, src->id, d->den, src->how,
				 err) < 0)
			return -1;
	}
	return 0;
}

static int load_given(struct space *s, const struct iz_peers_opts *o,
		      struct iz_store *st, struct iz_error *err)
{
	size_t i;

	for (i = 0; i < o->nfeatures; i++) {
		snprintf(s->f[s->nf].name, sizeof(s->f[s->nf].name), "%s",
			 o->features[i]);
		if (load_feature(&s->f[s->nf++], st, o->features[i], NULL, RAW,
				 err) < 0)
			return -1;
	}
	return 0;
}

static double feature_at(const struct feature *f, const char *code)
{
	long at = iz_values_find(&f->v, code);

	return at < 0 ? (double)NAN : f->x[at];
}

/* The gemeenten with every feature, in code order, and their values. */
static void complete_cases(struct space *s)
{
	const struct iz_values *v0 = &s->f[0].v;
	size_t i, j, m = 0;
	double x;

	s->code = iz_xcalloc(v0->n + 1, sizeof(*s->code));
	s->name = iz_xcalloc(v0->n + 1, sizeof(*s->name));
	s->x = iz_xcalloc(v0->n * s->nf + 1, sizeof(*s->x));
	for (i = 0; i < v0->n; i++) {
		for (j = 0; j < s->nf; j++) {
			x = feature_at(&s->f[j], v0->code[i]);
			if (isnan(x))
				break;
			s->x[m * s->nf + j] = x;
		}
		if (j < s->nf)
			continue;
		s->code[m] = v0->code[i];
		s->name[m++] = v0->name[i];
	}
	s->n = m;
}

/* z-scores per feature; a feature without spread is left out. */
static void standardise(struct space *s)
{
	double *col = iz_xcalloc(s->n + 1, sizeof(*col));
	double *z = iz_xcalloc(s->n + 1, sizeof(*z));
	size_t i, j;

	s->z = iz_xcalloc(s->n * s->nf + 1, sizeof(*s->z));
	for (j = 0; j < s->nf; j++) {
		for (i = 0; i < s->n; i++)
			col[i] = s->x[i * s->nf + j];
		s->f[j].used = iz_stats_zscores(z, col, s->n, NULL) == 0 &&
			       !isnan(z[0]);
		for (i = 0; i < s->n; i++)
			s->z[i * s->nf + j] = s->f[j].used ? z[i] : 0;
	}
	free(col);
	free(z);
}

static const struct space *sort_space;

static int by_distance(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct space *s = sort_space;

	if (s->dist[i] != s->dist[j])
		return s->dist[i] < s->dist[j] ? -1 : 1;
	return strcmp(s->code[i], s->code[j]);
}

/* Distances to the target and the others ordered nearest first (the
 * target itself left out). */
static void neighbours(struct space *s)
{
	size_t i, j, m = 0;
	const double *t = s->z + (size_t)s->target * s->nf;
	double d;

	s->dist = iz_xcalloc(s->n + 1, sizeof(*s->dist));
	s->order = iz_xcalloc(s->n + 1, sizeof(*s->order));
	for (i = 0; i < s->n; i++) {
		for (d = 0, j = 0; j < s->nf; j++)
			d += (s->z[i * s->nf + j] - t[j]) *
			     (s->z[i * s->nf + j] - t[j]);
		s->dist[i] = sqrt(d);
		if ((long)i != s->target)
			s->order[m++] = i;
	}
	sort_space = s;
	qsort(s->order, m, sizeof(*s->order), by_distance);
	sort_space = NULL;
}

static int target_index(struct space *s, const char *code,
			struct iz_error *err)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->code[i], code) == 0) {
			s->target = (long)i;
			return 0;
		}
	for (i = 0; i < s->nf; i++)
		if (isnan(feature_at(&s->f[i], code)))
			return iz_fail(err, IZ_EINPUT,
				       "'%s' has no value for feature '%s'",
				       code, s->f[i].name);
	return iz_fail(err, IZ_EINPUT, "'%s' is not among the gemeenten "
				       "compared",
		       code);
}

static int region_known(struct iz_store *st, const char *code,
			struct iz_error *err);

static int check_region(char *gm, size_t n, struct iz_store *st,
			const char *region, struct iz_error *err)
{
	size_t i;

	if (!region || toupper((unsigned char)region[0]) != 'G' ||
	    toupper((unsigned char)region[1]) != 'M')
		return iz_fail(err, IZ_EUSAGE,
			       "peers are gemeenten: '%s' is not a gemeente "
			       "code (GM...)",
			       region ? region : "");
	for (i = 0; region[i] && i + 1 < n; i++)
		gm[i] = (char)toupper((unsigned char)region[i]);
	gm[i] = '\0';
	return region_known(st, gm, err);
}

static int found_row(void *ctx, const struct iz_row *r, struct iz_error *err)
{
	(void)r;
	(void)err;
	*(bool *)ctx = true;
	return 0;
}

static int region_known(struct iz_store *st, const char *code,
			struct iz_error *err)
{
	static const char *const names[] = { "code" };
	const char *values[] = { code };
	bool found = false;

	if (iz_store_each(st, "SELECT 1 FROM region WHERE code = :code", names,
			  values, 1, found_row, &found, err) < 0)
		return -1;
	return found ? 0 : iz_fail(err, IZ_EUSAGE, "unknown region '%s'", code);
}

static void space_release(struct space *s)
{
	size_t i;

	for (i = 0; i < IZ_PEERS_MAX_FEATURES; i++) {
		iz_values_release(&s->f[i].v);
		iz_values_release(&s->f[i].den);
		free(s->f[i].x);
	}
	free(s->code);
	free(s->name);
	free(s->x);
	free(s->z);
	free(s->dist);
	free(s->order);
}

static size_t used_features(const struct space *s)
{
	size_t j, k = 0;

	for (j = 0; j < s->nf; j++)
		k += s->f[j].used;
	return k;
}

/* Read, standardise and order: the whole computation. */
static int build(struct space *s, struct iz_table *notes, struct iz_store *st,
		 const struct iz_peers_opts *o, struct iz_error *err)
{
	char gm[32];

	memset(s, 0, sizeof(*s));
	if (check_region(gm, sizeof(gm), st, o->region, err) < 0)
		return -1;
	if (o->k < 1)
		return iz_fail(err, IZ_EUSAGE, "k must be at least 1");
	if ((o->nfeatures ? load_given(s, o, st, err) :
			    load_defaults(s, notes, st, err)) < 0)
		return -1;
	if (s->nf == 0)
		return iz_fail(err, IZ_EUSAGE, "no features to compare on: the "
					       "store has none of the default "
					       "ids (see 'inzicht peers --help')");
	complete_cases(s);
	if (target_index(s, gm, err) < 0)
		return -1;
	if (s->n < 2)
		return iz_fail(err, IZ_EINPUT, "only one gemeente has every "
					       "feature: nothing to compare");
	standardise(s);
	if (used_features(s) == 0)
		return iz_fail(err, IZ_EINPUT, "no feature varies across the %zu "
					       "gemeenten",
			       s->n);
	neighbours(s);
	return 0;
}

int iz_risk_peer_codes(char ***out, size_t *n, struct iz_table *notes,
		       struct iz_store *st, const struct iz_peers_opts *o,
		       struct iz_error *err)
{
	struct space s;
	size_t i;
	int rc = build(&s, notes, st, o, err);

	*out = NULL;
	*n = 0;
	if (rc == 0) {
		*n = o->k < s.n - 1 ? o->k : s.n - 1;
		*out = iz_xcalloc(*n + 1, sizeof(**out));
		for (i = 0; i < *n; i++)
			(*out)[i] = iz_xstrdup(s.code[s.order[i]]);
	}
	space_release(&s);
	return rc;
}

void iz_risk_codes_free(char **codes, size_t n)
{
	size_t i;

	if (!codes)
		return;
	for (i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
}

/* ---- the table -------------------------------------------------------- */

static struct iz_table *new_table(const struct space *s)
{
	struct iz_table *t = iz_table_new();
	size_t j;

	iz_table_add_column(t, "rank", IZ_COL_INT, -1);
	iz_table_add_column(t, "region", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "name", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "distance", IZ_COL_REAL, 3);
	for (j = 0; j < s->nf; j++)
		iz_table_add_column(t, s->f[j].name, IZ_COL_REAL, 2);
	return t;
}

static void add_row(struct iz_table *t, const struct space *s, size_t i,
		    long rank)
{
	size_t row = iz_table_add_row(t), j;

	iz_table_set_int(t, row, 0, rank);
	iz_table_set_text(t, row, 1, s->code[i]);
	iz_table_set_text(t, row, 2, s->name[i]);
	iz_table_set_real(t, row, 3, s->dist[i]);
	for (j = 0; j < s->nf; j++)
		iz_table_set_real(t, row, 4 + j, s->x[i * s->nf + j]);
}

static void add_stats(struct iz_table *t, const struct space *s, size_t k)
{
	char names[512];
	size_t j, len = 0;

	names[0] = '\0';
	for (j = 0; j < s->nf && len < sizeof(names); j++)
		if (s->f[j].used)
			len += (size_t)snprintf(names + len, sizeof(names) - len,
						"%s%s", len ? "," : "",
						s->f[j].name);
	iz_table_set_stat(t, "k", (double)k);
	iz_table_set_stat(t, "n", (double)s->n);
	iz_table_set_stat_text(t, "features", names);
}

static void add_notes(struct iz_table *t, const struct space *s)
{
	const struct feature *f;
	size_t j;

	for (j = 0; j < s->nf; j++) {
		f = &s->f[j];
		iz_table_add_note(t, "feature %s: %s%s%s (%s), period %s; "
				     "%s = %.4g%s",
				  f->name, f->v.series.code,
				  f->den.n ? " / " : "",
				  f->den.n ? f->den.series.code : "",
				  f->v.series.dataset, f->v.period,
				  s->code[s->target],
				  s->x[(size_t)s->target * s->nf + j],
				  f->used ? "" : "; left out: the same value "
						 "everywhere");
	}
	iz_table_add_note(t, "distance: Euclidean, on z-scores of each feature "
			     "across the %zu gemeenten with every feature (sd "
			     "with n - 1); ties by region code",
			  s->n);
}

int iz_risk_peers(struct iz_table **out, struct iz_store *st,
		  const struct iz_peers_opts *o, struct iz_error *err)
{
	struct iz_table *t = iz_table_new();
	struct space s;
	size_t i, k;

	*out = NULL;
	if (build(&s, t, st, o, err) < 0) {
		space_release(&s);
		iz_table_free(t);
		return -1;
	}
	*out = new_table(&s);
	for (i = 0; i < iz_table_nnotes(t); i++)
		iz_table_add_note(*out, "%s", iz_table_note(t, i));
	iz_table_free(t);
	k = o->k < s.n - 1 ? o->k : s.n - 1;
	for (i = 0; i < k; i++)
		add_row(*out, &s, s.order[i], (long)i + 1);
	add_stats(*out, &s, k);
	add_notes(*out, &s);
	if (k < o->k)
		iz_table_add_note(*out, "only %zu other gemeenten have every "
					"feature: k = %zu",
				  s.n - 1, k);
	space_release(&s);
	return 0;
}
