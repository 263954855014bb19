/* test-encode.c: tests for forms/encode.c: round trips of every type and
 * of hostile UTF-8, every truncation, every flipped byte, each refusal
 * with its message, and random responses of the bundled consultation. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "tests/forms/fixture.h"

#define TODAY "2025-03-31"

static void
assert_same(const struct answers *a, const struct answers *b)
{
	size_t	 i;

	cr_assert_eq(a->form, b->form);
	cr_assert_eq(a->seed, b->seed);
	for (i = 0; i < a->form->nquestions; i++) {
		cr_assert_str_eq(answers_get(a, (int)i),
		    answers_get(b, (int)i), "question %s",
		    a->form->questions[i].name);
		cr_assert_eq(a->values[i] == NULL, b->values[i] == NULL);
	}
}

/* Decode what encode made and check that it is the same response. */
static void
round_trip(const struct answers *a, int complete, uint32_t position)
{
	struct buf	 b, again;
	struct answers	*d;
	char		*cause = NULL;
	int		 c = -1;
	uint32_t	 pos = 12345;

	buf_init(&b);
	buf_init(&again);
	answers_encode(a, complete, position, &b);
	d = answers_decode(a->form, b.data, b.len, &c, &pos, &cause);
	cr_assert_not_null(d, "%s", cause);
	cr_assert_null(cause);
	cr_assert_eq(c, complete);
	cr_assert_eq(pos, position);
	assert_same(a, d);
	answers_encode(d, c, pos, &again);
	cr_assert_eq(again.len, b.len);
	cr_assert_arr_eq(again.data, b.data, b.len);
	answers_free(d);
	buf_clear(&b);
	buf_clear(&again);
}

/* A response with every type answered. */
static struct answers *
full(const struct form *f)
{
	struct answers	*a = answers_create(f, 0x0123456789abcdefULL, TODAY);

	set(a, "n", "-9223");
	set(a, "x", "3,25");
	set(a, "d", "2024-02-29");
	set(a, "t", "Café \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac");
	set(a, "ml", "first line\n\nthird line\r\nfourth");
	set(a, "one", "x-1");
	set(a, "many", "blue red");
	set(a, "top", "blue green");
	set(a, "all", "x-1 red blue green");
	set(a, "level", "5");
	set(a, "ack", "ok");
	return a;
}

Test(encode, every_type_round_trips)
{
	struct form	*f = load("tests/data/forms/answers-types.csv");
	struct answers	*a = full(f);

	cr_assert_str_eq(answers_get(a, q_of(f, "ml")),
	    "first line\n\nthird line\nfourth");
	cr_assert_str_eq(answers_get(a, q_of(f, "calc")),
	    "-9223/Café \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac");
	round_trip(a, 1, (uint32_t)f->nquestions);
	round_trip(a, 0, 3);
	answers_free(a);
	a = answers_create(f, 0, TODAY);
	round_trip(a, 0, 0);
	answers_free(a);
	form_free(f);
}

struct utf8_case {
	char	 question[4];
	char	 text[64];
};

static struct utf8_case utf8_cases[] = {
	{ "t", "\xf0\x9f\x98\x80\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb" },
	{ "t", "\xe2\x80\xae" "evil" "\xe2\x80\xac" },	/* RLO ... PDF */
	{ "t", "\xef\xbb\xbf" "BOM first" },
	{ "t", "\xf4\x8f\xbf\xbf" },			/* U+10FFFF */
	{ "t", "\xef\xbf\xbf\xef\xbf\xbe" },		/* U+FFFF U+FFFE */
	{ "t", "a\xcc\x81\xcc\x82\xcc\x83\xcc\x84" },	/* combining */
	{ "t", "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d" },
	{ "t", "'; DROP TABLE x; --" },
	{ "t", "=HYPERLINK(\"http://x\")" },
	{ "t", "\xe2\x80\xa8 line separator" },
	{ "ml", "\xe6\x97\xa5\n\xe6\x9c\xac\n\xe8\xaa\x9e" },
	{ "ml", "tab\there\nand \xc2\xa0 nbsp" },
	{ "calc", "" },
};

ParameterizedTestParameters(encode, hostile_utf8)
{
	return cr_make_param_array(struct utf8_case, utf8_cases,
	    sizeof utf8_cases / sizeof utf8_cases[0]);
}

ParameterizedTest(struct utf8_case *c, encode, hostile_utf8)
{
	struct form	*f = load("tests/data/forms/answers-types.csv");
	struct answers	*a = answers_create(f, 99, TODAY);

	if (strcmp(c->question, "calc") == 0) {
		/* A calculate copies any text through concat. */
		set(a, "t", "\xf0\x9f\x98\x80 x");
		set(a, "n", "7");
		cr_assert_str_eq(answers_get(a, q_of(f, "calc")),
		    "7/\xf0\x9f\x98\x80 x");
	} else {
		set(a, c->question, c->text);
		cr_assert_gt(strlen(answers_get(a, q_of(f, c->question))), 0);
	}
	round_trip(a, 0, 1);
	answers_free(a);
	form_free(f);
}

Test(encode, every_truncation_fails)
{
	struct form	*f = load("tests/data/forms/answers-types.csv");
	struct answers	*a = full(f), *d;
	struct buf	 b;
	size_t		 len;
	char		*cause;
	int		 c = 7;
	uint32_t	 pos = 7;

	buf_init(&b);
	answers_encode(a, 1, 2, &b);
	for (len = 0; len < b.len; len++) {
		/* A copy of exactly len bytes, so ASan sees any overread. */
		unsigned char	*p = xmalloc(len == 0 ? 1 : len);

		memcpy(p, b.data, len);
		cause = NULL;
		d = answers_decode(f, p, len, &c, &pos, &cause);
		cr_assert_null(d, "length %zu decoded", len);
		cr_assert_not_null(cause);
		cr_assert_gt(strlen(cause), 5);
		cr_assert_eq(c, 7);
		cr_assert_eq(pos, 7);
		free(cause);
		free(p);
	}
	buf_clear(&b);
	answers_free(a);
	form_free(f);
}

Test(encode, every_flipped_byte_fails_or_is_valid, .timeout = 120)
{
	static const unsigned char masks[] = { 0x01, 0x02, 0x10, 0x40, 0x80,
	    0xff };
	struct form	*f = load("tests/data/forms/answers-types.csv");
	struct answers	*a = full(f), *d;
	struct buf	 b, again;
	size_t		 off, m, i, failed = 0, decoded = 0;
	char		*cause, *norm;
	int		 c;
	uint32_t	 pos;

	buf_init(&b);
	answers_encode(a, 0, 4, &b);
	for (off = 0; off < b.len; off++) {
		for (m = 0; m < sizeof masks; m++) {
			unsigned char	*p = xmalloc(b.len);

			memcpy(p, b.data, b.len);
			p[off] ^= masks[m];
			cause = NULL;
			d = answers_decode(f, p, b.len, &c, &pos, &cause);
			if (d == NULL) {
				cr_assert_not_null(cause);
				free(cause);
				free(p);
				failed++;
				continue;
			}
			decoded++;
			cr_assert_null(cause);
			/* Valid: each value its own normal form, and the
			 * bytes are exactly what encode writes for it. */
			for (i = 0; i < f->nquestions; i++) {
				if (d->values[i] == NULL)
					continue;
				cr_assert(question_stores(&f->questions[i]));
				cr_assert_eq(answers_normalise(f, (int)i,
				    d->values[i], &norm), ANSWER_OK);
				cr_assert_str_eq(norm, d->values[i]);
				free(norm);
			}
			buf_init(&again);
			answers_encode(d, c, pos, &again);
			cr_assert_eq(again.len, b.len);
			/* Version 2 is version 3 without repeats. */
			if (p[0] == 2)
				p[0] = ANSWERS_ENCODING_VERSION;
			cr_assert_arr_eq(again.data, p, b.len);
			buf_clear(&again);
			answers_free(d);
			free(p);
		}
	}
	/* Both outcomes happen: seed and position bytes decode, the
	 * fingerprint never does. */
	cr_assert_gt(failed, b.len);
	cr_assert_gt(decoded, 8);
	buf_clear(&b);
	answers_free(a);
	form_free(f);
}

Test(encode, another_form_is_refused)
{
	struct form	*f = load("tests/data/forms/answers-types.csv");
	struct form	*g = load("tests/data/forms/answers-logic.csv");
	struct answers	*a = full(f);
	struct buf	 b;
	char		*cause = NULL;
	int		 c;
	uint32_t	 pos;

	buf_init(&b);
	answers_encode(a, 1, 0, &b);
	cr_assert_null(answers_decode(g, b.data, b.len, &c, &pos, &cause));
	cr_assert_str_eq(cause, "made for another form or form version "
	    "(fingerprint differs)");
	free(cause);
	cause = NULL;
	b.data[1 + FORM_FINGERPRINT_BYTES - 1] ^= 1;
	cr_assert_null(answers_decode(f, b.data, b.len, &c, &pos, &cause));
	cr_assert_str_eq(cause, "made for another form or form version "
	    "(fingerprint differs)");
	free(cause);
	buf_clear(&b);
	answers_free(a);
	form_free(f);
	form_free(g);
}

/* ---- refusals, each with its message ------------------------------- */

struct bad_case {
	int		 len;		/* -1: all; else the first len bytes */
	unsigned char	 version;
	unsigned char	 flags;
	unsigned int	 position;
	unsigned char	 tail[24];	/* after the 46-byte header */
	size_t		 ntail;
	char		 cause[128];
};

/* In answers-types.csv: n 0, x 1, d 2, t 3, ml 4, one 5, many 6, top 7,
 * all 8, level 9, ack 10, info 11 (note), calc 12; 13 questions. */
static struct bad_case bad_cases[] = {
	{ 0, 2, 0, 0, { 0 }, 1, "empty response" },
	{ -1, 1, 0, 0, { 0 }, 1, "encoding version 1 (choices by name, from "
	    "a development build), not readable: this consult reads "
	    "version 3" },
	{ -1, 4, 0, 0, { 0 }, 1, "encoding version 4, expected 3" },
	{ -1, 0, 0, 0, { 0 }, 1, "encoding version 0, expected 3" },
	{ 10, 2, 0, 0, { 0 }, 1, "truncated header: 10 of 46 bytes" },
	{ 45, 2, 0, 0, { 0 }, 1, "truncated header: 45 of 46 bytes" },
	{ -1, 2, 2, 0, { 0 }, 1, "unknown flags 0x02" },
	{ -1, 2, 0x81, 0, { 0 }, 1, "unknown flags 0x81" },
	{ -1, 2, 0, 14, { 0 }, 1,
	    "position 14 out of range (form has 13 questions)" },
	{ -1, 2, 0, 0xffffffff, { 0 }, 1,
	    "position 4294967295 out of range (form has 13 questions)" },
	{ -1, 2, 0, 0, { 0 }, 0,
	    "truncated at byte 46, in the count of answers" },
	{ -1, 2, 0, 0, { 14 }, 1, "14 answers, but the form has 13 questions" },
	{ -1, 2, 0, 0, { 0x80, 0x00 }, 2,
	    "bad number at byte 47, in the count of answers" },
	{ -1, 2, 0, 0, { 0xff, 0xff, 0xff, 0xff, 0x7f }, 5,
	    "bad number at byte 50, in the count of answers" },
	{ -1, 2, 0, 0, { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, 6,
	    "bad number at byte 50, in the count of answers" },
	{ -1, 2, 0, 0, { 1 }, 1, "truncated at byte 47, in a question index" },
	{ -1, 2, 0, 0, { 1, 0x80 }, 2,
	    "truncated at byte 48, in a question index" },
	{ -1, 2, 0, 0, { 1, 13, 1, '5' }, 4,
	    "answer 1: question index 13 out of range (form has 13 questions)" },
	{ -1, 2, 0, 0, { 1, 0x8d, 0x00, 1, '5' }, 5,
	    "bad number at byte 48, in a question index" },
	{ -1, 2, 0, 0, { 1, 11, 1, 'x' }, 4,
	    "answer 1: question 'info' (note) stores no answer" },
	{ -1, 2, 0, 0, { 2, 0, 1, '5', 0, 1, '6' }, 7,
	    "answer 2: question 'n' answered twice" },
	{ -1, 2, 0, 0, { 2, 1, 1, '5', 0, 1, '5' }, 7,
	    "answer 2: question 'n' out of form order" },
	{ -1, 2, 0, 0, { 1, 0 }, 2,
	    "truncated at byte 48, in an answer's length" },
	{ -1, 2, 0, 0, { 1, 0, 5, '1', '2' }, 5,
	    "the answer to 'n' runs 3 bytes past the end" },
	{ -1, 2, 0, 0, { 1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f }, 7,
	    "the answer to 'n' runs 4294967295 bytes past the end" },
	{ -1, 2, 0, 0, { 1, 0, 0 }, 3, "empty answer to 'n'" },
	{ -1, 2, 0, 0, { 1, 3, 3, 'a', 0, 'b' }, 6,
	    "NUL byte in the answer to 't'" },
	{ -1, 2, 0, 0, { 1, 3, 2, 'a', 0xff }, 5,
	    "invalid UTF-8 at byte 1 of the answer to 't'" },
	{ -1, 2, 0, 0, { 1, 3, 3, 0xe6, 0x97, 'x' }, 6,
	    "invalid UTF-8 at byte 0 of the answer to 't'" },
	{ -1, 2, 0, 0, { 1, 2, 10, '2', '0', '2', '3', '-', '0', '2', '-',
	    '2', '9' }, 13, "the answer to 'd' (date) is not a date" },
	{ -1, 2, 0, 0, { 1, 5, 1, 4 }, 4,
	    "the answer to 'one' picks choice 4 of a list of 4" },
	{ -1, 2, 0, 0, { 1, 5, 1, 0x80, 0x01 }, 5,
	    "the answer to 'one' picks choice 128 of a list of 4" },
	{ -1, 2, 0, 0, { 1, 5, 0 }, 3, "the answer to 'one' picks 0 choices" },
	{ -1, 2, 0, 0, { 1, 6, 65 }, 3,
	    "the answer to 'many' picks 65 choices" },
	{ -1, 2, 0, 0, { 1, 5 }, 2,
	    "truncated at byte 48, in a count of choices" },
	{ -1, 2, 0, 0, { 1, 6, 2, 0 }, 4,
	    "truncated at byte 50, in a choice index" },
	{ -1, 2, 0, 0, { 1, 6, 1, 0x80, 0x00 }, 5,
	    "bad number at byte 50, in a choice index" },
	{ -1, 2, 0, 0, { 1, 5, 2, 0, 1 }, 5,
	    "the answer to 'one' (select_one) is too many choices" },
	{ -1, 2, 0, 0, { 1, 0, 2, '+', '5' }, 5,
	    "the answer to 'n' (integer) is not in normal form" },
	{ -1, 2, 0, 0, { 1, 0, 3, '1', '.', '5' }, 6,
	    "the answer to 'n' (integer) is not an integer in range" },
	{ -1, 2, 0, 0, { 1, 1, 3, '1', ',', '5' }, 6,
	    "the answer to 'x' (decimal) is not in normal form" },
	{ -1, 2, 0, 0, { 1, 1, 1, 'x' }, 4,
	    "the answer to 'x' (decimal) is not a number" },
	{ -1, 2, 0, 0, { 1, 6, 2, 2, 0 }, 5,
	    "the answer to 'many' (select_multiple) is not in normal form "
	    "(choices out of order)" },
	{ -1, 2, 0, 0, { 1, 6, 2, 0, 0 }, 5,
	    "the answer to 'many' (select_multiple) is a choice given twice" },
	{ -1, 2, 0, 0, { 1, 8, 2, 1, 1 }, 5,
	    "the answer to 'all' (rank) is a choice given twice" },
	{ -1, 2, 0, 0, { 1, 7, 3, 0, 1, 2 }, 6,
	    "the answer to 'top' (rank) is too many choices" },
	{ -1, 2, 0, 0, { 1, 3, 2, ' ', 'x' }, 5,
	    "the answer to 't' (text) is not in normal form" },
	{ -1, 2, 0, 0, { 1, 3, 3, 'a', '\n', 'b' }, 6,
	    "the answer to 't' (text) is text with characters not allowed" },
	{ -1, 2, 0, 0, { 1, 4, 4, 'a', '\r', '\n', 'b' }, 7,
	    "the answer to 'ml' (text) is not in normal form" },
	{ -1, 2, 0, 0, { 1, 10, 2, 'o', 'k' }, 5,
	    "the answer to 'ack' (acknowledge) is not in normal form" },
	{ -1, 2, 0, 0, { 1, 10, 3, 'y', 'e', 's' }, 6,
	    "the answer to 'ack' (acknowledge) is not OK" },
	{ -1, 2, 0, 0, { 0, 0 }, 2,
	    "trailing bytes after the last answer: 1" },
	{ -1, 2, 0, 0, { 1, 0, 1, '5', 'x', 'y' }, 6,
	    "trailing bytes after the last answer: 2" },
};

ParameterizedTestParameters(encode, refusals)
{
	return cr_make_param_array(struct bad_case, bad_cases,
	    sizeof bad_cases / sizeof bad_cases[0]);
}

ParameterizedTest(struct bad_case *c, encode, refusals)
{
	struct form	*f = load("tests/data/forms/answers-types.csv");
	struct buf	 b;
	struct answers	*d;
	unsigned char	*p;
	size_t		 len, i;
	char		*cause = NULL;
	int		 complete = 5;
	uint32_t	 pos = 5;

	cr_assert_eq(f->nquestions, 13);
	buf_init(&b);
	buf_add_byte(&b, c->version);
	buf_add(&b, f->fingerprint, FORM_FINGERPRINT_BYTES);
	buf_add_byte(&b, c->flags);
	for (i = 0; i < 4; i++)
		buf_add_byte(&b, (unsigned char)(c->position >> (8 * i)));
	for (i = 0; i < 8; i++)
		buf_add_byte(&b, (unsigned char)(0x11 * i));
	cr_assert_eq(b.len, 46);
	buf_add(&b, c->tail, c->ntail);
	len = c->len < 0 ? b.len : (size_t)c->len;
	p = xmalloc(len + 1);
	memcpy(p, b.data, len);
	d = answers_decode(f, p, len, &complete, &pos, &cause);
	cr_assert_null(d);
	cr_assert_str_eq(cause, c->cause);
	cr_assert_eq(complete, 5);
	cr_assert_eq(pos, 5);
	free(cause);
	free(p);
	buf_clear(&b);
	form_free(f);
}

Test(encode, layout_is_as_documented)
{
	struct form	*f = load("tests/data/forms/answers-types.csv");
	struct answers	*a = answers_create(f, 0x0807060504030201ULL, TODAY);
	struct buf	 b;
	static const unsigned char tail[] = {
		3,			/* answers: n, t, calc */
		0, 3, '-', '4', '2',
		3, 2, 0xc3, 0xa9,
		12, 6, '-', '4', '2', '/', 0xc3, 0xa9,
	};

	set(a, "n", "-42");
	set(a, "t", "\xc3\xa9");
	buf_init(&b);
	answers_encode(a, 1, 0x01020304, &b);
	cr_assert_eq(b.len, 46 + sizeof tail);
	cr_assert_eq(b.data[0], ANSWERS_ENCODING_VERSION);
	cr_assert_arr_eq(b.data + 1, f->fingerprint, FORM_FINGERPRINT_BYTES);
	cr_assert_eq(b.data[33], 1);
	cr_assert_eq(b.data[34], 0x04);
	cr_assert_eq(b.data[37], 0x01);
	cr_assert_eq(b.data[38], 0x01);
	cr_assert_eq(b.data[45], 0x08);
	cr_assert_arr_eq(b.data + 46, tail, sizeof tail);
	buf_clear(&b);
	answers_free(a);
	form_free(f);
}

Test(encode, choices_are_stored_by_index)
{
	struct form	*f = load("tests/data/forms/answers-types.csv");
	struct answers	*a = answers_create(f, 1, TODAY);
	struct buf	 b;
	static const unsigned char tail[] = {
		5,			/* one, many, top, level, calc */
		5, 1, 3,		/* x-1 */
		6, 2, 0, 2,		/* red blue, in list order */
		7, 2, 2, 1,		/* blue green, in rank order */
		9, 1, 4,		/* 5 */
		12, 1, '/',		/* calc: text, by its bytes */
	};

	set(a, "one", "x-1");
	set(a, "many", "blue red");
	set(a, "top", "blue green");
	set(a, "level", "5");
	buf_init(&b);
	answers_encode(a, 1, 0, &b);
	cr_assert_eq(b.len, 46 + sizeof tail);
	cr_assert_arr_eq(b.data + 46, tail, sizeof tail);
	round_trip(a, 1, 0);
	buf_clear(&b);
	answers_free(a);
	form_free(f);
}

/* The length of an encoding does not depend on which choice was picked
 * (finding 2 of issue 12: names of different lengths showed). */
Test(encode, the_choice_picked_does_not_change_the_length)
{
	struct form	*f = load("tests/data/forms/answers-types.csv");
	static const char *const colours[] = { "red", "green", "blue", "x-1" };
	struct answers	*a;
	struct buf	 b;
	size_t		 i, len = 0;

	for (i = 0; i < 4; i++) {
		a = answers_create(f, 1, TODAY);
		set(a, "one", colours[i]);
		set(a, "many", colours[3 - i]);
		buf_init(&b);
		answers_encode(a, 1, 0, &b);
		if (i == 0)
			len = b.len;
		cr_assert_eq(b.len, len, "%s", colours[i]);
		buf_clear(&b);
		answers_free(a);
	}
	form_free(f);
}

Test(encode, the_largest_response_fits_the_bound)
{
	struct form	*f = load("tests/data/forms/answers-types.csv");
	struct answers	*a = answers_create(f, 1, TODAY);
	struct buf	 b;

	/* Every non-text answer at its longest; texts empty. */
	set(a, "n", "-9223372036854775808");
	set(a, "x", "-1234567890.123456789");
	set(a, "d", "2024-02-29");
	set(a, "one", "x-1");
	set(a, "many", "red green blue x-1");
	set(a, "top", "blue green");
	set(a, "all", "x-1 red blue green");
	set(a, "level", "5");
	set(a, "ack", "ok");
	buf_init(&b);
	answers_encode(a, 1, 0, &b);
	/* calc holds "-9223372036854775808/", text the bound leaves out. */
	cr_assert_leq(b.len - 1 - 21, answers_encoded_max(f));
	cr_assert_geq(answers_encoded_max(f), 46 + 60);
	buf_clear(&b);
	answers_free(a);
	form_free(f);
}

Test(encode, long_answers_use_longer_lengths)
{
	struct form	*f = load("tests/data/forms/answers-types.csv");
	struct answers	*a = answers_create(f, 1, TODAY);
	struct buf	 b, text;
	size_t		 i;

	buf_init(&text);
	for (i = 0; i < 40000; i++)
		buf_add_str(&text, i % 3 == 0 ? "\xe6\x97\xa5" : "ab");
	set(a, "ml", buf_str(&text));
	buf_init(&b);
	answers_encode(a, 0, 0, &b);
	/* 2 answers: question 4 with its length in three varint bytes,
	 * then calc ("/", from the empty n and t). */
	cr_assert_eq(b.data[46], 2);
	cr_assert_eq(b.data[47], 4);
	cr_assert(b.data[48] & 0x80);
	cr_assert(b.data[49] & 0x80);
	cr_assert_eq(b.data[50] & 0x80, 0);
	cr_assert_eq((size_t)(b.data[48] & 0x7f) |
	    (size_t)(b.data[49] & 0x7f) << 7 | (size_t)b.data[50] << 14,
	    text.len);
	cr_assert_eq(b.len, 46 + 1 + 1 + 3 + text.len + 3);
	round_trip(a, 0, 0);
	buf_clear(&b);
	buf_clear(&text);
	answers_free(a);
	form_free(f);
}

/* ---- random responses of the bundled consultation ------------------- */

static const char *const text_pool[] = {
	"Réseau des associations de la diaspora",
	"Red de organizaciones \xe2\x80\x94 migrantes",
	"Trade unions for migrant workers",
	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e NGO",
	"contact@example.org",
	"Ana María López",
	"Open consultations\nbefore the Forum",
	"x",
};

/* A random candidate value for question q of the current state. */
static char *
random_value(const struct answers *a, int q, struct prng *r)
{
	const struct question	*qq = &a->form->questions[q];
	const struct choice_list *l = form_question_list(a->form, qq);
	struct buf		 b;
	int			*idx;
	size_t			 n, k, i;
	char			*s;

	buf_init(&b);
	switch (qq->type) {
	case QUESTION_INTEGER:
		buf_printf(&b, "%d", (int)prng_uniform(r, 200) - 50);
		break;
	case QUESTION_DECIMAL:
		buf_printf(&b, "%u.%u", prng_uniform(r, 150),
		    prng_uniform(r, 100));
		break;
	case QUESTION_DATE:
		buf_printf(&b, "%04u-%02u-%02u", 1950 + prng_uniform(r, 80),
		    1 + prng_uniform(r, 12), 1 + prng_uniform(r, 28));
		break;
	case QUESTION_ACKNOWLEDGE:
		buf_add_str(&b, "OK");
		break;
	case QUESTION_TEXT:
		buf_add_str(&b, text_pool[prng_uniform(r,
		    sizeof text_pool / sizeof text_pool[0])]);
		break;
	default:
		n = answers_choices(a, q, &idx);
		if (n == 0)
			break;
		prng_shuffle(r, idx, n);
		k = 1;
		if (qq->type == QUESTION_SELECT_MULTIPLE)
			k = 1 + prng_uniform(r, (uint32_t)n);
		else if (qq->type == QUESTION_RANK)
			k = 1 + prng_uniform(r, (uint32_t)(n <
			    (size_t)qq->rank_max ? n : (size_t)qq->rank_max));
		for (i = 0; i < k; i++) {
			if (i != 0)
				buf_add_byte(&b, ' ');
			buf_add_str(&b, l->choices[idx[i]].name);
		}
		free(idx);
		break;
	}
	s = xstrdup(buf_str(&b));
	buf_clear(&b);
	return s;
}

/* Answer q with the first of a few random values that passes, or leave
 * it empty (or unanswerable) when none does. */
static void
random_answer(struct answers *a, int q, struct prng *r)
{
	const struct question	*qq = &a->form->questions[q];
	char			*v, *norm;
	int			 tries;

	if (!question_stores(qq) || qq->type == QUESTION_CALCULATE)
		return;
	if (prng_uniform(r, 10) == 0)
		return;		/* skipped, allowed or not */
	for (tries = 0; tries < 20; tries++) {
		v = random_value(a, q, r);
		if (answers_check(a, q, v, &norm) == ANSWER_OK) {
			answers_set(a, q, norm);
			wipe_free(norm);
			wipe_free(v);
			return;
		}
		wipe_free(v);
	}
}

Test(encode, random_responses_of_the_bundled_form_round_trip,
    .timeout = 120)
{
	struct form		*f = load("forms/imrf.csv");
	struct answers		*a;
	struct prng		 r;
	enum answer_problem	 problem;
	int			 q, complete, answered;
	unsigned int		 i, ncomplete = 0;
	size_t			 k, most = 0;

	for (i = 0; i < 300; i++) {
		prng_init(&r, i);
		a = answers_create(f, prng_next(&r), TODAY);
		for (q = answers_next(a, 0, 1); q != -1;
		    q = answers_next(a, q + 1, 1))
			random_answer(a, q, &r);
		complete = answers_validate_all(a, &problem) == -1;
		ncomplete += (unsigned int)complete;
		answered = 0;
		for (k = 0; k < f->nquestions; k++)
			answered += a->values[k] != NULL;
		if ((size_t)answered > most)
			most = (size_t)answered;
		round_trip(a, complete, prng_uniform(&r,
		    (uint32_t)f->nquestions + 1));
		answers_free(a);
	}
	cr_assert_gt(ncomplete, 30, "%u complete", ncomplete);
	cr_assert_gt(most, 15, "%zu answered at most", most);
	form_free(f);
}
