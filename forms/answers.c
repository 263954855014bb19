/* answers.c: one participant's answers: validation against the type,
 * required and constraint, relevance, calculate, default and the order of
 * choices. Both front ends drive this one engine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "forms/lib.h"
#include "forms/form-private.h"

static void	answers_recompute(struct answers *, const unsigned char *);

struct answers *
answers_alloc(const struct form *f, uint64_t seed, const char *today)
{
	struct answers	*a;
	time_t		 t;
	struct tm	 tm;

	a = xcalloc(1, sizeof *a);
	a->form = f;
	a->values = xcalloc(f->nquestions == 0 ? 1 : f->nquestions,
	    sizeof *a->values);
	a->pick_at = xcalloc(f->nquestions == 0 ? 1 : f->nquestions,
	    sizeof *a->pick_at);
	a->npicks = xcalloc(f->nquestions == 0 ? 1 : f->nquestions,
	    sizeof *a->npicks);
	a->reps = xcalloc(f->nquestions == 0 ? 1 : f->nquestions,
	    sizeof *a->reps);
	a->seed = seed;
	a->fixed_clock = today != NULL;
	if (today != NULL)
		snprintf(a->today, sizeof a->today, "%s", today);
	else {
		t = time(NULL);
		if (localtime_r(&t, &tm) == NULL ||
		    strftime(a->today, sizeof a->today, "%Y-%m-%d", &tm) == 0)
			snprintf(a->today, sizeof a->today, "1970-01-01");
	}
	return a;
}

struct answers *
answers_create(const struct form *f, uint64_t seed, const char *today)
{
	struct answers		*a;
	struct answers_frame	 root;
	int			 r;

	a = answers_alloc(f, seed, today);
	answers_stamp(a, QUESTION_START);
	answers_stamp(a, QUESTION_TODAY);
	/* A repeat the participant sizes starts with one instance. */
	root = repeat_root(a);
	for (r = 0; (size_t)r < f->nquestions; r++) {
		if (!form_is_repeat(f, r))
			continue;
		if (f->questions[r].repeat_count == NULL)
			repeat_append(a, &root, r, 1);
		r = f->questions[r].end;
	}
	answers_recompute(a, NULL);
	return a;
}

/* Drop q's value: wiped and freed, or left in the arena, which is
 * wiped as a whole. */
static void
answers_drop(struct answers *a, size_t q)
{
	char	*v = a->values[q];

	if ((uintptr_t)v - (uintptr_t)a->arena >= a->arena_size)
		wipe_free(v);
	a->values[q] = NULL;
	a->npicks[q] = 0;
}

void
answers_reset(struct answers *a)
{
	size_t	 i, n = a->form->nquestions;

	repeat_clear_all(a);
	if (a->heap) {
		for (i = 0; i < n; i++)
			answers_drop(a, i);
		a->heap = 0;
	} else if (n != 0)
		memset(a->values, 0, n * sizeof *a->values);
	wipe(a->arena, a->arena_used);
	a->arena_used = 0;
	if (a->picks_used != 0) {
		memset(a->npicks, 0, n * sizeof *a->npicks);
		wipe(a->picks, a->picks_used * sizeof *a->picks);
		a->picks_used = 0;
	}
}

/* A buffer size that holds n more after used: size, else doubled (at
 * least min and enough). */
static size_t
answers_grown(size_t size, size_t used, size_t n, size_t min)
{
	if (size - used >= n)
		return size;
	size = size * 2 > n ? size * 2 : n;
	return size < min ? min : size;
}

void
answers_reserve(struct answers *a, size_t nbytes, size_t npicks)
{
	size_t	 arena = answers_grown(a->arena_size, a->arena_used, nbytes,
		    256);
	size_t	 picks = answers_grown(a->picks_size, a->picks_used, npicks,
		    64);

	if (arena == a->arena_size && picks == a->picks_size)
		return;
	answers_reset(a);
	if (arena != a->arena_size) {
		free(a->arena);
		a->arena_size = arena;
		a->arena = xmalloc(arena);
	}
	if (picks != a->picks_size) {
		free(a->picks);
		a->picks_size = picks;
		a->picks = xreallocarray(NULL, picks, sizeof *a->picks);
	}
}

size_t
answers_name_max(struct answers *a)
{
	const struct form	*f = a->form;
	size_t			 i, j, n, max = 0;

	if (a->name_max != 0)
		return a->name_max - 1;
	for (i = 0; i < f->nlists; i++) {
		for (j = 0; j < f->lists[i].nchoices; j++) {
			n = strlen(f->lists[i].choices[j].name);
			if (n > max)
				max = n;
		}
	}
	a->name_max = max + 1;
	return max;
}

size_t
answers_picks(const struct answers *a, int q, const uint32_t **idx)
{
	if (q < 0 || (size_t)q >= a->form->nquestions || a->npicks[q] == 0)
		return 0;
	*idx = a->picks + a->pick_at[q];
	return a->npicks[q];
}

void
answers_free(struct answers *a)
{
	size_t	 i;

	if (a == NULL)
		return;
	repeat_clear_all(a);
	for (i = 0; i < a->form->nquestions; i++)
		answers_drop(a, i);
	free(a->values);
	free(a->reps);
	wipe(a->arena, a->arena_used);
	free(a->arena);
	wipe(a->picks, a->picks_used * sizeof *a->picks);
	free(a->picks);
	free(a->pick_at);
	free(a->npicks);
	wipe(a, sizeof *a);
	free(a);
}

const char *
answers_get(const struct answers *a, int q)
{
	if (q < 0 || (size_t)q >= a->form->nquestions || a->values[q] == NULL)
		return "";
	return a->values[q];
}

/* 0 if q is in a repeat that has no instance in the view. */
static int
answers_in_instance(const struct answers *a, int q)
{
	int	 r = form_repeat_of(a->form, q);

	return r < 0 || a->reps[r].n > 0;
}

/* Whether q's own relevant expression holds, groups aside. */
static int
answers_relevant_self(const struct answers *a, int q)
{
	const struct question	*qq = &a->form->questions[q];
	struct answers_ctx	 c;
	struct expr_env		 env;

	if (qq->relevant == NULL)
		return 1;
	answers_env(a, &c, &env, q, NULL);
	return expr_eval_bool(qq->relevant, &env);
}

int
answers_relevant(const struct answers *a, int q)
{
	const struct form	*f = a->form;

	if (q < 0 || (size_t)q >= f->nquestions || !answers_in_instance(a, q))
		return 0;
	for (;;) {
		if (!answers_relevant_self(a, q))
			return 0;
		/* A group comes before what it holds; anything else is a
		 * broken model and ends the walk. */
		if (f->questions[q].parent < 0 || f->questions[q].parent >= q)
			return 1;
		q = f->questions[q].parent;
	}
}

/* Relevance of every question, groups included, in one forward pass.
 * Caller frees. */
static unsigned char *
answers_relevance(const struct answers *a)
{
	const struct form	*f = a->form;
	unsigned char		*rel;
	size_t			 i;
	int			 parent;

	rel = xcalloc(f->nquestions == 0 ? 1 : f->nquestions, 1);
	for (i = 0; i < f->nquestions; i++) {
		parent = f->questions[i].parent;
		if (parent >= 0 && ((size_t)parent >= i || !rel[parent]))
			continue;
		rel[i] = answers_relevant_self(a, (int)i) != 0;
	}
	return rel;
}

/* Store a copy of value (NULL or "" for none); 1 if it changed. */
static int
answers_store(struct answers *a, size_t q, const char *value)
{
	if (value != NULL && *value == '\0')
		value = NULL;
	if (value == NULL && a->values[q] == NULL)
		return 0;
	if (value != NULL && a->values[q] != NULL &&
	    strcmp(value, a->values[q]) == 0)
		return 0;
	answers_drop(a, q);
	if (value != NULL) {
		a->values[q] = xstrdup(value);
		a->heap = 1;
	}
	return 1;
}

/* A question of another type than calculate with a calculation: its
 * value, normalised for its type (none when the result is not one). 1
 * if it changed. */
static int
answers_calculate(struct answers *a, size_t i)
{
	const struct question	*q = &a->form->questions[i];
	struct answers_ctx	 c;
	struct expr_env		 env;
	char			*v, *norm;
	int			 changed;

	answers_env(a, &c, &env, (int)i, NULL);
	v = expr_eval_string(q->calculation, &env);
	if (answers_normalise(a->form, (int)i, v, &norm) != ANSWER_OK)
		norm = NULL;
	changed = answers_store(a, i, norm);
	wipe_free(norm);
	wipe_free(v);
	return changed;
}

/* Bring question i up to date in a forward pass: clear it if irrelevant,
 * compute a calculate, apply a default to a question that has just
 * become relevant (before[i] is 0) and has no answer. 1 if it changed. */
static int
answers_update(struct answers *a, size_t i, unsigned char *rel,
    const unsigned char *before)
{
	const struct question	*q = &a->form->questions[i];
	struct answers_ctx	 c;
	struct expr_env		 env;
	char			*v;
	int			 changed = 0;

	rel[i] = 0;
	if (q->parent < 0 || ((size_t)q->parent < i && rel[q->parent]))
		rel[i] = answers_relevant_self(a, (int)i) != 0;
	if (form_is_repeat(a->form, (int)i))
		return repeat_sync(a, (int)i, rel[i]);
	if (!answers_in_instance(a, (int)i)) {	/* no instance to hold it */
		rel[i] = 0;
		return 0;
	}
	if (!question_stores(q) || q->special != QUESTION_ASKED)
		return 0;	/* specials: answers_stamp's value or none */
	if (!rel[i])
		return answers_store(a, i, NULL);
	if (q->type == QUESTION_CALCULATE && q->calculation != NULL) {
		answers_env(a, &c, &env, (int)i, NULL);
		v = expr_eval_string(q->calculation, &env);
		changed = answers_store(a, i, v);
		wipe_free(v);
	} else if (q->calculation != NULL && q->ntriggers == 0) {
		changed = answers_calculate(a, i);
	} else if (a->values[i] == NULL && q->default_value != NULL &&
	    (before == NULL || !before[i] || repeat_fresh(a, (int)i))) {
		if (answers_normalise(a->form, (int)i, q->default_value,
		    &v) == ANSWER_OK) {
			changed = answers_store(a, i, v);
			wipe_free(v);
		}
	}
	return changed;
}

void
answers_stamp(struct answers *a, enum question_special which)
{
	struct timespec	 ts;
	struct tm	 tm;
	char		 when[48];
	size_t		 i, len;
	long		 off;

	if (which == QUESTION_TODAY)
		snprintf(when, sizeof when, "%s", a->today);
	else {
		if (clock_gettime(CLOCK_REALTIME, &ts) != 0 ||
		    localtime_r(&ts.tv_sec, &tm) == NULL ||
		    (len = strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S",
		    &tm)) == 0)
			return;
		off = tm.tm_gmtoff / 60;
		snprintf(when + len, sizeof when - len, ".%03ld%c%02ld:%02ld",
		    (long)ts.tv_nsec / 1000000, off < 0 ? '-' : '+',
		    labs(off) / 60, labs(off) % 60);
	}
	for (i = 0; i < a->form->nquestions; i++) {
		if (a->form->questions[i].special == which)
			answers_store(a, i, when);
	}
}

/* Recompute calculates, relevance and defaults in form order, again until
 * nothing changes (an expression may look forward), at most once per
 * question so that a cycle cannot loop for ever. */
static int
answers_settle(struct answers *a, const unsigned char *before)
{
	size_t		 n = a->form->nquestions, i, pass;
	unsigned char	*rel;
	int		 changed, any = 0;

	rel = xcalloc(n == 0 ? 1 : n, 1);
	for (pass = 0; pass <= n; pass++) {
		changed = 0;
		for (i = 0; i < n; i++)
			changed |= answers_update(a, i, rel, before);
		any |= changed;
		if (!changed)
			break;
	}
	free(rel);
	return any;
}

/* The view first, then each instance of each repeat (which may change
 * what the view computes from them, as sum() does), a few rounds. */
#define ANSWERS_REPEAT_ROUNDS	4

static void
answers_recompute(struct answers *a, const unsigned char *before)
{
	int	 round;

	answers_settle(a, before);
	for (round = 0; round < ANSWERS_REPEAT_ROUNDS; round++) {
		if (!repeat_recompute(a, answers_settle))
			break;
		answers_settle(a, before);
	}
}

void
answers_refresh(struct answers *a)
{
	unsigned char	*before;

	before = answers_relevance(a);
	answers_recompute(a, before);
	free(before);
}

void
answers_set_lang(struct answers *a, size_t lang)
{
	if (a->lang == lang + 1)
		return;
	a->lang = lang + 1;
	answers_refresh(a);
}

/* The questions whose trigger names q take their calculation now (a
 * new value of q), the participant may change it after. */
static void
answers_fire(struct answers *a, int q)
{
	const struct question	*qq;
	size_t			 i, k;

	for (i = 0; i < a->form->nquestions; i++) {
		qq = &a->form->questions[i];
		for (k = 0; k < qq->ntriggers; k++) {
			if (qq->triggers[k] == q && qq->calculation != NULL) {
				answers_calculate(a, i);
				break;
			}
		}
	}
}

void
answers_set(struct answers *a, int q, const char *value)
{
	unsigned char	*before;

	if (q < 0 || (size_t)q >= a->form->nquestions ||
	    !question_stores(&a->form->questions[q]))
		return;
	before = answers_relevance(a);
	if (answers_store(a, (size_t)q, value))
		answers_fire(a, q);
	answers_recompute(a, before);
	free(before);
}

/* Whether choice c of q's list passes q's choice_filter now. */
static int
answers_visible(const struct answers *a, int q, const struct choice *c)
{
	const struct question	*qq = &a->form->questions[q];
	struct answers_ctx	 ctx;
	struct expr_env		 env;

	if (qq->choice_filter == NULL)
		return 1;
	answers_env(a, &ctx, &env, q, NULL);
	env.choice = c;
	return expr_eval_bool(qq->choice_filter, &env);
}

/* Whether every name in the normalised value norm is visible now. */
static int
answers_all_visible(const struct answers *a, int q, const char *norm)
{
	const struct choice_list *l;
	const char		*p, *name;
	int			*idx;
	size_t			 n, count, i;
	int			 found = 1;

	l = form_question_list(a->form, &a->form->questions[q]);
	count = answers_choices(a, q, &idx);
	for (p = norm; *p != '\0' && found; p += n, p += strspn(p, " ")) {
		n = strcspn(p, " ");
		found = 0;
		for (i = 0; i < count && !found; i++) {
			name = l->choices[idx[i]].name;
			found = strlen(name) == n && memcmp(name, p, n) == 0;
		}
	}
	free(idx);
	return found;
}

enum answer_problem
answers_check(const struct answers *a, int q, const char *value, char **norm)
{
	const struct question	*qq;
	struct answers_ctx	 c;
	struct expr_env		 env;
	enum answer_problem	 problem;
	char			*n;

	if (norm != NULL)
		*norm = NULL;
	if (q >= 0 && (size_t)q < a->form->nquestions &&
	    a->form->questions[q].readonly) {
		/* not the participant's to give: what is stored stays */
		if (norm != NULL)
			*norm = xstrdup(answers_get(a, q));
		return ANSWER_OK;
	}
	if ((problem = answers_normalise(a->form, q, value, &n)) != ANSWER_OK)
		return problem;
	qq = &a->form->questions[q];
	if (*n == '\0') {
		if (qq->required != NULL && question_stores(qq)) {
			answers_env(a, &c, &env, q, "");
			if (expr_eval_bool(qq->required, &env))
				problem = ANSWER_REQUIRED;
		}
	} else if (qq->list >= 0 && qq->choice_filter != NULL &&
	    question_has_choices(qq) && !answers_all_visible(a, q, n))
		problem = ANSWER_NOT_CHOICE;
	else if (qq->constraint != NULL) {
		answers_env(a, &c, &env, q, n);
		if (!expr_eval_bool(qq->constraint, &env))
			problem = ANSWER_CONSTRAINT;
	}
	if (problem == ANSWER_OK && norm != NULL)
		*norm = n;
	else
		wipe_free(n);
	return problem;
}

const char *
answers_message(const struct answers *a, int q, enum answer_problem problem,
    size_t lang)
{
	const struct form	*f = a->form;
	const struct question	*qq;
	char *const		*texts = NULL;
	const char		*s;

	if (lang >= f->nlangs)
		lang = f->default_lang;
	if (q >= 0 && (size_t)q < f->nquestions) {
		qq = &f->questions[q];
		if (problem == ANSWER_REQUIRED)
			texts = qq->required_message;
		else if (problem == ANSWER_CONSTRAINT)
			texts = qq->constraint_message;
	}
	if (texts != NULL && *(s = form_text(f, texts, lang)) != '\0')
		return s;
	return answers_builtin_message(problem,
	    lang < f->nlangs ? &f->langs[lang] : NULL);
}

/* The shuffle seed of q: its own seed, else the answers' mixed with q so
 * that each question has its own order and a resumed draft the same. */
static uint64_t
answers_question_seed(const struct answers *a, int q)
{
	const struct question	*qq = &a->form->questions[q];

	if (qq->has_seed)
		return qq->seed;
	return a->seed ^ ((uint64_t)q + 1) * 0xd1342543de82ef95ULL;
}

size_t
answers_choices(const struct answers *a, int q, int **idx)
{
	const struct choice_list *l;
	struct prng		 r;
	int			*order;
	size_t			 k, count = 0;

	*idx = NULL;
	if (q < 0 || (size_t)q >= a->form->nquestions)
		return 0;
	l = form_question_list(a->form, &a->form->questions[q]);
	if (l == NULL || l->nchoices == 0)
		return 0;
	order = xreallocarray(NULL, l->nchoices, sizeof *order);
	for (k = 0; k < l->nchoices; k++)
		order[k] = (int)k;
	/* Shuffle the whole list, then filter: the order of the choices
	 * that stay does not change when the filter does. */
	if (a->form->questions[q].randomize) {
		prng_init(&r, answers_question_seed(a, q));
		prng_shuffle(&r, order, l->nchoices);
	}
	for (k = 0; k < l->nchoices; k++) {
		if (answers_visible(a, q, &l->choices[order[k]]))
			order[count++] = order[k];
	}
	if (count == 0)
		free(order);
	else
		*idx = order;
	return count;
}
