/* crash-writer.c: a helper of tests/vault/test-crash.sh: many of these
 * submit to one vault at once and are killed at random instants; then
 * one walks the vault and prints what opens.
 *
 * usage: crash-writer setup DIR        key DIR/k.key, k.pub; vault DIR/v
 *        crash-writer write VAULT ID [N] submit until killed (or N times);
 *                                      log "begin ID N", "done ID N RECEIPT"
 *        crash-writer draft VAULT      save a draft; print its resume code
 *        crash-writer check DIR        "ok STORY RECEIPT", "bad FILE: why" */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/crypto-int.h"

#define CRASH_PASS	"crash"
#define CRASH_MARKER	"secret-marker"

/* Write a log line at once: a killed process loses nothing written. */
static void
crash_log(const char *fmt, ...) PRINTFLIKE(1, 2);

static void
crash_log(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(&s, fmt, ap);
	va_end(ap);
	if (write(STDOUT_FILENO, s, (size_t)n) != n)
		exit(1);
	free(s);
}

static int
crash_die(const char *what, char *cause)
{
	fprintf(stderr, "crash-writer: %s: %s\n", what, cause);
	free(cause);
	return 1;
}

static int
crash_setup(const char *dir, const char *form)
{
	char	*base, *pub, *vault, *cause = NULL;
	int	 errnum, err;

	xasprintf(&base, "%s/k", dir);
	xasprintf(&pub, "%s/k.pub", dir);
	xasprintf(&vault, "%s/v", dir);
	if (vault_keygen_params(base, CRASH_PASS, strlen(CRASH_PASS),
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, NULL,
	    &errnum, &cause) != 0)
		return crash_die("keygen", cause);
	if (vault_init_limits(vault, form, pub, crypto_pwhash_OPSLIMIT_MIN,
	    crypto_pwhash_MEMLIMIT_MIN, &err, &cause) != 0)
		return crash_die("init", cause);
	free(base);
	free(pub);
	free(vault);
	return 0;
}

static int
crash_write(const char *dir, const char *id, unsigned long count)
{
	struct vault_writer	*w;
	char			 receipt[VAULT_RECEIPT_LEN], *story, *cause;
	unsigned long		 n;
	int			 err;

	if ((w = vault_writer_open(dir, &err, &cause)) == NULL)
		return crash_die("open", cause);
	for (n = 0; count == 0 || n < count; n++) {
		/* The store takes any bytes; the story stands for the
		 * encoded answers (forms/ is not under test here). */
		xasprintf(&story, "%s-%s-%lu", CRASH_MARKER, id, n);
		crash_log("begin %s %lu\n", id, n);
		if (vault_submit(w, story, strlen(story), NULL, NULL, receipt,
		    &cause) != 0)
			return crash_die("submit", cause);
		wipe_free(story);
		crash_log("done %s %lu %s\n", id, n, receipt);
		/* A pause, so that the vault stays small enough to remove
		 * quickly; kills still land mostly inside writes. */
		usleep(2000 + randombytes_uniform(3000));
	}
	vault_writer_free(w);
	return 0;
}

static int
crash_draft(const char *dir)
{
	struct vault		*v;
	struct vault_draft	*d;
	static const char	 text[] = CRASH_MARKER "-draft";
	char			 code[VAULT_CODE_LEN], *cause;
	int			 err;

	if ((v = vault_open(dir, &err, &cause)) == NULL)
		return crash_die("open", cause);
	if ((d = vault_draft_create(v, code, &cause)) == NULL ||
	    vault_draft_save(d, text, sizeof text - 1, &cause) != 0)
		return crash_die("draft", cause);
	printf("%s\n", code);
	vault_draft_free(d);
	vault_free(v);
	return 0;
}

static int
crash_record(const struct vault_record *r, void *arg)
{
	(void)arg;
	printf("ok %.*s %.8s-%llu\n", (int)r->len, (const char *)r->plain,
	    r->session, (unsigned long long)r->index);
	return 0;
}

static void
crash_bad(const char *file, const char *why, void *arg)
{
	(void)arg;
	printf("bad %s: %s\n", file, why);
}

static int
crash_check(const char *dir)
{
	struct vault_key	*key;
	struct vault_set	*set;
	struct vault_walk_cb	 cb;
	struct vault_walk_stats	 st;
	char			*path, *vault, *cause = NULL;
	int			 errnum, err;

	xasprintf(&path, "%s/k.key", dir);
	xasprintf(&vault, "%s/v", dir);
	if ((key = vault_key_load(path, CRASH_PASS, strlen(CRASH_PASS),
	    &errnum, &cause)) == NULL)
		return crash_die("key", cause);
	if ((set = vault_set_open(&vault, 1, key, &err, &cause)) == NULL)
		return crash_die("vault", cause);
	memset(&cb, 0, sizeof cb);
	cb.record = crash_record;
	cb.bad = crash_bad;
	cb.decode = 0;
	if (vault_set_walk(set, &cb, &st, &cause) != 0)
		return crash_die("walk", cause);
	vault_set_free(set);
	vault_key_free(key);
	free(path);
	free(vault);
	return 0;
}

int
main(int argc, char **argv)
{
	if (sodium_init() < 0)
		return 1;
	if (argc == 4 && strcmp(argv[1], "setup") == 0)
		return crash_setup(argv[2], argv[3]);
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "write") == 0)
		return crash_write(argv[2], argv[3], argc == 5 ?
		    strtoul(argv[4], NULL, 10) : 0);
	if (argc == 3 && strcmp(argv[1], "draft") == 0)
		return crash_draft(argv[2]);
	if (argc == 3 && strcmp(argv[1], "check") == 0)
		return crash_check(argv[2]);
	fprintf(stderr, "usage: crash-writer setup DIR FORM | write VAULT ID "
	    "[N] | draft VAULT | check DIR\n");
	return 2;
}
