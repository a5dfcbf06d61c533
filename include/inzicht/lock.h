/*
 * An exclusive advisory lock (flock) on a file beside the store, so that two
 * fetches never run at once. The lock dies with the process.
 */
#ifndef INZICHT_LOCK_H
#define INZICHT_LOCK_H

#include "inzicht/error.h"

/* Take the lock on "<store>.lock" without waiting; *fd_out keeps it. Held
 * elsewhere: -1 with IZ_ELOCKED. */
int iz_lock_store(int *fd_out, const char *store_path, struct iz_error *err);
/* Release (fd < 0 is ignored). */
void iz_unlock(int fd);

#endif
