/* cmd-export.c: "consult export VAULT... --key NAME.key": decrypt the
 * responses of one or several vaults and write one CSV format, to stdout
 * or atomically to a file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/analyst.h"
#include "app/invite.h"

static int	cmd_export_exec(const struct cmd_entry *, struct args *);

static const struct option cmd_export_longopts[] = {
	{ "key", required_argument, NULL, 'k' },
	{ "format", required_argument, NULL, 'f' },
	{ "by", required_argument, NULL, 'b' },
	{ "lang", required_argument, NULL, 'l' },
	{ "output", required_argument, NULL, 'o' },
	{ "skip-bad", no_argument, NULL, 's' },
	{ "passphrase-file", required_argument, NULL, 'P' },
	{ "include-simulated", no_argument, NULL, 'S' },
	{ "invitations", required_argument, NULL, 'i' },
	{ "repeat", required_argument, NULL, 'r' },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "VAULT... --key NAME.key [--format F] [--by QUESTION] "
	    "[--lang CODE] [-o FILE] [--repeat NAME|all] [--skip-bad] "
	    "[--include-simulated] [--passphrase-file FILE] "
	    "[--invitations FILE.csv]",
	.optstring = "k:f:b:l:o:sP:i:r:",
	.longopts = cmd_export_longopts,
	.lower = 1,
	.upper = -1,
	.help = "decrypt the responses and write CSV (stdout by default)",
	.details =
	    "  -k, --key NAME.key          the analyst's secret key\n"
	    "  -f, --format F              summary (default), responses, "
	    "text, codebook\n"
	    "                              or pairwise\n"
	    "  -b, --by QUESTION           summary: repeat the rows for each "
	    "choice of\n"
	    "                              this select_one question\n"
	    "  -l, --lang CODE             labels in this language (code or "
	    "whole name)\n"
	    "  -o, --output FILE           write FILE (mode 0600) only once "
	    "the export\n"
	    "                              is complete, never half of it\n"
	    "  -r, --repeat NAME           responses: one row per instance of "
	    "the repeat\n"
	    "                              NAME (response_id, parent, key, "
	    "instance)\n"
	    "      --repeat all -o DIR     responses: DIR/responses.csv and "
	    "DIR/NAME.csv\n"
	    "                              for each repeat, all or nothing "
	    "(DIR missing\n"
	    "                              or empty)\n"
	    "  -s, --skip-bad              exit 0 even if some records did not "
	    "open\n"
	    "      --include-simulated     count simulated responses with real "
	    "ones\n"
	    "  -P, --passphrase-file FILE  read the passphrase from the first "
	    "line of FILE\n"
	    "  -i, --invitations FILE.csv  responses of named invitations: "
	    "an invitation\n"
	    "                              column with the label of each "
	    "response's\n"
	    "                              invitation, from invite's CSV\n"
	    "\n"
	    "Closed vaults (consult invite): a response without a valid "
	    "proof of\n"
	    "invitation, or a second response for one invitation (across "
	    "all the\n"
	    "vaults read), is reported like a damaged record and not "
	    "counted.\n"
	    "\n"
	    "Several vaults (copies and merges of one consultation) count "
	    "every response\n"
	    "once. pairwise: for each rank question, how many respondents put "
	    "option_a\n"
	    "above option_b (a ranked option is above an unranked one), listed "
	    "in the\n"
	    "Schulze order. In responses a repeat is a column NAME/count; "
	    "summary\n"
	    "counts the questions of a repeat once per instance. codebook needs "
	    "no key. A record that fails "
	    "authentication\n"
	    "is reported with its file and skipped; the count is the last "
	    "line on\n"
	    "stderr.\n"
	    "\n"
	    "Exit status: 0, 2 usage, 65 bad records (without --skip-bad) or "
	    "vaults of\n"
	    "different forms, 66 VAULT or NAME.key missing, 74 I/O error, 77 "
	    "wrong\n"
	    "passphrase or a key that does not match the vaults.\n",
	.exec = cmd_export_exec,
};

struct cmd_export_ctx {
	const struct cmd_entry *self;
	struct exporter	**ex;
	size_t		 n;
	int		 ids;		/* the format shows response ids */
	struct invite_list *invitations; /* --invitations, or NULL */
	size_t		 unmatched;	/* responses of no row of it */
};

static int
cmd_export_record(const struct vault_record *rec, void *arg)
{
	struct cmd_export_ctx	*ctx = arg;
	char			 id[40] = "", *cause = NULL;
	const struct invite_row	*row = NULL;
	size_t			 i;

	if (ctx->ids)
		analyst_response_id(rec, id);
	if (ctx->invitations != NULL) {
		if (rec->invite_id != NULL)
			row = invite_list_find(ctx->invitations,
			    rec->invite_id);
		if (row == NULL)
			ctx->unmatched++;
	}
	for (i = 0; i < ctx->n; i++) {
		if (ctx->invitations != NULL)
			export_invitation(ctx->ex[i], row != NULL ?
			    row->label : NULL);
		if (export_add(ctx->ex[i], id, rec->day, rec->answers,
		    &cause) != 0) {
			cmd_error(ctx->self, "%s", cause);
			free(cause);
			return EXIT_IOERR;
		}
	}
	return 0;
}

/* Which format, and whether --by and --repeat go with it. */
static int
cmd_export_format(const struct cmd_entry *self, struct args *args,
    enum export_format *format)
{
	const char	*name = args_get(args, 'f');
	const char	*repeat = args_get(args, 'r');
	int		 i;

	if (name == NULL)
		name = "summary";
	if ((i = export_format_find(name)) < 0) {
		cmd_error(self, "unknown format '%s' (summary, responses, text, "
		    "codebook, pairwise)", name);
		return EXIT_USAGE;
	}
	*format = (enum export_format)i;
	if (args_has(args, 'b') && *format != EXPORT_SUMMARY) {
		cmd_error(self, "--by goes with --format summary only");
		return EXIT_USAGE;
	}
	if (repeat != NULL && *format != EXPORT_RESPONSES) {
		cmd_error(self, "--repeat goes with --format responses only");
		return EXIT_USAGE;
	}
	if (repeat != NULL && strcmp(repeat, "all") == 0 &&
	    args_get(args, 'o') == NULL) {
		cmd_error(self, "--repeat all writes a directory: give -o DIR");
		return EXIT_USAGE;
	}
	return 0;
}

/* Read --invitations (with --format responses only) and index it. */
static int
cmd_export_invitations(const struct cmd_entry *self, const char *path,
    enum export_format format, struct invite_list *l)
{
	char	*cause = NULL;
	int	 status;

	if (format != EXPORT_RESPONSES) {
		cmd_error(self, "--invitations goes with --format responses "
		    "only");
		return EXIT_USAGE;
	}
	if (invite_csv_read(path, l, &status, &cause) != 0) {
		cmd_error(self, "%s", cause);
		free(cause);
		return status;
	}
	invite_list_index(l);
	return 0;
}

/* Write the export: for each of the n outputs, the rows of repeats[i]
 * (-1: the responses), with an invitation column when invitations is
 * not NULL. */
static int
cmd_export_write(const struct cmd_entry *self, struct analyst *a,
    enum export_format format, struct invite_list *invitations, FILE **outs,
    const int *repeats, size_t n)
{
	struct cmd_export_ctx	 ctx;
	char			*cause = NULL;
	size_t			 i;
	int			 status = 0;

	memset(&ctx, 0, sizeof ctx);
	ctx.self = self;
	ctx.invitations = invitations;
	ctx.ids = format == EXPORT_RESPONSES || format == EXPORT_TEXT;
	ctx.ex = xcalloc(n, sizeof *ctx.ex);
	ctx.n = n;
	for (i = 0; i < n && status == 0; i++) {
		ctx.ex[i] = export_create(format, a->form, a->lang, a->by,
		    outs[i], &cause);
		if (ctx.ex[i] == NULL) {
			cmd_error(self, "%s", cause);
			free(cause);
			status = 1;
		} else if (repeats[i] >= 0)
			export_set_repeat(ctx.ex[i], repeats[i]);
	}
	for (i = 0; i < n && status == 0 && invitations != NULL; i++)
		export_invitation(ctx.ex[i], NULL);
	if (status == 0 && format != EXPORT_CODEBOOK)
		status = analyst_walk(a, cmd_export_record, &ctx);
	if (ctx.unmatched != 0)
		cmd_error(self, "note: %zu response%s of an invitation not in "
		    "the --invitations file (an empty invitation cell)",
		    ctx.unmatched, ctx.unmatched == 1 ? "" : "s");
	for (i = 0; i < n && status == 0; i++) {
		if (export_finish(ctx.ex[i], &cause) != 0) {
			cmd_error(self, "%s", cause);
			free(cause);
			status = EXIT_IOERR;
		}
	}
	for (i = 0; i < n; i++)
		export_free(ctx.ex[i]);
	free(ctx.ex);
	return status;
}

/* The repeat --repeat names (-1 for none, -2 for all), or -3 after
 * saying why not. */
static int
cmd_export_repeat(const struct cmd_entry *self, struct args *args,
    const struct form *f)
{
	const char	*name = args_get(args, 'r');
	int		 q;

	if (name == NULL)
		return -1;
	if (strcmp(name, "all") == 0)
		return -2;
	if ((q = form_find_question(f, name)) < 0 || !form_is_repeat(f, q)) {
		cmd_error(self, "no repeat '%s' in the form", name);
		return -3;
	}
	return q;
}

/* --repeat all -o DIR: responses.csv and NAME.csv for each repeat. */
static int
cmd_export_dir(const struct cmd_entry *self, struct analyst *a,
    enum export_format format, struct invite_list *invitations,
    const char *path)
{
	const struct form	*f = a->form;
	char			*tmp, **names;
	FILE			**outs;
	int			*repeats, status = 0, closed;
	size_t			 n = 1, i;

	if ((tmp = output_dir_create(self, path, &status)) == NULL)
		return status;
	names = xcalloc(f->nquestions + 1, sizeof *names);
	outs = xcalloc(f->nquestions + 1, sizeof *outs);
	repeats = xcalloc(f->nquestions + 1, sizeof *repeats);
	names[0] = xstrdup("responses.csv");
	repeats[0] = -1;
	for (i = 0; i < f->nquestions; i++) {
		if (!form_is_repeat(f, (int)i))
			continue;
		xasprintf(&names[n], "%s.csv", f->questions[i].name);
		repeats[n++] = (int)i;
	}
	for (i = 0; i < n && status == 0; i++)
		outs[i] = output_dir_file(self, tmp, names[i], &status);
	if (status == 0)
		status = cmd_export_write(self, a, format, invitations, outs,
		    repeats, n);
	closed = output_dir_commit(self, tmp, outs, names, n, path,
	    status == 0);
	if (status == 0)
		status = closed;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(outs);
	free(repeats);
	return status;
}

static int
cmd_export_exec(const struct cmd_entry *self, struct args *args)
{
	struct analyst		 a;
	struct invite_list	 invitations;
	enum export_format	 format;
	const char		*path = args_get(args, 'o');
	FILE			*out = stdout;
	int			 status, closed, repeat = -1;

	memset(&invitations, 0, sizeof invitations);
	if ((status = cmd_export_format(self, args, &format)) != 0)
		return status;
	if (args_has(args, 'i') && (status = cmd_export_invitations(self,
	    args_get(args, 'i'), format, &invitations)) != 0)
		return status;
	status = analyst_open(&a, self, args, format != EXPORT_CODEBOOK);
	if (status == 0 && args_has(args, 'i') &&
	    a.vaults[0]->invitations != VAULT_NAMED) {
		cmd_error(self, "%s: %s: its responses carry no invitation",
		    a.vaults[0]->dir, a.vaults[0]->invitations == VAULT_OPEN ?
		    "has no invitations" : "its invitations are anonymous");
		status = 1;
	}
	if (status == 0 && (repeat = cmd_export_repeat(self, args,
	    a.form)) == -3)
		status = EXIT_USAGE;
	if (status == 0 && repeat == -2)
		status = cmd_export_dir(self, &a, format, args_has(args, 'i') ?
		    &invitations : NULL, path);
	else if (status == 0) {
		if (path != NULL &&
		    (out = output_create(self, path, &status)) == NULL)
			out = stdout;
	}
	if (status == 0 && repeat != -2) {
		status = cmd_export_write(self, &a, format, args_has(args,
		    'i') ? &invitations : NULL, &out, &repeat, 1);
		if (path != NULL) {
			closed = output_commit(self, out, path, status == 0);
			if (status == 0)
				status = closed;
		} else if (status == 0 && fflush(stdout) != 0) {
			cmd_error(self, "standard output: %s", strerror(errno));
			status = EXIT_IOERR;
		}
	}
	status = analyst_done(&a, status);
	analyst_clear(&a);
	invite_list_free(&invitations);
	return status;
}
