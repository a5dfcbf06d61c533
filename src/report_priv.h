/*
 * What the report's source files share: the text of each language (all
 * strings in one place, report_text.c), the writer state, and the HTML
 * helpers of report_html.c.
 */
#ifndef INZICHT_REPORT_PRIV_H
#define INZICHT_REPORT_PRIV_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "inzicht/report.h"
#include "inzicht/strmap.h"

/* Spearheads in the order of the report; IZ_SP_CONTEXT is not a section. */
enum iz_sp {
	IZ_SP_FINANCIEEL,
	IZ_SP_INCLUSIE,
	IZ_SP_LEEFSTIJL,
	IZ_SP_GEZONDHEID,
	IZ_SP_CONTEXT,
	IZ_NSP,
};

/* The catalog codes of the spearheads, in enum order. */
extern const char *const iz_sp_codes[IZ_NSP];

/* Life stages of the risk table in report order: the DESIGN codes and
 * "" (not split by age) first. */
#define IZ_REPORT_NSTAGES 5
extern const char *const iz_report_stage_codes[IZ_REPORT_NSTAGES];

/*
 * Every string of the report in one language. Templates hold {1} .. {9},
 * replaced by arguments (escaped); no printf formats, so that a
 * translation cannot break the program.
 */
struct iz_report_text {
	const char *lang;     /* "nl" */
	const char *suppressed_word; /* beside a suppressed bar: "geheim" */
	const char *doc_title;       /* {1} gemeente */
	const char *doc_subtitle;
	const char *generated;       /* {1} date, {2} version */
	const char *toc;

	const char *sec_summary, *sec_poverty_health, *sec_wijken,
		*sec_schemes, *sec_questions, *sec_sources;
	const char *sp_name[IZ_NSP];
	const char *sp_intro[IZ_NSP];
	const char *stage_name[IZ_REPORT_NSTAGES];
	const char *hh_name[7]; /* iz_report_hh_codes */
	const char *partner_name[5];

	/* summary */
	const char *sum_intro;      /* {1} gemeente, {2} peers list */
	const char *sum_key;        /* {1} title, {2} value, {3} gemeente,
				     * {4} period, {5} NL value */
	const char *sum_key_no_nl;  /* {1} title, {2} value, {3} gemeente,
				     * {4} period */
	const char *verdict_sentence[4]; /* neutral, better, similar, worse */
	const char *verdict_word[4];
	const char *sum_risk_intro;
	const char *sum_risk_item; /* {1} title, {2} group, {3} value,
				    * {4} NL value */
	const char *sum_risk_none;
	const char *sum_records;   /* {1} households, {2} period */
	const char *sum_records_any; /* {1} pct, {2} eligible */
	const char *approximate;   /* "(leeftijdsgroep benaderd)" */
	const char *all_ages;

	/* spearhead sections */
	const char *sp_dot_title;   /* {1} spearhead, {2} life stage */
	const char *sp_dot_desc;    /* {1} n indicators, {2} worse, {3}
				     * better, {4} gemeente */
	const char *legend_ref, *legend_band;
	const char *sp_other_caption;
	const char *sp_trend_title; /* {1} spearhead */
	const char *sp_trend_desc;  /* {1} n, {2} flagged */
	const char *sp_trend_desc_none; /* {1} n */
	const char *sp_none[IZ_NSP]; /* per spearhead: no figures */
	const char *missing_intro;
	const char *col_indicator, *col_period, *col_value, *col_nl,
		*col_peers, *col_verdict;

	/* poverty x health */
	const char *ph_intro;
	const char *ph_title;     /* {1} x title, {2} y title, {3} level */
	const char *ph_desc;      /* {1} n, {2} r, {3} gemeente */
	const char *ph_desc_within; /* {1} n, {2} r, {3} gemeente */
	const char *ph_stats;     /* {1} r, {2} low, {3} high, {4} n,
				   * {5} rho, {6} R2 */
	const char *ph_residual;  /* {1} gemeente, {2} y title, {3} value,
				   * {4} fitted */
	const char *ph_residual_verdict[3]; /* as predicted, better, worse */
	const char *ph_none;
	const char *level_gemeenten, *level_wijken;

	/* wijken */
	const char *wk_intro;     /* {1} x title, {2} y title */
	const char *wk_top;       /* {1} list of names */
	const char *col_rank, *col_wijk, *col_score;
	const char *wk_none;

	/* schemes */
	const char *sc_intro;     /* {1} households, {2} period */
	const char *sc_none;
	const char *sc_uptake_title, *sc_uptake_desc; /* desc: {1} n, {2}
							 * highest, {3} lowest */
	const char *sc_uptake_stage_title, *sc_uptake_stage_desc;
	const char *sc_open_data; /* the denominator is an estimate */
	const char *sc_stacking_title, *sc_stacking_desc; /* {1} 2+ share */
	const char *sc_stacking_test; /* {1} chi2, {2} df, {3} p, {4} V */
	const char *sc_upset_title, *sc_upset_desc; /* {1} n combos */
	const char *sc_upset_observed, *sc_upset_expected;
	const char *sc_segments_title;
	const char *sc_signals_title;
	const char *sc_signals_text; /* {1} households, {2} pct any, {3} not
				      * reached */
	const char *sc_disclosure;   /* {1} min cell, {2} min denominator,
				      * {3} suppressed cells */
	const char *col_scheme, *col_eligible, *col_participants, *col_uptake,
		*col_ci, *col_stage, *col_hh, *col_households, *col_schemes,
		*col_pct, *col_not_reached, *col_partner, *col_any_scheme,
		*col_schuldhulp, *col_repeat;
	const char *scheme_any;

	/* questions */
	const char *q_intro;
	const char *q_common[5]; /* per spearhead the five questions */
	const char *q_highlight; /* {1} the data highlight */
	const char *q_suggest;   /* {1} suggested partners */
	const char *q_schemes;   /* {1} scheme list */
	const char *q_scheme_item; /* {1} name, {2} uptake */
	const char *q_linked;    /* {1} combination, {2} ratio */
	const char *q_linked_none;
	const char *q_signals;   /* {1} not reached */
	const char *q_partners[IZ_NSP];
	const char *q_no_highlight;

	/* sources */
	const char *src_intro;
	const char *col_dataset, *col_table, *col_title, *col_modified,
		*col_fetched, *col_rows;
	const char *src_methods[6];
	const char *src_rivm;       /* modelled small-area estimates */
	const char *src_approx;     /* {1} n approximate rows */
	const char *src_disclosure; /* {1} min cell, {2} min denominator */
	const char *src_version;    /* {1} version, {2} store */
};

const struct iz_report_text *iz_report_text_get(enum iz_lang lang);

/* The words of a life-stage or household code ("" and unknown: NULL). */
const char *iz_report_stage_word(const struct iz_report_text *tx,
				 const char *code);
const char *iz_report_hh_word(const struct iz_report_text *tx,
			      const char *code);
/* Spearhead of a catalog code; IZ_SP_CONTEXT for unknown. */
enum iz_sp iz_report_sp(const char *code);

/* The writer's state, shared by the section writers. */
struct rp {
	FILE *f;
	struct iz_store *st;
	const struct iz_report_opts *o;
	const struct iz_report_text *tx;
	char *name;        /* the gemeente's name */
	int nfig;          /* figures so far (chart and table ids) */
	json_t *figures;   /* manifest: one object per figure */
	json_t *used;      /* manifest: dataset ids used (object as set) */
	json_t *notes;     /* manifest: method notes */
	json_t *datasets;  /* manifest: the datasets used, as listed */
	size_t suppressed; /* record cells suppressed in what was shown */
	const char *rule;  /* the disclosure rule of the record tables */
	struct iz_report_records rec; /* when have_rec */
	bool have_rec;
	bool rec_open_data; /* uptake against the open-data denominator */
	size_t rec_households;
	int rec_period;
	char *rec_note; /* why there is no records section, or NULL */
	struct iz_strmap *scheme_names; /* code -> name (owned strings) */
	struct iz_strmap *scheme_sp;    /* code -> spearhead (owned) */
	char *set_code[IZ_SVG_UPSET_MAX_SETS]; /* schemes of the UpSet */
	long set_size[IZ_SVG_UPSET_MAX_SETS];  /* -1: withheld */
	size_t nsets;
};

/* Write tmpl with {1}..{9} replaced by args (escaped). */
void rp_say(FILE *f, const char *tmpl, const char *const *args, size_t n);
#define RP_SAY(r, tmpl, ...)                                                 \
	rp_say((r)->f, (tmpl), (const char *const[]){ __VA_ARGS__ },         \
	       sizeof((const char *const[]){ __VA_ARGS__ }) /                \
		       sizeof(const char *))
/* The same into a new string (not escaped): for chart titles and desc. */
char *rp_fmt(const char *tmpl, const char *const *args, size_t n);
#define RP_FMT(tmpl, ...)                                                    \
	rp_fmt((tmpl), (const char *const[]){ __VA_ARGS__ },                 \
	       sizeof((const char *const[]){ __VA_ARGS__ }) /                \
		       sizeof(const char *))

/* A number in the report's language, into buf: decimals, plus "%" or
 * " unit" (units "aantal"/"" are left off). buf 64 bytes. */
char *rp_num(const struct rp *r, char *buf, double v, int decimals,
	     const char *unit);

/* Start a figure: a new id "fig-N" into id (16 bytes) and its manifest
 * entry (returned, borrowed): section, title, kind ("chart"|"table"). */
json_t *rp_figure(struct rp *r, char *id, const char *section,
		  const char *title, const char *kind);
/* Add a dataset id (and period) to a figure and to the used set. */
void rp_figure_source(struct rp *r, json_t *fig, const char *dataset,
		      const char *period);

/* <section id=..><h2>title</h2> and its end. */
void rp_section_open(struct rp *r, const char *id, const char *title);
void rp_section_close(struct rp *r);
/* <p>text</p> and <li>text</li>, text escaped. */
void rp_para(struct rp *r, const char *text);
void rp_item(struct rp *r, const char *text);

/* Cell name of row of t, or NULL when t has no such column; its text
 * ("" when not text); its number (NAN when missing or suppressed). */
const struct iz_cell *rp_cell(const struct iz_table *t, size_t row,
			     const char *name);
const char *rp_text(const struct iz_table *t, size_t row, const char *name);
double rp_number(const struct iz_table *t, size_t row, const char *name);

/* <figure id=..> and, after the chart, its caption and </figure>. */
void rp_figure_open(struct rp *r, const char *id);
void rp_figure_close(struct rp *r, const char *caption);

/* <thead> with one <th> per head. */
void rp_head_row(struct rp *r, const char *const *heads, size_t n);

/*
 * A record table as HTML: columns cols[i] of t under heads[i]; text
 * columns through word(col, text) when word is not NULL (returns the
 * words or NULL to keep the text). Suppressed cells print ".", with the
 * reason as a title attribute.
 */
typedef const char *(*rp_word_fn)(const struct rp *r, const char *col,
				  const char *text);
/* Rows for which keep (when not NULL) says false are left out. */
typedef bool (*rp_keep_fn)(const struct iz_table *t, size_t row);
void rp_table(struct rp *r, const char *caption, const struct iz_table *t,
	      const char *const *cols, const char *const *heads, size_t n,
	      rp_word_fn word, rp_keep_fn keep, size_t max_rows);

/* Load the records and run their analyses into r->rec (report_records.c);
 * no records is not an error (r->have_rec false, r->rec_note says why). */
int rp_records_gather(struct rp *r, struct iz_error *err);
/* The records section. */
void rp_records_section(struct rp *r);
/* Highlights of the records for the questions (new strings, or NULL):
 * the schemes of a spearhead with their uptake; the combination most
 * over-represented (published, significant); signals not yet reached. */
char *rp_records_schemes_of(struct rp *r, const char *spearhead);
char *rp_records_linked(struct rp *r);
char *rp_records_signals(struct rp *r);
/* The records' main facts for the summary, NULL when none (new string). */
char *rp_records_summary(struct rp *r);

#endif
