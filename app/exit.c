/* exit.c: the exit status of SPEC.md for each of the vault's errors, in a
 * file of its own so that the run engine (and its tests) need no verb
 * table. */
#include "app/app.h"
#include "vault/lib.h"

int
cmd_vault_status(int err)
{
	switch (err) {
	case VAULT_ERR_IO:
		return EXIT_IOERR;
	case VAULT_ERR_DATA:
		return EXIT_DATAERR;
	case VAULT_ERR_MISSING:
		return EXIT_NOINPUT;
	case VAULT_ERR_KEY:
		return EXIT_NOPERM;
	default:
		return 1;
	}
}
