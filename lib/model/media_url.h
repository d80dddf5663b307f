/*
 * media_url.h: the URLs of media variants. Public copies have plain URLs
 * (the worker checks that the case is public); everything else gets a
 * signed URL: HMAC-SHA256 with the file's own url_key over
 * "<id>/<variant>/<exp>", valid until exp. Pure (no database, no I/O).
 */
#ifndef MODEL_MEDIA_URL_H
#define MODEL_MEDIA_URL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define MEDIA_URL_MAX		192
#define MEDIA_URL_PREFIX	"/api/v1/media/"
/* Signed URLs live 6 to 7 hours: stable within an hour, so cacheable. */
#define MEDIA_URL_TTL		(6 * 3600)

/* 1 for "original", "display" or "thumb", else 0. */
int	media_variant_ok(const char *variant);

/*
 * Writes the URL of a variant into out: "/api/v1/media/<id>/<variant>",
 * followed by "?exp=<exp>&sig=<hex>" when key is not NULL. Returns 0, or
 * -1 when it does not fit or the variant is unknown.
 */
int	media_url(char *out, size_t size, int64_t id, const char *variant,
	    const char *key, time_t exp);

/* The expiry to sign with at wall-clock time now (rounded to the hour). */
time_t	media_url_expiry(time_t now);

/*
 * 0 when sig is the signature of (id, variant, exp) under key and exp (a
 * decimal string) is still ahead of now; -1 otherwise (also for NULL
 * arguments). Constant-time comparison.
 */
int	media_url_check(const char *key, int64_t id, const char *variant,
	    const char *exp, const char *sig, time_t now);

#endif
