/* external.c: choice lists kept in a CSV file beside the form, as
 * select_one_from_file and select_multiple_from_file name them (ODK's
 * "name" and "label" columns, "label::LANG" for translations, any other
 * column for a choice_filter). Each file is read once, when the form is
 * read, from the form's own directory; its bytes are kept with the form
 * (form->files), bound into its fingerprint and stored in the vault
 * beside it, so that "consult run" reads the very same list. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/form-private.h"

/* The rows of a list file as libcsv gives them. */
struct external_rows {
	char		***rows;
	size_t		*ncells;
	size_t		 nrows;
	char		**cells;	/* the row being read */
	size_t		 n;
};

static void
external_field(void *field, size_t len, void *data)
{
	struct external_rows	*r = data;

	r->cells = xreallocarray(r->cells, r->n + 1, sizeof *r->cells);
	r->cells[r->n++] = str_trim(xstrndup(field != NULL ? field : "",
	    field != NULL ? len : 0));
}

static void
external_row(int c, void *data)
{
	struct external_rows	*r = data;

	(void)c;
	r->rows = xreallocarray(r->rows, r->nrows + 1, sizeof *r->rows);
	r->ncells = xreallocarray(r->ncells, r->nrows + 1,
	    sizeof *r->ncells);
	r->rows[r->nrows] = r->cells;
	r->ncells[r->nrows++] = r->n;
	r->cells = NULL;
	r->n = 0;
}

static void
external_rows_free(struct external_rows *r)
{
	size_t	 i, j;

	for (i = 0; i < r->nrows; i++) {
		for (j = 0; j < r->ncells[i]; j++)
			free(r->rows[i][j]);
		free(r->rows[i]);
	}
	for (j = 0; j < r->n; j++)
		free(r->cells[j]);
	free(r->cells);
	free(r->rows);
	free(r->ncells);
	memset(r, 0, sizeof *r);
}

/* Whether name may be a list file: a plain file name ending in .csv,
 * none of the vault's own names. Else an error at q's line. */
static int
external_name_ok(struct form_builder *b, const struct question *q,
    const char *name)
{
	size_t		 n = strlen(name);
	const char	*dot = strrchr(name, '.');

	if (dot != NULL && (strcasecmp(dot, ".xml") == 0 ||
	    strcasecmp(dot, ".geojson") == 0)) {
		form_error(b, q->line, "list file '%s': consult reads lists "
		    "from CSV files only", name);
		return 0;
	}
	if (n < 5 || strcasecmp(name + n - 4, ".csv") != 0) {
		form_error(b, q->line, "list file '%s' should end with .csv",
		    name);
		return 0;
	}
	if (name[0] == '.' || strpbrk(name, "/\\") != NULL ||
	    !utf8_valid(name, n, NULL) || n > 128) {
		form_error(b, q->line, "list file '%s' must be a file name "
		    "beside the form, not a path", name);
		return 0;
	}
	if (strcasecmp(name, "form.csv") == 0) {
		form_error(b, q->line, "list file '%s': a vault keeps the "
		    "form under that name; rename the list", name);
		return 0;
	}
	return 1;
}

/* Read dir/name into out, at most FORM_LIST_MAX_BYTES. */
static int
external_read(struct form_builder *b, const struct question *q,
    const char *name, struct buf *out)
{
	const char	*slash = strrchr(b->name, '/');
	char		*path, chunk[8192];
	FILE		*fp;
	size_t		 n;
	int		 rc = -1;

	if (slash != NULL)
		xasprintf(&path, "%.*s/%s", (int)(slash - b->name), b->name,
		    name);
	else
		path = xstrdup(name);
	if ((fp = fopen(path, "rb")) == NULL) {
		form_error(b, q->line, "list file '%s' not found beside the "
		    "form (%s: %s)", name, path, strerror(errno));
		free(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) != 0) {
		buf_add(out, chunk, n);
		if (out->len > FORM_LIST_MAX_BYTES) {
			form_error(b, q->line, "list file '%s' is larger than "
			    "%d MiB", name, FORM_LIST_MAX_BYTES >> 20);
			goto out;
		}
	}
	if (ferror(fp)) {
		form_error(b, q->line, "list file '%s': %s", name,
		    strerror(errno != 0 ? errno : EIO));
		goto out;
	}
	rc = 0;
out:
	fclose(fp);
	free(path);
	return rc;
}

static int
external_parse(struct form_builder *b, const struct question *q,
    const char *name, const struct buf *data, struct external_rows *r)
{
	struct csv_parser	 parser;
	size_t			 bad;
	int			 rc = -1;

	if (memchr(data->data, '\0', data->len) != NULL ||
	    !utf8_valid((const char *)data->data, data->len, &bad)) {
		form_error(b, q->line, "list file '%s' is not UTF-8 text",
		    name);
		return -1;
	}
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL) != 0)
		return -1;
	if (csv_parse(&parser, data->data, data->len, external_field,
	    external_row, r) != data->len ||
	    csv_fini(&parser, external_field, external_row, r) != 0)
		form_error(b, q->line, "list file '%s': malformed CSV near "
		    "row %zu (quote a cell that holds a comma or a quote, "
		    "and double each quote inside it)", name, r->nrows + 1);
	else if (r->nrows == 0)
		form_error(b, q->line, "list file '%s' is empty", name);
	else
		rc = 0;
	csv_free(&parser);
	return rc;
}

/* The columns of the header: name, label per language, extras. */
static int
external_columns(struct form_builder *b, const struct question *q,
    const char *file, char **head, size_t n, int *kind)
{
	char		*lang;
	size_t		 i;
	int		 ncol = -1, k;

	for (i = 0; i < n; i++) {
		switch (alias_column(head[i], &lang)) {
		case COLUMN_NAME:
			if (ncol == -1)
				ncol = (int)i;
			kind[i] = -1;
			break;
		case COLUMN_LABEL:
			k = lang != NULL ? form_find_lang(b->form, lang) :
			    b->plain_lang != -1 ? b->plain_lang :
			    (int)b->form->default_lang;
			kind[i] = k >= 0 ? -2 - k : -1;	/* -2 - language */
			break;
		default:
			kind[i] = *head[i] != '\0' ?
			    form_extra_add(b->form, head[i]) : -1;
			break;
		}
		free(lang);
	}
	if (ncol == -1)
		form_error(b, q->line, "list file '%s' has no name column",
		    file);
	return ncol;
}

/* One choice of a row; 0, or -1 with an error. */
static int
external_choice(struct form_builder *b, const struct question *q,
    struct choice_list *l, const char *file, size_t row, char **cells,
    size_t n, const int *kind, int ncol)
{
	struct form	*f = b->form;
	struct choice	*c;
	const char	*name = (size_t)ncol < n ? cells[ncol] : "";
	size_t		 i;

	if (*name == '\0' || strpbrk(name, " \t\n\r") != NULL) {
		form_error(b, q->line, "list file '%s', row %zu: %s", file,
		    row + 1, *name == '\0' ? "a choice without name" :
		    "a choice name with a space");
		return -1;
	}
	l->choices = xreallocarray(l->choices, l->nchoices + 1,
	    sizeof *l->choices);
	c = &l->choices[l->nchoices++];
	c->name = xstrdup(name);
	c->line = q->line;
	c->label = form_texts(f);
	c->extra = xcalloc(f->nchoice_columns + 1, sizeof *c->extra);
	for (i = 0; i < n; i++) {
		if (kind[i] <= -2 && *cells[i] != '\0' &&
		    c->label[-2 - kind[i]] == NULL)
			c->label[-2 - kind[i]] = xstrdup(cells[i]);
		else if (kind[i] >= 0 && c->extra[kind[i]] == NULL)
			c->extra[kind[i]] = xstrdup(cells[i]);
	}
	for (i = 0; i < f->nchoice_columns; i++) {
		if (c->extra[i] == NULL)
			c->extra[i] = xstrdup("");
	}
	if (*form_text(f, c->label, f->default_lang) == '\0')
		c->label[f->default_lang] = xstrdup(name);
	return 0;
}

/* Keep the file's bytes and cells with the form; its index. */
static int
external_keep(struct form *f, const char *name, struct buf *data,
    struct external_rows *r)
{
	struct form_file	*ff;

	f->files = xreallocarray(f->files, f->nfiles + 1, sizeof *f->files);
	ff = &f->files[f->nfiles];
	ff->name = xstrdup(name);
	ff->bytes = data->data;
	ff->nbytes = data->len;
	ff->rows = r->rows;
	ff->ncells = r->ncells;
	ff->nrows = r->nrows;
	buf_init(data);
	r->rows = NULL;
	r->ncells = NULL;
	r->nrows = 0;
	return (int)f->nfiles++;
}

/* Read and parse a file for q, after the checks of its name. */
static int
external_load(struct form_builder *b, const struct question *q,
    const char *file, struct buf *data, struct external_rows *r)
{
	if (!external_name_ok(b, q, file))
		return -1;
	if (b->form->nfiles >= FORM_LIST_MAX_FILES) {
		form_error(b, q->line, "more than %d list files",
		    FORM_LIST_MAX_FILES);
		return -1;
	}
	if (external_read(b, q, file, data) != 0 ||
	    external_parse(b, q, file, data, r) != 0)
		return -1;
	return 0;
}

int
external_file(struct form_builder *b, const struct question *q,
    const char *file)
{
	struct form		*f = b->form;
	struct external_rows	 r;
	struct buf		 data;
	size_t			 i;
	int			 rc = -1;

	for (i = 0; i < f->nfiles; i++) {
		if (strcmp(f->files[i].name, file) == 0)
			return (int)i;
	}
	memset(&r, 0, sizeof r);
	buf_init(&data);
	if (external_load(b, q, file, &data, &r) == 0)
		rc = external_keep(f, file, &data, &r);
	external_rows_free(&r);
	buf_clear(&data);
	return rc;
}

int
external_list(struct form_builder *b, struct question *q, const char *file)
{
	struct form		*f = b->form;
	struct external_rows	 r;
	struct choice_list	*l;
	struct buf		 data;
	size_t			 i, first, *rowof = NULL;
	int			*kind = NULL, ncol, rc = -1;

	for (i = 0; i < f->nlists; i++) {
		if (strcmp(f->lists[i].name, file) == 0)
			return (int)i;	/* read for another question */
	}
	memset(&r, 0, sizeof r);
	buf_init(&data);
	if (external_load(b, q, file, &data, &r) != 0)
		goto out;
	kind = xcalloc(r.ncells[0] + 1, sizeof *kind);
	if ((ncol = external_columns(b, q, file, r.rows[0], r.ncells[0],
	    kind)) < 0)
		goto out;
	choices_grow_extras(f);
	f->lists = xreallocarray(f->lists, f->nlists + 1, sizeof *f->lists);
	l = &f->lists[f->nlists];
	memset(l, 0, sizeof *l);
	l->name = xstrdup(file);
	l->line = q->line;
	first = f->nlists++;
	rowof = xcalloc(r.nrows, sizeof *rowof);
	for (i = 1; i < r.nrows; i++) {
		if (r.ncells[i] == 0 || (r.ncells[i] == 1 &&
		    *r.rows[i][0] == '\0'))
			continue;	/* a blank line */
		rowof[l->nchoices] = i;
		if (external_choice(b, q, l, file, i, r.rows[i],
		    r.ncells[i] < r.ncells[0] ? r.ncells[i] : r.ncells[0],
		    kind, ncol) != 0)
			goto out;
	}
	if (l->nchoices == 0) {
		form_error(b, q->line, "list file '%s' has no choices", file);
		goto out;
	}
	choices_list_index(l);	/* once: the first of a name wins */
	for (i = 0; !b->allow_duplicates && i < l->nchoices; i++) {
		if (choice_list_find(l, l->choices[i].name,
		    strlen(l->choices[i].name)) != (int)i) {
			form_error(b, q->line, "list file '%s', row %zu: "
			    "duplicate choice '%s'", file, rowof[i] + 1,
			    l->choices[i].name);
			goto out;
		}
	}
	for (i = 0; i < f->nfiles; i++) {
		if (strcmp(f->files[i].name, file) == 0)
			break;	/* pulldata read it first */
	}
	if (i == f->nfiles)
		external_keep(f, file, &data, &r);
	rc = (int)first;
out:
	free(rowof);
	free(kind);
	external_rows_free(&r);
	buf_clear(&data);
	return rc;
}
