/* test-secure.c: tests for vault/secure.c and the parts of store.c that
 * it relies on: init never makes a folder or file others could write,
 * the header names the analyst key and is checked, its draft limits are
 * bounded, file times tell the day, and vault_secure refuses a vault
 * another user could change, naming the file. */
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/vault/fixture.h"

TestSuite(secure, .init = fx_setup, .fini = fx_teardown);

static struct vault *
open_ok(const char *dir)
{
	struct vault	*v;
	char		*cause = NULL;
	int		 err = 0;

	v = vault_open(dir, &err, &cause);
	cr_assert_not_null(v, "open: %s", cause);
	return v;
}

/* vault_open fails with err and a cause holding want. */
static void
open_fails(const char *dir, int want_err, const char *want)
{
	char	*cause = NULL;
	int	 err = 0;

	cr_assert_null(vault_open(dir, &err, &cause));
	cr_assert_eq(err, want_err, "%s", cause);
	cr_assert_not_null(strstr(cause, want), "%s", cause);
	free(cause);
}

/* vault_secure fails naming path and saying why. */
static void
insecure(const char *dir, const char *path, const char *why)
{
	struct vault	*v = open_ok(dir);
	char		*cause = NULL;
	int		 err = 0;

	cr_assert_eq(vault_secure(v, &cause), -1, "%s is not refused", path);
	cr_assert_not_null(strstr(cause, path), "%s", cause);
	cr_assert_not_null(strstr(cause, why), "%s", cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(vault_collect_check(v, &err, &cause), -1);
	cr_assert_eq(err, VAULT_ERR_OTHER);
	free(cause);
	vault_free(v);
}

static void
put(const char *path, const char *text)
{
	FILE	*f;

	cr_assert_not_null(f = fopen(path, "w"), "%s", path);
	fputs(text, f);
	cr_assert_eq(fclose(f), 0);
}

static char *
slurp(const char *path)
{
	struct buf	 b;
	char		*cause = NULL, *s;
	int		 errnum;

	buf_init(&b);
	cr_assert_eq(vault_read_file(path, 1 << 16, &b, &errnum, &cause), 0);
	s = xstrdup(buf_str(&b));
	buf_clear(&b);
	return s;
}

/* Rewrite the header's draft limits and give it a valid check line, as
 * someone who can write the header could. */
static void
forge_limits(const char *dir, unsigned long long ops, size_t mem)
{
	static const unsigned char	 ctx[] = "consult-vault header";
	unsigned char			 d[VAULT_HEADER_CHECK_BYTES];
	char				 path[256], *text, *p, salt[40];
	char				 hex[VAULT_HEADER_CHECK_BYTES * 2 + 1];
	struct buf			 b;

	snprintf(path, sizeof path, "%s/consult-vault", dir);
	text = slurp(path);
	cr_assert_not_null(p = strstr(text, "drafts argon2id "));
	cr_assert_eq(sscanf(p, "drafts argon2id %*u %*u %39s", salt), 1);
	*p = '\0';
	buf_init(&b);
	buf_printf(&b, "%sdrafts argon2id %llu %zu %s\n", text, ops, mem,
	    salt);
	crypto_generichash(d, sizeof d, b.data, b.len, ctx, sizeof ctx - 1);
	sodium_bin2hex(hex, sizeof hex, d, sizeof d);
	buf_printf(&b, "check %s\n", hex);
	put(path, buf_str(&b));
	buf_clear(&b);
	free(text);
}

Test(secure, init_never_makes_what_others_could_write)
{
	struct stat	 sb;
	const char	*names[] = { "v", "v/consult-vault", "v/form.csv",
	    "v/analyst.pub", "v/sessions", "v/responses", "v/drafts" };
	char		*cause = NULL;
	mode_t		 old;
	size_t		 i;
	int		 err = 0;

	vault_key_free(fx_key("k"));
	cr_assert_eq(mkdir(fx_path("v"), 0777), 0);
	cr_assert_eq(chmod(fx_path("v"), 0777), 0);
	old = umask(0);
	cr_assert_eq(vault_init(fx_path("v"), FX_FORM, fx_path("k.pub"),
	    &err, &cause), 0, "%s", cause);
	umask(old);
	for (i = 0; i < sizeof names / sizeof *names; i++) {
		cr_assert_eq(stat(fx_path(names[i]), &sb), 0);
		cr_assert_eq(sb.st_mode & 022, 0, "%s has mode %o", names[i],
		    (unsigned)(sb.st_mode & 07777));
	}
	/* What collecting only reads is readable where the folder is. */
	cr_assert_eq(stat(fx_path("v/form.csv"), &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0644);
}

Test(secure, a_harsh_umask_leaves_the_owner_his_folders)
{
	struct stat	 sb;
	char		*cause = NULL;
	mode_t		 old;
	int		 err = 0;

	vault_key_free(fx_key("k"));
	old = umask(0277);
	cr_assert_eq(vault_init(fx_path("v"), FX_FORM, fx_path("k.pub"),
	    &err, &cause), 0, "%s", cause);
	umask(old);
	cr_assert_eq(stat(fx_path("v/responses"), &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0700);
}

Test(secure, the_header_names_the_key_and_is_checked)
{
	struct vault	*v;
	char		*text, id[VAULT_KEY_ID_LEN], hex[65];
	unsigned char	 pk[VAULT_KEY_BYTES];
	int		 errnum;
	char		*cause = NULL;

	fx_vault("v", "k");
	cr_assert_eq(vault_pubkey_load(fx_path("k.pub"), pk, &errnum, &cause),
	    0);
	sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
	text = slurp(fx_path("v/consult-vault"));
	cr_assert(strncmp(text, "consult-vault 2\n", 16) == 0, "%s", text);
	cr_assert_not_null(strstr(text, hex), "%s", text);
	cr_assert_not_null(strstr(text, "\ncheck "), "%s", text);
	v = open_ok(fx_path("v"));
	cr_assert_eq(v->version, 2);
	cr_assert_arr_eq(v->pk, pk, sizeof pk);
	vault_key_id(pk, id);
	vault_free(v);
	/* One changed digit of the limits, the check not redone. */
	*strstr(text, "argon2id 1 ") = '\0';
	put(fx_path("v/consult-vault"), text);
	free(text);
	open_fails(fx_path("v"), VAULT_ERR_DATA, "consult-vault: damaged");
}

Test(secure, a_replaced_analyst_key_is_refused)
{
	fx_vault("v", "k");
	vault_key_free(fx_key("evil"));
	cr_assert_eq(rename(fx_path("evil.pub"), fx_path("v/analyst.pub")),
	    0);
	open_fails(fx_path("v"), VAULT_ERR_DATA, "analyst.pub: not the "
	    "analyst key this vault was made for");
}

Test(secure, draft_limits_are_bounded)
{
	char	*cause = NULL;
	int	 err = 0;

	fx_vault("v", "k");
	/* A hostile header asking 1 GiB per participant. */
	forge_limits(fx_path("v"), 4, 1U << 30);
	open_fails(fx_path("v"), VAULT_ERR_DATA, "consult-vault: damaged");
	forge_limits(fx_path("v"), 1U << 20, VAULT_DRAFT_MEM);
	open_fails(fx_path("v"), VAULT_ERR_DATA, "consult-vault: damaged");
	forge_limits(fx_path("v"), VAULT_DRAFT_OPS_MAX, VAULT_DRAFT_MEM_MAX);
	vault_free(open_ok(fx_path("v")));
	cr_assert_eq(vault_draft_limits_valid(VAULT_DRAFT_OPS,
	    VAULT_DRAFT_MEM), 0);
	cr_assert_eq(vault_init_limits(fx_path("w"), FX_FORM,
	    fx_path("k.pub"), 3, VAULT_DRAFT_MEM_MAX + 1, &err, &cause), -1);
	free(cause);
}

Test(secure, format_1_is_read_but_not_collected_into)
{
	struct vault	*v;
	char		*text, *p, *q, *cause = NULL;
	int		 err = 0;

	fx_vault("v", "k");
	text = slurp(fx_path("v/consult-vault"));
	/* The same header as format 1 wrote it. */
	text[14] = '1';
	p = strstr(text, "analyst ");
	q = strchr(p, '\n') + 1;
	memmove(p, q, strlen(q) + 1);
	*strstr(text, "check ") = '\0';
	put(fx_path("v/consult-vault"), text);
	free(text);
	v = open_ok(fx_path("v"));
	cr_assert_eq(v->version, 1);
	cr_assert_eq(vault_collect_check(v, &err, &cause), -1);
	cr_assert_eq(err, VAULT_ERR_DATA);
	cr_assert_not_null(strstr(cause, "format 1"), "%s", cause);
	free(cause);
	cause = NULL;
	vault_free(v);
	cr_assert_null(vault_writer_open(fx_path("v"), &err, &cause));
	cr_assert_eq(err, VAULT_ERR_DATA);
	free(cause);
}

Test(secure, a_fresh_vault_may_be_collected_into)
{
	struct vault	*v;
	char		*cause = NULL;
	int		 err = 0;

	fx_vault("v", "k");
	v = open_ok(fx_path("v"));
	cr_assert_eq(vault_collect_check(v, &err, &cause), 0, "%s", cause);
	vault_free(v);
}

Test(secure, refuses_a_group_writable_form)
{
	fx_vault("v", "k");
	cr_assert_eq(chmod(fx_path("v/form.csv"), 0664), 0);
	insecure(fx_path("v"), "v/form.csv", "other users could write it");
}

Test(secure, refuses_a_world_writable_vault_folder)
{
	fx_vault("v", "k");
	cr_assert_eq(chmod(fx_path("v"), 0777), 0);
	insecure(fx_path("v"), fx_path("v"), "mode 0777");
}

Test(secure, refuses_a_world_writable_folder_above)
{
	char	 dir[128];

	cr_assert_eq(mkdir(fx_path("open"), 0777), 0);
	cr_assert_eq(chmod(fx_path("open"), 0777), 0);
	snprintf(dir, sizeof dir, "%s", fx_vault("open/v", "k"));
	insecure(dir, fx_path("open"), "chmod go-w");
	/* Sticky, as /tmp is: nobody renames what is not theirs. */
	cr_assert_eq(chmod(fx_path("open"), 01777), 0);
	vault_free(open_ok(dir));
}

Test(secure, refuses_a_linked_or_foreign_key)
{
	struct vault	*v;
	char		*cause = NULL;

	fx_vault("v", "k");
	cr_assert_eq(rename(fx_path("v/analyst.pub"), fx_path("k2.pub")), 0);
	cr_assert_eq(symlink(fx_path("k2.pub"), fx_path("v/analyst.pub")), 0);
	insecure(fx_path("v"), "v/analyst.pub", "symbolic link");
	cr_assert_eq(unlink(fx_path("v/analyst.pub")), 0);
	cr_assert_eq(rename(fx_path("k2.pub"), fx_path("v/analyst.pub")), 0);
	if (geteuid() != 0)
		return;	/* only root can give a file away */
	cr_assert_eq(chown(fx_path("v/consult-vault"), 65534, 65534), 0);
	v = open_ok(fx_path("v"));
	cr_assert_eq(vault_secure(v, &cause), -1);
	cr_assert_not_null(strstr(cause, "v/consult-vault: owned by user "
	    "65534"), "%s", cause);
	free(cause);
	vault_free(v);
}

Test(secure, file_times_tell_the_day_only)
{
	struct vault_writer	*w;
	struct timespec		 day;
	struct stat		 sb;
	char			 receipt[VAULT_RECEIPT_LEN], *cause = NULL;
	char			 path[1024];
	DIR			*d;
	struct dirent		*de;
	int			 err = 0, n = 0;

	fx_vault("v", "k");
	cr_assert_not_null(w = vault_writer_open(fx_path("v"), &err, &cause),
	    "%s", cause);
	cr_assert_eq(vault_submit(w, "x", 1, NULL, NULL, receipt, &cause), 0,
	    "%s", cause);
	vault_day_start(time(NULL), &day);
	snprintf(path, sizeof path, "%s/sessions/%s.hdr", fx_path("v"),
	    vault_writer_session(w));
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mtime, day.tv_sec);
	cr_assert_eq(stat(fx_path("v/responses"), &sb), 0);
	cr_assert_eq(sb.st_mtime, day.tv_sec);
	cr_assert_eq(sb.st_atime, day.tv_sec);
	cr_assert_eq(stat(fx_path("v/consult-vault"), &sb), 0);
	cr_assert_eq(sb.st_mtime, day.tv_sec);
	vault_writer_free(w);
	cr_assert_not_null(d = opendir(fx_path("v/responses")));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", fx_path("v/responses"),
		    de->d_name);
		cr_assert_eq(stat(path, &sb), 0);
		cr_assert_eq(sb.st_mtime, day.tv_sec, "%s", path);
		n++;
	}
	closedir(d);
	cr_assert_eq(n, 1);
}
