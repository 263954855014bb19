/* markup.c: the text of a label, hint or message as ODK Collect shows
 * it, without its markup: Collect's Markdown subset (**strong**,
 * __strong__, *em*, _em_, # headings, [text](url), \-escapes) and the
 * HTML tags and entities it hands to Android's Html.fromHtml. Terminal
 * controls (escape sequences) are dropped. ${name} is kept for piping. */
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

/* A character no pass may take as markup is written PROTECT then the
 * byte: escapes, the inside of ${...}, decoded entities. */
#define PROTECT	'\001'

/* The first byte c at or after s, remembered: each pass looks for a
 * closing byte from every opening one, and a text of openings without
 * closings (a hostile megabyte of "<a") must not cost its length
 * squared. at holds the last answer (the next c after any s up to it),
 * none that there is no c after the last place looked from. */
struct markup_memo {
	const char	*at;
	int		 none;
};

static const char *
markup_next(const char *s, int c, struct markup_memo *m)
{
	if (m->none)
		return NULL;
	if (m->at != NULL && s <= m->at)
		return m->at;
	if ((m->at = strchr(s, c)) == NULL)
		m->none = 1;
	return m->at;
}

/* Length of the ESC sequence at s (CSI, OSC or two bytes). */
static size_t
markup_escape_len(const char *s)
{
	size_t	 i;

	if (s[1] == '[') {
		for (i = 2; s[i] != '\0'; i++) {
			if ((unsigned char)s[i] >= 0x40 &&
			    (unsigned char)s[i] <= 0x7e)
				return i + 1;
		}
		return i;
	}
	if (s[1] == ']') {
		for (i = 2; s[i] != '\0'; i++) {
			if (s[i] == '\a')
				return i + 1;
			if (s[i] == '\033' && s[i + 1] == '\\')
				return i + 2;
		}
		return i;
	}
	return s[1] == '\0' ? 1 : 2;
}

/* Pass 1: controls out, \-escapes and ${...} protected. */
static void
markup_prepare(const char *s, struct buf *out)
{
	struct markup_memo	 brace = { NULL, 0 };
	const unsigned char	*u;
	const char		*end;

	while (*s != '\0') {
		u = (const unsigned char *)s;
		if (*s == '\033')
			s += markup_escape_len(s);
		else if ((*u < 0x20 && *s != '\n' && *s != '\t') ||
		    *u == 0x7f)
			s++;
		else if (u[0] == 0xc2 && u[1] >= 0x80 && u[1] < 0xa0)
			s += 2;				/* C1 control */
		else if (*s == '\\' && s[1] != '\0' &&
		    strchr("\\*_#", s[1]) != NULL) {
			buf_add_byte(out, PROTECT);
			buf_add_byte(out, (unsigned char)s[1]);
			s += 2;
		} else if (s[0] == '$' && s[1] == '{' &&
		    (end = markup_next(s, '}', &brace)) != NULL) {
			for (; s <= end; s++) {
				buf_add_byte(out, PROTECT);
				buf_add_byte(out, (unsigned char)*s);
			}
		} else
			buf_add_byte(out, (unsigned char)*s++);
	}
}

/* The end of the span from s (after an opening delimiter d of n bytes)
 * to the closing one, or NULL: not across a newline, protected bytes
 * skipped. */
static const char *
markup_close(const char *s, const char *d, size_t n)
{
	for (; *s != '\0' && *s != '\n'; s++) {
		if (*s == PROTECT && s[1] != '\0')
			s++;
		else if (strncmp(s, d, n) == 0)
			return s;
	}
	return NULL;
}

/* 1 if s opens emphasis of n delimiters: "**" or "__" (n 2), else '*'
 * or '_' before neither a space nor another of it (n 1). */
static int
markup_opens(const char *s, size_t n)
{
	if (*s != '*' && *s != '_')
		return 0;
	if (n == 2)
		return s[1] == s[0];
	return s[1] != '\0' && s[1] != s[0] && strchr(" \t\n", s[1]) == NULL;
}

/* Pass 2 and 3: **x** and __x__ (n 2), then *x* and _x_ (n 1), each
 * becomes x. */
static void
markup_emphasis(const char *s, size_t n, struct buf *out)
{
	const char	*close;

	while (*s != '\0') {
		if (*s == PROTECT && s[1] != '\0') {
			buf_add(out, s, 2);
			s += 2;
		} else if (markup_opens(s, n) &&
		    (close = markup_close(s + n, s, n)) != NULL) {
			buf_add(out, s + n, (size_t)(close - s - n));
			s = close + n;
		} else
			buf_add_byte(out, (unsigned char)*s++);
	}
}

/* Pass 4: [text](url) becomes "text (url)", the url alone when text is
 * empty or the url itself. Pass 5: '#'s that open a line go. */
static void
markup_links_headings(const char *s, struct buf *out)
{
	struct markup_memo bracket = { NULL, 0 }, rparen = { NULL, 0 };
	struct markup_memo newline = { NULL, 0 };
	const char	*close, *paren, *nl;
	size_t		 tlen, ulen;
	int		 bol = 1;

	while (*s != '\0') {
		if (bol && *s == '#') {
			s += strspn(s, "#");
			s += strspn(s, " \t");
			bol = 0;
			continue;
		}
		bol = *s == '\n';
		if (*s == PROTECT && s[1] != '\0') {
			buf_add(out, s, 2);
			s += 2;
		} else if (*s == '[' &&
		    (close = markup_next(s, ']', &bracket)) != NULL &&
		    close[1] == '(' &&
		    (paren = markup_next(close, ')', &rparen)) != NULL &&
		    paren > close + 2 &&
		    ((nl = markup_next(s, '\n', &newline)) == NULL ||
		    nl > paren)) {
			tlen = close - s - 1;
			ulen = paren - close - 2;
			if (tlen != 0)
				buf_add(out, s + 1, tlen);
			if (tlen == 0 || tlen != ulen ||
			    memcmp(s + 1, close + 2, ulen) != 0) {
				buf_add_str(out, tlen != 0 ? " (" : "");
				buf_add(out, close + 2, ulen);
				buf_add_str(out, tlen != 0 ? ")" : "");
			}
			s = paren + 1;
		} else
			buf_add_byte(out, (unsigned char)*s++);
	}
}

/* An HTML entity at s ("&amp;", "&#233;", "&#xe9;"): its code point
 * and length, or 0. */
static size_t
markup_entity(const char *s, unsigned long *cp)
{
	static const struct { const char *name; unsigned long cp; } names[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&apos;", '\'' }, { "&nbsp;", ' ' },
	};
	const char	*end;
	char		*stop;
	size_t		 i;

	for (i = 0; i < nitems(names); i++) {
		if (strncmp(s, names[i].name, strlen(names[i].name)) == 0) {
			*cp = names[i].cp;
			return strlen(names[i].name);
		}
	}
	if (s[1] != '#' || (end = memchr(s, ';', strnlen(s, 12))) == NULL)
		return 0;
	if (s[2] == 'x' || s[2] == 'X')
		*cp = strtoul(s + 3, &stop, 16);
	else
		*cp = strtoul(s + 2, &stop, 10);
	if (stop != end || stop == s + 2 || *cp < 0x20 ||
	    (*cp >= 0x7f && *cp < 0xa0) || (*cp >= 0xd800 && *cp < 0xe000) ||
	    *cp > 0x10ffff)
		return 0;
	return (size_t)(end - s) + 1;
}

static void
markup_add_cp(struct buf *out, unsigned long cp)
{
	unsigned char	 u[4];
	size_t		 n, i;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = 0xc0 | (cp >> 6);
		u[1] = 0x80 | (cp & 0x3f);
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = 0xe0 | (cp >> 12);
		u[1] = 0x80 | ((cp >> 6) & 0x3f);
		u[2] = 0x80 | (cp & 0x3f);
		n = 3;
	} else {
		u[0] = 0xf0 | (cp >> 18);
		u[1] = 0x80 | ((cp >> 12) & 0x3f);
		u[2] = 0x80 | ((cp >> 6) & 0x3f);
		u[3] = 0x80 | (cp & 0x3f);
		n = 4;
	}
	for (i = 0; i < n; i++) {
		buf_add_byte(out, PROTECT);
		buf_add_byte(out, u[i]);
	}
}

/* 1 if the tag at s (after '<', '/' skipped) is named name. */
static int
markup_tag_is(const char *s, const char *name)
{
	size_t	 n = strlen(name);

	return strncasecmp(s, name, n) == 0 &&
	    strchr(" \t\n/>", s[n]) != NULL;
}

/* Pass 6: tags go (<br> and the end of a block become a newline); a '<'
 * that opens no tag stays; entities are decoded. */
static void
markup_html(const char *s, struct buf *out)
{
	struct markup_memo gt = { NULL, 0 };
	const char	*end, *name;
	unsigned long	 cp;
	size_t		 n;

	while (*s != '\0') {
		if (*s == PROTECT && s[1] != '\0') {
			buf_add(out, s, 2);
			s += 2;
		} else if (*s == '<' && (s[1] == '/' || s[1] == '!' ||
		    (s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' &&
		    s[1] <= 'Z')) && (end = markup_next(s, '>', &gt)) != NULL) {
			name = s + 1 + (s[1] == '/');
			if (markup_tag_is(name, "br") || (s[1] == '/' &&
			    (markup_tag_is(name, "p") ||
			    markup_tag_is(name, "div") ||
			    markup_tag_is(name, "li") || (name[0] == 'h' &&
			    name[1] >= '1' && name[1] <= '6'))))
				buf_add_byte(out, '\n');
			s = end + 1;
		} else if (*s == '&' && (n = markup_entity(s, &cp)) != 0) {
			markup_add_cp(out, cp);
			s += n;
		} else
			buf_add_byte(out, (unsigned char)*s++);
	}
}

char *
form_plain(const char *s)
{
	struct buf	 a, b;
	const char	*p;
	char		*r, *w;

	buf_init(&a);
	buf_init(&b);
	markup_prepare(s, &a);
	markup_emphasis(buf_str(&a), 2, &b);
	buf_clear(&a);
	markup_emphasis(buf_str(&b), 1, &a);
	buf_clear(&b);
	markup_links_headings(buf_str(&a), &b);
	buf_clear(&a);
	markup_html(buf_str(&b), &a);
	buf_clear(&b);
	r = xstrdup(buf_str(&a));
	buf_clear(&a);
	p = r + strspn(r, " \t\n");
	for (w = r; *p != '\0'; p++) {
		if (*p == PROTECT && p[1] != '\0')
			p++;
		*w++ = *p;
	}
	while (w > r && (w[-1] == '\n' || w[-1] == ' ' || w[-1] == '\t'))
		w--;
	*w = '\0';
	return r;
}
