/*
 * media.h: the media table (migrations 005, 009): uploads, their one-time
 * upload tokens, attaching them to a report, hiding one from the public,
 * and the "media" array of the case views. Files on disk are lib/media's.
 */
#ifndef STORE_MEDIA_H
#define STORE_MEDIA_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "store/cases.h"

struct db;

#define MEDIA_MAX_PER_REPORT	10

/* An upload to attach: its id and the SHA-256 (hex) of its upload token. */
struct media_ref {
	int64_t	id;
	char	token_hash[65];
};

/* A new upload (strings borrowed for the call). */
struct media_new {
	const char	*kind;		/* "image" | "video" */
	const char	*mime;
	const char	*sha256;	/* content address */
	int64_t		 size;
	int		 width, height;	/* 0 = unknown */
	int64_t		 duration_ms;	/* -1 = unknown */
	int		 has_time;
	time_t		 taken_at;
	int		 has_gps;
	double		 lat, lng;
	const char	*role;		/* "report" | "evidence" */
	const char	*token_hash;	/* SHA-256 hex of the upload token */
	const char	*url_key;	/* random key signing its URLs */
};

/* One stored upload with what access checks need about its case. */
struct media_rec {
	int64_t	id;
	int64_t	case_id;		/* 0 while not attached */
	char	kind[8];
	char	mime[64];
	char	sha256[65];
	char	url_key[44];		/* "" for rows from before 009 */
	int	hidden;
	int64_t	lead_org_id;		/* the case's lead agency, 0 if none */
	int	published;		/* the case's answer is published */
};

/*
 * Inserts an upload, not attached to any case yet. Returns 0 with *id
 * set, or -1 (logged).
 */
struct media_info;

/* Fills mn from what the pipeline found (lib/media); strings borrowed. */
void	media_new_from_info(struct media_new *, const struct media_info *,
	    const char *role, const char *token_hash, const char *url_key);
/* Stores an ingested file already belonging to case_id (channel intake:
 * e-mail, Facebook): insert and attach in one statement pair. 0 or -1. */
int	store_media_add_file(struct db *, int64_t case_id,
	    const struct media_new *, time_t now, int64_t *id);
int	store_media_insert(struct db *, const struct media_new *, time_t now,
	    int64_t *id);

/* Loads one upload. 0 found, 1 no such id, -1 error. */
int	store_media_get(struct db *, int64_t id, struct media_rec *);

/*
 * Attaches uploads to case_id, each only if it is not attached yet and
 * its upload token matches; the token is then cleared (one-time). Requires
 * the caller's open transaction (store_case_create). Returns 0, or -1
 * with res filled (422 invalid_media naming "media", 500 on DB errors).
 * n == 0 is a no-op.
 */
int	store_media_attach(struct db *, int64_t case_id,
	    const struct media_ref *refs, size_t n, struct case_result *res);

/*
 * Hides (hidden = 1) or shows an attached upload to the public, with a
 * non-public case event ("media_hidden"/"media_shown") by who, in one
 * transaction. 0 or -1.
 */
int	store_media_set_hidden(struct db *, const struct media_rec *,
	    int hidden, const struct actor *who, time_t now);

/*
 * The "media" array of a case view (a new reference; an empty array on
 * errors). VIEW_PUBLIC: images not hidden, only once the case's answer is
 * published, with plain display/thumb URLs. Other views: every upload with
 * signed URLs (originals included) that expire after a few hours of wall
 * time; staff views add metadata and the EXIF suggestions.
 */
json_t	*store_media_json(struct db *, int64_t case_id, enum case_view);

#endif
