/* submit.c: the collecting side: one sealed session per process, each
 * response made durable before its receipt. See vault/README. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "vault/lib.h"

#define VAULT_FILE_MAGIC	"CVB1"
#define VAULT_FILE_HEADER	(4 + 4 + 10 + 10)

struct vault_writer {
	struct vault	*vault;
	struct seal_writer *seal;
	char		 session[SEAL_SESSION_ID_BYTES * 2 + 1];
	char		*responses;	/* the directory */
	size_t		 batch;		/* records per file */

	struct buf	 file;		/* the pending file */
	size_t		 count;		/* records in it */
	uint64_t	 first;		/* index of its first record */
	char		 first_day[VAULT_DAY_LEN];
	char		 last_day[VAULT_DAY_LEN];
	struct buf	 record;
	unsigned char	*plain;		/* day and answers, locked */
	size_t		 plainsize;
	size_t		 base;		/* records are padded from this */
	int		 simulated;	/* records say they are simulated */
	int		 has_durable;	/* a record of the session is stored */
	uint64_t	 durable;	/* the last of them */
	uint64_t	 last;		/* last record sealed into w->file */
	int		 closed;	/* the end record is written */
	struct vault_invitation *inv;	/* consumed by submissions */
	unsigned char	 nullifier[VAULT_NULLIFIER_BYTES];	/* its proof */
};

/* Store the session header once, under the session id. */
static int
vault_writer_start(struct vault_writer *w, char **cause)
{
	struct buf	 b;
	char		*dir, *name;
	int		 rc;

	buf_init(&b);
	seal_writer_header(w->seal, &b);
	xasprintf(&dir, "%s/sessions", w->vault->dir);
	xasprintf(&name, "%s.hdr", w->session);
	rc = vault_write_file(dir, name, b.data, b.len, 0, cause);
	free(name);
	free(dir);
	buf_clear(&b);
	return rc;
}

struct vault_writer *
vault_writer_open(const char *dir, int *err, char **cause)
{
	struct vault_writer	*w;

	w = xcalloc(1, sizeof *w);
	buf_init(&w->file);
	buf_init(&w->record);
	w->batch = 1;
	if ((w->vault = vault_open(dir, err, cause)) == NULL)
		goto fail;
	if (w->vault->version < VAULT_FORMAT_VERSION) {
		*err = VAULT_ERR_DATA;
		xasprintf(cause, "%s: a vault of format %d: collect into a new "
		    "vault (consult init)", dir, w->vault->version);
		goto fail;
	}
	if ((w->seal = seal_writer_create(w->vault->pk, w->vault->fingerprint,
	    cause)) == NULL) {
		*err = VAULT_ERR_DATA;
		goto fail;
	}
	sodium_bin2hex(w->session, sizeof w->session,
	    seal_writer_session(w->seal), SEAL_SESSION_ID_BYTES);
	w->base = vault_record_base_vault(w->vault);
	xasprintf(&w->responses, "%s/responses", w->vault->dir);
	if (vault_writer_start(w, cause) != 0) {
		*err = VAULT_ERR_IO;
		goto fail;
	}
	return w;
fail:
	vault_writer_free(w);
	return NULL;
}

const struct vault *
vault_writer_vault(const struct vault_writer *w)
{
	return w->vault;
}

const char *
vault_writer_session(const struct vault_writer *w)
{
	return w->session;
}

void
vault_writer_set_batch(struct vault_writer *w, size_t n)
{
	if (n < 1)
		n = 1;
	if (n > VAULT_BATCH_MAX)
		n = VAULT_BATCH_MAX;
	w->batch = n;
}

void
vault_writer_set_invitation(struct vault_writer *w,
    struct vault_invitation *inv)
{
	w->inv = inv;
	w->batch = 1;
}

void
vault_writer_set_simulated(struct vault_writer *w)
{
	w->simulated = 1;
}

void
vault_writer_free(struct vault_writer *w)
{
	if (w == NULL)
		return;
	seal_writer_free(w->seal);
	if (w->plain != NULL)
		(void)sodium_munlock(w->plain, w->plainsize);
	free(w->plain);
	buf_clear(&w->file);
	buf_clear(&w->record);
	free(w->responses);
	vault_free(w->vault);
	free(w);
}

static void
vault_put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

int
vault_writer_flush(struct vault_writer *w, char **cause)
{
	char	 name[VAULT_RECORD_NAME_LEN];
	int	 rc;

	if (w->count == 0)
		return 0;
	memcpy(w->file.data, VAULT_FILE_MAGIC, 4);
	vault_put32(w->file.data + 4, (uint32_t)w->count);
	memcpy(w->file.data + 8, w->first_day, 10);
	memcpy(w->file.data + 18, w->last_day, 10);
	vault_record_name(seal_writer_session(w->seal), w->first, name);
	rc = vault_write_file(w->responses, name, w->file.data, w->file.len,
	    0, cause);
	/* On failure the records are dropped: their indexes stay unused,
	 * and the next record links to the last one stored. */
	if (rc == 0) {
		w->has_durable = 1;
		w->durable = w->last;
	}
	w->file.len = 0;
	w->count = 0;
	return rc;
}

int
vault_day_valid(const char *day)
{
	int	 i, y = 0, m, d;

	/* By hand: walks check every record's day, and sscanf is slow. */
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (day[i] != '-')
				return 0;
		} else if (day[i] < '0' || day[i] > '9')
			return 0;
	}
	if (day[10] != '\0')
		return 0;
	for (i = 0; i < 4; i++)
		y = y * 10 + (day[i] - '0');
	m = (day[5] - '0') * 10 + (day[6] - '0');
	d = (day[8] - '0') * 10 + (day[9] - '0');
	return y >= 1970 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

void
vault_today(char day[VAULT_DAY_LEN])
{
	struct tm	 tm;
	time_t		 now;

	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(day, VAULT_DAY_LEN, "%Y-%m-%d", &tm);
}

/* Seal a record of this kind (day and answers, linked to the previous
 * record of the session) as the session's next into w->record. */
static int
vault_writer_seal(struct vault_writer *w, int kind, const char *day,
    const void *enc, size_t len, uint64_t *index, char **cause)
{
	struct vault_record_head h;
	size_t			 n, base;
	int			 rc;

	base = kind == VAULT_RECORD_END ? VAULT_RECORD_END_BASE : w->base;
	if (len > SEAL_MAX_PLAINTEXT - VAULT_RECORD_FIXED - 64 ||
	    (n = vault_record_padded(base, VAULT_RECORD_FIXED + 64 + len)) >
	    SEAL_MAX_PLAINTEXT) {
		xasprintf(cause, "response too large (%zu bytes)", len);
		return -1;
	}
	if (n > w->plainsize) {
		/* Locked once, not per record: mlock splits mappings and
		 * costs more than the sealing. sodium_munlock zeroes. */
		if (w->plain != NULL)
			(void)sodium_munlock(w->plain, w->plainsize);
		free(w->plain);
		w->plainsize = n < 4096 ? 4096 : n;
		w->plain = xmalloc(w->plainsize);
		(void)sodium_mlock(w->plain, w->plainsize);
	}
	memset(&h, 0, sizeof h);
	memcpy(h.day, day, 10);
	h.kind = kind;
	h.simulated = w->simulated;
	/* In a batch, the previous record is the batch's last. */
	h.has_prev = w->count != 0 || w->has_durable;
	h.prev = w->count != 0 ? w->last : w->durable;
	if (w->inv != NULL && kind == VAULT_RECORD_RESPONSE) {
		h.has_proof = 1;
		memcpy(h.nullifier, w->nullifier, sizeof h.nullifier);
		if (vault_invitation_named_id(w->inv) != NULL) {
			h.has_id = 1;
			memcpy(h.invite_id, vault_invitation_named_id(w->inv),
			    sizeof h.invite_id);
		}
	}
	rc = vault_record_pack(&h, enc, len, base, w->plain, w->plainsize,
	    &n, cause);
	sodium_memzero(h.nullifier, sizeof h.nullifier);
	if (rc == 0)
		rc = seal_writer_seal(w->seal, w->plain, n, index, &w->record,
		    cause);
	wipe(w->plain, n);
	return rc;
}

/* A submission that consumes w->inv: claim it (locked), seal the
 * record with its proof, note which file will hold it, write it, then
 * mark the invitation used. A crash at any point leaves either no
 * record and the invitation unused, or both (see vault/README). */
static int
vault_submit_invited(struct vault_writer *w, const void *enc, size_t len,
    const char *day, struct vault_draft *draft,
    char receipt[VAULT_RECEIPT_LEN], char **cause)
{
	unsigned char	 n[4];
	uint64_t	 index;
	char		*why;
	int		 rc;

	if ((rc = vault_invitation_claim(w->inv, w->nullifier, cause)) != 0)
		return rc;
	vault_crash_point("claimed");
	rc = vault_writer_seal(w, VAULT_RECORD_RESPONSE, day, enc, len,
	    &index, cause);
	sodium_memzero(w->nullifier, sizeof w->nullifier);
	if (rc != 0 || vault_invitation_pending(w->inv,
	    seal_writer_session(w->seal), index, cause) != 0) {
		vault_invitation_release(w->inv);
		return -1;
	}
	vault_crash_point("noted");
	w->file.len = 0;
	while (w->file.len < VAULT_FILE_HEADER)
		buf_add_byte(&w->file, 0);
	w->first = index;
	memcpy(w->first_day, day, VAULT_DAY_LEN);
	memcpy(w->last_day, day, VAULT_DAY_LEN);
	vault_put32(n, (uint32_t)w->record.len);
	buf_add(&w->file, n, sizeof n);
	buf_add(&w->file, w->record.data, w->record.len);
	w->count = 1;
	w->last = index;
	if (vault_writer_flush(w, cause) != 0) {
		vault_invitation_release(w->inv);
		return -1;
	}
	vault_crash_point("written");
	snprintf(receipt, VAULT_RECEIPT_LEN, "%.8s-%llu", w->session,
	    (unsigned long long)index);
	/* The response is durable; a failure here leaves the invitation
	 * pending, which the next check settles as used. */
	if (vault_invitation_consume(w->inv, &why) != 0)
		free(why);
	if (draft != NULL && vault_draft_remove(draft, &why) != 0)
		free(why);
	return 0;
}

int
vault_submit(struct vault_writer *w, const void *enc, size_t len,
    const char *day, struct vault_draft *draft,
    char receipt[VAULT_RECEIPT_LEN], char **cause)
{
	char		 today[VAULT_DAY_LEN];
	unsigned char	 n[4];
	uint64_t	 index;
	char		*why;

	if (day == NULL) {
		vault_today(today);
		day = today;
	} else if (!vault_day_valid(day)) {
		xasprintf(cause, "invalid day '%s'", day);
		return -1;
	}
	if (w->closed) {
		xasprintf(cause, "the session is closed");
		return -1;
	}
	if (w->inv != NULL)
		return vault_submit_invited(w, enc, len, day, draft, receipt,
		    cause);
	if (vault_writer_seal(w, VAULT_RECORD_RESPONSE, day, enc, len, &index,
	    cause) != 0)
		return -1;
	if (w->count == 0) {
		w->file.len = 0;
		while (w->file.len < VAULT_FILE_HEADER)
			buf_add_byte(&w->file, 0);
		w->first = index;
		memcpy(w->first_day, day, VAULT_DAY_LEN);
		memcpy(w->last_day, day, VAULT_DAY_LEN);
	}
	if (strcmp(day, w->first_day) < 0)
		memcpy(w->first_day, day, VAULT_DAY_LEN);
	if (strcmp(day, w->last_day) > 0)
		memcpy(w->last_day, day, VAULT_DAY_LEN);
	vault_put32(n, (uint32_t)w->record.len);
	buf_add(&w->file, n, sizeof n);
	buf_add(&w->file, w->record.data, w->record.len);
	w->count++;
	w->last = index;
	snprintf(receipt, VAULT_RECEIPT_LEN, "%.8s-%llu", w->session,
	    (unsigned long long)index);
	if (w->count < w->batch)
		return 0;
	if (vault_writer_flush(w, cause) != 0)
		return -1;
	/* The response is durable: its draft has done its work. One that
	 * cannot be removed now is sealed and goes with --purge-drafts. */
	if (draft != NULL && vault_draft_remove(draft, &why) != 0)
		free(why);
	return 0;
}

int
vault_writer_close(struct vault_writer *w, char **cause)
{
	char		 day[VAULT_DAY_LEN];
	char		*dir, *name;
	uint64_t	 index;
	int		 rc;

	if (w->closed)
		return 0;
	if (vault_writer_flush(w, cause) != 0)
		return -1;
	vault_today(day);
	if (vault_writer_seal(w, VAULT_RECORD_END, day, NULL, 0, &index,
	    cause) != 0)
		return -1;
	xasprintf(&dir, "%s/sessions", w->vault->dir);
	xasprintf(&name, "%s.end", w->session);
	rc = vault_write_file(dir, name, w->record.data, w->record.len, 0,
	    cause);
	free(name);
	free(dir);
	if (rc == 0)
		w->closed = 1;
	return rc;
}
