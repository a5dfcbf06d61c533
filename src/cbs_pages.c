/*
 * Paged OData collections (v3 odata.nextLink, v4 @odata.nextLink), fetched
 * and parsed one page ahead on a second thread while the caller stores the
 * current page: parsing JSON and writing SQLite then use both cores. Pages
 * come out in order; an error on page N reaches the caller after pages
 * 1..N-1, exactly as a sequential loop would report it. Typed pagers also
 * decode each page for the v3 loader here (cbs_page.c), so that the writing
 * thread only stores.
 */
#include "cbs_priv.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/url.h"

#define AHEAD 2

struct slot {
	json_t *root;
	struct cbs_page *page;
	char *url;
};

struct cbs_pages {
	struct load *l;
	const char *link_key;
	struct cbs_keys *keys; /* typed pagers only */
	char *first;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct slot q[AHEAD];
	size_t head, count;
	bool done, stop;
	int rc;
	struct iz_error err;
};

/* The link to the next page: NULL at the end, or an error. */
static int next_link(char **out, struct cbs_pages *p, const struct slot *sl)
{
	json_t *link = NULL;
	const char *next = sl->page ? sl->page->link : NULL;

	*out = NULL;
	if (sl->root || (sl->page && sl->page->root)) {
		link = json_object_get(sl->root ? sl->root : sl->page->root,
				       p->link_key);
		if (link && !json_is_string(link))
			return iz_fail(&p->err, IZ_EHTTP,
				       "%s: key '%s': expected a string",
				       sl->url, p->link_key);
		next = link ? json_string_value(link) : NULL;
	}
	if (!next)
		return 0;
	if (!iz_url_same_origin(next, p->first))
		return iz_fail(&p->err, IZ_EHTTP,
			       "%s: key '%s': points to another host", sl->url,
			       p->link_key);
	*out = iz_xstrdup(next);
	return 0;
}

static int typed_page(struct slot *sl, struct cbs_pages *p)
{
	struct iz_response r;
	int rc;

	if (iz_http_get(&r, p->l->h, sl->url, NULL, &p->err) < 0)
		return -1;
	rc = cbs_page_decode(&sl->page, &r, sl->url, p->keys, p->link_key,
			     &p->err);
	iz_response_release(&r);
	return rc;
}

static int fetch(struct slot *sl, struct cbs_pages *p, struct iz_strmap *seen)
{
	if (iz_strmap_get(seen, sl->url))
		return iz_fail(&p->err, IZ_EHTTP,
			       "%s: key '%s': repeats a page already fetched",
			       sl->url, p->link_key);
	iz_strmap_put(seen, sl->url, seen);
	if (p->keys)
		return typed_page(sl, p);
	if (cbs_fetch_json(&sl->root, p->l->h, sl->url, &p->err) < 0)
		return -1;
	if (!json_is_array(json_object_get(sl->root, "value")))
		return iz_fail(&p->err, IZ_EHTTP,
			       "%s: key 'value': expected a list", sl->url);
	return 0;
}

static void slot_release(struct slot *sl)
{
	json_decref(sl->root);
	cbs_page_free(sl->page);
	free(sl->url);
	memset(sl, 0, sizeof(*sl));
}

/* Wait for room; false when the consumer stopped us. */
static bool push(struct cbs_pages *p, const struct slot *sl)
{
	bool ok;

	pthread_mutex_lock(&p->mu);
	while (p->count == AHEAD && !p->stop)
		pthread_cond_wait(&p->cv, &p->mu);
	ok = !p->stop;
	if (ok) {
		p->q[(p->head + p->count) % AHEAD] = *sl;
		p->count++;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return ok;
}

static void finish(struct cbs_pages *p, int rc)
{
	pthread_mutex_lock(&p->mu);
	p->rc = rc;
	p->done = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

static void *producer(void *arg)
{
	struct cbs_pages *p = arg;
	struct iz_strmap *seen = iz_strmap_new();
	char *url = iz_xstrdup(p->first), *next = NULL;
	struct slot sl;
	int rc = 0;

	while (url && rc == 0) {
		sl = (struct slot){ .url = url };
		rc = fetch(&sl, p, seen);
		if (rc == 0)
			rc = next_link(&next, p, &sl);
		if (rc < 0) {
			slot_release(&sl);
			break;
		}
		if (!push(p, &sl)) {
			slot_release(&sl);
			free(next);
			break;
		}
		url = next;
	}
	iz_strmap_free(seen, NULL);
	finish(p, rc);
	return NULL;
}

int cbs_pages_start(struct cbs_pages **out, struct load *l, const char *first,
		    const char *link_key, bool typed)
{
	struct cbs_pages *p = iz_xcalloc(1, sizeof(*p));

	p->l = l;
	p->link_key = link_key;
	p->keys = typed ? cbs_keys_new(l) : NULL;
	p->first = iz_xstrdup(first);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pthread_create(&p->thread, NULL, producer, p) != 0) {
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->cv);
		cbs_keys_free(p->keys);
		free(p->first);
		free(p);
		*out = NULL;
		return iz_fail(l->err, IZ_EHTTP, "cannot start a thread");
	}
	*out = p;
	return 0;
}

int cbs_pages_next(struct cbs_pages *p, json_t **root, struct cbs_page **page,
		   char **url)
{
	int rc;

	pthread_mutex_lock(&p->mu);
	while (p->count == 0 && !p->done)
		pthread_cond_wait(&p->cv, &p->mu);
	if (p->count > 0) {
		*root = p->q[p->head].root;
		if (page)
			*page = p->q[p->head].page;
		*url = p->q[p->head].url;
		p->head = (p->head + 1) % AHEAD;
		p->count--;
		pthread_cond_broadcast(&p->cv);
		rc = 1;
	} else {
		rc = p->rc < 0 ? -1 : 0;
		if (rc < 0)
			*p->l->err = p->err;
	}
	pthread_mutex_unlock(&p->mu);
	return rc;
}

void cbs_pages_stop(struct cbs_pages *p)
{
	size_t i;

	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	for (i = 0; i < p->count; i++)
		slot_release(&p->q[(p->head + i) % AHEAD]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	cbs_keys_free(p->keys);
	free(p->first);
	free(p);
}
