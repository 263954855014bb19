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
	COLUMN_REPEAT_COUNT,
	COLUMN_READONLY,
	COLUMN_DISABLED,
	COLUMN_TRIGGER,
	COLUMN_MEDIA,		/* image, audio, video, media::image... */
	COLUMN_ALLOW_DUPLICATES, /* settings allow_choice_duplicates */
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
/* alias_type, and *or_other 1 for a select or rank followed by
 * pyxform's "or_other" ("or other", "or specify other"). */
enum alias_type_result alias_type_other(const char *, enum question_type *,
		     char **list, int *or_other);
/* 1 for select_one_from_file and its aliases (a list in a file); 2
 * for select_one_external (a list of the external_choices sheet). */
int		 alias_from_file(const char *);
/* A type that pyxform defines as another with a constraint and a hint
 * ("phone number", "percentage"), or NULL. */
struct alias_builtin {
	const char	*type;		/* lower case, single spaces */
	const char	*constraint;
	const char	*hint;		/* NULL when none */
};
const struct alias_builtin *alias_builtin(const char *);
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
	char		*start;		/* range: as written, or NULL */
	char		*end;
	char		*step;
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
	int		 hidden;	/* hidden: no calculation needed */
	int		 range;		/* type range */
	int		 or_other;	/* select ... or_other */
	int		 from_file;	/* select_one_from_file ... */
	int		 external;	/* select_one_external */
	char		*start, *end, *step;	/* range parameters */
	char		*media;		/* first media file of the row */
	char		*trigger;	/* trigger column, as written */
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
	int		 allow_duplicates; /* settings allow_choice_duplicates */
	struct form_pending *pending;	/* [form->nquestions] */
	size_t		 aquestions;	/* questions and pending allocated */
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
/* The choices sheet, or (external 1) the external_choices sheet whose
 * lists select_one_external names: lists apart from the others'. */
void		 choices_read(struct form_builder *, const struct read_sheet *,
		     int external);

/* survey-types.c: what the types and columns survey.c leaves to it
 * add to a question: pyxform's built-in constraints, range, or_other's
 * question, readonly, trigger, media-only labels, notes without name. */
void		 survey_type_extra(struct form_builder *, int q,
		     const char *cell);
void		 survey_parameters_range(struct form_builder *,
		     struct form_pending *, struct alias_params *);
/* After the row of question i is read: or_other's NAME_other question
 * (its index), or -1. */
int		 survey_add_other(struct form_builder *, int i);
/* In survey_check: range, readonly, trigger, label, 'other' choice. */
void		 survey_check_extra(struct form_builder *, int i);
/* 1 for yes, true, 1 as pyxform reads them (any case). */
int		 survey_yes(const char *);
/* Add choice "other" (label "Other") to list l unless it has one. */
void		 choices_add_other(struct form *, struct choice_list *);

/* external.c: the list of a select_one_from_file (or of a select whose
 * list name ends in .csv and is not in the choices sheet), read from
 * the file of that name in the form's directory: its index in
 * form->lists (read once for all the questions naming it), or -1 with
 * an error at q's line. */
#define FORM_LIST_MAX_BYTES	(8 << 20)	/* a list file */
#define FORM_LIST_MAX_FILES	64
int		 external_list(struct form_builder *, struct question *q,
		     const char *file);
/* The same file read for pulldata() only: its index in form->files. */
int		 external_file(struct form_builder *, const struct question *q,
		     const char *file);
/* Before expressions are parsed: the files that q's pulldata() calls
 * name ("pulldata('fruits', ...)" reads fruits.csv). */
void		 survey_pulldata_files(struct form_builder *, int q);
/* Before expressions are parsed: every file a csv-external row (NAME
 * reads NAME.csv) or a pulldata() call names, for instance() too. */
void		 survey_datasets(struct form_builder *);
/* choices.c: index l's names for choice_list_find (again after adding
 * to it); make every choice's extra array as long as the form's extra
 * columns now are (new ones ""). */
void		 choices_list_index(struct choice_list *l);
void		 choices_grow_extras(struct form *);
/* fingerprint.c: set f->fingerprint from its bytes and files. */
void		 form_fingerprint(struct form *f);
/* form.c: the index of an extra choice column, added if new. */
int		 form_extra_add(struct form *, const char *name);

/* survey.c: the questions, their groups and checks, then expressions. */
void		 survey_read(struct form_builder *, const struct read_sheet *);
/* A new question at the end of the form; its index. */
int		 survey_add(struct form_builder *, int line);
void		 survey_check(struct form_builder *);
void		 survey_parse_exprs(struct form_builder *);
/* Report each default its question would refuse. */
void		 survey_check_defaults(struct form_builder *);

/* loop.c: pyxform's loops over a list, expanded into groups before the
 * survey sheet is read; the copies loops make in a form are limited. */
#define LOOP_MAX_ROWS		10000
#define LOOP_MAX_BYTES		(16 << 20)
/* The survey sheet sh with its loops expanded: sh itself when it has
 * none, else out (the caller clears it with loop_sheet_clear, which
 * does nothing to a sheet loop_expand left empty). */
const struct read_sheet *loop_expand(struct form_builder *,
		     const struct read_sheet *sh, struct read_sheet *out);
void		 loop_sheet_clear(struct read_sheet *);

/* repeat-form.c: repeats in the survey sheet. */
/* 1 if cell is begin_repeat or end_repeat (any alias): q is then a group
 * marker with repeat set. */
int		 repeat_type(struct form_builder *, struct question *,
		     const char *cell);
/* The innermost repeat among the n open groups v, or -1. */
int		 repeat_around(const struct form *, const int *v, size_t n);
/* Report an end_group closing a repeat or an end_repeat a group. */
void		 repeat_check_end(struct form_builder *,
		     const struct question *begin, struct question *end);
/* Parse q's repeat_count (a begin_repeat's only). */
void		 repeat_parse_count(struct form_builder *, struct question *);

/* repeat.c: one repeat's instances in struct answers. An instance that
 * is not current keeps its values (and the instances of the repeats in
 * it) in vals and reps, indexed by q - (its begin_repeat + 1); the
 * current one's are in the view (values[], reps[]) of the instance
 * around it. */
struct answers_inst {
	char		**vals;		/* [span], NULL: none yet */
	struct answers_rep *reps;	/* [span], NULL: none yet */
	int		 fresh;		/* defaults not yet applied */
};
struct answers_rep {
	size_t		 n;
	size_t		 cur;
	size_t		 cap;
	struct answers_inst *inst;	/* [cap] */
};
/* Where one instance's values are: vals[q - base], reps[q - base]. */
struct answers_frame {
	char		**vals;
	struct answers_rep *reps;
	int		 base;
};
/* The questions a repeat spans (those between its begin and end). */
size_t		 repeat_span(const struct form *, int r);
/* The frame of the current view. */
struct answers_frame repeat_root(const struct answers *);
/* The frame of instance i of repeat r in frame f (f itself for the
 * current instance). */
struct answers_frame repeat_child(const struct answers_frame *, int r,
		     size_t i);
/* The state of repeat r in frame f (never NULL: an empty one). */
const struct answers_rep *repeat_state(const struct answers_frame *, int r);
/* Free a value unless it lives in a's arena. */
void		 answers_value_free(struct answers *, char *);
/* Free every instance of every repeat (values wiped). */
void		 repeat_clear_all(struct answers *);
/* A new instance of r at the end of its state in frame fr (whose reps
 * are allocated), not selected; its index. first: a new one (defaults
 * to apply, one instance of each nested repeat the participant sizes),
 * else an empty one for the decoder. */
size_t		 repeat_append(struct answers *, struct answers_frame *fr,
		     int r, int first);
/* Keep r's instances as its relevance and repeat_count say: none when
 * irrelevant. 1 if any changed. */
int		 repeat_sync(struct answers *, int r, int relevant);
/* answers.c: compute calculates, relevance and defaults again. */
void		 answers_refresh(struct answers *);

/* answers-env.c: what expressions see of answers: the values, with one
 * value proposed for q, the context of node-sets. */
struct answers_ctx {
	const struct answers	*a;
	int			 q;
	const char		*value;	/* NULL: q's stored answer */
};
void		 answers_env(const struct answers *, struct answers_ctx *,
		     struct expr_env *, int q, const char *value);
/* Bring every instance up to date (repeat_count, relevance, calculates,
 * defaults of fresh instances): 1 if anything changed. fn recomputes
 * the current view. */
int		 repeat_recompute(struct answers *,
		     int (*fn)(struct answers *, const unsigned char *));
/* 1 if q is in a fresh instance (its defaults still to apply). */
int		 repeat_fresh(const struct answers *, int q);
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

/* normalise.c: whether the 10 bytes at s are a date YYYY-MM-DD. */
int		 answers_date_valid(const char *s);
/* normalise-time.c: normal forms of times, datetimes, dates of some
 * parts (date_parts 1 year, 2 month-year) and ranges, as its top
 * comment says; each sets *norm (caller frees) on ANSWER_OK. */
enum answer_problem answers_time(const char *, char **norm);
enum answer_problem answers_datetime(const char *, char **norm);
enum answer_problem answers_date_parts(const char *, int parts,
		     char **norm);
/* Whether the n bytes at s are a stored time, datetime or date (of
 * date_parts) in normal form. */
int		 answers_time_normal(enum question_type, int date_parts,
		     const char *s, size_t n);
/* Whether a number in normal form is on q's range (1 if q is none). */
int		 answers_in_range(const struct question *q, const char *v);
/* The same for n bytes, no NUL needed. */
int		 answers_in_range_n(const struct question *q, const char *s,
		     size_t n);

/* answers.c: new answers with no value at all (no defaults, no
 * calculates), as answers_create otherwise. */
struct answers	*answers_alloc(const struct form *, uint64_t seed,
		     const char *today);
/* Room for nbytes more bytes of values at the end of a's arena and
 * npicks more choice indices at the end of its picks; growing either
 * first resets a. The caller bumps arena_used and picks_used. */
void		 answers_reserve(struct answers *, size_t nbytes, size_t npicks);

#endif
