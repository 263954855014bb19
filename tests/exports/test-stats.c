/* test-stats.c: tests for exports/stats.c. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exports/lib.h"

/* Under valgrind (make check-valgrind sets CONSULT_VALGRIND), long
 * double arithmetic runs at the precision of a double, a documented
 * limit of its x87 emulation: results that need long double's 64-bit
 * mantissa differ there and are skipped, with this reason. */
static int
under_valgrind(void)
{
	return getenv("CONSULT_VALGRIND") != NULL;
}

#define SKIP_UNDER_VALGRIND(needs_long_double) do {			\
	if ((needs_long_double) && under_valgrind())			\
		cr_skip_test("valgrind computes long double as a double"); \
} while (0)

struct value_case {
	char	 in[32];
	int	 exact;
	char	 out[48];
};

ParameterizedTestParameters(stats, parses_and_formats_values)
{
	static struct value_case cases[] = {
		{ "2.50", 1, "2.5" }, { "2.5", 1, "2.5" }, { "007", 1, "7" },
		{ "-0", 1, "0" }, { "0.000", 1, "0" },
		{ "-0.125", 1, "-0.125" }, { "+3.2", 1, "3.2" },
		{ "1e3", 1, "1000" },
		{ "1.5e-3", 1, "0.0015" }, { ".5", 1, "0.5" }, { "3.", 1, "3" },
		{ "120", 1, "120" },
		{ "9223372036854775807", 1, "9223372036854775807" },
		{ "-9223372036854775807", 1, "-9223372036854775807" },
		{ "0.000000000000000001", 1, "0.000000000000000001" },
		{ "1e30", 0, "1e30" }, { "-2e40", 0, "-2e40" },
		{ "1e-19", 0, "1e-19" },
		{ "9223372036854775808", 0, "9.22337203685477581e18" },
	};
	return cr_make_param_array(struct value_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct value_case *c, stats, parses_and_formats_values)
{
	struct stats_value	 v;
	char			 buf[STATS_NUMBER_MAX];

	SKIP_UNDER_VALGRIND(!c->exact);
	cr_assert_eq(stats_parse(c->in, &v), 0, "%s", c->in);
	cr_assert_eq(v.exact, c->exact, "%s", c->in);
	stats_format_value(&v, buf);
	cr_assert_str_eq(buf, c->out);
}

struct bad_case {
	char	 in[16];
};

ParameterizedTestParameters(stats, rejects_non_numbers)
{
	static struct bad_case cases[] = {
		{ "" }, { "abc" }, { "1.2.3" }, { "--1" }, { "1e" }, { " 1" },
		{ "1,5" }, { "1e99999" }, { "nan" },
	};
	return cr_make_param_array(struct bad_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_case *c, stats, rejects_non_numbers)
{
	struct stats_value	 v;

	SKIP_UNDER_VALGRIND(strchr(c->in, 'e') != NULL);
	cr_assert_eq(stats_parse(c->in, &v), -1, "%s", c->in);
}

Test(stats, compares_across_scales)
{
	struct stats_value	 a, b, c;

	stats_parse("2.5", &a);
	stats_parse("2.50", &b);
	stats_parse("-3", &c);
	cr_assert_eq(stats_compare(&a, &b), 0);
	cr_assert_eq(stats_compare(&c, &a), -1);
	cr_assert_eq(stats_compare(&a, &c), 1);
	stats_parse("1e30", &b);
	cr_assert_eq(stats_compare(&a, &b), -1);
}

struct ratio_case {
	long long	 num;
	long long	 den;
	int		 decimals;
	char		 out[24];
};

ParameterizedTestParameters(stats, rounds_half_away_from_zero)
{
	static struct ratio_case cases[] = {
		{ 125, 1000, 2, "0.13" }, { 2675, 1000, 2, "2.68" },
		{ -2675, 1000, 2, "-2.68" }, { -125, 1000, 2, "-0.13" },
		{ 1, 3, 2, "0.33" }, { 2, 3, 2, "0.67" },
		{ -1, 200, 2, "-0.01" }, { -1, 300, 2, "0.00" },
		{ 5, 10, 0, "1" }, { 25, 10, 0, "3" }, { -25, 10, 0, "-3" },
		{ 24, 10, 0, "2" }, { 100, 1, 1, "100.0" }, { 0, 7, 2, "0.00" },
		{ 625, 100, 1, "6.3" }, { 1005, 1000, 2, "1.01" },
		{ 1, 20, 1, "0.1" }, { 9995, 10, 2, "999.50" },
		{ 5, 1, 6, "5.000000" },
	};
	return cr_make_param_array(struct ratio_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct ratio_case *c, stats, rounds_half_away_from_zero)
{
	char	 buf[STATS_NUMBER_MAX];

	cr_assert_eq(stats_format_ratio(c->num, c->den, c->decimals, buf), 0);
	cr_assert_str_eq(buf, c->out, "%lld/%lld", c->num, c->den);
}

Test(stats, refuses_an_overflowing_ratio)
{
	char		 buf[STATS_NUMBER_MAX] = "x";
	__int128	 big = (__int128)1 << 125;

	cr_assert_eq(stats_format_ratio(big, 3, 2, buf), -1);
	cr_assert_str_eq(buf, "");
}

struct percent_case {
	unsigned long long count;
	unsigned long long answered;
	char		 out[16];
};

ParameterizedTestParameters(stats, computes_percent)
{
	static struct percent_case cases[] = {
		{ 1, 8, "12.5" }, { 1, 16, "6.3" }, { 0, 0, "" }, { 3, 0, "" },
		{ 2, 3, "66.7" }, { 1, 3, "33.3" }, { 5, 5, "100.0" },
		{ 0, 5, "0.0" }, { 1, 2000, "0.1" }, { 1, 2001, "0.0" },
		{ 3, 7, "42.9" },
	};
	return cr_make_param_array(struct percent_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct percent_case *c, stats, computes_percent)
{
	char	 buf[STATS_NUMBER_MAX] = "x";

	stats_percent(c->count, c->answered, buf);
	cr_assert_str_eq(buf, c->out, "%llu/%llu", c->count, c->answered);
}

struct numbers_case {
	char	 values[96];	/* space-separated */
	char	 mean[16];
	char	 median[16];
	char	 min[16];
	char	 max[16];
};

ParameterizedTestParameters(stats, summarises_distributions)
{
	static struct numbers_case cases[] = {
		{ "1 2 3 4", "2.50", "2.50", "1", "4" },
		{ "4 3 2 1 100", "22.00", "3.00", "1", "100" },
		{ "2.5 2.50 3", "2.67", "2.50", "2.5", "3" },
		{ "1 1 5 5", "3.00", "3.00", "1", "5" },
		{ "5 1 5 1 5 1", "3.00", "3.00", "1", "5" },
		{ "-1.5 -2.5", "-2.00", "-2.00", "-2.5", "-1.5" },
		{ "0.125", "0.13", "0.13", "0.125", "0.125" },
		{ "2.675", "2.68", "2.68", "2.675", "2.675" },
		{ "2.67 2.68", "2.68", "2.68", "2.67", "2.68" },
		{ "-0.125 -0.125", "-0.13", "-0.13", "-0.125", "-0.125" },
		{ "7", "7.00", "7.00", "7", "7" },
		{ "1 2 4 8", "3.75", "3.00", "1", "8" },
		{ "0.1 0.2", "0.15", "0.15", "0.1", "0.2" },
		{ "1e30 1e30", "1e30", "1e30", "1e30", "1e30" },
		{ "1e30 -1e30 0", "0.00", "0.00", "-1e30", "1e30" },
		{ "", "", "", "", "" },
	};
	return cr_make_param_array(struct numbers_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct numbers_case *c, stats, summarises_distributions)
{
	struct stats_hist	 h;
	struct stats_numbers	 n;
	struct stats_value	 v;
	char			 copy[96], *tok, *last;

	SKIP_UNDER_VALGRIND(strchr(c->values, 'e') != NULL);
	stats_hist_init(&h);
	strcpy(copy, c->values);
	for (tok = strtok_r(copy, " ", &last); tok != NULL;
	    tok = strtok_r(NULL, " ", &last)) {
		cr_assert_eq(stats_parse(tok, &v), 0);
		stats_hist_add(&h, &v, 1);
	}
	stats_hist_numbers(&h, &n);
	cr_assert_str_eq(n.mean, c->mean, "mean of %s", c->values);
	cr_assert_str_eq(n.median, c->median, "median of %s", c->values);
	cr_assert_str_eq(n.min, c->min, "min of %s", c->values);
	cr_assert_str_eq(n.max, c->max, "max of %s", c->values);
	stats_hist_clear(&h);
}

Test(stats, keeps_one_entry_per_distinct_value)
{
	struct stats_hist	 h;
	struct stats_numbers	 n;
	struct stats_value	 v;
	char			 s[16];
	int			 i;

	stats_hist_init(&h);
	for (i = 1; i <= 100000; i++) {
		snprintf(s, sizeof s, "%d", i % 1000 + 1);
		stats_parse(s, &v);
		stats_hist_add(&h, &v, 1);
	}
	stats_parse("5", &v);
	stats_hist_add(&h, &v, 0);
	cr_assert_eq(h.n, 1000);
	cr_assert_eq(h.total, 100000);
	stats_hist_numbers(&h, &n);
	cr_assert_str_eq(n.mean, "500.50");
	cr_assert_str_eq(n.median, "500.50");
	cr_assert_str_eq(n.min, "1");
	cr_assert_str_eq(n.max, "1000");
	/* The hash still finds values after the sort. */
	stats_parse("1000", &v);
	stats_hist_add(&h, &v, 2);
	cr_assert_eq(h.n, 1000);
	cr_assert_eq(h.total, 100002);
	stats_hist_clear(&h);
}

Test(stats, ranks_standing_with_ties)
{
	uint64_t	 borda[] = { 10, 7, 10, 3, 7 }, standing[5];
	uint64_t	 same[] = { 4, 4, 4 }, s3[3];

	stats_standing(borda, 5, standing);
	cr_assert_eq(standing[0], 1);
	cr_assert_eq(standing[1], 3);
	cr_assert_eq(standing[2], 1);
	cr_assert_eq(standing[3], 5);
	cr_assert_eq(standing[4], 3);
	stats_standing(same, 3, s3);
	cr_assert(s3[0] == 1 && s3[1] == 1 && s3[2] == 1);
}

/* Build pref[a * m + b] from weighted ballots ranking every option. */
static void
ballots_pref(const char *const *ballots, const int *weights, size_t n,
    size_t m, uint64_t *pref)
{
	size_t	 i, a, b;

	memset(pref, 0, m * m * sizeof *pref);
	for (i = 0; i < n; i++) {
		for (a = 0; a < m; a++) {
			for (b = a + 1; b < m; b++)
				pref[(ballots[i][a] - 'A') * m +
				    (ballots[i][b] - 'A')] += weights[i];
		}
	}
}

/* The example of the Wikipedia article "Schulze method": 45 voters,
 * five candidates, winner E, order E > A > C > B > D. */
Test(stats, schulze_wikipedia_45_voters)
{
	const char	*ballots[] = { "ACBED", "ADECB", "BEDAC", "CABED",
	    "CAEBD", "CBADE", "DCEBA", "EBADC" };
	const int	 weights[] = { 5, 5, 8, 3, 7, 2, 7, 8 };
	const uint64_t	 d[25] = {
		0, 20, 26, 30, 22,  25, 0, 16, 33, 18,  19, 29, 0, 17, 24,
		15, 12, 28, 0, 14,  23, 27, 21, 31, 0 };
	const uint64_t	 p[25] = {
		0, 28, 28, 30, 24,  25, 0, 28, 33, 24,  25, 29, 0, 29, 24,
		25, 28, 28, 0, 24,  25, 28, 28, 31, 0 };
	const size_t	 expect[5] = { 4, 0, 2, 1, 3 };
	uint64_t	 pref[25], strength[25];
	size_t		 order[5], i;

	ballots_pref(ballots, weights, 8, 5, pref);
	for (i = 0; i < 25; i++)
		cr_assert_eq(pref[i], d[i], "d[%zu]", i);
	stats_schulze(pref, 5, strength, order);
	for (i = 0; i < 25; i++)
		cr_assert_eq(strength[i], p[i], "p[%zu]", i);
	for (i = 0; i < 5; i++)
		cr_assert_eq(order[i], expect[i], "order[%zu]", i);
}

/* A Condorcet cycle A > B > C > A (6:3, 7:2, 5:4): the weakest defeat,
 * C over A, is the one that gives way. */
Test(stats, schulze_breaks_a_condorcet_cycle)
{
	const char	*ballots[] = { "ABC", "BCA", "CAB" };
	const int	 weights[] = { 4, 3, 2 };
	uint64_t	 pref[9], strength[9];
	size_t		 order[3];

	ballots_pref(ballots, weights, 3, 3, pref);
	cr_assert_eq(pref[0 * 3 + 1], 6);
	cr_assert_eq(pref[1 * 3 + 2], 7);
	cr_assert_eq(pref[2 * 3 + 0], 5);
	stats_schulze(pref, 3, strength, order);
	cr_assert_eq(strength[0 * 3 + 1], 6);
	cr_assert_eq(strength[1 * 3 + 0], 5);
	cr_assert_eq(strength[0 * 3 + 2], 6);
	cr_assert_eq(strength[2 * 3 + 0], 5);
	cr_assert_eq(strength[1 * 3 + 2], 7);
	cr_assert_eq(strength[2 * 3 + 1], 5);
	cr_assert(order[0] == 0 && order[1] == 1 && order[2] == 2);
}

/* A perfect cycle (1 ABC, 1 BCA, 1 CAB) ties everyone: form order. */
Test(stats, schulze_keeps_form_order_on_ties)
{
	const char	*ballots[] = { "ABC", "BCA", "CAB" };
	const char	*reversed[] = { "CBA", "BAC", "ACB" };
	const int	 weights[] = { 1, 1, 1 };
	uint64_t	 pref[9], strength[9];
	size_t		 order[3];

	ballots_pref(ballots, weights, 3, 3, pref);
	stats_schulze(pref, 3, strength, order);
	cr_assert(order[0] == 0 && order[1] == 1 && order[2] == 2);
	ballots_pref(reversed, weights, 3, 3, pref);
	stats_schulze(pref, 3, strength, order);
	cr_assert(order[0] == 0 && order[1] == 1 && order[2] == 2);
}

/* D beats everyone, the others tie among themselves (all zero). */
Test(stats, schulze_puts_a_later_winner_first)
{
	uint64_t	 pref[16] = { 0 }, strength[16];
	size_t		 order[4];

	pref[3 * 4 + 0] = 2;
	pref[3 * 4 + 1] = 2;
	pref[3 * 4 + 2] = 2;
	stats_schulze(pref, 4, strength, order);
	cr_assert_eq(order[0], 3);
	cr_assert(order[1] == 0 && order[2] == 1 && order[3] == 2);
	stats_schulze(pref, 0, strength, order);
}

/* Numbers keep their '.' under a locale whose decimal point is ','. */
Test(stats, ignores_a_french_locale, .timeout = 60)
{
	char		 dir[] = "/tmp/consult-locale-XXXXXX", cmd[256];
	char		 buf[STATS_NUMBER_MAX], printed[16];
	struct stats_value v;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(cmd, sizeof cmd, "localedef -i fr_FR -f UTF-8 "
	    "%s/fr_FR.UTF-8 >/dev/null 2>&1", dir);
	if (system(cmd) != 0)
		cr_skip_test("localedef cannot build fr_FR.UTF-8");
	setenv("LOCPATH", dir, 1);
	cr_assert_not_null(setlocale(LC_ALL, "fr_FR.UTF-8"));
	snprintf(printed, sizeof printed, "%.1f", 2.5);
	cr_assert_str_eq(printed, "2,5");
	cr_assert_eq(stats_parse("2.675", &v), 0);
	stats_format_ratio(2675, 1000, 2, buf);
	cr_assert_str_eq(buf, "2.68");
	stats_format_value(&v, buf);
	cr_assert_str_eq(buf, "2.675");
	stats_percent(1, 3, buf);
	cr_assert_str_eq(buf, "33.3");
	if (!under_valgrind()) {	/* see SKIP_UNDER_VALGRIND */
		stats_format_approx(-1234.5L, 1, buf);
		cr_assert_str_eq(buf, "-1234.5");
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

struct quartile_case {
	char	 values[96];	/* space-separated */
	char	 q[5][16];	/* k = 0..4 */
};

ParameterizedTestParameters(stats, computes_quartiles)
{
	static struct quartile_case cases[] = {
		/* Position k (n - 1) / 4, between the values around it. */
		{ "1 2 3 4", { "1.00", "1.75", "2.50", "3.25", "4.00" } },
		{ "5 4 3 2 1", { "1.00", "2.00", "3.00", "4.00", "5.00" } },
		{ "1 2", { "1.00", "1.25", "1.50", "1.75", "2.00" } },
		{ "7", { "7.00", "7.00", "7.00", "7.00", "7.00" } },
		{ "1 1 1 10", { "1.00", "1.00", "1.00", "3.25", "10.00" } },
		{ "0.1 0.2 0.3 0.4", { "0.10", "0.18", "0.25", "0.33",
		    "0.40" } },
		{ "-4 -2 0 2", { "-4.00", "-2.50", "-1.00", "0.50", "2.00" } },
		{ "0 10 20 30 40 50", { "0.00", "12.50", "25.00", "37.50",
		    "50.00" } },
		{ "", { "", "", "", "", "" } },
	};
	return cr_make_param_array(struct quartile_case, cases,
	    sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct quartile_case *c, stats, computes_quartiles)
{
	struct stats_hist	 h;
	struct stats_numbers	 n;
	struct stats_value	 v;
	char			 copy[96], *tok, *last, buf[STATS_NUMBER_MAX];
	int			 k;

	stats_hist_init(&h);
	strcpy(copy, c->values);
	for (tok = strtok_r(copy, " ", &last); tok != NULL;
	    tok = strtok_r(NULL, " ", &last)) {
		cr_assert_eq(stats_parse(tok, &v), 0);
		stats_hist_add(&h, &v, 1);
	}
	stats_hist_numbers(&h, &n);
	for (k = 0; k <= 4; k++) {
		stats_hist_quartile(&h, k, buf);
		cr_assert_str_eq(buf, c->q[k], "quartile %d of %s", k,
		    c->values);
	}
	/* The second quartile is the summary's median. */
	stats_hist_quartile(&h, 2, buf);
	cr_assert_str_eq(buf, n.median);
	stats_hist_quartile(&h, 5, buf);
	cr_assert_str_eq(buf, "");
	stats_hist_clear(&h);
}

Test(stats, quartiles_of_counts)
{
	struct stats_hist	 h;
	struct stats_value	 v;
	char			 buf[STATS_NUMBER_MAX];
	struct stats_numbers	 n;

	/* 1 x3, 2 x1, 9 x4: sorted 1 1 1 2 9 9 9 9; Q1 at 1.75 -> 1,
	 * Q3 at 5.25 -> 9. */
	stats_hist_init(&h);
	stats_parse("9", &v);
	stats_hist_add(&h, &v, 4);
	stats_parse("1", &v);
	stats_hist_add(&h, &v, 3);
	stats_parse("2", &v);
	stats_hist_add(&h, &v, 1);
	stats_hist_numbers(&h, &n);
	stats_hist_quartile(&h, 1, buf);
	cr_assert_str_eq(buf, "1.00");
	stats_hist_quartile(&h, 2, buf);
	cr_assert_str_eq(buf, "5.50");
	stats_hist_quartile(&h, 3, buf);
	cr_assert_str_eq(buf, "9.00");
	stats_hist_clear(&h);
}
