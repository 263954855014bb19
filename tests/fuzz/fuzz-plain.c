/* fuzz-plain.c: libFuzzer harness of plain mode (plain_main and the run
 * engine under it): whatever a participant types, through a pipe, to
 * the end of the input.
 *
 * A scratch directory holds, made once: a key pair and two vaults
 * (drafts with the cheapest Argon2id), of tests/data/app/plain-types.csv
 * (every type, two languages) and plain-hostile.csv (control characters
 * in its texts). Input: a flag byte, then the typed bytes. Flag bit 0:
 * kiosk mode; bit 1: the hostile form; bits 2-3: --lang none, fr, es
 * (not in the forms), en. Each input is a fresh session; its drafts and
 * responses are removed afterwards. What plain mode writes must hold no
 * control character but newlines, and be valid UTF-8. */
#include <sys/stat.h>

#include <dirent.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/crypto-int.h"
#include "app/run.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	 fuzz_dir[64];
static char	*fuzz_vaults[2];

static void
fuzz_die(const char *what, const char *cause)
{
	fprintf(stderr, "fuzz-plain: %s: %s\n", what, cause);
	exit(1);
}

static int
fuzz_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void
fuzz_cleanup(void)
{
	nftw(fuzz_dir, fuzz_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* Remove every file of dir/sub. */
static void
fuzz_empty(const char *dir, const char *sub)
{
	struct dirent	*de;
	DIR		*d;
	char		*path;

	xasprintf(&path, "%s/%s", dir, sub);
	if ((d = opendir(path)) == NULL)
		abort();
	free(path);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		xasprintf(&path, "%s/%s/%s", dir, sub, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const forms[] = { "plain-types.csv",
	    "plain-hostile.csv" };
	char	*base, *pub, *form, *cause = NULL;
	int	 errnum, err, i;

	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/consult-fuzz-plain.XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL)
		abort();
	atexit(fuzz_cleanup);
	xasprintf(&base, "%s/k", fuzz_dir);
	xasprintf(&pub, "%s/k.pub", fuzz_dir);
	if (vault_keygen_params(base, "fuzz", 4, crypto_pwhash_OPSLIMIT_MIN,
	    crypto_pwhash_MEMLIMIT_MIN, NULL, &errnum, &cause) != 0)
		fuzz_die("keygen", cause);
	for (i = 0; i < 2; i++) {
		xasprintf(&fuzz_vaults[i], "%s/v%d", fuzz_dir, i);
		xasprintf(&form, "%s/tests/data/app/%s", FUZZ_SRCDIR,
		    forms[i]);
		if (vault_init_limits(fuzz_vaults[i], form, pub,
		    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
		    &err, &cause) != 0)
			fuzz_die("init", cause);
		free(form);
	}
	free(pub);
	free(base);
	return 0;
}

/* Nothing a terminal acts on: C0 controls but newline, DEL, C1
 * controls, invalid UTF-8. */
static void
fuzz_check_output(const char *out, size_t len)
{
	const unsigned char	*u = (const unsigned char *)out;
	size_t			 i;

	if (!utf8_valid(out, len, NULL))
		abort();
	for (i = 0; i < len; i++) {
		if ((u[i] < 0x20 && u[i] != '\n') || u[i] == 0x7f)
			abort();
		if (u[i] == 0xc2 && i + 1 < len && u[i + 1] >= 0x80 &&
		    u[i + 1] < 0xa0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { NULL, "fr", "es", "en" };
	struct run_options	 o;
	struct run		*r;
	FILE			*out;
	char			*text = NULL, *cause = NULL;
	size_t			 len = 0;
	int			 fds[2], status;

	if (size == 0 || size > 60000)
		return 0;
	memset(&o, 0, sizeof o);
	o.kiosk = data[0] & 1;
	o.vault = fuzz_vaults[data[0] >> 1 & 1];
	o.lang = langs[data[0] >> 2 & 3];
	if ((r = run_create(&o, &status, &cause)) == NULL) {
		if (cause == NULL || status == 0)
			abort();
		free(cause);
		return 0;
	}
	/* The whole input fits in the pipe: write it, then read it. */
	if (pipe(fds) != 0 || write(fds[1], data + 1, size - 1) !=
	    (ssize_t)(size - 1) || close(fds[1]) != 0)
		abort();
	if ((out = open_memstream(&text, &len)) == NULL)
		abort();
	(void)plain_main(r, fds[0], out);
	fclose(out);
	close(fds[0]);
	fuzz_check_output(text, len);
	free(text);
	run_free(r);
	fuzz_empty(o.vault, "drafts");
	fuzz_empty(o.vault, "responses");
	fuzz_empty(o.vault, "sessions");
	return 0;
}
