/* tui-repeat.c: repeats on the curses screen: what the engine says
 * about :add and :delete. */
#include "app/tui.h"

void
tui_say_repeat(struct tui *t, enum run_reaction re)
{
	const struct run	*r = t->run;

	switch (re) {
	case RUN_DELETED:
		tui_sayf(t, I18N_DELETED, run_label(r, r->repeat));
		break;
	case RUN_CANNOT_ADD:
		tui_say(t, i18n(I18N_CANNOT_ADD));
		break;
	default:
		tui_say(t, i18n(I18N_NOT_IN_REPEAT));
		break;
	}
}

/* "Add another Proposal?" in the body. */
static void
tui_add_draw(struct tui *t, int *cy, int *cx)
{
	const struct run	*r = t->run;
	struct buf		 b;
	int			 used;

	buf_init(&b);
	i18n_format(&b, answers_repeat_count(r->answers, r->repeat) == 0 ?
	    I18N_ADD_FIRST : I18N_ADD_ANOTHER, run_label(r, r->repeat));
	used = tui_put_wrapped(2, 0, buf_str(&b), t->cols, t->rows - 5);
	*cy = 2 + (used > 0 ? used - 1 : 0);
	*cx = 0;
	buf_clear(&b);
}

/* A yes key adds an instance; Enter or a no key goes on after the
 * repeat; other keys do what they do at the review (Backspace goes
 * back, ':' opens the command line...). */
static void
tui_add_key(struct tui *t, int is_key, wint_t k)
{
	char		 word[2] = { '\0', '\0' };
	enum tui_op	 op;

	if (!is_key && k < 128 && k != 0 && i18n_yes_key((int)k)) {
		word[0] = (char)k;
		tui_react(t, run_input(t->run, word));
		return;
	}
	if (!is_key && k < 128 && k != 0) {
		word[0] = (char)k;
		if (k == L'\r' || k == L'\n' || i18n_no(word)) {
			tui_react(t, run_input(t->run, ""));
			return;
		}
	}
	op = tui_key_op(t, is_key, k);
	if (op != TUI_OP_NONE && !tui_add_ignores(op))
		tui_do(t, op);
}

int
tui_add_ignores(enum tui_op op)
{
	return op == TUI_OP_CHANGE || op == TUI_OP_SUBMIT || op == TUI_OP_UP ||
	    op == TUI_OP_DOWN;
}

const struct tui_screen tui_add_screen = { tui_add_draw, tui_add_key };
