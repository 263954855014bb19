/* report.h: the summary of `consult report` as terminal charts: bars by
 * display width, Unicode blocks or ASCII, at most 80 columns. */
#ifndef CONSULT_REPORT_H
#define CONSULT_REPORT_H

#include <stdint.h>

#include "exports/lib.h"

struct report {
	const struct tally *tally;	/* borrowed */
	const struct form *form;
	size_t		 lang;
	int		 ascii;		/* no UTF-8: '#' bars, '?' for others */
	size_t		 width;		/* columns, at most 80 */
	struct buf	 out;
	size_t		 lines;
	size_t		 col;		/* display width of the current line */
};

/* Draw the charts of every question of the tally (made with
 * TALLY_PAIRWISE) into r->out; title describes the data. */
void		 report_draw(struct report *, const struct tally *,
		     size_t lang, int ascii, const char *title);
void		 report_clear(struct report *);

/* report-text.c: lines of text that fit by display width. */
/* Append s, with control characters as spaces and (ascii) other than
 * ASCII characters as '?', cut to width columns ("…" or "~" marks the
 * cut) and padded with spaces to width; right aligns. */
void		 report_cell(struct report *, const char *s, size_t width,
		     int right);
/* Append s as words wrapped at r->width, each line after the first
 * starting with indent spaces. */
void		 report_wrap(struct report *, const char *s, size_t indent);
/* Append spaces. */
void		 report_pad(struct report *, size_t n);
/* Append a bar of eighths / 8 cells in a field of width cells. */
void		 report_bar(struct report *, uint64_t eighths, size_t width);
/* End the line (dropping trailing spaces). */
void		 report_nl(struct report *);
/* Display width of s as report_cell draws it. */
size_t		 report_width(const struct report *, const char *s);

#endif
