/* fuzz-expr.c: libFuzzer harness of the expression parser and evaluator
 * (expr_parse, expr_eval_string, expr_eval_bool, expr_refs), with a
 * list 'regions' and a file 'towns' for instance() lookups.
 *
 * Input: one flag byte (bit 0: parse as a choice_filter), then fields
 * separated by NUL bytes: the expression, the value of ".", and the
 * answers of the form's questions in order (missing ones are empty).
 * Seeds are text: "0${age} > 3\0\0" + "20". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/lib.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The form of tests/forms/test-expr.c: only what the parser reads. */
static struct question fuzz_questions[] = {
	{ .type = QUESTION_INTEGER, .name = (char *)"age" },
	{ .type = QUESTION_DECIMAL, .name = (char *)"weight" },
	{ .type = QUESTION_TEXT, .name = (char *)"name" },
	{ .type = QUESTION_SELECT_ONE, .name = (char *)"region" },
	{ .type = QUESTION_SELECT_MULTIPLE, .name = (char *)"langs" },
	{ .type = QUESTION_RANK, .name = (char *)"prio" },
	{ .type = QUESTION_DATE, .name = (char *)"born" },
	{ .type = QUESTION_CALCULATE, .name = (char *)"total" },
	{ .type = QUESTION_TEXT, .name = (char *)"div" },
	{ .type = QUESTION_TEXT, .name = (char *)"email" },
};
#define NQ (sizeof fuzz_questions / sizeof fuzz_questions[0])

static char *fuzz_columns[] = { (char *)"region", (char *)"filter" };
static struct lang fuzz_langs[] = { { (char *)"default", NULL } };

static struct choice_list fuzz_lists[1];

/* A list file for instance('towns'): a header, a row, a blank line, a
 * short row. */
static char *fuzz_row0[] = { (char *)"name", (char *)"label",
    (char *)"pop" };
static char *fuzz_row1[] = { (char *)"a", (char *)"Aville", (char *)"5" };
static char *fuzz_row2[] = { (char *)"" };
static char *fuzz_row3[] = { (char *)"b" };
static char **fuzz_rows[] = { fuzz_row0, fuzz_row1, fuzz_row2, fuzz_row3 };
static size_t fuzz_ncells[] = { 3, 3, 1, 1 };
static struct form_file fuzz_files[] = {
	{ .name = (char *)"towns.csv", .rows = fuzz_rows,
	    .ncells = fuzz_ncells, .nrows = 4 },
};

static struct form fuzz_form = {
	.questions = fuzz_questions,
	.nquestions = NQ,
	.lists = fuzz_lists,
	.nlists = 1,
	.choice_columns = fuzz_columns,
	.nchoice_columns = 2,
	.langs = fuzz_langs,
	.nlangs = 1,
	.files = fuzz_files,
	.nfiles = 1,
};

static char *fuzz_labels[][1] = {
	{ (char *)"Kenya" }, { (char *)"France" }, { (char *)"" },
};
static char *fuzz_extras[][2] = {
	{ (char *)"africa", (char *)"x" },
	{ (char *)"europe", (char *)"1.5" },
	{ (char *)"", (char *)"" },
};
static const struct choice fuzz_choices[] = {
	{ .name = (char *)"ke", .label = fuzz_labels[0],
	    .extra = fuzz_extras[0] },
	{ .name = (char *)"fr", .label = fuzz_labels[1],
	    .extra = fuzz_extras[1] },
	{ .name = (char *)"3", .label = fuzz_labels[2],
	    .extra = fuzz_extras[2] },
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	/* instance('regions'): the choices below, without an index */
	fuzz_lists[0].name = (char *)"regions";
	fuzz_lists[0].choices = (struct choice *)fuzz_choices;
	fuzz_lists[0].nchoices = 3;
	return 0;
}

static const char *
fuzz_answer(void *ctx, int q)
{
	char	**values = ctx;

	if (q < 0 || (size_t)q >= NQ)
		abort();	/* the parser resolved a name it should not */
	return values[q];
}

static void
fuzz_ref(int q, void *arg)
{
	(void)arg;
	if (q < 0 || (size_t)q >= NQ)
		abort();
}

/* Evaluate every way a form uses an expression. */
static void
fuzz_eval(const struct expr *e, struct expr_env *env, int choice_filter)
{
	char	*s;
	size_t	 i;

	if (!choice_filter) {
		s = expr_eval_string(e, env);
		if (s == NULL)
			abort();
		wipe_free(s);
		(void)expr_eval_bool(e, env);
		return;
	}
	for (i = 0; i < sizeof fuzz_choices / sizeof fuzz_choices[0]; i++) {
		env->choice = &fuzz_choices[i];
		(void)expr_eval_bool(e, env);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expr_env	 env;
	struct expr	*e;
	char		*copy, *field[NQ + 2], *p, *end, *cause = NULL;
	size_t		 i;
	int		 choice_filter;

	if (size == 0)
		return 0;
	choice_filter = data[0] & 1;
	/* NUL-terminated fields; the last one ends with the input. */
	copy = xmalloc(size);
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	end = copy + size - 1;
	for (i = 0, p = copy; i < NQ + 2; i++) {
		field[i] = p;
		if (p < end && (p += strlen(p) + 1) > end)
			p = end;
	}
	memset(&env, 0, sizeof env);
	env.answer = fuzz_answer;
	env.ctx = field + 2;
	env.self = field[1];
	env.form = &fuzz_form;
	env.today = "2024-03-15";
	e = expr_parse(field[0], &fuzz_form, choice_filter, &cause);
	if (e == NULL) {
		if (cause == NULL || *cause == '\0')
			abort();	/* every refusal says why */
		free(cause);
	} else {
		if (cause != NULL)
			abort();
		expr_refs(e, fuzz_ref, NULL);
		fuzz_eval(e, &env, choice_filter);
		expr_free(e);
	}
	free(copy);
	return 0;
}
