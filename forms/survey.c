/* survey.c: the survey sheet: questions, their groups, the checks that
 * need the whole form, then the expressions of every question. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/form-private.h"

/* Open groups while reading the rows. */
struct survey_groups {
	int		*v;
	size_t		 n;
};

int
survey_add(struct form_builder *b, int line)
{
	struct form	*f = b->form;
	struct question	*q;

	if (f->nquestions == b->aquestions) {	/* not one by one: loops */
		b->aquestions = b->aquestions != 0 ? b->aquestions * 2 : 64;
		f->questions = xreallocarray(f->questions, b->aquestions,
		    sizeof *f->questions);
		b->pending = xreallocarray(b->pending, b->aquestions,
		    sizeof *b->pending);
	}
	memset(&b->pending[f->nquestions], 0, sizeof *b->pending);
	q = &f->questions[f->nquestions];
	memset(q, 0, sizeof *q);
	q->line = line;
	q->label = form_texts(f);
	q->hint = form_texts(f);
	q->constraint_message = form_texts(f);
	q->required_message = form_texts(f);
	q->list = -1;
	q->parent = -1;
	q->end = -1;
	q->in_repeat = -1;
	return (int)f->nquestions++;
}

/* The type cell; a row in error keeps its name so that expressions
 * naming it do not add errors of their own. */
static void
survey_type(struct form_builder *b, struct question *q,
    struct form_pending *p, const char *cell)
{
	const char	*near;

	if (repeat_type(b, q, cell))
		return;
	if ((q->special = alias_special(cell, &q->special_type)) !=
	    QUESTION_ASKED) {
		q->type = QUESTION_CALCULATE;
		return;
	}
	switch (alias_type_other(cell, &q->type, &p->list, &p->or_other)) {
	case ALIAS_TYPE_OK:
		p->from_file = alias_from_file(cell) == 1;
		p->external = alias_from_file(cell) == 2;
		return;
	case ALIAS_TYPE_NO_LIST:
		form_error(b, q->line, "type '%s' needs a choice list name",
		    cell);
		break;
	case ALIAS_TYPE_UNSUPPORTED:
		form_error(b, q->line, "unsupported type '%s'", cell);
		break;
	case ALIAS_TYPE_UNKNOWN:
		if ((near = alias_type_suggest(cell)) != NULL)
			form_error(b, q->line, "unknown type '%s'; did you "
			    "mean '%s'?", cell, near);
		else
			form_error(b, q->line, "unknown type '%s'", cell);
		break;
	}
	q->type = QUESTION_TEXT;
	p->placeholder = 1;
}

static void
survey_name(struct form_builder *b, struct question *q,
    const struct form_pending *p, const char *cell)
{
	int	 row = b->form->nsheets != 0 ? READ_LINE_ROW(q->line) : q->line;

	if (*cell == '\0' && q->type == QUESTION_NOTE && !p->placeholder) {
		/* pyxform names it after its row */
		xasprintf(&q->name, "generated_note_name_%d", row);
		return;
	}
	q->name = xstrdup(cell);
	if (q->type == QUESTION_END_GROUP || p->placeholder)
		return;
	if (*cell == '\0') {
		form_error(b, q->line, "%s without name",
		    q->type == QUESTION_BEGIN_GROUP ? "group" : "question");
	} else if (!alias_valid_name(cell)) {
		form_error(b, q->line, "invalid name '%s' (a letter or _ "
		    "first, then letters, digits, _ - .)", cell);
	}
}

static void
survey_required(struct question *q, struct form_pending *p, const char *v)
{
	if (str_ieq(v, "no") || str_ieq(v, "false") || str_ieq(v, "false()"))
		return;
	q->required_src = xstrdup(v);
	if (str_ieq(v, "yes") || str_ieq(v, "true") || str_ieq(v, "true()"))
		p->required_true = 1;
}

static void
survey_appearance(struct question *q, const char *v)
{
	char	*copy, *word, *last;

	q->appearance = str_lower(xstrdup(v));
	copy = xstrdup(q->appearance);
	for (word = strtok_r(copy, " \t\n", &last); word != NULL;
	    word = strtok_r(NULL, " \t\n", &last)) {
		if (strcmp(word, "likert") == 0)
			q->likert = 1;
		else if (strcmp(word, "multiline") == 0)
			q->multiline = 1;
		else if (strcmp(word, "field-list") == 0 &&
		    q->type == QUESTION_BEGIN_GROUP)
			q->field_list = 1;
	}
	free(copy);
}

static void
survey_parameters(struct form_builder *b, struct question *q,
    struct form_pending *p, const char *v)
{
	struct alias_params	 ap;
	char			*cause;

	if (alias_params(v, &ap, &cause) != 0) {
		form_error(b, q->line, "%s", cause);
		free(cause);
		return;
	}
	q->randomize = ap.randomize;
	q->has_seed = ap.has_seed;
	q->seed = ap.seed;
	free(p->max);
	p->max = ap.max;
	ap.max = NULL;
	survey_parameters_range(b, p, &ap);
	alias_params_clear(&ap);
}

static void
survey_set(char **to, const char *v)
{
	if (*to == NULL)
		*to = xstrdup(v);
}

/* One cell of a question's row. */
static void
survey_cell(struct form_builder *b, struct question *q,
    struct form_pending *p, const struct form_column *col, const char *v)
{
	switch (col->kind) {
	case COLUMN_LABEL:
	case COLUMN_HINT:
	case COLUMN_CONSTRAINT_MESSAGE:
	case COLUMN_REQUIRED_MESSAGE:
		if (col->lang == -1)
			break;
		if (col->kind == COLUMN_LABEL)
			survey_set(&q->label[col->lang], v);
		else if (col->kind == COLUMN_HINT)
			survey_set(&q->hint[col->lang], v);
		else if (col->kind == COLUMN_CONSTRAINT_MESSAGE)
			survey_set(&q->constraint_message[col->lang], v);
		else
			survey_set(&q->required_message[col->lang], v);
		break;
	case COLUMN_REQUIRED:
		if (q->required_src == NULL)
			survey_required(q, p, v);
		break;
	case COLUMN_RELEVANT:
		survey_set(&q->relevant_src, v);
		break;
	case COLUMN_CONSTRAINT:
		survey_set(&q->constraint_src, v);
		break;
	case COLUMN_CALCULATION:
		survey_set(&q->calculation_src, v);
		break;
	case COLUMN_CHOICE_FILTER:
		survey_set(&q->choice_filter_src, v);
		break;
	case COLUMN_REPEAT_COUNT:
		survey_set(&q->repeat_count_src, v);
		break;
	case COLUMN_DEFAULT:
		survey_set(&q->default_value, v);
		break;
	case COLUMN_APPEARANCE:
		if (q->appearance == NULL)
			survey_appearance(q, v);
		break;
	case COLUMN_PARAMETERS:
		/* no follow-on error; capture types' are theirs */
		if (!p->placeholder && q->special == QUESTION_ASKED)
			survey_parameters(b, q, p, v);
		break;
	case COLUMN_READONLY:
		q->readonly |= survey_yes(v);
		break;
	case COLUMN_TRIGGER:
		survey_set(&p->trigger, v);
		break;
	case COLUMN_MEDIA:
		survey_set(&p->media, v);
		break;
	default:
		break;
	}
}

/* Nesting: begin_group opens, end_group closes the innermost group. */
static void
survey_nest(struct form_builder *b, struct survey_groups *g, int i)
{
	struct question	*q = &b->form->questions[i], *begin;

	q->parent = g->n != 0 ? g->v[g->n - 1] : -1;
	q->depth = (int)g->n;
	q->in_repeat = repeat_around(b->form, g->v, g->n);
	if (q->type == QUESTION_BEGIN_GROUP) {
		g->v = xreallocarray(g->v, g->n + 1, sizeof *g->v);
		g->v[g->n++] = i;
	} else if (q->type == QUESTION_END_GROUP) {
		if (g->n == 0) {
			form_error(b, q->line, "end_group without "
			    "begin_group");
			return;
		}
		begin = &b->form->questions[g->v[--g->n]];
		repeat_check_end(b, begin, q);
		begin->end = i;
		q->parent = begin->parent;
		q->depth = begin->depth;
		q->in_repeat = begin->in_repeat;
		free(q->name);
		q->name = xstrdup(begin->name);
	}
}

static void
survey_row(struct form_builder *b, const struct form_column *cols,
    size_t ncols, const struct read_row *row, size_t tcol, size_t ncol,
    struct survey_groups *g)
{
	struct question		*q;
	struct form_pending	*p;
	const char		*v;
	size_t			 j;
	int			 i;

	for (j = 0; j < ncols; j++) {
		if (cols[j].kind == COLUMN_DISABLED &&
		    survey_yes(form_cell(row, j)))
			return;		/* pyxform leaves it out */
	}
	if (*form_cell(row, tcol) == '\0') {
		form_error(b, row->line, "row without type");
		return;
	}
	i = survey_add(b, row->line);
	q = &b->form->questions[i];
	p = &b->pending[i];
	survey_type(b, q, p, form_cell(row, tcol));
	survey_name(b, q, p, form_cell(row, ncol));
	for (j = 0; j < ncols; j++) {
		if (*(v = form_cell(row, j)) != '\0')
			survey_cell(b, q, p, &cols[j], v);
	}
	if (!p->placeholder && q->special == QUESTION_ASKED)
		survey_type_extra(b, i, form_cell(row, tcol));
	survey_nest(b, g, i);
	if ((i = survey_add_other(b, i)) >= 0)
		survey_nest(b, g, i);
}

void
survey_read(struct form_builder *b, const struct read_sheet *sh)
{
	struct form_column	*cols;
	struct survey_groups	 g = { NULL, 0 };
	const struct question	*q;
	size_t			 i, j, n = sh->header.ncells;
	int			 tcol = -1, ncol = -1, line;

	cols = form_columns(b, &sh->header, 0);
	for (i = n; i > 0; i--) {
		if (cols[i - 1].kind == COLUMN_TYPE)
			tcol = (int)i - 1;
		if (cols[i - 1].kind == COLUMN_NAME)
			ncol = (int)i - 1;
	}
	line = n != 0 ? sh->header.line : sh->line;
	if (tcol == -1)
		form_error(b, line, "survey sheet has no type column");
	if (ncol == -1)
		form_error(b, line, "survey sheet has no name column");
	if (tcol != -1 && ncol != -1) {
		b->survey_line = sh->line;
		for (i = 0; i < sh->nrows; i++) {
			survey_row(b, cols, n, &sh->rows[i], (size_t)tcol,
			    (size_t)ncol, &g);
		}
	}
	for (j = 0; j < g.n; j++) {
		q = &b->form->questions[g.v[j]];
		form_error(b, q->line, "%s '%s' has no %s", q->repeat ?
		    "repeat" : "group", q->name, q->repeat ? "end_repeat" :
		    "end_group");
	}
	free(g.v);
	free(cols);
}

static int
survey_list_find(const struct form *f, const char *name, int external)
{
	size_t	 i;

	for (i = 0; i < f->nlists; i++) {
		if (strcmp(f->lists[i].name, name) == 0 &&
		    f->lists[i].external == external)
			return (int)i;
	}
	return -1;
}

/* A select's list, and rank's max=K (default: all its choices). */
static void
survey_check_list(struct form_builder *b, struct question *q,
    const struct form_pending *p)
{
	const struct choice_list	*l = NULL;
	char				*end;
	long				 k;

	if (p->list != NULL) {
		q->list = p->from_file ? -1 : survey_list_find(b->form,
		    p->list, p->external);
		if (q->list == -1 && !p->external && (p->from_file ||
		    (strrchr(p->list, '.') != NULL &&
		    strcasecmp(strrchr(p->list, '.'), ".csv") == 0)))
			q->list = external_list(b, q, p->list);
		else if (q->list == -1)
			form_error(b, q->line, "choice list '%s' not found%s",
			    p->list, p->external ? " in the external_choices "
			    "sheet" : "");
		if (q->list >= 0)
			l = &b->form->lists[q->list];
	}
	if (p->max != NULL && q->type != QUESTION_RANK) {
		form_error(b, q->line, "max=%s applies to rank only", p->max);
		return;
	}
	if ((q->randomize || q->has_seed) && !question_has_choices(q)) {
		form_error(b, q->line, "randomize applies to select and rank "
		    "only");
	}
	if (q->type != QUESTION_RANK || l == NULL)
		return;
	q->rank_max = (int)l->nchoices;
	if (p->max == NULL)
		return;
	errno = 0;
	k = strtol(p->max, &end, 10);
	if (*p->max == '\0' || *end != '\0' || errno != 0)
		form_error(b, q->line, "rank max '%s' is not a number", p->max);
	else if (k < 1 || (size_t)k > l->nchoices)
		form_error(b, q->line, "rank max %ld out of range (1 to %zu, "
		    "the choices of '%s')", k, l->nchoices, l->name);
	else
		q->rank_max = (int)k;
}

struct survey_name {
	const char	*name;		/* NULL: no name to check */
	int		 q;
};

/* By name, then form order; rows without name last. */
static int
survey_names_cmp(const void *va, const void *vb)
{
	const struct survey_name *a = va, *b = vb;
	int			 r;

	if ((a->name == NULL) != (b->name == NULL))
		return a->name == NULL ? 1 : -1;
	if (a->name != NULL && (r = strcmp(a->name, b->name)) != 0)
		return r;
	return a->q < b->q ? -1 : a->q > b->q;
}

/* For each question the first one of its name, or -1 for the first
 * (sorted, not pairwise: a loop makes forms of thousands of rows).
 * Caller frees. */
static int *
survey_first_names(const struct form *f)
{
	const struct question	*q;
	struct survey_name	*v;
	int			*first;
	size_t			 i, n = f->nquestions;

	v = xcalloc(n + 1, sizeof *v);
	first = xcalloc(n + 1, sizeof *first);
	for (i = 0; i < n; i++) {
		q = &f->questions[i];
		v[i].name = q->type == QUESTION_END_GROUP || *q->name == '\0' ?
		    NULL : q->name;
		v[i].q = (int)i;
		first[i] = -1;
	}
	qsort(v, n, sizeof *v, survey_names_cmp);
	for (i = 1; i < n && v[i].name != NULL; i++) {
		if (strcmp(v[i].name, v[i - 1].name) == 0)
			first[v[i].q] = first[v[i - 1].q] != -1 ?
			    first[v[i - 1].q] : v[i - 1].q;
	}
	free(v);
	return first;
}

static void
survey_check_names(struct form_builder *b, size_t i, const int *first)
{
	const struct question	*q = &b->form->questions[i], *o;
	char			 at[FORM_WHERE_MAX];

	if (first[i] == -1)
		return;
	o = &b->form->questions[first[i]];
	form_error(b, q->line, "duplicate name '%s' (first at %s)", q->name,
	    form_at(b->form, o->line, at, sizeof at));
}

void
survey_check(struct form_builder *b)
{
	struct form		*f = b->form;
	struct question		*q;
	const char		*hint;
	size_t			 i, shown = 0;
	int			*first = survey_first_names(f);

	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		survey_check_names(b, i, first);
		if (b->pending[i].placeholder) {
			shown++;
			continue;
		}
		survey_check_list(b, q, &b->pending[i]);
		survey_check_extra(b, (int)i);
		if (q->type == QUESTION_CALCULATE && q->calculation_src == NULL &&
		    q->special == QUESTION_ASKED && !b->pending[i].hidden)
			form_error(b, q->line, "calculate '%s' needs a "
			    "calculation", q->name);
		if (q->type == QUESTION_BEGIN_GROUP ||
		    q->type == QUESTION_END_GROUP)
			continue;
		shown++;
		hint = form_text(f, q->hint, 0);
		if (q->type != QUESTION_CALCULATE && *hint == '\0' &&
		    *form_text(f, q->label, 0) == '\0')
			form_error(b, q->line, "question '%s' has no label",
			    q->name);
	}
	if (b->survey_line != 0 && shown == 0)
		form_error(b, b->survey_line, "form has no questions");
	free(first);
}

static void
survey_expr(struct form_builder *b, const struct question *q,
    const char *src, struct expr **e, const char *column)
{
	char	*cause;

	if (src == NULL)
		return;
	if ((*e = expr_parse(src, b->form,
	    strcmp(column, "choice_filter") == 0, &cause)) == NULL) {
		form_error(b, q->line, "%s in %s", cause, column);
		free(cause);
	}
}

void
survey_parse_exprs(struct form_builder *b)
{
	struct form	*f = b->form;
	struct question	*q;
	size_t		 i;

	survey_datasets(b);	/* first: any expression may read them */
	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (b->pending[i].placeholder)
			continue;	/* refused for its type already */
		survey_expr(b, q, b->pending[i].required_true ? "true()" :
		    q->required_src, &q->required, "required");
		survey_expr(b, q, q->relevant_src, &q->relevant, "relevant");
		survey_expr(b, q, q->constraint_src, &q->constraint,
		    "constraint");
		survey_expr(b, q, q->calculation_src, &q->calculation,
		    "calculation");
		repeat_parse_count(b, q);
		if (q->choice_filter_src != NULL && !question_has_choices(q))
			form_error(b, q->line, "choice_filter applies to "
			    "select and rank only");
		else
			survey_expr(b, q, q->choice_filter_src,
			    &q->choice_filter, "choice_filter");
	}
}

/* A default must be an answer the question accepts (its type and list;
 * the constraint is checked when the default is applied, as in ODK).
 * Questions whose list was not found are left to survey_check_list. */
void
survey_check_defaults(struct form_builder *b)
{
	struct form	*f = b->form;
	struct question	*q;
	enum answer_problem problem;
	char		*norm;
	size_t		 i;

	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (q->default_value == NULL || b->pending[i].placeholder ||
		    (question_has_choices(q) && q->list < 0))
			continue;
		if (strstr(q->default_value, "${") != NULL) {
			form_error(b, q->line, "unsupported default '%s' for "
			    "'%s': %s", q->default_value, q->name,
			    strncmp(q->default_value, "${last-saved#", 13) == 0 ?
			    "consult keeps no last-saved answers to fill in" :
			    "a default that refers to answers (use a "
			    "calculation)");
			continue;
		}
		problem = answers_normalise(f, (int)i, q->default_value,
		    &norm);
		wipe_free(norm);
		if (problem != ANSWER_OK)
			form_error(b, q->line, "invalid default '%s' for '%s': "
			    "%s", q->default_value, q->name,
			    answers_builtin_message(problem, NULL));
	}
}
