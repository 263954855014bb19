/* xlsx-private.h: shared by the .xlsx reader's files only: the archive
 * (xlsx.c, libzip), the small XML parts (xlsx-parts.c) and the
 * worksheets (xlsx-sheet.c), all parsed with expat. */
#ifndef CONSULT_FORMS_XLSX_PRIVATE_H
#define CONSULT_FORMS_XLSX_PRIVATE_H

#include <expat.h>

#include "forms/form-private.h"

/* Limits against hostile archives (README "Forms as .xlsx"): one part
 * may not inflate beyond XLSX_MAX_PART bytes, all parts read together
 * beyond XLSX_MAX_TOTAL; a cell beyond column XLSX_MAX_COLUMNS that
 * holds text is refused (no form has that many columns). */
#define XLSX_MAX_PART		(32U * 1024 * 1024)
#define XLSX_MAX_TOTAL		(64U * 1024 * 1024)
#define XLSX_MAX_COLUMNS	1024
#define XLSX_MAX_ROWS		1048576	/* Excel's own limit */

/* One expat parse: handlers reach their state through the first member
 * of their own struct, a struct xlsx_xml. */
struct xlsx_xml {
	XML_Parser	 parser;
	const char	*where;		/* the part, for messages */
	char		*error;		/* the first failure, or NULL */
	struct buf	 text;		/* character data being collected */
	int		 collect;	/* append character data to text */
};

/* Parse n bytes of XML with these handlers; a DOCTYPE (and so any
 * entity declaration) is refused. On failure returns -1 with *cause
 * the handler's message, or "PART: XML line N: ..." (caller frees). */
int		 xlsx_xml_run(struct xlsx_xml *, const char *part,
		     const char *xml, size_t n, XML_StartElementHandler,
		     XML_EndElementHandler, char **cause);
/* Stop the parse with a whole message, place included (the first one
 * wins). */
void		 xlsx_xml_fail(struct xlsx_xml *, const char *, ...)
		     PRINTFLIKE(2, 3);
/* The local part of an expat name "URI|local". */
const char	*xlsx_local(const char *);
/* The value of the attribute with this local name, or NULL. */
const char	*xlsx_attr(const char **, const char *);

/* A relationship of a part, target resolved to a part name. */
struct xlsx_rel {
	char		*id;
	char		*type;		/* the last word of its URI */
	char		*target;
};

struct xlsx_rels {
	struct xlsx_rel	*v;
	size_t		 n;
};

/* A sheet as the workbook lists it. */
struct xlsx_sheet_ref {
	char		*name;
	char		*rid;
};

struct xlsx_workbook {
	struct xlsx_sheet_ref *sheets;
	size_t		 nsheets;
	int		 date1904;
};

/* What cells need to become text: shared strings and, per cell style,
 * whether its number is a date or time. */
struct xlsx_context {
	char		**strings;
	size_t		 nstrings;
	unsigned char	*date_styles;	/* [ndate_styles]: 1 for dates */
	size_t		 ndate_styles;
	int		 date1904;
};

/* xlsx-parts.c. Each returns 0, or -1 with *cause (caller frees). The
 * rels of the part named source; targets are resolved against it. */
int		 xlsx_parse_rels(const char *part, const char *xml, size_t n,
		     const char *source, struct xlsx_rels *, char **cause);
void		 xlsx_rels_clear(struct xlsx_rels *);
/* The target of the first relationship whose type is type, or NULL. */
const char	*xlsx_rels_find(const struct xlsx_rels *, const char *type);
const char	*xlsx_rels_id(const struct xlsx_rels *, const char *id);
int		 xlsx_parse_workbook(const char *part, const char *xml,
		     size_t n, struct xlsx_workbook *, char **cause);
void		 xlsx_workbook_clear(struct xlsx_workbook *);
int		 xlsx_parse_strings(const char *part, const char *xml,
		     size_t n, struct xlsx_context *, char **cause);
int		 xlsx_parse_styles(const char *part, const char *xml,
		     size_t n, struct xlsx_context *, char **cause);
void		 xlsx_context_clear(struct xlsx_context *);
/* Excel's _xHHHH_ escapes in text undone, in place (NUL stays escaped). */
void		 xlsx_unescape(struct buf *);

/* xlsx-sheet.c: the rows of a worksheet into sh; its rows' lines are
 * READ_LINE(sheet, row). Errors name "book:sheet:row". */
int		 xlsx_parse_sheet(const char *book, const char *xml, size_t n,
		     const struct xlsx_context *, struct read_sheet *sh,
		     int sheet, char **cause);
/* A number cell as pyxform writes it: integers without ".0", others in
 * Python's shortest form; with date set, Excel's serial day as
 * "YYYY-MM-DD HH:MM:SS" or a time of day as "HH:MM:SS". */
void		 xlsx_number_text(const char *, int date, int date1904,
		     struct buf *);

#endif
