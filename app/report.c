/* report.c: the charts of `consult report`, drawn from the tally behind
 * the summary export (the same numbers, never computed a second way):
 * bars of choices with counts and percentages, the distribution and
 * mean of numbers, rankings by Borda score with the Schulze order, and
 * groups side by side. */
#include <stdlib.h>
#include <string.h>

#include "app/report.h"

#define REPORT_WIDTH		80
#define REPORT_INDENT		2
#define REPORT_LABEL_MAX	28	/* label column of a chart */
#define REPORT_GROUP_LABEL_MAX	20	/* label column beside groups */
#define REPORT_COLUMN_MIN	12	/* a group's column */

void
report_clear(struct report *r)
{
	buf_clear(&r->out);
	memset(r, 0, sizeof *r);
}

static const char *
report_dot(const struct report *r)
{
	return r->ascii ? " - " : " \xc2\xb7 ";	/* U+00B7 */
}

/* A choice's label in the report's language, else its name. */
static const char *
report_choice(const struct report *r, const struct choice_list *l, size_t i)
{
	return chart_choice_label(r->form, l, i, r->lang);
}

/* The width of a label column holding the choices of l (and at least
 * least columns), at most max. */
static size_t
report_label_width(const struct report *r, const struct choice_list *l,
    size_t least, size_t max)
{
	size_t	 i, w, most = least;

	for (i = 0; l != NULL && i < l->nchoices; i++) {
		w = report_width(r, report_choice(r, l, i));
		if (w > most)
			most = w;
	}
	return most < max ? most : max;
}

/* count / answered of width cells, in eighths of a cell, rounded. */
static uint64_t
report_eighths(uint64_t count, uint64_t of, size_t width)
{
	if (of == 0)
		return 0;
	return (uint64_t)(((unsigned __int128)count * width * 8 + of / 2) /
	    of);
}

static void
report_percent(struct report *r, uint64_t count, uint64_t answered)
{
	char	 pct[STATS_NUMBER_MAX + 1];

	stats_percent(count, answered, pct);
	if (*pct == '\0')
		strcpy(pct, "-");
	else
		strcat(pct, "%");
	report_cell(r, pct, 6, 1);
}

/* "  label  bar  count  percent" */
static void
report_row(struct report *r, const char *label, size_t lw, uint64_t count,
    uint64_t answered)
{
	char	 n[24];
	size_t	 bw = r->width - REPORT_INDENT - lw - 17;

	report_pad(r, REPORT_INDENT);
	report_cell(r, label, lw, 0);
	report_pad(r, 1);
	report_bar(r, report_eighths(count, answered, bw), bw);
	snprintf(n, sizeof n, "%llu", (unsigned long long)count);
	report_pad(r, 1);
	report_cell(r, n, 7, 1);
	report_pad(r, 1);
	report_percent(r, count, answered);
	report_nl(r);
}

/* The question's label, "name: type, N of M answered", then extra (if
 * any) on a line of its own. */
static void
report_heading(struct report *r, size_t g, int q, const char *extra)
{
	const struct question	*qq = &r->form->questions[q];
	const struct tally	*t = r->tally;
	char			*line;
	int			 rep;

	report_wrap(r, form_label(r->form, qq, r->lang), REPORT_INDENT);
	report_nl(r);
	if ((rep = form_repeat_of(r->form, q)) >= 0)	/* instances */
		xasprintf(&line, "%s: %s%s, per instance of %s%s%llu "
		    "instances answered, in %llu responses", qq->name,
		    question_type_word(qq), t->scale[q] ? " (scale)" : "",
		    r->form->questions[rep].name, report_dot(r),
		    (unsigned long long)tally_cell(t, g, q)->answered,
		    (unsigned long long)t->group_responses[g]);
	else
		xasprintf(&line, "%s: %s%s%s%llu of %llu answered", qq->name,
		    question_type_word(qq), t->scale[q] ? " (scale)" : "",
		    report_dot(r), (unsigned long long)tally_cell(t, g,
		    q)->answered, (unsigned long long)t->group_responses[g]);
	report_pad(r, REPORT_INDENT);
	report_wrap(r, line, REPORT_INDENT * 2);
	report_nl(r);
	free(line);
	if (*extra == '\0')
		return;
	report_pad(r, REPORT_INDENT);
	report_wrap(r, extra, REPORT_INDENT * 2);
	report_nl(r);
}

/* "mean 3.75 · median 4.00 · min 2 · max 5" of q in group g, or "". */
static char *
report_numbers_text(struct report *r, size_t g, int q)
{
	struct stats_numbers	 n;
	const char		*dot = report_dot(r);
	char			*s;

	tally_numbers(r->tally, g, q, &n);
	if (tally_dated(r->form->questions[q].type) && *n.min != '\0')
		xasprintf(&s, "from %s to %s", n.min, n.max);
	else if (*n.mean != '\0')
		xasprintf(&s, "mean %s%smedian %s%smin %s%smax %s", n.mean,
		    dot, n.median, dot, n.min, dot, n.max);
	else
		s = xstrdup("");
	return s;
}

static void
report_choices(struct report *r, size_t g, int q)
{
	const struct choice_list	*l;
	const struct tally_cell		*c = tally_cell(r->tally, g, q);
	size_t				 i, lw;

	l = form_question_list(r->form, &r->form->questions[q]);
	lw = report_label_width(r, l, 6, REPORT_LABEL_MAX);
	for (i = 0; l != NULL && i < l->nchoices; i++)
		report_row(r, report_choice(r, l, i), lw, c->count[i],
		    c->answered);
}

/* The distribution of a number question: each value, or bins of the
 * range when there are many (the histogram is sorted by
 * tally_numbers). */
static void
report_distribution(struct report *r, size_t g, int q)
{
	const struct tally_cell	*c = tally_cell(r->tally, g, q);
	struct chart_bin	 bins[CHART_BINS_MAX];
	char			*label;
	size_t			 i, n;

	n = chart_bins(&c->hist, r->form->questions[q].type ==
	    QUESTION_INTEGER, bins);
	for (i = 0; i < n; i++) {
		if (c->hist.n <= CHART_VALUES_MAX) {
			report_row(r, bins[i].lo, 12, bins[i].count,
			    c->answered);
			continue;
		}
		xasprintf(&label, "%s to %s", bins[i].lo, bins[i].hi);
		report_row(r, label, 24, bins[i].count, c->answered);
		free(label);
	}
}

/* "Schulze order: A > B = C" for the rank question q in group g. */
static void
report_schulze(struct report *r, size_t g, int q, const char *group)
{
	const struct choice_list	*l;
	const struct tally_cell		*c = tally_cell(r->tally, g, q);
	uint64_t			*strength;
	size_t				*order, i, m, a, b;
	struct buf			 line;

	l = form_question_list(r->form, &r->form->questions[q]);
	if (l == NULL || c->pref == NULL || l->nchoices == 0)
		return;
	m = l->nchoices;
	strength = xcalloc(m * m, sizeof *strength);
	order = xcalloc(m, sizeof *order);
	stats_schulze(c->pref, m, strength, order);
	buf_init(&line);
	buf_printf(&line, "Schulze order%s%s:", *group != '\0' ? ", " : "",
	    group);
	for (i = 0; i < m; i++) {
		a = order[i];
		if (i != 0) {
			b = order[i - 1];
			buf_add_str(&line, strength[b * m + a] >
			    strength[a * m + b] ? " >" : " =");
		}
		buf_printf(&line, " %s", report_choice(r, l, a));
	}
	report_pad(r, REPORT_INDENT);
	report_wrap(r, buf_str(&line), REPORT_INDENT * 2);
	report_nl(r);
	buf_clear(&line);
	free(order);
	free(strength);
}

/* A rank question: choices by Borda score, bars relative to the
 * leader's, with first places and how many ranked each. */
static void
report_rank(struct report *r, size_t g, int q)
{
	const struct choice_list	*l;
	const struct tally_cell		*c = tally_cell(r->tally, g, q);
	uint64_t			*borda, *standing;
	size_t				*order, i, k, m, lw, bw;
	char				 n[24];

	l = form_question_list(r->form, &r->form->questions[q]);
	if (l == NULL)
		return;
	m = l->nchoices;
	borda = xcalloc(m + 1, sizeof *borda);
	standing = xcalloc(m + 1, sizeof *standing);
	tally_borda(r->tally, g, q, borda);
	stats_standing(borda, m, standing);
	order = chart_rank_order(borda, m);
	lw = report_label_width(r, l, 6, 24);
	bw = r->width - REPORT_INDENT - lw - 28;
	report_pad(r, REPORT_INDENT + 4 + lw + 1 + bw);
	report_cell(r, "Borda", 8, 1);
	report_cell(r, "first", 7, 1);
	report_cell(r, "ranked", 7, 1);
	report_nl(r);
	for (k = 0; k < m; k++) {
		i = order[k];
		report_pad(r, REPORT_INDENT);
		snprintf(n, sizeof n, "%llu.", (unsigned long long)standing[i]);
		report_cell(r, n, 3, 1);
		report_pad(r, 1);
		report_cell(r, report_choice(r, l, i), lw, 0);
		report_pad(r, 1);
		report_bar(r, report_eighths(borda[i], borda[order[0]], bw),
		    bw);
		snprintf(n, sizeof n, "%llu", (unsigned long long)borda[i]);
		report_cell(r, n, 8, 1);
		snprintf(n, sizeof n, "%llu", (unsigned long long)c->first[i]);
		report_cell(r, n, 7, 1);
		report_pad(r, 1);
		report_percent(r, c->count[i], c->answered);
		report_nl(r);
	}
	report_schulze(r, g, q, "");
	free(order);
	free(standing);
	free(borda);
}

/* One question, ungrouped. */
static void
report_question(struct report *r, int q)
{
	const struct question	*qq = &r->form->questions[q];
	char			*extra;

	if (qq->type == QUESTION_TEXT && tally_cell(r->tally, 0, q)->answered)
		extra = xstrdup("read them with --format text");
	else
		extra = report_numbers_text(r, 0, q);
	report_heading(r, 0, q, extra);
	free(extra);
	if (qq->type == QUESTION_RANK)
		report_rank(r, 0, q);
	else if (question_has_choices(qq))
		report_choices(r, 0, q);
	else if (qq->type == QUESTION_INTEGER || qq->type == QUESTION_DECIMAL)
		report_distribution(r, 0, q);
	report_nl(r);
}

/* ---- groups side by side --------------------------------------------- */

/* The groups shown, and how they fit across. */
struct report_groups {
	size_t		*g;		/* shown groups */
	size_t		 n;
	size_t		 lw;		/* label column */
	size_t		 cw;		/* each group's column */
	size_t		 per;		/* groups per block */
};

static void
report_groups_init(struct report *r, struct report_groups *gs)
{
	const struct tally	*t = r->tally;
	size_t			 i, avail;

	gs->g = xcalloc(t->ngroups, sizeof *gs->g);
	gs->n = 0;
	for (i = 0; i < t->ngroups; i++) {
		if (tally_group_shown(t, i))
			gs->g[gs->n++] = i;
	}
	gs->lw = REPORT_GROUP_LABEL_MAX;
	avail = r->width - REPORT_INDENT - gs->lw;
	gs->per = avail / REPORT_COLUMN_MIN;
	if (gs->per > gs->n)
		gs->per = gs->n;
	if (gs->per == 0)
		gs->per = 1;
	gs->cw = avail / gs->per;
}

/* A group's name: the choice's label, or "(none)". */
static const char *
report_group_name(const struct report *r, size_t g)
{
	const struct tally		*t = r->tally;
	const struct choice_list	*l;

	l = form_question_list(r->form, &r->form->questions[t->by]);
	return g < l->nchoices ? report_choice(r, l, g) : "(none)";
}

/* One row beside the groups [from, to): the label, then each group's
 * cell drawn by fn. */
static void
report_groups_row(struct report *r, const struct report_groups *gs,
    size_t from, size_t to, const char *label,
    void (*fn)(struct report *, size_t, size_t, void *), void *arg)
{
	size_t	 k;

	report_pad(r, REPORT_INDENT);
	report_cell(r, label, gs->lw, 0);
	for (k = from; k < to; k++) {
		report_pad(r, 1);
		fn(r, gs->g[k], gs->cw - 1, arg);
	}
	report_nl(r);
}

/* Cells of the rows beside groups: arg points at the question and the
 * choice or number of the row. */
struct report_cellarg {
	int		 q;
	size_t		 i;		/* choice, or which number */
};

static void
report_cell_name(struct report *r, size_t g, size_t w, void *arg)
{
	(void)arg;
	report_cell(r, report_group_name(r, g), w, 1);
}

static void
report_cell_answered(struct report *r, size_t g, size_t w, void *arg)
{
	struct report_cellarg	*a = arg;
	char			 s[48];

	snprintf(s, sizeof s, "%llu/%llu",
	    (unsigned long long)tally_cell(r->tally, g, a->q)->answered,
	    (unsigned long long)r->tally->group_responses[g]);
	report_cell(r, s, w, 1);
}

static void
report_cell_choice(struct report *r, size_t g, size_t w, void *arg)
{
	struct report_cellarg	*a = arg;
	const struct tally_cell	*c = tally_cell(r->tally, g, a->q);

	report_bar(r, report_eighths(c->count[a->i], c->answered, w - 7),
	    w - 7);
	report_pad(r, 1);
	report_percent(r, c->count[a->i], c->answered);
}

static void
report_cell_rank(struct report *r, size_t g, size_t w, void *arg)
{
	struct report_cellarg		*a = arg;
	const struct choice_list	*l;
	uint64_t			*borda, *standing, top = 0;
	size_t				 i, m;
	char				 s[24];

	l = form_question_list(r->form, &r->form->questions[a->q]);
	m = l->nchoices;
	borda = xcalloc(m + 1, sizeof *borda);
	standing = xcalloc(m + 1, sizeof *standing);
	tally_borda(r->tally, g, a->q, borda);
	stats_standing(borda, m, standing);
	for (i = 0; i < m; i++)
		top = borda[i] > top ? borda[i] : top;
	report_bar(r, report_eighths(borda[a->i], top, w - 7), w - 7);
	report_pad(r, 1);
	if (top != 0)
		snprintf(s, sizeof s, "#%llu",
		    (unsigned long long)standing[a->i]);
	else
		strcpy(s, "-");
	report_cell(r, s, 6, 1);
	free(standing);
	free(borda);
}

static void
report_cell_number(struct report *r, size_t g, size_t w, void *arg)
{
	struct report_cellarg	*a = arg;
	struct stats_numbers	 n;
	const char		*v[] = { n.mean, n.median, n.min, n.max };

	tally_numbers(r->tally, g, a->q, &n);
	report_cell(r, *v[a->i] != '\0' ? v[a->i] : "-", w, 1);
}

/* The rows of question q beside the groups [from, to). */
static void
report_groups_block(struct report *r, const struct report_groups *gs,
    int q, size_t from, size_t to)
{
	static const char		*numbers[] = { "mean", "median", "min",
					    "max" };
	const struct question		*qq = &r->form->questions[q];
	const struct choice_list	*l = form_question_list(r->form, qq);
	struct report_cellarg		 a;

	a.q = q;
	report_groups_row(r, gs, from, to, "", report_cell_name, NULL);
	report_groups_row(r, gs, from, to, "answered", report_cell_answered,
	    &a);
	for (a.i = 0; l != NULL && a.i < l->nchoices; a.i++)
		report_groups_row(r, gs, from, to, report_choice(r, l, a.i),
		    qq->type == QUESTION_RANK ? report_cell_rank :
		    report_cell_choice, &a);
	if (qq->type == QUESTION_INTEGER || qq->type == QUESTION_DECIMAL ||
	    r->tally->scale[q]) {
		for (a.i = 0; a.i < 4; a.i++)
			report_groups_row(r, gs, from, to, numbers[a.i],
			    report_cell_number, &a);
	} else if (tally_dated(qq->type)) {
		for (a.i = 2; a.i < 4; a.i++)
			report_groups_row(r, gs, from, to, a.i == 2 ? "from" :
			    "to", report_cell_number, &a);
	}
}

/* One question, its groups side by side. */
static void
report_question_groups(struct report *r, const struct report_groups *gs,
    int q)
{
	const struct question	*qq = &r->form->questions[q];
	size_t			 from, to, k;
	char			*line;

	report_wrap(r, form_label(r->form, qq, r->lang), REPORT_INDENT);
	report_nl(r);
	xasprintf(&line, "%s: %s%s%s%s", qq->name, question_type_word(qq),
	    r->tally->scale[q] ? " (scale)" : "",
	    form_repeat_of(r->form, q) >= 0 ? ", per instance of " : "",
	    form_repeat_of(r->form, q) >= 0 ? r->form->questions[
	    form_repeat_of(r->form, q)].name : "");
	report_pad(r, REPORT_INDENT);
	report_wrap(r, line, REPORT_INDENT * 2);
	report_nl(r);
	free(line);
	for (from = 0; from < gs->n; from = to) {
		to = from + gs->per < gs->n ? from + gs->per : gs->n;
		if (from != 0)
			report_nl(r);
		report_groups_block(r, gs, q, from, to);
	}
	for (k = 0; qq->type == QUESTION_RANK && k < gs->n; k++)
		report_schulze(r, gs->g[k], q, report_group_name(r, gs->g[k]));
	report_nl(r);
}

void
report_draw(struct report *r, const struct tally *t, size_t lang, int ascii,
    const char *title)
{
	struct report_groups	 gs;
	const struct form	*f = t->form;
	char			*line;
	size_t			 q;

	memset(r, 0, sizeof *r);
	memset(&gs, 0, sizeof gs);
	buf_init(&r->out);
	r->tally = t;
	r->form = f;
	r->lang = lang;
	r->ascii = ascii;
	r->width = REPORT_WIDTH;
	report_wrap(r, f->title, REPORT_INDENT);
	report_nl(r);
	report_wrap(r, title, REPORT_INDENT);
	report_nl(r);
	if (t->by >= 0) {
		xasprintf(&line, "Grouped by: %s (%s)", form_label(f,
		    &f->questions[t->by], lang), f->questions[t->by].name);
		report_wrap(r, line, REPORT_INDENT);
		report_nl(r);
		free(line);
	}
	for (q = 0; q < r->width; q++)
		buf_add_str(&r->out, ascii ? "-" : "\xe2\x94\x80"); /* ─ */
	r->col = r->width;
	report_nl(r);
	report_nl(r);
	if (t->by >= 0)
		report_groups_init(r, &gs);
	for (q = 0; q < f->nquestions; q++) {
		if (!question_stores(&f->questions[q]))
			continue;
		if (t->by >= 0)
			report_question_groups(r, &gs, (int)q);
		else
			report_question(r, (int)q);
	}
	free(gs.g);
}
