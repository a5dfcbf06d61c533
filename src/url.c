/*
 * URL helpers: escaping for OData query values, origins for the same-host
 * rule on nextLinks, and the mirror rewrite.
 */
#include "inzicht/url.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "inzicht/error.h"

static bool keep_literal(unsigned char c)
{
	return isalnum(c) || strchr("-._~$,()':", c) != NULL;
}

char *iz_url_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), i, j = 0;
	char *out = iz_xmalloc(3 * n + 1);

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (keep_literal(c)) {
			out[j++] = (char)c;
		} else {
			out[j++] = '%';
			out[j++] = hex[c >> 4];
			out[j++] = hex[c & 15];
		}
	}
	out[j] = '\0';
	return out;
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

char *iz_url_unescape(const char *s)
{
	size_t n = strlen(s), i, j = 0;
	char *out = iz_xmalloc(n + 1);
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    (hi = hexval(s[i + 1])) >= 0 &&
		    (lo = hexval(s[i + 2])) >= 0 && (hi || lo)) {
			out[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[j++] = s[i];
		}
	}
	out[j] = '\0';
	return out;
}

size_t iz_url_origin_len(const char *url)
{
	const char *p = strstr(url, "://");
	const char *q;
	const char *s;

	if (!p || p == url)
		return 0;
	for (s = url; s < p; s++)
		if (!isalpha((unsigned char)*s) && *s != '+' && *s != '-' &&
		    *s != '.')
			return 0;
	q = p + 3;
	q += strcspn(q, "/?#");
	return (size_t)(q - url);
}

bool iz_url_same_origin(const char *url, const char *base)
{
	size_t a = iz_url_origin_len(url), b = iz_url_origin_len(base);

	return a > 0 && a == b && strncasecmp(url, base, a) == 0;
}

char *iz_url_with_origin(const char *url, const char *mirror)
{
	size_t o = iz_url_origin_len(url);
	size_t m;

	if (!mirror || !*mirror || o == 0)
		return iz_xstrdup(url);
	m = strlen(mirror);
	while (m > 0 && mirror[m - 1] == '/')
		m--;
	return iz_xasprintf("%.*s%s", (int)m, mirror, url + o);
}
