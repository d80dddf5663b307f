/*
 * multipart.h: a multipart/form-data (RFC 7578) parser over a body held in
 * memory (a buffer or nginx's spooled body file mapped with mmap). It copies
 * nothing of the content: each part is an offset and a length into the
 * caller's body, so a 100 MB video costs no heap. Pure: no I/O, no
 * allocation; the caller bounds the number of parts.
 */
#ifndef MODEL_MULTIPART_H
#define MODEL_MULTIPART_H

#include <stddef.h>

#define MP_BOUNDARY_MAX	70	/* RFC 2046 §5.1.1 */
#define MP_NAME_MAX	128	/* bytes of a part's name, with the NUL */
#define MP_FILENAME_MAX	256	/* longer file names are cut (UTF-8 safe) */
#define MP_CTYPE_MAX	128	/* longer Content-Types are cut */
#define MP_HEADERS_MAX	8192	/* bytes of one part's header block */

/* One part: its Content-Disposition parameters and where its content is. */
struct mp_part {
	char	name[MP_NAME_MAX];	/* form field name, never empty */
	char	filename[MP_FILENAME_MAX];	/* "" when absent */
	int	has_filename;		/* a filename parameter was given */
	char	ctype[MP_CTYPE_MAX];	/* the part's Content-Type or "" */
	size_t	off;			/* content is body[off, off + len) */
	size_t	len;
};

/*
 * Reads the boundary parameter of a Content-Type header value, which must
 * be multipart/form-data (case-insensitive); the value may be a token or a
 * quoted string. Writes it NUL-terminated into out (size > MP_BOUNDARY_MAX
 * is enough). Returns 0, or -1 when the type is not multipart/form-data or
 * the boundary is missing, empty, longer than 70 bytes or does not fit.
 */
int	multipart_boundary(const char *content_type, char *out, size_t size);

/*
 * Splits body[0, len) at the delimiters "--boundary" (CRLF line ends, as
 * RFC 7578 requires; a preamble before the first delimiter and an
 * epilogue after the closing one are ignored) into parts[0, max). Each
 * part needs a Content-Disposition "form-data" with a name; names longer
 * than MP_NAME_MAX - 1 bytes, header blocks over MP_HEADERS_MAX bytes,
 * more than max parts and a body without the closing delimiter are
 * errors. Borrows body; part offsets refer to it. Returns 0 with *n set,
 * or -1 with a message (English, for the client) in err.
 */
int	multipart_parse(const unsigned char *body, size_t len,
	    const char *boundary, struct mp_part *parts, size_t max,
	    size_t *n, char *err, size_t errsz);

#endif
