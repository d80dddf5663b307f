/*
 * open311.h: the read side of Open311 (services, definitions, requests,
 * tokens, the updates feed) and the Open311 API-key check. Writes go
 * through store/cases.h (store_case_create, store_case_act).
 *
 * Visibility is decided here: confidential and state-secret cases, and
 * cases delivered privately, are never returned (they read as "not
 * found"); no reporter identity is ever selected.
 */
#ifndef STORE_OPEN311_H
#define STORE_OPEN311_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

struct db;

/* An active (not revoked) api_keys row of kind 'open311'. */
struct o311_key {
	int64_t	id;
	int64_t	org_id;		/* 0 when the key has no organisation */
	int	org_is_center;
};

/* GET requests filters; NULL / 0 members are absent. */
struct o311_filter {
	const char	*ids;		/* CSV of case ids: overrides the rest */
	const char	*codes;		/* CSV of service (field) codes */
	const char	*states;	/* CSV of state names */
	time_t		 from, to;	/* received_at window, inclusive */
	int		 limit, offset;
	int		 ext;		/* extensions=true */
	const char	*media_base;	/* prefix of photo URLs (public_url) */
};

/*
 * Looks up the key whose sha256 hex is key_hash. Returns 0 and fills *k,
 * 1 when no active open311 key matches, -1 on a database error.
 */
int	store_o311_key(struct db *, const char *key_hash, struct o311_key *k);

/* Every active field as a service, ordered by sort then code. *out is a
 * new reference (array). 0 or -1. */
int	store_o311_services(struct db *, json_t **out);

/*
 * The service definition {service_code, attributes[]} of an active field.
 * Returns 0 with *out a new reference, 1 for an unknown code, -1.
 */
int	store_o311_definition(struct db *, const char *code, json_t **out);

/*
 * Visible requests matching f, newest first (received_at, then id), as
 * o311_request_json() objects, with attributes/extended_attributes/notes/
 * media_urls when f->ext. media_url is f->media_base followed by the path
 * of the display copy of the case's first public photo (an image not
 * hidden, of a case whose answer is published: the rule of
 * store_media_json's VIEW_PUBLIC), else null; media_urls lists all of
 * them. *out is a new reference (array, maybe empty). 0 or -1.
 */
int	store_o311_requests(struct db *, const struct o311_filter *f,
	    json_t **out);

/*
 * The visible request created through Open311 with this token (cases.
 * channel_ref), with "token" set and media_url as store_o311_requests
 * builds it with media_base. 0 with *out a one-element array (new
 * reference), 1 when unknown or not visible, -1.
 */
int	store_o311_token(struct db *, const char *token, const char *media_base,
	    json_t **out);

/*
 * Public events of visible cases with at in [from, to], in event id order,
 * as o311_update_json() objects. *out is a new reference. 0 or -1.
 */
int	store_o311_updates(struct db *, time_t from, time_t to, int limit,
	    int offset, json_t **out);

/* 0 when case id exists and is visible to Open311, 1 if not, -1. */
int	store_o311_case_visible(struct db *, int64_t id);

/*
 * Upserts the attribute definitions of a data file's "field_attributes"
 * array ({field, code, datatype, required, order, description,
 * datatype_description, variable, values}); NULL is a no-op. Meant for
 * "phananh-admin load" inside its transaction. 0 or -1 (message on stderr
 * naming the bad entry).
 */
int	store_o311_attrs_load(struct db *, const json_t *arr);

#endif
