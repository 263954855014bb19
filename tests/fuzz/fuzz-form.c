/* fuzz-form.c: libFuzzer harness of the XLSForm CSV reader
 * (form_parse_buffer). A form that parses is then used the way run and
 * export use one: answers made (defaults, calculates), every question's
 * texts, choices and relevance, a walk through the questions, and the
 * encoding of the answers read back, which must give the same bytes;
 * then a simulated response (consult simulate), which must validate and
 * go through the encoding unchanged too; labels piped with both. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/lib.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	return 0;
}

/* Pipe every label, hint and choice label as the front ends show them
 * with the answers a holds. */
static void
fuzz_form_pipe(const struct form *f, const struct answers *a)
{
	const struct choice_list *cl;
	size_t			 i, j, l;

	for (i = 0; i < f->nquestions; i++) {
		for (l = 0; l < f->nlangs; l++) {
			wipe_free(answers_pipe(a, form_label(f,
			    &f->questions[i], l), l));
			wipe_free(answers_pipe(a, form_text(f,
			    f->questions[i].hint, l), l));
			wipe_free(answers_pipe_with(a, answers_message(a,
			    (int)i, ANSWER_CONSTRAINT, l), l, (int)i, "1"));
		}
	}
	for (i = 0; i < f->nlists; i++) {
		cl = &f->lists[i];
		for (j = 0; j < cl->nchoices; j++)
			wipe_free(answers_pipe(a, form_text(f,
			    cl->choices[j].label, 0), 0));
	}
}

/* Touch what the front ends show of each question. */
static void
fuzz_form_use(const struct form *f, struct answers *a)
{
	const struct question	*q;
	enum answer_problem	 problem;
	size_t			 i, l, n;
	int			*idx;
	int			 next;

	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		for (l = 0; l < f->nlangs; l++) {
			(void)form_label(f, q, l);
			(void)form_text(f, q->hint, l);
			(void)answers_message(a, (int)i, ANSWER_REQUIRED, l);
			(void)answers_message(a, (int)i, ANSWER_CONSTRAINT, l);
		}
		if (form_find_question(f, q->name) < 0)
			abort();
		(void)answers_relevant(a, (int)i);
		if (question_has_choices(q)) {
			n = answers_choices(a, (int)i, &idx);
			free(idx);
			(void)n;
		}
	}
	/* Walk forward as a participant who skips everything. */
	for (next = answers_next(a, 0, 1), n = 0; next >= 0 &&
	    n <= f->nquestions; next = answers_next(a, next + 1, 1), n++)
		(void)answers_get(a, next);
	(void)answers_validate_all(a, &problem);
	fuzz_form_pipe(f, a);
}

/* Encode the answers, decode them, encode again: same bytes. */
static void
fuzz_form_roundtrip(const struct form *f, const struct answers *a)
{
	struct answers	*back;
	struct buf	 one, two;
	uint32_t	 position;
	int		 complete;
	char		*cause = NULL;

	buf_init(&one);
	buf_init(&two);
	answers_encode(a, 1, (uint32_t)f->nquestions, &one);
	back = answers_decode(f, one.data, one.len, &complete, &position,
	    &cause);
	if (back == NULL) {
		fprintf(stderr, "own encoding refused: %s\n", cause);
		abort();
	}
	answers_encode(back, complete, position, &two);
	if (one.len != two.len || memcmp(one.data, two.data, one.len) != 0)
		abort();
	answers_free(back);
	buf_clear(&one);
	buf_clear(&two);
}

/* What consult simulate makes of the form: a response that validates
 * and goes through the encoding unchanged. */
static void
fuzz_form_simulate(const struct form *f)
{
	struct simulate		*sim;
	struct answers		*a;
	struct prng		 r;
	enum answer_problem	 problem;
	char			*cause = NULL;
	int			 q;

	sim = simulate_create(f);
	a = answers_create(f, 7, "2024-03-15");
	prng_init(&r, 7);
	if (simulate_answers(sim, a, &r, &cause) == 0) {
		if ((q = answers_validate_all(a, &problem)) != -1) {
			fprintf(stderr, "simulated '%s' = '%s' refused (%d)\n",
			    f->questions[q].name, answers_get(a, q), problem);
			abort();
		}
		fuzz_form_roundtrip(f, a);
		fuzz_form_pipe(f, a);
	} else if (cause == NULL || *cause == '\0')
		abort();
	free(cause);
	answers_free(a);
	simulate_free(sim);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form	*f;
	struct answers	*a;
	char		*cause = NULL;

	f = form_parse_buffer("fuzz.csv", data, size, &cause);
	if (f == NULL) {
		if (cause == NULL || *cause == '\0')
			abort();	/* every refusal says why */
		free(cause);
		return 0;
	}
	if (cause != NULL)
		abort();
	a = answers_create(f, 42, "2024-03-15");
	fuzz_form_use(f, a);
	fuzz_form_roundtrip(f, a);
	answers_free(a);
	fuzz_form_simulate(f);
	form_free(f);
	return 0;
}
