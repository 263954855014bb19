/* output-dir.c: -o DIR of "export --repeat all": the files are written
 * in a temporary directory (mode 0700) beside DIR, each fsync'd, then the
 * directory is renamed to DIR (missing or empty), so that DIR never holds
 * half an export; on failure the temporary directory is removed. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/analyst.h"

/* 1 if path is a directory holding nothing. */
static int
output_dir_empty(const char *path)
{
	DIR		*d;
	struct dirent	*e;
	int		 empty = 1;

	if ((d = opendir(path)) == NULL)
		return 0;
	while (empty && (e = readdir(d)) != NULL)
		empty = strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0;
	closedir(d);
	return empty;
}

char *
output_dir_create(const struct cmd_entry *self, const char *path,
    int *status)
{
	struct stat	 st;
	char		*copy1, *copy2, *tmp;

	if (stat(path, &st) == 0 && !output_dir_empty(path)) {
		cmd_error(self, "%s: %s", path, S_ISDIR(st.st_mode) ?
		    "directory not empty" : "not a directory");
		*status = 1;
		return NULL;
	}
	copy1 = xstrdup(path);
	copy2 = xstrdup(path);
	xasprintf(&tmp, "%s/.%s.XXXXXX", dirname(copy1), basename(copy2));
	free(copy1);
	free(copy2);
	if (mkdtemp(tmp) == NULL) {
		cmd_error(self, "%s: %s", path, strerror(errno));
		free(tmp);
		*status = EXIT_IOERR;
		return NULL;
	}
	return tmp;
}

FILE *
output_dir_file(const struct cmd_entry *self, const char *tmp,
    const char *name, int *status)
{
	char	*p;
	FILE	*f = NULL;
	int	 fd;

	xasprintf(&p, "%s/%s", tmp, name);
	if ((fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) ==
	    -1 || (f = fdopen(fd, "w")) == NULL) {
		cmd_error(self, "%s: %s", name, strerror(errno));
		if (fd != -1)
			close(fd);
		*status = EXIT_IOERR;
	}
	free(p);
	return f;
}

/* Remove the temporary directory and what it holds. */
static void
output_dir_remove(const char *tmp, char *const *names, size_t n)
{
	char	*p;
	size_t	 i;

	for (i = 0; i < n; i++) {
		xasprintf(&p, "%s/%s", tmp, names[i]);
		unlink(p);
		free(p);
	}
	rmdir(tmp);
}

int
output_dir_commit(const struct cmd_entry *self, char *tmp, FILE **files,
    char *const *names, size_t n, const char *path, int ok)
{
	char	*copy;
	size_t	 i;
	int	 fd, status = 0;

	for (i = 0; i < n; i++) {
		if (files[i] == NULL)
			continue;
		if (ok && status == 0 && (fflush(files[i]) != 0 ||
		    fsync(fileno(files[i])) != 0)) {
			cmd_error(self, "%s: %s", names[i], strerror(errno));
			status = EXIT_IOERR;
		}
		if (fclose(files[i]) != 0 && ok && status == 0) {
			cmd_error(self, "%s: %s", names[i], strerror(errno));
			status = EXIT_IOERR;
		}
		files[i] = NULL;
	}
	if (ok && status == 0 && rename(tmp, path) != 0) {
		cmd_error(self, "%s: %s", path, strerror(errno));
		status = EXIT_IOERR;
	}
	if (!ok || status != 0)
		output_dir_remove(tmp, names, n);
	else {
		copy = xstrdup(path);
		if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) != -1) {
			if (fsync(fd) != 0 && status == 0) {
				cmd_error(self, "%s: %s", path,
				    strerror(errno));
				status = EXIT_IOERR;
			}
			close(fd);
		}
		free(copy);
	}
	free(tmp);
	return status;
}
