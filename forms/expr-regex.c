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
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "forms/expr-private.h"

/* The most characters a range past ASCII may hold once listed (all of
 * CJK's unified ideographs, "[\u4e00-\u9fa5]", fit). */
#define REGEX_MAX_RANGE	30000

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

/* Patterns are compiled and matched in one locale whatever the
 * program's: C.UTF-8, so that "." and brackets take characters, as ODK's
 * (Java's) regular expressions do, under LANG=C as under LANG=fr_FR.UTF-8.
 * Without it (not installed), the program's locale. */
static locale_t
regex_locale(void)
{
	static locale_t	 l;
	static int	 tried;

	if (!tried) {
		tried = 1;
		if ((l = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0)) ==
		    (locale_t)0)
			l = newlocale(LC_ALL_MASK, "C.utf8", (locale_t)0);
	}
	return l;
}

/* The character at p (before end): its code point and length; a byte
 * that starts no valid character counts as itself. */
static size_t
regex_char(const char *p, const char *end, unsigned long *cp)
{
	const unsigned char	*u = (const unsigned char *)p;
	size_t			 n, i;

	n = u[0] < 0x80 ? 1 : (u[0] & 0xe0) == 0xc0 ? 2 :
	    (u[0] & 0xf0) == 0xe0 ? 3 : (u[0] & 0xf8) == 0xf0 ? 4 : 1;
	if ((size_t)(end - p) < n)
		n = 1;
	*cp = n == 1 ? u[0] : u[0] & (0xff >> (n + 1));
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = u[0];
			return 1;
		}
		*cp = *cp << 6 | (u[i] & 0x3f);
	}
	return n;
}

static void
regex_add_char(struct buf *b, unsigned long c)
{
	if (c < 0x800) {
		buf_add_byte(b, (unsigned char)(0xc0 | c >> 6));
	} else if (c < 0x10000) {
		buf_add_byte(b, (unsigned char)(0xe0 | c >> 12));
		buf_add_byte(b, (unsigned char)(0x80 | (c >> 6 & 0x3f)));
	} else {
		buf_add_byte(b, (unsigned char)(0xf0 | c >> 18));
		buf_add_byte(b, (unsigned char)(0x80 | (c >> 12 & 0x3f)));
		buf_add_byte(b, (unsigned char)(0x80 | (c >> 6 & 0x3f)));
	}
	buf_add_byte(b, (unsigned char)(0x80 | (c & 0x3f)));
}

/* An escape inside brackets as ODK (Java, XML Schema) reads it: \d
 * \w \s as their classes, any other character for itself ("\-", "\]",
 * "\." in "[\w\-\.]"); POSIX alone would take the backslash as a
 * character and "\w-\." as a range. */
static void
regex_bracket_escape(char c, struct buf *out)
{
	switch (c) {
	case 'd':
		buf_add_str(out, "0-9");
		break;
	case 'w':
		buf_add_str(out, "[:alnum:]_");
		break;
	case 's':
		buf_add_str(out, "[:space:]");
		break;
	case '-':
	case ']':
	case '^':
	case '[':
		buf_printf(out, "[.%c.]", c);
		break;
	default:
		buf_add_byte(out, (unsigned char)c);
		break;
	}
}

/* One bracket expression from p ('['), ranges that end past ASCII
 * listed: "_-é" becomes "_-\x7f" and every character from U+0080 to é
 * (glibc refuses such a range, "Invalid collation character"; ODK
 * takes it by code points). Returns where it ends, or NULL with *cause. */
static const char *
regex_bracket_rewrite(const char *p, const char *end, struct buf *out,
    char **cause)
{
	const char	*close, *q;
	unsigned long	 cx, cy, c;
	size_t		 len, leny;
	char		 kind[3] = "x]";

	buf_add_byte(out, (unsigned char)*p++);
	if (p < end && *p == '^')
		buf_add_byte(out, (unsigned char)*p++);
	if (p < end && *p == ']')
		buf_add_byte(out, (unsigned char)*p++);
	while (p < end && *p != ']') {
		if (*p == '\\' && p + 1 < end) {
			regex_bracket_escape(p[1], out);
			p += 2;
			/* After a class, "-" starts no range: "[\w-.]". */
			if (strchr("dws", p[-1]) != NULL && p + 1 < end &&
			    *p == '-' && p[1] != ']') {
				buf_add_str(out, "[.-.]");
				p++;
			}
			continue;
		}
		if (*p == '[' && p + 1 < end && strchr(":.=", p[1]) != NULL &&
		    p[1] != '\0') {
			kind[0] = p[1];
			close = memmem(p + 2, (size_t)(end - p - 2), kind, 2);
			q = close != NULL ? close + 2 : end;
			buf_add(out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		len = regex_char(p, end, &cx);
		q = p + len + 1;
		if (q < end && p[len] == '-' && *q != ']' && *q != '[' &&
		    (leny = regex_char(q, end, &cy)) != 0 &&
		    (cy >= 0x80 || cx >= 0x80)) {
			if (cy < cx) {
				xasprintf(cause, "the range '%.*s' ends before "
				    "it starts", (int)(q + leny - p), p);
				return NULL;
			}
			if (cy - cx > REGEX_MAX_RANGE) {
				xasprintf(cause, "the range '%.*s' holds more "
				    "than %d characters", (int)(q + leny - p),
				    p, REGEX_MAX_RANGE);
				return NULL;
			}
			if (cx < 0x80) {
				buf_add(out, p, len);
				buf_add_str(out, "-\x7f");
				cx = 0x80;
			}
			for (c = cx; c <= cy; c++) {
				if (c < 0xd800 || c > 0xdfff)
					regex_add_char(out, c);
			}
			p = q + leny;
			continue;
		}
		buf_add(out, p, len);
		p += len;
	}
	if (p < end)
		buf_add_byte(out, (unsigned char)*p++);
	return p;
}

/* The pattern with its brackets rewritten; NULL with *cause. */
static char *
regex_rewrite(const char *pattern, char **cause)
{
	struct buf	 out;
	const char	*p = pattern, *end = pattern + strlen(pattern);
	char		*s = NULL;

	buf_init(&out);
	while (p < end) {
		if (*p == '\\' && p + 1 < end) {
			/* \d is a digit in ODK, a "d" in POSIX. */
			if (p[1] == 'd' || p[1] == 'D')
				buf_add_str(&out, p[1] == 'd' ? "[0-9]" : "[^0-9]");
			else
				buf_add(&out, p, 2);
			p += 2;
		} else if (*p == '[') {
			if ((p = regex_bracket_rewrite(p, end, &out,
			    cause)) == NULL)
				goto out;
		} else
			buf_add_byte(&out, (unsigned char)*p++);
	}
	s = xstrdup(buf_str(&out));
out:
	buf_clear(&out);
	return s;
}

int
expr_regex_match(const regex_t *re, const char *s)
{
	locale_t	 l = regex_locale(), old = (locale_t)0;
	int		 match;

	if (l != (locale_t)0)
		old = uselocale(l);
	match = regexec(re, s, 0, NULL, 0) == 0;
	if (old != (locale_t)0)
		uselocale(old);
	return match;
}

int
expr_regex_compile(regex_t *re, const char *pattern, char **cause)
{
	struct regex_scan	 s;
	char			 msg[256], *rewritten;
	locale_t		 l, old = (locale_t)0;
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
	if ((rewritten = regex_rewrite(pattern, cause)) == NULL)
		return -1;
	if ((l = regex_locale()) != (locale_t)0)
		old = uselocale(l);
	error = regcomp(re, rewritten, REG_EXTENDED | REG_NOSUB);
	if (error != 0)
		regerror(error, re, msg, sizeof msg);
	if (old != (locale_t)0)
		uselocale(old);
	free(rewritten);
	if (error != 0) {
		*cause = xstrdup(msg);
		return -1;
	}
	return 0;
}
