/* loop-private.h: shared by loop.c and loop-text.c only: the state of
 * the expansion of pyxform's loops over a list. */
#ifndef CONSULT_FORMS_LOOP_PRIVATE_H
#define CONSULT_FORMS_LOOP_PRIVATE_H

#include "forms/form-private.h"

/* What a row of the survey sheet is to the expansion. */
enum loop_kind {
	LOOP_ROW,		/* a question, or anything else */
	LOOP_BEGIN,		/* begin loop over LIST */
	LOOP_END,		/* end loop */
	LOOP_GROUP_BEGIN,	/* begin_group, begin_repeat */
	LOOP_GROUP_END,		/* end_group, end_repeat */
	LOOP_SKIP,		/* disabled, or an end loop in error */
};

struct loop_in {
	enum loop_kind	 kind;
	int		 repeat;	/* a group kind: of a repeat */
	int		 note;		/* type note */
	int		 other;		/* a select ... or_other */
	char		*list;		/* LOOP_BEGIN: list name, or NULL */
	size_t		 end;		/* LOOP_BEGIN: its end loop row */
	long		 outer;		/* LOOP_BEGIN: the loop around, or -1 */
	int		 failed;	/* LOOP_BEGIN: its rows are read once */
	int		 sized;		/* LOOP_BEGIN: rows and bytes known */
	size_t		 rows;		/* at most the rows it makes */
	size_t		 bytes;		/* and their bytes */
};

/* A name of the expanded form: as pyxform names the element (what
 * ${name} says) and as consult names it. */
struct loop_name {
	char		*pyx;
	char		*name;
	long		 loop;		/* input row of the loop, or -1 */
	int		 choice;	/* the group of a choice */
	size_t		 seq;
};

struct loop_state {
	struct form_builder	*b;
	const struct read_sheet	*sh;
	struct form_column	*cols;
	size_t			 tcol, ncol;
	struct loop_in		*in;		/* [sh->nrows] */

	struct read_row		*out;		/* the expanded rows */
	char			**prefix;	/* [nout]: names' prefix */
	size_t			 nout, aout;
	struct loop_name	*names;
	size_t			 nnames, anames;

	size_t			 copied;	/* rows made by loops */
	size_t			 bytes;		/* and their text */
	int			 depth;		/* loops being expanded */
};

/* loop-rows.c */
/* What each row is; 1 if the sheet has a loop. */
int		 loop_classify(struct loop_state *);
/* Match each loop with its end, and see that the groups in it end in
 * it; check the %-specifications of the rows of loops. */
void		 loop_structure(struct loop_state *);
/* pyxform adds choice "other" to the list of a select with or_other
 * before it expands a loop over that list. */
void		 loop_other(struct loop_state *);
/* The list of the choices sheet named name, or NULL. */
struct choice_list *loop_list(struct form *, const char *name);
/* At most the rows and bytes loop i makes (as loop_structure left it;
 * a loop in error as if it were read once). */
void		 loop_bound(struct loop_state *, size_t i, size_t *rows,
		     size_t *bytes);

/* loop-text.c */
/* The language whose choice label %(label)s in column j stands for. */
size_t		 loop_lang(const struct loop_state *, size_t j);
/* Check the %-specifications of a cell of a loop's row: 0, or -1 with
 * *cause (caller frees). */
int		 loop_text_check(const struct loop_state *, const char *,
		     char **cause);
/* The cell with %(name)s, %(label)s (in language lang), %(COLUMN)s and
 * %% replaced for choice c (NULL: by nothing). Caller frees. */
char		*loop_text(const struct loop_state *, const char *,
		     const struct choice *c, size_t lang);
/* ${name} in every expanded row made to name consult's element (the
 * copy's prefixed name); an ambiguous one is an error. */
void		 loop_refs(struct loop_state *);

#endif
