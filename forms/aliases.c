/* aliases.c: pyxform's aliases for column headers and question types,
 * and question names (the "parameters" cell: params.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

struct alias_column {
	const char	*name;		/* lower case, '_' for spaces */
	enum column_kind kind;
};

static const struct alias_column alias_columns[] = {
	{ "type", COLUMN_TYPE },
	{ "command", COLUMN_TYPE },
	{ "name", COLUMN_NAME },
	{ "value", COLUMN_NAME },
	{ "tag", COLUMN_NAME },
	{ "label", COLUMN_LABEL },
	{ "caption", COLUMN_LABEL },
	{ "hint", COLUMN_HINT },
	{ "required", COLUMN_REQUIRED },
	{ "required_message", COLUMN_REQUIRED_MESSAGE },
	{ "requiredmsg", COLUMN_REQUIRED_MESSAGE },
	{ "jr:requiredmsg", COLUMN_REQUIRED_MESSAGE },
	{ "relevant", COLUMN_RELEVANT },
	{ "relevance", COLUMN_RELEVANT },
	{ "constraint", COLUMN_CONSTRAINT },
	{ "constraint_message", COLUMN_CONSTRAINT_MESSAGE },
	{ "constraining_message", COLUMN_CONSTRAINT_MESSAGE },
	{ "jr:constraintmsg", COLUMN_CONSTRAINT_MESSAGE },
	{ "default", COLUMN_DEFAULT },
	{ "appearance", COLUMN_APPEARANCE },
	{ "parameters", COLUMN_PARAMETERS },
	{ "calculation", COLUMN_CALCULATION },
	{ "calculate", COLUMN_CALCULATION },
	{ "choice_filter", COLUMN_CHOICE_FILTER },
	{ "list_name", COLUMN_LIST_NAME },
	{ "form_title", COLUMN_FORM_TITLE },
	{ "set_form_title", COLUMN_FORM_TITLE },
	{ "form_id", COLUMN_FORM_ID },
	{ "set_form_id", COLUMN_FORM_ID },
	{ "version", COLUMN_VERSION },
	{ "default_language", COLUMN_DEFAULT_LANGUAGE },
	{ "repeat_count", COLUMN_REPEAT_COUNT },
	{ "jr:count", COLUMN_REPEAT_COUNT },
	{ "read_only", COLUMN_READONLY },
	{ "readonly", COLUMN_READONLY },
	{ "disabled", COLUMN_DISABLED },
	{ "trigger", COLUMN_TRIGGER },
	{ "allow_choice_duplicates", COLUMN_ALLOW_DUPLICATES },
	/* Media: a terminal shows none; a label of media only is named
	 * by its file. */
	{ "media", COLUMN_MEDIA },
	{ "image", COLUMN_MEDIA },
	{ "big-image", COLUMN_MEDIA },
	{ "audio", COLUMN_MEDIA },
	{ "video", COLUMN_MEDIA },
	/* Display hints: accepted, not used. */
	{ "guidance_hint", COLUMN_IGNORED },
	{ "autoplay", COLUMN_IGNORED },
};

int
alias_translatable(enum column_kind kind)
{
	return kind == COLUMN_LABEL || kind == COLUMN_HINT ||
	    kind == COLUMN_REQUIRED_MESSAGE ||
	    kind == COLUMN_CONSTRAINT_MESSAGE;
}

static enum column_kind
alias_column_lookup(const char *base)
{
	size_t	 i;

	for (i = 0; i < nitems(alias_columns); i++) {
		if (strcmp(alias_columns[i].name, base) == 0)
			return alias_columns[i].kind;
	}
	return COLUMN_OTHER;
}

/* Where the language part of a header starts ("::" or a single ":"
 * outside a "jr:" name), or NULL. *sep is the separator's length. */
static const char *
alias_split(const char *s, size_t *sep)
{
	const char	*p;

	if ((p = strstr(s, "::")) != NULL) {
		*sep = 2;
		return p;
	}
	if (strncmp(s, "jr:", 3) == 0)
		s += 3;
	if ((p = strchr(s, ':')) != NULL) {
		*sep = 1;
		return p;
	}
	return NULL;
}

enum column_kind
alias_column(const char *header, char **lang)
{
	char			*copy, *base, *p;
	const char		*split;
	size_t			 sep, off;
	enum column_kind	 kind;
	static const char	*prefixes[] = {
		"bind::", "bind:", "control::", "control:", "body::", "body:"
	};
	size_t			 i;

	*lang = NULL;
	copy = xstrdup(header);
	str_trim(copy);
	base = str_lower(xstrdup(copy));
	off = 0;
	for (i = 0; i < nitems(prefixes); i++) {
		if (strncmp(base, prefixes[i], strlen(prefixes[i])) == 0) {
			off = strlen(prefixes[i]);
			break;
		}
	}
	if ((split = alias_split(base + off, &sep)) != NULL) {
		*lang = xstrdup(copy + (split - base) + sep);
		str_trim(*lang);
		base[split - base] = '\0';
	}
	str_trim(base + off);
	for (p = base + off; *p != '\0'; p++) {
		if (*p == ' ')
			*p = '_';
	}
	kind = alias_column_lookup(base + off);
	if (kind != COLUMN_IGNORED && kind != COLUMN_OTHER &&
	    kind != COLUMN_MEDIA && !alias_translatable(kind) && *lang != NULL)
		kind = COLUMN_IGNORED;	/* "relevant::fr": no such thing */
	if (kind == COLUMN_OTHER || !alias_translatable(kind) ||
	    (*lang != NULL && **lang == '\0')) {
		free(*lang);
		*lang = NULL;
	}
	free(base);
	free(copy);
	return kind;
}

struct alias_type {
	const char		*name;	/* lower case, single spaces */
	enum question_type	 type;
};

/* Types taking a list name, longest first so "select one from L" is
 * not read as "select one" of a list "from". */
static const struct alias_type alias_selects[] = {
	{ "select_one_from_file", QUESTION_SELECT_ONE },
	{ "select_multiple_from_file", QUESTION_SELECT_MULTIPLE },
	{ "select one from file", QUESTION_SELECT_ONE },
	{ "select multiple from file", QUESTION_SELECT_MULTIPLE },
	{ "select_one_external", QUESTION_SELECT_ONE },
	{ "select one external", QUESTION_SELECT_ONE },
	{ "add select one prompt using", QUESTION_SELECT_ONE },
	{ "add select multiple prompt using", QUESTION_SELECT_MULTIPLE },
	{ "select all that apply from", QUESTION_SELECT_MULTIPLE },
	{ "select all that apply", QUESTION_SELECT_MULTIPLE },
	{ "select multiple from", QUESTION_SELECT_MULTIPLE },
	{ "select multiple using", QUESTION_SELECT_MULTIPLE },
	{ "select one from", QUESTION_SELECT_ONE },
	{ "select one using", QUESTION_SELECT_ONE },
	{ "select_multiple", QUESTION_SELECT_MULTIPLE },
	{ "select multiple", QUESTION_SELECT_MULTIPLE },
	{ "select_one", QUESTION_SELECT_ONE },
	{ "select one", QUESTION_SELECT_ONE },
	{ "select1", QUESTION_SELECT_ONE },
	{ "rank", QUESTION_RANK },
};

static const struct alias_type alias_types[] = {
	{ "integer", QUESTION_INTEGER },
	{ "int", QUESTION_INTEGER },
	{ "q int", QUESTION_INTEGER },
	{ "add integer prompt", QUESTION_INTEGER },
	{ "decimal", QUESTION_DECIMAL },
	{ "q decimal", QUESTION_DECIMAL },
	{ "add decimal prompt", QUESTION_DECIMAL },
	{ "text", QUESTION_TEXT },
	{ "string", QUESTION_TEXT },
	{ "q string", QUESTION_TEXT },
	{ "add text prompt", QUESTION_TEXT },
	{ "date", QUESTION_DATE },
	{ "q date", QUESTION_DATE },
	{ "add date prompt", QUESTION_DATE },
	{ "time", QUESTION_TIME },
	{ "q time", QUESTION_TIME },
	{ "add time prompt", QUESTION_TIME },
	{ "datetime", QUESTION_DATETIME },
	{ "date time", QUESTION_DATETIME },
	{ "q date time", QUESTION_DATETIME },
	{ "q datetime", QUESTION_DATETIME },
	{ "add date time prompt", QUESTION_DATETIME },
	{ "add datetime prompt", QUESTION_DATETIME },
	{ "range", QUESTION_INTEGER },	/* decimal when a parameter is */
	{ "percentage", QUESTION_INTEGER },
	{ "phone number", QUESTION_TEXT },
	{ "number of days in last month", QUESTION_INTEGER },
	{ "number of days in last six months", QUESTION_INTEGER },
	{ "number of days in last year", QUESTION_INTEGER },
	{ "hidden", QUESTION_CALCULATE },
	{ "calculate_here", QUESTION_CALCULATE },
	{ "calculate here", QUESTION_CALCULATE },
	{ "note", QUESTION_NOTE },
	{ "q note", QUESTION_NOTE },
	{ "add note prompt", QUESTION_NOTE },
	{ "acknowledge", QUESTION_ACKNOWLEDGE },
	{ "q acknowledge", QUESTION_ACKNOWLEDGE },
	{ "add acknowledge prompt", QUESTION_ACKNOWLEDGE },
	{ "trigger", QUESTION_ACKNOWLEDGE },
	{ "calculate", QUESTION_CALCULATE },
	{ "q calculate", QUESTION_CALCULATE },
	{ "add calculate prompt", QUESTION_CALCULATE },
	{ "begin_group", QUESTION_BEGIN_GROUP },
	{ "begin group", QUESTION_BEGIN_GROUP },
	{ "end_group", QUESTION_END_GROUP },
	{ "end group", QUESTION_END_GROUP },
};

/* XLSForm and ODK types that exist but that consult does not do yet
 * (external XML instances). Loops over a list are loop.c's. */
static const char *alias_unsupported[] = {
	"xml-external",
};

/* pyxform's types that are another type with a constraint and a hint
 * of their own (question_type_dictionary.py). */
static const struct alias_builtin alias_builtins[] = {
	{ "phone number", "regex(., '^[0-9]*$')", "Enter numbers only." },
	{ "percentage", "0 <= . and . <= 100", NULL },
	{ "number of days in last month", "0 <= . and . <= 31",
	  "Enter a number 0-31." },
	{ "number of days in last six months", "0 <= . and . <= 183",
	  "Enter a number 0-183." },
	{ "number of days in last year", "0 <= . and . <= 365",
	  "Enter a number 0-365." },
};

struct alias_special {
	const char		*name;	/* lower case, single spaces */
	enum question_special	 special;
	const char		*word;	/* the type it stands for */
};

/* Metadata: the session's times are recorded; what identifies a device
 * or a person (or where it is) is accepted and never recorded. */
static const struct alias_special alias_metadata[] = {
	{ "start", QUESTION_START, "start" },
	{ "start time", QUESTION_START, "start" },
	{ "get start time", QUESTION_START, "start" },
	{ "end", QUESTION_END, "end" },
	{ "end time", QUESTION_END, "end" },
	{ "get end time", QUESTION_END, "end" },
	{ "today", QUESTION_TODAY, "today" },
	{ "get today", QUESTION_TODAY, "today" },
	{ "deviceid", QUESTION_IGNORED, "deviceid" },
	{ "device id", QUESTION_IGNORED, "deviceid" },
	{ "get device id", QUESTION_IGNORED, "deviceid" },
	{ "uri:deviceid", QUESTION_IGNORED, "deviceid" },
	{ "imei", QUESTION_IGNORED, "imei" },
	{ "subscriberid", QUESTION_IGNORED, "subscriberid" },
	{ "subscriber id", QUESTION_IGNORED, "subscriberid" },
	{ "get subscriber id", QUESTION_IGNORED, "subscriberid" },
	{ "uri:subscriberid", QUESTION_IGNORED, "subscriberid" },
	{ "simserial", QUESTION_IGNORED, "simserial" },
	{ "sim id", QUESTION_IGNORED, "simserial" },
	{ "get sim id", QUESTION_IGNORED, "simserial" },
	{ "uri:simserial", QUESTION_IGNORED, "simserial" },
	{ "phonenumber", QUESTION_IGNORED, "phonenumber" },
	{ "get phone number", QUESTION_IGNORED, "phonenumber" },
	{ "uri:phonenumber", QUESTION_IGNORED, "phonenumber" },
	{ "username", QUESTION_IGNORED, "username" },
	{ "uri:username", QUESTION_IGNORED, "username" },
	{ "email", QUESTION_IGNORED, "email" },
	{ "uri:email", QUESTION_IGNORED, "email" },
	{ "audit", QUESTION_IGNORED, "audit" },
	{ "start-geopoint", QUESTION_IGNORED, "start-geopoint" },
	{ "background-geopoint", QUESTION_IGNORED, "background-geopoint" },
	{ "background-audio", QUESTION_IGNORED, "background-audio" },
	{ "caseid", QUESTION_IGNORED, "caseid" },
};

/* Rows that declare a dataset for instance() and pulldata(): NAME.csv
 * beside the form (survey_datasets reads it); nothing is recorded. */
static const struct alias_special alias_datasets[] = {
	{ "csv-external", QUESTION_IGNORED, "csv-external" },
};

/* What a terminal cannot capture: the form loads, the question is
 * skipped (never shown, stored empty). SurveyCTO's sensor_* types are
 * matched by their prefix. */
static const struct alias_special alias_capture[] = {
	{ "geopoint", QUESTION_SKIPPED, "geopoint" },
	{ "gps", QUESTION_SKIPPED, "geopoint" },
	{ "location", QUESTION_SKIPPED, "geopoint" },
	{ "q geopoint", QUESTION_SKIPPED, "geopoint" },
	{ "q location", QUESTION_SKIPPED, "geopoint" },
	{ "add location prompt", QUESTION_SKIPPED, "geopoint" },
	{ "geotrace", QUESTION_SKIPPED, "geotrace" },
	{ "q geotrace", QUESTION_SKIPPED, "geotrace" },
	{ "geoshape", QUESTION_SKIPPED, "geoshape" },
	{ "q geoshape", QUESTION_SKIPPED, "geoshape" },
	{ "image", QUESTION_SKIPPED, "image" },
	{ "photo", QUESTION_SKIPPED, "image" },
	{ "q picture", QUESTION_SKIPPED, "image" },
	{ "q image", QUESTION_SKIPPED, "image" },
	{ "add image prompt", QUESTION_SKIPPED, "image" },
	{ "add photo prompt", QUESTION_SKIPPED, "image" },
	{ "audio", QUESTION_SKIPPED, "audio" },
	{ "q audio", QUESTION_SKIPPED, "audio" },
	{ "add audio prompt", QUESTION_SKIPPED, "audio" },
	{ "video", QUESTION_SKIPPED, "video" },
	{ "q video", QUESTION_SKIPPED, "video" },
	{ "add video prompt", QUESTION_SKIPPED, "video" },
	{ "file", QUESTION_SKIPPED, "file" },
	{ "add file prompt", QUESTION_SKIPPED, "file" },
	{ "barcode", QUESTION_SKIPPED, "barcode" },
	{ "q barcode", QUESTION_SKIPPED, "barcode" },
	{ "add barcode prompt", QUESTION_SKIPPED, "barcode" },
	{ "text audit", QUESTION_SKIPPED, "text audit" },
	{ "audio audit", QUESTION_SKIPPED, "audio audit" },
	{ "sensor_", QUESTION_SKIPPED, "sensor_*" },
};

/* The same for types followed by a list, a file or a layer name. */
static const char *alias_unsupported_prefixes[] = {
	"osm",
};

/* The cell in lower case with runs of spaces made one space. */
static char *
alias_normalise(const char *s, int lower)
{
	char	*out, *p;
	int	 space = 0;

	out = p = xmalloc(strlen(s) + 1);
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			space = p != out;
			continue;
		}
		if (space)
			*p++ = ' ';
		space = 0;
		*p++ = *s;
	}
	*p = '\0';
	return lower ? str_lower(out) : out;
}

/* 1 if s is word or starts with word and a space. */
static int
alias_word(const char *s, const char *word)
{
	size_t	 len = strlen(word);

	return strncmp(s, word, len) == 0 && (s[len] == '\0' ||
	    s[len] == ' ');
}

/* The length of the list name at the start of s (after a select's
 * word), when what follows it is nothing or pyxform's "or_other",
 * "or other", "or specify other" (any case); else 0. */
static size_t
alias_or_other(const char *s, int *other)
{
	static const char	*tails[] = {
		"or_other", "or other", "or specify other"
	};
	size_t			 n = strcspn(s, " "), i;

	*other = 0;
	if (s[n] == '\0')
		return n;
	for (i = 0; i < nitems(tails); i++) {
		if (str_ieq(s + n + 1, tails[i])) {
			*other = 1;
			return n;
		}
	}
	return 0;
}

int
alias_from_file(const char *cell)
{
	char	*lower;
	size_t	 i;
	int	 yes = 0;

	lower = alias_normalise(cell, 1);
	for (i = 0; i < 6; i++) {
		if (alias_word(lower, alias_selects[i].name))
			yes = i < 4 ? 1 : 2;
	}
	free(lower);
	return yes;
}

const struct alias_builtin *
alias_builtin(const char *cell)
{
	const struct alias_builtin *found = NULL;
	char			*lower;
	size_t			 i;

	lower = alias_normalise(cell, 1);
	for (i = 0; i < nitems(alias_builtins); i++) {
		if (strcmp(lower, alias_builtins[i].type) == 0)
			found = &alias_builtins[i];
	}
	free(lower);
	return found;
}

static enum alias_type_result
alias_select(const char *lower, const char *orig, enum question_type *type,
    char **list, int *or_other)
{
	const char	*rest;
	size_t		 i, len, other;

	for (i = 0; i < nitems(alias_selects); i++) {
		if (!alias_word(lower, alias_selects[i].name))
			continue;
		len = strlen(alias_selects[i].name);
		if (lower[len] == '\0')
			return ALIAS_TYPE_NO_LIST;
		rest = orig + len + 1;
		if ((other = alias_or_other(rest, or_other)) == 0)
			return ALIAS_TYPE_UNKNOWN;
		*type = alias_selects[i].type;
		*list = xstrndup(rest, other);
		return ALIAS_TYPE_OK;
	}
	return ALIAS_TYPE_UNKNOWN;
}

enum alias_type_result
alias_type(const char *cell, enum question_type *type, char **list)
{
	int	 other;

	return alias_type_other(cell, type, list, &other);
}

enum alias_type_result
alias_type_other(const char *cell, enum question_type *type, char **list,
    int *or_other)
{
	char			*lower, *orig;
	size_t			 i;
	enum alias_type_result	 r = ALIAS_TYPE_UNKNOWN;

	*list = NULL;
	*or_other = 0;
	lower = alias_normalise(cell, 1);
	orig = alias_normalise(cell, 0);
	for (i = 0; i < nitems(alias_unsupported); i++) {
		if (strcmp(lower, alias_unsupported[i]) == 0) {
			r = ALIAS_TYPE_UNSUPPORTED;
			goto out;
		}
	}
	for (i = 0; i < nitems(alias_unsupported_prefixes); i++) {
		if (alias_word(lower, alias_unsupported_prefixes[i])) {
			r = ALIAS_TYPE_UNSUPPORTED;
			goto out;
		}
	}
	for (i = 0; i < nitems(alias_types); i++) {
		if (strcmp(lower, alias_types[i].name) == 0) {
			*type = alias_types[i].type;
			r = ALIAS_TYPE_OK;
			goto out;
		}
	}
	r = alias_select(lower, orig, type, list, or_other);
out:
	free(orig);
	free(lower);
	return r;
}

static enum question_special
alias_special_find(const struct alias_special *t, size_t n,
    const char *lower, const char **word)
{
	size_t	 i, len;

	for (i = 0; i < n; i++) {
		len = strlen(t[i].name);
		if (strcmp(lower, t[i].name) == 0 || (t[i].name[len - 1] ==
		    '_' && strncmp(lower, t[i].name, len) == 0 &&
		    strchr(lower, ' ') == NULL)) {
			*word = t[i].word;
			return t[i].special;
		}
	}
	return QUESTION_ASKED;
}

enum question_special
alias_special(const char *cell, const char **word)
{
	enum question_special	 s;
	char			*lower;

	*word = NULL;
	lower = alias_normalise(cell, 1);
	s = alias_special_find(alias_metadata, nitems(alias_metadata), lower,
	    word);
	if (s == QUESTION_ASKED)
		s = alias_special_find(alias_capture, nitems(alias_capture),
		    lower, word);
	if (s == QUESTION_ASKED)
		s = alias_special_find(alias_datasets, nitems(alias_datasets),
		    lower, word);
	free(lower);
	return s;
}

const char *
alias_type_suggest(const char *cell)
{
	static const char	*words[] = {
		"select_one", "select_multiple", "rank", "integer", "decimal",
		"text", "date", "note", "acknowledge", "calculate",
		"begin_group", "end_group"
	};
	char			*first;
	const char		*best = NULL;
	size_t			 i, d, bestd = 3;

	first = alias_normalise(cell, 1);
	first[strcspn(first, " ")] = '\0';
	for (i = 0; i < nitems(words); i++) {
		d = str_distance(first, words[i]);
		if (d < bestd && d <= strlen(words[i]) / 3) {
			best = words[i];
			bestd = d;
		}
	}
	free(first);
	return best;
}

int
alias_valid_name(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	/* Bytes >= 0x80 stand for the Unicode letters XML allows. */
	if (!(*p == '_' || (*p >= 'a' && *p <= 'z') ||
	    (*p >= 'A' && *p <= 'Z') || *p >= 0x80))
		return 0;
	for (p++; *p != '\0'; p++) {
		if (!(*p == '_' || *p == '-' || *p == '.' ||
		    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p >= 0x80))
			return 0;
	}
	return 1;
}
