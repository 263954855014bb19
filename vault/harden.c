/* harden.c: keep secrets out of core dumps and away from debuggers. */
#include <sys/prctl.h>
#include <sys/resource.h>

#include <errno.h>
#include <string.h>

#include "vault/lib.h"

int
vault_harden(char **cause)
{
	struct rlimit	 rl;

	rl.rlim_cur = 0;
	rl.rlim_max = 0;
	if (setrlimit(RLIMIT_CORE, &rl) != 0) {
		xasprintf(cause, "cannot disable core dumps: %s",
		    strerror(errno));
		return -1;
	}
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
		xasprintf(cause, "cannot make the process undumpable: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}
