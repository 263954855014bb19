/* text.c: `--format text`, one row per non-empty text answer, written
 * as each response arrives. */
#include "exports/lib.h"

void
export_text_header(struct export_csv *w)
{
	export_csv_field(w, "response_id");
	export_csv_field(w, "question");
	export_csv_field(w, "label");
	export_csv_field(w, "text");
	export_csv_end(w);
}

void
export_text_rows(const struct form *f, size_t lang, const char *id,
    const struct answers *a, struct export_csv *w)
{
	const struct question	*q;
	const char		*v;
	size_t			 i;

	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (q->type != QUESTION_TEXT)
			continue;
		v = answers_get(a, (int)i);
		if (*v == '\0')
			continue;
		export_csv_field(w, id);
		export_csv_field(w, q->name);
		export_csv_field(w, form_label(f, q, lang));
		export_csv_field(w, v);
		export_csv_end(w);
	}
}
