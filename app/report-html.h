/* report-html.h: `consult report --format html`: one self-contained HTML5
 * file with inline SVG charts and the tables of their numbers, drawn
 * from the tally behind the summary export (the same numbers). */
#ifndef CONSULT_REPORT_HTML_H
#define CONSULT_REPORT_HTML_H

#include <stdint.h>

#include "exports/lib.h"

/* Drawing units of a chart: CSS pixels at 100% zoom. */
#define HTML_WIDTH		680	/* fits A4 and Letter with margins */

/* The report's own words, in English, French and Spanish. */
enum html_word {
	HW_RESPONSES,
	HW_RESPONSES_FROM,
	HW_VAULTS,
	HW_GROUPED_BY,
	HW_CONTENTS,
	HW_ANSWERED,
	HW_OF,
	HW_OPTION,
	HW_COUNT,
	HW_PERCENT,
	HW_MEAN_RANK,
	HW_FIRST,
	HW_BORDA,
	HW_STANDING,
	HW_MEAN,
	HW_MEDIAN,
	HW_QUARTILES,
	HW_MIN,
	HW_MAX,
	HW_FROM,
	HW_TO,
	HW_VALUES,
	HW_SCHULZE,
	HW_PAIRWISE,
	HW_PAIRWISE_HOW,
	HW_SUPPRESSED,
	HW_TEXT_HIDDEN,
	HW_TEXT_ANSWERS,
	HW_NO_ANSWERS,
	HW_MADE_BY,
	HW_BARS_DESC,
	HW_SCALE_DESC,
	HW_RANK_DESC,
	HW_HIST_DESC,
	HW_BOX_DESC,
	HW_DATE_DESC,
	HW_OTHER_QUESTIONS,
	HW_NWORDS
};

struct html_report {
	/* What to draw; all borrowed. */
	const struct tally *tally;	/* made with TALLY_PAIRWISE */
	const struct form *form;
	size_t		 lang;
	uint64_t	 min_group;	/* smaller --by groups suppressed */
	int		 text;		/* list the text answers */
	const struct buf *texts;	/* [nquestions]: answers, each
					   NUL-terminated (text only) */
	const char	*first_day;	/* "YYYY-MM-DD", "" when none */
	const char	*last_day;
	char		**vaults;
	size_t		 nvaults;
	const char	*command;	/* the command line, for the footer */

	/* Made while drawing. */
	int		 words;		/* 0 English, 1 French, 2 Spanish */
	size_t		*shown;		/* groups drawn */
	size_t		 nshown;
	size_t		*hidden;	/* groups suppressed */
	size_t		 nhidden;
	unsigned	 ids;		/* for unique id attributes */
	struct buf	 out;
};

/* report-html.c */
/* Write the whole document into h->out (cleared first). */
void		 html_report_draw(struct html_report *);
/* Free what drawing made, h->out included (wiped). */
void		 html_report_clear(struct html_report *);
/* A group's label: by's choice label, or "(none)". Borrowed. */
const char	*html_group_label(const struct html_report *, size_t g);

/* report-html-text.c: escaping, sizes of text, the report's words. */
/* Append s escaped for HTML text and attribute values and for XML:
 * & < > " ' as references; control characters as spaces; invalid
 * UTF-8 and non-characters as U+FFFD. */
void		 html_esc(struct buf *, const char *s);
/* The same, keeping the line breaks of a text answer. */
void		 html_esc_text(struct buf *, const char *s);
/* The same for at most n bytes of s (a cut at a character boundary). */
void		 html_esc_n(struct buf *, const char *s, size_t n);
/* Estimated width of s in a sans-serif font of size px: wide (East
 * Asian) characters count double, combining marks nothing. */
double		 html_text_width(const char *s, double px);
/* Append s escaped, cut with "…" to fit width at size px. Returns 1 if
 * it was cut. */
int		 html_esc_fit(struct buf *, const char *s, double width,
		     double px);
/* The report's word in its language. Static. */
const char	*html_word(const struct html_report *, enum html_word);
/* Which word table suits form language lang: 0, 1 or 2. */
int		 html_words_for(const struct form *, size_t lang);

/* report-html-table.c: the tables beneath the charts. */
/* The table of question q's numbers in group g (the summary's rows). */
void		 html_table(struct html_report *, size_t g, int q);
/* The pairwise preference matrix of rank question q in group g, in
 * the Schulze order, as a table shaded by the share preferring. */
void		 html_pairwise(struct html_report *, size_t g, int q);
/* The Schulze order of rank question q in group g, as a list. */
void		 html_schulze(struct html_report *, size_t g, int q);
/* The text answers of question q, when --text was given. */
void		 html_texts(struct html_report *, int q);

/* report-svg.c: the charts. Each draws one <svg> (or a few, in blocks
 * of groups) with a <title> and a <desc>. */
void		 svg_bars(struct html_report *, int q);
void		 svg_bars_groups(struct html_report *, int q);
void		 svg_scale(struct html_report *, int q);
void		 svg_rank(struct html_report *, int q);
void		 svg_rank_groups(struct html_report *, int q);
void		 svg_numbers(struct html_report *, int q);
void		 svg_dates(struct html_report *, int q);

#endif
