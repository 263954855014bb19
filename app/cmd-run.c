/* cmd-run.c: "consult run": one participant answers the vault's form (in
 * kiosk mode, one after another until the facilitator quits). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/run.h"

static int	cmd_run_exec(const struct cmd_entry *, struct args *);

static const struct option cmd_run_longopts[] = {
	{ "plain", no_argument, NULL, 'p' },
	{ "lang", required_argument, NULL, 'l' },
	{ "kiosk", no_argument, NULL, 'k' },
	{ "resume", required_argument, NULL, 'r' },
	{ "invite", required_argument, NULL, 'i' },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_run_entry = {
	.name = "run",
	.usage = "VAULT [--plain] [--lang CODE] [--kiosk] [--resume CODE] "
	    "[--invite CODE]",
	.optstring = "pl:kr:i:",
	.longopts = cmd_run_longopts,
	.lower = 1,
	.upper = 1,
	.help = "one participant answers (kiosk: one after another)",
	.details =
	    "  -p, --plain        line by line, for screen readers and scripts\n"
	    "                     (also when TERM is dumb or unset, or stdin\n"
	    "                     is not a terminal)\n"
	    "  -l, --lang CODE    start in this language (code or whole name)\n"
	    "  -k, --kiosk        after each submission, wipe and start over;\n"
	    "                     the facilitator ends with :quit, then yes\n"
	    "  -r, --resume CODE  reopen the draft saved under a resume code\n"
	    "  -i, --invite CODE  a closed vault's invitation code (it is also\n"
	    "                     the resume code; asked for when not given)\n"
	    "\n"
	    "A vault with invitations (consult invite) is closed: each\n"
	    "participant gives an invitation code before the first question,\n"
	    "and the submission uses it up. A wrong, used or withdrawn code\n"
	    "counts as a wrong resume code (below); on the command line it\n"
	    "exits 77 (wrong) or 1 (used, withdrawn). Two sessions of one\n"
	    "code: the first to submit counts, the other exits 1 with its\n"
	    "answers kept as a draft that cannot be submitted.\n"
	    "\n"
	    "Answers are saved, encrypted, as a draft after every answer.\n"
	    "End of input before submitting keeps the draft and exits 1; so\n"
	    "do SIGHUP and SIGTERM. A resume code that opens no draft exits\n"
	    "77, as a wrong passphrase does, after a delay that doubles\n"
	    "(1 s, 2 s, 4 s, 8 s); the 5th wrong code ends the process. Each\n"
	    "wrong code is logged to syslog (authpriv), without the code.\n"
	    "\n"
	    "Before anyone answers, run names the analyst key the responses\n"
	    "are sealed to (on stderr), and refuses a vault whose header,\n"
	    "form, key or folders another user could change (exit 1).\n"
	    "Plain mode: type :help; on a terminal, ? or F1 lists the keys\n"
	    "and : takes the same commands. A window beyond 500x500 is\n"
	    "refused as too large. In a repeat (\"Proposal 2 of 3\"), after\n"
	    "its last instance comes \"Add another?\"; :add and :delete add\n"
	    "one or delete the current one.\n"
	    "\n"
	    "The program's own words follow the language chosen (French,\n"
	    "Spanish, else English); before any choice, the locale's:\n"
	    "LANGUAGE, else LC_ALL, LC_MESSAGES or LANG.\n",
	.exec = cmd_run_exec,
};

volatile sig_atomic_t run_signalled;

static void
cmd_run_signal(int sig)
{
	run_signalled = sig;
}

/* Leaving signals end the session with the draft kept; a participant
 * can neither suspend the process nor break out of it (SSH forced
 * command, kiosk). */
static void
cmd_run_signals(int kiosk)
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = cmd_run_signal;	/* no SA_RESTART: read returns */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (!kiosk)
		sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	if (kiosk)
		sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGTTIN, &sa, NULL);
	sigaction(SIGTTOU, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
}

void
run_resume_command(const struct run *r, struct buf *out)
{
	const char	*dir = r->vault->dir, *p;

	buf_add_str(out, "consult run ");
	if (*dir != '\0' && dir[strspn(dir, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+,=@%:")] == '\0' &&
	    *dir != '-')
		buf_add_str(out, dir);
	else {
		buf_add_byte(out, '\'');	/* quoted for a shell */
		for (p = dir; *p != '\0'; p++) {
			if (*p == '\'')
				buf_add_str(out, "'\\''");
			else
				buf_add_byte(out, (unsigned char)*p);
		}
		buf_add_byte(out, '\'');
	}
	buf_printf(out, " --%s %s", run_closed(r) ? "invite" : "resume",
	    r->code);
}

void
run_receipt_line(const struct run *r, struct buf *out)
{
	buf_printf(out, "Receipt: %s", r->receipt);
}

int
run_leave(struct run *r, const char *why)
{
	struct buf	 b;

	if (r->kiosk && !r->touched)
		return 0;
	if (r->draft == NULL) {
		cmd_error(&cmd_run_entry, "%s before the invitation code",
		    why);
		return 1;
	}
	if (run_save(r) != 0) {
		cmd_error(&cmd_run_entry, "%s", r->error);
		return r->error_status;
	}
	buf_init(&b);
	run_resume_command(r, &b);
	cmd_error(&cmd_run_entry, "%s; the answers are kept as a draft: %s",
	    why, buf_str(&b));
	buf_clear(&b);
	return 1;
}

int
run_say_failure(struct run *r)
{
	struct buf	 b;

	cmd_error(&cmd_run_entry, "%s", r->error);
	if (r->touched && r->draft != NULL && vault_draft_exists(r->draft)) {
		buf_init(&b);
		run_resume_command(r, &b);
		cmd_error(&cmd_run_entry, "the answers last saved are kept as "
		    "a draft: %s", buf_str(&b));
		buf_clear(&b);
	}
	return r->error_status;
}

/* 1 when the line front end is the one to use. */
static int
cmd_run_plain(const struct args *args)
{
	const char	*term = getenv("TERM");

	return args_has(args, 'p') || term == NULL || *term == '\0' ||
	    strcmp(term, "dumb") == 0 || !isatty(STDIN_FILENO) ||
	    !isatty(STDOUT_FILENO);
}

/* Name the key responses are sealed to, before anyone answers, so that
 * the facilitator can compare it with the analyst's. */
static void
cmd_run_key_note(const struct run *r)
{
	char	 id[VAULT_KEY_ID_LEN];

	vault_key_id(r->vault->pk, id);
	fprintf(stderr, "consult: run: %s: sealing responses to the analyst "
	    "key %s\n", r->vault->dir, id);
}

static int
cmd_run_exec(const struct cmd_entry *self, struct args *args)
{
	struct run_options	 o;
	struct run		*r;
	char			*cause = NULL;
	int			 status;

	memset(&o, 0, sizeof o);
	o.vault = args->argv[0];
	o.lang = args_get(args, 'l');
	i18n_init();
	o.env_lang = i18n_locale();
	o.resume = args_get(args, 'r');
	o.invite = args_get(args, 'i');
	o.kiosk = args_has(args, 'k');
	cmd_run_signals(o.kiosk);
	if ((r = run_create(&o, &status, &cause)) == NULL) {
		cmd_error(self, "%s", cause);
		free(cause);
		return status;
	}
	cmd_run_key_note(r);
	status = -1;
	if (!cmd_run_plain(args))
		status = tui_main(r);
	if (status == -1)
		status = plain_main(r, STDIN_FILENO, stdout);
	run_free(r);
	return status;
}
