/*
 * String-keyed hash map with linear probing and FNV-1a hashing; grows at 50%
 * load. Small and predictable: enough for dimension codes and series keys.
 */
#include "inzicht/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/error.h"

struct slot {
	char *key;
	void *value;
	uint64_t hash;
};

struct iz_strmap {
	struct slot *slots;
	size_t cap, n;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct iz_strmap *iz_strmap_new(void)
{
	struct iz_strmap *m = iz_xcalloc(1, sizeof(*m));

	m->cap = 16;
	m->slots = iz_xcalloc(m->cap, sizeof(*m->slots));
	return m;
}

void iz_strmap_free(struct iz_strmap *m, void (*free_value)(void *))
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		free(m->slots[i].key);
		if (free_value)
			free_value(m->slots[i].value);
	}
	free(m->slots);
	free(m);
}

static struct slot *find(const struct iz_strmap *m, const char *key,
			 uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->slots[i].key &&
	       (m->slots[i].hash != h || strcmp(m->slots[i].key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static void grow(struct iz_strmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap *= 2;
	m->slots = iz_xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].hash) = old[i];
	free(old);
}

void iz_strmap_put(struct iz_strmap *m, const char *key, void *value)
{
	uint64_t h = fnv1a(key);
	struct slot *s;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	s = find(m, key, h);
	if (!s->key) {
		s->key = iz_xstrdup(key);
		s->hash = h;
		m->n++;
	}
	s->value = value;
}

void *iz_strmap_get(const struct iz_strmap *m, const char *key)
{
	struct slot *s = find(m, key, fnv1a(key));

	return s->key ? s->value : NULL;
}

size_t iz_strmap_count(const struct iz_strmap *m)
{
	return m->n;
}
