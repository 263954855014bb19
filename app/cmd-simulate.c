/* cmd-simulate.c: "consult simulate VAULT --count N [--seed S]": write N
 * random, valid responses through the submission path of run, for testing
 * a form and for load tests. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "app/app.h"
#include "forms/lib.h"
#include "vault/lib.h"

/* At most 5 progress lines a second. */
#define SIMULATE_PROGRESS_NS	200000000L

static int	cmd_simulate_exec(const struct cmd_entry *, struct args *);

static const struct option cmd_simulate_longopts[] = {
	{ "count", required_argument, NULL, 'n' },
	{ "seed", required_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_simulate_entry = {
	.name = "simulate",
	.usage = "VAULT --count N [--seed S]",
	.optstring = "n:s:",
	.longopts = cmd_simulate_longopts,
	.lower = 1,
	.upper = 1,
	.help = "write N random valid responses, for tests and load tests",
	.details =
	    "  -n, --count N  how many responses to write (1 or more)\n"
	    "  -s, --seed S   seed of the generator, a number from 0 to\n"
	    "                 18446744073709551615 (default: a random one)\n"
	    "\n"
	    "Each response answers the questions a participant would see, in\n"
	    "form order, with values the form accepts: relevance, required,\n"
	    "constraints, choice filters and rank limits are obeyed, and\n"
	    "optional questions are left empty now and then. The same seed,\n"
	    "form and day give the same responses; the seed is printed.\n"
	    "Responses are sealed as 'consult run' seals them, but written\n"
	    "1000 to a file with one fsync each, since they are test data.\n"
	    "\n"
	    "The vault is marked as simulated before the first response is\n"
	    "written ('consult status' shows it) and 'consult run' refuses it\n"
	    "from then on; each response also says so inside its sealed\n"
	    "record, and export and report do not count it with real ones\n"
	    "unless --include-simulated. simulate refuses a vault that holds\n"
	    "real responses or drafts. A progress line goes to stderr when it\n"
	    "is a terminal.\n"
	    "\n"
	    "Exit status: 0 written, 2 usage, 65 VAULT holds real responses\n"
	    "or drafts, or the form admits no valid answer to a question (it\n"
	    "is named), or the vault is damaged, 66 VAULT missing or not a\n"
	    "vault, 74 I/O error.\n",
	.exec = cmd_simulate_exec,
};

/* One run of simulate. */
struct simulate_run {
	const struct cmd_entry	*self;
	const char		*dir;
	struct vault		*vault;
	struct vault_writer	*writer;
	struct simulate		*sim;
	struct prng		 r;
	uint64_t		 count;
	uint64_t		 done;
	char			 day[VAULT_DAY_LEN];
	int			 progress;	/* stderr is a terminal */
	struct timespec		 shown;		/* the last progress */
};

/* A decimal number without sign. Returns 0, or -1. */
static int
simulate_number(const char *s, uint64_t *v)
{
	unsigned long long	 n;
	char			*end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (*end != '\0' || errno != 0)
		return -1;
	*v = n;
	return 0;
}

/* Refuse a vault with real responses or drafts. Returns 0, or an exit
 * status after saying why. */
static int
simulate_check_vault(struct simulate_run *s)
{
	struct vault_stats	 st, total;
	char			*cause = NULL;

	if (s->vault->invitations != VAULT_OPEN) {
		cmd_error(s->self, "%s is closed (invitations): each response "
		    "needs an invitation; simulate into a vault of its own "
		    "(consult init)", s->dir);
		return 1;
	}
	if (vault_is_simulated(s->vault))
		return 0;
	if (vault_has_real_responses(s->vault)) {
		cmd_error(s->self, "%s holds real responses; simulate into a "
		    "vault of its own (consult init)", s->dir);
		return EXIT_DATAERR;
	}
	if (vault_stats(&s->vault, 1, &st, &total, &cause) != 0) {
		cmd_error(s->self, "%s", cause);
		free(cause);
		return EXIT_IOERR;
	}
	if (st.drafts != 0) {
		cmd_error(s->self, "%s holds drafts of real participants; "
		    "simulate into a vault of its own (consult init)", s->dir);
		return EXIT_DATAERR;
	}
	return 0;
}

/* Mark the vault and open its writer, in batches. Returns 0, or an exit
 * status after saying why. */
static int
simulate_start(struct simulate_run *s)
{
	char	*cause = NULL;
	int	 err = 0;

	if (vault_mark_simulated(s->vault, &cause) != 0) {
		cmd_error(s->self, "%s", cause);
		free(cause);
		return EXIT_IOERR;
	}
	if ((s->writer = vault_writer_open(s->dir, &err, &cause)) == NULL) {
		cmd_error_lines(s->self, cause);
		free(cause);
		return cmd_vault_status(err);
	}
	vault_writer_set_batch(s->writer, VAULT_BATCH_MAX);
	vault_writer_set_simulated(s->writer);
	return 0;
}

/* "12000 of 100000 (12%)" on stderr, at most 5 times a second. */
static void
simulate_progress(struct simulate_run *s, int last)
{
	struct timespec	 now;
	long		 ns;

	if (!s->progress)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (now.tv_sec - s->shown.tv_sec) * 1000000000L +
	    (now.tv_nsec - s->shown.tv_nsec);
	if (!last && ns < SIMULATE_PROGRESS_NS)
		return;
	s->shown = now;
	fprintf(stderr, "\rconsult: simulate: %" PRIu64 " of %" PRIu64
	    " (%d%%)%s", s->done, s->count,
	    (int)(s->done * 100 / s->count), last ? "\n" : "");
	fflush(stderr);
}

/* Make, encode and submit one response. Returns 0, or an exit status
 * after saying why. */
static int
simulate_one(struct simulate_run *s, struct buf *enc)
{
	const struct form	*f = s->vault->form;
	struct answers		*a;
	char			 receipt[VAULT_RECEIPT_LEN], *cause = NULL;
	int			 status = 0;

	a = answers_create(f, prng_next(&s->r), s->day);
	if (simulate_answers(s->sim, a, &s->r, &cause) != 0) {
		cmd_error_lines(s->self, cause);
		status = EXIT_DATAERR;
		goto out;
	}
	enc->len = 0;
	answers_stamp(a, QUESTION_END);
	answers_encode(a, 1, (uint32_t)f->nquestions, enc);
	if (s->writer == NULL && (status = simulate_start(s)) != 0)
		goto out;
	if (vault_submit(s->writer, enc->data, enc->len, s->day, NULL,
	    receipt, &cause) != 0) {
		cmd_error(s->self, "%s", cause);
		status = EXIT_IOERR;
		goto out;
	}
	s->done++;
out:
	free(cause);
	answers_free(a);
	return status;
}

/* Write the responses, then the last batch. */
static int
simulate_write(struct simulate_run *s)
{
	struct buf	 enc;
	char		*cause = NULL;
	int		 status = 0;

	buf_init(&enc);
	while (s->done < s->count && status == 0) {
		status = simulate_one(s, &enc);
		if ((s->done & 1023) == 0 || s->done == s->count)
			simulate_progress(s, s->done == s->count);
	}
	buf_clear(&enc);
	/* Written and closed: the end record says where the session ends. */
	if (s->writer != NULL && vault_writer_close(s->writer, &cause) != 0) {
		cmd_error(s->self, "%s", cause);
		free(cause);
		if (status == 0)
			status = EXIT_IOERR;
	}
	return status;
}

static int
cmd_simulate_exec(const struct cmd_entry *self, struct args *args)
{
	struct simulate_run	 s;
	uint64_t		 seed;
	char			*cause = NULL;
	int			 err = 0, status;

	memset(&s, 0, sizeof s);
	s.self = self;
	s.dir = args->argv[0];
	if (!args_has(args, 'n') ||
	    simulate_number(args_get(args, 'n'), &s.count) != 0 ||
	    s.count == 0) {
		cmd_error(self, "--count needs a number of responses, 1 or "
		    "more%s%s%s", args_has(args, 'n') ? ", not '" : "",
		    args_has(args, 'n') ? args_get(args, 'n') : "",
		    args_has(args, 'n') ? "'" : "");
		return cmd_usage(self);
	}
	if (!args_has(args, 's'))
		randombytes_buf(&seed, sizeof seed);
	else if (simulate_number(args_get(args, 's'), &seed) != 0) {
		cmd_error(self, "--seed needs a number from 0 to %" PRIu64
		    ", not '%s'", UINT64_MAX, args_get(args, 's'));
		return cmd_usage(self);
	}
	if ((s.vault = vault_open(s.dir, &err, &cause)) == NULL) {
		cmd_error_lines(self, cause);
		free(cause);
		return cmd_vault_status(err);
	}
	if ((status = simulate_check_vault(&s)) == 0) {
		s.sim = simulate_create(s.vault->form);
		prng_init(&s.r, seed);
		vault_today(s.day);
		s.progress = isatty(STDERR_FILENO);
		clock_gettime(CLOCK_MONOTONIC, &s.shown);
		status = simulate_write(&s);
	}
	if (status == 0)
		printf("Wrote %" PRIu64 " simulated responses to %s (seed %"
		    PRIu64 ").\n", s.done, s.dir, seed);
	vault_writer_free(s.writer);
	simulate_free(s.sim);
	vault_free(s.vault);
	return status;
}
