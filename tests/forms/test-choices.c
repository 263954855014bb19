/* test-choices.c: tests for choice_list_find (forms/choices.c), the
 * lookup of a choice by name that the decoder and the tally make for
 * every name of every answer: each name finds its own index, anything
 * else misses, with the index and without it. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/lib.h"
#include "tests/forms/fixture.h"

static const struct choice_list *
list_of(const struct form *f, const char *name)
{
	size_t	 i;

	for (i = 0; i < f->nlists; i++) {
		if (strcmp(f->lists[i].name, name) == 0)
			return &f->lists[i];
	}
	cr_assert_fail("no list %s", name);
	return NULL;
}

static int
find(const struct choice_list *l, const char *s)
{
	return choice_list_find(l, s, strlen(s));
}

/* The same list without its index: choice_list_find scans it. */
static struct choice_list
unindexed(const struct choice_list *l)
{
	struct choice_list	 u = *l;

	u.slots = NULL;
	u.nslots = 0;
	return u;
}

/* Every byte changed, dropped or added in turn: never a choice of l
 * unless it happens to be another name of the list. */
static void
assert_neighbours_miss(const struct choice_list *l, const char *name)
{
	char	 s[256];
	size_t	 n = strlen(name), i;
	int	 k;

	cr_assert_lt(n + 2, sizeof s);
	for (i = 0; i < n; i++) {
		memcpy(s, name, n + 1);
		s[i] ^= 0x01;
		k = find(l, s);
		cr_assert(k == -1 || strcmp(l->choices[k].name, s) == 0,
		    "'%s' found as '%s'", s, l->choices[k].name);
		memcpy(s, name, i);
		memcpy(s + i, name + i + 1, n - i);
		k = choice_list_find(l, s, n - 1);
		cr_assert(k == -1 || (strlen(l->choices[k].name) == n - 1 &&
		    memcmp(l->choices[k].name, s, n - 1) == 0),
		    "'%.*s' found", (int)(n - 1), s);
	}
	memcpy(s, name, n);
	s[n] = 'z';
	s[n + 1] = '\0';
	k = find(l, s);
	cr_assert(k == -1 || strcmp(l->choices[k].name, s) == 0);
}

Test(choices, every_name_of_the_bundled_consultation_finds_its_index)
{
	struct form			*f = load("forms/imrf.csv");
	const struct choice_list	*l;
	struct choice_list		 u;
	size_t				 i, k, names = 0;

	cr_assert_gt(f->nlists, 3);
	for (i = 0; i < f->nlists; i++) {
		l = &f->lists[i];
		cr_assert_not_null(l->slots, "list %s not indexed", l->name);
		cr_assert_geq(l->nslots, 2 * l->nchoices);
		cr_assert_eq(l->nslots & (l->nslots - 1), 0);
		u = unindexed(l);
		for (k = 0; k < l->nchoices; k++) {
			cr_assert_eq(find(l, l->choices[k].name), (int)k,
			    "%s in %s", l->choices[k].name, l->name);
			cr_assert_eq(find(&u, l->choices[k].name), (int)k);
			assert_neighbours_miss(l, l->choices[k].name);
			names++;
		}
	}
	cr_assert_gt(names, 40, "%zu names", names);
	form_free(f);
}

struct miss_case {
	char	 list[24];
	char	 name[32];
	int	 len;		/* -1: strlen(name) */
};

static struct miss_case miss_cases[] = {
	{ "gcm_objectives", "", -1 },
	{ "gcm_objectives", "obj", -1 },
	{ "gcm_objectives", "obj0", -1 },
	{ "gcm_objectives", "obj00", -1 },
	{ "gcm_objectives", "obj24", -1 },
	{ "gcm_objectives", "obj011", -1 },
	{ "gcm_objectives", "OBJ01", -1 },
	{ "gcm_objectives", " obj01", -1 },
	{ "gcm_objectives", "obj01 ", -1 },
	{ "gcm_objectives", "obj01\0", 6 },
	{ "gcm_objectives", "obj0\0001", 6 },
	{ "gcm_objectives", "obj01obj02", -1 },
	{ "gcm_objectives", "townhall", -1 },	/* another list's */
	{ "urgency", "0", -1 },
	{ "urgency", "6", -1 },
	{ "urgency", "11", -1 },
	{ "urgency", "1\0", 2 },
	{ "urgency", "01", -1 },
};

ParameterizedTestParameters(choices, unknown_names_miss)
{
	return cr_make_param_array(struct miss_case, miss_cases,
	    sizeof miss_cases / sizeof miss_cases[0]);
}

ParameterizedTest(struct miss_case *c, choices, unknown_names_miss)
{
	struct form			*f = load("forms/imrf.csv");
	const struct choice_list	*l = list_of(f, c->list);
	struct choice_list		 u = unindexed(l);
	size_t				 n;

	n = c->len < 0 ? strlen(c->name) : (size_t)c->len;
	cr_assert_eq(choice_list_find(l, c->name, n), -1, "'%s' in %s",
	    c->name, c->list);
	cr_assert_eq(choice_list_find(&u, c->name, n), -1);
	form_free(f);
}

/* A form whose list "many" holds n names of every length from 1 to 40
 * bytes, many of them sharing a long prefix or suffix. */
static struct form *
many_names(size_t n, char ***names)
{
	struct form	*f;
	struct buf	 b;
	char		*cause = NULL, **v;
	size_t		 i;

	v = xcalloc(n, sizeof *v);
	buf_init(&b);
	buf_add_str(&b, "survey,,,\n,type,name,label\n"
	    ",select_one many,q,Q\nchoices,,,\n,list_name,name,label\n");
	for (i = 0; i < n; i++) {
		switch (i % 4) {
		case 0:
			xasprintf(&v[i], "%zu", i);
			break;
		case 1:
			xasprintf(&v[i], "a_long_shared_prefix_%zu", i);
			break;
		case 2:
			xasprintf(&v[i], "%zu_with_a_long_shared_suffix", i);
			break;
		default:
			xasprintf(&v[i], "%.*s%zu", (int)(i % 37),
			    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", i);
			break;
		}
		buf_printf(&b, ",many,%s,Label %zu\n", v[i], i);
	}
	buf_add_str(&b, "settings,,\n,form_title,form_id\n,Many,many\n");
	f = form_parse_buffer("many.csv", b.data, b.len, &cause);
	cr_assert_not_null(f, "%s", cause != NULL ? cause : "");
	buf_clear(&b);
	*names = v;
	return f;
}

Test(choices, a_long_list_of_every_length_finds_each_name)
{
	char				**names;
	struct form			*f = many_names(600, &names);
	const struct choice_list	*l = list_of(f, "many");
	struct choice_list		 u = unindexed(l);
	size_t				 i;

	cr_assert_eq(l->nchoices, 600);
	cr_assert_eq(l->nslots, 2048);
	for (i = 0; i < l->nchoices; i++) {
		cr_assert_str_eq(l->choices[i].name, names[i]);
		cr_assert_eq(find(l, names[i]), (int)i, "%s", names[i]);
		cr_assert_eq(find(&u, names[i]), (int)i);
		if (i % 7 == 0)
			assert_neighbours_miss(l, names[i]);
		free(names[i]);
	}
	free(names);
	cr_assert_eq(find(l, "a_long_shared_prefix_"), -1);
	cr_assert_eq(find(l, "600"), -1);
	cr_assert_eq(find(l, "_with_a_long_shared_suffix"), -1);
	form_free(f);
}

Test(choices, a_list_of_one_name)
{
	struct form			*f;
	const struct choice_list	*l;
	char				*cause = NULL;
	const char			 csv[] = "survey,,,\n,type,name,label\n"
	    ",select_one one,q,Q\nchoices,,,\n,list_name,name,label\n"
	    ",one,\xc3\xa9t\xc3\xa9,Summer\n"
	    "settings,,\n,form_title,form_id\n,One,one\n";

	f = form_parse_buffer("one.csv", csv, sizeof csv - 1, &cause);
	cr_assert_not_null(f, "%s", cause != NULL ? cause : "");
	l = list_of(f, "one");
	cr_assert_eq(l->nchoices, 1);
	cr_assert_eq(l->nslots, 4);
	cr_assert_eq(find(l, "\xc3\xa9t\xc3\xa9"), 0);
	cr_assert_eq(find(l, "\xc3\xa9t"), -1);
	cr_assert_eq(find(l, "ete"), -1);
	cr_assert_eq(find(l, ""), -1);
	form_free(f);
}
