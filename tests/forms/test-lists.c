/* test-lists.c: tests for forms/external.c and expr-pulldata.c: choice
 * lists and pulldata() tables read from CSV files beside the form, bound
 * into its fingerprint, and every way such a file is refused. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/form-private.h"

static struct form	*form;
static struct answers	*answers;
static char		*cause;

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

/* ---- lists in a file beside the form (external.c) ----------------------- */

static char	 dir[] = "/tmp/test-types-XXXXXX";

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

	snprintf(name, sizeof name, "%s/f.csv", dir);
	return form_parse_buffer(name, csv, strlen(csv), &cause);
}

static void
files_init(void)
{
	cr_assert_geq(sodium_init(), 0);
	cr_assert_not_null(mkdtemp(dir));
	put("places.csv", "name,label,label::fr,region\n"
	    "n1,North one,Nord un,north\ns1,\"South, one\",,south\n\n"
	    "n2,North two,,north\n");
}

static void
files_fini(void)
{
	char	 cmd[160];

	answers_free(answers);
	form_free(form);
	free(cause);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(files, .init = files_init, .fini = files_fini);

static const char files_csv[] =
    "survey,type,name,label::en,label::fr,choice_filter\n"
    ",select_one_from_file places.csv,p,P,P,\n"
    ",select_multiple_from_file places.csv,m,M,M,region='north'\n";

Test(files, reads_a_list_beside_the_form)
{
	const struct choice_list	*l;
	unsigned char			 plain[FORM_FINGERPRINT_BYTES];

	form = parse_beside(files_csv);
	cr_assert_not_null(form, "%s", cause);
	cr_assert_eq(form->nfiles, 1);
	cr_assert_str_eq(form->files[0].name, "places.csv");
	l = form_question_list(form, &form->questions[1]);
	cr_assert_eq(l, form_question_list(form, &form->questions[0]));
	cr_assert_eq(l->nchoices, 3);
	cr_assert_str_eq(l->choices[1].name, "s1");
	cr_assert_str_eq(form_text(form, l->choices[1].label, 0),
	    "South, one");
	cr_assert_str_eq(form_text(form, l->choices[0].label,
	    (size_t)form_find_lang(form, "fr")), "Nord un");
	cr_assert_eq(choice_list_find(l, "n2", 2), 2);
	answers = answers_create(form, 1, "2025-06-01");
	cr_assert_eq(give("m", "n1 n2"), ANSWER_OK);
	cr_assert_eq(give("m", "s1"), ANSWER_NOT_CHOICE);
	/* the list's bytes are in the fingerprint */
	crypto_generichash(plain, sizeof plain, form->bytes, form->nbytes,
	    NULL, 0);
	cr_assert_neq(memcmp(plain, form->fingerprint, sizeof plain), 0);
}

Test(files, binds_the_list_into_the_fingerprint)
{
	struct form	*again;

	form = parse_beside(files_csv);
	cr_assert_not_null(form, "%s", cause);
	put("places.csv", "name,label,region\nn1,North one,north\n");
	again = parse_beside(files_csv);
	cr_assert_not_null(again, "%s", cause);
	cr_assert_neq(memcmp(again->fingerprint, form->fingerprint,
	    FORM_FINGERPRINT_BYTES), 0);
	form_free(again);
}

struct file_case {
	char	 type[48];
	char	 file[96];	/* written as bad.csv unless "" */
	char	 cause[160];
};

ParameterizedTestParameters(files, refuses_bad_lists)
{
	static struct file_case cases[] = {
		{ "select_one_from_file nope.csv", "",
		  ":2: list file 'nope.csv' not found beside the form" },
		{ "select_one_from_file bad.csv", "name,label\na,\"A\n",
		  ":2: list file 'bad.csv': malformed CSV near row 2" },
		{ "select_one_from_file bad.csv", "id,label\na,A\n",
		  ":2: list file 'bad.csv' has no name column" },
		{ "select_one_from_file bad.csv", "name,label\na b,A\n",
		  ":2: list file 'bad.csv', row 2: a choice name with a "
		  "space" },
		{ "select_one_from_file bad.csv", "name,label\n,A\n",
		  ":2: list file 'bad.csv', row 2: a choice without name" },
		{ "select_one_from_file bad.csv", "name,label\na,A\na,B\n",
		  ":2: list file 'bad.csv', row 3: duplicate choice 'a'" },
		{ "select_one_from_file bad.csv", "name,label\n",
		  ":2: list file 'bad.csv' has no choices" },
		{ "select_one_from_file bad.csv", "",
		  ":2: list file 'bad.csv' not found" },
		{ "select_one_from_file bad.csv", "name,label\na,\xff\n",
		  ":2: list file 'bad.csv' is not UTF-8 text" },
		{ "select_one_from_file ../f.csv", "",
		  ":2: list file '../f.csv' must be a file name beside the "
		  "form, not a path" },
		{ "select_one_from_file places.xml", "",
		  ":2: list file 'places.xml': consult reads lists from CSV "
		  "files only" },
		{ "select_one_from_file places", "",
		  ":2: list file 'places' should end with .csv" },
		{ "select_one_from_file form.csv", "",
		  ":2: list file 'form.csv': a vault keeps the form under "
		  "that name; rename the list" },
	};
	return cr_make_param_array(struct file_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct file_case *c, files, refuses_bad_lists)
{
	char	 csv[160];

	if (*c->file != '\0')
		put("bad.csv", c->file);
	snprintf(csv, sizeof csv, "survey,type,name,label\n,%s,q,Q\n",
	    c->type);
	form = parse_beside(csv);
	cr_assert_null(form, "no error for %s (%s)", c->type, c->file);
	cr_assert_not_null(strstr(cause, c->cause), "%s", cause);
}

Test(files, refuses_a_list_too_large)
{
	char	*big;
	size_t	 n = FORM_LIST_MAX_BYTES + 16, i;

	big = malloc(n + 1);
	cr_assert_not_null(big);
	memcpy(big, "name,label\n", 11);
	for (i = 11; i < n; i++)
		big[i] = i % 8 == 7 ? '\n' : 'a';
	big[n] = '\0';
	put("bad.csv", big);
	free(big);
	form = parse_beside("survey,type,name,label\n"
	    ",select_one_from_file bad.csv,q,Q\n");
	cr_assert_null(form);
	cr_assert_not_null(strstr(cause, "list file 'bad.csv' is larger than "
	    "8 MiB"), "%s", cause);
}

Test(files, pulls_data_from_a_file)
{
	put("fruits.csv", "name_key,name\nmango,Mango\norange,Orange\n");
	form = parse_beside("survey,type,name,label,calculation\n"
	    ",select_one_from_file places.csv,p,P,\n"
	    ",text,key,K,\n"
	    ",calculate,label,,\"pulldata('places', 'label', 'name', ${p})\"\n"
	    ",calculate,fruit,,\"pulldata( \"\"fruits\"\", 'name', "
	    "'name_key', ${key})\"\n"
	    ",calculate,none,,\"pulldata('fruits', 'nope', 'name_key', "
	    "'mango')\"\n");
	cr_assert_not_null(form, "%s", cause);
	cr_assert_eq(form->nfiles, 2);
	answers = answers_create(form, 1, "2025-06-01");
	cr_assert_str_eq(answers_get(answers, q_of("label")), "");
	cr_assert_eq(give("p", "s1"), ANSWER_OK);
	cr_assert_str_eq(answers_get(answers, q_of("label")), "South, one");
	cr_assert_eq(give("key", "orange"), ANSWER_OK);
	cr_assert_str_eq(answers_get(answers, q_of("fruit")), "Orange");
	cr_assert_eq(give("key", "kiwi"), ANSWER_OK);
	cr_assert_str_eq(answers_get(answers, q_of("fruit")), "");
	cr_assert_str_eq(answers_get(answers, q_of("none")), "");
}

Test(files, refuses_pulldata_without_its_file)
{
	form = parse_beside("survey,type,name,label,calculation\n"
	    ",calculate,c,,\"pulldata('nothere', 'a', 'b', 'c')\"\n");
	cr_assert_null(form);
	cr_assert_not_null(strstr(cause, "f.csv:2: list file 'nothere.csv' "
	    "not found beside the form"), "%s", cause);
	free(cause);
	cause = NULL;
	form = parse_beside("survey,type,name,label,calculation\n"
	    ",text,t,T,\n,calculate,c,,\"pulldata(${t}, 'a', 'b', 'c')\"\n");
	cr_assert_null(form);
	cr_assert_not_null(strstr(cause, "f.csv:3: pulldata() needs the name "
	    "of its file in quotes first"), "%s", cause);
}

