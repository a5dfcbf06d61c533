/*
 * The CBS OData v3 load of one dataset: TableInfos, DataProperties, the
 * dimension endpoints, then TypedDataSet pages from the ODataFeed service
 * (no 10 000-row limit) following odata.nextLink verbatim. Filters go into
 * $filter with the padded keys the dimension endpoints list.
 */
#include "cbs_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inzicht/region.h"
#include "inzicht/url.h"

static int table_infos(struct load *l, const struct iz_cbs_table_row *listed)
{
	char *url = iz_xasprintf("%sTableInfos?$format=json", l->base);
	json_t *root = NULL, *arr, *row;
	const char *title = NULL, *modified = NULL, *period = NULL;
	struct iz_dataset_meta meta = { 0 };
	int rc = -1;

	if (cbs_get_json(&root, l, url) < 0 ||
	    !(arr = cbs_value_array(l, root, url)))
		goto out;
	row = json_array_get(arr, 0);
	if (!json_is_object(row)) {
		iz_fail(l->err, IZ_EHTTP, "%s: key 'value': expected one row",
			url);
		goto out;
	}
	if (cbs_str(&title, l, row, "Title", url, true) < 0 ||
	    cbs_str(&modified, l, row, "Modified", url, true) < 0 ||
	    cbs_str(&period, l, row, "Period", url, true) < 0)
		goto out;
	cbs_note_period(l, period, title);
	l->modified = iz_xstrdup(modified ? modified :
				 listed && listed->modified ? listed->modified :
							      "");
	meta.id = l->ds->id;
	meta.source = iz_source_name(l->ds->source);
	meta.catalog = l->ds->catalog;
	meta.table_id = l->ds->table;
	meta.title = l->ds->title ? l->ds->title : title;
	meta.modified = l->modified;
	if (listed) {
		meta.reason_delivery = listed->reason_delivery;
		meta.frequency = listed->frequency;
		meta.output_status = listed->output_status;
	}
	rc = iz_store_dataset_reset(l->st, &meta, l->err);
out:
	json_decref(root);
	free(url);
	return rc;
}

static bool numeric_type(const char *datatype)
{
	return !datatype || strcmp(datatype, "String") != 0;
}

static bool regionish(const char *key)
{
	static const char *const names[] = { "RegioS", "WijkenEnBuurten",
					     "Gemeenten", "Wijken", "Regio",
					     "Regios", NULL };
	size_t i;

	for (i = 0; names[i]; i++)
		if (strcasecmp(key, names[i]) == 0)
			return true;
	return false;
}

static int property(struct load *l, json_t *row, const char *url)
{
	const char *type = NULL, *key = NULL, *title = NULL, *unit = NULL,
		   *datatype = NULL;
	json_t *dec = json_object_get(row, "Decimals");

	if (cbs_str(&type, l, row, "Type", url, false) < 0 ||
	    cbs_str(&key, l, row, "Key", url, true) < 0 ||
	    cbs_str(&title, l, row, "Title", url, true) < 0 ||
	    cbs_str(&unit, l, row, "Unit", url, true) < 0 ||
	    cbs_str(&datatype, l, row, "Datatype", url, true) < 0)
		return -1;
	if (strcmp(type, "Topic") == 0) {
		if (!key || !*key)
			return iz_fail(l->err, IZ_EHTTP,
				       "%s: a Topic without a 'Key'", url);
		if (numeric_type(datatype) || iz_dataset_measure(l->ds, key))
			cbs_add_topic(l, key, title, unit,
				      json_is_integer(dec) ?
					      (int)json_integer_value(dec) :
					      -1);
	} else if (strcmp(type, "GeoDimension") == 0) {
		cbs_add_dim(l, key, DIM_GEO);
	} else if (strcmp(type, "TimeDimension") == 0) {
		cbs_add_dim(l, key, DIM_TIME);
	} else if (strcmp(type, "Dimension") == 0) {
		cbs_add_dim(l, key, DIM_OTHER);
	}
	return 0;
}

static void find_region_dim(struct load *l)
{
	size_t i;

	if (l->geo >= 0)
		return;
	for (i = 0; i < l->ndims; i++)
		if (l->dims[i].kind == DIM_OTHER && regionish(l->dims[i].key)) {
			l->dims[i].kind = DIM_GEO;
			l->geo = (int)i;
			return;
		}
}

static int data_properties(struct load *l)
{
	char *url = iz_xasprintf("%sDataProperties?$format=json", l->base);
	json_t *root = NULL, *arr, *row;
	size_t i;
	int rc = -1;

	if (cbs_get_json(&root, l, url) < 0 ||
	    !(arr = cbs_value_array(l, root, url)))
		goto out;
	json_array_foreach(arr, i, row)
	{
		if (!json_is_object(row) || property(l, row, url) < 0) {
			if (!json_is_object(row))
				iz_fail(l->err, IZ_EHTTP,
					"%s: row %zu: expected an object", url,
					i);
			goto out;
		}
	}
	find_region_dim(l);
	rc = cbs_check_catalog(l, url);
	if (rc == 0)
		rc = cbs_default_period(l, url);
out:
	json_decref(root);
	free(url);
	return rc;
}

static int dimension(struct load *l, struct dim *d)
{
	char *url = iz_xasprintf("%s%s?$format=json", l->base, d->key);
	json_t *root = NULL, *arr, *row;
	const char *key, *title, *status;
	size_t i;
	int rc = -1;

	if (cbs_get_json(&root, l, url) < 0 ||
	    !(arr = cbs_value_array(l, root, url)))
		goto out;
	json_array_foreach(arr, i, row)
	{
		if (cbs_str(&key, l, row, "Key", url, false) < 0 ||
		    cbs_str(&title, l, row, "Title", url, true) < 0 ||
		    cbs_str(&status, l, row, "Status", url, true) < 0 ||
		    cbs_dim_item(l, d, key, title, status) < 0)
			goto out;
	}
	rc = 0;
out:
	json_decref(root);
	free(url);
	return rc;
}

/* Append "(Dim eq 'K1' or ...)" or "(startswith(Dim,'GM') or ...)". */
static int filter_clause(char **expr, struct load *l, const struct dim *d,
			 const struct iz_filter *f)
{
	size_t i;
	const char *padded;
	char *old;

	old = *expr;
	*expr = iz_xasprintf("%s%s(", old ? old : "", old ? " and " : "");
	free(old);
	for (i = 0; i < f->nvalues; i++) {
		padded = iz_strmap_get(d->padded, f->values[i]);
		if (f->kind == IZ_FILTER_CODES && !padded)
			return iz_fail(l->err, IZ_EINPUT,
				       "%s: key 'filters.%s': code '%s' is not "
				       "in the table's dimension",
				       l->ds->file, f->dim, f->values[i]);
		old = *expr;
		if (f->kind == IZ_FILTER_CODES)
			*expr = iz_xasprintf("%s%s%s eq '%s'", old,
					     i ? " or " : "", d->key, padded);
		else
			*expr = iz_xasprintf("%s%sstartswith(%s,'%s')", old,
					     i ? " or " : "", d->key,
					     f->values[i]);
		free(old);
	}
	old = *expr;
	*expr = iz_xasprintf("%s)", old);
	free(old);
	return 0;
}

static char *data_url(struct load *l)
{
	char *expr = NULL, *esc, *url;
	size_t i, j;

	for (i = 0; i < l->ds->nfilters; i++)
		for (j = 0; j < l->ndims; j++)
			if (strcmp(l->dims[j].key, l->ds->filters[i].dim) == 0 &&
			    filter_clause(&expr, l, &l->dims[j],
					  &l->ds->filters[i]) < 0) {
				free(expr);
				return NULL;
			}
	if (!expr)
		return iz_xasprintf("%sTypedDataSet?$format=json", l->base);
	esc = iz_url_escape(expr);
	url = iz_xasprintf("%sTypedDataSet?$format=json&$filter=%s", l->base,
			   esc);
	free(esc);
	free(expr);
	return url;
}

/* Read dimension j of row r into buf, trimmed. */
static int row_code(char *buf, size_t n, struct load *l,
		    const struct cbs_page *pg, size_t r, size_t j,
		    const char *url)
{
	const char *code = pg->codes[r * pg->ndims + j];

	if (!code)
		return iz_fail(l->err, IZ_EHTTP,
			       "%s: row %zu: key '%s': expected a string", url,
			       r, l->dims[j].key);
	return cbs_code_copy(l, buf, n, code, url, r);
}

struct rowkeys {
	char region[64];
	char period[64];
	char dims[1024];
	enum iz_obs_part part;
	bool skip;
};

static int margin_part(struct rowkeys *k, const struct dim *d,
		       const char *code)
{
	const struct iz_code_map *cm = iz_dim_code(d->map, code);

	k->skip = !cm || cm->margin == IZ_MARGIN_NONE;
	if (!k->skip)
		k->part = cm->margin == IZ_MARGIN_LOWER ? IZ_OBS_LOWER :
			  cm->margin == IZ_MARGIN_UPPER ? IZ_OBS_UPPER :
							  IZ_OBS_VALUE;
	return 0;
}

static int row_keys(struct rowkeys *k, struct load *l,
		    const struct cbs_page *pg, size_t r, const char *url)
{
	char code[256];
	size_t j, len = 0;

	/* k is written here, not read (cppcheck's ctu check thinks
	 * otherwise). */
	/* cppcheck-suppress ctuuninitvar */
	snprintf(k->region, sizeof(k->region), "NL01");
	snprintf(k->period, sizeof(k->period), "%s", l->period);
	k->dims[0] = '\0';
	k->part = IZ_OBS_VALUE;
	k->skip = false;
	for (j = 0; j < l->ndims; j++) {
		const struct dim *d = &l->dims[j];

		if (row_code(code, sizeof(code), l, pg, r, j, url) < 0)
			return -1;
		if ((int)j == l->geo)
			snprintf(k->region, sizeof(k->region), "%s", code);
		else if ((int)j == l->time)
			snprintf(k->period, sizeof(k->period), "%s", code);
		else if ((int)j == l->margin)
			margin_part(k, d, code);
		else if (cbs_dims_append(l, k->dims, sizeof(k->dims), &len,
					 d->key, code, url, r) < 0)
			return -1;
	}
	return 0;
}

/* Rows whose values wait in the load's batch: their region and period
 * strings must stay put until the batch is stored. */
#define PENDING_ROWS 256

struct pending {
	struct {
		char region[64];
		char period[64];
	} row[PENDING_ROWS];
	size_t n;
};

static int flush(struct load *l, struct pending *pend)
{
	pend->n = 0;
	return cbs_flush(l);
}

static int put_row(struct load *l, struct pending *pend,
		   const struct rowkeys *k, const int64_t *ids,
		   const struct cbs_cell *cells, size_t r, const char *url)
{
	const char *region, *period;
	size_t t;
	char what[300];

	if (pend->n == PENDING_ROWS && flush(l, pend) < 0)
		return -1;
	region = memcpy(pend->row[pend->n].region, k->region, sizeof(k->region));
	period = memcpy(pend->row[pend->n].period, k->period, sizeof(k->period));
	pend->n++;
	for (t = 0; t < l->ntopics; t++) {
		const struct cbs_cell *v = &cells[t];

		if (v->kind != CBS_NUMBER && v->kind != CBS_NULL) {
			snprintf(what, sizeof(what), "row %zu: key '%s'", r,
				 l->topics[t].key);
			if (cbs_put(l, ids[t], region, period, k->part, v,
				    url, what) < 0)
				return -1;
			continue;
		}
		if (cbs_put(l, ids[t], region, period, k->part, v, url,
			    NULL) < 0)
			return -1;
	}
	return 0;
}

static int page_row(struct load *l, struct pending *pend,
		    const struct cbs_page *pg, size_t r, const char *url)
{
	struct rowkeys k;
	int64_t *ids;

	if (!pg->object[r])
		return iz_fail(l->err, IZ_EHTTP, "%s: row %zu: not an object",
			       url, r);
	if (row_keys(&k, l, pg, r, url) < 0)
		return -1;
	if (k.skip)
		return 0;
	if (!(ids = cbs_series(l, k.dims)))
		return -1;
	return put_row(l, pend, &k, ids, &pg->cells[r * pg->ntopics], r,
		       url);
}

/* Store a page: every value of it goes in before the next page is read. */
static int page(struct load *l, struct pending *pend,
		const struct cbs_page *pg, const char *url)
{
	size_t r;

	for (r = 0; r < pg->nrows; r++)
		if (page_row(l, pend, pg, r, url) < 0)
			return -1;
	if (flush(l, pend) < 0)
		return -1;
	cbs_page_done(l);
	return 0;
}

static int data_pages(struct load *l)
{
	char *first = data_url(l), *url = NULL;
	struct cbs_pages *pages = NULL;
	struct pending *pend;
	struct cbs_page *pg = NULL;
	json_t *root = NULL;
	int rc;

	if (!first)
		return -1;
	pend = iz_xmalloc(sizeof(*pend));
	pend->n = 0;
	rc = cbs_pages_start(&pages, l, first, "odata.nextLink", true);
	while (rc == 0 &&
	       (rc = cbs_pages_next(pages, &root, &pg, &url)) > 0) {
		rc = page(l, pend, pg, url);
		cbs_page_free(pg);
		free(url);
	}
	cbs_pages_stop(pages);
	free(pend);
	free(first);
	return rc;
}

static int v3_fetch(struct load *l, const struct iz_cbs_table_row *listed)
{
	size_t i;

	if (table_infos(l, listed) < 0 || data_properties(l) < 0)
		return -1;
	for (i = 0; i < l->ndims; i++)
		if (dimension(l, &l->dims[i]) < 0)
			return -1;
	if (cbs_national_region(l) < 0)
		return -1;
	return data_pages(l);
}

int iz_cbs_fetch(struct iz_cbs_result *res, struct iz_http *h,
		 struct iz_store *st, const struct iz_dataset *ds,
		 const struct iz_cbs_table_row *listed, iz_progress_fn progress,
		 void *progress_ctx, struct iz_error *err)
{
	struct load l = { .h = h,
			  .st = st,
			  .ds = ds,
			  .err = err,
			  .progress = progress,
			  .progress_ctx = progress_ctx };
	char *host = iz_cbs_host(ds);
	int rc;

	memset(res, 0, sizeof(*res));
	l.geo = l.time = l.margin = -1;
	l.series = iz_strmap_new();
	if (ds->source == IZ_SOURCE_CBS_V4) {
		l.base = iz_xasprintf("%s/odata/v1/%s/%s/", host, ds->catalog,
				      ds->table);
		rc = cbs4_fetch(&l, listed);
	} else {
		l.base = iz_xasprintf("%s/ODataFeed/odata/%s/", host,
				      ds->table);
		rc = v3_fetch(&l, listed);
	}
	free(host);
	res->observations = l.observations;
	res->pages = l.pages;
	res->modified = l.modified;
	l.modified = NULL;
	cbs_load_release(&l);
	return rc;
}
