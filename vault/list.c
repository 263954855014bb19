/* list.c: what a vault holds, read without a key: record file names,
 * the listing readers sort, and the counts of `consult status`. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vault/lib.h"

/* Lower-case hex of exactly len bytes into bin. */
static int
list_hex(const char *hex, unsigned char *bin, size_t len)
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

/* ---- names ----------------------------------------------------------- */

void
vault_record_name(const unsigned char session[SEAL_SESSION_ID_BYTES],
    uint64_t first, char name[VAULT_RECORD_NAME_LEN])
{
	char	 hex[SEAL_SESSION_ID_BYTES * 2 + 1];

	sodium_bin2hex(hex, sizeof hex, session, SEAL_SESSION_ID_BYTES);
	snprintf(name, VAULT_RECORD_NAME_LEN, "%s-%016llx.rec", hex,
	    (unsigned long long)first);
}

int
vault_record_name_parse(const char *name,
    unsigned char session[SEAL_SESSION_ID_BYTES], uint64_t *first)
{
	unsigned char	 sid[SEAL_SESSION_ID_BYTES];
	char		 hex[SEAL_SESSION_ID_BYTES * 2 + 1];
	const char	*p;
	uint64_t	 n = 0;
	size_t		 i;

	if (strlen(name) != VAULT_RECORD_NAME_LEN - 1 ||
	    name[SEAL_SESSION_ID_BYTES * 2] != '-' ||
	    strcmp(name + VAULT_RECORD_NAME_LEN - 5, ".rec") != 0)
		return -1;
	memcpy(hex, name, sizeof hex - 1);
	hex[sizeof hex - 1] = '\0';
	if (list_hex(hex, sid, sizeof sid) != 0)
		return -1;
	p = name + SEAL_SESSION_ID_BYTES * 2 + 1;
	for (i = 0; i < 16; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			n = n << 4 | (uint64_t)(p[i] - '0');
		else if (p[i] >= 'a' && p[i] <= 'f')
			n = n << 4 | (uint64_t)(p[i] - 'a' + 10);
		else
			return -1;
	}
	if (session != NULL)
		memcpy(session, sid, sizeof sid);
	if (first != NULL)
		*first = n;
	return 0;
}

/* ---- record files --------------------------------------------------------- */

static int
walk_entry_cmp(const void *a0, const void *b0)
{
	const struct vault_entry	*a = a0, *b = b0;
	int				 c;

	if ((c = memcmp(a->session, b->session, sizeof a->session)) != 0)
		return c;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	if (a->vault != b->vault)
		return a->vault < b->vault ? -1 : 1;
	return 0;
}

int
vault_list(struct vault *const *vaults, size_t n, struct vault_entry **out,
    size_t *nout, char **cause)
{
	struct vault_entry	*e = NULL;
	struct dirent		*de;
	DIR			*d;
	char			*path;
	size_t			 i, ne = 0, size = 0;

	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/responses", vaults[i]->dir);
		if ((d = opendir(path)) == NULL) {
			xasprintf(cause, "%s: %s", path, strerror(errno));
			free(path);
			free(e);
			return -1;
		}
		free(path);
		while ((de = readdir(d)) != NULL) {
			if (ne == size) {
				size = size == 0 ? 256 : size * 2;
				e = xreallocarray(e, size, sizeof *e);
			}
			if (vault_record_name_parse(de->d_name,
			    e[ne].session, &e[ne].first) != 0)
				continue;
			e[ne++].vault = i;
		}
		closedir(d);
	}
	if (ne != 0)
		qsort(e, ne, sizeof *e, walk_entry_cmp);
	*out = e;
	*nout = ne;
	return 0;
}

/* ---- status ---------------------------------------------------------- */

static void
list_days(struct vault_stats *st, const char *first, const char *last)
{
	if (st->first_day[0] == '\0' || strcmp(first, st->first_day) < 0)
		memcpy(st->first_day, first, VAULT_DAY_LEN);
	if (st->last_day[0] == '\0' || strcmp(last, st->last_day) > 0)
		memcpy(st->last_day, last, VAULT_DAY_LEN);
}

/* Read a record file's header: its count and days. */
static int
list_file_header(const char *path, size_t *count, char *first, char *last)
{
	unsigned char	 h[28];
	FILE		*f;
	size_t		 got;

	if ((f = fopen(path, "rbe")) == NULL)
		return -1;
	got = fread(h, 1, sizeof h, f);
	fclose(f);
	if (got != sizeof h || memcmp(h, "CVB1", 4) != 0)
		return -1;
	*count = (size_t)h[4] << 24 | (size_t)h[5] << 16 |
	    (size_t)h[6] << 8 | h[7];
	memcpy(first, h + 8, 10);
	first[10] = '\0';
	memcpy(last, h + 18, 10);
	last[10] = '\0';
	return vault_day_valid(first) && vault_day_valid(last) ? 0 : -1;
}

/* Count one directory of a vault: drafts or session headers (their ids
 * appended to *ids when ids is not NULL) and temporary files. */
static int
list_dir(const char *dir, const char *sub, size_t *n, size_t *tmp,
    unsigned char **ids, size_t *nids, char **cause)
{
	DIR		*d;
	struct dirent	*de;
	char		*path, hex[SEAL_SESSION_ID_BYTES * 2 + 1];
	size_t		 len;

	xasprintf(&path, "%s/%s", dir, sub);
	if ((d = opendir(path)) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (strncmp(de->d_name, ".tmp-", 5) == 0)
			(*tmp)++;
		else if (ids == NULL && vault_draft_name_valid(de->d_name))
			(*n)++;
		else if (ids != NULL && len == sizeof hex + 3 &&
		    strcmp(de->d_name + sizeof hex - 1, ".hdr") == 0) {
			memcpy(hex, de->d_name, sizeof hex - 1);
			hex[sizeof hex - 1] = '\0';
			*ids = xreallocarray(*ids, *nids + 1,
			    SEAL_SESSION_ID_BYTES);
			if (list_hex(hex, *ids + *nids * SEAL_SESSION_ID_BYTES,
			    SEAL_SESSION_ID_BYTES) == 0) {
				(*nids)++;
				(*n)++;
			}
		}
	}
	closedir(d);
	return 0;
}

static int
list_id_cmp(const void *a, const void *b)
{
	return memcmp(a, b, SEAL_SESSION_ID_BYTES);
}

/* Count sessions, drafts and temporary files of each vault, and the
 * sessions of all of them once. */
static int
list_stats_dirs(struct vault *const *vaults, size_t n,
    struct vault_stats *stats, struct vault_stats *total, char **cause)
{
	struct vault_stats	*st;
	unsigned char		*ids = NULL;
	size_t			 i, nids = 0;
	int			 rc = -1;

	for (i = 0; i < n; i++) {
		st = &stats[i];
		st->simulated = vault_is_simulated(vaults[i]);
		total->simulated |= st->simulated;
		if (list_dir(vaults[i]->dir, "drafts", &st->drafts,
		    &st->temporary, NULL, NULL, cause) != 0 ||
		    list_dir(vaults[i]->dir, "sessions", &st->sessions,
		    &st->temporary, &ids, &nids, cause) != 0 ||
		    list_dir(vaults[i]->dir, "responses", &st->files,
		    &st->temporary, NULL, NULL, cause) != 0)
			goto out;
		st->files = 0;	/* counted from the listing */
		total->drafts += st->drafts;
		total->temporary += st->temporary;
	}
	if (nids != 0)
		qsort(ids, nids, SEAL_SESSION_ID_BYTES, list_id_cmp);
	for (i = 0; i < nids; i++) {
		if (i == 0 || memcmp(ids + i * SEAL_SESSION_ID_BYTES, ids +
		    (i - 1) * SEAL_SESSION_ID_BYTES, SEAL_SESSION_ID_BYTES) != 0)
			total->sessions++;
	}
	rc = 0;
out:
	free(ids);
	return rc;
}

int
vault_stats(struct vault *const *vaults, size_t n,
    struct vault_stats *stats, struct vault_stats *total, char **cause)
{
	struct vault_entry	*e;
	struct vault_stats	*st;
	char			*path, name[VAULT_RECORD_NAME_LEN];
	char			 first[VAULT_DAY_LEN], last[VAULT_DAY_LEN];
	size_t			 i, ne, count;
	int			 dup;

	memset(stats, 0, n * sizeof *stats);
	memset(total, 0, sizeof *total);
	if (list_stats_dirs(vaults, n, stats, total, cause) != 0 ||
	    vault_list(vaults, n, &e, &ne, cause) != 0)
		return -1;
	for (i = 0; i < ne; i++) {
		st = &stats[e[i].vault];
		dup = i != 0 && e[i].first == e[i - 1].first &&
		    memcmp(e[i].session, e[i - 1].session,
		    SEAL_SESSION_ID_BYTES) == 0;
		vault_record_name(e[i].session, e[i].first, name);
		xasprintf(&path, "%s/responses/%s", vaults[e[i].vault]->dir,
		    name);
		st->files++;
		if (list_file_header(path, &count, first, last) != 0) {
			st->unreadable++;
			total->unreadable += !dup;
		} else {
			st->responses += count;
			list_days(st, first, last);
			if (!dup) {
				total->responses += count;
				list_days(total, first, last);
			}
		}
		total->files += !dup;
		free(path);
	}
	free(e);
	return 0;
}
