/*
 * Unit tests for disclose: primary and secondary suppression on small
 * hand-made tables, the attacker ranges against brute force, the checks on
 * the input, and the property that after iz_disclose_protect no cell of
 * 1 000 random tables (and 100 three-way tables) can be narrowed below the
 * threshold, with no superfluous complement.
 */
#include "inzicht/disclose.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "iztest.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Every suppressed cell is protected for min_cell. */
static void assert_audit_clean(const struct iz_disclose *d, long min_cell)
{
	struct iz_disclose_audit a = IZ_DISCLOSE_AUDIT_INIT;
	struct iz_error err = IZ_ERROR_INIT;

	assert_int_equal(iz_disclose_audit(&a, d, min_cell, &err), 0);
	if (a.nexposed > 0)
		fail_msg("cell %zu exposed: range [%ld, %ld]",
			 a.exposed[0].cell, a.exposed[0].lo, a.exposed[0].hi);
	assert_int_equal(a.checked,
			 iz_disclose_ncells(d) -
			     iz_disclose_count(d, IZ_DISCLOSE_PUBLISHED));
	iz_disclose_audit_release(&a);
}

static void assert_range(const struct iz_disclose *d, size_t cell, long lo,
			 long hi)
{
	struct iz_disclose_range r;
	struct iz_error err = IZ_ERROR_INIT;

	assert_int_equal(iz_disclose_range(&r, d, cell, &err), 0);
	assert_int_equal(r.cell, cell);
	assert_int_equal(r.lo, lo);
	assert_int_equal(r.hi, hi);
}

static struct iz_disclose *new_list(struct iz_disclose_list *l, const long *v,
				    size_t n)
{
	struct iz_disclose *d = iz_disclose_new();
	struct iz_error err = IZ_ERROR_INIT;

	assert_int_equal(iz_disclose_add_list(l, d, v, n, &err), 0);
	return d;
}

static struct iz_disclose *new_table(struct iz_disclose_table2d *t,
				     const long *v, size_t rows, size_t cols)
{
	struct iz_disclose *d = iz_disclose_new();
	struct iz_error err = IZ_ERROR_INIT;

	assert_int_equal(iz_disclose_add_table2d(t, d, v, rows, cols, &err), 0);
	return d;
}

static void protect(struct iz_disclose *d, long min_cell)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (iz_disclose_protect(d, min_cell, &err) != 0)
		fail_msg("protect: %s", err.msg);
}

static void test_add_table2d_lays_out_cells_and_margins(void **state)
{
	const long v[] = { 1, 2, 3, 4, 5, 6 };
	struct iz_disclose_table2d t;
	struct iz_disclose *d = new_table(&t, v, 2, 3);

	(void)state;
	assert_int_equal(iz_disclose_ncells(d), 6 + 2 + 3 + 1);
	assert_int_equal(t.rows, 2);
	assert_int_equal(t.cols, 3);
	assert_int_equal(iz_disclose_value(d, t.first + 1 * 3 + 2), 6);
	assert_int_equal(iz_disclose_value(d, t.row_total), 6);
	assert_int_equal(iz_disclose_value(d, t.row_total + 1), 15);
	assert_int_equal(iz_disclose_value(d, t.col_total), 5);
	assert_int_equal(iz_disclose_value(d, t.col_total + 2), 9);
	assert_int_equal(iz_disclose_value(d, t.grand), 21);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_PUBLISHED), 12);
	iz_disclose_free(d);
}

static void
test_protect_row_with_one_small_cell_gets_one_complement(void **state)
{
	const long v[] = { 40, 3, 60, 50 };
	struct iz_disclose_list l;
	struct iz_disclose *d = new_list(&l, v, NELEM(v));

	(void)state;
	protect(d, IZ_DISCLOSE_MIN_CELL);
	assert_int_equal(iz_disclose_reason(d, l.first + 1),
			 IZ_DISCLOSE_PRIMARY);
	/* The smallest other part, not the total. */
	assert_int_equal(iz_disclose_reason(d, l.first), IZ_DISCLOSE_SECONDARY);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_PRIMARY), 1);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_SECONDARY), 1);
	assert_false(iz_disclose_is_suppressed(d, l.total));
	assert_range(d, l.first + 1, 0, 43);
	assert_audit_clean(d, IZ_DISCLOSE_MIN_CELL);
	iz_disclose_free(d);
}

static void test_protect_2x2_table_hides_the_rectangle(void **state)
{
	const long v[] = { 3, 20, 30, 40 };
	struct iz_disclose_table2d t;
	struct iz_disclose *d = new_table(&t, v, 2, 2);
	size_t i;

	(void)state;
	protect(d, IZ_DISCLOSE_MIN_CELL);
	assert_int_equal(iz_disclose_reason(d, t.first), IZ_DISCLOSE_PRIMARY);
	for (i = 1; i < 4; i++)
		assert_int_equal(iz_disclose_reason(d, t.first + i),
				 IZ_DISCLOSE_SECONDARY);
	for (i = 4; i < iz_disclose_ncells(d); i++)
		assert_false(iz_disclose_is_suppressed(d, i));
	/* One degree of freedom t: 3 - min(3, 40) <= t <= 3 + min(20, 30). */
	assert_range(d, t.first, 0, 23);
	assert_range(d, t.first + 3, 37, 60);
	assert_audit_clean(d, IZ_DISCLOSE_MIN_CELL);
	iz_disclose_free(d);
}

static void test_protect_publishes_zeros(void **state)
{
	const long lv[] = { 0, 0, 4, 50, 70 };
	const long tv[] = { 0, 5, 0, 40, 12, 0, 30, 25, 0, 0, 7, 60 };
	struct iz_disclose_table2d t;
	struct iz_disclose_list l;
	struct iz_disclose *d = new_list(&l, lv, NELEM(lv));
	size_t i;

	(void)state;
	protect(d, IZ_DISCLOSE_MIN_CELL);
	assert_int_equal(iz_disclose_reason(d, l.first + 2),
			 IZ_DISCLOSE_PRIMARY);
	/* The zeros are cheaper but would not hide anything. */
	assert_int_equal(iz_disclose_reason(d, l.first + 3),
			 IZ_DISCLOSE_SECONDARY);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_SECONDARY), 1);
	iz_disclose_free(d);

	d = new_table(&t, tv, 3, 4);
	protect(d, IZ_DISCLOSE_MIN_CELL);
	for (i = 0; i < iz_disclose_ncells(d); i++)
		if (iz_disclose_value(d, i) == 0)
			assert_false(iz_disclose_is_suppressed(d, i));
	/* 5 and 7, and the total 5 of column 1. */
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_PRIMARY), 3);
	assert_audit_clean(d, IZ_DISCLOSE_MIN_CELL);
	iz_disclose_free(d);
}

static void test_protect_min_cell_zero_disables(void **state)
{
	const long v[] = { 1, 2, 3, 4, 0, 9 };
	struct iz_disclose_table2d t;
	struct iz_disclose *d = new_table(&t, v, 2, 3);

	(void)state;
	protect(d, 0);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_PUBLISHED),
			 iz_disclose_ncells(d));
	/* 1 disables it too: there is no count from 1 to 0. */
	protect(d, 1);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_PUBLISHED),
			 iz_disclose_ncells(d));
	iz_disclose_free(d);
}

static void test_protect_publishes_cell_equal_to_threshold(void **state)
{
	const long v[] = { 10, 50, 60 };
	struct iz_disclose_list l;
	struct iz_disclose *d = new_list(&l, v, NELEM(v));

	(void)state;
	protect(d, 10);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_PUBLISHED), 4);
	protect(d, 11);
	assert_int_equal(iz_disclose_reason(d, l.first), IZ_DISCLOSE_PRIMARY);
	assert_int_equal(iz_disclose_reason(d, l.first + 1),
			 IZ_DISCLOSE_SECONDARY);
	iz_disclose_free(d);
}

static void test_protect_list_two_small_cells_cover_each_other(void **state)
{
	const long v[] = { 4, 100, 7, 200 };
	struct iz_disclose_list l;
	struct iz_disclose *d = new_list(&l, v, NELEM(v));

	(void)state;
	protect(d, IZ_DISCLOSE_MIN_CELL);
	/* x0 + x2 = 11: either may be anything from 0 to 11. */
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_PRIMARY), 2);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_SECONDARY), 0);
	assert_range(d, l.first, 0, 11);
	assert_range(d, l.first + 2, 0, 11);
	assert_audit_clean(d, IZ_DISCLOSE_MIN_CELL);
	iz_disclose_free(d);
}

static void test_protect_list_two_tiny_cells_need_a_third(void **state)
{
	const long v[] = { 2, 200, 3, 100 };
	struct iz_disclose_list l;
	struct iz_disclose *d = new_list(&l, v, NELEM(v));

	(void)state;
	protect(d, IZ_DISCLOSE_MIN_CELL);
	/* x0 + x2 = 5 is too narrow; the smallest other part joins. */
	assert_int_equal(iz_disclose_reason(d, l.first + 3),
			 IZ_DISCLOSE_SECONDARY);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_SECONDARY), 1);
	assert_range(d, l.first, 0, 105);
	assert_audit_clean(d, IZ_DISCLOSE_MIN_CELL);
	iz_disclose_free(d);
}

/* Table A (2 x 3) and a list B that breaks A's grand total down another
 * way: the two share one cell. */
static void test_protect_linked_tables_sharing_a_total(void **state)
{
	const long av[] = { 40, 3, 55, 70, 80, 90 };
	const long bv[] = { 5, 150, 183 };
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_disclose_table2d a;
	struct iz_disclose *d = new_table(&a, av, 2, 3);
	size_t parts[3], k;

	(void)state;
	for (k = 0; k < 3; k++)
		parts[k] = iz_disclose_add_cell(d, bv[k]);
	assert_int_equal(iz_disclose_add_sum(d, a.grand, parts, 3, &err), 0);
	protect(d, IZ_DISCLOSE_MIN_CELL);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_PRIMARY), 2);
	assert_true(iz_disclose_is_suppressed(d, a.first + 1));
	assert_true(iz_disclose_is_suppressed(d, parts[0]));
	/* B's complement is its smallest other part, not the shared total. */
	assert_true(iz_disclose_is_suppressed(d, parts[1]));
	assert_false(iz_disclose_is_suppressed(d, a.grand));
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_SECONDARY), 4);
	assert_audit_clean(d, IZ_DISCLOSE_MIN_CELL);
	iz_disclose_free(d);
}

/*
 * Two tables of the same households by district and by age, both with the
 * same scheme totals; an equality (a sum with one part) ties each copy of
 * a shared margin, so the copies are hidden alike.
 */
static void test_protect_linked_tables_hide_shared_margins_alike(void **state)
{
	const long av[] = { 3, 40, 50, 4, 60, 70 };
	const long bv[] = { 5, 45, 30, 2, 55, 90 };
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_disclose_table2d a, b;
	struct iz_disclose *d = new_table(&a, av, 2, 3);
	size_t j, same;

	(void)state;
	assert_int_equal(iz_disclose_add_table2d(&b, d, bv, 2, 3, &err), 0);
	for (j = 0; j < 3; j++) {
		same = b.col_total + j;
		assert_int_equal(
		    iz_disclose_add_sum(d, a.col_total + j, &same, 1, &err), 0);
	}
	protect(d, IZ_DISCLOSE_MIN_CELL);
	/* Column 0 totals 7 in both tables. */
	assert_int_equal(iz_disclose_reason(d, a.col_total),
			 IZ_DISCLOSE_PRIMARY);
	assert_int_equal(iz_disclose_reason(d, b.col_total),
			 IZ_DISCLOSE_PRIMARY);
	for (j = 0; j < 3; j++)
		assert_int_equal(iz_disclose_is_suppressed(d, a.col_total + j),
				 iz_disclose_is_suppressed(d, b.col_total + j));
	assert_audit_clean(d, IZ_DISCLOSE_MIN_CELL);
	iz_disclose_free(d);
}

static void test_protect_keeps_hand_marked_primary(void **state)
{
	const long v[] = { 70, 50, 60 };
	struct iz_disclose_list l;
	struct iz_disclose *d = new_list(&l, v, NELEM(v));

	(void)state;
	iz_disclose_mark(d, l.first, IZ_DISCLOSE_PRIMARY);
	protect(d, IZ_DISCLOSE_MIN_CELL);
	assert_int_equal(iz_disclose_reason(d, l.first), IZ_DISCLOSE_PRIMARY);
	assert_int_equal(iz_disclose_reason(d, l.first + 1),
			 IZ_DISCLOSE_SECONDARY);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_SECONDARY), 1);
	/* Marked published again, the cell is left to the threshold. */
	iz_disclose_mark(d, l.first, IZ_DISCLOSE_PUBLISHED);
	protect(d, IZ_DISCLOSE_MIN_CELL);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_PUBLISHED), 4);
	iz_disclose_free(d);
}

static void test_protect_cell_outside_any_relation(void **state)
{
	struct iz_disclose *d = iz_disclose_new();
	size_t c;

	(void)state;
	c = iz_disclose_add_cell(d, 3);
	iz_disclose_add_cell(d, 30);
	protect(d, IZ_DISCLOSE_MIN_CELL);
	assert_int_equal(iz_disclose_reason(d, c), IZ_DISCLOSE_PRIMARY);
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_SECONDARY), 0);
	assert_range(d, c, 0, LONG_MAX);
	iz_disclose_free(d);
}

static void test_protect_is_deterministic_and_idempotent(void **state)
{
	const long v[] = { 3, 12, 0, 40, 8, 2, 90, 15, 11, 30, 1, 25 };
	enum iz_disclose_reason first[32];
	struct iz_disclose_table2d t;
	struct iz_disclose *d = new_table(&t, v, 3, 4);
	struct iz_disclose *e = new_table(&t, v, 3, 4);
	size_t i, n = iz_disclose_ncells(d);

	(void)state;
	assert_true(n <= NELEM(first));
	protect(d, IZ_DISCLOSE_MIN_CELL);
	for (i = 0; i < n; i++)
		first[i] = iz_disclose_reason(d, i);
	protect(d, IZ_DISCLOSE_MIN_CELL);
	protect(e, IZ_DISCLOSE_MIN_CELL);
	for (i = 0; i < n; i++) {
		assert_int_equal(iz_disclose_reason(d, i), first[i]);
		assert_int_equal(iz_disclose_reason(e, i), first[i]);
	}
	assert_audit_clean(d, IZ_DISCLOSE_MIN_CELL);
	iz_disclose_free(e);
	iz_disclose_free(d);
}

static void test_audit_reports_derivable_cell(void **state)
{
	const long v[] = { 3, 40, 50 };
	struct iz_disclose_audit a = IZ_DISCLOSE_AUDIT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_disclose_list l;
	struct iz_disclose *d = new_list(&l, v, NELEM(v));

	(void)state;
	iz_disclose_mark(d, l.first, IZ_DISCLOSE_PRIMARY);
	assert_int_equal(iz_disclose_audit(&a, d, 10, &err), 0);
	assert_int_equal(a.checked, 1);
	assert_int_equal(a.nexposed, 1);
	assert_int_equal(a.exposed[0].cell, l.first);
	assert_int_equal(a.exposed[0].lo, 3);
	assert_int_equal(a.exposed[0].hi, 3);
	iz_disclose_audit_release(&a);
	assert_null(a.exposed);
	assert_int_equal(a.nexposed, 0);
	iz_disclose_free(d);
}

static void test_audit_reports_range_narrower_than_threshold(void **state)
{
	const long v[] = { 3, 4, 50 };
	struct iz_disclose_audit a = IZ_DISCLOSE_AUDIT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_disclose_list l;
	struct iz_disclose *d = new_list(&l, v, NELEM(v));

	(void)state;
	iz_disclose_mark(d, l.first, IZ_DISCLOSE_PRIMARY);
	iz_disclose_mark(d, l.first + 1, IZ_DISCLOSE_PRIMARY);
	assert_int_equal(iz_disclose_audit(&a, d, 10, &err), 0);
	assert_int_equal(a.nexposed, 2);
	assert_int_equal(a.exposed[1].cell, l.first + 1);
	assert_int_equal(a.exposed[1].lo, 0);
	assert_int_equal(a.exposed[1].hi, 7);
	iz_disclose_audit_release(&a);
	/* A width of 7 is enough for a threshold of 7. */
	assert_int_equal(iz_disclose_audit(&a, d, 7, &err), 0);
	assert_int_equal(a.nexposed, 0);
	iz_disclose_audit_release(&a);
	iz_disclose_free(d);
}

static void test_range_of_published_cell_is_its_value(void **state)
{
	const long v[] = { 3, 40, 50 };
	struct iz_disclose_list l;
	struct iz_disclose *d = new_list(&l, v, NELEM(v));

	(void)state;
	assert_range(d, l.total, 93, 93);
	assert_range(d, l.first + 1, 40, 40);
	iz_disclose_free(d);
}

/* A new cell holding value, the sum of the n cells in parts. */
static size_t sum_of(struct iz_disclose *d, long value, const size_t *parts,
		     size_t n)
{
	struct iz_error err = IZ_ERROR_INIT;
	size_t total = iz_disclose_add_cell(d, value);

	assert_int_equal(iz_disclose_add_sum(d, total, parts, n, &err), 0);
	return total;
}

/*
 * Two triangles x1 + x2 <= 1, x2 + x3 <= 1, x1 + x3 <= 1 (slack cells make
 * them sums with published totals 1), and T = the sum of all six x. The
 * relaxation lets every x be 1/2, so T could reach 3; integers stop at 2.
 */
static void
test_range_uses_integers_where_relaxation_is_fractional(void **state)
{
	static const int pair[3][2] = { { 0, 1 }, { 1, 2 }, { 0, 2 } };
	const long x[6] = { 1, 0, 0, 1, 0, 0 };
	struct iz_disclose_audit a = IZ_DISCLOSE_AUDIT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_disclose *d = iz_disclose_new();
	size_t xs[6], p[3], i, k, t;

	(void)state;
	for (i = 0; i < 6; i++)
		xs[i] = iz_disclose_add_cell(d, x[i]);
	for (i = 0; i < 6; i++) {
		k = i / 3 * 3;
		p[0] = xs[k + pair[i % 3][0]];
		p[1] = xs[k + pair[i % 3][1]];
		p[2] = iz_disclose_add_cell(d, 1 - iz_disclose_value(d, p[0]) -
						   iz_disclose_value(d, p[1]));
		iz_disclose_mark(d, p[2], IZ_DISCLOSE_SECONDARY);
		sum_of(d, 1, p, 3);
	}
	t = sum_of(d, 2, xs, 6);
	for (i = 0; i < 6; i++)
		iz_disclose_mark(d, xs[i], IZ_DISCLOSE_SECONDARY);
	iz_disclose_mark(d, t, IZ_DISCLOSE_PRIMARY);
	assert_range(d, t, 0, 2);
	assert_range(d, xs[0], 0, 1);
	/* The audit solves all cells in one problem: the same answers. */
	assert_int_equal(iz_disclose_audit(&a, d, 3, &err), 0);
	assert_int_equal(a.nexposed, a.checked);
	assert_int_equal(a.exposed[a.nexposed - 1].cell, t);
	assert_int_equal(a.exposed[a.nexposed - 1].hi, 2);
	iz_disclose_audit_release(&a);
	iz_disclose_free(d);
}

static void test_add_sum_rejects_bad_cells(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_disclose *d = iz_disclose_new();
	size_t bad[] = { 1, 7 }, twice[] = { 1, 1 }, self[] = { 0, 1 };

	(void)state;
	iz_disclose_add_cell(d, 1);
	iz_disclose_add_cell(d, 1);
	assert_int_equal(iz_disclose_add_sum(d, 5, self, 2, &err), -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg, "no cell '5' for a total");
	assert_int_equal(iz_disclose_add_sum(d, 0, bad, 2, &err), -1);
	assert_string_equal(err.msg,
			    "no cell '7' for a part of the sum for cell 0");
	assert_int_equal(iz_disclose_add_sum(d, 0, twice, 2, &err), -1);
	assert_string_equal(err.msg, "cell '1' twice in the sum for cell 0");
	assert_int_equal(iz_disclose_add_sum(d, 0, self, 2, &err), -1);
	assert_string_equal(err.msg, "cell '0' twice in the sum for cell 0");
	assert_int_equal(iz_disclose_add_sum(d, 0, self, 0, &err), -1);
	assert_string_equal(err.msg, "no parts in the sum for cell 0");
	/* A sum of one part says two cells are equal. */
	assert_int_equal(iz_disclose_add_sum(d, 0, &self[1], 1, &err), 0);
	iz_disclose_free(d);
}

static void test_add_table2d_rejects_bad_counts(void **state)
{
	const long neg[] = { 1, -2, 3, 4 };
	const long big[] = { IZ_DISCLOSE_VALUE_MAX, 1 };
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_disclose_table2d t;
	struct iz_disclose_list l;
	struct iz_disclose *d = iz_disclose_new();

	(void)state;
	assert_int_equal(iz_disclose_add_table2d(&t, d, neg, 0, 4, &err), -1);
	assert_string_equal(err.msg, "empty table '0x4'");
	assert_int_equal(iz_disclose_add_table2d(&t, d, neg, 2, 2, &err), -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg, "count '-2' out of range 0..2147483647");
	assert_int_equal(iz_disclose_add_list(&l, d, big, 2, &err), -1);
	assert_string_equal(err.msg, "total '2147483648' above 2147483647");
	assert_int_equal(iz_disclose_add_list(&l, d, big, 0, &err), -1);
	assert_string_equal(err.msg, "empty list");
	assert_int_equal(iz_disclose_ncells(d), 0);
	iz_disclose_free(d);
}

static void test_protect_rejects_bad_input(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_disclose *d = iz_disclose_new();
	size_t parts[2];

	(void)state;
	parts[0] = iz_disclose_add_cell(d, 1);
	parts[1] = iz_disclose_add_cell(d, 2);
	sum_of(d, 4, parts, 2);
	assert_int_equal(iz_disclose_protect(d, 10, &err), -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg, "total '4' differs from the sum of its "
				     "parts '3' in cell 2");
	assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_PUBLISHED), 3);
	assert_int_equal(iz_disclose_protect(d, -1, &err), -1);
	assert_int_equal(err.code, IZ_EUSAGE);
	assert_string_equal(err.msg, "negative threshold '-1'");
	iz_disclose_free(d);

	d = iz_disclose_new();
	iz_disclose_add_cell(d, -5);
	assert_int_equal(iz_disclose_protect(d, 10, &err), -1);
	assert_string_equal(err.msg,
			    "count '-5' out of range 0..2147483647 in cell 0");
	iz_disclose_free(d);
}

static void test_protect_fails_when_nothing_can_hide_marked_cell(void **state)
{
	const long v[] = { 0, 0, 3 };
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_disclose_list l;
	struct iz_disclose *d = new_list(&l, v, 2);

	(void)state;
	iz_disclose_add_cell(d, v[2]);
	/* A zero whose total is a published zero is known to be zero. */
	iz_disclose_mark(d, l.first, IZ_DISCLOSE_PRIMARY);
	iz_disclose_mark(d, l.first + 1, IZ_DISCLOSE_SECONDARY);
	assert_int_equal(iz_disclose_protect(d, 10, &err), -1);
	assert_int_equal(err.code, IZ_EINPUT);
	assert_string_equal(err.msg, "cell 0 cannot be protected: no cell "
				     "left to hide it");
	/* The marks are as before the call. */
	assert_int_equal(iz_disclose_reason(d, l.first + 1),
			 IZ_DISCLOSE_SECONDARY);
	assert_int_equal(iz_disclose_reason(d, 3), IZ_DISCLOSE_PUBLISHED);
	iz_disclose_free(d);
}

static void test_free_and_release_accept_null(void **state)
{
	(void)state;
	iz_disclose_free(NULL);
	iz_disclose_audit_release(NULL);
}

/* xorshift64 (Marsaglia 2003): the same tables on every machine. */
static uint64_t next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static long random_below(uint64_t *s, long n)
{
	return (long)(next_random(s) % (uint64_t)n);
}

/* A count, small often: 10% zero, 35% 1..9, 25% 10..29, 30% 30..329. */
static long random_count(uint64_t *s)
{
	long u = random_below(s, 100);

	if (u < 10)
		return 0;
	if (u < 45)
		return 1 + random_below(s, 9);
	if (u < 70)
		return 10 + random_below(s, 20);
	return 30 + random_below(s, 300);
}

/* Suppressed cells among the n cells from first, stride apart, plus one. */
static size_t hidden_in(const struct iz_disclose *d, size_t first, size_t n,
			size_t stride, size_t total)
{
	size_t k, h = iz_disclose_is_suppressed(d, total);

	for (k = 0; k < n; k++)
		h += iz_disclose_is_suppressed(d, first + k * stride);
	return h;
}

/* No row, column or grand-total relation of t holds one hidden cell. */
static void assert_no_lonely_cell(const struct iz_disclose *d,
				  const struct iz_disclose_table2d *t)
{
	size_t i;

	for (i = 0; i < t->rows; i++)
		assert_int_not_equal(hidden_in(d, t->first + i * t->cols,
					       t->cols, 1, t->row_total + i),
				     1);
	for (i = 0; i < t->cols; i++)
		assert_int_not_equal(hidden_in(d, t->first + i, t->rows,
					       t->cols, t->col_total + i),
				     1);
	assert_int_not_equal(hidden_in(d, t->row_total, t->rows, 1, t->grand),
			     1);
	assert_int_not_equal(hidden_in(d, t->col_total, t->cols, 1, t->grand),
			     1);
}

/* Primary exactly the counts 1..min_cell-1; zeros never hidden. */
static void assert_primary_by_threshold(const struct iz_disclose *d,
					long min_cell)
{
	size_t i;
	long v;

	for (i = 0; i < iz_disclose_ncells(d); i++) {
		v = iz_disclose_value(d, i);
		assert_int_equal(iz_disclose_reason(d, i) ==
				     IZ_DISCLOSE_PRIMARY,
				 v >= 1 && v < min_cell);
		if (v == 0)
			assert_false(iz_disclose_is_suppressed(d, i));
	}
}

/* Publishing any one secondary cell again exposes some cell. */
static void assert_secondaries_necessary(struct iz_disclose *d, long min_cell)
{
	struct iz_disclose_audit a = IZ_DISCLOSE_AUDIT_INIT;
	struct iz_error err = IZ_ERROR_INIT;
	size_t i;

	for (i = 0; i < iz_disclose_ncells(d); i++) {
		if (iz_disclose_reason(d, i) != IZ_DISCLOSE_SECONDARY)
			continue;
		iz_disclose_mark(d, i, IZ_DISCLOSE_PUBLISHED);
		assert_int_equal(iz_disclose_audit(&a, d, min_cell, &err), 0);
		assert_true(a.nexposed > 0);
		iz_disclose_audit_release(&a);
		iz_disclose_mark(d, i, IZ_DISCLOSE_SECONDARY);
	}
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * The property: 1 000 random r x c tables (2x2 to 6x8) with margins and
 * many small counts; after protect, the audit finds no cell whose range
 * is narrower than the threshold, no relation holds one hidden cell, and
 * every secondary cell is needed (checked on every tenth table).
 */
static void test_protect_random_tables_pass_audit(void **state)
{
	long v[6 * 8], min_cell;
	size_t rows, cols, k, i, cells = 0, primary = 0, secondary = 0;
	uint64_t seed = 0x2545f4914f6cdd1dULL;
	struct iz_disclose_table2d t;
	struct iz_disclose *d;
	struct timespec t0;

	(void)state;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (k = 0; k < 1000; k++) {
		rows = 2 + (size_t)random_below(&seed, 5);
		cols = 2 + (size_t)random_below(&seed, 7);
		min_cell = k % 5 == 4 ? 5 : IZ_DISCLOSE_MIN_CELL;
		for (i = 0; i < rows * cols; i++)
			v[i] = random_count(&seed);
		d = new_table(&t, v, rows, cols);
		protect(d, min_cell);
		assert_audit_clean(d, min_cell);
		assert_no_lonely_cell(d, &t);
		assert_primary_by_threshold(d, min_cell);
		if (k % 10 == 0)
			assert_secondaries_necessary(d, min_cell);
		cells += iz_disclose_ncells(d);
		primary += iz_disclose_count(d, IZ_DISCLOSE_PRIMARY);
		secondary += iz_disclose_count(d, IZ_DISCLOSE_SECONDARY);
		iz_disclose_free(d);
	}
	print_message("1000 tables, %zu cells: %zu primary, %zu secondary, "
		      "%.2f s\n",
		      cells, primary, secondary, seconds_since(&t0));
}

/* Brute force on a 2 x 3 table: cells as laid out by add_table2d. */
#define BRUTE_CELLS 12
#define BRUTE_CAP 24 /* beyond any bounded value: the grand total <= 18 */

/* The margins of x's interior match every published cell of v. */
static bool brute_fits(long *x, const long *v, const bool *hid)
{
	size_t k;

	x[6] = x[0] + x[1] + x[2];
	x[7] = x[3] + x[4] + x[5];
	for (k = 0; k < 3; k++)
		x[8 + k] = x[k] + x[3 + k];
	x[11] = x[6] + x[7];
	for (k = 6; k < BRUTE_CELLS; k++)
		if (!hid[k] && x[k] != v[k])
			return false;
	return true;
}

static void widen(long *lo, long *hi, const long *x)
{
	size_t k;

	for (k = 0; k < BRUTE_CELLS; k++) {
		lo[k] = x[k] < lo[k] ? x[k] : lo[k];
		hi[k] = x[k] > hi[k] ? x[k] : hi[k];
	}
}

/* Every cell's range over all interiors from 0 to BRUTE_CAP that fit. */
static void brute_ranges(long *lo, long *hi, const long *v, const bool *hid)
{
	size_t free_cell[6], nfree = 0, k;
	long x[BRUTE_CELLS];

	for (k = 0; k < BRUTE_CELLS; k++) {
		lo[k] = LONG_MAX;
		hi[k] = -1;
	}
	for (k = 0; k < 6; k++) {
		x[k] = hid[k] ? 0 : v[k];
		if (hid[k])
			free_cell[nfree++] = k;
	}
	for (;;) {
		if (brute_fits(x, v, hid))
			widen(lo, hi, x);
		for (k = 0; k < nfree && ++x[free_cell[k]] > BRUTE_CAP; k++)
			x[free_cell[k]] = 0;
		if (k == nfree)
			break;
	}
}

/* The ranges iz_disclose_range derives are those brute force finds. */
static void assert_ranges_match_brute_force(const struct iz_disclose *d,
					    const long *v, const bool *hid)
{
	long lo[BRUTE_CELLS], hi[BRUTE_CELLS];
	struct iz_disclose_range r;
	struct iz_error err = IZ_ERROR_INIT;
	size_t k;

	brute_ranges(lo, hi, v, hid);
	for (k = 0; k < BRUTE_CELLS; k++) {
		if (!hid[k])
			continue;
		assert_int_equal(iz_disclose_range(&r, d, k, &err), 0);
		assert_int_equal(r.lo, lo[k]);
		if (r.hi == LONG_MAX)
			assert_true(hi[k] >= BRUTE_CAP);
		else
			assert_int_equal(r.hi, hi[k]);
	}
}

/*
 * The linear programs against enumeration: 300 random 2 x 3 tables of
 * counts 0..3 with random cells hidden (at most 4 interior ones), the
 * attacker's exact integer range of every hidden cell.
 */
static void test_range_matches_brute_force_on_small_tables(void **state)
{
	uint64_t seed = 0x5851f42d4c957f2dULL;
	long v[BRUTE_CELLS], w[6];
	bool hid[BRUTE_CELLS];
	struct iz_disclose_table2d t;
	struct iz_disclose *d;
	size_t k, i, ninterior;

	(void)state;
	for (k = 0; k < 300; k++) {
		for (i = 0; i < 6; i++)
			w[i] = random_below(&seed, 4);
		d = new_table(&t, w, 2, 3);
		for (ninterior = 0, i = 0; i < BRUTE_CELLS; i++) {
			v[i] = iz_disclose_value(d, i);
			hid[i] = random_below(&seed, 100) < 35 &&
				 (i >= 6 || ninterior++ < 4);
			if (hid[i])
				iz_disclose_mark(d, i, IZ_DISCLOSE_SECONDARY);
		}
		assert_ranges_match_brute_force(d, v, hid);
		iz_disclose_free(d);
	}
}

/* A cube of n[0] x n[1] x n[2] counts with all its margins: coordinate
 * n[a] along axis a stands for the total over that axis. */
struct cube {
	size_t n[3];
	size_t first;
};

static size_t cube_cell(const struct cube *q, size_t i, size_t j, size_t k)
{
	return q->first + (i * (q->n[1] + 1) + j) * (q->n[2] + 1) + k;
}

/* Value of cube cell (i, j, k) from the counts v, margins summed. */
static long cube_value(const struct cube *q, const long *v, size_t i, size_t j,
		       size_t k)
{
	size_t l;
	long s = 0;

	if (i == q->n[0]) {
		for (l = 0; l < q->n[0]; l++)
			s += cube_value(q, v, l, j, k);
		return s;
	}
	if (j == q->n[1]) {
		for (l = 0; l < q->n[1]; l++)
			s += cube_value(q, v, i, l, k);
		return s;
	}
	if (k == q->n[2]) {
		for (l = 0; l < q->n[2]; l++)
			s += cube_value(q, v, i, j, l);
		return s;
	}
	return v[(i * q->n[1] + j) * q->n[2] + k];
}

/* The sum along axis a through cell (i, j, k), whose a-th coordinate is
 * the total. */
static void cube_sum(struct iz_disclose *d, const struct cube *q, size_t a,
		     size_t i, size_t j, size_t k)
{
	struct iz_error err = IZ_ERROR_INIT;
	size_t parts[8], l;

	for (l = 0; l < q->n[a]; l++)
		parts[l] = cube_cell(q, a == 0 ? l : i, a == 1 ? l : j,
				     a == 2 ? l : k);
	assert_int_equal(
	    iz_disclose_add_sum(d, cube_cell(q, i, j, k), parts, q->n[a], &err),
	    0);
}

static void cube_add(struct iz_disclose *d, struct cube *q, const long *v)
{
	size_t i, j, k;

	q->first = iz_disclose_ncells(d);
	for (i = 0; i <= q->n[0]; i++)
		for (j = 0; j <= q->n[1]; j++)
			for (k = 0; k <= q->n[2]; k++)
				iz_disclose_add_cell(d,
						     cube_value(q, v, i, j, k));
	for (i = 0; i <= q->n[0]; i++)
		for (j = 0; j <= q->n[1]; j++)
			for (k = 0; k <= q->n[2]; k++) {
				if (i == q->n[0])
					cube_sum(d, q, 0, i, j, k);
				if (j == q->n[1])
					cube_sum(d, q, 1, i, j, k);
				if (k == q->n[2])
					cube_sum(d, q, 2, i, j, k);
			}
}

/*
 * Three-way tables with all their two-way and one-way margins: their
 * relations are not totally unimodular, so the ranges need integer
 * programming. 100 random cubes from 2x2x2 to 3x3x4 pass the audit.
 */
static void test_protect_random_cubes_pass_audit(void **state)
{
	uint64_t seed = 0xd1b54a32d192ed03ULL;
	struct iz_disclose *d;
	struct cube q;
	long v[3 * 3 * 4];
	size_t k, i, a, secondary = 0;

	(void)state;
	for (k = 0; k < 100; k++) {
		for (a = 0; a < 3; a++)
			q.n[a] = 2 + (size_t)random_below(&seed, 2 + (a == 2));
		for (i = 0; i < q.n[0] * q.n[1] * q.n[2]; i++)
			v[i] = random_count(&seed);
		d = iz_disclose_new();
		cube_add(d, &q, v);
		protect(d, IZ_DISCLOSE_MIN_CELL);
		assert_audit_clean(d, IZ_DISCLOSE_MIN_CELL);
		assert_primary_by_threshold(d, IZ_DISCLOSE_MIN_CELL);
		secondary += iz_disclose_count(d, IZ_DISCLOSE_SECONDARY);
		iz_disclose_free(d);
	}
	print_message("100 cubes: %zu secondary\n", secondary);
}

/* The cost protect puts on hiding a cell that is no total. */
static long hiding_cost(long value, long min_cell)
{
	return value + min_cell;
}

/* The cheapest rectangle of hidden cells through interior cell (i, j). */
static long cheapest_rectangle(const long *v, size_t rows, size_t cols,
			       size_t i, size_t j, long min_cell)
{
	long best = LONG_MAX, c;
	size_t k, l;

	for (l = 0; l < rows; l++) {
		for (k = 0; k < cols; k++) {
			if (l == i || k == j)
				continue;
			c = hiding_cost(v[i * cols + k], min_cell) +
			    hiding_cost(v[l * cols + j], min_cell) +
			    hiding_cost(v[l * cols + k], min_cell);
			best = c < best ? c : best;
		}
	}
	return best;
}

/*
 * The simple case: one small interior cell, every other count at least
 * the threshold, so that any rectangle through it would do. Protect hides
 * no margin and costs no more than the cheapest rectangle; mostly it is
 * that rectangle.
 */
static void test_protect_random_simple_tables_beat_every_rectangle(void **state)
{
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	size_t rows, cols, k, i, small, three = 0;
	struct iz_disclose_table2d t;
	struct iz_disclose *d;
	long v[6 * 8], cost;

	(void)state;
	for (k = 0; k < 200; k++) {
		rows = 2 + (size_t)random_below(&seed, 5);
		cols = 2 + (size_t)random_below(&seed, 7);
		for (i = 0; i < rows * cols; i++)
			v[i] = 10 + random_below(&seed, 200);
		small = (size_t)random_below(&seed, (long)(rows * cols));
		v[small] = 1 + random_below(&seed, 9);
		d = new_table(&t, v, rows, cols);
		protect(d, IZ_DISCLOSE_MIN_CELL);
		assert_int_equal(iz_disclose_count(d, IZ_DISCLOSE_PRIMARY), 1);
		assert_true(iz_disclose_count(d, IZ_DISCLOSE_SECONDARY) >= 3);
		three += iz_disclose_count(d, IZ_DISCLOSE_SECONDARY) == 3;
		for (i = rows * cols; i < iz_disclose_ncells(d); i++)
			assert_false(iz_disclose_is_suppressed(d, i));
		for (cost = 0, i = 0; i < rows * cols; i++)
			if (iz_disclose_reason(d, i) == IZ_DISCLOSE_SECONDARY)
				cost += hiding_cost(v[i], IZ_DISCLOSE_MIN_CELL);
		assert_true(cost <= cheapest_rectangle(
					v, rows, cols, small / cols,
					small % cols, IZ_DISCLOSE_MIN_CELL));
		assert_audit_clean(d, IZ_DISCLOSE_MIN_CELL);
		iz_disclose_free(d);
	}
	print_message("200 simple tables: %zu with 3 complements\n", three);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_table2d_lays_out_cells_and_margins),
		cmocka_unit_test(
		    test_protect_row_with_one_small_cell_gets_one_complement),
		cmocka_unit_test(test_protect_2x2_table_hides_the_rectangle),
		cmocka_unit_test(test_protect_publishes_zeros),
		cmocka_unit_test(test_protect_min_cell_zero_disables),
		cmocka_unit_test(
		    test_protect_publishes_cell_equal_to_threshold),
		cmocka_unit_test(
		    test_protect_list_two_small_cells_cover_each_other),
		cmocka_unit_test(test_protect_list_two_tiny_cells_need_a_third),
		cmocka_unit_test(test_protect_linked_tables_sharing_a_total),
		cmocka_unit_test(
		    test_protect_linked_tables_hide_shared_margins_alike),
		cmocka_unit_test(test_protect_keeps_hand_marked_primary),
		cmocka_unit_test(test_protect_cell_outside_any_relation),
		cmocka_unit_test(test_protect_is_deterministic_and_idempotent),
		cmocka_unit_test(test_audit_reports_derivable_cell),
		cmocka_unit_test(
		    test_audit_reports_range_narrower_than_threshold),
		cmocka_unit_test(test_range_of_published_cell_is_its_value),
		cmocka_unit_test(
		    test_range_uses_integers_where_relaxation_is_fractional),
		cmocka_unit_test(test_add_sum_rejects_bad_cells),
		cmocka_unit_test(test_add_table2d_rejects_bad_counts),
		cmocka_unit_test(test_protect_rejects_bad_input),
		cmocka_unit_test(
		    test_protect_fails_when_nothing_can_hide_marked_cell),
		cmocka_unit_test(test_free_and_release_accept_null),
		cmocka_unit_test(
		    test_range_matches_brute_force_on_small_tables),
		cmocka_unit_test(test_protect_random_tables_pass_audit),
		cmocka_unit_test(test_protect_random_cubes_pass_audit),
		cmocka_unit_test(
		    test_protect_random_simple_tables_beat_every_rectangle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
