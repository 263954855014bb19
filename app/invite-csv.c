/* invite-csv.c: the facilitator's own files of invitations: the label
 * list of `invite --names` (one a line) and the label,code CSV that
 * invite writes, read back by `status --invitations` and `export
 * --invitations`. Errors name FILE:LINE. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/invite.h"

/* The parser's state: the row being read and where it started. */
struct invite_csv_state {
	const char		*path;
	struct invite_list	*list;
	char			*cells[3];
	size_t			 ncells;
	size_t			 line;		/* of the byte read */
	size_t			 row_line;	/* where the row started */
	char			*error;
};

void
invite_list_free(struct invite_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->rows[i].label);
		if (l->rows[i].code != NULL) {
			sodium_memzero(l->rows[i].code,
			    strlen(l->rows[i].code));
			free(l->rows[i].code);
		}
	}
	free(l->rows);
	free(l->ids);
	memset(l, 0, sizeof *l);
}

/* A label may not hold control characters nor invalid UTF-8. */
static const char *
invite_label_problem(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0)
		return "empty label";
	if (!utf8_valid(s, n, NULL))
		return "label is not valid UTF-8";
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return "label holds a control character";
	}
	return NULL;
}

static void
invite_list_add(struct invite_list *l, char *label, char *code,
    size_t line)
{
	l->rows = xreallocarray(l->rows, l->n + 1, sizeof *l->rows);
	l->rows[l->n].label = label;
	l->rows[l->n].code = code;
	l->rows[l->n].line = line;
	l->rows[l->n].state = 0;
	l->n++;
}

static void
invite_csv_field(void *s, size_t n, void *arg)
{
	struct invite_csv_state	*st = arg;
	char			*cell;

	cell = xmalloc(n + 1);
	memcpy(cell, s, n);
	cell[n] = '\0';
	if (st->ncells < 3)
		st->cells[st->ncells] = cell;
	else
		free(cell);
	st->ncells++;
}

static void
invite_csv_row(int c, void *arg)
{
	struct invite_csv_state	*st = arg;
	char			 norm[VAULT_INVITE_SYMBOLS + 1];
	const char		*why;
	size_t			 i, line = st->row_line ? st->row_line :
				    st->line;

	(void)c;
	if (st->error == NULL && st->ncells != 2)
		xasprintf(&st->error, "%s:%zu: %zu fields, not 2 (label,code)",
		    st->path, line, st->ncells);
	else if (st->error == NULL && st->list->n == 0 &&
	    strcmp(st->cells[0], "label") == 0 &&
	    strcmp(st->cells[1], "code") == 0) {
		/* the header row */
	} else if (st->error == NULL && (why = invite_label_problem(
	    st->cells[0], strlen(st->cells[0]))) != NULL)
		xasprintf(&st->error, "%s:%zu: %s", st->path, line, why);
	else if (st->error == NULL &&
	    vault_invite_normalise(st->cells[1], norm) != 0)
		xasprintf(&st->error, "%s:%zu: not an invitation code",
		    st->path, line);
	else if (st->error == NULL) {
		invite_list_add(st->list, st->cells[0], st->cells[1], line);
		st->cells[0] = st->cells[1] = NULL;
	}
	sodium_memzero(norm, sizeof norm);
	for (i = 0; i < st->ncells && i < 3; i++) {
		if (st->cells[i] != NULL) {
			sodium_memzero(st->cells[i], strlen(st->cells[i]));
			free(st->cells[i]);
		}
		st->cells[i] = NULL;
	}
	st->ncells = 0;
	st->row_line = 0;
}

/* Read all of path into b; *status and *cause on failure. */
static int
invite_slurp(const char *path, struct buf *b, int *status, char **cause)
{
	FILE	*f;
	char	 block[8192];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		*status = errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR;
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(block, 1, sizeof block, f)) != 0)
		buf_add(b, block, n);
	if (ferror(f)) {
		*status = EXIT_IOERR;
		xasprintf(cause, "%s: %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

int
invite_csv_read(const char *path, struct invite_list *l, int *status,
    char **cause)
{
	struct invite_csv_state	 st;
	struct csv_parser	 parser;
	struct buf		 b;
	size_t			 i;
	int			 rc = -1;

	memset(l, 0, sizeof *l);
	memset(&st, 0, sizeof st);
	st.path = path;
	st.list = l;
	st.line = 1;
	buf_init(&b);
	if (invite_slurp(path, &b, status, cause) != 0)
		goto out;
	*status = EXIT_DATAERR;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		xasprintf(cause, "%s: cannot start the CSV parser", path);
		goto out;
	}
	for (i = 0; i < b.len && st.error == NULL; i++) {
		if (st.row_line == 0 && b.data[i] != '\n' && b.data[i] != '\r')
			st.row_line = st.line;
		if (csv_parse(&parser, b.data + i, 1, invite_csv_field,
		    invite_csv_row, &st) != 1)
			xasprintf(&st.error, "%s:%zu: misplaced quote", path,
			    st.line);
		if (b.data[i] == '\n')
			st.line++;
	}
	if (st.error == NULL && csv_fini(&parser, invite_csv_field,
	    invite_csv_row, &st) != 0)
		xasprintf(&st.error, "%s:%zu: unterminated quote", path,
		    st.line);
	csv_free(&parser);
	for (i = 0; i < st.ncells && i < 3; i++)
		free(st.cells[i]);
	if (st.error == NULL && l->n == 0)
		xasprintf(&st.error, "%s: no invitations in it", path);
	if (st.error != NULL) {
		*cause = st.error;
		invite_list_free(l);
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(b.data, b.len);
	buf_clear(&b);
	return rc;
}

int
invite_names_read(const char *path, struct invite_list *l, int *status,
    char **cause)
{
	struct buf	 b;
	const char	*p, *end, *why;
	size_t		 n, line = 1;
	int		 rc = -1;

	memset(l, 0, sizeof *l);
	buf_init(&b);
	if (invite_slurp(path, &b, status, cause) != 0)
		goto out;
	*status = EXIT_DATAERR;
	buf_str(&b);
	for (p = (const char *)b.data; p < (const char *)b.data + b.len;
	    p = end + 1, line++) {
		if ((end = memchr(p, '\n', (size_t)((const char *)b.data +
		    b.len - p))) == NULL)
			end = (const char *)b.data + b.len;
		n = (size_t)(end - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		if (n == 0)
			continue;	/* blank lines between names */
		if ((why = invite_label_problem(p, n)) != NULL) {
			xasprintf(cause, "%s:%zu: %s", path, line, why);
			invite_list_free(l);
			goto out;
		}
		invite_list_add(l, xstrndup(p, n), NULL, line);
	}
	if (l->n == 0) {
		xasprintf(cause, "%s: no names in it", path);
		goto out;
	}
	rc = 0;
out:
	buf_clear(&b);
	return rc;
}

/* One row's named id, for bsearch. */
struct invite_id {
	unsigned char	 id[VAULT_INVITE_ID_BYTES];
	size_t		 row;
};

static int
invite_id_cmp(const void *a, const void *b)
{
	return memcmp(a, b, VAULT_INVITE_ID_BYTES);
}

void
invite_list_index(struct invite_list *l)
{
	size_t	 i;

	l->ids = xcalloc(l->n + 1, sizeof *l->ids);
	for (i = 0; i < l->n; i++) {
		if (vault_invite_id(l->rows[i].code, l->ids[i].id) != 0)
			abort();	/* read checked it */
		l->ids[i].row = i;
	}
	qsort(l->ids, l->n, sizeof *l->ids, invite_id_cmp);
}

const struct invite_row *
invite_list_find(const struct invite_list *l,
    const unsigned char id[VAULT_INVITE_ID_BYTES])
{
	const struct invite_id	*at;

	if (l->ids == NULL || l->n == 0)
		return NULL;
	at = bsearch(id, l->ids, l->n, sizeof *l->ids, invite_id_cmp);
	return at == NULL ? NULL : &l->rows[at->row];
}
