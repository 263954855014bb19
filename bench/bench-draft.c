/* bench-draft.c: the two sides of the draft key's cost, measured in one
 * run: what one participant's process costs the server (peak RSS of
 * "consult run", from wait4) and what guessing one draft's resume code
 * costs someone holding a stolen vault (time and memory of one Argon2id
 * guess, times the code space), for format 1's drafts (12 symbols,
 * Argon2id 2 passes of 64 MiB) and today's (vault/README, "Drafts").
 *
 * bench-draft CONSULT FORM */
#include <sys/resource.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "vault/lib.h"

struct kdf {
	const char		*name;
	int			 symbols;
	unsigned long long	 ops;
	size_t			 mem;
	int			 guesses;	/* timed */
	double			 ms;		/* per guess */
	long			 rss_kib;	/* peak of the guessing process */
};

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Time k->guesses Argon2id guesses in a child; its peak RSS by wait4. */
static int
bench_kdf(struct kdf *k)
{
	struct rusage	 ru;
	unsigned char	 out[32], salt[16] = { 0 };
	char		 code[32];
	double		 t0;
	int		 fds[2], i, st;
	pid_t		 pid;

	if (pipe(fds) != 0 || (pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		t0 = now_ms();
		for (i = 0; i < k->guesses; i++) {
			snprintf(code, sizeof code, "%0*d", k->symbols, i);
			if (crypto_pwhash(out, sizeof out, code,
			    (size_t)k->symbols, salt, k->ops, k->mem,
			    crypto_pwhash_ALG_ARGON2ID13) != 0)
				_exit(1);
		}
		t0 = (now_ms() - t0) / k->guesses;
		if (write(fds[1], &t0, sizeof t0) != sizeof t0)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &k->ms, sizeof k->ms) != sizeof k->ms)
		k->ms = -1;
	close(fds[0]);
	if (wait4(pid, &st, 0, &ru) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0 || k->ms < 0)
		return -1;
	k->rss_kib = ru.ru_maxrss;
	return 0;
}

/* Run argv with stdin from in (or /dev/null), output discarded; its peak
 * RSS in KiB, or -1. */
static long
bench_rss(const char *const argv[], const char *in)
{
	struct rusage	 ru;
	int		 st, fd;
	pid_t		 pid;

	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		fd = open(in != NULL ? in : "/dev/null", O_RDONLY);
		dup2(fd, 0);
		fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	if (wait4(pid, &st, 0, &ru) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) > 1)
		return -1;
	return ru.ru_maxrss;
}

/* Expected core-years to find the code of one of `drafts` drafts: half
 * the code space over drafts, times the time of a guess. */
static double
core_years(const struct kdf *k, double drafts)
{
	return pow(30, k->symbols) / drafts / 2 * k->ms / 1e3 /
	    (365.25 * 86400);
}

/* The same in memory-time, GiB-years (what an attacker with more memory
 * than cores pays). */
static double
gib_years(const struct kdf *k, double drafts)
{
	return core_years(k, drafts) * (double)k->mem / (1 << 30);
}

static int
bench_run_rss(const char *consult, const char *form)
{
	char	 tmp[] = "/tmp/consult-bench-draft.XXXXXX", cmd[1024];
	char	 vault[600], pass[600], pub[600], code[64] = "";
	const char *init[] = { consult, "init", vault, "--form", form,
	    "--pubkey", pub, NULL };
	const char *run[] = { consult, "run", vault, "--plain", NULL };
	const char *resume[] = { consult, "run", vault, "--plain", "--resume",
	    code, NULL };
	FILE	*f;
	long	 a, b;

	if (mkdtemp(tmp) == NULL)
		return -1;
	snprintf(vault, sizeof vault, "%s/v", tmp);
	snprintf(pass, sizeof pass, "%s/pass", tmp);
	snprintf(pub, sizeof pub, "%s/k.pub", tmp);
	if ((f = fopen(pass, "w")) == NULL)
		return -1;
	fputs("bench draft passphrase\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "'%s' keygen -o '%s/k' -P '%s' >/dev/null",
	    consult, tmp, pass);
	if (system(cmd) != 0 || bench_rss(init, NULL) < 0)
		return -1;
	a = bench_rss(run, NULL);
	/* The draft left by that run, reopened by its code. */
	snprintf(cmd, sizeof cmd, "'%s' run '%s' --plain </dev/null 2>&1 "
	    ">/dev/null | sed -n 's/.*--resume //p'", consult, vault);
	if ((f = popen(cmd, "r")) == NULL || fgets(code, sizeof code, f) ==
	    NULL)
		return -1;
	pclose(f);
	code[strcspn(code, "\n")] = '\0';
	b = bench_rss(resume, NULL);
	printf("peak RSS of one consult run (plain, to its first question):\n"
	    "  new participant          %6ld KiB\n"
	    "  resumed with its code    %6ld KiB\n"
	    "  target                   %6d KiB\n", a, b, 8192);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	return system(cmd) == 0 && a > 0 && b > 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct kdf	 old = { "format 1", 12, 2, 64U << 20, 8, 0, 0 };
	struct kdf	 new = { "today", VAULT_CODE_SYMBOLS, VAULT_DRAFT_OPS,
	    VAULT_DRAFT_MEM, 200, 0, 0 };
	struct kdf	*k[] = { &old, &new };
	int		 i;

	if (argc != 3) {
		fprintf(stderr, "usage: bench-draft CONSULT FORM\n");
		return 2;
	}
	if (sodium_init() < 0 || bench_kdf(&old) != 0 ||
	    bench_kdf(&new) != 0) {
		fprintf(stderr, "bench-draft: Argon2id failed\n");
		return 1;
	}
	printf("one guess of a resume code (Argon2id, this machine, one "
	    "core):\n");
	for (i = 0; i < 2; i++)
		printf("  %-9s %2d symbols %5.1f bits  t=%llu m=%5zu KiB  "
		    "%8.2f ms  peak RSS %6ld KiB\n", k[i]->name,
		    k[i]->symbols, k[i]->symbols * log2(30), k[i]->ops,
		    k[i]->mem >> 10, k[i]->ms, k[i]->rss_kib);
	printf("offline cost to find one of 1,000 drafts' codes (expected):\n");
	for (i = 0; i < 2; i++)
		printf("  %-9s %.3g core-years  %.3g GiB-years of memory\n",
		    k[i]->name, core_years(k[i], 1000), gib_years(k[i], 1000));
	printf("  ratio today/format 1: %.0fx core time, %.1fx memory-time "
	    "(must be >= 1)\n", core_years(&new, 1000) / core_years(&old,
	    1000), gib_years(&new, 1000) / gib_years(&old, 1000));
	if (bench_run_rss(argv[1], argv[2]) != 0) {
		fprintf(stderr, "bench-draft: could not run %s\n", argv[1]);
		return 1;
	}
	return 0;
}
