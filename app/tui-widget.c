/* tui-widget.c: the widgets of the curses screen, one family of
 * operations per kind of answer: choices (tui-choice.c), an editor for
 * text, numbers and dates (filtered as typed, capped as plain mode caps
 * them), and a box for acknowledgements (notes: nothing). A widget holds
 * the answer being given; the engine checks and stores it. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "app/tui.h"

static const struct question *
tui_question(const struct tui *t, const struct tui_widget *w)
{
	return &t->run->form->questions[w->q];
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

/* ---- text, numbers, dates ---------------------------------------------- */

static void
tui_edit_load(struct tui *t, struct tui_widget *w)
{
	struct buf	 b;

	buf_init(&b);
	run_answer_text(t->run, w->q, &b);	/* the parts asked */
	tui_edit_set(&w->edit, buf_str(&b),
	    tui_question(t, w)->multiline ? RUN_TEXT_MAX : RUN_LINE_MAX);
	buf_clear(&b);
}

static char *
tui_edit_value(struct tui *t, struct tui_widget *w)
{
	(void)t;
	return tui_edit_get(&w->edit);
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
	case QUESTION_TIME:
		return iswdigit(k) || k == L':';
	case QUESTION_DATETIME:
		return iswdigit(k) || k == L'-' || k == L':' || k == L' ' ||
		    k == L'T';
	default:
		return iswprint(k) || k == L' ';
	}
}

/* Say why a character is refused in a number or a date. */
static void
tui_refuse(struct tui *t, const struct question *qu)
{
	enum answer_problem	 why;

	switch (qu->type) {
	case QUESTION_INTEGER:
		why = ANSWER_NOT_INTEGER;
		break;
	case QUESTION_DATE:
		why = qu->date_parts == 1 ? ANSWER_NOT_YEAR :
		    qu->date_parts == 2 ? ANSWER_NOT_MONTH : ANSWER_NOT_DATE;
		break;
	case QUESTION_TIME:
		why = ANSWER_NOT_TIME;
		break;
	case QUESTION_DATETIME:
		why = ANSWER_NOT_DATETIME;
		break;
	default:
		why = ANSWER_NOT_NUMBER;
		break;
	}
	tui_say(t, answers_builtin_message(why,
	    &t->run->form->langs[t->run->lang]));
}

/* Insert a character, or say the text is at its most. */
static void
tui_edit_type(struct tui *t, struct tui_widget *w, wchar_t wc)
{
	if (!tui_edit_insert(&w->edit, wc))
		tui_say(t, i18n(I18N_TOO_LONG));
}

static int
tui_edit_key_op(struct tui *t, struct tui_widget *w, enum tui_op op,
    int is_key, wint_t k)
{
	const struct question	*qu = tui_question(t, w);
	int			 bksp;

	if (op == TUI_OP_NEWLINE) {
		tui_edit_type(t, w, L'\n');
		return 1;
	}
	if (op != TUI_OP_NONE)
		return 0;
	bksp = (is_key && k == KEY_BACKSPACE) || (!is_key && (k == 8 ||
	    k == 127));
	if ((bksp && w->edit.len == 0) ||
	    (is_key && k == KEY_LEFT && w->edit.cursor == 0)) {
		tui_do(t, TUI_OP_BACK);		/* w may be gone */
		return 1;
	}
	if (!is_key && k == L':' && w->edit.len == 0) {
		tui_prompt_open(t);		/* "::" types a colon */
		return 1;
	}
	if (tui_edit_key(&w->edit, is_key, k))
		return 1;
	if (is_key || k < 0x20 || k == 0x7f)
		return 0;
	if (!tui_accepts(qu, k))
		tui_refuse(t, qu);
	else
		tui_edit_type(t, w, (wchar_t)k);
	return 1;
}

static int
tui_edit_rows(struct tui *t, struct tui_widget *w)
{
	return tui_question(t, w)->multiline ? 4 : 1;
}

static void
tui_edit_widget_draw(struct tui *t, struct tui_widget *w, int y, int rows,
    int *cy, int *cx)
{
	int	 ey, ex;

	mvaddstr(y, 0, w->active ? ">" : " ");
	tui_edit_draw(&w->edit, y, 2, tui_question(t, w)->multiline ? rows :
	    1, t->cols - 3, &ey, &ex);
	if (w->active) {
		*cy = ey;
		*cx = ex;
	}
}

static unsigned
tui_edit_bar(struct tui *t, struct tui_widget *w)
{
	return tui_question(t, w)->multiline ? TUI_IN_LINES : TUI_IN_TEXT;
}

static const struct tui_widget_ops tui_edit_ops = {
	tui_edit_load, tui_edit_key_op, tui_edit_rows, tui_edit_widget_draw,
	tui_edit_value, tui_edit_bar
};

/* ---- acknowledgements and notes ---------------------------------------- */

static void
tui_ack_load(struct tui *t, struct tui_widget *w)
{
	w->mark = xcalloc(1, sizeof *w->mark);
	w->mark[0] = strcmp(answers_get(t->run->answers, w->q), "OK") == 0;
}

static char *
tui_ack_value(struct tui *t, struct tui_widget *w)
{
	(void)t;
	return xstrdup(w->mark[0] ? "OK" : "");
}

static int
tui_ack_key_op(struct tui *t, struct tui_widget *w, enum tui_op op,
    int is_key, wint_t k)
{
	if (tui_question(t, w)->type == QUESTION_NOTE)
		return 0;
	if (op == TUI_OP_PICK || (op == TUI_OP_NONE && !is_key &&
	    i18n_yes_key((int)k))) {
		w->mark[0] = !w->mark[0];
		return 1;
	}
	return 0;
}

static int
tui_ack_rows(struct tui *t, struct tui_widget *w)
{
	return tui_question(t, w)->type == QUESTION_NOTE ? 0 : 1;
}

static void
tui_ack_draw(struct tui *t, struct tui_widget *w, int y, int rows, int *cy,
    int *cx)
{
	(void)rows;
	if (tui_question(t, w)->type == QUESTION_NOTE)
		return;
	mvaddstr(y, 0, w->active ? ">" : " ");
	mvaddstr(y, 2, w->mark[0] ? "[x] OK" : "[ ] OK");
	if (w->active) {
		*cy = y;
		*cx = 3;
	}
}

static unsigned
tui_ack_bar(struct tui *t, struct tui_widget *w)
{
	(void)t;
	(void)w;
	return TUI_IN_OTHER;
}

static const struct tui_widget_ops tui_ack_ops = {
	tui_ack_load, tui_ack_key_op, tui_ack_rows, tui_ack_draw,
	tui_ack_value, tui_ack_bar
};

void
tui_widget_load(struct tui *t, struct tui_widget *w, int q)
{
	const struct question	*qu;

	tui_widget_free(w);
	w->q = q;
	qu = tui_question(t, w);
	if (question_has_choices(qu))
		w->ops = &tui_choice_ops;
	else if (qu->readonly)
		w->ops = &tui_fixed_ops;
	else if (qu->range_start != NULL)
		w->ops = &tui_range_ops;
	else if (qu->type == QUESTION_ACKNOWLEDGE || qu->type == QUESTION_NOTE)
		w->ops = &tui_ack_ops;
	else
		w->ops = &tui_edit_ops;
	w->ops->load(t, w);
}
