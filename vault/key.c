/* key.c: the analyst's X25519 key pair: making it, the passphrase-sealed
 * secret key file (Argon2id + XChaCha20-Poly1305) and the public key file.
 *
 * NAME.key (KEY_FILE_BYTES, mode 0600) holds, in this order: the magic
 * "CONSULTK", a version byte, the algorithm (crypto_pwhash_ALG_ARGON2ID13),
 * two zero bytes, the Argon2id opslimit and memlimit (64-bit little
 * endian, so they can be raised later), the salt, the nonce, and the
 * AEAD ciphertext of secret key || public key under the Argon2id key,
 * with everything before it as associated data (so a changed parameter is
 * detected too). The public half inside lets a load check that the secret
 * key is the one written. NAME.pub is one line: VAULT_PUB_PREFIX then the
 * Base64 of the public key. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/crypto-int.h"

struct vault_key {
	unsigned char	 sk[VAULT_KEY_BYTES];
	unsigned char	 pk[VAULT_KEY_BYTES];
};
/* key_seal and key_open treat the struct as sk || pk. */
_Static_assert(sizeof(struct vault_key) == 2 * VAULT_KEY_BYTES,
    "struct vault_key has padding");

/* The key that seals the secret key: Argon2id of the passphrase. */
static int
key_derive(unsigned char out[crypto_aead_xchacha20poly1305_ietf_KEYBYTES],
    const char *pass, size_t passlen, const unsigned char *salt,
    unsigned long long ops, size_t mem, int *errnum, char **cause)
{
	if (crypto_pwhash(out, crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
	    pass, passlen, salt, ops, mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		*errnum = ENOMEM;
		xasprintf(cause, "not enough memory for Argon2id (%zu MiB)",
		    mem >> 20);
		return -1;
	}
	return 0;
}

static void
key_put64(unsigned char *p, uint64_t v)
{
	int	 i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
key_get64(const unsigned char *p)
{
	uint64_t v = 0;
	int	 i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* Fill file with the sealed form of the key pair. */
static int
key_seal(unsigned char file[KEY_FILE_BYTES], const struct vault_key *key,
    const char *pass, size_t passlen, unsigned long long ops, size_t mem,
    int *errnum, char **cause)
{
	unsigned char	*k;
	unsigned char	*salt = file + 28, *nonce = file + 44;
	int		 rc = -1;

	memcpy(file, KEY_FILE_MAGIC, 8);
	file[8] = KEY_FILE_VERSION;
	file[9] = crypto_pwhash_ALG_ARGON2ID13;
	file[10] = file[11] = 0;
	key_put64(file + 12, ops);
	key_put64(file + 20, mem);
	randombytes_buf(salt, crypto_pwhash_SALTBYTES);
	randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	if ((k = sodium_malloc(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)) ==
	    NULL) {
		*errnum = ENOMEM;
		xasprintf(cause, "cannot allocate locked memory");
		return -1;
	}
	if (key_derive(k, pass, passlen, salt, ops, mem, errnum, cause) != 0)
		goto out;
	/* struct vault_key is sk || pk with no padding: seal it whole. */
	crypto_aead_xchacha20poly1305_ietf_encrypt(file + KEY_FILE_AD_BYTES,
	    NULL, (const unsigned char *)key, sizeof *key, file,
	    KEY_FILE_AD_BYTES, NULL, nonce, k);
	rc = 0;
out:
	sodium_free(k);
	return rc;
}

int
vault_keygen_params(const char *base, const char *pass, size_t passlen,
    unsigned long long ops, size_t mem, unsigned char *pk, int *errnum,
    char **cause)
{
	struct vault_key	*key;
	unsigned char		 file[KEY_FILE_BYTES];
	struct buf		 pub;
	char			*keypath, *pubpath;
	int			 rc = -1;

	xasprintf(&keypath, "%s.key", base);
	xasprintf(&pubpath, "%s.pub", base);
	buf_init(&pub);
	key = NULL;
	if (keyfile_refuse_existing(keypath, errnum, cause) != 0 ||
	    keyfile_refuse_existing(pubpath, errnum, cause) != 0)
		goto out;
	if ((key = sodium_malloc(sizeof *key)) == NULL) {
		*errnum = ENOMEM;
		xasprintf(cause, "cannot allocate locked memory");
		goto out;
	}
	crypto_box_keypair(key->pk, key->sk);
	if (key_seal(file, key, pass, passlen, ops, mem, errnum, cause) != 0)
		goto out;
	vault_pubkey_format(key->pk, &pub);
	if (keyfile_create(keypath, file, sizeof file, 0600, errnum,
	    cause) != 0)
		goto out;
	if (keyfile_create(pubpath, pub.data, pub.len, 0644, errnum,
	    cause) != 0) {
		unlink(keypath);
		goto out;
	}
	if (keyfile_sync_dir(keypath, errnum, cause) != 0) {
		unlink(pubpath);
		unlink(keypath);
		goto out;
	}
	if (pk != NULL)
		memcpy(pk, key->pk, VAULT_KEY_BYTES);
	rc = 0;
out:
	if (key != NULL)
		sodium_free(key);
	buf_clear(&pub);
	free(pubpath);
	free(keypath);
	return rc;
}

int
vault_keygen(const char *base, const char *pass, size_t passlen,
    unsigned char *pk, int *errnum, char **cause)
{
	return vault_keygen_params(base, pass, passlen,
	    crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
	    pk, errnum, cause);
}

/* Check the clear part of a key file; on success set *ops and *mem. */
static int
key_check_header(const char *path, const unsigned char *file, size_t len,
    unsigned long long *ops, size_t *mem, char **cause)
{
	uint64_t	 o, m;

	if (len < 8 || memcmp(file, KEY_FILE_MAGIC, 8) != 0) {
		xasprintf(cause, "%s: not a consult secret key file", path);
		return -1;
	}
	if (len != KEY_FILE_BYTES) {
		xasprintf(cause, "%s: key file is truncated or damaged", path);
		return -1;
	}
	if (file[8] != KEY_FILE_VERSION ||
	    file[9] != crypto_pwhash_ALG_ARGON2ID13 ||
	    file[10] != 0 || file[11] != 0) {
		xasprintf(cause, "%s: unsupported key file version", path);
		return -1;
	}
	o = key_get64(file + 12);
	m = key_get64(file + 20);
	if (o < crypto_pwhash_OPSLIMIT_MIN || o > KEY_OPS_MAX ||
	    m < crypto_pwhash_MEMLIMIT_MIN || m > KEY_MEM_MAX || m > SIZE_MAX) {
		xasprintf(cause, "%s: key file is damaged (Argon2id limits "
		    "out of range)", path);
		return -1;
	}
	*ops = o;
	*mem = (size_t)m;
	return 0;
}

/* Decrypt a checked key file into key. */
static int
key_open(const char *path, const unsigned char *file, const char *pass,
    size_t passlen, unsigned long long ops, size_t mem,
    struct vault_key *key, int *errnum, char **cause)
{
	unsigned char	*k;
	unsigned char	 pk[VAULT_KEY_BYTES];
	int		 rc = -1;

	if ((k = sodium_malloc(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)) ==
	    NULL) {
		*errnum = ENOMEM;
		xasprintf(cause, "cannot allocate locked memory");
		return -1;
	}
	if (key_derive(k, pass, passlen, file + 28, ops, mem, errnum,
	    cause) != 0)
		goto out;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)key,
	    NULL, NULL, file + KEY_FILE_AD_BYTES,
	    KEY_FILE_BYTES - KEY_FILE_AD_BYTES, file, KEY_FILE_AD_BYTES,
	    file + 44, k) != 0) {
		xasprintf(cause, "%s: wrong passphrase, or the key file is "
		    "damaged", path);
		goto out;
	}
	if (crypto_scalarmult_base(pk, key->sk) != 0 ||
	    sodium_memcmp(pk, key->pk, sizeof pk) != 0) {
		xasprintf(cause, "%s: key file is damaged (the secret and "
		    "public keys differ)", path);
		goto out;
	}
	rc = 0;
out:
	sodium_free(k);
	return rc;
}

struct vault_key *
vault_key_load(const char *path, const char *pass, size_t passlen,
    int *errnum, char **cause)
{
	struct vault_key	*key;
	unsigned char		 file[KEY_FILE_BYTES + 1];
	unsigned long long	 ops;
	size_t			 len, mem;

	*errnum = 0;
	if (keyfile_read(path, file, sizeof file, &len, errnum,
	    cause) != 0)
		return NULL;
	if (key_check_header(path, file, len, &ops, &mem, cause) != 0)
		return NULL;
	if ((key = sodium_malloc(sizeof *key)) == NULL) {
		*errnum = ENOMEM;
		xasprintf(cause, "cannot allocate locked memory");
		return NULL;
	}
	if (key_open(path, file, pass, passlen, ops, mem, key, errnum,
	    cause) != 0) {
		sodium_free(key);
		return NULL;
	}
	return key;
}

const unsigned char *
vault_key_public(const struct vault_key *key)
{
	return key->pk;
}

const unsigned char *
vault_key_secret(const struct vault_key *key)
{
	return key->sk;
}

void
vault_key_free(struct vault_key *key)
{
	if (key != NULL)
		sodium_free(key);	/* zeroes before unmapping */
}
