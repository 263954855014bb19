/* test-store.c: tests for vault/store.c, submit.c and list.c: init, the
 * layout, durable writes, submissions, batches and the keyless listing. */
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/vault/fixture.h"

TestSuite(store, .init = fx_setup, .fini = fx_teardown);

static struct vault_writer *
open_writer(const char *dir)
{
	struct vault_writer	*w;
	char			*cause = NULL;
	int			 err = 0;

	w = vault_writer_open(dir, &err, &cause);
	cr_assert_not_null(w, "writer: %s", cause);
	return w;
}

static void
submit(struct vault_writer *w, const char *story, const char *day,
    char *receipt)
{
	char	*cause = NULL;

	/* The store takes any bytes: answers are encoded by forms/. */
	cr_assert_eq(vault_submit(w, story, strlen(story), day, NULL, receipt,
	    &cause), 0, "submit: %s", cause);
}

static void
stats_of(const char *dir, struct vault_stats *st)
{
	struct vault		*v;
	struct vault_stats	 total;
	char			*cause = NULL;
	int			 err = 0;

	v = vault_open(dir, &err, &cause);
	cr_assert_not_null(v, "open: %s", cause);
	cr_assert_eq(vault_stats(&v, 1, st, &total, &cause), 0, "%s", cause);
	vault_free(v);
}

Test(store, init_makes_the_layout)
{
	struct buf	 form, kept;
	const char	*dir;
	int		 errnum;
	char		*cause = NULL;

	dir = fx_vault("v", "k");
	cr_assert_eq(access(fx_path("v/consult-vault"), R_OK), 0);
	cr_assert_eq(access(fx_path("v/analyst.pub"), R_OK), 0);
	cr_assert_eq(fx_count(fx_path("v/sessions"), ""), 0);
	cr_assert_eq(fx_count(fx_path("v/responses"), ""), 0);
	cr_assert_eq(fx_count(fx_path("v/drafts"), ""), 0);
	buf_init(&form);
	buf_init(&kept);
	cr_assert_eq(vault_read_file(FX_FORM, 1 << 20, &form, &errnum,
	    &cause), 0);
	cr_assert_eq(vault_read_file(fx_path("v/form.csv"), 1 << 20, &kept,
	    &errnum, &cause), 0);
	cr_assert_eq(form.len, kept.len);
	cr_assert_arr_eq(form.data, kept.data, form.len);
	/* Nothing beside it: the key pair and the vault. */
	cr_assert_eq(fx_count(fx_dir, ""), 3);
	cr_assert_eq(fx_count(dir, ".tmp-"), 0);
	buf_clear(&form);
	buf_clear(&kept);
}

Test(store, init_refuses_a_non_empty_directory)
{
	char	*cause = NULL;
	int	 err = 0;
	FILE	*f;

	vault_key_free(fx_key("k"));
	cr_assert_eq(mkdir(fx_path("v"), 0700), 0);
	cr_assert_not_null(f = fopen(fx_path("v/notes.txt"), "w"));
	fclose(f);
	cr_assert_eq(vault_init(fx_path("v"), FX_FORM, fx_path("k.pub"),
	    &err, &cause), -1);
	cr_assert_eq(err, VAULT_ERR_OTHER);
	cr_assert_not_null(strstr(cause, "directory is not empty"), "%s",
	    cause);
	cr_assert_eq(fx_count(fx_path("v"), ""), 1);
	cr_assert_eq(fx_count(fx_dir, ""), 3);
	free(cause);
}

Test(store, init_uses_an_empty_directory_and_keeps_its_mode)
{
	struct stat	 sb;
	char		*cause = NULL;
	int		 err = 0;

	vault_key_free(fx_key("k"));
	cr_assert_eq(mkdir(fx_path("v"), 0750), 0);
	cr_assert_eq(chmod(fx_path("v"), 0750), 0);
	cr_assert_eq(vault_init_limits(fx_path("v/"), FX_FORM,
	    fx_path("k.pub"), crypto_pwhash_OPSLIMIT_MIN,
	    crypto_pwhash_MEMLIMIT_MIN, &err, &cause), 0, "%s", cause);
	cr_assert_eq(stat(fx_path("v"), &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0750);
	cr_assert_eq(access(fx_path("v/consult-vault"), R_OK), 0);
	cr_assert_eq(fx_count(fx_dir, ""), 3);
}

Test(store, init_refuses_a_bad_form_and_leaves_nothing)
{
	char	*cause = NULL;
	int	 err = 0;

	vault_key_free(fx_key("k"));
	cr_assert_eq(vault_init(fx_path("v"), FX_BAD_FORM, fx_path("k.pub"),
	    &err, &cause), -1);
	cr_assert_eq(err, VAULT_ERR_DATA);
	cr_assert_not_null(strstr(cause, "bad-form.csv:5:"), "%s", cause);
	cr_assert_eq(access(fx_path("v"), F_OK), -1);
	cr_assert_eq(fx_count(fx_dir, ""), 2);
	free(cause);
}

Test(store, init_reports_missing_inputs)
{
	char	*cause = NULL;
	int	 err = 0;

	vault_key_free(fx_key("k"));
	cr_assert_eq(vault_init(fx_path("v"), fx_path("nosuch.csv"),
	    fx_path("k.pub"), &err, &cause), -1);
	cr_assert_eq(err, VAULT_ERR_MISSING);
	cr_assert_not_null(strstr(cause, "nosuch.csv"), "%s", cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(vault_init(fx_path("v"), FX_FORM, fx_path("nosuch.pub"),
	    &err, &cause), -1);
	cr_assert_eq(err, VAULT_ERR_MISSING);
	cr_assert_not_null(strstr(cause, "nosuch.pub"), "%s", cause);
	free(cause);
	cr_assert_eq(fx_count(fx_dir, ""), 2);
}

Test(store, init_refuses_a_file_in_the_way)
{
	char	*cause = NULL;
	int	 err = 0;
	FILE	*f;

	vault_key_free(fx_key("k"));
	cr_assert_not_null(f = fopen(fx_path("v"), "w"));
	fclose(f);
	cr_assert_eq(vault_init(fx_path("v"), FX_FORM, fx_path("k.pub"),
	    &err, &cause), -1);
	cr_assert_not_null(strstr(cause, "not a directory"), "%s", cause);
	free(cause);
}

Test(store, open_checks_header_and_form)
{
	char	*cause = NULL, cmd[512];
	int	 err = 0;
	FILE	*f;

	fx_vault("v", "k");
	cr_assert_null(vault_open(fx_dir, &err, &cause));
	cr_assert_eq(err, VAULT_ERR_MISSING);
	cr_assert_not_null(strstr(cause, "not a vault"), "%s", cause);
	free(cause);
	cause = NULL;
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", FX_OTHER_FORM,
	    fx_path("v/form.csv"));
	cr_assert_eq(system(cmd), 0);
	cr_assert_null(vault_open(fx_path("v"), &err, &cause));
	cr_assert_eq(err, VAULT_ERR_DATA);
	cr_assert_not_null(strstr(cause, "not the form this vault was made"),
	    "%s", cause);
	free(cause);
	cause = NULL;
	cr_assert_not_null(f = fopen(fx_path("v/consult-vault"), "w"));
	fputs("consult-vault 9\n", f);
	fclose(f);
	cr_assert_null(vault_open(fx_path("v"), &err, &cause));
	cr_assert_eq(err, VAULT_ERR_DATA);
	cr_assert_not_null(strstr(cause, "not a vault header"), "%s", cause);
	free(cause);
}

Test(store, write_file_is_atomic_and_refuses_to_replace)
{
	struct buf	 b;
	char		*cause = NULL;
	int		 errnum;

	cr_assert_eq(vault_write_file(fx_dir, "f", "one", 3, 0, &cause), 0);
	cr_assert_eq(vault_write_file(fx_dir, "f", "two", 3, 0, &cause), -1);
	cr_assert_not_null(strstr(cause, "File exists"), "%s", cause);
	free(cause);
	cr_assert_eq(vault_write_file(fx_dir, "f", "three", 5, 1, &cause), 0);
	buf_init(&b);
	cr_assert_eq(vault_read_file(fx_path("f"), 100, &b, &errnum,
	    &cause), 0);
	cr_assert_str_eq(buf_str(&b), "three");
	cr_assert_eq(fx_count(fx_dir, ""), 1);
	cr_assert_eq(vault_write_file(fx_path("nosuch"), "f", "x", 1, 0,
	    &cause), -1);
	cr_assert_not_null(strstr(cause, "No such file"), "%s", cause);
	free(cause);
	b.len = 0;
	cr_assert_eq(vault_read_file(fx_path("f"), 4, &b, &errnum, &cause),
	    -1);
	cr_assert_eq(errnum, EFBIG);
	free(cause);
	buf_clear(&b);
}

Test(store, submit_writes_one_durable_file_per_response)
{
	struct vault_writer	*w;
	struct vault_stats	 st;
	char			 r0[VAULT_RECEIPT_LEN], r1[VAULT_RECEIPT_LEN];
	char			 want[VAULT_RECEIPT_LEN];

	fx_vault("v", "k");
	w = open_writer(fx_path("v"));
	cr_assert_eq(fx_count(fx_path("v/sessions"), ""), 1);
	submit(w, "first", "2024-05-01", r0);
	submit(w, "second", "2024-05-03", r1);
	snprintf(want, sizeof want, "%.8s-0", vault_writer_session(w));
	cr_assert_str_eq(r0, want);
	snprintf(want, sizeof want, "%.8s-1", vault_writer_session(w));
	cr_assert_str_eq(r1, want);
	cr_assert_eq(fx_count(fx_path("v/responses"), ""), 2);
	cr_assert_eq(fx_count(fx_path("v/responses"),
	    vault_writer_session(w)), 2);
	vault_writer_free(w);
	stats_of(fx_path("v"), &st);
	cr_assert_eq(st.responses, 2);
	cr_assert_eq(st.files, 2);
	cr_assert_eq(st.sessions, 1);
	cr_assert_str_eq(st.first_day, "2024-05-01");
	cr_assert_str_eq(st.last_day, "2024-05-03");
	cr_assert_eq(st.temporary, 0);
}

Test(store, submit_refuses_a_bad_day)
{
	struct vault_writer	*w;
	char			 r[VAULT_RECEIPT_LEN], *cause = NULL;

	fx_vault("v", "k");
	w = open_writer(fx_path("v"));
	cr_assert_eq(vault_submit(w, "x", 1, "2024-13-01", NULL, r, &cause),
	    -1);
	cr_assert_str_eq(cause, "invalid day '2024-13-01'");
	free(cause);
	cr_assert_eq(fx_count(fx_path("v/responses"), ""), 0);
	vault_writer_free(w);
}

Test(store, batches_hold_several_records)
{
	struct vault_writer	*w;
	struct vault_stats	 st;
	char			 r[VAULT_RECEIPT_LEN], *cause = NULL;
	int			 i;

	fx_vault("v", "k");
	w = open_writer(fx_path("v"));
	vault_writer_set_batch(w, 3);
	for (i = 0; i < 7; i++)
		submit(w, "batched", "2024-05-02", r);
	cr_assert_eq(fx_count(fx_path("v/responses"), ""), 2);
	cr_assert_eq(vault_writer_flush(w, &cause), 0, "%s", cause);
	cr_assert_eq(vault_writer_flush(w, &cause), 0, "%s", cause);
	cr_assert_eq(fx_count(fx_path("v/responses"), ""), 3);
	vault_writer_free(w);
	stats_of(fx_path("v"), &st);
	cr_assert_eq(st.responses, 7);
	cr_assert_eq(st.files, 3);
}

Test(store, listing_ignores_temporary_and_foreign_files)
{
	struct vault_writer	*w;
	struct vault_stats	 st;
	struct vault_entry	*e;
	struct vault		*v;
	char			 r[VAULT_RECEIPT_LEN], *cause = NULL;
	char			 path[512];
	size_t			 n;
	int			 err;
	FILE			*f;

	fx_vault("v", "k");
	w = open_writer(fx_path("v"));
	submit(w, "kept", NULL, r);
	snprintf(path, sizeof path, "%s/.tmp-%s-0000000000000001.rec-Ab12Cd",
	    fx_path("v/responses"), vault_writer_session(w));
	cr_assert_not_null(f = fopen(path, "w"));
	fputs("CVB1 half a record", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/%s-0000000000000001.REC",
	    fx_path("v/responses"), vault_writer_session(w));
	cr_assert_not_null(f = fopen(path, "w"));
	fclose(f);
	vault_writer_free(w);
	v = vault_open(fx_path("v"), &err, &cause);
	cr_assert_not_null(v);
	cr_assert_eq(vault_list(&v, 1, &e, &n, &cause), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(e[0].first, 0);
	free(e);
	vault_free(v);
	stats_of(fx_path("v"), &st);
	cr_assert_eq(st.responses, 1);
	cr_assert_eq(st.temporary, 1);
}

Test(store, a_truncated_record_file_is_not_counted)
{
	struct vault_writer	*w;
	struct vault_stats	 st;
	char			 r[VAULT_RECEIPT_LEN], name[VAULT_RECORD_NAME_LEN];
	char			 path[512];
	unsigned char		 sid[SEAL_SESSION_ID_BYTES];
	size_t			 got;

	fx_vault("v", "k");
	w = open_writer(fx_path("v"));
	submit(w, "whole", NULL, r);
	submit(w, "cut", NULL, r);
	sodium_hex2bin(sid, sizeof sid, vault_writer_session(w),
	    SEAL_SESSION_ID_BYTES * 2, NULL, &got, NULL);
	vault_record_name(sid, 1, name);
	snprintf(path, sizeof path, "%s/%s", fx_path("v/responses"), name);
	cr_assert_eq(truncate(path, 10), 0);
	vault_writer_free(w);
	stats_of(fx_path("v"), &st);
	cr_assert_eq(st.responses, 1);
	cr_assert_eq(st.files, 2);
	cr_assert_eq(st.unreadable, 1);
}

Test(store, record_names_round_trip)
{
	unsigned char	 sid[SEAL_SESSION_ID_BYTES], back[SEAL_SESSION_ID_BYTES];
	char		 name[VAULT_RECORD_NAME_LEN], bad[VAULT_RECORD_NAME_LEN];
	uint64_t	 first = 0;

	memset(sid, 0xab, sizeof sid);
	vault_record_name(sid, 0x1234, name);
	cr_assert_eq(strlen(name), VAULT_RECORD_NAME_LEN - 1);
	cr_assert_eq(vault_record_name_parse(name, back, &first), 0);
	cr_assert_arr_eq(sid, back, sizeof sid);
	cr_assert_eq(first, 0x1234);
	strcpy(bad, name);
	bad[3] = 'A';
	cr_assert_eq(vault_record_name_parse(bad, NULL, NULL), -1);
	strcpy(bad, name);
	bad[SEAL_SESSION_ID_BYTES * 2] = '_';
	cr_assert_eq(vault_record_name_parse(bad, NULL, NULL), -1);
	bad[strlen(name) - 1] = '\0';
	cr_assert_eq(vault_record_name_parse(bad, NULL, NULL), -1);
	cr_assert_eq(vault_record_name_parse(".tmp-x", NULL, NULL), -1);
}

Test(store, writable_names_the_first_directory_that_is_not)
{
	struct vault	*v;
	char		 want[512], *cause = NULL;
	int		 err;

	fx_vault("v", "k");
	v = vault_open(fx_path("v"), &err, &cause);
	cr_assert_not_null(v, "%s", cause);
	cr_assert_eq(vault_writable(v, &cause), 0, "%s", cause);
	cr_assert_eq(rmdir(fx_path("v/responses")), 0);
	cr_assert_eq(vault_writable(v, &cause), -1);
	snprintf(want, sizeof want, "%s: cannot write there: No such file "
	    "or directory", fx_path("v/responses"));
	cr_assert_str_eq(cause, want);
	free(cause);
	vault_free(v);
}

Test(store, simulated_marker)
{
	struct vault_writer	*w;
	struct vault		*v;
	char			 r[VAULT_RECEIPT_LEN], *cause = NULL;
	int			 err;

	fx_vault("v", "k");
	v = vault_open(fx_path("v"), &err, &cause);
	cr_assert_not_null(v);
	cr_assert_eq(vault_is_simulated(v), 0);
	cr_assert_eq(vault_has_real_responses(v), 0);
	w = open_writer(fx_path("v"));
	submit(w, "real", NULL, r);
	vault_writer_free(w);
	cr_assert_eq(vault_has_real_responses(v), 1);
	cr_assert_eq(vault_mark_simulated(v, &cause), 0);
	cr_assert_eq(vault_mark_simulated(v, &cause), 0);
	cr_assert_eq(vault_is_simulated(v), 1);
	cr_assert_eq(vault_has_real_responses(v), 0);
	vault_free(v);
}

Test(store, stats_count_copies_once)
{
	struct vault_writer	*w;
	struct vault_stats	 st[2], total;
	struct vault		*v[2];
	char			 r[VAULT_RECEIPT_LEN], *cause = NULL, cmd[512];
	int			 err;

	fx_vault("v", "k");
	w = open_writer(fx_path("v"));
	submit(w, "one", "2024-05-01", r);
	submit(w, "two", "2024-05-02", r);
	vault_writer_free(w);
	snprintf(cmd, sizeof cmd, "cp -a '%s' '%s'", fx_path("v"),
	    fx_path("copy"));
	cr_assert_eq(system(cmd), 0);
	w = open_writer(fx_path("copy"));
	submit(w, "three", "2024-06-01", r);
	vault_writer_free(w);
	v[0] = vault_open(fx_path("v"), &err, &cause);
	v[1] = vault_open(fx_path("copy"), &err, &cause);
	cr_assert_eq(vault_stats(v, 2, st, &total, &cause), 0);
	cr_assert_eq(st[0].responses, 2);
	cr_assert_eq(st[1].responses, 3);
	cr_assert_eq(st[1].sessions, 2);
	cr_assert_eq(total.responses, 3);
	cr_assert_eq(total.sessions, 2);
	cr_assert_str_eq(total.first_day, "2024-05-01");
	cr_assert_str_eq(total.last_day, "2024-06-01");
	vault_free(v[0]);
	vault_free(v[1]);
}
