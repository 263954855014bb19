/* responses.c: `--format responses`, one row per response written as it
 * arrives, with a 0/1 or position column per choice of select_multiple
 * and rank questions. */
#include <string.h>

#include "exports/lib.h"

/* 1-based position of name among the space-separated names of v, or 0
 * when it is not there. */
static size_t
responses_position(const char *v, const char *name)
{
	size_t	 len, n = 0, nlen = strlen(name);

	for (; *v != '\0'; v += len) {
		v += strspn(v, " ");
		len = strcspn(v, " ");
		if (len == 0)
			break;
		n++;
		if (len == nlen && memcmp(v, name, len) == 0)
			return n;
	}
	return 0;
}

/* 1 for questions with a column per choice. */
static int
responses_split(const struct question *q)
{
	return q->type == QUESTION_SELECT_MULTIPLE || q->type == QUESTION_RANK;
}

void
export_responses_columns(const struct form *f, int lo, int hi,
    struct export_csv *w)
{
	const struct choice_list	*l;
	const struct question		*q;
	struct buf			 b;
	size_t				 j;
	int				 i;

	buf_init(&b);
	for (i = lo; i < hi; i++) {
		q = &f->questions[i];
		if (form_is_repeat(f, i)) {	/* ODK Central's NAME/count */
			b.len = 0;
			buf_printf(&b, "%s/count", q->name);
			export_csv_field(w, buf_str(&b));
			i = q->end;
			continue;
		}
		if (!question_stores(q))
			continue;
		export_csv_field(w, q->name);
		l = form_question_list(f, q);
		if (!responses_split(q) || l == NULL)
			continue;
		for (j = 0; j < l->nchoices; j++) {
			b.len = 0;
			buf_printf(&b, "%s/%s", q->name, l->choices[j].name);
			export_csv_field(w, buf_str(&b));
		}
	}
	buf_clear(&b);
}

void
export_responses_header(const struct form *f, int invitations,
    struct export_csv *w)
{
	export_csv_field(w, "response_id");
	if (invitations)
		export_csv_field(w, "invitation");
	export_csv_field(w, "submitted");
	export_csv_field(w, "form_version");
	export_responses_columns(f, 0, (int)f->nquestions, w);
	export_csv_end(w);
}

/* The choice columns of one select_multiple or rank answer. */
static void
responses_choices(const struct question *q, const struct choice_list *l,
    const char *v, struct export_csv *w)
{
	size_t	 j, pos;

	for (j = 0; j < l->nchoices; j++) {
		pos = responses_position(v, l->choices[j].name);
		if (q->type == QUESTION_SELECT_MULTIPLE)
			export_csv_field(w, pos != 0 ? "1" : "0");
		else if (pos != 0)
			export_csv_field_u64(w, pos);
		else
			export_csv_field(w, "");
	}
}

void
export_responses_values(const struct form *f, int lo, int hi,
    const char *(*get)(const void *, int), size_t (*count)(const void *, int),
    const void *arg, struct export_csv *w)
{
	const struct choice_list	*l;
	const struct question		*q;
	const char			*v;
	int				 i;

	for (i = lo; i < hi; i++) {
		q = &f->questions[i];
		if (form_is_repeat(f, i)) {
			export_csv_field_u64(w, count(arg, i));
			i = q->end;
			continue;
		}
		if (!question_stores(q))
			continue;
		v = get(arg, i);
		export_csv_field(w, v);
		l = form_question_list(f, q);
		if (responses_split(q) && l != NULL)
			responses_choices(q, l, v, w);
	}
}

static const char *
responses_get(const void *arg, int q)
{
	return answers_get(arg, q);
}

static size_t
responses_count(const void *arg, int r)
{
	return answers_repeat_count(arg, r);
}

void
export_responses_row(const struct form *f, const char *id,
    const char *invitation, const char *day, const struct answers *a,
    struct export_csv *w)
{
	char	 date[11];

	export_csv_field(w, id);
	if (invitation != NULL)
		export_csv_field(w, invitation);
	/* The day only: a longer timestamp is cut to YYYY-MM-DD. */
	strncpy(date, day, sizeof date - 1);
	date[sizeof date - 1] = '\0';
	export_csv_field(w, date);
	export_csv_field(w, f->version);
	export_responses_values(f, 0, (int)f->nquestions, responses_get,
	    responses_count, a, w);
	export_csv_end(w);
}
