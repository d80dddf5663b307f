/*
 * response.h: the response being built by a handler: status, extra headers,
 * body. resp_send (worker side) is the only writer to the FastCGI stream.
 */
#ifndef RESPONSE_H
#define RESPONSE_H

#include <jansson.h>

#include "core/buf.h"

struct arena;

struct resp {
	struct arena	*arena;
	struct buf	 body;		/* freed by resp_free */
	const char	*ctype;		/* default application/json */
	struct buf	 headers;	/* extra "Name: value\r\n" lines */
	const char	*lang;		/* "vi" or "en" for error messages */
	const char	*accel;		/* X-Accel-Redirect target or NULL */
};

void	resp_init(struct resp *, struct arena *, size_t max_body);
/* Frees the buffers (the worker calls it after sending). */
void	resp_free(struct resp *);
/* Steals the reference to j; serializes at once. Returns 0 or -1. */
int	resp_json(struct resp *, json_t *j);
/* Adds a header line; name and value must not contain CR/LF. */
void	resp_header(struct resp *, const char *name, const char *value);
/*
 * Sets the standard error body {"error":{"code","message","field"}} and
 * returns status, so handlers can "return resp_error(...)". field may be NULL.
 */
int	resp_error(struct resp *, int status, const char *code,
	    const char *field, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/* Fills the standard error body for a bare status (router fallback). */
void	resp_default_error(struct resp *, int status);
const char *resp_reason(int status);

#endif
