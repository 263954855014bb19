/* test-types.c: tests for forms/survey-types.c and normalise-time.c: the
 * types and columns of issue 10 items 3 and 5 as pyxform reads them
 * (time, datetime, range, or_other, hidden, phone number, disabled, notes
 * without a name, media-only labels, label-less choices, duplicate
 * choices), their normal forms, read-only and triggered calculations,
 * month-year and year dates, and their encoding. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/form-private.h"

static struct form	*form;
static struct answers	*answers;
static char		*cause;

static void
test_init(void)
{
	cr_assert_geq(sodium_init(), 0);
}

static void
test_fini(void)
{
	answers_free(answers);
	form_free(form);
	free(cause);
}

TestSuite(types, .init = test_init, .fini = test_fini);

static void
parse(const char *csv)
{
	form = form_parse_buffer("t.csv", csv, strlen(csv), &cause);
	cr_assert_not_null(form, "%s", cause != NULL ? cause : "");
}

static int
q_of(const char *name)
{
	int	 q = form_find_question(form, name);

	cr_assert_geq(q, 0, "no question '%s'", name);
	return q;
}

/* Check then store, as the run engine does; the problem. */
static enum answer_problem
give(const char *name, const char *value)
{
	enum answer_problem	 p;
	char			*norm;

	p = answers_check(answers, q_of(name), value, &norm);
	if (p == ANSWER_OK)
		answers_set(answers, q_of(name), norm);
	free(norm);
	return p;
}

static const char types_csv[] =
    "survey,type,name,label,parameters,appearance,calculation,readonly,"
    "default,disabled,trigger,media::image\n"
    ",time,t,T,,,,,,,,\n"
    ",datetime,dt,DT,,,,,,,,\n"
    ",range,r,R,start=0 end=10 step=2,,,,,,,\n"
    ",range,rd,RD,start=1.5 end=-1.5 step=0.5,,,,,,,\n"
    ",range,plain,P,,,,,,,,\n"
    ",date,m,M,,month-year,,,,,,\n"
    ",date,y,Y,,year,,,,,,\n"
    ",integer,twice,Twice,,,${r} * 2,,,,,\n"
    ",text,fixed,Fixed,,,,yes,abc,,,\n"
    ",text,gone,Gone,,,,,,yes,,\n"
    ",integer,guess,Guess,,,${r} + 1,,,,${r},\n"
    ",note,,A note,,,,,,,,\n"
    ",note,pic,,,,,,,,,pic.png\n"
    ",phone number,phone,Phone,,,,,,,,\n"
    ",percentage,pct,Pct,,,,,,,,\n"
    ",hidden,h,,,,,,x,,,\n"
    ",calculate_here,ch,,,,1 + 1,,,,,\n"
    ",select_one c or_other,c,C,,,,,,,,\n"
    "choices,list_name,name,label,,,,,,,,\n"
    ",c,a,A,,,,,,,,\n"
    ",c,b,,,,,,,,,\n";

Test(types, reads_each_type)
{
	const struct question	*q;
	const struct choice_list *l;

	parse(types_csv);
	cr_assert_eq(form->questions[q_of("t")].type, QUESTION_TIME);
	cr_assert_eq(form->questions[q_of("dt")].type, QUESTION_DATETIME);
	q = &form->questions[q_of("r")];
	cr_assert_eq(q->type, QUESTION_INTEGER);
	cr_assert_str_eq(q->range_start, "0");
	cr_assert_str_eq(q->range_end, "10");
	cr_assert_str_eq(q->range_step, "2");
	cr_assert_str_eq(question_type_word(q), "range");
	cr_assert_eq(form->questions[q_of("rd")].type, QUESTION_DECIMAL);
	q = &form->questions[q_of("plain")];	/* pyxform's defaults */
	cr_assert_str_eq(q->range_start, "1");
	cr_assert_str_eq(q->range_end, "10");
	cr_assert_str_eq(q->range_step, "1");
	cr_assert_eq(form->questions[q_of("m")].date_parts, 2);
	cr_assert_eq(form->questions[q_of("y")].date_parts, 1);
	cr_assert(form->questions[q_of("twice")].readonly);
	cr_assert(form->questions[q_of("fixed")].readonly);
	cr_assert_not(form->questions[q_of("guess")].readonly);
	cr_assert_eq(form->questions[q_of("guess")].ntriggers, 1);
	cr_assert_eq(form->questions[q_of("guess")].triggers[0], q_of("r"));
	cr_assert_eq(form_find_question(form, "gone"), -1);
	cr_assert_eq(form->questions[q_of("generated_note_name_13")].type,
	    QUESTION_NOTE);
	cr_assert_str_eq(form_label(form, &form->questions[q_of("pic")], 0),
	    "[pic.png]");
	q = &form->questions[q_of("phone")];
	cr_assert_eq(q->type, QUESTION_TEXT);
	cr_assert_str_eq(q->constraint_src, "regex(., '^[0-9]*$')");
	cr_assert_str_eq(form_text(form, q->hint, 0), "Enter numbers only.");
	cr_assert_str_eq(form->questions[q_of("pct")].constraint_src,
	    "0 <= . and . <= 100");
	cr_assert_eq(form->questions[q_of("h")].type, QUESTION_CALCULATE);
	cr_assert_eq(form->questions[q_of("ch")].type, QUESTION_CALCULATE);
	/* or_other: an "other" choice and the question after the select */
	l = form_question_list(form, &form->questions[q_of("c")]);
	cr_assert_eq(l->nchoices, 3);
	cr_assert_str_eq(l->choices[2].name, "other");
	cr_assert_str_eq(form_text(form, l->choices[2].label, 0), "Other");
	cr_assert_eq(choice_list_find(l, "other", 5), 2);
	cr_assert_str_eq(form_text(form, l->choices[1].label, 0), "b");
	cr_assert_eq(q_of("c_other"), q_of("c") + 1);
	q = &form->questions[q_of("c_other")];
	cr_assert_eq(q->type, QUESTION_TEXT);
	cr_assert_str_eq(q->relevant_src, "selected(${c}, 'other')");
	cr_assert_str_eq(form_label(form, q, 0), "Specify other.");
}

Test(types, asks_other_only_when_chosen)
{
	parse(types_csv);
	answers = answers_create(form, 1, "2025-06-01");
	cr_assert_not(answers_relevant(answers, q_of("c_other")));
	cr_assert_eq(give("c", "other"), ANSWER_OK);
	cr_assert(answers_relevant(answers, q_of("c_other")));
	cr_assert_eq(give("c_other", "purple"), ANSWER_OK);
	cr_assert_eq(give("c", "a"), ANSWER_OK);
	cr_assert_str_eq(answers_get(answers, q_of("c_other")), "");
}

struct norm_case {
	char		 name[8];
	char		 value[32];
	int		 problem;
	char		 norm[24];
};

ParameterizedTestParameters(types, normalises)
{
	static struct norm_case cases[] = {
		{ "t", "9:05", ANSWER_OK, "09:05" },
		{ "t", " 23:59 ", ANSWER_OK, "23:59" },
		{ "t", "10:30:00.000+01:00", ANSWER_OK, "10:30" },
		{ "t", "10:30:15Z", ANSWER_OK, "10:30" },
		{ "t", "24:00", ANSWER_NOT_TIME, "" },
		{ "t", "12:60", ANSWER_NOT_TIME, "" },
		{ "t", "1230", ANSWER_NOT_TIME, "" },
		{ "t", "12:3", ANSWER_NOT_TIME, "" },
		{ "t", "12:30 pm", ANSWER_NOT_TIME, "" },
		{ "dt", "2025-03-01 14:30", ANSWER_OK, "2025-03-01T14:30" },
		{ "dt", "2025-03-01T07:05:09", ANSWER_OK, "2025-03-01T07:05" },
		{ "dt", "2024-02-29  9:00", ANSWER_OK, "2024-02-29T09:00" },
		{ "dt", "2025-02-29 10:00", ANSWER_NOT_DATETIME, "" },
		{ "dt", "2025-03-01", ANSWER_NOT_DATETIME, "" },
		{ "dt", "2025-03-01x10:00", ANSWER_NOT_DATETIME, "" },
		{ "r", "4", ANSWER_OK, "4" },
		{ "r", "+010", ANSWER_OK, "10" },
		{ "r", "3", ANSWER_NOT_IN_RANGE, "" },
		{ "r", "12", ANSWER_NOT_IN_RANGE, "" },
		{ "r", "-2", ANSWER_NOT_IN_RANGE, "" },
		{ "r", "4.5", ANSWER_NOT_INTEGER, "" },
		{ "rd", "-1.5", ANSWER_OK, "-1.5" },
		{ "rd", "0,5", ANSWER_OK, "0.5" },
		{ "rd", "0.25", ANSWER_NOT_IN_RANGE, "" },
		{ "rd", "2", ANSWER_NOT_IN_RANGE, "" },
		{ "m", "2025-03", ANSWER_OK, "2025-03-01" },
		{ "m", "2025-03-17", ANSWER_OK, "2025-03-01" },
		{ "m", "2025-13", ANSWER_NOT_MONTH, "" },
		{ "m", "2025", ANSWER_NOT_MONTH, "" },
		{ "y", "1999", ANSWER_OK, "1999-01-01" },
		{ "y", "1999-07-04", ANSWER_OK, "1999-01-01" },
		{ "y", "99", ANSWER_NOT_YEAR, "" },
		{ "y", "0000", ANSWER_NOT_YEAR, "" },
	};
	return cr_make_param_array(struct norm_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct norm_case *c, types, normalises)
{
	char	*norm = NULL;
	int	 q;

	parse(types_csv);
	q = q_of(c->name);
	cr_assert_eq(answers_normalise(form, q, c->value, &norm),
	    (enum answer_problem)c->problem, "%s '%s'", c->name, c->value);
	if (c->problem != ANSWER_OK) {
		cr_assert_null(norm);
		return;
	}
	cr_assert_str_eq(norm, c->norm);
	/* what is stored is its own normal form, and the decoder knows it */
	cr_assert(answers_is_normal(form, q, norm, strlen(norm)), "%s", norm);
	free(norm);
}

Test(types, refuses_stored_values_off_normal_form)
{
	parse(types_csv);
	cr_assert_not(answers_is_normal(form, q_of("t"), "9:05", 4));
	cr_assert_not(answers_is_normal(form, q_of("dt"), "2025-03-01 14:30",
	    16));
	cr_assert_not(answers_is_normal(form, q_of("r"), "3", 1));
	cr_assert_not(answers_is_normal(form, q_of("m"), "2025-03-17", 10));
	cr_assert_not(answers_is_normal(form, q_of("y"), "1999-02-01", 10));
	cr_assert(answers_is_normal(form, q_of("y"), "1999-01-01", 10));
}

Test(types, lists_range_values)
{
	const struct question	*q;
	char			 v[FORM_RANGE_VALUE_MAX];

	parse(types_csv);
	q = &form->questions[q_of("r")];
	cr_assert_eq(form_range_count(q), 6);
	form_range_value(q, 5, v, sizeof v);
	cr_assert_str_eq(v, "10");
	q = &form->questions[q_of("rd")];
	cr_assert_eq(form_range_count(q), 7);
	form_range_value(q, 0, v, sizeof v);
	cr_assert_str_eq(v, "1.5");
	form_range_value(q, 3, v, sizeof v);
	cr_assert_str_eq(v, "0");
	form_range_value(q, 6, v, sizeof v);
	cr_assert_str_eq(v, "-1.5");
	cr_assert_eq(form_range_count(&form->questions[q_of("t")]), 0);
}

Test(types, computes_read_only_and_triggered_values)
{
	parse(types_csv);
	answers = answers_create(form, 1, "2025-06-01");
	cr_assert_str_eq(answers_get(answers, q_of("fixed")), "abc");
	cr_assert_str_eq(answers_get(answers, q_of("h")), "x");
	cr_assert_str_eq(answers_get(answers, q_of("ch")), "2");
	cr_assert_eq(give("r", "4"), ANSWER_OK);
	cr_assert_str_eq(answers_get(answers, q_of("twice")), "8");
	cr_assert_str_eq(answers_get(answers, q_of("guess")), "5");
	/* read-only: what is typed is not taken */
	cr_assert_eq(give("twice", "100"), ANSWER_OK);
	cr_assert_str_eq(answers_get(answers, q_of("twice")), "8");
	cr_assert_eq(give("fixed", "xyz"), ANSWER_OK);
	cr_assert_str_eq(answers_get(answers, q_of("fixed")), "abc");
	/* triggered: the participant may change it until r changes */
	cr_assert_eq(give("guess", "7"), ANSWER_OK);
	cr_assert_str_eq(answers_get(answers, q_of("guess")), "7");
	cr_assert_eq(give("t", "12:00"), ANSWER_OK);
	cr_assert_str_eq(answers_get(answers, q_of("guess")), "7");
	cr_assert_eq(give("r", "6"), ANSWER_OK);
	cr_assert_str_eq(answers_get(answers, q_of("guess")), "7");
	cr_assert_str_eq(answers_get(answers, q_of("twice")), "12");
	cr_assert_eq(answers_validate_all(answers, &(enum answer_problem){ 0 }),
	    -1);
}

Test(types, encodes_and_decodes)
{
	struct answers	*back;
	struct buf	 b;
	uint32_t	 pos;
	int		 complete;

	parse(types_csv);
	answers = answers_create(form, 1, "2025-06-01");
	cr_assert_eq(give("t", "7:45"), ANSWER_OK);
	cr_assert_eq(give("dt", "2025-03-01 14:30"), ANSWER_OK);
	cr_assert_eq(give("rd", "-0.5"), ANSWER_OK);
	cr_assert_eq(give("m", "2025-03"), ANSWER_OK);
	buf_init(&b);
	answers_encode(answers, 1, 0, &b);
	/* no text answered: within the padding's budget, times included */
	cr_assert_leq(b.len, answers_encoded_max(form));
	back = answers_decode(form, b.data, b.len, &complete, &pos, &cause);
	cr_assert_not_null(back, "%s", cause != NULL ? cause : "");
	cr_assert_str_eq(answers_get(back, q_of("t")), "07:45");
	cr_assert_str_eq(answers_get(back, q_of("dt")), "2025-03-01T14:30");
	cr_assert_str_eq(answers_get(back, q_of("rd")), "-0.5");
	cr_assert_str_eq(answers_get(back, q_of("m")), "2025-03-01");
	answers_free(back);
	buf_clear(&b);
}

Test(types, allows_duplicate_choices_when_settings_say)
{
	const struct choice_list *l;

	parse("settings,allow_choice_duplicates\n,yes\n"
	    "survey,type,name,label\n,select_one c,a,A\n"
	    "choices,list_name,name,label\n,c,x,X1\n,c,x,X2\n,c,y,Y\n");
	l = &form->lists[0];
	cr_assert_eq(l->nchoices, 3);
	cr_assert_eq(choice_list_find(l, "x", 1), 0);	/* the first wins */
	cr_assert_eq(choice_list_find(l, "y", 1), 2);
}

Test(types, leaves_disabled_rows_out_before_reading_them)
{
	parse("survey,type,name,label,disabled\n,text,a,A,no\n"
	    ",begin_repeat,r,R,yes\n,no such type,b,B,TRUE\n,text,c,C,\n");
	cr_assert_eq(form->nquestions, 2);
	cr_assert_str_eq(form->questions[1].name, "c");
}

Test(types, reads_external_choices_apart)
{
	const struct choice_list	*l1, *l2;

	parse("survey,type,name,label,choice_filter\n"
	    ",select_one c1,q1,Good?,\n"
	    ",select_one_external c1,q2,Where?,yes_no=${q1}\n"
	    "choices,list_name,name,label,\n,c1,yes,Yes,\n,c1,no,No,\n"
	    "external_choices,list_name,name,label,yes_no\n"
	    ",c1,n1-e,l1-e,yes\n,c1,n2-e,l2-e,no\n");
	l1 = form_question_list(form, &form->questions[0]);
	l2 = form_question_list(form, &form->questions[1]);
	cr_assert_neq(l1, l2);
	cr_assert_str_eq(l1->choices[0].name, "yes");
	cr_assert_str_eq(l2->choices[0].name, "n1-e");
	cr_assert(l2->external);
	answers = answers_create(form, 1, "2025-06-01");
	cr_assert_eq(give("q1", "no"), ANSWER_OK);
	cr_assert_eq(give("q2", "n1-e"), ANSWER_NOT_CHOICE);
	cr_assert_eq(give("q2", "n2-e"), ANSWER_OK);
}

Test(types, keeps_the_rows_own_constraint_and_hint)
{
	const struct question	*q;

	parse("survey,type,name,label,hint,constraint\n"
	    ",phone number,a,A,Your mobile,string-length(.) = 10\n"
	    ",percentage,b,B,,\n");
	q = &form->questions[0];
	cr_assert_str_eq(q->constraint_src, "string-length(.) = 10");
	cr_assert_str_eq(form_text(form, q->hint, 0), "Your mobile");
	q = &form->questions[1];
	cr_assert_str_eq(q->constraint_src, "0 <= . and . <= 100");
	answers = answers_create(form, 1, "2025-06-01");
	cr_assert_eq(give("b", "101"), ANSWER_CONSTRAINT);
	cr_assert_eq(give("b", "100"), ANSWER_OK);
	cr_assert_eq(give("a", "12345"), ANSWER_CONSTRAINT);
}

Test(types, names_the_first_of_each_duplicate_choice)
{
	const char	*csv = "survey,type,name,label\n,select_one c,q,Q\n"
	    "choices,list_name,name,label\n,c,a,A\n,c,a,A2\n,c,b,B\n"
	    ",c,d,D\n,c,b,B2\n";

	form = form_parse_buffer("t.csv", csv, strlen(csv), &cause);
	cr_assert_null(form);
	cr_assert_str_eq(cause, "t.csv:5: duplicate choice 'a' in list 'c' "
	    "(first at line 4)\nt.csv:8: duplicate choice 'b' in list 'c' "
	    "(first at line 6)");
}
