/* csv-tool.c: a test helper for test-csv-roundtrip.py: reads values
 * separated by NUL bytes on stdin, makes one response per value with
 * QUESTION set to it, and writes the export in FORMAT to stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exports/lib.h"

/* The next NUL-terminated value from stdin, or NULL at the end. */
static char *
tool_read(struct buf *b)
{
	int	 c;

	b->len = 0;
	while ((c = getchar()) != EOF && c != '\0')
		buf_add_byte(b, (unsigned char)c);
	if (c == EOF && b->len == 0)
		return NULL;
	return (char *)buf_str(b);
}

static int
tool_run(const struct form *f, int format, int q, char **cause)
{
	struct exporter	*ex;
	struct answers	*a;
	struct buf	 b;
	char		 id[32], *v;
	int		 n = 0, rc = -1;

	ex = export_create(format, f, f->default_lang, -1, stdout, cause);
	if (ex == NULL)
		return -1;
	buf_init(&b);
	while (q >= 0 && (v = tool_read(&b)) != NULL) {
		a = answers_create(f, 1, "2024-01-01");
		answers_set(a, q, v);
		snprintf(id, sizeof id, "r%d", ++n);
		rc = export_add(ex, id, "2024-01-02", a, cause);
		answers_free(a);
		if (rc != 0)
			goto out;
	}
	rc = export_finish(ex, cause);
out:
	buf_clear(&b);
	export_free(ex);
	return rc;
}

int
main(int argc, char **argv)
{
	struct form	*f;
	char		*cause = NULL;
	int		 errnum, format, q = -1, rc;

	if (argc < 3 || (format = export_format_find(argv[2])) == -1) {
		fprintf(stderr, "usage: csv-tool FORM FORMAT [QUESTION]\n");
		return 2;
	}
	if ((f = form_parse_file(argv[1], &errnum, &cause)) == NULL) {
		fprintf(stderr, "csv-tool: %s\n", cause);
		return 1;
	}
	if (argc > 3 && (q = form_find_question(f, argv[3])) == -1) {
		fprintf(stderr, "csv-tool: no question %s\n", argv[3]);
		return 1;
	}
	rc = tool_run(f, format, q, &cause);
	if (rc != 0)
		fprintf(stderr, "csv-tool: %s\n", cause);
	free(cause);
	form_free(f);
	return rc == 0 ? 0 : 1;
}
