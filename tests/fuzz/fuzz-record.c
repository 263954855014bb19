/* fuzz-record.c: libFuzzer harness of the vault's readers of files that
 * may come from anywhere (a copied vault, a damaged disk): record files
 * read by the walk (framing, sealed records, the plaintext's day and the
 * decoding of the answers), the vault header, and drafts.
 *
 * A scratch directory holds, made once: a key pair (passphrase "fuzz"),
 * a vault of tests/data/forms/answers-types.csv with one session header,
 * a second vault whose header is replaced by the input, and one draft.
 * Input: a mode byte, then the data. Mode & 7, modulo 5:
 *   0  the bytes of a record file of the session, walked with decoding;
 *      unless mode bit 3 is set, the harness writes the session id into
 *      every frame it finds (else a mutation cannot reach the reader);
 *   1  a list of plaintexts (day, kind, flags, prev, encoded answers:
 *      vault/record.c), each padded with sodium_pad to the size the
 *      writer would pad it to, sealed by a fresh session into one record
 *      file, then walked: entries of an op byte
 *      (bit 0 drop the record, bit 1 store it twice, bit 2 flip its byte
 *      op >> 3), a 16-bit little-endian length and the plaintext; mode
 *      bit 4 adds one to the file's count, bit 5 takes one away;
 *   2  the text of a vault header, opened, then a draft key derived;
 *   3  the bytes of the draft file, resumed with its code and decoded;
 *   4  a plaintext saved as the draft, resumed and decoded. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/crypto-int.h"

#define FUZZ_PASS	"fuzz"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char		 fuzz_dir[64];
static char		*fuzz_vault_dir;	/* the vault walked */
static char		*fuzz_header_dir;	/* the vault of mode 2 */
static struct vault_key	*fuzz_key;
static struct vault_set	*fuzz_set;
static struct vault	*fuzz_vault;
static unsigned char	 fuzz_session[SEAL_SESSION_ID_BYTES];
static struct vault_draft *fuzz_draft;
static char		 fuzz_code[VAULT_CODE_LEN];
static char		*fuzz_draft_path;

static void
fuzz_die(const char *what, const char *cause)
{
	fprintf(stderr, "fuzz-record: %s: %s\n", what, cause);
	exit(1);
}

static int
fuzz_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void
fuzz_cleanup(void)
{
	nftw(fuzz_dir, fuzz_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* Remove the files of dir/sub, but keep. */
static void
fuzz_empty(const char *dir, const char *sub, const char *keep)
{
	struct dirent	*de;
	DIR		*d;
	char		*path;

	xasprintf(&path, "%s/%s", dir, sub);
	if ((d = opendir(path)) == NULL)
		abort();
	free(path);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || (keep != NULL &&
		    strcmp(de->d_name, keep) == 0))
			continue;
		xasprintf(&path, "%s/%s/%s", dir, sub, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

static void
fuzz_write(const char *path, const void *data, size_t size)
{
	FILE	*fp;

	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
		perror(path);
		abort();
	}
}

/* Start a session of the walked vault: its header file. */
static struct seal_writer *
fuzz_session_start(unsigned char session[SEAL_SESSION_ID_BYTES])
{
	struct seal_writer	*w;
	struct buf		 b;
	char			*cause, *path, hex[SEAL_SESSION_ID_BYTES * 2 + 1];

	if ((w = seal_writer_create(fuzz_vault->pk, fuzz_vault->fingerprint,
	    &cause)) == NULL)
		fuzz_die("session", cause);
	memcpy(session, seal_writer_session(w), SEAL_SESSION_ID_BYTES);
	sodium_bin2hex(hex, sizeof hex, session, SEAL_SESSION_ID_BYTES);
	buf_init(&b);
	seal_writer_header(w, &b);
	xasprintf(&path, "%s/sessions/%s.hdr", fuzz_vault_dir, hex);
	fuzz_write(path, b.data, b.len);
	free(path);
	buf_clear(&b);
	return w;
}

/* The one draft, and the path of its file. */
static void
fuzz_draft_init(void)
{
	struct dirent	*de;
	DIR		*d;
	char		*cause, *dir;

	if ((fuzz_draft = vault_draft_create(fuzz_vault, fuzz_code,
	    &cause)) == NULL || vault_draft_save(fuzz_draft, "x", 1,
	    &cause) != 0)
		fuzz_die("draft", cause);
	xasprintf(&dir, "%s/drafts", fuzz_vault_dir);
	if ((d = opendir(dir)) == NULL)
		abort();
	while ((de = readdir(d)) != NULL) {
		if (vault_draft_name_valid(de->d_name))
			xasprintf(&fuzz_draft_path, "%s/%s", dir, de->d_name);
	}
	closedir(d);
	free(dir);
	if (fuzz_draft_path == NULL)
		abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct seal_writer	*w;
	char			*base, *pub, *form, *cause = NULL;
	int			 errnum, err;

	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/consult-fuzz-record.XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL)
		abort();
	atexit(fuzz_cleanup);
	xasprintf(&base, "%s/k", fuzz_dir);
	xasprintf(&pub, "%s/k.pub", fuzz_dir);
	xasprintf(&form, "%s/tests/data/forms/answers-types.csv",
	    FUZZ_SRCDIR);
	xasprintf(&fuzz_vault_dir, "%s/v", fuzz_dir);
	xasprintf(&fuzz_header_dir, "%s/h", fuzz_dir);
	if (vault_keygen_params(base, FUZZ_PASS, strlen(FUZZ_PASS),
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, NULL,
	    &errnum, &cause) != 0)
		fuzz_die("keygen", cause);
	free(base);
	xasprintf(&base, "%s/k.key", fuzz_dir);
	if ((fuzz_key = vault_key_load(base, FUZZ_PASS, strlen(FUZZ_PASS),
	    &errnum, &cause)) == NULL)
		fuzz_die("key", cause);
	if (vault_init_limits(fuzz_vault_dir, form, pub,
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, &err,
	    &cause) != 0 || vault_init_limits(fuzz_header_dir, form, pub,
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, &err,
	    &cause) != 0)
		fuzz_die("init", cause);
	if ((fuzz_set = vault_set_open(&fuzz_vault_dir, 1, fuzz_key, &err,
	    &cause)) == NULL ||
	    (fuzz_vault = vault_open(fuzz_vault_dir, &err, &cause)) == NULL)
		fuzz_die("open", cause);
	w = fuzz_session_start(fuzz_session);
	seal_writer_free(w);
	fuzz_draft_init();
	free(form);
	free(pub);
	free(base);
	return 0;
}

/* ---- record files ---------------------------------------------------- */

static int
fuzz_record(const struct vault_record *r, void *arg)
{
	struct buf	 b;

	(void)arg;
	if (r->answers == NULL || !vault_day_valid(r->day))
		abort();
	/* The decoded answers encode back to the plaintext, but for the
	 * position (bytes 34-37), which the walk does not hand out, and the
	 * version (byte 0): a version 2 record, of a form without repeats,
	 * is version 3's bytes under another number. */
	buf_init(&b);
	answers_encode(r->answers, r->complete, 0, &b);
	if (b.len != r->len || (r->plain[0] != b.data[0] &&
	    r->plain[0] != 2) || memcmp(b.data + 1, r->plain + 1, 33) != 0 ||
	    memcmp(b.data + 38, r->plain + 38, b.len - 38) != 0)
		abort();
	buf_clear(&b);
	return 0;
}

static void
fuzz_bad(const char *file, const char *why, void *arg)
{
	(void)arg;
	if (file == NULL || why == NULL || *why == '\0')
		abort();
}

/* Walk the vault, and count it as status does. */
static void
fuzz_walk(void)
{
	struct vault_walk_cb	 cb = { fuzz_record, fuzz_bad, NULL, 1 };
	struct vault_walk_stats	 stats;
	struct vault_stats	 st, total;
	char			*cause = NULL;

	if (vault_set_walk(fuzz_set, &cb, &stats, &cause) != 0)
		fuzz_die("walk", cause);
	if (vault_stats(&fuzz_vault, 1, &st, &total, &cause) != 0)
		fuzz_die("stats", cause);
}

static uint32_t
fuzz_get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void
fuzz_put32(struct buf *b, uint32_t v)
{
	unsigned char	 p[4] = { v >> 24, v >> 16, v >> 8, v };

	buf_add(b, p, 4);
}

/* Write a record file of the session starting at first, and walk. */
static void
fuzz_walk_file(const unsigned char *session, uint64_t first,
    const void *data, size_t size)
{
	char	 name[VAULT_RECORD_NAME_LEN], *path;

	vault_record_name(session, first, name);
	xasprintf(&path, "%s/responses/%s", fuzz_vault_dir, name);
	fuzz_write(path, data, size);
	free(path);
	fuzz_walk();
}

/* Mode 0: the input is the file; frames get the session id. */
static void
fuzz_raw(const uint8_t *data, size_t size, int fix)
{
	struct buf	 b;
	size_t		 off;
	uint32_t	 len;

	buf_init(&b);
	buf_add(&b, data, size);
	for (off = 28; fix && off + 4 <= b.len; off += 4 + (size_t)len) {
		len = fuzz_get32(b.data + off);
		if (len > b.len - off - 4)
			break;
		if (len >= 8 + SEAL_SESSION_ID_BYTES)
			memcpy(b.data + off + 4 + 8, fuzz_session,
			    SEAL_SESSION_ID_BYTES);
	}
	fuzz_walk_file(fuzz_session, 0, b.data, b.len);
	buf_clear(&b);
}

/* Mode 1: seal the plaintexts of the input in a fresh session. */
static void
fuzz_sealed(uint8_t mode, const uint8_t *data, size_t size)
{
	struct seal_writer	*w;
	unsigned char		 session[SEAL_SESSION_ID_BYTES];
	struct buf		 file, rec, plain;
	uint64_t		 index;
	uint32_t		 count = 0;
	size_t			 len, padded, base;
	char			*cause, hex[SEAL_SESSION_ID_BYTES * 2 + 1];
	uint8_t			 op;
	int			 copies;

	w = fuzz_session_start(session);
	buf_init(&file);
	buf_init(&rec);
	buf_init(&plain);
	base = vault_record_base(fuzz_vault->form);
	buf_add(&file, "CVB1\0\0\0\0" "2024-03-152024-03-15", 28);
	while (size >= 3) {
		op = data[0];
		len = (size_t)data[1] | (size_t)data[2] << 8;
		data += 3;
		size -= 3;
		if (len > size)
			len = size;
		padded = vault_record_padded(base, len);
		plain.len = 0;
		buf_add(&plain, data, len);
		while (plain.len < padded)
			buf_add_byte(&plain, 0);
		if (sodium_pad(&padded, plain.data, len, padded, plain.len) !=
		    0 || seal_writer_seal(w, plain.data, padded, &index, &rec,
		    &cause) != 0)
			fuzz_die("seal", "cannot pad or seal");
		data += len;
		size -= len;
		if (op & 1)
			continue;
		if (op & 4)
			rec.data[(op >> 3) % rec.len] ^= 0x20;
		for (copies = op & 2 ? 2 : 1; copies > 0; copies--) {
			fuzz_put32(&file, (uint32_t)rec.len);
			buf_add(&file, rec.data, rec.len);
			count++;
		}
	}
	count += (mode >> 4 & 1) - (mode >> 5 & 1);
	file.data[4] = count >> 24;
	file.data[5] = count >> 16;
	file.data[6] = count >> 8;
	file.data[7] = count;
	fuzz_walk_file(session, 0, file.data, file.len);
	seal_writer_free(w);
	buf_clear(&rec);
	buf_clear(&plain);
	buf_clear(&file);
	sodium_bin2hex(hex, sizeof hex, session, sizeof session);
	xasprintf(&cause, "%s/sessions/%s.hdr", fuzz_vault_dir, hex);
	unlink(cause);
	free(cause);
}

/* ---- the vault header and drafts ------------------------------------ */

/* Mode 2: a vault header, opened as run opens one. */
static void
fuzz_header(const uint8_t *data, size_t size)
{
	struct vault		*v;
	struct vault_draft	*d;
	char			*path, *cause = NULL, code[VAULT_CODE_LEN];
	int			 err;

	xasprintf(&path, "%s/%s", fuzz_header_dir, VAULT_HEADER_FILE);
	fuzz_write(path, data, size);
	free(path);
	if ((v = vault_open(fuzz_header_dir, &err, &cause)) == NULL) {
		if (cause == NULL || err == VAULT_OK)
			abort();
		free(cause);
		return;
	}
	if ((d = vault_draft_create(v, code, &cause)) == NULL)
		free(cause);
	vault_draft_free(d);
	vault_free(v);
}

/* Modes 3 and 4: resume the draft and decode it as run does. */
static void
fuzz_resume(void)
{
	struct vault_draft	*d;
	struct answers		*a;
	struct buf		 b;
	uint32_t		 position;
	int			 complete, err;
	char			*cause = NULL;

	buf_init(&b);
	if ((d = vault_draft_resume(fuzz_vault, fuzz_code, &b, &err,
	    &cause)) == NULL) {
		if (cause == NULL || err == VAULT_OK)
			abort();
		free(cause);
		buf_clear(&b);
		return;
	}
	if ((a = answers_decode(fuzz_vault->form, b.data, b.len, &complete,
	    &position, &cause)) == NULL)
		free(cause);
	else {
		(void)answers_next(a, (int)position, 1);
		answers_free(a);
	}
	vault_draft_free(d);
	buf_clear(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*cause = NULL, hex[SEAL_SESSION_ID_BYTES * 2 + 1], *keep;

	if (size == 0)
		return 0;
	switch ((data[0] & 7) % 5) {
	case 0:
		fuzz_raw(data + 1, size - 1, (data[0] & 8) == 0);
		break;
	case 1:
		fuzz_sealed(data[0], data + 1, size - 1);
		break;
	case 2:
		fuzz_header(data + 1, size - 1);
		break;
	case 3:
		fuzz_write(fuzz_draft_path, data + 1, size - 1);
		fuzz_resume();
		break;
	case 4:
		if (vault_draft_save(fuzz_draft, data + 1, size - 1,
		    &cause) != 0)
			fuzz_die("draft", cause);
		fuzz_resume();
		break;
	}
	sodium_bin2hex(hex, sizeof hex, fuzz_session, sizeof fuzz_session);
	xasprintf(&keep, "%s.hdr", hex);
	fuzz_empty(fuzz_vault_dir, "responses", NULL);
	fuzz_empty(fuzz_vault_dir, "sessions", keep);
	free(keep);
	return 0;
}
