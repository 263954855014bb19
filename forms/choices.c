/* choices.c: the choices sheet: choice lists, their labels and the
 * extra columns that choice_filter expressions use. */
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

static struct choice_list *
choices_list_add(struct form *f, const char *name, int line)
{
	struct choice_list	*l;
	size_t			 i;

	for (i = 0; i < f->nlists; i++) {
		if (strcmp(f->lists[i].name, name) == 0)
			return &f->lists[i];
	}
	f->lists = xreallocarray(f->lists, f->nlists + 1, sizeof *f->lists);
	l = &f->lists[f->nlists++];
	memset(l, 0, sizeof *l);
	l->name = xstrdup(name);
	l->line = line;
	return l;
}

/* 1 if a choice of this name is already in the list (error given). */
static int
choices_exists(struct form_builder *b, const struct choice_list *l,
    const char *name, int line)
{
	size_t	 i;

	for (i = 0; i < l->nchoices; i++) {
		if (strcmp(l->choices[i].name, name) == 0) {
			form_error(b, line, "duplicate choice '%s' in list "
			    "'%s' (first at line %d)", name, l->name,
			    l->choices[i].line);
			return 1;
		}
	}
	return 0;
}

static void
choices_row(struct form_builder *b, const struct form_column *cols,
    size_t ncols, const struct read_row *row, size_t lcol, size_t ncol)
{
	struct form		*f = b->form;
	struct choice_list	*l;
	struct choice		*c;
	const char		*list, *name, *value;
	size_t			 i;

	list = form_cell(row, lcol);
	name = form_cell(row, ncol);
	if (*list == '\0') {
		form_error(b, row->line, "choice without list_name");
		return;
	}
	l = choices_list_add(f, list, row->line);
	if (*name == '\0') {
		form_error(b, row->line, "choice without name in list '%s'",
		    list);
		return;
	}
	if (strpbrk(name, " \t\n") != NULL) {
		/* Answers hold choice names separated by spaces. */
		form_error(b, row->line, "choice name '%s' in list '%s' has "
		    "a space", name, list);
		return;
	}
	if (choices_exists(b, l, name, row->line))
		return;
	l->choices = xreallocarray(l->choices, l->nchoices + 1,
	    sizeof *l->choices);
	c = &l->choices[l->nchoices++];
	c->name = xstrdup(name);
	c->line = row->line;
	c->label = form_texts(f);
	c->extra = xcalloc(f->nchoice_columns + 1, sizeof *c->extra);
	for (i = 0; i < ncols; i++) {
		value = form_cell(row, i);
		if (cols[i].kind == COLUMN_LABEL && cols[i].lang != -1 &&
		    *value != '\0' && c->label[cols[i].lang] == NULL)
			c->label[cols[i].lang] = xstrdup(value);
		else if (cols[i].extra != -1 && c->extra[cols[i].extra] == NULL)
			c->extra[cols[i].extra] = xstrdup(value);
	}
	for (i = 0; i < f->nchoice_columns; i++) {
		if (c->extra[i] == NULL)
			c->extra[i] = xstrdup("");
	}
	if (*form_text(f, c->label, f->default_lang) == '\0')
		form_error(b, row->line, "choice '%s' in list '%s' has no "
		    "label", name, list);
}

/* The first column of a kind, or -1. */
static int
choices_column(const struct form_column *cols, size_t n,
    enum column_kind kind)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (cols[i].kind == kind)
			return (int)i;
	}
	return -1;
}

void
choices_read(struct form_builder *b, const struct read_sheet *sh)
{
	struct form_column	*cols;
	size_t			 i, n = sh->header.ncells;
	int			 lcol, ncol;
	int			 line;

	cols = form_columns(b, &sh->header, 1);
	lcol = choices_column(cols, n, COLUMN_LIST_NAME);
	ncol = choices_column(cols, n, COLUMN_NAME);
	line = n != 0 ? sh->header.line : sh->line;
	if (lcol == -1)
		form_error(b, line, "choices sheet has no list_name column");
	if (ncol == -1)
		form_error(b, line, "choices sheet has no name column");
	for (i = 0; lcol != -1 && ncol != -1 && i < sh->nrows; i++) {
		choices_row(b, cols, n, &sh->rows[i], (size_t)lcol,
		    (size_t)ncol);
	}
	free(cols);
}
