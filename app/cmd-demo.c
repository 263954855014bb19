/* cmd-demo.c: "consult demo": the bundled consultation end to end in a
 * fresh temporary directory: a throwaway key pair, a vault, one run, then
 * the report of what was submitted. It is made of the other verbs. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "app/app.h"

extern const unsigned char demo_form[];
extern const size_t demo_form_len;

static int	cmd_demo_exec(const struct cmd_entry *, struct args *);

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.usage = "",
	.optstring = "",
	.lower = 0,
	.upper = 0,
	.help = "try the bundled consultation: key, vault, run, report",
	.details =
	    "In a new directory under $TMPDIR (or /tmp): a demo key pair whose\n"
	    "passphrase is shown on the screen and kept in a file beside it,\n"
	    "a vault of the bundled IMRF consultation (English, French,\n"
	    "Spanish), one run (curses on a terminal, plain mode otherwise),\n"
	    "then the report of what was submitted. The key is a throwaway:\n"
	    "never use it for a real consultation. The directory is kept so\n"
	    "that you can try the other verbs on it; the last lines say how\n"
	    "to delete it.\n"
	    "\n"
	    "Exit status: that of the step that failed, or 0.\n",
	.exec = cmd_demo_exec,
};

/* Write a small file in dir with mode 0600. Returns 0 or -1 (errno). */
static int
cmd_demo_write(const char *path, const void *data, size_t len)
{
	ssize_t	 n;
	size_t	 off = 0;
	int	 fd, saved;

	if ((fd = open(path, O_WRONLY|O_CREAT|O_EXCL, 0600)) == -1)
		return -1;
	while (off < len) {
		if ((n = write(fd, (const char *)data + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		off += (size_t)n;
	}
	return close(fd);
}

/* Run another verb with these arguments (NULL-terminated). */
static int
cmd_demo_verb(const struct cmd_entry *cmd, ...)
{
	va_list		 ap;
	char		*argv[16];
	int		 argc = 0;

	argv[argc++] = (char *)cmd->name;
	va_start(ap, cmd);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	return cmd_run(cmd, argc, argv);
}

/* A readable throwaway passphrase from libsodium's random bytes. */
static void
cmd_demo_passphrase(char *pass, size_t size)
{
	static const char	 alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
	size_t			 i, n = 0;

	for (i = 0; i < 12 && n + 2 < size; i++) {
		if (i != 0 && i % 4 == 0)
			pass[n++] = '-';
		pass[n++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	}
	pass[n] = '\0';
}

/* Make the directory and its files: form, passphrase. */
static int
cmd_demo_prepare(const struct cmd_entry *self, char *dir, char **form,
    char **passfile, char **key, char **pub, char **vault)
{
	char	 pass[32], line[40];

	if (mkdtemp(dir) == NULL) {
		cmd_error(self, "%s: %s", dir, strerror(errno));
		return EXIT_IOERR;
	}
	xasprintf(form, "%s/imrf.csv", dir);
	xasprintf(passfile, "%s/demo-passphrase", dir);
	xasprintf(key, "%s/demo", dir);
	xasprintf(pub, "%s/demo.pub", dir);
	xasprintf(vault, "%s/vault", dir);
	cmd_demo_passphrase(pass, sizeof pass);
	snprintf(line, sizeof line, "%s\n", pass);
	if (cmd_demo_write(*form, demo_form, demo_form_len) != 0 ||
	    cmd_demo_write(*passfile, line, strlen(line)) != 0) {
		cmd_error(self, "%s: %s", dir, strerror(errno));
		return EXIT_IOERR;
	}
	printf("consult demo in %s\n"
	    "The demo key's passphrase is %s (also in %s).\n\n",
	    dir, pass, *passfile);
	sodium_memzero(pass, sizeof pass);
	sodium_memzero(line, sizeof line);
	fflush(stdout);
	return 0;
}

static int
cmd_demo_exec(const struct cmd_entry *self, struct args *args)
{
	const char	*tmp;
	char		*dir, *form = NULL, *passfile = NULL, *key = NULL;
	char		*keyfile = NULL, *pub = NULL, *vault = NULL;
	int		 status;

	(void)args;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	xasprintf(&dir, "%s/consult-demo.XXXXXX", tmp);
	status = cmd_demo_prepare(self, dir, &form, &passfile, &key, &pub,
	    &vault);
	if (status != 0)
		goto done;
	xasprintf(&keyfile, "%s.key", key);
	if ((status = cmd_demo_verb(&cmd_keygen_entry, "-o", key,
	    "--passphrase-file", passfile, (char *)NULL)) != 0)
		goto out;
	if ((status = cmd_demo_verb(&cmd_init_entry, vault, "--form", form,
	    "--pubkey", pub, (char *)NULL)) != 0)
		goto out;
	printf("\n");
	fflush(stdout);
	status = cmd_demo_verb(&cmd_run_entry, vault, (char *)NULL);
	if (status != 0)
		goto out;
	printf("\n");
	fflush(stdout);
	status = cmd_demo_verb(&cmd_report_entry, vault, "--key", keyfile,
	    "--passphrase-file", passfile, (char *)NULL);
out:
	printf("\nThe demo's files are in %s\n"
	    "Try: consult status %s\n"
	    "     consult export %s --key %s --passphrase-file %s\n"
	    "Delete them with: rm -r %s\n",
	    dir, vault, vault, keyfile, passfile, dir);
done:
	free(form);
	free(passfile);
	free(key);
	free(keyfile);
	free(pub);
	free(vault);
	free(dir);
	return status;
}
