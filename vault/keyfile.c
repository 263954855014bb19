/* keyfile.c: the small files of a key pair: created once, durably and
 * never over an existing file; read whole with a bound. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vault/crypto-int.h"

int
keyfile_refuse_existing(const char *path, int *errnum, char **cause)
{
	struct stat	 sb;

	if (lstat(path, &sb) == 0) {
		*errnum = EEXIST;
		xasprintf(cause, "%s: already exists; not overwriting it",
		    path);
		return -1;
	}
	if (errno != ENOENT) {
		*errnum = errno;
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Write all of data to fd, then fsync it. */
static int
keyfile_write_all(int fd, const unsigned char *data, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return fsync(fd);
}

int
keyfile_create(const char *path, const void *data, size_t len, mode_t mode,
    int *errnum, char **cause)
{
	char	*tmp;
	int	 fd, rc = -1;

	xasprintf(&tmp, "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		*errnum = errno;
		xasprintf(cause, "%s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, mode) != 0 || keyfile_write_all(fd, data, len) != 0) {
		*errnum = errno;
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd) != 0) {
		*errnum = errno;
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	/* link, unlike rename, fails rather than replace an existing file. */
	if (link(tmp, path) != 0) {
		*errnum = errno;
		if (errno == EEXIST)
			xasprintf(cause, "%s: already exists; not overwriting "
			    "it", path);
		else
			xasprintf(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	unlink(tmp);
	free(tmp);
	return rc;
}

int
keyfile_sync_dir(const char *path, int *errnum, char **cause)
{
	char	*dir, *slash;
	int	 fd, rc = 0;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) == -1 || fsync(fd) != 0) {
		*errnum = errno;
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		rc = -1;
	}
	if (fd != -1)
		close(fd);
	free(dir);
	return rc;
}

int
keyfile_read(const char *path, void *buf, size_t size, size_t *len,
    int *errnum, char **cause)
{
	ssize_t	 n;
	size_t	 got = 0;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) == -1) {
		*errnum = errno;
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (got < size) {
		n = read(fd, (unsigned char *)buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*errnum = errno;
			xasprintf(cause, "%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return 0;
}
