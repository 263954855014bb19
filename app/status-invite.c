/* status-invite.c: `consult status VAULT... --invitations FILE.csv`:
 * for each label of the facilitator's CSV, whether its invitation was
 * used (responded), has a draft, has nothing yet, or was withdrawn, for
 * reminders. One Argon2id per code and vault: the vault holds no label
 * and no code, so this is the only way from a label to its state. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/invite.h"
#include "exports/lib.h"

enum status_invite {
	STATUS_UNKNOWN,		/* in none of the vaults */
	STATUS_NONE,		/* unused, no draft */
	STATUS_DRAFT,		/* unused, a draft saved */
	STATUS_WITHDRAWN,
	STATUS_RESPONDED,
};

static const char *const status_invite_words[] = {
	[STATUS_UNKNOWN] = "unknown",
	[STATUS_NONE] = "none",
	[STATUS_DRAFT] = "draft",
	[STATUS_WITHDRAWN] = "withdrawn",
	[STATUS_RESPONDED] = "responded",
};

/* The state of code in vault v (STATUS_*), or -1 after saying why. */
static int
status_invite_one(const struct cmd_entry *self, const struct vault *v,
    const char *code, int *status)
{
	struct vault_invitation	*inv;
	struct vault_draft	*d;
	enum vault_invite_state	 state;
	char			*cause = NULL;
	int			 err, s = STATUS_UNKNOWN;

	inv = vault_invitation_check(v, code, &state, &err, &cause);
	if (inv == NULL && err != VAULT_OK) {
		cmd_error(self, "%s", cause);
		free(cause);
		*status = cmd_vault_status(err);
		return -1;
	}
	if (state == VAULT_INVITE_USED)
		s = STATUS_RESPONDED;
	else if (state == VAULT_INVITE_WITHDRAWN)
		s = STATUS_WITHDRAWN;
	else if (state == VAULT_INVITE_UNUSED) {
		s = STATUS_NONE;
		if ((d = vault_invitation_take_draft(inv, &cause)) == NULL) {
			cmd_error(self, "%s", cause);
			free(cause);
			vault_invitation_free(inv);
			*status = 1;
			return -1;
		}
		if (vault_draft_exists(d))
			s = STATUS_DRAFT;
		vault_draft_free(d);
	}
	vault_invitation_free(inv);
	return s;
}

int
status_invitations(const struct cmd_entry *self, struct vault **v,
    size_t n, const char *path)
{
	struct invite_list	 l;
	struct export_csv	 w;
	size_t			 i, j, count[STATUS_RESPONDED + 1];
	char			*cause = NULL;
	int			 status = 0, s, best;

	for (j = 0; j < n; j++) {
		if (v[j]->invitations == VAULT_OPEN) {
			cmd_error(self, "%s: has no invitations", v[j]->dir);
			return 1;
		}
	}
	if (invite_csv_read(path, &l, &status, &cause) != 0) {
		cmd_error(self, "%s", cause);
		free(cause);
		return status;
	}
	status = 0;
	memset(count, 0, sizeof count);
	export_csv_init(&w, stdout);
	export_csv_field(&w, "label");
	export_csv_field(&w, "state");
	export_csv_end(&w);
	for (i = 0; i < l.n && status == 0; i++) {
		/* Copies and merged vaults: what the most advanced says. */
		for (best = STATUS_UNKNOWN, j = 0; j < n; j++) {
			if ((s = status_invite_one(self, v[j], l.rows[i].code,
			    &status)) < 0)
				break;
			if (s > best)
				best = s;
		}
		if (status != 0)
			break;
		count[best]++;
		export_csv_field(&w, l.rows[i].label);
		export_csv_field(&w, status_invite_words[best]);
		export_csv_end(&w);
	}
	if (status == 0 && (export_csv_status(&w, &cause) != 0 ||
	    fflush(stdout) != 0)) {
		cmd_error(self, "standard output: %s", cause != NULL ? cause :
		    "write error");
		free(cause);
		status = EXIT_IOERR;
	}
	export_csv_clear(&w);
	if (status == 0)
		fprintf(stderr, "consult: status: %zu invitation%s: %zu "
		    "responded, %zu with a draft, %zu not yet, %zu withdrawn, "
		    "%zu unknown to %s\n", l.n, l.n == 1 ? "" : "s",
		    count[STATUS_RESPONDED], count[STATUS_DRAFT],
		    count[STATUS_NONE], count[STATUS_WITHDRAWN],
		    count[STATUS_UNKNOWN], n == 1 ? "the vault" : "the vaults");
	invite_list_free(&l);
	return status;
}
