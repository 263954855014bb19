/* where.c: where a row is, for messages: the line of a CSV form or the
 * sheet and row of an .xlsx one; the errors of a form being built, by
 * line, each with its place. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

void
form_error(struct form_builder *b, int line, const char *fmt, ...)
{
	struct form_error	*e;
	va_list			 ap;

	b->errors = xreallocarray(b->errors, b->nerrors + 1,
	    sizeof *b->errors);
	e = &b->errors[b->nerrors];
	e->line = line;
	e->seq = b->nerrors++;
	va_start(ap, fmt);
	xvasprintf(&e->msg, fmt, ap);
	va_end(ap);
}

static int
form_error_cmp(const void *va, const void *vb)
{
	const struct form_error	*a = va, *b = vb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

char *
form_errors_join(struct form_builder *b)
{
	struct buf	 out;
	char		*s, at[FORM_WHERE_MAX];
	const char	*where;
	size_t		 i, j;

	qsort(b->errors, b->nerrors, sizeof *b->errors, form_error_cmp);
	buf_init(&out);
	for (i = 0; i < b->nerrors; i++) {
		/* A row a loop copied says each thing once. */
		for (j = i; j > 0 && b->errors[j - 1].line ==
		    b->errors[i].line; j--) {
			if (strcmp(b->errors[j - 1].msg, b->errors[i].msg) == 0)
				break;
		}
		if (j > 0 && b->errors[j - 1].line == b->errors[i].line)
			continue;
		where = form_where(b->form, b->errors[i].line, at, sizeof at);
		buf_printf(&out, "%s%s:%s%s %s", out.len == 0 ? "" : "\n",
		    b->name, where != NULL ? where : "",
		    where != NULL ? ":" : "", b->errors[i].msg);
	}
	s = xstrdup(buf_str(&out));
	buf_clear(&out);
	return s;
}

void
form_sheet_names(struct form *f, const struct read_book *book)
{
	size_t	 i;

	if (!book->xlsx)
		return;
	f->sheets = xcalloc(book->nsheets, sizeof *f->sheets);
	for (i = 0; i < book->nsheets; i++)
		f->sheets[i] = xstrdup(book->sheets[i].label);
	f->nsheets = book->nsheets;
}

const char *
form_where(const struct form *f, int line, char *buf, size_t len)
{
	int	 sheet;

	if (f->nsheets == 0) {
		snprintf(buf, len, "%d", line);
		return buf;
	}
	sheet = READ_LINE_SHEET(line);
	if (sheet < 1 || (size_t)sheet > f->nsheets)
		return NULL;
	snprintf(buf, len, "%s:%d", f->sheets[sheet - 1],
	    READ_LINE_ROW(line));
	return buf;
}

const char *
form_at(const struct form *f, int line, char *buf, size_t len)
{
	char	 where[FORM_WHERE_MAX];

	if (f->nsheets == 0)
		snprintf(buf, len, "line %d", line);
	else
		snprintf(buf, len, "%s", form_where(f, line, where,
		    sizeof where) != NULL ? where : "?");
	return buf;
}
