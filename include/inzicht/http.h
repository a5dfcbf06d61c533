/*
 * Every HTTP request of inzicht goes through here: GET over one reused
 * libcurl handle (keep-alive), gzip, connect and low-speed timeouts, a body
 * size cap, retries with exponential backoff and jitter on 429/5xx and
 * transient errors (honouring Retry-After), TLS verification always on.
 * The same client can rewrite hosts to a mirror, record every response to a
 * directory, or replay responses from such a recording without a network.
 */
#ifndef INZICHT_HTTP_H
#define INZICHT_HTTP_H

#include <stddef.h>

#include "inzicht/error.h"

struct iz_http_options {
	long connect_timeout_s;   /* default 30 */
	long low_speed_time_s;    /* abort when < 1 byte/s for this long; 120 */
	size_t max_body;          /* bytes; default 512 MiB */
	unsigned max_attempts;    /* including the first; default 5 */
	double backoff_s;         /* first retry delay; default 1.0 */
	double max_retry_total_s; /* cap on all waiting; default 300 */
	const char *mirror;       /* replaces scheme://host, or NULL */
	const char *record_dir;   /* write every response here, or NULL */
	const char *replay_dir;   /* answer from this recording, or NULL */
};

/* Defaults, overridable from the environment (see README: "Tuning"). */
void iz_http_options_init(struct iz_http_options *o);

struct iz_http;

/* Once per process, before any client exists (main does it); -1 on
 * failure. */
int iz_http_global_init(void);
void iz_http_global_cleanup(void);

/* curl_global_init must have run (main does it). *out: iz_http_free. */
int iz_http_new(struct iz_http **out, const struct iz_http_options *o,
		struct iz_error *err);
void iz_http_free(struct iz_http *h);

struct iz_response {
	long status;
	char *body; /* NUL-terminated; len excludes the NUL */
	size_t len;
	char *content_type; /* or NULL */
	unsigned attempts;
};

/*
 * GET url (a source URL: the mirror and replay apply here). extra_headers is
 * a NULL-terminated list such as "apikey: ..." or NULL; header values are
 * never logged, recorded or put in messages. Success means a 2xx response
 * with a complete body; then *out holds it (iz_response_release). Anything
 * else, after retries, is -1 with IZ_EHTTP naming the URL, the HTTP status
 * and the number of attempts.
 */
int iz_http_get(struct iz_response *out, struct iz_http *h, const char *url,
		const char *const *extra_headers, struct iz_error *err);
void iz_response_release(struct iz_response *r);

/* The URL actually requested for a source URL (mirror applied); new string. */
char *iz_http_effective_url(const struct iz_http *h, const char *url);

#endif
