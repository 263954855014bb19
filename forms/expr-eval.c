/* expr-eval.c: evaluate parsed expressions against answers, with the
 * XPath 1.0 rules for strings, numbers and booleans that ODK uses. */
#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/expr-private.h"

/* Numbers are read and written the XPath way whatever LC_NUMERIC the
 * program runs in (a French locale would use ','). */
static locale_t
expr_c_locale(void)
{
	static locale_t	 c;

	if (c == (locale_t)0)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return (c);
}

double
expr_parse_number(const char *s, size_t len)
{
	locale_t	 c = expr_c_locale();
	char		*copy;
	double		 d;

	copy = xstrndup(s, len);
	if (c != (locale_t)0)
		d = strtod_l(copy, NULL, c);
	else
		d = strtod(copy, NULL);
	wipe_free(copy);
	return (d);
}

/* Shortest text that reads back as d: integers without ".0", others in
 * plain decimals when not too small, NaN and Infinity as XPath. */
static void
expr_format_number(double d, char *buf, size_t size)
{
	locale_t	 c = expr_c_locale(), old = (locale_t)0;
	int		 prec;

	if (isnan(d)) {
		snprintf(buf, size, "NaN");
		return;
	}
	if (isinf(d)) {
		snprintf(buf, size, "%s", d > 0 ? "Infinity" : "-Infinity");
		return;
	}
	if (d == trunc(d) && fabs(d) < 1e18) {
		snprintf(buf, size, "%.0f", d == 0 ? 0.0 : d);
		return;
	}
	if (c != (locale_t)0)
		old = uselocale(c);
	if (fabs(d) >= 1e-6 && fabs(d) < 1e18) {
		for (prec = 1; prec <= 24; prec++) {
			snprintf(buf, size, "%.*f", prec, d);
			if (strtod(buf, NULL) == d)
				goto out;
		}
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
out:
	if (old != (locale_t)0)
		uselocale(old);
}

/* Days since 1970-01-01 of a valid YYYY-MM-DD of len bytes, or -1. */
static int
expr_date_days(const char *s, size_t len, double *days)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 i, y, m, d, leap, era, yoe, doy, doe;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return (-1);
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return (-1);
	}
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		return (-1);
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*days = (double)era * 146097 + doe - 719468;
	return (0);
}

double
expr_string_number(const char *s)
{
	const char	*end, *p;
	double		 days;
	int		 neg, digits = 0;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	if (expr_date_days(s, end - s, &days) == 0 ||
	    expr_datetime_number(s, end - s, &days) == 0)
		return (days);
	p = s;
	if ((neg = (*p == '-')))
		p++;
	for (; p < end && isdigit((unsigned char)*p); p++)
		digits++;
	if (p < end && *p == '.') {
		for (p++; p < end && isdigit((unsigned char)*p); p++)
			digits++;
	}
	if (p != end || digits == 0)
		return (NAN);
	s += neg;
	return (neg ? -expr_parse_number(s, end - s) :
	    expr_parse_number(s, end - s));
}

void
expr_value_clear(struct expr_value *v)
{
	wipe_free(v->own);
	v->own = NULL;
	v->s = NULL;
}

void
expr_value_set_number(struct expr_value *v, double d)
{
	v->type = EXPR_TYPE_NUMBER;
	v->num = d;
	v->s = NULL;
	v->own = NULL;
}

void
expr_value_set_bool(struct expr_value *v, int b)
{
	expr_value_set_number(v, b ? 1 : 0);
	v->type = EXPR_TYPE_BOOL;
}

void
expr_value_set_string(struct expr_value *v, const char *s, char *own)
{
	v->type = EXPR_TYPE_STRING;
	v->num = 0;
	v->s = s == NULL ? own : s;
	v->own = own;
}

double
expr_value_number(const struct expr_value *v)
{
	if (v->type == EXPR_TYPE_STRING)
		return (expr_string_number(v->s));
	return (v->num);
}

int
expr_value_bool(const struct expr_value *v)
{
	switch (v->type) {
	case EXPR_TYPE_STRING:
		return (v->s[0] != '\0');
	case EXPR_TYPE_NUMBER:
		return (v->num != 0 && !isnan(v->num));
	default:
		return (v->num != 0);
	}
}

const char *
expr_value_text(const struct expr_value *v, char buf[EXPR_NUMBER_SIZE])
{
	switch (v->type) {
	case EXPR_TYPE_STRING:
		return (v->s);
	case EXPR_TYPE_BOOL:
		return (v->num != 0 ? "true" : "false");
	default:
		expr_format_number(v->num, buf, EXPR_NUMBER_SIZE);
		return (buf);
	}
}

/* ${q}: its stored text; a number when q is numeric and answered. */
static void
expr_eval_ref(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	const char	*s = NULL;
	double		 d;

	if (env->answer != NULL)
		s = env->answer(env->ctx, e->index);
	if (s == NULL)
		s = "";
	expr_value_set_string(out, s, NULL);
	if (e->numeric && *s != '\0' && !isnan(d = expr_string_number(s)))
		expr_value_set_number(out, d);
}

/* A bare name in a choice_filter: a column of the current choice. */
static void
expr_eval_column(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	const struct choice *ch = env->choice;
	const struct form *f = env->form;
	const char	*s = NULL;
	size_t		 i;

	if (ch == NULL)
		;
	else if (e->index == EXPR_COLUMN_NAME)
		s = ch->name;
	else if (e->index == EXPR_COLUMN_LABEL && f != NULL) {
		/* The default language, else any. */
		if (f->default_lang < f->nlangs)
			s = ch->label[f->default_lang];
		for (i = 0; s == NULL && i < f->nlangs; i++)
			s = ch->label[i];
	} else if (e->index >= 0 && ch->extra != NULL)
		s = ch->extra[e->index];
	expr_value_set_string(out, s == NULL ? "" : s, NULL);
}

/* = and != compare as booleans if either side is one, else as numbers
 * if either is one, else as strings; the others always as numbers. */
static int
expr_compare(enum expr_kind kind, const struct expr_value *a,
    const struct expr_value *b)
{
	double	x, y;
	int	eq;

	if (kind == EXPR_EQ || kind == EXPR_NE) {
		if (a->type == EXPR_TYPE_BOOL || b->type == EXPR_TYPE_BOOL)
			eq = expr_value_bool(a) == expr_value_bool(b);
		else if (a->type == EXPR_TYPE_NUMBER ||
		    b->type == EXPR_TYPE_NUMBER)
			eq = expr_value_number(a) == expr_value_number(b);
		else
			eq = strcmp(a->s, b->s) == 0;
		return (kind == EXPR_EQ ? eq : !eq);
	}
	x = expr_value_number(a);
	y = expr_value_number(b);
	switch (kind) {
	case EXPR_LT:
		return (x < y);
	case EXPR_LE:
		return (x <= y);
	case EXPR_GT:
		return (x > y);
	default:
		return (x >= y);
	}
}

static double
expr_arithmetic(enum expr_kind kind, double x, double y)
{
	switch (kind) {
	case EXPR_ADD:
		return (x + y);
	case EXPR_SUB:
		return (x - y);
	case EXPR_MUL:
		return (x * y);
	case EXPR_MOD:
		return (fmod(x, y));
	default:
		/* IEEE division, spelled out for UBSan. */
		if (y != 0)
			return (x / y);
		if (x == 0 || isnan(x))
			return (NAN);
		return (signbit(x) == signbit(y) ? INFINITY : -INFINITY);
	}
}

/* Binary operators: and/or stop early, the rest take both values. */
static void
expr_eval_binary(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value a, b;
	int		 left;

	expr_eval_value(e->args[0], env, &a);
	if (e->kind == EXPR_AND || e->kind == EXPR_OR) {
		left = expr_value_bool(&a);
		expr_value_clear(&a);
		if (left == (e->kind == EXPR_OR)) {
			expr_value_set_bool(out, left);
			return;
		}
		expr_eval_value(e->args[1], env, &b);
		expr_value_set_bool(out, expr_value_bool(&b));
		expr_value_clear(&b);
		return;
	}
	expr_eval_value(e->args[1], env, &b);
	if (e->kind >= EXPR_EQ && e->kind <= EXPR_GE)
		expr_value_set_bool(out, expr_compare(e->kind, &a, &b));
	else
		expr_value_set_number(out, expr_arithmetic(e->kind,
		    expr_value_number(&a), expr_value_number(&b)));
	expr_value_clear(&a);
	expr_value_clear(&b);
}

void
expr_eval_value(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value v;

	switch (e->kind) {
	case EXPR_STRING:
		expr_value_set_string(out, e->str, NULL);
		break;
	case EXPR_NUMBER:
		expr_value_set_number(out, e->num);
		break;
	case EXPR_REF:
		expr_eval_ref(e, env, out);
		break;
	case EXPR_SELF:
		expr_value_set_string(out, env->self == NULL ? "" : env->self,
		    NULL);
		break;
	case EXPR_COLUMN:
		expr_eval_column(e, env, out);
		break;
	case EXPR_NEG:
		expr_eval_value(e->args[0], env, &v);
		expr_value_set_number(out, -expr_value_number(&v));
		expr_value_clear(&v);
		break;
	case EXPR_CALL:
		e->func->eval(e, env, out);
		break;
	case EXPR_INSTANCE:
		expr_instance_eval(e, env, out);
		break;
	case EXPR_ITEM:
		expr_item_eval(e, env, out);
		break;
	default:
		expr_eval_binary(e, env, out);
		break;
	}
}

int
expr_eval_bool(const struct expr *e, const struct expr_env *env)
{
	struct expr_value v;
	int		 b;

	expr_eval_value(e, env, &v);
	b = expr_value_bool(&v);
	expr_value_clear(&v);
	return (b);
}

char *
expr_eval_string(const struct expr *e, const struct expr_env *env)
{
	struct expr_value v;
	char		 buf[EXPR_NUMBER_SIZE], *s;

	expr_eval_value(e, env, &v);
	if (v.own != NULL && v.s == v.own) {
		s = v.own;
		v.own = NULL;
	} else
		s = xstrdup(expr_value_text(&v, buf));
	expr_value_clear(&v);
	return (s);
}
