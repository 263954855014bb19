/* fixture.h: the hand-computed data set of the exports tests. */
#ifndef CONSULT_TESTS_EXPORTS_FIXTURE_H
#define CONSULT_TESTS_EXPORTS_FIXTURE_H

#include "exports/lib.h"

#define FIXTURE_RESPONSES 5

/* tests/data/exports/form.csv, parsed; asserts on failure. */
struct form	*fixture_form(void);
/* The i-th response (0-based) of the data set, its id and day. */
struct answers	*fixture_answers(const struct form *, size_t i,
		     const char **id, const char **day);
/* Every response through an exporter; returns what it wrote (caller
 * frees). */
char		*fixture_export(const struct form *, enum export_format,
		     size_t lang, int by);
/* The bytes of tests/data/exports/NAME (caller frees). */
char		*fixture_golden(const char *name);

#endif
