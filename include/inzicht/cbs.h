/*
 * CBS OData sources: v3 (opendata.cbs.nl / dataderden.cbs.nl, ODataFeed) and
 * v4 (datasets.cbs.nl/odata/v1). Reads the table catalog (for change
 * detection and succession), the metadata, the dimensions and the paged
 * observations, and writes them into the store inside the caller's
 * transaction. Every response is checked against what the source promised;
 * a mismatch is an error naming the URL and the key.
 */
#ifndef INZICHT_CBS_H
#define INZICHT_CBS_H

#include <stdint.h>

#include "inzicht/catalog.h"
#include "inzicht/error.h"
#include "inzicht/http.h"
#include "inzicht/store.h"

/* One table as listed by a catalog service. All strings owned. */
struct iz_cbs_table_row {
	char *identifier;
	char *title;
	char *modified;        /* v3 Modified; v4 ObservationsModified */
	char *reason_delivery; /* v3 ReasonDelivery; v4 VersionReason */
	char *frequency;
	char *output_status;   /* v3 OutputStatus; v4 Status */
};

struct iz_cbs_listing {
	struct iz_cbs_table_row *rows;
	size_t n;
};

/* The root of the service that serves ds (scheme://host), new string. */
char *iz_cbs_host(const struct iz_dataset *ds);

/* The catalog URL listing all tables for ds's source and host (one request
 * per host and run). New string. */
char *iz_cbs_listing_url(const struct iz_dataset *ds);

/* Fetch and parse a catalog listing. *out owned by caller
 * (iz_cbs_listing_release). */
int iz_cbs_listing_fetch(struct iz_cbs_listing *out, struct iz_http *h,
			 const struct iz_dataset *ds, struct iz_error *err);
/* Parse a listing from a response body (for tests); url for messages. */
int iz_cbs_listing_parse(struct iz_cbs_listing *out, const char *body,
			 size_t len, const char *url, enum iz_source src,
			 struct iz_error *err);
void iz_cbs_listing_release(struct iz_cbs_listing *l);

/* The row of table identifier (case-insensitive), or NULL. */
const struct iz_cbs_table_row *
iz_cbs_listing_find(const struct iz_cbs_listing *l, const char *identifier);

/* Identifier of a newer edition of the table (same title apart from its
 * numbers, higher year in the title or later modified), or NULL. Lent. */
const char *iz_cbs_newer_edition(const struct iz_cbs_listing *l,
				 const char *identifier);

/* The table is marked stopped or discontinued. */
bool iz_cbs_row_stopped(const struct iz_cbs_table_row *row);

struct iz_cbs_result {
	int64_t observations; /* observation parts stored */
	int64_t pages;
	char *modified;       /* source Modified as used for change checks */
};

/* Called after every page with the running totals (for a progress line). */
typedef void (*iz_progress_fn)(void *ctx, int64_t pages, int64_t observations);

/*
 * Load dataset ds into the store, replacing what it held, inside the
 * transaction the caller opened. listed is the catalog row (or NULL).
 * On failure the caller rolls back. res->modified is owned by the caller.
 * progress may be NULL.
 */
int iz_cbs_fetch(struct iz_cbs_result *res, struct iz_http *h,
		 struct iz_store *st, const struct iz_dataset *ds,
		 const struct iz_cbs_table_row *listed, iz_progress_fn progress,
		 void *progress_ctx, struct iz_error *err);

#endif
