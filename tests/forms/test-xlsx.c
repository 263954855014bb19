/* test-xlsx.c: tests for forms/xlsx*.c: .xlsx forms built in memory
 * (xlsx-build.h) read as pyxform reads them (strings, numbers, dates,
 * booleans, empty rows, sheet names in any case), errors naming sheet
 * and row, and hostile workbooks refused with a clear message. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/lib.h"
#include "tests/forms/xlsx-build.h"

static struct form	*form;
static char		*cause;
static unsigned char	*zip;

static void
test_init(void)
{
	cr_assert_geq(sodium_init(), 0);
}

static void
test_fini(void)
{
	form_free(form);
	free(cause);
	free(zip);
}

TestSuite(xlsx, .init = test_init, .fini = test_fini);

#define HEADER_ROW "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>type" \
	"</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>name</t></is></c>" \
	"<c r=\"C1\" t=\"inlineStr\"><is><t>label</t></is></c></row>"
/* A data row: a text question qN whose label is the cell given. */
#define Q_ROW(r, n, cell) "<row r=\"" #r "\"><c t=\"inlineStr\"><is><t>" \
	"text</t></is></c><c t=\"inlineStr\"><is><t>" n "</t></is></c>" \
	cell "</row>"
#define STYLES "<?xml version=\"1.0\"?><styleSheet xmlns=\"" XB_NS "\">" \
	"<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=" \
	"\"yyyy\\-mm\\-dd\"/><numFmt numFmtId=\"165\" formatCode=" \
	"\"&quot;day&quot; 0.00\"/></numFmts><cellXfs count=\"4\"><xf " \
	"numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf " \
	"numFmtId=\"165\"/></cellXfs></styleSheet>"
#define STRINGS "<?xml version=\"1.0\"?><sst xmlns=\"" XB_NS "\"><si><t>" \
	"  Plain  </t></si><si><r><t>Rich </t></r><r><rPr/><t>text</t></r>" \
	"<rPh><t>PHONETIC</t></rPh></si><si><t>a_x000D_\nb\xc2\xa0" \
	"c_x005F_x</t></si></sst>"

/* Parse a workbook of these parts as name; the form or NULL. */
static struct form *
load_parts(const char *name, const struct xb_part *parts, size_t n,
    int store)
{
	size_t	 len = 0;

	zip = xb_build(parts, n, 0, store, &len);
	cr_assert_not_null(zip, "could not build the archive");
	form = form_parse_buffer(name, zip, len, &cause);
	return form;
}

/* A workbook whose survey sheet has these rows (strings and styles
 * above); must load. */
static struct form *
load_survey(const char *rows)
{
	struct xb_part	 parts[] = {
		{ "xl/worksheets/sheet1.xml", NULL, 0 },
		{ "xl/worksheets/sheet2.xml", XB_SHEET(""), 0 },
		{ "xl/sharedStrings.xml", STRINGS, 0 },
		{ "xl/styles.xml", STYLES, 0 },
	};
	char		*xml;

	xasprintf(&xml, XB_SHEET("%s"), rows);
	parts[0].xml = xml;
	load_parts("t.xlsx", parts, 4, 0);
	free(xml);
	cr_assert_not_null(form, "refused: %s", cause != NULL ? cause : "");
	return form;
}

/* The refusal of a workbook with this survey sheet. */
static const char *
refuse_survey(const char *sheet_xml)
{
	struct xb_part	 parts[] = {
		{ "xl/worksheets/sheet1.xml", sheet_xml, 0 },
		{ "xl/worksheets/sheet2.xml", XB_SHEET(""), 0 },
		{ "xl/sharedStrings.xml", STRINGS, 0 },
	};

	cr_assert_null(load_parts("t.xlsx", parts, 3, 1));
	cr_assert_not_null(cause);
	return cause;
}

static const char *
label(const char *name)
{
	int	 i = form_find_question(form, name);

	cr_assert_geq(i, 0, "no question %s", name);
	return form_label(form, &form->questions[i], 0);
}

Test(xlsx, reads_shared_and_inline_strings)
{
	load_survey(HEADER_ROW
	    Q_ROW(2, "q1", "<c t=\"s\"><v>0</v></c>")
	    Q_ROW(3, "q2", "<c t=\"s\"><v>1</v></c>")
	    Q_ROW(4, "q3", "<c t=\"s\"><v>2</v></c>")
	    Q_ROW(5, "q4", "<c t=\"inlineStr\"><is><r><t>in</t></r><r><t>"
	    "line</t></r></is></c>")
	    Q_ROW(6, "q5", "<c t=\"str\"><f>A1</f><v>formula</v></c>"));
	cr_assert_str_eq(label("q1"), "Plain");
	cr_assert_str_eq(label("q2"), "Rich text");
	cr_assert_str_eq(label("q3"), "a\nb c_x");
	cr_assert_str_eq(label("q4"), "inline");
	cr_assert_str_eq(label("q5"), "formula");
	cr_assert_eq(form->nsheets, 1);	/* the empty choices: as if absent */
}

struct cell_case {
	char	 cell[160];
	char	 want[48];
};

static struct cell_case cell_cases[] = {
	{ "<c><v>3</v></c>", "3" },
	{ "<c><v>3.0</v></c>", "3" },
	{ "<c><v>-0</v></c>", "0" },
	{ "<c><v>0.1</v></c>", "0.1" },
	{ "<c><v>0.10000000000000001</v></c>", "0.1" },
	{ "<c><v>2.5E-3</v></c>", "0.0025" },
	{ "<c><v>1E-5</v></c>", "1e-05" },
	{ "<c><v>1.5E-7</v></c>", "1.5e-07" },
	{ "<c><v>1E+20</v></c>", "100000000000000000000" },
	{ "<c><v>123456.789</v></c>", "123456.789" },
	{ "<c t=\"b\"><v>1</v></c>", "TRUE" },
	{ "<c t=\"b\"><v>0</v></c>", "FALSE" },
	/* Read as "#N/A"; a label's '#' opens a heading (markup.c). */
	{ "<c t=\"e\"><v>#N/A</v></c>", "N/A" },
	{ "<c s=\"1\"><v>45306</v></c>", "2024-01-15 00:00:00" },
	{ "<c s=\"2\"><v>45306.75</v></c>", "2024-01-15 18:00:00" },
	{ "<c s=\"1\"><v>0.5</v></c>", "12:00:00" },
	{ "<c s=\"1\"><v>1</v></c>", "1900-01-01 00:00:00" },
	{ "<c s=\"1\"><v>61</v></c>", "1900-03-01 00:00:00" },
	{ "<c s=\"1\"><v>45306.0000115741</v></c>", "2024-01-15 00:00:01" },
	{ "<c s=\"3\"><v>45306</v></c>", "45306" },
	{ "<c s=\"9\"><v>2.5</v></c>", "2.5" },
	{ "<c t=\"d\"><v>2024-01-15T08:30:00</v></c>", "2024-01-15 08:30:00" },
	{ "<c><v>12abc</v></c>", "12abc" },
};

ParameterizedTestParameters(xlsx, reads_cells_as_pyxform)
{
	return cr_make_param_array(struct cell_case, cell_cases,
	    sizeof cell_cases / sizeof cell_cases[0]);
}

ParameterizedTest(struct cell_case *c, xlsx, reads_cells_as_pyxform)
{
	char	*rows;

	xasprintf(&rows, HEADER_ROW "<row r=\"2\"><c t=\"inlineStr\"><is><t>"
	    "text</t></is></c><c t=\"inlineStr\"><is><t>q</t></is></c>%s"
	    "</row>", c->cell);
	load_survey(rows);
	free(rows);
	cr_assert_str_eq(label("q"), c->want, "%s", c->cell);
}

Test(xlsx, reads_1904_dates)
{
	struct xb_part	 parts[] = {
		{ "xl/workbook.xml", "<workbook xmlns=\"" XB_NS "\" xmlns:r=\""
		    XB_RNS "\"><workbookPr date1904=\"1\"/><sheets><sheet "
		    "name=\"survey\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
		    "</workbook>", 0 },
		{ "xl/worksheets/sheet1.xml", XB_SHEET(HEADER_ROW
		    Q_ROW(2, "q", "<c s=\"1\"><v>0</v></c>")
		    Q_ROW(3, "r", "<c s=\"1\"><v>1</v></c>")), 0 },
		{ "xl/styles.xml", STYLES, 0 },
	};

	load_parts("t.xlsx", parts, 3, 0);
	cr_assert_not_null(form, "%s", cause);
	cr_assert_str_eq(label("q"), "00:00:00");
	cr_assert_str_eq(label("r"), "1904-01-02 00:00:00");
}

Test(xlsx, skips_empty_rows_and_names_rows_as_the_sheet_does)
{
	struct xb_part	 parts[] = {
		{ "xl/worksheets/sheet1.xml", XB_SHEET(
		    HEADER_ROW "<row r=\"3\"/><row r=\"4\"><c r=\"B4\"/></row>"
		    Q_ROW(7, "q", "<c t=\"inlineStr\"><is><t>Q</t></is></c>")
		    "<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>intger"
		    "</t></is></c><c r=\"B9\" t=\"inlineStr\"><is><t>n</t>"
		    "</is></c></row>"), 0 },
		{ "xl/worksheets/sheet2.xml", XB_SHEET(""), 0 },
	};

	cr_assert_null(load_parts("dir/f.xlsx", parts, 2, 0));
	cr_assert_str_eq(cause, "dir/f.xlsx:survey:9: unknown type 'intger'; "
	    "did you mean 'integer'?");
}

Test(xlsx, rows_without_r_count_on)
{
	load_survey("<row>" "<c t=\"inlineStr\"><is><t>type</t></is></c>"
	    "<c t=\"inlineStr\"><is><t>name</t></is></c><c t=\"inlineStr\">"
	    "<is><t>label</t></is></c></row><row><c t=\"inlineStr\"><is><t>integer</t></is>"
	    "</c><c t=\"inlineStr\"><is><t>n</t></is></c><c><v>5</v></c>"
	    "</row>");
	cr_assert_eq(form->nquestions, 1);
	cr_assert_eq(form->questions[0].line, (1 << 21) | 2);
}

Test(xlsx, finds_sheets_in_any_case_and_a_lone_sheet)
{
	struct xb_part	 upper[] = {
		{ "xl/workbook.xml", "<workbook xmlns=\"" XB_NS "\" xmlns:r=\""
		    XB_RNS "\"><sheets><sheet name=\"SURVEY\" sheetId=\"1\" "
		    "r:id=\"rId1\"/><sheet name=\"Notes\" sheetId=\"2\" "
		    "r:id=\"rId2\"/></sheets></workbook>", 0 },
		{ "xl/worksheets/sheet1.xml", XB_SHEET(HEADER_ROW
		    Q_ROW(2, "q", "<c t=\"inlineStr\"><is><t>Q</t></is></c>") "<row r=\"3\"><c t=\"inlineStr\"><is><t>"
		    "bogus</t></is></c><c t=\"inlineStr\"><is><t>b</t></is>"
		    "</c></row>"), 0 },
		{ "xl/worksheets/sheet2.xml", "not even XML", 0 },
	};
	struct xb_part	 lone[] = {
		{ "xl/workbook.xml", "<workbook xmlns=\"" XB_NS "\" xmlns:r=\""
		    XB_RNS "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" "
		    "r:id=\"rId1\"/></sheets></workbook>", 0 },
		{ "xl/worksheets/sheet1.xml", XB_SHEET(HEADER_ROW
		    Q_ROW(2, "q", "<c t=\"inlineStr\"><is><t>Q</t></is></c>")), 0 },
	};

	/* The unused sheet is never parsed; errors name "SURVEY". */
	cr_assert_null(load_parts("t.xlsx", upper, 3, 0));
	cr_assert_str_eq(cause, "t.xlsx:SURVEY:3: unknown type 'bogus'");
	free(cause);
	free(zip);
	cause = NULL;
	load_parts("t.xlsx", lone, 2, 0);
	cr_assert_not_null(form, "%s", cause);
	cr_assert_eq(form->nquestions, 1);
}

Test(xlsx, keeps_the_bytes_as_given)
{
	unsigned char	 hash[FORM_FINGERPRINT_BYTES];
	size_t		 len = 0;
	struct xb_part	 parts[] = {
		{ "xl/worksheets/sheet1.xml", XB_SHEET(HEADER_ROW
		    Q_ROW(2, "q", "<c t=\"inlineStr\"><is><t>Q</t></is></c>")), 0 },
		{ "xl/worksheets/sheet2.xml", XB_SHEET(""), 0 },
	};

	zip = xb_build(parts, 2, 0, 0, &len);
	form = form_parse_buffer("t.xlsx", zip, len, &cause);
	cr_assert_not_null(form, "%s", cause);
	cr_assert_eq(form->nbytes, len);
	cr_assert_eq(memcmp(form->bytes, zip, len), 0);
	crypto_generichash(hash, sizeof hash, zip, len, NULL, 0);
	cr_assert_eq(memcmp(hash, form->fingerprint, sizeof hash), 0);
}

Test(xlsx, refuses_a_doctype)
{
	const char	*why = refuse_survey("<?xml version=\"1.0\"?><!DOCTYPE "
	    "x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
	    "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t>"
	    "</is></c></row></sheetData></worksheet>");

	cr_assert_str_eq(why, "t.xlsx:survey: a DOCTYPE, refused (a workbook "
	    "declares no entities)");
}

Test(xlsx, refuses_bad_xml_with_its_line)
{
	const char	*why = refuse_survey("<worksheet>\n<sheetData><row>"
	    "</sheetData>");

	cr_assert_str_eq(why, "t.xlsx:survey: XML line 2: mismatched tag");
}

Test(xlsx, refuses_rows_out_of_order)
{
	const char	*why = refuse_survey(XB_SHEET("<row r=\"5\"/><row "
	    "r=\"2\"/>"));

	cr_assert_str_eq(why, "t.xlsx:survey: row '2' out of order or out of "
	    "range after row 5");
}

Test(xlsx, refuses_a_missing_shared_string)
{
	const char	*why = refuse_survey(XB_SHEET("<row r=\"4\"><c t=\"s\">"
	    "<v>7</v></c></row>"));

	cr_assert_str_eq(why, "t.xlsx:survey:4: a cell names shared string "
	    "'7', which the workbook lacks");
}

Test(xlsx, refuses_text_beyond_the_last_column)
{
	const char	*why = refuse_survey(XB_SHEET("<row r=\"2\"><c r=\"AMK2"
	    "\" t=\"inlineStr\"><is><t>x</t></is></c></row>"));

	cr_assert_str_eq(why, "t.xlsx:survey:2: a cell beyond column 1024 "
	    "(consult reads no further)");
}

Test(xlsx, refuses_a_zip_bomb)
{
	size_t		 big = 40U << 20;
	char		*xml = malloc(big);
	struct xb_part	 parts[] = {
		{ "xl/worksheets/sheet1.xml", NULL, 0 },
	};

	cr_assert_not_null(xml);
	memset(xml, ' ', big);
	memcpy(xml, "<worksheet>", 11);
	parts[0].xml = xml;
	parts[0].len = big;
	cr_assert_null(load_parts("b.xlsx", parts, 1, 0));
	free(xml);
	cr_assert_lt(strlen(cause), 200);
	cr_assert_str_eq(cause, "b.xlsx: xl/worksheets/sheet1.xml inflates to "
	    "more than 32 MiB (one part) or 64 MiB (all parts): refused as a "
	    "zip bomb");
}

Test(xlsx, refuses_a_truncated_archive)
{
	struct xb_part	 parts[] = {
		{ "xl/worksheets/sheet1.xml", XB_SHEET(HEADER_ROW), 0 },
	};
	size_t		 len = 0, cut;

	zip = xb_build(parts, 1, 0, 0, &len);
	cr_assert_not_null(zip);
	for (cut = 4; cut < len; cut += len / 7) {
		form = form_parse_buffer("t.xlsx", zip, cut, &cause);
		cr_assert_null(form, "cut at %zu loaded", cut);
		cr_assert(strncmp(cause, "t.xlsx: ", 8) == 0, "%s", cause);
		free(cause);
		cause = NULL;
	}
}

Test(xlsx, refuses_a_missing_sheet_or_no_survey)
{
	struct xb_part	 none[] = {
		{ "xl/worksheets/sheet2.xml", XB_SHEET(""), 0 },
	};
	struct xb_part	 other[] = {
		{ "xl/workbook.xml", "<workbook xmlns=\"" XB_NS "\" xmlns:r=\""
		    XB_RNS "\"><sheets><sheet name=\"Data\" sheetId=\"1\" "
		    "r:id=\"rId1\"/><sheet name=\"choices\" sheetId=\"2\" "
		    "r:id=\"rId2\"/></sheets></workbook>", 0 },
		{ "xl/worksheets/sheet1.xml", XB_SHEET(""), 0 },
		{ "xl/worksheets/sheet2.xml", XB_SHEET(""), 0 },
	};

	cr_assert_null(load_parts("t.xlsx", none, 1, 0));
	cr_assert_str_eq(cause, "t.xlsx: sheet 'survey' is missing from the "
	    "archive");
	free(cause);
	free(zip);
	cause = NULL;
	cr_assert_null(load_parts("t.xlsx", other, 3, 0));
	cr_assert_str_eq(cause, "t.xlsx: no sheet named 'survey' (the "
	    "workbook has 'Data', 'choices')");
}

Test(xlsx, refuses_xls_and_non_archives)
{
	static const unsigned char ole2[16] = { 0xd0, 0xcf, 0x11, 0xe0,
	    0xa1, 0xb1, 0x1a, 0xe1 };

	form = form_parse_buffer("old.xls", ole2, sizeof ole2, &cause);
	cr_assert_null(form);
	cr_assert(strstr(cause, "save it as an Excel Workbook (.xlsx)") !=
	    NULL, "%s", cause);
	free(cause);
	form = form_parse_buffer("a.XLSX", "type,name\n", 10, &cause);
	cr_assert_null(form);
	cr_assert_str_eq(cause, "a.XLSX: not an .xlsx workbook (no ZIP "
	    "archive; truncated?)");
	free(cause);
	cause = NULL;
	form = form_parse_buffer("zip.csv", "PK\x05\x06", 4, &cause);
	cr_assert_null(form);
	cr_assert(strncmp(cause, "zip.csv: ", 9) == 0, "%s", cause);
}

Test(xlsx, errors_in_choices_name_their_sheet)
{
	struct xb_part	 parts[] = {
		{ "xl/worksheets/sheet1.xml", XB_SHEET(HEADER_ROW
		    Q_ROW(2, "q", "<c t=\"inlineStr\"><is><t>Q</t></is></c>")),
		    0 },
		{ "xl/worksheets/sheet2.xml", XB_SHEET("<row r=\"1\"><c t=\""
		    "inlineStr\"><is><t>list_name</t></is></c><c t=\""
		    "inlineStr\"><is><t>name</t></is></c><c t=\"inlineStr\">"
		    "<is><t>label</t></is></c></row><row r=\"2\"><c t=\""
		    "inlineStr\"><is><t>l</t></is></c><c><v>1</v></c><c><v>1"
		    "</v></c></row><row r=\"6\"><c t=\"inlineStr\"><is><t>l"
		    "</t></is></c><c><v>1.0</v></c><c><v>1</v></c></row>"), 0 },
	};

	cr_assert_null(load_parts("t.xlsx", parts, 2, 0));
	cr_assert_str_eq(cause, "t.xlsx:choices:6: duplicate choice '1' in "
	    "list 'l' (first at choices:2)");
}
