/* test-walk.c: tests for vault/walk.c: reading one or several vaults with
 * the analyst's key, each response once, damaged records reported. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/vault/fixture.h"

TestSuite(walk, .init = fx_setup, .fini = fx_teardown);

#define MAX_SEEN 64

struct seen {
	char		 story[MAX_SEEN][32];
	char		 session[MAX_SEEN][SEAL_SESSION_ID_BYTES * 2 + 1];
	uint64_t	 index[MAX_SEEN];
	char		 day[MAX_SEEN][VAULT_DAY_LEN];
	size_t		 n;
	char		 bad[MAX_SEEN][512];
	size_t		 nbad;
	size_t		 stop_at;	/* stop after this many, if not 0 */
};

static int
on_record(const struct vault_record *r, void *arg)
{
	struct seen	*s = arg;
	int		 q;

	cr_assert_lt(s->n, MAX_SEEN);
	cr_assert_not_null(r->answers);
	cr_assert_eq(r->complete, 1);
	q = form_find_question(r->answers->form, "story");
	snprintf(s->story[s->n], sizeof s->story[0], "%s",
	    answers_get(r->answers, q));
	snprintf(s->session[s->n], sizeof s->session[0], "%s", r->session);
	snprintf(s->day[s->n], sizeof s->day[0], "%s", r->day);
	s->index[s->n] = r->index;
	s->n++;
	return s->stop_at != 0 && s->n == s->stop_at ? 42 : 0;
}

static void
on_bad(const char *file, const char *why, void *arg)
{
	struct seen	*s = arg;

	cr_assert_lt(s->nbad, MAX_SEEN);
	snprintf(s->bad[s->nbad++], sizeof s->bad[0], "%s: %s", file, why);
}

/* Encode a complete response to the test form into out. */
static void
encode(const struct form *form, const char *story, struct buf *out)
{
	struct answers	*a;

	a = answers_create(form, 1, "2024-05-01");
	answers_set(a, form_find_question(form, "region"), "north");
	answers_set(a, form_find_question(form, "story"), story);
	answers_encode(a, 1, 0, out);
	answers_free(a);
}

/* Write stories as responses of one new session of dir, batch records a
 * file; the session id goes to sid (may be NULL). */
static void
fill(const char *dir, size_t batch, const char *const *stories, size_t n,
    char *sid)
{
	struct vault_writer	*w;
	struct buf		 b;
	char			 r[VAULT_RECEIPT_LEN], *cause = NULL;
	size_t			 i;
	int			 err;

	w = vault_writer_open(dir, &err, &cause);
	cr_assert_not_null(w, "%s", cause);
	vault_writer_set_batch(w, batch);
	buf_init(&b);
	for (i = 0; i < n; i++) {
		b.len = 0;
		encode(vault_writer_vault(w)->form, stories[i], &b);
		cr_assert_eq(vault_submit(w, b.data, b.len, "2024-05-07",
		    NULL, r, &cause), 0, "%s", cause);
	}
	cr_assert_eq(vault_writer_flush(w, &cause), 0);
	if (sid != NULL)
		strcpy(sid, vault_writer_session(w));
	vault_writer_free(w);
	buf_clear(&b);
}

/* Walk dirs with key k into s; returns vault_set_walk's value. */
static int
walk(char *const *dirs, size_t n, struct vault_key *k, struct seen *s,
    struct vault_walk_stats *st)
{
	struct vault_set	*set;
	struct vault_walk_cb	 cb;
	char			*cause = NULL;
	int			 err = 0, rc;

	set = vault_set_open(dirs, n, k, &err, &cause);
	cr_assert_not_null(set, "%s", cause);
	memset(&cb, 0, sizeof cb);
	cb.record = on_record;
	cb.bad = on_bad;
	cb.arg = s;
	cb.decode = 1;
	rc = vault_set_walk(set, &cb, st, &cause);
	vault_set_free(set);
	return rc;
}

/* The path of the record file of session sid starting at first. */
static const char *
record_path(const char *dir, const char *sid, uint64_t first)
{
	static char	 path[512];

	snprintf(path, sizeof path, "%s/responses/%s-%016llx.rec", dir, sid,
	    (unsigned long long)first);
	return path;
}

static void
flip(const char *path, long offset)
{
	FILE	*f;
	int	 c;

	cr_assert_not_null(f = fopen(path, "r+b"), "%s", path);
	if (offset < 0) {
		fseek(f, offset, SEEK_END);
		offset = ftell(f);
	}
	fseek(f, offset, SEEK_SET);
	c = fgetc(f);
	fseek(f, offset, SEEK_SET);
	fputc(c ^ 0x20, f);
	fclose(f);
}

static const char *const five[] = { "a", "b", "c", "d", "e" };

Test(walk, opens_every_response_in_order)
{
	struct vault_key	*k;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0 };
	char			*dirs[1];
	size_t			 i;

	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	fill(dirs[0], 1, five, 3, NULL);
	fill(dirs[0], 2, five + 3, 2, NULL);
	cr_assert_eq(walk(dirs, 1, k, &s, &st), 0);
	cr_assert_eq(s.n, 5);
	cr_assert_eq(st.opened, 5);
	cr_assert_eq(st.bad, 0);
	for (i = 1; i < s.n; i++) {
		cr_assert(strcmp(s.session[i - 1], s.session[i]) < 0 ||
		    (strcmp(s.session[i - 1], s.session[i]) == 0 &&
		    s.index[i - 1] < s.index[i]), "order at %zu", i);
		cr_assert_str_eq(s.day[i], "2024-05-07");
	}
	for (i = 0; i < 5; i++) {
		size_t	 j, found = 0;

		for (j = 0; j < s.n; j++)
			found += strcmp(s.story[j], five[i]) == 0;
		cr_assert_eq(found, 1, "story %s seen %zu times", five[i],
		    found);
	}
	free(dirs[0]);
	vault_key_free(k);
}

Test(walk, merged_vaults_and_copies_count_once)
{
	struct vault_key	*k;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0 };
	char			*dirs[3], cmd[1024];

	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("one", "k"));
	fill(dirs[0], 1, five, 2, NULL);
	dirs[1] = xstrdup(fx_vault("two", "k"));
	fill(dirs[1], 2, five + 2, 3, NULL);
	dirs[2] = xstrdup(fx_path("copy"));
	snprintf(cmd, sizeof cmd, "cp -a '%s' '%s'", dirs[0], dirs[2]);
	cr_assert_eq(system(cmd), 0);
	/* The copy then goes on collecting on its own. */
	fill(dirs[2], 1, five + 4, 1, NULL);
	cr_assert_eq(walk(dirs, 3, k, &s, &st), 0);
	cr_assert_eq(s.n, 6);
	cr_assert_eq(st.duplicates, 2);
	cr_assert_eq(st.bad, 0);
	free(dirs[0]);
	free(dirs[1]);
	free(dirs[2]);
	vault_key_free(k);
}

Test(walk, a_flipped_byte_is_reported_and_skipped)
{
	struct vault_key	*k;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0 };
	char			*dirs[1], sid[SEAL_SESSION_ID_BYTES * 2 + 1];

	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	fill(dirs[0], 5, five, 5, sid);
	/* The last byte of the file: the tag of the last record. */
	flip(record_path(dirs[0], sid, 0), -1);
	cr_assert_eq(walk(dirs, 1, k, &s, &st), 0);
	cr_assert_eq(s.n, 4);
	cr_assert_eq(st.bad, 1);
	cr_assert_not_null(strstr(s.bad[0], record_path(dirs[0], sid, 0)),
	    "%s", s.bad[0]);
	cr_assert_not_null(strstr(s.bad[0], "record 4"), "%s", s.bad[0]);
	cr_assert_str_eq(s.story[3], "d");
	free(dirs[0]);
	vault_key_free(k);
}

Test(walk, a_truncated_file_gives_what_is_whole)
{
	struct vault_key	*k;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0 };
	char			*dirs[1], sid[SEAL_SESSION_ID_BYTES * 2 + 1];
	const char		*path;
	long			 size;
	FILE			*f;

	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	fill(dirs[0], 5, five, 5, sid);
	path = record_path(dirs[0], sid, 0);
	cr_assert_not_null(f = fopen(path, "rb"));
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	/* Cut in the middle of the fourth record. */
	cr_assert_eq(truncate(path, 28 + (size - 28) * 7 / 10), 0);
	cr_assert_eq(walk(dirs, 1, k, &s, &st), 0);
	cr_assert_eq(s.n, 3);
	cr_assert_eq(st.bad, 1);
	cr_assert_not_null(strstr(s.bad[0], "truncated"), "%s", s.bad[0]);
	cr_assert_not_null(strstr(s.bad[0], path), "%s", s.bad[0]);
	free(dirs[0]);
	vault_key_free(k);
}

/* The file's framing: bytes after its last record, a record length
 * beyond any record, a file that is not a record file. Each is reported
 * by file; what is whole before it is given. */
static void
append(const char *path, const void *p, size_t n)
{
	FILE	*f;

	cr_assert_not_null(f = fopen(path, "ab"), "%s", path);
	cr_assert_eq(fwrite(p, 1, n, f), n);
	cr_assert_eq(fclose(f), 0);
}

Test(walk, bad_framing_is_reported_by_file)
{
	static const unsigned char huge[4] = { 0x7f, 0xff, 0xff, 0xff };
	struct vault_key	*k;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0 };
	char			*dirs[1], sid[SEAL_SESSION_ID_BYTES * 2 + 1];
	char			 sid2[SEAL_SESSION_ID_BYTES * 2 + 1];
	char			 sid3[SEAL_SESSION_ID_BYTES * 2 + 1];
	FILE			*f;
	size_t			 i;

	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	fill(dirs[0], 5, five, 5, sid);
	fill(dirs[0], 5, five, 2, sid2);
	fill(dirs[0], 5, five, 3, sid3);
	append(record_path(dirs[0], sid, 0), "x", 1);
	/* The second file claims 3 records: the third's length is huge. */
	cr_assert_not_null(f = fopen(record_path(dirs[0], sid2, 0), "r+b"));
	cr_assert_eq(fseek(f, 4, SEEK_SET), 0);
	cr_assert_eq(fputc(0, f), 0);
	cr_assert_eq(fputc(0, f), 0);
	cr_assert_eq(fputc(0, f), 0);
	cr_assert_eq(fputc(3, f), 3);
	cr_assert_eq(fclose(f), 0);
	append(record_path(dirs[0], sid2, 0), huge, sizeof huge);
	flip(record_path(dirs[0], sid3, 0), 0);	/* "CVB1" no more */
	cr_assert_eq(walk(dirs, 1, k, &s, &st), 0);
	cr_assert_eq(s.n, 5 + 2);
	cr_assert_eq(st.bad, 3);
	cr_assert_eq(s.nbad, 3);
	for (i = 0; i < 3; i++) {
		if (strstr(s.bad[i], sid) != NULL)
			cr_assert_not_null(strstr(s.bad[i],
			    ": bytes after the last record"), "%s", s.bad[i]);
		else if (strstr(s.bad[i], sid2) != NULL)
			cr_assert_not_null(strstr(s.bad[i], ": truncated or "
			    "damaged after 2 of 3 records"), "%s", s.bad[i]);
		else
			cr_assert_not_null(strstr(s.bad[i], sid3) != NULL ?
			    strstr(s.bad[i], ": not a record file") : NULL,
			    "%s", s.bad[i]);
	}
	free(dirs[0]);
	vault_key_free(k);
}

/* A record larger than the reader's buffer (64 KB) between small ones:
 * the buffer grows, and every record opens. */
Test(walk, a_record_larger_than_the_read_buffer_opens)
{
	struct vault_key	*k;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0 };
	char			*dirs[1], *big;
	const char		*stories[3];
	size_t			 len = 200 * 1024;

	big = xmalloc(len + 1);
	memset(big, 'w', len);
	big[len] = '\0';
	stories[0] = "before";
	stories[1] = big;
	stories[2] = "after";
	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	fill(dirs[0], 3, stories, 3, NULL);
	cr_assert_eq(walk(dirs, 1, k, &s, &st), 0);
	cr_assert_eq(st.bad, 0, "%s", s.bad[0]);
	cr_assert_eq(s.n, 3);
	cr_assert_str_eq(s.story[0], "before");
	cr_assert_eq(strncmp(s.story[1], "wwwwwwww", 8), 0);
	cr_assert_str_eq(s.story[2], "after");
	free(big);
	free(dirs[0]);
	vault_key_free(k);
}

Test(walk, swapped_and_replayed_records_are_reported)
{
	struct vault_key	*k;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0 };
	char			*dirs[1], sid[SEAL_SESSION_ID_BYTES * 2 + 1];
	char			 a[512], b[512], cmd[1200];

	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	fill(dirs[0], 1, five, 5, sid);
	/* Swap the files of records 1 and 2. */
	snprintf(a, sizeof a, "%s", record_path(dirs[0], sid, 1));
	snprintf(b, sizeof b, "%s", record_path(dirs[0], sid, 2));
	cr_assert_eq(rename(a, fx_path("x")), 0);
	cr_assert_eq(rename(b, a), 0);
	cr_assert_eq(rename(fx_path("x"), b), 0);
	/* Replay record 0 after record 4. */
	snprintf(cmd, sizeof cmd, "cp '%s' ", record_path(dirs[0], sid, 0));
	strcat(cmd, record_path(dirs[0], sid, 9));
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(walk(dirs, 1, k, &s, &st), 0);
	cr_assert_eq(s.n, 4);
	cr_assert_eq(st.bad, 3);
	/* Record 2 comes first, from 1's file: its link shows the gap. */
	cr_assert_not_null(strstr(s.bad[0], a), "%s", s.bad[0]);
	cr_assert_not_null(strstr(s.bad[0], "record 2: the record before it "
	    "(1) is missing"), "%s", s.bad[0]);
	cr_assert_not_null(strstr(s.bad[1], b), "%s", s.bad[1]);
	cr_assert_not_null(strstr(s.bad[1], "record 1: replayed or out of "
	    "order"), "%s", s.bad[1]);
	cr_assert_not_null(strstr(s.bad[2], record_path(dirs[0], sid, 9)),
	    "%s", s.bad[2]);
	cr_assert_not_null(strstr(s.bad[2], "record 0: replayed"), "%s",
	    s.bad[2]);
	free(dirs[0]);
	vault_key_free(k);
}

Test(walk, a_record_of_another_session_is_reported)
{
	struct vault_key	*k;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0 };
	char			*dirs[1], s1[SEAL_SESSION_ID_BYTES * 2 + 1];
	char			 s2[SEAL_SESSION_ID_BYTES * 2 + 1], cmd[1200];

	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	fill(dirs[0], 1, five, 1, s1);
	fill(dirs[0], 1, five + 1, 1, s2);
	snprintf(cmd, sizeof cmd, "cp '%s' ", record_path(dirs[0], s1, 0));
	strcat(cmd, record_path(dirs[0], s2, 1));
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(walk(dirs, 1, k, &s, &st), 0);
	cr_assert_eq(s.n, 2);
	cr_assert_eq(st.bad, 1);
	cr_assert_not_null(strstr(s.bad[0], "from another session"), "%s",
	    s.bad[0]);
	free(dirs[0]);
	vault_key_free(k);
}

Test(walk, a_damaged_copy_gives_way_to_a_good_one)
{
	struct vault_key	*k;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0 };
	char			*dirs[2], sid[SEAL_SESSION_ID_BYTES * 2 + 1];
	char			 cmd[1024];

	k = fx_key("k");
	dirs[1] = xstrdup(fx_vault("v", "k"));
	fill(dirs[1], 1, five, 3, sid);
	dirs[0] = xstrdup(fx_path("copy"));
	snprintf(cmd, sizeof cmd, "cp -a '%s' '%s'", dirs[1], dirs[0]);
	cr_assert_eq(system(cmd), 0);
	flip(record_path(dirs[0], sid, 1), -5);
	cr_assert_eq(walk(dirs, 2, k, &s, &st), 0);
	cr_assert_eq(s.n, 3);
	cr_assert_eq(st.bad, 1);
	cr_assert_eq(st.duplicates, 2);
	cr_assert_not_null(strstr(s.bad[0], record_path(dirs[0], sid, 1)),
	    "%s", s.bad[0]);
	cr_assert_str_eq(s.story[1], "b");
	free(dirs[0]);
	free(dirs[1]);
	vault_key_free(k);
}

Test(walk, a_missing_session_header_reports_its_files)
{
	struct vault_key	*k;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0 };
	char			*dirs[1], sid[SEAL_SESSION_ID_BYTES * 2 + 1];
	char			 path[512];

	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	fill(dirs[0], 2, five, 3, sid);
	fill(dirs[0], 1, five + 3, 1, NULL);
	snprintf(path, sizeof path, "%s/sessions/%s.hdr", dirs[0], sid);
	cr_assert_eq(unlink(path), 0);
	cr_assert_eq(walk(dirs, 1, k, &s, &st), 0);
	cr_assert_eq(s.n, 1);
	cr_assert_eq(st.bad, 2);
	cr_assert_not_null(strstr(s.bad[0], "session header"), "%s",
	    s.bad[0]);
	free(dirs[0]);
	vault_key_free(k);
}

Test(walk, the_callback_can_stop_the_walk)
{
	struct vault_key	*k;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0, .stop_at = 2 };
	char			*dirs[1];

	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	fill(dirs[0], 1, five, 4, NULL);
	cr_assert_eq(walk(dirs, 1, k, &s, &st), 42);
	cr_assert_eq(s.n, 2);
	free(dirs[0]);
	vault_key_free(k);
}

Test(walk, a_wrong_key_is_refused_before_reading)
{
	struct vault_key	*k, *other;
	char			*dirs[2], *cause = NULL;
	int			 err = 0;

	k = fx_key("k");
	other = fx_key("other");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	fill(dirs[0], 1, five, 1, NULL);
	cr_assert_null(vault_set_open(dirs, 1, other, &err, &cause));
	cr_assert_eq(err, VAULT_ERR_KEY);
	cr_assert_not_null(strstr(cause, "was made for key"), "%s", cause);
	cr_assert_not_null(strstr(cause, dirs[0]), "%s", cause);
	free(cause);
	cause = NULL;
	/* The second vault, made for another key: still refused. */
	dirs[1] = xstrdup(fx_vault("w", "other"));
	cr_assert_null(vault_set_open(dirs, 2, k, &err, &cause));
	cr_assert_eq(err, VAULT_ERR_KEY);
	cr_assert_not_null(strstr(cause, dirs[1]), "%s", cause);
	free(cause);
	free(dirs[0]);
	free(dirs[1]);
	vault_key_free(k);
	vault_key_free(other);
}

Test(walk, vaults_of_different_forms_do_not_merge)
{
	struct vault_key	*k;
	char			*dirs[2], *cause = NULL;
	int			 err = 0;

	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	dirs[1] = xstrdup(fx_path("w"));
	cr_assert_eq(vault_init_limits(dirs[1], FX_OTHER_FORM,
	    fx_path("k.pub"), crypto_pwhash_OPSLIMIT_MIN,
	    crypto_pwhash_MEMLIMIT_MIN, &err, &cause), 0, "%s", cause);
	cr_assert_null(vault_set_open(dirs, 2, k, &err, &cause));
	cr_assert_eq(err, VAULT_ERR_DATA);
	cr_assert_not_null(strstr(cause, "holds another form"), "%s", cause);
	free(cause);
	free(dirs[0]);
	free(dirs[1]);
	vault_key_free(k);
}

static int
on_raw(const struct vault_record *r, void *arg)
{
	struct seen	*s = arg;

	cr_assert_null(r->answers);
	cr_assert_lt(s->n, MAX_SEEN);
	snprintf(s->story[s->n++], sizeof s->story[0], "%.*s", (int)r->len,
	    (const char *)r->plain);
	return 0;
}

Test(walk, undecodable_answers_are_reported_or_given_raw)
{
	struct vault_key	*k;
	struct vault_writer	*w;
	struct vault_set	*set;
	struct vault_walk_cb	 cb;
	struct vault_walk_stats	 st;
	struct seen		 s = { .n = 0 };
	char			*dirs[1], *cause = NULL, r[VAULT_RECEIPT_LEN];
	int			 err;

	k = fx_key("k");
	dirs[0] = xstrdup(fx_vault("v", "k"));
	w = vault_writer_open(dirs[0], &err, &cause);
	cr_assert_not_null(w);
	cr_assert_eq(vault_submit(w, "not answers", 11, NULL, NULL, r,
	    &cause), 0);
	vault_writer_free(w);
	cr_assert_eq(walk(dirs, 1, k, &s, &st), 0);
	cr_assert_eq(s.n, 0);
	cr_assert_eq(st.bad, 1);
	cr_assert_not_null(strstr(s.bad[0], "record 0: "), "%s", s.bad[0]);
	set = vault_set_open(dirs, 1, k, &err, &cause);
	cr_assert_not_null(set);
	memset(&cb, 0, sizeof cb);
	cb.record = on_raw;
	cb.arg = &s;
	cr_assert_eq(vault_set_walk(set, &cb, &st, &cause), 0);
	cr_assert_eq(s.n, 1);
	cr_assert_str_eq(s.story[0], "not answers");
	vault_set_free(set);
	free(dirs[0]);
	vault_key_free(k);
}
