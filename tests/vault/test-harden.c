/* test-harden.c: tests for vault/harden.c. */
#include <sys/prctl.h>
#include <sys/resource.h>

#include <criterion/criterion.h>
#include <stdlib.h>

#include "vault/lib.h"

Test(harden, disables_core_dumps_and_dumpability)
{
	struct rlimit	 rl;
	char		*cause = NULL;

	rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	(void)setrlimit(RLIMIT_CORE, &rl);	/* may be refused: fine */
	cr_assert_eq(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
	cr_assert_eq(vault_harden(&cause), 0, "%s", cause);
	cr_assert_eq(getrlimit(RLIMIT_CORE, &rl), 0);
	cr_assert_eq(rl.rlim_cur, 0);
	cr_assert_eq(rl.rlim_max, 0, "a hard limit above 0 can be raised back");
	cr_assert_eq(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	/* Twice is harmless. */
	cr_assert_eq(vault_harden(&cause), 0, "%s", cause);
}
