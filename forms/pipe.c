/* pipe.c: label piping: ${name} in labels, hints, messages and choice
 * labels stands for the current answer as the participant reads it
 * (ODK's <output>). At load, every such text loses its markup
 * (markup.c) and each ${name} must name a question; while answering,
 * answers_pipe fills them in. */
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

/* Nested choice labels that pipe in turn stop here, and a text fills
 * in at most this many ${name} in all (a hostile form's labels of
 * thousands of references to selects whose labels refer again must not
 * hang the screen); the others are left empty. */
#define PIPE_MAX_DEPTH	3
#define PIPE_MAX_REFS	4096
/* Nor grows beyond this many bytes (cut there). */
#define PIPE_MAX_BYTES	(1024 * 1024)

static void
pipe_plain(char **texts, size_t n)
{
	char	*s;
	size_t	 i;

	for (i = 0; texts != NULL && i < n; i++) {
		if (texts[i] == NULL)
			continue;
		s = form_plain(texts[i]);
		free(texts[i]);
		texts[i] = s;
	}
}

void
form_plain_texts(struct form_builder *b)
{
	struct form	*f = b->form;
	struct question	*q;
	size_t		 i, j;

	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		pipe_plain(q->label, f->nlangs);
		pipe_plain(q->hint, f->nlangs);
		pipe_plain(q->constraint_message, f->nlangs);
		pipe_plain(q->required_message, f->nlangs);
	}
	for (i = 0; i < f->nlists; i++) {
		for (j = 0; j < f->lists[i].nchoices; j++)
			pipe_plain(f->lists[i].choices[j].label, f->nlangs);
	}
}

/* The next ${name} at or after s: its start in *at, name (trimmed) in
 * a new string; the text after it in *next. NULL when none. */
static char *
pipe_next(const char *s, const char **at, const char **next)
{
	const char	*open, *close;
	char		*name;

	if ((open = strstr(s, "${")) == NULL ||
	    (close = strchr(open + 2, '}')) == NULL)
		return NULL;
	name = xstrndup(open + 2, close - open - 2);
	str_trim(name);
	*at = open;
	*next = close + 1;
	return name;
}

/* The question name nearest to name, or NULL. */
static const char *
pipe_suggest(const struct form *f, const char *name)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = 3;

	for (i = 0; i < f->nquestions; i++) {
		d = str_distance(name, f->questions[i].name);
		if (d < bestd && d <= 1 + strlen(f->questions[i].name) / 3) {
			best = f->questions[i].name;
			bestd = d;
		}
	}
	return best;
}

static void
pipe_check_texts(struct form_builder *b, int line, char *const *texts,
    const char *column)
{
	const struct form *f = b->form;
	const char	*s, *at, *hint;
	char		*name;
	size_t		 i;

	for (i = 0; texts != NULL && i < f->nlangs; i++) {
		for (s = texts[i]; s != NULL &&
		    (name = pipe_next(s, &at, &s)) != NULL; free(name)) {
			if (form_find_question(f, name) >= 0)
				continue;
			if (*name == '\0') {
				form_error(b, line, "empty ${} in %s", column);
				continue;
			}
			hint = pipe_suggest(f, name);
			form_error(b, line, "unknown question '${%s}' in %s%s%s%s",
			    name, column,
			    hint != NULL ? "; did you mean ${" : "",
			    hint != NULL ? hint : "", hint != NULL ? "}?" : "");
		}
	}
}

void
form_check_pipes(struct form_builder *b)
{
	const struct form *f = b->form;
	const struct question *q;
	const struct choice *c;
	size_t		 i, j;

	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (b->pending != NULL && b->pending[i].placeholder)
			continue;
		pipe_check_texts(b, q->line, q->label, "label");
		pipe_check_texts(b, q->line, q->hint, "hint");
		pipe_check_texts(b, q->line, q->constraint_message,
		    "constraint_message");
		pipe_check_texts(b, q->line, q->required_message,
		    "required_message");
	}
	for (i = 0; i < f->nlists; i++) {
		for (j = 0; j < f->lists[i].nchoices; j++) {
			c = &f->lists[i].choices[j];
			pipe_check_texts(b, c->line, c->label, "choice label");
		}
	}
}

/* What piping reads: the answers, with one value proposed for q. */
struct pipe_ctx {
	const struct answers	*a;
	size_t			 lang;
	int			 q;		/* -1: none proposed */
	const char		*value;
	size_t			 refs;		/* filled in so far */
	int			 at;		/* the text's question, or -1 */
};

static void	pipe_into(struct pipe_ctx *, const char *, int,
		    struct buf *);

static void
pipe_display(struct pipe_ctx *p, int q, int depth, struct buf *out)
{
	const struct answers	*a = p->a;
	size_t			 lang = p->lang;
	const struct form	*f = a->form;
	const struct choice_list *l;
	const char		*v, *label;
	size_t			 len, k = 0;
	int			 c;

	v = q == p->q ? p->value : answers_get_at(a, p->at, q);
	l = form_question_list(f, &f->questions[q]);
	if (!question_has_choices(&f->questions[q]) || l == NULL) {
		buf_add_str(out, v);
		return;
	}
	while (*(v += strspn(v, " ")) != '\0' && out->len < PIPE_MAX_BYTES) {
		len = strcspn(v, " ");
		if (k++ != 0)
			buf_add_str(out, ", ");
		c = choice_list_find(l, v, len);
		label = c < 0 ? "" : form_text(f, l->choices[c].label, lang);
		if (*label == '\0')
			buf_add(out, v, len);
		else
			pipe_into(p, label, depth + 1, out);
		v += len;
	}
}

static void
pipe_into(struct pipe_ctx *p, const char *text, int depth, struct buf *out)
{
	const char	*at, *next;
	char		*name;
	int		 q;

	while (out->len < PIPE_MAX_BYTES &&
	    (name = pipe_next(text, &at, &next)) != NULL) {
		buf_add(out, text, at - text);
		if (depth < PIPE_MAX_DEPTH && p->refs++ < PIPE_MAX_REFS &&
		    (q = form_find_question(p->a->form, name)) >= 0)
			pipe_display(p, q, depth, out);
		free(name);
		text = next;
	}
	if (out->len < PIPE_MAX_BYTES)
		buf_add(out, text, strnlen(text, PIPE_MAX_BYTES - out->len));
}

void
answers_display(const struct answers *a, int q, size_t lang,
    struct buf *out)
{
	struct pipe_ctx	 p = { a, lang, -1, NULL, 0, -1 };

	pipe_display(&p, q, 0, out);
}

char *
answers_pipe(const struct answers *a, const char *text, size_t lang)
{
	return answers_pipe_with(a, text, lang, -1, NULL);
}

char *
answers_pipe_with(const struct answers *a, const char *text, size_t lang,
    int q, const char *value)
{
	struct pipe_ctx	 p = { a, lang, value == NULL ? -1 : q, value, 0, q };
	struct buf	 b;
	char		*s;

	if (strstr(text, "${") == NULL)
		return NULL;
	buf_init(&b);
	pipe_into(&p, text, 0, &b);
	s = xstrdup(buf_str(&b));
	buf_clear(&b);
	return s;
}
