/* test-expr-odk.c: ODK's functions in expr-date.c, expr-string.c and
 * expr-math.c, each against the value the ODK XForms spec, XPath 1.0 or
 * JavaRosa gives (TZ=UTC, today 2024-03-15). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "forms/expr-private.h"

static struct question odk_questions[] = {
	{ .type = QUESTION_TEXT, .name = (char *)"name" },
	{ .type = QUESTION_DATE, .name = (char *)"born" },
	{ .type = QUESTION_SELECT_ONE, .name = (char *)"fruit", .list = 0 },
	{ .type = QUESTION_CALCULATE, .name = (char *)"started",
	    .special = QUESTION_START },
};
#define NQ (sizeof odk_questions / sizeof odk_questions[0])

static char *odk_apple[] = { (char *)"Apple" };
static char *odk_fig[] = { (char *)"Fig" };
static struct choice odk_choices[] = {
	{ .name = (char *)"apple", .label = odk_apple },
	{ .name = (char *)"fig", .label = odk_fig },
};
static struct choice_list odk_lists[] = {
	{ .name = (char *)"fruits", .choices = odk_choices, .nchoices = 2 },
};
static struct lang odk_langs[] = { { (char *)"default", NULL } };
static struct form odk_form = {
	.questions = odk_questions, .nquestions = NQ,
	.lists = odk_lists, .nlists = 1,
	.langs = odk_langs, .nlangs = 1,
};

static const char *odk_values[NQ];

static const char *
odk_answer(void *ctx, int q)
{
	(void)ctx;
	return odk_values[q] == NULL ? "" : odk_values[q];
}

static void
odk_setup(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}

static char *
odk_eval(const char *src, const char *self)
{
	struct expr_env	 env;
	struct expr	*e;
	char		*cause = NULL, *s;

	e = expr_parse(src, &odk_form, 0, &cause);
	cr_assert_not_null(e, "'%s' failed: %s", src, cause);
	memset(&env, 0, sizeof env);
	env.answer = odk_answer;
	env.form = &odk_form;
	env.self = self;
	env.today = "2024-03-15";
	env.fixed_clock = 1;
	s = expr_eval_string(e, &env);
	expr_free(e);
	return s;
}

struct odk_case {
	char	 expr[96];
	char	 self[16];
	char	 want[132];
};

ParameterizedTestParameters(odk, evaluates)
{
	static struct odk_case cases[] = {
		/* date(): a day from a date, a date-time or days. */
		{ "date('2018-01-01')", "", "2018-01-01" },
		{ "date(17532)", "", "2018-01-01" },
		{ "date(17532.9)", "", "2018-01-01" },
		{ "date(-1)", "", "1969-12-31" },
		{ "date('2018-01-01T23:30:00.000+02:00')", "", "2018-01-01" },
		{ "date('2018-02-30')", "", "" },
		{ "date('2019-02-29')", "", "" },
		{ "date('2020-02-29')", "", "2020-02-29" },
		{ "date('yesterday')", "", "" },
		{ "date('')", "", "" },
		{ "date(1 div 0)", "", "" },
		{ "date(0 div 0)", "", "" },
		{ "date(100000000000)", "", "" },
		/* decimal-date-time(): days, the time as a UTC fraction. */
		{ "decimal-date-time('1970-01-01')", "", "0" },
		{ "decimal-date-time('2018-01-01T12:00:00.000+00:00')", "",
		    "17532.5" },
		{ "decimal-date-time('2018-01-01T12:00:00.000+06:00')", "",
		    "17532.25" },
		{ "decimal-date-time('2018-01-01T12:00:00Z')", "", "17532.5" },
		{ "decimal-date-time('2018-01-01T06:00')", "", "17532.25" },
		{ "decimal-date-time('2018-13-01')", "", "NaN" },
		{ "decimal-date-time('2018-01-01T25:00')", "", "NaN" },
		{ "decimal-date-time('2018-01-01T12:00+99:00')", "", "NaN" },
		{ "decimal-date-time(17532.5)", "", "17532.5" },
		/* date-time(): written with milliseconds and the offset. */
		{ "date-time(17532.5)", "", "2018-01-01T12:00:00.000+00:00" },
		{ "date-time('2018-01-01')", "",
		    "2018-01-01T00:00:00.000+00:00" },
		{ "date-time('2018-01-01T10:20:30.4+02:00')", "",
		    "2018-01-01T08:20:30.400+00:00" },
		{ "date('2018-01-01T01:00:00+02:00')", "", "2017-12-31" },
		{ "format-date-time('2018-03-04T05:06:07.089+02:00', "
		    "'%H:%M')", "", "03:06" },
		{ "date-time('nope')", "", "" },
		/* Date-times compare as numbers. */
		{ "'2018-01-01T12:00:00.000+00:00' > '2018-01-01'", "",
		    "true" },
		{ "'2018-01-01T12:00:00.000+00:00' - '2018-01-01'", "",
		    "0.5" },
		/* format-date() and format-date-time(): ODK's codes. */
		{ "format-date('2018-03-04', '%Y/%m/%d %e %n %b %a %y')", "",
		    "2018/03/04 4 3 Mar Sun 18" },
		{ "format-date('2000-02-29', '%a %d %b')", "", "Tue 29 Feb" },
		{ "format-date('1969-12-31', '%a')", "", "Wed" },
		{ "format-date(0, '%Y-%m-%d')", "", "1970-01-01" },
		{ "format-date(17532, '%Y-%m-%d %H:%M')", "",
		    "2018-01-01 00:00" },
		{ "format-date(today(), '%d/%m')", "", "15/03" },
		{ "format-date(date(${born}) + 1, '%e')", "", "" },
		{ "format-date(${born}, '%d/%m/%Y')", "", "" },
		{ "format-date('2018-02-29', '%Y')", "", "" },
		{ "format-date('2018-03-04', 'no codes 100%')", "",
		    "no codes 100%" },
		{ "format-date-time('2018-03-04T05:06:07.089+00:00', "
		    "'%H:%M:%S.%3 %h')", "", "05:06:07.089 5" },
		{ "format-date-time('2018-03-04', '%H:%M')", "", "00:00" },
		{ "format-date-time(17532.75, '%Y-%m-%d %H:%M')", "",
		    "2018-01-01 18:00" },
		/* now(), today(), once(). */
		{ "now()", "", "2024-03-15T00:00:00.000+00:00" },
		{ "today()", "", "2024-03-15" },
		{ "date(now()) = today()", "", "true" },
		{ "once('first')", "", "first" },
		{ "once('again')", "kept", "kept" },
		{ "once(concat('a', 'b'))", "", "ab" },
		/* substr(): from 0, end excluded, negatives from the end. */
		{ "substr('hello', 1, 3)", "", "el" },
		{ "substr('hello', 2)", "", "llo" },
		{ "substr('hello', -3)", "", "llo" },
		{ "substr('hello', 0, -1)", "", "hell" },
		{ "substr('hello', 3, 1)", "", "" },
		{ "substr('hello', 10)", "", "" },
		{ "substr('hello', 0 div 0, 2)", "", "he" },
		{ "substr('h\xc3\xa9llo', 1, 2)", "", "\xc3\xa9" },
		/* substring(): XPath's examples. */
		{ "substring('12345', 2, 3)", "", "234" },
		{ "substring('12345', 2)", "", "2345" },
		{ "substring('12345', 1.5, 2.6)", "", "234" },
		{ "substring('12345', 0, 3)", "", "12" },
		{ "substring('12345', 0 div 0, 3)", "", "" },
		{ "substring('12345', 1, 0 div 0)", "", "" },
		{ "substring('12345', -42, 1 div 0)", "", "12345" },
		{ "substring('12345', -1 div 0, 1 div 0)", "", "" },
		{ "substring-before('1999/04/01', '/')", "", "1999" },
		{ "substring-after('1999/04/01', '/')", "", "04/01" },
		{ "substring-after('abc', 'x')", "", "" },
		{ "normalize-space('  a \t b\n c  ')", "", "a b c" },
		{ "normalize-space('')", "", "" },
		{ "translate('bar', 'abc', 'ABC')", "", "BAr" },
		{ "translate('--aaa--', 'abc-', 'ABC')", "", "AAA" },
		{ "translate('\xc3\xa9t\xc3\xa9', '\xc3\xa9', 'e')", "",
		    "ete" },
		{ "boolean-from-string('true')", "", "true" },
		{ "boolean-from-string('1')", "", "true" },
		{ "boolean-from-string('yes')", "", "false" },
		{ "string-length(uuid())", "", "36" },
		{ "substr(uuid(), 14, 15)", "", "4" },
		{ "string-length(uuid(8))", "", "8" },
		{ "uuid(0)", "", "" },
		{ "uuid(0 div 0)", "", "" },
		/* digest(): FIPS 180 test vectors for "abc". */
		{ "digest('abc', 'SHA-256', 'hex')", "",
		    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f2"
		    "0015ad" },
		{ "digest('abc', 'sha-384', 'HEX')", "",
		    "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43"
		    "ff5bed8086072ba1e7cc2358baeca134c825a7" },
		{ "digest('abc', 'SHA-512', 'hex')", "",
		    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b"
		    "55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9a"
		    "c94fa54ca49f" },
		{ "digest('abc', 'SHA-256')", "",
		    "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=" },
		{ "digest('', 'SHA-256', 'base64')", "",
		    "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" },
		{ "digest('abc', ${name})", "", "" },
		{ "digest('abc', 'MD5', 'hex')", "",
		    "900150983cd24fb0d6963f7d28e17f72" },
		{ "digest('', 'md5', 'hex')", "",
		    "d41d8cd98f00b204e9800998ecf8427e" },
		{ "digest('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',"
		    " 'MD5', 'hex')", "", "8215ef0796a20bcaaae116d3876c664a" },
		{ "digest('abc', 'SHA-1', 'hex')", "",
		    "a9993e364706816aba3e25717850c26c9cd0d89d" },
		{ "digest('', 'SHA-1', 'hex')", "",
		    "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
		{ "digest('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',"
		    " 'SHA-1', 'hex')", "", "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
		{ "digest('abc', 'MD5')", "", "kAFQmDzST7DWlj99KOF/cg==" },
		/* jr:choice-name(): the label, in the default language here. */
		{ "jr:choice-name('fig', '${fruit}')", "", "Fig" },
		{ "jr:choice-name('kiwi', '${fruit}')", "", "" },
		{ "jr:choice-name('apple', '/data/fruit')", "", "Apple" },
		/* Numbers, as Java's Math. */
		{ "pow(2, 10)", "", "1024" },
		{ "pow(2, 0.5)", "", "1.4142135623730951" },
		{ "pow(-8, 1 div 3)", "", "NaN" },
		{ "pow('x', 2)", "", "NaN" },
		{ "abs(-2.5)", "", "2.5" },
		{ "floor(-1.5)", "", "-2" },
		{ "ceiling(-1.5)", "", "-1" },
		{ "sqrt(-1)", "", "NaN" },
		{ "sqrt(16)", "", "4" },
		{ "log(0)", "", "-Infinity" },
		{ "log10(1000)", "", "3" },
		{ "exp(0)", "", "1" },
		{ "exp10(2)", "", "100" },
		{ "pi()", "", "3.141592653589793" },
		{ "atan2(1, 1)", "", "0.7853981633974483" },
		{ "cos(0)", "", "1" },
	};
	return cr_make_param_array(struct odk_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct odk_case *c, odk, evaluates, .init = odk_setup)
{
	char	*s = odk_eval(c->expr, c->self);

	cr_expect_str_eq(s, c->want, "%s gave '%s', not '%s'", c->expr, s,
	    c->want);
	wipe_free(s);
}

struct odk_error {
	char	 expr[64];
	char	 cause[200];
};

ParameterizedTestParameters(odk, rejects)
{
	static struct odk_error cases[] = {
		{ "format-date(${born}, '%Q')", "format-date(): unknown "
		    "format '%Q' in '%Q' (%Y %y %m %n %b %d %e %H %h %M %S %3 "
		    "%a)" },
		{ "digest('a', 'SHA-3')", "digest(): unknown algorithm "
		    "'SHA-3' (MD5, SHA-1, SHA-256, SHA-384 or SHA-512)" },
		{ "digest('a', 'SHA-256', 'b32')", "digest(): unknown "
		    "encoding 'b32' (base64 or hex)" },
		{ "jr:choice-name('a', '${name}')", "jr:choice-name(): 'name' "
		    "is not a select question" },
		{ "jr:choice-name('a', ${fruit})", "jr:choice-name() takes "
		    "the question as a quoted '${name}'" },
		{ "substr('a')", "substr() takes 2 or 3 arguments, not 1" },
		{ "once()", "once() takes 1 argument, not 0" },
		{ "now(1)", "now() takes no arguments, not 1" },
		{ "decimal-time('10:00')", "unknown function "
		    "'decimal-time()'" },
		{ "jr:nothing('x')", "unknown function 'jr:nothing()'" },
	};
	return cr_make_param_array(struct odk_error, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct odk_error *c, odk, rejects)
{
	struct expr	*e;
	char		*cause = NULL;

	e = expr_parse(c->expr, &odk_form, 0, &cause);
	cr_assert_null(e, "'%s' parsed", c->expr);
	cr_assert_not_null(cause);
	cr_expect_str_eq(cause, c->cause, "'%s' gave \"%s\"", c->expr, cause);
	free(cause);
}

/* uuid() is version 4, random: two differ. */
Test(odk, uuid_is_random_v4)
{
	char	*a = odk_eval("uuid()", ""), *b = odk_eval("uuid()", "");

	cr_expect_str_neq(a, b);
	cr_expect_eq(a[8], '-');
	cr_expect_eq(a[14], '4');
	cr_expect(strchr("89ab", a[19]) != NULL, "variant in '%s'", a);
	free(a);
	free(b);
}

/* duration(): seconds since the start row's stamp. */
Test(odk, duration_counts_from_start, .init = odk_setup)
{
	char	*s;

	odk_values[3] = "2024-03-14T23:59:00.000+00:00";
	s = odk_eval("duration()", "");
	cr_expect_str_eq(s, "60");
	free(s);
	odk_values[3] = "not a time";
	s = odk_eval("duration()", "");
	cr_expect_str_eq(s, "");
	free(s);
	odk_values[3] = NULL;
}
