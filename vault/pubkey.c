/* pubkey.c: the analyst's public key as text: NAME.pub is one line,
 * VAULT_PUB_PREFIX then the standard Base64 of the X25519 public key. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vault/crypto-int.h"

/* A .pub file longer than this is not one. */
#define PUBKEY_FILE_MAX	256

void
vault_pubkey_format(const unsigned char pk[VAULT_KEY_BYTES], struct buf *out)
{
	char	 b64[sodium_base64_ENCODED_LEN(VAULT_KEY_BYTES,
		     sodium_base64_VARIANT_ORIGINAL)];

	sodium_bin2base64(b64, sizeof b64, pk, VAULT_KEY_BYTES,
	    sodium_base64_VARIANT_ORIGINAL);
	buf_add_str(out, VAULT_PUB_PREFIX);
	buf_add_str(out, b64);
	buf_add_byte(out, '\n');
}

void
vault_key_id(const unsigned char pk[VAULT_KEY_BYTES],
    char id[VAULT_KEY_ID_LEN])
{
	unsigned char	 h[8];
	char		 hex[2 * sizeof h + 1];
	int		 i;

	crypto_generichash(h, sizeof h, pk, VAULT_KEY_BYTES, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	for (i = 0; i < 4; i++) {
		memcpy(id + 5 * i, hex + 4 * i, 4);
		id[5 * i + 4] = i == 3 ? '\0' : '-';
	}
}

/* 1 if pk is a point X25519 can use: not of low order (whose shared
 * secret would be all zeros, which crypto_scalarmult refuses). */
static int
pubkey_usable(const unsigned char pk[VAULT_KEY_BYTES])
{
	unsigned char	 sk[crypto_scalarmult_SCALARBYTES];
	unsigned char	 q[crypto_scalarmult_BYTES];
	int		 ok;

	randombytes_buf(sk, sizeof sk);
	ok = crypto_scalarmult(q, sk, pk) == 0;
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(q, sizeof q);
	return ok;
}

/* 1 if the len bytes at s are all of the Base64 alphabet. libsodium
 * 1.0.18 reads every byte above 0x7f as '/', so a damaged key could
 * otherwise load as another key. */
static int
pubkey_b64_chars(const char *s, size_t len)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/=";
	size_t		 i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\0' || strchr(alphabet, s[i]) == NULL)
			return 0;
	}
	return 1;
}

/* Parse the text of a .pub file of len bytes. */
static int
pubkey_parse(const char *path, const char *text, size_t len,
    unsigned char pk[VAULT_KEY_BYTES], char **cause)
{
	const char	*b64, *end;
	size_t		 prefix = strlen(VAULT_PUB_PREFIX), binlen;

	if (len < prefix || memcmp(text, VAULT_PUB_PREFIX, prefix) != 0) {
		xasprintf(cause, "%s: not a consult public key (it should "
		    "start with '%.*s')", path, (int)prefix - 1,
		    VAULT_PUB_PREFIX);
		return -1;
	}
	/* One line: allow a final newline (LF or CRLF), nothing more. */
	if (len > 0 && text[len - 1] == '\n')
		len--;
	if (len > 0 && text[len - 1] == '\r')
		len--;
	b64 = text + prefix;
	if (!pubkey_b64_chars(b64, len - prefix) ||
	    sodium_base642bin(pk, VAULT_KEY_BYTES, b64, len - prefix, NULL,
	    &binlen, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    end != text + len || binlen != VAULT_KEY_BYTES) {
		xasprintf(cause, "%s: damaged public key (expected %zu bytes "
		    "in Base64 after the prefix)", path,
		    (size_t)VAULT_KEY_BYTES);
		return -1;
	}
	if (!pubkey_usable(pk)) {
		xasprintf(cause, "%s: unusable public key (a low-order point)",
		    path);
		return -1;
	}
	return 0;
}

int
vault_pubkey_load(const char *path, unsigned char pk[VAULT_KEY_BYTES],
    int *errnum, char **cause)
{
	char	 text[PUBKEY_FILE_MAX + 1];
	size_t	 len;

	*errnum = 0;
	if (keyfile_read(path, text, sizeof text, &len, errnum, cause) != 0)
		return -1;
	if (len > PUBKEY_FILE_MAX) {
		xasprintf(cause, "%s: not a consult public key (too long)",
		    path);
		return -1;
	}
	if (pubkey_parse(path, text, len, pk, cause) != 0) {
		sodium_memzero(pk, VAULT_KEY_BYTES);
		return -1;
	}
	return 0;
}
