/* loop.c: pyxform's "begin loop over LIST" ... "end loop", expanded
 * before the survey sheet is read, as pyxform expands it: for each
 * choice of LIST (but one named "none"), a group named after the choice
 * inside a group named after the loop, holding a copy of the loop's rows
 * whose %(name)s and %(label)s are the choice's. The copies are named
 * LOOP-CHOICE-NAME, as ODK Central's export names their columns. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/loop-private.h"

/* Where the copies of a range of rows go. */
struct loop_ctx {
	const char		*prefix;	/* of the names made */
	const struct choice	*choice;	/* NULL: a loop read once */
	int			 subst;		/* 0 outside loops */
	long			 loop;		/* input row of the loop */
};

static void	loop_copy(struct loop_state *, size_t, size_t,
		    const struct loop_ctx *);

/* A new output row of n empty cells (at least to the type and name
 * columns). */
static struct read_row *
loop_add(struct loop_state *s, int line, size_t n, const char *prefix)
{
	struct read_row	*r;
	size_t		 i;

	if (n <= s->tcol || n <= s->ncol)
		n = (s->tcol > s->ncol ? s->tcol : s->ncol) + 1;
	if (s->nout == s->aout) {
		s->aout = s->aout != 0 ? s->aout * 2 : 64;
		s->out = xreallocarray(s->out, s->aout, sizeof *s->out);
		s->prefix = xreallocarray(s->prefix, s->aout,
		    sizeof *s->prefix);
	}
	s->prefix[s->nout] = xstrdup(prefix);
	r = &s->out[s->nout++];
	r->line = line;
	r->ncells = n;
	r->cells = xcalloc(n, sizeof *r->cells);
	for (i = 0; i < n; i++)
		r->cells[i] = NULL;
	return r;
}

/* The row is complete: empty cells "", its size counted when a loop
 * made it. */
static void
loop_done(struct loop_state *s, struct read_row *r)
{
	size_t	 i;

	for (i = 0; i < r->ncells; i++) {
		if (r->cells[i] == NULL)
			r->cells[i] = xstrdup("");
		if (s->depth != 0)
			s->bytes += strlen(r->cells[i]) + 1;
	}
	s->copied += s->depth != 0;
}

static void
loop_name_add(struct loop_state *s, const char *pyx, const char *name,
    long loop, int choice)
{
	struct loop_name	*n;

	if (s->nnames == s->anames) {
		s->anames = s->anames != 0 ? s->anames * 2 : 64;
		s->names = xreallocarray(s->names, s->anames,
		    sizeof *s->names);
	}
	n = &s->names[s->nnames];
	n->pyx = xstrdup(pyx);
	n->name = xstrdup(name);
	n->loop = loop;
	n->choice = choice;
	n->seq = s->nnames++;
}

/* Row i, copied for the context x: its name after the prefix. */
static struct read_row *
loop_emit_row(struct loop_state *s, size_t i, const struct loop_ctx *x)
{
	const struct read_row	*row = &s->sh->rows[i];
	const struct loop_in	*in = &s->in[i];
	struct read_row		*r;
	char			*name, *pyx, *other, *full;
	size_t			 j;
	int			 line = row->line;

	r = loop_add(s, line, row->ncells, x->prefix);
	for (j = 0; j < row->ncells; j++) {
		if (j == s->tcol || !x->subst)
			r->cells[j] = xstrdup(row->cells[j]);
		else
			r->cells[j] = loop_text(s, row->cells[j], x->choice,
			    loop_lang(s, j));
	}
	if (r->cells[s->ncol] == NULL)
		r->cells[s->ncol] = xstrdup("");
	if (*r->cells[s->ncol] == '\0' && in->note && *x->prefix != '\0') {
		free(r->cells[s->ncol]);	/* as pyxform names it */
		xasprintf(&r->cells[s->ncol], "generated_note_name_%d",
		    s->b->form->nsheets != 0 ? READ_LINE_ROW(line) : line);
	}
	pyx = r->cells[s->ncol];
	if (in->kind != LOOP_GROUP_END && *pyx != '\0') {
		xasprintf(&name, "%s%s", x->prefix, pyx);
		loop_name_add(s, pyx, name, x->loop, 0);
		if (in->other) {	/* survey.c adds NAME_other */
			xasprintf(&other, "%s_other", pyx);
			xasprintf(&full, "%s_other", name);
			loop_name_add(s, other, full, x->loop, 0);
			free(full);
			free(other);
		}
		free(pyx);
		r->cells[s->ncol] = name;
	}
	loop_done(s, r);
	return r;
}

/* The group of choice c, named name, labelled with its label. */
static void
loop_choice_row(struct loop_state *s, int line, const char *prefix,
    const struct choice *c, const char *name, long loop)
{
	struct read_row	*r;
	size_t		 j, lang, any = 0, first = (size_t)-1;

	r = loop_add(s, line, s->sh->header.ncells, prefix);
	r->cells[s->tcol] = xstrdup("begin_group");
	r->cells[s->ncol] = xstrdup(name);
	for (j = 0; j < r->ncells; j++) {
		if (s->cols[j].kind != COLUMN_LABEL || s->cols[j].lang < 0 ||
		    r->cells[j] != NULL)
			continue;
		lang = (size_t)s->cols[j].lang;
		if (first == (size_t)-1)
			first = j;
		if (c->label[lang] != NULL && *c->label[lang] != '\0') {
			r->cells[j] = xstrdup(c->label[lang]);
			any = 1;
		}
	}
	if (!any && first != (size_t)-1)
		r->cells[first] = xstrdup(c->name);
	loop_name_add(s, c->name, name, loop, 1);
	loop_done(s, r);
}

static void
loop_end_row(struct loop_state *s, int line, const char *prefix)
{
	struct read_row	*r;

	r = loop_add(s, line, s->sh->header.ncells, prefix);
	r->cells[s->tcol] = xstrdup("end_group");
	loop_done(s, r);
}

/* The rows of loop i read once, for a loop in error: no groups, and
 * %(name)s and %(label)s stand for nothing. */
static void
loop_flat(struct loop_state *s, size_t i, const struct loop_ctx *x)
{
	struct loop_ctx	 once = { x->prefix, NULL, 1, (long)i };

	s->in[i].failed = 1;
	loop_copy(s, i + 1, s->in[i].end, &once);
}

/* The list of loop i named name (consult's name full), or NULL when
 * the loop is in error. */
static const struct choice_list *
loop_check(struct loop_state *s, size_t i, const char *name,
    const char *full)
{
	const struct choice_list *l;
	const struct loop_in	*in = &s->in[i];
	char			*group, at[FORM_WHERE_MAX];
	size_t			 k, n = 0;
	int			 line = s->sh->rows[i].line, bad = 0;

	if (in->list == NULL)
		form_error(s->b, line, "begin loop needs a list name (begin "
		    "loop over LIST)");
	else if (strchr(in->list, ' ') != NULL)
		form_error(s->b, line, "begin loop over '%s': one list name, "
		    "not several words", in->list);
	else if (*name == '\0')
		form_error(s->b, line, "loop without name");
	else if (!alias_valid_name(full))
		form_error(s->b, line, "invalid name '%s' (a letter or _ "
		    "first, then letters, digits, _ - .)", name);
	else if ((l = loop_list(s->b->form, in->list)) == NULL)
		form_error(s->b, line, "loop '%s': choice list '%s' not found",
		    name, in->list);
	else {
		for (k = 0; k < l->nchoices; k++) {
			if (strcmp(l->choices[k].name, "none") == 0)
				continue;
			n++;
			xasprintf(&group, "%s-%s", full, l->choices[k].name);
			if (!bad && !alias_valid_name(group)) {
				form_error(s->b, line, "loop '%s': choice '%s' "
				    "of '%s' (at %s) cannot be part of a name "
				    "(letters, digits, _ - . only)", name,
				    l->choices[k].name, l->name, form_at(
				    s->b->form, l->choices[k].line, at,
				    sizeof at));
				bad = 1;
			}
			free(group);
		}
		if (n == 0)
			form_error(s->b, line, "loop '%s': list '%s' has no "
			    "choice to loop over (pyxform leaves out a choice "
			    "named 'none')", name, l->name);
		if (n != 0 && !bad)
			return l;
	}
	return NULL;
}

/* 1 if loop i would go beyond the limits (an error), else 0. */
static int
loop_too_big(struct loop_state *s, size_t i, const char *name,
    const struct choice_list *l)
{
	size_t	 k, n = 0, rows, bytes;

	loop_bound(s, i, &rows, &bytes);
	if (s->copied + rows <= LOOP_MAX_ROWS &&
	    s->bytes + bytes <= LOOP_MAX_BYTES)
		return 0;
	for (k = 0; k < l->nchoices; k++)
		n += strcmp(l->choices[k].name, "none") != 0;
	if (s->copied + rows > LOOP_MAX_ROWS)
		form_error(s->b, s->sh->rows[i].line, "loop '%s' makes %zu "
		    "rows for its %zu choices; the loops of a form make at "
		    "most %d in all", name, rows, n, LOOP_MAX_ROWS);
	else
		form_error(s->b, s->sh->rows[i].line, "loop '%s' makes up to "
		    "%zu MiB of text for its %zu choices; the loops of a form "
		    "make at most %d MiB in all", name,
		    (bytes + (1 << 20) - 1) >> 20, n, LOOP_MAX_BYTES >> 20);
	return 1;
}

/* Loop i in context x: a group named after it, holding for each choice
 * a group holding a copy of its rows. */
static void
loop_one(struct loop_state *s, size_t i, const struct loop_ctx *x)
{
	const struct choice_list *l = NULL;
	const struct choice	*c;
	struct loop_ctx		 body;
	struct read_row		*r;
	char			*name, *full, *group, *prefix;
	size_t			 k, end = s->in[i].end;
	int			 endline;

	name = x->subst ? loop_text(s, form_cell(&s->sh->rows[i], s->ncol),
	    x->choice, s->b->form->default_lang) :
	    xstrdup(form_cell(&s->sh->rows[i], s->ncol));
	xasprintf(&full, "%s%s", x->prefix, name);
	if (!s->in[i].failed)
		l = loop_check(s, i, name, full);
	if (l == NULL || (s->depth == 0 && loop_too_big(s, i, name, l))) {
		loop_flat(s, i, x);
		goto out;
	}
	endline = end < s->sh->nrows ? s->sh->rows[end].line :
	    s->sh->rows[i].line;
	s->depth++;
	r = loop_emit_row(s, i, x);
	free(r->cells[s->tcol]);
	r->cells[s->tcol] = xstrdup("begin_group");
	for (k = 0; k < l->nchoices; k++) {
		c = &l->choices[k];
		if (strcmp(c->name, "none") == 0)
			continue;
		xasprintf(&group, "%s-%s", full, c->name);
		xasprintf(&prefix, "%s-", group);
		loop_choice_row(s, s->sh->rows[i].line, x->prefix, c, group,
		    (long)i);
		body.prefix = prefix;
		body.choice = c;
		body.subst = 1;
		body.loop = (long)i;
		loop_copy(s, i + 1, end, &body);
		loop_end_row(s, endline, x->prefix);
		free(prefix);
		free(group);
	}
	loop_end_row(s, endline, x->prefix);
	s->depth--;
out:
	free(full);
	free(name);
}

/* Rows [lo, hi) copied for context x, loops expanded. */
static void
loop_copy(struct loop_state *s, size_t lo, size_t hi,
    const struct loop_ctx *x)
{
	size_t	 i;

	for (i = lo; i < hi; i++) {
		switch (s->in[i].kind) {
		case LOOP_SKIP:
		case LOOP_END:
			break;
		case LOOP_BEGIN:
			loop_one(s, i, x);
			i = s->in[i].end;
			break;
		default:
			loop_emit_row(s, i, x);
			break;
		}
	}
}

static void
loop_row_copy(struct read_row *to, const struct read_row *from)
{
	size_t	 j;

	to->line = from->line;
	to->ncells = from->ncells;
	to->cells = xcalloc(from->ncells + 1, sizeof *to->cells);
	for (j = 0; j < from->ncells; j++)
		to->cells[j] = xstrdup(from->cells[j]);
}

/* 1 if a type cell may name a loop (a quick look before the work). */
static int
loop_maybe(const struct read_sheet *sh, size_t tcol)
{
	const char	*p;
	size_t		 i;

	for (i = 0; i < sh->nrows; i++) {
		for (p = form_cell(&sh->rows[i], tcol); *p != '\0'; p++) {
			if (strncasecmp(p, "loop", 4) == 0)
				return 1;
		}
	}
	return 0;
}

static void
loop_state_clear(struct loop_state *s)
{
	size_t	 i;

	for (i = 0; s->in != NULL && i < s->sh->nrows; i++)
		free(s->in[i].list);
	free(s->in);
	for (i = 0; i < s->nnames; i++) {
		free(s->names[i].pyx);
		free(s->names[i].name);
	}
	free(s->names);
	for (i = 0; i < s->nout; i++)
		free(s->prefix[i]);
	free(s->prefix);
	free(s->cols);
}

const struct read_sheet *
loop_expand(struct form_builder *b, const struct read_sheet *sh,
    struct read_sheet *out)
{
	struct loop_state	 s;
	struct loop_ctx		 top = { "", NULL, 0, -1 };
	size_t			 i;
	int			 tcol = -1, ncol = -1;

	memset(out, 0, sizeof *out);
	memset(&s, 0, sizeof s);
	s.b = b;
	s.sh = sh;
	s.cols = form_columns(b, &sh->header, 0);
	for (i = sh->header.ncells; i > 0; i--) {
		if (s.cols[i - 1].kind == COLUMN_TYPE)
			tcol = (int)i - 1;
		if (s.cols[i - 1].kind == COLUMN_NAME)
			ncol = (int)i - 1;
	}
	if (tcol == -1 || ncol == -1 || !loop_maybe(sh, (size_t)tcol))
		goto none;
	s.tcol = (size_t)tcol;
	s.ncol = (size_t)ncol;
	if (!loop_classify(&s))
		goto none;
	loop_structure(&s);
	loop_other(&s);
	loop_copy(&s, 0, sh->nrows, &top);
	loop_refs(&s);
	out->name = xstrdup(sh->name);
	out->label = sh->label != NULL ? xstrdup(sh->label) : NULL;
	out->line = sh->line;
	loop_row_copy(&out->header, &sh->header);
	out->rows = s.out;
	out->nrows = s.nout;
	loop_state_clear(&s);
	return out;
none:
	loop_state_clear(&s);
	return sh;
}

void
loop_sheet_clear(struct read_sheet *sh)
{
	size_t	 i, j;

	for (i = 0; i < sh->nrows; i++) {
		for (j = 0; j < sh->rows[i].ncells; j++)
			free(sh->rows[i].cells[j]);
		free(sh->rows[i].cells);
	}
	free(sh->rows);
	for (j = 0; j < sh->header.ncells; j++)
		free(sh->header.cells[j]);
	free(sh->header.cells);
	free(sh->name);
	free(sh->label);
	memset(sh, 0, sizeof *sh);
}
