/* test-utf8.c: tests for lib/utf8.c. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <locale.h>
#include <string.h>

#include "lib/lib.h"

struct valid_case {
	char	 s[16];
	int	 valid;
	size_t	 bad;
};

ParameterizedTestParameters(utf8, validates)
{
	static struct valid_case cases[] = {
		{ "abc", 1, 0 },
		{ "caf\xc3\xa9", 1, 0 },		/* café */
		{ "\xe4\xb8\xad\xe6\x96\x87", 1, 0 },	/* 中文 */
		{ "\xf0\x9f\x98\x80", 1, 0 },		/* emoji */
		{ "ab\xff", 0, 2 },
		{ "\xc3", 0, 0 },			/* truncated */
		{ "\xc0\xaf", 0, 0 },			/* overlong */
		{ "x\xed\xa0\x80", 0, 1 },		/* surrogate */
		{ "\xf4\x90\x80\x80", 0, 0 },		/* > U+10FFFF */
		{ "a\x80", 0, 1 },			/* lone continuation */
	};
	return cr_make_param_array(struct valid_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct valid_case *c, utf8, validates)
{
	size_t	bad = 99;
	int	valid;

	valid = utf8_valid(c->s, strlen(c->s), &bad);
	cr_assert_eq(valid, c->valid, "'%s'", c->s);
	if (!c->valid)
		cr_assert_eq(bad, c->bad);
}

Test(utf8, measures_display_width)
{
	cr_assert(setlocale(LC_ALL, "C.UTF-8") != NULL);
	cr_assert_eq(utf8_width("abc"), 3);
	cr_assert_eq(utf8_width("\xe4\xb8\xad\xe6\x96\x87"), 4); /* 中文 */
	cr_assert_eq(utf8_width("e\xcc\x81"), 1);	/* e + combining acute */
	cr_assert_eq(utf8_width(""), 0);
	cr_assert_eq(utf8_width("a\xff"), 2);	/* invalid byte counts 1 */
}
