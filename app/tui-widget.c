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
tui_question(const struct tui *t)
{
	return &t->run->form->questions[t->q];
}

static const struct choice *
tui_choice(const struct tui *t, size_t i)
{
	return &form_question_list(t->run->form,
	    tui_question(t))->choices[t->choice[i]];
}

void
tui_widget_free(struct tui *t)
{
	free(t->choice);
	free(t->mark);
	t->choice = t->mark = NULL;
	t->nchoice = 0;
	tui_edit_clear(&t->edit);
}

/* Mark the choices named in the answer v (rank: by position). */
static void
tui_load_marks(struct tui *t, const char *v)
{
	size_t	 i, len;
	int	 pos = 0;

	while (*(v += strspn(v, " ")) != '\0') {
		len = strcspn(v, " ");
		pos++;
		for (i = 0; i < t->nchoice; i++) {
			if (strlen(tui_choice(t, i)->name) == len &&
			    strncmp(tui_choice(t, i)->name, v, len) == 0) {
				t->mark[i] = pos;
				if (pos == 1)
					t->focus = i;
			}
		}
		v += len;
	}
}

void
tui_widget_load(struct tui *t)
{
	const struct question	*qu;
	const char		*v;
	const int		*idx;
	int			 by_name;

	tui_widget_free(t);
	t->q = t->run->current;
	t->focus = t->top = 0;
	if (t->q < 0)
		return;
	qu = tui_question(t);
	v = answers_get(t->run->answers, t->q);
	if (question_has_choices(qu)) {
		t->nchoice = run_choices(t->run, t->q, &idx, &by_name);
		t->choice = xreallocarray(NULL, t->nchoice + 1,
		    sizeof *t->choice);
		memcpy(t->choice, idx, t->nchoice * sizeof *t->choice);
		t->mark = xcalloc(t->nchoice + 1, sizeof *t->mark);
		tui_load_marks(t, v);
	} else if (qu->type == QUESTION_ACKNOWLEDGE) {
		t->mark = xcalloc(1, sizeof *t->mark);
		t->mark[0] = strcmp(v, "OK") == 0;
	} else
		tui_edit_set(&t->edit, v);
}

char *
tui_widget_value(struct tui *t)
{
	const struct question	*qu = tui_question(t);
	struct buf		 b;
	char			*s;
	size_t			 i;
	int			 pos;

	if (qu->type == QUESTION_ACKNOWLEDGE)
		return xstrdup(t->mark[0] ? "OK" : "");
	if (!question_has_choices(qu))
		return tui_edit_get(&t->edit);
	buf_init(&b);
	for (pos = 1; pos <= (int)t->nchoice; pos++) {
		for (i = 0; i < t->nchoice; i++) {
			if (t->mark[i] == 0 ||
			    (qu->type == QUESTION_RANK && t->mark[i] != pos))
				continue;
			if (b.len != 0)
				buf_add_byte(&b, ' ');
			buf_add_str(&b, tui_choice(t, i)->name);
		}
		if (qu->type != QUESTION_RANK)
			break;
	}
	s = xstrdup(buf_str(&b));
	buf_clear(&b);
	return s;
}

/* Pick choice i: select it, toggle it, or rank it (again: unrank). */
static void
tui_pick(struct tui *t, size_t i)
{
	const struct question	*qu = tui_question(t);
	size_t			 j;
	int			 n = 0, was = t->mark[i];

	t->focus = i;
	if (qu->type == QUESTION_SELECT_ONE) {
		memset(t->mark, 0, t->nchoice * sizeof *t->mark);
		t->mark[i] = !was;
	} else if (qu->type == QUESTION_SELECT_MULTIPLE)
		t->mark[i] = !was;
	else if (was != 0) {
		t->mark[i] = 0;
		for (j = 0; j < t->nchoice; j++) {
			if (t->mark[j] > was)
				t->mark[j]--;
		}
	} else {
		for (j = 0; j < t->nchoice; j++)
			n += t->mark[j] != 0;
		if (n < qu->rank_max)
			t->mark[i] = n + 1;
		else {
			free(t->message);
			t->message = xstrdup(answers_message(t->run->answers,
			    t->q, ANSWER_TOO_MANY, t->run->lang));
		}
	}
}

/* Move the focused ranked item up (-1) or down (+1) the order. */
static void
tui_rank_move(struct tui *t, int dir)
{
	size_t	 j;
	int	 pos = t->mark[t->focus];

	if (pos == 0)
		return;
	for (j = 0; j < t->nchoice; j++) {
		if (t->mark[j] == pos + dir && pos + dir > 0) {
			t->mark[j] = pos;
			t->mark[t->focus] = pos + dir;
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
tui_choice_keys(struct tui *t, int is_key, wint_t k)
{
	const struct question	*qu = tui_question(t);
	const char		*p;

	if (t->nchoice == 0)
		return 0;
	if ((is_key && (k == KEY_UP || (qu->likert && k == KEY_LEFT))) ||
	    (!is_key && k == L'k')) {
		if (t->focus > 0)
			t->focus--;
	} else if ((is_key && (k == KEY_DOWN ||
	    (qu->likert && k == KEY_RIGHT))) || (!is_key && k == L'j')) {
		if (t->focus + 1 < t->nchoice)
			t->focus++;
	} else if (!is_key && k == L' ')
		tui_pick(t, t->focus);
	else if (qu->type == QUESTION_RANK && ((is_key && k == KEY_SR) ||
	    (!is_key && k == L'+')))
		tui_rank_move(t, -1);
	else if (qu->type == QUESTION_RANK && ((is_key && k == KEY_SF) ||
	    (!is_key && k == L'-')))
		tui_rank_move(t, 1);
	else if (!is_key && k < 128 && k != 0 &&
	    (p = strchr(tui_keys, (int)k)) != NULL &&
	    (size_t)(p - tui_keys) < t->nchoice)
		tui_pick(t, (size_t)(p - tui_keys));
	else
		return 0;
	return 1;
}

int
tui_widget_key(struct tui *t, int is_key, wint_t k)
{
	const struct question	*qu = tui_question(t);
	enum answer_problem	 why;

	if (question_has_choices(qu))
		return tui_choice_keys(t, is_key, k);
	if (qu->type == QUESTION_ACKNOWLEDGE) {
		if (is_key || (k != L' ' && k != L'y' && k != L'o'))
			return 0;
		t->mark[0] = !t->mark[0];
		return 1;
	}
	if (qu->type == QUESTION_NOTE)
		return 0;
	if (qu->multiline && !is_key && (k == L'\n' || k == L'\r')) {
		tui_edit_insert(&t->edit, L'\n');
		return 1;
	}
	if (tui_edit_key(&t->edit, is_key, k))
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
	tui_edit_insert(&t->edit, (wchar_t)k);
	return 1;
}

/* The box of choice i: "(*)", "[x]" or the rank "[2]". */
static void
tui_mark_text(const struct tui *t, size_t i, char *out, size_t size)
{
	switch (tui_question(t)->type) {
	case QUESTION_SELECT_ONE:
		snprintf(out, size, "(%c)", t->mark[i] ? '*' : ' ');
		break;
	case QUESTION_SELECT_MULTIPLE:
		snprintf(out, size, "[%c]", t->mark[i] ? 'x' : ' ');
		break;
	default:
		if (t->mark[i] != 0)
			snprintf(out, size, "[%d]", t->mark[i]);
		else
			snprintf(out, size, "[ ]");
		break;
	}
}

/* Rows the label of choice i takes at width. */
static int
tui_item_rows(const struct tui *t, size_t i, int width)
{
	struct tui_line	*lines;
	size_t		 n;

	n = tui_wrap(form_text(t->run->form, tui_choice(t, i)->label,
	    t->run->lang), width, &lines);
	free(lines);
	return n == 0 ? 1 : (int)n;
}

/* A likert scale on one row when it fits: "( ) 1  (*) 2 ...", the end
 * labels under it, then the label of the focused point. */
static int
tui_draw_scale(struct tui *t, int y, int rows, int *cy, int *cx)
{
	const struct form	*f = t->run->form;
	const char		*first, *last;
	char			 cell[16];
	size_t			 i;
	int			 step = 7, w = t->cols - 2;

	if (rows < 3 || (int)t->nchoice * step > w || t->nchoice > 33)
		return 0;
	for (i = 0; i < t->nchoice; i++) {
		snprintf(cell, sizeof cell, "(%c) %lc", t->mark[i] ? '*' : ' ',
		    (wint_t)tui_choice_key(i));
		mvaddstr(y, 2 + (int)i * step, cell);
	}
	*cy = y;
	*cx = 2 + (int)t->focus * step;
	first = form_text(f, tui_choice(t, 0)->label, t->run->lang);
	last = form_text(f, tui_choice(t, t->nchoice - 1)->label,
	    t->run->lang);
	tui_put(y + 1, 2, first, strlen(first), w / 2 - 1);
	tui_put(y + 1, 2 + w / 2, last, strlen(last), w / 2);
	mvaddstr(y + 2, 0, "> ");
	tui_put_wrapped(y + 2, 2, form_text(f, tui_choice(t, t->focus)->label,
	    t->run->lang), w, rows - 2);
	return 1;
}

/* The choices as a list that scrolls to keep the focus in view. */
static void
tui_draw_list(struct tui *t, int y, int rows, int *cy, int *cx)
{
	const char	*label;
	char		 mark[16], key[8];
	size_t		 i;
	int		 width = t->cols - 9, used, h;

	if (t->focus < t->top)
		t->top = t->focus;
	for (;;) {
		for (used = 0, i = t->top; i <= t->focus; i++)
			used += tui_item_rows(t, i, width);
		if (used <= rows || t->top == t->focus)
			break;
		t->top++;
	}
	for (i = t->top, used = 0; i < t->nchoice && used < rows; i++) {
		if (i == t->focus) {
			mvaddstr(y + used, 0, ">");
			*cy = y + used;
			*cx = 0;
		}
		tui_mark_text(t, i, mark, sizeof mark);
		snprintf(key, sizeof key, "%lc", (wint_t)tui_choice_key(i));
		mvaddstr(y + used, 2, mark);
		mvaddstr(y + used, 6, key);
		label = form_text(t->run->form, tui_choice(t, i)->label,
		    t->run->lang);
		h = tui_put_wrapped(y + used, 8, label, width, rows - used);
		used += h == 0 ? 1 : h;
	}
	if (t->top > 0)
		mvaddstr(y, t->cols - 1, "^");
	if (i < t->nchoice)
		mvaddstr(y + rows - 1, t->cols - 1, "v");
}

void
tui_widget_draw(struct tui *t, int y, int rows, int *cy, int *cx)
{
	const struct question	*qu = tui_question(t);
	int			 erows;

	*cy = y;
	*cx = 0;
	if (rows < 1)
		return;
	if (question_has_choices(qu)) {
		if (qu->likert && tui_draw_scale(t, y, rows, cy, cx))
			return;
		tui_draw_list(t, y, rows, cy, cx);
	} else if (qu->type == QUESTION_ACKNOWLEDGE) {
		mvaddstr(y, 0, t->mark[0] ? "> [x] OK" : "> [ ] OK");
		*cx = 3;
	} else if (qu->type != QUESTION_NOTE) {
		mvaddstr(y, 0, ">");
		erows = qu->multiline ? rows : 1;
		tui_edit_draw(&t->edit, y, 2, erows, t->cols - 3, cy, cx);
	}
}
