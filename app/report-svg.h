/* report-svg.h: the drawing helpers the chart files of the HTML report
 * share (report-svg*.c). Lengths in CSS pixels. */
#ifndef CONSULT_REPORT_SVG_H
#define CONSULT_REPORT_SVG_H

#include "app/report-html.h"

#define ROW		20	/* a row of bars */
#define GROUPS_LW	200	/* the label column beside groups */
#define GROUPS_PER	4	/* groups side by side, at most */
#define GROUPS_TOP	40	/* the groups' names and counts above */

/* Open a chart of this height: <figure><svg> with the title and, as its
 * desc, the word desc then more (may be NULL). */
void		 svg_open(struct html_report *, double height,
		     const char *title, enum html_word desc, const char *more);
void		 svg_close(struct html_report *);
/* Text at x, y of classes cls ("s" small, "e" end-anchored, "m"
 * centred, "w" white), cut to width with the whole as its tooltip. */
void		 svg_text(struct html_report *, double x, double y,
		     const char *cls, const char *s, double width);
/* A rectangle of class cls; nothing when empty. */
void		 svg_rect(struct html_report *, double x, double y, double w,
		     double ht, const char *cls);
void		 svg_line(struct html_report *, double x1, double y1,
		     double x2, double y2, const char *cls);
/* The axis maximum for percentages up to max: 10, 20, 30, 40, 50, 60,
 * 80 or 100. */
double		 svg_nice(double max);
/* count / of in percent, 0 when of is 0. */
double		 svg_pct(uint64_t count, uint64_t of);
/* The vertical grid of a percent axis from x over width w, 0 to max,
 * labelled above top, down to bottom. */
void		 svg_axis(struct html_report *, double x, double w,
		     double max, double top, double bottom);
/* "N of M answered." of q in group g, for a chart's desc. Caller
 * frees. */
char		*svg_answered(struct html_report *, size_t g, int q);
/* The names and sizes of the groups [from, to) of h->shown, in columns
 * of width cw right of the label column. */
void		 svg_groups_head(struct html_report *, size_t from, size_t to,
		     double cw);
/* Draw the groups in blocks of GROUPS_PER, each an <svg> of rows rows:
 * its heads, then fn draws the rows of groups [from, to). */
void		 svg_groups(struct html_report *, int q, size_t rows,
		     enum html_word desc, void (*fn)(struct html_report *, int,
		     size_t, size_t, double, void *), void *arg);
/* report-svg-numbers.c: "YYYY-MM-DD" of a count of days since
 * 1970-01-01. */
void		 svg_date_text(double days, char buf[STATS_NUMBER_MAX]);

#endif
