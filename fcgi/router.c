/*
 * router.c: maps (method, path) to a handler and enforces route flags.
 * It does not parse business fields or talk to the database; see
 * handlers/ and lib/store/.
 */
#include <string.h>

#include "core/arena.h"
#include "core/parse.h"
#include "app.h"
#include "router.h"

static int	match_path(const char *, const char *, struct req *);
static int	check_flags(const struct route *, struct req *, struct resp *);
static int	parse_json(struct req *, struct resp *);
static void	add_allow(const struct route *, struct req *, struct resp *);
static void	free_json(void *);

int
router_dispatch(const struct route *routes, struct req *rq, struct resp *rs)
{
	const struct route	*r;
	int			 status;

	if (rq->limit_status != 0) {
		resp_default_error(rs, rq->limit_status);
		return rq->limit_status;
	}
	r = router_match(routes, rq, &status);
	if (r == NULL) {
		if (status == 405)
			add_allow(routes, rq, rs);
		resp_default_error(rs, status);
		return status;
	}
	rq->route = r;
	status = check_flags(r, rq, rs);
	if (status == 0)
		status = r->fn(rq, rs);
	if (status >= 400 && rs->body.len == 0)
		resp_default_error(rs, status);
	return status;
}

const struct route *
router_match(const struct route *routes, struct req *rq, int *status)
{
	const struct route	*r;
	enum method		 m = rq->method == M_HEAD ? M_GET : rq->method;
	int			 path_seen = 0;

	for (r = routes; r->path != NULL; r++) {
		rq->ncaps = 0;
		if (!match_path(r->path, rq->path, rq))
			continue;
		path_seen = 1;
		if (r->method == m)
			return r;
	}
	rq->ncaps = 0;
	*status = path_seen ? 405 : 404;
	return NULL;
}

/* Matches "/a/:x/b" against "/a/42/b"; captures go into rq->caps. */
static int
match_path(const char *pat, const char *path, struct req *rq)
{
	const char	*pe, *se;

	while (*pat != '\0' && *path != '\0') {
		if (*pat == ':') {
			pe = strchr(pat, '/');
			se = strchr(path, '/');
			if (pe == NULL)
				pe = pat + strlen(pat);
			if (se == NULL)
				se = path + strlen(path);
			if (se == path || rq->ncaps >= REQ_MAX_CAPS)
				return 0;
			rq->caps[rq->ncaps].key = arena_strndup(rq->arena,
			    pat + 1, (size_t)(pe - pat - 1));
			rq->caps[rq->ncaps].val = arena_strndup(rq->arena,
			    path, (size_t)(se - path));
			rq->ncaps++;
			pat = pe;
			path = se;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	return *pat == '\0' && *path == '\0';
}

static int
check_flags(const struct route *r, struct req *rq, struct resp *rs)
{
	int	st;

	if (r->flags & (R_STAFF | R_OPTSTAFF)) {
		st = auth_staff(rq, rs, r->flags);
		if (st != 0)
			return st;
		if (r->roles != 0 && (rq->who.roles & r->roles) == 0)
			return resp_error(rs, 403, "forbidden", NULL,
			    "your role may not use this endpoint");
	}
	if (r->flags & R_APIKEY) {
		st = auth_apikey(rq, rs);
		if (st != 0)
			return st;
	}
	if ((r->flags & R_FORM) && strncmp(rq->content_type,
	    "application/x-www-form-urlencoded", 33) != 0)
		return resp_error(rs, 415, "unsupported_media_type", NULL,
		    "expected application/x-www-form-urlencoded");
	if (r->flags & R_JSON)
		return parse_json(rq, rs);
	return 0;
}

static int
parse_json(struct req *rq, struct resp *rs)
{
	json_error_t	je;

	if (strncmp(rq->content_type, "application/json", 16) != 0)
		return resp_error(rs, 415, "unsupported_media_type", NULL,
		    "expected Content-Type: application/json");
	if (rq->body == NULL || rq->body_len == 0)
		return resp_error(rs, 400, "empty_body", NULL,
		    "a JSON object is required");
	if (json_depth_ok(rq->body, rq->body_len,
	    rq->app->conf.max_json_depth) == -1)
		return resp_error(rs, 400, "json_too_deep", NULL,
		    "JSON nesting deeper than %d", rq->app->conf.max_json_depth);
	rq->json = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES,
	    &je);
	if (rq->json == NULL)
		return resp_error(rs, 400, "invalid_json", NULL,
		    "malformed JSON at line %d column %d: %s", je.line,
		    je.column, je.text);
	arena_on_reset(rq->arena, free_json, rq->json);
	if (!json_is_object(rq->json))
		return resp_error(rs, 400, "invalid_json", NULL,
		    "the body must be a JSON object");
	return 0;
}

static void
add_allow(const struct route *routes, struct req *rq, struct resp *rs)
{
	static const char *const names[] = { "", "GET", "POST", "PUT",
	    "PATCH", "DELETE", "HEAD" };
	const struct route	*r;
	char			 allow[64] = "";

	for (r = routes; r->path != NULL; r++) {
		rq->ncaps = 0;
		if (!match_path(r->path, rq->path, rq))
			continue;
		if (allow[0] != '\0')
			strncat(allow, ", ", sizeof(allow) - strlen(allow) - 1);
		strncat(allow, names[r->method], sizeof(allow) - strlen(allow) - 1);
	}
	rq->ncaps = 0;
	resp_header(rs, "Allow", allow);
}

static void
free_json(void *p)
{
	json_decref(p);
}
