/* walk-invite.c: the analyst's check of closed vaults: each response
 * must carry the nullifier of an invitation of the vaults read (whose
 * commitment is in their lists), and each invitation counts once, across
 * copies and merged vaults. See vault/README ("Invitations"). */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vault/walk-int.h"

static int
walk_commit_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

int
walk_invite_load(struct vault_set *set, int *err, char **cause)
{
	struct buf	 all;
	size_t		 i, j, n;

	set->invitations = set->vaults[0]->invitations;
	for (i = 1; i < set->nvaults; i++) {
		if (set->vaults[i]->invitations != set->invitations) {
			*err = VAULT_ERR_DATA;
			xasprintf(cause, "%s is %s and %s is %s: read them "
			    "apart", set->vaults[0]->dir, vault_invite_mode_name(
			    set->invitations), set->vaults[i]->dir,
			    vault_invite_mode_name(set->vaults[i]->invitations));
			return -1;
		}
	}
	if (set->invitations == VAULT_OPEN)
		return 0;
	buf_init(&all);
	for (i = 0; i < set->nvaults; i++) {
		if (vault_invite_commitments(set->vaults[i], &all,
		    cause) != 0) {
			*err = VAULT_ERR_DATA;
			buf_clear(&all);
			return -1;
		}
	}
	/* Sorted, each once: copies of a vault hold the same lists. */
	n = all.len / 32;
	if (n != 0)
		qsort(all.data, n, 32, walk_commit_cmp);
	for (i = j = 0; i < n; i++) {
		if (j != 0 && memcmp(all.data + (j - 1) * 32, all.data + i * 32,
		    32) == 0)
			continue;
		memmove(all.data + j * 32, all.data + i * 32, 32);
		j++;
	}
	set->commits = xmalloc(j * 32 + 1);
	memcpy(set->commits, all.data, j * 32);
	set->ncommits = j;
	set->seen = xcalloc(j + 1, 1);
	buf_clear(&all);
	return 0;
}

int
walk_invite_check(struct walk *w, const char *file, uint64_t index,
    const struct vault_record_head *h)
{
	struct vault_set	*set = w->set;
	unsigned char		 c[32], *at;
	size_t			 k;

	if (set->invitations == VAULT_OPEN)
		return 0;
	if (!h->has_proof || (set->invitations == VAULT_NAMED) != h->has_id) {
		w->stats->uninvited++;
		walk_bad(w, file, "record %llu: no proof of invitation in a "
		    "closed vault: not counted", (unsigned long long)index);
		w->bad_since = 0;
		return -1;
	}
	vault_invite_commit(h->nullifier, c);
	at = set->ncommits == 0 ? NULL : bsearch(c, set->commits,
	    set->ncommits, 32, walk_commit_cmp);
	if (at == NULL) {
		w->stats->uninvited++;
		walk_bad(w, file, "record %llu: its proof of invitation "
		    "matches no invitation of the vaults: not counted",
		    (unsigned long long)index);
		w->bad_since = 0;	/* opened: the chain holds */
		return -1;
	}
	k = (size_t)(at - set->commits) / 32;
	if (set->seen[k]) {
		w->stats->reused++;
		walk_bad(w, file, "record %llu: a second response for one "
		    "invitation: not counted", (unsigned long long)index);
		w->bad_since = 0;
		return -1;
	}
	set->seen[k] = 1;
	return 0;
}
