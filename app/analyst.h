/* analyst.h: what `consult export` and `consult report` share: the
 * vaults opened with the analyst's key, every response walked once with
 * bad records reported and a progress bar. */
#ifndef CONSULT_ANALYST_H
#define CONSULT_ANALYST_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "app/app.h"
#include "exports/lib.h"
#include "vault/lib.h"

/* The options both verbs read, by their short letters. */
#define ANALYST_OPT_KEY		'k'
#define ANALYST_OPT_BY		'b'
#define ANALYST_OPT_LANG	'l'
#define ANALYST_OPT_SKIP_BAD	's'
#define ANALYST_OPT_PASSFILE	'P'
#define ANALYST_OPT_INCLUDE_SIM	'S'	/* --include-simulated, no short */

/* Open the key and the vaults; then walk them. */
struct analyst {
	const struct cmd_entry *cmd;
	char		**dirs;		/* borrowed from the arguments */
	size_t		 ndirs;
	struct vault	**vaults;	/* opened without the key */
	const struct form *form;	/* vaults[0]'s; borrowed */
	size_t		 lang;
	int		 by;		/* the --by question, or -1 */
	int		 skip_bad;
	int		 include_sim;	/* --include-simulated */
	struct vault_key *key;		/* NULL when not needed */
	struct vault_set *set;

	size_t		 opened;	/* responses handed to the caller */
	size_t		 bad;		/* records that did not open */
	size_t		 real;		/* of opened: real responses */
	size_t		 simulated;	/* and simulated ones */
	size_t		 unfinished;	/* sessions without an end record */
	size_t		 uninvited;	/* closed vaults: no valid proof */
	size_t		 reused;	/* a second for one invitation */

	/* The progress bar on stderr, when it is a terminal. */
	int		 tty;
	int		 shown;		/* a bar is on the screen */
	size_t		 total;		/* responses the vaults hold */
	struct timespec	 start;
	struct timespec	 drawn;

	int		 (*record)(const struct vault_record *, void *);
	void		*arg;
};

/* Open the vaults named by the arguments, check --lang and --by against
 * their form, then (if need_key) read the passphrase, load --key and
 * check it opens every vault. Returns 0, or an exit status after
 * printing why. Clear with analyst_clear either way. */
int		 analyst_open(struct analyst *, const struct cmd_entry *,
		     struct args *, int need_key);
/* Call record for every response once (answers decoded); bad records
 * are reported on stderr with their file and skipped. Simulated
 * responses among real ones stop the walk with 65 (after saying why)
 * unless --include-simulated. record returns 0,
 * or an exit status (after printing why) that stops the walk. Returns 0
 * or an exit status. */
int		 analyst_walk(struct analyst *,
		     int (*record)(const struct vault_record *, void *),
		     void *arg);
/* Print how many real and simulated responses were read, a note on
 * sessions cut short if any, then the count of bad records (the last
 * line on stderr) if any, and give the exit status: status, or 65 for
 * bad records without --skip-bad. */
int		 analyst_done(struct analyst *, int status);
void		 analyst_clear(struct analyst *);
/* The id of a response in exports: the first 16 hex digits of its
 * session, '-', its index (the participant's receipt shows the first 8
 * digits and the index). */
void		 analyst_response_id(const struct vault_record *,
		     char id[40]);

/* output.c: -o FILE, written atomically. */
/* Open a temporary file (mode 0600) beside path. Returns it, or NULL
 * after printing why with *status 74. */
FILE		*output_create(const struct cmd_entry *, const char *path,
		     int *status);
/* Close the temporary file and, if ok, fsync it and move it over path
 * (the directory fsync'd too); else remove it. Returns the exit status
 * (0, or 74 after printing why). */
int		 output_commit(const struct cmd_entry *, FILE *,
		     const char *path, int ok);

/* output-dir.c: -o DIR, a directory of files written atomically. */
/* A temporary directory beside path (which must be missing or an empty
 * directory). Returns it (caller passes it to output_dir_commit), or
 * NULL after printing why with *status set. */
char		*output_dir_create(const struct cmd_entry *, const char *path,
		     int *status);
/* Open name (mode 0600) in the temporary directory; NULL after printing
 * why with *status 74. */
FILE		*output_dir_file(const struct cmd_entry *, const char *tmp,
		     const char *name, int *status);
/* Close the n files (NULL ones skipped) and, if ok, fsync them and
 * rename the directory to path; else remove it. Frees tmp. Returns the
 * exit status. */
int		 output_dir_commit(const struct cmd_entry *, char *tmp,
		     FILE **files, char *const *names, size_t n,
		     const char *path, int ok);

#endif
