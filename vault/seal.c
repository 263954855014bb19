/* seal.c: sealed records: each response encrypted so that only the
 * analyst's secret key opens it, under keys that ratchet forward once per
 * record within a collecting session.
 *
 * Threat model. The collecting machine (a laptop, a kiosk, an SSH server)
 * may be stolen, imaged or compromised at any moment. It holds only the
 * analyst's public key. What it wrote must stay unreadable to whoever
 * takes it, even mid-session (forward secrecy at rest); what it stores
 * must not be silently editable, swappable, replayable or truncatable
 * (every record is authenticated and bound to its place). The analyst's
 * machine holds the secret key, sealed under a passphrase (key.c). Not
 * covered: a collector compromised before a participant answers (it sees
 * the answers being typed), and which sessions and how many records exist
 * (visible by design: `status` needs no key).
 *
 * Keys. A collecting session (one seal_writer) makes an ephemeral X25519
 * key pair; its public half is the session id. crypto_kx_client_session_
 * keys(ephemeral pair, analyst public key) gives the session root R (the
 * client's tx key); the ephemeral secret and R are wiped at once. From R
 * (crypto_kdf, context SEAL_KDF_ROOT): CK_0 (id 1) and a 16-byte check
 * value (id 2) stored in the header so that the analyst can tell a key
 * that does not match from damage. Record i: crypto_kdf(CK_i, 64 bytes,
 * id 0, SEAL_KDF_CHAIN) = MK_i || CK_i+1; CK_i and MK_i are wiped when
 * the record is sealed. A process captured after sealing record i holds
 * only CK_i+1, from which no earlier key can be computed (BLAKE2b is one
 * way), so records 0..i stay closed to it. The analyst gets the same R
 * from crypto_kx_server_session_keys(analyst pair, session id) once per
 * session (the only X25519 operation; records cost one BLAKE2b and one
 * XChaCha20-Poly1305 each) and ratchets forward, keeping only the chain
 * key of the next unopened index, and the furthest chain key it computed
 * (CK_far, far >= next: a record that fails far ahead is not paid for
 * again by the next one, which starts from there). Records go at most
 * SEAL_MAX_SKIP past the next unopened index.
 *
 * Session header, SEAL_HEADER_BYTES, stored once per session:
 *   0 "CNSS", version 1, three zero bytes   8 session id (32)
 *  40 analyst public key (32)              72 form fingerprint (32)
 * 104 check value (16)
 * Record, SEAL_RECORD_OVERHEAD + plaintext length:
 *   0 "CNSR", version 2, three zero bytes   8 session id (32)
 *  40 index (u64 LE)   48 plaintext length (u32 LE)   52 nonce (24)
 *  76 XChaCha20-Poly1305-IETF ciphertext, 16-byte tag at the end
 * The associated data is the record's first 76 bytes followed by the
 * vault's form fingerprint: a record moved to another session, index or
 * form, cut short or changed in any byte fails to open. The nonce is
 * random although every MK_i seals one record, so that even a writer
 * duplicated by fork() reusing an index does not reuse a nonce.
 * (session id, index) is a record's identity, for deduplication. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vault/crypto-int.h"

#define SEAL_MAGIC_HEADER	"CNSS"
#define SEAL_MAGIC_RECORD	"CNSR"
#define SEAL_VERSION		1	/* of session headers */
#define SEAL_RECORD_VERSION	2	/* of records: see vault/record.c */
#define SEAL_TAG_BYTES		crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SEAL_AD_BYTES	(SEAL_RECORD_HEADER_BYTES + FORM_FINGERPRINT_BYTES)

_Static_assert(SEAL_RECORD_OVERHEAD ==
    SEAL_RECORD_HEADER_BYTES + SEAL_TAG_BYTES, "record overhead");
_Static_assert(SEAL_HEADER_BYTES == 8 + SEAL_SESSION_ID_BYTES +
    VAULT_KEY_BYTES + FORM_FINGERPRINT_BYTES + SEAL_CHECK_BYTES,
    "session header size");
_Static_assert(SEAL_SESSION_ID_BYTES == crypto_kx_PUBLICKEYBYTES,
    "session id is an X25519 public key");

void
seal_chain_start(const unsigned char root[crypto_kx_SESSIONKEYBYTES],
    unsigned char ck[crypto_kdf_KEYBYTES],
    unsigned char check[SEAL_CHECK_BYTES])
{
	crypto_kdf_derive_from_key(ck, crypto_kdf_KEYBYTES, 1, SEAL_KDF_ROOT,
	    root);
	crypto_kdf_derive_from_key(check, SEAL_CHECK_BYTES, 2, SEAL_KDF_ROOT,
	    root);
}

uint64_t	 seal_chain_steps;

void
seal_chain_step(unsigned char ck[crypto_kdf_KEYBYTES], unsigned char *mk)
{
	unsigned char	 out[2 * crypto_kdf_KEYBYTES];

	seal_chain_steps++;
	crypto_kdf_derive_from_key(out, sizeof out, 0, SEAL_KDF_CHAIN, ck);
	if (mk != NULL)
		memcpy(mk, out, crypto_kdf_KEYBYTES);
	memcpy(ck, out + crypto_kdf_KEYBYTES, crypto_kdf_KEYBYTES);
	sodium_memzero(out, sizeof out);
}

static void
seal_put_magic(unsigned char *p, const char *magic, int version)
{
	memcpy(p, magic, 4);
	p[4] = (unsigned char)version;
	p[5] = p[6] = p[7] = 0;
}

static int
seal_check_magic(const unsigned char *p, const char *magic, int version)
{
	return memcmp(p, magic, 4) == 0 && p[4] == version &&
	    p[5] == 0 && p[6] == 0 && p[7] == 0;
}

/* Make room for exactly n bytes in b (contents undefined) and set len. */
static unsigned char *
seal_buf_space(struct buf *b, size_t n)
{
	if (b->size < n + 1) {
		buf_clear(b);
		b->data = xmalloc(n + 1);
		b->size = n + 1;
	}
	b->len = n;
	return b->data;
}

int
seal_header_parse(const void *data, size_t len,
    struct seal_header_info *info, char **cause)
{
	const unsigned char	*p = data;

	if (len != SEAL_HEADER_BYTES) {
		xasprintf(cause, "session header is %zu bytes, not %d", len,
		    SEAL_HEADER_BYTES);
		return -1;
	}
	if (!seal_check_magic(p, SEAL_MAGIC_HEADER, SEAL_VERSION)) {
		xasprintf(cause, "not a session header (or an unknown "
		    "version)");
		return -1;
	}
	memcpy(info->session, p + 8, SEAL_SESSION_ID_BYTES);
	memcpy(info->analyst_pk, p + 40, VAULT_KEY_BYTES);
	memcpy(info->fingerprint, p + 72, FORM_FINGERPRINT_BYTES);
	return 0;
}

static uint64_t
seal_get64(const unsigned char *p)
{
	uint64_t v = 0;
	int	 i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

int
seal_record_parse(const void *data, size_t len,
    struct seal_record_info *info, char **cause)
{
	const unsigned char	*p = data;
	uint32_t		 length;

	if (len < SEAL_RECORD_OVERHEAD) {
		xasprintf(cause, "record is truncated (%zu bytes)", len);
		return -1;
	}
	if (memcmp(p, SEAL_MAGIC_RECORD, 4) == 0 && p[4] == 1) {
		xasprintf(cause, "record format 1 (from a development build, "
		    "before records were padded and chained): this consult "
		    "reads format %d", SEAL_RECORD_VERSION);
		return -1;
	}
	if (!seal_check_magic(p, SEAL_MAGIC_RECORD, SEAL_RECORD_VERSION)) {
		xasprintf(cause, "not a record (or an unknown version)");
		return -1;
	}
	length = (uint32_t)p[48] | (uint32_t)p[49] << 8 |
	    (uint32_t)p[50] << 16 | (uint32_t)p[51] << 24;
	if (length > SEAL_MAX_PLAINTEXT ||
	    len - SEAL_RECORD_OVERHEAD != length) {
		xasprintf(cause, "record is truncated or damaged (%zu bytes "
		    "for a length of %u)", len, length);
		return -1;
	}
	memcpy(info->session, p + 8, SEAL_SESSION_ID_BYTES);
	info->index = seal_get64(p + 40);
	info->length = length;
	return 0;
}

/* ---- the collecting side ---------------------------------------------- */

struct seal_writer *
seal_writer_create(const unsigned char analyst_pk[VAULT_KEY_BYTES],
    const unsigned char fingerprint[FORM_FINGERPRINT_BYTES], char **cause)
{
	struct seal_writer	*w;
	unsigned char		 esk[crypto_kx_SECRETKEYBYTES];
	unsigned char		 epk[crypto_kx_PUBLICKEYBYTES];
	unsigned char		 rx[crypto_kx_SESSIONKEYBYTES];
	unsigned char		 tx[crypto_kx_SESSIONKEYBYTES];
	unsigned char		 check[SEAL_CHECK_BYTES];
	int			 kx;

	if ((w = sodium_malloc(sizeof *w)) == NULL) {
		xasprintf(cause, "cannot allocate locked memory");
		return NULL;
	}
	crypto_kx_keypair(epk, esk);
	kx = crypto_kx_client_session_keys(rx, tx, epk, esk, analyst_pk);
	sodium_memzero(esk, sizeof esk);
	sodium_memzero(rx, sizeof rx);
	if (kx != 0) {
		sodium_memzero(tx, sizeof tx);
		sodium_free(w);
		xasprintf(cause, "the analyst's public key is unusable");
		return NULL;
	}
	seal_chain_start(tx, w->ck, check);
	sodium_memzero(tx, sizeof tx);
	w->next = 0;
	seal_put_magic(w->header, SEAL_MAGIC_HEADER, SEAL_VERSION);
	memcpy(w->header + 8, epk, sizeof epk);
	memcpy(w->header + 40, analyst_pk, VAULT_KEY_BYTES);
	memcpy(w->header + 72, fingerprint, FORM_FINGERPRINT_BYTES);
	memcpy(w->header + 104, check, sizeof check);
	memcpy(w->fingerprint, fingerprint, FORM_FINGERPRINT_BYTES);
	return w;
}

const unsigned char *
seal_writer_session(const struct seal_writer *w)
{
	return w->header + 8;
}

void
seal_writer_header(const struct seal_writer *w, struct buf *out)
{
	memcpy(seal_buf_space(out, SEAL_HEADER_BYTES), w->header,
	    SEAL_HEADER_BYTES);
}

/* Write a record's clear header for index and length at p. */
static void
seal_record_header(unsigned char *p, const unsigned char *session,
    uint64_t index, uint32_t len)
{
	int	 i;

	seal_put_magic(p, SEAL_MAGIC_RECORD, SEAL_RECORD_VERSION);
	memcpy(p + 8, session, SEAL_SESSION_ID_BYTES);
	for (i = 0; i < 8; i++)
		p[40 + i] = (unsigned char)(index >> (8 * i));
	for (i = 0; i < 4; i++)
		p[48 + i] = (unsigned char)(len >> (8 * i));
	randombytes_buf(p + 52, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
}

int
seal_writer_seal(struct seal_writer *w, const void *pt, size_t len,
    uint64_t *index, struct buf *out, char **cause)
{
	unsigned char	 mk[crypto_kdf_KEYBYTES];
	unsigned char	 ad[SEAL_AD_BYTES];
	unsigned char	*p;

	if (len > SEAL_MAX_PLAINTEXT) {
		xasprintf(cause, "response too large to seal (%zu bytes)", len);
		return -1;
	}
	seal_chain_step(w->ck, mk);
	*index = w->next++;
	p = seal_buf_space(out, SEAL_RECORD_OVERHEAD + len);
	seal_record_header(p, w->header + 8, *index, (uint32_t)len);
	memcpy(ad, p, SEAL_RECORD_HEADER_BYTES);
	memcpy(ad + SEAL_RECORD_HEADER_BYTES, w->fingerprint,
	    FORM_FINGERPRINT_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(
	    p + SEAL_RECORD_HEADER_BYTES, p + SEAL_RECORD_HEADER_BYTES + len,
	    NULL, pt, len, ad, sizeof ad, NULL, p + 52, mk);
	sodium_memzero(mk, sizeof mk);
	return 0;
}

void
seal_writer_free(struct seal_writer *w)
{
	if (w != NULL)
		sodium_free(w);
}

/* ---- the analyst's side ----------------------------------------------- */

/* Readers live in a locked arena: sodium_malloc costs about 200 us here
 * (mmap, mprotect, mlock), several times the session's key exchange, and
 * a walk makes one reader per session. Beyond the arena's slots readers
 * fall back to sodium_malloc. Not thread-safe (consult is not threaded). */
#define SEAL_POOL_SLOTS	64
static struct seal_reader	*seal_pool;
static uint64_t			 seal_pool_used;	/* one bit a slot */

static struct seal_reader *
seal_reader_alloc(void)
{
	int	 i;

	if (seal_pool == NULL)
		seal_pool = sodium_malloc(SEAL_POOL_SLOTS * sizeof *seal_pool);
	for (i = 0; seal_pool != NULL && i < SEAL_POOL_SLOTS; i++) {
		if ((seal_pool_used & (1ULL << i)) == 0) {
			seal_pool_used |= 1ULL << i;
			return &seal_pool[i];
		}
	}
	return sodium_malloc(sizeof(struct seal_reader));
}

void
seal_reader_free(struct seal_reader *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	if (seal_pool != NULL && r >= seal_pool &&
	    r < seal_pool + SEAL_POOL_SLOTS) {
		i = (size_t)(r - seal_pool);
		sodium_memzero(r, sizeof *r);
		seal_pool_used &= ~(1ULL << i);
	} else
		sodium_free(r);	/* zeroes first */
}

/* Derive the session's CK_0 into r and check the header's check value. */
static int
seal_reader_root(struct seal_reader *r, const struct vault_key *key,
    const unsigned char *header, char **cause)
{
	unsigned char	 rx[crypto_kx_SESSIONKEYBYTES];
	unsigned char	 tx[crypto_kx_SESSIONKEYBYTES];
	unsigned char	 check[SEAL_CHECK_BYTES];
	int		 rc = -1;

	if (crypto_kx_server_session_keys(rx, tx, vault_key_public(key),
	    vault_key_secret(key), header + 8) != 0) {
		xasprintf(cause, "session header is damaged (unusable "
		    "session id)");
		goto out;
	}
	seal_chain_start(rx, r->ck, check);
	if (crypto_verify_16(check, header + 104) != 0) {
		xasprintf(cause, "session header is damaged (key check "
		    "failed)");
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(rx, sizeof rx);
	sodium_memzero(tx, sizeof tx);
	sodium_memzero(check, sizeof check);
	return rc;
}

struct seal_reader *
seal_reader_create(const struct vault_key *key, const void *header,
    size_t len, const unsigned char fingerprint[FORM_FINGERPRINT_BYTES],
    int *wrong_key, char **cause)
{
	struct seal_header_info	 info;
	struct seal_reader	*r;
	char			 have[VAULT_KEY_ID_LEN], want[VAULT_KEY_ID_LEN];

	*wrong_key = 0;
	if (seal_header_parse(header, len, &info, cause) != 0)
		return NULL;
	if (sodium_memcmp(info.analyst_pk, vault_key_public(key),
	    VAULT_KEY_BYTES) != 0) {
		*wrong_key = 1;
		vault_key_id(info.analyst_pk, want);
		vault_key_id(vault_key_public(key), have);
		xasprintf(cause, "sealed for key %s, not for this key (%s)",
		    want, have);
		return NULL;
	}
	if (memcmp(info.fingerprint, fingerprint, FORM_FINGERPRINT_BYTES) !=
	    0) {
		xasprintf(cause, "session belongs to another form");
		return NULL;
	}
	if ((r = seal_reader_alloc()) == NULL) {
		xasprintf(cause, "cannot allocate locked memory");
		return NULL;
	}
	if (seal_reader_root(r, key, header, cause) != 0) {
		seal_reader_free(r);
		return NULL;
	}
	r->next = 0;
	r->far = 0;
	memcpy(r->far_ck, r->ck, sizeof r->ck);
	memcpy(r->session, info.session, SEAL_SESSION_ID_BYTES);
	memcpy(r->fingerprint, fingerprint, FORM_FINGERPRINT_BYTES);
	return r;
}

const unsigned char *
seal_reader_session(const struct seal_reader *r)
{
	return r->session;
}

/* Check a parsed record against the reader's place in the session. */
static int
seal_reader_admit(const struct seal_reader *r,
    const struct seal_record_info *info, char **cause)
{
	if (memcmp(info->session, r->session, SEAL_SESSION_ID_BYTES) != 0) {
		xasprintf(cause, "record belongs to another session");
		return -1;
	}
	if (info->index < r->next) {
		xasprintf(cause, "record %llu is replayed or out of order "
		    "(next is %llu)", (unsigned long long)info->index,
		    (unsigned long long)r->next);
		return -1;
	}
	if (info->index - r->next > SEAL_MAX_SKIP) {
		xasprintf(cause, "record %llu is too far ahead of record %llu",
		    (unsigned long long)info->index,
		    (unsigned long long)r->next);
		return -1;
	}
	return 0;
}

int
seal_reader_open(struct seal_reader *r, const void *rec, size_t len,
    uint64_t *index, struct buf *pt, char **cause)
{
	const unsigned char	*p = rec;
	struct seal_record_info	 info;
	unsigned char		 ck[crypto_kdf_KEYBYTES];
	unsigned char		 mk[crypto_kdf_KEYBYTES];
	unsigned char		 ad[SEAL_AD_BYTES];
	unsigned char		*out;
	uint64_t		 i;
	int			 rc = -1;

	pt->len = 0;
	if (seal_record_parse(rec, len, &info, cause) != 0 ||
	    seal_reader_admit(r, &info, cause) != 0)
		return -1;
	/* From the furthest key if the record is at or beyond it (always,
	 * in index order), else from the next unopened one. */
	if (info.index >= r->far) {
		memcpy(ck, r->far_ck, sizeof ck);
		i = r->far;
	} else {
		memcpy(ck, r->ck, sizeof ck);
		i = r->next;
	}
	for (; i < info.index; i++)
		seal_chain_step(ck, NULL);
	if (info.index > r->far) {
		memcpy(r->far_ck, ck, sizeof ck);
		r->far = info.index;
	}
	seal_chain_step(ck, mk);
	memcpy(ad, p, SEAL_RECORD_HEADER_BYTES);
	memcpy(ad + SEAL_RECORD_HEADER_BYTES, r->fingerprint,
	    FORM_FINGERPRINT_BYTES);
	out = seal_buf_space(pt, info.length);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(out, NULL,
	    p + SEAL_RECORD_HEADER_BYTES, info.length,
	    p + SEAL_RECORD_HEADER_BYTES + info.length, ad, sizeof ad,
	    p + 52, mk) != 0) {
		sodium_memzero(out, info.length);
		pt->len = 0;
		xasprintf(cause, "record %llu fails authentication (damaged, "
		    "or from another form)", (unsigned long long)info.index);
		goto out;
	}
	memcpy(r->ck, ck, sizeof ck);
	r->next = info.index + 1;
	if (r->far < r->next) {
		memcpy(r->far_ck, ck, sizeof ck);
		r->far = r->next;
	}
	*index = info.index;
	rc = 0;
out:
	sodium_memzero(ck, sizeof ck);
	sodium_memzero(mk, sizeof mk);
	return rc;
}
