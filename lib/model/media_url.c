/*
 * media_url.c: building and checking the (signed) URLs of media variants.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/parse.h"
#include "crypto.h"
#include "model/media_url.h"

static int	sign(const char *, int64_t, const char *, time_t,
		    char[CRYPTO_HEX_LEN]);

int
media_variant_ok(const char *v)
{
	return v != NULL && (strcmp(v, "original") == 0 ||
	    strcmp(v, "display") == 0 || strcmp(v, "thumb") == 0);
}

int
media_url(char *out, size_t size, int64_t id, const char *variant,
    const char *key, time_t exp)
{
	char	sig[CRYPTO_HEX_LEN];
	int	n;

	if (!media_variant_ok(variant))
		return -1;
	if (key == NULL)
		n = snprintf(out, size, MEDIA_URL_PREFIX "%" PRId64 "/%s", id,
		    variant);
	else {
		if (sign(key, id, variant, exp, sig) == -1)
			return -1;
		n = snprintf(out, size, MEDIA_URL_PREFIX "%" PRId64
		    "/%s?exp=%lld&sig=%s", id, variant, (long long)exp, sig);
	}
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

time_t
media_url_expiry(time_t now)
{
	return (now / 3600 + 1) * 3600 + MEDIA_URL_TTL;
}

int
media_url_check(const char *key, int64_t id, const char *variant,
    const char *exp, const char *sig, time_t now)
{
	char	want[CRYPTO_HEX_LEN];
	int64_t	e;

	if (key == NULL || *key == '\0' || exp == NULL || sig == NULL ||
	    !media_variant_ok(variant) ||
	    parse_i64(exp, 0, INT64_C(4102444800), &e) == -1 || e <= now)
		return -1;
	if (sign(key, id, variant, (time_t)e, want) == -1)
		return -1;
	return str_ct_equal(sig, want) ? 0 : -1;
}

static int
sign(const char *key, int64_t id, const char *variant, time_t exp,
    char out[CRYPTO_HEX_LEN])
{
	char	msg[96];
	int	n;

	n = snprintf(msg, sizeof(msg), "%" PRId64 "/%s/%lld", id, variant,
	    (long long)exp);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return -1;
	crypto_hmac_sha256_hex(key, msg, (size_t)n, out);
	return 0;
}
