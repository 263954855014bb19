/* fuzz-xlsx.c: libFuzzer harness of the .xlsx reader (form_parse_buffer
 * on a workbook). Input: a first byte, then data. First byte even: the
 * data is the archive itself (libzip's reading of damaged, truncated,
 * odd archives). Odd: the data is XML parts separated by a line
 * "=====", put into a fresh archive as sheet1 (survey), sharedStrings,
 * styles, sheet2 (choices), workbook and workbook rels (missing ones
 * get a default), stored when the byte's bit 1 is set, else deflated:
 * so that mutations reach expat and the cell reader, not only the ZIP
 * checksums. A form that loads must locate every question's row. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/lib.h"
#include "tests/forms/xlsx-build.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	return 0;
}

static void
fuzz_xlsx_parse(const unsigned char *data, size_t n)
{
	struct form	*f;
	char		*cause = NULL, at[FORM_WHERE_MAX];
	size_t		 i;

	f = form_parse_buffer("fuzz.xlsx", data, n, &cause);
	if (f == NULL) {
		if (cause == NULL || *cause == '\0')
			abort();	/* a refusal always says why */
		free(cause);
		return;
	}
	if (f->nsheets == 0 && n >= 2 && data[0] == 'P' && data[1] == 'K')
		abort();		/* an archive read as CSV */
	for (i = 0; i < f->nquestions; i++) {
		if (f->nsheets != 0 && form_where(f, f->questions[i].line, at,
		    sizeof at) == NULL)
			abort();
		(void)form_label(f, &f->questions[i], 0);
	}
	form_free(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[] = { "xl/worksheets/sheet1.xml",
	    "xl/sharedStrings.xml", "xl/styles.xml",
	    "xl/worksheets/sheet2.xml", "xl/workbook.xml",
	    "xl/_rels/workbook.xml.rels" };
	struct xb_part	 parts[6];
	const char	*p, *end, *sep;
	unsigned char	*zip;
	size_t		 n = 0, len;

	if (size < 1)
		return 0;
	if ((data[0] & 1) == 0) {
		fuzz_xlsx_parse(data + 1, size - 1);
		return 0;
	}
	p = (const char *)data + 1;
	end = (const char *)data + size;
	while (n < 6 && p <= end) {
		sep = memmem(p, (size_t)(end - p), "\n=====\n", 7);
		parts[n].name = names[n];
		parts[n].xml = p;
		parts[n].len = (size_t)((sep != NULL ? sep : end) - p);
		if (parts[n].len == 0)
			parts[n].xml = " ";	/* xb_build's 0 is strlen */
		if (parts[n].len == 0)
			parts[n].len = 1;
		n++;
		if (sep == NULL)
			break;
		p = sep + 7;
	}
	if ((zip = xb_build(parts, n, 0, (data[0] & 2) != 0, &len)) == NULL)
		return 0;
	fuzz_xlsx_parse(zip, len);
	free(zip);
	return 0;
}
