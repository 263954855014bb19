/* expr-parse.c: parse XLSForm expressions (the XPath subset of ODK) into
 * a tree, resolving ${name} to questions once, at load. */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "forms/expr-parser.h"

/* Binary operators by precedence, loosest first. */
#define EXPR_LEVELS 6

static int
expr_name_start(int c)
{
	return (isalpha(c) || c == '_' || c >= 0x80);
}

static int
expr_name_char(int c)
{
	return (expr_name_start(c) || isdigit(c) || c == '-' || c == '.');
}

int
expr_token_is(const struct expr_parser *ps, const char *name)
{
	return (ps->token == TOKEN_NAME && ps->len == strlen(name) &&
	    memcmp(ps->start, name, ps->len) == 0);
}

/* Complain about the current token, quoting a little of the source. */
void
expr_syntax_error(struct expr_parser *ps)
{
	size_t	n;

	if (ps->cause != NULL)
		return;
	if (ps->token == TOKEN_END) {
		ps->cause = xstrdup("syntax error at end of expression");
		return;
	}
	n = strcspn(ps->start, "\r\n");
	if (n > 20) {
		n = 20;
		while (n > 0 && (ps->start[n] & 0xc0) == 0x80)
			n--;
	}
	xasprintf(&ps->cause, "syntax error near '%.*s'", (int)n, ps->start);
}

static void
expr_lex_number(struct expr_parser *ps)
{
	const unsigned char *p = (const unsigned char *)ps->start;

	while (isdigit(*p))
		p++;
	if (*p == '.') {
		p++;
		while (isdigit(*p))
			p++;
	}
	ps->token = TOKEN_NUMBER;
	ps->p = (const char *)p;
}

/* Two-character operators, then one-character ones. */
static int
expr_lex_operator(struct expr_parser *ps)
{
	static const struct {
		const char	*text;
		enum expr_token	 token;
	} ops[] = {
		{ "!=", TOKEN_NE }, { "<=", TOKEN_LE }, { ">=", TOKEN_GE },
		{ "(", TOKEN_LPAREN }, { ")", TOKEN_RPAREN },
		{ ",", TOKEN_COMMA }, { "=", TOKEN_EQ }, { "<", TOKEN_LT },
		{ ">", TOKEN_GT }, { "+", TOKEN_PLUS }, { "-", TOKEN_MINUS },
		{ "*", TOKEN_STAR }, { "/", TOKEN_SLASH },
		{ "[", TOKEN_LBRACKET }, { "]", TOKEN_RBRACKET },
	};
	size_t	i, n;

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		n = strlen(ops[i].text);
		if (strncmp(ps->start, ops[i].text, n) == 0) {
			ps->token = ops[i].token;
			ps->p = ps->start + n;
			return (0);
		}
	}
	return (-1);
}

/* Read the next token; -1 with ps->cause set on a lexical error. */
int
expr_lex(struct expr_parser *ps)
{
	const char	*p = ps->p;
	char		 quote;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	ps->start = p;
	if (*p == '\0') {
		ps->token = TOKEN_END;
		ps->p = p;
	} else if (*p == '\'' || *p == '"') {
		quote = *p++;
		while (*p != '\0' && *p != quote)
			p++;
		if (*p == '\0') {
			ps->cause = xstrdup("unterminated string");
			return (-1);
		}
		ps->token = TOKEN_STRING;
		ps->p = p + 1;
	} else if (p[0] == '$' && p[1] == '{') {
		if ((p = strchr(p, '}')) == NULL)
			goto bad;
		ps->token = TOKEN_REF;
		ps->p = p + 1;
	} else if (isdigit((unsigned char)*p) ||
	    (*p == '.' && isdigit((unsigned char)p[1])))
		expr_lex_number(ps);
	else if (*p == '.') {		/* "." or ".." (position(..)) */
		ps->token = TOKEN_DOT;
		ps->p = p + (p[1] == '.' ? 2 : 1);
	} else if (expr_name_start((unsigned char)*p)) {
		while (expr_name_char((unsigned char)*p))
			p++;
		/* ODK's jr: and SurveyCTO's prefixed names (jr:choice-name). */
		if (*p == ':' && p - ps->start == 2 &&
		    strncmp(ps->start, "jr", 2) == 0 &&
		    expr_name_start((unsigned char)p[1]))
			for (p++; expr_name_char((unsigned char)*p); p++)
				;
		ps->token = TOKEN_NAME;
		ps->p = p;
	} else if (expr_lex_operator(ps) != 0)
		goto bad;
	ps->len = ps->p - ps->start;
	return (0);

bad:
	ps->token = TOKEN_NAME;
	expr_syntax_error(ps);
	return (-1);
}

struct expr *
expr_node(enum expr_kind kind)
{
	struct expr	*e;

	e = xcalloc(1, sizeof *e);
	e->kind = kind;
	e->height = 1;
	return (e);
}

/* A node over operands a and b (b may be NULL); takes them. */
static struct expr *
expr_node2(struct expr_parser *ps, enum expr_kind kind, struct expr *a,
    struct expr *b)
{
	struct expr	*e;

	e = expr_node(kind);
	e->nargs = b == NULL ? 1 : 2;
	e->args = xcalloc(2, sizeof *e->args);
	e->args[0] = a;
	e->args[1] = b;
	e->height = a->height + 1;
	if (b != NULL && b->height >= a->height)
		e->height = b->height + 1;
	if (e->height > EXPR_MAX_HEIGHT) {
		expr_free(e);
		if (ps->cause == NULL)
			ps->cause = xstrdup("expression nested too deeply");
		return (NULL);
	}
	return (e);
}

/* form_find_question, kept here so the parser needs no more of the
 * model than the questions' names and types. */
static int
expr_find_question(const struct form *f, const char *name)
{
	size_t	i;

	for (i = 0; i < f->nquestions; i++) {
		if (f->questions[i].name != NULL &&
		    strcmp(f->questions[i].name, name) == 0)
			return ((int)i);
	}
	return (-1);
}

/* ${name}: a question of the form. */
static struct expr *
expr_parse_ref(struct expr_parser *ps)
{
	struct expr	*e;
	char		*name;
	int		 q;

	name = xstrndup(ps->start + 2, ps->len - 3);
	str_trim(name);
	if (*name == '\0') {
		free(name);
		expr_syntax_error(ps);
		return (NULL);
	}
	q = expr_find_question(ps->form, name);
	if (q < 0) {
		xasprintf(&ps->cause, "unknown question '%s'", name);
		free(name);
		return (NULL);
	}
	free(name);
	e = expr_node(EXPR_REF);
	e->index = q;
	e->numeric = ps->form->questions[q].type == QUESTION_INTEGER ||
	    ps->form->questions[q].type == QUESTION_DECIMAL;
	return (e);
}

/* A bare name: a choice column in a choice_filter, else an error. */
static struct expr *
expr_parse_column(struct expr_parser *ps)
{
	const struct form *f = ps->form;
	struct expr	*e;
	char		*name;
	size_t		 i;
	int		 index = -3;

	name = xstrndup(ps->start, ps->len);
	if (!ps->choice_filter) {
		ps->cause = expr_name_hint(name, expr_func_find(ps->start,
		    ps->len) != NULL, expr_find_question(ps->form, name) >= 0);
		free(name);
		return (NULL);
	}
	if (strcmp(name, "name") == 0)
		index = EXPR_COLUMN_NAME;
	else if (strcmp(name, "label") == 0)
		index = EXPR_COLUMN_LABEL;
	for (i = 0; index == -3 && i < f->nchoice_columns; i++) {
		if (str_ieq(f->choice_columns[i], name))
			index = (int)i;
	}
	if (index == -3) {
		xasprintf(&ps->cause, "unknown choice column '%s'", name);
		free(name);
		return (NULL);
	}
	free(name);
	e = expr_node(EXPR_COLUMN);
	e->index = index;
	return (e);
}

static int
expr_compile_regex(struct expr_parser *ps, struct expr *e)
{
	char	*why;

	e->re = xmalloc(sizeof *e->re);
	if (expr_regex_compile(e->re, e->args[1]->str, &why) == 0)
		return (0);
	free(e->re);
	e->re = NULL;
	xasprintf(&ps->cause, "invalid regular expression '%s': %s",
	    e->args[1]->str, why);
	free(why);
	return (-1);
}

static int
expr_check_call(struct expr_parser *ps, struct expr *e)
{
	const struct expr_func *fn = e->func;
	int	 n = (int)e->nargs;

	if (n >= fn->min && (fn->max < 0 || n <= fn->max)) {
		if (strcmp(fn->name, "regex") == 0 &&
		    e->args[1]->kind == EXPR_STRING)
			return (expr_compile_regex(ps, e));
		return (expr_check_args(ps->form, e, &ps->cause));
	}
	if (fn->max < 0)
		xasprintf(&ps->cause, "%s() takes at least %d argument%s, "
		    "not %d", fn->name, fn->min, fn->min == 1 ? "" : "s", n);
	else if (fn->max == 0)
		xasprintf(&ps->cause, "%s() takes no arguments, not %d",
		    fn->name, n);
	else if (fn->min != fn->max)
		xasprintf(&ps->cause, "%s() takes %d or %d arguments, not %d",
		    fn->name, fn->min, fn->max, n);
	else
		xasprintf(&ps->cause, "%s() takes %d argument%s, not %d",
		    fn->name, fn->min, fn->min == 1 ? "" : "s", n);
	return (-1);
}

/* name(args): the current token is the name, '(' follows. */
static struct expr *
expr_parse_call(struct expr_parser *ps)
{
	const struct expr_func *fn;
	struct expr	*e, *arg;

	fn = expr_func_find(ps->start, ps->len);
	if (fn == NULL) {
		xasprintf(&ps->cause, "unknown function '%.*s()'",
		    (int)ps->len, ps->start);
		return (NULL);
	}
	e = expr_node(EXPR_CALL);
	e->func = fn;
	if (expr_lex(ps) != 0 || expr_lex(ps) != 0)	/* name, '(' */
		goto fail;
	while (ps->token != TOKEN_RPAREN) {
		if (e->nargs != 0 && (ps->token != TOKEN_COMMA ||
		    expr_lex(ps) != 0)) {
			expr_syntax_error(ps);
			goto fail;
		}
		if ((arg = expr_parse_level(ps, 0)) == NULL)
			goto fail;
		e->args = xreallocarray(e->args, e->nargs + 1,
		    sizeof *e->args);
		e->args[e->nargs++] = arg;
		if (arg->height >= e->height)
			e->height = arg->height + 1;
	}
	if (expr_check_call(ps, e) != 0 || expr_lex(ps) != 0)
		goto fail;
	return (e);

fail:
	expr_free(e);
	return (NULL);
}

/* A name: a function call when '(' follows, else a column. */
static struct expr *
expr_parse_name(struct expr_parser *ps)
{
	const char	*p = ps->p;
	struct expr	*e;
	int		 handled;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p == '(' && expr_token_is(ps, "instance"))
		return (expr_parse_instance(ps));
	if ((e = expr_parse_item(ps, &handled)) != NULL || handled)
		return (e);
	if (*p == '(')
		return (expr_parse_call(ps));
	if ((e = expr_parse_column(ps)) != NULL && expr_lex(ps) != 0) {
		expr_free(e);
		return (NULL);
	}
	return (e);
}

static struct expr *
expr_parse_primary(struct expr_parser *ps)
{
	struct expr	*e = NULL;

	switch (ps->token) {
	case TOKEN_NAME:
		return (expr_parse_name(ps));
	case TOKEN_LPAREN:
		if (expr_lex(ps) != 0 || (e = expr_parse_level(ps, 0)) == NULL)
			return (NULL);
		if (ps->token != TOKEN_RPAREN) {
			if (ps->token == TOKEN_END)
				ps->cause = xstrdup("missing ')'");
			expr_syntax_error(ps);
			goto fail;
		}
		break;
	case TOKEN_NUMBER:
		e = expr_node(EXPR_NUMBER);
		e->num = expr_parse_number(ps->start, ps->len);
		break;
	case TOKEN_STRING:
		e = expr_node(EXPR_STRING);
		e->str = xstrndup(ps->start + 1, ps->len - 2);
		break;
	case TOKEN_REF:
		if ((e = expr_parse_ref(ps)) == NULL)
			return (NULL);
		break;
	case TOKEN_DOT:
		if (ps->inst != NULL) {
			ps->cause = xstrdup("'.' in an instance() predicate "
			    "is not supported: name the item's column");
			return (NULL);
		}
		e = expr_node(EXPR_SELF);
		e->index = ps->len == 2;	/* "..": position(..) only */
		break;
	default:
		expr_syntax_error(ps);
		return (NULL);
	}
	if (expr_lex(ps) == 0)
		return (e);
fail:
	expr_free(e);
	return (NULL);
}

/* Unary minus binds tighter than any binary operator. */
static struct expr *
expr_parse_unary(struct expr_parser *ps)
{
	struct expr	*e;

	if (++ps->depth > EXPR_MAX_DEPTH) {
		ps->cause = xstrdup("expression nested too deeply");
		return (NULL);
	}
	if (ps->token != TOKEN_MINUS)
		e = expr_parse_primary(ps);
	else if (expr_lex(ps) != 0 || (e = expr_parse_unary(ps)) == NULL)
		e = NULL;
	else if (e->kind == EXPR_NUMBER)
		e->num = -e->num;
	else
		e = expr_node2(ps, EXPR_NEG, e, NULL);
	ps->depth--;
	return (e);
}

/* The operator at the current token for a precedence level, or -1. The
 * words are operators only here, where an operator is expected. */
static int
expr_operator(const struct expr_parser *ps, int level)
{
	switch (level) {
	case 0:
		return (expr_token_is(ps, "or") ? EXPR_OR : -1);
	case 1:
		return (expr_token_is(ps, "and") ? EXPR_AND : -1);
	case 2:
		if (ps->token == TOKEN_EQ || ps->token == TOKEN_NE)
			return (ps->token == TOKEN_EQ ? EXPR_EQ : EXPR_NE);
		return (-1);
	case 3:
		switch (ps->token) {
		case TOKEN_LT:
			return (EXPR_LT);
		case TOKEN_LE:
			return (EXPR_LE);
		case TOKEN_GT:
			return (EXPR_GT);
		case TOKEN_GE:
			return (EXPR_GE);
		default:
			return (-1);
		}
	case 4:
		if (ps->token == TOKEN_PLUS || ps->token == TOKEN_MINUS)
			return (ps->token == TOKEN_PLUS ? EXPR_ADD : EXPR_SUB);
		return (-1);
	default:
		if (ps->token == TOKEN_STAR)
			return (EXPR_MUL);
		if (expr_token_is(ps, "div"))
			return (EXPR_DIV);
		return (expr_token_is(ps, "mod") ? EXPR_MOD : -1);
	}
}

/* Left-associative binary operators of one level and tighter ones. */
struct expr *
expr_parse_level(struct expr_parser *ps, int level)
{
	struct expr	*left, *right;
	int		 op;

	if (level == EXPR_LEVELS)
		return (expr_parse_unary(ps));
	if ((left = expr_parse_level(ps, level + 1)) == NULL)
		return (NULL);
	while ((op = expr_operator(ps, level)) != -1) {
		if (expr_lex(ps) != 0 ||
		    (right = expr_parse_level(ps, level + 1)) == NULL) {
			expr_free(left);
			return (NULL);
		}
		if ((left = expr_node2(ps, op, left, right)) == NULL)
			return (NULL);
	}
	return (left);
}

struct expr *
expr_parse(const char *src, const struct form *f, int choice_filter,
    char **cause)
{
	struct expr_parser ps;
	struct expr	*e = NULL;

	memset(&ps, 0, sizeof ps);
	ps.form = f;
	ps.choice_filter = choice_filter;
	ps.p = src;
	if (expr_lex(&ps) != 0)
		goto out;
	if (ps.token == TOKEN_END) {
		ps.cause = xstrdup("empty expression");
		goto out;
	}
	if ((e = expr_parse_level(&ps, 0)) != NULL && ps.token != TOKEN_END) {
		expr_syntax_error(&ps);
		expr_free(e);
		e = NULL;
	}
	if (e != NULL && (expr_nodeset_misplaced(e, &ps.cause) ||
	    expr_instance_misplaced(e, &ps.cause))) {
		expr_free(e);
		e = NULL;
	}
out:
	if (e == NULL)
		*cause = ps.cause;
	else
		free(ps.cause);
	return (e);
}

void
expr_free(struct expr *e)
{
	size_t	i;

	if (e == NULL)
		return;
	for (i = 0; i < e->nargs; i++)
		expr_free(e->args[i]);
	free(e->args);
	free(e->labels);
	if (e->re != NULL) {
		regfree(e->re);
		free(e->re);
	}
	free(e->str);
	free(e);
}

static void
expr_collect_refs(const struct expr *e, int **refs, size_t *n)
{
	size_t	i;

	if (e->kind == EXPR_REF) {
		for (i = 0; i < *n; i++) {
			if ((*refs)[i] == e->index)
				return;
		}
		*refs = xreallocarray(*refs, *n + 1, sizeof **refs);
		(*refs)[(*n)++] = e->index;
	}
	for (i = 0; i < e->nargs; i++)
		expr_collect_refs(e->args[i], refs, n);
}

void
expr_refs(const struct expr *e, void (*fn)(int, void *), void *arg)
{
	int	*refs = NULL;
	size_t	 i, n = 0;

	expr_collect_refs(e, &refs, &n);
	for (i = 0; i < n; i++)
		fn(refs[i], arg);
	free(refs);
}
