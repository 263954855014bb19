/* fixture.h: the helpers the tests of forms/ share: load a form of the
 * source tree, find a question, store and read an answer, each asserting
 * (Criterion) instead of returning an error. */
#ifndef CONSULT_TESTS_FORMS_FIXTURE_H
#define CONSULT_TESTS_FORMS_FIXTURE_H

#include "forms/lib.h"

/* The form at path, relative to the top of the source tree; a bare file
 * name is one of tests/data/forms/. Caller frees with form_free. */
struct form	*fixture_load(const char *path);
/* The index of question name. */
int		 fixture_q(const struct form *, const char *name);
/* Check value for question name, then store what the check gave. */
void		 fixture_set(struct answers *, const char *name,
		     const char *value);
/* The answer of question name ("" when none). */
const char	*fixture_get(const struct answers *, const char *name);

/* The short names the tests call them by. */
#define load(path)		fixture_load(path)
#define q_of(f, name)		fixture_q(f, name)
#define set(a, name, value)	fixture_set(a, name, value)
#define get(a, name)		fixture_get(a, name)

#endif
