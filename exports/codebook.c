/* codebook.c: `--format codebook`, the data dictionary: one row per
 * question that stores an answer or opens a group or repeat (whose
 * relevance applies to everything inside), then one per choice; the
 * repeat column names the repeat around it (its answers are counted per
 * instance). */
#include "exports/lib.h"

static void
codebook_row(struct export_csv *w, const char *const cells[8])
{
	size_t	 i;

	for (i = 0; i < 8; i++)
		export_csv_field(w, cells[i]);
	export_csv_end(w);
}

static void
codebook_question(const struct form *f, const struct question *q,
    size_t lang, struct export_csv *w)
{
	const struct choice_list	*l = form_question_list(f, q);
	const char			*cells[8], *label;
	size_t				 j;
	int				 r;

	cells[0] = q->name;
	cells[1] = form_label(f, q, lang);
	cells[2] = question_type_word(q);
	cells[3] = cells[4] = NULL;
	cells[5] = q->relevant_src;
	cells[6] = q->constraint_src;
	r = form_repeat_of(f, (int)(q - f->questions));
	cells[7] = r >= 0 ? f->questions[r].name : NULL;
	codebook_row(w, cells);
	if (!question_has_choices(q) || l == NULL)
		return;
	cells[5] = cells[6] = NULL;
	for (j = 0; j < l->nchoices; j++) {
		cells[3] = l->choices[j].name;
		label = form_text(f, l->choices[j].label, lang);
		cells[4] = *label != '\0' ? label : l->choices[j].name;
		codebook_row(w, cells);
	}
}

void
export_codebook_write(const struct form *f, size_t lang,
    struct export_csv *w)
{
	static const char *const header[8] = { "question", "label", "type",
	    "choice", "choice_label", "relevant", "constraint", "repeat" };
	const struct question	*q;
	size_t			 i;

	codebook_row(w, header);
	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (question_stores(q) || q->type == QUESTION_BEGIN_GROUP)
			codebook_question(f, q, lang, w);
	}
}
