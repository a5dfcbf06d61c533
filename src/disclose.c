/*
 * Statistical disclosure control of published counts: primary suppression
 * below a threshold and secondary suppression checked by linear programming
 * (GLPK). The attacker model and the protection rule are in disclose.h.
 *
 * After primary suppression, secondary suppression is deterministic:
 *  1. the audit looks for the first unprotected cell f (by index); if
 *     there is one, a second linear program finds the cheapest deviation
 *     y (a change of the cells that keeps every relation and every cell
 *     non-negative) that moves f by the width needed, up or down, using
 *     only suppressed cells (free) and non-zero published cells (at their
 *     cost per unit moved); we hide the published cells it touches, and go
 *     back to 1. In a table with margins the cheapest y is a cycle of
 *     cells, for a single small cell the cheapest rectangle.
 *  2. each secondary cell, dearest first, is published again when the
 *     audit passes without it, so none of them is superfluous.
 * Costs and the "dearest" order prefer parts to totals, then small counts
 * to large ones, then low indexes. Zeros are never suppressed.
 * Once y exists and its cells are hidden, x + y is a solution the attacker
 * cannot rule out, so f stays protected whatever else is hidden later
 * (hiding only widens ranges); each cell is exposed at most once, so step
 * 1 ends. y exists for every non-zero f: with every non-zero cell hidden,
 * any solution scaled up is a solution.
 */
#include "inzicht/disclose.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

/* Off from the nearest integer by more than this is fractional. */
#define INTEGRAL_TOL 1e-6

struct relation {
	size_t total;
	size_t first; /* its parts are part[first .. first + nparts) */
	size_t nparts;
};

struct iz_disclose {
	long *value;
	enum iz_disclose_reason *reason;
	bool *by_hand; /* marked primary with iz_disclose_mark */
	size_t ncells;
	size_t cellcap;
	struct relation *rel;
	size_t nrel;
	size_t relcap;
	size_t *part;
	size_t nparts;
	size_t partcap;
};

/* What protect needs to know about the cells beyond their values. */
struct index {
	size_t *start; /* cell c is in relations rel_of[start[c]..start[c+1]) */
	size_t *rel_of;
	size_t *order; /* every cell, cheapest to suppress first */
	double *cost;  /* of suppressing each cell, per unit it may move */
};

/* One GLPK problem over the suppressed cells of a set. */
struct lp {
	glp_prob *prob;
	size_t *col; /* cell -> its column (from 1), 0 for a published cell */
	size_t ncols;
	size_t objcol; /* the column in the objective now, 0 for none */
	int term;      /* the glp_term_out setting to restore */
};

struct iz_disclose *iz_disclose_new(void)
{
	return iz_xcalloc(1, sizeof(struct iz_disclose));
}

void iz_disclose_free(struct iz_disclose *d)
{
	if (!d)
		return;
	free(d->value);
	free(d->reason);
	free(d->by_hand);
	free(d->rel);
	free(d->part);
	free(d);
}

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	while (*cap < need)
		*cap = *cap ? 2 * *cap : 64;
	return iz_xrealloc(p, *cap * size);
}

size_t iz_disclose_add_cell(struct iz_disclose *d, long value)
{
	size_t cap = d->cellcap;

	/* GLPK numbers columns with an int. */
	assert(d->ncells < INT_MAX);
	d->value = grow(d->value, &cap, d->ncells + 1, sizeof(*d->value));
	cap = d->cellcap;
	d->reason = grow(d->reason, &cap, d->ncells + 1, sizeof(*d->reason));
	d->by_hand =
	    grow(d->by_hand, &d->cellcap, d->ncells + 1, sizeof(*d->by_hand));
	d->value[d->ncells] = value;
	d->reason[d->ncells] = IZ_DISCLOSE_PUBLISHED;
	d->by_hand[d->ncells] = false;
	return d->ncells++;
}

static void append_sum(struct iz_disclose *d, size_t total, const size_t *parts,
		       size_t nparts)
{
	struct relation *r;

	d->part =
	    grow(d->part, &d->partcap, d->nparts + nparts, sizeof(*d->part));
	d->rel = grow(d->rel, &d->relcap, d->nrel + 1, sizeof(*d->rel));
	memcpy(d->part + d->nparts, parts, nparts * sizeof(*parts));
	r = &d->rel[d->nrel++];
	r->total = total;
	r->first = d->nparts;
	r->nparts = nparts;
	d->nparts += nparts;
}

static int check_sum(const struct iz_disclose *d, size_t total,
		     const size_t *parts, size_t nparts, struct iz_error *err)
{
	bool *seen;
	size_t k;
	int rc = 0;

	if (total >= d->ncells)
		return iz_fail(err, IZ_EINPUT, "no cell '%zu' for a total",
			       total);
	if (nparts == 0)
		return iz_fail(err, IZ_EINPUT,
			       "no parts in the sum for cell %zu", total);
	seen = iz_xcalloc(d->ncells, sizeof(*seen));
	seen[total] = true;
	for (k = 0; k < nparts && rc == 0; k++) {
		if (parts[k] >= d->ncells)
			rc = iz_fail(err, IZ_EINPUT,
				     "no cell '%zu' for a part of the sum for "
				     "cell %zu",
				     parts[k], total);
		else if (seen[parts[k]])
			rc = iz_fail(err, IZ_EINPUT,
				     "cell '%zu' twice in the sum for cell %zu",
				     parts[k], total);
		else
			seen[parts[k]] = true;
	}
	free(seen);
	return rc;
}

int iz_disclose_add_sum(struct iz_disclose *d, size_t total,
			const size_t *parts, size_t nparts,
			struct iz_error *err)
{
	if (check_sum(d, total, parts, nparts, err) < 0)
		return -1;
	append_sum(d, total, parts, nparts);
	return 0;
}

/* The sum of n counts stride apart, each and the sum within range. */
static int sum_counts(long *out, const long *v, size_t n, size_t stride,
		      struct iz_error *err)
{
	long long s = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		if (v[k * stride] < 0 || v[k * stride] > IZ_DISCLOSE_VALUE_MAX)
			return iz_fail(err, IZ_EINPUT,
				       "count '%ld' out of range 0..%ld",
				       v[k * stride], IZ_DISCLOSE_VALUE_MAX);
		s += v[k * stride];
		if (s > IZ_DISCLOSE_VALUE_MAX)
			return iz_fail(err, IZ_EINPUT, "total '%lld' above %ld",
				       s, IZ_DISCLOSE_VALUE_MAX);
	}
	*out = (long)s;
	return 0;
}

/* Row sums, column sums and grand total of a table; 0 or -1. */
static int margins(long *rowsum, long *colsum, long *grand, const long *values,
		   size_t rows, size_t cols, struct iz_error *err)
{
	size_t i;

	for (i = 0; i < rows; i++)
		if (sum_counts(&rowsum[i], values + i * cols, cols, 1, err) < 0)
			return -1;
	for (i = 0; i < cols; i++)
		if (sum_counts(&colsum[i], values + i, rows, cols, err) < 0)
			return -1;
	return sum_counts(grand, rowsum, rows, 1, err);
}

/* Append n consecutive cells from values; the index of the first. */
static size_t add_cells(struct iz_disclose *d, const long *values, size_t n)
{
	size_t first = d->ncells, k;

	for (k = 0; k < n; k++)
		iz_disclose_add_cell(d, values[k]);
	return first;
}

/* The relations of a table whose cells are in place. */
static void table_sums(struct iz_disclose *d,
		       const struct iz_disclose_table2d *t)
{
	size_t *parts;
	size_t i, j;

	parts = iz_xmalloc((t->rows > t->cols ? t->rows : t->cols) *
			   sizeof(*parts));
	for (i = 0; i < t->rows; i++) {
		for (j = 0; j < t->cols; j++)
			parts[j] = t->first + i * t->cols + j;
		append_sum(d, t->row_total + i, parts, t->cols);
	}
	for (j = 0; j < t->cols; j++) {
		for (i = 0; i < t->rows; i++)
			parts[i] = t->first + i * t->cols + j;
		append_sum(d, t->col_total + j, parts, t->rows);
	}
	for (i = 0; i < t->rows; i++)
		parts[i] = t->row_total + i;
	append_sum(d, t->grand, parts, t->rows);
	for (j = 0; j < t->cols; j++)
		parts[j] = t->col_total + j;
	append_sum(d, t->grand, parts, t->cols);
	free(parts);
}

int iz_disclose_add_table2d(struct iz_disclose_table2d *out,
			    struct iz_disclose *d, const long *values,
			    size_t rows, size_t cols, struct iz_error *err)
{
	long *rowsum, *colsum, grand = 0;
	int rc = -1;

	if (rows == 0 || cols == 0)
		return iz_fail(err, IZ_EINPUT, "empty table '%zux%zu'", rows,
			       cols);
	rowsum = iz_xmalloc(rows * sizeof(*rowsum));
	colsum = iz_xmalloc(cols * sizeof(*colsum));
	if (margins(rowsum, colsum, &grand, values, rows, cols, err) < 0)
		goto out;
	out->rows = rows;
	out->cols = cols;
	out->first = add_cells(d, values, rows * cols);
	out->row_total = add_cells(d, rowsum, rows);
	out->col_total = add_cells(d, colsum, cols);
	out->grand = iz_disclose_add_cell(d, grand);
	table_sums(d, out);
	rc = 0;
out:
	free(colsum);
	free(rowsum);
	return rc;
}

int iz_disclose_add_list(struct iz_disclose_list *out, struct iz_disclose *d,
			 const long *values, size_t n, struct iz_error *err)
{
	size_t *parts;
	long total = 0;
	size_t k;

	if (n == 0)
		return iz_fail(err, IZ_EINPUT, "empty list");
	if (sum_counts(&total, values, n, 1, err) < 0)
		return -1;
	out->n = n;
	out->first = add_cells(d, values, n);
	out->total = iz_disclose_add_cell(d, total);
	parts = iz_xmalloc(n * sizeof(*parts));
	for (k = 0; k < n; k++)
		parts[k] = out->first + k;
	append_sum(d, out->total, parts, n);
	free(parts);
	return 0;
}

void iz_disclose_mark(struct iz_disclose *d, size_t cell,
		      enum iz_disclose_reason reason)
{
	assert(cell < d->ncells);
	d->reason[cell] = reason;
	d->by_hand[cell] = reason == IZ_DISCLOSE_PRIMARY;
}

size_t iz_disclose_ncells(const struct iz_disclose *d)
{
	return d->ncells;
}

long iz_disclose_value(const struct iz_disclose *d, size_t cell)
{
	assert(cell < d->ncells);
	return d->value[cell];
}

enum iz_disclose_reason iz_disclose_reason(const struct iz_disclose *d,
					   size_t cell)
{
	assert(cell < d->ncells);
	return d->reason[cell];
}

bool iz_disclose_is_suppressed(const struct iz_disclose *d, size_t cell)
{
	return iz_disclose_reason(d, cell) != IZ_DISCLOSE_PUBLISHED;
}

size_t iz_disclose_count(const struct iz_disclose *d,
			 enum iz_disclose_reason reason)
{
	size_t c, n = 0;

	for (c = 0; c < d->ncells; c++)
		n += d->reason[c] == reason;
	return n;
}

/* The cell of relation r at position k: its parts, then its total. */
static size_t member(const struct iz_disclose *d, const struct relation *r,
		     size_t k)
{
	return k < r->nparts ? d->part[r->first + k] : r->total;
}

static int check_relation(const struct iz_disclose *d, const struct relation *r,
			  struct iz_error *err)
{
	long long s = 0;
	size_t k;

	for (k = 0; k < r->nparts; k++)
		s += d->value[member(d, r, k)];
	if (s != d->value[r->total])
		return iz_fail(err, IZ_EINPUT,
			       "total '%ld' differs from the sum of its parts "
			       "'%lld' in cell %zu",
			       d->value[r->total], s, r->total);
	return 0;
}

/* The threshold and the data are fit for protect and audit. */
static int check_model(const struct iz_disclose *d, long min_cell,
		       struct iz_error *err)
{
	size_t i;

	if (min_cell < 0)
		return iz_fail(err, IZ_EUSAGE, "negative threshold '%ld'",
			       min_cell);
	for (i = 0; i < d->ncells; i++)
		if (d->value[i] < 0 || d->value[i] > IZ_DISCLOSE_VALUE_MAX)
			return iz_fail(err, IZ_EINPUT,
				       "count '%ld' out of range 0..%ld in "
				       "cell %zu",
				       d->value[i], IZ_DISCLOSE_VALUE_MAX, i);
	for (i = 0; i < d->nrel; i++)
		if (check_relation(d, &d->rel[i], err) < 0)
			return -1;
	return 0;
}

/* The width a suppressed cell's range needs under the protection rule. */
static long width_needed(long min_cell)
{
	return min_cell > 1 ? min_cell : 1;
}

static bool is_protected(const struct iz_disclose_range *r, long need)
{
	return r->hi == LONG_MAX || r->hi - r->lo >= need;
}

/*
 * Relation r as sum(parts) - total = 0 over the suppressed cells, the
 * published ones moved to the right-hand side; none when it has no
 * suppressed cell. ind and val have room for all its cells, from 1.
 */
static void lp_add_row(struct lp *lp, const struct iz_disclose *d,
		       const struct relation *r, int *ind, double *val)
{
	long long rhs = 0;
	int len = 0, row, sign;
	size_t k, c;

	for (k = 0; k <= r->nparts; k++) {
		c = member(d, r, k);
		sign = k < r->nparts ? 1 : -1;
		if (lp->col[c] == 0) {
			rhs -= sign * (long long)d->value[c];
			continue;
		}
		len++;
		ind[len] = (int)lp->col[c];
		val[len] = sign;
	}
	if (len == 0)
		return;
	row = glp_add_rows(lp->prob, 1);
	glp_set_row_bnds(lp->prob, row, GLP_FX, (double)rhs, (double)rhs);
	glp_set_mat_row(lp->prob, row, len, ind, val);
}

static void lp_add_rows(struct lp *lp, const struct iz_disclose *d)
{
	size_t most = 0, r;
	double *val;
	int *ind;

	for (r = 0; r < d->nrel; r++)
		if (d->rel[r].nparts > most)
			most = d->rel[r].nparts;
	ind = iz_xmalloc((most + 2) * sizeof(*ind));
	val = iz_xmalloc((most + 2) * sizeof(*val));
	for (r = 0; r < d->nrel; r++)
		lp_add_row(lp, d, &d->rel[r], ind, val);
	free(val);
	free(ind);
}

/*
 * The attacker's problem: one non-negative integer column per suppressed
 * cell, one equality row per relation that involves one.
 */
static void lp_open(struct lp *lp, const struct iz_disclose *d)
{
	size_t c;

	lp->term = glp_term_out(GLP_OFF);
	lp->prob = glp_create_prob();
	lp->col = iz_xcalloc(d->ncells, sizeof(*lp->col));
	lp->ncols = 0;
	lp->objcol = 0;
	for (c = 0; c < d->ncells; c++)
		if (d->reason[c] != IZ_DISCLOSE_PUBLISHED)
			lp->col[c] = ++lp->ncols;
	if (lp->ncols == 0)
		return;
	glp_add_cols(lp->prob, (int)lp->ncols);
	for (c = 1; c <= lp->ncols; c++) {
		glp_set_col_bnds(lp->prob, (int)c, GLP_LO, 0.0, 0.0);
		glp_set_col_kind(lp->prob, (int)c, GLP_IV);
	}
	lp_add_rows(lp, d);
}

static void lp_close(struct lp *lp)
{
	glp_delete_prob(lp->prob);
	free(lp->col);
	glp_term_out(lp->term);
}

static bool solution_is_integral(glp_prob *p)
{
	int j, n = glp_get_num_cols(p);
	double x;

	for (j = 1; j <= n; j++) {
		x = glp_get_col_prim(p, j);
		if (fabs(x - nearbyint(x)) > INTEGRAL_TOL)
			return false;
	}
	return true;
}

/*
 * The integer optimum from the optimal but fractional basis at hand: 0,
 * or 1 when there is no integer solution, or -1. The relaxation is exact
 * for a 1-D list or a 2-D table with margins (their matrices are totally
 * unimodular, so every vertex is integral), but not for every set of
 * linked tables, where the attacker who knows that counts are integers may
 * learn more than the relaxation says.
 */
static int solve_integer(glp_prob *p, struct iz_error *err)
{
	glp_iocp parm;
	int rc;

	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	rc = glp_intopt(p, &parm);
	if (rc != 0)
		return iz_fail(err, IZ_EINPUT,
			       "integer programming failed: glp_intopt "
			       "returned %d",
			       rc);
	if (glp_mip_status(p) == GLP_NOFEAS)
		return 1;
	if (glp_mip_status(p) != GLP_OPT)
		return iz_fail(err, IZ_EINPUT,
			       "integer programming failed: status %d",
			       glp_mip_status(p));
	return 0;
}

static int lp_integer_optimum(double *opt, struct lp *lp, struct iz_error *err)
{
	int rc = solve_integer(lp->prob, err);

	if (rc > 0)
		return iz_fail(err, IZ_EINPUT,
			       "no counts fit the published cells");
	if (rc == 0)
		*opt = glp_mip_obj_val(lp->prob);
	return rc;
}

/* Read the optimum after a successful glp_simplex. */
static int lp_result(double *opt, bool *unbounded, struct lp *lp,
		     struct iz_error *err)
{
	int status = glp_get_status(lp->prob);

	*unbounded = false;
	if (status == GLP_UNBND) {
		*unbounded = true;
		return 0;
	}
	if (status == GLP_NOFEAS)
		return iz_fail(err, IZ_EINPUT,
			       "no counts fit the published cells");
	if (status != GLP_OPT)
		return iz_fail(err, IZ_EINPUT,
			       "linear programming failed: status %d", status);
	if (!solution_is_integral(lp->prob))
		return lp_integer_optimum(opt, lp, err);
	*opt = glp_get_obj_val(lp->prob);
	return 0;
}

static int lp_solve(double *opt, bool *unbounded, struct lp *lp, int dir,
		    struct iz_error *err)
{
	glp_smcp parm;
	int rc;

	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	glp_set_obj_dir(lp->prob, dir);
	rc = glp_simplex(lp->prob, &parm);
	if (rc != 0) {
		/* The warm start from the last basis failed: start cold. */
		glp_std_basis(lp->prob);
		rc = glp_simplex(lp->prob, &parm);
	}
	if (rc != 0)
		return iz_fail(err, IZ_EINPUT,
			       "linear programming failed: glp_simplex "
			       "returned %d",
			       rc);
	return lp_result(opt, unbounded, lp, err);
}

/* An optimum as a count, rounded inwards (up for lo, down for hi). */
static long to_count(double x, bool up)
{
	double r = up ? ceil(x - INTEGRAL_TOL) : floor(x + INTEGRAL_TOL);

	if (r <= 0.0)
		return 0;
	return r >= (double)LONG_MAX ? LONG_MAX : (long)r;
}

/* The range of a suppressed cell: minimise, then maximise its column. */
static int lp_range(struct iz_disclose_range *out, struct lp *lp, size_t cell,
		    struct iz_error *err)
{
	bool unbounded;
	double opt = 0.0;

	if (lp->objcol != 0)
		glp_set_obj_coef(lp->prob, (int)lp->objcol, 0.0);
	lp->objcol = lp->col[cell];
	glp_set_obj_coef(lp->prob, (int)lp->objcol, 1.0);
	out->cell = cell;
	if (lp_solve(&opt, &unbounded, lp, GLP_MIN, err) < 0)
		return -1;
	assert(!unbounded); /* every column is bounded below by 0 */
	out->lo = to_count(opt, true);
	if (lp_solve(&opt, &unbounded, lp, GLP_MAX, err) < 0)
		return -1;
	out->hi = unbounded ? LONG_MAX : to_count(opt, false);
	return 0;
}

/* The range of one suppressed cell under the current marks. */
static int range_of(struct iz_disclose_range *out, const struct iz_disclose *d,
		    size_t cell, struct iz_error *err)
{
	struct lp lp;
	int rc;

	lp_open(&lp, d);
	rc = lp_range(out, &lp, cell, err);
	lp_close(&lp);
	return rc;
}

static void audit_append(struct iz_disclose_audit *out,
			 const struct iz_disclose_range *r)
{
	out->exposed = iz_xrealloc(out->exposed,
				   (out->nexposed + 1) * sizeof(*out->exposed));
	out->exposed[out->nexposed++] = *r;
}

/*
 * Check the suppressed cells against need in index order, all in one
 * problem so that each solve starts from the last basis. With out, list
 * every exposed cell there; without, stop at the first and put it in
 * *first. Returns 1 when a cell is exposed, 0 when none, -1 on error.
 */
static int scan(struct iz_disclose_range *first, struct iz_disclose_audit *out,
		const struct iz_disclose *d, long need, struct iz_error *err)
{
	struct iz_disclose_range r;
	struct lp lp;
	size_t c;
	int rc = 0;

	lp_open(&lp, d);
	for (c = 0; c < d->ncells; c++) {
		if (lp.col[c] == 0)
			continue;
		if (lp_range(&r, &lp, c, err) < 0) {
			rc = -1;
			break;
		}
		if (out)
			out->checked++;
		if (is_protected(&r, need))
			continue;
		rc = 1;
		if (!out) {
			*first = r;
			break;
		}
		audit_append(out, &r);
	}
	lp_close(&lp);
	return rc;
}

static int by_cost(const void *a, const void *b)
{
	const long *x = a, *y = b;
	int k;

	/* Keys: is a total, value, index. */
	for (k = 0; k < 3; k++)
		if (x[k] != y[k])
			return x[k] < y[k] ? -1 : 1;
	return 0;
}

/*
 * The order of the cells, cheapest to suppress first, and the cost of
 * hiding each: its value, plus need (every hidden cell loses at least a
 * threshold's worth, which keeps patterns short), plus for a total the
 * largest value of the set, so that a total costs more than any part.
 */
static void index_costs(struct index *ix, const struct iz_disclose *d,
			long need)
{
	long(*key)[3] = iz_xcalloc(d->ncells, sizeof(*key));
	long most = 0;
	size_t c, r;

	for (c = 0; c < d->ncells; c++) {
		key[c][1] = d->value[c];
		key[c][2] = (long)c;
		most = d->value[c] > most ? d->value[c] : most;
	}
	for (r = 0; r < d->nrel; r++)
		key[d->rel[r].total][0] = 1;
	ix->cost = iz_xmalloc(d->ncells * sizeof(*ix->cost));
	for (c = 0; c < d->ncells; c++)
		ix->cost[c] = (double)d->value[c] + (double)need +
			      (key[c][0] ? (double)most : 0.0);
	qsort(key, d->ncells, sizeof(*key), by_cost);
	ix->order = iz_xmalloc(d->ncells * sizeof(*ix->order));
	for (c = 0; c < d->ncells; c++)
		ix->order[c] = (size_t)key[c][2];
	free(key);
}

static void index_open(struct index *ix, const struct iz_disclose *d, long need)
{
	size_t c, k, r, *fill;

	ix->start = iz_xcalloc(d->ncells + 1, sizeof(*ix->start));
	ix->rel_of = iz_xmalloc((d->nparts + d->nrel) * sizeof(*ix->rel_of));
	for (r = 0; r < d->nrel; r++)
		for (k = 0; k <= d->rel[r].nparts; k++)
			ix->start[member(d, &d->rel[r], k) + 1]++;
	for (c = 0; c < d->ncells; c++)
		ix->start[c + 1] += ix->start[c];
	fill = iz_xmalloc((d->ncells + 1) * sizeof(*fill));
	memcpy(fill, ix->start, (d->ncells + 1) * sizeof(*fill));
	for (r = 0; r < d->nrel; r++)
		for (k = 0; k <= d->rel[r].nparts; k++)
			ix->rel_of[fill[member(d, &d->rel[r], k)]++] = r;
	free(fill);
	index_costs(ix, d, need);
}

static void index_close(struct index *ix)
{
	free(ix->start);
	free(ix->rel_of);
	free(ix->order);
	free(ix->cost);
}

/* The column of y+ (up) or y- (down) of a cell in a deviation problem. */
static int dev_col(size_t cell, bool down)
{
	return (int)(2 * cell + 1) + down;
}

/*
 * The columns of cell c: both at 0 for a published zero, which may not
 * be hidden; else y+ >= 0 and 0 <= y- <= x (the cell stays non-negative),
 * free for a suppressed cell and at its cost for a published one.
 */
static void dev_cell(glp_prob *p, const struct iz_disclose *d,
		     const struct index *ix, size_t c)
{
	double x = (double)d->value[c];
	bool published = d->reason[c] == IZ_DISCLOSE_PUBLISHED;

	if (published && d->value[c] == 0) {
		glp_set_col_bnds(p, dev_col(c, false), GLP_FX, 0.0, 0.0);
		glp_set_col_bnds(p, dev_col(c, true), GLP_FX, 0.0, 0.0);
		return;
	}
	glp_set_col_bnds(p, dev_col(c, false), GLP_LO, 0.0, 0.0);
	if (d->value[c] > 0)
		glp_set_col_bnds(p, dev_col(c, true), GLP_DB, 0.0, x);
	else
		glp_set_col_bnds(p, dev_col(c, true), GLP_FX, 0.0, 0.0);
	if (!published)
		return;
	glp_set_obj_coef(p, dev_col(c, false), ix->cost[c]);
	glp_set_obj_coef(p, dev_col(c, true), ix->cost[c]);
}

/* Relation r holds for the deviation: sum of parts' y = the total's y. */
static void dev_row(glp_prob *p, const struct iz_disclose *d,
		    const struct relation *r, int *ind, double *val)
{
	int len = 0, row;
	size_t k;
	double sign;

	for (k = 0; k <= r->nparts; k++) {
		sign = k < r->nparts ? 1.0 : -1.0;
		ind[++len] = dev_col(member(d, r, k), false);
		val[len] = sign;
		ind[++len] = dev_col(member(d, r, k), true);
		val[len] = -sign;
	}
	row = glp_add_rows(p, 1);
	glp_set_row_bnds(p, row, GLP_FX, 0.0, 0.0);
	glp_set_mat_row(p, row, len, ind, val);
}

/*
 * Step 1's problem for cell f: the cheapest deviation y that moves f by
 * shift (up or down) while all relations still hold and no cell goes
 * negative, touching only suppressed cells (free) and cells that may be
 * hidden (at their cost per unit). Where one exists, x + y is a solution
 * the attacker cannot rule out once the cells it touches are hidden, so f
 * is protected then.
 */
static glp_prob *dev_open(const struct iz_disclose *d, const struct index *ix,
			  size_t f, long shift)
{
	glp_prob *p = glp_create_prob();
	size_t c, r, most = 0;
	double *val;
	int *ind;

	glp_add_cols(p, (int)(2 * d->ncells));
	for (c = 0; c < d->ncells; c++) {
		dev_cell(p, d, ix, c);
		glp_set_col_kind(p, dev_col(c, false), GLP_IV);
		glp_set_col_kind(p, dev_col(c, true), GLP_IV);
	}
	glp_set_col_bnds(p, dev_col(f, shift < 0), GLP_FX, fabs((double)shift),
			 fabs((double)shift));
	glp_set_col_bnds(p, dev_col(f, shift > 0), GLP_FX, 0.0, 0.0);
	for (r = 0; r < d->nrel; r++)
		most = d->rel[r].nparts > most ? d->rel[r].nparts : most;
	ind = iz_xmalloc((2 * most + 3) * sizeof(*ind));
	val = iz_xmalloc((2 * most + 3) * sizeof(*val));
	for (r = 0; r < d->nrel; r++)
		dev_row(p, d, &d->rel[r], ind, val);
	free(val);
	free(ind);
	return p;
}

/* The published cells a solved deviation touches, and its cost. */
static void dev_result(bool *use, double *cost, glp_prob *p,
		       const struct iz_disclose *d, bool mip)
{
	double (*value)(glp_prob *, int) =
	    mip ? glp_mip_col_val : glp_get_col_prim;
	double y;
	size_t c;

	*cost = mip ? glp_mip_obj_val(p) : glp_get_obj_val(p);
	for (c = 0; c < d->ncells; c++) {
		y = value(p, dev_col(c, false)) + value(p, dev_col(c, true));
		use[c] =
		    d->reason[c] == IZ_DISCLOSE_PUBLISHED && y > INTEGRAL_TOL;
	}
}

/*
 * Solve step 1's problem with integer y, so that x + y is a solution the
 * attacker must consider: mark in use[] the published cells the cheapest
 * deviation touches, and give its cost. Returns 0, 1 when there is no such
 * deviation, -1 on error.
 */
static int deviation(bool *use, double *cost, const struct iz_disclose *d,
		     const struct index *ix, size_t f, long shift,
		     struct iz_error *err)
{
	int term = glp_term_out(GLP_OFF);
	glp_prob *p = dev_open(d, ix, f, shift);
	bool mip = false;
	glp_smcp parm;
	int rc;

	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	rc = glp_simplex(p, &parm);
	if (rc != 0)
		rc = iz_fail(err, IZ_EINPUT,
			     "linear programming failed: glp_simplex "
			     "returned %d",
			     rc);
	else if (glp_get_status(p) == GLP_NOFEAS)
		rc = 1;
	else if (glp_get_status(p) != GLP_OPT)
		rc = iz_fail(err, IZ_EINPUT,
			     "linear programming failed: status %d",
			     glp_get_status(p));
	else if ((mip = !solution_is_integral(p)))
		rc = solve_integer(p, err);
	if (rc == 0)
		dev_result(use, cost, p, d, mip);
	glp_delete_prob(p);
	glp_term_out(term);
	return rc;
}

/* Suppress the cells in use[]; false when there are none. */
static bool hide_used(struct iz_disclose *d, const bool *use)
{
	size_t c, n = 0;

	for (c = 0; c < d->ncells; c++) {
		if (!use[c])
			continue;
		d->reason[c] = IZ_DISCLOSE_SECONDARY;
		n++;
	}
	return n > 0;
}

/*
 * Step 1 for the exposed cell f: hide the cells of the cheaper of the
 * deviations up and down by need (down only when f holds that much).
 */
static int add_complement(struct iz_disclose *d, const struct index *ix,
			  size_t f, long need, struct iz_error *err)
{
	bool *up = iz_xcalloc(d->ncells, sizeof(*up));
	bool *down = iz_xcalloc(d->ncells, sizeof(*down));
	double cost_up = 0.0, cost_down = 0.0;
	int rc_up, rc_down = 1, rc = 0;

	rc_up = deviation(up, &cost_up, d, ix, f, need, err);
	if (rc_up >= 0 && d->value[f] >= need)
		rc_down = deviation(down, &cost_down, d, ix, f, -need, err);
	if (rc_up < 0 || rc_down < 0)
		rc = -1;
	else if (rc_up == 0 && (rc_down == 1 || cost_up <= cost_down))
		rc = hide_used(d, up) ? 0 : 1;
	else
		rc = rc_down == 0 && hide_used(d, down) ? 0 : 1;
	if (rc > 0)
		rc = iz_fail(err, IZ_EINPUT,
			     "cell %zu cannot be protected: no cell left to "
			     "hide it",
			     f);
	free(down);
	free(up);
	return rc;
}

static int complete(struct iz_disclose *d, const struct index *ix, long need,
		    struct iz_error *err)
{
	struct iz_disclose_range exposed;
	int rc;

	for (;;) {
		rc = scan(&exposed, NULL, d, need, err);
		if (rc <= 0)
			return rc;
		if (add_complement(d, ix, exposed.cell, need, err) < 0)
			return -1;
	}
}

static size_t nsuppressed(const struct iz_disclose *d, const struct relation *r)
{
	size_t k, n = 0;

	for (k = 0; k <= r->nparts; k++)
		n += d->reason[member(d, r, k)] != IZ_DISCLOSE_PUBLISHED;
	return n;
}

/* Some relation of cell holds exactly one suppressed cell. */
static bool has_singleton(const struct iz_disclose *d, const struct index *ix,
			  size_t cell)
{
	size_t i;

	for (i = ix->start[cell]; i < ix->start[cell + 1]; i++)
		if (nsuppressed(d, &d->rel[ix->rel_of[i]]) == 1)
			return true;
	return false;
}

/*
 * Step 2: publish again each secondary cell, dearest first, without which
 * the audit still passes. Publishing a cell only narrows the others'
 * ranges, so a cell found necessary stays necessary: one pass suffices.
 */
static int prune(struct iz_disclose *d, const struct index *ix, long need,
		 struct iz_error *err)
{
	struct iz_disclose_range r;
	size_t k, c;
	int rc;

	for (k = d->ncells; k-- > 0;) {
		c = ix->order[k];
		if (d->reason[c] != IZ_DISCLOSE_SECONDARY)
			continue;
		d->reason[c] = IZ_DISCLOSE_PUBLISHED;
		rc = has_singleton(d, ix, c) ? 1 : scan(&r, NULL, d, need, err);
		if (rc < 0)
			return -1;
		if (rc > 0)
			d->reason[c] = IZ_DISCLOSE_SECONDARY;
	}
	return 0;
}

/* Primary: hand-marked cells and counts below the threshold. */
static void mark_primary(struct iz_disclose *d, long min_cell)
{
	size_t c;
	long v;

	for (c = 0; c < d->ncells; c++) {
		v = d->value[c];
		d->reason[c] = d->by_hand[c] || (v >= 1 && v < min_cell)
				   ? IZ_DISCLOSE_PRIMARY
				   : IZ_DISCLOSE_PUBLISHED;
	}
}

int iz_disclose_protect(struct iz_disclose *d, long min_cell,
			struct iz_error *err)
{
	enum iz_disclose_reason *saved;
	long need = width_needed(min_cell);
	struct index ix;
	int rc;

	if (check_model(d, min_cell, err) < 0)
		return -1;
	if (d->ncells == 0)
		return 0;
	saved = iz_xmalloc(d->ncells * sizeof(*saved));
	memcpy(saved, d->reason, d->ncells * sizeof(*saved));
	mark_primary(d, min_cell);
	index_open(&ix, d, need);
	rc = complete(d, &ix, need, err);
	if (rc == 0)
		rc = prune(d, &ix, need, err);
	index_close(&ix);
	if (rc < 0)
		memcpy(d->reason, saved, d->ncells * sizeof(*saved));
	free(saved);
	return rc;
}

int iz_disclose_range(struct iz_disclose_range *out,
		      const struct iz_disclose *d, size_t cell,
		      struct iz_error *err)
{
	assert(cell < d->ncells);
	if (check_model(d, 0, err) < 0)
		return -1;
	if (d->reason[cell] != IZ_DISCLOSE_PUBLISHED)
		return range_of(out, d, cell, err);
	out->cell = cell;
	out->lo = d->value[cell];
	out->hi = d->value[cell];
	return 0;
}

int iz_disclose_audit(struct iz_disclose_audit *out,
		      const struct iz_disclose *d, long min_cell,
		      struct iz_error *err)
{
	*out = (struct iz_disclose_audit)IZ_DISCLOSE_AUDIT_INIT;
	if (check_model(d, min_cell, err) < 0)
		return -1;
	if (scan(NULL, out, d, width_needed(min_cell), err) < 0) {
		iz_disclose_audit_release(out);
		return -1;
	}
	return 0;
}

void iz_disclose_audit_release(struct iz_disclose_audit *out)
{
	if (!out)
		return;
	free(out->exposed);
	*out = (struct iz_disclose_audit)IZ_DISCLOSE_AUDIT_INIT;
}
