/* answers-env.c: what an expression sees of the answers: the current
 * instance's values (with a value proposed for the question being
 * checked) and, for the node-set functions, the instances of repeats as
 * ODK's relative references reach them. */
#include <string.h>

#include "forms/lib.h"
#include "forms/form-private.h"

#define ENV_MAX_CHAIN	64

static const char *
env_answer(void *p, int q)
{
	struct answers_ctx	*c = p;

	if (q == c->q && c->value != NULL)
		return c->value;
	return answers_get_at(c->a, c->q, q);
}

/* The repeats around q, outermost first, and q when it is one; the
 * count. */
static size_t
env_chain(const struct form *f, int q, int *chain)
{
	int	 r, tmp[ENV_MAX_CHAIN];
	size_t	 n = 0, i;

	if (form_is_repeat(f, q))
		tmp[n++] = q;
	for (r = form_repeat_of(f, q); r >= 0 && n < ENV_MAX_CHAIN;
	    r = form_repeat_of(f, r))
		tmp[n++] = r;
	for (i = 0; i < n; i++)
		chain[i] = tmp[n - 1 - i];
	return n;
}

/* 1 if the context question c is inside repeat r. */
static int
env_inside(const struct form *f, int c, int r)
{
	return c > r && c < f->questions[r].end;
}

/* The value of q in frame fr, the proposed one in the view. */
static const char *
env_value(const struct answers_ctx *c, const struct answers_frame *fr,
    int q)
{
	const char	*v;

	if (fr->vals == c->a->values && q == c->q && c->value != NULL)
		return c->value;
	if (fr->vals == NULL || q < fr->base ||
	    (v = fr->vals[q - fr->base]) == NULL)
		return "";
	return v;
}

struct env_walk {
	const struct answers_ctx *c;
	int		 q;
	int		*chain;
	size_t		 n;
	void		 (*fn)(const char *, void *);
	void		*arg;
};

static void
env_walk(const struct env_walk *w, const struct answers_frame *fr, size_t j)
{
	const struct form	*f = w->c->a->form;
	const struct answers_rep *st;
	struct answers_frame	 c;
	size_t			 i;
	int			 s;

	if (j == w->n) {
		w->fn(env_value(w->c, fr, w->q), w->arg);
		return;
	}
	s = w->chain[j];
	st = repeat_state(fr, s);
	if (s == w->q) {		/* count(${repeat}): its instances */
		for (i = 0; i < st->n; i++)
			w->fn("", w->arg);
		return;
	}
	if (env_inside(f, w->c->q, s)) {	/* this instance only */
		if (st->n > 0)
			env_walk(w, fr, j + 1);
		return;
	}
	for (i = 0; i < st->n; i++) {
		c = repeat_child(fr, s, i);
		env_walk(w, &c, j + 1);
	}
}

static void
env_nodes(void *p, int q, void (*fn)(const char *, void *), void *arg)
{
	struct answers_ctx	*c = p;
	struct answers_frame	 root = repeat_root(c->a);
	struct env_walk		 w;
	int			 chain[ENV_MAX_CHAIN];

	if (q < 0 || (size_t)q >= c->a->form->nquestions)
		return;
	w.c = c;
	w.q = q;
	w.chain = chain;
	w.n = env_chain(c->a->form, q, chain);
	w.fn = fn;
	w.arg = arg;
	env_walk(&w, &root, 0);
}

static size_t
env_position(void *p)
{
	struct answers_ctx	*c = p;
	const struct form	*f = c->a->form;
	int			 r;

	r = form_is_repeat(f, c->q) ? c->q : form_repeat_of(f, c->q);
	if (r < 0 || answers_repeat_count(c->a, r) == 0)
		return 0;
	return answers_repeat_current(c->a, r) + 1;
}

static const char *
env_indexed(void *p, int q, const int *reps, const size_t *idx, size_t n)
{
	struct answers_ctx	*c = p;
	const struct form	*f = c->a->form;
	struct answers_frame	 fr = repeat_root(c->a);
	const struct answers_rep *st;
	int			 chain[ENV_MAX_CHAIN];
	size_t			 len, j, i;

	if (q < 0 || (size_t)q >= f->nquestions)
		return "";
	len = env_chain(f, q, chain);
	for (j = 0; j < len; j++) {
		if (chain[j] == q)
			break;
		st = repeat_state(&fr, chain[j]);
		for (i = 0; i < n && reps[i] != chain[j]; i++)
			;
		if (i == n) {		/* not named: the current one */
			if (st->n == 0)
				return "";
			continue;
		}
		if (idx[i] < 1 || idx[i] > st->n)
			return "";
		fr = repeat_child(&fr, chain[j], idx[i] - 1);
	}
	return env_value(c, &fr, q);
}

/* 1 if q is in a repeat that is not around question at. */
static int
env_outside(const struct form *f, int at, int q)
{
	int	 r;

	for (r = form_repeat_of(f, q); r >= 0; r = form_repeat_of(f, r)) {
		if (!env_inside(f, at, r))
			return 1;
	}
	return 0;
}

struct env_first {
	const char	*v;
};

static void
env_take_first(const char *v, void *arg)
{
	struct env_first	*first = arg;

	if (first->v == NULL)
		first->v = v;
}

const char *
answers_get_at(const struct answers *a, int at, int q)
{
	struct answers_ctx	 c;
	struct env_first	 first = { NULL };

	if (at < 0 || q < 0 || (size_t)q >= a->form->nquestions ||
	    !env_outside(a->form, at, q))
		return answers_get(a, q);
	c.a = a;
	c.q = at;
	c.value = NULL;
	env_nodes(&c, q, env_take_first, &first);
	return first.v != NULL ? first.v : "";
}

void
answers_env(const struct answers *a, struct answers_ctx *c,
    struct expr_env *env, int q, const char *value)
{
	c->a = a;
	c->q = q;
	c->value = value;
	memset(env, 0, sizeof *env);
	env->answer = env_answer;
	env->ctx = c;
	env->self = value != NULL ? value : answers_get(a, q);
	env->form = a->form;
	env->today = a->today;
	env->fixed_clock = a->fixed_clock;
	env->lang = a->lang;
	env->nodes = env_nodes;
	env->position = env_position;
	env->indexed = env_indexed;
}
