/*
 * Cell rules for municipal records: real calendar dates, the CBS household
 * types, vroegsignalering partners and outcomes, region codes, and the
 * household row's consistency checks.
 */
#include "inzicht/recfields.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/region.h"
#include "inzicht/text.h"

/* The character classes of the C locale, which the program never leaves
 * (it calls no setlocale): isspace, isdigit, isupper, tolower, toupper
 * without a call per byte on the hot path of every import. */
static bool space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static char to_lower(char c)
{
	return upper(c) ? (char)(c + ('a' - 'A')) : c;
}

static char to_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - ('a' - 'A')) : c;
}

/* The cell without surrounding white space: *len bytes from the result. */
static const char *trimmed(const char *cell, size_t *len)
{
	size_t n;

	while (space(*cell))
		cell++;
	n = strlen(cell);
	while (n > 0 && space(cell[n - 1]))
		n--;
	*len = n;
	return cell;
}

/* Copy cell into buf (n bytes) without surrounding white space; false when
 * it does not fit. */
static bool copy_trim(char *buf, size_t n, const char *cell)
{
	size_t len;
	const char *s = trimmed(cell, &len);

	if (len >= n)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return true;
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!digit(s[i]))
			return false;
	return true;
}

/* The value of n digits. */
static int digits_value(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* "yyyy-mm-dd" into out (11 bytes). */
static void iso_date(char *out, int y, int m, int d)
{
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

bool iz_recfield_blank(const char *cell)
{
	for (; *cell; cell++)
		if (!space(*cell))
			return false;
	return true;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool real_date(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };

	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

/* Read up to max digits; the number of digits read. */
static int digits(const char **p, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && digit(**p)) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

static bool date_tail_ok(const char *p)
{
	return !*p || *p == ' ' || *p == 'T';
}

/* Three runs of digits separated by one separator: "a-b-c". */
static int date_parts(const char *p, int *a, int *b, int *c, int *na,
		      int *nc, char *sep)
{
	int nb;

	while (space(*p))
		p++;
	*na = digits(&p, 4, a);
	*sep = *p;
	if (*na == 0 || !(*sep == '-' || *sep == '/' || *sep == '.'))
		return -1;
	p++;
	nb = digits(&p, 2, b);
	if (*p != *sep || nb == 0)
		return -1;
	p++;
	*nc = digits(&p, 4, c);
	return date_tail_ok(p) ? 0 : -1;
}

/* The year, month and day of a date cell; -1 when not a real date. */
static int date_ymd(int *y, int *m, int *d, const char *cell)
{
	int a, b, c, na, nc;
	char sep;

	if (date_parts(cell, &a, &b, &c, &na, &nc, &sep) < 0)
		return -1;
	*m = b;
	if (na == 4 && sep == '-' && nc >= 1 && nc <= 2 && real_date(a, b, c)) {
		*y = a;
		*d = c;
		return 0;
	}
	if (na <= 2 && nc == 4 && real_date(c, b, a)) {
		*y = c;
		*d = a;
		return 0;
	}
	return -1;
}

int iz_recfield_date(char out[11], const char *cell)
{
	int y, m, d;

	if (date_ymd(&y, &m, &d, cell) < 0)
		return -1;
	iso_date(out, y, m, d);
	return 0;
}

/* Four digits, or a date of at most 15 characters without the white space
 * around it. */
int iz_recfield_year(const char *cell)
{
	size_t len;
	const char *s = trimmed(cell, &len);
	int y, m, d;

	if (len >= 16)
		return 0;
	if (len == 4 && all_digits(s, 4)) {
		y = digits_value(s, 4);
		return y >= 1900 && y <= 2200 ? y : 0;
	}
	return date_ymd(&y, &m, &d, cell) == 0 ? y : 0;
}

/* Lower-case, runs of space, '-', '_' and '/' as one '_', trimmed. */
static void normalise(char *out, size_t n, const char *cell)
{
	size_t j = 0;
	char c;

	for (; *cell && j + 1 < n; cell++) {
		c = *cell;
		if (c >= 'a' && c <= 'z') { /* most of every label */
			out[j++] = c;
			continue;
		}
		if (space(c) || c == '-' || c == '/' || c == '_') {
			if (j > 0 && out[j - 1] != '_')
				out[j++] = '_';
			continue;
		}
		out[j++] = to_lower(c);
	}
	while (j > 0 && out[j - 1] == '_')
		j--;
	out[j] = '\0';
}

struct synonym {
	const char *label, *code;
};

static const char *lookup(const struct synonym *tab, const char *cell)
{
	char norm[64];
	size_t i;

	normalise(norm, sizeof(norm), cell);
	for (i = 0; tab[i].label; i++)
		if (norm[0] == tab[i].label[0] &&
		    strcmp(norm, tab[i].label) == 0)
			return tab[i].code;
	return NULL;
}

/* The canonical household types: the row checks compare these pointers. */
static const char single[] = "eenpersoons";
static const char couple[] = "paar_zonder_kinderen";
static const char family[] = "paar_met_kinderen";
static const char one_parent[] = "eenouder";
static const char other_type[] = "overig";

static const struct synonym household_types[] = {
	{ "eenpersoons", single },
	{ "eenpersoonshuishouden", single },
	{ "alleenstaande", single },
	{ "alleenstaand", single },
	{ "paar_zonder_kinderen", couple },
	{ "paar_zonder_kind", couple },
	{ "samenwonend_zonder_kinderen", couple },
	{ "echtpaar_zonder_kinderen", couple },
	{ "paar_met_kinderen", family },
	{ "paar_met_kind", family },
	{ "samenwonend_met_kinderen", family },
	{ "echtpaar_met_kinderen", family },
	{ "gezin", family },
	{ "eenouder", one_parent },
	{ "eenoudergezin", one_parent },
	{ "eenouderhuishouden", one_parent },
	{ "alleenstaande_ouder", one_parent },
	{ "overig", other_type },
	{ "overig_huishouden", other_type },
	{ "anders", other_type },
	{ NULL, NULL },
};

const char *iz_recfield_household_type(const char *cell)
{
	return lookup(household_types, cell);
}

static const struct synonym partners[] = {
	{ "energie", "energie" },
	{ "energieleverancier", "energie" },
	{ "energiebedrijf", "energie" },
	{ "huur", "huur" },
	{ "woningcorporatie", "huur" },
	{ "woningbouwvereniging", "huur" },
	{ "verhuurder", "huur" },
	{ "water", "water" },
	{ "drinkwater", "water" },
	{ "drinkwaterbedrijf", "water" },
	{ "waterbedrijf", "water" },
	{ "zorgverzekeraar", "zorgverzekeraar" },
	{ "zorgverzekering", "zorgverzekeraar" },
	{ "other", "other" },
	{ "overig", "other" },
	{ "anders", "other" },
	{ NULL, NULL },
};

const char *iz_recfield_partner(const char *cell)
{
	return lookup(partners, cell);
}

const char *iz_recfield_outcome(const char *cell)
{
	char norm[128];

	if (iz_recfield_blank(cell))
		return NULL;
	normalise(norm, sizeof(norm), cell);
	if (strstr(norm, "doorverw"))
		return "doorverwezen";
	if (strstr(norm, "geen_contact") || strstr(norm, "niet_bereikt"))
		return "geen_contact";
	if (strstr(norm, "contact"))
		return "contact_gelegd";
	return "anders";
}

static bool alnum_upper(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!digit(s[i]) && !upper(s[i]))
			return false;
	return true;
}

int iz_recfield_region(char out[16], const char *cell)
{
	char buf[10];
	size_t n, i;
	const char *s = trimmed(cell, &n);

	if (n < 6 || n > 10)
		return -1;
	for (i = 0; i < n; i++)
		buf[i] = to_upper(s[i]);
	if (!all_digits(buf + 2, 4) || !alnum_upper(buf + 6, n - 6))
		return -1;
	if (!((strncmp(buf, "GM", 2) == 0 && n == 6) ||
	      (strncmp(buf, "WK", 2) == 0 && n == 8) ||
	      (strncmp(buf, "BU", 2) == 0 && n == 10)))
		return -1;
	memcpy(out, buf, n);
	out[n] = '\0';
	return 0;
}

static int small_int(const char *cell, int max)
{
	char buf[16], *end;
	long v;
	size_t len;
	const char *s = trimmed(cell, &len);

	/* Plain digits, as nearly every cell is; signs and the like below. */
	if (len > 0 && len <= 9 && all_digits(s, len)) {
		v = digits_value(s, len);
		return v <= max ? (int)v : -1;
	}
	if (!copy_trim(buf, sizeof(buf), cell))
		return -1;
	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno || end == buf || *end || v < 0 || v > max)
		return -1;
	return (int)v;
}

static int period_year(const char *cell, int fallback)
{
	char code[16];

	if (!cell || iz_recfield_blank(cell))
		return fallback > 0 ? fallback : -1;
	if (iz_text_period(code, sizeof(code), cell) < 0 ||
	    strcmp(code + 4, "JJ00") != 0)
		return -1;
	return (code[0] - '0') * 1000 + (code[1] - '0') * 100 +
	       (code[2] - '0') * 10 + (code[3] - '0');
}

/* Household type and number of children must agree. */
static bool type_fits(const char *type, int children)
{
	if (type == family || type == one_parent)
		return children > 0;
	if (type == single || type == couple)
		return children == 0;
	return true;
}

static int fail_at(size_t *bad, const char **why, size_t field,
		   const char *msg)
{
	*bad = field;
	*why = msg;
	return -1;
}

static int household_income(struct iz_household *h, const char *income,
			    size_t *bad, const char **why)
{
	const char *status;
	int rc = iz_text_number(&h->income_pct_sm, &status, income);

	if (rc < 0 || (rc == 1 && (h->income_pct_sm < 0 ||
				   h->income_pct_sm > 100000)))
		return fail_at(bad, why, 5,
			       "not a percentage of the social minimum");
	if (rc == 0)
		h->income_pct_sm = -1;
	return 0;
}

int iz_recfield_household(struct iz_household *h, char *region_buf,
			  const char *region, const char *birth,
			  const char *type, const char *children,
			  const char *income, const char *period,
			  int default_period, size_t *bad, const char **why)
{
	if (iz_recfield_region(region_buf, region) < 0)
		return fail_at(bad, why, 1,
			       "not a wijk, buurt or gemeente code");
	h->region = region_buf;
	h->period = period_year(period, default_period);
	if (h->period < 0)
		return fail_at(bad, why, 6, "not a year (e.g. 2025)");
	h->head_birth_year = iz_recfield_year(birth);
	if (!h->head_birth_year || h->head_birth_year > h->period)
		return fail_at(bad, why, 2, "not a year or date of birth");
	h->household_type = iz_recfield_household_type(type);
	if (!h->household_type)
		return fail_at(bad, why, 3,
			       "unknown household type (expected eenpersoons, "
			       "paar_zonder_kinderen, paar_met_kinderen, "
			       "eenouder or overig)");
	h->children = small_int(children, 30);
	if (h->children < 0)
		return fail_at(bad, why, 4, "not a number of children");
	if (!type_fits(h->household_type, h->children))
		return fail_at(bad, why, 4,
			       "number of children does not fit the "
			       "household type");
	return household_income(h, income, bad, why);
}
