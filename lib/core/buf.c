/*
 * buf.c: bounded growable buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"

static int	grow(struct buf *, size_t);

void
buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
}

void
buf_free(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

int
buf_append(struct buf *b, const void *p, size_t n)
{
	if (n > b->max || b->len > b->max - n)
		return -1;
	if (grow(b, b->len + n + 1) == -1)
		return -1;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	 small[512];
	char	*big = NULL;
	int	 n, rc = -1;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		goto out;
	if ((size_t)n < sizeof(small)) {
		rc = buf_append(b, small, (size_t)n);
		goto out;
	}
	big = malloc((size_t)n + 1);
	if (big == NULL)
		goto out;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	rc = buf_append(b, big, (size_t)n);
out:
	free(big);
	return rc;
}

int
buf_xml_escape(struct buf *b, const char *s)
{
	const char	*p, *rep;

	for (p = s; *p != '\0'; p++) {
		switch (*p) {
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '&': rep = "&amp;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default: rep = NULL; break;
		}
		if (rep != NULL ? buf_puts(b, rep) : buf_append(b, p, 1))
			return -1;
	}
	return 0;
}

const char *
buf_str(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

static int
grow(struct buf *b, size_t need)
{
	size_t	 ncap;
	char	*nd;

	if (need <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 256;
	while (ncap < need)
		ncap *= 2;
	nd = realloc(b->data, ncap);
	if (nd == NULL)
		return -1;
	b->data = nd;
	b->cap = ncap;
	return 0;
}
