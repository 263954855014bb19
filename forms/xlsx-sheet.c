/* xlsx-sheet.c: one worksheet of an .xlsx form into a read_sheet, each
 * cell as the text pyxform (openpyxl) reads from it: shared and inline
 * strings, booleans TRUE/FALSE, numbers in Python's form, dates. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/xlsx-private.h"

struct sheet_state {
	struct xlsx_xml	 x;
	const char	*book;
	const struct xlsx_context *ctx;
	struct read_sheet *sh;
	int		 sheet;		/* index for READ_LINE */
	int		 in_row;
	int		 in_c;
	int		 in_is;
	int		 in_rph;
	long		 row;		/* current row, as numbered */
	long		 col;		/* current cell, from 1 */
	char		 type[16];	/* its t attribute */
	long		 style;		/* its s attribute */
	char		**cells;	/* the row being read */
	size_t		 ncells;
};

static locale_t
xlsx_c_locale(void)
{
	static locale_t	 c;

	if (c == (locale_t)0)
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return c;
}

/* "YYYY-MM-DD" of a count of days since 1970-01-01 (Howard Hinnant's
 * civil_from_days). */
static void
xlsx_civil(long long z, struct buf *out)
{
	long long	 era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	buf_printf(out, "%04lld-%02lld-%02lld", y + (m <= 2), m, d);
}

static void
xlsx_clock(long long ms, struct buf *out)
{
	buf_printf(out, "%02lld:%02lld:%02lld", ms / 3600000,
	    ms / 60000 % 60, ms / 1000 % 60);
	if (ms % 1000 != 0)
		buf_printf(out, ".%03lld000", ms % 1000);
}

/* openpyxl's from_excel, printed as Python prints it. */
static int
xlsx_date_text(double v, int date1904, struct buf *out)
{
	double		 day;
	long long	 ms, days;

	if (!(v >= 0 && v < 2958466))	/* after 9999-12-31 */
		return -1;
	day = floor(v);
	ms = llround((v - day) * 86400000.0);
	if (v < 1 && ms < 86400000) {
		xlsx_clock(ms, out);
		return 0;
	}
	days = (long long)day + (date1904 ? -24107 : -25569);
	if (!date1904 && v > 0 && v < 60)
		days++;		/* Excel's 1900-02-29 that never was */
	days += ms / 86400000;
	ms %= 86400000;
	xlsx_civil(days, out);
	buf_add_byte(out, ' ');
	xlsx_clock(ms, out);
	return 0;
}

/* Python's repr of a float that is not an integer. */
static void
xlsx_float_text(double d, struct buf *out)
{
	char	 e[40], digits[24];
	int	 prec, exp, nd = 0, i;
	char	*p;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(e, sizeof e, "%.*e", prec - 1, d);
		if (strtod(e, NULL) == d)
			break;
	}
	p = e;
	if (*p == '-')
		buf_add_byte(out, *p++);
	for (; *p != 'e' && *p != '\0'; p++) {
		if (*p != '.' && nd < (int)sizeof digits - 1)
			digits[nd++] = *p;
	}
	digits[nd] = '\0';
	exp = *p == 'e' ? atoi(p + 1) : 0;
	if (exp >= -4 && exp < 16) {
		if (exp < 0) {
			buf_add_str(out, "0.");
			for (i = 0; i < -exp - 1; i++)
				buf_add_byte(out, '0');
			buf_add_str(out, digits);
		} else {
			buf_add(out, digits, (size_t)exp + 1 > (size_t)nd ?
			    (size_t)nd : (size_t)exp + 1);
			for (i = nd; i < exp + 1; i++)
				buf_add_byte(out, '0');
			buf_add_byte(out, '.');
			buf_add_str(out, nd > exp + 1 ? digits + exp + 1 :
			    "0");
		}
		return;
	}
	buf_add_byte(out, (unsigned char)digits[0]);
	if (nd > 1)
		buf_printf(out, ".%s", digits + 1);
	buf_printf(out, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
}

void
xlsx_number_text(const char *s, int date, int date1904, struct buf *out)
{
	locale_t	 c = xlsx_c_locale(), old = (locale_t)0;
	char		*end;
	double		 d;

	if (c != (locale_t)0)
		old = uselocale(c);
	d = strtod(s, &end);
	if (end == s || *end != '\0' || !isfinite(d))
		buf_add_str(out, s);
	else if (date && xlsx_date_text(d, date1904, out) == 0)
		;
	else if (d == trunc(d))
		buf_printf(out, "%.0f", d == 0 ? 0.0 : d);
	else
		xlsx_float_text(d, out);
	if (old != (locale_t)0)
		uselocale(old);
}

/* Column (from 1) of a reference such as "AB12", or -1. */
static long
xlsx_ref_col(const char *ref)
{
	long	 col = 0;
	int	 n = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
		if (++n > 3)
			return -1;
		col = col * 26 + (*ref - 'A' + 1);
	}
	return n == 0 || col > 16384 ? -1 : col;
}

static void XMLCALL
sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheet_state	*st = ud;
	const char		*local = xlsx_local(name), *v;
	long			 n;
	char			*end;

	if (strcmp(local, "row") == 0) {
		n = st->row + 1;
		if ((v = xlsx_attr(atts, "r")) != NULL)
			n = strtol(v, &end, 10);
		if (st->in_row || (v != NULL && (*end != '\0' || end == v)) ||
		    n <= st->row || n > XLSX_MAX_ROWS) {
			xlsx_xml_fail(&st->x, "%s:%s: row '%s' out of order "
			    "or out of range after row %ld", st->book,
			    st->sh->label, v != NULL ? v : "?", st->row);
			return;
		}
		st->in_row = 1;
		st->row = n;
		st->col = 0;
	} else if (strcmp(local, "c") == 0) {
		n = st->col + 1;
		if ((v = xlsx_attr(atts, "r")) != NULL)
			n = xlsx_ref_col(v);
		if (!st->in_row || st->in_c || n <= st->col) {
			xlsx_xml_fail(&st->x, "%s:%s:%ld: cell '%s' out of "
			    "order or out of range", st->book, st->sh->label,
			    st->row, v != NULL ? v : "?");
			return;
		}
		st->in_c = 1;
		st->col = n;
		v = xlsx_attr(atts, "t");
		snprintf(st->type, sizeof st->type, "%s", v != NULL ? v : "n");
		v = xlsx_attr(atts, "s");
		st->style = v != NULL ? strtol(v, NULL, 10) : 0;
		st->x.text.len = 0;
	} else if (strcmp(local, "is") == 0 && st->in_c)
		st->in_is = 1;
	else if (strcmp(local, "rPh") == 0)
		st->in_rph = 1;
	else if (st->in_c && !st->in_rph && ((strcmp(local, "v") == 0 &&
	    !st->in_is) || (strcmp(local, "t") == 0 && st->in_is)))
		st->x.collect = 1;
}

/* Python's str.strip(), U+00A0 made a space, CR LF and CR made LF. */
static char *
xlsx_clean(const char *s)
{
	struct buf	 out;
	size_t		 i, start, len = strlen(s);
	char		*r;

	buf_init(&out);
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] == 0xc2 &&
		    (unsigned char)s[i + 1] == 0xa0) {
			buf_add_byte(&out, ' ');
			i++;
		} else if (s[i] == '\r' && s[i + 1] != '\n')
			buf_add_byte(&out, '\n');
		else if (s[i] != '\r')
			buf_add_byte(&out, (unsigned char)s[i]);
	}
	buf_str(&out);
	while (out.len > 0 && strchr(" \t\n\v\f", out.data[out.len - 1]))
		out.len--;
	for (start = 0; start < out.len && strchr(" \t\n\v\f",
	    out.data[start]); start++)
		;
	r = xstrndup((const char *)out.data + start, out.len - start);
	buf_clear(&out);
	return r;
}

/* The text of the cell just read, or -1 with the parse stopped. */
static int
sheet_cell_text(struct sheet_state *st, struct buf *out)
{
	const struct xlsx_context *ctx = st->ctx;
	const char	*v = buf_str(&st->x.text);
	char		*end;
	unsigned long	 i;

	if (strcmp(st->type, "s") == 0) {
		i = strtoul(v, &end, 10);
		if (*v == '\0' || *end != '\0' || i >= ctx->nstrings) {
			xlsx_xml_fail(&st->x, "%s:%s:%ld: a cell names shared "
			    "string '%s', which the workbook lacks", st->book,
			    st->sh->label, st->row, v);
			return -1;
		}
		buf_add_str(out, ctx->strings[i]);
	} else if (strcmp(st->type, "inlineStr") == 0) {
		xlsx_unescape(&st->x.text);
		buf_add_str(out, buf_str(&st->x.text));
	} else if (strcmp(st->type, "b") == 0)
		buf_add_str(out, *v == '\0' ? "" : strcmp(v, "0") == 0 ?
		    "FALSE" : "TRUE");
	else if (strcmp(st->type, "d") == 0) {
		buf_add_str(out, v);
		if ((end = memchr(out->data, 'T', out->len)) != NULL)
			*end = ' ';
	} else if (strcmp(st->type, "n") == 0 && *v != '\0')
		xlsx_number_text(v, st->style >= 0 &&
		    (size_t)st->style < ctx->ndate_styles &&
		    ctx->date_styles[st->style], ctx->date1904, out);
	else
		buf_add_str(out, v);	/* "str", "e": the text itself */
	return 0;
}

static void
sheet_cell_end(struct sheet_state *st)
{
	struct buf	 text;
	char		*clean;
	size_t		 i;

	buf_init(&text);
	if (sheet_cell_text(st, &text) != 0)
		goto out;
	clean = xlsx_clean(buf_str(&text));
	if (*clean == '\0') {
		free(clean);
		goto out;
	}
	if (st->col > XLSX_MAX_COLUMNS) {
		xlsx_xml_fail(&st->x, "%s:%s:%ld: a cell beyond column %d "
		    "(consult reads no further)", st->book, st->sh->label,
		    st->row, XLSX_MAX_COLUMNS);
		free(clean);
		goto out;
	}
	st->cells = xreallocarray(st->cells, (size_t)st->col,
	    sizeof *st->cells);
	for (i = st->ncells; i + 1 < (size_t)st->col; i++)
		st->cells[i] = xstrdup("");
	st->cells[st->col - 1] = clean;
	st->ncells = (size_t)st->col;
out:
	buf_clear(&text);
}

/* A row with a cell holding text is the header, then the data. */
static void
sheet_row_end(struct sheet_state *st)
{
	struct read_sheet	*sh = st->sh;
	struct read_row		 row;

	st->in_row = 0;
	if (st->ncells == 0)
		return;
	row.cells = st->cells;
	row.ncells = st->ncells;
	row.line = READ_LINE(st->sheet, (int)st->row);
	st->cells = NULL;
	st->ncells = 0;
	if (sh->header.ncells == 0) {
		sh->header = row;
		sh->line = row.line;
		return;
	}
	sh->rows = xreallocarray(sh->rows, sh->nrows + 1, sizeof *sh->rows);
	sh->rows[sh->nrows++] = row;
}

static void XMLCALL
sheet_end(void *ud, const XML_Char *name)
{
	struct sheet_state	*st = ud;
	const char		*local = xlsx_local(name);

	if (strcmp(local, "v") == 0 || strcmp(local, "t") == 0)
		st->x.collect = 0;
	else if (strcmp(local, "rPh") == 0)
		st->in_rph = 0;
	else if (strcmp(local, "is") == 0)
		st->in_is = 0;
	else if (strcmp(local, "c") == 0 && st->in_c) {
		st->in_c = 0;
		st->in_is = 0;
		sheet_cell_end(st);
	} else if (strcmp(local, "row") == 0 && st->in_row)
		sheet_row_end(st);
}

int
xlsx_parse_sheet(const char *book, const char *xml, size_t n,
    const struct xlsx_context *ctx, struct read_sheet *sh, int sheet,
    char **cause)
{
	struct sheet_state	 st;
	char			*part;
	size_t			 i;
	int			 rc;

	memset(&st, 0, sizeof st);
	st.book = book;
	st.ctx = ctx;
	st.sh = sh;
	st.sheet = sheet;
	xasprintf(&part, "%s:%s", book, sh->label);
	rc = xlsx_xml_run(&st.x, part, xml, n, sheet_start, sheet_end, cause);
	free(part);
	for (i = 0; i < st.ncells; i++)
		free(st.cells[i]);
	free(st.cells);
	return rc;
}
