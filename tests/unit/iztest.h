/*
 * Shared helpers for the cmocka unit tests: cmocka compares only integers and
 * floats, so doubles get assert_near (absolute) and assert_rel (relative).
 */
#ifndef INZICHT_IZTEST_H
#define INZICHT_IZTEST_H

#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <string.h>
#include <unistd.h>

#define assert_near(a, b, eps)                                               \
	do {                                                                 \
		double a_ = (a), b_ = (b), e_ = (eps);                       \
		if (!(fabs(a_ - b_) <= e_))                                  \
			fail_msg("%.17g is not within %g of %.17g", a_, e_,  \
				 b_);                                        \
	} while (0)

#define assert_rel(a, b, rel)                                                \
	do {                                                                 \
		double a_ = (a), b_ = (b), r_ = (rel);                       \
		if (!(fabs(a_ - b_) <= r_ * fabs(b_)))                       \
			fail_msg("%.17g differs from %.17g by more than %g " \
				 "relative",                                 \
				 a_, b_, r_);                                \
	} while (0)

/* Remove a test's temporary directory and the files in it (one level). */
static inline void iz_test_remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

/* The directory of ../shared/realdata/cbs as seen from the repository root,
 * overridable with $IZ_REALDATA. */
#define IZ_REALDATA_DEFAULT "../shared/realdata/cbs"

#endif
