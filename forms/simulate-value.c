/* simulate-value.c: the candidate values of one question for the response
 * generator, by type: boundaries and intervals for numbers, dates, text
 * lengths and selection sizes; choices in random order. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "forms/simulate-private.h"

/* ---- boundaries and intervals ----------------------------------------- */

static int
sim_cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Set the boundaries: values (clamped to [lo, hi] when bounded) plus the
 * ends of the line, span beyond the outer values (or [lo, hi]). */
static void
sim_points(struct sim_ctx *c, const double *v, size_t n, double lo,
    double hi, int bounded, double span)
{
	double	 min = lo, max = hi, d;
	size_t	 i, k = 0;

	c->points = xreallocarray(c->points, n + 2, sizeof *c->points);
	for (i = 0; i < n; i++) {
		d = v[i];
		if (isnan(d) || isinf(d) || (bounded && (d < lo || d > hi)))
			continue;
		if (k == 0 || d < min)
			min = d;
		if (k == 0 || d > max)
			max = d;
		c->points[k++] = d;
	}
	if (!bounded && k != 0) {
		d = max - min > span ? max - min : span;
		lo = min - d;
		hi = max + d;
	}
	c->points[k++] = lo;
	c->points[k++] = hi;
	qsort(c->points, k, sizeof *c->points, sim_cmp_double);
	for (c->npoints = 0, i = 0; i < k; i++) {
		if (c->npoints == 0 ||
		    c->points[i] != c->points[c->npoints - 1])
			c->points[c->npoints++] = c->points[i];
	}
}

/* Uniform integer in [lo, hi]. */
static double
sim_integer_in(struct prng *r, double lo, double hi)
{
	uint64_t	 span;

	lo = ceil(lo);
	hi = floor(hi);
	if (hi <= lo)
		return lo;
	/* Wider than 2^63 (a bound like 1e84): integers are not exact
	 * there anyway; a uniform point, rounded down, within bounds. */
	if (hi - lo >= 0x1p63)
		return fmin(hi, floor(lo + (hi - lo) *
		    (double)(prng_next(r) >> 11) * 0x1p-53));
	span = (uint64_t)(hi - lo) + 1;
	if (span <= UINT32_MAX)
		return lo + prng_uniform(r, (uint32_t)span);
	return lo + (double)(prng_next(r) % span);
}

/* A point of interval i; short ones (for texts) mostly when skew. */
static double
sim_in_interval(struct sim_ctx *c, size_t i, int integral, int skew)
{
	double	 lo = c->points[i], hi = c->points[i + 1];

	if (skew && hi - lo > SIM_TEXT_SKEW && prng_uniform(c->r, 16) != 0)
		hi = lo + SIM_TEXT_SKEW;
	if (integral)
		return sim_integer_in(c->r, lo, hi);
	return lo + (hi - lo) * (double)(prng_next(c->r) >> 11) * 0x1p-53;
}

/* The value of try t: while t < SIM_RANDOM_TRIES a random point of a
 * random interval, or 1 in SIM_BOUNDARY a boundary; then each interval,
 * and each boundary and its neighbours, in turn. Returns 0, or -1 when
 * all have been tried. */
static int
sim_pick(struct sim_ctx *c, int t, int integral, int skew, double *out)
{
	size_t	 k = c->npoints - 1, s, top = 0;
	double	 step = integral ? 1 : 0.01;

	if (t < SIM_RANDOM_TRIES) {
		/* Texts longer than the longest length named are slow to
		 * make and mostly refused: rarely at random. */
		if (skew && k > 1 && prng_uniform(c->r, 8) != 0)
			top = 1;
		if (prng_uniform(c->r, SIM_BOUNDARY) == 0 || k == 0)
			*out = c->points[prng_uniform(c->r,
			    (uint32_t)(c->npoints - top))];
		else
			*out = sim_in_interval(c, prng_uniform(c->r,
			    (uint32_t)(k - top)), integral, skew);
		return 0;
	}
	s = (size_t)(t - SIM_RANDOM_TRIES);
	if (s < k) {
		*out = sim_in_interval(c, s, integral, 0);
		return 0;
	}
	s -= k;
	if (s >= 3 * c->npoints)
		return -1;
	*out = c->points[s / 3] + ((double)(s % 3) - 1) * step;
	return 0;
}

/* ---- candidates by type ---------------------------------------------- */

/* The numbers (or dates as days) of the answers the constraint reads. */
static size_t
sim_ref_values(struct sim_ctx *c, int dates, double **v)
{
	const char	*s, *end;
	long		 days;
	size_t		 i, n = 0;
	double		 d;

	*v = xreallocarray(NULL, c->sq->nrefs + 1, sizeof **v);
	for (i = 0; i < c->sq->nrefs; i++) {
		s = answers_get(c->a, c->sq->refs[i]);
		if (dates && sim_date_days(s, &days) == 0)
			(*v)[n++] = (double)days;
		else if (!dates && (*s == '-' || isdigit((unsigned char)*s))) {
			end = s + (*s == '-');
			d = sim_scan_number(&end);
			if (*end == '\0')
				(*v)[n++] = *s == '-' ? -d : d;
		}
	}
	return n;
}

static void
sim_number_points(struct sim_ctx *c)
{
	double	*v;
	size_t	 n, i;

	n = sim_ref_values(c, 0, &v);
	v = xreallocarray(v, n + c->sq->nnums + 1, sizeof *v);
	for (i = 0; i < c->sq->nnums; i++)
		v[n++] = c->sq->nums[i];
	/* A bound no answer can reach (numbers are at most
	 * ANSWERS_DECIMAL_MAX characters) is no boundary to try. */
	for (i = 0; i < n; i++)
		if (fabs(v[i]) > SIM_NUMBER_MAX)
			v[i] = NAN;
	sim_points(c, v, n, 0, SIM_NUMBER_SPAN, 0, SIM_NUMBER_SPAN);
	free(v);
}

/* Boundaries of a date: date literals, the dates it reads, today() and
 * today() plus or minus each number. */
static void
sim_date_points(struct sim_ctx *c)
{
	const struct sim_question *sq = c->sq;
	double		*v;
	long		 today = 0;
	size_t		 n, i;

	sim_date_days(c->a->today, &today);
	n = sim_ref_values(c, 1, &v);
	v = xreallocarray(v, n + sq->ndays + 2 * sq->nnums + 1, sizeof *v);
	for (i = 0; i < sq->ndays; i++)
		v[n++] = sq->days[i];
	if (sq->today) {
		v[n++] = (double)today;
		for (i = 0; i < sq->nnums; i++) {
			v[n++] = (double)today + sq->nums[i];
			v[n++] = (double)today - sq->nums[i];
		}
	}
	if (n == 0)
		sim_points(c, v, 0, (double)today - 10 * SIM_DATE_SPAN,
		    (double)today + SIM_DATE_SPAN, 1, 0);
	else
		sim_points(c, v, n, 0, 0, 0, SIM_DATE_SPAN);
	free(v);
}

/* An integer, a decimal with up to two places, or a date. */
static int
sim_number(struct sim_ctx *c, int t)
{
	enum question_type type = c->qq->type;
	double		 d;
	long long	 m;
	int		 places, y, mo, day;

	if (t == 0 && type == QUESTION_DATE)
		sim_date_points(c);
	else if (t == 0)
		sim_number_points(c);
	if (sim_pick(c, t, type != QUESTION_DECIMAL, 0, &d) != 0)
		return -1;
	if (d > 1e15 || d < -1e15)
		return -1;
	if (type == QUESTION_DATE) {
		sim_civil(lround(d), &y, &mo, &day);
		buf_printf(&c->b, "%04d-%02d-%02d", y, mo, day);
	} else if (type == QUESTION_INTEGER)
		buf_printf(&c->b, "%lld", (long long)llround(d));
	else {
		places = (int)prng_uniform(c->r, 3);
		m = llround(fabs(d) * (places == 0 ? 1 : places == 1 ? 10 :
		    100));
		buf_printf(&c->b, "%s%lld", d < 0 ? "-" : "", m /
		    (places == 0 ? 1 : places == 1 ? 10 : 100));
		if (places == 1)
			buf_printf(&c->b, ".%01lld", m % 10);
		else if (places == 2)
			buf_printf(&c->b, ".%02lld", m % 100);
	}
	return 0;
}

/* One choice, each visible one in turn. */
static int
sim_select_one(struct sim_ctx *c, int t)
{
	const struct choice_list *l = form_question_list(c->sim->form, c->qq);

	if ((size_t)t >= c->nchoices)
		return -1;
	buf_add_str(&c->b, l->choices[c->choices[t]].name);
	return 0;
}

/* A random subset (select_multiple) or ordered prefix (rank), of a size
 * between 1 and the most allowed, sized by the constraint's numbers. */
static int
sim_select_many(struct sim_ctx *c, int t)
{
	const struct choice_list *l = form_question_list(c->sim->form, c->qq);
	size_t		 max = c->nchoices, size, i;
	double		 d;

	if (c->qq->type == QUESTION_RANK && c->qq->rank_max > 0 &&
	    (size_t)c->qq->rank_max < max)
		max = (size_t)c->qq->rank_max;
	if (max == 0)
		return -1;
	if (t == 0)
		sim_points(c, c->sq->nums, c->sq->nnums, 1, (double)max, 1, 0);
	if (sim_pick(c, t, 1, 0, &d) != 0)
		return -1;
	size = d < 1 ? 1 : d > (double)max ? max : (size_t)d;
	prng_shuffle(c->r, c->choices, c->nchoices);
	for (i = 0; i < size; i++) {
		if (i != 0)
			buf_add_byte(&c->b, ' ');
		buf_add_str(&c->b, l->choices[c->choices[i]].name);
	}
	return 0;
}

/* Lengths of a text: from 1 to a little past the constraint's largest
 * number, cut at each of its numbers. */
static void
sim_length_points(struct sim_ctx *c)
{
	double	 hi = 0;
	size_t	 i;

	for (i = 0; i < c->sq->nnums; i++) {
		if (c->sq->nums[i] > hi)
			hi = c->sq->nums[i];
	}
	hi = hi < 1 ? SIM_TEXT_LENGTH : hi + 10;
	sim_points(c, c->sq->nums, c->sq->nnums, 1, hi, 1, 0);
}

/* String literal i of the constraint, alone or with words before or
 * after it. */
static void
sim_literal(struct sim_ctx *c, size_t i, int alone)
{
	uint32_t	 where = alone ? 0 : prng_uniform(c->r, 3);

	if (where == 2) {
		sim_words(c->r, 1 + prng_uniform(c->r, 20), 0, &c->b);
		buf_add_byte(&c->b, ' ');
	}
	buf_add_str(&c->b, c->sq->strs[i]);
	if (where == 1) {
		buf_add_byte(&c->b, ' ');
		sim_words(c->r, 1 + prng_uniform(c->r, 20), 0, &c->b);
	}
}

/* A text: a match of a regex() pattern, a string literal with words
 * around it, or words of a length between the constraint's numbers. At
 * random first, then each literal alone, a few matches of each pattern,
 * and the lengths in turn. */
static int
sim_text(struct sim_ctx *c, int t)
{
	const struct sim_question *sq = c->sq;
	size_t		 u, i;
	double		 d;

	if (t == 0)
		sim_length_points(c);
	if (t < SIM_RANDOM_TRIES) {
		/* A pattern half the time, a literal a quarter. */
		i = prng_uniform(c->r, 4);
		if (i <= 1 && sq->nregexes != 0 && sim_regex(c->r,
		    sq->regexes[prng_uniform(c->r, (uint32_t)sq->nregexes)],
		    &c->b) == 0)
			return 0;
		buf_clear(&c->b);
		if (i == 2 && sq->nstrs != 0) {
			sim_literal(c, prng_uniform(c->r,
			    (uint32_t)sq->nstrs), 0);
			return 0;
		}
	} else if ((u = (size_t)t - SIM_RANDOM_TRIES) < sq->nstrs) {
		sim_literal(c, u, 1);
		return 0;
	} else if ((u -= sq->nstrs) < 4 * sq->nregexes) {
		if (sim_regex(c->r, sq->regexes[u / 4], &c->b) == 0)
			return 0;
		buf_clear(&c->b);
		t = 0;
	} else
		t = (int)(u - 4 * sq->nregexes) + SIM_RANDOM_TRIES;
	if (sim_pick(c, t, 1, 1, &d) != 0)
		return -1;
	sim_words(c->r, d < 1 ? 1 : (size_t)d, c->qq->multiline, &c->b);
	return 0;
}

/* A value of a range: at random, then each end, then at random. */
static int
sim_range(struct sim_ctx *c, int t)
{
	char	 v[FORM_RANGE_VALUE_MAX];
	size_t	 n = form_range_count(c->qq), i;

	if (n == 0 || t > 2 * SIM_RANDOM_TRIES)
		return -1;
	i = t == 1 ? 0 : t == 2 ? n - 1 : prng_uniform(c->r, (uint32_t)n);
	form_range_value(c->qq, i, v, sizeof v);
	buf_add_str(&c->b, v);
	return 0;
}

/* A time, or a date and time: the date as sim_number draws one. */
static int
sim_time(struct sim_ctx *c, int t)
{
	long		 today = 0;
	int		 y, mo, day;

	if (t > 2 * SIM_RANDOM_TRIES)
		return -1;
	if (c->qq->type == QUESTION_DATETIME) {
		sim_date_days(c->a->today, &today);
		sim_civil(today - (long)prng_uniform(c->r, 10 * SIM_DATE_SPAN),
		    &y, &mo, &day);
		buf_printf(&c->b, "%04d-%02d-%02d ", y, mo, day);
	}
	buf_printf(&c->b, "%02u:%02u", prng_uniform(c->r, 24),
	    prng_uniform(c->r, 60));
	return 0;
}

int
sim_candidate(struct sim_ctx *c, int t)
{
	buf_clear(&c->b);
	if (c->qq->range_start != NULL)
		return sim_range(c, t);
	switch (c->qq->type) {
	case QUESTION_TIME:
	case QUESTION_DATETIME:
		return sim_time(c, t);
	case QUESTION_SELECT_ONE:
		return sim_select_one(c, t);
	case QUESTION_SELECT_MULTIPLE:
	case QUESTION_RANK:
		return sim_select_many(c, t);
	case QUESTION_INTEGER:
	case QUESTION_DECIMAL:
	case QUESTION_DATE:
		return sim_number(c, t);
	case QUESTION_TEXT:
		return sim_text(c, t);
	case QUESTION_ACKNOWLEDGE:
		if (t != 0)
			return -1;
		buf_add_str(&c->b, "OK");
		return 0;
	default:
		return -1;
	}
}
