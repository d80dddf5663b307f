/*
 * buf.h: growable byte buffer with a hard size limit (curl's dynbuf idea).
 * The content is always NUL-terminated for convenience.
 */
#ifndef BUF_H
#define BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* owned; NULL until the first append */
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* appends beyond this fail */
};

void	buf_init(struct buf *, size_t max);
/* Frees the data; the buffer can be reused after buf_init. NULL-safe. */
void	buf_free(struct buf *);
void	buf_reset(struct buf *);
/* Return 0, or -1 if the limit would be exceeded (content unchanged). */
int	buf_append(struct buf *, const void *p, size_t n);
int	buf_puts(struct buf *, const char *s);
int	buf_printf(struct buf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Appends s with XML special characters escaped. */
int	buf_xml_escape(struct buf *, const char *s);
/* Borrowed pointer to the content ("" when empty). */
const char *buf_str(const struct buf *);

#endif
