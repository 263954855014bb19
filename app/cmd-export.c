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
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "VAULT... --key NAME.key [--format F] [--by QUESTION] "
	    "[--lang CODE] [-o FILE] [--skip-bad] [--include-simulated] "
	    "[--passphrase-file FILE] [--invitations FILE.csv]",
	.optstring = "k:f:b:l:o:sP:i:",
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
	    "Schulze order. codebook needs no key. A record that fails "
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
	struct exporter	*ex;
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

	if (ctx->ids)
		analyst_response_id(rec, id);
	if (ctx->invitations != NULL) {
		if (rec->invite_id != NULL)
			row = invite_list_find(ctx->invitations,
			    rec->invite_id);
		if (row == NULL)
			ctx->unmatched++;
		export_invitation(ctx->ex, row != NULL ? row->label : NULL);
	}
	if (export_add(ctx->ex, id, rec->day, rec->answers, &cause) != 0) {
		cmd_error(ctx->self, "%s", cause);
		free(cause);
		return EXIT_IOERR;
	}
	return 0;
}

/* Which format, and whether --by goes with it. */
static int
cmd_export_format(const struct cmd_entry *self, struct args *args,
    enum export_format *format)
{
	const char	*name = args_get(args, 'f');
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

/* Write the export to out. */
static int
cmd_export_write(const struct cmd_entry *self, struct analyst *a,
    enum export_format format, struct invite_list *invitations, FILE *out)
{
	struct cmd_export_ctx	 ctx;
	char			*cause = NULL;
	int			 status = 0;

	memset(&ctx, 0, sizeof ctx);
	ctx.self = self;
	ctx.invitations = invitations;
	ctx.ids = format == EXPORT_RESPONSES || format == EXPORT_TEXT;
	ctx.ex = export_create(format, a->form, a->lang, a->by, out, &cause);
	if (ctx.ex == NULL) {
		cmd_error(self, "%s", cause);
		free(cause);
		return 1;
	}
	if (invitations != NULL)
		export_invitation(ctx.ex, NULL);
	if (format != EXPORT_CODEBOOK)
		status = analyst_walk(a, cmd_export_record, &ctx);
	if (ctx.unmatched != 0)
		cmd_error(self, "note: %zu response%s of an invitation not in "
		    "the --invitations file (an empty invitation cell)",
		    ctx.unmatched, ctx.unmatched == 1 ? "" : "s");
	if (status == 0 && export_finish(ctx.ex, &cause) != 0) {
		cmd_error(self, "%s", cause);
		free(cause);
		status = EXIT_IOERR;
	}
	export_free(ctx.ex);
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
	int			 status, closed;

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
	if (status == 0 && path != NULL &&
	    (out = output_create(self, path, &status)) == NULL)
		out = stdout;
	if (status == 0) {
		status = cmd_export_write(self, &a, format, args_has(args,
		    'i') ? &invitations : NULL, out);
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
