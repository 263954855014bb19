/* test-markup.c: forms/markup.c (labels as ODK Collect shows them,
 * without markup) and forms/pipe.c (${name} in labels, checked at load
 * and filled in from the answers). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

struct markup_case {
	char	 in[80];
	char	 want[64];
};

ParameterizedTestParameters(markup, shows_plain_text)
{
	static struct markup_case cases[] = {
		{ "plain", "plain" },
		{ "**bold** and __bold__", "bold and bold" },
		{ "*it* and _it_", "it and it" },
		{ "5 * 3 * 2", "5 * 3 * 2" },
		{ "a_b", "a_b" },
		{ "snake_case_name", "snakecasename" },	/* as Collect */
		{ "\\*not it\\*", "*not it*" },
		{ "\\_x\\_ \\# \\\\", "_x_ # \\" },
		{ "# Heading", "Heading" },
		{ "### Three\nnext", "Three\nnext" },
		{ "not # heading", "not # heading" },
		{ "[site](https://e.org)", "site (https://e.org)" },
		{ "[https://e.org](https://e.org)", "https://e.org" },
		{ "[](https://e.org)", "https://e.org" },
		{ "[a](b", "[a](b" },
		{ "<span style=\"color:red\">red</span> text", "red text" },
		{ "one<br>two<br/>three", "one\ntwo\nthree" },
		{ "<p>para</p>after", "para\nafter" },
		{ "<b><i></i></b>", "" },
		{ "a < b and c > d", "a < b and c > d" },
		{ "<b unterminated", "<b unterminated" },
		{ "x <3", "x <3" },
		{ "&lt;b&gt; &amp; &#233; &#x263A; &bogus;",
		    "<b> & \xc3\xa9 \xe2\x98\xba &bogus;" },
		{ "&#0; &#x1b; &#xd800; &#1114112;",
		    "&#0; &#x1b; &#xd800; &#1114112;" },
		{ "\033[31mred\033[0m \033]0;title\007done", "red done" },
		{ "bell\007 del\177 c1\xc2\x9b!", "bell del c1!" },
		{ "**${first_name}** and ${last_name}",
		    "${first_name} and ${last_name}" },
		{ "_${a_b}_", "${a_b}" },
		{ "  <br>  spaced  ", "spaced" },
		{ "****", "" },
		{ "\\", "\\" },
	};
	return cr_make_param_array(struct markup_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct markup_case *c, markup, shows_plain_text)
{
	char	*s = form_plain(c->in);

	cr_expect_str_eq(s, c->want, "'%s' gave '%s', not '%s'", c->in, s,
	    c->want);
	free(s);
}

static const char pipe_form[] =
    "survey,type,name,label::English (en),label::Fran\xc3\xa7" "ais (fr),"
    "hint::English (en),constraint_message::English (en)\n"
    ",text,who,Name?,Nom ?,,\n"
    ",select_one f,fav,Hello **${who}**,Bonjour ${who},,\n"
    ",select_multiple f,more,Not ${fav}?,Pas ${fav} ?,${more},\n"
    ",integer,n,N,N,,${who}: ${n}?\n"
    "choices,list_name,name,label::English (en),label::Fran\xc3\xa7" "ais (fr)\n"
    ",f,a,Apple,Pomme\n"
    ",f,p,<i>Pear</i> of ${who},Poire de ${who}\n"
    ",f,x,<b></b>,<b></b>\n";

static struct form *
pipe_load(const char *text)
{
	struct form	*f;
	char		*cause = NULL;

	f = form_parse_buffer("pipe.csv", text, strlen(text), &cause);
	cr_assert_not_null(f, "%s", cause);
	return f;
}

static void
pipe_expect(const struct answers *a, const char *text, size_t lang,
    const char *want)
{
	char	*s = answers_pipe(a, text, lang);

	cr_assert_not_null(s, "'%s' was not piped", text);
	cr_expect_str_eq(s, want, "'%s' gave '%s', not '%s'", text, s, want);
	wipe_free(s);
}

Test(pipe, fills_in_answers_as_read)
{
	struct form	*f = pipe_load(pipe_form);
	struct answers	*a = answers_create(f, 1, "2024-03-15");
	const struct question *fav = &f->questions[1];

	cr_expect_str_eq(fav->label[0], "Hello ${who}", "markup dropped");
	cr_expect_null(answers_pipe(a, "no refs", 0));
	pipe_expect(a, fav->label[0], 0, "Hello ");	/* unanswered */
	answers_set(a, 0, "Ann");
	pipe_expect(a, fav->label[0], 0, "Hello Ann");
	pipe_expect(a, fav->label[1], 1, "Bonjour Ann");
	answers_set(a, 1, "p");
	pipe_expect(a, f->questions[2].label[0], 0, "Not Pear of Ann?");
	pipe_expect(a, f->questions[2].label[1], 1, "Pas Poire de Ann ?");
	answers_set(a, 2, "x a");	/* a label of tags only: the name */
	pipe_expect(a, f->questions[2].hint[0], 0, "x, Apple");
	answers_set(a, 3, "12");
	pipe_expect(a, f->questions[3].constraint_message[0], 0,
	    "Ann: 12?");
	answers_set(a, 0, NULL);	/* changed answers pipe anew */
	pipe_expect(a, fav->label[0], 0, "Hello ");
	pipe_expect(a, "${ who }${nobody}${", 0, "${");
	answers_free(a);
	form_free(f);
}

struct pipe_error {
	char	 row[80];
	char	 cause[160];
};

ParameterizedTestParameters(pipe, refuses_unknown_names)
{
	static struct pipe_error cases[] = {
		{ ",note,m,Hi ${nmae},,\n",
		    "pipe.csv:3: unknown question '${nmae}' in label; did you "
		    "mean ${name}?" },
		{ ",note,m,Hi,${zzz},\n",
		    "pipe.csv:3: unknown question '${zzz}' in hint" },
		{ ",integer,m,Hi,,${ name2 }\n",
		    "pipe.csv:3: unknown question '${name2}' in "
		    "constraint_message; did you mean ${name}?" },
		{ ",note,m,Hi ${},,\n", "pipe.csv:3: empty ${} in label" },
	};
	return cr_make_param_array(struct pipe_error, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct pipe_error *c, pipe, refuses_unknown_names)
{
	struct form	*f;
	char		*text, *cause = NULL;

	xasprintf(&text, "survey,type,name,label,hint,constraint_message\n"
	    ",text,name,Name?,,\n%s", c->row);
	f = form_parse_buffer("pipe.csv", text, strlen(text), &cause);
	cr_assert_null(f);
	cr_expect_str_eq(cause, c->cause);
	free(cause);
	free(text);
}

Test(pipe, refuses_unknown_names_in_choice_labels)
{
	const char	*text = "survey,type,name,label\n"
	    ",select_one l,q,Q\n"
	    "choices,list_name,name,label\n"
	    ",l,a,A ${qq}\n";
	struct form	*f;
	char		*cause = NULL;

	f = form_parse_buffer("pipe.csv", text, strlen(text), &cause);
	cr_assert_null(f);
	cr_expect_str_eq(cause, "pipe.csv:4: unknown question '${qq}' in "
	    "choice label; did you mean ${q}?");
	free(cause);
}

/* Openings without closings, a quarter of a megabyte of each: the text
 * comes back whole (each pass stays linear: a quadratic one would take
 * minutes here). */
Test(markup, survives_hostile_openings)
{
	static const char *units[] = { "<a", "[x", "${", "&#", "_a", "**" };
	size_t		 i, j, n = 128 * 1024;
	char		*in, *out;

	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		in = xmalloc(n * 2 + 1);
		for (j = 0; j < n; j++)
			memcpy(in + 2 * j, units[i], 2);
		in[2 * n] = '\0';
		out = form_plain(in);
		if (i < 4)
			cr_expect_str_eq(out, in, "'%s' repeated changed",
			    units[i]);
		else
			cr_expect_eq(strlen(out), i == 4 ? n : 0,
			    "'%s' repeated: %zu bytes", units[i], strlen(out));
		free(out);
		free(in);
	}
}

/* A choice label that pipes its own question stops after a few levels
 * instead of recursing for ever. */
Test(pipe, stops_on_a_label_piping_itself)
{
	const char	*text = "survey,type,name,label\n"
	    ",select_one l,q,Q is ${q}\n"
	    "choices,list_name,name,label\n"
	    ",l,a,A then ${q}\n";
	struct form	*f = pipe_load(text);
	struct answers	*a = answers_create(f, 1, "2024-03-15");

	answers_set(a, 0, "a");
	pipe_expect(a, f->questions[0].label[0], 0,
	    "Q is A then A then A then ");
	answers_free(a);
	form_free(f);
}

/* Thousands of references to a select whose choice label refers to it
 * thousands of times again: piping fills in a bounded number and ends. */
Test(pipe, bounds_hostile_references)
{
	struct buf	 b;
	struct form	*f;
	struct answers	*a;
	char		*s;
	int		 i;

	buf_init(&b);
	buf_add_str(&b, "survey,type,name,label\n,select_one l,q,");
	for (i = 0; i < 5000; i++)
		buf_add_str(&b, "${q}");
	buf_add_str(&b, "\nchoices,list_name,name,label\n,l,a,");
	for (i = 0; i < 5000; i++)
		buf_add_str(&b, "A${q}");
	buf_add_str(&b, "\n");
	f = pipe_load(buf_str(&b));
	a = answers_create(f, 1, "2024-03-15");
	answers_set(a, 0, "a");
	s = answers_pipe(a, f->questions[0].label[0], 0);
	cr_assert_not_null(s);
	cr_expect(strlen(s) >= 5000 && strlen(s) <= 2 * 1024 * 1024,
	    "%zu bytes", strlen(s));
	cr_expect_eq(s[0], 'A');
	wipe_free(s);
	answers_free(a);
	form_free(f);
	buf_clear(&b);
}
