/* expr-date.c: ODK's date and time functions (the ODK XForms spec and
 * JavaRosa): date(), date-time(), decimal-date-time(), format-date(),
 * format-date-time(), now(), once() and SurveyCTO's duration(). Dates
 * are "YYYY-MM-DD" and date-times "YYYY-MM-DDTHH:MM:SS.mmm+HH:MM" as
 * ODK stores them; as numbers, days since 1970-01-01 (a date-time's
 * fraction is the time of day in UTC). A value that is not a date gives
 * "" (NaN as a number), never an error. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "forms/expr-private.h"

/* A date or date-time as written. */
struct expr_when {
	int	 y, m, d, hh, mm, ss, ms;
	int	 time;		/* has a time of day */
	int	 zone;		/* has an offset (off, in minutes) */
	int	 off;
};

static int
expr_days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

/* Howard Hinnant's days_from_civil and civil_from_days. */
static double
expr_civil_days(int y, int m, int d)
{
	int	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (double)era * 146097 + doe - 719468;
}

static void
expr_civil_from_days(long z, struct expr_when *w)
{
	long	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	w->d = (int)(doy - (153 * mp + 2) / 5 + 1);
	w->m = (int)(mp < 10 ? mp + 3 : mp - 9);
	w->y = (int)(yoe + era * 400 + (w->m <= 2));
}

/* n digits at *s into *v, advancing *s. */
static int
expr_digits(const char **s, int n, int *v)
{
	int	 i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		*v = *v * 10 + (*s)[i] - '0';
	}
	*s += n;
	return 0;
}

/* The time and zone of "HH:MM[:SS[.fff]][Z|+HH:MM|+HHMM|+HH]". */
static int
expr_parse_time(const char *p, const char *end, struct expr_when *w)
{
	int	 h, m = 0, sign, n;

	if (expr_digits(&p, 2, &w->hh) != 0 || *p++ != ':' ||
	    expr_digits(&p, 2, &w->mm) != 0)
		return -1;
	if (p < end && *p == ':') {
		p++;
		if (expr_digits(&p, 2, &w->ss) != 0)
			return -1;
		if (p < end && *p == '.') {
			for (p++, n = 0; p < end && isdigit((unsigned char)*p);
			    p++, n++) {
				if (n < 3)
					w->ms = w->ms * 10 + *p - '0';
			}
			if (n == 0)
				return -1;
			for (; n < 3; n++)
				w->ms *= 10;
		}
	}
	if (w->hh > 23 || w->mm > 59 || w->ss > 59)
		return -1;
	w->time = 1;
	if (p < end && *p == 'Z') {
		w->zone = 1;
		p++;
	} else if (p < end && (*p == '+' || *p == '-')) {
		sign = *p++ == '-' ? -1 : 1;
		if (expr_digits(&p, 2, &h) != 0)
			return -1;
		if (p < end && *p == ':')
			p++;
		if (p < end && expr_digits(&p, 2, &m) != 0)
			return -1;
		if (h > 14 || m > 59)
			return -1;
		w->zone = 1;
		w->off = sign * (h * 60 + m);
	}
	return p == end ? 0 : -1;
}

/* Parse a date or date-time of len bytes (spaces around allowed). */
static int
expr_when_parse(const char *s, size_t len, struct expr_when *w)
{
	const char	*end = s + len, *p;

	memset(w, 0, sizeof *w);
	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	p = s;
	if (end - p < 10 || expr_digits(&p, 4, &w->y) != 0 || *p++ != '-' ||
	    expr_digits(&p, 2, &w->m) != 0 || *p++ != '-' ||
	    expr_digits(&p, 2, &w->d) != 0)
		return -1;
	if (w->m < 1 || w->m > 12 || w->d < 1 ||
	    w->d > expr_days_in_month(w->y, w->m))
		return -1;
	if (p == end)
		return 0;
	if (*p != 'T' && *p != ' ')
		return -1;
	return expr_parse_time(p + 1, end, w);
}

/* The local offset of the zone in minutes at UTC instant t. */
static int
expr_local_offset(time_t t)
{
	struct tm	 tm;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return (int)(tm.tm_gmtoff / 60);
}

/* Days since the epoch: a date is a whole number; a date-time is its
 * UTC instant (local time when it has no offset). */
static double
expr_when_days(const struct expr_when *w)
{
	double	 days, secs;
	int	 off;

	days = expr_civil_days(w->y, w->m, w->d);
	if (!w->time)
		return days;
	secs = days * 86400 + w->hh * 3600 + w->mm * 60 + w->ss;
	off = w->zone ? w->off : expr_local_offset((time_t)secs);
	if (!w->zone)	/* again at the instant the first guess gave */
		off = expr_local_offset((time_t)(secs - off * 60));
	return (secs - off * 60 + w->ms / 1000.0) / 86400;
}

/* The local date-time of an instant in days since the epoch. */
static int
expr_when_from_days(double days, struct expr_when *w)
{
	double	 ms;
	long	 day, rest;
	int	 off;

	if (!isfinite(days) || fabs(days) > 1e8)
		return -1;
	ms = round(days * 86400000.0);
	off = expr_local_offset((time_t)floor(ms / 1000));
	ms += off * 60000.0;
	day = (long)floor(ms / 86400000.0);
	rest = (long)(ms - day * 86400000.0);
	memset(w, 0, sizeof *w);
	expr_civil_from_days(day, w);
	w->hh = (int)(rest / 3600000);
	w->mm = (int)(rest / 60000 % 60);
	w->ss = (int)(rest / 1000 % 60);
	w->ms = (int)(rest % 1000);
	w->time = w->zone = 1;
	w->off = off;
	return 0;
}

int
expr_datetime_number(const char *s, size_t len, double *days)
{
	struct expr_when w;

	if (memchr(s, 'T', len) == NULL || expr_when_parse(s, len, &w) != 0)
		return -1;
	*days = expr_when_days(&w);
	return 0;
}

/* Argument i as a date or date-time: a date string, a date-time string
 * (taken to local time, as JavaRosa's Date), or a number of days: a
 * whole one is that day (as JavaRosa adds days to 1970-01-01), one with
 * a fraction an instant, in local time. */
static int
expr_number_when(double d, struct expr_when *w)
{
	if (isfinite(d) && d == floor(d) && fabs(d) <= 1e8) {
		memset(w, 0, sizeof *w);
		expr_civil_from_days((long)d, w);
		return 0;
	}
	return expr_when_from_days(d, w);
}

/* The argument as a date or date-time (expr_number_when for numbers). */
static int
expr_arg_when(const struct expr *e, size_t i, const struct expr_env *env,
    struct expr_when *w)
{
	struct expr_value v;
	char		 buf[EXPR_NUMBER_SIZE];
	const char	*s;
	double		 d;
	int		 r;

	expr_eval_value(e->args[i], env, &v);
	if (v.type == EXPR_TYPE_STRING) {
		s = expr_value_text(&v, buf);
		r = expr_when_parse(s, strlen(s), w);
		if (r == 0 && w->zone)
			r = expr_when_from_days(expr_when_days(w), w);
		else if (r != 0 && !isnan(d = expr_string_number(s)))
			r = expr_number_when(d, w);
	} else if (v.type == EXPR_TYPE_NUMBER)
		r = expr_number_when(v.num, w);
	else
		r = -1;
	expr_value_clear(&v);
	return r;
}

static void
expr_set_date(struct expr_value *out, const struct expr_when *w)
{
	char	*s;

	xasprintf(&s, "%04d-%02d-%02d", w->y, w->m, w->d);
	expr_value_set_string(out, NULL, s);
}

static void
expr_set_datetime(struct expr_value *out, const struct expr_when *w)
{
	char	*s;
	int	 off = w->off;

	xasprintf(&s, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%c%02d:%02d", w->y,
	    w->m, w->d, w->hh, w->mm, w->ss, w->ms, off < 0 ? '-' : '+',
	    abs(off) / 60, abs(off) % 60);
	expr_value_set_string(out, NULL, s);
}

/* date(x): the day of a date, date-time (in local time) or number of
 * days ("" when x is none). A number counts whole days, as ODK's
 * date(17532). */
static void
expr_fn_date(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value v;
	struct expr_when w;
	double		 d;

	expr_eval_value(e->args[0], env, &v);
	d = v.type == EXPR_TYPE_STRING ? NAN : v.num;
	if (v.type == EXPR_TYPE_STRING &&
	    expr_when_parse(v.s, strlen(v.s), &w) == 0) {
		if (w.zone && expr_when_from_days(expr_when_days(&w), &w) != 0)
			w.y = w.m = w.d = 0;
		d = w.m == 0 ? NAN : expr_civil_days(w.y, w.m, w.d);
	} else if (v.type == EXPR_TYPE_STRING)
		d = expr_string_number(v.s);
	expr_value_clear(&v);
	if (!isfinite(d) || fabs(d) > 1e8) {
		expr_value_set_string(out, "", NULL);
		return;
	}
	memset(&w, 0, sizeof w);
	expr_civil_from_days((long)floor(d), &w);
	expr_set_date(out, &w);
}

/* date-time(x): x in local time with its offset (a date is its local
 * midnight). */
static void
expr_fn_date_time(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_when w;

	if (expr_arg_when(e, 0, env, &w) != 0) {
		expr_value_set_string(out, "", NULL);
		return;
	}
	w.time = 1;		/* a date: its local midnight */
	if (expr_when_from_days(expr_when_days(&w), &w) != 0) {
		expr_value_set_string(out, "", NULL);
		return;
	}
	expr_set_datetime(out, &w);
}

static void
expr_fn_decimal_date_time(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_when w;

	if (expr_arg_when(e, 0, env, &w) != 0)
		expr_value_set_number(out, NAN);
	else
		expr_value_set_number(out, expr_when_days(&w));
}

static const char *const expr_months[] = { "Jan", "Feb", "Mar", "Apr",
	"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const expr_wdays[] = { "Sun", "Mon", "Tue", "Wed",
	"Thu", "Fri", "Sat" };

int
expr_date_format_check(const char *fmt, char *bad)
{
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%')
			continue;
		if (fmt[1] == '\0')
			break;		/* a '%' at the end stays */
		if (strchr("YymnbdeHhMS3a", fmt[1]) == NULL) {
			*bad = fmt[1];
			return -1;
		}
		fmt++;
	}
	return 0;
}

/* ODK's format codes: %Y %y %m %n %b %d %e %H %h %M %S %3 %a; any other
 * '%' stays as written. */
static void
expr_date_format(const struct expr_when *w, const char *fmt, struct buf *b)
{
	long	 wday;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%' || fmt[1] == '\0') {
			buf_add_byte(b, (unsigned char)*fmt);
			continue;
		}
		switch (*++fmt) {
		case 'Y': buf_printf(b, "%04d", w->y); break;
		case 'y': buf_printf(b, "%02d", abs(w->y) % 100); break;
		case 'm': buf_printf(b, "%02d", w->m); break;
		case 'n': buf_printf(b, "%d", w->m); break;
		case 'b': buf_add_str(b, expr_months[w->m - 1]); break;
		case 'd': buf_printf(b, "%02d", w->d); break;
		case 'e': buf_printf(b, "%d", w->d); break;
		case 'H': buf_printf(b, "%02d", w->hh); break;
		case 'h': buf_printf(b, "%d", w->hh); break;
		case 'M': buf_printf(b, "%02d", w->mm); break;
		case 'S': buf_printf(b, "%02d", w->ss); break;
		case '3': buf_printf(b, "%03d", w->ms); break;
		case 'a':
			wday = ((long)expr_civil_days(w->y, w->m, w->d) % 7 + 11)
			    % 7;	/* 1970-01-01 was a Thursday */
			buf_add_str(b, expr_wdays[wday]);
			break;
		default:
			buf_add_byte(b, '%');
			buf_add_byte(b, (unsigned char)*fmt);
			break;
		}
	}
}

/* format-date(d, fmt) and format-date-time(d, fmt): "" when d is not a
 * date. */
static void
expr_fn_format_date(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value f;
	struct expr_when w;
	struct buf	 b;
	char		 buf[EXPR_NUMBER_SIZE];

	if (expr_arg_when(e, 0, env, &w) != 0) {
		expr_value_set_string(out, "", NULL);
		return;
	}
	buf_init(&b);
	expr_date_format(&w, expr_arg_text(e, 1, env, &f, buf), &b);
	expr_value_clear(&f);
	expr_value_set_string(out, NULL, xstrdup(buf_str(&b)));
	buf_clear(&b);
}

/* now(): the clock, or the answers' day at midnight when the day was
 * given (the simulator, tests): the same inputs, the same answers. */
static void
expr_fn_now(__attribute__((unused)) const struct expr *e,
    const struct expr_env *env, struct expr_value *out)
{
	struct timespec	 ts;
	struct expr_when w;

	if (env->fixed_clock && env->today != NULL &&
	    expr_when_parse(env->today, strlen(env->today), &w) == 0) {
		w.time = 1;
		expr_when_from_days(expr_when_days(&w), &w);
	} else if (clock_gettime(CLOCK_REALTIME, &ts) != 0 ||
	    expr_when_from_days((ts.tv_sec + ts.tv_nsec / 1e9) / 86400,
	    &w) != 0) {
		expr_value_set_string(out, "", NULL);
		return;
	}
	expr_set_datetime(out, &w);
}

/* once(x): the question's value when it has one, else x (evaluated
 * once, then kept: ODK's once()). */
static void
expr_fn_once(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	if (env->self != NULL && *env->self != '\0')
		expr_value_set_string(out, env->self, NULL);
	else
		expr_eval_value(e->args[0], env, out);
}

/* duration(): whole seconds since the start row's time (SurveyCTO);
 * "" when the form has no start row. */
static void
expr_fn_duration(__attribute__((unused)) const struct expr *e,
    const struct expr_env *env, struct expr_value *out)
{
	struct expr_value now;
	struct expr_when w;
	const char	*start = NULL;
	size_t		 i;
	double		 d;

	for (i = 0; env->form != NULL && i < env->form->nquestions; i++) {
		if (env->form->questions[i].special == QUESTION_START &&
		    env->answer != NULL) {
			start = env->answer(env->ctx, (int)i);
			break;
		}
	}
	if (start == NULL || expr_when_parse(start, strlen(start), &w) != 0) {
		expr_value_set_string(out, "", NULL);
		return;
	}
	d = expr_when_days(&w);
	expr_fn_now(e, env, &now);
	if (expr_when_parse(now.s, strlen(now.s), &w) != 0)
		expr_value_set_string(out, "", NULL);
	else
		expr_value_set_number(out, fmax(0, round((expr_when_days(&w) -
		    d) * 86400)));
	expr_value_clear(&now);
}

/* Sorted by name. */
const struct expr_func expr_date_funcs[] = {
	{ "date", 1, 1, expr_fn_date },
	{ "date-time", 1, 1, expr_fn_date_time },
	{ "decimal-date-time", 1, 1, expr_fn_decimal_date_time },
	{ "duration", 0, 0, expr_fn_duration },
	{ "format-date", 2, 2, expr_fn_format_date },
	{ "format-date-time", 2, 2, expr_fn_format_date },
	{ "now", 0, 0, expr_fn_now },
	{ "once", 1, 1, expr_fn_once },
	{ NULL, 0, 0, NULL },
};
