/* report-svg-scale.c: the charts of scales and rankings in the HTML
 * report: diverging stacked bars with the neutral middle centred on the
 * axis (one bar, or one per group on the same scale), and Borda bars of a
 * ranking (with the first places; per group, the share of the points a
 * group could give, so that groups of any size compare). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/report-svg.h"

#define SCALE_ROW	26
#define SCALE_TOP	20
#define SCALE_NW	70	/* "n = N" after the bars */

/* The colour class of choice i of a scale of m: browns below the
 * middle, a grey middle, teals above; darkest at the ends. */
static const char *
svg_scale_class(size_t i, size_t m)
{
	size_t	 k = m / 2, d;

	if (m % 2 == 1 && i == k)
		return "c2";
	if (i < k) {
		d = k - 1 - i;		/* 0 next to the middle */
		return k == 1 || d == 1 ? "c0" : d == 0 ? "c1" : "c5";
	}
	d = i - (m + 1) / 2;
	return k == 1 || d == 1 ? "c4" : d == 0 ? "c3" : "c6";
}

/* The share below and above the centre of cell c, in percent. */
static void
svg_scale_sides(const struct tally_cell *c, size_t m, double *lo,
    double *hi)
{
	size_t	 i;

	*lo = *hi = 0;
	for (i = 0; i < m; i++) {
		if (m % 2 == 1 && i == m / 2) {
			*lo += svg_pct(c->count[i], c->answered) / 2;
			*hi += svg_pct(c->count[i], c->answered) / 2;
		} else if (i < m / 2)
			*lo += svg_pct(c->count[i], c->answered);
		else
			*hi += svg_pct(c->count[i], c->answered);
	}
}

/* One bar of group g at y, centred on cx, scale px per percent. */
static void
svg_scale_bar(struct html_report *h, int q, size_t g, double y, double cx,
    double scale)
{
	const struct choice_list	*l;
	const struct tally_cell		*c = tally_cell(h->tally, g, q);
	const char			*cls;
	double				 lo, hi, x, w;
	char				 s[STATS_NUMBER_MAX + 1], t[96];
	size_t				 i, m;

	l = form_question_list(h->form, &h->form->questions[q]);
	m = l->nchoices;
	svg_scale_sides(c, m, &lo, &hi);
	x = cx - lo * scale;
	for (i = 0; i < m; i++) {
		w = svg_pct(c->count[i], c->answered) * scale;
		cls = svg_scale_class(i, m);
		svg_rect(h, x, y + 3, w, SCALE_ROW - 8, cls);
		if (w >= 26) {
			stats_format_ratio((__int128)c->count[i] * 100,
			    c->answered, 0, s);
			strcat(s, "%");
			snprintf(t, sizeof t, "s m%s", strcmp(cls, "c1") &&
			    strcmp(cls, "c2") && strcmp(cls, "c3") ? " w" : "");
			svg_text(h, x + w / 2, y + 15, t, s, w);
		}
		x += w;
	}
	snprintf(t, sizeof t, "n = %llu", (unsigned long long)c->answered);
	svg_text(h, HTML_WIDTH - SCALE_NW + 6, y + 15, "s", t, SCALE_NW - 8);
}

/* The legend under a scale from y: a box and label for each choice. */
static double
svg_scale_legend(struct html_report *h, int q, double y)
{
	const struct choice_list	*l;
	const char			*label;
	double				 x = 8, w;
	size_t				 i;

	l = form_question_list(h->form, &h->form->questions[q]);
	for (i = 0; i < l->nchoices; i++) {
		label = chart_choice_label(h->form, l, i, h->lang);
		w = html_text_width(label, 10);
		if (w > 200)
			w = 200;
		if (x + 14 + w > HTML_WIDTH && x > 8) {
			x = 8;
			y += 16;
		}
		svg_rect(h, x, y + 2, 10, 10, svg_scale_class(i,
		    l->nchoices));
		svg_text(h, x + 14, y + 11, "s", label, w + 1);
		x += 14 + w + 14;
	}
	return y + 16;
}

/* The height of the legend, measured as svg_scale_legend draws it. */
static double
svg_scale_legend_height(struct html_report *h, int q)
{
	struct buf	 saved = h->out;
	double		 y;

	buf_init(&h->out);
	y = svg_scale_legend(h, q, 0);
	buf_clear(&h->out);
	h->out = saved;
	return y;
}

void
svg_scale(struct html_report *h, int q)
{
	const struct question		*qq = &h->form->questions[q];
	int				 by = h->tally->by >= 0;
	size_t				 rows = by ? h->nshown : 1, k, g;
	double				 lw = by ? GROUPS_LW : 8, e = 0, lo, hi;
	double				 bw, cx, y, height;
	char				*more = NULL, s[32];

	if (rows == 0)
		return;
	for (k = 0; k < rows; k++) {
		svg_scale_sides(tally_cell(h->tally, by ? h->shown[k] : 0, q),
		    form_question_list(h->form, qq)->nchoices, &lo, &hi);
		e = lo > e ? lo : e;
		e = hi > e ? hi : e;
	}
	e = svg_nice(e);
	bw = HTML_WIDTH - lw - 8 - SCALE_NW;
	cx = lw + 8 + bw / 2;
	height = SCALE_TOP + SCALE_ROW * rows + 8 +
	    svg_scale_legend_height(h, q);
	if (!by)
		more = svg_answered(h, 0, q);
	svg_open(h, height, form_label(h->form, qq, h->lang), HW_SCALE_DESC,
	    more);
	free(more);
	for (k = 0; k < 3; k++) {
		snprintf(s, sizeof s, "%g%%", k == 1 ? 0 : e);
		svg_text(h, cx + (k - 1.0) * bw / 2, SCALE_TOP - 6, k == 0 ?
		    "s" : k == 1 ? "s m" : "s e", s, 50);
	}
	for (k = 0; k < rows; k++) {
		g = by ? h->shown[k] : 0;
		y = SCALE_TOP + SCALE_ROW * k;
		if (by)
			svg_text(h, lw, y + 15, "e", html_group_label(h, g),
			    lw - 4);
		svg_scale_bar(h, q, g, y, cx, bw / 2 / e);
	}
	svg_line(h, cx, SCALE_TOP - 2, cx, SCALE_TOP + SCALE_ROW * rows, "a");
	svg_scale_legend(h, q, SCALE_TOP + SCALE_ROW * rows + 8);
	svg_close(h);
}

/* ---- rankings ------------------------------------------------------------ */

#define RANK_LW		270
#define RANK_NW		110

void
svg_rank(struct html_report *h, int q)
{
	const struct question		*qq = &h->form->questions[q];
	const struct choice_list	*l = form_question_list(h->form, qq);
	const struct tally_cell		*c = tally_cell(h->tally, 0, q);
	uint64_t			*borda, *standing;
	size_t				*order, k, i, m;
	double				 bx = RANK_LW + 8, bw, top = 22, y;
	char				*more, s[64];

	if (l == NULL || l->nchoices == 0)
		return;
	m = l->nchoices;
	borda = xcalloc(m, sizeof *borda);
	standing = xcalloc(m, sizeof *standing);
	tally_borda(h->tally, 0, q, borda);
	stats_standing(borda, m, standing);
	order = chart_rank_order(borda, m);
	bw = HTML_WIDTH - bx - RANK_NW;
	more = svg_answered(h, 0, q);
	svg_open(h, top + ROW * m + 6, form_label(h->form, qq, h->lang),
	    HW_RANK_DESC, more);
	free(more);
	svg_text(h, HTML_WIDTH - 50, 14, "s e", html_word(h, HW_BORDA), 60);
	svg_text(h, HTML_WIDTH - 4, 14, "s e", html_word(h, HW_FIRST), 46);
	for (k = 0; k < m; k++) {
		i = order[k];
		y = top + ROW * k;
		snprintf(s, sizeof s, "%llu.", (unsigned long long)standing[i]);
		svg_text(h, 22, y + 14, "e", s, 22);
		svg_text(h, 26, y + 14, "", chart_choice_label(h->form, l, i,
		    h->lang), RANK_LW - 26);
		if (borda[order[0]] != 0)
			svg_rect(h, bx, y + 3, bw * (double)borda[i] /
			    (double)borda[order[0]], ROW - 6, "b");
		snprintf(s, sizeof s, "%llu", (unsigned long long)borda[i]);
		svg_text(h, HTML_WIDTH - 50, y + 14, "e", s, 58);
		snprintf(s, sizeof s, "%llu", (unsigned long long)c->first[i]);
		svg_text(h, HTML_WIDTH - 4, y + 14, "e", s, 44);
	}
	svg_close(h);
	free(order);
	free(standing);
	free(borda);
}

/* What the rows of a ranking beside groups need: the order of all
 * responses, and the largest share of the points of any group. */
struct svg_rank_arg {
	const size_t	*order;
	double		 max;
};

static void
svg_rank_block(struct html_report *h, int q, size_t from, size_t to,
    double cw, void *arg)
{
	const struct choice_list	*l;
	const struct svg_rank_arg	*a = arg;
	const size_t			*order = a->order;
	uint64_t			*borda, *standing, most;
	size_t				 i, k, j, g, m;
	double				 x, y;
	char				 s[32];

	l = form_question_list(h->form, &h->form->questions[q]);
	m = l->nchoices;
	borda = xcalloc(m, sizeof *borda);
	standing = xcalloc(m, sizeof *standing);
	for (k = 0; k < m; k++)
		svg_text(h, GROUPS_LW, GROUPS_TOP + ROW * k + 14, "e",
		    chart_choice_label(h->form, l, order[k], h->lang),
		    GROUPS_LW - 4);
	for (j = from; j < to; j++) {
		g = h->shown[j];
		x = GROUPS_LW + 8 + cw * (j - from);
		tally_borda(h->tally, g, q, borda);
		stats_standing(borda, m, standing);
		/* The points a group could give a choice: all its first
		 * places. */
		most = tally_cell(h->tally, g, q)->answered * m;
		for (k = 0; k < m; k++) {
			i = order[k];
			y = GROUPS_TOP + ROW * k;
			if (most != 0 && a->max > 0)
				svg_rect(h, x, y + 3, (cw - 44) *
				    ((double)borda[i] / most) / a->max,
				    ROW - 6, "b");
			snprintf(s, sizeof s, "#%llu",
			    (unsigned long long)standing[i]);
			svg_text(h, x + cw - 10, y + 14, "s e", most ? s : "-",
			    36);
		}
	}
	free(standing);
	free(borda);
}

void
svg_rank_groups(struct html_report *h, int q)
{
	const struct choice_list	*l;
	struct svg_rank_arg		 a;
	uint64_t			*all, *borda, most;
	size_t				*order, g, i, m;
	double				 max = 0;

	l = form_question_list(h->form, &h->form->questions[q]);
	if (l == NULL || l->nchoices == 0)
		return;
	m = l->nchoices;
	all = xcalloc(m, sizeof *all);
	borda = xcalloc(m, sizeof *borda);
	/* Rows in the order of all responses, every group counted. */
	for (g = 0; g < h->tally->ngroups; g++) {
		tally_borda(h->tally, g, q, borda);
		for (i = 0; i < m; i++)
			all[i] += borda[i];
	}
	for (g = 0; g < h->nshown; g++) {
		tally_borda(h->tally, h->shown[g], q, borda);
		most = tally_cell(h->tally, h->shown[g], q)->answered * m;
		for (i = 0; most != 0 && i < m; i++) {
			if ((double)borda[i] / most > max)
				max = (double)borda[i] / most;
		}
	}
	order = chart_rank_order(all, m);
	a.order = order;
	a.max = max;
	svg_groups(h, q, m, HW_RANK_DESC, svg_rank_block, &a);
	free(order);
	free(borda);
	free(all);
}
