/* xlsx-build.h: make a small .xlsx archive in memory with libzip, for
 * tests/forms/test-xlsx.c and tests/fuzz/fuzz-xlsx.c: the parts are
 * given as XML; what is not given gets a minimal default. */
#ifndef CONSULT_TESTS_XLSX_BUILD_H
#define CONSULT_TESTS_XLSX_BUILD_H

#include <stdlib.h>
#include <string.h>

#include <zip.h>

#define XB_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define XB_RNS \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XB_PNS "http://schemas.openxmlformats.org/package/2006/relationships"

/* A worksheet's XML around its rows. */
#define XB_SHEET(rows) "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<worksheet xmlns=\"" XB_NS "\"><sheetData>" rows \
	"</sheetData></worksheet>"

struct xb_part {
	const char	*name;
	const char	*xml;
	size_t		 len;		/* 0: strlen(xml) */
};

static const char xb_content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://"
    "schemas.openxmlformats.org/package/2006/content-types\"><Default "
    "Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char xb_root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
    XB_PNS "\"><Relationship Id=\"rId1\" Type=\"" XB_RNS
    "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
/* Sheets "survey" (sheet1) and "choices" (sheet2). */
static const char xb_workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" XB_NS
    "\" xmlns:r=\"" XB_RNS "\"><sheets><sheet name=\"survey\" sheetId=\"1\""
    " r:id=\"rId1\"/><sheet name=\"choices\" sheetId=\"2\" r:id=\"rId2\"/>"
    "</sheets></workbook>";
static const char xb_workbook_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
    XB_PNS "\"><Relationship Id=\"rId1\" Type=\"" XB_RNS "/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\""
    XB_RNS "/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" XB_RNS "/sharedStrings\" Target="
    "\"sharedStrings.xml\"/><Relationship Id=\"rId4\" Type=\"" XB_RNS
    "/styles\" Target=\"styles.xml\"/></Relationships>";

/* 1 if parts has one with this name. */
static int
xb_has(const struct xb_part *parts, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (strcmp(parts[i].name, name) == 0)
			return 1;
	}
	return 0;
}

static int
xb_add(zip_t *za, const char *name, const char *data, size_t len, int store)
{
	zip_source_t	*s;
	zip_int64_t	 idx;

	if ((s = zip_source_buffer(za, data, len, 0)) == NULL)
		return -1;
	if ((idx = zip_file_add(za, name, s, ZIP_FL_OVERWRITE)) < 0) {
		zip_source_free(s);
		return -1;
	}
	return zip_set_file_compression(za, (zip_uint64_t)idx,
	    store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
}

/* The archive of parts (plus defaults for [Content_Types].xml, the
 * rels, the workbook, unless omit_defaults), stored or deflated. Sets
 * *len; caller frees. NULL on a libzip failure. */
static unsigned char *
xb_build(const struct xb_part *parts, size_t n, int omit_defaults,
    int store, size_t *len)
{
	static const struct xb_part defaults[] = {
		{ "[Content_Types].xml", xb_content_types, 0 },
		{ "_rels/.rels", xb_root_rels, 0 },
		{ "xl/workbook.xml", xb_workbook, 0 },
		{ "xl/_rels/workbook.xml.rels", xb_workbook_rels, 0 },
	};
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*za;
	zip_stat_t	 st;
	unsigned char	*out = NULL;
	size_t		 i;
	int		 ok = 1;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		return NULL;
	zip_source_keep(src);
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		return NULL;
	}
	for (i = 0; !omit_defaults && i < sizeof defaults / sizeof
	    defaults[0]; i++) {
		if (!xb_has(parts, n, defaults[i].name) && xb_add(za,
		    defaults[i].name, defaults[i].xml,
		    strlen(defaults[i].xml), store) != 0)
			ok = 0;
	}
	for (i = 0; i < n; i++) {
		if (xb_add(za, parts[i].name, parts[i].xml, parts[i].len != 0 ?
		    parts[i].len : strlen(parts[i].xml), store) != 0)
			ok = 0;
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		ok = 0;
	}
	if (ok && zip_source_open(src) == 0) {
		zip_stat_init(&st);
		if (zip_source_stat(src, &st) == 0 &&
		    (out = malloc(st.size + 1)) != NULL &&
		    zip_source_read(src, out, st.size) ==
		    (zip_int64_t)st.size)
			*len = st.size;
		else {
			free(out);
			out = NULL;
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

#endif
