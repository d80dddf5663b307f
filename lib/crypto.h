/*
 * crypto.h: the only interface to libsodium: password hashing (argon2id),
 * random tokens, SHA-256 and HMAC-SHA256 in hex.
 */
#ifndef CRYPTO_H
#define CRYPTO_H

#include <stddef.h>

#define CRYPTO_PWHASH_LEN	128	/* >= crypto_pwhash_STRBYTES */
#define CRYPTO_TOKEN_LEN	44	/* 32 random bytes, base64url, NUL */
#define CRYPTO_HEX_LEN		65	/* 32 bytes in hex + NUL */

/* Call once per process before anything else here. 0 or -1. */
int	crypto_init(void);
/* argon2id, interactive limits. 0 or -1. */
int	crypto_pw_hash(const char *pw, char out[CRYPTO_PWHASH_LEN]);
/* 0 when pw matches hash, -1 otherwise. */
int	crypto_pw_verify(const char *hash, const char *pw);
/* A new random URL-safe token (43 chars). */
void	crypto_token(char out[CRYPTO_TOKEN_LEN]);
/* n random decimal digits (n < 20), e.g. one-time codes. */
void	crypto_digits(char *out, size_t n);
void	crypto_sha256_hex(const void *p, size_t n, char out[CRYPTO_HEX_LEN]);
void	crypto_hmac_sha256_hex(const char *key, const void *p, size_t n,
	    char out[CRYPTO_HEX_LEN]);

#endif
