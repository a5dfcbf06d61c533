/*
 * The CBS OData v4 load of one dataset (datasets.cbs.nl/odata/v1): the
 * Properties singleton, Dimensions, MeasureCodes, each dimension's Codes,
 * then Observations pages following @odata.nextLink. One observation is one
 * cell: Measure, Value, ValueAttribute (and StringValue, tolerated).
 */
#include "cbs_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inzicht/region.h"
#include "inzicht/url.h"

static int properties(struct load *l, const struct iz_cbs_table_row *listed)
{
	char *url = iz_xasprintf("%sProperties", l->base);
	json_t *root = NULL;
	const char *title = NULL, *modified = NULL, *status = NULL,
		   *reason = NULL;
	struct iz_dataset_meta meta = { 0 };
	int rc = -1;

	if (cbs_get_json(&root, l, url) < 0)
		goto out;
	if (cbs_str(&title, l, root, "Title", url, true) < 0 ||
	    cbs_str(&modified, l, root, "ObservationsModified", url, true) <
		    0 ||
	    cbs_str(&status, l, root, "Status", url, true) < 0 ||
	    cbs_str(&reason, l, root, "VersionReason", url, true) < 0)
		goto out;
	if (!modified && cbs_str(&modified, l, root, "Modified", url, true) < 0)
		goto out;
	cbs_note_period(l, json_string_value(json_object_get(
				   root, "TemporalCoverage")),
			title);
	l->modified = iz_xstrdup(modified ? modified :
				 listed && listed->modified ? listed->modified :
							      "");
	meta.id = l->ds->id;
	meta.source = iz_source_name(l->ds->source);
	meta.catalog = l->ds->catalog;
	meta.table_id = l->ds->table;
	meta.title = l->ds->title ? l->ds->title : title;
	meta.modified = l->modified;
	meta.reason_delivery = reason;
	meta.output_status = status;
	meta.frequency = listed ? listed->frequency : NULL;
	rc = iz_store_dataset_reset(l->st, &meta, l->err);
out:
	json_decref(root);
	free(url);
	return rc;
}

static int dimensions(struct load *l)
{
	char *url = iz_xasprintf("%sDimensions", l->base);
	json_t *root = NULL, *arr, *row;
	const char *id, *kind;
	size_t i;
	int rc = -1;

	if (cbs_get_json(&root, l, url) < 0 ||
	    !(arr = cbs_value_array(l, root, url)))
		goto out;
	json_array_foreach(arr, i, row)
	{
		if (cbs_str(&id, l, row, "Identifier", url, false) < 0 ||
		    cbs_str(&kind, l, row, "Kind", url, true) < 0)
			goto out;
		cbs_add_dim(l, id,
			    kind && strcmp(kind, "GeoDimension") == 0 ? DIM_GEO :
			    kind && strcmp(kind, "TimeDimension") == 0 ?
									DIM_TIME :
									DIM_OTHER);
	}
	for (i = 0; l->geo < 0 && i < l->ndims; i++)
		if (strcasecmp(l->dims[i].key, "WijkenEnBuurten") == 0 ||
		    strcasecmp(l->dims[i].key, "RegioS") == 0 ||
		    strcasecmp(l->dims[i].key, "Wijken") == 0) {
			l->dims[i].kind = DIM_GEO;
			l->geo = (int)i;
		}
	rc = 0;
out:
	json_decref(root);
	free(url);
	return rc;
}

static int measure_codes(struct load *l)
{
	char *url = iz_xasprintf("%sMeasureCodes", l->base);
	json_t *root = NULL, *arr, *row, *dec;
	const char *id, *title, *unit, *type;
	size_t i;
	int rc = -1;

	if (cbs_get_json(&root, l, url) < 0 ||
	    !(arr = cbs_value_array(l, root, url)))
		goto out;
	json_array_foreach(arr, i, row)
	{
		if (cbs_str(&id, l, row, "Identifier", url, false) < 0 ||
		    cbs_str(&title, l, row, "Title", url, true) < 0 ||
		    cbs_str(&unit, l, row, "Unit", url, true) < 0 ||
		    cbs_str(&type, l, row, "DataType", url, true) < 0)
			goto out;
		dec = json_object_get(row, "Decimals");
		if (!type || strcmp(type, "String") != 0 ||
		    iz_dataset_measure(l->ds, id))
			cbs_add_topic(l, id, title, unit,
				      json_is_integer(dec) ?
					      (int)json_integer_value(dec) :
					      -1);
	}
	rc = cbs_check_catalog(l, url);
	if (rc == 0)
		rc = cbs_default_period(l, url);
out:
	json_decref(root);
	free(url);
	return rc;
}

static int codes(struct load *l, struct dim *d)
{
	char *url = iz_xasprintf("%s%sCodes", l->base, d->key);
	json_t *root = NULL, *arr, *row;
	const char *id, *title, *status;
	size_t i;
	int rc = -1;

	if (cbs_get_json(&root, l, url) < 0 ||
	    !(arr = cbs_value_array(l, root, url)))
		goto out;
	json_array_foreach(arr, i, row)
	{
		if (cbs_str(&id, l, row, "Identifier", url, false) < 0 ||
		    cbs_str(&title, l, row, "Title", url, true) < 0 ||
		    cbs_str(&status, l, row, "Status", url, true) < 0 ||
		    cbs_dim_item(l, d, id, title, status) < 0)
			goto out;
	}
	rc = 0;
out:
	json_decref(root);
	free(url);
	return rc;
}

/* Append text to *expr (taking ownership of text). */
static void append(char **expr, char *text)
{
	char *old = *expr;

	*expr = iz_xasprintf("%s%s", old ? old : "", text);
	free(old);
	free(text);
}

static int filter_clause(char **expr, struct load *l,
			 const struct iz_filter *f)
{
	const struct dim *d = NULL;
	size_t i;

	for (i = 0; i < l->ndims; i++)
		if (strcmp(l->dims[i].key, f->dim) == 0)
			d = &l->dims[i];
	append(expr, iz_xstrdup(*expr ? " and (" : "("));
	for (i = 0; i < f->nvalues; i++) {
		if (f->kind == IZ_FILTER_CODES && d &&
		    !iz_strmap_get(d->padded, f->values[i]))
			return iz_fail(l->err, IZ_EINPUT,
				       "%s: key 'filters.%s': code '%s' is not "
				       "in the table's dimension",
				       l->ds->file, f->dim, f->values[i]);
		if (f->kind == IZ_FILTER_CODES)
			append(expr, iz_xasprintf("%s%s eq '%s'",
						  i ? " or " : "", f->dim,
						  f->values[i]));
		else
			append(expr, iz_xasprintf("%sstartswith(%s,'%s')",
						  i ? " or " : "", f->dim,
						  f->values[i]));
	}
	append(expr, iz_xstrdup(")"));
	return 0;
}

static char *observations_url(struct load *l)
{
	char *expr = NULL, *esc, *url;
	size_t i;

	for (i = 0; i < l->ds->nfilters; i++)
		if (filter_clause(&expr, l, &l->ds->filters[i]) < 0) {
			free(expr);
			return NULL;
		}
	if (!expr)
		return iz_xasprintf("%sObservations", l->base);
	esc = iz_url_escape(expr);
	url = iz_xasprintf("%sObservations?$filter=%s", l->base, esc);
	free(esc);
	free(expr);
	return url;
}

static long topic_index(const struct load *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->ntopics; i++)
		if (strcmp(l->topics[i].key, key) == 0)
			return (long)i;
	return -1;
}

struct cell {
	char region[64], period[64], dims[1024];
	enum iz_obs_part part;
	bool skip;
};

static int cell_keys(struct cell *c, struct load *l, json_t *row,
		     const char *url, size_t i)
{
	size_t j, len = 0;
	const char *code;
	char buf[256];
	const struct iz_code_map *cm;

	snprintf(c->region, sizeof(c->region), "NL01");
	snprintf(c->period, sizeof(c->period), "%s", l->period);
	c->dims[0] = '\0';
	c->part = IZ_OBS_VALUE;
	c->skip = false;
	for (j = 0; j < l->ndims; j++) {
		if (cbs_str(&code, l, row, l->dims[j].key, url, false) < 0)
			return iz_error_prefix(l->err, "row %zu", i);
		if (cbs_code_copy(l, buf, sizeof(buf), code, url, i) < 0)
			return -1;
		if ((int)j == l->geo) {
			snprintf(c->region, sizeof(c->region), "%s", buf);
		} else if ((int)j == l->time) {
			snprintf(c->period, sizeof(c->period), "%s", buf);
		} else if ((int)j == l->margin) {
			cm = iz_dim_code(l->dims[j].map, buf);
			c->skip = !cm || cm->margin == IZ_MARGIN_NONE;
			c->part = !cm ? IZ_OBS_VALUE :
				  cm->margin == IZ_MARGIN_LOWER ? IZ_OBS_LOWER :
				  cm->margin == IZ_MARGIN_UPPER ? IZ_OBS_UPPER :
								  IZ_OBS_VALUE;
		} else if (cbs_dims_append(l, c->dims, sizeof(c->dims), &len,
					   l->dims[j].key, buf, url, i) < 0) {
			return -1;
		}
	}
	return 0;
}

static int observation(struct load *l, json_t *row, const char *url, size_t i)
{
	const char *measure, *attr;
	struct cell c;
	struct cbs_cell cell;
	int64_t *ids;
	json_t *v;
	long t;
	char what[128];

	if (!json_is_object(row))
		return iz_fail(l->err, IZ_EHTTP, "%s: row %zu: not an object",
			       url, i);
	if (cbs_str(&measure, l, row, "Measure", url, false) < 0 ||
	    cbs_str(&attr, l, row, "ValueAttribute", url, true) < 0)
		return -1;
	t = topic_index(l, measure);
	if (t < 0)
		return 0; /* a measure the catalog does not map */
	if (cell_keys(&c, l, row, url, i) < 0)
		return -1;
	if (c.skip)
		return 0;
	if (!(ids = cbs_series(l, c.dims)))
		return -1;
	v = json_object_get(row, "Value");
	snprintf(what, sizeof(what), "row %zu: key 'Value'", i);
	if (json_is_null(v) && attr && strcmp(attr, "None") != 0) {
		if (iz_store_put_observation(l->st, ids[t], c.region, c.period,
					     c.part, false, 0, attr,
					     l->err) < 0)
			return -1;
		l->observations++;
		return 0;
	}
	cell = cbs_cell_of(v);
	if (cbs_put(l, ids[t], c.region, c.period, c.part, &cell, url,
		    what) < 0)
		return -1;
	return cbs_flush(l);
}

static int obs_pages(struct load *l)
{
	char *first = observations_url(l), *url = NULL;
	struct cbs_pages *pages = NULL;
	json_t *root = NULL, *row;
	size_t i;
	int rc;

	if (!first)
		return -1;
	rc = cbs_pages_start(&pages, l, first, "@odata.nextLink", false);
	while (rc == 0 &&
	       (rc = cbs_pages_next(pages, &root, NULL, &url)) > 0) {
		rc = 0;
		json_array_foreach(json_object_get(root, "value"), i, row)
		{
			if (rc == 0)
				rc = observation(l, row, url, i);
		}
		if (rc == 0)
			cbs_page_done(l);
		json_decref(root);
		free(url);
	}
	cbs_pages_stop(pages);
	free(first);
	return rc;
}

int cbs4_fetch(struct load *l, const struct iz_cbs_table_row *listed)
{
	size_t i;

	if (properties(l, listed) < 0 || dimensions(l) < 0 ||
	    measure_codes(l) < 0)
		return -1;
	for (i = 0; i < l->ndims; i++)
		if (codes(l, &l->dims[i]) < 0)
			return -1;
	if (cbs_national_region(l) < 0)
		return -1;
	return obs_pages(l);
}
