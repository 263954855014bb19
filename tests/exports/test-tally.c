/* test-tally.c: tests for exports/tally.c. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/exports/fixture.h"

/* The fixture's list "needs" in form order. */
enum { HEALTH, SCHOOLS, ROADS, WATER };

static struct tally *
tally_fixture(const struct form *f, int by, int flags)
{
	struct tally	*t;
	struct answers	*a;
	const char	*id, *day;
	char		*cause = NULL;
	size_t		 i;

	t = tally_create(f, by, flags, &cause);
	cr_assert_not_null(t, "%s", cause);
	for (i = 0; i < FIXTURE_RESPONSES; i++) {
		a = fixture_answers(f, i, &id, &day);
		tally_add(t, a);
		answers_free(a);
	}
	return t;
}

/* Borda with partial ranks: m = 4 choices, max = 3, unranked 0. */
Test(tally, scores_borda_with_partial_ranks)
{
	struct form	*f = fixture_form();
	struct tally	*t = tally_fixture(f, -1, 0);
	int		 q = form_find_question(f, "prio");
	uint64_t	 borda[4], standing[4];

	tally_borda(t, 0, q, borda);
	/* water: 4 + 3 + 4; roads: 3 + 4; schools: 2 + 3; health: 4 + 2 */
	cr_assert_eq(borda[WATER], 11);
	cr_assert_eq(borda[ROADS], 7);
	cr_assert_eq(borda[SCHOOLS], 5);
	cr_assert_eq(borda[HEALTH], 6);
	stats_standing(borda, 4, standing);
	cr_assert_eq(standing[WATER], 1);
	cr_assert_eq(standing[ROADS], 2);
	cr_assert_eq(standing[HEALTH], 3);
	cr_assert_eq(standing[SCHOOLS], 4);
	cr_assert_eq(tally_cell(t, 0, q)->first[WATER], 2);
	cr_assert_eq(tally_cell(t, 0, q)->position_sum[WATER], 4);
	cr_assert_null(tally_cell(t, 0, q)->pref);
	tally_free(t);
	form_free(f);
}

Test(tally, counts_pairwise_preferences)
{
	struct form	*f = fixture_form();
	struct tally	*t = tally_fixture(f, -1, TALLY_PAIRWISE);
	int		 q = form_find_question(f, "prio");
	const uint64_t	*p = tally_cell(t, 0, q)->pref;

	cr_assert_not_null(p);
	cr_assert_eq(p[WATER * 4 + ROADS], 2);
	cr_assert_eq(p[ROADS * 4 + WATER], 1);
	cr_assert_eq(p[WATER * 4 + SCHOOLS], 3);
	cr_assert_eq(p[SCHOOLS * 4 + WATER], 0);
	/* r3 ranked only health: health beats the three unranked. */
	cr_assert_eq(p[HEALTH * 4 + WATER], 1);
	cr_assert_eq(p[ROADS * 4 + HEALTH], 2);
	cr_assert_eq(p[HEALTH * 4 + ROADS], 2);
	cr_assert_eq(p[HEALTH * 4 + HEALTH], 0);
	tally_free(t);
	form_free(f);
}

Test(tally, groups_by_a_select_one)
{
	struct form	*f = fixture_form();
	int		 by = form_find_question(f, "region");
	struct tally	*t = tally_fixture(f, by, 0);
	int		 age = form_find_question(f, "age");

	cr_assert_eq(t->ngroups, 3);
	cr_assert_str_eq(tally_group_name(t, 0), "north");
	cr_assert_str_eq(tally_group_name(t, 1), "south");
	cr_assert_str_eq(tally_group_name(t, 2), "(none)");
	cr_assert_eq(t->group_responses[0], 2);
	cr_assert_eq(t->group_responses[1], 2);
	cr_assert_eq(t->group_responses[2], 1);
	cr_assert(tally_group_shown(t, 2));
	cr_assert_eq(tally_cell(t, 0, age)->answered, 2);
	cr_assert_eq(tally_cell(t, 2, age)->answered, 1);
	tally_free(t);
	form_free(f);
}

/* "(none)" appears only where some response left the question empty. */
Test(tally, hides_an_empty_none_group)
{
	struct form	*f = fixture_form();
	int		 by = form_find_question(f, "consent");
	int		 region = form_find_question(f, "region");
	struct tally	*t;
	struct answers	*a;
	char		*cause = NULL;

	cr_assert_null(tally_create(f, by, 0, &cause));
	cr_assert_str_eq(cause, "cannot group by 'consent': not a select_one "
	    "question");
	free(cause);
	t = tally_create(f, region, 0, &cause);
	a = answers_create(f, 1, "2024-01-01");
	answers_set(a, region, "south");
	tally_add(t, a);
	cr_assert(tally_group_shown(t, 0));
	cr_assert(tally_group_shown(t, 1));
	cr_assert(!tally_group_shown(t, 2));
	answers_set(a, region, NULL);
	tally_add(t, a);
	cr_assert(tally_group_shown(t, 2));
	answers_free(a);
	tally_free(t);
	form_free(f);
}

/* Names outside the list and repeated names count once or not at all;
 * the answer itself still counts as answered. */
Test(tally, ignores_unknown_and_repeated_names)
{
	struct form	*f = fixture_form();
	int		 prio = form_find_question(f, "prio");
	int		 topics = form_find_question(f, "topics");
	int		 region = form_find_question(f, "region");
	struct tally	*t;
	struct answers	*a;
	struct tally_cell *c;
	char		*cause = NULL;

	t = tally_create(f, -1, TALLY_PAIRWISE, &cause);
	a = answers_create(f, 1, "2024-01-01");
	answers_set(a, prio, "water water bogus  roads");
	answers_set(a, topics, "roads roads");
	answers_set(a, region, "east");
	tally_add(t, a);
	c = tally_cell(t, 0, prio);
	cr_assert_eq(c->answered, 1);
	cr_assert_eq(c->count[WATER], 1);
	cr_assert_eq(c->position_sum[WATER], 1);
	cr_assert_eq(c->count[ROADS], 1);
	cr_assert_eq(c->position_sum[ROADS], 2);
	cr_assert_eq(c->pref[WATER * 4 + ROADS], 1);
	cr_assert_eq(c->pref[ROADS * 4 + WATER], 0);
	cr_assert_eq(tally_cell(t, 0, topics)->count[1], 1);
	cr_assert_eq(tally_cell(t, 0, region)->answered, 1);
	cr_assert_eq(tally_cell(t, 0, region)->count[0], 0);
	cr_assert_eq(tally_cell(t, 0, region)->count[1], 0);
	answers_free(a);
	tally_free(t);
	form_free(f);
}

Test(tally, computes_scale_numbers_from_choice_counts)
{
	struct form		*f = fixture_form();
	struct tally		*t = tally_fixture(f, -1, 0);
	struct stats_numbers	 n;

	tally_numbers(t, 0, form_find_question(f, "agree"), &n);
	cr_assert_str_eq(n.mean, "3.75");
	cr_assert_str_eq(n.median, "4.00");
	cr_assert_str_eq(n.min, "2");
	cr_assert_str_eq(n.max, "5");
	tally_numbers(t, 0, form_find_question(f, "region"), &n);
	cr_assert_str_eq(n.mean, "");
	cr_assert_str_eq(n.max, "");
	tally_numbers(t, 0, form_find_question(f, "when"), &n);
	cr_assert_str_eq(n.mean, "");
	cr_assert_str_eq(n.min, "2024-01-31");
	cr_assert_str_eq(n.max, "2024-03-10");
	tally_free(t);
	form_free(f);
}

/* Memory follows the form and the distinct values, not the responses. */
Test(tally, keeps_memory_bounded)
{
	struct form	*f = fixture_form();
	int		 age = form_find_question(f, "age");
	int		 amount = form_find_question(f, "amount");
	struct tally	*t;
	struct answers	*a;
	char		*cause = NULL, v[16];
	int		 i;

	t = tally_create(f, -1, 0, &cause);
	a = answers_create(f, 1, "2024-01-01");
	for (i = 0; i < 200000; i++) {
		snprintf(v, sizeof v, "%d", i % 100);
		answers_set(a, age, v);
		answers_set(a, amount, i % 2 ? "0.5" : "1.50");
		tally_add(t, a);
	}
	cr_assert_eq(t->responses, 200000);
	cr_assert_eq(tally_cell(t, 0, age)->hist.n, 100);
	cr_assert_leq(tally_cell(t, 0, age)->hist.nslots, 256);
	cr_assert_eq(tally_cell(t, 0, amount)->hist.n, 2);
	cr_assert_eq(tally_cell(t, 0, amount)->answered, 200000);
	answers_free(a);
	tally_free(t);
	form_free(f);
}

/* Random rankings of prio (some with repeated or unknown names): the
 * counts, first places, positions and pairwise preferences are those
 * of their definitions, computed here choice by choice. */
Test(tally, rankings_count_as_defined)
{
	static const char *const names[] = { "health", "schools", "roads",
	    "water", "bogus" };
	struct form	*f = fixture_form();
	int		 prio = form_find_question(f, "prio");
	struct tally	*t;
	struct tally_cell *c;
	struct answers	*a;
	struct prng	 r;
	struct buf	 v;
	char		*cause = NULL;
	uint64_t	 pref[16] = { 0 }, count[4] = { 0 }, first[4] = { 0 };
	uint64_t	 sum[4] = { 0 };
	uint32_t	 pos[4], n, k, x, y;
	int		 i;

	t = tally_create(f, -1, TALLY_PAIRWISE, &cause);
	a = answers_create(f, 1, "2024-01-01");
	prng_init(&r, 11);
	for (i = 0; i < 500; i++) {
		memset(pos, 0, sizeof pos);
		buf_init(&v);
		for (n = 0, k = prng_uniform(&r, 6); k > 0; k--) {
			x = prng_uniform(&r, 5);
			buf_printf(&v, "%s%s", v.len != 0 ? " " : "", names[x]);
			if (x < 4 && pos[x] == 0)
				pos[x] = ++n;
		}
		answers_set(a, prio, v.len != 0 ? buf_str(&v) : NULL);
		buf_clear(&v);
		tally_add(t, a);
		for (x = 0; x < 4; x++) {
			count[x] += pos[x] != 0;
			first[x] += pos[x] == 1;
			sum[x] += pos[x];
			for (y = 0; y < 4; y++)
				pref[x * 4 + y] += x != y && pos[x] != 0 &&
				    (pos[y] == 0 || pos[x] < pos[y]);
		}
	}
	c = tally_cell(t, 0, prio);
	for (x = 0; x < 4; x++) {
		cr_assert_eq(c->count[x], count[x], "count %s", names[x]);
		cr_assert_eq(c->first[x], first[x], "first %s", names[x]);
		cr_assert_eq(c->position_sum[x], sum[x]);
		for (y = 0; y < 4; y++)
			cr_assert_eq(c->pref[x * 4 + y], pref[x * 4 + y],
			    "%s over %s", names[x], names[y]);
	}
	cr_assert_gt(pref[0 * 4 + 3], 50);
	answers_free(a);
	tally_free(t);
	form_free(f);
}

/* The marks that say which choices an answer named come round once
 * every 2^32 answers: counting across that point changes nothing, even
 * with marks left long ago equal to each stamp that follows it. */
Test(tally, counts_across_the_mark_wrapping_round)
{
	struct form	*f = fixture_form();
	struct tally	*t = tally_fixture(f, -1, TALLY_PAIRWISE), *w;
	const struct tally_cell *c, *d;
	struct answers	*a;
	const char	*id, *day;
	char		*cause = NULL;
	size_t		 i, q, k, m, most = 1;
	uint32_t	 old;

	for (k = 0; k < f->nlists; k++) {
		if (f->lists[k].nchoices + 1 > most)
			most = f->lists[k].nchoices + 1;
	}
	for (old = 1; old <= 8; old++) {
		w = tally_create(f, -1, TALLY_PAIRWISE, &cause);
		w->stamp = UINT32_MAX - 3;
		for (k = 0; k < most; k++)
			w->scratch[k] = old;
		for (i = 0; i < FIXTURE_RESPONSES; i++) {
			a = fixture_answers(f, i, &id, &day);
			tally_add(w, a);
			answers_free(a);
		}
		cr_assert_gt(w->stamp, 8);
		cr_assert_lt(w->stamp, 100);
		for (q = 0; q < f->nquestions; q++) {
			c = tally_cell(t, 0, (int)q);
			d = tally_cell(w, 0, (int)q);
			cr_assert_eq(c->answered, d->answered);
			if (c->count == NULL)
				continue;
			m = form_question_list(f, &f->questions[q])->nchoices;
			for (k = 0; k < m; k++)
				cr_assert_eq(c->count[k], d->count[k],
				    "%s %zu", f->questions[q].name, k);
			for (k = 0; c->pref != NULL && k < m * m; k++)
				cr_assert_eq(c->pref[k], d->pref[k]);
		}
		tally_free(w);
	}
	tally_free(t);
	form_free(f);
}

/* Whether two tallies of the same form hold the same counts. */
static void
assert_same_tally(const struct tally *t, const struct tally *u)
{
	const struct form	*f = t->form;
	const struct tally_cell	*c, *d;
	size_t			 g, q, k, m;

	cr_assert_eq(t->responses, u->responses);
	for (g = 0; g < t->ngroups; g++) {
		cr_assert_eq(t->group_responses[g], u->group_responses[g]);
		for (q = 0; q < f->nquestions; q++) {
			c = tally_cell(t, g, (int)q);
			d = tally_cell(u, g, (int)q);
			cr_assert_eq(c->answered, d->answered);
			if (c->count == NULL)
				continue;
			m = form_question_list(f, &f->questions[q])->nchoices;
			for (k = 0; k < m; k++) {
				cr_assert_eq(c->count[k], d->count[k],
				    "%s %zu", f->questions[q].name, k);
				if (c->first == NULL)
					continue;
				cr_assert_eq(c->first[k], d->first[k]);
				cr_assert_eq(c->position_sum[k],
				    d->position_sum[k]);
			}
			for (k = 0; c->pref != NULL && k < m * m; k++)
				cr_assert_eq(c->pref[k], d->pref[k]);
		}
	}
}

/* Decoded responses bring the choice indices the decoder found
 * (answers_picks); the tally counts those as it counts the names it
 * looks up itself: 300 simulated responses of the bundled consultation,
 * grouped by region, with pairwise preferences. */
Test(tally, counts_decoded_choices_as_their_names, .timeout = 60)
{
	struct form	*f;
	struct simulate	*sim;
	struct answers	*a, *into;
	struct tally	*t, *u;
	struct prng	 r;
	struct buf	 b;
	char		*cause = NULL;
	int		 complete, by;
	uint32_t	 position;
	size_t		 i, q, picked = 0;
	const uint32_t	*idx;

	f = form_parse_file(TOP_SRCDIR "/forms/imrf.csv", &complete, &cause);
	cr_assert_not_null(f, "%s", cause);
	by = form_find_question(f, "region");
	cr_assert_geq(by, 0);
	t = tally_create(f, by, TALLY_PAIRWISE, &cause);
	u = tally_create(f, by, TALLY_PAIRWISE, &cause);
	cr_assert(t != NULL && u != NULL);
	sim = simulate_create(f);
	into = answers_create(f, 0, "2024-01-01");
	prng_init(&r, 5);
	for (i = 0; i < 300; i++) {
		a = answers_create(f, prng_next(&r), "2024-01-01");
		cr_assert_eq(simulate_answers(sim, a, &r, &cause), 0, "%s",
		    cause);
		buf_init(&b);
		answers_encode(a, 1, 0, &b);
		answers_free(a);
		cr_assert_eq(answers_decode_into(into, b.data, b.len,
		    &complete, &position, &cause), 0, "%s", cause);
		buf_clear(&b);
		tally_add(t, into);
		/* The same answers with the picks forgotten: names. */
		for (q = 0; q < f->nquestions; q++) {
			picked += answers_picks(into, (int)q, &idx) != 0;
			into->npicks[q] = 0;
		}
		tally_add(u, into);
	}
	cr_assert_gt(picked, 300 * 5);
	assert_same_tally(t, u);
	answers_free(into);
	simulate_free(sim);
	tally_free(t);
	tally_free(u);
	form_free(f);
}
