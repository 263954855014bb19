/* expr-private.h: the parsed form of an expression, shared by the parser
 * (expr-parse.c) and the evaluator (expr-eval.c); not part of lib.h. */
#ifndef CONSULT_FORMS_EXPR_PRIVATE_H
#define CONSULT_FORMS_EXPR_PRIVATE_H

#include <regex.h>

#include "forms/lib.h"

/* Limits that keep parsing and evaluation off deep stacks. */
#define EXPR_MAX_DEPTH		64	/* nested parentheses, calls, '-' */
#define EXPR_MAX_HEIGHT		256	/* height of the tree */
#define EXPR_REGEX_MAX_ITEMS	1000	/* a pattern's expanded positions */

/* Room for the text of any number. */
#define EXPR_NUMBER_SIZE	64

enum expr_kind {
	EXPR_STRING,
	EXPR_NUMBER,
	EXPR_REF,		/* ${name}: index is the question */
	EXPR_SELF,		/* . */
	EXPR_COLUMN,		/* bare name in a choice_filter */
	EXPR_OR,
	EXPR_AND,
	EXPR_EQ,
	EXPR_NE,
	EXPR_LT,
	EXPR_LE,
	EXPR_GT,
	EXPR_GE,
	EXPR_ADD,
	EXPR_SUB,
	EXPR_MUL,
	EXPR_DIV,
	EXPR_MOD,
	EXPR_NEG,
	EXPR_CALL,
	EXPR_INSTANCE,		/* instance('L')/root/item[...]/column */
	EXPR_ITEM,		/* in its predicate: a column of the item */
};

/* EXPR_COLUMN index: an extra column (>= 0) or one of these. */
#define EXPR_COLUMN_NAME	-1
#define EXPR_COLUMN_LABEL	-2
/* EXPR_INSTANCE, EXPR_ITEM index: a column of a file (>= 0), those two
 * of a list or a file, or one of these. */
#define EXPR_COLUMN_ITEXT	-3	/* itextId: "L-0", as pyxform writes */
#define EXPR_COLUMN_NONE	-4	/* the items: count() only */
#define EXPR_ITEM_POSITION	-5	/* position() in a predicate */
#define EXPR_ITEM_LAST		-6	/* last() in a predicate */

enum expr_type {
	EXPR_TYPE_STRING,
	EXPR_TYPE_NUMBER,
	EXPR_TYPE_BOOL,
};

/* A value while evaluating: s is borrowed (from the tree, an answer or
 * own), own is freed with wipe_free by expr_value_clear. */
struct expr_value {
	enum expr_type	 type;
	double		 num;		/* number, or 0/1 for a boolean */
	const char	*s;
	char		*own;
};

struct expr;
struct expr_func {
	const char	*name;
	int		 min;
	int		 max;		/* -1: any number */
	void		 (*eval)(const struct expr *, const struct expr_env *,
			     struct expr_value *);
};

struct expr {
	enum expr_kind	 kind;
	int		 height;
	double		 num;		/* EXPR_NUMBER */
	char		*str;		/* EXPR_STRING */
	int		 index;		/* EXPR_REF, EXPR_COLUMN */
	int		 numeric;	/* EXPR_REF to integer or decimal */
	const struct expr_func *func;	/* EXPR_CALL */
	struct expr	**args;		/* operands or arguments */
	size_t		 nargs;
	regex_t		*re;		/* regex() with a literal pattern */

	/* EXPR_INSTANCE (its predicates in args) and EXPR_ITEM: the list
	 * (of form->lists) or the file (of form->files) read, the other
	 * -1; for a file, labels[lang] is the label column of a language
	 * (-1: none), NULL for a list. */
	int		 list;
	int		 file;
	int		*labels;
	int		 keyed;		/* a predicate COLUMN = value of no
					 * item: value computed once */
};

/* The item an instance() predicate is evaluated on. */
struct expr_item {
	size_t		 row;		/* list: choice; file: row - 1 */
	size_t		 pos;		/* position(), from 1 */
	size_t		 size;		/* last() */
};

/* expr-eval.c */
void		 expr_eval_value(const struct expr *, const struct expr_env *,
		     struct expr_value *);
void		 expr_value_clear(struct expr_value *);
void		 expr_value_set_number(struct expr_value *, double);
void		 expr_value_set_bool(struct expr_value *, int);
/* A string value s, or own when s is NULL; own (may be NULL) is taken
 * and freed on clear. */
void		 expr_value_set_string(struct expr_value *, const char *,
		     char *own);
double		 expr_value_number(const struct expr_value *);
int		 expr_value_bool(const struct expr_value *);
/* The XPath string of v: borrowed from v, or written into buf. */
const char	*expr_value_text(const struct expr_value *,
		     char buf[EXPR_NUMBER_SIZE]);
/* XPath number() of a string: NaN unless a decimal number (optional
 * '-', no exponent) or a date YYYY-MM-DD (days since 1970-01-01). */
double		 expr_string_number(const char *);
/* Parse digits with an optional '.' (no sign, no exponent), whatever
 * the locale. */
double		 expr_parse_number(const char *, size_t);

/* expr-instance.c: the language labels are read in: the participant's
 * (env->lang) when f has it, else f's default. */
size_t		 expr_env_lang(const struct expr_env *, const struct form *);

/* expr-func.c */
const struct expr_func *expr_func_find(const char *, size_t);
/* expr-nodeset.c: the functions over node-sets (repeats). */
const struct expr_func *expr_nodeset_find(const char *, size_t);
/* 1 with *cause set if e has ".." other than as position's argument, or
 * an indexed-repeat() whose node-sets are not references. */
int		 expr_nodeset_misplaced(const struct expr *, char **cause);
/* expr-pulldata.c: pulldata(), a lookup in a file beside the form. */
void		 expr_fn_pulldata(const struct expr *,
		     const struct expr_env *, struct expr_value *);
/* expr-instance.c: instance('L')/root/item[...]/column: the column
 * of the first match ("" when none); fn for each match (node-set
 * functions); EXPR_ITEM's value. */
void		 expr_instance_eval(const struct expr *,
		     const struct expr_env *, struct expr_value *);
void		 expr_instance_each(const struct expr *,
		     const struct expr_env *, void (*fn)(const char *, void *),
		     void *arg);
void		 expr_item_eval(const struct expr *, const struct expr_env *,
		     struct expr_value *);
/* 1 if e reads nothing of a predicate's item (instance()s in it may). */
int		 expr_instance_free(const struct expr *);
/* 1 with *cause set if e has instance(...)/root/item without a column
 * other than as count()'s argument. */
int		 expr_instance_misplaced(const struct expr *, char **cause);
/* Evaluate argument i as text: borrowed from v (clear it) or buf. */
const char	*expr_arg_text(const struct expr *, size_t i,
		     const struct expr_env *, struct expr_value *v,
		     char buf[EXPR_NUMBER_SIZE]);
/* Evaluate argument i as a number. */
double		 expr_arg_number(const struct expr *, size_t i,
		     const struct expr_env *);

/* More functions, each table ending with a NULL name: expr-date.c,
 * expr-string.c, expr-math.c, expr-instance.c. */
extern const struct expr_func expr_date_funcs[];
extern const struct expr_func expr_string_funcs[];
extern const struct expr_func expr_math_funcs[];
extern const struct expr_func expr_instance_funcs[];
/* expr-date.c: days since the epoch of a date-time "YYYY-MM-DDTHH:MM..."
 * of len bytes, or -1 when s is none. */
int		 expr_datetime_number(const char *s, size_t len, double *);
/* expr-date.c: 0 if every '%' code of a format-date pattern is ODK's,
 * else -1 with the code in *bad. */
int		 expr_date_format_check(const char *fmt, char *bad);
/* expr-digest.c: digest() and the bytes of an algorithm's digest
 * ("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", any case), 0 for
 * another name. */
void		 expr_fn_digest(const struct expr *, const struct expr_env *,
		     struct expr_value *);
int		 expr_digest_size(const char *alg);
/* expr-string.c: what the parser checks of a call's literal arguments
 * (jr:choice-name's question, digest's algorithm, format-date's
 * pattern): 0, or -1 with *cause. */
int		 expr_check_args(const struct form *, struct expr *,
		     char **cause);

/* expr-hint.c: the message for an unknown bare name: function is 1 when
 * a function has that name, question when a question has. Caller frees. */
char		*expr_name_hint(const char *name, int function, int question);

/* expr-regex.c */
/* 1 if s matches re (compiled by expr_regex_compile), in the locale
 * patterns are compiled in. */
int		 expr_regex_match(const regex_t *re, const char *s);
/* Compile pattern for regex() into re, or refuse it (a back-reference,
 * too many positions once expanded, or invalid): -1 with *cause set. */
int		 expr_regex_compile(regex_t *re, const char *pattern,
		     char **cause);

#endif
