/* run-repeat.c: how a session moves through the instances of repeats:
 * into a repeat at its first instance, from one instance to the next,
 * "Add another?" after the last one of a repeat the participant sizes,
 * backwards through them with :back, :add and :delete, and the review's
 * items in every instance. */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/run.h"

/* The begin_repeat whose end_repeat is q, or -1. */
static int
run_begin_of(const struct form *f, int q)
{
	const struct question	*qq = &f->questions[q];
	int			 b;

	if (!qq->repeat || qq->type != QUESTION_END_GROUP)
		return -1;
	for (b = q - 1; b >= 0; b--) {
		if (f->questions[b].end == q)
			return form_is_repeat(f, b) ? b : -1;
	}
	return -1;
}

int
run_repeat_of(const struct run *r, int q)
{
	if (q < 0 || (size_t)q >= r->form->nquestions)
		return -1;
	return form_is_repeat(r->form, q) ? q : form_repeat_of(r->form, q);
}

int
run_has_repeats(const struct run *r)
{
	size_t	 q;

	for (q = 0; q < r->form->nquestions; q++) {
		if (form_is_repeat(r->form, (int)q))
			return 1;
	}
	return 0;
}

/* Ask whether to add an instance of repeat b. */
static int
run_ask_add(struct run *r, int b)
{
	r->state = RUN_ADD;
	r->repeat = b;
	r->current = -1;
	return -2;
}

int
run_next_q(struct run *r, int q)
{
	const struct form	*f = r->form;
	struct answers		*a = r->answers;
	const struct question	*qq;
	size_t			 n, cur;
	int			 b;

	for (q = q < 0 ? 0 : q; (size_t)q < f->nquestions; q++) {
		qq = &f->questions[q];
		if (form_is_repeat(f, q)) {
			n = answers_repeat_count(a, q);
			if (!answers_relevant(a, q) || (n == 0 &&
			    qq->repeat_count != NULL)) {
				q = qq->end;
				continue;
			}
			if (n == 0)
				return run_ask_add(r, q);
			answers_repeat_select(a, q, 0);
			continue;
		}
		if ((b = run_begin_of(f, q)) >= 0) {
			n = answers_repeat_count(a, b);
			cur = answers_repeat_current(a, b);
			if (n == 0)
				continue;
			if (cur + 1 < n) {
				answers_repeat_select(a, b, cur + 1);
				q = b;
				continue;
			}
			if (f->questions[b].repeat_count == NULL &&
			    n < ANSWERS_REPEAT_MAX)
				return run_ask_add(r, b);
			continue;
		}
		if (answers_next(a, q, 1) == q)
			return q;
	}
	return -1;
}

int
run_prev_q(struct run *r, int q)
{
	const struct form	*f = r->form;
	struct answers		*a = r->answers;
	size_t			 n, cur;
	int			 b;

	if (q >= (int)f->nquestions)
		q = (int)f->nquestions - 1;
	for (; q >= 0; q--) {
		if (form_is_repeat(f, q)) {	/* the top of an instance */
			n = answers_repeat_count(a, q);
			cur = answers_repeat_current(a, q);
			if (n > 0 && cur > 0) {
				answers_repeat_select(a, q, cur - 1);
				q = f->questions[q].end;
			}
			continue;
		}
		if ((b = run_begin_of(f, q)) >= 0) {	/* from below it */
			n = answers_repeat_count(a, b);
			if (n == 0 || !answers_relevant(a, b))
				q = b;
			else
				answers_repeat_select(a, b, n - 1);
			continue;
		}
		if (answers_next(a, q, -1) == q)
			return q;
	}
	return -1;
}

/* Go to what run_next_q or run_prev_q found. */
static enum run_reaction
run_go(struct run *r, int q)
{
	if (q >= 0) {
		r->state = RUN_ASK;
		r->current = q;
		return RUN_SHOW;
	}
	if (q == -2)
		return RUN_SHOW;
	return run_enter_review(r);
}

enum run_reaction
run_add_input(struct run *r, const char *text)
{
	const struct question	*b = &r->form->questions[r->repeat];
	int			 k;

	if (i18n_yes(text)) {
		if ((k = answers_repeat_add(r->answers, r->repeat)) < 0)
			return run_go(r, run_next_q(r, b->end + 1));
		r->touched = 1;
		r->from_review = 0;
		return run_go(r, run_next_q(r, r->repeat + 1));
	}
	if (*text == '\0' || i18n_no(text))
		return run_go(r, run_next_q(r, b->end + 1));
	return RUN_SHOW;
}

/* The innermost repeat around the current question (or asked about)
 * that the participant sizes, or -1; *fixed when only repeats the form
 * sizes are around. */
static int
run_user_repeat(const struct run *r, int *fixed)
{
	int	 b;

	*fixed = 0;
	b = r->state == RUN_ADD ? r->repeat : r->state == RUN_ASK ?
	    run_repeat_of(r, r->current) : -1;
	for (; b >= 0; b = form_repeat_of(r->form, b)) {
		if (r->form->questions[b].repeat_count == NULL)
			return b;
		*fixed = 1;
	}
	return -1;
}

enum run_reaction
run_cmd_add(struct run *r, const char *arg)
{
	enum run_reaction	 re;
	int			 b, fixed;

	(void)arg;
	if ((b = run_user_repeat(r, &fixed)) < 0)
		return fixed ? RUN_CANNOT_ADD : RUN_NOT_IN_REPEAT;
	if (answers_repeat_add(r->answers, b) < 0)
		return RUN_CANNOT_ADD;
	r->touched = 1;
	r->from_review = 0;
	re = run_go(r, run_next_q(r, b + 1));
	if (run_save(r) != 0)
		return RUN_FAILED;
	return re;
}

enum run_reaction
run_cmd_delete(struct run *r, const char *arg)
{
	const struct question	*qq;
	size_t			 k;
	int			 b, fixed;

	(void)arg;
	if (r->state != RUN_ASK)
		return RUN_NOT_IN_REPEAT;
	if ((b = run_user_repeat(r, &fixed)) < 0)
		return fixed ? RUN_CANNOT_ADD : RUN_NOT_IN_REPEAT;
	qq = &r->form->questions[b];
	k = answers_repeat_current(r->answers, b);
	answers_repeat_delete(r->answers, b, k);
	r->touched = 1;
	r->repeat = b;
	/* The instance after it, else on after the repeat ("Add
	 * another?" when some are left). */
	if (k < answers_repeat_count(r->answers, b))
		run_go(r, run_next_q(r, b + 1));
	else
		run_go(r, run_next_q(r, qq->end));
	if (r->state == RUN_ADD || r->state == RUN_ASK)
		r->from_review = 0;
	if (run_save(r) != 0)
		return RUN_FAILED;
	return RUN_DELETED;
}

/* The repeats around q, outermost first; the count. */
static size_t
run_chain(const struct form *f, int q, int *chain)
{
	int	 tmp[RUN_NEST], b;
	size_t	 n = 0, i;

	for (b = form_repeat_of(f, q); b >= 0 && n < RUN_NEST;
	    b = form_repeat_of(f, b))
		tmp[n++] = b;
	for (i = 0; i < n; i++)
		chain[i] = tmp[n - 1 - i];
	return n;
}

void
run_review_select(struct run *r, size_t k)
{
	const struct run_place	*p = &r->review_at[k];
	int			 chain[RUN_NEST];
	size_t			 n, j;

	n = run_chain(r->form, p->q, chain);
	for (j = 0; j < n; j++)
		answers_repeat_select(r->answers, chain[j], p->path[j]);
}

struct run_walk {
	struct run_place *items;
	int		*qs;
	size_t		 n;
	size_t		 cap;
	unsigned short	 path[RUN_NEST];
};

/* The review items of [lo, hi), each instance of its repeats in turn. */
static void
run_review_walk(struct run *r, int lo, int hi, size_t depth,
    struct run_walk *w)
{
	const struct form	*f = r->form;
	struct answers		*a = r->answers;
	size_t			 k, orig;
	int			 q;

	for (q = lo; q < hi; q++) {
		if (form_is_repeat(f, q)) {
			if (!answers_relevant(a, q)) {
				q = f->questions[q].end;
				continue;
			}
			orig = answers_repeat_current(a, q);
			for (k = 0; k < answers_repeat_count(a, q); k++) {
				answers_repeat_select(a, q, k);
				if (depth < RUN_NEST)
					w->path[depth] = (unsigned short)k;
				run_review_walk(r, q + 1, f->questions[q].end,
				    depth + 1, w);
			}
			answers_repeat_select(a, q, orig);
			q = f->questions[q].end;
			continue;
		}
		if (answers_next(a, q, 1) != q ||
		    f->questions[q].type == QUESTION_NOTE)
			continue;
		if (w->n == w->cap) {
			w->cap = w->cap == 0 ? 64 : w->cap * 2;
			w->items = xreallocarray(w->items, w->cap,
			    sizeof *w->items);
			w->qs = xreallocarray(w->qs, w->cap, sizeof *w->qs);
		}
		w->items[w->n].q = q;
		memcpy(w->items[w->n].path, w->path, sizeof w->path);
		w->qs[w->n++] = q;
	}
}

size_t
run_review(struct run *r, const int **qs)
{
	struct run_walk	 w;

	memset(&w, 0, sizeof w);
	run_review_walk(r, 0, (int)r->form->nquestions, 0, &w);
	free(r->review);
	free(r->review_at);
	r->review = w.qs != NULL ? w.qs : xcalloc(1, sizeof *r->review);
	r->review_at = w.items;
	*qs = r->review;
	return w.n;
}
