/*
 * test_router.c: route matching, captures, 404 versus 405 (no database).
 */
#include <string.h>

#include "core/arena.h"
#include "router.h"
#include "tap.h"

static int h_a(struct req *rq, struct resp *rs) { return 200; }
static int h_b(struct req *rq, struct resp *rs) { return 201; }
static int h_c(struct req *rq, struct resp *rs) { return 202; }

static const struct route troutes[] = {
	{ M_GET,	"/api/v1/cases",		h_a, 0, 0 },
	{ M_POST,	"/api/v1/cases",		h_b, 0, 0 },
	{ M_GET,	"/api/v1/cases/:code",		h_c, 0, 0 },
	{ M_POST,	"/api/v1/cases/:code/actions/:action", h_b, 0, 0 },
	{ 0 }
};

static const struct route *
m(struct req *rq, enum method meth, const char *path, int *st)
{
	rq->method = meth;
	rq->path = path;
	*st = 0;
	return router_match(troutes, rq, st);
}

int
main(void)
{
	struct arena		*a = arena_new(4096);
	struct req		 rq;
	const struct route	*r;
	int			 st;

	memset(&rq, 0, sizeof(rq));
	rq.arena = a;
	r = m(&rq, M_GET, "/api/v1/cases", &st);
	ok(r != NULL && r->fn == h_a, "GET list resolves");
	r = m(&rq, M_POST, "/api/v1/cases", &st);
	ok(r != NULL && r->fn == h_b, "POST create resolves");
	r = m(&rq, M_GET, "/api/v1/cases/PA123", &st);
	ok(r != NULL && r->fn == h_c, "capture route resolves");
	is_str(req_cap(&rq, "code"), "PA123", "capture :code");
	r = m(&rq, M_POST, "/api/v1/cases/9/actions/accept", &st);
	ok(r != NULL, "two captures resolve");
	is_str(req_cap(&rq, "code"), "9", "first capture");
	is_str(req_cap(&rq, "action"), "accept", "second capture");
	r = m(&rq, M_HEAD, "/api/v1/cases", &st);
	ok(r != NULL && r->fn == h_a, "HEAD uses the GET route");
	r = m(&rq, M_DELETE, "/api/v1/cases", &st);
	ok(r == NULL && st == 405, "wrong method is 405");
	r = m(&rq, M_GET, "/api/v1/nothing", &st);
	ok(r == NULL && st == 404, "unknown path is 404");
	r = m(&rq, M_GET, "/api/v1/cases/", &st);
	ok(r == NULL && st == 404, "empty capture does not match");
	r = m(&rq, M_GET, "/api/v1/cases/a/b", &st);
	ok(r == NULL && st == 404, "extra segment does not match");
	r = m(&rq, M_GET, "/api/v1/casesX", &st);
	ok(r == NULL && st == 404, "prefix is not a match");
	ok(app_routes[0].path != NULL, "the real route table is not empty");
	arena_free(a);
	return done();
}
