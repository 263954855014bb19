/* run-codes.c: the brake on guessing resume codes: after each wrong code
 * a delay that doubles, a syslog line for the administrator, and an end
 * to the process after RUN_CODE_TRIES wrong codes. */
#include <errno.h>
#include <syslog.h>
#include <time.h>

#include "app/app.h"
#include "app/run.h"

static unsigned int	run_code_failures;

/* Sleep for ms milliseconds, on through other signals (a window
 * change must not cut it short) but not past a leaving one. */
static void
run_code_sleep(unsigned int ms)
{
	struct timespec	 ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR &&
	    !run_signalled)
		;
}

int
run_code_wrong(const char *vault)
{
	unsigned int	 n = ++run_code_failures;

	/* The code itself is never logged: a typo is one symbol away. */
	openlog("consult", LOG_PID | LOG_NDELAY, LOG_AUTHPRIV);
	syslog(LOG_AUTHPRIV | LOG_NOTICE, "run: wrong resume code for %s "
	    "(%u of %u in this session)", vault, n, RUN_CODE_TRIES);
	closelog();
	if (n >= RUN_CODE_TRIES)
		return -1;
	run_code_sleep(RUN_CODE_DELAY_MS << (n - 1));
	return 0;
}
