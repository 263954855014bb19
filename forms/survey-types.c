/* survey-types.c: what some types and columns add to a question, as
 * pyxform reads them: the built-in constraint and hint of "phone number"
 * and "percentage", "hidden", a range's start, end and step, or_other's
 * "Specify other." question, readonly and trigger, a label of media only,
 * notes without a name, and appearance month-year and year on dates. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/form-private.h"
#include "forms/expr-private.h"

int
survey_yes(const char *v)
{
	return str_ieq(v, "yes") || str_ieq(v, "true") ||
	    str_ieq(v, "true()") || strcmp(v, "1") == 0;
}

void
survey_type_extra(struct form_builder *b, int i, const char *cell)
{
	struct question			*q = &b->form->questions[i];
	struct form_pending		*p = &b->pending[i];
	const struct alias_builtin	*bi;
	char				*lower;

	lower = str_lower(xstrdup(cell));
	str_trim(lower);
	p->hidden = strcmp(lower, "hidden") == 0;
	p->range = strcmp(lower, "range") == 0;
	free(lower);
	if ((bi = alias_builtin(cell)) == NULL)
		return;
	/* the row's own constraint and hint win, as in pyxform */
	if (q->constraint_src == NULL)
		q->constraint_src = xstrdup(bi->constraint);
	if (bi->hint != NULL && *form_text(b->form, q->hint, 0) == '\0')
		q->hint[b->form->default_lang] = xstrdup(bi->hint);
}

void
survey_parameters_range(struct form_builder *b, struct form_pending *p,
    struct alias_params *ap)
{
	(void)b;
	free(p->start);
	free(p->end);
	free(p->step);
	p->start = ap->start;
	p->end = ap->end;
	p->step = ap->step;
	ap->start = ap->end = ap->step = NULL;
}

/* A range parameter: its normal form as a decimal in *out, or an error
 * naming it. */
static int
survey_range_value(struct form_builder *b, const struct question *q,
    const char *name, const char *v, const char *dflt, char **out,
    double *d)
{
	struct question	 tmp;
	struct form	 f;

	if (v == NULL)
		v = dflt;
	memset(&tmp, 0, sizeof tmp);
	memset(&f, 0, sizeof f);
	tmp.type = QUESTION_DECIMAL;
	tmp.name = q->name;
	f.questions = &tmp;
	f.nquestions = 1;
	if (answers_normalise(&f, 0, v, out) != ANSWER_OK) {
		form_error(b, q->line, "range %s '%s' is not a number", name,
		    v);
		return -1;
	}
	*d = expr_parse_number(*out, strlen(*out));
	return 0;
}

/* Digits after the point of a number in normal form. */
static size_t
survey_decimals(const char *s)
{
	const char	*dot = strchr(s, '.');

	return dot == NULL ? 0 : strlen(dot + 1);
}

/* pyxform's rules: start 1, end 10, step 1 unless given; step not 0 and
 * no wider than the range; decimal when any is not whole. */
static void
survey_check_range(struct form_builder *b, struct question *q,
    const struct form_pending *p)
{
	char	*s = NULL, *e = NULL, *st = NULL;
	double	 ds, de, dst;

	if (survey_range_value(b, q, "start", p->start, "1", &s, &ds) != 0 ||
	    survey_range_value(b, q, "end", p->end, "10", &e, &de) != 0 ||
	    survey_range_value(b, q, "step", p->step, "1", &st, &dst) != 0)
		goto fail;
	if (dst == 0) {
		form_error(b, q->line, "range step must not be 0");
		goto fail;
	}
	if (fabs(dst) > fabs(de - ds)) {
		form_error(b, q->line, "range step %s is wider than the range "
		    "from %s to %s", st, s, e);
		goto fail;
	}
	if (survey_decimals(s) > 6 || survey_decimals(e) > 6 ||
	    survey_decimals(st) > 6 || fabs(ds) >= 1e9 || fabs(de) >= 1e9) {
		form_error(b, q->line, "range from %s to %s by %s: consult "
		    "takes ends below 1000000000 and up to 6 decimals", s, e,
		    st);
		goto fail;
	}
	if (fabs(de - ds) / fabs(dst) > 1000000) {
		form_error(b, q->line, "range from %s to %s by %s has more "
		    "than a million steps", s, e, st);
		goto fail;
	}
	if (strchr(s, '.') != NULL || strchr(e, '.') != NULL ||
	    strchr(st, '.') != NULL)
		q->type = QUESTION_DECIMAL;
	q->range_start = s;
	q->range_end = e;
	q->range_step = st;
	return;
fail:
	free(s);
	free(e);
	free(st);
}

int
survey_add_other(struct form_builder *b, int i)
{
	struct form	*f = b->form;
	struct question	*q, *o;
	size_t		 l;
	int		 j;

	if (!b->pending[i].or_other)
		return -1;
	j = survey_add(b, f->questions[i].line);
	q = &f->questions[i];
	o = &f->questions[j];
	o->type = QUESTION_TEXT;
	xasprintf(&o->name, "%s_other", q->name);
	for (l = 0; l < f->nlangs; l++)
		o->label[l] = xstrdup("Specify other.");
	xasprintf(&o->relevant_src, "selected(${%s}, 'other')", q->name);
	return j;
}

/* The trigger column: ${a} or "${a}, ${b}", each a question. */
static void
survey_check_trigger(struct form_builder *b, struct question *q,
    const char *src)
{
	const char	*s = src, *end;
	char		*name;
	int		 k;

	for (;;) {
		s += strspn(s, " \t,");
		if (*s == '\0')
			break;
		if (strncmp(s, "${", 2) != 0 || (end = strchr(s, '}')) ==
		    NULL) {
			form_error(b, q->line, "trigger '%s' is not ${name} or "
			    "a list of them", src);
			return;
		}
		name = xstrndup(s + 2, (size_t)(end - s - 2));
		if ((k = form_find_question(b->form, name)) < 0)
			form_error(b, q->line, "trigger names no question "
			    "'%s'", name);
		else {
			q->triggers = xreallocarray(q->triggers,
			    q->ntriggers + 1, sizeof *q->triggers);
			q->triggers[q->ntriggers++] = k;
		}
		free(name);
		s = end + 1;
	}
	if (q->calculation_src == NULL && q->ntriggers != 0)
		form_error(b, q->line, "trigger on '%s' needs a calculation "
		    "to recompute", q->name);
}

/* appearance month-year and year on a date. */
static void
survey_date_parts(struct question *q)
{
	char	*copy, *word, *last;

	if (q->type != QUESTION_DATE)
		return;
	q->date_parts = 3;
	if (q->appearance == NULL)
		return;
	copy = xstrdup(q->appearance);
	for (word = strtok_r(copy, " \t\n", &last); word != NULL;
	    word = strtok_r(NULL, " \t\n", &last)) {
		if (strcmp(word, "month-year") == 0)
			q->date_parts = 2;
		else if (strcmp(word, "year") == 0)
			q->date_parts = 1;
	}
	free(copy);
}

void
survey_check_extra(struct form_builder *b, int i)
{
	struct form		*f = b->form;
	struct question		*q = &f->questions[i];
	struct form_pending	*p = &b->pending[i];
	char			*label;

	if (p->range)
		survey_check_range(b, q, p);
	else if (p->start != NULL || p->end != NULL || p->step != NULL)
		form_error(b, q->line, "start, end and step apply to range "
		    "only");
	survey_date_parts(q);
	if (p->or_other && q->choice_filter_src != NULL)
		form_error(b, q->line, "choice_filter does not go with or_other "
		    "(as in pyxform)");
	else if (p->or_other && q->list >= 0)
		choices_add_other(f, &f->lists[q->list]);
	if (p->trigger != NULL)
		survey_check_trigger(b, q, p->trigger);
	if (q->calculation_src != NULL && q->type != QUESTION_CALCULATE &&
	    q->ntriggers == 0 && question_stores(q))
		q->readonly = 1;	/* ODK: the calculation sets it */
	if (*form_text(f, q->label, 0) == '\0' &&
	    *form_text(f, q->hint, 0) == '\0' && p->media != NULL) {
		xasprintf(&label, "[%s]", p->media);
		q->label[f->default_lang] = label;
	}
}

/* The file the pulldata() call at s names (s just after "pulldata"):
 * 1 with *name set (caller frees), 0 when s is no call, -1 when its
 * first argument is no text in quotes. */
static int
survey_pulldata_name(const char *s, char **name)
{
	const char	*end;
	char		 quote;

	s += strspn(s, " \t\n");
	if (*s != '(')
		return 0;
	s++;
	s += strspn(s, " \t\n");
	if (*s != '\'' && *s != '"')
		return -1;
	quote = *s++;
	if ((end = strchr(s, quote)) == NULL)
		return -1;
	*name = xstrndup(s, (size_t)(end - s));
	return 1;
}

void
survey_pulldata_files(struct form_builder *b, int i)
{
	const struct question	*q = &b->form->questions[i];
	const char		*srcs[5], *s;
	char			*name, *file;
	size_t			 k, n;
	int			 r;

	srcs[0] = q->relevant_src;
	srcs[1] = q->constraint_src;
	srcs[2] = q->calculation_src;
	srcs[3] = q->required_src;
	srcs[4] = q->choice_filter_src;
	for (k = 0; k < nitems(srcs); k++) {
		for (s = srcs[k]; s != NULL &&
		    (s = strstr(s, "pulldata")) != NULL; s += 8) {
			if (s != srcs[k] && strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:{",
			    s[-1]) != NULL)
				continue;	/* part of another name */
			if ((r = survey_pulldata_name(s + 8, &name)) == 0)
				continue;
			if (r < 0) {
				form_error(b, q->line, "pulldata() needs the "
				    "name of its file in quotes first "
				    "(pulldata('fruits', ...) reads "
				    "fruits.csv)");
				return;
			}
			n = strlen(name);
			if (n > 4 && strcasecmp(name + n - 4, ".csv") == 0)
				file = name;
			else {
				xasprintf(&file, "%s.csv", name);
				free(name);
			}
			r = external_file(b, q, file);
			free(file);
			if (r < 0)
				return;
		}
	}
}

void
survey_datasets(struct form_builder *b)
{
	struct form	*f = b->form;
	struct question	*q;
	char		*file;
	size_t		 i;

	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (b->pending[i].placeholder)
			continue;
		if (q->special_type != NULL && q->name != NULL &&
		    *q->name != '\0' &&
		    strcmp(q->special_type, "csv-external") == 0) {
			xasprintf(&file, "%s.csv", q->name);
			external_file(b, q, file);
			free(file);
		}
		survey_pulldata_files(b, (int)i);
	}
}
