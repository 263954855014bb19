/* test-normalise.c: tests for forms/normalise.c through answers_check:
 * the normal form of each type, and what each type refuses. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "tests/forms/fixture.h"

#define TODAY "2025-03-31"

/* ---- validation per type ------------------------------------------ */

struct check_case {
	char	 question[8];
	char	 value[48];
	int	 problem;
	char	 norm[48];
};

static struct check_case check_cases[] = {
	{ "n", "42", ANSWER_OK, "42" },
	{ "n", "+05", ANSWER_OK, "5" },
	{ "n", "-0", ANSWER_OK, "0" },
	{ "n", " 7 ", ANSWER_OK, "7" },
	{ "n", "000", ANSWER_OK, "0" },
	{ "n", "-012", ANSWER_OK, "-12" },
	{ "n", "", ANSWER_OK, "" },
	{ "n", "   ", ANSWER_OK, "" },
	{ "n", "9223372036854775807", ANSWER_OK, "9223372036854775807" },
	{ "n", "-9223372036854775808", ANSWER_OK, "-9223372036854775808" },
	{ "n", "9223372036854775808", ANSWER_NOT_INTEGER, "" },
	{ "n", "-9223372036854775809", ANSWER_NOT_INTEGER, "" },
	{ "n", "00000000000000000000001", ANSWER_OK, "1" },
	{ "n", "3.5", ANSWER_NOT_INTEGER, "" },
	{ "n", "3,5", ANSWER_NOT_INTEGER, "" },
	{ "n", "abc", ANSWER_NOT_NUMBER, "" },
	{ "n", "1e3", ANSWER_NOT_NUMBER, "" },
	{ "n", "+", ANSWER_NOT_NUMBER, "" },
	{ "n", "--1", ANSWER_NOT_NUMBER, "" },
	{ "n", "1 2", ANSWER_NOT_NUMBER, "" },
	{ "n", "\xd9\xa3", ANSWER_NOT_NUMBER, "" },
	{ "x", "3.5", ANSWER_OK, "3.5" },
	{ "x", "3,5", ANSWER_OK, "3.5" },
	{ "x", ".50", ANSWER_OK, "0.5" },
	{ "x", "5.", ANSWER_OK, "5" },
	{ "x", "-0.0", ANSWER_OK, "0" },
	{ "x", "+007.250", ANSWER_OK, "7.25" },
	{ "x", "-12", ANSWER_OK, "-12" },
	{ "x", "0,125", ANSWER_OK, "0.125" },
	{ "x", "1234,567", ANSWER_OK, "1234.567" },
	{ "x", "1,5", ANSWER_OK, "1.5" },
	{ "x", "1.000", ANSWER_OK, "1" },
	{ "x", "1,000", ANSWER_NOT_NUMBER, "" },
	{ "x", "-2,500", ANSWER_NOT_NUMBER, "" },
	{ "x", "1,000.5", ANSWER_NOT_NUMBER, "" },
	{ "x", ".", ANSWER_NOT_NUMBER, "" },
	{ "x", "1.2.3", ANSWER_NOT_NUMBER, "" },
	{ "x", "1e5", ANSWER_NOT_NUMBER, "" },
	{ "x", "nan", ANSWER_NOT_NUMBER, "" },
	{ "x", "-", ANSWER_NOT_NUMBER, "" },
	{ "x", "0.1234567890123456789012345678901", ANSWER_NOT_NUMBER, "" },
	{ "x", "0.123456789012345678901234567890", ANSWER_OK,
	    "0.12345678901234567890123456789" },
	{ "d", "2024-02-29", ANSWER_OK, "2024-02-29" },
	{ "d", " 2024-01-05 ", ANSWER_OK, "2024-01-05" },
	{ "d", "2000-02-29", ANSWER_OK, "2000-02-29" },
	{ "d", "0001-01-01", ANSWER_OK, "0001-01-01" },
	{ "d", "9999-12-31", ANSWER_OK, "9999-12-31" },
	{ "d", "2023-02-29", ANSWER_NOT_DATE, "" },
	{ "d", "1900-02-29", ANSWER_NOT_DATE, "" },
	{ "d", "2024-13-01", ANSWER_NOT_DATE, "" },
	{ "d", "2024-00-10", ANSWER_NOT_DATE, "" },
	{ "d", "2024-04-31", ANSWER_NOT_DATE, "" },
	{ "d", "2024-04-00", ANSWER_NOT_DATE, "" },
	{ "d", "0000-01-01", ANSWER_NOT_DATE, "" },
	{ "d", "2024-1-5", ANSWER_NOT_DATE, "" },
	{ "d", "20240105", ANSWER_NOT_DATE, "" },
	{ "d", "2024/01/05", ANSWER_NOT_DATE, "" },
	{ "d", "2024-01-0a", ANSWER_NOT_DATE, "" },
	{ "d", "2024-01-05T10", ANSWER_NOT_DATE, "" },
	{ "t", "hello", ANSWER_OK, "hello" },
	{ "t", "  hi there  ", ANSWER_OK, "hi there" },
	{ "t", "a\tb", ANSWER_OK, "a b" },
	{ "t", "line\r\n", ANSWER_OK, "line" },
	{ "t", "\xe6\x97\xa5\xe6\x9c\xac \xc3\xbc", ANSWER_OK,
	    "\xe6\x97\xa5\xe6\x9c\xac \xc3\xbc" },
	{ "t", "e\xcc\x81", ANSWER_OK, "e\xcc\x81" },
	{ "t", "\xf0\x9f\x98\x80", ANSWER_OK, "\xf0\x9f\x98\x80" },
	{ "t", "a\nb", ANSWER_BAD_TEXT, "" },
	{ "t", "a\rb", ANSWER_BAD_TEXT, "" },
	{ "t", "a\x01z", ANSWER_BAD_TEXT, "" },
	{ "t", "a\x7f", ANSWER_BAD_TEXT, "" },
	{ "t", "a\x1b[31m", ANSWER_BAD_TEXT, "" },
	{ "t", "\xc2\x85", ANSWER_BAD_TEXT, "" },
	{ "t", "\xff", ANSWER_BAD_TEXT, "" },
	{ "t", "\xc0\xaf", ANSWER_BAD_TEXT, "" },
	{ "t", "\xed\xa0\x80", ANSWER_BAD_TEXT, "" },
	{ "t", "\xe6\x97", ANSWER_BAD_TEXT, "" },
	{ "ml", "a\r\nb", ANSWER_OK, "a\nb" },
	{ "ml", "a\rb", ANSWER_OK, "a\nb" },
	{ "ml", "\none\n\ntwo\n\n", ANSWER_OK, "one\n\ntwo" },
	{ "ml", "a\x1b[31m", ANSWER_BAD_TEXT, "" },
	{ "ml", " \n \n ", ANSWER_OK, "" },
	{ "one", "red", ANSWER_OK, "red" },
	{ "one", " x-1 ", ANSWER_OK, "x-1" },
	{ "one", "Red", ANSWER_NOT_CHOICE, "" },
	{ "one", "purple", ANSWER_NOT_CHOICE, "" },
	{ "one", "red green", ANSWER_TOO_MANY, "" },
	{ "one", "red red", ANSWER_TOO_MANY, "" },
	{ "many", "blue red", ANSWER_OK, "red blue" },
	{ "many", "x-1 red \t green", ANSWER_OK, "red green x-1" },
	{ "many", "red red", ANSWER_DUPLICATE, "" },
	{ "many", "red purple", ANSWER_NOT_CHOICE, "" },
	{ "many", "", ANSWER_OK, "" },
	{ "top", "blue red", ANSWER_OK, "blue red" },
	{ "top", "x-1", ANSWER_OK, "x-1" },
	{ "top", "blue red green", ANSWER_TOO_MANY, "" },
	{ "top", "red red", ANSWER_DUPLICATE, "" },
	{ "top", "red yellow", ANSWER_NOT_CHOICE, "" },
	{ "all", "green blue x-1 red", ANSWER_OK, "green blue x-1 red" },
	{ "level", "3", ANSWER_OK, "3" },
	{ "level", "6", ANSWER_NOT_CHOICE, "" },
	{ "level", "03", ANSWER_NOT_CHOICE, "" },
	{ "ack", "OK", ANSWER_OK, "OK" },
	{ "ack", " ok ", ANSWER_OK, "OK" },
	{ "ack", "", ANSWER_OK, "" },
	{ "ack", "yes", ANSWER_NOT_ACK, "" },
	{ "ack", "OKAY", ANSWER_NOT_ACK, "" },
};

ParameterizedTestParameters(normalise, check)
{
	return cr_make_param_array(struct check_case, check_cases,
	    sizeof check_cases / sizeof check_cases[0]);
}

ParameterizedTest(struct check_case *c, normalise, check)
{
	struct form		*f = load("answers-types.csv");
	struct answers		*a = answers_create(f, 1, TODAY);
	char			*norm = (char *)"unset";
	enum answer_problem	 problem;

	problem = answers_check(a, q_of(f, c->question), c->value, &norm);
	cr_assert_eq(problem, c->problem, "%s '%s': %d, expected %d",
	    c->question, c->value, problem, c->problem);
	if (c->problem == ANSWER_OK) {
		cr_assert_str_eq(norm, c->norm);
		/* The normal form is its own normal form. */
		wipe_free(norm);
		cr_assert_eq(answers_normalise(f, q_of(f, c->question),
		    c->norm, &norm), ANSWER_OK);
		cr_assert_str_eq(norm, c->norm);
		free(norm);
	} else
		cr_assert_null(norm);
	answers_free(a);
	form_free(f);
}

Test(normalise, rank_max_defaults_to_the_list)
{
	struct form	*f = load("answers-types.csv");

	cr_assert_eq(f->questions[q_of(f, "top")].rank_max, 2);
	cr_assert_eq(f->questions[q_of(f, "all")].rank_max, 4);
	form_free(f);
}


Test(normalise, needs_no_state)
{
	struct form	*f = load("answers-logic.csv");
	char		*norm = (char *)"unset";

	/* The whole list, whatever choice_filter would show now. */
	cr_assert_eq(answers_normalise(f, q_of(f, "country"), " france ",
	    &norm), ANSWER_OK);
	cr_assert_str_eq(norm, "france");
	free(norm);
	/* No required, no constraint. */
	cr_assert_eq(answers_normalise(f, q_of(f, "member"), "", &norm),
	    ANSWER_OK);
	cr_assert_str_eq(norm, "");
	free(norm);
	cr_assert_eq(answers_normalise(f, q_of(f, "age"), "7", &norm),
	    ANSWER_OK);
	cr_assert_str_eq(norm, "7");
	free(norm);
	/* A calculate keeps what it computed, if it is UTF-8. */
	cr_assert_eq(answers_normalise(f, q_of(f, "double"), " 4 2 ", &norm),
	    ANSWER_OK);
	cr_assert_str_eq(norm, " 4 2 ");
	free(norm);
	cr_assert_eq(answers_normalise(f, q_of(f, "double"), "\xff", &norm),
	    ANSWER_BAD_TEXT);
	cr_assert_null(norm);
	/* A note stores nothing. */
	cr_assert_eq(answers_normalise(f, q_of(f, "done"), "x", &norm),
	    ANSWER_OK);
	cr_assert_str_eq(norm, "");
	free(norm);
	cr_assert_eq(answers_normalise(f, -1, "x", &norm), ANSWER_NOT_CHOICE);
	cr_assert_null(norm);
	cr_assert_eq(answers_normalise(f, (int)f->nquestions, "x", &norm),
	    ANSWER_NOT_CHOICE);
	cr_assert_null(norm);
	form_free(f);
}
