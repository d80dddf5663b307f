/*
 * crypto.c: libsodium wrapper. Chosen over hand-written code because it
 * ships argon2id, a CSPRNG and SHA-256/HMAC in one well-kept Debian library.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "crypto.h"

static void	to_hex(const unsigned char *, size_t, char *);

int
crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

int
crypto_pw_hash(const char *pw, char out[CRYPTO_PWHASH_LEN])
{
	if (crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return -1;
	return 0;
}

int
crypto_pw_verify(const char *hash, const char *pw)
{
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0 ? 0 : -1;
}

void
crypto_token(char out[CRYPTO_TOKEN_LEN])
{
	unsigned char	raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, CRYPTO_TOKEN_LEN, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void
crypto_digits(char *out, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		out[i] = (char)('0' + randombytes_uniform(10));
	out[n] = '\0';
}

void
crypto_sha256_hex(const void *p, size_t n, char out[CRYPTO_HEX_LEN])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, n);
	to_hex(h, sizeof(h), out);
}

void
crypto_hmac_sha256_hex(const char *key, const void *p, size_t n,
    char out[CRYPTO_HEX_LEN])
{
	unsigned char			h[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state	st;

	crypto_auth_hmacsha256_init(&st, (const unsigned char *)key,
	    strlen(key));
	crypto_auth_hmacsha256_update(&st, p, n);
	crypto_auth_hmacsha256_final(&st, h);
	to_hex(h, sizeof(h), out);
}

static void
to_hex(const unsigned char *h, size_t n, char *out)
{
	sodium_bin2hex(out, n * 2 + 1, h, n);
}
