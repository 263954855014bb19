/* fixture.c: helpers shared by the store, draft and walk tests. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "tests/vault/fixture.h"

char	 fx_dir[64];

void
fx_setup(void)
{
	cr_assert(sodium_init() >= 0);
	snprintf(fx_dir, sizeof fx_dir, "%s/consult-vault-XXXXXX",
	    getenv("TMPDIR") != NULL && strlen(getenv("TMPDIR")) < 30 ?
	    getenv("TMPDIR") : "/tmp");
	cr_assert_not_null(mkdtemp(fx_dir));
}

void
fx_teardown(void)
{
	char	 cmd[256];

	snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", fx_dir,
	    fx_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", fx_dir);
}

const char *
fx_path(const char *name)
{
	static char	 paths[4][256];
	static int	 n;

	n = (n + 1) % 4;
	snprintf(paths[n], sizeof paths[n], "%s/%s", fx_dir, name);
	return paths[n];
}

struct vault_key *
fx_key(const char *name)
{
	struct vault_key	*k;
	char			 path[256], *cause = NULL;
	int			 errnum = 0;

	snprintf(path, sizeof path, "%s/%s.key", fx_dir, name);
	if (access(path, F_OK) != 0) {
		cr_assert_eq(vault_keygen_params(fx_path(name), FX_PASS,
		    strlen(FX_PASS), crypto_pwhash_OPSLIMIT_MIN,
		    crypto_pwhash_MEMLIMIT_MIN, NULL, &errnum, &cause), 0,
		    "keygen: %s", cause);
	}
	k = vault_key_load(path, FX_PASS, strlen(FX_PASS), &errnum, &cause);
	cr_assert_not_null(k, "key load: %s", cause);
	return k;
}

const char *
fx_vault(const char *name, const char *key)
{
	static char	 dir[256];
	char		 pub[256], *cause = NULL;
	int		 err = 0;

	snprintf(pub, sizeof pub, "%s/%s.pub", fx_dir, key);
	snprintf(dir, sizeof dir, "%s/%s", fx_dir, name);
	if (access(pub, F_OK) != 0)
		vault_key_free(fx_key(key));
	cr_assert_eq(vault_init_limits(dir, FX_FORM, pub,
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, &err,
	    &cause), 0, "init: %s", cause);
	return dir;
}

int
fx_count(const char *dir, const char *prefix)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 &&
		    strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return n;
}
