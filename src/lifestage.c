/*
 * Life stages and household types: the vocabulary every source category and
 * every record is mapped onto (DESIGN.md, "Life stages").
 */
#include "inzicht/lifestage.h"

#include <string.h>

/* "totaal" stands for all ages / all households of a source category. */
const char *const iz_life_stage_codes[] = { "kind",    "jongvolwassen",
					    "volwassen", "oudere",
					    "totaal",  NULL };

const char *const iz_household_type_codes[] = {
	"eenpersoons", "paar_zonder_kinderen", "paar_met_kinderen",
	"eenouder",    "overig",	       "met_kinderen",
	"zonder_kinderen", "totaal",	       NULL
};

const char *iz_life_stage_of_age(int age)
{
	if (age < 18)
		return "kind";
	if (age <= 26)
		return "jongvolwassen";
	if (age < IZ_PENSION_AGE)
		return "volwassen";
	return "oudere";
}

static const struct {
	const char *code, *label;
} labels[] = {
	{ "kind", "kinderen (0-17)" },
	{ "jongvolwassen", "jongvolwassenen (18-26)" },
	{ "volwassen", "werkende leeftijd (27-66)" },
	{ "oudere", "AOW-leeftijd (67+)" },
	{ "totaal", "totaal" },
	{ "eenpersoons", "eenpersoonshuishouden" },
	{ "paar_zonder_kinderen", "paar zonder kinderen" },
	{ "paar_met_kinderen", "paar met kinderen" },
	{ "eenouder", "eenouderhuishouden" },
	{ "overig", "overig huishouden" },
	{ "met_kinderen", "huishoudens met kinderen" },
	{ "zonder_kinderen", "huishoudens zonder kinderen" },
};

const char *iz_life_stage_label(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].code, code) == 0)
			return labels[i].label;
	return code;
}
