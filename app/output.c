/* output.c: the -o FILE of export and report: written to a temporary
 * file (mode 0600) beside FILE, fsync'd, then renamed over it, so that
 * FILE is never half written; removed if a signal ends the verb. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/analyst.h"

/* The temporary file of -o, removed if a signal ends the verb. */
static char	*output_tmp;

static void
output_signal(int sig)
{
	if (output_tmp != NULL)
		unlink(output_tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static const int output_signals[] = { SIGINT, SIGTERM, SIGHUP,
    SIGQUIT, SIGPIPE };
#define OUTPUT_NSIGNALS \
	(sizeof output_signals / sizeof output_signals[0])

static void
output_catch(int on)
{
	struct sigaction	 sa;
	size_t			 i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on ? output_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < OUTPUT_NSIGNALS; i++)
		sigaction(output_signals[i], &sa, NULL);
}

/* Open a temporary file beside path for -o. */
FILE *
output_create(const struct cmd_entry *self, const char *path, int *status)
{
	char	*copy1, *copy2;
	FILE	*f;
	int	 fd, saved;

	copy1 = xstrdup(path);
	copy2 = xstrdup(path);
	xasprintf(&output_tmp, "%s/.%s.XXXXXX", dirname(copy1),
	    basename(copy2));
	free(copy1);
	free(copy2);
	output_catch(1);
	if ((fd = mkostemp(output_tmp, O_CLOEXEC)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		saved = errno;
		cmd_error(self, "%s: %s", path, strerror(saved));
		if (fd != -1) {
			close(fd);
			unlink(output_tmp);
		}
		output_catch(0);
		free(output_tmp);
		output_tmp = NULL;
		*status = EXIT_IOERR;
		return NULL;
	}
	return f;
}

/* fsync the directory holding path. */
static int
output_sync_dir(const char *path)
{
	char	*copy;
	int	 fd, rc = -1;

	copy = xstrdup(path);
	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) !=
	    -1) {
		rc = fsync(fd);
		close(fd);
	}
	free(copy);
	return rc;
}

/* Close the temporary file and, if ok, move it over path; else remove
 * it. Returns the exit status. */
int
output_commit(const struct cmd_entry *self, FILE *f, const char *path,
    int ok)
{
	int	 status = 0;

	if (ok && (fflush(f) != 0 || fsync(fileno(f)) != 0)) {
		cmd_error(self, "%s: %s", path, strerror(errno));
		status = EXIT_IOERR;
	}
	if (fclose(f) != 0 && ok && status == 0) {
		cmd_error(self, "%s: %s", path, strerror(errno));
		status = EXIT_IOERR;
	}
	if (ok && status == 0 && (rename(output_tmp, path) != 0 ||
	    output_sync_dir(path) != 0)) {
		cmd_error(self, "%s: %s", path, strerror(errno));
		status = EXIT_IOERR;
	}
	if (!ok || status != 0)
		unlink(output_tmp);
	output_catch(0);
	free(output_tmp);
	output_tmp = NULL;
	return status;
}

