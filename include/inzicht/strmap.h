/*
 * A small string-keyed hash map (open addressing) from keys to pointers or
 * integers, used on the hot ingest paths. Keys are copied; values are not
 * owned.
 */
#ifndef INZICHT_STRMAP_H
#define INZICHT_STRMAP_H

#include <stddef.h>

struct iz_strmap;

struct iz_strmap *iz_strmap_new(void);
/* Frees the map and its keys; free_value (or NULL) is called on values. */
void iz_strmap_free(struct iz_strmap *m, void (*free_value)(void *));

/* Insert or replace key -> value. */
void iz_strmap_put(struct iz_strmap *m, const char *key, void *value);
/* The value of key, or NULL. */
void *iz_strmap_get(const struct iz_strmap *m, const char *key);
size_t iz_strmap_count(const struct iz_strmap *m);

#endif
