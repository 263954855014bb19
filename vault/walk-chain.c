/* walk-chain.c: the checks of a session's chain as a walk reads it:
 * each record names the one before it, and a session that ended cleanly
 * has an end record naming its last. See vault/README ("Sessions: the
 * chain"). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vault/walk-int.h"

void
walk_chain(struct walk *w, const char *file, uint64_t index,
    const struct vault_record_head *h)
{
	if (h->has_prev == w->has_opened && (!h->has_prev ||
	    h->prev == w->opened))
		return;
	if (w->bad_since)
		return;	/* what is missing was reported already */
	if (!h->has_prev)
		walk_bad(w, file, "record %llu: claims to start its session, "
		    "which had record %llu before it",
		    (unsigned long long)index, (unsigned long long)w->opened);
	else if (!w->has_opened || h->prev > w->opened)
		walk_bad(w, file, "record %llu: the record before it (%llu) "
		    "is missing: removed, or in a file that is gone",
		    (unsigned long long)index, (unsigned long long)h->prev);
	else
		walk_bad(w, file, "record %llu: follows record %llu, not "
		    "record %llu", (unsigned long long)index,
		    (unsigned long long)h->prev, (unsigned long long)w->opened);
}

/* Open the session's end record from the first vault that holds one
 * (into b); 0 when one opened, 1 when no vault has one, -1 when one was
 * there and was reported bad. */
static int
walk_end_open(struct walk *w, struct buf *b, struct vault_record_head *h,
    char **path)
{
	struct seal_record_info	 info;
	char			*cause = NULL;
	size_t			 i, enclen;
	uint64_t		 index;
	int			 errnum, found = 0;

	for (i = 0; i < w->nentries; i++) {
		if (i != 0 && w->entries[i].vault == w->entries[i - 1].vault)
			continue;
		xasprintf(path, "%s/sessions/%s.end",
		    w->set->vaults[w->entries[i].vault]->dir, w->session);
		b->len = 0;
		if (vault_read_file(*path, SEAL_RECORD_OVERHEAD +
		    SEAL_MAX_PLAINTEXT, b, &errnum, &cause) != 0) {
			if (errnum != ENOENT) {
				found = 1;	/* there, but unreadable */
				walk_bad(w, *path, "%s", cause);
			}
			free(cause);
			cause = NULL;
			free(*path);
			continue;
		}
		found = 1;
		walk_plain_reserve(w, b->data, b->len);
		if (seal_record_parse(b->data, b->len, &info, &cause) == 0 &&
		    seal_reader_open(w->reader, b->data, b->len, &index,
		    &w->plain, &cause) == 0 && vault_record_unpack(
		    w->plain.data, w->plain.len, VAULT_RECORD_END_BASE, h,
		    &enclen, &cause) == 0 && h->kind != VAULT_RECORD_END) {
			cause = xstrdup("not an end record");
		}
		wipe(w->plain.data, w->plain.len);
		w->plain.len = 0;
		if (cause == NULL)
			return 0;
		walk_bad(w, *path, "%s", cause);
		free(cause);
		cause = NULL;
		free(*path);
	}
	*path = NULL;
	return found ? -1 : 1;
}

/* After the session's records: its end record must name the last one
 * opened; a session without one was cut short (a crash, a kill, a lost
 * connection) and is counted apart, not as bad. */
void
walk_end(struct walk *w)
{
	struct vault_record_head h;
	struct buf		 b;
	char			*path = NULL;
	int			 rc;

	buf_init(&b);
	rc = walk_end_open(w, &b, &h, &path);
	buf_clear(&b);
	if (rc == 1) {
		w->stats->unfinished++;
		return;
	}
	if (rc == 0 && !w->bad_since && (h.has_prev != w->has_opened ||
	    (h.has_prev && h.prev != w->opened))) {
		if (h.has_prev && (!w->has_opened || h.prev > w->opened))
			walk_bad(w, path, "the session's last record is %llu, "
			    "and records after %llu are missing",
			    (unsigned long long)h.prev,
			    (unsigned long long)w->opened);
		else
			walk_bad(w, path, "the session ended after record "
			    "%llu, not after record %llu",
			    (unsigned long long)h.prev,
			    (unsigned long long)w->opened);
	}
	free(path);
}
