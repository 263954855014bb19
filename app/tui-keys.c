/* tui-keys.c: the keys of the curses screen as one table: which key does
 * what where. The key bar and the help screen are made from it, so what
 * they say is what the keys do. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "app/tui.h"

#define TUI_CTRL(c)	((c) & 0x1f)
#define TUI_KEY_CHOICES	0x110000	/* the choices' own keys (help) */

/* The bindings, in the order of the key bar and the help screen. */
static const struct tui_binding tui_bindings[] = {
	{ 0, L'\r', TUI_IN_ASK & ~TUI_IN_LINES, TUI_OP_NEXT, 1 },
	{ 0, L'\n', TUI_IN_ASK & ~TUI_IN_LINES, TUI_OP_NEXT, 0 },
	{ 1, KEY_ENTER, TUI_IN_ASK & ~TUI_IN_LINES, TUI_OP_NEXT, 0 },
	{ 0, TUI_CTRL('d'), TUI_IN_LINES, TUI_OP_DONE, 1 },
	{ 0, L'\r', TUI_IN_LINES, TUI_OP_NEWLINE, 1 },
	{ 0, L'\n', TUI_IN_LINES, TUI_OP_NEWLINE, 0 },
	{ 1, KEY_ENTER, TUI_IN_LINES, TUI_OP_NEWLINE, 0 },
	{ 0, L'\r', TUI_IN_REVIEW, TUI_OP_CHANGE, 1 },
	{ 0, L'\n', TUI_IN_REVIEW, TUI_OP_CHANGE, 0 },
	{ 1, KEY_ENTER, TUI_IN_REVIEW, TUI_OP_CHANGE, 0 },
	{ 0, L'\r', TUI_IN_MENU, TUI_OP_CHOOSE, 1 },
	{ 0, L'\n', TUI_IN_MENU, TUI_OP_CHOOSE, 0 },
	{ 1, KEY_ENTER, TUI_IN_MENU, TUI_OP_CHOOSE, 0 },
	{ 0, L's', TUI_IN_REVIEW, TUI_OP_SUBMIT, 1 },
	{ 0, 27, TUI_IN_MENU, TUI_OP_CANCEL, 1 },
	{ 1, KEY_BACKSPACE, TUI_IN_KEYS, TUI_OP_BACK, 1 },
	{ 0, 127, TUI_IN_KEYS, TUI_OP_BACK, 0 },
	{ 0, 8, TUI_IN_KEYS, TUI_OP_BACK, 0 },
	{ 1, KEY_PPAGE, TUI_IN_ALL, TUI_OP_BACK, 1 },
	{ 1, KEY_LEFT, TUI_IN_KEYS & ~TUI_IN_SCALE, TUI_OP_BACK, 0 },
	{ 0, L' ', TUI_IN_CHOICE | TUI_IN_RANK | TUI_IN_SCALE | TUI_IN_OTHER,
	    TUI_OP_PICK, 1 },
	{ 0, TUI_KEY_CHOICES, TUI_IN_CHOICE | TUI_IN_RANK | TUI_IN_SCALE,
	    TUI_OP_CHOICE, 0 },
	{ 0, L'+', TUI_IN_RANK, TUI_OP_RANK_UP, 1 },
	{ 1, KEY_SR, TUI_IN_RANK, TUI_OP_RANK_UP, 0 },
	{ 0, L'-', TUI_IN_RANK, TUI_OP_RANK_DOWN, 1 },
	{ 1, KEY_SF, TUI_IN_RANK, TUI_OP_RANK_DOWN, 0 },
	{ 1, KEY_UP, TUI_IN_ALL | TUI_IN_MENU, TUI_OP_UP, 0 },
	{ 0, L'k', TUI_IN_KEYS | TUI_IN_MENU, TUI_OP_UP, 0 },
	{ 1, KEY_BTAB, TUI_IN_ASK, TUI_OP_UP, 0 },
	{ 1, KEY_DOWN, TUI_IN_ALL | TUI_IN_MENU, TUI_OP_DOWN, 0 },
	{ 0, L'j', TUI_IN_KEYS | TUI_IN_MENU, TUI_OP_DOWN, 0 },
	{ 0, L'\t', TUI_IN_ASK, TUI_OP_DOWN, 0 },
	{ 1, KEY_LEFT, TUI_IN_SCALE, TUI_OP_LEFT, 0 },
	{ 1, KEY_RIGHT, TUI_IN_SCALE, TUI_OP_RIGHT, 0 },
	{ 0, L'?', TUI_IN_KEYS, TUI_OP_HELP, 1 },
	{ 1, KEY_F(1), TUI_IN_ALL, TUI_OP_HELP, 1 },
	{ 0, L':', TUI_IN_KEYS, TUI_OP_PROMPT, 0 },
	{ 1, KEY_F(4), TUI_IN_ALL, TUI_OP_PROMPT, 0 },
	{ 0, TUI_CTRL('t'), TUI_IN_ALL, TUI_OP_LANGS, 1 },
	{ 1, KEY_F(2), TUI_IN_ALL, TUI_OP_LANGS, 0 },
	{ 0, TUI_CTRL('s'), TUI_IN_ALL, TUI_OP_SAVE, 1 },
	{ 1, KEY_F(3), TUI_IN_ALL, TUI_OP_SAVE, 0 },
	{ 0, TUI_CTRL('q'), TUI_IN_ALL, TUI_OP_QUIT, 0 },
	{ 0, TUI_CTRL('l'), TUI_IN_ALL | TUI_IN_MENU, TUI_OP_REDRAW, 0 },
};
#define TUI_NBINDINGS	(sizeof tui_bindings / sizeof tui_bindings[0])

/* Each op's word in the key bar and line in the help. */
static const struct {
	enum i18n_msg	 word;
	enum i18n_msg	 help;
} tui_op_words[TUI_NOPS] = {
	[TUI_OP_NEXT] = { I18N_BAR_NEXT, I18N_OP_NEXT },
	[TUI_OP_DONE] = { I18N_BAR_DONE, I18N_OP_DONE },
	[TUI_OP_NEWLINE] = { I18N_BAR_NEWLINE, I18N_OP_NEWLINE },
	[TUI_OP_BACK] = { I18N_BAR_BACK, I18N_OP_BACK },
	[TUI_OP_PICK] = { I18N_BAR_PICK, I18N_OP_PICK },
	[TUI_OP_CHOICE] = { I18N_BAR_PICK, I18N_OP_CHOICE },
	[TUI_OP_UP] = { I18N_BAR_RANK_UP, I18N_OP_UP },
	[TUI_OP_DOWN] = { I18N_BAR_RANK_DOWN, I18N_OP_DOWN },
	[TUI_OP_LEFT] = { I18N_BAR_BACK, I18N_OP_LEFT },
	[TUI_OP_RIGHT] = { I18N_BAR_NEXT, I18N_OP_RIGHT },
	[TUI_OP_RANK_UP] = { I18N_BAR_RANK_UP, I18N_OP_RANK_UP },
	[TUI_OP_RANK_DOWN] = { I18N_BAR_RANK_DOWN, I18N_OP_RANK_DOWN },
	[TUI_OP_CHANGE] = { I18N_BAR_CHANGE, I18N_OP_CHANGE },
	[TUI_OP_CHOOSE] = { I18N_BAR_CHOOSE, I18N_OP_CHOOSE },
	[TUI_OP_SUBMIT] = { I18N_BAR_SUBMIT, I18N_OP_SUBMIT },
	[TUI_OP_CANCEL] = { I18N_BAR_CANCEL, I18N_OP_CANCEL },
	[TUI_OP_LANGS] = { I18N_BAR_LANGS, I18N_OP_LANGS },
	[TUI_OP_SAVE] = { I18N_BAR_SAVE, I18N_OP_SAVE },
	[TUI_OP_QUIT] = { I18N_BAR_CANCEL, I18N_OP_QUIT },
	[TUI_OP_PROMPT] = { I18N_BAR_PROMPT, I18N_OP_PROMPT },
	[TUI_OP_REDRAW] = { I18N_BAR_HELP, I18N_OP_REDRAW },
	[TUI_OP_HELP] = { I18N_BAR_HELP, I18N_OP_HELP },
};

unsigned
tui_where(struct tui *t)
{
	struct tui_widget	*w;

	if (t->overlay == TUI_LANGS)
		return TUI_IN_MENU;
	if (t->run->state == RUN_INVITE)
		return TUI_IN_TEXT;
	if (t->run->state != RUN_ASK || t->nw == 0)
		return TUI_IN_REVIEW;
	w = tui_focused(t);
	return w->ops->bar(t, w);
}

/* 1 if binding b is the key (is_key, k). */
static int
tui_binding_is(const struct tui_binding *b, int is_key, wint_t k)
{
	return b->is_key == is_key && b->key == k;
}

enum tui_op
tui_key_op(struct tui *t, int is_key, wint_t k)
{
	unsigned	 where = tui_where(t);
	size_t		 i;

	for (i = 0; i < TUI_NBINDINGS; i++) {
		if ((tui_bindings[i].where & where) != 0 &&
		    tui_binding_is(&tui_bindings[i], is_key, k))
			return tui_bindings[i].op;
	}
	return TUI_OP_NONE;
}

/* Append the name of the key of binding b. */
static void
tui_key_name(const struct tui_binding *b, struct buf *out)
{
	static const struct {
		int		 is_key;
		wint_t		 key;
		enum i18n_msg	 name;
	} names[] = {
		{ 0, L'\r', I18N_KEY_ENTER }, { 0, 127, I18N_KEY_BKSP },
		{ 1, KEY_BACKSPACE, I18N_KEY_BKSP },
		{ 0, L' ', I18N_KEY_SPACE }, { 1, KEY_PPAGE, I18N_KEY_PGUP },
		{ 0, 27, I18N_KEY_ESC }, { 1, KEY_UP, I18N_KEY_UP },
		{ 1, KEY_DOWN, I18N_KEY_DOWN }, { 1, KEY_LEFT, I18N_KEY_LEFT },
		{ 1, KEY_RIGHT, I18N_KEY_RIGHT },
		{ 0, TUI_KEY_CHOICES, I18N_KEY_CHOICES },
	};
	size_t	 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (tui_binding_is(b, names[i].is_key, names[i].key)) {
			buf_add_str(out, i18n(names[i].name));
			return;
		}
	}
	if (b->is_key && b->key >= KEY_F(1) && b->key <= KEY_F(12))
		buf_printf(out, "F%d", (int)(b->key - KEY_F0));
	else if (b->is_key && b->key == KEY_BTAB)
		buf_add_str(out, "S-Tab");
	else if (b->is_key && b->key == KEY_SR)
		buf_add_str(out, "S-Up");
	else if (b->is_key && b->key == KEY_SF)
		buf_add_str(out, "S-Down");
	else if (!b->is_key && b->key == L'\t')
		buf_add_str(out, "Tab");
	else if (!b->is_key && b->key < 0x20)
		buf_printf(out, "^%c", (char)(b->key + 0x40));
	else
		buf_printf(out, "%lc", b->key);
}

/* 1 if binding b is named in the help and bar: not a second code of a
 * key already named (Enter is \r, \n and KEY_ENTER; Backspace 127, 8
 * and KEY_BACKSPACE). */
static int
tui_binding_named(const struct tui_binding *b)
{
	return !(b->is_key == 0 && (b->key == L'\n' || b->key == 8)) &&
	    !(b->is_key && (b->key == KEY_ENTER || b->key == KEY_BACKSPACE));
}

void
tui_key_bar(struct tui *t, struct buf *out)
{
	const struct tui_binding	*b;
	unsigned			 where = tui_where(t);
	int				 shown[TUI_NOPS];
	size_t				 i;

	memset(shown, 0, sizeof shown);
	for (i = 0; i < TUI_NBINDINGS; i++) {
		b = &tui_bindings[i];
		if (!b->bar || (b->where & where) == 0 || shown[b->op] ||
		    (t->run->state == RUN_ADD && tui_add_ignores(b->op)))
			continue;
		shown[b->op] = 1;
		if (out->len != 0)
			buf_add_str(out, "  ");
		tui_key_name(b, out);
		buf_add_byte(out, ':');
		buf_add_str(out, i18n(tui_op_words[b->op].word));
	}
}

/* Characters in the UTF-8 string s. */
static size_t
tui_chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Append the commands of the ":" line, as "{}" of I18N_OP_PROMPT. */
static void
tui_key_commands(struct buf *out, int kiosk, int closed)
{
	const struct run_command	*c;
	struct buf			 list;

	buf_init(&list);
	for (c = run_commands; c->name != NULL; c++) {
		if ((c->kiosk_only && !kiosk) ||
		    (c->op == RUN_OP_INVITE && !closed) ||
		    c->op == RUN_OP_ADD ||
		    c->op == RUN_OP_DELETE)	/* said with the repeats */
			continue;
		if (list.len != 0)
			buf_add_byte(&list, ' ');
		buf_printf(&list, ":%s", c->name);
		if (c->op == RUN_OP_RESUME || c->op == RUN_OP_LANG ||
		    c->op == RUN_OP_INVITE)
			buf_add_str(&list, " CODE");
	}
	i18n_format(out, I18N_OP_PROMPT, buf_str(&list));
	buf_clear(&list);
}

void
tui_key_help(struct buf *out, int kiosk, int closed)
{
	struct buf	 keys;
	size_t		 i, j;
	int		 done[TUI_NOPS];

	memset(done, 0, sizeof done);
	buf_init(&keys);
	buf_add_str(out, i18n(I18N_KEYS));
	for (i = 0; i < TUI_NBINDINGS; i++) {
		if (done[tui_bindings[i].op] ||
		    (tui_bindings[i].op == TUI_OP_QUIT && !kiosk))
			continue;
		done[tui_bindings[i].op] = 1;
		keys.len = 0;
		for (j = i; j < TUI_NBINDINGS; j++) {
			if (tui_bindings[j].op != tui_bindings[i].op ||
			    !tui_binding_named(&tui_bindings[j]))
				continue;
			if (keys.len != 0)
				buf_add_str(&keys, ", ");
			tui_key_name(&tui_bindings[j], &keys);
		}
		buf_printf(out, "\n  %s ", buf_str(&keys));
		for (j = tui_chars(buf_str(&keys)); j < 12; j++)
			buf_add_byte(out, ' ');
		if (tui_bindings[i].op == TUI_OP_PROMPT)
			tui_key_commands(out, kiosk, closed);
		else
			buf_add_str(out, i18n(tui_op_words[
			    tui_bindings[i].op].help));
	}
	buf_printf(out, "\n%s", i18n(I18N_KEYS_SAVED));
	buf_clear(&keys);
}
