/*
 * TypedDataSet pages reduced, on the fetching thread, to the few things the
 * v3 loader reads: per row its dimension codes and one cell per topic. The
 * common page (plain ASCII strings, short decimal numbers, nulls) is read
 * by a small scanner straight from the body, about ten times cheaper than
 * building a jansson tree of a hundred thousand values; any other page is
 * parsed by jansson as before and converted, so errors and unusual JSON
 * (escapes, duplicate keys, long numbers) behave exactly as they always did.
 */
#include "cbs_priv.h"

#include <stdlib.h>
#include <string.h>

struct cbs_keys {
	struct iz_strmap *index; /* key -> 1 + dimension or ndims + topic */
	const char **names;      /* dimensions, then topics */
	size_t ndims, ntopics;
	bool fast;               /* keys unique: the scanner may be used */
};

struct cbs_keys *cbs_keys_new(const struct load *l)
{
	struct cbs_keys *k = iz_xcalloc(1, sizeof(*k));
	size_t i, n = l->ndims + l->ntopics;

	k->index = iz_strmap_new();
	k->names = iz_xcalloc(n + 1, sizeof(*k->names));
	k->ndims = l->ndims;
	k->ntopics = l->ntopics;
	k->fast = true;
	for (i = 0; i < n; i++) {
		k->names[i] = i < l->ndims ? l->dims[i].key :
					     l->topics[i - l->ndims].key;
		if (iz_strmap_get(k->index, k->names[i]))
			k->fast = false;
		else
			iz_strmap_put(k->index, k->names[i],
				      (void *)(uintptr_t)(i + 1));
	}
	return k;
}

void cbs_keys_free(struct cbs_keys *k)
{
	if (!k)
		return;
	iz_strmap_free(k->index, NULL);
	free(k->names);
	free(k);
}

struct cbs_cell cbs_cell_of(json_t *v)
{
	struct cbs_cell c = { .kind = CBS_MISSING };

	if (!v)
		return c;
	if (json_is_number(v)) {
		c.kind = CBS_NUMBER;
		c.number = json_number_value(v);
	} else if (json_is_null(v)) {
		c.kind = CBS_NULL;
	} else if (json_is_string(v)) {
		c.kind = CBS_STRING;
		c.str = json_string_value(v);
	} else {
		c.kind = CBS_OTHER;
	}
	return c;
}

static struct cbs_page *page_new(const struct cbs_keys *k)
{
	struct cbs_page *pg = iz_xcalloc(1, sizeof(*pg));

	pg->ndims = k->ndims;
	pg->ntopics = k->ntopics;
	return pg;
}

/* Room for row r, its codes unset and its cells missing. */
static void page_add_row(struct cbs_page *pg, size_t r)
{
	size_t i;

	if (r == pg->cap) {
		pg->cap = pg->cap ? 2 * pg->cap : 128;
		pg->object = iz_xrealloc(pg->object,
					 pg->cap * sizeof(*pg->object));
		pg->codes = iz_xrealloc(pg->codes, pg->cap * (pg->ndims + 1) *
							   sizeof(*pg->codes));
		pg->cells = iz_xrealloc(pg->cells, pg->cap * pg->ntopics *
							   sizeof(*pg->cells));
	}
	pg->object[r] = true;
	for (i = 0; i < pg->ndims; i++)
		pg->codes[r * pg->ndims + i] = NULL;
	for (i = 0; i < pg->ntopics; i++)
		pg->cells[r * pg->ntopics + i].kind = CBS_MISSING;
	pg->nrows = r + 1;
}

void cbs_page_free(struct cbs_page *pg)
{
	if (!pg)
		return;
	free(pg->object);
	free(pg->codes);
	free(pg->cells);
	free(pg->text);
	json_decref(pg->root);
	free(pg);
}

/* ---- jansson: every page the scanner declines -------------------------- */

static void json_row(struct cbs_page *pg, const struct cbs_keys *k,
		     json_t *row, size_t r)
{
	json_t *v;
	size_t i;

	page_add_row(pg, r);
	pg->object[r] = json_is_object(row);
	if (!pg->object[r])
		return;
	for (i = 0; i < k->ndims; i++) {
		v = json_object_get(row, k->names[i]);
		if (json_is_string(v))
			pg->codes[r * k->ndims + i] = json_string_value(v);
	}
	for (i = 0; i < k->ntopics; i++)
		pg->cells[r * k->ntopics + i] =
			cbs_cell_of(json_object_get(row, k->names[k->ndims + i]));
}

static int from_json(struct cbs_page **out, const struct iz_response *r,
		     const char *url, const struct cbs_keys *k,
		     struct iz_error *err)
{
	json_t *root = NULL, *arr, *row;
	struct cbs_page *pg;
	size_t i;

	if (cbs_parse_body(&root, r, url, err) < 0)
		return -1;
	arr = json_object_get(root, "value");
	if (!json_is_array(arr)) {
		json_decref(root);
		return iz_fail(err, IZ_EHTTP, "%s: key 'value': expected a list",
			       url);
	}
	pg = page_new(k);
	pg->root = root;
	json_array_foreach(arr, i, row)
	{
		json_row(pg, k, row, i);
	}
	*out = pg;
	return 0;
}

/* ---- the scanner --------------------------------------------------------- */

struct scan {
	const char *p, *end;
	struct cbs_page *pg;
	const struct cbs_keys *k;
	const char *link_key;
	size_t used;     /* of pg->text */
	uint32_t *seen;  /* row number + 1 per key seen in the current row */
	bool has_value;
};

static void skip_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
				 *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static bool eat(struct scan *s, char c)
{
	skip_ws(s);
	if (s->p < s->end && *s->p == c) {
		s->p++;
		return true;
	}
	return false;
}

/* The body of a string without escapes, control or non-ASCII bytes (jansson
 * decodes and checks those): *start and *len. */
static bool plain_string(struct scan *s, const char **start, size_t *len)
{
	const char *q;

	if (!eat(s, '"'))
		return false;
	for (q = s->p; q < s->end && *q != '"'; q++)
		if (*q == '\\' || (unsigned char)*q < 0x20 ||
		    (unsigned char)*q >= 0x80)
			return false;
	if (q == s->end)
		return false;
	*start = s->p;
	*len = (size_t)(q - s->p);
	s->p = q + 1;
	return true;
}

/* A string copied into the page's text (never longer than the body). */
static bool text_string(struct scan *s, const char **out)
{
	const char *start;
	size_t len;
	char *t;

	if (!plain_string(s, &start, &len))
		return false;
	t = s->pg->text + s->used;
	memcpy(t, start, len);
	t[len] = '\0';
	s->used += len + 1;
	*out = t;
	return true;
}

static bool key_string(struct scan *s, char *buf, size_t cap)
{
	const char *start;
	size_t len;

	if (!plain_string(s, &start, &len) || len >= cap || !eat(s, ':'))
		return false;
	memcpy(buf, start, len);
	buf[len] = '\0';
	return true;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits into *m (at most 15 significant ones, so *m < 2^53); *n counts
 * the digits read. */
static bool digits(struct scan *s, uint64_t *m, int *sig, int *n)
{
	for (*n = 0; s->p < s->end && is_digit(*s->p); s->p++, (*n)++) {
		if (*m == 0 && *s->p == '0')
			continue;
		if (++*sig > 15)
			return false;
		*m = *m * 10 + (uint64_t)(*s->p - '0');
	}
	return *n > 0;
}

static bool exponent(struct scan *s, int *e)
{
	bool neg = false;
	uint64_t m = 0;
	int sig = 0, n;

	s->p++;
	if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
		neg = *s->p++ == '-';
	if (!digits(s, &m, &sig, &n) || m > 400)
		return false;
	*e = neg ? -(int)m : (int)m;
	return true;
}

/* Sign, digits, fraction and exponent of a JSON number: the value is
 * m * 10^e, a real unless both fraction and exponent are absent. */
static bool number_parts(struct scan *s, bool *neg, uint64_t *m, int *e,
			 bool *real)
{
	int sig = 0, n, frac = 0;

	*neg = eat(s, '-');
	if (s->p + 1 < s->end && s->p[0] == '0' && is_digit(s->p[1]))
		return false; /* a leading zero: jansson's error */
	if (!digits(s, m, &sig, &n))
		return false;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		*real = true;
		if (!digits(s, m, &sig, &frac))
			return false;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		*real = true;
		if (!exponent(s, e))
			return false;
	}
	*e -= frac;
	return true;
}

/*
 * A JSON number exactly as jansson converts it: integers of up to 15 digits
 * are exact (json_integer, so no negative zero), and so is m / 10^k or
 * m * 10^k for m < 2^53 and k <= 22, both exact doubles: one correctly
 * rounded operation, the result strtod gives (Clinger's fast path). Longer
 * numbers, leading zeros and the like are left to jansson.
 */
static bool number(struct scan *s, double *out)
{
	static const double pow10[] = { 1e0,  1e1,  1e2,  1e3,	1e4,  1e5,
					1e6,  1e7,  1e8,  1e9,	1e10, 1e11,
					1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
					1e18, 1e19, 1e20, 1e21, 1e22 };
	bool neg = false, real = false;
	uint64_t m = 0;
	int e = 0;

	if (!number_parts(s, &neg, &m, &e, &real))
		return false;
	if (!real)
		*out = m == 0 ? 0.0 : neg ? -(double)m : (double)m;
	else if (e < -22 || e > 22)
		return false;
	else
		*out = (neg ? -1.0 : 1.0) * (e < 0 ? (double)m / pow10[-e] :
						     (double)m * pow10[e]);
	return true;
}

/* A string, number or null (true, false, objects and arrays go to
 * jansson). */
static bool cell(struct scan *s, struct cbs_cell *c)
{
	skip_ws(s);
	if (s->p == s->end)
		return false;
	if (*s->p == '"') {
		c->kind = CBS_STRING;
		return text_string(s, &c->str);
	}
	if (*s->p == 'n') {
		c->kind = CBS_NULL;
		if (s->end - s->p < 4 || memcmp(s->p, "null", 4) != 0)
			return false;
		s->p += 4;
		return true;
	}
	c->kind = CBS_NUMBER;
	return number(s, &c->number);
}

static bool row_member(struct scan *s, size_t r)
{
	const struct cbs_keys *k = s->k;
	struct cbs_page *pg = s->pg;
	struct cbs_cell c;
	char key[256];
	size_t i;

	if (!key_string(s, key, sizeof(key)))
		return false;
	i = (uintptr_t)iz_strmap_get(k->index, key);
	if (i-- == 0) /* a key the loader does not read */
		return cell(s, &c);
	if (s->seen[i] == r + 1) /* jansson keeps the last: leave it to it */
		return false;
	s->seen[i] = (uint32_t)(r + 1);
	if (i >= k->ndims)
		return cell(s, &pg->cells[r * k->ntopics + i - k->ndims]);
	if (!cell(s, &c))
		return false;
	pg->codes[r * k->ndims + i] = c.kind == CBS_STRING ? c.str : NULL;
	return true;
}

static bool rows(struct scan *s)
{
	size_t r = 0;

	if (!eat(s, '['))
		return false;
	if (eat(s, ']'))
		return true;
	do {
		page_add_row(s->pg, r);
		if (!eat(s, '{'))
			return false;
		if (eat(s, '}'))
			continue;
		do {
			if (!row_member(s, r))
				return false;
		} while (eat(s, ','));
		if (!eat(s, '}'))
			return false;
	} while (++r < UINT32_MAX && eat(s, ','));
	return eat(s, ']');
}

static bool top_member(struct scan *s)
{
	struct cbs_cell c;
	char key[256];

	if (!key_string(s, key, sizeof(key)))
		return false;
	if (strcmp(key, "value") == 0) {
		if (s->has_value)
			return false;
		s->has_value = true;
		return rows(s);
	}
	if (strcmp(key, s->link_key) == 0) {
		if (s->pg->link)
			return false;
		return text_string(s, &s->pg->link);
	}
	return cell(s, &c);
}

static bool scan_page(struct scan *s)
{
	if (!eat(s, '{'))
		return false;
	if (!eat(s, '}')) {
		do {
			if (!top_member(s))
				return false;
		} while (eat(s, ','));
		if (!eat(s, '}'))
			return false;
	}
	skip_ws(s);
	return s->p == s->end && s->has_value;
}

/* The scanner's page, or NULL when the page needs jansson. */
static struct cbs_page *scanned(const struct iz_response *r,
				const struct cbs_keys *k, const char *link_key)
{
	struct scan s = { .k = k, .link_key = link_key };
	bool ok;

	if (!k->fast || !r->body || !cbs_json_type(r->content_type))
		return NULL;
	s.p = r->body;
	s.end = r->body + r->len;
	s.pg = page_new(k);
	s.pg->text = iz_xmalloc(r->len + 1);
	s.seen = iz_xcalloc(k->ndims + k->ntopics + 1, sizeof(*s.seen));
	ok = scan_page(&s);
	free(s.seen);
	if (!ok) {
		cbs_page_free(s.pg);
		return NULL;
	}
	return s.pg;
}

int cbs_page_decode(struct cbs_page **out, const struct iz_response *r,
		    const char *url, const struct cbs_keys *k,
		    const char *link_key, struct iz_error *err)
{
	*out = scanned(r, k, link_key);
	if (*out)
		return 0;
	return from_json(out, r, url, k, err);
}
