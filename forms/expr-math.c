/* expr-math.c: ODK's number functions beyond XPath's (pow, abs, floor,
 * ceiling, sqrt, exp, exp10, log, log10, the trigonometric ones, pi):
 * IEEE doubles as JavaRosa's Java Math, NaN for what has no value. */
#include <math.h>
#include <string.h>

#include "forms/expr-private.h"

struct expr_math1 {
	const char	*name;
	double		 (*fn)(double);
};

static double
expr_exp10(double x)
{
	return pow(10, x);
}

static const struct expr_math1 expr_math1[] = {
	{ "abs", fabs }, { "acos", acos }, { "asin", asin }, { "atan", atan },
	{ "ceiling", ceil }, { "cos", cos }, { "exp", exp },
	{ "exp10", expr_exp10 }, { "floor", floor }, { "log", log },
	{ "log10", log10 }, { "sin", sin }, { "sqrt", sqrt }, { "tan", tan },
};

/* A function of one number, looked up by the call's name. */
static void
expr_fn_math1(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	double	 x = expr_arg_number(e, 0, env);
	size_t	 i;

	for (i = 0; i < sizeof expr_math1 / sizeof expr_math1[0]; i++) {
		if (strcmp(expr_math1[i].name, e->func->name) == 0) {
			expr_value_set_number(out, expr_math1[i].fn(x));
			return;
		}
	}
	expr_value_set_number(out, NAN);
}

static void
expr_fn_pow(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	expr_value_set_number(out, pow(expr_arg_number(e, 0, env),
	    expr_arg_number(e, 1, env)));
}

static void
expr_fn_atan2(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	expr_value_set_number(out, atan2(expr_arg_number(e, 0, env),
	    expr_arg_number(e, 1, env)));
}

static void
expr_fn_pi(__attribute__((unused)) const struct expr *e,
    __attribute__((unused)) const struct expr_env *env,
    struct expr_value *out)
{
	expr_value_set_number(out, M_PI);
}

const struct expr_func expr_math_funcs[] = {
	{ "abs", 1, 1, expr_fn_math1 },
	{ "acos", 1, 1, expr_fn_math1 },
	{ "asin", 1, 1, expr_fn_math1 },
	{ "atan", 1, 1, expr_fn_math1 },
	{ "atan2", 2, 2, expr_fn_atan2 },
	{ "ceiling", 1, 1, expr_fn_math1 },
	{ "cos", 1, 1, expr_fn_math1 },
	{ "exp", 1, 1, expr_fn_math1 },
	{ "exp10", 1, 1, expr_fn_math1 },
	{ "floor", 1, 1, expr_fn_math1 },
	{ "log", 1, 1, expr_fn_math1 },
	{ "log10", 1, 1, expr_fn_math1 },
	{ "pi", 0, 0, expr_fn_pi },
	{ "pow", 2, 2, expr_fn_pow },
	{ "sin", 1, 1, expr_fn_math1 },
	{ "sqrt", 1, 1, expr_fn_math1 },
	{ "tan", 1, 1, expr_fn_math1 },
	{ NULL, 0, 0, NULL },
};
