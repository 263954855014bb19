/* simulate-real.c: a helper of test-simulate.sh: leave in a vault what a
 * real participant leaves, through the same calls as "consult run", so
 * that the test can check that simulate refuses such a vault.
 *
 * usage: simulate-real VAULT response|draft
 * response: submit one (empty) response; draft: save one draft. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vault/lib.h"

static void
real_die(const char *what, const char *cause)
{
	fprintf(stderr, "simulate-real: %s: %s\n", what, cause);
	exit(1);
}

int
main(int argc, char **argv)
{
	struct vault_writer	*w;
	struct vault_draft	*d;
	const struct vault	*v;
	struct answers		*a;
	struct buf		 b;
	char			 receipt[VAULT_RECEIPT_LEN];
	char			 code[VAULT_CODE_LEN], *cause = NULL;
	int			 err = 0, draft;

	if (argc != 3 || (strcmp(argv[2], "response") != 0 &&
	    strcmp(argv[2], "draft") != 0)) {
		fprintf(stderr, "usage: simulate-real VAULT response|draft\n");
		return 2;
	}
	draft = strcmp(argv[2], "draft") == 0;
	if (sodium_init() < 0)
		real_die("sodium_init", "failed");
	if ((w = vault_writer_open(argv[1], &err, &cause)) == NULL)
		real_die(argv[1], cause);
	v = vault_writer_vault(w);
	a = answers_create(v->form, 1, NULL);
	buf_init(&b);
	answers_encode(a, !draft, 0, &b);
	if (draft) {
		if ((d = vault_draft_create(v, code, &cause)) == NULL ||
		    vault_draft_save(d, b.data, b.len, &cause) != 0)
			real_die("draft", cause);
		vault_draft_free(d);
		printf("%s\n", code);
	} else {
		if (vault_submit(w, b.data, b.len, NULL, NULL, receipt,
		    &cause) != 0)
			real_die("submit", cause);
		printf("%s\n", receipt);
	}
	buf_clear(&b);
	answers_free(a);
	if (vault_writer_close(w, &cause) != 0)
		real_die("close", cause);
	vault_writer_free(w);
	return 0;
}
