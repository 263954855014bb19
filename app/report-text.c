/* report-text.c: the text of the report's charts, measured by display
 * width (wcwidth) so that labels in any script line up and no line goes
 * past the report's width; ASCII only when the locale is not UTF-8
 * (Latin letters lose their accents, other characters become '?'). */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app/report.h"

/* One character as drawn: its bytes and its width. */
struct report_glyph {
	const char	*bytes;
	size_t		 len;
	size_t		 width;
	size_t		 advance;	/* bytes of s used */
};

/* Decode the UTF-8 sequence at s; returns its length, 0 if invalid. */
static size_t
report_decode(const unsigned char *s, uint32_t *cp)
{
	size_t	 len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	*cp = s[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && *cp < 0x800) || (len == 4 && (*cp < 0x10000 ||
	    *cp > 0x10ffff)) || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return len;
}

/* Latin letters U+00C0 to U+017F without their accents, for ASCII. */
static const char report_latin[] =
    "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYPsaaaaaaaceeeeiiiidnooooo/ouuuuypy"
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlL"
    "lLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/* The ASCII stand-in of a character (a static string). */
static const char *
report_ascii(uint32_t cp)
{
	static char	 one[2];

	if (cp >= 0xc0 && cp < 0x180) {
		one[0] = report_latin[cp - 0xc0];
		return one;
	}
	switch (cp) {
	case 0xa1:
		return "!";
	case 0xab:
	case 0xbb:
	case 0x201c:
	case 0x201d:
		return "\"";
	case 0x2018:
	case 0x2019:
		return "'";
	case 0x2013:
	case 0x2014:
		return "-";
	default:
		return "?";
	}
}

/* The glyph at s (not at its end). */
static void
report_glyph(const struct report *r, const char *s, struct report_glyph *g)
{
	uint32_t	 cp;
	int		 w;

	g->advance = report_decode((const unsigned char *)s, &cp);
	g->bytes = s;
	g->len = g->advance;
	g->width = 1;
	if (g->advance == 0) {
		g->advance = 1;
		g->bytes = r->ascii ? "?" : "\xef\xbf\xbd";
		g->len = strlen(g->bytes);
	} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
		g->bytes = " ";
		g->len = 1;
	} else if (r->ascii && cp >= 0x80) {
		g->bytes = report_ascii(cp);
		g->len = 1;
	} else if (cp >= 0x80) {
		w = wcwidth((wchar_t)cp);
		if (w < 0) {
			g->bytes = "?";
			g->len = 1;
		} else
			g->width = (size_t)w;
	}
}

size_t
report_width(const struct report *r, const char *s)
{
	struct report_glyph	 g;
	size_t			 width = 0;

	for (; *s != '\0'; s += g.advance) {
		report_glyph(r, s, &g);
		width += g.width;
	}
	return width;
}

void
report_pad(struct report *r, size_t n)
{
	for (; n > 0; n--) {
		buf_add_byte(&r->out, ' ');
		r->col++;
	}
}

/* Append the glyphs of s that fit in width columns; returns the width
 * used. */
static size_t
report_put(struct report *r, const char *s, size_t width)
{
	struct report_glyph	 g;
	size_t			 used = 0;

	for (; *s != '\0'; s += g.advance) {
		report_glyph(r, s, &g);
		if (used + g.width > width)
			break;
		buf_add(&r->out, g.bytes, g.len);
		used += g.width;
	}
	r->col += used;
	return used;
}

void
report_cell(struct report *r, const char *s, size_t width, int right)
{
	size_t	 w = report_width(r, s), used;

	if (w <= width) {
		if (right)
			report_pad(r, width - w);
		report_put(r, s, w);
		if (!right)
			report_pad(r, width - w);
		return;
	}
	if (width == 0)
		return;
	used = report_put(r, s, width - 1);
	buf_add_str(&r->out, r->ascii ? "~" : "\xe2\x80\xa6");	/* … */
	r->col++;
	report_pad(r, width - 1 - used);
}

/* Append a word longer than the line (CJK text has no spaces), going
 * on to the next lines at any character. */
static void
report_break(struct report *r, const char *s, size_t indent)
{
	struct report_glyph	 g;

	for (; *s != '\0'; s += g.advance) {
		report_glyph(r, s, &g);
		if (r->col + g.width > r->width && r->col > indent) {
			report_nl(r);
			report_pad(r, indent);
		}
		buf_add(&r->out, g.bytes, g.len);
		r->col += g.width;
	}
}

void
report_wrap(struct report *r, const char *s, size_t indent)
{
	char	*copy, *word, *last;
	size_t	 w, sep = 0;

	copy = xstrdup(s);
	for (word = strtok_r(copy, " \t\r\n", &last); word != NULL;
	    word = strtok_r(NULL, " \t\r\n", &last)) {
		w = report_width(r, word);
		if (r->col + sep + w > r->width && r->col > indent) {
			report_nl(r);
			report_pad(r, indent);
			sep = 0;
		}
		report_pad(r, sep);
		sep = 1;
		if (r->col + w > r->width)
			report_break(r, word, indent);
		else
			report_put(r, word, w);
	}
	free(copy);
}

void
report_bar(struct report *r, uint64_t eighths, size_t width)
{
	size_t	 full, part, i;

	if (eighths > (uint64_t)width * 8)
		eighths = (uint64_t)width * 8;
	if (r->ascii) {
		full = (size_t)((eighths + 4) / 8);
		part = 0;
	} else {
		full = (size_t)(eighths / 8);
		part = (size_t)(eighths % 8);
	}
	for (i = 0; i < full; i++)
		buf_add_str(&r->out, r->ascii ? "#" : "\xe2\x96\x88");
	if (part != 0) {
		/* U+2589 (7/8) down to U+258F (1/8). */
		buf_add_byte(&r->out, 0xe2);
		buf_add_byte(&r->out, 0x96);
		buf_add_byte(&r->out, (unsigned char)(0x90 - part));
		full++;
	}
	r->col += full;
	report_pad(r, width - full);
}

void
report_nl(struct report *r)
{
	while (r->out.len > 0 && r->out.data[r->out.len - 1] == ' ')
		r->out.len--;
	buf_add_byte(&r->out, '\n');
	r->lines++;
	r->col = 0;
}
