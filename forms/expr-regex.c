/* expr-regex.c: the patterns regex() accepts, and their compilation.
 *
 * glibc's regcomp expands counted repetitions by copying the repeated
 * part: "(a{255}){255}{255}" asks for 16 million copies and takes every
 * byte of memory (found by fuzz-expr), and regexec's cost grows with the
 * number of positions of the expanded pattern times the answer's length.
 * Back-references (\1 to \9, a GNU extension: XForms' XML Schema regular
 * expressions have none) make regexec exponential: "(.*)(.*)(.*)(.*)
 * \4\3\2\1x" takes 18 s on 80 characters. A form's pattern, or one an
 * expression computes from answers, is refused before regcomp when it
 * has a back-reference or expands to more than EXPR_REGEX_MAX_ITEMS
 * positions; then regcomp costs at most a few megabytes and regexec about
 * a second on a 64 KB answer. */
#include <stdlib.h>
#include <string.h>

#include "forms/expr-private.h"

/* The scan of a pattern: counts saturate at EXPR_REGEX_MAX_ITEMS + 1. */
struct regex_scan {
	const char	*p;
	const char	*end;
	int		 depth;
	int		 backref;
};

#define REGEX_OVER	((size_t)EXPR_REGEX_MAX_ITEMS + 1)

static size_t
regex_add(size_t a, size_t b)
{
	return a >= REGEX_OVER || b >= REGEX_OVER - a ? REGEX_OVER : a + b;
}

static size_t
regex_mul(size_t a, size_t b)
{
	return b != 0 && a > REGEX_OVER / b ? REGEX_OVER :
	    a * b > REGEX_OVER ? REGEX_OVER : a * b;
}

/* Pass a bracket expression, s->p at its '['. An unterminated one is
 * left to regcomp to refuse. */
static void
regex_bracket(struct regex_scan *s)
{
	const char	*p = s->p + 1, *close;
	char		 kind[3] = "x]";

	p += p < s->end && *p == '^';
	p += p < s->end && *p == ']';
	while (p < s->end && *p != ']') {
		if (*p == '[' && p + 1 < s->end && strchr(":.=", p[1]) != NULL &&
		    p[1] != '\0') {
			kind[0] = p[1];
			close = memmem(p + 2, (size_t)(s->end - p - 2), kind, 2);
			p = close != NULL ? close + 2 : s->end;
		} else
			p++;
	}
	s->p = p < s->end ? p + 1 : p;
}

/* Read the bound at s->p ('{'): the copies regcomp makes of the atom
 * before it (at least 1), or 0 when it is not a bound (then s->p does
 * not move and the brace is taken as a character). */
static size_t
regex_bound(struct regex_scan *s)
{
	const char	*p = s->p + 1;
	size_t		 min = 0, max = 0;
	int		 has_min = 0, has_max = 0, comma = 0;

	for (; p < s->end && *p >= '0' && *p <= '9'; p++, has_min = 1)
		min = regex_add(regex_mul(min, 10), (size_t)(*p - '0'));
	if (p < s->end && *p == ',') {
		comma = 1;
		for (p++; p < s->end && *p >= '0' && *p <= '9'; p++, has_max = 1)
			max = regex_add(regex_mul(max, 10), (size_t)(*p - '0'));
	}
	if (p >= s->end || *p != '}' || (!has_min && !has_max))
		return 0;
	s->p = p + 1;
	if (!comma)
		return min > 0 ? min : 1;
	if (!has_max)
		return regex_add(min, 1);	/* {m,}: m copies and a star */
	return max > 0 ? max : 1;
}

/* Positions of the alternatives from s->p up to the ')' that closes the
 * group (nested) or the end; a stray ')' at the top is a character. */
static size_t
regex_alternatives(struct regex_scan *s, int nested)
{
	size_t		 total = 0, last = 0, copies;
	const char	*p;

	while (s->p < s->end && total < REGEX_OVER) {
		p = s->p;
		if (*p == ')' && nested)
			break;
		switch (*p) {
		case '|':
			s->p++;
			last = 0;
			continue;
		case '*':
		case '?':
			s->p++;
			continue;
		case '+':	/* "a+" is "aa*" */
			s->p++;
			copies = 2;
			break;
		case '{':
			if ((copies = regex_bound(s)) != 0)
				break;
			/* Not a bound: a brace that is a character. */
			/* FALLTHROUGH */
		default:
			if (*p == '(') {
				if (++s->depth > EXPR_MAX_DEPTH)
					return REGEX_OVER;
				s->p++;
				last = regex_add(regex_alternatives(s, 1), 1);
				s->depth--;
				s->p += s->p < s->end;	/* the ')' */
			} else if (*p == '[') {
				regex_bracket(s);
				last = 1;
			} else if (*p == '\\') {
				if (p + 1 < s->end && p[1] >= '1' && p[1] <= '9')
					s->backref = 1;
				s->p += p + 1 < s->end ? 2 : 1;
				last = 1;
			} else {
				/* One character, all its UTF-8 bytes. */
				for (s->p++; s->p < s->end &&
				    ((unsigned char)*s->p & 0xc0) == 0x80; s->p++)
					/* nothing */;
				last = 1;
			}
			total = regex_add(total, last);
			continue;
		}
		/* The atom before, last positions, now counts copies times. */
		total = regex_add(total - (last < total ? last : total),
		    regex_mul(last, copies));
		last = regex_mul(last, copies);
	}
	return total;
}

int
expr_regex_compile(regex_t *re, const char *pattern, char **cause)
{
	struct regex_scan	 s;
	char			 msg[256];
	int			 error;

	s.p = pattern;
	s.end = pattern + strlen(pattern);
	s.depth = 0;
	s.backref = 0;
	if (regex_alternatives(&s, 0) > EXPR_REGEX_MAX_ITEMS) {
		xasprintf(cause, "its repetitions make more than %d positions "
		    "to match (use string-length() for long limits)",
		    EXPR_REGEX_MAX_ITEMS);
		return -1;
	}
	if (s.backref) {
		*cause = xstrdup("back-references (\\1 to \\9) are not "
		    "supported");
		return -1;
	}
	if ((error = regcomp(re, pattern, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(error, re, msg, sizeof msg);
		*cause = xstrdup(msg);
		return -1;
	}
	return 0;
}
