/* i18n.c: the front ends' own words through GNU gettext (glibc's), and
 * which language they speak: the participant's choice of a form language
 * or, before any choice, the locale's.
 *
 * What glibc 2.36 (Debian 12) does, found by trying:
 * - gettext returns the msgid untranslated while LC_MESSAGES is "C" (or
 *   "POSIX", which setlocale names "C"), and ignores LANGUAGE then. That
 *   is the case with LANG unset or C, and also when LANG names a locale
 *   that is not installed (fr_FR.UTF-8 on a minimal machine or over SSH):
 *   setlocale(LC_ALL, "") fails as a whole and leaves every category "C".
 * - With LC_MESSAGES "C.UTF-8" (shipped by Debian's libc-bin) gettext
 *   reads LANGUAGE: "fr" finds fr/LC_MESSAGES/consult.mo, "es_MX.UTF-8"
 *   falls back to es/, a language with no catalogue gives the msgid, and
 *   a "C" entry stops the search. Only the exact name "C" is special.
 * - gettext caches each translation it found: after LANGUAGE changes, the
 *   old words come back until the counter _nl_msg_cat_cntr changes.
 *   textdomain() increments it on every call (so do setlocale and
 *   bindtextdomain; the gettext manual's "gettext grok" increments it by
 *   hand); i18n_switch calls textdomain again.
 * - LANGUAGE also translates glibc's own messages (strerror) where the
 *   locales package is installed.
 * So i18n_init reads the locale's languages from the environment itself,
 * in gettext's order, moves LC_MESSAGES from "C" to "C.UTF-8", and every
 * switch sets LANGUAGE and calls textdomain. No other locale category is
 * touched here: LC_NUMERIC stays "C" (main), answers and exports use '.'.
 * The catalogues are UTF-8 and handed over as UTF-8 whatever LC_CTYPE
 * says, like the forms' labels. */
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/run.h"

#define I18N_DOMAIN	"consult"	/* the text domain: consult.mo */
#define N_(s)		(s)		/* marks a msgid for xgettext */

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/share/locale"	/* a build outside make (fuzz) */
#endif

#define I18N_LIST_MAX	128		/* bytes of a LANGUAGE list */

/* The locale's languages ("" when it names none). */
static char	 i18n_locale_list[I18N_LIST_MAX];

/* The front ends' words, in English: the msgids of the catalogues.
 * Strings may hold "{}", replaced by one argument (i18n_format). */
static const char *const i18n_msgids[I18N_NMSGS] = {
	[I18N_RESUME_CODE] =
	    /* TRANSLATORS: {} is the resume code. */
	    N_("Your resume code is {}. Note it to come back later."),
	[I18N_HELP_HINT] = N_("(Type :help for help.)"),
	[I18N_DO_SELECT_ONE] = N_("Type the number or name of one choice."),
	[I18N_DO_SELECT_MULTIPLE] = N_(
		"Type the numbers of all that apply, separated by spaces."),
	[I18N_DO_RANK] =
	    /* TRANSLATORS: {} is the most items one may rank. */
	    N_("Type the numbers in order, most important first, separated by "
	    "spaces (at most {})."),
	[I18N_DO_INTEGER] = N_("Type a whole number."),
	[I18N_DO_DECIMAL] = N_("Type a number."),
	[I18N_DO_DATE] = N_("Type a date as YYYY-MM-DD."),
	[I18N_DO_TEXT] = N_("Type your answer."),
	[I18N_DO_MULTILINE] = N_(
		"Type your answer; end it with a line holding only a dot (.)."),
	[I18N_DO_ACKNOWLEDGE] = N_("Type ok to acknowledge."),
	[I18N_DO_NOTE] = N_("Press Enter to go on."),
	[I18N_DO_TIME] = N_("Type a time as HH:MM (24-hour clock)."),
	[I18N_DO_DATETIME] = N_("Type a date and time as YYYY-MM-DD HH:MM."),
	[I18N_DO_MONTH_YEAR] = N_("Type a month as YYYY-MM."),
	[I18N_DO_YEAR] = N_("Type a year as YYYY."),
	[I18N_DO_RANGE] = N_("Type one of the values of the scale."),
	[I18N_READONLY] = N_(
		"This answer is worked out for you; it cannot be changed."),
	[I18N_SKIP] = N_("Press Enter alone to skip."),
	[I18N_KEEP] = N_(
		"Press Enter alone to keep it, or type :clear to remove it."),
	[I18N_CURRENT] =
	    /* TRANSLATORS: {} is the answer as given. */
	    N_("Your answer: {}"),
	[I18N_SCALE] = N_("Scale:"),
	[I18N_TOO_LONG] = N_("That answer is too long."),
	[I18N_REQUIRED] = N_("An answer is required."),
	[I18N_REVIEW] = N_("Review your answers"),
	[I18N_NO_ANSWER] = N_("(no answer)"),
	[I18N_REVIEW_JUMP] = N_("Type a number to change that answer."),
	[I18N_SUBMIT] =
	    /* TRANSLATORS: the yes and no words understood are those of "y yes
	     * ok" and "n no" below. */
	    N_("Submit? [y/n]"),
	[I18N_NOT_SUBMITTED] = N_("Not submitted yet."),
	[I18N_THANKS] = N_("Thank you. Your answers are submitted."),
	[I18N_SAVED] =
	    /* TRANSLATORS: {} is the resume code. */
	    N_("Your answers are saved. Your resume code is {}."),
	[I18N_UNKNOWN_COMMAND] =
	    /* TRANSLATORS: {} is the command as typed, like :foo. */
	    N_("Unknown command {}. Type :help for help."),
	[I18N_LANGUAGES] = N_("Languages (type :lang and a code):"),
	[I18N_NO_LANGUAGE] =
	    /* TRANSLATORS: {} is the language as typed. */
	    N_("There is no language {} in this questionnaire."),
	[I18N_FIRST_QUESTION] = N_("This is the first question."),
	[I18N_NO_QUESTION] =
	    /* TRANSLATORS: {} is the number as typed. */
	    N_("There is no question {}."),
	[I18N_QUIT_CONFIRM] =
	    /* TRANSLATORS: any of the yes words of "y yes ok" below is
	     * understood. */
	    N_("End kiosk mode? This is for the facilitator. Type yes to "
	    "confirm."),
	[I18N_NEXT_PARTICIPANT] = N_("Next participant: press Enter to begin."),
	[I18N_NO_DRAFT] = N_("No saved answers open with this code."),
	[I18N_RESUME_LATE] = N_(
		"A draft can be resumed only before answering."),
	[I18N_HELP] = N_(
		"Answer each question, then press Enter.\n"
		"  choices     their number or name; several separated by "
		"spaces\n"
		"  rank        the numbers in order, most important first\n"
		"  empty line  skips a question that is not required\n"
		"  long text   ends with a line holding only a dot (.)\n"
		"  ::text      an answer that begins with a colon\n"
		"  notes       are shown, then wait for Enter\n"
		"Commands:\n"
		"  :back       go back to the previous question\n"
		"  :save       save your answers and leave; the resume code "
		"brings you back\n"
		"  :clear      remove the answer to this question\n"
		"  :resume CODE  go on with the answers saved under a resume "
		"code\n"
		"  :lang CODE  change the language (:lang alone lists them)\n"
		"  :help       this help"),
	[I18N_KEYS] = N_("Keys"),
	[I18N_KEYS_SAVED] = N_(
		"Your answers are saved, encrypted, after each one."),
	/* TRANSLATORS: the names of keys on the curses screen, short. */
	[I18N_KEY_ENTER] = N_("Enter"),
	[I18N_KEY_BKSP] = N_("Bksp"),
	[I18N_KEY_SPACE] = N_("Space"),
	[I18N_KEY_PGUP] = N_("PgUp"),
	[I18N_KEY_ESC] = N_("Esc"),
	[I18N_KEY_UP] = N_("Up"),
	[I18N_KEY_DOWN] = N_("Down"),
	[I18N_KEY_LEFT] = N_("Left"),
	[I18N_KEY_RIGHT] = N_("Right"),
	[I18N_KEY_CHOICES] = N_("1-9, a-z"),
	/* TRANSLATORS: the words of the curses screen's key bar, after
	 * each key's name and a colon ("Enter:next"): one or two words. */
	[I18N_BAR_NEXT] = N_("next"),
	[I18N_BAR_DONE] = N_("done"),
	[I18N_BAR_NEWLINE] = N_("new line"),
	[I18N_BAR_BACK] = N_("back"),
	[I18N_BAR_PICK] = N_("pick"),
	[I18N_BAR_RANK_UP] = N_("up"),
	[I18N_BAR_RANK_DOWN] = N_("down"),
	[I18N_BAR_CHANGE] = N_("change"),
	[I18N_BAR_CHOOSE] = N_("choose"),
	[I18N_BAR_SUBMIT] = N_("submit"),
	[I18N_BAR_CANCEL] = N_("cancel"),
	[I18N_BAR_LANGS] = N_("language"),
	[I18N_BAR_SAVE] = N_("save"),
	[I18N_BAR_HELP] = N_("help"),
	[I18N_BAR_PROMPT] = N_("command"),
	/* TRANSLATORS: the help screen of curses: what each key does. */
	[I18N_OP_NEXT] = N_("check the answer and go on"),
	[I18N_OP_DONE] = N_("end a text of several lines"),
	[I18N_OP_NEWLINE] = N_("a new line in a text of several lines"),
	[I18N_OP_BACK] = N_(
		"go back (in a text: PgUp, or Backspace when empty)"),
	[I18N_OP_PICK] = N_("pick, or unpick, the highlighted choice"),
	[I18N_OP_CHOICE] = N_(
		"pick the choice with that key; on a scale of numbers, its "
		"number (10: 1 then 0)"),
	[I18N_OP_UP] = N_("move up"),
	[I18N_OP_DOWN] = N_("move down"),
	[I18N_OP_LEFT] = N_("a scale: move left"),
	[I18N_OP_RIGHT] = N_("a scale: move right"),
	[I18N_OP_RANK_UP] = N_("rank: move the highlighted item up"),
	[I18N_OP_RANK_DOWN] = N_("rank: move the highlighted item down"),
	[I18N_OP_CHANGE] = N_("review: change the highlighted answer"),
	[I18N_OP_CHOOSE] = N_("languages: take the highlighted one"),
	[I18N_OP_SUBMIT] = N_("review: submit"),
	[I18N_OP_CANCEL] = N_("close the list"),
	[I18N_OP_LANGS] = N_("change the language"),
	[I18N_OP_SAVE] = N_(
		"save and leave; the resume code brings you back"),
	[I18N_OP_QUIT] = N_("end kiosk mode (for the facilitator)"),
	[I18N_OP_PROMPT] =
	    /* TRANSLATORS: {} is the list of commands, like :back :save. */
	    N_("type a command: {}"),
	[I18N_OP_REDRAW] = N_("redraw the screen"),
	[I18N_OP_HELP] = N_("this help"),
	[I18N_TOO_SMALL] = N_("Terminal too small"),
	[I18N_SUBMIT_ITEM] = N_("Submit"),
	[I18N_PRESS_KEY] = N_("Press a key to leave."),
	[I18N_YES_WORDS] =
	    /* TRANSLATORS: the words that say yes (Submit?, acknowledge, the
	     * end of kiosk mode), separated by spaces, any case; keep the
	     * English ones after yours. A word of one letter is also a key
	     * on the curses screen. */
	    N_("y yes ok"),
	[I18N_NO_WORDS] =
	    /* TRANSLATORS: the words that say no, as above. */
	    N_("n no"),
	[I18N_TOO_LARGE] = N_("Terminal too large"),
	[I18N_PENDING_KEY] =
	    /* TRANSLATORS: {} is the digit typed so far of a choice's key
	     * such as 10: the next digit is awaited for a second. */
	    N_("{}_ (type the next digit, or wait)"),
	[I18N_INVITE_ASK] = N_(
		"This consultation is by invitation. Type the code of your "
		"invitation (XXXX-XXXX-XXXX-XXXX), then press Enter."),
	[I18N_INVITE_WRONG] = N_(
		"No invitation has this code. Check it and type it again."),
	[I18N_INVITE_USED] = N_(
		"This invitation has already been used: its response is in."),
	[I18N_INVITE_WITHDRAWN] = N_("This invitation has been withdrawn."),
	[I18N_INVITE_RESUME] = N_(
		"Your invitation code is also your resume code: it brings you "
		"back to your answers."),
	[I18N_INVITE_LATE] = N_(
		"The invitation code is given once, before the first "
		"question."),
	[I18N_HELP_INVITE] = N_(
		"  :invite CODE  your invitation code, before the first "
		"question"),
	[I18N_ADD_ANOTHER] =
	    /* TRANSLATORS: {} is the label of a repeated section
	     * ("Proposal"); any of the yes words is understood, Enter or a
	     * no word goes on. */
	    N_("Add another {}? (yes or no)"),
	[I18N_ADD_FIRST] =
	    /* TRANSLATORS: {} is the label of a repeated section. */
	    N_("Add a {}? (yes or no)"),
	[I18N_INSTANCE] =
	    /* TRANSLATORS: a repeated section and where one is in it:
	     * "Proposal 2 of 3". Keep {label}, {n} and {m}. */
	    N_("{label} {n} of {m}"),
	[I18N_DELETED] =
	    /* TRANSLATORS: {} is the label of a repeated section. */
	    N_("Deleted: that {} is gone with its answers."),
	[I18N_NOT_IN_REPEAT] = N_(
		"That works only inside a section you can repeat."),
	[I18N_CANNOT_ADD] = N_(
		"The questionnaire sets how many of these there are."),
	[I18N_HELP_REPEAT] = N_(
		"  :add        add another one of the repeated section you "
		"are in\n"
		"  :delete     delete this one, with its answers"),
};

/* Whole names of languages, for form languages that give no code. */
static const struct {
	const char	*name;
	const char	*code;
} i18n_names[] = {
	{ "english", "en" }, { "anglais", "en" }, { "inglés", "en" },
	{ "français", "fr" }, { "french", "fr" }, { "francés", "fr" },
	{ "español", "es" }, { "spanish", "es" }, { "espagnol", "es" },
};

/* Length of the language part of a locale name ("fr" of "fr_FR.UTF-8"). */
static size_t
i18n_lang_len(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n && strchr("_.@-", s[i]) == NULL; i++)
		continue;
	return i;
}

/* 1 if the n bytes at s look like a locale name: a letter, then letters,
 * digits and "_.@-" (never a "/" that would lead out of the directory). */
static int
i18n_entry_ok(const char *s, size_t n)
{
	size_t	 i;
	char	 c;

	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (i = 0; i < n; i++) {
		c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("_.@-", c) != NULL))
			return 0;
	}
	return 1;
}

/* Copy to out the entries of a LANGUAGE-style list that look like locale
 * names, "-" made "_", up to the first English one or "C"/"POSIX" (left
 * out), where gettext would stop anyway. */
static void
i18n_list_copy(char *out, size_t size, const char *list)
{
	const char	*p = list, *end;
	size_t		 n, len, used = 0, i;

	out[0] = '\0';
	for (; *p != '\0'; p = *end == ':' ? end + 1 : end) {
		end = p + strcspn(p, ":");
		n = (size_t)(end - p);
		if (!i18n_entry_ok(p, n))
			continue;
		len = i18n_lang_len(p, n);
		if ((len == 1 && p[0] == 'C') ||
		    (len == 5 && strncmp(p, "POSIX", 5) == 0) ||
		    used + n + 2 > size)
			break;
		if (used != 0)
			out[used++] = ':';
		for (i = 0; i < n; i++)
			out[used++] = p[i] == '-' ? '_' : p[i];
		out[used] = '\0';
		if (len == 2 && strncasecmp(p, "en", 2) == 0)
			break;
	}
}

/* The locale's languages, as gettext would pick them: LANGUAGE, unless
 * the locale is "C" or "POSIX"; else the first of LC_ALL, LC_MESSAGES,
 * LANG that is set. */
static void
i18n_read_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char	*loc = NULL, *list, *v;
	size_t		 i;

	for (i = 0; i < sizeof vars / sizeof vars[0] && loc == NULL; i++) {
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			loc = v;
	}
	i18n_locale_list[0] = '\0';
	if (loc == NULL || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
		return;
	if ((list = getenv("LANGUAGE")) == NULL || *list == '\0')
		list = loc;
	i18n_list_copy(i18n_locale_list, sizeof i18n_locale_list, list);
}

void
i18n_init(void)
{
	const char	*dir, *m;

	dir = secure_getenv("CONSULT_LOCALEDIR");
	if (dir == NULL || *dir == '\0')
		dir = LOCALEDIR;
	bindtextdomain(I18N_DOMAIN, dir);
	bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	textdomain(I18N_DOMAIN);
	m = setlocale(LC_MESSAGES, NULL);
	if (m != NULL && strcmp(m, "C") == 0 &&
	    setlocale(LC_MESSAGES, "C.UTF-8") == NULL)
		(void)setlocale(LC_MESSAGES, "C.utf8");
	i18n_read_locale();
}

const char *
i18n_locale(void)
{
	return i18n_locale_list[0] != '\0' ? i18n_locale_list : NULL;
}

/* Speak the languages of list, and drop the translations gettext keeps. */
static void
i18n_switch(const char *list)
{
	setenv("LANGUAGE", list, 1);
	textdomain(I18N_DOMAIN);
}

void
i18n_use_locale(void)
{
	i18n_switch(i18n_locale_list[0] != '\0' ? i18n_locale_list : "en");
}

void
i18n_use(const char *code, const char *name)
{
	char	 list[I18N_LIST_MAX];
	size_t	 i, len;

	list[0] = '\0';
	if (code != NULL && strchr(code, ':') == NULL)
		i18n_list_copy(list, sizeof list, code);
	for (i = 0; list[0] == '\0' && name != NULL &&
	    i < sizeof i18n_names / sizeof i18n_names[0]; i++) {
		len = strlen(i18n_names[i].name);
		if (strncasecmp(name, i18n_names[i].name, len) == 0)
			i18n_list_copy(list, sizeof list, i18n_names[i].code);
	}
	i18n_switch(list[0] != '\0' ? list : "en");
}

const char *
i18n(enum i18n_msg msg)
{
	return gettext(i18n_msgids[msg]);
}

void
i18n_format(struct buf *out, enum i18n_msg msg, const char *arg)
{
	const char	*s = i18n(msg), *p;

	while ((p = strstr(s, "{}")) != NULL) {
		buf_add(out, s, (size_t)(p - s));
		buf_add_str(out, arg);
		s = p + 2;
	}
	buf_add_str(out, s);
}

/* 1 if word (any case) is one of the space-separated words of msg. */
static int
i18n_in(const char *word, enum i18n_msg msg)
{
	const char	*p = i18n(msg);
	size_t		 len, n = strlen(word);

	while (*(p += strspn(p, " ")) != '\0') {
		len = strcspn(p, " ");
		if (len == n && strncasecmp(p, word, n) == 0)
			return 1;
		p += len;
	}
	return 0;
}

int
i18n_yes(const char *word)
{
	return *word != '\0' && i18n_in(word, I18N_YES_WORDS);
}

int
i18n_no(const char *word)
{
	return *word != '\0' && i18n_in(word, I18N_NO_WORDS);
}

int
i18n_yes_key(int c)
{
	char	 word[2] = { (char)c, '\0' };

	return c > 0x20 && c < 0x7f && i18n_yes(word);
}
