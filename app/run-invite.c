/* run-invite.c: the door of a closed vault: the invitation code, asked
 * before the first question, which is also the participant's resume
 * code; wrong, used and withdrawn codes go through the brake of
 * run-codes.c. See vault/README ("Invitations"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/app.h"
#include "app/run.h"

int
run_closed(const struct run *r)
{
	return r->vault->invitations != VAULT_OPEN;
}

void
run_invite_start(struct run *r)
{
	r->state = RUN_INVITE;
	r->current = -1;
	r->touched = 0;
	r->from_review = 0;
	memset(r->code, 0, sizeof r->code);
}

void
run_invite_writer(struct run *r)
{
	vault_writer_set_invitation(r->writer, r->invitation);
}

/* A code that opens no unused invitation: the brake, then what to say. */
static enum run_reaction
run_invite_refused(struct run *r, enum vault_invite_state state)
{
	char	*cause;

	if (run_code_wrong(r->vault->dir) != 0) {
		xasprintf(&cause, "%d wrong invitation codes: ending the "
		    "session", RUN_CODE_TRIES);
		return run_fail(r, EXIT_NOPERM, cause);
	}
	if (state == VAULT_INVITE_USED)
		return RUN_INVITE_USED;
	if (state == VAULT_INVITE_WITHDRAWN)
		return RUN_INVITE_WITHDRAWN;
	return RUN_INVITE_WRONG;
}

/* Go on from the invitation's draft, if it has one. Returns 0, or -1
 * with *status and *cause. */
static int
run_invite_draft(struct run *r, struct vault_draft *draft, int *status,
    char **cause)
{
	struct answers	*answers;
	struct buf	 b;
	uint32_t	 pos;
	int		 complete, err;

	buf_init(&b);
	if (vault_draft_load(draft, &b, &err, cause) != 0) {
		buf_clear(&b);
		if (err != VAULT_ERR_MISSING) {
			*status = cmd_vault_status(err);
			return -1;
		}
		free(*cause);
		*cause = NULL;
		r->state = RUN_ASK;
		run_start_at(r, 0);
		return 0;
	}
	answers = answers_decode(r->form, b.data, b.len, &complete, &pos,
	    cause);
	buf_clear(&b);
	if (answers == NULL) {
		*status = EXIT_DATAERR;
		return -1;
	}
	answers_free(r->answers);
	r->answers = answers;
	answers_set_lang(r->answers, r->lang);
	r->touched = 1;
	r->state = RUN_ASK;
	run_start_at(r, pos);
	return 0;
}

enum run_reaction
run_invite(struct run *r, const char *code)
{
	struct vault_invitation	*inv;
	struct vault_draft	*draft;
	enum vault_invite_state	 state;
	char			*cause = NULL, norm[VAULT_INVITE_SYMBOLS + 1];
	int			 err, status;

	if (r->state != RUN_INVITE)
		return RUN_INVITE_LATE;
	code += strspn(code, " \t");
	if (*code == '\0')
		return RUN_SHOW;
	inv = vault_invitation_check(r->vault, code, &state, &err, &cause);
	if (inv == NULL && err != VAULT_OK)
		return run_fail(r, cmd_vault_status(err), cause);
	if (state != VAULT_INVITE_UNUSED) {
		vault_invitation_free(inv);
		return run_invite_refused(r, state);
	}
	if ((draft = vault_invitation_take_draft(inv, &cause)) == NULL) {
		vault_invitation_free(inv);
		return run_fail(r, EXIT_IOERR, cause);
	}
	if (run_invite_draft(r, draft, &status, &cause) != 0) {
		vault_draft_free(draft);
		vault_invitation_free(inv);
		r->state = RUN_INVITE;
		return run_fail(r, status, cause);
	}
	vault_draft_free(r->draft);
	r->draft = draft;
	vault_invitation_free(r->invitation);
	r->invitation = inv;
	if (vault_invite_normalise(code, norm) == 0)
		vault_invite_format(norm, r->code);
	sodium_memzero(norm, sizeof norm);
	return RUN_SHOW;
}

enum run_reaction
run_invite_spent(struct run *r, char *cause)
{
	char	*why;

	/* Another session of this invitation submitted first: these
	 * answers stay a draft, which the code reopens but cannot submit. */
	if (run_save(r) != 0) {
		free(cause);
		return RUN_FAILED;
	}
	if (r->kiosk) {
		/* The kiosk goes on: the next participant, at the door. */
		free(cause);
		if (run_next_participant(r) == RUN_FAILED)
			return RUN_FAILED;
		return RUN_INVITE_USED;
	}
	xasprintf(&why, "%s: these answers are kept as a draft, which "
	    "cannot be submitted", cause);
	free(cause);
	r->touched = 0;		/* no command to resume them */
	return run_fail(r, 1, why);
}
