/*
 * gen_records: write a synthetic municipal export for the records importer
 * and its benchmark: households (huishoudens.csv), participation in
 * minimaregelingen (deelname.csv) and early-warning arrears signals
 * (signalen.csv), shaped as a Dutch municipality hands them over -- ';'
 * between fields, decimal comma, dd-mm-yyyy dates, CRLF line ends, quotes
 * only where a field needs them, an unmapped free-text column -- plus
 * kolommen.map, the column mapping for `inzicht import`.
 *
 * Nothing here describes a real person. The BSNs are consecutive 11-proof
 * numbers counted up from 900000000; every other value is drawn from a
 * splitmix64 generator seeded by (seed, household number), so the output
 * depends only on the options, and household i is the same for every N
 * above i. Rows are streamed: memory does not grow with N.
 *
 * usage: see USAGE below.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define USAGE                                                                  \
	"usage: gen_records --households <n> --seed <s> --out <dir>\n"         \
	"                   [--gemeente <GMxxxx>] [--year <yyyy>] "            \
	"[--wijken <k>]\n"                                                     \
	"                   [--encoding (utf8|cp1252)] "                       \
	"[--delimiter (';'|','|tab)] [--bom]\n"

#define MAX_HOUSEHOLDS 50000000L /* the BSN range holds ~81 million */
#define MAX_WIJKEN 99            /* two digits in the code */
#define OUT_CAP (1u << 20)       /* bytes buffered per output file */
#define ROW_MAX 2048             /* no row is longer than this */
#define TEXT_MAX 160             /* no free text is longer than this */
#define MAX_SCHEMES 6            /* a household stacks at most this many */
#define MAX_SIGNALS 6            /* signals per household */

/* Income thresholds in % of the social minimum. */
#define ELIGIBLE_BELOW 120.0
#define NEAR_BELOW 130.0

/* ------------------------------------------------------------------ */
/* Options                                                            */
/* ------------------------------------------------------------------ */

enum encoding { ENC_UTF8, ENC_CP1252 };

struct opts {
	long households;
	uint64_t seed;
	const char *out;
	char gemeente[7]; /* "GM0599" */
	int year;
	int wijken;
	enum encoding encoding;
	char delim;
	bool bom;
	bool have_households, have_seed;
};

/* Prints "gen_records: <msg> '<arg>'<tail>", the synopsis, and exits 2. */
static void usage_fail(const char *msg, const char *arg, const char *tail)
{
	if (arg)
		fprintf(stderr, "gen_records: %s '%s'%s\n", msg, arg, tail);
	else
		fprintf(stderr, "gen_records: %s\n", msg);
	fputs(USAGE "try 'gen_records --help'\n", stderr);
	exit(2);
}

static long long parse_number(const char *opt, const char *s, long long min,
                              long long max)
{
	char fault[64], want[64];
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		snprintf(fault, sizeof(fault), "bad %s", opt);
		snprintf(want, sizeof(want), ": want %lld to %lld", min, max);
		usage_fail(fault, s, want);
	}
	return v;
}

static uint64_t parse_seed(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-')
		usage_fail("bad --seed", s, ": want a number 0 to 2^64-1");
	return (uint64_t)v;
}

static void parse_gemeente(struct opts *o, const char *s)
{
	size_t i;

	if (strlen(s) != 6 || s[0] != 'G' || s[1] != 'M')
		usage_fail("bad --gemeente", s, ": want GM and four digits");
	for (i = 2; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			usage_fail("bad --gemeente", s,
			           ": want GM and four digits");
	memcpy(o->gemeente, s, 7);
}

static void parse_delimiter(struct opts *o, const char *s)
{
	if (strcmp(s, ";") == 0 || strcmp(s, ",") == 0)
		o->delim = s[0];
	else if (strcmp(s, "tab") == 0 || strcmp(s, "\t") == 0 ||
	         strcmp(s, "\\t") == 0)
		o->delim = '\t';
	else
		usage_fail("bad --delimiter", s, ": want ';', ',' or tab");
}

static void parse_encoding(struct opts *o, const char *s)
{
	if (strcmp(s, "utf8") == 0 || strcmp(s, "utf-8") == 0)
		o->encoding = ENC_UTF8;
	else if (strcmp(s, "cp1252") == 0 || strcmp(s, "windows-1252") == 0)
		o->encoding = ENC_CP1252;
	else
		usage_fail("bad --encoding", s, ": want utf8 or cp1252");
}

/* One option with its value; returns 0 if the name is not known. */
static int parse_valued(struct opts *o, const char *name, const char *val)
{
	if (strcmp(name, "--households") == 0) {
		o->households =
		    (long)parse_number(name, val, 0, MAX_HOUSEHOLDS);
		o->have_households = true;
	} else if (strcmp(name, "--seed") == 0) {
		o->seed = parse_seed(val);
		o->have_seed = true;
	} else if (strcmp(name, "--out") == 0) {
		o->out = val;
	} else if (strcmp(name, "--gemeente") == 0) {
		parse_gemeente(o, val);
	} else if (strcmp(name, "--year") == 0) {
		o->year = (int)parse_number(name, val, 1990, 2100);
	} else if (strcmp(name, "--wijken") == 0) {
		o->wijken = (int)parse_number(name, val, 1, MAX_WIJKEN);
	} else if (strcmp(name, "--encoding") == 0) {
		parse_encoding(o, val);
	} else if (strcmp(name, "--delimiter") == 0) {
		parse_delimiter(o, val);
	} else {
		return 0;
	}
	return 1;
}

static void parse_args(struct opts *o, int argc, char **argv)
{
	int i;

	*o = (struct opts){
		.gemeente = "GM0599", .year = 2025, .wijken = 12, .delim = ';'
	};
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			fputs(USAGE, stdout);
			exit(0);
		}
		if (strcmp(argv[i], "--bom") == 0) {
			o->bom = true;
			continue;
		}
		if (argv[i][0] != '-' || argv[i][1] != '-')
			usage_fail("unexpected", argv[i], "");
		if (i + 1 >= argc)
			usage_fail("missing value for", argv[i], "");
		if (!parse_valued(o, argv[i], argv[i + 1]))
			usage_fail("unknown option", argv[i], "");
		i++;
	}
	if (!o->have_households || !o->have_seed || !o->out)
		usage_fail("missing --households, --seed or --out", NULL, NULL);
	if (o->bom && o->encoding != ENC_UTF8)
		usage_fail("--bom goes with --encoding utf8 only", NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Randomness                                                         */
/* ------------------------------------------------------------------ */

struct rng {
	uint64_t s;
};

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* splitmix64: one 64-bit state, the same sequence on every platform. */
static uint64_t rng_next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15u;
	return mix64(r->s);
}

/* Household i gets its own stream, so it does not depend on N. */
static void rng_seed(struct rng *r, uint64_t seed, uint64_t i)
{
	r->s = mix64(seed ^ 0x5851f42d4c957f2du) ^ mix64(i + 1);
}

/* Uniform in [0, 1). */
static double unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static bool chance(struct rng *r, double p)
{
	return unit(r) < p;
}

/* Uniform integer in [lo, hi]. */
static int between(struct rng *r, int lo, int hi)
{
	uint64_t span = (uint64_t)(hi - lo) + 1;

	return lo + (int)(rng_next(r) % span);
}

/* Standard normal (Box-Muller; the second value is dropped). */
static double normal(struct rng *r)
{
	double u = ((double)(rng_next(r) >> 11) + 1.0) * 0x1.0p-53;
	double v = unit(r);

	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* An index drawn from cumulative probabilities ending in 1. */
static int pick(struct rng *r, const double *cum, int n)
{
	double u = unit(r);
	int i;

	for (i = 0; i < n - 1; i++)
		if (u < cum[i])
			return i;
	return n - 1;
}

/* ------------------------------------------------------------------ */
/* Dates as day numbers (days since 1970-01-01, proleptic Gregorian)  */
/* ------------------------------------------------------------------ */

static int32_t day_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_day(int32_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int32_t year_first(int y)
{
	return day_from_civil(y, 1, 1);
}

static int32_t year_last(int y)
{
	return day_from_civil(y, 12, 31);
}

/* A uniform day of year y. */
static int32_t day_in_year(struct rng *r, int y)
{
	return year_first(y) + between(r, 0, year_last(y) - year_first(y));
}

/* ------------------------------------------------------------------ */
/* Buffered output                                                    */
/* ------------------------------------------------------------------ */

struct out {
	FILE *f;
	char *buf;
	size_t len;
	char path[4096];
	char delim;
};

static void die_io(const char *what, const char *path)
{
	fprintf(stderr, "gen_records: cannot %s '%s': %s\n", what, path,
	        strerror(errno));
	exit(1);
}

static void out_open(struct out *o, const char *dir, const char *name,
                     char delim)
{
	if ((size_t)snprintf(o->path, sizeof(o->path), "%s/%s", dir, name) >=
	    sizeof(o->path)) {
		errno = ENAMETOOLONG;
		die_io("create", dir);
	}
	o->f = fopen(o->path, "wb");
	if (!o->f)
		die_io("create", o->path);
	o->buf = malloc(OUT_CAP);
	if (!o->buf) {
		fputs("gen_records: out of memory\n", stderr);
		exit(1);
	}
	o->len = 0;
	o->delim = delim;
}

static void out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		die_io("write", o->path);
	o->len = 0;
}

/* Called before each row: afterwards ROW_MAX bytes fit without checks. */
static void out_row(struct out *o)
{
	if (o->len > OUT_CAP - ROW_MAX)
		out_flush(o);
}

static void out_close(struct out *o)
{
	out_flush(o);
	if (fclose(o->f) != 0)
		die_io("write", o->path);
	free(o->buf);
}

static void put_mem(struct out *o, const char *s, size_t n)
{
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void put_char(struct out *o, char c)
{
	o->buf[o->len++] = c;
}

static void put_delim(struct out *o)
{
	put_char(o, o->delim);
}

static void put_eol(struct out *o)
{
	put_mem(o, "\r\n", 2);
}

static void put_uint(struct out *o, uint64_t v)
{
	char tmp[24];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		put_char(o, tmp[--n]);
}

static void put_2d(struct out *o, int v)
{
	put_char(o, (char)('0' + v / 10));
	put_char(o, (char)('0' + v % 10));
}

/* dd-mm-yyyy */
static void put_date(struct out *o, int32_t day)
{
	int y, m, d;

	civil_from_day(day, &y, &m, &d);
	put_2d(o, d);
	put_char(o, '-');
	put_2d(o, m);
	put_char(o, '-');
	put_uint(o, (uint64_t)y);
}

/* A text field, quoted (RFC 4180 style) only when it must be. */
static void put_field(struct out *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == o->delim || s[i] == '"' || s[i] == '\r' ||
		    s[i] == '\n')
			break;
	if (i == n) {
		put_mem(o, s, n);
		return;
	}
	put_char(o, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			put_char(o, '"');
		put_char(o, s[i]);
	}
	put_char(o, '"');
}

static void put_str(struct out *o, const char *s)
{
	put_field(o, s, strlen(s));
}

/* A fixed-point number with a decimal comma: 1045 and 1 decimal give
 * "104,5"; with drop_zero, 1800 gives "180" as spreadsheets write it. */
static void put_decimal(struct out *o, uint64_t fixed, int decimals,
                        bool drop_zero)
{
	char tmp[32];
	uint64_t scale = decimals == 2 ? 100 : 10;
	uint64_t frac = fixed % scale;
	int n;

	if (drop_zero && frac == 0)
		n = snprintf(tmp, sizeof(tmp), "%llu",
		             (unsigned long long)(fixed / scale));
	else
		n = snprintf(tmp, sizeof(tmp), "%llu,%0*llu",
		             (unsigned long long)(fixed / scale), decimals,
		             (unsigned long long)frac);
	put_field(o, tmp, (size_t)n);
}

/* ------------------------------------------------------------------ */
/* Free text in the chosen encoding                                   */
/* ------------------------------------------------------------------ */

struct text {
	char s[TEXT_MAX];
	size_t n;
};

/* The few non-ASCII characters the remarks use, in Windows-1252. */
static const struct {
	const char *utf8;
	unsigned char cp1252;
} cp1252_map[] = {
	{ "\xe2\x82\xac", 0x80 }, /* euro sign */
	{ "\xc3\xa9", 0xe9 },     /* e acute */
	{ "\xc3\xab", 0xeb },     /* e diaeresis */
	{ "\xc3\xa8", 0xe8 },     /* e grave */
	{ "\xc3\xaf", 0xef },     /* i diaeresis */
	{ "\xc3\xb6", 0xf6 },     /* o diaeresis */
	{ "\xc3\xbc", 0xfc },     /* u diaeresis */
};

/* Copies UTF-8 text, converting it to Windows-1252 when asked. */
static void text_set(struct text *t, const char *utf8, enum encoding enc)
{
	size_t i, k, len;

	t->n = 0;
	for (i = 0; utf8[i] && t->n < TEXT_MAX; i++) {
		if (enc == ENC_UTF8 || (unsigned char)utf8[i] < 0x80) {
			t->s[t->n++] = utf8[i];
			continue;
		}
		for (k = 0; k < sizeof(cp1252_map) / sizeof(cp1252_map[0]);
		     k++) {
			len = strlen(cp1252_map[k].utf8);
			if (strncmp(utf8 + i, cp1252_map[k].utf8, len) == 0)
				break;
		}
		if (k == sizeof(cp1252_map) / sizeof(cp1252_map[0])) {
			t->s[t->n++] = '?';
			continue;
		}
		t->s[t->n++] = (char)cp1252_map[k].cp1252;
		i += len - 1;
	}
}

/* The free-text remarks of caseworkers ("Opmerking", not mapped): some
 * hold the delimiter, quotes, a line break or accented letters. */
static const char *const remark_src[] = {
	"verhuisd; nieuw adres",
	"verhuisd, nieuw adres per 1 maart",
	"Cli\xc3\xabnt zegt \"geen post ontvangen\"",
	"Brief retour\nonbekend op adres",
	"Voorschot \xe2\x82\xac 150 verstrekt",
	"Caf\xc3\xa9-eigenaar; zelfstandige zonder personeel",
	"Re\xc3\xafntegratietraject gestart",
	"Co\xc3\xb6rdinatie met wijkteam",
	"Aanvraag via sociaal raadslieden",
	"Heeft \xc3\xa9\xc3\xa9n kind in pleegzorg",
	"Gesprek gepland met tolk",
	"Ex-partner betaalt geen alimentatie",
};
#define NREMARKS (sizeof(remark_src) / sizeof(remark_src[0]))
static const double remark_cum[NREMARKS] = {
	0.22, 0.32, 0.40, 0.46, 0.54, 0.60, 0.68, 0.76, 0.84, 0.88, 0.95, 1.0,
};

/* ------------------------------------------------------------------ */
/* Wijken                                                             */
/* ------------------------------------------------------------------ */

struct wijk {
	int number; /* the two digits after the gemeente */
	char name[40];
	double weight; /* relative number of households */
	double income; /* income factor, 1 = city median */
	int buurten;
};

/* Rotterdam's twelve residential wijken (CBS wijk- en buurtkaart): rough
 * household counts in thousands and an income factor that puts poverty
 * where it concentrates (Feijenoord, Charlois, Delfshaven). */
static const struct wijk rotterdam[] = {
	{ 1, "Stadscentrum", 23, 1.05, 6 },
	{ 3, "Delfshaven", 37, 0.82, 8 },
	{ 4, "Overschie", 9, 1.08, 5 },
	{ 5, "Noord", 28, 0.95, 6 },
	{ 6, "Hillegersberg-Schiebroek", 20, 1.25, 7 },
	{ 8, "Kralingen-Crooswijk", 29, 0.98, 7 },
	{ 10, "Feijenoord", 35, 0.80, 9 },
	{ 12, "IJsselmonde", 28, 0.92, 8 },
	{ 13, "Pernis", 2.5, 1.08, 2 },
	{ 14, "Prins Alexander", 45, 1.12, 9 },
	{ 15, "Charlois", 33, 0.80, 9 },
	{ 16, "Hoogvliet", 16, 0.92, 6 },
};
#define NROTTERDAM ((int)(sizeof(rotterdam) / sizeof(rotterdam[0])))

struct region {
	char gm[5]; /* the four digits */
	struct wijk wijk[MAX_WIJKEN];
	double cum[MAX_WIJKEN];
	int n;
};

static bool number_taken(const struct region *g, int number)
{
	int i;

	for (i = 0; i < g->n; i++)
		if (g->wijk[i].number == number)
			return true;
	return false;
}

/* A generic wijk: size and income from its number, not from the seed. */
static void wijk_generic(struct wijk *w, int number)
{
	uint64_t h = mix64((uint64_t)number * 0x9e3779b97f4a7c15u);

	w->number = number;
	snprintf(w->name, sizeof(w->name), "Wijk %02d", number);
	w->weight = 10.0 + (double)(h % 30);
	w->income = 0.80 + (double)((h >> 16) % 45) / 100.0;
	w->buurten = 3 + (int)((h >> 32) % 7);
}

static void region_init(struct region *g, const struct opts *o)
{
	double total = 0.0, run = 0.0;
	int i, next = 1;

	memcpy(g->gm, o->gemeente + 2, 5);
	g->n = 0;
	if (strcmp(o->gemeente, "GM0599") == 0)
		for (; g->n < o->wijken && g->n < NROTTERDAM; g->n++)
			g->wijk[g->n] = rotterdam[g->n];
	while (g->n < o->wijken) {
		while (number_taken(g, next))
			next++;
		wijk_generic(&g->wijk[g->n++], next);
	}
	for (i = 0; i < g->n; i++)
		total += g->wijk[i].weight;
	for (i = 0; i < g->n; i++) {
		run += g->wijk[i].weight;
		g->cum[i] = run / total;
	}
	g->cum[g->n - 1] = 1.0;
}

/* ------------------------------------------------------------------ */
/* Households                                                         */
/* ------------------------------------------------------------------ */

enum stage { JONG, VOLW, OUDERE, NSTAGES };
enum hhtype { EENP, PZK, PMK, EENO, OVERIG, NTYPES };

static const char *const type_label[NTYPES] = {
	"Eenpersoonshuishouden",
	"Paar zonder kinderen",
	"Paar met kinderen",
	"Eenoudergezin",
	"Overig",
};

/* Household type by the head's life stage (cumulative). */
static const double type_cum[NSTAGES][NTYPES] = {
	{ 0.58, 0.78, 0.84, 0.92, 1.0 },
	{ 0.38, 0.55, 0.84, 0.95, 1.0 },
	{ 0.54, 0.975, 0.985, 0.99, 1.0 },
};

/* Minor children in a household "met kinderen": 1..6. */
static const double children_cum[6] = { 0.42, 0.80, 0.94, 0.98, 0.995, 1.0 };

/* Chance of an income at benefit level (bijstand, AOW without pension). */
static const double floor_p[NSTAGES][NTYPES] = {
	{ 0.09, 0.025, 0.07, 0.22, 0.07 },
	{ 0.06, 0.02, 0.03, 0.17, 0.05 },
	{ 0.09, 0.045, 0.035, 0.07, 0.05 },
};
static const double type_income[NTYPES] = { 0.92, 1.12, 1.06, 0.82, 0.96 };
static const double stage_income[NSTAGES] = { 0.86, 1.0, 0.94 };
#define INCOME_MEDIAN 180.0
#define INCOME_SIGMA_LOW 0.27  /* below the median */
#define INCOME_SIGMA_HIGH 0.55 /* above: a long right tail */

struct household {
	uint64_t bsn;
	const struct wijk *wijk;
	int buurt; /* 0: the row carries the wijk code */
	int age;   /* peiljaar minus birth year */
	enum stage stage;
	enum hhtype type;
	int children;
	double income; /* % of the social minimum, known or not */
	bool income_known;
	bool long_term_low; /* low income for three years or more */
	int remark;         /* index into the remarks, -1: none */
};

/* The next number of the synthetic BSN range: eight-digit prefixes from
 * 90000000 up (then 80000000 up, ...), each with the one check digit that
 * makes 9*d1 + 8*d2 + ... + 2*d8 - d9 a multiple of 11; a prefix whose
 * check digit would be 10 has no valid number and is skipped. */
static uint64_t bsn_next(uint64_t *counter)
{
	uint64_t c, prefix, p;
	int w, sum;

	for (;;) {
		c = (*counter)++;
		prefix = (9 - c / 10000000) * 10000000 + c % 10000000;
		sum = 0;
		for (p = prefix, w = 2; w <= 9; w++, p /= 10)
			sum += w * (int)(p % 10);
		if (sum % 11 != 10)
			return prefix * 10 + (uint64_t)(sum % 11);
	}
}

/* Heads: ~6% 18-26, ~68% 27-66, ~26% 67 and over. */
static void draw_age(struct household *h, struct rng *r)
{
	double u = unit(r);

	if (u < 0.06) {
		h->stage = JONG;
		h->age = between(r, 18, 26);
	} else if (u < 0.74) {
		h->stage = VOLW;
		h->age = between(r, 27, 66);
	} else {
		h->stage = OUDERE;
		h->age = 67 + (int)(-9.0 * log(1.0 - unit(r)));
		if (h->age > 104)
			h->age = 67 + between(r, 0, 20);
	}
}

static void draw_type(struct household *h, struct rng *r)
{
	int max = h->stage == JONG ? 2 : h->stage == OUDERE ? 1 : 6;

	h->type = (enum hhtype)pick(r, type_cum[h->stage], NTYPES);
	h->children = 0;
	if (h->type == PMK || h->type == EENO)
		h->children = 1 + pick(r, children_cum, 6);
	else if (h->type == OVERIG && chance(r, 0.15))
		h->children = between(r, 1, 2);
	if (h->children > max)
		h->children = max;
}

/* Right-skewed: a two-piece lognormal body (narrow below the median,
 * long-tailed above) whose median moves with the household type, life
 * stage and wijk, plus a spike at benefit level. */
static void draw_income(struct household *h, struct rng *r)
{
	double f = h->wijk->income;
	double m, u, x, z;

	if (chance(r, floor_p[h->stage][h->type] / f)) {
		u = unit(r);
		if (u < (h->stage == OUDERE ? 0.4 : 0.5))
			x = 100.0;
		else if (h->stage == OUDERE || u > 0.75)
			x = 100.0 +
			    fabs(normal(r)) * (h->stage == OUDERE ? 7.0 : 4.0);
		else
			x = 100.0 - fabs(normal(r)) * 6.0;
		h->long_term_low = chance(r, 0.7);
	} else {
		m = INCOME_MEDIAN * type_income[h->type] *
		    stage_income[h->stage] * sqrt(f);
		z = normal(r);
		x = m *
		    exp((z < 0.0 ? INCOME_SIGMA_LOW : INCOME_SIGMA_HIGH) * z);
		h->long_term_low = x < ELIGIBLE_BELOW && chance(r, 0.3);
	}
	if (x < 35.0)
		x = 35.0 + unit(r) * 20.0;
	if (x > 2500.0)
		x = 2500.0 - unit(r) * 500.0;
	h->income = x;
	h->income_known = !chance(r, 0.03);
}

static void household_make(struct household *h, struct rng *r,
                           const struct region *g, uint64_t *bsn_counter)
{
	int w;

	h->bsn = bsn_next(bsn_counter);
	w = pick(r, g->cum, g->n);
	h->wijk = &g->wijk[w];
	h->buurt = chance(r, 0.10) ? between(r, 1, h->wijk->buurten) : 0;
	draw_age(h, r);
	draw_type(h, r);
	draw_income(h, r);
	h->remark = chance(r, 0.05) ? pick(r, remark_cum, (int)NREMARKS) : -1;
}

/* ------------------------------------------------------------------ */
/* Participation                                                      */
/* ------------------------------------------------------------------ */

/* Schemes are means-tested: who uses one in the peiljaar is drawn in two
 * steps. First whether the household uses any (take-up falls steeply
 * above the thresholds; a share of eligible households claims nothing),
 * then how many (deeper poverty stacks more, heads of AOW age less,
 * single parents more), then which, weighted by income against each
 * scheme's own threshold. Most rows are history: the same draw for each
 * earlier year the household had a low income, up to HISTORY_YEARS back,
 * written as closed periods that end before the peiljaar starts. */

#define HISTORY_YEARS 10 /* closed periods go back to peiljaar - 10 */

enum scheme {
	BB,      /* bijzondere_bijstand */
	ITS,     /* inkomenstoeslag */
	KWIJT,   /* kwijtschelding */
	POLIS,   /* gemeentepolis */
	SHV,     /* schuldhulp */
	MEEDOEN, /* meedoen */
	KIND,    /* kindpakket */
	ENERGIE, /* energietoeslag */
	NSCHEMES
};

/* How the periods of a scheme look in one year:
 * SHORT    one to three short grants (bijzondere bijstand);
 * PAYMENT  one payment, booked as a period of days to a month;
 * TAXYEAR  one decision per tax year, running to 31 December;
 * YEARLY   a policy or pass renewed each calendar year, a row per year;
 * SPELL    a trajectory of months up to three years (schuldhulp). */
enum shape { SHORT, PAYMENT, TAXYEAR, YEARLY, SPELL };

static const struct scheme_info {
	const char *code;
	const char *variant; /* an odd spelling some rows carry */
	double variant_p;
	double threshold; /* % of the social minimum (schemes.json) */
	double weight;    /* relative chance to be among a household's */
	double open;      /* weight factor far above the threshold */
	enum shape shape;
	int min_days, max_days; /* a SHORT, PAYMENT or one-year SPELL period */
	int years;              /* years it exists (peiljaar included); 0 all */
	double ongoing; /* chance the peiljaar's period has no end date yet */
	bool on_first;  /* a new period starts on the first of a month */
} schemes[NSCHEMES] = {
	[BB] = { "bijzondere_bijstand", "Bijzondere bijstand", 0.03, 120, 1.2,
	         0.03, SHORT, 1, 90, 0, 0.15, false },
	[ITS] = { "inkomenstoeslag", NULL, 0, 105, 2.8, 0.0, PAYMENT, 1, 31, 0,
	          0.0, false },
	[KWIJT] = { "kwijtschelding", "Kwijtschelding", 0.05, 100, 2.6, 0.002,
	            TAXYEAR, 0, 0, 0, 0.35, false },
	[POLIS] = { "gemeentepolis", "gemeentepolis ", 0.01, 130, 3.2, 0.003,
	            YEARLY, 0, 0, 0, 0.95, true },
	[SHV] = { "schuldhulp", " Schuldhulp", 0.03, 120, 1.5, 0.04, SPELL, 60,
	          365, 0, 0.6, false },
	[MEEDOEN] = { "meedoen", NULL, 0, 120, 5.4, 0.003, YEARLY, 0, 0, 0,
	              0.85, false },
	[KIND] = { "kindpakket", NULL, 0, 120, 1.8, 0.003, YEARLY, 0, 0, 0, 0.7,
	           false },
	[ENERGIE] = { "energietoeslag", NULL, 0, 130, 1.2, 0.001, PAYMENT, 1,
	              31, 4, 0.0, false },
};

/* Full weight at or below the threshold; a little just above it (the
 * municipal target group reaches past the line, and incomes change
 * within a year); next to nothing far above. */
static double income_factor(const struct scheme_info *si, double income)
{
	double over = income - si->threshold;

	if (over <= 0.0)
		return 1.0;
	if (over <= 10.0)
		return 0.15;
	if (over <= 25.0)
		return 0.03;
	return si->open;
}

/* Who a scheme is for beyond income: its target group, and who uses it
 * more or less; back years before the peiljaar. 0: cannot use it. */
static double group_factor(const struct household *h, enum scheme s, int back)
{
	int age = h->age - back;
	bool single_parent = h->type == EENO;

	if (s == ITS) {
		if (age < 21 || age >= 67)
			return 0.0;
		return h->long_term_low ? 1.0 : 0.15;
	}
	if (s == KIND)
		return h->children == 0 ? 0.0 : single_parent ? 1.4 : 1.0;
	if (s == SHV && h->stage == OUDERE)
		return 0.3;
	if (s == MEEDOEN && h->stage == OUDERE)
		return 0.6;
	return single_parent && (s == BB || s == SHV) ? 1.4 : 1.0;
}

/* The weight of scheme s for household h, back years before the
 * peiljaar, at the given income; 0: it cannot use it. */
static double scheme_weight(const struct household *h, enum scheme s,
                            double income, int back)
{
	const struct scheme_info *si = &schemes[s];

	if (si->years && back >= si->years)
		return 0.0;
	return si->weight * income_factor(si, income) *
	       group_factor(h, s, back);
}

/* Chance of using any scheme in a year at this income. */
static double use_p(const struct household *h, double income)
{
	double p;

	if (income <= 100.0)
		p = 0.9;
	else if (income <= 120.0)
		p = 0.86;
	else if (income <= 130.0)
		p = 0.6;
	else if (income <= 150.0)
		p = 0.09;
	else
		p = 0.006;
	if (h->stage == JONG)
		p *= 0.6;
	else if (h->stage == OUDERE)
		p *= 0.8;
	if (h->type == EENO && income <= NEAR_BELOW)
		p = 1.0 - (1.0 - p) * 0.6;
	return p;
}

/* How many schemes a household that uses any stacks (cumulative for 1 to
 * MAX_SCHEMES), by income: at most 100%, to 120%, to 130%, above. */
static const double stack_cum[4][MAX_SCHEMES] = {
	{ 0.27, 0.56, 0.78, 0.92, 0.98, 1.0 },
	{ 0.37, 0.68, 0.87, 0.96, 0.99, 1.0 },
	{ 0.60, 0.90, 0.97, 1.0, 1.0, 1.0 },
	{ 0.85, 0.97, 1.0, 1.0, 1.0, 1.0 },
};

static int draw_stack(const struct household *h, struct rng *r, double income)
{
	int row = 3, k;

	if (income <= NEAR_BELOW)
		row = income <= 100.0 ? 0 : income <= ELIGIBLE_BELOW ? 1 : 2;
	k = 1 + pick(r, stack_cum[row], MAX_SCHEMES);
	if (h->stage == OUDERE && k > 1 && chance(r, 0.45))
		k--;
	if (h->type == EENO && k < MAX_SCHEMES && chance(r, 0.35))
		k++;
	return k;
}

/* The schemes of one year as bits: k of them, drawn by weight without
 * replacement. */
static unsigned draw_set(const struct household *h, struct rng *r,
                         double income, int back)
{
	double w[NSCHEMES], total, u;
	unsigned set = 0;
	int k = draw_stack(h, r, income), s, n = 0;

	for (s = 0; s < NSCHEMES; s++)
		if ((w[s] = scheme_weight(h, (enum scheme)s, income, back)) > 0)
			n++;
	for (k = k < n ? k : n; k > 0; k--) {
		total = 0.0;
		for (s = 0; s < NSCHEMES; s++)
			total += set & (1u << s) ? 0.0 : w[s];
		u = unit(r) * total;
		for (s = 0; s < NSCHEMES - 1; s++) {
			if (set & (1u << s) || w[s] <= 0.0)
				continue;
			if (u < w[s])
				break;
			u -= w[s];
		}
		while (set & (1u << s) || w[s] <= 0.0)
			s--; /* rounding at the end of the list */
		set |= 1u << s;
	}
	return set;
}

/* The schemes used in the peiljaar. */
static unsigned draw_schemes(const struct household *h, struct rng *r)
{
	if (!chance(r, use_p(h, h->income)))
		return 0;
	return draw_set(h, r, h->income, 0);
}

/* The years before the peiljaar in the records: not before the head
 * turned 18, nor before the household moved in. */
static int history_depth(const struct household *h, struct rng *r)
{
	int depth = HISTORY_YEARS;

	if (h->age - 18 < depth)
		depth = h->age - 18;
	if (chance(r, 0.4))
		depth = between(r, 0, depth);
	return depth;
}

/* Drops the schemes a household could not use back years ago. */
static unsigned still_possible(const struct household *h, unsigned set,
                               double income, int back)
{
	int s;

	for (s = 0; s < NSCHEMES; s++)
		if (set & (1u << s) &&
		    scheme_weight(h, (enum scheme)s, income, back) <= 0.0)
			set &= ~(1u << s);
	return set;
}

/* The schemes of each earlier year, walking back from the peiljaar:
 * years[s] gets bit k when s was used k years before it. A low income
 * tends to last; a household above the line now may have had a spell
 * of low income before. Use tends to continue from year to year. */
static void draw_history(unsigned *years, const struct household *h,
                         unsigned now, struct rng *r)
{
	double income =
	    h->income <= NEAR_BELOW ? h->income : 80.0 + unit(r) * 45.0;
	double stay = h->long_term_low ? 0.9 : 0.75;
	bool low = now != 0 || h->income <= ELIGIBLE_BELOW;
	unsigned next = now, set;
	int depth = history_depth(h, r), k, s;

	for (s = 0; s < NSCHEMES; s++)
		years[s] = now >> s & 1u;
	for (k = 1; k <= depth; k++) {
		low = chance(r, low ? stay : 0.025);
		set = 0;
		if (low && next && chance(r, 0.6))
			set = still_possible(h, next, income, k);
		else if (low && chance(r, next ? 0.9 : 0.5))
			set = draw_set(h, r, income, k);
		for (s = 0; s < NSCHEMES; s++)
			if (set & (1u << s))
				years[s] |= 1u << k;
		next = set;
	}
}

static const char *scheme_label(enum scheme s, struct rng *r)
{
	const struct scheme_info *si = &schemes[s];

	if (si->variant && chance(r, si->variant_p))
		return si->variant;
	return si->code;
}

static int32_t first_of_month(int32_t day)
{
	int y, m, d;

	civil_from_day(day, &y, &m, &d);
	return day_from_civil(y, m, 1);
}

static int32_t min_day(int32_t a, int32_t b)
{
	return a < b ? a : b;
}

struct rows {
	struct out *o;
	const struct household *h;
	struct rng *r;
	enum scheme s;
	size_t n;
};

/* One row; end < 0: still running. */
static void put_period(struct rows *w, int32_t start, int32_t end)
{
	struct out *o = w->o;

	out_row(o);
	put_uint(o, w->h->bsn);
	put_delim(o);
	put_str(o, scheme_label(w->s, w->r));
	put_delim(o);
	put_date(o, start);
	put_delim(o);
	if (end >= 0)
		put_date(o, end);
	put_eol(o);
	w->n++;
}

/* One to three short grants in year y, each in its own part of the year. */
static void periods_short(struct rows *w, int y, bool now)
{
	const struct scheme_info *si = &schemes[w->s];
	int n = 1 + chance(w->r, 0.35) + chance(w->r, 0.1), i;
	int32_t first = year_first(y), len = year_last(y) - first + 1;
	int32_t start, end, slice_end;

	for (i = 0; i < n; i++) {
		slice_end = first + len * (i + 1) / n - 1;
		start = first + len * i / n + between(w->r, 0, len / n - 1);
		end = min_day(start + between(w->r, si->min_days, si->max_days),
		              slice_end);
		if (now && i == n - 1 && chance(w->r, si->ongoing))
			end = -1;
		put_period(w, start, end);
	}
}

/* A renewed period: from 1 January when it ran the year before, else
 * from the day it was granted; to 31 December when it runs on. */
static void period_yearly(struct rows *w, unsigned years, int k, int y)
{
	const struct scheme_info *si = &schemes[w->s];
	int32_t start, end = year_last(y);

	if (years & (1u << (k + 1))) {
		start = year_first(y);
	} else {
		start = day_in_year(w->r, y);
		if (si->on_first)
			start = first_of_month(start);
	}
	if (k == 0 && chance(w->r, si->ongoing))
		end = -1;
	else if ((k == 0 || !(years & (1u << (k - 1)))) && chance(w->r, 0.5))
		end = start + between(w->r, 0, year_last(y) - start);
	put_period(w, start, end);
}

/* A trajectory over the years from k down to k_end (at most three). */
static void period_spell(struct rows *w, int k, int k_end, int year)
{
	const struct scheme_info *si = &schemes[w->s];
	int y = year - k, y_end = year - k_end;
	int32_t start = year_first(y) + between(w->r, 0, 300), end;

	if (k == k_end)
		end = min_day(start + between(w->r, si->min_days, si->max_days),
		              year_last(y));
	else
		end = day_in_year(w->r, y_end);
	if (k_end == 0 && chance(w->r, si->ongoing))
		end = -1;
	put_period(w, start, end);
}

/* One payment in year y, booked as a period of days to a month. */
static void period_payment(struct rows *w, int y)
{
	const struct scheme_info *si = &schemes[w->s];
	int32_t start = day_in_year(w->r, y);

	put_period(w, start,
	           min_day(start + between(w->r, si->min_days, si->max_days),
	                   year_last(y)));
}

/* A decision for tax year y (k years before the peiljaar), granted in
 * its first months and running to 31 December. */
static void period_taxyear(struct rows *w, int k, int y)
{
	int32_t start = year_first(y) + between(w->r, 14, 200);

	if (k == 0 && chance(w->r, schemes[w->s].ongoing))
		put_period(w, start, -1);
	else
		put_period(w, start, year_last(y));
}

/* All periods of one scheme, oldest first. */
static void write_scheme(struct rows *w, unsigned years, int year)
{
	const struct scheme_info *si = &schemes[w->s];
	int k, k_end, y;

	for (k = HISTORY_YEARS; k >= 0; k--) {
		if (!(years & (1u << k)))
			continue;
		y = year - k;
		switch (si->shape) {
		case SHORT:
			periods_short(w, y, k == 0);
			break;
		case PAYMENT:
			period_payment(w, y);
			break;
		case TAXYEAR:
			period_taxyear(w, k, y);
			break;
		case YEARLY:
			period_yearly(w, years, k, y);
			break;
		case SPELL:
			for (k_end = k; k_end > 0 && k - k_end < 2 &&
			                years & (1u << (k_end - 1));)
				k_end--;
			period_spell(w, k, k_end, year);
			k = k_end;
			break;
		}
	}
}

/* Writes the participation rows of one household; returns how many. */
static size_t write_participation(struct out *o, const struct household *h,
                                  unsigned now, struct rng *r, int year)
{
	unsigned years[NSCHEMES];
	struct rows w = { .o = o, .h = h, .r = r, .n = 0 };
	int s;

	draw_history(years, h, now, r);
	for (s = 0; s < NSCHEMES; s++) {
		if (!years[s])
			continue;
		w.s = (enum scheme)s;
		write_scheme(&w, years[s], year);
	}
	return w.n;
}

enum band { ELIG, NEAR, REST };

static enum band band_of(const struct household *h)
{
	if (h->income < ELIGIBLE_BELOW)
		return ELIG;
	return h->income < NEAR_BELOW ? NEAR : REST;
}

/* ------------------------------------------------------------------ */
/* Signals (vroegsignalering)                                         */
/* ------------------------------------------------------------------ */

enum partner { P_ENERGIE, P_HUUR, P_WATER, P_ZORG, P_OVERIG, NPARTNERS };

static const struct {
	const char *label;
	double median; /* arrears in euros */
} partners[NPARTNERS] = {
	{ "Energie", 420.0 },    { "Woningcorporatie", 1350.0 },
	{ "Drinkwater", 140.0 }, { "Zorgverzekeraar", 390.0 },
	{ "Overig", 600.0 },
};
static const double partner_cum[NPARTNERS] = { 0.30, 0.58, 0.68, 0.95, 1.0 };

static const char *const outcome_label[4] = {
	"",
	"contact gelegd",
	"geen contact",
	"doorverwezen schuldhulp",
};

/* Chance that a household has at least one signal this year. */
static double signal_p(const struct household *h, unsigned set)
{
	static const double by_band[3] = { 0.32, 0.16, 0.03 };
	double p = by_band[band_of(h)];

	if (set & (1u << SHV))
		p *= 1.8;
	if (h->stage == OUDERE)
		p *= 0.5;
	return p < 0.9 ? p : 0.9;
}

static int draw_outcome(struct rng *r, unsigned set)
{
	static const double plain[4] = { 0.35, 0.70, 0.90, 1.0 };
	static const double helped[4] = { 0.25, 0.55, 0.70, 1.0 };

	return pick(r, set & (1u << SHV) ? helped : plain, 4);
}

static void write_signal(struct out *o, const struct household *h,
                         struct rng *r, int partner, int32_t day, unsigned set)
{
	double eur = partners[partner].median * exp(0.6 * normal(r));

	if (eur < 25.0)
		eur = 25.0 + unit(r) * 50.0;
	out_row(o);
	put_uint(o, h->bsn);
	put_delim(o);
	put_str(o, partners[partner].label);
	put_delim(o);
	put_date(o, day);
	put_delim(o);
	put_decimal(o, (uint64_t)llround(eur * 100.0), 2, false);
	put_delim(o);
	put_str(o, outcome_label[draw_outcome(r, set)]);
	put_eol(o);
}

/* A first signal somewhere in the year; a third of the time another
 * follows within six months, often from the same partner. */
static size_t write_signals(struct out *o, const struct household *h,
                            unsigned set, struct rng *r, int year)
{
	int32_t day, last = year_last(year);
	int partner;
	size_t n = 0;

	if (!chance(r, signal_p(h, set)))
		return 0;
	day = day_in_year(r, year);
	partner = pick(r, partner_cum, NPARTNERS);
	for (;;) {
		write_signal(o, h, r, partner, day, set);
		n++;
		if (n == MAX_SIGNALS || !chance(r, 0.35))
			break;
		day += between(r, 14, 182);
		if (day > last)
			break;
		if (!chance(r, 0.6))
			partner = pick(r, partner_cum, NPARTNERS);
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* The files                                                          */
/* ------------------------------------------------------------------ */

static const char *const household_cols[] = {
	"BSN aanvrager",
	"Wijkcode",
	"Wijknaam",
	"Geboortedatum hoofd",
	"Samenstelling",
	"Aantal minderjarige kinderen",
	"Inkomen % sociaal minimum",
	"Peiljaar",
	"Opmerking",
	NULL,
};
static const char *const participation_cols[] = {
	"BSN", "Regeling", "Startdatum", "Einddatum", NULL,
};
static const char *const signal_cols[] = {
	"BSN", "Partner", "Signaaldatum", "Achterstand (EUR)", "Uitkomst", NULL,
};

/* The importer's mapping: canonical field = header in the export. */
static const char *const mapping[][2] = {
	{ "households.household_id", "BSN aanvrager" },
	{ "households.region", "Wijkcode" },
	{ "households.head_birth_year", "Geboortedatum hoofd" },
	{ "households.household_type", "Samenstelling" },
	{ "households.children", "Aantal minderjarige kinderen" },
	{ "households.income_pct_sm", "Inkomen % sociaal minimum" },
	{ "households.period", "Peiljaar" },
	{ "participation.household_id", "BSN" },
	{ "participation.scheme", "Regeling" },
	{ "participation.start_date", "Startdatum" },
	{ "participation.end_date", "Einddatum" },
	{ "signals.household_id", "BSN" },
	{ "signals.partner", "Partner" },
	{ "signals.signal_date", "Signaaldatum" },
	{ "signals.arrears_eur", "Achterstand (EUR)" },
	{ "signals.outcome", "Uitkomst" },
};

static void write_header(struct out *o, const char *const *cols, bool bom)
{
	size_t i;

	out_row(o);
	if (bom)
		put_mem(o, "\xef\xbb\xbf", 3);
	for (i = 0; cols[i]; i++) {
		if (i)
			put_delim(o);
		put_str(o, cols[i]);
	}
	put_eol(o);
}

static void put_region(struct out *o, const struct region *g,
                       const struct household *h)
{
	put_mem(o, h->buurt ? "BU" : "WK", 2);
	put_mem(o, g->gm, 4);
	put_2d(o, h->wijk->number);
	if (h->buurt)
		put_2d(o, h->buurt);
}

/* The head was born in (peiljaar - age), on any day of that year. */
static void write_household(struct out *o, const struct household *h,
                            const struct region *g, const struct text *remarks,
                            struct rng *r, int year)
{
	out_row(o);
	put_uint(o, h->bsn);
	put_delim(o);
	put_region(o, g, h);
	put_delim(o);
	put_str(o, h->wijk->name);
	put_delim(o);
	put_date(o, day_in_year(r, year - h->age));
	put_delim(o);
	put_str(o, type_label[h->type]);
	put_delim(o);
	put_uint(o, (uint64_t)h->children);
	put_delim(o);
	if (h->income_known)
		put_decimal(o, (uint64_t)llround(h->income * 10.0), 1, true);
	put_delim(o);
	put_uint(o, (uint64_t)year);
	put_delim(o);
	if (h->remark >= 0)
		put_field(o, remarks[h->remark].s, remarks[h->remark].n);
	put_eol(o);
}

static void write_map(const char *dir)
{
	struct out o = { .f = NULL };
	size_t i;

	out_open(&o, dir, "kolommen.map", '=');
	for (i = 0; i < sizeof(mapping) / sizeof(mapping[0]); i++) {
		out_row(&o);
		put_mem(&o, mapping[i][0], strlen(mapping[i][0]));
		put_char(&o, '=');
		put_mem(&o, mapping[i][1], strlen(mapping[i][1]));
		put_char(&o, '\n');
	}
	out_close(&o);
}

struct totals {
	uint64_t households, participation, signals;
};

static void generate(const struct opts *o, const struct region *g,
                     const struct text *remarks, struct totals *t)
{
	struct out hh = { .f = NULL }, pa = { .f = NULL }, si = { .f = NULL };
	struct household h;
	struct rng r;
	uint64_t i, bsn_counter = 0;
	unsigned set;

	out_open(&hh, o->out, "huishoudens.csv", o->delim);
	out_open(&pa, o->out, "deelname.csv", o->delim);
	out_open(&si, o->out, "signalen.csv", o->delim);
	write_header(&hh, household_cols, o->bom);
	write_header(&pa, participation_cols, o->bom);
	write_header(&si, signal_cols, o->bom);
	for (i = 0; i < (uint64_t)o->households; i++) {
		rng_seed(&r, o->seed, i);
		household_make(&h, &r, g, &bsn_counter);
		write_household(&hh, &h, g, remarks, &r, o->year);
		set = draw_schemes(&h, &r);
		t->participation +=
		    write_participation(&pa, &h, set, &r, o->year);
		t->signals += write_signals(&si, &h, set, &r, o->year);
	}
	t->households = i;
	out_close(&hh);
	out_close(&pa);
	out_close(&si);
}

int main(int argc, char **argv)
{
	static struct region g;
	static struct text remarks[NREMARKS];
	struct totals t = { 0, 0, 0 };
	struct opts o;
	size_t i;

	parse_args(&o, argc, argv);
	if (mkdir(o.out, 0777) != 0 && errno != EEXIST)
		die_io("create", o.out);
	region_init(&g, &o);
	for (i = 0; i < NREMARKS; i++)
		text_set(&remarks[i], remark_src[i], o.encoding);
	generate(&o, &g, remarks, &t);
	write_map(o.out);
	fprintf(stderr,
	        "gen_records: %llu households, %llu participation rows, "
	        "%llu signal rows in '%s'\n",
	        (unsigned long long)t.households,
	        (unsigned long long)t.participation,
	        (unsigned long long)t.signals, o.out);
	return 0;
}
