/*
 * Vroegsignalering against scheme use: households with a payment-arrears
 * signal in the period, by partner, life stage or wijk; how many already use
 * a scheme or schuldhulpverlening, how many had a repeat signal within six
 * months, and how many are in trouble but not yet reached.
 */
#include "analysis_priv.h"

#include <stdlib.h>
#include <string.h>

enum { C_ANY, C_NOT, C_SCHULD, C_REPEAT, NC };

struct sig_group {
	long v[NC];
	size_t cell[NC], total;
};

static bool in_group(const struct iz_hh *h, enum iz_group_by by, size_t g)
{
	if (by == IZ_BY_PARTNER)
		return (h->partners >> g & 1) != 0;
	return an_group_of(h, by) == g;
}

static long schuld_bit(const struct iz_population *p)
{
	size_t i;

	for (i = 0; i < p->schemes.n; i++)
		if (strcmp(p->schemes.items[i].code, "schuldhulp") == 0)
			return (long)i;
	return -1;
}

static void count(struct sig_group *gr, const struct iz_population *p,
		  enum iz_group_by by, size_t ng)
{
	long sb = schuld_bit(p);
	size_t i, g;

	for (i = 0; i < p->n; i++) {
		const struct iz_hh *h = &p->hh[i];

		if (!h->signals)
			continue;
		for (g = 0; g <= ng; g++) {
			if (g < ng && !in_group(h, by, g))
				continue;
			gr[g].v[h->schemes ? C_ANY : C_NOT]++;
			gr[g].v[C_SCHULD] += sb >= 0 && (h->schemes >> sb & 1);
			gr[g].v[C_REPEAT] += h->repeat;
		}
	}
}

/* Per group: households = any + not reached; for groupings that split
 * households (all but partner), the groups also add up to "all". */
static int model(struct iz_disclose *d, struct sig_group *gr, size_t ng,
		 bool additive, struct iz_error *err)
{
	size_t g, c, *parts = iz_xcalloc(ng + 2, sizeof(*parts));
	int rc = 0;

	for (g = 0; g <= ng && rc == 0; g++) {
		for (c = 0; c < NC; c++)
			gr[g].cell[c] = iz_disclose_add_cell(d, gr[g].v[c]);
		gr[g].total = iz_disclose_add_cell(
			d, gr[g].v[C_ANY] + gr[g].v[C_NOT]);
		rc = iz_disclose_add_sum(d, gr[g].total, gr[g].cell, 2, err);
	}
	for (c = 0; additive && ng > 1 && c < NC && rc == 0; c++) {
		for (g = 0; g < ng; g++)
			parts[g] = gr[g].cell[c];
		rc = iz_disclose_add_sum(d, gr[ng].cell[c], parts, ng, err);
	}
	for (g = 0; additive && ng > 1 && g < ng; g++)
		parts[g] = gr[g].total;
	if (additive && ng > 1 && rc == 0)
		rc = iz_disclose_add_sum(d, gr[ng].total, parts, ng, err);
	free(parts);
	return rc;
}

static void rows(struct iz_table *t, const struct iz_population *p,
		 const struct sig_group *gr, size_t ng,
		 const struct iz_disclose *d,
		 const struct iz_analysis_opts *o, bool have_schuld)
{
	size_t g, row;

	for (g = 0; g <= ng; g++) {
		if (g == ng && ng == 1)
			break;
		row = iz_table_add_row(t);
		iz_table_set_text(t, row, 0,
				  g == ng ? "all" : an_group_name(p, o->by, g));
		an_put_count(t, row, 1, d, gr[g].total);
		an_put_count(t, row, 2, d, gr[g].cell[C_ANY]);
		an_put_share(t, row, 3, d, gr[g].cell[C_ANY], gr[g].total, o);
		if (have_schuld) {
			an_put_count(t, row, 4, d, gr[g].cell[C_SCHULD]);
			an_put_share(t, row, 5, d, gr[g].cell[C_SCHULD],
				     gr[g].total, o);
		}
		an_put_count(t, row, 6, d, gr[g].cell[C_REPEAT]);
		an_put_count(t, row, 7, d, gr[g].cell[C_NOT]);
	}
}

static void columns(struct iz_table *t)
{
	iz_table_add_column(t, "group", IZ_COL_TEXT, -1);
	iz_table_add_column(t, "households", IZ_COL_INT, -1);
	iz_table_add_column(t, "any_scheme", IZ_COL_INT, -1);
	iz_table_add_column(t, "pct_any_scheme", IZ_COL_REAL, 1);
	iz_table_add_column(t, "schuldhulp", IZ_COL_INT, -1);
	iz_table_add_column(t, "pct_schuldhulp", IZ_COL_REAL, 1);
	iz_table_add_column(t, "repeat_signal", IZ_COL_INT, -1);
	iz_table_add_column(t, "not_reached", IZ_COL_INT, -1);
}

static void notes(struct iz_table *t, const struct iz_population *p,
		  const struct iz_analysis_opts *o,
		  const struct iz_disclose *d)
{
	an_population_notes(t, p);
	if (p->orphan_signals)
		iz_table_add_note(t,
				  "%zu signals of households without a "
				  "household record in %d are not counted",
				  p->orphan_signals, p->period);
	iz_table_add_note(t,
			  "households with an arrears signal in the period; "
			  "repeat_signal: another signal within 6 months; "
			  "not_reached: a signal and no scheme%s",
			  o->by == IZ_BY_PARTNER ?
				  "; a household with signals from two "
				  "partners counts for both" :
				  "");
	an_disclosure_note(t, d, o);
}

int iz_signals(struct iz_table **out, const struct iz_population *p,
	       const struct iz_analysis_opts *o, struct iz_error *err)
{
	size_t ng = an_ngroups(p, o->by);
	struct sig_group *gr = iz_xcalloc(ng + 1, sizeof(*gr));
	struct iz_disclose *d = iz_disclose_new();
	struct iz_table *t = iz_table_new();
	int rc;

	*out = NULL;
	count(gr, p, o->by, ng);
	rc = model(d, gr, ng, o->by != IZ_BY_PARTNER, err);
	if (rc == 0)
		rc = an_protect(d, o, err);
	if (rc == 0) {
		columns(t);
		rows(t, p, gr, ng, d, o, schuld_bit(p) >= 0);
		notes(t, p, o, d);
		*out = t;
		t = NULL;
	}
	free(gr);
	iz_table_free(t);
	iz_disclose_free(d);
	return rc;
}
