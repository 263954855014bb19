/* form-private.h: shared inside forms/ only: the sheets of a CSV form
 * as read.c reads them, the XLSForm aliases of aliases.c, and the state
 * that form.c and survey.c share while building a form. */
#ifndef CONSULT_FORMS_FORM_PRIVATE_H
#define CONSULT_FORMS_FORM_PRIVATE_H

#include <stddef.h>

#include "forms/lib.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

/* One row of a sheet, without its first (sheet name) column. Cells are
 * trimmed, never NULL; line is the physical line where the row starts. */
struct read_row {
	char		**cells;
	size_t		 ncells;
	int		 line;
};

/* A sheet: the marker row naming it, its header and its data rows. */
struct read_sheet {
	char		*name;		/* trimmed, lower-cased */
	char		*label;		/* .xlsx: as the workbook names it */
	int		 line;		/* the marker row */
	struct read_row	 header;	/* ncells 0 when none */
	struct read_row	*rows;
	size_t		 nrows;
};

struct read_book {
	struct read_sheet *sheets;	/* file order */
	size_t		 nsheets;
	int		 xlsx;		/* lines are READ_LINE(sheet, row) */
};

/* In an .xlsx form a line is the sheet's index in the book (from 1) and
 * the row as the spreadsheet numbers it; sheet 0 means no row. */
#define READ_ROW_BITS		21
#define READ_LINE(sheet, row)	(((sheet) << READ_ROW_BITS) | (row))
#define READ_LINE_SHEET(line)	((line) >> READ_ROW_BITS)
#define READ_LINE_ROW(line)	((line) & ((1 << READ_ROW_BITS) - 1))

/* An .xlsx workbook read as read_book reads a CSV form: only the sheets
 * XLSForm uses (survey, choices, settings in any case; a lone sheet is
 * the survey), one cell grid each, cells as pyxform reads them. */
int		 xlsx_read_book(const char *name, const void *, size_t,
		     struct read_book *, char **cause);

/* Read the sheets of a pyxform CSV form (or of an .xlsx workbook, known
 * by its bytes; an old .xls is refused). On failure returns -1 with
 * *cause one or more lines "NAME:LINE: message" (caller frees). */
int		 read_book(const char *name, const void *, size_t,
		     struct read_book *, char **cause);
void		 read_book_clear(struct read_book *);

/* What a column of a sheet holds. */
enum column_kind {
	COLUMN_OTHER,		/* unknown: kept as a choice extra */
	COLUMN_IGNORED,		/* known but unused (media, readonly...) */
	COLUMN_TYPE,
	COLUMN_NAME,
	COLUMN_LABEL,
	COLUMN_HINT,
	COLUMN_REQUIRED,
	COLUMN_REQUIRED_MESSAGE,
	COLUMN_RELEVANT,
	COLUMN_CONSTRAINT,
	COLUMN_CONSTRAINT_MESSAGE,
	COLUMN_DEFAULT,
	COLUMN_APPEARANCE,
	COLUMN_PARAMETERS,
	COLUMN_CALCULATION,
	COLUMN_CHOICE_FILTER,
	COLUMN_LIST_NAME,
	COLUMN_FORM_TITLE,
	COLUMN_FORM_ID,
	COLUMN_VERSION,
	COLUMN_DEFAULT_LANGUAGE,
};

/* The kind of a header cell after pyxform's aliases; *lang is set to
 * the language of a translated column ("Français (fr)" for
 * "label::Français (fr)") or NULL. Caller frees *lang. */
enum column_kind alias_column(const char *header, char **lang);
/* 1 for the columns that take a language. */
int		 alias_translatable(enum column_kind);

/* What a type cell says. */
enum alias_type_result {
	ALIAS_TYPE_OK,
	ALIAS_TYPE_NO_LIST,	/* a select or rank without list name */
	ALIAS_TYPE_UNSUPPORTED,	/* a known XLSForm type we do not do */
	ALIAS_TYPE_UNKNOWN,
};

/* Parse a type cell ("select one from L", "int", "begin group"...).
 * On ALIAS_TYPE_OK sets *type and, for selects and rank, *list to the
 * list name (caller frees). */
enum alias_type_result alias_type(const char *, enum question_type *,
		     char **list);
/* What a metadata or capture type cell stands for (*word: its type,
 * static), or QUESTION_ASKED for any other type. */
enum question_special alias_special(const char *, const char **word);
/* The supported type word nearest to an unknown one, or NULL. */
const char	*alias_type_suggest(const char *);
/* 1 if s is a valid question name (XML name: a letter or _ first, then
 * letters, digits, _ - .). */
int		 alias_valid_name(const char *);

/* Parsed "parameters" cell. */
struct alias_params {
	int		 randomize;
	int		 has_seed;
	unsigned long long seed;
	int		 has_max;
	char		*max;		/* as written, for range checks */
};

/* Parse "randomize=true seed=3 max=5" (pairs separated by spaces,
 * commas or semicolons). On error returns -1 with *cause a message
 * without file and line. Caller clears with alias_params_clear. */
int		 alias_params(const char *, struct alias_params *,
		     char **cause);
void		 alias_params_clear(struct alias_params *);

/* A column of a sheet once its header is understood. */
struct form_column {
	enum column_kind kind;
	int		 lang;		/* translated columns: language */
	int		 extra;		/* choices: index of an extra column */
};

/* What survey.c keeps per question until the form is complete. */
struct form_pending {
	char		*list;		/* list name of selects and rank */
	char		*max;		/* parameters max=, as written */
	int		 required_true;	/* required "yes": parse true() */
	int		 placeholder;	/* row in error: a name, no more */
};

struct form_error {
	int		 line;
	size_t		 seq;		/* keeps errors of a line in order */
	char		*msg;
};

/* A form being built; errors pile up with their lines. */
struct form_builder {
	struct form	*form;
	const char	*name;		/* for messages */
	struct form_error *errors;
	size_t		 nerrors;
	char		*default_language;
	int		 settings_line;
	int		 survey_line;	/* 0 when no usable survey sheet */
	int		 plain_lang;	/* language of plain columns, or -1 */
	struct form_pending *pending;	/* [form->nquestions] */
};

/* A line for the text of a message: "line 12", or "survey:12" in an
 * .xlsx form. Written in buf (FORM_WHERE_MAX bytes or more). */
const char	*form_at(const struct form *, int line, char *buf,
		     size_t len);
/* All errors, by line, one "NAME:LINE: message" a line. Caller frees. */
char		*form_errors_join(struct form_builder *);
/* An .xlsx book's sheet names into f, for form_where. */
void		 form_sheet_names(struct form *, const struct read_book *);
/* Record an error at line; the message is formatted. */
void		 form_error(struct form_builder *, int line, const char *,
		     ...) PRINTFLIKE(3, 4);
/* Understand a header row; caller frees the array. */
struct form_column *form_columns(struct form_builder *,
		     const struct read_row *, int choices);
/* The cell of a row in column i, "" when the row is short. */
const char	*form_cell(const struct read_row *, size_t i);
/* A new array of nlangs NULL strings. */
char		**form_texts(const struct form *);

/* choices.c: the choice lists. */
void		 choices_read(struct form_builder *, const struct read_sheet *);

/* survey.c: the questions, their groups and checks, then expressions. */
void		 survey_read(struct form_builder *, const struct read_sheet *);
void		 survey_check(struct form_builder *);
void		 survey_parse_exprs(struct form_builder *);
/* Report each default its question would refuse. */
void		 survey_check_defaults(struct form_builder *);

/* markup.c: s as ODK Collect shows it, without its Markdown and HTML
 * markup and without terminal controls; ${name} kept. Caller frees. */
char		*form_plain(const char *s);
/* pipe.c: every label, hint, message and choice label through
 * form_plain; then an error for each ${name} in them that names no
 * question. */
void		 form_plain_texts(struct form_builder *);
void		 form_check_pipes(struct form_builder *);

/* normalise.c: whether the n bytes at s are a stored answer to q already
 * in normal form (answers_normalise gives ANSWER_OK and the same bytes).
 * 0 means no or not sure: ask answers_normalise. Allocates nothing. */
int		 answers_is_normal(const struct form *, int q, const char *s,
		     size_t n);
/* answers_is_normal, and for a list of choice names in normal form,
 * their indices in order written to picks (room for
 * ANSWERS_MAX_PICKS) and *npicks set; *npicks is 0 for other types. */
int		 answers_is_normal_picks(const struct form *, int q,
		     const char *s, size_t n, uint32_t *picks, size_t *npicks);
#define ANSWERS_MAX_PICKS	64
/* The longest decimal in normal form, in characters. */
#define ANSWERS_DECIMAL_MAX	32
/* The longest choice name of a's form, in bytes (worked out once). */
size_t		 answers_name_max(struct answers *);

/* answers.c: new answers with no value at all (no defaults, no
 * calculates), as answers_create otherwise. */
struct answers	*answers_alloc(const struct form *, uint64_t seed,
		     const char *today);
/* Room for nbytes more bytes of values at the end of a's arena and
 * npicks more choice indices at the end of its picks; growing either
 * first resets a. The caller bumps arena_used and picks_used. */
void		 answers_reserve(struct answers *, size_t nbytes, size_t npicks);

#endif
