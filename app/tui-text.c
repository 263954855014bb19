/* tui-text.c: text on the curses screen: wrapping by display width
 * (wide and combining characters included), drawing form text with its
 * control characters defused, and the line editor of text answers. */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "app/tui.h"

/* Decode one character of s (n bytes left): its length, *wc and *w, its
 * display width. Invalid bytes and controls come out as '?'. */
static size_t
tui_decode(const char *s, size_t n, wchar_t *wc, int *w)
{
	mbstate_t	 ps;
	size_t		 len;

	memset(&ps, 0, sizeof ps);
	len = mbrtowc(wc, s, n, &ps);
	if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
		*wc = L'?';
		*w = 1;
		return 1;
	}
	if (*wc == L'\n')
		*wc = L' ';	/* a line break drawn on one line */
	else if (*wc < 0x20 || (*wc >= 0x7f && *wc < 0xa0))
		*wc = L'?';
	*w = wcwidth(*wc);
	if (*w < 0) {
		*wc = L'?';
		*w = 1;
	}
	return len;
}

size_t
tui_wrap(const char *s, int width, struct tui_line **lines)
{
	size_t	 n = strlen(s), pos = 0, start = 0, brk = 0, count = 0;
	size_t	 len, size = 8;
	wchar_t	 wc;
	int	 w, used = 0;

	*lines = xreallocarray(NULL, size, sizeof **lines);
	while (pos <= n) {
		len = pos < n ? tui_decode(s + pos, n - pos, &wc, &w) : 0;
		if (count + 1 >= size) {
			size *= 2;
			*lines = xreallocarray(*lines, size, sizeof **lines);
		}
		if (pos == n || s[pos] == '\n') {
			if (pos > start || pos < n)
				(*lines)[count++] = (struct tui_line){ start,
				    pos - start };
			start = pos + 1;
			brk = 0;
			used = 0;
			pos++;
			continue;
		}
		if (used + w > width && used > 0) {
			if (brk > start) {
				(*lines)[count++] = (struct tui_line){ start,
				    brk - start };
				pos = start = brk + 1;
			} else {
				(*lines)[count++] = (struct tui_line){ start,
				    pos - start };
				start = pos;
			}
			brk = 0;
			used = 0;
			continue;
		}
		if (s[pos] == ' ')
			brk = pos;
		used += w;
		pos += len;
	}
	return count;
}

int
tui_put(int y, int x, const char *s, size_t n, int width)
{
	wchar_t	*buf;
	size_t	 i = 0, k = 0;
	int	 w, used = 0;

	buf = xreallocarray(NULL, n + 1, sizeof *buf);
	while (i < n) {
		i += tui_decode(s + i, n - i, &buf[k], &w);
		if (used + w > width)
			break;
		used += w;
		k++;
	}
	if (k > 0)
		mvaddnwstr(y, x, buf, (int)k);
	wipe(buf, (n + 1) * sizeof *buf);
	free(buf);
	return used;
}

int
tui_put_wrapped(int y, int x, const char *s, int width, int rows)
{
	struct tui_line	*lines;
	size_t		 n, i;

	n = tui_wrap(s, width, &lines);
	for (i = 0; i < n && (int)i < rows; i++)
		tui_put(y + (int)i, x, s + lines[i].start, lines[i].len, width);
	free(lines);
	return (int)i;
}

/* ---- the line editor ----------------------------------------------- */

void
tui_edit_clear(struct tui_edit *e)
{
	if (e->text != NULL)
		wipe(e->text, e->size * sizeof *e->text);
	free(e->text);
	memset(e, 0, sizeof *e);
}

/* Bytes of wc in UTF-8. */
static size_t
tui_wc_bytes(wchar_t wc)
{
	return wc < 0x80 ? 1 : wc < 0x800 ? 2 : wc < 0x10000 ? 3 : 4;
}

/* Display width of an editor character (a control counts one). */
static int
tui_wcw(wchar_t wc)
{
	int	 w = wcwidth(wc);

	return w < 0 ? 1 : w;
}

int
tui_edit_insert(struct tui_edit *e, wchar_t wc)
{
	if (e->max != 0 && e->bytes + tui_wc_bytes(wc) > e->max)
		return 0;
	if (e->len + 2 > e->size) {
		struct tui_edit	 bigger = *e;

		bigger.size = e->size == 0 ? 64 : e->size * 2;
		bigger.text = xreallocarray(NULL, bigger.size,
		    sizeof *bigger.text);
		if (e->len != 0)
			wmemcpy(bigger.text, e->text, e->len);
		tui_edit_clear(e);
		*e = bigger;
	}
	wmemmove(e->text + e->cursor + 1, e->text + e->cursor,
	    e->len - e->cursor);
	e->text[e->cursor++] = wc;
	e->len++;
	e->bytes += tui_wc_bytes(wc);
	return 1;
}

void
tui_edit_set(struct tui_edit *e, const char *utf8, size_t max)
{
	size_t	 n = strlen(utf8), i = 0;
	wchar_t	 wc;
	int	 w;

	tui_edit_clear(e);
	e->max = max;
	while (i < n) {
		if (utf8[i] == '\n') {
			wc = L'\n';
			i++;
		} else
			i += tui_decode(utf8 + i, n - i, &wc, &w);
		if (!tui_edit_insert(e, wc))
			break;
	}
}

char *
tui_edit_get(const struct tui_edit *e)
{
	struct buf	 b;
	mbstate_t	 ps;
	char		 mb[MB_LEN_MAX], *s;
	size_t		 i, len;

	buf_init(&b);
	memset(&ps, 0, sizeof ps);
	for (i = 0; i < e->len; i++) {
		len = wcrtomb(mb, e->text[i], &ps);
		if (len != (size_t)-1)
			buf_add(&b, mb, len);
	}
	wipe(mb, sizeof mb);
	s = xstrdup(buf_str(&b));
	buf_clear(&b);
	return s;
}

/* Delete n characters at the cursor. */
static void
tui_edit_delete(struct tui_edit *e, size_t n)
{
	size_t	 i;

	if (n > e->len - e->cursor)
		n = e->len - e->cursor;
	for (i = 0; i < n; i++)
		e->bytes -= tui_wc_bytes(e->text[e->cursor + i]);
	wmemmove(e->text + e->cursor, e->text + e->cursor + n,
	    e->len - e->cursor - n);
	e->len -= n;
	wmemset(e->text + e->len, 0, n);
}

int
tui_edit_key(struct tui_edit *e, int is_key, wint_t k)
{
	size_t	 n;

	if (is_key && k == KEY_LEFT) {
		if (e->cursor > 0)
			e->cursor--;
	} else if (is_key && k == KEY_RIGHT) {
		if (e->cursor < e->len)
			e->cursor++;
	} else if ((is_key && k == KEY_HOME) || (!is_key && k == 1))
		e->cursor = 0;
	else if ((is_key && k == KEY_END) || (!is_key && k == 5))
		e->cursor = e->len;
	else if ((is_key && k == KEY_BACKSPACE) ||
	    (!is_key && (k == 8 || k == 127))) {
		if (e->cursor > 0) {
			e->cursor--;
			tui_edit_delete(e, 1);
		}
	} else if (is_key && k == KEY_DC)
		tui_edit_delete(e, 1);
	else if (!is_key && k == 11)			/* ^K */
		tui_edit_delete(e, e->len - e->cursor);
	else if (!is_key && k == 21) {			/* ^U */
		n = e->cursor;
		e->cursor = 0;
		tui_edit_delete(e, n);
		e->cursor = 0;
	} else
		return 0;
	return 1;
}

/* Where character i of the editor goes when wrapped to width: its row
 * and column; returns its width. */
static int
tui_edit_place(const struct tui_edit *e, size_t i, int width, int *row,
    int *col)
{
	int	 w;

	if (e->text[i] == L'\n') {
		(*row)++;
		*col = 0;
		return 0;
	}
	w = tui_wcw(e->text[i]);
	if (*col + w > width) {
		(*row)++;
		*col = 0;
	}
	return w;
}

/* The start of the row that holds position p, laid out backwards from
 * it over at most width columns, never across a line break. */
static size_t
tui_edit_row_start(const struct tui_edit *e, size_t p, int width)
{
	int	 col = 0, w;

	while (p > 0 && e->text[p - 1] != L'\n') {
		w = tui_wcw(e->text[p - 1]);
		if (col + w > width)
			break;
		col += w;
		p--;
	}
	return p;
}

/* The start of the row after the one that starts at p. */
static size_t
tui_edit_row_next(const struct tui_edit *e, size_t p, int width)
{
	int	 col = 0, w;

	for (; p < e->len; p++) {
		if (e->text[p] == L'\n')
			return p + 1;
		w = tui_wcw(e->text[p]);
		if (col + w > width && col > 0)
			return p;
		col += w;
	}
	return p;
}

/* Several lines: the row and column of the cursor, laid out from the
 * first row shown (e->top), which moves to keep the cursor in view. Only
 * the rows near the cursor are laid out. */
static void
tui_edit_scroll(struct tui_edit *e, int rows, int width, int *crow,
    int *ccol)
{
	size_t	 i;
	int	 row, col, n;

	if (e->top > e->cursor || e->top > e->len)
		e->top = tui_edit_row_start(e, e->cursor, width - 1);
	else if (e->cursor - e->top > (size_t)(rows + 1) * (size_t)width) {
		/* A jump (End): the cursor's row at the bottom. */
		e->top = tui_edit_row_start(e, e->cursor, width - 1);
		for (n = 1; n < rows && e->top > 0; n++)
			e->top = tui_edit_row_start(e, e->top - 1, width);
	}
	for (;;) {
		row = col = 0;
		for (i = e->top; i < e->cursor; i++)
			col += tui_edit_place(e, i, width, &row, &col);
		if (e->cursor < e->len && e->text[e->cursor] != L'\n')
			tui_edit_place(e, e->cursor, width, &row, &col);
		if (col >= width) {
			row++;
			col = 0;
		}
		if (row < rows)
			break;
		for (n = row - rows + 1; n > 0; n--)
			e->top = tui_edit_row_next(e, e->top, width);
	}
	*crow = row;
	*ccol = col;
}

/* The start of the text that ends at p and takes at most cols columns. */
static size_t
tui_edit_back(const struct tui_edit *e, size_t p, int cols)
{
	int	 used = 0, w;

	while (p > 0) {
		w = tui_wcw(e->text[p - 1]);
		if (used + w > cols)
			break;
		used += w;
		p--;
	}
	return p;
}

/* One line that scrolls sideways by half its width when the cursor
 * leaves it, so that most keys redraw one character. */
static void
tui_edit_draw_line(struct tui_edit *e, int y, int x, int width, int *cy,
    int *cx)
{
	size_t	 i;
	int	 col = 0, w;

	if (e->top > e->cursor || e->top > e->len)
		e->top = tui_edit_back(e, e->cursor, width / 2);
	for (i = e->top; i < e->cursor && col < width; i++)
		col += tui_wcw(e->text[i]);
	if (col >= width) {
		e->top = tui_edit_back(e, e->cursor, width / 2);
		for (i = e->top, col = 0; i < e->cursor; i++)
			col += tui_wcw(e->text[i]);
	}
	*cy = y;
	*cx = x + col;
	for (i = e->top, col = 0; i < e->len; i++) {
		w = tui_wcw(e->text[i]);
		if (col + w > width)
			break;
		col += w;
	}
	if (i > e->top)
		mvaddnwstr(y, x, e->text + e->top, (int)(i - e->top));
}

void
tui_edit_draw(struct tui_edit *e, int y, int x, int rows, int width,
    int *cy, int *cx)
{
	size_t	 i;
	int	 row = 0, col = 0, w;

	if (rows == 1) {
		tui_edit_draw_line(e, y, x, width, cy, cx);
		return;
	}
	tui_edit_scroll(e, rows, width, &row, &col);
	*cy = y + row;
	*cx = x + col;
	row = col = 0;
	for (i = e->top; i < e->len && row < rows; i++) {
		w = tui_edit_place(e, i, width, &row, &col);
		if (w > 0 && row < rows)
			mvaddnwstr(y + row, x + col, e->text + i, 1);
		col += w;
	}
}
