/* loop-rows.c: the survey rows as loops see them: which begins or ends
 * a loop, a group or a repeat; each loop matched with its end, the groups
 * in it ending in it; the %-specifications of the rows of loops. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/loop-private.h"

static const char *const loop_begin_words[] = {
	"begin loop", "begin_loop",
};
static const char *const loop_end_words[] = {
	"end loop", "end_loop",
};

/* The number of words of phrase that w[0..n) starts with, or 0. */
static size_t
loop_phrase(char *const *w, size_t n, const char *phrase)
{
	const char	*p = phrase;
	size_t		 k, len;

	for (k = 0; *p != '\0'; k++) {
		len = strcspn(p, " ");
		if (k >= n || strlen(w[k]) != len ||
		    strncasecmp(w[k], p, len) != 0)
			return 0;
		p += len;
		p += strspn(p, " ");
	}
	return k;
}

/* 1 for a begin loop row (*list: the words after it and "over", or
 * NULL; caller frees), 2 for an end loop row, 0 for any other. */
static int
loop_word(const char *cell, char **list)
{
	struct buf	 b;
	char		*copy, **w, *last, *p;
	size_t		 n = 0, i, k = 0;
	int		 r = 0;

	*list = NULL;
	copy = xstrdup(cell);
	w = xcalloc(strlen(cell) / 2 + 2, sizeof *w);
	for (p = strtok_r(copy, " \t\n", &last); p != NULL;
	    p = strtok_r(NULL, " \t\n", &last))
		w[n++] = p;
	for (i = 0; i < nitems(loop_begin_words) && r == 0; i++) {
		if ((k = loop_phrase(w, n, loop_begin_words[i])) != 0)
			r = 1;
	}
	for (i = 0; i < nitems(loop_end_words) && r == 0; i++) {
		if (loop_phrase(w, n, loop_end_words[i]) == n && n != 0)
			r = 2;
	}
	if (r == 1) {
		if (k < n && str_ieq(w[k], "over"))
			k++;
		buf_init(&b);
		for (i = k; i < n; i++)
			buf_printf(&b, "%s%s", i == k ? "" : " ", w[i]);
		if (k < n)
			*list = xstrdup(buf_str(&b));
		buf_clear(&b);
	}
	free(w);
	free(copy);
	return r;
}

/* What each row is; 1 if the sheet has a loop. */
int
loop_classify(struct loop_state *s)
{
	const struct read_row	*row;
	struct loop_in		*in;
	struct question		 q;
	enum question_type	 type;
	const char		*cell;
	size_t			 i, j;
	int			 any = 0, w;

	s->in = xcalloc(s->sh->nrows, sizeof *s->in);
	for (i = 0; i < s->sh->nrows; i++) {
		row = &s->sh->rows[i];
		in = &s->in[i];
		for (j = 0; j < row->ncells && j < s->sh->header.ncells; j++) {
			if (s->cols[j].kind == COLUMN_DISABLED &&
			    survey_yes(row->cells[j]))
				in->kind = LOOP_SKIP;
		}
		cell = form_cell(row, s->tcol);
		if (in->kind == LOOP_SKIP)
			continue;
		if ((w = loop_word(cell, &in->list)) != 0) {
			in->kind = w == 1 ? LOOP_BEGIN : LOOP_END;
			any = 1;
			continue;
		}
		memset(&q, 0, sizeof q);
		if (repeat_type(s->b, &q, cell)) {
			in->kind = q.type == QUESTION_BEGIN_GROUP ?
			    LOOP_GROUP_BEGIN : LOOP_GROUP_END;
			in->repeat = 1;
		} else if (alias_type_other(cell, &type, &in->list,
		    &in->other) == ALIAS_TYPE_OK) {
			if (type == QUESTION_BEGIN_GROUP)
				in->kind = LOOP_GROUP_BEGIN;
			else if (type == QUESTION_END_GROUP)
				in->kind = LOOP_GROUP_END;
			in->note = type == QUESTION_NOTE;
		}
	}
	return any;
}

/* The open groups, repeats and loops while the rows are read; loops
 * also on a stack of their own (their places in v). */
struct loop_stack {
	size_t		*v;		/* rows */
	size_t		 n;
	size_t		*loops;		/* places in v */
	size_t		 nloops;
};

/* A %-specification in error in a row of a loop. */
static void
loop_check_row(struct loop_state *s, size_t i)
{
	const struct read_row	*row = &s->sh->rows[i];
	enum column_kind	 kind;
	char			*cause;
	size_t			 j;

	for (j = 0; j < row->ncells && j < s->sh->header.ncells; j++) {
		kind = s->cols[j].kind;
		if (j == s->tcol || kind == COLUMN_OTHER ||
		    kind == COLUMN_IGNORED)
			continue;
		if (loop_text_check(s, row->cells[j], &cause) != 0) {
			form_error(s->b, row->line, "%s (in %s)", cause,
			    s->sh->header.cells[j]);
			free(cause);
		}
	}
}

/* An end loop: the loop it ends, or an error. */
static void
loop_end(struct loop_state *s, struct loop_stack *st, size_t i)
{
	const struct read_sheet	*sh = s->sh;
	char			 at[FORM_WHERE_MAX];
	size_t			 k, top;

	if (st->nloops == 0) {
		form_error(s->b, sh->rows[i].line, "end loop without begin "
		    "loop");
		s->in[i].kind = LOOP_SKIP;
		return;
	}
	k = st->loops[--st->nloops];
	if (k != st->n - 1) {
		top = st->v[st->n - 1];
		form_error(s->b, sh->rows[i].line, "end loop while %s '%s' "
		    "(opened at %s) is open: a group begun in a loop ends in "
		    "it", s->in[top].repeat ? "repeat" : "group",
		    form_cell(&sh->rows[top], s->ncol), form_at(s->b->form,
		    sh->rows[top].line, at, sizeof at));
		s->in[st->v[k]].failed = 1;
	}
	s->in[st->v[k]].end = i;
	st->n = k;
}

/* An end_group or end_repeat: ends the innermost group, unless it is
 * a loop's. */
static void
loop_group_end(struct loop_state *s, struct loop_stack *st, size_t i)
{
	const struct read_sheet	*sh = s->sh;
	char			 at[FORM_WHERE_MAX];
	size_t			 top;

	if (st->n == 0)
		return;		/* survey.c says so */
	top = st->v[st->n - 1];
	if (s->in[top].kind != LOOP_BEGIN) {
		st->n--;
		return;
	}
	form_error(s->b, sh->rows[i].line, "%s inside loop '%s' (opened at "
	    "%s) ends no group begun in the loop", s->in[i].repeat ?
	    "end_repeat" : "end_group", form_cell(&sh->rows[top], s->ncol),
	    form_at(s->b->form, sh->rows[top].line, at, sizeof at));
	s->in[top].failed = 1;
}

/* Match each loop with its end, and see that the groups in it end in
 * it; check the %-specifications of the rows of loops. */
void
loop_structure(struct loop_state *s)
{
	const struct read_sheet	*sh = s->sh;
	struct loop_stack	 st;
	struct loop_in		*in;
	size_t			 i, k;

	st.v = xcalloc(sh->nrows + 1, sizeof *st.v);
	st.loops = xcalloc(sh->nrows + 1, sizeof *st.loops);
	st.n = st.nloops = 0;
	for (i = 0; i < sh->nrows; i++) {
		in = &s->in[i];
		if (st.nloops != 0 && in->kind != LOOP_END &&
		    in->kind != LOOP_SKIP)
			loop_check_row(s, i);
		switch (in->kind) {
		case LOOP_BEGIN:
			in->outer = st.nloops != 0 ?
			    (long)st.v[st.loops[st.nloops - 1]] : -1;
			st.loops[st.nloops++] = st.n;
			/* FALLTHROUGH */
		case LOOP_GROUP_BEGIN:
			st.v[st.n++] = i;
			break;
		case LOOP_GROUP_END:
			loop_group_end(s, &st, i);
			break;
		case LOOP_END:
			loop_end(s, &st, i);
			break;
		default:
			break;
		}
	}
	for (k = 0; k < st.nloops; k++) {
		i = st.v[st.loops[k]];
		form_error(s->b, sh->rows[i].line, "loop '%s' has no end loop",
		    form_cell(&sh->rows[i], s->ncol));
		s->in[i].end = sh->nrows;
		s->in[i].failed = 1;
	}
	free(st.loops);
	free(st.v);
}

struct choice_list *
loop_list(struct form *f, const char *name)
{
	size_t	 i;

	for (i = 0; i < f->nlists; i++) {
		if (!f->lists[i].external &&
		    strcmp(f->lists[i].name, name) == 0)
			return &f->lists[i];
	}
	return NULL;
}

/* pyxform adds choice "other" to the list of a select with or_other
 * before it expands a loop over that list. */
void
loop_other(struct loop_state *s)
{
	struct form	*f = s->b->form;
	struct choice_list *l;
	char		*looped;
	size_t		 i;

	looped = xcalloc(f->nlists + 1, 1);
	for (i = 0; i < s->sh->nrows; i++) {
		if (s->in[i].kind == LOOP_BEGIN && s->in[i].list != NULL &&
		    (l = loop_list(f, s->in[i].list)) != NULL)
			looped[l - f->lists] = 1;
	}
	for (i = 0; i < s->sh->nrows; i++) {
		if (s->in[i].kind != LOOP_BEGIN && s->in[i].other &&
		    s->in[i].list != NULL &&
		    (l = loop_list(f, s->in[i].list)) != NULL &&
		    looped[l - f->lists])
			choices_add_other(f, l);
	}
	free(looped);
}

/* Sizes beyond this are all too large. */
#define LOOP_SIZE_CAP	((size_t)1 << 40)

static size_t
loop_add_sat(size_t a, size_t b)
{
	return a + b > LOOP_SIZE_CAP || a + b < a ? LOOP_SIZE_CAP : a + b;
}

static size_t
loop_mul_sat(size_t a, size_t b)
{
	if (a != 0 && b > LOOP_SIZE_CAP / a)
		return LOOP_SIZE_CAP;
	return a * b;
}

/* The longest text a %(...)s of list l stands for. */
static size_t
loop_longest(const struct form *f, const struct choice_list *l)
{
	const struct choice	*c;
	size_t			 i, j, n = 0, len;

	for (i = 0; l != NULL && i < l->nchoices; i++) {
		c = &l->choices[i];
		if ((len = strlen(c->name)) > n)
			n = len;
		for (j = 0; j < f->nlangs; j++) {
			if (c->label[j] != NULL && (len = strlen(c->label[j])) >
			    n)
				n = len;
		}
		for (j = 0; j < f->nchoice_columns; j++) {
			if (c->extra[j] != NULL && (len = strlen(c->extra[j])) >
			    n)
				n = len;
		}
	}
	return n;
}

/* At most the bytes of a copy of cell, each % standing for longest. */
static size_t
loop_cell_bytes(const char *cell, size_t longest)
{
	size_t	 n = strlen(cell) + 1;

	for (; *cell != '\0'; cell++) {
		if (*cell == '%')
			n = loop_add_sat(n, longest);
	}
	return n;
}

/* At most the bytes of a copy of row i: its cells, a name made for it
 * (32 bytes), the cells added to the header's width. */
static size_t
loop_row_bytes(const struct loop_state *s, size_t i, size_t longest)
{
	const struct read_row	*row = &s->sh->rows[i];
	size_t			 j, n = 32 + s->sh->header.ncells + 2;

	for (j = 0; j < row->ncells; j++)
		n = loop_add_sat(n, loop_cell_bytes(row->cells[j], longest));
	return n;
}

static void loop_size(struct loop_state *, size_t, size_t, size_t,
		    size_t *, size_t *);

void
loop_bound(struct loop_state *s, size_t i, size_t *rows, size_t *bytes)
{
	struct loop_in		*in = &s->in[i];
	const struct choice_list *l = NULL;
	size_t			 outer = 0, longest, n = 0, k, br, bb, grow;
	size_t			 per;

	if (in->sized)
		goto out;
	if (in->outer != -1 && s->in[in->outer].list != NULL)
		outer = loop_longest(s->b->form, loop_list(s->b->form,
		    s->in[in->outer].list));
	if (in->list != NULL && (l = loop_list(s->b->form, in->list)) != NULL)
		for (k = 0; k < l->nchoices; k++)
			n += strcmp(l->choices[k].name, "none") != 0;
	longest = loop_longest(s->b->form, l);
	loop_size(s, i + 1, in->end, longest, &br, &bb);
	/* The prefix a copy's name gets: LOOP-CHOICE-. */
	grow = loop_add_sat(loop_cell_bytes(form_cell(&s->sh->rows[i],
	    s->ncol), outer), longest + 2);
	/* A choice: its group and end rows, the copies with their names. */
	per = loop_add_sat(loop_mul_sat(2, loop_add_sat(grow, loop_mul_sat(
	    longest + 1, s->sh->header.ncells + 1))), loop_add_sat(bb,
	    loop_mul_sat(br, grow)));
	if (l == NULL || n == 0 || in->failed) {
		in->rows = br;		/* read once */
		in->bytes = bb;
	} else {
		in->rows = loop_add_sat(2, loop_mul_sat(n, br + 2));
		in->bytes = loop_add_sat(loop_mul_sat(2, loop_row_bytes(s, i,
		    outer)), loop_mul_sat(n, per));
	}
	in->sized = 1;
out:
	*rows = in->rows;
	*bytes = in->bytes;
}

/* At most the rows and bytes that the copies of rows [lo, hi) make. */
static void
loop_size(struct loop_state *s, size_t lo, size_t hi, size_t longest,
    size_t *rows, size_t *bytes)
{
	size_t	 i, r, b;

	*rows = *bytes = 0;
	for (i = lo; i < hi; i++) {
		switch (s->in[i].kind) {
		case LOOP_SKIP:
		case LOOP_END:
			continue;
		case LOOP_BEGIN:
			loop_bound(s, i, &r, &b);
			i = s->in[i].end;
			break;
		default:
			r = 1;
			b = loop_row_bytes(s, i, longest);
			break;
		}
		*rows = loop_add_sat(*rows, r);
		*bytes = loop_add_sat(*bytes, b);
	}
}
