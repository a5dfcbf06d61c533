/*
 * Risk profiles and peers on the open indicators (issue 4). peers: the
 * gemeenten most like one gemeente, by k nearest neighbours (Euclidean) on
 * standardised structural features. risk: for one gemeente or wijk, every
 * indicator it has a value for, against the country, its peers and all
 * regions of its level, with a polarity-aware verdict, a trend and a ranked
 * at-risk list. Reads the store through indicators.h; returns a result
 * table with statistics and notes; prints nothing.
 */
#ifndef INZICHT_RISK_H
#define INZICHT_RISK_H

#include <stddef.h>

#include "inzicht/error.h"
#include "inzicht/store.h"
#include "inzicht/table.h"

/* At most this many features, and peers given by code. */
#define IZ_PEERS_MAX_FEATURES 16
#define IZ_RISK_MAX_PEERS 64
#define IZ_PEERS_DEFAULT_K 10

struct iz_peers_opts {
	const char *region; /* gemeente code, required */
	size_t k;           /* number of peers, >= 1 */
	/* indicator ids used as they are; none: the default features */
	const char *features[IZ_PEERS_MAX_FEATURES];
	size_t nfeatures;
};

#define IZ_PEERS_OPTS_INIT                                                   \
	{ .region = NULL, .k = IZ_PEERS_DEFAULT_K, .nfeatures = 0 }

/*
 * The k gemeenten nearest to o->region. Default features: log_inwoners
 * (ln of inwoners, else inwonertal), urbanity as log_adresdichtheid (ln of
 * omgevingsadressendichtheid, addresses per km2, KWB) or, when the store
 * lacks the density, as stedelijkheid (CBS's class of it, 1 = zeer sterk
 * .. 5 = niet stedelijk, as it is: a distance does not depend on the
 * direction of a feature), pct_65_plus (100 inwoners_65_plus / inwoners),
 * pct_met_kinderen (100 huishoudens_met_kinderen / huishoudens),
 * pct_laag_inkomen (personen_in_armoede_pct, else
 * huishoudens_laagste_40pct_inkomen_pct); a feature whose ids the store
 * lacks is skipped with a note. Each feature in its latest period (a ratio
 * in the latest period both parts have) is turned into z-scores across
 * the gemeenten that have every feature; the distance is the Euclidean
 * distance of the z-vectors; ties go by region code. Rows: rank, region,
 * name, distance, then one column per feature (its value, not its z).
 * Statistics: k (peers listed), n (gemeenten compared), features (text:
 * the feature names joined by commas). *out is new (caller frees).
 * Errors: not a gemeente code, no features, an unknown --features id
 * (IZ_EUSAGE); the region lacking a feature, fewer than two gemeenten
 * (IZ_EINPUT).
 */
int iz_risk_peers(struct iz_table **out, struct iz_store *st,
		  const struct iz_peers_opts *o, struct iz_error *err);

/* The codes of the peers iz_risk_peers lists for o, nearest first, in a
 * new array *out of *n new strings (free with iz_risk_codes_free); notes
 * on how they were chosen go to notes when not NULL. */
int iz_risk_peer_codes(char ***out, size_t *n, struct iz_table *notes,
		       struct iz_store *st, const struct iz_peers_opts *o,
		       struct iz_error *err);
/* Free an array of codes; accepts NULL. */
void iz_risk_codes_free(char **codes, size_t n);

struct iz_risk_opts {
	const char *region; /* GM... or WK..., required */
	const char *period; /* NULL or "latest": each indicator's latest */
	size_t k; /* k nearest gemeenten as peers; 0: IZ_PEERS_DEFAULT_K */
	const char *peers[IZ_RISK_MAX_PEERS]; /* or these codes */
	size_t npeers;
};

#define IZ_RISK_OPTS_INIT                                                    \
	{ .region = NULL, .period = NULL, .k = 0, .npeers = 0 }

/* |polarity-aligned z| above this is "worse" or "better" when the source
 * publishes no interval; the trend flag wants p below IZ_RISK_TREND_P. */
#define IZ_RISK_Z_LIMIT 1.0
#define IZ_RISK_TREND_P 0.05
/* At most this many rows in the at-risk list. */
#define IZ_RISK_TOP 10

/*
 * The risk profile of o->region: one row per series with a value for the
 * region (the main series of each indicator id, plus its categories that
 * the catalog maps to a life stage or household type other than totaal),
 * grouped by spearhead, life stage, household type, indicator. Columns and
 * verdict rules are in the README (section risk). At gemeente level peers
 * are the k nearest gemeenten (iz_risk_peers) or the codes given; at wijk
 * level the other wijken of its gemeente, or the codes given, and a column
 * gemeente holds the gemeente's value. *out is new (caller frees).
 * Errors: a code of another level, an unknown region, k peers for a wijk
 * (IZ_EUSAGE); no indicator with a value (IZ_EINPUT).
 */
int iz_risk_profile(struct iz_table **out, struct iz_store *st,
		    const struct iz_risk_opts *o, struct iz_error *err);

#endif
