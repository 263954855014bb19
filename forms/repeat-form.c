/* repeat-form.c: repeats in the survey sheet: begin_repeat and
 * end_repeat (and their aliases) open and close a group that repeats,
 * repeat_count fixes how many times. */
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

static const char *const repeat_begin_words[] = {
	"begin_repeat", "begin repeat",
};
static const char *const repeat_end_words[] = {
	"end_repeat", "end repeat",
};

/* cell lower-cased, spaces and underscores as typed, runs of blanks one
 * space. Caller frees. */
static char *
repeat_word(const char *cell)
{
	char	*s = str_lower(xstrdup(cell)), *p, *o;

	for (p = o = s; *p != '\0'; p++) {
		if (*p == '\t')
			*p = ' ';
		if (*p == ' ' && (o == s || o[-1] == ' '))
			continue;
		*o++ = *p;
	}
	if (o != s && o[-1] == ' ')
		o--;
	*o = '\0';
	return s;
}

int
repeat_type(struct form_builder *b, struct question *q, const char *cell)
{
	char	*w = repeat_word(cell);
	size_t	 i;
	int	 found = 0;

	(void)b;
	for (i = 0; i < nitems(repeat_begin_words) && !found; i++) {
		if (strcmp(w, repeat_begin_words[i]) == 0) {
			q->type = QUESTION_BEGIN_GROUP;
			found = 1;
		}
	}
	for (i = 0; i < nitems(repeat_end_words) && !found; i++) {
		if (strcmp(w, repeat_end_words[i]) == 0) {
			q->type = QUESTION_END_GROUP;
			found = 1;
		}
	}
	free(w);
	if (found)
		q->repeat = 1;
	return found;
}

int
repeat_around(const struct form *f, const int *v, size_t n)
{
	while (n-- > 0) {
		if (f->questions[v[n]].repeat)
			return v[n];
	}
	return -1;
}

void
repeat_check_end(struct form_builder *b, const struct question *begin,
    struct question *end)
{
	char	 at[FORM_WHERE_MAX];

	if (begin->repeat == end->repeat)
		return;
	form_error(b, end->line, "%s closes %s '%s' (opened at %s with %s)",
	    end->repeat ? "end_repeat" : "end_group",
	    begin->repeat ? "repeat" : "group", begin->name,
	    form_at(b->form, begin->line, at, sizeof at),
	    begin->repeat ? "begin_repeat" : "begin_group");
}

void
repeat_parse_count(struct form_builder *b, struct question *q)
{
	char	*cause;

	if (q->repeat_count_src == NULL)
		return;
	if (!q->repeat || q->type != QUESTION_BEGIN_GROUP) {
		form_error(b, q->line, "repeat_count applies to begin_repeat "
		    "only");
		return;
	}
	if ((q->repeat_count = expr_parse(q->repeat_count_src, b->form, 0,
	    &cause)) == NULL) {
		form_error(b, q->line, "%s in repeat_count", cause);
		free(cause);
	}
}
