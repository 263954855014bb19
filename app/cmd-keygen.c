/* cmd-keygen.c: make the analyst's key pair: NAME.key, sealed under a
 * passphrase, and NAME.pub for the facilitators. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "vault/lib.h"

static int	cmd_keygen_exec(const struct cmd_entry *, struct args *);

static const struct option cmd_keygen_longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "passphrase-file", required_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_keygen_entry = {
	.name = "keygen",
	.usage = "-o NAME [--passphrase-file FILE]",
	.optstring = "o:P:",
	.longopts = cmd_keygen_longopts,
	.lower = 0,
	.upper = 0,
	.help = "make the analyst's key pair: NAME.key and NAME.pub",
	.details =
	    "  -o, --output NAME           write NAME.key (mode 0600) and "
	    "NAME.pub;\n"
	    "                              existing files are never "
	    "overwritten\n"
	    "  -P, --passphrase-file FILE  read the passphrase from the first "
	    "line of FILE\n"
	    "                              instead of asking twice on the "
	    "terminal\n"
	    "\n"
	    "A new passphrase needs at least 12 characters; on the terminal\n"
	    "keygen first offers one made from random bytes (98 bits).\n"
	    "Exit status: 0, 1 a file exists or the passphrase is refused, 2\n"
	    "usage, 66 FILE missing, 74 I/O error.\n",
	.exec = cmd_keygen_exec,
};

/* NAME without a final ".key" or ".pub" (so -o analyst.key works).
 * Caller frees. */
static char *
cmd_keygen_base(const char *name)
{
	size_t	 len = strlen(name);

	if (len > 4 && (strcmp(name + len - 4, ".key") == 0 ||
	    strcmp(name + len - 4, ".pub") == 0))
		len -= 4;
	return xstrndup(name, len);
}

/* Refuse before asking a passphrase if base.ext exists. */
static int
cmd_keygen_free_name(const struct cmd_entry *self, const char *base,
    const char *ext)
{
	char	*path;
	int	 exists;

	xasprintf(&path, "%s%s", base, ext);
	exists = access(path, F_OK) == 0;
	if (exists)
		cmd_error(self, "%s: already exists; not overwriting it", path);
	free(path);
	return !exists;
}

static int
cmd_keygen_exec(const struct cmd_entry *self, struct args *args)
{
	unsigned char	 pk[VAULT_KEY_BYTES];
	char		 id[VAULT_KEY_ID_LEN];
	char		*base, *pass, *cause = NULL;
	size_t		 len;
	int		 errnum, status;

	if (!args_has(args, 'o') || *args_get(args, 'o') == '\0') {
		cmd_error(self, "missing -o NAME");
		return cmd_usage(self);
	}
	base = cmd_keygen_base(args_get(args, 'o'));
	if (!cmd_keygen_free_name(self, base, ".key") ||
	    !cmd_keygen_free_name(self, base, ".pub")) {
		free(base);
		return 1;
	}
	pass = passphrase_read(self, args_get(args, 'P'), 1, &len, &status);
	if (pass == NULL) {
		free(base);
		return status;
	}
	if (vault_keygen(base, pass, len, pk, &errnum, &cause) != 0) {
		cmd_error(self, "%s", cause);
		free(cause);
		status = errnum == EEXIST || errnum == ENOMEM ? 1 : EXIT_IOERR;
	} else {
		vault_key_id(pk, id);
		printf("wrote %s.key (secret: keep it and its passphrase "
		    "safe)\n"
		    "wrote %s.pub (public: give it to the facilitators)\n"
		    "key id %s\n", base, base, id);
		status = 0;
	}
	passphrase_free(pass);
	free(base);
	return status;
}
