/* secure.c: may this vault be collected into? Nobody but root and the
 * collecting user may be able to change what `run` trusts: the header,
 * the form, the analyst's key, the vault's folders and those above it.
 * See "Who may write what" in vault/README. */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vault/lib.h"

enum secure_kind {
	SECURE_FILE,		/* a regular file, not a link */
	SECURE_DIR,		/* a directory of the vault, not a link */
	SECURE_ABOVE,		/* a folder above: a sticky one may be open */
};

/* Check one path; on failure *cause names it and says why. */
static int
secure_path(const char *path, enum secure_kind kind, char **cause)
{
	struct stat	 sb;
	uid_t		 me = geteuid();
	int		 rc;

	rc = kind == SECURE_ABOVE ? stat(path, &sb) : lstat(path, &sb);
	if (rc != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((kind == SECURE_FILE && !S_ISREG(sb.st_mode)) ||
	    (kind != SECURE_FILE && !S_ISDIR(sb.st_mode))) {
		xasprintf(cause, "%s: not a %s%s", path, kind == SECURE_FILE ?
		    "regular file" : "directory", S_ISLNK(sb.st_mode) ?
		    " (a symbolic link)" : "");
		return -1;
	}
	if (sb.st_uid != 0 && sb.st_uid != me) {
		xasprintf(cause, "%s: owned by user %lu, who could change it; "
		    "it must belong to root or to the user collecting", path,
		    (unsigned long)sb.st_uid);
		return -1;
	}
	/* A sticky folder (/tmp) lets nobody rename what is not theirs. */
	if ((sb.st_mode & (S_IWGRP | S_IWOTH)) != 0 &&
	    !(kind == SECURE_ABOVE && (sb.st_mode & S_ISVTX) != 0)) {
		xasprintf(cause, "%s: other users could write it (mode %04o); "
		    "chmod go-w %s", path, (unsigned)(sb.st_mode & 07777),
		    path);
		return -1;
	}
	return 0;
}

/* Check every folder above path (absolute), up to the root. */
static int
secure_above(const char *path, char **cause)
{
	char	*p, *slash;
	int	 rc = 0;

	p = xstrdup(path);
	while (rc == 0 && (slash = strrchr(p, '/')) != NULL) {
		if (slash == p) {
			rc = secure_path("/", SECURE_ABOVE, cause);
			break;
		}
		*slash = '\0';
		rc = secure_path(p, SECURE_ABOVE, cause);
	}
	free(p);
	return rc;
}

/* The folders above dir as named (absolute) and as it really is. */
static int
secure_ancestors(const char *dir, char **cause)
{
	char	 cwd[PATH_MAX], *abs, *real;
	size_t	 len;
	int	 rc = -1;

	if (*dir == '/')
		abs = xstrdup(dir);
	else if (getcwd(cwd, sizeof cwd) != NULL)
		xasprintf(&abs, "%s/%s", cwd, dir);
	else {
		xasprintf(cause, "current directory: %s", strerror(errno));
		return -1;
	}
	len = strlen(abs);
	while (len > 1 && abs[len - 1] == '/')
		abs[--len] = '\0';
	if ((real = realpath(dir, NULL)) == NULL) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		free(abs);
		return -1;
	}
	if (secure_above(abs, cause) == 0 && (strcmp(abs, real) == 0 ||
	    secure_above(real, cause) == 0))
		rc = 0;
	free(real);
	free(abs);
	return rc;
}

int
vault_secure(const struct vault *v, char **cause)
{
	const char		*files[] = { VAULT_HEADER_FILE,
	    vault_form_name(v->dir), VAULT_PUB_FILE };
	static const char	*dirs[] = { "sessions", "responses", "drafts" };
	char			*path;
	size_t			 i;
	int			 rc;

	if (secure_ancestors(v->dir, cause) != 0 ||
	    secure_path(v->dir, SECURE_DIR, cause) != 0)
		return -1;
	for (i = 0; i < sizeof files / sizeof *files; i++) {
		xasprintf(&path, "%s/%s", v->dir, files[i]);
		rc = secure_path(path, SECURE_FILE, cause);
		free(path);
		if (rc != 0)
			return -1;
	}
	for (i = 0; v->form != NULL && i < v->form->nfiles; i++) {
		xasprintf(&path, "%s/%s", v->dir, v->form->files[i].name);
		rc = secure_path(path, SECURE_FILE, cause);
		free(path);
		if (rc != 0)
			return -1;
	}
	for (i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		xasprintf(&path, "%s/%s", v->dir, dirs[i]);
		rc = secure_path(path, SECURE_DIR, cause);
		free(path);
		if (rc != 0)
			return -1;
	}
	if (v->invitations != VAULT_OPEN) {
		xasprintf(&path, "%s/invitations", v->dir);
		rc = secure_path(path, SECURE_DIR, cause);
		free(path);
		return rc;
	}
	return 0;
}

int
vault_collect_check(const struct vault *v, int *err, char **cause)
{
	if (v->version < VAULT_FORMAT_VERSION) {
		*err = VAULT_ERR_DATA;
		xasprintf(cause, "%s: a vault of format %d, whose header does "
		    "not name the analyst's key: export and status read it, "
		    "but collect into a new vault (consult init)", v->dir,
		    v->version);
		return -1;
	}
	if (vault_secure(v, cause) != 0) {
		*err = VAULT_ERR_OTHER;
		return -1;
	}
	if (vault_writable(v, cause) != 0) {
		*err = VAULT_ERR_IO;
		return -1;
	}
	return 0;
}
