/* invite-make.c: consult invite's side of invitations: closing a vault
 * (its header and folder), and a batch of invitations: each code's file
 * (its sealed nullifier) and the batch's sorted commitments, the codes
 * handed out only once every file is durable. See vault/README
 * ("Invitations"). */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/invite-int.h"

/* Make the invitations folder (the mode of responses/) and say in the
 * header that the vault is closed, in mode. */
static int
invite_close_vault(struct vault *v, int mode, int *err, char **cause)
{
	struct stat	 sb;
	char		*dir, *resp;
	int		 rc = -1;

	xasprintf(&dir, "%s/%s", v->dir, INVITE_DIR);
	xasprintf(&resp, "%s/responses", v->dir);
	*err = VAULT_ERR_IO;
	if (stat(resp, &sb) != 0) {
		xasprintf(cause, "%s: %s", resp, strerror(errno));
		goto out;
	}
	if ((mkdir(dir, 0700) != 0 && errno != EEXIST) ||
	    chmod(dir, sb.st_mode & 0755) != 0 ||
	    (geteuid() == 0 && chown(dir, sb.st_uid, sb.st_gid) != 0)) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		goto out;
	}
	v->invitations = mode;
	if (vault_header_write(v, cause) != 0) {
		v->invitations = VAULT_OPEN;
		goto out;
	}
	rc = 0;
out:
	free(resp);
	free(dir);
	return rc;
}

/* Check that v can take invitations in mode; close it if open. */
static int
invite_prepare(struct vault *v, int mode, int *err, char **cause)
{
	*err = VAULT_ERR_OTHER;
	if (v->version < VAULT_FORMAT_VERSION) {
		*err = VAULT_ERR_DATA;
		xasprintf(cause, "%s: a vault of format %d: invite into a new "
		    "vault (consult init)", v->dir, v->version);
		return -1;
	}
	if (v->invitations != VAULT_OPEN) {
		if (mode != VAULT_OPEN && mode != v->invitations) {
			xasprintf(cause, "%s: its invitations are %s; more "
			    "can only be %s", v->dir,
			    vault_invite_mode_name(v->invitations),
			    vault_invite_mode_name(v->invitations));
			return -1;
		}
		return 0;
	}
	if (vault_is_simulated(v) || vault_has_real_responses(v)) {
		xasprintf(cause, "%s: already holds responses; invitations "
		    "close a vault before its first response (consult init "
		    "a new one)", v->dir);
		return -1;
	}
	return invite_close_vault(v, mode == VAULT_OPEN ? VAULT_NAMED : mode,
	    err, cause);
}

/* Run as root (the SSH set-up of the README), files made in dir go to
 * dir's owner: the participant account consumes them. *uid is -1 when
 * nothing is to be done. Returns 0, or -1. */
static int
invite_owner(const char *dir, uid_t *uid, gid_t *gid)
{
	struct stat	 sb;

	*uid = (uid_t)-1;
	*gid = (gid_t)-1;
	if (geteuid() != 0)
		return 0;
	if (stat(dir, &sb) != 0)
		return -1;
	*uid = sb.st_uid;
	*gid = sb.st_gid;
	return 0;
}

/* Write one invitation's file (fsync'd; the folder is synced once at
 * the end). Returns 0, 1 when the name is taken, or -1. */
static int
invite_write_one(struct vault_invitation *inv, const unsigned char
    nullifier[VAULT_NULLIFIER_BYTES], char **cause)
{
	unsigned char	 out[INVITE_UNUSED_SIZE], ad[INVITE_AD_BYTES];
	struct timespec	 ts[2];
	uid_t		 uid;
	gid_t		 gid;
	char		*tmp;
	int		 fd, rc = -1;

	memcpy(out, INVITE_MAGIC, 4);
	randombytes_buf(out + 4, INVITE_NONCE_BYTES);
	invite_ad(inv, ad);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + 4 +
	    INVITE_NONCE_BYTES, NULL, nullifier, VAULT_NULLIFIER_BYTES, ad,
	    sizeof ad, NULL, out + 4, inv->keys + INVITE_KEY_BOX);
	xasprintf(&tmp, "%s/.tmp-invite-XXXXXX", inv->dir);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		xasprintf(cause, "%s: %s", inv->dir, strerror(errno));
		free(tmp);
		return -1;
	}
	vault_day_start(time(NULL), &ts[0]);
	ts[1] = ts[0];
	if (invite_owner(inv->dir, &uid, &gid) != 0 ||
	    (uid != (uid_t)-1 && fchown(fd, uid, gid) != 0) ||
	    write(fd, out, sizeof out) != (ssize_t)sizeof out ||
	    futimens(fd, ts) != 0 || fsync(fd) != 0) {
		xasprintf(cause, "%s: %s", inv->path, strerror(errno));
		goto out;
	}
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, inv->path,
	    RENAME_NOREPLACE) != 0) {
		if (errno == EEXIST)
			rc = 1;
		else
			xasprintf(cause, "%s: %s", inv->path, strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	rc = 0;
out:
	close(fd);
	if (tmp != NULL)
		unlink(tmp);
	free(tmp);
	return rc;
}

static int
invite_commit_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

/* Write the batch's commitments, sorted (so that their order tells
 * nothing), as one list file. */
static int
invite_write_list(const struct vault *v, unsigned char *commits, size_t n,
    char **cause)
{
	struct buf	 b;
	unsigned char	 id[8];
	uid_t		 uid;
	gid_t		 gid;
	char		 hex[17], *name, *dir;
	int		 rc;

	qsort(commits, n, 32, invite_commit_cmp);
	buf_init(&b);
	buf_add(&b, INVITE_LIST_MAGIC, 4);
	buf_add(&b, commits, n * 32);
	randombytes_buf(id, sizeof id);
	sodium_bin2hex(hex, sizeof hex, id, sizeof id);
	xasprintf(&name, "list-%s", hex);
	xasprintf(&dir, "%s/%s", v->dir, INVITE_DIR);
	rc = vault_write_file(dir, name, b.data, b.len, 0, cause);
	if (rc == 0) {
		free(name);
		xasprintf(&name, "%s/list-%s", dir, hex);
		if (invite_owner(dir, &uid, &gid) != 0 || (uid != (uid_t)-1 &&
		    chown(name, uid, gid) != 0) || chmod(name, 0644) != 0) {
			xasprintf(cause, "%s: %s", name, strerror(errno));
			rc = -1;
		}
	}
	free(dir);
	free(name);
	buf_clear(&b);
	return rc;
}

int
vault_invite_make(struct vault *v, int mode, size_t n,
    int (*put)(const char *, size_t, void *), void *arg, int *err,
    char **cause)
{
	struct vault_invitation	*inv;
	unsigned char		 nullifier[VAULT_NULLIFIER_BYTES];
	unsigned char		*commits = NULL;
	char			*codes = NULL, symbols[VAULT_INVITE_SYMBOLS + 1];
	size_t			 i;
	int			 rc = -1, w;

	if (invite_prepare(v, mode, err, cause) != 0)
		return -1;
	*err = VAULT_ERR_IO;
	/* The codes wait in locked memory until every file is durable. */
	if (n == 0 || (codes = sodium_allocarray(n, VAULT_INVITE_LEN)) ==
	    NULL) {
		xasprintf(cause, n == 0 ? "no invitations to make" :
		    "cannot allocate locked memory");
		*err = VAULT_ERR_OTHER;
		return -1;
	}
	commits = xcalloc(n, 32);
	for (i = 0; i < n; i++) {
		vault_invite_code_make(codes + i * VAULT_INVITE_LEN);
		if (vault_invite_normalise(codes + i * VAULT_INVITE_LEN,
		    symbols) != 0)
			abort();
		inv = invite_derive(v, symbols, cause);
		sodium_memzero(symbols, sizeof symbols);
		if (inv == NULL)
			goto out;
		randombytes_buf(nullifier, sizeof nullifier);
		vault_invite_commit(nullifier, commits + i * 32);
		w = invite_write_one(inv, nullifier, cause);
		vault_invitation_free(inv);
		if (w < 0)
			goto out;
		if (w > 0)
			i--;	/* one chance in 2^78: draw again */
	}
	sodium_memzero(nullifier, sizeof nullifier);
	if (invite_write_list(v, commits, n, cause) != 0)
		goto out;
	*err = VAULT_ERR_OTHER;
	for (i = 0; i < n; i++) {
		if (put(codes + i * VAULT_INVITE_LEN, i, arg) != 0) {
			xasprintf(cause, "stopped after %zu of %zu codes", i,
			    n);
			goto out;
		}
	}
	rc = 0;
out:
	sodium_free(codes);
	free(commits);
	return rc;
}

