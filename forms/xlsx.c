/* xlsx.c: an .xlsx workbook opened with libzip: its parts found through
 * their relationships and inflated within the limits of xlsx-private.h,
 * then the sheets XLSForm uses read into a read_book. */
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "forms/xlsx-private.h"

struct xlsx_archive {
	const char	*name;		/* the form, for messages */
	zip_t		*zip;
	size_t		 total;		/* bytes inflated so far */
};

/* Inflate a part whole into out: 1, or 0 when the archive lacks it, or
 * -1 with *cause. */
static int
xlsx_part(struct xlsx_archive *a, const char *part, struct buf *out,
    char **cause)
{
	zip_int64_t	 idx, got;
	zip_stat_t	 st;
	zip_file_t	*zf;
	char		 chunk[16384];

	out->len = 0;
	if ((idx = zip_name_locate(a->zip, part, ZIP_FL_NOCASE)) < 0)
		return 0;
	zip_stat_init(&st);
	if (zip_stat_index(a->zip, (zip_uint64_t)idx, 0, &st) != 0)
		goto zip_error;
	if ((st.valid & ZIP_STAT_SIZE) && st.size > XLSX_MAX_PART)
		goto too_big;
	if ((zf = zip_fopen_index(a->zip, (zip_uint64_t)idx, 0)) == NULL)
		goto zip_error;
	while ((got = zip_fread(zf, chunk, sizeof chunk)) > 0) {
		if (out->len + (size_t)got > XLSX_MAX_PART ||
		    a->total + (size_t)got > XLSX_MAX_TOTAL) {
			zip_fclose(zf);
			goto too_big;
		}
		buf_add(out, chunk, (size_t)got);
		a->total += (size_t)got;
	}
	if (got < 0) {
		xasprintf(cause, "%s: %s: %s (a damaged .xlsx file)",
		    a->name, part, zip_file_strerror(zf));
		zip_fclose(zf);
		return -1;
	}
	zip_fclose(zf);
	return 1;
too_big:
	xasprintf(cause, "%s: %s inflates to more than %u MiB (one part) or "
	    "%u MiB (all parts): refused as a zip bomb", a->name, part,
	    XLSX_MAX_PART >> 20, XLSX_MAX_TOTAL >> 20);
	return -1;
zip_error:
	xasprintf(cause, "%s: %s: %s (a damaged .xlsx file)", a->name, part,
	    zip_strerror(a->zip));
	return -1;
}

/* The rels part of part ("xl/workbook.xml" has "xl/_rels/workbook.xml.
 * rels"). Caller frees. */
static char *
xlsx_rels_name(const char *part)
{
	const char	*slash = strrchr(part, '/');
	char		*s;

	if (slash == NULL)
		xasprintf(&s, "_rels/%s.rels", part);
	else
		xasprintf(&s, "%.*s/_rels/%s.rels", (int)(slash - part), part,
		    slash + 1);
	return s;
}

/* Read and parse the rels of source into rels (none: empty). */
static int
xlsx_read_rels(struct xlsx_archive *a, const char *source,
    struct xlsx_rels *rels, struct buf *b, char **cause)
{
	char	*name;
	int	 rc;

	memset(rels, 0, sizeof *rels);
	name = *source == '\0' ? xstrdup("_rels/.rels") :
	    xlsx_rels_name(source);
	rc = xlsx_part(a, name, b, cause);
	if (rc == 1)
		rc = xlsx_parse_rels(a->name, (const char *)b->data, b->len,
		    source, rels, cause);
	free(name);
	return rc < 0 ? -1 : 0;
}

/* Shared strings and styles, when the workbook has them. */
static int
xlsx_read_context(struct xlsx_archive *a, const struct xlsx_rels *rels,
    struct xlsx_context *ctx, struct buf *b, char **cause)
{
	const char	*part;
	int		 rc;

	if ((part = xlsx_rels_find(rels, "sharedStrings")) != NULL) {
		if ((rc = xlsx_part(a, part, b, cause)) < 0)
			return -1;
		if (rc == 1 && xlsx_parse_strings(a->name,
		    (const char *)b->data, b->len, ctx, cause) != 0)
			return -1;
	}
	if ((part = xlsx_rels_find(rels, "styles")) != NULL) {
		if ((rc = xlsx_part(a, part, b, cause)) < 0)
			return -1;
		if (rc == 1 && xlsx_parse_styles(a->name,
		    (const char *)b->data, b->len, ctx, cause) != 0)
			return -1;
	}
	return 0;
}

/* The XLSForm name of a workbook sheet, or NULL for one we skip. */
static const char *
xlsx_sheet_role(const struct xlsx_workbook *wb, size_t i)
{
	static const char	*roles[] = { "survey", "choices", "settings",
	    "external_choices" };
	size_t			 j;

	for (j = 0; j < nitems(roles); j++) {
		if (str_ieq(wb->sheets[i].name, roles[j]))
			return roles[j];
	}
	return wb->nsheets == 1 ? "survey" : NULL;
}

static int
xlsx_read_sheet(struct xlsx_archive *a, const struct xlsx_workbook *wb,
    size_t i, const struct xlsx_rels *rels, const struct xlsx_context *ctx,
    struct read_book *book, struct buf *b, char **cause)
{
	struct read_sheet	*sh;
	const char		*part;
	int			 rc, index;

	if ((part = xlsx_rels_id(rels, wb->sheets[i].rid)) == NULL ||
	    (rc = xlsx_part(a, part, b, cause)) == 0) {
		xasprintf(cause, "%s: sheet '%s' is missing from the archive",
		    a->name, wb->sheets[i].name);
		return -1;
	}
	if (rc < 0)
		return -1;
	book->sheets = xreallocarray(book->sheets, book->nsheets + 1,
	    sizeof *book->sheets);
	sh = &book->sheets[book->nsheets++];
	memset(sh, 0, sizeof *sh);
	index = (int)book->nsheets;
	sh->name = xstrdup(xlsx_sheet_role(wb, i));
	sh->label = xstrdup(wb->sheets[i].name);
	sh->line = READ_LINE(index, 1);
	if (xlsx_parse_sheet(a->name, (const char *)b->data, b->len, ctx, sh,
	    index, cause) != 0)
		return -1;
	if (sh->header.ncells == 0 && strcmp(sh->name, "survey") != 0) {
		/* An empty choices or settings sheet: as if absent. */
		free(sh->name);
		free(sh->label);
		book->nsheets--;
	}
	return 0;
}

/* The sheets XLSForm uses, in workbook order; a survey must be there. */
static int
xlsx_read_sheets(struct xlsx_archive *a, const struct xlsx_workbook *wb,
    const struct xlsx_rels *rels, const struct xlsx_context *ctx,
    struct read_book *book, struct buf *b, char **cause)
{
	struct buf	 names;
	size_t		 i;
	int		 survey = 0;

	for (i = 0; i < wb->nsheets; i++) {
		if (xlsx_sheet_role(wb, i) == NULL)
			continue;
		if (strcmp(xlsx_sheet_role(wb, i), "survey") == 0)
			survey = 1;
		if (xlsx_read_sheet(a, wb, i, rels, ctx, book, b, cause) != 0)
			return -1;
	}
	if (survey)
		return 0;
	buf_init(&names);
	for (i = 0; i < wb->nsheets; i++)
		buf_printf(&names, "%s'%s'", i == 0 ? "" : ", ",
		    wb->sheets[i].name);
	xasprintf(cause, "%s: no sheet named 'survey' (the workbook has %s)",
	    a->name, wb->nsheets == 0 ? "none" : buf_str(&names));
	buf_clear(&names);
	return -1;
}

/* The workbook part and its sheets. */
static int
xlsx_read_workbook(struct xlsx_archive *a, struct read_book *book,
    struct buf *b, char **cause)
{
	struct xlsx_rels	 root, rels;
	struct xlsx_workbook	 wb;
	struct xlsx_context	 ctx;
	const char		*part;
	int			 rc = -1;

	memset(&wb, 0, sizeof wb);
	memset(&ctx, 0, sizeof ctx);
	memset(&rels, 0, sizeof rels);
	if (xlsx_read_rels(a, "", &root, b, cause) != 0)
		return -1;
	if ((part = xlsx_rels_find(&root, "officeDocument")) == NULL)
		part = "xl/workbook.xml";
	if ((rc = xlsx_part(a, part, b, cause)) <= 0) {
		if (rc == 0)
			xasprintf(cause, "%s: a ZIP archive without a workbook "
			    "(not an .xlsx file)", a->name);
		rc = -1;
		goto out;
	}
	rc = -1;
	if (xlsx_parse_workbook(a->name, (const char *)b->data, b->len, &wb,
	    cause) != 0 || xlsx_read_rels(a, part, &rels, b, cause) != 0 ||
	    xlsx_read_context(a, &rels, &ctx, b, cause) != 0)
		goto out;
	ctx.date1904 = wb.date1904;
	rc = xlsx_read_sheets(a, &wb, &rels, &ctx, book, b, cause);
out:
	xlsx_context_clear(&ctx);
	xlsx_workbook_clear(&wb);
	xlsx_rels_clear(&rels);
	xlsx_rels_clear(&root);
	return rc;
}

int
xlsx_read_book(const char *name, const void *data, size_t n,
    struct read_book *book, char **cause)
{
	struct xlsx_archive	 a;
	zip_error_t		 ze;
	zip_source_t		*src;
	struct buf		 b;
	int			 rc;

	memset(book, 0, sizeof *book);
	book->xlsx = 1;
	memset(&a, 0, sizeof a);
	a.name = name;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, n, 0, &ze)) == NULL ||
	    (a.zip = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		xasprintf(cause, "%s: not a readable .xlsx file (%s)", name,
		    zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	buf_init(&b);
	rc = xlsx_read_workbook(&a, book, &b, cause);
	buf_clear(&b);
	zip_discard(a.zip);
	if (rc != 0)
		read_book_clear(book);
	return rc;
}
