/* walk.c: reading vaults with the analyst's key: every response of one
 * or several vaults once, in a stable order, streaming. See vault/README. */
#include <sys/mman.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/walk-int.h"

#define WALK_FILE_HEADER	28
#define WALK_READ_BUFFER	(64 * 1024)
#define WALK_MAX_RECORD		(SEAL_RECORD_OVERHEAD + SEAL_MAX_PLAINTEXT)

void
vault_set_free(struct vault_set *set)
{
	size_t	 i;

	if (set == NULL)
		return;
	for (i = 0; i < set->nvaults; i++)
		vault_free(set->vaults[i]);
	free(set->vaults);
	free(set->commits);
	free(set->seen);
	free(set);
}

struct vault_set *
vault_set_open(char *const *dirs, size_t n, const struct vault_key *key,
    int *err, char **cause)
{
	struct vault_set	*set;
	char			 want[VAULT_KEY_ID_LEN], have[VAULT_KEY_ID_LEN];
	size_t			 i;

	set = xcalloc(1, sizeof *set);
	set->key = key;
	set->base = 0;
	set->vaults = xcalloc(n, sizeof *set->vaults);
	for (i = 0; i < n; i++) {
		if ((set->vaults[i] = vault_open(dirs[i], err, cause)) == NULL)
			goto fail;
		set->nvaults++;
		if (memcmp(set->vaults[i]->fingerprint,
		    set->vaults[0]->fingerprint, FORM_FINGERPRINT_BYTES) != 0) {
			*err = VAULT_ERR_DATA;
			xasprintf(cause, "%s holds another form than %s",
			    dirs[i], dirs[0]);
			goto fail;
		}
		if (sodium_memcmp(set->vaults[i]->pk, vault_key_public(key),
		    VAULT_KEY_BYTES) != 0) {
			vault_key_id(set->vaults[i]->pk, want);
			vault_key_id(vault_key_public(key), have);
			*err = VAULT_ERR_KEY;
			xasprintf(cause, "%s was made for key %s, not for this "
			    "key (%s)", dirs[i], want, have);
			goto fail;
		}
	}
	set->base = vault_record_base_vault(set->vaults[0]);
	if (walk_invite_load(set, err, cause) != 0)
		goto fail;
	return set;
fail:
	vault_set_free(set);
	return NULL;
}

const struct form *
vault_set_form(const struct vault_set *set)
{
	return set->vaults[0]->form;
}

/* ---- reading record files -------------------------------------------- */

static uint32_t
walk_get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

void
walk_bad(struct walk *w, const char *file, const char *fmt, ...)
{
	va_list	 ap;
	char	*why;

	va_start(ap, fmt);
	xvasprintf(&why, fmt, ap);
	va_end(ap);
	w->stats->bad++;
	w->bad_since = 1;
	if (w->cb->bad != NULL)
		w->cb->bad(file, why, w->cb->arg);
	free(why);
}

static void
walk_close(struct walk_stream *s)
{
	if (s->fd != -1)
		close(s->fd);
	s->fd = -1;
	s->start = s->end = 0;
	free(s->path);
	s->path = NULL;
}

/* The next n bytes of the stream's file, read into its buffer if need
 * be (it grows to n); NULL when the file ends or cannot be read first.
 * The bytes stay put until the next call. */
static const unsigned char *
walk_take(struct walk_stream *s, size_t n)
{
	const unsigned char	*p;
	ssize_t			 r;

	if (s->end - s->start < n) {
		memmove(s->buf, s->buf + s->start, s->end - s->start);
		s->end -= s->start;
		s->start = 0;
		if (s->bufsize < n) {
			s->bufsize = n;
			s->buf = xrealloc(s->buf, n);
		}
		while (s->end < n) {
			r = read(s->fd, s->buf + s->end, s->bufsize - s->end);
			if (r == -1 && errno == EINTR)
				continue;
			if (r <= 0)
				return NULL;
			s->end += (size_t)r;
		}
	}
	p = s->buf + s->start;
	s->start += n;
	return p;
}

/* Open the stream's next file and read its header; 0 when there is no
 * file left. */
static int
walk_open_next(struct walk *w, struct walk_stream *s)
{
	const unsigned char	*h;
	struct vault_entry	*e;
	char			 name[VAULT_RECORD_NAME_LEN];

	for (;;) {
		while (s->next < w->nentries &&
		    w->entries[s->next].vault != s->vault)
			s->next++;
		if (s->next == w->nentries)
			return 0;
		e = &w->entries[s->next++];
		vault_record_name(e->session, e->first, name);
		xasprintf(&s->path, "%s/responses/%s",
		    w->set->vaults[s->vault]->dir, name);
		if ((s->fd = open(s->path, O_RDONLY | O_CLOEXEC)) == -1) {
			walk_bad(w, s->path, "%s", strerror(errno));
			free(s->path);
			s->path = NULL;
			continue;
		}
		/* Fewer, larger reads: a batch file holds up to a megabyte. */
		if (s->buf == NULL) {
			s->bufsize = WALK_READ_BUFFER;
			s->buf = xmalloc(s->bufsize);
		}
		if ((h = walk_take(s, WALK_FILE_HEADER)) == NULL ||
		    memcmp(h, "CVB1", 4) != 0) {
			walk_bad(w, s->path, "not a record file");
		} else {
			s->count = s->left = walk_get32(h + 4);
			return 1;
		}
		walk_close(s);
	}
}

/* Read the stream's next record into its head, moving through files;
 * a damaged frame ends its file. */
static void
walk_advance(struct walk *w, struct walk_stream *s)
{
	const unsigned char	*n;
	struct seal_record_info	 info;
	uint32_t		 len;
	char			*cause;

	s->has_head = 0;
	for (;;) {
		if (s->fd == -1 && !walk_open_next(w, s))
			return;
		if (s->left == 0) {
			if (walk_take(s, 1) != NULL)
				walk_bad(w, s->path, "bytes after the last "
				    "record");
			walk_close(s);
			continue;
		}
		if ((n = walk_take(s, 4)) == NULL || (len = walk_get32(n)) >
		    WALK_MAX_RECORD) {
			walk_bad(w, s->path, "truncated or damaged after "
			    "%u of %u records", s->count - s->left, s->count);
			walk_close(s);
			continue;
		}
		s->headlen = len;
		if ((s->head = walk_take(s, len)) == NULL) {
			walk_bad(w, s->path, "truncated after %u of %u "
			    "records", s->count - s->left, s->count);
			walk_close(s);
			continue;
		}
		s->left--;
		if (seal_record_parse(s->head, len, &info, &cause) != 0) {
			walk_bad(w, s->path, "record %u: %s",
			    s->count - s->left - 1, cause);
			free(cause);
			continue;
		}
		if (memcmp(info.session, w->entries[0].session,
		    SEAL_SESSION_ID_BYTES) != 0) {
			walk_bad(w, s->path, "record %u: from another session",
			    s->count - s->left - 1);
			continue;
		}
		s->index = info.index;
		s->has_head = 1;
		return;
	}
}

/* ---- sessions -------------------------------------------------------- */

/* Make the session's reader from the first vault whose header opens. */
static int
walk_reader(struct walk *w)
{
	struct buf	 b;
	struct vault	*v;
	char		*path, *cause = NULL, name[VAULT_RECORD_NAME_LEN];
	size_t		 i;
	int		 errnum, wrong_key;

	buf_init(&b);
	for (i = 0; i < w->nentries && w->reader == NULL; i++) {
		if (i != 0 && w->entries[i].vault == w->entries[i - 1].vault)
			continue;
		v = w->set->vaults[w->entries[i].vault];
		xasprintf(&path, "%s/sessions/%s.hdr", v->dir, w->session);
		free(cause);
		cause = NULL;
		b.len = 0;
		if (vault_read_file(path, 4096, &b, &errnum, &cause) == 0)
			w->reader = seal_reader_create(w->set->key, b.data,
			    b.len, v->fingerprint, &wrong_key, &cause);
		free(path);
	}
	buf_clear(&b);
	if (w->reader != NULL) {
		free(cause);
		return 0;
	}
	for (i = 0; i < w->nentries; i++) {
		v = w->set->vaults[w->entries[i].vault];
		vault_record_name(w->entries[i].session, w->entries[i].first,
		    name);
		xasprintf(&path, "%s/responses/%s", v->dir, name);
		walk_bad(w, path, "session header: %s", cause);
		free(path);
	}
	free(cause);
	return -1;
}

void
walk_plain_reserve(struct walk *w, const unsigned char *filler, size_t n)
{
	w->plain.len = 0;
	if (w->plain.size <= n) {
		buf_add(&w->plain, filler, n);	/* not secret: ciphertext */
		w->plain.len = 0;
	}
	if (w->plain.data == w->locked && w->plain.size == w->nlocked)
		return;
	if (w->locked != NULL)
		(void)munlock(w->locked, w->nlocked);
	w->locked = w->plain.data;
	w->nlocked = w->plain.size;
	(void)sodium_mlock(w->locked, w->nlocked);
}

/* Open the head of s; *opened is set once the record's identity is
 * used up. Returns the callback's value. */
static int
walk_open(struct walk *w, struct walk_stream *s, int *opened)
{
	struct vault_record	 r;
	struct vault_record_head h;
	char			*cause;
	uint32_t		 position;
	size_t			 enclen;
	int			 rc = 0;

	walk_plain_reserve(w, s->head, s->headlen);
	if (seal_reader_open(w->reader, s->head, s->headlen, &r.index,
	    &w->plain, &cause) != 0) {
		walk_bad(w, s->path, "record %llu: %s",
		    (unsigned long long)s->index, cause);
		free(cause);
		return 0;
	}
	*opened = 1;
	memset(&r, 0, sizeof r);
	r.index = s->index;
	if (vault_record_unpack(w->plain.data, w->plain.len, w->set->base, &h,
	    &enclen, &cause) != 0) {
		walk_bad(w, s->path, "record %llu: %s",
		    (unsigned long long)s->index, cause);
		free(cause);
		goto out;
	}
	if (h.kind != VAULT_RECORD_RESPONSE) {
		walk_bad(w, s->path, "record %llu: a session's end record "
		    "among its responses", (unsigned long long)s->index);
		goto out;
	}
	walk_chain(w, s->path, s->index, &h);
	w->has_opened = 1;
	w->opened = s->index;
	w->bad_since = 0;
	if (walk_invite_check(w, s->path, s->index, &h) != 0)
		goto out;
	memcpy(r.day, h.day, VAULT_DAY_LEN);
	r.simulated = h.simulated;
	r.vault = w->set->vaults[s->vault]->dir;
	r.file = s->path;
	r.session = w->session;
	r.plain = w->plain.data + h.answers_at;
	r.invite_id = h.has_id && w->set->invitations == VAULT_NAMED ?
	    h.invite_id : NULL;
	r.len = enclen;
	if (w->cb->decode) {
		if (w->answers == NULL)
			w->answers = answers_create(vault_set_form(w->set), 0,
			    NULL);
		if (answers_decode_into(w->answers, r.plain, r.len,
		    &r.complete, &position, &cause) != 0) {
			walk_bad(w, s->path, "record %llu: %s",
			    (unsigned long long)s->index, cause);
			free(cause);
			goto out;
		}
		r.answers = w->answers;
	}
	w->stats->opened++;
	if (r.simulated)
		w->stats->simulated++;
	rc = w->cb->record(&r, w->cb->arg);
out:
	if (w->answers != NULL)
		answers_reset(w->answers);	/* wiped, as the plaintext */
	wipe(w->plain.data, w->plain.len);
	w->plain.len = 0;
	return rc;
}

/* Merge the session's streams by index: each record once. */
static int
walk_session(struct walk *w)
{
	struct walk_stream	*s;
	uint64_t		 m, last = 0;
	size_t			 i;
	int			 found, opened, has_last = 0, rc = 0;

	w->has_opened = 0;
	w->opened = 0;
	w->bad_since = 0;
	for (i = 0; i < w->set->nvaults; i++) {
		s = &w->streams[i];
		s->vault = i;
		s->next = 0;
		s->has_prev = 0;
		s->fd = -1;
		walk_advance(w, s);
	}
	for (;;) {
		found = 0;
		m = 0;
		for (i = 0; i < w->set->nvaults; i++) {
			s = &w->streams[i];
			if (s->has_head && (!found || s->index < m)) {
				m = s->index;
				found = 1;
			}
		}
		if (!found)
			break;
		opened = 0;
		for (i = 0; i < w->set->nvaults && rc == 0; i++) {
			s = &w->streams[i];
			if (!s->has_head || s->index != m)
				continue;
			if (s->has_prev && s->index <= s->prev)
				walk_bad(w, s->path, "record %llu: replayed or "
				    "out of order", (unsigned long long)m);
			else if ((has_last && m <= last) || opened)
				w->stats->duplicates++;
			else
				rc = walk_open(w, s, &opened);
			if (!s->has_prev || s->index > s->prev)
				s->prev = s->index;
			s->has_prev = 1;
			walk_advance(w, s);
		}
		if (rc != 0)
			break;
		if (opened) {
			last = m;
			has_last = 1;
		}
	}
	for (i = 0; i < w->set->nvaults; i++)
		walk_close(&w->streams[i]);
	if (rc == 0)
		walk_end(w);
	return rc;
}

int
vault_set_walk(struct vault_set *set, const struct vault_walk_cb *cb,
    struct vault_walk_stats *stats, char **cause)
{
	struct walk		 w;
	struct vault_entry	*all;
	size_t			 i, j, nall;
	int			 rc = 0;

	memset(stats, 0, sizeof *stats);
	if (vault_list(set->vaults, set->nvaults, &all, &nall, cause) != 0)
		return -1;
	memset(&w, 0, sizeof w);
	w.set = set;
	w.cb = cb;
	w.stats = stats;
	w.streams = xcalloc(set->nvaults, sizeof *w.streams);
	for (i = 0; i < set->nvaults; i++)
		w.streams[i].fd = -1;
	buf_init(&w.plain);
	for (i = 0; i < nall && rc == 0; i = j) {
		for (j = i + 1; j < nall && memcmp(all[j].session,
		    all[i].session, SEAL_SESSION_ID_BYTES) == 0; j++)
			;
		w.entries = all + i;
		w.nentries = j - i;
		sodium_bin2hex(w.session, sizeof w.session, all[i].session,
		    SEAL_SESSION_ID_BYTES);
		if (walk_reader(&w) == 0)
			rc = walk_session(&w);
		seal_reader_free(w.reader);
		w.reader = NULL;
	}
	if (w.locked != NULL)
		(void)munlock(w.locked, w.nlocked);
	buf_clear(&w.plain);
	answers_free(w.answers);
	for (i = 0; i < set->nvaults; i++)
		free(w.streams[i].buf);
	free(w.streams);
	free(all);
	return rc;
}
