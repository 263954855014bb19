/* run.c: the engine of "consult run": one participant's session (form,
 * answers, the question asked, language, review, draft, submission) and
 * the commands; both front ends drive it and neither repeats its rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/app.h"
#include "app/run.h"
#include "vault/lib.h"

/* Record a failure; returns RUN_FAILED. cause is taken. */
enum run_reaction
run_fail(struct run *r, int status, char *cause)
{
	free(r->error);
	r->error = cause;
	r->error_status = status;
	r->state = RUN_DONE;
	return RUN_FAILED;
}

/* Save the answers as the draft, positioned at the current question. */
int
run_save(struct run *r)
{
	struct buf	 b;
	uint32_t	 pos;
	char		*cause = NULL;
	int		 rc;

	if (r->draft == NULL)
		return 0;	/* a closed vault, before the code */
	pos = r->state == RUN_ADD ? (uint32_t)r->form->questions[
	    r->repeat].end : r->current >= 0 ? (uint32_t)r->current :
	    (uint32_t)r->form->nquestions;
	buf_init(&b);
	answers_encode(r->answers, 0, pos, &b);
	rc = vault_draft_save(r->draft, b.data, b.len, &cause);
	buf_clear(&b);
	if (rc != 0)
		run_fail(r, EXIT_IOERR, cause);
	return rc;
}

/* Pick the form language: --lang, else the first of the locale's
 * languages (o->env_lang, "fr_FR:es") the form has, else the form's
 * default. Returns -1 when --lang names none. */
static int
run_pick_lang(struct run *r, const struct run_options *o)
{
	const char	*p, *end;
	char		 code[16];
	size_t		 n;
	int		 l = -1;

	if (o->lang != NULL)
		return form_find_lang(r->form, o->lang);
	for (p = o->env_lang; p != NULL && *p != '\0' && l < 0;
	    p = *end == ':' ? end + 1 : end) {
		end = p + strcspn(p, ":");
		n = strcspn(p, "_.@:");
		if (n > 0 && n < sizeof code) {
			memcpy(code, p, n);
			code[n] = '\0';
			l = form_find_lang(r->form, code);
		}
	}
	return l >= 0 ? l : (int)r->form->default_lang;
}

/* Show the form in language lang. The front end speaks it too, or the
 * locale's languages while r->ui_locale says no choice was made. */
void
run_set_lang(struct run *r, size_t lang)
{
	const struct lang	*l = &r->form->langs[lang];

	r->lang = lang;
	if (r->answers != NULL)
		answers_set_lang(r->answers, lang);
	if (r->ui_locale)
		i18n_use_locale();
	else
		i18n_use(l->code, l->name);
}

void
run_start_at(struct run *r, uint32_t pos)
{
	r->current = pos >= r->form->nquestions ? -1 :
	    run_next_q(r, (int)pos);
	if (r->current == -1) {
		r->state = RUN_REVIEW;
	}
}

/* A fresh participant: new answers, new draft and resume code. */
static int
run_start(struct run *r, char **cause)
{
	uint64_t	 seed;

	randombytes_buf(&seed, sizeof seed);
	r->answers = answers_create(r->form, seed, NULL);
	answers_set_lang(r->answers, r->lang);
	if (run_closed(r)) {
		run_invite_start(r);
		return 0;
	}
	r->draft = vault_draft_create(r->vault, r->code, cause);
	if (r->draft == NULL)
		return -1;
	r->touched = 0;
	r->from_review = 0;
	r->state = RUN_ASK;
	run_start_at(r, 0);
	return 0;
}

/* Reopen the draft under a resume code in place of the session's
 * draft and answers, which are kept when it fails. A code that opens no
 * draft is a wrong secret, like a wrong passphrase: exit 77. */
int
run_resume(struct run *r, const char *code, int *status, char **cause)
{
	struct vault_draft	*draft;
	struct answers		*answers;
	struct buf		 b;
	uint32_t		 pos;
	char			 norm[VAULT_CODE_SYMBOLS + 1];
	int			 complete, err;

	buf_init(&b);
	draft = vault_draft_resume(r->vault, code, &b, &err, cause);
	if (draft == NULL) {
		*status = err == VAULT_ERR_MISSING ? EXIT_NOPERM :
		    cmd_vault_status(err);
		if (err == VAULT_ERR_MISSING &&
		    run_code_wrong(r->vault->dir) != 0) {
			free(*cause);
			xasprintf(cause, "%d wrong resume codes: ending the "
			    "session", RUN_CODE_TRIES);
			return -2;
		}
		return -1;
	}
	answers = answers_decode(r->form, b.data, b.len, &complete, &pos,
	    cause);
	buf_clear(&b);
	if (answers == NULL) {
		vault_draft_free(draft);
		*status = EXIT_DATAERR;
		return -1;
	}
	answers_free(r->answers);
	vault_draft_free(r->draft);
	r->answers = answers;
	answers_set_lang(r->answers, r->lang);
	r->draft = draft;
	if (vault_code_normalise(code, norm) == 0)
		snprintf(r->code, sizeof r->code, "%.5s-%.5s-%.5s", norm,
		    norm + 5, norm + 10);
	sodium_memzero(norm, sizeof norm);
	r->touched = 1;
	r->from_review = 0;
	r->state = RUN_ASK;
	run_start_at(r, pos);
	return 0;
}

/* Open the vault, refusing one that holds simulated responses. */
static int
run_open_vault(struct run *r, const char *dir, int *status, char **cause)
{
	int	 err;

	if ((r->vault = vault_open(dir, &err, cause)) == NULL) {
		*status = cmd_vault_status(err);
		return -1;
	}
	if (vault_is_simulated(r->vault)) {
		xasprintf(cause, "%s holds simulated responses; collect real "
		    "ones in a vault of their own (consult init)", dir);
		*status = EXIT_DATAERR;
		return -1;
	}
	/* Say it now, not after the participant's first answer. */
	if (vault_collect_check(r->vault, &err, cause) != 0) {
		*status = cmd_vault_status(err);
		return -1;
	}
	r->form = r->vault->form;
	return 0;
}

/* A closed vault given a code on the command line (--invite, or
 * --resume: the same code). */
static int
run_create_invited(struct run *r, const char *code, int *status,
    char **cause)
{
	switch (code == NULL ? RUN_SHOW : run_invite(r, code)) {
	case RUN_SHOW:
		return 0;
	case RUN_FAILED:
		*status = r->error_status;
		*cause = r->error;
		r->error = NULL;
		return -1;
	case RUN_INVITE_USED:
		*status = 1;
		xasprintf(cause, "this invitation has already been used");
		return -1;
	case RUN_INVITE_WITHDRAWN:
		*status = 1;
		xasprintf(cause, "this invitation has been withdrawn");
		return -1;
	default:
		*status = EXIT_NOPERM;
		xasprintf(cause, "no invitation has this code");
		return -1;
	}
}

struct run *
run_create(const struct run_options *o, int *status, char **cause)
{
	struct run	*r;
	int		 l;

	r = xcalloc(1, sizeof *r);
	r->texts = run_texts_create();
	r->kiosk = o->kiosk;
	if (vault_harden(cause) != 0) {
		*status = 1;
		goto fail;
	}
	if (run_open_vault(r, o->vault, status, cause) != 0)
		goto fail;
	if ((l = run_pick_lang(r, o)) < 0) {
		xasprintf(cause, "the form has no language '%s'", o->lang);
		*status = EXIT_USAGE;
		goto fail;
	}
	r->ui_locale = o->lang == NULL && o->env_lang != NULL;
	r->ui_locale_start = r->ui_locale;
	run_set_lang(r, (size_t)l);
	r->start_lang = r->lang;
	if (o->invite != NULL && !run_closed(r)) {
		xasprintf(cause, "%s has no invitations: it takes no "
		    "invitation code", o->vault);
		*status = 1;
		goto fail;
	}
	if (run_closed(r)) {
		if (run_start(r, cause) != 0 || run_create_invited(r,
		    o->invite != NULL ? o->invite : o->resume, status,
		    cause) != 0)
			goto fail;
	} else if (o->resume != NULL) {
		if (run_resume(r, o->resume, status, cause) != 0)
			goto fail;
	} else if (run_start(r, cause) != 0) {
		*status = EXIT_IOERR;
		goto fail;
	}
	return r;
fail:
	run_free(r);
	return NULL;
}

void
run_free(struct run *r)
{
	char	*cause = NULL;

	if (r == NULL)
		return;
	/* A session that cannot write its end record reads as one cut
	 * short (export notes it); its responses are all there. */
	if (r->writer != NULL && vault_writer_close(r->writer, &cause) != 0)
		free(cause);
	run_texts_clear(r);
	free(r->texts);
	wipe_free(r->problem_value);
	answers_free(r->answers);
	vault_draft_free(r->draft);
	vault_writer_free(r->writer);
	vault_invitation_free(r->invitation);
	vault_free(r->vault);
	sodium_memzero(r->code, sizeof r->code);
	free(r->choices);
	free(r->review);
	free(r->page);
	free(r->review_at);
	free(r->section);
	free(r->error);
	free(r);
}

enum run_reaction
run_enter_review(struct run *r)
{
	enum answer_problem	 problem;
	int			 q;

	if ((q = answers_validate_all(r->answers, &problem)) >= 0) {
		r->state = RUN_ASK;
		r->current = q;
		r->from_review = 1;
		r->problem = problem;
		r->problem_q = q;
		wipe_free(r->problem_value);
		r->problem_value = NULL;
		return RUN_PROBLEM;
	}
	r->state = RUN_REVIEW;
	r->current = -1;
	return RUN_SHOW;
}

/* After an answer: the next question, or back to the review. */
static enum run_reaction
run_advance(struct run *r)
{
	int	 q;

	if (!r->from_review &&
	    (q = run_next_q(r, r->current + 1)) != -1) {
		if (q >= 0)
			r->current = q;
		return RUN_SHOW;
	}
	return run_enter_review(r);
}

/* The value to check for text typed at question q. Caller wipe_frees. */
static char *
run_value(struct run *r, int q, const char *text)
{
	const struct question	*qu = &r->form->questions[q];
	const char		*current;

	current = answers_get(r->answers, q);
	if (*text == '\0')
		return xstrdup(current);	/* keep, or skip if none */
	if (question_has_choices(qu))
		return run_choice_value(r, q, text);
	if (qu->type == QUESTION_ACKNOWLEDGE && i18n_yes(text))
		return xstrdup("OK");
	return xstrdup(text);
}

/* Store the checked answers of a page in order; the first refused one
 * becomes the current question. Returns -1 then, else 0. */
static int
run_store_page(struct run *r, const int *qs, char *const *values, size_t n)
{
	enum answer_problem	 problem;
	char			*norm;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (!question_stores(&r->form->questions[qs[i]]) ||
		    !answers_relevant(r->answers, qs[i]))
			continue;
		norm = NULL;
		problem = answers_check(r->answers, qs[i], values[i], &norm);
		if (problem != ANSWER_OK) {
			wipe_free(norm);
			r->current = qs[i];
			r->problem = problem;
			r->problem_q = qs[i];
			wipe_free(r->problem_value);
			r->problem_value = problem == ANSWER_CONSTRAINT ?
			    xstrdup(values[i]) : NULL;
			return -1;
		}
		answers_set(r->answers, qs[i], norm);
		wipe_free(norm);
		r->touched = 1;
	}
	return 0;
}

enum run_reaction
run_answer(struct run *r, const int *qs, char *const *values, size_t n)
{
	enum run_reaction	 re = RUN_SHOW;
	const int		*now;
	size_t			 m;

	if (r->state != RUN_ASK || n == 0)
		return RUN_SHOW;
	if (run_store_page(r, qs, values, n) != 0)
		re = RUN_PROBLEM;
	else if ((m = run_page(r, qs[0], &now)) != n ||
	    memcmp(now, qs, n * sizeof *qs) != 0)
		r->current = now[0];	/* the answers changed the page */
	else {
		r->current = qs[n - 1];
		re = run_advance(r);
	}
	if (r->touched && run_save(r) != 0)
		return RUN_FAILED;
	return re;
}

enum run_reaction
run_submit(struct run *r)
{
	enum run_reaction	 re;
	struct buf		 b;
	char			*cause = NULL;
	int			 rc, err;

	if ((re = run_enter_review(r)) != RUN_SHOW)
		return re;
	if (r->writer == NULL &&
	    (r->writer = vault_writer_open(r->vault->dir, &err,
	    &cause)) == NULL)
		return run_fail(r, cmd_vault_status(err), cause);
	buf_init(&b);
	answers_stamp(r->answers, QUESTION_END);
	answers_encode(r->answers, 1, (uint32_t)r->form->nquestions, &b);
	run_invite_writer(r);
	rc = vault_submit(r->writer, b.data, b.len, NULL, r->draft,
	    r->receipt, &cause);
	vault_writer_set_invitation(r->writer, NULL);
	buf_clear(&b);
	if (rc == -2)
		return run_invite_spent(r, cause);
	if (rc != 0)
		return run_fail(r, EXIT_IOERR, cause);
	r->state = r->kiosk ? RUN_REVIEW : RUN_DONE;
	return RUN_SUBMITTED;
}

/* At the review: a number jumps to that answer, yes submits. */
static enum run_reaction
run_review_input(struct run *r, const char *text)
{
	size_t	 k;

	if (i18n_yes(text))
		return run_submit(r);
	if (*text == '\0' || i18n_no(text))
		return RUN_NOT_SUBMITTED;
	k = run_is_number(text) ? strtoul(text, NULL, 10) : 0;
	return k < 1 ? RUN_NO_ITEM : run_jump(r, k - 1);
}

enum run_reaction
run_jump(struct run *r, size_t k)
{
	const int	*qs;

	if (r->state != RUN_REVIEW || k >= run_review(r, &qs))
		return RUN_NO_ITEM;
	run_review_select(r, k);
	r->state = RUN_ASK;
	r->current = qs[k];
	r->from_review = 1;
	return RUN_SHOW;
}

enum run_reaction
run_input(struct run *r, const char *text)
{
	enum run_reaction	 re;
	char			*value;
	int			 q;

	switch (r->state) {
	case RUN_ASK:
		q = r->current;
		value = run_value(r, q, text);
		re = run_answer(r, &q, &value, 1);
		wipe_free(value);
		return re;
	case RUN_REVIEW:
		return run_review_input(r, text);
	case RUN_INVITE:
		return run_invite(r, text);
	case RUN_ADD:
		re = run_add_input(r, text);
		if (r->touched && re != RUN_FAILED && run_save(r) != 0)
			return RUN_FAILED;
		return re;
	case RUN_CONFIRM_QUIT:
		if (i18n_yes(text)) {
			r->state = RUN_DONE;
			return RUN_QUIT;
		}
		r->state = r->before_quit;
		return RUN_SHOW;
	case RUN_DONE:
		break;
	}
	return RUN_SHOW;
}

enum run_reaction
run_next_participant(struct run *r)
{
	char	*cause = NULL;

	run_texts_clear(r);
	wipe_free(r->problem_value);
	r->problem_value = NULL;
	answers_free(r->answers);
	r->answers = NULL;
	vault_draft_free(r->draft);
	r->draft = NULL;
	vault_invitation_free(r->invitation);
	r->invitation = NULL;
	sodium_memzero(r->code, sizeof r->code);
	memset(r->receipt, 0, sizeof r->receipt);
	if (run_start(r, &cause) != 0)
		return run_fail(r, EXIT_IOERR, cause);
	r->ui_locale = r->ui_locale_start;
	run_set_lang(r, r->start_lang);
	return RUN_SHOW;
}

void
run_set_paged(struct run *r, int paged)
{
	r->paged = paged;
}
