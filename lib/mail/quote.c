/*
 * quote.c: quoted text removed from replies (see quote.h). Works line by
 * line in place; what is kept moves towards the start of the buffer.
 */
#include <string.h>

#include "mail/quote.h"

static int	ends_with(const char *, size_t, const char *);
static int	quote_follows(const char *);

void
mail_strip_quotes(char *text)
{
	char	*r = text, *w = text, *nl;
	size_t	 n;

	while (*r != '\0') {
		nl = strchr(r, '\n');
		n = nl != NULL ? (size_t)(nl - r) : strlen(r);
		if (strncmp(r, "-----Original Message-----", 26) == 0 ||
		    strncmp(r, "-------- Original Message", 25) == 0)
			break;
		if (r[0] != '>' && !((ends_with(r, n, "wrote:") ||
		    ends_with(r, n, "viết:")) && quote_follows(r + n))) {
			memmove(w, r, n);
			w += n;
			if (nl != NULL)
				*w++ = '\n';
		}
		r += n + (nl != NULL);
	}
	while (w > text && (w[-1] == '\n' || w[-1] == ' '))
		w--;
	*w = '\0';
}

static int
ends_with(const char *line, size_t n, const char *suffix)
{
	size_t	k = strlen(suffix);

	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\r'))
		n--;
	return n >= k && memcmp(line + n - k, suffix, k) == 0;
}

/* The next non-blank line after p (at a '\n' or the end) is a quote. */
static int
quote_follows(const char *p)
{
	while (*p == '\n' || *p == ' ')
		p++;
	return *p == '>';
}
