/* cmd-report.c: "consult report VAULT... --key NAME.key": the summary as
 * terminal charts, paged when taller than the terminal, or (--format
 * html) as one self-contained HTML file with SVG charts. */
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
#include "app/report-html.h"

#define REPORT_MIN_GROUP	5	/* --min-group's default */

static int	cmd_report_exec(const struct cmd_entry *, struct args *);

static const struct option cmd_report_longopts[] = {
	{ "key", required_argument, NULL, 'k' },
	{ "by", required_argument, NULL, 'b' },
	{ "lang", required_argument, NULL, 'l' },
	{ "skip-bad", no_argument, NULL, 's' },
	{ "passphrase-file", required_argument, NULL, 'P' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "min-group", required_argument, NULL, 'm' },
	{ "text", no_argument, NULL, 't' },
	{ "include-simulated", no_argument, NULL, 'S' },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage = "VAULT... --key NAME.key [--format F] [--by QUESTION] "
	    "[--lang CODE] [-o FILE] [--min-group N] [--text] [--skip-bad] "
	    "[--include-simulated] [--passphrase-file FILE]",
	.optstring = "k:b:l:sP:f:o:m:tS",
	.longopts = cmd_report_longopts,
	.lower = 1,
	.upper = -1,
	.help = "the summary as terminal charts, or one HTML file",
	.details =
	    "  -k, --key NAME.key          the analyst's secret key\n"
	    "  -f, --format F              terminal (default) or html\n"
	    "  -b, --by QUESTION           groups side by side: one column "
	    "for each choice\n"
	    "                              of this select_one question\n"
	    "  -l, --lang CODE             labels in this language (code or "
	    "whole name)\n"
	    "  -o, --output FILE           write FILE (mode 0600) only once "
	    "the report\n"
	    "                              is complete, never half of it\n"
	    "  -m, --min-group N           html: leave out --by groups of "
	    "fewer than N\n"
	    "                              respondents (default 5), and "
	    "say so\n"
	    "  -t, --text                  html: list the text answers under "
	    "their question\n"
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
	    "html: one self-contained HTML5 file (to stdout without -o), no "
	    "JavaScript:\n"
	    "the same charts drawn in SVG, each with the table of its "
	    "numbers, diverging\n"
	    "bars for scales, the pairwise matrix of rankings, box plots of "
	    "numbers; its\n"
	    "Content-Security-Policy lets nothing be fetched; it prints on A4 "
	    "and Letter.\n"
	    "\n"
	    "Exit status: 0, 2 usage, 65 bad records (without --skip-bad) or "
	    "vaults of\n"
	    "different forms, 66 VAULT or NAME.key missing, 74 I/O error, 77 "
	    "wrong\n"
	    "passphrase or a key that does not match the vaults.\n",
	.exec = cmd_report_exec,
};

/* What the walk gathers. */
struct cmd_report_ctx {
	struct tally	*tally;
	struct buf	*texts;		/* [nquestions] with --text, or NULL */
	char		 first[11];	/* days submitted, "" when none */
	char		 last[11];
};

static int
cmd_report_record(const struct vault_record *rec, void *arg)
{
	struct cmd_report_ctx	*ctx = arg;
	const struct form	*f = ctx->tally->form;
	const char		*v;
	char			 day[11];
	size_t			 q;

	tally_add(ctx->tally, rec->answers);
	snprintf(day, sizeof day, "%s", rec->day);
	if (*ctx->first == '\0' || strcmp(day, ctx->first) < 0)
		memcpy(ctx->first, day, sizeof day);
	if (strcmp(day, ctx->last) > 0)
		memcpy(ctx->last, day, sizeof day);
	for (q = 0; ctx->texts != NULL && q < f->nquestions; q++) {
		v = answers_get(rec->answers, (int)q);
		if (f->questions[q].type == QUESTION_TEXT && *v != '\0')
			buf_add(&ctx->texts[q], v, strlen(v) + 1);
	}
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

/* Check --format and the options that go with html only. */
static int
cmd_report_options(const struct cmd_entry *self, struct args *args,
    int *html, uint64_t *min_group)
{
	const char		*format = args_get(args, 'f');
	const char		*n = args_get(args, 'm');
	char			*end;
	unsigned long long	 v;

	*html = format != NULL && strcmp(format, "html") == 0;
	if (format != NULL && !*html && strcmp(format, "terminal") != 0) {
		cmd_error(self, "unknown format '%s' (terminal, html)", format);
		return EXIT_USAGE;
	}
	if (!*html && (n != NULL || args_has(args, 't'))) {
		cmd_error(self, "%s goes with --format html only", n != NULL ?
		    "--min-group" : "--text");
		return EXIT_USAGE;
	}
	*min_group = REPORT_MIN_GROUP;
	if (n != NULL) {
		errno = 0;
		v = strtoull(n, &end, 10);
		if (*n < '0' || *n > '9' || *end != '\0' || errno != 0 ||
		    v < 1 || v > 1000000000) {
			cmd_error(self, "--min-group %s: not a number from 1 to "
			    "1000000000", n);
			return EXIT_USAGE;
		}
		*min_group = v;
	}
	return 0;
}

/* Append s to b, quoted for a POSIX shell when it needs it. */
static void
cmd_report_quote(struct buf *b, const char *s)
{
	const char	*p;

	buf_add_byte(b, ' ');
	if (*s != '\0' && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM"
	    "NOPQRSTUVWXYZ0123456789_./:=@%+-,") == strlen(s)) {
		buf_add_str(b, s);
		return;
	}
	buf_add_byte(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '\'')
			buf_add_str(b, "'\\''");
		else
			buf_add_byte(b, (unsigned char)*p);
	}
	buf_add_byte(b, '\'');
}

/* The command that made the report, for its footer: every argument but
 * --passphrase-file (the passphrase itself is never on the command
 * line). Caller frees. */
static char *
cmd_report_command(struct args *args)
{
	static const struct {
		char		 c;
		const char	*name;
	} opts[] = { { 'k', "--key" }, { 'f', "--format" }, { 'b', "--by" },
	    { 'l', "--lang" }, { 'm', "--min-group" }, { 't', "--text" },
	    { 's', "--skip-bad" }, { 'S', "--include-simulated" },
	    { 'o', "-o" } };
	struct buf	 b;
	size_t		 i;
	int		 k;

	buf_init(&b);
	buf_add_str(&b, "consult report");
	for (k = 0; k < args->argc; k++)
		cmd_report_quote(&b, args->argv[k]);
	for (i = 0; i < sizeof opts / sizeof opts[0]; i++) {
		if (!args_has(args, (unsigned char)opts[i].c))
			continue;
		buf_printf(&b, " %s", opts[i].name);
		if (*args_get(args, (unsigned char)opts[i].c) != '\0')
			cmd_report_quote(&b, args_get(args,
			    (unsigned char)opts[i].c));
	}
	buf_str(&b);
	return (char *)b.data;
}

/* Draw the HTML report of the walk into out. */
static void
cmd_report_html(struct analyst *a, struct args *args,
    struct cmd_report_ctx *ctx, uint64_t min_group, struct html_report *h)
{
	char	*command = cmd_report_command(args);

	memset(h, 0, sizeof *h);
	h->tally = ctx->tally;
	h->form = a->form;
	h->lang = a->lang;
	h->min_group = min_group;
	h->text = ctx->texts != NULL;
	h->texts = ctx->texts;
	h->first_day = ctx->first;
	h->last_day = ctx->last;
	h->vaults = a->dirs;
	h->nvaults = a->ndirs;
	h->command = command;
	html_report_draw(h);
	h->command = NULL;
	free(command);
}

/* Write the report: to -o FILE (already open as out), else to stdout,
 * paged when it is terminal text taller than the terminal. */
static int
cmd_report_output(const struct cmd_entry *self, const char *path, FILE *out,
    const struct buf *text, size_t lines)
{
	int	 ok;

	if (path != NULL) {
		ok = fwrite(text->data, 1, text->len, out) == text->len;
		if (!ok)
			cmd_error(self, "%s: %s", path, strerror(errno));
		return output_commit(self, out, path, ok) != 0 ? EXIT_IOERR :
		    ok ? 0 : EXIT_IOERR;
	}
	if (lines != 0 && cmd_report_tall(lines))
		return cmd_report_page(self, text);
	return cmd_report_print(self, text);
}

static void
cmd_report_ctx_clear(struct cmd_report_ctx *ctx, const struct form *f)
{
	size_t	 q;

	for (q = 0; ctx->texts != NULL && q < f->nquestions; q++)
		buf_clear(&ctx->texts[q]);
	free(ctx->texts);
	tally_free(ctx->tally);
	memset(ctx, 0, sizeof *ctx);
}

static int
cmd_report_exec(const struct cmd_entry *self, struct args *args)
{
	struct analyst		 a;
	struct report		 r;
	struct html_report	 h;
	struct cmd_report_ctx	 ctx;
	const char		*path = args_get(args, 'o');
	const struct buf	*text;
	FILE			*out = NULL;
	char			*cause = NULL, *title;
	uint64_t		 min_group;
	int			 status, html;

	memset(&r, 0, sizeof r);
	memset(&h, 0, sizeof h);
	memset(&ctx, 0, sizeof ctx);
	if ((status = cmd_report_options(self, args, &html, &min_group)) != 0)
		return status;
	if ((status = analyst_open(&a, self, args, 1)) != 0)
		goto out;
	ctx.tally = tally_create(a.form, a.by, TALLY_PAIRWISE, &cause);
	if (ctx.tally == NULL) {
		cmd_error(self, "%s", cause);
		free(cause);
		status = EXIT_USAGE;
		goto out;
	}
	if (html && args_has(args, 't'))
		ctx.texts = xcalloc(a.form->nquestions + 1, sizeof *ctx.texts);
	if (path != NULL && (out = output_create(self, path, &status)) == NULL)
		goto out;
	if ((status = analyst_walk(&a, cmd_report_record, &ctx)) != 0)
		goto out;
	if (html) {
		cmd_report_html(&a, args, &ctx, min_group, &h);
		text = &h.out;
	} else {
		title = cmd_report_title(&a, ctx.tally);
		report_draw(&r, ctx.tally, a.lang, strcmp(nl_langinfo(CODESET),
		    "UTF-8") != 0, title);
		free(title);
		text = &r.out;
	}
	status = cmd_report_output(self, path, out, text, html ? 0 : r.lines);
	out = NULL;
out:
	if (out != NULL)
		output_commit(self, out, path, 0);
	report_clear(&r);
	html_report_clear(&h);
	if (a.form != NULL)
		cmd_report_ctx_clear(&ctx, a.form);
	status = analyst_done(&a, status);
	analyst_clear(&a);
	return status;
}
