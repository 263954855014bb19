/* stats.c: the arithmetic of the summary, exact where it can be:
 * numbers as decimal integers with a scale, rounding half away from
 * zero on integer quotients, a '.' point whatever the locale (no
 * printf %f anywhere), the distribution of a numeric question, Borda
 * standing and the Schulze method. */
#include <stdlib.h>
#include <string.h>

#include "exports/lib.h"

#define STATS_MAX_SCALE	18
#define STATS_DIGITS	40	/* digits kept for the approximation */
#define STATS_EXP_LIMIT	1000000

static const int64_t stats_pow10_table[STATS_MAX_SCALE + 1] = {
	1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
	100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
	1000000000000LL, 10000000000000LL, 100000000000000LL,
	1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
	1000000000000000000LL,
};

/* 10^n as a long double by squaring (no libm). */
static long double
stats_pow10l(long n)
{
	long double	 r = 1.0L, b = 10.0L;
	unsigned long	 e = n < 0 ? (unsigned long)-n : (unsigned long)n;

	while (e != 0) {
		if (e & 1)
			r *= b;
		b *= b;
		e >>= 1;
	}
	return n < 0 ? 1.0L / r : r;
}

/* Parse the digits of a plain number (already checked) into kept
 * digits and a power of ten: value = digits * 10^*p. */
static size_t
stats_digits(const char *s, char *digits, long *p, int *lost)
{
	size_t	 nd = 0;
	int	 started = 0, in_frac = 0;
	long	 e = 0, esign = 1;

	*p = 0;
	*lost = 0;
	for (; (*s >= '0' && *s <= '9') || *s == '.'; s++) {
		if (*s == '.') {
			in_frac = 1;
			continue;
		}
		if (*s != '0')
			started = 1;
		if (nd < STATS_DIGITS && started)
			digits[nd++] = *s;
		else if (started) {
			if (*s != '0')
				*lost = 1;
			if (!in_frac)
				(*p)++;
			continue;
		}
		if (in_frac)
			(*p)--;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			esign = *s++ == '-' ? -1 : 1;
		for (; *s >= '0' && *s <= '9'; s++) {
			if (e < STATS_EXP_LIMIT)
				e = e * 10 + (*s - '0');
		}
	}
	*p += esign * e;
	while (nd > 0 && digits[nd - 1] == '0') {
		nd--;
		(*p)++;
	}
	return nd;
}

/* Set v's exact part from the kept digits when it fits. */
static void
stats_exact(struct stats_value *v, const char *digits, size_t nd, long p,
    int neg)
{
	uint64_t	 m = 0;
	size_t		 i;

	if (nd > 19 || p < -STATS_MAX_SCALE || p > STATS_MAX_SCALE)
		return;
	for (i = 0; i < nd; i++)
		m = m * 10 + (uint64_t)(digits[i] - '0');
	if (m > INT64_MAX)
		return;
	if (p > 0) {
		if (m > (uint64_t)(INT64_MAX / stats_pow10_table[p]))
			return;
		m *= (uint64_t)stats_pow10_table[p];
		p = 0;
	}
	v->mant = neg ? -(int64_t)m : (int64_t)m;
	v->scale = (int)-p;
	v->exact = 1;
}

int
stats_parse(const char *s, struct stats_value *v)
{
	char		 digits[STATS_DIGITS];
	size_t		 nd, i;
	long		 p;
	int		 lost, neg;
	long double	 a = 0.0L;

	if (!export_csv_is_number(s))
		return -1;
	neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	nd = stats_digits(s, digits, &p, &lost);
	memset(v, 0, sizeof *v);
	if (nd == 0) {
		v->exact = 1;
		return 0;
	}
	for (i = 0; i < nd; i++)
		a = a * 10.0L + (digits[i] - '0');
	a *= stats_pow10l(p);
	if (!__builtin_isfinite(a))
		return -1;
	v->approx = neg ? -a : a;
	if (!lost)
		stats_exact(v, digits, nd, p, neg);
	return 0;
}

int
stats_compare(const struct stats_value *a, const struct stats_value *b)
{
	__int128	 x, y;
	int		 s;

	if (a->exact && b->exact) {
		s = a->scale > b->scale ? a->scale : b->scale;
		x = (__int128)a->mant * stats_pow10_table[s - a->scale];
		y = (__int128)b->mant * stats_pow10_table[s - b->scale];
	} else {
		return (a->approx > b->approx) - (a->approx < b->approx);
	}
	return (x > y) - (x < y);
}

/* Write q / 10^decimals with exactly decimals places. */
static void
stats_format_scaled(__int128 q, int decimals, char *buf)
{
	char			 tmp[STATS_NUMBER_MAX];
	unsigned __int128	 u;
	size_t			 n = 0, i;
	int			 d;

	u = q < 0 ? -(unsigned __int128)q : (unsigned __int128)q;
	for (d = 0; d < decimals; d++) {
		tmp[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	}
	if (decimals > 0)
		tmp[n++] = '.';
	do {
		tmp[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u != 0);
	if (q < 0)
		tmp[n++] = '-';
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

int
stats_format_ratio(__int128 num, __int128 den, int decimals,
    char buf[STATS_NUMBER_MAX])
{
	__int128	 n, q, r;

	if (__builtin_mul_overflow(num, (__int128)stats_pow10_table[decimals],
	    &n)) {
		buf[0] = '\0';
		return -1;
	}
	q = n / den;
	r = n % den;
	if (r < 0)
		r = -r;
	if (r >= den - r)
		q += n < 0 ? -1 : 1;
	stats_format_scaled(q, decimals, buf);
	return 0;
}

/* Scientific notation with up to 18 significant digits, for values out
 * of reach of the fixed notation. */
static void
stats_format_scientific(long double x, char *buf)
{
	long double	 a = x < 0 ? -x : x;
	long		 e = 0;
	int64_t		 q;
	char		 digits[STATS_NUMBER_MAX];
	size_t		 n, len = 0;

	if (a == 0.0L) {
		strcpy(buf, "0");
		return;
	}
	e = 0;
	while (a >= 10.0L && e < STATS_EXP_LIMIT) {
		a /= 10.0L;
		e++;
	}
	while (a < 1.0L && e > -STATS_EXP_LIMIT) {
		a *= 10.0L;
		e--;
	}
	q = (int64_t)(a * 1e17L + 0.5L);
	if (q >= stats_pow10_table[18]) {
		q /= 10;
		e++;
	}
	stats_format_scaled(q, 17, digits);
	n = strlen(digits);
	while (n > 1 && digits[n - 1] == '0')
		n--;
	if (digits[n - 1] == '.')
		n--;
	if (x < 0)
		buf[len++] = '-';
	memcpy(buf + len, digits, n);
	len += n;
	buf[len++] = 'e';
	if (e < 0)
		buf[len++] = '-';
	stats_format_scaled(e < 0 ? -e : e, 0, buf + len);
}

void
stats_format_approx(long double x, int decimals,
    char buf[STATS_NUMBER_MAX])
{
	long double	 y = x * stats_pow10l(decimals), f;
	__int128	 q;

	/* A long double holds about 19 significant digits: beyond 18,
	 * fixed notation would print digits that mean nothing. */
	if (y >= 1e18L || y <= -1e18L) {
		stats_format_scientific(x, buf);
		return;
	}
	q = (__int128)y;
	f = y - (long double)q;
	if (f >= 0.5L)
		q++;
	else if (f <= -0.5L)
		q--;
	stats_format_scaled(q, decimals, buf);
}

void
stats_format_value(const struct stats_value *v, char buf[STATS_NUMBER_MAX])
{
	if (v->exact)
		stats_format_scaled(v->mant, v->scale, buf);
	else
		stats_format_scientific(v->approx, buf);
}

void
stats_percent(uint64_t count, uint64_t answered, char buf[STATS_NUMBER_MAX])
{
	if (answered == 0) {
		buf[0] = '\0';
		return;
	}
	stats_format_ratio((__int128)count * 100, answered, 1, buf);
}

static uint64_t
stats_hash(const struct stats_value *v)
{
	uint64_t	 h;
	double		 d;

	if (v->exact)
		h = (uint64_t)v->mant * 0x9e3779b97f4a7c15ULL ^
		    (uint64_t)v->scale;
	else {
		d = (double)v->approx;
		memcpy(&h, &d, sizeof h);
		h = ~h;
	}
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	return h;
}

static int
stats_same(const struct stats_value *a, const struct stats_value *b)
{
	if (a->exact != b->exact)
		return 0;
	if (a->exact)
		return a->mant == b->mant && a->scale == b->scale;
	return a->approx == b->approx;
}

void
stats_hist_init(struct stats_hist *h)
{
	memset(h, 0, sizeof *h);
}

void
stats_hist_clear(struct stats_hist *h)
{
	free(h->entries);
	free(h->slots);
	stats_hist_init(h);
}

/* Rebuild the hash slots, nslots a power of two above twice n. */
static void
stats_hist_rehash(struct stats_hist *h, size_t nslots)
{
	size_t	 i, j;

	free(h->slots);
	h->slots = xcalloc(nslots, sizeof *h->slots);
	h->nslots = nslots;
	for (i = 0; i < h->n; i++) {
		j = stats_hash(&h->entries[i].value) & (nslots - 1);
		while (h->slots[j] != 0)
			j = (j + 1) & (nslots - 1);
		h->slots[j] = (uint32_t)(i + 1);
	}
}

void
stats_hist_add(struct stats_hist *h, const struct stats_value *v,
    uint64_t count)
{
	size_t			 j;
	struct stats_hist_entry	*e;

	if (count == 0)
		return;
	if (2 * (h->n + 1) > h->nslots)
		stats_hist_rehash(h, h->nslots == 0 ? 16 : 2 * h->nslots);
	j = stats_hash(v) & (h->nslots - 1);
	while (h->slots[j] != 0) {
		e = &h->entries[h->slots[j] - 1];
		if (stats_same(&e->value, v)) {
			e->count += count;
			h->total += count;
			return;
		}
		j = (j + 1) & (h->nslots - 1);
	}
	if (h->n == h->size) {
		h->size = h->size == 0 ? 8 : 2 * h->size;
		h->entries = xreallocarray(h->entries, h->size,
		    sizeof *h->entries);
	}
	h->entries[h->n].value = *v;
	h->entries[h->n].count = count;
	h->slots[j] = (uint32_t)++h->n;
	h->total += count;
}

static int
stats_entry_cmp(const void *a, const void *b)
{
	const struct stats_hist_entry	*x = a, *y = b;

	return stats_compare(&x->value, &y->value);
}

/* The exact sum of count * value at the largest scale, or -1. */
static int
stats_hist_sum(const struct stats_hist *h, __int128 *sum, int *scale)
{
	const struct stats_hist_entry	*e;
	__int128			 t;
	size_t				 i;
	int				 s = 0;

	for (i = 0; i < h->n; i++) {
		if (!h->entries[i].value.exact)
			return -1;
		if (h->entries[i].value.scale > s)
			s = h->entries[i].value.scale;
	}
	*sum = 0;
	for (i = 0; i < h->n; i++) {
		e = &h->entries[i];
		t = (__int128)e->value.mant *
		    stats_pow10_table[s - e->value.scale];
		if (__builtin_mul_overflow(t, (__int128)e->count, &t) ||
		    __builtin_add_overflow(*sum, t, sum))
			return -1;
	}
	*scale = s;
	return 0;
}

static void
stats_hist_mean(const struct stats_hist *h, char *buf)
{
	__int128	 sum, den;
	long double	 a = 0.0L;
	size_t		 i;
	int		 s;

	if (stats_hist_sum(h, &sum, &s) == 0 &&
	    !__builtin_mul_overflow((__int128)h->total,
	    (__int128)stats_pow10_table[s], &den) &&
	    stats_format_ratio(sum, den, 2, buf) == 0)
		return;
	for (i = 0; i < h->n; i++)
		a += h->entries[i].value.approx * h->entries[i].count;
	stats_format_approx(a / h->total, 2, buf);
}

/* The k-th value (0-based) of the sorted distribution. */
static const struct stats_value *
stats_hist_nth(const struct stats_hist *h, uint64_t k)
{
	size_t	 i;

	for (i = 0; i + 1 < h->n; i++) {
		if (k < h->entries[i].count)
			break;
		k -= h->entries[i].count;
	}
	return &h->entries[i].value;
}

void
stats_hist_quartile(const struct stats_hist *h, int k,
    char buf[STATS_NUMBER_MAX])
{
	const struct stats_value	*a, *b;
	uint64_t			 pos, r;
	int				 s;
	__int128			 x, y;

	buf[0] = '\0';
	if (h->total == 0 || k < 0 || k > 4)
		return;
	/* Position k * (n - 1) / 4 between the sorted values a and b:
	 * a + r * (b - a) / 4, exact as (4a + r(b - a)) / 4. */
	pos = (uint64_t)(((unsigned __int128)k * (h->total - 1)) / 4);
	r = (uint64_t)(((unsigned __int128)k * (h->total - 1)) % 4);
	a = stats_hist_nth(h, pos);
	b = stats_hist_nth(h, r != 0 ? pos + 1 : pos);
	if (a->exact && b->exact) {
		s = a->scale > b->scale ? a->scale : b->scale;
		x = (__int128)a->mant * stats_pow10_table[s - a->scale];
		y = (__int128)b->mant * stats_pow10_table[s - b->scale];
		if (stats_format_ratio(4 * x + (__int128)r * (y - x),
		    (__int128)4 * stats_pow10_table[s], 2, buf) == 0)
			return;
	}
	stats_format_approx(r == 2 ? (a->approx + b->approx) / 2 :
	    a->approx + (b->approx - a->approx) * r / 4, 2, buf);
}

void
stats_hist_numbers(struct stats_hist *h, struct stats_numbers *out)
{
	memset(out, 0, sizeof *out);
	if (h->total == 0)
		return;
	qsort(h->entries, h->n, sizeof *h->entries, stats_entry_cmp);
	stats_hist_rehash(h, h->nslots);
	stats_hist_mean(h, out->mean);
	stats_hist_quartile(h, 2, out->median);
	stats_format_value(&h->entries[0].value, out->min);
	stats_format_value(&h->entries[h->n - 1].value, out->max);
}

void
stats_standing(const uint64_t *borda, size_t m, uint64_t *standing)
{
	size_t	 i, j;

	for (i = 0; i < m; i++) {
		standing[i] = 1;
		for (j = 0; j < m; j++) {
			if (borda[j] > borda[i])
				standing[i]++;
		}
	}
}

/* The strongest paths, Floyd-Warshall style (Schulze 2011, 2.3). */
static void
stats_schulze_paths(const uint64_t *d, size_t m, uint64_t *p)
{
	size_t		 i, j, k;
	uint64_t	 w;

	for (i = 0; i < m; i++) {
		for (j = 0; j < m; j++) {
			if (i != j && d[i * m + j] > d[j * m + i])
				p[i * m + j] = d[i * m + j];
			else
				p[i * m + j] = 0;
		}
	}
	for (i = 0; i < m; i++) {
		for (j = 0; j < m; j++) {
			if (i == j)
				continue;
			for (k = 0; k < m; k++) {
				if (k == i || k == j)
					continue;
				w = p[j * m + i] < p[i * m + k] ?
				    p[j * m + i] : p[i * m + k];
				if (w > p[j * m + k])
					p[j * m + k] = w;
			}
		}
	}
}

void
stats_schulze(const uint64_t *pref, size_t m, uint64_t *strength,
    size_t *order)
{
	unsigned char	*done;
	size_t		 n, i, j, pick;

	stats_schulze_paths(pref, m, strength);
	done = xcalloc(m == 0 ? 1 : m, 1);
	/* Schulze's relation is a strict partial order: take, each time,
	 * the first option in form order that no remaining one beats. */
	for (n = 0; n < m; n++) {
		pick = m;
		for (i = 0; i < m && pick == m; i++) {
			if (done[i])
				continue;
			for (j = 0; j < m; j++) {
				if (!done[j] && strength[j * m + i] >
				    strength[i * m + j])
					break;
			}
			if (j == m)
				pick = i;
		}
		for (i = 0; pick == m; i++) {
			if (!done[i])
				pick = i;
		}
		done[pick] = 1;
		order[n] = pick;
	}
	free(done);
}
