/*
 * Region codes and period codes, normalised once at the edge: CBS pads keys
 * with spaces ("GM0363    "), levels follow from the prefix, wijk and buurt
 * codes name their parent.
 */
#ifndef INZICHT_REGION_H
#define INZICHT_REGION_H

#include <stdbool.h>
#include <stddef.h>

/* Copy s without leading/trailing white space into a new string. */
char *iz_trim_dup(const char *s);
/* Trim in place; returns s. */
char *iz_trim(char *s);

/* Level of a (trimmed) region code: land, landsdeel, provincie, corop, ggd,
 * gemeente, wijk, buurt, or "overig". Static string. */
const char *iz_region_level(const char *code);

/* Parent code of a wijk (its gemeente) or buurt (its wijk) as a new string,
 * or NULL for other levels. */
char *iz_region_parent(const char *code);

/* A (trimmed) code is a plausible region code: 2-10 chars [A-Z0-9]. */
bool iz_region_code_valid(const char *code);

enum iz_period_kind {
	IZ_PERIOD_YEAR,    /* 2023JJ00 */
	IZ_PERIOD_QUARTER, /* 2023KW01 */
	IZ_PERIOD_MONTH,   /* 2023MM01 */
	IZ_PERIOD_HALF,    /* 2023HJ01 */
	IZ_PERIOD_WEEK,    /* 2023W101, 2023X001 */
	IZ_PERIOD_OTHER,
};

struct iz_period {
	int year;
	enum iz_period_kind kind;
	int number; /* quarter, month, half or week; 0 for years */
};

/* Parse a CBS period code; -1 if it is not of the form yyyyTTnn. */
int iz_period_parse(struct iz_period *out, const char *code);

#endif
