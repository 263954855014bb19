/* run-cmd.c: the commands of "consult run" as one table: what each does
 * to the session, looked up by op (the front ends' keys) or by the name
 * typed after a colon (plain mode, the curses ":" prompt). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "app/run.h"

static enum run_reaction run_cmd_back(struct run *, const char *);
static enum run_reaction run_cmd_save(struct run *, const char *);
static enum run_reaction run_cmd_lang(struct run *, const char *);
static enum run_reaction run_cmd_help(struct run *, const char *);
static enum run_reaction run_cmd_clear(struct run *, const char *);
static enum run_reaction run_cmd_quit(struct run *, const char *);
static enum run_reaction run_cmd_resume(struct run *, const char *);
static enum run_reaction run_cmd_invite(struct run *, const char *);

const struct run_command run_commands[] = {
	{ RUN_OP_BACK, "back", 0, run_cmd_back },
	{ RUN_OP_SAVE, "save", 0, run_cmd_save },
	{ RUN_OP_CLEAR, "clear", 0, run_cmd_clear },
	{ RUN_OP_RESUME, "resume", 0, run_cmd_resume },
	{ RUN_OP_INVITE, "invite", 0, run_cmd_invite },
	{ RUN_OP_LANG, "lang", 0, run_cmd_lang },
	{ RUN_OP_HELP, "help", 0, run_cmd_help },
	{ RUN_OP_ADD, "add", 0, run_cmd_add },
	{ RUN_OP_DELETE, "delete", 0, run_cmd_delete },
	{ RUN_OP_QUIT, "quit", 1, run_cmd_quit },
	{ 0, NULL, 0, NULL }
};

/* 1 if op waits for the invitation code (there are no answers yet). */
static int
run_cmd_waits(const struct run *r, enum run_op op)
{
	return r->state == RUN_INVITE && (op == RUN_OP_BACK ||
	    op == RUN_OP_SAVE || op == RUN_OP_CLEAR);
}

const struct run_command *
run_command_find(const struct run *r, const char *name, size_t len)
{
	const struct run_command	*c;

	for (c = run_commands; c->name != NULL; c++) {
		if (c->kiosk_only && !r->kiosk)
			continue;
		if (len != 0 && strlen(c->name) == len &&
		    strncasecmp(c->name, name, len) == 0)
			return c;
	}
	return NULL;
}

enum run_reaction
run_do(struct run *r, enum run_op op, const char *arg)
{
	const struct run_command	*c;

	for (c = run_commands; c->name != NULL; c++) {
		if (c->op == op)
			break;
	}
	if (c->name == NULL || (c->kiosk_only && !r->kiosk))
		return RUN_UNKNOWN;
	if (run_cmd_waits(r, op))
		return RUN_SHOW;
	return c->fn(r, arg != NULL ? arg : "");
}

enum run_reaction
run_command(struct run *r, const char *line)
{
	const struct run_command	*c;
	const char			*arg;
	size_t				 len;

	line += strspn(line, " \t");
	len = strcspn(line, " \t");
	arg = line + len;
	arg += strspn(arg, " \t");
	if (r->state == RUN_REVIEW && run_is_number(line))
		return run_input(r, line);
	if ((c = run_command_find(r, line, len)) == NULL)
		return RUN_UNKNOWN;
	if (run_cmd_waits(r, c->op))
		return RUN_SHOW;
	return c->fn(r, arg);
}

static enum run_reaction
run_cmd_back(struct run *r, const char *arg)
{
	const int	*page;
	int		 q, from;

	(void)arg;
	if (r->state == RUN_REVIEW || r->state == RUN_ADD) {
		q = run_prev_q(r, r->state == RUN_ADD ?
		    r->form->questions[r->repeat].end :
		    (int)r->form->nquestions - 1);
		if (q < 0)
			return RUN_FIRST;
		r->state = RUN_ASK;
		r->from_review = 1;
		r->current = q;
		return RUN_SHOW;
	}
	if (r->state != RUN_ASK)
		return RUN_FIRST;
	from = r->current;
	if (r->paged) {
		run_page(r, r->current, &page);
		from = page[0];
	}
	if ((q = run_prev_q(r, from - 1)) < 0)
		return RUN_FIRST;
	r->current = q;
	return RUN_SHOW;
}

static enum run_reaction
run_cmd_save(struct run *r, const char *arg)
{
	(void)arg;
	if (run_save(r) != 0)
		return RUN_FAILED;
	r->state = RUN_DONE;
	return RUN_SAVED;
}

static enum run_reaction
run_cmd_lang(struct run *r, const char *arg)
{
	int	 l;

	if (*arg == '\0')
		return RUN_LANGS;
	if ((l = form_find_lang(r->form, arg)) < 0)
		return RUN_NO_LANG;
	r->ui_locale = 0;	/* the participant's choice */
	run_set_lang(r, (size_t)l);
	return RUN_SHOW;
}

static enum run_reaction
run_cmd_help(struct run *r, const char *arg)
{
	(void)r;
	(void)arg;
	return RUN_HELP;
}

/* Remove the current answer (an empty line keeps it). */
static enum run_reaction
run_cmd_clear(struct run *r, const char *arg)
{
	enum answer_problem	 problem;
	char			*norm = NULL;

	(void)arg;
	if (r->state != RUN_ASK)
		return RUN_UNKNOWN;
	problem = answers_check(r->answers, r->current, "", &norm);
	wipe_free(norm);
	if (problem != ANSWER_OK) {
		r->problem = problem;
		r->problem_q = r->current;
		return RUN_PROBLEM;
	}
	answers_set(r->answers, r->current, NULL);
	r->touched = 1;
	if (run_save(r) != 0)
		return RUN_FAILED;
	return RUN_SHOW;
}

static enum run_reaction
run_cmd_quit(struct run *r, const char *arg)
{
	(void)arg;
	if (r->state != RUN_CONFIRM_QUIT)
		r->before_quit = r->state;
	r->state = RUN_CONFIRM_QUIT;
	return RUN_SHOW;
}

/* Go on with a draft: the way back for a participant who cannot give
 * --resume (an SSH forced command, a kiosk). Only before answering, so
 * that no answer given in this session is dropped. */
static enum run_reaction
run_cmd_resume(struct run *r, const char *arg)
{
	char	*cause = NULL;
	int	 status, rc;

	if (run_closed(r))
		return run_cmd_invite(r, arg);	/* the same code */
	if (r->touched || (r->state != RUN_ASK && r->state != RUN_REVIEW))
		return RUN_RESUME_LATE;
	if ((rc = run_resume(r, arg, &status, &cause)) == 0)
		return RUN_SHOW;
	if (status == EXIT_IOERR || rc == -2)
		return run_fail(r, status, cause);
	free(cause);
	return RUN_NO_DRAFT;
}

/* A closed vault's invitation code, before the first question. */
static enum run_reaction
run_cmd_invite(struct run *r, const char *arg)
{
	if (!run_closed(r))
		return RUN_UNKNOWN;
	return run_invite(r, arg);
}
