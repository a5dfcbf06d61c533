/*
 * Small URL helpers shared by http, recording and the sources: percent
 * escaping, origins (scheme://host[:port]) and origin rewriting for mirrors.
 */
#ifndef INZICHT_URL_H
#define INZICHT_URL_H

#include <stdbool.h>
#include <stddef.h>

/* Percent-encode s for a URL query value: RFC 3986 unreserved chars kept,
 * and also $ , ( ) ' : kept literally as CBS writes them. New string. */
char *iz_url_escape(const char *s);

/* Decode %XX escapes (invalid escapes are kept as they are). New string. */
char *iz_url_unescape(const char *s);

/* Length of the "scheme://authority" prefix of url, or 0 if it has none. */
size_t iz_url_origin_len(const char *url);

/* url and base have the same scheme://authority (case-insensitive). */
bool iz_url_same_origin(const char *url, const char *base);

/* url with its scheme://authority replaced by mirror (which may carry a path
 * prefix; a trailing '/' is dropped). New string; a copy of url when mirror
 * is NULL or url has no origin. */
char *iz_url_with_origin(const char *url, const char *mirror);

#endif
