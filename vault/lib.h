/* vault/lib.h: keys, sealed records and the on-disk store of responses
 * and drafts. Knows no curses; never prints, never exits. */
#ifndef CONSULT_VAULT_LIB_H
#define CONSULT_VAULT_LIB_H

#include <stddef.h>
#include <stdint.h>

#include "lib/lib.h"
#include "forms/lib.h"

/* ---- harden.c: the process ------------------------------------------- */

/* Disable core dumps (RLIMIT_CORE 0) and ptrace/dumpability
 * (PR_SET_DUMPABLE 0). Returns 0, or -1 with *cause (caller frees). */
int		 vault_harden(char **cause);

/* ---- key.c: the analyst's key pair and its files ---------------------- */

#define VAULT_KEY_BYTES		32	/* X25519 public or secret key */
#define VAULT_KEY_ID_LEN	20	/* "xxxx-xxxx-xxxx-xxxx" + NUL */
#define VAULT_PUB_PREFIX	"consult-pub-1 "

/* The analyst's secret key, in sodium_malloc'd locked memory. */
struct vault_key;

/* Make a key pair; write BASE.key (secret key sealed under the
 * passphrase with Argon2id MODERATE, mode 0600) and BASE.pub (one text
 * line). Refuses to overwrite either file and leaves neither behind on
 * failure. If pk is not NULL it receives the public key. Returns 0, or -1
 * with *errnum (errno; EEXIST when a file exists) and *cause (caller
 * frees). */
int		 vault_keygen(const char *base, const char *pass, size_t passlen,
		     unsigned char *pk, int *errnum, char **cause);

/* Read a public key file into pk. Returns 0, or -1 with *cause (caller
 * frees) and *errnum: the errno of a failed read, 0 for a malformed
 * file. */
int		 vault_pubkey_load(const char *path,
		     unsigned char pk[VAULT_KEY_BYTES], int *errnum, char **cause)
		     __attribute__((warn_unused_result));
/* Append the text of a public key file (prefix, Base64, newline). */
void		 vault_pubkey_format(const unsigned char pk[VAULT_KEY_BYTES],
		     struct buf *out);
/* Write a short readable id of a public key into id (for messages and
 * status lines; not a secret). */
void		 vault_key_id(const unsigned char pk[VAULT_KEY_BYTES],
		     char id[VAULT_KEY_ID_LEN]);

/* Open a secret key file with its passphrase. Returns the key (free with
 * vault_key_free), or NULL with *cause (caller frees) and *errnum: the
 * errno of a failed read (ENOENT: missing), or 0 for a wrong passphrase
 * or a damaged or foreign file. */
struct vault_key *vault_key_load(const char *path, const char *pass,
		     size_t passlen, int *errnum, char **cause)
		     __attribute__((warn_unused_result));
/* The key's public half; borrowed while the key lives. */
const unsigned char *vault_key_public(const struct vault_key *);
/* Wipe and free a key; NULL does nothing. */
void		 vault_key_free(struct vault_key *);

/* ---- seal.c: sealed records, one ratchet per collecting session ------- */

/* Session header: magic+version 8, session id (ephemeral public key) 32,
 * analyst public key 32, form fingerprint 32, key check 16. */
#define SEAL_SESSION_ID_BYTES	32
#define SEAL_HEADER_BYTES	120
/* Record: magic+version 8, session id 32, index 8, length 4, nonce 24,
 * then the ciphertext (plaintext length + 16-byte tag). */
#define SEAL_RECORD_HEADER_BYTES 76
#define SEAL_RECORD_OVERHEAD	(SEAL_RECORD_HEADER_BYTES + 16)
#define SEAL_MAX_PLAINTEXT	(16U * 1024 * 1024)
/* How far ahead of the last opened record a reader will ratchet. */
#define SEAL_MAX_SKIP		(1U << 20)

/* The public facts of a session header or a record, readable without a
 * key (for status, sorting and deduplication). */
struct seal_header_info {
	unsigned char	 session[SEAL_SESSION_ID_BYTES];
	unsigned char	 analyst_pk[VAULT_KEY_BYTES];
	unsigned char	 fingerprint[FORM_FINGERPRINT_BYTES];
};
struct seal_record_info {
	unsigned char	 session[SEAL_SESSION_ID_BYTES];
	uint64_t	 index;
	uint32_t	 length;	/* of the plaintext */
};

/* Parse a session header without a key. Returns 0, or -1 with *cause
 * (caller frees). */
int		 seal_header_parse(const void *, size_t,
		     struct seal_header_info *, char **cause)
		     __attribute__((warn_unused_result));
/* Parse a record's public header without a key; checks that the length
 * matches the size. Returns 0, or -1 with *cause (caller frees). */
int		 seal_record_parse(const void *, size_t,
		     struct seal_record_info *, char **cause)
		     __attribute__((warn_unused_result));

/* One collecting session: an ephemeral X25519 key pair (its secret wiped
 * at once after the key exchange with the analyst's public key) and the
 * current chain key, in locked memory. */
struct seal_writer;

/* Start a session for this analyst and form. Returns the writer (free
 * with seal_writer_free), or NULL with *cause (caller frees) when the
 * public key is unusable. */
struct seal_writer *seal_writer_create(const unsigned char
		     analyst_pk[VAULT_KEY_BYTES], const unsigned char
		     fingerprint[FORM_FINGERPRINT_BYTES], char **cause);
/* The session id (ephemeral public key); borrowed while the writer
 * lives. */
const unsigned char *seal_writer_session(const struct seal_writer *);
/* Replace out with the session header (SEAL_HEADER_BYTES), to store once
 * per session. */
void		 seal_writer_header(const struct seal_writer *, struct buf *out);
/* Seal plaintext as the session's next record, number *index (0, 1, ...),
 * replacing out with the record; the ratchet advances and the keys used
 * are wiped. Returns 0, or -1 with *cause (caller frees) when len exceeds
 * SEAL_MAX_PLAINTEXT (the ratchet does not advance). */
int		 seal_writer_seal(struct seal_writer *, const void *pt,
		     size_t len, uint64_t *index, struct buf *out,
		     char **cause);
/* Wipe and free; NULL does nothing. */
void		 seal_writer_free(struct seal_writer *);

/* The analyst's side of one session. */
struct seal_reader;

/* Open a session header with the analyst's key for a vault whose form
 * has this fingerprint. Returns the reader (free with seal_reader_free),
 * or NULL with *cause (caller frees) and *wrong_key set to 1 when the
 * session was sealed for another key, 0 when the header is damaged or
 * belongs to another form. */
struct seal_reader *seal_reader_create(const struct vault_key *,
		     const void *header, size_t len, const unsigned char
		     fingerprint[FORM_FINGERPRINT_BYTES], int *wrong_key,
		     char **cause) __attribute__((warn_unused_result));
/* The session id; borrowed while the reader lives. */
const unsigned char *seal_reader_session(const struct seal_reader *);
/* Open a record of this session, replacing pt with its plaintext and
 * setting *index. Records must come in increasing index order (gaps are
 * allowed); the reader ratchets forward and keeps no key behind it. A
 * record that fails leaves the reader as it was. Returns 0, or -1 with
 * pt emptied and *cause (caller frees): damaged, truncated, from another
 * session or form, replayed or out of order. */
int		 seal_reader_open(struct seal_reader *, const void *rec,
		     size_t len, uint64_t *index, struct buf *pt, char **cause)
		     __attribute__((warn_unused_result));
/* Wipe and free; NULL does nothing. */
void		 seal_reader_free(struct seal_reader *);

#endif
