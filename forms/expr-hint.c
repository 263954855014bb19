/* expr-hint.c: what the parser says of a bare name it does not know
 * (an error in relevant, constraint...): the fix when one is likely, as
 * form authors coming from ODK, Excel or R write them. */
#include <stdlib.h>
#include <string.h>

#include "forms/expr-private.h"

/* 1 if s holds a typographic quote (U+2018, U+2019, U+201C, U+201D). */
static int
expr_curly(const char *s)
{
	for (; (s = strstr(s, "\xe2\x80")) != NULL; s += 2) {
		if (s[2] == '\x98' || s[2] == '\x99' || s[2] == '\x9c' ||
		    s[2] == '\x9d')
			return (1);
	}
	return (0);
}

char *
expr_name_hint(const char *name, int function, int question)
{
	char		*cause;
	struct buf	 plain;
	const char	*p;

	if (expr_curly(name)) {
		buf_init(&plain);
		for (p = name; *p != '\0'; p++) {
			if (strncmp(p, "\xe2\x80", 2) == 0 && (p[2] == '\x98' ||
			    p[2] == '\x99' || p[2] == '\x9c' || p[2] == '\x9d'))
				p += 2;
			else
				buf_add_byte(&plain, (unsigned char)*p);
		}
		xasprintf(&cause, "unknown name '%s': typographic quotes "
		    "do not quote a text; write straight quotes: '%s'", name,
		    buf_str(&plain));
		buf_clear(&plain);
	} else if (str_ieq(name, "null") || str_ieq(name, "nil") ||
	    str_ieq(name, "none"))
		xasprintf(&cause, "unknown name '%s': an empty answer is "
		    "the empty string; write ''", name);
	else if (str_ieq(name, "true") || str_ieq(name, "false") ||
	    str_ieq(name, "t") || str_ieq(name, "f"))
		xasprintf(&cause, "unknown name '%s': write %s() for the "
		    "truth value, or '%s' for a text", name,
		    (*name == 't' || *name == 'T') ? "true" : "false", name);
	else if (function)
		xasprintf(&cause, "unknown name '%s'; did you mean "
		    "%s()?", name, name);
	else if (question)
		xasprintf(&cause, "unknown name '%s'; did you mean "
		    "${%s}?", name, name);
	else
		xasprintf(&cause, "unknown name '%s' (a question is "
		    "written ${name}, a text in quotes: '%s')", name, name);
	return (cause);
}
