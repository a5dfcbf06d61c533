/*
 * The municipal schemes (minimaregelingen) and who is eligible for them,
 * read from datasets/schemes.json (or a gemeente's own copy).
 */
#ifndef INZICHT_SCHEMES_H
#define INZICHT_SCHEMES_H

#include <stdbool.h>
#include <stddef.h>

#include "inzicht/error.h"

enum iz_target {
	IZ_TARGET_ALL,
	IZ_TARGET_MET_KINDEREN,     /* households with minor children */
	IZ_TARGET_AOW_LEEFTIJD,     /* head at or over pension age */
	IZ_TARGET_WERKENDE_LEEFTIJD /* head 18 up to pension age */
};

struct iz_scheme {
	char *code; /* [a-z0-9_]+ */
	char *name;
	const char *spearhead;   /* static vocabulary string */
	double income_threshold; /* % of the social minimum; <= 0: none */
	enum iz_target target;
};

struct iz_schemes {
	struct iz_scheme *items;
	size_t n;
};

/* Load a schemes file; *out owned by the caller (iz_schemes_release).
 * Errors name the file and the key. */
int iz_schemes_load(struct iz_schemes *out, const char *path,
		    struct iz_error *err);
void iz_schemes_release(struct iz_schemes *s);

/* Index of the scheme whose code matches name after normalisation
 * (case, spaces, hyphens: "Bijzondere bijstand" -> bijzondere_bijstand),
 * or -1. */
long iz_schemes_find(const struct iz_schemes *s, const char *name);

/* "a, b, c": the known codes, for messages. New string. */
char *iz_schemes_list(const struct iz_schemes *s);

/* Is a household eligible? income < 0 means unknown (then not eligible by
 * income); threshold_override > 0 replaces every scheme's threshold. */
bool iz_scheme_eligible(const struct iz_scheme *sc, double income_pct,
			int head_age, int children, double threshold_override);

/* "all", "met_kinderen", ... */
const char *iz_target_name(enum iz_target t);

#endif
