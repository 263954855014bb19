/* forms/lib.h: the questionnaire: XLSForm reader, model, expressions,
 * answers and their byte encoding. Knows no curses and no encryption. */
#ifndef CONSULT_FORMS_LIB_H
#define CONSULT_FORMS_LIB_H

#include <stddef.h>
#include <stdint.h>

#include "lib/lib.h"

#define FORM_FINGERPRINT_BYTES 32

enum question_type {
	QUESTION_SELECT_ONE,
	QUESTION_SELECT_MULTIPLE,
	QUESTION_RANK,
	QUESTION_INTEGER,
	QUESTION_DECIMAL,
	QUESTION_TEXT,
	QUESTION_DATE,
	QUESTION_NOTE,
	QUESTION_ACKNOWLEDGE,
	QUESTION_CALCULATE,
	QUESTION_BEGIN_GROUP,
	QUESTION_END_GROUP,
	QUESTION_TIME,		/* stored "HH:MM", 24-hour clock */
	QUESTION_DATETIME,	/* stored "YYYY-MM-DDTHH:MM" */
};

struct expr;
struct expr_item;

/* Rows a form may hold that consult accepts but does not ask (a
 * question's "special"); all have type QUESTION_CALCULATE. */
enum question_special {
	QUESTION_ASKED = 0,	/* an ordinary question */
	QUESTION_START,		/* recorded: when the participant began */
	QUESTION_END,		/* recorded: when they submitted */
	QUESTION_TODAY,		/* recorded: the day they began */
	QUESTION_IGNORED,	/* device or person metadata: never recorded */
	QUESTION_SKIPPED,	/* a capture type: never shown, stored empty */
};

/* A language of the form: name as in the column ("Français (fr)"), code
 * from the parentheses ("fr") or NULL. A form without translations has
 * one language named "default". */
struct lang {
	char		*name;
	char		*code;
};

/* Translatable cells are arrays of form->nlangs strings, NULL where the
 * form has no text in that language. */

struct choice {
	char		*name;
	char		**label;	/* [nlangs] */
	char		**extra;	/* [form->nchoice_columns], never NULL */
	int		 line;
};

/* A slot of a list's index: a name of 8 bytes or fewer is its key with
 * its length; a longer one is compared byte by byte. */
struct choice_slot {
	uint64_t	 key;
	uint32_t	 len;
	uint32_t	 index;		/* choice index + 1, 0 when free */
};

struct choice_list {
	char		*name;
	struct choice	*choices;
	size_t		 nchoices;
	int		 line;		/* first row of the list */
	int		 external;	/* of the external_choices sheet */

	/* Lookup by name (choice_list_find), built once the choices sheet
	 * is read: open addressing, nslots a power of two, at most half
	 * full; NULL in a list built by hand. */
	struct choice_slot *slots;
	size_t		 nslots;
};

struct question {
	enum question_type type;
	enum question_special special;
	const char	*special_type;	/* its type ("deviceid"), static */
	char		*name;
	int		 line;		/* physical line where its row starts */
	char		**label;	/* [nlangs] */
	char		**hint;
	char		**constraint_message;
	char		**required_message;
	int		 list;		/* index in form->lists, or -1 */

	/* Source text of each expression cell (NULL when empty) and its
	 * parsed form. required "yes"/"true" parses as true(). */
	char		*required_src;
	char		*relevant_src;
	char		*constraint_src;
	char		*calculation_src;
	char		*choice_filter_src;
	struct expr	*required;
	struct expr	*relevant;
	struct expr	*constraint;
	struct expr	*calculation;
	struct expr	*choice_filter;

	char		*default_value;	/* NULL when none */
	char		*appearance;	/* NULL when none; lower-cased */
	int		 likert;	/* appearance has "likert" */
	int		 multiline;	/* appearance has "multiline" */
	int		 field_list;	/* begin_group with "field-list" */
	int		 randomize;	/* parameters randomize=true */
	int		 has_seed;	/* parameters seed=N given */
	uint64_t	 seed;
	int		 rank_max;	/* rank: max=K, or nchoices */

	/* range: integer or decimal between start and end (either order)
	 * by step; the parameters in normal form, NULL for other types. */
	char		*range_start;
	char		*range_end;
	char		*range_step;
	int		 readonly;	/* shows its calculation or default,
					 * not editable (readonly=yes or a
					 * calculation on a question) */
	int		 date_parts;	/* date: 1 year, 2 month-year, 3 all */
	int		*triggers;	/* questions whose change recomputes
					 * the calculation (trigger column) */
	size_t		 ntriggers;

	int		 parent;	/* enclosing begin_group, or -1 */
	int		 end;		/* begin_group: its end_group */
	int		 depth;		/* groups around it */

	/* Repeats are groups (QUESTION_BEGIN_GROUP, QUESTION_END_GROUP)
	 * with repeat set; see repeat.c. */
	int		 repeat;	/* begin_repeat or end_repeat */
	int		 in_repeat;	/* innermost begin_repeat around it
					 * (not itself), or -1 */
	char		*repeat_count_src; /* NULL: the participant adds */
	struct expr	*repeat_count;
};

/* A file the form reads beside it (a select_one_from_file's list): its
 * name and exact bytes, bound into the fingerprint. */
struct form_file {
	char		*name;
	unsigned char	*bytes;
	size_t		 nbytes;
	char		***rows;	/* its cells, trimmed; header first */
	size_t		*ncells;
	size_t		 nrows;
};

struct form {
	char		*path;		/* as given, for messages */
	char		*title;		/* settings form_title, or id */
	char		*id;
	char		*version;	/* "" when none */

	struct lang	*langs;
	size_t		 nlangs;
	size_t		 default_lang;

	struct question	*questions;	/* form order, groups included */
	size_t		 nquestions;
	struct choice_list *lists;
	size_t		 nlists;
	char		**choice_columns; /* extra columns of choices */
	size_t		 nchoice_columns;

	char		**sheets;	/* .xlsx: names of the sheets read */
	size_t		 nsheets;	/* 0 for a CSV form */

	struct form_file *files;	/* list files, in the order read */
	size_t		 nfiles;

	/* BLAKE2b of the form's bytes; with list files, of the bytes, then
	 * for each file its name's length (8 bytes, little-endian), name,
	 * length and bytes. */
	unsigned char	 fingerprint[FORM_FINGERPRINT_BYTES];
	unsigned char	*bytes;		/* the exact bytes read */
	size_t		 nbytes;
};

/* ---- form.c, read.c: reading and the model ---------------------------- */

/* Read and validate a form file. On failure returns NULL, sets *cause
 * to one or more lines "FILE:LINE: message" (caller frees) and *errnum
 * to the errno of an I/O failure or 0 for invalid content. */
struct form	*form_parse_file(const char *path, int *errnum, char **cause);
/* The same from bytes in memory; name is used in messages. An .xlsx
 * workbook is known by its bytes, whatever its name. */
struct form	*form_parse_buffer(const char *name, const void *, size_t,
		     char **cause);
/* Where a line of f (a question's, a choice's) is for messages: "12" in
 * a CSV form, "survey:12" (sheet as the workbook names it) in an .xlsx
 * one; NULL for no row. Written in buf. */
const char	*form_where(const struct form *, int line, char *buf,
		     size_t len);
#define FORM_WHERE_MAX	64
void		 form_free(struct form *);

/* Index of the question with this name, or -1. */
int		 form_find_question(const struct form *, const char *);
/* Index of a language by code ("fr") or whole name, any case; or -1. */
int		 form_find_lang(const struct form *, const char *);
/* Text in lang, else the default language, else any; "" if none. */
const char	*form_text(const struct form *, char *const *, size_t lang);
/* A question's label in lang, falling back to its name. Borrowed. */
const char	*form_label(const struct form *, const struct question *,
		     size_t lang);
/* The type word as in exports: "select_one", "rank", "begin_group"... */
const char	*question_type_name(enum question_type);
/* 1 if the question stores an answer (not note, not group markers).
 * Inline: the decoder asks it for every answer of every response. */
static inline int
question_stores(const struct question *q)
{
	return q->type != QUESTION_NOTE && q->type != QUESTION_BEGIN_GROUP &&
	    q->type != QUESTION_END_GROUP && q->special != QUESTION_IGNORED;
}
/* The type word of a question for outlines and exports: its special
 * type ("start", "geopoint") or question_type_name. */
const char	*question_type_word(const struct question *);
/* Warnings on the questions of f that cannot be asked, one line each
 * "NAME:LINE: geopoint 'where' cannot be asked in a terminal: ...", or
 * NULL when none. Caller frees. */
char		*form_warnings(const struct form *, const char *name);
/* The values a range question takes: their count (0 for any other
 * question), and the i-th from start in normal form, written in buf
 * (FORM_RANGE_VALUE_MAX bytes or more). */
#define FORM_RANGE_VALUE_MAX	40
size_t		 form_range_count(const struct question *);
void		 form_range_value(const struct question *, size_t i, char *buf,
		     size_t len);
/* 1 for select_one, select_multiple and rank. */
int		 question_has_choices(const struct question *);
/* The question's choice list, or NULL. Borrowed. */
const struct choice_list *form_question_list(const struct form *,
		     const struct question *);
/* Index of the choice of l named by the n bytes at s (no NUL needed),
 * or -1: a hash lookup once the list is indexed, else a scan. */
int		 choice_list_find(const struct choice_list *l, const char *s,
		     size_t n);

/* ---- expr.c: expressions ---------------------------------------------- */

/* How expressions reach the answers while being evaluated. */
struct expr_env {
	/* Answer of question q as stored text, "" when none. */
	const char	*(*answer)(void *ctx, int q);
	void		*ctx;
	const char	*self;		/* value of "." ("" when none) */
	const struct form *form;	/* for choice columns */
	const struct choice *choice;	/* row for choice_filter names */
	const char	*today;		/* "YYYY-MM-DD" for today() */

	/* Node-sets (repeats), NULL outside answers: each value of q as
	 * the expression sees it (the instances of q's repeats that are
	 * not also around the expression's question, else the current
	 * one); fn is called once a node. */
	void		 (*nodes)(void *ctx, int q,
			     void (*fn)(const char *, void *), void *arg);
	/* position(..): the current instance (from 1) of the innermost
	 * repeat around the expression's question, 0 when none. */
	size_t		 (*position)(void *ctx);
	/* indexed-repeat(): q's value in instance idx[i] (from 1) of
	 * repeat reps[i] for i < n, other repeats at their current
	 * instance; "" when there is no such instance. */
	const char	*(*indexed)(void *ctx, int q, const int *reps,
			     const size_t *idx, size_t n);
	int		 fixed_clock;	/* now() is today's midnight */
	/* The participant's language + 1 for labels of instance() lookups;
	 * 0: the form's default language. */
	size_t		 lang;
	/* Inside an instance() predicate: the item (expr-instance.c). */
	const struct expr_item *item;
};

/* Parse an expression. ${name} resolves against form (which must hold
 * every question). With choice_filter set, bare names are choice
 * columns ("name", "label" or an extra column). On error returns NULL
 * with *cause a message without file and line. Caller frees. */
struct expr	*expr_parse(const char *src, const struct form *,
		     int choice_filter, char **cause);
void		 expr_free(struct expr *);
/* Evaluate as an XPath boolean. */
int		 expr_eval_bool(const struct expr *, const struct expr_env *);
/* Evaluate as a string (numbers in shortest XPath form). Caller frees
 * with wipe_free: it may hold answers. */
char		*expr_eval_string(const struct expr *,
		     const struct expr_env *);
/* Call fn for each question index the expression refers to. */
void		 expr_refs(const struct expr *, void (*fn)(int, void *),
		     void *);

/* ---- answers.c: one participant's answers ----------------------------- */

/* Why an answer was refused. */
enum answer_problem {
	ANSWER_OK = 0,
	ANSWER_REQUIRED,	/* empty but required */
	ANSWER_CONSTRAINT,	/* constraint expression false */
	ANSWER_NOT_NUMBER,
	ANSWER_NOT_INTEGER,
	ANSWER_NOT_DATE,
	ANSWER_NOT_CHOICE,	/* not a (visible) choice of the list */
	ANSWER_DUPLICATE,	/* a choice given twice */
	ANSWER_TOO_MANY,	/* select_one with several, rank over max */
	ANSWER_NOT_ACK,		/* acknowledge other than "OK" */
	ANSWER_BAD_TEXT,	/* invalid UTF-8 or control characters */
	ANSWER_NOT_TIME,	/* time: not HH:MM */
	ANSWER_NOT_DATETIME,	/* datetime: not YYYY-MM-DD HH:MM */
	ANSWER_NOT_IN_RANGE,	/* range: outside start..end or off step */
	ANSWER_NOT_MONTH,	/* date, month-year: not YYYY-MM */
	ANSWER_NOT_YEAR,	/* date, year: not YYYY */
};

/* Answers are stored as text, as in ODK: select_multiple and rank are
 * space-separated choice names (rank in order), numbers as typed and
 * normalised, dates YYYY-MM-DD, times HH:MM, date and time
 * YYYY-MM-DDTHH:MM (local time, as the participant typed it),
 * acknowledge "OK". */
struct answers {
	const struct form *form;	/* borrowed */
	char		**values;	/* [nquestions], NULL = no answer */
	uint64_t	 seed;		/* for randomize without seed */
	char		 today[11];	/* "YYYY-MM-DD" */
	int		 fixed_clock;	/* today was given: now() is its
					 * midnight (simulate, tests) */

	/* Decoded values live in one buffer that answers_decode_into
	 * reuses from one response to the next; values set later are each
	 * their own allocation (heap says some may be). Both are wiped. */
	char		*arena;
	size_t		 arena_size;
	size_t		 arena_used;
	int		 heap;

	/* The choice indices of each select or rank answer decoded, in the
	 * answer's order, which the decoder found while checking it:
	 * npicks[q] of them from picks + pick_at[q]; npicks[q] is 0 for
	 * any other value. Wiped with the arena. */
	uint32_t	*picks;
	size_t		 picks_size;
	size_t		 picks_used;
	uint32_t	*pick_at;	/* [nquestions] */
	uint32_t	*npicks;	/* [nquestions] */
	size_t		 name_max;	/* longest choice name + 1; 0: not
					 * worked out yet */

	/* The instances of each repeat (repeat.c), indexed by its
	 * begin_repeat; values[] holds the current instance of each. */
	struct answers_rep *reps;	/* [nquestions] */
	size_t		 lang;		/* the participant's language + 1,
					 * 0: the default (answers_set_lang) */
};

/* New empty answers; defaults applied, calculates computed. Caller
 * frees with answers_free. today may be NULL for the current date. */
struct answers	*answers_create(const struct form *, uint64_t seed,
		     const char *today);
/* Wipe every value and free. */
void		 answers_free(struct answers *);
/* The participant's language from now on (labels that instance()
 * lookups read, as ODK's current language): calculates are computed
 * again when it changes. */
void		 answers_set_lang(struct answers *, size_t lang);
/* Record the time now in the questions of this special (QUESTION_START,
 * QUESTION_END: ODK's "YYYY-MM-DDTHH:MM:SS.mmm+HH:MM"; QUESTION_TODAY:
 * the answers' today). answers_create stamps start and today; the run
 * engine stamps end just before it submits. */
void		 answers_stamp(struct answers *, enum question_special);
/* Clear every value (wiped) but keep the memory, for decoding the next
 * response into a with answers_decode_into. */
void		 answers_reset(struct answers *);
/* Current answer text, "" when none. Borrowed. */
const char	*answers_get(const struct answers *, int q);
/* answers-env.c: q's answer as ${q} reads in question at: the current
 * instance's where every repeat around q is around at too (or at < 0),
 * else the first instance's, as ODK reads a reference into a repeat
 * from outside it; "" when none. Borrowed. */
const char	*answers_get_at(const struct answers *, int at, int q);
/* The choice indices of q's answer in its order, as decoding found them
 * (*idx borrowed); 0 when not known: then look its names up. */
size_t		 answers_picks(const struct answers *, int q,
		     const uint32_t **idx);
/* 1 if q and all its groups are relevant now. */
int		 answers_relevant(const struct answers *, int q);
/* Normalise and validate value for q in the current state; on success
 * *norm is the text to store (caller frees). Empty value: ANSWER_OK
 * unless required. */
enum answer_problem answers_check(const struct answers *, int q,
		     const char *value, char **norm);
/* Store q's (normalised, checked) answer, NULL or "" to clear; then
 * recompute calculates and clear answers that became irrelevant. */
void		 answers_set(struct answers *, int q, const char *value);
/* The message for a problem in lang: the form's required_message or
 * constraint_message when it has one, else the built-in. Borrowed. */
const char	*answers_message(const struct answers *, int q,
		     enum answer_problem, size_t lang);
/* The choices of q to show, after choice_filter and randomize, as
 * indices into its list. Returns the count; caller frees *idx. */
size_t		 answers_choices(const struct answers *, int q, int **idx);
/* First relevant, storing, shown question at or after q (step 1) or at
 * or before q (step -1) that a participant answers; -1 if none. */
int		 answers_next(const struct answers *, int q, int step);
/* Check every relevant question of every instance; returns the first
 * failing index and its problem in *problem (its instance selected), or
 * -1 when the response can be submitted. */
int		 answers_validate_all(struct answers *,
		     enum answer_problem *problem);
/* The type part of answers_check, without the state: normal form of
 * value for q (selects against the whole list; no required, constraint
 * or choice_filter). On success *norm is set (caller frees), else NULL. */
enum answer_problem answers_normalise(const struct form *, int q,
		     const char *value, char **norm);
/* pipe.c: append q's answer as the participant reads it in lang: the
 * choice labels of a select joined by ", ", else the value ("" when
 * unanswered). */
void		 answers_display(const struct answers *, int q, size_t lang,
		     struct buf *);
/* text with each ${name} replaced by answers_display of that question
 * (ODK's label piping); NULL when text has none. Caller frees with
 * wipe_free. */
char		*answers_pipe(const struct answers *, const char *text,
		     size_t lang);
/* answers_pipe in question q's text (answers_get_at), as if q's answer
 * were value (a refused one, for its constraint message, as ODK shows
 * it); value NULL: q's own. */
char		*answers_pipe_with(const struct answers *, const char *text,
		     size_t lang, int q, const char *value);
/* The built-in message for a problem in English, French or Spanish,
 * chosen by lang's code or name (English otherwise, or when lang is
 * NULL). Static. */
const char	*answers_builtin_message(enum answer_problem,
		     const struct lang *lang);

/* ---- encode.c: the byte encoding of a response ------------------------ */

#define ANSWERS_ENCODING_VERSION 3

/* The largest encoding of a response to f counting no byte of its text
 * and calculate answers (their lengths only): every choice question with
 * its most choices, every number at its longest. The vault pads records
 * to a size made from it. */
size_t		 answers_encoded_max(const struct form *f);
/* Append the encoding of answers (complete or a draft positioned at
 * question position) to out. */
void		 answers_encode(const struct answers *, int complete,
		     uint32_t position, struct buf *out);
/* Decode bytes made by answers_encode for this form. Rejects other
 * versions, another form's fingerprint and any malformed input with
 * *cause (caller frees). */
struct answers	*answers_decode(const struct form *, const void *, size_t,
		     int *complete, uint32_t *position, char **cause)
		     __attribute__((warn_unused_result));
/* The same into a (of the same form), replacing its answers and seed
 * (its today stays) and reusing its memory: in the steady state no
 * allocation at all. Returns 0, or -1 with *cause (caller frees) and a
 * left without answers. */
int		 answers_decode_into(struct answers *a, const void *, size_t,
		     int *complete, uint32_t *position, char **cause)
		     __attribute__((warn_unused_result));

/* ---- repeat.c: the instances of repeats -------------------------------- */

/* The most instances a repeat holds (per enclosing instance). */
#define ANSWERS_REPEAT_MAX	500

/* The innermost repeat around q (not q itself), or -1. */
int		 form_repeat_of(const struct form *, int q);
/* 1 if q is a begin_repeat. */
int		 form_is_repeat(const struct form *, int q);
/* Instances of repeat r in the current view (those of the current
 * instance of the repeats around r). */
size_t		 answers_repeat_count(const struct answers *, int r);
/* The current instance of r, from 0 (0 when it has none). */
size_t		 answers_repeat_current(const struct answers *, int r);
/* Make instance k of r the current one (values[] then shows it). */
void		 answers_repeat_select(struct answers *, int r, size_t k);
/* Add an instance at the end of r (defaults applied, calculates
 * computed) and make it current; returns its index, or -1 when r is not
 * a repeat, holds ANSWERS_REPEAT_MAX or has a repeat_count. */
int		 answers_repeat_add(struct answers *, int r);
/* Delete instance k of r (wiped); the one after it (else before it)
 * becomes current. Calculates are computed again. */
void		 answers_repeat_delete(struct answers *, int r, size_t k);
/* The number of instances repeat_count asks for now, or -1 when r has
 * no repeat_count (the participant decides). */
int		 answers_repeat_fixed(const struct answers *, int r);

/* One instance of a repeat in a response, for exports. */
struct answers_instance {
	int		 repeat;	/* its begin_repeat */
	size_t		 parent;	/* index in the list of the instance
					 * it is in, or SIZE_MAX */
	size_t		 ordinal;	/* 1-based, within its parent */
	char		**vals;		/* values of q at vals[q - base] */
	int		 base;
};
/* Every instance of every repeat of a's response in document order;
 * returns the count, *list (caller frees) borrowing a's values. */
size_t		 answers_instances(const struct answers *,
		     struct answers_instance **list);
/* The answer of q (in the instance's repeat, outside nested ones) in
 * instance in, "" when none. */
const char	*answers_instance_get(const struct answers_instance *, int q);

/* ---- simulate.c: random valid responses (consult simulate) ------------ */

/* What the generator learnt of a form's constraints, made once. */
struct simulate;

/* Prepare to simulate responses of f, which must outlive the result
 * (free with simulate_free). */
struct simulate	*simulate_create(const struct form *f);
void		 simulate_free(struct simulate *);
/* Fill a (fresh from answers_create for the same form) with a random
 * response that answers_validate_all accepts, drawing every choice from
 * r: the questions a participant would see, in form order, each with a
 * value its type, required, constraint, choice_filter and rank max
 * accept; an optional one left empty now and then. The same state of r,
 * answers seed and today give the same answers. Returns 0, or -1 with
 * *cause "FILE:LINE: cannot simulate 'NAME': why" (caller frees) when
 * no value tried satisfies a question (a is then incomplete). */
int		 simulate_answers(const struct simulate *, struct answers *a,
		     struct prng *r, char **cause);

#endif
