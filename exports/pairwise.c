/* pairwise.c: `--format pairwise`, the pairwise preference matrix of
 * each rank question, listed in its Schulze order. */
#include <stdlib.h>

#include "exports/lib.h"

/* One question: every unordered pair once, option_a always the option
 * that comes first in the Schulze order, so that the distinct option_a
 * values, then the last option_b, read as that order. */
static void
pairwise_question(const struct tally *t, int q, struct export_csv *w)
{
	const struct form		*f = t->form;
	const struct choice_list	*l;
	const uint64_t			*pref = tally_cell(t, 0, q)->pref;
	uint64_t			*strength;
	size_t				*order, i, j, a, b, m;

	l = form_question_list(f, &f->questions[q]);
	if (l == NULL || pref == NULL)
		return;
	m = l->nchoices;
	strength = xcalloc(m * m + 1, sizeof *strength);
	order = xcalloc(m + 1, sizeof *order);
	stats_schulze(pref, m, strength, order);
	for (i = 0; i < m; i++) {
		for (j = i + 1; j < m; j++) {
			a = order[i];
			b = order[j];
			export_csv_field(w, f->questions[q].name);
			export_csv_field(w, l->choices[a].name);
			export_csv_field(w, l->choices[b].name);
			export_csv_field_u64(w, pref[a * m + b]);
			export_csv_field_u64(w, pref[b * m + a]);
			export_csv_end(w);
		}
	}
	free(order);
	free(strength);
}

void
export_pairwise_write(const struct tally *t, struct export_csv *w)
{
	const struct form	*f = t->form;
	size_t			 q;

	export_csv_field(w, "question");
	export_csv_field(w, "option_a");
	export_csv_field(w, "option_b");
	export_csv_field(w, "prefer_a");
	export_csv_field(w, "prefer_b");
	export_csv_end(w);
	for (q = 0; q < f->nquestions; q++) {
		if (f->questions[q].type == QUESTION_RANK)
			pairwise_question(t, (int)q, w);
	}
}
