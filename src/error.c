/*
 * The error type and the allocation wrappers that never fail: out of memory is
 * not an error path in inzicht (an uncommitted SQLite transaction is dropped
 * when the process exits).
 */
#include "inzicht/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int iz_fail(struct iz_error *err, enum iz_err code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int iz_error_prefix(struct iz_error *err, const char *fmt, ...)
{
	char prefix[256];
	char old[sizeof(err->msg)];
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	snprintf(err->msg, sizeof(err->msg), "%s: %s", prefix, old);
	return -1;
}

int iz_error_status(enum iz_err code)
{
	switch (code) {
#define X(c, status)                                                         \
	case c:                                                              \
		return status;
		IZ_ERRORS(X)
#undef X
	}
	return 1;
}

void iz_error_clear(struct iz_error *err)
{
	if (!err)
		return;
	err->code = IZ_OK;
	err->msg[0] = '\0';
}

static _Noreturn void oom(size_t n)
{
	fprintf(stderr, "inzicht: out of memory (%zu bytes)\n", n);
	exit(1);
}

void *iz_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom(n);
	return p;
}

void *iz_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		oom(count * size);
	return p;
}

void *iz_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom(n);
	return q;
}

char *iz_xstrdup(const char *s)
{
	return iz_xstrndup(s, strlen(s));
}

char *iz_xstrndup(const char *s, size_t n)
{
	char *p = iz_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *iz_xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom(0);
	p = iz_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
