/*
 * The households of one period with what the analyses need of each: the
 * schemes active in the period, the schemes it is eligible for, life stage,
 * household type, wijk and its arrears signals. Loaded once from the store
 * (ordered scans merged by pseudonym; a store in a file in two halves of the
 * pseudonyms at once, each on its own connection), then analysed in memory.
 */
#ifndef INZICHT_POPULATION_H
#define INZICHT_POPULATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inzicht/error.h"
#include "inzicht/schemes.h"
#include "inzicht/store.h"

/* At most this many schemes (one bit each). */
#define IZ_MAX_SCHEMES 64

enum iz_stage { IZ_STAGE_KIND, IZ_STAGE_JONG, IZ_STAGE_VOLWASSEN,
		IZ_STAGE_OUDERE, IZ_NSTAGES };
enum iz_hhtype { IZ_HH_EENPERSOONS, IZ_HH_PAAR_ZONDER, IZ_HH_PAAR_MET,
		 IZ_HH_EENOUDER, IZ_HH_OVERIG, IZ_NHHTYPES };

/* Codes of the enums above ("kind", ..., "eenpersoons", ...). */
extern const char *const iz_stage_codes[IZ_NSTAGES];
extern const char *const iz_hhtype_codes[IZ_NHHTYPES];

struct iz_hh {
	int64_t id;
	uint64_t schemes;  /* bit i: scheme i active in the period */
	uint64_t eligible; /* bit i: eligible for scheme i */
	float income;      /* % of the social minimum; < 0 unknown */
	uint32_t wijk;     /* index into iz_population.wijken */
	uint16_t signals;  /* arrears signals in the period */
	uint8_t partners;  /* bit per partner with a signal */
	uint8_t stage;     /* enum iz_stage */
	uint8_t type;      /* enum iz_hhtype */
	int8_t children;
	bool repeat;       /* two signals within 183 days */
};

/* Vroegsignalering partners, one bit each in iz_hh.partners. */
#define IZ_NPARTNERS 5
extern const char *const iz_partner_codes[IZ_NPARTNERS];

struct iz_population {
	int period;         /* the year */
	char start[11];     /* first day, YYYY-MM-DD */
	char end[11];       /* last day */
	struct iz_hh *hh;   /* sorted by id */
	size_t n;
	char **wijken;      /* wijk codes (a buurt counts in its wijk) */
	size_t nwijken;
	struct iz_schemes schemes; /* the scheme definitions used */
	double threshold_override; /* > 0 replaces every income threshold */
	size_t orphan_participations; /* no household record in the period */
	size_t orphan_signals;
	size_t income_unknown;
};

/*
 * Load the households of period (a year; 0 = the latest period in the
 * store) with their schemes and signals. schemes NULL: the definitions the
 * store holds from the last import. *out owned by the caller
 * (iz_population_release). No household in the period is an error.
 */
int iz_population_load(struct iz_population *out, struct iz_store *st,
		       const struct iz_schemes *schemes, int period,
		       double threshold_override, struct iz_error *err);
void iz_population_release(struct iz_population *p);

/* Number of schemes active for a household (popcount). */
int iz_hh_nschemes(const struct iz_hh *h);

#endif
