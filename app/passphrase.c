/* passphrase.c: passphrases, read from the terminal without echo or from
 * the first line of a file (never from argv), into locked memory; and
 * the loading of a secret key with one. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "app/app.h"
#include "vault/lib.h"

/* Longest passphrase accepted, in bytes. */
#define PASSPHRASE_MAX	1024
/* Shortest new passphrase, in characters: see "The analyst's
 * passphrase" in vault/README. */
#define PASSPHRASE_MIN	12

/* The signal that interrupted a prompt (OpenBSD readpassphrase's way):
 * the handler only notes it; the prompt puts the terminal back, then
 * sends the signal to itself again with its old disposition, and asks
 * again if it comes back from a stop. */
static volatile sig_atomic_t tty_signo;

static const int	 tty_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
			     SIGTSTP, SIGTTIN, SIGTTOU };
#define NSIGNALS	(sizeof tty_signals / sizeof tty_signals[0])

static void
passphrase_signal(int sig)
{
	tty_signo = sig;
}

void
passphrase_free(char *pass)
{
	if (pass != NULL)
		sodium_free(pass);	/* zeroes first */
}

/* Read bytes up to a newline (not kept), EOF or max from fd into p. With
 * wait (the terminal, whose signals are blocked), wait for input with
 * those signals let through, so that one cannot slip in just before a
 * read that would then block for good. Returns the length, -1 on a read
 * error or a caught signal, -2 if the line is too long. */
static ssize_t
passphrase_line(int fd, char *p, size_t max, const sigset_t *wait)
{
	struct pollfd	 pfd;
	size_t		 len = 0;
	ssize_t		 n;
	char		 c;

	for (;;) {
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (wait != NULL && ppoll(&pfd, 1, NULL, wait) < 0) {
			if (errno == EINTR && tty_signo == 0)
				continue;
			return -1;
		}
		n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0 || c == '\n')
			break;
		if (len == max)
			return -2;
		p[len++] = c;
	}
	if (len > 0 && p[len - 1] == '\r')
		len--;
	p[len] = '\0';
	return (ssize_t)len;
}

/* Ask once on the terminal fd with echo off, the signals caught. */
static ssize_t
passphrase_prompt(int fd, const char *prompt, char *p)
{
	struct sigaction	 sa, old[NSIGNALS];
	struct termios		 saved, t;
	sigset_t		 block, unblocked;
	ssize_t			 n;
	size_t			 i;

	if (tcgetattr(fd, &saved) != 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = passphrase_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (i = 0; i < NSIGNALS; i++)
		sigaddset(&block, tty_signals[i]);
	sigprocmask(SIG_BLOCK, &block, &unblocked);
	for (i = 0; i < NSIGNALS; i++)
		sigaction(tty_signals[i], &sa, &old[i]);
	t = saved;
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
	t.c_lflag |= ECHONL;
	/* Echo off first (dropping what was typed too early), then ask. */
	if (tcsetattr(fd, TCSAFLUSH, &t) != 0 ||
	    write(fd, prompt, strlen(prompt)) < 0)
		n = -1;
	else
		n = passphrase_line(fd, p, PASSPHRASE_MAX, &unblocked);
	tcsetattr(fd, TCSAFLUSH, &saved);
	for (i = 0; i < NSIGNALS; i++)
		sigaction(tty_signals[i], &old[i], NULL);
	sigprocmask(SIG_SETMASK, &unblocked, NULL);
	return n;
}

/* Ask until answered: a stop (^Z) puts the terminal back and asks again
 * on return; another signal acts as it would have without us. */
static ssize_t
passphrase_ask(int fd, const char *prompt, char *p)
{
	ssize_t	 n;
	int	 sig;

	for (;;) {
		tty_signo = 0;
		n = passphrase_prompt(fd, prompt, p);
		if ((sig = tty_signo) == 0)
			return n;
		if (write(fd, "\n", 1) < 0)
			return -1;
		kill(getpid(), sig);
		if (sig != SIGTSTP && sig != SIGTTIN && sig != SIGTTOU) {
			errno = EINTR;
			return -1;
		}
	}
}

/* Say the rule for a new passphrase and offer one drawn from
 * libsodium's random bytes (written on the terminal only). */
static void
passphrase_suggest(int fd)
{
	char	 made[VAULT_PASS_SUGGEST_LEN], *line;

	vault_passphrase_make(made);
	xasprintf(&line, "At least %d characters. A passphrase made for you, "
	    "if you want it:\n  %s\n", PASSPHRASE_MIN, made);
	/* A failed write: the prompt that follows will fail and say it. */
	(void)!write(fd, line, strlen(line));
	sodium_memzero(made, sizeof made);
	sodium_memzero(line, strlen(line));
	free(line);
}

/* Characters (UTF-8 code points) in p. */
static size_t
passphrase_chars(const char *p, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)p[i] & 0xc0) != 0x80;
	return n;
}

/* Read the passphrase from /dev/tty into p (twice when confirm). */
static int
passphrase_tty(const struct cmd_entry *cmd, int confirm, char *p,
    size_t *len)
{
	char	*again = NULL;
	ssize_t	 n, m;
	int	 fd, status = 1;

	if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) == -1) {
		cmd_error(cmd, "no terminal to ask the passphrase on; use "
		    "--passphrase-file FILE");
		return EXIT_USAGE;
	}
	if (confirm)
		passphrase_suggest(fd);
	n = passphrase_ask(fd, confirm ? "New passphrase: " : "Passphrase: ",
	    p);
	if (n >= 0 && confirm) {
		if ((again = sodium_malloc(PASSPHRASE_MAX + 1)) == NULL) {
			cmd_error(cmd, "cannot allocate locked memory");
			goto out;
		}
		m = passphrase_ask(fd, "Same passphrase again: ", again);
		if (m >= 0 && (m != n || sodium_memcmp(p, again, n) != 0)) {
			cmd_error(cmd, "the passphrases differ");
			goto out;
		}
		if (m < 0)
			n = m;
	}
	if (n == -2)
		cmd_error(cmd, "passphrase longer than %d bytes",
		    PASSPHRASE_MAX);
	else if (n < 0) {
		cmd_error(cmd, "cannot read the passphrase: %s",
		    strerror(errno));
		status = EXIT_IOERR;
	} else {
		*len = (size_t)n;
		status = 0;
	}
out:
	passphrase_free(again);
	close(fd);
	return status;
}

/* Read the first line of file into p. */
static int
passphrase_file(const struct cmd_entry *cmd, const char *file, char *p,
    size_t *len)
{
	ssize_t	 n;
	int	 fd, saved;

	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1) {
		saved = errno;
		cmd_error(cmd, "%s: %s", file, strerror(saved));
		return saved == ENOENT ? EXIT_NOINPUT : EXIT_IOERR;
	}
	n = passphrase_line(fd, p, PASSPHRASE_MAX, NULL);
	saved = errno;
	close(fd);
	if (n == -2) {
		cmd_error(cmd, "%s: passphrase longer than %d bytes", file,
		    PASSPHRASE_MAX);
		return 1;
	}
	if (n < 0) {
		cmd_error(cmd, "%s: %s", file, strerror(saved));
		return EXIT_IOERR;
	}
	*len = (size_t)n;
	return 0;
}

char *
passphrase_read(const struct cmd_entry *cmd, const char *file, int confirm,
    size_t *len, int *status)
{
	char	*p;

	if ((p = sodium_malloc(PASSPHRASE_MAX + 1)) == NULL) {
		cmd_error(cmd, "cannot allocate locked memory");
		*status = 1;
		return NULL;
	}
	if (file != NULL)
		*status = passphrase_file(cmd, file, p, len);
	else
		*status = passphrase_tty(cmd, confirm, p, len);
	if (*status == 0 && confirm && *len == 0) {
		cmd_error(cmd, "the passphrase is empty");
		*status = 1;
	} else if (*status == 0 && confirm &&
	    passphrase_chars(p, *len) < PASSPHRASE_MIN) {
		cmd_error(cmd, "the passphrase is too short: it needs at least "
		    "%d characters (four words, or one that keygen makes on "
		    "the terminal)", PASSPHRASE_MIN);
		*status = 1;
	}
	if (*status != 0) {
		passphrase_free(p);
		return NULL;
	}
	return p;
}

struct vault_key *
app_key_load(const struct cmd_entry *cmd, const char *path,
    const char *passfile, int *status)
{
	struct vault_key	*key;
	char			*pass, *cause = NULL;
	size_t			 len;
	int			 errnum;

	if (access(path, F_OK) != 0 && errno == ENOENT) {
		cmd_error(cmd, "%s: %s", path, strerror(ENOENT));
		*status = EXIT_NOINPUT;
		return NULL;
	}
	if ((pass = passphrase_read(cmd, passfile, 0, &len, status)) == NULL)
		return NULL;
	key = vault_key_load(path, pass, len, &errnum, &cause);
	passphrase_free(pass);
	if (key == NULL) {
		cmd_error(cmd, "%s", cause);
		free(cause);
		if (errnum == 0)
			*status = EXIT_NOPERM;
		else if (errnum == ENOENT)
			*status = EXIT_NOINPUT;
		else
			*status = errnum == ENOMEM ? 1 : EXIT_IOERR;
		return NULL;
	}
	*status = 0;
	return key;
}
