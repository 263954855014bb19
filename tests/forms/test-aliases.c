/* test-aliases.c: tests for forms/aliases.c: pyxform's column and type
 * aliases, names, and the parameters cell. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

struct column_case {
	char		 header[48];
	enum column_kind kind;
	char		 lang[32];	/* "" for none */
};

ParameterizedTestParameters(aliases, reads_column_headers)
{
	static struct column_case cases[] = {
		{ "type", COLUMN_TYPE, "" },
		{ " Type ", COLUMN_TYPE, "" },
		{ "command", COLUMN_TYPE, "" },
		{ "name", COLUMN_NAME, "" },
		{ "NAME", COLUMN_NAME, "" },
		{ "value", COLUMN_NAME, "" },
		{ "label", COLUMN_LABEL, "" },
		{ "Label", COLUMN_LABEL, "" },
		{ "caption", COLUMN_LABEL, "" },
		{ "label::English (en)", COLUMN_LABEL, "English (en)" },
		{ "label:English", COLUMN_LABEL, "English" },
		{ "label:english", COLUMN_LABEL, "english" },
		{ "Label::Français (fr)", COLUMN_LABEL, "Français (fr)" },
		{ "label :: Español (es) ", COLUMN_LABEL, "Español (es)" },
		{ "label::", COLUMN_LABEL, "" },
		{ "caption::fr", COLUMN_LABEL, "fr" },
		{ "hint", COLUMN_HINT, "" },
		{ "hint::fr", COLUMN_HINT, "fr" },
		{ "required", COLUMN_REQUIRED, "" },
		{ "bind:required", COLUMN_REQUIRED, "" },
		{ "bind::required", COLUMN_REQUIRED, "" },
		{ "required_message", COLUMN_REQUIRED_MESSAGE, "" },
		{ "required message", COLUMN_REQUIRED_MESSAGE, "" },
		{ "jr:requiredMsg", COLUMN_REQUIRED_MESSAGE, "" },
		{ "bind::jr:requiredMsg", COLUMN_REQUIRED_MESSAGE, "" },
		{ "required_message::fr", COLUMN_REQUIRED_MESSAGE, "fr" },
		{ "relevant", COLUMN_RELEVANT, "" },
		{ "relevance", COLUMN_RELEVANT, "" },
		{ "bind:relevant", COLUMN_RELEVANT, "" },
		{ "constraint", COLUMN_CONSTRAINT, "" },
		{ "bind:constraint", COLUMN_CONSTRAINT, "" },
		{ "constraint_message", COLUMN_CONSTRAINT_MESSAGE, "" },
		{ "constraint message", COLUMN_CONSTRAINT_MESSAGE, "" },
		{ "constraining message", COLUMN_CONSTRAINT_MESSAGE, "" },
		{ "jr:constraintMsg", COLUMN_CONSTRAINT_MESSAGE, "" },
		{ "bind:jr:constraintMsg", COLUMN_CONSTRAINT_MESSAGE, "" },
		{ "jr:constraintMsg::English", COLUMN_CONSTRAINT_MESSAGE,
		  "English" },
		{ "constraint_message::Español (es)",
		  COLUMN_CONSTRAINT_MESSAGE, "Español (es)" },
		{ "default", COLUMN_DEFAULT, "" },
		{ "appearance", COLUMN_APPEARANCE, "" },
		{ "control:appearance", COLUMN_APPEARANCE, "" },
		{ "control::appearance", COLUMN_APPEARANCE, "" },
		{ "parameters", COLUMN_PARAMETERS, "" },
		{ "calculation", COLUMN_CALCULATION, "" },
		{ "bind::calculate", COLUMN_CALCULATION, "" },
		{ "choice_filter", COLUMN_CHOICE_FILTER, "" },
		{ "choice filter", COLUMN_CHOICE_FILTER, "" },
		{ "list_name", COLUMN_LIST_NAME, "" },
		{ "list name", COLUMN_LIST_NAME, "" },
		{ "List_name", COLUMN_LIST_NAME, "" },
		{ "form_title", COLUMN_FORM_TITLE, "" },
		{ "set form title", COLUMN_FORM_TITLE, "" },
		{ "form_id", COLUMN_FORM_ID, "" },
		{ "set form id", COLUMN_FORM_ID, "" },
		{ "version", COLUMN_VERSION, "" },
		{ "default_language", COLUMN_DEFAULT_LANGUAGE, "" },
		{ "media::image", COLUMN_MEDIA, "" },
		{ "media::audio::English (en)", COLUMN_MEDIA, "" },
		{ "image", COLUMN_MEDIA, "" },
		{ "image::fr", COLUMN_MEDIA, "" },
		{ "big-image", COLUMN_MEDIA, "" },
		{ "audio", COLUMN_MEDIA, "" },
		{ "video", COLUMN_MEDIA, "" },
		{ "guidance_hint::fr", COLUMN_IGNORED, "" },
		{ "read_only", COLUMN_READONLY, "" },
		{ "disabled", COLUMN_DISABLED, "" },
		{ "trigger", COLUMN_TRIGGER, "" },
		{ "relevant::fr", COLUMN_IGNORED, "" },
		{ "region", COLUMN_OTHER, "" },
		{ "$kuid", COLUMN_OTHER, "" },
		{ "", COLUMN_OTHER, "" },
	};
	return cr_make_param_array(struct column_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct column_case *c, aliases, reads_column_headers)
{
	char	*lang;

	cr_assert_eq(alias_column(c->header, &lang), c->kind,
	    "header '%s'", c->header);
	if (*c->lang == '\0')
		cr_assert_null(lang, "header '%s' has lang '%s'", c->header,
		    lang);
	else {
		cr_assert_not_null(lang, "header '%s'", c->header);
		cr_assert_str_eq(lang, c->lang);
	}
	free(lang);
}

Test(aliases, knows_translatable_columns)
{
	cr_assert(alias_translatable(COLUMN_LABEL));
	cr_assert(alias_translatable(COLUMN_HINT));
	cr_assert(alias_translatable(COLUMN_CONSTRAINT_MESSAGE));
	cr_assert(alias_translatable(COLUMN_REQUIRED_MESSAGE));
	cr_assert(!alias_translatable(COLUMN_RELEVANT));
	cr_assert(!alias_translatable(COLUMN_NAME));
}

struct type_case {
	char			 cell[48];
	enum alias_type_result	 result;
	enum question_type	 type;
	char			 list[16];
};

ParameterizedTestParameters(aliases, reads_types)
{
	static struct type_case cases[] = {
		{ "select_one yn", ALIAS_TYPE_OK, QUESTION_SELECT_ONE, "yn" },
		{ "select one yn", ALIAS_TYPE_OK, QUESTION_SELECT_ONE, "yn" },
		{ "select one from yn", ALIAS_TYPE_OK, QUESTION_SELECT_ONE,
		  "yn" },
		{ "select1 yn", ALIAS_TYPE_OK, QUESTION_SELECT_ONE, "yn" },
		{ "Select_One  YesNo ", ALIAS_TYPE_OK, QUESTION_SELECT_ONE,
		  "YesNo" },
		{ "add select one prompt using yn", ALIAS_TYPE_OK,
		  QUESTION_SELECT_ONE, "yn" },
		{ "select_multiple m", ALIAS_TYPE_OK,
		  QUESTION_SELECT_MULTIPLE, "m" },
		{ "select all that apply from m", ALIAS_TYPE_OK,
		  QUESTION_SELECT_MULTIPLE, "m" },
		{ "select all that apply m", ALIAS_TYPE_OK,
		  QUESTION_SELECT_MULTIPLE, "m" },
		{ "select multiple m", ALIAS_TYPE_OK,
		  QUESTION_SELECT_MULTIPLE, "m" },
		{ "rank goals", ALIAS_TYPE_OK, QUESTION_RANK, "goals" },
		{ "integer", ALIAS_TYPE_OK, QUESTION_INTEGER, "" },
		{ "int", ALIAS_TYPE_OK, QUESTION_INTEGER, "" },
		{ "decimal", ALIAS_TYPE_OK, QUESTION_DECIMAL, "" },
		{ "text", ALIAS_TYPE_OK, QUESTION_TEXT, "" },
		{ "string", ALIAS_TYPE_OK, QUESTION_TEXT, "" },
		{ "TEXT", ALIAS_TYPE_OK, QUESTION_TEXT, "" },
		{ "date", ALIAS_TYPE_OK, QUESTION_DATE, "" },
		{ "note", ALIAS_TYPE_OK, QUESTION_NOTE, "" },
		{ "acknowledge", ALIAS_TYPE_OK, QUESTION_ACKNOWLEDGE, "" },
		{ "trigger", ALIAS_TYPE_OK, QUESTION_ACKNOWLEDGE, "" },
		{ "calculate", ALIAS_TYPE_OK, QUESTION_CALCULATE, "" },
		{ "begin_group", ALIAS_TYPE_OK, QUESTION_BEGIN_GROUP, "" },
		{ "begin group", ALIAS_TYPE_OK, QUESTION_BEGIN_GROUP, "" },
		{ "end_group", ALIAS_TYPE_OK, QUESTION_END_GROUP, "" },
		{ "end  group", ALIAS_TYPE_OK, QUESTION_END_GROUP, "" },
		{ "select_one", ALIAS_TYPE_NO_LIST, 0, "" },
		{ "select all that apply from", ALIAS_TYPE_NO_LIST, 0, "" },
		{ "rank", ALIAS_TYPE_NO_LIST, 0, "" },
		{ "xml-external", ALIAS_TYPE_UNSUPPORTED, 0, "" },
		{ "begin loop over L", ALIAS_TYPE_UNKNOWN, 0, "" },
		{ "time", ALIAS_TYPE_OK, QUESTION_TIME, "" },
		{ "hidden", ALIAS_TYPE_OK, QUESTION_CALCULATE, "" },
		{ "dateTime", ALIAS_TYPE_OK, QUESTION_DATETIME, "" },
		{ "date time", ALIAS_TYPE_OK, QUESTION_DATETIME, "" },
		{ "range", ALIAS_TYPE_OK, QUESTION_INTEGER, "" },
		{ "phone number", ALIAS_TYPE_OK, QUESTION_TEXT, "" },
		{ "percentage", ALIAS_TYPE_OK, QUESTION_INTEGER, "" },
		{ "calculate_here", ALIAS_TYPE_OK, QUESTION_CALCULATE, "" },
		{ "select_one_from_file places.csv", ALIAS_TYPE_OK,
		  QUESTION_SELECT_ONE, "places.csv" },
		{ "select multiple from file places.csv", ALIAS_TYPE_OK,
		  QUESTION_SELECT_MULTIPLE, "places.csv" },
		{ "select_one_external city", ALIAS_TYPE_OK,
		  QUESTION_SELECT_ONE, "city" },
		{ "osm building", ALIAS_TYPE_UNSUPPORTED, 0, "" },
		{ "select_one yn or_other", ALIAS_TYPE_OK,
		  QUESTION_SELECT_ONE, "yn" },
		{ "select one from yn or specify other", ALIAS_TYPE_OK,
		  QUESTION_SELECT_ONE, "yn" },
		{ "select all that apply from yn Or Other", ALIAS_TYPE_OK,
		  QUESTION_SELECT_MULTIPLE, "yn" },
		{ "rank yn or_other", ALIAS_TYPE_OK, QUESTION_RANK, "yn" },
		{ "select_one or_other", ALIAS_TYPE_OK, QUESTION_SELECT_ONE,
		  "or_other" },
		{ "select_one yn or others", ALIAS_TYPE_UNKNOWN, 0, "" },
		{ "select_one yn extra", ALIAS_TYPE_UNKNOWN, 0, "" },
		{ "intger", ALIAS_TYPE_UNKNOWN, 0, "" },
		{ "select_ones yn", ALIAS_TYPE_UNKNOWN, 0, "" },
		{ "", ALIAS_TYPE_UNKNOWN, 0, "" },
	};
	return cr_make_param_array(struct type_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct type_case *c, aliases, reads_types)
{
	enum question_type	 type = QUESTION_END_GROUP;
	char			*list;

	cr_assert_eq(alias_type(c->cell, &type, &list), c->result,
	    "type '%s'", c->cell);
	if (c->result != ALIAS_TYPE_OK) {
		cr_assert_null(list);
		return;
	}
	cr_assert_eq(type, c->type, "type '%s'", c->cell);
	if (*c->list == '\0')
		cr_assert_null(list);
	else
		cr_assert_str_eq(list, c->list);
	free(list);
}

Test(aliases, tells_or_other)
{
	enum question_type	 type;
	char			*list;
	int			 other = -1;

	cr_assert_eq(alias_type_other("select_one c or_other", &type, &list,
	    &other), ALIAS_TYPE_OK);
	cr_assert_eq(other, 1);
	cr_assert_str_eq(list, "c");
	free(list);
	cr_assert_eq(alias_type_other("select_one or_other", &type, &list,
	    &other), ALIAS_TYPE_OK);
	cr_assert_eq(other, 0);
	free(list);
	cr_assert_eq(alias_type_other("text", &type, &list, &other),
	    ALIAS_TYPE_OK);
	cr_assert_eq(other, 0);
	cr_assert_not_null(alias_builtin("Phone  Number"));
	cr_assert_str_eq(alias_builtin("percentage")->constraint,
	    "0 <= . and . <= 100");
	cr_assert_null(alias_builtin("integer"));
	cr_assert(alias_from_file("select_one_from_file  a.csv"));
	cr_assert(alias_from_file("Select Multiple From File a.csv"));
	cr_assert_not(alias_from_file("select_one a.csv"));
	cr_assert_eq(alias_from_file("select one external c"), 2);
}

Test(aliases, suggests_near_types)
{
	cr_assert_str_eq(alias_type_suggest("intger"), "integer");
	cr_assert_str_eq(alias_type_suggest("select_on yn"), "select_one");
	cr_assert_str_eq(alias_type_suggest("Decimall"), "decimal");
	cr_assert_null(alias_type_suggest("geopoint"));
	cr_assert_null(alias_type_suggest("x"));
}

struct name_case {
	char	 name[32];
	int	 valid;
};

ParameterizedTestParameters(aliases, checks_names)
{
	static struct name_case cases[] = {
		{ "age", 1 }, { "_x", 1 }, { "a1.b-c_d", 1 }, { "Région", 1 },
		{ "A", 1 }, { "", 0 }, { "1a", 0 }, { "-a", 0 }, { ".a", 0 },
		{ "a b", 0 }, { "a:b", 0 }, { "a/b", 0 }, { "a$", 0 },
		{ "${a}", 0 },
	};
	return cr_make_param_array(struct name_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct name_case *c, aliases, checks_names)
{
	cr_assert_eq(alias_valid_name(c->name), c->valid, "name '%s'",
	    c->name);
}

struct params_case {
	char		 cell[64];
	int		 ok;
	int		 randomize;
	int		 has_seed;
	unsigned long long seed;
	char		 max[8];	/* "" for none */
	char		 cause[96];
};

ParameterizedTestParameters(aliases, reads_parameters)
{
	static struct params_case cases[] = {
		{ "max=5", 1, 0, 0, 0, "5", "" },
		{ "randomize=true", 1, 1, 0, 0, "", "" },
		{ "randomize=TRUE seed=42", 1, 1, 1, 42, "", "" },
		{ "randomize=true, seed=7", 1, 1, 1, 7, "", "" },
		{ "randomize=true;seed=7;max=3", 1, 1, 1, 7, "3", "" },
		{ " max = 2 ", 1, 0, 0, 0, "2", "" },
		{ "randomize=false", 1, 0, 0, 0, "", "" },
		{ "MAX=x", 1, 0, 0, 0, "x", "" },
		{ "", 1, 0, 0, 0, "", "" },
		{ "randomize=yes", 0, 0, 0, 0, "",
		  "randomize must be true or false, not 'yes'" },
		{ "randomize=true seed=-1", 0, 0, 0, 0, "",
		  "seed '-1' is not a whole number" },
		{ "randomize=true seed=${s}", 0, 0, 0, 0, "",
		  "seed '${s}' is not a whole number" },
		{ "seed=3", 0, 0, 0, 0, "", "seed needs randomize=true" },
		{ "randomize", 0, 0, 0, 0, "",
		  "parameter 'randomize' needs a value (name=value)" },
		{ "max=", 0, 0, 0, 0, "",
		  "parameter 'max' needs a value (name=value)" },
		{ "maximum=3", 0, 0, 0, 0, "", "unknown parameter 'maximum' "
		  "(randomize, seed, max, start, end and step are known)" },
		{ "start=1 end=5 step=2 tick_interval=2", 1, 0, 0, 0, "", "" },
	};
	return cr_make_param_array(struct params_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct params_case *c, aliases, reads_parameters)
{
	struct alias_params	 ap;
	char			*cause = NULL;

	if (strncmp(c->cell, "start=", 6) == 0) {
		cr_assert_eq(alias_params(c->cell, &ap, &cause), 0);
		cr_assert_str_eq(ap.start, "1");
		cr_assert_str_eq(ap.end, "5");
		cr_assert_str_eq(ap.step, "2");
		alias_params_clear(&ap);
		return;
	}
	if (!c->ok) {
		cr_assert_eq(alias_params(c->cell, &ap, &cause), -1,
		    "'%s'", c->cell);
		cr_assert_str_eq(cause, c->cause);
		cr_assert_null(ap.max);
		free(cause);
		return;
	}
	cr_assert_eq(alias_params(c->cell, &ap, &cause), 0, "'%s': %s",
	    c->cell, cause != NULL ? cause : "");
	cr_assert_eq(ap.randomize, c->randomize);
	cr_assert_eq(ap.has_seed, c->has_seed);
	cr_assert_eq(ap.seed, c->seed);
	cr_assert_eq(ap.has_max, *c->max != '\0');
	if (*c->max != '\0')
		cr_assert_str_eq(ap.max, c->max);
	alias_params_clear(&ap);
}
