/* export.c: the exporter behind `consult export`: picks the format,
 * feeds it one response at a time and writes what is left at the end. */
#include <stdlib.h>
#include <string.h>

#include "exports/lib.h"

struct exporter {
	enum export_format format;
	const struct form *form;
	size_t		 lang;
	struct tally	*tally;		/* summary, pairwise */
	struct export_csv w;
	int		 started;	/* header written */
	int		 invitations;	/* responses: an invitation column */
	const char	*invitation;	/* its next cell, or NULL */
	int		 repeat;	/* responses: a repeat's rows, or -1 */
};

static const char *export_names[] = {
	[EXPORT_SUMMARY] = "summary",
	[EXPORT_RESPONSES] = "responses",
	[EXPORT_TEXT] = "text",
	[EXPORT_CODEBOOK] = "codebook",
	[EXPORT_PAIRWISE] = "pairwise",
};
#define EXPORT_NFORMATS (sizeof export_names / sizeof export_names[0])

int
export_format_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < EXPORT_NFORMATS; i++) {
		if (strcmp(export_names[i], name) == 0)
			return (int)i;
	}
	return -1;
}

const char *
export_format_name(enum export_format format)
{
	if ((size_t)format >= EXPORT_NFORMATS)
		return "unknown";
	return export_names[format];
}

struct exporter *
export_create(enum export_format format, const struct form *f, size_t lang,
    int by, FILE *out, char **cause)
{
	struct exporter	*ex;
	struct tally	*t = NULL;

	if ((size_t)format >= EXPORT_NFORMATS) {
		xasprintf(cause, "unknown format %d", (int)format);
		return NULL;
	}
	if (lang >= f->nlangs) {
		xasprintf(cause, "no language %zu in %s", lang, f->path);
		return NULL;
	}
	if (by >= 0 && format != EXPORT_SUMMARY) {
		xasprintf(cause, "--by applies to the summary format only");
		return NULL;
	}
	if (format == EXPORT_SUMMARY || format == EXPORT_PAIRWISE) {
		t = tally_create(f, by, format == EXPORT_PAIRWISE ?
		    TALLY_PAIRWISE : 0, cause);
		if (t == NULL)
			return NULL;
	}
	ex = xcalloc(1, sizeof *ex);
	ex->format = format;
	ex->form = f;
	ex->lang = lang;
	ex->tally = t;
	ex->repeat = -1;
	export_csv_init(&ex->w, out);
	return ex;
}

void
export_invitation(struct exporter *ex, const char *label)
{
	ex->invitations = 1;
	ex->invitation = label;
}

void
export_set_repeat(struct exporter *ex, int r)
{
	if (ex->format == EXPORT_RESPONSES && form_is_repeat(ex->form, r))
		ex->repeat = r;
}

/* The header of the streaming formats, before their first row. */
static void
export_start(struct exporter *ex)
{
	if (ex->started)
		return;
	ex->started = 1;
	if (ex->format == EXPORT_RESPONSES && ex->repeat >= 0)
		export_repeat_header(ex->form, ex->repeat, &ex->w);
	else if (ex->format == EXPORT_RESPONSES)
		export_responses_header(ex->form, ex->invitations, &ex->w);
	else if (ex->format == EXPORT_TEXT)
		export_text_header(&ex->w);
}

/* Answers decoded against another copy of the same form are fine;
 * answers of another form are not. */
static int
export_same_form(const struct form *f, const struct form *g)
{
	return f == g || (f->nquestions == g->nquestions &&
	    memcmp(f->fingerprint, g->fingerprint, sizeof f->fingerprint) == 0);
}

int
export_add(struct exporter *ex, const char *id, const char *day,
    const struct answers *a, char **cause)
{
	if (!export_same_form(ex->form, a->form)) {
		xasprintf(cause, "response %s answers another form", id);
		return -1;
	}
	export_start(ex);
	switch (ex->format) {
	case EXPORT_SUMMARY:
	case EXPORT_PAIRWISE:
		tally_add(ex->tally, a);
		break;
	case EXPORT_RESPONSES:
		if (ex->repeat >= 0)
			export_repeat_rows(ex->form, ex->repeat, id, a,
			    &ex->w);
		else
			export_responses_row(ex->form, id, ex->invitations ?
			    (ex->invitation != NULL ? ex->invitation : "") :
			    NULL, day, a, &ex->w);
		break;
	case EXPORT_TEXT:
		export_text_rows(ex->form, ex->lang, id, a, &ex->w);
		break;
	case EXPORT_CODEBOOK:
		break;
	}
	if (ex->w.error != 0)
		return export_csv_status(&ex->w, cause);
	return 0;
}

int
export_finish(struct exporter *ex, char **cause)
{
	export_start(ex);
	switch (ex->format) {
	case EXPORT_SUMMARY:
		export_summary_write(ex->tally, ex->lang, &ex->w);
		break;
	case EXPORT_PAIRWISE:
		export_pairwise_write(ex->tally, &ex->w);
		break;
	case EXPORT_CODEBOOK:
		export_codebook_write(ex->form, ex->lang, &ex->w);
		break;
	case EXPORT_RESPONSES:
	case EXPORT_TEXT:
		break;
	}
	return export_csv_status(&ex->w, cause);
}

const struct tally *
export_tally(const struct exporter *ex)
{
	return ex->tally;
}

void
export_free(struct exporter *ex)
{
	if (ex == NULL)
		return;
	tally_free(ex->tally);
	export_csv_clear(&ex->w);
	free(ex);
}
