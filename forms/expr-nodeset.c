/* expr-nodeset.c: the functions over node-sets, with ODK (JavaRosa)
 * semantics: count, count-non-empty, sum, min, max, join, position and
 * indexed-repeat. A reference ${x} is the node-set of x as the
 * expression's question sees it (every instance of the repeats around x
 * that are not around the question too); a question outside repeats is
 * a node-set of one; any other argument is one node, its value. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forms/expr-private.h"

/* Call fn for each node of argument e. */
static void
nodeset_each(const struct expr *e, const struct expr_env *env,
    void (*fn)(const char *, void *), void *arg)
{
	struct expr_value v;
	char		 buf[EXPR_NUMBER_SIZE];

	if (e->kind == EXPR_REF && env->nodes != NULL) {
		env->nodes(env->ctx, e->index, fn, arg);
		return;
	}
	if (e->kind == EXPR_INSTANCE) {
		expr_instance_each(e, env, fn, arg);
		return;
	}
	expr_eval_value(e, env, &v);
	fn(expr_value_text(&v, buf), arg);
	expr_value_clear(&v);
}

struct nodeset_acc {
	double		 sum;
	double		 min;
	double		 max;
	size_t		 n;
	size_t		 nonempty;
	int		 nan;
};

static void
nodeset_add(const char *s, void *p)
{
	struct nodeset_acc *acc = p;
	double		 d;

	acc->n++;
	if (*s != '\0')
		acc->nonempty++;
	/* JavaRosa: number("") is NaN, and NaN spreads. */
	d = expr_string_number(s);
	if (isnan(d)) {
		acc->nan = 1;
		return;
	}
	acc->sum += d;
	if (acc->n == 1 || d < acc->min)
		acc->min = d;
	if (acc->n == 1 || d > acc->max)
		acc->max = d;
}

/* Go over every argument from first. */
static void
nodeset_fold(const struct expr *e, size_t first, const struct expr_env *env,
    struct nodeset_acc *acc)
{
	size_t	 i;

	memset(acc, 0, sizeof *acc);
	for (i = first; i < e->nargs; i++)
		nodeset_each(e->args[i], env, nodeset_add, acc);
}

static void
nodeset_fn_count(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct nodeset_acc acc;

	nodeset_fold(e, 0, env, &acc);
	expr_value_set_number(out, (double)(e->func->name[5] == '\0' ?
	    acc.n : acc.nonempty));
}

static void
nodeset_fn_sum(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct nodeset_acc acc;

	nodeset_fold(e, 0, env, &acc);
	expr_value_set_number(out, acc.nan ? NAN : acc.sum);
}

static void
nodeset_fn_minmax(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct nodeset_acc acc;

	nodeset_fold(e, 0, env, &acc);
	if (acc.nan || acc.n == 0)
		expr_value_set_number(out, NAN);
	else
		expr_value_set_number(out, e->func->name[1] == 'i' ? acc.min :
		    acc.max);
}

struct nodeset_join {
	struct buf	 b;
	const char	*sep;
	size_t		 n;
};

static void
nodeset_join_add(const char *s, void *p)
{
	struct nodeset_join *j = p;

	if (j->n++ != 0)
		buf_add_str(&j->b, j->sep);
	buf_add_str(&j->b, s);
}

static void
nodeset_fn_join(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct nodeset_join j;
	struct expr_value sep;
	char		 buf[EXPR_NUMBER_SIZE];
	size_t		 i;

	expr_eval_value(e->args[0], env, &sep);
	buf_init(&j.b);
	j.sep = expr_value_text(&sep, buf);
	j.n = 0;
	for (i = 1; i < e->nargs; i++)
		nodeset_each(e->args[i], env, nodeset_join_add, &j);
	buf_str(&j.b);
	expr_value_set_string(out, NULL, (char *)j.b.data);
	expr_value_clear(&sep);
}

static void
nodeset_fn_position(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	size_t	 p = 0;

	(void)e;
	if (env->position != NULL)
		p = env->position(env->ctx);
	expr_value_set_number(out, p == 0 ? 1 : (double)p);
}

#define NODESET_MAX_LEVELS	8

/* indexed-repeat(${x}, ${r1}, n1 [, ${r2}, n2]...). */
static void
nodeset_fn_indexed(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value v;
	int		 reps[NODESET_MAX_LEVELS];
	size_t		 idx[NODESET_MAX_LEVELS], n = 0, i;
	double		 d;
	const char	*s = "";

	if (e->args[0]->kind != EXPR_REF || e->nargs % 2 == 0 ||
	    env->indexed == NULL) {
		expr_value_set_string(out, "", NULL);
		return;
	}
	for (i = 1; i + 1 < e->nargs && n < NODESET_MAX_LEVELS; i += 2) {
		if (e->args[i]->kind != EXPR_REF)
			goto out;
		expr_eval_value(e->args[i + 1], env, &v);
		d = floor(expr_value_number(&v));
		expr_value_clear(&v);
		if (!(d >= 1 && d <= ANSWERS_REPEAT_MAX))
			goto out;
		reps[n] = e->args[i]->index;
		idx[n++] = (size_t)d;
	}
	s = env->indexed(env->ctx, e->args[0]->index, reps, idx, n);
out:
	expr_value_set_string(out, NULL, xstrdup(s));
}

/* Sorted by name. */
static const struct expr_func nodeset_funcs[] = {
	{ "count", 1, 1, nodeset_fn_count },
	{ "count-non-empty", 1, 1, nodeset_fn_count },
	{ "indexed-repeat", 3, 2 * NODESET_MAX_LEVELS + 1,
	    nodeset_fn_indexed },
	{ "join", 1, -1, nodeset_fn_join },
	{ "max", 1, -1, nodeset_fn_minmax },
	{ "min", 1, -1, nodeset_fn_minmax },
	{ "position", 0, 1, nodeset_fn_position },
	{ "sum", 1, 1, nodeset_fn_sum },
};

const struct expr_func *
expr_nodeset_find(const char *name, size_t len)
{
	size_t	 i;

	for (i = 0; i < sizeof nodeset_funcs / sizeof nodeset_funcs[0]; i++) {
		if (strlen(nodeset_funcs[i].name) == len &&
		    memcmp(nodeset_funcs[i].name, name, len) == 0)
			return &nodeset_funcs[i];
	}
	return NULL;
}

int
expr_nodeset_misplaced(const struct expr *e, char **cause)
{
	size_t	 i;

	if (e->kind == EXPR_SELF && e->index == 1) {
		*cause = xstrdup("'..' is only known in position(..)");
		return 1;
	}
	if (e->kind == EXPR_CALL && e->func->eval == nodeset_fn_position)
		return 0;
	if (e->kind == EXPR_CALL && e->func->eval == nodeset_fn_indexed) {
		for (i = 0; i < e->nargs; i += i == 0 ? 1 : 2) {
			if (e->args[i]->kind != EXPR_REF) {
				*cause = xstrdup("indexed-repeat() takes "
				    "${question}, then ${repeat} and a "
				    "number for each repeat");
				return 1;
			}
		}
		if (e->nargs % 2 == 0) {
			*cause = xstrdup("indexed-repeat() takes ${question}, "
			    "then ${repeat} and a number for each repeat");
			return 1;
		}
	}
	for (i = 0; i < e->nargs; i++) {
		if (expr_nodeset_misplaced(e->args[i], cause))
			return 1;
	}
	return 0;
}
