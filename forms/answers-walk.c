/* answers-walk.c: walking one participant's answers: the next question
 * to ask (answers-validate.c finds the one that holds back the
 * submission). */
#include <stdlib.h>

#include "forms/lib.h"

int
answers_next(const struct answers *a, int q, int step)
{
	int	 n = (int)a->form->nquestions;

	step = step < 0 ? -1 : 1;
	if (q < 0 && step > 0)
		q = 0;
	if (q >= n && step < 0)
		q = n - 1;
	for (; q >= 0 && q < n; q += step) {
		switch (a->form->questions[q].type) {
		case QUESTION_CALCULATE:
		case QUESTION_BEGIN_GROUP:
		case QUESTION_END_GROUP:
			continue;
		default:
			break;
		}
		if (answers_relevant(a, q))
			return q;
	}
	return -1;
}
