/* xlsx-parts.c: the expat driver every .xlsx part goes through, and the
 * small parts: relationships, the workbook's sheet list, shared strings
 * and the cell styles that mark dates. */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "forms/xlsx-private.h"

/* Where a parse is, for the handlers' messages. */
struct xlsx_where {
	const char	*book;
	const char	*part;
};

void
xlsx_xml_fail(struct xlsx_xml *x, const char *fmt, ...)
{
	va_list	 ap;

	if (x->error == NULL) {
		va_start(ap, fmt);
		xvasprintf(&x->error, fmt, ap);
		va_end(ap);
	}
	XML_StopParser(x->parser, XML_FALSE);
}

const char *
xlsx_local(const char *name)
{
	const char	*bar = strrchr(name, '|');

	return bar != NULL ? bar + 1 : name;
}

const char *
xlsx_attr(const char **atts, const char *local)
{
	size_t	 i;

	for (i = 0; atts[i] != NULL; i += 2) {
		if (strcmp(xlsx_local(atts[i]), local) == 0)
			return atts[i + 1];
	}
	return NULL;
}

static void XMLCALL
xlsx_chars(void *ud, const XML_Char *s, int len)
{
	struct xlsx_xml	*x = ud;

	if (x->collect && len > 0)
		buf_add(&x->text, s, (size_t)len);
}

/* Entities can only be declared in a DOCTYPE: refusing it refuses
 * "billion laughs" and external entities alike. */
static void XMLCALL
xlsx_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	xlsx_xml_fail(ud, "%s: a DOCTYPE, refused (a workbook declares no "
	    "entities)", ((struct xlsx_xml *)ud)->where);
}

int
xlsx_xml_run(struct xlsx_xml *x, const char *part, const char *xml,
    size_t n, XML_StartElementHandler start, XML_EndElementHandler end,
    char **cause)
{
	int	 rc = 0;

	x->error = NULL;
	x->where = part;
	x->collect = 0;
	buf_init(&x->text);
	if ((x->parser = XML_ParserCreateNS(NULL, '|')) == NULL) {
		xasprintf(cause, "%s: cannot start the XML parser", part);
		return -1;
	}
	XML_SetUserData(x->parser, x);
	XML_SetElementHandler(x->parser, start, end);
	XML_SetCharacterDataHandler(x->parser, xlsx_chars);
	XML_SetStartDoctypeDeclHandler(x->parser, xlsx_doctype);
	XML_SetParamEntityParsing(x->parser, XML_PARAM_ENTITY_PARSING_NEVER);
	if (n > INT_MAX || XML_Parse(x->parser, xml, (int)n, 1) ==
	    XML_STATUS_ERROR) {
		if (x->error != NULL) {
			*cause = x->error;
			x->error = NULL;
		} else
			xasprintf(cause, "%s: XML line %lu: %s", part,
			    (unsigned long)XML_GetCurrentLineNumber(x->parser),
			    XML_ErrorString(XML_GetErrorCode(x->parser)));
		rc = -1;
	}
	free(x->error);
	x->error = NULL;
	buf_clear(&x->text);
	XML_ParserFree(x->parser);
	return rc;
}

/* ---- relationships ------------------------------------------------ */

struct rels_state {
	struct xlsx_xml	 x;
	const char	*source;
	struct xlsx_rels *rels;
};

/* A target relative to its source part, or absolute from the package
 * root, as a part name without "." and ".." steps. Caller frees. */
static char *
xlsx_resolve(const char *source, const char *target)
{
	struct buf	 out;
	const char	*slash, *p, *seg;
	size_t		 len;
	char		*s;

	buf_init(&out);
	if (*target == '/')
		target++;
	else if ((slash = strrchr(source, '/')) != NULL)
		buf_add(&out, source, (size_t)(slash - source) + 1);
	for (p = target; *p != '\0'; p = seg + len + (seg[len] == '/')) {
		seg = p;
		len = strcspn(seg, "/");
		if (len == 0 || (len == 1 && seg[0] == '.'))
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			if (out.len > 0)
				out.len--;
			while (out.len > 0 && out.data[out.len - 1] != '/')
				out.len--;
			continue;
		}
		buf_add(&out, seg, len);
		if (seg[len] == '/')
			buf_add_byte(&out, '/');
	}
	s = xstrdup(buf_str(&out));
	buf_clear(&out);
	return s;
}

static void XMLCALL
rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct rels_state	*st = ud;
	struct xlsx_rel		*r;
	const char		*id, *type, *target, *mode, *slash;

	if (strcmp(xlsx_local(name), "Relationship") != 0)
		return;
	id = xlsx_attr(atts, "Id");
	type = xlsx_attr(atts, "Type");
	target = xlsx_attr(atts, "Target");
	mode = xlsx_attr(atts, "TargetMode");
	if (id == NULL || type == NULL || target == NULL ||
	    (mode != NULL && strcmp(mode, "External") == 0))
		return;
	st->rels->v = xreallocarray(st->rels->v, st->rels->n + 1,
	    sizeof *st->rels->v);
	r = &st->rels->v[st->rels->n++];
	r->id = xstrdup(id);
	slash = strrchr(type, '/');
	r->type = xstrdup(slash != NULL ? slash + 1 : type);
	r->target = xlsx_resolve(st->source, target);
}

static void XMLCALL
xlsx_no_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

int
xlsx_parse_rels(const char *book, const char *xml, size_t n,
    const char *source, struct xlsx_rels *rels, char **cause)
{
	struct rels_state	 st;
	char			*part;
	int			 rc;

	memset(&st, 0, sizeof st);
	st.source = source;
	st.rels = rels;
	xasprintf(&part, "%s: relationships of '%s'", book,
	    *source == '\0' ? "/" : source);
	rc = xlsx_xml_run(&st.x, part, xml, n, rels_start, xlsx_no_end,
	    cause);
	free(part);
	return rc;
}

void
xlsx_rels_clear(struct xlsx_rels *rels)
{
	size_t	 i;

	for (i = 0; i < rels->n; i++) {
		free(rels->v[i].id);
		free(rels->v[i].type);
		free(rels->v[i].target);
	}
	free(rels->v);
	memset(rels, 0, sizeof *rels);
}

const char *
xlsx_rels_find(const struct xlsx_rels *rels, const char *type)
{
	size_t	 i;

	for (i = 0; i < rels->n; i++) {
		if (strcmp(rels->v[i].type, type) == 0)
			return rels->v[i].target;
	}
	return NULL;
}

const char *
xlsx_rels_id(const struct xlsx_rels *rels, const char *id)
{
	size_t	 i;

	for (i = 0; id != NULL && i < rels->n; i++) {
		if (strcmp(rels->v[i].id, id) == 0)
			return rels->v[i].target;
	}
	return NULL;
}

/* ---- workbook ------------------------------------------------------ */

struct workbook_state {
	struct xlsx_xml	 x;
	struct xlsx_workbook *wb;
};

static void XMLCALL
workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct workbook_state	*st = ud;
	struct xlsx_sheet_ref	*s;
	const char		*local = xlsx_local(name), *v, *id;

	if (strcmp(local, "workbookPr") == 0) {
		v = xlsx_attr(atts, "date1904");
		st->wb->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
		    strcmp(v, "true") == 0);
	} else if (strcmp(local, "sheet") == 0) {
		if ((v = xlsx_attr(atts, "name")) == NULL ||
		    (id = xlsx_attr(atts, "id")) == NULL)
			return;
		st->wb->sheets = xreallocarray(st->wb->sheets,
		    st->wb->nsheets + 1, sizeof *st->wb->sheets);
		s = &st->wb->sheets[st->wb->nsheets++];
		s->name = xstrdup(v);
		s->rid = xstrdup(id);
	}
}

int
xlsx_parse_workbook(const char *book, const char *xml, size_t n,
    struct xlsx_workbook *wb, char **cause)
{
	struct workbook_state	 st;
	char			*part;
	int			 rc;

	memset(&st, 0, sizeof st);
	st.wb = wb;
	xasprintf(&part, "%s: workbook", book);
	rc = xlsx_xml_run(&st.x, part, xml, n, workbook_start, xlsx_no_end,
	    cause);
	free(part);
	return rc;
}

void
xlsx_workbook_clear(struct xlsx_workbook *wb)
{
	size_t	 i;

	for (i = 0; i < wb->nsheets; i++) {
		free(wb->sheets[i].name);
		free(wb->sheets[i].rid);
	}
	free(wb->sheets);
	memset(wb, 0, sizeof *wb);
}

/* ---- shared strings ------------------------------------------------ */

struct strings_state {
	struct xlsx_xml	 x;
	struct xlsx_context *ctx;
	int		 in_si;
	int		 in_rph;	/* phonetic runs are not the text */
};

static void XMLCALL
strings_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct strings_state	*st = ud;
	const char		*local = xlsx_local(name);

	(void)atts;
	if (strcmp(local, "si") == 0) {
		st->in_si = 1;
		st->x.text.len = 0;
	} else if (strcmp(local, "rPh") == 0)
		st->in_rph = 1;
	else if (strcmp(local, "t") == 0 && st->in_si && !st->in_rph)
		st->x.collect = 1;
}

static void XMLCALL
strings_end(void *ud, const XML_Char *name)
{
	struct strings_state	*st = ud;
	struct xlsx_context	*ctx = st->ctx;
	const char		*local = xlsx_local(name);

	if (strcmp(local, "t") == 0)
		st->x.collect = 0;
	else if (strcmp(local, "rPh") == 0)
		st->in_rph = 0;
	else if (strcmp(local, "si") == 0 && st->in_si) {
		st->in_si = 0;
		xlsx_unescape(&st->x.text);
		ctx->strings = xreallocarray(ctx->strings, ctx->nstrings + 1,
		    sizeof *ctx->strings);
		ctx->strings[ctx->nstrings++] = xstrdup(buf_str(&st->x.text));
	}
}

int
xlsx_parse_strings(const char *book, const char *xml, size_t n,
    struct xlsx_context *ctx, char **cause)
{
	struct strings_state	 st;
	char			*part;
	int			 rc;

	memset(&st, 0, sizeof st);
	st.ctx = ctx;
	xasprintf(&part, "%s: shared strings", book);
	rc = xlsx_xml_run(&st.x, part, xml, n, strings_start, strings_end,
	    cause);
	free(part);
	return rc;
}

/* ---- styles -------------------------------------------------------- */

struct styles_state {
	struct xlsx_xml	 x;
	struct xlsx_context *ctx;
	unsigned long	*date_fmts;	/* custom formats that are dates */
	size_t		 ndate_fmts;
	int		 in_cellxfs;
};

/* As openpyxl decides: the first section of the format, without its
 * quoted text, escapes and [bracketed] parts other than [h] [m] [s],
 * has a letter d m h y or s. */
static int
xlsx_format_is_date(const char *f)
{
	const char	*close;

	for (; *f != '\0' && *f != ';'; f++) {
		if (*f == '"') {
			if ((f = strchr(f + 1, '"')) == NULL)
				return 0;
		} else if (*f == '\\' || *f == '_' || *f == '*') {
			if (*++f == '\0')
				return 0;
		} else if (*f == '[') {
			if ((close = strchr(f, ']')) == NULL)
				return 0;
			if (close - f > 3 || close - f < 2 ||
			    strchr("hmsHMS", f[1]) == NULL ||
			    (close - f == 3 && f[2] != f[1]))
				f = close;
		} else if (strchr("dmhysDMHYS", *f) != NULL)
			return 1;
	}
	return 0;
}

static int
styles_fmt_is_date(const struct styles_state *st, unsigned long id)
{
	size_t	 i;

	if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))
		return 1;
	for (i = 0; i < st->ndate_fmts; i++) {
		if (st->date_fmts[i] == id)
			return 1;
	}
	return 0;
}

static void XMLCALL
styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct styles_state	*st = ud;
	struct xlsx_context	*ctx = st->ctx;
	const char		*local = xlsx_local(name), *id, *code;
	unsigned long		 n;

	if (strcmp(local, "numFmt") == 0) {
		id = xlsx_attr(atts, "numFmtId");
		code = xlsx_attr(atts, "formatCode");
		if (id == NULL || code == NULL || !xlsx_format_is_date(code))
			return;
		st->date_fmts = xreallocarray(st->date_fmts,
		    st->ndate_fmts + 1, sizeof *st->date_fmts);
		st->date_fmts[st->ndate_fmts++] = strtoul(id, NULL, 10);
	} else if (strcmp(local, "cellXfs") == 0)
		st->in_cellxfs = 1;
	else if (strcmp(local, "xf") == 0 && st->in_cellxfs) {
		id = xlsx_attr(atts, "numFmtId");
		n = id != NULL ? strtoul(id, NULL, 10) : 0;
		ctx->date_styles = xreallocarray(ctx->date_styles,
		    ctx->ndate_styles + 1, 1);
		ctx->date_styles[ctx->ndate_styles++] =
		    (unsigned char)styles_fmt_is_date(st, n);
	}
}

static void XMLCALL
styles_end(void *ud, const XML_Char *name)
{
	struct styles_state	*st = ud;

	if (strcmp(xlsx_local(name), "cellXfs") == 0)
		st->in_cellxfs = 0;
}

int
xlsx_parse_styles(const char *book, const char *xml, size_t n,
    struct xlsx_context *ctx, char **cause)
{
	struct styles_state	 st;
	char			*part;
	int			 rc;

	memset(&st, 0, sizeof st);
	st.ctx = ctx;
	xasprintf(&part, "%s: styles", book);
	rc = xlsx_xml_run(&st.x, part, xml, n, styles_start, styles_end,
	    cause);
	free(part);
	free(st.date_fmts);
	return rc;
}

void
xlsx_context_clear(struct xlsx_context *ctx)
{
	size_t	 i;

	for (i = 0; i < ctx->nstrings; i++)
		free(ctx->strings[i]);
	free(ctx->strings);
	free(ctx->date_styles);
	memset(ctx, 0, sizeof *ctx);
}

/* ---- text ---------------------------------------------------------- */

static int
xlsx_hex4(const unsigned char *p, unsigned long *cp)
{
	char	 hex[5], *end;

	memcpy(hex, p, 4);
	hex[4] = '\0';
	*cp = strtoul(hex, &end, 16);
	return end == hex + 4 && hex[0] != '+' && hex[0] != '-' &&
	    hex[0] != ' ';
}

void
xlsx_unescape(struct buf *b)
{
	struct buf	 out;
	unsigned long	 cp;
	size_t		 i;

	if (b->len < 7 || memmem(b->data, b->len, "_x", 2) == NULL)
		return;
	buf_init(&out);
	for (i = 0; i < b->len; i++) {
		if (i + 7 <= b->len && b->data[i] == '_' &&
		    b->data[i + 1] == 'x' && b->data[i + 6] == '_' &&
		    xlsx_hex4(b->data + i + 2, &cp) && cp != 0 &&
		    (cp < 0xd800 || cp > 0xdfff)) {
			if (cp < 0x80)
				buf_add_byte(&out, (unsigned char)cp);
			else if (cp < 0x800) {
				buf_add_byte(&out, (unsigned char)(0xc0 |
				    (cp >> 6)));
				buf_add_byte(&out, (unsigned char)(0x80 |
				    (cp & 0x3f)));
			} else {
				buf_add_byte(&out, (unsigned char)(0xe0 |
				    (cp >> 12)));
				buf_add_byte(&out, (unsigned char)(0x80 |
				    ((cp >> 6) & 0x3f)));
				buf_add_byte(&out, (unsigned char)(0x80 |
				    (cp & 0x3f)));
			}
			i += 6;
		} else
			buf_add_byte(&out, b->data[i]);
	}
	b->len = 0;
	buf_add(b, out.data, out.len);
	buf_clear(&out);
}
