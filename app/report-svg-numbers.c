/* report-svg-numbers.c: the charts of numbers and dates in the HTML
 * report: a histogram (each value, or bins of the range, as the terminal
 * report draws them) over a box plot of the quartiles, median and range;
 * with --by, a box plot for each group on one axis; and the range of
 * dates on one time line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/report-svg.h"

#define NUM_LW		150	/* the histogram's labels */
#define NUM_NW		110
#define BOX_ROW		26
#define BOX_AXIS	18	/* the axis's labels under the boxes */

/* The five numbers of a sorted histogram, as numbers. */
struct svg_five {
	double		 v[5];		/* min, Q1, median, Q3, max */
};

static void
svg_five(const struct stats_hist *hist, struct svg_five *f)
{
	char	 s[STATS_NUMBER_MAX];
	int	 k;

	for (k = 0; k < 5; k++) {
		stats_hist_quartile(hist, k, s);
		f->v[k] = strtod(s, NULL);
	}
	/* The ends exactly, not rounded to 2 decimals. */
	f->v[0] = (double)hist->entries[0].value.approx;
	f->v[4] = (double)hist->entries[hist->n - 1].value.approx;
}

/* An axis of values from lo to hi under the boxes, at y. */
static void
svg_value_axis(struct html_report *h, double x, double w, double lo,
    double hi, double y, int date)
{
	char	 s[STATS_NUMBER_MAX];
	double	 v;
	int	 k, whole;

	whole = lo == (long long)lo && hi == (long long)hi;
	for (k = 0; k <= 2; k++) {
		v = lo + (hi - lo) * k / 2;
		if (date)
			svg_date_text(v, s);
		else
			stats_format_approx(v, whole && (k != 1 ||
			    v == (long long)v) ? 0 : 2, s);
		svg_line(h, x + w * k / 2, y - 4, x + w * k / 2, y, "g");
		svg_text(h, x + w * k / 2, y + 11, k == 0 ? "s" : k == 1 ?
		    "s m" : "s e", s, 100);
	}
}

/* One box of f at y, the axis lo..hi over x..x+w. */
static void
svg_box(struct html_report *h, const struct svg_five *f, double y,
    double x, double w, double lo, double hi)
{
	double	 p[5];
	int	 k;

	for (k = 0; k < 5; k++)
		p[k] = x + w * (f->v[k] - lo) / (hi - lo);
	svg_line(h, p[0], y + BOX_ROW / 2.0, p[1], y + BOX_ROW / 2.0, "a");
	svg_line(h, p[3], y + BOX_ROW / 2.0, p[4], y + BOX_ROW / 2.0, "a");
	svg_line(h, p[0], y + 8, p[0], y + BOX_ROW - 8, "a");
	svg_line(h, p[4], y + 8, p[4], y + BOX_ROW - 8, "a");
	buf_printf(&h->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%d\" class=\"bx\"/>\n", p[1], y + 4, p[3] - p[1] > 1 ?
	    p[3] - p[1] : 1, BOX_ROW - 8);
	svg_line(h, p[2], y + 3, p[2], y + BOX_ROW - 3, "md");
}

/* The histogram of q's values for all responses, rows from top. */
static void
svg_histogram(struct html_report *h, int q, const struct chart_bin *bins,
    size_t n, double top)
{
	const struct tally_cell	*c = tally_cell(h->tally, 0, q);
	double			 bx = NUM_LW + 8, bw, max = 0, y, w;
	char			 s[STATS_NUMBER_MAX + 40], pct[STATS_NUMBER_MAX];
	char			*label;
	size_t			 i;

	bw = HTML_WIDTH - bx - NUM_NW;
	for (i = 0; i < n; i++) {
		if (svg_pct(bins[i].count, c->answered) > max)
			max = svg_pct(bins[i].count, c->answered);
	}
	max = svg_nice(max);
	svg_axis(h, bx, bw, max, top, top + ROW * n);
	for (i = 0; i < n; i++) {
		y = top + ROW * i;
		if (strcmp(bins[i].lo, bins[i].hi) == 0)
			label = xstrdup(bins[i].lo);
		else
			xasprintf(&label, "%s \xe2\x80\x93 %s", bins[i].lo,
			    bins[i].hi);
		svg_text(h, NUM_LW, y + 14, "e", label, NUM_LW - 4);
		free(label);
		w = bw * svg_pct(bins[i].count, c->answered) / max;
		svg_rect(h, bx, y + 3, w, ROW - 6, "b");
		stats_percent(bins[i].count, c->answered, pct);
		snprintf(s, sizeof s, "%llu (%s%%)",
		    (unsigned long long)bins[i].count, pct);
		svg_text(h, bx + w + 4, y + 14, "", s, NUM_NW + bw - w);
	}
}

void
svg_numbers(struct html_report *h, int q)
{
	const struct question	*qq = &h->form->questions[q];
	const struct tally_cell	*c;
	struct stats_numbers	 nums;
	struct chart_bin	 bins[CHART_BINS_MAX];
	struct svg_five		 f;
	int			 by = h->tally->by >= 0;
	size_t			 rows = by ? h->nshown : 1, k, g, n = 0;
	double			 lo = 0, hi = 0, lw = by ? GROUPS_LW : NUM_LW;
	double			 top = 22, y0, x;
	char			*more = NULL;
	int			 any = 0;

	for (k = 0; k < rows; k++) {
		g = by ? h->shown[k] : 0;
		tally_numbers(h->tally, g, q, &nums);	/* sorts */
		c = tally_cell(h->tally, g, q);
		if (c->hist.total == 0)
			continue;
		svg_five(&c->hist, &f);
		lo = !any || f.v[0] < lo ? f.v[0] : lo;
		hi = !any || f.v[4] > hi ? f.v[4] : hi;
		any = 1;
	}
	if (!any)
		return;
	if (hi <= lo) {
		lo -= 1;
		hi += 1;
	}
	if (!by)
		n = chart_bins(&tally_cell(h->tally, 0, q)->hist,
		    qq->type == QUESTION_INTEGER, bins);
	y0 = by ? GROUPS_TOP - 16 : top + ROW * n + 14;
	if (!by)
		more = svg_answered(h, 0, q);
	svg_open(h, y0 + BOX_ROW * rows + BOX_AXIS + 4, form_label(h->form,
	    qq, h->lang), by ? HW_BOX_DESC : HW_HIST_DESC, more);
	free(more);
	if (!by)
		svg_histogram(h, q, bins, n, top);
	x = lw + 8;
	for (k = 0; k < rows; k++) {
		g = by ? h->shown[k] : 0;
		c = tally_cell(h->tally, g, q);
		if (by)
			svg_text(h, lw, y0 + BOX_ROW * k + 17, "e",
			    html_group_label(h, g), lw - 4);
		else
			svg_text(h, lw, y0 + 17, "e s", html_word(h,
			    HW_QUARTILES), lw - 4);
		if (c->hist.total == 0)
			continue;
		svg_five(&c->hist, &f);
		svg_box(h, &f, y0 + BOX_ROW * k, x, HTML_WIDTH - x - NUM_NW,
		    lo, hi);
	}
	svg_value_axis(h, x, HTML_WIDTH - x - NUM_NW, lo, hi,
	    y0 + BOX_ROW * rows + 4, 0);
	svg_close(h);
}

/* ---- dates --------------------------------------------------------------- */

/* Days since 1970-01-01 of "YYYY-MM-DD" (Howard Hinnant's
 * days_from_civil); -1e9 when it is not a date. */
static double
svg_days(const char *s)
{
	int	 y, m, d, era, yoe, doy, doe;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1e9;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097.0 + doe - 719468;
}

void
svg_date_text(double days, char buf[STATS_NUMBER_MAX])
{
	long	 z = (long)days + 719468, era, doe, yoe, y, doy, mp, d, m;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	snprintf(buf, STATS_NUMBER_MAX, "%04ld-%02ld-%02ld", y + (m <= 2), m,
	    d);
}

void
svg_dates(struct html_report *h, int q)
{
	const struct question	*qq = &h->form->questions[q];
	const struct tally_cell	*c;
	int			 by = h->tally->by >= 0, any = 0;
	size_t			 rows = by ? h->nshown : 1, k, g;
	double			 lo = 0, hi = 0, a, z, x, w, y, lw;
	char			*more = NULL;

	lw = by ? GROUPS_LW : 8;
	for (k = 0; k < rows; k++) {
		c = tally_cell(h->tally, by ? h->shown[k] : 0, q);
		if (*c->date_min == '\0')
			continue;
		a = svg_days(c->date_min);
		z = svg_days(c->date_max);
		lo = !any || a < lo ? a : lo;
		hi = !any || z > hi ? z : hi;
		any = 1;
	}
	if (!any)
		return;
	lo -= 1;
	hi += 1;
	x = lw + 8;
	w = HTML_WIDTH - x - 60;
	if (!by)
		more = svg_answered(h, 0, q);
	svg_open(h, 8 + BOX_ROW * rows + BOX_AXIS + 4, form_label(h->form,
	    qq, h->lang), HW_DATE_DESC, more);
	free(more);
	for (k = 0; k < rows; k++) {
		g = by ? h->shown[k] : 0;
		c = tally_cell(h->tally, g, q);
		y = 8 + BOX_ROW * k;
		if (by)
			svg_text(h, lw, y + 17, "e", html_group_label(h, g),
			    lw - 4);
		if (*c->date_min == '\0')
			continue;
		a = x + w * (svg_days(c->date_min) - lo) / (hi - lo);
		z = x + w * (svg_days(c->date_max) + 1 - lo) / (hi - lo);
		svg_rect(h, a, y + 6, z - a, BOX_ROW - 12, "b");
	}
	svg_value_axis(h, x, w, lo, hi, 8 + BOX_ROW * rows + 4, 1);
	svg_close(h);
}
