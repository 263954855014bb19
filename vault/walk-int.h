/* walk-int.h: the state of a walk (walk.c), shared with the checks of
 * a session's chain and end record (walk-chain.c). Not public. */
#ifndef CONSULT_VAULT_WALK_INT_H
#define CONSULT_VAULT_WALK_INT_H

#include "vault/lib.h"

struct vault_set {
	struct vault	**vaults;
	size_t		  nvaults;
	const struct vault_key *key;	/* borrowed */
	size_t		  base;		/* the form's record size */
	/* Closed vaults (walk-invite.c): the commitments of every vault's
	 * invitations, sorted, and which of them a response has used. */
	int		  invitations;	/* enum vault_invite_mode */
	unsigned char	 *commits;	/* 32 bytes each */
	size_t		  ncommits;
	unsigned char	 *seen;		/* one byte each */
};

/* One vault's files of the session being walked, read in turn, through
 * a buffer that records are opened in place from (no copy). */
struct walk_stream {
	size_t		 vault;
	size_t		 next;		/* next entry of the session */
	int		 fd;		/* of the open file, or -1 */
	unsigned char	*buf;		/* what was read of it */
	size_t		 bufsize;
	size_t		 start;		/* unused bytes: buf[start..end) */
	size_t		 end;
	char		*path;		/* of the open file */
	uint32_t	 left;		/* records left in it */
	uint32_t	 count;
	const unsigned char *head;	/* the next record, in buf, if has_head */
	size_t		 headlen;
	int		 has_head;
	uint64_t	 index;		/* its index */
	int		 has_prev;
	uint64_t	 prev;		/* index of the stream's last head */
};

struct walk {
	struct vault_set *set;
	const struct vault_walk_cb *cb;
	struct vault_walk_stats *stats;
	struct vault_entry *entries;	/* of the session */
	size_t		 nentries;
	struct walk_stream *streams;	/* [nvaults] */
	struct seal_reader *reader;
	char		 session[SEAL_SESSION_ID_BYTES * 2 + 1];
	struct buf	 plain;		/* locked while it holds answers */
	void		*locked;
	size_t		 nlocked;
	struct answers	*answers;	/* decoded into, record after record */

	/* The session's chain: the last record opened, and whether a
	 * record was reported bad since (a gap after it is then no news). */
	int		 has_opened;
	uint64_t	 opened;
	int		 bad_since;
};

/* Report a record or file that does not open (counted in the stats). */
void		 walk_bad(struct walk *, const char *file, const char *fmt,
		     ...) PRINTFLIKE(3, 4);
/* Make room in w->plain for a plaintext of up to n bytes, locked in
 * memory; filler (not secret) fills what grows. */
void		 walk_plain_reserve(struct walk *,
		     const unsigned char *filler, size_t n);
/* Check that the record at index (of file) links to the last record
 * opened in its session; report a gap as a bad record. */
void		 walk_chain(struct walk *, const char *file, uint64_t index,
		     const struct vault_record_head *);
/* walk-invite.c: load the commitments of a set of closed vaults (all
 * of one mode, or all open). Returns 0, or -1 with *err and *cause. */
int		 walk_invite_load(struct vault_set *, int *err, char **cause);
/* Check an opened record's proof of invitation (closed vaults): 0 to
 * count it, or -1 once it is reported bad (no valid proof, or a second
 * response for one invitation). */
int		 walk_invite_check(struct walk *, const char *file,
		     uint64_t index, const struct vault_record_head *);
/* After the session's records, check its end record (or count the
 * session as cut short). */
void		 walk_end(struct walk *);

#endif
