/* test-draft.c: tests for vault/draft.c: resume codes, saving and
 * resuming drafts, wrong codes, removal on submit, purging by age. */
#include <sys/stat.h>
#include <sys/time.h>

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/vault/fixture.h"

static struct vault	*v;

static void
setup(void)
{
	char	*cause = NULL;
	int	 err = 0;

	fx_setup();
	fx_vault("v", "k");
	v = vault_open(fx_path("v"), &err, &cause);
	cr_assert_not_null(v, "%s", cause);
}

static void
teardown(void)
{
	vault_free(v);
	fx_teardown();
}

TestSuite(draft, .init = setup, .fini = teardown);

static struct vault_draft *
create(char *code)
{
	struct vault_draft	*d;
	char			*cause = NULL;

	d = vault_draft_create(v, code, &cause);
	cr_assert_not_null(d, "%s", cause);
	return d;
}

static void
save(struct vault_draft *d, const char *text)
{
	char	*cause = NULL;

	cr_assert_eq(vault_draft_save(d, text, strlen(text), &cause), 0,
	    "%s", cause);
}

/* Resume code; expect text, or failure with err and message. */
static void
resume(const char *code, const char *text, int err_want, const char *msg)
{
	struct vault_draft	*d;
	struct buf		 b;
	char			*cause = NULL;
	int			 err = 0;

	buf_init(&b);
	d = vault_draft_resume(v, code, &b, &err, &cause);
	if (text != NULL) {
		cr_assert_not_null(d, "%s: %s", code, cause);
		cr_assert_str_eq(buf_str(&b), text);
		vault_draft_free(d);
	} else {
		cr_assert_null(d, "%s resumed", code);
		cr_assert_eq(err, err_want);
		cr_assert_str_eq(cause, msg);
		cr_assert_eq(b.len, 0);
		free(cause);
	}
	buf_clear(&b);
}

Test(draft, codes_are_groups_from_the_alphabet)
{
	static const char	 alphabet[] = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
	char			 code[VAULT_CODE_LEN];
	char			 norm[VAULT_CODE_SYMBOLS + 1];
	int			 seen[256] = { 0 }, i, j, kinds = 0;

	for (i = 0; i < 2000; i++) {
		vault_code_make(code);
		cr_assert_eq(strlen(code), 17);
		cr_assert(code[5] == '-' && code[11] == '-', "%s", code);
		for (j = 0; j < 17; j++) {
			if (j == 5 || j == 11)
				continue;
			cr_assert_not_null(strchr(alphabet, code[j]), "%s",
			    code);
			seen[(unsigned char)code[j]]++;
		}
		cr_assert_eq(vault_code_normalise(code, norm), 0);
		cr_assert_eq(strlen(norm), 15);
	}
	for (i = 0; i < 256; i++)
		kinds += seen[i] != 0;
	cr_assert_eq(kinds, 30);
	cr_assert_eq(seen['0'] + seen['O'] + seen['1'] + seen['I'] +
	    seen['L'] + seen['U'], 0);
}

Test(draft, suggested_passphrases_are_four_groups_of_five)
{
	char	 a[VAULT_PASS_SUGGEST_LEN], b[VAULT_PASS_SUGGEST_LEN];
	int	 j;

	vault_passphrase_make(a);
	vault_passphrase_make(b);
	cr_assert_eq(strlen(a), 23);
	for (j = 0; j < 23; j++)
		cr_assert(j % 6 == 5 ? a[j] == '-' : strchr(
		    "23456789ABCDEFGHJKMNPQRSTVWXYZ", a[j]) != NULL, "%s", a);
	cr_assert_str_neq(a, b);
}

Test(draft, codes_are_read_leniently_but_not_guessed)
{
	char	 norm[VAULT_CODE_SYMBOLS + 1];

	cr_assert_eq(vault_code_normalise(" ab2cd-3efg4  hjk5m ", norm), 0);
	cr_assert_str_eq(norm, "AB2CD3EFG4HJK5M");
	cr_assert_eq(vault_code_normalise("AB2CD-3EFG4-HJK5", norm), -1);
	cr_assert_eq(vault_code_normalise("AB2CD-3EFG4-HJK5MN", norm), -1);
	cr_assert_eq(vault_code_normalise("AB2CD-3EFG4-HJK50", norm), -1);
	cr_assert_eq(vault_code_normalise("AB2CD-3EFG4-HJK5O", norm), -1);
	/* A code of the 12 symbols of format 1: no draft can have it. */
	cr_assert_eq(vault_code_normalise("AB2C-D3EF-G4HJ", norm), -1);
	cr_assert_eq(vault_code_normalise("", norm), -1);
}

Test(draft, nothing_is_written_before_the_first_save)
{
	struct vault_draft	*d;
	char			 code[VAULT_CODE_LEN];

	d = create(code);
	cr_assert_eq(fx_count(fx_path("v/drafts"), ""), 0);
	resume(code, NULL, VAULT_ERR_MISSING, "no draft for this code");
	vault_draft_free(d);
}

Test(draft, save_and_resume)
{
	struct vault_draft	*d;
	char			 code[VAULT_CODE_LEN], typed[32];
	size_t			 i, j = 0;

	d = create(code);
	save(d, "first answers");
	save(d, "more answers, replacing");
	cr_assert_eq(fx_count(fx_path("v/drafts"), ""), 1);
	cr_assert_eq(fx_count(fx_path("v/drafts"), ".tmp-"), 0);
	vault_draft_free(d);
	resume(code, "more answers, replacing", 0, NULL);
	/* As read aloud and typed: lower case, spaces for dashes. */
	for (i = 0; code[i] != '\0'; i++)
		typed[j++] = code[i] == '-' ? ' ' : (char)(code[i] | 0x20);
	typed[j] = '\0';
	resume(typed, "more answers, replacing", 0, NULL);
}

Test(draft, a_wrong_code_reveals_nothing)
{
	struct vault_draft	*d;
	char			 code[VAULT_CODE_LEN], other[VAULT_CODE_LEN];

	d = create(code);
	save(d, "secret");
	vault_draft_free(d);
	do
		vault_code_make(other);
	while (strcmp(other, code) == 0);
	resume(other, NULL, VAULT_ERR_MISSING, "no draft for this code");
	resume("not a code at all", NULL, VAULT_ERR_MISSING,
	    "no draft for this code");
	resume("", NULL, VAULT_ERR_MISSING, "no draft for this code");
}

Test(draft, exists_once_saved_and_until_removed)
{
	struct vault_draft	*d;
	char			 code[VAULT_CODE_LEN], *cause = NULL;

	d = create(code);
	cr_assert_eq(vault_draft_exists(d), 0);
	save(d, "answers");
	cr_assert_eq(vault_draft_exists(d), 1);
	cr_assert_eq(vault_draft_remove(d, &cause), 0, "%s", cause);
	cr_assert_eq(vault_draft_exists(d), 0);
	vault_draft_free(d);
}

Test(draft, a_failed_save_says_so_and_names_the_directory)
{
	struct vault_draft	*d;
	char			 code[VAULT_CODE_LEN], want[512], drafts[256];
	char			*cause = NULL;

	d = create(code);
	save(d, "answers");
	snprintf(drafts, sizeof drafts, "%s", fx_path("v/drafts"));
	cr_assert_eq(rename(drafts, fx_path("v/gone")), 0);
	cr_assert_eq(vault_draft_save(d, "more", 4, &cause), -1);
	snprintf(want, sizeof want, "cannot save the answers as a draft: "
	    "%s: No such file or directory", drafts);
	cr_assert_str_eq(cause, want);
	cr_assert_eq(vault_draft_exists(d), 0);
	free(cause);
	vault_draft_free(d);
}

Test(draft, a_damaged_draft_does_not_open)
{
	struct vault_draft	*d;
	char			 code[VAULT_CODE_LEN], path[512];
	unsigned char		 c;
	FILE			*f;

	d = create(code);
	save(d, "answers");
	vault_draft_free(d);
	snprintf(path, sizeof path, "%s/drafts", fx_path("v"));
	cr_assert_eq(fx_count(path, ""), 1);
	snprintf(path, sizeof path, "find '%s/drafts' -name '*.draft'",
	    fx_path("v"));
	cr_assert_not_null(f = popen(path, "r"));
	cr_assert_not_null(fgets(path, sizeof path, f));
	pclose(f);
	path[strcspn(path, "\n")] = '\0';
	cr_assert_not_null(f = fopen(path, "r+b"));
	fseek(f, 40, SEEK_SET);
	c = (unsigned char)fgetc(f);
	fseek(f, 40, SEEK_SET);
	fputc(c ^ 1, f);
	fclose(f);
	resume(code, NULL, VAULT_ERR_DATA, "the draft for this code is damaged");
}

Test(draft, a_draft_holds_no_plaintext)
{
	struct vault_draft	*d;
	char			 code[VAULT_CODE_LEN], cmd[512];

	d = create(code);
	save(d, "PLAINTEXT-MARKER-7731");
	vault_draft_free(d);
	snprintf(cmd, sizeof cmd, "grep -rqa -e PLAINTEXT-MARKER-7731 -e '%s' "
	    "'%s'", code, fx_path("v"));
	cr_assert_neq(system(cmd), 0);
}

Test(draft, another_vault_does_not_know_the_code)
{
	struct vault_draft	*d;
	struct vault		*keep;
	char			 code[VAULT_CODE_LEN], cmd[512], *cause = NULL;
	int			 err;

	d = create(code);
	save(d, "answers");
	vault_draft_free(d);
	fx_vault("w", "k");
	snprintf(cmd, sizeof cmd, "cp '%s'/drafts/*.draft '%s'/drafts/",
	    fx_path("v"), fx_path("w"));
	cr_assert_eq(system(cmd), 0);
	keep = v;
	v = vault_open(fx_path("w"), &err, &cause);
	cr_assert_not_null(v);
	resume(code, NULL, VAULT_ERR_MISSING, "no draft for this code");
	vault_free(v);
	v = keep;
}

Test(draft, submitting_removes_the_draft)
{
	struct vault_writer	*w;
	struct vault_draft	*d;
	struct buf		 b;
	char			 code[VAULT_CODE_LEN], r[VAULT_RECEIPT_LEN];
	char			*cause = NULL;
	int			 err;

	d = create(code);
	buf_init(&b);
	buf_add_str(&b, "partial answers");
	cr_assert_eq(vault_draft_save(d, b.data, b.len, &cause), 0);
	cr_assert_eq(fx_count(fx_path("v/drafts"), ""), 1);
	w = vault_writer_open(fx_path("v"), &err, &cause);
	cr_assert_not_null(w, "%s", cause);
	cr_assert_eq(vault_submit(w, b.data, b.len, NULL, d, r, &cause), 0,
	    "%s", cause);
	cr_assert_eq(fx_count(fx_path("v/drafts"), ""), 0);
	cr_assert_eq(fx_count(fx_path("v/responses"), ""), 1);
	resume(code, NULL, VAULT_ERR_MISSING, "no draft for this code");
	vault_writer_free(w);
	vault_draft_free(d);
	buf_clear(&b);
}

/* Set a file's times to days ago. */
static void
age(const char *path, int days)
{
	struct timeval	 tv[2];

	tv[0].tv_sec = tv[1].tv_sec = time(NULL) - (time_t)days * 86400;
	tv[0].tv_usec = tv[1].tv_usec = 0;
	cr_assert_eq(utimes(path, tv), 0, "%s: %s", path, strerror(errno));
}

Test(draft, purge_removes_old_drafts_only)
{
	struct vault_draft	*old, *recent;
	char			 code_old[VAULT_CODE_LEN], code_new[VAULT_CODE_LEN];
	char			 cmd[512], path[512], *cause = NULL;
	size_t			 removed = 99;
	FILE			*f;

	old = create(code_old);
	save(old, "old answers");
	vault_draft_free(old);
	snprintf(cmd, sizeof cmd, "ls '%s'/drafts/*.draft", fx_path("v"));
	cr_assert_not_null(f = popen(cmd, "r"));
	cr_assert_not_null(fgets(path, sizeof path, f));
	pclose(f);
	path[strcspn(path, "\n")] = '\0';
	age(path, 10);
	recent = create(code_new);
	save(recent, "new answers");
	vault_draft_free(recent);
	snprintf(path, sizeof path, "%s/drafts/.tmp-x.draft-123456",
	    fx_path("v"));
	cr_assert_not_null(f = fopen(path, "w"));
	fclose(f);
	age(path, 8);
	cr_assert_eq(vault_draft_purge(v, 7, time(NULL), &removed, &cause), 0,
	    "%s", cause);
	cr_assert_eq(removed, 1);
	cr_assert_eq(fx_count(fx_path("v/drafts"), ""), 1);
	resume(code_old, NULL, VAULT_ERR_MISSING, "no draft for this code");
	resume(code_new, "new answers", 0, NULL);
	cr_assert_eq(vault_draft_purge(v, 0, time(NULL) + 1, &removed,
	    &cause), 0);
	cr_assert_eq(removed, 1);
	cr_assert_eq(fx_count(fx_path("v/drafts"), ""), 0);
}
