/*
 * Unit tests for strmap: insert, lookup, replace, counts, growth past many
 * resizes, key copying, and the free_value callback.
 */
#include "inzicht/strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iztest.h"

static int one, two, three;

static void test_strmap_new_is_empty(void **state)
{
	struct iz_strmap *m = iz_strmap_new();

	(void)state;
	assert_int_equal(iz_strmap_count(m), 0);
	assert_null(iz_strmap_get(m, "GM0363"));
	assert_null(iz_strmap_get(m, ""));
	iz_strmap_free(m, NULL);
}

static void test_strmap_put_then_get(void **state)
{
	struct iz_strmap *m = iz_strmap_new();

	(void)state;
	iz_strmap_put(m, "GM0363", &one);
	iz_strmap_put(m, "GM0344", &two);
	iz_strmap_put(m, "", &three); /* the empty key is a key too */
	assert_int_equal(iz_strmap_count(m), 3);
	assert_ptr_equal(iz_strmap_get(m, "GM0363"), &one);
	assert_ptr_equal(iz_strmap_get(m, "GM0344"), &two);
	assert_ptr_equal(iz_strmap_get(m, ""), &three);
	assert_null(iz_strmap_get(m, "GM036"));
	assert_null(iz_strmap_get(m, "GM03633"));
	assert_null(iz_strmap_get(m, "gm0363"));
	iz_strmap_free(m, NULL);
}

static void test_strmap_put_existing_key_replaces(void **state)
{
	struct iz_strmap *m = iz_strmap_new();

	(void)state;
	iz_strmap_put(m, "NL01", &one);
	iz_strmap_put(m, "NL01", &two);
	assert_int_equal(iz_strmap_count(m), 1);
	assert_ptr_equal(iz_strmap_get(m, "NL01"), &two);
	iz_strmap_free(m, NULL);
}

static void test_strmap_keys_are_copied(void **state)
{
	struct iz_strmap *m = iz_strmap_new();
	char key[16];

	(void)state;
	snprintf(key, sizeof(key), "PV20");
	iz_strmap_put(m, key, &one);
	snprintf(key, sizeof(key), "PV21");
	assert_null(iz_strmap_get(m, "PV21"));
	assert_ptr_equal(iz_strmap_get(m, "PV20"), &one);
	iz_strmap_free(m, NULL);
}

static void test_strmap_ten_thousand_keys_with_growth(void **state)
{
	struct iz_strmap *m = iz_strmap_new();
	char key[32];
	long i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof(key), "BU%08ld", i);
		iz_strmap_put(m, key, (void *)(intptr_t)(i + 1));
	}
	assert_int_equal(iz_strmap_count(m), 10000);
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof(key), "BU%08ld", i);
		assert_int_equal((intptr_t)iz_strmap_get(m, key), i + 1);
	}
	/* replacing every other value keeps the count */
	for (i = 0; i < 10000; i += 2) {
		snprintf(key, sizeof(key), "BU%08ld", i);
		iz_strmap_put(m, key, (void *)(intptr_t)-(i + 1));
	}
	assert_int_equal(iz_strmap_count(m), 10000);
	snprintf(key, sizeof(key), "BU%08d", 4242);
	assert_int_equal((intptr_t)iz_strmap_get(m, key), -4243);
	snprintf(key, sizeof(key), "BU%08d", 4243);
	assert_int_equal((intptr_t)iz_strmap_get(m, key), 4244);
	assert_null(iz_strmap_get(m, "BU00010000"));
	iz_strmap_free(m, NULL);
}

/* free_value bookkeeping: every value is a counter that must reach 1. */
static void count_free(void *p)
{
	int *n = p;

	(*n)++;
}

static void test_strmap_free_value_called_once_per_value(void **state)
{
	struct iz_strmap *m = iz_strmap_new();
	int *counters = calloc(1000, sizeof(int));
	char key[32];
	int i;

	(void)state;
	assert_non_null(counters);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		iz_strmap_put(m, key, &counters[i]);
	}
	iz_strmap_free(m, count_free);
	for (i = 0; i < 1000; i++)
		if (counters[i] != 1)
			fail_msg("value %d freed %d times", i, counters[i]);
	free(counters);
}

static void test_strmap_free_value_owns_heap_values(void **state)
{
	struct iz_strmap *m = iz_strmap_new();
	char key[32];
	int i;

	(void)state;
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "GM%04d", i);
		iz_strmap_put(m, key, strdup(key));
	}
	assert_string_equal(iz_strmap_get(m, "GM0042"), "GM0042");
	iz_strmap_free(m, free); /* valgrind checks nothing leaks */
}

static void test_strmap_free_null_is_noop(void **state)
{
	(void)state;
	iz_strmap_free(NULL, NULL);
	iz_strmap_free(NULL, free);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strmap_new_is_empty),
		cmocka_unit_test(test_strmap_put_then_get),
		cmocka_unit_test(test_strmap_put_existing_key_replaces),
		cmocka_unit_test(test_strmap_keys_are_copied),
		cmocka_unit_test(test_strmap_ten_thousand_keys_with_growth),
		cmocka_unit_test(test_strmap_free_value_called_once_per_value),
		cmocka_unit_test(test_strmap_free_value_owns_heap_values),
		cmocka_unit_test(test_strmap_free_null_is_noop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
