/*
 * parse.h: bounded parsing helpers: numbers, percent-decoding, query strings,
 * JSON nesting depth. Pure functions, libc only.
 */
#ifndef PARSE_H
#define PARSE_H

#include <stddef.h>
#include <stdint.h>

/* Parses a whole decimal string into [min,max]; 0 or -1 (junk, range). */
int	parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);
/* Parses an octal string (e.g. file modes) into [0, 07777]. */
int	parse_octal(const char *s, unsigned *out);

/*
 * Percent-decodes src[0..n) into dst (size dstsz, NUL-terminated). When
 * plus_is_space, '+' becomes ' ' (form encoding). Returns the decoded
 * length, or -1 on a malformed escape, an embedded NUL or a short dst.
 */
long	pct_decode(const char *src, size_t n, char *dst, size_t dstsz,
	    int plus_is_space);

/*
 * Iterates "a=1&b=2" pairs. *pos starts at 0. On success, key/val point into
 * qs (NOT decoded, NOT terminated) with their lengths. Returns 1 while pairs
 * remain, 0 at the end.
 */
int	qs_next(const char *qs, size_t *pos, const char **key, size_t *klen,
	    const char **val, size_t *vlen);

/*
 * Checks that a JSON text nests arrays/objects at most max deep (strings are
 * skipped correctly). Returns 0 when within the limit, -1 otherwise.
 */
int	json_depth_ok(const char *text, size_t len, int max);

/* Constant-time comparison of two NUL-terminated strings. 1 if equal. */
int	str_ct_equal(const char *a, const char *b);

#endif
