/* test-str.c: tests for lib/str.c. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lib.h"

struct trim_case {
	char	 in[32];
	char	 out[32];
};

ParameterizedTestParameters(str, trims)
{
	static struct trim_case cases[] = {
		{ "", "" }, { "  ", "" }, { " a ", "a" }, { "\ta b\t ", "a b" },
		{ "abc", "abc" }, { "  x", "x" }, { "y  ", "y" },
	};
	return cr_make_param_array(struct trim_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct trim_case *c, str, trims)
{
	char	buf[32];

	strcpy(buf, c->in);
	cr_assert_str_eq(str_trim(buf), c->out);
}

Test(str, lowers_ascii_only)
{
	char	buf[] = "Label::Français (FR)";

	cr_assert_str_eq(str_lower(buf), "label::français (fr)");
}

Test(str, compares_without_case)
{
	cr_assert(str_ieq("Select_One", "select_one"));
	cr_assert(str_ieq("", ""));
	cr_assert(!str_ieq("select", "select_one"));
	cr_assert(!str_ieq("a", "b"));
}

Test(str, measures_distance)
{
	cr_assert_eq(str_distance("help", "help"), 0);
	cr_assert_eq(str_distance("hlep", "help"), 2);
	cr_assert_eq(str_distance("chek", "check"), 1);
	cr_assert_eq(str_distance("", "abc"), 3);
	cr_assert_eq(str_distance("kitten", "sitting"), 3);
}

Test(str, formats_with_xasprintf)
{
	char	*s;

	cr_assert_eq(xasprintf(&s, "%s:%d:", "f.csv", 12), 9);
	cr_assert_str_eq(s, "f.csv:12:");
	free(s);
}

Test(prng, repeats_with_the_same_seed)
{
	struct prng	a, b;
	int		x[10], y[10], i;

	for (i = 0; i < 10; i++)
		x[i] = y[i] = i;
	prng_init(&a, 42);
	prng_init(&b, 42);
	prng_shuffle(&a, x, 10);
	prng_shuffle(&b, y, 10);
	cr_assert_arr_eq(x, y, sizeof x);
}

Test(prng, shuffle_is_a_permutation)
{
	struct prng	r;
	int		x[50], seen[50] = { 0 }, i, moved = 0;

	for (i = 0; i < 50; i++)
		x[i] = i;
	prng_init(&r, 7);
	prng_shuffle(&r, x, 50);
	for (i = 0; i < 50; i++) {
		cr_assert(x[i] >= 0 && x[i] < 50);
		seen[x[i]]++;
		moved += x[i] != i;
	}
	for (i = 0; i < 50; i++)
		cr_assert_eq(seen[i], 1);
	cr_assert_gt(moved, 10);
}

Test(prng, uniform_stays_in_range)
{
	struct prng	r;
	int		i, hits[3] = { 0 };

	prng_init(&r, 1);
	for (i = 0; i < 3000; i++)
		hits[prng_uniform(&r, 3)]++;
	for (i = 0; i < 3; i++)
		cr_assert(hits[i] > 800 && hits[i] < 1200);
}
