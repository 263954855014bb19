/* answers-validate.c: whether a response can be submitted: every
 * relevant question of every instance of every repeat checked. */
#include "forms/lib.h"
#include "forms/form-private.h"

/* Check the questions in [lo, hi) of the view, each instance of the
 * repeats among them in turn; the first failing one stays selected. */
static int
answers_validate_range(struct answers *a, int lo, int hi,
    enum answer_problem *problem)
{
	const struct form	*f = a->form;
	const struct question	*qq;
	size_t			 k, orig;
	int			 i, bad;

	for (i = lo; i < hi; i++) {
		qq = &f->questions[i];
		if (form_is_repeat(f, i)) {
			if (!answers_relevant(a, i)) {
				i = qq->end;
				continue;
			}
			orig = answers_repeat_current(a, i);
			for (k = 0; k < answers_repeat_count(a, i); k++) {
				answers_repeat_select(a, i, k);
				if ((bad = answers_validate_range(a, i + 1,
				    qq->end, problem)) >= 0)
					return bad;
			}
			answers_repeat_select(a, i, orig);
			i = qq->end;
			continue;
		}
		if (!question_stores(qq) || qq->type == QUESTION_CALCULATE)
			continue;
		if (!answers_relevant(a, i))
			continue;
		*problem = answers_check(a, i, answers_get(a, i), NULL);
		if (*problem != ANSWER_OK)
			return i;
	}
	return -1;
}

int
answers_validate_all(struct answers *a, enum answer_problem *problem)
{
	*problem = ANSWER_OK;
	return answers_validate_range(a, 0, (int)a->form->nquestions,
	    problem);
}
