/* test-report-html-text.c: tests for app/report-html-text.c: escaping
 * for HTML and SVG, the estimated width of labels and their cut, and the
 * report's own words by form language. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "app/report-html.h"

/* s escaped (html_esc, or html_esc_text when lines), as a string in
 * out. */
static void
escape(const char *s, int lines, char *out, size_t size)
{
	struct buf	 b;

	buf_init(&b);
	if (lines)
		html_esc_text(&b, s);
	else
		html_esc(&b, s);
	cr_assert_lt(b.len, size);
	memcpy(out, buf_str(&b), b.len + 1);
	buf_clear(&b);
}

struct esc_case {
	char	 in[48];
	int	 lines;
	char	 out[96];
};

ParameterizedTestParameters(report_html_text, escapes)
{
	static struct esc_case cases[] = {
		{ "<script>alert(1)</script>", 0,
		    "&lt;script&gt;alert(1)&lt;/script&gt;" },
		{ "\"><svg onload=x>", 0, "&quot;&gt;&lt;svg onload=x&gt;" },
		{ "a & b 'c'", 0, "a &amp; b &#39;c&#39;" },
		{ "&amp;", 0, "&amp;amp;" },
		{ "]]><!--", 0, "]]&gt;&lt;!--" },
		{ "tab\there\x01\x7f", 0, "tab here  " },
		{ "two\nlines\r\n", 0, "two lines  " },
		{ "two\nlines\r\n", 1, "two\nlines\n" },
		{ "\xc2\x85" "c1", 0, " c1" },
		{ "bad \xff\xfe utf8", 0, "bad \xef\xbf\xbd\xef\xbf\xbd utf8" },
		{ "cut \xe2\x82", 0, "cut \xef\xbf\xbd\xef\xbf\xbd" },
		{ "non \xef\xbf\xbe char", 0, "non \xef\xbf\xbd char" },
		{ "\xef\xb7\x90", 0, "\xef\xbf\xbd" },
		{ "Santé 東京 \xf0\x9f\x98\x80", 0,
		    "Santé 東京 \xf0\x9f\x98\x80" },
		{ "\xed\xa0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	};
	return cr_make_param_array(struct esc_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct esc_case *c, report_html_text, escapes)
{
	char	 out[256];

	escape(c->in, c->lines, out, sizeof out);
	cr_assert_str_eq(out, c->out, "escaping %s", c->in);
}

Test(report_html_text, escapes_a_prefix_only)
{
	struct buf	 b;

	buf_init(&b);
	html_esc_n(&b, "<ab>", 2);
	cr_assert_str_eq(buf_str(&b), "&lt;a");
	buf_clear(&b);
	/* A cut inside a character: the part left is invalid. */
	html_esc_n(&b, "\xc3\xa9t\xc3\xa9", 4);
	cr_assert_str_eq(buf_str(&b), "\xc3\xa9t\xef\xbf\xbd");
	buf_clear(&b);
}

Test(report_html_text, measures_wide_and_combining_characters)
{
	double	 a = html_text_width("abcd", 10);

	cr_assert_gt(a, 0);
	/* Two wide characters take more room than four narrow ones; a
	 * combining accent none. */
	cr_assert_gt(html_text_width("東京", 10), a * 0.7);
	cr_assert_float_eq(html_text_width("e\xcc\x81", 10),
	    html_text_width("e", 10), 1e-9);
	cr_assert_float_eq(html_text_width("abcd", 20), 2 * a, 1e-9);
	cr_assert_float_eq(html_text_width("", 10), 0, 1e-9);
}

Test(report_html_text, cuts_what_does_not_fit)
{
	struct buf	 b;
	const char	*s;

	buf_init(&b);
	cr_assert_eq(html_esc_fit(&b, "<short>", 200, 12), 0);
	cr_assert_str_eq(buf_str(&b), "&lt;short&gt;");
	buf_clear(&b);

	cr_assert_eq(html_esc_fit(&b, "a long label that does not fit", 60,
	    12), 1);
	s = buf_str(&b);
	cr_assert(strlen(s) > 3 && strcmp(s + strlen(s) - 3,
	    "\xe2\x80\xa6") == 0, "ends with an ellipsis: %s", s);
	cr_assert_leq(html_text_width(s, 12), 60, "%s fits", s);
	cr_assert_eq(strncmp(s, "a long", 6), 0);
	buf_clear(&b);

	/* Wide characters are cut whole, never inside their bytes. */
	cr_assert_eq(html_esc_fit(&b, "東京東京東京東京東京東京", 50, 12), 1);
	s = buf_str(&b);
	cr_assert(utf8_valid(s, strlen(s), NULL), "valid UTF-8: %s", s);
	buf_clear(&b);

	/* Markup is escaped after the cut: no half entity, no raw '<'. */
	cr_assert_eq(html_esc_fit(&b, "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", 40,
	    12), 1);
	s = buf_str(&b);
	cr_assert_null(strchr(s, '<'));
	cr_assert_eq(strncmp(s, "&lt;", 4), 0);
	buf_clear(&b);
}

Test(report_html_text, speaks_the_form_language)
{
	char		 names[][16] = { "English (en)", "Français (fr)",
			     "Español (es)", "French", "Deutsch (de)",
			     "default" };
	char		 codes[][4] = { "en", "fr", "es", "", "de", "" };
	struct lang	 langs[6];
	size_t		 i;
	struct form	 f;
	struct html_report h;

	for (i = 0; i < 6; i++) {
		langs[i].name = names[i];
		langs[i].code = *codes[i] != '\0' ? codes[i] : NULL;
	}
	memset(&f, 0, sizeof f);
	f.langs = langs;
	f.nlangs = sizeof langs / sizeof langs[0];
	cr_assert_eq(html_words_for(&f, 0), 0);
	cr_assert_eq(html_words_for(&f, 1), 1);
	cr_assert_eq(html_words_for(&f, 2), 2);
	cr_assert_eq(html_words_for(&f, 3), 1);
	cr_assert_eq(html_words_for(&f, 4), 0);
	cr_assert_eq(html_words_for(&f, 5), 0);
	memset(&h, 0, sizeof h);
	h.words = 1;
	cr_assert_str_eq(html_word(&h, HW_RESPONSES), "réponses");
	h.words = 2;
	cr_assert_str_eq(html_word(&h, HW_RESPONSES), "respuestas");
	cr_assert_str_eq(html_word(&h, HW_NWORDS), "");
}

Test(report_html_text, has_every_word_in_every_language)
{
	struct html_report	 h;
	int			 w, k;

	memset(&h, 0, sizeof h);
	for (k = 0; k < 3; k++) {
		h.words = k;
		for (w = 0; w < HW_NWORDS; w++)
			cr_assert(html_word(&h, (enum html_word)w) != NULL &&
			    *html_word(&h, (enum html_word)w) != '\0',
			    "word %d in language %d", w, k);
	}
}
