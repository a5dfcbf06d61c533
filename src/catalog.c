/*
 * Reading the dataset catalog (one JSON file per dataset). Every entry is validated in
 * full before anything is fetched: an unknown key or a bad value names the
 * file and the key, so a typo never silently loads the wrong numbers.
 */
#include "inzicht/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/lifestage.h"

struct iz_catalog {
	char *dir;
	struct iz_dataset **items;
	size_t n;
};

static const char *const spearheads[] = { "financiele_stabiliteit",
					   "sociale_inclusie", "leefstijl",
					   "gezondheid", "context", NULL };
static const char *const polarities[] = { "lower_is_better",
					  "higher_is_better", "neutral",
					  NULL };

static const struct {
	const char *level, *prefix;
} levels[] = {
	{ "land", "NL" },      { "landsdeel", "LD" }, { "provincie", "PV" },
	{ "corop", "CR" },     { "ggd", "GG" },       { "gemeente", "GM" },
	{ "wijk", "WK" },      { "buurt", "BU" },
};

const char *iz_level_prefix(const char *level)
{
	size_t i;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (strcmp(levels[i].level, level) == 0)
			return levels[i].prefix;
	return NULL;
}

const char *iz_source_name(enum iz_source src)
{
	switch (src) {
	case IZ_SOURCE_CBS_V3:
		return "cbs-v3";
	case IZ_SOURCE_CBS_V4:
		return "cbs-v4";
	case IZ_SOURCE_SWING_ODS:
		return "swing-ods";
	case IZ_SOURCE_CSV:
		return "csv";
	}
	return "?";
}

/* Context for messages: "<file>: key 'a.b.c': ...". */
struct ctx {
	const char *name;
	struct iz_error *err;
};

static int bad(struct ctx *c, const char *key, const char *what)
{
	return iz_fail(c->err, IZ_EINPUT, "%s: key '%s': %s", c->name, key,
		       what);
}

static int check_keys(struct ctx *c, json_t *obj, const char *where,
		      const char *const *allowed)
{
	const char *k;
	json_t *v;
	size_t i;
	char path[256];

	json_object_foreach(obj, k, v)
	{
		for (i = 0; allowed[i]; i++)
			if (strcmp(allowed[i], k) == 0)
				break;
		if (!allowed[i]) {
			snprintf(path, sizeof(path), "%s%s%s", where,
				 *where ? "." : "", k);
			return bad(c, path, "unknown key");
		}
	}
	return 0;
}

/* Optional string member: *out = copy or NULL. */
static int get_str(char **out, struct ctx *c, json_t *obj, const char *key,
		   const char *path, bool required)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v) {
		if (required)
			return bad(c, path, "missing");
		return 0;
	}
	if (!json_is_string(v) || json_string_length(v) == 0)
		return bad(c, path, "expected a non-empty string");
	if (strlen(json_string_value(v)) != json_string_length(v))
		return bad(c, path, "string contains a NUL byte");
	*out = iz_xstrdup(json_string_value(v));
	return 0;
}

/* Optional member constrained to a vocabulary; *out = static string. */
static int get_word(const char **out, struct ctx *c, json_t *obj,
		    const char *key, const char *path,
		    const char *const *words)
{
	json_t *v = json_object_get(obj, key);
	size_t i;
	char msg[400];
	size_t len = 0;

	*out = NULL;
	if (!v)
		return 0;
	if (json_is_string(v))
		for (i = 0; words[i]; i++)
			if (strcmp(words[i], json_string_value(v)) == 0) {
				*out = words[i];
				return 0;
			}
	len = (size_t)snprintf(msg, sizeof(msg), "expected one of");
	for (i = 0; words[i] && len < sizeof(msg); i++)
		len += (size_t)snprintf(msg + len, sizeof(msg) - len, "%s %s",
					i ? "," : "", words[i]);
	return bad(c, path, msg);
}

static int get_bool(bool *out, struct ctx *c, json_t *obj, const char *key,
		    const char *path)
{
	json_t *v = json_object_get(obj, key);

	*out = false;
	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return bad(c, path, "expected true or false");
	*out = json_is_true(v);
	return 0;
}

static bool valid_id(const char *s, bool allow_dash)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || (allow_dash && *s == '-')))
			return false;
	return true;
}

static int parse_measure(struct iz_measure_map *m, struct ctx *c,
			 const char *key, json_t *obj)
{
	static const char *const allowed[] = {
		"indicator", "title",	       "unit",	     "spearhead",
		"polarity",  "life_stage",     "household_type",
		"approximate", "label", NULL
	};
	char where[300];
	char p[9][340];
	const char *names[] = { "indicator",  "title",	     "unit",
				"spearhead",  "polarity",    "life_stage",
				"household_type", "approximate", "label" };
	size_t i;

	m->key = iz_xstrdup(key);
	snprintf(where, sizeof(where), "measures.%s", key);
	for (i = 0; i < 9; i++)
		snprintf(p[i], sizeof(p[i]), "%s.%s", where, names[i]);
	if (!json_is_object(obj))
		return bad(c, where, "expected an object");
	if (check_keys(c, obj, where, allowed) < 0 ||
	    get_str(&m->indicator, c, obj, "indicator", p[0], false) < 0 ||
	    get_str(&m->title, c, obj, "title", p[1], false) < 0 ||
	    get_str(&m->label, c, obj, "label", p[8], false) < 0 ||
	    get_str(&m->unit, c, obj, "unit", p[2], false) < 0 ||
	    get_word(&m->spearhead, c, obj, "spearhead", p[3], spearheads) <
		    0 ||
	    get_word(&m->polarity, c, obj, "polarity", p[4], polarities) < 0 ||
	    get_word(&m->life_stage, c, obj, "life_stage", p[5],
		     iz_life_stage_codes) < 0 ||
	    get_word(&m->household_type, c, obj, "household_type", p[6],
		     iz_household_type_codes) < 0 ||
	    get_bool(&m->approximate, c, obj, "approximate", p[7]) < 0)
		return -1;
	if (!m->indicator)
		m->indicator = iz_xstrdup(key);
	if (!valid_id(m->indicator, false))
		return bad(c, p[0], "expected lower-case letters, digits, _");
	return 0;
}

static int parse_measures(struct iz_dataset *ds, struct ctx *c, json_t *obj)
{
	const char *k;
	json_t *v;
	size_t i, j;

	if (!obj)
		return 0;
	if (!json_is_object(obj) || json_object_size(obj) == 0)
		return bad(c, "measures", "expected a non-empty object");
	ds->measures = iz_xcalloc(json_object_size(obj), sizeof(*ds->measures));
	json_object_foreach(obj, k, v)
	{
		if (parse_measure(&ds->measures[ds->nmeasures++], c, k, v) < 0)
			return -1;
	}
	for (i = 0; i < ds->nmeasures; i++)
		for (j = i + 1; j < ds->nmeasures; j++)
			if (strcmp(ds->measures[i].indicator,
				   ds->measures[j].indicator) == 0)
				return bad(c, "measures",
					   "two measures map onto the same "
					   "indicator");
	return 0;
}

static const char *const margin_words[] = { "value", "lower", "upper", NULL };

static int parse_code(struct iz_code_map *cm, struct ctx *c,
		      const char *where, const char *code, json_t *obj)
{
	static const char *const allowed[] = { "life_stage", "household_type",
					       "approximate", "margin", NULL };
	char p[4][400], here[360];
	const char *margin = NULL;

	cm->code = iz_xstrdup(code);
	snprintf(here, sizeof(here), "%s.%s", where, code);
	snprintf(p[0], sizeof(p[0]), "%s.%s.life_stage", where, code);
	snprintf(p[1], sizeof(p[1]), "%s.%s.household_type", where, code);
	snprintf(p[2], sizeof(p[2]), "%s.%s.approximate", where, code);
	snprintf(p[3], sizeof(p[3]), "%s.%s.margin", where, code);
	if (!json_is_object(obj))
		return bad(c, p[0], "expected an object");
	if (check_keys(c, obj, here, allowed) < 0 ||
	    get_word(&cm->life_stage, c, obj, "life_stage", p[0],
		     iz_life_stage_codes) < 0 ||
	    get_word(&cm->household_type, c, obj, "household_type", p[1],
		     iz_household_type_codes) < 0 ||
	    get_bool(&cm->approximate, c, obj, "approximate", p[2]) < 0 ||
	    get_word(&margin, c, obj, "margin", p[3], margin_words) < 0)
		return -1;
	cm->margin = !margin		     ? IZ_MARGIN_NONE :
		     strcmp(margin, "value") == 0 ? IZ_MARGIN_VALUE :
		     strcmp(margin, "lower") == 0 ? IZ_MARGIN_LOWER :
						    IZ_MARGIN_UPPER;
	return 0;
}

static int parse_dim(struct iz_dim_map *dm, struct ctx *c, const char *dim,
		     json_t *obj)
{
	char where[300];
	const char *k;
	json_t *v;

	dm->dim = iz_xstrdup(dim);
	snprintf(where, sizeof(where), "dimensions.%s", dim);
	if (!json_is_object(obj) || json_object_size(obj) == 0)
		return bad(c, where, "expected a non-empty object");
	dm->codes = iz_xcalloc(json_object_size(obj), sizeof(*dm->codes));
	json_object_foreach(obj, k, v)
	{
		struct iz_code_map *cm = &dm->codes[dm->ncodes++];

		if (parse_code(cm, c, where, k, v) < 0)
			return -1;
		if (cm->margin != IZ_MARGIN_NONE)
			dm->is_margin = true;
	}
	return 0;
}

static int parse_dims(struct iz_dataset *ds, struct ctx *c, json_t *obj)
{
	const char *k;
	json_t *v;

	if (!obj)
		return 0;
	if (!json_is_object(obj))
		return bad(c, "dimensions", "expected an object");
	ds->dims = iz_xcalloc(json_object_size(obj) + 1, sizeof(*ds->dims));
	json_object_foreach(obj, k, v)
	{
		if (parse_dim(&ds->dims[ds->ndims++], c, k, v) < 0)
			return -1;
	}
	return 0;
}

static int string_list(char ***out, size_t *n, struct ctx *c,
		       const char *where, json_t *arr)
{
	size_t i;
	json_t *v;

	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return bad(c, where, "expected a non-empty list of strings");
	*out = iz_xcalloc(json_array_size(arr), sizeof(char *));
	json_array_foreach(arr, i, v)
	{
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    strpbrk(json_string_value(v), "'\"") ||
		    strlen(json_string_value(v)) != json_string_length(v))
			return bad(c, where,
				   "expected non-empty strings without quotes");
		(*out)[(*n)++] = iz_xstrdup(json_string_value(v));
	}
	return 0;
}

static int levels_to_prefixes(struct iz_filter *f, struct ctx *c,
			      const char *where)
{
	size_t i;
	const char *p;

	for (i = 0; i < f->nvalues; i++) {
		p = iz_level_prefix(f->values[i]);
		if (!p)
			return bad(c, where,
				   "unknown level (expected land, landsdeel, "
				   "provincie, corop, ggd, gemeente, wijk, "
				   "buurt)");
		free(f->values[i]);
		f->values[i] = iz_xstrdup(p);
	}
	return 0;
}

static int parse_filter(struct iz_filter *f, struct ctx *c, const char *dim,
			json_t *v)
{
	char where[300];
	json_t *lv, *pv;

	f->dim = iz_xstrdup(dim);
	snprintf(where, sizeof(where), "filters.%s", dim);
	if (json_is_array(v)) {
		f->kind = IZ_FILTER_CODES;
		return string_list(&f->values, &f->nvalues, c, where, v);
	}
	if (!json_is_object(v) || json_object_size(v) != 1)
		return bad(c, where,
			   "expected a list of codes, {\"level\": [...]} or "
			   "{\"prefix\": [...]}");
	f->kind = IZ_FILTER_PREFIX;
	lv = json_object_get(v, "level");
	pv = json_object_get(v, "prefix");
	if (!lv && !pv)
		return bad(c, where, "expected key 'level' or 'prefix'");
	if (string_list(&f->values, &f->nvalues, c, where, lv ? lv : pv) < 0)
		return -1;
	return lv ? levels_to_prefixes(f, c, where) : 0;
}

static int parse_filters(struct iz_dataset *ds, struct ctx *c, json_t *obj)
{
	const char *k;
	json_t *v;

	if (!obj)
		return 0;
	if (!json_is_object(obj))
		return bad(c, "filters", "expected an object");
	ds->filters = iz_xcalloc(json_object_size(obj) + 1,
				 sizeof(*ds->filters));
	json_object_foreach(obj, k, v)
	{
		if (parse_filter(&ds->filters[ds->nfilters++], c, k, v) < 0)
			return -1;
	}
	return 0;
}

static int parse_source(struct iz_dataset *ds, struct ctx *c, json_t *root)
{
	static const char *const sources[] = { "cbs-v3", "cbs-v4",
					       "swing-ods", "csv", NULL };
	const char *s = NULL;
	size_t i;

	if (!json_object_get(root, "source"))
		return bad(c, "source", "missing");
	if (get_word(&s, c, root, "source", "source", sources) < 0)
		return -1;
	for (i = 0; sources[i]; i++)
		if (s == sources[i])
			ds->source = (enum iz_source)i;
	return 0;
}

/* Letters and digits only: the value goes into URL paths. */
static bool alnum_only(const char *p)
{
	for (; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

static int check_cbs(struct iz_dataset *ds, struct ctx *c)
{
	if (!ds->table)
		return bad(c, "table", "missing (a CBS table id such as "
				       "85618NED)");
	if (!alnum_only(ds->table))
		return bad(c, "table", "expected letters and digits");
	if (!ds->catalog)
		ds->catalog = iz_xstrdup("CBS");
	if (!alnum_only(ds->catalog))
		return bad(c, "catalog", "expected letters and digits");
	return 0;
}

static int check_url(struct ctx *c, const char *key, const char *url)
{
	if (!url)
		return bad(c, key, "missing");
	if (strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0 && strncmp(url, "file://", 7) != 0)
		return bad(c, key, "expected an http(s):// or file:// URL");
	return 0;
}

static int check_csv(struct iz_dataset *ds, struct ctx *c, json_t *root)
{
	json_t *d = json_object_get(root, "delimiter");

	if (check_url(c, "url", ds->url) < 0)
		return -1;
	if (!ds->region_column)
		return bad(c, "region_column", "missing");
	if (!ds->period_column && !ds->period)
		return bad(c, "period_column",
			   "missing (or give a fixed 'period')");
	if (!ds->measures)
		return bad(c, "measures", "missing (map the value columns)");
	ds->delimiter = ';';
	if (d) {
		if (!json_is_string(d) || json_string_length(d) != 1)
			return bad(c, "delimiter", "expected one character");
		ds->delimiter = json_string_value(d)[0];
	}
	return 0;
}

static int check_swing(struct iz_dataset *ds, struct ctx *c)
{
	if (check_url(c, "url", ds->url) < 0)
		return -1;
	if (!ds->measures)
		return bad(c, "measures", "missing (map the Variables)");
	if (!ds->geo_level)
		ds->geo_level = iz_xstrdup("gemeente");
	if (!ds->period_level)
		ds->period_level = iz_xstrdup("year");
	return 0;
}

static int check_source_keys(struct iz_dataset *ds, struct ctx *c,
			     json_t *root)
{
	static const char *const cbs_only[] = { "table", "catalog", "filters",
						"dimensions", "base_url",
						NULL };
	static const char *const csv_only[] = { "region_column",
						"period_column", "period",
						"delimiter", NULL };
	static const char *const swing_only[] = { "geo_level", "period_level",
						  NULL };
	const char *const *wrong[3] = { cbs_only, csv_only, swing_only };
	size_t i, j;
	bool cbs = ds->source == IZ_SOURCE_CBS_V3 ||
		   ds->source == IZ_SOURCE_CBS_V4;
	bool ok[3] = { cbs, ds->source == IZ_SOURCE_CSV,
		       ds->source == IZ_SOURCE_SWING_ODS };
	char msg[128];

	snprintf(msg, sizeof(msg), "not used by source '%s'",
		 iz_source_name(ds->source));
	for (i = 0; i < 3; i++)
		for (j = 0; !ok[i] && wrong[i][j]; j++)
			if (json_object_get(root, wrong[i][j]))
				return bad(c, wrong[i][j], msg);
	if (json_object_get(root, "url") && cbs)
		return bad(c, "url", msg);
	return 0;
}

static int parse_strings(struct iz_dataset *ds, struct ctx *c, json_t *root)
{
	return get_str(&ds->id, c, root, "id", "id", true) < 0 ||
			       get_str(&ds->title, c, root, "title", "title",
				       false) < 0 ||
			       get_str(&ds->table, c, root, "table", "table",
				       false) < 0 ||
			       get_str(&ds->catalog, c, root, "catalog",
				       "catalog", false) < 0 ||
			       get_str(&ds->url, c, root, "url", "url",
				       false) < 0 ||
			       get_str(&ds->base_url, c, root, "base_url",
				       "base_url", false) < 0 ||
			       get_str(&ds->region_column, c, root,
				       "region_column", "region_column",
				       false) < 0 ||
			       get_str(&ds->period_column, c, root,
				       "period_column", "period_column",
				       false) < 0 ||
			       get_str(&ds->period, c, root, "period",
				       "period", false) < 0 ||
			       get_str(&ds->geo_level, c, root, "geo_level",
				       "geo_level", false) < 0 ||
			       get_str(&ds->period_level, c, root,
				       "period_level", "period_level",
				       false) < 0 ?
		       -1 :
		       0;
}

static int parse_root(struct iz_dataset *ds, struct ctx *c, json_t *root)
{
	static const char *const allowed[] = {
		"id",	     "source",	     "table",	      "catalog",
		"title",     "measures",     "filters",	      "dimensions",
		"url",	     "base_url",     "region_column", "period_column",
		"period",    "delimiter",    "geo_level",     "period_level",
		NULL
	};

	if (!json_is_object(root))
		return iz_fail(c->err, IZ_EINPUT, "%s: expected a JSON object",
			       c->name);
	if (check_keys(c, root, "", allowed) < 0 ||
	    parse_strings(ds, c, root) < 0 || parse_source(ds, c, root) < 0)
		return -1;
	if (!valid_id(ds->id, true))
		return bad(c, "id", "expected lower-case letters, digits, - "
				    "and _");
	if (ds->base_url && check_url(c, "base_url", ds->base_url) < 0)
		return -1;
	if (check_source_keys(ds, c, root) < 0 ||
	    parse_measures(ds, c, json_object_get(root, "measures")) < 0 ||
	    parse_filters(ds, c, json_object_get(root, "filters")) < 0 ||
	    parse_dims(ds, c, json_object_get(root, "dimensions")) < 0)
		return -1;
	switch (ds->source) {
	case IZ_SOURCE_CBS_V3:
	case IZ_SOURCE_CBS_V4:
		return check_cbs(ds, c);
	case IZ_SOURCE_CSV:
		return check_csv(ds, c, root);
	case IZ_SOURCE_SWING_ODS:
		return check_swing(ds, c);
	}
	return 0;
}

int iz_catalog_parse(struct iz_dataset **out, const char *text,
		     const char *name, struct iz_error *err)
{
	struct iz_dataset *ds = iz_xcalloc(1, sizeof(*ds));
	struct ctx c = { name, err };
	json_error_t jerr;
	json_t *root;

	*out = NULL;
	ds->file = iz_xstrdup(name);
	root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		iz_fail(err, IZ_EINPUT, "%s:%d:%d: %s", name, jerr.line,
			jerr.column, jerr.text);
		iz_dataset_free(ds);
		return -1;
	}
	if (parse_root(ds, &c, root) < 0) {
		json_decref(root);
		iz_dataset_free(ds);
		return -1;
	}
	json_decref(root);
	*out = ds;
	return 0;
}

static void free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void free_measures(struct iz_dataset *ds)
{
	size_t i;

	for (i = 0; i < ds->nmeasures; i++) {
		free(ds->measures[i].key);
		free(ds->measures[i].indicator);
		free(ds->measures[i].title);
		free(ds->measures[i].label);
		free(ds->measures[i].unit);
	}
	free(ds->measures);
}

static void free_dims(struct iz_dataset *ds)
{
	size_t i, j;

	for (i = 0; i < ds->ndims; i++) {
		for (j = 0; j < ds->dims[i].ncodes; j++)
			free(ds->dims[i].codes[j].code);
		free(ds->dims[i].codes);
		free(ds->dims[i].dim);
	}
	free(ds->dims);
}

void iz_dataset_free(struct iz_dataset *ds)
{
	size_t i;

	if (!ds)
		return;
	free_measures(ds);
	free_dims(ds);
	for (i = 0; i < ds->nfilters; i++) {
		free(ds->filters[i].dim);
		free_strings(ds->filters[i].values, ds->filters[i].nvalues);
	}
	free(ds->filters);
	free(ds->id);
	free(ds->file);
	free(ds->catalog);
	free(ds->table);
	free(ds->title);
	free(ds->url);
	free(ds->base_url);
	free(ds->region_column);
	free(ds->period_column);
	free(ds->period);
	free(ds->geo_level);
	free(ds->period_level);
	free(ds);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path, struct iz_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		iz_fail(err, IZ_EINPUT, "cannot read '%s': %s", path,
			strerror(errno));
		return NULL;
	}
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = iz_xrealloc(buf, cap);
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0 && len < (1u << 24));
	buf[len] = '\0';
	if (ferror(f) || len >= (1u << 24)) {
		iz_fail(err, IZ_EINPUT, "cannot read '%s': %s", path,
			ferror(f) ? strerror(errno) : "larger than 16 MiB");
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static int list_json(char ***names, size_t *n, const char *dir,
		     struct iz_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t len;

	*names = NULL;
	*n = 0;
	if (!d)
		return iz_fail(err, IZ_EINPUT, "cannot open catalog '%s': %s",
			       dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		/* schemes.json lives beside the catalog but is not a
		 * dataset (see schemes.h). */
		if (len < 6 || e->d_name[0] == '.' ||
		    strcmp(e->d_name + len - 5, ".json") != 0 ||
		    strcmp(e->d_name, "schemes.json") == 0)
			continue;
		*names = iz_xrealloc(*names, (*n + 1) * sizeof(char *));
		(*names)[(*n)++] = iz_xstrdup(e->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(*names, *n, sizeof(char *), cmp_str);
	return 0;
}

static int add_file(struct iz_catalog *cat, const char *name,
		    struct iz_error *err)
{
	char *path = iz_xasprintf("%s/%s", cat->dir, name);
	char *text = read_file(path, err);
	struct iz_dataset *ds = NULL;
	int rc = -1;

	if (text && iz_catalog_parse(&ds, text, path, err) == 0) {
		if (iz_catalog_find(cat, ds->id)) {
			iz_fail(err, IZ_EINPUT,
				"%s: key 'id': '%s' is already used by "
				"another catalog file",
				path, ds->id);
			iz_dataset_free(ds);
		} else {
			cat->items[cat->n++] = ds;
			rc = 0;
		}
	}
	free(text);
	free(path);
	return rc;
}

int iz_catalog_load(struct iz_catalog **out, const char *dir,
		    struct iz_error *err)
{
	struct iz_catalog *cat = iz_xcalloc(1, sizeof(*cat));
	char **names = NULL;
	size_t n = 0, i;
	int rc = 0;

	*out = NULL;
	cat->dir = iz_xstrdup(dir);
	if (list_json(&names, &n, dir, err) < 0) {
		iz_catalog_free(cat);
		return -1;
	}
	cat->items = iz_xcalloc(n + 1, sizeof(*cat->items));
	for (i = 0; i < n && rc == 0; i++)
		rc = add_file(cat, names[i], err);
	free_strings(names, n);
	if (rc < 0) {
		iz_catalog_free(cat);
		return -1;
	}
	*out = cat;
	return 0;
}

void iz_catalog_free(struct iz_catalog *cat)
{
	size_t i;

	if (!cat)
		return;
	for (i = 0; i < cat->n; i++)
		iz_dataset_free(cat->items[i]);
	free(cat->items);
	free(cat->dir);
	free(cat);
}

size_t iz_catalog_count(const struct iz_catalog *cat)
{
	return cat->n;
}

const struct iz_dataset *iz_catalog_get(const struct iz_catalog *cat,
					size_t i)
{
	return cat->items[i];
}

const struct iz_dataset *iz_catalog_find(const struct iz_catalog *cat,
					 const char *id)
{
	size_t i;

	for (i = 0; i < cat->n; i++)
		if (strcmp(cat->items[i]->id, id) == 0)
			return cat->items[i];
	return NULL;
}

const char *iz_catalog_dir(const struct iz_catalog *cat)
{
	return cat->dir;
}

const struct iz_measure_map *iz_dataset_measure(const struct iz_dataset *ds,
						const char *key)
{
	size_t i;

	for (i = 0; i < ds->nmeasures; i++)
		if (strcmp(ds->measures[i].key, key) == 0)
			return &ds->measures[i];
	return NULL;
}

const struct iz_dim_map *iz_dataset_dim(const struct iz_dataset *ds,
					const char *dim)
{
	size_t i;

	for (i = 0; i < ds->ndims; i++)
		if (strcmp(ds->dims[i].dim, dim) == 0)
			return &ds->dims[i];
	return NULL;
}

const struct iz_code_map *iz_dim_code(const struct iz_dim_map *dm,
				      const char *code)
{
	size_t i;

	if (!dm)
		return NULL;
	for (i = 0; i < dm->ncodes; i++)
		if (strcmp(dm->codes[i].code, code) == 0)
			return &dm->codes[i];
	return NULL;
}

const struct iz_filter *iz_dataset_filter(const struct iz_dataset *ds,
					  const char *dim)
{
	size_t i;

	for (i = 0; i < ds->nfilters; i++)
		if (strcmp(ds->filters[i].dim, dim) == 0)
			return &ds->filters[i];
	return NULL;
}
