/*
 * html.c: HTML to plain text for mail bodies (see html.h). A small state
 * machine over the bytes; UTF-8 passes through untouched.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/html.h"

struct h2t {
	struct buf	*out;
	int		 newlines;	/* trailing '\n' already written */
	int		 space;		/* a space is pending */
	int		 err;
};

static const char *tag(struct h2t *, const char *);
static const char *skip_to_end(const char *, const char *);
static const char *entity(struct h2t *, const char *);
static void	put_utf8(struct h2t *, uint32_t);
static void	put(struct h2t *, const char *, size_t);
static void	brk(struct h2t *, int);

/* Tags that end a line (their open or close). */
static const char *const block_tags[] = { "br", "p", "div", "li", "tr",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol",
    "hr", "pre", NULL };

int
mail_html_to_text(const char *html, struct buf *out)
{
	struct h2t	 s = { out, 1, 0, 0 };
	const char	*p = html;

	while (*p != '\0' && !s.err) {
		if (*p == '<')
			p = tag(&s, p);
		else if (*p == '&')
			p = entity(&s, p);
		else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			s.space = 1;
			p++;
		} else {
			put(&s, p, 1);
			p++;
		}
	}
	return s.err ? -1 : 0;
}

/* p at '<': handles the tag, returns the position after it. */
static const char *
tag(struct h2t *s, const char *p)
{
	const char	*q = p + 1, *end;
	char		 name[16];
	size_t		 n = 0, i;

	if (strncmp(p, "<!--", 4) == 0) {
		end = strstr(p + 4, "-->");
		return end != NULL ? end + 3 : p + strlen(p);
	}
	if (*q == '/')
		q++;
	while (n < sizeof(name) - 1 && ((*q >= 'a' && *q <= 'z') ||
	    (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')))
		name[n++] = *q++;
	name[n] = '\0';
	end = strchr(q, '>');
	end = end != NULL ? end + 1 : q + strlen(q);
	if (p[1] != '/' && (strcasecmp(name, "script") == 0 ||
	    strcasecmp(name, "style") == 0 || strcasecmp(name, "head") == 0))
		return skip_to_end(end, name);
	for (i = 0; block_tags[i] != NULL; i++)
		if (strcasecmp(name, block_tags[i]) == 0) {
			brk(s, strcasecmp(name, "p") == 0 ? 2 : 1);
			break;
		}
	return end;
}

/* Skips to after "</name>" (case-insensitive). */
static const char *
skip_to_end(const char *p, const char *name)
{
	size_t	n = strlen(name);

	for (; *p != '\0'; p++)
		if (p[0] == '<' && p[1] == '/' && strncasecmp(p + 2, name,
		    n) == 0) {
			p = strchr(p, '>');
			return p != NULL ? p + 1 : p + strlen(p);
		}
	return p;
}

/* p at '&': decodes a named or numeric entity, or copies the '&'. */
static const char *
entity(struct h2t *s, const char *p)
{
	static const struct { const char *n; uint32_t c; } names[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' }, { "nbsp;", ' ' },
		/* Latin-1 letters that Vietnamese text uses */
		{ "agrave;", 0xE0 }, { "aacute;", 0xE1 }, { "acirc;", 0xE2 },
		{ "atilde;", 0xE3 }, { "egrave;", 0xE8 }, { "eacute;", 0xE9 },
		{ "ecirc;", 0xEA }, { "igrave;", 0xEC }, { "iacute;", 0xED },
		{ "ograve;", 0xF2 }, { "oacute;", 0xF3 }, { "ocirc;", 0xF4 },
		{ "otilde;", 0xF5 }, { "ugrave;", 0xF9 }, { "uacute;", 0xFA },
		{ "yacute;", 0xFD }, { "Agrave;", 0xC0 }, { "Aacute;", 0xC1 },
		{ "Acirc;", 0xC2 }, { "Atilde;", 0xC3 }, { "Egrave;", 0xC8 },
		{ "Eacute;", 0xC9 }, { "Ecirc;", 0xCA }, { "Igrave;", 0xCC },
		{ "Iacute;", 0xCD }, { "Ograve;", 0xD2 }, { "Oacute;", 0xD3 },
		{ "Ocirc;", 0xD4 }, { "Otilde;", 0xD5 }, { "Ugrave;", 0xD9 },
		{ "Uacute;", 0xDA }, { "Yacute;", 0xDD }, { NULL, 0 } };
	char		*end;
	unsigned long	 cp;
	size_t		 i;

	for (i = 0; names[i].n != NULL; i++)
		if (strncmp(p + 1, names[i].n, strlen(names[i].n)) == 0) {
			put_utf8(s, names[i].c);
			return p + 1 + strlen(names[i].n);
		}
	if (p[1] == '#') {
		if (p[2] == 'x' || p[2] == 'X')
			cp = strtoul(p + 3, &end, 16);
		else
			cp = strtoul(p + 2, &end, 10);
		if (*end == ';' && end > p + 2 && cp > 0 && cp <= 0x10FFFF) {
			put_utf8(s, (uint32_t)cp);
			return end + 1;
		}
	}
	put(s, "&", 1);
	return p + 1;
}

static void
put_utf8(struct h2t *s, uint32_t c)
{
	char	b[4];
	size_t	n;

	if (c >= 0xD800 && c <= 0xDFFF)
		c = 0xFFFD;
	if (c < 0x80) {
		b[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xC0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xE0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (c >> 18));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	put(s, b, n);
}

/* Text: the pending space first (never at a line start). */
static void
put(struct h2t *s, const char *p, size_t n)
{
	if (s->space && !s->newlines && buf_append(s->out, " ", 1) == -1)
		s->err = 1;
	s->space = 0;
	if (buf_append(s->out, p, n) == -1)
		s->err = 1;
	s->newlines = 0;
}

/* Ends the line; want = 2 leaves one blank line. Never more. */
static void
brk(struct h2t *s, int want)
{
	s->space = 0;
	while (s->newlines < want) {
		if (s->out->len == 0)
			return;		/* no breaks before the first text */
		if (buf_append(s->out, "\n", 1) == -1) {
			s->err = 1;
			return;
		}
		s->newlines++;
	}
}
