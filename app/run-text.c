/* run-text.c: the form's texts as the participant reads them now: in
 * the session's language, each ${name} piped with the current answers
 * (answers_pipe). A piped text lives in the session's table until the
 * same text pipes differently, so front ends may hold it while they
 * draw a screen; the table is wiped with the participant. */
#include <stdlib.h>
#include <string.h>

#include "app/run.h"

struct run_piped {
	const char	*src;		/* the form's text */
	size_t		 lang;
	char		*out;		/* piped; wipe_free */
};

struct run_texts {
	struct run_piped *v;
	size_t		 n;
};

struct run_texts *
run_texts_create(void)
{
	return xcalloc(1, sizeof (struct run_texts));
}

const char *
run_pipe(const struct run *r, const char *s)
{
	return run_pipe_with(r, s, r->state == RUN_ASK ? r->current : -1,
	    NULL);
}

const char *
run_pipe_with(const struct run *r, const char *s, int q, const char *value)
{
	struct run_texts	*t = r->texts;
	struct run_piped	*p;
	char			*out;
	size_t			 i;

	if (t == NULL || r->answers == NULL ||
	    (out = answers_pipe_with(r->answers, s, r->lang, q, value)) ==
	    NULL)
		return s;
	for (i = 0; i < t->n; i++) {
		p = &t->v[i];
		if (p->src != s || p->lang != r->lang)
			continue;
		if (strcmp(p->out, out) == 0)
			wipe_free(out);
		else {
			wipe_free(p->out);
			p->out = out;
		}
		return p->out;
	}
	t->v = xreallocarray(t->v, t->n + 1, sizeof *t->v);
	p = &t->v[t->n++];
	p->src = s;
	p->lang = r->lang;
	p->out = out;
	return out;
}

const char *
run_text(const struct run *r, char *const *texts)
{
	return run_pipe(r, form_text(r->form, texts, r->lang));
}

const char *
run_label(const struct run *r, int q)
{
	return run_pipe_with(r, form_label(r->form, &r->form->questions[q],
	    r->lang), q, NULL);
}

void
run_texts_clear(struct run *r)
{
	struct run_texts	*t = r->texts;
	size_t			 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		wipe_free(t->v[i].out);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}
