/* tui-page.c: the screen of a question on the curses screen: the question
 * alone, or the page of its field-list group with the questions one under
 * the other, each with its widget, scrolled by question. */
#include <curses.h>
#include <stdlib.h>

#include "app/tui.h"

/* Draw widget w from row y in at most rows rows; the cursor goes to its
 * first row unless the widget puts it elsewhere. */
static void
tui_draw_widget(struct tui *t, struct tui_widget *w, int y, int rows,
    int *cy, int *cx)
{
	if (w->active) {
		*cy = y;
		*cx = 0;
	}
	if (rows >= 1)
		w->ops->draw(t, w, y, rows, cy, cx);
}

/* The widget with the focus. */
struct tui_widget *
tui_focused(struct tui *t)
{
	return &t->w[t->wfocus];
}

/* Draw the label and hint of w from row y, at most rows rows; returns
 * the rows used. */
static int
tui_draw_label(struct tui *t, struct tui_widget *w, int y, int rows)
{
	const struct form	*f = t->run->form;
	const struct question	*qu = &f->questions[w->q];
	const char		*hint;
	int			 used;

	used = tui_put_wrapped(y, 0, run_label(t->run, w->q), t->cols,
	    rows);
	hint = run_text(t->run, qu->hint);
	if (*hint != '\0' && used < rows)
		used += tui_put_wrapped(y + used, 0, hint, t->cols, rows - used);
	return used;
}

/* Rows the block of widget i takes on a page: label, hint, widget and a
 * blank line. */
static int
tui_block_rows(struct tui *t, size_t i)
{
	const struct form	*f = t->run->form;
	const struct question	*qu = &f->questions[t->w[i].q];
	struct tui_line		*lines;
	int			 rows;

	rows = (int)tui_wrap(run_label(t->run, t->w[i].q), t->cols, &lines);
	free(lines);
	rows += (int)tui_wrap(run_text(t->run, qu->hint), t->cols,
	    &lines);
	free(lines);
	return rows + t->w[i].ops->rows(t, &t->w[i]) + 1;
}

/* A page: the questions of a field-list group one under the other,
 * scrolled by question to keep the focused one in view. */
static void
tui_draw_page(struct tui *t, int *cy, int *cx)
{
	size_t	 i;
	int	 y = 1, bottom = t->rows - 2, used, want;

	if (t->wfocus < t->wtop)
		t->wtop = t->wfocus;
	for (;;) {
		for (used = 0, i = t->wtop; i <= t->wfocus; i++)
			used += tui_block_rows(t, i);
		if (used <= bottom - y || t->wtop == t->wfocus)
			break;
		t->wtop++;
	}
	if (t->wtop > 0)
		mvaddstr(y, t->cols - 1, "^");
	for (i = t->wtop; i < t->nw && y < bottom; i++) {
		y += tui_draw_label(t, &t->w[i], y, i == t->wfocus ? 3 : 2);
		want = t->w[i].ops->rows(t, &t->w[i]);
		if (want > bottom - y)
			want = bottom - y;
		tui_draw_widget(t, &t->w[i], y, want, cy, cx);
		y += want + 1;
	}
	if (i < t->nw)
		mvaddstr(bottom - 1, t->cols - 1, "v");
}

/* The question screen (or page); sets the cursor place. */
void
tui_draw_question(struct tui *t, int *cy, int *cx)
{
	int	 y = 1;

	if (t->nw > 1) {
		tui_draw_page(t, cy, cx);
		return;
	}
	y += tui_draw_label(t, &t->w[0], y, (t->rows - 3) / 2);
	tui_draw_widget(t, &t->w[0], y + 1, t->rows - 3 - y, cy, cx);
}

void
tui_page_free(struct tui *t)
{
	size_t	 i;

	for (i = 0; i < t->nw; i++)
		tui_widget_free(&t->w[i]);
	free(t->w);
	t->w = NULL;
	t->nw = t->wfocus = t->wtop = 0;
}

/* Give the focus to the widget of question q; 0 if q is not on the
 * page. */
int
tui_page_focus(struct tui *t, int q)
{
	size_t	 i, found = t->nw;

	for (i = 0; i < t->nw; i++) {
		if (t->w[i].q == q)
			found = i;
	}
	if (found == t->nw)
		return 0;
	for (i = 0; i < t->nw; i++)
		t->w[i].active = i == found;
	t->wfocus = found;
	return 1;
}

/* Make the widgets of the current question's page. */
void
tui_page_load(struct tui *t)
{
	const int	*qs;
	size_t		 i;

	tui_page_free(t);
	t->q = t->run->current;
	t->nw = run_page(t->run, t->q, &qs);
	t->w = xcalloc(t->nw, sizeof *t->w);
	for (i = 0; i < t->nw; i++)
		tui_widget_load(t, &t->w[i], qs[i]);
	if (!tui_page_focus(t, t->q))
		tui_page_focus(t, t->w[0].q);
	/* A note on a page takes no keys: focus what follows it. */
	for (i = t->wfocus; i + 1 < t->nw &&
	    t->w[i].ops->rows(t, &t->w[i]) == 0; i++)
		;
	tui_page_focus(t, t->w[i].q);
}
