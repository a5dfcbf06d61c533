/*
 * The one vocabulary of life stages and household types (DESIGN.md), and the
 * mapping from ages onto it. No dependencies.
 */
#ifndef INZICHT_LIFESTAGE_H
#define INZICHT_LIFESTAGE_H

/* NULL-terminated lists of the codes accepted in catalog and records. */
extern const char *const iz_life_stage_codes[];
extern const char *const iz_household_type_codes[];

/* The pension (AOW) age used for the "oudere" stage. */
#define IZ_PENSION_AGE 67

/* Life stage code of a person of the given age (years, >= 0). */
const char *iz_life_stage_of_age(int age);

/* Dutch label of a life stage or household type code; the code if unknown. */
const char *iz_life_stage_label(const char *code);

#endif
