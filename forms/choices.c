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

/* The key of the n bytes at s: with n, the bytes themselves when n is
 * 8 or less (two overlapping loads, or three bytes); a hash of them
 * otherwise. */
static inline uint64_t
choices_key(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint64_t		 h;

	if (n >= 4 && n <= 8)
		return choices_load32(s) |
		    (uint64_t)choices_load32(s + n - 4) << 32;
	if (n < 4)
		return n == 0 ? 0 : (uint64_t)u[0] | (uint64_t)u[n / 2] << 8 |
		    (uint64_t)u[n - 1] << 16;
	for (h = n; n > 8; s += 8, n -= 8)
		h = (h ^ choices_load64(s)) * 0x9e3779b97f4a7c15ULL;
	return h ^ choices_load64(s + n - 8);	/* overlaps: n was > 8 */
}

/* The first slot to probe for a key and length. */
static inline size_t
choices_slot(uint64_t key, size_t n, size_t mask)
{
	uint64_t	 h;

	h = (key ^ (uint64_t)n << 59) * 0x9e3779b97f4a7c15ULL;
	return (size_t)(h ^ h >> 32) & mask;
}

/* Whether slot e holds the choice of l named by the n bytes at s. */
static inline int
choices_match(const struct choice_list *l, const struct choice_slot *e,
    const char *s, size_t n, uint64_t key)
{
	if (e->len != n || e->key != key)
		return 0;
	return n <= 8 || memcmp(l->choices[e->index - 1].name, s, n) == 0;
}

/* Index the names of l for choice_list_find: the first choice of a name
 * wins, as in a scan. */
static void
choices_index(struct choice_list *l)
{
	struct choice_slot	*e;
	const char		*name;
	uint64_t		 key;
	size_t			 i, k, len, mask;

	free(l->slots);
	l->slots = NULL;
	l->nslots = 0;
	if (l->nchoices > UINT32_MAX / 4)
		return;	/* not a form anyone wrote: scan */
	for (l->nslots = 4; l->nslots < 2 * l->nchoices; l->nslots *= 2)
		/* nothing */;
	l->slots = xcalloc(l->nslots, sizeof *l->slots);
	mask = l->nslots - 1;
	for (k = 0; k < l->nchoices; k++) {
		name = l->choices[k].name;
		if ((len = strlen(name)) > UINT32_MAX)
			continue;	/* found by no lookup either */
		key = choices_key(name, len);
		for (i = choices_slot(key, len, mask);
		    (e = &l->slots[i])->index != 0; i = (i + 1) & mask) {
			if (choices_match(l, e, name, len, key))
				break;
		}
		if (e->index == 0) {
			e->key = key;
			e->len = (uint32_t)len;
			e->index = (uint32_t)k + 1;
		}
	}
}

/* choice_list_find for a name longer than 8 bytes, or without an
 * index; apart, so that the short names' lookup calls nothing. */
static int __attribute__((noinline))
choices_find_long(const struct choice_list *l, const char *s, size_t n)
{
	const struct choice_slot	*e;
	const char			*name;
	uint64_t			 key;
	size_t				 i, k, mask = l->nslots - 1;

	if (l->slots == NULL) {
		for (k = 0; k < l->nchoices; k++) {
			name = l->choices[k].name;
			if (strlen(name) == n && memcmp(name, s, n) == 0)
				return (int)k;
		}
		return -1;
	}
	key = choices_key(s, n);
	for (i = choices_slot(key, n, mask); (e = &l->slots[i])->index != 0;
	    i = (i + 1) & mask) {
		if (choices_match(l, e, s, n, key))
			return (int)e->index - 1;
	}
	return -1;
}

int
choice_list_find(const struct choice_list *l, const char *s, size_t n)
{
	const struct choice_slot	*e;
	uint64_t			 key;
	size_t				 i, mask = l->nslots - 1;

	if (l->slots == NULL || n > 8)
		return choices_find_long(l, s, n);
	key = choices_key(s, n);
	for (i = choices_slot(key, n, mask); (e = &l->slots[i])->index != 0;
	    i = (i + 1) & mask) {
		if (e->key == key && e->len == n)
			return (int)e->index - 1;
	}
	return -1;
}

static struct choice_list *
choices_list_add(struct form *f, const char *name, int line, int external)
{
	struct choice_list	*l;
	size_t			 i;

	for (i = 0; i < f->nlists; i++) {
		if (strcmp(f->lists[i].name, name) == 0 &&
		    f->lists[i].external == external)
			return &f->lists[i];
	}
	f->lists = xreallocarray(f->lists, f->nlists + 1, sizeof *f->lists);
	l = &f->lists[f->nlists++];
	memset(l, 0, sizeof *l);
	l->name = xstrdup(name);
	l->line = line;
	l->external = external;
	return l;
}

/* A choice named as an earlier one of its list: an error each, unless
 * the settings allow it. Once the list is indexed (the first of a name
 * is the one found), in one pass: O(n), not a scan per choice. */
static void
choices_duplicates(struct form_builder *b, struct choice_list *l)
{
	const struct form *f = b->form;
	struct choice	*c;
	char		 at[FORM_WHERE_MAX];
	size_t		 i, n = 0;
	int		 k;

	unsigned char	*dup;

	if (b->allow_duplicates || l->nchoices == 0)
		return;
	dup = xcalloc(l->nchoices, 1);
	for (i = 0; i < l->nchoices; i++) {
		c = &l->choices[i];
		k = choice_list_find(l, c->name, strlen(c->name));
		if (k < 0 || (size_t)k == i)
			continue;
		dup[i] = 1;
		form_error(b, c->line, "duplicate choice '%s' in list '%s' "
		    "(first at %s)", c->name, l->name, form_at(b->form,
		    l->choices[k].line, at, sizeof at));
	}
	for (i = 0; i < l->nchoices; i++) {
		c = &l->choices[i];
		if (!dup[i]) {
			l->choices[n++] = *c;
			continue;
		}
		free(c->name);		/* left out, as before */
		for (k = 0; (size_t)k < f->nlangs; k++)
			free(c->label[k]);
		free(c->label);
		for (k = 0; c->extra[k] != NULL; k++)
			free(c->extra[k]);
		free(c->extra);
	}
	free(dup);
	if (n != l->nchoices) {
		l->nchoices = n;
		choices_index(l);
	}
}

static void
choices_row(struct form_builder *b, const struct form_column *cols,
    size_t ncols, const struct read_row *row, size_t lcol, size_t ncol,
    int external)
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
	l = choices_list_add(f, list, row->line, external);
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
		c->label[f->default_lang] = xstrdup(name); /* as ODK shows it */
}

void
choices_add_other(struct form *f, struct choice_list *l)
{
	struct choice	*c;
	size_t		 i;

	if (choice_list_find(l, "other", 5) >= 0)
		return;
	l->choices = xreallocarray(l->choices, l->nchoices + 1,
	    sizeof *l->choices);
	c = &l->choices[l->nchoices++];
	c->name = xstrdup("other");
	c->line = l->line;
	c->label = form_texts(f);
	for (i = 0; i < f->nlangs; i++)
		c->label[i] = xstrdup("Other");
	c->extra = xcalloc(f->nchoice_columns + 1, sizeof *c->extra);
	for (i = 0; i < f->nchoice_columns; i++)
		c->extra[i] = xstrdup("");
	choices_index(l);
}

void
choices_list_index(struct choice_list *l)
{
	choices_index(l);
}

void
choices_grow_extras(struct form *f)
{
	struct choice	*c;
	size_t		 i, j, k, n = f->nchoice_columns;

	for (i = 0; i < f->nlists; i++) {
		for (j = 0; j < f->lists[i].nchoices; j++) {
			c = &f->lists[i].choices[j];
			for (k = 0; k < n && c->extra[k] != NULL; k++)
				/* nothing */;
			if (k == n)
				continue;
			c->extra = xreallocarray(c->extra, n + 1,
			    sizeof *c->extra);
			for (; k < n; k++)
				c->extra[k] = xstrdup("");
			c->extra[n] = NULL;
		}
	}
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
choices_read(struct form_builder *b, const struct read_sheet *sh,
    int external)
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
		form_error(b, line, "%s sheet has no list_name column",
		    external ? "external_choices" : "choices");
	if (ncol == -1)
		form_error(b, line, "%s sheet has no name column",
		    external ? "external_choices" : "choices");
	for (i = 0; lcol != -1 && ncol != -1 && i < sh->nrows; i++) {
		choices_row(b, cols, n, &sh->rows[i], (size_t)lcol,
		    (size_t)ncol, external);
	}
	for (i = 0; i < b->form->nlists; i++) {
		choices_index(&b->form->lists[i]);
		if (b->form->lists[i].external == external)
			choices_duplicates(b, &b->form->lists[i]);
	}
	free(cols);
}
