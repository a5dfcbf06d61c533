/*
 * The non-CBS sources behind one entry point: swing-ods (the Open Data
 * Service of the Swing/databank platform behind waarstaatjegemeente.nl) and
 * csv (an indicator file published at a URL).
 */
#ifndef INZICHT_SOURCES_H
#define INZICHT_SOURCES_H

#include "inzicht/catalog.h"
#include "inzicht/cbs.h"
#include "inzicht/error.h"
#include "inzicht/http.h"
#include "inzicht/store.h"

/*
 * Load ds (source csv or swing-ods) into the store inside the caller's
 * transaction, as iz_cbs_fetch does for CBS tables.
 */
int iz_source_fetch(struct iz_cbs_result *res, struct iz_http *h,
		    struct iz_store *st, const struct iz_dataset *ds,
		    iz_progress_fn progress, void *progress_ctx,
		    struct iz_error *err);

#endif
