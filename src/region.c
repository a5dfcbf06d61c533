/*
 * Normalisation of region and period codes.
 */
#include "inzicht/region.h"

#include <ctype.h>
#include <string.h>

#include "inzicht/error.h"

char *iz_trim(char *s)
{
	size_t n;
	char *p = s;

	while (*p && isspace((unsigned char)*p))
		p++;
	n = strlen(p);
	while (n > 0 && isspace((unsigned char)p[n - 1]))
		n--;
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

char *iz_trim_dup(const char *s)
{
	return iz_trim(iz_xstrdup(s));
}

static const struct {
	const char *prefix, *level;
} prefixes[] = {
	{ "NL", "land" },  { "LD", "landsdeel" }, { "PV", "provincie" },
	{ "CR", "corop" }, { "GG", "ggd" },	  { "GM", "gemeente" },
	{ "WK", "wijk" },  { "BU", "buurt" },
};

const char *iz_region_level(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(code, prefixes[i].prefix, 2) == 0)
			return prefixes[i].level;
	return "overig";
}

char *iz_region_parent(const char *code)
{
	size_t n = strlen(code);

	if (strncmp(code, "WK", 2) == 0 && n == 8)
		return iz_xasprintf("GM%.4s", code + 2);
	if (strncmp(code, "BU", 2) == 0 && n == 10)
		return iz_xasprintf("WK%.6s", code + 2);
	return NULL;
}

bool iz_region_code_valid(const char *code)
{
	size_t n = strlen(code), i;

	if (n < 2 || n > 16)
		return false;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)code[i]) && code[i] != '_')
			return false;
	return true;
}

static const struct {
	const char *tag;
	enum iz_period_kind kind;
	int max;
} kinds[] = {
	{ "JJ", IZ_PERIOD_YEAR, 0 },	 { "KW", IZ_PERIOD_QUARTER, 4 },
	{ "MM", IZ_PERIOD_MONTH, 12 },	 { "HJ", IZ_PERIOD_HALF, 2 },
	{ "W1", IZ_PERIOD_WEEK, 53 },	 { "X0", IZ_PERIOD_WEEK, 53 },
};

int iz_period_parse(struct iz_period *out, const char *code)
{
	size_t i;
	int k;

	if (strlen(code) != 8)
		return -1;
	for (i = 0; i < 8; i++)
		if (i < 4 || i >= 6 ? !isdigit((unsigned char)code[i])
				    : !isalnum((unsigned char)code[i]))
			return -1;
	out->year = (code[0] - '0') * 1000 + (code[1] - '0') * 100 +
		    (code[2] - '0') * 10 + (code[3] - '0');
	out->number = (code[6] - '0') * 10 + (code[7] - '0');
	out->kind = IZ_PERIOD_OTHER;
	for (k = 0; k < (int)(sizeof(kinds) / sizeof(kinds[0])); k++) {
		if (strncmp(code + 4, kinds[k].tag, 2) != 0)
			continue;
		out->kind = kinds[k].kind;
		if (kinds[k].max == 0 ? out->number != 0
				      : out->number < 1 - (k >= 4) ||
						out->number > kinds[k].max)
			return -1;
	}
	return 0;
}
