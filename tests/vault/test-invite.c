/* test-invite.c: invitations in the vault library: codes, making them,
 * their states, the claim and its crash note, withdrawal, the proof in
 * records, and the walk's checks (a forged proof, a second response). */
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tests/vault/fixture.h"

TestSuite(invite, .init = fx_setup, .fini = fx_teardown);

static int
keep(const char *code, size_t i, void *arg)
{
	char	(*codes)[VAULT_INVITE_LEN] = arg;

	snprintf(codes[i], VAULT_INVITE_LEN, "%s", code);
	return 0;
}

/* A closed vault "v" of n invitations; their codes in codes. */
static struct vault *
closed(int mode, size_t n, char (*codes)[VAULT_INVITE_LEN])
{
	struct vault	*v;
	char		*cause = NULL;
	int		 err;

	fx_key("k");
	cr_assert_not_null(v = vault_open(fx_vault("v", "k"), &err, &cause));
	cr_assert_eq(vault_invite_make(v, mode, n, keep, codes, &err,
	    &cause), 0, "%s", cause);
	return v;
}

static enum vault_invite_state
state_of(const struct vault *v, const char *code)
{
	struct vault_invitation	*inv;
	enum vault_invite_state	 state;
	char			*cause = NULL;
	int			 err;

	inv = vault_invitation_check(v, code, &state, &err, &cause);
	cr_assert_eq(err, VAULT_OK, "%s", cause);
	vault_invitation_free(inv);
	return state;
}

Test(invite, codes)
{
	char	 code[VAULT_INVITE_LEN], norm[VAULT_INVITE_SYMBOLS + 1];
	char	 back[VAULT_INVITE_LEN];
	unsigned char a[VAULT_INVITE_ID_BYTES], b[VAULT_INVITE_ID_BYTES];

	vault_invite_code_make(code);
	cr_expect_eq(strlen(code), 19);
	cr_expect(code[4] == '-' && code[9] == '-' && code[14] == '-');
	cr_assert_eq(vault_invite_normalise(code, norm), 0);
	vault_invite_format(norm, back);
	cr_expect_str_eq(back, code);
	cr_expect_eq(vault_invite_normalise("abcd efgh jkmn pqrs", norm), 0);
	cr_expect_str_eq(norm, "ABCDEFGHJKMNPQRS");
	cr_expect_neq(vault_invite_normalise("ABCD-EFGH-JKMN-PQR", norm), 0,
	    "15 symbols");
	cr_expect_neq(vault_invite_normalise("ABCD-EFGH-JKMN-PQRSZ", norm), 0);
	cr_expect_neq(vault_invite_normalise("ABCD-EFGH-JKMN-PQR0", norm), 0,
	    "0 is not a symbol");
	cr_assert_eq(vault_invite_id("ABCD-EFGH-JKMN-PQRS", a), 0);
	cr_assert_eq(vault_invite_id("abcdefghjkmnpqrs", b), 0);
	cr_expect_eq(memcmp(a, b, sizeof a), 0, "the id of the code as typed");
	cr_expect_neq(vault_invite_id("nope", a), 0);
}

Test(invite, make_check_withdraw)
{
	char			 codes[3][VAULT_INVITE_LEN], *cause = NULL;
	struct vault		*v, *again;
	struct vault_invitation	*inv;
	enum vault_invite_state	 state;
	size_t			 unused, used, withdrawn, pending;
	int			 err;

	v = closed(VAULT_ANONYMOUS, 3, codes);
	cr_expect_eq(v->invitations, VAULT_ANONYMOUS);
	cr_assert_not_null(again = vault_open(v->dir, &err, &cause),
	    "%s", cause);
	cr_expect_eq(again->invitations, VAULT_ANONYMOUS, "the header says so");
	cr_expect_eq(vault_invite_make(again, VAULT_NAMED, 1, keep, codes,
	    &err, &cause), -1, "an anonymous vault takes no named ones");
	free(cause);
	cause = NULL;
	vault_free(again);
	cr_expect_eq(state_of(v, codes[0]), VAULT_INVITE_UNUSED);
	cr_expect_eq(state_of(v, "2222-3333-4444-5555"), VAULT_INVITE_UNKNOWN);
	cr_assert_not_null(inv = vault_invitation_check(v, codes[1], &state,
	    &err, &cause));
	cr_expect_eq(vault_invitation_named_id(inv), NULL, "anonymous");
	cr_expect_eq(vault_invitation_withdraw(inv, &cause), 0, "%s", cause);
	cr_expect_eq(vault_invitation_withdraw(inv, &cause), -2);
	cr_expect_str_eq(cause, "this invitation has been withdrawn");
	free(cause);
	vault_invitation_free(inv);
	cr_expect_eq(state_of(v, codes[1]), VAULT_INVITE_WITHDRAWN);
	cr_assert_eq(vault_invite_count(v, &unused, &used, &withdrawn,
	    &pending, &cause), 0);
	cr_expect(unused == 2 && used == 0 && withdrawn == 1 && pending == 0);
	vault_free(v);
}

/* Submit answers with an invitation through a writer. */
static int
submit(struct vault *v, const char *code, char **cause)
{
	struct vault_writer	*w;
	struct vault_invitation	*inv;
	enum vault_invite_state	 state;
	char			 receipt[VAULT_RECEIPT_LEN];
	int			 err, rc;

	cr_assert_not_null(w = vault_writer_open(v->dir, &err, cause));
	inv = vault_invitation_check(v, code, &state, &err, cause);
	cr_assert_not_null(inv);
	vault_writer_set_invitation(w, inv);
	rc = vault_submit(w, "", 0, NULL, NULL, receipt, cause);
	vault_writer_close(w, cause);
	vault_writer_free(w);
	vault_invitation_free(inv);
	return rc;
}

Test(invite, claim_consume_and_the_crash_note)
{
	char			 codes[2][VAULT_INVITE_LEN], *cause = NULL;
	unsigned char		 n1[VAULT_NULLIFIER_BYTES], s[32];
	struct vault		*v;
	struct vault_invitation	*inv, *other;
	enum vault_invite_state	 state;
	size_t			 unused, used, withdrawn, pending;
	int			 err;

	v = closed(VAULT_NAMED, 2, codes);
	cr_assert_eq(submit(v, codes[0], &cause), 0, "%s", cause);
	cr_expect_eq(state_of(v, codes[0]), VAULT_INVITE_USED);
	cr_expect_eq(submit(v, codes[0], &cause), -2, "used: nothing written");
	cr_expect_str_eq(cause, "this invitation has already been used");
	free(cause);
	cause = NULL;

	/* A note of a record file that was never written: unused again. */
	inv = vault_invitation_check(v, codes[1], &state, &err, &cause);
	cr_assert_not_null(inv);
	cr_expect_not_null(vault_invitation_named_id(inv));
	cr_assert_eq(vault_invitation_claim(inv, n1, &cause), 0, "%s", cause);
	memset(s, 7, sizeof s);
	cr_assert_eq(vault_invitation_pending(inv, s, 0, &cause), 0);
	/* Still locked: another check sees it unused (not settled). */
	other = vault_invitation_check(v, codes[1], &state, &err, &cause);
	cr_expect_eq(state, VAULT_INVITE_UNUSED);
	vault_invitation_free(other);
	vault_invitation_free(inv);	/* dies: the lock goes, the note stays */
	cr_assert_eq(vault_invite_count(v, &unused, &used, &withdrawn,
	    &pending, &cause), 0);
	cr_expect_eq(pending, 1, "a submission cut short is counted");
	cr_expect_eq(state_of(v, codes[1]), VAULT_INVITE_UNUSED,
	    "no record: the note is dropped");
	cr_expect_eq(submit(v, codes[1], &cause), 0, "%s", cause);
	vault_free(v);
}

static int
count_record(const struct vault_record *rec, void *arg)
{
	(*(size_t *)arg)++;
	cr_expect_not_null(rec->invite_id, "a named record carries its id");
	return 0;
}

Test(invite, walk_counts_each_invitation_once)
{
	char			 codes[2][VAULT_INVITE_LEN], *cause = NULL;
	char			*dirs[2], *cmd;
	struct vault		*v;
	struct vault_key	*k;
	struct vault_set	*set;
	struct vault_walk_cb	 cb;
	struct vault_walk_stats	 st;
	size_t			 n = 0;
	int			 err;

	v = closed(VAULT_NAMED, 2, codes);
	xasprintf(&cmd, "cp -a '%s' '%s2'", v->dir, v->dir);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
	cr_assert_eq(submit(v, codes[0], &cause), 0, "%s", cause);
	xasprintf(&dirs[0], "%s", v->dir);
	xasprintf(&dirs[1], "%s2", v->dir);
	{
		struct vault *c = vault_open(dirs[1], &err, &cause);
		cr_assert_not_null(c);
		cr_assert_eq(submit(c, codes[0], &cause), 0, "%s", cause);
		vault_free(c);
	}
	k = vault_key_load(fx_path("k.key"), FX_PASS, strlen(FX_PASS), &err,
	    &cause);
	cr_assert_not_null(k, "%s", cause);
	cr_assert_not_null(set = vault_set_open(dirs, 2, k, &err, &cause));
	memset(&cb, 0, sizeof cb);
	cb.record = count_record;
	cb.arg = &n;
	cr_assert_eq(vault_set_walk(set, &cb, &st, &cause), 0);
	cr_expect_eq(n, 1, "one invitation, one response");
	cr_expect_eq(st.reused, 1);
	cr_expect_eq(st.bad, 1);
	vault_set_free(set);
	vault_key_free(k);
	free(dirs[0]);
	free(dirs[1]);
	vault_free(v);
}

Test(invite, record_proof_round_trip)
{
	struct vault_record_head h, g;
	unsigned char		 out[512];
	char			*cause = NULL;
	size_t			 len, enclen;

	memset(&h, 0, sizeof h);
	memcpy(h.day, "2026-12-04", 11);
	h.has_proof = 1;
	memset(h.nullifier, 0xab, sizeof h.nullifier);
	h.has_id = 1;
	memset(h.invite_id, 0xcd, sizeof h.invite_id);
	cr_assert_eq(vault_record_pack(&h, "xyz", 3, 128, out, sizeof out,
	    &len, &cause), 0);
	cr_expect_eq(len, 128);
	cr_assert_eq(vault_record_unpack(out, len, 128, &g, &enclen, &cause),
	    0, "%s", cause);
	cr_expect(g.has_proof && g.has_id);
	cr_expect_eq(memcmp(g.nullifier, h.nullifier, sizeof h.nullifier), 0);
	cr_expect_eq(memcmp(g.invite_id, h.invite_id, sizeof h.invite_id), 0);
	cr_expect_eq(enclen, 3);
	cr_expect_eq(memcmp(out + g.answers_at, "xyz", 3), 0);
	out[11] = 0x04;		/* an id without a proof */
	cr_expect_neq(vault_record_unpack(out, len, 128, &g, &enclen,
	    &cause), 0);
	free(cause);
}

static void
count_bad(const char *file, const char *why, void *arg)
{
	(void)file;
	if (strstr(why, "matches no invitation of the vaults") != NULL)
		(*(size_t *)arg)++;
}

Test(invite, a_proof_of_another_vault_is_not_counted)
{
	char			 codes[1][VAULT_INVITE_LEN];
	char			 other[1][VAULT_INVITE_LEN];
	char			*cause = NULL, *dirs[1];
	char			 receipt[VAULT_RECEIPT_LEN];
	struct vault		*v, *w;
	struct vault_key	*k;
	struct vault_set	*set;
	struct vault_writer	*wr;
	struct vault_invitation	*inv;
	enum vault_invite_state	 state;
	struct vault_walk_cb	 cb;
	struct vault_walk_stats	 st;
	size_t			 n = 0;
	int			 err;

	v = closed(VAULT_ANONYMOUS, 1, codes);
	cr_assert_not_null(w = vault_open(fx_vault("w", "k"), &err, &cause));
	cr_assert_eq(vault_invite_make(w, VAULT_ANONYMOUS, 1, keep, other,
	    &err, &cause), 0, "%s", cause);
	/* A real nullifier, of w, sealed into v with the analyst's key. */
	cr_assert_not_null(wr = vault_writer_open(v->dir, &err, &cause));
	cr_assert_not_null(inv = vault_invitation_check(w, other[0], &state,
	    &err, &cause));
	vault_writer_set_invitation(wr, inv);
	cr_assert_eq(vault_submit(wr, "", 0, NULL, NULL, receipt, &cause), 0,
	    "%s", cause);
	vault_writer_close(wr, &cause);
	vault_writer_free(wr);
	vault_invitation_free(inv);
	k = vault_key_load(fx_path("k.key"), FX_PASS, strlen(FX_PASS), &err,
	    &cause);
	cr_assert_not_null(k, "%s", cause);
	dirs[0] = v->dir;
	cr_assert_not_null(set = vault_set_open(dirs, 1, k, &err, &cause));
	memset(&cb, 0, sizeof cb);
	cb.record = count_record;
	cb.bad = count_bad;
	cb.arg = &n;
	cr_assert_eq(vault_set_walk(set, &cb, &st, &cause), 0);
	cr_expect_eq(n, 1, "reported through bad, not counted");
	cr_expect_eq(st.opened, 0);
	cr_expect_eq(st.uninvited, 1);
	vault_set_free(set);
	vault_key_free(k);
	vault_free(w);
	vault_free(v);
}
