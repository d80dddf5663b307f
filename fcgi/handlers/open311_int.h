/*
 * open311_int.h: helpers shared by the Open311 handlers (open311.c,
 * open311_post.c, open311_form.c); not for other handlers.
 */
#ifndef HANDLERS_OPEN311_INT_H
#define HANDLERS_OPEN311_INT_H

#include <stddef.h>

#include <jansson.h>

#include "model/open311.h"
#include "request.h"
#include "response.h"

struct case_new;

/*
 * Resolves the format from a ":fmt" capture (ext) and checks
 * jurisdiction_id in the query (GETs; the POSTs read theirs from the
 * form, in either encoding, in open311_post.c). Returns 0, or the HTTP
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

/* A file part of a multipart POST; data is borrowed from the body. */
struct o311_file {
	const char		*label;	/* how errors name it (arena) */
	const unsigned char	*data;
	size_t			 len;
};

/* The fields of a POST body (either encoding) and its media[] files. */
struct o311_form {
	struct o311_pair	*p;	/* decoded fields, arena memory */
	size_t			 n;
	struct o311_file	*files;	/* multipart media[] parts */
	size_t			 nfiles;
};

/*
 * Reads the POST body: application/x-www-form-urlencoded (from the
 * FastCGI body or nginx's spooled file, up to max_body_bytes) or
 * multipart/form-data (the spooled file mapped, not copied; fields copied
 * into the arena, at most 64 KiB each and valid UTF-8; parts named media[],
 * media or photo<N> are files, at most MEDIA_MAX_PER_REPORT; other file
 * parts are ignored). Fills *fm (valid until arena_reset). Returns 0, or
 * the HTTP status of the Open311 error already written.
 */
int	o311_form_read(struct req *, struct resp *, enum o311_fmt,
	    struct o311_form *fm);
/* The first non-empty value of key, or NULL (borrowed from fm). */
const char *o311_fget(const struct o311_form *fm, const char *key);
/*
 * Puts fm's files through the upload pipeline: each must be a photo or
 * video by content (else 400 naming the file) within its type's size
 * limit; all are checked, then ingested (media_ingest), then inserted as
 * unattached uploads with a fresh one-time token, and cn->media/nmedia
 * refer to them (arena memory) so store_case_create attaches them in the
 * report's transaction. No files: a no-op. Returns 0, or the HTTP status
 * of the Open311 error already written.
 */
int	o311_media_refs(struct req *, struct resp *, enum o311_fmt,
	    const struct o311_form *fm, struct case_new *cn);

#endif
