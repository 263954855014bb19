/* run.h: the engine of "consult run" that both front ends (plain and
 * curses) drive, and the front ends' own words. The engine holds the
 * session and decides what comes next; it never prints and never reads. */
#ifndef CONSULT_APP_RUN_H
#define CONSULT_APP_RUN_H

#include <signal.h>
#include <stdio.h>

#include "lib/lib.h"
#include "forms/lib.h"
#include "vault/lib.h"

/* ---- i18n.c: the front ends' own words, through GNU gettext ------------ */

/* The front ends' words; i18n.c holds their English msgids, the
 * catalogues po/LL.po their translations (text domain "consult"). */
enum i18n_msg {
	I18N_RESUME_CODE,
	I18N_HELP_HINT,
	I18N_DO_SELECT_ONE,
	I18N_DO_SELECT_MULTIPLE,
	I18N_DO_RANK,
	I18N_DO_INTEGER,
	I18N_DO_DECIMAL,
	I18N_DO_DATE,
	I18N_DO_TEXT,
	I18N_DO_MULTILINE,
	I18N_DO_ACKNOWLEDGE,
	I18N_DO_NOTE,
	I18N_DO_TIME,
	I18N_DO_DATETIME,
	I18N_DO_MONTH_YEAR,
	I18N_DO_YEAR,
	I18N_DO_RANGE,
	I18N_READONLY,
	I18N_SKIP,
	I18N_KEEP,
	I18N_CURRENT,
	I18N_SCALE,
	I18N_TOO_LONG,
	I18N_REQUIRED,
	I18N_REVIEW,
	I18N_NO_ANSWER,
	I18N_REVIEW_JUMP,
	I18N_SUBMIT,
	I18N_NOT_SUBMITTED,
	I18N_THANKS,
	I18N_SAVED,
	I18N_UNKNOWN_COMMAND,
	I18N_LANGUAGES,
	I18N_NO_LANGUAGE,
	I18N_FIRST_QUESTION,
	I18N_NO_QUESTION,
	I18N_QUIT_CONFIRM,
	I18N_NEXT_PARTICIPANT,
	I18N_NO_DRAFT,
	I18N_RESUME_LATE,
	I18N_HELP,
	I18N_KEYS,
	I18N_KEYS_SAVED,
	I18N_KEY_ENTER,
	I18N_KEY_BKSP,
	I18N_KEY_SPACE,
	I18N_KEY_PGUP,
	I18N_KEY_ESC,
	I18N_KEY_UP,
	I18N_KEY_DOWN,
	I18N_KEY_LEFT,
	I18N_KEY_RIGHT,
	I18N_KEY_CHOICES,
	I18N_BAR_NEXT,
	I18N_BAR_DONE,
	I18N_BAR_NEWLINE,
	I18N_BAR_BACK,
	I18N_BAR_PICK,
	I18N_BAR_RANK_UP,
	I18N_BAR_RANK_DOWN,
	I18N_BAR_CHANGE,
	I18N_BAR_CHOOSE,
	I18N_BAR_SUBMIT,
	I18N_BAR_CANCEL,
	I18N_BAR_LANGS,
	I18N_BAR_SAVE,
	I18N_BAR_HELP,
	I18N_BAR_PROMPT,
	I18N_OP_NEXT,
	I18N_OP_DONE,
	I18N_OP_NEWLINE,
	I18N_OP_BACK,
	I18N_OP_PICK,
	I18N_OP_CHOICE,
	I18N_OP_UP,
	I18N_OP_DOWN,
	I18N_OP_LEFT,
	I18N_OP_RIGHT,
	I18N_OP_RANK_UP,
	I18N_OP_RANK_DOWN,
	I18N_OP_CHANGE,
	I18N_OP_CHOOSE,
	I18N_OP_SUBMIT,
	I18N_OP_CANCEL,
	I18N_OP_LANGS,
	I18N_OP_SAVE,
	I18N_OP_QUIT,
	I18N_OP_PROMPT,
	I18N_OP_REDRAW,
	I18N_OP_HELP,
	I18N_TOO_SMALL,
	I18N_SUBMIT_ITEM,
	I18N_PRESS_KEY,
	I18N_YES_WORDS,
	I18N_NO_WORDS,
	I18N_TOO_LARGE,
	I18N_PENDING_KEY,
	I18N_INVITE_ASK,
	I18N_INVITE_WRONG,
	I18N_INVITE_USED,
	I18N_INVITE_WITHDRAWN,
	I18N_INVITE_RESUME,
	I18N_INVITE_LATE,
	I18N_HELP_INVITE,
	I18N_ADD_ANOTHER,
	I18N_ADD_FIRST,
	I18N_INSTANCE,
	I18N_DELETED,
	I18N_NOT_IN_REPEAT,
	I18N_CANNOT_ADD,
	I18N_HELP_REPEAT,
	I18N_NMSGS
};

/* Bind the text domain (the tests' $CONSULT_LOCALEDIR, else LOCALEDIR),
 * make LC_MESSAGES a locale that lets gettext read LANGUAGE, and note the
 * locale's languages. Call once, after setlocale(LC_ALL, ""). */
void		 i18n_init(void);
/* The languages the locale asks for, as a LANGUAGE-style list ("fr_FR",
 * "es:fr"), or NULL when it names none (unset, C, POSIX, C.UTF-8).
 * Borrowed, static. */
const char	*i18n_locale(void);
/* Speak the locale's languages (English when it names none). */
void		 i18n_use_locale(void);
/* Speak the language of a form language's code ("fr", "es-MX") or, with
 * no code, whole name ("Français"); English when no catalogue has it. */
void		 i18n_use(const char *code, const char *name);
/* A front-end word in the language spoken now. Borrowed, static. */
const char	*i18n(enum i18n_msg);
/* Append a front-end word with each "{}" replaced by arg. */
void		 i18n_format(struct buf *, enum i18n_msg, const char *arg);
/* 1 if word (any case) is one of the yes words of the language spoken
 * now (the catalogue's I18N_YES_WORDS: "y yes ok", "o oui"...). */
int		 i18n_yes(const char *);
/* 1 if word is one of the language's no words (I18N_NO_WORDS). */
int		 i18n_no(const char *);
/* 1 if the character typed alone is a yes word ("y", "o", "s"). */
int		 i18n_yes_key(int c);

/* ---- run.c: the session ------------------------------------------------ */

/* What the participant is looking at. */
enum run_state {
	RUN_ASK,		/* a question (run_current) */
	RUN_REVIEW,		/* the review, then "Submit?" */
	RUN_CONFIRM_QUIT,	/* kiosk: the facilitator's confirmation */
	RUN_ADD,		/* "Add another <repeat>?" (run->repeat) */
	RUN_DONE,		/* submitted (not in kiosk mode) or left */
	RUN_INVITE,		/* a closed vault: the invitation code */
};

/* What a front end does after an input or a command: each shows the
 * current state afterwards unless said otherwise. */
enum run_reaction {
	RUN_SHOW,		/* show the current question or review */
	RUN_PROBLEM,		/* say run_problem_text, ask again */
	RUN_HELP,		/* show the help, ask again */
	RUN_LANGS,		/* list the languages, ask again */
	RUN_NO_LANG,		/* no such language, ask again */
	RUN_FIRST,		/* already at the first question */
	RUN_NO_ITEM,		/* no such review number */
	RUN_NOT_SUBMITTED,	/* "n" at Submit?: stay at the review */
	RUN_UNKNOWN,		/* unknown command */
	RUN_NO_DRAFT,		/* :resume: no draft for this code */
	RUN_RESUME_LATE,	/* :resume after answering */
	RUN_SAVED,		/* left with a draft: say the resume code */
	RUN_SUBMITTED,		/* say the receipt (kiosk: then next one) */
	RUN_QUIT,		/* kiosk ended by the facilitator */
	RUN_FAILED,		/* r->error says why; exit */
	RUN_INVITE_WRONG,	/* no invitation has this code */
	RUN_INVITE_USED,	/* its response is in */
	RUN_INVITE_WITHDRAWN,
	RUN_INVITE_LATE,	/* :invite once the session has one */
	RUN_DELETED,		/* :delete: the instance is gone */
	RUN_NOT_IN_REPEAT,	/* :add, :delete outside a repeat */
	RUN_CANNOT_ADD,		/* :add to a repeat the form sizes */
};

/* How a session starts. */
struct run_options {
	const char	*vault;		/* the vault directory */
	const char	*lang;		/* --lang, or NULL */
	const char	*env_lang;	/* i18n_locale(), or NULL */
	const char	*resume;	/* --resume code, or NULL */
	const char	*invite;	/* --invite code, or NULL */
	int		 kiosk;
};

/* One participant's session. Front ends read it (through const
 * pointers where they can); only run*.c changes it. */
struct run {
	struct vault		*vault;		/* its form, drafts */
	struct vault_writer	*writer;	/* opened at the first submit */
	const struct form	*form;		/* borrowed from the vault */
	struct answers		*answers;
	struct vault_draft	*draft;
	char			 code[VAULT_INVITE_LEN];	/* resume code
						   (closed: the invitation's) */
	struct vault_invitation	*invitation;	/* closed vault: given */
	char			 receipt[VAULT_RECEIPT_LEN]; /* last one */
	int			 kiosk;

	size_t			 lang;		/* index in form->langs */
	size_t			 start_lang;	/* kiosk: for each participant */
	int			 ui_locale;	/* no choice yet: the front
						   end speaks the locale's */
	int			 ui_locale_start; /* kiosk: for each one */
	enum run_state		 state;
	enum run_state		 before_quit;
	int			 current;	/* RUN_ASK: the question */
	int			 repeat;	/* RUN_ADD: its begin_repeat */
	int			 from_review;	/* answering returns there */
	int			 touched;	/* an answer was given */

	enum answer_problem	 problem;	/* of the last refusal */
	int			 problem_q;
	char			*problem_value;	/* refused by the constraint;
						   wipe_free */

	int			 paged;		/* the front end shows a
						   field-list group at once */
	int			*choices;	/* run_choices */
	int			*review;	/* run_review */
	int			*page;		/* run_page */
	struct run_place	*review_at;	/* run_review's instances */
	char			*section;	/* run_section's text */
	struct run_texts	*texts;		/* run-text.c */
	char			*error;		/* RUN_FAILED: why */
	int			 error_status;	/* and the exit status */
};

/* The commands a participant can give: ":back" in plain mode, a key or
 * the ":" prompt in curses. Front ends call them by op (run_do). */
enum run_op {
	RUN_OP_BACK,		/* the question before */
	RUN_OP_SAVE,		/* save the draft and leave */
	RUN_OP_LANG,		/* arg: a language; "" lists them */
	RUN_OP_HELP,
	RUN_OP_CLEAR,		/* remove the current answer */
	RUN_OP_RESUME,		/* arg: a resume code */
	RUN_OP_QUIT,		/* kiosk: the facilitator ends it */
	RUN_OP_INVITE,		/* arg: an invitation code */
	RUN_OP_ADD,		/* a new instance of the repeat around */
	RUN_OP_DELETE,		/* delete this instance */
};

struct run_command {
	enum run_op	 op;
	const char	*name;		/* as typed after the colon */
	int		 kiosk_only;
	enum run_reaction (*fn)(struct run *, const char *arg);
};
/* The commands, in the order the help lists them; NULL name ends it. */
extern const struct run_command run_commands[];

/* ---- run-codes.c: wrong resume codes ----------------------------------- */

#define RUN_CODE_TRIES		5	/* wrong codes a process takes */
#define RUN_CODE_DELAY_MS	1000	/* after the first; doubles */

/* Count a wrong resume code given for vault: log it (LOG_AUTHPRIV,
 * without the code), then wait 1, 2, 4, 8 s after the 1st to 4th.
 * Returns 0, or -1 at the RUN_CODE_TRIES-th: the process must end. */
int		 run_code_wrong(const char *vault);

/* ---- run-invite.c: closed vaults --------------------------------------- */

/* Take an invitation code (RUN_INVITE): one Argon2id; a wrong, used or
 * withdrawn code counts as a wrong code (run_code_wrong) and says so;
 * the 5th ends the session (RUN_FAILED, exit 77). An unused one opens
 * its draft if it has one (the code is the resume code) and goes to the
 * first question or where the draft was left. */
enum run_reaction run_invite(struct run *, const char *code);
/* A participant starts at the invitation code: no draft yet. */
void		 run_invite_start(struct run *);
/* Before a submission: the writer consumes the session's invitation. */
void		 run_invite_writer(struct run *);
/* At submission: the invitation was used meanwhile (cause taken):
 * keep the answers as a draft and end the session (exit 1); a kiosk
 * says so (RUN_INVITE_USED) and goes on to the next participant. */
enum run_reaction run_invite_spent(struct run *, char *cause);
/* 1 if the vault is closed. */
int		 run_closed(const struct run *);

/* ---- run.c: opening ---------------------------------------------------- */

/* Open the vault and start (or resume) a session. Returns NULL with
 * *cause (caller frees) and *status the exit status on failure. */
struct run	*run_create(const struct run_options *, int *status,
		     char **cause);
/* Wipe the answers and free. The draft stays on disk. */
void		 run_free(struct run *);

/* Progress: *n is the current question's place among the *m questions
 * to show now (1-based; at the review *n = *m). */
void		 run_progress(const struct run *, int *n, int *m);
/* Label of the innermost group around q in the current language, with
 * the instance of a repeat: "Proposal 2 of 3"; or NULL. Borrowed until
 * the next call. */
const char	*run_section(struct run *, int q);
/* The problem of the last refused answer, as text in the language. */
const char	*run_problem_text(const struct run *);

/* Choices of q to show (after choice_filter and randomize): returns the
 * count and sets *idx (borrowed until the next run_choices). *by_name
 * is 1 when every shown name is a number (a scale): the names are the
 * keys that pick them; else the keys are the positions from 1. */
size_t		 run_choices(struct run *, int q, const int **idx,
		     int *by_name);
/* 1 if s is a non-empty string of ASCII digits. */
int		 run_is_number(const char *);
/* Turn text typed for a choice question into choice names: each token
 * (spaces or commas between) is a key (see run_choices) or a name.
 * Caller frees with wipe_free. */
char		*run_choice_value(struct run *, int q, const char *text);
/* Append the current answer of q as the participant reads it (choice
 * labels in the language, rank in order). Nothing when unanswered. */
void		 run_answer_text(struct run *, int q, struct buf *);

/* ---- run-text.c: the form's texts with ${name} piped ------------------ */

/* s (a text of the form) with each ${name} replaced by that answer as
 * the participant reads it in the question asked (answers_get_at); s
 * itself when it has none. Borrowed until the answers change and the
 * same text is asked for again. */
const char	*run_pipe(const struct run *, const char *s);
/* run_pipe in question q's text, as if q's answer were value (NULL:
 * q's own). */
const char	*run_pipe_with(const struct run *, const char *s, int q,
		     const char *value);
/* form_text in the session's language, piped. */
const char	*run_text(const struct run *, char *const *texts);
/* form_label of question q in the session's language, piped. */
const char	*run_label(const struct run *, int q);
/* An empty table of piped texts for run->texts. */
struct run_texts *run_texts_create(void);
/* Wipe and forget every piped text (a new participant, the end). */
void		 run_texts_clear(struct run *);

/* Give text as the answer to the current question (plain mode): choice
 * keys or names separated by spaces, a value, yes words for acknowledge;
 * "" to skip (or keep the current answer). At the review: a number
 * jumps, yes submits, no stays. At RUN_CONFIRM_QUIT: yes quits. */
enum run_reaction run_input(struct run *, const char *text);
/* The one way to give answers: values[i], as stored (choice names, "OK",
 * "" for none), for the questions qs[i]: the current question alone (a
 * page of one) or its page as run_page gave it, in a copy. Each is
 * checked and stored in order; the first refused one becomes the current
 * question (RUN_PROBLEM). When the answers change which questions the
 * page holds, the page is shown again; else the engine goes on after it.
 * Once the session holds an answer, every call saves the draft,
 * positioned at what comes next. */
enum run_reaction run_answer(struct run *, const int *qs,
		     char *const *values, size_t n);
/* At the review: go to its k-th item (from 0) to change it. */
enum run_reaction run_jump(struct run *, size_t k);
/* At the review: submit (after checking every answer again). */
enum run_reaction run_submit(struct run *);
/* Do a command; arg is "" when it takes none. */
enum run_reaction run_do(struct run *, enum run_op, const char *arg);
/* The command this session takes under name (len bytes, any case), or
 * NULL. */
const struct run_command *run_command_find(const struct run *,
		     const char *name, size_t len);
/* Run a command line typed without its colon ("lang fr", "back"; at the
 * review a number jumps). */
enum run_reaction run_command(struct run *, const char *line);
/* The review items: questions to list, in order. Returns the count;
 * *qs is borrowed until the next change. */
size_t		 run_review(struct run *, const int **qs);
/* Kiosk: wipe everything of the participant and start the next. */
enum run_reaction run_next_participant(struct run *);
/* Save the draft now (signals, end of input). Returns 0 or -1. */
int		 run_save(struct run *);
/* The questions shown with q: when paged, the relevant questions of the
 * field-list group around q (the outermost one); else q alone. Returns
 * the count; *qs is borrowed until the next call. */
size_t		 run_page(struct run *, int q, const int **qs);
/* 1 if q needs an answer now. */
int		 run_required(struct run *, int q);
/* The front end shows a field-list group at once (curses). */
void		 run_set_paged(struct run *, int);

/* run*.c only. */
void		 run_set_lang(struct run *, size_t lang);
/* Reopen the draft under a resume code in place of the session's (kept
 * when it fails). Returns 0, or -1 with *status and *cause. */
int		 run_resume(struct run *, const char *code, int *status,
		     char **cause);
enum run_reaction run_fail(struct run *, int status, char *cause);
/* Go to the review if every answer holds, else to the first that does
 * not (RUN_PROBLEM). */
enum run_reaction run_enter_review(struct run *);

/* ---- run-repeat.c: moving through the instances of repeats ------------- */

#define RUN_NEST	8	/* repeats in repeats the review follows */

/* Where a review item is: its question and the instance (from 0) of
 * each repeat around it, outermost first. */
struct run_place {
	int		 q;
	unsigned short	 path[RUN_NEST];
};

/* The first question to ask at or after q, entering repeats at their
 * first instance and going through each instance in turn; -1 at the end
 * (the review), -2 when the participant is to say whether to add an
 * instance (state RUN_ADD, run->repeat set). */
int		 run_next_q(struct run *, int q);
/* run.c: ask what comes at or after question pos (a repeat at the
 * instance the answers hold, "Add another?" after its last one), or show
 * the review. */
void		 run_start_at(struct run *, uint32_t pos);
/* The question to go back to at or before q, through the instances
 * backwards; -1 when none. */
int		 run_prev_q(struct run *, int q);
/* RUN_ADD: yes adds an instance and asks its first question, no (or
 * Enter) goes on after the repeat. */
enum run_reaction run_add_input(struct run *, const char *text);
/* The question of the review item k, its instances selected so that
 * answers and sections are those of the item. */
void		 run_review_select(struct run *, size_t k);
/* The instances around the review items: fills r->review_at for the
 * items of run_review. */
void		 run_review_places(struct run *, const int *qs, size_t n);
/* The innermost repeat around q (or q itself, a begin_repeat), -1. */
int		 run_repeat_of(const struct run *, int q);
/* The form has a repeat the participant sizes (:add, :delete apply). */
int		 run_has_repeats(const struct run *);
/* Append "Proposal 2 of 3": repeat rep's label, instance k of n. */
void		 run_instance_text(struct run *, int rep, const char *k,
		     const char *n, struct buf *);
enum run_reaction run_cmd_add(struct run *, const char *);
enum run_reaction run_cmd_delete(struct run *, const char *);

/* ---- the front ends ---------------------------------------------------- */

/* Set by cmd-run.c's handler of SIGHUP, SIGTERM (and SIGINT outside
 * kiosk mode): the front end saves the draft and leaves. */
extern volatile sig_atomic_t run_signalled;

/* The bytes in a one-line answer and in a text of several lines that
 * the front ends take. */
#define RUN_LINE_MAX	65536
#define RUN_TEXT_MAX	(1024 * 1024)

/* cmd-run.c: leave without submitting (end of input, a signal): keep the
 * draft and say so, with the command that resumes it, on stderr (nothing
 * when a kiosk participant gave no answer yet). Returns the exit status. */
int		 run_leave(struct run *, const char *why);
/* cmd-run.c: after RUN_FAILED (the screen gone): say r->error and, when
 * answers were saved, the command that resumes them. Returns the exit
 * status. */
int		 run_say_failure(struct run *);
/* cmd-run.c: append the command that resumes this session's draft:
 * "consult run VAULT --resume CODE", the vault quoted for a shell. */
void		 run_resume_command(const struct run *, struct buf *);
/* cmd-run.c: append the receipt line of the last submission: "Receipt:
 * " and the receipt, in every language (SPEC.md: scripts read it). */
void		 run_receipt_line(const struct run *, struct buf *);
/* tui.c: run the session on the curses screen. Returns the exit
 * status, or -1 when the terminal cannot be used (then nothing was
 * drawn and plain mode can take over). */
int		 tui_main(struct run *);
/* plain.c: run the session line by line, reading fd in and writing out.
 * Returns the exit status. */
int		 plain_main(struct run *, int in, FILE *out);

#endif
