/* test-run.c: tests for app/run.c, app/run-cmd.c and app/run-show.c: the
 * engine of "consult run" driven through a recording front end, with no
 * terminal: every command by op and by name, every reaction, answers one
 * by one and as a page, the review, drafts and resume, the language
 * switch (the front end's words from the catalogues), the kiosk hand-off,
 * and the choice keys. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "app/run.h"

/* cmd-run.c defines it for the program; the engine's brake on wrong
 * resume codes (run-codes.c) reads it. */
volatile sig_atomic_t run_signalled;

/* A front end that only records: each reaction, with the question (or
 * state) the engine is at afterwards, as "REACTION@name " in log. */
struct rec {
	struct run	*r;
	struct buf	 log;
	char		 dir[64];
	char		 vault[96];
};

static const char *const rec_names[] = {
	[RUN_SHOW] = "SHOW", [RUN_PROBLEM] = "PROBLEM", [RUN_HELP] = "HELP",
	[RUN_LANGS] = "LANGS", [RUN_NO_LANG] = "NO_LANG",
	[RUN_FIRST] = "FIRST", [RUN_NO_ITEM] = "NO_ITEM",
	[RUN_NOT_SUBMITTED] = "NOT_SUBMITTED", [RUN_UNKNOWN] = "UNKNOWN",
	[RUN_NO_DRAFT] = "NO_DRAFT", [RUN_RESUME_LATE] = "RESUME_LATE",
	[RUN_SAVED] = "SAVED", [RUN_SUBMITTED] = "SUBMITTED",
	[RUN_QUIT] = "QUIT", [RUN_FAILED] = "FAILED",
	[RUN_INVITE_WRONG] = "INVITE_WRONG", [RUN_INVITE_USED] = "INVITE_USED",
	[RUN_INVITE_WITHDRAWN] = "INVITE_WITHDRAWN",
	[RUN_INVITE_LATE] = "INVITE_LATE",
	[RUN_DELETED] = "DELETED", [RUN_NOT_IN_REPEAT] = "NOT_IN_REPEAT",
	[RUN_CANNOT_ADD] = "CANNOT_ADD",
};

/* Where the engine is: the current question's name, or its state. */
static const char *
rec_at(const struct rec *t)
{
	switch (t->r->state) {
	case RUN_ASK:
		return t->r->form->questions[t->r->current].name;
	case RUN_REVIEW:
		return "review";
	case RUN_CONFIRM_QUIT:
		return "confirm";
	case RUN_INVITE:
		return "invite";
	case RUN_ADD:
		return "add";
	case RUN_DONE:
		break;
	}
	return "done";
}

static enum run_reaction
rec(struct rec *t, enum run_reaction re)
{
	buf_printf(&t->log, "%s@%s ", rec_names[re], rec_at(t));
	return re;
}

/* The log since the last call, then forgotten. */
static char *
rec_take(struct rec *t)
{
	char	*s = xstrdup(buf_str(&t->log));

	t->log.len = 0;
	return s;
}

#define expect_log(t, want) do {					\
	char *got_ = rec_take(t);					\
	cr_expect_str_eq(got_, want);					\
	free(got_);							\
} while (0)

static enum run_reaction
input(struct rec *t, const char *text)
{
	return rec(t, run_input(t->r, text));
}

static enum run_reaction
op(struct rec *t, enum run_op o, const char *arg)
{
	return rec(t, run_do(t->r, o, arg));
}

/* A vault of the plain-mode test form in a fresh directory, with a key
 * pair made here (its secret key thrown away). */
static void
rec_vault(struct rec *t)
{
	unsigned char		 pk[VAULT_KEY_BYTES], sk[VAULT_KEY_BYTES];
	struct buf		 pub;
	char			 path[128], *form, *cause = NULL;
	FILE			*fp;
	int			 err;

	cr_assert(sodium_init() >= 0);
	buf_init(&t->log);
	{
		snprintf(t->dir, sizeof t->dir, "/tmp/consult-test-run.XXXXXX");
		cr_assert_not_null(mkdtemp(t->dir));
		crypto_box_keypair(pk, sk);
		sodium_memzero(sk, sizeof sk);
		buf_init(&pub);
		vault_pubkey_format(pk, &pub);
		snprintf(path, sizeof path, "%s/analyst.pub", t->dir);
		cr_assert_not_null(fp = fopen(path, "w"));
		fwrite(pub.data, 1, pub.len, fp);
		fclose(fp);
		buf_clear(&pub);
		snprintf(t->vault, sizeof t->vault, "%s/vault", t->dir);
		xasprintf(&form, "%s/tests/data/app/plain-types.csv",
		    TOP_SRCDIR);
		cr_assert_eq(vault_init_limits(t->vault, form, path,
		    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
		    &err, &cause), 0, "%s", cause);
		free(form);
	}
}

/* A session on the vault: a new participant, or resume. */
static void
rec_start(struct rec *t, int kiosk, const char *resume)
{
	struct run_options	 o;
	char			*cause = NULL;
	int			 status;

	i18n_init();
	memset(&o, 0, sizeof o);
	o.vault = t->vault;
	o.kiosk = kiosk;
	o.resume = resume;
	t->r = run_create(&o, &status, &cause);
	cr_assert_not_null(t->r, "run_create: %s", cause);
}

static void
rec_open(struct rec *t, int kiosk)
{
	rec_vault(t);
	rec_start(t, kiosk, NULL);
}

static void
rec_close(struct rec *t)
{
	char	*cmd;

	run_free(t->r);
	t->r = NULL;
	buf_clear(&t->log);
	xasprintf(&cmd, "rm -rf '%s'", t->dir);
	cr_expect_eq(system(cmd), 0);
	free(cmd);
}

/* The stored answer of question name. */
static const char *
answer(struct rec *t, const char *name)
{
	return answers_get(t->r->answers, form_find_question(t->r->form,
	    name));
}

/* Answer from the start up to the page of the pair (field-list). */
static void
to_pair(struct rec *t)
{
	static const char *const lines[] = { "", "ok", "1", "10", "", "",
	    "", "", "Al", "", "" };
	size_t	 i;

	for (i = 0; i < sizeof lines / sizeof lines[0]; i++)
		input(t, lines[i]);
	cr_assert_str_eq(rec_at(t), "pair_a");
	t->log.len = 0;
}

Test(run, answers_one_by_one_and_problems)
{
	struct rec	 t;

	rec_open(&t, 0);
	cr_expect_str_eq(rec_at(&t), "intro");
	cr_expect_eq(t.r->touched, 0);
	input(&t, "");
	input(&t, "");
	input(&t, "ok");
	input(&t, "maybe");
	input(&t, "1");
	input(&t, "99");
	expect_log(&t, "SHOW@consent PROBLEM@consent SHOW@work PROBLEM@work "
	    "SHOW@hours PROBLEM@hours ");
	cr_expect_eq(t.r->problem, ANSWER_CONSTRAINT);
	cr_expect_str_eq(answer(&t, "work"), "yes");
	cr_expect_eq(t.r->touched, 1);
	cr_expect(vault_draft_exists(t.r->draft), "a draft after an answer");
	rec_close(&t);
}

Test(run, commands_by_op_and_by_name)
{
	struct rec	 t;

	rec_open(&t, 0);
	input(&t, "");
	input(&t, "ok");
	input(&t, "1");
	input(&t, "10");	/* at share */
	op(&t, RUN_OP_BACK, "");
	op(&t, RUN_OP_CLEAR, "");
	rec(&t, run_command(t.r, "  BACK "));
	op(&t, RUN_OP_CLEAR, "");
	op(&t, RUN_OP_HELP, "");
	rec(&t, run_command(t.r, "frobnicate"));
	op(&t, RUN_OP_QUIT, "");
	rec(&t, run_command(t.r, "quit"));
	op(&t, RUN_OP_BACK, "");
	op(&t, RUN_OP_BACK, "");
	op(&t, RUN_OP_BACK, "");
	expect_log(&t, "SHOW@consent SHOW@work SHOW@hours SHOW@share "
	    "SHOW@hours SHOW@hours SHOW@work PROBLEM@work "
	    "HELP@work UNKNOWN@work UNKNOWN@work UNKNOWN@work SHOW@consent "
	    "SHOW@intro FIRST@intro ");
	cr_expect_str_eq(answer(&t, "hours"), "", ":clear removed it");
	cr_expect_str_eq(answer(&t, "work"), "yes", "a required one stays");
	cr_expect_null(run_command_find(t.r, "quit", 4), "quit: kiosk only");
	cr_expect_not_null(run_command_find(t.r, "RESUME", 6));
	cr_expect_null(run_command_find(t.r, "res", 3), "no prefixes");
	rec_close(&t);
}

Test(run, language_switch)
{
	struct rec	 t;

	rec_open(&t, 0);
	op(&t, RUN_OP_LANG, "");
	op(&t, RUN_OP_LANG, "klingon");
	op(&t, RUN_OP_LANG, "fr");
	expect_log(&t, "LANGS@intro NO_LANG@intro SHOW@intro ");
	cr_expect_str_eq(t.r->form->langs[t.r->lang].code, "fr");
	cr_expect_str_eq(form_label(t.r->form, &t.r->form->questions[0],
	    t.r->lang), "Bonjour. Ce formulaire teste chaque type.");
	cr_expect_str_eq(i18n(I18N_BAR_NEXT), "suite");
	cr_expect(i18n_yes("OUI"), "oui is yes in French");
	cr_expect(i18n_yes_key('o'), "o is a yes key in French");
	cr_expect(i18n_no("non"));
	rec(&t, run_command(t.r, "lang English (en)"));
	cr_expect_str_eq(i18n(I18N_BAR_NEXT), "next");
	cr_expect(!i18n_yes("oui"), "the yes words are the language's");
	cr_expect(i18n_yes("Yes"));
	cr_expect(!i18n_yes(""));
	expect_log(&t, "SHOW@intro ");
	rec_close(&t);
}

Test(run, page_answers)
{
	struct rec	 t;
	const int	*page;
	int		 qs[2];
	char		 maybe[] = "maybe", yes[] = "yes", no[] = "no";
	char		*bad[2] = { maybe, no }, *good[2] = { yes, no };
	size_t		 n;

	rec_open(&t, 0);
	run_set_paged(t.r, 1);
	to_pair(&t);
	n = run_page(t.r, t.r->current, &page);
	cr_assert_eq(n, 2);
	memcpy(qs, page, sizeof qs);
	rec(&t, run_answer(t.r, qs, bad, 2));
	rec(&t, run_answer(t.r, qs, good, 2));
	op(&t, RUN_OP_BACK, "");
	expect_log(&t, "PROBLEM@pair_a SHOW@bye SHOW@pair_b ");
	cr_expect_str_eq(answer(&t, "pair_a"), "yes");
	cr_expect_str_eq(answer(&t, "pair_b"), "no");
	/* Unpaged, a question alone is a page of one. */
	run_set_paged(t.r, 0);
	qs[0] = t.r->current;
	rec(&t, run_answer(t.r, qs, good, 1));
	expect_log(&t, "SHOW@bye ");
	cr_expect_str_eq(answer(&t, "pair_b"), "yes");
	rec_close(&t);
}

Test(run, review_and_submit)
{
	struct rec	 t;

	rec_open(&t, 0);
	to_pair(&t);
	input(&t, "1");
	input(&t, "2");
	input(&t, "");
	input(&t, "99");
	input(&t, "n");
	input(&t, "");
	input(&t, "2");
	input(&t, "no");	/* an edit returns to the review */
	input(&t, "");
	op(&t, RUN_OP_BACK, "");
	input(&t, "");
	input(&t, "");
	rec(&t, run_command(t.r, "3"));	/* now "why", relevant */
	input(&t, "");
	input(&t, "yes");
	expect_log(&t, "SHOW@pair_b SHOW@bye SHOW@review NO_ITEM@review "
	    "NOT_SUBMITTED@review NOT_SUBMITTED@review SHOW@work "
	    "SHOW@review NOT_SUBMITTED@review SHOW@bye SHOW@review "
	    "NOT_SUBMITTED@review SHOW@why SHOW@review SUBMITTED@done ");
	cr_expect_str_eq(answer(&t, "work"), "no");
	cr_expect_gt(strlen(t.r->receipt), 8);
	cr_expect(!vault_draft_exists(t.r->draft), "no draft once submitted");
	rec_close(&t);
}

Test(run, save_and_resume)
{
	struct rec	 t;
	char		 code[VAULT_CODE_LEN], typed[VAULT_CODE_LEN];
	size_t		 i, n;

	rec_open(&t, 0);
	input(&t, "");
	input(&t, "ok");
	input(&t, "1");
	op(&t, RUN_OP_SAVE, "");
	expect_log(&t, "SHOW@consent SHOW@work SHOW@hours SAVED@done ");
	memcpy(code, t.r->code, sizeof code);
	run_free(t.r);
	rec_start(&t, 0, code);
	cr_expect_str_eq(rec_at(&t), "hours", "--resume: the next question");
	cr_expect_str_eq(answer(&t, "work"), "yes");
	op(&t, RUN_OP_RESUME, code);
	expect_log(&t, "RESUME_LATE@hours ");
	run_free(t.r);

	/* :resume at the start of a fresh session, a wrong code first. */
	rec_start(&t, 0, NULL);
	op(&t, RUN_OP_RESUME, "ZZZZ-ZZZZ-ZZZZ");
	op(&t, RUN_OP_RESUME, "");
	rec(&t, run_command(t.r, "resume   " /* any case, spaces */));
	expect_log(&t, "NO_DRAFT@intro NO_DRAFT@intro NO_DRAFT@intro ");
	cr_expect_str_neq(t.r->code, code);
	/* Typed in any case, without its dashes. */
	for (i = 0, n = 0; code[i] != '\0'; i++) {
		if (code[i] != '-')
			typed[n++] = (char)tolower((unsigned char)code[i]);
	}
	typed[n] = '\0';
	op(&t, RUN_OP_RESUME, typed);
	expect_log(&t, "SHOW@hours ");
	cr_expect_str_eq(t.r->code, code, "the resumed draft's code");
	cr_expect_str_eq(answer(&t, "work"), "yes");
	rec_close(&t);
}

Test(run, kiosk_hand_off)
{
	struct rec	 t;
	char		 code[VAULT_CODE_LEN];

	rec_open(&t, 1);
	memcpy(code, t.r->code, sizeof code);
	op(&t, RUN_OP_LANG, "fr");
	input(&t, "");
	input(&t, "ok");
	op(&t, RUN_OP_QUIT, "");
	input(&t, "non");
	rec(&t, run_command(t.r, "quit"));
	input(&t, "yes");	/* English words stay understood */
	expect_log(&t, "SHOW@intro SHOW@consent SHOW@work SHOW@confirm "
	    "SHOW@work SHOW@confirm QUIT@done ");
	run_free(t.r);

	rec_start(&t, 1, NULL);
	memcpy(code, t.r->code, sizeof code);
	op(&t, RUN_OP_LANG, "fr");
	to_pair(&t);
	input(&t, "1");
	input(&t, "1");
	input(&t, "");
	input(&t, "o");
	expect_log(&t, "SHOW@pair_b SHOW@bye SHOW@review SUBMITTED@review ");
	cr_expect_neq(t.r->receipt[0], '\0');
	rec(&t, run_next_participant(t.r));
	expect_log(&t, "SHOW@intro ");
	cr_expect_str_neq(t.r->code, code, "a new resume code");
	cr_expect_eq(t.r->receipt[0], '\0', "the receipt is gone");
	cr_expect_eq(t.r->touched, 0);
	cr_expect_str_eq(answer(&t, "nick"), "", "no answer of the last one");
	cr_expect_str_eq(t.r->form->langs[t.r->lang].code, "en",
	    "the language the kiosk started in");
	cr_expect_str_eq(i18n(I18N_BAR_NEXT), "next");
	rec_close(&t);
}

Test(run, choice_keys)
{
	struct rec	 t;
	const int	*idx;
	char		*v;
	int		 by_name, q;

	rec_open(&t, 0);
	q = form_find_question(t.r->form, "mood");
	cr_assert_eq(run_choices(t.r, q, &idx, &by_name), 3);
	cr_expect(by_name, "a scale of numbers: its names are its keys");
	q = form_find_question(t.r->form, "ranking");
	run_choices(t.r, q, &idx, &by_name);
	cr_expect(!by_name);
	v = run_choice_value(t.r, q, "3, WATER");
	cr_expect_str_eq(v, "shelter water", "a position, and a name");
	wipe_free(v);
	rec_close(&t);
}

Test(run, a_draft_that_cannot_be_saved_fails)
{
	struct rec	 t;
	char		*cmd;

	rec_open(&t, 0);
	input(&t, "");
	/* The drafts' folder replaced by a file: no draft can be written
	 * (whoever runs the test, root included). */
	xasprintf(&cmd, "rm -rf '%s/drafts' && : >'%s/drafts'", t.vault,
	    t.vault);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
	input(&t, "ok");
	expect_log(&t, "SHOW@consent FAILED@done ");
	cr_expect_eq(t.r->error_status, 74, "EXIT_IOERR");
	cr_expect_not_null(t.r->error);
	rec_close(&t);
}

/* invite's put: keep the codes. */
static int
keep_code(const char *code, size_t i, void *arg)
{
	char	(*codes)[VAULT_INVITE_LEN] = arg;

	snprintf(codes[i], VAULT_INVITE_LEN, "%s", code);
	return 0;
}

Test(run, closed_vault_invitation_code)
{
	struct rec	 t;
	struct vault	*v;
	char		 codes[2][VAULT_INVITE_LEN], *cause = NULL;
	int		 err;

	rec_vault(&t);
	cr_assert_not_null(v = vault_open(t.vault, &err, &cause));
	cr_assert_eq(vault_invite_make(v, VAULT_NAMED, 2, keep_code, codes,
	    &err, &cause), 0, "%s", cause);
	vault_free(v);
	rec_start(&t, 0, NULL);
	cr_expect_str_eq(rec_at(&t), "invite", "the code comes first");
	cr_expect_null(t.r->draft, "no draft before the code");
	op(&t, RUN_OP_SAVE, "");
	op(&t, RUN_OP_BACK, "");
	input(&t, "");
	expect_log(&t, "SHOW@invite SHOW@invite SHOW@invite ");
	op(&t, RUN_OP_INVITE, codes[0]);
	expect_log(&t, "SHOW@intro ");
	cr_expect_str_eq(t.r->code, codes[0], "the resume code is the code");
	op(&t, RUN_OP_INVITE, codes[1]);
	expect_log(&t, "INVITE_LATE@intro ");
	input(&t, "");
	input(&t, "ok");
	input(&t, "1");
	op(&t, RUN_OP_SAVE, "");
	expect_log(&t, "SHOW@consent SHOW@work SHOW@hours SAVED@done ");
	run_free(t.r);
	/* --resume with the invitation code: the same draft. */
	rec_start(&t, 0, codes[0]);
	cr_expect_str_eq(rec_at(&t), "hours");
	cr_expect_str_eq(answer(&t, "work"), "yes");
	run_free(t.r);
	/* :resume at the door takes the code too. */
	rec_start(&t, 0, NULL);
	op(&t, RUN_OP_RESUME, codes[0]);
	expect_log(&t, "SHOW@hours ");
	rec_close(&t);
}
