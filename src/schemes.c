/*
 * Schemes and their eligibility rules: a small JSON file, validated as
 * strictly as the dataset catalog.
 */
#include "inzicht/schemes.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/lifestage.h"

static const char *const spearheads[] = { "financiele_stabiliteit",
					   "sociale_inclusie", "leefstijl",
					   "gezondheid", "context", NULL };
static const char *const targets[] = { "all", "met_kinderen", "aow_leeftijd",
				       "werkende_leeftijd", NULL };

const char *iz_target_name(enum iz_target t)
{
	return targets[t];
}

static int bad(struct iz_error *err, const char *path, size_t i,
	       const char *key, const char *what)
{
	return iz_fail(err, IZ_EINPUT, "%s: key 'schemes[%zu]%s%s': %s", path,
		       i, *key ? "." : "", key, what);
}

static int word(const char **out, const char *const *words, json_t *v)
{
	size_t i;

	for (i = 0; json_is_string(v) && words[i]; i++)
		if (strcmp(words[i], json_string_value(v)) == 0) {
			*out = words[i];
			return (int)i;
		}
	return -1;
}

static bool valid_code(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '_')
			return false;
	return true;
}

static int check_keys(json_t *o, const char *path, size_t i,
		      struct iz_error *err)
{
	static const char *const allowed[] = { "code",	     "name",
					       "spearhead",  "income_threshold",
					       "target",     NULL };
	const char *k;
	json_t *v;
	size_t j;

	json_object_foreach(o, k, v)
	{
		for (j = 0; allowed[j] && strcmp(allowed[j], k) != 0; j++)
			;
		if (!allowed[j])
			return bad(err, path, i, k, "unknown key");
	}
	return 0;
}

static int parse_one(struct iz_scheme *sc, json_t *o, const char *path,
		     size_t i, struct iz_error *err)
{
	json_t *code = json_object_get(o, "code"), *name;
	json_t *thr = json_object_get(o, "income_threshold");
	int t;

	if (!json_is_object(o))
		return bad(err, path, i, "", "expected an object");
	if (check_keys(o, path, i, err) < 0)
		return -1;
	if (!json_is_string(code) || !valid_code(json_string_value(code)))
		return bad(err, path, i, "code",
			   "expected lower-case letters, digits and _");
	name = json_object_get(o, "name");
	if (!json_is_string(name))
		return bad(err, path, i, "name", "expected a string");
	if (word(&sc->spearhead, spearheads, json_object_get(o, "spearhead")) <
	    0)
		return bad(err, path, i, "spearhead",
			   "expected financiele_stabiliteit, sociale_inclusie,"
			   " leefstijl, gezondheid or context");
	t = word(&(const char *){ NULL }, targets, json_object_get(o, "target"));
	if (t < 0)
		return bad(err, path, i, "target",
			   "expected all, met_kinderen, aow_leeftijd or "
			   "werkende_leeftijd");
	if (thr && (!json_is_number(thr) || json_number_value(thr) <= 0 ||
		    json_number_value(thr) > 1000))
		return bad(err, path, i, "income_threshold",
			   "expected a percentage of the social minimum");
	sc->code = iz_xstrdup(json_string_value(code));
	sc->name = iz_xstrdup(json_string_value(name));
	sc->target = (enum iz_target)t;
	sc->income_threshold = thr ? json_number_value(thr) : 0;
	return 0;
}

static int parse(struct iz_schemes *out, json_t *root, const char *path,
		 struct iz_error *err)
{
	json_t *arr = json_object_get(root, "schemes"), *v;
	size_t i, j;

	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return iz_fail(err, IZ_EINPUT,
			       "%s: key 'schemes': expected a non-empty list",
			       path);
	out->items = iz_xcalloc(json_array_size(arr), sizeof(*out->items));
	json_array_foreach(arr, i, v)
	{
		if (parse_one(&out->items[i], v, path, i, err) < 0)
			return -1;
		out->n++;
		for (j = 0; j < i; j++)
			if (strcmp(out->items[j].code, out->items[i].code) == 0)
				return bad(err, path, i, "code",
					   "used twice");
	}
	return 0;
}

int iz_schemes_load(struct iz_schemes *out, const char *path,
		    struct iz_error *err)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!root && jerr.line < 1)
		return iz_fail(err, IZ_EINPUT, "cannot read '%s': %s", path,
			       jerr.text);
	if (!root)
		return iz_fail(err, IZ_EINPUT, "%s:%d:%d: %s", path, jerr.line,
			       jerr.column, jerr.text);
	rc = json_is_object(root) ? parse(out, root, path, err) :
				    iz_fail(err, IZ_EINPUT,
					    "%s: expected a JSON object", path);
	json_decref(root);
	if (rc < 0)
		iz_schemes_release(out);
	return rc;
}

void iz_schemes_release(struct iz_schemes *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->items[i].code);
		free(s->items[i].name);
	}
	free(s->items);
	memset(s, 0, sizeof(*s));
}

/* name lower-cased, runs of white space, '-', '/' and '_' as one '_',
 * trimmed of them, into norm (n bytes). */
static void normalise_name(char *norm, size_t n, const char *name)
{
	size_t i, j = 0;

	for (i = 0; name[i] && j + 1 < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			norm[j++] = (char)c; /* most of a code: every row */
			continue;
		}
		if (isspace(c) || c == '-' || c == '/')
			c = '_';
		if (c == '_' && (j == 0 || norm[j - 1] == '_'))
			continue;
		norm[j++] = (char)tolower(c);
	}
	while (j > 0 && norm[j - 1] == '_')
		j--;
	norm[j] = '\0';
}

long iz_schemes_find(const struct iz_schemes *s, const char *name)
{
	char norm[64];
	size_t i;

	normalise_name(norm, sizeof(norm), name);
	for (i = 0; i < s->n; i++)
		if (s->items[i].code[0] == norm[0] &&
		    strcmp(s->items[i].code, norm) == 0)
			return (long)i;
	return -1;
}

char *iz_schemes_list(const struct iz_schemes *s)
{
	char *out = iz_xstrdup(""), *old;
	size_t i;

	for (i = 0; i < s->n; i++) {
		old = out;
		out = iz_xasprintf("%s%s%s", old, i ? ", " : "",
				   s->items[i].code);
		free(old);
	}
	return out;
}

bool iz_scheme_eligible(const struct iz_scheme *sc, double income_pct,
			int head_age, int children, double threshold_override)
{
	double thr = threshold_override > 0 ? threshold_override :
					      sc->income_threshold;

	if (thr > 0 && (income_pct < 0 || !(income_pct <= thr)))
		return false;
	switch (sc->target) {
	case IZ_TARGET_ALL:
		return true;
	case IZ_TARGET_MET_KINDEREN:
		return children > 0;
	case IZ_TARGET_AOW_LEEFTIJD:
		return head_age >= IZ_PENSION_AGE;
	case IZ_TARGET_WERKENDE_LEEFTIJD:
		return head_age >= 18 && head_age < IZ_PENSION_AGE;
	}
	return false;
}
