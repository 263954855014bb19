/* exports/lib.h: aggregation of responses and the CSV writers of
 * `consult export`. Consumes answers one response at a time; never
 * prints to the user, never exits, knows nothing of the vault. */
#ifndef CONSULT_EXPORTS_LIB_H
#define CONSULT_EXPORTS_LIB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/lib.h"
#include "forms/lib.h"

/* ---- csv.c: RFC 4180 rows through libcsv ------------------------------ */

/* Every field is quoted by libcsv's csv_fwrite (embedded quotes doubled,
 * bytes passed through unchanged); fields are separated by ',' and rows
 * end with CRLF as RFC 4180 says. */
struct export_csv {
	FILE		*f;
	int		 error;		/* errno of the first failure, or 0 */
	size_t		 fields;	/* fields written on this row */
	struct buf	 scratch;
};

void		 export_csv_init(struct export_csv *, FILE *);
/* Wipe the scratch buffer; does not close the file. */
void		 export_csv_clear(struct export_csv *);
/* Write one field; NULL is written as an empty field. A field that a
 * spreadsheet would run as a formula gets a leading "'". */
void		 export_csv_field(struct export_csv *, const char *);
void		 export_csv_field_u64(struct export_csv *, uint64_t);
/* End the row. */
void		 export_csv_end(struct export_csv *);
/* Flush; returns 0, or -1 with *cause "write error: ..." (caller frees)
 * when any write failed. */
int		 export_csv_status(struct export_csv *, char **cause);
/* 1 if s begins with '=', '+', '-', '@', tab or CR and is not a plain
 * number (such as "-5" or "+3.2"). */
int		 export_csv_is_formula(const char *s);
/* 1 if s is a plain decimal number: [+-]digits[.digits][e[+-]digits]. */
int		 export_csv_is_number(const char *s);

/* ---- stats.c: exact statistics ---------------------------------------- */

/* Room for any number this module formats, with its NUL. */
#define STATS_NUMBER_MAX 64

/* A number read from an answer: exactly mant / 10^scale when exact is
 * set; approx always holds it as a long double. */
struct stats_value {
	int64_t		 mant;
	int		 scale;		/* 0..18 */
	int		 exact;
	long double	 approx;
};

/* Read a plain decimal number (see export_csv_is_number). Returns 0, or
 * -1 when s is not one or is not finite as a long double. */
int		 stats_parse(const char *s, struct stats_value *);
/* -1, 0 or 1 as a is below, equal to or above b. */
int		 stats_compare(const struct stats_value *,
		     const struct stats_value *);
/* Write v without loss when exact ("2.5", "-3", "0.125"). */
void		 stats_format_value(const struct stats_value *,
		     char buf[STATS_NUMBER_MAX]);
/* Write num / den rounded half away from zero to decimals (0..6)
 * places with a '.' point, whatever the locale. den > 0. Returns -1
 * (buf "") when num * 10^decimals overflows. */
int		 stats_format_ratio(__int128 num, __int128 den, int decimals,
		     char buf[STATS_NUMBER_MAX]);
/* The same for a long double, when exact arithmetic is out of reach. */
void		 stats_format_approx(long double, int decimals,
		     char buf[STATS_NUMBER_MAX]);
/* 100 * count / answered with one decimal; "" when answered is 0. */
void		 stats_percent(uint64_t count, uint64_t answered,
		     char buf[STATS_NUMBER_MAX]);

/* The distribution of a numeric question: one entry per distinct value,
 * so its memory grows with the distinct values, not the responses. */
struct stats_hist_entry {
	struct stats_value value;
	uint64_t	 count;
};
struct stats_hist {
	struct stats_hist_entry *entries;
	size_t		 n;
	size_t		 size;
	uint32_t	*slots;		/* hash: entry index + 1, 0 free */
	size_t		 nslots;
	uint64_t	 total;		/* sum of counts */
};

void		 stats_hist_init(struct stats_hist *);
void		 stats_hist_clear(struct stats_hist *);
/* Count a value count times. */
void		 stats_hist_add(struct stats_hist *, const struct stats_value *,
		     uint64_t count);

/* Mean and median (2 decimals, median of an even count the mean of the
 * two middle values), min and max (exact): "" when there are none. */
struct stats_numbers {
	char		 mean[STATS_NUMBER_MAX];
	char		 median[STATS_NUMBER_MAX];
	char		 min[STATS_NUMBER_MAX];
	char		 max[STATS_NUMBER_MAX];
};
/* Compute the numbers; sorts the histogram's entries. */
void		 stats_hist_numbers(struct stats_hist *,
		     struct stats_numbers *);
/* The k-th quartile (k 0..4: min, Q1, median, Q3, max) of a histogram
 * sorted by stats_hist_numbers, with 2 decimals: the value at position
 * k * (n - 1) / 4 of the sorted values, linearly between the two
 * around it (k 2 is the median); "" when empty. */
void		 stats_hist_quartile(const struct stats_hist *, int k,
		     char buf[STATS_NUMBER_MAX]);

/* standing[i] = 1 + number of j with borda[j] > borda[i]. */
void		 stats_standing(const uint64_t *borda, size_t m,
		     uint64_t *standing);
/* Schulze method. pref[a * m + b] is the number of respondents who put
 * a above b. Fills strength[m * m] with the strength of the strongest
 * path from a to b (0 on the diagonal) and order[m] with the options
 * best first: a goes before b when strength[a][b] > strength[b][a];
 * options that neither beats keep their index (form) order. */
void		 stats_schulze(const uint64_t *pref, size_t m,
		     uint64_t *strength, size_t *order);

/* ---- tally.c: counts per group, question and choice ------------------- */

/* One question in one group. Arrays are [nchoices] of its list. */
struct tally_cell {
	uint64_t	 answered;	/* non-empty answers */
	uint64_t	*count;		/* choices: chose / ranked it */
	uint64_t	*first;		/* rank: put it first */
	uint64_t	*position_sum;	/* rank: sum of 1-based positions */
	uint64_t	*pref;		/* rank, with TALLY_PAIRWISE:
					   [a * m + b] put a above b */
	struct stats_hist hist;		/* integer, decimal */
	char		 date_min[17];	/* date, time, datetime: "" when
					 * none */
	char		 date_max[17];
};

/* 1 for the types whose answers are summed up from the first to the
 * last: date, time, datetime. */
static inline int
tally_dated(enum question_type t)
{
	return t == QUESTION_DATE || t == QUESTION_TIME ||
	    t == QUESTION_DATETIME;
}

/* Compute pairwise preference matrices for rank questions. */
#define TALLY_PAIRWISE 0x1

struct tally_question;

struct tally {
	const struct form *form;	/* borrowed */
	int		 by;		/* grouping question, or -1 */
	int		 flags;
	size_t		 ngroups;	/* by's choices + 1 "(none)", or 1 */
	uint64_t	*group_responses; /* [ngroups] */
	uint64_t	 responses;
	int		*scale;		/* [nquestions]: numeric select_one */
	struct tally_cell *cells;	/* [ngroups * nquestions] */
	uint32_t	*scratch;	/* [longest list + 1] */

	/* What tally_add walks, made once from the form: the questions
	 * that store an answer, with their lists. */
	struct tally_question *questions;
	size_t		 nstored;
	uint32_t	*order;		/* [longest list + 1]: a rank's */
	uint32_t	 stamp;		/* marks scratch[] seen, per answer */
	int		 repeats;	/* some questions are in repeats:
					 * counted once per instance */
};

/* Counts for form, grouped by the select_one question by (or -1).
 * Returns NULL with *cause (caller frees) when by is not a select_one.
 * Caller frees with tally_free. */
struct tally	*tally_create(const struct form *, int by, int flags,
		     char **cause);
void		 tally_free(struct tally *);
/* Count one response of this form. */
void		 tally_add(struct tally *, const struct answers *);
/* The cell of question q in group g. Borrowed. */
struct tally_cell *tally_cell(const struct tally *, size_t g, int q);
/* The group's name: by's choice name, "(none)", or "" without by. */
const char	*tally_group_name(const struct tally *, size_t g);
/* 1 if group g is written: every choice of by; "(none)" only when some
 * response left by empty. */
int		 tally_group_shown(const struct tally *, size_t g);
/* Mean, median, min, max of q in group g: integer, decimal and numeric
 * select_one (from the choice counts); date gives min and max. */
void		 tally_numbers(const struct tally *, size_t g, int q,
		     struct stats_numbers *);
/* Borda score of each choice of rank question q in group g: sum over
 * responses of (m - position + 1), unranked 0. borda is [nchoices]. */
void		 tally_borda(const struct tally *, size_t g, int q,
		     uint64_t *borda);

/* ---- chart.c: what the report's charts draw ---------------------------- */

/* A number question's distribution: each value, up to this many; else
 * this many bins of equal width over the range. */
#define CHART_VALUES_MAX	12
#define CHART_BINS		10
#define CHART_BINS_MAX		12

/* One bar of a distribution: the values from lo to hi (the same text
 * for a single value), as text and as numbers. */
struct chart_bin {
	char		 lo[STATS_NUMBER_MAX];
	char		 hi[STATS_NUMBER_MAX];
	long double	 from;
	long double	 to;
	uint64_t	 count;
};

/* The bars of a histogram sorted by stats_hist_numbers (tally_numbers
 * sorts it): each value when there are at most CHART_VALUES_MAX, else
 * CHART_BINS bins of the range (whole edges for integer questions), the
 * empty bins at the top dropped. Returns how many (0 when empty). */
size_t		 chart_bins(const struct stats_hist *, int integer,
		     struct chart_bin bins[CHART_BINS_MAX]);
/* The choices of a ranking by Borda score, highest first, ties in form
 * order: m indices. Caller frees. */
size_t		*chart_rank_order(const uint64_t *borda, size_t m);
/* A choice's label in lang, else its name. Borrowed from the form. */
const char	*chart_choice_label(const struct form *,
		     const struct choice_list *, size_t i, size_t lang);

/* ---- export.c: the formats of `consult export` ------------------------ */

enum export_format {
	EXPORT_SUMMARY,
	EXPORT_RESPONSES,
	EXPORT_TEXT,
	EXPORT_CODEBOOK,
	EXPORT_PAIRWISE,
};

/* The format with this name ("summary", ...), or -1. */
int		 export_format_find(const char *);
/* The name of a format. */
const char	*export_format_name(enum export_format);

struct exporter;

/* An exporter writing format to out (borrowed, not closed) with labels
 * in lang, grouped by question by (summary only; -1 for none). Returns
 * NULL with *cause (caller frees) for a bad lang or by. Free with
 * export_free. */
struct exporter	*export_create(enum export_format, const struct form *,
		     size_t lang, int by, FILE *out, char **cause);
/* Feed one response: its id, its submission day ("YYYY-MM-DD"; longer
 * timestamps are cut to the day) and its answers. responses and text
 * write their rows now. Returns 0, or -1 with *cause (caller frees) on a
 * write error or answers of another form. */
int		 export_add(struct exporter *, const char *id, const char *day,
		     const struct answers *, char **cause);
/* The responses format gets an invitation column (after response_id):
 * call before the first export_add; label is the next row's cell (NULL:
 * empty). */
void		 export_invitation(struct exporter *, const char *label);
/* Write what is left (summary, codebook, pairwise write everything here)
 * and flush. Returns 0, or -1 with *cause (caller frees). */
int		 export_finish(struct exporter *, char **cause);
/* responses: write the rows of repeat r (a begin_repeat) instead of
 * the responses, before the first export_add. */
void		 export_set_repeat(struct exporter *, int r);
/* The counts behind summary and pairwise (NULL for other formats), for
 * report. Borrowed while the exporter lives. */
const struct tally *export_tally(const struct exporter *);
void		 export_free(struct exporter *);

/* ---- summary.c: the rows of the summary format ------------------------ */

enum export_summary_column {
	EXPORT_SUMMARY_GROUP,
	EXPORT_SUMMARY_QUESTION,
	EXPORT_SUMMARY_LABEL,
	EXPORT_SUMMARY_TYPE,
	EXPORT_SUMMARY_OPTION,
	EXPORT_SUMMARY_OPTION_LABEL,
	EXPORT_SUMMARY_ANSWERED,
	EXPORT_SUMMARY_COUNT,
	EXPORT_SUMMARY_PERCENT,
	EXPORT_SUMMARY_MEAN,
	EXPORT_SUMMARY_MEDIAN,
	EXPORT_SUMMARY_MIN,
	EXPORT_SUMMARY_MAX,
	EXPORT_SUMMARY_MEAN_RANK,
	EXPORT_SUMMARY_FIRST,
	EXPORT_SUMMARY_BORDA,
	EXPORT_SUMMARY_STANDING,
	EXPORT_SUMMARY_COLUMNS
};

/* The column names of the summary's header row. */
extern const char *const export_summary_header[EXPORT_SUMMARY_COLUMNS];

/* One row of the summary as text: cell[i] NULL or "" when empty. */
struct export_summary_row {
	const char	*cell[EXPORT_SUMMARY_COLUMNS];
	char		 answered[24];
	char		 count[24];
	char		 first[24];
	char		 borda[24];
	char		 standing[24];
	char		 percent[STATS_NUMBER_MAX];
	char		 mean_rank[STATS_NUMBER_MAX];
};

/* Call fn with each summary row of question q (one that stores an
 * answer) in group g, exactly as the summary format writes them: the
 * question's row (option empty), then one per choice. The row is
 * borrowed for the call. */
void		 export_summary_rows(const struct tally *, size_t g, int q,
		     size_t lang,
		     void (*fn)(const struct export_summary_row *, void *),
		     void *arg);

/* The writers behind the formats; each writes its header row first. */
void		 export_summary_write(const struct tally *, size_t lang,
		     struct export_csv *);
void		 export_pairwise_write(const struct tally *,
		     struct export_csv *);
void		 export_codebook_write(const struct form *, size_t lang,
		     struct export_csv *);
void		 export_responses_header(const struct form *, int invitations,
		     struct export_csv *);
void		 export_responses_row(const struct form *, const char *id,
		     const char *invitation,
		     const char *day, const struct answers *,
		     struct export_csv *);
/* The columns of the questions in [lo, hi) outside the repeats among
 * them, and NAME/count for each of those: the header cells, then the
 * values of one response or instance (get: an answer, count: a nested
 * repeat's instances). */
void		 export_responses_columns(const struct form *, int lo, int hi,
		     struct export_csv *);
void		 export_responses_values(const struct form *, int lo, int hi,
		     const char *(*get)(const void *, int),
		     size_t (*count)(const void *, int), const void *arg,
		     struct export_csv *);
/* repeats.c: one row per instance of repeat r. */
void		 export_repeat_header(const struct form *, int r,
		     struct export_csv *);
void		 export_repeat_rows(const struct form *, int r, const char *id,
		     const struct answers *, struct export_csv *);
void		 export_text_header(struct export_csv *);
void		 export_text_rows(const struct form *, size_t lang,
		     const char *id, const struct answers *,
		     struct export_csv *);

#endif
