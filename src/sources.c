/*
 * The one entry point for the sources that are not CBS OData: it hands a
 * dataset to the loader of its source (csvsource, swingods). CBS tables go
 * through iz_cbs_fetch, which also takes the catalog listing row.
 */
#include "inzicht/sources.h"

#include "inzicht/csvsource.h"
#include "inzicht/swingods.h"

int iz_source_fetch(struct iz_cbs_result *res, struct iz_http *h,
		    struct iz_store *st, const struct iz_dataset *ds,
		    iz_progress_fn progress, void *progress_ctx,
		    struct iz_error *err)
{
	switch (ds->source) {
	case IZ_SOURCE_CSV:
		return iz_csvsource_fetch(res, h, st, ds, progress,
					  progress_ctx, err);
	case IZ_SOURCE_SWING_ODS:
		return iz_swingods_fetch(res, h, st, ds, progress, progress_ctx,
					 err);
	case IZ_SOURCE_CBS_V3:
	case IZ_SOURCE_CBS_V4:
		break;
	}
	res->observations = res->pages = 0;
	res->modified = NULL;
	return iz_fail(err, IZ_EINPUT,
		       "%s: source '%s' of dataset '%s' is loaded by the CBS "
		       "fetcher, not here",
		       ds->file, iz_source_name(ds->source), ds->id);
}
