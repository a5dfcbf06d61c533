/*
 * izserver: the loopback-only HTTP/1.1 server of the test suite.
 *
 * It serves a recording directory (manifest.tsv plus response bodies) and
 * injects the fault named by a "/_f/<kind>/<times>/<match>/" path prefix, so
 * one server process can serve every HTTP test. A thread per connection keeps
 * a stalled connection from blocking the others; the main thread accepts,
 * watches the clock and the signal pipe, and on exit wakes every connection
 * with shutdown() and joins its thread, so nothing leaks. See README.md.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define HEAD_MAX (64 * 1024)
#define MAX_CONN 256
#define IO_CHUNK (16 * 1024)
#define CTYPE_MAX 200
#define MANIFEST_MAGIC "# inzicht recording 1"
#define TEXT_PLAIN "text/plain; charset=utf-8"
#define HTML_BODY "<html><body>Service unavailable</body></html>"
#define LIE_BODY "{\"odata.metadata\":\"x\"}"
#define GARBAGE "#not json"
#define USAGE                                                                  \
	"usage: izserver --root <dir> --port-file <file> "                     \
	"[--max-seconds <n>] [--log <file>]\n"

struct options {
	const char *root;
	const char *port_file;
	const char *log;
	long max_seconds;
};

/* One manifest line; key is the decoded path and query of its url. */
struct entry {
	int status;
	char *ctype;
	char *file;
	char *key;
	size_t key_len;
};

enum fault_kind {
	F_STATUS,
	F_429,
	F_429D,
	F_SLOW,
	F_TRUNCATE,
	F_DROP,
	F_BADJSON,
	F_HTML,
	F_LIE,
};

struct fault_def {
	const char *name;
	enum fault_kind kind;
	int status;
};

/* A parsed "/_f/<kind>/<times>/<match>" prefix; def is NULL without one. */
struct fault {
	const struct fault_def *def;
	char *key;
	char *match;
	size_t match_len;
	long times;
	bool any;
};

/* How much of a recorded body to send (the truncate and badjson faults). */
enum body_mode {
	BODY_FULL,
	BODY_HALF_CLOSE,
	BODY_HALF_GARBAGE,
};

struct conn {
	int fd;
	size_t slot;
	size_t len;
	size_t scanned;
	char buf[HEAD_MAX];
};

/* Pointers into the connection's buffer, valid until the next request. */
struct request {
	char *method;
	char *target;
	const char *hdrs;
	const char *hdrs_end;
	long long body_len;
	bool keep_alive;
	bool head_only;
	bool chunked;
};

struct reply {
	int status;
	const char *ctype;
	const char *extra;
	const char *body;
	size_t body_len;
	int file_fd;
	size_t file_len;
	const char *tail;
	size_t length;
	bool close;
};

enum slot_state {
	SLOT_FREE,
	SLOT_RUNNING,
	SLOT_DONE,
};

struct slot {
	enum slot_state state;
	int fd;
	pthread_t thread;
};

struct counter {
	char *key;
	long fired;
};

static const struct fault_def fault_defs[] = {
	{ "500", F_STATUS, 500 }, { "502", F_STATUS, 502 },
	{ "503", F_STATUS, 503 }, { "504", F_STATUS, 504 },
	{ "429", F_429, 429 },    { "429d", F_429D, 429 },
	{ "slow", F_SLOW, 0 },    { "truncate", F_TRUNCATE, 200 },
	{ "drop", F_DROP, 0 },    { "badjson", F_BADJSON, 200 },
	{ "html", F_HTML, 200 },  { "lie", F_LIE, 200 },
};

/* Read-only once main() has loaded it. */
static struct {
	struct entry *v;
	size_t n;
	size_t cap;
} manifest;

static struct {
	pthread_mutex_t lock;
	struct counter *v;
	size_t n;
	size_t cap;
} counters = { .lock = PTHREAD_MUTEX_INITIALIZER };

static struct {
	pthread_mutex_t lock;
	FILE *fp;
	unsigned long n;
} reqlog = { .lock = PTHREAD_MUTEX_INITIALIZER };

static struct {
	pthread_mutex_t lock;
	struct slot v[MAX_CONN];
} slots = { .lock = PTHREAD_MUTEX_INITIALIZER };

static int sig_pipe[2] = { -1, -1 };

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fputs("izserver: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("izserver: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = xmalloc(n);

	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes %XX escapes of s[0..n) into out (room for n bytes) and returns the
 * decoded length; '+' stays '+' and a malformed escape is kept as it is.
 */
static size_t pct_decode(const char *s, size_t n, char *out)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && (hi = hexval(s[i + 1])) >= 0 &&
		    (lo = hexval(s[i + 2])) >= 0) {
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	return o;
}

static bool contains(const char *hay, size_t hay_len, const char *needle,
                     size_t needle_len)
{
	size_t i;

	if (needle_len > hay_len)
		return false;
	for (i = 0; i + needle_len <= hay_len; i++) {
		if (memcmp(hay + i, needle, needle_len) == 0)
			return true;
	}
	return false;
}

/* The decoded path and query of an absolute url (or of "/path?query"). */
static char *url_key(const char *url, size_t *len_out)
{
	const char *p = url;
	const char *scheme;
	size_t raw, n = 0;
	char *key;

	if (url[0] != '/') {
		scheme = strstr(url, "://");
		if (!scheme || scheme == url)
			return NULL;
		p = scheme + 3;
		p += strcspn(p, "/?#");
	}
	raw = strcspn(p, "#");
	key = xmalloc(raw + 2);
	if (p[0] != '/')
		key[n++] = '/';
	n += pct_decode(p, raw, key + n);
	key[n] = '\0';
	*len_out = n;
	return key;
}

static void chomp(char *line)
{
	line[strcspn(line, "\r\n")] = '\0';
}

/* Splits line at tabs into at most max fields; returns the field count. */
static size_t split_tabs(char *line, char **fields, size_t max)
{
	size_t n = 1;
	char *p = line;

	fields[0] = line;
	while ((p = strchr(p, '\t'))) {
		if (n == max)
			return max + 1;
		*p++ = '\0';
		fields[n++] = p;
	}
	return n;
}

static int parse_status(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 100 || v > 599)
		return -1;
	*out = (int)v;
	return 0;
}

static int bad_line(size_t lineno, const char *what)
{
	fprintf(stderr, "izserver: manifest.tsv:%zu: %s\n", lineno, what);
	return -1;
}

static void manifest_push(const struct entry *e)
{
	if (manifest.n == manifest.cap) {
		manifest.cap = manifest.cap ? manifest.cap * 2 : 64;
		manifest.v =
		    xrealloc(manifest.v, manifest.cap * sizeof(*manifest.v));
	}
	manifest.v[manifest.n++] = *e;
}

static int manifest_add(const char *root, char *line, size_t lineno)
{
	struct entry e;
	struct stat st;
	char *f[4];

	if (split_tabs(line, f, 4) != 4)
		return bad_line(lineno, "expected 4 tab-separated fields");
	if (parse_status(f[0], &e.status) < 0)
		return bad_line(lineno, "expected a status from 100 to 599");
	if (!*f[1] || strlen(f[1]) > CTYPE_MAX || !*f[2])
		return bad_line(lineno, "empty or overlong field");
	e.key = url_key(f[3], &e.key_len);
	if (!e.key)
		return bad_line(lineno, "expected an absolute url");
	e.file = path_join(root, f[2]);
	if (stat(e.file, &st) < 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "izserver: manifest.tsv:%zu: no file '%s'\n",
		        lineno, e.file);
		free(e.key);
		free(e.file);
		return -1;
	}
	e.ctype = xstrndup(f[1], strlen(f[1]));
	manifest_push(&e);
	return 0;
}

static int manifest_line(const char *root, char *line, size_t lineno)
{
	chomp(line);
	if (lineno == 1)
		return strcmp(line, MANIFEST_MAGIC) == 0
		           ? 0
		           : bad_line(lineno, "expected '" MANIFEST_MAGIC "'");
	if (line[0] == '#' || line[0] == '\0')
		return 0;
	return manifest_add(root, line, lineno);
}

static int manifest_load(const char *root)
{
	char *path = path_join(root, "manifest.tsv");
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	int rc = 0;

	if (!fp) {
		fprintf(stderr, "izserver: cannot open '%s': %s\n", path,
		        strerror(errno));
		free(path);
		return -1;
	}
	while (rc == 0 && getline(&line, &cap, fp) >= 0)
		rc = manifest_line(root, line, ++lineno);
	if (rc == 0 && lineno == 0)
		rc = bad_line(1, "empty manifest");
	free(line);
	fclose(fp);
	free(path);
	return rc;
}

static const struct entry *manifest_find(const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < manifest.n; i++) {
		if (manifest.v[i].key_len == len &&
		    memcmp(manifest.v[i].key, key, len) == 0)
			return &manifest.v[i];
	}
	return NULL;
}

static void manifest_free(void)
{
	size_t i;

	for (i = 0; i < manifest.n; i++) {
		free(manifest.v[i].ctype);
		free(manifest.v[i].file);
		free(manifest.v[i].key);
	}
	free(manifest.v);
}

/* Counts one firing of the fault named key; false once it fired times. */
static bool counter_take(const char *key, long times)
{
	struct counter *c = NULL;
	bool fire;
	size_t i;

	pthread_mutex_lock(&counters.lock);
	for (i = 0; i < counters.n && !c; i++) {
		if (strcmp(counters.v[i].key, key) == 0)
			c = &counters.v[i];
	}
	if (!c) {
		if (counters.n == counters.cap) {
			counters.cap = counters.cap ? counters.cap * 2 : 16;
			counters.v = xrealloc(
			    counters.v, counters.cap * sizeof(*counters.v));
		}
		c = &counters.v[counters.n++];
		c->key = xstrndup(key, strlen(key));
		c->fired = 0;
	}
	fire = c->fired < times;
	if (fire)
		c->fired++;
	pthread_mutex_unlock(&counters.lock);
	return fire;
}

static void counters_free(void)
{
	size_t i;

	for (i = 0; i < counters.n; i++)
		free(counters.v[i].key);
	free(counters.v);
}

static const struct fault_def *fault_lookup(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(fault_defs) / sizeof(fault_defs[0]); i++) {
		if (strlen(fault_defs[i].name) == len &&
		    memcmp(fault_defs[i].name, name, len) == 0)
			return &fault_defs[i];
	}
	return NULL;
}

static int parse_times(const char *s, size_t len, long *out)
{
	size_t i;
	long v = 0;

	if (len == 0 || len > 9)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/*
 * Splits "/_f/<kind>/<times>/<match>/rest" into f and *rest; a target
 * without the prefix is all rest. Returns -1 on a malformed prefix.
 */
static int parse_fault(const char *target, struct fault *f, const char **rest)
{
	const char *seg[3], *end[3];
	const char *p = target + 4;
	size_t i, len;

	memset(f, 0, sizeof(*f));
	*rest = target;
	if (strncmp(target, "/_f/", 4) != 0)
		return 0;
	for (i = 0; i < 3; i++) {
		seg[i] = p;
		end[i] = strchr(p, '/');
		if (!end[i] || end[i] == p)
			return -1;
		p = end[i] + 1;
	}
	f->def = fault_lookup(seg[0], (size_t)(end[0] - seg[0]));
	if (!f->def ||
	    parse_times(seg[1], (size_t)(end[1] - seg[1]), &f->times) < 0)
		return -1;
	len = (size_t)(end[2] - seg[2]);
	f->any = (len == 1 && (seg[2][0] == '-' || seg[2][0] == '*'));
	f->match = xmalloc(len + 1);
	f->match_len = pct_decode(seg[2], len, f->match);
	f->key = xstrndup(target, (size_t)(end[2] - target));
	/* A client joining ".../<match>/" and "/path" sends "//path". */
	*rest = end[2][1] == '/' ? end[2] + 1 : end[2];
	return 0;
}

static bool fault_fires(const struct fault *f, const char *key, size_t len)
{
	if (!f->def)
		return false;
	if (!f->any && !contains(key, len, f->match, f->match_len))
		return false;
	return f->times == 0 || counter_take(f->key, f->times);
}

static void fault_release(struct fault *f)
{
	free(f->key);
	free(f->match);
}

static void put_clean(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		putc(c < 0x20 || c == 0x7f ? ' ' : c, fp);
	}
}

static const char *next_line(const char *p, const char *end)
{
	while (p < end && *p == '\0')
		p++;
	return p < end ? p : NULL;
}

/* Appends "<n>\t<label>\t<target>\t<headers joined by ' | '>" to the log. */
static void log_request(const char *label, const char *target,
                        const struct request *req)
{
	const char *h;
	const char *sep = "";

	pthread_mutex_lock(&reqlog.lock);
	reqlog.n++;
	if (reqlog.fp) {
		fprintf(reqlog.fp, "%lu\t%s\t", reqlog.n, label);
		put_clean(reqlog.fp, target);
		putc('\t', reqlog.fp);
		for (h = req ? next_line(req->hdrs, req->hdrs_end) : NULL; h;
		     h = next_line(h + strlen(h), req->hdrs_end)) {
			fputs(sep, reqlog.fp);
			put_clean(reqlog.fp, h);
			sep = " | ";
		}
		putc('\n', reqlog.fp);
		fflush(reqlog.fp);
	}
	pthread_mutex_unlock(&reqlog.lock);
}

static const char *reason(int status)
{
	static const struct {
		int status;
		const char *text;
	} reasons[] = {
		{ 200, "OK" },
		{ 204, "No Content" },
		{ 301, "Moved Permanently" },
		{ 302, "Found" },
		{ 304, "Not Modified" },
		{ 400, "Bad Request" },
		{ 401, "Unauthorized" },
		{ 403, "Forbidden" },
		{ 404, "Not Found" },
		{ 405, "Method Not Allowed" },
		{ 429, "Too Many Requests" },
		{ 431, "Request Header Fields Too Large" },
		{ 500, "Internal Server Error" },
		{ 502, "Bad Gateway" },
		{ 503, "Service Unavailable" },
		{ 504, "Gateway Timeout" },
	};
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		if (reasons[i].status == status)
			return reasons[i].text;
	}
	return "Unknown";
}

static int write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int stream_file(int out, int in, size_t len)
{
	char chunk[IO_CHUNK];
	ssize_t n;

	while (len > 0) {
		n = read(in, chunk, len < sizeof(chunk) ? len : sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || write_all(out, chunk, (size_t)n) < 0)
			return -1;
		len -= (size_t)n;
	}
	return 0;
}

static int send_payload(int fd, const struct reply *r)
{
	if (r->body && write_all(fd, r->body, r->body_len) < 0)
		return -1;
	if (r->file_fd >= 0 && stream_file(fd, r->file_fd, r->file_len) < 0)
		return -1;
	if (r->tail && write_all(fd, r->tail, strlen(r->tail)) < 0)
		return -1;
	return 0;
}

/* Sends r; returns 1 if the connection stays open, 0 if it must close. */
static int send_reply(int fd, const struct request *req, const struct reply *r)
{
	bool keep = req && req->keep_alive && !r->close;
	char hdr[1024];
	int n;

	n = snprintf(hdr, sizeof(hdr),
	             "HTTP/1.1 %d %s\r\nServer: izserver\r\n"
	             "Content-Type: %s\r\nContent-Length: %zu\r\n"
	             "Connection: %s\r\n%s\r\n",
	             r->status, reason(r->status), r->ctype, r->length,
	             keep ? "keep-alive" : "close", r->extra ? r->extra : "");
	if (n < 0 || (size_t)n >= sizeof(hdr) ||
	    write_all(fd, hdr, (size_t)n) < 0)
		return 0;
	if (req && req->head_only)
		return keep;
	return send_payload(fd, r) < 0 ? 0 : keep;
}

static int send_body(int fd, const struct request *req, int status,
                     const char *ctype, const char *extra, const char *body)
{
	struct reply r = {
		.status = status,
		.ctype = ctype,
		.extra = extra,
		.body = body,
		.body_len = strlen(body),
		.file_fd = -1,
		.length = strlen(body),
	};

	return send_reply(fd, req, &r);
}

static int send_missing(int fd, const struct request *req)
{
	size_t n = strlen(req->target) + 32;
	char *body = xmalloc(n);
	int rc;

	snprintf(body, n, "no recording for '%s'\n", req->target);
	rc = send_body(fd, req, 404, TEXT_PLAIN, NULL, body);
	free(body);
	return rc;
}

static void shape_body(struct reply *r, size_t size, enum body_mode mode)
{
	r->file_len = size;
	r->length = size;
	if (mode == BODY_HALF_CLOSE) {
		r->file_len = size / 2;
		r->close = true;
	} else if (mode == BODY_HALF_GARBAGE) {
		r->status = 200;
		r->ctype = "application/json";
		r->file_len = size / 2;
		r->tail = GARBAGE;
		r->length = size / 2 + strlen(GARBAGE);
	}
}

/* Sends the recorded response of e (404 without one), shaped by mode. */
static int send_recording(int fd, const struct request *req,
                          const struct entry *e, enum body_mode mode)
{
	struct reply r = { .extra = NULL };
	struct stat st;
	int rc;

	if (!e)
		return send_missing(fd, req);
	r.file_fd = open(e->file, O_RDONLY);
	if (r.file_fd < 0 || fstat(r.file_fd, &st) < 0) {
		fprintf(stderr, "izserver: cannot read '%s'\n", e->file);
		if (r.file_fd >= 0)
			close(r.file_fd);
		return send_body(fd, req, 500, TEXT_PLAIN, NULL,
		                 "cannot read the recorded body\n");
	}
	r.status = e->status;
	r.ctype = e->ctype;
	shape_body(&r, (size_t)st.st_size, mode);
	rc = send_reply(fd, req, &r);
	close(r.file_fd);
	return rc;
}

/* The slow fault: say nothing until the client or the server gives up. */
static void hold(int fd)
{
	char sink[512];
	ssize_t n;

	for (;;) {
		n = read(fd, sink, sizeof(sink));
		if (n == 0 || (n < 0 && errno != EINTR))
			return;
	}
}

static void retry_after_date(char *out, size_t size)
{
	time_t t = time(NULL) + 1;
	struct tm tm;
	char date[64];

	if (!gmtime_r(&t, &tm) ||
	    strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm) == 0)
		snprintf(out, size, "Retry-After: 1\r\n");
	else
		snprintf(out, size, "Retry-After: %s\r\n", date);
}

static int inject(int fd, const struct request *req, const struct fault *f,
                  const struct entry *e)
{
	char text[64], extra[96];

	snprintf(text, sizeof(text), "injected fault %s\n", f->def->name);
	switch (f->def->kind) {
	case F_STATUS:
		return send_body(fd, req, f->def->status, TEXT_PLAIN, NULL,
		                 text);
	case F_429:
		return send_body(fd, req, 429, TEXT_PLAIN, "Retry-After: 1\r\n",
		                 text);
	case F_429D:
		retry_after_date(extra, sizeof(extra));
		return send_body(fd, req, 429, TEXT_PLAIN, extra, text);
	case F_SLOW:
		hold(fd);
		return 0;
	case F_DROP:
		return 0;
	case F_TRUNCATE:
		return send_recording(fd, req, e, BODY_HALF_CLOSE);
	case F_BADJSON:
		return send_recording(fd, req, e, BODY_HALF_GARBAGE);
	case F_HTML:
		return send_body(fd, req, 200, "text/html", NULL, HTML_BODY);
	case F_LIE:
		return send_body(fd, req, 200,
		                 e ? e->ctype : "application/json", NULL,
		                 LIE_BODY);
	}
	return 0;
}

/* Looks the target up, logs it, and answers it or injects its fault. */
static int route(int fd, const struct request *req)
{
	const struct entry *e;
	const char *rest;
	struct fault f;
	size_t key_len;
	char *key;
	bool fires;
	int rc;

	if (parse_fault(req->target, &f, &rest) < 0) {
		fault_release(&f);
		log_request("bad", req->target, req);
		return send_body(fd, req, 400, TEXT_PLAIN, NULL,
		                 "malformed fault prefix\n");
	}
	key = xmalloc(strlen(rest) + 1);
	key_len = pct_decode(rest, strlen(rest), key);
	fires = fault_fires(&f, key, key_len);
	e = manifest_find(key, key_len);
	log_request(fires ? f.def->name : e ? "ok" : "miss", req->target, req);
	if (fires)
		rc = inject(fd, req, &f, e);
	else
		rc = send_recording(fd, req, e, BODY_FULL);
	free(key);
	fault_release(&f);
	return rc;
}

static bool is_token(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < 'A' || *s > 'Z')
			return false;
	}
	return true;
}

static bool is_clean_target(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= 0x20 || c == 0x7f)
			return false;
	}
	return true;
}

static int parse_request_line(char *line, struct request *req)
{
	char *sp1 = strchr(line, ' ');
	char *sp2;

	if (!sp1)
		return -1;
	*sp1 = '\0';
	req->method = line;
	req->target = sp1 + 1;
	sp2 = strchr(req->target, ' ');
	if (!sp2)
		return -1;
	*sp2 = '\0';
	if (!is_token(line) || req->target[0] != '/' ||
	    !is_clean_target(req->target))
		return -1;
	if (strcmp(sp2 + 1, "HTTP/1.1") == 0)
		req->keep_alive = true;
	else if (strcmp(sp2 + 1, "HTTP/1.0") != 0)
		return -1;
	req->head_only = strcmp(line, "HEAD") == 0;
	return 0;
}

/* Whether the comma-separated list holds tok, ignoring case. */
static bool has_token(const char *list, const char *tok)
{
	size_t n, tlen = strlen(tok);

	for (;;) {
		list += strspn(list, " \t,");
		if (!*list)
			return false;
		n = strcspn(list, ",");
		while (n > 0 && (list[n - 1] == ' ' || list[n - 1] == '\t'))
			n--;
		if (n == tlen && strncasecmp(list, tok, n) == 0)
			return true;
		list += strcspn(list, ",");
	}
}

static int set_length(const char *v, struct request *req)
{
	char *end;

	if (*v < '0' || *v > '9')
		return -1;
	errno = 0;
	req->body_len = strtoll(v, &end, 10);
	if (errno || end[strspn(end, " \t")] != '\0')
		return -1;
	return 0;
}

static bool name_is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && strncasecmp(name, want, len) == 0;
}

static int parse_header(const char *line, struct request *req)
{
	const char *colon = strchr(line, ':');
	const char *v;
	size_t nlen;

	if (!colon || colon == line)
		return -1;
	nlen = (size_t)(colon - line);
	if (strcspn(line, " \t") < nlen)
		return -1;
	v = colon + 1 + strspn(colon + 1, " \t");
	if (name_is(line, nlen, "Content-Length"))
		return set_length(v, req);
	if (name_is(line, nlen, "Transfer-Encoding"))
		req->chunked = true;
	if (name_is(line, nlen, "Connection") && has_token(v, "close"))
		req->keep_alive = false;
	else if (name_is(line, nlen, "Connection") &&
	         has_token(v, "keep-alive"))
		req->keep_alive = true;
	return 0;
}

/* Parses head[0..hlen) in place: line ends become NULs. */
static int parse_request(char *head, size_t hlen, struct request *req)
{
	char *end = head + hlen;
	const char *line;
	char *p;

	memset(req, 0, sizeof(*req));
	for (p = head; p < end; p++) {
		if (*p == '\r' || *p == '\n')
			*p = '\0';
	}
	/* The request line gets NULs of its own: find its end first. */
	req->hdrs = head + strlen(head);
	if (parse_request_line(head, req) < 0)
		return -1;
	req->hdrs_end = end;
	for (line = next_line(req->hdrs, end); line;
	     line = next_line(line + strlen(line), end)) {
		if (parse_header(line, req) < 0)
			return -1;
	}
	/* A chunked body cannot be skipped without decoding it. */
	if (req->chunked)
		req->keep_alive = false;
	return 0;
}

/* Where the head ending in an empty line stops in buf, or 0 if not yet. */
static size_t head_end(const char *buf, size_t from, size_t len)
{
	size_t i;

	for (i = from; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (i + 1 < len && buf[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* Reads until a whole head is buffered: its length, 0 at EOF, -1, -2 big. */
static long read_head(struct conn *c)
{
	size_t end;
	ssize_t n;

	for (;;) {
		end = head_end(c->buf, c->scanned, c->len);
		if (end)
			return (long)end;
		c->scanned = c->len > 2 ? c->len - 2 : 0;
		if (c->len == sizeof(c->buf))
			return -2;
		n = read(c->fd, c->buf + c->len, sizeof(c->buf) - c->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 ? 0 : -1;
		c->len += (size_t)n;
	}
}

static int discard(int fd, long long n)
{
	char sink[IO_CHUNK];
	ssize_t r;

	while (n > 0) {
		r = read(fd, sink,
		         n < (long long)sizeof(sink) ? (size_t)n
		                                     : sizeof(sink));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		n -= r;
	}
	return 0;
}

/* Drops the answered head and any body, keeping a pipelined next request. */
static int consume(struct conn *c, size_t hlen, long long body)
{
	size_t avail = c->len - hlen;
	size_t take = body < (long long)avail ? (size_t)body : avail;

	take += hlen;
	memmove(c->buf, c->buf + take, c->len - take);
	c->len -= take;
	c->scanned = 0;
	body -= (long long)(take - hlen);
	return body > 0 ? discard(c->fd, body) : 0;
}

/*
 * Answers a request that cannot be parsed, then drains what the client still
 * sends for a moment: closing with unread input would reset the connection
 * before the client has read the answer.
 */
static void refuse(int fd, int status, const char *body, const char *line)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char sink[IO_CHUNK];
	size_t total = 0;
	ssize_t n;

	/* the request line as sent: a proxy request ("GET http://host/..."
	 * or "CONNECT host:443") names what a client tried to reach */
	log_request("bad", line && *line ? line : "-", NULL);
	send_body(fd, NULL, status, TEXT_PLAIN, NULL, body);
	shutdown(fd, SHUT_WR);
	while (total < 1024 * 1024 && poll(&p, 1, 1000) > 0) {
		n = read(fd, sink, sizeof(sink));
		if (n <= 0)
			break;
		total += (size_t)n;
	}
}

/* Answers one buffered request; 1 to keep the connection, 0 to close. */
static int handle(struct conn *c, size_t hlen, struct request *req)
{
	char line[256];
	size_t n = 0;

	while (n < hlen && n < sizeof(line) - 1 && c->buf[n] != '\r' &&
	       c->buf[n] != '\n')
		n++;
	memcpy(line, c->buf, n);
	line[n] = '\0';
	if (parse_request(c->buf, hlen, req) < 0) {
		refuse(c->fd, 400, "malformed request\n", line);
		return 0;
	}
	if (strcmp(req->method, "GET") != 0 && !req->head_only) {
		log_request("bad", req->target, req);
		return send_body(c->fd, req, 405, TEXT_PLAIN,
		                 "Allow: GET, HEAD\r\n",
		                 "only GET and HEAD are served\n");
	}
	return route(c->fd, req);
}

static void serve(struct conn *c)
{
	struct request req;
	long hlen;

	for (;;) {
		hlen = read_head(c);
		if (hlen == -2)
			refuse(c->fd, 431, "request head over 64 KiB\n", NULL);
		if (hlen <= 0 || handle(c, (size_t)hlen, &req) == 0)
			return;
		if (consume(c, (size_t)hlen, req.body_len) < 0)
			return;
	}
}

static void *conn_main(void *arg)
{
	struct conn *c = arg;

	serve(c);
	pthread_mutex_lock(&slots.lock);
	slots.v[c->slot].state = SLOT_DONE;
	slots.v[c->slot].fd = -1;
	pthread_mutex_unlock(&slots.lock);
	close(c->fd);
	free(c);
	return NULL;
}

/* Joins the threads of finished connections; called with the lock held. */
static void reap_done(void)
{
	size_t i;

	for (i = 0; i < MAX_CONN; i++) {
		if (slots.v[i].state == SLOT_DONE) {
			pthread_join(slots.v[i].thread, NULL);
			slots.v[i].state = SLOT_FREE;
		}
	}
}

static void start_conn(int fd)
{
	struct conn *c;
	size_t i;

	pthread_mutex_lock(&slots.lock);
	reap_done();
	for (i = 0; i < MAX_CONN && slots.v[i].state != SLOT_FREE; i++)
		;
	if (i == MAX_CONN) {
		pthread_mutex_unlock(&slots.lock);
		fputs("izserver: too many connections\n", stderr);
		close(fd);
		return;
	}
	c = xmalloc(sizeof(*c));
	c->fd = fd;
	c->slot = i;
	c->len = 0;
	c->scanned = 0;
	slots.v[i].state = SLOT_RUNNING;
	slots.v[i].fd = fd;
	if (pthread_create(&slots.v[i].thread, NULL, conn_main, c) != 0) {
		slots.v[i].state = SLOT_FREE;
		close(fd);
		free(c);
	}
	pthread_mutex_unlock(&slots.lock);
}

/* Wakes every connection (a slow one waits in read) and joins them all. */
static void stop_conns(void)
{
	enum slot_state state;
	size_t i;

	pthread_mutex_lock(&slots.lock);
	for (i = 0; i < MAX_CONN; i++) {
		if (slots.v[i].state == SLOT_RUNNING)
			shutdown(slots.v[i].fd, SHUT_RDWR);
	}
	pthread_mutex_unlock(&slots.lock);
	for (i = 0; i < MAX_CONN; i++) {
		pthread_mutex_lock(&slots.lock);
		state = slots.v[i].state;
		pthread_mutex_unlock(&slots.lock);
		if (state != SLOT_FREE)
			pthread_join(slots.v[i].thread, NULL);
	}
}

static void accept_one(int lfd)
{
	const struct timespec pause = { .tv_nsec = 10 * 1000 * 1000 };
	int fd, flags, one = 1;

	fd = accept(lfd, NULL, NULL);
	if (fd < 0) {
		if (errno != EAGAIN && errno != EINTR &&
		    errno != ECONNABORTED) {
			perror("izserver: accept");
			nanosleep(&pause, NULL);
		}
		return;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	start_conn(fd);
}

static long ms_left(const struct timespec *deadline)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(deadline->tv_sec - now.tv_sec) * 1000L +
	       (deadline->tv_nsec - now.tv_nsec) / 1000000L;
}

/* Accepts until the deadline or a signal; returns the exit status. */
static int run(int lfd, long max_seconds)
{
	struct pollfd p[2] = { { .fd = lfd, .events = POLLIN },
		               { .fd = sig_pipe[0], .events = POLLIN } };
	struct timespec deadline;
	long left;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += max_seconds;
	while ((left = ms_left(&deadline)) > 0) {
		rc = poll(p, 2, (int)(left > 60000 ? 60000 : left));
		if (rc < 0 && errno != EINTR) {
			perror("izserver: poll");
			return 1;
		}
		if (rc <= 0)
			continue;
		if (p[1].revents)
			return 0;
		if (p[0].revents & POLLIN)
			accept_one(lfd);
	}
	fprintf(stderr, "izserver: exiting after %ld seconds\n", max_seconds);
	return 0;
}

static void on_signal(int sig)
{
	int saved = errno;
	char b = (char)sig;
	ssize_t n = write(sig_pipe[1], &b, 1);

	(void)n;
	errno = saved;
}

static int setup_signals(void)
{
	struct sigaction sa;

	if (pipe(sig_pipe) < 0) {
		perror("izserver: pipe");
		return -1;
	}
	fcntl(sig_pipe[1], F_SETFL, O_NONBLOCK);
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return 0;
}

/* Binds 127.0.0.1 on a port the kernel picks; the socket or -1. */
static int listen_loopback(unsigned *port_out)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = 0;
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 64) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &alen) < 0 ||
	    fcntl(fd, F_SETFL, O_NONBLOCK) < 0) {
		perror("izserver: listen on 127.0.0.1");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*port_out = ntohs(a.sin_port);
	return fd;
}

/* Writes "<port>\n" to path.tmp and renames it, so readers see all or none. */
static int write_port_file(const char *path, unsigned port)
{
	size_t n = strlen(path) + 5;
	char *tmp = xmalloc(n);
	FILE *fp;
	int rc = -1;

	snprintf(tmp, n, "%s.tmp", path);
	fp = fopen(tmp, "w");
	if (fp) {
		fprintf(fp, "%u\n", port);
		if (fclose(fp) == 0 && rename(tmp, path) == 0)
			rc = 0;
	}
	if (rc < 0)
		fprintf(stderr, "izserver: cannot write '%s': %s\n", path,
		        strerror(errno));
	free(tmp);
	return rc;
}

static int parse_seconds(const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 1000000)
		return -1;
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--root") == 0)
			o->root = argv[i + 1];
		else if (strcmp(argv[i], "--port-file") == 0)
			o->port_file = argv[i + 1];
		else if (strcmp(argv[i], "--log") == 0)
			o->log = argv[i + 1];
		else if (strcmp(argv[i], "--max-seconds") != 0 ||
		         parse_seconds(argv[i + 1], &o->max_seconds) < 0)
			return -1;
	}
	return i == argc && o->root && o->port_file ? 0 : -1;
}

static int open_log(const char *path)
{
	if (!path)
		return 0;
	reqlog.fp = fopen(path, "a");
	if (!reqlog.fp) {
		fprintf(stderr, "izserver: cannot open '%s': %s\n", path,
		        strerror(errno));
		return -1;
	}
	return 0;
}

static int start(const struct options *o, int *lfd)
{
	unsigned port;

	if (manifest_load(o->root) < 0 || open_log(o->log) < 0 ||
	    setup_signals() < 0)
		return -1;
	*lfd = listen_loopback(&port);
	if (*lfd < 0)
		return -1;
	return write_port_file(o->port_file, port);
}

int main(int argc, char **argv)
{
	struct options o = { .max_seconds = 300 };
	int lfd = -1, rc = 1;

	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		fputs(USAGE, stdout);
		return 0;
	}
	if (parse_args(argc, argv, &o) < 0) {
		fputs(USAGE, stderr);
		return 2;
	}
	if (start(&o, &lfd) == 0)
		rc = run(lfd, o.max_seconds);
	if (lfd >= 0)
		close(lfd);
	stop_conns();
	manifest_free();
	counters_free();
	if (reqlog.fp)
		fclose(reqlog.fp);
	if (sig_pipe[0] >= 0) {
		close(sig_pipe[0]);
		close(sig_pipe[1]);
	}
	return rc;
}
