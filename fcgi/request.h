/*
 * request.h: one HTTP request as the worker sees it. Everything here lives in
 * the request arena and dies at arena_reset() after the response is sent.
 */
#ifndef REQUEST_H
#define REQUEST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

struct app;
struct arena;
struct db;
struct route;

enum method { M_NONE, M_GET, M_POST, M_PUT, M_PATCH, M_DELETE, M_HEAD };

/* Who is calling: a staff session, an API key, or nobody. */
struct principal {
	int64_t		 user_id;	/* 0 when not a staff session */
	int64_t		 org_id;	/* staff's or API key's organisation */
	unsigned	 roles;		/* WF_ROLE_* bits */
	int		 is_center;	/* belongs to the provincial center */
	const char	*username;
	const char	*display_name;
	const char	*csrf;		/* the session's CSRF token */
	const char	*org_code;
	const char	*org_name;
	int64_t		 api_key_id;	/* 0 when not an API key */
};

struct kv {
	const char	*key;
	const char	*val;
};

#define REQ_MAX_CAPS	4

struct req {
	struct app	*app;
	struct db	*db;
	struct arena	*arena;
	enum method	 method;
	const char	*method_name;
	const char	*path;		/* decoded path without the query */
	const char	*query;		/* raw query string, "" if none */
	const char	*content_type;	/* "" if none */
	const char	*reqid;		/* nginx $request_id, or generated */
	const char	*remote_addr;
	char		*body;		/* NUL-terminated; NULL if none */
	size_t		 body_len;
	json_t		*json;		/* parsed body for R_JSON routes */
	struct kv	*params;	/* every FastCGI param, copied */
	size_t		 nparams;
	struct kv	 caps[REQ_MAX_CAPS];	/* path captures (":code") */
	size_t		 ncaps;
	time_t		 now;		/* business time; injectable in tests */
	time_t		 wall;		/* real time: sessions, lockout */
	struct principal who;
	int		 limit_status;	/* 413/414/431 when a limit was hit */
	const struct route *route;	/* the matched row, or NULL (metrics) */
	struct timespec	 t0;
};

/* Returns the FastCGI param (e.g. "HTTP_COOKIE") or NULL. Borrowed. */
const char	*req_param(const struct req *, const char *name);
/* Path capture by name (without ':'), or NULL. */
const char	*req_cap(const struct req *, const char *name);
/*
 * Decoded query-string value for key (first occurrence), or NULL when
 * absent. An empty value counts as absent. Memory owned by the arena.
 */
const char	*req_query(struct req *, const char *key);
/* Same for a form-encoded body (application/x-www-form-urlencoded). */
const char	*req_form(struct req *, const char *key);
/*
 * For locations where nginx spools the body to a file and passes its path
 * as REQUEST_BODY_FILE (no body over FastCGI, so read_body() left rq->body
 * NULL): reads that file into rq->body / rq->body_len (arena memory,
 * NUL-terminated) so req_form() and form parsers work as usual. A no-op
 * returning 0 when rq->body is set or there is no such param; an empty
 * param (nginx made no file) gives an empty body. Returns 0, or -1 with
 * errno EFBIG when the file is larger than max bytes (answer 413), other
 * errno values when it cannot be read.
 */
int		 req_body_from_file(struct req *, size_t max);
/*
 * The raw body bytes without copying them: rq->body when set, else the
 * REQUEST_BODY_FILE mapped read-only (unmapped at arena_reset, so *p is
 * valid until the request ends); *p may be NULL when *len is 0. Returns 0, or
 * -1 when the file cannot be opened or mapped.
 */
int		 req_body_map(struct req *, const unsigned char **p,
		    size_t *len);
/* The named cookie's value or NULL (arena memory). */
const char	*req_cookie(struct req *, const char *name);

#endif
