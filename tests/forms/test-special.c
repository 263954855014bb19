/* test-special.c: tests for forms/special.c and the rows consult takes
 * without asking them (aliases.c's metadata and capture tables): start,
 * end and today recorded by answers_stamp, device and person metadata
 * never stored, capture types skipped and never blocking submission. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/form-private.h"

static struct form	*form;
static struct answers	*answers;
static char		*cause;

static void
test_init(void)
{
	cr_assert_geq(sodium_init(), 0);
}

static void
test_fini(void)
{
	answers_free(answers);
	form_free(form);
	free(cause);
}

TestSuite(special, .init = test_init, .fini = test_fini);

static const char meta_csv[] =
    "survey,type,name,label,required,calculation,default\n"
    ",start,started,,,,\n"
    ",End,ended,,,,\n"
    ",get today,day,,,,\n"
    ",get device id,dev,,,,x\n"
    ",phonenumber,phone,,,,\n"
    ",text,who,Who?,,,\n"
    ",geopoint,where,Where?,yes,,\n"
    ",add photo prompt,pic,Photo,true,,\n"
    ",sensor_statistic,light,,,,\n"
    ",calculate,c,,,\"concat('[', ${dev}, ${phone}, ${where}, ']')\",\n"
    ",calculate,s,,,\"string-length(${started})\",\n";

static int
q(const char *name)
{
	int	 i = form_find_question(form, name);

	cr_assert_geq(i, 0, "no question %s", name);
	return i;
}

static void
load(void)
{
	form = form_parse_buffer("m.csv", meta_csv, sizeof meta_csv - 1,
	    &cause);
	cr_assert_not_null(form, "%s", cause);
	answers = answers_create(form, 1, "2026-05-04");
}

Test(special, reads_metadata_and_capture_rows)
{
	load();
	cr_assert_eq(form->questions[q("started")].special, QUESTION_START);
	cr_assert_eq(form->questions[q("ended")].special, QUESTION_END);
	cr_assert_eq(form->questions[q("day")].special, QUESTION_TODAY);
	cr_assert_eq(form->questions[q("dev")].special, QUESTION_IGNORED);
	cr_assert_eq(form->questions[q("where")].special, QUESTION_SKIPPED);
	cr_assert_str_eq(question_type_word(&form->questions[q("dev")]),
	    "deviceid");
	cr_assert_str_eq(question_type_word(&form->questions[q("pic")]),
	    "image");
	cr_assert_str_eq(question_type_word(&form->questions[q("light")]),
	    "sensor_*");
	cr_assert_str_eq(question_type_word(&form->questions[q("who")]),
	    "text");
	cr_assert_not(question_stores(&form->questions[q("dev")]));
	cr_assert_not(question_stores(&form->questions[q("phone")]));
	cr_assert(question_stores(&form->questions[q("where")]));
	cr_assert(question_stores(&form->questions[q("started")]));
}

Test(special, records_start_and_today_when_created)
{
	regex_t	 re;

	load();
	cr_assert_eq(regcomp(&re, "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]"
	    "{2}:[0-9]{2}\\.[0-9]{3}[+-][0-9]{2}:[0-9]{2}$", REG_EXTENDED), 0);
	cr_assert_eq(regexec(&re, answers_get(answers, q("started")), 0, NULL,
	    0), 0, "start '%s'", answers_get(answers, q("started")));
	cr_assert_str_eq(answers_get(answers, q("day")), "2026-05-04");
	cr_assert_str_eq(answers_get(answers, q("ended")), "");
	/* A calculate reading start sees it. */
	cr_assert_str_eq(answers_get(answers, q("s")), "29");
	answers_stamp(answers, QUESTION_END);
	cr_assert_eq(regexec(&re, answers_get(answers, q("ended")), 0, NULL,
	    0), 0, "end '%s'", answers_get(answers, q("ended")));
	cr_assert_geq(strcmp(answers_get(answers, q("ended")),
	    answers_get(answers, q("started"))), 0);
	regfree(&re);
}

Test(special, keeps_stamps_through_answers_and_encoding)
{
	struct answers	*back;
	struct buf	 b;
	uint32_t	 pos;
	int		 complete;
	char		*start;

	load();
	start = xstrdup(answers_get(answers, q("started")));
	answers_set(answers, q("who"), "Ann");
	cr_assert_str_eq(answers_get(answers, q("started")), start);
	answers_stamp(answers, QUESTION_END);
	buf_init(&b);
	answers_encode(answers, 1, 0, &b);
	back = answers_decode(form, b.data, b.len, &complete, &pos, &cause);
	cr_assert_not_null(back, "%s", cause);
	cr_assert_str_eq(answers_get(back, q("started")), start);
	cr_assert_str_eq(answers_get(back, q("ended")),
	    answers_get(answers, q("ended")));
	cr_assert_str_eq(answers_get(back, q("day")), "2026-05-04");
	answers_free(back);
	buf_clear(&b);
	free(start);
}

Test(special, never_records_ids_and_reads_them_as_empty)
{
	load();
	/* The default x of the device id is not taken either. */
	cr_assert_str_eq(answers_get(answers, q("dev")), "");
	cr_assert_str_eq(answers_get(answers, q("c")), "[]");
}

Test(special, skips_capture_and_ignores_its_required)
{
	enum answer_problem	 problem;
	int			 i;

	load();
	for (i = answers_next(answers, 0, 1); i >= 0;
	    i = answers_next(answers, i + 1, 1))
		cr_assert_eq(i, q("who"), "question %d is shown", i);
	cr_assert_eq(answers_validate_all(answers, &problem), -1);
	cr_assert_str_eq(answers_get(answers, q("where")), "");
}

Test(special, warns_once_per_capture_question)
{
	char	*w;

	load();
	w = form_warnings(form, "m.csv");
	cr_assert_str_eq(w,
	    "m.csv:8: geopoint 'where' cannot be asked in a terminal: skipped "
	    "(stored empty), its required ignored\n"
	    "m.csv:9: image 'pic' cannot be asked in a terminal: skipped "
	    "(stored empty), its required ignored\n"
	    "m.csv:10: sensor_* 'light' cannot be asked in a terminal: skipped "
	    "(stored empty)");
	free(w);
	form_free(form);
	form = form_parse_buffer("n.csv", "survey,type,name,label\n,text,a,A\n",
	    33, &cause);
	cr_assert_not_null(form, "%s", cause);
	cr_assert_null(form_warnings(form, "n.csv"));
}

struct special_case {
	char			 cell[32];
	enum question_special	 special;
	char			 word[24];
};

static struct special_case special_cases[] = {
	{ "start", QUESTION_START, "start" },
	{ "Get Start  Time", QUESTION_START, "start" },
	{ "end time", QUESTION_END, "end" },
	{ "TODAY", QUESTION_TODAY, "today" },
	{ "imei", QUESTION_IGNORED, "imei" },
	{ "uri:deviceid", QUESTION_IGNORED, "deviceid" },
	{ "get sim id", QUESTION_IGNORED, "simserial" },
	{ "username", QUESTION_IGNORED, "username" },
	{ "email", QUESTION_IGNORED, "email" },
	{ "audit", QUESTION_IGNORED, "audit" },
	{ "start-geopoint", QUESTION_IGNORED, "start-geopoint" },
	{ "caseid", QUESTION_IGNORED, "caseid" },
	{ "gps", QUESTION_SKIPPED, "geopoint" },
	{ "geoshape", QUESTION_SKIPPED, "geoshape" },
	{ "geotrace", QUESTION_SKIPPED, "geotrace" },
	{ "audio", QUESTION_SKIPPED, "audio" },
	{ "video", QUESTION_SKIPPED, "video" },
	{ "file", QUESTION_SKIPPED, "file" },
	{ "barcode", QUESTION_SKIPPED, "barcode" },
	{ "text audit", QUESTION_SKIPPED, "text audit" },
	{ "Audio Audit", QUESTION_SKIPPED, "audio audit" },
	{ "sensor_stream", QUESTION_SKIPPED, "sensor_*" },
	{ "sensor_", QUESTION_SKIPPED, "sensor_*" },
	{ "sensor_x y", QUESTION_ASKED, "" },
	{ "text", QUESTION_ASKED, "" },
	{ "select_one start", QUESTION_ASKED, "" },
	{ "time", QUESTION_ASKED, "" },
	{ "phone number", QUESTION_ASKED, "" },
};

ParameterizedTestParameters(special, reads_types)
{
	return cr_make_param_array(struct special_case, special_cases,
	    sizeof special_cases / sizeof special_cases[0]);
}

ParameterizedTest(struct special_case *c, special, reads_types)
{
	const char	*word;

	cr_assert_eq(alias_special(c->cell, &word), c->special, "%s",
	    c->cell);
	if (c->special == QUESTION_ASKED)
		cr_assert_null(word);
	else
		cr_assert_str_eq(word, c->word, "%s", c->cell);
}
