/*
 * The fetch lock: flock(LOCK_EX | LOCK_NB) on "<store>.lock", mode 0600.
 */
#include "inzicht/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

int iz_lock_store(int *fd_out, const char *store_path, struct iz_error *err)
{
	char *path = iz_xasprintf("%s.lock", store_path);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	int rc = 0;

	*fd_out = -1;
	if (fd < 0) {
		rc = iz_fail(err, IZ_ESTORE, "cannot open lock '%s': %s", path,
			     strerror(errno));
	} else if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		rc = iz_fail(err,
			     errno == EWOULDBLOCK ? IZ_ELOCKED : IZ_ESTORE,
			     "another fetch holds the lock '%s'%s", path,
			     errno == EWOULDBLOCK ? "" : strerror(errno));
		close(fd);
	} else {
		*fd_out = fd;
	}
	free(path);
	return rc;
}

void iz_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}
