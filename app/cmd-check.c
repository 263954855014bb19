/* cmd-check.c: "consult check FORM": validate a form and print a
 * one-screen outline of it, or every error with its line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "forms/lib.h"

#define CHECK_WIDTH	80	/* columns of the outline */
#define CHECK_NAME	26	/* indent and name, before the type */
#define CHECK_TYPE	33	/* the type, before the flags */
#define CHECK_RUN	3	/* alike questions shown as one line */

static int	cmd_check_exec(const struct cmd_entry *, struct args *);

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "FORM",
	.optstring = "",
	.lower = 1,
	.upper = 1,
	.help = "validate a form and print its outline",
	.details =
	    "FORM is an XLSForm: an Excel workbook (.xlsx) or CSV in pyxform's\n"
	    "single-file layout (sheets survey, choices, settings). check\n"
	    "reports, each with its line (sheet:row in a workbook), all of: invalid UTF-8, unterminated or misplaced quotes,\n"
	    "missing type or name columns, unknown and unsupported types,\n"
	    "missing, invalid or duplicate names, selects naming a missing\n"
	    "choice list, duplicate or unnamed choices, rank max out of\n"
	    "range, bad parameters, unbalanced groups, calculate without\n"
	    "calculation, an unknown default_language, an empty form, and\n"
	    "unknown names, unknown functions, wrong argument counts and\n"
	    "syntax errors in relevant, constraint, calculation, required\n"
	    "and choice_filter.\n"
	    "\n"
	    "The outline lists languages and sections (name/) with their\n"
	    "questions (notes and group ends left out): type, choice list\n"
	    "and its size, a range's start, end and step, and flags:\n"
	    "required, if (relevant), checked (constraint), read-only (a\n"
	    "calculation or readonly shows a value the participant cannot\n"
	    "change), triggered (a calculation made again when the trigger\n"
	    "changes). \"+N\" stands for N more questions like the\n"
	    "first, one after the other. start, end and today are recorded;\n"
	    "metadata that identifies a device or a person (deviceid,\n"
	    "phonenumber, ...) is listed as ignored and never recorded; a\n"
	    "type a terminal cannot capture (geopoint, image, ...) gets a\n"
	    "warning line: the question is skipped and stored empty.\n"
	    "\n"
	    "Exit status: 0 valid, 65 invalid, 66 FORM missing, 74 I/O error.\n",
	.exec = cmd_check_exec,
};

/* Print s cut to width display columns, then a newline. */
static void
check_print(const char *s, size_t width)
{
	char		 one[8];
	size_t		 used = 0, len, w;

	while (*s != '\0') {
		len = 1;
		while (len < sizeof one - 1 && (s[len] & 0xc0) == 0x80)
			len++;
		memcpy(one, s, len);
		one[len] = '\0';
		w = *s == '\n' || *s == '\t' ? 1 : utf8_width(one);
		if (used + w > width)
			break;
		fputs(*s == '\n' || *s == '\t' ? " " : one, stdout);
		used += w;
		s += len;
	}
	putchar('\n');
}

/* The type column: "select_one L (N) likert", "rank L (N), max K". */
static void
check_type(struct buf *b, const struct form *f, const struct question *q)
{
	const struct choice_list	*l;

	buf_add_str(b, question_type_word(q));
	if (q->special == QUESTION_SKIPPED)
		buf_add_str(b, " (skipped)");
	if ((l = form_question_list(f, q)) != NULL)
		buf_printf(b, " %s (%zu)", l->name, l->nchoices);
	if (q->type == QUESTION_RANK && l != NULL &&
	    (size_t)q->rank_max != l->nchoices)
		buf_printf(b, ", max %d", q->rank_max);
	if (q->likert && q->type == QUESTION_SELECT_ONE)
		buf_add_str(b, " likert");
	if (q->multiline && q->type == QUESTION_TEXT)
		buf_add_str(b, " multiline");
	if (q->randomize)
		buf_add_str(b, " random");
	if (q->range_start != NULL)
		buf_printf(b, " %s to %s by %s", q->range_start, q->range_end,
		    q->range_step);
	if (q->date_parts == 1 || q->date_parts == 2)
		buf_add_str(b, q->date_parts == 1 ? " year" : " month-year");
}

static void
check_flags(struct buf *b, const struct question *q)
{
	if (q->required != NULL)
		buf_add_str(b, " required");
	if (q->relevant != NULL)
		buf_add_str(b, " if");
	if (q->constraint != NULL)
		buf_add_str(b, " checked");
	if (q->readonly)
		buf_add_str(b, " read-only");
	else if (q->ntriggers != 0)
		buf_add_str(b, " triggered");
}

/* Spaces up to column col (bytes; names and types are ASCII). */
static void
check_pad(struct buf *b, size_t col)
{
	if (b->len >= col)
		buf_add_byte(b, ' ');
	while (b->len < col)
		buf_add_byte(b, ' ');
}

/* Questions that would print the same line but for their name. */
static int
check_alike(const struct form *f, const struct question *a,
    const struct question *b)
{
	struct buf	 x, y;
	int		 same;

	if (a->parent != b->parent || a->type != b->type)
		return 0;
	buf_init(&x);
	buf_init(&y);
	check_type(&x, f, a);
	check_flags(&x, a);
	check_type(&y, f, b);
	check_flags(&y, b);
	same = strcmp(buf_str(&x), buf_str(&y)) == 0;
	buf_clear(&x);
	buf_clear(&y);
	return same;
}

/* One line for question i and those alike after it; the next index. */
static size_t
check_question(const struct form *f, size_t i)
{
	const struct question	*q = &f->questions[i];
	struct buf		 b;
	size_t			 n = i + 1;

	buf_init(&b);
	buf_printf(&b, "%*s", 2 + 2 * q->depth, "");
	if (q->type == QUESTION_BEGIN_GROUP) {
		buf_printf(&b, "%s/  %s", q->name,
		    form_label(f, q, f->default_lang));
		if (q->field_list)
			buf_add_str(&b, " (one screen)");
		if (form_is_repeat(f, (int)i) && q->repeat_count_src != NULL)
			buf_printf(&b, " (repeat: %s)", q->repeat_count_src);
		else if (form_is_repeat(f, (int)i))
			buf_add_str(&b, " (repeat)");
		if (q->relevant != NULL)
			buf_add_str(&b, " (conditional)");
	} else {
		while (n < f->nquestions &&
		    check_alike(f, q, &f->questions[n]))
			n++;
		if (n - i < CHECK_RUN)
			n = i + 1;
		buf_add_str(&b, q->name);
		if (n - i > 1)
			buf_printf(&b, " +%zu", n - i - 1);
		check_pad(&b, CHECK_NAME);
		check_type(&b, f, q);
		if (q->required != NULL || q->relevant != NULL ||
		    q->constraint != NULL || q->readonly || q->ntriggers != 0) {
			check_pad(&b, CHECK_NAME + CHECK_TYPE);
			check_flags(&b, q);
		}
	}
	check_print(buf_str(&b), CHECK_WIDTH);
	buf_clear(&b);
	return n;
}

/* "ignored: deviceid, ..." once, then a warning per skipped question. */
static void
check_specials(const struct form *f)
{
	const struct question	*q;
	struct buf		 b;
	char			*warnings, *line, *last;
	size_t			 i;

	buf_init(&b);
	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (q->special == QUESTION_IGNORED &&
		    strcmp(q->special_type, "csv-external") != 0 &&
		    (b.len == 0 ||
		    strstr(buf_str(&b), q->special_type) == NULL))
			buf_printf(&b, "%s%s", b.len == 0 ? "" : ", ",
			    q->special_type);
	}
	if (b.len != 0)
		printf("\nignored: %s (never recorded)\n", buf_str(&b));
	buf_clear(&b);
	if ((warnings = form_warnings(f, f->path)) == NULL)
		return;
	putchar('\n');
	for (line = strtok_r(warnings, "\n", &last); line != NULL;
	    line = strtok_r(NULL, "\n", &last))
		printf("warning: %s\n", line);
	free(warnings);
}

static void
check_outline(const struct form *f)
{
	const struct question	*q;
	size_t			 i, shown = 0, stored = 0, notes = 0;
	size_t			 relevant = 0, constraints = 0;
	struct buf		 b;

	buf_init(&b);
	buf_add_str(&b, f->title);
	if (strcmp(f->title, f->id) != 0 || *f->version != '\0') {
		buf_printf(&b, "  (%s%s%s)", f->id, *f->version != '\0' ?
		    ", version " : "", f->version);
	}
	check_print(buf_str(&b), CHECK_WIDTH);
	buf_clear(&b);
	buf_add_str(&b, f->nlangs > 1 ? "Languages: " : "Language: ");
	for (i = 0; i < f->nlangs; i++) {
		buf_printf(&b, "%s%s%s", i == 0 ? "" : ", ",
		    f->langs[i].name, i == f->default_lang && f->nlangs > 1 ?
		    " [default]" : "");
	}
	check_print(buf_str(&b), CHECK_WIDTH);
	buf_clear(&b);
	putchar('\n');
	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		relevant += q->relevant != NULL;
		constraints += q->constraint != NULL;
		if (q->type == QUESTION_BEGIN_GROUP ||
		    q->type == QUESTION_END_GROUP ||
		    q->special == QUESTION_IGNORED)
			continue;
		shown++;
		stored += question_stores(q);
		notes += q->type == QUESTION_NOTE;
	}
	for (i = 0; i < f->nquestions; /* nothing */) {
		q = &f->questions[i];
		if (q->type == QUESTION_NOTE || q->type == QUESTION_END_GROUP ||
		    q->special == QUESTION_IGNORED)
			i++;
		else
			i = check_question(f, i);
	}
	check_specials(f);
	printf("\n%zu questions: %zu stored, %zu note%s; %zu relevance "
	    "rule%s; %zu constraint%s.\n", shown, stored, notes,
	    notes == 1 ? "" : "s", relevant, relevant == 1 ? "" : "s",
	    constraints, constraints == 1 ? "" : "s");
}

static int
cmd_check_exec(const struct cmd_entry *self, struct args *args)
{
	struct form	*f;
	char		*cause = NULL;
	int		 errnum;

	f = form_parse_file(args->argv[0], &errnum, &cause);
	if (f == NULL) {
		cmd_error_lines(self, cause);
		free(cause);
		if (errnum == ENOENT || errnum == ENOTDIR)
			return EXIT_NOINPUT;
		return errnum != 0 ? EXIT_IOERR : EXIT_DATAERR;
	}
	check_outline(f);
	form_free(f);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cmd_error(self, "write error: %s", strerror(errno));
		return EXIT_IOERR;
	}
	return 0;
}
