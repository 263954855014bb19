/* simulate-text.c: the raw material of simulated answers: words in three
 * languages (with now and then the commas, quotes and formula-like starts
 * that exports must survive), strings matching a regular expression, and
 * dates as day numbers. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "forms/simulate-private.h"

#define SIM_REGEX_DEPTH	16	/* nested groups followed */
#define SIM_REGEX_MANY	6	/* repeats of * and + beyond the least */
#define SIM_HOSTILE	64	/* a text starts like a formula 1 in 64 */

static const char *const sim_vocabulary[] = {
	"migration", "rights", "access", "services", "protection", "children",
	"decent", "work", "regular", "pathways", "climate", "dialogue",
	"forum", "civil", "society", "local", "partners", "data", "justice",
	"safe", "families", "health", "education", "housing", "review",
	"droits", "société", "travail", "accès", "santé", "enfants",
	"migrants", "dignité", "protección", "derechos", "migración",
	"niñas", "diáspora", "vivienda", "trabajo", "l'accès", "d'abord",
	"\"urgent\"", "now,", "50%", "(2025)", "yes/no", "Ω", "Ελλάδα",
	"الهجرة",
};

static const char *const sim_hostile[] = {
	"=1+2", "-2+3", "+33", "@SUM(1)", "=HYPERLINK(\"x\")",
};

double
sim_scan_number(const char **pp)
{
	const char	*p = *pp;
	double		 v = 0, scale = 1;

	for (; isdigit((unsigned char)*p); p++)
		v = v * 10 + (*p - '0');
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++) {
			scale /= 10;
			v += (*p - '0') * scale;
		}
	}
	*pp = p;
	return v;
}

/* Howard Hinnant's days_from_civil. */
static long
sim_days_from_civil(int y, int m, int d)
{
	long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
sim_date_days(const char *s, long *days)
{
	static const int mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	 i, y, m, d, leap;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	}
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		return -1;
	*days = sim_days_from_civil(y, m, d);
	return 0;
}

void
sim_civil(long z, int *y, int *m, int *d)
{
	long	 era, doe, yoe, doy, mp, yy;

	if (z < sim_days_from_civil(1, 1, 1))
		z = sim_days_from_civil(1, 1, 1);
	if (z > sim_days_from_civil(9999, 12, 31))
		z = sim_days_from_civil(9999, 12, 31);
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* Code points in s. */
static size_t
sim_chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += (*s & 0xc0) != 0x80;
	return n;
}

void
sim_words(struct prng *r, size_t length, int multiline, struct buf *out)
{
	const char	*w;
	size_t		 start = out->len, chars = 0, end;
	uint32_t	 nv = sizeof sim_vocabulary / sizeof sim_vocabulary[0];
	uint32_t	 nh = sizeof sim_hostile / sizeof sim_hostile[0];

	if (prng_uniform(r, SIM_HOSTILE) == 0) {
		w = sim_hostile[prng_uniform(r, nh)];
		buf_add_str(out, w);
		chars += sim_chars(w);
	}
	while (chars < length) {
		if (chars != 0) {
			if (multiline && prng_uniform(r, 12) == 0)
				buf_add_str(out, ".\n");
			else
				buf_add_byte(out, ' ');
			chars += out->data[out->len - 1] == '\n' ? 2 : 1;
		}
		w = sim_vocabulary[prng_uniform(r, nv)];
		buf_add_str(out, w);
		chars += sim_chars(w);
	}
	/* Cut to length code points, then mend a space at the end. */
	for (end = start, chars = 0; end < out->len; end++) {
		if ((out->data[end] & 0xc0) != 0x80 && chars++ == length)
			break;
	}
	out->len = end;
	if (end > start && (out->data[end - 1] == ' ' ||
	    out->data[end - 1] == '\n'))
		out->data[end - 1] = 'x';
}

/* ---- strings matching a regular expression ---------------------------- */

/* The end of the atom at p: a group, a bracket expression, an escaped
 * character or one (UTF-8) character. NULL when malformed. */
static const char *
sim_atom_end(const char *p, const char *end)
{
	if (*p == '\\')
		return p + 1 < end ? p + 2 : NULL;
	if (*p == '[') {
		p++;
		p += p < end && *p == '^';
		p += p < end && *p == ']';
		while (p < end && *p != ']') {
			if (p[0] == '[' && p + 1 < end && p[1] == ':') {
				p = strstr(p + 2, ":]");
				if (p == NULL || p >= end)
					return NULL;
				p++;
			}
			p++;
		}
		return p < end ? p + 1 : NULL;
	}
	if (*p == '(') {
		for (p++; p < end && *p != ')';) {
			if ((p = sim_atom_end(p, end)) == NULL)
				return NULL;
		}
		return p < end ? p + 1 : NULL;
	}
	p++;
	while (p < end && (*p & 0xc0) == 0x80)
		p++;
	return p;
}

/* Add the characters of one bracket item ("a", "a-z", "[:digit:]") to
 * set; returns the end of the item. */
static const char *
sim_bracket_item(const char *p, const char *end, unsigned char *set)
{
	static const struct {
		const char	*name;
		int		 (*is)(int);
	} classes[] = {
		{ "alpha", isalpha }, { "digit", isdigit },
		{ "alnum", isalnum }, { "upper", isupper },
		{ "lower", islower }, { "space", isspace },
		{ "punct", ispunct }, { "xdigit", isxdigit },
	};
	const char	*close;
	size_t		 i, n;
	int		 c, lo, hi;

	if (p[0] == '[' && p + 1 < end && p[1] == ':') {
		close = strstr(p + 2, ":]");
		n = (size_t)(close - p - 2);
		for (i = 0; i < sizeof classes / sizeof classes[0]; i++) {
			if (strlen(classes[i].name) != n ||
			    strncmp(classes[i].name, p + 2, n) != 0)
				continue;
			for (c = ' '; c <= '~'; c++)
				set[c] |= classes[i].is(c) != 0;
		}
		return close + 2;
	}
	lo = hi = (unsigned char)*p;
	if (p + 2 < end && p[1] == '-' && p[2] != ']') {
		hi = (unsigned char)p[2];
		p += 2;
	}
	for (c = lo; c <= hi && c < 128; c++)
		set[c] = 1;
	return p + 1;
}

/* 1 if c is one of the characters the bracket's set gives. */
static int
sim_bracket_has(const unsigned char *set, int neg, int c)
{
	return set[c] != neg && !(neg && c == ' ');
}

/* One character of the bracket expression p..end ("[...]"), from the
 * printable ASCII ones: mostly a letter or digit, else mostly one of
 * "._-", so that matches look like names and addresses. */
static int
sim_bracket(struct prng *r, const char *p, const char *end, struct buf *out)
{
	unsigned char	 set[128], pick[128];
	size_t		 n = 0, alnum, nice;
	int		 c, neg, pass;

	memset(set, 0, sizeof set);
	p++;
	end--;
	if ((neg = *p == '^'))
		p++;
	if (*p == ']')
		set[(unsigned char)*p++] = 1;
	while (p < end)
		p = sim_bracket_item(p, end, set);
	alnum = nice = 0;
	for (pass = 0; pass < 3; pass++) {
		for (c = ' '; c <= '~'; c++) {
			if (sim_bracket_has(set, neg, c) && (pass == 0 ?
			    isalnum(c) : pass == 1 ? strchr("._-", c) != NULL :
			    !isalnum(c) && strchr("._-", c) == NULL))
				pick[n++] = (unsigned char)c;
		}
		if (pass == 0)
			alnum = n;
		else if (pass == 1)
			nice = n;
	}
	if (n == 0)
		return -1;
	if (alnum != 0 && prng_uniform(r, 16) != 0)
		n = alnum;
	else if (nice != 0 && prng_uniform(r, 4) != 0)
		n = nice;
	buf_add_byte(out, pick[prng_uniform(r, (uint32_t)n)]);
	return 0;
}

static int	sim_regex_alt(struct prng *, const char *, const char *,
		    struct buf *, int);

/* One match of the atom p..end. */
static int
sim_regex_atom(struct prng *r, const char *p, const char *end,
    struct buf *out, int depth)
{
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";

	switch (*p) {
	case '(':
		return sim_regex_alt(r, p + 1, end - 1, out, depth + 1);
	case '[':
		return sim_bracket(r, p, end, out);
	case '.':
		buf_add_byte(out, alnum[prng_uniform(r, sizeof alnum - 1)]);
		return 0;
	case '\\':
		if (p[1] == 'd' || p[1] == 'w')
			buf_add_byte(out, alnum[prng_uniform(r, p[1] == 'd' ?
			    10 : sizeof alnum - 1) + (p[1] == 'd' ? 26 : 0)]);
		else if (p[1] == 's')
			buf_add_byte(out, ' ');
		else if (isalnum((unsigned char)p[1]))
			return -1;
		else
			buf_add_byte(out, (unsigned char)p[1]);
		return 0;
	default:
		buf_add(out, p, (size_t)(end - p));
		return 0;
	}
}

/* How many times the atom before *pp repeats, after its quantifier (if
 * any), which *pp then passes. */
static int
sim_regex_count(struct prng *r, const char **pp, const char *end)
{
	const char	*p = *pp;
	long		 min = 1, max = 1;
	char		*e;

	if (p < end && (*p == '*' || *p == '+' || *p == '?')) {
		min = *p == '+';
		max = *p == '?' ? 1 : min + SIM_REGEX_MANY;
		p++;
	} else if (p < end && *p == '{' && isdigit((unsigned char)p[1])) {
		min = max = strtol(p + 1, &e, 10);
		if (*e == ',' && isdigit((unsigned char)e[1]))
			max = strtol(e + 1, &e, 10);
		else if (*e == ',') {
			max = min + SIM_REGEX_MANY;
			e++;
		}
		if (*e != '}' || min > 255 || max > 255 || max < min)
			return -1;
		p = e + 1;
	}
	*pp = p;
	return (int)(min + prng_uniform(r, (uint32_t)(max - min + 1)));
}

/* A match of the sequence p..end (no top-level "|"). */
static int
sim_regex_seq(struct prng *r, const char *p, const char *end,
    struct buf *out, int depth)
{
	const char	*atom, *atom_end;
	int		 n, i;

	while (p < end) {
		if (*p == '^' || *p == '$') {
			p++;
			continue;
		}
		atom = p;
		if ((atom_end = sim_atom_end(p, end)) == NULL)
			return -1;
		p = atom_end;
		if ((n = sim_regex_count(r, &p, end)) < 0)
			return -1;
		for (i = 0; i < n; i++) {
			if (sim_regex_atom(r, atom, atom_end, out, depth) != 0)
				return -1;
		}
	}
	return 0;
}

/* A match of one alternative of p..end, picked at random. */
static int
sim_regex_alt(struct prng *r, const char *p, const char *end,
    struct buf *out, int depth)
{
	const char	*bars[64], *q;
	size_t		 n = 0, k;

	if (depth > SIM_REGEX_DEPTH)
		return -1;
	for (q = p; q < end; q = sim_atom_end(q, end)) {
		if (q == NULL)
			return -1;
		if (*q == '|' && n < sizeof bars / sizeof bars[0])
			bars[n++] = q;
	}
	k = prng_uniform(r, (uint32_t)n + 1);
	return sim_regex_seq(r, k == 0 ? p : bars[k - 1] + 1,
	    k == n ? end : bars[k], out, depth);
}

int
sim_regex(struct prng *r, const char *pattern, struct buf *out)
{
	return sim_regex_alt(r, pattern, pattern + strlen(pattern), out, 0);
}
