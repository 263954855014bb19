/* test-normal.c: tests for answers_is_normal (forms/normalise.c), the
 * allocation-free normal-form test of the decoder: it must say yes
 * exactly when answers_normalise returns ANSWER_OK and the same bytes. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "tests/forms/fixture.h"
#include "forms/form-private.h"

/* What the slow path says: 1 if s (n bytes) is its own normal form. */
static int
slow_normal(const struct form *f, int q, const char *s, size_t n)
{
	char	*copy, *norm;
	int	 ok;

	if (n == 0 || memchr(s, '\0', n) != NULL || !utf8_valid(s, n, NULL))
		return 0;
	copy = xstrndup(s, n);
	ok = answers_normalise(f, q, copy, &norm) == ANSWER_OK &&
	    strcmp(norm, copy) == 0;
	free(norm);
	free(copy);
	return ok;
}

struct normal_case {
	char	 question[8];
	char	 value[48];
	int	 len;		/* -1: strlen(value) */
	int	 normal;
};

static struct normal_case normal_cases[] = {
	{ "n", "42", -1, 1 },
	{ "n", "-12", -1, 1 },
	{ "n", "0", -1, 1 },
	{ "n", "-0", -1, 0 },
	{ "n", "+5", -1, 0 },
	{ "n", "05", -1, 0 },
	{ "n", " 7", -1, 0 },
	{ "n", "9223372036854775807", -1, 1 },
	{ "n", "-9223372036854775808", -1, 1 },
	{ "n", "9223372036854775808", -1, 0 },
	{ "n", "-", -1, 0 },
	{ "n", "", -1, 0 },
	{ "x", "3.5", -1, 1 },
	{ "x", "-0.5", -1, 1 },
	{ "x", "0", -1, 1 },
	{ "x", "-0", -1, 0 },
	{ "x", "3.50", -1, 0 },
	{ "x", "3.", -1, 0 },
	{ "x", ".5", -1, 0 },
	{ "x", "3,5", -1, 0 },
	{ "x", "007", -1, 0 },
	{ "x", "1234567890123456789012345678901.5", -1, 0 },
	{ "x", "123456789012345678901234567890.5", -1, 1 },
	{ "d", "2024-02-29", -1, 1 },
	{ "d", "2023-02-29", -1, 0 },
	{ "d", "0000-01-01", -1, 0 },
	{ "d", "2024-2-29", -1, 0 },
	{ "d", "2024-02-29 ", -1, 0 },
	{ "t", "hello world", -1, 1 },
	{ "t", "caf\xc3\xa9", -1, 1 },
	{ "t", "caf\xc3", -1, 0 },
	{ "t", "\xc0\xaf", -1, 0 },
	{ "t", "\xed\xa0\x80", -1, 0 },
	{ "t", "a\xc2\x85z", -1, 0 },
	{ "t", "a\xc2\xa0z", -1, 1 },
	{ "t", " hello", -1, 0 },
	{ "t", "hello\n", -1, 0 },
	{ "t", "a\tb", -1, 0 },
	{ "t", "a\nb", -1, 0 },
	{ "t", "a\x7f", -1, 0 },
	{ "t", "a\0b", 3, 0 },
	{ "t", "abcdefghijklmnopqrstuvwxyz0123456789", -1, 1 },
	{ "t", "abcdefghij\x01klmnop", -1, 0 },
	{ "t", "abcdefgh\x7fijklmnop", -1, 0 },
	{ "t", "abcdefghijklmnopqrstuvwxyz\tz", -1, 0 },
	{ "t", "abcdefghijklmno\xc3\xa9", -1, 1 },
	{ "t", "abcdefghijklmno\xc2\x9f", -1, 0 },
	{ "ml", "abcdefghijklmnop\nqrstuvwxyz", -1, 1 },
	{ "ml", "a\nb", -1, 1 },
	{ "ml", "a\r\nb", -1, 0 },
	{ "ml", "a\n", -1, 0 },
	{ "one", "red", -1, 1 },
	{ "one", "x-1", -1, 1 },
	{ "one", "re", -1, 0 },
	{ "one", "red green", -1, 0 },
	{ "one", "RED", -1, 0 },
	{ "many", "red blue", -1, 1 },
	{ "many", "blue red", -1, 0 },
	{ "many", "red red", -1, 0 },
	{ "many", "red  blue", -1, 0 },
	{ "many", "red blue ", -1, 0 },
	{ "many", "red\tblue", -1, 0 },
	{ "top", "blue red", -1, 1 },
	{ "top", "blue red green", -1, 0 },
	{ "all", "blue red green x-1", -1, 1 },
	{ "all", "blue red blue", -1, 0 },
	{ "level", "3", -1, 1 },
	{ "ack", "OK", -1, 1 },
	{ "ack", "ok", -1, 0 },
	{ "info", "x", -1, 0 },
	{ "calc", " 7/x\t", -1, 1 },
	{ "calc", "7\0", 2, 0 },
	{ "calc", "\xff", -1, 0 },
};

ParameterizedTestParameters(normal, cases)
{
	return cr_make_param_array(struct normal_case, normal_cases,
	    sizeof normal_cases / sizeof normal_cases[0]);
}

ParameterizedTest(struct normal_case *c, normal, cases)
{
	struct form	*f = load("answers-types.csv");
	int		 q = form_find_question(f, c->question);
	size_t		 n;

	cr_assert_geq(q, 0);
	n = c->len < 0 ? strlen(c->value) : (size_t)c->len;
	cr_expect_eq(answers_is_normal(f, q, c->value, n), c->normal,
	    "%s '%s'", c->question, c->value);
	cr_expect_eq(slow_normal(f, q, c->value, n), c->normal,
	    "slow path, %s '%s'", c->question, c->value);
	form_free(f);
}

Test(normal, out_of_range)
{
	struct form	*f = load("answers-types.csv");

	cr_expect_eq(answers_is_normal(f, -1, "1", 1), 0);
	cr_expect_eq(answers_is_normal(f, (int)f->nquestions, "1", 1), 0);
	form_free(f);
}

/* Random short strings over bytes that matter: the fast test agrees
 * with the slow path on every question of the form. */
Test(normal, agrees_with_normalise)
{
	static const char	*pieces[] = {
		"0", "1", "5", "9", "-", "+", ".", ",", " ", "\t", "\r", "\n",
		"red", "green", "blue", "x-1", "OK", "ok", "2024", "-02-29",
		"\xc3\xa9", "\xc2\x85", "\xc3", "\x7f", "\x01", "a", "\0",
		"922337203685477580", "7", "8",
	};
	struct form		*f = load("answers-types.csv");
	struct prng		 r;
	char			 s[64];
	const char		*piece;
	size_t			 n, k, len;
	int			 q, i, fast, yes = 0;

	prng_init(&r, 42);
	for (q = 0; q < (int)f->nquestions; q++) {
		for (i = 0; i < 20000; i++) {
			n = 0;
			for (k = prng_uniform(&r, 5) + 1; k > 0; k--) {
				piece = pieces[prng_uniform(&r,
				    (uint32_t)nitems(pieces))];
				len = *piece == '\0' ? 1 : strlen(piece);
				if (n + len > sizeof s)
					break;
				memcpy(s + n, piece, len);
				n += len;
			}
			fast = answers_is_normal(f, q, s, n);
			cr_assert_eq(fast, slow_normal(f, q, s, n),
			    "question %d, '%.*s'", q, (int)n, s);
			yes += fast;
		}
	}
	cr_expect_gt(yes, 1000);
	form_free(f);
}

/* Every sequence of one or two bytes, and every lead byte with every
 * second byte before a few third and fourth bytes, between two letters
 * in a text, a multiline text and a calculate: the byte tests of the
 * fast path agree with utf8_valid and the slow path's controls. */
Test(normal, every_short_utf8_sequence, .timeout = 120)
{
	static const char *const names[] = { "t", "ml", "calc" };
	static const unsigned char tails[] = { 0x00, 0x0a, 0x41, 0x7f, 0x80,
	    0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff };
	struct form	*f = load("answers-types.csv");
	char		 s[8];
	size_t		 n, k, t, u, yes = 0;
	int		 q, a, b;

	for (k = 0; k < nitems(names); k++) {
		q = form_find_question(f, names[k]);
		cr_assert_geq(q, 0);
		for (a = 0; a < 256; a++) {
			for (b = -1; b < 256; b++) {
				for (t = 0; t <= nitems(tails); t++) {
					for (u = 0; u <= (t == 0 ? 0 :
					    nitems(tails)); u++) {
						n = 0;
						s[n++] = 'x';
						s[n++] = (char)a;
						if (b >= 0)
							s[n++] = (char)b;
						if (t > 0)
							s[n++] = (char)tails[t - 1];
						if (u > 0)
							s[n++] = (char)tails[u - 1];
						s[n++] = 'y';
						cr_assert_eq(answers_is_normal(f,
						    q, s, n), slow_normal(f, q,
						    s, n), "%s: %02x %d %zu %zu",
						    names[k], a, b, t, u);
						yes += answers_is_normal(f, q,
						    s, n);
						if (a < 0xe0 || b < 0)
							break;
					}
					if (a < 0xe0 || b < 0)
						break;
				}
			}
		}
	}
	cr_assert_gt(yes, 10000, "%zu", yes);
	form_free(f);
}
