/* normalise.c: the normal form of an answer by its type, so that a value
 * has one spelling everywhere (expressions, the encoding, exports):
 * - integer: an optional sign and digits, in the range of int64_t; stored
 *   without "+" and leading zeros ("+05" is "5", "-0" is "0").
 * - decimal: an optional sign, digits, a decimal point and digits, at
 *   least one digit in all; no exponent, no thousands separator. Stored
 *   with a "." whatever the locale, no leading zeros before the point
 *   ("0" stays), no trailing zeros after it, no point when nothing
 *   follows (".50" is "0.5", "5." is "5"). A "," is read as the decimal
 *   point (French and Spanish participants type "3,5") except where it
 *   could be a thousands separator: 1 to 3 digits not starting with 0,
 *   then "," and exactly three digits ("1,000" or "-2,500") are refused,
 *   so nobody's thousand silently becomes one. At most
 *   ANSWERS_DECIMAL_MAX characters once normalised.
 * - date: YYYY-MM-DD, a real day of the Gregorian calendar, year 0001 on.
 * - time, datetime, dates of some parts, ranges: normalise-time.c.
 * - text: valid UTF-8; tabs become spaces; a CR or CRLF is a newline;
 *   other control characters (C0, DEL, C1) are refused, and so is a
 *   newline unless the question is multiline; space and newlines around
 *   the text are dropped.
 * - select_one: one choice name; select_multiple: distinct names in list
 *   order; rank: distinct names in the participant's order, at most
 *   rank_max. Names are separated by white space on input and by one
 *   space when stored.
 * - acknowledge: "OK" (any case on input).
 * White space around numbers, dates, names and "OK" is ignored. */
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "forms/form-private.h"

#define ANSWERS_SPACE " \t\r\n"
#define ANSWERS_DIGITS "0123456789"

/* Copy of value without the white space around it. Caller wipes. */
static char *
answers_trim(const char *value)
{
	size_t	 len;

	value += strspn(value, ANSWERS_SPACE);
	len = strlen(value);
	while (len > 0 && strchr(ANSWERS_SPACE, value[len - 1]) != NULL)
		len--;
	return xstrndup(value, len);
}

static enum answer_problem
answers_decimal(const char *s, char **norm)
{
	const char	*p = s, *ip, *fp = "";
	size_t		 in, fn = 0;
	int		 neg = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	ip = p;
	in = strspn(p, ANSWERS_DIGITS);
	p += in;
	if (*p == ',' && in >= 1 && in <= 3 && *ip != '0' &&
	    strspn(p + 1, ANSWERS_DIGITS) == 3 && p[4] == '\0')
		return ANSWER_NOT_NUMBER; /* 1,000: a thousands separator? */
	if (*p == '.' || *p == ',') {
		fp = ++p;
		fn = strspn(p, ANSWERS_DIGITS);
		p += fn;
	}
	if (*p != '\0' || in + fn == 0)
		return ANSWER_NOT_NUMBER;
	while (in > 0 && *ip == '0') {
		ip++;
		in--;
	}
	while (fn > 0 && fp[fn - 1] == '0')
		fn--;
	if (in == 0 && fn == 0)
		neg = 0;
	if (neg + (in == 0 ? 1 : in) + (fn == 0 ? 0 : fn + 1) >
	    ANSWERS_DECIMAL_MAX)
		return ANSWER_NOT_NUMBER;
	if (norm != NULL) {
		xasprintf(norm, "%s%.*s%s%.*s", neg ? "-" : "",
		    (int)(in == 0 ? 1 : in), in == 0 ? "0" : ip,
		    fn == 0 ? "" : ".", (int)fn, fp);
	}
	return ANSWER_OK;
}

static enum answer_problem
answers_integer(const char *s, char **norm)
{
	const char	*p = s;
	size_t		 n;
	int		 neg = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	while (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
		p++;
	n = strspn(p, ANSWERS_DIGITS);
	if (n == 0 || p[n] != '\0') {
		if (answers_decimal(s, NULL) == ANSWER_OK)
			return ANSWER_NOT_INTEGER;
		return ANSWER_NOT_NUMBER;
	}
	if (n > 19 || (n == 19 && strcmp(p, neg ? "9223372036854775808" :
	    "9223372036854775807") > 0))
		return ANSWER_NOT_INTEGER;
	if (strcmp(p, "0") == 0)
		neg = 0;
	xasprintf(norm, "%s%s", neg ? "-" : "", p);
	return ANSWER_OK;
}

int
answers_date_valid(const char *s)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int		 y, m, d, i, leap;

	if (s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	y = ((s[0] - '0') * 10 + (s[1] - '0')) * 100 +
	    (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

static enum answer_problem
answers_date(const char *s, char **norm)
{
	if (strlen(s) != 10 || !answers_date_valid(s))
		return ANSWER_NOT_DATE;
	*norm = xstrdup(s);
	return ANSWER_OK;
}

/* Text as described at the top; calculate (multiline < 0) only needs
 * valid UTF-8 and is kept as computed. */
static enum answer_problem
answers_text(const char *value, int multiline, char **norm)
{
	const unsigned char	*p = (const unsigned char *)value;
	size_t			 len = strlen(value), i;
	enum answer_problem	 problem = ANSWER_BAD_TEXT;
	char			*out;
	size_t			 n = 0;
	unsigned char		 c;

	if (!utf8_valid(value, len, NULL))
		return ANSWER_BAD_TEXT;
	if (multiline < 0) {
		*norm = xstrdup(value);
		return ANSWER_OK;
	}
	/* The normal form is never longer: build it in one allocation. */
	out = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		c = p[i];
		if (c == '\t')
			c = ' ';
		else if (c == '\r' && p[i + 1] == '\n')
			continue;
		else if (c == '\r')
			c = '\n';
		else if ((c < 0x20 && c != '\n') || c == 0x7f ||
		    (c == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f))
			goto out;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	*norm = answers_trim(out);
	if (!multiline && strchr(*norm, '\n') != NULL) {
		wipe_free(*norm);
		*norm = NULL;
		goto out;
	}
	problem = ANSWER_OK;
out:
	wipe(out, len + 1);
	free(out);
	return problem;
}

/* Names of select_one, select_multiple and rank, against the whole list
 * (answers_check then asks choice_filter). */
static enum answer_problem
answers_names(const struct form *f, const struct question *q,
    const char *value, char **norm)
{
	const struct choice_list *l = form_question_list(f, q);
	const char		*p;
	int			*order, k;
	size_t			 n, count = 0, i;
	unsigned char		*seen;
	enum answer_problem	 problem = ANSWER_OK;
	struct buf		 b;

	if (l == NULL)
		return ANSWER_NOT_CHOICE;
	if (q->type == QUESTION_SELECT_ONE &&
	    (k = choice_list_find(l, value, strlen(value))) != -1) {
		*norm = xstrdup(l->choices[k].name);
		return ANSWER_OK;
	}
	order = xcalloc(l->nchoices + 1, sizeof *order);
	seen = xcalloc(l->nchoices + 1, 1);
	for (p = value + strspn(value, ANSWERS_SPACE); *p != '\0';
	    p += n, p += strspn(p, ANSWERS_SPACE)) {
		n = strcspn(p, ANSWERS_SPACE);
		if (q->type == QUESTION_SELECT_ONE && count == 1) {
			problem = ANSWER_TOO_MANY;
			goto out;
		}
		if ((k = choice_list_find(l, p, n)) == -1) {
			problem = ANSWER_NOT_CHOICE;
			goto out;
		}
		if (seen[k]) {
			problem = ANSWER_DUPLICATE;
			goto out;
		}
		seen[k] = 1;
		order[count++] = k;
	}
	if (q->type == QUESTION_RANK && q->rank_max > 0 &&
	    count > (size_t)q->rank_max) {
		problem = ANSWER_TOO_MANY;
		goto out;
	}
	buf_init(&b);
	for (i = 0; i < (q->type == QUESTION_SELECT_MULTIPLE ?
	    l->nchoices : count); i++) {
		k = q->type == QUESTION_SELECT_MULTIPLE ? (int)i : order[i];
		if (!seen[k])
			continue;
		if (b.len != 0)
			buf_add_byte(&b, ' ');
		buf_add_str(&b, l->choices[k].name);
	}
	*norm = xstrdup(buf_str(&b));
	buf_clear(&b);
out:
	free(order);
	free(seen);
	return problem;
}

enum answer_problem
answers_normalise(const struct form *f, int q, const char *value,
    char **norm)
{
	const struct question	*qq;
	enum answer_problem	 problem;
	char			*s;

	*norm = NULL;
	if (q < 0 || (size_t)q >= f->nquestions)
		return ANSWER_NOT_CHOICE;
	qq = &f->questions[q];
	if (qq->type == QUESTION_TEXT)
		return answers_text(value, qq->multiline != 0, norm);
	if (qq->type == QUESTION_CALCULATE)
		return answers_text(value, -1, norm);
	s = answers_trim(value);
	if (*s == '\0' || !question_stores(qq)) {
		*norm = xstrdup("");
		wipe_free(s);
		return ANSWER_OK;
	}
	switch (qq->type) {
	case QUESTION_INTEGER:
	case QUESTION_DECIMAL:
		problem = qq->type == QUESTION_INTEGER ?
		    answers_integer(s, norm) : answers_decimal(s, norm);
		if (problem == ANSWER_OK && !answers_in_range(qq, *norm)) {
			wipe_free(*norm);
			*norm = NULL;
			problem = ANSWER_NOT_IN_RANGE;
		}
		break;
	case QUESTION_DATE:
		problem = qq->date_parts != 0 && qq->date_parts < 3 ?
		    answers_date_parts(s, qq->date_parts, norm) :
		    answers_date(s, norm);
		break;
	case QUESTION_TIME:
		problem = answers_time(s, norm);
		break;
	case QUESTION_DATETIME:
		problem = answers_datetime(s, norm);
		break;
	case QUESTION_ACKNOWLEDGE:
		problem = str_ieq(s, "OK") ? ANSWER_OK : ANSWER_NOT_ACK;
		if (problem == ANSWER_OK)
			*norm = xstrdup("OK");
		break;
	default:
		problem = answers_names(f, qq, s, norm);
		break;
	}
	wipe_free(s);
	return problem;
}


/* ---- the normal-form test the decoder runs on every stored value ------ */

/* Whether s (n bytes) is an integer in its normal form. */
static int
answers_integer_normal(const char *s, size_t n)
{
	size_t	 i;
	int	 neg = 0;

	if (n > 0 && s[0] == '-') {
		neg = 1;
		s++;
		n--;
	}
	if (n == 0 || n > 19 || (s[0] == '0' && (n != 1 || neg)))
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	if (n == 19 && memcmp(s, neg ? "9223372036854775808" :
	    "9223372036854775807", 19) > 0)
		return 0;
	return 1;
}

/* Whether s (n bytes) is a decimal in its normal form. */
static int
answers_decimal_normal(const char *s, size_t n)
{
	size_t	 i = 0, in = 0, fn = 0;
	int	 neg = 0;

	if (n > ANSWERS_DECIMAL_MAX)
		return 0;
	if (n > 0 && s[0] == '-')
		neg = i = 1;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		in++;
	if (in == 0 || (in > 1 && s[neg] == '0'))
		return 0;
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			fn++;
		if (fn == 0 || s[i - 1] == '0')
			return 0;
	}
	if (i != n || (neg && in == 1 && s[neg] == '0' && fn == 0))
		return 0;
	return 1;
}

/* Text is checked by a shift DFA (after Per Vognsen): the row of a byte
 * holds, 6 bits per state, the state that byte leads to from each state,
 * and a state is its own bit offset in the rows, so that a step is one
 * load indexed by the byte alone and one shift, with no branch to
 * mispredict in text that mixes scripts. The automaton accepts what
 * utf8_valid accepts (shortest forms, no surrogates, nothing above
 * U+10FFFF) and refuses NUL, and in text the C0 controls but the
 * newline of a multiline text, DEL and the C1 controls (U+0080 to
 * U+009F, lead byte 0xc2). The states, as offsets: */
enum {
	TEXT_ERR = 0,		/* refused, for good: its row bits are 0 */
	TEXT_OK = 6,		/* between characters */
	TEXT_NEED1 = 12,	/* 1 continuation byte to come */
	TEXT_NEED2 = 18,
	TEXT_NEED3 = 24,
	TEXT_E0 = 30,		/* after 0xe0: 0xa0 to 0xbf (not overlong) */
	TEXT_ED = 36,		/* after 0xed: 0x80 to 0x9f (no surrogate) */
	TEXT_F0 = 42,		/* after 0xf0: 0x90 to 0xbf (not overlong) */
	TEXT_F4 = 48,		/* after 0xf4: 0x80 to 0x8f (<= U+10FFFF) */
	TEXT_C2 = 54,		/* after 0xc2 in text: 0xa0 to 0xbf (no C1) */
};

/* The automata of a single-line text, a multiline text and a calculate
 * (valid UTF-8 without NUL), built on first use. */
enum { TEXT_LINE, TEXT_LINES, TEXT_CALCULATE };
static uint64_t	 text_dfa[3][256];
static int	 text_dfa_built;

/* The row of byte b in automaton v. */
static uint64_t
text_dfa_row(int v, int b)
{
#define EDGE(from, to) ((uint64_t)(to) << (from))
	if (b >= 0x20 && b < 0x7f)
		return EDGE(TEXT_OK, TEXT_OK);
	if (b < 0x80)	/* C0 controls and DEL */
		return b != 0 && (v == TEXT_CALCULATE ||
		    (v == TEXT_LINES && b == '\n')) ? EDGE(TEXT_OK, TEXT_OK) : 0;
	if (b <= 0xbf)	/* continuation bytes */
		return EDGE(TEXT_NEED1, TEXT_OK) |
		    EDGE(TEXT_NEED2, TEXT_NEED1) |
		    EDGE(TEXT_NEED3, TEXT_NEED2) |
		    (b <= 0x9f ? EDGE(TEXT_ED, TEXT_NEED1) :
		    EDGE(TEXT_E0, TEXT_NEED1) | EDGE(TEXT_C2, TEXT_OK)) |
		    (b >= 0x90 ? EDGE(TEXT_F0, TEXT_NEED2) :
		    EDGE(TEXT_F4, TEXT_NEED2));
	if (b == 0xc2)
		return EDGE(TEXT_OK, v == TEXT_CALCULATE ? TEXT_NEED1 :
		    TEXT_C2);
	if (b >= 0xc3 && b <= 0xdf)
		return EDGE(TEXT_OK, TEXT_NEED1);
	if (b == 0xe0)
		return EDGE(TEXT_OK, TEXT_E0);
	if (b == 0xed)
		return EDGE(TEXT_OK, TEXT_ED);
	if (b >= 0xe1 && b <= 0xef)
		return EDGE(TEXT_OK, TEXT_NEED2);
	if (b == 0xf0)
		return EDGE(TEXT_OK, TEXT_F0);
	if (b >= 0xf1 && b <= 0xf3)
		return EDGE(TEXT_OK, TEXT_NEED3);
	if (b == 0xf4)
		return EDGE(TEXT_OK, TEXT_F4);
	return 0;	/* 0xc0, 0xc1, 0xf5 and up: never in UTF-8 */
#undef EDGE
}

/* Whether s (n bytes, n > 0) is text in its normal form, in one pass;
 * multiline < 0 for a calculate, which only needs valid UTF-8 without
 * NUL. */
static int
answers_text_normal(const char *s, size_t n, int multiline)
{
	const unsigned char	*p = (const unsigned char *)s;
	const uint64_t		*dfa;
	uint64_t		 state = TEXT_OK;
	size_t			 i;
	int			 v, b;

	if (!text_dfa_built) {
		for (v = 0; v < 3; v++) {
			for (b = 0; b < 256; b++)
				text_dfa[v][b] = text_dfa_row(v, b);
		}
		text_dfa_built = 1;
	}
	if (multiline >= 0 && (p[0] <= ' ' || p[n - 1] <= ' '))
		return 0; /* space around it, or a control character */
	dfa = text_dfa[multiline < 0 ? TEXT_CALCULATE : multiline ?
	    TEXT_LINES : TEXT_LINE];
	for (i = 0; i < n; i++)
		state = dfa[p[i]] >> (state & 63);
	return (state & 63) == TEXT_OK;
}

/* Whether s (n bytes) is a list of names in normal form for q; if so,
 * their indices are in picks and their count in *npicks. */
static int
answers_names_normal(const struct form *f, const struct question *q,
    const char *s, size_t n, uint32_t *picks, size_t *npicks)
{
	const struct choice_list *l = form_question_list(f, q);
	uint32_t		 idx[ANSWERS_MAX_PICKS];
	int			 k;
	size_t			 count = 0, i, t, end;

	if (l == NULL)
		return 0;
	for (i = 0; i < n; i = end + 1) {
		for (end = i; end < n && s[end] != ' '; end++) {
			if ((unsigned char)s[end] <= 0x20 ||
			    (unsigned char)s[end] >= 0x80)
				return 0; /* the slow path says what */
		}
		if (end == i || end == n - 1 || count == nitems(idx) ||
		    (q->type == QUESTION_SELECT_ONE && count == 1))
			return 0;
		if ((k = choice_list_find(l, s + i, end - i)) == -1)
			return 0;
		/* select_multiple holds its names in list order. */
		if (q->type == QUESTION_SELECT_MULTIPLE && count > 0 &&
		    (uint32_t)k <= idx[count - 1])
			return 0;
		for (t = 0; t < count; t++) {
			if (idx[t] == (uint32_t)k)
				return 0;
		}
		idx[count++] = (uint32_t)k;
	}
	if (count == 0 || (q->type == QUESTION_RANK && q->rank_max > 0 &&
	    count > (size_t)q->rank_max))
		return 0;
	if (picks != NULL) {
		memcpy(picks, idx, count * sizeof *idx);
		*npicks = count;
	}
	return 1;
}

int
answers_is_normal(const struct form *f, int q, const char *s, size_t n)
{
	return answers_is_normal_picks(f, q, s, n, NULL, NULL);
}

int
answers_is_normal_picks(const struct form *f, int q, const char *s, size_t n,
    uint32_t *picks, size_t *npicks)
{
	const struct question	*qq;

	if (npicks != NULL)
		*npicks = 0;
	if (q < 0 || (size_t)q >= f->nquestions || n == 0)
		return 0;
	qq = &f->questions[q];
	switch (qq->type) {
	case QUESTION_TEXT:
		return answers_text_normal(s, n, qq->multiline != 0);
	case QUESTION_CALCULATE:
		return answers_text_normal(s, n, -1);
	case QUESTION_INTEGER:
	case QUESTION_DECIMAL:
		if (!(qq->type == QUESTION_INTEGER ?
		    answers_integer_normal(s, n) : answers_decimal_normal(s, n)))
			return 0;
		return qq->range_start == NULL || answers_in_range_n(qq, s, n);
	case QUESTION_DATE:
	case QUESTION_TIME:
	case QUESTION_DATETIME:
		return answers_time_normal(qq->type, qq->date_parts, s, n);
	case QUESTION_ACKNOWLEDGE:
		return n == 2 && s[0] == 'O' && s[1] == 'K';
	case QUESTION_SELECT_ONE:
	case QUESTION_SELECT_MULTIPLE:
	case QUESTION_RANK:
		return answers_names_normal(f, qq, s, n, picks, npicks);
	default:
		return 0;
	}
}
