/* vault/lib.h: keys, sealed records and the on-disk store of responses
 * and drafts. Knows no curses; never prints, never exits. */
#ifndef CONSULT_VAULT_LIB_H
#define CONSULT_VAULT_LIB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "lib/lib.h"
#include "forms/lib.h"

/* ---- harden.c: the process ------------------------------------------- */

/* Disable core dumps (RLIMIT_CORE 0) and ptrace/dumpability
 * (PR_SET_DUMPABLE 0). Returns 0, or -1 with *cause (caller frees). */
int		 vault_harden(char **cause);

/* ---- key.c: the analyst's key pair and its files ---------------------- */

#define VAULT_KEY_BYTES		32	/* X25519 public or secret key */
#define VAULT_KEY_ID_LEN	20	/* "xxxx-xxxx-xxxx-xxxx" + NUL */
#define VAULT_PUB_PREFIX	"consult-pub-1 "

/* The analyst's secret key, in sodium_malloc'd locked memory. */
struct vault_key;

/* Make a key pair; write BASE.key (secret key sealed under the
 * passphrase with Argon2id MODERATE, mode 0600) and BASE.pub (one text
 * line). Refuses to overwrite either file and leaves neither behind on
 * failure. If pk is not NULL it receives the public key. Returns 0, or -1
 * with *errnum (errno; EEXIST when a file exists) and *cause (caller
 * frees). */
int		 vault_keygen(const char *base, const char *pass, size_t passlen,
		     unsigned char *pk, int *errnum, char **cause);

/* Read a public key file into pk. Returns 0, or -1 with *cause (caller
 * frees) and *errnum: the errno of a failed read, 0 for a malformed
 * file. */
int		 vault_pubkey_load(const char *path,
		     unsigned char pk[VAULT_KEY_BYTES], int *errnum, char **cause)
		     __attribute__((warn_unused_result));
/* Append the text of a public key file (prefix, Base64, newline). */
void		 vault_pubkey_format(const unsigned char pk[VAULT_KEY_BYTES],
		     struct buf *out);
/* Write a short readable id of a public key into id (for messages and
 * status lines; not a secret). */
void		 vault_key_id(const unsigned char pk[VAULT_KEY_BYTES],
		     char id[VAULT_KEY_ID_LEN]);

/* Open a secret key file with its passphrase. Returns the key (free with
 * vault_key_free), or NULL with *cause (caller frees) and *errnum: the
 * errno of a failed read (ENOENT: missing), or 0 for a wrong passphrase
 * or a damaged or foreign file. */
struct vault_key *vault_key_load(const char *path, const char *pass,
		     size_t passlen, int *errnum, char **cause)
		     __attribute__((warn_unused_result));
/* The key's public half; borrowed while the key lives. */
const unsigned char *vault_key_public(const struct vault_key *);
/* Wipe and free a key; NULL does nothing. */
void		 vault_key_free(struct vault_key *);

/* ---- seal.c: sealed records, one ratchet per collecting session ------- */

/* Session header: magic+version 8, session id (ephemeral public key) 32,
 * analyst public key 32, form fingerprint 32, key check 16. */
#define SEAL_SESSION_ID_BYTES	32
#define SEAL_HEADER_BYTES	120
/* Record: magic+version 8, session id 32, index 8, length 4, nonce 24,
 * then the ciphertext (plaintext length + 16-byte tag). */
#define SEAL_RECORD_HEADER_BYTES 76
#define SEAL_RECORD_OVERHEAD	(SEAL_RECORD_HEADER_BYTES + 16)
#define SEAL_MAX_PLAINTEXT	(16U * 1024 * 1024)
/* How far ahead of the last opened record a reader will ratchet. Gaps
 * come only from writes that failed (a run stops at its first, simulate
 * loses at most a batch of 1000): 4096 is room enough, and bounds what a
 * forged record far ahead can cost (about a millisecond, once a session:
 * the reader keeps the furthest chain key it reached). */
#define SEAL_MAX_SKIP		4096U

/* The public facts of a session header or a record, readable without a
 * key (for status, sorting and deduplication). */
struct seal_header_info {
	unsigned char	 session[SEAL_SESSION_ID_BYTES];
	unsigned char	 analyst_pk[VAULT_KEY_BYTES];
	unsigned char	 fingerprint[FORM_FINGERPRINT_BYTES];
};
struct seal_record_info {
	unsigned char	 session[SEAL_SESSION_ID_BYTES];
	uint64_t	 index;
	uint32_t	 length;	/* of the plaintext */
};

/* Parse a session header without a key. Returns 0, or -1 with *cause
 * (caller frees). */
int		 seal_header_parse(const void *, size_t,
		     struct seal_header_info *, char **cause)
		     __attribute__((warn_unused_result));
/* Parse a record's public header without a key; checks that the length
 * matches the size. Returns 0, or -1 with *cause (caller frees). */
int		 seal_record_parse(const void *, size_t,
		     struct seal_record_info *, char **cause)
		     __attribute__((warn_unused_result));

/* One collecting session: an ephemeral X25519 key pair (its secret wiped
 * at once after the key exchange with the analyst's public key) and the
 * current chain key, in locked memory. */
struct seal_writer;

/* Start a session for this analyst and form. Returns the writer (free
 * with seal_writer_free), or NULL with *cause (caller frees) when the
 * public key is unusable. */
struct seal_writer *seal_writer_create(const unsigned char
		     analyst_pk[VAULT_KEY_BYTES], const unsigned char
		     fingerprint[FORM_FINGERPRINT_BYTES], char **cause);
/* The session id (ephemeral public key); borrowed while the writer
 * lives. */
const unsigned char *seal_writer_session(const struct seal_writer *);
/* Replace out with the session header (SEAL_HEADER_BYTES), to store once
 * per session. */
void		 seal_writer_header(const struct seal_writer *, struct buf *out);
/* Seal plaintext as the session's next record, number *index (0, 1, ...),
 * replacing out with the record; the ratchet advances and the keys used
 * are wiped. Returns 0, or -1 with *cause (caller frees) when len exceeds
 * SEAL_MAX_PLAINTEXT (the ratchet does not advance). */
int		 seal_writer_seal(struct seal_writer *, const void *pt,
		     size_t len, uint64_t *index, struct buf *out,
		     char **cause);
/* Wipe and free; NULL does nothing. */
void		 seal_writer_free(struct seal_writer *);

/* The analyst's side of one session. */
struct seal_reader;

/* Open a session header with the analyst's key for a vault whose form
 * has this fingerprint. Returns the reader (free with seal_reader_free),
 * or NULL with *cause (caller frees) and *wrong_key set to 1 when the
 * session was sealed for another key, 0 when the header is damaged or
 * belongs to another form. */
struct seal_reader *seal_reader_create(const struct vault_key *,
		     const void *header, size_t len, const unsigned char
		     fingerprint[FORM_FINGERPRINT_BYTES], int *wrong_key,
		     char **cause) __attribute__((warn_unused_result));
/* The session id; borrowed while the reader lives. */
const unsigned char *seal_reader_session(const struct seal_reader *);
/* Open a record of this session, replacing pt with its plaintext and
 * setting *index. Records must come in increasing index order (gaps are
 * allowed); the reader ratchets forward and keeps no key behind it. A
 * record that fails leaves the reader able to open what it could before;
 * it keeps the furthest chain key it computed, so that records at or
 * beyond it cost one ratchet step each plus the distance from it: in
 * index order, forged records cost O(1) steps each, amortised (and
 * SEAL_MAX_SKIP at most in all, a session). Returns 0, or -1 with
 * pt emptied and *cause (caller frees): damaged, truncated, from another
 * session or form, replayed or out of order. */
int		 seal_reader_open(struct seal_reader *, const void *rec,
		     size_t len, uint64_t *index, struct buf *pt, char **cause)
		     __attribute__((warn_unused_result));
/* Wipe and free; NULL does nothing. */
void		 seal_reader_free(struct seal_reader *);

/* ---- store.c, submit.c, draft.c, walk.c: the vault directory ---------- *
 * Layout, file formats and threat model: vault/README. */

#define VAULT_FORMAT_VERSION	2	/* of the header; 1 is still read */
#define VAULT_HEADER_FILE	"consult-vault"
#define VAULT_FORM_FILE		"form.csv"	/* a CSV form */
#define VAULT_FORM_XLSX		"form.xlsx"	/* an .xlsx form */
#define VAULT_PUB_FILE		"analyst.pub"
#define VAULT_SIMULATED_FILE	"simulated"
#define VAULT_DRAFT_SALT_BYTES	16
#define VAULT_HEADER_CHECK_BYTES 16
/* Argon2id of drafts: what init writes, and the most a header may ask
 * (so that a participant's process stays within a few MiB). */
#define VAULT_DRAFT_OPS		3
#define VAULT_DRAFT_MEM		(2U << 20)
#define VAULT_DRAFT_OPS_MAX	16
#define VAULT_DRAFT_MEM_MAX	(4U << 20)
/* "<64 hex session>-<16 hex first index>.rec" + NUL */
#define VAULT_RECORD_NAME_LEN	(SEAL_SESSION_ID_BYTES * 2 + 22)
#define VAULT_RECEIPT_LEN	32	/* "1a2b3c4d-17" + NUL, with room */
#define VAULT_DAY_LEN		11	/* "YYYY-MM-DD" + NUL */
#define VAULT_BATCH_MAX		1000	/* records per file, at most */

/* The name of the form's file in the vault at dir: form.xlsx when that
 * is there (a workbook), else form.csv. Static. */
const char	*vault_form_name(const char *dir);

/* Why a vault call failed; the app maps these to exit statuses. */
enum vault_err {
	VAULT_OK = 0,
	VAULT_ERR_OTHER,	/* exit 1: e.g. a non-empty directory */
	VAULT_ERR_IO,		/* exit 74 */
	VAULT_ERR_DATA,		/* exit 65: invalid form, damaged vault */
	VAULT_ERR_MISSING,	/* exit 66: a named input is missing */
	VAULT_ERR_KEY,		/* exit 77: key does not match the vault */
};

/* A vault opened without a key: what its header and form say. */
struct vault {
	char		*dir;
	int		 version;		/* of the header */
	struct form	*form;
	unsigned char	 fingerprint[FORM_FINGERPRINT_BYTES];
	unsigned char	 pk[VAULT_KEY_BYTES];	/* the analyst's, as the
						   header names it */
	unsigned long long draft_ops;		/* Argon2id of drafts */
	size_t		 draft_mem;
	unsigned char	 draft_salt[VAULT_DRAFT_SALT_BYTES];
	int		 invitations;		/* enum vault_invite_mode */
};

/* Write data to dir/name durably: a temporary file in dir, fsync, rename
 * (over an existing name only if replace), fsync of dir. Returns 0, or -1
 * with *cause (caller frees); nothing is left behind on failure. */
int		 vault_write_file(const char *dir, const char *name,
		     const void *, size_t, int replace, char **cause);
/* fsync a directory. Returns 0, or -1 with *cause (caller frees). */
int		 vault_fsync_dir(const char *dir, char **cause);
/* Append a file's bytes (at most max) to out. Returns 0, or -1 with
 * *errnum (errno; EFBIG if over max) and *cause (caller frees). */
int		 vault_read_file(const char *path, size_t max, struct buf *out,
		     int *errnum, char **cause);

/* Create a vault in dir (missing or empty) from a form file (which must
 * pass form_parse_file) and a public key file. Builds beside dir and
 * renames, so a failure leaves nothing. Returns 0, or -1 with *err and
 * *cause (caller frees; for a bad form, the reader's FILE:LINE lines). */
int		 vault_init(const char *dir, const char *form_path,
		     const char *pub_path, int *err, char **cause);
/* vault_init with the Argon2id limits of drafts given (tests). */
int		 vault_init_limits(const char *dir, const char *form_path,
		     const char *pub_path, unsigned long long ops, size_t mem,
		     int *err, char **cause);
/* Open a vault's header, form and public key; the form must match the
 * header's fingerprint. Returns the vault (free with vault_free), or
 * NULL with *err and *cause (caller frees). */
struct vault	*vault_open(const char *dir, int *err, char **cause);
void		 vault_free(struct vault *);
/* 0 if files can be made in each of the vault's directories (responses,
 * drafts, sessions), else -1 with *cause (caller frees) naming the first
 * that cannot: collecting checks this before a participant starts. */
int		 vault_writable(const struct vault *, char **cause);

/* 0 if the Argon2id limits of drafts are within libsodium's minimum and
 * VAULT_DRAFT_*_MAX, else -1. */
int		 vault_draft_limits_valid(unsigned long long ops, size_t mem);
/* The start of the local day of now, for file times that tell the day
 * only. */
void		 vault_day_start(time_t now, struct timespec *);

/* Write the vault's header again (consult invite: the invitations line),
 * keeping its mode. Returns 0, or -1 with *cause (caller frees). */
int		 vault_header_write(const struct vault *, char **cause);

/* ---- secure.c: may a vault be collected into? ------------------------- */

/* 0 if no user but root and the effective user can change the vault's
 * header, form, analyst key or folders, nor any folder above it (a
 * sticky one excepted), else -1 with *cause (caller frees) naming the
 * first file at fault. */
int		 vault_secure(const struct vault *, char **cause);
/* Everything `run` checks before a participant starts: a current
 * header (VAULT_ERR_DATA), vault_secure (VAULT_ERR_OTHER), then
 * vault_writable (VAULT_ERR_IO). Returns 0, or -1 with *err and *cause
 * (caller frees). */
int		 vault_collect_check(const struct vault *, int *err,
		     char **cause);

/* Mark the vault as holding simulated responses. Returns 0, or -1 with
 * *cause (caller frees). */
int		 vault_mark_simulated(const struct vault *, char **cause);
/* 1 if the vault is marked as simulated. */
int		 vault_is_simulated(const struct vault *);
/* 1 if the vault holds responses and is not marked as simulated. */
int		 vault_has_real_responses(const struct vault *);

/* The file name of a record file of session starting at index first. */
void		 vault_record_name(const unsigned char
		     session[SEAL_SESSION_ID_BYTES], uint64_t first,
		     char name[VAULT_RECORD_NAME_LEN]);
/* Parse a record file name (session and first may be NULL). Returns 0,
 * or -1 when name is not exactly a record file's (temporary files). */
int		 vault_record_name_parse(const char *name,
		     unsigned char session[SEAL_SESSION_ID_BYTES],
		     uint64_t *first);

/* ---- record.c: the plaintext of a sealed record ----------------------- */

/* The proof of invitation in a closed vault's records (invite.c). */
#define VAULT_NULLIFIER_BYTES	32
#define VAULT_INVITE_ID_BYTES	16

/* Bytes before the encoded answers: day 10, kind 1, flags 1, prev 8. */
#define VAULT_RECORD_FIXED	20
/* Bytes of text answers that a record's size never shows (when the
 * other answers leave that much of the form's base size unused). */
#define VAULT_TEXT_ROOM		256

/* The base size of records is at most this (64 KiB); larger forms get
 * power-of-two buckets above it. */
#define VAULT_RECORD_BASE_MAX	(64U * 1024)
/* End records hold no answers and are padded from this size. */
#define VAULT_RECORD_END_BASE	64

enum vault_record_kind {
	VAULT_RECORD_RESPONSE = 0,
	VAULT_RECORD_END = 1,		/* a session's last: it ended cleanly */
};

/* What a record says besides the answers. */
struct vault_record_head {
	char		 day[VAULT_DAY_LEN];	/* "YYYY-MM-DD" */
	int		 kind;			/* enum vault_record_kind */
	int		 simulated;
	int		 has_prev;	/* 0: the session's first record */
	uint64_t	 prev;		/* index of the session's previous one */
	/* A closed vault's proof of invitation (flag 0x02) and, named,
	 * the invitation's id (flag 0x04); the answers follow them. */
	int		 has_proof;
	unsigned char	 nullifier[VAULT_NULLIFIER_BYTES];
	int		 has_id;
	unsigned char	 invite_id[VAULT_INVITE_ID_BYTES];
	size_t		 answers_at;	/* unpack: where the answers start */
};

/* The size every record of form f is padded to, at least: the fixed
 * fields, answers_encoded_max, VAULT_TEXT_ROOM, in 64-byte steps, but
 * no more than VAULT_RECORD_BASE_MAX. */
size_t		 vault_record_base(const struct form *f);
/* The base size of the records of vault v: vault_record_base, with room
 * for the proof of invitation in a closed vault. */
size_t		 vault_record_base_vault(const struct vault *v);
/* The padded size of n bytes of record plaintext: base, or base doubled
 * as often as needed to exceed n. */
size_t		 vault_record_padded(size_t base, size_t n);
/* Write head and the encoded answers (len bytes) to out (outsize bytes),
 * padded with sodium_pad to vault_record_padded(base, ...), and set
 * *outlen. Returns 0, or -1 with *cause (caller frees) when it does not
 * fit. */
int		 vault_record_pack(const struct vault_record_head *,
		     const void *enc, size_t len, size_t base,
		     unsigned char *out, size_t outsize, size_t *outlen,
		     char **cause);
/* Read an opened record's plaintext (len bytes) padded for base: fill
 * head and set *enclen to the length of the encoded answers, which start
 * at p + head->answers_at. Returns 0, or -1 with *cause (caller frees)
 * for bad padding (or padding to another size), a bad day, kind or
 * flags. */
int		 vault_record_unpack(const unsigned char *p, size_t len,
		     size_t base, struct vault_record_head *, size_t *enclen,
		     char **cause) __attribute__((warn_unused_result));

/* ---- submit.c: collecting (run, simulate) ----------------------------- */

/* One collecting process: a sealed session of its own in the vault. */
struct vault_writer;
struct vault_draft;

/* Open a vault for collecting: read its form (checking the fingerprint)
 * and public key, start a sealed session and store its header. Returns
 * the writer (free with vault_writer_free), or NULL with *err and *cause
 * (caller frees). */
struct vault_writer *vault_writer_open(const char *dir, int *err,
		     char **cause);
/* The vault (its form); borrowed while the writer lives. */
const struct vault *vault_writer_vault(const struct vault_writer *);
/* The session id in hex; borrowed while the writer lives. */
const char	*vault_writer_session(const struct vault_writer *);
/* Records per file, 1 (the default: each submission durable at once) to
 * VAULT_BATCH_MAX (simulate: one fsync per batch). */
void		 vault_writer_set_batch(struct vault_writer *, size_t);
/* Seal an encoded response (answers_encode) submitted on day
 * ("YYYY-MM-DD", NULL for today) and set receipt ("1a2b3c4d-17", the
 * session's prefix and the record's index). With a batch of 1 the
 * record is durable when this returns 0, and draft (if not NULL) is
 * then removed; in a batch, once the batch is full or flushed. With an
 * invitation (vault_writer_set_invitation) the submission consumes it
 * at once with the record (invite-use.c). Returns 0, or -1 with *cause
 * (caller frees), or -2 with *cause when the invitation was used or
 * withdrawn meanwhile (nothing is written). */
int		 vault_submit(struct vault_writer *, const void *, size_t,
		     const char *day, struct vault_draft *draft,
		     char receipt[VAULT_RECEIPT_LEN], char **cause);
struct vault_invitation;
/* Submissions from now on consume this invitation (borrowed; NULL for
 * none). Batches of 1 only. */
void		 vault_writer_set_invitation(struct vault_writer *,
		     struct vault_invitation *);
/* Write the records of an unfinished batch. Returns 0, or -1 with
 * *cause (caller frees); the batch is dropped either way. */
int		 vault_writer_flush(struct vault_writer *, char **cause);
/* Mark the records sealed from now on as simulated (consult simulate);
 * the mark is inside the sealed plaintext. */
void		 vault_writer_set_simulated(struct vault_writer *);
/* End the session cleanly: write an unfinished batch, then the session's
 * end record (sessions/S.end), which names its last stored record, so
 * that a reader can tell records removed from its end. No record can be
 * submitted after. Returns 0 (also when already closed), or -1 with
 * *cause (caller frees): the session then reads as cut short. */
int		 vault_writer_close(struct vault_writer *, char **cause);
/* Wipe the session's keys and free; records of an unflushed batch are
 * dropped. NULL does nothing. */
void		 vault_writer_free(struct vault_writer *);
/* 1 if day is "YYYY-MM-DD". */
int		 vault_day_valid(const char *day);
/* Today's local date as "YYYY-MM-DD". */
void		 vault_today(char day[VAULT_DAY_LEN]);

/* ---- draft.c: drafts and resume codes --------------------------------- */

#define VAULT_CODE_SYMBOLS	15
#define VAULT_CODE_LEN		18	/* "XXXXX-XXXXX-XXXXX" + NUL */
#define VAULT_PASS_SUGGEST_LEN	24	/* "XXXXX-XXXXX-XXXXX-XXXXX" + NUL */

/* The codes' alphabet: no 0/O, 1/I/L, nor U (30 symbols). */
extern const char vault_code_alphabet[];
/* A fresh resume code from libsodium's random bytes. */
void		 vault_code_make(char code[VAULT_CODE_LEN]);
/* A passphrase to suggest for a key file, in the resume codes'
 * alphabet: 20 symbols, 98 bits. */
void		 vault_passphrase_make(char out[VAULT_PASS_SUGGEST_LEN]);
/* Upper-case a code as typed, dropping spaces, tabs and dashes, into
 * out (want + 1 bytes). Returns 0, or -1 unless it is want symbols of
 * the codes' alphabet. */
int		 vault_symbols_normalise(const char *, char *out, size_t want);
/* vault_symbols_normalise for a resume code (VAULT_CODE_SYMBOLS). */
int		 vault_code_normalise(const char *, char *out);
/* Start a draft for a participant: make a code into code (to show) and
 * derive the draft's key (Argon2id, once). Nothing is written until the
 * first save. Returns the draft (free with vault_draft_free), or NULL
 * with *cause (caller frees). */
struct vault_draft *vault_draft_create(const struct vault *,
		     char code[VAULT_CODE_LEN], char **cause);
/* The draft of a 32-byte Argon2id output of a code (invite.c derives
 * it from an invitation code). Returns NULL with *cause on failure. */
struct vault_draft *vault_draft_from_master(const struct vault *,
		     const unsigned char master[32], char **cause);
/* Argon2id of a normalised code under the vault's draft salt and
 * limits into master. Returns 0, or -1 with *cause (caller frees). */
int		 vault_code_stretch(const struct vault *, const char *symbols,
		     unsigned char master[32], char **cause);
/* Open the draft file of d into out: 0, or -1 with *err (VAULT_ERR_MISSING
 * when there is none) and *cause (caller frees). */
int		 vault_draft_load(struct vault_draft *, struct buf *out,
		     int *err, char **cause) __attribute__((warn_unused_result));
/* Reopen the draft of a code, replacing out with the encoded answers
 * last saved. Returns the draft, or NULL with *err and *cause (caller
 * frees): VAULT_ERR_MISSING and "no draft for this code" for a wrong
 * code, VAULT_ERR_DATA for a damaged draft, VAULT_ERR_IO. */
struct vault_draft *vault_draft_resume(const struct vault *,
		     const char *code, struct buf *out, int *err,
		     char **cause) __attribute__((warn_unused_result));
/* Seal encoded answers into the draft, replacing the last save
 * atomically. Returns 0, or -1 with *cause (caller frees). */
int		 vault_draft_save(struct vault_draft *, const void *, size_t,
		     char **cause);
/* Remove the draft's file (if any). Returns 0, or -1 with *cause. */
int		 vault_draft_remove(struct vault_draft *, char **cause);
/* 1 if the draft's file is in the vault (it was saved and is still
 * there), else 0. */
int		 vault_draft_exists(const struct vault_draft *);
/* Wipe the key and free (the file stays); NULL does nothing. */
void		 vault_draft_free(struct vault_draft *);
/* 1 if name is a draft file's. */
int		 vault_draft_name_valid(const char *name);
/* Remove drafts (and temporary files of drafts) last saved days or more
 * before now; *removed counts drafts. Returns 0, or -1 with *cause. */
int		 vault_draft_purge(const struct vault *, unsigned int days,
		     time_t now, size_t *removed, char **cause);

/* ---- list.c: listing vaults without a key (status) -------------------- */

/* One record file: its identity and the vault (index) holding it. */
struct vault_entry {
	unsigned char	 session[SEAL_SESSION_ID_BYTES];
	uint64_t	 first;
	size_t		 vault;
};

/* List the record files of n vaults, sorted by session, first index and
 * vault. Returns 0 with *out (caller frees) and *nout, or -1 with *cause
 * (caller frees). */
int		 vault_list(struct vault *const *, size_t n,
		     struct vault_entry **out, size_t *nout, char **cause);

/* What `consult status` shows; read without a key. */
struct vault_stats {
	size_t		 responses;	/* records, by file headers */
	size_t		 files;		/* record files */
	size_t		 sessions;	/* collecting sessions started */
	size_t		 drafts;
	size_t		 temporary;	/* leftovers of interrupted writes */
	size_t		 unreadable;	/* record files without a header */
	char		 first_day[VAULT_DAY_LEN];	/* "" when none */
	char		 last_day[VAULT_DAY_LEN];
	int		 simulated;
};

/* Count n vaults: stats[i] for each, total for all of them, where
 * copies and merged vaults count each record file and session once.
 * Returns 0, or -1 with *cause (caller frees). */
int		 vault_stats(struct vault *const *, size_t n,
		     struct vault_stats *stats, struct vault_stats *total,
		     char **cause);

/* ---- walk.c: reading vaults with the analyst's key -------------------- */

/* A set of vaults (copies and merges of one consultation) to read. */
struct vault_set;

/* One opened response, handed to the walk's callback; everything is
 * borrowed for the duration of the call, and the plaintext is wiped
 * after it. */
struct vault_record {
	const char	*vault;		/* directory */
	const char	*file;		/* path of the file holding it */
	const char	*session;	/* session id, hex */
	uint64_t	 index;		/* its index in the session */
	char		 day[VAULT_DAY_LEN];	/* day submitted */
	const unsigned char *plain;	/* the encoded answers */
	size_t		 len;
	struct answers	*answers;	/* decoded, if asked; else NULL */
	int		 complete;
	int		 simulated;	/* written by consult simulate */
	/* Named invitations: the invitation's id (vault_invite_id of its
	 * code), else NULL. */
	const unsigned char *invite_id;
};

struct vault_walk_cb {
	/* Called for each response; a non-zero return stops the walk and
	 * is returned by vault_set_walk. */
	int		 (*record)(const struct vault_record *, void *arg);
	/* Called for each record or file that does not open; may be NULL. */
	void		 (*bad)(const char *file, const char *why, void *arg);
	void		*arg;
	int		 decode;	/* decode answers against the form */
};

struct vault_walk_stats {
	size_t		 opened;
	size_t		 bad;		/* calls of bad */
	size_t		 duplicates;	/* copies skipped unopened */
	size_t		 simulated;	/* of opened, the simulated ones */
	size_t		 unfinished;	/* sessions without an end record */
	size_t		 uninvited;	/* of bad: closed vault, no valid
					   proof of invitation */
	size_t		 reused;	/* of bad: a second response for
					   one invitation */
};

/* Open n vaults, which must hold one form, for reading with key, which
 * must be the key each vault was made for (else *err is VAULT_ERR_KEY),
 * before anything is read. Returns the set (free with vault_set_free),
 * or NULL with *err and *cause (caller frees). */
struct vault_set *vault_set_open(char *const *dirs, size_t n,
		     const struct vault_key *, int *err, char **cause)
		     __attribute__((warn_unused_result));
/* The form of the set; borrowed while the set lives. */
const struct form *vault_set_form(const struct vault_set *);
/* Call cb for every response of the set once, by session id then index;
 * records that fail to open go to cb->bad and are skipped. Memory holds
 * the list of record files and one record per vault. Returns 0, the
 * callback's non-zero value, or -1 with *cause (caller frees) when a
 * vault cannot be listed. */
int		 vault_set_walk(struct vault_set *, const struct vault_walk_cb *,
		     struct vault_walk_stats *, char **cause);
void		 vault_set_free(struct vault_set *);

/* ---- invite.c, invite-use.c: invitations (closed vaults) ------------- *
 * See vault/README ("Invitations"). */

enum vault_invite_mode {
	VAULT_OPEN = 0,			/* no invitations: anyone answers */
	VAULT_NAMED = 1,		/* records carry the invitation's id */
	VAULT_ANONYMOUS = 2,		/* nothing links them */
};

#define VAULT_INVITE_SYMBOLS	16	/* 16 log2(30) = 78.5 bits */
#define VAULT_INVITE_LEN	20	/* "XXXX-XXXX-XXXX-XXXX" + NUL */

enum vault_invite_state {
	VAULT_INVITE_UNKNOWN,		/* no invitation of this vault */
	VAULT_INVITE_UNUSED,
	VAULT_INVITE_USED,
	VAULT_INVITE_WITHDRAWN,
};

/* An invitation code checked against a vault: its keys, in locked
 * memory. */
struct vault_invitation;

/* "named", "anonymous" or "open". */
const char	*vault_invite_mode_name(int mode);
/* A fresh invitation code from libsodium's random bytes. */
void		 vault_invite_code_make(char code[VAULT_INVITE_LEN]);
/* Upper-case a code as typed, dropping spaces and dashes, into out
 * (VAULT_INVITE_SYMBOLS + 1 bytes). Returns 0, or -1 when it cannot be
 * an invitation code. */
int		 vault_invite_normalise(const char *, char *out);
/* Write a normalised code in groups of four into out. */
void		 vault_invite_format(const char *symbols,
		     char out[VAULT_INVITE_LEN]);
/* The id a named record carries for an invitation code (as typed):
 * keyed BLAKE2b of the normalised code. Returns 0, or -1 for a string
 * that is no code. */
int		 vault_invite_id(const char *code,
		     unsigned char id[VAULT_INVITE_ID_BYTES]);

/* Make n invitations in v (made closed, in mode, if it is open; a
 * closed vault keeps its mode and mode must match it or be VAULT_OPEN),
 * calling put(code, i, arg) for each (the only time a code exists);
 * a non-zero return stops. Returns 0, or -1 with *err and *cause. */
int		 vault_invite_make(struct vault *v, int mode, size_t n,
		     int (*put)(const char *code, size_t i, void *arg),
		     void *arg, int *err, char **cause);
/* Check a code against v (one Argon2id): *state says what it is.
 * Returns the invitation (free with vault_invitation_free) when its
 * state is UNUSED (or USED/WITHDRAWN: for status), NULL for UNKNOWN
 * or on failure (*err set, *cause). A submission cut short by a crash
 * is settled first (the invitation is used if its response is stored,
 * else unused again), when the vault can be written. */
struct vault_invitation *vault_invitation_check(const struct vault *v,
		     const char *code, enum vault_invite_state *state,
		     int *err, char **cause);
/* The invitation's draft (same code): made once, borrowed until
 * vault_invitation_free unless taken with vault_invitation_take_draft. */
struct vault_draft *vault_invitation_take_draft(struct vault_invitation *,
		     char **cause);
/* The state of the invitation now (it may have changed). */
enum vault_invite_state vault_invitation_state(struct vault_invitation *);
/* Withdraw an unused invitation. Returns 0, or -1 with *cause (caller
 * frees); -2 when it is not unused. */
int		 vault_invitation_withdraw(struct vault_invitation *,
		     char **cause);
void		 vault_invitation_free(struct vault_invitation *);
/* Counts of v's invitations by state, without a key or code. Returns
 * 0, or -1 with *cause. */
int		 vault_invite_count(const struct vault *v, size_t *unused,
		     size_t *used, size_t *withdrawn, size_t *pending,
		     char **cause);

/* invite-use.c: the submission's side (submit.c calls these). */
/* Lock the invitation and read its nullifier: 0, -1 (*cause), or -2
 * when it is used or withdrawn. */
int		 vault_invitation_claim(struct vault_invitation *,
		     unsigned char nullifier[VAULT_NULLIFIER_BYTES],
		     char **cause);
/* The named id of the invitation, or NULL in an anonymous vault. */
const unsigned char *vault_invitation_named_id(
		     const struct vault_invitation *);
/* Note durably which record file will hold the response. */
int		 vault_invitation_pending(struct vault_invitation *,
		     const unsigned char session[SEAL_SESSION_ID_BYTES],
		     uint64_t first, char **cause);
/* The response is durable: mark the invitation used and unlock. */
int		 vault_invitation_consume(struct vault_invitation *,
		     char **cause);
/* The response was not written: unused again, unlocked. */
void		 vault_invitation_release(struct vault_invitation *);

/* Tests of crashes: kill the process with SIGKILL here when the
 * environment's CONSULT_CRASH_POINT names this point ("claimed",
 * "noted", "written", "wiped": the steps of a submission that consumes
 * an invitation). Costs a getenv. */
void		 vault_crash_point(const char *where);
/* The commitments of the invitations of a vault (read for walks). */
int		 vault_invite_commitments(const struct vault *v,
		     struct buf *out, char **cause);
/* The commitment of a nullifier (BLAKE2b-256, keyed). */
void		 vault_invite_commit(const unsigned char
		     nullifier[VAULT_NULLIFIER_BYTES], unsigned char out[32]);

#endif
