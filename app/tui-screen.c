/* tui-screen.c: the screens of the curses front end drawn over the
 * question's place, each taking every key: the overlays (help, languages,
 * "Submit?", the receipt, the saved draft), the review and the
 * facilitator's confirmation; and the ":" command line at the bottom,
 * which takes plain mode's commands. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app/tui.h"

#define TUI_PROMPT_MAX	256	/* bytes of a command line */

/* A screen of text from row 2. */
static void
tui_draw_text(struct tui *t, const char *s, int *cy, int *cx)
{
	int	 used;

	used = tui_put_wrapped(2, 0, s, t->cols, t->rows - 5);
	*cy = 2 + used;
	*cx = 0;
}

/* The help: the key table's lines from t->rtop, as many as fit. */
static void
tui_help_draw(struct tui *t, int *cy, int *cx)
{
	struct tui_line	*lines;
	struct buf	 b;
	size_t		 n, i;
	int		 rows = t->rows - 5, y = 2;

	buf_init(&b);
	tui_key_help(&b, t->run->kiosk, run_closed(t->run));
	if (run_has_repeats(t->run)) {	/* :add and :delete */
		buf_add_byte(&b, '\n');
		buf_add_str(&b, i18n(I18N_HELP_REPEAT));
	}
	n = tui_wrap(buf_str(&b), t->cols - 1, &lines);
	if (t->rtop + (size_t)rows > n)
		t->rtop = n > (size_t)rows ? n - (size_t)rows : 0;
	for (i = t->rtop; i < n && y < 2 + rows; i++, y++)
		tui_put(y, 0, buf_str(&b) + lines[i].start, lines[i].len,
		    t->cols - 1);
	if (t->rtop > 0)
		mvaddstr(2, t->cols - 1, "^");
	if (i < n)
		mvaddstr(y - 1, t->cols - 1, "v");
	*cy = y;
	*cx = 0;
	free(lines);
	buf_clear(&b);
}

/* Up and Down scroll the help; any other key closes it. */
static void
tui_help_key(struct tui *t, int is_key, wint_t k)
{
	if ((is_key && (k == KEY_UP || k == KEY_PPAGE)) ||
	    (!is_key && k == L'k')) {
		t->rtop -= t->rtop > 0;
		return;
	}
	if ((is_key && (k == KEY_DOWN || k == KEY_NPAGE)) ||
	    (!is_key && k == L'j')) {
		t->rtop += (is_key && k == KEY_NPAGE) ? (size_t)t->rows / 2 : 1;
		return;
	}
	t->overlay = TUI_NONE;
	t->rtop = 0;
}

/* The languages of the form, the current one focused. */
static void
tui_langs_draw(struct tui *t, int *cy, int *cx)
{
	const struct form	*f = t->run->form;
	size_t			 i;

	tui_put(1, 0, i18n(I18N_LANGUAGES), strlen(i18n(I18N_LANGUAGES)),
	    t->cols);
	for (i = 0; i < f->nlangs && (int)i < t->rows - 5; i++) {
		if (i == t->rfocus) {
			mvaddstr(3 + (int)i, 0, ">");
			*cy = 3 + (int)i;
			*cx = 0;
		}
		mvprintw(3 + (int)i, 2, "%zu ", i + 1);
		tui_put(3 + (int)i, 5, f->langs[i].name,
		    strlen(f->langs[i].name), t->cols - 5);
	}
}

static void
tui_langs_key(struct tui *t, int is_key, wint_t k)
{
	const struct form	*f = t->run->form;
	size_t			 l;

	if (!is_key && k >= L'1' && k <= L'9' &&
	    (size_t)(k - L'1') < f->nlangs) {
		t->rfocus = (size_t)(k - L'1');
		k = L'\r';
	}
	switch (tui_key_op(t, is_key, k)) {
	case TUI_OP_UP:
		if (t->rfocus > 0)
			t->rfocus--;
		break;
	case TUI_OP_DOWN:
		if (t->rfocus + 1 < f->nlangs)
			t->rfocus++;
		break;
	case TUI_OP_CHOOSE:
		l = t->rfocus;
		t->overlay = TUI_NONE;
		t->rfocus = 0;
		tui_react(t, run_do(t->run, RUN_OP_LANG, f->langs[l].name));
		break;
	case TUI_OP_CANCEL:
		t->overlay = TUI_NONE;
		break;
	case TUI_OP_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static void
tui_confirm_draw(struct tui *t, int *cy, int *cx)
{
	tui_draw_text(t, i18n(I18N_SUBMIT), cy, cx);
}

static void
tui_confirm_key(struct tui *t, int is_key, wint_t k)
{
	t->overlay = TUI_NONE;
	if (!is_key && i18n_yes_key((int)k))
		tui_react(t, run_submit(t->run));
}

/* The receipt, or the saved draft's resume code, and what comes next. */
static void
tui_end_draw(struct tui *t, int *cy, int *cx)
{
	struct buf	 b;

	buf_init(&b);
	if (t->overlay == TUI_RECEIPT) {
		run_receipt_line(t->run, &b);
		buf_printf(&b, "\n\n%s", i18n(I18N_THANKS));
	} else
		i18n_format(&b, I18N_SAVED, t->run->code);
	buf_printf(&b, "\n\n%s", i18n(t->run->kiosk ? I18N_NEXT_PARTICIPANT :
	    I18N_PRESS_KEY));
	tui_draw_text(t, buf_str(&b), cy, cx);
	buf_clear(&b);
}

/* A key after the receipt or the saved draft: leave, or (kiosk) hand
 * the screen to the next participant with nothing of this one left. */
static void
tui_end_key(struct tui *t, int is_key, wint_t k)
{
	(void)is_key;
	(void)k;
	t->overlay = TUI_NONE;
	if (!t->run->kiosk) {
		t->done = 1;
		return;
	}
	clear();
	t->saved = 0;
	t->rfocus = t->rtop = 0;
	tui_react(t, run_next_participant(t->run));
	if (!run_closed(t->run))
		tui_sayf(t, I18N_RESUME_CODE, t->run->code);
}

const struct tui_screen tui_screens[TUI_NOVERLAYS] = {
	[TUI_HELP] = { tui_help_draw, tui_help_key },
	[TUI_LANGS] = { tui_langs_draw, tui_langs_key },
	[TUI_CONFIRM_SUBMIT] = { tui_confirm_draw, tui_confirm_key },
	[TUI_RECEIPT] = { tui_end_draw, tui_end_key },
	[TUI_SAVED] = { tui_end_draw, tui_end_key },
};

/* An item's label, after its instance ("Proposal 2 of 3: Title") in a
 * repeat, or before it ("Title (Proposal 2 of 3)") where both do not fit
 * in width columns: the label is what must show. In b or borrowed. */
static const char *
tui_review_label(struct tui *t, int q, int width, struct buf *b)
{
	const char	*label, *section;

	label = run_label(t->run, q);
	if (form_repeat_of(t->run->form, q) < 0 ||
	    (section = run_section(t->run, q)) == NULL)
		return label;
	b->len = 0;
	if ((int)(utf8_width(section) + 2 + utf8_width(label)) <= width) {
		buf_printf(b, "%s: %s", section, label);
		return buf_str(b);
	}
	buf_printf(b, "%s (%s)", label, section);
	return buf_str(b);
}

/* The review: every answer, then "Submit"; the focus scrolls. */
static void
tui_review_draw(struct tui *t, int *cy, int *cx)
{
	const int		*qs;
	const char		*label;
	struct buf		 b;
	size_t			 n, i;
	int			 y = 2, rows = (t->rows - 5) / 2;
	char			 num[16];

	tui_put(1, 0, i18n(I18N_REVIEW),
	    strlen(i18n(I18N_REVIEW)), t->cols);
	n = run_review(t->run, &qs);
	if (t->rfocus > n)
		t->rfocus = n;
	if (t->rfocus < t->rtop)
		t->rtop = t->rfocus;
	if (t->rfocus >= t->rtop + (size_t)rows)
		t->rtop = t->rfocus - (size_t)rows + 1;
	buf_init(&b);
	for (i = t->rtop; i <= n && y < t->rows - 3; i++, y += 2) {
		if (i == t->rfocus) {
			mvaddstr(y, 0, ">");
			*cy = y;
			*cx = 0;
		}
		if (i == n) {
			tui_put(y, 2, i18n(I18N_SUBMIT_ITEM),
			    strlen(i18n(I18N_SUBMIT_ITEM)),
			    t->cols - 2);
			break;
		}
		snprintf(num, sizeof num, "%zu. ", i + 1);
		mvaddstr(y, 2, num);
		run_review_select(t->run, i);
		label = tui_review_label(t, qs[i], t->cols - 7, &b);
		tui_put(y, 2 + (int)strlen(num), label, strlen(label),
		    t->cols - 7);
		b.len = 0;
		run_answer_text(t->run, qs[i], &b);
		if (b.len == 0)
			buf_add_str(&b, i18n(I18N_NO_ANSWER));
		tui_put(y + 1, 6, buf_str(&b), b.len, t->cols - 6);
	}
	buf_clear(&b);
}

/* Up and Down at the review. */
static void
tui_review_move(struct tui *t, int dir)
{
	const int	*qs;
	size_t		 n;

	n = run_review(t->run, &qs);
	if (dir < 0 && t->rfocus > 0)
		t->rfocus--;
	else if (dir > 0 && t->rfocus < n)
		t->rfocus++;
}

/* Enter at the review: change that answer, or the last item, submit. */
static void
tui_review_change(struct tui *t)
{
	const int	*qs;

	if (t->rfocus >= run_review(t->run, &qs))
		t->overlay = TUI_CONFIRM_SUBMIT;
	else
		tui_react(t, run_jump(t->run, t->rfocus));
}

/* The review's keys: its own moves, else the op of the key table. */
static void
tui_review_key(struct tui *t, int is_key, wint_t k)
{
	enum tui_op	 op = tui_key_op(t, is_key, k);

	switch (op) {
	case TUI_OP_UP:
	case TUI_OP_DOWN:
		tui_review_move(t, op == TUI_OP_UP ? -1 : 1);
		break;
	case TUI_OP_CHANGE:
		tui_review_change(t);
		break;
	case TUI_OP_SUBMIT:
		t->overlay = TUI_CONFIRM_SUBMIT;
		break;
	default:
		tui_do(t, op);
		break;
	}
}

const struct tui_screen tui_review_screen = {
	tui_review_draw, tui_review_key
};

static void
tui_quit_draw(struct tui *t, int *cy, int *cx)
{
	tui_draw_text(t, i18n(I18N_QUIT_CONFIRM), cy, cx);
}

/* At the facilitator's "End kiosk mode?": a yes key ends it. */
static void
tui_quit_key(struct tui *t, int is_key, wint_t k)
{
	char	 word[2] = { '\0', '\0' };

	if (!is_key && i18n_yes_key((int)k))
		word[0] = (char)k;
	tui_react(t, run_input(t->run, word));
}

const struct tui_screen tui_quit_screen = { tui_quit_draw, tui_quit_key };

/* ---- the ":" command line ---------------------------------------------- */

void
tui_prompt_open(struct tui *t)
{
	tui_choice_settle(t, 1);
	tui_edit_set(&t->prompt, "", TUI_PROMPT_MAX);
	t->prompting = 1;
	tui_say(t, NULL);
}

/* Close the line, its text wiped (it may hold a resume code). */
static void
tui_prompt_close(struct tui *t)
{
	tui_edit_clear(&t->prompt);
	t->prompting = 0;
}

/* Run the command typed; say what the engine answers. */
static void
tui_prompt_run(struct tui *t)
{
	enum run_reaction	 re;
	struct buf		 b;
	char			*line;
	const char		*arg;

	line = tui_edit_get(&t->prompt);
	tui_prompt_close(t);
	re = run_command(t->run, line);
	arg = line + strspn(line, " \t");
	arg += strcspn(arg, " \t");
	arg += strspn(arg, " \t");
	buf_init(&b);
	if (re == RUN_UNKNOWN) {
		buf_printf(&b, ":%s", line);
		tui_react(t, re);
		tui_sayf(t, I18N_UNKNOWN_COMMAND, buf_str(&b));
	} else if (re == RUN_NO_LANG) {
		tui_react(t, re);
		tui_sayf(t, I18N_NO_LANGUAGE, arg);
	} else if (re == RUN_NO_ITEM) {
		tui_react(t, re);
		tui_sayf(t, I18N_NO_QUESTION, line);
	} else
		tui_react(t, re);
	buf_clear(&b);
	wipe_free(line);
}

void
tui_prompt_key(struct tui *t, int is_key, wint_t k)
{
	struct tui_widget	*w;

	if ((!is_key && k == 27) || (t->prompt.len == 0 && ((is_key &&
	    k == KEY_BACKSPACE) || (!is_key && (k == 8 || k == 127))))) {
		tui_prompt_close(t);
		return;
	}
	if (!is_key && k == L':' && t->prompt.len == 0) {
		/* "::" is a colon typed into a text. */
		tui_prompt_close(t);
		if (t->run->state != RUN_ASK || t->nw == 0)
			return;
		w = tui_focused(t);
		if ((w->ops->bar(t, w) & (TUI_IN_TEXT | TUI_IN_LINES)) != 0)
			(void)tui_edit_insert(&w->edit, L':');
		return;
	}
	if ((is_key && k == KEY_ENTER) || (!is_key && (k == L'\r' ||
	    k == L'\n'))) {
		tui_prompt_run(t);
		return;
	}
	if (tui_edit_key(&t->prompt, is_key, k) || is_key || k < 0x20 ||
	    k == 0x7f)
		return;
	if (!tui_edit_insert(&t->prompt, (wchar_t)k))
		tui_say(t, i18n(I18N_TOO_LONG));
}

void
tui_prompt_draw(struct tui *t, int *cy, int *cx)
{
	move(t->rows - 1, 0);
	clrtoeol();
	mvaddstr(t->rows - 1, 0, ":");
	tui_edit_draw(&t->prompt, t->rows - 1, 1, 1, t->cols - 2, cy, cx);
}
