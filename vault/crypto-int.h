/* crypto-int.h: internals of key.c and seal.c, shared with their tests
 * (and with the benchmark) but not part of the vault's public API. */
#ifndef CONSULT_VAULT_CRYPTO_INT_H
#define CONSULT_VAULT_CRYPTO_INT_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "vault/lib.h"

/* Key file: magic 8, version 1, algorithm 1, zero 2, opslimit 8,
 * memlimit 8, salt 16, nonce 24 (the associated data, 68 bytes), then
 * the XChaCha20-Poly1305 ciphertext of secret key || public key (64 + 16). */
#define KEY_FILE_MAGIC		"CONSULTK"
#define KEY_FILE_VERSION	1
#define KEY_FILE_AD_BYTES	68
#define KEY_FILE_BYTES		(KEY_FILE_AD_BYTES + 2 * VAULT_KEY_BYTES + 16)
/* Argon2id limits accepted in a key file (a hostile file must not make
 * us allocate or spin without bound). */
#define KEY_OPS_MAX		32ULL
#define KEY_MEM_MAX		(2ULL * 1024 * 1024 * 1024)

/* vault_keygen with explicit Argon2id limits; the CLI always uses at
 * least MODERATE, tests use the minimum to stay fast. */
int		 vault_keygen_params(const char *base, const char *pass,
		     size_t passlen, unsigned long long ops, size_t mem,
		     unsigned char *pk, int *errnum, char **cause);

/* The secret half of a key; borrowed while the key lives. */
const unsigned char *vault_key_secret(const struct vault_key *);

/* keyfile.c: small files written once and read whole. */
/* Fail with EEXIST and a message if path exists (or cannot be checked). */
int		 keyfile_refuse_existing(const char *path, int *errnum,
		     char **cause);
/* Create path with these bytes and mode, never replacing an existing
 * file: a temporary file in the same directory, fsync'd, then linked to
 * path. Returns 0, or -1 with *errnum and *cause (caller frees). */
int		 keyfile_create(const char *path, const void *, size_t,
		     mode_t mode, int *errnum, char **cause);
/* fsync the directory holding path. */
int		 keyfile_sync_dir(const char *path, int *errnum, char **cause);
/* Read at most size bytes of path into buf, setting *len (a longer file
 * gives *len == size). Returns 0, or -1 with *errnum and *cause. */
int		 keyfile_read(const char *path, void *buf, size_t size,
		     size_t *len, int *errnum, char **cause);

/* The ratchet's KDF: one BLAKE2b call (crypto_kdf) per step. */
#define SEAL_KDF_ROOT		"consultS"	/* root -> CK_0, check */
#define SEAL_KDF_CHAIN		"consultR"	/* CK_i -> MK_i || CK_i+1 */
#define SEAL_CHECK_BYTES	16

struct seal_writer {
	unsigned char	 ck[crypto_kdf_KEYBYTES];	/* CK_next */
	uint64_t	 next;				/* next index */
	unsigned char	 header[SEAL_HEADER_BYTES];
	unsigned char	 fingerprint[FORM_FINGERPRINT_BYTES];
};

struct seal_reader {
	unsigned char	 ck[crypto_kdf_KEYBYTES];	/* CK_next */
	uint64_t	 next;				/* lowest openable */
	unsigned char	 far_ck[crypto_kdf_KEYBYTES];	/* CK_far */
	uint64_t	 far;				/* >= next */
	unsigned char	 session[SEAL_SESSION_ID_BYTES];
	unsigned char	 fingerprint[FORM_FINGERPRINT_BYTES];
};

/* From a session's root key (the crypto_kx key the collector sends
 * with), derive CK_0 and the check value stored in the header. */
void		 seal_chain_start(
		     const unsigned char root[crypto_kx_SESSIONKEYBYTES],
		     unsigned char ck[crypto_kdf_KEYBYTES],
		     unsigned char check[SEAL_CHECK_BYTES]);
/* Ratchet steps taken by this process (seal_chain_step calls), for the
 * tests' and benchmarks' accounts. */
extern uint64_t	 seal_chain_steps;
/* One ratchet step in place: ck holds CK_i on entry and CK_i+1 on
 * return; mk (may be NULL) receives MK_i. */
void		 seal_chain_step(unsigned char ck[crypto_kdf_KEYBYTES],
		     unsigned char *mk);

#endif
