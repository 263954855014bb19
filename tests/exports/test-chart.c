/* test-chart.c: tests for exports/chart.c: the bins of a distribution
 * and the Borda order, which the terminal and HTML reports both draw. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exports/lib.h"

/* A sorted histogram of the values from..to (step) written with decimals
 * places, each count times. */
static void
chart_hist(struct stats_hist *h, int decimals, double from, double to,
    double step, uint64_t count)
{
	struct stats_value	 v;
	struct stats_numbers	 n;
	char			 s[32];
	double			 x;

	stats_hist_init(h);
	for (x = from; x <= to + step / 2; x += step) {
		snprintf(s, sizeof s, "%.*f", decimals, x);
		cr_assert_eq(stats_parse(s, &v), 0, "%s", s);
		stats_hist_add(h, &v, count);
	}
	stats_hist_numbers(h, &n);
}

Test(chart, lists_few_values_one_by_one)
{
	struct stats_hist	 h;
	struct chart_bin	 b[CHART_BINS_MAX];
	size_t			 n, i;

	chart_hist(&h, 0, 1, CHART_VALUES_MAX, 1, 2);
	n = chart_bins(&h, 1, b);
	cr_assert_eq(n, CHART_VALUES_MAX);
	for (i = 0; i < n; i++) {
		cr_assert_str_eq(b[i].lo, b[i].hi);
		cr_assert_eq(b[i].count, 2);
		cr_assert_eq(atoi(b[i].lo), (int)i + 1);
	}
	stats_hist_clear(&h);
}

Test(chart, bins_many_integers_with_whole_edges)
{
	struct stats_hist	 h;
	struct chart_bin	 b[CHART_BINS_MAX];
	uint64_t		 total = 0;
	size_t			 n, i;

	chart_hist(&h, 0, 1, 30, 1, 1);
	n = chart_bins(&h, 1, b);
	cr_assert_eq(n, CHART_BINS);
	cr_assert_str_eq(b[0].lo, "1");
	cr_assert_str_eq(b[0].hi, "3");
	cr_assert_str_eq(b[9].lo, "28");
	cr_assert_str_eq(b[9].hi, "30");
	for (i = 0; i < n; i++) {
		cr_assert_eq(b[i].count, 3, "bin %zu", i);
		total += b[i].count;
	}
	cr_assert_eq(total, h.total);
	stats_hist_clear(&h);
}

Test(chart, bins_decimals_and_drops_empty_top_bins)
{
	struct stats_hist	 h;
	struct stats_value	 v;
	struct stats_numbers	 nums;
	struct chart_bin	 b[CHART_BINS_MAX];
	uint64_t		 total = 0;
	size_t			 n, i;

	chart_hist(&h, 2, 0.01, 0.20, 0.01, 1);
	n = chart_bins(&h, 0, b);
	cr_assert_eq(n, CHART_BINS);
	cr_assert_str_eq(b[0].lo, "0.01");
	cr_assert_str_eq(b[9].hi, "0.20");
	stats_hist_clear(&h);

	/* Twenty values near 0 and one at 100: the top bin holds it, the
	 * empty ones between stay (only empty bins at the top go). */
	chart_hist(&h, 0, 0, 19, 1, 1);
	stats_parse("100", &v);
	stats_hist_add(&h, &v, 1);
	stats_hist_numbers(&h, &nums);
	n = chart_bins(&h, 1, b);
	cr_assert_eq(n, CHART_BINS);
	for (i = 0; i < n; i++)
		total += b[i].count;
	cr_assert_eq(total, 21);
	cr_assert_eq(b[9].count, 1);
	cr_assert_eq(b[5].count, 0);
	stats_hist_clear(&h);
}

Test(chart, empty_histogram_has_no_bins)
{
	struct stats_hist	 h;
	struct chart_bin	 b[CHART_BINS_MAX];

	stats_hist_init(&h);
	cr_assert_eq(chart_bins(&h, 1, b), 0);
}

Test(chart, orders_by_borda_ties_in_form_order)
{
	const uint64_t	 borda[] = { 5, 9, 5, 0, 9 };
	size_t		*order;

	order = chart_rank_order(borda, 5);
	cr_assert_eq(order[0], 1);
	cr_assert_eq(order[1], 4);
	cr_assert_eq(order[2], 0);
	cr_assert_eq(order[3], 2);
	cr_assert_eq(order[4], 3);
	free(order);
}
