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
	if (vault_write_all(fd, data, len) != 0 || fsync(fd) != 0) {
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

static void
vault_header_format(const struct vault *v, struct buf *out)
{
	char	 fp[FORM_FINGERPRINT_BYTES * 2 + 1];
	char	 salt[VAULT_DRAFT_SALT_BYTES * 2 + 1];

	sodium_bin2hex(fp, sizeof fp, v->fingerprint, sizeof v->fingerprint);
	sodium_bin2hex(salt, sizeof salt, v->draft_salt,
	    sizeof v->draft_salt);
	buf_printf(out, "consult-vault %d\nform %s\n"
	    "drafts argon2id %llu %zu %s\n", VAULT_FORMAT_VERSION, fp,
	    v->draft_ops, v->draft_mem, salt);
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

static int
vault_header_parse(struct vault *v, const char *text)
{
	char		 fp[FORM_FINGERPRINT_BYTES * 2 + 2];
	char		 salt[VAULT_DRAFT_SALT_BYTES * 2 + 2];
	int		 version, end = 0;

	if (sscanf(text, "consult-vault %d\n", &version) != 1 ||
	    version != VAULT_FORMAT_VERSION)
		return -1;
	if (sscanf(text, "consult-vault %*d\nform %65s\n"
	    "drafts argon2id %llu %zu %33s\n%n", fp, &v->draft_ops,
	    &v->draft_mem, salt, &end) != 4 || end == 0 ||
	    text[end] != '\0')
		return -1;
	if (vault_hex(fp, v->fingerprint, sizeof v->fingerprint) != 0 ||
	    vault_hex(salt, v->draft_salt, sizeof v->draft_salt) != 0)
		return -1;
	if (v->draft_ops < crypto_pwhash_OPSLIMIT_MIN ||
	    v->draft_mem < crypto_pwhash_MEMLIMIT_MIN)
		return -1;
	return 0;
}

/* ---- init ------------------------------------------------------------ */

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
		if (mkdir(path, mode) != 0) {
			xasprintf(cause, "%s: %s", path, strerror(errno));
			free(path);
			goto out;
		}
		free(path);
	}
	if (vault_write_file(tmp, VAULT_FORM_FILE, v->form->bytes,
	    v->form->nbytes, 0, cause) != 0)
		goto out;
	vault_pubkey_format(v->pk, &b);
	if (vault_write_file(tmp, VAULT_PUB_FILE, b.data, b.len, 0,
	    cause) != 0)
		goto out;
	b.len = 0;
	vault_header_format(v, &b);
	if (vault_write_file(tmp, VAULT_HEADER_FILE, b.data, b.len, 0,
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
	*mode = sb.st_mode & 07777;
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
	return vault_init_limits(dir, form_path, pub_path,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE, err, cause);
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
	if (vault_header_parse(v, buf_str(&b)) != 0) {
		*err = VAULT_ERR_DATA;
		xasprintf(cause, "%s: not a vault header of version %d", path,
		    VAULT_FORMAT_VERSION);
		goto out;
	}
	rc = 0;
out:
	buf_clear(&b);
	free(path);
	return rc;
}

/* Read the vault's form and public key; check the fingerprint. */
static int
vault_open_form(struct vault *v, int *err, char **cause)
{
	struct buf	 b;
	char		*path;
	int		 errnum, rc = -1;

	buf_init(&b);
	xasprintf(&path, "%s/%s", v->dir, VAULT_FORM_FILE);
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
		xasprintf(cause, "%s: not the form this vault was made for",
		    path);
		goto out;
	}
	free(path);
	xasprintf(&path, "%s/%s", v->dir, VAULT_PUB_FILE);
	if (vault_pubkey_load(path, v->pk, &errnum, cause) != 0) {
		*err = errnum != 0 && errnum != ENOENT ? VAULT_ERR_IO :
		    VAULT_ERR_DATA;
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
