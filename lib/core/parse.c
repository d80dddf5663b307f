/*
 * parse.c: bounded parsing helpers (no atoi anywhere).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static int	hexval(int);

int
parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
parse_octal(const char *s, unsigned *out)
{
	char		*end;
	unsigned long	 v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 8);
	if (errno != 0 || *end != '\0' || v > 07777)
		return -1;
	*out = (unsigned)v;
	return 0;
}

long
pct_decode(const char *src, size_t n, char *dst, size_t dstsz, int plus_is_space)
{
	size_t	i, o = 0;
	int	hi, lo;
	char	c;

	for (i = 0; i < n; i++) {
		c = src[i];
		if (c == '%') {
			if (i + 2 >= n)
				return -1;
			hi = hexval((unsigned char)src[i + 1]);
			lo = hexval((unsigned char)src[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = (char)(hi * 16 + lo);
			if (c == '\0')
				return -1;
			i += 2;
		} else if (c == '+' && plus_is_space)
			c = ' ';
		if (o + 1 >= dstsz)
			return -1;
		dst[o++] = c;
	}
	if (dstsz == 0)
		return -1;
	dst[o] = '\0';
	return (long)o;
}

int
qs_next(const char *qs, size_t *pos, const char **key, size_t *klen,
    const char **val, size_t *vlen)
{
	const char	*p, *amp, *eq;

	for (;;) {
		p = qs + *pos;
		if (*p == '\0')
			return 0;
		amp = strchr(p, '&');
		if (amp == NULL)
			amp = p + strlen(p);
		*pos = (size_t)(amp - qs) + (*amp == '&');
		if (amp == p)
			continue;		/* empty pair "&&" */
		eq = memchr(p, '=', (size_t)(amp - p));
		*key = p;
		if (eq == NULL) {
			*klen = (size_t)(amp - p);
			*val = amp;
			*vlen = 0;
		} else {
			*klen = (size_t)(eq - p);
			*val = eq + 1;
			*vlen = (size_t)(amp - eq - 1);
		}
		return 1;
	}
}

int
json_depth_ok(const char *t, size_t len, int max)
{
	size_t	i;
	int	depth = 0, in_str = 0;

	for (i = 0; i < len; i++) {
		if (in_str) {
			if (t[i] == '\\')
				i++;
			else if (t[i] == '"')
				in_str = 0;
			continue;
		}
		if (t[i] == '"')
			in_str = 1;
		else if (t[i] == '[' || t[i] == '{') {
			if (++depth > max)
				return -1;
		} else if (t[i] == ']' || t[i] == '}')
			depth--;
	}
	return 0;
}

int
str_ct_equal(const char *a, const char *b)
{
	size_t		la = strlen(a), lb = strlen(b), i;
	unsigned char	diff = (unsigned char)(la != lb);

	for (i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
