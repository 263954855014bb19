/* fixture.c: the helpers the tests of forms/ share (fixture.h). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "tests/forms/fixture.h"

struct form *
fixture_load(const char *path)
{
	struct form	*f;
	char		*full, *cause = NULL;
	int		 errnum = 0;

	xasprintf(&full, "%s/%s%s", TOP_SRCDIR, strchr(path, '/') == NULL ?
	    "tests/data/forms/" : "", path);
	f = form_parse_file(full, &errnum, &cause);
	cr_assert_not_null(f, "%s: %s", full, cause != NULL ? cause : "");
	free(full);
	return f;
}

int
fixture_q(const struct form *f, const char *name)
{
	int	 q = form_find_question(f, name);

	cr_assert_geq(q, 0, "no question %s", name);
	return q;
}

void
fixture_set(struct answers *a, const char *name, const char *value)
{
	int			 q = fixture_q(a->form, name);
	char			*norm;
	enum answer_problem	 problem;

	problem = answers_check(a, q, value, &norm);
	cr_assert_eq(problem, ANSWER_OK, "%s = '%s': problem %d", name,
	    value, problem);
	answers_set(a, q, norm);
	wipe_free(norm);
}

const char *
fixture_get(const struct answers *a, const char *name)
{
	return answers_get(a, fixture_q(a->form, name));
}
