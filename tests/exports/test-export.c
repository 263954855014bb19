/* test-export.c: tests for exports/export.c and the formats behind it,
 * against golden files written and checked by hand. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/exports/fixture.h"

/* Compare line by line first, for a readable failure. */
static void
assert_golden(const char *got, const char *name)
{
	char		*want = fixture_golden(name);
	const char	*g = got, *w = want, *ge, *we;
	int		 line = 1;

	while (*g != '\0' && *w != '\0') {
		ge = strchr(g, '\n');
		we = strchr(w, '\n');
		ge = ge != NULL ? ge + 1 : g + strlen(g);
		we = we != NULL ? we + 1 : w + strlen(w);
		cr_assert(ge - g == we - w && memcmp(g, w, ge - g) == 0,
		    "%s:%d:\n got: %.*s\nwant: %.*s", name, line,
		    (int)(ge - g), g, (int)(we - w), w);
		g = ge;
		w = we;
		line++;
	}
	cr_assert_str_eq(got, want, "%s: lengths differ", name);
	free(want);
}

struct golden_case {
	int	 format;
	char	 lang[8];
	char	 by[16];
	char	 golden[40];
};

ParameterizedTestParameters(export, matches_golden_files)
{
	static struct golden_case cases[] = {
		{ EXPORT_SUMMARY, "en", "", "summary.csv" },
		{ EXPORT_SUMMARY, "fr", "region", "summary-by-region-fr.csv" },
		{ EXPORT_RESPONSES, "en", "", "responses.csv" },
		{ EXPORT_RESPONSES, "fr", "", "responses.csv" },
		{ EXPORT_TEXT, "en", "", "text.csv" },
		{ EXPORT_CODEBOOK, "en", "", "codebook.csv" },
		{ EXPORT_PAIRWISE, "en", "", "pairwise.csv" },
	};
	return cr_make_param_array(struct golden_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct golden_case *c, export, matches_golden_files)
{
	struct form	*f = fixture_form();
	char		*s;
	int		 lang, by = -1;

	lang = form_find_lang(f, c->lang);
	cr_assert_geq(lang, 0);
	if (c->by[0] != '\0')
		by = form_find_question(f, c->by);
	s = fixture_export(f, c->format, (size_t)lang, by);
	assert_golden(s, c->golden);
	free(s);
	form_free(f);
}

Test(export, names_formats)
{
	cr_assert_eq(export_format_find("summary"), EXPORT_SUMMARY);
	cr_assert_eq(export_format_find("responses"), EXPORT_RESPONSES);
	cr_assert_eq(export_format_find("text"), EXPORT_TEXT);
	cr_assert_eq(export_format_find("codebook"), EXPORT_CODEBOOK);
	cr_assert_eq(export_format_find("pairwise"), EXPORT_PAIRWISE);
	cr_assert_eq(export_format_find("Summary"), -1);
	cr_assert_eq(export_format_find("xlsx"), -1);
	cr_assert_str_eq(export_format_name(EXPORT_PAIRWISE), "pairwise");
	cr_assert_str_eq(export_format_name((enum export_format)42),
	    "unknown");
}

/* Without responses every format still writes its header. */
Test(export, writes_headers_without_responses)
{
	struct form	*f = fixture_form();
	struct exporter	*ex;
	char		*s = NULL, *cause = NULL;
	size_t		 len = 0;
	FILE		*out;

	out = open_memstream(&s, &len);
	ex = export_create(EXPORT_TEXT, f, 0, -1, out, &cause);
	cr_assert_eq(export_finish(ex, &cause), 0);
	export_free(ex);
	fclose(out);
	cr_assert_str_eq(s, "\"response_id\",\"question\",\"label\","
	    "\"text\"\r\n");
	free(s);
	form_free(f);
}

Test(export, summary_without_responses_leaves_percent_empty)
{
	struct form	*f = fixture_form();
	struct exporter	*ex;
	char		*s = NULL, *cause = NULL;
	size_t		 len = 0;
	FILE		*out;

	out = open_memstream(&s, &len);
	ex = export_create(EXPORT_SUMMARY, f, 0, -1, out, &cause);
	cr_assert_eq(export_finish(ex, &cause), 0);
	export_free(ex);
	fclose(out);
	cr_assert_not_null(strstr(s, "\"\",\"region\",\"Region\","
	    "\"select_one\",\"north\",\"North\",\"0\",\"0\",\"\",\"\","));
	cr_assert_not_null(strstr(s, "\"\",\"prio\",\"Priorities\",\"rank\","
	    "\"water\",\"Water\",\"0\",\"0\",\"\",\"\",\"\",\"\",\"\",\"\","
	    "\"0\",\"0\",\"1\"\r\n"));
	free(s);
	form_free(f);
}

struct error_case {
	int	 format;
	int	 lang;
	char	 by[16];
	char	 cause[64];
};

ParameterizedTestParameters(export, refuses_bad_settings)
{
	static struct error_case cases[] = {
		{ EXPORT_SUMMARY, 2, "", "no language 2 in " },
		{ EXPORT_SUMMARY, 0, "topics",
		    "cannot group by 'topics': not a select_one question" },
		{ EXPORT_SUMMARY, 0, "age",
		    "cannot group by 'age': not a select_one question" },
		{ EXPORT_RESPONSES, 0, "region",
		    "--by applies to the summary format only" },
		{ EXPORT_PAIRWISE, 0, "region",
		    "--by applies to the summary format only" },
		{ 9, 0, "", "unknown format 9" },
	};
	return cr_make_param_array(struct error_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct error_case *c, export, refuses_bad_settings)
{
	struct form	*f = fixture_form();
	char		*cause = NULL;
	int		 by = -1;

	if (c->by[0] != '\0')
		by = form_find_question(f, c->by);
	cr_assert_null(export_create(c->format, f, (size_t)c->lang, by,
	    stdout, &cause));
	cr_assert_not_null(cause);
	cr_assert_eq(strncmp(cause, c->cause, strlen(c->cause)), 0, "%s",
	    cause);
	free(cause);
	form_free(f);
}

Test(export, refuses_answers_of_another_form)
{
	struct form	*f = fixture_form(), *g;
	struct exporter	*ex;
	struct answers	*a;
	char		*cause = NULL;
	const char	 other[] = "survey,,,\n,type,name,label\n"
	    ",integer,n,N\n";

	g = form_parse_buffer("other.csv", other, sizeof other - 1, &cause);
	cr_assert_not_null(g, "%s", cause);
	ex = export_create(EXPORT_RESPONSES, f, 0, -1, stdout, &cause);
	a = answers_create(g, 1, "2024-01-01");
	cr_assert_eq(export_add(ex, "x1", "2024-01-01", a, &cause), -1);
	cr_assert_str_eq(cause, "response x1 answers another form");
	free(cause);
	answers_free(a);
	export_free(ex);
	form_free(g);
	form_free(f);
}

/* A second parse of the same file is the same form. */
Test(export, accepts_another_copy_of_the_form)
{
	struct form	*f = fixture_form(), *g = fixture_form();
	struct exporter	*ex;
	struct answers	*a;
	char		*cause = NULL, *s = NULL;
	size_t		 len = 0;
	FILE		*out;

	out = open_memstream(&s, &len);
	ex = export_create(EXPORT_TEXT, f, 0, -1, out, &cause);
	a = answers_create(g, 1, "2024-01-01");
	answers_set(a, form_find_question(g, "comment"), "-2+3");
	cr_assert_eq(export_add(ex, "x1", "2024-01-01", a, &cause), 0);
	cr_assert_eq(export_finish(ex, &cause), 0);
	fclose(out);
	cr_assert_str_eq(s, "\"response_id\",\"question\",\"label\","
	    "\"text\"\r\n\"x1\",\"comment\",\"'@Comments, \"\"quoted\"\"\","
	    "\"'-2+3\"\r\n");
	free(s);
	answers_free(a);
	export_free(ex);
	form_free(g);
	form_free(f);
}

Test(export, reports_write_errors_while_streaming)
{
	struct form	*f = fixture_form();
	struct exporter	*ex;
	struct answers	*a;
	const char	*id, *day;
	char		*cause = NULL;
	FILE		*out;
	int		 i, rc = 0;

	out = fopen("/dev/full", "w");
	cr_assert_not_null(out);
	ex = export_create(EXPORT_RESPONSES, f, 0, -1, out, &cause);
	a = fixture_answers(f, 0, &id, &day);
	for (i = 0; i < 10000 && rc == 0; i++)
		rc = export_add(ex, id, day, a, &cause);
	cr_assert_eq(rc, -1);
	cr_assert_str_eq(cause, "write error: No space left on device");
	free(cause);
	cause = NULL;
	cr_assert_eq(export_finish(ex, &cause), -1);
	cr_assert_str_eq(cause, "write error: No space left on device");
	free(cause);
	answers_free(a);
	export_free(ex);
	fclose(out);
	form_free(f);
}

Test(export, reports_write_errors_at_the_end)
{
	struct form	*f = fixture_form();
	struct exporter	*ex;
	char		*cause = NULL;
	FILE		*out;

	out = fopen("/dev/full", "w");
	ex = export_create(EXPORT_CODEBOOK, f, 0, -1, out, &cause);
	cr_assert_eq(export_finish(ex, &cause), -1);
	cr_assert_str_eq(cause, "write error: No space left on device");
	free(cause);
	export_free(ex);
	fclose(out);
	form_free(f);
}

Test(export, lends_its_tally)
{
	struct form	*f = fixture_form();
	struct exporter	*ex;
	char		*cause = NULL;

	ex = export_create(EXPORT_SUMMARY, f, 0, -1, stdout, &cause);
	cr_assert_not_null(export_tally(ex));
	cr_assert_eq(export_tally(ex)->form, f);
	export_free(ex);
	ex = export_create(EXPORT_TEXT, f, 0, -1, stdout, &cause);
	cr_assert_null(export_tally(ex));
	export_free(ex);
	export_free(NULL);
	form_free(f);
}
