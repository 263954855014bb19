/* test-repeat.c: repeats in forms/: reading begin_repeat/end_repeat and
 * repeat_count, instances, expressions per instance and over node-sets,
 * the version 3 encoding of instances and the simulator. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "tests/forms/fixture.h"

#define TODAY	"2025-03-31"

static struct answers *
fresh(const struct form *f)
{
	return answers_create(f, 7, TODAY);
}

/* The form's error text for a CSV body. */
static char *
refusal(const char *csv)
{
	struct form	*f;
	char		*cause = NULL;

	f = form_parse_buffer("r.csv", csv, strlen(csv), &cause);
	cr_assert_null(f, "accepted: %s", csv);
	return cause;
}

Test(repeat, reads_repeats_and_their_nesting)
{
	struct form	*f = load("repeat-proposals.csv");
	int		 p = q_of(f, "proposal"), pa = q_of(f, "partner");

	cr_assert(form_is_repeat(f, p));
	cr_assert(form_is_repeat(f, pa));
	cr_assert(!form_is_repeat(f, q_of(f, "org")));
	cr_assert_str_eq(question_type_word(&f->questions[p]),
	    "begin_repeat");
	cr_assert_str_eq(question_type_word(&f->questions[
	    f->questions[p].end]), "end_repeat");
	cr_assert_eq(form_repeat_of(f, q_of(f, "title")), p);
	cr_assert_eq(form_repeat_of(f, pa), p);
	cr_assert_eq(form_repeat_of(f, q_of(f, "partner_name")), pa);
	cr_assert_eq(form_repeat_of(f, q_of(f, "org")), -1);
	cr_assert_eq(form_repeat_of(f, q_of(f, "total")), -1);
	form_free(f);
}

Test(repeat, refuses_broken_repeats)
{
	char	*c;

	c = refusal("survey,,,\n,type,name,label\n,begin_repeat,r,R\n"
	    ",text,t,T\n,end_group,,\n");
	cr_assert_str_eq(c, "r.csv:5: end_group closes repeat 'r' (opened "
	    "at line 3 with begin_repeat)", "%s", c);
	free(c);
	c = refusal("survey,,,\n,type,name,label\n,begin repeat,r,R\n"
	    ",text,t,T\n");
	cr_assert_str_eq(c, "r.csv:3: repeat 'r' has no end_repeat", "%s",
	    c);
	free(c);
	c = refusal("survey,,,,\n,type,name,label,repeat_count\n"
	    ",text,t,T,3\n");
	cr_assert_str_eq(c, "r.csv:3: repeat_count applies to begin_repeat "
	    "only", "%s", c);
	free(c);
	c = refusal("survey,,,,\n,type,name,label,repeat_count\n"
	    ",begin_repeat,r,R,${nope}\n,text,t,T,\n,end_repeat,,,\n");
	cr_assert(strstr(c, "r.csv:3: unknown question 'nope'") != NULL ||
	    strstr(c, "in repeat_count") != NULL, "%s", c);
	free(c);
}

Test(repeat, instances_hold_their_own_answers)
{
	struct form	*f = load("repeat-proposals.csv");
	struct answers	*a = fresh(f);
	int		 p = q_of(f, "proposal"), pa = q_of(f, "partner");

	/* One instance to start with, and one partner in it. */
	cr_assert_eq(answers_repeat_count(a, p), 1);
	cr_assert_eq(answers_repeat_count(a, pa), 1);
	set(a, "title", "Wells");
	set(a, "budget", "10");
	set(a, "partner_name", "P1");
	cr_assert_str_eq(get(a, "number"), "1");
	cr_assert_eq(answers_repeat_add(a, p), 1);
	cr_assert_eq(answers_repeat_current(a, p), 1);
	cr_assert_str_eq(get(a, "title"), "");
	cr_assert_str_eq(get(a, "number"), "2");
	cr_assert_eq(answers_repeat_count(a, pa), 1, "a new partner too");
	set(a, "title", "Schools");
	set(a, "budget", "32");
	cr_assert_eq(answers_repeat_add(a, pa), 1);
	set(a, "partner_name", "P2b");
	cr_assert_str_eq(get(a, "partners"), "2");
	cr_assert_str_eq(get(a, "nproposals"), "2");
	cr_assert_str_eq(get(a, "total"), "42");
	answers_repeat_select(a, p, 0);
	cr_assert_str_eq(get(a, "title"), "Wells");
	cr_assert_str_eq(get(a, "partner_name"), "P1");
	cr_assert_eq(answers_repeat_count(a, pa), 1);
	cr_assert_str_eq(get(a, "partners"), "1");
	/* Deleting the current instance shows the next one. */
	answers_repeat_delete(a, p, 0);
	cr_assert_eq(answers_repeat_count(a, p), 1);
	cr_assert_str_eq(get(a, "title"), "Schools");
	cr_assert_str_eq(get(a, "number"), "1");
	cr_assert_str_eq(get(a, "nproposals"), "1");
	cr_assert_str_eq(get(a, "total"), "32");
	answers_repeat_delete(a, p, 0);
	cr_assert_eq(answers_repeat_count(a, p), 0);
	cr_assert_str_eq(get(a, "title"), "");
	cr_assert(!answers_relevant(a, q_of(f, "title")));
	cr_assert_str_eq(get(a, "nproposals"), "0");
	answers_free(a);
	form_free(f);
}

/* An expression evaluated as from question ctx. */
static char *
eval_at(struct form *f, struct answers *a, const char *ctx,
    const char *src)
{
	struct expr	*e, *was;
	struct answers	*b = a;
	char		*cause = NULL, *s;
	int		 q;

	e = expr_parse(src, f, 0, &cause);
	cr_assert_not_null(e, "%s: %s", src, cause);
	/* A calculate that the expression replaces, in the context. */
	q = q_of(f, ctx);
	cr_assert_eq(f->questions[q].type, QUESTION_CALCULATE);
	was = f->questions[q].calculation;
	f->questions[q].calculation = e;
	answers_set(b, q_of(f, "org"), get(b, "org"));
	s = xstrdup(get(b, ctx));
	f->questions[q].calculation = was;
	expr_free(e);
	return s;
}

static void
expect(struct form *f, struct answers *a, const char *ctx, const char *src,
    const char *want)
{
	char	*s = eval_at(f, a, ctx, src);

	cr_assert_str_eq(s, want, "%s at %s", src, ctx);
	free(s);
}

/* text piped in question at (-1: the current view). */
static void
pipe_expect(struct answers *a, int at, const char *text, const char *want)
{
	char	*s = answers_pipe_with(a, text, 0, at, NULL);

	cr_assert_not_null(s);
	cr_assert_str_eq(s, want, "%s at %d", text, at);
	wipe_free(s);
}

Test(repeat, node_set_functions)
{
	struct form	*f = load("repeat-proposals.csv");
	struct answers	*a = fresh(f);
	int		 p = q_of(f, "proposal"), pa = q_of(f, "partner");

	set(a, "org", "O");
	set(a, "budget", "5");
	set(a, "partner_name", "A");
	answers_repeat_add(a, pa);
	set(a, "partner_name", "B");
	answers_repeat_add(a, p);
	set(a, "budget", "7");
	answers_repeat_delete(a, pa, 0);	/* none in the second */
	answers_repeat_add(a, p);
	set(a, "budget", "1");
	set(a, "partner_name", "C");
	/* From outside: every instance. */
	expect(f, a, "total", "count(${proposal})", "3");
	expect(f, a, "total", "count(${partner})", "3");
	expect(f, a, "total", "count(${budget})", "3");
	expect(f, a, "total", "count(${org})", "1");
	expect(f, a, "total", "sum(${budget})", "13");
	expect(f, a, "total", "min(${budget})", "1");
	expect(f, a, "total", "max(${budget})", "7");
	expect(f, a, "total", "max(${budget}, 9)", "9");
	expect(f, a, "total", "join(', ', ${partner_name})", "A, B, C");
	expect(f, a, "total", "count-non-empty(${title})", "0");
	expect(f, a, "total", "indexed-repeat(${budget}, ${proposal}, 2)",
	    "7");
	expect(f, a, "total", "indexed-repeat(${partner_name}, ${proposal}, "
	    "1, ${partner}, 2)", "B");
	expect(f, a, "total", "indexed-repeat(${budget}, ${proposal}, 4)",
	    "");
	expect(f, a, "total", "position(..)", "1");
	/* From inside: this instance of the repeat around. */
	answers_repeat_select(a, p, 0);
	expect(f, a, "number", "count(${partner})", "2");
	expect(f, a, "number", "join('+', ${partner_name})", "A+B");
	expect(f, a, "number", "position(..)", "1");
	expect(f, a, "number", "${budget} * 10", "50");
	answers_repeat_select(a, p, 1);
	expect(f, a, "number", "count(${partner})", "0");
	expect(f, a, "number", "position(..)", "2");
	expect(f, a, "number", "sum(${budget})", "7");
	/* ODK: ${x} into a repeat from outside it reads the first instance,
	 * in expressions and in piped labels alike. */
	expect(f, a, "total", "${budget}", "5");
	expect(f, a, "total", "${partner_name}", "A");
	expect(f, a, "number", "${partner_name}", "");
	pipe_expect(a, q_of(f, "total"), "B ${budget}", "B 5");
	pipe_expect(a, q_of(f, "number"), "B ${budget}", "B 7");
	pipe_expect(a, -1, "B ${budget}", "B 7");
	answers_repeat_select(a, p, 0);
	expect(f, a, "number", "concat(${partner_name}, ${budget})", "A5");
	answers_repeat_select(a, p, 1);
	/* JavaRosa: an empty value is NaN, and so is min of nothing. */
	expect(f, a, "total", "min(${partner_name})", "NaN");
	set(a, "budget", "");
	expect(f, a, "total", "sum(${budget})", "NaN");
	expect(f, a, "total", "max(${budget})", "NaN");
	expect(f, a, "total", "count-non-empty(${budget})", "2");
	answers_free(a);
	form_free(f);
}

Test(repeat, repeat_count_follows_an_earlier_answer)
{
	struct form	*f = load("repeat-count.csv");
	struct answers	*a = fresh(f);
	int		 m = q_of(f, "member");

	cr_assert_eq(answers_repeat_count(a, m), 0);
	cr_assert_eq(answers_repeat_add(a, m), -1, "the form sizes it");
	set(a, "members", "3");
	cr_assert_eq(answers_repeat_count(a, m), 3);
	cr_assert_eq(answers_repeat_fixed(a, m), 3);
	answers_repeat_select(a, m, 1);
	cr_assert_str_eq(get(a, "oldest"), "NaN", "an empty age: NaN");
	set(a, "age", "30");
	answers_repeat_select(a, m, 2);
	set(a, "age", "40");
	set(a, "mname", "Ana");
	answers_repeat_select(a, m, 0);
	set(a, "age", "12");
	set(a, "mname", "Bo");
	cr_assert_str_eq(get(a, "oldest"), "40");
	cr_assert_str_eq(get(a, "names"), "Bo, , Ana");
	set(a, "members", "1");
	cr_assert_eq(answers_repeat_count(a, m), 1);
	cr_assert_str_eq(get(a, "names"), "Bo");
	/* The group around it irrelevant: no instance at all. */
	set(a, "members", "99");
	cr_assert_eq(answers_repeat_count(a, m), 0);
	cr_assert_str_eq(get(a, "mname"), "");
	cr_assert_str_eq(get(a, "oldest"), "NaN");
	answers_free(a);
	form_free(f);
}

/* Encode a, decode it, encode again: the same bytes. */
static struct answers *
round_trip(const struct form *f, struct answers *a, struct buf *b)
{
	struct answers	*d;
	struct buf	 b2;
	char		*cause = NULL;
	int		 complete;
	uint32_t	 pos;

	buf_init(b);
	answers_encode(a, 1, 3, b);
	d = answers_decode(f, b->data, b->len, &complete, &pos, &cause);
	cr_assert_not_null(d, "%s", cause);
	cr_assert_eq(complete, 1);
	cr_assert_eq(pos, 3);
	buf_init(&b2);
	answers_encode(d, 1, 3, &b2);
	cr_assert_eq(b2.len, b->len);
	cr_assert_arr_eq(b2.data, b->data, b->len);
	buf_clear(&b2);
	return d;
}

Test(repeat, instances_round_trip_and_list_in_order)
{
	struct form	*f = load("repeat-proposals.csv");
	struct answers	*a = fresh(f), *d;
	struct answers_instance *in;
	struct buf	 b;
	size_t		 n;
	int		 p = q_of(f, "proposal"), pa = q_of(f, "partner");
	int		 t = q_of(f, "title"), pn = q_of(f, "partner_name");

	set(a, "org", "O");
	set(a, "title", "one");
	set(a, "region", "asia");
	set(a, "objectives", "water health");
	set(a, "partner_name", "A");
	answers_repeat_add(a, pa);
	set(a, "partner_name", "B");
	answers_repeat_add(a, p);
	set(a, "title", "two");
	answers_repeat_delete(a, pa, 0);
	answers_repeat_add(a, p);
	set(a, "title", "three");
	set(a, "partner_name", "C");
	answers_repeat_select(a, p, 1);
	d = round_trip(f, a, &b);
	n = answers_instances(d, &in);
	cr_assert_eq(n, 6);	/* 3 proposals, 3 partners */
	cr_assert_eq(in[0].repeat, p);
	cr_assert_eq(in[0].parent, SIZE_MAX);
	cr_assert_eq(in[0].ordinal, 1);
	cr_assert_str_eq(answers_instance_get(&in[0], t), "one");
	cr_assert_str_eq(answers_instance_get(&in[0], q_of(f, "objectives")),
	    "water health");
	cr_assert_eq(in[1].repeat, pa);
	cr_assert_eq(in[1].parent, 0);
	cr_assert_str_eq(answers_instance_get(&in[1], pn), "A");
	cr_assert_eq(in[2].ordinal, 2);
	cr_assert_str_eq(answers_instance_get(&in[2], pn), "B");
	cr_assert_str_eq(answers_instance_get(&in[3], t), "two");
	cr_assert_eq(in[3].ordinal, 2);
	cr_assert_str_eq(answers_instance_get(&in[4], t), "three");
	cr_assert_eq(in[5].parent, 4);
	cr_assert_str_eq(answers_instance_get(&in[5], pn), "C");
	cr_assert_str_eq(get(d, "nproposals"), "3");
	free(in);
	/* Decoding into the same answers again reuses them. */
	cr_assert_eq(answers_instances(a, &in), 6);
	free(in);
	answers_free(d);
	buf_clear(&b);
	answers_free(a);
	form_free(f);
}

/* Decode bytes made of the header of f and tail; the cause. */
static char *
decode_tail(const struct form *f, int version, const unsigned char *tail,
    size_t ntail)
{
	struct buf	 b;
	struct answers	*d;
	char		*cause = NULL;
	int		 complete;
	uint32_t	 pos;
	size_t		 i;

	buf_init(&b);
	buf_add_byte(&b, (unsigned char)version);
	buf_add(&b, f->fingerprint, FORM_FINGERPRINT_BYTES);
	buf_add_byte(&b, 0);
	for (i = 0; i < 12; i++)
		buf_add_byte(&b, 0);
	buf_add(&b, tail, ntail);
	d = answers_decode(f, b.data, b.len, &complete, &pos, &cause);
	buf_clear(&b);
	if (d != NULL) {
		answers_free(d);
		return NULL;
	}
	return cause;
}

Test(repeat, decoder_refuses_malformed_instances)
{
	struct form	*f = load("repeat-proposals.csv");
	int		 title = q_of(f, "title"), org = q_of(f, "org");
	char		*c;
	/* root: no answers; proposal: 1 instance, no answers, 0 partners */
	const unsigned char ok[] = { 0, 1, 0, 0 };
	const unsigned char many[] = { 0, 0xf5, 0x03 };	/* 501 */
	const unsigned char trunc[] = { 0, 2, 0, 0 };
	const unsigned char outside[] = { 0, 1, 1, (unsigned char)org, 1,
	    'x', 0 };
	const unsigned char inside[] = { 1, (unsigned char)title, 1, 'x',
	    0 };
	const unsigned char trailing[] = { 0, 0, 9 };

	cr_assert_null(decode_tail(f, 3, ok, sizeof ok));
	c = decode_tail(f, 3, many, sizeof many);
	cr_assert_str_eq(c, "501 instances of repeat 'proposal' (at most "
	    "500)");
	free(c);
	c = decode_tail(f, 3, trunc, sizeof trunc);
	cr_assert_str_eq(c, "truncated at byte 50, in the count of answers");
	free(c);
	c = decode_tail(f, 3, outside, sizeof outside);
	cr_assert_str_eq(c, "answer 1: question 'org' out of form order");
	free(c);
	c = decode_tail(f, 3, inside, sizeof inside);
	cr_assert_str_eq(c, "answer 1: question 'title' is not in the form "
	    "outside repeats");
	free(c);
	c = decode_tail(f, 3, trailing, sizeof trailing);
	cr_assert_str_eq(c, "trailing bytes after the last answer: 1");
	free(c);
	/* Version 2 knew no repeats: refused for a form with them. */
	c = decode_tail(f, 2, ok, sizeof ok);
	cr_assert_str_eq(c, "encoding version 2, expected 3");
	free(c);
	form_free(f);
}

Test(repeat, version_2_records_of_forms_without_repeats_still_decode)
{
	struct form	*f = load("answers-types.csv");
	struct answers	*a = fresh(f), *d;
	struct buf	 b;
	char		*cause = NULL;
	int		 complete;
	uint32_t	 pos;

	set(a, "t", "hello");
	buf_init(&b);
	answers_encode(a, 1, 0, &b);
	b.data[0] = 2;
	d = answers_decode(f, b.data, b.len, &complete, &pos, &cause);
	cr_assert_not_null(d, "%s", cause);
	cr_assert_str_eq(get(d, "t"), "hello");
	answers_free(d);
	buf_clear(&b);
	answers_free(a);
	form_free(f);
}

Test(repeat, simulated_responses_are_valid_and_round_trip)
{
	struct form	*f = load("repeat-proposals.csv");
	struct simulate	*sim = simulate_create(f);
	struct answers	*a, *d;
	struct prng	 r;
	struct buf	 b;
	enum answer_problem problem;
	char		*cause = NULL;
	size_t		 i, n, total = 0, min = 99, max = 0;
	int		 p = q_of(f, "proposal");

	prng_init(&r, 42);
	for (i = 0; i < 60; i++) {
		a = answers_create(f, i, TODAY);
		cr_assert_eq(simulate_answers(sim, a, &r, &cause), 0, "%s",
		    cause);
		cr_assert_eq(answers_validate_all(a, &problem), -1);
		n = answers_repeat_count(a, p);
		total += n;
		min = n < min ? n : min;
		max = n > max ? n : max;
		d = round_trip(f, a, &b);
		cr_assert_eq(answers_repeat_count(d, p), n);
		buf_clear(&b);
		answers_free(d);
		answers_free(a);
	}
	cr_assert_eq(min, 1);
	cr_assert_eq(max, 5);
	cr_assert(total > 60 * 2 && total < 60 * 4, "%zu", total);
	simulate_free(sim);
	form_free(f);
}
