/* record.c: the plaintext inside a sealed record: the submission day,
 * what the record is, its link to the session's previous record and the
 * encoded answers, padded to a size that depends only on the form. See
 * vault/README ("Record plaintext"). */
#include <sys/types.h>

#include <string.h>

#include <sodium.h>

#include "vault/lib.h"

#define RECORD_SIMULATED	0x01
#define RECORD_PROOF		0x02	/* a nullifier follows prev */
#define RECORD_ID		0x04	/* then a named invitation's id */
#define RECORD_FLAGS		(RECORD_SIMULATED | RECORD_PROOF | RECORD_ID)

/* The base for a form with extra bytes of proof before the answers. */
static size_t
record_base(const struct form *f, size_t extra)
{
	size_t	 n;

	/* The fixed fields, every non-text answer at its longest, room for
	 * some text, and sodium_pad's marker byte; in 64-byte steps. */
	n = VAULT_RECORD_FIXED + extra + answers_encoded_max(f) +
	    VAULT_TEXT_ROOM + 1;
	n = (n + 63) / 64 * 64;
	/* A form of thousands of choices: buckets of powers of two from
	 * here rather than every record the size of the largest. */
	return n < VAULT_RECORD_BASE_MAX ? n : VAULT_RECORD_BASE_MAX;
}

size_t
vault_record_base(const struct form *f)
{
	return record_base(f, 0);
}

size_t
vault_record_base_vault(const struct vault *v)
{
	size_t	 extra = 0;

	if (v->invitations != VAULT_OPEN)
		extra += VAULT_NULLIFIER_BYTES;
	if (v->invitations == VAULT_NAMED)
		extra += VAULT_INVITE_ID_BYTES;
	return record_base(v->form, extra);
}

size_t
vault_record_padded(size_t base, size_t n)
{
	size_t	 p = base;

	/* sodium_pad adds at least one byte: the size must exceed n. */
	while (p <= n && p <= SEAL_MAX_PLAINTEXT)
		p *= 2;
	return p;
}

static void
record_put64(unsigned char *p, uint64_t v)
{
	int	 i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
record_get64(const unsigned char *p)
{
	uint64_t v = 0;
	int	 i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

int
vault_record_pack(const struct vault_record_head *h, const void *enc,
    size_t len, size_t base, unsigned char *out, size_t outsize,
    size_t *outlen, char **cause)
{
	size_t	 at = VAULT_RECORD_FIXED, n, padded;

	if (h->has_proof)
		at += VAULT_NULLIFIER_BYTES;
	if (h->has_id)
		at += VAULT_INVITE_ID_BYTES;
	n = at + len;
	padded = vault_record_padded(base, n);
	if (len > SEAL_MAX_PLAINTEXT || padded > SEAL_MAX_PLAINTEXT ||
	    padded > outsize) {
		xasprintf(cause, "response too large (%zu bytes)", len);
		return -1;
	}
	memcpy(out, h->day, 10);
	out[10] = (unsigned char)h->kind;
	out[11] = (h->simulated ? RECORD_SIMULATED : 0) |
	    (h->has_proof ? RECORD_PROOF : 0) | (h->has_id ? RECORD_ID : 0);
	record_put64(out + 12, h->has_prev ? h->prev + 1 : 0);
	at = VAULT_RECORD_FIXED;
	if (h->has_proof) {
		memcpy(out + at, h->nullifier, VAULT_NULLIFIER_BYTES);
		at += VAULT_NULLIFIER_BYTES;
	}
	if (h->has_id) {
		memcpy(out + at, h->invite_id, VAULT_INVITE_ID_BYTES);
		at += VAULT_INVITE_ID_BYTES;
	}
	if (len != 0)
		memcpy(out + at, enc, len);
	if (sodium_pad(outlen, out, n, padded, outsize) != 0 ||
	    *outlen != padded) {
		xasprintf(cause, "cannot pad the record");
		return -1;
	}
	return 0;
}

/* The length of p (len bytes) without sodium_pad's padding, or -1. The
 * same as sodium_unpad with one block, but reads the zero bytes eight at
 * a time: it runs on every record of an export, and the padding is not
 * a secret from whoever holds the plaintext. */
static ssize_t
record_unpad(const unsigned char *p, size_t len)
{
	uint64_t	 w;
	size_t		 i = len;

	while (i >= 8) {
		memcpy(&w, p + i - 8, 8);
		if (w != 0)
			break;
		i -= 8;
	}
	while (i > 0 && p[i - 1] == 0)
		i--;
	if (i == 0 || p[i - 1] != 0x80)
		return -1;
	return (ssize_t)(i - 1);
}

int
vault_record_unpack(const unsigned char *p, size_t len, size_t base,
    struct vault_record_head *h, size_t *enclen, char **cause)
{
	ssize_t		 n;
	uint64_t	 prev;

	if ((n = record_unpad(p, len)) < 0) {
		xasprintf(cause, "padding is damaged");
		return -1;
	}
	if (vault_record_padded(base, (size_t)n) != len) {
		xasprintf(cause, "padded to %zu bytes, not to this form's "
		    "size for %zd bytes", len, n);
		return -1;
	}
	if ((size_t)n < VAULT_RECORD_FIXED) {
		xasprintf(cause, "too short (%zd bytes)", n);
		return -1;
	}
	memcpy(h->day, p, 10);
	h->day[10] = '\0';
	if (!vault_day_valid(h->day)) {
		xasprintf(cause, "no submission day");
		return -1;
	}
	if (p[10] != VAULT_RECORD_RESPONSE && p[10] != VAULT_RECORD_END) {
		xasprintf(cause, "unknown kind of record (%u)",
		    (unsigned)p[10]);
		return -1;
	}
	h->kind = p[10];
	if ((p[11] & ~RECORD_FLAGS) != 0 || ((p[11] & RECORD_ID) != 0 &&
	    (p[11] & RECORD_PROOF) == 0)) {
		xasprintf(cause, "unknown flags 0x%02x", (unsigned)p[11]);
		return -1;
	}
	h->simulated = (p[11] & RECORD_SIMULATED) != 0;
	h->has_proof = (p[11] & RECORD_PROOF) != 0;
	h->has_id = (p[11] & RECORD_ID) != 0;
	prev = record_get64(p + 12);
	h->has_prev = prev != 0;
	h->prev = prev != 0 ? prev - 1 : 0;
	h->answers_at = VAULT_RECORD_FIXED +
	    (h->has_proof ? VAULT_NULLIFIER_BYTES : 0) +
	    (h->has_id ? VAULT_INVITE_ID_BYTES : 0);
	if ((size_t)n < h->answers_at) {
		xasprintf(cause, "too short for its proof of invitation");
		return -1;
	}
	if (h->has_proof)
		memcpy(h->nullifier, p + VAULT_RECORD_FIXED,
		    VAULT_NULLIFIER_BYTES);
	if (h->has_id)
		memcpy(h->invite_id, p + VAULT_RECORD_FIXED +
		    VAULT_NULLIFIER_BYTES, VAULT_INVITE_ID_BYTES);
	*enclen = (size_t)n - h->answers_at;
	if (h->kind == VAULT_RECORD_END && *enclen != 0) {
		xasprintf(cause, "end of session with %zu bytes of answers",
		    *enclen);
		return -1;
	}
	return 0;
}
