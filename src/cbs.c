/*
 * CBS OData v3: catalog listing, TableInfos, DataProperties, dimension
 * endpoints and TypedDataSet pages (ODataFeed, following odata.nextLink),
 * plus the steps v3 and v4 share. Keys arrive space-padded and are trimmed
 * once here; missing cells keep their reason in the status column.
 */
#include "cbs_priv.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inzicht/region.h"
#include "inzicht/url.h"

#define V3_SELECT                                                            \
	"Identifier,Title,ShortTitle,Modified,MetaDataModified,"             \
	"ReasonDelivery,Frequency,OutputStatus,Catalog"
#define V4_SELECT                                                            \
	"Identifier,Title,Catalog,Status,Modified,ObservationsModified,"     \
	"VersionReason,Frequency"

char *iz_cbs_host(const struct iz_dataset *ds)
{
	size_t n;

	if (ds->base_url) {
		n = strlen(ds->base_url);
		while (n > 0 && ds->base_url[n - 1] == '/')
			n--;
		return iz_xstrndup(ds->base_url, n);
	}
	if (ds->source == IZ_SOURCE_CBS_V4)
		return iz_xstrdup("https://datasets.cbs.nl");
	if (strcmp(ds->catalog, "CBS") == 0)
		return iz_xstrdup("https://opendata.cbs.nl");
	return iz_xstrdup("https://dataderden.cbs.nl");
}

char *iz_cbs_listing_url(const struct iz_dataset *ds)
{
	char *host = iz_cbs_host(ds);
	char *url;

	if (ds->source == IZ_SOURCE_CBS_V4)
		url = iz_xasprintf("%s/odata/v1/Datasets?$select=" V4_SELECT,
				   host);
	else
		url = iz_xasprintf("%s/ODataCatalog/Tables?$format=json"
				   "&$select=" V3_SELECT,
				   host);
	free(host);
	return url;
}

/* ---- JSON over HTTP ---------------------------------------------------- */

bool cbs_json_type(const char *ct)
{
	return !ct || strstr(ct, "json") != NULL;
}

int cbs_parse_body(json_t **root, const struct iz_response *r,
		   const char *url, struct iz_error *err)
{
	json_error_t jerr;

	if (!cbs_json_type(r->content_type))
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

static int get_json(json_t **root, struct iz_http *h, const char *url,
		    struct iz_error *err)
{
	struct iz_response r;
	int rc;

	*root = NULL;
	if (iz_http_get(&r, h, url, NULL, err) < 0)
		return -1;
	rc = cbs_parse_body(root, &r, url, err);
	iz_response_release(&r);
	return rc;
}

int cbs_fetch_json(json_t **root, struct iz_http *h, const char *url,
		   struct iz_error *err)
{
	return get_json(root, h, url, err);
}

int cbs_get_json(json_t **root, struct load *l, const char *url)
{
	return get_json(root, l->h, url, l->err);
}

json_t *cbs_value_array(struct load *l, json_t *root, const char *url)
{
	json_t *v = json_object_get(root, "value");

	if (!json_is_array(v)) {
		iz_fail(l->err, IZ_EHTTP, "%s: key 'value': expected a list",
			url);
		return NULL;
	}
	return v;
}

int cbs_str(const char **out, struct load *l, json_t *obj, const char *key,
	    const char *url, bool allow_null)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (json_is_string(v)) {
		*out = json_string_value(v);
		return 0;
	}
	if (allow_null && (!v || json_is_null(v)))
		return 0;
	return iz_fail(l->err, IZ_EHTTP, "%s: key '%s': expected a string",
		       url, key);
}

/* ---- catalog listing ---------------------------------------------------- */

static char *opt_dup(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? iz_xstrdup(json_string_value(v)) : NULL;
}

static int listing_row(struct iz_cbs_table_row *row, json_t *obj,
		       enum iz_source src)
{
	bool v4 = src == IZ_SOURCE_CBS_V4;

	if (!json_is_object(obj) ||
	    !json_is_string(json_object_get(obj, "Identifier")))
		return -1;
	row->identifier = opt_dup(obj, "Identifier");
	row->title = opt_dup(obj, "Title");
	row->modified = opt_dup(obj, v4 ? "ObservationsModified" : "Modified");
	if (v4 && !row->modified)
		row->modified = opt_dup(obj, "Modified");
	row->reason_delivery =
		opt_dup(obj, v4 ? "VersionReason" : "ReasonDelivery");
	row->frequency = opt_dup(obj, "Frequency");
	row->output_status = opt_dup(obj, v4 ? "Status" : "OutputStatus");
	return 0;
}

static int listing_page(struct iz_cbs_listing *out, json_t *root,
			const char *url, enum iz_source src,
			struct iz_error *err)
{
	json_t *arr = json_object_get(root, "value"), *v;
	size_t i;

	if (!json_is_array(arr))
		return iz_fail(err, IZ_EHTTP,
			       "%s: key 'value': expected a list", url);
	out->rows = iz_xrealloc(out->rows, (out->n + json_array_size(arr) + 1) *
						   sizeof(*out->rows));
	json_array_foreach(arr, i, v)
	{
		memset(&out->rows[out->n], 0, sizeof(out->rows[0]));
		if (listing_row(&out->rows[out->n], v, src) < 0)
			return iz_fail(err, IZ_EHTTP,
				       "%s: row %zu: key 'Identifier': "
				       "expected a string",
				       url, i);
		out->n++;
	}
	return 0;
}

int iz_cbs_listing_parse(struct iz_cbs_listing *out, const char *body,
			 size_t len, const char *url, enum iz_source src,
			 struct iz_error *err)
{
	struct iz_response r = { .body = (char *)(uintptr_t)body, .len = len };
	json_t *root = NULL;
	int rc;

	if (cbs_parse_body(&root, &r, url, err) < 0)
		return -1;
	rc = listing_page(out, root, url, src, err);
	json_decref(root);
	return rc;
}

static const char *next_link(json_t *root)
{
	json_t *v = json_object_get(root, "odata.nextLink");

	if (!v)
		v = json_object_get(root, "@odata.nextLink");
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A nextLink must stay on the host that served the first page. */
static char *checked_next(const char *next, const char *first,
			  const char *url, struct iz_error *err)
{
	if (!next)
		return NULL;
	if (!iz_url_same_origin(next, first)) {
		iz_fail(err, IZ_EHTTP,
			"%s: key 'odata.nextLink': points to another host",
			url);
		return NULL;
	}
	return iz_xstrdup(next);
}

int iz_cbs_listing_fetch(struct iz_cbs_listing *out, struct iz_http *h,
			 const struct iz_dataset *ds, struct iz_error *err)
{
	char *first = iz_cbs_listing_url(ds), *url = iz_xstrdup(first), *next;
	const char *link;
	json_t *root = NULL;
	struct iz_strmap *seen = iz_strmap_new();
	int rc = 0;

	memset(out, 0, sizeof(*out));
	while (url && rc == 0) {
		if (iz_strmap_get(seen, url)) {
			rc = iz_fail(err, IZ_EHTTP,
				     "%s: key 'odata.nextLink': repeats a page "
				     "already fetched",
				     url);
			break;
		}
		iz_strmap_put(seen, url, seen);
		rc = get_json(&root, h, url, err);
		if (rc == 0)
			rc = listing_page(out, root, url, ds->source, err);
		link = rc == 0 ? next_link(root) : NULL;
		next = checked_next(link, first, url, err);
		if (!next && link)
			rc = -1;
		json_decref(root);
		root = NULL;
		free(url);
		url = next;
	}
	free(url);
	free(first);
	iz_strmap_free(seen, NULL);
	if (rc < 0)
		iz_cbs_listing_release(out);
	return rc;
}

void iz_cbs_listing_release(struct iz_cbs_listing *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->rows[i].identifier);
		free(l->rows[i].title);
		free(l->rows[i].modified);
		free(l->rows[i].reason_delivery);
		free(l->rows[i].frequency);
		free(l->rows[i].output_status);
	}
	free(l->rows);
	memset(l, 0, sizeof(*l));
}

const struct iz_cbs_table_row *
iz_cbs_listing_find(const struct iz_cbs_listing *l, const char *identifier)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(l->rows[i].identifier, identifier) == 0)
			return &l->rows[i];
	return NULL;
}

/* Title with digit runs replaced by '#', lower-case; *year = largest number
 * in it that looks like a year. */
static void title_shape(char *out, size_t n, const char *title, long *year)
{
	size_t j = 0;
	char *end;
	long v;

	*year = 0;
	while (*title && j + 1 < n) {
		if (isdigit((unsigned char)*title)) {
			v = strtol(title, &end, 10);
			if (v >= 1900 && v <= 2999 && v > *year)
				*year = v;
			title = end;
			out[j++] = '#';
		} else {
			out[j++] = (char)tolower((unsigned char)*title++);
		}
	}
	out[j] = '\0';
}

const char *iz_cbs_newer_edition(const struct iz_cbs_listing *l,
				 const char *identifier)
{
	const struct iz_cbs_table_row *me = iz_cbs_listing_find(l, identifier);
	const struct iz_cbs_table_row *best = NULL;
	char mine[512], other[512];
	long my_year, year, best_year = 0;
	size_t i;

	if (!me || !me->title)
		return NULL;
	title_shape(mine, sizeof(mine), me->title, &my_year);
	for (i = 0; i < l->n; i++) {
		if (&l->rows[i] == me || !l->rows[i].title)
			continue;
		title_shape(other, sizeof(other), l->rows[i].title, &year);
		if (strcmp(mine, other) != 0 || year <= my_year ||
		    year <= best_year)
			continue;
		best = &l->rows[i];
		best_year = year;
	}
	return best ? best->identifier : NULL;
}

bool iz_cbs_row_stopped(const struct iz_cbs_table_row *row)
{
	const char *f[] = { row->reason_delivery, row->frequency,
			    row->output_status };
	size_t i;

	for (i = 0; i < 3; i++)
		if (f[i] && (strcasecmp(f[i], "Stopgezet") == 0 ||
			     strcasecmp(f[i], "Gediscontinueerd") == 0))
			return true;
	return false;
}

/* ---- shared load steps --------------------------------------------------- */

void cbs_add_topic(struct load *l, const char *key, const char *title,
		   const char *unit, int decimals)
{
	const struct iz_measure_map *m = iz_dataset_measure(l->ds, key);
	struct topic *t;

	if (l->ds->nmeasures > 0 && !m)
		return;
	l->topics = iz_xrealloc(l->topics,
				(l->ntopics + 1) * sizeof(*l->topics));
	t = &l->topics[l->ntopics++];
	t->key = iz_xstrdup(key);
	t->title = title ? iz_trim_dup(title) : NULL;
	t->unit = unit ? iz_trim_dup(unit) : NULL;
	t->decimals = decimals;
	t->map = m;
}

void cbs_add_dim(struct load *l, const char *key, enum dim_kind kind)
{
	struct dim *d;

	l->dims = iz_xrealloc(l->dims, (l->ndims + 1) * sizeof(*l->dims));
	d = &l->dims[l->ndims];
	d->key = iz_xstrdup(key);
	d->kind = kind;
	d->padded = iz_strmap_new();
	d->map = iz_dataset_dim(l->ds, key);
	if (kind == DIM_GEO && l->geo < 0)
		l->geo = (int)l->ndims;
	else if (kind == DIM_TIME && l->time < 0)
		l->time = (int)l->ndims;
	else if (d->map && d->map->is_margin)
		l->margin = (int)l->ndims;
	l->ndims++;
}

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

static const struct topic *find_topic(const struct load *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->ntopics; i++)
		if (strcmp(l->topics[i].key, key) == 0)
			return &l->topics[i];
	return NULL;
}

static int check_measure(struct load *l, const struct iz_measure_map *m,
			 const char *url)
{
	const struct topic *t = find_topic(l, m->key);

	if (!t)
		return iz_fail(l->err, IZ_EINPUT,
			       "%s: measure '%s' of catalog entry '%s' is not "
			       "in the table (keys drift between editions: "
			       "check the catalog)",
			       url, m->key, l->ds->id);
	if (m->title && !(t->title && same_title(m->title, t->title)))
		return iz_fail(l->err, IZ_EINPUT,
			       "%s: measure '%s': title is '%s', catalog "
			       "expects '%s'",
			       url, m->key, t->title ? t->title : "",
			       m->title);
	if (m->unit && !(t->unit && strcmp(m->unit, t->unit) == 0))
		return iz_fail(l->err, IZ_EINPUT,
			       "%s: measure '%s': unit is '%s', catalog "
			       "expects '%s'",
			       url, m->key, t->unit ? t->unit : "", m->unit);
	return 0;
}

static bool has_dim(const struct load *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->ndims; i++)
		if (strcmp(l->dims[i].key, key) == 0)
			return true;
	return false;
}

int cbs_check_catalog(struct load *l, const char *url)
{
	const struct iz_dataset *ds = l->ds;
	size_t i;

	for (i = 0; i < ds->nmeasures; i++)
		if (check_measure(l, &ds->measures[i], url) < 0)
			return -1;
	for (i = 0; i < ds->ndims; i++)
		if (!has_dim(l, ds->dims[i].dim))
			return iz_fail(l->err, IZ_EINPUT,
				       "%s: dimension '%s' of catalog entry "
				       "'%s' is not in the table",
				       url, ds->dims[i].dim, ds->id);
	for (i = 0; i < ds->nfilters; i++)
		if (!has_dim(l, ds->filters[i].dim))
			return iz_fail(l->err, IZ_EINPUT,
				       "%s: filter dimension '%s' of catalog "
				       "entry '%s' is not in the table",
				       url, ds->filters[i].dim, ds->id);
	if (l->ntopics == 0)
		return iz_fail(l->err, IZ_EINPUT,
			       "%s: table has no numeric measures to load",
			       url);
	return 0;
}

int cbs_dim_item(struct load *l, struct dim *d, const char *padded,
		 const char *title, const char *status)
{
	char *code = iz_trim_dup(padded);
	char *parent = NULL;
	int rc = 0;

	if (!iz_strmap_get(d->padded, code))
		iz_strmap_put(d->padded, code, iz_xstrdup(padded));
	if (d->kind == DIM_GEO) {
		parent = iz_region_parent(code);
		rc = iz_store_put_region(l->st, code,
					 title && *title ? title : NULL,
					 iz_region_level(code), parent,
					 l->err);
	} else if (d->kind == DIM_TIME) {
		rc = iz_store_put_period(l->st, l->ds->id, code, title, status,
					 l->err);
	}
	free(parent);
	free(code);
	return rc;
}

static const char *series_life_stage(const struct load *l,
				     const struct topic *t,
				     const struct iz_code_map *const *codes,
				     bool *approx, const char **household)
{
	const char *stage = t->map ? t->map->life_stage : NULL;
	size_t i;

	*approx = t->map && t->map->approximate;
	*household = t->map ? t->map->household_type : NULL;
	for (i = 0; i < l->ndims; i++) {
		if (!codes[i])
			continue;
		if (codes[i]->life_stage)
			stage = codes[i]->life_stage;
		if (codes[i]->household_type)
			*household = codes[i]->household_type;
		*approx = *approx || codes[i]->approximate;
	}
	return stage;
}

/* Code maps of the dimension codes named in a dims string. */
static void dims_codes(const struct load *l, const char *dims,
		       const struct iz_code_map **codes)
{
	char buf[1024], *p, *save = NULL, *eq;
	size_t i;

	memset(codes, 0, l->ndims * sizeof(*codes));
	snprintf(buf, sizeof(buf), "%s", dims);
	for (p = strtok_r(buf, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
		eq = strchr(p, '=');
		if (!eq)
			continue;
		*eq = '\0';
		for (i = 0; i < l->ndims; i++)
			if (strcmp(l->dims[i].key, p) == 0)
				codes[i] = iz_dim_code(l->dims[i].map, eq + 1);
	}
}

int64_t *cbs_series(struct load *l, const char *dims)
{
	int64_t *ids = iz_strmap_get(l->series, dims);
	const struct iz_code_map **codes;
	struct iz_indicator_def def;
	size_t i;

	if (ids)
		return ids;
	ids = iz_xcalloc(l->ntopics, sizeof(*ids));
	codes = iz_xcalloc(l->ndims + 1, sizeof(*codes));
	dims_codes(l, dims, codes);
	for (i = 0; i < l->ntopics; i++) {
		const struct topic *t = &l->topics[i];

		memset(&def, 0, sizeof(def));
		def.dataset = l->ds->id;
		def.code = t->map ? t->map->indicator : t->key;
		def.measure = t->key;
		def.dims = dims;
		def.title = t->map && t->map->label ? t->map->label : t->title;
		def.unit = t->unit;
		def.decimals = t->decimals;
		def.spearhead = t->map ? t->map->spearhead : NULL;
		def.polarity = t->map ? t->map->polarity : NULL;
		def.life_stage = series_life_stage(l, t, codes, &def.approximate,
						   &def.household_type);
		if (iz_store_put_indicator(&ids[i], l->st, &def, l->err) < 0) {
			free(codes);
			free(ids);
			return NULL;
		}
	}
	free(codes);
	iz_strmap_put(l->series, dims, ids);
	return ids;
}

/* An untyped cell: a right-aligned number, ".", "" or another symbol. */
static int untyped(double *out, const char **status, const char *s)
{
	char buf[64], *end;

	snprintf(buf, sizeof(buf), "%s", s);
	iz_trim(buf);
	if (!buf[0]) {
		*status = "empty";
		return 0;
	}
	errno = 0;
	*out = strtod(buf, &end);
	if (errno == 0 && *end == '\0' && isfinite(*out))
		return 1;
	*status = strcmp(buf, ".") == 0 ? "." :
		  strcmp(buf, "x") == 0 ? "x" :
		  strcmp(buf, "-") == 0 ? "-" : NULL;
	return *status ? 0 : -1;
}

int cbs_put(struct load *l, int64_t indicator, const char *region,
	    const char *period, enum iz_obs_part part,
	    const struct cbs_cell *v, const char *url, const char *what)
{
	double value = 0;
	const char *status = "null";
	int has;

	if (v->kind == CBS_NUMBER) {
		value = v->number;
		has = isfinite(value) ? 1 : 0;
	} else if (v->kind == CBS_NULL) {
		has = 0;
	} else if (v->kind == CBS_STRING) {
		has = untyped(&value, &status, v->str);
		if (has < 0)
			return iz_fail(l->err, IZ_EHTTP,
				       "%s: %s: not a number", url, what);
	} else {
		return iz_fail(l->err, IZ_EHTTP, "%s: %s: %s", url, what,
			       v->kind == CBS_OTHER ? "expected a number" :
						      "missing");
	}
	if (l->nbatch == l->capbatch) {
		l->capbatch = l->capbatch ? 2 * l->capbatch : 256;
		l->batch = iz_xrealloc(l->batch,
				       l->capbatch * sizeof(*l->batch));
	}
	l->batch[l->nbatch++] = (struct iz_obs){ .indicator = indicator,
						 .region = region,
						 .period = period,
						 .part = part,
						 .has_value = has == 1,
						 .value = value,
						 .status = status };
	return 0;
}

int cbs_flush(struct load *l)
{
	const struct iz_obs *o = l->batch;
	size_t n = l->nbatch;
	int rc;

	l->nbatch = 0;
	if (n == 1)
		rc = iz_store_put_observation(l->st, o->indicator, o->region,
					      o->period, o->part, o->has_value,
					      o->value, o->status, l->err);
	else
		rc = iz_store_put_observations(l->st, o, n, l->err);
	if (rc == 0)
		l->observations += (int64_t)n;
	return rc;
}

int cbs_national_region(struct load *l)
{
	if (l->geo >= 0)
		return 0;
	return iz_store_put_region(l->st, "NL01", "Nederland", "land", NULL,
				   l->err);
}

/* The first run of four digits that looks like a year, or 0. */
static int year_in(const char *s)
{
	long v;
	char *end;

	for (; s && *s; s++) {
		if (!isdigit((unsigned char)*s))
			continue;
		v = strtol(s, &end, 10);
		if (end - s == 4 && v >= 1900 && v <= 2999)
			return (int)v;
		s = end - 1;
	}
	return 0;
}

void cbs_note_period(struct load *l, const char *period, const char *title)
{
	int year = year_in(period);

	if (!year)
		year = year_in(title);
	if (year)
		snprintf(l->period, sizeof(l->period), "%04dJJ00", year);
}

int cbs_default_period(struct load *l, const char *url)
{
	if (l->time >= 0)
		return 0;
	if (!l->period[0])
		return iz_fail(l->err, IZ_EHTTP,
			       "%s: table has no period dimension and no year "
			       "in its Period or Title",
			       url);
	return iz_store_put_period(l->st, l->ds->id, l->period, NULL, NULL,
				   l->err);
}

int cbs_dims_append(struct load *l, char *buf, size_t cap, size_t *len,
		    const char *key, const char *code, const char *url,
		    size_t row)
{
	int n = snprintf(buf + *len, cap - *len, "%s%s=%s", *len ? ";" : "",
			 key, code);

	if (n < 0 || (size_t)n >= cap - *len)
		return iz_fail(l->err, IZ_EHTTP,
			       "%s: row %zu: dimension codes longer than %zu "
			       "bytes",
			       url, row, cap - 1);
	*len += (size_t)n;
	return 0;
}

int cbs_code_copy(struct load *l, char *buf, size_t cap, const char *code,
		  const char *url, size_t row)
{
	if (strlen(code) >= cap)
		return iz_fail(l->err, IZ_EHTTP,
			       "%s: row %zu: a dimension code longer than %zu "
			       "bytes",
			       url, row, cap - 1);
	memcpy(buf, code, strlen(code) + 1);
	iz_trim(buf);
	return 0;
}

void cbs_page_done(struct load *l)
{
	l->pages++;
	if (l->progress)
		l->progress(l->progress_ctx, l->pages, l->observations);
}

static void free_string(void *p)
{
	free(p);
}

void cbs_load_release(struct load *l)
{
	size_t i;

	for (i = 0; i < l->ntopics; i++) {
		free(l->topics[i].key);
		free(l->topics[i].title);
		free(l->topics[i].unit);
	}
	for (i = 0; i < l->ndims; i++) {
		free(l->dims[i].key);
		iz_strmap_free(l->dims[i].padded, free_string);
	}
	free(l->topics);
	free(l->dims);
	free(l->batch);
	iz_strmap_free(l->series, free_string);
	free(l->base);
	free(l->modified);
}
