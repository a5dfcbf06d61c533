/*
 * HTTP GET over one reused libcurl handle, with retries, a body cap, and the
 * mirror/record/replay switches. curl/curl.h is included here only.
 */
#include "inzicht/http.h"

#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "inzicht/recording.h"
#include "inzicht/url.h"

#ifndef IZ_VERSION
#define IZ_VERSION "dev"
#endif

struct iz_http {
	CURL *curl;
	struct iz_http_options o;
	char *mirror;
	struct iz_recording *replay;
	struct iz_recording *record;
	unsigned short seed[3];
	char errbuf[CURL_ERROR_SIZE];
};

struct buffer {
	char *data;
	size_t len, cap, max;
	bool overflow;
};

int iz_http_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void iz_http_global_cleanup(void)
{
	curl_global_cleanup();
}

static double env_double(const char *name, double def)
{
	const char *v = getenv(name);
	char *end;
	double d;

	if (!v || !*v)
		return def;
	errno = 0;
	d = strtod(v, &end);
	return errno || *end || d < 0 || !isfinite(d) ? def : d;
}

void iz_http_options_init(struct iz_http_options *o)
{
	memset(o, 0, sizeof(*o));
	o->connect_timeout_s =
		(long)env_double("INZICHT_HTTP_CONNECT_TIMEOUT", 30);
	o->low_speed_time_s = (long)env_double("INZICHT_HTTP_TIMEOUT", 120);
	o->max_body = (size_t)env_double("INZICHT_HTTP_MAX_BODY_MB", 512) *
		      1024 * 1024;
	o->max_attempts = (unsigned)env_double("INZICHT_HTTP_ATTEMPTS", 5);
	o->backoff_s = env_double("INZICHT_HTTP_BACKOFF", 1.0);
	o->max_retry_total_s = env_double("INZICHT_HTTP_MAX_WAIT", 300);
	if (o->connect_timeout_s < 1)
		o->connect_timeout_s = 1;
	if (o->low_speed_time_s < 1)
		o->low_speed_time_s = 1;
	if (o->max_attempts < 1)
		o->max_attempts = 1;
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct buffer *b = userdata;
	size_t n = size * nmemb;

	if (b->len + n > b->max) {
		b->overflow = true;
		return 0;
	}
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap ? 2 * b->cap : 65536;
		b->data = iz_xrealloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, ptr, n);
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

static int setup_curl(struct iz_http *h, struct iz_error *err)
{
	CURL *c = curl_easy_init();

	if (!c)
		return iz_fail(err, IZ_EHTTP, "cannot initialise libcurl");
	h->curl = c;
	curl_easy_setopt(c, CURLOPT_USERAGENT, "inzicht/" IZ_VERSION);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, h->o.connect_timeout_s);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, h->o.low_speed_time_s);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	return 0;
}

int iz_http_new(struct iz_http **out, const struct iz_http_options *o,
		struct iz_error *err)
{
	struct iz_http *h = iz_xcalloc(1, sizeof(*h));
	unsigned long t = (unsigned long)time(NULL) ^ (unsigned long)getpid();

	*out = NULL;
	h->o = *o;
	h->o.mirror = NULL;
	h->mirror = o->mirror ? iz_xstrdup(o->mirror) : NULL;
	h->seed[0] = (unsigned short)t;
	h->seed[1] = (unsigned short)(t >> 16);
	h->seed[2] = 0x330e;
	if (o->replay_dir &&
	    iz_recording_open_replay(&h->replay, o->replay_dir, err) < 0)
		goto fail;
	if (o->record_dir &&
	    iz_recording_open_record(&h->record, o->record_dir, err) < 0)
		goto fail;
	if (!h->replay && setup_curl(h, err) < 0)
		goto fail;
	*out = h;
	return 0;
fail:
	iz_http_free(h);
	return -1;
}

void iz_http_free(struct iz_http *h)
{
	if (!h)
		return;
	if (h->curl)
		curl_easy_cleanup(h->curl);
	iz_recording_close(h->replay);
	iz_recording_close(h->record);
	free(h->mirror);
	free(h);
}

void iz_response_release(struct iz_response *r)
{
	if (!r)
		return;
	free(r->body);
	free(r->content_type);
	memset(r, 0, sizeof(*r));
}

char *iz_http_effective_url(const struct iz_http *h, const char *url)
{
	return iz_url_with_origin(url, h->mirror);
}

static bool retryable_curl(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

static bool retryable_status(long status)
{
	return status == 429 || status == 500 || status == 502 ||
	       status == 503 || status == 504;
}

static void sleep_seconds(double s)
{
	struct timespec ts;

	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Exponential backoff with jitter in [0.5, 1.5) of the nominal delay. */
static double backoff_delay(struct iz_http *h, unsigned attempt)
{
	double nominal = h->o.backoff_s * pow(2.0, (double)attempt - 1);

	return nominal * (0.5 + erand48(h->seed));
}

struct attempt {
	CURLcode rc;
	long status;
	double retry_after; /* seconds, or 0 */
};

static void perform(struct attempt *a, struct iz_http *h, const char *url,
		    struct curl_slist *headers, struct buffer *b)
{
	curl_off_t ra = 0;

	b->len = 0;
	b->overflow = false;
	h->errbuf[0] = '\0';
	curl_easy_setopt(h->curl, CURLOPT_URL, url);
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, b);
	a->rc = curl_easy_perform(h->curl);
	a->status = 0;
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &a->status);
	if (a->rc == CURLE_OK && a->status == 0 &&
	    strncmp(url, "file:", 5) == 0)
		a->status = 200;
	a->retry_after = 0;
	if (curl_easy_getinfo(h->curl, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK &&
	    ra > 0)
		a->retry_after = (double)ra;
}

static int attempt_error(struct iz_error *err, const struct attempt *a,
			 struct iz_http *h, const char *url,
			 const struct buffer *b, unsigned attempts)
{
	if (b->overflow)
		return iz_fail(err, IZ_EHTTP,
			       "%s: response larger than the %zu MiB cap", url,
			       h->o.max_body >> 20);
	if (a->rc != CURLE_OK)
		return iz_fail(err, IZ_EHTTP, "%s: %s after %u attempt%s", url,
			       h->errbuf[0] ? h->errbuf
					    : curl_easy_strerror(a->rc),
			       attempts, attempts == 1 ? "" : "s");
	return iz_fail(err, IZ_EHTTP, "%s: HTTP %ld after %u attempt%s", url,
		       a->status, attempts, attempts == 1 ? "" : "s");
}

static void take_response(struct iz_response *out, struct iz_http *h,
			  struct buffer *b, const struct attempt *a,
			  unsigned attempts)
{
	char *ct = NULL;

	curl_easy_getinfo(h->curl, CURLINFO_CONTENT_TYPE, &ct);
	out->status = a->status;
	out->attempts = attempts;
	out->content_type = ct ? iz_xstrdup(ct) : NULL;
	if (!b->data)
		b->data = iz_xcalloc(1, 1);
	out->body = b->data;
	out->len = b->len;
	b->data = NULL;
}

static int get_live(struct iz_response *out, struct iz_http *h,
		    const char *url, struct curl_slist *headers,
		    struct iz_error *err)
{
	struct buffer b = { .max = h->o.max_body };
	struct attempt a;
	unsigned n;
	double waited = 0, delay;

	for (n = 1;; n++) {
		perform(&a, h, url, headers, &b);
		if (a.rc == CURLE_OK && a.status >= 200 && a.status < 300)
			break;
		delay = fmax(backoff_delay(h, n), a.retry_after);
		if (b.overflow || n >= h->o.max_attempts ||
		    waited + delay > h->o.max_retry_total_s ||
		    !(a.rc == CURLE_OK ? retryable_status(a.status)
				       : retryable_curl(a.rc))) {
			attempt_error(err, &a, h, url, &b, n);
			free(b.data);
			return -1;
		}
		sleep_seconds(delay);
		waited += delay;
	}
	take_response(out, h, &b, &a, n);
	return 0;
}

static int get_replay(struct iz_response *out, struct iz_http *h,
		      const char *url, struct iz_error *err)
{
	if (iz_recording_find(h->replay, url, &out->status, &out->content_type,
			      &out->body, &out->len, err) < 0)
		return -1;
	out->attempts = 1;
	if (out->status < 200 || out->status > 299) {
		iz_fail(err, IZ_EHTTP, "%s: HTTP %ld (recorded)", url,
			out->status);
		iz_response_release(out);
		return -1;
	}
	return 0;
}

static struct curl_slist *make_headers(const char *const *extra)
{
	struct curl_slist *list = NULL, *tmp;

	for (; extra && *extra; extra++) {
		tmp = curl_slist_append(list, *extra);
		if (!tmp) {
			fprintf(stderr, "inzicht: out of memory\n");
			exit(1);
		}
		list = tmp;
	}
	return list;
}

int iz_http_get(struct iz_response *out, struct iz_http *h, const char *url,
		const char *const *extra_headers, struct iz_error *err)
{
	struct curl_slist *headers;
	char *eff;
	int rc;

	memset(out, 0, sizeof(*out));
	if (h->replay)
		return get_replay(out, h, url, err);
	eff = iz_http_effective_url(h, url);
	headers = make_headers(extra_headers);
	/* libcurl re-sends custom headers (an API key) to whatever host a
	 * redirect names: with such headers, redirects are not followed. */
	curl_easy_setopt(h->curl, CURLOPT_FOLLOWLOCATION, headers ? 0L : 1L);
	rc = get_live(out, h, eff, headers, err);
	curl_slist_free_all(headers);
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
	free(eff);
	if (rc == 0 && h->record &&
	    iz_recording_add(h->record, url, out->status, out->content_type,
			     out->body, out->len, err) < 0) {
		iz_response_release(out);
		return -1;
	}
	return rc;
}
