/* test-answers.c: tests for forms/answers.c and forms/messages.c:
 * required and constraint with their messages in three languages,
 * relevance, calculate, default, choices and moving. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "tests/forms/fixture.h"

#define TODAY "2025-03-31"

Test(answers, nothing_to_store_in_a_note)
{
	struct form	*f = load("answers-types.csv");
	struct answers	*a = answers_create(f, 1, TODAY);
	int		 info = q_of(f, "info");

	answers_set(a, info, "text");
	cr_assert_str_eq(answers_get(a, info), "");
	cr_assert_str_eq(answers_get(a, -1), "");
	cr_assert_str_eq(answers_get(a, (int)f->nquestions), "");
	answers_set(a, (int)f->nquestions, "x");
	answers_free(a);
	form_free(f);
}

Test(answers, calculate_follows_its_inputs)
{
	struct form	*f = load("answers-types.csv");
	struct answers	*a = answers_create(f, 1, TODAY);

	cr_assert_str_eq(get(a, "calc"), "/");
	set(a, "n", "+7");
	set(a, "t", "seven");
	cr_assert_str_eq(get(a, "calc"), "7/seven");
	set(a, "n", "");
	cr_assert_str_eq(get(a, "calc"), "/seven");
	answers_free(a);
	form_free(f);
}

Test(answers, today_defaults_to_the_current_date)
{
	struct form	*f = load("answers-types.csv");
	struct answers	*a = answers_create(f, 1, NULL);
	char		*norm;

	cr_assert_eq(strlen(a->today), 10);
	cr_assert_eq(answers_check(a, q_of(f, "d"), a->today, &norm),
	    ANSWER_OK);
	cr_assert_str_eq(norm, a->today);
	free(norm);
	answers_free(a);
	a = answers_create(f, 1, TODAY);
	cr_assert_str_eq(a->today, TODAY);
	answers_free(a);
	form_free(f);
}

/* ---- required and constraint, with messages in three languages ------ */

struct message_case {
	char	 lang[4];
	char	 required[64];		/* member's required_message */
	char	 constraint[64];	/* age's constraint_message */
	char	 builtin_constraint[64];
	char	 builtin_required[64];
	char	 not_number[80];
};

static struct message_case message_cases[] = {
	{ "en", "Please say whether you are a member.",
	    "Age must be between 18 and 120.",
	    "This answer is not allowed.",
	    "This question requires an answer.",
	    "Please enter a number, such as 12 or 3.5, without thousands "
	    "separators." },
	{ "fr", "Dites-nous si vous êtes membre.",
	    "L'âge doit être compris entre 18 et 120.",
	    "Cette réponse n'est pas acceptée.",
	    "Cette question demande une réponse.",
	    "Veuillez saisir un nombre, par exemple 12 ou 3,5, sans "
	    "séparateur de milliers." },
	/* No Spanish constraint message for age: the default language's. */
	{ "es", "Díganos si es miembro.",
	    "Age must be between 18 and 120.",
	    "Esta respuesta no está permitida.",
	    "Esta pregunta requiere una respuesta.",
	    "Introduzca un número, por ejemplo 12 o 3,5, sin separador de "
	    "miles." },
};

ParameterizedTestParameters(answers, messages)
{
	return cr_make_param_array(struct message_case, message_cases,
	    sizeof message_cases / sizeof message_cases[0]);
}

ParameterizedTest(struct message_case *c, answers, messages)
{
	struct form	*f = load("answers-logic.csv");
	struct answers	*a = answers_create(f, 1, TODAY);
	int		 lang = form_find_lang(f, c->lang);
	int		 member = q_of(f, "member"), age = q_of(f, "age");
	int		 years = q_of(f, "years");
	char		*norm = NULL;

	cr_assert_geq(lang, 0);
	cr_assert_eq(answers_check(a, member, "", &norm), ANSWER_REQUIRED);
	cr_assert_null(norm);
	cr_assert_str_eq(answers_message(a, member, ANSWER_REQUIRED,
	    (size_t)lang), c->required);
	cr_assert_eq(answers_check(a, age, "12", &norm), ANSWER_CONSTRAINT);
	cr_assert_null(norm);
	cr_assert_str_eq(answers_message(a, age, ANSWER_CONSTRAINT,
	    (size_t)lang), c->constraint);
	cr_assert_str_eq(answers_message(a, years, ANSWER_CONSTRAINT,
	    (size_t)lang), c->builtin_constraint);
	cr_assert_str_eq(answers_message(a, years, ANSWER_REQUIRED,
	    (size_t)lang), c->builtin_required);
	cr_assert_eq(answers_check(a, age, "old", &norm), ANSWER_NOT_NUMBER);
	cr_assert_str_eq(answers_message(a, age, ANSWER_NOT_NUMBER,
	    (size_t)lang), c->not_number);
	answers_free(a);
	form_free(f);
}

Test(answers, constraint_sees_the_normal_value_and_skips_empty)
{
	struct form	*f = load("answers-logic.csv");
	struct answers	*a = answers_create(f, 1, TODAY);
	int		 age = q_of(f, "age");
	char		*norm;

	cr_assert_eq(answers_check(a, age, "+018", &norm), ANSWER_OK);
	cr_assert_str_eq(norm, "18");
	free(norm);
	cr_assert_eq(answers_check(a, age, "121", &norm), ANSWER_CONSTRAINT);
	cr_assert_eq(answers_check(a, age, "", &norm), ANSWER_OK);
	cr_assert_str_eq(norm, "");
	free(norm);
	answers_free(a);
	form_free(f);
}

Test(answers, required_expression_and_constraint_on_other_answers)
{
	struct form	*f = load("answers-logic.csv");
	struct answers	*a = answers_create(f, 1, TODAY);
	int		 years = q_of(f, "years");
	char		*norm;

	cr_assert_eq(answers_check(a, years, "", &norm), ANSWER_OK);
	free(norm);
	set(a, "member", "yes");
	cr_assert_eq(answers_check(a, years, "", &norm), ANSWER_REQUIRED);
	set(a, "age", "40");
	cr_assert_eq(answers_check(a, years, "39", &norm), ANSWER_OK);
	free(norm);
	cr_assert_eq(answers_check(a, years, "40", &norm), ANSWER_CONSTRAINT);
	set(a, "member", "no");
	cr_assert_eq(answers_check(a, years, "", &norm), ANSWER_OK);
	free(norm);
	answers_free(a);
	form_free(f);
}

struct lang_case {
	char	 name[24];
	char	 code[8];
	char	 first[16];	/* first word of the required message */
};

static struct lang_case lang_cases[] = {
	{ "English (en)", "en", "This" },
	{ "Français (fr)", "fr", "Cette" },
	{ "Español (es)", "es", "Esta" },
	{ "Français", "", "Cette" },
	{ "FRENCH", "", "Cette" },
	{ "Castellano", "", "Esta" },
	{ "Español", "", "Esta" },
	{ "français canadien", "fr-CA", "Cette" },
	{ "x", "es_419", "Esta" },
	{ "Deutsch (de)", "de", "This" },
	{ "default", "", "This" },
	{ "Frenchish", "", "This" },
	{ "x", "fra", "This" },
};

ParameterizedTestParameters(answers, builtin_language)
{
	return cr_make_param_array(struct lang_case, lang_cases,
	    sizeof lang_cases / sizeof lang_cases[0]);
}

ParameterizedTest(struct lang_case *c, answers, builtin_language)
{
	struct lang	 l;
	const char	*m;

	l.name = c->name;
	l.code = c->code[0] == '\0' ? NULL : c->code;
	m = answers_builtin_message(ANSWER_REQUIRED, &l);
	cr_assert_eq(strncmp(m, c->first, strlen(c->first)), 0, "%s", m);
	cr_assert_eq(m[strlen(c->first)], ' ');
}

Test(answers, every_problem_has_three_messages)
{
	struct lang		 langs[3] = {
		{ (char *)"English", (char *)"en" },
		{ (char *)"Français", (char *)"fr" },
		{ (char *)"Español", (char *)"es" },
	};
	const char		*m[3];
	int			 p, i;

	cr_assert_str_eq(answers_builtin_message(ANSWER_OK, NULL), "");
	cr_assert_str_eq(answers_builtin_message((enum answer_problem)99,
	    NULL), "");
	for (p = ANSWER_REQUIRED; p <= ANSWER_BAD_TEXT; p++) {
		for (i = 0; i < 3; i++) {
			m[i] = answers_builtin_message(p, &langs[i]);
			cr_assert_gt(strlen(m[i]), 10);
			cr_assert(utf8_valid(m[i], strlen(m[i]), NULL));
		}
		cr_assert_str_neq(m[0], m[1]);
		cr_assert_str_neq(m[0], m[2]);
		cr_assert_str_neq(m[1], m[2]);
		cr_assert_str_eq(answers_builtin_message(p, NULL), m[0]);
	}
}

/* ---- relevance, groups, defaults ------------------------------------ */

Test(answers, irrelevant_answers_are_cleared)
{
	struct form	*f = load("answers-logic.csv");
	struct answers	*a = answers_create(f, 1, TODAY);
	int		 why = q_of(f, "why");

	cr_assert_not(answers_relevant(a, why));
	set(a, "member", "no");
	cr_assert(answers_relevant(a, why));
	set(a, "why", "Too expensive");
	cr_assert_str_eq(get(a, "why"), "Too expensive");
	set(a, "member", "yes");
	cr_assert_not(answers_relevant(a, why));
	cr_assert_str_eq(get(a, "why"), "");
	cr_assert_null(a->values[why]);
	set(a, "member", "no");
	cr_assert_str_eq(get(a, "why"), "");
	answers_free(a);
	form_free(f);
}

Test(answers, group_relevance_reaches_nested_questions)
{
	struct form	*f = load("answers-logic.csv");
	struct answers	*a = answers_create(f, 1, TODAY);
	int		 region = q_of(f, "region"), big = q_of(f, "big");

	cr_assert_not(answers_relevant(a, region));
	cr_assert_not(answers_relevant(a, big));
	set(a, "member", "yes");
	cr_assert(answers_relevant(a, region));
	cr_assert(answers_relevant(a, big));	/* staff defaults to 10 */
	set(a, "big", "yes, quite");
	set(a, "region", "europe");
	set(a, "staff", "3");
	cr_assert_not(answers_relevant(a, big));
	cr_assert_str_eq(get(a, "big"), "");
	cr_assert_str_eq(get(a, "region"), "europe");
	set(a, "member", "no");
	cr_assert_not(answers_relevant(a, region));
	cr_assert_str_eq(get(a, "region"), "");
	cr_assert_str_eq(get(a, "staff"), "");
	cr_assert_not(answers_relevant(a, -1));
	cr_assert_not(answers_relevant(a, (int)f->nquestions));
	answers_free(a);
	form_free(f);
}

Test(answers, defaults_apply_when_a_question_becomes_relevant)
{
	struct form	*f = load("answers-logic.csv");
	struct answers	*a = answers_create(f, 1, TODAY);

	cr_assert_str_eq(get(a, "when"), "2024-02-29");
	cr_assert_str_eq(get(a, "staff"), "");	/* its group is hidden */
	set(a, "member", "yes");
	cr_assert_str_eq(get(a, "staff"), "10");
	set(a, "staff", "");			/* the participant's choice */
	set(a, "age", "30");
	cr_assert_str_eq(get(a, "staff"), "");
	set(a, "member", "no");
	set(a, "member", "yes");
	cr_assert_str_eq(get(a, "staff"), "10");
	set(a, "when", "");
	cr_assert_str_eq(get(a, "when"), "");
	answers_free(a);
	form_free(f);
}

Test(answers, calculate_recomputes_and_clears)
{
	struct form	*f = load("answers-logic.csv");
	struct answers	*a = answers_create(f, 1, TODAY);

	cr_assert_str_eq(get(a, "double"), "");
	set(a, "age", "21");
	cr_assert_str_eq(get(a, "double"), "42");
	set(a, "age", "");
	cr_assert_str_eq(get(a, "double"), "");
	cr_assert_null(a->values[q_of(f, "double")]);
	answers_free(a);
	form_free(f);
}

/* ---- choices -------------------------------------------------------- */

static void
append(char *out, size_t size, const char *s)
{
	size_t	 len = strlen(out);

	snprintf(out + len, size - len, "%s", s);
}

static void
choice_names(const struct answers *a, const char *name, char *out,
    size_t size)
{
	int			 q = q_of(a->form, name), *idx;
	const struct choice_list *l;
	size_t			 n, i;

	l = form_question_list(a->form, &a->form->questions[q]);
	n = answers_choices(a, q, &idx);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i != 0)
			append(out, size, " ");
		append(out, size, l->choices[idx[i]].name);
	}
	free(idx);
}

Test(answers, choice_filter_hides_choices)
{
	struct form	*f = load("answers-logic.csv");
	struct answers	*a = answers_create(f, 1, TODAY);
	int		 country = q_of(f, "country"), *idx = (int *)&idx;
	enum answer_problem problem;
	char		 names[128], *norm;

	cr_assert_eq(answers_choices(a, country, &idx), 0);
	cr_assert_null(idx);
	set(a, "member", "yes");
	set(a, "age", "50");
	set(a, "years", "30");
	set(a, "region", "africa");
	choice_names(a, "country", names, sizeof names);
	cr_assert_str_eq(names, "kenya senegal");
	cr_assert_eq(answers_check(a, country, "france", &norm),
	    ANSWER_NOT_CHOICE);
	set(a, "country", "kenya");
	cr_assert_eq(answers_validate_all(a, &problem), -1);
	set(a, "region", "europe");
	choice_names(a, "country", names, sizeof names);
	cr_assert_str_eq(names, "france");
	cr_assert_eq(answers_validate_all(a, &problem), country);
	cr_assert_eq(problem, ANSWER_NOT_CHOICE);
	choice_names(a, "member", names, sizeof names);
	cr_assert_str_eq(names, "yes no");
	cr_assert_eq(answers_choices(a, q_of(f, "age"), &idx), 0);
	cr_assert_eq(answers_choices(a, -1, &idx), 0);
	answers_free(a);
	form_free(f);
}

Test(answers, randomize_is_reproducible)
{
	struct form	*f = load("answers-logic.csv");
	struct answers	*a = answers_create(f, 7, TODAY);
	struct answers	*b = answers_create(f, 7, TODAY);
	struct answers	*c = answers_create(f, 8, TODAY);
	char		 na[64], nb[64], nc[64];
	char		 sa[64], sc[64];

	choice_names(a, "shuffled", na, sizeof na);
	choice_names(b, "shuffled", nb, sizeof nb);
	choice_names(c, "shuffled", nc, sizeof nc);
	cr_assert_str_eq(na, nb);
	cr_assert_str_neq(na, nc);
	cr_assert_str_neq(na, "a b c d e f g h");
	cr_assert_eq(strlen(na), strlen("a b c d e f g h"));
	/* The other random question gets another order. */
	choice_names(a, "seeded", sa, sizeof sa);
	cr_assert_str_neq(na, sa);
	/* seed=42 in the form wins over the participant's seed. */
	choice_names(c, "seeded", sc, sizeof sc);
	cr_assert_str_eq(sa, sc);
	cr_assert_str_neq(sa, "a b c d e f g h");
	answers_free(a);
	answers_free(b);
	answers_free(c);
	form_free(f);
}

Test(answers, randomized_answer_is_stored_in_list_order)
{
	struct form	*f = load("answers-logic.csv");
	struct answers	*a = answers_create(f, 7, TODAY);

	set(a, "shuffled", "h c a");
	cr_assert_str_eq(get(a, "shuffled"), "a c h");
	answers_free(a);
	form_free(f);
}

/* ---- moving and submitting ------------------------------------------ */

static void
walk(const struct answers *a, int step, char *out, size_t size)
{
	int	 q, n = (int)a->form->nquestions;

	out[0] = '\0';
	q = answers_next(a, step > 0 ? 0 : n - 1, step);
	while (q != -1) {
		if (out[0] != '\0')
			append(out, size, " ");
		append(out, size, a->form->questions[q].name);
		q = answers_next(a, q + step, step);
	}
}

Test(answers, next_skips_what_is_not_shown)
{
	struct form	*f = load("answers-logic.csv");
	struct answers	*a = answers_create(f, 1, TODAY);
	char		 names[256];

	walk(a, 1, names, sizeof names);
	cr_assert_str_eq(names, "member age years shuffled seeded when done");
	walk(a, -1, names, sizeof names);
	cr_assert_str_eq(names, "done when seeded shuffled years age member");
	set(a, "member", "yes");
	walk(a, 1, names, sizeof names);
	cr_assert_str_eq(names, "member age years staff region country big "
	    "shuffled seeded when done");
	set(a, "member", "no");
	walk(a, -1, names, sizeof names);
	cr_assert_str_eq(names, "done when seeded shuffled why years age "
	    "member");
	cr_assert_eq(answers_next(a, -5, 1), 0);
	cr_assert_eq(answers_next(a, -1, -1), -1);
	cr_assert_eq(answers_next(a, (int)f->nquestions, 1), -1);
	cr_assert_eq(answers_next(a, (int)f->nquestions + 3, -1),
	    q_of(f, "done"));
	answers_free(a);
	form_free(f);
}

Test(answers, validate_all_finds_the_first_problem)
{
	struct form		*f = load("answers-logic.csv");
	struct answers		*a = answers_create(f, 1, TODAY);
	enum answer_problem	 problem;

	cr_assert_eq(answers_validate_all(a, &problem), q_of(f, "member"));
	cr_assert_eq(problem, ANSWER_REQUIRED);
	set(a, "member", "yes");
	cr_assert_eq(answers_validate_all(a, &problem), q_of(f, "years"));
	cr_assert_eq(problem, ANSWER_REQUIRED);
	set(a, "age", "50");
	set(a, "years", "30");
	cr_assert_eq(answers_validate_all(a, &problem), -1);
	cr_assert_eq(problem, ANSWER_OK);
	/* A later change can break an earlier answer's constraint. */
	set(a, "age", "25");
	cr_assert_eq(answers_validate_all(a, &problem), q_of(f, "years"));
	cr_assert_eq(problem, ANSWER_CONSTRAINT);
	answers_free(a);
	form_free(f);
}
