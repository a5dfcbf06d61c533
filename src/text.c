/*
 * Text the Dutch way, shared by every reader of files: numbers with a
 * decimal comma, StatLine's missing-value symbols, period cells, and bytes
 * that are UTF-8 or else Windows-1252.
 */
#include "inzicht/text.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/error.h"
#include "inzicht/region.h"

/* ---- numbers and periods ------------------------------------------- */

static const char *missing_symbol(const char *s)
{
	static const char *const symbols[] = { ".", "-", "x", "?", NULL };
	size_t i;

	if (!*s)
		return "empty";
	if (strcmp(s, "X") == 0)
		return "x";
	for (i = 0; symbols[i]; i++)
		if (strcmp(s, symbols[i]) == 0)
			return symbols[i];
	return NULL;
}

/* "1.234.567" (after an optional sign): groups of three after the first. */
static bool thousands_grouped(const char *s, const char *end)
{
	size_t group = 0;
	bool first = true;

	if (*s == '+' || *s == '-')
		s++;
	for (; s < end; s++) {
		if (*s == '.') {
			if (group == 0 || group > 3 || (!first && group != 3))
				return false;
			first = false;
			group = 0;
		} else if (*s >= '0' && *s <= '9') {
			group++;
		} else {
			return false;
		}
	}
	return !first && group == 3;
}

/* Rewrite a Dutch number in buf into the C locale's form; -1 if invalid. */
static int normalise_number(char *buf)
{
	char *comma = strchr(buf, ','), *r, *w;

	if (strspn(buf, "0123456789+-.,eE") != strlen(buf))
		return -1;
	if (!comma)
		return 0;
	if (strchr(comma + 1, ',') || strchr(comma + 1, '.'))
		return -1;
	if (strchr(buf, '.') && !thousands_grouped(buf, comma))
		return -1;
	for (r = w = buf; *r; r++)
		if (*r != '.')
			*w++ = *r == ',' ? '.' : *r;
	*w = '\0';
	return 0;
}

/* isspace() of the C locale (the program never calls setlocale). */
static bool space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits from *p into *m; false after 19 digits in all (*ndig counts
 * them), where *m could overflow. */
static bool decimal_digits(const char **p, uint64_t *m, int *ndig)
{
	for (; digit(**p); (*p)++) {
		if (++*ndig > 19)
			return false;
		*m = *m * 10 + (uint64_t)(**p - '0');
	}
	return true;
}

/*
 * The common number of an export in one pass, without a copy: an optional
 * sign, digits, at most one '.' or ',' and more digits, white space after
 * it. When the digits m are at most 2^53 and the k after the separator at
 * most 22, m and 10^k are both exact doubles and one division is correctly
 * rounded, as strtod is, so *out is the double strtod gives (Clinger's fast
 * path). Anything else (missing symbols, thousands groups, exponents, more
 * digits, a cell of 64 bytes or more) returns false for the general path.
 * s is past the leading blanks.
 */
static bool plain_number(double *out, const char *s)
{
	static const double exact[] = { 1e0,  1e1,  1e2,  1e3,	1e4,  1e5,
					1e6,  1e7,  1e8,  1e9,	1e10, 1e11,
					1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
					1e18, 1e19, 1e20, 1e21, 1e22 };
	const char *p = s;
	uint64_t m = 0;
	int ndig = 0, nint;
	bool neg = false;
	double v;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!decimal_digits(&p, &m, &ndig))
		return false;
	nint = ndig;
	if (*p == '.' || *p == ',') {
		p++;
		if (!decimal_digits(&p, &m, &ndig))
			return false;
	}
	while (space(*p))
		p++;
	if (*p || ndig == 0 || p - s >= 64 || m > (uint64_t)1 << 53)
		return false;
	v = (double)m / exact[ndig - nint];
	*out = neg ? -v : v;
	return true;
}

int iz_text_number(double *out, const char **status, const char *cell)
{
	char buf[64], *end;
	size_t n;

	while (*cell == ' ' || *cell == '\t')
		cell++;
	if (plain_number(out, cell))
		return 1;
	n = strlen(cell);
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, cell, n + 1);
	iz_trim(buf);
	if ((*status = missing_symbol(buf)) != NULL)
		return 0;
	if (normalise_number(buf) < 0)
		return -1;
	errno = 0;
	*out = strtod(buf, &end);
	if (errno || end == buf || *end || !isfinite(*out))
		return -1;
	return 1;
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return s[n] == '\0';
}

int iz_text_period(char *out, size_t n, const char *cell)
{
	struct iz_period per;
	char buf[16];
	size_t len;

	while (*cell == ' ' || *cell == '\t')
		cell++;
	if (n < 9)
		return -1;
	if (all_digits(cell, 4)) { /* "2025", as nearly every cell is */
		memcpy(out, cell, 4);
		memcpy(out + 4, "JJ00", 5);
		return 0;
	}
	len = strlen(cell);
	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, cell, len + 1);
	len = strlen(iz_trim(buf));
	/* Byte copies, not snprintf: every household row has a period. */
	if (all_digits(buf, 4)) {
		memcpy(out, buf, 4);
		memcpy(out + 4, "JJ00", 5);
		return 0;
	}
	if (iz_period_parse(&per, buf) < 0)
		return -1;
	if (len >= n)
		len = n - 1;
	memcpy(out, buf, len);
	out[len] = '\0';
	return 0;
}

/* ---- encoding ------------------------------------------------------ */

/* A decoded code point of len bytes is neither overlong nor a surrogate. */
static bool scalar_ok(unsigned long cp, size_t len)
{
	static const unsigned long least[] = { 0, 0, 0x80, 0x800, 0x10000 };

	return cp >= least[len] && cp <= 0x10ffff &&
	       !(cp >= 0xd800 && cp <= 0xdfff);
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned long cp;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	len = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (n < len)
		return 0;
	cp = s[0] & (0x7fu >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	return scalar_ok(cp, len) ? len : 0;
}

bool iz_text_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t k = utf8_seq(p + i, len - i);

		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

/* Windows-1252 0x80-0x9f; the five unassigned bytes keep their C1 code. */
static const unsigned short cp1252_high[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

static size_t put_utf8(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	out[0] = (char)(0xe0 | cp >> 12);
	out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[2] = (char)(0x80 | (cp & 0x3f));
	return 3;
}

char *iz_text_utf8(const char *s, size_t len, size_t *out_len,
			bool *converted)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out;
	size_t i, j = 0;

	*converted = !iz_text_valid_utf8(s, len);
	if (!*converted) {
		*out_len = len;
		out = iz_xmalloc(len + 1);
		memcpy(out, s, len);
		out[len] = '\0';
		return out;
	}
	out = iz_xmalloc(3 * len + 1);
	for (i = 0; i < len; i++) {
		bool high = p[i] >= 0x80 && p[i] < 0xa0;

		j += put_utf8(out + j, high ? cp1252_high[p[i] - 0x80] : p[i]);
	}
	out[j] = '\0';
	*out_len = j;
	return out;
}

/* Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian), as
 * the records keep their dates (schema 4); false when d is no such date. */
bool iz_text_day(int64_t *out, const char *d)
{
	static const char form[] = "dddd-dd-dd";
	int64_t y, m, day, era, yoe, doy;
	size_t i;

	for (i = 0; d && i < sizeof(form); i++)
		if (form[i] == 'd' ? d[i] < '0' || d[i] > '9' : d[i] != form[i])
			return false;
	if (!d)
		return false;
	y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
	    (d[3] - '0');
	m = (d[5] - '0') * 10 + (d[6] - '0');
	day = (d[8] - '0') * 10 + (d[9] - '0');
	if (m < 1 || m > 12 || day < 1 || day > 31)
		return false;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	*out = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
	return true;
}
