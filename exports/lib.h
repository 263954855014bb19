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

#endif
