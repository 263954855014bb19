/* tui-range.c: two widgets of the curses screen beside tui-widget.c's:
 * a range as a slider ("0 [----|-----] 10  4": Left and Right move by a
 * step, Home and End go to the ends, Space clears), and the value of a
 * read-only question, shown and never edited. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app/tui.h"

static const struct question *
tui_range_question(const struct tui *t, const struct tui_widget *w)
{
	return &t->run->form->questions[w->q];
}

/* w->nchoice values; w->focus the one chosen, w->mark[0] 1 if any. */
static void
tui_range_load(struct tui *t, struct tui_widget *w)
{
	const struct question	*qu = tui_range_question(t, w);
	const char		*v = answers_get(t->run->answers, w->q);
	char			 s[FORM_RANGE_VALUE_MAX];
	size_t			 i;

	w->nchoice = form_range_count(qu);
	w->mark = xcalloc(1, sizeof *w->mark);
	w->focus = 0;
	for (i = 0; *v != '\0' && i < w->nchoice; i++) {
		form_range_value(qu, i, s, sizeof s);
		if (strcmp(s, v) == 0) {
			w->focus = i;
			w->mark[0] = 1;
			break;
		}
	}
}

static int
tui_range_key(struct tui *t, struct tui_widget *w, enum tui_op op,
    int is_key, wint_t k)
{
	(void)t;
	if (w->nchoice == 0)
		return 0;
	if (op == TUI_OP_LEFT || op == TUI_OP_RIGHT) {
		if (w->mark[0] && op == TUI_OP_LEFT && w->focus > 0)
			w->focus--;
		else if (w->mark[0] && op == TUI_OP_RIGHT &&
		    w->focus + 1 < w->nchoice)
			w->focus++;
		w->mark[0] = 1;
		return 1;
	}
	if (op == TUI_OP_PICK) {
		w->mark[0] = !w->mark[0];
		return 1;
	}
	if (op == TUI_OP_NONE && is_key && (k == KEY_HOME || k == KEY_END)) {
		w->focus = k == KEY_HOME ? 0 : w->nchoice - 1;
		w->mark[0] = 1;
		return 1;
	}
	return 0;
}

static int
tui_range_rows(struct tui *t, struct tui_widget *w)
{
	(void)t;
	(void)w;
	return 1;
}

/* "START [----|-----] END  VALUE" in the width there is. */
static void
tui_range_draw(struct tui *t, struct tui_widget *w, int y, int rows,
    int *cy, int *cx)
{
	const struct question	*qu = tui_range_question(t, w);
	char			 a[FORM_RANGE_VALUE_MAX], b[FORM_RANGE_VALUE_MAX];
	char			 v[FORM_RANGE_VALUE_MAX];
	int			 x, bar, at, i;

	(void)rows;
	form_range_value(qu, 0, a, sizeof a);
	form_range_value(qu, w->nchoice > 0 ? w->nchoice - 1 : 0, b, sizeof b);
	form_range_value(qu, w->focus, v, sizeof v);
	mvaddstr(y, 0, w->active ? ">" : " ");
	bar = t->cols - 2 - (int)strlen(a) - (int)strlen(b) -
	    (int)strlen(v) - 7;
	if (bar > 41)
		bar = 41;
	x = 2;
	mvaddstr(y, x, a);
	x += (int)strlen(a) + 1;
	at = x;
	if (bar >= 3) {
		mvaddch(y, x++, '[');
		for (i = 0; i < bar; i++)
			mvaddch(y, x + i, '-');
		at = x + (w->nchoice > 1 ? (int)((size_t)(bar - 1) *
		    w->focus / (w->nchoice - 1)) : 0);
		if (w->mark[0])
			mvaddch(y, at, '|');
		x += bar;
		mvaddch(y, x++, ']');
		x++;
	}
	mvaddstr(y, x, b);
	x += (int)strlen(b) + 2;
	if (w->mark[0] && x + (int)strlen(v) < t->cols)
		mvaddstr(y, x, v);
	if (w->active) {
		*cy = y;
		*cx = at;
	}
}

static char *
tui_range_value(struct tui *t, struct tui_widget *w)
{
	char	 v[FORM_RANGE_VALUE_MAX];

	if (!w->mark[0] || w->nchoice == 0)
		return xstrdup("");
	form_range_value(tui_range_question(t, w), w->focus, v, sizeof v);
	return xstrdup(v);
}

static unsigned
tui_range_bar(struct tui *t, struct tui_widget *w)
{
	(void)t;
	(void)w;
	return TUI_IN_SCALE;
}

const struct tui_widget_ops tui_range_ops = {
	tui_range_load, tui_range_key, tui_range_rows, tui_range_draw,
	tui_range_value, tui_range_bar
};

/* ---- read-only: the value and why it cannot be changed ---------------- */

static void
tui_fixed_load(struct tui *t, struct tui_widget *w)
{
	(void)t;
	(void)w;
}

static int
tui_fixed_key(struct tui *t, struct tui_widget *w, enum tui_op op,
    int is_key, wint_t k)
{
	(void)t;
	(void)w;
	(void)op;
	(void)is_key;
	(void)k;
	return 0;
}

static int
tui_fixed_rows(struct tui *t, struct tui_widget *w)
{
	struct tui_line	*lines;
	size_t		 n;

	(void)w;
	n = tui_wrap(i18n(I18N_READONLY), t->cols - 3, &lines);
	free(lines);
	return 1 + (int)(n > 3 ? 3 : n);
}

static void
tui_fixed_draw(struct tui *t, struct tui_widget *w, int y, int rows,
    int *cy, int *cx)
{
	struct buf	 b;

	buf_init(&b);
	run_answer_text(t->run, w->q, &b);
	if (b.len == 0)
		buf_add_str(&b, i18n(I18N_NO_ANSWER));
	mvaddstr(y, 0, w->active ? ">" : " ");
	tui_put(y, 2, buf_str(&b), b.len, t->cols - 3);
	if (rows > 1)
		tui_put_wrapped(y + 1, 2, i18n(I18N_READONLY), t->cols - 3,
		    rows - 1);
	buf_clear(&b);
	if (w->active) {
		*cy = y;
		*cx = 0;
	}
}

static char *
tui_fixed_value(struct tui *t, struct tui_widget *w)
{
	return xstrdup(answers_get(t->run->answers, w->q));
}

static unsigned
tui_fixed_bar(struct tui *t, struct tui_widget *w)
{
	(void)t;
	(void)w;
	return TUI_IN_OTHER;
}

const struct tui_widget_ops tui_fixed_ops = {
	tui_fixed_load, tui_fixed_key, tui_fixed_rows, tui_fixed_draw,
	tui_fixed_value, tui_fixed_bar
};
