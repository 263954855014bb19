/* test-keys.c: tests for vault/key.c, vault/pubkey.c and vault/keyfile.c:
 * key pair files, the passphrase, and damaged or hostile files. */
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/crypto-int.h"

#define PASS	"correct horse battery staple"
/* The cheapest Argon2id: these tests are about the file, not its cost. */
#define OPS	crypto_pwhash_OPSLIMIT_MIN
#define MEM	crypto_pwhash_MEMLIMIT_MIN

static char	 dir[64];
static char	 base[128], keypath[160], pubpath[160];

static void
setup(void)
{
	cr_assert(sodium_init() >= 0);
	strcpy(dir, "/tmp/consult-keys-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(base, sizeof base, "%s/analyst", dir);
	snprintf(keypath, sizeof keypath, "%s.key", base);
	snprintf(pubpath, sizeof pubpath, "%s.pub", base);
}

static void
teardown(void)
{
	char	 cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

TestSuite(keys, .init = setup, .fini = teardown);

static void
make_pair(unsigned char pk[VAULT_KEY_BYTES])
{
	char	*cause = NULL;
	int	 errnum = 0;

	cr_assert_eq(vault_keygen_params(base, PASS, strlen(PASS), OPS, MEM,
	    pk, &errnum, &cause), 0, "keygen: %s", cause);
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE	*f;

	cr_assert_not_null(f = fopen(path, "wb"));
	cr_assert_eq(fwrite(data, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

static size_t
read_file(const char *path, unsigned char *data, size_t size)
{
	FILE	*f;
	size_t	 n;

	cr_assert_not_null(f = fopen(path, "rb"));
	n = fread(data, 1, size, f);
	fclose(f);
	return n;
}

/* Load keypath expecting failure with errnum 0 and a message with want. */
static void
expect_bad_key(const char *want, const char *what)
{
	struct vault_key	*key;
	char			*cause = NULL;
	int			 errnum = -1;

	key = vault_key_load(keypath, PASS, strlen(PASS), &errnum, &cause);
	cr_assert_null(key, "%s: loaded", what);
	cr_assert_eq(errnum, 0, "%s: errnum %d", what, errnum);
	cr_assert_not_null(cause, "%s: no message", what);
	cr_assert_not_null(strstr(cause, want), "%s: '%s'", what, cause);
	cr_assert_not_null(strstr(cause, keypath), "%s: no path", what);
	free(cause);
}

/* Load keypath expecting success and the public key pk. */
static void
expect_good_key(const unsigned char pk[VAULT_KEY_BYTES])
{
	struct vault_key	*key;
	char			*cause = NULL;
	int			 errnum = 0;

	key = vault_key_load(keypath, PASS, strlen(PASS), &errnum, &cause);
	cr_assert_not_null(key, "load: %s", cause);
	cr_assert_arr_eq(vault_key_public(key), pk, VAULT_KEY_BYTES);
	vault_key_free(key);
}

Test(keys, round_trip)
{
	unsigned char		 pk[VAULT_KEY_BYTES], pk2[VAULT_KEY_BYTES];
	unsigned char		 q[crypto_scalarmult_BYTES];
	struct vault_key	*key;
	char			*cause = NULL;
	int			 errnum = 0;

	make_pair(pk);
	key = vault_key_load(keypath, PASS, strlen(PASS), &errnum, &cause);
	cr_assert_not_null(key, "load: %s", cause);
	cr_assert_arr_eq(vault_key_public(key), pk, VAULT_KEY_BYTES);
	cr_assert_eq(crypto_scalarmult_base(q, vault_key_secret(key)), 0);
	cr_assert_arr_eq(q, pk, VAULT_KEY_BYTES);
	cr_assert_eq(vault_pubkey_load(pubpath, pk2, &errnum, &cause), 0,
	    "pub: %s", cause);
	cr_assert_arr_eq(pk2, pk, VAULT_KEY_BYTES);
	vault_key_free(key);
	vault_key_free(NULL);
}

Test(keys, stores_the_argon2_limits)
{
	unsigned char	 pk[VAULT_KEY_BYTES], file[KEY_FILE_BYTES + 1];

	make_pair(pk);
	cr_assert_eq(read_file(keypath, file, sizeof file), KEY_FILE_BYTES);
	cr_assert_arr_eq(file, KEY_FILE_MAGIC, 8);
	cr_assert_eq(file[8], KEY_FILE_VERSION);
	cr_assert_eq(file[9], crypto_pwhash_ALG_ARGON2ID13);
	cr_assert_eq(file[12], OPS);
	cr_assert_eq(file[20] | file[21] << 8 | file[22] << 16, MEM);
}

Test(keys, wrong_passphrase_fails_cleanly)
{
	unsigned char		 pk[VAULT_KEY_BYTES];
	struct vault_key	*key;
	char			*cause = NULL;
	int			 errnum = -1;

	make_pair(pk);
	key = vault_key_load(keypath, "wrong", 5, &errnum, &cause);
	cr_assert_null(key);
	cr_assert_eq(errnum, 0);
	cr_assert_not_null(cause);
	cr_assert_not_null(strstr(cause, "wrong passphrase"), "%s", cause);
	free(cause);
	cause = NULL;
	key = vault_key_load(keypath, PASS, strlen(PASS) - 1, &errnum, &cause);
	cr_assert_null(key, "a prefix of the passphrase opens the key");
	free(cause);
	cause = NULL;
	key = vault_key_load(keypath, "", 0, &errnum, &cause);
	cr_assert_null(key, "the empty passphrase opens the key");
	free(cause);
}

Test(keys, every_truncated_length_fails)
{
	unsigned char	 pk[VAULT_KEY_BYTES], file[KEY_FILE_BYTES + 1];
	char		 what[32];
	size_t		 n;

	make_pair(pk);
	cr_assert_eq(read_file(keypath, file, sizeof file), KEY_FILE_BYTES);
	for (n = 0; n < KEY_FILE_BYTES; n++) {
		write_file(keypath, file, n);
		snprintf(what, sizeof what, "length %zu", n);
		expect_bad_key(n < 8 ? "not a consult secret key" :
		    "truncated or damaged", what);
	}
	file[KEY_FILE_BYTES] = 0;
	write_file(keypath, file, KEY_FILE_BYTES + 1);
	expect_bad_key("truncated or damaged", "one byte too long");
	write_file(keypath, file, KEY_FILE_BYTES);
	expect_good_key(pk);
}

Test(keys, a_flipped_byte_anywhere_fails)
{
	unsigned char	 pk[VAULT_KEY_BYTES], file[KEY_FILE_BYTES];
	static const unsigned char flips[] = { 0x01, 0x80, 0xff };
	char		 what[48];
	size_t		 i, j;

	make_pair(pk);
	cr_assert_eq(read_file(keypath, file, sizeof file), KEY_FILE_BYTES);
	for (i = 0; i < KEY_FILE_BYTES; i++) {
		for (j = 0; j < sizeof flips; j++) {
			file[i] ^= flips[j];
			write_file(keypath, file, sizeof file);
			snprintf(what, sizeof what, "offset %zu ^ 0x%02x", i,
			    flips[j]);
			expect_bad_key(i < 8 ? "not a consult" : ": ", what);
			file[i] ^= flips[j];
		}
	}
	write_file(keypath, file, sizeof file);
	expect_good_key(pk);
}

Test(keys, an_empty_file_fails)
{
	write_file(keypath, "", 0);
	expect_bad_key("not a consult secret key file", "0 bytes");
}

Test(keys, a_public_key_file_is_not_a_secret_key)
{
	unsigned char	 pk[VAULT_KEY_BYTES];

	make_pair(pk);
	cr_assert_eq(rename(pubpath, keypath), 0);
	expect_bad_key("not a consult secret key file", "a .pub file");
}

/* Rewrite the 64-bit field at off of the key file. */
static void
set_field(size_t off, uint64_t v)
{
	unsigned char	 file[KEY_FILE_BYTES];
	int		 i;

	cr_assert_eq(read_file(keypath, file, sizeof file), KEY_FILE_BYTES);
	for (i = 0; i < 8; i++)
		file[off + i] = (unsigned char)(v >> (8 * i));
	write_file(keypath, file, sizeof file);
}

Test(keys, hostile_argon2_limits_are_refused)
{
	unsigned char	 pk[VAULT_KEY_BYTES];

	make_pair(pk);
	set_field(12, 0);
	expect_bad_key("Argon2id limits out of range", "opslimit 0");
	set_field(12, KEY_OPS_MAX + 1);
	expect_bad_key("Argon2id limits out of range", "opslimit too high");
	set_field(12, OPS);
	set_field(20, KEY_MEM_MAX + 1);
	expect_bad_key("Argon2id limits out of range", "memlimit too high");
	set_field(20, UINT64_MAX);
	expect_bad_key("Argon2id limits out of range", "memlimit 2^64-1");
	set_field(20, 1024);
	expect_bad_key("Argon2id limits out of range", "memlimit too low");
	/* Raised but in range: Argon2id runs, the AEAD refuses the change. */
	set_field(20, 2 * MEM);
	expect_bad_key("wrong passphrase, or the key file is damaged",
	    "memlimit changed");
	set_field(20, MEM);
	expect_good_key(pk);
}

Test(keys, unknown_version_is_refused)
{
	unsigned char	 pk[VAULT_KEY_BYTES], file[KEY_FILE_BYTES];

	make_pair(pk);
	cr_assert_eq(read_file(keypath, file, sizeof file), KEY_FILE_BYTES);
	file[8] = 2;
	write_file(keypath, file, sizeof file);
	expect_bad_key("unsupported key file version", "version 2");
}

Test(keys, missing_or_unreadable_files_report_errno)
{
	struct vault_key	*key;
	unsigned char		 pk[VAULT_KEY_BYTES];
	char			*cause = NULL;
	int			 errnum = 0;

	key = vault_key_load(keypath, PASS, strlen(PASS), &errnum, &cause);
	cr_assert_null(key);
	cr_assert_eq(errnum, ENOENT);
	cr_assert_not_null(strstr(cause, keypath), "%s", cause);
	free(cause);
	cause = NULL;
	key = vault_key_load(dir, PASS, strlen(PASS), &errnum, &cause);
	cr_assert_null(key);
	cr_assert_eq(errnum, EISDIR, "%s", cause);
	free(cause);
	cause = NULL;
	cr_assert_eq(vault_pubkey_load(pubpath, pk, &errnum, &cause), -1);
	cr_assert_eq(errnum, ENOENT);
	cr_assert_not_null(strstr(cause, pubpath), "%s", cause);
	free(cause);
}

Test(keys, keygen_writes_modes_and_no_temporary_files)
{
	unsigned char	 pk[VAULT_KEY_BYTES];
	struct stat	 sb;
	struct dirent	*de;
	DIR		*d;
	int		 n = 0;

	umask(0);
	make_pair(pk);
	cr_assert_eq(stat(keypath, &sb), 0);
	cr_assert_eq(sb.st_mode & 07777, 0600);
	cr_assert_eq(sb.st_size, KEY_FILE_BYTES);
	cr_assert_eq(stat(pubpath, &sb), 0);
	cr_assert_eq(sb.st_mode & 07777, 0644);
	cr_assert_not_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.')
			n++;
	}
	closedir(d);
	cr_assert_eq(n, 2, "%d files in the directory", n);
}

Test(keys, keygen_refuses_to_overwrite_and_leaves_nothing)
{
	unsigned char	 pk[VAULT_KEY_BYTES], file[KEY_FILE_BYTES];
	char		*cause = NULL;
	int		 errnum = 0;

	write_file(pubpath, "precious\n", 9);
	cr_assert_eq(vault_keygen_params(base, PASS, strlen(PASS), OPS, MEM,
	    pk, &errnum, &cause), -1);
	cr_assert_eq(errnum, EEXIST);
	cr_assert_not_null(strstr(cause, "analyst.pub: already exists"), "%s",
	    cause);
	free(cause);
	cr_assert_eq(access(keypath, F_OK), -1, "the .key was left behind");
	cr_assert_eq(read_file(pubpath, file, sizeof file), 9);
	cr_assert_arr_eq(file, "precious\n", 9);

	cr_assert_eq(unlink(pubpath), 0);
	write_file(keypath, "precious\n", 9);
	cause = NULL;
	cr_assert_eq(vault_keygen_params(base, PASS, strlen(PASS), OPS, MEM,
	    pk, &errnum, &cause), -1);
	cr_assert_eq(errnum, EEXIST);
	cr_assert_not_null(strstr(cause, "analyst.key: already exists"), "%s",
	    cause);
	free(cause);
	cr_assert_eq(access(pubpath, F_OK), -1, "the .pub was left behind");
	cr_assert_eq(read_file(keypath, file, sizeof file), 9);
	cr_assert_arr_eq(file, "precious\n", 9);
}

Test(keys, keygen_into_a_missing_directory_fails)
{
	unsigned char	 pk[VAULT_KEY_BYTES];
	char		*cause = NULL, path[192];
	int		 errnum = 0;

	snprintf(path, sizeof path, "%s/nosuch/analyst", dir);
	cr_assert_eq(vault_keygen_params(path, PASS, strlen(PASS), OPS, MEM,
	    pk, &errnum, &cause), -1);
	cr_assert_eq(errnum, ENOENT);
	cr_assert_not_null(strstr(cause, "nosuch/analyst.key"), "%s", cause);
	free(cause);
}

Test(keys, two_pairs_differ)
{
	unsigned char	 pk1[VAULT_KEY_BYTES], pk2[VAULT_KEY_BYTES];

	make_pair(pk1);
	cr_assert_eq(unlink(keypath), 0);
	cr_assert_eq(unlink(pubpath), 0);
	make_pair(pk2);
	cr_assert_arr_neq(pk1, pk2, VAULT_KEY_BYTES);
}

Test(keys, public_key_text_round_trips)
{
	unsigned char	 pk[VAULT_KEY_BYTES], pk2[VAULT_KEY_BYTES];
	struct buf	 b;
	char		*cause = NULL;
	int		 errnum = 0;

	make_pair(pk);
	buf_init(&b);
	vault_pubkey_format(pk, &b);
	cr_assert_eq(b.len, strlen(VAULT_PUB_PREFIX) + 44 + 1);
	cr_assert_eq(strncmp(buf_str(&b), "consult-pub-1 ", 14), 0);
	cr_assert_eq(b.data[b.len - 1], '\n');
	cr_assert_eq(unlink(pubpath), 0);
	write_file(pubpath, b.data, b.len - 1);	/* no final newline */
	cr_assert_eq(vault_pubkey_load(pubpath, pk2, &errnum, &cause), 0,
	    "%s", cause);
	cr_assert_arr_eq(pk2, pk, VAULT_KEY_BYTES);
	buf_clear(&b);
}

Test(keys, key_id_is_short_and_stable)
{
	unsigned char	 pk[VAULT_KEY_BYTES];
	char		 id[VAULT_KEY_ID_LEN], id2[VAULT_KEY_ID_LEN];

	memset(pk, 7, sizeof pk);
	vault_key_id(pk, id);
	cr_assert_eq(strlen(id), VAULT_KEY_ID_LEN - 1);
	cr_assert_eq(id[4], '-');
	cr_assert_eq(id[14], '-');
	pk[31] = 8;
	vault_key_id(pk, id2);
	cr_assert_str_neq(id, id2);
}

/* Malformed public key files, each with a word of the expected message. */
struct pub_case {
	char	 text[160];
	char	 want[48];
};

static struct pub_case pub_cases[] = {
	{ "", "should start with 'consult-pub-1'" },
	{ "consult-pub-1", "should start with" },
	{ "consult-pub-2 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
	    "should start with" },
	{ "consult-pub-1 \n", "damaged public key" },
	{ "consult-pub-1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n",
	    "damaged public key" },
	{ "consult-pub-1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n\n",
	    "damaged public key" },
	{ "consult-pub-1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8= \n",
	    "damaged public key" },
	{ "consult-pub-1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\nx",
	    "damaged public key" },
	{ "consult-pub-1  AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
	    "damaged public key" },
	{ "consult-pub-1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8-\n",
	    "damaged public key" },
	{ "consult-pub-1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\n",
	    "damaged public key" },
	{ "consult-pub-1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==\n",
	    "damaged public key" },
	{ "consult-pub-1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"
	    "consult-pub-1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
	    "damaged public key" },
	{ "consult-pub-1 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
	    "low-order point" },
	{ "consult-pub-1 AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
	    "low-order point" },
	{ "CONSULTK\x01\x02", "should start with" },
	/* Found by tests/fuzz/fuzz-keyfile: libsodium 1.0.18 read the
	 * bytes above 0x7f as '/', so these loaded as another key. */
	{ "consult-pub-1 Li2c\xa8" "8Hdspl0Szaby83VPAdYrfBORdXKhLHuupBXGV8=\n",
	    "damaged public key" },
	{ "consult-pub-1 Li2c\xff" "8Hdspl0Szaby83VPAdYrfBORdXKhLHuupBXGV8=\n",
	    "damaged public key" },
};

ParameterizedTestParameters(keys, malformed_public_keys_fail)
{
	return cr_make_param_array(struct pub_case, pub_cases,
	    sizeof pub_cases / sizeof pub_cases[0]);
}

ParameterizedTest(struct pub_case *c, keys, malformed_public_keys_fail)
{
	unsigned char	 pk[VAULT_KEY_BYTES];
	char		*cause = NULL;
	int		 errnum = -1;

	write_file(pubpath, c->text, strlen(c->text));
	cr_assert_eq(vault_pubkey_load(pubpath, pk, &errnum, &cause), -1,
	    "accepted '%s'", c->text);
	cr_assert_eq(errnum, 0);
	cr_assert_not_null(strstr(cause, c->want), "'%s' gave '%s'", c->text,
	    cause);
	cr_assert_not_null(strstr(cause, pubpath), "%s", cause);
	free(cause);
}

Test(keys, a_long_or_binary_public_key_file_fails)
{
	unsigned char	 pk[VAULT_KEY_BYTES], junk[4096];
	char		*cause = NULL;
	int		 errnum = -1;

	memset(junk, 'A', sizeof junk);
	memcpy(junk, VAULT_PUB_PREFIX, strlen(VAULT_PUB_PREFIX));
	write_file(pubpath, junk, sizeof junk);
	cr_assert_eq(vault_pubkey_load(pubpath, pk, &errnum, &cause), -1);
	cr_assert_not_null(strstr(cause, "too long"), "%s", cause);
	free(cause);
	cause = NULL;
	memcpy(junk + strlen(VAULT_PUB_PREFIX) + 10, "\0\0\0", 3);
	write_file(pubpath, junk, strlen(VAULT_PUB_PREFIX) + 45);
	cr_assert_eq(vault_pubkey_load(pubpath, pk, &errnum, &cause), -1);
	cr_assert_not_null(strstr(cause, "damaged public key"), "%s", cause);
	free(cause);
}

Test(keys, a_crlf_public_key_file_is_accepted)
{
	unsigned char	 pk[VAULT_KEY_BYTES];
	char		*cause = NULL;
	int		 errnum = -1;
	const char	*text = "consult-pub-1 "
	    "CQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n";

	write_file(pubpath, text, strlen(text));
	cr_assert_eq(vault_pubkey_load(pubpath, pk, &errnum, &cause), 0, "%s",
	    cause);
	cr_assert_eq(pk[0], 9);	/* the X25519 base point */
	cr_assert_eq(pk[1], 0);
}
