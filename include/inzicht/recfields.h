/*
 * The cells of municipal records, one at a time: dates, household types,
 * partners, outcomes and the household row's checks. Pure functions with
 * no I/O, so each rule is testable on its own. Messages never repeat the
 * cell's value (it may be personal data).
 */
#ifndef INZICHT_RECFIELDS_H
#define INZICHT_RECFIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "inzicht/store.h"

/* Only white space. */
bool iz_recfield_blank(const char *cell);

/* dd-mm-yyyy, d-m-yyyy, dd/mm/yyyy, dd.mm.yyyy or yyyy-mm-dd (optionally
 * followed by a time) as "yyyy-mm-dd" in out; -1 when not a real date. */
int iz_recfield_date(char out[11], const char *cell);

/* A year of birth from "1975" or a date; 0 when not one. */
int iz_recfield_year(const char *cell);

/* Canonical household type (eenpersoons, paar_zonder_kinderen,
 * paar_met_kinderen, eenouder, overig) from a code or a common Dutch label
 * ("Eenoudergezin", "Paar met kinderen"); NULL when unknown. */
const char *iz_recfield_household_type(const char *cell);

/* Canonical partner (energie, huur, water, zorgverzekeraar, other) from a
 * code or a label ("Woningcorporatie", "Drinkwater", "Overig"); NULL. */
const char *iz_recfield_partner(const char *cell);

/* Outcome category (contact_gelegd, geen_contact, doorverwezen, anders) or
 * NULL when blank. Free text is never stored: unknown text is "anders". */
const char *iz_recfield_outcome(const char *cell);

/* A wijk, buurt or gemeente code, upper-cased into out (16 bytes); -1 when
 * it is not one. */
int iz_recfield_region(char out[16], const char *cell);

/*
 * Fill h (all but h->id) from the cells of a household row; region_buf (16
 * bytes) holds the region. period may be NULL (no column): default_period
 * is used. On a bad cell: -1 with *bad = the field index (1 region,
 * 2 birth year, 3 type, 4 children, 5 income, 6 period) and *why.
 */
int iz_recfield_household(struct iz_household *h, char *region_buf,
			  const char *region, const char *birth,
			  const char *type, const char *children,
			  const char *income, const char *period,
			  int default_period, size_t *bad, const char **why);

#endif
