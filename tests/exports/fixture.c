/* fixture.c: the hand-computed data set of the exports tests: five
 * responses to tests/data/exports/form.csv. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/exports/fixture.h"

/* One response: its id, day and the answers by question name. */
struct fixture_response {
	const char	*id;
	const char	*day;
	const char	*values[16][2];
};

static const struct fixture_response fixture_data[FIXTURE_RESPONSES] = {
	{ "r1", "2024-04-01", {
	    { "consent", "OK" }, { "region", "north" }, { "agree", "4" },
	    { "topics", "water roads" }, { "prio", "water roads schools" },
	    { "age", "30" }, { "amount", "2.5" }, { "when", "2024-03-01" },
	    { "comment", "Fix the roads" } } },
	{ "r2", "2024-04-02", {
	    { "consent", "OK" }, { "region", "south" }, { "agree", "5" },
	    { "topics", "water" }, { "prio", "roads water" },
	    { "age", "41" }, { "amount", "2.675" }, { "when", "2024-02-15" },
	    { "comment", "=cmd|' /C calc'!A0" } } },
	{ "r3", "2024-04-02", {
	    { "consent", "OK" }, { "region", "north" }, { "agree", "2" },
	    { "topics", "schools" }, { "prio", "health" }, { "age", "25" } } },
	{ "r4", "2024-04-03", {
	    { "consent", "OK" }, { "agree", "4" },
	    { "prio", "water schools health" }, { "age", "30" },
	    { "amount", "0.125" }, { "when", "2024-03-10" },
	    { "comment", "Line one\nline \"two\", end" } } },
	{ "r5", "2024-04-03T10:00:00Z", {
	    { "region", "south" }, { "topics", "roads water schools" },
	    { "amount", "10" }, { "when", "2024-01-31" } } },
};

struct form *
fixture_form(void)
{
	struct form	*f;
	char		*cause = NULL;
	int		 errnum = 0;

	f = form_parse_file(TOP_SRCDIR "/tests/data/exports/form.csv",
	    &errnum, &cause);
	cr_assert_not_null(f, "%s", cause != NULL ? cause : "?");
	return f;
}

struct answers *
fixture_answers(const struct form *f, size_t i, const char **id,
    const char **day)
{
	const struct fixture_response	*r = &fixture_data[i];
	struct answers			*a;
	size_t				 j;
	int				 q;

	a = answers_create(f, 1, "2024-04-05");
	for (j = 0; j < 16 && r->values[j][0] != NULL; j++) {
		q = form_find_question(f, r->values[j][0]);
		cr_assert_geq(q, 0, "%s", r->values[j][0]);
		answers_set(a, q, r->values[j][1]);
		cr_assert_str_eq(answers_get(a, q), r->values[j][1]);
	}
	*id = r->id;
	*day = r->day;
	return a;
}

char *
fixture_export(const struct form *f, enum export_format format, size_t lang,
    int by)
{
	struct exporter	*ex;
	struct answers	*a;
	const char	*id, *day;
	char		*s = NULL, *cause = NULL;
	size_t		 len = 0, i;
	FILE		*out;

	out = open_memstream(&s, &len);
	cr_assert_not_null(out);
	ex = export_create(format, f, lang, by, out, &cause);
	cr_assert_not_null(ex, "%s", cause);
	for (i = 0; i < FIXTURE_RESPONSES; i++) {
		a = fixture_answers(f, i, &id, &day);
		cr_assert_eq(export_add(ex, id, day, a, &cause), 0, "%s",
		    cause);
		answers_free(a);
	}
	cr_assert_eq(export_finish(ex, &cause), 0, "%s", cause);
	export_free(ex);
	fclose(out);
	return s;
}

char *
fixture_golden(const char *name)
{
	char	 path[512], *s;
	long	 n;
	FILE	*f;

	snprintf(path, sizeof path, "%s/tests/data/exports/%s", TOP_SRCDIR,
	    name);
	f = fopen(path, "rb");
	cr_assert_not_null(f, "%s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}
