/* report-svg.c: the charts of the HTML report, drawn as SVG text and
 * rectangles by consult itself: bars of choices, diverging stacked bars
 * of scales with the neutral middle centred, Borda bars of rankings,
 * histograms and box plots of numbers, ranges of dates; with --by, the
 * groups side by side on one scale. Labels are cut to fit (SVG text does
 * not wrap); the table beneath gives them whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/report-html.h"
#include "app/report-svg.h"

void
svg_open(struct html_report *h, double height, const char *title,
    enum html_word desc, const char *more)
{
	struct buf	*b = &h->out;
	unsigned	 id = ++h->ids;

	buf_printf(b, "<figure>\n<svg role=\"img\" viewBox=\"0 0 %d %.0f\" "
	    "width=\"%d\" height=\"%.0f\" aria-labelledby=\"c%u-t c%u-d\">\n"
	    "<title id=\"c%u-t\">", HTML_WIDTH, height, HTML_WIDTH, height,
	    id, id, id);
	html_esc(b, title);
	buf_printf(b, "</title>\n<desc id=\"c%u-d\">%s", id, html_word(h,
	    desc));
	if (more != NULL && *more != '\0') {
		buf_add_byte(b, ' ');
		html_esc(b, more);
	}
	buf_add_str(b, "</desc>\n");
}

void
svg_close(struct html_report *h)
{
	buf_add_str(&h->out, "</svg>\n</figure>\n");
}

void
svg_text(struct html_report *h, double x, double y, const char *cls,
    const char *s, double width)
{
	struct buf	*b = &h->out;
	double		 px = strstr(cls, "s") != NULL ? 10 : 12;

	buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
	if (*cls != '\0')
		buf_printf(b, " class=\"%s\"", cls);
	buf_add_byte(b, '>');
	if (html_esc_fit(b, s, width, px)) {
		/* The whole label as a tooltip. */
		buf_add_str(b, "<title>");
		html_esc(b, s);
		buf_add_str(b, "</title>");
	}
	buf_add_str(b, "</text>\n");
}

void
svg_rect(struct html_report *h, double x, double y, double w, double ht,
    const char *cls)
{
	if (w <= 0 || ht <= 0)
		return;
	buf_printf(&h->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\" class=\"%s\"/>\n", x, y, w, ht, cls);
}

void
svg_line(struct html_report *h, double x1, double y1, double x2, double y2,
    const char *cls)
{
	buf_printf(&h->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
	    "y2=\"%.1f\" class=\"%s\"/>\n", x1, y1, x2, y2, cls);
}

double
svg_nice(double max)
{
	static const double	 steps[] = { 10, 20, 30, 40, 50, 60, 80,
	    100 };
	size_t			 i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (max <= steps[i])
			return steps[i];
	}
	return 100;
}

double
svg_pct(uint64_t count, uint64_t of)
{
	return of == 0 ? 0 : (double)count * 100.0 / (double)of;
}

void
svg_axis(struct html_report *h, double x, double w, double max,
    double top, double bottom)
{
	char	 s[32];
	int	 i;

	for (i = 0; i <= 2; i++) {
		svg_line(h, x + w * i / 2, top, x + w * i / 2, bottom, "g");
		snprintf(s, sizeof s, "%g%%", max * i / 2);
		svg_text(h, x + w * i / 2, top - 4, i == 0 ? "s" : i == 1 ?
		    "s m" : "s e", s, 60);
	}
}

char *
svg_answered(struct html_report *h, size_t g, int q)
{
	char	*s;

	xasprintf(&s, "%llu %s %llu %s.", (unsigned long long)tally_cell(
	    h->tally, g, q)->answered, html_word(h, HW_OF),
	    (unsigned long long)h->tally->group_responses[g],
	    html_word(h, HW_ANSWERED));
	return s;
}

/* ---- choices ------------------------------------------------------------- */

#define BARS_LW		250	/* label column */
#define BARS_NW		110	/* numbers after the longest bar */

void
svg_bars(struct html_report *h, int q)
{
	const struct question		*qq = &h->form->questions[q];
	const struct choice_list	*l = form_question_list(h->form, qq);
	const struct tally_cell		*c = tally_cell(h->tally, 0, q);
	double				 max = 0, bx = BARS_LW + 8, bw, top = 22;
	double				 y, w;
	char				*more, pct[STATS_NUMBER_MAX], s[128];
	size_t				 i;

	if (l == NULL)
		return;
	bw = HTML_WIDTH - bx - BARS_NW;
	for (i = 0; i < l->nchoices; i++) {
		if (svg_pct(c->count[i], c->answered) > max)
			max = svg_pct(c->count[i], c->answered);
	}
	max = svg_nice(max);
	more = svg_answered(h, 0, q);
	svg_open(h, top + ROW * l->nchoices + 6, form_label(h->form, qq,
	    h->lang), HW_BARS_DESC, more);
	free(more);
	svg_axis(h, bx, bw, max, top, top + ROW * l->nchoices);
	for (i = 0; i < l->nchoices; i++) {
		y = top + ROW * i;
		svg_text(h, BARS_LW, y + 14, "e", chart_choice_label(h->form,
		    l, i, h->lang), BARS_LW - 4);
		w = bw * svg_pct(c->count[i], c->answered) / max;
		svg_rect(h, bx, y + 3, w, ROW - 6, "b");
		stats_percent(c->count[i], c->answered, pct);
		snprintf(s, sizeof s, "%llu (%s%%)",
		    (unsigned long long)c->count[i], *pct ? pct : "0");
		svg_text(h, bx + w + 4, y + 14, "", s, BARS_NW + bw - w);
	}
	svg_close(h);
}

/* ---- groups side by side ------------------------------------------------- */


void
svg_groups_head(struct html_report *h, size_t from, size_t to, double cw)
{
	char	 s[64];
	size_t	 k;
	double	 x;

	for (k = from; k < to; k++) {
		x = GROUPS_LW + 8 + cw * (k - from);
		svg_text(h, x, 14, "", html_group_label(h, h->shown[k]),
		    cw - 8);
		snprintf(s, sizeof s, "n = %llu", (unsigned long long)
		    h->tally->group_responses[h->shown[k]]);
		svg_text(h, x, 28, "s", s, cw - 8);
	}
}

void
svg_groups(struct html_report *h, int q, size_t rows, enum html_word desc,
    void (*fn)(struct html_report *, int, size_t, size_t, double, void *),
    void *arg)
{
	const struct question	*qq = &h->form->questions[q];
	size_t			 from, to, per;
	double			 cw;

	if (h->nshown == 0)
		return;
	per = h->nshown < GROUPS_PER ? h->nshown : GROUPS_PER;
	cw = (HTML_WIDTH - GROUPS_LW - 8) / (double)per;
	for (from = 0; from < h->nshown; from = to) {
		to = from + per < h->nshown ? from + per : h->nshown;
		svg_open(h, GROUPS_TOP + ROW * rows + 6, form_label(h->form,
		    qq, h->lang), desc, NULL);
		svg_groups_head(h, from, to, cw);
		fn(h, q, from, to, cw, arg);
		svg_close(h);
	}
}

static void
svg_bars_block(struct html_report *h, int q, size_t from, size_t to,
    double cw, void *arg)
{
	const struct choice_list	*l;
	const struct tally_cell		*c;
	double				 max = *(double *)arg, x, y, w;
	char				 s[STATS_NUMBER_MAX + 1];
	size_t				 i, k;

	l = form_question_list(h->form, &h->form->questions[q]);
	for (i = 0; i < l->nchoices; i++) {
		y = GROUPS_TOP + ROW * i;
		svg_text(h, GROUPS_LW, y + 14, "e", chart_choice_label(h->form,
		    l, i, h->lang), GROUPS_LW - 4);
		for (k = from; k < to; k++) {
			c = tally_cell(h->tally, h->shown[k], q);
			x = GROUPS_LW + 8 + cw * (k - from);
			w = (cw - 54) * svg_pct(c->count[i], c->answered) /
			    max;
			svg_rect(h, x, y + 3, w, ROW - 6, "b");
			stats_percent(c->count[i], c->answered, s);
			if (*s != '\0')
				strcat(s, "%");
			svg_text(h, x + cw - 10, y + 14, "s e", *s ? s : "-",
			    46);
		}
	}
}

void
svg_bars_groups(struct html_report *h, int q)
{
	const struct choice_list	*l;
	const struct tally_cell		*c;
	double				 max = 0;
	size_t				 i, k;

	l = form_question_list(h->form, &h->form->questions[q]);
	if (l == NULL)
		return;
	for (k = 0; k < h->nshown; k++) {
		c = tally_cell(h->tally, h->shown[k], q);
		for (i = 0; i < l->nchoices; i++) {
			if (svg_pct(c->count[i], c->answered) > max)
				max = svg_pct(c->count[i], c->answered);
		}
	}
	max = svg_nice(max);
	svg_groups(h, q, l->nchoices, HW_BARS_DESC, svg_bars_block, &max);
}
