/* consult.c: main: set up the process and dispatch to a verb. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "config.h"
#include "app/app.h"
#include "vault/lib.h"

/* Print the verbs whose names are close to an unknown one. */
static void
suggest(const char *name)
{
	const struct cmd_entry	**e;
	size_t			 d, len;
	int			 found = 0;

	len = strlen(name);
	for (e = cmd_table; *e != NULL; e++) {
		d = str_distance(name, (*e)->name);
		if (d <= 2 || (len >= 2 && strncmp(name, (*e)->name, len) == 0)) {
			fprintf(stderr, "%s '%s'", found ? "," : "Did you mean",
			    (*e)->name);
			found = 1;
		}
	}
	if (found)
		fputs("?\n", stderr);
	fputs("Run 'consult help' for the list of verbs.\n", stderr);
}

/* Hold fds 0, 1 and 2 if they were closed (consult run <&-), so that no
 * file consult opens takes their number: each gets /dev/null opened the
 * other way round, so reading or writing it still fails (EBADF) as on a
 * closed descriptor, and the error is reported. */
static void
reserve_std_fds(void)
{
	int	 fd;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		if (open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY) != fd)
			_exit(EXIT_IOERR);	/* nothing sane left to do */
	}
}

int
main(int argc, char **argv)
{
	const struct cmd_entry	*cmd;
	char			*cause;

	reserve_std_fds();
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");	/* '.' decimals whatever the locale */
	if (sodium_init() < 0) {
		fputs("consult: cannot initialise libsodium\n", stderr);
		return 1;
	}
	if (vault_harden(&cause) != 0) {
		fprintf(stderr, "consult: %s\n", cause);
		free(cause);
		return 1;
	}
	if (argc < 2) {
		cmd_list();
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("consult %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cmd_list();
		return 0;
	}
	if ((cmd = cmd_find(argv[1])) == NULL) {
		fprintf(stderr, "consult: unknown verb '%s'\n", argv[1]);
		suggest(argv[1]);
		return EXIT_USAGE;
	}
	return cmd_run(cmd, argc - 1, argv + 1);
}
