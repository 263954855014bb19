/* cmd-status.c: "consult status VAULT...": what the vaults hold, counted
 * without a key and without decrypting anything. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "vault/lib.h"
#include "app/invite.h"

static int	cmd_status_exec(const struct cmd_entry *, struct args *);

static const struct option cmd_status_longopts[] = {
	{ "purge-drafts", required_argument, NULL, 'P' },
	{ "invitations", required_argument, NULL, 'i' },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_status_entry = {
	.name = "status",
	.usage = "[--purge-drafts DAYS] [--invitations FILE.csv] VAULT...",
	.optstring = "P:i:",
	.longopts = cmd_status_longopts,
	.lower = 1,
	.upper = -1,
	.help = "count responses, drafts, sessions and days; needs no key",
	.details =
	    "  -P, --purge-drafts DAYS  first remove the drafts not saved for\n"
	    "                           DAYS days or more (0: all drafts)\n"
	    "  -i, --invitations FILE.csv  for each label of invite's CSV:\n"
	    "                           responded, draft, none (not yet) or\n"
	    "                           withdrawn, as CSV (label,state), for\n"
	    "                           reminders; one Argon2id per code\n"
	    "\n"
	    "For each vault: its form, the responses submitted, the drafts\n"
	    "waiting to be resumed, the collecting sessions started, the\n"
	    "first and last day of submission, and the id of the analyst key\n"
	    "the vault's header names (compare it with the one the analyst\n"
	    "gave you), and a closed vault's invitations (named or anonymous,\n"
	    "used, unused, withdrawn); then the total over all the vaults, where copies of a\n"
	    "vault count once. Nothing is decrypted.\n"
	    "\n"
	    "Exit status: 0, 2 usage, 65 damaged vault, 66 VAULT missing or\n"
	    "not a vault, 74 I/O error.\n",
	.exec = cmd_status_exec,
};

static void
cmd_status_print(const char *name, const struct vault_stats *st)
{
	printf("%s\n", name);
	printf("  responses  %zu%s\n", st->responses, st->simulated ?
	    " (simulated)" : "");
	printf("  drafts     %zu\n", st->drafts);
	printf("  sessions   %zu\n", st->sessions);
	if (st->first_day[0] != '\0')
		printf("  days       %s to %s\n", st->first_day, st->last_day);
	else
		printf("  days       none yet\n");
	if (st->unreadable != 0)
		printf("  damaged    %zu record files without a valid "
		    "header\n", st->unreadable);
	if (st->temporary != 0)
		printf("  leftovers  %zu temporary files of interrupted "
		    "writes\n", st->temporary);
}

/* The analyst key the vault's header names (format 1: analyst.pub's),
 * and a closed vault's invitations. */
static void
cmd_status_key(const struct vault *v)
{
	size_t	 unused, used, withdrawn, pending;
	char	 id[VAULT_KEY_ID_LEN], *cause = NULL;

	vault_key_id(v->pk, id);
	printf("  key        %s%s\n", id, v->version < VAULT_FORMAT_VERSION ?
	    " (format 1: from analyst.pub, not in the header)" : "");
	if (v->invitations == VAULT_OPEN)
		return;
	if (vault_invite_count(v, &unused, &used, &withdrawn, &pending,
	    &cause) != 0) {
		printf("  invited    %s: %s\n",
		    vault_invite_mode_name(v->invitations), cause);
		free(cause);
		return;
	}
	printf("  invited    %zu %s: %zu used, %zu unused, %zu withdrawn",
	    unused + used + withdrawn + pending,
	    vault_invite_mode_name(v->invitations), used, unused, withdrawn);
	if (pending != 0)
		printf(", %zu being submitted or cut short", pending);
	printf("\n");
}

/* Remove old drafts from each vault, saying how many. */
static int
cmd_status_purge(const struct cmd_entry *self, struct vault **v, size_t n,
    const char *arg)
{
	char		*end, *cause = NULL;
	unsigned long	 days;
	size_t		 i, removed;

	errno = 0;
	days = strtoul(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0 ||
	    days > 36500) {
		cmd_error(self, "--purge-drafts needs a number of days, not "
		    "'%s'", arg);
		return cmd_usage(self);
	}
	for (i = 0; i < n; i++) {
		if (vault_draft_purge(v[i], (unsigned int)days, time(NULL),
		    &removed, &cause) != 0) {
			cmd_error(self, "%s", cause);
			free(cause);
			return EXIT_IOERR;
		}
		printf("%s: removed %zu draft%s not saved for %lu day%s\n",
		    v[i]->dir, removed, removed == 1 ? "" : "s", days,
		    days == 1 ? "" : "s");
	}
	return 0;
}

static int
cmd_status_exec(const struct cmd_entry *self, struct args *args)
{
	struct vault		**v;
	struct vault_stats	 *st, total;
	char			 *cause = NULL, *title;
	size_t			  i, n = (size_t)args->argc;
	int			  err = 0, rc = 0;

	v = xcalloc(n, sizeof *v);
	st = xcalloc(n, sizeof *st);
	for (i = 0; i < n && rc == 0; i++) {
		if ((v[i] = vault_open(args->argv[i], &err, &cause)) == NULL) {
			cmd_error_lines(self, cause);
			free(cause);
			rc = cmd_vault_status(err);
		}
	}
	if (rc == 0 && args_has(args, 'P'))
		rc = cmd_status_purge(self, v, n, args_get(args, 'P'));
	if (rc == 0 && args_has(args, 'i')) {
		rc = status_invitations(self, v, n, args_get(args, 'i'));
		goto out;
	}
	if (rc == 0 && vault_stats(v, n, st, &total, &cause) != 0) {
		cmd_error(self, "%s", cause);
		free(cause);
		rc = EXIT_IOERR;
	}
	for (i = 0; i < n && rc == 0; i++) {
		if (*v[i]->form->version != '\0')
			xasprintf(&title, "%s: %s (version %s)", v[i]->dir,
			    v[i]->form->title, v[i]->form->version);
		else
			xasprintf(&title, "%s: %s", v[i]->dir,
			    v[i]->form->title);
		cmd_status_print(title, &st[i]);
		cmd_status_key(v[i]);
		free(title);
	}
	if (rc == 0 && n > 1)
		cmd_status_print("total, each response once", &total);
out:
	for (i = 0; i < n; i++)
		vault_free(v[i]);
	free(v);
	free(st);
	return rc;
}
