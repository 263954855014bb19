/* tui.h: the curses front end of "consult run", shared by tui*.c only. */
#ifndef CONSULT_APP_TUI_H
#define CONSULT_APP_TUI_H

#include <wchar.h>

#include "app/run.h"

#define TUI_MIN_COLS	40
#define TUI_MIN_ROWS	12

/* A line editor over wide characters (text, numbers, dates). */
struct tui_edit {
	wchar_t		*text;
	size_t		 len;
	size_t		 size;
	size_t		 cursor;	/* in characters */
};

/* The widget of one question: the answer being given. */
struct tui_widget {
	int		 q;
	int		 active;	/* has the focus on its screen */
	int		*choice;	/* shown choices (list indices) */
	size_t		 nchoice;
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
};

struct tui {
	struct run	*run;
	int		 rows, cols;
	enum tui_overlay overlay;
	int		 done;		/* leave the loop */
	int		 status_code;	/* exit status then */
	int		 saved;		/* left with :save */
	char		*message;	/* status line, or NULL */

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

void		 tui_edit_set(struct tui_edit *, const char *utf8);
void		 tui_edit_clear(struct tui_edit *);
/* The text as UTF-8. Caller frees with wipe_free. */
char		*tui_edit_get(const struct tui_edit *);
void		 tui_edit_insert(struct tui_edit *, wchar_t);
/* Handle an editing key (arrows, Home, End, Backspace, Delete, ^U...).
 * Returns 1 if it was one. */
int		 tui_edit_key(struct tui_edit *, int is_key, wint_t);
/* Draw the editor in the box at (y, x), rows x width (rows 1: one line
 * that scrolls sideways); returns where the cursor goes. */
void		 tui_edit_draw(const struct tui_edit *, int y, int x, int rows,
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

/* tui-widget.c: the question widgets. */

/* Load w for question q from its answer. */
void		 tui_widget_load(struct tui *, struct tui_widget *w, int q);
/* The answer w holds now, as stored. Caller wipe_frees. */
char		*tui_widget_value(struct tui *, struct tui_widget *);
/* Handle a key for w; returns 1 if used (0 for Up on its first item and
 * Down on its last, which move to the widget above or below). */
int		 tui_widget_key(struct tui *, struct tui_widget *, int is_key,
		     wint_t);
/* Rows w would like to be drawn in. */
int		 tui_widget_rows(struct tui *, struct tui_widget *);
/* Draw w from row y in at most rows rows; sets the cursor if active. */
void		 tui_widget_draw(struct tui *, struct tui_widget *, int y,
		     int rows, int *cy, int *cx);
/* 1 if w edits text (its keys are characters). */
int		 tui_widget_text(struct tui *, const struct tui_widget *);
/* The key that picks the i-th shown choice ("1".."9", then letters). */
wchar_t		 tui_choice_key(size_t i);
void		 tui_widget_free(struct tui_widget *);

#endif
