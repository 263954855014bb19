/* tui-widget.c: one widget per question type on the curses screen:
 * single choice (likert drawn as a scale), multiple choice, rank, text
 * (one line or several), numbers and dates filtered as typed, notes and
 * acknowledgements. A widget holds the answer being given; the engine
 * checks and stores it. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "app/tui.h"

/* Keys of choices: digits, then letters but j and k (they move). */
static const char tui_keys[] = "123456789abcdefghilmnopqrstuvwxyz";

wchar_t
tui_choice_key(size_t i)
{
	return i < sizeof tui_keys - 1 ? (wchar_t)tui_keys[i] : L' ';
}

static const struct question *
tui_question(const struct tui *t, const struct tui_widget *w)
{
	return &t->run->form->questions[w->q];
}

static const struct choice *
tui_choice(const struct tui *t, const struct tui_widget *w, size_t i)
{
	return &form_question_list(t->run->form,
	    tui_question(t, w))->choices[w->choice[i]];
}

void
tui_widget_free(struct tui_widget *w)
{
	free(w->choice);
	free(w->mark);
	w->choice = w->mark = NULL;
	w->nchoice = 0;
	tui_edit_clear(&w->edit);
}

/* Mark the choices named in the answer v (rank: by position). */
static void
tui_load_marks(struct tui *t, struct tui_widget *w, const char *v)
{
	size_t	 i, len;
	int	 pos = 0;

	while (*(v += strspn(v, " ")) != '\0') {
		len = strcspn(v, " ");
		pos++;
		for (i = 0; i < w->nchoice; i++) {
			if (strlen(tui_choice(t, w, i)->name) == len &&
			    strncmp(tui_choice(t, w, i)->name, v, len) == 0) {
				w->mark[i] = pos;
				if (pos == 1)
					w->focus = i;
			}
		}
		v += len;
	}
}

void
tui_widget_load(struct tui *t, struct tui_widget *w, int q)
{
	const struct question	*qu;
	const char		*v;
	const int		*idx;
	int			 by_name;

	tui_widget_free(w);
	w->q = q;
	qu = tui_question(t, w);
	v = answers_get(t->run->answers, w->q);
	if (question_has_choices(qu)) {
		w->nchoice = run_choices(t->run, w->q, &idx, &by_name);
		w->choice = xreallocarray(NULL, w->nchoice + 1,
		    sizeof *w->choice);
		memcpy(w->choice, idx, w->nchoice * sizeof *w->choice);
		w->mark = xcalloc(w->nchoice + 1, sizeof *w->mark);
		tui_load_marks(t, w, v);
	} else if (qu->type == QUESTION_ACKNOWLEDGE) {
		w->mark = xcalloc(1, sizeof *w->mark);
		w->mark[0] = strcmp(v, "OK") == 0;
	} else
		tui_edit_set(&w->edit, v);
}

char *
tui_widget_value(struct tui *t, struct tui_widget *w)
{
	const struct question	*qu = tui_question(t, w);
	struct buf		 b;
	char			*s;
	size_t			 i;
	int			 pos;

	if (qu->type == QUESTION_ACKNOWLEDGE)
		return xstrdup(w->mark[0] ? "OK" : "");
	if (!question_has_choices(qu))
		return tui_edit_get(&w->edit);
	buf_init(&b);
	for (pos = 1; pos <= (int)w->nchoice; pos++) {
		for (i = 0; i < w->nchoice; i++) {
			if (w->mark[i] == 0 ||
			    (qu->type == QUESTION_RANK && w->mark[i] != pos))
				continue;
			if (b.len != 0)
				buf_add_byte(&b, ' ');
			buf_add_str(&b, tui_choice(t, w, i)->name);
		}
		if (qu->type != QUESTION_RANK)
			break;
	}
	s = xstrdup(buf_str(&b));
	buf_clear(&b);
	return s;
}

/* 1 if w is a likert scale drawn on one row (it fits the width). */
static int
tui_is_scale(const struct tui *t, const struct tui_widget *w)
{
	return tui_question(t, w)->likert && w->nchoice <= 33 &&
	    (int)w->nchoice * 7 <= t->cols - 2;
}

/* Pick choice i: select it, toggle it, or rank it (again: unrank). */
static void
tui_pick(struct tui *t, struct tui_widget *w, size_t i)
{
	const struct question	*qu = tui_question(t, w);
	size_t			 j;
	int			 n = 0, was = w->mark[i];

	w->focus = i;
	if (qu->type == QUESTION_SELECT_ONE) {
		memset(w->mark, 0, w->nchoice * sizeof *w->mark);
		w->mark[i] = !was;
	} else if (qu->type == QUESTION_SELECT_MULTIPLE)
		w->mark[i] = !was;
	else if (was != 0) {
		w->mark[i] = 0;
		for (j = 0; j < w->nchoice; j++) {
			if (w->mark[j] > was)
				w->mark[j]--;
		}
	} else {
		for (j = 0; j < w->nchoice; j++)
			n += w->mark[j] != 0;
		if (n < qu->rank_max)
			w->mark[i] = n + 1;
		else {
			free(t->message);
			t->message = xstrdup(answers_message(t->run->answers,
			    w->q, ANSWER_TOO_MANY, t->run->lang));
		}
	}
}

/* Move the focused ranked item up (-1) or down (+1) the order. */
static void
tui_rank_move(struct tui_widget *w, int dir)
{
	size_t	 j;
	int	 pos = w->mark[w->focus];

	if (pos == 0)
		return;
	for (j = 0; j < w->nchoice; j++) {
		if (w->mark[j] == pos + dir && pos + dir > 0) {
			w->mark[j] = pos;
			w->mark[w->focus] = pos + dir;
			return;
		}
	}
}

/* Characters a number or date field takes as typed. */
static int
tui_accepts(const struct question *qu, wint_t k)
{
	switch (qu->type) {
	case QUESTION_INTEGER:
		return iswdigit(k) || k == L'-';
	case QUESTION_DECIMAL:
		return iswdigit(k) || k == L'-' || k == L'.';
	case QUESTION_DATE:
		return iswdigit(k) || k == L'-';
	default:
		return iswprint(k) || k == L' ';
	}
}

/* A key of a choice widget. */
static int
tui_choice_keys(struct tui *t, struct tui_widget *w, int is_key, wint_t k)
{
	const struct question	*qu = tui_question(t, w);
	const char		*p;

	if (w->nchoice == 0)
		return 0;
	if (tui_is_scale(t, w) && ((is_key && (k == KEY_UP ||
	    k == KEY_DOWN)) || (!is_key && (k == L'k' || k == L'j'))))
		return 0;	/* up and down leave a scale */
	if ((is_key && k == KEY_UP) || (!is_key && k == L'k')) {
		if (w->focus == 0)
			return 0;
		w->focus--;
	} else if ((is_key && k == KEY_DOWN) || (!is_key && k == L'j')) {
		if (w->focus + 1 >= w->nchoice)
			return 0;
		w->focus++;
	} else if (qu->likert && is_key && k == KEY_LEFT) {
		if (w->focus > 0)
			w->focus--;
	} else if (qu->likert && is_key && k == KEY_RIGHT) {
		if (w->focus + 1 < w->nchoice)
			w->focus++;
	} else if (!is_key && k == L' ')
		tui_pick(t, w, w->focus);
	else if (qu->type == QUESTION_RANK && ((is_key && k == KEY_SR) ||
	    (!is_key && k == L'+')))
		tui_rank_move(w, -1);
	else if (qu->type == QUESTION_RANK && ((is_key && k == KEY_SF) ||
	    (!is_key && k == L'-')))
		tui_rank_move(w, 1);
	else if (!is_key && k < 128 && k != 0 &&
	    (p = strchr(tui_keys, (int)k)) != NULL &&
	    (size_t)(p - tui_keys) < w->nchoice)
		tui_pick(t, w, (size_t)(p - tui_keys));
	else
		return 0;
	return 1;
}

int
tui_widget_key(struct tui *t, struct tui_widget *w, int is_key, wint_t k)
{
	const struct question	*qu = tui_question(t, w);
	enum answer_problem	 why;

	if (question_has_choices(qu))
		return tui_choice_keys(t, w, is_key, k);
	if (qu->type == QUESTION_ACKNOWLEDGE) {
		if (is_key || (k != L' ' && k != L'y' && k != L'o'))
			return 0;
		w->mark[0] = !w->mark[0];
		return 1;
	}
	if (qu->type == QUESTION_NOTE)
		return 0;
	if (qu->multiline && !is_key && (k == L'\n' || k == L'\r')) {
		tui_edit_insert(&w->edit, L'\n');
		return 1;
	}
	if (tui_edit_key(&w->edit, is_key, k))
		return 1;
	if (is_key || k < 0x20 || k == 0x7f)
		return 0;
	if (!tui_accepts(qu, k)) {
		why = qu->type == QUESTION_INTEGER ? ANSWER_NOT_INTEGER :
		    qu->type == QUESTION_DATE ? ANSWER_NOT_DATE :
		    ANSWER_NOT_NUMBER;
		free(t->message);
		t->message = xstrdup(answers_builtin_message(why,
		    &t->run->form->langs[t->run->lang]));
		return 1;
	}
	tui_edit_insert(&w->edit, (wchar_t)k);
	return 1;
}

/* The box of choice i: "(*)", "[x]" or the rank "[2]". */
static void
tui_mark_text(const struct tui_widget *w, const struct question *qu,
    size_t i, char *out, size_t size)
{
	switch (qu->type) {
	case QUESTION_SELECT_ONE:
		snprintf(out, size, "(%c)", w->mark[i] ? '*' : ' ');
		break;
	case QUESTION_SELECT_MULTIPLE:
		snprintf(out, size, "[%c]", w->mark[i] ? 'x' : ' ');
		break;
	default:
		if (w->mark[i] != 0)
			snprintf(out, size, "[%d]", w->mark[i]);
		else
			snprintf(out, size, "[ ]");
		break;
	}
}

/* Rows the label of choice i takes at width. */
static int
tui_item_rows(const struct tui *t, const struct tui_widget *w, size_t i,
    int width)
{
	struct tui_line	*lines;
	size_t		 n;

	n = tui_wrap(form_text(t->run->form, tui_choice(t, w, i)->label,
	    t->run->lang), width, &lines);
	free(lines);
	return n == 0 ? 1 : (int)n;
}

/* A likert scale on one row when it fits: "( ) 1  (*) 2 ...", the end
 * labels under it, then the label of the focused point. */
static int
tui_draw_scale(struct tui *t, struct tui_widget *w, int y, int rows, int *cy,
    int *cx)
{
	const struct form	*f = t->run->form;
	const char		*first, *last;
	char			 cell[16];
	size_t			 i;
	int			 step = 7, width = t->cols - 2;

	if (rows < 3 || !tui_is_scale(t, w))
		return 0;
	for (i = 0; i < w->nchoice; i++) {
		snprintf(cell, sizeof cell, "(%c) %lc", w->mark[i] ? '*' : ' ',
		    (wint_t)tui_choice_key(i));
		mvaddstr(y, 2 + (int)i * step, cell);
	}
	if (w->active) {
		*cy = y;
		*cx = 2 + (int)w->focus * step;
	}
	first = form_text(f, tui_choice(t, w, 0)->label, t->run->lang);
	last = form_text(f, tui_choice(t, w, w->nchoice - 1)->label,
	    t->run->lang);
	tui_put(y + 1, 2, first, strlen(first), width / 2 - 1);
	tui_put(y + 1, 2 + width / 2, last, strlen(last), width / 2);
	/* The focused point's label; elsewhere the chosen one's. */
	for (i = 0; !w->active && i < w->nchoice && w->mark[i] == 0; i++)
		;
	if (w->active)
		i = w->focus;
	mvaddstr(y + 2, 0, w->active ? "> " : "  ");
	if (i < w->nchoice)
		tui_put_wrapped(y + 2, 2, form_text(f, tui_choice(t, w,
		    i)->label, t->run->lang), width, rows - 2);
	return 1;
}

/* The choices as a list that scrolls to keep the focus in view. */
static void
tui_draw_list(struct tui *t, struct tui_widget *w, int y, int rows, int *cy,
    int *cx)
{
	const char	*label;
	char		 mark[16], key[8];
	size_t		 i;
	int		 width = t->cols - 9, used, h;

	if (w->focus < w->top)
		w->top = w->focus;
	for (;;) {
		for (used = 0, i = w->top; i <= w->focus; i++)
			used += tui_item_rows(t, w, i, width);
		if (used <= rows || w->top == w->focus)
			break;
		w->top++;
	}
	for (i = w->top, used = 0; i < w->nchoice && used < rows; i++) {
		if (i == w->focus && w->active) {
			mvaddstr(y + used, 0, ">");
			*cy = y + used;
			*cx = 0;
		}
		tui_mark_text(w, tui_question(t, w), i, mark, sizeof mark);
		snprintf(key, sizeof key, "%lc", (wint_t)tui_choice_key(i));
		mvaddstr(y + used, 2, mark);
		mvaddstr(y + used, 6, key);
		label = form_text(t->run->form, tui_choice(t, w, i)->label,
		    t->run->lang);
		h = tui_put_wrapped(y + used, 8, label, width, rows - used);
		used += h == 0 ? 1 : h;
	}
	if (w->top > 0)
		mvaddstr(y, t->cols - 1, "^");
	if (i < w->nchoice)
		mvaddstr(y + rows - 1, t->cols - 1, "v");
}

void
tui_widget_draw(struct tui *t, struct tui_widget *w, int y, int rows,
    int *cy, int *cx)
{
	const struct question	*qu = tui_question(t, w);
	int			 ey, ex;

	if (w->active) {
		*cy = y;
		*cx = 0;
	}
	if (rows < 1)
		return;
	if (question_has_choices(qu)) {
		if (qu->likert && tui_draw_scale(t, w, y, rows, cy, cx))
			return;
		tui_draw_list(t, w, y, rows, cy, cx);
	} else if (qu->type == QUESTION_ACKNOWLEDGE) {
		mvaddstr(y, 0, w->active ? ">" : " ");
		mvaddstr(y, 2, w->mark[0] ? "[x] OK" : "[ ] OK");
		if (w->active)
			*cx = 3;
	} else if (qu->type != QUESTION_NOTE) {
		mvaddstr(y, 0, w->active ? ">" : " ");
		tui_edit_draw(&w->edit, y, 2, qu->multiline ? rows : 1,
		    t->cols - 3, &ey, &ex);
		if (w->active) {
			*cy = ey;
			*cx = ex;
		}
	}
}

int
tui_widget_rows(struct tui *t, struct tui_widget *w)
{
	const struct question	*qu = tui_question(t, w);
	size_t			 i;
	int			 rows = 0;

	if (qu->type == QUESTION_NOTE)
		return 0;
	if (qu->multiline)
		return 4;
	if (!question_has_choices(qu))
		return 1;
	if (tui_is_scale(t, w))
		return 3;
	for (i = 0; i < w->nchoice; i++)
		rows += tui_item_rows(t, w, i, t->cols - 9);
	return rows;
}

int
tui_widget_text(struct tui *t, const struct tui_widget *w)
{
	const struct question	*qu = tui_question(t, w);

	return !question_has_choices(qu) && qu->type != QUESTION_NOTE &&
	    qu->type != QUESTION_ACKNOWLEDGE;
}
