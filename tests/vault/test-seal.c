/* test-seal.c: tests for vault/seal.c: sealed records, the session
 * header, and the ratchet's forward secrecy. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/crypto-int.h"

#define PASS	"pass"

static char		 dir[64];
static struct vault_key	*key;
static unsigned char	 pk[VAULT_KEY_BYTES];
static unsigned char	 fp[FORM_FINGERPRINT_BYTES];

/* Make a key pair in a temporary directory and load it. */
static struct vault_key *
make_key(const char *name, unsigned char *pub)
{
	struct vault_key	*k;
	char			 base[128], path[160], *cause = NULL;
	int			 errnum = 0;

	snprintf(base, sizeof base, "%s/%s", dir, name);
	cr_assert_eq(vault_keygen_params(base, PASS, strlen(PASS),
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, pub,
	    &errnum, &cause), 0, "keygen: %s", cause);
	snprintf(path, sizeof path, "%s.key", base);
	k = vault_key_load(path, PASS, strlen(PASS), &errnum, &cause);
	cr_assert_not_null(k, "load: %s", cause);
	return k;
}

static void
setup(void)
{
	cr_assert(sodium_init() >= 0);
	strcpy(dir, "/tmp/consult-seal-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	key = make_key("analyst", pk);
	memset(fp, 0xf0, sizeof fp);
}

static void
teardown(void)
{
	char	 cmd[128];

	vault_key_free(key);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

TestSuite(seal, .init = setup, .fini = teardown);

/* A writer for the suite's key and form. */
static struct seal_writer *
writer(void)
{
	struct seal_writer	*w;
	char			*cause = NULL;

	w = seal_writer_create(pk, fp, &cause);
	cr_assert_not_null(w, "%s", cause);
	return w;
}

/* A reader for w's session. */
static struct seal_reader *
reader(const struct seal_writer *w)
{
	struct seal_reader	*r;
	struct buf		 h;
	char			*cause = NULL;
	int			 wrong = -1;

	buf_init(&h);
	seal_writer_header(w, &h);
	r = seal_reader_create(key, h.data, h.len, fp, &wrong, &cause);
	cr_assert_not_null(r, "%s", cause);
	cr_assert_eq(wrong, 0);
	buf_clear(&h);
	return r;
}

static void
seal(struct seal_writer *w, const char *text, uint64_t want,
    struct buf *out)
{
	uint64_t	 index = 99;
	char		*cause = NULL;

	buf_init(out);
	cr_assert_eq(seal_writer_seal(w, text, strlen(text), &index, out,
	    &cause), 0, "%s", cause);
	cr_assert_eq(index, want);
	cr_assert_eq(out->len, SEAL_RECORD_OVERHEAD + strlen(text));
}

static void
expect_open(struct seal_reader *r, const struct buf *rec, uint64_t want,
    const char *text)
{
	struct buf	 pt;
	uint64_t	 index = 99;
	char		*cause = NULL;

	buf_init(&pt);
	cr_assert_eq(seal_reader_open(r, rec->data, rec->len, &index, &pt,
	    &cause), 0, "record %llu: %s", (unsigned long long)want, cause);
	cr_assert_eq(index, want);
	cr_assert_eq(pt.len, strlen(text));
	cr_assert_arr_eq(pt.data, text, pt.len);
	buf_clear(&pt);
}

/* Open data expecting failure with a message holding want. */
static void
expect_fail(struct seal_reader *r, const void *data, size_t len,
    const char *want, const char *what)
{
	struct buf	 pt;
	uint64_t	 index = 99;
	char		*cause = NULL;

	buf_init(&pt);
	buf_add(&pt, "stale", 5);
	cr_assert_eq(seal_reader_open(r, data, len, &index, &pt, &cause), -1,
	    "%s: opened", what);
	cr_assert_eq(pt.len, 0, "%s: plaintext handed back", what);
	cr_assert_eq(index, 99, "%s: index set", what);
	cr_assert_not_null(cause, "%s: no message", what);
	cr_assert_not_null(strstr(cause, want), "%s: '%s'", what, cause);
	free(cause);
	buf_clear(&pt);
}

Test(seal, round_trip)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r;
	struct buf		 a, b, c;

	seal(w, "first answer", 0, &a);
	seal(w, "", 1, &b);
	seal(w, "third, a little longer answer", 2, &c);
	cr_assert_null(memmem(a.data, a.len, "first", 5), "plaintext shows");
	r = reader(w);
	cr_assert_arr_eq(seal_reader_session(r), seal_writer_session(w),
	    SEAL_SESSION_ID_BYTES);
	expect_open(r, &a, 0, "first answer");
	expect_open(r, &b, 1, "");
	expect_open(r, &c, 2, "third, a little longer answer");
	buf_clear(&a);
	buf_clear(&b);
	buf_clear(&c);
	seal_reader_free(r);
	seal_writer_free(w);
	seal_reader_free(NULL);
	seal_writer_free(NULL);
}

Test(seal, a_kilobyte_and_the_largest_record_open)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r = reader(w);
	struct buf		 rec, pt;
	unsigned char		*big;
	uint64_t		 index;
	char			*cause = NULL;
	size_t			 sizes[] = { 1024, SEAL_MAX_PLAINTEXT }, i;

	big = xmalloc(SEAL_MAX_PLAINTEXT);
	randombytes_buf(big, SEAL_MAX_PLAINTEXT);
	buf_init(&rec);
	buf_init(&pt);
	for (i = 0; i < 2; i++) {
		cr_assert_eq(seal_writer_seal(w, big, sizes[i], &index, &rec,
		    &cause), 0);
		cr_assert_eq(seal_reader_open(r, rec.data, rec.len, &index,
		    &pt, &cause), 0, "%s", cause);
		cr_assert_eq(pt.len, sizes[i]);
		cr_assert_eq(memcmp(pt.data, big, sizes[i]), 0);
	}
	cr_assert_eq(seal_writer_seal(w, big, SEAL_MAX_PLAINTEXT + 1, &index,
	    &rec, &cause), -1);
	cr_assert_not_null(strstr(cause, "too large"), "%s", cause);
	free(cause);
	/* The refused record did not advance the ratchet. */
	cr_assert_eq(seal_writer_seal(w, "x", 1, &index, &rec, &cause), 0);
	cr_assert_eq(index, 2);
	free(big);
	buf_clear(&rec);
	buf_clear(&pt);
	seal_reader_free(r);
	seal_writer_free(w);
}

Test(seal, a_flipped_byte_at_every_offset_fails)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r = reader(w);
	struct buf		 rec;
	static const unsigned char flips[] = { 0x01, 0x80, 0xff };
	char			 what[48];
	size_t			 i, j;

	seal(w, "an answer that matters", 0, &rec);
	for (i = 0; i < rec.len; i++) {
		for (j = 0; j < sizeof flips; j++) {
			rec.data[i] ^= flips[j];
			snprintf(what, sizeof what, "offset %zu ^ 0x%02x", i,
			    flips[j]);
			expect_fail(r, rec.data, rec.len, "record", what);
			rec.data[i] ^= flips[j];
		}
	}
	/* Failures left the reader as it was. */
	expect_open(r, &rec, 0, "an answer that matters");
	buf_clear(&rec);
	seal_reader_free(r);
	seal_writer_free(w);
}

Test(seal, every_truncated_length_fails)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r = reader(w);
	struct buf		 rec;
	char			 what[32];
	size_t			 n;

	seal(w, "an answer", 0, &rec);
	for (n = 0; n < rec.len; n++) {
		snprintf(what, sizeof what, "length %zu", n);
		expect_fail(r, rec.data, n, "truncated", what);
	}
	buf_add(&rec, "", 1);
	expect_fail(r, rec.data, rec.len, "truncated or damaged", "one more");
	expect_open(r, &(struct buf){ rec.data, rec.len - 1, 0 }, 0,
	    "an answer");
	buf_clear(&rec);
	seal_reader_free(r);
	seal_writer_free(w);
}

Test(seal, reordered_and_replayed_records_fail)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r = reader(w);
	struct buf		 a, b, c, d;

	seal(w, "zero", 0, &a);
	seal(w, "one", 1, &b);
	seal(w, "two", 2, &c);
	seal(w, "three", 3, &d);
	expect_open(r, &b, 1, "one");		/* a gap is allowed */
	expect_fail(r, a.data, a.len, "replayed or out of order", "0 after 1");
	expect_fail(r, b.data, b.len, "replayed or out of order", "1 again");
	expect_open(r, &d, 3, "three");
	expect_fail(r, c.data, c.len, "replayed or out of order", "2 after 3");
	buf_clear(&a);
	buf_clear(&b);
	buf_clear(&c);
	buf_clear(&d);
	seal_reader_free(r);
	seal_writer_free(w);
}

Test(seal, swapped_index_fails)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r = reader(w);
	struct buf		 a, b;

	seal(w, "zero", 0, &a);
	seal(w, "one!", 1, &b);
	/* Record 1's body under record 0's clear header. */
	memcpy(b.data, a.data, SEAL_RECORD_HEADER_BYTES);
	expect_fail(r, b.data, b.len, "fails authentication", "swapped");
	expect_open(r, &a, 0, "zero");
	buf_clear(&a);
	buf_clear(&b);
	seal_reader_free(r);
	seal_writer_free(w);
}

Test(seal, records_of_another_session_fail)
{
	struct seal_writer	*w1 = writer(), *w2 = writer();
	struct seal_reader	*r1 = reader(w1);
	struct buf		 a, b;

	cr_assert_arr_neq(seal_writer_session(w1), seal_writer_session(w2),
	    SEAL_SESSION_ID_BYTES);
	seal(w1, "session one", 0, &a);
	seal(w2, "session two", 0, &b);
	expect_fail(r1, b.data, b.len, "another session", "other session");
	/* Claiming the right session id does not help. */
	memcpy(b.data + 8, seal_writer_session(w1), SEAL_SESSION_ID_BYTES);
	expect_fail(r1, b.data, b.len, "fails authentication", "relabelled");
	expect_open(r1, &a, 0, "session one");
	buf_clear(&a);
	buf_clear(&b);
	seal_reader_free(r1);
	seal_writer_free(w1);
	seal_writer_free(w2);
}

Test(seal, another_form_fingerprint_fails)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r;
	struct buf		 h, rec;
	unsigned char		 other[FORM_FINGERPRINT_BYTES];
	char			*cause = NULL;
	int			 wrong = -1;

	memset(other, 0x0f, sizeof other);
	buf_init(&h);
	seal_writer_header(w, &h);
	seal(w, "for form fp", 0, &rec);
	r = seal_reader_create(key, h.data, h.len, other, &wrong, &cause);
	cr_assert_null(r);
	cr_assert_eq(wrong, 0);
	cr_assert_not_null(strstr(cause, "another form"), "%s", cause);
	free(cause);
	/* A header edited to claim the other form: its records still fail. */
	memcpy(h.data + 72, other, sizeof other);
	cause = NULL;
	r = seal_reader_create(key, h.data, h.len, other, &wrong, &cause);
	cr_assert_not_null(r, "%s", cause);
	expect_fail(r, rec.data, rec.len, "fails authentication", "form");
	buf_clear(&h);
	buf_clear(&rec);
	seal_reader_free(r);
	seal_writer_free(w);
}

Test(seal, another_key_is_reported_as_wrong_key)
{
	struct seal_writer	*w = writer();
	struct vault_key	*k2;
	struct seal_reader	*r;
	unsigned char		 pk2[VAULT_KEY_BYTES];
	struct buf		 h;
	char			*cause = NULL;
	int			 wrong = 0;

	k2 = make_key("other", pk2);
	buf_init(&h);
	seal_writer_header(w, &h);
	r = seal_reader_create(k2, h.data, h.len, fp, &wrong, &cause);
	cr_assert_null(r);
	cr_assert_eq(wrong, 1);
	cr_assert_not_null(strstr(cause, "not for this key"), "%s", cause);
	free(cause);
	buf_clear(&h);
	vault_key_free(k2);
	seal_writer_free(w);
}

Test(seal, a_flipped_byte_anywhere_in_the_header_fails)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r;
	struct buf		 h;
	char			*cause;
	int			 wrong;
	size_t			 i;

	buf_init(&h);
	seal_writer_header(w, &h);
	cr_assert_eq(h.len, SEAL_HEADER_BYTES);
	for (i = 0; i < h.len; i++) {
		h.data[i] ^= 0x01;
		cause = NULL;
		r = seal_reader_create(key, h.data, h.len, fp, &wrong, &cause);
		cr_assert_null(r, "offset %zu: accepted", i);
		cr_assert_not_null(cause, "offset %zu: no message", i);
		cr_assert_eq(wrong, i >= 40 && i < 72, "offset %zu", i);
		free(cause);
		h.data[i] ^= 0x01;
	}
	for (i = 0; i < h.len; i++) {
		cause = NULL;
		r = seal_reader_create(key, h.data, i, fp, &wrong, &cause);
		cr_assert_null(r, "length %zu: accepted", i);
		free(cause);
	}
	buf_clear(&h);
	seal_writer_free(w);
}

Test(seal, public_facts_parse_without_a_key)
{
	struct seal_writer	*w = writer();
	struct seal_header_info	 hi;
	struct seal_record_info	 ri;
	struct buf		 h, rec;
	char			*cause = NULL;

	buf_init(&h);
	seal_writer_header(w, &h);
	seal(w, "zero", 0, &rec);
	buf_clear(&rec);
	seal(w, "one", 1, &rec);
	cr_assert_eq(seal_header_parse(h.data, h.len, &hi, &cause), 0);
	cr_assert_arr_eq(hi.session, seal_writer_session(w),
	    SEAL_SESSION_ID_BYTES);
	cr_assert_arr_eq(hi.analyst_pk, pk, VAULT_KEY_BYTES);
	cr_assert_arr_eq(hi.fingerprint, fp, FORM_FINGERPRINT_BYTES);
	cr_assert_eq(seal_record_parse(rec.data, rec.len, &ri, &cause), 0);
	cr_assert_arr_eq(ri.session, hi.session, SEAL_SESSION_ID_BYTES);
	cr_assert_eq(ri.index, 1);
	cr_assert_eq(ri.length, 3);
	cr_assert_eq(seal_header_parse(rec.data, rec.len, &hi, &cause), -1);
	cr_assert_not_null(strstr(cause, "session header is"), "%s", cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(seal_record_parse(h.data, h.len, &ri, &cause), -1);
	cr_assert_not_null(strstr(cause, "not a record"), "%s", cause);
	free(cause);
	buf_clear(&h);
	buf_clear(&rec);
	seal_writer_free(w);
}

Test(seal, an_unusable_public_key_is_refused)
{
	unsigned char	 zero[VAULT_KEY_BYTES];
	char		*cause = NULL;

	memset(zero, 0, sizeof zero);
	cr_assert_null(seal_writer_create(zero, fp, &cause));
	cr_assert_not_null(strstr(cause, "unusable"), "%s", cause);
	free(cause);
}

Test(seal, a_record_too_far_ahead_is_refused_cheaply)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r = reader(w);
	struct buf		 rec;

	w->next = (uint64_t)SEAL_MAX_SKIP + 1;
	seal(w, "far", (uint64_t)SEAL_MAX_SKIP + 1, &rec);
	expect_fail(r, rec.data, rec.len, "too far ahead", "skip");
	buf_clear(&rec);
	seal_reader_free(r);
	seal_writer_free(w);
}

/* Forged records far ahead (issue 12, finding 5): each used to cost up to
 * SEAL_MAX_SKIP ratchet steps; now the reader keeps the furthest chain
 * key it reached and the next forged record starts from there. */
Test(seal, forged_records_far_ahead_cost_one_step_each)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r = reader(w);
	struct buf		 a, b, f;
	uint64_t		 before, steps, index;
	size_t			 i;
	int			 k;

	seal(w, "zero", 0, &a);
	seal(w, "one", 1, &b);
	expect_open(r, &a, 0, "zero");
	buf_init(&f);
	before = seal_chain_steps;
	for (i = 0; i < 50; i++) {
		/* Record 1's bytes under an index far ahead: it fails. */
		buf_clear(&f);
		buf_add(&f, b.data, b.len);
		index = 1 + SEAL_MAX_SKIP - 50 + i;
		for (k = 0; k < 8; k++)
			f.data[40 + k] = (unsigned char)(index >> (8 * k));
		expect_fail(r, f.data, f.len, "fails authentication", "forged");
	}
	steps = seal_chain_steps - before;
	/* Once to the first of them, then one or two steps each. */
	cr_assert_geq(steps, SEAL_MAX_SKIP - 50, "%llu",
	    (unsigned long long)steps);
	cr_assert_leq(steps, SEAL_MAX_SKIP + 2 * 50, "%llu steps for 50 "
	    "forged records", (unsigned long long)steps);
	/* The genuine record 1 still opens, from the next key: one step. */
	before = seal_chain_steps;
	expect_open(r, &b, 1, "one");
	cr_assert_eq(seal_chain_steps - before, 1);
	buf_clear(&f);
	buf_clear(&a);
	buf_clear(&b);
	seal_reader_free(r);
	seal_writer_free(w);
}

Test(seal, a_record_of_format_1_is_refused_clearly)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r = reader(w);
	struct buf		 rec;

	seal(w, "old", 0, &rec);
	rec.data[4] = 1;
	expect_fail(r, rec.data, rec.len, "record format 1 (from a "
	    "development build", "format 1");
	buf_clear(&rec);
	seal_reader_free(r);
	seal_writer_free(w);
}

/* Records past a failed one far ahead start from the key kept there. */
Test(seal, a_record_beyond_a_failed_one_opens_from_its_key)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r = reader(w);
	struct buf		 rec[40];
	uint64_t		 before;
	size_t			 i;

	for (i = 0; i < 40; i++)
		seal(w, "r", i, &rec[i]);
	rec[30].data[rec[30].len - 1] ^= 1;
	expect_fail(r, rec[30].data, rec[30].len, "fails authentication",
	    "record 30");
	before = seal_chain_steps;
	expect_open(r, &rec[31], 31, "r");
	cr_assert_eq(seal_chain_steps - before, 2);	/* 30 -> 31, MK_31 */
	for (i = 0; i < 40; i++)
		buf_clear(&rec[i]);
	seal_reader_free(r);
	seal_writer_free(w);
}

/* Decrypt a record with a message key by the layout documented in
 * seal.c, without the reader. */
static int
open_by_hand(const struct buf *rec, const unsigned char *mk, struct buf *pt)
{
	unsigned char	 ad[SEAL_RECORD_HEADER_BYTES + FORM_FINGERPRINT_BYTES];
	size_t		 len = rec->len - SEAL_RECORD_OVERHEAD;

	memcpy(ad, rec->data, SEAL_RECORD_HEADER_BYTES);
	memcpy(ad + SEAL_RECORD_HEADER_BYTES, fp, sizeof fp);
	buf_clear(pt);
	buf_add(pt, rec->data, len + 1);	/* room */
	return crypto_aead_xchacha20poly1305_ietf_decrypt(pt->data, NULL,
	    NULL, rec->data + SEAL_RECORD_HEADER_BYTES, len + 16, ad,
	    sizeof ad, rec->data + 52, mk);
}

Test(seal, the_ratchet_advances_and_forgets)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r = reader(w);
	struct buf		 h, rec, pt;
	unsigned char		 rx[32], tx[32], check[SEAL_CHECK_BYTES];
	unsigned char		 ck[32], old[32], mk[32], prev_mk[32];
	const unsigned char	*ws = (const unsigned char *)w;
	const unsigned char	*rs = (const unsigned char *)r;
	char			 text[32];
	int			 i;

	buf_init(&h);
	buf_init(&pt);
	seal_writer_header(w, &h);
	/* The analyst's root, computed independently of seal.c. */
	cr_assert_eq(crypto_kx_server_session_keys(rx, tx, pk,
	    vault_key_secret(key), h.data + 8), 0);
	seal_chain_start(rx, ck, check);
	cr_assert_arr_eq(check, h.data + 104, sizeof check);
	cr_assert_null(memmem(ws, sizeof *w, rx, sizeof rx), "root kept");
	cr_assert_null(memmem(ws, sizeof *w, tx, sizeof tx), "rx kept");
	cr_assert_arr_eq(w->ck, ck, sizeof ck, "CK_0 is not as documented");
	memset(prev_mk, 0, sizeof prev_mk);
	for (i = 0; i < 6; i++) {
		memcpy(old, ck, sizeof ck);
		seal_chain_step(ck, mk);
		cr_assert_arr_neq(mk, prev_mk, sizeof mk);
		cr_assert_arr_neq(mk, old, sizeof mk);
		snprintf(text, sizeof text, "answer %d", i);
		seal(w, text, (uint64_t)i, &rec);
		cr_assert_null(memmem(ws, sizeof *w, mk, sizeof mk),
		    "writer keeps MK_%d", i);
		cr_assert_null(memmem(ws, sizeof *w, old, sizeof old),
		    "writer keeps CK_%d", i);
		cr_assert_arr_eq(w->ck, ck, sizeof ck, "writer holds CK_%d",
		    i + 1);
		cr_assert_eq(open_by_hand(&rec, mk, &pt), 0, "MK_%d", i);
		cr_assert_arr_eq(pt.data, text, strlen(text));
		cr_assert_neq(open_by_hand(&rec, ck, &pt), 0,
		    "CK_%d opens record %d", i + 1, i);
		expect_open(r, &rec, (uint64_t)i, text);
		cr_assert_null(memmem(rs, sizeof *r, mk, sizeof mk),
		    "reader keeps MK_%d", i);
		cr_assert_null(memmem(rs, sizeof *r, old, sizeof old),
		    "reader keeps CK_%d", i);
		cr_assert_arr_eq(r->ck, ck, sizeof ck);
		memcpy(prev_mk, mk, sizeof mk);
		buf_clear(&rec);
	}
	buf_clear(&h);
	buf_clear(&pt);
	seal_reader_free(r);
	seal_writer_free(w);
}

Test(seal, a_failed_record_does_not_move_the_reader)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r = reader(w);
	struct buf		 a, b, c;
	unsigned char		 ck[sizeof r->ck];
	uint64_t		 next;

	seal(w, "zero", 0, &a);
	seal(w, "one", 1, &b);
	seal(w, "two", 2, &c);
	memcpy(ck, r->ck, sizeof ck);
	next = r->next;
	c.data[c.len - 1] ^= 1;
	expect_fail(r, c.data, c.len, "fails authentication", "record 2");
	/* What it can open is as before; it kept the key it reached. */
	cr_assert_arr_eq(r->ck, ck, sizeof ck);
	cr_assert_eq(r->next, next);
	cr_assert_eq(r->far, 2);
	c.data[c.len - 1] ^= 1;
	expect_open(r, &a, 0, "zero");
	expect_open(r, &b, 1, "one");
	expect_open(r, &c, 2, "two");
	buf_clear(&a);
	buf_clear(&b);
	buf_clear(&c);
	seal_reader_free(r);
	seal_writer_free(w);
}

Test(seal, many_readers_at_once_and_wiped_when_freed)
{
	struct seal_writer	*w = writer();
	struct seal_reader	*r[150];
	struct buf		 rec;
	const unsigned char	*first;
	size_t			 i;

	seal(w, "shared", 0, &rec);
	for (i = 0; i < 150; i++) {
		r[i] = reader(w);
		expect_open(r[i], &rec, 0, "shared");
	}
	for (i = 1; i < 150; i++)
		cr_assert_neq(r[i], r[i - 1]);
	first = (const unsigned char *)r[0];
	for (i = 0; i < 150; i++)
		seal_reader_free(r[i]);
	/* The first reader's slot stays mapped in the arena: it is zeroed. */
	for (i = 0; i < sizeof(struct seal_reader); i++)
		cr_assert_eq(first[i], 0, "byte %zu of a freed reader", i);
	r[0] = reader(w);
	expect_open(r[0], &rec, 0, "shared");
	seal_reader_free(r[0]);
	buf_clear(&rec);
	seal_writer_free(w);
}
