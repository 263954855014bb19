/* form.c: a form from the sheets of its CSV file (settings, languages,
 * choice lists, then survey.c's questions), its fingerprint, and the
 * accessors of the model. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/form-private.h"

/* Larger files are surely not forms; refuse before reading them all. */
#define FORM_MAX_BYTES (16 * 1024 * 1024)

const char *
form_cell(const struct read_row *row, size_t i)
{
	return i < row->ncells ? row->cells[i] : "";
}

char **
form_texts(const struct form *f)
{
	return xcalloc(f->nlangs, sizeof (char *));
}

/* The code in the final parentheses of a language name, or NULL. */
static char *
form_lang_code(const char *name)
{
	const char	*open;
	char		*code;
	size_t		 len = strlen(name);

	if (len < 3 || name[len - 1] != ')' ||
	    (open = strrchr(name, '(')) == NULL)
		return NULL;
	code = xstrndup(open + 1, name + len - 1 - (open + 1));
	if (*str_trim(code) == '\0') {
		free(code);
		return NULL;
	}
	return code;
}

static int
form_lang_by_name(const struct form *f, const char *name)
{
	size_t	 i;

	for (i = 0; i < f->nlangs; i++) {
		if (str_ieq(f->langs[i].name, name))
			return (int)i;
	}
	return -1;
}

static int
form_lang_add(struct form *f, const char *name)
{
	int	 i;

	if ((i = form_lang_by_name(f, name)) != -1)
		return i;
	f->langs = xreallocarray(f->langs, f->nlangs + 1, sizeof *f->langs);
	f->langs[f->nlangs].name = xstrdup(name);
	f->langs[f->nlangs].code = form_lang_code(name);
	return (int)f->nlangs++;
}

/* The language names of translated columns in order of appearance, NULL
 * standing for plain columns ("label"). Caller frees. */
static char **
form_lang_names(const struct read_book *book, size_t *n)
{
	const struct read_sheet	*sh;
	char			**names = NULL, *lang;
	size_t			 i, j, k;

	*n = 0;
	for (i = 0; i < book->nsheets; i++) {
		sh = &book->sheets[i];
		if (strcmp(sh->name, "survey") != 0 &&
		    strcmp(sh->name, "choices") != 0)
			continue;
		for (j = 0; j < sh->header.ncells; j++) {
			if (!alias_translatable(alias_column(
			    sh->header.cells[j], &lang)))
				continue;
			for (k = 0; k < *n; k++) {
				if (lang == NULL ? names[k] == NULL :
				    names[k] != NULL && str_ieq(names[k], lang))
					break;
			}
			if (k == *n) {
				names = xreallocarray(names, *n + 1,
				    sizeof *names);
				names[(*n)++] = lang;
			} else
				free(lang);
		}
	}
	return names;
}

/* Languages in order of first appearance. Plain columns are in the
 * settings' default_language (which may name a translated column's
 * language by name or code), else in one called "default". */
static void
form_langs(struct form_builder *b, const struct read_book *book)
{
	struct form	*f = b->form;
	const char	*dl = b->default_language;
	const char	*plain = dl != NULL ? dl : "default";
	char		**names, *code;
	size_t		 n, i;
	int		 merge = 0;

	names = form_lang_names(book, &n);
	for (i = 0; dl != NULL && i < n; i++) {
		code = names[i] != NULL ? form_lang_code(names[i]) : NULL;
		if (names[i] != NULL && (str_ieq(names[i], dl) ||
		    (code != NULL && str_ieq(code, dl))))
			merge = 1;
		free(code);
	}
	for (i = 0; i < n; i++) {
		if (names[i] != NULL)
			form_lang_add(f, names[i]);
		else if (!merge)
			b->plain_lang = form_lang_add(f, plain);
		free(names[i]);
	}
	free(names);
	if (f->nlangs == 0 || merge)
		b->plain_lang = f->nlangs == 0 ? form_lang_add(f, plain) :
		    form_find_lang(f, dl);
	if (dl != NULL) {
		if (form_find_lang(f, dl) == -1)
			form_error(b, b->settings_line, "default_language "
			    "'%s' is not a language of the form", dl);
		else
			f->default_lang = (size_t)form_find_lang(f, dl);
	} else
		f->default_lang = b->plain_lang != -1 ? (size_t)b->plain_lang : 0;
}

int
form_extra_add(struct form *f, const char *name)
{
	size_t	 i;

	for (i = 0; i < f->nchoice_columns; i++) {
		if (strcmp(f->choice_columns[i], name) == 0)
			return (int)i;
	}
	f->choice_columns = xreallocarray(f->choice_columns,
	    f->nchoice_columns + 1, sizeof *f->choice_columns);
	f->choice_columns[f->nchoice_columns] = xstrdup(name);
	return (int)f->nchoice_columns++;
}

struct form_column *
form_columns(struct form_builder *b, const struct read_row *header,
    int choices)
{
	struct form_column	*cols;
	enum column_kind	 kind;
	char			*lang;
	size_t			 i;

	cols = xcalloc(header->ncells, sizeof *cols);
	for (i = 0; i < header->ncells; i++) {
		kind = alias_column(header->cells[i], &lang);
		cols[i].kind = kind;
		cols[i].lang = -1;
		cols[i].extra = -1;
		if (alias_translatable(kind)) {
			cols[i].lang = lang != NULL ?
			    form_lang_by_name(b->form, lang) : b->plain_lang;
		}
		free(lang);
		if (choices && kind != COLUMN_LIST_NAME &&
		    kind != COLUMN_NAME && kind != COLUMN_LABEL &&
		    kind != COLUMN_IGNORED && kind != COLUMN_MEDIA) {
			/* Anything else is data for choice_filter. */
			cols[i].kind = COLUMN_OTHER;
			if (*header->cells[i] != '\0')
				cols[i].extra = form_extra_add(b->form,
				    header->cells[i]);
		}
	}
	return cols;
}

static void
form_settings(struct form_builder *b, const struct read_sheet *sh,
    char **title)
{
	struct form		*f = b->form;
	const struct read_row	*row;
	const char		*value;
	char			*lang, **to;
	size_t			 i;

	if (sh == NULL)
		return;
	b->settings_line = sh->line;
	if (sh->nrows == 0)
		return;
	row = &sh->rows[0];
	b->settings_line = row->line;
	for (i = 0; i < sh->header.ncells; i++) {
		value = form_cell(row, i);
		switch (alias_column(sh->header.cells[i], &lang)) {
		case COLUMN_FORM_TITLE:
			to = title;
			break;
		case COLUMN_FORM_ID:
			to = &f->id;
			break;
		case COLUMN_VERSION:
			to = &f->version;
			break;
		case COLUMN_DEFAULT_LANGUAGE:
			to = &b->default_language;
			break;
		case COLUMN_ALLOW_DUPLICATES:
			b->allow_duplicates = survey_yes(value);
			to = NULL;
			break;
		default:
			to = NULL;
			break;
		}
		free(lang);
		if (to != NULL && *to == NULL && *value != '\0')
			*to = xstrdup(value);
	}
}

/* The survey, choices and settings sheets; others are ignored. */
static void
form_sheets(struct form_builder *b, const struct read_book *book,
    const struct read_sheet **sheets)
{
	static const char	*names[] = { "survey", "choices", "settings",
	    "external_choices" };
	const struct read_sheet	*sh;
	char			 at[FORM_WHERE_MAX];
	size_t			 i, j;

	for (i = 0; i < book->nsheets; i++) {
		sh = &book->sheets[i];
		for (j = 0; j < nitems(names); j++) {
			if (strcmp(sh->name, names[j]) != 0)
				continue;
			if (sheets[j] != NULL) {
				form_error(b, sh->line, "second %s sheet (the "
				    "first starts at %s)", names[j], form_at(
				    b->form, sheets[j]->line, at, sizeof at));
			} else
				sheets[j] = sh;
		}
	}
	if (sheets[0] == NULL)
		form_error(b, 1, "no survey sheet (a row whose first cell is "
		    "'survey' starts it)");
}

/* Settings fall back: title to id, id to the file's base name. */
static void
form_finish(struct form_builder *b, char *title, const void *data, size_t n)
{
	struct form	*f = b->form;
	const char	*base;
	char		*dot;

	if (f->id == NULL) {
		base = strrchr(b->name, '/');
		f->id = xstrdup(base != NULL ? base + 1 : b->name);
		if ((dot = strrchr(f->id, '.')) != NULL && dot != f->id)
			*dot = '\0';
	}
	f->title = title != NULL ? title : xstrdup(f->id);
	if (f->version == NULL)
		f->version = xstrdup("");
	f->bytes = xmalloc(n);
	if (n != 0)
		memcpy(f->bytes, data, n);
	f->nbytes = n;
	form_fingerprint(f);
}

static void
form_builder_clear(struct form_builder *b)
{
	size_t	 i;

	for (i = 0; b->pending != NULL && i < b->form->nquestions; i++) {
		free(b->pending[i].list);
		free(b->pending[i].max);
		free(b->pending[i].start);
		free(b->pending[i].end);
		free(b->pending[i].step);
		free(b->pending[i].media);
		free(b->pending[i].trigger);
	}
	free(b->pending);
	for (i = 0; i < b->nerrors; i++)
		free(b->errors[i].msg);
	free(b->errors);
	free(b->default_language);
}

struct form *
form_parse_buffer(const char *name, const void *data, size_t n, char **cause)
{
	struct form_builder	 b;
	struct read_book	 book;
	struct read_sheet	 survey;
	const struct read_sheet	*sheets[4] = { NULL, NULL, NULL, NULL };
	struct form		*f;
	char			*title = NULL;

	*cause = NULL;
	if (read_book(name, data, n, &book, cause) != 0)
		return NULL;
	memset(&b, 0, sizeof b);
	b.name = name;
	b.plain_lang = -1;
	f = b.form = xcalloc(1, sizeof *f);
	f->path = xstrdup(name);
	form_sheet_names(f, &book);
	form_sheets(&b, &book, sheets);
	form_settings(&b, sheets[2], &title);
	form_langs(&b, &book);
	if (sheets[1] != NULL)
		choices_read(&b, sheets[1], 0);
	if (sheets[3] != NULL)
		choices_read(&b, sheets[3], 1);
	if (sheets[0] != NULL) {
		survey_read(&b, loop_expand(&b, sheets[0], &survey));
		loop_sheet_clear(&survey);
	}
	survey_check(&b);
	survey_parse_exprs(&b);
	form_plain_texts(&b);
	form_check_pipes(&b);
	form_finish(&b, title, data, n);
	survey_check_defaults(&b);
	if (b.nerrors != 0)
		*cause = form_errors_join(&b);
	form_builder_clear(&b);
	if (*cause != NULL) {
		form_free(f);
		f = NULL;
	}
	read_book_clear(&book);
	return f;
}

struct form *
form_parse_file(const char *path, int *errnum, char **cause)
{
	struct form	*f = NULL;
	struct buf	 data;
	FILE		*fp;
	char		 chunk[8192];
	size_t		 n;

	*errnum = 0;
	if ((fp = fopen(path, "rb")) == NULL) {
		*errnum = errno;
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&data);
	errno = 0;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) != 0) {
		buf_add(&data, chunk, n);
		if (data.len > FORM_MAX_BYTES) {
			xasprintf(cause, "%s: larger than %d MiB, not a form",
			    path, FORM_MAX_BYTES / 1024 / 1024);
			goto out;
		}
	}
	if (ferror(fp)) {
		*errnum = errno != 0 ? errno : EIO;
		xasprintf(cause, "%s: %s", path, strerror(*errnum));
		goto out;
	}
	f = form_parse_buffer(path, data.data, data.len, cause);
out:
	fclose(fp);
	buf_clear(&data);
	return f;
}

static void
form_texts_free(char **texts, size_t n)
{
	size_t	 i;

	if (texts == NULL)
		return;
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
}

static void
form_question_clear(struct question *q, size_t nlangs)
{
	free(q->name);
	form_texts_free(q->label, nlangs);
	form_texts_free(q->hint, nlangs);
	form_texts_free(q->constraint_message, nlangs);
	form_texts_free(q->required_message, nlangs);
	free(q->required_src);
	free(q->relevant_src);
	free(q->constraint_src);
	free(q->calculation_src);
	free(q->choice_filter_src);
	free(q->repeat_count_src);
	expr_free(q->repeat_count);
	expr_free(q->required);
	expr_free(q->relevant);
	expr_free(q->constraint);
	expr_free(q->calculation);
	expr_free(q->choice_filter);
	free(q->default_value);
	free(q->appearance);
	free(q->range_start);
	free(q->range_end);
	free(q->range_step);
	free(q->triggers);
}

static void
form_list_clear(struct choice_list *l, const struct form *f)
{
	size_t	 i;

	for (i = 0; i < l->nchoices; i++) {
		free(l->choices[i].name);
		form_texts_free(l->choices[i].label, f->nlangs);
		form_texts_free(l->choices[i].extra, f->nchoice_columns);
	}
	free(l->choices);
	free(l->name);
	free(l->slots);
}

void
form_free(struct form *f)
{
	size_t	 i, j;

	if (f == NULL)
		return;
	for (i = 0; i < f->nquestions; i++)
		form_question_clear(&f->questions[i], f->nlangs);
	free(f->questions);
	for (i = 0; i < f->nlists; i++)
		form_list_clear(&f->lists[i], f);
	free(f->lists);
	form_texts_free(f->choice_columns, f->nchoice_columns);
	for (i = 0; i < f->nlangs; i++) {
		free(f->langs[i].name);
		free(f->langs[i].code);
	}
	free(f->langs);
	form_texts_free(f->sheets, f->nsheets);
	for (i = 0; i < f->nfiles; i++) {
		free(f->files[i].name);
		free(f->files[i].bytes);
		for (j = 0; j < f->files[i].nrows; j++)
			form_texts_free(f->files[i].rows[j],
			    f->files[i].ncells[j]);
		free(f->files[i].rows);
		free(f->files[i].ncells);
	}
	free(f->files);
	free(f->path);
	free(f->title);
	free(f->id);
	free(f->version);
	free(f->bytes);
	free(f);
}

int
form_find_question(const struct form *f, const char *name)
{
	size_t	 i;

	for (i = 0; i < f->nquestions; i++) {
		if (f->questions[i].type != QUESTION_END_GROUP &&
		    strcmp(f->questions[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

int
form_find_lang(const struct form *f, const char *s)
{
	size_t	 i;

	for (i = 0; i < f->nlangs; i++) {
		if (str_ieq(f->langs[i].name, s) ||
		    (f->langs[i].code != NULL && str_ieq(f->langs[i].code, s)))
			return (int)i;
	}
	return -1;
}

const char *
form_text(const struct form *f, char *const *texts, size_t lang)
{
	size_t	 i;

	if (texts == NULL)
		return "";
	if (lang < f->nlangs && texts[lang] != NULL)
		return texts[lang];
	if (f->default_lang < f->nlangs && texts[f->default_lang] != NULL)
		return texts[f->default_lang];
	for (i = 0; i < f->nlangs; i++) {
		if (texts[i] != NULL)
			return texts[i];
	}
	return "";
}

const char *
form_label(const struct form *f, const struct question *q, size_t lang)
{
	const char	*s;

	s = form_text(f, q->label, lang);
	return *s != '\0' ? s : q->name;
}

const char *
question_type_name(enum question_type type)
{
	static const char	*names[] = {
		[QUESTION_SELECT_ONE] = "select_one",
		[QUESTION_SELECT_MULTIPLE] = "select_multiple",
		[QUESTION_RANK] = "rank",
		[QUESTION_INTEGER] = "integer",
		[QUESTION_DECIMAL] = "decimal",
		[QUESTION_TEXT] = "text",
		[QUESTION_DATE] = "date",
		[QUESTION_NOTE] = "note",
		[QUESTION_ACKNOWLEDGE] = "acknowledge",
		[QUESTION_CALCULATE] = "calculate",
		[QUESTION_BEGIN_GROUP] = "begin_group",
		[QUESTION_END_GROUP] = "end_group",
		[QUESTION_TIME] = "time",
		[QUESTION_DATETIME] = "datetime",
	};

	if ((size_t)type >= nitems(names) || names[type] == NULL)
		return "unknown";
	return names[type];
}

int
question_has_choices(const struct question *q)
{
	return q->type == QUESTION_SELECT_ONE ||
	    q->type == QUESTION_SELECT_MULTIPLE || q->type == QUESTION_RANK;
}

const struct choice_list *
form_question_list(const struct form *f, const struct question *q)
{
	if (q->list < 0 || (size_t)q->list >= f->nlists)
		return NULL;
	return &f->lists[q->list];
}
