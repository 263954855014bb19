/* choices.c: the choices sheet: choice lists, their labels and the
 * extra columns that choice_filter expressions use. */
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

static uint32_t
choices_load32(const char *p)
{
	uint32_t	 x;

	memcpy(&x, p, sizeof x);
	return x;
}

static uint64_t
choices_load64(const char *p)
{
	uint64_t	 x;

	memcpy(&x, p, sizeof x);
	return x;
}

/* A hash of the n bytes at s that reads every byte with a few loads:
 * names are short, and a lookup per answer must cost less than the
 * scan it replaces. */
static uint64_t
choices_hash(const char *s, size_t n)
{
	const uint64_t	 k = 0x9e3779b97f4a7c15ULL;
	const unsigned char *u = (const unsigned char *)s;
	uint64_t	 h;

	if (n >= 8) {
		for (h = n; n > 8; s += 8, n -= 8)
			h = (h ^ choices_load64(s)) * k;
		h ^= choices_load64(s + n - 8);	/* overlaps: n >= 8 */
	} else if (n >= 4)
		h = ((uint64_t)choices_load32(s) << 32 |
		    choices_load32(s + n - 4)) ^ n;
	else if (n > 0)
		h = (uint64_t)u[0] | (uint64_t)u[n / 2] << 8 |
		    (uint64_t)u[n - 1] << 16 | (uint64_t)n << 24;
	else
		h = 0;
	h = (h ^ (h >> 32)) * k;
	return h ^ (h >> 32);
}

/* Whether the n bytes at a and b are equal, for short names. */
static int
choices_equal(const char *a, const char *b, size_t n)
{
	if (n >= 4 && n <= 8)
		return choices_load32(a) == choices_load32(b) &&
		    choices_load32(a + n - 4) == choices_load32(b + n - 4);
	return memcmp(a, b, n) == 0;
}

/* Index the names of l for choice_list_find: a table at most half full,
 * the first choice of a name winning as in a scan. */
static void
choices_index(struct choice_list *l)
{
	size_t		 i, k, len, mask;
	uint32_t	 e;

	free(l->slots);
	free(l->lens);
	l->slots = NULL;
	l->lens = NULL;
	l->nslots = 0;
	if (l->nchoices > UINT32_MAX / 4)
		return;	/* not a form anyone wrote: scan */
	for (l->nslots = 4; l->nslots < 2 * l->nchoices; l->nslots *= 2)
		/* nothing */;
	l->slots = xcalloc(l->nslots, sizeof *l->slots);
	l->lens = xcalloc(l->nchoices + 1, sizeof *l->lens);
	mask = l->nslots - 1;
	for (k = 0; k < l->nchoices; k++) {
		len = strlen(l->choices[k].name);
		l->lens[k] = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
		for (i = choices_hash(l->choices[k].name, len) & mask;
		    (e = l->slots[i]) != 0; i = (i + 1) & mask) {
			if (l->lens[e - 1] == len &&
			    choices_equal(l->choices[e - 1].name,
			    l->choices[k].name, len))
				break;
		}
		if (e == 0)
			l->slots[i] = (uint32_t)k + 1;
	}
}

int
choice_list_find(const struct choice_list *l, const char *s, size_t n)
{
	const char	*name;
	size_t		 i, k, mask;
	uint32_t	 e;

	if (l->slots == NULL) {
		for (k = 0; k < l->nchoices; k++) {
			name = l->choices[k].name;
			if (strlen(name) == n && memcmp(name, s, n) == 0)
				return (int)k;
		}
		return -1;
	}
	mask = l->nslots - 1;
	for (i = choices_hash(s, n) & mask; (e = l->slots[i]) != 0;
	    i = (i + 1) & mask) {
		k = e - 1;
		if (l->lens[k] == n && choices_equal(l->choices[k].name, s, n))
			return (int)k;
	}
	return -1;
}

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
	for (i = 0; i < b->form->nlists; i++)
		choices_index(&b->form->lists[i]);
	free(cols);
}
