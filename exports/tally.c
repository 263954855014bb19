/* tally.c: the counts behind the summary, the pairwise matrix and the
 * report, kept per group, question and choice while responses stream
 * by; memory depends on the form (and the distinct numbers given), not
 * on the number of responses. */
#include <stdlib.h>
#include <string.h>

#include "exports/lib.h"

/* A question that stores an answer, as tally_add needs it. */
struct tally_question {
	size_t			 q;
	enum question_type	 type;
	const struct choice_list *l;	/* NULL: none */
	int			 repeat;	/* the repeat it is in, or -1 */
};

/* 1 if every choice name of q's list is a number: a scale. */
static int
tally_is_scale(const struct form *f, const struct question *q)
{
	const struct choice_list	*l = form_question_list(f, q);
	struct stats_value		 v;
	size_t				 i;

	if (q->type != QUESTION_SELECT_ONE || l == NULL || l->nchoices == 0)
		return 0;
	for (i = 0; i < l->nchoices; i++) {
		if (stats_parse(l->choices[i].name, &v) != 0)
			return 0;
	}
	return 1;
}

static void
tally_cell_init(struct tally *t, struct tally_cell *c,
    const struct question *q)
{
	const struct choice_list	*l = form_question_list(t->form, q);
	size_t				 m = l != NULL ? l->nchoices : 0;

	memset(c, 0, sizeof *c);
	stats_hist_init(&c->hist);
	if (!question_has_choices(q))
		return;
	c->count = xcalloc(m + 1, sizeof *c->count);
	if (q->type != QUESTION_RANK)
		return;
	c->first = xcalloc(m + 1, sizeof *c->first);
	c->position_sum = xcalloc(m + 1, sizeof *c->position_sum);
	if (t->flags & TALLY_PAIRWISE)
		c->pref = xcalloc(m * m + 1, sizeof *c->pref);
}

struct tally *
tally_create(const struct form *f, int by, int flags, char **cause)
{
	struct tally			*t;
	const struct choice_list	*l = NULL;
	size_t				 g, q, nq = f->nquestions, most = 1;

	if (by >= 0 && ((size_t)by >= nq ||
	    f->questions[by].type != QUESTION_SELECT_ONE ||
	    (l = form_question_list(f, &f->questions[by])) == NULL)) {
		xasprintf(cause, "cannot group by '%s': not a select_one "
		    "question", (size_t)by < nq ? f->questions[by].name : "?");
		return NULL;
	}
	t = xcalloc(1, sizeof *t);
	t->form = f;
	t->by = by < 0 ? -1 : by;
	t->flags = flags;
	t->ngroups = l != NULL ? l->nchoices + 1 : 1;
	t->group_responses = xcalloc(t->ngroups, sizeof *t->group_responses);
	t->scale = xcalloc(nq + 1, sizeof *t->scale);
	t->cells = xcalloc(t->ngroups * nq + 1, sizeof *t->cells);
	for (q = 0; q < f->nlists; q++) {
		if (f->lists[q].nchoices + 1 > most)
			most = f->lists[q].nchoices + 1;
	}
	t->scratch = xcalloc(most, sizeof *t->scratch);
	t->order = xcalloc(most, sizeof *t->order);
	t->questions = xcalloc(nq + 1, sizeof *t->questions);
	for (q = 0; q < nq; q++) {
		t->scale[q] = tally_is_scale(f, &f->questions[q]);
		for (g = 0; g < t->ngroups; g++)
			tally_cell_init(t, &t->cells[g * nq + q],
			    &f->questions[q]);
		if (!question_stores(&f->questions[q]))
			continue;
		t->questions[t->nstored].q = q;
		t->questions[t->nstored].type = f->questions[q].type;
		t->questions[t->nstored].repeat = form_repeat_of(f, (int)q);
		t->repeats |= t->questions[t->nstored].repeat >= 0;
		t->questions[t->nstored++].l = form_question_list(f,
		    &f->questions[q]);
	}
	return t;
}

void
tally_free(struct tally *t)
{
	struct tally_cell	*c;
	size_t			 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ngroups * t->form->nquestions; i++) {
		c = &t->cells[i];
		free(c->count);
		free(c->first);
		free(c->position_sum);
		free(c->pref);
		stats_hist_clear(&c->hist);
	}
	free(t->cells);
	free(t->scratch);
	free(t->order);
	free(t->questions);
	free(t->scale);
	free(t->group_responses);
	free(t);
}

struct tally_cell *
tally_cell(const struct tally *t, size_t g, int q)
{
	return &t->cells[g * t->form->nquestions + (size_t)q];
}

/* The length of the next space-separated name at *v, *v moved to its
 * start; 0 at the end. */
static size_t
tally_name(const char **v)
{
	const char	*p = *v, *e;

	while (*p == ' ')
		p++;
	for (e = p; *e != '\0' && *e != ' '; e++)
		/* nothing */;
	*v = p;
	return (size_t)(e - p);
}

/* A new mark for t->scratch: choice i is seen in this answer when
 * scratch[i] is the stamp, with no clearing between answers (but once
 * every 2^32 answers, when the stamp comes round again). */
static uint32_t
tally_stamp(struct tally *t)
{
	const struct form	*f = t->form;
	size_t			 i, most = 1;

	if (++t->stamp == 0) {
		for (i = 0; i < f->nlists; i++) {
			if (f->lists[i].nchoices + 1 > most)
				most = f->lists[i].nchoices + 1;
		}
		memset(t->scratch, 0, most * sizeof *t->scratch);
		t->stamp = 1;
	}
	return t->stamp;
}

/* select_one and select_multiple: count each named choice once. The
 * decoder's picks are known choices, each once. */
static void
tally_choices(struct tally *t, struct tally_cell *c,
    const struct choice_list *l, const char *v, const uint32_t *picks,
    size_t npicks)
{
	uint32_t	 stamp;
	size_t		 len, k;
	int		 i;

	if (npicks != 0) {
		for (k = 0; k < npicks; k++)
			c->count[picks[k]]++;
		return;
	}
	stamp = tally_stamp(t);
	for (; (len = tally_name(&v)) != 0; v += len) {
		i = choice_list_find(l, v, len);
		if (i >= 0 && t->scratch[i] != stamp) {
			t->scratch[i] = stamp;
			c->count[i]++;
		}
	}
}

/* Pairwise, for the choice a ranked after the n choices in order: it
 * beats every other choice but those. Row by row, not choice by choice
 * squared: a ranked item beats an unranked one and any ranked below. */
static void
tally_pairwise(struct tally_cell *c, size_t m, size_t a,
    const uint32_t *order, size_t n)
{
	uint64_t	*row = c->pref + a * m;
	size_t		 b;

	for (b = 0; b < m; b++)
		row[b]++;
	row[a]--;
	for (b = 0; b < n; b++)
		row[order[b]]--;
}

/* Count choice i, ranked after the n in t->order. */
static void
tally_ranked(struct tally *t, struct tally_cell *c,
    const struct choice_list *l, uint32_t i, uint32_t n)
{
	if (c->pref != NULL)
		tally_pairwise(c, l->nchoices, i, t->order, n);
	t->order[n] = i;
	c->count[i]++;
	c->position_sum[i] += n + 1;
	if (n == 0)
		c->first[i]++;
}

/* A ranking: the decoder's picks are known choices, each once. */
static void
tally_rank(struct tally *t, struct tally_cell *c,
    const struct choice_list *l, const char *v, const uint32_t *picks,
    size_t npicks)
{
	uint32_t	 stamp, n = 0;
	size_t		 len;
	int		 i;

	if (npicks != 0) {
		for (n = 0; n < npicks; n++)
			tally_ranked(t, c, l, picks[n], n);
		return;
	}
	stamp = tally_stamp(t);
	for (; (len = tally_name(&v)) != 0; v += len) {
		i = choice_list_find(l, v, len);
		if (i < 0 || t->scratch[i] == stamp)
			continue;
		t->scratch[i] = stamp;
		tally_ranked(t, c, l, (uint32_t)i, n++);
	}
}

static void
tally_date(struct tally_cell *c, const char *v)
{
	size_t	 n = strlen(v);

	if (n >= sizeof c->date_min)
		return;
	if (c->date_min[0] == '\0' || strcmp(v, c->date_min) < 0)
		memcpy(c->date_min, v, n + 1);
	if (c->date_max[0] == '\0' || strcmp(v, c->date_max) > 0)
		memcpy(c->date_max, v, n + 1);
}

/* Count one answer v (non-empty) of question tq in a into cell c. */
static void
tally_answer(struct tally *t, struct tally_cell *c,
    const struct tally_question *tq, const struct answers *a, const char *v)
{
	struct stats_value	 value;
	const uint32_t		*picks = NULL;
	size_t			 npicks;

	c->answered++;
	switch (tq->type) {
	case QUESTION_SELECT_ONE:
	case QUESTION_SELECT_MULTIPLE:
		npicks = a != NULL ? answers_picks(a, (int)tq->q, &picks) : 0;
		if (tq->l != NULL)
			tally_choices(t, c, tq->l, v, picks, npicks);
		break;
	case QUESTION_RANK:
		npicks = a != NULL ? answers_picks(a, (int)tq->q, &picks) : 0;
		if (tq->l != NULL)
			tally_rank(t, c, tq->l, v, picks, npicks);
		break;
	case QUESTION_INTEGER:
	case QUESTION_DECIMAL:
		if (stats_parse(v, &value) == 0)
			stats_hist_add(&c->hist, &value, 1);
		break;
	case QUESTION_DATE:
	case QUESTION_TIME:
	case QUESTION_DATETIME:
		tally_date(c, v);
		break;
	default:
		break;
	}
}

/* The questions in repeats: each instance counts as one answer. */
static void
tally_instances(struct tally *t, struct tally_cell *cells,
    const struct answers *a)
{
	const struct tally_question	*tq;
	struct answers_instance		*in;
	const char			*v;
	size_t				 n, k, i;

	n = answers_instances(a, &in);
	for (k = 0; k < n; k++) {
		for (i = 0; i < t->nstored; i++) {
			tq = &t->questions[i];
			if (tq->repeat != in[k].repeat)
				continue;
			v = answers_instance_get(&in[k], (int)tq->q);
			if (*v != '\0')
				tally_answer(t, &cells[tq->q], tq, NULL, v);
		}
	}
	free(in);
}

/* The group of a response: the index of its by choice, else "(none)". */
static size_t
tally_group(const struct tally *t, const struct answers *a)
{
	const struct choice_list	*l;
	const char			*v;
	int				 i;

	if (t->by < 0)
		return 0;
	l = form_question_list(t->form, &t->form->questions[t->by]);
	v = answers_get(a, t->by);
	i = choice_list_find(l, v, strlen(v));
	return i >= 0 ? (size_t)i : l->nchoices;
}

void
tally_add(struct tally *t, const struct answers *a)
{
	const struct tally_question	*tq;
	struct tally_cell		*cells;
	const char			*v;
	size_t				 g, i;

	g = tally_group(t, a);
	t->responses++;
	t->group_responses[g]++;
	cells = tally_cell(t, g, 0);
	for (i = 0; i < t->nstored; i++) {
		tq = &t->questions[i];
		if (tq->repeat >= 0)
			continue;
		v = a->values[tq->q];
		if (v != NULL && *v != '\0')
			tally_answer(t, &cells[tq->q], tq, a, v);
	}
	if (t->repeats)
		tally_instances(t, cells, a);
}

const char *
tally_group_name(const struct tally *t, size_t g)
{
	const struct choice_list	*l;

	if (t->by < 0)
		return "";
	l = form_question_list(t->form, &t->form->questions[t->by]);
	return g < l->nchoices ? l->choices[g].name : "(none)";
}

int
tally_group_shown(const struct tally *t, size_t g)
{
	return t->by < 0 || g + 1 < t->ngroups || t->group_responses[g] > 0;
}

void
tally_numbers(const struct tally *t, size_t g, int q,
    struct stats_numbers *out)
{
	const struct question		*qq = &t->form->questions[q];
	const struct choice_list	*l;
	struct tally_cell		*c = tally_cell(t, g, q);
	struct stats_hist		 h;
	struct stats_value		 v;
	size_t				 i;

	memset(out, 0, sizeof *out);
	if (qq->type == QUESTION_INTEGER || qq->type == QUESTION_DECIMAL)
		stats_hist_numbers(&c->hist, out);
	else if (tally_dated(qq->type)) {
		memcpy(out->min, c->date_min, sizeof c->date_min);
		memcpy(out->max, c->date_max, sizeof c->date_max);
	} else if (t->scale[q]) {
		l = form_question_list(t->form, qq);
		stats_hist_init(&h);
		for (i = 0; i < l->nchoices; i++) {
			if (stats_parse(l->choices[i].name, &v) == 0)
				stats_hist_add(&h, &v, c->count[i]);
		}
		stats_hist_numbers(&h, out);
		stats_hist_clear(&h);
	}
}

void
tally_borda(const struct tally *t, size_t g, int q, uint64_t *borda)
{
	const struct choice_list	*l;
	const struct tally_cell		*c = tally_cell(t, g, q);
	size_t				 i, m;

	l = form_question_list(t->form, &t->form->questions[q]);
	m = l != NULL ? l->nchoices : 0;
	/* Sum of (m - position + 1) = count * (m + 1) - sum of positions. */
	for (i = 0; i < m; i++)
		borda[i] = c->count[i] * (m + 1) - c->position_sum[i];
}
