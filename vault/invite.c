/* invite.c: invitations to a closed vault: codes, checking
 * a code typed by a participant, counting them without a key, and the
 * commitments that let an analyst check a response's proof. The vault
 * holds no label and nothing that gives a code back faster than
 * guessing it through the drafts' Argon2id. See vault/README
 * ("Invitations"). */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/invite-int.h"

#define INVITE_GROUP		4	/* symbols between dashes */
#define INVITE_ID_KEY		"consult invitation id"
#define INVITE_COMMIT_KEY	"consult invitation commitment"

const char *
vault_invite_mode_name(int mode)
{
	switch (mode) {
	case VAULT_NAMED:
		return "named";
	case VAULT_ANONYMOUS:
		return "anonymous";
	default:
		return "open";
	}
}

void
vault_invite_format(const char *symbols, char out[VAULT_INVITE_LEN])
{
	size_t	 i, j = 0;

	for (i = 0; i < VAULT_INVITE_SYMBOLS && symbols[i] != '\0'; i++) {
		if (i != 0 && i % INVITE_GROUP == 0)
			out[j++] = '-';
		out[j++] = symbols[i];
	}
	out[j] = '\0';
}

void
vault_invite_code_make(char code[VAULT_INVITE_LEN])
{
	char	 symbols[VAULT_INVITE_SYMBOLS + 1];
	size_t	 i, n = strlen(vault_code_alphabet);

	for (i = 0; i < VAULT_INVITE_SYMBOLS; i++)
		symbols[i] = vault_code_alphabet[randombytes_uniform(
		    (uint32_t)n)];
	symbols[i] = '\0';
	vault_invite_format(symbols, code);
	sodium_memzero(symbols, sizeof symbols);
}

int
vault_invite_normalise(const char *in, char *out)
{
	return vault_symbols_normalise(in, out, VAULT_INVITE_SYMBOLS);
}

int
vault_invite_id(const char *code, unsigned char id[VAULT_INVITE_ID_BYTES])
{
	static const unsigned char	 key[] = INVITE_ID_KEY;
	char				 s[VAULT_INVITE_SYMBOLS + 1];

	if (vault_invite_normalise(code, s) != 0)
		return -1;
	crypto_generichash(id, VAULT_INVITE_ID_BYTES, (unsigned char *)s,
	    VAULT_INVITE_SYMBOLS, key, sizeof key - 1);
	sodium_memzero(s, sizeof s);
	return 0;
}

void
vault_invite_commit(const unsigned char nullifier[VAULT_NULLIFIER_BYTES],
    unsigned char out[32])
{
	static const unsigned char	 key[] = INVITE_COMMIT_KEY;

	crypto_generichash(out, 32, nullifier, VAULT_NULLIFIER_BYTES, key,
	    sizeof key - 1);
}

void
invite_ad(const struct vault_invitation *inv,
    unsigned char ad[INVITE_AD_BYTES])
{
	memcpy(ad, INVITE_MAGIC, 4);
	memcpy(ad + 4, inv->vault->fingerprint, FORM_FINGERPRINT_BYTES);
	memcpy(ad + 4 + FORM_FINGERPRINT_BYTES, inv->tag, INVITE_TAG_BYTES);
}

enum invite_file
invite_file_kind(const unsigned char *p, size_t len)
{
	static const unsigned char	 zero[VAULT_NULLIFIER_BYTES +
	    INVITE_MAC_BYTES];

	if (len == 4 && memcmp(p, INVITE_USED, 4) == 0)
		return INVITE_FILE_USED;
	if (len == 4 && memcmp(p, INVITE_WITHDRAWN, 4) == 0)
		return INVITE_FILE_WITHDRAWN;
	if (len < 4 || memcmp(p, INVITE_MAGIC, 4) != 0)
		return INVITE_FILE_DAMAGED;
	if (len == INVITE_UNUSED_SIZE)
		return INVITE_FILE_UNUSED;
	if (len != INVITE_PENDING_SIZE)
		return INVITE_FILE_DAMAGED;
	if (memcmp(p + 4 + INVITE_NONCE_BYTES, zero, sizeof zero) == 0)
		return INVITE_FILE_CONSUMED;
	return INVITE_FILE_PENDING;
}

ssize_t
invite_read_fd(int fd, unsigned char *p, size_t size)
{
	size_t	 len = 0;
	ssize_t	 n;

	while (len < size && (n = pread(fd, p + len, size - len,
	    (off_t)len)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		len += (size_t)n;
	}
	return (ssize_t)len;
}

/* 1 if name is an invitation file's ("<32 hex>"). */
static int
invite_name_valid(const char *name)
{
	return strlen(name) == INVITE_TAG_BYTES * 2 &&
	    strspn(name, "0123456789abcdef") == INVITE_TAG_BYTES * 2;
}

void
vault_invitation_free(struct vault_invitation *inv)
{
	if (inv == NULL)
		return;
	if (inv->fd != -1)
		close(inv->fd);
	vault_draft_free(inv->draft);
	sodium_free(inv->keys);
	sodium_memzero(inv->id, sizeof inv->id);
	free(inv->dir);
	free(inv->path);
	free(inv);
}

struct vault_invitation *
invite_derive(const struct vault *v, const char *symbols, char **cause)
{
	struct vault_invitation	*inv;
	unsigned char		*k;
	char			 hex[INVITE_TAG_BYTES * 2 + 1];

	inv = xcalloc(1, sizeof *inv);
	inv->vault = v;
	inv->fd = -1;
	if ((inv->keys = sodium_malloc(INVITE_KEYS_BYTES)) == NULL) {
		free(inv);
		xasprintf(cause, "cannot allocate locked memory");
		return NULL;
	}
	k = inv->keys;
	if (vault_code_stretch(v, symbols, k + INVITE_KEY_MASTER,
	    cause) != 0) {
		vault_invitation_free(inv);
		return NULL;
	}
	crypto_kdf_derive_from_key(inv->tag, sizeof inv->tag, 1,
	    INVITE_KDF_CONTEXT, k + INVITE_KEY_MASTER);
	crypto_kdf_derive_from_key(k + INVITE_KEY_BOX, 32, 2,
	    INVITE_KDF_CONTEXT, k + INVITE_KEY_MASTER);
	crypto_kdf_derive_from_key(k + INVITE_KEY_POINTER, 32, 3,
	    INVITE_KDF_CONTEXT, k + INVITE_KEY_MASTER);
	sodium_bin2hex(hex, sizeof hex, inv->tag, sizeof inv->tag);
	xasprintf(&inv->dir, "%s/%s", v->dir, INVITE_DIR);
	xasprintf(&inv->path, "%s/%s", inv->dir, hex);
	return inv;
}

/* ---- checking --------------------------------------------------------- */

/* Read inv's file and tell its state, settling a submission cut short
 * (written down when the file can be locked for writing). */
static int
invite_state_now(struct vault_invitation *inv, enum vault_invite_state
    *state, int *err, char **cause)
{
	unsigned char	 p[INVITE_PENDING_SIZE + 1];
	ssize_t		 len;
	int		 fd, writable = 1, rc = -1, s;

	*err = VAULT_ERR_IO;
	if ((fd = open(inv->path, O_RDWR | O_CLOEXEC)) == -1 &&
	    (errno == EACCES || errno == EROFS)) {
		writable = 0;
		fd = open(inv->path, O_RDONLY | O_CLOEXEC);
	}
	if (fd == -1) {
		if (errno == ENOENT) {
			*err = VAULT_OK;
			*state = VAULT_INVITE_UNKNOWN;
			return 0;
		}
		xasprintf(cause, "%s: %s", inv->path, strerror(errno));
		return -1;
	}
	/* A submission under way holds the lock: it is unused until then. */
	if (writable && flock(fd, LOCK_EX | LOCK_NB) != 0)
		writable = 0;
	if ((len = invite_read_fd(fd, p, sizeof p)) < 0) {
		xasprintf(cause, "%s: %s", inv->path, strerror(errno));
		goto out;
	}
	switch (invite_file_kind(p, (size_t)len)) {
	case INVITE_FILE_UNUSED:
		*state = VAULT_INVITE_UNUSED;
		break;
	case INVITE_FILE_USED:
	case INVITE_FILE_CONSUMED:
		*state = VAULT_INVITE_USED;
		break;
	case INVITE_FILE_WITHDRAWN:
		*state = VAULT_INVITE_WITHDRAWN;
		break;
	case INVITE_FILE_PENDING:
		if ((s = invite_settle(inv, fd, p, (size_t)len, writable,
		    cause)) < 0)
			goto out;
		*state = (enum vault_invite_state)s;
		break;
	case INVITE_FILE_DAMAGED:
		*err = VAULT_ERR_DATA;
		xasprintf(cause, "%s: damaged invitation", inv->path);
		goto out;
	}
	*err = VAULT_OK;
	rc = 0;
out:
	close(fd);
	return rc;
}

struct vault_invitation *
vault_invitation_check(const struct vault *v, const char *code,
    enum vault_invite_state *state, int *err, char **cause)
{
	struct vault_invitation	*inv;
	char			 symbols[VAULT_INVITE_SYMBOLS + 1];

	*state = VAULT_INVITE_UNKNOWN;
	*err = VAULT_OK;
	if (v->invitations == VAULT_OPEN ||
	    vault_invite_normalise(code, symbols) != 0) {
		sodium_memzero(symbols, sizeof symbols);
		return NULL;
	}
	inv = invite_derive(v, symbols, cause);
	sodium_memzero(symbols, sizeof symbols);
	if (inv == NULL) {
		*err = VAULT_ERR_OTHER;
		return NULL;
	}
	if (v->invitations == VAULT_NAMED &&
	    vault_invite_id(code, inv->id) != 0)
		abort();
	if (invite_state_now(inv, state, err, cause) != 0 ||
	    *state == VAULT_INVITE_UNKNOWN) {
		vault_invitation_free(inv);
		return NULL;
	}
	return inv;
}

enum vault_invite_state
vault_invitation_state(struct vault_invitation *inv)
{
	enum vault_invite_state	 state;
	char			*cause = NULL;
	int			 err;

	if (invite_state_now(inv, &state, &err, &cause) != 0) {
		free(cause);
		return VAULT_INVITE_UNKNOWN;
	}
	return state;
}

const unsigned char *
vault_invitation_named_id(const struct vault_invitation *inv)
{
	return inv->vault->invitations == VAULT_NAMED ? inv->id : NULL;
}

struct vault_draft *
vault_invitation_take_draft(struct vault_invitation *inv, char **cause)
{
	struct vault_draft	*d;

	if (inv->draft != NULL) {
		d = inv->draft;
		inv->draft = NULL;
		return d;
	}
	return vault_draft_from_master(inv->vault, inv->keys +
	    INVITE_KEY_MASTER, cause);
}

/* ---- reading without a code ------------------------------------------- */

int
vault_invite_count(const struct vault *v, size_t *unused, size_t *used,
    size_t *withdrawn, size_t *pending, char **cause)
{
	DIR		*dp;
	struct dirent	*de;
	unsigned char	 p[INVITE_PENDING_SIZE + 1];
	char		*dir, *path;
	ssize_t		 len;
	int		 fd;

	*unused = *used = *withdrawn = *pending = 0;
	xasprintf(&dir, "%s/%s", v->dir, INVITE_DIR);
	if ((dp = opendir(dir)) == NULL) {
		free(dir);
		if (errno == ENOENT && v->invitations == VAULT_OPEN)
			return 0;
		xasprintf(cause, "%s/%s: %s", v->dir, INVITE_DIR,
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!invite_name_valid(de->d_name))
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		len = -1;
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) != -1) {
			len = invite_read_fd(fd, p, sizeof p);
			close(fd);
		}
		free(path);
		switch (len < 0 ? INVITE_FILE_DAMAGED :
		    invite_file_kind(p, (size_t)len)) {
		case INVITE_FILE_UNUSED:
			(*unused)++;
			break;
		case INVITE_FILE_USED:
		case INVITE_FILE_CONSUMED:
			(*used)++;
			break;
		case INVITE_FILE_WITHDRAWN:
			(*withdrawn)++;
			break;
		default:
			(*pending)++;	/* settled at its next check */
			break;
		}
	}
	closedir(dp);
	free(dir);
	return 0;
}

int
vault_invite_commitments(const struct vault *v, struct buf *out,
    char **cause)
{
	DIR		*dp;
	struct dirent	*de;
	struct buf	 b;
	char		*dir, *path;
	int		 errnum, rc = -1;

	xasprintf(&dir, "%s/%s", v->dir, INVITE_DIR);
	if ((dp = opendir(dir)) == NULL) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	buf_init(&b);
	while ((de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, "list-", 5) != 0 ||
		    strlen(de->d_name) != 21)
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		b.len = 0;
		if (vault_read_file(path, 64U << 20, &b, &errnum,
		    cause) != 0) {
			free(path);
			goto out;
		}
		if (b.len < 4 || memcmp(b.data, INVITE_LIST_MAGIC, 4) != 0 ||
		    (b.len - 4) % 32 != 0) {
			xasprintf(cause, "%s: damaged list of invitations",
			    path);
			free(path);
			goto out;
		}
		free(path);
		buf_add(out, b.data + 4, b.len - 4);
	}
	rc = 0;
out:
	buf_clear(&b);
	closedir(dp);
	free(dir);
	return rc;
}
