/*
 * The Regelingen section of the report: uptake, stacking, combinations,
 * the outreach list and vroegsignalering, all from tables that passed
 * disclosure control. A number reaches the page only from a published
 * cell; every sentence that would need a suppressed one is left out.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_priv.h"

static void release_tables(struct iz_report_records *r)
{
	size_t i;

	for (i = 0; i < IZ_NREC; i++) {
		iz_table_free(r->t[i]);
		r->t[i] = NULL;
	}
}

void iz_report_records_release(struct iz_report_records *r)
{
	if (r)
		release_tables(r);
}

int iz_report_records(struct iz_report_records *out,
		      const struct iz_population *p,
		      const struct iz_analysis_opts *a, struct iz_error *err)
{
	struct iz_analysis_opts o = *a;
	int rc;

	memset(out, 0, sizeof(*out));
	o.by = IZ_BY_NONE;
	rc = iz_uptake(&out->t[IZ_REC_UPTAKE], p, &o, err);
	if (rc == 0)
		rc = iz_stacking_levels(&out->t[IZ_REC_STACKING], p, &o, err);
	if (rc == 0)
		rc = iz_stacking_combinations(&out->t[IZ_REC_COMBINATIONS], p,
					      &o, err);
	if (rc == 0)
		rc = iz_uptake_segments(&out->t[IZ_REC_SEGMENTS], p, &o, err);
	o.by = IZ_BY_LIFE_STAGE;
	if (rc == 0)
		rc = iz_uptake(&out->t[IZ_REC_UPTAKE_STAGE], p, &o, err);
	if (rc == 0)
		rc = iz_stacking_levels(&out->t[IZ_REC_STACKING_STAGE], p, &o,
					err);
	o.by = IZ_BY_PARTNER;
	if (rc == 0)
		rc = iz_signals(&out->t[IZ_REC_SIGNALS], p, &o, err);
	return rc;
}

/* ---- gathering ---- */

static int count_row(void *ctx, const struct iz_row *row,
		     struct iz_error *err)
{
	(void)err;
	*(long *)ctx = (long)iz_row_int(row, 0);
	return 0;
}

static int scheme_row(void *ctx, const struct iz_row *row,
		      struct iz_error *err)
{
	struct rp *r = ctx;

	(void)err;
	iz_strmap_put(r->scheme_names, iz_row_text(row, 0),
		      iz_xstrdup(iz_row_text(row, 1)));
	iz_strmap_put(r->scheme_sp, iz_row_text(row, 0),
		      iz_xstrdup(iz_row_text(row, 2) ? iz_row_text(row, 2) :
						      ""));
	return 0;
}

static size_t count_suppressed(const struct iz_table *t)
{
	size_t row, c, n = 0;

	for (row = 0; row < iz_table_nrows(t); row++)
		for (c = 0; c < iz_table_ncols(t); c++)
			n += iz_table_cell(t, row, c)->kind ==
			     IZ_CELL_SUPPRESSED;
	return n;
}

/* Households using each scheme in the period: the set sizes of the
 * UpSet chart; below the threshold they are withheld. */
static void set_sizes(struct rp *r, const struct iz_population *p)
{
	size_t i, s;

	r->nsets = p->schemes.n < IZ_SVG_UPSET_MAX_SETS ?
			   p->schemes.n :
			   IZ_SVG_UPSET_MAX_SETS;
	for (s = 0; s < r->nsets; s++) {
		r->set_code[s] = iz_xstrdup(p->schemes.items[s].code);
		r->set_size[s] = 0;
	}
	for (i = 0; i < p->n; i++)
		for (s = 0; s < r->nsets; s++)
			r->set_size[s] += (long)(p->hh[i].schemes >> s & 1);
	for (s = 0; s < r->nsets; s++)
		if (r->o->min_cell > 0 && r->set_size[s] > 0 &&
		    r->set_size[s] < r->o->min_cell) {
			r->set_size[s] = -1; /* withheld */
			r->suppressed++;
		}
}

/* Records without incomes: uptake against the open-data estimate of the
 * eligible households, as `uptake --denominator auto` does; kept when the
 * store has the shares. */
static void open_data_uptake(struct rp *r, const struct iz_population *p,
			     const struct iz_analysis_opts *a)
{
	struct iz_table *t = NULL;

	if (2 * p->income_unknown < p->n ||
	    iz_uptake_open_data(&t, p, r->st, a, NULL, NULL) < 0)
		return;
	iz_table_free(r->rec.t[IZ_REC_UPTAKE]);
	r->rec.t[IZ_REC_UPTAKE] = t;
	r->rec_open_data = true;
}

int rp_records_gather(struct rp *r, struct iz_error *err)
{
	const char *names[] = { "digits" };
	const char *values[] = { r->o->region + 2 };
	struct iz_analysis_opts a = IZ_ANALYSIS_OPTS_INIT;
	struct iz_population pop;
	struct iz_error e2 = IZ_ERROR_INIT;
	long n = 0, mine = 0;
	size_t i;

	r->scheme_names = iz_strmap_new();
	r->scheme_sp = iz_strmap_new();
	if (iz_store_each(r->st, "SELECT count(*) FROM household", NULL, NULL,
			  0, count_row, &n, err) < 0 ||
	    iz_store_each(r->st,
			  "SELECT count(*) FROM household WHERE "
			  "substr(region, 3, 4) = :digits",
			  names, values, 1, count_row, &mine, err) < 0 ||
	    iz_store_each(r->st, "SELECT code, name, spearhead FROM scheme", NULL, NULL,
			  0, scheme_row, r, err) < 0)
		return -1;
	if (!n) {
		r->rec_note = iz_xstrdup(r->tx->sc_none);
		return 0;
	}
	if (!mine) {
		r->rec_note = iz_xasprintf("%s (%s)", r->tx->sc_none,
					   r->o->region);
		return 0;
	}
	if (iz_population_load(&pop, r->st, NULL, r->o->period, 0, &e2) < 0) {
		if (r->o->period) {
			*err = e2;
			return -1;
		}
		r->rec_note = iz_xstrdup(e2.msg);
		return 0;
	}
	a.min_cell = r->o->min_cell;
	a.min_denominator = r->o->min_denominator;
	if (iz_report_records(&r->rec, &pop, &a, err) < 0) {
		iz_population_release(&pop);
		return -1;
	}
	open_data_uptake(r, &pop, &a);
	set_sizes(r, &pop);
	r->have_rec = true;
	r->rec_households = pop.n;
	r->rec_period = pop.period;
	iz_population_release(&pop);
	r->rule = iz_table_disclosure_rule(r->rec.t[IZ_REC_UPTAKE]);
	for (i = 0; i < IZ_NREC; i++)
		r->suppressed += count_suppressed(r->rec.t[i]);
	return 0;
}

/* ---- reading the tables ---- */

static bool suppressed(const struct iz_table *t, size_t row, const char *name)
{
	const struct iz_cell *c = rp_cell(t, row, name);

	return c && c->kind == IZ_CELL_SUPPRESSED;
}

static double stat(const struct iz_table *t, const char *want)
{
	size_t i;

	for (i = 0; i < iz_table_nstats(t); i++) {
		const char *key, *txt;
		double v;

		iz_table_stat(t, i, &key, &v, &txt);
		if (!txt && strcmp(key, want) == 0)
			return v;
	}
	return NAN;
}

static const char *scheme_name(const struct rp *r, const char *code)
{
	const char *name;

	if (strcmp(code, "any") == 0)
		return r->tx->scheme_any;
	name = iz_strmap_get(r->scheme_names, code);
	return name ? name : code;
}

/* Words of the codes in record tables. */
static const char *word(const struct rp *r, const char *col, const char *t)
{
	const char *w = NULL;
	size_t i;

	if (strcmp(col, "scheme") == 0)
		return scheme_name(r, t);
	if (strcmp(col, "group") == 0 || strcmp(col, "life_stage") == 0) {
		if (strcmp(t, "all") == 0)
			return r->tx->all_ages;
		for (i = 0; i < IZ_NPARTNERS; i++)
			if (strcmp(t, iz_partner_codes[i]) == 0)
				return r->tx->partner_name[i];
		w = iz_report_stage_word(r->tx, t);
	}
	if (strcmp(col, "household_type") == 0)
		w = iz_report_hh_word(r->tx, t);
	return w;
}

/* ---- summary ---- */

char *rp_records_summary(struct rp *r)
{
	const struct iz_table *t = r->rec.t[IZ_REC_UPTAKE];
	char hh[64], year[16], pct[64], el[64], *a, *b, *out;
	size_t i;

	if (!r->have_rec)
		return NULL;
	rp_num(r, hh, (double)r->rec_households, 0, NULL);
	snprintf(year, sizeof(year), "%d", r->rec_period);
	a = RP_FMT(r->tx->sum_records, hh, year);
	for (i = 0; i < iz_table_nrows(t); i++) {
		if (strcmp(rp_text(t, i, "scheme"), "any") != 0 ||
		    strcmp(rp_text(t, i, "group"), "all") != 0 ||
		    !isfinite(rp_number(t, i, "uptake_pct")) ||
		    !isfinite(rp_number(t, i, "eligible")))
			continue;
		rp_num(r, pct, rp_number(t, i, "uptake_pct"), 1, "%");
		rp_num(r, el, rp_number(t, i, "eligible"), 0, NULL);
		b = RP_FMT(r->tx->sum_records_any, pct, el);
		out = iz_xasprintf("%s %s", a, b);
		free(a);
		free(b);
		return out;
	}
	return a;
}

/* ---- section ---- */

static json_t *record_figure(struct rp *r, char *id, const char *title,
			     const char *kind)
{
	json_t *fig = rp_figure(r, id, "regelingen", title, kind);
	char year[16];

	snprintf(year, sizeof(year), "%d", r->rec_period);
	json_array_append_new(json_object_get(fig, "datasets"),
			      json_string("records"));
	json_array_append_new(json_object_get(fig, "periods"),
			      json_string(year));
	json_object_set_new(fig, "disclosure",
			    json_string(r->rule ? r->rule : ""));
	return fig;
}

/* Uptake bars of table t: one per row where keep(row) holds. */
static void uptake_chart(struct rp *r, const struct iz_table *t,
			 const char *title, bool by_stage)
{
	size_t i, n = 0, nrows = iz_table_nrows(t);
	struct iz_svg_bar *bars = iz_xcalloc(nrows + 1, sizeof(*bars));
	char **labels = iz_xcalloc(nrows + 1, sizeof(*labels));
	const char *hi_name = NULL, *lo_name = NULL;
	double hi = -1, lo = 101;
	char id[16], nb[16], *desc;
	struct iz_svg_frame fr;

	for (i = 0; i < nrows; i++) {
		const char *g = rp_text(t, i, "group"), *s = rp_text(t, i, "scheme");
		double v = rp_number(t, i, "uptake_pct");

		/* no eligible household (a published 0): no bar */
		if (by_stage == (strcmp(g, "all") == 0) ||
		    rp_number(t, i, "eligible") == 0)
			continue;
		labels[n] = by_stage ?
				    iz_xasprintf("%s, %s", scheme_name(r, s),
						 word(r, "group", g)) :
				    iz_xstrdup(scheme_name(r, s));
		bars[n] = (struct iz_svg_bar){
			.label = labels[n], .value = v,
			.lo = rp_number(t, i, "ci_low"), .hi = rp_number(t, i, "ci_high"),
			.suppressed = suppressed(t, i, "uptake_pct") ||
				      !isfinite(v)
		};
		if (!bars[n].suppressed && strcmp(s, "any") != 0) {
			if (v > hi) {
				hi = v;
				hi_name = labels[n];
			}
			if (v < lo) {
				lo = v;
				lo_name = labels[n];
			}
		}
		n++;
	}
	snprintf(nb, sizeof(nb), "%zu", n);
	desc = RP_FMT(by_stage ? r->tx->sc_uptake_stage_desc :
				 r->tx->sc_uptake_desc,
		      nb, hi_name ? hi_name : "-", lo_name ? lo_name : "-");
	record_figure(r, id, title, "chart");
	fr = (struct iz_svg_frame){ .id = id, .title = title, .desc = desc,
				    .unit = "%", .lang = r->o->lang };
	rp_figure_open(r, id);
	iz_svg_bars(r->f, &fr, bars, n, 100, r->tx->suppressed_word);
	rp_figure_close(r, desc);
	free(desc);
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(bars);
}

static void uptake_part(struct rp *r)
{
	static const char *const cols[] = { "scheme",	   "group",
					    "eligible",	   "participants",
					    "uptake_pct", "ci_low",
					    "ci_high" };
	const char *heads[] = { r->tx->col_scheme,	 r->tx->col_stage,
				r->tx->col_eligible,	 r->tx->col_participants,
				r->tx->col_uptake,	 r->tx->col_ci,
				"" };
	char id[16];

	uptake_chart(r, r->rec.t[IZ_REC_UPTAKE], r->tx->sc_uptake_title,
		     false);
	if (r->rec_open_data)
		rp_para(r, r->tx->sc_open_data);
	uptake_chart(r, r->rec.t[IZ_REC_UPTAKE_STAGE],
		     r->tx->sc_uptake_stage_title, true);
	record_figure(r, id, r->tx->sc_uptake_title, "table");
	rp_table(r, r->tx->sc_uptake_title, r->rec.t[IZ_REC_UPTAKE], cols,
		 heads, 7, word, NULL, 100);
}

/* A group of the stacking table whose published total is not 0 (life
 * stages no household head is in, such as children, are left out). */
static bool group_not_empty(const struct iz_table *t, size_t row)
{
	const char *g = rp_text(t, row, "group");
	size_t i;

	for (i = 0; i < iz_table_nrows(t); i++)
		if (strcmp(rp_text(t, i, "group"), g) == 0 &&
		    strcmp(rp_text(t, i, "schemes"), "totaal") == 0)
			return rp_number(t, i, "households") != 0;
	return true;
}

/* The chi-square test between life stages, when there is one. */
static void stacking_test(struct rp *r, const struct iz_table *ts)
{
	char c[64], df[64], p[66], v[64];

	if (!isfinite(stat(ts, "chi2")))
		return;
	rp_num(r, c, stat(ts, "chi2"), 1, NULL);
	rp_num(r, df, stat(ts, "df"), 0, NULL);
	if (stat(ts, "p_value") < 0.001) {
		p[0] = '<';
		p[1] = ' ';
		rp_num(r, p + 2, 0.001, 3, NULL);
	} else {
		rp_num(r, p, stat(ts, "p_value"), 3, NULL);
	}
	rp_num(r, v, stat(ts, "cramers_v"), 2, NULL);
	fputs("<p>", r->f);
	RP_SAY(r, r->tx->sc_stacking_test, c, df, p, v);
	fputs("</p>\n", r->f);
}

static void stacking_part(struct rp *r)
{
	const struct iz_table *t = r->rec.t[IZ_REC_STACKING];
	const struct iz_table *ts = r->rec.t[IZ_REC_STACKING_STAGE];
	static const char *const cols[] = { "group", "schemes", "households",
					    "pct" };
	const char *heads[] = { r->tx->col_stage, r->tx->col_schemes,
				r->tx->col_households, r->tx->col_pct };
	struct iz_svg_bar bars[8];
	char *labels[8], id[16], *desc, pb[64];
	size_t i, n = 0;
	double multi = 0;
	bool all_known = true;
	struct iz_svg_frame fr;

	for (i = 0; i < iz_table_nrows(t) && n < 8; i++) {
		const char *s = rp_text(t, i, "schemes");
		double v = rp_number(t, i, "households");

		if (strcmp(s, "totaal") == 0)
			continue;
		labels[n] = iz_xstrdup(s);
		bars[n] = (struct iz_svg_bar){
			.label = labels[n], .value = v, .lo = NAN, .hi = NAN,
			.suppressed = suppressed(t, i, "households") ||
				      !isfinite(v)
		};
		if (strcmp(s, "0") != 0 && strcmp(s, "1") != 0) {
			double p = rp_number(t, i, "pct");

			all_known = all_known && isfinite(p);
			multi += isfinite(p) ? p : 0;
		}
		n++;
	}
	rp_num(r, pb, multi, 1, "%");
	desc = RP_FMT(r->tx->sc_stacking_desc, all_known ? pb : ".");
	record_figure(r, id, r->tx->sc_stacking_title, "chart");
	fr = (struct iz_svg_frame){ .id = id,
				    .title = r->tx->sc_stacking_title,
				    .desc = desc, .unit = NULL,
				    .lang = r->o->lang };
	rp_figure_open(r, id);
	iz_svg_bars(r->f, &fr, bars, n, 0, r->tx->suppressed_word);
	rp_figure_close(r, desc);
	free(desc);
	for (i = 0; i < n; i++)
		free(labels[i]);
	stacking_test(r, ts);
	record_figure(r, id, r->tx->sc_stacking_title, "table");
	rp_table(r, r->tx->sc_stacking_title, ts, cols, heads, 4, word,
		 group_not_empty, 100);
}

static unsigned long members(const struct rp *r, const char *combination)
{
	char *copy = iz_xstrdup(combination), *tok, *save = NULL;
	unsigned long m = 0;
	size_t s;

	for (tok = strtok_r(copy, "+", &save); tok;
	     tok = strtok_r(NULL, "+", &save))
		for (s = 0; s < r->nsets; s++)
			if (strcmp(r->set_code[s], tok) == 0)
				m |= 1UL << s;
	free(copy);
	return m;
}

#define UPSET_MAX 20

static void upset_part(struct rp *r)
{
	const struct iz_table *t = r->rec.t[IZ_REC_COMBINATIONS];
	struct iz_svg_upset_set sets[IZ_SVG_UPSET_MAX_SETS];
	struct iz_svg_upset_combo combos[UPSET_MAX];
	struct iz_svg_upset_labels lb = { r->tx->sc_upset_observed,
					  r->tx->sc_upset_expected,
					  r->tx->suppressed_word };
	size_t i, n = 0;
	char id[16], nb[16], *desc;
	struct iz_svg_frame fr;

	if (!r->nsets)
		return;
	for (i = 0; i < r->nsets; i++)
		sets[i] = (struct iz_svg_upset_set){
			.name = scheme_name(r, r->set_code[i]),
			.size = r->set_size[i] < 0 ? 0 : r->set_size[i],
			.suppressed = r->set_size[i] < 0
		};
	for (i = 0; i < iz_table_nrows(t) && n < UPSET_MAX; i++) {
		bool sup = suppressed(t, i, "households");

		combos[n++] = (struct iz_svg_upset_combo){
			.members = members(r, rp_text(t, i, "combination")),
			.observed = sup ? 0 : (long)rp_number(t, i, "households"),
			.expected = rp_number(t, i, "expected"),
			.suppressed = sup
		};
	}
	snprintf(nb, sizeof(nb), "%zu", n);
	desc = RP_FMT(r->tx->sc_upset_desc, nb);
	record_figure(r, id, r->tx->sc_upset_title, "chart");
	fr = (struct iz_svg_frame){ .id = id, .title = r->tx->sc_upset_title,
				    .desc = desc, .unit = NULL,
				    .lang = r->o->lang };
	rp_figure_open(r, id);
	iz_svg_upset(r->f, &fr, &lb, sets, r->nsets, combos, n);
	rp_figure_close(r, desc);
	free(desc);
}

static void segments_part(struct rp *r)
{
	static const char *const cols[] = { "wijk", "life_stage",
					    "household_type", "eligible",
					    "not_reached", "pct_not_reached" };
	const char *heads[] = { r->tx->col_wijk,     r->tx->col_stage,
				r->tx->col_hh,	     r->tx->col_eligible,
				r->tx->col_not_reached, r->tx->col_pct };
	char id[16];

	record_figure(r, id, r->tx->sc_segments_title, "table");
	rp_table(r, r->tx->sc_segments_title, r->rec.t[IZ_REC_SEGMENTS], cols,
		 heads, 6, word, NULL, 15);
}

static void signals_part(struct rp *r)
{
	const struct iz_table *t = r->rec.t[IZ_REC_SIGNALS];
	static const char *const cols[] = { "group",	  "households",
					    "any_scheme", "pct_any_scheme",
					    "schuldhulp", "repeat_signal",
					    "not_reached" };
	const char *heads[] = { r->tx->col_partner,    r->tx->col_households,
				r->tx->col_any_scheme, r->tx->col_pct,
				r->tx->col_schuldhulp, r->tx->col_repeat,
				r->tx->col_not_reached };
	size_t i;
	char id[16];

	for (i = 0; i < iz_table_nrows(t); i++) {
		char h[64], p[64], nr[64];

		if (strcmp(rp_text(t, i, "group"), "all") != 0 ||
		    !isfinite(rp_number(t, i, "households")) ||
		    !isfinite(rp_number(t, i, "pct_any_scheme")) ||
		    !isfinite(rp_number(t, i, "not_reached")))
			continue;
		rp_num(r, h, rp_number(t, i, "households"), 0, NULL);
		rp_num(r, p, rp_number(t, i, "pct_any_scheme"), 1, "%");
		rp_num(r, nr, rp_number(t, i, "not_reached"), 0, NULL);
		fputs("<p>", r->f);
		RP_SAY(r, r->tx->sc_signals_text, h, p, nr);
		fputs("</p>\n", r->f);
	}
	record_figure(r, id, r->tx->sc_signals_title, "table");
	rp_table(r, r->tx->sc_signals_title, t, cols, heads, 7, word, NULL,
		 20);
}

void rp_records_section(struct rp *r)
{
	char hh[64], year[16], mc[16], md[16], ns[16];

	rp_section_open(r, "regelingen", r->tx->sec_schemes);
	rp_num(r, hh, (double)r->rec_households, 0, NULL);
	snprintf(year, sizeof(year), "%d", r->rec_period);
	fputs("<p>", r->f);
	RP_SAY(r, r->tx->sc_intro, hh, year);
	fputs("</p>\n<p class=\"note\">", r->f);
	snprintf(mc, sizeof(mc), "%ld", r->o->min_cell);
	snprintf(md, sizeof(md), "%ld", r->o->min_denominator);
	snprintf(ns, sizeof(ns), "%zu", r->suppressed);
	RP_SAY(r, r->tx->sc_disclosure, mc, md, ns);
	fputs("</p>\n", r->f);
	uptake_part(r);
	stacking_part(r);
	upset_part(r);
	segments_part(r);
	signals_part(r);
	rp_section_close(r);
}

/* ---- highlights for the questions ---- */

/* Append item to *list, comma separated. */
static void append(char **list, const char *item)
{
	char *next = iz_xasprintf("%s%s%s", *list ? *list : "",
				  *list ? ", " : "", item);

	free(*list);
	*list = next;
}

char *rp_records_schemes_of(struct rp *r, const char *spearhead)
{
	const struct iz_table *t = r->rec.t[IZ_REC_UPTAKE];
	char *list = NULL, *out, pct[64], *item;
	const char *sp;
	size_t i;

	if (!r->have_rec)
		return NULL;
	for (i = 0; i < iz_table_nrows(t); i++) {
		sp = iz_strmap_get(r->scheme_sp, rp_text(t, i, "scheme"));
		if (!sp || strcmp(sp, spearhead) != 0 ||
		    strcmp(rp_text(t, i, "group"), "all") != 0)
			continue;
		if (isfinite(rp_number(t, i, "uptake_pct")))
			rp_num(r, pct, rp_number(t, i, "uptake_pct"), 1, "%");
		else
			snprintf(pct, sizeof(pct), "%s",
				 r->tx->suppressed_word);
		item = RP_FMT(r->tx->q_scheme_item,
			      scheme_name(r, rp_text(t, i, "scheme")), pct);
		append(&list, item);
		free(item);
	}
	if (!list)
		return NULL;
	out = RP_FMT(r->tx->q_schemes, list);
	free(list);
	return out;
}

char *rp_records_linked(struct rp *r)
{
	const struct iz_table *t = r->rec.t[IZ_REC_COMBINATIONS];
	double best = 1, ratio;
	long at = -1;
	size_t i;
	char rb[64], *names = NULL, *copy, *tok, *save = NULL, *out;

	if (!r->have_rec)
		return NULL;
	for (i = 0; i < iz_table_nrows(t); i++) {
		ratio = rp_number(t, i, "ratio");
		if (rp_number(t, i, "degree") < 2 || !isfinite(ratio) ||
		    !isfinite(rp_number(t, i, "households")) ||
		    !(rp_number(t, i, "p_adjusted") < 0.05) || ratio <= best)
			continue;
		best = ratio;
		at = (long)i;
	}
	if (at < 0)
		return iz_xstrdup(r->tx->q_linked_none);
	copy = iz_xstrdup(rp_text(t, (size_t)at, "combination"));
	for (tok = strtok_r(copy, "+", &save); tok;
	     tok = strtok_r(NULL, "+", &save))
		append(&names, scheme_name(r, tok));
	free(copy);
	rp_num(r, rb, best, 1, NULL);
	out = RP_FMT(r->tx->q_linked, names, rb);
	free(names);
	return out;
}

char *rp_records_signals(struct rp *r)
{
	const struct iz_table *t = r->rec.t[IZ_REC_SIGNALS];
	char nr[64];
	size_t i;

	if (!r->have_rec)
		return NULL;
	for (i = 0; i < iz_table_nrows(t); i++)
		if (strcmp(rp_text(t, i, "group"), "all") == 0 &&
		    isfinite(rp_number(t, i, "not_reached"))) {
			rp_num(r, nr, rp_number(t, i, "not_reached"), 0, NULL);
			return RP_FMT(r->tx->q_signals, nr);
		}
	return NULL;
}
