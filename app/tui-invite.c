/* tui-invite.c: the curses screen of a closed vault's door: what to
 * type, and a line for the invitation code. Enter gives it to the
 * engine; ':' opens the command line, '?' and F1 the help. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app/tui.h"

#define TUI_INVITE_MAX	64	/* bytes of a code as typed */

static void
tui_invite_draw(struct tui *t, int *cy, int *cx)
{
	int	 used, width;

	used = tui_put_wrapped(2, 0, i18n(I18N_INVITE_ASK), t->cols,
	    t->rows - 7);
	if (t->invite.max == 0)
		tui_edit_set(&t->invite, "", TUI_INVITE_MAX);
	width = t->cols - 4 < 24 ? t->cols - 4 : 24;
	mvaddstr(3 + used, 0, "> ");
	tui_edit_draw(&t->invite, 3 + used, 2, 1, width, cy, cx);
}

/* Give the code typed (wiped at once) to the engine. */
static void
tui_invite_give(struct tui *t)
{
	enum run_reaction	 re;
	char			*code;

	code = tui_edit_get(&t->invite);
	tui_edit_set(&t->invite, "", TUI_INVITE_MAX);
	re = run_input(t->run, code);
	wipe_free(code);
	tui_react(t, re);
	if (re == RUN_SHOW && (t->run->state == RUN_ASK ||
	    t->run->state == RUN_REVIEW))
		tui_say(t, i18n(I18N_INVITE_RESUME));
}

static void
tui_invite_key(struct tui *t, int is_key, wint_t k)
{
	enum tui_op	 op;

	if (t->invite.max == 0)
		tui_edit_set(&t->invite, "", TUI_INVITE_MAX);
	if ((is_key && k == KEY_ENTER) || (!is_key && (k == L'\r' ||
	    k == L'\n'))) {
		tui_invite_give(t);
		return;
	}
	if (!is_key && k == L':') {
		tui_prompt_open(t);
		return;
	}
	if (!is_key && k == L'?') {
		tui_do(t, TUI_OP_HELP);
		return;
	}
	/* The keys of the whole screen: help, languages, redraw, quit. */
	switch ((op = tui_key_op(t, is_key, k))) {
	case TUI_OP_HELP:
	case TUI_OP_LANGS:
	case TUI_OP_REDRAW:
	case TUI_OP_QUIT:
	case TUI_OP_PROMPT:
		tui_do(t, op);
		return;
	default:
		break;
	}
	if (tui_edit_key(&t->invite, is_key, k))
		return;
	if (!is_key && k >= 0x20 && k != 0x7f)
		tui_edit_insert(&t->invite, (wchar_t)k);
}

const struct tui_screen tui_invite_screen = {
	tui_invite_draw, tui_invite_key
};
