/* test-instance.c: tests for expr-instance.c and expr-instance-parse.c:
 * instance('L')/root/item[...]/column lookups into a list of the choices
 * sheet and into CSV files beside the form, each against what ODK (the
 * XForms spec, XPath 1.0, pyxform's instances) gives, in the
 * participant's language; and every refusal with its message. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/form-private.h"

static char		 dir[] = "/tmp/test-instance-XXXXXX";
static struct form	*form;
static struct answers	*answers;
static char		*cause;

static void
put(const char *name, const char *text)
{
	char	 path[128];
	FILE	*fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	cr_assert_not_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

/* Parse csv as DIR/f.csv; the form, or NULL with cause set. */
static struct form *
parse_beside(const char *csv)
{
	char	 name[128];

	free(cause);
	cause = NULL;
	snprintf(name, sizeof name, "%s/f.csv", dir);
	return form_parse_buffer(name, csv, strlen(csv), &cause);
}

/* places.csv: a csv-external dataset with a blank line, a quoted cell,
 * a French label missing on one row. */
static const char places_csv[] =
    "name,label,label::fr,region,country,size\n"
    "n1,North one,Nord un,north,de,10\n"
    "s1,\"South, one\",,south,lu,2\n"
    "\n"
    "n2,North two,Nord deux,north,fr,7\n";

static const char form_csv[] =
    "survey,type,name,label,label::fr,calculation\n"
    ",csv-external,places,,,\n"
    ",text,k,K?,K ?,\n"
    ",integer,n,N?,N ?,\n"
    ",calculate,lab,,,instance('countries')/root/item[name = ${k}]/label\n"
    ",calculate,plab,,,instance('places')/root/item[name = ${k}]/label\n"
    "choices,list_name,name,label,label::fr,capital,pop\n"
    ",countries,fr,France,France,Paris,67\n"
    ",countries,de,Germany,Allemagne,Berlin,83\n"
    ",countries,lu,Luxembourg,,Luxembourg,1\n"
    ",unused,x,X,,,\n";

static void
inst_init(void)
{
	cr_assert_geq(sodium_init(), 0);
	cr_assert_not_null(mkdtemp(dir));
	put("places.csv", places_csv);
}

static void
inst_fini(void)
{
	char	 cmd[160];

	answers_free(answers);
	form_free(form);
	free(cause);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(instance, .init = inst_init, .fini = inst_fini);

/* Answer k and n, then evaluate src as question lab sees it. */
static char *
eval(const char *src, const char *k, const char *n)
{
	struct answers_ctx	 c;
	struct expr_env		 env;
	struct expr		*e;
	char			*why = NULL, *s;

	if (form == NULL) {
		form = parse_beside(form_csv);
		cr_assert_not_null(form, "%s", cause);
		answers = answers_create(form, 1, "2025-06-01");
	}
	answers_set(answers, form_find_question(form, "k"), k);
	answers_set(answers, form_find_question(form, "n"), n);
	e = expr_parse(src, form, 0, &why);
	cr_assert_not_null(e, "'%s' refused: %s", src, why);
	answers_env(answers, &c, &env, form_find_question(form, "lab"), NULL);
	s = expr_eval_string(e, &env);
	expr_free(e);
	return s;
}

struct inst_case {
	char	 expr[160];
	char	 k[8];
	char	 n[8];
	char	 want[32];
};

ParameterizedTestParameters(instance, looks_up)
{
	static struct inst_case cases[] = {
		/* a list of the choices sheet: any column, first match */
		{ "instance('countries')/root/item[name = ${k}]/label", "de",
		    "", "Germany" },
		{ "instance('countries')/root/item[name = ${k}]/capital",
		    "fr", "", "Paris" },
		{ "instance('countries')/root/item[capital = 'Berlin']/name",
		    "", "", "de" },
		{ "instance('countries')/root/item[${k} = name]/pop", "lu",
		    "", "1" },
		/* no match, a missing key: "" (XPath's empty node-set) */
		{ "instance('countries')/root/item[name = ${k}]/label", "zz",
		    "", "" },
		{ "instance('countries')/root/item[name = ${k}]/label", "",
		    "", "" },
		{ "instance('countries')/root/item[9]/name", "", "", "" },
		/* and, or, comparisons: the first in the list's order */
		{ "instance('countries')/root/item[pop > 50 and pop < 80]/name",
		    "", "", "fr" },
		{ "instance('countries')/root/item[pop < 2 or name = 'de']"
		    "/name",
		    "", "", "de" },
		{ "instance('countries')/root/item[name != 'fr']/name", "", "",
		    "de" },
		/* [N], position(), last(), predicates one after another */
		{ "instance('countries')/root/item[2]/name", "", "", "de" },
		{ "instance('countries')/root/item[${n}]/name", "", "3", "lu" },
		{ "instance('countries')/root/item[position() = last()]/name",
		    "", "", "lu" },
		{ "instance('countries')/root/item[pop > 10][2]/name", "", "",
		    "de" },
		{ "instance('countries')/root/item[position() > 1][pop > 10]"
		    "/capital", "", "", "Berlin" },
		/* compared as XPath compares a node with a value */
		{ "instance('countries')/root/item[pop = 67]/name", "", "",
		    "fr" },
		{ "instance('countries')/root/item[pop = 67.0]/name", "", "",
		    "fr" },
		{ "instance('countries')/root/item[pop = '67.0']/name", "", "",
		    "" },
		{ "instance('countries')/root/item[pop = ${n}]/name", "",
		    "83", "de" },
		{ "instance('countries')/root/item[name = 'fr']/pop + 1", "",
		    "", "68" },
		{ "instance('countries')/root/item[name = ${k}]/pop = 83", "de",
		    "", "true" },
		{ "if(instance('countries')/root/item[name = ${k}]/label = '', "
		    "'none', 'some')", "zz", "", "none" },
		/* pyxform's itextId of a translated list */
		{ "instance('countries')/root/item[name = 'de']/itextId", "",
		    "", "countries-1" },
		{ "jr:itext(instance('countries')/root/item[name = ${k}]"
		    "/itextId)", "de", "", "Germany" },
		{ "jr:itext('static_instance-countries-2')", "", "",
		    "Luxembourg" },
		{ "jr:itext('countries-3')", "", "", "" },
		{ "jr:itext('/data/k:label')", "", "", "" },
		{ "jr:itext('countries-')", "", "", "" },
		/* node-set functions over the matches */
		{ "count(instance('countries')/root/item[pop > 10])", "", "",
		    "2" },
		{ "count(instance('countries')/root/item)", "", "", "3" },
		{ "count(instance('countries')/root/item[name = ${k}])", "zz",
		    "", "0" },
		{ "sum(instance('countries')/root/item/pop)", "", "", "151" },
		{ "max(instance('countries')/root/item/pop)", "", "", "83" },
		{ "join(' ', instance('countries')/root/item[pop > 10]"
		    "/capital)",
		    "", "", "Paris Berlin" },
		{ "count(instance('countries')/root/item[position() > 1])", "",
		    "", "2" },
		/* a file: its columns, no blank line as an item */
		{ "instance('places')/root/item[name = ${k}]/region", "s1", "",
		    "south" },
		{ "instance('places')/root/item[name = 's1']/label", "", "",
		    "South, one" },
		{ "count(instance('places')/root/item)", "", "", "3" },
		{ "instance('places')/root/item[3]/name", "", "", "n2" },
		{ "sum(instance('places')/root/item[region = 'north']/size)",
		    "", "", "17" },
		/* one lookup inside another's predicate */
		{ "instance('countries')/root/item[name = instance('places')"
		    "/root/item[region = 'south']/country]/capital", "", "",
		    "Luxembourg" },
		{ "instance('unused')/root/item[1]/label", "", "", "X" },
	};

	return cr_make_param_array(struct inst_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct inst_case *c, instance, looks_up)
{
	char	*s;

	s = eval(c->expr, c->k, c->n);
	cr_assert_str_eq(s, c->want, "%s with k='%s' n='%s'", c->expr, c->k,
	    c->n);
	free(s);
}

Test(instance, labels_in_the_participants_language)
{
	size_t	 fr;
	char	*s;

	s = eval("instance('countries')/root/item[name = ${k}]/label", "de",
	    "");
	cr_assert_str_eq(s, "Germany");
	free(s);
	fr = (size_t)form_find_lang(form, "fr");
	answers_set_lang(answers, fr);
	/* the calculates are computed again in French */
	cr_assert_str_eq(answers_get(answers, form_find_question(form, "lab")),
	    "Allemagne");
	s = eval("instance('countries')/root/item[name = 'lu']/label", "", "");
	cr_assert_str_eq(s, "Luxembourg", "no French label: the default");
	free(s);
	s = eval("instance('places')/root/item[name = ${k}]/label", "n2", "");
	cr_assert_str_eq(s, "Nord deux");
	free(s);
	s = eval("instance('places')/root/item[name = ${k}]/label", "s1", "");
	cr_assert_str_eq(s, "South, one");
	free(s);
	s = eval("jr:itext(instance('countries')/root/item[name = 'de']"
	    "/itextId)", "", "");
	cr_assert_str_eq(s, "Allemagne", "jr:itext() as ODK's itext");
	free(s);
	s = eval("instance('countries')/root/item[label = 'Allemagne']/name",
	    "", "");
	cr_assert_str_eq(s, "de", "a predicate reads the same label");
	free(s);
}

/* jr:choice-name() follows the participant's language as lookups do
 * (JavaRosa: the form's current language). */
Test(instance, choice_name_in_the_participants_language)
{
	static const char csv[] =
	    "survey,type,name,label,label::fr,calculation\n"
	    ",select_one c,q,Q?,Q ?,\n"
	    ",calculate,cn,,,\"jr:choice-name(${q}, '${q}')\"\n"
	    "choices,list_name,name,label,label::fr\n"
	    ",c,de,Germany,Allemagne\n,c,lu,Luxembourg,\n";
	struct form	*f = parse_beside(csv);
	struct answers	*a;

	cr_assert_not_null(f, "%s", cause);
	a = answers_create(f, 1, "2025-03-31");
	answers_set(a, 0, "de");
	cr_assert_str_eq(answers_get(a, 1), "Germany");
	answers_set_lang(a, (size_t)form_find_lang(f, "fr"));
	cr_assert_str_eq(answers_get(a, 1), "Allemagne");
	answers_set(a, 0, "lu");
	cr_assert_str_eq(answers_get(a, 1), "Luxembourg",
	    "no French label: the default language's");
	answers_free(a);
	form_free(f);
}

struct refusal {
	char	 expr[200];
	char	 cause[160];
};

ParameterizedTestParameters(instance, refuses)
{
	static struct refusal cases[] = {
		{ "instance('nope')/root/item[name = 1]/label",
		    "instance('nope'): no list 'nope' in the choices sheet, "
		    "and no file nope.csv the form reads" },
		{ "instance('places.csv')/root/item/name",
		    "instance('places.csv'): an instance is named without .csv "
		    "(instance('places'))" },
		{ "instance('countries')/root/item[name = 1]/nope",
		    "instance('countries'): no column 'nope' in the choices "
		    "sheet" },
		{ "instance('places')/root/item[nope = 1]/name",
		    "instance('places'): no column 'nope' in places.csv" },
		{ "instance('countries')/root/item",
		    "instance('countries')/root/item needs a column" },
		{ "sum(instance('countries')/root/item)",
		    "instance('countries')/root/item needs a column" },
		{ "instance('countries')//item/name",
		    "unsupported path after instance(): consult reads "
		    "instance('list')/root/item[predicate]/column only" },
		{ "instance('countries')/data/item/name",
		    "unsupported path after instance()" },
		{ "instance('countries')/root/item/name/x",
		    "unsupported path after instance('countries')/root/item/"
		    "name" },
		{ "instance('countries')/root/item/name[1]",
		    "unsupported path after instance('countries')/root/item/"
		    "name" },
		{ "instance('countries')/root/item/'x'",
		    "unsupported path after instance('countries')/root/item:" },
		{ "instance(${k})/root/item/name",
		    "instance() takes the name of a list in quotes" },
		{ "instance('countries', 'x')/root/item/name",
		    "instance() takes one argument" },
		{ "instance('countries')/root/item[. = 1]/name",
		    "'.' in an instance() predicate is not supported" },
		{ "instance('countries')/root/item[name = 1/name",
		    "syntax error near '/name'" },
		{ "instance('countries')/root/item[name = 1",
		    "missing ']'" },
		{ "instance('countries')/root/item[current()/x = 1]/name",
		    "unknown function 'current()'" },
		{ "instance('countries')/root/item[1][1][1][1][1][1][1][1][1]"
		    "[1][1][1][1][1][1][1][1]/name",
		    "instance('countries'): more than 16 predicates" },
		{ "last()", "unknown function 'last()'" },
		{ "name = 'x'", "unknown name 'name'" },
		{ "/root/item", "syntax error near '/root/item'" },
		{ "${k}[1]", "syntax error near '[1]'" },
	};

	return cr_make_param_array(struct refusal, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct refusal *c, instance, refuses)
{
	struct expr	*e;
	char		*why = NULL;

	form = parse_beside(form_csv);
	cr_assert_not_null(form, "%s", cause);
	e = expr_parse(c->expr, form, 0, &why);
	cr_assert_null(e, "'%s' accepted", c->expr);
	cr_assert_not_null(strstr(why, c->cause), "'%s': got '%s'", c->expr,
	    why);
	free(why);
}

Test(instance, refuses_deep_nesting_without_crashing)
{
	struct buf	 b;
	struct expr	*e;
	char		*why = NULL;
	int		 i;

	form = parse_beside(form_csv);
	cr_assert_not_null(form, "%s", cause);
	buf_init(&b);
	for (i = 0; i < 200; i++)
		buf_add_str(&b, "instance('countries')/root/item[name = ");
	buf_add_str(&b, "'x'");
	for (i = 0; i < 200; i++)
		buf_add_str(&b, "]/name");
	e = expr_parse(buf_str(&b), form, 0, &why);
	cr_assert_null(e);
	cr_assert_str_eq(why, "expression nested too deeply");
	free(why);
	buf_clear(&b);
}

Test(instance, a_pulldata_file_is_an_instance_in_any_row)
{
	form = parse_beside("survey,type,name,label,calculation\n"
	    ",calculate,a,,instance('places')/root/item[1]/region\n"
	    ",calculate,b,,\"pulldata('places', 'size', 'name', 'n1')\"\n");
	cr_assert_not_null(form, "%s", cause);
	answers = answers_create(form, 1, "2025-06-01");
	cr_assert_str_eq(answers_get(answers, 0), "north");
	cr_assert_str_eq(answers_get(answers, 1), "10");
}

Test(instance, refuses_a_csv_external_without_its_file)
{
	form = parse_beside("survey,type,name,label,calculation\n"
	    ",csv-external,gone,,\n"
	    ",calculate,a,,instance('gone')/root/item[1]/name\n");
	cr_assert_null(form);
	cr_assert_not_null(strstr(cause, "f.csv:2: list file 'gone.csv' not "
	    "found beside the form"), "%s", cause);
	cr_assert_not_null(strstr(cause, "f.csv:3: instance('gone'): no "
	    "list 'gone'"), "%s", cause);
}

Test(instance, binds_a_csv_external_into_the_fingerprint)
{
	struct form	*again;

	form = parse_beside(form_csv);
	cr_assert_not_null(form, "%s", cause);
	cr_assert_eq(form->nfiles, 1);
	cr_assert_str_eq(form->files[0].name, "places.csv");
	put("places.csv", "name,label\nn1,North\n");
	again = parse_beside(form_csv);
	cr_assert_not_null(again, "%s", cause);
	cr_assert_neq(memcmp(again->fingerprint, form->fingerprint,
	    FORM_FINGERPRINT_BYTES), 0);
	form_free(again);
}

Test(instance, a_csv_external_row_stores_nothing)
{
	int	 q;

	form = parse_beside(form_csv);
	cr_assert_not_null(form, "%s", cause);
	q = form_find_question(form, "places");
	cr_assert_geq(q, 0);
	cr_assert_eq(form->questions[q].special, QUESTION_IGNORED);
	cr_assert_eq(question_stores(&form->questions[q]), 0);
}

Test(instance, reads_a_list_of_the_external_choices_sheet)
{
	form = parse_beside("survey,type,name,label,calculation,choice_filter\n"
	    ",text,k,K?,,\n"
	    ",select_one_external towns,t,Town?,,region=${k}\n"
	    ",calculate,c,,instance('towns')/root/item[name = ${t}]/label,\n"
	    ",calculate,d,,sum(instance('towns')/root/item[region = ${k}]"
	    "/pop),\n"
	    "external_choices,list_name,name,label,region,pop\n"
	    ",towns,a,Aville,n,5\n,towns,b,Bville,s,7\n,towns,c,Cville,s,1\n");
	cr_assert_not_null(form, "%s", cause);
	answers = answers_create(form, 1, "2025-06-01");
	answers_set(answers, 0, "s");
	answers_set(answers, 1, "b");
	cr_assert_str_eq(answers_get(answers, 2), "Bville");
	cr_assert_str_eq(answers_get(answers, 3), "8");
}

Test(instance, a_select_one_from_file_makes_its_file_an_instance)
{
	form = parse_beside("survey,type,name,label,calculation\n"
	    ",select_one_from_file places.csv,p,P?,\n"
	    ",calculate,r,,instance('places')/root/item[name = ${p}]/region\n");
	cr_assert_not_null(form, "%s", cause);
	answers = answers_create(form, 1, "2025-06-01");
	answers_set(answers, 0, "s1");
	cr_assert_str_eq(answers_get(answers, 1), "south");
}
