/* put-responses.c: a helper of the export and report tests: submit known
 * answers into a vault through the same path as "consult run", so that a
 * test can compare the export with numbers computed by hand.
 *
 * usage: put-responses VAULT FILE
 * FILE holds responses separated by blank lines; each is a line
 * "day YYYY-MM-DD" and then "name=value" lines ("\n" in a value is a
 * newline). Lines starting with '#' are comments. Every response is its
 * own record file. Prints one receipt per response. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vault/lib.h"

static void
put_die(const char *what, const char *cause)
{
	fprintf(stderr, "put-responses: %s: %s\n", what, cause);
	exit(1);
}

/* Undo the "\n" escapes in place. */
static void
put_unescape(char *s)
{
	char	*d = s;

	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*d++ = '\n';
			s++;
		} else
			*d++ = *s;
	}
	*d = '\0';
}

/* Seal one response. */
static void
put_submit(struct vault_writer *w, struct answers *a, const char *day)
{
	struct buf	 b;
	char		 receipt[VAULT_RECEIPT_LEN], *cause = NULL;

	buf_init(&b);
	answers_encode(a, 1, 0, &b);
	if (vault_submit(w, b.data, b.len, day, NULL, receipt, &cause) != 0)
		put_die("submit", cause);
	printf("%s\n", receipt);
	buf_clear(&b);
}

/* Set name=value in its normal form, as "consult run" stores it; it
 * must stick (relevance may clear it). */
static void
put_answer(const struct form *f, struct answers *a, char *line)
{
	char	*eq = strchr(line, '='), *norm;
	int	 q;

	if (eq == NULL)
		put_die(line, "not name=value");
	*eq = '\0';
	if ((q = form_find_question(f, line)) < 0)
		put_die(line, "no such question");
	put_unescape(eq + 1);
	if (answers_normalise(f, q, eq + 1, &norm) != ANSWER_OK)
		put_die(line, "not a value of this question");
	answers_set(a, q, norm);
	if (strcmp(answers_get(a, q), norm) != 0)
		put_die(line, "the value did not stick");
	free(norm);
}

int
main(int argc, char **argv)
{
	struct vault_writer	*w;
	const struct form	*f;
	struct answers		*a = NULL;
	char			 line[4096], day[VAULT_DAY_LEN] = "";
	char			*cause = NULL;
	FILE			*in;
	int			 err;

	if (argc != 3) {
		fprintf(stderr, "usage: put-responses VAULT FILE\n");
		return 2;
	}
	if (sodium_init() < 0)
		put_die("sodium_init", "failed");
	if ((w = vault_writer_open(argv[1], &err, &cause)) == NULL)
		put_die(argv[1], cause);
	f = vault_writer_vault(w)->form;
	if ((in = fopen(argv[2], "r")) == NULL)
		put_die(argv[2], "cannot open");
	while (fgets(line, sizeof line, in) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#')
			continue;
		if (line[0] == '\0') {
			if (a != NULL)
				put_submit(w, a, day);
			answers_free(a);
			a = NULL;
			continue;
		}
		if (a == NULL) {
			if (strncmp(line, "day ", 4) != 0 ||
			    !vault_day_valid(line + 4))
				put_die(line, "a response starts with a day");
			memcpy(day, line + 4, sizeof day);
			a = answers_create(f, 1, "2024-04-05");
			continue;
		}
		put_answer(f, a, line);
	}
	if (a != NULL)
		put_submit(w, a, day);
	answers_free(a);
	fclose(in);
	if (vault_writer_close(w, &cause) != 0)
		put_die("close", cause);
	vault_writer_free(w);
	return 0;
}
