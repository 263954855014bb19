/* expr-func.c: the functions expressions may call (ODK's and a few of
 * XPath's), as a table the parser checks names and argument counts in. */
#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "forms/expr-private.h"

const char *
expr_arg_text(const struct expr *e, size_t i, const struct expr_env *env,
    struct expr_value *v, char buf[EXPR_NUMBER_SIZE])
{
	expr_eval_value(e->args[i], env, v);
	return (expr_value_text(v, buf));
}

double
expr_arg_number(const struct expr *e, size_t i, const struct expr_env *env)
{
	struct expr_value v;
	double		 d;

	expr_eval_value(e->args[i], env, &v);
	d = expr_value_number(&v);
	expr_value_clear(&v);
	return (d);
}

static int
expr_arg_bool(const struct expr *e, size_t i, const struct expr_env *env)
{
	struct expr_value v;
	int		 b;

	expr_eval_value(e->args[i], env, &v);
	b = expr_value_bool(&v);
	expr_value_clear(&v);
	return (b);
}

/* The next space-separated item of a select answer at or after *p, or
 * NULL; its length in *len. */
static const char *
expr_next_item(const char **p, size_t *len)
{
	const char	*s = *p;

	s += strspn(s, " \t\r\n");
	if (*s == '\0')
		return (NULL);
	*len = strcspn(s, " \t\r\n");
	*p = s + *len;
	return (s);
}

static void
expr_fn_selected(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value a, b;
	char		 ba[EXPR_NUMBER_SIZE], bb[EXPR_NUMBER_SIZE];
	const char	*list, *want, *item;
	size_t		 len, wlen;
	int		 found = 0;

	list = expr_arg_text(e, 0, env, &a, ba);
	want = expr_arg_text(e, 1, env, &b, bb);
	if (expr_next_item(&want, &wlen) != NULL) {
		want -= wlen;
		while (!found && (item = expr_next_item(&list, &len)) != NULL)
			found = len == wlen && memcmp(item, want, len) == 0;
	}
	expr_value_set_bool(out, found);
	expr_value_clear(&a);
	expr_value_clear(&b);
}

static void
expr_fn_count_selected(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value a;
	char		 buf[EXPR_NUMBER_SIZE];
	const char	*list;
	size_t		 len, n = 0;

	list = expr_arg_text(e, 0, env, &a, buf);
	while (expr_next_item(&list, &len) != NULL)
		n++;
	expr_value_set_number(out, (double)n);
	expr_value_clear(&a);
}

/* selected-at(list, n): item n counting from 0, "" when out of range. */
static void
expr_fn_selected_at(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value a;
	char		 buf[EXPR_NUMBER_SIZE];
	const char	*list, *item;
	double		 n;
	size_t		 len;

	n = expr_arg_number(e, 1, env);
	list = expr_arg_text(e, 0, env, &a, buf);
	expr_value_set_string(out, "", NULL);
	while (n >= 0 && (item = expr_next_item(&list, &len)) != NULL) {
		if (n < 1) {
			expr_value_set_string(out, NULL, xstrndup(item, len));
			break;
		}
		n--;
	}
	expr_value_clear(&a);
}

/* Characters, not bytes: UTF-8 continuation bytes do not count. */
static void
expr_fn_string_length(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value a;
	char		 buf[EXPR_NUMBER_SIZE];
	const char	*s;
	size_t		 n = 0;

	for (s = expr_arg_text(e, 0, env, &a, buf); *s != '\0'; s++) {
		if ((*s & 0xc0) != 0x80)
			n++;
	}
	expr_value_set_number(out, (double)n);
	expr_value_clear(&a);
}

static void
expr_fn_if(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	expr_eval_value(e->args[expr_arg_bool(e, 0, env) ? 1 : 2], env, out);
}

static void
expr_fn_coalesce(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	char	 buf[EXPR_NUMBER_SIZE];

	if (*expr_arg_text(e, 0, env, out, buf) != '\0')
		return;
	expr_value_clear(out);
	expr_eval_value(e->args[1], env, out);
}

/* A literal pattern was compiled by the parser; another one is compiled
 * here, and one that is invalid or refused (expr-regex.c) does not
 * match. */
static void
expr_fn_regex(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value a, b;
	char		 ba[EXPR_NUMBER_SIZE], bb[EXPR_NUMBER_SIZE];
	const char	*s, *pattern;
	char		*why = NULL;
	regex_t		 re;
	int		 match = 0;

	s = expr_arg_text(e, 0, env, &a, ba);
	if (e->re != NULL)
		match = expr_regex_match(e->re, s);
	else {
		pattern = expr_arg_text(e, 1, env, &b, bb);
		if (expr_regex_compile(&re, pattern, &why) == 0) {
			match = expr_regex_match(&re, s);
			regfree(&re);
		}
		free(why);
		expr_value_clear(&b);
	}
	expr_value_set_bool(out, match);
	expr_value_clear(&a);
}

static void
expr_fn_today(__attribute__((unused)) const struct expr *e,
    const struct expr_env *env, struct expr_value *out)
{
	expr_value_set_string(out, env->today == NULL ? "" : env->today,
	    NULL);
}

static void
expr_fn_true(__attribute__((unused)) const struct expr *e,
    __attribute__((unused)) const struct expr_env *env,
    struct expr_value *out)
{
	expr_value_set_bool(out, 1);
}

static void
expr_fn_false(__attribute__((unused)) const struct expr *e,
    __attribute__((unused)) const struct expr_env *env,
    struct expr_value *out)
{
	expr_value_set_bool(out, 0);
}

static void
expr_fn_not(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	expr_value_set_bool(out, !expr_arg_bool(e, 0, env));
}

static void
expr_fn_boolean(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	expr_value_set_bool(out, expr_arg_bool(e, 0, env));
}

static void
expr_fn_number(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	expr_value_set_number(out, expr_arg_number(e, 0, env));
}

/* int(): toward zero; NaN and infinities stay as they are. */
static void
expr_fn_int(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	expr_value_set_number(out, trunc(expr_arg_number(e, 0, env)));
}

/* round(x[, places]): halves away from zero, as ODK. */
static void
expr_fn_round(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	double	 x, places = 0, scale, y;

	x = expr_arg_number(e, 0, env);
	if (e->nargs > 1)
		places = trunc(expr_arg_number(e, 1, env));
	if (isnan(places))
		x = NAN;
	else if (places == 0)
		x = round(x);
	else if (fabs(places) <= 300) {
		scale = pow(10, places);
		y = x * scale;
		if (isfinite(y))
			x = round(y) / scale;
	}
	expr_value_set_number(out, x);
}

static void
expr_fn_string(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value v;
	char		 buf[EXPR_NUMBER_SIZE];
	const char	*s;

	s = expr_arg_text(e, 0, env, &v, buf);
	if (s == buf)
		expr_value_set_string(out, NULL, xstrdup(buf));
	else
		expr_value_set_string(out, s, v.own);	/* takes v's text */
}

static void
expr_fn_concat(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value v;
	struct buf	 b;
	char		 nbuf[EXPR_NUMBER_SIZE];
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < e->nargs; i++) {
		buf_add_str(&b, expr_arg_text(e, i, env, &v, nbuf));
		expr_value_clear(&v);
	}
	buf_str(&b);
	expr_value_set_string(out, NULL, (char *)b.data);
}

/* contains(), starts-with(), ends-with(). */
static void
expr_fn_contains(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value a, b;
	char		 ba[EXPR_NUMBER_SIZE], bb[EXPR_NUMBER_SIZE];
	const char	*s, *t;
	size_t		 slen, tlen;
	int		 r;

	s = expr_arg_text(e, 0, env, &a, ba);
	t = expr_arg_text(e, 1, env, &b, bb);
	slen = strlen(s);
	tlen = strlen(t);
	if (e->func->name[0] == 'c')
		r = strstr(s, t) != NULL;
	else if (tlen > slen)
		r = 0;
	else if (e->func->name[0] == 's')
		r = memcmp(s, t, tlen) == 0;
	else
		r = memcmp(s + slen - tlen, t, tlen) == 0;
	expr_value_set_bool(out, r);
	expr_value_clear(&a);
	expr_value_clear(&b);
}

/* Sorted by name. */
static const struct expr_func expr_funcs[] = {
	{ "boolean", 1, 1, expr_fn_boolean },
	{ "coalesce", 2, 2, expr_fn_coalesce },
	{ "concat", 0, -1, expr_fn_concat },
	{ "contains", 2, 2, expr_fn_contains },
	{ "count-selected", 1, 1, expr_fn_count_selected },
	{ "ends-with", 2, 2, expr_fn_contains },
	{ "false", 0, 0, expr_fn_false },
	{ "if", 3, 3, expr_fn_if },
	{ "int", 1, 1, expr_fn_int },
	{ "not", 1, 1, expr_fn_not },
	{ "number", 1, 1, expr_fn_number },
	{ "pulldata", 4, 4, expr_fn_pulldata },
	{ "regex", 2, 2, expr_fn_regex },
	{ "round", 1, 2, expr_fn_round },
	{ "selected", 2, 2, expr_fn_selected },
	{ "selected-at", 2, 2, expr_fn_selected_at },
	{ "starts-with", 2, 2, expr_fn_contains },
	{ "string", 1, 1, expr_fn_string },
	{ "string-length", 1, 1, expr_fn_string_length },
	{ "today", 0, 0, expr_fn_today },
	{ "true", 0, 0, expr_fn_true },
};

const struct expr_func *
expr_func_find(const char *name, size_t len)
{
	const struct expr_func *more[] = { expr_date_funcs,
	    expr_string_funcs, expr_math_funcs, expr_instance_funcs };
	const struct expr_func *f;
	size_t	i;

	for (i = 0; i < sizeof expr_funcs / sizeof expr_funcs[0]; i++) {
		if (strlen(expr_funcs[i].name) == len &&
		    memcmp(expr_funcs[i].name, name, len) == 0)
			return (&expr_funcs[i]);
	}
	for (i = 0; i < sizeof more / sizeof more[0]; i++) {
		for (f = more[i]; f->name != NULL; f++) {
			if (strlen(f->name) == len &&
			    memcmp(f->name, name, len) == 0)
				return (f);
		}
	}
	return (expr_nodeset_find(name, len));
}
