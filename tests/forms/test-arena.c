/* test-arena.c: tests for answers_decode_into and answers_reset
 * (forms/encode.c, forms/answers.c): decoding response after response
 * into one struct answers gives what a fresh decode gives, nothing of
 * one response is left in the next, a failure leaves no answer, values
 * set afterwards mix with decoded ones, and what is reset is wiped; the
 * choice indices found while decoding (answers_picks) are the answer's
 * names in order. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "forms/form-private.h"
#include "tests/forms/fixture.h"

#define TODAY	"2025-03-31"
#define COUNT	400

/* COUNT encoded simulated responses of f, the i-th complete when i is
 * even and a draft positioned at i % nquestions otherwise. */
static struct buf *
responses(const struct form *f)
{
	struct simulate	*sim = simulate_create(f);
	struct answers	*a;
	struct prng	 r;
	struct buf	*out;
	char		*cause = NULL;
	size_t		 i;

	out = xcalloc(COUNT, sizeof *out);
	prng_init(&r, 7);
	for (i = 0; i < COUNT; i++) {
		a = answers_create(f, prng_next(&r), TODAY);
		cr_assert_eq(simulate_answers(sim, a, &r, &cause), 0, "%s",
		    cause);
		buf_init(&out[i]);
		answers_encode(a, i % 2 == 0, (uint32_t)(i % 2 == 0 ? 0 :
		    i % f->nquestions), &out[i]);
		answers_free(a);
	}
	simulate_free(sim);
	return out;
}

static void
responses_free(struct buf *b)
{
	size_t	 i;

	for (i = 0; i < COUNT; i++)
		buf_clear(&b[i]);
	free(b);
}

static void
assert_same(const struct answers *a, const struct answers *b)
{
	size_t	 i;

	cr_assert_eq(a->seed, b->seed);
	for (i = 0; i < a->form->nquestions; i++) {
		cr_assert_str_eq(answers_get(a, (int)i), answers_get(b, (int)i),
		    "question %s", a->form->questions[i].name);
		cr_assert_eq(a->values[i] == NULL, b->values[i] == NULL);
	}
}

/* The picks of each choice answer of a name the names of its value in
 * order; every choice answer has them (the form's names are ASCII). */
static void
assert_picks(const struct answers *a)
{
	const struct form	*f = a->form;
	const uint32_t		*idx;
	const char		*v, *e;
	size_t			 n, k;
	int			 q;

	for (q = 0; q < (int)f->nquestions; q++) {
		n = answers_picks(a, q, &idx);
		v = answers_get(a, q);
		if (!question_has_choices(&f->questions[q]) || *v == '\0') {
			cr_assert_eq(n, 0, "%s", f->questions[q].name);
			continue;
		}
		cr_assert_gt(n, 0, "%s", f->questions[q].name);
		for (k = 0; k < n; k++, v = *e == ' ' ? e + 1 : e) {
			e = v + strcspn(v, " ");
			cr_assert_eq(choice_list_find(form_question_list(f,
			    &f->questions[q]), v, (size_t)(e - v)),
			    (int)idx[k], "%s: pick %zu", f->questions[q].name,
			    k);
		}
		cr_assert_eq(*v, '\0', "%s: names left: %s",
		    f->questions[q].name, v);
	}
}

Test(arena, responses_in_turn_decode_as_fresh_ones, .timeout = 120)
{
	struct form	*f = load("forms/imrf.csv");
	struct buf	*b = responses(f);
	struct answers	*into, *fresh;
	char		*cause = NULL;
	int		 c1, c2;
	uint32_t	 p1, p2;
	size_t		 i, pass, size = 0, grew = 0;

	into = answers_create(f, 99, TODAY);
	/* Twice over: the arena grows during the first pass only. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < COUNT; i++) {
			cr_assert_eq(answers_decode_into(into, b[i].data,
			    b[i].len, &c1, &p1, &cause), 0, "%zu: %s", i,
			    cause);
			fresh = answers_decode(f, b[i].data, b[i].len, &c2, &p2,
			    &cause);
			cr_assert_not_null(fresh, "%s", cause);
			cr_assert_eq(c1, c2);
			cr_assert_eq(p1, p2);
			cr_assert_eq(c1, i % 2 == 0);
			assert_same(into, fresh);
			assert_picks(into);
			assert_picks(fresh);
			cr_assert_leq(into->arena_used, into->arena_size);
			cr_assert_leq(into->picks_used, into->picks_size);
			/* A byte of input, a byte of text or a choice's
			 * name and a space. */
			cr_assert_leq(into->arena_used, b[i].len *
			    (answers_name_max(into) + 1));
			if (into->arena_size != size) {
				cr_assert_eq(pass, 0, "grew again at %zu", i);
				size = into->arena_size;
				grew++;
			}
			answers_free(fresh);
		}
	}
	cr_assert_geq(grew, 1);
	cr_assert_eq(into->heap, 0);
	answers_free(into);
	responses_free(b);
	form_free(f);
}

/* The encoding of a response of answers-types.csv with these answers. */
static void
encode(const struct form *f, const char *const *qv, size_t n,
    struct buf *out)
{
	struct answers	*a = answers_create(f, 5, TODAY);
	size_t		 i;

	for (i = 0; i < n; i += 2)
		answers_set(a, q_of(f, qv[i]), qv[i + 1]);
	buf_init(out);
	answers_encode(a, 1, 0, out);
	answers_free(a);
}

Test(arena, nothing_of_a_response_is_left_in_the_next)
{
	struct form		*f = load("tests/data/forms/answers-types.csv");
	const char *const	 big[] = { "n", "42", "t", "a long line of "
	    "text that fills the arena", "many", "red blue", "level", "3" };
	const char *const	 small[] = { "x", "2.5" };
	struct answers		*a = answers_create(f, 0, TODAY);
	struct buf		 b1, b2;
	char			*cause = NULL;
	int			 c;
	uint32_t		 p;

	encode(f, big, 8, &b1);
	encode(f, small, 2, &b2);
	cr_assert_eq(answers_decode_into(a, b1.data, b1.len, &c, &p, &cause),
	    0, "%s", cause);
	cr_assert_str_eq(answers_get(a, q_of(f, "many")), "red blue");
	cr_assert_eq(answers_decode_into(a, b2.data, b2.len, &c, &p, &cause),
	    0, "%s", cause);
	cr_assert_str_eq(answers_get(a, q_of(f, "x")), "2.5");
	cr_assert_str_eq(answers_get(a, q_of(f, "n")), "");
	cr_assert_str_eq(answers_get(a, q_of(f, "t")), "");
	cr_assert_str_eq(answers_get(a, q_of(f, "many")), "");
	cr_assert_str_eq(answers_get(a, q_of(f, "level")), "");
	/* "2.5" and the calculate ("/": concat of no n, '/' and no t). */
	cr_assert_str_eq(answers_get(a, q_of(f, "calc")), "/");
	cr_assert_eq(a->arena_used, 4 + 2);
	buf_clear(&b1);
	buf_clear(&b2);
	answers_free(a);
	form_free(f);
}

Test(arena, a_failed_decode_leaves_no_answer)
{
	struct form		*f = load("tests/data/forms/answers-types.csv");
	const char *const	 qv[] = { "n", "42", "t", "some text" };
	struct answers		*a = answers_create(f, 0, TODAY);
	struct buf		 b;
	char			*cause = NULL;
	int			 c;
	uint32_t		 p;
	size_t			 i;
	unsigned char		*t;

	encode(f, qv, 4, &b);
	cr_assert_eq(answers_decode_into(a, b.data, b.len, &c, &p, &cause),
	    0, "%s", cause);
	/* The text's last byte becomes a control character: the integer
	 * before it is decoded, then the text is refused. */
	t = memmem(b.data, b.len, "some text", 9);
	cr_assert_not_null(t);
	t[8] = 0x01;
	cr_assert_eq(answers_decode_into(a, b.data, b.len, &c, &p, &cause),
	    -1);
	cr_assert_str_eq(cause, "the answer to 't' (text) is text with "
	    "characters not allowed");
	free(cause);
	for (i = 0; i < f->nquestions; i++)
		cr_assert_null(a->values[i], "%s", f->questions[i].name);
	cr_assert_eq(a->arena_used, 0);
	t[8] = 't';
	cr_assert_eq(answers_decode_into(a, b.data, b.len, &c, &p, &cause),
	    0, "%s", cause);
	cr_assert_str_eq(answers_get(a, q_of(f, "t")), "some text");
	cr_assert_eq(answers_decode_into(a, "", 0, &c, &p, &cause), -1);
	cr_assert_str_eq(cause, "empty response");
	free(cause);
	cr_assert_str_eq(answers_get(a, q_of(f, "t")), "");
	buf_clear(&b);
	answers_free(a);
	form_free(f);
}

Test(arena, values_set_after_decoding_mix_with_decoded_ones)
{
	struct form		*f = load("tests/data/forms/answers-types.csv");
	const char *const	 qv[] = { "n", "42", "t", "some text",
	    "one", "red" };
	struct answers		*a = answers_create(f, 0, TODAY);
	struct buf		 b, again;
	char			*cause = NULL;
	int			 c;
	uint32_t		 p;

	encode(f, qv, 6, &b);
	cr_assert_eq(answers_decode_into(a, b.data, b.len, &c, &p, &cause),
	    0, "%s", cause);
	answers_set(a, q_of(f, "t"), "other text");
	answers_set(a, q_of(f, "one"), NULL);
	cr_assert_eq(a->heap, 1);
	cr_assert_str_eq(answers_get(a, q_of(f, "n")), "42");
	cr_assert_str_eq(answers_get(a, q_of(f, "t")), "other text");
	cr_assert_str_eq(answers_get(a, q_of(f, "one")), "");
	/* The heap value is freed (the sanitizers would see a leak) and
	 * the response decodes again whole. */
	cr_assert_eq(answers_decode_into(a, b.data, b.len, &c, &p, &cause),
	    0, "%s", cause);
	cr_assert_eq(a->heap, 0);
	cr_assert_str_eq(answers_get(a, q_of(f, "t")), "some text");
	cr_assert_str_eq(answers_get(a, q_of(f, "one")), "red");
	answers_set(a, q_of(f, "d"), "2024-02-29");
	buf_init(&again);
	answers_encode(a, 1, 0, &again);
	cr_assert_gt(again.len, b.len);
	buf_clear(&again);
	buf_clear(&b);
	answers_free(a);
	form_free(f);
}

Test(arena, reset_wipes_the_arena)
{
	struct form		*f = load("tests/data/forms/answers-types.csv");
	const char *const	 qv[] = { "n", "42", "t", "a secret" };
	struct answers		*a = answers_create(f, 0, TODAY);
	struct buf		 b;
	char			*cause = NULL;
	int			 c;
	uint32_t		 p;
	size_t			 i, used;

	encode(f, qv, 4, &b);
	cr_assert_eq(answers_decode_into(a, b.data, b.len, &c, &p, &cause),
	    0, "%s", cause);
	used = a->arena_used;
	cr_assert_str_eq(answers_get(a, q_of(f, "calc")), "42/a secret");
	cr_assert_eq(used, strlen("42") + 1 + strlen("a secret") + 1 +
	    strlen("42/a secret") + 1);
	cr_assert_not_null(memmem(a->arena, used, "a secret", 8));
	answers_reset(a);
	cr_assert_eq(a->arena_used, 0);
	for (i = 0; i < used; i++)
		cr_assert_eq(a->arena[i], '\0', "byte %zu left", i);
	for (i = 0; i < f->nquestions; i++)
		cr_assert_null(a->values[i]);
	buf_clear(&b);
	answers_free(a);
	form_free(f);
}

Test(arena, picks_are_the_decoded_choices_in_order)
{
	struct form		*f = load("tests/data/forms/answers-types.csv");
	const char *const	 qv[] = { "one", "blue", "many", "red x-1",
	    "top", "x-1 green", "t", "some text", "level", "3" };
	struct answers		*a = answers_create(f, 0, TODAY);
	const uint32_t		*idx;
	struct buf		 b;
	char			*cause = NULL;
	int			 c;
	uint32_t		 p;
	size_t			 i, used;

	encode(f, qv, 10, &b);
	cr_assert_eq(answers_decode_into(a, b.data, b.len, &c, &p, &cause),
	    0, "%s", cause);
	/* colours: red 0, green 1, blue 2, x-1 3; scale: "3" is 2. */
	cr_assert_eq(answers_picks(a, q_of(f, "one"), &idx), 1);
	cr_assert_eq(idx[0], 2);
	cr_assert_eq(answers_picks(a, q_of(f, "many"), &idx), 2);
	cr_assert_eq(idx[0], 0);
	cr_assert_eq(idx[1], 3);
	cr_assert_eq(answers_picks(a, q_of(f, "top"), &idx), 2);
	cr_assert_eq(idx[0], 3);
	cr_assert_eq(idx[1], 1);
	cr_assert_eq(answers_picks(a, q_of(f, "level"), &idx), 1);
	cr_assert_eq(idx[0], 2);
	cr_assert_eq(answers_picks(a, q_of(f, "t"), &idx), 0);
	cr_assert_eq(answers_picks(a, q_of(f, "all"), &idx), 0);
	cr_assert_eq(answers_picks(a, -1, &idx), 0);
	cr_assert_eq(answers_picks(a, (int)f->nquestions, &idx), 0);
	/* A value set afterwards has no picks: its names are looked up. */
	answers_set(a, q_of(f, "top"), "red");
	cr_assert_str_eq(answers_get(a, q_of(f, "top")), "red");
	cr_assert_eq(answers_picks(a, q_of(f, "top"), &idx), 0);
	cr_assert_eq(answers_picks(a, q_of(f, "many"), &idx), 2);
	/* Reset: none left, and their memory wiped. */
	used = a->picks_used;
	cr_assert_eq(used, 1 + 2 + 2 + 1);
	answers_reset(a);
	cr_assert_eq(a->picks_used, 0);
	for (i = 0; i < used; i++)
		cr_assert_eq(a->picks[i], 0, "pick %zu left", i);
	for (i = 0; i < f->nquestions; i++)
		cr_assert_eq(answers_picks(a, (int)i, &idx), 0);
	/* A failed decode leaves none either. */
	b.data[b.len - 1] = 0;	/* a NUL ends the last answer (calc) */
	cr_assert_eq(answers_decode_into(a, b.data, b.len, &c, &p, &cause),
	    -1);
	free(cause);
	for (i = 0; i < f->nquestions; i++)
		cr_assert_eq(answers_picks(a, (int)i, &idx), 0);
	buf_clear(&b);
	answers_free(a);
	form_free(f);
}
