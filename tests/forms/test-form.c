/* test-form.c: tests for forms/form.c, choices.c and survey.c: the model
 * built from a CSV form (groups, languages, settings, parameters, choice
 * lists, expressions, fingerprint) and every validation error. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "forms/lib.h"

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

TestSuite(form, .init = test_init, .fini = test_fini);

static struct form *
parse_named(const char *name, const char *csv)
{
	form = form_parse_buffer(name, csv, strlen(csv), &cause);
	cr_assert_not_null(form, "parse failed: %s",
	    cause != NULL ? cause : "");
	return form;
}

static struct form *
parse(const char *csv)
{
	return parse_named("t.csv", csv);
}

static const struct question *
question(const char *name)
{
	int	 i;

	i = form_find_question(form, name);
	cr_assert_geq(i, 0, "no question '%s'", name);
	return &form->questions[i];
}

Test(form, nests_groups)
{
	parse("survey,type,name,label,appearance\n"
	    ",text,a,A,\n"
	    ",begin_group,g,G,field-list\n"
	    ",integer,b,B,\n"
	    ",begin group,h,H,\n"
	    ",note,c,C,\n"
	    ",end group,,,\n"
	    ",end_group,g,,\n"
	    ",date,d,D,\n");
	cr_assert_eq(form->nquestions, 8);
	cr_assert_eq(question("a")->parent, -1);
	cr_assert_eq(question("a")->depth, 0);
	cr_assert_eq(question("g")->end, 6);
	cr_assert(question("g")->field_list);
	cr_assert_eq(question("b")->parent, 1);
	cr_assert_eq(question("b")->depth, 1);
	cr_assert_eq(question("h")->parent, 1);
	cr_assert_eq(question("h")->end, 5);
	cr_assert(!question("h")->field_list);
	cr_assert_eq(question("c")->parent, 3);
	cr_assert_eq(question("c")->depth, 2);
	cr_assert_eq(form->questions[5].type, QUESTION_END_GROUP);
	cr_assert_str_eq(form->questions[5].name, "h");
	cr_assert_eq(form->questions[5].parent, 1);
	cr_assert_eq(form->questions[5].depth, 1);
	cr_assert_eq(form->questions[6].depth, 0);
	cr_assert_eq(question("d")->parent, -1);
	cr_assert_eq(question("d")->line, 9);
}

Test(form, orders_languages_by_first_appearance)
{
	parse("survey,type,name,label::English (en),hint::Español (es),"
	    "label::Français (fr),label::english (en)\n"
	    ",select_one yn,a,A,Ayuda,Aa,dup\n"
	    "choices,list_name,name,label::Deutsch (de),label::Français (fr)\n"
	    ",yn,y,Ja,Oui\n");
	cr_assert_eq(form->nlangs, 4);
	cr_assert_str_eq(form->langs[0].name, "English (en)");
	cr_assert_str_eq(form->langs[0].code, "en");
	cr_assert_str_eq(form->langs[1].name, "Español (es)");
	cr_assert_str_eq(form->langs[2].name, "Français (fr)");
	cr_assert_str_eq(form->langs[3].name, "Deutsch (de)");
	cr_assert_str_eq(form->langs[3].code, "de");
	cr_assert_eq(form->default_lang, 0);
	cr_assert_str_eq(question("a")->label[0], "A");
	cr_assert_null(question("a")->label[1]);
	cr_assert_str_eq(question("a")->hint[1], "Ayuda");
	cr_assert_str_eq(question("a")->label[2], "Aa");
	cr_assert_str_eq(form->lists[0].choices[0].label[3], "Ja");
	cr_assert_str_eq(form->lists[0].choices[0].label[2], "Oui");
	cr_assert_null(form->lists[0].choices[0].label[0]);
}

Test(form, names_languages_without_code)
{
	parse("survey,type,name,label:English,label:french\n"
	    ",note,a,A,Aa\n");
	cr_assert_eq(form->nlangs, 2);
	cr_assert_str_eq(form->langs[1].name, "french");
	cr_assert_null(form->langs[1].code);
	cr_assert_eq(form_find_lang(form, "FRENCH"), 1);
}

Test(form, puts_plain_columns_in_default)
{
	parse("survey,type,name,label,label::Français (fr)\n"
	    ",note,a,Hello,Bonjour\n");
	cr_assert_eq(form->nlangs, 2);
	cr_assert_str_eq(form->langs[0].name, "default");
	cr_assert_null(form->langs[0].code);
	cr_assert_eq(form->default_lang, 0);
	cr_assert_str_eq(question("a")->label[0], "Hello");
	cr_assert_str_eq(question("a")->label[1], "Bonjour");
}

Test(form, merges_plain_columns_into_default_language_by_code)
{
	parse("survey,type,name,label,label::English (en),"
	    "label::Français (fr)\n"
	    ",note,a,Hello,,Bonjour\n"
	    "settings,default_language\n,en\n");
	cr_assert_eq(form->nlangs, 2);
	cr_assert_str_eq(form->langs[0].name, "English (en)");
	cr_assert_eq(form->default_lang, 0);
	cr_assert_str_eq(question("a")->label[0], "Hello");
}

Test(form, picks_default_language_by_name_or_code)
{
	parse("survey,type,name,label::English (en),label::Français (fr)\n"
	    ",note,a,A,Aa\nsettings,default_language\n,FR\n");
	cr_assert_eq(form->default_lang, 1);
	form_free(form);
	parse("survey,type,name,label::English (en),label::Français (fr)\n"
	    ",note,a,A,Aa\nsettings,default_language\n,Français (fr)\n");
	cr_assert_eq(form->default_lang, 1);
}

Test(form, names_plain_language_after_settings)
{
	parse("settings,default_language\n,Kiswahili (sw)\n"
	    "survey,type,name,label\n,note,a,Habari\n");
	cr_assert_eq(form->nlangs, 1);
	cr_assert_str_eq(form->langs[0].name, "Kiswahili (sw)");
	cr_assert_str_eq(form->langs[0].code, "sw");
}

Test(form, has_one_language_without_labels)
{
	parse("survey,type,name,hint\n,note,a,Just a hint\n");
	cr_assert_eq(form->nlangs, 1);
	cr_assert_str_eq(form->langs[0].name, "default");
	cr_assert_str_eq(form_label(form, question("a"), 0), "a");
}

Test(form, reads_settings)
{
	parse("survey,type,name,label\n,note,a,A\n"
	    "settings,,\n,form_title,form_id,version,style\n"
	    ",My survey,my_id,2026.1,pages\n,ignored,second,row\n");
	cr_assert_str_eq(form->title, "My survey");
	cr_assert_str_eq(form->id, "my_id");
	cr_assert_str_eq(form->version, "2026.1");
	cr_assert_str_eq(form->path, "t.csv");
}

Test(form, falls_back_to_id_and_file_name)
{
	parse_named("dir/my.form.csv", "survey,type,name,label\n,note,a,A\n");
	cr_assert_str_eq(form->id, "my.form");
	cr_assert_str_eq(form->title, "my.form");
	cr_assert_str_eq(form->version, "");
	form_free(form);
	parse("survey,type,name,label\n,note,a,A\n"
	    "settings,set form id\n,the_id\n");
	cr_assert_str_eq(form->id, "the_id");
	cr_assert_str_eq(form->title, "the_id");
}

Test(form, reads_parameters_and_rank_max)
{
	parse("survey,type,name,label,parameters\n"
	    ",rank yn,all,All,\n"
	    ",rank abc,top,Top,max=2\n"
	    ",select_one abc,r,R,randomize=true seed=42\n"
	    ",select_multiple abc,m,M,randomize=true\n"
	    "choices,list_name,name,label\n"
	    ",yn,y,Yes\n,yn,n,No\n,abc,a,A\n,abc,b,B\n,abc,c,C\n");
	cr_assert_eq(question("all")->rank_max, 2);
	cr_assert_eq(question("top")->rank_max, 2);
	cr_assert(question("r")->randomize);
	cr_assert(question("r")->has_seed);
	cr_assert_eq(question("r")->seed, 42);
	cr_assert(question("m")->randomize);
	cr_assert(!question("m")->has_seed);
	cr_assert_eq(form_question_list(form, question("top")),
	    &form->lists[1]);
	cr_assert_eq(form->lists[1].nchoices, 3);
	cr_assert_eq(form->lists[1].line, 9);
}

Test(form, reads_appearance)
{
	parse("survey,type,name,label,control:appearance\n"
	    ",select_one yn,l,L,Likert\n"
	    ",text,t,T,multiline\n"
	    ",select_one yn,m,M,minimal  likert\n"
	    ",text,f,F,field-list\n"
	    "choices,list_name,name,label\n,yn,y,Yes\n");
	cr_assert(question("l")->likert);
	cr_assert_str_eq(question("l")->appearance, "likert");
	cr_assert(question("t")->multiline);
	cr_assert(!question("t")->likert);
	cr_assert(question("m")->likert);
	cr_assert(!question("f")->field_list);
	cr_assert_null(question("f")->default_value);
}

Test(form, reads_required)
{
	parse("survey,type,name,label,bind:required,required_message\n"
	    ",text,a,A,yes,Please\n,text,b,B,TRUE,\n,text,c,C,true(),\n"
	    ",text,d,D,no,\n,text,e,E,false,\n,text,f,F,,\n"
	    ",text,g,G,${a} = 'x',\n");
	cr_assert_str_eq(question("a")->required_src, "yes");
	cr_assert_not_null(question("a")->required);
	cr_assert_str_eq(question("a")->required_message[0], "Please");
	cr_assert_not_null(question("b")->required);
	cr_assert_not_null(question("c")->required);
	cr_assert_null(question("d")->required);
	cr_assert_null(question("d")->required_src);
	cr_assert_null(question("e")->required);
	cr_assert_null(question("f")->required);
	cr_assert_str_eq(question("g")->required_src, "${a} = 'x'");
	cr_assert_not_null(question("g")->required);
}

Test(form, parses_expressions_once)
{
	parse("survey,type,name,label,relevant,constraint,calculation,"
	    "choice_filter,default\n"
	    ",integer,age,Age,,. >= 0,,,\n"
	    ",begin_group,g,G,${age} > 17,,,,\n"
	    ",select_one c,city,City,,,,region = 'n',\n"
	    ",calculate,twice,,,,${age} * 2,,\n"
	    ",text,t,T,,,,,none\n"
	    ",end_group,,,,,,,\n"
	    "choices,list_name,name,label,region\n"
	    ",c,a,A,n\n,c,b,B,s\n,c,d,D\n");
	cr_assert_not_null(question("age")->constraint);
	cr_assert_str_eq(question("age")->constraint_src, ". >= 0");
	cr_assert_null(question("age")->relevant);
	cr_assert_not_null(question("g")->relevant);
	cr_assert_not_null(question("city")->choice_filter);
	cr_assert_not_null(question("twice")->calculation);
	cr_assert_str_eq(question("t")->default_value, "none");
	cr_assert_eq(form->nchoice_columns, 1);
	cr_assert_str_eq(form->choice_columns[0], "region");
	cr_assert_str_eq(form->lists[0].choices[1].extra[0], "s");
	cr_assert_str_eq(form->lists[0].choices[2].extra[0], "");
}

Test(form, keeps_choice_extra_columns)
{
	parse("survey,type,name,label\n,select_one c,a,A\n"
	    "choices,list name,value,caption,Region,media::image,filter\n"
	    ",c,x,X,north,x.png,1\n,c,y,Y,,,2\n");
	cr_assert_eq(form->nchoice_columns, 2);
	cr_assert_str_eq(form->choice_columns[0], "Region");
	cr_assert_str_eq(form->choice_columns[1], "filter");
	cr_assert_str_eq(form->lists[0].choices[0].extra[0], "north");
	cr_assert_str_eq(form->lists[0].choices[0].extra[1], "1");
	cr_assert_str_eq(form->lists[0].choices[1].extra[0], "");
	cr_assert_str_eq(form->lists[0].choices[1].name, "y");
	cr_assert_eq(form->lists[0].choices[1].line, 5);
	cr_assert_str_eq(form->lists[0].choices[1].label[0], "Y");
}

Test(form, fingerprints_the_exact_bytes)
{
	const char	*csv = "survey,type,name,label\n,note,a,A\n";
	unsigned char	 expect[FORM_FINGERPRINT_BYTES], first[32];

	crypto_generichash(expect, sizeof expect, (const unsigned char *)csv,
	    strlen(csv), NULL, 0);
	parse(csv);
	cr_assert_eq(memcmp(form->fingerprint, expect, sizeof expect), 0);
	cr_assert_eq(form->nbytes, strlen(csv));
	cr_assert_eq(memcmp(form->bytes, csv, form->nbytes), 0);
	memcpy(first, form->fingerprint, sizeof first);
	form_free(form);
	parse("survey,type,name,label\n,note,a,B\n");
	cr_assert_neq(memcmp(form->fingerprint, first, sizeof first), 0);
}

Test(form, falls_back_between_languages)
{
	parse("survey,type,name,label::en,label::fr,hint::fr\n"
	    ",note,a,A,,Aide\n,note,b,,Bb,\n");
	cr_assert_str_eq(form_text(form, question("a")->label, 1), "A");
	cr_assert_str_eq(form_text(form, question("b")->label, 0), "Bb");
	cr_assert_str_eq(form_text(form, question("a")->hint, 0), "Aide");
	cr_assert_str_eq(form_text(form, question("b")->hint, 0), "");
	cr_assert_str_eq(form_text(form, NULL, 0), "");
	cr_assert_str_eq(form_label(form, question("a"), 9), "A");
	cr_assert_eq(form_find_lang(form, "fr"), 1);
	cr_assert_eq(form_find_lang(form, "de"), -1);
}

Test(form, finds_questions_not_group_ends)
{
	parse("survey,type,name,label\n,begin_group,g,G\n,note,a,A\n"
	    ",end_group,,\n");
	cr_assert_eq(form_find_question(form, "g"), 0);
	cr_assert_eq(form_find_question(form, "a"), 1);
	cr_assert_eq(form_find_question(form, "nope"), -1);
	cr_assert_null(form_question_list(form, question("a")));
}

Test(form, describes_types)
{
	struct question	 q;
	static const char *names[] = { "select_one", "select_multiple",
	    "rank", "integer", "decimal", "text", "date", "note",
	    "acknowledge", "calculate", "begin_group", "end_group" };
	int		 t;

	for (t = QUESTION_SELECT_ONE; t <= QUESTION_END_GROUP; t++) {
		memset(&q, 0, sizeof q);
		q.type = (enum question_type)t;
		cr_assert_str_eq(question_type_name(q.type), names[t]);
		cr_assert_eq(question_has_choices(&q), t <= QUESTION_RANK);
		cr_assert_eq(question_stores(&q), t != QUESTION_NOTE &&
		    t != QUESTION_BEGIN_GROUP && t != QUESTION_END_GROUP);
	}
}

Test(form, loads_a_kobo_style_form)
{
	parse("\xef\xbb\xbfsurvey,,,,,,,,,\r\n"
	    ",type,name,label::English (en),label::Français (fr),"
	    "bind::jr:constraintMsg::English (en),media::image,$kuid,"
	    "required,relevance\r\n"
	    ",select one from yn,ok,\"Is it\r\nok?\",Ça va ?,,img.png,"
	    "k1,TRUE,\r\n"
	    ",int,n,How many?,Combien ?,Too many,,k2,false,"
	    "\"selected(${ok}, 'y')\"\r\n"
	    ",string,why,Why?,Pourquoi ?,,,k3,,${n} > 3\r\n"
	    "choices,,,,,,,,,\r\n"
	    ",list name,name,label::English (en),label::Français (fr),,,,,\r\n"
	    ",yn,y,Yes,Oui,,,,,\r\n,yn,n,No,Non,,,,,\r\n"
	    "settings,,,,,,,,,\r\n,form_title,form_id,,,,,,,\r\n"
	    ",Kobo,kobo,,,,,,,\r\n");
	cr_assert_eq(form->nquestions, 3);
	cr_assert_str_eq(question("ok")->label[0], "Is it\nok?");
	cr_assert_eq(question("n")->line, 5);
	cr_assert_str_eq(question("n")->constraint_message[0], "Too many");
	cr_assert_not_null(question("n")->relevant);
	cr_assert_eq(question("why")->type, QUESTION_TEXT);
	cr_assert_str_eq(form->title, "Kobo");
	cr_assert_eq(form->lists[0].nchoices, 2);
	cr_assert_eq(form->nchoice_columns, 0);
}

Test(form, reads_files)
{
	char		*path;
	const char	*srcdir = getenv("srcdir");
	int		 errnum = -1;

	xasprintf(&path, "%s/forms/imrf.csv", srcdir != NULL ? srcdir : ".");
	form = form_parse_file(path, &errnum, &cause);
	cr_assert_not_null(form, "%s", cause != NULL ? cause : "");
	cr_assert_eq(errnum, 0);
	cr_assert_str_eq(form->path, path);
	cr_assert_geq(form->nlangs, 3);
	cr_assert_geq(form->nquestions, 10);
	free(path);
}

Test(form, reports_missing_files)
{
	int	 errnum = 0;

	form = form_parse_file("/nonexistent/x.csv", &errnum, &cause);
	cr_assert_null(form);
	cr_assert_eq(errnum, ENOENT);
	cr_assert_str_eq(cause, "/nonexistent/x.csv: No such file or "
	    "directory");
}

Test(form, reports_directories)
{
	int	 errnum = 0;

	form = form_parse_file("/", &errnum, &cause);
	cr_assert_null(form);
	cr_assert_eq(errnum, EISDIR);
	cr_assert_not_null(strstr(cause, "/: "));
}

Test(form, reports_invalid_content_with_errnum_zero)
{
	char	 path[] = "/tmp/test-form-XXXXXX";
	int	 fd, errnum = -1;

	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "survey,type,name\n,datetimes,g\n", 30), 30);
	close(fd);
	form = form_parse_file(path, &errnum, &cause);
	unlink(path);
	cr_assert_null(form);
	cr_assert_eq(errnum, 0);
	cr_assert_not_null(strstr(cause, ":2: unknown type 'datetimes'"));
}

struct error_case {
	char	 csv[240];
	char	 cause[240];
};

#define HEAD "survey,type,name,label\n"
#define YN "choices,list_name,name,label\n,yn,y,Yes\n,yn,n,No\n"

ParameterizedTestParameters(form, reports_errors_with_lines)
{
	static struct error_case cases[] = {
		{ HEAD ",text,a,A\n,text,b,B\n,text,a,C\n",
		  "t.csv:4: duplicate name 'a' (first at line 2)" },
		{ HEAD ",begin_group,a,A\n,text,a,B\n,end_group,,\n",
		  "t.csv:3: duplicate name 'a' (first at line 2)" },
		{ HEAD ",select_one yn,a,A\n",
		  "t.csv:2: choice list 'yn' not found" },
		{ HEAD ",rank other,a,A\n" YN,
		  "t.csv:2: choice list 'other' not found" },
		{ HEAD ",select_one yn,a,A\n" YN ",yn,y,Again\n",
		  "t.csv:6: duplicate choice 'y' in list 'yn' (first at line 4)" },
		{ HEAD ",select_one yn,a,A\n" YN ",yn,,Nameless\n",
		  "t.csv:6: choice without name in list 'yn'" },
		{ HEAD ",select_one yn,a,A\n" YN ",,m,Maybe\n",
		  "t.csv:6: choice without list_name" },
		{ HEAD ",select_one yn,a,A\n" YN ",yn,may be,Maybe\n",
		  "t.csv:6: choice name 'may be' in list 'yn' has a space" },
		{ HEAD ",select_one yn,a,A\nchoices,list_name,label\n,yn,Y\n",
		  "t.csv:2: choice list 'yn' not found\n"
		  "t.csv:3: choices sheet has no name column" },
		{ HEAD ",select_one yn,a,A\nchoices,name,label\n,y,Y\n",
		  "t.csv:2: choice list 'yn' not found\n"
		  "t.csv:3: choices sheet has no list_name column" },
		{ HEAD ",text,,A\n", "t.csv:2: question without name" },
		{ HEAD ",begin_group,,G\n,note,n,N\n,end_group,,\n",
		  "t.csv:2: group without name" },
		{ HEAD ",text,1a,A\n", "t.csv:2: invalid name '1a' (a letter "
		  "or _ first, then letters, digits, _ - .)" },
		{ HEAD ",text,my name,A\n", "t.csv:2: invalid name 'my name' "
		  "(a letter or _ first, then letters, digits, _ - .)" },
		{ HEAD, "t.csv:1: form has no questions" },
		{ "\n\n" HEAD ",begin_group,g,G\n,end_group,,\n",
		  "t.csv:3: form has no questions" },
		{ HEAD ",intger,a,A\n",
		  "t.csv:2: unknown type 'intger'; did you mean 'integer'?" },
		{ HEAD ",text,a,A\n,foo,b,B\n", "t.csv:3: unknown type 'foo'" },
		/* Nothing more on a row refused for its type. */
		{ "survey,type,name,label,parameters,relevant,default\n"
		  ",osm roads,r,R,start=1 end=5,${nope},x\n"
		  ",text,b,B,,,\n",
		  "t.csv:2: unsupported type 'osm roads'" },
		{ "survey,type,name,label,default\n,text,a,A,${last-saved#a}\n",
		  "t.csv:2: unsupported default '${last-saved#a}' for 'a': "
		  "consult keeps no last-saved answers to fill in" },
		{ HEAD ",begin_repeat,r,R\n,text,b,B\n,end_group,,\n",
		  "t.csv:4: end_group closes repeat 'r' (opened at line 2 "
		  "with begin_repeat)" },
		{ HEAD ",begin loop over c,r,R\n,text,b,B\n,end loop,,\n",
		  "t.csv:2: loop 'r': choice list 'c' not found" },
		{ "survey,type,name,label,parameters\n,range,a,A,step=0\n",
		  "t.csv:2: range step must not be 0" },
		{ "survey,type,name,label,parameters\n"
		  ",range,a,A,start=1 end=1\n",
		  "t.csv:2: range step 1 is wider than the range from 1 to 1" },
		{ "survey,type,name,label,parameters\n"
		  ",range,a,A,start=0 end=5 step=x\n",
		  "t.csv:2: range step 'x' is not a number" },
		{ "survey,type,name,label,parameters\n"
		  ",range,a,A,start=0 end=1e9 step=1\n",
		  "t.csv:2: range end '1e9' is not a number" },
		{ "survey,type,name,label,parameters\n"
		  ",range,a,A,start=0 end=9999999 step=1\n",
		  "t.csv:2: range from 0 to 9999999 by 1 has more than a "
		  "million steps" },
		{ "survey,type,name,label,parameters\n"
		  ",integer,a,A,start=0 end=5\n",
		  "t.csv:2: start, end and step apply to range only" },
		{ "survey,type,name,label,default\n,time,a,A,25:00\n",
		  "t.csv:2: invalid default '25:00' for 'a': Please enter a "
		  "time as HH:MM (24-hour clock), such as 14:30." },
		{ "survey,type,name,label,default\n,datetime,a,A,2025-02-30 "
		  "10:00\n",
		  "t.csv:2: invalid default '2025-02-30 10:00' for 'a': Please "
		  "enter a date and time as YYYY-MM-DD HH:MM, such as "
		  "2025-03-31 14:30." },
		{ "survey,type,name,label,parameters,default\n"
		  ",range,a,A,start=0 end=10 step=2,3\n",
		  "t.csv:2: invalid default '3' for 'a': Please choose a value "
		  "on the scale shown." },
		{ "survey,type,name,label,calculation,trigger\n"
		  ",text,a,A,,\n,text,b,B,1,${zz}\n",
		  "t.csv:3: trigger names no question 'zz'" },
		{ "survey,type,name,label,calculation,trigger\n"
		  ",text,a,A,,\n,text,b,B,1,a\n",
		  "t.csv:3: trigger 'a' is not ${name} or a list of them" },
		{ "survey,type,name,label,trigger\n"
		  ",text,a,A,\n,text,b,B,${a}\n",
		  "t.csv:3: trigger on 'b' needs a calculation to recompute" },
		{ "survey,type,name,label,choice_filter\n"
		  ",select_one yn or_other,a,A,name='y'\n" YN,
		  "t.csv:2: choice_filter does not go with or_other (as in "
		  "pyxform)" },
		{ HEAD ",select_one yn or_other,a_other,A\n,text,a_other_other,"
		  "B\n" YN,
		  "t.csv:3: duplicate name 'a_other_other' (first at line 2)" },
		{ HEAD ",select_one_from_file c.csv,a,A\n",
		  "t.csv:2: list file 'c.csv' not found beside the form "
		  "(c.csv: No such file or directory)" },
		{ HEAD ",select_one_external c,a,A\n" YN,
		  "t.csv:2: choice list 'c' not found in the external_choices "
		  "sheet" },
		{ HEAD ",select_one_external yn,a,A\n" YN,
		  "t.csv:2: choice list 'yn' not found in the external_choices "
		  "sheet" },
		{ HEAD ",select_one,a,A\n",
		  "t.csv:2: type 'select_one' needs a choice list name" },
		{ HEAD ",,a,A\n,text,b,B\n", "t.csv:2: row without type" },
		{ "survey,name,label\n,a,A\n",
		  "t.csv:1: survey sheet has no type column" },
		{ "survey\n\n,type,label\n,text,A\n",
		  "t.csv:3: survey sheet has no name column" },
		{ "survey\n", "t.csv:1: survey sheet has no type column\n"
		  "t.csv:1: survey sheet has no name column" },
		{ YN, "t.csv:1: no survey sheet (a row whose first cell is "
		  "'survey' starts it)" },
		{ "", "t.csv:1: no survey sheet (a row whose first cell is "
		  "'survey' starts it)" },
		{ HEAD ",text,a,A\nsurvey,type,name\n,text,b\n",
		  "t.csv:3: second survey sheet (the first starts at line 1)" },
		{ HEAD ",text,a,A\n,end_group,,\n",
		  "t.csv:3: end_group without begin_group" },
		{ HEAD ",text,a,A\n,begin_group,g,G\n,begin_group,h,H\n"
		  ",text,b,B\n,end_group,,\n",
		  "t.csv:3: group 'g' has no end_group" },
		{ "survey,type,name,label,parameters\n,rank yn,a,A,max=3\n" YN,
		  "t.csv:2: rank max 3 out of range (1 to 2, the choices of "
		  "'yn')" },
		{ "survey,type,name,label,parameters\n,rank yn,a,A,max=0\n" YN,
		  "t.csv:2: rank max 0 out of range (1 to 2, the choices of "
		  "'yn')" },
		{ "survey,type,name,label,parameters\n,rank yn,a,A,max=two\n" YN,
		  "t.csv:2: rank max 'two' is not a number" },
		{ "survey,type,name,label,parameters\n"
		  ",select_one yn,a,A,max=1\n" YN,
		  "t.csv:2: max=1 applies to rank only" },
		{ "survey,type,name,label,parameters\n"
		  ",text,a,A,randomize=true\n",
		  "t.csv:2: randomize applies to select and rank only" },
		{ "survey,type,name,label,parameters\n"
		  ",select_one yn,a,A,shuffle=true\n" YN,
		  "t.csv:2: unknown parameter 'shuffle' (randomize, seed, max, "
		  "start, end and step are known)" },
		{ HEAD ",calculate,c,\n",
		  "t.csv:2: calculate 'c' needs a calculation" },
		{ HEAD ",text,a,\n", "t.csv:2: question 'a' has no label" },
		{ "survey,type,name,label,relevant\n,text,region,R,\n"
		  ",text,b,B,${regoin} = 'x'\n",
		  "t.csv:3: unknown question 'regoin' in relevant" },
		{ "survey,type,name,label,constraint\n,text,a,A,${b} = 1\n",
		  "t.csv:2: unknown question 'b' in constraint" },
		{ "survey,type,name,label,required\n,text,a,A,${zz}\n",
		  "t.csv:2: unknown question 'zz' in required" },
		{ "survey,type,name,label,calculation\n,calculate,c,,${x}+1\n",
		  "t.csv:2: unknown question 'x' in calculation" },
		{ "survey,type,name,label,choice_filter\n"
		  ",text,a,A,x = 1\n",
		  "t.csv:2: choice_filter applies to select and rank only" },
		{ "settings,default_language\n,de\n"
		  "survey,type,name,label::en\n,note,a,A\n",
		  "t.csv:2: default_language 'de' is not a language of the "
		  "form" },
		{ "survey,type,name,label,default\n,integer,a,A,1.5\n",
		  "t.csv:2: invalid default '1.5' for 'a': Please enter a "
		  "whole number, such as 12." },
		{ "survey,type,name,label,default\n,select_one yn,a,A,m\n" YN,
		  "t.csv:2: invalid default 'm' for 'a': Please choose among "
		  "the options shown." },
		{ "survey,type,name,label,default\n"
		  ",select_multiple yn,a,A,y y\n" YN,
		  "t.csv:2: invalid default 'y y' for 'a': Each option can be "
		  "chosen only once." },
		{ "survey,type,name,label,default\n,date,a,A,31/12/2024\n",
		  "t.csv:2: invalid default '31/12/2024' for 'a': Please enter "
		  "a date as YYYY-MM-DD, such as 2025-03-31." },
		/* A list that is missing is the only error, not its default. */
		{ "survey,type,name,label,default\n,select_one zz,a,A,m\n",
		  "t.csv:2: choice list 'zz' not found" },
		{ HEAD ",note,a,\"open\n,note,b,B\n",
		  "t.csv:2: unterminated quote" },
		{ HEAD ",note,a,\xff\n", "t.csv:2: invalid UTF-8" },
		/* Every error, sorted by line. */
		{ "survey,type,name,label,relevant\n"
		  ",begin_group,g,G,\n"
		  ",text,a,A,\n"
		  ",text,b,B,${nope}\n"
		  ",text,a,C,\n"
		  ",hiden,c,C,\n",
		  "t.csv:2: group 'g' has no end_group\n"
		  "t.csv:4: unknown question 'nope' in relevant\n"
		  "t.csv:5: duplicate name 'a' (first at line 3)\n"
		  "t.csv:6: unknown type 'hiden'" },
	};
	return cr_make_param_array(struct error_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct error_case *c, form, reports_errors_with_lines)
{
	form = form_parse_buffer("t.csv", c->csv, strlen(c->csv), &cause);
	cr_assert_null(form, "no error for:\n%s", c->csv);
	cr_assert_not_null(cause);
	cr_assert_str_eq(cause, c->cause);
}

/* Defaults the question accepts load, normalised when applied. */
Test(form, accepts_valid_defaults)
{
	const char	*csv = "survey,type,name,label,default\n"
	    ",integer,a,A, 007\n,select_multiple yn,b,B,n y\n"
	    ",date,c,C,2024-02-29\n,note,d,D,anything\n" YN;

	form = form_parse_buffer("t.csv", csv, strlen(csv), &cause);
	cr_assert_not_null(form, "%s", cause);
}

/* The expression engine's own messages get the line and the column. */
Test(form, prefixes_expression_errors)
{
	const char	*csv = "survey,type,name,label,relevant\n"
	    ",integer,a,A,\n\n,text,b,B,${a} >\n";

	form = form_parse_buffer("x/f.csv", csv, strlen(csv), &cause);
	cr_assert_null(form);
	cr_assert_eq(strncmp(cause, "x/f.csv:4: ", 11), 0, "%s", cause);
	cr_assert_not_null(strstr(cause, " in relevant"), "%s", cause);
	cr_assert_null(strchr(cause, '\n'), "%s", cause);
}
