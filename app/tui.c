/* tui.c: the curses front end of "consult run": the question and review
 * screens, what each op of the key table does, and the loop. Every rule
 * is the engine's (run.c); this file only draws and maps keys to it.
 * For slow links: one erase-and-draw per key, which curses turns into
 * the few bytes that changed; no clear() but between participants. */
#include <sys/ioctl.h>

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "app/tui.h"

/* Set by SIGWINCH: the loop reads the new size (curses must not: it
 * would allocate for whatever size a client claims). */
static volatile sig_atomic_t tui_winched;

long long
tui_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
tui_say(struct tui *t, const char *s)
{
	free(t->message);
	t->message = s != NULL ? xstrdup(s) : NULL;
}

void
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
	if (t->run->state == RUN_INVITE)
		progress[0] = '\0';	/* before the first question */
	w = t->cols - (int)strlen(progress);
	if (t->run->state == RUN_ASK)
		section = run_section(t->run, t->run->current);
	else if (t->run->state == RUN_ADD)
		section = run_section(t->run, t->run->repeat);
	/* Where both do not fit, the section ("Proposal 2 of 3") says more
	 * than the title. */
	if (section != NULL && (int)(utf8_width(t->run->form->title) + 3 +
	    utf8_width(section)) > w) {
		tui_put(0, 0, section, strlen(section), w);
		mvaddstr(0, w, progress);
		return;
	}
	x = tui_put(0, 0, t->run->form->title, strlen(t->run->form->title), w);
	if (section != NULL && x + 3 < w) {
		mvaddstr(0, x, " - ");
		tui_put(0, x + 3, section, strlen(section), w - x - 3);
	}
	mvaddstr(0, w, progress);
}

/* The screen over the question's place now: an overlay, the review or
 * the facilitator's confirmation; NULL for the question. */
static const struct tui_screen *
tui_screen_now(struct tui *t)
{
	if (t->overlay != TUI_NONE)
		return &tui_screens[t->overlay];
	if (t->run->state == RUN_REVIEW)
		return &tui_review_screen;
	if (t->run->state == RUN_CONFIRM_QUIT)
		return &tui_quit_screen;
	if (t->run->state == RUN_INVITE)
		return &tui_invite_screen;
	if (t->run->state == RUN_ADD)
		return &tui_add_screen;
	return NULL;
}

/* The body of the screen: the screen now, else the question. */
static void
tui_draw_body(struct tui *t, int *cy, int *cx)
{
	const struct tui_screen	*screen;

	if ((screen = tui_screen_now(t)) != NULL)
		screen->draw(t, cy, cx);
	else if (t->run->state == RUN_ASK)
		tui_draw_question(t, cy, cx);
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

/* The word for a window that cannot be drawn in, or NULL: below the
 * smallest size drawn (40x12) or beyond the largest. */
static const char *
tui_misfit(const struct tui *t)
{
	if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS)
		return i18n(I18N_TOO_SMALL);
	if (t->cols > TUI_MAX_COLS || t->rows > TUI_MAX_ROWS)
		return i18n(I18N_TOO_LARGE);
	return NULL;
}

/* The key bar, or the ":" line. */
static void
tui_draw_bar(struct tui *t, int *cy, int *cx)
{
	struct buf	 b;

	if (t->prompting) {
		tui_prompt_draw(t, cy, cx);
		return;
	}
	buf_init(&b);
	if (t->overlay == TUI_NONE || t->overlay == TUI_LANGS)
		tui_key_bar(t, &b);
	tui_put(t->rows - 1, 0, buf_str(&b), b.len, t->cols - 1);
	buf_clear(&b);
}

static void
tui_draw(struct tui *t)
{
	const char	*misfit;
	int		 cy = 1, cx = 0;

	erase();
	if ((misfit = tui_misfit(t)) != NULL) {
		/* Not a word at 1x1: ncurses 6.4 reads outside its buffers
		 * when the only cell is written (valgrind, test-bad-input). */
		if (t->cols > 1 || t->rows > 1)
			tui_put_wrapped(0, 0, misfit, t->cols < TUI_MAX_COLS ?
			    t->cols : TUI_MAX_COLS, t->rows);
		move(0, 0);
		refresh();
		return;
	}
	tui_draw_header(t);
	tui_draw_body(t, &cy, &cx);
	if (t->message != NULL)
		tui_draw_message(t);
	tui_draw_bar(t, &cy, &cx);
	move(cy, cx);
	refresh();
}

void
tui_react(struct tui *t, enum run_reaction re)
{
	switch (re) {
	case RUN_PROBLEM:
		tui_say(t, run_problem_text(t->run));
		break;
	case RUN_FIRST:
		tui_say(t, i18n(I18N_FIRST_QUESTION));
		break;
	case RUN_NO_DRAFT:
		tui_say(t, i18n(I18N_NO_DRAFT));
		break;
	case RUN_RESUME_LATE:
		tui_say(t, i18n(I18N_RESUME_LATE));
		break;
	case RUN_INVITE_WRONG:
		tui_say(t, i18n(I18N_INVITE_WRONG));
		break;
	case RUN_INVITE_USED:
		tui_say(t, i18n(I18N_INVITE_USED));
		break;
	case RUN_INVITE_WITHDRAWN:
		tui_say(t, i18n(I18N_INVITE_WITHDRAWN));
		break;
	case RUN_INVITE_LATE:
		tui_say(t, i18n(I18N_INVITE_LATE));
		break;
	case RUN_NOT_SUBMITTED:
		tui_say(t, i18n(I18N_NOT_SUBMITTED));
		break;
	case RUN_DELETED:
	case RUN_NOT_IN_REPEAT:
	case RUN_CANNOT_ADD:
		tui_say_repeat(t, re);
		break;
	case RUN_NO_LANG:
	case RUN_NO_ITEM:
	case RUN_UNKNOWN:
		break;		/* the caller says it, with what was typed */
	case RUN_HELP:
		t->overlay = TUI_HELP;
		t->rtop = 0;
		break;
	case RUN_LANGS:
		t->overlay = TUI_LANGS;
		t->rfocus = t->run->lang;
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
		values[i] = t->w[i].ops->value(t, &t->w[i]);
		qs[i] = t->w[i].q;
	}
	tui_react(t, run_answer(t->run, qs, values, n));
	for (i = 0; i < n; i++)
		wipe_free(values[i]);
	free(values);
	free(qs);
}

/* Up and Down on a question: the focused widget's, else to the widget
 * above or below on the page. */
static void
tui_page_move(struct tui *t, enum tui_op op)
{
	struct tui_widget	*w = tui_focused(t);

	if (w->ops->key(t, w, op, 0, 0))
		return;
	if (op == TUI_OP_DOWN && t->wfocus + 1 < t->nw)
		tui_page_focus(t, t->w[t->wfocus + 1].q);
	else if (op == TUI_OP_UP && t->wfocus > 0)
		tui_page_focus(t, t->w[t->wfocus - 1].q);
}

void
tui_do(struct tui *t, enum tui_op op)
{
	switch (op) {
	case TUI_OP_NEXT:
	case TUI_OP_DONE:
		tui_give(t);
		break;
	case TUI_OP_BACK:
		tui_react(t, run_do(t->run, RUN_OP_BACK, ""));
		break;
	case TUI_OP_UP:
	case TUI_OP_DOWN:
		if (t->run->state == RUN_ASK)
			tui_page_move(t, op);
		break;
	case TUI_OP_LANGS:
		tui_react(t, run_do(t->run, RUN_OP_LANG, ""));
		break;
	case TUI_OP_SAVE:
		tui_react(t, run_do(t->run, RUN_OP_SAVE, ""));
		break;
	case TUI_OP_QUIT:
		if (t->run->kiosk)
			tui_react(t, run_do(t->run, RUN_OP_QUIT, ""));
		break;
	case TUI_OP_PROMPT:
		tui_prompt_open(t);
		break;
	case TUI_OP_REDRAW:
		clearok(curscr, TRUE);
		break;
	case TUI_OP_HELP:
		tui_react(t, run_do(t->run, RUN_OP_HELP, ""));
		break;
	default:
		break;
	}
}

static void
tui_key(struct tui *t, int is_key, wint_t k)
{
	const struct tui_screen	*screen;
	struct tui_widget	*w;
	enum tui_op		 op;

	if (t->digits[0] != '\0' && (is_key || k < L'0' || k > L'9'))
		tui_choice_settle(t, 1);
	if (t->prompting) {
		tui_prompt_key(t, is_key, k);
		return;
	}
	if ((screen = tui_screen_now(t)) != NULL) {
		screen->key(t, is_key, k);
		return;
	}
	op = tui_key_op(t, is_key, k);
	if (t->run->state != RUN_ASK || op == TUI_OP_UP || op == TUI_OP_DOWN) {
		tui_do(t, op);
		return;
	}
	w = tui_focused(t);
	if (op == TUI_OP_NONE || op == TUI_OP_PICK || op == TUI_OP_LEFT ||
	    op == TUI_OP_RIGHT || op == TUI_OP_RANK_UP ||
	    op == TUI_OP_RANK_DOWN || op == TUI_OP_NEWLINE) {
		if (op != TUI_OP_NONE || !t->digits[0])
			tui_say(t, NULL);
		w->ops->key(t, w, op, is_key, k);
	} else
		tui_do(t, op);
}

/* After the screen is gone: what must stay in the terminal. */
static void
tui_farewell(struct tui *t)
{
	struct buf	 b;

	if (t->status_code != 0) {
		run_say_failure(t->run);
		return;
	}
	buf_init(&b);
	if (t->saved)
		i18n_format(&b, I18N_SAVED, t->run->code);
	else if (t->run->receipt[0] != '\0' && !t->run->kiosk)
		run_receipt_line(t->run, &b);
	if (b.len != 0)
		printf("%s\n", buf_str(&b));
	buf_clear(&b);
}

static void
tui_winch(int sig)
{
	(void)sig;
	tui_winched = 1;
}

/* The window's size from the terminal, each side clamped to one more
 * than the largest drawn (so that "too large" shows); 0 if unknown. */
static int
tui_window_size(int *rows, int *cols)
{
	struct winsize	 ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 ||
	    ws.ws_col == 0)
		return 0;
	*rows = ws.ws_row > TUI_MAX_ROWS ? TUI_MAX_ROWS + 1 : ws.ws_row;
	*cols = ws.ws_col > TUI_MAX_COLS ? TUI_MAX_COLS + 1 : ws.ws_col;
	return 1;
}

/* Before curses starts: its size from the clamped window (through
 * LINES and COLUMNS, which it reads over the terminal's), and SIGWINCH
 * ours, so that curses installs no handler of its own. */
static void
tui_size_init(void)
{
	struct sigaction	 sa;
	char			 num[16];
	int			 rows, cols;

	if (tui_window_size(&rows, &cols)) {
		snprintf(num, sizeof num, "%d", rows);
		setenv("LINES", num, 1);
		snprintf(num, sizeof num, "%d", cols);
		setenv("COLUMNS", num, 1);
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = tui_winch;
	sigaction(SIGWINCH, &sa, NULL);
}

/* After SIGWINCH: curses takes the clamped new size. */
static void
tui_resize(struct tui *t)
{
	int	 rows, cols;

	tui_winched = 0;
	if (tui_window_size(&rows, &cols) &&
	    (rows != t->rows || cols != t->cols))
		resize_term(rows, cols);
	getmaxyx(stdscr, t->rows, t->cols);
}

/* 1 if keys are waiting to be read (a paste): the screen is drawn once
 * they are all taken, not once for each. */
static int
tui_typeahead(void)
{
	struct pollfd	 p;

	p.fd = STDIN_FILENO;
	p.events = POLLIN;
	return poll(&p, 1, 0) > 0;
}

/* Wait for a key (at most half a second: signals, a pending digit). */
static int
tui_wait(struct tui *t, wint_t *k)
{
	timeout(t->digits[0] != '\0' ? 100 : 500);
	return get_wch(k);
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
	tui_size_init();
	if ((screen = newterm(NULL, stdout, stdin)) == NULL)
		return -1;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(100);
	memset(&t, 0, sizeof t);
	t.run = r;
	t.q = -1;
	getmaxyx(stdscr, t.rows, t.cols);
	run_set_paged(r, 1);
	if (r->state == RUN_ASK)
		tui_page_load(&t);
	if (run_closed(r))
		tui_say(&t, r->state == RUN_INVITE ? NULL :
		    i18n(I18N_INVITE_RESUME));
	else
		tui_sayf(&t, I18N_RESUME_CODE, r->code);
	while (!t.done) {
		if (dirty && !tui_typeahead()) {
			tui_draw(&t);
			dirty = 0;
		}
		rc = tui_wait(&t, &k);
		if (run_signalled)
			break;
		dirty |= rc != ERR;
		if (tui_winched) {
			tui_resize(&t);
			dirty = 1;
		}
		if (rc == ERR && t.digits[0] != '\0') {
			tui_choice_settle(&t, 0);
			dirty |= t.digits[0] == '\0';
		}
		if (rc == ERR || (rc == KEY_CODE_YES && k == KEY_RESIZE))
			continue;
		if (tui_misfit(&t) == NULL)	/* nothing answered unseen */
			tui_key(&t, rc == KEY_CODE_YES, k);
	}
	endwin();
	delscreen(screen);
	if (run_signalled)
		t.status_code = run_leave(r, "stopped by a signal");
	else
		tui_farewell(&t);
	tui_page_free(&t);
	tui_edit_clear(&t.prompt);
	tui_edit_clear(&t.invite);
	free(t.message);
	return t.status_code;
}
