/*
 * The report for the policy conversation (issue 5): one self-contained
 * HTML file (inline CSS and SVG, no script, no external request) for one
 * gemeente, in Dutch or English, built from the analyses of the open
 * indicators (risk, peers, correlate, wijken) and, when records were
 * imported, of the municipal records (uptake, stacking, combinations,
 * segments, signals) after disclosure control; and a provenance manifest
 * in JSON that names for every figure its datasets, tables, periods and
 * disclosure rule.
 *
 * Everything record-derived that the report shows comes from the tables of
 * iz_report_records, whose cells have passed disclosure control: a
 * suppressed cell is written as "." (with the rule in words) and no
 * sentence, chart, alt text or manifest entry ever holds its value.
 */
#ifndef INZICHT_REPORT_H
#define INZICHT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "inzicht/analysis.h"
#include "inzicht/error.h"
#include "inzicht/population.h"
#include "inzicht/store.h"
#include "inzicht/svg.h"
#include "inzicht/table.h"

struct iz_report_opts {
	const char *region; /* gemeente code, required */
	enum iz_lang lang;
	int period;           /* records period (year); 0: the latest */
	long min_cell;        /* as iz_analysis_opts */
	long min_denominator;
	size_t peers;         /* k nearest gemeenten; 0: the default */
	/* Seconds since the epoch printed as the report's date; < 0: now
	 * (the command passes $SOURCE_DATE_EPOCH when set). */
	long long generated_at;
	const char *store_label; /* shown in the sources section; or NULL */
};

#define IZ_REPORT_OPTS_INIT                                                  \
	{ .region = NULL, .lang = IZ_LANG_NL, .period = 0, .min_cell = 10,   \
	  .min_denominator = 50, .peers = 0, .generated_at = -1,             \
	  .store_label = NULL }

/* The record tables of the Regelingen section, each after disclosure. */
enum iz_report_rec {
	IZ_REC_UPTAKE,        /* iz_uptake, not split */
	IZ_REC_UPTAKE_STAGE,  /* iz_uptake by life stage */
	IZ_REC_STACKING,      /* iz_stacking_levels, not split */
	IZ_REC_STACKING_STAGE, /* iz_stacking_levels by life stage */
	IZ_REC_COMBINATIONS,  /* iz_stacking_combinations, not split */
	IZ_REC_SEGMENTS,      /* iz_uptake_segments */
	IZ_REC_SIGNALS,       /* iz_signals by partner */
	IZ_NREC,
};

struct iz_report_records {
	struct iz_table *t[IZ_NREC];
};

/*
 * Run every record analysis the report shows on p with a's thresholds
 * (a->by is ignored: each table has its own split). out is filled with new
 * tables (release with iz_report_records_release, also after a failure).
 */
int iz_report_records(struct iz_report_records *out,
		      const struct iz_population *p,
		      const struct iz_analysis_opts *a, struct iz_error *err);
void iz_report_records_release(struct iz_report_records *r);

/*
 * Write the report for o->region to html and, when manifest is not NULL,
 * its provenance manifest to manifest. Sections appear as the store has
 * data for them. Errors: not a gemeente code, a region the store does not
 * know (IZ_EUSAGE); nothing to report (IZ_EINPUT); a write error (IZ_EIO).
 */
int iz_report_write(FILE *html, FILE *manifest, struct iz_store *st,
		    const struct iz_report_opts *o, struct iz_error *err);

#endif
