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
export_responses_header(const struct form *f, int invitations,
    struct export_csv *w)
{
	const struct choice_list	*l;
	const struct question		*q;
	struct buf			 b;
	size_t				 i, j;

	export_csv_field(w, "response_id");
	if (invitations)
		export_csv_field(w, "invitation");
	export_csv_field(w, "submitted");
	export_csv_field(w, "form_version");
	buf_init(&b);
	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
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
export_responses_row(const struct form *f, const char *id,
    const char *invitation, const char *day, const struct answers *a,
    struct export_csv *w)
{
	const struct choice_list	*l;
	const struct question		*q;
	const char			*v;
	char				 date[11];
	size_t				 i;

	export_csv_field(w, id);
	if (invitation != NULL)
		export_csv_field(w, invitation);
	/* The day only: a longer timestamp is cut to YYYY-MM-DD. */
	strncpy(date, day, sizeof date - 1);
	date[sizeof date - 1] = '\0';
	export_csv_field(w, date);
	export_csv_field(w, f->version);
	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (!question_stores(q))
			continue;
		v = answers_get(a, (int)i);
		export_csv_field(w, v);
		l = form_question_list(f, q);
		if (responses_split(q) && l != NULL)
			responses_choices(q, l, v, w);
	}
	export_csv_end(w);
}
