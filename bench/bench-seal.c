/* bench-seal.c: how fast sealed records open, next to the raw speed of
 * XChaCha20-Poly1305 measured in the same run (make bench-vault). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/crypto-int.h"

#define BENCH_LEN	1024		/* bytes of plaintext per record */
#define BENCH_RECORDS	100000		/* records in the session */
#define BENCH_SESSIONS	3000		/* sessions of one record */
#define BENCH_PASSES	3		/* best of */
#define BENCH_TARGET	300000.0	/* records opened per second */

static double
bench_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
bench_die(const char *what, const char *cause)
{
	fprintf(stderr, "bench-seal: %s: %s\n", what, cause);
	exit(1);
}

/* A throwaway key pair (cheapest Argon2id: the key file is not timed). */
static struct vault_key *
bench_key(unsigned char pk[VAULT_KEY_BYTES])
{
	struct vault_key	*key;
	char			 dir[] = "/tmp/bench-seal-XXXXXX", base[64];
	char			 path[80], *cause = NULL;
	int			 errnum;

	if (mkdtemp(dir) == NULL)
		bench_die("mkdtemp", strerror(errno));
	snprintf(base, sizeof base, "%s/k", dir);
	if (vault_keygen_params(base, "bench", 5, crypto_pwhash_OPSLIMIT_MIN,
	    crypto_pwhash_MEMLIMIT_MIN, pk, &errnum, &cause) != 0)
		bench_die("keygen", cause);
	snprintf(path, sizeof path, "%s.key", base);
	if ((key = vault_key_load(path, "bench", 5, &errnum, &cause)) == NULL)
		bench_die("load", cause);
	unlink(path);
	snprintf(path, sizeof path, "%s.pub", base);
	unlink(path);
	rmdir(dir);
	return key;
}

/* Raw XChaCha20-Poly1305-IETF decryptions of BENCH_LEN bytes per second. */
static double
bench_raw(const unsigned char *pt)
{
	unsigned char	 k[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
	unsigned char	*ct, *nonces, *out;
	size_t		 clen = BENCH_LEN + 16, i;
	double		 t, best = 0;
	int		 pass;

	crypto_aead_xchacha20poly1305_ietf_keygen(k);
	ct = xmalloc(BENCH_RECORDS * clen);
	nonces = xmalloc(BENCH_RECORDS * 24);
	out = xmalloc(BENCH_LEN);
	randombytes_buf(nonces, BENCH_RECORDS * 24);
	for (i = 0; i < BENCH_RECORDS; i++)
		crypto_aead_xchacha20poly1305_ietf_encrypt(ct + i * clen, NULL,
		    pt, BENCH_LEN, NULL, 0, NULL, nonces + i * 24, k);
	for (pass = 0; pass < BENCH_PASSES; pass++) {
		t = bench_now();
		for (i = 0; i < BENCH_RECORDS; i++) {
			if (crypto_aead_xchacha20poly1305_ietf_decrypt(out,
			    NULL, NULL, ct + i * clen, clen, NULL, 0,
			    nonces + i * 24, k) != 0)
				bench_die("raw", "decryption failed");
		}
		t = BENCH_RECORDS / (bench_now() - t);
		best = t > best ? t : best;
	}
	free(out);
	free(nonces);
	free(ct);
	return best;
}

/* Seal BENCH_RECORDS records in one session into recs (each reclen). */
static double
bench_seal(struct seal_writer *w, const unsigned char *pt, unsigned char *recs,
    size_t reclen)
{
	struct buf	 out;
	uint64_t	 index;
	char		*cause = NULL;
	size_t		 i;
	double		 t;

	buf_init(&out);
	t = bench_now();
	for (i = 0; i < BENCH_RECORDS; i++) {
		if (seal_writer_seal(w, pt, BENCH_LEN, &index, &out,
		    &cause) != 0)
			bench_die("seal", cause);
		memcpy(recs + i * reclen, out.data, reclen);
	}
	t = BENCH_RECORDS / (bench_now() - t);
	buf_clear(&out);
	return t;
}

/* Open the session's records, a fresh reader per pass (its key exchange
 * is timed too). */
static double
bench_open(const struct vault_key *key, const struct buf *header,
    const unsigned char *fp, const unsigned char *recs, size_t reclen)
{
	struct seal_reader	*r;
	struct buf		 pt;
	uint64_t		 index;
	char			*cause = NULL;
	size_t			 i;
	double			 t, best = 0;
	int			 pass, wrong;

	buf_init(&pt);
	for (pass = 0; pass < BENCH_PASSES; pass++) {
		t = bench_now();
		r = seal_reader_create(key, header->data, header->len, fp,
		    &wrong, &cause);
		if (r == NULL)
			bench_die("reader", cause);
		for (i = 0; i < BENCH_RECORDS; i++) {
			if (seal_reader_open(r, recs + i * reclen, reclen,
			    &index, &pt, &cause) != 0)
				bench_die("open", cause);
		}
		seal_reader_free(r);
		t = BENCH_RECORDS / (bench_now() - t);
		best = t > best ? t : best;
	}
	buf_clear(&pt);
	return best;
}

/* Sessions holding one record each: a key exchange per record. */
static double
bench_single(const struct vault_key *key, const unsigned char *pk,
    const unsigned char *fp, const unsigned char *pt)
{
	struct seal_writer	*w;
	struct seal_reader	*r;
	struct buf		*headers, *recs, out;
	uint64_t		 index;
	char			*cause = NULL;
	size_t			 i;
	double			 t;
	int			 wrong;

	headers = xcalloc(BENCH_SESSIONS, sizeof *headers);
	recs = xcalloc(BENCH_SESSIONS, sizeof *recs);
	for (i = 0; i < BENCH_SESSIONS; i++) {
		if ((w = seal_writer_create(pk, fp, &cause)) == NULL)
			bench_die("writer", cause);
		seal_writer_header(w, &headers[i]);
		if (seal_writer_seal(w, pt, BENCH_LEN, &index, &recs[i],
		    &cause) != 0)
			bench_die("seal", cause);
		seal_writer_free(w);
	}
	buf_init(&out);
	t = bench_now();
	for (i = 0; i < BENCH_SESSIONS; i++) {
		r = seal_reader_create(key, headers[i].data, headers[i].len,
		    fp, &wrong, &cause);
		if (r == NULL || seal_reader_open(r, recs[i].data, recs[i].len,
		    &index, &out, &cause) != 0)
			bench_die("open", cause);
		seal_reader_free(r);
	}
	t = BENCH_SESSIONS / (bench_now() - t);
	for (i = 0; i < BENCH_SESSIONS; i++) {
		buf_clear(&headers[i]);
		buf_clear(&recs[i]);
	}
	buf_clear(&out);
	free(headers);
	free(recs);
	return t;
}

int
main(void)
{
	struct vault_key	*key;
	struct seal_writer	*w;
	struct buf		 header;
	unsigned char		 pk[VAULT_KEY_BYTES];
	unsigned char		 fp[FORM_FINGERPRINT_BYTES];
	unsigned char		 pt[BENCH_LEN], *recs;
	size_t			 reclen = SEAL_RECORD_OVERHEAD + BENCH_LEN;
	double			 raw, open, sealed, single;
	char			*cause = NULL;

	if (sodium_init() < 0)
		bench_die("sodium_init", "failed");
	key = bench_key(pk);
	randombytes_buf(pt, sizeof pt);
	randombytes_buf(fp, sizeof fp);
	if ((w = seal_writer_create(pk, fp, &cause)) == NULL)
		bench_die("writer", cause);
	buf_init(&header);
	seal_writer_header(w, &header);
	recs = xmalloc(BENCH_RECORDS * reclen);
	sealed = bench_seal(w, pt, recs, reclen);
	seal_writer_free(w);
	raw = bench_raw(pt);
	open = bench_open(key, &header, fp, recs, reclen);
	single = bench_single(key, pk, fp, pt);
	printf("records of %d bytes, one core, best of %d passes over %d\n",
	    BENCH_LEN, BENCH_PASSES, BENCH_RECORDS);
	printf("  raw XChaCha20-Poly1305 decrypt   %9.0f /s\n", raw);
	printf("  seal_reader_open, one session    %9.0f /s  (%.2f of raw; "
	    "target %.0f: %s)\n", open, open / raw, BENCH_TARGET,
	    open >= BENCH_TARGET ? "met" : "NOT met");
	printf("  seal_writer_seal                 %9.0f /s\n", sealed);
	printf("  one record per session (kx each) %9.0f /s  (%d sessions)\n",
	    single, BENCH_SESSIONS);
	free(recs);
	buf_clear(&header);
	vault_key_free(key);
	return 0;
}
