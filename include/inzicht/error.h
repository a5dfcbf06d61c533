/*
 * The one error type of inzicht: a code that decides the exit status and a
 * one-line message with its context (file:line, URL, HTTP status).
 */
#ifndef INZICHT_ERROR_H
#define INZICHT_ERROR_H

#include <stddef.h>

/* Codes and the exit status each maps to, listed once. */
#define IZ_ERRORS(X)                                                         \
	X(IZ_OK, 0)                                                          \
	X(IZ_EUSAGE, 2)                                                      \
	X(IZ_EINPUT, 1)                                                      \
	X(IZ_EHTTP, 1)                                                       \
	X(IZ_ESTORE, 1)                                                      \
	X(IZ_ELOCKED, 75)

enum iz_err {
#define X(code, status) code,
	IZ_ERRORS(X)
#undef X
};

struct iz_error {
	enum iz_err code;
	char msg[512]; /* one line, no final period */
};

#define IZ_ERROR_INIT { .code = IZ_OK, .msg = { 0 } }

/*
 * Fill err (may be NULL) with code and a printf-style message; returns -1 so
 * that callers can write `return iz_fail(err, ...)`.
 */
int iz_fail(struct iz_error *err, enum iz_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Put "prefix: " before the message already in err, keeping its code.
 * Returns -1.
 */
int iz_error_prefix(struct iz_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The process exit status that belongs to code. */
int iz_error_status(enum iz_err code);

/* Reset err to IZ_OK with an empty message. */
void iz_error_clear(struct iz_error *err);

/* Allocation that never returns NULL: on exhaustion it prints and exits 1. */
void *iz_xmalloc(size_t n);
void *iz_xcalloc(size_t count, size_t size);
void *iz_xrealloc(void *p, size_t n);
char *iz_xstrdup(const char *s);
char *iz_xstrndup(const char *s, size_t n);
/* Like asprintf, never NULL. */
char *iz_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
