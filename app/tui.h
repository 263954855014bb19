/* tui.h: the curses front end of "consult run", shared by tui*.c only. */
#ifndef CONSULT_APP_TUI_H
#define CONSULT_APP_TUI_H

#include <wchar.h>

#include "app/run.h"

#define TUI_MIN_COLS	40
#define TUI_MIN_ROWS	12
/* The largest window drawn: curses keeps a few copies of every cell
 * (about 100 bytes each), so a client that claims a huge window must not
 * make the collector allocate for it. Beyond, "Terminal too large". */
#define TUI_MAX_COLS	500
#define TUI_MAX_ROWS	500
/* A choice key of several digits ("10") is typed within this time. */
#define TUI_DIGIT_MS	1000

/* A line editor over wide characters (text, numbers, dates). */
struct tui_edit {
	wchar_t		*text;
	size_t		 len;
	size_t		 size;
	size_t		 cursor;	/* in characters */
	size_t		 bytes;		/* of the text as UTF-8 */
	size_t		 max;		/* the most bytes it takes */
	size_t		 top;		/* several lines: first shown */
};

/* What a key does: the screen's own moves, the engine's commands. */
enum tui_op {
	TUI_OP_NONE,		/* a key of no binding: the widget's */
	TUI_OP_NEXT,		/* give the answers and go on */
	TUI_OP_DONE,		/* a text of several lines: give it */
	TUI_OP_NEWLINE,		/* a text of several lines: a line break */
	TUI_OP_BACK,
	TUI_OP_PICK,		/* the focused choice */
	TUI_OP_CHOICE,		/* the choice of this key (help only) */
	TUI_OP_UP,
	TUI_OP_DOWN,
	TUI_OP_LEFT,		/* a scale */
	TUI_OP_RIGHT,
	TUI_OP_RANK_UP,
	TUI_OP_RANK_DOWN,
	TUI_OP_CHANGE,		/* review: change the focused answer */
	TUI_OP_CHOOSE,		/* the languages: the focused one */
	TUI_OP_SUBMIT,
	TUI_OP_CANCEL,
	TUI_OP_LANGS,
	TUI_OP_SAVE,
	TUI_OP_QUIT,
	TUI_OP_PROMPT,		/* the ":" command line */
	TUI_OP_REDRAW,
	TUI_OP_HELP,
	TUI_NOPS
};

/* Where a binding holds: the focused widget's family, or a screen. */
#define TUI_IN_CHOICE	0x01	/* one or several choices */
#define TUI_IN_RANK	0x02
#define TUI_IN_SCALE	0x04	/* a likert scale on one row */
#define TUI_IN_TEXT	0x08	/* one line of text, a number, a date */
#define TUI_IN_LINES	0x10	/* a text of several lines */
#define TUI_IN_OTHER	0x20	/* a note, an acknowledgement */
#define TUI_IN_REVIEW	0x40
#define TUI_IN_MENU	0x80	/* the languages */
#define TUI_IN_ASK	0x3f
#define TUI_IN_KEYS	(TUI_IN_CHOICE | TUI_IN_RANK | TUI_IN_SCALE | \
			    TUI_IN_OTHER | TUI_IN_REVIEW)	/* no text */
#define TUI_IN_ALL	0x7f	/* but the menu */

/* One key binding: the table in tui-keys.c. */
struct tui_binding {
	int		 is_key;	/* a curses KEY_ code, else a char */
	wint_t		 key;
	unsigned	 where;
	enum tui_op	 op;
	int		 bar;		/* shown in the key bar there */
};

struct tui;
struct tui_widget;

/* A widget family: its operations. */
struct tui_widget_ops {
	/* Set w from the answer of its question (w->q). */
	void		 (*load)(struct tui *, struct tui_widget *);
	/* An op or (TUI_OP_NONE) a key; 1 if it was used. */
	int		 (*key)(struct tui *, struct tui_widget *, enum tui_op,
			     int is_key, wint_t);
	/* Rows it would like. */
	int		 (*rows)(struct tui *, struct tui_widget *);
	/* Draw from row y in at most rows rows; the cursor if active. */
	void		 (*draw)(struct tui *, struct tui_widget *, int y,
			     int rows, int *cy, int *cx);
	/* The answer it holds, as stored. Caller wipe_frees. */
	char		*(*value)(struct tui *, struct tui_widget *);
	/* Where its keys hold (TUI_IN_*): the bindings, the key bar. */
	unsigned	 (*bar)(struct tui *, struct tui_widget *);
};

/* The widget of one question: the answer being given. */
struct tui_widget {
	int		 q;
	const struct tui_widget_ops *ops;
	int		 active;	/* has the focus on its screen */
	int		*choice;	/* shown choices (list indices) */
	size_t		 nchoice;
	int		 by_name;	/* keys are the choice names */
	int		*mark;		/* chosen (1) or rank position */
	size_t		 focus;
	size_t		 top;		/* first item shown */
	struct tui_edit	 edit;
};

/* What the participant is looking at, beyond the engine's state. */
enum tui_overlay {
	TUI_NONE,
	TUI_HELP,
	TUI_LANGS,
	TUI_CONFIRM_SUBMIT,
	TUI_RECEIPT,
	TUI_SAVED,
	TUI_NOVERLAYS
};

/* An overlay: drawn over the question's place, takes every key. */
struct tui_screen {
	void		 (*draw)(struct tui *, int *cy, int *cx);
	void		 (*key)(struct tui *, int is_key, wint_t);
};

struct tui {
	struct run	*run;
	int		 rows, cols;
	enum tui_overlay overlay;
	int		 done;		/* leave the loop */
	int		 status_code;	/* exit status then */
	int		 saved;		/* left with :save */
	char		*message;	/* status line, or NULL */

	int		 prompting;	/* the ":" line is open */
	struct tui_edit	 prompt;
	struct tui_edit	 invite;	/* a closed vault's code */

	char		 digits[8];	/* a choice key being typed */
	long long	 digits_at;	/* when its last digit came (ms) */

	/* The screen of the current question: its field-list group (a
	 * page) or itself; one widget each. */
	int		 q;		/* the question it was made for */
	struct tui_widget *w;
	size_t		 nw;
	size_t		 wfocus;	/* the widget with the focus */
	size_t		 wtop;		/* first widget shown */

	size_t		 rfocus;	/* review, language menu: focus */
	size_t		 rtop;
};

/* tui.c */

/* Put s (or nothing) on the status line. */
void		 tui_say(struct tui *, const char *);
/* tui-repeat.c: say the engine's answer to :add or :delete. */
void		 tui_say_repeat(struct tui *, enum run_reaction);
/* Put a front-end word on the status line, "{}" replaced by arg. */
void		 tui_sayf(struct tui *, enum i18n_msg, const char *arg);
/* Show the engine's reaction: messages, overlays, the page. */
void		 tui_react(struct tui *, enum run_reaction);
/* Do an op of the key table. */
void		 tui_do(struct tui *, enum tui_op);
/* Milliseconds of a monotonic clock. */
long long	 tui_now(void);

/* tui-keys.c: the key table. */

/* Where the screen is now (one TUI_IN_* bit). */
unsigned	 tui_where(struct tui *);
/* The op of a key where the screen is, or TUI_OP_NONE. */
enum tui_op	 tui_key_op(struct tui *, int is_key, wint_t);
/* The key bar of the screen now. */
void		 tui_key_bar(struct tui *, struct buf *);
/* The help screen: every binding of the table, then the commands
 * (:invite in a closed vault only). */
void		 tui_key_help(struct buf *, int kiosk, int closed);

/* tui-screen.c: the screens over the question, the ":" line. */

extern const struct tui_screen tui_screens[TUI_NOVERLAYS];
/* The engine's review, and the facilitator's "End kiosk mode?". */
extern const struct tui_screen tui_review_screen;
extern const struct tui_screen tui_quit_screen;
/* tui-invite.c: a closed vault's invitation code. */
extern const struct tui_screen tui_invite_screen;
/* tui-repeat.c: "Add another Proposal?" (RUN_ADD). */
extern const struct tui_screen tui_add_screen;
/* 1 for the review's keys that do nothing at "Add another?" (the key
 * bar leaves them out). */
int		 tui_add_ignores(enum tui_op);
/* Open the ":" line. */
void		 tui_prompt_open(struct tui *);
/* A key for the ":" line (Enter runs it, Esc closes it). */
void		 tui_prompt_key(struct tui *, int is_key, wint_t);
/* Draw the ":" line on the last row; sets the cursor. */
void		 tui_prompt_draw(struct tui *, int *cy, int *cx);

/* tui-text.c: wrapping, drawing and the line editor. */

/* One wrapped line: bytes [start, start + len) of the text. */
struct tui_line {
	size_t		 start;
	size_t		 len;
};
/* Wrap s to width columns (display width, wcwidth), breaking at spaces
 * where possible and at newlines. Returns the count; caller frees
 * *lines. */
size_t		 tui_wrap(const char *s, int width, struct tui_line **lines);
/* Draw n bytes of s at (y, x), at most width columns; control
 * characters and invalid bytes are drawn as '?'. Returns the columns
 * used. */
int		 tui_put(int y, int x, const char *s, size_t n, int width);
/* Draw s wrapped from row y for at most rows rows; returns rows used. */
int		 tui_put_wrapped(int y, int x, const char *s, int width,
		     int rows);

/* Set the text (cut at max bytes: 0 for no limit). */
void		 tui_edit_set(struct tui_edit *, const char *utf8, size_t max);
void		 tui_edit_clear(struct tui_edit *);
/* The text as UTF-8. Caller frees with wipe_free. */
char		*tui_edit_get(const struct tui_edit *);
/* Insert at the cursor; 0 (nothing done) when it would pass the max. */
int		 tui_edit_insert(struct tui_edit *, wchar_t);
/* Handle an editing key (arrows, Home, End, Backspace, Delete, ^U...).
 * Returns 1 if it was one. */
int		 tui_edit_key(struct tui_edit *, int is_key, wint_t);
/* Draw the editor in the box at (y, x), rows x width (rows 1: one line
 * that scrolls sideways); returns where the cursor goes. Lays out the
 * rows shown only, so a key costs the same in a long text. */
void		 tui_edit_draw(struct tui_edit *, int y, int x, int rows,
		     int width, int *cy, int *cx);

/* tui-page.c: the screen of the current question or its page. */

/* Make the widgets of the current question's page. */
void		 tui_page_load(struct tui *);
void		 tui_page_free(struct tui *);
/* Give the focus to the widget of question q; 0 if q is not on the
 * page. */
int		 tui_page_focus(struct tui *, int q);
/* The widget with the focus. */
struct tui_widget *tui_focused(struct tui *);
/* Draw the question or its page from row 1; sets the cursor place. */
void		 tui_draw_question(struct tui *, int *cy, int *cx);

/* tui-widget.c: the widgets of text, acknowledgements and notes, and
 * the family of each question; tui-choice.c: the choice widgets. */

/* Load w for question q from its answer. */
void		 tui_widget_load(struct tui *, struct tui_widget *w, int q);
void		 tui_widget_free(struct tui_widget *);
extern const struct tui_widget_ops tui_choice_ops;
/* tui-range.c: a range's slider, a read-only question's value. */
extern const struct tui_widget_ops tui_range_ops;
extern const struct tui_widget_ops tui_fixed_ops;
/* The digits typed for a choice key: pick what they name when their
 * second is over, or now (force: another key came). */
void		 tui_choice_settle(struct tui *, int force);
/* 1 if w is a likert scale drawn on one row (it fits the width). */
int		 tui_choice_is_scale(const struct tui *,
		     const struct tui_widget *);

#endif
