/* special.c: the rows consult accepts without asking them (metadata and
 * capture types, aliases.c's tables): their type words and the warnings
 * that check and init give about them. */
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

const char *
question_type_word(const struct question *q)
{
	if (q->special != QUESTION_ASKED && q->special_type != NULL)
		return q->special_type;
	if (q->repeat)
		return q->type == QUESTION_BEGIN_GROUP ? "begin_repeat" :
		    "end_repeat";
	if (q->range_start != NULL)
		return "range";
	return question_type_name(q->type);
}

char *
form_warnings(const struct form *f, const char *name)
{
	const struct question	*q;
	struct buf		 b;
	char			 at[FORM_WHERE_MAX], *s;
	const char		*where;
	size_t			 i;

	buf_init(&b);
	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (q->special != QUESTION_SKIPPED)
			continue;
		where = form_where(f, q->line, at, sizeof at);
		buf_printf(&b, "%s%s:%s: %s '%s' cannot be asked in a terminal: "
		    "skipped (stored empty)%s", b.len == 0 ? "" : "\n", name,
		    where != NULL ? where : "?", q->special_type, q->name,
		    q->required_src != NULL ? ", its required ignored" : "");
	}
	if (b.len == 0) {
		buf_clear(&b);
		return NULL;
	}
	s = xstrdup(buf_str(&b));
	buf_clear(&b);
	return s;
}
