/* loop-text.c: the text of a loop's copies: pyxform's %(name)s,
 * %(label)s and %(COLUMN)s replaced by the choice's, and ${name} made
 * to name the copy consult reads. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/loop-private.h"

enum loop_spec {
	LOOP_SPEC_PERCENT,	/* %% */
	LOOP_SPEC_KEY,		/* %(key)s */
	LOOP_SPEC_BAD,
};

/* The %-specification at p (*p is '%'): its kind, its length and, for
 * a key, the key. */
static enum loop_spec
loop_spec(const char *p, size_t *len, const char **key, size_t *keylen)
{
	const char	*close;

	if (p[1] == '%') {
		*len = 2;
		return LOOP_SPEC_PERCENT;
	}
	if (p[1] != '(' || (close = strchr(p + 2, ')')) == NULL ||
	    close[1] != 's' || close == p + 2)
		return LOOP_SPEC_BAD;
	*key = p + 2;
	*keylen = (size_t)(close - *key);
	*len = *keylen + 4;
	return LOOP_SPEC_KEY;
}

/* A choice column named like the key, or -1; -2 for name, -3 for
 * label. */
static int
loop_key(const struct form *f, const char *key, size_t len)
{
	size_t	 i;

	if (len == 4 && strncmp(key, "name", 4) == 0)
		return -2;
	if (len == 5 && strncmp(key, "label", 5) == 0)
		return -3;
	for (i = 0; i < f->nchoice_columns; i++) {
		if (strlen(f->choice_columns[i]) == len &&
		    strncasecmp(f->choice_columns[i], key, len) == 0)
			return (int)i;
	}
	return -1;
}

size_t
loop_lang(const struct loop_state *s, size_t j)
{
	const struct form_column *col;

	if (j >= s->sh->header.ncells)
		return s->b->form->default_lang;
	col = &s->cols[j];
	if (alias_translatable(col->kind) && col->lang >= 0)
		return (size_t)col->lang;
	return s->b->form->default_lang;
}

int
loop_text_check(const struct loop_state *s, const char *src, char **cause)
{
	const char	*p, *key = NULL;
	size_t		 len, keylen = 0;

	for (p = strchr(src, '%'); p != NULL; p = strchr(p + len, '%')) {
		switch (loop_spec(p, &len, &key, &keylen)) {
		case LOOP_SPEC_PERCENT:
			break;
		case LOOP_SPEC_KEY:
			if (loop_key(s->b->form, key, keylen) != -1)
				break;
			xasprintf(cause, "%%(%.*s)s: a choice has no '%.*s' "
			    "(a loop knows %%(name)s, %%(label)s and the "
			    "columns of the choices sheet)", (int)keylen, key,
			    (int)keylen, key);
			return -1;
		case LOOP_SPEC_BAD:
			xasprintf(cause, "a %% in a loop starts %%(name)s, "
			    "%%(label)s or %%(COLUMN)s: write %%%% for a "
			    "percent sign");
			return -1;
		}
	}
	return 0;
}

/* What key k stands for in choice c (NULL: nothing). */
static const char *
loop_value(const struct form *f, const struct choice *c, int k,
    size_t lang)
{
	const char	*s;

	if (c == NULL)
		return "";
	if (k == -2)
		return c->name;
	if (k == -3) {
		s = form_text(f, c->label, lang);
		return *s != '\0' ? s : c->name;
	}
	return c->extra[k] != NULL ? c->extra[k] : "";
}

char *
loop_text(const struct loop_state *s, const char *src,
    const struct choice *c, size_t lang)
{
	const struct form *f = s->b->form;
	struct buf	 b;
	const char	*p, *key = NULL;
	char		*out;
	size_t		 len, keylen = 0;
	int		 k;

	if (strchr(src, '%') == NULL)
		return xstrdup(src);
	buf_init(&b);
	for (p = src; *p != '\0'; p += len) {
		len = strcspn(p, "%");
		buf_add(&b, p, len);
		if (p[len] == '\0')
			break;
		p += len;
		switch (loop_spec(p, &len, &key, &keylen)) {
		case LOOP_SPEC_PERCENT:
			buf_add_byte(&b, '%');
			break;
		case LOOP_SPEC_KEY:
			/* an unknown key (reported by the check) is left out */
			if ((k = loop_key(f, key, keylen)) != -1)
				buf_add_str(&b, loop_value(f, c, k, lang));
			break;
		case LOOP_SPEC_BAD:
			len = 1;	/* so is the %, to say no more */
			break;
		}
	}
	out = xstrdup(buf_str(&b));
	buf_clear(&b);
	return out;
}

static int
loop_name_cmp(const void *va, const void *vb)
{
	const struct loop_name	*a = va, *b = vb;
	int			 r;

	if ((r = strcmp(a->pyx, b->pyx)) != 0)
		return r;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The names pyxform gives as n (a run of s->names), or NULL. */
static const struct loop_name *
loop_find(const struct loop_state *s, const char *n, size_t *count)
{
	size_t	 lo = 0, hi = s->nnames, mid, end;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(s->names[mid].pyx, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < s->nnames && strcmp(s->names[end].pyx, n) == 0;)
		end++;
	*count = end - lo;
	return end > lo ? &s->names[lo] : NULL;
}

/* ${n} where pyxform names several elements n, one of them made by a
 * loop: an error, and the name of the copy of the same choice (else the
 * first) so that nothing more is said. */
static const char *
loop_ambiguous(struct loop_state *s, int line, const char *prefix,
    const char *n, const struct loop_name *v, size_t count)
{
	const struct loop_name	*made = NULL;
	const char		*loop, *guess = v[0].name;
	size_t			 i, len = strlen(prefix);

	for (i = 0; i < count; i++) {
		if (made == NULL && v[i].loop != -1)
			made = &v[i];
		if (strncmp(v[i].name, prefix, len) == 0 &&
		    strcmp(v[i].name + len, n) == 0)
			guess = v[i].name;
	}
	if (made == NULL)
		return v[0].name;	/* duplicate names: survey.c says so */
	loop = form_cell(&s->sh->rows[made->loop], s->ncol);
	if (made->choice)
		form_error(s->b, line, "${%s} is ambiguous: loop '%s' names a "
		    "group after choice '%s' of '%s', and another element of "
		    "the form has that name", n, loop, n,
		    s->in[made->loop].list);
	else
		form_error(s->b, line, "${%s} is ambiguous: loop '%s' copies "
		    "'%s' for each choice of '%s' (name it %s_%%(name)s and "
		    "write ${%s_%%(name)s} for the copy of the same choice)",
		    n, loop, n, s->in[made->loop].list, n, n);
	return guess;
}

/* One cell with its ${name}s rewritten. Caller frees. */
static char *
loop_refs_cell(struct loop_state *s, const char *src, int line,
    const char *prefix)
{
	const struct loop_name	*v;
	struct buf		 b;
	const char		*p = src, *open, *close, *to;
	char			*n, *out;
	size_t			 count;

	buf_init(&b);
	while ((open = strstr(p, "${")) != NULL &&
	    (close = strchr(open + 2, '}')) != NULL) {
		buf_add(&b, p, (size_t)(open - p));
		n = xstrndup(open + 2, (size_t)(close - open - 2));
		str_trim(n);
		to = NULL;
		if ((v = loop_find(s, n, &count)) != NULL) {
			if (count == 1)
				to = v->name;
			else
				to = loop_ambiguous(s, line, prefix, n, v,
				    count);
		}
		if (to != NULL && strcmp(to, n) != 0)
			buf_printf(&b, "${%s}", to);
		else
			buf_add(&b, open, (size_t)(close + 1 - open));
		free(n);
		p = close + 1;
	}
	buf_add_str(&b, p);
	out = xstrdup(buf_str(&b));
	buf_clear(&b);
	return out;
}

void
loop_refs(struct loop_state *s)
{
	struct read_row	*row;
	char		*cell;
	size_t		 i, j;

	qsort(s->names, s->nnames, sizeof *s->names, loop_name_cmp);
	for (i = 0; i < s->nout; i++) {
		row = &s->out[i];
		for (j = 0; j < row->ncells; j++) {
			if (j == s->tcol || j == s->ncol ||
			    strstr(row->cells[j], "${") == NULL)
				continue;
			cell = loop_refs_cell(s, row->cells[j], row->line,
			    s->prefix[i]);
			free(row->cells[j]);
			row->cells[j] = cell;
		}
	}
}
