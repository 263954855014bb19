/* expr-instance.c: evaluate instance('L')/root/item[...]/column as ODK
 * does: the items of L (choices of a list, rows of a file but its
 * header and blank lines) in order, each predicate keeping those for
 * which it is true (or, when it is a number, the one at that position
 * among those the predicate sees, as XPath's [N]); the column of the
 * first item left, "" when none. Node-set functions (count, sum, join,
 * min, max) take every item left. A label is in the participant's
 * language (env->lang), else the form's default, else any; so is
 * jr:itext() of an itextId (pyxform writes a translated list's items
 * with an itextId in place of a label). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "forms/expr-private.h"

size_t
expr_env_lang(const struct expr_env *env, const struct form *f)
{
	if (env->lang > 0 && env->lang - 1 < f->nlangs)
		return env->lang - 1;
	return f->default_lang;
}

/* The number of rows of e's dataset, blank lines of a file included. */
static size_t
instance_rows(const struct expr *e, const struct form *f)
{
	if (e->list >= 0)
		return f->lists[e->list].nchoices;
	return f->files[e->file].nrows - 1;
}

/* 1 for a file's blank line, which is no item. */
static int
instance_blank(const struct expr *e, const struct form *f, size_t row)
{
	const struct form_file *ff;

	if (e->list >= 0)
		return 0;
	ff = &f->files[e->file];
	return ff->ncells[row + 1] == 0 || (ff->ncells[row + 1] == 1 &&
	    *ff->rows[row + 1][0] == '\0');
}

/* Cell col (-1: none, "") of a file's row (its header not counted). */
static const char *
instance_file_cell(const struct form_file *ff, size_t row, int col)
{
	if (col >= 0 && (size_t)col < ff->ncells[row + 1])
		return ff->rows[row + 1][col];
	return "";
}

/* Column col of a row of e's dataset (borrowed; *own set when made,
 * caller frees). */
static const char *
instance_cell(const struct expr *e, const struct expr_env *env, size_t row,
    int col, char **own)
{
	const struct form	*f = env->form;
	const struct choice	*ch;
	const struct form_file	*ff;
	const char		*s;
	size_t			 lang, i;

	*own = NULL;
	if (e->list >= 0) {
		ch = &f->lists[e->list].choices[row];
		switch (col) {
		case EXPR_COLUMN_NAME:
			return ch->name;
		case EXPR_COLUMN_LABEL:
			return form_text(f, ch->label, expr_env_lang(env, f));
		case EXPR_COLUMN_ITEXT:
			xasprintf(own, "%s-%zu", f->lists[e->list].name, row);
			return *own;
		default:
			if (col >= 0 && (size_t)col < f->nchoice_columns &&
			    ch->extra != NULL && ch->extra[col] != NULL)
				return ch->extra[col];
			return "";
		}
	}
	ff = &f->files[e->file];
	if (col == EXPR_COLUMN_LABEL && e->labels != NULL) {
		/* as form_text: the language, the default, any */
		lang = expr_env_lang(env, f);
		s = instance_file_cell(ff, row, e->labels[lang]);
		if (*s == '\0')
			s = instance_file_cell(ff, row,
			    e->labels[f->default_lang]);
		for (i = 0; *s == '\0' && i < f->nlangs; i++)
			s = instance_file_cell(ff, row, e->labels[i]);
		return s;
	}
	return instance_file_cell(ff, row, col);
}

void
expr_item_eval(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	const struct expr_item	*it = env->item;
	const char		*s;
	char			*own;

	if (it == NULL) {
		expr_value_set_string(out, "", NULL);
		return;
	}
	if (e->index == EXPR_ITEM_POSITION || e->index == EXPR_ITEM_LAST) {
		expr_value_set_number(out, (double)(e->index ==
		    EXPR_ITEM_POSITION ? it->pos : it->size));
		return;
	}
	s = instance_cell(e, env, it->row, e->index, &own);
	expr_value_set_string(out, own != NULL ? NULL : s, own);
}

/* 1 if p (a predicate) reads last(). */
static int
instance_uses_last(const struct expr *p)
{
	size_t	 i;

	if (p->kind == EXPR_ITEM && p->index == EXPR_ITEM_LAST)
		return 1;
	if (p->kind == EXPR_INSTANCE)
		return 0;
	for (i = 0; i < p->nargs; i++) {
		if (instance_uses_last(p->args[i]))
			return 1;
	}
	return 0;
}

int
expr_instance_free(const struct expr *p)
{
	size_t	 i;

	if (p->kind == EXPR_ITEM)
		return 0;
	if (p->kind == EXPR_INSTANCE)
		return 1;	/* its predicates read its own items */
	for (i = 0; i < p->nargs; i++) {
		if (!expr_instance_free(p->args[i]))
			return 0;
	}
	return 1;
}

/* Whether the item at row passes predicate p; key is the value of a
 * keyed predicate, computed once. */
static int
instance_test(const struct expr *e, const struct expr *p,
    const struct expr_env *sub, const struct expr_value *key)
{
	struct expr_value	 v;
	const struct expr	*col;
	const char		*s;
	char			*own;
	int			 ok;

	if (p->keyed) {
		col = p->args[p->keyed - 1];
		s = instance_cell(e, sub, sub->item->row, col->index, &own);
		if (key->type == EXPR_TYPE_BOOL)
			ok = (*s != '\0') == (key->num != 0);
		else if (key->type == EXPR_TYPE_NUMBER)
			ok = expr_string_number(s) == key->num;
		else
			ok = strcmp(s, key->s) == 0;
		free(own);
		return ok;
	}
	expr_eval_value(p, sub, &v);
	if (v.type == EXPR_TYPE_NUMBER)
		ok = v.num == (double)sub->item->pos;
	else
		ok = expr_value_bool(&v);
	expr_value_clear(&v);
	return ok;
}

/* A keyed predicate COLUMN = text on every item (n rows) of e: a list's
 * names by its index when only the first is wanted, a file's column by
 * strcmp as pulldata() does. 1 with *kept set, or 0 when neither (go
 * item by item). */
static int
instance_scan(const struct expr *e, int col, const struct form *f,
    const char *key, size_t n, int first, size_t *out, size_t *kept)
{
	const struct form_file	*ff;
	size_t			 row;
	int			 c;

	*kept = 0;
	if (e->list >= 0) {
		if (col != EXPR_COLUMN_NAME || !first ||
		    f->lists[e->list].slots == NULL)
			return 0;
		if ((c = choice_list_find(&f->lists[e->list], key,
		    strlen(key))) >= 0)
			out[(*kept)++] = (size_t)c;
		return 1;
	}
	if (col < 0)
		return 0;
	ff = &f->files[e->file];
	for (row = 1; row <= n; row++) {
		if ((size_t)col >= ff->ncells[row] ||
		    strcmp(ff->rows[row][col], key) != 0)
			continue;
		if (ff->ncells[row] == 1 && *ff->rows[row][0] == '\0')
			continue;	/* a blank line */
		out[(*kept)++] = row - 1;
		if (first)
			break;
	}
	return 1;
}

/* Keep the rows of in (n of them; NULL: every item of the dataset)
 * that pass predicate k, into out (which may be in); stop after the
 * first when first is set. Returns how many. */
static size_t
instance_filter(const struct expr *e, size_t k, const struct expr_env *env,
    const size_t *in, size_t n, int first, size_t *out)
{
	const struct expr	*p = e->args[k];
	struct expr_env		 sub = *env;
	struct expr_item	 it;
	struct expr_value	 key;
	size_t			 i, kept = 0, row;

	memset(&key, 0, sizeof key);
	if (p->keyed) {
		expr_eval_value(p->args[2 - p->keyed], env, &key);
		if (in == NULL && key.type == EXPR_TYPE_STRING &&
		    instance_scan(e, p->args[p->keyed - 1]->index, env->form,
		    key.s, n, first, out, &kept)) {
			expr_value_clear(&key);
			return kept;
		}
	}
	it.size = n;
	if (in == NULL && instance_uses_last(p)) {
		for (i = it.size = 0; i < n; i++)
			it.size += !instance_blank(e, env->form, i);
	}
	sub.item = &it;
	it.pos = 0;
	for (i = 0; i < n; i++) {
		row = in != NULL ? in[i] : i;
		if (in == NULL && instance_blank(e, env->form, row))
			continue;
		it.row = row;
		it.pos++;
		if (instance_test(e, p, &sub, &key)) {
			out[kept++] = row;
			if (first)
				break;
		}
	}
	if (p->keyed)
		expr_value_clear(&key);
	return kept;
}

/* The items of e left after its predicates into *rows (caller frees),
 * only the first when first is set; their count. */
static size_t
instance_match(const struct expr *e, const struct expr_env *env, int first,
    size_t **rows)
{
	size_t	 n = instance_rows(e, env->form), i, k, kept = 0;

	/* The first of one predicate needs no room for the others. */
	*rows = xcalloc(first && e->nargs <= 1 ? 1 : n + 1, sizeof **rows);
	if (e->nargs == 0) {
		for (i = 0; i < n && !(first && kept == 1); i++) {
			if (!instance_blank(e, env->form, i))
				(*rows)[kept++] = i;
		}
		return kept;
	}
	kept = n;
	for (k = 0; k < e->nargs && (kept > 0 || k == 0); k++)
		kept = instance_filter(e, k, env, k == 0 ? NULL : *rows, kept,
		    first && k + 1 == e->nargs, *rows);
	return kept;
}

void
expr_instance_eval(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	size_t		*rows, n;
	const char	*s;
	char		*own;

	expr_value_set_string(out, "", NULL);
	if (env->form == NULL)
		return;
	n = instance_match(e, env, 1, &rows);
	if (n > 0 && e->index != EXPR_COLUMN_NONE) {
		s = instance_cell(e, env, rows[0], e->index, &own);
		expr_value_set_string(out, own != NULL ? NULL : s, own);
	}
	free(rows);
}

void
expr_instance_each(const struct expr *e, const struct expr_env *env,
    void (*fn)(const char *, void *), void *arg)
{
	size_t		*rows, n, i;
	const char	*s;
	char		*own;

	if (env->form == NULL)
		return;
	n = instance_match(e, env, 0, &rows);
	for (i = 0; i < n; i++) {
		if (e->index == EXPR_COLUMN_NONE) {
			fn("", arg);
			continue;
		}
		s = instance_cell(e, env, rows[i], e->index, &own);
		fn(s, arg);
		free(own);
	}
	free(rows);
}

/* The predicates of an instance() that needs no column. */
static int
expr_instance_misplaced_in(const struct expr *e, char **cause)
{
	size_t	 i;

	for (i = 0; i < e->nargs; i++) {
		if (expr_instance_misplaced(e->args[i], cause))
			return 1;
	}
	return 0;
}

int
expr_instance_misplaced(const struct expr *e, char **cause)
{
	size_t	 i;
	int	 count;

	if (e->kind == EXPR_INSTANCE && e->index == EXPR_COLUMN_NONE) {
		xasprintf(cause, "instance('%s')/root/item needs a column "
		    "(/root/item[...]/name) except in count()", e->str);
		return 1;
	}
	count = e->kind == EXPR_CALL && (strcmp(e->func->name, "count") == 0 ||
	    strcmp(e->func->name, "count-non-empty") == 0);
	for (i = 0; i < e->nargs; i++) {
		if (count && e->args[i]->kind == EXPR_INSTANCE) {
			if (expr_instance_misplaced_in(e->args[i], cause))
				return 1;
		} else if (expr_instance_misplaced(e->args[i], cause))
			return 1;
	}
	return 0;
}

/* jr:itext(id): the label of the item that pyxform's itextId "L-N" (or
 * "static_instance-L-N", as older pyxform wrote it) names, choice N
 * (from 0) of list L, in the participant's language; "" for another
 * id. */
static void
expr_fn_itext(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	const struct form	*f = env->form;
	struct expr_value	 v;
	char			 buf[EXPR_NUMBER_SIZE];
	const char		*id, *dash, *p;
	size_t			 i, n = 0;

	expr_value_set_string(out, "", NULL);
	id = expr_arg_text(e, 0, env, &v, buf);
	if (strncmp(id, "static_instance-", 16) == 0)
		id += 16;
	if (f == NULL || (dash = strrchr(id, '-')) == NULL || dash[1] == '\0')
		goto out;
	for (p = dash + 1; isdigit((unsigned char)*p) && n < (1u << 30); p++)
		n = n * 10 + (size_t)(*p - '0');
	if (*p != '\0')
		goto out;
	for (i = 0; i < f->nlists; i++) {
		if (strlen(f->lists[i].name) == (size_t)(dash - id) &&
		    memcmp(f->lists[i].name, id, dash - id) == 0 &&
		    n < f->lists[i].nchoices) {
			expr_value_set_string(out, form_text(f,
			    f->lists[i].choices[n].label,
			    expr_env_lang(env, f)), NULL);
			break;
		}
	}
out:
	expr_value_clear(&v);
}

const struct expr_func expr_instance_funcs[] = {
	{ "jr:itext", 1, 1, expr_fn_itext },
	{ NULL, 0, 0, NULL },
};
