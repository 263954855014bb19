/* simulate.c: random, valid responses of any form (consult simulate): each
 * question a participant would see is answered in form order with a value
 * that its type, required, constraint and choice_filter accept, drawn from
 * a reproducible PRNG.
 *
 * Constraints are not solved, they are sampled: the literals of each
 * constraint (numbers, dates, today(), the answers it reads) cut the line
 * into intervals, on which a comparison of "." does not change. Values are
 * drawn from random intervals first, sometimes on a boundary, then every
 * interval and boundary in turn, so that any constraint made of such
 * comparisons is met whenever it can be. Texts follow the pattern of a
 * regex() and the lengths of a string-length(); selections take sizes
 * from a count-selected(). Whatever the constraint, answers_check has the
 * last word. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "forms/simulate-private.h"

/* ---- the plan: literals of each constraint -------------------------- */

static void
sim_add_num(double **v, size_t *n, double d)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = d;
}

static void
sim_add_str(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

/* An identifier: sets *operand (and/or/div/mod are operators), notes
 * today() and regex(); advances *pp. */
static void
sim_scan_name(struct sim_question *sq, const char **pp, int *operand,
    int *regex)
{
	static const char *const ops[] = { "and", "or", "div", "mod" };
	const char	*p = *pp;
	size_t		 n, i;

	while (isalnum((unsigned char)*p) || *p == '_' || *p == '-' ||
	    *p == '.' || *p == ':' || (unsigned char)*p >= 0x80)
		p++;
	n = (size_t)(p - *pp);
	*operand = 1;
	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		if (strlen(ops[i]) == n && strncmp(*pp, ops[i], n) == 0)
			*operand = 0;
	}
	if (n == 5 && strncmp(*pp, "today", 5) == 0)
		sq->today = 1;
	*regex = n == 5 && strncmp(*pp, "regex", 5) == 0;
	*pp = p;
}

/* A string literal starting at *pp (its quote): a regex() pattern when
 * want_regex, a date, or any string; advances *pp. */
static void
sim_scan_string(struct sim_question *sq, const char **pp, int want_regex)
{
	const char	*p = *pp, *end;
	char		*s;
	long		 days;

	if ((end = strchr(p + 1, *p)) == NULL) {
		*pp = p + strlen(p);
		return;
	}
	s = xstrndup(p + 1, (size_t)(end - p - 1));
	if (sim_date_days(s, &days) == 0)
		sim_add_num(&sq->days, &sq->ndays, (double)days);
	if (want_regex)
		sim_add_str(&sq->regexes, &sq->nregexes, s);
	else
		sim_add_str(&sq->strs, &sq->nstrs, s);
	*pp = end + 1;
}

/* Note the literals of a constraint's source. A minus sign is part of a
 * number when no operand comes before it. */
static void
sim_scan(struct sim_question *sq, const char *p)
{
	int	 operand = 0, minus = 0, regex = 0, depth = 0, rdepth = -1;
	int	 pattern = 0;
	double	 d;

	while (*p != '\0') {
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			sim_scan_string(sq, &p, pattern);
			operand = 1;
		} else if (p[0] == '$' && p[1] == '{') {
			p += strcspn(p, "}");
			p += *p == '}';
			operand = 1;
		} else if (isdigit((unsigned char)*p) ||
		    (*p == '.' && isdigit((unsigned char)p[1]))) {
			d = sim_scan_number(&p);
			sim_add_num(&sq->nums, &sq->nnums, minus ? -d : d);
			operand = 1;
		} else if (isalpha((unsigned char)*p) || *p == '_' ||
		    (unsigned char)*p >= 0x80) {
			sim_scan_name(sq, &p, &operand, &regex);
			pattern = minus = 0;
			continue;
		} else {
			if (*p == '(' && regex)
				rdepth = depth + 1;
			depth += (*p == '(') - (*p == ')');
			pattern = *p == ',' && depth == rdepth;
			if (depth < rdepth)
				rdepth = -1;
			minus = *p == '-' && !operand;
			operand = *p == ')' || *p == '.';
			regex = 0;
			p++;
			continue;
		}
		pattern = minus = regex = 0;
	}
}

static void
sim_add_ref(int q, void *arg)
{
	struct sim_question	*sq = arg;

	sq->refs = xreallocarray(sq->refs, sq->nrefs + 1, sizeof *sq->refs);
	sq->refs[sq->nrefs++] = q;
}

struct simulate *
simulate_create(const struct form *f)
{
	struct simulate		*sim;
	const struct question	*qq;
	size_t			 i;

	sim = xcalloc(1, sizeof *sim);
	sim->form = f;
	sim->questions = xcalloc(f->nquestions + 1, sizeof *sim->questions);
	for (i = 0; i < f->nquestions; i++) {
		qq = &f->questions[i];
		if (qq->constraint_src != NULL)
			sim_scan(&sim->questions[i], qq->constraint_src);
		if (qq->constraint != NULL)
			expr_refs(qq->constraint, sim_add_ref,
			    &sim->questions[i]);
		else if (qq->type == QUESTION_CALCULATE &&
		    qq->calculation != NULL)
			expr_refs(qq->calculation, sim_add_ref,
			    &sim->questions[i]);
	}
	return sim;
}

void
simulate_free(struct simulate *sim)
{
	struct sim_question	*sq;
	size_t			 i, j;

	if (sim == NULL)
		return;
	for (i = 0; i < sim->form->nquestions; i++) {
		sq = &sim->questions[i];
		for (j = 0; j < sq->nstrs; j++)
			free(sq->strs[j]);
		for (j = 0; j < sq->nregexes; j++)
			free(sq->regexes[j]);
		free(sq->strs);
		free(sq->regexes);
		free(sq->nums);
		free(sq->days);
		free(sq->refs);
	}
	free(sim->questions);
	free(sim);
}

/* ---- answering -------------------------------------------------------- */

/* Why q cannot be answered, as "FILE:LINE: ...". */
static char *
sim_why(const struct simulate *sim, int q, enum answer_problem problem,
    int tries, int late)
{
	const struct form	*f = sim->form;
	const struct question	*qq = &f->questions[q];
	char			*why, *s, at[FORM_WHERE_MAX];

	if (late)
		xasprintf(&why, "its answer is still refused once the rest "
		    "of the form is answered (%s)",
		    answers_builtin_message(problem, NULL));
	else if (tries == 0 && question_has_choices(qq))
		xasprintf(&why, "it is required but %s leaves no choice",
		    qq->choice_filter_src != NULL ? "its choice_filter" :
		    "its list");
	else if (tries == 0)
		xasprintf(&why, "no %s value could be made to try",
		    question_type_name(qq->type));
	else if (problem == ANSWER_CONSTRAINT)
		xasprintf(&why, "none of %d values tried passes its "
		    "constraint '%s'", tries, qq->constraint_src);
	else
		xasprintf(&why, "no %s value passes (%s)",
		    question_type_name(qq->type),
		    answers_builtin_message(problem, NULL));
	xasprintf(&s, "%s:%s: cannot simulate '%s': %s", f->path,
	    form_where(f, qq->line, at, sizeof at), qq->name, why);
	free(why);
	return s;
}

/* Answer c->q: unless fill, keep its default now and then and leave it
 * empty 1 in SIM_EMPTY when it may be; else the first candidate that
 * passes, or empty when none does and it may be. */
static int
sim_answer(struct sim_ctx *c, int fill, enum answer_problem *problem,
    int *tries)
{
	const char	*cur = answers_get(c->a, c->q);
	char		*norm;
	int		 t, empty_ok;

	*problem = ANSWER_OK;
	*tries = 0;
	if (!fill && *cur != '\0' && prng_uniform(c->r, 2) == 0 &&
	    answers_check(c->a, c->q, cur, NULL) == ANSWER_OK)
		return 0;
	empty_ok = answers_check(c->a, c->q, "", NULL) == ANSWER_OK;
	if (!fill && empty_ok && prng_uniform(c->r, SIM_EMPTY) == 0) {
		answers_set(c->a, c->q, NULL);
		return 0;
	}
	if (question_has_choices(c->qq)) {
		free(c->choices);
		c->nchoices = answers_choices(c->a, c->q, &c->choices);
		prng_shuffle(c->r, c->choices, c->nchoices);
	}
	for (t = 0; sim_candidate(c, t) == 0; t++) {
		(*tries)++;
		*problem = answers_check(c->a, c->q, buf_str(&c->b), &norm);
		if (*problem == ANSWER_OK) {
			answers_set(c->a, c->q, norm);
			wipe_free(norm);
			return 0;
		}
	}
	if (!empty_ok)
		return -1;
	answers_set(c->a, c->q, NULL);
	return 0;
}

/* Point c at question q; 0 if it is one a participant answers. */
static int
sim_focus(struct sim_ctx *c, int q)
{
	c->q = q;
	c->qq = &c->sim->form->questions[q];
	c->sq = &c->sim->questions[q];
	return question_stores(c->qq) && c->qq->type != QUESTION_CALCULATE &&
	    !c->qq->readonly && answers_relevant(c->a, q) ? 0 : -1;
}

/* Answer again, not empty, the questions that the constraint of q reads,
 * through the calculates it reads (depth of them at most). */
static void
sim_go_back(struct sim_ctx *c, int q, int depth)
{
	const struct sim_question *sq = &c->sim->questions[q];
	enum answer_problem	 problem;
	size_t			 i;
	int			 ref, tries;

	for (i = 0; i < sq->nrefs; i++) {
		ref = sq->refs[i];
		if (ref == q)
			continue;
		if (c->sim->form->questions[ref].type == QUESTION_CALCULATE &&
		    depth > 0)
			sim_go_back(c, ref, depth - 1);
		else if (sim_focus(c, ref) == 0)
			sim_answer(c, 1, &problem, &tries);
	}
}

/* Answer q; when no value passes, go back to what its constraint reads,
 * as a participant would, up to SIM_GO_BACK times. Or set *cause. */
static int
sim_question(struct sim_ctx *c, int q, char **cause)
{
	enum answer_problem	 problem;
	int			 tries, back;

	for (back = 0; back <= SIM_GO_BACK; back++) {
		if (back > 0 && c->sim->questions[q].nrefs == 0)
			break;
		if (back > 0)
			sim_go_back(c, q, SIM_GO_BACK);
		if (sim_focus(c, q) != 0 ||
		    sim_answer(c, back > 0, &problem, &tries) == 0)
			return 0;
	}
	*cause = sim_why(c->sim, q, problem, tries, 0);
	return -1;
}

/* Instances a repeat the participant sizes gets: 1 to 5 (3 on average)
 * at the top, 0 to 3 in another repeat. */
static size_t
sim_instances(struct sim_ctx *c, int r)
{
	if (form_repeat_of(c->sim->form, r) < 0)
		return 1 + (size_t)prng_uniform(c->r, 5);
	return (size_t)prng_uniform(c->r, 4);
}

/* Answer the questions of [lo, hi) a participant would see, each
 * instance of the repeats among them in turn. */
static int
sim_range(struct sim_ctx *c, int lo, int hi, char **cause)
{
	const struct form	*f = c->sim->form;
	struct answers		*a = c->a;
	size_t			 want, k;
	int			 q;

	for (q = lo; q < hi; q++) {
		if (form_is_repeat(f, q)) {
			if (!answers_relevant(a, q)) {
				q = f->questions[q].end;
				continue;
			}
			if (answers_repeat_fixed(a, q) < 0) {
				want = sim_instances(c, q);
				while (answers_repeat_count(a, q) < want &&
				    answers_repeat_add(a, q) >= 0)
					;
				while (answers_repeat_count(a, q) > want)
					answers_repeat_delete(a, q,
					    answers_repeat_count(a, q) - 1);
			}
			for (k = 0; k < answers_repeat_count(a, q); k++) {
				answers_repeat_select(a, q, k);
				if (sim_range(c, q + 1, f->questions[q].end,
				    cause) != 0)
					return -1;
			}
			q = f->questions[q].end;
			continue;
		}
		if (answers_next(a, q, 1) == q && sim_question(c, q, cause) != 0)
			return -1;
	}
	return 0;
}

int
simulate_answers(const struct simulate *sim, struct answers *a,
    struct prng *r, char **cause)
{
	struct sim_ctx		 c;
	enum answer_problem	 problem;
	size_t			 pass;
	int			 q, rc = -1;

	memset(&c, 0, sizeof c);
	c.sim = sim;
	c.a = a;
	c.r = r;
	buf_init(&c.b);
	if (sim_range(&c, 0, (int)sim->form->nquestions, cause) != 0)
		goto out;
	/* An answer may have made an earlier question relevant, or refused
	 * by a constraint that reads a later one: answer those again. */
	for (pass = 0; pass <= sim->form->nquestions; pass++) {
		if ((q = answers_validate_all(a, &problem)) == -1) {
			rc = 0;
			goto out;
		}
		if (sim_question(&c, q, cause) != 0)
			goto out;
	}
	*cause = sim_why(sim, q, problem, 0, 1);
out:
	buf_clear(&c.b);
	free(c.points);
	free(c.choices);
	return rc;
}
