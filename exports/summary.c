/* summary.c: `--format summary`, one row per (group, question, option)
 * from the tally, with the statistics of SPEC.md. */
#include <stdlib.h>
#include <string.h>

#include "exports/lib.h"

const char *const export_summary_header[EXPORT_SUMMARY_COLUMNS] = {
	"group", "question", "label", "type", "option", "option_label",
	"answered", "count", "percent", "mean", "median", "min", "max",
	"mean_rank", "first", "borda", "standing"
};

static void
summary_put(struct export_csv *w, const char *const *cells)
{
	size_t	 i;

	for (i = 0; i < EXPORT_SUMMARY_COLUMNS; i++)
		export_csv_field(w, cells[i]);
	export_csv_end(w);
}

static void
summary_u64(char *buf, size_t len, uint64_t v)
{
	char	 tmp[24];
	size_t	 n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0 && n < sizeof tmp);
	for (i = 0; i < n && i + 1 < len; i++)
		buf[i] = tmp[n - 1 - i];
	buf[i] = '\0';
}

/* One row per choice, after the question's row. */
static void
summary_choices(const struct tally *t, size_t g, int q, size_t lang,
    struct export_summary_row *r,
    void (*fn)(const struct export_summary_row *, void *), void *arg)
{
	const struct form		*f = t->form;
	const struct choice_list	*l;
	const struct tally_cell		*c = tally_cell(t, g, q);
	uint64_t			*borda = NULL, *standing = NULL;
	const char			*label;
	size_t				 i, m;
	int				 rank;

	l = form_question_list(f, &f->questions[q]);
	if (l == NULL)
		return;
	m = l->nchoices;
	rank = f->questions[q].type == QUESTION_RANK;
	if (rank) {
		borda = xcalloc(m + 1, sizeof *borda);
		standing = xcalloc(m + 1, sizeof *standing);
		tally_borda(t, g, q, borda);
		stats_standing(borda, m, standing);
	}
	for (i = 0; i < m; i++) {
		r->cell[EXPORT_SUMMARY_OPTION] = l->choices[i].name;
		label = form_text(f, l->choices[i].label, lang);
		r->cell[EXPORT_SUMMARY_OPTION_LABEL] = *label != '\0' ? label :
		    l->choices[i].name;
		summary_u64(r->count, sizeof r->count, c->count[i]);
		r->cell[EXPORT_SUMMARY_COUNT] = r->count;
		stats_percent(c->count[i], c->answered, r->percent);
		r->cell[EXPORT_SUMMARY_PERCENT] = r->percent;
		if (rank) {
			r->mean_rank[0] = '\0';
			if (c->count[i] != 0)
				stats_format_ratio(c->position_sum[i],
				    c->count[i], 2, r->mean_rank);
			r->cell[EXPORT_SUMMARY_MEAN_RANK] = r->mean_rank;
			summary_u64(r->first, sizeof r->first, c->first[i]);
			r->cell[EXPORT_SUMMARY_FIRST] = r->first;
			summary_u64(r->borda, sizeof r->borda, borda[i]);
			r->cell[EXPORT_SUMMARY_BORDA] = r->borda;
			summary_u64(r->standing, sizeof r->standing,
			    standing[i]);
			r->cell[EXPORT_SUMMARY_STANDING] = r->standing;
		}
		fn(r, arg);
	}
	free(borda);
	free(standing);
}

void
export_summary_rows(const struct tally *t, size_t g, int q, size_t lang,
    void (*fn)(const struct export_summary_row *, void *), void *arg)
{
	const struct form	*f = t->form;
	const struct question	*qq = &f->questions[q];
	struct export_summary_row	 r;
	struct stats_numbers	 n;

	memset(&r, 0, sizeof r);
	r.cell[EXPORT_SUMMARY_GROUP] = tally_group_name(t, g);
	r.cell[EXPORT_SUMMARY_QUESTION] = qq->name;
	r.cell[EXPORT_SUMMARY_LABEL] = form_label(f, qq, lang);
	r.cell[EXPORT_SUMMARY_TYPE] = question_type_word(qq);
	summary_u64(r.answered, sizeof r.answered,
	    tally_cell(t, g, q)->answered);
	r.cell[EXPORT_SUMMARY_ANSWERED] = r.answered;
	tally_numbers(t, g, q, &n);
	r.cell[EXPORT_SUMMARY_MEAN] = n.mean;
	r.cell[EXPORT_SUMMARY_MEDIAN] = n.median;
	r.cell[EXPORT_SUMMARY_MIN] = n.min;
	r.cell[EXPORT_SUMMARY_MAX] = n.max;
	fn(&r, arg);

	if (!question_has_choices(qq))
		return;
	r.cell[EXPORT_SUMMARY_MEAN] = r.cell[EXPORT_SUMMARY_MEDIAN] = NULL;
	r.cell[EXPORT_SUMMARY_MIN] = r.cell[EXPORT_SUMMARY_MAX] = NULL;
	summary_choices(t, g, q, lang, &r, fn, arg);
}

static void
summary_row_put(const struct export_summary_row *r, void *arg)
{
	summary_put(arg, r->cell);
}

void
export_summary_write(const struct tally *t, size_t lang,
    struct export_csv *w)
{
	const struct form	*f = t->form;
	size_t			 g, q;

	summary_put(w, export_summary_header);
	for (g = 0; g < t->ngroups; g++) {
		if (!tally_group_shown(t, g))
			continue;
		for (q = 0; q < f->nquestions; q++) {
			if (question_stores(&f->questions[q]))
				export_summary_rows(t, g, (int)q, lang,
				    summary_row_put, w);
		}
	}
}
