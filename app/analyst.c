/* analyst.c: the reading side shared by export and report: open the
 * vaults and check the options against their form before the passphrase
 * is asked, load the key, walk every response once with bad records
 * reported by file, and a progress bar when stderr is a terminal. */
#include <sys/ioctl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/analyst.h"

/* The bar appears once a walk has run this long, and is redrawn at most
 * this often (nanoseconds). */
#define ANALYST_BAR_DELAY	500000000LL
#define ANALYST_BAR_EVERY	100000000LL
/* Records between two looks at the clock. */
#define ANALYST_BAR_CHECK	256

void
analyst_clear(struct analyst *a)
{
	size_t	 i;

	vault_set_free(a->set);
	vault_key_free(a->key);
	for (i = 0; a->vaults != NULL && i < a->ndirs; i++)
		vault_free(a->vaults[i]);
	free(a->vaults);
	memset(a, 0, sizeof *a);
}

/* Open every vault without the key; they must hold one form. */
static int
analyst_vaults(struct analyst *a)
{
	char	*cause = NULL;
	size_t	 i;
	int	 err = 0;

	a->vaults = xcalloc(a->ndirs, sizeof *a->vaults);
	for (i = 0; i < a->ndirs; i++) {
		a->vaults[i] = vault_open(a->dirs[i], &err, &cause);
		if (a->vaults[i] == NULL) {
			cmd_error_lines(a->cmd, cause);
			free(cause);
			return cmd_vault_status(err);
		}
		if (memcmp(a->vaults[i]->fingerprint, a->vaults[0]->fingerprint,
		    FORM_FINGERPRINT_BYTES) != 0) {
			cmd_error(a->cmd, "%s holds another form than %s",
			    a->dirs[i], a->dirs[0]);
			return EXIT_DATAERR;
		}
	}
	a->form = a->vaults[0]->form;
	return 0;
}

/* Refuse, before the passphrase, vaults marked as simulated given with
 * vaults of real responses (the records' own flags are checked again
 * as they are read: a mark can be removed). */
static int
analyst_marks(struct analyst *a)
{
	size_t	 i, sim = a->ndirs, real = a->ndirs;

	for (i = 0; i < a->ndirs; i++) {
		if (vault_is_simulated(a->vaults[i]))
			sim = sim == a->ndirs ? i : sim;
		else if (vault_has_real_responses(a->vaults[i]))
			real = real == a->ndirs ? i : real;
	}
	if (a->include_sim || sim == a->ndirs || real == a->ndirs)
		return 0;
	cmd_error(a->cmd, "%s holds simulated responses and %s real ones: "
	    "they are not counted together without --include-simulated",
	    a->dirs[sim], a->dirs[real]);
	return EXIT_DATAERR;
}

/* The languages of the form, for a message. Caller frees. */
static char *
analyst_lang_list(const struct form *f)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < f->nlangs; i++) {
		if (i != 0)
			buf_add_str(&b, ", ");
		buf_add_str(&b, f->langs[i].code != NULL ? f->langs[i].code :
		    f->langs[i].name);
	}
	buf_str(&b);
	return (char *)b.data;
}

/* Resolve --lang and --by against the form. */
static int
analyst_options(struct analyst *a, struct args *args)
{
	const struct form	*f = a->form;
	const char		*lang, *by;
	char			*list;
	int			 i;

	a->lang = f->default_lang;
	a->by = -1;
	if ((lang = args_get(args, ANALYST_OPT_LANG)) != NULL) {
		if ((i = form_find_lang(f, lang)) < 0) {
			list = analyst_lang_list(f);
			cmd_error(a->cmd, "--lang %s: the form has no such "
			    "language (it has %s)", lang, list);
			free(list);
			return EXIT_USAGE;
		}
		a->lang = (size_t)i;
	}
	if ((by = args_get(args, ANALYST_OPT_BY)) != NULL) {
		if ((i = form_find_question(f, by)) < 0) {
			cmd_error(a->cmd, "--by %s: the form has no question "
			    "named '%s'", by, by);
			return EXIT_USAGE;
		}
		if (f->questions[i].type != QUESTION_SELECT_ONE) {
			cmd_error(a->cmd, "--by %s: not a select_one question "
			    "(it is %s)", by,
			    question_type_word(&f->questions[i]));
			return EXIT_USAGE;
		}
		a->by = i;
	}
	return 0;
}

int
analyst_open(struct analyst *a, const struct cmd_entry *cmd,
    struct args *args, int need_key)
{
	const char	*keyfile;
	char		*cause = NULL;
	int		 status, err = 0;

	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	a->dirs = args->argv;
	a->ndirs = (size_t)args->argc;
	a->skip_bad = args_has(args, ANALYST_OPT_SKIP_BAD);
	a->include_sim = args_has(args, ANALYST_OPT_INCLUDE_SIM);
	keyfile = args_get(args, ANALYST_OPT_KEY);
	if (need_key && keyfile == NULL) {
		cmd_error(cmd, "--key NAME.key is needed to open the responses");
		return cmd_usage(cmd);
	}
	if ((status = analyst_vaults(a)) != 0 ||
	    (status = analyst_options(a, args)) != 0 || !need_key ||
	    (status = analyst_marks(a)) != 0)
		return status;
	a->key = app_key_load(cmd, keyfile, args_get(args,
	    ANALYST_OPT_PASSFILE), &status);
	if (a->key == NULL)
		return status;
	a->set = vault_set_open(a->dirs, a->ndirs, a->key, &err, &cause);
	if (a->set == NULL) {
		cmd_error_lines(cmd, cause);
		free(cause);
		return cmd_vault_status(err);
	}
	return 0;
}

void
analyst_response_id(const struct vault_record *rec, char id[40])
{
	snprintf(id, 40, "%.16s-%llu", rec->session,
	    (unsigned long long)rec->index);
}

/* ---- the progress bar ------------------------------------------------ */

static long long
analyst_elapsed(const struct timespec *from, const struct timespec *to)
{
	return (long long)(to->tv_sec - from->tv_sec) * 1000000000LL +
	    (to->tv_nsec - from->tv_nsec);
}

/* Columns of stderr's terminal, at most 80. */
static size_t
analyst_columns(void)
{
	struct winsize	 ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20 &&
	    ws.ws_col < 80)
		return ws.ws_col;
	return 80;
}

/* Rub the bar out, so that the next line starts clean. */
static void
analyst_bar_erase(struct analyst *a)
{
	if (!a->shown)
		return;
	fprintf(stderr, "\r%*s\r", (int)analyst_columns() - 1, "");
	fflush(stderr);
	a->shown = 0;
}

static void
analyst_bar_draw(struct analyst *a)
{
	char	 text[64], bar[81];
	size_t	 cols, n, fill, done = a->opened + a->bad;

	if (a->total != 0) {
		if (done > a->total)
			done = a->total;
		snprintf(text, sizeof text, " %3zu%% %zu/%zu",
		    done * 100 / a->total, done, a->total);
	} else
		snprintf(text, sizeof text, " %zu", done);
	cols = analyst_columns() - 1;
	n = strlen(a->cmd->name) + 11 + strlen(text);
	n = cols > n + 10 ? cols - n : 10;
	if (n > sizeof bar - 1)
		n = sizeof bar - 1;
	fill = a->total != 0 ? n * done / a->total : 0;
	memset(bar, '#', fill);
	memset(bar + fill, '.', n - fill);
	bar[n] = '\0';
	fprintf(stderr, "\rconsult: %s: [%s]%s", a->cmd->name, bar, text);
	fflush(stderr);
	a->shown = 1;
}

/* Draw the bar when the walk has run for a moment. */
static void
analyst_bar_tick(struct analyst *a)
{
	struct timespec	 now;

	if (!a->tty || (a->opened + a->bad) % ANALYST_BAR_CHECK != 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (analyst_elapsed(&a->start, &now) < ANALYST_BAR_DELAY ||
	    (a->shown && analyst_elapsed(&a->drawn, &now) <
	    ANALYST_BAR_EVERY))
		return;
	a->drawn = now;
	analyst_bar_draw(a);
}

/* The responses the vaults hold, read from file headers without the key
 * (0 when they cannot be counted: the bar then shows a count only). */
static size_t
analyst_total(struct analyst *a)
{
	struct vault_stats	*each, total;
	char			*cause = NULL;
	size_t			 n = 0;

	each = xcalloc(a->ndirs, sizeof *each);
	if (vault_stats(a->vaults, a->ndirs, each, &total, &cause) == 0)
		n = total.responses;
	free(cause);
	free(each);
	return n;
}

/* ---- the walk -------------------------------------------------------- */

static int
analyst_record(const struct vault_record *rec, void *arg)
{
	struct analyst	*a = arg;
	int		 status;

	if (!a->include_sim && (rec->simulated ? a->real : a->simulated)) {
		analyst_bar_erase(a);
		cmd_error(a->cmd, "%s: %s responses among %s ones (is a "
		    "'simulated' mark missing?): they are not counted together "
		    "without --include-simulated", rec->file, rec->simulated ?
		    "simulated" : "real", rec->simulated ? "real" :
		    "simulated");
		return EXIT_DATAERR;
	}
	if ((status = a->record(rec, a->arg)) != 0)
		return status;
	if (rec->simulated)
		a->simulated++;
	else
		a->real++;
	a->opened++;
	analyst_bar_tick(a);
	return 0;
}

static void
analyst_bad(const char *file, const char *why, void *arg)
{
	struct analyst	*a = arg;

	analyst_bar_erase(a);
	cmd_error(a->cmd, "%s: %s", file, why);
	a->bad++;
	analyst_bar_tick(a);
}

int
analyst_walk(struct analyst *a,
    int (*record)(const struct vault_record *, void *), void *arg)
{
	struct vault_walk_cb	 cb;
	struct vault_walk_stats	 stats;
	char			*cause = NULL;
	int			 rc;

	a->record = record;
	a->arg = arg;
	a->tty = isatty(STDERR_FILENO);
	if (a->tty)
		a->total = analyst_total(a);
	clock_gettime(CLOCK_MONOTONIC, &a->start);
	memset(&cb, 0, sizeof cb);
	cb.record = analyst_record;
	cb.bad = analyst_bad;
	cb.arg = a;
	cb.decode = 1;
	rc = vault_set_walk(a->set, &cb, &stats, &cause);
	a->unfinished = stats.unfinished;
	a->uninvited = stats.uninvited;
	a->reused = stats.reused;
	analyst_bar_erase(a);
	if (rc == -1) {
		cmd_error_lines(a->cmd, cause);
		free(cause);
		return EXIT_IOERR;
	}
	return rc;
}

int
analyst_done(struct analyst *a, int status)
{
	if (a->set != NULL && a->record != NULL) {
		if (a->unfinished != 0)
			cmd_error(a->cmd, "note: %zu session%s without a "
			    "closing record (cut by a crash, a kill or a lost "
			    "connection, or records removed from %s end); "
			    "%s responses are counted", a->unfinished,
			    a->unfinished == 1 ? "" : "s",
			    a->unfinished == 1 ? "its" : "their",
			    a->unfinished == 1 ? "its" : "their");
		cmd_error(a->cmd, "%zu response%s read: %zu real, %zu "
		    "simulated", a->opened, a->opened == 1 ? "" : "s",
		    a->real, a->simulated);
	}
	if (a->uninvited != 0 || a->reused != 0)
		cmd_error(a->cmd, "note: not counted: %zu response%s without a "
		    "valid proof of invitation, %zu second response%s for one "
		    "invitation", a->uninvited, a->uninvited == 1 ? "" : "s",
		    a->reused, a->reused == 1 ? "" : "s");
	if (a->bad == 0)
		return status;
	cmd_error(a->cmd, "%zu bad record%s skipped, %zu response%s read%s",
	    a->bad, a->bad == 1 ? "" : "s", a->opened,
	    a->opened == 1 ? "" : "s", a->skip_bad ? "" :
	    " (--skip-bad accepts this)");
	if (status == 0 && !a->skip_bad)
		return EXIT_DATAERR;
	return status;
}
