/*
 * multipart.c: multipart/form-data (RFC 7578) split into parts by offsets.
 * It reads headers and delimiters only; part contents are never copied or
 * interpreted (see multipart.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/multipart.h"

#define NPOS	((size_t)-1)
#define NAME_END	";= \t\""	/* ends a type or parameter name */
#define VALUE_END	"; \t"		/* ends an unquoted value ("=" is
					   common in boundaries) */

static size_t	find(const unsigned char *, size_t, size_t, const char *,
		    size_t);
static int	part_at(const unsigned char *, size_t, size_t, const char *,
		    size_t, struct mp_part *, size_t *, char *, size_t);
static int	headers(const unsigned char *, size_t, struct mp_part *);
static int	header_line(char *, struct mp_part *);
static int	disposition(const char *, struct mp_part *);
static const char *value(const char *, char *, size_t, int *, const char *);
static const char *skip_ws(const char *);
static void	copy_cut(char *, size_t, const char *);
static int	fail(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

int
multipart_boundary(const char *ct, char *out, size_t size)
{
	const char	*p;
	char		 name[16];
	int		 cut;

	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return -1;
	p = skip_ws(ct + 19);
	while (*p == ';') {
		p = skip_ws(p + 1);
		p = value(p, name, sizeof(name), &cut, NAME_END);
		p = skip_ws(p);
		if (*p != '=')
			return -1;
		p = skip_ws(p + 1);
		if (!cut && strcasecmp(name, "boundary") == 0) {
			value(p, out, size, &cut, VALUE_END);
			return cut || out[0] == '\0' ||
			    strlen(out) > MP_BOUNDARY_MAX ? -1 : 0;
		}
		p = skip_ws(value(p, out, size, &cut, VALUE_END));
	}
	return -1;
}

int
multipart_parse(const unsigned char *body, size_t len, const char *boundary,
    struct mp_part *parts, size_t max, size_t *n, char *err, size_t errsz)
{
	char	delim[MP_BOUNDARY_MAX + 8];
	size_t	dl, pos, at;

	*n = 0;
	dl = strlen(boundary);
	if (dl == 0 || dl > MP_BOUNDARY_MAX)
		return fail(err, errsz, "the multipart boundary is invalid");
	snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	dl += 4;
	/* the first delimiter may open the body, without a CRLF before it */
	if (len >= dl - 2 && memcmp(body, delim + 2, dl - 2) == 0)
		pos = dl - 2;
	else if ((at = find(body, len, 0, delim, dl)) != NPOS)
		pos = at + dl;
	else
		return fail(err, errsz, "the body holds no multipart boundary");
	for (;;) {
		if (len - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
			return 0;		/* the closing delimiter */
		while (pos < len && (body[pos] == ' ' || body[pos] == '\t'))
			pos++;
		if (len - pos < 2 || body[pos] != '\r' || body[pos + 1] != '\n')
			return fail(err, errsz, "a multipart boundary line is "
			    "malformed");
		if (*n == max)
			return fail(err, errsz, "more than %zu parts", max);
		if (part_at(body, len, pos + 2, delim, dl, &parts[*n], &pos,
		    err, errsz) == -1)
			return -1;
		(*n)++;
	}
}

/* One part starting at pos (its headers); *next is after its delimiter. */
static int
part_at(const unsigned char *body, size_t len, size_t pos, const char *delim,
    size_t dl, struct mp_part *p, size_t *next, char *err, size_t errsz)
{
	size_t	hend, lim, cstart, cend;

	memset(p, 0, sizeof(*p));
	if (len - pos >= 2 && body[pos] == '\r' && body[pos + 1] == '\n')
		cstart = pos + 2;		/* no headers at all */
	else {
		lim = len - pos > MP_HEADERS_MAX + 4 ?
		    pos + MP_HEADERS_MAX + 4 : len;
		hend = find(body, lim, pos, "\r\n\r\n", 4);
		if (hend == NPOS)
			return fail(err, errsz, "a part's headers are "
			    "unterminated or longer than %d bytes",
			    MP_HEADERS_MAX);
		if (headers(body + pos, hend - pos + 2, p) == -1)
			return fail(err, errsz, "a part header is malformed");
		cstart = hend + 4;
	}
	if (p->name[0] == '\0')
		return fail(err, errsz, "a part lacks Content-Disposition: "
		    "form-data; name=\"...\"");
	cend = find(body, len, cstart, delim, dl);
	if (cend == NPOS)
		return fail(err, errsz, "the body ends inside part \"%s\" (no "
		    "closing boundary)", p->name);
	p->off = cstart;
	p->len = cend - cstart;
	*next = cend + dl;
	return 0;
}

/* The header block h[0, n), each line ending in CRLF. */
static int
headers(const unsigned char *h, size_t n, struct mp_part *p)
{
	char	line[MP_HEADERS_MAX + 1];
	size_t	i = 0, e;

	while (i < n) {
		for (e = i; e + 1 < n && !(h[e] == '\r' && h[e + 1] == '\n');
		    e++)
			;
		if (e + 1 >= n || e - i > MP_HEADERS_MAX ||
		    memchr(h + i, '\0', e - i) != NULL)
			return -1;
		memcpy(line, h + i, e - i);
		line[e - i] = '\0';
		if (header_line(line, p) == -1)
			return -1;
		i = e + 2;
	}
	return 0;
}

/* "Name: value"; only Content-Disposition and Content-Type matter. */
static int
header_line(char *line, struct mp_part *p)
{
	char	*colon = strchr(line, ':'), *v, *end;

	if (colon == NULL || colon == line)
		return -1;
	*colon = '\0';
	v = (char *)skip_ws(colon + 1);
	end = v + strlen(v);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	if (strcasecmp(line, "Content-Disposition") == 0)
		return disposition(v, p);
	if (strcasecmp(line, "Content-Type") == 0) {
		copy_cut(p->ctype, sizeof(p->ctype), v);
	}
	return 0;
}

/* form-data; name="..."; filename="..." (other parameters ignored). */
static int
disposition(const char *s, struct mp_part *p)
{
	char	type[16], pname[32], val[MP_HEADERS_MAX];
	int	cut, tcut;

	s = value(skip_ws(s), type, sizeof(type), &tcut, NAME_END);
	if (tcut || strcasecmp(type, "form-data") != 0)
		return -1;
	for (s = skip_ws(s); *s == ';'; s = skip_ws(s)) {
		s = value(skip_ws(s + 1), pname, sizeof(pname), &tcut,
		    NAME_END);
		s = skip_ws(s);
		if (*s != '=')
			return -1;
		s = value(skip_ws(s + 1), val, sizeof(val), &cut, VALUE_END);
		if (tcut)
			continue;
		if (strcasecmp(pname, "name") == 0) {
			if (cut || strlen(val) >= sizeof(p->name))
				return -1;
			memcpy(p->name, val, strlen(val) + 1);
		} else if (strcasecmp(pname, "filename") == 0) {
			copy_cut(p->filename, sizeof(p->filename), val);
			p->has_filename = 1;
		}
	}
	return *s == '\0' && p->name[0] != '\0' ? 0 : -1;
}

/*
 * A token (up to a character of stop) or a quoted string (with
 * \-escapes) copied into out; *cut when it did not fit. Returns what
 * follows it.
 */
static const char *
value(const char *s, char *out, size_t size, int *cut, const char *stop)
{
	size_t	n = 0;
	int	quoted = *s == '"';

	*cut = 0;
	if (quoted)
		s++;
	for (; *s != '\0'; s++) {
		if (quoted && *s == '"') {
			s++;
			break;
		}
		if (!quoted && strchr(stop, *s) != NULL)
			break;
		if (quoted && *s == '\\' && s[1] != '\0')
			s++;
		if (n + 1 < size)
			out[n++] = *s;
		else
			*cut = 1;
	}
	out[n] = '\0';
	return s;
}

static const char *
skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Copies src, cut to size - 1 bytes without splitting a UTF-8 sequence. */
static void
copy_cut(char *s, size_t size, const char *src)
{
	size_t		n = strlen(src), k, need;
	unsigned char	c;

	if (n >= size)
		n = size - 1;
	memcpy(s, src, n);
	s[n] = '\0';
	k = n;
	while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80 && n - k < 3)
		k--;
	if (k == 0)
		return;
	c = (unsigned char)s[k - 1];
	if (c < 0xC0)
		return;
	need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	if (k - 1 + need > n)
		s[k - 1] = '\0';
}

/* First offset >= from of needle in hay[0, len), or NPOS. */
static size_t
find(const unsigned char *hay, size_t len, size_t from, const char *needle,
    size_t nl)
{
	const unsigned char	*p;
	size_t			 i = from;

	while (i < len && len - i >= nl) {
		p = memchr(hay + i, needle[0], len - i - nl + 1);
		if (p == NULL)
			return NPOS;
		i = (size_t)(p - hay);
		if (memcmp(p, needle, nl) == 0)
			return i;
		i++;
	}
	return NPOS;
}

static int
fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return -1;
}
