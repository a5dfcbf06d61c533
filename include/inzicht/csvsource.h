/*
 * The csv source: an indicator file published at a URL (http(s):// or
 * file://), one row per region and period, one column per measure, written
 * the Dutch way: ';' between fields, decimal comma, an optional UTF-8 BOM,
 * and Windows-1252 when it is not UTF-8. The catalog names the region,
 * period and measure columns.
 */
#ifndef INZICHT_CSVSOURCE_H
#define INZICHT_CSVSOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "inzicht/catalog.h"
#include "inzicht/cbs.h"
#include "inzicht/error.h"
#include "inzicht/http.h"
#include "inzicht/store.h"

/*
 * GET ds->url and load it into the store inside the caller's transaction:
 * reset the dataset, one indicator per catalog measure, one observation per
 * row and measure. Returns 0, or -1 with err naming the URL, the line and
 * the column (IZ_EINPUT for content, IZ_EHTTP for the transfer). On failure
 * the caller rolls back. res->modified is left NULL; progress may be NULL.
 */
int iz_csvsource_fetch(struct iz_cbs_result *res, struct iz_http *h,
		       struct iz_store *st, const struct iz_dataset *ds,
		       iz_progress_fn progress, void *progress_ctx,
		       struct iz_error *err);

/*
 * Read one cell as a number the Dutch or the English way: "12,5" and
 * "12.5" are 12.5; "1.234,5" is 1234.5 (dots group thousands only when a
 * decimal comma follows). Returns 1 with *out set; 0 for a missing value
 * (empty, ".", "-", "x", "?") with *status set to a static string ("empty"
 * or the symbol); -1 when the cell is not a number. White space around the
 * cell is ignored.
 */
int iz_csvsource_number(double *out, const char **status, const char *cell);

/*
 * A period cell as a CBS period code: "2023" becomes "2023JJ00", a code
 * already of the form yyyyTTnn ("2023KW02") is kept. White space around it
 * is ignored. Returns 0 with out (n bytes, at least 9) filled, or -1.
 */
int iz_csvsource_period(char *out, size_t n, const char *cell);

/*
 * s[0..len) as UTF-8: a copy when it is valid UTF-8, else the bytes read as
 * Windows-1252. New NUL-terminated string (caller frees); *out_len is its
 * length. *converted says whether it was Windows-1252.
 */
char *iz_csvsource_utf8(const char *s, size_t len, size_t *out_len,
			bool *converted);

#endif
