/* tui-choice.c: the choice widgets of the curses screen: single choice
 * (a likert scale drawn on one row when it fits), multiple choice, rank.
 * A choice's key is the key shown beside it: its name when every name of
 * the list is a number (typed digit by digit, "10" as 1 then 0 within a
 * second), else 1-9 then letters. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app/tui.h"

/* Keys of choices: digits, then letters but j and k (they move). */
static const char tui_keys[] = "123456789abcdefghilmnopqrstuvwxyz";

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

/* The key of the i-th shown choice; "" when it has none. */
static const char *
tui_choice_key(const struct tui *t, const struct tui_widget *w, size_t i,
    char buf[2])
{
	if (w->by_name)
		return tui_choice(t, w, i)->name;
	buf[0] = i < sizeof tui_keys - 1 ? tui_keys[i] : '\0';
	buf[1] = '\0';
	return buf;
}

/* Columns of the widest key. */
static int
tui_key_width(const struct tui *t, const struct tui_widget *w)
{
	size_t	 i, n, widest = 1;

	for (i = 0; w->by_name && i < w->nchoice; i++) {
		if ((n = strlen(tui_choice(t, w, i)->name)) > widest)
			widest = n;
	}
	return widest > 8 ? 8 : (int)widest;
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

static void
tui_choice_load(struct tui *t, struct tui_widget *w)
{
	const int	*idx;

	w->nchoice = run_choices(t->run, w->q, &idx, &w->by_name);
	w->choice = xreallocarray(NULL, w->nchoice + 1, sizeof *w->choice);
	memcpy(w->choice, idx, w->nchoice * sizeof *w->choice);
	w->mark = xcalloc(w->nchoice + 1, sizeof *w->mark);
	tui_load_marks(t, w, answers_get(t->run->answers, w->q));
}

static char *
tui_choice_value(struct tui *t, struct tui_widget *w)
{
	const struct question	*qu = tui_question(t, w);
	struct buf		 b;
	char			*s;
	size_t			 i;
	int			 pos;

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

/* Columns between two points of a scale. */
static int
tui_scale_step(const struct tui *t, const struct tui_widget *w)
{
	int	 k = tui_key_width(t, w);

	return k + 5 > 7 ? k + 5 : 7;
}

int
tui_choice_is_scale(const struct tui *t, const struct tui_widget *w)
{
	return tui_question(t, w)->likert && w->nchoice <= 33 &&
	    (int)w->nchoice * tui_scale_step(t, w) <= t->cols - 2;
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
		else
			tui_say(t, run_pipe(t->run, answers_message(
			    t->run->answers, w->q, ANSWER_TOO_MANY,
			    t->run->lang)));
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

/* The choices whose key begins with the n bytes of s: their count, and
 * in *exact the one whose key is s, or nchoice. */
static size_t
tui_keys_from(const struct tui *t, const struct tui_widget *w, const char *s,
    size_t n, size_t *exact)
{
	const char	*key;
	char		 buf[2];
	size_t		 i, count = 0;

	*exact = w->nchoice;
	for (i = 0; i < w->nchoice; i++) {
		key = tui_choice_key(t, w, i, buf);
		if (strncmp(key, s, n) != 0)
			continue;
		count++;
		if (key[n] == '\0')
			*exact = i;
	}
	return count;
}

void
tui_choice_settle(struct tui *t, int force)
{
	struct tui_widget	*w;
	size_t			 exact;

	if (t->digits[0] == '\0' ||
	    (!force && tui_now() - t->digits_at < TUI_DIGIT_MS))
		return;
	tui_say(t, NULL);
	if (t->run->state == RUN_ASK && t->nw > 0 &&
	    (w = tui_focused(t))->ops == &tui_choice_ops) {
		tui_keys_from(t, w, t->digits, strlen(t->digits), &exact);
		if (exact < w->nchoice)
			tui_pick(t, w, exact);
	}
	t->digits[0] = '\0';
}

/* A digit of a choice key that is a number: pick when no longer key
 * begins with the digits so far, else wait for the next one. */
static int
tui_choice_digit(struct tui *t, struct tui_widget *w, char c)
{
	size_t	 n = strlen(t->digits), exact;

	if (n + 1 >= sizeof t->digits) {
		tui_choice_settle(t, 1);
		n = 0;
	}
	t->digits[n] = c;
	t->digits[n + 1] = '\0';
	if (n > 0 && tui_keys_from(t, w, t->digits, n + 1, &exact) == 0) {
		t->digits[n] = '\0';	/* no key goes on so: a new one */
		tui_choice_settle(t, 1);
		t->digits[0] = c;
		t->digits[1] = '\0';
		n = 0;
	}
	if (tui_keys_from(t, w, t->digits, n + 1, &exact) > 1) {
		t->digits_at = tui_now();
		tui_sayf(t, I18N_PENDING_KEY, t->digits);
		return 1;
	}
	t->digits[0] = '\0';
	if (exact < w->nchoice)
		tui_pick(t, w, exact);
	return 1;
}

/* A key typed for a choice: its own key picks it. */
static int
tui_choice_char(struct tui *t, struct tui_widget *w, wint_t k)
{
	size_t	 exact;
	char	 c = (char)k;

	if (k == 0 || k >= 128)
		return 0;
	if (w->by_name)
		return k >= L'0' && k <= L'9' && tui_choice_digit(t, w, c);
	tui_keys_from(t, w, &c, 1, &exact);
	if (exact >= w->nchoice)
		return 0;
	tui_pick(t, w, exact);
	return 1;
}

static int
tui_choice_key_op(struct tui *t, struct tui_widget *w, enum tui_op op,
    int is_key, wint_t k)
{
	if (w->nchoice == 0)
		return 0;
	switch (op) {
	case TUI_OP_UP:
		if (tui_choice_is_scale(t, w) || w->focus == 0)
			return 0;	/* to the widget above */
		w->focus--;
		return 1;
	case TUI_OP_DOWN:
		if (tui_choice_is_scale(t, w) || w->focus + 1 >= w->nchoice)
			return 0;
		w->focus++;
		return 1;
	case TUI_OP_LEFT:
		if (w->focus > 0)
			w->focus--;
		return 1;
	case TUI_OP_RIGHT:
		if (w->focus + 1 < w->nchoice)
			w->focus++;
		return 1;
	case TUI_OP_PICK:
		tui_pick(t, w, w->focus);
		return 1;
	case TUI_OP_RANK_UP:
	case TUI_OP_RANK_DOWN:
		tui_rank_move(w, op == TUI_OP_RANK_UP ? -1 : 1);
		return 1;
	case TUI_OP_NONE:
		return !is_key && tui_choice_char(t, w, k);
	default:
		return 0;
	}
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

/* Where the labels of a list begin, and their width. */
static int
tui_label_x(const struct tui *t, const struct tui_widget *w, int *width)
{
	int	 x = 7 + tui_key_width(t, w);

	*width = t->cols - x - 1;
	return x;
}

/* Rows the label of choice i takes at width. */
static int
tui_item_rows(const struct tui *t, const struct tui_widget *w, size_t i,
    int width)
{
	struct tui_line	*lines;
	size_t		 n;

	n = tui_wrap(run_text(t->run, tui_choice(t, w, i)->label), width,
	    &lines);
	free(lines);
	return n == 0 ? 1 : (int)n;
}

/* A likert scale on one row when it fits: "( ) 1  (*) 2 ...", the end
 * labels under it, then the label of the focused point. */
static int
tui_draw_scale(struct tui *t, struct tui_widget *w, int y, int rows, int *cy,
    int *cx)
{
	const char		*first, *last, *key;
	char			 buf[2];
	size_t			 i;
	int			 step = tui_scale_step(t, w), width = t->cols - 2;

	if (rows < 3 || !tui_choice_is_scale(t, w))
		return 0;
	for (i = 0; i < w->nchoice; i++) {
		key = tui_choice_key(t, w, i, buf);
		mvaddstr(y, 2 + (int)i * step, w->mark[i] ? "(*) " : "( ) ");
		tui_put(y, 6 + (int)i * step, key, strlen(key), step - 5);
	}
	if (w->active) {
		*cy = y;
		*cx = 2 + (int)w->focus * step;
	}
	first = run_text(t->run, tui_choice(t, w, 0)->label);
	last = run_text(t->run, tui_choice(t, w, w->nchoice - 1)->label);
	tui_put(y + 1, 2, first, strlen(first), width / 2 - 1);
	tui_put(y + 1, 2 + width / 2, last, strlen(last), width / 2);
	/* The focused point's label; elsewhere the chosen one's. */
	for (i = 0; !w->active && i < w->nchoice && w->mark[i] == 0; i++)
		;
	if (w->active)
		i = w->focus;
	mvaddstr(y + 2, 0, w->active ? "> " : "  ");
	if (i < w->nchoice)
		tui_put_wrapped(y + 2, 2, run_text(t->run, tui_choice(t, w,
		    i)->label), width, rows - 2);
	return 1;
}

/* The choices as a list that scrolls to keep the focus in view. */
static void
tui_draw_list(struct tui *t, struct tui_widget *w, int y, int rows, int *cy,
    int *cx)
{
	const char	*label, *key;
	char		 mark[16], buf[2];
	size_t		 i;
	int		 width, x, used, h;

	x = tui_label_x(t, w, &width);
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
		mvaddstr(y + used, 2, mark);
		key = tui_choice_key(t, w, i, buf);
		tui_put(y + used, 6, key, strlen(key), x - 7);
		label = run_text(t->run, tui_choice(t, w, i)->label);
		h = tui_put_wrapped(y + used, x, label, width, rows - used);
		used += h == 0 ? 1 : h;
	}
	if (w->top > 0)
		mvaddstr(y, t->cols - 1, "^");
	if (i < w->nchoice)
		mvaddstr(y + rows - 1, t->cols - 1, "v");
}

static void
tui_choice_draw(struct tui *t, struct tui_widget *w, int y, int rows,
    int *cy, int *cx)
{
	if (tui_question(t, w)->likert && tui_draw_scale(t, w, y, rows, cy,
	    cx))
		return;
	tui_draw_list(t, w, y, rows, cy, cx);
}

static int
tui_choice_rows(struct tui *t, struct tui_widget *w)
{
	size_t	 i;
	int	 rows = 0, width;

	if (tui_choice_is_scale(t, w))
		return 3;
	tui_label_x(t, w, &width);
	for (i = 0; i < w->nchoice; i++)
		rows += tui_item_rows(t, w, i, width);
	return rows;
}

static unsigned
tui_choice_bar(struct tui *t, struct tui_widget *w)
{
	const struct question	*qu = tui_question(t, w);

	if (qu->type == QUESTION_RANK)
		return TUI_IN_RANK;
	return qu->likert ? TUI_IN_SCALE : TUI_IN_CHOICE;
}

const struct tui_widget_ops tui_choice_ops = {
	tui_choice_load, tui_choice_key_op, tui_choice_rows, tui_choice_draw,
	tui_choice_value, tui_choice_bar
};
