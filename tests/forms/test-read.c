/* test-read.c: tests for forms/read.c: sheets, rows, physical lines,
 * quotes, line endings, BOM, encoding errors. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

static struct read_book	 book;

static void
read_ok(const char *csv)
{
	char	*cause = NULL;

	cr_assert_eq(read_book("t.csv", csv, strlen(csv), &book, &cause), 0,
	    "read failed: %s", cause != NULL ? cause : "");
}

static void
read_clear(void)
{
	read_book_clear(&book);
}

TestSuite(read, .fini = read_clear);

Test(read, splits_sheets_header_and_rows)
{
	read_ok("survey,,,\n,type,name,label\n,text,a,A\n,integer,b,B\n"
	    "choices\n,list_name,name,label\n,yn,y,Yes\n");
	cr_assert_eq(book.nsheets, 2);
	cr_assert_str_eq(book.sheets[0].name, "survey");
	cr_assert_eq(book.sheets[0].line, 1);
	cr_assert_eq(book.sheets[0].header.line, 2);
	cr_assert_eq(book.sheets[0].header.ncells, 3);
	cr_assert_str_eq(book.sheets[0].header.cells[0], "type");
	cr_assert_eq(book.sheets[0].nrows, 2);
	cr_assert_str_eq(book.sheets[0].rows[1].cells[1], "b");
	cr_assert_eq(book.sheets[0].rows[1].line, 4);
	cr_assert_str_eq(book.sheets[1].name, "choices");
	cr_assert_eq(book.sheets[1].line, 5);
	cr_assert_eq(book.sheets[1].rows[0].line, 7);
	cr_assert_str_eq(book.sheets[1].rows[0].cells[2], "Yes");
}

Test(read, takes_a_header_on_the_marker_row)
{
	read_ok("survey,type,name\n,note,n\n");
	cr_assert_eq(book.nsheets, 1);
	cr_assert_eq(book.sheets[0].header.line, 1);
	cr_assert_str_eq(book.sheets[0].header.cells[1], "name");
	cr_assert_eq(book.sheets[0].nrows, 1);
	cr_assert_eq(book.sheets[0].rows[0].line, 2);
}

Test(read, lowers_and_trims_sheet_names)
{
	read_ok(" SURVEY ,type\n,note\nSettings\n,form_id\n,x\n");
	cr_assert_str_eq(book.sheets[0].name, "survey");
	cr_assert_str_eq(book.sheets[1].name, "settings");
}

Test(read, counts_lines_inside_quotes)
{
	read_ok("survey,type,name,label\n"
	    ",note,a,\"two\nlines\"\n"
	    ",note,b,\"three\n\nlines\"\n"
	    ",note,c,C\n");
	cr_assert_eq(book.sheets[0].rows[0].line, 2);
	cr_assert_str_eq(book.sheets[0].rows[0].cells[2], "two\nlines");
	cr_assert_eq(book.sheets[0].rows[1].line, 4);
	cr_assert_str_eq(book.sheets[0].rows[1].cells[2], "three\n\nlines");
	cr_assert_eq(book.sheets[0].rows[2].line, 7);
}

Test(read, reads_crlf_files)
{
	read_ok("survey,type,name,label\r\n,note,a,\"x\r\ny\"\r\n\r\n"
	    ",note,b,B\r\n");
	cr_assert_eq(book.sheets[0].nrows, 2);
	cr_assert_str_eq(book.sheets[0].rows[0].cells[2], "x\ny");
	cr_assert_eq(book.sheets[0].rows[1].line, 5);
	cr_assert_str_eq(book.sheets[0].rows[1].cells[2], "B");
}

Test(read, reads_cr_only_files)
{
	read_ok("survey,type,name\r,note,a\r\r,note,b\r");
	cr_assert_eq(book.sheets[0].nrows, 2);
	cr_assert_eq(book.sheets[0].rows[1].line, 4);
}

Test(read, strips_a_bom)
{
	read_ok("\xef\xbb\xbfsurvey,type,name\n,note,a\n");
	cr_assert_str_eq(book.sheets[0].name, "survey");
	cr_assert_eq(book.sheets[0].rows[0].line, 2);
}

Test(read, skips_blank_rows_but_counts_their_lines)
{
	read_ok("\n\nsurvey,,\n,,\n,type,name\n , , \n\n,note,a\n,,\n");
	cr_assert_eq(book.sheets[0].line, 3);
	cr_assert_eq(book.sheets[0].header.line, 5);
	cr_assert_eq(book.sheets[0].nrows, 1);
	cr_assert_eq(book.sheets[0].rows[0].line, 8);
}

Test(read, trims_cells)
{
	read_ok("survey,  type , name\n,  note\t, \" a \" \n");
	cr_assert_str_eq(book.sheets[0].header.cells[0], "type");
	cr_assert_str_eq(book.sheets[0].rows[0].cells[0], "note");
	cr_assert_str_eq(book.sheets[0].rows[0].cells[1], "a");
}

Test(read, keeps_short_and_long_rows)
{
	read_ok("survey,type,name,label\n,note\n,note,a,A,extra\n");
	cr_assert_eq(book.sheets[0].rows[0].ncells, 1);
	cr_assert_eq(book.sheets[0].rows[1].ncells, 4);
}

Test(read, doubles_quotes_inside_cells)
{
	read_ok("survey,type,name,label\n,note,a,\"say \"\"hi\"\"\"\n");
	cr_assert_str_eq(book.sheets[0].rows[0].cells[2], "say \"hi\"");
}

Test(read, ignores_rows_before_any_sheet)
{
	read_ok(",type,name\n,note,a\nsurvey,type,name\n,note,b\n");
	cr_assert_eq(book.nsheets, 1);
	cr_assert_eq(book.sheets[0].nrows, 1);
	cr_assert_str_eq(book.sheets[0].rows[0].cells[1], "b");
}

Test(read, reads_an_empty_file)
{
	read_ok("");
	cr_assert_eq(book.nsheets, 0);
}

Test(read, reads_a_last_row_without_newline)
{
	read_ok("survey,type,name\n,note,a");
	cr_assert_eq(book.sheets[0].nrows, 1);
	cr_assert_str_eq(book.sheets[0].rows[0].cells[1], "a");
}

struct read_error_case {
	char	 csv[160];
	char	 cause[200];
};

ParameterizedTestParameters(read, reports_errors_with_lines)
{
	static struct read_error_case cases[] = {
		{ "survey,type,name\n,note,\"open\n\n,note,b\n",
		  "t.csv:2: unterminated quote" },
		{ "survey,type,name\n,note,a\n,note,b,\"x\"\"\n",
		  "t.csv:3: unterminated quote" },
		{ "survey,type,name\r\n,note,a\r\n,note,\"b\r\n\r\n",
		  "t.csv:3: unterminated quote" },
		{ "survey,type,name\n,note,\"a\"b\n",
		  "t.csv:2: misplaced quote (quote the cell and double each "
		  "quote inside it)" },
		{ "survey,type,name\n,note,a\"b\"\n",
		  "t.csv:2: misplaced quote (quote the cell and double each "
		  "quote inside it)" },
		{ "survey,type,name\n,note,\"x\ny\"z\n",
		  "t.csv:3: misplaced quote (quote the cell and double each "
		  "quote inside it)" },
		{ "survey,type,name\n,note,a\n,note,caf\xe9\n",
		  "t.csv:3: invalid UTF-8" },
		{ "survey,type,name\r\n\r\n,note,\xc3\x28\r\n",
		  "t.csv:3: invalid UTF-8" },
		{ "\xef\xbb\xbfsurvey,type,name\n,note,\"a\nb\xff\"\n",
		  "t.csv:3: invalid UTF-8" },
		{ "survey,type,name\n,note,\xed\xa0\x80\n",
		  "t.csv:2: invalid UTF-8" },
		{ "survey,type,name\n,note,\xc0\xaf\n,note,\xf8\n",
		  "t.csv:2: invalid UTF-8\nt.csv:3: invalid UTF-8" },
		{ "survey,type,name\n\n,note,a\0b\n",
		  "t.csv:3: NUL byte" },
	};
	return cr_make_param_array(struct read_error_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct read_error_case *c, read, reports_errors_with_lines)
{
	char	*cause = NULL;
	size_t	 len;

	/* The NUL case has a NUL inside: its length runs to "b\n". */
	len = strlen(c->csv);
	if (strstr(c->cause, "NUL") != NULL)
		len += 1 + strlen(c->csv + len + 1);
	cr_assert_eq(read_book("t.csv", c->csv, len, &book, &cause), -1);
	cr_assert_not_null(cause);
	cr_assert_str_eq(cause, c->cause);
	cr_assert_eq(book.nsheets, 0);
	free(cause);
}
