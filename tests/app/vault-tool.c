/* vault-tool.c: a helper of the whole-program tests in tests/app.
 *
 * vault-tool dump KEYFILE PASSPHRASE-FILE VAULT...
 *	Open each vault with the analyst's key and print every response as
 *	"name=value" lines after "response DAY complete=N", so that a test
 *	can check what "consult run" submitted; each vault after a line
 *	"vault DIR". The key is opened once (Argon2id is slow on purpose).
 * vault-tool init VAULT FORM PUBKEY
 *	"consult init" with the cheapest Argon2id for drafts, so that a test
 *	can start many sessions quickly.
 * vault-tool keygen NAME PASSPHRASE-FILE
 *	"consult keygen" with the cheapest Argon2id, so that each export
 *	or report with NAME.key is quick (under valgrind too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vault/crypto-int.h"
#include "vault/lib.h"

/* Print a value on one line: newlines as \n, backslashes doubled. */
static void
dump_value(const char *v)
{
	for (; *v != '\0'; v++) {
		if (*v == '\n')
			fputs("\\n", stdout);
		else if (*v == '\\')
			fputs("\\\\", stdout);
		else
			putchar(*v);
	}
}

static int
dump_record(const struct vault_record *rec, void *arg)
{
	const struct form	*form = arg;
	const char		*v;
	size_t			 q;

	printf("response %s complete=%d\n", rec->day, rec->complete);
	for (q = 0; q < form->nquestions; q++) {
		if (!question_stores(&form->questions[q]))
			continue;
		v = answers_get(rec->answers, (int)q);
		if (*v == '\0')
			continue;
		printf("%s=", form->questions[q].name);
		dump_value(v);
		putchar('\n');
	}
	return 0;
}

static void
dump_bad(const char *file, const char *why, void *arg)
{
	(void)arg;
	printf("bad %s: %s\n", file, why);
}

/* Print every response of one vault. Returns 0 or 1. */
static int
dump_vault(char *dir, const struct vault_key *key)
{
	struct vault_walk_cb	 cb;
	struct vault_walk_stats	 stats;
	struct vault_set	*set;
	char			*cause = NULL;
	int			 err, rc;

	printf("vault %s\n", dir);
	if ((set = vault_set_open(&dir, 1, key, &err, &cause)) == NULL) {
		fprintf(stderr, "vault-tool: %s\n", cause);
		free(cause);
		return 1;
	}
	memset(&cb, 0, sizeof cb);
	cb.record = dump_record;
	cb.bad = dump_bad;
	cb.arg = (void *)vault_set_form(set);
	cb.decode = 1;
	if ((rc = vault_set_walk(set, &cb, &stats, &cause)) != 0)
		fprintf(stderr, "vault-tool: %s\n", cause);
	printf("opened %zu bad %zu\n", stats.opened, stats.bad);
	vault_set_free(set);
	free(cause);
	return rc == 0 ? 0 : 1;
}

/* Read the first line of a file into pass. Returns its length or -1. */
static int
dump_passphrase(const char *path, char *pass, size_t size)
{
	FILE	*f;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	if (fgets(pass, (int)size, f) == NULL)
		pass[0] = '\0';
	fclose(f);
	pass[strcspn(pass, "\r\n")] = '\0';
	return (int)strlen(pass);
}

static int
dump(int argc, char **argv)
{
	struct vault_key	*key;
	char			 pass[1024], *cause = NULL;
	int			 err, len, i, rc = 0;

	if ((len = dump_passphrase(argv[1], pass, sizeof pass)) < 0) {
		fprintf(stderr, "vault-tool: cannot read %s\n", argv[1]);
		return 1;
	}
	key = vault_key_load(argv[0], pass, (size_t)len, &err, &cause);
	sodium_memzero(pass, sizeof pass);
	if (key == NULL) {
		fprintf(stderr, "vault-tool: %s\n", cause);
		free(cause);
		return 77;
	}
	for (i = 2; i < argc && rc == 0; i++)
		rc = dump_vault(argv[i], key);
	vault_key_free(key);
	return rc;
}

static int
keygen(const char *name, const char *passfile)
{
	unsigned char	 pk[VAULT_KEY_BYTES];
	char		 pass[1024], *cause = NULL;
	int		 errnum, len, rc;

	if ((len = dump_passphrase(passfile, pass, sizeof pass)) <= 0) {
		fprintf(stderr, "vault-tool: cannot read %s\n", passfile);
		return 1;
	}
	rc = vault_keygen_params(name, pass, (size_t)len,
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, pk,
	    &errnum, &cause);
	sodium_memzero(pass, sizeof pass);
	if (rc != 0) {
		fprintf(stderr, "vault-tool: %s\n", cause);
		free(cause);
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	char	*cause = NULL;
	int	 err;

	if (sodium_init() < 0)
		return 1;
	if (argc >= 5 && strcmp(argv[1], "dump") == 0)
		return dump(argc - 2, argv + 2);
	if (argc == 4 && strcmp(argv[1], "keygen") == 0)
		return keygen(argv[2], argv[3]);
	if (argc == 5 && strcmp(argv[1], "init") == 0) {
		if (vault_init_limits(argv[2], argv[3], argv[4],
		    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
		    &err, &cause) == 0)
			return 0;
		fprintf(stderr, "vault-tool: %s\n", cause);
		free(cause);
		return 1;
	}
	fprintf(stderr, "usage: vault-tool dump KEY PASSFILE VAULT...\n"
	    "       vault-tool init VAULT FORM PUBKEY\n"
	    "       vault-tool keygen NAME PASSFILE\n");
	return 2;
}
