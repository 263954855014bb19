/* report-html-table.c: the tables beneath the charts of the HTML report,
 * which a screen reader reads in place of the chart: the summary export's
 * own rows (export_summary_rows), cell for cell; the bins of a number
 * question; the Schulze order and the pairwise matrix of a ranking; and
 * the text answers, with --text. */
#include <stdlib.h>
#include <string.h>

#include "app/report-html.h"

struct html_table {
	struct html_report *h;
	size_t		 g;
	int		 q;
};

/* <td class="column">value</td> */
static void
html_td(struct buf *b, const struct export_summary_row *r,
    enum export_summary_column col)
{
	const char	*v = r->cell[col] != NULL ? r->cell[col] : "";

	buf_printf(b, "<td class=\"%s\">", export_summary_header[col]);
	html_esc(b, v);
	buf_add_str(b, "</td>");
}

/* " · word <span class="column">value</span>" when the cell is set. */
static void
html_stat(struct html_table *t, const struct export_summary_row *r,
    enum export_summary_column col, enum html_word w)
{
	struct buf	*b = &t->h->out;

	if (r->cell[col] == NULL || *r->cell[col] == '\0')
		return;
	buf_printf(b, " \xc2\xb7 %s <span class=\"%s\">", html_word(t->h, w),
	    export_summary_header[col]);
	html_esc(b, r->cell[col]);
	buf_add_str(b, "</span>");
}

/* The quartiles of a number question (its histogram is sorted: the
 * summary row's tally_numbers did it). */
static void
html_quartiles(struct html_table *t)
{
	const struct tally_cell	*c = tally_cell(t->h->tally, t->g, t->q);
	char			 q1[STATS_NUMBER_MAX], q3[STATS_NUMBER_MAX];

	if (c->hist.total == 0)
		return;
	stats_hist_quartile(&c->hist, 1, q1);
	stats_hist_quartile(&c->hist, 3, q3);
	buf_printf(&t->h->out, " \xc2\xb7 %s <span class=\"q1\">%s</span> "
	    "\xe2\x80\x93 <span class=\"q3\">%s</span>",
	    html_word(t->h, HW_QUARTILES), q1, q3);
}

/* The bins of a number question, as the histogram draws them. */
static void
html_bins(struct html_table *t)
{
	const struct tally_cell	*c = tally_cell(t->h->tally, t->g, t->q);
	struct chart_bin	 bins[CHART_BINS_MAX];
	struct buf		*b = &t->h->out;
	char			 pct[STATS_NUMBER_MAX];
	size_t			 i, n;

	n = chart_bins(&c->hist, t->h->form->questions[t->q].type ==
	    QUESTION_INTEGER, bins);
	if (n == 0)
		return;
	buf_printf(b, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	    html_word(t->h, HW_VALUES), html_word(t->h, HW_COUNT),
	    html_word(t->h, HW_PERCENT));
	for (i = 0; i < n; i++) {
		stats_percent(bins[i].count, c->answered, pct);
		buf_printf(b, "<tr><th scope=\"row\">%s", bins[i].lo);
		if (strcmp(bins[i].lo, bins[i].hi) != 0)
			buf_printf(b, " \xe2\x80\x93 %s", bins[i].hi);
		buf_printf(b, "</th><td class=\"bin\">%llu</td><td>%s</td>"
		    "</tr>\n", (unsigned long long)bins[i].count, pct);
	}
	buf_add_str(b, "</tbody>\n");
}

/* The column heads of a choice question's rows. */
static void
html_thead(struct html_table *t)
{
	struct html_report	*h = t->h;
	struct buf		*b = &h->out;

	buf_printf(b, "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
	    "%s</th><th scope=\"col\">%s</th>", html_word(h, HW_OPTION),
	    html_word(h, HW_COUNT), html_word(h, HW_PERCENT));
	if (h->form->questions[t->q].type == QUESTION_RANK)
		buf_printf(b, "<th scope=\"col\">%s</th><th scope=\"col\">%s"
		    "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
		    html_word(h, HW_MEAN_RANK), html_word(h, HW_FIRST),
		    html_word(h, HW_BORDA), html_word(h, HW_STANDING));
	buf_add_str(b, "</tr></thead>\n<tbody>\n");
}

/* The question's row: the table's caption. */
static void
html_caption(struct html_table *t, const struct export_summary_row *r)
{
	struct html_report	*h = t->h;
	const struct question	*qq = &h->form->questions[t->q];
	struct buf		*b = &h->out;

	buf_add_str(b, "<table class=\"t\" data-group=\"");
	html_esc(b, r->cell[EXPORT_SUMMARY_GROUP]);
	buf_add_str(b, "\">\n<caption>");
	if (h->tally->by >= 0) {
		buf_add_str(b, "<b>");
		html_esc(b, html_group_label(h, t->g));
		buf_add_str(b, "</b> \xc2\xb7 ");
	}
	buf_add_str(b, "<span class=\"answered\">");
	html_esc(b, r->cell[EXPORT_SUMMARY_ANSWERED]);
	buf_printf(b, "</span> %s %llu %s", html_word(h, HW_OF),
	    (unsigned long long)h->tally->group_responses[t->g],
	    html_word(h, HW_ANSWERED));
	if (tally_dated(qq->type)) {
		html_stat(t, r, EXPORT_SUMMARY_MIN, HW_FROM);
		html_stat(t, r, EXPORT_SUMMARY_MAX, HW_TO);
	} else {
		html_stat(t, r, EXPORT_SUMMARY_MEAN, HW_MEAN);
		html_stat(t, r, EXPORT_SUMMARY_MEDIAN, HW_MEDIAN);
		if (qq->type == QUESTION_INTEGER ||
		    qq->type == QUESTION_DECIMAL)
			html_quartiles(t);
		html_stat(t, r, EXPORT_SUMMARY_MIN, HW_MIN);
		html_stat(t, r, EXPORT_SUMMARY_MAX, HW_MAX);
	}
	buf_add_str(b, "</caption>\n");
	if (question_has_choices(qq))
		html_thead(t);
	else if (qq->type == QUESTION_INTEGER || qq->type == QUESTION_DECIMAL)
		html_bins(t);
}

static void
html_table_row(const struct export_summary_row *r, void *arg)
{
	struct html_table	*t = arg;
	struct buf		*b = &t->h->out;

	if (r->cell[EXPORT_SUMMARY_OPTION] == NULL ||
	    *r->cell[EXPORT_SUMMARY_OPTION] == '\0') {
		html_caption(t, r);
		return;
	}
	buf_add_str(b, "<tr data-option=\"");
	html_esc(b, r->cell[EXPORT_SUMMARY_OPTION]);
	buf_add_str(b, "\"><th scope=\"row\" class=\"option_label\">");
	html_esc(b, r->cell[EXPORT_SUMMARY_OPTION_LABEL]);
	buf_add_str(b, "</th>");
	html_td(b, r, EXPORT_SUMMARY_COUNT);
	html_td(b, r, EXPORT_SUMMARY_PERCENT);
	if (t->h->form->questions[t->q].type == QUESTION_RANK) {
		html_td(b, r, EXPORT_SUMMARY_MEAN_RANK);
		html_td(b, r, EXPORT_SUMMARY_FIRST);
		html_td(b, r, EXPORT_SUMMARY_BORDA);
		html_td(b, r, EXPORT_SUMMARY_STANDING);
	}
	buf_add_str(b, "</tr>\n");
}

void
html_table(struct html_report *h, size_t g, int q)
{
	struct html_table	 t;

	t.h = h;
	t.g = g;
	t.q = q;
	export_summary_rows(h->tally, g, q, h->lang, html_table_row, &t);
	if (question_has_choices(&h->form->questions[q]))
		buf_add_str(&h->out, "</tbody>\n");
	buf_add_str(&h->out, "</table>\n");
}

/* ---- rankings ------------------------------------------------------------ */

/* The Schulze order of q in group g: order[m] and strength[m * m]. 0, or
 * -1 when there is nothing to order. Caller frees both. */
static int
html_schulze_order(struct html_report *h, size_t g, int q, size_t **order,
    uint64_t **strength, size_t *m)
{
	const struct choice_list	*l;
	const struct tally_cell		*c = tally_cell(h->tally, g, q);

	l = form_question_list(h->form, &h->form->questions[q]);
	if (l == NULL || c->pref == NULL || l->nchoices == 0)
		return -1;
	*m = l->nchoices;
	*strength = xcalloc(*m * *m, sizeof **strength);
	*order = xcalloc(*m, sizeof **order);
	stats_schulze(c->pref, *m, *strength, *order);
	return 0;
}

void
html_schulze(struct html_report *h, size_t g, int q)
{
	const struct choice_list	*l;
	struct buf			*b = &h->out;
	uint64_t			*strength;
	size_t				*order, i, m, a, p;

	if (html_schulze_order(h, g, q, &order, &strength, &m) != 0)
		return;
	l = form_question_list(h->form, &h->form->questions[q]);
	buf_printf(b, "<p class=\"note schulze\"><b>%s", html_word(h,
	    HW_SCHULZE));
	if (h->tally->by >= 0) {
		buf_add_str(b, ", ");
		html_esc(b, html_group_label(h, g));
	}
	buf_add_str(b, ":</b> ");
	for (i = 0; i < m; i++) {
		a = order[i];
		if (i != 0) {
			p = order[i - 1];
			buf_add_str(b, strength[p * m + a] > strength[a * m + p] ?
			    " &gt; " : " = ");
		}
		html_esc(b, chart_choice_label(h->form, l, a, h->lang));
	}
	buf_add_str(b, "</p>\n");
	free(order);
	free(strength);
}

/* The shade of a cell: the share of the pair that prefer a, in fifths. */
static int
html_shade(uint64_t ab, uint64_t ba)
{
	int	 k;

	if (ab + ba == 0)
		return 0;
	k = (int)((long double)ab * 5 / ((long double)ab + ba));
	return k > 4 ? 4 : k;
}

void
html_pairwise(struct html_report *h, size_t g, int q)
{
	const struct choice_list	*l;
	const uint64_t			*pref = tally_cell(h->tally, g, q)->pref;
	struct buf			*b = &h->out;
	uint64_t			*strength;
	size_t				*order, i, j, m, a, c;

	if (html_schulze_order(h, g, q, &order, &strength, &m) != 0)
		return;
	l = form_question_list(h->form, &h->form->questions[q]);
	buf_printf(b, "<table class=\"pw\">\n<caption><b>%s", html_word(h,
	    HW_PAIRWISE));
	if (h->tally->by >= 0) {
		buf_add_str(b, ", ");
		html_esc(b, html_group_label(h, g));
	}
	buf_printf(b, ".</b> %s</caption>\n<thead><tr><th scope=\"col\">"
	    "</th>", html_word(h, HW_PAIRWISE_HOW));
	for (j = 0; j < m; j++)
		buf_printf(b, "<th scope=\"col\">%zu</th>", j + 1);
	buf_add_str(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < m; i++) {
		a = order[i];
		buf_printf(b, "<tr data-option=\"");
		html_esc(b, l->choices[a].name);
		buf_printf(b, "\"><th scope=\"row\">%zu. ", i + 1);
		html_esc(b, chart_choice_label(h->form, l, a, h->lang));
		buf_add_str(b, "</th>");
		for (j = 0; j < m; j++) {
			c = order[j];
			if (a == c) {
				buf_add_str(b, "<td class=\"d\"></td>");
				continue;
			}
			buf_printf(b, "<td class=\"p%d\">%llu</td>",
			    html_shade(pref[a * m + c], pref[c * m + a]),
			    (unsigned long long)pref[a * m + c]);
		}
		buf_add_str(b, "</tr>\n");
	}
	buf_add_str(b, "</tbody>\n</table>\n");
	free(order);
	free(strength);
}

/* ---- text answers -------------------------------------------------------- */

void
html_texts(struct html_report *h, int q)
{
	const struct buf	*t = &h->texts[q];
	struct buf		*b = &h->out;
	uint64_t		 answered = 0;
	size_t			 at, g;

	for (g = 0; g < h->tally->ngroups; g++)
		answered += tally_cell(h->tally, g, q)->answered;
	if (!h->text) {
		if (answered != 0)
			buf_printf(b, "<p class=\"note\">%s</p>\n",
			    html_word(h, HW_TEXT_HIDDEN));
		return;
	}
	if (t->len == 0) {
		buf_printf(b, "<p class=\"note\">%s</p>\n", html_word(h,
		    HW_NO_ANSWERS));
		return;
	}
	buf_printf(b, "<p class=\"note\">%s:</p>\n<ul class=\"texts\">\n",
	    html_word(h, HW_TEXT_ANSWERS));
	for (at = 0; at < t->len; at += strlen((const char *)t->data + at) +
	    1) {
		buf_add_str(b, "<li>");
		html_esc_text(b, (const char *)t->data + at);
		buf_add_str(b, "</li>\n");
	}
	buf_add_str(b, "</ul>\n");
}
