/* fixture.h: helpers shared by the store, draft and walk tests: a
 * temporary directory, a fast analyst key, a vault. */
#ifndef CONSULT_TESTS_VAULT_FIXTURE_H
#define CONSULT_TESTS_VAULT_FIXTURE_H

#include "vault/crypto-int.h"

#define FX_PASS		"pass"
#define FX_FORM		TOP_SRCDIR "/tests/data/vault/form.csv"
#define FX_BAD_FORM	TOP_SRCDIR "/tests/data/vault/bad-form.csv"
#define FX_OTHER_FORM	TOP_SRCDIR "/tests/data/vault/other-form.csv"

/* The test's temporary directory (made by fx_setup). */
extern char	 fx_dir[64];

/* Make fx_dir and initialise libsodium; fx_teardown removes it. */
void		 fx_setup(void);
void		 fx_teardown(void);
/* fx_dir/name, in a static buffer (one of four in turn). */
const char	*fx_path(const char *name);
/* Make the key pair fx_dir/NAME.key, NAME.pub with the fastest Argon2id
 * limits; returns the loaded secret key. */
struct vault_key *fx_key(const char *name);
/* Make vault fx_dir/NAME for the form at form_path and key NAME.pub,
 * fast draft limits; returns its path. */
const char	*fx_vault(const char *name, const char *key);
/* Number of files in fx_dir/name whose name starts with prefix. */
int		 fx_count(const char *dir, const char *prefix);

#endif
