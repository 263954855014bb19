/* fuzz-decode.c: libFuzzer harness of the response decoder
 * (answers_decode), which reads what the vault decrypts: every response
 * an export reads and every draft a participant resumes.
 *
 * Input: one flag byte, then the encoded response. Flag bit 0 picks the
 * form (tests/data/forms/answers-types.csv or answers-logic.csv); unless
 * bit 1 is set, the harness writes that form's fingerprint into the
 * encoding (bytes 1-32), so that mutations get past the header. A decoded
 * response must encode back to the same bytes (one encoding each) and
 * be usable by the engine. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/lib.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct form	*fuzz_forms[2];

static struct form *
fuzz_load(const char *name)
{
	struct form	*f;
	char		*path, *cause = NULL;
	int		 errnum;

	xasprintf(&path, "%s/tests/data/forms/%s", FUZZ_SRCDIR, name);
	if ((f = form_parse_file(path, &errnum, &cause)) == NULL) {
		fprintf(stderr, "fuzz-decode: %s\n", cause);
		exit(1);
	}
	free(path);
	return f;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	fuzz_forms[0] = fuzz_load("answers-types.csv");
	fuzz_forms[1] = fuzz_load("answers-logic.csv");
	return 0;
}

/* What run does with a resumed draft: walk, check, show choices. */
static void
fuzz_use(struct answers *a)
{
	const struct form	*f = a->form;
	enum answer_problem	 problem;
	size_t			 q;
	int			*idx, next, n;
	char			*norm;

	for (q = 0; q < f->nquestions; q++) {
		(void)answers_relevant(a, (int)q);
		if (question_has_choices(&f->questions[q])) {
			(void)answers_choices(a, (int)q, &idx);
			free(idx);
		}
		if (answers_check(a, (int)q, answers_get(a, (int)q), &norm) ==
		    ANSWER_OK)
			wipe_free(norm);
	}
	for (next = answers_next(a, 0, 1), n = 0; next >= 0 &&
	    (size_t)n <= f->nquestions; next = answers_next(a, next + 1, 1),
	    n++)
		;
	(void)answers_validate_all(a, &problem);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct form	*f;
	struct answers		*a;
	struct buf		 in, back;
	uint32_t		 position;
	int			 complete;
	char			*cause = NULL;

	if (size == 0)
		return 0;
	f = fuzz_forms[data[0] & 1];
	buf_init(&in);
	buf_add(&in, data + 1, size - 1);
	if ((data[0] & 2) == 0 && in.len >= 1 + FORM_FINGERPRINT_BYTES)
		memcpy(in.data + 1, f->fingerprint, FORM_FINGERPRINT_BYTES);
	a = answers_decode(f, in.data, in.len, &complete, &position, &cause);
	if (a == NULL) {
		if (cause == NULL || *cause == '\0')
			abort();	/* every refusal says why */
		free(cause);
		buf_clear(&in);
		return 0;
	}
	if (cause != NULL || (complete != 0 && complete != 1) ||
	    position > f->nquestions)
		abort();
	buf_init(&back);
	answers_encode(a, complete, position, &back);
	/* One encoding each, but for the version byte: version 2, of a
	 * form without repeats, is version 3's bytes under another number. */
	if (back.len != in.len || in.len == 0 ||
	    (in.data[0] != back.data[0] && in.data[0] != 2) ||
	    memcmp(back.data + 1, in.data + 1, in.len - 1) != 0)
		abort();	/* two encodings of one response */
	fuzz_use(a);
	answers_free(a);
	buf_clear(&back);
	buf_clear(&in);
	return 0;
}
