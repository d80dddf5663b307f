/*
 * open311_int.h: helpers shared by the Open311 handlers (open311.c,
 * open311_post.c); not for other handlers.
 */
#ifndef HANDLERS_OPEN311_INT_H
#define HANDLERS_OPEN311_INT_H

#include <stddef.h>

#include <jansson.h>

#include "model/open311.h"
#include "request.h"
#include "response.h"

/*
 * Resolves the format from a ":fmt" capture (ext) and checks
 * jurisdiction_id (query for GET, form for POST). Returns 0, or the HTTP
 * status of the error already written (404 "Bad extension" as text/plain,
 * 404 unknown jurisdiction in the format).
 */
int	o311_begin(struct req *, struct resp *, const char *ext,
	    enum o311_fmt *f);
/* Same for a capture holding "<name>.<fmt>": the name goes to name. */
int	o311_begin_cap(struct req *, struct resp *, const char *cap,
	    char *name, size_t namesz, enum o311_fmt *f);
/* 404 text/plain "Bad extension" (ADP's answer); returns 404. */
int	o311_bad_extension(struct resp *);
/* Renders v (stolen; NULL gives a 500) as the body; returns status. */
int	o311_send(struct resp *, enum o311_fmt, int status, const char *root,
	    json_t *v);
/* The spec's error list with one error; returns status. */
int	o311_fail(struct resp *, enum o311_fmt, int status, const char *fmt,
	    ...) __attribute__((format(printf, 4, 5)));
/* 1 for "true" (any case) or "1", else 0. */
int	o311_flag(const char *v);

#endif
