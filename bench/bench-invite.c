/* bench-invite.c: make bench-invite: the time to check an invitation
 * code at the prompt in a vault of 10,000 invitations (the vault's own
 * Argon2id limits), against one of 1 invitation and against Argon2id
 * alone, measured in the same run; and the vaults for the export
 * comparison of bench-invite.sh.
 *
 * usage: bench-invite check DIR N RUNS   check times (ms), N invitations
 *        bench-invite vaults DIR N       DIR/k.key (passphrase "bench"),
 *                                        DIR/open and DIR/closed, N
 *                                        responses each (cheap Argon2id) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "vault/crypto-int.h"

#define BENCH_PASS	"bench"

static double
bench_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
bench_die(const char *what, char *cause)
{
	fprintf(stderr, "bench-invite: %s: %s\n", what, cause != NULL ?
	    cause : "failed");
	exit(1);
}

static int
bench_keep(const char *code, size_t i, void *arg)
{
	char	*codes = arg;

	memcpy(codes + i * VAULT_INVITE_LEN, code, VAULT_INVITE_LEN);
	return 0;
}

/* A vault DIR/NAME for the bundled consultation and DIR/k.pub. */
static struct vault *
bench_vault(const char *dir, const char *name, const char *form, int cheap)
{
	struct vault	*v;
	char		*path, *pub, *cause = NULL;
	int		 err;

	xasprintf(&path, "%s/%s", dir, name);
	xasprintf(&pub, "%s/k.pub", dir);
	if ((cheap ? vault_init_limits(path, form, pub,
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, &err,
	    &cause) : vault_init(path, form, pub, &err, &cause)) != 0)
		bench_die(path, cause);
	if ((v = vault_open(path, &err, &cause)) == NULL)
		bench_die(path, cause);
	free(pub);
	free(path);
	return v;
}

/* The analyst's key with the cheapest Argon2id: an export's time is
 * then its records', not the passphrase's. */
static void
bench_key(const char *dir)
{
	unsigned char	 pk[VAULT_KEY_BYTES];
	char		*base, *cause = NULL;
	int		 err;

	xasprintf(&base, "%s/k", dir);
	if (vault_keygen_params(base, BENCH_PASS, strlen(BENCH_PASS),
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, pk, &err,
	    &cause) != 0)
		bench_die(base, cause);
	free(base);
}

/* Mean and best of runs checks of codes (cycled) in v, in ms. */
static void
bench_checks(const struct vault *v, const char *codes, size_t n,
    int runs, double *mean, double *best)
{
	struct vault_invitation	*inv;
	enum vault_invite_state	 state;
	double			 t, sum = 0;
	char			*cause = NULL;
	int			 i, err;

	*best = 1e9;
	for (i = 0; i < runs; i++) {
		t = bench_now();
		inv = vault_invitation_check(v, codes + ((size_t)i % n) *
		    VAULT_INVITE_LEN, &state, &err, &cause);
		t = bench_now() - t;
		if (inv == NULL || state != VAULT_INVITE_UNUSED)
			bench_die("check", cause);
		vault_invitation_free(inv);
		sum += t;
		if (t < *best)
			*best = t;
	}
	*mean = sum / runs;
}

static int
bench_check(const char *dir, const char *form, size_t n, int runs)
{
	struct vault	*big, *one;
	unsigned char	 out[32];
	char		*codes, onecode[VAULT_INVITE_LEN], *cause = NULL;
	double		 t, made, mb = 0, bb = 1e9, m1 = 0, b1 = 1e9, ma = 0,
			 ba = 1e9;
	int		 err, i;

	bench_key(dir);
	big = bench_vault(dir, "big", form, 0);
	one = bench_vault(dir, "one", form, 0);
	codes = xcalloc(n, VAULT_INVITE_LEN);
	t = bench_now();
	if (vault_invite_make(big, VAULT_NAMED, n, bench_keep, codes, &err,
	    &cause) != 0)
		bench_die("invite", cause);
	made = bench_now() - t;
	if (vault_invite_make(one, VAULT_NAMED, 1, bench_keep, onecode, &err,
	    &cause) != 0)
		bench_die("invite", cause);
	/* Interleaved, so that the load of the machine weighs on each. */
	for (i = 0; i < runs; i++) {
		bench_checks(big, codes + ((size_t)i % n) * VAULT_INVITE_LEN,
		    1, 1, &t, &t);
		mb += t;
		if (t < bb)
			bb = t;
		bench_checks(one, onecode, 1, 1, &t, &t);
		m1 += t;
		if (t < b1)
			b1 = t;
		t = bench_now();
		if (crypto_pwhash(out, sizeof out, "ABCDEFGHJKMNPQRS", 16,
		    big->draft_salt, big->draft_ops, big->draft_mem,
		    crypto_pwhash_ALG_ARGON2ID13) != 0)
			bench_die("argon2id", NULL);
		t = bench_now() - t;
		ma += t;
		if (t < ba)
			ba = t;
	}
	mb /= runs;
	m1 /= runs;
	ma /= runs;
	printf("invite: %zu invitations made in %.1f s (%.2f ms each)\n", n,
	    made / 1e3, made / (double)n);
	printf("check of a code (Argon2id t=%llu m=%zu KiB, %d runs):\n",
	    big->draft_ops, big->draft_mem / 1024, runs);
	printf("  %6zu invitations  mean %7.2f ms  best %7.2f ms\n", n, mb,
	    bb);
	printf("  %6d invitation   mean %7.2f ms  best %7.2f ms\n", 1, m1, b1);
	printf("  Argon2id alone      mean %7.2f ms  best %7.2f ms\n", ma, ba);
	printf("  ratio %zu / 1: %.3f (mean), %.3f (best); target < 50 ms: "
	    "%s\n", n, mb / m1, bb / b1, mb < 50 ? "met" : "NOT met");
	vault_free(big);
	vault_free(one);
	free(codes);
	return 0;
}

/* n responses of nothing but an empty answer set, each its own file. */
static void
bench_fill(struct vault *v, const char *codes, size_t n)
{
	struct vault_writer	*w;
	struct vault_invitation	*inv = NULL;
	enum vault_invite_state	 state;
	struct answers		*a;
	struct buf		 b;
	char			 receipt[VAULT_RECEIPT_LEN], *cause = NULL;
	size_t			 i;
	int			 err;

	if ((w = vault_writer_open(v->dir, &err, &cause)) == NULL)
		bench_die(v->dir, cause);
	buf_init(&b);
	for (i = 0; i < n; i++) {
		a = answers_create(v->form, i + 1, NULL);
		b.len = 0;
		answers_encode(a, 1, (uint32_t)v->form->nquestions, &b);
		answers_free(a);
		if (codes != NULL) {
			inv = vault_invitation_check(v, codes + i *
			    VAULT_INVITE_LEN, &state, &err, &cause);
			if (inv == NULL)
				bench_die("check", cause);
			vault_writer_set_invitation(w, inv);
		}
		if (vault_submit(w, b.data, b.len, NULL, NULL, receipt,
		    &cause) != 0)
			bench_die("submit", cause);
		vault_writer_set_invitation(w, NULL);
		vault_invitation_free(inv);
		inv = NULL;
	}
	if (vault_writer_close(w, &cause) != 0)
		bench_die("close", cause);
	vault_writer_free(w);
	buf_clear(&b);
}

static int
bench_vaults(const char *dir, const char *form, size_t n)
{
	struct vault	*open, *closed;
	char		*codes, *cause = NULL;
	int		 err;

	bench_key(dir);
	open = bench_vault(dir, "open", form, 1);
	closed = bench_vault(dir, "closed", form, 1);
	codes = xcalloc(n, VAULT_INVITE_LEN);
	if (vault_invite_make(closed, VAULT_NAMED, n, bench_keep, codes,
	    &err, &cause) != 0)
		bench_die("invite", cause);
	bench_fill(open, NULL, n);
	bench_fill(closed, codes, n);
	vault_free(open);
	vault_free(closed);
	free(codes);
	return 0;
}

int
main(int argc, char **argv)
{
	if (sodium_init() < 0)
		return 1;
	if (argc == 6 && strcmp(argv[1], "check") == 0)
		return bench_check(argv[2], argv[3], strtoul(argv[4], NULL,
		    10), atoi(argv[5]));
	if (argc == 5 && strcmp(argv[1], "vaults") == 0)
		return bench_vaults(argv[2], argv[3], strtoul(argv[4], NULL,
		    10));
	fprintf(stderr, "usage: bench-invite check DIR FORM N RUNS | "
	    "vaults DIR FORM N\n");
	return 2;
}
