/* store.c: the vault directory: layout, durable atomic writes, init, and
 * the collecting side (sessions, submissions). See vault/README. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/lib.h"

static const char *vault_subdirs[] = { "sessions", "responses", "drafts" };

int
vault_fsync_dir(const char *dir, char **cause)
{
	int	 fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    fsync(fd) != 0) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int
vault_write_all(int fd, const unsigned char *p, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

void
vault_day_start(time_t now, struct timespec *ts)
{
	struct tm	 tm;

	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	ts->tv_sec = mktime(&tm);
	ts->tv_nsec = 0;
}

/* Set the access and modification times of fd (or of dir when fd is -1)
 * to the start of today: a copy of the vault tells the day of a write,
 * as status does, not its second. Best effort for a directory that
 * belongs to someone else (the set-up in the README). */
static int
vault_blur_time(int fd, const char *dir)
{
	struct timespec	 ts[2];

	vault_day_start(time(NULL), &ts[0]);
	ts[1] = ts[0];
	if (fd != -1)
		return futimens(fd, ts);
	(void)utimensat(AT_FDCWD, dir, ts, 0);
	return 0;
}

/* Move tmp to path; with replace 0, never over an existing file. */
static int
vault_rename(const char *tmp, const char *path, int replace)
{
	if (replace)
		return rename(tmp, path);
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* A file system without RENAME_NOREPLACE: names are unique. */
	if (access(path, F_OK) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(tmp, path);
}

int
vault_write_file(const char *dir, const char *name, const void *data,
    size_t len, int replace, char **cause)
{
	char	*tmp, *path;
	int	 fd, rc = -1, made = 0;

	xasprintf(&tmp, "%s/.tmp-%s-XXXXXX", dir, name);
	xasprintf(&path, "%s/%s", dir, name);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		goto out;
	}
	made = 1;
	/* Errors name the file being written, not its temporary name. */
	if (vault_write_all(fd, data, len) != 0 ||
	    vault_blur_time(fd, NULL) != 0 || fsync(fd) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		xasprintf(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (vault_rename(tmp, path, replace) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	made = 0;
	vault_blur_time(-1, dir);
	rc = vault_fsync_dir(dir, cause);
out:
	if (fd != -1)
		close(fd);
	if (made)
		unlink(tmp);
	free(tmp);
	free(path);
	return rc;
}

int
vault_read_file(const char *path, size_t max, struct buf *out,
    int *errnum, char **cause)
{
	unsigned char	 block[8192];
	ssize_t		 n;
	int		 fd;

	*errnum = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*errnum = errno;
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = read(fd, block, sizeof block)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || out->len + (size_t)n > max) {
			*errnum = n == -1 ? errno : EFBIG;
			xasprintf(cause, "%s: %s", path, n == -1 ?
			    strerror(errno) : "file too large");
			close(fd);
			return -1;
		}
		buf_add(out, block, (size_t)n);
	}
	close(fd);
	return 0;
}

/* ---- the header ------------------------------------------------------ */

/* The header's text up to its check line. */
static void
vault_header_body(const struct vault *v, struct buf *out)
{
	char	 fp[FORM_FINGERPRINT_BYTES * 2 + 1];
	char	 pk[VAULT_KEY_BYTES * 2 + 1];
	char	 salt[VAULT_DRAFT_SALT_BYTES * 2 + 1];

	sodium_bin2hex(fp, sizeof fp, v->fingerprint, sizeof v->fingerprint);
	sodium_bin2hex(pk, sizeof pk, v->pk, sizeof v->pk);
	sodium_bin2hex(salt, sizeof salt, v->draft_salt,
	    sizeof v->draft_salt);
	buf_printf(out, "consult-vault %d\nform %s\nanalyst %s\n"
	    "drafts argon2id %llu %zu %s\n", VAULT_FORMAT_VERSION, fp, pk,
	    v->draft_ops, v->draft_mem, salt);
	if (v->invitations != VAULT_OPEN)
		buf_printf(out, "invitations %s\n",
		    vault_invite_mode_name(v->invitations));
}

/* The check line's digest: BLAKE2b of the body under a fixed context. */
static void
vault_header_digest(const void *body, size_t len,
    unsigned char out[VAULT_HEADER_CHECK_BYTES])
{
	static const unsigned char	 ctx[] = "consult-vault header";

	crypto_generichash(out, VAULT_HEADER_CHECK_BYTES, body, len, ctx,
	    sizeof ctx - 1);
}

static void
vault_header_format(const struct vault *v, struct buf *out)
{
	unsigned char	 d[VAULT_HEADER_CHECK_BYTES];
	char		 hex[VAULT_HEADER_CHECK_BYTES * 2 + 1];
	size_t		 start = out->len;

	vault_header_body(v, out);
	vault_header_digest(out->data + start, out->len - start, d);
	sodium_bin2hex(hex, sizeof hex, d, sizeof d);
	buf_printf(out, "check %s\n", hex);
}

static int
vault_hex(const char *hex, unsigned char *bin, size_t len)
{
	size_t	 got;

	if (strlen(hex) != len * 2 || strspn(hex, "0123456789abcdef") !=
	    len * 2)
		return -1;
	if (sodium_hex2bin(bin, len, hex, len * 2, NULL, &got, NULL) != 0 ||
	    got != len)
		return -1;
	return 0;
}

int
vault_draft_limits_valid(unsigned long long ops, size_t mem)
{
	if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > VAULT_DRAFT_OPS_MAX ||
	    mem < crypto_pwhash_MEMLIMIT_MIN || mem > VAULT_DRAFT_MEM_MAX)
		return -1;
	return 0;
}

/* Version 1 (consult before the header was checked): no analyst key,
 * no check line, unbounded draft limits. Readable (status, export), not
 * for collecting: vault_writer_open and `run` refuse it. */
static int
vault_header_parse_v1(struct vault *v, const char *text)
{
	char		 fp[FORM_FINGERPRINT_BYTES * 2 + 2];
	char		 salt[VAULT_DRAFT_SALT_BYTES * 2 + 2];
	int		 end = 0;

	if (sscanf(text, "consult-vault 1\nform %65s\n"
	    "drafts argon2id %llu %zu %33s\n%n", fp, &v->draft_ops,
	    &v->draft_mem, salt, &end) != 4 || end == 0 ||
	    text[end] != '\0')
		return -1;
	if (vault_hex(fp, v->fingerprint, sizeof v->fingerprint) != 0 ||
	    vault_hex(salt, v->draft_salt, sizeof v->draft_salt) != 0)
		return -1;
	v->version = 1;
	return 0;
}

/* Parse a header of len bytes. Version 2 must pass its check line and
 * hold draft limits that vault_draft_limits_valid accepts. */
static int
vault_header_parse(struct vault *v, const char *text, size_t len)
{
	char		 fp[FORM_FINGERPRINT_BYTES * 2 + 2];
	char		 pk[VAULT_KEY_BYTES * 2 + 2];
	char		 salt[VAULT_DRAFT_SALT_BYTES * 2 + 2];
	char		 check[VAULT_HEADER_CHECK_BYTES * 2 + 2];
	unsigned char	 want[VAULT_HEADER_CHECK_BYTES];
	unsigned char	 got[VAULT_HEADER_CHECK_BYTES];
	int		 body = 0, end = 0;

	if (strlen(text) != len)
		return -1;
	if (strncmp(text, "consult-vault 1\n", 16) == 0)
		return vault_header_parse_v1(v, text);
	if (sscanf(text, "consult-vault 2\nform %65s\nanalyst %65s\n"
	    "drafts argon2id %llu %zu %33s\n%n", fp, pk, &v->draft_ops,
	    &v->draft_mem, salt, &body) != 5 || body == 0)
		return -1;
	/* A closed vault (consult invite) says how, before the check. */
	if (strncmp(text + body, "invitations named\n", 18) == 0) {
		v->invitations = VAULT_NAMED;
		body += 18;
	} else if (strncmp(text + body, "invitations anonymous\n", 22) == 0) {
		v->invitations = VAULT_ANONYMOUS;
		body += 22;
	}
	if (sscanf(text + body, "check %33s\n%n", check, &end) != 1 ||
	    end == 0 || text[body + end] != '\0')
		return -1;
	if (vault_hex(fp, v->fingerprint, sizeof v->fingerprint) != 0 ||
	    vault_hex(pk, v->pk, sizeof v->pk) != 0 ||
	    vault_hex(salt, v->draft_salt, sizeof v->draft_salt) != 0 ||
	    vault_hex(check, want, sizeof want) != 0)
		return -1;
	vault_header_digest(text, (size_t)body, got);
	if (sodium_memcmp(got, want, sizeof got) != 0 ||
	    vault_draft_limits_valid(v->draft_ops, v->draft_mem) != 0)
		return -1;
	v->version = 2;
	return 0;
}

int
vault_header_write(const struct vault *v, char **cause)
{
	struct stat	 sb;
	struct buf	 b;
	char		*path;
	int		 rc;

	xasprintf(&path, "%s/%s", v->dir, VAULT_HEADER_FILE);
	if (stat(path, &sb) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	buf_init(&b);
	vault_header_format(v, &b);
	rc = vault_write_file(v->dir, VAULT_HEADER_FILE, b.data, b.len, 1,
	    cause);
	if (rc == 0 && chmod(path, sb.st_mode & 07777) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	buf_clear(&b);
	free(path);
	return rc;
}

/* ---- init ------------------------------------------------------------ */

/* Write one of the files that collecting only reads: readable by those
 * who may list the directory (dirmode), writable by its owner only. */
static int
vault_init_put(const char *tmp, const char *name, const void *data,
    size_t len, mode_t dirmode, char **cause)
{
	char	*path;
	int	 rc;

	if (vault_write_file(tmp, name, data, len, 0, cause) != 0)
		return -1;
	xasprintf(&path, "%s/%s", tmp, name);
	if ((rc = chmod(path, (dirmode & 0444) | 0600)) != 0)
		xasprintf(cause, "%s: %s", path, strerror(errno));
	free(path);
	return rc;
}

/* Fill a new directory tmp with the vault's files. */
static int
vault_init_fill(const char *tmp, struct vault *v, mode_t mode,
    char **cause)
{
	struct buf	 b;
	char		*path;
	size_t		 i;
	int		 rc = -1;

	buf_init(&b);
	for (i = 0; i < sizeof vault_subdirs / sizeof *vault_subdirs; i++) {
		xasprintf(&path, "%s/%s", tmp, vault_subdirs[i]);
		/* chmod too: the umask could take the owner's rights. */
		if (mkdir(path, mode) != 0 || chmod(path, mode) != 0) {
			xasprintf(cause, "%s: %s", path, strerror(errno));
			free(path);
			goto out;
		}
		vault_blur_time(-1, path);
		free(path);
	}
	/* Named for what it is: messages say form.xlsx:survey:12. */
	if (vault_init_put(tmp, v->form->nsheets != 0 ? VAULT_FORM_XLSX :
	    VAULT_FORM_FILE, v->form->bytes, v->form->nbytes, mode,
	    cause) != 0)
		goto out;
	for (i = 0; i < v->form->nfiles; i++) {
		/* the lists it reads, beside it as beside the original */
		if (vault_init_put(tmp, v->form->files[i].name,
		    v->form->files[i].bytes, v->form->files[i].nbytes, mode,
		    cause) != 0)
			goto out;
	}
	vault_pubkey_format(v->pk, &b);
	if (vault_init_put(tmp, VAULT_PUB_FILE, b.data, b.len, mode,
	    cause) != 0)
		goto out;
	b.len = 0;
	vault_header_format(v, &b);
	if (vault_init_put(tmp, VAULT_HEADER_FILE, b.data, b.len, mode,
	    cause) != 0)
		goto out;
	rc = 0;
out:
	buf_clear(&b);
	return rc;
}

/* Remove a directory made by vault_init_fill, whatever it holds. */
static void
vault_init_remove(const char *tmp)
{
	DIR		*d;
	struct dirent	*de;
	char		*path;
	size_t		 i;

	for (i = 0; i < sizeof vault_subdirs / sizeof *vault_subdirs; i++) {
		xasprintf(&path, "%s/%s", tmp, vault_subdirs[i]);
		rmdir(path);
		free(path);
	}
	if ((d = opendir(tmp)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
			    strcmp(de->d_name, "..") == 0))
				continue;
			xasprintf(&path, "%s/%s", tmp, de->d_name);
			unlink(path);
			free(path);
		}
		closedir(d);
	}
	rmdir(tmp);
}

/* Check that dir is missing or an empty directory; *mode gets its mode
 * (0700 when missing). */
static int
vault_init_target(const char *dir, mode_t *mode, int *err, char **cause)
{
	struct stat	 sb;
	DIR		*d;
	struct dirent	*de;
	int		 empty = 1;

	*mode = 0700;
	if (stat(dir, &sb) != 0) {
		if (errno == ENOENT)
			return 0;
		*err = VAULT_ERR_IO;
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		*err = VAULT_ERR_OTHER;
		xasprintf(cause, "%s: exists and is not a directory", dir);
		return -1;
	}
	/* Never group- or world-writable, whatever the directory was. */
	*mode = sb.st_mode & 0755;
	if ((d = opendir(dir)) == NULL) {
		*err = VAULT_ERR_IO;
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while (empty && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			empty = 0;
	}
	closedir(d);
	if (!empty) {
		*err = VAULT_ERR_OTHER;
		xasprintf(cause, "%s: directory is not empty", dir);
		return -1;
	}
	return 0;
}

/* Read the form and the public key named by init into v. */
static int
vault_init_inputs(struct vault *v, const char *form_path,
    const char *pub_path, int *err, char **cause)
{
	int	 errnum;

	if ((v->form = form_parse_file(form_path, &errnum, cause)) == NULL) {
		*err = errnum == ENOENT ? VAULT_ERR_MISSING : errnum != 0 ?
		    VAULT_ERR_IO : VAULT_ERR_DATA;
		return -1;
	}
	if (vault_pubkey_load(pub_path, v->pk, &errnum, cause) != 0) {
		*err = errnum == ENOENT ? VAULT_ERR_MISSING : errnum != 0 ?
		    VAULT_ERR_IO : VAULT_ERR_DATA;
		return -1;
	}
	memcpy(v->fingerprint, v->form->fingerprint, sizeof v->fingerprint);
	randombytes_buf(v->draft_salt, sizeof v->draft_salt);
	return 0;
}

int
vault_init_limits(const char *path, const char *form_path,
    const char *pub_path, unsigned long long ops, size_t mem, int *err,
    char **cause)
{
	struct vault	 v;
	char		*tmp = NULL, *slash, *parent = NULL, *dir;
	size_t		 len;
	mode_t		 mode;
	int		 rc = -1;

	*err = VAULT_ERR_OTHER;
	memset(&v, 0, sizeof v);
	dir = xstrdup(path);
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	v.draft_ops = ops;
	v.draft_mem = mem;
	if (vault_draft_limits_valid(ops, mem) != 0) {
		xasprintf(cause, "draft key limits out of bounds");
		goto out;
	}
	if (vault_init_inputs(&v, form_path, pub_path, err, cause) != 0 ||
	    vault_init_target(dir, &mode, err, cause) != 0)
		goto out;
	/* Build beside the target, then rename: never half a vault. */
	xasprintf(&tmp, "%s.tmp-XXXXXX", dir);
	if (mkdtemp(tmp) == NULL) {
		*err = VAULT_ERR_IO;
		xasprintf(cause, "cannot create a directory beside %s: %s",
		    dir, strerror(errno));
		goto out;
	}
	if (chmod(tmp, mode) != 0) {
		*err = VAULT_ERR_IO;
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		vault_init_remove(tmp);
		goto out;
	}
	if (vault_init_fill(tmp, &v, mode, cause) != 0) {
		*err = VAULT_ERR_IO;
		vault_init_remove(tmp);
		goto out;
	}
	if (rename(tmp, dir) != 0) {
		/* Someone wrote into the target since it was checked. */
		*err = errno == ENOTEMPTY || errno == EEXIST ?
		    VAULT_ERR_OTHER : VAULT_ERR_IO;
		xasprintf(cause, "%s: %s", dir, errno == ENOTEMPTY ||
		    errno == EEXIST ? "directory is not empty" :
		    strerror(errno));
		vault_init_remove(tmp);
		goto out;
	}
	parent = xstrdup(dir);
	slash = strrchr(parent, '/');
	if (slash == parent)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	rc = vault_fsync_dir(slash != NULL ? parent : ".", cause);
	if (rc != 0)
		*err = VAULT_ERR_IO;
out:
	form_free(v.form);
	free(parent);
	free(tmp);
	free(dir);
	return rc;
}

int
vault_init(const char *dir, const char *form_path, const char *pub_path,
    int *err, char **cause)
{
	return vault_init_limits(dir, form_path, pub_path, VAULT_DRAFT_OPS,
	    VAULT_DRAFT_MEM, err, cause);
}

/* ---- opening --------------------------------------------------------- */

/* Read and parse dir's header file into v. */
static int
vault_open_header(struct vault *v, int *err, char **cause)
{
	struct buf	 b;
	char		*path;
	int		 errnum, rc = -1;

	buf_init(&b);
	xasprintf(&path, "%s/%s", v->dir, VAULT_HEADER_FILE);
	if (vault_read_file(path, 4096, &b, &errnum, cause) != 0) {
		free(*cause);
		*cause = NULL;
		if (errnum == ENOENT && access(v->dir, F_OK) != 0) {
			*err = VAULT_ERR_MISSING;
			xasprintf(cause, "%s: %s", v->dir, strerror(errno));
		} else if (errnum == ENOENT || errnum == ENOTDIR) {
			*err = VAULT_ERR_MISSING;
			xasprintf(cause, "%s: not a vault (no %s)", v->dir,
			    VAULT_HEADER_FILE);
		} else {
			*err = VAULT_ERR_IO;
			xasprintf(cause, "%s: %s", path, strerror(errnum));
		}
		goto out;
	}
	if (vault_header_parse(v, buf_str(&b), b.len) != 0) {
		*err = VAULT_ERR_DATA;
		xasprintf(cause, "%s: damaged, or not a vault header of "
		    "version 1 or %d", path, VAULT_FORMAT_VERSION);
		goto out;
	}
	rc = 0;
out:
	buf_clear(&b);
	free(path);
	return rc;
}

const char *
vault_form_name(const char *dir)
{
	struct stat	 sb;
	char		*path;
	int		 xlsx;

	xasprintf(&path, "%s/%s", dir, VAULT_FORM_XLSX);
	xlsx = lstat(path, &sb) == 0;
	free(path);
	return xlsx ? VAULT_FORM_XLSX : VAULT_FORM_FILE;
}

/* Read the vault's form and public key; check the fingerprint. */
static int
vault_open_form(struct vault *v, int *err, char **cause)
{
	struct buf	 b;
	unsigned char	 pk[VAULT_KEY_BYTES];
	char		*path, want[VAULT_KEY_ID_LEN], got[VAULT_KEY_ID_LEN];
	int		 errnum, rc = -1;

	buf_init(&b);
	xasprintf(&path, "%s/%s", v->dir, vault_form_name(v->dir));
	if (vault_read_file(path, 64U << 20, &b, &errnum, cause) != 0) {
		*err = errnum == ENOENT ? VAULT_ERR_DATA : VAULT_ERR_IO;
		goto out;
	}
	if ((v->form = form_parse_buffer(path, b.data, b.len,
	    cause)) == NULL) {
		*err = VAULT_ERR_DATA;
		goto out;
	}
	if (memcmp(v->form->fingerprint, v->fingerprint,
	    sizeof v->fingerprint) != 0) {
		*err = VAULT_ERR_DATA;
		xasprintf(cause, "%s: not the form this vault was made for%s",
		    path, v->form->nfiles != 0 ? " (or a list file beside it "
		    "changed)" : "");
		goto out;
	}
	free(path);
	xasprintf(&path, "%s/%s", v->dir, VAULT_PUB_FILE);
	if (vault_pubkey_load(path, pk, &errnum, cause) != 0) {
		*err = errnum != 0 && errnum != ENOENT ? VAULT_ERR_IO :
		    VAULT_ERR_DATA;
		goto out;
	}
	if (v->version == 1)
		memcpy(v->pk, pk, sizeof v->pk);
	else if (sodium_memcmp(pk, v->pk, sizeof pk) != 0) {
		/* Someone put another key in the vault's name. */
		vault_key_id(v->pk, want);
		vault_key_id(pk, got);
		*err = VAULT_ERR_DATA;
		xasprintf(cause, "%s: not the analyst key this vault was made "
		    "for (key id %s, not %s)", path, got, want);
		goto out;
	}
	rc = 0;
out:
	buf_clear(&b);
	free(path);
	return rc;
}

struct vault *
vault_open(const char *dir, int *err, char **cause)
{
	struct vault	*v;

	*err = VAULT_ERR_OTHER;
	v = xcalloc(1, sizeof *v);
	v->dir = xstrdup(dir);
	if (vault_open_header(v, err, cause) != 0 ||
	    vault_open_form(v, err, cause) != 0) {
		vault_free(v);
		return NULL;
	}
	return v;
}

void
vault_free(struct vault *v)
{
	if (v == NULL)
		return;
	form_free(v->form);
	free(v->dir);
	free(v);
}

int
vault_writable(const struct vault *v, char **cause)
{
	char	*path;
	size_t	 i;

	/* access() also says no to root on a read-only mount (EROFS) or
	 * an immutable directory (EPERM). */
	for (i = 0; i < sizeof vault_subdirs / sizeof *vault_subdirs; i++) {
		xasprintf(&path, "%s/%s", v->dir, vault_subdirs[i]);
		if (access(path, W_OK | X_OK) != 0) {
			xasprintf(cause, "%s: cannot write there: %s", path,
			    strerror(errno));
			free(path);
			return -1;
		}
		free(path);
	}
	if (v->invitations != VAULT_OPEN) {
		xasprintf(&path, "%s/invitations", v->dir);
		if (access(path, W_OK | X_OK) != 0) {
			xasprintf(cause, "%s: cannot write there: %s", path,
			    strerror(errno));
			free(path);
			return -1;
		}
		free(path);
	}
	return 0;
}

/* ---- simulated responses --------------------------------------------- */

int
vault_mark_simulated(const struct vault *v, char **cause)
{
	static const char	 text[] = "responses written by consult "
	    "simulate: not a real consultation\n";

	if (vault_is_simulated(v))
		return 0;
	return vault_write_file(v->dir, VAULT_SIMULATED_FILE, text,
	    sizeof text - 1, 0, cause);
}

int
vault_is_simulated(const struct vault *v)
{
	char	*path;
	int	 found;

	xasprintf(&path, "%s/%s", v->dir, VAULT_SIMULATED_FILE);
	found = access(path, F_OK) == 0;
	free(path);
	return found;
}

int
vault_has_real_responses(const struct vault *v)
{
	DIR		*d;
	struct dirent	*de;
	char		*path;
	int		 found = 0;

	if (vault_is_simulated(v))
		return 0;
	xasprintf(&path, "%s/responses", v->dir);
	if ((d = opendir(path)) != NULL) {
		while (!found && (de = readdir(d)) != NULL)
			found = vault_record_name_parse(de->d_name, NULL,
			    NULL) == 0;
		closedir(d);
	}
	free(path);
	return found;
}
