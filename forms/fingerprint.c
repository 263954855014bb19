/* fingerprint.c: the fingerprint that binds responses to the exact
 * form they answered: its bytes, then the list files it reads (lib.h). */
#include <string.h>

#include <sodium.h>

#include "forms/form-private.h"

static void
form_hash_len(crypto_generichash_state *st, uint64_t n)
{
	unsigned char	 le[8];
	int		 i;

	for (i = 0; i < 8; i++)
		le[i] = (unsigned char)(n >> (8 * i));
	crypto_generichash_update(st, le, sizeof le);
}

void
form_fingerprint(struct form *f)
{
	crypto_generichash_state	 st;
	size_t				 i;

	crypto_generichash_init(&st, NULL, 0, sizeof f->fingerprint);
	crypto_generichash_update(&st, f->bytes, f->nbytes);
	for (i = 0; i < f->nfiles; i++) {
		form_hash_len(&st, strlen(f->files[i].name));
		crypto_generichash_update(&st,
		    (const unsigned char *)f->files[i].name,
		    strlen(f->files[i].name));
		form_hash_len(&st, f->files[i].nbytes);
		crypto_generichash_update(&st, f->files[i].bytes,
		    f->files[i].nbytes);
	}
	crypto_generichash_final(&st, f->fingerprint, sizeof f->fingerprint);
}
