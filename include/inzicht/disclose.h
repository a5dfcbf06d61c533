/*
 * Statistical disclosure control of published counts: primary suppression
 * of small cells and secondary (complementary) suppression, so that no
 * suppressed cell can be recomputed from what is published.
 *
 * The model is general: cells hold non-negative integer counts and "sum"
 * relations say that one cell (the total) equals the sum of others (its
 * parts). A 2-D table with margins, a 1-D list with its total, and linked
 * tables that share cells are all sets of cells and sum relations; the
 * builders below make the common shapes.
 *
 * Protection rule. The attacker knows every published cell, every sum
 * relation, and that all cells are non-negative integers. For a suppressed
 * cell, [lo, hi] is the set of values the attacker cannot rule out (the
 * integer minimum and maximum over all solutions, hi unbounded when no
 * published total caps it). A suppressed cell is protected when
 *
 *	hi - lo >= max(min_cell, 1)	(or hi is unbounded),
 *
 * for every suppressed cell, primary and secondary alike; so no suppressed
 * cell is ever derivable exactly, and no relation holds exactly one
 * suppressed cell.
 *
 * The attacker is not credited with the inference that hidden cells are
 * non-zero (zeros are never hidden): the lower bound is 0, as in the usual
 * cell suppression models.
 *
 * Primary suppression: a count v with 1 <= v < min_cell. A count equal to
 * min_cell is published. Zero is published and never suppressed: it is
 * treated as a structural zero (an empty cell that everyone may know is
 * empty), and hiding it would not protect anything, since suppressing all
 * non-zero cells always meets the rule. min_cell 0 (or 1) disables primary
 * suppression.
 *
 * Secondary suppression hides, for each cell still unprotected, the
 * cheapest set of published non-zero cells that lets it move by the width
 * needed, where a cell costs its value plus that width, and a total also
 * the largest count of the set (parts go before totals, small before
 * large); then it publishes again every complementary cell the rule does
 * not need. It is deterministic; src/disclose.c has the algorithm.
 */
#ifndef INZICHT_DISCLOSE_H
#define INZICHT_DISCLOSE_H

#include <stdbool.h>
#include <stddef.h>

#include "inzicht/error.h"

/* The usual threshold: counts of 1 to 9 households are not published. */
#define IZ_DISCLOSE_MIN_CELL 10L

/* Largest count a cell may hold (2^31 - 1): sums stay exact in a double. */
#define IZ_DISCLOSE_VALUE_MAX 2147483647L

enum iz_disclose_reason {
	IZ_DISCLOSE_PUBLISHED,
	IZ_DISCLOSE_PRIMARY,   /* below the threshold, or marked by hand */
	IZ_DISCLOSE_SECONDARY, /* hidden to protect other cells */
};

/* An opaque set of cells and sum relations with a suppression mark each. */
struct iz_disclose;

/* A new empty set; never NULL. Free with iz_disclose_free. */
struct iz_disclose *iz_disclose_new(void);
/* Frees d and all it holds; NULL is a no-op. */
void iz_disclose_free(struct iz_disclose *d);

/*
 * Add a cell holding value (a count) and return its index; indexes count up
 * from 0 in the order of adding. The value is checked by protect and audit.
 */
size_t iz_disclose_add_cell(struct iz_disclose *d, long value);

/*
 * Add the relation "cell total = sum of the nparts cells in parts". parts
 * is copied. Fails (-1, IZ_EINPUT) on an index that is no cell, an empty or
 * repeated part, or a total among its own parts. Whether the values add
 * up is checked by protect and audit.
 */
int iz_disclose_add_sum(struct iz_disclose *d, size_t total,
			const size_t *parts, size_t nparts,
			struct iz_error *err);

/*
 * Where the builders put their cells. For a table, cell (i, j) is
 * first + i * cols + j, the total of row i is row_total + i, the total of
 * column j is col_total + j, and grand is the grand total.
 */
struct iz_disclose_table2d {
	size_t rows;
	size_t cols;
	size_t first;
	size_t row_total;
	size_t col_total;
	size_t grand;
};

/* For a list, item i is first + i and total is the sum of all n. */
struct iz_disclose_list {
	size_t n;
	size_t first;
	size_t total;
};

/*
 * Add a rows x cols table of counts (values row-major, borrowed) with its
 * row totals, column totals and grand total, which are computed here, and
 * the relations between them; fill out with where they went. Fails (-1,
 * IZ_EINPUT, nothing added) on an empty shape, a negative count or a total
 * above IZ_DISCLOSE_VALUE_MAX.
 */
int iz_disclose_add_table2d(struct iz_disclose_table2d *out,
			    struct iz_disclose *d, const long *values,
			    size_t rows, size_t cols, struct iz_error *err);

/* The same for a list of n counts and their total. */
int iz_disclose_add_list(struct iz_disclose_list *out, struct iz_disclose *d,
			 const long *values, size_t n, struct iz_error *err);

/*
 * Mark a cell by hand: to audit a suppression pattern made elsewhere, or
 * (IZ_DISCLOSE_PRIMARY) to demand that a cell be hidden for a reason other
 * than the threshold. iz_disclose_protect keeps the hand-made primary
 * marks and recomputes all others.
 */
void iz_disclose_mark(struct iz_disclose *d, size_t cell,
		      enum iz_disclose_reason reason);

/*
 * Suppress: the threshold's primary cells (min_cell as in the protection
 * rule; IZ_DISCLOSE_MIN_CELL is the usual choice, 0 disables) and then
 * complementary cells until every suppressed cell is protected; marks set
 * by hand other than primary are dropped. Fails with
 * -1 and marks unchanged on a negative min_cell (IZ_EUSAGE), on counts that
 * are negative, too large or do not add up to their totals, on a
 * hand-marked cell that cannot be protected (IZ_EINPUT), or when the linear
 * programming solver fails.
 */
int iz_disclose_protect(struct iz_disclose *d, long min_cell,
			struct iz_error *err);

/* How many cells d holds, and per cell (an index below that, asserted) its
 * value and mark. */
size_t iz_disclose_ncells(const struct iz_disclose *d);
long iz_disclose_value(const struct iz_disclose *d, size_t cell);
enum iz_disclose_reason iz_disclose_reason(const struct iz_disclose *d,
					   size_t cell);
bool iz_disclose_is_suppressed(const struct iz_disclose *d, size_t cell);
/* How many cells carry reason. */
size_t iz_disclose_count(const struct iz_disclose *d,
			 enum iz_disclose_reason reason);

/* What an attacker can derive about one cell. */
struct iz_disclose_range {
	size_t cell;
	long lo;
	long hi; /* LONG_MAX when nothing published caps the cell */
};

/*
 * The attacker's range of cell under the current marks, by exact linear
 * programming (integer programming where the relaxation is fractional); a
 * published cell's range is its value. Fails (-1) on data protect rejects
 * or when the solver fails.
 */
int iz_disclose_range(struct iz_disclose_range *out,
		      const struct iz_disclose *d, size_t cell,
		      struct iz_error *err);

/* The outcome of an audit; caller-owned, start with IZ_DISCLOSE_AUDIT_INIT. */
struct iz_disclose_audit {
	size_t checked;                    /* suppressed cells examined */
	size_t nexposed;                   /* of which unprotected */
	struct iz_disclose_range *exposed; /* those, by cell index; owned */
};

#define IZ_DISCLOSE_AUDIT_INIT { .checked = 0, .nexposed = 0, .exposed = NULL }

/*
 * Check the current marks against the protection rule for min_cell: fill
 * out (its old contents are dropped without freeing) with the range of
 * every suppressed cell that is not protected. Returns 0 whatever it finds;
 * -1 (out empty) on the failures of iz_disclose_range or a negative
 * min_cell. Release out with iz_disclose_audit_release.
 */
int iz_disclose_audit(struct iz_disclose_audit *out,
		      const struct iz_disclose *d, long min_cell,
		      struct iz_error *err);
/* Free what out holds and reset it to IZ_DISCLOSE_AUDIT_INIT; NULL is ok. */
void iz_disclose_audit_release(struct iz_disclose_audit *out);

#endif
