/* repeat.c: the instances of repeats in one response. The view (the
 * answers' values[] and reps[]) holds the current instance of every
 * repeat, so that answers_get, relevance and expressions see "this
 * instance" as ODK does; the other instances keep their values in
 * frames of their own (form-private.h). Selecting an instance moves
 * pointers, never copies a value. */
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "forms/form-private.h"
#include "forms/expr-private.h"

static const struct answers_rep repeat_empty;

int
form_is_repeat(const struct form *f, int q)
{
	const struct question	*qq;

	if (q < 0 || (size_t)q >= f->nquestions)
		return 0;
	qq = &f->questions[q];
	return qq->repeat && qq->type == QUESTION_BEGIN_GROUP && qq->end > q &&
	    (size_t)qq->end < f->nquestions;
}

int
form_repeat_of(const struct form *f, int q)
{
	int	 r;

	if (q < 0 || (size_t)q >= f->nquestions)
		return -1;
	r = f->questions[q].in_repeat;
	if (r < 0 || r >= q || !form_is_repeat(f, r) ||
	    f->questions[r].end <= q)
		return -1;
	return r;
}

size_t
repeat_span(const struct form *f, int r)
{
	return (size_t)(f->questions[r].end - r - 1);
}

struct answers_frame
repeat_root(const struct answers *a)
{
	struct answers_frame	 fr = { a->values, a->reps, 0 };

	return fr;
}

const struct answers_rep *
repeat_state(const struct answers_frame *fr, int r)
{
	if (fr->reps == NULL || r < fr->base)
		return &repeat_empty;
	return &fr->reps[r - fr->base];
}

struct answers_frame
repeat_child(const struct answers_frame *fr, int r, size_t i)
{
	const struct answers_rep *st = repeat_state(fr, r);
	struct answers_frame	 c;

	if (i == st->cur || i >= st->n)
		return *fr;
	c.vals = st->inst[i].vals;
	c.reps = st->inst[i].reps;
	c.base = r + 1;
	return c;
}

void
answers_value_free(struct answers *a, char *v)
{
	if (v != NULL && (uintptr_t)v - (uintptr_t)a->arena >= a->arena_size)
		wipe_free(v);
}

static void	repeat_state_free(struct answers *, struct answers_rep *, int);

/* Free what an instance of r holds (not the instance itself). */
static void
repeat_inst_free(struct answers *a, struct answers_inst *in, int r)
{
	size_t	 j, span = repeat_span(a->form, r);

	for (j = 0; j < span; j++) {
		if (in->vals != NULL)
			answers_value_free(a, in->vals[j]);
		if (in->reps != NULL && in->reps[j].inst != NULL)
			repeat_state_free(a, &in->reps[j], r + 1 + (int)j);
	}
	if (in->vals != NULL)
		wipe(in->vals, span * sizeof *in->vals);
	free(in->vals);
	free(in->reps);
	memset(in, 0, sizeof *in);
}

static void
repeat_state_free(struct answers *a, struct answers_rep *st, int r)
{
	size_t	 i;

	for (i = 0; i < st->n; i++)
		repeat_inst_free(a, &st->inst[i], r);
	free(st->inst);
	memset(st, 0, sizeof *st);
}

void
repeat_clear_all(struct answers *a)
{
	size_t	 q;

	if (a->reps == NULL)
		return;
	for (q = 0; q < a->form->nquestions; q++) {
		if (a->reps[q].inst != NULL || a->reps[q].n != 0)
			repeat_state_free(a, &a->reps[q], (int)q);
	}
}

/* Move the view's values of r's current instance into its frame. */
static void
repeat_save(struct answers *a, int r)
{
	struct answers_rep	*st = &a->reps[r];
	struct answers_inst	*in = &st->inst[st->cur];
	size_t			 j, span = repeat_span(a->form, r), q;

	if (in->vals == NULL)
		in->vals = xcalloc(span == 0 ? 1 : span, sizeof *in->vals);
	if (in->reps == NULL)
		in->reps = xcalloc(span == 0 ? 1 : span, sizeof *in->reps);
	for (j = 0; j < span; j++) {
		q = (size_t)r + 1 + j;
		in->vals[j] = a->values[q];
		a->values[q] = NULL;
		a->npicks[q] = 0;
		in->reps[j] = a->reps[q];
		memset(&a->reps[q], 0, sizeof a->reps[q]);
	}
}

/* Move instance k's values into the view (empty there) and make it
 * current. */
static void
repeat_load(struct answers *a, int r, size_t k)
{
	struct answers_rep	*st = &a->reps[r];
	struct answers_inst	*in = &st->inst[k];
	size_t			 j, span = repeat_span(a->form, r), q;

	for (j = 0; j < span; j++) {
		q = (size_t)r + 1 + j;
		a->npicks[q] = 0;
		if (in->vals != NULL) {
			a->values[q] = in->vals[j];
			in->vals[j] = NULL;
		}
		if (in->reps != NULL) {
			a->reps[q] = in->reps[j];
			memset(&in->reps[j], 0, sizeof in->reps[j]);
		}
	}
	st->cur = k;
	a->heap = 1;
}

size_t
answers_repeat_count(const struct answers *a, int r)
{
	return form_is_repeat(a->form, r) ? a->reps[r].n : 0;
}

size_t
answers_repeat_current(const struct answers *a, int r)
{
	return form_is_repeat(a->form, r) ? a->reps[r].cur : 0;
}

void
answers_repeat_select(struct answers *a, int r, size_t k)
{
	if (!form_is_repeat(a->form, r) || k >= a->reps[r].n ||
	    k == a->reps[r].cur)
		return;
	repeat_save(a, r);
	repeat_load(a, r, k);
}

size_t
repeat_append(struct answers *a, struct answers_frame *fr, int r, int first)
{
	const struct form	*f = a->form;
	struct answers_rep	*st = &fr->reps[r - fr->base];
	struct answers_inst	*in;
	struct answers_frame	 c;
	size_t			 k, span = repeat_span(f, r);
	int			 s;

	if (st->n == st->cap) {
		st->cap = st->cap == 0 ? 4 : st->cap * 2;
		st->inst = xreallocarray(st->inst, st->cap, sizeof *st->inst);
	}
	k = st->n++;
	in = &st->inst[k];
	memset(in, 0, sizeof *in);
	in->fresh = first;
	if (k == 0) {
		st->cur = 0;
		c = *fr;
	} else {
		in->vals = xcalloc(span == 0 ? 1 : span, sizeof *in->vals);
		in->reps = xcalloc(span == 0 ? 1 : span, sizeof *in->reps);
		c.vals = in->vals;
		c.reps = in->reps;
		c.base = r + 1;
	}
	if (!first)
		return k;
	/* As in ODK, a repeat the participant sizes starts with one
	 * instance in each new instance around it. */
	for (s = r + 1; s < r + 1 + (int)span; s++) {
		if (!form_is_repeat(f, s))
			continue;
		if (f->questions[s].repeat_count == NULL)
			repeat_append(a, &c, s, 1);
		s = f->questions[s].end;
	}
	return k;
}

/* Delete instance k of r in the view, without computing again. */
static void
repeat_remove(struct answers *a, int r, size_t k)
{
	struct answers_rep	*st = &a->reps[r];
	size_t			 j, span = repeat_span(a->form, r), q;

	if (k == st->cur) {
		for (j = 0; j < span; j++) {
			q = (size_t)r + 1 + j;
			answers_value_free(a, a->values[q]);
			a->values[q] = NULL;
			a->npicks[q] = 0;
			if (a->reps[q].inst != NULL || a->reps[q].n != 0)
				repeat_state_free(a, &a->reps[q], (int)q);
		}
	}
	repeat_inst_free(a, &st->inst[k], r);
	memmove(&st->inst[k], &st->inst[k + 1], (st->n - k - 1) *
	    sizeof *st->inst);
	st->n--;
	if (st->n == 0)
		st->cur = 0;
	else if (k == st->cur)
		repeat_load(a, r, k < st->n ? k : st->n - 1);
	else if (k < st->cur)
		st->cur--;
}

int
answers_repeat_add(struct answers *a, int r)
{
	struct answers_frame	 fr;
	size_t			 k;

	if (!form_is_repeat(a->form, r) ||
	    a->form->questions[r].repeat_count != NULL ||
	    a->reps[r].n >= ANSWERS_REPEAT_MAX)
		return -1;
	fr = repeat_root(a);
	k = repeat_append(a, &fr, r, 1);
	answers_repeat_select(a, r, k);
	answers_refresh(a);
	return (int)k;
}

void
answers_repeat_delete(struct answers *a, int r, size_t k)
{
	if (!form_is_repeat(a->form, r) || k >= a->reps[r].n)
		return;
	repeat_remove(a, r, k);
	answers_refresh(a);
}

int
answers_repeat_fixed(const struct answers *a, int r)
{
	const struct question	*q;
	struct answers_ctx	 c;
	struct expr_env		 env;
	char			*s;
	double			 d;

	if (!form_is_repeat(a->form, r))
		return -1;
	q = &a->form->questions[r];
	if (q->repeat_count == NULL)
		return -1;
	answers_env(a, &c, &env, r, NULL);
	s = expr_eval_string(q->repeat_count, &env);
	d = expr_string_number(s);
	wipe_free(s);
	if (!(d >= 0))
		return 0;
	return d > ANSWERS_REPEAT_MAX ? ANSWERS_REPEAT_MAX : (int)d;
}

int
repeat_sync(struct answers *a, int r, int relevant)
{
	struct answers_rep	*st = &a->reps[r];
	struct answers_frame	 fr = repeat_root(a);
	int			 want, changed = 0;

	if (!relevant) {
		while (st->n > 0) {
			repeat_remove(a, r, st->n - 1);
			changed = 1;
		}
		return changed;
	}
	if ((want = answers_repeat_fixed(a, r)) < 0)
		return 0;
	while (st->n < (size_t)want) {
		repeat_append(a, &fr, r, 1);
		changed = 1;
	}
	while (st->n > (size_t)want) {
		repeat_remove(a, r, st->n - 1);
		changed = 1;
	}
	return changed;
}

int
repeat_fresh(const struct answers *a, int q)
{
	int	 r = form_repeat_of(a->form, q);

	return r >= 0 && a->reps[r].n > 0 &&
	    a->reps[r].inst[a->reps[r].cur].fresh;
}

/* Bring each instance of r (in the view) up to date, nested ones
 * after. */
static int
repeat_recompute_one(struct answers *a, int r,
    int (*fn)(struct answers *, const unsigned char *),
    const unsigned char *ones)
{
	const struct form	*f = a->form;
	struct answers_rep	*st = &a->reps[r];
	size_t			 k, orig = st->cur;
	int			 changed = 0, s;

	for (k = 0; k < st->n; k++) {
		answers_repeat_select(a, r, k);
		changed |= fn(a, ones);
		for (s = r + 1; s < f->questions[r].end; s++) {
			if (!form_is_repeat(f, s))
				continue;
			changed |= repeat_recompute_one(a, s, fn, ones);
			s = f->questions[s].end;
		}
		if (k < st->n)
			st->inst[k].fresh = 0;
	}
	if (st->n > 0)
		answers_repeat_select(a, r, orig < st->n ? orig : st->n - 1);
	return changed;
}

int
repeat_recompute(struct answers *a,
    int (*fn)(struct answers *, const unsigned char *))
{
	const struct form	*f = a->form;
	unsigned char		*ones;
	int			 changed = 0, r;

	ones = xmalloc(f->nquestions == 0 ? 1 : f->nquestions);
	memset(ones, 1, f->nquestions == 0 ? 1 : f->nquestions);
	for (r = 0; (size_t)r < f->nquestions; r++) {
		if (!form_is_repeat(f, r))
			continue;
		changed |= repeat_recompute_one(a, r, fn, ones);
		r = f->questions[r].end;
	}
	free(ones);
	return changed;
}

/* Append the instances of the repeats directly in [lo, hi) of frame fr
 * to *list, each followed by those in it. */
static void
repeat_list(const struct answers *a, const struct answers_frame *fr,
    int lo, int hi, size_t parent, struct answers_instance **list,
    size_t *n, size_t *cap)
{
	const struct form	*f = a->form;
	const struct answers_rep *st;
	struct answers_frame	 c;
	size_t			 i, me;
	int			 s;

	for (s = lo; s < hi; s++) {
		if (!form_is_repeat(f, s))
			continue;
		st = repeat_state(fr, s);
		for (i = 0; i < st->n; i++) {
			c = repeat_child(fr, s, i);
			if (*n == *cap) {
				*cap = *cap == 0 ? 16 : *cap * 2;
				*list = xreallocarray(*list, *cap,
				    sizeof **list);
			}
			me = (*n)++;
			(*list)[me].repeat = s;
			(*list)[me].parent = parent;
			(*list)[me].ordinal = i + 1;
			(*list)[me].vals = c.vals;
			(*list)[me].base = c.base;
			repeat_list(a, &c, s + 1, f->questions[s].end, me,
			    list, n, cap);
		}
		s = f->questions[s].end;
	}
}

size_t
answers_instances(const struct answers *a, struct answers_instance **list)
{
	struct answers_frame	 fr = repeat_root(a);
	size_t			 n = 0, cap = 0;

	*list = NULL;
	repeat_list(a, &fr, 0, (int)a->form->nquestions, SIZE_MAX, list, &n,
	    &cap);
	return n;
}

const char *
answers_instance_get(const struct answers_instance *in, int q)
{
	if (in->vals == NULL || q < in->base || in->vals[q - in->base] ==
	    NULL)
		return "";
	return in->vals[q - in->base];
}
