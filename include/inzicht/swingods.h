/*
 * The swing-ods source: the Open Data Service (OData v4, JSON, API key) of
 * ABF Research's Swing/databank platform, which serves
 * waarstaatjegemeente.nl. Each catalog measure is a Swing variable; its
 * values per region and period are paged with "@odata.nextLink". The key
 * comes from $INZICHT_WSJG_APIKEY and travels only in the "apikey" request
 * header: never in a URL, a message, the store or a recording.
 */
#ifndef INZICHT_SWINGODS_H
#define INZICHT_SWINGODS_H

#include "inzicht/catalog.h"
#include "inzicht/cbs.h"
#include "inzicht/error.h"
#include "inzicht/http.h"
#include "inzicht/store.h"

/* The environment variable that holds the API key (optional). */
#define IZ_SWINGODS_APIKEY_ENV "INZICHT_WSJG_APIKEY"

/*
 * Load ds into the store inside the caller's transaction: reset the
 * dataset, then per catalog measure the variable's metadata, one indicator
 * and all its value pages, and finally the region names of the geo level.
 * Returns 0, or -1 with err naming the URL and the key (IZ_EHTTP for the
 * transfer and the response shape, IZ_EINPUT for a catalog mismatch). On
 * failure the caller rolls back. res->modified is left NULL; progress may
 * be NULL.
 */
int iz_swingods_fetch(struct iz_cbs_result *res, struct iz_http *h,
		      struct iz_store *st, const struct iz_dataset *ds,
		      iz_progress_fn progress, void *progress_ctx,
		      struct iz_error *err);

/*
 * The first Values URL of variable code in ds:
 * <url>/Variables('<code>')/GeoLevels('<geo_level>')/
 * PeriodLevels('<period_level>')/Periods('all')/Values. New string.
 */
char *iz_swingods_values_url(const struct iz_dataset *ds, const char *code);

#endif
