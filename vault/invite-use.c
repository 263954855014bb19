/* invite-use.c: consuming an invitation with its response, atomically
 * and safely across a crash: the file is locked (flock) while a
 * submission is under way, notes (sealed under the code) which record
 * file will hold the response before it is written, and is replaced by
 * the used mark once the response is durable. A lock found free on a
 * file still noting a record file means a writer that died: the note
 * settles it (the record file is there: used; not there: unused again).
 * See vault/README ("Invitations"). */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/invite-int.h"

void
vault_crash_point(const char *where)
{
	const char	*want = getenv("CONSULT_CRASH_POINT");

	if (want != NULL && strcmp(want, where) == 0)
		raise(SIGKILL);
}

/* Write n bytes at off, then fdatasync. */
static int
invite_pwrite(int fd, const void *p, size_t n, off_t off)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = pwrite(fd, p, n, off)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p = (const unsigned char *)p + w;
		n -= (size_t)w;
		off += w;
	}
	return fdatasync(fd);
}

/* Replace inv's file by a mark (used or withdrawn), after wiping its
 * sealed nullifier in place: no copy of it outlives the invitation. */
static int
invite_mark(struct vault_invitation *inv, int fd, const char *mark,
    char **cause)
{
	static const unsigned char	 zero[VAULT_NULLIFIER_BYTES +
	    INVITE_MAC_BYTES];
	const char			*name;

	if (invite_pwrite(fd, zero, sizeof zero, 4 + INVITE_NONCE_BYTES) !=
	    0) {
		xasprintf(cause, "%s: %s", inv->path, strerror(errno));
		return -1;
	}
	vault_crash_point("wiped");
	name = strrchr(inv->path, '/') + 1;
	return vault_write_file(inv->dir, name, mark, 4, 1, cause);
}

/* Open the pointer of a pending file into session and *first. */
static int
invite_pointer_open(struct vault_invitation *inv, const unsigned char *p,
    unsigned char session[SEAL_SESSION_ID_BYTES], uint64_t *first)
{
	unsigned char	 ad[INVITE_AD_BYTES], pt[SEAL_SESSION_ID_BYTES + 8];
	const unsigned char *q = p + INVITE_UNUSED_SIZE;
	int		 i;

	invite_ad(inv, ad);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(pt, NULL, NULL,
	    q + INVITE_NONCE_BYTES, INVITE_POINTER_SIZE - INVITE_NONCE_BYTES,
	    ad, sizeof ad, q, inv->keys + INVITE_KEY_POINTER) != 0)
		return -1;
	memcpy(session, pt, SEAL_SESSION_ID_BYTES);
	*first = 0;
	for (i = 0; i < 8; i++)
		*first = (*first << 8) | pt[SEAL_SESSION_ID_BYTES + i];
	return 0;
}

int
invite_settle(struct vault_invitation *inv, int fd, const unsigned char *p,
    size_t len, int writable, char **cause)
{
	unsigned char	 session[SEAL_SESSION_ID_BYTES];
	char		 name[VAULT_RECORD_NAME_LEN], *path;
	uint64_t	 first;
	int		 stored;

	(void)len;
	/* The note is made durable before the record is written: one that
	 * does not open (cut while written) means no record. */
	if (invite_pointer_open(inv, p, session, &first) == 0) {
		vault_record_name(session, first, name);
		xasprintf(&path, "%s/responses/%s", inv->vault->dir, name);
		stored = access(path, F_OK) == 0;
		free(path);
	} else
		stored = 0;
	if (!writable)
		return stored ? VAULT_INVITE_USED : VAULT_INVITE_UNUSED;
	if (stored) {
		if (invite_mark(inv, fd, INVITE_USED, cause) != 0)
			return -1;
		return VAULT_INVITE_USED;
	}
	if (ftruncate(fd, INVITE_UNUSED_SIZE) != 0 || fdatasync(fd) != 0) {
		xasprintf(cause, "%s: %s", inv->path, strerror(errno));
		return -1;
	}
	return VAULT_INVITE_UNUSED;
}

/* Open and lock inv's file, the one at its name now (a submission that
 * finished replaced it while this waited). Returns the fd, or -1. */
static int
invite_lock(struct vault_invitation *inv, char **cause)
{
	struct stat	 a, b;
	int		 fd;

	for (;;) {
		if ((fd = open(inv->path, O_RDWR | O_CLOEXEC)) == -1) {
			xasprintf(cause, "%s: %s", inv->path, strerror(errno));
			return -1;
		}
		while (flock(fd, LOCK_EX) != 0) {
			if (errno != EINTR) {
				xasprintf(cause, "%s: %s", inv->path,
				    strerror(errno));
				close(fd);
				return -1;
			}
		}
		if (fstat(fd, &a) == 0 && stat(inv->path, &b) == 0 &&
		    a.st_ino == b.st_ino && a.st_dev == b.st_dev)
			return fd;
		close(fd);
	}
}

/* Lock inv's file and read what it holds now, settling a submission
 * cut short. Returns the file's kind (*fdp locked), or -1. */
static int
invite_locked_kind(struct vault_invitation *inv, int *fdp,
    unsigned char p[INVITE_PENDING_SIZE + 1], char **cause)
{
	ssize_t	 len;
	int	 fd, kind, s;

	if ((fd = invite_lock(inv, cause)) == -1)
		return -1;
	if ((len = invite_read_fd(fd, p, INVITE_PENDING_SIZE + 1)) < 0) {
		xasprintf(cause, "%s: %s", inv->path, strerror(errno));
		close(fd);
		return -1;
	}
	kind = (int)invite_file_kind(p, (size_t)len);
	if (kind == INVITE_FILE_PENDING) {
		if ((s = invite_settle(inv, fd, p, (size_t)len, 1,
		    cause)) < 0) {
			close(fd);
			return -1;
		}
		kind = s == VAULT_INVITE_USED ? INVITE_FILE_USED :
		    INVITE_FILE_UNUSED;
	}
	if (kind == INVITE_FILE_DAMAGED) {
		xasprintf(cause, "%s: damaged invitation", inv->path);
		close(fd);
		return -1;
	}
	*fdp = fd;
	return kind;
}

/* The words for an invitation that cannot be used. */
static int
invite_refuse(int kind, char **cause)
{
	if (kind == INVITE_FILE_WITHDRAWN)
		xasprintf(cause, "this invitation has been withdrawn");
	else
		xasprintf(cause, "this invitation has already been used");
	return -2;
}

int
vault_invitation_claim(struct vault_invitation *inv,
    unsigned char nullifier[VAULT_NULLIFIER_BYTES], char **cause)
{
	unsigned char	 p[INVITE_PENDING_SIZE + 1], ad[INVITE_AD_BYTES];
	int		 fd, kind;

	if (inv->fd != -1) {
		xasprintf(cause, "the invitation is already claimed");
		return -1;
	}
	if ((kind = invite_locked_kind(inv, &fd, p, cause)) < 0)
		return -1;
	if (kind != INVITE_FILE_UNUSED) {
		close(fd);
		return invite_refuse(kind, cause);
	}
	invite_ad(inv, ad);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(nullifier, NULL, NULL,
	    p + 4 + INVITE_NONCE_BYTES, VAULT_NULLIFIER_BYTES +
	    INVITE_MAC_BYTES, ad, sizeof ad, p + 4,
	    inv->keys + INVITE_KEY_BOX) != 0) {
		close(fd);
		xasprintf(cause, "%s: damaged invitation", inv->path);
		return -1;
	}
	sodium_memzero(p, sizeof p);
	inv->fd = fd;
	return 0;
}

int
vault_invitation_pending(struct vault_invitation *inv,
    const unsigned char session[SEAL_SESSION_ID_BYTES], uint64_t first,
    char **cause)
{
	unsigned char	 out[INVITE_POINTER_SIZE], ad[INVITE_AD_BYTES];
	unsigned char	 pt[SEAL_SESSION_ID_BYTES + 8];
	int		 i;

	memcpy(pt, session, SEAL_SESSION_ID_BYTES);
	for (i = 0; i < 8; i++)
		pt[SEAL_SESSION_ID_BYTES + i] = (unsigned char)(first >>
		    (8 * (7 - i)));
	randombytes_buf(out, INVITE_NONCE_BYTES);
	invite_ad(inv, ad);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + INVITE_NONCE_BYTES,
	    NULL, pt, sizeof pt, ad, sizeof ad, NULL, out,
	    inv->keys + INVITE_KEY_POINTER);
	if (invite_pwrite(inv->fd, out, sizeof out, INVITE_UNUSED_SIZE) !=
	    0) {
		xasprintf(cause, "%s: %s", inv->path, strerror(errno));
		return -1;
	}
	return 0;
}

int
vault_invitation_consume(struct vault_invitation *inv, char **cause)
{
	int	 rc;

	rc = invite_mark(inv, inv->fd, INVITE_USED, cause);
	close(inv->fd);
	inv->fd = -1;
	return rc;
}

void
vault_invitation_release(struct vault_invitation *inv)
{
	if (inv->fd == -1)
		return;
	/* Best effort: a note left behind is settled by the next check. */
	if (ftruncate(inv->fd, INVITE_UNUSED_SIZE) == 0)
		(void)fdatasync(inv->fd);
	close(inv->fd);
	inv->fd = -1;
}

int
vault_invitation_withdraw(struct vault_invitation *inv, char **cause)
{
	unsigned char	 p[INVITE_PENDING_SIZE + 1];
	int		 fd, kind, rc;

	if ((kind = invite_locked_kind(inv, &fd, p, cause)) < 0)
		return -1;
	if (kind != INVITE_FILE_UNUSED) {
		close(fd);
		return invite_refuse(kind, cause);
	}
	rc = invite_mark(inv, fd, INVITE_WITHDRAWN, cause);
	close(fd);
	return rc;
}
