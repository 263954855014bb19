/* read.c: pyxform's single-file CSV layout read with libcsv into sheets
 * of trimmed cells, each row with the physical line where it starts. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/form-private.h"

/* What the libcsv callbacks build. */
struct read_state {
	struct read_book *book;
	struct read_sheet *sheet;	/* current sheet, or NULL */
	char		**cells;	/* the row being read */
	size_t		 ncells;
	int		 line;		/* physical line of the next byte */
	int		 row_line;	/* where the current row starts, or 0 */
	int		 in_quote;
	int		 just_closed;	/* previous byte closed a quote */
	int		 quote_line;	/* where the open quote started */
	struct buf	 errors;
};

static void
read_error(struct read_state *st, const char *name, int line,
    const char *msg)
{
	if (st->errors.len != 0)
		buf_add_byte(&st->errors, '\n');
	buf_printf(&st->errors, "%s:%d: %s", name, line, msg);
}

/* Each physical line must be valid UTF-8 without NUL bytes. */
static void
read_check_text(struct read_state *st, const char *name,
    const unsigned char *p, size_t n)
{
	size_t	 start = 0, end;
	int	 line = 1;

	while (start < n) {
		end = start;
		while (end < n && p[end] != '\n' && p[end] != '\r')
			end++;
		if (memchr(p + start, '\0', end - start) != NULL)
			read_error(st, name, line, "NUL byte");
		else if (!utf8_valid((const char *)p + start, end - start,
		    NULL))
			read_error(st, name, line, "invalid UTF-8");
		if (end < n && p[end] == '\r' && end + 1 < n &&
		    p[end + 1] == '\n')
			end++;
		start = end + 1;
		line++;
	}
}

/* A copy of a field: trimmed, CR LF and lone CR made LF. */
static char *
read_cell(const char *s, size_t len)
{
	char	*cell;
	size_t	 i, j = 0;

	cell = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '\r') {
			if (i + 1 < len && s[i + 1] == '\n')
				continue;
			cell[j++] = '\n';
		} else
			cell[j++] = s[i];
	}
	cell[j] = '\0';
	return str_trim(cell);
}

static void
read_field_cb(void *field, size_t len, void *data)
{
	struct read_state	*st = data;

	if (st->row_line == 0)
		st->row_line = st->line;
	st->cells = xreallocarray(st->cells, st->ncells + 1,
	    sizeof *st->cells);
	st->cells[st->ncells++] = read_cell(field != NULL ? field : "",
	    field != NULL ? len : 0);
}

static void
read_free_cells(char **cells, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

static int
read_blank(char **cells, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (*cells[i] != '\0')
			return 0;
	}
	return 1;
}

/* A row: a marker starting a sheet (maybe with its header on the same
 * row), a header, or data. Rows of empty cells only are skipped. */
static void
read_row_cb(int c, void *data)
{
	struct read_state	*st = data;
	struct read_book	*book = st->book;
	struct read_sheet	*sh;
	struct read_row		 row;

	(void)c;
	row.cells = st->cells;
	row.ncells = st->ncells;
	row.line = st->row_line != 0 ? st->row_line : st->line;
	st->cells = NULL;
	st->ncells = 0;
	st->row_line = 0;
	if (row.ncells == 0 || read_blank(row.cells, row.ncells)) {
		read_free_cells(row.cells, row.ncells);
		return;
	}
	if (*row.cells[0] != '\0') {
		book->sheets = xreallocarray(book->sheets, book->nsheets + 1,
		    sizeof *book->sheets);
		sh = st->sheet = &book->sheets[book->nsheets++];
		memset(sh, 0, sizeof *sh);
		sh->name = str_lower(row.cells[0]);
		sh->line = row.line;
	} else
		free(row.cells[0]);
	row.ncells--;
	memmove(row.cells, row.cells + 1, row.ncells * sizeof *row.cells);
	if ((sh = st->sheet) == NULL || read_blank(row.cells, row.ncells)) {
		/* A bare marker, or rows before any sheet (ignored). */
		read_free_cells(row.cells, row.ncells);
		return;
	}
	if (sh->header.ncells == 0)
		sh->header = row;
	else {
		sh->rows = xreallocarray(sh->rows, sh->nrows + 1,
		    sizeof *sh->rows);
		sh->rows[sh->nrows++] = row;
	}
}

/* Follow quotes so that an unterminated one is reported where it
 * opened; a doubled quote inside a quoted cell keeps the cell open. */
static void
read_track_quote(struct read_state *st, unsigned char c)
{
	if (c != '"') {
		st->just_closed = 0;
		return;
	}
	if (st->in_quote) {
		st->in_quote = 0;
		st->just_closed = 1;
	} else {
		if (!st->just_closed)
			st->quote_line = st->line;
		st->in_quote = 1;
		st->just_closed = 0;
	}
}

/* Feed libcsv one byte at a time to know the line of every row. */
static int
read_csv(struct read_state *st, const char *name, const unsigned char *p,
    size_t n)
{
	struct csv_parser	 parser;
	size_t			 i;
	int			 error = 0;

	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		read_error(st, name, 1, "cannot start the CSV parser");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (st->row_line == 0 && p[i] != '\n' && p[i] != '\r' &&
		    p[i] != ' ' && p[i] != '\t')
			st->row_line = st->line;
		read_track_quote(st, p[i]);
		if (csv_parse(&parser, p + i, 1, read_field_cb, read_row_cb,
		    st) != 1) {
			read_error(st, name, st->line, "misplaced quote (quote the "
			    "cell and double each quote inside it)");
			error = 1;
			break;
		}
		if (p[i] == '\n' || (p[i] == '\r' && (i + 1 == n ||
		    p[i + 1] != '\n')))
			st->line++;
	}
	if (!error && csv_fini(&parser, read_field_cb, read_row_cb, st) != 0) {
		read_error(st, name, st->quote_line, "unterminated quote");
		error = 1;
	}
	csv_free(&parser);
	read_free_cells(st->cells, st->ncells);
	st->cells = NULL;
	st->ncells = 0;
	return error ? -1 : 0;
}

/* 1 if name ends in suffix, in any case. */
static int
read_suffix(const char *name, const char *suffix)
{
	size_t	 n = strlen(name), m = strlen(suffix);

	return n >= m && strcasecmp(name + n - m, suffix) == 0;
}

int
read_book(const char *name, const void *v, size_t n, struct read_book *book,
    char **cause)
{
	static const unsigned char ole2[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1,
	    0xb1, 0x1a, 0xe1 };
	struct read_state	 st;
	const unsigned char	*p = v;

	memset(book, 0, sizeof *book);
	if (n >= 4 && p[0] == 'P' && p[1] == 'K' && p[2] < 9 && p[3] < 9)
		return xlsx_read_book(name, v, n, book, cause);
	if (n >= sizeof ole2 && memcmp(p, ole2, sizeof ole2) == 0) {
		xasprintf(cause, "%s: an Excel 97-2003 (.xls) or password-"
		    "protected workbook: save it as an Excel Workbook (.xlsx) "
		    "without a password, or as CSV", name);
		return -1;
	}
	if (read_suffix(name, ".xlsx") || read_suffix(name, ".xls")) {
		xasprintf(cause, "%s: not an .xlsx workbook (no ZIP archive; "
		    "truncated?)", name);
		return -1;
	}
	memset(&st, 0, sizeof st);
	st.book = book;
	buf_init(&st.errors);
	if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		p += 3;
		n -= 3;
	}
	st.line = 1;
	read_check_text(&st, name, p, n);
	if (st.errors.len == 0)
		read_csv(&st, name, p, n);
	if (st.errors.len != 0) {
		*cause = xstrdup(buf_str(&st.errors));
		buf_clear(&st.errors);
		read_book_clear(book);
		return -1;
	}
	buf_clear(&st.errors);
	return 0;
}

static void
read_row_clear(struct read_row *row)
{
	read_free_cells(row->cells, row->ncells);
	row->cells = NULL;
	row->ncells = 0;
}

void
read_book_clear(struct read_book *book)
{
	struct read_sheet	*sh;
	size_t			 i, j;

	for (i = 0; i < book->nsheets; i++) {
		sh = &book->sheets[i];
		free(sh->name);
		free(sh->label);
		read_row_clear(&sh->header);
		for (j = 0; j < sh->nrows; j++)
			read_row_clear(&sh->rows[j]);
		free(sh->rows);
	}
	free(book->sheets);
	memset(book, 0, sizeof *book);
}
