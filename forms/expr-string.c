/* expr-string.c: ODK's text functions beyond XPath's few (substr,
 * substring, substring-before/-after, normalize-space, translate,
 * boolean-from-string, uuid, digest, jr:choice-name), with JavaRosa's
 * semantics; lengths and positions count characters, not bytes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/expr-private.h"

/* Longest uuid(n) text. */
#define EXPR_UUID_MAX	1024

/* Byte offset of character k (from 0) of s, or its length. */
static size_t
expr_char_offset(const char *s, double k)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++) {
		if ((s[i] & 0xc0) != 0x80 && k-- <= 0)
			return i;
	}
	return i;
}

static double
expr_char_count(const char *s)
{
	double	 n = 0;

	for (; *s != '\0'; s++)
		n += (*s & 0xc0) != 0x80;
	return n;
}

static void
expr_set_slice(struct expr_value *out, const char *s, double from,
    double to)
{
	size_t	 a, b;

	a = expr_char_offset(s, from);
	b = expr_char_offset(s, to);
	expr_value_set_string(out, NULL, xstrndup(s + a, b > a ? b - a : 0));
}

/* substr(s, start[, end]): JavaRosa's, from 0, end excluded; negative
 * positions count from the end; NaN counts as 0. */
static void
expr_fn_substr(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value v;
	char		 buf[EXPR_NUMBER_SIZE];
	const char	*s;
	double		 len, start, end;

	start = trunc(expr_arg_number(e, 1, env));
	s = expr_arg_text(e, 0, env, &v, buf);
	len = expr_char_count(s);
	end = e->nargs > 2 ? trunc(expr_arg_number(e, 2, env)) : len;
	if (isnan(start))
		start = 0;
	if (isnan(end))
		end = 0;
	if (start < 0)
		start = fmax(0, len + start);
	if (end < 0)
		end = fmax(0, len + end);
	start = fmin(start, len);
	end = fmin(end, len);
	if (end < start)
		end = start;
	expr_set_slice(out, s, start, end);
	expr_value_clear(&v);
}

/* substring(s, start[, length]): XPath's, from 1, rounded: the
 * characters at positions p with round(start) <= p < round(start) +
 * round(length); NaN gives "". */
static void
expr_fn_substring(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value v;
	char		 buf[EXPR_NUMBER_SIZE];
	const char	*s;
	double		 len, from, to;

	from = round(expr_arg_number(e, 1, env));
	to = e->nargs > 2 ? from + round(expr_arg_number(e, 2, env)) :
	    INFINITY;
	s = expr_arg_text(e, 0, env, &v, buf);
	len = expr_char_count(s);
	if (isnan(from) || isnan(to))
		expr_value_set_string(out, "", NULL);
	else
		expr_set_slice(out, s, fmin(fmax(from - 1, 0), len),
		    fmin(fmax(to - 1, 0), len));
	expr_value_clear(&v);
}

/* substring-before(s, t) and substring-after(s, t). */
static void
expr_fn_substring_around(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value a, b;
	char		 ba[EXPR_NUMBER_SIZE], bb[EXPR_NUMBER_SIZE];
	const char	*s, *t, *at;

	s = expr_arg_text(e, 0, env, &a, ba);
	t = expr_arg_text(e, 1, env, &b, bb);
	if ((at = strstr(s, t)) == NULL)
		expr_value_set_string(out, "", NULL);
	else if (strcmp(e->func->name, "substring-before") == 0)
		expr_value_set_string(out, NULL, xstrndup(s, at - s));
	else
		expr_value_set_string(out, NULL, xstrdup(at + strlen(t)));
	expr_value_clear(&a);
	expr_value_clear(&b);
}

/* normalize-space(s): XML white space runs become one space, none at
 * either end. */
static void
expr_fn_normalize_space(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value v;
	struct buf	 b;
	char		 buf[EXPR_NUMBER_SIZE];
	const char	*s;
	size_t		 n;

	buf_init(&b);
	for (s = expr_arg_text(e, 0, env, &v, buf); *s != '\0'; s += n) {
		s += strspn(s, " \t\r\n");
		n = strcspn(s, " \t\r\n");
		if (n != 0 && b.len != 0)
			buf_add_byte(&b, ' ');
		buf_add(&b, s, n);
	}
	expr_value_clear(&v);
	expr_value_set_string(out, NULL, xstrdup(buf_str(&b)));
	buf_clear(&b);
}

/* The UTF-8 character at s: its length (1 for an invalid byte). */
static size_t
expr_char_len(const char *s)
{
	size_t	 n = 1;

	while (s[n] != '\0' && (s[n] & 0xc0) == 0x80 && n < 4)
		n++;
	return n;
}

/* translate(s, from, to): each character of from becomes the one at the
 * same place in to, or goes when to is shorter; the first wins. */
static void
expr_fn_translate(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value a, b, c;
	char		 ba[EXPR_NUMBER_SIZE], bb[EXPR_NUMBER_SIZE];
	char		 bc[EXPR_NUMBER_SIZE];
	const char	*s, *from, *to, *f, *t;
	struct buf	 r;
	size_t		 n, fn, tn;

	s = expr_arg_text(e, 0, env, &a, ba);
	from = expr_arg_text(e, 1, env, &b, bb);
	to = expr_arg_text(e, 2, env, &c, bc);
	buf_init(&r);
	for (; *s != '\0'; s += n) {
		n = expr_char_len(s);
		for (f = from, t = to; *f != '\0'; f += fn) {
			fn = expr_char_len(f);
			if (fn == n && memcmp(f, s, n) == 0)
				break;
			if (*t != '\0')
				t += expr_char_len(t);
		}
		if (*f == '\0')
			buf_add(&r, s, n);
		else if (*t != '\0') {
			tn = expr_char_len(t);
			buf_add(&r, t, tn);
		}
	}
	expr_value_clear(&a);
	expr_value_clear(&b);
	expr_value_clear(&c);
	expr_value_set_string(out, NULL, xstrdup(buf_str(&r)));
	buf_clear(&r);
}

/* boolean-from-string(s): true for "true" and "1" only. */
static void
expr_fn_boolean_from_string(const struct expr *e,
    const struct expr_env *env, struct expr_value *out)
{
	struct expr_value v;
	char		 buf[EXPR_NUMBER_SIZE];
	const char	*s;

	s = expr_arg_text(e, 0, env, &v, buf);
	expr_value_set_bool(out, strcmp(s, "true") == 0 ||
	    strcmp(s, "1") == 0);
	expr_value_clear(&v);
}

/* uuid(): a random version 4 UUID; uuid(n): n random letters and
 * digits ("" when n is not 1 to EXPR_UUID_MAX). */
static void
expr_fn_uuid(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	static const char alnum[] = "0123456789abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	unsigned char	 u[16];
	char		*s;
	double		 n;
	size_t		 i;

	if (e->nargs == 0) {
		randombytes_buf(u, sizeof u);
		u[6] = (u[6] & 0x0f) | 0x40;
		u[8] = (u[8] & 0x3f) | 0x80;
		s = xmalloc(37);
		for (i = 0; i < 16; i++)
			snprintf(s + i * 2 + (i >= 4) + (i >= 6) + (i >= 8) +
			    (i >= 10), 3, "%02x", u[i]);
		s[8] = s[13] = s[18] = s[23] = '-';
		s[36] = '\0';
		expr_value_set_string(out, NULL, s);
		return;
	}
	n = trunc(expr_arg_number(e, 0, env));
	if (!(n >= 1 && n <= EXPR_UUID_MAX)) {
		expr_value_set_string(out, "", NULL);
		return;
	}
	s = xmalloc((size_t)n + 1);
	for (i = 0; i < (size_t)n; i++)
		s[i] = alnum[randombytes_uniform(sizeof alnum - 1)];
	s[i] = '\0';
	expr_value_set_string(out, NULL, s);
}

/* jr:choice-name(value, '${q}'): the label of choice value of q's list
 * in the participant's language as ODK's current language (the form's
 * default before one is chosen; "" when none); q was resolved by
 * expr_check_args into e->index. */
static void
expr_fn_choice_name(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	const struct form	*f = env->form;
	const struct choice_list *l;
	struct expr_value	 v;
	char			 buf[EXPR_NUMBER_SIZE];
	const char		*s;
	int			 c;

	expr_value_set_string(out, "", NULL);
	if (f == NULL || e->index < 0 || (size_t)e->index >= f->nquestions ||
	    (l = form_question_list(f, &f->questions[e->index])) == NULL)
		return;
	s = expr_arg_text(e, 0, env, &v, buf);
	s += strspn(s, " ");
	if ((c = choice_list_find(l, s, strcspn(s, " "))) >= 0)
		expr_value_set_string(out, form_text(f, l->choices[c].label,
		    expr_env_lang(env, f)), NULL);
	expr_value_clear(&v);
}

/* jr:choice-name's second argument: '${q}' or an XPath ending in /q. */
static int
expr_check_choice_name(const struct form *f, struct expr *e, char **cause)
{
	const char	*src = e->args[1]->str, *slash;
	char		*name;
	int		 q;

	if (e->args[1]->kind != EXPR_STRING) {
		*cause = xstrdup("jr:choice-name() takes the question as a "
		    "quoted '${name}'");
		return -1;
	}
	if (strncmp(src, "${", 2) == 0 && src[strlen(src) - 1] == '}')
		name = xstrndup(src + 2, strlen(src) - 3);
	else
		name = xstrdup((slash = strrchr(src, '/')) != NULL ?
		    slash + 1 : src);
	str_trim(name);
	q = form_find_question(f, name);
	if (q < 0 || !question_has_choices(&f->questions[q])) {
		xasprintf(cause, "jr:choice-name(): '%s' is not a select "
		    "question", name);
		free(name);
		return -1;
	}
	free(name);
	e->index = q;
	return 0;
}

int
expr_check_args(const struct form *f, struct expr *e, char **cause)
{
	const char	*name = e->func->name;
	char		 bad;

	if (strcmp(name, "jr:choice-name") == 0)
		return expr_check_choice_name(f, e, cause);
	if (strcmp(name, "digest") == 0 && e->args[1]->kind == EXPR_STRING &&
	    expr_digest_size(e->args[1]->str) == 0) {
		xasprintf(cause, "digest(): unknown algorithm '%s' (MD5, "
		    "SHA-1, SHA-256, SHA-384 or SHA-512)", e->args[1]->str);
		return -1;
	}
	if (strcmp(name, "digest") == 0 && e->nargs > 2 &&
	    e->args[2]->kind == EXPR_STRING &&
	    !str_ieq(e->args[2]->str, "base64") &&
	    !str_ieq(e->args[2]->str, "hex")) {
		xasprintf(cause, "digest(): unknown encoding '%s' (base64 "
		    "or hex)", e->args[2]->str);
		return -1;
	}
	if (strncmp(name, "format-date", 11) == 0 &&
	    e->args[1]->kind == EXPR_STRING &&
	    expr_date_format_check(e->args[1]->str, &bad) != 0) {
		xasprintf(cause, "%s(): unknown format '%%%c' in '%s' (%%Y "
		    "%%y %%m %%n %%b %%d %%e %%H %%h %%M %%S %%3 %%a)", name,
		    bad == '\0' ? ' ' : bad, e->args[1]->str);
		return -1;
	}
	return 0;
}

/* Sorted by name. */
const struct expr_func expr_string_funcs[] = {
	{ "boolean-from-string", 1, 1, expr_fn_boolean_from_string },
	{ "digest", 2, 3, expr_fn_digest },
	{ "jr:choice-name", 2, 2, expr_fn_choice_name },
	{ "normalize-space", 1, 1, expr_fn_normalize_space },
	{ "substr", 2, 3, expr_fn_substr },
	{ "substring", 2, 3, expr_fn_substring },
	{ "substring-after", 2, 2, expr_fn_substring_around },
	{ "substring-before", 2, 2, expr_fn_substring_around },
	{ "translate", 3, 3, expr_fn_translate },
	{ "uuid", 0, 1, expr_fn_uuid },
	{ NULL, 0, 0, NULL },
};
