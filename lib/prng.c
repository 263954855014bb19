/* prng.c: splitmix64, a small reproducible generator for shuffles that a
 * form's seed must repeat exactly (never for secrets: those use libsodium). */
#include "lib/lib.h"

void
prng_init(struct prng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t
prng_next(struct prng *r)
{
	uint64_t	 z;

	z = (r->state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint32_t
prng_uniform(struct prng *r, uint32_t n)
{
	uint64_t	 x, limit;

	/* Reject the top slice so every value is equally likely. */
	limit = UINT64_MAX - UINT64_MAX % n;
	do
		x = prng_next(r);
	while (x >= limit);
	return (uint32_t)(x % n);
}

void
prng_shuffle(struct prng *r, int *a, size_t n)
{
	size_t	 i, j;
	int	 t;

	for (i = n; i > 1; i--) {
		j = prng_uniform(r, (uint32_t)i);
		t = a[i - 1];
		a[i - 1] = a[j];
		a[j] = t;
	}
}
