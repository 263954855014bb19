/* cmd.c: the verb table, option parsing, help, and suggestions. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "vault/lib.h"

static int	cmd_help_exec(const struct cmd_entry *, struct args *);

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = "[VERB]",
	.optstring = "",
	.lower = 0,
	.upper = 1,
	.help = "list the verbs, or show one verb's help",
	.exec = cmd_help_exec,
};

/* In the order a consultation uses them, as in SPEC.md. */
const struct cmd_entry *cmd_table[] = {
	&cmd_keygen_entry,
	&cmd_check_entry,
	&cmd_init_entry,
	&cmd_invite_entry,
	&cmd_run_entry,
	&cmd_status_entry,
	&cmd_export_entry,
	&cmd_report_entry,
	&cmd_simulate_entry,
	&cmd_demo_entry,
	&cmd_help_entry,
	NULL
};

const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry	**e;

	for (e = cmd_table; *e != NULL; e++) {
		if (strcmp((*e)->name, name) == 0)
			return *e;
	}
	return NULL;
}

const char *
args_get(const struct args *args, unsigned char c)
{
	return c < 128 ? args->values[c] : NULL;
}

int
args_has(const struct args *args, unsigned char c)
{
	return args_get(args, c) != NULL;
}

/* Write len bytes of s to stderr: control characters (C0, DEL, C1) and
 * invalid UTF-8, which a message may quote from a hostile form or
 * argument, become '?' so that no message can drive the terminal. */
static void
cmd_put_safe(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n;

	while (i < len) {
		n = 1;
		if (u[i] >= 0xc2 && u[i] <= 0xf4)
			n = u[i] < 0xe0 ? 2 : u[i] < 0xf0 ? 3 : 4;
		if (u[i] < 0x20 || u[i] == 0x7f || (u[i] >= 0x80 &&
		    (n == 1 || i + n > len || !utf8_valid(s + i, n, NULL) ||
		    (u[i] == 0xc2 && u[i + 1] < 0xa0)))) {
			fputc('?', stderr);
			i++;
			continue;
		}
		fwrite(s + i, 1, n, stderr);
		i += n;
	}
}

void
cmd_error(const struct cmd_entry *cmd, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "consult: %s: ", cmd->name);
	cmd_put_safe(msg, strlen(msg));
	fputc('\n', stderr);
	free(msg);
}

void
cmd_error_lines(const struct cmd_entry *cmd, const char *cause)
{
	const char	*nl;

	while (*cause != '\0') {
		nl = strchr(cause, '\n');
		if (nl == NULL)
			nl = cause + strlen(cause);
		fprintf(stderr, "consult: %s: ", cmd->name);
		cmd_put_safe(cause, (size_t)(nl - cause));
		fputc('\n', stderr);
		cause = *nl == '\n' ? nl + 1 : nl;
	}
}

int
cmd_usage(const struct cmd_entry *cmd)
{
	fprintf(stderr, "usage: consult %s %s\n", cmd->name, cmd->usage);
	fprintf(stderr, "Try 'consult %s --help'.\n", cmd->name);
	return EXIT_USAGE;
}

int
cmd_help(const struct cmd_entry *cmd)
{
	printf("usage: consult %s %s\n\n%s\n", cmd->name, cmd->usage,
	    cmd->help);
	if (cmd->details != NULL)
		printf("\n%s", cmd->details);
	printf("\n  -h, --help  show this help\n");
	return 0;
}

/* The verb's long options with --help added. Caller frees. */
static struct option *
cmd_longopts(const struct cmd_entry *cmd)
{
	struct option	*opts;
	size_t		 n = 0;

	while (cmd->longopts != NULL && cmd->longopts[n].name != NULL)
		n++;
	opts = xcalloc(n + 2, sizeof *opts);
	if (n != 0)
		memcpy(opts, cmd->longopts, n * sizeof *opts);
	opts[n].name = "help";
	opts[n].has_arg = no_argument;
	opts[n].val = 'h';
	return opts;
}

/* A verb that succeeded fails with 74 if its output could not be
 * written (a closed stdout, a full disk): never a silent exit 0. */
static int
cmd_flush(const struct cmd_entry *cmd, int status)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return status;
	if (status == 0) {
		cmd_error(cmd, "write error: %s",
		    strerror(errno != 0 ? errno : EIO));
		status = EXIT_IOERR;
	}
	return status;
}

int
cmd_run(const struct cmd_entry *cmd, int argc, char **argv)
{
	struct args	 args;
	struct option	*opts;
	char		*optstring;
	int		 c, status = -1;

	memset(&args, 0, sizeof args);
	xasprintf(&optstring, ":h%s", cmd->optstring);
	opts = cmd_longopts(cmd);
	optind = 0;	/* glibc: start afresh (demo runs several verbs) */
	opterr = 0;
	while (status == -1 &&
	    (c = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
		if (c == 'h')
			status = cmd_help(cmd);
		else if (c == '?' || c == ':' || c <= 0 || c >= 128) {
			if (c == ':')
				cmd_error(cmd, "option '%s' needs a value",
				    argv[optind - 1]);
			else
				cmd_error(cmd, "unknown option '%s'",
				    argv[optind - 1]);
			status = cmd_usage(cmd);
		} else
			args.values[c] = optarg != NULL ? optarg : (char *)"";
	}
	free(opts);
	free(optstring);
	if (status != -1)
		return status;
	args.argc = argc - optind;
	args.argv = argv + optind;
	if (args.argc < cmd->lower ||
	    (cmd->upper >= 0 && args.argc > cmd->upper)) {
		cmd_error(cmd, "wrong number of arguments");
		return cmd_usage(cmd);
	}
	return cmd_flush(cmd, cmd->exec(cmd, &args));
}

void
cmd_list(void)
{
	const struct cmd_entry	**e;

	printf("usage: consult VERB [OPTIONS] [ARGS]\n\nVerbs:\n");
	for (e = cmd_table; *e != NULL; e++)
		printf("  %-9s %s\n", (*e)->name, (*e)->help);
	printf("\nOptions:\n  --version  print the version\n"
	    "  --help     this list\n\n"
	    "Run 'consult VERB --help' for a verb's options and arguments.\n"
	    "Exit status: 0 success, 2 usage error, 65 invalid form or data,\n"
	    "66 missing input, 74 I/O failure, 77 wrong passphrase or key,\n"
	    "1 anything else.\n");
}

static int
cmd_help_exec(const struct cmd_entry *self, struct args *args)
{
	const struct cmd_entry	*cmd;

	if (args->argc == 0) {
		cmd_list();
		return 0;
	}
	if ((cmd = cmd_find(args->argv[0])) == NULL) {
		cmd_error(self, "unknown verb '%s'", args->argv[0]);
		return EXIT_USAGE;
	}
	return cmd_help(cmd);
}
