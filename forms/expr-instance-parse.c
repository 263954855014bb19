/* expr-instance-parse.c: parse ODK's lookups in a secondary instance,
 * instance('L')/root/item[PREDICATE]...[PREDICATE]/COLUMN, and what a
 * predicate adds to expressions (its item's columns as bare names,
 * position() and last()). L is, as pyxform makes instances of them, a
 * list of the choices sheet (or of external_choices), or a CSV file
 * L.csv the form reads (select_one_from_file L.csv, csv-external L,
 * pulldata('L', ...)). Anything else is refused with what it is. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/expr-parser.h"
#include "forms/form-private.h"

#define INSTANCE_MAX_PREDICATES	16

static const char instance_shape[] = "consult reads "
    "instance('list')/root/item[predicate]/column only";

/* The dataset named: a list not read from a file, else a file name.csv
 * (the list read from it is then left aside: the file has every
 * column). 0, or -1 with *cause. */
static int
instance_resolve(struct expr_parser *ps, struct expr *e, const char *name)
{
	const struct form *f = ps->form;
	size_t		 i, n = strlen(name);

	e->list = e->file = -1;
	for (i = 0; i < f->nlists; i++) {
		if (strcmp(f->lists[i].name, name) == 0 && (n < 4 ||
		    strcasecmp(name + n - 4, ".csv") != 0)) {
			e->list = (int)i;
			return 0;
		}
	}
	for (i = 0; i < f->nfiles; i++) {
		if (strncmp(f->files[i].name, name, n) == 0 &&
		    strcasecmp(f->files[i].name + n, ".csv") == 0) {
			e->file = (int)i;
			return 0;
		}
	}
	if (n > 4 && strcasecmp(name + n - 4, ".csv") == 0)
		xasprintf(&ps->cause, "instance('%s'): an instance is named "
		    "without .csv (instance('%.*s'))", name, (int)(n - 4),
		    name);
	else
		xasprintf(&ps->cause, "instance('%s'): no list '%s' in the "
		    "choices sheet, and no file %s.csv the form reads (name it "
		    "in a csv-external row, a select_one_from_file or "
		    "pulldata())", name, name, name);
	return -1;
}

/* For a file: labels[lang] from its label and label::LANG columns. */
static void
instance_file_labels(const struct form *f, struct expr *e)
{
	const struct form_file *ff = &f->files[e->file];
	char		*lang;
	size_t		 i;
	int		 l;

	e->labels = xcalloc(f->nlangs + 1, sizeof *e->labels);
	for (i = 0; i < f->nlangs; i++)
		e->labels[i] = -1;
	for (i = 0; ff->nrows > 0 && i < ff->ncells[0]; i++) {
		if (alias_column(ff->rows[0][i], &lang) != COLUMN_LABEL) {
			free(lang);
			continue;
		}
		l = lang != NULL ? form_find_lang(f, lang) :
		    (int)f->default_lang;
		if (l >= 0 && (size_t)l < f->nlangs && e->labels[l] == -1)
			e->labels[l] = (int)i;
		free(lang);
	}
}

/* The column named in the dataset of e; -1 with *cause when none. */
static int
instance_column(struct expr_parser *ps, const struct expr *e,
    const char *name, int *col)
{
	const struct form *f = ps->form;
	const struct form_file *ff;
	size_t		 i;

	if (strcmp(name, "label") == 0 && (e->list >= 0 ||
	    e->labels != NULL)) {
		for (i = 0; e->list < 0 && i < f->nlangs; i++) {
			if (e->labels[i] >= 0)
				break;
		}
		if (e->list >= 0 || i < f->nlangs) {
			*col = EXPR_COLUMN_LABEL;
			return 0;
		}
	}
	if (e->list >= 0) {
		if (strcmp(name, "name") == 0)
			*col = EXPR_COLUMN_NAME;
		else if (strcmp(name, "itextId") == 0)
			*col = EXPR_COLUMN_ITEXT;
		for (i = 0; *col == EXPR_COLUMN_NONE &&
		    i < f->nchoice_columns; i++) {
			if (str_ieq(f->choice_columns[i], name))
				*col = (int)i;
		}
	} else {
		ff = &f->files[e->file];
		for (i = 0; ff->nrows > 0 && i < ff->ncells[0]; i++) {
			if (strcmp(ff->rows[0][i], name) == 0) {
				*col = (int)i;
				break;
			}
		}
	}
	if (*col != EXPR_COLUMN_NONE)
		return 0;
	xasprintf(&ps->cause, "instance('%s'): no column '%s' in %s", e->str,
	    name, e->list >= 0 ? "the choices sheet" :
	    f->files[e->file].name);
	return -1;
}

/* Expect the name word after a '/': 0, or -1 with *cause. */
static int
instance_step(struct expr_parser *ps, const char *word)
{
	if (ps->token != TOKEN_SLASH || expr_lex(ps) != 0 ||
	    !expr_token_is(ps, word) || expr_lex(ps) != 0) {
		if (ps->cause == NULL)
			xasprintf(&ps->cause, "unsupported path after "
			    "instance(): %s", instance_shape);
		return -1;
	}
	return 0;
}

/* [predicate]: the current token is '['. */
static int
instance_predicate(struct expr_parser *ps, struct expr *e)
{
	struct expr	*saved = ps->inst, *p;

	if (e->nargs == INSTANCE_MAX_PREDICATES) {
		xasprintf(&ps->cause, "instance('%s'): more than %d "
		    "predicates", e->str, INSTANCE_MAX_PREDICATES);
		return -1;
	}
	if (expr_lex(ps) != 0)
		return -1;
	ps->inst = e;
	p = expr_parse_level(ps, 0);
	ps->inst = saved;
	if (p == NULL)
		return -1;
	e->args = xreallocarray(e->args, e->nargs + 1, sizeof *e->args);
	e->args[e->nargs++] = p;
	if (p->height >= e->height)
		e->height = p->height + 1;
	if (ps->token != TOKEN_RBRACKET) {
		if (ps->token == TOKEN_END)
			ps->cause = xstrdup("missing ']'");
		expr_syntax_error(ps);
		return -1;
	}
	return expr_lex(ps);
}

/* A predicate of the form COLUMN = value (either side), the value
 * without anything of the item: keyed, the value computed once. */
static void
instance_keyed(struct expr *p)
{
	size_t	 k;

	if (p->kind != EXPR_EQ || p->args[0]->kind == p->args[1]->kind)
		return;
	k = p->args[1]->kind == EXPR_ITEM;
	if (p->args[k]->kind != EXPR_ITEM || p->args[k]->index < -3)
		return;
	if (!expr_instance_free(p->args[1 - k]))
		return;
	p->keyed = 1 + (int)k;	/* 1 + the side of the column */
}

struct expr *
expr_parse_instance(struct expr_parser *ps)
{
	struct expr	*e;
	char		*name = NULL;
	size_t		 i;

	e = expr_node(EXPR_INSTANCE);
	e->index = EXPR_COLUMN_NONE;
	e->list = e->file = -1;
	if (expr_lex(ps) != 0 || expr_lex(ps) != 0)	/* name, '(' */
		goto fail;
	if (ps->token != TOKEN_STRING) {
		ps->cause = xstrdup("instance() takes the name of a list in "
		    "quotes");
		goto fail;
	}
	e->str = xstrndup(ps->start + 1, ps->len - 2);
	if (expr_lex(ps) != 0 || ps->token != TOKEN_RPAREN) {
		if (ps->cause == NULL)
			ps->cause = xstrdup("instance() takes one argument, "
			    "the name of a list in quotes");
		goto fail;
	}
	if (instance_resolve(ps, e, e->str) != 0 || expr_lex(ps) != 0 ||
	    instance_step(ps, "root") != 0 || instance_step(ps, "item") != 0)
		goto fail;
	if (e->file >= 0)
		instance_file_labels(ps->form, e);
	while (ps->token == TOKEN_LBRACKET) {
		if (instance_predicate(ps, e) != 0)
			goto fail;
	}
	if (ps->token == TOKEN_SLASH) {
		if (expr_lex(ps) != 0)
			goto fail;
		if (ps->token != TOKEN_NAME) {
			xasprintf(&ps->cause, "unsupported path after "
			    "instance('%s')/root/item: %s", e->str,
			    instance_shape);
			goto fail;
		}
		name = xstrndup(ps->start, ps->len);
		if (instance_column(ps, e, name, &e->index) != 0 ||
		    expr_lex(ps) != 0)
			goto fail;
		if (ps->token == TOKEN_SLASH || ps->token == TOKEN_LBRACKET) {
			xasprintf(&ps->cause, "unsupported path after "
			    "instance('%s')/root/item/%s: %s", e->str, name,
			    instance_shape);
			goto fail;
		}
	}
	for (i = 0; i < e->nargs; i++)
		instance_keyed(e->args[i]);
	free(name);
	if (e->height > EXPR_MAX_HEIGHT) {
		ps->cause = xstrdup("expression nested too deeply");
		expr_free(e);
		return NULL;
	}
	return e;

fail:
	free(name);
	expr_free(e);
	return NULL;
}

/* A new EXPR_ITEM of ps->inst's dataset. */
static struct expr *
instance_item(struct expr_parser *ps, int col)
{
	const struct form *f = ps->form;
	struct expr	*e;

	e = expr_node(EXPR_ITEM);
	e->index = col;
	e->list = ps->inst->list;
	e->file = ps->inst->file;
	if (ps->inst->labels != NULL) {
		e->labels = xcalloc(f->nlangs + 1, sizeof *e->labels);
		memcpy(e->labels, ps->inst->labels,
		    f->nlangs * sizeof *e->labels);
	}
	return e;
}

struct expr *
expr_parse_item(struct expr_parser *ps, int *handled)
{
	const char	*p = ps->p;
	struct expr	*e = NULL;
	char		*name;
	int		 col = EXPR_COLUMN_NONE;

	*handled = 0;
	if (ps->inst == NULL)
		return NULL;
	p += strspn(p, " \t\r\n");
	if (*p == '(') {
		p++;
		p += strspn(p, " \t\r\n");
		if (*p != ')' || (!expr_token_is(ps, "position") &&
		    !expr_token_is(ps, "last")))
			return NULL;	/* a call, position(..) too */
		*handled = 1;
		e = instance_item(ps, ps->start[0] == 'p' ?
		    EXPR_ITEM_POSITION : EXPR_ITEM_LAST);
		if (expr_lex(ps) != 0 || expr_lex(ps) != 0 ||
		    expr_lex(ps) != 0) {	/* name ( ) */
			expr_free(e);
			return NULL;
		}
		return e;
	}
	*handled = 1;
	name = xstrndup(ps->start, ps->len);
	if (instance_column(ps, ps->inst, name, &col) == 0 &&
	    expr_lex(ps) == 0)
		e = instance_item(ps, col);
	free(name);
	return e;
}
