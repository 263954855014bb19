/* test-expr.c: tests for forms/expr-parse.c, expr-eval.c, expr-func.c. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/expr-private.h"

/* A hand-built form: only the names and types the parser looks at. */
static struct question test_questions[] = {
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
#define NQ (sizeof test_questions / sizeof test_questions[0])

static char *test_columns[] = { (char *)"region", (char *)"filter" };
static struct lang test_langs[] = { { (char *)"default", NULL } };

static struct form test_form = {
	.questions = test_questions,
	.nquestions = NQ,
	.choice_columns = test_columns,
	.nchoice_columns = 2,
	.langs = test_langs,
	.nlangs = 1,
};

static const char *
test_answer(void *ctx, int q)
{
	char	**values = ctx;

	cr_assert(q >= 0 && (size_t)q < NQ);
	return (values[q] == NULL ? "" : values[q]);
}

/* Fill values from "age=20;name=Ana". */
static void
test_set_answers(char **values, const char *spec)
{
	char	*copy, *item, *next, *eq;
	int	 q;

	memset(values, 0, NQ * sizeof *values);
	copy = xstrdup(spec);
	for (item = copy; item != NULL && *item != '\0'; item = next) {
		if ((next = strchr(item, ';')) != NULL)
			*next++ = '\0';
		eq = strchr(item, '=');
		cr_assert_not_null(eq, "bad answer spec '%s'", spec);
		*eq = '\0';
		q = -1;
		for (size_t i = 0; i < NQ; i++) {
			if (strcmp(test_questions[i].name, item) == 0)
				q = (int)i;
		}
		cr_assert(q >= 0, "unknown question in spec '%s'", spec);
		values[q] = xstrdup(eq + 1);
	}
	free(copy);
}

static void
test_free_answers(char **values)
{
	for (size_t i = 0; i < NQ; i++)
		free(values[i]);
}

static struct expr *
test_parse(const char *src, int choice_filter)
{
	struct expr	*e;
	char		*cause = NULL;

	e = expr_parse(src, &test_form, choice_filter, &cause);
	cr_assert_not_null(e, "'%s' failed: %s", src, cause);
	cr_assert_null(cause);
	return (e);
}

struct eval_case {
	char	 expr[96];
	char	 answers[64];
	char	 self[16];
	char	 want[40];	/* expr_eval_string */
	int	 truth;		/* expr_eval_bool */
};

ParameterizedTestParameters(expr, evaluates)
{
	static struct eval_case cases[] = {
		/* Literals and the string form of numbers. */
		{ "1", "", "", "1", 1 },
		{ "0", "", "", "0", 0 },
		{ "1.50", "", "", "1.5", 1 },
		{ "1.0", "", "", "1", 1 },
		{ ".5", "", "", "0.5", 1 },
		{ "-0", "", "", "0", 0 },
		{ "'abc'", "", "", "abc", 1 },
		{ "\"a'b\"", "", "", "a'b", 1 },
		{ "''", "", "", "", 0 },
		{ "-3", "", "", "-3", 1 },
		{ "- -3", "", "", "3", 1 },
		{ "  1\n+\t2 ", "", "", "3", 1 },
		{ "100000000000000000000", "", "", "1e+20", 1 },
		{ "1 div 1024", "", "", "0.0009765625", 1 },
		{ "0.000001 div 10", "", "", "1e-07", 1 },
		/* Arithmetic and its precedence. */
		{ "1 + 2 * 3", "", "", "7", 1 },
		{ "(1 + 2) * 3", "", "", "9", 1 },
		{ "10 - 2 - 3", "", "", "5", 1 },
		{ "2 * 3 div 4", "", "", "1.5", 1 },
		{ "7 div 2", "", "", "3.5", 1 },
		{ "7 mod 3", "", "", "1", 1 },
		{ "-7 mod 3", "", "", "-1", 1 },
		{ "-2 * -3", "", "", "6", 1 },
		{ "1 div 3", "", "", "0.3333333333333333", 1 },
		{ "0.1 + 0.2", "", "", "0.30000000000000004", 1 },
		{ "1 div 0", "", "", "Infinity", 1 },
		{ "-1 div 0", "", "", "-Infinity", 1 },
		{ "0 div 0", "", "", "NaN", 0 },
		{ "5 mod 0", "", "", "NaN", 0 },
		{ "'abc' + 1", "", "", "NaN", 0 },
		{ "true() + true()", "", "", "2", 1 },
		{ "- ${age} + 1", "age=5", "", "-4", 1 },
		{ "${div} div 2", "div=9", "", "4.5", 1 },
		/* Logic and comparison precedence. */
		{ "true() or true() and false()", "", "", "true", 1 },
		{ "false() and false() or true()", "", "", "true", 1 },
		{ "1 = 1 and 2 = 3 or 4 > 3", "", "", "true", 1 },
		{ "not(1 = 1) or 0", "", "", "false", 0 },
		{ "1 < 2 = true()", "", "", "true", 1 },
		{ "1 + 1 = 2", "", "", "true", 1 },
		{ "3 > 2 > 1", "", "", "false", 0 },
		{ "1 != 1", "", "", "false", 0 },
		/* Numeric, boolean and string comparison. */
		{ "'10' < '9'", "", "", "false", 0 },
		{ "'10' = '10.0'", "", "", "false", 0 },
		{ "10 = '10.0'", "", "", "true", 1 },
		{ "'abc' < 'abd'", "", "", "false", 0 },
		{ "true() = 'false'", "", "", "true", 1 },
		{ "0 = false()", "", "", "true", 1 },
		{ "'' = false()", "", "", "true", 1 },
		{ "${age} = '20'", "age=20", "", "true", 1 },
		{ "${name} = 20", "name=20", "", "true", 1 },
		{ "${name} = 'Ana'", "name=Ana", "", "true", 1 },
		{ "${name} != 'Ana'", "name=Bob", "", "true", 1 },
		{ "${weight} * 2", "weight=1.25", "", "2.5", 1 },
		{ "${total}", "total=abc", "", "abc", 1 },
		{ "${ langs }", "langs=en fr", "", "en fr", 1 },
		/* Dates compare as days. */
		{ "'2024-01-02' > '2024-01-01'", "", "", "true", 1 },
		{ "${born} < today()", "born=2000-01-01", "", "true", 1 },
		{ "today() - ${born}", "born=2024-02-28", "", "16", 1 },
		{ "today()", "", "", "2024-03-15", 1 },
		/* Empty answers are empty strings. */
		{ "${age}", "", "", "", 0 },
		{ "${age}", "age=42", "", "42", 1 },
		{ "${age} > 18", "", "", "false", 0 },
		{ "${age} < 18", "", "", "false", 0 },
		{ "${age} = ''", "", "", "true", 1 },
		{ "${age} != 18", "", "", "true", 1 },
		{ "${age} + 1", "", "", "NaN", 0 },
		{ "${age} > 18", "age=20", "", "true", 1 },
		{ "${age} >= 18 and ${age} <= 65", "age=18", "", "true", 1 },
		{ "string-length(${name}) = 0", "", "", "true", 1 },
		{ "${name}", "", "", "", 0 },
		/* The value being validated. */
		{ ". > 5", "", "7", "true", 1 },
		{ ". = 7", "", "7.0", "true", 1 },
		{ ". = ''", "", "", "true", 1 },
		{ "string-length(.) <= 3", "", "abcd", "false", 0 },
		/* Selects. */
		{ "selected(${langs}, 'fr')", "langs=en fr", "", "true", 1 },
		{ "selected(${langs}, 'f')", "langs=en fr", "", "false", 0 },
		{ "selected(${langs}, ' es ')", "langs=en es", "", "true", 1 },
		{ "selected(${langs}, '')", "langs=en es", "", "false", 0 },
		{ "selected(${langs}, 'en')", "", "", "false", 0 },
		{ "selected(${region}, 'af')", "region=af", "", "true", 1 },
		{ "count-selected(${langs})", "langs=en fr es", "", "3", 1 },
		{ "count-selected(${langs})", "", "", "0", 0 },
		{ "selected-at(${prio}, 0)", "prio=c a b", "", "c", 1 },
		{ "selected-at(${prio}, 2)", "prio=c a b", "", "b", 1 },
		{ "selected-at(${prio}, 3)", "prio=c a b", "", "", 0 },
		{ "selected-at(${prio}, -1)", "prio=c a b", "", "", 0 },
		{ "selected-at(${prio}, 'x')", "prio=c a b", "", "", 0 },
		/* The other functions. */
		{ "string-length('h\xc3\xa9llo')", "", "", "5", 1 },
		{ "string-length('')", "", "", "0", 0 },
		{ "string-length(1 div 4)", "", "", "4", 1 },
		{ "if(${age} > 18, 'adult', 'minor')", "age=20", "", "adult", 1 },
		{ "if(${age} > 18, 'adult', 'minor')", "", "", "minor", 1 },
		{ "if('', 1, 2)", "", "", "2", 1 },
		{ "coalesce(${name}, 'anon')", "", "", "anon", 1 },
		{ "coalesce(${name}, 'anon')", "name=Ana", "", "Ana", 1 },
		{ "coalesce(${age}, 0) + 1", "", "", "1", 1 },
		{ "regex(${email}, '^[a-z]+@[a-z]+\\.[a-z]+$')", "email=a@b.org",
		    "", "true", 1 },
		{ "regex(${email}, '^[a-z]+@[a-z]+\\.[a-z]+$')", "email=a@b",
		    "", "false", 0 },
		{ "regex('abc', 'b')", "", "", "true", 1 },
		/* Characters, not bytes, in any locale (these tests run in
		 * "C"); ranges past ASCII by code point, as ODK. */
		{ "regex(., '^[a-z _-\xc3\xa9]+$')", "", "\xc3\xa9t\xc3\xa9 x",
		    "true", 1 },
		{ "regex(., '^[a-z _-\xc3\xa9]+$')", "", "\xce\xa9", "false",
		    0 },
		{ "regex(., '^[\xc3\xa0-\xc3\xbf]$')", "", "\xc3\xa9", "true",
		    1 },
		{ "regex(., '^[^\xc3\xa0-\xc3\xbf]$')", "", "\xc3\xa9",
		    "false", 0 },
		{ "regex(., '^.$')", "", "\xc3\xa9", "true", 1 },
		/* Escapes as ODK reads them: \\d a digit, not a "d". */
		{ "regex(., '^\\d{3}$')", "", "123", "true", 1 },
		{ "regex(., '^\\d{3}$')", "", "ddd", "false", 0 },
		{ "regex(., '^\\D+$')", "", "ab", "true", 1 },
		{ "regex(., '^[\\w\\-\\.]+@[\\w-]+$')", "", "a-b.c@d_e", "true",
		    1 },
		{ "regex(., '^[\\w\\-\\.]+$')", "", "a b", "false", 0 },
		{ "regex(., '^[a\\-z]$')", "", "b", "false", 0 },
		{ "regex(., '^[a\\-z]$')", "", "-", "true", 1 },
		{ "regex(., '^[\\]\\[\\^]+$')", "", "]^[", "true", 1 },
		{ "regex(., '^[\\d\\s]+$')", "", "1 2", "true", 1 },
		{ "regex(., '^[\\w-\\.]+$')", "", "a-b.c", "true", 1 },
		{ "regex(., '^...$')", "", "\xe4\xb8\x80\xe4\xb8\x81" "a", "true",
		    1 },
		{ "regex(., concat('^a', 'b'))", "", "abc", "true", 1 },
		{ "regex('abc', concat('(', 'b'))", "", "", "false", 0 },
		/* Computed patterns are held to the limits of literal ones
		 * (expr-regex.c): refused ones do not match. */
		{ "regex(., concat('^(a)', '\\1$'))", "", "aa", "false", 0 },
		{ "regex(., concat('^a{', '3}$'))", "", "aaa", "true", 1 },
		{ "regex(., concat('a{', '1001}'))", "", "a", "false", 0 },
		{ "regex(., '^.{998}$')", "", "", "false", 0 },	/* 1000 */
		{ "regex(., '^([a-c]{1,9}|[{]){1,80}$')", "", "ab{c", "true", 1 },
		{ "regex(., '^x{,2}\\{$')", "", "xx{", "true", 1 },
		{ "regex(., '^[]a]{2}[[:digit:]]+$')", "", "]a7", "true", 1 },
		{ "true()", "", "", "true", 1 },
		{ "false()", "", "", "false", 0 },
		{ "not('')", "", "", "true", 1 },
		{ "not(number(''))", "", "", "true", 1 },
		{ "number('12.5')", "", "", "12.5", 1 },
		{ "number('')", "", "", "NaN", 0 },
		{ "number(' 7 ')", "", "", "7", 1 },
		{ "number('-.5')", "", "", "-0.5", 1 },
		{ "number('1e3')", "", "", "NaN", 0 },
		{ "number('+1')", "", "", "NaN", 0 },
		{ "number(true())", "", "", "1", 1 },
		{ "number('1970-01-02')", "", "", "1", 1 },
		{ "number('2023-02-29')", "", "", "NaN", 0 },
		{ "int(3.7)", "", "", "3", 1 },
		{ "int(-3.7)", "", "", "-3", 1 },
		{ "int('x')", "", "", "NaN", 0 },
		{ "int(1 div 0)", "", "", "Infinity", 1 },
		{ "round(2.5)", "", "", "3", 1 },
		{ "round(-2.5)", "", "", "-3", 1 },
		{ "round(3.14159, 2)", "", "", "3.14", 1 },
		{ "round(1250, -2)", "", "", "1300", 1 },
		{ "concat('a', 1, true())", "", "", "a1true", 1 },
		{ "concat()", "", "", "", 0 },
		{ "concat(${name}, '!')", "name=Ana", "", "Ana!", 1 },
		{ "contains('consult', 'sul')", "", "", "true", 1 },
		{ "starts-with('consult', 'con')", "", "", "true", 1 },
		{ "ends-with('consult', 'con')", "", "", "false", 0 },
		{ "ends-with('consult', 'ult')", "", "", "true", 1 },
		{ "ends-with('a', 'abc')", "", "", "false", 0 },
		{ "string(1 div 4)", "", "", "0.25", 1 },
		{ "string(${age})", "age=7", "", "7", 1 },
		{ "boolean('0')", "", "", "true", 1 },
		{ "boolean(0)", "", "", "false", 0 },
	};
	return cr_make_param_array(struct eval_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct eval_case *c, expr, evaluates)
{
	struct expr_env	 env;
	struct expr	*e;
	char		*values[NQ], *s;

	test_set_answers(values, c->answers);
	memset(&env, 0, sizeof env);
	env.answer = test_answer;
	env.ctx = values;
	env.self = c->self;
	env.form = &test_form;
	env.today = "2024-03-15";

	e = test_parse(c->expr, 0);
	s = expr_eval_string(e, &env);
	cr_expect_str_eq(s, c->want, "%s gave '%s', not '%s'", c->expr, s,
	    c->want);
	cr_expect_eq(expr_eval_bool(e, &env), c->truth,
	    "%s as a boolean is not %d", c->expr, c->truth);
	wipe_free(s);
	expr_free(e);
	test_free_answers(values);
}

struct error_case {
	char	 expr[64];
	int	 choice_filter;
	char	 cause[160];
};

ParameterizedTestParameters(expr, rejects)
{
	static struct error_case cases[] = {
		{ "${regoin} = 'x'", 0, "unknown question 'regoin'" },
		{ "foo(1)", 0, "unknown function 'foo()'" },
		{ "f(1,)", 0, "unknown function 'f()'" },
		{ "selected(${langs})", 0,
		    "selected() takes 2 arguments, not 1" },
		{ "not(1, 2)", 0, "not() takes 1 argument, not 2" },
		{ "today(1)", 0, "today() takes no arguments, not 1" },
		{ "round()", 0, "round() takes 1 or 2 arguments, not 0" },
		{ "if(1, 2)", 0, "if() takes 3 arguments, not 2" },
		{ "1 +", 0, "syntax error at end of expression" },
		{ "1 div", 0, "syntax error at end of expression" },
		{ "${name} = 'a' and", 0, "syntax error at end of expression" },
		{ "1 + * 2", 0, "syntax error near '* 2'" },
		{ "1 2", 0, "syntax error near '2'" },
		{ "${age} == 1", 0, "syntax error near '= 1'" },
		{ "1 ! 2", 0, "syntax error near '! 2'" },
		{ ".. = 1", 0, "'..' is only known in position(..)" },
		{ "count(..)", 0, "'..' is only known in position(..)" },
		{ "${}", 0, "syntax error near '${}'" },
		{ "${age", 0, "syntax error near '${age'" },
		{ "concat(1,)", 0, "syntax error near ')'" },
		{ "concat(1 2)", 0, "syntax error near '2)'" },
		{ "1 + [abcdefghijklmnopqrstuvwxyz]", 0,
		    "syntax error near '[abcdefghijklmnopqrs'" },
		{ "1 + \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 0,
		    "unknown name '\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
		    "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9' (a question is "
		    "written ${name}, a text in quotes: '\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
		    "\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9')" },
		{ "1 + ]\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 0,
		    "syntax error near ']\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9'" },
		{ "(1 + 2", 0, "missing ')'" },
		{ "(1 + 2 3)", 0, "syntax error near '3)'" },
		{ "'abc", 0, "unterminated string" },
		{ "\"abc' = 1", 0, "unterminated string" },
		{ "", 0, "empty expression" },
		{ " \t ", 0, "empty expression" },
		{ "region = 'x'", 0,
		    "unknown name 'region'; did you mean ${region}?" },
		{ "true", 0, "unknown name 'true': write true() for the truth "
		    "value, or 'true' for a text" },
		{ "${name} = FALSE", 0, "unknown name 'FALSE': write false() for "
		    "the truth value, or 'FALSE' for a text" },
		{ "${name} = T", 0, "unknown name 'T': write true() for the "
		    "truth value, or 'T' for a text" },
		{ "${name} != null", 0, "unknown name 'null': an empty answer is "
		    "the empty string; write ''" },
		{ "${name} = \xe2\x80\x99yes\xe2\x80\x99", 0, "unknown name "
		    "'\xe2\x80\x99yes\xe2\x80\x99': typographic quotes do not "
		    "quote a text; write straight quotes: 'yes'" },
		{ "${name} = \xe2\x80\x98no\xe2\x80\x99", 0, "unknown name "
		    "'\xe2\x80\x98no\xe2\x80\x99': typographic quotes do not "
		    "quote a text; write straight quotes: 'no'" },
		{ "${name} = yes", 0, "unknown name 'yes' (a question is written "
		    "${name}, a text in quotes: 'yes')" },
		{ "colour = 'x'", 1, "unknown choice column 'colour'" },
		{ "regex(., '(')", 0,
		    "invalid regular expression '(': Unmatched ( or \\(" },
		{ "regex(., '[\xc3\xa9-a]')", 0,
		    "invalid regular expression '[\xc3\xa9-a]': the range "
		    "'\xc3\xa9-a' ends before it starts" },
		{ "regex(., '[\x01-\xf4\x8f\xbf\xbf]')", 0,
		    "invalid regular expression '[\x01-\xf4\x8f\xbf\xbf]': the "
		    "range '\x01-\xf4\x8f\xbf\xbf' holds more than 30000 "
		    "characters" },
		{ "regex(., 'a{2,1}')", 0,
		    "invalid regular expression 'a{2,1}': "
		    "Invalid content of \\{\\}" },
		/* 16 million copies for regcomp: all the memory there is. */
		{ "regex(., '(a{255}){255}{255}')", 0,
		    "invalid regular expression '(a{255}){255}{255}': its "
		    "repetitions make more than 1000 positions to match (use "
		    "string-length() for long limits)" },
		{ "regex(., '.{1001}')", 0,
		    "invalid regular expression '.{1001}': its repetitions make "
		    "more than 1000 positions to match (use string-length() for "
		    "long limits)" },
		{ "regex(., '(a{9}){101}')", 0,	/* (9 + 1) * 101 */
		    "invalid regular expression '(a{9}){101}': its repetitions "
		    "make more than 1000 positions to match (use string-length() "
		    "for long limits)" },
		{ "regex(., '(a|b{600})+')", 0,	/* (1 + 600 + 1) * 2 */
		    "invalid regular expression '(a|b{600})+': its repetitions "
		    "make more than 1000 positions to match (use string-length() "
		    "for long limits)" },
		{ "regex(., '[{(]{999}(x)')", 0,
		    "invalid regular expression '[{(]{999}(x)': its repetitions "
		    "make more than 1000 positions to match (use string-length() "
		    "for long limits)" },
		{ "regex(., '(.*)(.*)\\2\\1x')", 0,
		    "invalid regular expression '(.*)(.*)\\2\\1x': "
		    "back-references (\\1 to \\9) are not supported" },
	};
	return cr_make_param_array(struct error_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct error_case *c, expr, rejects)
{
	struct expr	*e;
	char		*cause = NULL;

	e = expr_parse(c->expr, &test_form, c->choice_filter, &cause);
	cr_assert_null(e, "'%s' parsed", c->expr);
	cr_assert_not_null(cause);
	cr_expect_str_eq(cause, c->cause, "'%s' gave \"%s\"", c->expr, cause);
	free(cause);
}

/* choice_filter: the expression runs once per choice; want lists the
 * names of the choices it keeps. */
struct filter_case {
	char	 expr[64];
	char	 answers[32];
	char	 want[16];
};

ParameterizedTestParameters(expr, filters_choices)
{
	static struct filter_case cases[] = {
		{ "region = ${region}", "region=africa", "ke sn" },
		{ "region = ${region}", "", "" },
		{ "${region} = '' or region = ${region}", "", "ke fr sn" },
		{ "filter = 'y'", "", "fr sn" },
		{ "Filter = 'x'", "", "ke" },
		{ "name != 'fr'", "", "ke sn" },
		{ "starts-with(label, 'S')", "", "sn" },
		{ "selected(${langs}, name)", "langs=fr ke", "ke fr" },
		{ "string-length(name) = 2 and . = ''", "", "ke fr sn" },
	};
	return cr_make_param_array(struct filter_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct filter_case *c, expr, filters_choices)
{
	static char *labels[][1] = {
		{ (char *)"Kenya" }, { (char *)"France" }, { (char *)"Senegal" },
	};
	static char *extras[][2] = {
		{ (char *)"africa", (char *)"x" },
		{ (char *)"europe", (char *)"y" },
		{ (char *)"africa", (char *)"y" },
	};
	struct choice	 choices[3] = {
		{ .name = (char *)"ke", .label = labels[0], .extra = extras[0] },
		{ .name = (char *)"fr", .label = labels[1], .extra = extras[1] },
		{ .name = (char *)"sn", .label = labels[2], .extra = extras[2] },
	};
	struct expr_env	 env;
	struct expr	*e;
	struct buf	 kept;
	char		*values[NQ];
	size_t		 i;

	test_set_answers(values, c->answers);
	memset(&env, 0, sizeof env);
	env.answer = test_answer;
	env.ctx = values;
	env.form = &test_form;
	e = test_parse(c->expr, 1);
	buf_init(&kept);
	for (i = 0; i < 3; i++) {
		env.choice = &choices[i];
		if (expr_eval_bool(e, &env))
			buf_printf(&kept, "%s%s", kept.len ? " " : "",
			    choices[i].name);
	}
	cr_expect_str_eq(buf_str(&kept), c->want, "%s kept '%s'", c->expr,
	    buf_str(&kept));
	buf_clear(&kept);
	expr_free(e);
	test_free_answers(values);
}

static char *
test_repeat(const char *before, const char *unit, int n, const char *after)
{
	struct buf	 b;
	int		 i;

	buf_init(&b);
	buf_add_str(&b, before);
	for (i = 0; i < n; i++)
		buf_add_str(&b, unit);
	buf_add_str(&b, after);
	buf_str(&b);
	return ((char *)b.data);
}

static void
test_too_deep(char *src)
{
	struct expr	*e;
	char		*cause = NULL;

	e = expr_parse(src, &test_form, 0, &cause);
	cr_assert_null(e, "parsed %.40s...", src);
	cr_assert_str_eq(cause, "expression nested too deeply");
	free(cause);
	free(src);
}

Test(expr, refuses_deep_nesting)
{
	char	*parens;

	parens = test_repeat("", "(", 100000, "1");
	test_too_deep(test_repeat(parens, ")", 100000, ""));
	free(parens);
	test_too_deep(test_repeat("", "not(", 65, "1"));
	test_too_deep(test_repeat("", "- ", 100000, "${age}"));
	test_too_deep(test_repeat("1", " + 1", 100000, ""));
	test_too_deep(test_repeat("1", " and 1", 300, ""));
}

Test(expr, accepts_nesting_within_limits)
{
	struct expr_env	 env;
	struct expr	*e;
	char		*src, *s;

	memset(&env, 0, sizeof env);
	src = test_repeat("", "(", 60, "2");
	s = test_repeat(src, ")", 60, " * 3");
	e = test_parse(s, 0);
	free(src);
	free(s);
	s = expr_eval_string(e, &env);
	cr_assert_str_eq(s, "6");
	wipe_free(s);
	expr_free(e);

	src = test_repeat("1", " + 1", 200, "");
	e = test_parse(src, 0);
	free(src);
	s = expr_eval_string(e, &env);
	cr_assert_str_eq(s, "201");
	wipe_free(s);
	expr_free(e);
}

Test(expr, survives_huge_numbers)
{
	struct expr_env	 env;
	struct expr	*e;
	char		*src, *s;

	memset(&env, 0, sizeof env);
	src = test_repeat("9", "9", 400, " * 2");
	e = test_parse(src, 0);
	free(src);
	s = expr_eval_string(e, &env);
	cr_assert_str_eq(s, "Infinity");
	wipe_free(s);
	cr_assert(expr_eval_bool(e, &env));
	expr_free(e);

	src = test_repeat("round(", "9", 400, ", 2) + round(1.5, 400)");
	e = test_parse(src, 0);
	free(src);
	s = expr_eval_string(e, &env);
	cr_assert_str_eq(s, "Infinity");
	wipe_free(s);
	expr_free(e);

	e = test_parse("round(0.5, -400) + int(-1 div 0) * 0", 0);
	s = expr_eval_string(e, &env);
	cr_assert_str_eq(s, "NaN");
	wipe_free(s);
	expr_free(e);
}

/* Random token soup and random bytes: parse never crashes or leaks, and
 * whatever parses evaluates. */
Test(expr, survives_random_input)
{
	static const char *const words[] = {
		"${age}", "${name}", "${langs}", "${prio}", ".", "'x'", "\"\"",
		"1", "0.5", "(", ")", ",", "=", "!=", "<", "<=", ">", ">=",
		"+", "-", "*", " div ", " mod ", " and ", " or ", "not(",
		"selected(", "count-selected(", "selected-at(", "if(",
		"string-length(", "coalesce(", "regex(", "today()", "true()",
		"number(", "int(", "concat(", "round(", "'['", "'^a+$'", "${",
		"'", "}", "name", " ", "label", "filter", "..", "[", "$",
	};
	const size_t	 nwords = sizeof words / sizeof words[0];
	struct expr_env	 env;
	struct prng	 prng;
	struct buf	 src;
	struct expr	*e;
	char		*values[NQ], *cause, *s;
	int		 i, j, n, parsed = 0;

	test_set_answers(values, "age=3;name=a;langs=x y;prio=b a");
	memset(&env, 0, sizeof env);
	env.answer = test_answer;
	env.ctx = values;
	env.self = "aa";
	env.today = "2024-03-15";
	prng_init(&prng, 42);
	for (i = 0; i < 20000; i++) {
		buf_init(&src);
		n = 1 + (int)prng_uniform(&prng, 8);
		for (j = 0; j < n; j++) {
			if (i % 10 == 0)
				buf_add_byte(&src,
				    (unsigned char)(1 + prng_uniform(&prng, 255)));
			else
				buf_add_str(&src,
				    words[prng_uniform(&prng, nwords)]);
		}
		cause = NULL;
		e = expr_parse(buf_str(&src), &test_form, i % 2, &cause);
		if (e != NULL) {
			parsed++;
			cr_assert_null(cause);
			s = expr_eval_string(e, &env);
			cr_assert_not_null(s);
			wipe_free(s);
			(void)expr_eval_bool(e, &env);
			expr_free(e);
		} else {
			cr_assert_not_null(cause, "no cause for '%s'",
			    buf_str(&src));
			cr_assert(strlen(cause) > 0);
			free(cause);
		}
		buf_clear(&src);
	}
	cr_assert(parsed > 500, "only %d parsed", parsed);
	test_free_answers(values);
}

static void
test_collect(int q, void *arg)
{
	struct buf	*b = arg;

	buf_printf(b, "%s%d", b->len ? " " : "", q);
}

struct refs_case {
	char	 expr[96];
	char	 want[16];
};

ParameterizedTestParameters(expr, lists_refs)
{
	static struct refs_case cases[] = {
		{ "${age} + ${weight} * ${age} > count-selected(${langs})",
		    "0 1 4" },
		{ "if(${email} = '', 1, -${div})", "9 8" },
		{ "1 + 2", "" },
		{ ". = today()", "" },
	};
	return cr_make_param_array(struct refs_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct refs_case *c, expr, lists_refs)
{
	struct expr	*e;
	struct buf	 b;

	e = test_parse(c->expr, 0);
	buf_init(&b);
	expr_refs(e, test_collect, &b);
	cr_expect_str_eq(buf_str(&b), c->want, "%s refers to '%s'", c->expr,
	    buf_str(&b));
	buf_clear(&b);
	expr_free(e);
}

Test(expr, compiles_literal_patterns_once)
{
	struct expr	*e;

	e = test_parse("regex(., '^[0-9]+$')", 0);
	cr_assert_eq(e->kind, EXPR_CALL);
	cr_assert_not_null(e->re);
	expr_free(e);
	e = test_parse("regex(., concat('^', '$'))", 0);
	cr_assert_null(e->re);
	expr_free(e);
}

Test(expr, handles_a_bare_environment)
{
	struct expr_env	 env;
	struct expr	*e;
	char		*s;

	memset(&env, 0, sizeof env);
	e = test_parse("concat(today(), ., ${name}, '|') = '|'", 0);
	cr_assert(expr_eval_bool(e, &env));
	expr_free(e);
	e = test_parse("concat(name, label, filter, '|')", 1);
	s = expr_eval_string(e, &env);
	cr_assert_str_eq(s, "|");
	wipe_free(s);
	expr_free(e);
}
