/* app.h: the consult program: verbs, exit statuses, messages. */
#ifndef CONSULT_APP_H
#define CONSULT_APP_H

#include <getopt.h>

#include "lib/lib.h"

/* Exit statuses of SPEC.md (sysexits.h values). */
#define EXIT_USAGE	2
#define EXIT_DATAERR	65
#define EXIT_NOINPUT	66
#define EXIT_IOERR	74
#define EXIT_NOPERM	77

/* A verb's parsed command line: the value of each option (by its short
 * letter; "" for a flag given) and the positional arguments. */
struct args {
	char		*values[128];
	int		 argc;
	char		**argv;
};

/* One verb: tmux's cmd_entry. cmd.c parses the options with
 * getopt_long, checks the count of arguments, then calls exec, which
 * returns an exit status. Every long option has a short letter. */
struct cmd_entry {
	const char	*name;
	const char	*usage;		/* "FORM" after "consult check " */
	const char	*optstring;	/* getopt string */
	const struct option *longopts;	/* may be NULL */
	int		 lower;		/* positional arguments allowed */
	int		 upper;		/* -1 for no limit */
	const char	*help;		/* one line for "consult help" */
	const char	*details;	/* option lines for --help, or NULL */
	int		 (*exec)(const struct cmd_entry *, struct args *);
};

/* The value of option c, or NULL when not given. */
const char *args_get(const struct args *, unsigned char);
/* 1 if option c was given. */
int	 args_has(const struct args *, unsigned char);

extern const struct cmd_entry *cmd_table[];

/* The verb with this name, or NULL. */
const struct cmd_entry *cmd_find(const char *);
/* Print "consult: VERB: message" to stderr. */
void	 cmd_error(const struct cmd_entry *, const char *, ...)
	     PRINTFLIKE(2, 3);
/* Print the usage line and return EXIT_USAGE. */
int	 cmd_usage(const struct cmd_entry *);
/* Print the full --help of a verb to stdout; returns 0. */
int	 cmd_help(const struct cmd_entry *);
/* Print a cause that may hold several lines, each prefixed. */
void	 cmd_error_lines(const struct cmd_entry *, const char *);
/* Parse argv (argv[0] is the verb) and run the verb; exit status. */
int	 cmd_run(const struct cmd_entry *, int, char **);
/* Print the list of verbs. */
void	 cmd_list(void);

/* passphrase.c: passphrases and secret keys. */
struct vault_key;
/* Read a passphrase from the first line of file, or (file NULL) from the
 * terminal without echo, asked twice when confirm (a new passphrase, which
 * may not be empty). Returns it NUL-terminated in locked memory (free with
 * passphrase_free) with *len, or NULL after printing why, with *status
 * the exit status. */
char	*passphrase_read(const struct cmd_entry *, const char *file,
	     int confirm, size_t *len, int *status);
/* Wipe and free a passphrase; NULL does nothing. */
void	 passphrase_free(char *);
/* Ask the passphrase (from passfile or the terminal) and open the secret
 * key file path. Returns the key (free with vault_key_free), or NULL after
 * printing why, with *status 66 (missing), 77 (wrong passphrase, damaged
 * key), 74 or 1. */
struct vault_key *app_key_load(const struct cmd_entry *, const char *path,
	     const char *passfile, int *status);

/* The exit status for a vault error (enum vault_err). */
int	 cmd_vault_status(int);

extern const struct cmd_entry cmd_keygen_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_invite_entry;
extern const struct cmd_entry cmd_run_entry;
extern const struct cmd_entry cmd_status_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_simulate_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_help_entry;

#endif
