/* test-record.c: tests for vault/record.c: the plaintext of a sealed
 * record packed and unpacked, its padding to the form's size and
 * buckets, and each refusal with its message. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vault/lib.h"

#define BASE	128

static void
setup(void)
{
	cr_assert_geq(sodium_init(), 0);
}

static struct vault_record_head
head(int kind, int simulated, int has_prev, uint64_t prev)
{
	struct vault_record_head h;

	memset(&h, 0, sizeof h);
	memcpy(h.day, "2026-12-03", VAULT_DAY_LEN);
	h.kind = kind;
	h.simulated = simulated;
	h.has_prev = has_prev;
	h.prev = prev;
	return h;
}

/* Pack len bytes of answers; the padded size in *n. Caller frees. */
static unsigned char *
pack(const struct vault_record_head *h, size_t len, size_t *n)
{
	unsigned char	*enc = xmalloc(len + 1), *out;
	size_t		 size = 16 * BASE;
	char		*cause = NULL;

	memset(enc, 'a', len);
	out = xmalloc(size);
	cr_assert_eq(vault_record_pack(h, enc, len, BASE, out, size, n,
	    &cause), 0, "%s", cause);
	free(enc);
	return out;
}

static void
refused(const unsigned char *p, size_t len, const char *want)
{
	struct vault_record_head h;
	size_t			 enclen;
	char			*cause = NULL;

	cr_assert_eq(vault_record_unpack(p, len, BASE, &h, &enclen, &cause),
	    -1);
	cr_assert_not_null(cause);
	cr_assert_not_null(strstr(cause, want), "%s (wanted %s)", cause,
	    want);
	free(cause);
}

Test(record, sizes_depend_on_the_base_and_buckets_only, .init = setup)
{
	cr_assert_eq(vault_record_padded(BASE, 0), BASE);
	cr_assert_eq(vault_record_padded(BASE, BASE - 1), BASE);
	/* sodium_pad needs a byte: BASE bytes go to the next bucket. */
	cr_assert_eq(vault_record_padded(BASE, BASE), 2 * BASE);
	cr_assert_eq(vault_record_padded(BASE, 2 * BASE + 1), 4 * BASE);
	cr_assert_eq(vault_record_padded(BASE, 5 * BASE), 8 * BASE);
}

Test(record, a_record_round_trips, .init = setup)
{
	struct vault_record_head h = head(VAULT_RECORD_RESPONSE, 1, 1, 41), g;
	unsigned char		*p;
	size_t			 n, len, enclen;
	char			*cause = NULL;

	for (len = 0; len < 3 * BASE; len += 7) {
		p = pack(&h, len, &n);
		cr_assert_eq(n, vault_record_padded(BASE,
		    VAULT_RECORD_FIXED + len));
		cr_assert_eq(vault_record_unpack(p, n, BASE, &g, &enclen,
		    &cause), 0, "%zu: %s", len, cause);
		cr_assert_eq(enclen, len);
		cr_assert_str_eq(g.day, "2026-12-03");
		cr_assert_eq(g.kind, VAULT_RECORD_RESPONSE);
		cr_assert_eq(g.simulated, 1);
		cr_assert_eq(g.has_prev, 1);
		cr_assert_eq(g.prev, 41);
		cr_assert_eq(p[VAULT_RECORD_FIXED + len], 0x80);
		free(p);
	}
	h = head(VAULT_RECORD_END, 0, 0, 0);
	p = pack(&h, 0, &n);
	cr_assert_eq(vault_record_unpack(p, n, BASE, &g, &enclen, &cause), 0);
	cr_assert_eq(g.kind, VAULT_RECORD_END);
	cr_assert_eq(g.has_prev, 0);
	cr_assert_eq(g.simulated, 0);
	free(p);
}

Test(record, each_refusal_says_why, .init = setup)
{
	struct vault_record_head h = head(VAULT_RECORD_RESPONSE, 0, 0, 0);
	unsigned char		*p, *q;
	size_t			 n;

	p = pack(&h, 10, &n);
	q = xmalloc(n);
	memcpy(q, p, n);
	q[VAULT_RECORD_FIXED + 10] = 0x81;
	refused(q, n, "padding is damaged");
	memset(q, 0, n);
	refused(q, n, "padding is damaged");
	/* Padded to two buckets when one holds it. */
	free(q);
	q = xcalloc(1, 2 * n);
	memcpy(q, p, n);
	refused(q, 2 * n, "padded to 256 bytes, not to this form's size for "
	    "30 bytes");
	free(q);
	/* Too short for the fixed fields. */
	q = xcalloc(1, BASE);
	q[5] = 0x80;
	refused(q, BASE, "too short (5 bytes)");
	free(q);
	q = xmalloc(n);
	memcpy(q, p, n);
	q[3] = 'x';
	refused(q, n, "no submission day");
	memcpy(q, p, n);
	q[10] = 2;
	refused(q, n, "unknown kind of record (2)");
	memcpy(q, p, n);
	q[11] = 0x08;
	refused(q, n, "unknown flags 0x08");
	memcpy(q, p, n);
	q[11] = 0x04;	/* an invitation's id without its proof */
	refused(q, n, "unknown flags 0x04");
	memcpy(q, p, n);
	q[10] = VAULT_RECORD_END;
	refused(q, n, "end of session with 10 bytes of answers");
	free(q);
	free(p);
}

Test(record, too_large_is_refused, .init = setup)
{
	struct vault_record_head h = head(VAULT_RECORD_RESPONSE, 0, 0, 0);
	unsigned char		 out[BASE];
	size_t			 n;
	char			*cause = NULL;

	cr_assert_eq(vault_record_pack(&h, "x", 1, BASE, out, BASE / 2, &n,
	    &cause), -1);
	cr_assert_not_null(strstr(cause, "too large"), "%s", cause);
	free(cause);
}
