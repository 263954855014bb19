/* normalise-time.c: the normal form of the types normalise.c leaves to
 * it, as its top comment describes them:
 * - time: "H:MM" or "HH:MM", a 24-hour clock, seconds ("HH:MM:SS",
 *   "HH:MM:SS.sss") and a zone ("+01:00", "Z") allowed and dropped, as
 *   ODK writes a default; stored "HH:MM".
 * - datetime: a date, a space or "T", a time as above; stored
 *   "YYYY-MM-DDTHH:MM" (the time as typed: no zone).
 * - date asking only some parts (appearance "month-year": "YYYY-MM",
 *   "year": "YYYY"; a whole date is accepted too): stored as ODK does,
 *   the missing parts 01 ("2025-03-01", "2025-01-01").
 * - range: an integer or decimal as normalise.c reads it, between start
 *   and end (in either order) and a whole number of steps from start. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "forms/form-private.h"
#include "forms/expr-private.h"

static int
answers_digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return 1;
}

/* Parse a time at s into hh, mm; returns 1 if s holds only a time (the
 * seconds and zone ODK may add allowed). */
static int
answers_time_parse(const char *s, int *hh, int *mm)
{
	size_t	 h = strspn(s, "0123456789");

	if (h < 1 || h > 2 || s[h] != ':' || !answers_digits(s + h + 1, 2))
		return 0;
	*hh = atoi(s);
	*mm = (s[h + 1] - '0') * 10 + (s[h + 2] - '0');
	if (*hh > 23 || *mm > 59)
		return 0;
	s += h + 3;
	if (*s == ':') {
		if (!answers_digits(s + 1, 2) || (s[1] - '0') * 10 +
		    (s[2] - '0') > 59)
			return 0;
		s += 3;
		if (*s == '.' && answers_digits(s + 1, 1))
			for (s++; *s >= '0' && *s <= '9'; s++)
				/* nothing */;
	}
	if (*s == 'Z' && s[1] == '\0')
		return 1;
	if (*s == '+' || *s == '-')
		return answers_digits(s + 1, 2) && s[3] == ':' &&
		    answers_digits(s + 4, 2) && s[6] == '\0';
	return *s == '\0';
}

enum answer_problem
answers_time(const char *s, char **norm)
{
	int	 hh, mm;

	if (!answers_time_parse(s, &hh, &mm))
		return ANSWER_NOT_TIME;
	xasprintf(norm, "%02d:%02d", hh, mm);
	return ANSWER_OK;
}

enum answer_problem
answers_datetime(const char *s, char **norm)
{
	int	 hh, mm;

	if (strlen(s) < 16 || !answers_date_valid(s) || (s[10] != ' ' &&
	    s[10] != 'T') || !answers_time_parse(s + 11 + strspn(s + 11, " "),
	    &hh, &mm))
		return ANSWER_NOT_DATETIME;
	xasprintf(norm, "%.10sT%02d:%02d", s, hh, mm);
	return ANSWER_OK;
}

enum answer_problem
answers_date_parts(const char *s, int parts, char **norm)
{
	size_t			 n = strlen(s);
	char			 d[11];
	enum answer_problem	 bad;

	bad = parts == 1 ? ANSWER_NOT_YEAR : ANSWER_NOT_MONTH;
	if (n == 10)
		memcpy(d, s, 11);
	else if (n == 7 && parts == 2)
		snprintf(d, sizeof d, "%.7s-01", s);
	else if (n == 4 && parts == 1)
		snprintf(d, sizeof d, "%.4s-01-01", s);
	else
		return bad;
	if (!answers_date_valid(d))
		return bad;
	if (parts <= 2)
		memcpy(d + 8, "01", 2);
	if (parts == 1)
		memcpy(d + 5, "01", 2);
	*norm = xstrdup(d);
	return ANSWER_OK;
}

int
answers_time_normal(enum question_type type, int parts, const char *s,
    size_t n)
{
	int	 hh, mm;

	switch (type) {
	case QUESTION_TIME:
		return n == 5 && s[2] == ':' && answers_time_parse(s, &hh, &mm);
	case QUESTION_DATETIME:
		return n == 16 && s[10] == 'T' && answers_date_valid(s) &&
		    s[13] == ':' && answers_time_parse(s + 11, &hh, &mm);
	case QUESTION_DATE:
		return n == 10 && answers_date_valid(s) && (parts > 2 ||
		    (s[8] == '0' && s[9] == '1' && (parts > 1 ||
		    (s[5] == '0' && s[6] == '1'))));
	default:
		return 0;
	}
}

/* Whether v is in q's range: between the ends, a whole number of steps
 * from start (to a millionth of a step, for decimals). */
int
answers_in_range(const struct question *q, const char *v)
{
	double	 x, a, b, step, k;

	if (q->range_start == NULL)
		return 1;
	x = expr_parse_number(v, strlen(v));	/* whatever LC_NUMERIC */
	a = expr_parse_number(q->range_start, strlen(q->range_start));
	b = expr_parse_number(q->range_end, strlen(q->range_end));
	step = fabs(expr_parse_number(q->range_step, strlen(q->range_step)));
	if (x < fmin(a, b) || x > fmax(a, b) || step == 0)
		return 0;
	k = fabs(x - a) / step;
	return fabs(k - round(k)) < 1e-6;
}

int
answers_in_range_n(const struct question *q, const char *s, size_t n)
{
	char	 v[ANSWERS_DECIMAL_MAX + 24];

	if (n >= sizeof v)
		return 0;
	memcpy(v, s, n);
	v[n] = '\0';
	return answers_in_range(q, v);
}

/* ---- the values of a range, for the front ends and the simulator ------ */

/* Digits after the point of a number in normal form. */
static int
range_decimals(const char *s)
{
	const char	*dot = strchr(s, '.');

	return dot == NULL ? 0 : (int)strlen(dot + 1);
}

/* s (normal form) times 10^d as an integer (d at least its decimals). */
static long long
range_scaled(const char *s, int d)
{
	long long	 v = 0;
	int		 neg = *s == '-', k = -1;

	for (s += neg; *s != '\0'; s++) {
		if (*s == '.') {
			k = 0;
			continue;
		}
		v = v * 10 + (*s - '0');
		if (k >= 0)
			k++;
	}
	for (k = k < 0 ? 0 : k; k < d; k++)
		v *= 10;
	return neg ? -v : v;
}

size_t
form_range_count(const struct question *q)
{
	long long	 a, b, st;
	int		 d;

	if (q->range_start == NULL)
		return 0;
	d = range_decimals(q->range_start);
	if (range_decimals(q->range_step) > d)
		d = range_decimals(q->range_step);
	if (range_decimals(q->range_end) > d)
		d = range_decimals(q->range_end);
	a = range_scaled(q->range_start, d);
	b = range_scaled(q->range_end, d);
	st = llabs(range_scaled(q->range_step, d));
	return st == 0 ? 0 : (size_t)(llabs(b - a) / st) + 1;
}

void
form_range_value(const struct question *q, size_t i, char *buf, size_t len)
{
	long long	 a, b, st, v, p = 1;
	int		 d, k;

	d = range_decimals(q->range_start);
	if (range_decimals(q->range_step) > d)
		d = range_decimals(q->range_step);
	if (range_decimals(q->range_end) > d)
		d = range_decimals(q->range_end);
	a = range_scaled(q->range_start, d);
	b = range_scaled(q->range_end, d);
	st = llabs(range_scaled(q->range_step, d));
	v = a + (b >= a ? 1 : -1) * (long long)i * st;
	for (k = 0; k < d; k++)
		p *= 10;
	k = snprintf(buf, len, "%s%lld", v < 0 ? "-" : "", llabs(v) / p);
	if (d > 0 && d <= 18 && llabs(v) % p != 0 && k > 0 &&
	    (size_t)k + (size_t)d + 1 < len) {
		buf[k++] = '.';
		for (p /= 10; p > 0; p /= 10)
			buf[k++] = (char)('0' + llabs(v) / p % 10);
		while (buf[k - 1] == '0')
			k--;
		buf[k] = '\0';
	}
}
