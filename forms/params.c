/* params.c: the "parameters" cell of a survey row, as pyxform reads it:
 * key=value pairs (randomize, seed, max; range's start, end, step and
 * its display hints). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "forms/form-private.h"

static int
alias_param_sep(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ';';
}

/* Apply one key=value pair; on error sets *cause. */
static int
alias_param(struct alias_params *ap, char *key, char *value, char **cause)
{
	char	*end, **to;

	str_lower(key);
	if (strcmp(key, "randomize") == 0) {
		if (str_ieq(value, "true"))
			ap->randomize = 1;
		else if (str_ieq(value, "false"))
			ap->randomize = 0;
		else {
			xasprintf(cause, "randomize must be true or false, "
			    "not '%s'", value);
			return -1;
		}
	} else if (strcmp(key, "seed") == 0) {
		errno = 0;
		ap->seed = strtoull(value, &end, 10);
		if (*value < '0' || *value > '9' || *end != '\0' ||
		    errno != 0) {
			xasprintf(cause, "seed '%s' is not a whole number",
			    value);
			return -1;
		}
		ap->has_seed = 1;
	} else if (strcmp(key, "max") == 0) {
		free(ap->max);
		ap->max = xstrdup(value);
		ap->has_max = 1;
	} else if (strcmp(key, "start") == 0 || strcmp(key, "end") == 0 ||
	    strcmp(key, "step") == 0) {
		to = key[1] == 't' ? (key[2] == 'a' ? &ap->start : &ap->step) :
		    &ap->end;
		free(*to);
		*to = xstrdup(value);
	} else if (strcmp(key, "tick_interval") != 0 &&
	    strcmp(key, "placeholder") != 0 &&
	    strcmp(key, "tick_labelset") != 0) {
		/* range's display hints: a terminal draws no ticks */
		xasprintf(cause, "unknown parameter '%s' (randomize, seed, "
		    "max, start, end and step are known)", key);
		return -1;
	}
	return 0;
}

int
alias_params(const char *s, struct alias_params *ap, char **cause)
{
	char		*copy, *p, *key, *value;
	int		 error = -1;

	memset(ap, 0, sizeof *ap);
	copy = p = xstrdup(s);
	for (;;) {
		while (alias_param_sep(*p))
			p++;
		if (*p == '\0')
			break;
		key = p;
		while (*p != '\0' && *p != '=' && !alias_param_sep(*p))
			p++;
		value = p;
		while (*value == ' ' || *value == '\t')
			value++;
		if (*value != '=') {
			*p = '\0';
			xasprintf(cause, "parameter '%s' needs a value "
			    "(name=value)", key);
			goto out;
		}
		*p = '\0';
		for (value++; *value == ' ' || *value == '\t'; value++)
			/* nothing */;
		for (p = value; *p != '\0' && !alias_param_sep(*p); p++)
			/* nothing */;
		if (*p != '\0')
			*p++ = '\0';
		if (*value == '\0') {
			xasprintf(cause, "parameter '%s' needs a value "
			    "(name=value)", key);
			goto out;
		}
		if (alias_param(ap, key, value, cause) != 0)
			goto out;
	}
	if (ap->has_seed && !ap->randomize) {
		*cause = xstrdup("seed needs randomize=true");
		goto out;
	}
	error = 0;
out:
	free(copy);
	if (error != 0)
		alias_params_clear(ap);
	return error;
}

void
alias_params_clear(struct alias_params *ap)
{
	free(ap->max);
	free(ap->start);
	free(ap->end);
	free(ap->step);
	memset(ap, 0, sizeof *ap);
}
