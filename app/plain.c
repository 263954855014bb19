/* plain.c: the line front end of "consult run", for screen readers,
 * serial lines and scripts: it prints a question, reads one line, and
 * lets the engine (run.c) decide what comes next. No cursor addressing,
 * and no control character from the form or the answers reaches the
 * terminal. */
#include <sys/ioctl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/plain.h"



/* Write s, replacing what a terminal would act on: C0 controls but the
 * newline, DEL, C1 controls and invalid UTF-8 become '?', tab a space,
 * carriage return nothing. Lines after the first are indented. */
static void
plain_put_indented(struct plain *p, const char *s, const char *indent)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len;

	while (*u != '\0') {
		if (*u == '\n') {
			fputc(*u++, p->out);
			fputs(indent, p->out);
			continue;
		}
		if (*u >= 0x20 && *u < 0x7f) {
			fputc(*u++, p->out);
			continue;
		}
		if (*u < 0x80) {
			if (*u == '\t')
				fputc(' ', p->out);
			else if (*u != '\r')
				fputc('?', p->out);
			u++;
			continue;
		}
		len = *u >= 0xf0 ? 4 : *u >= 0xe0 ? 3 : 2;
		if (strnlen((const char *)u, len) < len ||
		    !utf8_valid((const char *)u, len, NULL)) {
			fputc('?', p->out);
			u++;
			continue;
		}
		if (u[0] == 0xc2 && u[1] < 0xa0)	/* C1 control */
			fputc('?', p->out);
		else
			fwrite(u, 1, len, p->out);
		u += len;
	}
}

static void
plain_put(struct plain *p, const char *s)
{
	plain_put_indented(p, s, "");
}

/* Write s and a newline. */
static void
plain_say(struct plain *p, const char *s)
{
	plain_put(p, s);
	fputc('\n', p->out);
}

/* Write a front-end message, "{}" replaced by arg, and a newline. */
static void
plain_sayf(struct plain *p, enum i18n_msg msg, const char *arg)
{
	struct buf	 b;

	buf_init(&b);
	i18n_format(&b, msg, arg);
	plain_say(p, buf_str(&b));
	buf_clear(&b);
}

/* The instruction line of question q. */
static void
plain_instructions(struct plain *p, int q)
{
	static const enum i18n_msg do_type[] = {
		[QUESTION_SELECT_ONE] = I18N_DO_SELECT_ONE,
		[QUESTION_SELECT_MULTIPLE] = I18N_DO_SELECT_MULTIPLE,
		[QUESTION_RANK] = I18N_DO_RANK,
		[QUESTION_INTEGER] = I18N_DO_INTEGER,
		[QUESTION_DECIMAL] = I18N_DO_DECIMAL,
		[QUESTION_TEXT] = I18N_DO_TEXT,
		[QUESTION_DATE] = I18N_DO_DATE,
		[QUESTION_NOTE] = I18N_DO_NOTE,
		[QUESTION_ACKNOWLEDGE] = I18N_DO_ACKNOWLEDGE,
		[QUESTION_TIME] = I18N_DO_TIME,
		[QUESTION_DATETIME] = I18N_DO_DATETIME,
	};
	const struct question	*qu = &p->run->form->questions[q];
	struct buf		 b;
	enum i18n_msg		 msg = do_type[qu->type];
	char			 max[16];

	if (qu->type == QUESTION_TEXT && qu->multiline)
		msg = I18N_DO_MULTILINE;
	else if (qu->date_parts == 2 || qu->date_parts == 1)
		msg = qu->date_parts == 2 ? I18N_DO_MONTH_YEAR : I18N_DO_YEAR;
	else if (qu->range_start != NULL)
		msg = I18N_DO_RANGE;
	if (qu->readonly) {
		plain_say(p, i18n(I18N_READONLY));
		plain_say(p, i18n(I18N_DO_NOTE));
		return;
	}
	snprintf(max, sizeof max, "%d", qu->rank_max);
	buf_init(&b);
	i18n_format(&b, msg, max);
	if (qu->type != QUESTION_NOTE) {
		if (*answers_get(p->run->answers, q) != '\0')
			msg = I18N_KEEP;
		else if (run_required(p->run, q))
			msg = I18N_REQUIRED;
		else
			msg = I18N_SKIP;
		buf_add_byte(&b, ' ');
		buf_add_str(&b, i18n(msg));
	}
	plain_say(p, buf_str(&b));
	buf_clear(&b);
}

/* The numbered choices of q; a likert question also gets its scale. */
static void
plain_choices(struct plain *p, int q)
{
	const struct form		*f = p->run->form;
	const struct choice_list	*l;
	const struct choice		*c;
	const int			*idx;
	size_t				 i, n;
	int				 by_name;

	l = form_question_list(f, &f->questions[q]);
	n = run_choices(p->run, q, &idx, &by_name);
	if (f->questions[q].likert && n > 1) {
		plain_put(p, i18n(I18N_SCALE));
		for (i = 0; i < n; i++) {
			c = &l->choices[idx[i]];
			fprintf(p->out, "%s", i == 0 ? " " : " - ");
			if (by_name)
				plain_put(p, c->name);
			else
				fprintf(p->out, "%zu", i + 1);
			if (i == 0 || i == n - 1) {
				plain_put(p, " (");
				plain_put(p, run_text(p->run, c->label));
				plain_put(p, ")");
			}
		}
		fputc('\n', p->out);
	}
	for (i = 0; i < n; i++) {
		c = &l->choices[idx[i]];
		if (by_name) {
			fputs("  ", p->out);
			plain_put(p, c->name);
		} else
			fprintf(p->out, "  %zu", i + 1);
		plain_put(p, ") ");
		plain_say(p, run_text(p->run, c->label));
	}
}

/* A range's scale: every value when there are few, else the first
 * two, an ellipsis and the last. */
static void
plain_range(struct plain *p, const struct question *qu)
{
	char	 v[FORM_RANGE_VALUE_MAX];
	size_t	 i, n = form_range_count(qu);

	plain_put(p, i18n(I18N_SCALE));
	for (i = 0; i < n; i++) {
		if (n > 21 && i == 2) {
			fputs(" ...", p->out);
			i = n - 1;
		}
		form_range_value(qu, i, v, sizeof v);
		fprintf(p->out, " %s", v);
	}
	fputc('\n', p->out);
}

/* The header line: progress, form title, section. */
static void
plain_header(struct plain *p, int q)
{
	const char	*section;
	int		 n, m;

	run_progress(p->run, &n, &m);
	fprintf(p->out, "\n[%d/%d] ", n, m);
	plain_put(p, p->run->form->title);
	if (q >= 0 && (section = run_section(p->run, q)) != NULL) {
		plain_put(p, " - ");
		plain_put(p, section);
	}
	fputc('\n', p->out);
}

/* In the review, a line "Proposal 2 of 3" where the instance changes.
 * *last (freed by the caller) is the section said last. */
static void
plain_review_section(struct plain *p, int q, char **last)
{
	const char	*s;

	if (form_repeat_of(p->run->form, q) < 0) {
		if (*last != NULL)
			plain_say(p, "");
		free(*last);
		*last = NULL;
		return;
	}
	s = run_section(p->run, q);
	if (s == NULL || (*last != NULL && strcmp(s, *last) == 0))
		return;
	fputs("  ", p->out);
	plain_say(p, s);
	free(*last);
	*last = xstrdup(s);
}

/* Write "Your answer: ..." for q, its lines after the first indented. */
static void
plain_answer(struct plain *p, int q, const char *indent)
{
	struct buf	 b, text;

	buf_init(&b);
	buf_init(&text);
	run_answer_text(p->run, q, &b);
	if (b.len == 0)
		buf_add_str(&b, i18n(I18N_NO_ANSWER));
	i18n_format(&text, I18N_CURRENT, buf_str(&b));
	fputs(indent, p->out);
	plain_put_indented(p, buf_str(&text), indent);
	fputc('\n', p->out);
	buf_clear(&text);
	buf_clear(&b);
}

static void
plain_question(struct plain *p)
{
	const struct form	*f = p->run->form;
	int			 q = p->run->current;
	const char		*hint;

	plain_header(p, q);
	plain_say(p, run_label(p->run, q));
	hint = run_text(p->run, f->questions[q].hint);
	if (*hint != '\0')
		plain_say(p, hint);
	if (question_has_choices(&f->questions[q]))
		plain_choices(p, q);
	if (f->questions[q].range_start != NULL)
		plain_range(p, &f->questions[q]);
	if (f->questions[q].type != QUESTION_NOTE &&
	    (*answers_get(p->run->answers, q) != '\0' ||
	    f->questions[q].readonly))
		plain_answer(p, q, "");
	plain_instructions(p, q);
}

static void
plain_review(struct plain *p)
{
	const int		*qs;
	size_t			 i, n;
	char			 num[32], *last = NULL;

	plain_header(p, -1);
	plain_say(p, i18n(I18N_REVIEW));
	n = run_review(p->run, &qs);
	for (i = 0; i < n; i++) {
		run_review_select(p->run, i);
		plain_review_section(p, qs[i], &last);
		snprintf(num, sizeof num, "%3zu. ", i + 1);
		plain_put(p, num);
		plain_say(p, run_label(p->run, qs[i]));
		plain_answer(p, qs[i], "     ");
	}
	free(last);
	plain_say(p, i18n(I18N_REVIEW_JUMP));
	plain_say(p, i18n(I18N_SUBMIT));
}

/* RUN_ADD: "Add another Proposal? (yes or no)". */
static void
plain_add(struct plain *p)
{
	const struct run	*r = p->run;
	const char		*label;

	plain_header(p, r->repeat);
	label = run_label(r, r->repeat);
	plain_sayf(p, answers_repeat_count(r->answers, r->repeat) == 0 ?
	    I18N_ADD_FIRST : I18N_ADD_ANOTHER, label);
}

static void
plain_langs(struct plain *p)
{
	const struct form	*f = p->run->form;
	size_t			 i;

	plain_say(p, i18n(I18N_LANGUAGES));
	for (i = 0; i < f->nlangs; i++) {
		fputs(i == p->run->lang ? "* " : "  ", p->out);
		if (f->langs[i].code != NULL) {
			plain_put(p, f->langs[i].code);
			fputs("  ", p->out);
		}
		plain_say(p, f->langs[i].name);
	}
}

/* Show what the participant is at now. */
static void
plain_show(struct plain *p)
{
	switch (p->run->state) {
	case RUN_ASK:
		plain_question(p);
		break;
	case RUN_REVIEW:
		plain_review(p);
		break;
	case RUN_CONFIRM_QUIT:
		plain_say(p, i18n(I18N_QUIT_CONFIRM));
		break;
	case RUN_INVITE:
		plain_say(p, i18n(I18N_INVITE_ASK));
		break;
	case RUN_ADD:
		plain_add(p);
		break;
	case RUN_DONE:
		break;
	}
}

/* The start of a participant's session. */
static void
plain_start(struct plain *p)
{
	plain_say(p, p->run->form->title);
	if (!run_closed(p->run))
		plain_sayf(p, I18N_RESUME_CODE, p->run->code);
	else if (p->run->state != RUN_INVITE)
		plain_say(p, i18n(I18N_INVITE_RESUME));
	plain_say(p, i18n(I18N_HELP_HINT));
	plain_show(p);
}

/* Kiosk: between two participants, wait for Enter, push the last one's
 * screen out of sight and start the next. Returns 1 to go on, 0 at end
 * of input or on failure (*status set). */
static int
plain_kiosk_next(struct plain *p, int *status)
{
	struct winsize	 ws;
	int		 rows = 0;

	plain_say(p, i18n(I18N_NEXT_PARTICIPANT));
	fputs("> ", p->out);
	if (plain_read(p) != PLAIN_LINE) {
		fputc('\n', p->out);
		return 0;
	}
	if (isatty(fileno(p->out))) {
		rows = 24;
		if (ioctl(fileno(p->out), TIOCGWINSZ, &ws) == 0 &&
		    ws.ws_row > 0)
			rows = ws.ws_row;
	}
	while (rows-- > 0)
		fputc('\n', p->out);
	if (run_next_participant(p->run) == RUN_FAILED) {
		*status = run_say_failure(p->run);
		return 0;
	}
	plain_start(p);
	return 1;
}

/* Leave without submitting at end of input or on a signal. */
static int
plain_leave(struct plain *p, enum plain_read rd)
{
	char	*why;
	int	 status;

	fputc('\n', p->out);
	fflush(p->out);
	if (rd != PLAIN_ERROR)
		return run_leave(p->run, rd == PLAIN_EOF ? "end of input" :
		    "stopped by a signal");
	xasprintf(&why, "cannot read standard input: %s",
	    strerror(p->read_errno));
	status = run_leave(p->run, why);
	free(why);
	return status == 1 ? EXIT_IOERR : status;
}

/* 1 if the current question takes several lines. */
static int
plain_multiline(struct plain *p)
{
	const struct question	*qu;

	if (p->run->state != RUN_ASK)
		return 0;
	qu = &p->run->form->questions[p->run->current];
	return qu->type == QUESTION_TEXT && qu->multiline;
}

/* Read what the participant types and hand it to the engine: a line
 * beginning with one colon is a command, "::" escapes a colon. Returns
 * the reaction, or -1 with *rd at end of input or on a signal. */
static int
plain_step(struct plain *p, enum plain_read *rd)
{
	const char	*s;

	for (;;) {
		fputs("> ", p->out);
		if ((*rd = plain_read(p)) != PLAIN_LINE)
			return -1;
		s = buf_str(&p->line);
		if (s[0] == ':' && s[1] != ':')
			return (int)run_command(p->run, s + 1);
		if (plain_multiline(p) && strcmp(s, ".") == 0)
			return (int)run_input(p->run, "");
		if (*s != '\0' && plain_multiline(p) &&
		    (*rd = plain_read_more(p)) != PLAIN_LINE)
			return -1;
		if (!p->too_long)
			break;
		plain_say(p, i18n(I18N_TOO_LONG));
	}
	s = buf_str(&p->line);
	return (int)run_input(p->run, s[0] == ':' ? s + 1 : s);
}

/* The argument of the command line just read (":lang fr" gives "fr"). */
static const char *
plain_arg(struct plain *p)
{
	const char	*s = buf_str(&p->line) + 1;

	s += strspn(s, " \t");
	s += strcspn(s, " \t");
	return s + strspn(s, " \t");
}

/* The receipt of the response just submitted, and thanks. */
static void
plain_receipt(struct plain *p)
{
	struct buf	 b;

	buf_init(&b);
	run_receipt_line(p->run, &b);
	plain_say(p, buf_str(&b));
	buf_clear(&b);
	plain_say(p, i18n(I18N_THANKS));
}

/* Say what the engine's reaction asks for. Returns 1 to go on asking,
 * 0 when the session is over (*status set). */
static int
plain_react(struct plain *p, enum run_reaction re, int before,
    enum run_state before_state, int *status)
{
	switch (re) {
	case RUN_SHOW:
		if (before_state == RUN_INVITE && (p->run->state == RUN_ASK ||
		    p->run->state == RUN_REVIEW))
			plain_say(p, i18n(I18N_INVITE_RESUME));
		plain_show(p);
		break;
	case RUN_INVITE_WRONG:
		plain_say(p, i18n(I18N_INVITE_WRONG));
		break;
	case RUN_INVITE_USED:
		plain_say(p, i18n(I18N_INVITE_USED));
		break;
	case RUN_INVITE_WITHDRAWN:
		plain_say(p, i18n(I18N_INVITE_WITHDRAWN));
		break;
	case RUN_INVITE_LATE:
		plain_say(p, i18n(I18N_INVITE_LATE));
		break;
	case RUN_PROBLEM:
		plain_say(p, run_problem_text(p->run));
		if (p->run->current != before)
			plain_show(p);
		break;
	case RUN_HELP:
		plain_say(p, i18n(I18N_HELP));
		if (run_closed(p->run))
			plain_say(p, i18n(I18N_HELP_INVITE));
		if (run_has_repeats(p->run))
			plain_say(p, i18n(I18N_HELP_REPEAT));
		break;
	case RUN_DELETED:
		plain_sayf(p, I18N_DELETED, run_label(p->run, p->run->repeat));
		plain_show(p);
		break;
	case RUN_NOT_IN_REPEAT:
		plain_say(p, i18n(I18N_NOT_IN_REPEAT));
		break;
	case RUN_CANNOT_ADD:
		plain_say(p, i18n(I18N_CANNOT_ADD));
		break;
	case RUN_LANGS:
		plain_langs(p);
		break;
	case RUN_NO_LANG:
		plain_sayf(p, I18N_NO_LANGUAGE, plain_arg(p));
		break;
	case RUN_FIRST:
		plain_say(p, i18n(I18N_FIRST_QUESTION));
		break;
	case RUN_NO_ITEM:
		plain_sayf(p, I18N_NO_QUESTION, buf_str(&p->line));
		break;
	case RUN_NOT_SUBMITTED:
		plain_say(p, i18n(I18N_NOT_SUBMITTED));
		plain_say(p, i18n(I18N_REVIEW_JUMP));
		plain_say(p, i18n(I18N_SUBMIT));
		break;
	case RUN_UNKNOWN:
		plain_sayf(p, I18N_UNKNOWN_COMMAND, buf_str(&p->line));
		break;
	case RUN_NO_DRAFT:
		plain_say(p, i18n(I18N_NO_DRAFT));
		break;
	case RUN_RESUME_LATE:
		plain_say(p, i18n(I18N_RESUME_LATE));
		break;
	case RUN_SAVED:
		plain_sayf(p, I18N_SAVED, p->run->code);
		*status = 0;
		return p->run->kiosk && plain_kiosk_next(p, status);
	case RUN_SUBMITTED:
		plain_receipt(p);
		*status = 0;
		return p->run->kiosk && plain_kiosk_next(p, status);
	case RUN_QUIT:
		*status = 0;
		return 0;
	case RUN_FAILED:
		fputc('\n', p->out);
		fflush(p->out);
		*status = run_say_failure(p->run);
		return 0;
	}
	return 1;
}

int
plain_main(struct run *r, int in, FILE *out)
{
	struct plain	 p;
	enum plain_read	 rd;
	enum run_state	 before_state;
	int		 re, before, status = 0;

	memset(&p, 0, sizeof p);
	p.run = r;
	p.in = in;
	p.out = out;
	buf_init(&p.pending);
	buf_init(&p.line);
	plain_start(&p);
	for (;;) {
		before = r->current;
		before_state = r->state;
		if ((re = plain_step(&p, &rd)) < 0) {
			status = plain_leave(&p, rd);
			break;
		}
		if (!plain_react(&p, (enum run_reaction)re, before,
		    before_state, &status))
			break;
	}
	fflush(out);
	buf_clear(&p.pending);
	buf_clear(&p.line);
	return status;
}
