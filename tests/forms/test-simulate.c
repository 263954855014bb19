/* test-simulate.c: tests for forms/simulate.c, simulate-value.c and
 * simulate-text.c: generated responses are valid (type, required,
 * constraint, relevance, rank max, choice_filter), reproducible, varied,
 * and a form that no response satisfies is named with its question. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "tests/forms/fixture.h"
#include "forms/simulate-private.h"

#define TODAY	"2025-03-31"
#define COUNT	1000

/* 1 if the name of n bytes at p is one of the choices shown for q. */
static int
shown(const struct answers *a, int q, const char *p, size_t n)
{
	const struct choice_list *l = form_question_list(a->form,
	    &a->form->questions[q]);
	int		*idx;
	size_t		 count, i;
	int		 found = 0;

	count = answers_choices(a, q, &idx);
	for (i = 0; i < count; i++) {
		if (strlen(l->choices[idx[i]].name) == n &&
		    memcmp(l->choices[idx[i]].name, p, n) == 0)
			found = 1;
	}
	free(idx);
	return found;
}

/* Everything a response must be, checked question by question. */
static void
check_response(struct answers *a, size_t n)
{
	const struct form	*f = a->form;
	const struct question	*qq;
	const char		*v, *p;
	enum answer_problem	 problem;
	size_t			 i, len, names;
	int			 bad;

	bad = answers_validate_all(a, &problem);
	cr_assert_eq(bad, -1, "response %zu: '%s' refused (problem %d)", n,
	    bad >= 0 ? f->questions[bad].name : "", problem);
	for (i = 0; i < f->nquestions; i++) {
		qq = &f->questions[i];
		v = answers_get(a, (int)i);
		if (!question_stores(qq) || *v == '\0')
			continue;
		cr_assert(answers_relevant(a, (int)i), "response %zu: '%s' "
		    "answered but not relevant", n, qq->name);
		if (!question_has_choices(qq))
			continue;
		names = 0;
		for (p = v; *p != '\0'; p += len, p += *p == ' ') {
			len = strcspn(p, " ");
			cr_assert(shown(a, (int)i, p, len), "response %zu: "
			    "'%s' has '%.*s', not shown", n, qq->name,
			    (int)len, p);
			names++;
		}
		if (qq->type == QUESTION_RANK)
			cr_assert_leq(names, (size_t)qq->rank_max,
			    "response %zu: '%s' ranks %zu", n, qq->name, names);
	}
}

/* Make count responses from seed; counts answered and empty per
 * question into filled and empty when not NULL. */
static void
simulate_many(const struct form *f, uint64_t seed, size_t count,
    size_t *filled, size_t *empty)
{
	struct simulate	*sim = simulate_create(f);
	struct prng	 r;
	struct answers	*a;
	char		*cause = NULL;
	size_t		 n, i;

	prng_init(&r, seed);
	for (n = 0; n < count; n++) {
		a = answers_create(f, prng_next(&r), TODAY);
		cr_assert_eq(simulate_answers(sim, a, &r, &cause), 0,
		    "response %zu: %s", n, cause != NULL ? cause : "");
		check_response(a, n);
		for (i = 0; filled != NULL && i < f->nquestions; i++) {
			if (*answers_get(a, (int)i) != '\0')
				filled[i]++;
			else if (answers_relevant(a, (int)i))
				empty[i]++;
		}
		answers_free(a);
	}
	simulate_free(sim);
}

struct form_case {
	char	 path[64];
};

static struct form_case form_cases[] = {
	{ "forms/imrf.csv" },
	{ "tests/data/forms/answers-logic.csv" },
	{ "tests/data/forms/answers-types.csv" },
	{ "tests/data/forms/simulate-constraints.csv" },
};

ParameterizedTestParameters(simulate, valid_responses)
{
	return cr_make_param_array(struct form_case, form_cases,
	    sizeof form_cases / sizeof form_cases[0]);
}

ParameterizedTest(struct form_case *c, simulate, valid_responses)
{
	struct form	*f = load(c->path);

	simulate_many(f, 1, COUNT, NULL, NULL);
	form_free(f);
}

ParameterizedTestParameters(simulate, every_question_answered)
{
	return cr_make_param_array(struct form_case, form_cases,
	    sizeof form_cases / sizeof form_cases[0]);
}

/* Every question of these forms can be reached and answered, and the
 * optional ones are left empty now and then, never always. */
ParameterizedTest(struct form_case *c, simulate, every_question_answered)
{
	struct form	*f = load(c->path);
	const struct question *qq;
	size_t		*filled, *empty, i;

	filled = xcalloc(f->nquestions, sizeof *filled);
	empty = xcalloc(f->nquestions, sizeof *empty);
	simulate_many(f, 2, COUNT, filled, empty);
	for (i = 0; i < f->nquestions; i++) {
		qq = &f->questions[i];
		if (!question_stores(qq) || qq->type == QUESTION_CALCULATE)
			continue;
		cr_assert_gt(filled[i], 0, "'%s' never answered", qq->name);
		if (qq->required == NULL)
			cr_assert_gt(empty[i], 0, "optional '%s' never left "
			    "empty", qq->name);
		else if (str_ieq(qq->required_src, "yes"))
			cr_assert_eq(empty[i], 0, "required '%s' left empty",
			    qq->name);
	}
	free(filled);
	free(empty);
	form_free(f);
}

/* The encodings of count responses from seed, one after the other. */
static void
encodings(const struct form *f, uint64_t seed, size_t count, struct buf *out)
{
	struct simulate	*sim = simulate_create(f);
	struct prng	 r;
	struct answers	*a;
	char		*cause = NULL;
	size_t		 n;

	prng_init(&r, seed);
	for (n = 0; n < count; n++) {
		a = answers_create(f, prng_next(&r), TODAY);
		cr_assert_eq(simulate_answers(sim, a, &r, &cause), 0, "%s",
		    cause != NULL ? cause : "");
		answers_encode(a, 1, (uint32_t)f->nquestions, out);
		answers_free(a);
	}
	simulate_free(sim);
}

Test(simulate, same_seed_same_responses)
{
	struct form	*f = load("forms/imrf.csv");
	struct buf	 one, two, other;

	buf_init(&one);
	buf_init(&two);
	buf_init(&other);
	encodings(f, 42, 200, &one);
	encodings(f, 42, 200, &two);
	encodings(f, 43, 200, &other);
	cr_assert_gt(one.len, 200 * 40);
	cr_assert_eq(one.len, two.len);
	cr_assert_eq(memcmp(one.data, two.data, one.len), 0);
	cr_assert(other.len != one.len ||
	    memcmp(one.data, other.data, one.len) != 0);
	buf_clear(&one);
	buf_clear(&two);
	buf_clear(&other);
	form_free(f);
}

Test(simulate, responses_differ)
{
	struct form	*f = load("forms/imrf.csv");
	struct simulate	*sim = simulate_create(f);
	struct prng	 r;
	struct answers	*a;
	struct buf	 first, b;
	char		*cause = NULL;
	size_t		 n, same = 0;

	buf_init(&first);
	buf_init(&b);
	prng_init(&r, 5);
	for (n = 0; n < 100; n++) {
		a = answers_create(f, 5, TODAY);
		cr_assert_eq(simulate_answers(sim, a, &r, &cause), 0);
		buf_clear(&b);
		answers_encode(a, 1, (uint32_t)f->nquestions, &b);
		if (n == 0)
			buf_add(&first, b.data, b.len);
		else if (b.len == first.len &&
		    memcmp(b.data, first.data, b.len) == 0)
			same++;
		answers_free(a);
	}
	cr_assert_eq(same, 0);
	buf_clear(&first);
	buf_clear(&b);
	simulate_free(sim);
	form_free(f);
}

/* A value of each constrained question, as the constraint wants it. */
Test(simulate, values_follow_constraints)
{
	struct form	*f;
	struct simulate	*sim;
	struct prng	 r;
	struct answers	*a;
	char		*cause = NULL;
	const char	*v;
	size_t		 n, essay_max = 0, boundary = 0;

	f = load("tests/data/forms/simulate-constraints.csv");
	sim = simulate_create(f);
	prng_init(&r, 9);
	for (n = 0; n < 300; n++) {
		a = answers_create(f, n, TODAY);
		cr_assert_eq(simulate_answers(sim, a, &r, &cause), 0);
		v = answers_get(a, q_of(f, "age"));
		cr_assert(atoi(v) >= 18 && atoi(v) <= 120, "age %s", v);
		boundary += strcmp(v, "18") == 0 || strcmp(v, "120") == 0;
		v = answers_get(a, q_of(f, "younger"));
		cr_assert_lt(atoi(v), atoi(answers_get(a, q_of(f, "age"))));
		v = answers_get(a, q_of(f, "future"));
		cr_assert(strcmp(v, TODAY) >= 0 && strcmp(v, "2100") < 0,
		    "%s", v);
		v = answers_get(a, q_of(f, "past"));
		cr_assert_lt(strcmp(v, "2025-03-02"), 0, "%s", v);
		v = answers_get(a, q_of(f, "postcode"));
		cr_assert(strlen(v) == 5 && strspn(v, "0123456789") == 5,
		    "%s", v);
		v = answers_get(a, q_of(f, "share"));
		cr_assert(strtod(v, NULL) >= 0.5 && strtod(v, NULL) <= 0.75,
		    "share %s", v);
		v = answers_get(a, q_of(f, "even"));
		cr_assert(atoi(v) % 2 == 0 && atoi(v) != 0, "even %s", v);
		v = answers_get(a, q_of(f, "short"));
		cr_assert(strlen(v) >= 3 && strlen(v) <= 5 * 4, "short %s", v);
		v = answers_get(a, q_of(f, "two"));
		cr_assert(strchr(v, ' ') != NULL &&
		    strchr(v, ' ') == strrchr(v, ' '), "two %s", v);
		v = answers_get(a, q_of(f, "some"));
		cr_assert(strstr(v, "red") == NULL, "some %s", v);
		v = answers_get(a, q_of(f, "warm"));
		cr_assert(*v != '\0' && strcmp(v, "blue") != 0, "warm %s", v);
		v = answers_get(a, q_of(f, "code"));
		cr_assert(strcmp(v, "alpha") == 0 || strcmp(v, "beta") == 0);
		v = answers_get(a, q_of(f, "essay"));
		if (strlen(v) > essay_max)
			essay_max = strlen(v);
		v = answers_get(a, q_of(f, "early"));
		if (strcmp(answers_get(a, q_of(f, "gate")), "yes") == 0)
			cr_assert_str_not_empty(v);
		else
			cr_assert_str_empty(v);
		cr_assert_str_eq(answers_get(a, q_of(f, "ack")), "OK");
		answers_free(a);
	}
	cr_assert_geq(essay_max, 300);
	cr_assert_gt(boundary, 0, "never on a boundary");
	simulate_free(sim);
	form_free(f);
}

/* answers-logic.csv: years (required of members) must be under age,
 * which is optional: when age was left empty, simulate goes back to
 * answer it. */
Test(simulate, goes_back_to_what_a_constraint_reads)
{
	struct form	*f = load("tests/data/forms/answers-logic.csv");
	struct simulate	*sim = simulate_create(f);
	struct prng	 r;
	struct answers	*a;
	char		*cause = NULL;
	const char	*years, *age;
	size_t		 n, with_years = 0;

	prng_init(&r, 11);
	for (n = 0; n < 300; n++) {
		a = answers_create(f, n, TODAY);
		cr_assert_eq(simulate_answers(sim, a, &r, &cause), 0, "%s",
		    cause != NULL ? cause : "");
		years = answers_get(a, q_of(f, "years"));
		age = answers_get(a, q_of(f, "age"));
		if (strcmp(answers_get(a, q_of(f, "member")), "yes") == 0)
			cr_assert_str_not_empty(years);
		if (*years != '\0') {
			cr_assert_str_not_empty(age);
			cr_assert_lt(atoi(years), atoi(age));
			with_years++;
		}
		answers_free(a);
	}
	cr_assert_gt(with_years, 50);
	simulate_free(sim);
	form_free(f);
}

/* An integer bound far beyond 2^63 (found by fuzzing: the span of the
 * interval overflowed its conversion to an integer). */
Test(simulate, integer_bounds_beyond_64_bits)
{
	const char	*csv = "survey,type,name,label,required,constraint\n"
	    ",integer,n,N,yes,. >= 18 and . <= "
	    "1111111111111111111111111111111111111111111111111111111111111\n";
	struct form	*f;
	struct simulate	*sim;
	struct prng	 r;
	struct answers	*a;
	char		*cause = NULL;
	size_t		 n;

	f = form_parse_buffer("big.csv", csv, strlen(csv), &cause);
	cr_assert_not_null(f, "%s", cause);
	sim = simulate_create(f);
	prng_init(&r, 5);
	for (n = 0; n < 200; n++) {
		a = answers_create(f, n, TODAY);
		cr_assert_eq(simulate_answers(sim, a, &r, &cause), 0, "%s",
		    cause != NULL ? cause : "");
		check_response(a, n);
		cr_assert_geq(strtod(answers_get(a, 0), NULL), 18);
		answers_free(a);
	}
	simulate_free(sim);
	form_free(f);
}

struct fail_case {
	char	 path[64];
	char	 message[160];
};

static struct fail_case fail_cases[] = {
	{ "tests/data/forms/simulate-impossible.csv",
	  "simulate-impossible.csv:4: cannot simulate 'never': none of 39 "
	  "values tried passes its constraint '. > 5 and . < 3'" },
	{ "tests/data/forms/simulate-nochoice.csv",
	  "simulate-nochoice.csv:4: cannot simulate 'empty': it is required "
	  "but its choice_filter leaves no choice" },
};

ParameterizedTestParameters(simulate, impossible_form_named)
{
	return cr_make_param_array(struct fail_case, fail_cases,
	    sizeof fail_cases / sizeof fail_cases[0]);
}

ParameterizedTest(struct fail_case *c, simulate, impossible_form_named)
{
	struct form	*f = load(c->path);
	struct simulate	*sim = simulate_create(f);
	struct prng	 r;
	struct answers	*a = answers_create(f, 1, TODAY);
	char		*cause = NULL, *want;

	prng_init(&r, 1);
	cr_assert_eq(simulate_answers(sim, a, &r, &cause), -1);
	cr_assert_not_null(cause);
	xasprintf(&want, "%s/%s", TOP_SRCDIR, c->path);
	want[strlen(want) - strlen(strrchr(c->path, '/') + 1)] = '\0';
	cr_assert_eq(strncmp(cause, want, strlen(want)), 0, "%s", cause);
	cr_assert_str_eq(cause + strlen(want), c->message);
	free(want);
	free(cause);
	answers_free(a);
	simulate_free(sim);
	form_free(f);
}

struct regex_case {
	char	 pattern[64];
};

static struct regex_case regex_cases[] = {
	{ "^[^@ ]+@[^@ ]+[.][^@ ]+$" },
	{ "^[0-9]{5}$" },
	{ "^(yes|no|maybe)$" },
	{ "^[A-Z][a-z]+( [A-Z][a-z]+)*$" },
	{ "^[+]?[0-9]{6,12}$" },
	{ "^[[:alpha:]]{3}-[[:digit:]]{2,}$" },
	{ "^a.c\\.d$" },
	{ "^((ab|cd){2,3}x?)+$" },
	{ "^[]a-]+[^]a-z0-9]$" },
	{ "^é+(ñ|ü)?$" },
	{ "colou?r" },
};

ParameterizedTestParameters(simulate, regex_matches)
{
	return cr_make_param_array(struct regex_case, regex_cases,
	    sizeof regex_cases / sizeof regex_cases[0]);
}

ParameterizedTest(struct regex_case *c, simulate, regex_matches)
{
	regex_t		 re;
	struct prng	 r;
	struct buf	 b;
	int		 n;

	/* As consult runs: patterns and matches in UTF-8. */
	cr_assert_not_null(setlocale(LC_CTYPE, "C.UTF-8"));
	cr_assert_eq(regcomp(&re, c->pattern, REG_EXTENDED | REG_NOSUB), 0);
	prng_init(&r, 3);
	buf_init(&b);
	for (n = 0; n < 200; n++) {
		buf_clear(&b);
		cr_assert_eq(sim_regex(&r, c->pattern, &b), 0, "%s",
		    c->pattern);
		cr_assert_eq(regexec(&re, buf_str(&b), 0, NULL, 0), 0,
		    "'%s' does not match %s", buf_str(&b), c->pattern);
	}
	buf_clear(&b);
	regfree(&re);
}

Test(simulate, regex_unsupported_or_malformed)
{
	struct prng	 r;
	struct buf	 b;

	prng_init(&r, 3);
	buf_init(&b);
	cr_assert_eq(sim_regex(&r, "\\bword", &b), -1);
	cr_assert_eq(sim_regex(&r, "(ab", &b), -1);
	cr_assert_eq(sim_regex(&r, "[ab", &b), -1);
	cr_assert_eq(sim_regex(&r, "a{3,1}", &b), -1);
	cr_assert_eq(sim_regex(&r, "[^[:print:][:space:]]", &b), 0);
	buf_clear(&b);
}

Test(simulate, words_have_the_length_asked)
{
	struct prng	 r;
	struct buf	 b;
	size_t		 length, chars;
	const char	*s;

	prng_init(&r, 4);
	buf_init(&b);
	for (length = 1; length < 400; length++) {
		buf_clear(&b);
		sim_words(&r, length, length % 2, &b);
		s = buf_str(&b);
		for (chars = 0; *s != '\0'; s++)
			chars += (*s & 0xc0) != 0x80;
		cr_assert_eq(chars, length, "'%s'", buf_str(&b));
		s = buf_str(&b);
		cr_assert(utf8_valid(s, b.len, NULL));
		cr_assert(s[0] != ' ' && s[b.len - 1] != ' ' &&
		    s[b.len - 1] != '\n', "'%s'", s);
		cr_assert(length % 2 == 1 || strchr(s, '\n') == NULL);
	}
	buf_clear(&b);
}

Test(simulate, dates_round_trip)
{
	long	 days, back;
	int	 y, m, d;
	char	 s[16];

	for (days = -719162; days < 2932897; days += 97) {
		sim_civil(days, &y, &m, &d);
		snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
		cr_assert_eq(sim_date_days(s, &back), 0, "%s", s);
		cr_assert_eq(back, days, "%s", s);
	}
	cr_assert_eq(sim_date_days("1970-01-01", &days), 0);
	cr_assert_eq(days, 0);
	cr_assert_eq(sim_date_days("2024-02-29", &days), 0);
	cr_assert_eq(sim_date_days("2023-02-29", &days), -1);
	cr_assert_eq(sim_date_days("0000-01-01", &days), -1);
	sim_civil(-1000000000L, &y, &m, &d);
	cr_assert(y == 1 && m == 1 && d == 1);
	sim_civil(1000000000L, &y, &m, &d);
	cr_assert(y == 9999 && m == 12 && d == 31);
}
