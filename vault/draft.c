/* draft.c: a participant's unfinished answers, sealed under a key that
 * only the resume code shown to them gives back. See vault/README. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/lib.h"

#define DRAFT_MAGIC		"CVD1"
#define DRAFT_ID_BYTES		16
#define DRAFT_NONCE_BYTES	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define DRAFT_KEY_BYTES		crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define DRAFT_KDF_CONTEXT	"consdrft"
#define DRAFT_MAX		(16U << 20)
#define DRAFT_SYMBOLS		VAULT_CODE_SYMBOLS
#define DRAFT_GROUP		5	/* symbols between dashes */

/* No 0/O, 1/I/L, nor U: nothing to mishear or misread. */
const char vault_code_alphabet[] = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

struct vault_draft {
	const struct vault *vault;	/* borrowed */
	char		*dir;		/* VAULT/drafts */
	char		 name[DRAFT_ID_BYTES * 2 + 7];	/* "<hex>.draft" */
	unsigned char	 id[DRAFT_ID_BYTES];
	unsigned char	*key;		/* sodium_malloc'd */
};

/* n random symbols in groups of DRAFT_GROUP into out (room for them,
 * the dashes and a NUL). */
static void
vault_code_symbols(char *out, size_t n)
{
	size_t	 i, j = 0;

	for (i = 0; i < n; i++) {
		if (i != 0 && i % DRAFT_GROUP == 0)
			out[j++] = '-';
		out[j++] = vault_code_alphabet[randombytes_uniform(
		    sizeof vault_code_alphabet - 1)];
	}
	out[j] = '\0';
}

void
vault_code_make(char code[VAULT_CODE_LEN])
{
	vault_code_symbols(code, DRAFT_SYMBOLS);
}

void
vault_passphrase_make(char out[VAULT_PASS_SUGGEST_LEN])
{
	vault_code_symbols(out, 20);
}

int
vault_symbols_normalise(const char *in, char *out, size_t want)
{
	size_t	 n = 0;
	char	 c;

	for (; *in != '\0'; in++) {
		c = *in;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (n == want || strchr(vault_code_alphabet, c) == NULL)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == want ? 0 : -1;
}

int
vault_code_normalise(const char *in, char *out)
{
	return vault_symbols_normalise(in, out, DRAFT_SYMBOLS);
}

int
vault_code_stretch(const struct vault *v, const char *symbols,
    unsigned char master[32], char **cause)
{
	/* The header's check bounds them; this is the last word. */
	if (vault_draft_limits_valid(v->draft_ops, v->draft_mem) != 0) {
		xasprintf(cause, "%s: draft key limits out of bounds (%llu "
		    "passes, %zu bytes)", v->dir, v->draft_ops, v->draft_mem);
		return -1;
	}
	if (crypto_pwhash(master, 32, symbols, strlen(symbols),
	    v->draft_salt, v->draft_ops, v->draft_mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		xasprintf(cause, "not enough memory to derive the draft key");
		return -1;
	}
	return 0;
}

struct vault_draft *
vault_draft_from_master(const struct vault *v, const unsigned char
    master[32], char **cause)
{
	struct vault_draft	*d;
	char			 hex[DRAFT_ID_BYTES * 2 + 1];

	d = xcalloc(1, sizeof *d);
	d->vault = v;
	if ((d->key = sodium_malloc(DRAFT_KEY_BYTES)) == NULL) {
		free(d);
		xasprintf(cause, "cannot allocate locked memory");
		return NULL;
	}
	crypto_kdf_derive_from_key(d->id, sizeof d->id, 1, DRAFT_KDF_CONTEXT,
	    master);
	crypto_kdf_derive_from_key(d->key, DRAFT_KEY_BYTES, 2,
	    DRAFT_KDF_CONTEXT, master);
	sodium_mprotect_readonly(d->key);
	sodium_bin2hex(hex, sizeof hex, d->id, sizeof d->id);
	snprintf(d->name, sizeof d->name, "%s.draft", hex);
	xasprintf(&d->dir, "%s/drafts", v->dir);
	return d;
}

/* Make a draft handle from a normalised code: Argon2id once. */
static struct vault_draft *
vault_draft_derive(const struct vault *v, const char *symbols,
    char **cause)
{
	struct vault_draft	*d;
	unsigned char		 master[32];

	if (vault_code_stretch(v, symbols, master, cause) != 0)
		return NULL;
	d = vault_draft_from_master(v, master, cause);
	sodium_memzero(master, sizeof master);
	return d;
}

void
vault_draft_free(struct vault_draft *d)
{
	if (d == NULL)
		return;
	sodium_free(d->key);
	free(d->dir);
	free(d);
}

struct vault_draft *
vault_draft_create(const struct vault *v, char code[VAULT_CODE_LEN],
    char **cause)
{
	struct vault_draft	*d;
	char			 symbols[DRAFT_SYMBOLS + 1], *path;
	int			 taken;

	for (;;) {
		vault_code_make(code);
		if (vault_code_normalise(code, symbols) != 0)
			abort();
		d = vault_draft_derive(v, symbols, cause);
		sodium_memzero(symbols, sizeof symbols);
		if (d == NULL)
			return NULL;
		/* A code already in use (one chance in 2^58): draw again. */
		xasprintf(&path, "%s/%s", d->dir, d->name);
		taken = access(path, F_OK) == 0;
		free(path);
		if (!taken)
			return d;
		vault_draft_free(d);
	}
}

/* The associated data: magic, form fingerprint, draft id. */
static void
vault_draft_ad(const struct vault_draft *d, unsigned char *ad)
{
	memcpy(ad, DRAFT_MAGIC, 4);
	memcpy(ad + 4, d->vault->fingerprint, FORM_FINGERPRINT_BYTES);
	memcpy(ad + 4 + FORM_FINGERPRINT_BYTES, d->id, DRAFT_ID_BYTES);
}

#define DRAFT_AD_BYTES	(4 + FORM_FINGERPRINT_BYTES + DRAFT_ID_BYTES)
#define DRAFT_OVERHEAD	(4 + DRAFT_NONCE_BYTES + \
	crypto_aead_xchacha20poly1305_ietf_ABYTES)

int
vault_draft_save(struct vault_draft *d, const void *enc, size_t len,
    char **cause)
{
	unsigned char		 ad[DRAFT_AD_BYTES], *out;
	unsigned long long	 clen;
	char			*why = NULL;
	int			 rc;

	if (len > DRAFT_MAX) {
		xasprintf(cause, "draft too large (%zu bytes)", len);
		return -1;
	}
	out = xmalloc(DRAFT_OVERHEAD + len);
	memcpy(out, DRAFT_MAGIC, 4);
	randombytes_buf(out + 4, DRAFT_NONCE_BYTES);
	vault_draft_ad(d, ad);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + 4 +
	    DRAFT_NONCE_BYTES, &clen, enc, len, ad, sizeof ad, NULL,
	    out + 4, d->key);
	rc = vault_write_file(d->dir, d->name, out, 4 + DRAFT_NONCE_BYTES +
	    (size_t)clen, 1, &why);
	free(out);
	if (rc != 0) {
		xasprintf(cause, "cannot save the answers as a draft: %s", why);
		free(why);
	}
	return rc;
}

int
vault_draft_load(struct vault_draft *d, struct buf *out, int *err,
    char **cause)
{
	struct buf		 b;
	unsigned char		 ad[DRAFT_AD_BYTES];
	unsigned long long	 plen;
	char			*path;
	int			 errnum, rc = -1;

	buf_init(&b);
	xasprintf(&path, "%s/%s", d->dir, d->name);
	if (vault_read_file(path, DRAFT_MAX + DRAFT_OVERHEAD, &b, &errnum,
	    cause) != 0) {
		*err = errnum == ENOENT ? VAULT_ERR_MISSING : VAULT_ERR_IO;
		if (errnum == ENOENT) {
			free(*cause);
			xasprintf(cause, "no draft for this code");
		}
		goto out;
	}
	vault_draft_ad(d, ad);
	/* Room for the plaintext, which is shorter than the file. */
	out->len = 0;
	buf_add(out, b.data, b.len);
	if (b.len < DRAFT_OVERHEAD || memcmp(b.data, DRAFT_MAGIC, 4) != 0 ||
	    crypto_aead_xchacha20poly1305_ietf_decrypt(out->data, &plen,
	    NULL, b.data + 4 + DRAFT_NONCE_BYTES, b.len - 4 -
	    DRAFT_NONCE_BYTES, ad, sizeof ad, b.data + 4, d->key) != 0) {
		buf_clear(out);
		*err = VAULT_ERR_DATA;
		xasprintf(cause, "the draft for this code is damaged");
		goto out;
	}
	out->len = (size_t)plen;
	rc = 0;
out:
	buf_clear(&b);
	free(path);
	return rc;
}

struct vault_draft *
vault_draft_resume(const struct vault *v, const char *code,
    struct buf *out, int *err, char **cause)
{
	struct vault_draft	*d;
	char			 symbols[DRAFT_SYMBOLS + 1];

	*err = VAULT_ERR_MISSING;
	if (vault_code_normalise(code, symbols) != 0) {
		sodium_memzero(symbols, sizeof symbols);
		xasprintf(cause, "no draft for this code");
		return NULL;
	}
	d = vault_draft_derive(v, symbols, cause);
	sodium_memzero(symbols, sizeof symbols);
	if (d == NULL) {
		*err = VAULT_ERR_OTHER;
		return NULL;
	}
	if (vault_draft_load(d, out, err, cause) != 0) {
		vault_draft_free(d);
		return NULL;
	}
	return d;
}

int
vault_draft_remove(struct vault_draft *d, char **cause)
{
	char	*path;

	xasprintf(&path, "%s/%s", d->dir, d->name);
	if (unlink(path) != 0 && errno != ENOENT) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	return vault_fsync_dir(d->dir, cause);
}

int
vault_draft_exists(const struct vault_draft *d)
{
	char	*path;
	int	 found;

	xasprintf(&path, "%s/%s", d->dir, d->name);
	found = access(path, F_OK) == 0;
	free(path);
	return found;
}

/* 1 if name is a draft's ("<32 hex>.draft"). */
int
vault_draft_name_valid(const char *name)
{
	return strlen(name) == DRAFT_ID_BYTES * 2 + 6 &&
	    strspn(name, "0123456789abcdef") == DRAFT_ID_BYTES * 2 &&
	    strcmp(name + DRAFT_ID_BYTES * 2, ".draft") == 0;
}

int
vault_draft_purge(const struct vault *v, unsigned int days, time_t now,
    size_t *removed, char **cause)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 sb;
	char		*dir, *path;
	int		 rc = -1;

	*removed = 0;
	xasprintf(&dir, "%s/drafts", v->dir);
	if ((dp = opendir(dir)) == NULL) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		/* Drafts, and temporary files of interrupted saves. */
		if (!vault_draft_name_valid(de->d_name) &&
		    strncmp(de->d_name, ".tmp-", 5) != 0)
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		if (stat(path, &sb) == 0 && now - sb.st_mtime >=
		    (time_t)days * 86400) {
			if (unlink(path) != 0 && errno != ENOENT) {
				xasprintf(cause, "%s: %s", path,
				    strerror(errno));
				free(path);
				goto out;
			}
			if (vault_draft_name_valid(de->d_name))
				(*removed)++;
		}
		free(path);
	}
	rc = vault_fsync_dir(dir, cause);
out:
	closedir(dp);
	free(dir);
	return rc;
}
