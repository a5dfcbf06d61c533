/*
 * The swing-ods source: reads Swing variables from the Open Data Service
 * behind waarstaatjegemeente.nl and stores them as indicators.
 *
 * URL scheme (<url> is the catalog's "url" without a trailing '/', e.g.
 * https://accept-wsjg.databank.nl/ods/odata; quoted values are OData string
 * literals, ' doubled, then percent-escaped):
 *
 *   <url>/Variables('<code>')
 *       the variable (the entity, or one row in "value"): "Title" and
 *       "Unit" are checked against the catalog's title and unit when both
 *       sides give one; "Name" is a fallback title
 *   <url>/Variables('<code>')/GeoLevels('<geo_level>')/
 *       PeriodLevels('<period_level>')/Periods('all')/Values
 *       {"value": [{"ExternalCode", "Period", "ValueString", "Value"}...],
 *        "@odata.nextLink": <next page, same origin only>}
 *   <url>/GeoLevels('<geo_level>')/GeoItems
 *       {"value": [{"ExternalCode", "Name"}...]}: region names; optional,
 *       a failed request or odd payload only leaves the names out
 *
 * geo_level defaults to "gemeente", period_level to "year". Every request
 * carries "apikey: $INZICHT_WSJG_APIKEY" when that variable is set.
 */
#include "inzicht/swingods.h"

#include <ctype.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/csvsource.h"
#include "inzicht/text.h"
#include "inzicht/region.h"
#include "inzicht/strmap.h"
#include "inzicht/url.h"

struct swload {
	struct iz_http *h;
	struct iz_store *st;
	const struct iz_dataset *ds;
	struct iz_error *err;
	char *base;
	char *apikey;		   /* "apikey: ..." or NULL */
	const char *headers[2];	   /* { apikey, NULL } */
	struct iz_strmap *regions; /* codes stored by this load */
	struct iz_strmap *periods;
	int64_t observations, pages;
	iz_progress_fn progress;
	void *progress_ctx;
};

/* ---- URLs ---------------------------------------------------------- */

/* s as the inside of an OData string literal in a path, escaped. */
static char *literal(const char *s)
{
	size_t n = strlen(s), i, j = 0;
	char *doubled = iz_xmalloc(2 * n + 1), *esc;

	for (i = 0; i < n; i++) {
		doubled[j++] = s[i];
		if (s[i] == '\'')
			doubled[j++] = '\'';
	}
	doubled[j] = '\0';
	esc = iz_url_escape(doubled);
	free(doubled);
	return esc;
}

static char *base_url(const struct iz_dataset *ds)
{
	size_t n = strlen(ds->url);

	while (n > 0 && ds->url[n - 1] == '/')
		n--;
	return iz_xstrndup(ds->url, n);
}

static const char *geo_level(const struct iz_dataset *ds)
{
	return ds->geo_level ? ds->geo_level : "gemeente";
}

char *iz_swingods_values_url(const struct iz_dataset *ds, const char *code)
{
	char *base = base_url(ds), *c = literal(code);
	char *g = literal(geo_level(ds));
	char *p = literal(ds->period_level ? ds->period_level : "year");
	char *url = iz_xasprintf("%s/Variables('%s')/GeoLevels('%s')/"
				 "PeriodLevels('%s')/Periods('all')/Values",
				 base, c, g, p);

	free(p);
	free(g);
	free(c);
	free(base);
	return url;
}

/* ---- JSON over HTTP ------------------------------------------------ */

static int parse_json(json_t **root, const struct iz_response *r,
		      const char *url, struct iz_error *err)
{
	json_error_t jerr;

	if (r->content_type && !strstr(r->content_type, "json"))
		return iz_fail(err, IZ_EHTTP,
			       "%s: expected JSON, got content type '%s'", url,
			       r->content_type);
	*root = json_loadb(r->body, r->len, 0, &jerr);
	if (!*root)
		return iz_fail(err, IZ_EHTTP,
			       "%s: malformed JSON at line %d column %d: %s",
			       url, jerr.line, jerr.column, jerr.text);
	if (!json_is_object(*root)) {
		json_decref(*root);
		*root = NULL;
		return iz_fail(err, IZ_EHTTP, "%s: expected a JSON object",
			       url);
	}
	return 0;
}

/* GET url with the API key; *root is a JSON object owned by the caller. */
static int get_json(json_t **root, struct swload *l, const char *url,
		    struct iz_error *err)
{
	struct iz_response r;
	int rc;

	*root = NULL;
	if (iz_http_get(&r, l->h, url, l->apikey ? l->headers : NULL, err) < 0)
		return -1;
	rc = parse_json(root, &r, url, err);
	iz_response_release(&r);
	return rc;
}

static json_t *value_array(json_t *root, const char *url, struct iz_error *err)
{
	json_t *v = json_object_get(root, "value");

	if (!json_is_array(v)) {
		iz_fail(err, IZ_EHTTP, "%s: key 'value': expected a list", url);
		return NULL;
	}
	return v;
}

/* The next page's URL (new string), NULL at the end or on error. */
static char *next_page(int *rc, json_t *root, const char *url,
		       const char *first, struct iz_error *err)
{
	json_t *link = json_object_get(root, "@odata.nextLink");
	const char *next;

	*rc = 0;
	if (!link || json_is_null(link))
		return NULL;
	next = json_string_value(link);
	if (!next)
		*rc = iz_fail(err, IZ_EHTTP,
			      "%s: key '@odata.nextLink': expected a string",
			      url);
	else if (!iz_url_same_origin(next, first))
		*rc = iz_fail(err, IZ_EHTTP,
			      "%s: key '@odata.nextLink': points to another "
			      "host",
			      url);
	else if (strcmp(next, url) == 0)
		*rc = iz_fail(err, IZ_EHTTP,
			      "%s: key '@odata.nextLink': points to the same "
			      "page",
			      url);
	return *rc == 0 ? iz_xstrdup(next) : NULL;
}

/* ---- the variable -------------------------------------------------- */

/* Titles compare case-insensitively with runs of white space collapsed. */
static bool same_title(const char *a, const char *b)
{
	while (*a || *b) {
		if (isspace((unsigned char)*a) && isspace((unsigned char)*b)) {
			while (isspace((unsigned char)*a))
				a++;
			while (isspace((unsigned char)*b))
				b++;
			continue;
		}
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++;
		b++;
	}
	return true;
}

static char *opt_string(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s && *s ? iz_trim_dup(s) : NULL;
}

/* The variable entity: the root itself, or the one row of "value". */
static json_t *variable_entity(json_t *root)
{
	json_t *v = json_object_get(root, "value");

	if (json_is_array(v) && json_array_size(v) == 1 &&
	    json_is_object(json_array_get(v, 0)))
		return json_array_get(v, 0);
	return root;
}

static int check_variable(struct swload *l, const struct iz_measure_map *m,
			  const char *title, const char *unit, const char *url)
{
	if (m->title && title && !same_title(m->title, title))
		return iz_fail(l->err, IZ_EINPUT,
			       "%s: variable '%s': title is '%s', catalog "
			       "expects '%s'",
			       url, m->key, title, m->title);
	if (m->unit && unit && strcmp(m->unit, unit) != 0)
		return iz_fail(l->err, IZ_EINPUT,
			       "%s: variable '%s': unit is '%s', catalog "
			       "expects '%s'",
			       url, m->key, unit, m->unit);
	return 0;
}

/* What the service says about a variable; strings owned, or NULL. */
struct varinfo {
	char *title, *name, *unit;
};

static void varinfo_release(struct varinfo *v)
{
	free(v->title);
	free(v->name);
	free(v->unit);
}

static int variable(struct varinfo *v, struct swload *l,
		    const struct iz_measure_map *m)
{
	char *c = literal(m->key);
	char *url = iz_xasprintf("%s/Variables('%s')", l->base, c);
	json_t *root = NULL;
	int rc = -1;

	memset(v, 0, sizeof(*v));
	if (get_json(&root, l, url, l->err) == 0) {
		json_t *ent = variable_entity(root);

		v->title = opt_string(ent, "Title");
		v->name = opt_string(ent, "Name");
		v->unit = opt_string(ent, "Unit");
		rc = check_variable(l, m, v->title, v->unit, url);
	}
	json_decref(root);
	free(url);
	free(c);
	return rc;
}

/*
 * One indicator per variable. The service's Title wins (it matched the
 * catalog's), then the catalog's title, then the service's Name, which may
 * be no more than the code.
 */
static int indicator(int64_t *id, struct swload *l,
		     const struct iz_measure_map *m)
{
	struct iz_indicator_def def = { 0 };
	struct varinfo v;
	int rc = -1;

	if (variable(&v, l, m) == 0) {
		def.dataset = l->ds->id;
		def.code = m->indicator;
		def.measure = m->key;
		def.dims = "";
		def.title = m->label ? m->label :
			    v.title ? v.title : m->title ? m->title : v.name;
		if (!def.title)
			def.title = m->key;
		def.unit = v.unit ? v.unit : m->unit;
		def.decimals = -1;
		def.spearhead = m->spearhead;
		def.polarity = m->polarity;
		def.life_stage = m->life_stage;
		def.household_type = m->household_type;
		def.approximate = m->approximate;
		rc = iz_store_put_indicator(id, l->st, &def, l->err);
	}
	varinfo_release(&v);
	return rc;
}

/* ---- value rows ---------------------------------------------------- */

static const char *level_prefix(const char *level)
{
	char buf[64];
	size_t n;

	if (iz_level_prefix(level))
		return iz_level_prefix(level);
	/* Swing levels may carry an edition: "gemeente16". */
	snprintf(buf, sizeof(buf), "%s", level);
	n = strlen(buf);
	while (n > 0 && isdigit((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	return iz_level_prefix(buf);
}

/* A Swing ExternalCode as a CBS region code: trimmed, and digits-only
 * codes get the level's prefix ("0363" on level gemeente is GM0363). */
static int region_code(char *out, size_t n, const struct iz_dataset *ds,
		       const char *raw)
{
	const char *prefix = level_prefix(geo_level(ds));
	size_t i, len;

	snprintf(out, n, "%s", raw);
	iz_trim(out);
	len = strlen(out);
	for (i = 0; i < len && isdigit((unsigned char)out[i]); i++)
		;
	if (prefix && len > 0 && i == len && len + 3 <= n) {
		memmove(out + 2, out, len + 1);
		memcpy(out, prefix, 2);
	}
	return iz_region_code_valid(out) && strlen(raw) < n ? 0 : -1;
}

static int row_fail(struct swload *l, const char *url, size_t i,
		    const char *key, const char *what)
{
	return iz_fail(l->err, IZ_EHTTP, "%s: row %zu: key '%s': %s", url, i,
		       key, what);
}

static int row_region(char *out, size_t n, struct swload *l, json_t *row,
		      const char *url, size_t i)
{
	const char *raw =
		json_string_value(json_object_get(row, "ExternalCode"));
	char *parent;
	int rc;

	if (!raw)
		return row_fail(l, url, i, "ExternalCode", "expected a string");
	if (region_code(out, n, l->ds, raw) < 0)
		return row_fail(l, url, i, "ExternalCode", "bad region code");
	if (iz_strmap_get(l->regions, out))
		return 0;
	parent = iz_region_parent(out);
	rc = iz_store_put_region(l->st, out, NULL, iz_region_level(out), parent,
				 l->err);
	free(parent);
	if (rc == 0)
		iz_strmap_put(l->regions, out, l);
	return rc;
}

static int row_period(char *out, size_t n, struct swload *l, json_t *row,
		      const char *url, size_t i)
{
	json_t *v = json_object_get(row, "Period");
	char raw[32];

	if (json_is_integer(v))
		snprintf(raw, sizeof(raw), "%lld",
			 (long long)json_integer_value(v));
	else if (json_is_string(v))
		snprintf(raw, sizeof(raw), "%s", json_string_value(v));
	else
		return row_fail(l, url, i, "Period", "expected a string");
	if ((json_is_string(v) && json_string_length(v) >= sizeof(raw)) ||
	    iz_text_period(out, n, raw) < 0)
		return row_fail(l, url, i, "Period",
				"bad period (expected a year or a CBS period "
				"code such as 2023JJ00)");
	if (iz_strmap_get(l->periods, out))
		return 0;
	if (iz_store_put_period(l->st, l->ds->id, out, iz_trim(raw), NULL,
				l->err) < 0)
		return -1;
	iz_strmap_put(l->periods, out, l);
	return 0;
}

/* The row's value: 1 with *v, 0 missing with *status, -1 on error. */
static int row_value(double *v, const char **status, struct swload *l,
		     json_t *row, const char *url, size_t i)
{
	json_t *vs = json_object_get(row, "ValueString");
	json_t *num = json_object_get(row, "Value");
	int has = -1;

	*status = NULL;
	if (vs && !json_is_null(vs) && !json_is_string(vs))
		return row_fail(l, url, i, "ValueString", "expected a string");
	if (json_is_string(vs))
		has = iz_text_number(v, status, json_string_value(vs));
	if (has == 0)
		return 0;
	if (json_is_number(num)) {
		*v = json_number_value(num);
		return 1;
	}
	if (has == 1)
		return 1;
	if (json_is_string(vs))
		return row_fail(l, url, i, "ValueString", "not a number");
	if (num && !json_is_null(num))
		return row_fail(l, url, i, "Value", "expected a number");
	*status = "null";
	return 0;
}

static int value_row(struct swload *l, int64_t id, json_t *row, const char *url,
		     size_t i)
{
	char region[64], period[16];
	const char *status;
	double v = 0;
	int has;

	if (!json_is_object(row))
		return iz_fail(l->err, IZ_EHTTP,
			       "%s: row %zu: expected an object", url, i);
	if (row_region(region, sizeof(region), l, row, url, i) < 0 ||
	    row_period(period, sizeof(period), l, row, url, i) < 0 ||
	    (has = row_value(&v, &status, l, row, url, i)) < 0)
		return -1;
	if (iz_store_put_observation(l->st, id, region, period, IZ_OBS_VALUE,
				     has == 1, v, status, l->err) < 0)
		return -1;
	l->observations++;
	return 0;
}

static int values_page(struct swload *l, int64_t id, json_t *root,
		       const char *url)
{
	json_t *arr = value_array(root, url, l->err), *row;
	size_t i;

	if (!arr)
		return -1;
	json_array_foreach(arr, i, row)
	{
		if (value_row(l, id, row, url, i) < 0)
			return -1;
	}
	l->pages++;
	if (l->progress)
		l->progress(l->progress_ctx, l->pages, l->observations);
	return 0;
}

static int values(struct swload *l, int64_t id, const char *code)
{
	char *first = iz_swingods_values_url(l->ds, code);
	char *url = iz_xstrdup(first), *next;
	json_t *root = NULL;
	int rc = 0;

	while (url && rc == 0) {
		rc = get_json(&root, l, url, l->err);
		if (rc == 0)
			rc = values_page(l, id, root, url);
		next = rc == 0 ? next_page(&rc, root, url, first, l->err) :
				 NULL;
		json_decref(root);
		root = NULL;
		free(url);
		url = next;
	}
	free(url);
	free(first);
	return rc;
}

/* ---- region names -------------------------------------------------- */

static int name_item(struct swload *l, json_t *item)
{
	const char *raw =
		json_string_value(json_object_get(item, "ExternalCode"));
	const char *name = json_string_value(json_object_get(item, "Name"));
	char code[64], *trimmed;
	int rc;

	if (!raw || !name || region_code(code, sizeof(code), l->ds, raw) < 0 ||
	    !iz_strmap_get(l->regions, code))
		return 0;
	trimmed = iz_trim_dup(name);
	rc = iz_store_put_region(l->st, code, *trimmed ? trimmed : NULL,
				 iz_region_level(code), NULL, l->err);
	free(trimmed);
	return rc;
}

/* One GeoItems page: 0 to go on (*next NULL at the end), -1 on a store
 * error. A failed request or an odd payload just ends the names. */
static int names_page(char **next, struct swload *l, const char *url,
		      const char *first)
{
	struct iz_error ignored = IZ_ERROR_INIT;
	json_t *root = NULL, *arr = NULL, *item;
	size_t i;
	int rc = 0, link_rc;

	*next = NULL;
	if (get_json(&root, l, url, &ignored) == 0)
		arr = value_array(root, url, &ignored);
	if (!arr) {
		json_decref(root);
		return 0;
	}
	json_array_foreach(arr, i, item)
	{
		if ((rc = name_item(l, item)) < 0)
			break;
	}
	if (rc == 0)
		*next = next_page(&link_rc, root, url, first, &ignored);
	json_decref(root);
	return rc;
}

/* Names for the regions this load stored. Only a store error fails. */
static int region_names(struct swload *l)
{
	char *g = literal(geo_level(l->ds));
	char *first = iz_xasprintf("%s/GeoLevels('%s')/GeoItems", l->base, g);
	char *url = iz_xstrdup(first), *next = NULL;
	int rc = 0;

	while (url && rc == 0) {
		rc = names_page(&next, l, url, first);
		free(url);
		url = next;
	}
	free(url);
	free(first);
	free(g);
	return rc;
}

/* ---- the dataset --------------------------------------------------- */

static int apikey_header(struct swload *l)
{
	const char *key = getenv(IZ_SWINGODS_APIKEY_ENV);

	if (!key || !*key)
		return 0;
	if (strpbrk(key, "\r\n"))
		return iz_fail(l->err, IZ_EINPUT,
			       "environment variable '%s': the API key holds "
			       "a line break",
			       IZ_SWINGODS_APIKEY_ENV);
	l->apikey = iz_xasprintf("apikey: %s", key);
	l->headers[0] = l->apikey;
	l->headers[1] = NULL;
	return 0;
}

static int load(struct swload *l)
{
	struct iz_dataset_meta meta = { 0 };
	int64_t id;
	size_t i;

	meta.id = l->ds->id;
	meta.source = iz_source_name(l->ds->source);
	meta.title = l->ds->title;
	if (apikey_header(l) < 0 ||
	    iz_store_dataset_reset(l->st, &meta, l->err) < 0)
		return -1;
	for (i = 0; i < l->ds->nmeasures; i++) {
		const struct iz_measure_map *m = &l->ds->measures[i];

		if (indicator(&id, l, m) < 0 || values(l, id, m->key) < 0)
			return -1;
	}
	return region_names(l);
}

int iz_swingods_fetch(struct iz_cbs_result *res, struct iz_http *h,
		      struct iz_store *st, const struct iz_dataset *ds,
		      iz_progress_fn progress, void *progress_ctx,
		      struct iz_error *err)
{
	struct swload l = { .h = h,
			    .st = st,
			    .ds = ds,
			    .err = err,
			    .progress = progress,
			    .progress_ctx = progress_ctx };
	int rc;

	memset(res, 0, sizeof(*res));
	l.base = base_url(ds);
	l.regions = iz_strmap_new();
	l.periods = iz_strmap_new();
	rc = load(&l);
	res->observations = l.observations;
	res->pages = l.pages;
	if (l.apikey) {
		explicit_bzero(l.apikey, strlen(l.apikey));
		free(l.apikey);
	}
	iz_strmap_free(l.regions, NULL);
	iz_strmap_free(l.periods, NULL);
	free(l.base);
	return rc;
}
