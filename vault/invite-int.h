/* invite-int.h: an invitation's keys and file, shared by invite.c
 * (making, checking, counting) and invite-use.c (consuming). Not public.
 * File formats: vault/README ("Invitations"). */
#ifndef CONSULT_VAULT_INVITE_INT_H
#define CONSULT_VAULT_INVITE_INT_H

#include <sodium.h>

#include "vault/lib.h"

#define INVITE_DIR		"invitations"
#define INVITE_KDF_CONTEXT	"consinvt"
#define INVITE_TAG_BYTES	16
#define INVITE_MAGIC		"CVI1"	/* unused (and pending) */
#define INVITE_USED		"CVIU"
#define INVITE_WITHDRAWN	"CVIW"
#define INVITE_LIST_MAGIC	"CVL1"
#define INVITE_NONCE_BYTES	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define INVITE_MAC_BYTES	crypto_aead_xchacha20poly1305_ietf_ABYTES
/* magic, nonce, the sealed nullifier */
#define INVITE_UNUSED_SIZE	(4 + INVITE_NONCE_BYTES + \
	VAULT_NULLIFIER_BYTES + INVITE_MAC_BYTES)
/* then, while a submission is under way: nonce, sealed session and
 * first index of the record file that will hold the response */
#define INVITE_POINTER_SIZE	(INVITE_NONCE_BYTES + \
	SEAL_SESSION_ID_BYTES + 8 + INVITE_MAC_BYTES)
#define INVITE_PENDING_SIZE	(INVITE_UNUSED_SIZE + INVITE_POINTER_SIZE)

/* Keys in locked memory: the nullifier's box, the pointer's box, and
 * the Argon2id output (for the draft). */
#define INVITE_KEY_BOX		0
#define INVITE_KEY_POINTER	32
#define INVITE_KEY_MASTER	64
#define INVITE_KEYS_BYTES	96

struct vault_invitation {
	const struct vault *vault;	/* borrowed */
	char		*dir;		/* VAULT/invitations */
	char		*path;		/* its file */
	unsigned char	 tag[INVITE_TAG_BYTES];
	unsigned char	 id[VAULT_INVITE_ID_BYTES];
	unsigned char	*keys;		/* sodium_malloc'd */
	struct vault_draft *draft;	/* made on demand */
	int		 fd;		/* locked while claimed, else -1 */
};

/* What an invitation file's bytes say. */
enum invite_file {
	INVITE_FILE_UNUSED,
	INVITE_FILE_PENDING,		/* a submission under way or cut */
	INVITE_FILE_CONSUMED,		/* pending with its box wiped */
	INVITE_FILE_USED,
	INVITE_FILE_WITHDRAWN,
	INVITE_FILE_DAMAGED,
};

/* The invitation of a normalised code: Argon2id once, then its tag
 * (the file name) and keys. NULL with *cause on failure. */
struct vault_invitation *invite_derive(const struct vault *,
		     const char *symbols, char **cause);
/* Classify an invitation file's bytes. */
enum invite_file invite_file_kind(const unsigned char *, size_t);
/* The associated data of the boxes: magic, form fingerprint, tag. */
#define INVITE_AD_BYTES		(4 + FORM_FINGERPRINT_BYTES + \
	INVITE_TAG_BYTES)
void		 invite_ad(const struct vault_invitation *,
		     unsigned char ad[INVITE_AD_BYTES]);
/* Read fd's whole file (at most INVITE_PENDING_SIZE + 1 bytes) into p;
 * returns the length or -1. */
ssize_t		 invite_read_fd(int fd, unsigned char *p, size_t size);
/* Settle a pending file read from fd (locked, or read-only when
 * writable is 0): the state it stands for; written down when writable.
 * Returns the state, or -1 with *cause. */
int		 invite_settle(struct vault_invitation *, int fd,
		     const unsigned char *p, size_t len, int writable,
		     char **cause);

#endif
