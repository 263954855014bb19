/* cmd-invite.c: "consult invite VAULT": make invitations (a closed
 * vault: one response per invitation) and write their label,code CSV
 * for a mail merge, the only time the codes are shown; or withdraw one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/analyst.h"
#include "app/invite.h"
#include "exports/lib.h"

#define INVITE_MAX	1000000

static int	cmd_invite_exec(const struct cmd_entry *, struct args *);

static const struct option cmd_invite_longopts[] = {
	{ "count", required_argument, NULL, 'c' },
	{ "names", required_argument, NULL, 'n' },
	{ "output", required_argument, NULL, 'o' },
	{ "anonymous", no_argument, NULL, 'a' },
	{ "withdraw", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_invite_entry = {
	.name = "invite",
	.usage = "VAULT (--count N | --names FILE) [-o FILE] [--anonymous] | "
	    "VAULT --withdraw CODE",
	.optstring = "c:n:o:aw:",
	.longopts = cmd_invite_longopts,
	.lower = 1,
	.upper = 1,
	.help = "make invitations (one response each) or withdraw one",
	.details =
	    "  -c, --count N        make N invitations, labelled by number\n"
	    "  -n, --names FILE     one invitation per line of FILE (its\n"
	    "                       label: an organisation, a contact)\n"
	    "  -o, --output FILE    write the label,code CSV there (created\n"
	    "                       0600) rather than to stdout\n"
	    "  -a, --anonymous      responses carry no trace of their\n"
	    "                       invitation (first invite only; named by\n"
	    "                       default: export --invitations can then\n"
	    "                       name who answered)\n"
	    "  -w, --withdraw CODE  withdraw an unused invitation\n"
	    "\n"
	    "A vault with invitations is closed: run asks for an invitation\n"
	    "code before the first question, each code gives one response,\n"
	    "and the code is also the participant's resume code. Codes are\n"
	    "shown only here (16 symbols, 78 bits): keep the CSV, it is the\n"
	    "only place labels and codes meet. The vault keeps no label and\n"
	    "no code. Invite before the first response; more invitations can\n"
	    "be added later, of the same kind.\n"
	    "\n"
	    "Exit status: 0, 1 (a vault with responses, a code that is no\n"
	    "unused invitation), 2 usage, 65 a bad names file or damaged\n"
	    "vault, 66 a missing file, 74 I/O error.\n",
	.exec = cmd_invite_exec,
};

/* Where the codes go. */
struct cmd_invite_out {
	struct export_csv	 csv;
	struct invite_list	*names;		/* or NULL: numbered */
	size_t			 first;		/* number of the first */
};

static int
cmd_invite_put(const char *code, size_t i, void *arg)
{
	struct cmd_invite_out	*o = arg;
	char			 label[32];

	if (o->names != NULL)
		export_csv_field(&o->csv, o->names->rows[i].label);
	else {
		snprintf(label, sizeof label, "invitation %zu", o->first + i);
		export_csv_field(&o->csv, label);
	}
	export_csv_field(&o->csv, code);
	export_csv_end(&o->csv);
	return o->csv.error;
}

static int
cmd_invite_withdraw(const struct cmd_entry *self, struct vault *v,
    const char *code)
{
	struct vault_invitation	*inv;
	enum vault_invite_state	 state;
	char			*cause = NULL;
	int			 err, rc;

	if (v->invitations == VAULT_OPEN) {
		cmd_error(self, "%s: has no invitations", v->dir);
		return 1;
	}
	inv = vault_invitation_check(v, code, &state, &err, &cause);
	if (inv == NULL && err != VAULT_OK) {
		cmd_error(self, "%s", cause);
		free(cause);
		return cmd_vault_status(err);
	}
	if (inv == NULL) {
		cmd_error(self, "%s: no invitation has this code", v->dir);
		return 1;
	}
	rc = vault_invitation_withdraw(inv, &cause);
	vault_invitation_free(inv);
	if (rc != 0) {
		cmd_error(self, "%s: %s", v->dir, cause);
		free(cause);
		return rc == -2 ? 1 : EXIT_IOERR;
	}
	printf("%s: invitation withdrawn\n", v->dir);
	return 0;
}

/* The count of --count, or 0 after saying why. */
static size_t
cmd_invite_count(const struct cmd_entry *self, const char *arg)
{
	char		*end;
	unsigned long	 n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0 || n < 1 ||
	    n > INVITE_MAX) {
		cmd_error(self, "--count needs a number from 1 to %d, not '%s'",
		    INVITE_MAX, arg);
		return 0;
	}
	return (size_t)n;
}

/* Make n invitations into out (a file of -o, or stdout). */
static int
cmd_invite_make(const struct cmd_entry *self, struct vault *v, size_t n,
    struct invite_list *names, int mode, const char *path)
{
	struct cmd_invite_out	 o;
	size_t			 unused, used, withdrawn, pending;
	FILE			*f = stdout;
	char			*cause = NULL;
	int			 err, status = 0, rc;

	memset(&o, 0, sizeof o);
	o.names = names;
	if (vault_invite_count(v, &unused, &used, &withdrawn, &pending,
	    &cause) != 0) {
		cmd_error(self, "%s", cause);
		free(cause);
		return EXIT_IOERR;
	}
	o.first = unused + used + withdrawn + pending + 1;
	if (path != NULL && (f = output_create(self, path, &status)) == NULL)
		return status;
	export_csv_init(&o.csv, f);
	export_csv_field(&o.csv, "label");
	export_csv_field(&o.csv, "code");
	export_csv_end(&o.csv);
	rc = vault_invite_make(v, mode, n, cmd_invite_put, &o, &err, &cause);
	if (rc != 0) {
		cmd_error(self, "%s", cause);
		free(cause);
		status = cmd_vault_status(err);
	} else if (export_csv_status(&o.csv, &cause) != 0) {
		cmd_error(self, "%s", cause);
		free(cause);
		status = EXIT_IOERR;
	}
	export_csv_clear(&o.csv);
	if (path != NULL)
		status = output_commit(self, f, path, status == 0) != 0 &&
		    status == 0 ? EXIT_IOERR : status;
	else if (fflush(stdout) != 0 && status == 0) {
		cmd_error(self, "stdout: %s", strerror(errno));
		status = EXIT_IOERR;
	}
	if (status == 0)
		fprintf(stderr, "consult: invite: %s: %zu %s invitation%s made; "
		    "the vault is closed\n", v->dir, n,
		    vault_invite_mode_name(v->invitations), n == 1 ? "" : "s");
	return status;
}

static int
cmd_invite_exec(const struct cmd_entry *self, struct args *args)
{
	struct invite_list	 names;
	struct vault		*v;
	char			*cause = NULL;
	size_t			 n = 0;
	int			 err, status, given;

	given = args_has(args, 'c') + args_has(args, 'n') +
	    args_has(args, 'w');
	if (given != 1) {
		cmd_error(self, "give one of --count, --names and --withdraw");
		return cmd_usage(self);
	}
	if (args_has(args, 'w') && (args_has(args, 'o') ||
	    args_has(args, 'a'))) {
		cmd_error(self, "--withdraw takes no other option");
		return cmd_usage(self);
	}
	if (args_has(args, 'c') &&
	    (n = cmd_invite_count(self, args_get(args, 'c'))) == 0)
		return cmd_usage(self);
	memset(&names, 0, sizeof names);
	if (args_has(args, 'n')) {
		if (invite_names_read(args_get(args, 'n'), &names, &status,
		    &cause) != 0) {
			cmd_error(self, "%s", cause);
			free(cause);
			return status;
		}
		n = names.n;
	}
	if ((v = vault_open(args->argv[0], &err, &cause)) == NULL) {
		cmd_error_lines(self, cause);
		free(cause);
		invite_list_free(&names);
		return cmd_vault_status(err);
	}
	if (args_has(args, 'w'))
		status = cmd_invite_withdraw(self, v, args_get(args, 'w'));
	else
		status = cmd_invite_make(self, v, n, args_has(args, 'n') ?
		    &names : NULL, args_has(args, 'a') ? VAULT_ANONYMOUS :
		    VAULT_OPEN, args_get(args, 'o'));
	invite_list_free(&names);
	vault_free(v);
	return status;
}
