/* cmd-init.c: "consult init VAULT --form FORM --pubkey NAME.pub": create
 * the vault directory of one consultation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "vault/lib.h"

static int	cmd_init_exec(const struct cmd_entry *, struct args *);

static const struct option cmd_init_longopts[] = {
	{ "form", required_argument, NULL, 'f' },
	{ "pubkey", required_argument, NULL, 'p' },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_init_entry = {
	.name = "init",
	.usage = "VAULT --form FORM --pubkey NAME.pub",
	.optstring = "f:p:",
	.longopts = cmd_init_longopts,
	.lower = 1,
	.upper = 1,
	.help = "create a vault directory for one consultation",
	.details =
	    "  -f, --form FORM        the form (XLSForm .xlsx or CSV); it must\n"
	    "                         pass 'consult check'\n"
	    "  -p, --pubkey NAME.pub  the analyst's public key ('consult "
	    "keygen')\n"
	    "\n"
	    "VAULT must be missing or an empty directory. The vault keeps the\n"
	    "form's exact bytes, the list files it reads beside it\n"
	    "(select_one_from_file, pulldata) and the public key; responses\n"
	    "are sealed so that only the analyst's secret key opens them.\n"
	    "\n"
	    "Exit status: 0 created, 1 VAULT is not empty, 2 usage, 65 invalid\n"
	    "form or key file, 66 FORM or NAME.pub missing, 74 I/O error.\n",
	.exec = cmd_init_exec,
};

/* A warning on stderr per question that cannot be asked. */
static void
init_warnings(const struct cmd_entry *self, const struct form *f,
    const char *path)
{
	char	*warnings, *line, *last;

	if ((warnings = form_warnings(f, path)) == NULL)
		return;
	for (line = strtok_r(warnings, "\n", &last); line != NULL;
	    line = strtok_r(NULL, "\n", &last))
		fprintf(stderr, "consult: %s: warning: %s\n", self->name, line);
	free(warnings);
}

static int
cmd_init_exec(const struct cmd_entry *self, struct args *args)
{
	struct vault	*v;
	const char	*dir = args->argv[0];
	char		*cause = NULL, id[VAULT_KEY_ID_LEN];
	int		 err = 0;

	if (!args_has(args, 'f') || !args_has(args, 'p')) {
		cmd_error(self, "--form and --pubkey are both needed");
		return cmd_usage(self);
	}
	if (vault_init(dir, args_get(args, 'f'), args_get(args, 'p'), &err,
	    &cause) != 0) {
		cmd_error_lines(self, cause);
		free(cause);
		return cmd_vault_status(err);
	}
	if ((v = vault_open(dir, &err, &cause)) == NULL) {
		cmd_error_lines(self, cause);
		free(cause);
		return cmd_vault_status(err);
	}
	init_warnings(self, v->form, args_get(args, 'f'));
	vault_key_id(v->pk, id);
	printf("Created vault %s\n", dir);
	printf("  form:         %s", v->form->title);
	if (*v->form->version != '\0')
		printf(" (version %s)", v->form->version);
	printf("\n  analyst key:  %s\n", id);
	printf("Collect with: consult run %s\n", dir);
	vault_free(v);
	return 0;
}
