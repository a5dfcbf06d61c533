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

#endif
