/* bench-instance.c: the cost of one instance() lookup into a list file
 * of ROWS rows (10,000), against pulldata() on the same file and key in
 * the same run: the key on the last row (a whole scan) and in the
 * middle; a keyed predicate (COLUMN = value, the value computed once), a
 * predicate evaluated on each item, and count() over a predicate. Each
 * time is the best of 5 rounds (the machine is shared).
 *
 * bench-instance [ROWS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "forms/form-private.h"

static double
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static const char *exprs[] = {
	"pulldata('big', 'price', 'code', ${k})",
	"instance('big')/root/item[code = ${k}]/price",
	"instance('big')/root/item[code = ${k} and price >= 0]/price",
	"count(instance('big')/root/item[region = 'north'])",
};

/* Microseconds per evaluation of src with k answered: the best of 5
 * rounds of at least 0.1 s each (the machine is shared); the value in
 * *val (caller frees). */
static double
bench_one(struct form *f, struct answers *a, const char *src, char **val)
{
	struct answers_ctx	 c;
	struct expr_env		 env;
	struct expr		*e;
	char			*cause = NULL, *s;
	double			 t0, t, best = 0;
	long			 n;
	int			 round;

	if ((e = expr_parse(src, f, 0, &cause)) == NULL) {
		fprintf(stderr, "bench-instance: %s: %s\n", src, cause);
		exit(1);
	}
	answers_env(a, &c, &env, 0, NULL);
	*val = expr_eval_string(e, &env);
	for (round = 0; round < 5; round++) {
		n = 0;
		t0 = now_us();
		do {
			s = expr_eval_string(e, &env);
			free(s);
			n++;
		} while ((t = now_us() - t0) < 100000);
		if (round == 0 || t / (double)n < best)
			best = t / (double)n;
	}
	expr_free(e);
	return best;
}

int
main(int argc, char **argv)
{
	char		 dir[] = "/tmp/bench-instance-XXXXXX";
	char		 path[96], key[32];
	const char	*form_csv = "survey,type,name,label\n"
	    ",text,k,K?\n,csv-external,big,\n";
	struct form	*f;
	struct answers	*a;
	char		*cause = NULL, *val, cmd[128];
	double		 base, us;
	long		 rows = argc > 1 ? atol(argv[1]) : 10000, i, which;
	size_t		 j;
	FILE		*fp;

	if (sodium_init() < 0 || rows < 2 || mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/big.csv", dir);
	if ((fp = fopen(path, "w")) == NULL)
		return 1;
	fprintf(fp, "code,label,price,region\n");
	for (i = 0; i < rows; i++)
		fprintf(fp, "c%06ld,Item %ld,%ld.%02ld,%s\n", i, i, i % 97,
		    i % 100, i % 3 == 0 ? "north" : "south");
	fclose(fp);
	snprintf(path, sizeof path, "%s/form.csv", dir);
	if ((f = form_parse_buffer(path, form_csv, strlen(form_csv),
	    &cause)) == NULL) {
		fprintf(stderr, "bench-instance: %s\n", cause);
		return 1;
	}
	a = answers_create(f, 1, "2025-06-01");
	printf("instance() against pulldata() on a %ld-row file "
	    "(microseconds a lookup, ratio to pulldata in this run)\n", rows);
	for (which = 0; which < 2; which++) {
		snprintf(key, sizeof key, "c%06ld", which == 0 ? rows - 1 :
		    rows / 2);
		answers_set(a, 0, key);
		printf("key %s (%s):\n", key, which == 0 ? "last row" :
		    "middle");
		base = 0;
		for (j = 0; j < sizeof exprs / sizeof exprs[0]; j++) {
			us = bench_one(f, a, exprs[j], &val);
			if (j == 0)
				base = us;
			printf("  %9.1f us  %5.2fx  %-58s = %s\n", us,
			    us / base, exprs[j], val);
			free(val);
		}
	}
	answers_free(a);
	form_free(f);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
