/* simulate-private.h: what the parts of the response generator share
 * (simulate.c: the plan and the walk; simulate-value.c: candidates by
 * type; simulate-text.c: words, regex matches and dates). */
#ifndef CONSULT_FORMS_SIMULATE_PRIVATE_H
#define CONSULT_FORMS_SIMULATE_PRIVATE_H

#include "forms/lib.h"

#define SIM_RANDOM_TRIES 24	/* random tries, then systematic ones */
#define SIM_EMPTY	 5	/* leave an optional question empty 1 in 5 */
#define SIM_BOUNDARY	 8	/* a random value is a boundary 1 in 8 */
#define SIM_NUMBER_SPAN	 100	/* numbers around the boundaries */
#define SIM_NUMBER_MAX	 1e15	/* larger bounds are out of reach */
#define SIM_DATE_SPAN	 365	/* days around the boundaries */
#define SIM_TEXT_LENGTH	 60	/* longest text when no length is named */
#define SIM_TEXT_SKEW	 120	/* texts mostly this short */
#define SIM_GO_BACK	 3	/* answer again what a constraint reads */

/* What the constraint of one question tells the generator. */
struct sim_question {
	double		*nums;		/* number literals */
	size_t		 nnums;
	double		*days;		/* date literals, days from 1970 */
	size_t		 ndays;
	char		**strs;		/* string literals */
	size_t		 nstrs;
	char		**regexes;	/* patterns of regex(., '...') */
	size_t		 nregexes;
	int		*refs;		/* questions it or a calculate reads */
	size_t		 nrefs;
	int		 today;		/* it calls today() */
};

struct simulate {
	const struct form	*form;
	struct sim_question	*questions;	/* [nquestions] */
};

/* One question being answered. */
struct sim_ctx {
	const struct simulate	*sim;
	struct answers		*a;
	struct prng		*r;
	int			 q;
	const struct question	*qq;
	const struct sim_question *sq;
	double			*points;	/* sorted boundaries */
	size_t			 npoints;
	int			*choices;	/* visible, shuffled */
	size_t			 nchoices;
	struct buf		 b;		/* the candidate */
};

/* simulate-value.c: replace c->b with the candidate of try t (0, 1, ...)
 * for c->q. Returns 0, or -1 when there is nothing more to try. */
int	 sim_candidate(struct sim_ctx *c, int t);

/* simulate-text.c. */
/* A number without sign, whatever the locale; advances *pp. */
double	 sim_scan_number(const char **pp);
/* Days since 1970-01-01 of a valid "YYYY-MM-DD". Returns 0, or -1. */
int	 sim_date_days(const char *, long *days);
/* The date of a day since 1970-01-01, its year kept in 1..9999. */
void	 sim_civil(long days, int *y, int *m, int *d);
/* Append words of length characters (code points) to out, without space
 * at either end; lines between sentences now and then when multiline. */
void	 sim_words(struct prng *, size_t length, int multiline,
	     struct buf *out);
/* Append a random string that the POSIX extended regular expression
 * pattern matches. Returns 0, or -1 for a pattern it cannot follow. */
int	 sim_regex(struct prng *, const char *pattern, struct buf *out);

#endif
