/*
 * inzicht report: gathers the analyses for one gemeente (risk profile,
 * peers, poverty x health, wijken, records) and writes the HTML report
 * section by section, with the manifest that says where each figure comes
 * from. The HTML is also well-formed XML (every element closed), so any
 * XML parser can check it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "inzicht/compare.h"
#include "inzicht/risk.h"
#include "report_priv.h"

/* What the store says about one series (code, dims). */
struct meta {
	char *title, *unit, *dataset, *polarity;
	int decimals;
};

#define CANDIDATES 8

/* One observation of the region, for trends and provenance. */
struct obs {
	char *key; /* code \x1f dims */
	char *period;
	char *dataset;
	double value;
};

/* One row of the risk table, with the columns the report reads. */
struct rrow {
	const char *sp, *stage, *hh, *ind, *cat, *period, *verdict;
	double value, lo, hi, nl, pmed, p25, p75, z, slope;
	bool approx, flag;
	long rank;
	const struct meta *m;
	const char *dataset;
};

struct model {
	struct iz_strmap *meta;    /* code \x1f dims -> struct meta */
	struct iz_strmap *codes;   /* code -> its main struct meta (lent) */
	/* percentages of financial stability and of health, by code: the
	 * candidates for poverty x health after the preferred ids */
	char *pov[CANDIDATES], *health[CANDIDATES];
	size_t npov, nhealth;
	struct obs *obs;           /* the region's observations, by key */
	size_t nobs, capobs;
	struct iz_table *risk;     /* NULL when there is none */
	struct rrow *rows;
	size_t nrows;
	char **peers;
	size_t npeers;
	char *peer_names;          /* "A, B, C" */
	struct iz_table *corr[2];  /* gemeenten, wijken */
	const char *corr_x[2], *corr_y[2];
	struct iz_table *wijken;
	const char *wk_x, *wk_y;
};

static const char *const iz_report_version = IZ_VERSION;

/* ---- reading the store ---- */

static void meta_free(void *p)
{
	struct meta *x = p;

	free(x->title);
	free(x->unit);
	free(x->dataset);
	free(x->polarity);
	free(x);
}

static void add_candidate(char **list, size_t *n, const char *code)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(list[i], code) == 0)
			return;
	if (*n < CANDIDATES)
		list[(*n)++] = iz_xstrdup(code);
}

static int add_meta(void *ctx, const struct iz_row *row, struct iz_error *err)
{
	struct model *m = ctx;
	struct meta *x = iz_xcalloc(1, sizeof(*x));
	char *key = iz_xasprintf("%s\x1f%s", iz_row_text(row, 0),
				 iz_row_text(row, 1));
	struct meta *old = iz_strmap_get(m->meta, key), *cur;

	(void)err;
	x->title = iz_xstrdup(iz_row_text(row, 2) ? iz_row_text(row, 2) :
						   iz_row_text(row, 0));
	x->unit = iz_xstrdup(iz_row_text(row, 3) ? iz_row_text(row, 3) : "");
	x->decimals = iz_row_is_null(row, 4) ? -1 : (int)iz_row_int(row, 4);
	x->dataset = iz_xstrdup(iz_row_text(row, 5));
	x->polarity = iz_xstrdup(iz_row_text(row, 6) ? iz_row_text(row, 6) :
						      "");
	cur = iz_strmap_get(m->codes, iz_row_text(row, 0));
	/* the main series (dims "") names the indicator over categories */
	if (!cur || cur == old || !*iz_row_text(row, 1))
		iz_strmap_put(m->codes, iz_row_text(row, 0), x);
	if (old)
		meta_free(old);
	iz_strmap_put(m->meta, key, x);
	if (strcmp(x->unit, "%") == 0) {
		const char *sp = iz_row_text(row, 7), *code = iz_row_text(row, 0);

		if (strcmp(sp, "financiele_stabiliteit") == 0)
			add_candidate(m->pov, &m->npov, code);
		else if (strcmp(sp, "gezondheid") == 0)
			add_candidate(m->health, &m->nhealth, code);
	}
	free(key);
	return 0;
}

static int add_obs(void *ctx, const struct iz_row *row, struct iz_error *err)
{
	struct model *m = ctx;
	struct obs *o;

	(void)err;
	if (m->nobs == m->capobs) {
		m->capobs = m->capobs ? 2 * m->capobs : 256;
		m->obs = iz_xrealloc(m->obs, m->capobs * sizeof(*m->obs));
	}
	o = &m->obs[m->nobs++];
	o->key = iz_xasprintf("%s\x1f%s", iz_row_text(row, 0),
			      iz_row_text(row, 1));
	o->period = iz_xstrdup(iz_row_text(row, 2));
	o->dataset = iz_xstrdup(iz_row_text(row, 4));
	o->value = iz_row_is_null(row, 3) ? (double)NAN : iz_row_double(row, 3);
	return 0;
}

static int load_store(struct model *m, struct rp *r, struct iz_error *err)
{
	const char *names[] = { "region" };
	const char *values[] = { r->o->region };

	m->meta = iz_strmap_new();
	m->codes = iz_strmap_new();
	if (iz_store_each(r->st,
			  "SELECT code, dims, title, unit, decimals, dataset, "
			  "polarity, coalesce(spearhead, '') "
			  "FROM indicator ORDER BY dataset, id",
			  NULL, NULL, 0, add_meta, m, err) < 0)
		return -1;
	return iz_store_each(r->st,
			     "SELECT i.code, i.dims, o.period, o.value, "
			     "i.dataset FROM observation o JOIN indicator i "
			     "ON i.id = o.indicator WHERE o.region = :region "
			     "ORDER BY i.code, i.dims, o.period, i.dataset",
			     names, values, 1, add_obs, m, err);
}

static int take_name(void *ctx, const struct iz_row *row,
		     struct iz_error *err)
{
	char **name = ctx;

	(void)err;
	free(*name);
	*name = iz_xstrdup(iz_row_text(row, 0) ? iz_row_text(row, 0) : "");
	return 0;
}

static int region_name(struct rp *r, struct iz_error *err)
{
	const char *names[] = { "code" };
	const char *values[] = { r->o->region };

	if (strncmp(r->o->region, "GM", 2) != 0 || strlen(r->o->region) != 6)
		return iz_fail(err, IZ_EUSAGE,
			       "'%s' is not a gemeente code (GM and "
			       "four digits, e.g. GM0363)",
			       r->o->region);
	if (iz_store_each(r->st, "SELECT coalesce(name, '') FROM region "
				 "WHERE code = :code",
			  names, values, 1, take_name, &r->name, err) < 0)
		return -1;
	if (!r->name)
		return iz_fail(err, IZ_EUSAGE,
			       "the store knows no region %s (run "
			       "'inzicht fetch' first, or see 'inzicht "
			       "query profile')",
			       r->o->region);
	if (!*r->name) {
		free(r->name);
		r->name = iz_xstrdup(r->o->region);
	}
	return 0;
}

/* ---- the risk table as rows ---- */

static const char *obs_dataset(const struct model *m, const char *key,
			       const char *period)
{
	size_t i;

	for (i = 0; i < m->nobs; i++)
		if (strcmp(m->obs[i].key, key) == 0 &&
		    strcmp(m->obs[i].period, period) == 0)
			return m->obs[i].dataset;
	return NULL;
}

static void risk_rows(struct model *m)
{
	size_t i, n = iz_table_nrows(m->risk);
	const struct iz_table *t = m->risk;

	m->rows = iz_xcalloc(n ? n : 1, sizeof(*m->rows));
	for (i = 0; i < n; i++) {
		struct rrow *w = &m->rows[m->nrows];
		char *key;
		double rank;

		w->sp = rp_text(t, i, "spearhead");
		w->stage = rp_text(t, i, "life_stage");
		w->hh = rp_text(t, i, "household_type");
		w->ind = rp_text(t, i, "indicator");
		w->cat = rp_text(t, i, "category");
		w->period = rp_text(t, i, "period");
		w->verdict = rp_text(t, i, "verdict");
		w->value = rp_number(t, i, "value");
		w->lo = rp_number(t, i, "ci_low");
		w->hi = rp_number(t, i, "ci_high");
		w->nl = rp_number(t, i, "nl");
		w->pmed = rp_number(t, i, "peer_median");
		w->p25 = rp_number(t, i, "peer_p25");
		w->p75 = rp_number(t, i, "peer_p75");
		w->z = rp_number(t, i, "z");
		w->slope = rp_number(t, i, "trend_slope");
		w->approx = *rp_text(t, i, "approximate") != '\0';
		w->flag = *rp_text(t, i, "trend_flag") != '\0';
		rank = rp_number(t, i, "risk_rank");
		w->rank = isfinite(rank) ? (long)rank : 0;
		key = iz_xasprintf("%s\x1f%s", w->ind, w->cat);
		w->m = iz_strmap_get(m->meta, key);
		w->dataset = obs_dataset(m, key, w->period);
		free(key);
		if (w->m && isfinite(w->value))
			m->nrows++;
	}
}

static int gather_risk(struct model *m, struct rp *r, struct iz_error *err)
{
	struct iz_risk_opts ro = IZ_RISK_OPTS_INIT;
	struct iz_peers_opts po = IZ_PEERS_OPTS_INIT;
	struct iz_error e2 = IZ_ERROR_INIT;
	size_t i, len = 0;

	ro.region = r->o->region;
	ro.k = r->o->peers;
	if (!m->nobs)
		return 0; /* no open data for the region: no profile */
	if (iz_risk_profile(&m->risk, r->st, &ro, &e2) < 0) {
		/* a store that cannot answer fails the report; a profile
		 * that cannot be made (no peer features, no value) is a
		 * note and the report goes on without it */
		if (e2.code == IZ_ESTORE) {
			*err = e2;
			return -1;
		}
		json_array_append_new(r->notes, json_string(e2.msg));
		return 0;
	}
	risk_rows(m);
	po.region = r->o->region;
	if (r->o->peers)
		po.k = r->o->peers;
	if (iz_risk_peer_codes(&m->peers, &m->npeers, NULL, r->st, &po,
			       &e2) < 0)
		return 0; /* risk noted why; the report names no peers */
	m->peer_names = iz_xstrdup("");
	for (i = 0; i < m->npeers; i++) {
		char *name = NULL;
		const char *names[] = { "code" };
		const char *values[] = { m->peers[i] };
		char *next;

		iz_store_each(r->st, "SELECT coalesce(name, code) FROM region "
				     "WHERE code = :code",
			      names, values, 1, take_name, &name, NULL);
		next = iz_xasprintf("%s%s%s", m->peer_names, len ? ", " : "",
				    name ? name : m->peers[i]);
		len++;
		free(name);
		free(m->peer_names);
		m->peer_names = next;
	}
	return 0;
}

/* ---- poverty x health, wijken ---- */

static const char *const poverty_ids[] = {
	"personen_in_armoede_pct", "huishoudens_laag_inkomen_pct",
	"personen_laag_inkomen_pct", "huishoudens_laagste_40pct_inkomen_pct",
	"moeite_met_rondkomen_pct", "personen_bijstand",
};
static const char *const health_ids[] = {
	"ervaren_gezondheid_goed_pct", "langdurig_beperkt_pct",
	"risico_angst_depressie_pct", "langdurige_aandoeningen_pct",
	"lage_veerkracht_pct", "eenzaam_pct",
};
#define NPOV (sizeof(poverty_ids) / sizeof(poverty_ids[0]))
#define NHEALTH (sizeof(health_ids) / sizeof(health_ids[0]))

static bool has_series(const struct model *m, const char *code)
{
	return iz_strmap_get(m->codes, code) != NULL;
}

/* The preferred ids the store has, then the other percentages of the
 * spearhead (catalog order of datasets), into out; their number. */
static size_t candidates(const char **out, const struct model *m,
			 const char *const *pref, size_t npref,
			 char *const *more, size_t nmore)
{
	size_t i, j, n = 0;

	for (i = 0; i < npref && n < 2 * CANDIDATES; i++)
		if (has_series(m, pref[i]))
			out[n++] = pref[i];
	for (i = 0; i < nmore && n < 2 * CANDIDATES; i++) {
		for (j = 0; j < n && strcmp(out[j], more[i]) != 0; j++)
			;
		if (j == n)
			out[n++] = more[i];
	}
	return n;
}

/* The first poverty x health pair that correlates at the level k (0:
 * gemeenten, highlighting the region; 1: its wijken). */
/* The poverty and the health candidates, in order. */
struct pairs {
	const char *x[2 * CANDIDATES], *y[2 * CANDIDATES];
	size_t nx, ny;
};

static void pairs_of(struct pairs *p, const struct model *m)
{
	p->nx = candidates(p->x, m, poverty_ids, NPOV, m->pov, m->npov);
	p->ny = candidates(p->y, m, health_ids, NHEALTH, m->health,
			   m->nhealth);
}

static void gather_correlate(struct model *m, struct rp *r,
			     const struct pairs *p)
{
	const char *const *x = p->x, *const *y = p->y;
	size_t nx = p->nx, ny = p->ny, i, j, k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < nx && !m->corr[k]; i++)
			for (j = 0; j < ny && !m->corr[k]; j++) {
				struct iz_correlate_opts co =
					IZ_CORRELATE_OPTS_INIT;

				co.x = x[i];
				co.y = y[j];
				co.level = k ? IZ_LEVEL_WIJK :
					       IZ_LEVEL_GEMEENTE;
				co.within = k ? r->o->region : NULL;
				co.highlight = k ? NULL : r->o->region;
				if (iz_compare_correlate(&m->corr[k], r->st,
							 &co, NULL) == 0) {
					m->corr_x[k] = x[i];
					m->corr_y[k] = y[j];
				}
			}
}

static void gather_wijken(struct model *m, struct rp *r,
			  const struct pairs *p)
{
	const char *const *x = p->x, *const *y = p->y;
	size_t nx = p->nx, ny = p->ny, i, j;

	for (i = 0; i < nx && !m->wijken; i++)
		for (j = 0; j < ny && !m->wijken; j++) {
			struct iz_wijken_opts wo = IZ_WIJKEN_OPTS_INIT;

			wo.indicators[0] = x[i];
			wo.indicators[1] = y[j];
			wo.n = 2;
			wo.within = r->o->region;
			if (iz_compare_wijken(&m->wijken, r->st, &wo, NULL) ==
			    0) {
				m->wk_x = x[i];
				m->wk_y = y[j];
			}
		}
}

static void model_release(struct model *m)
{
	size_t i;

	for (i = 0; i < m->nobs; i++) {
		free(m->obs[i].key);
		free(m->obs[i].period);
		free(m->obs[i].dataset);
	}
	free(m->obs);
	iz_strmap_free(m->codes, NULL);
	for (i = 0; i < m->npov; i++)
		free(m->pov[i]);
	for (i = 0; i < m->nhealth; i++)
		free(m->health[i]);
	iz_strmap_free(m->meta, meta_free);
	iz_table_free(m->risk);
	free(m->rows);
	iz_risk_codes_free(m->peers, m->npeers);
	free(m->peer_names);
	iz_table_free(m->corr[0]);
	iz_table_free(m->corr[1]);
	iz_table_free(m->wijken);
}

/* ---- words ---- */

static const char *title_of(const struct model *m, const char *code)
{
	const struct meta *x = iz_strmap_get(m->codes, code);

	return x ? x->title : code;
}

static int verdict_index(const char *v)
{
	if (strcmp(v, "better") == 0)
		return 1;
	if (strcmp(v, "similar") == 0)
		return 2;
	if (strcmp(v, "worse") == 0)
		return 3;
	return 0;
}

/* "title" or "title, group words" (+ approximate) into a new string. */
static char *row_label(const struct rp *r, const struct rrow *w,
		       bool with_stage)
{
	const char *stage = iz_report_stage_word(r->tx, w->stage);
	const char *hh = iz_report_hh_word(r->tx, w->hh);

	return iz_xasprintf("%s%s%s%s%s%s%s", w->m->title,
			    with_stage && stage ? ", " : "",
			    with_stage && stage ? stage : "",
			    hh ? ", " : "", hh ? hh : "",
			    w->approx ? " " : "",
			    w->approx ? r->tx->approximate : "");
}

static int row_decimals(const struct rrow *w)
{
	if (w->m->decimals >= 0)
		return w->m->decimals;
	return fabs(w->value - round(w->value)) < 1e-9 && fabs(w->value) >= 100
		       ? 0 : 1;
}

static bool is_main(const struct rrow *w)
{
	return (!*w->stage || strcmp(w->stage, "totaal") == 0) &&
	       (!*w->hh || strcmp(w->hh, "totaal") == 0);
}

static bool is_pct(const struct rrow *w)
{
	return strcmp(w->m->unit, "%") == 0;
}

/* A rate (percentage, per 1 000) compares across gemeenten of any size;
 * a count (aantal, x 1 000) mostly says how big a gemeente is. */
static bool is_rate(const struct rrow *w)
{
	return strchr(w->m->unit, '%') || strstr(w->m->unit, "per ");
}

/* ---- the document ---- */

static const char css[] =
	"body{font-family:sans-serif;max-width:760px;margin:0 auto;"
	"padding:1em;color:#222;line-height:1.45}"
	"h1{font-size:1.6em}h2{border-bottom:2px solid #0072B2;"
	"padding-bottom:.2em;margin-top:2em}"
	"figure{margin:1em 0}figcaption{font-size:.9em;color:#444}"
	"svg{max-width:100%;height:auto}"
	"table.data{border-collapse:collapse;margin:1em 0;font-size:.9em}"
	"table.data caption{text-align:left;font-weight:bold;"
	"padding:.3em 0}"
	"table.data th,table.data td{border-bottom:1px solid #ccc;"
	"padding:.2em .5em;text-align:left;vertical-align:top}"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}"
	"td.sup{color:#777}.worse{color:#B8420F;font-weight:bold}"
	".note{font-size:.85em;color:#555}nav ol{columns:2}"
	"@media print{@page{size:A4;margin:15mm}body{max-width:none}"
	"section{break-before:page;page-break-before:always}"
	"figure,table{break-inside:avoid;page-break-inside:avoid}"
	"nav{display:none}}";

static void head(struct rp *r)
{
	char *title = RP_FMT(r->tx->doc_title, r->name);

	fprintf(r->f,
		"<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
		"lang=\"%s\" xml:lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\"/>\n"
		"<meta http-equiv=\"Content-Security-Policy\" "
		"content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n"
		"<meta name=\"generator\" content=\"inzicht %s\"/>\n<title>",
		r->tx->lang, r->tx->lang, iz_report_version);
	iz_svg_escape(r->f, title);
	fprintf(r->f, "</title>\n<style>%s</style>\n</head>\n<body>\n"
		      "<header>\n<h1>", css);
	iz_svg_escape(r->f, title);
	fputs("</h1>\n<p>", r->f);
	iz_svg_escape(r->f, r->tx->doc_subtitle);
	fputs("</p>\n", r->f);
	free(title);
}

static void date_text(const struct rp *r, char *buf, size_t n)
{
	time_t t = r->o->generated_at >= 0 ? (time_t)r->o->generated_at :
					     time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d", &tm);
}

struct toc_item {
	const char *id, *title;
};

static void header_end(struct rp *r, const struct toc_item *toc, size_t n)
{
	char date[32];
	size_t i;

	date_text(r, date, sizeof(date));
	fputs("<p class=\"note\">", r->f);
	RP_SAY(r, r->tx->generated, date, iz_report_version);
	fputs("</p>\n</header>\n<nav>\n<h2>", r->f);
	iz_svg_escape(r->f, r->tx->toc);
	fputs("</h2>\n<ol>\n", r->f);
	for (i = 0; i < n; i++) {
		fprintf(r->f, "<li><a href=\"#%s\">", toc[i].id);
		iz_svg_escape(r->f, toc[i].title);
		fputs("</a></li>\n", r->f);
	}
	fputs("</ol>\n</nav>\n", r->f);
}

/* ---- 1. samenvatting ---- */

static void key_figure(struct rp *r, const struct model *m,
		       const struct rrow *w)
{
	char v[64], nl[64];
	const char *period = w->period;
	char year[5];

	snprintf(year, sizeof(year), "%.4s", period);
	rp_num(r, v, w->value, row_decimals(w), w->m->unit);
	fputs("<li>", r->f);
	if (isfinite(w->nl)) {
		rp_num(r, nl, w->nl, row_decimals(w), w->m->unit);
		RP_SAY(r, r->tx->sum_key, w->m->title, v, r->name, year, nl);
	} else {
		RP_SAY(r, r->tx->sum_key_no_nl, w->m->title, v, r->name, year);
	}
	fputs(" ", r->f);
	iz_svg_escape(r->f,
		      r->tx->verdict_sentence[verdict_index(w->verdict)]);
	fputs("</li>\n", r->f);
	(void)m;
}

static bool has_spearhead(const struct model *m, enum iz_sp sp)
{
	size_t i;

	for (i = 0; i < m->nrows; i++)
		if (iz_report_sp(m->rows[i].sp) == sp)
			return true;
	return false;
}

/* What the store lacks for the other sections, in one list. */
static void missing(struct rp *r, const struct model *m)
{
	const char *lines[IZ_SP_CONTEXT + 3];
	size_t n = 0, sp, i;

	for (sp = 0; sp < IZ_SP_CONTEXT; sp++)
		if (!has_spearhead(m, (enum iz_sp)sp))
			lines[n++] = r->tx->sp_none[sp];
	if (!m->corr[0] && !m->corr[1])
		lines[n++] = r->tx->ph_none;
	if (!m->wijken || !iz_table_nrows(m->wijken))
		lines[n++] = r->tx->wk_none;
	if (!r->have_rec)
		lines[n++] = r->rec_note ? r->rec_note : r->tx->sc_none;
	if (!n)
		return;
	rp_para(r, r->tx->missing_intro);
	fputs("<ul class=\"note\">\n", r->f);
	for (i = 0; i < n; i++)
		rp_item(r, lines[i]);
	fputs("</ul>\n", r->f);
}

static void summary(struct rp *r, const struct model *m)
{
	size_t i, k, shown;
	long rank;
	char *rec;

	rp_section_open(r, "samenvatting", r->tx->sec_summary);
	if (m->peer_names) {
		fputs("<p>", r->f);
		RP_SAY(r, r->tx->sum_intro, r->name, m->peer_names);
		fputs("</p>\n", r->f);
	}
	if (m->nrows) {
		fputs("<ul>\n", r->f);
		for (k = 0; k < IZ_SP_CONTEXT; k++)
			for (i = 0, shown = 0; i < m->nrows && shown < 2; i++) {
				const struct rrow *w = &m->rows[i];

				if (iz_report_sp(w->sp) != k || !is_main(w) ||
				    !is_pct(w))
					continue;
				key_figure(r, m, w);
				shown++;
			}
		fputs("</ul>\n", r->f);
		rp_para(r, r->tx->sum_risk_intro);
		fputs("<ol>\n", r->f);
		for (rank = 1, shown = 0; rank <= IZ_RISK_TOP; rank++)
			for (i = 0; i < m->nrows; i++) {
				const struct rrow *w = &m->rows[i];
				char v[64], nl[64], *label;

				if (w->rank != rank || !is_rate(w))
					continue;
				label = row_label(r, w, true);
				rp_num(r, v, w->value, row_decimals(w),
				       w->m->unit);
				rp_num(r, nl, w->nl, row_decimals(w),
				       w->m->unit);
				fputs("<li>", r->f);
				RP_SAY(r, r->tx->sum_risk_item, label, "", v,
				       nl);
				fputs("</li>\n", r->f);
				free(label);
				shown++;
			}
		fputs("</ol>\n", r->f);
		if (!shown)
			rp_para(r, r->tx->sum_risk_none);
	}
	rec = rp_records_summary(r);
	if (rec) {
		rp_para(r, rec);
		free(rec);
	}
	missing(r, m);
	rp_section_close(r);
}

/* ---- 2. spearheads ---- */

static enum iz_svg_verdict svg_verdict(const char *v)
{
	static const enum iz_svg_verdict map[] = {
		IZ_SVG_NEUTRAL, IZ_SVG_BETTER, IZ_SVG_SIMILAR, IZ_SVG_WORSE
	};

	return map[verdict_index(v)];
}

static bool same_stage(const struct rrow *w, const char *stage)
{
	const char *s = strcmp(w->stage, "totaal") == 0 ? "" : w->stage;

	return strcmp(s, stage) == 0;
}

static bool in_dotplot(const struct rrow *w, enum iz_sp sp, const char *stage)
{
	return iz_report_sp(w->sp) == sp && same_stage(w, stage) && is_pct(w);
}

/* The dot-plot rows of sp and stage into dr (labels new); their number. */
static size_t dot_rows(struct iz_svg_dot_row *dr, char **labels,
		       size_t *worse, size_t *better, const struct rp *r,
		       const struct model *m, enum iz_sp sp, const char *stage)
{
	size_t i, n = 0;

	*worse = *better = 0;
	for (i = 0; i < m->nrows; i++) {
		const struct rrow *w = &m->rows[i];

		if (!in_dotplot(w, sp, stage))
			continue;
		labels[n] = row_label(r, w, false);
		dr[n] = (struct iz_svg_dot_row){
			.label = labels[n], .value = w->value, .lo = w->lo,
			.hi = w->hi, .ref = w->nl, .band_lo = w->p25,
			.band_hi = w->p75, .verdict = svg_verdict(w->verdict)
		};
		*worse += strcmp(w->verdict, "worse") == 0;
		*better += strcmp(w->verdict, "better") == 0;
		n++;
	}
	return n;
}

static void dotplot(struct rp *r, const struct model *m, enum iz_sp sp,
		    const char *stage)
{
	struct iz_svg_dot_row *dr = iz_xcalloc(m->nrows, sizeof(*dr));
	char **labels = iz_xcalloc(m->nrows, sizeof(*labels));
	const char *stage_word = iz_report_stage_word(r->tx, stage);
	size_t i, n, worse, better;
	char id[16], nb[16], wb[16], bb[16], *title, *desc;
	struct iz_svg_dot_legend lg = { .value = r->name,
					.ref = r->tx->legend_ref,
					.band = r->tx->legend_band };
	struct iz_svg_frame fr;
	json_t *fig;

	n = dot_rows(dr, labels, &worse, &better, r, m, sp, stage);
	if (n) {
		title = RP_FMT(r->tx->sp_dot_title, r->tx->sp_name[sp],
			       stage_word ? stage_word : r->tx->all_ages);
		snprintf(nb, sizeof(nb), "%zu", n);
		snprintf(wb, sizeof(wb), "%zu", worse);
		snprintf(bb, sizeof(bb), "%zu", better);
		desc = RP_FMT(r->tx->sp_dot_desc, nb, wb, bb, r->name);
		fig = rp_figure(r, id, iz_sp_codes[sp], title, "chart");
		for (i = 0; i < m->nrows; i++)
			if (in_dotplot(&m->rows[i], sp, stage))
				rp_figure_source(r, fig, m->rows[i].dataset,
						 m->rows[i].period);
		fr = (struct iz_svg_frame){ .id = id, .title = title,
					    .desc = desc, .unit = "%",
					    .lang = r->o->lang };
		rp_figure_open(r, id);
		iz_svg_dotplot(r->f, &fr, &lg, dr, n);
		rp_figure_close(r, desc);
		free(title);
		free(desc);
	}
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(dr);
}

/* The rows of sp not in a dot plot, as a table. */
static void other_rows(struct rp *r, const struct model *m, enum iz_sp sp)
{
	size_t i, n = 0;
	char id[16];
	json_t *fig = NULL;

	for (i = 0; i < m->nrows; i++) {
		const struct rrow *w = &m->rows[i];
		char v[64], nl[64], pm[64], *label;

		if (iz_report_sp(w->sp) != sp || is_pct(w))
			continue;
		if (!n++) {
			fig = rp_figure(r, id, iz_sp_codes[sp],
					r->tx->sp_other_caption, "table");
			fprintf(r->f, "<table class=\"data\" id=\"%s\">\n"
				      "<caption>", id);
			iz_svg_escape(r->f, r->tx->sp_other_caption);
			fputs("</caption>\n", r->f);
			rp_head_row(r, (const char *const[]){
					       r->tx->col_indicator,
					       r->tx->col_period,
					       r->tx->col_value, r->tx->col_nl,
					       r->tx->col_peers,
					       r->tx->col_verdict },
				    6);
			fputs("<tbody>\n", r->f);
		}
		rp_figure_source(r, fig, w->dataset, w->period);
		label = row_label(r, w, true);
		rp_num(r, v, w->value, row_decimals(w), w->m->unit);
		rp_num(r, nl, w->nl, row_decimals(w), w->m->unit);
		rp_num(r, pm, w->pmed, row_decimals(w), w->m->unit);
		fputs("<tr><td>", r->f);
		iz_svg_escape(r->f, label);
		fprintf(r->f, "</td><td>%.4s</td><td class=\"num\">", w->period);
		iz_svg_escape(r->f, v);
		fputs("</td><td class=\"num\">", r->f);
		iz_svg_escape(r->f, isfinite(w->nl) ? nl : "");
		fputs("</td><td class=\"num\">", r->f);
		iz_svg_escape(r->f, isfinite(w->pmed) ? pm : "");
		fprintf(r->f, "</td><td%s>",
			strcmp(w->verdict, "worse") == 0 ? " class=\"worse\"" :
							   "");
		iz_svg_escape(r->f,
			      r->tx->verdict_word[verdict_index(w->verdict)]);
		fputs("</td></tr>\n", r->f);
		free(label);
	}
	if (n)
		fputs("</tbody>\n</table>\n", r->f);
}

/* Year of a CBS period code as a number: 2024JJ00 -> 2024, 2024MM07 ->
 * 2024.5, 2024KW03 -> 2024.5. */
static double period_x(const char *p)
{
	double y = strtod(p, NULL), k = strlen(p) >= 8 ? strtod(p + 6, NULL) : 0;

	if (strncmp(p + 4, "MM", 2) == 0 && k >= 1)
		return y + (k - 1) / 12.0;
	if (strncmp(p + 4, "KW", 2) == 0 && k >= 1)
		return y + (k - 1) / 4.0;
	return y;
}

#define TREND_PANELS 9

/* The region's values of w's series over the periods, one per period, in
 * new arrays *xs, *ys; their number. */
static size_t series_of(double **xs, double **ys, const struct model *m,
			const struct rrow *w)
{
	char *key = iz_xasprintf("%s\x1f%s", w->ind, w->cat);
	size_t j, k = 0;

	*xs = iz_xcalloc(m->nobs + 1, sizeof(double));
	*ys = iz_xcalloc(m->nobs + 1, sizeof(double));
	for (j = 0; j < m->nobs; j++) {
		double x = period_x(m->obs[j].period);

		if (strcmp(m->obs[j].key, key) != 0 ||
		    (k && x == (*xs)[k - 1]))
			continue;
		(*xs)[k] = x;
		(*ys)[k++] = m->obs[j].value;
	}
	free(key);
	return k;
}

static void trends(struct rp *r, const struct model *m, enum iz_sp sp)
{
	struct iz_svg_series s[TREND_PANELS];
	double *xs[TREND_PANELS], *ys[TREND_PANELS];
	char *labels[TREND_PANELS];
	size_t i, n = 0, flagged = 0, pass;
	char id[16], nb[16], fb[16], *title, *desc;
	struct iz_svg_frame fr;
	json_t *fig;

	/* flagged series first, then the others with a trend */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < m->nrows && n < TREND_PANELS; i++) {
			const struct rrow *w = &m->rows[i];
			size_t k;

			if (iz_report_sp(w->sp) != sp || !isfinite(w->slope) ||
			    w->flag != (pass == 0))
				continue;
			k = series_of(&xs[n], &ys[n], m, w);
			labels[n] = row_label(r, w, true);
			s[n] = (struct iz_svg_series){ .label = labels[n],
						       .x = xs[n], .y = ys[n],
						       .n = k,
						       .flagged = w->flag };
			flagged += w->flag;
			n++;
		}
	if (!n)
		return;
	title = RP_FMT(r->tx->sp_trend_title, r->tx->sp_name[sp]);
	snprintf(nb, sizeof(nb), "%zu", n);
	snprintf(fb, sizeof(fb), "%zu", flagged);
	desc = RP_FMT(flagged ? r->tx->sp_trend_desc :
				r->tx->sp_trend_desc_none,
		      nb, fb);
	fig = rp_figure(r, id, iz_sp_codes[sp], title, "chart");
	for (i = 0; i < m->nrows; i++)
		if (iz_report_sp(m->rows[i].sp) == sp &&
		    isfinite(m->rows[i].slope))
			rp_figure_source(r, fig, m->rows[i].dataset, NULL);
	fr = (struct iz_svg_frame){ .id = id, .title = title, .desc = desc,
				    .unit = NULL, .lang = r->o->lang };
	rp_figure_open(r, id);
	iz_svg_small_multiples(r->f, &fr, s, n, 3);
	rp_figure_close(r, desc);
	free(title);
	free(desc);
	for (i = 0; i < n; i++) {
		free(xs[i]);
		free(ys[i]);
		free(labels[i]);
	}
}

static void spearhead(struct rp *r, const struct model *m, enum iz_sp sp)
{
	size_t i;

	rp_section_open(r, iz_sp_codes[sp], r->tx->sp_name[sp]);
	rp_para(r, r->tx->sp_intro[sp]);
	for (i = 0; i < IZ_REPORT_NSTAGES; i++)
		dotplot(r, m, sp, iz_report_stage_codes[i]);
	other_rows(r, m, sp);
	trends(r, m, sp);
	rp_section_close(r);
}

/* ---- 3. armoede x gezondheid ---- */

/* The statistics of a correlate table, the numbers formatted. */
struct cstats {
	double slope, intercept;
	char r[64], lo[64], hi[64], rho[64], r2[64], n[64];
};

static void corr_stats(struct cstats *cs, const struct rp *r,
		       const struct iz_table *t)
{
	static const char *const keys[] = { "pearson_r",      "pearson_ci_low",
					    "pearson_ci_high", "spearman_rho",
					    "r2",	      "n" };
	char *out[] = { cs->r, cs->lo, cs->hi, cs->rho, cs->r2, cs->n };
	size_t i, k;

	cs->slope = cs->intercept = NAN;
	for (k = 0; k < 6; k++)
		snprintf(out[k], 64, ".");
	for (i = 0; i < iz_table_nstats(t); i++) {
		const char *key, *txt;
		double v;

		iz_table_stat(t, i, &key, &v, &txt);
		if (txt)
			continue;
		if (strcmp(key, "slope") == 0)
			cs->slope = v;
		else if (strcmp(key, "intercept") == 0)
			cs->intercept = v;
		for (k = 0; k < 6; k++)
			if (strcmp(key, keys[k]) == 0)
				rp_num(r, out[k], v, k == 5 ? 0 : 2, NULL);
	}
}

static void scatter(struct rp *r, const struct model *m, size_t k)
{
	const struct iz_table *t = m->corr[k];
	size_t i, n = iz_table_nrows(t), np = 0;
	struct iz_svg_point *pts = iz_xcalloc(n ? n : 1, sizeof(*pts));
	const char *xt = title_of(m, m->corr_x[k]);
	const char *yt = title_of(m, m->corr_y[k]);
	char id[16], *title, *desc, *stats;
	struct cstats cs;
	struct iz_svg_frame fr;
	json_t *fig;

	corr_stats(&cs, r, t);
	for (i = 0; i < n; i++) {
		double x = rp_number(t, i, "x"), y = rp_number(t, i, "y");

		if (!isfinite(x) || !isfinite(y))
			continue;
		pts[np++] = (struct iz_svg_point){
			.label = strcmp(rp_text(t, i, "region"),
					r->o->region) == 0 ? r->name :
							     rp_text(t, i,
								     "name"),
			.x = x, .y = y,
			.highlight = strcmp(rp_text(t, i, "region"),
					    r->o->region) == 0
		};
	}
	title = RP_FMT(r->tx->ph_title, xt, yt,
		       k ? r->tx->level_wijken : r->tx->level_gemeenten);
	desc = RP_FMT(k ? r->tx->ph_desc_within : r->tx->ph_desc, cs.n, cs.r,
		      r->name);
	stats = RP_FMT(r->tx->ph_stats, cs.r, cs.lo, cs.hi, cs.n, cs.rho,
		       cs.r2);
	fig = rp_figure(r, id, "armoede_gezondheid", title, "chart");
	rp_figure_source(r, fig, NULL, rp_text(t, 0, "period"));
	for (i = 0; i < m->nrows; i++)
		if (strcmp(m->rows[i].ind, m->corr_x[k]) == 0 ||
		    strcmp(m->rows[i].ind, m->corr_y[k]) == 0)
			rp_figure_source(r, fig, m->rows[i].dataset, NULL);
	fr = (struct iz_svg_frame){ .id = id, .title = title, .desc = desc,
				    .unit = NULL, .lang = r->o->lang };
	rp_figure_open(r, id);
	iz_svg_scatter(r->f, &fr, xt, yt, pts, np, cs.slope, cs.intercept);
	rp_figure_close(r, desc);
	rp_para(r, stats);
	free(title);
	free(desc);
	free(stats);
	free(pts);
}

/* The highlighted gemeente against the fit, in words. */
static void residual_words(struct rp *r, const struct model *m)
{
	const struct iz_table *t = m->corr[0];
	long row = -1;
	size_t i;
	double y, fit, stud;
	char v[64], f[64];
	int bad = 0;
	const struct meta *ym;

	for (i = 0; i < iz_table_nrows(t); i++)
		if (strcmp(rp_text(t, i, "region"), r->o->region) == 0)
			row = (long)i;
	if (row < 0)
		return;
	y = rp_number(t, (size_t)row, "y");
	fit = rp_number(t, (size_t)row, "fitted");
	stud = rp_number(t, (size_t)row, "studentized_residual");
	if (!isfinite(y) || !isfinite(fit))
		return;
	ym = iz_strmap_get(m->codes, m->corr_y[0]);
	rp_num(r, v, y, 1, ym ? ym->unit : NULL);
	rp_num(r, f, fit, 1, ym ? ym->unit : NULL);
	fputs("<p>", r->f);
	RP_SAY(r, r->tx->ph_residual, r->name, title_of(m, m->corr_y[0]), v,
	       f);
	fputs(" ", r->f);
	/* |studentized residual| >= 2: clearly off the line; whether
	 * that is better or worse depends on the polarity of y */
	if (isfinite(stud) && fabs(stud) >= 2 && ym && *ym->polarity &&
	    strcmp(ym->polarity, "neutral") != 0)
		bad = (stud < 0) ==
				      (strcmp(ym->polarity,
					      "higher_is_better") == 0) ?
			      2 :
			      1;
	iz_svg_escape(r->f, r->tx->ph_residual_verdict[bad]);
	fputs("</p>\n", r->f);
}

static void poverty_health(struct rp *r, const struct model *m)
{
	rp_section_open(r, "armoede_gezondheid", r->tx->sec_poverty_health);
	rp_para(r, r->tx->ph_intro);
	if (m->corr[0]) {
		scatter(r, m, 0);
		residual_words(r, m);
	}
	if (m->corr[1])
		scatter(r, m, 1);
	rp_section_close(r);
}

/* ---- 4. wijken ---- */

static void wijken(struct rp *r, const struct model *m)
{
	const struct iz_table *t = m->wijken;
	char *xc, *yc, *intro, *names = iz_xstrdup("");
	const char *cols[5] = { "rank", "name", NULL, NULL, "score" };
	const char *heads[5];
	char id[16];
	size_t i;
	json_t *fig;

	rp_section_open(r, "wijken", r->tx->sec_wijken);
	intro = RP_FMT(r->tx->wk_intro, title_of(m, m->wk_x),
		       title_of(m, m->wk_y));
	rp_para(r, intro);
	free(intro);
	for (i = 0; i < 3 && i < iz_table_nrows(t); i++) {
		char *next = iz_xasprintf("%s%s%s", names, i ? ", " : "",
					  rp_text(t, i, "name"));

		free(names);
		names = next;
	}
	fputs("<p>", r->f);
	RP_SAY(r, r->tx->wk_top, names);
	fputs("</p>\n", r->f);
	free(names);
	xc = iz_xstrdup(m->wk_x);
	yc = iz_xstrdup(m->wk_y);
	cols[2] = xc;
	cols[3] = yc;
	heads[0] = r->tx->col_rank;
	heads[1] = r->tx->col_wijk;
	heads[2] = title_of(m, m->wk_x);
	heads[3] = title_of(m, m->wk_y);
	heads[4] = r->tx->col_score;
	fig = rp_figure(r, id, "wijken", r->tx->sec_wijken, "table");
	for (i = 0; i < m->nrows; i++)
		if (strcmp(m->rows[i].ind, m->wk_x) == 0 ||
		    strcmp(m->rows[i].ind, m->wk_y) == 0)
			rp_figure_source(r, fig, m->rows[i].dataset, NULL);
	rp_table(r, r->tx->sec_wijken, t, cols, heads, 5, NULL, NULL, 15);
	free(xc);
	free(yc);
	rp_section_close(r);
}

/* ---- 6. gespreksvragen ---- */

/* The worst row of sp (at-risk rank first, then "worse"), or NULL. */
static const struct rrow *worst(const struct model *m, enum iz_sp sp)
{
	const struct rrow *best = NULL;
	size_t i;

	for (i = 0; i < m->nrows; i++) {
		const struct rrow *w = &m->rows[i];

		if (iz_report_sp(w->sp) != sp || !is_rate(w) ||
		    strcmp(w->verdict, "worse") != 0)
			continue;
		if (!best || (w->rank && (!best->rank || w->rank < best->rank)))
			best = w;
	}
	return best;
}

/* Life stages with a worse row in sp, in words, or NULL (new string). */
static char *worse_stages(const struct rp *r, const struct model *m,
			  enum iz_sp sp)
{
	char *out = NULL;
	size_t i, k;

	for (k = 0; k < IZ_REPORT_NSTAGES; k++) {
		const char *code = iz_report_stage_codes[k];
		const char *word = iz_report_stage_word(r->tx, code);

		if (!word)
			continue;
		for (i = 0; i < m->nrows; i++) {
			const struct rrow *w = &m->rows[i];

			if (iz_report_sp(w->sp) == sp && same_stage(w, code) &&
			    strcmp(w->verdict, "worse") == 0) {
				char *next = iz_xasprintf("%s%s%s",
							  out ? out : "",
							  out ? ", " : "",
							  word);
				free(out);
				out = next;
				break;
			}
		}
	}
	return out;
}

/* A question with what the data say (tmpl with {1}) under it. */
static void question(struct rp *r, const char *q, const char *tmpl,
		     const char *highlight)
{
	fputs("<li>", r->f);
	iz_svg_escape(r->f, q);
	if (highlight && *highlight) {
		fputs("<br/><span class=\"note\">", r->f);
		RP_SAY(r, tmpl, highlight);
		fputs("</span>", r->f);
	}
	fputs("</li>\n", r->f);
}

static void questions(struct rp *r, const struct model *m)
{
	size_t sp;

	rp_section_open(r, "gespreksvragen", r->tx->sec_questions);
	rp_para(r, r->tx->q_intro);
	for (sp = 0; sp < IZ_SP_CONTEXT; sp++) {
		const struct rrow *w = worst(m, (enum iz_sp)sp);
		char *stages = worse_stages(r, m, (enum iz_sp)sp);
		char *hl = NULL, v[64], nl[64], *schemes, *linked, *partners;

		if (w) {
			char *label = row_label(r, w, true);

			rp_num(r, v, w->value, row_decimals(w), w->m->unit);
			rp_num(r, nl, w->nl, row_decimals(w), w->m->unit);
			hl = RP_FMT(r->tx->sum_risk_item, label, "", v, nl);
			free(label);
		}
		fputs("<h3>", r->f);
		iz_svg_escape(r->f, r->tx->sp_name[sp]);
		fputs("</h3>\n<ol>\n", r->f);
		schemes = rp_records_schemes_of(r, iz_sp_codes[sp]);
		linked = rp_records_linked(r);
		partners = sp == IZ_SP_FINANCIEEL ? rp_records_signals(r) :
						    NULL;
		question(r, r->tx->q_common[0], r->tx->q_highlight, schemes);
		question(r, r->tx->q_common[1], r->tx->q_highlight,
			 hl ? hl : r->tx->q_no_highlight);
		question(r, r->tx->q_common[2], r->tx->q_highlight, linked);
		question(r, r->tx->q_common[3], r->tx->q_highlight, stages);
		question(r, r->tx->q_common[4], r->tx->q_suggest,
			 r->tx->q_partners[sp]);
		if (partners) {
			fputs("<li class=\"note\">", r->f);
			RP_SAY(r, r->tx->q_highlight, partners);
			fputs("</li>\n", r->f);
		}
		free(schemes);
		free(linked);
		free(partners);
		fputs("</ol>\n", r->f);
		free(hl);
		free(stages);
	}
	rp_section_close(r);
}

/* ---- 7. bronnen ---- */

static int source_row(void *ctx, const struct iz_row *row,
		      struct iz_error *err)
{
	static const char *const keys[] = { "id",	  "table",
					    "title",	  "modified",
					    "fetched_at", "rows",
					    "catalog" };
	struct rp *r = ctx;
	json_t *d;
	int c;

	(void)err;
	if (!json_object_get(r->used, iz_row_text(row, 0)))
		return 0;
	d = json_object();
	fputs("<tr>", r->f);
	for (c = 0; c < 7; c++) {
		const char *v = iz_row_text(row, c);

		if (c == 5)
			json_object_set_new(d, keys[c],
					    json_integer(iz_row_int(row, c)));
		else
			json_object_set_new(d, keys[c],
					    v ? json_string(v) : json_null());
		if (c == 6)
			break;
		fputs(c == 5 ? "<td class=\"num\">" : "<td>", r->f);
		iz_svg_escape(r->f, v ? v : "");
		fputs("</td>", r->f);
	}
	fputs("</tr>\n", r->f);
	json_array_append_new(r->datasets, d);
	return 0;
}

/* One line of the method list, also kept for the manifest when keep. */
static void method_line(struct rp *r, const char *line, bool keep)
{
	fputs("<li>", r->f);
	iz_svg_escape(r->f, line);
	fputs("</li>\n", r->f);
	if (keep)
		json_array_append_new(r->notes, json_string(line));
}

static void method_notes(struct rp *r, const struct model *m)
{
	size_t i, approx = 0, rivm = 0;
	char *line, nb[16];

	for (i = 0; i < m->nrows; i++) {
		approx += m->rows[i].approx;
		rivm += isfinite(m->rows[i].lo);
	}
	for (i = 0; i < sizeof(r->tx->src_methods) /
			    sizeof(r->tx->src_methods[0]);
	     i++)
		if (r->tx->src_methods[i])
			method_line(r, r->tx->src_methods[i], true);
	if (rivm)
		method_line(r, r->tx->src_rivm, true);
	if (approx) {
		snprintf(nb, sizeof(nb), "%zu", approx);
		line = RP_FMT(r->tx->src_approx, nb);
		method_line(r, line, true);
		free(line);
	}
	if (r->have_rec) {
		char mc[16], md[16];

		snprintf(mc, sizeof(mc), "%ld", r->o->min_cell);
		snprintf(md, sizeof(md), "%ld", r->o->min_denominator);
		line = RP_FMT(r->tx->src_disclosure, mc, md);
		method_line(r, line, false);
		free(line);
	}
}

static void sources(struct rp *r, const struct model *m, struct iz_error *err)
{
	char *line;

	rp_section_open(r, "bronnen", r->tx->sec_sources);
	rp_para(r, r->tx->src_intro);
	fputs("<table class=\"data\">\n", r->f);
	rp_head_row(r, (const char *const[]){ r->tx->col_dataset,
					      r->tx->col_table,
					      r->tx->col_title,
					      r->tx->col_modified,
					      r->tx->col_fetched,
					      r->tx->col_rows },
		    6);
	fputs("<tbody>\n", r->f);
	iz_store_each(r->st, "SELECT id, table_id, title, modified, "
			     "fetched_at, rows, catalog FROM dataset "
			     "ORDER BY id",
		      NULL, NULL, 0, source_row, r, err);
	fputs("</tbody>\n</table>\n<ul>\n", r->f);
	method_notes(r, m);
	line = RP_FMT(r->tx->src_version, iz_report_version,
		      r->o->store_label ? r->o->store_label : "");
	method_line(r, line, false);
	fputs("</ul>\n", r->f);
	free(line);
	rp_section_close(r);
}

/* ---- manifest ---- */

static int import_row(void *ctx, const struct iz_row *row,
		      struct iz_error *err)
{
	(void)err;
	json_array_append_new(
		ctx, json_pack("{s:s, s:s, s:s, s:s, s:I}", "kind",
			       iz_row_text(row, 0), "file", iz_row_text(row, 1),
			       "sha256", iz_row_text(row, 2), "at",
			       iz_row_text(row, 3), "rows",
			       (json_int_t)iz_row_int(row, 4)));
	return 0;
}

/* The records as a dataset of the manifest: each import with its file,
 * checksum and time (names of files, never their contents). */
static void records_dataset(struct rp *r)
{
	json_t *imports = json_array();

	if (!r->have_rec) {
		json_decref(imports);
		return;
	}
	iz_store_each(r->st, "SELECT kind, file, sha256, at, rows FROM "
			     "import_log ORDER BY id",
		      NULL, NULL, 0, import_row, imports, NULL);
	json_array_append_new(r->datasets,
			      json_pack("{s:s, s:s, s:o}", "id", "records",
					"title", r->tx->sec_schemes, "imports",
					imports));
}

/* Each figure's datasets with their table id, source Modified and
 * fetched_at from the datasets list, so that a figure's entry stands on
 * its own. */
static void figure_sources(struct rp *r)
{
	size_t i, j, k;

	for (i = 0; i < json_array_size(r->figures); i++) {
		json_t *fig = json_array_get(r->figures, i);
		json_t *ids = json_object_get(fig, "datasets");
		json_t *src = json_array();

		for (j = 0; j < json_array_size(ids); j++)
			for (k = 0; k < json_array_size(r->datasets); k++) {
				json_t *d = json_array_get(r->datasets, k);

				if (!json_equal(json_object_get(d, "id"),
						json_array_get(ids, j)))
					continue;
				json_array_append_new(
					src,
					json_pack("{s:O, s:O, s:O, s:O}",
						  "dataset",
						  json_array_get(ids, j),
						  "table",
						  json_object_get(d, "table"),
						  "modified",
						  json_object_get(d, "modified"),
						  "fetched_at",
						  json_object_get(d,
								  "fetched_at")));
			}
		json_object_set_new(fig, "sources", src);
	}
}

static int write_manifest(FILE *f, struct rp *r)
{
	char date[32];
	time_t t = r->o->generated_at >= 0 ? (time_t)r->o->generated_at :
					     time(NULL);
	struct tm tm;
	json_t *doc;
	int rc;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	records_dataset(r);
	figure_sources(r);
	doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:O, s:O, s:O}",
			"inzicht_version", iz_report_version, "generated_at",
			date, "region", r->o->region, "region_name", r->name,
			"lang", r->tx->lang, "datasets", r->datasets, "figures",
			r->figures, "method_notes", r->notes);
	json_object_set_new(
		doc, "disclosure",
		r->have_rec ?
			json_pack("{s:s, s:I, s:I, s:I}", "rule",
				  r->rule ? r->rule : "", "min_cell",
				  (json_int_t)r->o->min_cell,
				  "min_denominator",
				  (json_int_t)r->o->min_denominator,
				  "suppressed_cells",
				  (json_int_t)r->suppressed) :
			json_null());
	if (r->have_rec)
		json_object_set_new(doc, "records",
				    json_pack("{s:i, s:I}", "period",
					      r->rec_period, "households",
					      (json_int_t)r->rec_households));
	rc = json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', f);
	json_decref(doc);
	return rc;
}

/* ---- the whole ---- */

static int gather(struct model *m, struct rp *r, struct iz_error *err)
{
	struct pairs pairs;

	if (region_name(r, err) < 0 || load_store(m, r, err) < 0 ||
	    gather_risk(m, r, err) < 0)
		return -1;
	pairs_of(&pairs, m);
	gather_correlate(m, r, &pairs);
	gather_wijken(m, r, &pairs);
	if (rp_records_gather(r, err) < 0)
		return -1;
	if (!m->nrows && !r->have_rec)
		return iz_fail(err, IZ_EINPUT,
			       "nothing to report for %s: the store "
			       "has no indicator values for it and no "
			       "records (run 'inzicht fetch' or 'inzicht "
			       "import')",
			       r->o->region);
	return 0;
}

/* Sections appear as the store has data for them; the summary says what
 * is missing. */
static void document(struct rp *r, const struct model *m,
		     struct iz_error *err)
{
	struct toc_item toc[12];
	size_t n = 0, sp;
	bool ph = m->corr[0] || m->corr[1];
	bool wk = m->wijken && iz_table_nrows(m->wijken);

	toc[n++] = (struct toc_item){ "samenvatting", r->tx->sec_summary };
	for (sp = 0; sp < IZ_SP_CONTEXT; sp++)
		if (has_spearhead(m, (enum iz_sp)sp))
			toc[n++] = (struct toc_item){ iz_sp_codes[sp],
						      r->tx->sp_name[sp] };
	if (ph)
		toc[n++] = (struct toc_item){ "armoede_gezondheid",
					      r->tx->sec_poverty_health };
	if (wk)
		toc[n++] = (struct toc_item){ "wijken", r->tx->sec_wijken };
	if (r->have_rec)
		toc[n++] = (struct toc_item){ "regelingen",
					      r->tx->sec_schemes };
	toc[n++] = (struct toc_item){ "gespreksvragen",
				      r->tx->sec_questions };
	toc[n++] = (struct toc_item){ "bronnen", r->tx->sec_sources };
	head(r);
	header_end(r, toc, n);
	summary(r, m);
	for (sp = 0; sp < IZ_SP_CONTEXT; sp++)
		if (has_spearhead(m, (enum iz_sp)sp))
			spearhead(r, m, (enum iz_sp)sp);
	if (ph)
		poverty_health(r, m);
	if (wk)
		wijken(r, m);
	if (r->have_rec)
		rp_records_section(r);
	questions(r, m);
	sources(r, m, err);
	fputs("</body>\n</html>\n", r->f);
}

int iz_report_write(FILE *html, FILE *manifest, struct iz_store *st,
		    const struct iz_report_opts *o, struct iz_error *err)
{
	struct rp r = { .f = html, .st = st, .o = o,
			.tx = iz_report_text_get(o->lang) };
	struct model m = { 0 };
	int rc = -1;

	r.figures = json_array();
	r.used = json_object();
	r.notes = json_array();
	r.datasets = json_array();
	if (gather(&m, &r, err) == 0) {
		document(&r, &m, err);
		rc = 0;
		if (ferror(html) || fflush(html) != 0)
			rc = iz_fail(err, IZ_EINPUT,
				     "writing the HTML failed");
		else if (manifest && (write_manifest(manifest, &r) ||
				      ferror(manifest) ||
				      fflush(manifest) != 0))
			rc = iz_fail(err, IZ_EINPUT,
				     "writing the manifest failed");
	}
	model_release(&m);
	iz_report_records_release(&r.rec);
	free(r.name);
	free(r.rec_note);
	iz_strmap_free(r.scheme_names, free);
	iz_strmap_free(r.scheme_sp, free);
	for (size_t i = 0; i < r.nsets; i++)
		free(r.set_code[i]);
	json_decref(r.figures);
	json_decref(r.used);
	json_decref(r.notes);
	json_decref(r.datasets);
	return rc;
}
