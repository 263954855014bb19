/* expr-parser.h: the parser's state and tokens, shared by expr-parse.c
 * and the parser of instance() paths (expr-instance-parse.c). */
#ifndef CONSULT_FORMS_EXPR_PARSER_H
#define CONSULT_FORMS_EXPR_PARSER_H

#include "forms/expr-private.h"

enum expr_token {
	TOKEN_END,
	TOKEN_NUMBER,
	TOKEN_STRING,
	TOKEN_REF,
	TOKEN_NAME,
	TOKEN_DOT,
	TOKEN_LPAREN,
	TOKEN_RPAREN,
	TOKEN_COMMA,
	TOKEN_EQ,
	TOKEN_NE,
	TOKEN_LT,
	TOKEN_LE,
	TOKEN_GT,
	TOKEN_GE,
	TOKEN_PLUS,
	TOKEN_MINUS,
	TOKEN_STAR,
	TOKEN_SLASH,		/* only in instance() paths */
	TOKEN_LBRACKET,
	TOKEN_RBRACKET,
};

struct expr_parser {
	const struct form *form;
	int		 choice_filter;
	int		 depth;
	char		*cause;

	const char	*p;		/* just after the current token */
	enum expr_token	 token;
	const char	*start;		/* the current token */
	size_t		 len;

	/* Inside a predicate of instance(): that node, whose columns bare
	 * names are; NULL elsewhere. */
	struct expr	*inst;
};

/* expr-parse.c */
/* 1 if the current token is the name given. */
int		 expr_token_is(const struct expr_parser *, const char *);
/* Set ps->cause (unless set) to a syntax error at the current token. */
void		 expr_syntax_error(struct expr_parser *);
/* Read the next token; -1 with ps->cause set on a lexical error. */
int		 expr_lex(struct expr_parser *);
/* A new node of one kind, of height 1. */
struct expr	*expr_node(enum expr_kind);
/* Operators of precedence level and tighter (0: all of them). */
struct expr	*expr_parse_level(struct expr_parser *, int level);

/* expr-instance-parse.c */
/* instance('L')/root/item[...]/column: the current token is the name
 * "instance" and '(' follows. */
struct expr	*expr_parse_instance(struct expr_parser *);
/* position() and last() in a predicate, a bare name there: a column of
 * the item; NULL when none of these (*handled 0) or on an error. */
struct expr	*expr_parse_item(struct expr_parser *, int *handled);

#endif
