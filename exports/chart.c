/* chart.c: what the charts of `consult report` draw, computed once for
 * the terminal and the HTML report alike: the distribution of a number
 * question in bins, and the choices of a ranking in Borda order. */
#include <stdlib.h>
#include <string.h>

#include "exports/lib.h"

/* 1 if x is a whole number (within the range of long long). */
static int
chart_whole(long double x)
{
	return x > -9e18L && x < 9e18L && x == (long long)x;
}

/* Each distinct value its own bin. */
static size_t
chart_values(const struct stats_hist *h, struct chart_bin *bins)
{
	size_t	 i;

	for (i = 0; i < h->n; i++) {
		memset(&bins[i], 0, sizeof bins[i]);
		stats_format_value(&h->entries[i].value, bins[i].lo);
		memcpy(bins[i].hi, bins[i].lo, sizeof bins[i].hi);
		bins[i].from = bins[i].to = h->entries[i].value.approx;
		bins[i].count = h->entries[i].count;
	}
	return h->n;
}

size_t
chart_bins(const struct stats_hist *h, int integer,
    struct chart_bin bins[CHART_BINS_MAX])
{
	long double	 lo, step;
	size_t		 i, k, n;
	int		 decimals;

	if (h->n <= CHART_VALUES_MAX)
		return chart_values(h, bins);
	lo = h->entries[0].value.approx;
	step = (h->entries[h->n - 1].value.approx - lo + (integer ? 1 : 0)) /
	    CHART_BINS;
	if (integer && !chart_whole(step) && step < 9e18L)
		step = (long long)step + 1;
	/* Whole edges drop their decimals. */
	decimals = chart_whole(lo) && chart_whole(step) ? 0 : 2;
	memset(bins, 0, CHART_BINS * sizeof *bins);
	for (i = 0; i < h->n; i++) {
		k = step > 0 ? (size_t)((h->entries[i].value.approx - lo) /
		    step) : 0;
		bins[k < CHART_BINS ? k : CHART_BINS - 1].count +=
		    h->entries[i].count;
	}
	for (n = CHART_BINS; n > 1 && bins[n - 1].count == 0; n--)
		;
	for (i = 0; i < n; i++) {
		bins[i].from = lo + step * i;
		bins[i].to = lo + step * (i + 1) - (integer ? 1 : 0);
		stats_format_approx(bins[i].from, decimals, bins[i].lo);
		stats_format_approx(bins[i].to, decimals, bins[i].hi);
	}
	return n;
}

size_t *
chart_rank_order(const uint64_t *borda, size_t m)
{
	size_t	*order, i, j;

	order = xcalloc(m + 1, sizeof *order);
	for (i = 0; i < m; i++) {
		for (j = i; j > 0 && borda[order[j - 1]] < borda[i]; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	return order;
}

const char *
chart_choice_label(const struct form *f, const struct choice_list *l,
    size_t i, size_t lang)
{
	const char	*s = form_text(f, l->choices[i].label, lang);

	return *s != '\0' ? s : l->choices[i].name;
}
