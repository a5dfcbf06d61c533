/*
 * Recordings of HTTP responses (fetch --record / --replay, the bundled
 * sample, the test server's fixtures). A recording is a directory holding
 * manifest.tsv and one file per response body:
 *
 *   # inzicht recording 1
 *   <status>\t<content-type>\t<file>\t<url>
 *
 * url is the source URL as requested (before any mirror); lookups compare
 * URLs after percent-decoding. No request headers are ever recorded.
 */
#ifndef INZICHT_RECORDING_H
#define INZICHT_RECORDING_H

#include <stddef.h>

#include "inzicht/error.h"

struct iz_recording;

/* Open dir for replay (reads the manifest) or for recording (creates the
 * directory and manifest, appending to an existing one). */
int iz_recording_open_replay(struct iz_recording **out, const char *dir,
			     struct iz_error *err);
int iz_recording_open_record(struct iz_recording **out, const char *dir,
			     struct iz_error *err);
void iz_recording_close(struct iz_recording *rec);

/*
 * Replay: find url; on success *body (new, NUL-terminated), *len, *status
 * and *content_type (new or NULL) are filled. Not found: -1 with IZ_EHTTP.
 */
int iz_recording_find(struct iz_recording *rec, const char *url, long *status,
		      char **content_type, char **body, size_t *len,
		      struct iz_error *err);

/* Record: append one response. */
int iz_recording_add(struct iz_recording *rec, const char *url, long status,
		     const char *content_type, const char *body, size_t len,
		     struct iz_error *err);

#endif
