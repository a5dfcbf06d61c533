/*
 * Uptake against an open-data denominator: when the records do not say a
 * household's income, income-tested eligibility cannot be read from them;
 * CBS publishes per gemeente the share of households up to 110% or 120%
 * of the social minimum, and that share times the number of households
 * estimates the eligible households of a scheme open to all. Participants
 * stay those of the records; the output says which denominator each row
 * used.
 */
#include "analysis_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/indicators.h"

/* Indicator ids by threshold: the smallest published threshold at or over
 * the scheme's (a scheme up to 110% uses the 110% share). */
static const struct {
	double threshold;
	const char *id;
} shares[] = {
	{ 110, IZ_UPTAKE_OD_SHARE_110 },
	{ 120, IZ_UPTAKE_OD_SHARE_120 },
};

#define NSHARES (sizeof(shares) / sizeof(shares[0]))

/* The gemeente codes of the population's wijken ("WK0599xx" -> GM0599). */
static size_t gemeenten(char (*out)[7], size_t max,
			const struct iz_population *p)
{
	size_t i, k, n = 0;

	for (i = 0; i < p->nwijken; i++) {
		char gm[7];

		if (strlen(p->wijken[i]) < 6)
			continue;
		snprintf(gm, sizeof(gm), "GM%.4s", p->wijken[i] + 2);
		for (k = 0; k < n && strcmp(out[k], gm) != 0; k++)
			;
		if (k == n && n < max)
			memcpy(out[n++], gm, sizeof(gm));
	}
	return n;
}

/* The value of indicator id for each gemeente, summed as weights x value
 * (weights NULL: plain sum); *what describes dataset and period. */
static int od_sum(double *out, char **what, struct iz_store *st,
		  const char *id, char (*gm)[7], size_t ngm,
		  const double *weights, struct iz_error *err)
{
	struct iz_select sel = IZ_SELECT_INIT;
	struct iz_values v = { 0 };
	size_t k;
	long at;
	int rc = iz_indicators_load(&v, st, id, &sel, err);

	*out = 0;
	for (k = 0; rc == 0 && k < ngm; k++) {
		at = iz_values_find(&v, gm[k]);
		if (at < 0 || isnan(v.value[at]))
			rc = iz_fail(err, IZ_EINPUT,
				     "the open data have no %s for %s in %s",
				     id, gm[k], v.period);
		else
			*out += (weights ? weights[k] : 1) * v.value[at];
	}
	if (rc == 0)
		*what = iz_xasprintf("%s (%s, %s)", id, v.series.dataset,
				     v.period);
	iz_values_release(&v);
	return rc;
}

/* The households of each gemeente, into hh[k]. */
static int od_households(double *hh, char **what, struct iz_store *st,
			 const char *id, char (*gm)[7], size_t ngm,
			 struct iz_error *err)
{
	double one = 0;
	size_t k;
	char *w = NULL;

	for (k = 0; k < ngm; k++) {
		free(w);
		w = NULL;
		if (od_sum(&one, &w, st, id, gm + k, 1, NULL, err) < 0)
			return -1;
		hh[k] = one;
	}
	*what = w;
	return 0;
}

const char *iz_uptake_od_share_id(double threshold)
{
	size_t i;

	for (i = 0; i < NSHARES; i++)
		if (threshold > 0 && threshold <= shares[i].threshold)
			return shares[i].id;
	return NULL;
}

struct od_row {
	const char *scheme;
	long participants;
	double eligible; /* NAN: no estimate */
	const char *denominator;
	size_t cell;
};

static int od_put(struct iz_table *t, const struct od_row *w,
		  const struct iz_disclose *d, const struct iz_analysis_opts *o,
		  struct iz_error *err)
{
	size_t row = iz_table_add_row(t);
	double n = round(w->eligible), lo, hi;
	const char *method;

	iz_table_set_text(t, row, 0, w->scheme);
	iz_table_set_text(t, row, 1, "all");
	iz_table_set_text(t, row, 8, w->denominator);
	an_put_count(t, row, 3, d, w->cell);
	if (isnan(w->eligible))
		return 0;
	iz_table_set_int(t, row, 2, (int64_t)n);
	if (iz_disclose_is_suppressed(d, w->cell)) {
		iz_table_suppress(t, row, 4, "participants below the threshold");
		return 0;
	}
	if (n < (double)o->min_denominator || (double)w->participants > n)
		return 0; /* no share of so few, or of an estimate exceeded */
	iz_table_set_real(t, row, 4, 100.0 * (double)w->participants / n);
	if (iz_stats_proportion_ci(&lo, &hi, &method,
				   (double)w->participants, n, o->conf,
				   err) < 0)
		return -1;
	iz_table_set_real(t, row, 5, 100 * lo);
	iz_table_set_real(t, row, 6, 100 * hi);
	iz_table_set_text(t, row, 7, method);
	return 0;
}

/* Participants of scheme s (SIZE_MAX: any) and, for a scheme without an
 * income test, its eligible households from the records. */
static void od_count(long *part, long *elig, const struct iz_population *p,
		     size_t s)
{
	size_t i;

	*part = *elig = 0;
	for (i = 0; i < p->n; i++) {
		uint64_t use = p->hh[i].schemes, el = p->hh[i].eligible;

		*part += s == SIZE_MAX ? use != 0 : (long)(use >> s & 1);
		*elig += s == SIZE_MAX ? el != 0 : (long)(el >> s & 1);
	}
}

struct od_ctx {
	struct iz_store *st;
	char gm[16][7];
	size_t ngm;
	double hh[16];
	char *hh_what;
	const char *share_override;
	double best; /* the largest estimate: the denominator of "any" */
	char *best_what;
};

/* The estimate for one income-tested scheme open to all households. */
static int od_estimate(double *est, char **what, struct od_ctx *c,
		       double threshold, struct iz_error *err)
{
	const char *id = c->share_override ? c->share_override :
					     iz_uptake_od_share_id(threshold);
	char *share_what = NULL;
	size_t k;
	double w[16];

	*est = NAN;
	*what = NULL;
	if (!id)
		return 0;
	for (k = 0; k < c->ngm; k++)
		w[k] = c->hh[k] / 100.0;
	if (od_sum(est, &share_what, c->st, id, c->gm, c->ngm, w, err) < 0)
		return -1;
	*what = iz_xasprintf("open data: %s x %s", share_what, c->hh_what);
	free(share_what);
	return 0;
}

static int od_rows(struct od_row *rows, char **whats, struct od_ctx *c,
		   const struct iz_population *p, struct iz_disclose *d,
		   struct iz_error *err)
{
	size_t s, n = p->schemes.n;
	long elig;

	for (s = 0; s < n; s++) {
		const struct iz_scheme *sc = &p->schemes.items[s];
		double thr = p->threshold_override > 0 ? p->threshold_override :
							 sc->income_threshold;

		rows[s].scheme = sc->code;
		od_count(&rows[s].participants, &elig, p, s);
		rows[s].eligible = NAN;
		rows[s].denominator = "records";
		if (thr <= 0) {
			rows[s].eligible = (double)elig;
		} else if (sc->target == IZ_TARGET_ALL) {
			if (od_estimate(&rows[s].eligible, &whats[s], c, thr,
					err) < 0)
				return -1;
			rows[s].denominator = whats[s] ? whats[s] : "none";
			if (whats[s] && rows[s].eligible > c->best) {
				c->best = rows[s].eligible;
				c->best_what = whats[s];
			}
		} else {
			rows[s].denominator = "none";
		}
		rows[s].cell = iz_disclose_add_cell(d, rows[s].participants);
	}
	rows[n].scheme = "any";
	od_count(&rows[n].participants, &elig, p, SIZE_MAX);
	rows[n].eligible = c->best_what ? c->best : (double)NAN;
	rows[n].denominator = c->best_what ? c->best_what : "none";
	rows[n].cell = iz_disclose_add_cell(d, rows[n].participants);
	return 0;
}

static void od_notes(struct iz_table *t, const struct iz_population *p,
		     const struct od_ctx *c, const struct iz_disclose *d,
		     const struct iz_analysis_opts *o)
{
	an_population_notes(t, p);
	iz_table_add_note(t, "denominator: open data (--denominator): for a "
			     "scheme open to all households with an income "
			     "test, the eligible households are estimated as "
			     "the gemeente's share of households up to the "
			     "threshold times its households; participants "
			     "are all households in the records using the "
			     "scheme; 'any' uses the largest estimate");
	iz_table_add_note(t, "the intervals treat the estimate as exact; "
			     "schemes for one target group (denominator "
			     "'none') have no open-data estimate; schemes "
			     "without an income test keep the records' "
			     "eligible households");
	iz_table_add_note(t, "gemeente%s of the records: %s%s%s", c->ngm > 1 ?
								     "n" :
								     "",
			  c->gm[0], c->ngm > 1 ? " and " : "",
			  c->ngm > 1 ? c->gm[1] : "");
	an_disclosure_note(t, d, o);
}

int iz_uptake_open_data(struct iz_table **out, const struct iz_population *p,
			struct iz_store *st, const struct iz_analysis_opts *o,
			const char *share_indicator, struct iz_error *err)
{
	struct od_ctx c = { .st = st, .share_override = share_indicator };
	size_t n = p->schemes.n, i;
	struct od_row *rows = iz_xcalloc(n + 1, sizeof(*rows));
	char **whats = iz_xcalloc(n + 1, sizeof(*whats));
	struct iz_disclose *d = iz_disclose_new();
	struct iz_table *t = iz_table_new();
	int rc;

	*out = NULL;
	c.ngm = gemeenten(c.gm, 16, p);
	if (!c.ngm)
		rc = iz_fail(err, IZ_EINPUT,
			     "open-data denominator: the records name no "
			     "wijk or buurt, so no gemeente");
	else
		rc = od_households(c.hh, &c.hh_what, st, IZ_UPTAKE_OD_HOUSEHOLDS,
				   c.gm, c.ngm, err);
	if (rc == 0)
		rc = od_rows(rows, whats, &c, p, d, err);
	if (rc == 0)
		rc = an_protect(d, o, err);
	an_uptake_columns(t, "denominator", IZ_COL_TEXT);
	for (i = 0; rc == 0 && i <= n; i++)
		rc = od_put(t, &rows[i], d, o, err);
	if (rc == 0) {
		iz_table_set_stat_text(t, "denominator", "open data");
		od_notes(t, p, &c, d, o);
		*out = t;
		t = NULL;
	}
	for (i = 0; i <= n; i++)
		free(whats[i]);
	free(whats);
	free(rows);
	free(c.hh_what);
	iz_table_free(t);
	iz_disclose_free(d);
	return rc;
}
