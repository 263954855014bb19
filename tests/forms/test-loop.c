/* test-loop.c: tests for forms/loop.c, loop-rows.c and loop-text.c:
 * pyxform's loops over a list expanded into groups (names, labels per
 * language, ${name}, nesting, repeats) and every error, with its line. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/lib.h"

#ifndef nitems
#define nitems(a) (sizeof (a) / sizeof (a)[0])
#endif

/* The limits of forms/form-private.h, as the man page gives them. */
#define MAX_ROWS	10000
#define MAX_BYTES	(16 << 20)

static struct form	*form;
static char		*cause;

static void
test_init(void)
{
	cr_assert_geq(sodium_init(), 0);
}

static void
test_fini(void)
{
	form_free(form);
	free(cause);
}

TestSuite(loop, .init = test_init, .fini = test_fini);

static struct form *
parse(const char *csv)
{
	form = form_parse_buffer("t.csv", csv, strlen(csv), &cause);
	cr_assert_not_null(form, "parse failed: %s",
	    cause != NULL ? cause : "");
	return form;
}

static int
index_of(const char *name)
{
	int	 i;

	i = form_find_question(form, name);
	cr_assert_geq(i, 0, "no question '%s'", name);
	return i;
}

static const struct question *
question(const char *name)
{
	return &form->questions[index_of(name)];
}

#define CROPS \
	"choices,list_name,name,label::English (en),label::Français (fr)," \
	    "size\n" \
	",crop,maize,Maize,Maïs,big\n" \
	",crop,beans,Beans,Haricots,small\n"

Test(loop, expands_into_a_group_per_choice)
{
	const struct question	*q;
	size_t			 i;
	static const char	*order[] = {
		"org", "crops", "crops-maize", "crops-maize-area",
		"crops-maize-why", NULL, "crops-beans", "crops-beans-area",
		"crops-beans-why", NULL, NULL, "total",
	};

	parse("survey,type,name,label::English (en),relevant\n"
	    ",text,org,Organisation,\n"
	    ",begin loop over crop,crops,Crops,${org} != ''\n"
	    ",integer,area,Area,\n"
	    ",text,why,Why,\n"
	    ",end loop,,,\n"
	    ",integer,total,Total,\n" CROPS);
	cr_assert_eq(form->nquestions, nitems(order));
	for (i = 0; i < nitems(order); i++) {
		q = &form->questions[i];
		if (order[i] == NULL) {
			cr_assert_eq(q->type, QUESTION_END_GROUP, "%zu", i);
			continue;
		}
		cr_assert_str_eq(q->name, order[i]);
	}
	q = question("crops");
	cr_assert_eq(q->type, QUESTION_BEGIN_GROUP);
	cr_assert_str_eq(form_label(form, q, 0), "Crops");
	cr_assert_str_eq(q->relevant_src, "${org} != ''");
	cr_assert_eq(q->line, 3);
	cr_assert_eq(q->end, 10);
	q = question("crops-beans");
	cr_assert_eq(q->type, QUESTION_BEGIN_GROUP);
	cr_assert_eq(q->parent, index_of("crops"));
	cr_assert_str_eq(form_label(form, q, 0), "Beans");
	cr_assert_eq(q->end, 9);
	q = question("crops-beans-area");
	cr_assert_eq(q->type, QUESTION_INTEGER);
	cr_assert_eq(q->parent, index_of("crops-beans"));
	cr_assert_eq(q->depth, 2);
	cr_assert_eq(q->line, 4, "a copy keeps its row's line");
	cr_assert_eq(question("total")->parent, -1);
}

Test(loop, replaces_name_and_label_per_language)
{
	const struct question	*q;

	parse("survey,type,name,label::English (en),label::Français (fr),"
	    "hint::English (en),constraint,constraint_message::Français (fr)\n"
	    ",begin_loop crop,c,C,C,,,\n"
	    ",integer,n_%(name)s,How much %(label)s?,Combien de %(label)s ?,"
	    "%(size)s: 100%% of %(name)s,. != '%(label)s',%(label)s !\n"
	    ",end_loop,,,,,,\n" CROPS);
	q = question("c-maize-n_maize");
	cr_assert_str_eq(q->label[0], "How much Maize?");
	cr_assert_str_eq(q->label[1], "Combien de Maïs ?");
	cr_assert_str_eq(q->hint[0], "big: 100% of maize");
	cr_assert_str_eq(q->constraint_src, ". != 'Maize'",
	    "an untranslated column has the default language's label");
	cr_assert_str_eq(q->constraint_message[1], "Maïs !");
	q = question("c-beans-n_beans");
	cr_assert_str_eq(q->label[1], "Combien de Haricots ?");
	cr_assert_str_eq(q->hint[0], "small: 100% of beans");
	cr_assert_str_eq(form_label(form, question("c-beans"), 1),
	    "Haricots");
}

Test(loop, leaves_out_none_and_loops_over_other)
{
	parse("survey,type,name,label\n"
	    ",select_multiple t or_other,have,Have\n"
	    ",begin loop over t,l,L\n,integer,n,How many %(label)s?\n"
	    ",end loop,,\n"
	    "choices,list_name,name,label\n,t,pit,Pit\n,t,none,None\n"
	    ",t,flush,Flush\n");
	cr_assert_eq(form_find_question(form, "l-none-n"), -1);
	index_of("l-pit-n");
	index_of("l-flush-n");
	cr_assert_str_eq(question("l-other-n")->label[0], "How many Other?");
	cr_assert_str_eq(form_label(form, question("l-other"), 0), "Other");
	index_of("have_other");
}

Test(loop, leaves_choices_without_label_by_name)
{
	parse("survey,type,name,label\n"
	    ",begin loop over t,l,L\n,text,x,X %(label)s\n,end loop,,\n"
	    "choices,list_name,name,label\n,t,a,\n");
	cr_assert_str_eq(form_label(form, question("l-a"), 0), "a");
	cr_assert_str_eq(question("l-a-x")->label[0], "X a");
}

Test(loop, names_references_the_copy)
{
	struct answers	*a;
	int		 maize, beans;

	parse("survey,type,name,label,relevant\n"
	    ",begin loop over crop,l,L,\n"
	    ",integer,n_%(name)s,N,\n"
	    ",text,why,Why %(label)s (${n_%(name)s})?,${n_%(name)s} > 2\n"
	    ",end loop,,,\n"
	    ",note,sum,Maize ${n_maize}; beans ${ n_beans },${l-beans-why} "
	    "= ''\n" CROPS);
	cr_assert_str_eq(question("l-maize-why")->relevant_src,
	    "${l-maize-n_maize} > 2");
	cr_assert_str_eq(question("l-beans-why")->relevant_src,
	    "${l-beans-n_beans} > 2");
	cr_assert_str_eq(question("l-beans-why")->label[0],
	    "Why Beans (${l-beans-n_beans})?");
	cr_assert_str_eq(question("sum")->label[0],
	    "Maize ${l-maize-n_maize}; beans ${l-beans-n_beans}");
	cr_assert_str_eq(question("sum")->relevant_src, "${l-beans-why} = ''",
	    "consult's own name is left as written");
	maize = index_of("l-maize-why");
	beans = index_of("l-beans-why");
	a = answers_create(form, 1, "2025-01-01");
	answers_set(a, index_of("l-maize-n_maize"), "5");
	answers_set(a, index_of("l-beans-n_beans"), "1");
	cr_assert(answers_relevant(a, maize));
	cr_assert(!answers_relevant(a, beans));
	answers_free(a);
}

Test(loop, nests_loops)
{
	parse("survey,type,name,label\n"
	    ",begin loop over crop,l,L\n"
	    ",begin loop over s,m_%(name)s,M %(label)s\n"
	    ",text,x,X %(label)s\n"
	    ",end loop,,\n"
	    ",end loop,,\n" CROPS ",s,dry,Dry,Sec,\n,s,wet,Wet,Humide,\n");
	cr_assert_str_eq(form_label(form, question("l-maize-m_maize"), 0),
	    "M Maize");
	cr_assert_str_eq(question("l-beans-m_beans-wet-x")->label[0],
	    "X Wet", "an inner loop's rows take its own choice");
	cr_assert_eq(question("l-beans-m_beans-wet-x")->depth, 4);
	cr_assert_eq(form->nquestions, 2 + 2 * (2 + 2 + 2 * 3));
}

Test(loop, goes_in_repeats_and_holds_them)
{
	int	 r;

	parse("survey,type,name,label\n"
	    ",begin_repeat,r,R\n"
	    ",begin loop over crop,l,L\n"
	    ",integer,n,N\n"
	    ",begin_repeat,p,P %(label)s\n,text,t,T %(name)s\n,end_repeat,,\n"
	    ",end loop,,\n"
	    ",end_repeat,,\n" CROPS);
	r = index_of("r");
	cr_assert(form_is_repeat(form, r));
	cr_assert_eq(question("l-beans-n")->in_repeat, r);
	cr_assert(form_is_repeat(form, index_of("l-maize-p")));
	cr_assert_eq(question("l-maize-t")->in_repeat,
	    index_of("l-maize-p"));
	cr_assert_str_eq(question("l-beans-t")->label[0], "T beans");
	cr_assert_str_eq(form_label(form, question("l-beans-p"), 0),
	    "P Beans");
}

Test(loop, keeps_groups_and_names_notes_as_pyxform)
{
	parse("survey,type,name,label\n"
	    ",begin loop over crop,l,L\n"
	    ",begin_group,g,G %(label)s\n,note,,Note %(label)s\n"
	    ",end_group,,\n,end loop,,\n" CROPS);
	cr_assert_eq(question("l-maize-g")->type, QUESTION_BEGIN_GROUP);
	cr_assert_str_eq(form_label(form, question("l-beans-g"), 0),
	    "G Beans", "rows in a group in a loop are replaced too");
	cr_assert_str_eq(question("l-beans-generated_note_name_4")->label[0],
	    "Note Beans");
	cr_assert_eq(question("l-beans-generated_note_name_4")->parent,
	    index_of("l-beans-g"));
}

Test(loop, reads_the_type_as_pyxform)
{
	parse("survey,type,name,label\n"
	    ",Begin  Loop   crop,l,L\n,text,x,X\n,END_LOOP,,\n"
	    ",begin_loop over crop,m,M\n,text,y,Y\n,end  loop,,\n"
	    ",text,loop,Loop\n,text,z,Z,\n" CROPS);
	index_of("l-beans-x");
	index_of("m-maize-y");
	cr_assert_eq(question("loop")->type, QUESTION_TEXT);
}

Test(loop, leaves_a_form_without_loops_alone)
{
	parse("survey,type,name,label\n,text,loop,Loop %(label)s 50%\n");
	cr_assert_str_eq(question("loop")->label[0], "Loop %(label)s 50%");
}

/* A loop over n choices of a body of one row of the given label. */
static char *
loop_of(size_t n, const char *label)
{
	FILE	*fp;
	char	*s;
	size_t	 len, i;

	fp = open_memstream(&s, &len);
	fprintf(fp, "survey,type,name,label\n,begin loop over c,l,L\n"
	    ",text,x,%s\n,end loop,,\nchoices,list_name,name,label\n", label);
	for (i = 0; i < n; i++)
		fprintf(fp, ",c,c%zu,C\n", i);
	fclose(fp);
	return s;
}

Test(loop, makes_at_most_the_rows_the_page_gives)
{
	char	*csv;
	size_t	 n = (MAX_ROWS - 2) / 3;	/* 2 + 3 rows a choice */

	csv = loop_of(n, "X");
	parse(csv);
	cr_assert_eq(form->nquestions, 2 + 3 * n);
	free(csv);
	form_free(form);
	form = NULL;
	csv = loop_of(n + 1, "X");
	cr_assert_null(form_parse_buffer("t.csv", csv, strlen(csv), &cause));
	cr_assert_str_eq(cause, "t.csv:2: loop 'l' makes 10001 rows for its "
	    "3333 choices; the loops of a form make at most 10000 in all");
	free(csv);
}

Test(loop, makes_at_most_the_bytes_the_page_gives)
{
	char	*csv, *label;
	size_t	 big = 100000;

	label = malloc(big + 1);
	memset(label, 'x', big);
	label[big] = '\0';
	csv = loop_of(MAX_BYTES / big - 10, label);
	parse(csv);
	cr_assert_eq(form->nquestions, 2 + 3 * (MAX_BYTES / big - 10));
	free(csv);
	csv = loop_of(MAX_BYTES / big + 1, label);
	cr_assert_null(form_parse_buffer("t.csv", csv, strlen(csv), &cause));
	cr_assert(strstr(cause, "t.csv:2: loop 'l' makes up to ") == cause &&
	    strstr(cause, " MiB of text for its 168 choices; the loops of a "
	    "form make at most 16 MiB in all") != NULL, "%s", cause);
	free(csv);
	free(label);
}

struct loop_error {
	char	 csv[400];
	char	 cause[400];
};

#define H	"survey,type,name,label\n"
#define C	"choices,list_name,name,label\n,c,a,A\n,c,b,B\n"

ParameterizedTestParameters(loop, refuses_with_lines)
{
	static struct loop_error cases[] = {
		{ H ",begin loop over nope,l,L\n,text,x,X\n,end loop,,\n" C,
		  "t.csv:2: loop 'l': choice list 'nope' not found" },
		{ H ",begin loop over e,l,L\n,text,x,X\n,end loop,,\n" C
		  ",e,none,None\n",
		  "t.csv:2: loop 'l': list 'e' has no choice to loop over "
		  "(pyxform leaves out a choice named 'none')" },
		{ H ",begin loop over x,l,L\n,text,y,Y\n,end loop,,\n" C
		  "external_choices,list_name,name,label\n,x,a,A\n",
		  "t.csv:2: loop 'l': choice list 'x' not found" },
		{ H ",text,y,Y\n,end_loop,,\n" C,
		  "t.csv:3: end loop without begin loop" },
		{ "survey,type,name,label,disabled\n"
		  ",begin loop over c,l,L,yes\n,text,x,X,\n,end loop,,,\n" C,
		  "t.csv:4: end loop without begin loop" },
		{ H ",begin loop over c,l,L\n,text,x,X\n" C,
		  "t.csv:2: loop 'l' has no end loop" },
		{ H ",begin loop,l,L\n,text,x,X\n,end loop,,\n" C,
		  "t.csv:2: begin loop needs a list name (begin loop over "
		  "LIST)" },
		{ H ",begin loop over c d,l,L\n,text,x,X\n,end loop,,\n" C,
		  "t.csv:2: begin loop over 'c d': one list name, not several "
		  "words" },
		{ H ",begin loop over c,,L\n,text,x,X\n,end loop,,\n" C,
		  "t.csv:2: loop without name" },
		{ H ",begin loop over c,1l,L\n,text,x,X\n,end loop,,\n" C,
		  "t.csv:2: invalid name '1l' (a letter or _ first, then "
		  "letters, digits, _ - .)" },
		{ H ",begin loop over c,l,L\n,text,x,X\n,end loop,,\n" C
		  ",c,a:b,AB\n",
		  "t.csv:2: loop 'l': choice 'a:b' of 'c' (at line 8) cannot "
		  "be part of a name (letters, digits, _ - . only)" },
		{ H ",begin_group,g,G\n,begin loop over c,l,L\n,text,x,X\n"
		  ",end_group,,\n,end loop,,\n" C,
		  "t.csv:5: end_group inside loop 'l' (opened at line 3) ends "
		  "no group begun in the loop" },
		{ H ",begin loop over c,l,L\n,begin_repeat,r,R\n,text,x,X\n"
		  ",end loop,,\n,end_repeat,,\n" C,
		  "t.csv:5: end loop while repeat 'r' (opened at line 3) is "
		  "open: a group begun in a loop ends in it" },
		{ H ",begin loop over c,l,L\n,text,x,X\n,text,y,Y ${x}\n"
		  ",end loop,,\n" C,
		  "t.csv:4: ${x} is ambiguous: loop 'l' copies 'x' for each "
		  "choice of 'c' (name it x_%(name)s and write ${x_%(name)s} "
		  "for the copy of the same choice)" },
		{ "survey,type,name,label,relevant\n"
		  ",begin loop over c,l,L,\n,text,x,X,\n,end loop,,,\n"
		  ",text,y,Y,${x} != ''\n" C,
		  "t.csv:5: ${x} is ambiguous: loop 'l' copies 'x' for each "
		  "choice of 'c' (name it x_%(name)s and write ${x_%(name)s} "
		  "for the copy of the same choice)" },
		{ H ",text,a,A\n,begin loop over c,l,L\n,text,x,X\n"
		  ",end loop,,\n,note,y,Y ${a}\n" C,
		  "t.csv:6: ${a} is ambiguous: loop 'l' names a group after "
		  "choice 'a' of 'c', and another element of the form has "
		  "that name" },
		{ H ",begin loop over c,l,L\n,text,x,50% of\n,end loop,,\n" C,
		  "t.csv:3: a % in a loop starts %(name)s, %(label)s or "
		  "%(COLUMN)s: write %% for a percent sign (in label)" },
		{ H ",begin loop over c,l,L\n,text,x_%(size)s,X\n,end loop,,\n"
		  C,
		  "t.csv:3: %(size)s: a choice has no 'size' (a loop knows "
		  "%(name)s, %(label)s and the columns of the choices sheet) "
		  "(in name)" },
		/* A copied row says each thing once. */
		{ "survey,type,name,label,constraint\n"
		  ",begin loop over c,l,L,\n,text,x,X,. >\n,end loop,,,\n" C,
		  "t.csv:3: syntax error at end of expression in constraint" },
		{ H ",begin loop over c,l,L\n,text,x,X\n,text,x,X\n"
		  ",end loop,,\n" C,
		  "t.csv:4: duplicate name 'l-a-x' (first at line 3)\n"
		  "t.csv:4: duplicate name 'l-b-x' (first at line 3)" },
		{ H ",text,l-a-x,A\n,begin loop over c,l,L\n,text,x,X\n"
		  ",end loop,,\n" C,
		  "t.csv:4: duplicate name 'l-a-x' (first at line 2)" },
		/* A loop in error is read once: nothing more is said. */
		{ H ",begin loop over nope,l,L\n,text,x_%(name)s,X %(label)s\n"
		  ",text,y,${x_}\n,end loop,,\n" C,
		  "t.csv:2: loop 'l': choice list 'nope' not found" },
	};

	return cr_make_param_array(struct loop_error, cases, nitems(cases));
}

ParameterizedTest(struct loop_error *c, loop, refuses_with_lines)
{
	form = form_parse_buffer("t.csv", c->csv, strlen(c->csv), &cause);
	cr_assert_null(form, "accepted: %s", c->csv);
	cr_assert_str_eq(cause, c->cause);
}
