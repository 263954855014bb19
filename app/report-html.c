/* report-html.c: the document of `consult report --format html`: the
 * head (a Content-Security-Policy that lets nothing be fetched and only
 * the report's own style sheet apply, by its hash), the form's title,
 * version, responses and vaults, one section per form group with its
 * questions in form order, each a chart and the table of its numbers,
 * and a footer naming the command. No JavaScript. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "config.h"
#include "app/report-html.h"

/* Screen and print (A4 and Letter: the page's margins leave at least
 * 186 mm, the charts' 680 px). The palette is Okabe and Ito's, safe for
 * colour-blind readers, and the bars stay dark in greyscale print. */
static const char html_css[] =
    "body{font:11pt/1.45 system-ui,'Segoe UI',Roboto,'Noto Sans',"
    "'Liberation Sans',Arial,sans-serif;color:#1b1b1b;background:#fff;"
    "max-width:700px;margin:1.5em auto;padding:0 12px}\n"
    "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.3em;margin:1.6em 0 "
    ".4em;border-bottom:2px solid #0072b2}h3,h4,h5,h6{font-size:1.05em;"
    "margin:1.2em 0 .2em}\n"
    ".meta,.note,caption,figcaption{color:#4a4a4a;font-size:.9em}\n"
    "code{font-size:.9em}\n"
    "figure{margin:.5em 0}svg{display:block;max-width:100%;height:auto}\n"
    "svg text{font-family:inherit;font-size:12px;fill:#1b1b1b}\n"
    "svg .s{font-size:10px}svg .e{text-anchor:end}svg .m{text-anchor:"
    "middle}svg .w{fill:#fff}\n"
    "svg .b{fill:#0072b2}svg .g{stroke:#bbb;stroke-width:1}svg .a{stroke:"
    "#1b1b1b;stroke-width:1.5}svg .md{stroke:#1b1b1b;stroke-width:3}"
    "svg .bx{fill:#56b4e9;stroke:#1b1b1b;stroke-width:1}\n"
    "svg .c0{fill:#a6611a}svg .c1{fill:#dfc27d}svg .c2{fill:#c8c8c8}"
    "svg .c3{fill:#80cdc1}svg .c4{fill:#018571}svg .c5{fill:#8c510a}"
    "svg .c6{fill:#01665e}\n"
    "table{border-collapse:collapse;margin:.4em 0 1em;font-size:.88em}"
    "table.t{min-width:320px}"
    "caption{text-align:left;padding:2px 0}\n"
    "th,td{padding:2px 6px;border-bottom:1px solid #ddd;vertical-align:"
    "top}thead th{border-bottom:1px solid #888;text-align:left}"
    "td{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tbody th{text-align:left;font-weight:normal}\n"
    ".tables{display:flex;flex-wrap:wrap;column-gap:18px}\n"
    "table.pw{table-layout:fixed;font-size:7.5px;width:100%}"
    "table.pw th,table.pw td{padding:1px;border:1px solid #fff;"
    "overflow:hidden}table.pw tbody th{white-space:nowrap;text-overflow:"
    "ellipsis}table.pw thead th{text-align:center}table.pw thead "
    "th:first-child{width:140px}table.pw caption{font-size:11px}\n"
    "table.pw td.p0{background:#fff}table.pw td.p1{background:#deebf7}"
    "table.pw td.p2{background:#9ecae1}table.pw td.p3{background:#4292c6;"
    "color:#fff}table.pw td.p4{background:#08519c;color:#fff}"
    "table.pw td.d{background:#eee}\n"
    ".texts li{margin:.3em 0;white-space:pre-wrap}\n"
    ".sup{border-left:3px solid #e69f00;padding-left:8px}\n"
    "footer{margin-top:3em;border-top:1px solid #bbb;color:#4a4a4a;"
    "font-size:.85em}\n"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "@page{margin:14mm 12mm}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "nav{break-after:page}h2,h3,h4,h5,h6{break-after:avoid}"
    "figure,tr,caption,.q>p{break-inside:avoid}"
    "table.pw{font-size:6.5px}}\n";

/* ---- the head ------------------------------------------------------------ */

/* The policy: nothing fetched, nothing run, no form sent; style only
 * from the sheet with this hash (no style attribute either). */
static void
html_head(struct html_report *h)
{
	unsigned char	 hash[crypto_hash_sha256_BYTES];
	char		 b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
			     sodium_base64_VARIANT_ORIGINAL)];
	struct buf	*b = &h->out;

	crypto_hash_sha256(hash, (const unsigned char *)html_css,
	    sizeof html_css - 1);
	sodium_bin2base64(b64, sizeof b64, hash, sizeof hash,
	    sodium_base64_VARIANT_ORIGINAL);
	buf_add_str(b, "<!DOCTYPE html>\n<html lang=\"");
	html_esc(b, h->form->langs[h->lang].code != NULL ?
	    h->form->langs[h->lang].code : h->words == 1 ? "fr" :
	    h->words == 2 ? "es" : "en");
	buf_add_str(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'sha256-");
	buf_add_str(b, b64);
	buf_add_str(b, "'; img-src 'none'; font-src 'none'; "
	    "base-uri 'none'; form-action 'none'\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<meta name=\"generator\" content=\"consult "
	    PACKAGE_VERSION "\">\n<title>");
	html_esc(b, h->form->title);
	buf_add_str(b, "</title>\n<style>");
	buf_add(b, html_css, sizeof html_css - 1);
	buf_add_str(b, "</style>\n</head>\n<body>\n");
}

/* ---- groups of --by ------------------------------------------------------ */

const char *
html_group_label(const struct html_report *h, size_t g)
{
	const struct tally		*t = h->tally;
	const struct choice_list	*l;

	l = form_question_list(h->form, &h->form->questions[t->by]);
	return g < l->nchoices ? chart_choice_label(h->form, l, g, h->lang) :
	    "(none)";
}

/* Split the groups into those drawn and those too small to show. */
static void
html_groups(struct html_report *h)
{
	const struct tally	*t = h->tally;
	size_t			 g;

	h->shown = xcalloc(t->ngroups + 1, sizeof *h->shown);
	h->hidden = xcalloc(t->ngroups + 1, sizeof *h->hidden);
	for (g = 0; g < t->ngroups; g++) {
		if (!tally_group_shown(t, g))
			continue;
		if (t->by >= 0 && t->group_responses[g] < h->min_group)
			h->hidden[h->nhidden++] = g;
		else
			h->shown[h->nshown++] = g;
	}
}

/* The word HW_SUPPRESSED with its number in place of "%N". */
static void
html_suppressed_words(struct html_report *h)
{
	const char	*w = html_word(h, HW_SUPPRESSED), *at;

	at = strstr(w, "%N");
	buf_add(&h->out, w, (size_t)(at - w));
	buf_printf(&h->out, "%llu", (unsigned long long)h->min_group);
	buf_add_str(&h->out, at + 2);
}

/* "Not shown ...: A, B." when groups were suppressed. */
static void
html_suppressed(struct html_report *h)
{
	size_t	 i;

	if (h->nhidden == 0)
		return;
	buf_add_str(&h->out, "<p class=\"sup\">");
	html_suppressed_words(h);
	for (i = 0; i < h->nhidden; i++) {
		if (i != 0)
			buf_add_str(&h->out, ", ");
		html_esc(&h->out, html_group_label(h, h->hidden[i]));
	}
	buf_add_str(&h->out, ".</p>\n");
}

/* ---- the header ---------------------------------------------------------- */

/* 1 if the group starting at q holds a question that stores an answer. */
static int
html_group_stores(const struct form *f, size_t q)
{
	size_t	 i;

	for (i = q + 1; i < (size_t)f->questions[q].end; i++) {
		if (question_stores(&f->questions[i]))
			return 1;
	}
	return 0;
}

static void
html_contents(struct html_report *h)
{
	const struct form	*f = h->form;
	struct buf		*b = &h->out;
	size_t			 q;
	int			 any = 0;

	for (q = 0; q < f->nquestions; q++) {
		if (f->questions[q].type != QUESTION_BEGIN_GROUP ||
		    f->questions[q].depth != 0 || !html_group_stores(f, q))
			continue;
		if (!any) {
			buf_printf(b, "<nav>\n<h2>%s</h2>\n<ol>\n",
			    html_word(h, HW_CONTENTS));
			any = 1;
		}
		buf_add_str(b, "<li><a href=\"#s-");
		html_esc(b, f->questions[q].name);
		buf_add_str(b, "\">");
		html_esc(b, form_label(f, &f->questions[q], h->lang));
		buf_add_str(b, "</a></li>\n");
	}
	if (any)
		buf_add_str(b, "</ol>\n</nav>\n");
}

static void
html_header(struct html_report *h)
{
	const struct form	*f = h->form;
	const struct tally	*t = h->tally;
	struct buf		*b = &h->out;
	size_t			 i;

	buf_add_str(b, "<header>\n<h1>");
	html_esc(b, f->title);
	buf_add_str(b, "</h1>\n<p class=\"meta\">");
	if (*f->version != '\0') {
		buf_add_str(b, "<code>");
		html_esc(b, f->id);
		buf_add_str(b, "</code> ");
		html_esc(b, f->version);
		buf_add_str(b, " \xc2\xb7 ");
	}
	buf_printf(b, "<span class=\"responses\">%llu</span> %s",
	    (unsigned long long)t->responses, html_word(h, HW_RESPONSES));
	if (*h->first_day != '\0') {
		buf_printf(b, ", %s ", html_word(h, HW_RESPONSES_FROM));
		html_esc(b, h->first_day);
		buf_printf(b, " %s ", html_word(h, HW_TO));
		html_esc(b, h->last_day);
	}
	buf_printf(b, "</p>\n<p class=\"meta\">%s: ", html_word(h,
	    HW_VAULTS));
	for (i = 0; i < h->nvaults; i++) {
		buf_add_str(b, i != 0 ? ", <code>" : "<code>");
		html_esc(b, h->vaults[i]);
		buf_add_str(b, "</code>");
	}
	buf_add_str(b, "</p>\n");
	if (t->by >= 0) {
		buf_printf(b, "<p class=\"meta\">%s: ", html_word(h,
		    HW_GROUPED_BY));
		html_esc(b, form_label(f, &f->questions[t->by], h->lang));
		buf_add_str(b, " (<code>");
		html_esc(b, f->questions[t->by].name);
		buf_add_str(b, "</code>)</p>\n");
		html_suppressed(h);
	}
	html_contents(h);
	buf_add_str(b, "</header>\n<main>\n");
}

/* ---- the questions ------------------------------------------------------- */

/* 1 if q is drawn as a scale: a likert appearance or numeric names. */
static int
html_is_scale(const struct html_report *h, int q)
{
	const struct question	*qq = &h->form->questions[q];

	return qq->type == QUESTION_SELECT_ONE && (qq->likert ||
	    h->tally->scale[q]) && form_question_list(h->form, qq) != NULL;
}

/* The chart of question q: for all responses, or the groups. */
static void
html_chart(struct html_report *h, int q)
{
	const struct question	*qq = &h->form->questions[q];
	int			 by = h->tally->by >= 0;

	if (html_is_scale(h, q))
		svg_scale(h, q);
	else if (qq->type == QUESTION_SELECT_ONE ||
	    qq->type == QUESTION_SELECT_MULTIPLE)
		by ? svg_bars_groups(h, q) : svg_bars(h, q);
	else if (qq->type == QUESTION_RANK)
		by ? svg_rank_groups(h, q) : svg_rank(h, q);
	else if (qq->type == QUESTION_INTEGER || qq->type == QUESTION_DECIMAL)
		svg_numbers(h, q);
	else if (qq->type == QUESTION_DATE)
		svg_dates(h, q);
}

static void
html_question(struct html_report *h, int q, int level)
{
	const struct question	*qq = &h->form->questions[q];
	const struct tally	*t = h->tally;
	struct buf		*b = &h->out;
	size_t			 i;

	buf_add_str(b, "<article class=\"q\" id=\"q-");
	html_esc(b, qq->name);
	buf_add_str(b, "\" data-question=\"");
	html_esc(b, qq->name);
	buf_printf(b, "\">\n<h%d>", level);
	html_esc(b, form_label(h->form, qq, h->lang));
	buf_printf(b, "</h%d>\n<p class=\"meta\"><code>", level);
	html_esc(b, qq->name);
	buf_printf(b, "</code> \xc2\xb7 %s%s", question_type_word(qq),
	    t->scale[q] ? " (scale)" : "");
	if (form_repeat_of(h->form, q) >= 0)	/* counted per instance */
		buf_printf(b, " \xc2\xb7 per instance of %s",
		    h->form->questions[form_repeat_of(h->form, q)].name);
	if (t->by < 0)
		buf_printf(b, " \xc2\xb7 %llu %s %llu %s",
		    (unsigned long long)tally_cell(t, 0, q)->answered,
		    html_word(h, HW_OF), (unsigned long long)t->responses,
		    html_word(h, HW_ANSWERED));
	buf_add_str(b, "</p>\n");
	html_chart(h, q);
	if (qq->type == QUESTION_RANK && t->by < 0) {
		html_schulze(h, 0, q);
		html_pairwise(h, 0, q);
	}
	buf_add_str(b, "<div class=\"tables\">\n");
	for (i = 0; i < h->nshown; i++)
		html_table(h, h->shown[i], q);
	buf_add_str(b, "</div>\n");
	for (i = 0; qq->type == QUESTION_RANK && t->by >= 0 && i < h->nshown;
	    i++) {
		html_schulze(h, h->shown[i], q);
		html_pairwise(h, h->shown[i], q);
	}
	if (qq->type == QUESTION_TEXT)
		html_texts(h, q);
	buf_add_str(b, "</article>\n");
}

/* Open the section of group q. */
static void
html_section(struct html_report *h, size_t q, int level)
{
	const struct question	*qq = &h->form->questions[q];
	struct buf		*b = &h->out;

	buf_add_str(b, "<section id=\"s-");
	html_esc(b, qq->name);
	buf_printf(b, "\">\n<h%d>", level);
	html_esc(b, form_label(h->form, qq, h->lang));
	buf_printf(b, "</h%d>\n", level);
}

/* Every question in form order, each group a section. */
static void
html_body(struct html_report *h)
{
	const struct form	*f = h->form;
	const struct question	*qq;
	size_t			 q;
	int			 level;

	for (q = 0; q < f->nquestions; q++) {
		qq = &f->questions[q];
		level = 2 + (qq->depth < 3 ? qq->depth : 3);
		/* A group with nothing to show is skipped whole, so each
		 * end_group met closes a section. */
		if (qq->type == QUESTION_BEGIN_GROUP) {
			if (html_group_stores(f, q))
				html_section(h, q, level);
			else
				q = (size_t)qq->end;
		} else if (qq->type == QUESTION_END_GROUP)
			buf_add_str(&h->out, "</section>\n");
		else if (question_stores(qq))
			html_question(h, (int)q, level < 3 ? 3 : level);
	}
}

static void
html_footer(struct html_report *h)
{
	struct buf	*b = &h->out;

	buf_printf(b, "</main>\n<footer>\n<p>%s " PACKAGE_VERSION ": <code>",
	    html_word(h, HW_MADE_BY));
	html_esc(b, h->command);
	buf_add_str(b, "</code></p>\n</footer>\n</body>\n</html>\n");
}

void
html_report_draw(struct html_report *h)
{
	buf_clear(&h->out);
	buf_init(&h->out);
	free(h->shown);
	free(h->hidden);
	h->shown = h->hidden = NULL;
	h->nshown = h->nhidden = 0;
	h->ids = 0;
	h->words = html_words_for(h->form, h->lang);
	html_groups(h);
	html_head(h);
	html_header(h);
	html_body(h);
	html_footer(h);
}

void
html_report_clear(struct html_report *h)
{
	buf_clear(&h->out);
	free(h->shown);
	free(h->hidden);
	h->shown = h->hidden = NULL;
	h->nshown = h->nhidden = 0;
}
