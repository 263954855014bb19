/* run-show.c: what the run engine gives the front ends to show: progress,
 * sections, choices and their keys, answers as text, the review list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/run.h"

void
run_progress(const struct run *r, int *n, int *m)
{
	int	 q;

	*n = 0;
	*m = 0;
	for (q = answers_next(r->answers, 0, 1); q >= 0;
	    q = answers_next(r->answers, q + 1, 1)) {
		(*m)++;
		if (r->state == RUN_ASK && q <= r->current)
			*n = *m;
	}
	if (r->state != RUN_ASK)
		*n = *m;
}

const char *
run_section(struct run *r, int q)
{
	const struct form	*f = r->form;
	const struct question	*g = NULL;
	const char		*s = NULL;
	struct buf		 b;
	char			 k[24], n[24];
	int			 p, rep, chain[RUN_NEST];
	size_t			 depth = 0, i;

	for (p = f->questions[q].parent; p >= 0; p = g->parent) {
		g = &f->questions[p];
		s = run_text(r, g->label);
		if (*s != '\0')
			break;
	}
	if (p < 0)
		s = NULL;
	for (rep = form_is_repeat(f, q) ? q : form_repeat_of(f, q);
	    rep >= 0 && depth < RUN_NEST; rep = form_repeat_of(f, rep))
		chain[depth++] = rep;
	if (depth == 0)
		return s;
	/* "Proposal 2 of 3 - Partner 1 of 2", then the label of a group
	 * inside the innermost repeat. */
	buf_init(&b);
	for (i = depth; i-- > 0;) {
		rep = chain[i];
		snprintf(k, sizeof k, "%zu", answers_repeat_current(r->answers,
		    rep) + 1);
		snprintf(n, sizeof n, "%zu", answers_repeat_count(r->answers,
		    rep));
		if (i + 1 != depth)
			buf_add_str(&b, " - ");
		run_instance_text(r, rep, k, n, &b);
	}
	if (s != NULL && p > chain[0] && !form_is_repeat(f, p)) {
		buf_add_str(&b, " - ");
		buf_add_str(&b, s);
	}
	free(r->section);
	r->section = xstrdup(buf_str(&b));
	buf_clear(&b);
	return r->section;
}

void
run_instance_text(struct run *r, int rep, const char *k, const char *n,
    struct buf *out)
{
	const char	*s = i18n(I18N_INSTANCE), *p, *label;

	label = run_label(r, rep);
	/* The translation may order {label}, {n} and {m} as it needs. */
	while ((p = strchr(s, '{')) != NULL) {
		buf_add(out, s, (size_t)(p - s));
		if (strncmp(p, "{label}", 7) == 0) {
			buf_add_str(out, label);
			s = p + 7;
		} else if (strncmp(p, "{n}", 3) == 0) {
			buf_add_str(out, k);
			s = p + 3;
		} else if (strncmp(p, "{m}", 3) == 0) {
			buf_add_str(out, n);
			s = p + 3;
		} else {
			buf_add_byte(out, '{');
			s = p + 1;
		}
	}
	buf_add_str(out, s);
}

const char *
run_problem_text(const struct run *r)
{
	return run_pipe_with(r, answers_message(r->answers, r->problem_q,
	    r->problem, r->lang), r->problem_q, r->problem_value);
}

/* 1 if every shown choice name of q is a number: keys are the names. */
static int
run_keys_are_names(const struct choice_list *l, const int *idx, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!run_is_number(l->choices[idx[i]].name))
			return 0;
	}
	return n != 0;
}

size_t
run_choices(struct run *r, int q, const int **idx, int *by_name)
{
	const struct choice_list	*l;
	size_t				 n;

	free(r->choices);
	r->choices = NULL;
	n = answers_choices(r->answers, q, &r->choices);
	l = form_question_list(r->form, &r->form->questions[q]);
	*idx = r->choices;
	*by_name = l != NULL && run_keys_are_names(l, r->choices, n);
	return n;
}

int
run_is_number(const char *s)
{
	return *s != '\0' && s[strspn(s, "0123456789")] == '\0';
}

/* Turn what was typed for a choice question into choice names: each
 * token is a key (see run_choices) or a name. Caller frees. */
char *
run_choice_value(struct run *r, int q, const char *text)
{
	const struct choice_list	*l;
	const int			*idx;
	struct buf			 b;
	char				*copy, *tok, *last;
	size_t				 n, k;
	int				 names;

	n = run_choices(r, q, &idx, &names);
	l = form_question_list(r->form, &r->form->questions[q]);
	buf_init(&b);
	copy = xstrdup(text);
	for (tok = strtok_r(copy, " \t,", &last); tok != NULL;
	    tok = strtok_r(NULL, " \t,", &last)) {
		if (b.len != 0)
			buf_add_byte(&b, ' ');
		k = strtoul(tok, NULL, 10);
		if (!names && run_is_number(tok) && k >= 1 && k <= n)
			buf_add_str(&b, l->choices[idx[k - 1]].name);
		else {
			for (k = 0; k < n; k++) {
				if (str_ieq(tok, l->choices[idx[k]].name))
					break;
			}
			buf_add_str(&b, k < n ? l->choices[idx[k]].name : tok);
		}
	}
	wipe_free(copy);
	copy = xstrdup(buf_str(&b));
	buf_clear(&b);
	return copy;
}

/* The label of choice name in list l, or the name itself. */
static const char *
run_choice_label(struct run *r, const struct choice_list *l,
    const char *name, size_t len)
{
	size_t	 i;

	for (i = 0; i < l->nchoices; i++) {
		if (strlen(l->choices[i].name) == len &&
		    strncmp(l->choices[i].name, name, len) == 0)
			return run_text(r, l->choices[i].label);
	}
	return NULL;
}

void
run_answer_text(struct run *r, int q, struct buf *out)
{
	const struct question		*qu = &r->form->questions[q];
	const struct choice_list	*l;
	const char			*v, *label;
	size_t				 len, k = 0;

	v = answers_get(r->answers, q);
	if (*v != '\0' && (qu->date_parts == 1 || qu->date_parts == 2)) {
		buf_add(out, v, qu->date_parts == 1 ? 4 : 7);	/* the parts */
		return;
	}
	if (*v != '\0' && qu->type == QUESTION_DATETIME) {
		buf_printf(out, "%.10s %s", v, v + 11);	/* as typed */
		return;
	}
	if (!question_has_choices(qu)) {
		buf_add_str(out, v);
		return;
	}
	l = form_question_list(r->form, qu);
	while (*(v += strspn(v, " ")) != '\0') {
		len = strcspn(v, " ");
		if (k++ != 0)
			buf_add_str(out, qu->type == QUESTION_RANK ? "; " :
			    ", ");
		if (qu->type == QUESTION_RANK)
			buf_printf(out, "%zu. ", k);
		label = run_choice_label(r, l, v, len);
		if (label != NULL && *label != '\0')
			buf_add_str(out, label);
		else
			buf_add(out, v, len);
		v += len;
	}
}

int
run_required(struct run *r, int q)
{
	char	*norm = NULL;
	int	 required;

	required = answers_check(r->answers, q, "", &norm) == ANSWER_REQUIRED;
	wipe_free(norm);
	return required;
}

/* The outermost field-list group around q, or -1. */
static int
run_page_group(const struct run *r, int q)
{
	int	 p, g = -1;

	for (p = r->form->questions[q].parent; p >= 0;
	    p = r->form->questions[p].parent) {
		if (r->form->questions[p].field_list)
			g = p;
	}
	return g;
}

size_t
run_page(struct run *r, int q, const int **qs)
{
	size_t	 n = 0;
	int	 g, i;

	free(r->page);
	r->page = xreallocarray(NULL, r->form->nquestions + 1,
	    sizeof *r->page);
	if (!r->paged || (g = run_page_group(r, q)) < 0)
		r->page[n++] = q;
	else {
		for (i = answers_next(r->answers, g + 1, 1);
		    i >= 0 && i < r->form->questions[g].end;
		    i = answers_next(r->answers, i + 1, 1))
			r->page[n++] = i;
	}
	*qs = r->page;
	return n;
}
