/* fuzz-keyfile.c: libFuzzer harness of the key file readers: the
 * passphrase-sealed secret key (vault_key_load) and the public key line
 * (vault_pubkey_load), both read from files a user names.
 *
 * Input: one flag byte, then the file's bytes. Flag bit 0 clear: a
 * secret key file, opened with the passphrase "fuzz"; set: a public key
 * file. Secret key files whose Argon2id limits are in range but costly
 * (over 1 MiB or 4 passes) are skipped: they test only Argon2id's time. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/crypto-int.h"

#define FUZZ_PASS	"fuzz"
#define FUZZ_MEM_MAX	(1U << 20)
#define FUZZ_OPS_MAX	4

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	*fuzz_path;

static void
fuzz_cleanup(void)
{
	char	*dir;

	unlink(fuzz_path);
	dir = xstrdup(fuzz_path);
	*strrchr(dir, '/') = '\0';
	rmdir(dir);
	free(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	 dir[] = "/tmp/consult-fuzz-keyfile.XXXXXX";

	(void)argc;
	(void)argv;
	if (sodium_init() < 0 || mkdtemp(dir) == NULL)
		abort();
	xasprintf(&fuzz_path, "%s/input", dir);
	atexit(fuzz_cleanup);
	return 0;
}

static uint64_t
fuzz_get64(const uint8_t *p)
{
	uint64_t	 v = 0;
	int		 i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static void
fuzz_write(const uint8_t *data, size_t size)
{
	FILE	*fp;

	if ((fp = fopen(fuzz_path, "wb")) == NULL ||
	    fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
		perror(fuzz_path);
		abort();
	}
}

static void
fuzz_secret(const uint8_t *data, size_t size)
{
	struct vault_key	*key;
	unsigned char		 pk[VAULT_KEY_BYTES];
	char			*cause = NULL;
	int			 errnum = -1;

	/* Magic 8, version 1, algorithm 1, zero 2, then ops, mem. */
	if (size >= 28 && (fuzz_get64(data + 12) > FUZZ_OPS_MAX ||
	    fuzz_get64(data + 20) > FUZZ_MEM_MAX) &&
	    fuzz_get64(data + 12) <= 32 &&
	    fuzz_get64(data + 20) <= 2ULL * 1024 * 1024 * 1024)
		return;
	fuzz_write(data, size);
	key = vault_key_load(fuzz_path, FUZZ_PASS, strlen(FUZZ_PASS),
	    &errnum, &cause);
	if (key == NULL) {
		if (cause == NULL || *cause == '\0' || errnum == -1)
			abort();
		free(cause);
		return;
	}
	if (cause != NULL)
		abort();
	/* The public half must be the secret half's. */
	if (crypto_scalarmult_base(pk, vault_key_secret(key)) != 0 ||
	    memcmp(pk, vault_key_public(key), sizeof pk) != 0)
		abort();
	vault_key_free(key);
}

static void
fuzz_public(const uint8_t *data, size_t size)
{
	unsigned char	 pk[VAULT_KEY_BYTES];
	struct buf	 b;
	char		*cause = NULL;
	int		 errnum = -1;

	fuzz_write(data, size);
	if (vault_pubkey_load(fuzz_path, pk, &errnum, &cause) != 0) {
		if (cause == NULL || *cause == '\0' || errnum == -1)
			abort();
		free(cause);
		return;
	}
	if (cause != NULL)
		abort();
	/* A key that loads formats back to a file that loads the same. */
	buf_init(&b);
	vault_pubkey_format(pk, &b);
	if (b.len - 1 > size || memcmp(b.data, data, b.len - 1) != 0)
		abort();
	buf_clear(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 1)
		fuzz_public(data + 1, size - 1);
	else
		fuzz_secret(data + 1, size - 1);
	return 0;
}
