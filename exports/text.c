/* text.c: `--format text`, one row per non-empty text answer (one per
 * instance in a repeat), written as each response arrives. */
#include <stdlib.h>

#include "exports/lib.h"

static void
text_row(const struct form *f, size_t lang, const char *id,
    const struct question *q, const char *v, struct export_csv *w)
{
	if (*v == '\0')
		return;
	export_csv_field(w, id);
	export_csv_field(w, q->name);
	export_csv_field(w, form_label(f, q, lang));
	export_csv_field(w, v);
	export_csv_end(w);
}

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
	struct answers_instance	*in = NULL;
	size_t			 i, k, n = 0;

	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (q->type != QUESTION_TEXT)
			continue;
		if (form_repeat_of(f, (int)i) < 0) {
			text_row(f, lang, id, q, answers_get(a, (int)i), w);
			continue;
		}
		if (in == NULL)
			n = answers_instances(a, &in);
		for (k = 0; k < n; k++) {
			if (in[k].repeat == form_repeat_of(f, (int)i))
				text_row(f, lang, id, q,
				    answers_instance_get(&in[k], (int)i), w);
		}
	}
	free(in);
}
