/* cmd-report.c: "consult report VAULT... --key NAME.key": the summary as
 * terminal charts, paged when taller than the terminal. */
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/analyst.h"
#include "app/report.h"

static int	cmd_report_exec(const struct cmd_entry *, struct args *);

static const struct option cmd_report_longopts[] = {
	{ "key", required_argument, NULL, 'k' },
	{ "by", required_argument, NULL, 'b' },
	{ "lang", required_argument, NULL, 'l' },
	{ "skip-bad", no_argument, NULL, 's' },
	{ "passphrase-file", required_argument, NULL, 'P' },
	{ "include-simulated", no_argument, NULL, 'S' },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage = "VAULT... --key NAME.key [--by QUESTION] [--lang CODE] "
	    "[--skip-bad] [--include-simulated] [--passphrase-file FILE]",
	.optstring = "k:b:l:sP:",
	.longopts = cmd_report_longopts,
	.lower = 1,
	.upper = -1,
	.help = "the summary as terminal charts",
	.details =
	    "  -k, --key NAME.key          the analyst's secret key\n"
	    "  -b, --by QUESTION           groups side by side: one column "
	    "for each choice\n"
	    "                              of this select_one question\n"
	    "  -l, --lang CODE             labels in this language (code or "
	    "whole name)\n"
	    "  -s, --skip-bad              exit 0 even if some records did not "
	    "open\n"
	    "      --include-simulated     count simulated responses with real "
	    "ones\n"
	    "  -P, --passphrase-file FILE  read the passphrase from the first "
	    "line of FILE\n"
	    "\n"
	    "Per question: bars of each choice with counts and percentages; "
	    "the mean,\n"
	    "median and distribution of numbers; rankings by Borda score "
	    "(m - position + 1\n"
	    "points, m the number of choices) with first places, and the "
	    "Schulze order\n"
	    "of the pairwise preferences. The numbers are those of 'consult "
	    "export'.\n"
	    "At most 80 columns; ASCII when the locale is not UTF-8; paged "
	    "through\n"
	    "$PAGER (default: less) when taller than the terminal.\n"
	    "\n"
	    "Exit status: 0, 2 usage, 65 bad records (without --skip-bad) or "
	    "vaults of\n"
	    "different forms, 66 VAULT or NAME.key missing, 74 I/O error, 77 "
	    "wrong\n"
	    "passphrase or a key that does not match the vaults.\n",
	.exec = cmd_report_exec,
};

static int
cmd_report_record(const struct vault_record *rec, void *arg)
{
	tally_add(arg, rec->answers);
	return 0;
}

/* 1 if the text is taller than the terminal stdout is. */
static int
cmd_report_tall(size_t lines)
{
	struct winsize	 ws;

	return isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    lines >= ws.ws_row;
}

/* Write the text to stdout. */
static int
cmd_report_print(const struct cmd_entry *self, const struct buf *text)
{
	if (fwrite(text->data, 1, text->len, stdout) != text->len ||
	    fflush(stdout) != 0) {
		cmd_error(self, "standard output: %s", strerror(errno));
		return EXIT_IOERR;
	}
	return 0;
}

/* Page the text through $PAGER (less by default; none when empty);
 * print it when the pager cannot be started. */
static int
cmd_report_page(const struct cmd_entry *self, const struct buf *text)
{
	struct sigaction	 sa, old;
	const char		*pager = getenv("PAGER");
	FILE			*p;
	int			 rc;

	if (pager == NULL) {
		pager = "less";
		setenv("LESS", "FRX", 0);
	}
	if (*pager == '\0')
		return cmd_report_print(self, text);
	fflush(stdout);
	if ((p = popen(pager, "w")) == NULL)
		return cmd_report_print(self, text);
	/* Quitting the pager early is not an error. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, &old);
	fwrite(text->data, 1, text->len, p);
	rc = pclose(p);
	sigaction(SIGPIPE, &old, NULL);
	if (rc == -1 || (WIFEXITED(rc) && WEXITSTATUS(rc) == 127))
		return cmd_report_print(self, text);
	return 0;
}

/* "N responses (from K vaults), labels in LANG". Caller frees. */
static char *
cmd_report_title(const struct analyst *a, const struct tally *t)
{
	const struct lang	*l = &a->form->langs[a->lang];
	char			*s, vaults[48] = "";

	if (a->ndirs > 1)
		snprintf(vaults, sizeof vaults, " from %zu vaults", a->ndirs);
	xasprintf(&s, "%llu response%s%s%s%s",
	    (unsigned long long)t->responses, t->responses == 1 ? "" : "s",
	    vaults, a->form->nlangs > 1 ? "; labels in " : "",
	    a->form->nlangs > 1 ? l->name : "");
	return s;
}

static int
cmd_report_exec(const struct cmd_entry *self, struct args *args)
{
	struct analyst	 a;
	struct report	 r;
	struct tally	*t = NULL;
	char		*cause = NULL, *title;
	int		 status, ascii;

	memset(&r, 0, sizeof r);
	if ((status = analyst_open(&a, self, args, 1)) != 0)
		goto out;
	if ((t = tally_create(a.form, a.by, TALLY_PAIRWISE, &cause)) == NULL) {
		cmd_error(self, "%s", cause);
		free(cause);
		status = EXIT_USAGE;
		goto out;
	}
	if ((status = analyst_walk(&a, cmd_report_record, t)) != 0)
		goto out;
	ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	title = cmd_report_title(&a, t);
	report_draw(&r, t, a.lang, ascii, title);
	free(title);
	if (cmd_report_tall(r.lines))
		status = cmd_report_page(self, &r.out);
	else
		status = cmd_report_print(self, &r.out);
out:
	report_clear(&r);
	tally_free(t);
	status = analyst_done(&a, status);
	analyst_clear(&a);
	return status;
}
