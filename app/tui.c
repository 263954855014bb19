/* tui.c: the curses front end of "consult run": the screens (question,
 * review, help, languages, receipt), the keys, and the loop. Every rule
 * is the engine's (run.c); this file only draws and maps keys to it.
 * For slow links: one erase-and-draw per key, which curses turns into
 * the few bytes that changed; no clear() but between participants. */
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/tui.h"

#define TUI_CTRL(c)	((c) & 0x1f)

static void
tui_say(struct tui *t, const char *s)
{
	free(t->message);
	t->message = s != NULL ? xstrdup(s) : NULL;
}

static void
tui_sayf(struct tui *t, enum i18n_msg msg, const char *arg)
{
	struct buf	 b;

	buf_init(&b);
	i18n_format(&b, msg, arg);
	tui_say(t, buf_str(&b));
	buf_clear(&b);
}

/* Header: title and section on the left, N/M on the right. */
static void
tui_draw_header(struct tui *t)
{
	const char	*section = NULL;
	char		 progress[32];
	int		 n, m, w, x;

	run_progress(t->run, &n, &m);
	snprintf(progress, sizeof progress, " %d/%d", n, m);
	w = t->cols - (int)strlen(progress);
	x = tui_put(0, 0, t->run->form->title, strlen(t->run->form->title), w);
	if (t->run->state == RUN_ASK)
		section = run_section(t->run, t->run->current);
	if (section != NULL && x + 3 < w) {
		mvaddstr(0, x, " - ");
		tui_put(0, x + 3, section, strlen(section), w - x - 3);
	}
	mvaddstr(0, w, progress);
}

/* The review: every answer, then "Submit"; the focus scrolls. */
static void
tui_draw_review(struct tui *t, int *cy, int *cx)
{
	const struct form	*f = t->run->form;
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
		label = form_label(f, &f->questions[qs[i]], t->run->lang);
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

/* The languages of the form, the current one focused. */
static void
tui_draw_langs(struct tui *t, int *cy, int *cx)
{
	const struct form	*f = t->run->form;
	size_t			 i;

	tui_put(1, 0, i18n(I18N_LANGUAGES),
	    strlen(i18n(I18N_LANGUAGES)), t->cols);
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

/* A screen of text: help, receipt, saved, confirmations. */
static void
tui_draw_text(struct tui *t, const char *s, int *cy, int *cx)
{
	int	 used;

	used = tui_put_wrapped(2, 0, s, t->cols, t->rows - 5);
	*cy = 2 + used;
	*cx = 0;
}

/* The help bar of the current screen. */
static enum i18n_msg
tui_bar(struct tui *t)
{
	const struct question	*qu;

	if (t->overlay == TUI_LANGS)
		return I18N_BAR_MENU;
	if (t->run->state != RUN_ASK)
		return I18N_BAR_REVIEW;
	qu = &t->run->form->questions[tui_focused(t)->q];
	if (qu->type == QUESTION_RANK)
		return I18N_BAR_RANK;
	if (question_has_choices(qu) || qu->type == QUESTION_NOTE ||
	    qu->type == QUESTION_ACKNOWLEDGE)
		return I18N_BAR_CHOICE;
	return qu->multiline ? I18N_BAR_MULTILINE : I18N_BAR_TEXT;
}

/* The body of the screen for the overlay or the engine's state. */
static void
tui_draw_body(struct tui *t, int *cy, int *cx)
{
	struct buf	 b;

	buf_init(&b);
	switch (t->overlay) {
	case TUI_HELP:
		tui_draw_text(t, i18n(I18N_TUI_HELP), cy, cx);
		break;
	case TUI_LANGS:
		tui_draw_langs(t, cy, cx);
		break;
	case TUI_CONFIRM_SUBMIT:
		tui_draw_text(t, i18n(I18N_SUBMIT), cy, cx);
		break;
	case TUI_RECEIPT:
		buf_printf(&b, "Receipt: %s\n\n%s\n\n%s", t->run->receipt,
		    i18n(I18N_THANKS), i18n(t->run->kiosk ?
		    I18N_NEXT_PARTICIPANT : I18N_PRESS_KEY));
		tui_draw_text(t, buf_str(&b), cy, cx);
		break;
	case TUI_SAVED:
		i18n_format(&b, I18N_SAVED, t->run->code);
		buf_printf(&b, "\n\n%s", i18n(t->run->kiosk ?
		    I18N_NEXT_PARTICIPANT : I18N_PRESS_KEY));
		tui_draw_text(t, buf_str(&b), cy, cx);
		break;
	case TUI_NONE:
		if (t->run->state == RUN_ASK)
			tui_draw_question(t, cy, cx);
		else if (t->run->state == RUN_REVIEW)
			tui_draw_review(t, cy, cx);
		else if (t->run->state == RUN_CONFIRM_QUIT)
			tui_draw_text(t, i18n(I18N_QUIT_CONFIRM), cy, cx);
		break;
	}
	buf_clear(&b);
}

/* The status line: the last message, over the rows above it when it
 * is long (at most three). */
static void
tui_draw_message(struct tui *t)
{
	struct tui_line	*lines;
	size_t		 n, i;

	n = tui_wrap(t->message, t->cols, &lines);
	if (n > 3)
		n = 3;
	for (i = 0; i < n; i++) {
		move(t->rows - 1 - (int)n + (int)i, 0);
		clrtoeol();
		tui_put(t->rows - 1 - (int)n + (int)i, 0, t->message +
		    lines[i].start, lines[i].len, t->cols);
	}
	free(lines);
}

/* 1 if the terminal is below the smallest size drawn (40x12). */
static int
tui_too_small(const struct tui *t)
{
	return t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS;
}

static void
tui_draw(struct tui *t)
{
	const char	*bar;
	int		 cy = 1, cx = 0;

	erase();
	if (tui_too_small(t)) {
		/* Not a word at 1x1: ncurses 6.4 reads outside its buffers
		 * when the only cell is written (valgrind, test-bad-input). */
		if (t->cols > 1 || t->rows > 1)
			tui_put_wrapped(0, 0, i18n(I18N_TOO_SMALL),
			    t->cols, t->rows);
		move(0, 0);
		refresh();
		return;
	}
	tui_draw_header(t);
	tui_draw_body(t, &cy, &cx);
	if (t->message != NULL)
		tui_draw_message(t);
	bar = i18n(tui_bar(t));
	tui_put(t->rows - 1, 0, bar, strlen(bar), t->cols - 1);
	move(cy, cx);
	refresh();
}

/* After the engine's reaction: what the screen says next. */
static void
tui_react(struct tui *t, enum run_reaction re)
{
	switch (re) {
	case RUN_PROBLEM:
		tui_say(t, run_problem_text(t->run));
		break;
	case RUN_FIRST:
		tui_say(t, i18n(I18N_FIRST_QUESTION));
		break;
	case RUN_NO_LANG:
	case RUN_NO_ITEM:
	case RUN_UNKNOWN:
	case RUN_NOT_SUBMITTED:
	case RUN_NO_DRAFT:
	case RUN_RESUME_LATE:
	case RUN_HELP:
	case RUN_LANGS:
		break;
	case RUN_SHOW:
		tui_say(t, NULL);
		break;
	case RUN_SAVED:
		t->overlay = TUI_SAVED;
		t->saved = 1;
		break;
	case RUN_SUBMITTED:
		t->overlay = TUI_RECEIPT;
		break;
	case RUN_QUIT:
		t->done = 1;
		t->status_code = 0;
		break;
	case RUN_FAILED:
		t->done = 1;
		t->status_code = t->run->error_status;
		break;
	}
	if (t->run->state != RUN_ASK)
		t->q = -1;
	else if (re == RUN_SHOW || !tui_page_focus(t, t->run->current))
		tui_page_load(t);
}

/* Give the answers of the page to the engine. */
static void
tui_give(struct tui *t)
{
	char	**values;
	int	 *qs;
	size_t	  i, n = t->nw;	/* the reaction may load another page */

	values = xcalloc(n, sizeof *values);
	qs = xcalloc(n, sizeof *qs);
	for (i = 0; i < n; i++) {
		values[i] = tui_widget_value(t, &t->w[i]);
		qs[i] = t->w[i].q;
	}
	tui_react(t, run_give_page(t->run, qs, values, n));
	for (i = 0; i < n; i++)
		wipe_free(values[i]);
	free(values);
	free(qs);
}

/* Keys of the overlays; returns 1 if the key was theirs. */
static int
tui_overlay_key(struct tui *t, int is_key, wint_t k)
{
	const struct form	*f = t->run->form;
	char			*cmd;

	switch (t->overlay) {
	case TUI_NONE:
		return 0;
	case TUI_HELP:
		t->overlay = TUI_NONE;
		break;
	case TUI_LANGS:
		if ((is_key && k == KEY_UP) || (!is_key && k == L'k')) {
			if (t->rfocus > 0)
				t->rfocus--;
		} else if ((is_key && k == KEY_DOWN) || (!is_key && k == L'j')) {
			if (t->rfocus + 1 < f->nlangs)
				t->rfocus++;
		} else if ((is_key && k == KEY_ENTER) ||
		    (!is_key && (k == L'\r' || k == L'\n'))) {
			xasprintf(&cmd, "lang %s", f->langs[t->rfocus].name);
			tui_react(t, run_command(t->run, cmd));
			free(cmd);
			t->overlay = TUI_NONE;
			t->rfocus = 0;
		} else if (!is_key && k == 27)
			t->overlay = TUI_NONE;
		else if (!is_key && k >= L'1' && k < L'1' + (wint_t)f->nlangs &&
		    k <= L'9') {
			t->rfocus = k - L'1';
			return tui_overlay_key(t, 0, L'\r');
		}
		break;
	case TUI_CONFIRM_SUBMIT:
		t->overlay = TUI_NONE;
		if (!is_key && k < 128 && (k == L'y' || k == L'o' ||
		    k == L's' || k == L'Y' || k == L'O' || k == L'S'))
			tui_react(t, run_submit(t->run));
		break;
	case TUI_RECEIPT:
	case TUI_SAVED:
		t->overlay = TUI_NONE;
		if (!t->run->kiosk) {
			t->done = 1;
			break;
		}
		clear();	/* nothing of this participant stays */
		t->saved = 0;
		t->rfocus = t->rtop = 0;
		tui_react(t, run_next_participant(t->run));
		tui_sayf(t, I18N_RESUME_CODE, t->run->code);
		break;
	}
	return 1;
}

/* 1 if the key goes back from the current screen. In a text, only
 * PgUp, Backspace when it is empty and Left at its start do. */
static int
tui_is_back(struct tui *t, int is_key, wint_t k)
{
	const struct question	*qu;
	struct tui_widget	*w;
	int			 bksp;

	bksp = (is_key && k == KEY_BACKSPACE) || (!is_key && (k == 8 ||
	    k == 127));
	if (is_key && k == KEY_PPAGE)
		return 1;
	if (t->run->state != RUN_ASK)
		return bksp || (is_key && k == KEY_LEFT);
	w = tui_focused(t);
	qu = &t->run->form->questions[w->q];
	if (!tui_widget_text(t, w))
		return bksp || (is_key && k == KEY_LEFT && !qu->likert);
	return (bksp && w->edit.len == 0) ||
	    (is_key && k == KEY_LEFT && w->edit.cursor == 0);
}

static void
tui_review_key(struct tui *t, int is_key, wint_t k, int enter)
{
	const int	*qs;
	size_t		 n;

	n = run_review(t->run, &qs);
	if ((is_key && k == KEY_UP) || (!is_key && k == L'k')) {
		if (t->rfocus > 0)
			t->rfocus--;
	} else if ((is_key && k == KEY_DOWN) || (!is_key && k == L'j')) {
		if (t->rfocus < n)
			t->rfocus++;
	} else if ((enter && t->rfocus == n) || (!is_key && k == L's'))
		t->overlay = TUI_CONFIRM_SUBMIT;
	else if (enter)
		tui_react(t, run_jump(t->run, t->rfocus));
}

/* Keys that work on every screen but the overlays; returns 1 if k was
 * one. */
static int
tui_global_key(struct tui *t, int is_key, wint_t k, int text)
{
	if ((is_key && k == KEY_F(2)) || (!is_key && k == TUI_CTRL('t'))) {
		t->overlay = TUI_LANGS;
		t->rfocus = t->run->lang;
	} else if ((is_key && k == KEY_F(3)) || (!is_key && k == TUI_CTRL('s')))
		tui_react(t, run_command(t->run, "save"));
	else if (!is_key && k == TUI_CTRL('q') && t->run->kiosk)
		tui_react(t, run_command(t->run, "quit"));
	else if ((is_key && k == KEY_F(1)) || (!is_key && k == L'?' && !text))
		t->overlay = TUI_HELP;
	else if (tui_is_back(t, is_key, k))
		tui_react(t, run_command(t->run, "back"));
	else
		return 0;
	return 1;
}

/* A key for the widgets of the page: the focused one's, else Tab, Up
 * and Down move between them. */
static void
tui_page_key(struct tui *t, int is_key, wint_t k)
{
	tui_say(t, NULL);
	if (tui_widget_key(t, tui_focused(t), is_key, k))
		return;
	if (((is_key && k == KEY_DOWN) || (!is_key && k == L'\t')) &&
	    t->wfocus + 1 < t->nw)
		tui_page_focus(t, t->w[t->wfocus + 1].q);
	else if (((is_key && (k == KEY_UP || k == KEY_BTAB))) &&
	    t->wfocus > 0)
		tui_page_focus(t, t->w[t->wfocus - 1].q);
}

static void
tui_key(struct tui *t, int is_key, wint_t k)
{
	const struct question	*qu = NULL;
	int			 enter, text = 0;

	enter = (is_key && k == KEY_ENTER) || (!is_key && (k == L'\r' ||
	    k == L'\n'));
	if (t->run->state == RUN_ASK) {
		qu = &t->run->form->questions[tui_focused(t)->q];
		text = tui_widget_text(t, tui_focused(t));
	}
	if (!is_key && k == TUI_CTRL('l')) {
		clearok(curscr, TRUE);
		return;
	}
	if (tui_overlay_key(t, is_key, k))
		return;
	if (t->run->state == RUN_CONFIRM_QUIT) {
		tui_react(t, run_input(t->run, !is_key && (k == L'y' ||
		    k == L'o' || k == L's') ? "yes" : "no"));
		return;
	}
	if (tui_global_key(t, is_key, k, text))
		return;
	if (t->run->state == RUN_REVIEW)
		tui_review_key(t, is_key, k, enter);
	else if (qu != NULL && ((enter && !qu->multiline) ||
	    (qu->multiline && !is_key && k == TUI_CTRL('d'))))
		tui_give(t);
	else if (qu != NULL)
		tui_page_key(t, is_key, k);
}

/* After the screen is gone: what must stay in the terminal. */
static void
tui_farewell(struct tui *t)
{
	struct buf	 b;

	if (t->status_code != 0) {
		cmd_error(&cmd_run_entry, "%s", t->run->error);
		return;
	}
	buf_init(&b);
	if (t->saved)
		i18n_format(&b, I18N_SAVED, t->run->code);
	else if (t->run->receipt[0] != '\0' && !t->run->kiosk)
		buf_printf(&b, "Receipt: %s", t->run->receipt);
	if (b.len != 0)
		printf("%s\n", buf_str(&b));
	buf_clear(&b);
}

int
tui_main(struct run *r)
{
	struct tui	 t;
	SCREEN		*screen;
	wint_t		 k;
	int		 rc, dirty = 1;

	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");	/* forms are UTF-8 */
	if ((screen = newterm(NULL, stdout, stdin)) == NULL)
		return -1;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(100);
	timeout(500);	/* to notice SIGHUP and SIGTERM */
	memset(&t, 0, sizeof t);
	t.run = r;
	t.q = -1;
	getmaxyx(stdscr, t.rows, t.cols);
	r->paged = 1;
	if (r->state == RUN_ASK)
		tui_page_load(&t);
	tui_sayf(&t, I18N_RESUME_CODE, r->code);
	while (!t.done) {
		if (dirty)
			tui_draw(&t);
		rc = get_wch(&k);
		if (run_signalled)
			break;
		if ((dirty = rc != ERR) == 0)
			continue;
		if (rc == KEY_CODE_YES && k == KEY_RESIZE)
			getmaxyx(stdscr, t.rows, t.cols);
		else if (!tui_too_small(&t))	/* nothing answered unseen */
			tui_key(&t, rc == KEY_CODE_YES, k);
	}
	endwin();
	delscreen(screen);
	if (run_signalled)
		t.status_code = run_leave(r, "stopped by a signal");
	else
		tui_farewell(&t);
	tui_page_free(&t);
	free(t.message);
	return t.status_code;
}
