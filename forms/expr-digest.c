/* expr-digest.c: ODK's digest(data, algorithm[, encoding]): MD5, SHA-1,
 * SHA-256, SHA-384 and SHA-512 of data's UTF-8 bytes, in base64 (the
 * default) or hex. libsodium gives SHA-256 and SHA-512 (SHA-384 is
 * SHA-512 from other initial values, cut to 48 bytes); MD5 (RFC 1321)
 * and SHA-1 (FIPS 180-4), which it lacks and forms still ask for, are
 * here: they identify, they protect nothing. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "forms/expr-private.h"

static uint32_t
rotl32(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

/* s padded to 64-byte blocks with its bit length (big or little
 * endian); *n is the padded length. Caller frees. */
static unsigned char *
digest_pad(const char *s, size_t len, int big, size_t *n)
{
	unsigned char	*m;
	uint64_t	 bits = (uint64_t)len * 8;
	int		 i;

	*n = (len + 8) / 64 * 64 + 64;
	m = xcalloc(1, *n);
	memcpy(m, s, len);
	m[len] = 0x80;
	for (i = 0; i < 8; i++)
		m[*n - 8 + i] = (unsigned char)(bits >> (big ? 56 - 8 * i :
		    8 * i));
	return m;
}

static void
digest_md5(const char *s, unsigned char out[16])
{
	static const int shift[4][4] = { { 7, 12, 17, 22 },
	    { 5, 9, 14, 20 }, { 4, 11, 16, 23 }, { 6, 10, 15, 21 } };
	uint32_t	 h[4] = { 0x67452301, 0xefcdab89, 0x98badcfe,
			     0x10325476 }, a, b, c, d, f, m[16], k;
	unsigned char	*msg;
	size_t		 n, off;
	int		 i, g;

	msg = digest_pad(s, strlen(s), 0, &n);
	for (off = 0; off < n; off += 64) {
		for (i = 0; i < 16; i++)
			m[i] = (uint32_t)msg[off + 4 * i] |
			    (uint32_t)msg[off + 4 * i + 1] << 8 |
			    (uint32_t)msg[off + 4 * i + 2] << 16 |
			    (uint32_t)msg[off + 4 * i + 3] << 24;
		a = h[0], b = h[1], c = h[2], d = h[3];
		for (i = 0; i < 64; i++) {
			if (i < 16) {
				f = (b & c) | (~b & d);
				g = i;
			} else if (i < 32) {
				f = (d & b) | (~d & c);
				g = (5 * i + 1) % 16;
			} else if (i < 48) {
				f = b ^ c ^ d;
				g = (3 * i + 5) % 16;
			} else {
				f = c ^ (b | ~d);
				g = (7 * i) % 16;
			}
			/* RFC 1321's table: floor(|sin(i + 1)| * 2^32). */
			k = (uint32_t)floor(fabs(sin(i + 1)) * 4294967296.0);
			f += a + k + m[g];
			a = d;
			d = c;
			c = b;
			b += rotl32(f, shift[i / 16][i % 4]);
		}
		h[0] += a, h[1] += b, h[2] += c, h[3] += d;
	}
	for (i = 0; i < 16; i++)
		out[i] = (unsigned char)(h[i / 4] >> (8 * (i % 4)));
	sodium_memzero(msg, n);
	free(msg);
}

static void
digest_sha1(const char *s, unsigned char out[20])
{
	uint32_t	 h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe,
			     0x10325476, 0xc3d2e1f0 }, w[80], a, b, c, d, e,
			     f, k, t;
	unsigned char	*msg;
	size_t		 n, off;
	int		 i;

	msg = digest_pad(s, strlen(s), 1, &n);
	for (off = 0; off < n; off += 64) {
		for (i = 0; i < 16; i++)
			w[i] = (uint32_t)msg[off + 4 * i] << 24 |
			    (uint32_t)msg[off + 4 * i + 1] << 16 |
			    (uint32_t)msg[off + 4 * i + 2] << 8 |
			    (uint32_t)msg[off + 4 * i + 3];
		for (i = 16; i < 80; i++)
			w[i] = rotl32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^
			    w[i - 16], 1);
		a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
		for (i = 0; i < 80; i++) {
			if (i < 20) {
				f = (b & c) | (~b & d);
				k = 0x5a827999;
			} else if (i < 40) {
				f = b ^ c ^ d;
				k = 0x6ed9eba1;
			} else if (i < 60) {
				f = (b & c) | (b & d) | (c & d);
				k = 0x8f1bbcdc;
			} else {
				f = b ^ c ^ d;
				k = 0xca62c1d6;
			}
			t = rotl32(a, 5) + f + e + k + w[i];
			e = d;
			d = c;
			c = rotl32(b, 30);
			b = a;
			a = t;
		}
		h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
	}
	for (i = 0; i < 20; i++)
		out[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
	sodium_memzero(w, sizeof w);
	sodium_memzero(msg, n);
	free(msg);
}

int
expr_digest_size(const char *alg)
{
	if (str_ieq(alg, "MD5"))
		return 16;
	if (str_ieq(alg, "SHA-1"))
		return 20;
	if (str_ieq(alg, "SHA-256"))
		return 32;
	if (str_ieq(alg, "SHA-384"))
		return 48;
	if (str_ieq(alg, "SHA-512"))
		return 64;
	return 0;
}

static void
digest_sha512(const char *alg, const char *s, unsigned char *out)
{
	static const uint64_t iv384[8] = {
		0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL,
		0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
		0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL,
		0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
	};
	crypto_hash_sha512_state st;
	unsigned char	 full[64];

	crypto_hash_sha512_init(&st);
	if (expr_digest_size(alg) == 48)
		memcpy(st.state, iv384, sizeof iv384);
	crypto_hash_sha512_update(&st, (const unsigned char *)s, strlen(s));
	crypto_hash_sha512_final(&st, full);
	memcpy(out, full, (size_t)expr_digest_size(alg));
	sodium_memzero(full, sizeof full);
}

static void
digest_bytes(const char *alg, const char *s, unsigned char *out)
{
	switch (expr_digest_size(alg)) {
	case 16:
		digest_md5(s, out);
		break;
	case 20:
		digest_sha1(s, out);
		break;
	case 32:
		crypto_hash_sha256(out, (const unsigned char *)s, strlen(s));
		break;
	default:
		digest_sha512(alg, s, out);
		break;
	}
}

void
expr_fn_digest(const struct expr *e, const struct expr_env *env,
    struct expr_value *out)
{
	struct expr_value a, b, c;
	char		 ba[EXPR_NUMBER_SIZE], bb[EXPR_NUMBER_SIZE];
	char		 bc[EXPR_NUMBER_SIZE], *text;
	const char	*s, *alg, *enc = "base64";
	unsigned char	 d[64];
	size_t		 n, size;

	s = expr_arg_text(e, 0, env, &a, ba);
	alg = expr_arg_text(e, 1, env, &b, bb);
	expr_value_set_string(&c, "", NULL);
	if (e->nargs > 2)
		enc = expr_arg_text(e, 2, env, &c, bc);
	n = (size_t)expr_digest_size(alg);
	if (n == 0 || (!str_ieq(enc, "base64") && !str_ieq(enc, "hex")))
		expr_value_set_string(out, "", NULL);
	else {
		digest_bytes(alg, s, d);
		if (str_ieq(enc, "hex")) {
			text = xmalloc(n * 2 + 1);
			sodium_bin2hex(text, n * 2 + 1, d, n);
		} else {
			size = sodium_base64_ENCODED_LEN(n,
			    sodium_base64_VARIANT_ORIGINAL);
			text = xmalloc(size);
			sodium_bin2base64(text, size, d, n,
			    sodium_base64_VARIANT_ORIGINAL);
		}
		expr_value_set_string(out, NULL, text);
	}
	sodium_memzero(d, sizeof d);
	expr_value_clear(&a);
	expr_value_clear(&b);
	expr_value_clear(&c);
}
